/*
 * triad_agg_pg.c -- SQL glue of the long-form triad aggregates
 * cls.triad_agg and cls.triad_timeline, and the triad state that
 * cls.triad_episodes keeps inside its own (triad_pg.h).  The evaluation is
 * the core's (src/core/triad.c).
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
	/* cls_triad_uses of the default criteria, per analyte and (last)
	 * edema: every state of a call site without a criteria argument has
	 * them, so a row needs no look at its state's criteria */
	bool		default_uses[CLS_A__COUNT + 1];
} TriadFnCache;

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
			cls_pg_unit_cache_init(fc->units[i], 4);
		{
			cls_triad_criteria c;

			cls_triad_criteria_default(&c, CLS_PROFILE_TRIAD);
			for (int i = 0; i < CLS_A__COUNT; i++)
				fc->default_uses[i] = cls_triad_uses(&c, i);
			fc->default_uses[CLS_A__COUNT] = cls_triad_uses(&c, CLS_KIND_EDEMA);
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
 * One row into a triad state (triad_pg.h): the arguments TA_TS .. of the
 * caller's transition function, nargs of them counting the state.
 */
void *
cls_triad_state_add(FunctionCallInfo fcinfo, void *state, MemoryContext aggctx,
					bool int_code, int nargs)
{
	TriadState *st = (TriadState *) state;
	TriadFnCache *fc;
	int32		a;
	TimestampTz ts;
	double		v;

	if (nargs > TA_CRITERIA)
	{
		Datum		cd;
		Size		len;

		if (PG_ARGISNULL(TA_CRITERIA))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("criteria must not be NULL"),
					 errhint("Pass cls.triad_criteria() or cls.drug_criteria(), or leave the argument out for the default triad criteria.")));
		cd = PG_GETARG_DATUM(TA_CRITERIA);
		len = VARSIZE_ANY(DatumGetPointer(cd));
		if (st == NULL || st->crit_raw_len != len ||
			memcmp(st->crit_raw, DatumGetPointer(cd), len) != 0)
		{
			cls_triad_criteria c;

			cls_triad_criteria_from_datum(cd, &c);
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

	if (nargs > TA_BASELINES)
	{
		double		b[CLS_IN__COUNT];

		if (!PG_ARGISNULL(TA_BASELINES))
			baselines_from_datum(PG_GETARG_DATUM(TA_BASELINES), b);
		state_take_baselines(st, b, !PG_ARGISNULL(TA_BASELINES), PG_ARGISNULL(TA_BASELINES));
	}

	/* rows with NULL time, code or value are ignored */
	if (PG_ARGISNULL(TA_TS) || PG_ARGISNULL(TA_CODE) || PG_ARGISNULL(TA_VALUE))
		return st;

	fc = fn_cache(fcinfo);
	a = int_code ? code_int_analyte(fc, PG_GETARG_INT64(TA_CODE))
		: code_text_analyte(fc, PG_GETARG_TEXT_PP(TA_CODE));
	/* other analytes, and those the criteria do not read, are skipped
	 * before their unit is looked at */
	if (a == CLS_A_NONE)
		return st;
	if (nargs > TA_CRITERIA ? !cls_triad_uses(&st->crit, a) :
		!fc->default_uses[a == CLS_KIND_EDEMA ? CLS_A__COUNT : a])
		return st;

	ts = PG_GETARG_TIMESTAMPTZ(TA_TS);
	v = PG_GETARG_FLOAT8(TA_VALUE);
	if (TIMESTAMP_NOT_FINITE(ts))
	{
		st->n_ignored++;
		return st;
	}
	if (a == CLS_KIND_EDEMA)
	{
		/* edema: 1 = present, 0 = absent; any unit; other values ignored */
		if (v != 0.0 && v != 1.0)
		{
			st->n_ignored++;
			return st;
		}
	}
	else
	{
		cls_conv	conv;

		if (PG_ARGISNULL(TA_UNIT))
		{
			/* no unit: the value cannot be read safely */
			st->n_ignored++;
			return st;
		}
		(void) cls_pg_unit_arg_n(fcinfo, TA_UNIT, (cls_analyte) a, false, fc->units[a], 4, &conv);
		v = cls_conv_apply(&conv, v);
		if (cls_value_check((cls_analyte) a, v) != CLS_VALUE_OK)
		{
			st->n_ignored++;
			return st;
		}
	}
	cls_obs_buf_append(&st->obs, (int64) ts, v, a);
	return st;
}

static Datum
triad_sfunc(FunctionCallInfo fcinfo, bool int_code)
{
	MemoryContext aggctx;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	PG_RETURN_POINTER(cls_triad_state_add(fcinfo,
										  PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0),
										  aggctx, int_code, PG_NARGS()));
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

void *
cls_triad_state_combine(void *left, void *right, MemoryContext aggctx)
{
	TriadState *a = (TriadState *) left;
	TriadState *b = (TriadState *) right;

	if (b == NULL)
		return a;
	if (a == NULL)
	{
		/* copy the right state into the aggregate context */
		a = state_new(aggctx, &b->crit);
	}
	state_append(a, b);
	a->ev_valid = false;
	return a;
}

PG_FUNCTION_INFO_V1(cls_triad_combine);
Datum
cls_triad_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	void	   *a;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	a = cls_triad_state_combine(PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0),
								PG_ARGISNULL(1) ? NULL : PG_GETARG_POINTER(1),
								aggctx);
	if (a == NULL)
		PG_RETURN_NULL();
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

	/* sorted here, in the worker, so that the leader's combine merges */
	state_sort(st);
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
state_evaluate(FunctionCallInfo fcinfo, TriadState *st)
{
	cls_obs_buf *b = &st->obs;
	cls_calendar cal;

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
		cls_triad_calendar(fcinfo, &st->crit, &cal);
		cls_triad_eval_set_calendar(&st->ev, &cal);
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
	state_evaluate(fcinfo, st);
	ev = &st->ev;
	rt = cls_triad_result_types(fcinfo, TS_FIRST_EVIDENCE, false);
	if (rt->td->natts != TS__NATTS)
		elog(ERROR, "cls.triad_summary has an unexpected shape");

	memset(n, 0, sizeof(n));
	v[TS_SUSPECTED_EVER] = BoolGetDatum(ev->suspected_ever);
	v[TS_FIRST_SUSPECTED] = cls_time_datum(ev->first.t);
	n[TS_FIRST_SUSPECTED] = !ev->suspected_ever;
	v[TS_DURATION] = cls_interval_datum(cls_triad_eval_duration(ev));
	v[TS_SIGNS_EVER] = cls_triad_sign_names(ev->signs_ever);
	if (ev->suspected_ever)
		v[TS_FIRST_EVIDENCE] = cls_triad_evidence_array(rt, &st->crit, ev->first.signs,
											  ev->first_ev, true);
	else
		n[TS_FIRST_EVIDENCE] = true;
	if (ev->have_point)
	{
		v[TS_CURRENT_AT] = cls_time_datum(ev->last.t);
		v[TS_CURRENT_SUSPECTED] = BoolGetDatum(ev->last.suspected != 0);
		v[TS_CURRENT_SIGNS] = cls_triad_sign_names(ev->last.signs);
		v[TS_CURRENT_EVIDENCE] = cls_triad_evidence_array(rt, &st->crit, ev->last.signs,
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
	cls_calendar cal;
	cls_triad_point *pts;
	Datum	   *elems;
	size_t		np;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (TriadState *) PG_GETARG_POINTER(0);
	rt = cls_triad_result_types(fcinfo, 0, true);
	state_sort(st);
	pts = cls_alloc_huge(CurrentMemoryContext, st->obs.count,
						 sizeof(cls_triad_point), "timeline points");
	cls_triad_eval_init(&ev, &st->crit, st->baselines);
	cls_triad_calendar(fcinfo, &st->crit, &cal);
	cls_triad_eval_set_calendar(&ev, &cal);
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
		pv[3] = cls_triad_sign_names(pts[i].signs);
		elems[i] = HeapTupleGetDatum(heap_form_tuple(rt->pt_td, pv, pn));
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_POINTER(construct_array(elems, (int) np, rt->pt_type, -1, false,
									  TYPALIGN_DOUBLE));
}

