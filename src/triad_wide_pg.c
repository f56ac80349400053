/*
 * triad_wide_pg.c -- SQL glue of the wide (one time point) triad functions:
 * cls.hypotension, cls.hypoalbuminemia, cls.hemoconcentration,
 * cls.weight_gain, cls.hyponatremia and cls.signs.  Converts the arguments;
 * the time point is evaluated by the core (cls_triad_wide_eval,
 * src/core/triad.c).
 */
#include "cls_pg.h"

#include <ctype.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "label.h"
#include "triad.h"
#include "obs_pg.h"
#include "triad_pg.h"
#include "layout_pg.h"

/* ------------------------------------------------------------------------
 * Wide rows: one time point
 * ------------------------------------------------------------------------ */

/* Where each input sits in a wide function's arguments (-1: absent). */
typedef struct WideLayout
{
	int			value[CLS_IN__COUNT];
	int			unit[CLS_IN__COUNT];	/* -1: canonical unit */
	int			baseline[CLS_IN__COUNT];
	int			prev_weight;
	int			criteria;
	cls_sign	only;			/* a single sign, or CLS_SIGN__COUNT: all */
} WideLayout;

static const char *const in_argname[CLS_IN__COUNT] = {
	"sbp", "map", "albumin", "hematocrit", "weight", "sodium", "edema"
};

typedef struct WideResult
{
	cls_triad_criteria c;
	cls_triad_wide_result r;
} WideResult;

/* A value argument in canonical units; false when NULL, its unit is NULL,
 * or it is implausible (ignored, as in the long form). */
static bool
wide_value(FunctionCallInfo fcinfo, int arg, int unitarg, cls_analyte a,
		   double *out)
{
	double		v;
	cls_conv	conv = {1.0, 1.0, 0.0};

	if (arg < 0 || PG_ARGISNULL(arg))
		return false;
	v = PG_GETARG_FLOAT8(arg);
	if (unitarg >= 0)
	{
		if (PG_ARGISNULL(unitarg))
			return false;
		/* no cache: fn_extra holds the result types; a unit from the rows
		 * that cls cannot use makes the value NaN (ignored) */
		(void) cls_pg_unit_arg(fcinfo, unitarg, a, false, NULL, &conv);
	}
	v = cls_conv_apply(&conv, v);
	if (cls_value_check(a, v) != CLS_VALUE_OK)
		return false;
	*out = v;
	return true;
}

/* Convert the arguments of a wide function (glue) and evaluate the time
 * point (core: cls_triad_wide_eval). */
static void
wide_eval(FunctionCallInfo fcinfo, const WideLayout *L, WideResult *r)
{
	cls_triad_wide_input in;

	if (L->criteria >= 0 && !PG_ARGISNULL(L->criteria))
		cls_triad_criteria_from_datum(PG_GETARG_DATUM(L->criteria), &r->c);
	else if (L->criteria >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("criteria must not be NULL"),
				 errhint("Omit the argument for the default triad criteria, or pass cls.triad_criteria() or cls.drug_criteria().")));
	else
		cls_triad_criteria_default(&r->c, CLS_PROFILE_TRIAD);

	in.prev_weight = NAN;
	for (int i = 0; i < CLS_IN__COUNT; i++)
	{
		cls_analyte a = (cls_analyte) cls_analyte_of_input((cls_input) i);

		in.v[i] = in.baseline[i] = NAN;
		if (L->value[i] < 0)
			continue;
		if (i == CLS_IN_EDEMA)
		{
			if (!PG_ARGISNULL(L->value[i]))
				in.v[i] = PG_GETARG_BOOL(L->value[i]) ? 1.0 : 0.0;
			continue;
		}
		/* the baseline and previous weight of an input that is not
		 * evaluated (no usable value, sign off) are not read */
		if (!wide_value(fcinfo, L->value[i], L->unit[i], a, &in.v[i]) ||
			!cls_triad_uses(&r->c, a))
			continue;
		if (L->baseline[i] >= 0 && !PG_ARGISNULL(L->baseline[i]))
		{
			cls_pg_check_limit(psprintf("baseline_%s", in_argname[i]),
							   PG_GETARG_FLOAT8(L->baseline[i]));
			(void) wide_value(fcinfo, L->baseline[i], L->unit[i], a, &in.baseline[i]);
		}
		if (i == CLS_IN_WEIGHT && L->prev_weight >= 0 &&
			!PG_ARGISNULL(L->prev_weight))
		{
			cls_pg_check_limit("previous_weight", PG_GETARG_FLOAT8(L->prev_weight));
			(void) wide_value(fcinfo, L->prev_weight, L->unit[i], CLS_A_WEIGHT,
							  &in.prev_weight);
		}
	}
	cls_triad_wide_eval(&r->c, &in, &r->r);
}

