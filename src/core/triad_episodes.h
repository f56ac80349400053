/*
 * triad_episodes.h -- triad episodes: state episodes of "CLS suspected"
 * (either profile) with their details (cls core, plain C99).
 *
 * README: Episode windows "Triad episodes" and "Dose-anchored windows"; README: The CLS triad
 * "Exclusions".  Built from the pieces other modules own, never again:
 *  - the CLS timeline: the resumable evaluator of triad.h;
 *  - the episodes: cls_state_episodes of episodes.h (the one episode
 *    algorithm of the project);
 *  - the hypoalbuminemia grade: cls_grade of ctcae.h (CTCAE v5.0);
 *  - cycles and days since the first dose: cycles.h.
 *
 * How the timeline becomes (time, active) observations (README "Triad
 * episodes"):
 *  - each evaluation time t (a distinct observation time) is an observation,
 *    active when the profile holds at t;
 *  - a suspected time's `until` (when the observations behind it leave their
 *    window) is an inactive observation when no evaluation time comes
 *    before it: the evidence has expired, the episode is over.
 * So an episode runs from the first suspected evaluation time to the first
 * time the profile stops holding (a new observation, or the evidence
 * expiring), capped at the last suspected time + hold when a hold is given.
 *
 * The details of an episode are measured over its "leak window"
 * [evidence start, end]: evidence start is the time of the earliest
 * observation behind the profile's signs at onset (in co-occurrence mode
 * hypotension and hemoconcentration often precede the onset by a day or
 * two, and the worst blood pressure must not be lost).
 */
#ifndef CLS_TRIAD_EPISODES_H
#define CLS_TRIAD_EPISODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cycles.h"
#include "episodes.h"
#include "triad.h"

/* "no hold": the evidence's own expiry ends an episode */
#define CLS_TEP_NO_HOLD		INT64_MAX

typedef struct cls_triad_episode_params
{
	int64_t		max_gap;		/* episodes at most this far apart merge */
	int64_t		hold;			/* cap after the last suspected time;
								 * CLS_TEP_NO_HOLD: none */
	int64_t		min_duration;	/* shorter episodes are dropped */
	double		albumin_lln;	/* g/dL, for the CTCAE grade; NaN unknown */
} cls_triad_episode_params;

/* The defaults (cls choices, README "Triad episodes"): max_gap 24 h, no
 * hold, min_duration 0, albumin LLN 3.5 g/dL. */
void		cls_triad_episode_params_default(cls_triad_episode_params *p);
/* The fields of the SQL composite cls.episode_params, in attribute order. */
typedef enum cls_tep_field
{
	CLS_TEP_MAX_GAP = 0,
	CLS_TEP_HOLD,
	CLS_TEP_MIN_DURATION,
	CLS_TEP_ALBUMIN_LLN,
	CLS_TEP__COUNT
} cls_tep_field;

const char *cls_triad_episode_params_field_name(cls_tep_field f);
/* THE check: NULL when field f is valid, else the reason (a sentence for
 * an error detail) with *hint a sentence or NULL. */
const char *cls_triad_episode_params_field_check(const cls_triad_episode_params *p,
												 cls_tep_field f, const char **hint);
/* A given (not NULL) albumin LLN: NULL when usable, else the reason. */
const char *cls_triad_episode_lln_check(double lln, const char **hint);
/* Every field in order: NULL when valid, else the first field's reason
 * (its field in *field when field is not NULL). */
const char *cls_triad_episode_params_check(const cls_triad_episode_params *p,
										   int *field);

typedef struct cls_triad_episode
{
	int64_t		onset;
	int64_t		end;
	int64_t		evidence_start; /* <= onset: start of the leak window */
	cls_triad_extreme sbp_min;
	cls_triad_extreme albumin_min;
	cls_triad_extreme hct_max;
	int32_t		worst_grade;	/* CTCAE v5.0 hypoalbuminemia; -1 unknown */
	uint32_t	signs;			/* CLS_SIGN_BIT set seen while suspected */
	bool		recovered;
	int64_t		recovered_at;
	int32_t		exclusion;		/* index of the first overlapping
								 * exclusion span, -1 none */
	bool		dosed;			/* cycle fields valid */
	int32_t		cycle;			/* 0 before the first dose */
	int64_t		cycle_day;
	int64_t		days_since_first_dose;
} cls_triad_episode;

/*
 * Scratch space for n observations, in bytes (0 when it would overflow
 * size_t).  Align it for int64.
 */
size_t		cls_triad_episodes_work_size(size_t n);

/*
 * Phase 1: the episodes of obs[0..n) (sorted by cls_obs_sort) under the
 * criteria and baselines (CLS_IN__COUNT values, NaN not given; or NULL).
 * cal: how a time becomes a date (obs.h cls_calendar; NULL: t itself, a
 * timestamp or UTC), for the previous day's weight here and the onset's
 * cycle day and days since the first dose in phase 2.
 * Returns the number of episodes; their spans and per-episode data stay in
 * `work` for phase 2.  Both phases call cls_check_interrupts() (sort.h)
 * every 65536 steps.
 */
size_t		cls_triad_episodes_find(const cls_triad_criteria *c,
									const cls_calendar *cal,
									const double *baselines,
									const cls_obs *obs, size_t n,
									const cls_triad_episode_params *p,
									void *work);

/*
 * Phase 2: the details of the ne episodes found by phase 1 into out[0..ne).
 * excl: closed exclusion spans sorted by start and disjoint (a multirange's
 * ranges), or NULL with nexcl 0.  cycles: built by cls_cycles_build (first
 * dose = cycles[0].start), or NULL with nc 0.
 */
void		cls_triad_episodes_details(const cls_triad_criteria *c,
									   const cls_calendar *cal,
									   const cls_obs *obs, size_t n,
									   const cls_triad_episode_params *p,
									   const void *work, size_t ne,
									   const cls_span *excl, size_t nexcl,
									   const cls_cycle *cycles, size_t nc,
									   cls_triad_episode *out);

#endif							/* CLS_TRIAD_EPISODES_H */
