/*
 * episodes_pg.c -- PostgreSQL glue of the episode windows (README: Episode windows):
 * the aggregates cls.eras(...) and cls.state_episodes(...).
 *
 * Both are order-free and parallel safe:
 *  - eras: the state is a list of closed spans kept merged with the gap
 *    tolerance (memory proportional to the number of eras, not rows);
 *    combine is span union, which is associative and commutative;
 *  - state episodes: the state collects the times of active and of
 *    inactive observations in two packed streams (4 bytes each for times
 *    of whole seconds); serialize passes them as they are, combine
 *    appends, the final function decodes and sorts them (natural merge
 *    sort) and builds the episodes (core cls_state_episodes).
 * Final functions never change what a state means (sorting in place keeps
 * the multiset), so both also work as window aggregates.  Serialized states (parallel plans) start with a version
 * word and are checked completely on the way in.
 *
 * Durations are elapsed time: an interval argument becomes microseconds
 * with a day counted as 24 h; a month or year component is an error, since
 * its length would depend on the calendar (and the functions are
 * IMMUTABLE).
 */
#include "cls_pg.h"

#include "catalog/pg_type_d.h"
#include "common/int.h"
#include "miscadmin.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"
#include "utils/datetime.h"
#include "utils/multirangetypes.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "episodes.h"
#include "obs_pg.h"

/* Serialized state versions (the first word of every serialized state). */
#define ERAS_SERIAL_VERSION		0x434c5345	/* "CLSE" */
#define STATE_SERIAL_VERSION	0x434c5373	/* "CLSs": packed streams (was "CLSS") */

/* Kinds of era state: what the int64 values count. */
#define ERAS_KIND_TSTZ	1		/* microseconds (TimestampTz) */
#define ERAS_KIND_DATE	2		/* days (DateADT) */

#define ERAS_MIN_CAP	256

/* the final function builds the episodes over its sorted copy */
StaticAssertDecl(sizeof(cls_span) == sizeof(cls_state_obs),
				 "cls_span and cls_state_obs must have one size");

static MemoryContext
agg_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext ctx;

	if (!AggCheckCallContext(fcinfo, &ctx))
		elog(ERROR, "%s called in non-aggregate context", fn);
	return ctx;
}

/* ------------------------------------------------------------------------
 * Duration arguments
 * ------------------------------------------------------------------------ */

/* An interval argument in microseconds (elapsed time, day = 24 h); 22023
 * for a month/year component, a negative or an out-of-range value. */
static int64
duration_arg(Interval *iv, const char *argname)
{
	int64		us = cls_pg_interval_usecs(argname, iv,
											   "cls measures durations in elapsed time; a month or a year has no fixed length.",
											   "Write the duration in days or hours, e.g. '30 days' or '72 hours'.",
											   "The duration is too large to be counted in microseconds.",
											   NULL);

	if (us < 0)
		cls_pg_bad_arg(argname,
					   DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(iv))),
					   "A duration must not be negative.",
					   "Pass '0' for no tolerance.");
	return us;
}

static void
null_arg(const char *argname)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s must not be NULL", argname),
			 errdetail("The duration arguments of an episode aggregate are part of the query, not the data."),
			 errhint("Pass '0' for no tolerance.")));
}

static void
varying_arg(const char *argname)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s differs between rows of one group", argname),
			 errdetail("An episode aggregate needs one value of %s for the whole group.", argname),
			 errhint("Pass a constant, or group by the column that decides it.")));
}

/* A combine function whose right state is NULL returns its left one (NULL
 * too when both are). */
