/*
 * obs.h -- the observation vocabulary of the cls core, defined once: time
 * and its units, saturating time arithmetic, the clamp to PostgreSQL's
 * timestamp range, floor division, the long-form observation (cls_obs), its
 * total order and the one lower / upper bound search over time.
 *
 * Plain C99, no PostgreSQL header.  Every module that reads observations
 * (triad, triad episodes, tagraxofusp, cycles, the label's previous-day
 * value, episodes) uses these and nothing of its own.
 *
 * Time is int64 microseconds since 2000-01-01 00:00 UTC, PostgreSQL's
 * TimestampTz (https://www.postgresql.org/docs/15/datatype-datetime.html).
 * INT64_MIN and INT64_MAX are -infinity and +infinity; the finite
 * timestamps PostgreSQL accepts are [CLS_TIME_MIN, CLS_TIME_END).  Core
 * arithmetic saturates at the int64 limits, so no input can overflow; a
 * time a result reports goes through cls_time_clamp, so that no result
 * holds a value PostgreSQL itself would reject (COPY FROM, pg_restore).
 */
#ifndef CLS_OBS_H
#define CLS_OBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Microseconds, the unit of PostgreSQL's TimestampTz. */
#define CLS_USECS_PER_HOUR	INT64_C(3600000000)
#define CLS_USECS_PER_DAY	(24 * CLS_USECS_PER_HOUR)

/* -infinity and +infinity (PostgreSQL's DT_NOBEGIN / DT_NOEND) */
#define CLS_TIME_NOBEGIN	INT64_MIN
#define CLS_TIME_NOEND		INT64_MAX
/* The first finite timestamp PostgreSQL accepts (4714-11-24 00:00 UTC BC)
 * and the first it refuses (294277-01-01 00:00 UTC): MIN_TIMESTAMP and
 * END_TIMESTAMP of datatype/timestamp.h, checked there by the glue. */
#define CLS_TIME_MIN		INT64_C(-211813488000000000)
#define CLS_TIME_END		INT64_C(9223371331200000000)

/* a + b for b >= 0, saturating at INT64_MAX */
static inline int64_t
cls_sat_add(int64_t a, int64_t b)
{
	return (b > 0 && a > INT64_MAX - b) ? INT64_MAX : a + b;
}

/* a - b for b >= 0, saturating at INT64_MIN */
static inline int64_t
cls_sat_sub(int64_t a, int64_t b)
{
	return (b > 0 && a < INT64_MIN + b) ? INT64_MIN : a - b;
}

/*
 * The elapsed time from `from` to `to` (from <= to), saturating at
 * INT64_MAX: the span of PostgreSQL's timestamps does not fit in int64
 * (found by fuzz_triad), and a span with an infinite end is unbounded
 * (INT64_MAX), never negative.
 */
static inline int64_t
cls_span_len(int64_t from, int64_t to)
{
	uint64_t	d;

	if (to == CLS_TIME_NOEND || from == CLS_TIME_NOBEGIN)
		return INT64_MAX;
	if (to <= from)
		return 0;
	d = (uint64_t) to - (uint64_t) from;
	return d > (uint64_t) INT64_MAX ? INT64_MAX : (int64_t) d;
}

/* A computed time as a result reports it: beyond PostgreSQL's range it is
 * +infinity / -infinity. */
static inline int64_t
cls_time_clamp(int64_t t)
{
	if (t >= CLS_TIME_END)
		return CLS_TIME_NOEND;
	if (t < CLS_TIME_MIN)
		return CLS_TIME_NOBEGIN;
	return t;
}

/* a / b rounded toward minus infinity (b > 0) */
static inline int64_t
cls_floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/*
 * THE calendar: how a time becomes a date at the place of care.  Clinicians
 * count the label's days (cycle day, dosing days 1-5, day 10, the previous
 * day's weight) as dates, not as 24-hour periods.  A wall-clock time (a
 * PostgreSQL timestamp) is dated by floor(t / 24 h); an instant (a
 * timestamptz) by the wall clock of a time zone, which the glue supplies as
 * utc_offset (microseconds east of UTC in force at instant t).  A NULL
 * calendar (or a NULL utc_offset) dates t itself: a timestamp, or a
 * timestamptz in UTC.  Durations never go through a calendar: they stay
 * elapsed time.  The core knows no time zone; the calls it makes are
 * ordinary function calls with no side effect.
 */
typedef struct cls_calendar
{
	int64_t		(*utc_offset) (const void *ctx, int64_t t);
	const void *ctx;
} cls_calendar;

/* The date of t in cal: days since 2000-01-01 (floor). */
static inline int64_t
cls_calendar_date(const cls_calendar *cal, int64_t t)
{
	if (cal != NULL && cal->utc_offset != NULL &&
		t != CLS_TIME_NOBEGIN && t != CLS_TIME_NOEND)
	{
		int64_t		off = cal->utc_offset(cal->ctx, t);

		t = off >= 0 ? cls_sat_add(t, off) : cls_sat_sub(t, -off);
	}
	return cls_floor_div(t, CLS_USECS_PER_DAY);
}

/*
 * THE kinds of an observation besides the cls analytes (cls_analyte, 0 ..
 * CLS_A__COUNT - 1, units.h): findings that are recorded rather than
 * measured, which rows name by a word ("edema"), and the private kinds of
 * the tagraxofusp state (dose times, ALT / AST as multiples of the ULN).
 * All sort after every analyte.
 */
