/*
 * triad_pg.c -- SQL glue for CLS signs, the triad and drug profiles:
 * cls.profile, cls.criteria and its constructors, the wide (one time point)
 * functions and the long-form aggregates cls.triad_agg / cls.triad_timeline.
 *
 * No clinical number here: thresholds and rules live in src/core/triad.c.
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

/* ------------------------------------------------------------------------
 * cls.profile: a small base type (int4) like cls.analyte, so that a call
 * with a constant profile can be shipped by postgres_fdw.
 * ------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(cls_profile_in);
Datum
cls_profile_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	int			p = cls_profile_from_name(s, strlen(s));

	if (p < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unknown CLS profile \"%s\"", cls_pg_clip(s)),
				 errdetail("cls knows the profiles triad (hypotension, hypoalbuminemia, hemoconcentration) and drug (tagraxofusp-like: hypoalbuminemia with weight gain, hypotension or edema)."),
				 errhint("Write 'triad' or 'drug'.")));
	PG_RETURN_INT32(p);
}

PG_FUNCTION_INFO_V1(cls_profile_out);
Datum
cls_profile_out(PG_FUNCTION_ARGS)
{
	int32		p = PG_GETARG_INT32(0);

	if (p < 0 || p >= CLS_PROFILE__COUNT)
		elog(ERROR, "invalid cls.profile value %d", p);
	PG_RETURN_CSTRING(pstrdup(cls_profile_name((cls_profile) p)));
}

PG_FUNCTION_INFO_V1(cls_profile_recv);
Datum
cls_profile_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		v = pq_getmsgint(buf, 4);

	if (v < 0 || v >= CLS_PROFILE__COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external value %d for type cls.profile", v)));
	PG_RETURN_INT32(v);
}

/* ------------------------------------------------------------------------
 * cls.criteria <-> cls_triad_criteria
 * ------------------------------------------------------------------------ */

/* the attributes of the composite cls.criteria: the core's field order */
#define CR__NATTS	CLS_CR__COUNT

/* Raise the 22023 error for field f of c when the core's check refuses it;
 * `value` renders the value as given. */
static void
criteria_field_check(const cls_triad_criteria *c, cls_crit_field f,
					 const char *value)
{
	const char *hint;
	const char *why = cls_triad_criteria_field_check(c, f, &hint);

	if (why)
		cls_pg_bad_arg(cls_triad_criteria_field_name(f), value, why, hint);
}

/* A window argument: the conversion of elapsed time (glue), then the
 * core's check of the value. */
static void
crit_interval(Datum *v, bool *isnull, cls_crit_field f, cls_triad_criteria *c)
{
	const char *name = cls_triad_criteria_field_name(f);
	int64	   *w = cls_triad_criteria_window(c, f);

	if (isnull[f])
		cls_pg_bad_arg(name, "NULL", "A window must be given.",
					   f == CLS_CR_WINDOW ? "Use '0' to evaluate current values instead of a co-occurrence window." : NULL);
	*w = cls_pg_interval_usecs(name, DatumGetIntervalP(v[f]),
							   "A window is elapsed time: months are not a fixed length.",
							   "Write the window in hours or days (a day counts as 24 hours).",
							   NULL, NULL);
	if (f == CLS_CR_BP_VALID)
		c->valid[CLS_IN_MAP] = *w;
	criteria_field_check(c, f, DatumGetCString(DirectFunctionCall1(interval_out, v[f])));
}

/* Fill *c from the values of a cls.criteria: every field converted, then
 * checked by the core, in attribute order. */
static void
criteria_from_values(Datum *v, bool *isnull, cls_triad_criteria *c)
{
	memset(c, 0, sizeof(*c));
	if (isnull[CLS_CR_PROFILE])
		cls_pg_bad_arg("profile", "NULL", "The criteria need a profile.",
					   "Build criteria with cls.triad_criteria() or cls.drug_criteria().");
	c->profile = DatumGetInt32(v[CLS_CR_PROFILE]);
	criteria_field_check(c, CLS_CR_PROFILE, psprintf("%d", c->profile));
	if (c->profile == CLS_PROFILE_TRIAD)
	{
		if (isnull[CLS_CR_K])
			cls_pg_bad_arg("k", "NULL", "The triad profile needs k, the number of triad signs required.", "Pass k between 1 and 3.");
		c->k = DatumGetInt32(v[CLS_CR_K]);
		criteria_field_check(c, CLS_CR_K, psprintf("%d", c->k));
	}
	for (int i = 0; i < CLS_CR_NTHRESHOLDS; i++)
	{
		cls_crit_field f = (cls_crit_field) (CLS_CR_FIRST_THRESHOLD + i);
		double	   *th = cls_triad_criteria_threshold(c, f);

		/* NULL: this criterion is off */
		*th = NAN;
		if (!isnull[f])
		{
			const char *hint;
			const char *why;

			*th = DatumGetFloat8(v[f]);
			why = cls_triad_threshold_check(*th, &hint);
			if (why)
				cls_pg_bad_arg(cls_triad_criteria_field_name(f), psprintf("%g", *th), why, hint);
		}
	}
	/* edema NULL = off, like a threshold */
	c->edema = (!isnull[CLS_CR_EDEMA] && DatumGetBool(v[CLS_CR_EDEMA])) ? 1 : 0;
	if (isnull[CLS_CR_DERIVE_BASELINES])
		cls_pg_bad_arg("derive_baselines", "NULL", "derive_baselines must be true or false.", NULL);
	c->derive_baselines = DatumGetBool(v[CLS_CR_DERIVE_BASELINES]) ? 1 : 0;
	for (int f = CLS_CR_FIRST_WINDOW; f < CLS_CR__COUNT; f++)
		crit_interval(v, isnull, (cls_crit_field) f, c);
}

