/*
 * tagraxofusp_pg.c -- SQL glue for dose anchoring (cycles.c) and tagraxofusp
 * monitoring (tagraxofusp.c).  Converts, checks and builds results; every
 * clinical number and rule lives in the core.
 *
 * Aggregates (cls.cycles, cls.tagraxofusp_monitor, cls.tagraxofusp_summary)
 * buffer their rows as cls_obs in the aggregate context, in the shared
 * observation buffer of obs_pg.h ("collect, then sort" in the final
 * function: results never depend on input order); the combine function
 * concatenates, so any split of the rows gives the same result; final
 * functions sort the buffer in place, once, which leaves the state's
 * meaning (a multiset of observations) unchanged, so the aggregates also
 * run as window functions.
 */
#include "cls_pg.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "cycles.h"
#include "label.h"
#include "obs_pg.h"
#include "layout_pg.h"
#include "tagraxofusp.h"

/* ------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------ */

/* a checked huge allocation in the current context (obs_pg.h) */
#define huge_alloc(n, size, what)	cls_alloc_huge(CurrentMemoryContext, (n), (size), (what))

static Datum
text_array(const char **s, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = CStringGetTextDatum(s[i]);
	return PointerGetDatum(construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT));
}

static Datum
int4_array(const int32 *v, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = Int32GetDatum(v[i]);
	return PointerGetDatum(construct_array(d, n, INT4OID, 4, true, TYPALIGN_INT));
}

/* the tuple descriptor of the composite element type of the function's
 * array result (obs_pg.h) */
#define array_elem_tupdesc(fcinfo) \
	cls_pg_array_elem_tupdesc((fcinfo), CurrentMemoryContext, -1, "a composite", NULL)

/* Timestamps: finite only; an infinite time is ignored (documented). */
static inline bool
usable_time(TimestampTz t)
{
	return !TIMESTAMP_NOT_FINITE(t);
}

/* ------------------------------------------------------------------------
 * Dose anchoring: cls.days_since_first_dose, cls.cycle_of
 * ------------------------------------------------------------------------ */

/*
 * The calendar of a call (obs_pg.h, core obs.h): the time_zone argument at
 * argno dates a timestamptz call's times (the kind of argument time_arg); a call without one (a timestamp
 * form, or the UTC aggregate) dates the times themselves (NULL).  Built
 * once per call site and zone: cached in fn_extra keyed by the zone text,
 * so a zone written in the query is looked up once per query.  Only for
 * functions that keep nothing else in fn_extra.
 */
typedef struct zone_cache
{
	text	   *zone;			/* the zone of cal, in fn_mcxt */
	cls_calendar cal;
} zone_cache;

/* The time_zone argument at argno: never NULL (22004). */
static text *
zone_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("time_zone must not be null"),
				 errdetail("cls dates a timestamptz by the wall clock of the place of care, named by time_zone."),
				 errhint("Write a zone name such as 'UTC' or 'America/New_York', or leave time_zone out for UTC.")));
	return PG_GETARG_TEXT_PP(argno);
}

static bool
same_text(const text *a, const text *b)
{
	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b)) == 0;
}

static const cls_calendar *
call_calendar(FunctionCallInfo fcinfo, int time_arg, int argno)
{
	zone_cache *c = (zone_cache *) fcinfo->flinfo->fn_extra;
	text	   *z;

	if (PG_NARGS() <= argno)
		return NULL;
	z = zone_arg(fcinfo, argno);
	if (c != NULL && c->zone != NULL && same_text(c->zone, z))
		return c->cal.utc_offset ? &c->cal : NULL;
	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(zone_cache));
		fcinfo->flinfo->fn_extra = c;
	}
	else if (c->zone != NULL)
	{
		pfree(c->zone);
		c->zone = NULL;
	}
	cls_pg_calendar_for(cls_pg_arg_time_kind(fcinfo, time_arg), z, "time_zone", &c->cal);
	c->zone = (text *) MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(z));
	memcpy(c->zone, z, VARSIZE_ANY(z));
	return c->cal.utc_offset ? &c->cal : NULL;
}

/* cls.days_since_first_dose(ts, first_dose [, time_zone]): timestamptz and
 * timestamp, one symbol */
PG_FUNCTION_INFO_V1(cls_days_since_first_dose);
Datum
cls_days_since_first_dose(PG_FUNCTION_ARGS)
{
	int64		t = PG_GETARG_INT64(0);
	int64		f = PG_GETARG_INT64(1);
	const cls_calendar *cal = call_calendar(fcinfo, 0, 2);

	if (!usable_time(t) || !usable_time(f))
		PG_RETURN_NULL();
	PG_RETURN_INT32(cls_clamp_int32(cls_days_since(cal, t, f)));
}

/* the doses of argument argno, a time array (NULL and infinite elements
 * ignored), sorted and de-duplicated; returns the count */
static size_t
doses_from_array(FunctionCallInfo fcinfo, int argno, int64 **out)
{
	size_t		m = cls_pg_time_array(PG_GETARG_ARRAYTYPE_P(argno),
									  cls_pg_arg_time_kind(fcinfo, argno),
									  CurrentMemoryContext, out);

	return cls_doses_normalize(*out, m);
}

PG_FUNCTION_INFO_V1(cls_cycle_of_pg);
Datum
cls_cycle_of_pg(PG_FUNCTION_ARGS)
{
	int64		t = PG_GETARG_INT64(0);
	const cls_calendar *cal = call_calendar(fcinfo, 0, 2);
	int64	   *doses;
	size_t		nd;
	cls_cycle  *cycles;
	size_t		nc;
	int32		no;
	int64		day,
				start;
	TupleDesc	td;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (!usable_time(t))
		PG_RETURN_NULL();
	nd = doses_from_array(fcinfo, 1, &doses);
	if (nd == 0)
		PG_RETURN_NULL();
	cycles = huge_alloc(nd, sizeof(cls_cycle), "doses");
	nc = cls_cycles_build(cal, doses, nd, cycles);
	cls_cycle_of(cal, cycles, nc, t, &no, &day, &start);
	values[0] = Int32GetDatum(no);
	values[1] = Int32GetDatum(cls_clamp_int32(day));
	values[2] = cls_time_datum(start);
	values[3] = Int32GetDatum(cls_clamp_int32(cls_days_since(cal, t, doses[0])));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(td), values, nulls)));
}

