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
 * State: the observations in one packed (time, value) stream per kind of
 * observation held (src/core/pack.h, obs_pg.h; the analyte is the
 * stream's, so a warehouse observation takes 8 bytes), collected in any
 * order; the final function decodes the streams into a work array,
 * merging their sorted runs (rows in time order: one run per stream).
 * Used as a window aggregate (the final function called after every row),
 * the state also keeps the decoded observations, how far each stream has
 * been decoded and the evaluator of the sorted prefix, so that each call
 * decodes and evaluates only what is new.
 */
#define TRIAD_KINDS		(CLS_A__COUNT + 1)	/* the analytes, then edema */

/* a stream: obs_pg.h cls_obs_stream (analyte: a cls analyte or
 * CLS_KIND_EDEMA) */
typedef cls_obs_stream TriadStream;

/* window use only: the decoded, sorted observations and their evaluation */
typedef struct TriadWindow
{
	cls_obs_buf obs;
	cls_pack_cursor cur[TRIAD_KINDS];	/* per stream: what obs holds */
	int			ncur;			/* streams whose cursor is set */
	bool		ev_valid;		/* ev is of obs.items[0..ev.next) */
	cls_triad_eval ev;
} TriadWindow;

typedef struct TriadState
{
	MemoryContext mcxt;
	cls_triad_criteria crit;
	double		baselines[CLS_IN__COUNT];	/* NaN: derive / none */
	bool		base_given;
	bool		base_null;		/* a row passed NULL baselines */
	int64		n_ignored;
	Size		count;			/* observations held, all streams */
	int8		slot[TRIAD_KINDS];	/* stream of a kind; -1: none yet */
	int			nstreams;
	TriadStream *streams;		/* NULL until the first observation */
	/* raw bytes of the last criteria datum seen, to skip re-parsing */
	Size		crit_raw_len;
	char	   *crit_raw;
	TriadWindow *win;			/* NULL unless used as a window aggregate */
} TriadState;

/*
 * Serialized state: this header (version word first), then uint32 the
 * number of streams, then per stream int32 its analyte and the stream
 * (obs_pg.h cls_pg_pack_write), packed as it is.  The version word is this
 * format's own ("CLSt"; "CLST" was the 24-byte observations of 0.2.0), so
 * that no other cls state passes for a triad state.
 */
#define TRIAD_SERIAL_VERSION	0x434c5374	/* "CLSt" */
typedef struct TriadSerialHeader
{
	uint32		version;
	uint32		base_given;		/* 0 none, 1 given, 2 NULL given */
	int64		n_ignored;
	cls_triad_criteria crit;
	double		baselines[CLS_IN__COUNT];
} TriadSerialHeader;

#define TRIAD_WHAT	"cls triad aggregate"

static inline int
kind_index(int32 a)
{
	return a == CLS_KIND_EDEMA ? CLS_A__COUNT : (int) a;
}

static TriadState *
state_new(MemoryContext mcxt, const cls_triad_criteria *c)
{
	TriadState *st = MemoryContextAllocZero(mcxt, sizeof(TriadState));

	st->mcxt = mcxt;
	st->crit = *c;
	for (int i = 0; i < CLS_IN__COUNT; i++)
		st->baselines[i] = NAN;
	memset(st->slot, -1, sizeof(st->slot));
	return st;
}

/* The stream of kind a (0 .. CLS_A__COUNT - 1 or CLS_KIND_EDEMA), new and
 * empty when the state has none yet. */
static cls_pack *
state_stream(TriadState *st, int32 a)
{
	int			k = kind_index(a);

	if (likely(st->slot[k] >= 0))
		return &st->streams[st->slot[k]].p;
	if (st->streams == NULL)
		st->streams = MemoryContextAlloc(st->mcxt, 4 * sizeof(TriadStream));
	else if (st->nstreams >= 4 && (st->nstreams & (st->nstreams - 1)) == 0)
		st->streams = repalloc(st->streams, 2 * st->nstreams * sizeof(TriadStream));
	st->streams[st->nstreams].analyte = a;
	cls_pack_init(&st->streams[st->nstreams].p, true);
	st->slot[k] = (int8) st->nstreams;
	return &st->streams[st->nstreams++].p;
}

static inline void
state_put(TriadState *st, int64 t, double v, int32 a)
{
	/* a negative zero is stored as +0 (the same number), so that the
	 * total order cannot tell two equal rows apart */
	cls_pg_pack_put(st->mcxt, state_stream(st, a), t, v + 0.0);
	st->count++;
}

/* Every observation of the state, sorted (cls_obs_sort order), in a new
 * array in mcxt (obs_pg.h cls_obs_streams_sorted). */
static cls_obs *
state_decode(const TriadState *st, MemoryContext mcxt)
{
	return cls_obs_streams_sorted(st->streams, st->nstreams, st->count, mcxt);
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
			if (st->win)
				st->win->ev_valid = false;
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
	state_put(st, (int64) ts, v, a);
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
	for (int i = 0; i < src->nstreams; i++)
		cls_pg_pack_append(dst->mcxt, state_stream(dst, src->streams[i].analyte),
						   &src->streams[i].p);
	dst->count += src->count;
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
	if (a->win)
		a->win->ev_valid = false;
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
	cls_pg_pack_serial_check(cls_triad_state_serial_size(st), "cls.triad_agg");
	cls_obs_serial_begin(&buf, cls_triad_state_serial_size(st), NULL,
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
cls_triad_state_serial_size(void *state)
{
	TriadState *st = (TriadState *) state;
	Size		len = sizeof(TriadSerialHeader) + sizeof(uint32);

	for (int i = 0; i < st->nstreams; i++)
		len += sizeof(int32) + cls_pg_pack_serial_size(&st->streams[i].p);
	return len;
}

void
cls_triad_state_write(StringInfo buf, void *state)
{
	TriadState *st = (TriadState *) state;
	TriadSerialHeader h;
	uint32		ns = (uint32) st->nstreams;

	/* the streams as they are: the leader's final sorts */
	state_header(st, &h);
	appendBinaryStringInfo(buf, (const char *) &h, sizeof(h));
	appendBinaryStringInfo(buf, (const char *) &ns, sizeof(ns));
	for (int i = 0; i < st->nstreams; i++)
	{
		appendBinaryStringInfo(buf, (const char *) &st->streams[i].analyte, sizeof(int32));
		cls_pg_pack_write(buf, &st->streams[i].p);
	}
}

void *
cls_triad_state_read(StringInfo r, MemoryContext mcxt)
{
	TriadSerialHeader h;
	TriadState *st;
	const char *msg;
	int			field;
	uint32		ns;

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
	cls_obs_serial_read(r, &ns, sizeof(ns), TRIAD_WHAT);
	if (ns > TRIAD_KINDS)
		cls_obs_bad_state(TRIAD_WHAT, "too many streams");
	for (uint32 i = 0; i < ns; i++)
	{
		int32		a;
		cls_pack   *p;

		cls_obs_serial_read(r, &a, sizeof(a), TRIAD_WHAT);
		/* a kind the triad reads, once */
		if (!((a >= 0 && a < CLS_A__COUNT) || a == CLS_KIND_EDEMA) ||
			st->slot[kind_index(a)] >= 0)
			cls_obs_bad_state(TRIAD_WHAT, psprintf("bad analyte %d", (int) a));
		p = state_stream(st, a);
		/* p->n <= the words read <= the bytes: the sum cannot overflow;
		 * the final function's array is a checked huge allocation */
		cls_pg_pack_read(r, p, true, mcxt, TRIAD_WHAT);
		st->count += p->n;
	}
	return st;
}

void
cls_triad_state_contents(void *state, const cls_obs **obs, size_t *n,
						 cls_triad_criteria *crit, double *baselines)
{
	TriadState *st = (TriadState *) state;

	*obs = state_decode(st, CurrentMemoryContext);
	*n = st->count;
	*crit = st->crit;
	memcpy(baselines, st->baselines, sizeof(st->baselines));
}

/* The evaluation of a new evaluator over every observation (a plain
 * aggregate's final function: called once per group). */
static void
state_evaluate_all(FunctionCallInfo fcinfo, TriadState *st, cls_triad_eval *ev)
{
	cls_calendar cal;
	cls_obs    *obs = state_decode(st, CurrentMemoryContext);

	cls_triad_eval_init(ev, &st->crit, st->baselines);
	cls_triad_calendar(fcinfo, &st->crit, &cal);
	cls_triad_eval_set_calendar(ev, &cal);
	cls_triad_eval_run(ev, obs, st->count, NULL);
	pfree(obs);
}

/*
 * Window use: bring the state's evaluation up to date.  Only the rows
 * added since the previous call are decoded (each stream from where its
 * cursor stands), sorted and evaluated, when they are all later than what
 * was evaluated before (rows arrive in time order); otherwise everything
 * decoded is sorted and evaluated again.  The streams are only read, so
 * the state means the same afterwards.
 */
static const cls_triad_eval *
state_evaluate_window(FunctionCallInfo fcinfo, TriadState *st)
{
	TriadWindow *w = st->win;
	cls_obs_buf *b;
	Size		from;

	if (w == NULL)
	{
		w = st->win = MemoryContextAllocZero(st->mcxt, sizeof(TriadWindow));
		cls_obs_buf_init(&w->obs, st->mcxt);
	}
	b = &w->obs;
	from = b->count;
	for (int i = 0; i < st->nstreams; i++)
	{
		if (i >= w->ncur)
		{
			w->cur[i] = CLS_PACK_START;
			w->ncur = i + 1;
		}
		cls_obs_buf_append_stream(b, &st->streams[i], &w->cur[i]);
	}
	if (b->count > from)
	{
		cls_obs_buf_sort_tail(b, from);
		if (w->ev_valid && w->ev.next == from &&
			cls_triad_eval_can_resume(&w->ev, b->items, b->count))
			b->sorted = true;	/* sorted prefix + later sorted tail */
		else
		{
			(void) cls_obs_buf_sort(b);
			w->ev_valid = false;
		}
	}
	if (!w->ev_valid)
	{
		cls_calendar cal;

		cls_triad_eval_init(&w->ev, &st->crit, st->baselines);
		cls_triad_calendar(fcinfo, &st->crit, &cal);
		cls_triad_eval_set_calendar(&w->ev, &cal);
		w->ev_valid = true;
	}
	cls_triad_eval_run(&w->ev, b->items, b->count, NULL);
	return &w->ev;
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
	cls_triad_eval ev_all;
	Datum		v[TS__NATTS];
	bool		n[TS__NATTS];
	int			how = AggCheckCallContext(fcinfo, NULL);

	if (!how)
		elog(ERROR, "%s called in non-aggregate context", __func__);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (TriadState *) PG_GETARG_POINTER(0);
	if (how == AGG_CONTEXT_WINDOW)
		ev = state_evaluate_window(fcinfo, st);
	else
	{
		state_evaluate_all(fcinfo, st, &ev_all);
		ev = &ev_all;
	}
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
	v[TS_N_USED] = Int64GetDatum((int64) st->count);
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
	cls_obs    *obs;
	Datum	   *elems;
	size_t		np;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (TriadState *) PG_GETARG_POINTER(0);
	rt = cls_triad_result_types(fcinfo, 0, true);
	obs = state_decode(st, CurrentMemoryContext);
	pts = cls_alloc_huge(CurrentMemoryContext, st->count,
						 sizeof(cls_triad_point), "timeline points");
	cls_triad_eval_init(&ev, &st->crit, st->baselines);
	cls_triad_calendar(fcinfo, &st->crit, &cal);
	cls_triad_eval_set_calendar(&ev, &cal);
	np = cls_triad_eval_run(&ev, obs, st->count, pts);
	pfree(obs);
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