static void
criteria_from_datum(Datum d, cls_triad_criteria *c)
{
	HeapTupleHeader th = DatumGetHeapTupleHeader(d);
	TupleDesc	td;
	HeapTupleData tuple;
	Datum		values[CR__NATTS];
	bool		isnull[CR__NATTS];

	td = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(th),
								HeapTupleHeaderGetTypMod(th));
	if (td->natts != CR__NATTS)
	{
		ReleaseTupleDesc(td);
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("criteria must be of type cls.criteria")));
	}
	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&(tuple.t_self));
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	heap_deform_tuple(&tuple, td, values, isnull);
	ReleaseTupleDesc(td);
	criteria_from_values(values, isnull, c);
}

static Datum
criteria_to_datum(FunctionCallInfo fcinfo, const cls_triad_criteria *c)
{
	TupleDesc	td;
	Datum		v[CR__NATTS];
	bool		n[CR__NATTS];
	cls_triad_criteria cc = *c;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	td = BlessTupleDesc(td);
	memset(n, 0, sizeof(n));
	v[CLS_CR_PROFILE] = Int32GetDatum(c->profile);
	v[CLS_CR_K] = Int32GetDatum(c->k);
	n[CLS_CR_K] = (c->profile != CLS_PROFILE_TRIAD);
	for (int i = 0; i < CLS_CR_NTHRESHOLDS; i++)
	{
		cls_crit_field f = (cls_crit_field) (CLS_CR_FIRST_THRESHOLD + i);
		double		th = *cls_triad_criteria_threshold(&cc, f);

		v[f] = Float8GetDatum(th);
		n[f] = isnan(th);
	}
	v[CLS_CR_EDEMA] = BoolGetDatum(c->edema != 0);
	v[CLS_CR_DERIVE_BASELINES] = BoolGetDatum(c->derive_baselines != 0);
	for (int f = CLS_CR_FIRST_WINDOW; f < CLS_CR__COUNT; f++)
		v[f] = cls_interval_datum(*cls_triad_criteria_window(&cc, (cls_crit_field) f));
	return HeapTupleGetDatum(heap_form_tuple(td, v, n));
}

/*
 * cls.triad_criteria(k, sbp_below, ...) and cls.drug_criteria(sbp_below,
 * ...): the same arguments as the composite's fields after the profile
 * (drug has no k).  Non-strict: NULL switches a criterion off.
 */
PG_FUNCTION_INFO_V1(cls_make_criteria);
Datum
cls_make_criteria(PG_FUNCTION_ARGS)
{
	Datum		v[CR__NATTS];
	bool		n[CR__NATTS];
	bool		triad = (PG_NARGS() == CR__NATTS - 1);
	int			arg = 0;
	cls_triad_criteria c;

	if (PG_NARGS() != CR__NATTS - 1 && PG_NARGS() != CR__NATTS - 2)
		elog(ERROR, "cls_make_criteria: unexpected number of arguments %d", PG_NARGS());
	v[CLS_CR_PROFILE] = Int32GetDatum(triad ? CLS_PROFILE_TRIAD : CLS_PROFILE_DRUG);
	n[CLS_CR_PROFILE] = false;
	for (int i = CLS_CR_K; i < CR__NATTS; i++)
	{
		if (i == CLS_CR_K && !triad)
		{
			v[i] = Int32GetDatum(0);
			n[i] = true;
			continue;
		}
		n[i] = PG_ARGISNULL(arg);
		v[i] = n[i] ? (Datum) 0 : PG_GETARG_DATUM(arg);
		arg++;
	}
	criteria_from_values(v, n, &c);
	return criteria_to_datum(fcinfo, &c);
}

/* cls.criteria_defaults(profile): the core's defaults, for tests and
 * documentation (the constructors' visible DEFAULTs must equal these). */
PG_FUNCTION_INFO_V1(cls_criteria_defaults);
Datum
cls_criteria_defaults(PG_FUNCTION_ARGS)
{
	cls_triad_criteria c;
	int32		p = PG_GETARG_INT32(0);

	if (p < 0 || p >= CLS_PROFILE__COUNT)
		elog(ERROR, "invalid cls.profile value %d", p);
	cls_triad_criteria_default(&c, (cls_profile) p);
	return criteria_to_datum(fcinfo, &c);
}

/* ------------------------------------------------------------------------
 * Evidence (cls.sign_evidence) and arrays
 * ------------------------------------------------------------------------ */

enum
{
	EV_SIGN, EV_RULE, EV_ANALYTE, EV_VALUE, EV_UNIT, EV_REFERENCE, EV_AT,
	EV__NATTS
};

typedef struct ResultTypes
{
	TupleDesc	td;				/* the result composite */
	Oid			ev_type;		/* cls.sign_evidence */
	TupleDesc	ev_td;
	Oid			pt_type;		/* cls.triad_point (timeline) */
	TupleDesc	pt_td;
} ResultTypes;

/* The result row type and, through the array attribute `arr_att`, the
 * element composite; cached in fn_extra. */
