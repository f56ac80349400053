/*
 * label.h -- the ELZONRIS (tagraxofusp) label's CLS numbers, defined once.
 *
 * Used by the triad module (the `drug` profile and the weight-gain sign) and
 * by the tagraxofusp monitoring module, so that both read the label the
 * same way.  Sources: clinical-sources.md 1.2-1.5 (label Tables 1 and 2,
 * [L3][L4][L5][L8]); SPEC.md sections 4 and 6, which decide the label's
 * ambiguities (clinical-sources.md 7.3-7.5).
 */
#ifndef CLS_LABEL_H
#define CLS_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "units.h"

/* Microseconds, the unit of PostgreSQL's TimestampTz. */
#define CLS_USECS_PER_HOUR	INT64_C(3600000000)
#define CLS_USECS_PER_DAY	(24 * CLS_USECS_PER_HOUR)

/* "Prior to the first dose of the first cycle, ensure serum albumin is
 * greater than or equal to 3.2 g/dL" [L3][L2] */
#define CLS_LABEL_ALBUMIN_GATE_G_DL		3.2
/* "Serum albumin <3.5 g/dL" (Table 1, Table 2) */
#define CLS_LABEL_ALBUMIN_TRIGGER_G_DL	3.5
/* "reduced >=0.5 g/dL from value measured prior to initiation of the
 * current cycle"; SPEC 6: a fall of exactly 0.5 stays triggered */
#define CLS_LABEL_ALBUMIN_FALL_G_DL		0.5
/* "predose body weight that is increased by >= 1.5 kg over the previous
 * day's predose weight" */
#define CLS_LABEL_WEIGHT_GAIN_KG		1.5
/* Dosing: "days 1 to 5 of a 21-day cycle ... may be extended ... up to day
 * 10 of the cycle" [L3][L2] */
#define CLS_LABEL_CYCLE_DAYS			21
#define CLS_LABEL_DOSING_LAST_DAY		5
#define CLS_LABEL_DOSING_EXTENDED_DAY	10

/* One long-form observation in canonical units.  24 bytes. */
typedef struct cls_obs
{
	int64_t		t;				/* microseconds since 2000-01-01 UTC */
	double		v;				/* canonical value */
	int32_t		analyte;		/* cls_analyte */
} cls_obs;

/* Total order (t, analyte, v) so that results never depend on input
 * order. */
void		cls_obs_sort(cls_obs *obs, size_t n);

/*
 * The "previous day" value of an analyte for an observation at time t: the
 * latest observation of `analyte` on the date before t's date (dates as in
 * cycles.h: floor(wall-clock time / 24 h); a weight at 23:00 is the previous
 * day's for one at 07:00 the next date), among obs[0..n) sorted by
 * cls_obs_sort.  Returns false when there is none.
 */
bool		cls_previous_day_value(const cls_obs *obs, size_t n,
								   cls_analyte analyte, int64_t t,
								   double *value, int64_t *when);

#endif							/* CLS_LABEL_H */