/*
 * The argument positions of each wide function, in the order of its SQL
 * declaration (src/sql/0.2.0/30_triad.sql); cls.glue_layout() reports them
 * by name and sql/94_layout.sql checks them against
 * pg_get_function_arguments.
 */
#define NOARGS {-1, -1, -1, -1, -1, -1, -1}
static const WideLayout L_HYPOTENSION = {
		.value = {0, 1, -1, -1, -1, -1, -1}, .unit = NOARGS,
		.baseline = {2, -1, -1, -1, -1, -1, -1}, .prev_weight = -1,
	.criteria = 3, .only = CLS_SIGN_HYPOTENSION};
static const WideLayout L_HYPOALBUMINEMIA = {
		.value = {-1, -1, 0, -1, -1, -1, -1}, .unit = {-1, -1, 1, -1, -1, -1, -1},
		.baseline = {-1, -1, 2, -1, -1, -1, -1}, .prev_weight = -1,
	.criteria = 3, .only = CLS_SIGN_HYPOALBUMINEMIA};
static const WideLayout L_HEMOCONCENTRATION = {
		.value = {-1, -1, -1, 0, -1, -1, -1}, .unit = {-1, -1, -1, 1, -1, -1, -1},
		.baseline = {-1, -1, -1, 2, -1, -1, -1}, .prev_weight = -1,
	.criteria = 3, .only = CLS_SIGN_HEMOCONCENTRATION};
static const WideLayout L_WEIGHT_GAIN = {
		.value = {-1, -1, -1, -1, 0, -1, -1}, .unit = {-1, -1, -1, -1, 3, -1, -1},
		.baseline = {-1, -1, -1, -1, 2, -1, -1}, .prev_weight = 1,
	.criteria = 4, .only = CLS_SIGN_WEIGHT_GAIN};
static const WideLayout L_HYPONATREMIA = {
		.value = {-1, -1, -1, -1, -1, 0, -1}, .unit = {-1, -1, -1, -1, -1, 1, -1},
		.baseline = NOARGS, .prev_weight = -1,
	.criteria = 2, .only = CLS_SIGN_HYPONATREMIA};
static const WideLayout L_SIGNS = {
		.value = {0, 1, 2, 4, 6, 9, 11},
		.unit = {-1, -1, 3, 5, 8, 10, -1},
		.baseline = {12, -1, 13, 14, 15, -1, -1},
		.prev_weight = 7, .criteria = 16, .only = CLS_SIGN__COUNT};

static const struct
{
	const char *sql;
	const WideLayout *L;
}			wide_functions[] = {
	{"cls.hypotension(float8,float8,float8,cls.criteria)", &L_HYPOTENSION},
	{"cls.hypoalbuminemia(float8,text,float8,cls.criteria)", &L_HYPOALBUMINEMIA},
	{"cls.hemoconcentration(float8,text,float8,cls.criteria)", &L_HEMOCONCENTRATION},
	{"cls.weight_gain(float8,float8,float8,text,cls.criteria)", &L_WEIGHT_GAIN},
	{"cls.hyponatremia(float8,text,cls.criteria)", &L_HYPONATREMIA},
	{"cls.signs(float8,float8,float8,text,float8,text,float8,float8,text,float8,text,boolean,float8,float8,float8,float8,cls.criteria)", &L_SIGNS},
};

void
cls_triad_wide_layout(cls_layout_emit emit, void *arg)
{
	for (size_t f = 0; f < lengthof(wide_functions); f++)
	{
		const char *fn = wide_functions[f].sql;
		const WideLayout *L = wide_functions[f].L;
		bool		all = (L->only == CLS_SIGN__COUNT);

		for (int i = 0; i < CLS_IN__COUNT; i++)
		{
			if (L->value[i] >= 0)
				emit(arg, fn, L->value[i], in_argname[i], NULL);
			if (L->unit[i] >= 0)
				emit(arg, fn, L->unit[i], all ? psprintf("%s_unit", in_argname[i]) : "unit", NULL);
			if (L->baseline[i] >= 0)
				emit(arg, fn, L->baseline[i], psprintf("baseline_%s", in_argname[i]), NULL);
		}
		if (L->prev_weight >= 0)
			emit(arg, fn, L->prev_weight, "previous_weight", NULL);
		if (L->criteria >= 0)
			emit(arg, fn, L->criteria, "criteria", NULL);
	}
}

