/*
 * triad_episodes_pg.c -- SQL glue for triad episodes: cls.episode_params and
 * the aggregate cls.triad_episodes (README: Episode windows "Triad episodes", 4
 * "Exclusions").
 *
 * The aggregate's state is the state of cls.triad_agg (the packed
 * observations of a patient, criteria, baselines; src/triad_agg_pg.c), wrapped with the
 * constant arguments of this aggregate (exclusions, doses, episode
 * parameters).  Rows go through triad_agg's own transition function,
 * combine delegates to triad_agg's, and the serialized form embeds the
 * triad state as triad_pg.h writes it, with the one packed stream of
 * the project (obs_pg.h).  No clinical number here:
 * src/core/triad_episodes.c.
 */
#include "cls_pg.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/multirangetypes.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "cycles.h"
#include "episodes.h"
#include "triad.h"
#include "triad_episodes.h"
#include "obs_pg.h"
#include "triad_pg.h"
#include "layout_pg.h"

/* ------------------------------------------------------------------------
 * cls.episode_params
 * ------------------------------------------------------------------------ */

/* the attributes of cls.episode_params: the core's field order */
#define EP__NATTS	CLS_TEP__COUNT
#define ep_name(f)	cls_triad_episode_params_field_name(f)

/* Raise the 22023 error for field f when the core's check refuses it. */
static void
params_field_check(const cls_triad_episode_params *p, cls_tep_field f,
				   const char *value)
{
	const char *hint;
	const char *why = cls_triad_episode_params_field_check(p, f, &hint);

	if (why)
		cls_pg_bad_arg(ep_name(f), value, why, hint);
}

/* A duration argument: converted (glue), then checked by the core. */
static void
param_interval(cls_triad_episode_params *p, cls_tep_field f, int64_t *dst,
			   Datum d)
{
	*dst = cls_pg_interval_usecs(ep_name(f), DatumGetIntervalP(d),
								 "A duration is elapsed time: months are not a fixed length.",
								 "Write the duration in hours or days (a day counts as 24 hours).",
								 NULL, NULL);
	params_field_check(p, f, DatumGetCString(DirectFunctionCall1(interval_out, d)));
}

static void
params_from_values(Datum *v, bool *isnull, cls_triad_episode_params *p)
{
	cls_triad_episode_params_default(p);
	for (int i = CLS_TEP_MAX_GAP; i <= CLS_TEP_MIN_DURATION; i++)
		if (isnull[i] && i != CLS_TEP_HOLD)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not be NULL", ep_name(i)),
					 errhint("Leave the argument out of cls.episode_params() for its default.")));
	param_interval(p, CLS_TEP_MAX_GAP, &p->max_gap, v[CLS_TEP_MAX_GAP]);
	/* hold NULL: none, the evidence's expiry ends an episode */
	if (!isnull[CLS_TEP_HOLD])
		param_interval(p, CLS_TEP_HOLD, &p->hold, v[CLS_TEP_HOLD]);
	param_interval(p, CLS_TEP_MIN_DURATION, &p->min_duration, v[CLS_TEP_MIN_DURATION]);
	p->albumin_lln = NAN;		/* NULL: unknown, only absolute grades */
	if (!isnull[CLS_TEP_ALBUMIN_LLN])
	{
		const char *hint;
		const char *why;

		p->albumin_lln = DatumGetFloat8(v[CLS_TEP_ALBUMIN_LLN]);
		why = cls_triad_episode_lln_check(p->albumin_lln, &hint);
		if (why)
			cls_pg_bad_arg(ep_name(CLS_TEP_ALBUMIN_LLN), psprintf("%g", p->albumin_lln), why, hint);
	}
}

static void
params_from_datum(Datum d, cls_triad_episode_params *p)
{
	HeapTupleHeader th = DatumGetHeapTupleHeader(d);
	Datum		v[EP__NATTS];
	bool		n[EP__NATTS];

	if (HeapTupleHeaderGetNatts(th) != EP__NATTS)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("params must be of type cls.episode_params")));
	for (int i = 0; i < EP__NATTS; i++)
		v[i] = GetAttributeByNum(th, i + 1, &n[i]);
	params_from_values(v, n, p);
}

