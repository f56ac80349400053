/*
 * ctcae_pg.c -- SQL glue for CTCAE grading.
 *
 * One evaluator (grade_eval) serves the generic cls.ctcae_grade, its
 * explanation cls.ctcae_grade_reason and the per-term functions; they differ
 * only in where each argument sits (grade_args).
 */
#include "cls_pg.h"
#include "layout_pg.h"

#include <math.h>

#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

/*
 * Where each argument sits: positions C reads with PG_GETARG_*(n), which
 * must match the SQL declarations; cls.glue_layout() reports them with the
 * SQL names below (grade_layout) and sql/94_layout.sql checks them against
 * pg_get_function_arguments.
 */
typedef struct grade_args
{
	const char *fn;				/* the SQL function, as regprocedure input */
	const char *value_name;		/* SQL parameter names of the value, unit */
	const char *unit_name;
	int			term_arg;		/* -1: the term is fixed */
	cls_term	term;
	int			value_arg;
	int			unit_arg;
	int			lln_arg;		/* -1 where the function has no such argument */
	int			uln_arg;
	int			base_arg;
	int			version_arg;
	int			sympt_arg;
	bool		omop_unit;		/* the unit is an OMOP unit concept_id */
	bool		limits_canonical;	/* limits are in the canonical unit */
	bool		base_in_value_unit; /* ...except the baseline (weight gain) */
	const char *lln_name;		/* argument names, for error messages */
	const char *uln_name;
	const char *base_name;
} grade_args;

typedef struct grade_result
{
	bool		isnull;
	int			grade;
	const char *reason;			/* why NULL */
} grade_result;

static char *
limit_problem(const char *name, cls_analyte a, double canonical)
{
	double		lo,
				hi;

	if (!cls_reference_limit_range(a, &lo, &hi))
		return psprintf("%s: %s", name, cls_pg_value_problem(a, canonical));
	return psprintf("%s %g %s is outside the plausible range of a reference limit for %s (%g to %g %s); is it in the value's unit?",
					name, canonical, cls_analyte_unit(a), cls_analyte_name(a),
					lo, hi, cls_analyte_unit(a));
}

/* Append a problem to a "; "-separated list; the list is allocated on the
 * first problem (s->data NULL, s->len 0 until then), so that a row graded
 * without problems allocates nothing. */
static void
add_problem(StringInfo s, const char *p)
{
	if (p == NULL)
		return;
	if (s->data == NULL)
		initStringInfo(s);
	if (s->len > 0)
		appendStringInfoString(s, "; ");
	appendStringInfoString(s, p);
}

/*
 * What grading needs of a (term, version) besides the row: the term, the
 * limits its criteria use and whether it can be graded without a unit.  Each
 * of these scans the criteria table, so a call site keeps the last two
 * (term, version) pairs it graded (two: cls.ctcae_grade_signed grades a low
 * and a high term through the same call site), keyed by value, so that a
 * term or version from the rows is right too.  Only pairs that are graded
 * are kept; the others take the error path every time.
 */
typedef struct grade_term_cache
{
	bool		valid;
	cls_term	t;
	cls_version v;
	const cls_term_info *ti;
	unsigned	needs;
	bool		unit_free;		/* cls_term_unit_free(t, v) */
} grade_term_cache;

/* The last reference limit checked against the plausible range, per
 * limit (LLN, ULN): a column of limits repeats few values. */
typedef struct limit_check_cache
{
	cls_analyte a;				/* CLS_A_NONE: empty */
	double		v;
	bool		ok;
} limit_check_cache;

typedef struct grade_cache
{
	cls_unit_cache units[4];	/* the last units looked up, newest first */
	bool		unit_stable;	/* the unit is the query's (a constant or
								 * parameter): units[0] is it, once kept */
	grade_term_cache terms[2];
	int			next;			/* the entry replaced on a miss */
	limit_check_cache lln,
				uln;
} grade_cache;

/* cls_reference_limit_ok through the cache (NaN never matches: checked). */
static bool
limit_ok_cached(limit_check_cache *c, cls_analyte a, double v)
{
	if (c->a != a || c->v != v)
	{
		c->a = a;
		c->v = v;
		c->ok = cls_reference_limit_ok(a, v);
	}
	return c->ok;
}

