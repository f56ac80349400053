/*
 * cls_pg.c -- module magic, the small cls base types, shared glue helpers.
 */
#include "cls_pg.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "storage/proc.h"
#include "sort.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* The core's long loops (sorts, scans) call this; see src/core/sort.h. */
static void
cls_pg_check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

void
_PG_init(void)
{
	cls_set_interrupt_hook(cls_pg_check_interrupts);
}

/* ------------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------------ */

/* Input can hold anything: error messages quote at most 64 bytes of it. */
const char *
cls_pg_clip(const char *s)
{
	size_t		len = strlen(s);

	if (len <= 64)
		return s;
	return psprintf("%.*s...", pg_mbcliplen(s, (int) len, 64), s);
}

void
cls_pg_unit_error(cls_analyte a, const char *unit, cls_unit_status st)
{
	char		list[256];

	unit = cls_pg_clip(unit);

	cls_unit_list(a, list, sizeof(list));
	if (st == CLS_UNIT_WRONG_ANALYTE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit \"%s\" is not valid for analyte \"%s\"",
						unit, cls_analyte_name(a)),
				 errdetail("cls converts %s to %s; \"%s\" measures another quantity.",
						   cls_analyte_name(a), cls_analyte_unit(a), unit),
				 errhint("Units accepted for %s: %s (UCUM codes or common spellings, case-insensitive, blanks ignored), or their OMOP unit concept_ids.",
						 cls_analyte_name(a), list)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown unit \"%s\" for analyte \"%s\"",
					unit, cls_analyte_name(a)),
			 errdetail("cls does not know this unit spelling."),
			 errhint("Units accepted for %s: %s (UCUM codes or common spellings, case-insensitive, blanks ignored), or their OMOP unit concept_ids; cls.unit_known() finds such rows before a cohort query.",
					 cls_analyte_name(a), list)));
}

cls_unit_cache *
cls_pg_unit_cache(FunctionCallInfo fcinfo, int slot)
{
	cls_unit_cache *c = (cls_unit_cache *) fcinfo->flinfo->fn_extra;

	Assert(slot >= 0 && slot < 4);
	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
								   4 * sizeof(cls_unit_cache));
		cls_pg_unit_cache_init(c, 4);
		fcinfo->flinfo->fn_extra = c;
	}
	return &c[slot];
}

void
cls_pg_unit_cache_init(cls_unit_cache *c, int n)
{
	for (int i = 0; i < n; i++)
	{
		c[i].len = -1;
		c[i].analyte = CLS_A_NONE;
	}
}

/* Whether a cache entry holds this analyte's text unit (len > 0), or its
 * OMOP unit concept_id (len 0, the concept_id in place of a spelling). */
static bool
text_hit(const cls_unit_cache *c, cls_analyte a, const char *s, int len)
{
	return c->analyte == a && c->len == len && len > 0 &&
		memcmp(c->unit, s, len) == 0;
}

static bool
omop_hit(const cls_unit_cache *c, cls_analyte a, int64 concept_id)
{
	return c->analyte == a && c->len == 0 &&
		memcmp(c->unit, &concept_id, sizeof(concept_id)) == 0;
}

/* The entry a miss fills: the first, after the others move down one
 * (the oldest is dropped). */
static cls_unit_cache *
cache_insert(cls_unit_cache *cache, int n)
{
	if (n > 1)
		memmove(&cache[1], &cache[0], (n - 1) * sizeof(cache[0]));
	return &cache[0];
}

/* The lookup of a text unit through n cache entries (no error). */
static cls_unit_status
unit_lookup_cached(cls_analyte a, text *unit, cls_unit_cache *cache, int n,
				   cls_conv *out)
{
	const char *s = VARDATA_ANY(unit);
	int			len = VARSIZE_ANY_EXHDR(unit);
	cls_unit_status st;

	for (int i = 0; cache && i < n; i++)
		if (text_hit(&cache[i], a, s, len))
		{
			*out = cache[i].conv;
			return cache[i].status;
		}
	st = cls_unit_lookup(a, s, len, out);
	/* len 0 is the OMOP entry's mark: an empty spelling is not kept */
	if (cache && len > 0 && len <= (int) sizeof(cache->unit))
	{
		cls_unit_cache *c = cache_insert(cache, n);

		c->analyte = a;
		c->len = len;
		memcpy(c->unit, s, len);
		c->conv = *out;
		c->status = st;
	}
	return st;
}

