/* Core unit tests: dose anchoring (cycles.c). */
#include "cycles.h"
#include "label.h"
#include "unit.h"

#define H CLS_USECS_PER_HOUR
#define D CLS_USECS_PER_DAY

/* a fake zone 5 h west of UTC (the glue supplies PostgreSQL's zone data;
 * the core only calls utc_offset) */
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
	/* cycle 1: days 1-5 (one duplicate dose, one on day 8 after a delay);
	 * cycle 2 starts exactly 21 days after cycle 1; cycle 3 after a delay */
	int64_t		d[] = {
		2 * D, 0, D, 3 * D, 4 * D, 0, 7 * D + 5 * H,
		21 * D, 22 * D, 21 * D + 20 * H,
		21 * D + 21 * D - 1,	/* 1 us before 21 days after cycle 2: stays */
		45 * D, 46 * D,
	};
	size_t		n = sizeof(d) / sizeof(d[0]);
	cls_cycle	c[16];
	size_t		nc;
	int32_t		no;
	int64_t		day,
				start;
	int32_t		days[16];
	long		idx;

	CHECK(cls_floor_div(-1, 24) == -1 && cls_floor_div(-24, 24) == -1 &&
		  cls_floor_div(-25, 24) == -2 && cls_floor_div(23, 24) == 0 &&
		  cls_floor_div(0, 24) == 0, "floor division toward minus infinity");
	CHECK(cls_days_since(NULL, 0, 0) == 0 && cls_days_since(NULL, D - 1, 0) == 0 &&
		  cls_days_since(NULL, D, 0) == 1 && cls_days_since(NULL, -1, 0) == -1 &&
		  cls_days_since(NULL, -D, 0) == -1 && cls_days_since(NULL, -D - 1, 0) == -2,
		  "days since first dose: 0 in the first 24 h, -1 in the 24 h before");

	n = cls_doses_normalize(d, n);
	CHECK(n == 12, "duplicate dose removed (%zu)", n);
	CHECK(d[0] == 0 && d[11] == 46 * D, "sorted");
	nc = cls_cycles_build(NULL, d, n, c);
	CHECK(nc == 3, "three cycles (%zu)", nc);
	CHECK(c[0].cycle_no == 1 && c[0].start == 0 && c[0].n_doses == 6 &&
		  c[0].n_days == 6 && c[0].last_dose == 7 * D + 5 * H, "cycle 1");
	CHECK(c[1].cycle_no == 2 && c[1].start == 21 * D && c[1].n_doses == 4 &&
		  c[1].n_days == 3, "cycle 2 starts exactly 21 days after cycle 1; two doses on its day 1");
	CHECK(c[2].start == 45 * D && c[2].n_doses == 2, "cycle 3 after a delay");
	CHECK(cls_cycle_dosing_days(NULL, &c[0], d, days) == 6 && days[0] == 1 &&
		  days[4] == 5 && days[5] == 8, "cycle 1 dosing days 1-5 and 8");
	CHECK(cls_cycle_dosing_days(NULL, &c[1], d, days) == 3 && days[0] == 1 &&
		  days[1] == 2 && days[2] == 21, "cycle 2 dosing days 1, 2, 21");

	idx = cls_cycle_of(NULL, c, nc, -1, &no, &day, &start);
	CHECK(idx == -1 && no == 0 && day == -1 && start == 0, "1 us before the first dose: cycle 0, day -1");
	idx = cls_cycle_of(NULL, c, nc, -D - 1, &no, &day, &start);
	CHECK(no == 0 && day == -2, "24 h + 1 us before: day -2");
	idx = cls_cycle_of(NULL, c, nc, 0, &no, &day, &start);
	CHECK(idx == 0 && no == 1 && day == 1, "at the first dose: cycle 1 day 1");
	cls_cycle_of(NULL, c, nc, 4 * D + 23 * H, &no, &day, &start);
	CHECK(no == 1 && day == 5, "day 5");
	cls_cycle_of(NULL, c, nc, 21 * D - 1, &no, &day, &start);
	CHECK(no == 1 && day == 21, "last microsecond of cycle 1 day 21");
	cls_cycle_of(NULL, c, nc, 21 * D, &no, &day, &start);
	CHECK(no == 2 && day == 1 && start == 21 * D, "cycle 2 day 1");
	cls_cycle_of(NULL, c, nc, 44 * D, &no, &day, &start);
	CHECK(no == 2 && day == 24, "delayed: cycle 2 runs to day 24");
	cls_cycle_of(NULL, c, nc, 100 * D, &no, &day, &start);
	CHECK(no == 3 && day == 56, "after the last cycle: still the last cycle (day 56)");

	/* one dose only */
	{
		int64_t		one[] = {5 * H};
		cls_cycle	c1[1];

		CHECK(cls_cycles_build(NULL, one, 1, c1) == 1 && c1[0].n_doses == 1 &&
			  c1[0].n_days == 1, "one dose, one cycle");
		CHECK(cls_cycles_build(NULL, one, 0, c1) == 0, "no dose, no cycle");
		cls_cycle_of(NULL, c1, 0, 5, &no, &day, &start);
		CHECK(no == 0 && day == 0, "no cycles: cycle 0");
	}
	/* far from the epoch, negative times */
	{
		int64_t		neg[] = {-30 * D, -30 * D + 21 * D};
		cls_cycle	c2[2];

		CHECK(cls_cycles_build(NULL, neg, 2, c2) == 2, "negative times, 21 days apart: two cycles");
		cls_cycle_of(NULL, c2, 2, -30 * D + H, &no, &day, &start);
		CHECK(no == 1 && day == 1, "negative time in cycle 1 day 1");
	}
	/* calendar days (dates), not 24-hour periods */
	{
		/* five doses on five consecutive dates, each a few minutes earlier
		 * in the day: days 1-5 (24-hour periods gave 1, 1, 3, 4, 4) */
		int64_t		m = INT64_C(60000000);
		int64_t		p[] = {11 * H + 34 * m, D + 11 * H + 20 * m,
			2 * D + 11 * H + 13 * m, 3 * D + 11 * H + 5 * m, 4 * D + 10 * H + 59 * m};
		cls_cycle	c1[5];

		CHECK(cls_cycles_build(NULL, p, 5, c1) == 1 && c1[0].n_days == 5, "one cycle, five dosing dates");
		CHECK(cls_cycle_dosing_days(NULL, &c1[0], p, days) == 5 && days[0] == 1 && days[1] == 2 &&
			  days[2] == 3 && days[3] == 4 && days[4] == 5, "doses at 11:34 ... 10:59 are days 1-5");
		cls_cycle_of(NULL, c1, 1, 4 * D + 10 * H + 59 * m, &no, &day, &start);
		CHECK(no == 1 && day == 5, "the 10:59 dose is on cycle day 5");
		CHECK(cls_days_since(NULL, 4 * D + 10 * H + 59 * m, p[0]) == 4, "four days since the first dose");
		cls_cycle_of(NULL, c1, 1, 8 * H, &no, &day, &start);
		CHECK(no == 1 && day == 1, "a pre-dose lab on the first dose's date is on day 1");
		cls_cycle_of(NULL, c1, 1, -1, &no, &day, &start);
		CHECK(no == 0 && day == -1, "23:59:59 the date before: day -1");
		cls_cycle_of(NULL, c1, 1, -D - 1, &no, &day, &start);
		CHECK(no == 0 && day == -2, "two dates before: day -2");
	}
	{
		/* 23:59 then 00:01 two minutes later: days 1 and 2 */
		int64_t		m = INT64_C(60000000);
		int64_t		p[] = {23 * H + 59 * m, D + m};
		cls_cycle	c1[2];

		CHECK(cls_cycles_build(NULL, p, 2, c1) == 1 && c1[0].n_days == 2, "23:59 and 00:01: two dosing dates");
		CHECK(cls_cycle_dosing_days(NULL, &c1[0], p, days) == 2 && days[0] == 1 && days[1] == 2,
			  "23:59 is day 1, 00:01 the next date day 2");
		CHECK(cls_days_since(NULL, D + m, 23 * H + 59 * m) == 1, "one day since the first dose two minutes later");
	}
	{
		/* the 21-day cycle counts dates: a dose on the 21st date after the
		 * first starts cycle 2 even if fewer than 21 x 24 h have passed; a
		 * delayed cycle keeps its own day 1 */
		int64_t		p[] = {23 * H, D + 23 * H, 21 * D + H, 22 * D + H, 50 * D + 22 * H, 51 * D + H};
		cls_cycle	c1[6];

		CHECK(cls_cycles_build(NULL, p, 6, c1) == 3, "three cycles by dates");
		CHECK(c1[1].start == 21 * D + H, "cycle 2 starts on the 21st date after cycle 1 (20 d 2 h later)");
		cls_cycle_of(NULL, c1, 3, 21 * D, &no, &day, &start);
		CHECK(no == 2 && day == 1, "00:00 of cycle 2's first date is its day 1");
		cls_cycle_of(NULL, c1, 3, 21 * D - 1, &no, &day, &start);
		CHECK(no == 1 && day == 21, "the last microsecond of the date before is cycle 1 day 21");
		CHECK(c1[2].start == 50 * D + 22 * H && c1[2].n_days == 2, "delayed cycle 3 starts at its dose");
		cls_cycle_of(NULL, c1, 3, 51 * D + H, &no, &day, &start);
		CHECK(no == 3 && day == 2 && start == 50 * D + 22 * H, "delayed cycle 3: its second dose is its day 2");
		cls_cycle_of(NULL, c1, 3, 50 * D + 21 * H, &no, &day, &start);
		CHECK(no == 3 && day == 1, "a time earlier on cycle 3's first date is its day 1");
		cls_cycle_of(NULL, c1, 3, 49 * D + 23 * H, &no, &day, &start);
		CHECK(no == 2 && day == 29, "the date before cycle 3 is cycle 2 day 29");
	}
	/* a calendar dates by the local wall clock (cal NULL: the time itself) */
	{
		cls_calendar west = {west5, NULL};
		cls_calendar utc = {NULL, NULL};
		int64_t		m = INT64_C(60000000);
		/* local (UTC-5) 20:00, 21:30, 19:10, 23:30 and 18:00 on five
		 * consecutive local dates 0-4: UTC 01:00, 02:30, 00:10, 04:30 on
		 * dates 1-4 and 23:00 on date 4 */
		int64_t		p[] = {D + H, 2 * D + 2 * H + 30 * m, 3 * D + 10 * m,
			4 * D + 4 * H + 30 * m, 4 * D + 23 * H};
		cls_cycle	c1[5];

		CHECK(cls_date_of(&west, D + H) == 0 && cls_date_of(NULL, D + H) == 1 &&
			  cls_date_of(&utc, D + H) == 1, "01:00 UTC on date 1 is local date 0 at UTC-5");
		CHECK(cls_cycles_build(&west, p, 5, c1) == 1 && c1[0].n_days == 5,
			  "five doses on five consecutive local dates: five dosing dates");
		CHECK(cls_cycle_dosing_days(&west, &c1[0], p, days) == 5 && days[0] == 1 &&
			  days[1] == 2 && days[2] == 3 && days[3] == 4 && days[4] == 5,
			  "doses on consecutive local dates are days 1-5");
		cls_cycle_of(&west, c1, 1, 4 * D + 23 * H, &no, &day, &start);
		CHECK(no == 1 && day == 5, "the last dose (18:00 local) is cycle day 5");
		CHECK(cls_days_since(&west, 4 * D + 23 * H, p[0]) == 4, "four local days since the first dose");
		cls_cycle_of(&west, c1, 1, D + H - 1, &no, &day, &start);
		CHECK(no == 1 && day == 1, "earlier on the first dose's local date: day 1");
		cls_cycle_of(&west, c1, 1, 5 * H - 1, &no, &day, &start);
		CHECK(no == 0 && day == -1, "23:59:59 local the date before: cycle 0, day -1");
		CHECK(cls_cycles_build(NULL, p, 5, c1) == 1 && c1[0].n_days == 4 &&
			  cls_cycle_dosing_days(NULL, &c1[0], p, days) == 4 && days[3] == 4,
			  "the same instants dated in UTC are four dosing dates (the control)");
	}
	{
		/* local 23:59 and 00:01 (UTC-5): UTC 04:59 and 05:01 on one date */
		cls_calendar west = {west5, NULL};
		int64_t		m = INT64_C(60000000);
		int64_t		p[] = {D + 4 * H + 59 * m, D + 5 * H + m};
		cls_cycle	c1[2];

		CHECK(cls_cycles_build(&west, p, 2, c1) == 1 && c1[0].n_days == 2 &&
			  cls_cycle_dosing_days(&west, &c1[0], p, days) == 2 && days[0] == 1 && days[1] == 2,
			  "a dose at 23:59 local and the next at 00:01: days 1 and 2");
		CHECK(cls_days_since(&west, p[1], p[0]) == 1 && cls_days_since(NULL, p[1], p[0]) == 0,
			  "one local day since the first dose (none in UTC)");
	}
	{
		/* a delayed cycle keeps its own day 1 in a calendar */
		cls_calendar west = {west5, NULL};
		/* local 18:00 date 0 (UTC 23:00 date 0) and local 23:00 date 20
		 * (UTC 04:00 date 21) */
		int64_t		p[] = {23 * H, 21 * D + 4 * H, 46 * D + H, 47 * D + H};
		cls_cycle	c1[4];

		CHECK(cls_cycles_build(&west, p, 4, c1) == 2,
			  "local dates 0 and 20 are one cycle (20 dates apart)");
		CHECK(cls_cycles_build(NULL, p, 4, c1) == 3, "in UTC the same instants are dates 0 and 21: a new cycle (the control)");
		{
			int64_t		q[] = {D + 3 * H, 22 * D + 2 * H, 46 * D + H, 47 * D + H};

			CHECK(cls_cycles_build(&west, q, 4, c1) == 3 && c1[2].start == 46 * D + H,
				  "local date 21 starts cycle 2, the delayed cycle 3 at its dose");
			cls_cycle_of(&west, c1, 3, 47 * D + H, &no, &day, &start);
			CHECK(no == 3 && day == 2, "delayed cycle 3: its second dose is its day 2");
			cls_cycle_of(&west, c1, 3, 45 * D + 5 * H, &no, &day, &start);
			CHECK(no == 3 && day == 1, "00:00 local of the delayed cycle 3's first date is its day 1");
			cls_cycle_of(&west, c1, 3, 45 * D + 5 * H - 1, &no, &day, &start);
			CHECK(no == 2 && day == 24, "23:59:59 local the date before cycle 3 is cycle 2 day 24");
		}
	}
	return unit_done("cycles");
}
