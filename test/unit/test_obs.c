/*
 * test_obs.c -- unit tests of the observation vocabulary (src/core/obs.h):
 * saturating time arithmetic, the clamp to PostgreSQL's timestamp range,
 * floor division and the bound searches (against a linear scan).
 */
#include "obs.h"
#include "units.h"
#include "unit.h"

#define H CLS_USECS_PER_HOUR

/* a zone 5 h west of UTC until t = 0 (2000-01-01 00:00 UTC), 4 h after */
static int64_t
fake_offset(const void *ctx, int64_t t)
{
	(void) ctx;
	return (t < 0 ? -5 : -4) * CLS_USECS_PER_HOUR;
}

int
main(void)
{
	/* saturation */
	CHECK(cls_sat_add(INT64_MAX - 1, 5) == INT64_MAX && cls_sat_add(1, 2) == 3 &&
		  cls_sat_add(INT64_MIN, 0) == INT64_MIN, "sat_add saturates at INT64_MAX");
	CHECK(cls_sat_sub(INT64_MIN + 1, 5) == INT64_MIN && cls_sat_sub(3, 2) == 1,
		  "sat_sub saturates at INT64_MIN");
	CHECK(cls_span_len(-3, 4) == 7 && cls_span_len(5, 5) == 0 && cls_span_len(6, 5) == 0,
		  "span_len of finite times, never negative");
	CHECK(cls_span_len(0, CLS_TIME_END - 1) == CLS_TIME_END - 1 &&
		  cls_span_len(CLS_TIME_MIN, 0) == -CLS_TIME_MIN,
		  "span_len of long finite spans is exact");
	CHECK(cls_span_len(CLS_TIME_MIN, CLS_TIME_END - 1) == INT64_MAX,
		  "span_len of the whole timestamp range (more than int64) saturates");
	CHECK(cls_span_len(INT64_MIN + 1, INT64_MAX - 1) == INT64_MAX,
		  "span_len saturates at INT64_MAX");
	/* issue 11: end +infinity (a saturated 1990 + 106751991 days) */
	CHECK(cls_span_len(-315619200000000LL, CLS_TIME_NOEND) == INT64_MAX &&
		  cls_span_len(631152000000000LL, CLS_TIME_NOEND) == INT64_MAX &&
		  cls_span_len(CLS_TIME_NOBEGIN, 0) == INT64_MAX,
		  "a span with an infinite end is unbounded, whatever its start");

	/* the clamp */
	CHECK(cls_time_clamp(CLS_TIME_END) == CLS_TIME_NOEND &&
		  cls_time_clamp(CLS_TIME_END - 1) == CLS_TIME_END - 1 &&
		  cls_time_clamp(INT64_MAX - 1) == CLS_TIME_NOEND,
		  "times at or past 294277-01-01 are +infinity, the last valid one stays");
	CHECK(cls_time_clamp(CLS_TIME_MIN) == CLS_TIME_MIN &&
		  cls_time_clamp(CLS_TIME_MIN - 1) == CLS_TIME_NOBEGIN &&
		  cls_time_clamp(INT64_MIN) == CLS_TIME_NOBEGIN && cls_time_clamp(0) == 0,
		  "times before 4714-11-24 BC are -infinity");
	/* issue 11: 294276-12-31 23:00 + 72 h */
	CHECK(cls_time_clamp(cls_sat_add(CLS_TIME_END - 25 * H, 72 * H)) == CLS_TIME_NOEND,
		  "an observation late in 294276 plus 72 h is +infinity");

	/* floor division */
	{
		cls_calendar utc = {NULL, NULL};
		cls_calendar west = {fake_offset, NULL};
		const int64_t h = CLS_USECS_PER_HOUR;

		CHECK(cls_calendar_date(NULL, 0) == 0 && cls_calendar_date(NULL, -1) == -1 &&
			  cls_calendar_date(&utc, 24 * h - 1) == 0 && cls_calendar_date(&utc, 24 * h) == 1,
			  "calendar: no zone dates the time itself (floor, days since 2000-01-01)");
		CHECK(cls_calendar_date(&west, 4 * h) == 0 && cls_calendar_date(&west, 4 * h - 1) == -1 &&
			  cls_calendar_date(&west, -1) == -1 && cls_calendar_date(&west, -19 * h - 1) == -2,
			  "calendar: a zone west of UTC dates by its wall clock, with the offset in force at t");
		CHECK(cls_calendar_date(&west, CLS_TIME_NOEND) == cls_floor_div(CLS_TIME_NOEND, CLS_USECS_PER_DAY) &&
			  cls_calendar_date(&west, CLS_TIME_NOBEGIN) == cls_floor_div(CLS_TIME_NOBEGIN, CLS_USECS_PER_DAY) &&
			  cls_calendar_date(&west, CLS_TIME_NOBEGIN + 1) == cls_floor_div(CLS_TIME_NOBEGIN, CLS_USECS_PER_DAY),
			  "calendar: infinities and the int64 ends do not overflow");
	}
	CHECK(cls_floor_div(-1, 24) == -1 && cls_floor_div(-24, 24) == -1 &&
		  cls_floor_div(-25, 24) == -2 && cls_floor_div(23, 24) == 0 &&
		  cls_floor_div(0, 24) == 0 && cls_floor_div(INT64_MIN, 24) == INT64_MIN / 24 - 1,
		  "floor division toward minus infinity");

	/* bounds against a linear scan, with ties */
	{
		cls_obs		o[9];
		int			bad = 0;
		const int64_t ts[9] = {-5, -5, 0, 1, 1, 1, 4, 9, 9};

		for (int i = 0; i < 9; i++)
		{
			o[i].t = ts[i];
			o[i].v = i;
			o[i].analyte = 0;
		}
		for (int64_t t = -7; t <= 11; t++)
		{
			size_t		lo = 0,
						up = 0;

			while (lo < 9 && o[lo].t < t)
				lo++;
			while (up < 9 && o[up].t <= t)
				up++;
			if (cls_obs_lower_bound(o, 9, t) != lo || cls_obs_upper_bound(o, 9, t) != up)
				bad++;
		}
		CHECK(bad == 0, "lower/upper bound equal a linear scan");
		CHECK(cls_obs_lower_bound(o, 0, 0) == 0 && cls_obs_upper_bound(o, 0, 0) == 0 &&
			  cls_obs_upper_bound(o, 9, INT64_MAX) == 9 &&
			  cls_obs_lower_bound(o, 9, INT64_MIN) == 0, "bounds at the ends");
	}
	/* the one code parser */
	CHECK(cls_obs_kind_from_code(" Edema\t", 7) == CLS_KIND_EDEMA &&
		  cls_obs_kind_from_code("crcl", 4) == CLS_KIND_CRCL &&
		  cls_obs_kind_from_code("creatinine_clearance", 20) == CLS_KIND_CRCL &&
		  cls_obs_kind_from_code("HYPERSENSITIVITY", 16) == CLS_KIND_HYPERSENSITIVITY,
		  "recorded findings by their word, case and blanks ignored");
	CHECK(cls_obs_kind_from_code("albumin", 7) == CLS_A_ALBUMIN &&
		  cls_obs_kind_from_code("1751-7", 6) == CLS_A_ALBUMIN &&
		  cls_obs_kind_from_code("edemas", 6) == -1 && cls_obs_kind_from_code("", 0) == -1,
		  "analyte codes through the analyte parser; anything else -1");
	/* the one min/max tracker: the first value is taken, a tie keeps the
	 * earliest, a later worse value replaces it with its time */
	{
		cls_extreme lo = CLS_EXTREME_NONE,
					hi = CLS_EXTREME_NONE;
		const double vs[6] = {5.0, 7.0, 3.0, 3.0, 9.0, 9.0};

		CHECK(!lo.have && !hi.have, "an empty tracker has no value");
		cls_extreme_min(&lo, 5.0, 0);
		cls_extreme_max(&hi, -5.0, 0);
		CHECK(lo.have && lo.v == 5.0 && hi.have && hi.v == -5.0,
			  "the first value is taken even above 0 (min) or below 0 (max)");
		lo = CLS_EXTREME_NONE;
		hi = CLS_EXTREME_NONE;
		for (int i = 0; i < 6; i++)
		{
			cls_extreme_min(&lo, vs[i], 10 * i);
			cls_extreme_max(&hi, vs[i], 10 * i);
		}
		CHECK(lo.v == 3.0 && lo.t == 20, "lowest 3 at its first time 20 (got %g at %lld)",
			  lo.v, (long long) lo.t);
		CHECK(hi.v == 9.0 && hi.t == 40, "highest 9 at its first time 40 (got %g at %lld)",
			  hi.v, (long long) hi.t);
	}
	return unit_done("obs");
}