/* ------------------------------------------------------------------------
 * The aggregate state: the shared observation buffer (obs_pg.h)
 * ------------------------------------------------------------------------ */

/*
 * Serialized: a header of one version word ("CLSG", this format's own, so
 * that no other cls state passes for this one) and a reserved word, then
 * the buffer.
 */
#define OBS_STATE_VERSION	0x434c5347	/* "CLSG" */
#define TGX_WHAT			"cls tagraxofusp aggregate"

/* the private kinds of tagraxofusp.h that a state may hold besides the cls
 * analytes */
static const int32 tgx_pseudo[] = {
	CLS_KIND_DOSE, CLS_KIND_ALT_X_ULN, CLS_KIND_AST_X_ULN,
	CLS_KIND_EDEMA, CLS_KIND_FLUID_OVERLOAD, CLS_KIND_HYPOTENSION,
	CLS_KIND_HYPERSENSITIVITY, CLS_KIND_CRCL, CLS_KIND_AGE, CLS_KIND_SEX
};

/*
 * The state: the buffer (first, so that a state is a cls_obs_buf for the
 * code that reads only that) and the time_zone of a tagraxofusp aggregate's
 * group (NULL: none, the times' own dates; the timestamp forms, the
 * timestamptz forms without time_zone and cls.cycles, which keeps offsets
 * with its doses instead).  The zone is one for the group: the final
 * function dates every observation (doses, weights, the previous day) by
 * it.
 */
typedef struct obs_state
{
	cls_obs_buf b;
	text	   *zone;			/* in the state's context */
} obs_state;

/* the longest zone a state may carry (PostgreSQL's TZ_STRLEN_MAX) */
#define STATE_ZONE_MAX	255

static cls_obs_buf *
state_new(MemoryContext cxt)
{
	obs_state  *s = MemoryContextAllocZero(cxt, sizeof(obs_state));

	cls_obs_buf_init(&s->b, cxt);
	return &s->b;
}

static inline text **
state_zone(cls_obs_buf *s)
{
	return &((obs_state *) s)->zone;
}

/* keep zone (a copy in the state's context) as the state's, or check that
 * it is the one already kept: 22023 when the rows of one group differ */
static void
state_set_zone(cls_obs_buf *s, const text *zone)
{
	text	  **z = state_zone(s);

	if (*z == NULL)
	{
		*z = MemoryContextAlloc(s->mcxt, VARSIZE_ANY(zone));
		memcpy(*z, zone, VARSIZE_ANY(zone));
	}
	else if (!same_text(*z, zone))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time_zone \"%s\" differs from time_zone \"%s\" in the same group",
						cls_pg_clip(text_to_cstring(zone)), cls_pg_clip(text_to_cstring(*z))),
				 errdetail("A tagraxofusp aggregate dates a patient's doses and observations by one wall clock, the place of care's."),
				 errhint("Give every row of a group the same time_zone, or group by the place of care.")));
}

static cls_obs_buf *
state_get(FunctionCallInfo fcinfo)
{
	MemoryContext cxt;

	if (!AggCheckCallContext(fcinfo, &cxt))
		elog(ERROR, "%s called in non-aggregate context", "cls aggregate transition");
	if (PG_ARGISNULL(0))
		return state_new(cxt);
	return (cls_obs_buf *) PG_GETARG_POINTER(0);
}

PG_FUNCTION_INFO_V1(cls_obs_combine);
Datum
cls_obs_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt;
	cls_obs_buf *a;
	cls_obs_buf *b;

	if (!AggCheckCallContext(fcinfo, &cxt))
		elog(ERROR, "cls_obs_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	/* a NULL left state: copy, never hand back the right state */
	a = PG_ARGISNULL(0) ? state_new(cxt) : (cls_obs_buf *) PG_GETARG_POINTER(0);
	b = (cls_obs_buf *) PG_GETARG_POINTER(1);
	if (*state_zone(b) != NULL)
		state_set_zone(a, *state_zone(b));
	cls_obs_buf_concat(a, b);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(cls_obs_serialize);
Datum
cls_obs_serialize(PG_FUNCTION_ARGS)
{
	cls_obs_buf *s;
	StringInfoData buf;
	uint32		h[2] = {OBS_STATE_VERSION, 0};
	text	   *zone;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "cls_obs_serialize called in non-aggregate context");
	s = (cls_obs_buf *) PG_GETARG_POINTER(0);
	zone = *state_zone(s);
	/* the reserved word: the length of the zone that follows it (0: none) */
	h[1] = zone ? (uint32) VARSIZE_ANY_EXHDR(zone) : 0;
	/* sorted here, in the worker, so that the leader's combine merges */
	(void) cls_obs_buf_sort(s);
	cls_obs_serial_begin(&buf, sizeof(h) + h[1], s, "this cls aggregate");
	appendBinaryStringInfo(&buf, (const char *) h, sizeof(h));
	if (zone)
		appendBinaryStringInfo(&buf, VARDATA_ANY(zone), (int) h[1]);
	cls_obs_buf_write(&buf, s);
	PG_RETURN_BYTEA_P(cls_obs_serial_end(&buf));
}

PG_FUNCTION_INFO_V1(cls_obs_deserialize);
Datum
cls_obs_deserialize(PG_FUNCTION_ARGS)
{
	StringInfoData r;
	uint32		h[2];
	cls_obs_buf *s;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "cls_obs_deserialize called in non-aggregate context");
	cls_obs_serial_open(PG_GETARG_BYTEA_PP(0), OBS_STATE_VERSION, TGX_WHAT, &r);
	cls_obs_serial_read(&r, h, sizeof(h), TGX_WHAT);
	if (h[1] > STATE_ZONE_MAX)
		cls_obs_bad_state(TGX_WHAT, "bad header");
	s = state_new(CurrentMemoryContext);
	if (h[1] > 0)
	{
		text	   *zone = palloc(VARHDRSZ + h[1]);

		SET_VARSIZE(zone, VARHDRSZ + h[1]);
		cls_obs_serial_read(&r, VARDATA(zone), h[1], TGX_WHAT);
		*state_zone(s) = zone;
	}
	cls_obs_buf_read(&r, s, CurrentMemoryContext, tgx_pseudo,
					 lengthof(tgx_pseudo), TGX_WHAT);
	PG_RETURN_POINTER(s);
}