static Datum
combine_left(FunctionCallInfo fcinfo, void *a)
{
	if (a == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(a);
}

/* ------------------------------------------------------------------------
 * Interval eras
 * ------------------------------------------------------------------------ */

typedef struct ErasState
{
	int32		kind;			/* ERAS_KIND_* */
	cls_eras_acc acc;			/* the core's gap union, gap in the kind's
								 * unit; its buffer in the agg context */
} ErasState;

static ErasState *
eras_new(MemoryContext ctx, int32 kind, int64 gap, Size cap)
{
	ErasState  *st = MemoryContextAllocZero(ctx, sizeof(ErasState));

	st->kind = kind;
	st->acc.gap = gap;
	st->acc.cap = Max(cap, ERAS_MIN_CAP);
	st->acc.spans = cls_realloc_huge(ctx, NULL, st->acc.cap, sizeof(cls_span), "era intervals");
	return st;
}

/* Double the room of the buffer. */
static void
eras_grow(MemoryContext ctx, ErasState *st)
{
	st->acc.spans = cls_realloc_huge(ctx, st->acc.spans, st->acc.cap * 2, sizeof(cls_span),
								"era intervals");
	st->acc.cap *= 2;
}

static pg_attribute_always_inline void
eras_add(MemoryContext ctx, ErasState *st, int64 lower, int64 upper)
{
	while (!cls_eras_add(&st->acc, lower, upper))
		eras_grow(ctx, st);
}

/* One row: NULL lower is ignored, NULL upper is a point, lower > upper is
 * ignored (an impossible interval is a data problem, never an era).
 * Inlined into both transition functions: it is their per-row path. */
static pg_attribute_always_inline Datum
eras_trans_common(FunctionCallInfo fcinfo, int32 kind, int64 lower,
				  int64 upper, bool upper_null, int64 gap)
{
	MemoryContext ctx = agg_context(fcinfo, "cls.eras");
	ErasState  *st = PG_ARGISNULL(0) ? NULL : (ErasState *) PG_GETARG_POINTER(0);

	if (upper_null)
		upper = lower;
	if (st == NULL)
		st = eras_new(ctx, kind, gap, ERAS_MIN_CAP);
	else if (st->acc.gap != gap)
		varying_arg("gap");
	if (lower <= upper)
		eras_add(ctx, st, lower, upper);
	PG_RETURN_POINTER(st);
}

/* The last gap of a call site (fn_extra) and its conversion, so that a
 * constant gap is converted and checked once, not once per row: a row's
 * gap is its microseconds when its bytes are the cached interval's. */
typedef struct ErasGapCache
{
	bool		valid;
	Interval	iv;
	int64		us;
} ErasGapCache;

static int64
eras_gap_arg(FunctionCallInfo fcinfo, Interval *iv)
{
	ErasGapCache *c = (ErasGapCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ErasGapCache));
		fcinfo->flinfo->fn_extra = c;
	}
	if (!c->valid || memcmp(&c->iv, iv, sizeof(Interval)) != 0)
	{
		c->valid = false;
		c->us = duration_arg(iv, "gap");
		memcpy(&c->iv, iv, sizeof(Interval));
		c->valid = true;
	}
	return c->us;
}

PG_FUNCTION_INFO_V1(cls_eras_tstz_trans);
Datum
cls_eras_tstz_trans(PG_FUNCTION_ARGS)
{
	int64		gap;

	if (PG_ARGISNULL(1))
	{
		agg_context(fcinfo, "cls.eras");
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(3))
		null_arg("gap");
	gap = eras_gap_arg(fcinfo, PG_GETARG_INTERVAL_P(3));
	return eras_trans_common(fcinfo, ERAS_KIND_TSTZ, PG_GETARG_TIMESTAMPTZ(1),
							 PG_ARGISNULL(2) ? 0 : PG_GETARG_TIMESTAMPTZ(2),
							 PG_ARGISNULL(2), gap);
}

PG_FUNCTION_INFO_V1(cls_eras_date_trans);
Datum
cls_eras_date_trans(PG_FUNCTION_ARGS)
{
	int32		gap;

	if (PG_ARGISNULL(1))
	{
		agg_context(fcinfo, "cls.eras");
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(3))
		null_arg("gap");
	gap = PG_GETARG_INT32(3);
	if (gap < 0)
	{
		char		buf[16];

		snprintf(buf, sizeof(buf), "%d", gap);
		cls_pg_bad_arg("gap", buf, "A gap tolerance must not be negative.",
					   "Pass 0 for no tolerance.");
	}
	return eras_trans_common(fcinfo, ERAS_KIND_DATE, PG_GETARG_DATEADT(1),
							 PG_ARGISNULL(2) ? 0 : PG_GETARG_DATEADT(2),
							 PG_ARGISNULL(2), gap);
}

