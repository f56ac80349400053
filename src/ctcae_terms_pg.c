/*
 * ctcae_terms_pg.c -- SQL glue for grading by analyte (cls 0.3.0):
 * cls.ctcae_terms_of(analyte, version), the terms a measurement row of an
 * analyte is graded for, and cls.ctcae_grade_signed(analyte, ...), the
 * low/high grade signed as ADaM's ATOXGR (-4..-1 low, 1..4 high, 0 normal).
 *
 * The signed grade grades the analyte's low and high term with the generic
 * cls.ctcae_grade (same units, limits, NULL rules and errors) and combines
 * the two; which terms those are comes from the criteria table.
 */
#include "cls_pg.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

extern Datum cls_ctcae_grade(PG_FUNCTION_ARGS);
extern Datum cls_ctcae_grade_omop(PG_FUNCTION_ARGS);

/* cls.ctcae_terms_of(analyte, version) -> cls.ctcae_term[] */
PG_FUNCTION_INFO_V1(cls_ctcae_terms_of);
Datum
cls_ctcae_terms_of(PG_FUNCTION_ARGS)
{
	cls_analyte a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));
	cls_version v = DatumGetClsVersion(PG_GETARG_DATUM(1));
	cls_term	t[CLS_T__COUNT];
	Datum		d[CLS_T__COUNT];
	size_t		n;
	Oid			elem = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));

	if (a < 0 || a >= CLS_A__COUNT || v < 0 || v >= CLS_V__COUNT)
		elog(ERROR, "invalid cls analyte or CTCAE version");
	if (!OidIsValid(elem))
		elog(ERROR, "cls.ctcae_terms_of: could not determine the element type");
	n = cls_terms_of_analyte(a, v, t, CLS_T__COUNT);
	for (size_t i = 0; i < n; i++)
		d[i] = Int32GetDatum((int32) t[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, (int) n, elem, 4, true, TYPALIGN_INT));
}

/* Grade one side: -2 no term of that direction, -1 unknown (NULL). */
static int
side_grade(FunctionCallInfo fcinfo, PGFunction grade_fn, cls_analyte a,
		   cls_version v, int direction)
{
	cls_term	t;
	bool		graded;
	Datum		r;

	LOCAL_FCINFO(inner, 8);

	if (!cls_signed_term(a, v, direction, &t, &graded))
		return -2;
	if (!graded)
		return -1;				/* the term exists, not in this version */
	InitFunctionCallInfoData(*inner, fcinfo->flinfo, 8, InvalidOid, NULL, NULL);
	inner->args[0].value = Int32GetDatum((int32) t);
	inner->args[0].isnull = false;
	for (int i = 1; i < 8; i++)
		inner->args[i] = fcinfo->args[i];
	r = grade_fn(inner);
	if (inner->isnull)
		return -1;
	return DatumGetInt16(r);
}

static Datum
grade_signed(FunctionCallInfo fcinfo, PGFunction grade_fn)
{
	cls_analyte a;
	cls_version v;
	int			lo,
				hi;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(6))
		PG_RETURN_NULL();
	a = DatumGetClsAnalyte(PG_GETARG_DATUM(0));
	v = DatumGetClsVersion(PG_GETARG_DATUM(6));
	if (a < 0 || a >= CLS_A__COUNT || v < 0 || v >= CLS_V__COUNT)
		elog(ERROR, "invalid cls analyte or CTCAE version");
	lo = side_grade(fcinfo, grade_fn, a, v, -1);
	hi = side_grade(fcinfo, grade_fn, a, v, 1);
	if (lo == -2 && hi == -2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("analyte \"%s\" has no CTCAE term", cls_analyte_name(a)),
				 errhint("SELECT DISTINCT term FROM cls.ctcae_criteria() lists the terms cls grades.")));
	/* a side without any term is normal; one side abnormal decides (both
	 * abnormal means contradictory limits: NULL); otherwise both must be
	 * known */
	if (lo == -2)
		lo = 0;
	if (hi == -2)
		hi = 0;
	if (lo > 0 && hi <= 0)
		PG_RETURN_INT16((int16) -lo);
	if (hi > 0 && lo <= 0)
		PG_RETURN_INT16((int16) hi);
	if (lo == 0 && hi == 0)
		PG_RETURN_INT16(0);
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(cls_ctcae_grade_signed);
Datum
cls_ctcae_grade_signed(PG_FUNCTION_ARGS)
{
	return grade_signed(fcinfo, cls_ctcae_grade);
}

PG_FUNCTION_INFO_V1(cls_ctcae_grade_signed_omop);
Datum
cls_ctcae_grade_signed_omop(PG_FUNCTION_ARGS)
{
	return grade_signed(fcinfo, cls_ctcae_grade_omop);
}