static ResultTypes *
result_types(FunctionCallInfo fcinfo, int arr_att, bool timeline)
{
	ResultTypes *rt = (ResultTypes *) fcinfo->flinfo->fn_extra;
	MemoryContext old;
	TupleDesc	td;
	Oid			elem;

	if (rt)
		return rt;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	rt = palloc0(sizeof(ResultTypes));
	if (timeline)
	{
		/* the points' signs are text[]; no evidence here */
		rt->pt_td = cls_pg_array_elem_tupdesc(fcinfo, fcinfo->flinfo->fn_mcxt, 4,
											  "cls.triad_point", &rt->pt_type);
	}
	else
	{
		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		rt->td = BlessTupleDesc(CreateTupleDescCopy(td));
		elem = get_element_type(TupleDescAttr(rt->td, arr_att)->atttypid);
		if (!OidIsValid(elem))
			elog(ERROR, "attribute %d of the result must be an array", arr_att + 1);
		rt->ev_type = elem;
		rt->ev_td = BlessTupleDesc(lookup_rowtype_tupdesc_copy(elem, -1));
		if (rt->ev_td->natts != EV__NATTS)
			elog(ERROR, "cls.sign_evidence has an unexpected shape");
	}
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = rt;
	return rt;
}

static Datum
evidence_datum(ResultTypes *rt, const cls_triad_criteria *c, cls_sign s,
			   const cls_triad_evidence *e, bool with_time)
{
	Datum		v[EV__NATTS];
	bool		n[EV__NATTS];
	char		buf[128];
	bool		edema = (e->analyte == CLS_KIND_EDEMA);

	memset(n, 0, sizeof(n));
	v[EV_SIGN] = CStringGetTextDatum(cls_sign_name(s));
	cls_rule_describe(c, (cls_rule) e->rule, buf, sizeof(buf));
	v[EV_RULE] = CStringGetTextDatum(buf);
	v[EV_ANALYTE] = CStringGetTextDatum(edema ? "edema" : cls_analyte_name((cls_analyte) e->analyte));
	v[EV_VALUE] = Float8GetDatum(e->v);
	if (edema)
		n[EV_UNIT] = true;
	else
		v[EV_UNIT] = CStringGetTextDatum(cls_analyte_unit((cls_analyte) e->analyte));
	v[EV_REFERENCE] = Float8GetDatum(e->ref);
	n[EV_REFERENCE] = isnan(e->ref);
	v[EV_AT] = cls_time_datum(e->t);
	n[EV_AT] = !with_time;
	return HeapTupleGetDatum(heap_form_tuple(rt->ev_td, v, n));
}

static Datum
evidence_array(ResultTypes *rt, const cls_triad_criteria *c, unsigned signs,
			   const cls_triad_evidence *ev, bool with_time)
{
	Datum		elems[CLS_SIGN__COUNT];
	int			ne = 0;

	for (int s = 0; s < CLS_SIGN__COUNT; s++)
		if (signs & CLS_SIGN_BIT(s))
			elems[ne++] = evidence_datum(rt, c, (cls_sign) s, &ev[s], with_time);
	return PointerGetDatum(construct_array(elems, ne, rt->ev_type, -1, false,
										   TYPALIGN_DOUBLE));
}

static Datum
sign_names_array(unsigned signs)
{
	Datum		elems[CLS_SIGN__COUNT];
	int			ne = 0;

	for (int s = 0; s < CLS_SIGN__COUNT; s++)
		if (signs & CLS_SIGN_BIT(s))
			elems[ne++] = CStringGetTextDatum(cls_sign_name((cls_sign) s));
	return PointerGetDatum(construct_array(elems, ne, TEXTOID, -1, false,
										   TYPALIGN_INT));
}

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
		/* no cache: fn_extra holds the result types */
		cls_pg_unit_conv(a, PG_GETARG_TEXT_PP(unitarg), NULL, &conv);
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
		criteria_from_datum(PG_GETARG_DATUM(L->criteria), &r->c);
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

#define NOARGS {-1, -1, -1, -1, -1, -1, -1}

/* cls.hypotension(sbp, map, baseline_sbp, criteria) */
PG_FUNCTION_INFO_V1(cls_hypotension);
Datum
cls_hypotension(PG_FUNCTION_ARGS)
{
	static const WideLayout L = {
		.value = {0, 1, -1, -1, -1, -1, -1}, .unit = NOARGS,
		.baseline = {2, -1, -1, -1, -1, -1, -1}, .prev_weight = -1,
	.criteria = 3, .only = CLS_SIGN_HYPOTENSION};

	return wide_sign(fcinfo, &L);
}

/* cls.hypoalbuminemia(albumin, unit, baseline_albumin, criteria) */
PG_FUNCTION_INFO_V1(cls_hypoalbuminemia);
Datum
cls_hypoalbuminemia(PG_FUNCTION_ARGS)
{
	static const WideLayout L = {
		.value = {-1, -1, 0, -1, -1, -1, -1}, .unit = {-1, -1, 1, -1, -1, -1, -1},
		.baseline = {-1, -1, 2, -1, -1, -1, -1}, .prev_weight = -1,
	.criteria = 3, .only = CLS_SIGN_HYPOALBUMINEMIA};

	return wide_sign(fcinfo, &L);
}

/* cls.hemoconcentration(hematocrit, unit, baseline_hematocrit, criteria) */
PG_FUNCTION_INFO_V1(cls_hemoconcentration);
Datum
cls_hemoconcentration(PG_FUNCTION_ARGS)
{
	static const WideLayout L = {
		.value = {-1, -1, -1, 0, -1, -1, -1}, .unit = {-1, -1, -1, 1, -1, -1, -1},
		.baseline = {-1, -1, -1, 2, -1, -1, -1}, .prev_weight = -1,
	.criteria = 3, .only = CLS_SIGN_HEMOCONCENTRATION};

	return wide_sign(fcinfo, &L);
}

