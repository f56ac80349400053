/*
 * obs_pg.h -- THE observation buffers of the cls aggregates (glue).
 *
 * Two forms, each defined here once:
 *  - the packed stream (src/core/pack.h) in a memory context: the triad
 *    state of cls.triad_agg / cls.triad_timeline / cls.triad_episodes
 *    (src/triad_agg_pg.c: one (time, value) stream per analyte, 8 bytes per
 *    warehouse observation) and the state of cls.state_episodes
 *    (src/episodes_pg.c: two time streams, 4 bytes per observation).  Growth
 *    to the allocator's power-of-two chunks below 8 kB, then by 1.5x
 *    (54000 beyond MaxAllocHugeSize); append for a combine function;
 *    serialization of the words as they are, validated completely on the
 *    way in (22P03); decoding into cls_obs, sorted (the streams' sorted runs
 *    merged straight from the words) or appended to a cls_obs_buf;
 *  - the cls_obs buffer (24 bytes per observation): cls.tagraxofusp_monitor
 *    / cls.tagraxofusp_summary and cls.cycles (src/tagraxofusp_pg.c), and
 *    the decoded observations of a triad state used as a window aggregate.
 *    Everything it needs:
 *     - growth by doubling, checked against MaxAllocHugeSize (54000);
 *     - concatenation for a combine function;
 *     - a cancellable copy (16 MB chunks) for every large memcpy;
 *     - serialization after a caller's header (the caller's version word
 *       first), refusing a state that cannot become a 1 GB bytea (54000,
 *       with the hint to run without parallel workers);
 *     - deserialization that validates everything (22P03 on garbage);
 *     - a `sorted` flag and cls_obs_buf_sort(), which sorts in place at
 *       most once between appends.  Sorting in place does not change what
 *       a state means (a multiset of observations), so a final function
 *       may call it and the aggregate still works as a window function.
 *    Memory: 24 bytes per observation held, plus up to 2x while the array
 *    doubles (at most 48 bytes per observation for an instant, the
 *    repalloc of the last doubling).
 * Results never depend on input order: final functions sort ("collect,
 * then sort").
 */
#ifndef CLS_OBS_PG_H
#define CLS_OBS_PG_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/array.h"

#include "access/tupdesc.h"
#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"

#include "label.h"
#include "obs.h"
#include "pack.h"

/* the core's time is PostgreSQL's (src/core/obs.h) */
StaticAssertDecl(CLS_TIME_MIN == MIN_TIMESTAMP && CLS_TIME_END == END_TIMESTAMP &&
				 CLS_TIME_NOBEGIN == DT_NOBEGIN && CLS_TIME_NOEND == DT_NOEND,
				 "src/core/obs.h and PostgreSQL disagree on the timestamp range");

/*
 * Every time a cls result reports: clamped to PostgreSQL's range
 * (cls_time_clamp), so that a table built from cls output can be dumped and
 * restored, and a span as an interval of elapsed microseconds.
 */
static inline Datum
cls_time_datum(int64 t)
{
	return TimestampTzGetDatum((TimestampTz) cls_time_clamp(t));
}

/*
 * THE conversion of an interval argument to elapsed microseconds (a day
 * counts as 24 h): 22023 naming the argument for a month or year part
 * (month_detail, month_hint) or a value beyond int64 microseconds
 * (big_detail, big_hint; NULL: the month sentences).  Whether a negative
 * or zero duration is allowed is the caller's (the core's) check.
 */
extern int64 cls_pg_interval_usecs(const char *argname, Interval *iv,
								   const char *month_detail, const char *month_hint,
								   const char *big_detail, const char *big_hint);

static inline Datum
cls_interval_datum(int64 us)
{
	Interval   *iv = palloc0(sizeof(Interval));

	iv->time = us;
	return IntervalPGetDatum(iv);
}

