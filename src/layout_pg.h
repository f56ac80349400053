/*
 * layout_pg.h -- the argument layout of the glue, reported by name.
 *
 * Glue functions read their arguments by position (PG_GETARG_*(n)); each
 * position is named in C (enums, layout tables) and must match the SQL
 * declaration.  Each glue file that has such positions, or defaults of the
 * core behind SQL DEFAULTs, describes them through an emitter; the
 * SQL-callable cls.glue_layout() (src/layout_pg.c) lists them all, and
 * sql/94_layout.sql compares them with pg_get_function_arguments: a
 * renamed or reordered parameter, or a SQL DEFAULT that differs from the
 * core's default, fails the test.
 */
#ifndef CLS_LAYOUT_PG_H
#define CLS_LAYOUT_PG_H

#include "postgres.h"

/* fn: the function as regprocedure input ("cls.signs(float8,...)"); pos:
 * 0-based argument position; name: the SQL parameter name C expects;
 * core_default: the core's default as SQL input text, or NULL when the
 * core has none for it (a default of NULL itself is the text "NULL"). */
typedef void (*cls_layout_emit) (void *arg, const char *fn, int pos,
								 const char *name, const char *core_default);

extern void cls_triad_wide_layout(cls_layout_emit emit, void *arg);	/* triad_wide_pg.c */
extern void cls_triad_criteria_layout(cls_layout_emit emit, void *arg);	/* triad_pg.c */
extern void cls_triad_agg_layout(cls_layout_emit emit, void *arg);	/* triad_episodes_pg.c */
extern void cls_tgx_check_layout(cls_layout_emit emit, void *arg);	/* tagraxofusp_pg.c */
extern void cls_ctcae_grade_layout(cls_layout_emit emit, void *arg);	/* ctcae_pg.c */

#endif							/* CLS_LAYOUT_PG_H */
