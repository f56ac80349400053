/* Core unit tests: dose anchoring (cycles.c). */
#include "cycles.h"
#include "label.h"
#include "unit.h"

#define H CLS_USECS_PER_HOUR
#define D CLS_USECS_PER_DAY

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
	CHECK(cls_days_since(0, 0) == 0 && cls_days_since(D - 1, 0) == 0 &&
		  cls_days_since(D, 0) == 1 && cls_days_since(-1, 0) == -1 &&
		  cls_days_since(-D, 0) == -1 && cls_days_since(-D - 1, 0) == -2,
		  "days since first dose: 0 in the first 24 h, -1 in the 24 h before");

	n = cls_doses_normalize(d, n);
	CHECK(n == 12, "duplicate dose removed (%zu)", n);
	CHECK(d[0] == 0 && d[11] == 46 * D, "sorted");
	nc = cls_cycles_build(d, n, c);
	CHECK(nc == 3, "three cycles (%zu)", nc);
	CHECK(c[0].cycle_no == 1 && c[0].start == 0 && c[0].n_doses == 6 &&
		  c[0].n_days == 6 && c[0].last_dose == 7 * D + 5 * H, "cycle 1");
	CHECK(c[1].cycle_no == 2 && c[1].start == 21 * D && c[1].n_doses == 4 &&
		  c[1].n_days == 3, "cycle 2 starts exactly 21 days after cycle 1; two doses on its day 1");
	CHECK(c[2].start == 45 * D && c[2].n_doses == 2, "cycle 3 after a delay");
	CHECK(cls_cycle_dosing_days(&c[0], d, days) == 6 && days[0] == 1 &&
		  days[4] == 5 && days[5] == 8, "cycle 1 dosing days 1-5 and 8");
	CHECK(cls_cycle_dosing_days(&c[1], d, days) == 3 && days[0] == 1 &&
		  days[1] == 2 && days[2] == 21, "cycle 2 dosing days 1, 2, 21");

	idx = cls_cycle_of(c, nc, -1, &no, &day, &start);
	CHECK(idx == -1 && no == 0 && day == -1 && start == 0, "1 us before the first dose: cycle 0, day -1");
	idx = cls_cycle_of(c, nc, -D - 1, &no, &day, &start);
	CHECK(no == 0 && day == -2, "24 h + 1 us before: day -2");
	idx = cls_cycle_of(c, nc, 0, &no, &day, &start);
	CHECK(idx == 0 && no == 1 && day == 1, "at the first dose: cycle 1 day 1");
	cls_cycle_of(c, nc, 4 * D + 23 * H, &no, &day, &start);
	CHECK(no == 1 && day == 5, "day 5");
	cls_cycle_of(c, nc, 21 * D - 1, &no, &day, &start);
	CHECK(no == 1 && day == 21, "last microsecond of cycle 1 day 21");
	cls_cycle_of(c, nc, 21 * D, &no, &day, &start);
	CHECK(no == 2 && day == 1 && start == 21 * D, "cycle 2 day 1");
	cls_cycle_of(c, nc, 44 * D, &no, &day, &start);
	CHECK(no == 2 && day == 24, "delayed: cycle 2 runs to day 24");
	cls_cycle_of(c, nc, 100 * D, &no, &day, &start);
	CHECK(no == 3 && day == 56, "after the last cycle: still the last cycle (day 56)");

	/* one dose only */
	{
		int64_t		one[] = {5 * H};
		cls_cycle	c1[1];

		CHECK(cls_cycles_build(one, 1, c1) == 1 && c1[0].n_doses == 1 &&
			  c1[0].n_days == 1, "one dose, one cycle");
		CHECK(cls_cycles_build(one, 0, c1) == 0, "no dose, no cycle");
		cls_cycle_of(c1, 0, 5, &no, &day, &start);
		CHECK(no == 0 && day == 0, "no cycles: cycle 0");
	}
	/* far from the epoch, negative times */
	{
		int64_t		neg[] = {-30 * D, -30 * D + 21 * D};
		cls_cycle	c2[2];

		CHECK(cls_cycles_build(neg, 2, c2) == 2, "negative times, 21 days apart: two cycles");
		cls_cycle_of(c2, 2, -30 * D + H, &no, &day, &start);
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

		CHECK(cls_cycles_build(p, 5, c1) == 1 && c1[0].n_days == 5, "one cycle, five dosing dates");
		CHECK(cls_cycle_dosing_days(&c1[0], p, days) == 5 && days[0] == 1 && days[1] == 2 &&
			  days[2] == 3 && days[3] == 4 && days[4] == 5, "doses at 11:34 ... 10:59 are days 1-5");
		cls_cycle_of(c1, 1, 4 * D + 10 * H + 59 * m, &no, &day, &start);
		CHECK(no == 1 && day == 5, "the 10:59 dose is on cycle day 5");
		CHECK(cls_days_since(4 * D + 10 * H + 59 * m, p[0]) == 4, "four days since the first dose");
		cls_cycle_of(c1, 1, 8 * H, &no, &day, &start);
		CHECK(no == 1 && day == 1, "a pre-dose lab on the first dose's date is on day 1");
		cls_cycle_of(c1, 1, -1, &no, &day, &start);
		CHECK(no == 0 && day == -1, "23:59:59 the date before: day -1");
		cls_cycle_of(c1, 1, -D - 1, &no, &day, &start);
		CHECK(no == 0 && day == -2, "two dates before: day -2");
	}
	{
		/* 23:59 then 00:01 two minutes later: days 1 and 2 */
		int64_t		m = INT64_C(60000000);
		int64_t		p[] = {23 * H + 59 * m, D + m};
		cls_cycle	c1[2];

		CHECK(cls_cycles_build(p, 2, c1) == 1 && c1[0].n_days == 2, "23:59 and 00:01: two dosing dates");
		CHECK(cls_cycle_dosing_days(&c1[0], p, days) == 2 && days[0] == 1 && days[1] == 2,
			  "23:59 is day 1, 00:01 the next date day 2");
		CHECK(cls_days_since(D + m, 23 * H + 59 * m) == 1, "one day since the first dose two minutes later");
	}
	{
		/* the 21-day cycle counts dates: a dose on the 21st date after the
		 * first starts cycle 2 even if fewer than 21 x 24 h have passed; a
		 * delayed cycle keeps its own day 1 */
		int64_t		p[] = {23 * H, D + 23 * H, 21 * D + H, 22 * D + H, 50 * D + 22 * H, 51 * D + H};
		cls_cycle	c1[6];

		CHECK(cls_cycles_build(p, 6, c1) == 3, "three cycles by dates");
		CHECK(c1[1].start == 21 * D + H, "cycle 2 starts on the 21st date after cycle 1 (20 d 2 h later)");
		cls_cycle_of(c1, 3, 21 * D, &no, &day, &start);
		CHECK(no == 2 && day == 1, "00:00 of cycle 2's first date is its day 1");
		cls_cycle_of(c1, 3, 21 * D - 1, &no, &day, &start);
		CHECK(no == 1 && day == 21, "the last microsecond of the date before is cycle 1 day 21");
		CHECK(c1[2].start == 50 * D + 22 * H && c1[2].n_days == 2, "delayed cycle 3 starts at its dose");
		cls_cycle_of(c1, 3, 51 * D + H, &no, &day, &start);
		CHECK(no == 3 && day == 2 && start == 50 * D + 22 * H, "delayed cycle 3: its second dose is its day 2");
		cls_cycle_of(c1, 3, 50 * D + 21 * H, &no, &day, &start);
		CHECK(no == 3 && day == 1, "a time earlier on cycle 3's first date is its day 1");
		cls_cycle_of(c1, 3, 49 * D + 23 * H, &no, &day, &start);
		CHECK(no == 2 && day == 29, "the date before cycle 3 is cycle 2 day 29");
	}
	return unit_done("cycles");
}