/*
 * THE time kinds of the SQL API.  Every function and aggregate that takes
 * times exists for timestamptz and for timestamp (warehouse wall clocks:
 * OMOP measurement_datetime, MIMIC-IV charttime), with results of the same
 * kind, and both are one C symbol: both types are int64 microseconds, so the
 * glue reads and writes them alike, and only the result's declared type
 * (tstzmultirange or tsmultirange, a composite with timestamptz or timestamp
 * fields) tells which one a call returns.  The kind is taken from a type
 * the call declares, never guessed from the values.
 */
typedef enum cls_pg_time_kind
{
	CLS_PG_TSTZ,				/* timestamptz, tstzrange, tstzmultirange */
	CLS_PG_TS,					/* timestamp, tsrange, tsmultirange */
	CLS_PG_DATE					/* date, daterange, datemultirange */
} cls_pg_time_kind;

/* The kind of a time, range, multirange or array-of-time type; -1 when typid
 * is none of them. */
extern int	cls_pg_time_kind_of_type(Oid typid);
/* The kind of argument argno's declared type, or of the call's declared
 * result (an array's element and a composite's first time field count):
 * an internal error when it has none. */
extern cls_pg_time_kind cls_pg_arg_time_kind(FunctionCallInfo fcinfo, int argno);
extern cls_pg_time_kind cls_pg_result_time_kind(FunctionCallInfo fcinfo);
/* The element, range and multirange types of a kind. */
extern Oid	cls_pg_time_type(cls_pg_time_kind k);
extern Oid	cls_pg_range_type(cls_pg_time_kind k);
extern Oid	cls_pg_multirange_type(cls_pg_time_kind k);

/*
 * The calendar of a time_zone argument (src/core/obs.h cls_calendar): a
 * zone name as PostgreSQL's timezone(zone, timestamptz) takes it from the
 * IANA database ('UTC', 'America/New_York', 'Asia/Kolkata') or a POSIX
 * spec ('EST5EDT').  An unknown zone is a query mistake: 22023 naming
 * argname.  'UTC' and its spellings give the plain UTC calendar
 * (utc_offset NULL).  The zone data is PostgreSQL's own (cached for the
 * backend's life), so a function using it may be IMMUTABLE exactly as
 * timezone(text, timestamptz) is.
 */
extern void cls_pg_calendar(text *zone, const char *argname, cls_calendar *cal);
/* The same for a time argument of kind k: a timestamp (wall clock) is
 * dated as it is, whatever the zone. */
extern void cls_pg_calendar_for(cls_pg_time_kind k, text *zone,
								const char *argname, cls_calendar *cal);

/*
 * THE reader of a time array argument (dose times): the elements of a
 * timestamptz[] (k CLS_PG_TSTZ) or timestamp[] (k CLS_PG_TS; an internal
 * error when the element type is not that of k), NULL and infinite elements
 * skipped, into *out (a checked huge allocation in mcxt, room for every
 * element); returns how many, in array order (callers sort: cycles.h
 * cls_doses_normalize).
 */
extern Size cls_pg_time_array(ArrayType *arr, cls_pg_time_kind k,
							  MemoryContext mcxt, int64 **out);

typedef struct cls_obs_buf
{
	Size		count;			/* observations held */
	Size		capacity;		/* room in items */
	cls_obs    *items;			/* NULL until the first observation */
	bool		sorted;			/* items[0..count) in cls_obs_sort order */
	MemoryContext mcxt;			/* where items lives */
} cls_obs_buf;

/* The most observations a buffer may hold (MaxAllocHugeSize bytes). */
#define CLS_OBS_BUF_MAX		(MaxAllocHugeSize / sizeof(cls_obs))

/* An empty buffer whose array will live in mcxt. */
extern void cls_obs_buf_init(cls_obs_buf *b, MemoryContext mcxt);

/* Room for `more` observations after the current ones (doubling; 54000
 * beyond MaxAllocHugeSize). */
extern void cls_obs_buf_reserve(cls_obs_buf *b, Size more);

/* Append one observation.  A negative zero value is stored as +0 (the same
 * number), so that the total order cannot tell two equal rows apart. */