/* cls.weight_gain(weight, previous_weight, baseline_weight, unit, criteria) */
PG_FUNCTION_INFO_V1(cls_weight_gain);
Datum
cls_weight_gain(PG_FUNCTION_ARGS)
{
	static const WideLayout L = {
		.value = {-1, -1, -1, -1, 0, -1, -1}, .unit = {-1, -1, -1, -1, 3, -1, -1},
		.baseline = {-1, -1, -1, -1, 2, -1, -1}, .prev_weight = 1,
	.criteria = 4, .only = CLS_SIGN_WEIGHT_GAIN};

	return wide_sign(fcinfo, &L);
}

/* cls.hyponatremia(sodium, unit, criteria) */
PG_FUNCTION_INFO_V1(cls_hyponatremia);
Datum
cls_hyponatremia(PG_FUNCTION_ARGS)
{
	static const WideLayout L = {
		.value = {-1, -1, -1, -1, -1, 0, -1}, .unit = {-1, -1, -1, -1, -1, 1, -1},
		.baseline = NOARGS, .prev_weight = -1,
	.criteria = 2, .only = CLS_SIGN_HYPONATREMIA};

	return wide_sign(fcinfo, &L);
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
	static const WideLayout L = {
		.value = {0, 1, 2, 4, 6, 9, 11},
		.unit = {-1, -1, 3, 5, 8, 10, -1},
		.baseline = {12, -1, 13, 14, 15, -1, -1},
		.prev_weight = 7, .criteria = 16, .only = CLS_SIGN__COUNT};
	WideResult	r;
	ResultTypes *rt;
	Datum		v[SR__NATTS];
	bool		n[SR__NATTS];
	int			h;

	wide_eval(fcinfo, &L, &r);
	rt = result_types(fcinfo, SR_EVIDENCE, false);
	for (int s = 0; s < CLS_SIGN__COUNT; s++)
	{
		v[SR_HYPOTENSION + s] = BoolGetDatum((r.r.yes & CLS_SIGN_BIT(s)) != 0);
		n[SR_HYPOTENSION + s] = !(r.r.known & CLS_SIGN_BIT(s));
	}
	h = cls_profile_holds3(&r.c, r.r.yes, ~r.r.known & ((1u << CLS_SIGN__COUNT) - 1));
	v[SR_SUSPECTED] = BoolGetDatum(h == 1);
	n[SR_SUSPECTED] = (h < 0);
	v[SR_EVIDENCE] = evidence_array(rt, &r.c, r.r.yes, r.r.ev, false);
	n[SR_EVIDENCE] = false;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(rt->td, v, n)));
}

/* ------------------------------------------------------------------------
 * Long rows: the aggregate
 * ------------------------------------------------------------------------ */

/*
 * State: the buffered observations (24 bytes each, the shared buffer of
 * obs_pg.h), collected in any order and sorted in place when evaluated
 * (collect-then-sort), plus the evaluator of the sorted prefix so that
 * window use is incremental.
 */
typedef struct TriadState
{
	MemoryContext mcxt;
	cls_triad_criteria crit;
	double		baselines[CLS_IN__COUNT];	/* NaN: derive / none */
	bool		base_given;
	bool		base_null;		/* a row passed NULL baselines */
	int64		n_ignored;
	cls_obs_buf obs;
	/* raw bytes of the last criteria datum seen, to skip re-parsing */
	Size		crit_raw_len;
	char	   *crit_raw;
	/* evaluation cache: not serialized; valid for obs.items[0..ev.next) */
	bool		ev_valid;
	cls_triad_eval ev;
} TriadState;

/*
 * Serialized state: this header (version word first), then the buffer
 * (obs_pg.h).  The version word is this format's own ("CLST"), so that no
 * other cls state passes for a triad state.
 */
#define TRIAD_SERIAL_VERSION	0x434c5354	/* "CLST" */
typedef struct TriadSerialHeader
{
	uint32		version;
	uint32		base_given;		/* 0 none, 1 given, 2 NULL given */
	int64		n_ignored;
	cls_triad_criteria crit;
	double		baselines[CLS_IN__COUNT];
} TriadSerialHeader;

#define TRIAD_WHAT	"cls triad aggregate"

/* the pseudo-analytes a triad state may hold besides the cls analytes */
static const int32 triad_pseudo[] = {CLS_KIND_EDEMA};

static TriadState *
state_new(MemoryContext mcxt, const cls_triad_criteria *c)
{
	TriadState *st = MemoryContextAllocZero(mcxt, sizeof(TriadState));

	st->mcxt = mcxt;
	st->crit = *c;
	for (int i = 0; i < CLS_IN__COUNT; i++)
		st->baselines[i] = NAN;
	cls_obs_buf_init(&st->obs, mcxt);
	return st;
}

/* Sort the buffer in place (once); the evaluator's prefix is stale when
 * the order changed. */
static void
state_sort(TriadState *st)
{
	if (cls_obs_buf_sort(&st->obs))
		st->ev_valid = false;
}

static void
baselines_from_datum(Datum d, double *b)
{
	HeapTupleHeader th = DatumGetHeapTupleHeader(d);
	bool		isnull;
	static const int map[4] = {CLS_IN_SBP, CLS_IN_ALBUMIN, CLS_IN_HEMATOCRIT, CLS_IN_WEIGHT};
	static const char *const names[4] = {"sbp", "albumin", "hematocrit", "weight"};

	for (int i = 0; i < CLS_IN__COUNT; i++)
		b[i] = NAN;
	for (int i = 0; i < 4; i++)
	{
		Datum		v = GetAttributeByNum(th, i + 1, &isnull);

		if (!isnull)
		{
			double		x = DatumGetFloat8(v);

			cls_pg_check_limit(psprintf("baselines.%s", names[i]), x);
			b[map[i]] = x;
		}
	}
}