/* The state's observations, sorted in place, once (obs_pg.h). */
static const cls_obs *
state_sorted(cls_obs_buf *s)
{
	(void) cls_obs_buf_sort(s);
	return s->items;
}

/* The dose times of sorted observations, de-duplicated. */
static size_t
doses_of(const cls_obs *o, size_t n, int64 **out)
{
	size_t		nd = 0;
	int64	   *d;

	for (size_t i = 0; i < n; i++)
		if (o[i].analyte == CLS_KIND_DOSE)
			nd++;
	d = huge_alloc(Max(nd, 1), sizeof(int64), "doses");
	nd = 0;
	for (size_t i = 0; i < n; i++)
		if (o[i].analyte == CLS_KIND_DOSE)
			d[nd++] = o[i].t;
	*out = d;
	return cls_doses_normalize(d, nd);
}

/* ------------------------------------------------------------------------
 * cls.cycles(dose_time [, time_zone]) -> cls.treatment_cycle[] (timestamptz)
 * or cls.treatment_cycle_ts[] (timestamp)
 * ------------------------------------------------------------------------ */

/*
 * The transition keeps each dose with the UTC offset of its date (the
 * observation's value, microseconds east of UTC in the row's time_zone; 0
 * for UTC and for a timestamp), so the state stays the shared buffer
 * (combine, serialize, deserialize unchanged) and the final function dates
 * every dose as its row's time_zone did.
 */
PG_FUNCTION_INFO_V1(cls_cycles_sfunc);
Datum
cls_cycles_sfunc(PG_FUNCTION_ARGS)
{
	cls_obs_buf *s = state_get(fcinfo);
	const cls_calendar *cal = call_calendar(fcinfo, 1, 2);

	if (!PG_ARGISNULL(1) && usable_time(PG_GETARG_INT64(1)))
	{
		int64		t = PG_GETARG_INT64(1);

		cls_obs_buf_append(s, t, cal ? (double) cal->utc_offset(cal->ctx, t) : 0,
						   CLS_KIND_DOSE);
	}
	PG_RETURN_POINTER(s);
}

/* a calendar over the offsets kept with sorted, distinct dose times: it
 * dates those times only, which are all cycles_result dates */
typedef struct dose_offsets
{
	const int64 *t;
	const int64 *off;
	size_t		n;
} dose_offsets;

static int64_t
dose_offset(const void *ctx, int64_t t)
{
	const dose_offsets *d = (const dose_offsets *) ctx;
	size_t		a = 0,
				b = d->n;

	while (a < b)
	{
		size_t		m = a + (b - a) / 2;

		if (d->t[m] < t)
			a = m + 1;
		else
			b = m;
	}
	return a < d->n && d->t[a] == t ? d->off[a] : 0;
}

