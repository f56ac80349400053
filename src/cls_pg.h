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
 * in fn_extra (fn_mcxt).  The one unit-cache mechanism: n entries, most
 * recently looked up first (cls_pg_unit_cache_init; cls_pg_unit_arg_n,
 * cls_pg_unit_lookup_arg_n), one entry per call site by default
 * (cls_pg_unit_cache + cls_pg_unit_arg), a few per analyte where rows mix
 * spellings (the triad aggregate, grading, tagraxofusp).
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
/* Raise the error for a failed unit lookup. */
extern void cls_pg_unit_error(cls_analyte a, const char *unit,
							  cls_unit_status st) pg_attribute_noreturn();
/* A cache in fn_extra, allocated on first use. */
extern cls_unit_cache *cls_pg_unit_cache(FunctionCallInfo fcinfo, int slot);
/* Mark n caches empty (a caller that keeps caches in its own fn_extra
 * struct). */
extern void cls_pg_unit_cache_init(cls_unit_cache *c, int n);

/*
 * Query or data: true when argument argno of this call is written in the
 * query (a constant or parameter), false when it comes from the rows.  Works
 * in aggregate transition functions too (the Aggref's argument argno - 1).
 */
extern bool cls_pg_arg_in_query(FunctionCallInfo fcinfo, int argno);

/* The lookup of the unit in argument argno (text, or an OMOP unit
 * concept_id when omop), never raising. */
extern cls_unit_status cls_pg_unit_lookup_arg(FunctionCallInfo fcinfo,
											  int argno, cls_analyte a,
											  bool omop, cls_unit_cache *cache,
											  cls_conv *out);
/* cls_pg_unit_lookup_arg_n past its inline test of cache[0]. */
extern cls_unit_status cls_pg_unit_lookup_arg_n_any(FunctionCallInfo fcinfo,
													int argno, cls_analyte a,
													bool omop, cls_unit_cache *cache,
													int n, cls_conv *out);

/*
 * The entry of cache[0..n-1] that holds the unit of argument argno (not
 * NULL) for analyte a, or -1: the test cls_pg_unit_lookup_arg_n makes
 * first, inline because it is on the per-row path of the triad aggregate
 * and of grading (rows mix a few units).  A toasted unit (compressed or out
 * of line) is never found here; the full lookup detoasts it.
 */
static inline int
cls_pg_unit_cache_find(FunctionCallInfo fcinfo, int argno, cls_analyte a,
					   bool omop, const cls_unit_cache *cache, int n)
{
	if (omop)
	{
		int64		id = PG_GETARG_INT64(argno);

		for (int k = 0; k < n; k++)
			if (cache[k].analyte == a && cache[k].len == 0 &&
				memcmp(cache[k].unit, &id, sizeof(id)) == 0)
				return k;
	}
	else
	{
		struct varlena *u = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(argno));
		const char *s;
		int			len;

		if (VARATT_IS_COMPRESSED(u) || VARATT_IS_EXTERNAL(u))
			return -1;
		s = VARDATA_ANY(u);
		len = VARSIZE_ANY_EXHDR(u);
		if (len <= 0)
			return -1;
		for (int k = 0; k < n; k++)
		{
			int			i;

			if (cache[k].analyte != a || cache[k].len != len)
				continue;
			for (i = 0; i < len && cache[k].unit[i] == s[i]; i++)
				;
			if (i == len)
				return k;
		}
	}
	return -1;
}

/* The same through n cache entries (cache[0..n-1]; a miss fills cache[0]
 * and moves the others down one), for rows that mix a few units. */
static inline cls_unit_status
cls_pg_unit_lookup_arg_n(FunctionCallInfo fcinfo, int argno, cls_analyte a,
						 bool omop, cls_unit_cache *cache, int n,
						 cls_conv *out)
{
	int			k = cache ? cls_pg_unit_cache_find(fcinfo, argno, a, omop, cache, n) : -1;

	if (k >= 0)
	{
		*out = cache[k].conv;
		return cache[k].status;
	}
	return cls_pg_unit_lookup_arg_n_any(fcinfo, argno, a, omop, cache, n, out);
}