static bool
baselines_equal(const double *a, const double *b)
{
	for (int i = 0; i < CLS_IN__COUNT; i++)
		if (!(isnan(a[i]) ? isnan(b[i]) : a[i] == b[i]))
			return false;
	return true;
}

/* One value of cls.baselines(...) per group: rows that pass it and rows
 * that pass NULL do not mix (as exclusions and doses of triad episodes). */
static void
baselines_mismatch(bool mixed)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("baselines differ between rows of one group"),
			 mixed ? errdetail("Some rows pass cls.baselines(...) and others NULL.") : 0,
			 errhint("Pass one cls.baselines(...) per patient, e.g. from a join on the patient.")));
}

/* Take the baselines of a row or of another state. */
static void
state_take_baselines(TriadState *st, const double *b, bool given, bool null)
{
	if (given)
	{
		if (!st->base_given)
		{
			memcpy(st->baselines, b, sizeof(st->baselines));
			st->base_given = true;
			st->ev_valid = false;
		}
		else if (!baselines_equal(b, st->baselines))
			baselines_mismatch(false);
	}
	st->base_null |= null;
	if (st->base_given && st->base_null)
		baselines_mismatch(true);
}

static void
criteria_mismatch(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("criteria differ between rows of one group"),
			 errdetail("cls evaluates a patient's observations with one set of criteria."),
			 errhint("Pass the same criteria for every row, typically a constant such as cls.triad_criteria().")));
}

/* Per-call-site cache of code and unit lookups (fn_extra). */
#define CODE_CACHE_N 16
typedef struct TriadFnCache
{
	struct
	{
		int			len;
		char		s[28];
		int32		a;
	}			tcode[CODE_CACHE_N];
	int			tnext;
	struct
	{
		bool		used;
		int64		code;
		int32		a;
	}			icode[CODE_CACHE_N];
	/* 4 unit spellings per analyte (warehouses mix g/dL and g/L rows) */
	cls_unit_cache units[CLS_A__COUNT][4];
	uint8		unext[CLS_A__COUNT];
} TriadFnCache;

/* The conversion of a row's unit, from the per-analyte cache. */
static void
unit_conv_cached(TriadFnCache *fc, cls_analyte a, text *unit, cls_conv *out)
{
	const char *s = VARDATA_ANY(unit);
	int			len = VARSIZE_ANY_EXHDR(unit);
	cls_unit_cache *c = fc->units[a];
	int			i;

	for (i = 0; i < 4; i++)
		if (c[i].len == len && c[i].status == CLS_UNIT_OK &&
			memcmp(c[i].unit, s, len) == 0)
		{
			*out = c[i].conv;
			return;
		}
	/* miss: look up (raises the error for an unknown unit) and remember */
	i = fc->unext[a];
	fc->unext[a] = (uint8) ((i + 1) % 4);
	c[i].len = -1;
	cls_pg_unit_conv(a, unit, &c[i], out);
}

static TriadFnCache *
fn_cache(FunctionCallInfo fcinfo)
{
	TriadFnCache *fc = (TriadFnCache *) fcinfo->flinfo->fn_extra;

	if (fc == NULL)
	{
		fc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(TriadFnCache));
		for (int i = 0; i < CODE_CACHE_N; i++)
			fc->tcode[i].len = -1;
		for (int i = 0; i < CLS_A__COUNT; i++)
			for (int j = 0; j < 4; j++)
			{
				fc->units[i][j].len = -1;
				fc->units[i][j].analyte = CLS_A_NONE;
			}
		fcinfo->flinfo->fn_extra = fc;
	}
	return fc;
}

static int32
code_text_analyte(TriadFnCache *fc, text *code)
{
	const char *s = VARDATA_ANY(code);
	int			len = VARSIZE_ANY_EXHDR(code);
	int32		a;

	for (int i = 0; i < CODE_CACHE_N; i++)
		if (fc->tcode[i].len == len && memcmp(fc->tcode[i].s, s, len) == 0)
			return fc->tcode[i].a;
	/* an analyte, or 'edema' (the one recorded finding the triad reads) */
	a = cls_obs_kind_from_code(s, len);
	if (a >= CLS_A__COUNT && a != CLS_KIND_EDEMA)
		a = CLS_A_NONE;
	if (len <= (int) sizeof(fc->tcode[0].s))
	{
		int			i = fc->tnext;

		fc->tnext = (fc->tnext + 1) % CODE_CACHE_N;
		fc->tcode[i].len = len;
		memcpy(fc->tcode[i].s, s, len);
		fc->tcode[i].a = a;
	}
	return a;
}

static int32
code_int_analyte(TriadFnCache *fc, int64 code)
{
	int			h = (int) ((uint64) code % CODE_CACHE_N);

	if (fc->icode[h].used && fc->icode[h].code == code)
		return fc->icode[h].a;
	fc->icode[h].used = true;
	fc->icode[h].code = code;
	fc->icode[h].a = (int32) cls_analyte_from_int(code);
	return fc->icode[h].a;
}

/*
 * The transition function.  Arguments: state, ts, code (text or bigint),
 * value, unit [, criteria [, baselines]].
 */
