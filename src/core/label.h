/*
 * label.h -- the ELZONRIS (tagraxofusp) label's CLS numbers, defined once.
 *
 * Used by the triad module (the `drug` profile and the weight-gain sign) and
 * by the tagraxofusp monitoring module, so that both read the label the
 * same way.  Sources: README: Sources (label Tables 1 and 2,
 * (ELZONRIS US PI 12/2018; ELZONRIS US PI 2020; ELZONRIS US PI 2019; ELZONRIS HCP CLS management)); README: The CLS triad, which decide the label's
 * ambiguities (README: Sources).
 */
#ifndef CLS_LABEL_H
#define CLS_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "obs.h"
#include "units.h"

/* "Prior to the first dose of the first cycle, ensure serum albumin is
 * greater than or equal to 3.2 g/dL" (ELZONRIS US PI 12/2018; ELZONRIS US PI (current)) */
#define CLS_LABEL_ALBUMIN_GATE_G_DL		3.2
/* "Serum albumin <3.5 g/dL" (Table 1, Table 2) */
#define CLS_LABEL_ALBUMIN_TRIGGER_G_DL	3.5
/* "reduced >=0.5 g/dL from value measured prior to initiation of the
 * current cycle"; README: Tagraxofusp monitoring: a fall of exactly 0.5 stays triggered */
#define CLS_LABEL_ALBUMIN_FALL_G_DL		0.5
/* "predose body weight that is increased by >= 1.5 kg over the previous
 * day's predose weight" */
#define CLS_LABEL_WEIGHT_GAIN_KG		1.5
/* Dosing: "days 1 to 5 of a 21-day cycle ... may be extended ... up to day
 * 10 of the cycle" (ELZONRIS US PI 12/2018; ELZONRIS US PI (current)) */
#define CLS_LABEL_CYCLE_DAYS			21
#define CLS_LABEL_DOSING_LAST_DAY		5
#define CLS_LABEL_DOSING_EXTENDED_DAY	10

/*
 * The "previous day" value of an analyte for an observation at time t: the
 * latest observation of `analyte` on the date before t's date (dates in the
 * calendar cal as in cycles.h, NULL = t itself; a weight at 23:00 is the
 * previous day's for one at 07:00 the next local date), among obs[0..n)
 * sorted by cls_obs_sort.  Returns false when there is none.
 */
bool		cls_previous_day_value(const cls_calendar *cal,
								   const cls_obs *obs, size_t n,
								   cls_analyte analyte, int64_t t,
								   double *value, int64_t *when);

#endif							/* CLS_LABEL_H */
