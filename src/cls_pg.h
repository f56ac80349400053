/*
 * cls_pg.h -- shared PostgreSQL glue of cls: argument conversion and checks.
 *
 * Glue converts and checks; it holds no clinical number (those live in
 * src/core).  Every user-facing error goes through the helpers here so that
 * messages, SQLSTATEs and hints are the same everywhere.
 */
#ifndef CLS_PG_H
#define CLS_PG_H

#include "postgres.h"
#include "fmgr.h"

#include "units.h"
#include "ctcae.h"

/* The small base types are int4 internally. */
#define DatumGetClsAnalyte(d)	((cls_analyte) DatumGetInt32(d))
#define DatumGetClsTerm(d)		((cls_term) DatumGetInt32(d))
#define DatumGetClsVersion(d)	((cls_version) DatumGetInt32(d))

/*
 * A per-call-site cache of the last unit spelling seen, so that a column of
 * units is parsed once per distinct value rather than once per row.  Lives
 * in fn_extra (fn_mcxt).
 */
typedef struct cls_unit_cache
{
	cls_analyte analyte;
	int			len;			/* -1: empty */
	char		unit[64];
	cls_conv	conv;
	cls_unit_status status;
} cls_unit_cache;

/* Look up the conversion of a text unit for an analyte, raising the
 * documented 22023 errors for an unknown or wrong unit.  `cache` may be
 * NULL. */
extern void cls_pg_unit_conv(cls_analyte a, text *unit, cls_unit_cache *cache,
							 cls_conv *out);
/* The same for an OMOP unit concept_id (the cache keeps the last id). */
extern void cls_pg_unit_conv_omop(cls_analyte a, int64 concept_id,
								  cls_unit_cache *cache, cls_conv *out);
/* Raise the error for a failed unit lookup. */
extern void cls_pg_unit_error(cls_analyte a, const char *unit,
							  cls_unit_status st) pg_attribute_noreturn();
/* A cache in fn_extra, allocated on first use. */
extern cls_unit_cache *cls_pg_unit_cache(FunctionCallInfo fcinfo, int slot);

/* Check a user-given limit (LLN, ULN, baseline): finite and > 0, else a
 * 22023 error naming the argument. */
extern void cls_pg_check_limit(const char *argname, double v);

/* At most 64 bytes of a user string, for error messages. */
extern const char *cls_pg_clip(const char *s);

/* NULL when a canonical value is usable, else why cls ignores it. */
extern char *cls_pg_value_problem(cls_analyte a, double canonical);

/* Raise the 22023 error for an argument outside its range. */
extern void cls_pg_bad_arg(const char *argname, const char *value,
						   const char *detail, const char *hint)
			pg_attribute_noreturn();

#endif							/* CLS_PG_H */