/* The same for an OMOP unit concept_id. */
static cls_unit_status
unit_lookup_omop_cached(cls_analyte a, int64 concept_id,
						cls_unit_cache *cache, int n, cls_conv *out)
{
	cls_unit_status st;

	for (int i = 0; cache && i < n; i++)
		if (omop_hit(&cache[i], a, concept_id))
		{
			*out = cache[i].conv;
			return cache[i].status;
		}
	st = cls_unit_lookup_omop(a, concept_id, out);
	if (cache)
	{
		cls_unit_cache *c = cache_insert(cache, n);

		c->analyte = a;
		c->len = 0;
		memcpy(c->unit, &concept_id, sizeof(concept_id));
		c->conv = *out;
		c->status = st;
	}
	return st;
}

void
cls_pg_unit_conv(cls_analyte a, text *unit, cls_unit_cache *cache,
				 cls_conv *out)
{
	cls_unit_status st = unit_lookup_cached(a, unit, cache, 1, out);

	if (st != CLS_UNIT_OK)
		cls_pg_unit_error(a, text_to_cstring(unit), st);
}

/*
 * Query or data (README "Conventions": a query's mistakes are errors, the rows' problems are
 * not).  An argument is the query's when it is a constant or a parameter
 * (get_fn_expr_arg_stable); in an aggregate's transition function the
 * argument is looked up in the Aggref (argument n of the transition function
 * is the aggregate's argument n - 1, after the state), because the planner
 * hands transition functions placeholder expressions.  Anything else (a
 * column, an expression over columns, a call without an expression tree, a
 * window aggregate) is data.
 */
bool
cls_pg_arg_in_query(FunctionCallInfo fcinfo, int argno)
{
	Aggref	   *aggref;

	if (fcinfo->flinfo == NULL)
		return false;
	if (AggCheckCallContext(fcinfo, NULL) == AGG_CONTEXT_AGGREGATE &&
		(aggref = AggGetAggref(fcinfo)) != NULL)
	{
		TargetEntry *te;
		Node	   *e;

		if (argno < 1 || argno > list_length(aggref->args))
			return false;
		te = (TargetEntry *) list_nth(aggref->args, argno - 1);
		e = (Node *) te->expr;
		while (e && IsA(e, RelabelType))
			e = (Node *) ((RelabelType *) e)->arg;
		return e != NULL && (IsA(e, Const) ||
							 (IsA(e, Param) &&
							  ((Param *) e)->paramkind == PARAM_EXTERN));
	}
	return get_fn_expr_arg_stable(fcinfo->flinfo, argno);
}

/*
 * One WARNING per (analyte, unit) and statement: the set is kept per backend
 * and emptied when a new statement (or transaction) begins.  A per-call-site
 * set (fn_extra) would repeat the warning for every call site of one query
 * and is taken by several functions for their own caches; a parallel worker
 * has its own set, so a parallel plan may repeat a warning once per worker.
 */