/* cls.episode_params(max_gap, hold, min_duration, albumin_lln): checked */
PG_FUNCTION_INFO_V1(cls_make_episode_params);
Datum
cls_make_episode_params(PG_FUNCTION_ARGS)
{
	Datum		v[EP__NATTS];
	bool		n[EP__NATTS];
	cls_triad_episode_params p;
	TupleDesc	td;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	for (int i = 0; i < EP__NATTS; i++)
	{
		n[i] = PG_ARGISNULL(i);
		v[i] = n[i] ? (Datum) 0 : PG_GETARG_DATUM(i);
	}
	params_from_values(v, n, &p);
	/* normalized: elapsed time in hours/minutes, no days part */
	v[CLS_TEP_MAX_GAP] = cls_interval_datum(p.max_gap);
	if (!n[CLS_TEP_HOLD])
		v[CLS_TEP_HOLD] = cls_interval_datum(p.hold);
	v[CLS_TEP_MIN_DURATION] = cls_interval_datum(p.min_duration);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(td), v, n)));
}

/* ------------------------------------------------------------------------
 * The aggregate state
 * ------------------------------------------------------------------------ */

/* One exclusion range as given (bounds kept to report it back). */
#define XR_LO_INF	0x1
#define XR_HI_INF	0x2
#define XR_LO_INC	0x4
#define XR_HI_INC	0x8
typedef struct ExclRange
{
	int64		lo;
	int64		hi;
	int32		flags;
	int32		pad;
} ExclRange;

typedef struct EpState
{
	void	   *inner;			/* the cls.triad_agg state, NULL before a row */
	cls_triad_episode_params params;
	int32		nexcl;
	ExclRange  *excl;			/* in multirange order: sorted, disjoint */
	int32		ndoses;
	int64	   *doses;			/* sorted, distinct, finite */
	/* raw bytes of the last constant arguments seen (skip re-parsing) */
	Size		raw_len[3];
	char	   *raw[3];
	bool		raw_null[3];
	bool		raw_have[3];
	/* the argument's datum of the last row, and whether the argument is a
	 * constant of the query (then one pointer is one value) */
	Pointer		raw_ptr[3];
	bool		raw_const[3];
} EpState;

enum
{
	RAW_EXCL, RAW_DOSES, RAW_PARAMS
};

static void
consts_differ(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s differ between rows of one group", what),
			 errdetail("cls.triad_episodes takes one value of %s per patient.", what),
			 errhint("Pass a per-patient constant, e.g. from a join or a correlated subquery on the patient.")));
}

static ExclRange *
excl_from_datum(Datum d, cls_pg_time_kind k, int32 *count, MemoryContext mcxt)
{
	MultirangeType *mr = DatumGetMultirangeTypeP(d);
	TypeCacheEntry *tc;
	int32		n;
	RangeType **ranges;
	ExclRange  *out;

	tc = lookup_type_cache(MultirangeTypeGetOid(mr), TYPECACHE_MULTIRANGE_INFO);
	if (tc->rngtype == NULL || tc->rngtype->type_id != cls_pg_range_type(k))
		elog(ERROR, "exclusions must be a %s", format_type_be(cls_pg_multirange_type(k)));
	multirange_deserialize(tc->rngtype, mr, &n, &ranges);
	out = MemoryContextAllocZero(mcxt, Max(n, 1) * sizeof(ExclRange));
	for (int i = 0; i < n; i++)
	{
		RangeBound lo,
					hi;
		bool		empty;

		range_deserialize(tc->rngtype, ranges[i], &lo, &hi, &empty);
		/* a multirange holds no empty range */
		out[i].flags = (lo.infinite ? XR_LO_INF : 0) | (hi.infinite ? XR_HI_INF : 0) |
			(lo.inclusive ? XR_LO_INC : 0) | (hi.inclusive ? XR_HI_INC : 0);
		out[i].lo = lo.infinite ? 0 : DatumGetTimestampTz(lo.val);
		out[i].hi = hi.infinite ? 0 : DatumGetTimestampTz(hi.val);
	}
	*count = n;
	return out;
}