PG_FUNCTION_INFO_V1(cls_eras_combine);
Datum
cls_eras_combine(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = agg_context(fcinfo, "cls.eras combine");
	ErasState  *a = PG_ARGISNULL(0) ? NULL : (ErasState *) PG_GETARG_POINTER(0);
	ErasState  *b = PG_ARGISNULL(1) ? NULL : (ErasState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		return combine_left(fcinfo, a);
	if (a == NULL)
	{
		/* copy the right state into the aggregate context */
		a = eras_new(ctx, b->kind, b->acc.gap, b->acc.n * 2);
		cls_copy_interruptible(a->acc.spans, b->acc.spans, b->acc.n * sizeof(cls_span));
		a->acc.n = b->acc.n;
		a->acc.nmerged = b->acc.nmerged;
		PG_RETURN_POINTER(a);
	}
	if (a->kind != b->kind)
		elog(ERROR, "cls.eras: combining states of different kinds");
	if (a->acc.gap != b->acc.gap)
		varying_arg("gap");
	if (a->acc.n + b->acc.n > a->acc.cap)
	{
		Size		cap = Max(a->acc.cap * 2, (a->acc.n + b->acc.n) * 2);

		a->acc.spans = cls_realloc_huge(ctx, a->acc.spans, cap, sizeof(cls_span), "era intervals");
		a->acc.cap = cap;
	}
	cls_copy_interruptible(a->acc.spans + a->acc.n, b->acc.spans, b->acc.n * sizeof(cls_span));
	a->acc.n += b->acc.n;
	if (cls_eras_compact(&a->acc))
		eras_grow(ctx, a);
	PG_RETURN_POINTER(a);
}

/*
 * Serialized era state: uint32 version, int32 kind, int64 gap, int64 n,
 * then n (start, end) pairs, merged.  Native byte order: serialized states
 * only travel between processes of one server (parallel workers).
 */
typedef struct ErasSerialHeader
{
	uint32		version;
	int32		kind;
	int64		gap;
	int64		n;
} ErasSerialHeader;

PG_FUNCTION_INFO_V1(cls_eras_serialize);
Datum
cls_eras_serialize(PG_FUNCTION_ARGS)
{
	ErasState  *st = (ErasState *) PG_GETARG_POINTER(0);
	cls_span   *spans;
	Size		n,
				len;
	ErasSerialHeader h;
	bytea	   *out;

	agg_context(fcinfo, "cls.eras serialize");
	/* merge a copy (the state itself stays as it is) */
	spans = cls_realloc_huge(CurrentMemoryContext, NULL, st->acc.n, sizeof(cls_span), "era intervals");
	cls_copy_interruptible(spans, st->acc.spans, st->acc.n * sizeof(cls_span));
	n = cls_span_union_gap(spans, st->acc.n, st->acc.gap);
	if (n > (MaxAllocSize - VARHDRSZ - sizeof(h)) / sizeof(cls_span))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many eras in one group to pass between parallel workers: %zu", (size_t) n),
				 errhint("Disable parallel query for this statement (SET max_parallel_workers_per_gather = 0).")));
	len = VARHDRSZ + sizeof(h) + n * sizeof(cls_span);
	out = palloc(len);
	SET_VARSIZE(out, len);
	h.version = ERAS_SERIAL_VERSION;
	h.kind = st->kind;
	h.gap = st->acc.gap;
	h.n = (int64) n;
	memcpy(VARDATA(out), &h, sizeof(h));
	cls_copy_interruptible(VARDATA(out) + sizeof(h), spans, n * sizeof(cls_span));
	pfree(spans);
	PG_RETURN_BYTEA_P(out);
}