#define WARNED_MAX 32
static void
warn_unit_once(cls_analyte a, const char *unit, cls_unit_status st)
{
	static LocalTransactionId w_lxid = InvalidLocalTransactionId;
	static TimestampTz w_stmt = 0;
	static struct
	{
		cls_analyte a;
		char		u[72];
	}			warned[WARNED_MAX];
	static int	nwarned = 0;
	TimestampTz now = GetCurrentStatementStartTimestamp();
	char		list[256];

	if (MyProc == NULL || MyProc->lxid != w_lxid || now != w_stmt)
	{
		w_lxid = MyProc ? MyProc->lxid : InvalidLocalTransactionId;
		w_stmt = now;
		nwarned = 0;
	}
	unit = cls_pg_clip(unit);
	for (int i = 0; i < nwarned && i < WARNED_MAX; i++)
		if (warned[i].a == a && strcmp(warned[i].u, unit) == 0)
			return;
	if (nwarned >= WARNED_MAX)
	{
		if (nwarned++ == WARNED_MAX)
			ereport(WARNING,
					(errmsg("more than %d unknown units in this statement: further ones are not reported", WARNED_MAX),
					 errhint("cls.unit_known() finds the rows with such units.")));
		return;
	}
	warned[nwarned].a = a;
	strlcpy(warned[nwarned].u, unit, sizeof(warned[nwarned].u));
	nwarned++;

	cls_unit_list(a, list, sizeof(list));
	if (st == CLS_UNIT_WRONG_ANALYTE)
		ereport(WARNING,
				(errmsg("unit \"%s\" of some rows is not valid for analyte \"%s\"",
						unit, cls_analyte_name(a)),
				 errdetail("cls converts %s to %s; \"%s\" measures another quantity. Results that need these values in %s are NULL.",
						   cls_analyte_name(a), cls_analyte_unit(a), unit, cls_analyte_unit(a)),
				 errhint("Units accepted for %s: %s, or their OMOP unit concept_ids.",
						 cls_analyte_name(a), list)));
	else
		ereport(WARNING,
				(errmsg("unknown unit \"%s\" for analyte \"%s\" in some rows",
						unit, cls_analyte_name(a)),
				 strcmp(unit, "0") == 0 ?
				 errdetail("OMOP unit_concept_id 0 means \"No matching concept\": the unit was not mapped. Results that need these values in %s are NULL.", cls_analyte_unit(a)) :
				 errdetail("cls does not know this unit spelling. Results that need these values in %s are NULL.", cls_analyte_unit(a)),
				 errhint("Units accepted for %s: %s, or their OMOP unit concept_ids; cls.unit_known() finds such rows.",
						 cls_analyte_name(a), list)));
}

cls_unit_status
cls_pg_unit_lookup_arg_n_any(FunctionCallInfo fcinfo, int argno, cls_analyte a,
							 bool omop, cls_unit_cache *cache, int n,
							 cls_conv *out)
{
	if (omop)
		return unit_lookup_omop_cached(a, PG_GETARG_INT64(argno), cache, n, out);
	return unit_lookup_cached(a, PG_GETARG_TEXT_PP(argno), cache, n, out);
}

cls_unit_status
cls_pg_unit_lookup_arg(FunctionCallInfo fcinfo, int argno, cls_analyte a,
					   bool omop, cls_unit_cache *cache, cls_conv *out)
{
	return cls_pg_unit_lookup_arg_n(fcinfo, argno, a, omop, cache, 1, out);
}