static Datum
triad_sfunc(FunctionCallInfo fcinfo, bool int_code)
{
	MemoryContext aggctx;
	TriadState *st;
	TriadFnCache *fc;
	int32		a;
	TimestampTz ts;
	double		v;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	st = PG_ARGISNULL(0) ? NULL : (TriadState *) PG_GETARG_POINTER(0);

	if (PG_NARGS() > 5)
	{
		Datum		cd;
		Size		len;

		if (PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("criteria must not be NULL"),
					 errhint("Pass cls.triad_criteria() or cls.drug_criteria(), or leave the argument out for the default triad criteria.")));
		cd = PG_GETARG_DATUM(5);
		len = VARSIZE_ANY(DatumGetPointer(cd));
		if (st == NULL || st->crit_raw_len != len ||
			memcmp(st->crit_raw, DatumGetPointer(cd), len) != 0)
		{
			cls_triad_criteria c;

			criteria_from_datum(cd, &c);
			if (st == NULL)
				st = state_new(aggctx, &c);
			else if (memcmp(&c, &st->crit, sizeof(c)) != 0)
				criteria_mismatch();
			if (st->crit_raw_len < len)
				st->crit_raw = MemoryContextAlloc(aggctx, len);
			memcpy(st->crit_raw, DatumGetPointer(cd), len);
			st->crit_raw_len = len;
		}
	}
	else if (st == NULL)
	{
		cls_triad_criteria c;

		cls_triad_criteria_default(&c, CLS_PROFILE_TRIAD);
		st = state_new(aggctx, &c);
	}

	if (PG_NARGS() > 6)
	{
		double		b[CLS_IN__COUNT];

		if (!PG_ARGISNULL(6))
			baselines_from_datum(PG_GETARG_DATUM(6), b);
		state_take_baselines(st, b, !PG_ARGISNULL(6), PG_ARGISNULL(6));
	}

	/* rows with NULL time, code or value are ignored */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_POINTER(st);

	fc = fn_cache(fcinfo);
	a = int_code ? code_int_analyte(fc, PG_GETARG_INT64(2))
		: code_text_analyte(fc, PG_GETARG_TEXT_PP(2));
	/* other analytes, and those the criteria do not read, are skipped
	 * before their unit is looked at */
	if (a == CLS_A_NONE || !cls_triad_uses(&st->crit, a))
		PG_RETURN_POINTER(st);

	ts = PG_GETARG_TIMESTAMPTZ(1);
	v = PG_GETARG_FLOAT8(3);
	if (TIMESTAMP_NOT_FINITE(ts))
	{
		st->n_ignored++;
		PG_RETURN_POINTER(st);
	}
	if (a == CLS_KIND_EDEMA)
	{
		/* edema: 1 = present, 0 = absent; any unit; other values ignored */
		if (v != 0.0 && v != 1.0)
		{
			st->n_ignored++;
			PG_RETURN_POINTER(st);
		}
	}
	else
	{
		cls_conv	conv;

		if (PG_ARGISNULL(4))
		{
			/* no unit: the value cannot be read safely */
			st->n_ignored++;
			PG_RETURN_POINTER(st);
		}
		unit_conv_cached(fc, (cls_analyte) a, PG_GETARG_TEXT_PP(4), &conv);
		v = cls_conv_apply(&conv, v);
		if (cls_value_check((cls_analyte) a, v) != CLS_VALUE_OK)
		{
			st->n_ignored++;
			PG_RETURN_POINTER(st);
		}
	}
	cls_obs_buf_append(&st->obs, (int64) ts, v, a);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(cls_triad_sfunc_text);
Datum
cls_triad_sfunc_text(PG_FUNCTION_ARGS)
{
	return triad_sfunc(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cls_triad_sfunc_int);
Datum
cls_triad_sfunc_int(PG_FUNCTION_ARGS)
{
	return triad_sfunc(fcinfo, true);
}

static void
state_append(TriadState *dst, const TriadState *src)
{
	if (memcmp(&dst->crit, &src->crit, sizeof(dst->crit)) != 0)
		criteria_mismatch();
	state_take_baselines(dst, src->baselines, src->base_given, src->base_null);
	dst->n_ignored += src->n_ignored;
	cls_obs_buf_concat(&dst->obs, &src->obs);
}

PG_FUNCTION_INFO_V1(cls_triad_combine);
Datum
cls_triad_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	TriadState *a,
			   *b;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	a = PG_ARGISNULL(0) ? NULL : (TriadState *) PG_GETARG_POINTER(0);
	b = PG_ARGISNULL(1) ? NULL : (TriadState *) PG_GETARG_POINTER(1);
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
	{
		/* copy the right state into the aggregate context */
		a = state_new(aggctx, &b->crit);
	}
	state_append(a, b);
	a->ev_valid = false;
	PG_RETURN_POINTER(a);
}

/* The header of a state's serialized form. */
static void
state_header(const TriadState *st, TriadSerialHeader *h)
{
	memset(h, 0, sizeof(*h));
	h->version = TRIAD_SERIAL_VERSION;
	h->base_given = st->base_given ? 1 : st->base_null ? 2 : 0;
	h->n_ignored = st->n_ignored;
	h->crit = st->crit;
	memcpy(h->baselines, st->baselines, sizeof(h->baselines));
}

PG_FUNCTION_INFO_V1(cls_triad_serialize);
Datum
cls_triad_serialize(PG_FUNCTION_ARGS)
{
	TriadState *st;
	StringInfoData buf;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	st = (TriadState *) PG_GETARG_POINTER(0);
	cls_obs_serial_begin(&buf, cls_triad_state_serial_hlen(), &st->obs,
						 "cls.triad_agg");
	cls_triad_state_write(&buf, st);
	PG_RETURN_BYTEA_P(cls_obs_serial_end(&buf));
}

PG_FUNCTION_INFO_V1(cls_triad_deserialize);
Datum
cls_triad_deserialize(PG_FUNCTION_ARGS)
{
	StringInfoData r;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	cls_obs_serial_open(PG_GETARG_BYTEA_PP(0), TRIAD_SERIAL_VERSION,
						TRIAD_WHAT, &r);
	PG_RETURN_POINTER(cls_triad_state_read(&r, CurrentMemoryContext));
}