/*
 * The conversion of the unit in argument argno (not NULL).  A unit unknown
 * or invalid for the analyte is, when the query writes it, the 22023 error;
 * when it comes from the rows, a data problem: one WARNING per (analyte,
 * unit) and statement, *out converts every value to NaN (so that the value
 * is ignored like any unusable one) and the result is false.
 */
extern bool cls_pg_unit_arg(FunctionCallInfo fcinfo, int argno, cls_analyte a,
							bool omop, cls_unit_cache *cache, cls_conv *out);
/* cls_pg_unit_arg_n for a unit that is not usable (st): the error or the
 * warning, *out to NaN, false. */
extern bool cls_pg_unit_arg_unusable(FunctionCallInfo fcinfo, int argno,
									 cls_analyte a, bool omop,
									 cls_unit_status st, cls_conv *out);
/* The same through n cache entries (as cls_pg_unit_lookup_arg_n). */
static inline bool
cls_pg_unit_arg_n(FunctionCallInfo fcinfo, int argno, cls_analyte a, bool omop,
				  cls_unit_cache *cache, int n, cls_conv *out)
{
	cls_unit_status st = cls_pg_unit_lookup_arg_n(fcinfo, argno, a, omop,
												  cache, n, out);

	if (likely(st == CLS_UNIT_OK))
		return true;
	return cls_pg_unit_arg_unusable(fcinfo, argno, a, omop, st, out);
}
/* The unit in argument argno as text (an OMOP concept_id in decimal). */
extern char *cls_pg_unit_arg_text(FunctionCallInfo fcinfo, int argno, bool omop);
/* Why a unit is not usable, for *_reason and value_problem. */
extern char *cls_pg_unit_problem(cls_analyte a, const char *unit,
								 cls_unit_status st);

/*
 * A reference limit or baseline in argument argno (argno < 0: none): 0 when
 * NULL (unknown), 1 when usable (finite, > 0, or 0 when zero_ok: an LLN of 0
 * is a real reference range), -1 when not: then *problem says why, after
 * the 22023 error when the query writes it and may_raise.  *v is the value.
 */
extern int	cls_pg_limit_arg_unusable(FunctionCallInfo fcinfo, int argno,
									  const char *argname, bool zero_ok,
									  bool may_raise, double x, char **problem);

/* A limit is usable when finite and > 0 (or 0 when zero_ok). */
static inline bool
cls_pg_limit_usable(double x, bool zero_ok)
{
	return !isnan(x) && !isinf(x) && (x > 0 || (zero_ok && x == 0));
}

/* Inline: it is on the per-row path of grading. */
static inline int
cls_pg_limit_arg(FunctionCallInfo fcinfo, int argno, const char *argname,
				 bool zero_ok, bool may_raise, double *v, char **problem)
{
	double		x;

	*problem = NULL;
	if (argno < 0 || PG_ARGISNULL(argno))
		return 0;
	x = PG_GETARG_FLOAT8(argno);
	*v = x;
	if (cls_pg_limit_usable(x, zero_ok))
		return 1;
	return cls_pg_limit_arg_unusable(fcinfo, argno, argname, zero_ok,
									 may_raise, x, problem);
}

/* Check a user-given limit (LLN, ULN, baseline): finite and > 0, else a
 * 22023 error naming the argument. */
extern void cls_pg_check_limit(const char *argname, double v);

/* At most 64 bytes of a user string, for error messages. */
extern const char *cls_pg_clip(const char *s);

/* Why cls ignores a canonical value whose cls_value_check is vst (not
 * CLS_VALUE_OK). */
extern char *cls_pg_value_status_problem(cls_analyte a, double canonical,
										 cls_value_status vst);

/* NULL when a canonical value is usable, else why cls ignores it.  Inline:
 * it is on the per-row path of grading. */
static inline char *
cls_pg_value_problem(cls_analyte a, double canonical)
{
	cls_value_status vst = cls_value_check(a, canonical);

	if (likely(vst == CLS_VALUE_OK))
		return NULL;
	return cls_pg_value_status_problem(a, canonical, vst);
}

/* Raise the 22023 error for an argument outside its range. */
extern void cls_pg_bad_arg(const char *argname, const char *value,
						   const char *detail, const char *hint)
			pg_attribute_noreturn();

#endif							/* CLS_PG_H */
