/*
 * triad_pg.c -- SQL glue of the triad's types: cls.profile, cls.criteria
 * and its constructors, cls.baselines, and the evidence and sign arrays of
 * the results.  The wide (one time point) functions are in
 * src/triad_wide_pg.c, the aggregates cls.triad_agg / cls.triad_timeline in
 * src/triad_agg_pg.c.
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
#include "layout_pg.h"
#include "triad_episodes.h"

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

/* The zone of the criteria: NULL (a value stored by 0.2.0, which had no
 * time_zone attribute and dated times in UTC) is UTC; a zone PostgreSQL
 * does not know is refused (22023) where the criteria are built. */
static void
criteria_time_zone(text *zone, cls_triad_criteria *c)
{
	cls_calendar cal;
	char	   *name;
	size_t		len;

	memset(c->time_zone, 0, sizeof(c->time_zone));
	if (zone == NULL)
	{
		cls_triad_criteria default_c;

		cls_triad_criteria_default(&default_c, CLS_PROFILE_TRIAD);
		memcpy(c->time_zone, default_c.time_zone, sizeof(c->time_zone));
		return;
	}
	name = text_to_cstring(zone);
	len = strlen(name);
	if (len < sizeof(c->time_zone))
		memcpy(c->time_zone, name, len);
	else
		memset(c->time_zone, 'x', sizeof(c->time_zone));	/* too long: refused below */
	criteria_field_check(c, CLS_CR_TIME_ZONE, cls_pg_clip(name));
	cls_pg_calendar(zone, "time_zone", &cal);
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
	for (int f = CLS_CR_FIRST_THRESHOLD; f < CLS_CR__COUNT; f++)
	{
		double	   *th;

		if (!CLS_CR_IS_THRESHOLD(f))
			continue;
		th = cls_triad_criteria_threshold(c, (cls_crit_field) f);
		/* NULL: this criterion is off (hemoglobin_above: also a value
		 * stored by 0.2.0, which had no such attribute) */
		*th = NAN;
		if (!isnull[f])
		{
			const char *hint;
			const char *why;

			*th = DatumGetFloat8(v[f]);
			why = cls_triad_threshold_check(*th, &hint);
			if (why)
				cls_pg_bad_arg(cls_triad_criteria_field_name((cls_crit_field) f), psprintf("%g", *th), why, hint);
		}
	}
	/* edema NULL = off, like a threshold */
	c->edema = (!isnull[CLS_CR_EDEMA] && DatumGetBool(v[CLS_CR_EDEMA])) ? 1 : 0;
	if (isnull[CLS_CR_DERIVE_BASELINES])
		cls_pg_bad_arg("derive_baselines", "NULL", "derive_baselines must be true or false.", NULL);
	c->derive_baselines = DatumGetBool(v[CLS_CR_DERIVE_BASELINES]) ? 1 : 0;
	for (int f = CLS_CR_FIRST_WINDOW; f <= CLS_CR_LAST_WINDOW; f++)
		crit_interval(v, isnull, (cls_crit_field) f, c);
	criteria_time_zone(isnull[CLS_CR_TIME_ZONE] ? NULL : DatumGetTextPP(v[CLS_CR_TIME_ZONE]), c);
}

void
cls_triad_criteria_from_datum(Datum d, cls_triad_criteria *c)
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

void
cls_triad_calendar(FunctionCallInfo fcinfo, const cls_triad_criteria *c,
				   cls_calendar *cal)
{
	cls_pg_calendar_for(cls_pg_result_time_kind(fcinfo),
						cstring_to_text(c->time_zone), "time_zone", cal);
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
	for (int f = CLS_CR_FIRST_THRESHOLD; f < CLS_CR__COUNT; f++)
	{
		double		th;

		if (!CLS_CR_IS_THRESHOLD(f))
			continue;
		th = *cls_triad_criteria_threshold(&cc, (cls_crit_field) f);
		v[f] = Float8GetDatum(th);
		n[f] = isnan(th);
	}
	v[CLS_CR_EDEMA] = BoolGetDatum(c->edema != 0);
	v[CLS_CR_DERIVE_BASELINES] = BoolGetDatum(c->derive_baselines != 0);
	for (int f = CLS_CR_FIRST_WINDOW; f <= CLS_CR_LAST_WINDOW; f++)
		v[f] = cls_interval_datum(*cls_triad_criteria_window(&cc, (cls_crit_field) f));
	v[CLS_CR_TIME_ZONE] = CStringGetTextDatum(c->time_zone);
	return HeapTupleGetDatum(heap_form_tuple(td, v, n));
}

/*
 * cls.triad_criteria(k, sbp_below, ...) and cls.drug_criteria(sbp_below,
 * ...): the same arguments as the composite's fields after the profile
 * (drug has no k).  Non-strict: NULL switches a criterion off.  The 0.2.0
 * constructors (renamed cls.triad_criteria_0_2_0 / cls.drug_criteria_0_2_0,
 * kept for views made on 0.2.0) end before hemoglobin_above: those fields
 * take their 0.2.0 meaning (off, UTC).
 */