/* The call site's cache in fn_extra (a local one without FmgrInfo). */
static grade_cache *
grade_cache_get(FunctionCallInfo fcinfo, const grade_args *ga,
				grade_cache *local)
{
	grade_cache *c;

	if (fcinfo->flinfo == NULL)
		c = local;
	else if ((c = (grade_cache *) fcinfo->flinfo->fn_extra) != NULL)
		return c;
	else
		c = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(grade_cache));
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < (int) lengthof(c->units); i++)
	{
		c->units[i].len = -1;
		c->units[i].analyte = CLS_A_NONE;
	}
	c->lln.a = c->uln.a = CLS_A_NONE;
	if (fcinfo->flinfo != NULL)
	{
		c->unit_stable = get_fn_expr_arg_stable(fcinfo->flinfo, ga->unit_arg);
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* The cached entry of a graded (t, v), or NULL when t is not graded in v. */
static const grade_term_cache *
grade_term_lookup(grade_cache *c, cls_term t, cls_version v)
{
	grade_term_cache *e;
	const cls_term_info *ti;

	for (int i = 0; i < (int) lengthof(c->terms); i++)
		if (c->terms[i].valid && c->terms[i].t == t && c->terms[i].v == v)
			return &c->terms[i];
	ti = cls_term_get(t);
	if (ti == NULL || v < 0 || v >= CLS_V__COUNT)
		elog(ERROR, "invalid CTCAE term or version");
	if (!(ti->versions & CLS_VBIT(v)))
		return NULL;
	e = &c->terms[c->next];
	c->next = (c->next + 1) % (int) lengthof(c->terms);
	e->t = t;
	e->v = v;
	e->ti = ti;
	e->needs = cls_term_needs(t, v);
	e->unit_free = cls_term_unit_free(t, v);
	e->valid = true;
	return e;
}

/*
 * One grading.  Only the limits the term's criteria use are read; a
 * used limit that is unusable (from the rows: not a finite number > 0, an LLN
 * may be 0; or outside the plausible range of reference limits) is unknown,
 * so that only the grades that need it are lost.  A unit or limit the query
 * writes that is wrong is an error, unless `explain` (the *_reason
 * functions, which never raise for the arguments they explain).
 */
static void
grade_eval(FunctionCallInfo fcinfo, const grade_args *ga, bool explain,
		   grade_result *r)
{
	cls_term	t;
	cls_version v;
	const cls_term_info *ti;
	const grade_term_cache *tc;
	grade_cache local_cache;
	grade_cache *cache = grade_cache_get(fcinfo, ga, &local_cache);
	cls_analyte a;
	cls_conv	conv = {1.0, 1.0, 0.0};
	cls_grade_input in;
	int			lln_st,
				uln_st,
				base_st;
	double		lln = 0,
				uln = 0,
				base = 0,
				x;
	unsigned	needs;
	bool		unit_free,
				have_unit = true;
	char	   *p;
	StringInfoData problems;

	r->isnull = true;
	r->grade = 0;
	r->reason = NULL;
	problems.data = NULL;		/* allocated by the first add_problem */
	problems.len = 0;

	if (ga->term_arg >= 0 && PG_ARGISNULL(ga->term_arg))
	{
		r->reason = "term is NULL";
		return;
	}
	t = ga->term_arg >= 0 ? DatumGetClsTerm(PG_GETARG_DATUM(ga->term_arg)) : ga->term;
	if (PG_ARGISNULL(ga->version_arg))
	{
		r->reason = "version is NULL";
		return;
	}
	v = DatumGetClsVersion(PG_GETARG_DATUM(ga->version_arg));
	tc = grade_term_lookup(cache, t, v);
	if (tc == NULL)
	{
		ti = cls_term_get(t);
		if (explain)
		{
			r->reason = psprintf("CTCAE term \"%s\" is not graded for version %s",
								 ti->name, cls_version_name(v));
			return;
		}
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("CTCAE term \"%s\" is not graded for version %s",
						ti->name, cls_version_name(v)),
				 cls_term_not_graded_reason(t, v) ?
				 errdetail("cls.ctcae_criteria() says: %s.", cls_term_not_graded_reason(t, v)) :
				 errdetail("cls.ctcae_criteria() lists the versions of each term and, for a version that is not graded, why."),
				 errhint("Use another version, or the term's name in this version.")));
	}
	ti = tc->ti;
	a = ti->analyte;
	needs = tc->needs;
	/* multiples of limits in the value's own unit need no unit */
	unit_free = tc->unit_free &&
		(!ga->limits_canonical || ga->base_in_value_unit);

	/* only the limits the criteria use are read */
	lln_st = (needs & CLS_NEEDS_LLN) ?
		cls_pg_limit_arg(fcinfo, ga->lln_arg, ga->lln_name, true, !explain, &lln, &p) : 0;
	if (lln_st < 0)
		add_problem(&problems, p);
	uln_st = (needs & CLS_NEEDS_ULN) ?
		cls_pg_limit_arg(fcinfo, ga->uln_arg, ga->uln_name, false, !explain, &uln, &p) : 0;
	if (uln_st < 0)
		add_problem(&problems, p);
	base_st = (needs & CLS_NEEDS_BASELINE) ?
		cls_pg_limit_arg(fcinfo, ga->base_arg, ga->base_name, false, !explain, &base, &p) : 0;
	if (base_st < 0)
		add_problem(&problems, p);

	if (PG_ARGISNULL(ga->unit_arg))
	{
		if (!unit_free)
		{
			r->reason = "unit is NULL";
			return;
		}
		have_unit = false;
	}
	else
	{
		cls_unit_status st;

		/* a unit the query writes is the same in every row: once looked
		 * up (and kept: not longer than the cache's spelling), the
		 * comparison with the cached spelling can be skipped */
		if (cache->unit_stable && cache->units[0].len >= 0 && cache->units[0].analyte == a)
		{
			conv = cache->units[0].conv;
			st = cache->units[0].status;
		}
		else
			st = cls_pg_unit_lookup_arg_n(fcinfo, ga->unit_arg, a,
										  ga->omop_unit, cache->units,
										  (int) lengthof(cache->units), &conv);

		if (st != CLS_UNIT_OK)
		{
			/* the query's unit: the error; the rows': one warning */
			if (!explain)
				(void) cls_pg_unit_arg(fcinfo, ga->unit_arg, a, ga->omop_unit,
									   &cache->units[0], &conv);
			if (!unit_free)
			{
				r->reason = cls_pg_unit_problem(a, cls_pg_unit_arg_text(fcinfo, ga->unit_arg, ga->omop_unit), st);
				return;
			}
			have_unit = false;
		}
	}
	if (!have_unit)
		conv = (cls_conv) {1.0, 1.0, 0.0};

	if (PG_ARGISNULL(ga->value_arg))
	{
		r->reason = "value is NULL";
		return;
	}
	x = PG_GETARG_FLOAT8(ga->value_arg);
	if (have_unit)
	{
		in.value = cls_conv_apply(&conv, x);
		r->reason = cls_pg_value_problem(a, in.value);
	}
	else
	{
		/* without a unit: implausible in every unit cls accepts for it */
		cls_value_status vst = cls_value_check_any_unit(a, x);

		in.value = x;
		if (vst == CLS_VALUE_TOO_LOW || vst == CLS_VALUE_TOO_HIGH)
			r->reason = psprintf("%s %g (unit unknown) is implausible in every unit cls accepts for %s",
								 cls_analyte_name(a), x, cls_analyte_name(a));
		else if (vst != CLS_VALUE_OK)
			r->reason = psprintf("%s value is %s", cls_analyte_name(a),
								 cls_value_status_text(vst));
	}
	if (r->reason)
		return;

	in.has_lln = lln_st > 0;
	in.has_uln = uln_st > 0;
	in.has_baseline = base_st > 0;
	/* (a limit that is not known is never read: not converted) */
	in.lln = (ga->limits_canonical || !have_unit || !in.has_lln) ? lln : cls_conv_apply(&conv, lln);
	in.uln = (ga->limits_canonical || !have_unit || !in.has_uln) ? uln : cls_conv_apply(&conv, uln);
	in.baseline = ((ga->limits_canonical && !ga->base_in_value_unit) || !have_unit || !in.has_baseline) ?
		base : cls_conv_apply(&conv, base);
	/* a used limit outside the plausible range of reference limits (most
	 * often a limit in another unit than the value), or a baseline outside
	 * the plausible range of values, is unknown; without a unit it cannot
	 * be checked */
	if (have_unit && in.has_lln && !limit_ok_cached(&cache->lln, a, in.lln))
	{
		in.has_lln = false;
		add_problem(&problems, limit_problem(ga->lln_name, a, in.lln));
	}
	if (have_unit && in.has_uln && !limit_ok_cached(&cache->uln, a, in.uln))
	{
		in.has_uln = false;
		add_problem(&problems, limit_problem(ga->uln_name, a, in.uln));
	}
	if (have_unit && in.has_baseline && cls_value_check(a, in.baseline) != CLS_VALUE_OK)
	{
		in.has_baseline = false;
		add_problem(&problems, psprintf("%s: %s", ga->base_name,
										cls_pg_value_problem(a, in.baseline)));
	}
	if (ga->sympt_arg < 0)
		in.symptomatic = 0;
	else if (PG_ARGISNULL(ga->sympt_arg))
		in.symptomatic = -1;
	else
		in.symptomatic = PG_GETARG_BOOL(ga->sympt_arg) ? 1 : 0;

	switch (cls_grade(t, v, &in, &r->grade))
	{
		case CLS_GRADE_OK:
			r->isnull = false;
			return;
		case CLS_GRADE_NO_VERSION:
			elog(ERROR, "CTCAE term not graded for version");
			break;
		case CLS_GRADE_UNKNOWN:
			break;
	}

	/* say which unknown input leaves the grade open */
	{
		StringInfoData s;
		int			n = 0;

		initStringInfo(&s);
		appendStringInfoString(&s, "the grade depends on unknown input:");
		if ((needs & CLS_NEEDS_LLN) && !in.has_lln)
			appendStringInfo(&s, "%s LLN", n++ ? "," : "");
		if ((needs & CLS_NEEDS_ULN) && !in.has_uln)
			appendStringInfo(&s, "%s ULN", n++ ? "," : "");
		if ((needs & CLS_NEEDS_BASELINE) && !in.has_baseline)
			appendStringInfo(&s, "%s baseline", n++ ? "," : "");
		if ((needs & CLS_NEEDS_SYMPTOMS) && in.symptomatic < 0)
			appendStringInfo(&s, "%s symptomatic", n++ ? "," : "");
		if (problems.len > 0)
			appendStringInfo(&s, " (%s)", problems.data);
		r->reason = (n || problems.len > 0) ? s.data :
			"the CTCAE version defines no grade for this value (cls.ctcae_criteria(): basis 'undefined')";
	}
}

