/*
 * label.c -- helpers shared by the triad and tagraxofusp modules: the total
 * order of observations and the label's "previous day" value.
 */
#include "label.h"

#include "sort.h"

/* Total order (t, analyte, v); v is never NaN here (values are checked for
 * plausibility before they are buffered). */
#define OBS_LESS(x, y) \
	((x).t < (y).t || ((x).t == (y).t && ((x).analyte < (y).analyte || \
	 ((x).analyte == (y).analyte && (x).v < (y).v))))
CLS_DEFINE_SORT(obs_sort, cls_obs, OBS_LESS)

/* In place, O(n log n) worst case, and cancellable (sort.h). */
void
cls_obs_sort(cls_obs *obs, size_t n)
{
	obs_sort(obs, n);
}

bool
cls_previous_day_value(const cls_obs *obs, size_t n, cls_analyte analyte,
					   int64_t t, double *value, int64_t *when)
{
	int64_t		hi = t - CLS_PREV_DAY_MIN_USECS;
	int64_t		lo = t - CLS_PREV_DAY_MAX_USECS;
	size_t		a = 0,
				b = n;

	/* first index with time > hi */
	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (obs[m].t <= hi)
			a = m + 1;
		else
			b = m;
	}
	/* walk back to the latest observation of the analyte in [lo, hi]; on a
	 * tie in time, the largest value sorts last and is taken, so the
	 * choice does not depend on input order */
	while (a > 0)
	{
		const cls_obs *o = &obs[--a];

		if (o->t < lo)
			break;
		if (o->analyte == (int32_t) analyte)
		{
			*value = o->v;
			*when = o->t;
			return true;
		}
	}
	return false;
}
