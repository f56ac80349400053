/*
 * triad_pg.h -- what src/triad_pg.c shares with other aggregates that keep
 * the same state (the buffered cls_obs of a patient, obs_pg.h, plus
 * criteria and baselines): cls.triad_episodes (src/triad_episodes_pg.c)
 * reuses the transition and combine functions of cls.triad_agg by calling
 * them with its own argument lists, and writes / reads the triad state
 * inside its own serialized state with the functions below.
 */
#ifndef CLS_TRIAD_PG_H
#define CLS_TRIAD_PG_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"

#include "obs_pg.h"

#include "triad.h"

/* (state internal, ts, code text|bigint, value, unit [, criteria
 * [, baselines]]) -> internal; see triad_sfunc in triad_pg.c */
extern Datum cls_triad_sfunc_text(PG_FUNCTION_ARGS);
extern Datum cls_triad_sfunc_int(PG_FUNCTION_ARGS);
extern Datum cls_triad_combine(PG_FUNCTION_ARGS);
extern Datum cls_triad_serialize(PG_FUNCTION_ARGS);
extern Datum cls_triad_deserialize(PG_FUNCTION_ARGS);

/*
 * Serialized triad state inside another state: cls_triad_state_write
 * appends cls_triad_state_serial_hlen() header bytes (the triad version
 * word first) and then the buffer (cls_obs_buf_write); pass
 * cls_triad_state_obs(state) to cls_obs_serial_begin for the size check.
 * cls_triad_state_read reads the same back at the reader's cursor, with
 * full validation (22P03), into a new state in mcxt.
 */
extern Size cls_triad_state_serial_hlen(void);
extern const cls_obs_buf *cls_triad_state_obs(void *state);
extern void cls_triad_state_write(StringInfo buf, void *state);
extern void *cls_triad_state_read(StringInfo r, MemoryContext mcxt);

/*
 * The contents of a triad state: its observations sorted in place by
 * cls_obs_sort, once (the state means the same multiset afterwards, so a
 * final function may call this), the criteria and the baselines
 * (CLS_IN__COUNT, NaN = not given).
 */
extern void cls_triad_state_contents(void *state, const cls_obs **obs,
									 size_t *n, cls_triad_criteria *crit,
									 double *baselines);

/* a (value, time) pair of a result row; NULLs when there is none */
extern void cls_triad_put_extreme(Datum *v, bool *n, int att,
								  const cls_triad_extreme *e);

#endif							/* CLS_TRIAD_PG_H */