static void
bad_state(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialized %s state", what)));
}

PG_FUNCTION_INFO_V1(cls_eras_deserialize);
Datum
cls_eras_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	Size		len = VARSIZE_ANY_EXHDR(in);
	const char *p = VARDATA_ANY(in);
	ErasSerialHeader h;
	ErasState  *st;

	agg_context(fcinfo, "cls.eras deserialize");
	if (len < sizeof(h))
		bad_state("cls.eras");
	memcpy(&h, p, sizeof(h));
	if (h.version != ERAS_SERIAL_VERSION ||
		(h.kind != ERAS_KIND_TSTZ && h.kind != ERAS_KIND_DATE) ||
		h.gap < 0 || h.n < 0 ||
		(uint64) h.n > (len - sizeof(h)) / sizeof(cls_span) ||
		len != sizeof(h) + (Size) h.n * sizeof(cls_span))
		bad_state("cls.eras");
	st = eras_new(CurrentMemoryContext, h.kind, h.gap, (Size) h.n * 2);
	cls_copy_interruptible(st->acc.spans, p + sizeof(h), (Size) h.n * sizeof(cls_span));
	st->acc.n = (Size) h.n;
	for (Size i = 0; i < st->acc.n; i++)
	{
		if ((i & 1048575) == 0)
			CHECK_FOR_INTERRUPTS();
		if (st->acc.spans[i].start > st->acc.spans[i].end ||
			(i > 0 && st->acc.spans[i].start <= cls_sat_add(st->acc.spans[i - 1].end, st->acc.gap)))
			bad_state("cls.eras");
	}
	st->acc.nmerged = st->acc.n;
	PG_RETURN_POINTER(st);
}

/* Range type caches kept in fn_extra. */
typedef struct RangeCache
{
	TypeCacheEntry *rng;
	Oid			mrtype;
} RangeCache;