static Datum
cycles_result(FunctionCallInfo fcinfo, const int64 *doses, size_t nd,
			  const cls_calendar *cal)
{
	cls_cycle  *cycles = huge_alloc(nd, sizeof(cls_cycle), "doses");
	size_t		nc = cls_cycles_build(cal, doses, nd, cycles);
	TupleDesc	td = array_elem_tupdesc(fcinfo);
	Datum	   *elems = huge_alloc(nc, sizeof(Datum), "cycles");
	int32	   *days = huge_alloc(nd, sizeof(int32), "doses");

	for (size_t i = 0; i < nc; i++)
	{
		Datum		v[5];
		bool		nl[5] = {false, false, false, false, false};
		size_t		k;

		CHECK_FOR_INTERRUPTS();
		k = cls_cycle_dosing_days(cal, &cycles[i], doses, days);
		v[0] = Int32GetDatum(cycles[i].cycle_no);
		v[1] = cls_time_datum(cycles[i].start);
		v[2] = cls_time_datum(cycles[i].last_dose);
		v[3] = Int32GetDatum(cycles[i].n_doses);
		v[4] = int4_array(days, (int) k);
		elems[i] = HeapTupleGetDatum(heap_form_tuple(td, v, nl));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, (int) nc, td->tdtypeid, -1, false, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(cls_cycles_final);
Datum
cls_cycles_final(PG_FUNCTION_ARGS)
{
	cls_obs_buf *s;
	const cls_obs *o;
	int64	   *doses;
	int64	   *offs;
	size_t		nd = 0;
	bool		zoned = false;
	dose_offsets dz;
	cls_calendar cal;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = (cls_obs_buf *) PG_GETARG_POINTER(0);
	o = state_sorted(s);
	doses = huge_alloc(Max(s->count, 1), sizeof(int64), "doses");
	offs = huge_alloc(Max(s->count, 1), sizeof(int64), "doses");
	/* sorted: distinct dose times in order, each with the first offset
	 * kept for it (the state holds doses only) */
	for (size_t i = 0; i < s->count; i++)
	{
		if (o[i].analyte != CLS_KIND_DOSE || (nd > 0 && doses[nd - 1] == o[i].t))
			continue;
		doses[nd] = o[i].t;
		offs[nd] = (int64) o[i].v;
		zoned |= offs[nd] != 0;
		nd++;
	}
	if (nd == 0)
		PG_RETURN_NULL();
	dz.t = doses;
	dz.off = offs;
	dz.n = nd;
	cal.utc_offset = dose_offset;
	cal.ctx = &dz;
	return cycles_result(fcinfo, doses, nd, zoned ? &cal : NULL);
}

/* cls.cycles(doses [, time_zone]): the same from an array */
PG_FUNCTION_INFO_V1(cls_cycles_of_array);
Datum
cls_cycles_of_array(PG_FUNCTION_ARGS)
{
	int64	   *doses;
	size_t		nd = doses_from_array(fcinfo, 0, &doses);
	const cls_calendar *cal = call_calendar(fcinfo, 0, 1);

	if (nd == 0)
		PG_RETURN_NULL();
	return cycles_result(fcinfo, doses, nd, cal);
}

/* ------------------------------------------------------------------------
 * The day composite cls.tagraxofusp_day
 * ------------------------------------------------------------------------ */

#define DAY_FIXED_COLS	20		/* columns before the rule statuses */
/* after the statuses: transaminases_held, then (0.3.0) the creatinine
 * clearance the creatinine rule used and whether it was estimated */
#define DAY_HELD_COL	(DAY_FIXED_COLS + CLS_TGX__COUNT)
#define DAY_NCOLS		(DAY_HELD_COL + 3)

/* rule: detail, for the rules with the given status */
static Datum
rule_details(const cls_tgx_result *r, cls_tgx_status st)
{
	const char *s[CLS_TGX__COUNT];
	int			n = 0;

	for (int i = 0; i < CLS_TGX__COUNT; i++)
		if (r->status[i] == st)
			s[n++] = psprintf("%s: %s", cls_tgx_rule_get((cls_tgx_rule) i)->name,
							  r->detail[i]);
	return text_array(s, n);
}

/*
 * One day as a tuple.  dose_time < 0 (no dose time) and cycle_no < 0 leave
 * those columns NULL (the scalar function).
 */
static HeapTuple
day_tuple(TupleDesc td, const cls_tgx_day *d, bool has_time, bool has_cycle,
		  bool has_cycle_day)
{
	Datum		v[DAY_NCOLS];
	bool		nl[DAY_NCOLS];
	const char *ins[8];
	int			ni;
	const cls_tgx_input *in = &d->in;
	const cls_tgx_result *r = &d->res;
	static const cls_tgx_input_id shown[4] = {
		CLS_TGX_IN_ALBUMIN, CLS_TGX_IN_PRE_CYCLE_ALBUMIN, CLS_TGX_IN_WEIGHT,
		CLS_TGX_IN_PREVIOUS_WEIGHT
	};
	const int64 times[4] = {d->albumin_time, d->pre_cycle_albumin_time,
		d->weight_time, d->previous_weight_time};

	if (td->natts != DAY_NCOLS)
		elog(ERROR, "cls.tagraxofusp_day has %d columns, expected %d", td->natts, DAY_NCOLS);
	memset(nl, 0, sizeof(nl));
	v[0] = cls_time_datum(d->dose_time);
	nl[0] = !has_time;
	v[1] = Int32GetDatum(d->cycle_no);
	nl[1] = !has_cycle;
	v[2] = Int32GetDatum(cls_clamp_int32(d->cycle_day));
	nl[2] = !has_cycle_day;
	v[3] = Int32GetDatum(cls_clamp_int32(d->days_since_first_dose));
	nl[3] = !has_time;
	v[4] = CStringGetTextDatum(cls_tgx_action_name(r->action));
	ni = (int) cls_tgx_instructions(r, ins, 8);
	v[5] = text_array(ins, ni);
	v[6] = BoolGetDatum((r->does & CLS_TGX_DO_ALBUMIN) != 0);
	v[7] = BoolGetDatum((r->does & CLS_TGX_DO_FLUID) != 0);
	v[8] = BoolGetDatum(r->complete);
	v[9] = rule_details(r, CLS_TGX_TRIGGERED);
	v[10] = rule_details(r, CLS_TGX_NOT_EVALUABLE);
	for (int i = 0; i < 4; i++)
	{
		v[11 + 2 * i] = Float8GetDatum(in->val[shown[i]].v);
		nl[11 + 2 * i] = !in->val[shown[i]].has;
		v[12 + 2 * i] = cls_time_datum(times[i]);
		nl[12 + 2 * i] = !has_time || !in->val[shown[i]].has;
	}
	/* 19: hypersensitivity as recorded */
	v[19] = CStringGetTextDatum(cls_tgx_hypersensitivity_name(in->hypersensitivity));
	for (int i = 0; i < CLS_TGX__COUNT; i++)
		v[DAY_FIXED_COLS + i] = CStringGetTextDatum(cls_tgx_status_name(r->status[i]));
	v[DAY_HELD_COL] = BoolGetDatum(r->transaminases_held == 1);
	nl[DAY_HELD_COL] = r->transaminases_held < 0;
	v[DAY_HELD_COL + 1] = Float8GetDatum(r->crcl);
	nl[DAY_HELD_COL + 1] = !r->has_crcl;
	v[DAY_HELD_COL + 2] = BoolGetDatum(r->crcl_estimated);
	nl[DAY_HELD_COL + 2] = !r->has_crcl;
	return heap_form_tuple(td, v, nl);
}

/* ------------------------------------------------------------------------
 * cls.tagraxofusp_check(...): one dose day from named arguments
 * ------------------------------------------------------------------------ */

enum
{
	A_ALBUMIN, A_ALBUMIN_UNIT, A_PRE_ALBUMIN, A_WEIGHT, A_PREV_WEIGHT,
	A_WEIGHT_UNIT, A_SBP, A_HR, A_TEMP, A_TEMP_UNIT, A_CREAT, A_CREAT_UNIT,
	A_CRCL, A_ALT, A_ALT_ULN, A_AST, A_AST_ULN, A_EDEMA, A_FLUID, A_HYPOT,
	A_HYPERSENS, A_CYCLE, A_CYCLE_DAY, A_FIRST, A_HELD, A_AGE, A_SEX, A__COUNT
};

/* their SQL names (src/sql/0.3.0/64_tagraxofusp.sql; layout_pg.h) */
static const char *const check_arg_names[A__COUNT] = {
	[A_ALBUMIN] = "albumin", [A_ALBUMIN_UNIT] = "albumin_unit",
	[A_PRE_ALBUMIN] = "pre_cycle_albumin", [A_WEIGHT] = "weight",
	[A_PREV_WEIGHT] = "previous_weight", [A_WEIGHT_UNIT] = "weight_unit",
	[A_SBP] = "sbp", [A_HR] = "heart_rate", [A_TEMP] = "temperature",
	[A_TEMP_UNIT] = "temperature_unit", [A_CREAT] = "creatinine",
	[A_CREAT_UNIT] = "creatinine_unit", [A_CRCL] = "creatinine_clearance",
	[A_ALT] = "alt", [A_ALT_ULN] = "alt_uln", [A_AST] = "ast",
	[A_AST_ULN] = "ast_uln", [A_EDEMA] = "edema", [A_FLUID] = "fluid_overload",
	[A_HYPOT] = "hypotension", [A_HYPERSENS] = "hypersensitivity",
	[A_CYCLE] = "cycle", [A_CYCLE_DAY] = "cycle_day",
	[A_FIRST] = "first_dose_of_cycle1", [A_HELD] = "transaminases_held",
	[A_AGE] = "age", [A_SEX] = "sex"
};

void
cls_tgx_check_layout(cls_layout_emit emit, void *arg)
{
	for (int i = 0; i < A__COUNT; i++)
		emit(arg, "cls.tagraxofusp_check(float8,text,float8,float8,float8,text,float8,float8,float8,text,float8,text,float8,float8,float8,float8,float8,boolean,boolean,boolean,text,integer,integer,boolean,boolean,float8,text)",
			 i, check_arg_names[i], NULL);
}

/* Convert a value argument into the input slot: missing when NULL, not
 * usable (with the reason) when implausible. */
static void
value_arg(FunctionCallInfo fcinfo, cls_tgx_input *in, cls_tgx_input_id id,
		  int arg, cls_analyte a, int unit_arg, int slot)
{
	cls_conv	conv = {1.0, 1.0, 0.0};
	double		v;
	char	   *problem;

	if (PG_ARGISNULL(arg))
		return;
	if (unit_arg >= 0)
	{
		if (PG_ARGISNULL(unit_arg))
		{
			in->val[id].problem = psprintf("%s unit is NULL", cls_analyte_name(a));
			return;
		}
		if (!cls_pg_unit_arg(fcinfo, unit_arg, a, false, cls_pg_unit_cache(fcinfo, slot), &conv))
		{
			in->val[id].problem = psprintf("%s unit unknown or not valid", cls_analyte_name(a));
			return;
		}
	}
	v = cls_conv_apply(&conv, PG_GETARG_FLOAT8(arg));
	problem = cls_pg_value_problem(a, v);
	if (problem)
	{
		in->val[id].problem = problem;
		return;
	}
	cls_tgx_set(in, id, v);
}

/* ALT/AST as a multiple of the ULN (both in U/L or IU/L) */
static void
xuln_arg(FunctionCallInfo fcinfo, cls_tgx_input *in, cls_tgx_input_id id,
		 int arg, int uln_arg, cls_analyte a, const char *uln_name)
{
	double		v,
				uln = 0;
	char	   *problem,
			   *uln_problem;
	/* an unusable ULN: the error when the query writes it, else unknown */
	int			uln_st = cls_pg_limit_arg(fcinfo, uln_arg, uln_name, false, true,
										  &uln, &uln_problem);

	if (PG_ARGISNULL(arg))
		return;
	v = PG_GETARG_FLOAT8(arg);
	problem = cls_pg_value_problem(a, v);
	if (problem)
	{
		in->val[id].problem = problem;
		return;
	}
	if (uln_st < 0)
	{
		in->val[id].problem = uln_problem;
		return;
	}
	/* one ULN rule for the check and the monitor (the core's) */
	cls_tgx_set_x_uln(in, id, cls_tgx_x_uln(v, uln_st > 0 ? uln : NAN));
}

static int
flag_arg(FunctionCallInfo fcinfo, int arg)
{
	if (PG_ARGISNULL(arg))
		return -1;
	return PG_GETARG_BOOL(arg) ? 1 : 0;
}

static int
hypersensitivity_arg(text *t)
{
	char	   *s = text_to_cstring(t);
	int			h = cls_tgx_hypersensitivity_from_name(s, strlen(s));

	if (h == -2)
		cls_pg_bad_arg("hypersensitivity", cls_pg_clip(s),
					   "The label grades a hypersensitivity reaction as mild or moderate (withhold until resolution) or severe or life-threatening (discontinue permanently).",
					   "Pass 'none', 'mild', 'moderate', 'severe' or 'life-threatening', or NULL when not recorded.");
	return h;
}

/*
 * The patient's age (years) and sex, for the Cockcroft-Gault estimate of
 * CrCl.  An implausible age or an unknown sex is, when the query writes it,
 * the 22023 error; from the rows, the estimate is not made and the
 * creatinine rule's detail says why (data: no error).
 */
static bool
age_of_arg(FunctionCallInfo fcinfo, int arg, double *age)
{
	*age = PG_GETARG_FLOAT8(arg);
	if (cls_tgx_age_problem(*age) == NULL)
		return true;
	if (cls_pg_arg_in_query(fcinfo, arg))
		cls_pg_bad_arg("age", psprintf("%g", *age),
					   "The age is the patient's age in years at the dose, a number from 0 to 125; creatinine clearance is estimated (Cockcroft-Gault) from age 18.",
					   "Pass NULL when the age is unknown: without a measured creatinine clearance the creatinine rule is then not evaluable.");
	return false;
}

static void
age_arg(FunctionCallInfo fcinfo, int arg, cls_tgx_input *in)
{
	double		age;

	if (arg >= PG_NARGS() || PG_ARGISNULL(arg))	/* the 0.2.0 form has none */
		return;
	if (!age_of_arg(fcinfo, arg, &age))
	{
		in->age.problem = psprintf("age %g is not a number of years between 0 and 125", age);
		return;
	}
	cls_tgx_set_age(in, age);
}

static int
sex_of_text(FunctionCallInfo fcinfo, int arg)
{
	text	   *t = PG_GETARG_TEXT_PP(arg);
	int			sex = cls_tgx_sex_from_name(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));

	if (sex == CLS_TGX_SEX_BAD && cls_pg_arg_in_query(fcinfo, arg))
		cls_pg_bad_arg("sex", cls_pg_clip(text_to_cstring(t)),
					   "Cockcroft-Gault multiplies the creatinine clearance of women by 0.85.",
					   "Pass 'F' or 'M' ('female', 'male', or the OMOP gender_concept_id 8532 or 8507 as text), or NULL when unknown.");
	return sex;
}

static void
sex_arg(FunctionCallInfo fcinfo, int arg, cls_tgx_input *in)
{
	if (arg >= PG_NARGS() || PG_ARGISNULL(arg))
		return;
	in->sex = sex_of_text(fcinfo, arg);
	if (in->sex == CLS_TGX_SEX_BAD)
		in->sex_problem = psprintf("sex \"%s\" is none of F, M, female, male, 8532, 8507",
								   cls_pg_clip(text_to_cstring(PG_GETARG_TEXT_PP(arg))));
}

PG_FUNCTION_INFO_V1(cls_tagraxofusp_check);
Datum
cls_tagraxofusp_check(PG_FUNCTION_ARGS)
{
	cls_tgx_day d;
	TupleDesc	td;
	bool		has_cycle = !PG_ARGISNULL(A_CYCLE);
	bool		has_day = !PG_ARGISNULL(A_CYCLE_DAY);

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	memset(&d, 0, sizeof(d));
	cls_tgx_input_init(&d.in);

	if (has_cycle && PG_GETARG_INT32(A_CYCLE) < 1)
		cls_pg_bad_arg("cycle", psprintf("%d", PG_GETARG_INT32(A_CYCLE)),
					   "Cycles are numbered from 1.", "Pass NULL when the cycle is unknown.");
	if (has_day && PG_GETARG_INT32(A_CYCLE_DAY) < 1)
		cls_pg_bad_arg("cycle_day", psprintf("%d", PG_GETARG_INT32(A_CYCLE_DAY)),
					   "A dose is given on cycle day 1 or later (day 1 is the date of the cycle's first dose).",
					   "Pass NULL when the cycle day is unknown.");

	value_arg(fcinfo, &d.in, CLS_TGX_IN_ALBUMIN, A_ALBUMIN, CLS_A_ALBUMIN, A_ALBUMIN_UNIT, 0);
	value_arg(fcinfo, &d.in, CLS_TGX_IN_PRE_CYCLE_ALBUMIN, A_PRE_ALBUMIN, CLS_A_ALBUMIN, A_ALBUMIN_UNIT, 0);
	value_arg(fcinfo, &d.in, CLS_TGX_IN_WEIGHT, A_WEIGHT, CLS_A_WEIGHT, A_WEIGHT_UNIT, 1);
	value_arg(fcinfo, &d.in, CLS_TGX_IN_PREVIOUS_WEIGHT, A_PREV_WEIGHT, CLS_A_WEIGHT, A_WEIGHT_UNIT, 1);
	value_arg(fcinfo, &d.in, CLS_TGX_IN_SBP, A_SBP, CLS_A_SBP, -1, 0);
	value_arg(fcinfo, &d.in, CLS_TGX_IN_HEART_RATE, A_HR, CLS_A_HEART_RATE, -1, 0);
	value_arg(fcinfo, &d.in, CLS_TGX_IN_TEMPERATURE, A_TEMP, CLS_A_TEMPERATURE, A_TEMP_UNIT, 2);
	value_arg(fcinfo, &d.in, CLS_TGX_IN_CREATININE, A_CREAT, CLS_A_CREATININE, A_CREAT_UNIT, 3);
	if (!PG_ARGISNULL(A_CRCL))
	{
		double		cl = PG_GETARG_FLOAT8(A_CRCL);
		const char *p = cls_tgx_crcl_problem(cl);

		if (p)
			d.in.val[CLS_TGX_IN_CRCL].problem = p;
		else
			cls_tgx_set(&d.in, CLS_TGX_IN_CRCL, cl);
	}
	xuln_arg(fcinfo, &d.in, CLS_TGX_IN_ALT_X_ULN, A_ALT, A_ALT_ULN, CLS_A_ALT, "alt_uln");
	xuln_arg(fcinfo, &d.in, CLS_TGX_IN_AST_X_ULN, A_AST, A_AST_ULN, CLS_A_AST, "ast_uln");
	d.in.edema = flag_arg(fcinfo, A_EDEMA);
	d.in.fluid_overload = flag_arg(fcinfo, A_FLUID);
	d.in.hypotension = flag_arg(fcinfo, A_HYPOT);
	d.in.hypersensitivity = PG_ARGISNULL(A_HYPERSENS) ? -1 :
		hypersensitivity_arg(PG_GETARG_TEXT_PP(A_HYPERSENS));
	d.cycle_no = has_cycle ? PG_GETARG_INT32(A_CYCLE) : 0;
	d.cycle_day = has_day ? PG_GETARG_INT32(A_CYCLE_DAY) : 0;
	d.in.cycle_day = d.cycle_day;
	d.in.first_dose_of_cycle1 = cls_tgx_first_dose_of_cycle1(flag_arg(fcinfo, A_FIRST),
															 d.cycle_no, d.cycle_day);
	d.in.transaminases_held = flag_arg(fcinfo, A_HELD);
	age_arg(fcinfo, A_AGE, &d.in);
	sex_arg(fcinfo, A_SEX, &d.in);

	cls_tgx_evaluate(&d.in, &d.res);
	PG_RETURN_DATUM(HeapTupleGetDatum(day_tuple(BlessTupleDesc(td), &d, false,
												has_cycle, has_day)));
}

/* ------------------------------------------------------------------------
 * cls.tagraxofusp_monitor / cls.tagraxofusp_summary aggregates
 *   (ts, code, value, unit, ref_high, dose)
 * ------------------------------------------------------------------------ */

/* per-call-site unit caches, one per analyte (fn_extra of the transition
 * function), so that alternating analytes do not thrash one cache */
static cls_unit_cache *
unit_cache_for(FunctionCallInfo fcinfo, cls_analyte a)
{
	cls_unit_cache *c = (cls_unit_cache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
							   CLS_A__COUNT * sizeof(cls_unit_cache));
		cls_pg_unit_cache_init(c, CLS_A__COUNT);
		fcinfo->flinfo->fn_extra = c;
	}
	return &c[a];
}

