/*
 * cycles.c -- dose anchoring: 21-day cycles from dose times (see cycles.h).
 */
#include "cycles.h"

#include <stdlib.h>

#include "label.h"

int64_t
cls_date_of(const cls_calendar *cal, int64_t t)
{
	return cls_calendar_date(cal, t);
}

int64_t
cls_days_since(const cls_calendar *cal, int64_t t, int64_t first_dose)
{
	return cls_date_of(cal, t) - cls_date_of(cal, first_dose);
}

static int
i64_cmp(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a;
	int64_t		y = *(const int64_t *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

size_t
cls_doses_normalize(int64_t *doses, size_t n)
{
	size_t		m = 0;

	if (n > 1)
		qsort(doses, n, sizeof(int64_t), i64_cmp);
	for (size_t i = 0; i < n; i++)
		if (m == 0 || doses[m - 1] != doses[i])
			doses[m++] = doses[i];
	return m;
}

size_t
cls_cycles_build(const cls_calendar *cal, const int64_t *doses, size_t n,
				 cls_cycle *out)
{
	size_t		nc = 0;
	int64_t		last_day = 0;

	for (size_t i = 0; i < n; i++)
	{
		int64_t		day;

		/* "a 21-day cycle" (ELZONRIS US PI 12/2018): 21 dates */
		if (nc == 0 ||
			cls_days_since(cal, doses[i], out[nc - 1].start) >= CLS_LABEL_CYCLE_DAYS)
		{
			cls_cycle  *c = &out[nc++];

			c->cycle_no = (int32_t) nc;
			c->start = doses[i];
			c->last_dose = doses[i];
			c->n_doses = 0;
			c->n_days = 0;
			c->first = i;
			last_day = -1;
		}
		day = cls_days_since(cal, doses[i], out[nc - 1].start);
		out[nc - 1].last_dose = doses[i];
		out[nc - 1].n_doses++;
		if (day != last_day)
		{
			out[nc - 1].n_days++;
			last_day = day;
		}
	}
	return nc;
}

long
cls_cycle_of(const cls_calendar *cal, const cls_cycle *cycles, size_t nc, int64_t t,
			 int32_t *cycle_no, int64_t *cycle_day, int64_t *start)
{
	size_t		a = 0,
				b = nc;

	int64_t		date = cls_date_of(cal, t);

	if (nc == 0 || date < cls_date_of(cal, cycles[0].start))
	{
		*cycle_no = 0;
		*start = nc ? cycles[0].start : t;
		/* no day 0: the date before the first dose is day -1 */
		*cycle_day = nc ? cls_days_since(cal, t, cycles[0].start) : 0;
		return -1;
	}
	/* last cycle whose first dose's date is <= the date of t (cycles start
	 * on distinct dates, 21 or more apart) */
	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (cls_date_of(cal, cycles[m].start) <= date)
			a = m + 1;
		else
			b = m;
	}
	*cycle_no = cycles[a - 1].cycle_no;
	*start = cycles[a - 1].start;
	*cycle_day = cls_days_since(cal, t, cycles[a - 1].start) + 1;
	return (long) (a - 1);
}

size_t
cls_cycle_dosing_days(const cls_calendar *cal, const cls_cycle *c,
					  const int64_t *doses, int32_t *days)
{
	size_t		m = 0;

	for (int32_t i = 0; i < c->n_doses; i++)
	{
		int32_t		d = (int32_t) (cls_days_since(cal, doses[c->first + i], c->start) + 1);

		if (m == 0 || days[m - 1] != d)
			days[m++] = d;
	}
	return m;
}