/*
 * Per-sign functions: true when the sign holds; false when a value was
 * given and none meets it; NULL when no usable value was given (or the
 * sign is switched off in the criteria).
 */
static Datum
wide_sign(FunctionCallInfo fcinfo, const WideLayout *L)
{
	WideResult	r;

	wide_eval(fcinfo, L, &r);
	if (r.r.yes & CLS_SIGN_BIT(L->only))
		PG_RETURN_BOOL(true);
	if (r.r.known & CLS_SIGN_BIT(L->only))
		PG_RETURN_BOOL(false);
	PG_RETURN_NULL();
}

/* cls.hypotension(sbp, map, baseline_sbp, criteria) */
PG_FUNCTION_INFO_V1(cls_hypotension);
Datum
cls_hypotension(PG_FUNCTION_ARGS)
{
	return wide_sign(fcinfo, &L_HYPOTENSION);
}

/* cls.hypoalbuminemia(albumin, unit, baseline_albumin, criteria) */
PG_FUNCTION_INFO_V1(cls_hypoalbuminemia);
Datum
cls_hypoalbuminemia(PG_FUNCTION_ARGS)
{
	return wide_sign(fcinfo, &L_HYPOALBUMINEMIA);
}

/* cls.hemoconcentration(hematocrit, unit, baseline_hematocrit, criteria) */
PG_FUNCTION_INFO_V1(cls_hemoconcentration);
Datum
cls_hemoconcentration(PG_FUNCTION_ARGS)
{
	return wide_sign(fcinfo, &L_HEMOCONCENTRATION);
}

/* cls.weight_gain(weight, previous_weight, baseline_weight, unit, criteria) */
PG_FUNCTION_INFO_V1(cls_weight_gain);
Datum
cls_weight_gain(PG_FUNCTION_ARGS)
{
	return wide_sign(fcinfo, &L_WEIGHT_GAIN);
}

/* cls.hyponatremia(sodium, unit, criteria) */
PG_FUNCTION_INFO_V1(cls_hyponatremia);
Datum
cls_hyponatremia(PG_FUNCTION_ARGS)
{
	return wide_sign(fcinfo, &L_HYPONATREMIA);
}

/* attribute order of cls.sign_result */
enum
{
	SR_HYPOTENSION, SR_HYPOALBUMINEMIA, SR_HEMOCONCENTRATION, SR_WEIGHT_GAIN,
	SR_HYPONATREMIA, SR_EDEMA, SR_SUSPECTED, SR_EVIDENCE, SR__NATTS
};

/*
 * cls.signs(sbp, map, albumin, albumin_unit, hematocrit, hematocrit_unit,
 *           weight, previous_weight, weight_unit, sodium, sodium_unit, edema,
 *           baseline_sbp, baseline_albumin, baseline_hematocrit,
 *           baseline_weight, criteria) -> cls.sign_result
 */
PG_FUNCTION_INFO_V1(cls_signs);
Datum
cls_signs(PG_FUNCTION_ARGS)
{
	WideResult	r;
	ResultTypes *rt;
	Datum		v[SR__NATTS];
	bool		n[SR__NATTS];
	int			h;

	wide_eval(fcinfo, &L_SIGNS, &r);
	rt = cls_triad_result_types(fcinfo, SR_EVIDENCE, false);
	for (int s = 0; s < CLS_SIGN__COUNT; s++)
	{
		v[SR_HYPOTENSION + s] = BoolGetDatum((r.r.yes & CLS_SIGN_BIT(s)) != 0);
		n[SR_HYPOTENSION + s] = !(r.r.known & CLS_SIGN_BIT(s));
	}
	h = cls_profile_holds3(&r.c, r.r.yes, ~r.r.known & ((1u << CLS_SIGN__COUNT) - 1));
	v[SR_SUSPECTED] = BoolGetDatum(h == 1);
	n[SR_SUSPECTED] = (h < 0);
	v[SR_EVIDENCE] = cls_triad_evidence_array(rt, &r.c, r.r.yes, r.r.ev, false);
	n[SR_EVIDENCE] = false;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(rt->td, v, n)));
}

