/* Core unit tests: observation order and the label's previous-day value. */
#include "label.h"
#include "unit.h"

#define H CLS_USECS_PER_HOUR

/* a fake zone 5 h west of UTC */
static int64_t
west5(const void *ctx, int64_t t)
{
	(void) ctx;
	(void) t;
	return -5 * CLS_USECS_PER_HOUR;
}

int
main(void)
{
	cls_obs		o[] = {
		{30 * H, 71.0, CLS_A_WEIGHT},
		{0, 70.0, CLS_A_WEIGHT},
		{10 * H, 3.4, CLS_A_ALBUMIN},
		{12 * H, 70.5, CLS_A_WEIGHT},
		{48 * H, 72.0, CLS_A_WEIGHT},
		{12 * H, 70.6, CLS_A_WEIGHT},	/* tie in time */
	};
	size_t		n = sizeof(o) / sizeof(o[0]);
	double		v = 0;
	int64_t		w = 0;

	cls_obs_sort(o, n);
	CHECK(o[0].t == 0 && o[1].t == 10 * H && o[5].t == 48 * H, "sorted by time");
	CHECK(o[3].t == 12 * H && o[3].v == 70.6, "ties ordered by value");

	/* the previous day is the previous DATE (00:00-24:00), whatever the
	 * hours: weights at 0 h and 12 h are on date 0, 30 h on date 1 */
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, 48 * H, &v, &w) && v == 71.0 && w == 30 * H,
		  "previous day weight at 48 h (date 2) is the 30 h weight (date 1)");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, 42 * H, &v, &w) && w == 12 * H,
		  "at 42 h (date 1) the previous date's latest weight is at 12 h, not the 30 h one of the same date");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, 24 * H, &v, &w) && w == 12 * H && v == 70.6,
		  "at 24 h (00:00 of date 1): 12 h weight; tie at one time: the larger value, whatever the input order");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, 24 * H - 1, &v, &w) == false,
		  "at 23:59:59.999999 of date 0 there is no previous date's weight");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, 11 * H, &v, &w) == false,
		  "nothing on the date before 11 h");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, 72 * H, &v, &w) && w == 48 * H,
		  "at 72 h (date 3): the 48 h weight (00:00 of date 2)");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, 96 * H, &v, &w) == false,
		  "two dates later: not the previous day");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_ALBUMIN, 48 * H, &v, &w) == false,
		  "albumin on date 0 is not the previous day of date 2");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_ALBUMIN, 46 * H - 23 * H, &v, &w) == false,
		  "albumin at 10 h is on the same date as 23 h");
	CHECK(cls_previous_day_value(NULL, o, n, CLS_A_ALBUMIN, 30 * H, &v, &w) && v == 3.4,
		  "albumin at 10 h of date 0 is the previous day of 30 h");
	CHECK(cls_previous_day_value(NULL, o, 0, CLS_A_WEIGHT, 48 * H, &v, &w) == false, "empty");
	{
		/* the label's case: a weight at 23:00 and the next at 07:00 the
		 * next date are a day apart (the old 12-36 h rule said no); dates
		 * before 2000-01-01 (negative times) floor correctly */
		cls_obs		p[] = {{-H, 70.0, CLS_A_WEIGHT}, {7 * H, 71.6, CLS_A_WEIGHT},
		{23 * H, 72.0, CLS_A_WEIGHT}, {31 * H, 73.6, CLS_A_WEIGHT}};

		cls_obs_sort(p, 4);
		CHECK(cls_previous_day_value(NULL, p, 4, CLS_A_WEIGHT, 31 * H, &v, &w) && w == 23 * H && v == 72.0,
			  "23:00 weight is the previous day's for 07:00 the next date");
		CHECK(cls_previous_day_value(NULL, p, 4, CLS_A_WEIGHT, 7 * H, &v, &w) && w == -H && v == 70.0,
			  "23:00 on 1999-12-31 is the previous day's for 07:00 on 2000-01-01");
		CHECK(cls_previous_day_value(NULL, p, 4, CLS_A_WEIGHT, 23 * H, &v, &w) && w == -H,
			  "a weight earlier on the same date is not the previous day's");
	}
	{
		/* in a calendar: a weight at 23:00 local (UTC-5: 04:00 UTC the
		 * next date) and the next at 07:00 the next local date (12:00
		 * UTC, the same UTC date) */
		cls_calendar west = {west5, NULL};
		cls_obs		p[] = {{28 * H, 70.0, CLS_A_WEIGHT}, {36 * H, 71.6, CLS_A_WEIGHT},
		{20 * H, 69.0, CLS_A_WEIGHT}};

		cls_obs_sort(p, 3);
		CHECK(cls_previous_day_value(&west, p, 3, CLS_A_WEIGHT, 36 * H, &v, &w) &&
			  w == 28 * H && v == 70.0,
			  "a weight at 23:00 local is the previous day's for 07:00 the next local date");
		CHECK(cls_previous_day_value(NULL, p, 3, CLS_A_WEIGHT, 36 * H, &v, &w) &&
			  w == 20 * H && v == 69.0,
			  "in UTC the same instants are one date: the previous day's is the 20:00 UTC one");
		CHECK(cls_previous_day_value(&west, p, 3, CLS_A_WEIGHT, 28 * H, &v, &w) == false,
			  "15:00 local on the same local date is not the previous day's for 23:00");
	}
	return unit_done("label");
}
