/*
 * obs.c -- the total order of observations and the one bound search over
 * time (see obs.h).
 */
#include "obs.h"

#include "sort.h"

/* Total order (t, analyte, v); v is never NaN here (values are checked for
 * plausibility before they are buffered). */
#define OBS_LESS(x, y) \
	((x).t < (y).t || ((x).t == (y).t && ((x).analyte < (y).analyte || \
	 ((x).analyte == (y).analyte && (x).v < (y).v))))
CLS_DEFINE_SORT(obs_sort, cls_obs, OBS_LESS)

void
cls_obs_sort(cls_obs *obs, size_t n)
{
	obs_sort(obs, n);
}

/* the first index in [0, n) whose time is > t (strict) or >= t */
static size_t
bound(const cls_obs *obs, size_t n, int64_t t, bool strict)
{
	size_t		a = 0,
				b = n;

	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (obs[m].t < t || (strict && obs[m].t == t))
			a = m + 1;
		else
			b = m;
	}
	return a;
}

size_t
cls_obs_lower_bound(const cls_obs *obs, size_t n, int64_t t)
{
	return bound(obs, n, t, false);
}

size_t
cls_obs_upper_bound(const cls_obs *obs, size_t n, int64_t t)
{
	return bound(obs, n, t, true);
}
