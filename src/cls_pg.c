/*
 * cls_pg.c -- module magic, the small cls base types, shared glue helpers.
 */
#include "cls_pg.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "miscadmin.h"
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
		for (int i = 0; i < 4; i++)
		{
			c[i].len = -1;
			c[i].analyte = CLS_A_NONE;
		}
		fcinfo->flinfo->fn_extra = c;
	}
	return &c[slot];
}

void
cls_pg_unit_conv(cls_analyte a, text *unit, cls_unit_cache *cache,
				 cls_conv *out)
{
	const char *s = VARDATA_ANY(unit);
	int			len = VARSIZE_ANY_EXHDR(unit);
	cls_unit_status st;

	if (cache && cache->analyte == a && cache->len == len && len > 0 &&
		memcmp(cache->unit, s, len) == 0)
	{
		if (cache->status != CLS_UNIT_OK)
			cls_pg_unit_error(a, text_to_cstring(unit), cache->status);
		*out = cache->conv;
		return;
	}
	st = cls_unit_lookup(a, s, len, out);
	if (cache && len <= (int) sizeof(cache->unit))
	{
		cache->analyte = a;
		cache->len = len;
		memcpy(cache->unit, s, len);
		cache->conv = *out;
		cache->status = st;
	}
	if (st != CLS_UNIT_OK)
		cls_pg_unit_error(a, text_to_cstring(unit), st);
}

void
cls_pg_unit_conv_omop(cls_analyte a, int64 concept_id, cls_unit_cache *cache,
					  cls_conv *out)
{
	cls_unit_status st;

	/* the cache stores the concept_id in place of a spelling, len 0 */
	if (cache && cache->analyte == a && cache->len == 0 &&
		memcmp(cache->unit, &concept_id, sizeof(concept_id)) == 0 &&
		cache->status == CLS_UNIT_OK)
	{
		*out = cache->conv;
		return;
	}
	st = cls_unit_lookup_omop(a, concept_id, out);
	if (cache && st == CLS_UNIT_OK)
	{
		cache->analyte = a;
		cache->len = 0;
		memcpy(cache->unit, &concept_id, sizeof(concept_id));
		cache->conv = *out;
		cache->status = st;
	}

	if (st != CLS_UNIT_OK)
	{
		char		buf[32];

		snprintf(buf, sizeof(buf), "%lld", (long long) concept_id);
		cls_pg_unit_error(a, buf, st);
	}
}

char *
cls_pg_value_problem(cls_analyte a, double canonical)
{
	cls_value_status vst = cls_value_check(a, canonical);
	double		lo,
				hi;
	bool		lo_inc;

	if (vst == CLS_VALUE_OK)
		return NULL;
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

void
cls_pg_check_limit(const char *argname, double v)
{
	if (isnan(v) || isinf(v) || v <= 0)
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "%g", v);
		cls_pg_bad_arg(argname, buf,
					   "A reference limit or baseline must be a finite number greater than zero.",
					   "Pass NULL when the limit is unknown: grades that need it are then NULL.");
	}
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
