/*
 * episodes.c -- interval eras and state episodes (cls core, SPEC.md 5).
 *
 * No clinical number lives here: every duration is a caller's parameter.
 * See episodes.h for the semantics; README "Episode windows" for users.
 */
#include "episodes.h"

static cls_interrupt_fn interrupt_hook = NULL;

void
cls_episodes_set_interrupt_hook(cls_interrupt_fn fn)
{
	interrupt_hook = fn;
}

static inline void
check_interrupts(void)
{
	if (interrupt_hook)
		interrupt_hook();
}

/*
 * In-place introsort (quicksort, median of three, insertion sort below 16
 * elements, heapsort when the recursion gets too deep), generated for each
 * element type from a LESS(a, b) macro.  No allocation, O(n log n) worst
 * case, and the interrupt hook is called before each partition of at least
 * 4096 elements, so a cancel is seen within a few thousand comparisons.
 */
#define CLS_DEFINE_SORT(NAME, T, LESS) \
static void \
NAME##_insertion(T *a, size_t n) \
{ \
	for (size_t i = 1; i < n; i++) \
	{ \
		T			x = a[i]; \
		size_t		j = i; \
		while (j > 0 && LESS(x, a[j - 1])) \
		{ \
			a[j] = a[j - 1]; \
			j--; \
		} \
		a[j] = x; \
	} \
} \
static void \
NAME##_sift(T *a, size_t root, size_t n) \
{ \
	T			x = a[root]; \
	for (;;) \
	{ \
		size_t		child = 2 * root + 1; \
		if (child >= n) \
			break; \
		if (child + 1 < n && LESS(a[child], a[child + 1])) \
			child++; \
		if (!LESS(x, a[child])) \
			break; \
		a[root] = a[child]; \
		root = child; \
	} \
	a[root] = x; \
} \
static void \
NAME##_heapsort(T *a, size_t n) \
{ \
	for (size_t i = n / 2; i-- > 0;) \
	{ \
		if ((i & 4095) == 0) \
			check_interrupts(); \
		NAME##_sift(a, i, n); \
	} \
	for (size_t i = n; i-- > 1;) \
	{ \
		T			tmp = a[0]; \
		if ((i & 4095) == 0) \
			check_interrupts(); \
		a[0] = a[i]; \
		a[i] = tmp; \
		NAME##_sift(a, 0, i); \
	} \
} \
static void \
NAME##_intro(T *a, size_t n, int depth) \
{ \
	while (n > 16) \
	{ \
		size_t		mid = n / 2, i, j; \
		T			pivot, tmp; \
		if (n >= 4096) \
			check_interrupts(); \
		if (depth-- == 0) \
		{ \
			NAME##_heapsort(a, n); \
			return; \
		} \
		/* median of three into a[mid] */ \
		if (LESS(a[mid], a[0])) { tmp = a[mid]; a[mid] = a[0]; a[0] = tmp; } \
		if (LESS(a[n - 1], a[mid])) \
		{ \
			tmp = a[mid]; a[mid] = a[n - 1]; a[n - 1] = tmp; \
			if (LESS(a[mid], a[0])) { tmp = a[mid]; a[mid] = a[0]; a[0] = tmp; } \
		} \
		pivot = a[mid]; \
		/* Hoare partition: a[0..j] <= pivot <= a[j+1..n-1] */ \
		i = 0; \
		j = n - 1; \
		for (;;) \
		{ \
			while (LESS(a[i], pivot)) \
				i++; \
			while (LESS(pivot, a[j])) \
				j--; \
			if (i >= j) \
				break; \
			tmp = a[i]; a[i] = a[j]; a[j] = tmp; \
			i++; \
			j--; \
		} \
		/* recurse into the smaller part, loop on the larger */ \
		if (j + 1 < n - (j + 1)) \
		{ \
			NAME##_intro(a, j + 1, depth); \
			a += j + 1; \
			n -= j + 1; \
		} \
		else \
		{ \
			NAME##_intro(a + j + 1, n - (j + 1), depth); \
			n = j + 1; \
		} \
	} \
	NAME##_insertion(a, n); \
} \
static void \
NAME(T *a, size_t n) \
{ \
	int			depth = 0; \
	for (size_t m = n; m > 1; m >>= 1) \
		depth += 2; \
	if (n > 1) \
		NAME##_intro(a, n, depth); \
}

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
			check_interrupts();
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
			check_interrupts();
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