static RangeCache *
range_cache(FunctionCallInfo fcinfo, Oid rngtype, Oid mrtype)
{
	RangeCache *c = (RangeCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL || c->mrtype != mrtype)
	{
		c = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(RangeCache));
		c->rng = lookup_type_cache(rngtype, TYPECACHE_RANGE_INFO);
		if (c->rng->rngelemtype == NULL)
			elog(ERROR, "type %u is not a range type", rngtype);
		c->mrtype = mrtype;
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* A multirange of closed spans [start, end] (values as Datums of the
 * range's element type). */
static MultirangeType *
spans_to_multirange(FunctionCallInfo fcinfo, Oid rngtype, Oid mrtype,
					const cls_span *spans, Size n, bool is_date)
{
	RangeCache *c = range_cache(fcinfo, rngtype, mrtype);
	RangeType **ranges;

	if (n > (Size) PG_INT32_MAX || n > MaxAllocHugeSize / sizeof(RangeType *))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many episodes in one group for a multirange: %zu", (size_t) n)));
	ranges = cls_realloc_huge(CurrentMemoryContext, NULL, n, sizeof(RangeType *), "episodes");
	for (Size i = 0; i < n; i++)
	{
		RangeBound	lo,
					hi;

		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		lo.infinite = hi.infinite = false;
		lo.inclusive = hi.inclusive = true;
		lo.lower = true;
		hi.lower = false;
		if (is_date)
		{
			lo.val = DateADTGetDatum((DateADT) spans[i].start);
			hi.val = DateADTGetDatum((DateADT) spans[i].end);
		}
		else
		{
			/* a time past PostgreSQL's range (a huge hold) is infinity */
			lo.val = cls_time_datum(spans[i].start);
			hi.val = cls_time_datum(spans[i].end);
		}
		ranges[i] = make_range(c->rng, &lo, &hi, false);
	}
	return make_multirange(mrtype, c->rng, (int32) n, ranges);
}

PG_FUNCTION_INFO_V1(cls_eras_final);
Datum
cls_eras_final(PG_FUNCTION_ARGS)
{
	ErasState  *st;
	cls_span   *spans;
	Size		n;
	bool		is_date;

	agg_context(fcinfo, "cls.eras final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (ErasState *) PG_GETARG_POINTER(0);
	if (st->acc.n == 0)
		PG_RETURN_NULL();		/* only impossible intervals: no era */
	is_date = st->kind == ERAS_KIND_DATE;
	/* work on a copy: the state is left as it is (window use) */
	spans = cls_realloc_huge(CurrentMemoryContext, NULL, st->acc.n, sizeof(cls_span), "era intervals");
	cls_copy_interruptible(spans, st->acc.spans, st->acc.n * sizeof(cls_span));
	n = cls_span_union_gap(spans, st->acc.n, st->acc.gap);
	/* the declared result says tstzmultirange, tsmultirange or datemultirange */
	PG_RETURN_MULTIRANGE_P(spans_to_multirange(fcinfo, cls_pg_range_type(cls_pg_result_time_kind(fcinfo)),
											   cls_pg_multirange_type(cls_pg_result_time_kind(fcinfo)),
											   spans, n, is_date));
}

/* ------------------------------------------------------------------------
 * State episodes
 * ------------------------------------------------------------------------ */

/*
 * The state keeps the times of the active observations and those of the
 * inactive ones as two packed time streams (src/core/pack.h, obs_pg.h): 4
 * bytes per observation whose time is a whole number of seconds after the
 * previous time of its stream (every warehouse row), 12 otherwise; the
 * flag is which stream.  Each stream knows whether it is non-decreasing:
 * combine appends, and the final function decodes both and sorts each with
 * the natural merge sort (a few linear passes over the sorted runs of rows
 * in time order or of combined states).
 */
typedef struct StateEpState
{
	cls_state_params p;
	Interval	iv[3];			/* the interval arguments p was computed
								 * from: a row repeating them (a constant)
								 * skips their conversion */
	cls_pack	act;			/* times of active observations */
	cls_pack	inact;			/* times of inactive observations */
} StateEpState;

static StateEpState *
state_new(MemoryContext ctx, const cls_state_params *p)
{
	StateEpState *st = MemoryContextAllocZero(ctx, sizeof(StateEpState));

	st->p = *p;
	cls_pack_init(&st->act, false);
	cls_pack_init(&st->inact, false);
	/* iv[] all zero: no cached argument (a zero interval converts to 0
	 * anyway, so a match on it is right too) */
	return st;
}

static void
check_params(const StateEpState *st, const cls_state_params *p)
{
	if (st->p.max_gap != p->max_gap)
		varying_arg("max_gap");
	if (st->p.hold != p->hold)
		varying_arg("hold");
	if (st->p.min_duration != p->min_duration)
		varying_arg("min_duration");
}

/*
 * The interval arguments of a call site (fn_extra): those of its first
 * converted row, and whether any row since passed others.  Until one does,
 * every state of the call site was made with them, so a row that repeats
 * them needs no look at its state's copy (a cache line less per row).
 */
typedef struct StateArgsCache
{
	bool		valid;
	bool		varied;
	Interval	iv[3];
	cls_state_params p;
} StateArgsCache;

static inline StateArgsCache *
state_args_cache(FunctionCallInfo fcinfo)
{
	StateArgsCache *c = (StateArgsCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(StateArgsCache));
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* Whether two intervals have the same fields (the same bytes). */
static inline bool
interval_same(const Interval *a, const Interval *b)
{
	return a->time == b->time && a->day == b->day && a->month == b->month;
}

/* Whether the row's niv (2 or 3) interval arguments (3 ..) are iv[]. */
static inline bool
state_args_equal(const Interval *iv, FunctionCallInfo fcinfo, int niv)
{
	return interval_same(&iv[0], PG_GETARG_INTERVAL_P(3)) &&
		interval_same(&iv[1], PG_GETARG_INTERVAL_P(4)) &&
		(niv < 3 || interval_same(&iv[2], PG_GETARG_INTERVAL_P(5)));
}

/* (state, t, active, max_gap, hold[, min_duration]).  Rows with a NULL or
 * infinite time, or a NULL state, are ignored. */
PG_FUNCTION_INFO_V1(cls_state_episodes_trans);
Datum
cls_state_episodes_trans(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = agg_context(fcinfo, "cls.state_episodes");
	StateEpState *st = PG_ARGISNULL(0) ? NULL : (StateEpState *) PG_GETARG_POINTER(0);
	int			niv = PG_NARGS() > 5 ? 3 : 2;
	TimestampTz t;
	StateArgsCache *ac;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) ||
		TIMESTAMP_NOT_FINITE(PG_GETARG_TIMESTAMPTZ(1)))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	t = PG_GETARG_TIMESTAMPTZ(1);
	for (int k = 0; k < niv; k++)
		if (PG_ARGISNULL(3 + k))
			null_arg(k == 0 ? "max_gap" : k == 1 ? "hold" : "min_duration");
	ac = state_args_cache(fcinfo);
	if (ac->valid && !ac->varied && state_args_equal(ac->iv, fcinfo, niv))
	{
		/* the intervals every row of this call site has passed so far:
		 * every state here was made with them, none needs a check */
		if (st == NULL)
		{
			st = state_new(ctx, &ac->p);
			memcpy(st->iv, ac->iv, niv * sizeof(Interval));
		}
	}
	/* the interval arguments: converted and checked unless they are the
	 * very values of the previous row of the group */
	else if (st == NULL || !state_args_equal(st->iv, fcinfo, niv))
	{
		cls_state_params p;

		p.max_gap = duration_arg(PG_GETARG_INTERVAL_P(3), "max_gap");
		p.hold = duration_arg(PG_GETARG_INTERVAL_P(4), "hold");
		p.min_duration = niv == 3 ? duration_arg(PG_GETARG_INTERVAL_P(5), "min_duration") : 0;
		if (st == NULL)
			st = state_new(ctx, &p);
		else
			check_params(st, &p);
		for (int k = 0; k < niv; k++)
			memcpy(&st->iv[k], PG_GETARG_INTERVAL_P(3 + k), sizeof(Interval));
		if (!ac->valid)
		{
			memcpy(ac->iv, st->iv, niv * sizeof(Interval));
			ac->p = p;
			ac->valid = true;
		}
		else
			ac->varied = true;
	}
	else if (ac->valid)
		ac->varied = true;		/* the group's own values, not the call site's */
	cls_pg_pack_put_time(ctx, PG_GETARG_BOOL(2) ? &st->act : &st->inact, t);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(cls_state_episodes_combine);
Datum
cls_state_episodes_combine(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = agg_context(fcinfo, "cls.state_episodes combine");
	StateEpState *a = PG_ARGISNULL(0) ? NULL : (StateEpState *) PG_GETARG_POINTER(0);
	StateEpState *b = PG_ARGISNULL(1) ? NULL : (StateEpState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		return combine_left(fcinfo, a);
	if (a == NULL)
		a = state_new(ctx, &b->p);	/* a copy in the aggregate context */
	else
		check_params(a, &b->p);
	cls_pg_pack_append(ctx, &a->act, &b->act);
	cls_pg_pack_append(ctx, &a->inact, &b->inact);
	PG_RETURN_POINTER(a);
}

/*
 * Serialized state-episode state: the header, then the stream of the
 * active observations' times and that of the inactive ones as they are
 * (obs_pg.h cls_pg_pack_write: 4 bytes per observation of a warehouse).
 * The leader validates both completely (it trusts nothing).
 */
#define STATE_WHAT	"cls.state_episodes"
typedef struct StateSerialHeader
{
	uint32		version;
	uint32		pad;
	int64		max_gap;
	int64		hold;
	int64		min_duration;
} StateSerialHeader;

PG_FUNCTION_INFO_V1(cls_state_episodes_serialize);
Datum
cls_state_episodes_serialize(PG_FUNCTION_ARGS)
{
	StateEpState *st = (StateEpState *) PG_GETARG_POINTER(0);
	StateSerialHeader h;
	StringInfoData buf;
	Size		len;

	agg_context(fcinfo, "cls.state_episodes serialize");
	len = sizeof(h) + cls_pg_pack_serial_size(&st->act) +
		cls_pg_pack_serial_size(&st->inact);
	cls_pg_pack_serial_check(len, STATE_WHAT);
	memset(&h, 0, sizeof(h));
	h.version = STATE_SERIAL_VERSION;
	h.max_gap = st->p.max_gap;
	h.hold = st->p.hold;
	h.min_duration = st->p.min_duration;
	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, len);
	appendBinaryStringInfo(&buf, (const char *) &h, sizeof(h));
	cls_pg_pack_write(&buf, &st->act);
	cls_pg_pack_write(&buf, &st->inact);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(cls_state_episodes_deserialize);
Datum
cls_state_episodes_deserialize(PG_FUNCTION_ARGS)
{
	StringInfoData r;
	StateSerialHeader h;
	StateEpState *st;

	agg_context(fcinfo, "cls.state_episodes deserialize");
	cls_obs_serial_open(PG_GETARG_BYTEA_PP(0), STATE_SERIAL_VERSION, STATE_WHAT, &r);
	cls_obs_serial_read(&r, &h, sizeof(h), STATE_WHAT);
	if (h.max_gap < 0 || h.hold < 0 || h.min_duration < 0)
		cls_obs_bad_state(STATE_WHAT, "bad header");
	{
		cls_state_params prm = {h.max_gap, h.hold, h.min_duration};

		st = state_new(CurrentMemoryContext, &prm);
	}
	/* the interval arguments are not known here: iv[] stays zero, and the
	 * combine function compares p */
	cls_pg_pack_read(&r, &st->act, false, CurrentMemoryContext, STATE_WHAT);
	cls_pg_pack_read(&r, &st->inact, false, CurrentMemoryContext, STATE_WHAT);
	if (r.cursor != r.len)
		cls_obs_bad_state(STATE_WHAT, "length does not match the contents");
	PG_RETURN_POINTER(st);
}

/* The times of a stream, sorted, into t (room for p->n); tmp has room for
 * p->n too. */
static void
times_decode_sorted(const cls_pack *p, int64 *t, int64 *tmp)
{
	cls_pack_cursor c = CLS_PACK_START;

	(void) cls_pack_decode(p, &c, t, NULL);
	if (!p->sorted)
		cls_time_sort_runs(t, p->n, tmp);
}

PG_FUNCTION_INFO_V1(cls_state_episodes_final);
Datum
cls_state_episodes_final(PG_FUNCTION_ARGS)
{
	StateEpState *st;
	cls_state_obs *obs;
	cls_span   *spans;
	int64	   *act,
			   *inact;
	Size		n;

	agg_context(fcinfo, "cls.state_episodes final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (StateEpState *) PG_GETARG_POINTER(0);
	/* the streams are decoded, not changed, so the aggregate still works
	 * as a window function; the merged observations' array is the sorts'
	 * work space until they are written */
	n = st->act.n + st->inact.n;
	obs = cls_realloc_huge(CurrentMemoryContext, NULL, n, sizeof(cls_state_obs), "observations");
	act = cls_realloc_huge(CurrentMemoryContext, NULL, n, sizeof(int64), "observations");
	inact = act + st->act.n;
	times_decode_sorted(&st->act, act, (int64 *) obs);
	times_decode_sorted(&st->inact, inact, (int64 *) obs);
	cls_state_obs_from_times(act, st->act.n, inact, st->inact.n, obs);
	pfree(act);
	/* episodes are written over the merged observations (allowed by the
	 * core) */
	spans = (cls_span *) obs;
	n = cls_state_episodes(obs, n, &st->p, spans);
	PG_RETURN_MULTIRANGE_P(spans_to_multirange(fcinfo, cls_pg_range_type(cls_pg_result_time_kind(fcinfo)),
											   cls_pg_multirange_type(cls_pg_result_time_kind(fcinfo)),
											   spans, n, false));
}