static int64 *
doses_from_datum(Datum d, cls_pg_time_kind k, int32 *count, MemoryContext mcxt)
{
	int64	   *v;
	/* NULL and infinite dose times are ignored, as by cls.cycles */
	size_t		m = cls_pg_time_array(DatumGetArrayTypeP(d), k, mcxt, &v);

	*count = (int32) cls_doses_normalize(v, m);
	return v;
}

static const char *const raw_names[3] = {"exclusions", "doses", "params"};

/*
 * Whether argument argno of the transition function (aggregate input
 * argno - 1) is a constant of the query: a Const or an external parameter,
 * whose datum the executor passes by the same pointer on every row.  False
 * when it cannot be told (a window aggregate).
 */
static bool
arg_is_query_const(FunctionCallInfo fcinfo, int argno)
{
	Aggref	   *ag = AggGetAggref(fcinfo);
	TargetEntry *te;

	if (ag == NULL || argno < 1 || argno > list_length(ag->args))
		return false;
	te = list_nth_node(TargetEntry, ag->args, argno - 1);
	return IsA(te->expr, Const) ||
		(IsA(te->expr, Param) && ((Param *) te->expr)->paramkind == PARAM_EXTERN);
}

/*
 * Take a constant argument of a row.  The same pointer as the last row's,
 * for an argument that is a constant of the query, is the same value: done
 * without looking at its bytes, so the per-row cost does not grow with the
 * size of the argument (a multirange of thousands of exclusions).
 * Otherwise compare its raw bytes with the last seen; if they differ, parse
 * it and compare the parsed value with the group's (NULL exclusions /
 * doses = none).
 */
static void
take_const(FunctionCallInfo fcinfo, EpState *st, int which, int argno,
		   MemoryContext aggctx, bool first)
{
	bool		isnull = PG_ARGISNULL(argno);
	Datum		d = isnull ? (Datum) 0 : PG_GETARG_DATUM(argno);
	Size		len;

	if (first)
	{
		st->raw_const[which] = arg_is_query_const(fcinfo, argno);
		if (st->raw_const[which])
			elog(DEBUG1, "cls.triad_episodes: %s is a constant of the query, compared by reference",
				 raw_names[which]);
	}
	if (st->raw_have[which] && st->raw_null[which] == isnull &&
		(isnull || (st->raw_const[which] && st->raw_ptr[which] == DatumGetPointer(d))))
		return;
	len = isnull ? 0 : VARSIZE_ANY(DatumGetPointer(d));
	st->raw_ptr[which] = isnull ? NULL : DatumGetPointer(d);
	if (st->raw_have[which] && st->raw_null[which] == isnull &&
		st->raw_len[which] == len &&
		(isnull || memcmp(st->raw[which], DatumGetPointer(d), len) == 0))
		return;

	switch (which)
	{
		case RAW_PARAMS:
			{
				cls_triad_episode_params p;

				if (isnull)
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("params must not be NULL"),
							 errhint("Pass cls.episode_params(), or leave the argument out for the defaults.")));
				params_from_datum(d, &p);
				if (first)
					st->params = p;
				else if (memcmp(&p, &st->params, sizeof(p)) != 0)
					consts_differ("episode parameters");
				break;
			}
		case RAW_EXCL:
			{
				int32		n = 0;
				ExclRange  *x = isnull ? NULL : excl_from_datum(d, cls_pg_arg_time_kind(fcinfo, 1), &n, first ? aggctx : CurrentMemoryContext);

				if (first)
				{
					st->excl = x;
					st->nexcl = n;
				}
				else if (n != st->nexcl ||
						 (n > 0 && memcmp(x, st->excl, n * sizeof(ExclRange)) != 0))
					consts_differ("exclusions");
				break;
			}
		case RAW_DOSES:
			{
				int32		n = 0;
				int64	   *v = isnull ? NULL : doses_from_datum(d, cls_pg_arg_time_kind(fcinfo, 1), &n, first ? aggctx : CurrentMemoryContext);

				if (first)
				{
					st->doses = v;
					st->ndoses = n;
				}
				else if (n != st->ndoses ||
						 (n > 0 && memcmp(v, st->doses, n * sizeof(int64)) != 0))
					consts_differ("doses");
				break;
			}
	}
	if (st->raw_len[which] < len || st->raw[which] == NULL)
		st->raw[which] = MemoryContextAlloc(aggctx, Max(len, 1));
	if (len > 0)
		memcpy(st->raw[which], DatumGetPointer(d), len);
	st->raw_len[which] = len;
	st->raw_null[which] = isnull;
	st->raw_have[which] = true;
}

