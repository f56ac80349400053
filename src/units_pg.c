/*
 * units_pg.c -- SQL glue for analytes, codes and units.
 */
#include "cls_pg.h"

#include <float.h>
#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

/* cls.analyte_of(code text) -> cls.analyte, NULL when unmapped */
PG_FUNCTION_INFO_V1(cls_analyte_of_text);
Datum
cls_analyte_of_text(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(0);
	cls_analyte a = cls_analyte_from_code(VARDATA_ANY(code),
										  VARSIZE_ANY_EXHDR(code));

	if (a == CLS_A_NONE)
		PG_RETURN_NULL();
	PG_RETURN_INT32((int32) a);
}

/* cls.analyte_of(code bigint) -> cls.analyte, NULL when unmapped */
PG_FUNCTION_INFO_V1(cls_analyte_of_int);
Datum
cls_analyte_of_int(PG_FUNCTION_ARGS)
{
	cls_analyte a = cls_analyte_from_int(PG_GETARG_INT64(0));

	if (a == CLS_A_NONE)
		PG_RETURN_NULL();
	PG_RETURN_INT32((int32) a);
}

PG_FUNCTION_INFO_V1(cls_canonical_unit);
Datum
cls_canonical_unit(PG_FUNCTION_ARGS)
{
	cls_analyte a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));

	PG_RETURN_TEXT_P(cstring_to_text(cls_analyte_unit(a)));
}

/*
 * cls.to_canonical(analyte, value, unit): the unit from the rows that cls
 * cannot use gives NULL (with one warning per unit and statement), written
 * in the query the 22023 error; a finite value whose canonical value is
 * beyond the double range gives NULL (never Infinity).
 */
static Datum
to_canonical(FunctionCallInfo fcinfo, bool omop)
{
	cls_analyte a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));
	double		v = PG_GETARG_FLOAT8(1),
				r;
	cls_conv	conv;

	if (!cls_pg_unit_arg(fcinfo, 2, a, omop, cls_pg_unit_cache(fcinfo, 0), &conv))
		PG_RETURN_NULL();
	r = cls_conv_apply(&conv, v);
	if ((r == DBL_MAX || r == -DBL_MAX) && r != v)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

PG_FUNCTION_INFO_V1(cls_to_canonical);
Datum
cls_to_canonical(PG_FUNCTION_ARGS)
{
	return to_canonical(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cls_to_canonical_omop);
Datum
cls_to_canonical_omop(PG_FUNCTION_ARGS)
{
	return to_canonical(fcinfo, true);
}

PG_FUNCTION_INFO_V1(cls_unit_known);
Datum
cls_unit_known(PG_FUNCTION_ARGS)
{
	cls_analyte a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));
	text	   *u = PG_GETARG_TEXT_PP(1);

	PG_RETURN_BOOL(cls_unit_lookup(a, VARDATA_ANY(u), VARSIZE_ANY_EXHDR(u),
								   NULL) == CLS_UNIT_OK);
}

PG_FUNCTION_INFO_V1(cls_unit_known_omop);
Datum
cls_unit_known_omop(PG_FUNCTION_ARGS)
{
	cls_analyte a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));

	PG_RETURN_BOOL(cls_unit_lookup_omop(a, PG_GETARG_INT64(1), NULL) ==
				   CLS_UNIT_OK);
}

/*
 * cls.value_problem(analyte, value, unit) -> text: NULL when the value is
 * usable, otherwise why cls ignores it.  Never raises an error, whether the
 * arguments come from the rows or the query: a NULL unit says so, an unknown
 * unit or unit concept (0, "No matching concept") too.  A NULL analyte (a
 * code cls does not map) or a NULL value gives NULL: nothing to judge.
 */
static Datum
value_problem(FunctionCallInfo fcinfo, bool omop)
{
	cls_analyte a;
	cls_conv	conv;
	cls_unit_status ust;
	char	   *problem;

	/* a missing value has nothing to judge (as in 0.2.0) */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));
	if (PG_ARGISNULL(2))
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s unit is NULL", cls_analyte_name(a))));
	ust = cls_pg_unit_lookup_arg(fcinfo, 2, a, omop, NULL, &conv);
	if (ust != CLS_UNIT_OK)
		PG_RETURN_TEXT_P(cstring_to_text(cls_pg_unit_problem(a, cls_pg_unit_arg_text(fcinfo, 2, omop), ust)));
	problem = cls_pg_value_problem(a, cls_conv_apply(&conv, PG_GETARG_FLOAT8(1)));
	if (problem == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(problem));
}

PG_FUNCTION_INFO_V1(cls_value_problem);
Datum
cls_value_problem(PG_FUNCTION_ARGS)
{
	return value_problem(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cls_value_problem_omop);
Datum
cls_value_problem_omop(PG_FUNCTION_ARGS)
{
	return value_problem(fcinfo, true);
}

/* The implicit cast cls.analyte -> text: the analyte's name, as output. */
extern Datum cls_analyte_out(PG_FUNCTION_ARGS);
PG_FUNCTION_INFO_V1(cls_analyte_text);
Datum
cls_analyte_text(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(DatumGetCString(cls_analyte_out(fcinfo))));
}

/* cls.analytes(): analyte, canonical unit, plausible range, units */
PG_FUNCTION_INFO_V1(cls_analytes);
Datum
cls_analytes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < CLS_A__COUNT; i++)
	{
		Datum		values[6];
		bool		nulls[6] = {0};
		double		lo,
					hi;
		bool		lo_inc;
		char		list[256];

		cls_plausible_range((cls_analyte) i, &lo, &hi, &lo_inc);
		cls_unit_list((cls_analyte) i, list, sizeof(list));
		values[0] = CStringGetTextDatum(cls_analyte_name((cls_analyte) i));
		values[1] = CStringGetTextDatum(cls_analyte_unit((cls_analyte) i));
		values[2] = Float8GetDatum(lo);
		values[3] = BoolGetDatum(lo_inc);
		values[4] = Float8GetDatum(hi);
		values[5] = CStringGetTextDatum(list);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* cls.codes(): code, system, analyte */
PG_FUNCTION_INFO_V1(cls_codes);
Datum
cls_codes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char		code[32];
	const char *system;
	cls_analyte a;

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; cls_code_at(i, code, sizeof(code), &system, &a); i++)
	{
		Datum		values[3];
		bool		nulls[3] = {0};

		values[0] = CStringGetTextDatum(code);
		values[1] = CStringGetTextDatum(system);
		values[2] = CStringGetTextDatum(cls_analyte_name(a));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* cls.unit_conversions(): analyte, unit, factor, offset (canonical = value
 * * factor + offset) */
PG_FUNCTION_INFO_V1(cls_unit_conversions);
Datum
cls_unit_conversions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cls_analyte a;
	const char *ucum;
	cls_conv	conv;

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; cls_unit_rule_at(i, &a, &ucum, &conv); i++)
	{
		Datum		values[5];
		bool		nulls[5] = {0};

		values[0] = CStringGetTextDatum(cls_analyte_name(a));
		values[1] = CStringGetTextDatum(ucum);
		values[2] = CStringGetTextDatum(cls_analyte_unit(a));
		if (conv.div != 1.0 && conv.mul == 1.0)
			values[3] = CStringGetTextDatum(psprintf("/ %g", conv.div));
		else if (conv.div != 1.0)
			values[3] = CStringGetTextDatum(psprintf("x %g / %g", conv.mul, conv.div));
		else
			values[3] = CStringGetTextDatum(psprintf("x %.10g", conv.mul));
		values[4] = Float8GetDatum(conv.add);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
