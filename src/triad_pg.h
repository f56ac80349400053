/*
 * triad_pg.h -- what the triad glue files share: the conversions of
 * src/triad_pg.c (criteria, result types, evidence and sign arrays), used by
 * the wide functions (src/triad_wide_pg.c) and the aggregates
 * (src/triad_agg_pg.c); and the triad state of src/triad_agg_pg.c (the
 * observations of a patient in packed streams, obs_pg.h, plus criteria and
 * baselines),
 * which cls.triad_episodes (src/triad_episodes_pg.c) keeps inside its own
 * state through the plain C API below.
 */
#ifndef CLS_TRIAD_PG_H
#define CLS_TRIAD_PG_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"

#include "obs_pg.h"

#include "triad.h"

/* Fill *c from a cls.criteria value, every field checked (22023). */
extern void cls_triad_criteria_from_datum(Datum d, cls_triad_criteria *c);
/* The calendar of the criteria's time_zone for the call's time kind (its
 * result's: a timestamp form dates the wall clock, a timestamptz form by
 * the zone); once per group, in the final function. */
extern void cls_triad_calendar(FunctionCallInfo fcinfo,
							   const cls_triad_criteria *c, cls_calendar *cal);

/* The result row type and, through the array attribute `arr_att`, the
 * element composite cls.sign_evidence (timeline: the element cls.triad_point
 * of the array result); cached in fn_extra. */
typedef struct ResultTypes
{
	TupleDesc	td;				/* the result composite */
	Oid			ev_type;		/* cls.sign_evidence */
	TupleDesc	ev_td;
	Oid			pt_type;		/* cls.triad_point (timeline) */
	TupleDesc	pt_td;
} ResultTypes;
extern ResultTypes *cls_triad_result_types(FunctionCallInfo fcinfo, int arr_att,
											bool timeline);
/* cls.sign_evidence[] of the signs in `signs` (with their time or not) */
extern Datum cls_triad_evidence_array(ResultTypes *rt, const cls_triad_criteria *c,
									  unsigned signs, const cls_triad_evidence *ev,
									  bool with_time);
/* text[] of the names of the signs in `signs` */
extern Datum cls_triad_sign_names(unsigned signs);

/*
 * The arguments of the transition functions of cls.triad_agg,
 * cls.triad_timeline and cls.triad_episodes, in the order of their SQL
 * declarations (src/sql/0.2.0/30_triad.sql, 45_triad_episodes.sql; checked
 * against pg_get_function_arguments by sql/94_arguments.sql).
 */
typedef enum TriadArg
{
	TA_STATE = 0,
	TA_TS,
	TA_CODE,					/* text or bigint */
	TA_VALUE,
	TA_UNIT,
	TA_CRITERIA,				/* optional */
	TA_BASELINES,				/* cls.triad_agg only */
	/* cls.triad_episodes: after the criteria */
	TA_EP_EXCLUSIONS = TA_CRITERIA + 1,
	TA_EP_DOSES,
	TA_EP_PARAMS
} TriadArg;

/*
 * The triad state as a plain C API, for aggregates that keep it inside
 * their own state (cls.triad_episodes):
 *  - cls_triad_state_add: one row, read from the caller's arguments TA_TS ..
 *    (nargs of them counting the state; criteria and baselines only when
 *    nargs reaches them); state NULL starts one in aggctx.  Uses fn_extra of
 *    the caller's flinfo for its code and unit caches.
 *  - cls_triad_state_combine: the combine function; either may be NULL.
 */
extern void *cls_triad_state_add(FunctionCallInfo fcinfo, void *state,
								 MemoryContext aggctx, bool int_code, int nargs);
extern void *cls_triad_state_combine(void *left, void *right,
									 MemoryContext aggctx);

/*
 * Serialized triad state inside another state: cls_triad_state_write
 * appends cls_triad_state_serial_size(state) bytes (the triad version word
 * first, then its packed streams as they are; obs_pg.h
 * cls_pg_pack_serial_check is the caller's size check).
 * cls_triad_state_read reads the same back at the reader's cursor, with
 * full validation (22P03), into a new state in mcxt.
 */
extern Size cls_triad_state_serial_size(void *state);
extern void cls_triad_state_write(StringInfo buf, void *state);
extern void *cls_triad_state_read(StringInfo r, MemoryContext mcxt);

/*
 * The contents of a triad state: its observations decoded into a new
 * array in CurrentMemoryContext, sorted in the order of cls_obs_sort (the
 * state is only read, so a final function may call this), the criteria
 * and the baselines (CLS_IN__COUNT, NaN = not given).
 */
extern void cls_triad_state_contents(void *state, const cls_obs **obs,
									 size_t *n, cls_triad_criteria *crit,
									 double *baselines);

/* a (value, time) pair of a result row; NULLs when there is none */
extern void cls_triad_put_extreme(Datum *v, bool *n, int att,
								  const cls_triad_extreme *e);

#endif							/* CLS_TRIAD_PG_H */