/* cls.ctcae_grade(term, value, unit text, lln, uln, baseline, version,
 * symptomatic) */
#define GENERIC_ARGS(fn, unit_name, omop) \
	{fn, "value", unit_name, 0, CLS_T_NONE, 1, 2, 3, 4, 5, 6, 7, omop, false, false, "lln", "uln", "baseline"}
static const grade_args generic_args =
GENERIC_ARGS("cls.ctcae_grade(cls.ctcae_term,float8,text,float8,float8,float8,cls.ctcae_version,boolean)", "unit", false);
static const grade_args generic_omop_args =
GENERIC_ARGS("cls.ctcae_grade(cls.ctcae_term,float8,bigint,float8,float8,float8,cls.ctcae_version,boolean)", "unit_concept_id", true);
/* cls.ctcae_grade_reason: the same positions */
static const grade_args reason_args =
GENERIC_ARGS("cls.ctcae_grade_reason(cls.ctcae_term,float8,text,float8,float8,float8,cls.ctcae_version,boolean)", "unit", false);
static const grade_args reason_omop_args =
GENERIC_ARGS("cls.ctcae_grade_reason(cls.ctcae_term,float8,bigint,float8,float8,float8,cls.ctcae_version,boolean)", "unit_concept_id", true);

PG_FUNCTION_INFO_V1(cls_ctcae_grade);
Datum
cls_ctcae_grade(PG_FUNCTION_ARGS)
{
	grade_result r;

	grade_eval(fcinfo, &generic_args, false, &r);
	if (r.isnull)
		PG_RETURN_NULL();
	PG_RETURN_INT16((int16) r.grade);
}

