/*
 * triad_pg.h -- what src/triad_pg.c shares with other aggregates that keep
 * the same state (the buffered cls_obs of a patient plus criteria and
 * baselines): cls.triad_episodes (src/triad_episodes_pg.c) reuses the
 * transition, combine, serialize and deserialize functions of
 * cls.triad_agg by calling them with its own argument lists.
 */
#ifndef CLS_TRIAD_PG_H
#define CLS_TRIAD_PG_H

#include "postgres.h"
#include "fmgr.h"

#include "triad.h"

/* (state internal, ts, code text|bigint, value, unit [, criteria
 * [, baselines]]) -> internal; see triad_sfunc in triad_pg.c */
extern Datum cls_triad_sfunc_text(PG_FUNCTION_ARGS);
extern Datum cls_triad_sfunc_int(PG_FUNCTION_ARGS);
extern Datum cls_triad_combine(PG_FUNCTION_ARGS);
extern Datum cls_triad_serialize(PG_FUNCTION_ARGS);
extern Datum cls_triad_deserialize(PG_FUNCTION_ARGS);

/*
 * The contents of a triad state: its observations sorted in place by
 * cls_obs_sort (the state means the same multiset afterwards, so a final
 * function may call this), the criteria and the baselines (CLS_IN__COUNT,
 * NaN = not given).
 */
extern void cls_triad_state_contents(void *state, const cls_obs **obs,
									 size_t *n, cls_triad_criteria *crit,
									 double *baselines);

#endif							/* CLS_TRIAD_PG_H */