typedef enum
{
	CODE_TEXT_UNIT_TEXT,
	CODE_INT_UNIT_TEXT,
	CODE_INT_UNIT_INT
} row_form;

#define SF_AGE	7
#define SF_SEX	8

/*
 * The forms of the transition function (state included in the count):
 * 7 arguments (ts .. dose), 9 (+ age, sex), and either with a trailing
 * time_zone (8, 10; timestamptz only).
 */
static inline bool
sf_has_zone(FunctionCallInfo fcinfo)
{
	return PG_NARGS() == 8 || PG_NARGS() == 10;
}

static inline bool
sf_has_patient(FunctionCallInfo fcinfo)
{
	return PG_NARGS() >= 9;
}

/*
 * One WARNING per cause and statement for an age or sex from the rows that
 * cls cannot use (the dose's creatinine rule then says why).
 */
static void
warn_patient_once(int cause, const char *what, const char *value)
{
	static TimestampTz stmt[2];
	TimestampTz now = GetCurrentStatementStartTimestamp();

	if (stmt[cause] == now)
		return;
	stmt[cause] = now;
	ereport(WARNING,
			(errmsg("%s \"%s\" of some dose rows is not usable", what, cls_pg_clip(value)),
			 errdetail("cls estimates creatinine clearance (Cockcroft-Gault) from an age of 0 to 125 years (adults: 18 or older) and a sex of F, M, female, male, 8532 or 8507; these doses' creatinine rule is not evaluable without a measured creatinine clearance."),
			 errhint("Compute the age at the dose from person.year_of_birth and pass person.gender_concept_id::text as sex.")));
}

