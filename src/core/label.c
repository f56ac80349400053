/*
 * label.c -- helpers shared by the triad and tagraxofusp modules: the total
 * order of observations and the label's "previous day" value.
 */
#include "label.h"

#include "cycles.h"
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
	int64_t		date = cls_date_of(t);
	size_t		a = 0,
				b = n;

	/* first index on t's date or later (dates do not decrease in time) */
	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (cls_date_of(obs[m].t) < date)
			a = m + 1;
		else
			b = m;
	}
	/* walk back to the latest observation of the analyte on the previous
	 * date; on a tie in time, the largest value sorts last and is taken, so
	 * the choice does not depend on input order */
	while (a > 0)
	{
		const cls_obs *o = &obs[--a];

		if (cls_date_of(o->t) < date - 1)
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