char *
cls_pg_unit_arg_text(FunctionCallInfo fcinfo, int argno, bool omop)
{
	if (omop)
		return psprintf("%lld", (long long) PG_GETARG_INT64(argno));
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

bool
cls_pg_unit_arg_unusable(FunctionCallInfo fcinfo, int argno, cls_analyte a,
						 bool omop, cls_unit_status st, cls_conv *out)
{
	static const cls_conv to_nan = {NAN, 1.0, 0.0};

	if (cls_pg_arg_in_query(fcinfo, argno))
		cls_pg_unit_error(a, cls_pg_unit_arg_text(fcinfo, argno, omop), st);
	warn_unit_once(a, cls_pg_unit_arg_text(fcinfo, argno, omop), st);
	*out = to_nan;
	return false;
}

bool
cls_pg_unit_arg(FunctionCallInfo fcinfo, int argno, cls_analyte a, bool omop,
				cls_unit_cache *cache, cls_conv *out)
{
	return cls_pg_unit_arg_n(fcinfo, argno, a, omop, cache, 1, out);
}

char *
cls_pg_unit_problem(cls_analyte a, const char *unit, cls_unit_status st)
{
	unit = cls_pg_clip(unit);
	if (st == CLS_UNIT_WRONG_ANALYTE)
		return psprintf("unit \"%s\" is not valid for %s", unit,
						cls_analyte_name(a));
	if (strcmp(unit, "0") == 0)
		return psprintf("unknown unit \"0\" for %s (OMOP \"No matching concept\")",
						cls_analyte_name(a));
	return psprintf("unknown unit \"%s\" for %s", unit, cls_analyte_name(a));
}

char *
cls_pg_value_status_problem(cls_analyte a, double canonical,
							cls_value_status vst)
{
	double		lo,
				hi;
	bool		lo_inc;

	if (vst != CLS_VALUE_TOO_LOW && vst != CLS_VALUE_TOO_HIGH)
		return psprintf("%s value is %s", cls_analyte_name(a),
						cls_value_status_text(vst));
	cls_plausible_range(a, &lo, &hi, &lo_inc);
	return psprintf("%s %g %s is %s (plausible: %g %s %s <= %g %s)",
					cls_analyte_name(a), canonical, cls_analyte_unit(a),
					cls_value_status_text(vst), lo, lo_inc ? "<=" : "<",
					cls_analyte_name(a), hi, cls_analyte_unit(a));
}

void
cls_pg_bad_arg(const char *argname, const char *value, const char *detail,
			   const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value for %s: \"%s\"", argname, value),
			 detail ? errdetail("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0));
}

/* The 22023 error for a limit the query writes that is unusable. */
static void
bad_limit(const char *argname, double v, bool zero_ok)
{
	char		buf[64];

	snprintf(buf, sizeof(buf), "%g", v);
	cls_pg_bad_arg(argname, buf,
				   zero_ok ?
				   "A lower reference limit must be a finite number, zero or greater." :
				   "A reference limit or baseline must be a finite number greater than zero.",
				   "Pass NULL when the limit is unknown: grades that need it are then NULL.");
}

void
cls_pg_check_limit(const char *argname, double v)
{
	if (!cls_pg_limit_usable(v, false))
		bad_limit(argname, v, false);
}

/* cls_pg_limit_arg (cls_pg.h) for a limit that is not usable. */
int
cls_pg_limit_arg_unusable(FunctionCallInfo fcinfo, int argno,
						  const char *argname, bool zero_ok, bool may_raise,
						  double x, char **problem)
{
	if (may_raise && cls_pg_arg_in_query(fcinfo, argno))
		bad_limit(argname, x, zero_ok);
	*problem = psprintf("%s %g is not usable (a %s must be a finite number %s)",
						argname, x, zero_ok ? "lower limit" : "limit or baseline",
						zero_ok ? ">= 0" : "> 0");
	return -1;
}

/* ------------------------------------------------------------------------
 * Base types: cls.analyte, cls.ctcae_term, cls.ctcae_version.  Each is an
 * int4 on disk; input is case-insensitive, output canonical.  They are not
 * collatable, so postgres_fdw ships calls that take them as constants.
 * ------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(cls_analyte_in);
Datum
cls_analyte_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	cls_analyte a = cls_analyte_from_code(s, strlen(s));

	if (a == CLS_A_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unknown analyte \"%s\"", cls_pg_clip(s)),
				 errdetail("An analyte is a cls analyte name, a LOINC code, a MIMIC-IV itemid or an OMOP measurement concept_id that cls maps."),
				 errhint("SELECT * FROM cls.analytes() lists the analytes and SELECT * FROM cls.codes() the codes.")));
	PG_RETURN_INT32((int32) a);
}

PG_FUNCTION_INFO_V1(cls_analyte_out);
Datum
cls_analyte_out(PG_FUNCTION_ARGS)
{
	cls_analyte a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));

	if (a < 0 || a >= CLS_A__COUNT)
		elog(ERROR, "invalid cls.analyte value %d", (int) a);
	PG_RETURN_CSTRING(pstrdup(cls_analyte_name(a)));
}

PG_FUNCTION_INFO_V1(cls_term_in);
Datum
cls_term_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	cls_term	t = cls_term_from_name(s, strlen(s));

	if (t == CLS_T_NONE)
	{
		StringInfoData names;

		initStringInfo(&names);
		for (int i = 0; i < CLS_T__COUNT; i++)
			appendStringInfo(&names, "%s%s", i ? ", " : "",
							 cls_term_get((cls_term) i)->name);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unknown CTCAE term \"%s\"", cls_pg_clip(s)),
				 errdetail("cls grades these CTCAE terms: %s.", names.data),
				 errhint("Terms are case-insensitive; blanks and underscores are interchangeable.")));
	}
	PG_RETURN_INT32((int32) t);
}

PG_FUNCTION_INFO_V1(cls_term_out);
Datum
cls_term_out(PG_FUNCTION_ARGS)
{
	cls_term	t = DatumGetClsTerm(PG_GETARG_DATUM(0));

	if (t < 0 || t >= CLS_T__COUNT)
		elog(ERROR, "invalid cls.ctcae_term value %d", (int) t);
	PG_RETURN_CSTRING(pstrdup(cls_term_get(t)->name));
}

PG_FUNCTION_INFO_V1(cls_version_in);
Datum
cls_version_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	cls_version v = cls_version_from_name(s, strlen(s));

	if (v == CLS_V_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unknown CTCAE version \"%s\"", cls_pg_clip(s)),
				 errdetail("cls grades CTCAE versions 5.0 (the default), 4.03 and 6.0 (cls.ctcae_criteria() lists the terms of each)."),
				 errhint("Write the version as '5.0', '5', '4.03', '4' or '6.0'.")));
	PG_RETURN_INT32((int32) v);
}

PG_FUNCTION_INFO_V1(cls_version_out);
Datum
cls_version_out(PG_FUNCTION_ARGS)
{
	cls_version v = DatumGetClsVersion(PG_GETARG_DATUM(0));

	if (v < 0 || v >= CLS_V__COUNT)
		elog(ERROR, "invalid cls.ctcae_version value %d", (int) v);
	PG_RETURN_CSTRING(pstrdup(cls_version_name(v)));
}

/*
 * Binary I/O, shared by the three types: an int4 checked against the
 * type's range so a crafted message cannot smuggle in an invalid value.
 */
static Datum
small_type_recv(FunctionCallInfo fcinfo, int limit, const char *type)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		v = pq_getmsgint(buf, 4);

	if (v < 0 || v >= limit)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external value %d for type %s", v, type)));
	PG_RETURN_INT32(v);
}