/*
 * Transition: (state, ts, code, value, unit [, criteria [, exclusions
 * [, doses [, params]]]]).  The first five or six arguments go to
 * cls.triad_agg's transition function unchanged.
 */
static Datum
ep_sfunc(FunctionCallInfo fcinfo, bool int_code)
{
	MemoryContext aggctx;
	EpState    *st;
	bool		first = false;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	if (PG_ARGISNULL(0))
	{
		st = MemoryContextAllocZero(aggctx, sizeof(EpState));
		cls_triad_episode_params_default(&st->params);
		first = true;
	}
	else
		st = (EpState *) PG_GETARG_POINTER(0);

	if (PG_NARGS() > TA_EP_EXCLUSIONS)
		take_const(fcinfo, st, RAW_EXCL, TA_EP_EXCLUSIONS, aggctx, first);
	if (PG_NARGS() > TA_EP_DOSES)
		take_const(fcinfo, st, RAW_DOSES, TA_EP_DOSES, aggctx, first);
	if (PG_NARGS() > TA_EP_PARAMS)
		take_const(fcinfo, st, RAW_PARAMS, TA_EP_PARAMS, aggctx, first);

	/* the rows and the criteria: the triad state's own */
	st->inner = cls_triad_state_add(fcinfo, st->inner, aggctx, int_code,
									Min(PG_NARGS(), TA_CRITERIA + 1));
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(cls_triad_episodes_sfunc_text);
Datum
cls_triad_episodes_sfunc_text(PG_FUNCTION_ARGS)
{
	return ep_sfunc(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cls_triad_episodes_sfunc_int);
Datum
cls_triad_episodes_sfunc_int(PG_FUNCTION_ARGS)
{
	return ep_sfunc(fcinfo, true);
}

static void
consts_check_equal(const EpState *a, const EpState *b)
{
	if (memcmp(&a->params, &b->params, sizeof(a->params)) != 0)
		consts_differ("episode parameters");
	if (a->nexcl != b->nexcl ||
		(a->nexcl > 0 && memcmp(a->excl, b->excl, a->nexcl * sizeof(ExclRange)) != 0))
		consts_differ("exclusions");
	if (a->ndoses != b->ndoses ||
		(a->ndoses > 0 && memcmp(a->doses, b->doses, a->ndoses * sizeof(int64)) != 0))
		consts_differ("doses");
}

/* a new state in mcxt with the constants of src (no observations) */
static EpState *
state_copy_consts(MemoryContext mcxt, const EpState *src)
{
	EpState    *st = MemoryContextAllocZero(mcxt, sizeof(EpState));

	st->params = src->params;
	st->nexcl = src->nexcl;
	st->excl = MemoryContextAlloc(mcxt, Max(src->nexcl, 1) * sizeof(ExclRange));
	if (src->nexcl > 0)
		memcpy(st->excl, src->excl, src->nexcl * sizeof(ExclRange));
	st->ndoses = src->ndoses;
	st->doses = MemoryContextAlloc(mcxt, Max(src->ndoses, 1) * sizeof(int64));
	if (src->ndoses > 0)
		memcpy(st->doses, src->doses, src->ndoses * sizeof(int64));
	return st;
}

PG_FUNCTION_INFO_V1(cls_triad_episodes_combine);
Datum
cls_triad_episodes_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	EpState    *a,
			   *b;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	a = PG_ARGISNULL(0) ? NULL : (EpState *) PG_GETARG_POINTER(0);
	b = PG_ARGISNULL(1) ? NULL : (EpState *) PG_GETARG_POINTER(1);
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = state_copy_consts(aggctx, b);	/* copy into the agg context */
	else
		consts_check_equal(a, b);
	a->inner = cls_triad_state_combine(a->inner, b->inner, aggctx);
	PG_RETURN_POINTER(a);
}

/*
 * Serialized: this header (version word first, this format's own "CLSp";
 * "CLSP" was 0.2.0's), the exclusions, the doses, then the triad state as
 * triad_pg.h writes it (its own header and its packed streams), when there
 * is one.
 */
#define EP_SERIAL_VERSION	0x434c5370	/* "CLSp": packed triad state (was "CLSP") */
#define EP_WHAT				"cls triad episodes aggregate"
typedef struct EpSerialHeader
{
	uint32		version;
	uint32		has_inner;
	int64		max_gap;
	int64		hold;
	int64		min_duration;
	double		albumin_lln;
	uint32		nexcl;
	uint32		ndoses;
} EpSerialHeader;

PG_FUNCTION_INFO_V1(cls_triad_episodes_serialize);
Datum
cls_triad_episodes_serialize(PG_FUNCTION_ARGS)
{
	EpState    *st;
	EpSerialHeader h;
	Size		hlen;
	StringInfoData buf;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	st = (EpState *) PG_GETARG_POINTER(0);
	memset(&h, 0, sizeof(h));
	h.version = EP_SERIAL_VERSION;
	h.has_inner = st->inner ? 1 : 0;
	h.max_gap = st->params.max_gap;
	h.hold = st->params.hold;
	h.min_duration = st->params.min_duration;
	h.albumin_lln = st->params.albumin_lln;
	h.nexcl = (uint32) st->nexcl;
	h.ndoses = (uint32) st->ndoses;
	hlen = sizeof(h) + (Size) h.nexcl * sizeof(ExclRange) +
		(Size) h.ndoses * sizeof(int64) +
		(st->inner ? cls_triad_state_serial_size(st->inner) : 0);
	cls_pg_pack_serial_check(hlen, "cls.triad_episodes");
	cls_obs_serial_begin(&buf, hlen, NULL, "cls.triad_episodes");
	appendBinaryStringInfo(&buf, (const char *) &h, sizeof(h));
	if (h.nexcl > 0)
		appendBinaryStringInfo(&buf, (const char *) st->excl, h.nexcl * sizeof(ExclRange));
	if (h.ndoses > 0)
		appendBinaryStringInfo(&buf, (const char *) st->doses, h.ndoses * sizeof(int64));
	if (st->inner)
		cls_triad_state_write(&buf, st->inner);
	PG_RETURN_BYTEA_P(cls_obs_serial_end(&buf));
}

PG_FUNCTION_INFO_V1(cls_triad_episodes_deserialize);
Datum
cls_triad_episodes_deserialize(PG_FUNCTION_ARGS)
{
	StringInfoData r;
	EpSerialHeader h;
	EpState    *st;
	const char *msg;
	int			field;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	cls_obs_serial_open(PG_GETARG_BYTEA_PP(0), EP_SERIAL_VERSION, EP_WHAT, &r);
	cls_obs_serial_read(&r, &h, sizeof(h), EP_WHAT);
	if (h.has_inner > 1 ||
		h.nexcl > (Size) (r.len - r.cursor) / sizeof(ExclRange) ||
		h.ndoses > (Size) (r.len - r.cursor) / sizeof(int64))
		cls_obs_bad_state(EP_WHAT, "bad header");
	st = MemoryContextAllocZero(CurrentMemoryContext, sizeof(EpState));
	st->params.max_gap = h.max_gap;
	st->params.hold = h.hold;
	st->params.min_duration = h.min_duration;
	st->params.albumin_lln = h.albumin_lln;
	msg = cls_triad_episode_params_check(&st->params, &field);
	if (msg != NULL)
		cls_obs_bad_state(EP_WHAT, psprintf("%s: %s", ep_name(field), msg));
	st->nexcl = (int32) h.nexcl;
	st->excl = palloc(Max(h.nexcl, 1) * sizeof(ExclRange));
	cls_obs_serial_read(&r, st->excl, h.nexcl * sizeof(ExclRange), EP_WHAT);
	for (uint32 i = 0; i < h.nexcl; i++)
		if (st->excl[i].flags & ~(XR_LO_INF | XR_HI_INF | XR_LO_INC | XR_HI_INC))
			cls_obs_bad_state(EP_WHAT, "bad exclusion");
	st->ndoses = (int32) h.ndoses;
	st->doses = palloc(Max(h.ndoses, 1) * sizeof(int64));
	cls_obs_serial_read(&r, st->doses, h.ndoses * sizeof(int64), EP_WHAT);
	for (uint32 i = 0; i < h.ndoses; i++)
		if (TIMESTAMP_NOT_FINITE(st->doses[i]) || (i > 0 && st->doses[i] <= st->doses[i - 1]))
			cls_obs_bad_state(EP_WHAT, "bad dose times");
	if (h.has_inner)
		st->inner = cls_triad_state_read(&r, CurrentMemoryContext);
	if (r.cursor != r.len)
		cls_obs_bad_state(EP_WHAT, "length does not match the contents");
	PG_RETURN_POINTER(st);
}

/* ------------------------------------------------------------------------
 * The final function
 * ------------------------------------------------------------------------ */

/* attribute order of cls.triad_episode */
enum
{
	TE_EPISODE_NO, TE_ONSET, TE_END, TE_DURATION, TE_LOWEST_SBP,
	TE_LOWEST_SBP_AT, TE_LOWEST_ALBUMIN, TE_LOWEST_ALBUMIN_AT,
	TE_HIGHEST_HCT, TE_HIGHEST_HCT_AT, TE_GRADE, TE_SIGNS, TE_RECOVERED_AT,
	TE_EXCLUDED, TE_EXCLUSION, TE_CYCLE, TE_CYCLE_DAY, TE_DAYS_SINCE,
	TE__NATTS
};

typedef struct EpTypes
{
	Oid			elem;
	TupleDesc	td;
	TypeCacheEntry *rng;
} EpTypes;

static EpTypes *
ep_types(FunctionCallInfo fcinfo)
{
	EpTypes    *t = (EpTypes *) fcinfo->flinfo->fn_extra;

	if (t)
		return t;
	t = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(EpTypes));
	t->td = cls_pg_array_elem_tupdesc(fcinfo, fcinfo->flinfo->fn_mcxt, TE__NATTS,
									  "cls.triad_episode", &t->elem);
	t->rng = lookup_type_cache(cls_pg_range_type(cls_pg_result_time_kind(fcinfo)), TYPECACHE_RANGE_INFO);
	fcinfo->flinfo->fn_extra = t;
	return t;
}

