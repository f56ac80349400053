/*
 * cycles.h -- dose anchoring: days since the first dose and 21-day treatment
 * cycles built from dose times (cls core, plain C99).
 *
 * Source: the ELZONRIS dosing schedule, "once daily on days 1 to 5 of a
 * 21-day cycle.  The dosing period may be extended for dose delays up to day
 * 10 of the cycle" (README: Sources (ELZONRIS US PI 12/2018; ELZONRIS US PI (current))); README: Episode windows
 * (dose-anchored windows).  The cycle length is CLS_LABEL_CYCLE_DAYS
 * (label.h).
 *
 * Calendar days (README "Conventions", "Dose anchoring"): clinicians count
 * the label's days as dates at the place of care, not as 24-hour periods.
 * Every function that dates a time takes the calendar `cal` (obs.h
 * cls_calendar): a time is in microseconds since 2000-01-01 (a PostgreSQL
 * timestamp or timestamptz, unchanged) and its date is
 * cls_calendar_date(cal, t), the date of its wall clock at the place of
 * care; cal NULL dates t itself (a timestamp, or a timestamptz in UTC).
 * Durations are never dated.  The core knows no time zone: the glue builds
 * the calendar from the call's time_zone.  The searches below take dates
 * as non-decreasing in t; a zone whose clock steps back across midnight
 * (Brazil's summer time ended 00:00 -> 23:00 until 2019) dates the repeated
 * hour on the earlier date, and a search may then place a time of that
 * hour on either side of it.
 *
 * cls's rules:
 *  - a cycle starts at a dose; a later dose whose date is >= 21 dates after
 *    the current cycle's first dose starts the next cycle (a dose earlier
 *    than that stays in the current cycle, e.g. on day 15);
 *  - cycle day = (date of t - date of the cycle's first dose) + 1, so day 1
 *    is the date of the first dose and five doses on five consecutive dates
 *    are days 1-5 whatever their hours; a time after the last cycle's day
 *    21 stays in the last cycle (day 22, 23, ...), because a cycle only ends
 *    at the next dose;
 *  - days since the first dose = date of t - date of the first dose (a
 *    count: 0 on the date of the first dose, -1 on the date before; the
 *    label's onset range "-1 to 46 days" counts this way);
 *  - a time on a date before the first dose's is in cycle 0 and its cycle
 *    day is that (negative) count: the date before the first dose is day
 *    -1, as trial calendars count (there is no day 0).
 */
#ifndef CLS_CYCLES_H
#define CLS_CYCLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "obs.h"

typedef struct cls_cycle
{
	int32_t		cycle_no;		/* 1, 2, ... */
	int64_t		start;			/* the cycle's first dose */
	int64_t		last_dose;
	int32_t		n_doses;		/* distinct dose times in the cycle */
	int32_t		n_days;			/* distinct dates with a dose */
	size_t		first;			/* index of its first dose in the sorted,
								 * de-duplicated dose array */
} cls_cycle;

/* The date of t in cal (cls_calendar_date): days since 2000-01-01. */
int64_t		cls_date_of(const cls_calendar *cal, int64_t t);

/* date of t - date of first_dose, both in cal */
int64_t		cls_days_since(const cls_calendar *cal, int64_t t, int64_t first_dose);

/* Sort dose times ascending and drop exact duplicates; returns the new
 * count. */
size_t		cls_doses_normalize(int64_t *doses, size_t n);

/*
 * Build the cycles of sorted, de-duplicated doses[0..n) into out[] (room for
 * n cycles), dated in cal.  Returns the number of cycles.  The same cal must
 * be given to cls_cycle_of and cls_cycle_dosing_days on these cycles.
 */
size_t		cls_cycles_build(const cls_calendar *cal, const int64_t *doses,
							 size_t n, cls_cycle *out);

/*
 * The cycle a time falls in: *cycle_no (0 before the first dose), *cycle_day
 * and *start (the cycle's start; the first dose for cycle 0).  Returns the
 * index of the cycle in cycles[] or -1 for cycle 0.  nc must be > 0.
 */
long		cls_cycle_of(const cls_calendar *cal, const cls_cycle *cycles,
						 size_t nc, int64_t t,
						 int32_t *cycle_no, int64_t *cycle_day, int64_t *start);

/* The cycle days (1-based) with a dose of cycle c, written to days[] (room
 * for c->n_doses entries); returns how many (== c->n_days). */
size_t		cls_cycle_dosing_days(const cls_calendar *cal, const cls_cycle *c,
								  const int64_t *doses, int32_t *days);

#endif							/* CLS_CYCLES_H */
