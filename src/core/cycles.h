/*
 * cycles.h -- dose anchoring: days since the first dose and 21-day treatment
 * cycles built from dose times (cls core, plain C99).
 *
 * Source: the ELZONRIS dosing schedule, "once daily on days 1 to 5 of a
 * 21-day cycle.  The dosing period may be extended for dose delays up to day
 * 10 of the cycle" (README: Sources (ELZONRIS US PI 12/2018; ELZONRIS US PI (current))); README: Episode windows
 * (dose-anchored windows).  The cycle length is CLS_LABEL_CYCLE_DAYS
 * (label.h).  Everything is elapsed time in microseconds (PostgreSQL
 * TimestampTz), so no time zone or calendar enters any result.
 *
 * cls's rules (README "Tagraxofusp monitoring", "Dose anchoring"):
 *  - a cycle starts at a dose; a later dose given >= 21 x 24 h after the
 *    current cycle's start starts the next cycle (a dose earlier than that
 *    stays in the current cycle, e.g. on day 15);
 *  - cycle day = floor((t - cycle start) / 24 h) + 1, so the first 24 h of a
 *    cycle are day 1; a time after the last cycle's day 21 stays in the last
 *    cycle (day 22, 23, ...), because a cycle only ends at the next dose;
 *  - days since the first dose = floor((t - first dose) / 24 h): 0 during
 *    the first 24 h, -1 in the 24 h before (the label's onset range "-1 to
 *    46 days" counts this way);
 *  - a time before the first dose is in cycle 0 and its cycle day is the
 *    (negative) days since the first dose: day -1 is the 24 h before the
 *    first dose, as trial calendars count (there is no day 0).
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
	int32_t		n_days;			/* distinct cycle days with a dose */
	size_t		first;			/* index of its first dose in the sorted,
								 * de-duplicated dose array */
} cls_cycle;

/* floor((t - first_dose) / 24 h) */
int64_t		cls_days_since(int64_t t, int64_t first_dose);

/* Sort dose times ascending and drop exact duplicates; returns the new
 * count. */
size_t		cls_doses_normalize(int64_t *doses, size_t n);

/*
 * Build the cycles of sorted, de-duplicated doses[0..n) into out[] (room for
 * n cycles).  Returns the number of cycles.
 */
size_t		cls_cycles_build(const int64_t *doses, size_t n, cls_cycle *out);

/*
 * The cycle a time falls in: *cycle_no (0 before the first dose), *cycle_day
 * and *start (the cycle's start; the first dose for cycle 0).  Returns the
 * index of the cycle in cycles[] or -1 for cycle 0.  nc must be > 0.
 */
long		cls_cycle_of(const cls_cycle *cycles, size_t nc, int64_t t,
						 int32_t *cycle_no, int64_t *cycle_day, int64_t *start);

/* The cycle days (1-based) with a dose of cycle c, written to days[] (room
 * for c->n_doses entries); returns how many (== c->n_days). */
size_t		cls_cycle_dosing_days(const cls_cycle *c, const int64_t *doses,
								  int32_t *days);

#endif							/* CLS_CYCLES_H */