static inline void
cls_obs_buf_append(cls_obs_buf *b, int64 t, double v, int32 analyte)
{
	cls_obs    *o;

	if (unlikely(b->count >= b->capacity))
		cls_obs_buf_reserve(b, 1);
	o = &b->items[b->count];
	o->t = t;
	o->v = v + 0.0;
	o->analyte = analyte;
	/* an observation not before the last one in the total order keeps the
	 * buffer sorted (a repeated time too, when its analyte and value
	 * follow) */
	if (b->count > 0 && cls_obs_less(o, o - 1))
		b->sorted = false;
	b->count++;
}

/* Append all of src to dst (a combine function; dst may be a new, empty
 * buffer in the aggregate context, to copy a right state whose left state
 * is NULL): two sorted buffers are merged (into a new array), so dst stays
 * sorted.  Cancellable. */
extern void cls_obs_buf_concat(cls_obs_buf *dst, const cls_obs_buf *src);

/* Sort in place by cls_obs_sort unless already sorted; true when it
 * sorted (the order of the items changed or may have). */
extern bool cls_obs_buf_sort(cls_obs_buf *b);
/* Sort items[from..count) in place (the new tail of an incrementally
 * evaluated buffer); does not touch the sorted flag. */
extern void cls_obs_buf_sort_tail(cls_obs_buf *b, Size from);
struct cls_obs_stream;
extern void cls_obs_buf_append_stream(cls_obs_buf *b,
									  const struct cls_obs_stream *s,
									  cls_pack_cursor *c);

/* memcpy in 16 MB chunks with CHECK_FOR_INTERRUPTS between them: copying
 * hundreds of MB into fresh memory takes longer than the one second a
 * cancel may wait. */
extern void cls_copy_interruptible(void *dst, const void *src, Size len);

/*
 * Serialization (parallel plans: a worker's state becomes a bytea of at
 * most 1 GB).  The layout is
 *     [caller's header: hlen bytes, its uint32 version word first]
 *     [uint64 count] [count x cls_obs, raw]
 * The caller calls cls_obs_serial_begin with the size of its header (any
 * number of appendBinaryStringInfo calls) and the buffer (NULL: none), then
 * writes its header, then cls_obs_buf_write, then cls_obs_serial_end.
 * `what` names the aggregate in the 54000 error ("cls.triad_agg").
 */
extern void cls_obs_serial_begin(StringInfo buf, Size hlen,
								 const cls_obs_buf *b, const char *what);
extern void cls_obs_buf_write(StringInfo buf, const cls_obs_buf *b);
extern bytea *cls_obs_serial_end(StringInfo buf);

/*
 * Deserialization.  cls_obs_serial_open checks the first uint32 against
 * `version` and returns a reader over the bytes; cls_obs_serial_read copies
 * the next len bytes (the caller's header fields); cls_obs_buf_read reads
 * the buffer, which must be exactly the rest of the bytes: count within
 * CLS_OBS_BUF_MAX, every analyte a cls analyte (0 .. CLS_A__COUNT - 1) or
 * one of the npseudo pseudo-analytes the caller allows, finite t (no
 * infinite timestamp) and finite v.  Anything else raises 22P03 "invalid
 * <what> state: <why>".
 */
extern void cls_obs_serial_open(bytea *in, uint32 version, const char *what,
								StringInfo r);
extern void cls_obs_serial_read(StringInfo r, void *dst, Size len,
								const char *what);
extern void cls_obs_buf_read(StringInfo r, cls_obs_buf *b, MemoryContext mcxt,
							 const int32 *pseudo, int npseudo,
							 const char *what);
extern void cls_obs_bad_state(const char *what, const char *why)
			pg_attribute_noreturn();

/*
 * THE packed stream of an aggregate state (src/core/pack.h) in a memory
 * context: the storage of both the triad state (one (time, value) stream
 * per analyte) and the state-episode state (two time streams).
 *  - cls_pg_pack_reserve: room for `more` words after the used ones,
 *    growing by 1.5x (a state's slack stays below half of it; below 8 kB
 *    the allocator rounds to a power of two anyway), 54000 beyond
 *    MaxAllocHugeSize;
 *  - cls_pg_pack_put / cls_pg_pack_put_time: one entry;
 *  - cls_pg_pack_append: all of src after dst (a combine function);
 *  - serialization: cls_pg_pack_serial_size bytes, [uint64 n][uint64 nw]
 *    [nw words]; cls_pg_pack_read validates every count against the bytes
 *    left and every entry (cls_pack_check) before anything else reads the
 *    stream: 22P03 "invalid <what> state: <why>" otherwise.
 */