typedef enum cls_obs_kind
{
	CLS_KIND_DOSE = 100,		/* a dose time (v unused, 0) */
	CLS_KIND_ALT_X_ULN = 101,	/* ALT / ULN; v < 0: ULN unknown */
	CLS_KIND_AST_X_ULN = 102,	/* AST / ULN; v < 0: ULN unknown */
	CLS_KIND_EDEMA = 103,		/* v 1 present, 0 absent */
	CLS_KIND_FLUID_OVERLOAD = 104,
	CLS_KIND_HYPOTENSION = 105,
	CLS_KIND_HYPERSENSITIVITY = 106,	/* v 0 none .. 4 life-threatening */
	CLS_KIND_CRCL = 107,		/* creatinine clearance, mL/min */
	CLS_KIND_AGE = 108,			/* the patient's age in years at a dose
								 * (tagraxofusp state; v < 0: not usable) */
	CLS_KIND_SEX = 109			/* the patient's sex at a dose: v 1 female,
								 * 0 male, -1 not usable */
} cls_obs_kind;

/*
 * THE code parser of long rows: a cls analyte code (name, LOINC, MIMIC-IV
 * itemid, OMOP concept_id: cls_analyte_from_code) or the word of a recorded
 * finding ("edema", "fluid_overload", "hypotension", "hypersensitivity",
 * "creatinine_clearance" or "crcl"; case-insensitive, surrounding blanks
 * ignored).  -1 (CLS_A_NONE) when it is neither.  Each module then keeps
 * the kinds it reads.
 */
int32_t		cls_obs_kind_from_code(const char *s, size_t len);

/* One long-form observation in canonical units.  24 bytes. */
typedef struct cls_obs
{
	int64_t		t;				/* microseconds since 2000-01-01 UTC */
	double		v;				/* canonical value */
	int32_t		analyte;		/* cls_analyte, or a module's own kind */
} cls_obs;

/* THE total order (t, analyte, v) of observations, so that results never
 * depend on input order; v is never NaN here (values are checked for
 * plausibility before they are buffered). */
static inline bool
cls_obs_less(const cls_obs *x, const cls_obs *y)
{
	return x->t < y->t || (x->t == y->t && (x->analyte < y->analyte ||
											(x->analyte == y->analyte && x->v < y->v)));
}

/* Sort into that order.  In place, O(n log n) worst case, cancellable
 * (sort.h).  Input already in time order whose ties are in any order (rows
 * of a warehouse, several analytes measured at one time) costs one pass
 * plus a sort of each group of one time. */
void		cls_obs_sort(cls_obs *obs, size_t n);

/* Sort into that order with room tmp[0..n) (overlapping neither): the
 * natural merge sort of sort.h, a few linear passes when the input is a
 * few sorted runs (the streams of a packed state, a combined state). */
void		cls_obs_sort_runs(cls_obs *obs, size_t n, cls_obs *tmp);

/* Merge the sorted a[0..na) and b[0..nb) into out (room for na + nb, not
 * overlapping either); cancellable. */
void		cls_obs_merge(const cls_obs *a, size_t na, const cls_obs *b,
						  size_t nb, cls_obs *out);

/*
 * Times (int64, e.g. the active / inactive times of a state-episode state):
 * an in-place ascending sort (cancellable, sort.h; a non-decreasing input
 * is detected in one pass and left alone), whether t[0..n) is
 * non-decreasing, and the merge of two sorted arrays into out (room for
 * na + nb; out must not overlap a or b).
 */
void		cls_time_sort(int64_t *t, size_t n);
/* The same with room tmp[0..n): the natural merge sort (cls_obs_sort_runs) */
void		cls_time_sort_runs(int64_t *t, size_t n, int64_t *tmp);
bool		cls_time_sorted(const int64_t *t, size_t n);
void		cls_time_merge(const int64_t *a, size_t na, const int64_t *b,
						   size_t nb, int64_t *out);

/* Over obs[0..n) sorted by time: the first index with obs[i].t >= t
 * (lower bound) or > t (upper bound); n when there is none. */
size_t		cls_obs_lower_bound(const cls_obs *obs, size_t n, int64_t t);
size_t		cls_obs_upper_bound(const cls_obs *obs, size_t n, int64_t t);

/*
 * The one min/max tracker: a running lowest or highest value with the time
 * it was seen ("worst values": lowest SBP, lowest albumin, highest
 * hematocrit).  Start from CLS_EXTREME_NONE; on a tie the first value seen
 * stays (observations come in time order, so the earliest).  Callers pass
 * checked values (no NaN).
 */
typedef struct cls_extreme
{
	bool		have;
	double		v;
	int64_t		t;
} cls_extreme;

#define CLS_EXTREME_NONE	((cls_extreme) {false, 0.0, 0})

static inline void
cls_extreme_min(cls_extreme *e, double v, int64_t t)
{
	if (!e->have || v < e->v)
	{
		e->have = true;
		e->v = v;
		e->t = t;
	}
}

static inline void
cls_extreme_max(cls_extreme *e, double v, int64_t t)
{
	if (!e->have || v > e->v)
	{
		e->have = true;
		e->v = v;
		e->t = t;
	}
}

#endif							/* CLS_OBS_H */
