/*
 * episodes.c -- interval eras and state episodes (cls core, README: Episode windows).
 *
 * No clinical number lives here: every duration is a caller's parameter.
 * See episodes.h for the semantics; README "Episode windows" for users.
 */
#include "episodes.h"
#include "sort.h"

/* Observations: t ascending, then active (true) before inactive. */
#define OBS_LESS(x, y) \
	((x).t < (y).t || ((x).t == (y).t && (x).active && !(y).active))
CLS_DEFINE_SORT(obs_sort, cls_state_obs, OBS_LESS)

/* Spans: start ascending, then end ascending (a total order). */
#define SPAN_LESS(x, y) \
	((x).start < (y).start || ((x).start == (y).start && (x).end < (y).end))
CLS_DEFINE_SORT(span_sort, cls_span, SPAN_LESS)

void
cls_state_obs_sort(cls_state_obs *obs, size_t n)
{
	obs_sort(obs, n);
}

void
cls_state_obs_from_times(const int64_t *act, size_t na, const int64_t *inact,
						 size_t ni, cls_state_obs *out)
{
	size_t		i = 0,
				j = 0,
				k = 0;

	/* at one time, active first (the order of cls_state_obs_sort) */
	while (i < na || j < ni)
	{
		bool		take_act = (j == ni) || (i < na && act[i] <= inact[j]);

		if ((k & 1048575) == 0)
			cls_check_interrupts();
		out[k].t = take_act ? act[i++] : inact[j++];
		out[k].active = take_act;
		k++;
	}
}

void
cls_span_sort(cls_span *spans, size_t n)
{
	span_sort(spans, n);
}

size_t
cls_span_union_gap(cls_span *spans, size_t n, int64_t gap)
{
	size_t		k = 0;

	if (gap < 0)
		gap = 0;
	if (n == 0)
		return 0;
	span_sort(spans, n);
	for (size_t i = 1; i < n; i++)
	{
		if ((i & 65535) == 0)
			cls_check_interrupts();
		/* spans[k].end is the latest end so far (starts are sorted) */
		if (spans[i].start <= cls_sat_add(spans[k].end, gap))
		{
			if (spans[i].end > spans[k].end)
				spans[k].end = spans[i].end;
		}
		else
			spans[++k] = spans[i];
	}
	return k + 1;
}

size_t
cls_span_union(cls_span *spans, size_t n)
{
	return cls_span_union_gap(spans, n, 0);
}

/* Append episode [start, end] to out[0..*k), merging it into the previous
 * one when the gap is <= max_gap (ends come in increasing order). */
static inline void
emit_episode(cls_span *out, size_t *k, int64_t start, int64_t end,
			 int64_t max_gap)
{
	if (*k > 0 && start <= cls_sat_add(out[*k - 1].end, max_gap))
	{
		if (end > out[*k - 1].end)
			out[*k - 1].end = end;
		return;
	}
	out[*k].start = start;
	out[*k].end = end;
	(*k)++;
}

size_t
cls_state_episodes(const cls_state_obs *obs, size_t n,
				   const cls_state_params *p, cls_span *out)
{
	int64_t		max_gap = p->max_gap > 0 ? p->max_gap : 0;
	int64_t		hold = p->hold > 0 ? p->hold : 0;
	int64_t		min_duration = p->min_duration > 0 ? p->min_duration : 0;
	size_t		k = 0,
				kept = 0;
	bool		running = false;
	int64_t		start = 0,
				last_active = 0;
	size_t		i = 0;

	while (i < n)
	{
		int64_t		t = obs[i].t;
		bool		active = obs[i].active; /* active sorts first: a tie is
											 * active */

		if ((i & 65535) == 0)
			cls_check_interrupts();
		/* skip the other observations at this time */
		while (++i < n && obs[i].t == t)
			;

		if (active)
		{
			int64_t		expiry;

			if (running && t > (expiry = cls_sat_add(last_active, hold)))
			{
				/* the last active observation expired before this one */
				emit_episode(out, &k, start, expiry, max_gap);
				running = false;
			}
			if (!running)
			{
				start = t;
				running = true;
			}
			last_active = t;
		}
		else if (running)
		{
			int64_t		expiry = cls_sat_add(last_active, hold);

			/* resolved: the first inactive observation, unless the hold
			 * ran out before it */
			emit_episode(out, &k, start, t < expiry ? t : expiry, max_gap);
			running = false;
		}
	}
	if (running)
		emit_episode(out, &k, start, cls_sat_add(last_active, hold), max_gap);

	/* drop episodes shorter than min_duration (end - start < min_duration) */
	for (size_t j = 0; j < k; j++)
	{
		/* end >= start, so the unsigned difference is exact */
		if ((uint64_t) out[j].end - (uint64_t) out[j].start <
			(uint64_t) min_duration)
			continue;
		out[kept++] = out[j];
	}
	return kept;
}

bool
cls_eras_compact(cls_eras_acc *a)
{
	a->n = cls_span_union_gap(a->spans, a->n, a->gap);
	a->nmerged = a->n;
	return a->n > a->cap / 2;
}

bool
cls_eras_add_new(cls_eras_acc *a, int64_t lo, int64_t hi, bool in_order)
{
	/* (extending the last era of input in time order: cls_eras_add) */
	if (a->n == a->cap)
	{
		if (cls_eras_compact(a))
			return false;
		return cls_eras_add(a, lo, hi);
	}
	if (in_order || a->n == 0)
		a->nmerged = a->n + 1;	/* the new span keeps the prefix merged */
	a->spans[a->n].start = lo;
	a->spans[a->n].end = hi;
	a->n++;
	return true;
}