/* age and sex of a dose row, kept as observations at the dose time (a
 * value cls cannot use as -1: the rule says why) */
static void
dose_patient(FunctionCallInfo fcinfo, cls_obs_buf *s, TimestampTz t)
{
	if (!PG_ARGISNULL(SF_AGE))
	{
		double		age;

		if (!age_of_arg(fcinfo, SF_AGE, &age))
		{
			warn_patient_once(0, "age", psprintf("%g", age));
			age = -1;
		}
		cls_obs_buf_append(s, t, age, CLS_KIND_AGE);
	}
	if (!PG_ARGISNULL(SF_SEX))
	{
		int			sex = sex_of_text(fcinfo, SF_SEX);

		if (sex == CLS_TGX_SEX_BAD)
			warn_patient_once(1, "sex", text_to_cstring(PG_GETARG_TEXT_PP(SF_SEX)));
		cls_obs_buf_append(s, t, sex == CLS_TGX_SEX_BAD ? -1 : sex, CLS_KIND_SEX);
	}
}

static Datum
tgx_sfunc(FunctionCallInfo fcinfo, row_form form)
{
	cls_obs_buf *s = state_get(fcinfo);
	TimestampTz t;
	int32		kind = -1;
	cls_analyte a = CLS_A_NONE;
	double		v;
	cls_conv	conv;

	/* args: 1 ts, 2 code, 3 value, 4 unit, 5 ref_high, 6 dose[, 7 age,
	 * 8 sex][, time_zone] */
	if (sf_has_zone(fcinfo))
	{
		text	   *zone = zone_arg(fcinfo, PG_NARGS() - 1);

		if (*state_zone(s) == NULL)
		{
			cls_calendar cal;

			/* an unknown zone (any longer than STATE_ZONE_MAX is): the
			 * error on the group's first row */
			cls_pg_calendar_for(CLS_PG_TSTZ, zone, "time_zone", &cal);
		}
		state_set_zone(s, zone);
	}
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(s);
	t = PG_GETARG_TIMESTAMPTZ(1);
	if (!usable_time(t))
		PG_RETURN_POINTER(s);
	if (!PG_ARGISNULL(6) && PG_GETARG_BOOL(6))
	{
		cls_obs_buf_append(s, t, 0, CLS_KIND_DOSE);
		/* the patient's age and sex as the dose row gives them */
		if (sf_has_patient(fcinfo))
			dose_patient(fcinfo, s, t);
		PG_RETURN_POINTER(s);
	}
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_POINTER(s);
	v = PG_GETARG_FLOAT8(3);
	if (isnan(v) || isinf(v))
		PG_RETURN_POINTER(s);

	/* an analyte, or (text codes) the word of a recorded finding */
	if (form == CODE_TEXT_UNIT_TEXT)
	{
		text	   *code = PG_GETARG_TEXT_PP(2);

		kind = cls_obs_kind_from_code(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	}
	else
		kind = (int32) cls_analyte_from_int(PG_GETARG_INT64(2));

	if (kind >= CLS_A__COUNT)
	{
		/* recorded flags, severity and CrCl: the unit is not read */
		if (cls_tgx_finding_value(kind, v, &v))
			cls_obs_buf_append(s, t, v, kind);
		PG_RETURN_POINTER(s);
	}
	a = (cls_analyte) kind;
	if (cls_tgx_kind_of_analyte(a) < 0)
		PG_RETURN_POINTER(s);	/* an analyte the rules do not use */
	/* a NULL unit: the row is ignored (cls never guesses a unit) */
	if (PG_ARGISNULL(4))
		PG_RETURN_POINTER(s);
	/* a unit cls cannot use: the error when the query writes it, else a
	 * warning and the row is ignored */
	if (!cls_pg_unit_arg(fcinfo, 4, a, form == CODE_INT_UNIT_INT,
						 unit_cache_for(fcinfo, a), &conv))
		PG_RETURN_POINTER(s);
	v = cls_conv_apply(&conv, v);
	if (cls_value_check(a, v) != CLS_VALUE_OK)
		PG_RETURN_POINTER(s);	/* implausible: ignored (README) */

	if (a == CLS_A_ALT || a == CLS_A_AST)
	{
		/* stored as a multiple of the row's own ULN (ref_high, same unit);
		 * -1 when the ULN is missing or unusable (the core's rule; a
		 * buffered value is always finite, obs_pg.h) */
		double		uln = PG_ARGISNULL(5) ? NAN : cls_conv_apply(&conv, PG_GETARG_FLOAT8(5));

		cls_obs_buf_append(s, t, cls_tgx_x_uln(v, uln), cls_tgx_kind_of_analyte(a));
	}
	else
		cls_obs_buf_append(s, t, v, (int32) a);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cls_tgx_sfunc_text);
Datum
cls_tgx_sfunc_text(PG_FUNCTION_ARGS)
{
	return tgx_sfunc(fcinfo, CODE_TEXT_UNIT_TEXT);
}

PG_FUNCTION_INFO_V1(cls_tgx_sfunc_int);
Datum
cls_tgx_sfunc_int(PG_FUNCTION_ARGS)
{
	return tgx_sfunc(fcinfo, CODE_INT_UNIT_TEXT);
}

PG_FUNCTION_INFO_V1(cls_tgx_sfunc_omop);
Datum
cls_tgx_sfunc_omop(PG_FUNCTION_ARGS)
{
	return tgx_sfunc(fcinfo, CODE_INT_UNIT_INT);
}

typedef struct series
{
	const cls_obs *obs;
	size_t		n;
	int64	   *doses;
	size_t		nd;
	cls_cycle  *cycles;
	size_t		nc;
	cls_tgx_day *days;
	const cls_calendar *cal;	/* NULL: the times' own (UTC) dates */
} series;

/* false when the group has no dose; cal: where the calendar of the
 * state's time_zone is built (the dates of a timestamp, or of UTC, without
 * one) */
static bool
series_eval(FunctionCallInfo fcinfo, cls_obs_buf *s, series *sr,
			cls_calendar *cal)
{
	text	   *zone = *state_zone(s);

	sr->cal = NULL;
	if (zone != NULL)
	{
		cls_pg_calendar_for(cls_pg_result_time_kind(fcinfo), zone, "time_zone", cal);
		if (cal->utc_offset)
			sr->cal = cal;
	}
	sr->obs = state_sorted(s);
	sr->n = s->count;
	sr->nd = doses_of(sr->obs, sr->n, &sr->doses);
	if (sr->nd == 0)
		return false;
	sr->cycles = huge_alloc(sr->nd, sizeof(cls_cycle), "doses");
	sr->nc = cls_cycles_build(sr->cal, sr->doses, sr->nd, sr->cycles);
	sr->days = huge_alloc(sr->nd, sizeof(cls_tgx_day), "doses");
	/* the evaluation of a dose looks back at most 7 days of observations */
	CHECK_FOR_INTERRUPTS();
	cls_tgx_series(sr->cal, sr->obs, sr->n, sr->doses, sr->nd, sr->cycles, sr->nc, sr->days);
	return true;
}

PG_FUNCTION_INFO_V1(cls_tgx_monitor_final);
Datum
cls_tgx_monitor_final(PG_FUNCTION_ARGS)
{
	series		sr;
	cls_calendar cal;
	TupleDesc	td;
	Datum	   *elems;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!series_eval(fcinfo, (cls_obs_buf *) PG_GETARG_POINTER(0), &sr, &cal))
		PG_RETURN_NULL();
	td = array_elem_tupdesc(fcinfo);
	elems = huge_alloc(sr.nd, sizeof(Datum), "doses");
	for (size_t i = 0; i < sr.nd; i++)
	{
		CHECK_FOR_INTERRUPTS();
		elems[i] = HeapTupleGetDatum(day_tuple(td, &sr.days[i], true, true, true));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, (int) sr.nd, td->tdtypeid, -1, false, TYPALIGN_DOUBLE));
}

