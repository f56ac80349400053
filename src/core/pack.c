/*
 * pack.c -- decoding, appending and validating packed streams (pack.h).
 */
#include "pack.h"

#include <math.h>

#include "sort.h"

/* the int64 / double of an escape at w[i] (w[i] is the escape word) */
static inline int64_t
raw_time(const uint32_t *w, size_t i)
{
	int64_t		t;

	memcpy(&t, &w[i + 1], 8);
	return t;
}

static inline double
raw_value(const uint32_t *w, size_t i)
{
	double		v;

	memcpy(&v, &w[i + 1], 8);
	return v;
}

/* one time at w[*i] after prev; advances *i */
static inline int64_t
next_time(const uint32_t *w, size_t *i, int64_t prev)
{
	int32_t		q = (int32_t) w[*i];

	if (q == CLS_PACK_ESC)
	{
		int64_t		t = raw_time(w, *i);

		*i += 3;
		return t;
	}
	*i += 1;
	return cls_pack_time_of_word(q, prev);
}

static inline double
next_value(const uint32_t *w, size_t *i)
{
	int32_t		q = (int32_t) w[*i];

	if (q == CLS_PACK_ESC)
	{
		double		v = raw_value(w, *i);

		*i += 3;
		return v;
	}
	*i += 1;
	return cls_pack_value_of_word(q);
}

/* the entries after *c: times into t, values into v, or both into obs
 * (each NULL when not wanted) */
static size_t
decode(const cls_pack *p, cls_pack_cursor *c, int64_t *t, double *v,
	   cls_obs *obs, int32_t analyte)
{
	size_t		i = c->nw,
				k = 0,
				todo = p->n - c->n;
	int64_t		prev = c->t;

	for (; k < todo; k++)
	{
		double		x = 0;

		if ((k & 1048575) == 1048575)
			cls_check_interrupts();
		prev = next_time(p->w, &i, prev);
		if (p->values)
			x = next_value(p->w, &i);
		if (obs)
		{
			obs[k].t = prev;
			obs[k].v = x;
			obs[k].analyte = analyte;
		}
		else
		{
			t[k] = prev;
			if (v)
				v[k] = x;
		}
	}
	c->nw = i;
	c->n += k;
	c->t = prev;
	return k;
}

size_t
cls_pack_decode(const cls_pack *p, cls_pack_cursor *c, int64_t *t, double *v)
{
	return decode(p, c, t, v, NULL, 0);
}

size_t
cls_pack_decode_obs(const cls_pack *p, cls_pack_cursor *c, int32_t analyte,
					cls_obs *out)
{
	return decode(p, c, NULL, NULL, out, analyte);
}

size_t
cls_pack_runs(const cls_pack *p, int32_t analyte, cls_pack_run *runs,
			  size_t max)
{
	cls_pack_cursor c = CLS_PACK_START;
	size_t		k = 0;
	int64_t		pt = 0;
	double		pv = 0;

	while (c.n < p->n)
	{
		cls_pack_cursor at = c;
		int64_t		t;
		double		v;

		if ((c.n & 1048575) == 1048575)
			cls_check_interrupts();
		t = next_time(p->w, &c.nw, c.t);
		v = next_value(p->w, &c.nw);
		c.t = t;
		if (at.n == 0 || t < pt || (t == pt && v < pv))
		{
			/* a new run begins at this entry */
			if (k > 0)
				runs[k - 1].end = at.n;
			if (k == max)
				return max + 1;
			runs[k].p = p;
			runs[k].analyte = analyte;
			runs[k].c = at;
			k++;
		}
		c.n++;
		pt = t;
		pv = v;
	}
	if (k > 0)
		runs[k - 1].end = p->n;
	return k;
}

/* a run's head: its next entry, decoded */
typedef struct run_head
{
	cls_obs		o;
	cls_pack_run *r;
} run_head;

static inline void
run_next(run_head *h)
{
	cls_pack_run *r = h->r;

	r->c.t = next_time(r->p->w, &r->c.nw, r->c.t);
	h->o.t = r->c.t;
	h->o.v = next_value(r->p->w, &r->c.nw);
	h->o.analyte = r->analyte;
	r->c.n++;
}

void
cls_pack_merge_runs(cls_pack_run *runs, size_t k, cls_obs *out)
{
	run_head	heads[CLS_PACK_MAX_RUNS];
	size_t		live = 0,
				o = 0;

	/* a linear scan of the heads: k is a handful (streams x partial
	 * states), at most CLS_PACK_MAX_RUNS (the callers' contract; more
	 * would not fit the heads) */
	if (k > CLS_PACK_MAX_RUNS)
		k = CLS_PACK_MAX_RUNS;
	for (size_t i = 0; i < k; i++)
		if (runs[i].c.n < runs[i].end)
		{
			heads[live].r = &runs[i];
			run_next(&heads[live]);
			live++;
		}
	while (live > 0)
	{
		size_t		m = 0;

		for (size_t i = 1; i < live; i++)
			if (cls_obs_less(&heads[i].o, &heads[m].o))
				m = i;
		if ((o & 1048575) == 1048575)
			cls_check_interrupts();
		out[o++] = heads[m].o;
		if (heads[m].r->c.n < heads[m].r->end)
			run_next(&heads[m]);
		else
			heads[m] = heads[--live];
	}
}

void
cls_pack_append(cls_pack *dst, const cls_pack *src)
{
	size_t		i = 0;
	int64_t		t;

	if (src->n == 0)
		return;
	/* the first entry is re-encoded after dst's last time; the others are
	 * relative to their predecessor in src, as they stay */
	t = next_time(src->w, &i, 0);
	if (src->values)
		cls_pack_put(dst, t, next_value(src->w, &i));
	else
		cls_pack_put_time(dst, t);
	memcpy(dst->w + dst->nw, src->w + i, (src->nw - i) * sizeof(uint32_t));
	dst->nw += src->nw - i;
	dst->n += src->n - 1;
	dst->sorted = dst->sorted && src->sorted;
	dst->last_t = src->last_t;
	dst->last_v = src->last_v;
}

const char *
cls_pack_check(cls_pack *p)
{
	size_t		i = 0;
	int64_t		prev = 0;
	double		pv = 0;

	p->sorted = true;
	for (size_t k = 0; k < p->n; k++)
	{
		int64_t		t;
		double		v = 0;

		if ((k & 65535) == 65535)
			cls_check_interrupts();
		/* the entry's words are there: a time word (escape: 3 words),
		 * then for a value stream a value word (escape: 3 words) */
		if (i >= p->nw ||
			((int32_t) p->w[i] == CLS_PACK_ESC && p->nw - i < 3))
			return "truncated stream";
		t = next_time(p->w, &i, prev);
		if (t < CLS_TIME_MIN || t >= CLS_TIME_END)
			return "time out of range";
		if (p->values)
		{
			if (i >= p->nw ||
				((int32_t) p->w[i] == CLS_PACK_ESC && p->nw - i < 3))
				return "truncated stream";
			v = next_value(p->w, &i);
			if (!isfinite(v))
				return "value not finite";
		}
		if (k > 0 && (t < prev || (p->values && t == prev && v < pv)))
			p->sorted = false;
		prev = t;
		pv = v;
	}
	if (i != p->nw)
		return "stream length does not match its entries";
	p->last_t = prev;
	p->last_v = pv;
	return NULL;
}