/* For aggregates that share this state (triad_pg.h). */
Size
cls_triad_state_serial_hlen(void)
{
	return sizeof(TriadSerialHeader);
}

const cls_obs_buf *
cls_triad_state_obs(void *state)
{
	return &((TriadState *) state)->obs;
}

void
cls_triad_state_write(StringInfo buf, void *state)
{
	TriadState *st = (TriadState *) state;
	TriadSerialHeader h;

	state_header(st, &h);
	appendBinaryStringInfo(buf, (const char *) &h, sizeof(h));
	cls_obs_buf_write(buf, &st->obs);
}

void *
cls_triad_state_read(StringInfo r, MemoryContext mcxt)
{
	TriadSerialHeader h;
	TriadState *st;
	const char *msg;
	int			field;

	cls_obs_serial_read(r, &h, sizeof(h), TRIAD_WHAT);
	if (h.version != TRIAD_SERIAL_VERSION)
		cls_obs_bad_state(TRIAD_WHAT, psprintf("unknown version %u", h.version));
	if (h.base_given > 2 || h.n_ignored < 0)
		cls_obs_bad_state(TRIAD_WHAT, "bad header");
	msg = cls_triad_criteria_check(&h.crit, &field);
	if (msg != NULL)
		cls_obs_bad_state(TRIAD_WHAT, psprintf("%s: %s",
											   cls_triad_criteria_field_name((cls_crit_field) field), msg));
	for (int i = 0; i < CLS_IN__COUNT; i++)
		if (!isnan(h.baselines[i]) && !(isfinite(h.baselines[i]) && h.baselines[i] > 0))
			cls_obs_bad_state(TRIAD_WHAT, "bad baseline");
	st = state_new(mcxt, &h.crit);
	st->base_given = h.base_given == 1;
	st->base_null = h.base_given == 2;
	memcpy(st->baselines, h.baselines, sizeof(h.baselines));
	st->n_ignored = h.n_ignored;
	cls_obs_buf_read(r, &st->obs, mcxt, triad_pseudo, lengthof(triad_pseudo),
					 TRIAD_WHAT);
	return st;
}

void
cls_triad_state_contents(void *state, const cls_obs **obs, size_t *n,
						 cls_triad_criteria *crit, double *baselines)
{
	TriadState *st = (TriadState *) state;

	state_sort(st);
	*obs = st->obs.items;
	*n = st->obs.count;
	*crit = st->crit;
	memcpy(baselines, st->baselines, sizeof(st->baselines));
}

/*
 * Bring the evaluation up to date.  Only the new tail is sorted and
 * evaluated when it is all later than what was evaluated before (window
 * use: rows arrive in time order); otherwise everything is sorted and
 * evaluated again.  Sorting the buffer in place does not change the
 * state's meaning (a multiset of observations), so the aggregate stays
 * usable as a window function.
 */
static void
state_evaluate(TriadState *st)
{
	cls_obs_buf *b = &st->obs;

	if (st->ev_valid && st->ev.next <= b->count)
	{
		if (b->count > st->ev.next)
		{
			if (!b->sorted)
				cls_obs_buf_sort_tail(b, st->ev.next);
			if (cls_triad_eval_can_resume(&st->ev, b->items, b->count))
				b->sorted = true;	/* sorted prefix + later sorted tail */
			else
				st->ev_valid = false;
		}
	}
	else
		st->ev_valid = false;
	if (!st->ev_valid)
	{
		(void) cls_obs_buf_sort(b);
		cls_triad_eval_init(&st->ev, &st->crit, st->baselines);
		st->ev_valid = true;
	}
	cls_triad_eval_run(&st->ev, b->items, b->count, NULL);
}

/* attribute order of cls.triad_summary */
enum
{
	TS_SUSPECTED_EVER, TS_FIRST_SUSPECTED, TS_DURATION, TS_SIGNS_EVER,
	TS_FIRST_EVIDENCE, TS_CURRENT_AT, TS_CURRENT_SUSPECTED, TS_CURRENT_SIGNS,
	TS_CURRENT_EVIDENCE, TS_LOWEST_SBP, TS_LOWEST_SBP_AT, TS_LOWEST_ALBUMIN,
	TS_LOWEST_ALBUMIN_AT, TS_HIGHEST_HCT, TS_HIGHEST_HCT_AT, TS_LARGEST_GAIN,
	TS_LARGEST_GAIN_AT, TS_N_USED, TS_N_IGNORED, TS__NATTS
};

/* a (value, time) pair of a result row; NULLs when there is none */
void
cls_triad_put_extreme(Datum *v, bool *n, int att, const cls_triad_extreme *e)
{
	v[att] = Float8GetDatum(e->v);
	n[att] = !e->have;
	v[att + 1] = cls_time_datum(e->t);
	n[att + 1] = !e->have;
}