#define CYCLE_NCOLS 14

PG_FUNCTION_INFO_V1(cls_tgx_summary_final);
Datum
cls_tgx_summary_final(PG_FUNCTION_ARGS)
{
	series		sr;
	cls_calendar cal;
	TupleDesc	td;
	Datum	   *elems;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!series_eval(fcinfo, (cls_obs_buf *) PG_GETARG_POINTER(0), &sr, &cal))
		PG_RETURN_NULL();
	td = array_elem_tupdesc(fcinfo);
	if (td->natts != CYCLE_NCOLS)
		elog(ERROR, "cls.tagraxofusp_cycle has %d columns, expected %d", td->natts, CYCLE_NCOLS);
	elems = huge_alloc(sr.nc, sizeof(Datum), "cycles");
	for (size_t c = 0; c < sr.nc; c++)
	{
		cls_tgx_cycle_summary sm;
		Datum		v[CYCLE_NCOLS];
		bool		nl[CYCLE_NCOLS];
		StringInfoData js;
		bool		any = false;

		CHECK_FOR_INTERRUPTS();
		cls_tgx_cycle_summarize(sr.cal, sr.obs, sr.n, sr.cycles, sr.nc, c, sr.days, &sm);
		memset(nl, 0, sizeof(nl));
		v[0] = Int32GetDatum(sm.cycle_no);
		v[1] = cls_time_datum(sm.start);
		v[2] = Int32GetDatum(sm.n_doses);
		v[3] = Float8GetDatum(sm.pre_cycle_albumin);
		nl[3] = !sm.has_pre_cycle_albumin;
		if (sm.first_trigger >= 0)
		{
			const cls_tgx_day *d = &sr.days[sm.first_trigger];

			v[4] = cls_time_datum(d->dose_time);
			v[5] = Int32GetDatum(cls_clamp_int32(d->cycle_day));
			v[6] = Int32GetDatum(cls_clamp_int32(d->days_since_first_dose));
			v[7] = rule_details(&d->res, CLS_TGX_TRIGGERED);
		}
		else
			nl[4] = nl[5] = nl[6] = nl[7] = true;
		v[8] = Int32GetDatum(sm.days_held);
		v[9] = Int32GetDatum(sm.days_incomplete);
		v[10] = Float8GetDatum(sm.lowest_albumin);
		nl[10] = !sm.has_lowest_albumin;
		v[11] = cls_time_datum(sm.lowest_albumin_time);
		nl[11] = !sm.has_lowest_albumin;
		v[12] = Int16GetDatum((int16) sm.worst_grade);
		nl[12] = sm.worst_grade < 0;
		initStringInfo(&js);
		appendStringInfoChar(&js, '{');
		for (int r = 0; r < CLS_TGX__COUNT; r++)
			if (sm.triggers[r] > 0)
			{
				appendStringInfo(&js, "%s\"%s\": %d", any ? ", " : "",
								 cls_tgx_rule_get((cls_tgx_rule) r)->name, sm.triggers[r]);
				any = true;
			}
		appendStringInfoChar(&js, '}');
		v[13] = DirectFunctionCall1(jsonb_in, CStringGetDatum(js.data));
		elems[c] = HeapTupleGetDatum(heap_form_tuple(td, v, nl));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, (int) sr.nc, td->tdtypeid, -1, false, TYPALIGN_DOUBLE));
}