extern void cls_pg_pack_reserve(MemoryContext mcxt, cls_pack *p, Size more);

static inline void
cls_pg_pack_put(MemoryContext mcxt, cls_pack *p, int64 t, double v)
{
	if (unlikely(p->cap - p->nw < CLS_PACK_MAX_WORDS))
		cls_pg_pack_reserve(mcxt, p, CLS_PACK_MAX_WORDS);
	cls_pack_put(p, t, v);
}

static inline void
cls_pg_pack_put_time(MemoryContext mcxt, cls_pack *p, int64 t)
{
	if (unlikely(p->cap - p->nw < CLS_PACK_MAX_WORDS))
		cls_pg_pack_reserve(mcxt, p, CLS_PACK_MAX_WORDS);
	cls_pack_put_time(p, t);
}

extern void cls_pg_pack_append(MemoryContext mcxt, cls_pack *dst,
							   const cls_pack *src);
extern Size cls_pg_pack_serial_size(const cls_pack *p);
extern void cls_pg_pack_write(StringInfo buf, const cls_pack *p);
extern void cls_pg_pack_read(StringInfo r, cls_pack *p, bool values,
							 MemoryContext mcxt, const char *what);
/* The 54000 error of a state too large for a 1 GB bytea (parallel plans). */
extern void cls_pg_pack_serial_check(Size bytes, const char *what);

/*
 * A packed (time, value) stream of one kind of observation (the triad
 * state's, one per analyte), and the two ways its observations become
 * cls_obs again:
 *  - cls_obs_streams_sorted: every observation of the k streams (n in all)
 *    in cls_obs_sort order, in a new array in mcxt (24 bytes each): the
 *    sorted runs of the streams merged straight from the packed words when
 *    there are at most CLS_PACK_MAX_RUNS of them (rows in time order: one
 *    per stream), else decoded and sorted in place;
 *  - cls_obs_buf_append_stream: the entries of s after cursor *c appended
 *    to b (not sorted; *c moves to the end of the stream), for a state
 *    that keeps its decoded observations (window use).
 */
typedef struct cls_obs_stream
{
	int32		analyte;		/* a cls analyte or a module's own kind */
	cls_pack	p;				/* (time, value) pairs */
} cls_obs_stream;

extern cls_obs *cls_obs_streams_sorted(const cls_obs_stream *s, int k, Size n,
									   MemoryContext mcxt);

/*
 * A checked huge allocation of count elements of size bytes in mcxt (at
 * least one byte): 54000 naming `what` when it would exceed
 * MaxAllocHugeSize.  For the final functions' work arrays.
 */
extern void *cls_alloc_huge(MemoryContext mcxt, Size count, Size size,
							const char *what);
/* The same growing `old` (allocated by one of these; NULL: a new array). */
extern void *cls_realloc_huge(MemoryContext mcxt, void *old, Size count,
							  Size size, const char *what);

/* An int64 count (days, cycles) as an int4 result, saturating. */
static inline int32
cls_clamp_int32(int64 v)
{
	return v > PG_INT32_MAX ? PG_INT32_MAX : v < PG_INT32_MIN ? PG_INT32_MIN : (int32) v;
}

/*
 * The composite element type of an array-returning function's result
 * (cls.triad_timeline, cls.triad_episodes, cls.cycles, ...): its type in
 * *elem and its blessed descriptor, copied into mcxt, with natts checked
 * (what names the type in the error).  Callers cache it in fn_extra.
 */
extern TupleDesc cls_pg_array_elem_tupdesc(FunctionCallInfo fcinfo,
										   MemoryContext mcxt, int natts,
										   const char *what, Oid *elem);

#endif							/* CLS_OBS_PG_H */