PG_FUNCTION_INFO_V1(cls_triad_episodes_final);
Datum
cls_triad_episodes_final(PG_FUNCTION_ARGS)
{
	EpState    *st;
	EpTypes    *ty;
	const cls_obs *obs;
	size_t		n,
				ne,
				ws;
	cls_triad_criteria crit;
	cls_calendar cal;
	double		base[CLS_IN__COUNT];
	void	   *work;
	cls_span   *spans;
	int32	   *span_of;		/* exclusion index of each span */
	size_t		nspans = 0;
	cls_cycle  *cycles = NULL;
	size_t		nc = 0;
	cls_triad_episode *eps;
	Datum	   *elems;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", __func__);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (EpState *) PG_GETARG_POINTER(0);
	if (st->inner == NULL)
		PG_RETURN_NULL();
	ty = ep_types(fcinfo);

	/* the triad state's observations, sorted in place (same multiset) */
	cls_triad_state_contents(st->inner, &obs, &n, &crit, base);

	/* about 100 bytes per observation; 0 when that overflows size_t */
	ws = cls_triad_episodes_work_size(n);
	if (n > 0 && (ws == 0 || ws > MaxAllocHugeSize))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many observations in one group for triad episodes: %zu", n),
				 errdetail("The episode search needs about 100 bytes per observation, at most %zu bytes in all.",
						   (size_t) MaxAllocHugeSize)));
	work = cls_alloc_huge(CurrentMemoryContext, ws, 1, "bytes of episode work space");
	cls_triad_calendar(fcinfo, &crit, &cal);
	ne = cls_triad_episodes_find(&crit, &cal, base, obs, n, &st->params, work);
	CHECK_FOR_INTERRUPTS();

	/* exclusions as closed spans: timestamps are whole microseconds, so an
	 * exclusive bound b is the closed bound b -/+ 1 us */
	spans = palloc(Max(st->nexcl, 1) * sizeof(cls_span));
	span_of = palloc(Max(st->nexcl, 1) * sizeof(int32));
	for (int i = 0; i < st->nexcl; i++)
	{
		const ExclRange *x = &st->excl[i];
		int64		lo,
					hi;

		if (x->flags & XR_LO_INF)
			lo = PG_INT64_MIN;
		else if (x->flags & XR_LO_INC)
			lo = x->lo;
		else if (x->lo == PG_INT64_MAX)
			continue;
		else
			lo = x->lo + 1;
		if (x->flags & XR_HI_INF)
			hi = PG_INT64_MAX;
		else if (x->flags & XR_HI_INC)
			hi = x->hi;
		else if (x->hi == PG_INT64_MIN)
			continue;
		else
			hi = x->hi - 1;
		if (lo > hi)
			continue;			/* holds no microsecond, e.g. (t, t + 1 us) */
		spans[nspans].start = lo;
		spans[nspans].end = hi;
		span_of[nspans] = i;
		nspans++;
	}
	if (st->ndoses > 0)
	{
		cycles = palloc(st->ndoses * sizeof(cls_cycle));
		nc = cls_cycles_build(&cal, st->doses, st->ndoses, cycles);
	}

	eps = cls_alloc_huge(CurrentMemoryContext, ne, sizeof(cls_triad_episode),
						 "triad episodes");
	cls_triad_episodes_details(&crit, &cal, obs, n, &st->params, work, ne, spans,
							   nspans, cycles, nc, eps);
	pfree(work);

	if (ne > MaxAllocSize / sizeof(Datum))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many triad episodes for an array: %zu", ne)));
	elems = palloc(Max(ne, 1) * sizeof(Datum));
	for (size_t e = 0; e < ne; e++)
	{
		const cls_triad_episode *ep = &eps[e];
		Datum		v[TE__NATTS];
		bool		nl[TE__NATTS];
		Datum		signs[CLS_SIGN__COUNT];
		int			ns = 0;

		memset(nl, 0, sizeof(nl));
		v[TE_EPISODE_NO] = Int32GetDatum(cls_clamp_int32((int64) e + 1));
		v[TE_ONSET] = cls_time_datum(ep->onset);
		v[TE_END] = cls_time_datum(ep->end);
		v[TE_DURATION] = cls_interval_datum(cls_span_len(ep->onset, ep->end));
		cls_triad_put_extreme(v, nl, TE_LOWEST_SBP, &ep->sbp_min);
		cls_triad_put_extreme(v, nl, TE_LOWEST_ALBUMIN, &ep->albumin_min);
		cls_triad_put_extreme(v, nl, TE_HIGHEST_HCT, &ep->hct_max);
		v[TE_GRADE] = Int16GetDatum((int16) ep->worst_grade);
		nl[TE_GRADE] = ep->worst_grade < 0;
		for (int s = 0; s < CLS_SIGN__COUNT; s++)
			if (ep->signs & CLS_SIGN_BIT(s))
				signs[ns++] = CStringGetTextDatum(cls_sign_name((cls_sign) s));
		v[TE_SIGNS] = PointerGetDatum(construct_array(signs, ns, TEXTOID, -1, false, TYPALIGN_INT));
		v[TE_RECOVERED_AT] = cls_time_datum(ep->recovered_at);
		nl[TE_RECOVERED_AT] = !ep->recovered;
		v[TE_EXCLUDED] = BoolGetDatum(ep->exclusion >= 0);
		if (ep->exclusion >= 0)
		{
			const ExclRange *x = &st->excl[span_of[ep->exclusion]];
			RangeBound	lo,
						hi;

			lo.val = TimestampTzGetDatum(x->lo);
			lo.infinite = (x->flags & XR_LO_INF) != 0;
			lo.inclusive = (x->flags & XR_LO_INC) != 0;
			lo.lower = true;
			hi.val = TimestampTzGetDatum(x->hi);
			hi.infinite = (x->flags & XR_HI_INF) != 0;
			hi.inclusive = (x->flags & XR_HI_INC) != 0;
			hi.lower = false;
			v[TE_EXCLUSION] = RangeTypePGetDatum(make_range(ty->rng, &lo, &hi, false));
		}
		else
			nl[TE_EXCLUSION] = true;
		if (ep->dosed)
		{
			v[TE_CYCLE] = Int32GetDatum(ep->cycle);
			v[TE_CYCLE_DAY] = Int32GetDatum(cls_clamp_int32(ep->cycle_day));
			v[TE_DAYS_SINCE] = Int32GetDatum(cls_clamp_int32(ep->days_since_first_dose));
		}
		else
			nl[TE_CYCLE] = nl[TE_CYCLE_DAY] = nl[TE_DAYS_SINCE] = true;
		elems[e] = HeapTupleGetDatum(heap_form_tuple(ty->td, v, nl));
		if ((e & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_POINTER(construct_array(elems, (int) ne, ty->elem, -1, false,
									  TYPALIGN_DOUBLE));
}

/* The argument positions of the transition functions (TriadArg,
 * triad_pg.h) against the longest form of each aggregate (layout_pg.h);
 * the aggregate's arguments are the transition function's after the
 * state. */
void
cls_triad_agg_layout(cls_layout_emit emit, void *arg)
{
	static const struct
	{
		int			pos;
		const char *name;
	}			args[] = {
		{TA_TS, "ts"}, {TA_CODE, "code"}, {TA_VALUE, "value"}, {TA_UNIT, "unit"},
		{TA_CRITERIA, "criteria"}, {TA_BASELINES, "baselines"},
		{TA_EP_EXCLUSIONS, "exclusions"}, {TA_EP_DOSES, "doses"}, {TA_EP_PARAMS, "params"}
	};
	const char *agg = "cls.triad_agg(timestamptz,text,float8,text,cls.criteria,cls.triad_baselines)";
	const char *eps = "cls.triad_episodes(timestamptz,text,float8,text,cls.criteria,tstzmultirange,timestamptz[],cls.episode_params)";

	/* triad_agg: ts .. baselines; triad_episodes: all but baselines */
	for (size_t i = 0; i < lengthof(args); i++)
	{
		bool		is_baselines = (strcmp(args[i].name, "baselines") == 0);

		if (i <= 5)
			emit(arg, agg, args[i].pos - 1, args[i].name, NULL);
		if (!is_baselines)
			emit(arg, eps, args[i].pos - 1, args[i].name, NULL);
	}
}