PG_FUNCTION_INFO_V1(cls_triad_final);
Datum
cls_triad_final(PG_FUNCTION_ARGS)
{
	TriadState *st;
	ResultTypes *rt;
	const cls_triad_eval *ev;
	Datum		v[TS__NATTS];
	bool		n[TS__NATTS];

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (TriadState *) PG_GETARG_POINTER(0);
	state_evaluate(st);
	ev = &st->ev;
	rt = result_types(fcinfo, TS_FIRST_EVIDENCE, false);
	if (rt->td->natts != TS__NATTS)
		elog(ERROR, "cls.triad_summary has an unexpected shape");

	memset(n, 0, sizeof(n));
	v[TS_SUSPECTED_EVER] = BoolGetDatum(ev->suspected_ever);
	v[TS_FIRST_SUSPECTED] = cls_time_datum(ev->first.t);
	n[TS_FIRST_SUSPECTED] = !ev->suspected_ever;
	v[TS_DURATION] = cls_interval_datum(cls_triad_eval_duration(ev));
	v[TS_SIGNS_EVER] = sign_names_array(ev->signs_ever);
	if (ev->suspected_ever)
		v[TS_FIRST_EVIDENCE] = evidence_array(rt, &st->crit, ev->first.signs,
											  ev->first_ev, true);
	else
		n[TS_FIRST_EVIDENCE] = true;
	if (ev->have_point)
	{
		v[TS_CURRENT_AT] = cls_time_datum(ev->last.t);
		v[TS_CURRENT_SUSPECTED] = BoolGetDatum(ev->last.suspected != 0);
		v[TS_CURRENT_SIGNS] = sign_names_array(ev->last.signs);
		v[TS_CURRENT_EVIDENCE] = evidence_array(rt, &st->crit, ev->last.signs,
												ev->last_ev, true);
	}
	else
		n[TS_CURRENT_AT] = n[TS_CURRENT_SUSPECTED] = n[TS_CURRENT_SIGNS] =
			n[TS_CURRENT_EVIDENCE] = true;
	cls_triad_put_extreme(v, n, TS_LOWEST_SBP, &ev->sbp_min);
	cls_triad_put_extreme(v, n, TS_LOWEST_ALBUMIN, &ev->albumin_min);
	cls_triad_put_extreme(v, n, TS_HIGHEST_HCT, &ev->hct_max);
	cls_triad_put_extreme(v, n, TS_LARGEST_GAIN, &ev->gain_max);
	v[TS_N_USED] = Int64GetDatum((int64) st->obs.count);
	v[TS_N_IGNORED] = Int64GetDatum(st->n_ignored);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(rt->td, v, n)));
}

/*
 * cls.triad_timeline(...) -> cls.triad_point[]: one point per distinct
 * observation time (at, until, suspected, signs).  Evaluates the whole
 * history on every call: use it as a plain aggregate.
 */
PG_FUNCTION_INFO_V1(cls_triad_timeline_final);
Datum
cls_triad_timeline_final(PG_FUNCTION_ARGS)
{
	TriadState *st;
	ResultTypes *rt;
	cls_triad_eval ev;
	cls_triad_point *pts;
	Datum	   *elems;
	size_t		np;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (TriadState *) PG_GETARG_POINTER(0);
	rt = result_types(fcinfo, 0, true);
	state_sort(st);
	pts = cls_alloc_huge(CurrentMemoryContext, st->obs.count,
						 sizeof(cls_triad_point), "timeline points");
	cls_triad_eval_init(&ev, &st->crit, st->baselines);
	np = cls_triad_eval_run(&ev, st->obs.items, st->obs.count, pts);
	if (np > MaxAllocSize / sizeof(Datum) / 4)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("timeline too long for an array: %zu points", np)));
	elems = palloc(Max(np, 1) * sizeof(Datum));
	for (size_t i = 0; i < np; i++)
	{
		Datum		pv[4];
		bool		pn[4] = {false, false, false, false};

		pv[0] = cls_time_datum(pts[i].t);
		pv[1] = cls_time_datum(pts[i].until);
		pv[2] = BoolGetDatum(pts[i].suspected != 0);
		pv[3] = sign_names_array(pts[i].signs);
		elems[i] = HeapTupleGetDatum(heap_form_tuple(rt->pt_td, pv, pn));
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_POINTER(construct_array(elems, (int) np, rt->pt_type, -1, false,
									  TYPALIGN_DOUBLE));
}

/*
 * cls.baselines(sbp, albumin, albumin_unit, hematocrit, hematocrit_unit,
 * weight, weight_unit) -> cls.triad_baselines in canonical units.
 */
PG_FUNCTION_INFO_V1(cls_make_baselines);
Datum
cls_make_baselines(PG_FUNCTION_ARGS)
{
	static const int varg[4] = {0, 1, 3, 5};
	static const int uarg[4] = {-1, 2, 4, 6};
	static const cls_analyte an[4] = {CLS_A_SBP, CLS_A_ALBUMIN, CLS_A_HEMATOCRIT, CLS_A_WEIGHT};
	static const char *const names[4] = {"sbp", "albumin", "hematocrit", "weight"};
	TupleDesc	td;
	Datum		v[4];
	bool		n[4];

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	td = BlessTupleDesc(td);
	for (int i = 0; i < 4; i++)
	{
		double		x;
		cls_conv	conv = {1.0, 1.0, 0.0};

		n[i] = PG_ARGISNULL(varg[i]);
		v[i] = (Datum) 0;
		if (n[i])
			continue;
		x = PG_GETARG_FLOAT8(varg[i]);
		cls_pg_check_limit(names[i], x);
		if (uarg[i] >= 0)
		{
			if (PG_ARGISNULL(uarg[i]))
				cls_pg_bad_arg(psprintf("%s_unit", names[i]), "NULL",
							   "A baseline needs its unit.", NULL);
			cls_pg_unit_conv(an[i], PG_GETARG_TEXT_PP(uarg[i]), NULL, &conv);
		}
		x = cls_conv_apply(&conv, x);
		if (cls_value_check(an[i], x) != CLS_VALUE_OK)
			cls_pg_bad_arg(names[i], psprintf("%g", PG_GETARG_FLOAT8(varg[i])),
						   cls_pg_value_problem(an[i], x),
						   "A baseline must be a plausible value.");
		v[i] = Float8GetDatum(x);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, n)));
}