PG_FUNCTION_INFO_V1(cls_ctcae_grade_omop);
Datum
cls_ctcae_grade_omop(PG_FUNCTION_ARGS)
{
	grade_result r;

	grade_eval(fcinfo, &generic_omop_args, false, &r);
	if (r.isnull)
		PG_RETURN_NULL();
	PG_RETURN_INT16((int16) r.grade);
}

/* cls.ctcae_grade_reason(...): NULL when graded, else why not */
PG_FUNCTION_INFO_V1(cls_ctcae_grade_reason);
Datum
cls_ctcae_grade_reason(PG_FUNCTION_ARGS)
{
	grade_result r;

	grade_eval(fcinfo, &reason_args, true, &r);
	if (!r.isnull)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(r.reason));
}

PG_FUNCTION_INFO_V1(cls_ctcae_grade_reason_omop);
Datum
cls_ctcae_grade_reason_omop(PG_FUNCTION_ARGS)
{
	grade_result r;

	grade_eval(fcinfo, &reason_omop_args, true, &r);
	if (!r.isnull)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(r.reason));
}

/*
 * Per-term functions.  Argument order: value, unit, then the term's limits
 * in canonical units (named so in SQL), then version.
 */
#define TERM_FUNC(sym, TERM, sqlfn, vname, lln, uln, base, sympt, ver, base_value_unit, lname, uname, bname) \
	static const grade_args sym##_args = {sqlfn, vname, "unit", -1, TERM, 0, 1, \
										  lln, uln, base, ver, sympt, false, \
										  true, base_value_unit, lname, uname, \
										  bname}; \
	PG_FUNCTION_INFO_V1(sym); \
	Datum \
	sym(PG_FUNCTION_ARGS) \
	{ \
		grade_result r; \
		grade_eval(fcinfo, &sym##_args, false, &r); \
		if (r.isnull) \
			PG_RETURN_NULL(); \
		PG_RETURN_INT16((int16) r.grade); \
	}

/* (value, unit, lln_g_dl, version) */
TERM_FUNC(cls_hypoalbuminemia_grade, CLS_T_HYPOALBUMINEMIA,
		  "cls.hypoalbuminemia_grade(float8,text,float8,cls.ctcae_version)", "albumin",
		  2, -1, -1, -1, 3, false, "lln_g_dl", NULL, NULL)
/* (value, unit, lln_mmol_l, symptomatic, version) */
TERM_FUNC(cls_hyponatremia_grade, CLS_T_HYPONATREMIA,
		  "cls.hyponatremia_grade(float8,text,float8,boolean,cls.ctcae_version)", "sodium",
		  2, -1, -1, 3, 4, false, "lln_mmol_l", NULL, NULL)
/* (value, unit, uln_g_dl, baseline_g_dl, version) */
TERM_FUNC(cls_hemoglobin_increased_grade, CLS_T_HEMOGLOBIN_INCREASED,
		  "cls.hemoglobin_increased_grade(float8,text,float8,float8,cls.ctcae_version)", "hemoglobin",
		  -1, 2, 3, -1, 4, false, NULL, "uln_g_dl", "baseline_g_dl")
/* (value, unit, lln_g_dl, version) */
TERM_FUNC(cls_anemia_grade, CLS_T_ANEMIA,
		  "cls.anemia_grade(float8,text,float8,cls.ctcae_version)", "hemoglobin",
		  2, -1, -1, -1, 3, false, "lln_g_dl", NULL, NULL)
/* (value, unit, baseline_weight in the value's unit, version) */
TERM_FUNC(cls_weight_gain_grade, CLS_T_WEIGHT_GAIN,
		  "cls.weight_gain_grade(float8,text,float8,cls.ctcae_version)", "weight",
		  -1, -1, 2, -1, 3, true, NULL, NULL, "baseline_weight")
/* (value, unit, uln_u_l, version) */
TERM_FUNC(cls_cpk_increased_grade, CLS_T_CPK_INCREASED,
		  "cls.cpk_increased_grade(float8,text,float8,cls.ctcae_version)", "ck",
		  -1, 2, -1, -1, 3, false, NULL, "uln_u_l", NULL)
/* (value, unit, uln_mg_dl, baseline_mg_dl, version) */
TERM_FUNC(cls_creatinine_increased_grade, CLS_T_CREATININE_INCREASED,
		  "cls.creatinine_increased_grade(float8,text,float8,float8,cls.ctcae_version)", "creatinine",
		  -1, 2, 3, -1, 4, false, NULL, "uln_mg_dl", "baseline_mg_dl")
/* (value, unit, lln_10e9_l, version) */
TERM_FUNC(cls_platelet_count_decreased_grade, CLS_T_PLATELET_COUNT_DECREASED,
		  "cls.platelet_count_decreased_grade(float8,text,float8,cls.ctcae_version)", "platelets",
		  2, -1, -1, -1, 3, false, "lln_10e9_l", NULL, NULL)
TERM_FUNC(cls_neutrophil_count_decreased_grade, CLS_T_NEUTROPHIL_COUNT_DECREASED,
		  "cls.neutrophil_count_decreased_grade(float8,text,float8,cls.ctcae_version)", "neutrophils",
		  2, -1, -1, -1, 3, false, "lln_10e9_l", NULL, NULL)

/* The argument layout of every grading function (layout_pg.h). */
static void
grade_layout(cls_layout_emit emit, void *arg, const grade_args *ga)
{
	if (ga->term_arg >= 0)
		emit(arg, ga->fn, ga->term_arg, "term", NULL);
	emit(arg, ga->fn, ga->value_arg, ga->value_name, NULL);
	emit(arg, ga->fn, ga->unit_arg, ga->unit_name, NULL);
	if (ga->lln_arg >= 0)
		emit(arg, ga->fn, ga->lln_arg, ga->lln_name, NULL);
	if (ga->uln_arg >= 0)
		emit(arg, ga->fn, ga->uln_arg, ga->uln_name, NULL);
	if (ga->base_arg >= 0)
		emit(arg, ga->fn, ga->base_arg, ga->base_name, NULL);
	emit(arg, ga->fn, ga->version_arg, "version", NULL);
	if (ga->sympt_arg >= 0)
		emit(arg, ga->fn, ga->sympt_arg, "symptomatic", NULL);
}

void
cls_ctcae_grade_layout(cls_layout_emit emit, void *arg)
{
	static const grade_args *const all[] = {
		&generic_args, &generic_omop_args, &reason_args, &reason_omop_args,
		&cls_hypoalbuminemia_grade_args, &cls_hyponatremia_grade_args,
		&cls_hemoglobin_increased_grade_args, &cls_anemia_grade_args,
		&cls_weight_gain_grade_args, &cls_cpk_increased_grade_args,
		&cls_creatinine_increased_grade_args,
		&cls_platelet_count_decreased_grade_args,
		&cls_neutrophil_count_decreased_grade_args,
	};

	for (size_t i = 0; i < lengthof(all); i++)
		grade_layout(emit, arg, all[i]);
}

/* cls.ctcae_criteria(): the criteria table, as graded */
PG_FUNCTION_INFO_V1(cls_ctcae_criteria);
Datum
cls_ctcae_criteria(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	size_t		n;
	const cls_criterion *c = cls_criteria(&n);

	InitMaterializedSRF(fcinfo, 0);
	for (int v = 0; v < CLS_V__COUNT; v++)
		for (size_t i = 0; i < n; i++)
		{
			Datum		values[9];
			bool		nulls[9] = {0};
			char		rule[128];
			const cls_term_info *ti = cls_term_get(c[i].term);

			if (!(c[i].versions & CLS_VBIT(v)))
				continue;
			cls_criterion_rule(&c[i], rule, sizeof(rule));
			values[0] = CStringGetTextDatum(ti->name);
			values[1] = CStringGetTextDatum(cls_version_name((cls_version) v));
			values[2] = Int16GetDatum((int16) c[i].grade);
			values[3] = CStringGetTextDatum(cls_basis_name(c[i].basis));
			values[4] = Float8GetDatum(c[i].k);
			/* a term not graded in a version: no grade, no threshold */
			nulls[2] = nulls[4] = (c[i].basis == CLS_B_NOT_GRADED);
			values[5] = CStringGetTextDatum((c[i].basis == CLS_B_PCT_GE || c[i].basis == CLS_B_PCT_LOSS_GE) ? "%" :
											cls_analyte_unit(ti->analyte));
			values[6] = CStringGetTextDatum(rule);
			values[7] = CStringGetTextDatum(c[i].ctcae_text);
			if (ti->meddra)
				values[8] = CStringGetTextDatum(ti->meddra);
			else
				nulls[8] = true;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	return (Datum) 0;
}
