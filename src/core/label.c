/*
 * label.c -- the label's "previous day" value, shared by the triad and
 * tagraxofusp modules.
 */
#include "label.h"

#include "cycles.h"

bool
cls_previous_day_value(const cls_calendar *cal, const cls_obs *obs, size_t n, cls_analyte analyte,
					   int64_t t, double *value, int64_t *when)
{
	int64_t		date = cls_date_of(cal, t);
	size_t		a = 0,
				b = n;

	/* first index on t's date or later (dates do not decrease in time; a
	 * search on the date, not on date x 24 h, which overflows at the ends
	 * of the time range) */
	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (cls_date_of(cal, obs[m].t) < date)
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

		if (cls_date_of(cal, o->t) < date - 1)
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