PG_FUNCTION_INFO_V1(cls_make_criteria);
Datum
cls_make_criteria(PG_FUNCTION_ARGS)
{
	Datum		v[CR__NATTS];
	bool		n[CR__NATTS];
	int			nargs = PG_NARGS();
	int			given;			/* fields the arguments give */
	bool		triad;
	int			arg = 0;
	cls_triad_criteria c;

	if (nargs == CR__NATTS - 1 || nargs == CR__NATTS - 2)
		given = CR__NATTS;
	else if (nargs == CLS_CR_HEMOGLOBIN_ABOVE - 1 || nargs == CLS_CR_HEMOGLOBIN_ABOVE - 2)
		given = CLS_CR_HEMOGLOBIN_ABOVE;
	else
		elog(ERROR, "cls_make_criteria: unexpected number of arguments %d", nargs);
	triad = (nargs == given - 1);
	v[CLS_CR_PROFILE] = Int32GetDatum(triad ? CLS_PROFILE_TRIAD : CLS_PROFILE_DRUG);
	n[CLS_CR_PROFILE] = false;
	for (int i = CLS_CR_K; i < CR__NATTS; i++)
	{
		if ((i == CLS_CR_K && !triad) || i >= given)
		{
			v[i] = (Datum) 0;
			n[i] = true;
			continue;
		}
		n[i] = PG_ARGISNULL(arg);
		v[i] = n[i] ? (Datum) 0 : PG_GETARG_DATUM(arg);
		arg++;
	}
	if (given == CR__NATTS && n[CLS_CR_TIME_ZONE])
		cls_pg_bad_arg("time_zone", "NULL", "The criteria need the zone of the place of care, which dates a timestamptz.",
					   "Leave the argument out for 'UTC', or write the zone, such as 'America/New_York'.");
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


/* The result row type and, through the array attribute `arr_att`, the
 * element composite; cached in fn_extra. */
ResultTypes *
cls_triad_result_types(FunctionCallInfo fcinfo, int arr_att, bool timeline)
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

Datum
cls_triad_evidence_array(ResultTypes *rt, const cls_triad_criteria *c, unsigned signs,
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

Datum
cls_triad_sign_names(unsigned signs)
{
	Datum		elems[CLS_SIGN__COUNT];
	int			ne = 0;

	for (int s = 0; s < CLS_SIGN__COUNT; s++)
		if (signs & CLS_SIGN_BIT(s))
			elems[ne++] = CStringGetTextDatum(cls_sign_name((cls_sign) s));
	return PointerGetDatum(construct_array(elems, ne, TEXTOID, -1, false,
										   TYPALIGN_INT));
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
			/* README "Conventions": a unit the query writes is an error, a
			 * row's unknown unit gives a NULL baseline and one WARNING per
			 * (analyte, unit) and statement */
			if (!cls_pg_unit_arg(fcinfo, uarg[i], an[i], false,
								 cls_pg_unit_cache(fcinfo, uarg[i] / 2 - 1), &conv))
			{
				n[i] = true;
				continue;
			}
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

/* ------------------------------------------------------------------------
 * The layout of the constructors (layout_pg.h): cls.triad_criteria takes
 * the fields of cls.criteria after the profile, cls.drug_criteria after k;
 * cls.episode_params its fields; each with the core's default.
 * ------------------------------------------------------------------------ */

static const char *
interval_text(int64 us)
{
	return psprintf("%lld microseconds", (long long) us);
}

static void
criteria_layout(cls_layout_emit emit, void *arg, const char *fn, cls_profile p)
{
	cls_triad_criteria c;
	int			first = (p == CLS_PROFILE_TRIAD) ? CLS_CR_K : CLS_CR_K + 1;

	cls_triad_criteria_default(&c, p);
	for (int f = first; f < CLS_CR__COUNT; f++)
	{
		const char *def;

		if (f == CLS_CR_K)
			def = psprintf("%d", c.k);
		else if (CLS_CR_IS_THRESHOLD(f))
		{
			double		x = *cls_triad_criteria_threshold(&c, (cls_crit_field) f);

			def = isnan(x) ? "NULL" : psprintf("%.17g", x);
		}
		else if (f == CLS_CR_EDEMA)
			def = c.edema ? "true" : "false";
		else if (f == CLS_CR_DERIVE_BASELINES)
			def = c.derive_baselines ? "true" : "false";
		else if (f == CLS_CR_TIME_ZONE)
			def = pstrdup(c.time_zone);
		else
			def = interval_text(*cls_triad_criteria_window(&c, (cls_crit_field) f));
		emit(arg, fn, f - first, cls_triad_criteria_field_name((cls_crit_field) f), def);
	}
}

void
cls_triad_criteria_layout(cls_layout_emit emit, void *arg)
{
	cls_triad_episode_params p;
	const char *fn = "cls.episode_params(interval,interval,interval,float8)";

	criteria_layout(emit, arg, "cls.triad_criteria(integer,float8,float8,float8,float8,float8,float8,float8,float8,float8,float8,boolean,boolean,interval,interval,interval,interval,interval,interval,interval,float8,text)",
					CLS_PROFILE_TRIAD);
	criteria_layout(emit, arg, "cls.drug_criteria(float8,float8,float8,float8,float8,float8,float8,float8,float8,float8,boolean,boolean,interval,interval,interval,interval,interval,interval,interval,float8,text)",
					CLS_PROFILE_DRUG);
	cls_triad_episode_params_default(&p);
	emit(arg, fn, CLS_TEP_MAX_GAP, cls_triad_episode_params_field_name(CLS_TEP_MAX_GAP),
		 interval_text(p.max_gap));
	emit(arg, fn, CLS_TEP_HOLD, cls_triad_episode_params_field_name(CLS_TEP_HOLD),
		 p.hold == CLS_TEP_NO_HOLD ? "NULL" : interval_text(p.hold));
	emit(arg, fn, CLS_TEP_MIN_DURATION, cls_triad_episode_params_field_name(CLS_TEP_MIN_DURATION),
		 interval_text(p.min_duration));
	emit(arg, fn, CLS_TEP_ALBUMIN_LLN, cls_triad_episode_params_field_name(CLS_TEP_ALBUMIN_LLN),
		 isnan(p.albumin_lln) ? "NULL" : psprintf("%.17g", p.albumin_lln));
}