/* ------------------------------------------------------------------------
 * cls.tagraxofusp_rules(): the rules table
 * ------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(cls_tagraxofusp_rules);
Datum
cls_tagraxofusp_rules(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	size_t		n;
	const cls_tgx_rule_info *ri = cls_tgx_rules(&n);

	InitMaterializedSRF(fcinfo, 0);
	for (size_t i = 0; i < n; i++)
	{
		Datum		v[9];
		bool		nl[9] = {false, false, false, false, false, false, false, false, false};
		const char *does[4];
		int			nd = 0;

		for (unsigned bit = CLS_TGX_DO_ALBUMIN; bit <= CLS_TGX_DO_STEROID; bit <<= 1)
			if (ri[i].does & bit)
				does[nd++] = cls_tgx_do_name(bit);
		v[0] = Int32GetDatum((int32) i + 1);
		v[1] = CStringGetTextDatum(ri[i].name);
		v[2] = CStringGetTextDatum(ri[i].parameter);
		v[3] = CStringGetTextDatum(ri[i].label_criterion);
		v[4] = CStringGetTextDatum(ri[i].label_action);
		v[5] = CStringGetTextDatum(ri[i].cls_trigger);
		v[6] = CStringGetTextDatum(ri[i].cls_resume);
		v[7] = text_array(does, nd);
		v[8] = CStringGetTextDatum(ri[i].source);
		tuplestore_putvalues(rsi->setResult, rsi->setDesc, v, nl);
	}
	return (Datum) 0;
}
