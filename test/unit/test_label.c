/* Core unit tests: observation order and the label's previous-day value. */
#include "label.h"
#include "unit.h"

#define H CLS_USECS_PER_HOUR

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

	/* at 48 h: window [12 h, 36 h] -> latest weight is 30 h */
	CHECK(cls_previous_day_value(o, n, CLS_A_WEIGHT, 48 * H, &v, &w) && v == 71.0 && w == 30 * H,
		  "previous day weight at 48 h is the 30 h weight");
	/* at 42 h: window [6 h, 30 h] -> 30 h (12 h earlier exactly, inclusive) */
	CHECK(cls_previous_day_value(o, n, CLS_A_WEIGHT, 42 * H, &v, &w) && w == 30 * H,
		  "12 h earlier is inclusive");
	/* at 41 h: window [5 h, 29 h] -> 12 h tie: larger value */
	CHECK(cls_previous_day_value(o, n, CLS_A_WEIGHT, 41 * H, &v, &w) && w == 12 * H && v == 70.6,
		  "tie at one time: the larger value, whatever the input order");
	/* at 36 h: window [0, 24 h] -> 12 h; at 36 h + 1 us the 0 h weight is out */
	CHECK(cls_previous_day_value(o, n, CLS_A_WEIGHT, 36 * H, &v, &w) && w == 12 * H,
		  "latest in window");
	CHECK(cls_previous_day_value(o, n, CLS_A_WEIGHT, 11 * H, &v, &w) == false,
		  "nothing 12-36 h before 11 h");
	CHECK(cls_previous_day_value(o, n, CLS_A_WEIGHT, 36 * H, &v, &w) && w == 12 * H,
		  "36 h earlier is inclusive (0 h weight at 36 h is older than the 12 h one)");
	CHECK(cls_previous_day_value(o, n, CLS_A_ALBUMIN, 48 * H, &v, &w) == false,
		  "albumin at 10 h is outside [12, 36] of 48 h");
	CHECK(cls_previous_day_value(o, n, CLS_A_ALBUMIN, 46 * H, &v, &w) && v == 3.4,
		  "albumin at 10 h is exactly 36 h before 46 h");
	CHECK(cls_previous_day_value(o, 0, CLS_A_WEIGHT, 48 * H, &v, &w) == false, "empty");
	return unit_done("label");
}