PG_FUNCTION_INFO_V1(cls_analyte_recv);
Datum
cls_analyte_recv(PG_FUNCTION_ARGS)
{
	return small_type_recv(fcinfo, CLS_A__COUNT, "cls.analyte");
}

PG_FUNCTION_INFO_V1(cls_term_recv);
Datum
cls_term_recv(PG_FUNCTION_ARGS)
{
	return small_type_recv(fcinfo, CLS_T__COUNT, "cls.ctcae_term");
}

PG_FUNCTION_INFO_V1(cls_version_recv);
Datum
cls_version_recv(PG_FUNCTION_ARGS)
{
	return small_type_recv(fcinfo, CLS_V__COUNT, "cls.ctcae_version");
}

PG_FUNCTION_INFO_V1(cls_small_type_send);
Datum
cls_small_type_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, PG_GETARG_INT32(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(cls_small_type_eq);
Datum
cls_small_type_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_INT32(0) == PG_GETARG_INT32(1));
}

/* Ordering of the small types: their internal order (analytes in the order
 * of cls.analytes()), so that they can be sorted and grouped. */
PG_FUNCTION_INFO_V1(cls_small_type_cmp);
Datum
cls_small_type_cmp(PG_FUNCTION_ARGS)
{
	int32		a = PG_GETARG_INT32(0);
	int32		b = PG_GETARG_INT32(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(cls_small_type_ne);
Datum
cls_small_type_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_INT32(0) != PG_GETARG_INT32(1));
}

PG_FUNCTION_INFO_V1(cls_small_type_lt);
Datum
cls_small_type_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_INT32(0) < PG_GETARG_INT32(1));
}

PG_FUNCTION_INFO_V1(cls_small_type_le);
Datum
cls_small_type_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_INT32(0) <= PG_GETARG_INT32(1));
}

PG_FUNCTION_INFO_V1(cls_small_type_gt);
Datum
cls_small_type_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_INT32(0) > PG_GETARG_INT32(1));
}

PG_FUNCTION_INFO_V1(cls_small_type_ge);
Datum
cls_small_type_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_INT32(0) >= PG_GETARG_INT32(1));
}
