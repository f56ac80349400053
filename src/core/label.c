/*
 * label.c -- the label's "previous day" value, shared by the triad and
 * tagraxofusp modules.
 */
#include "label.h"

bool
cls_previous_day_value(const cls_obs *obs, size_t n, cls_analyte analyte,
					   int64_t t, double *value, int64_t *when)
{
	int64_t		hi = t - CLS_PREV_DAY_MIN_USECS;
	int64_t		lo = t - CLS_PREV_DAY_MAX_USECS;
	size_t		a = cls_obs_upper_bound(obs, n, hi);

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
