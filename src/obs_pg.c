/*
 * obs_pg.c -- the observation buffer shared by the cls aggregates that
 * buffer cls_obs (see obs_pg.h for who uses it and why it is one).
 */
#include "obs_pg.h"

#include <math.h>

#include "common/int.h"
#include "port/pg_bitutils.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"
#include "utils/timestamp.h"
#include "pgtime.h"
#include "catalog/pg_type.h"

#include "cls_pg.h"
#include "units.h"

/* the first capacity of a buffer: 1.5 kB, a few days of a patient */
#define OBS_BUF_MIN_CAP		64

/* cancel checks every this many observations in validation loops */
#define OBS_TICK			65536

void
cls_obs_buf_init(cls_obs_buf *b, MemoryContext mcxt)
{
	b->count = 0;
	b->capacity = 0;
	b->items = NULL;
	b->sorted = true;
	b->mcxt = mcxt;
}

static void
too_many(Size need)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("too many observations in one group: %zu", (size_t) need),
			 errdetail("cls buffers %zu bytes per observation; one group can hold at most %zu observations.",
					   sizeof(cls_obs), (size_t) (MaxAllocHugeSize / sizeof(cls_obs))),
			 errhint("Group by patient, pass only the rows of the analytes cls uses, or split a very long history by time.")));
}

void
cls_obs_buf_reserve(cls_obs_buf *b, Size more)
{
	const Size	max = MaxAllocHugeSize / sizeof(cls_obs);
	Size		need;
	Size		cap;

	if (more > max || b->count > max - more)
		too_many(b->count + Min(more, max));
	need = b->count + more;
	if (need <= b->capacity)
		return;
	/* the first array: exactly what is asked for when that is more than
	 * the minimum (a deserialized or combined state), else the minimum */
	cap = b->capacity ? b->capacity : Max(need, OBS_BUF_MIN_CAP);
	while (cap < need)
		cap = (cap > max / 2) ? max : cap * 2;
	if (b->items == NULL)
		b->items = MemoryContextAllocHuge(b->mcxt, cap * sizeof(cls_obs));
	else
		b->items = repalloc_huge(b->items, cap * sizeof(cls_obs));
	b->capacity = cap;
}

void
cls_copy_interruptible(void *dst, const void *src, Size len)
{
	const Size	chunk = (Size) 16 * 1024 * 1024;

	while (len > 0)
	{
		Size		k = Min(len, chunk);

		CHECK_FOR_INTERRUPTS();
		memcpy(dst, src, k);
		dst = (char *) dst + k;
		src = (const char *) src + k;
		len -= k;
	}
}

void
cls_obs_buf_concat(cls_obs_buf *dst, const cls_obs_buf *src)
{
	if (src->count == 0)
		return;
	if (dst->sorted && src->sorted && dst->count > 0 &&
		cls_obs_less(&src->items[0], &dst->items[dst->count - 1]))
	{
		/* merge into a new array of exactly the room needed */
		cls_obs_buf	m;

		cls_obs_buf_init(&m, dst->mcxt);
		cls_obs_buf_reserve(&m, dst->count + src->count);
		cls_obs_merge(dst->items, dst->count, src->items, src->count, m.items);
		m.count = dst->count + src->count;
		pfree(dst->items);
		*dst = m;
		return;
	}
	cls_obs_buf_reserve(dst, src->count);
	if (!src->sorted ||
		(dst->count > 0 && cls_obs_less(&src->items[0], &dst->items[dst->count - 1])))
		dst->sorted = false;
	cls_copy_interruptible(dst->items + dst->count, src->items,
						   src->count * sizeof(cls_obs));
	dst->count += src->count;
}

void
cls_obs_buf_sort_tail(cls_obs_buf *b, Size from)
{
	if (from < b->count)
		cls_obs_sort(b->items + from, b->count - from);
}

bool
cls_obs_buf_sort(cls_obs_buf *b)
{
	if (b->sorted)
		return false;
	cls_obs_sort(b->items, b->count);	/* cancellable: src/core/sort.h */
	b->sorted = true;
	return true;
}

/* ---- serialization -------------------------------------------------------- */

void
cls_obs_serial_begin(StringInfo buf, Size hlen, const cls_obs_buf *b,
					 const char *what)
{
	Size		n = b ? b->count : 0;
	/* varlena header, caller's header, count, items, StringInfo's '\0' */
	Size		fixed = VARHDRSZ + hlen + sizeof(uint64) + 1;

	if (fixed > MaxAllocSize ||
		n > (MaxAllocSize - fixed) / sizeof(cls_obs))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many observations for one group in a parallel worker: %zu", (size_t) n),
				 errdetail("%s passes a partial aggregate state as a bytea of at most 1 GB (%zu observations).",
						   what, (size_t) (fixed > MaxAllocSize ? 0 : (MaxAllocSize - fixed) / sizeof(cls_obs))),
				 errhint("Run this query without parallel workers (SET max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(buf);		/* reserves the varlena header */
	enlargeStringInfo(buf, hlen + sizeof(uint64) + n * sizeof(cls_obs));
}

void
cls_obs_buf_write(StringInfo buf, const cls_obs_buf *b)
{
	uint64		n = b->count;
	Size		len = b->count * sizeof(cls_obs);

	appendBinaryStringInfo(buf, (const char *) &n, sizeof(n));
	if (len == 0)
		return;
	/* cls_obs_serial_begin made room for all of it */
	enlargeStringInfo(buf, len);
	cls_copy_interruptible(buf->data + buf->len, b->items, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

bytea *
cls_obs_serial_end(StringInfo buf)
{
	return pq_endtypsend(buf);
}

void
cls_obs_bad_state(const char *what, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s state: %s", what, why)));
}

void
cls_obs_serial_open(bytea *in, uint32 version, const char *what, StringInfo r)
{
	uint32		v;

	r->data = VARDATA_ANY(in);
	r->len = VARSIZE_ANY_EXHDR(in);
	r->maxlen = r->len;
	r->cursor = 0;
	if (r->len < (int) sizeof(uint32))
		cls_obs_bad_state(what, "too short");
	memcpy(&v, r->data, sizeof(uint32));
	if (v != version)
		cls_obs_bad_state(what, psprintf("unknown version %u", v));
}

void
cls_obs_serial_read(StringInfo r, void *dst, Size len, const char *what)
{
	if (len > (Size) (r->len - r->cursor))
		cls_obs_bad_state(what, "truncated");
	memcpy(dst, r->data + r->cursor, len);
	r->cursor += len;
}

void
cls_obs_buf_read(StringInfo r, cls_obs_buf *b, MemoryContext mcxt,
				 const int32 *pseudo, int npseudo, const char *what)
{
	uint64		n;
	Size		rest;

	cls_obs_buf_init(b, mcxt);
	cls_obs_serial_read(r, &n, sizeof(n), what);
	rest = (Size) (r->len - r->cursor);
	if (n > CLS_OBS_BUF_MAX || rest % sizeof(cls_obs) != 0 ||
		n != rest / sizeof(cls_obs))
		cls_obs_bad_state(what, "length does not match the number of observations");
	if (n == 0)
		return;
	cls_obs_buf_reserve(b, (Size) n);
	cls_copy_interruptible(b->items, r->data + r->cursor, (Size) n * sizeof(cls_obs));
	r->cursor += (Size) n * sizeof(cls_obs);
	b->count = (Size) n;
	b->sorted = true;			/* until an observation is out of order */
	for (Size i = 0; i < b->count; i++)
	{
		const cls_obs *o = &b->items[i];
		bool		ok = (o->analyte >= 0 && o->analyte < CLS_A__COUNT);

		if (i > 0 && cls_obs_less(o, o - 1))
			b->sorted = false;

		if ((i & (OBS_TICK - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		for (int k = 0; !ok && k < npseudo; k++)
			ok = (o->analyte == pseudo[k]);
		if (!ok)
			cls_obs_bad_state(what, psprintf("bad analyte %d", (int) o->analyte));
		if (!isfinite(o->v) || o->t == DT_NOBEGIN || o->t == DT_NOEND)
			cls_obs_bad_state(what, "bad observation");
	}
}

/* ---- packed streams -------------------------------------------------------- */

/*
 * The first room of a stream: 32 words, 128 bytes.  Up to 8 kB (the
 * largest chunk PostgreSQL's allocator rounds up to a power of two) the
 * room is the power of two the allocator gives anyway, so that all of the
 * chunk is used before the stream moves (1.5x requests would leave the
 * rest of each rounded chunk unused: measured 18 B per triad observation
 * at 10k patients instead of 8-12); beyond, 1.5x of exactly allocated
 * blocks.
 */
#define PACK_MIN_WORDS		32
#define PACK_SMALL_WORDS	(8192 / sizeof(uint32))

void
cls_pg_pack_reserve(MemoryContext mcxt, cls_pack *p, Size more)
{
	const Size	max = MaxAllocHugeSize / sizeof(uint32);
	Size		need,
				cap;

	if (more > max || p->nw > max - more)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many observations in one group: %zu", (size_t) p->n),
				 errdetail("One group can hold at most %zu bytes of packed observations (4 to 24 bytes each).",
						   (size_t) MaxAllocHugeSize),
				 errhint("Group by patient, pass only the rows of the analytes cls uses, or split a very long history by time.")));
	need = p->nw + more;
	if (need <= p->cap)
		return;
	cap = Max(need, PACK_MIN_WORDS);
	if (cap <= PACK_SMALL_WORDS)
		cap = pg_nextpower2_size_t(cap);	/* the allocator's own chunk */
	else if (p->cap > 0)
		cap = Max(cap, p->cap > max / 3 * 2 ? max : p->cap + p->cap / 2);
	p->w = cls_realloc_huge(mcxt, p->w, cap, sizeof(uint32), "packed words");
	p->cap = cap;
}

void
cls_pg_pack_append(MemoryContext mcxt, cls_pack *dst, const cls_pack *src)
{
	if (src->n == 0)
		return;
	cls_pg_pack_reserve(mcxt, dst, src->nw + CLS_PACK_MAX_WORDS);
	cls_pack_append(dst, src);
}

Size
cls_pg_pack_serial_size(const cls_pack *p)
{
	return 2 * sizeof(uint64) + p->nw * sizeof(uint32);
}

void
cls_pg_pack_serial_check(Size bytes, const char *what)
{
	if (bytes > MaxAllocSize - VARHDRSZ - 1)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many observations for one group in a parallel worker"),
				 errdetail("%s passes a partial aggregate state as a bytea of at most 1 GB; this one needs %zu bytes.",
						   what, (size_t) bytes),
				 errhint("Run this query without parallel workers (SET max_parallel_workers_per_gather = 0).")));
}

void
cls_pg_pack_write(StringInfo buf, const cls_pack *p)
{
	uint64		h[2] = {p->n, p->nw};
	Size		len = p->nw * sizeof(uint32);

	appendBinaryStringInfo(buf, (const char *) h, sizeof(h));
	if (len == 0)
		return;
	enlargeStringInfo(buf, len);
	cls_copy_interruptible(buf->data + buf->len, p->w, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void
cls_pg_pack_read(StringInfo r, cls_pack *p, bool values, MemoryContext mcxt,
				 const char *what)
{
	uint64		h[2];
	const char *why;

	cls_pack_init(p, values);
	cls_obs_serial_read(r, h, sizeof(h), what);
	/* every entry takes one word at least */
	if (h[1] > (uint64) (r->len - r->cursor) / sizeof(uint32) || h[0] > h[1])
		cls_obs_bad_state(what, "stream length does not match the bytes");
	if (h[1] == 0)
		return;
	p->w = cls_alloc_huge(mcxt, (Size) h[1], sizeof(uint32), "packed words");
	p->cap = p->nw = (Size) h[1];
	p->n = (Size) h[0];
	cls_copy_interruptible(p->w, r->data + r->cursor, p->nw * sizeof(uint32));
	r->cursor += p->nw * sizeof(uint32);
	why = cls_pack_check(p);
	if (why != NULL)
		cls_obs_bad_state(what, why);
}

cls_obs *
cls_obs_streams_sorted(const cls_obs_stream *s, int k, Size n,
					   MemoryContext mcxt)
{
	cls_obs    *obs = cls_alloc_huge(mcxt, n, sizeof(cls_obs), "observations");
	cls_pack_run runs[CLS_PACK_MAX_RUNS];
	size_t		nr = 0;

	for (int i = 0; i < k && nr <= CLS_PACK_MAX_RUNS; i++)
		nr += cls_pack_runs(&s[i].p, s[i].analyte, runs + nr,
							CLS_PACK_MAX_RUNS - nr);
	if (nr <= CLS_PACK_MAX_RUNS)
		cls_pack_merge_runs(runs, nr, obs);
	else
	{
		Size		m = 0;

		for (int i = 0; i < k; i++)
		{
			cls_pack_cursor c = CLS_PACK_START;

			m += cls_pack_decode_obs(&s[i].p, &c, s[i].analyte, obs + m);
		}
		Assert(m == n);
		cls_obs_sort(obs, m);	/* cancellable: src/core/sort.h */
	}
	return obs;
}

void
cls_obs_buf_append_stream(cls_obs_buf *b, const cls_obs_stream *s,
						  cls_pack_cursor *c)
{
	Size		more = s->p.n - c->n;

	if (more == 0)
		return;
	cls_obs_buf_reserve(b, more);
	b->count += cls_pack_decode_obs(&s->p, c, s->analyte, b->items + b->count);
	b->sorted = false;
}

/* ---- arguments ------------------------------------------------------------- */

int64
cls_pg_interval_usecs(const char *argname, Interval *iv,
					  const char *month_detail, const char *month_hint,
					  const char *big_detail, const char *big_hint)
{
	int64		us;
	bool		big;

	if (iv->month != 0)
		cls_pg_bad_arg(argname,
					   DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(iv))),
					   month_detail, month_hint);
	big = pg_mul_s64_overflow((int64) iv->day, USECS_PER_DAY, &us) ||
		pg_add_s64_overflow(us, iv->time, &us);
	if (big)
		cls_pg_bad_arg(argname,
					   DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(iv))),
					   big_detail ? big_detail : month_detail,
					   big_detail ? big_hint : month_hint);
	return us;
}

/* ---- result types ---------------------------------------------------------- */

TupleDesc
cls_pg_array_elem_tupdesc(FunctionCallInfo fcinfo, MemoryContext mcxt,
						  int natts, const char *what, Oid *elem)
{
	Oid			rettype = get_fn_expr_rettype(fcinfo->flinfo);
	Oid			et;
	MemoryContext old;
	TupleDesc	td;

	if (!OidIsValid(rettype))
		rettype = get_func_rettype(fcinfo->flinfo->fn_oid);
	et = get_element_type(rettype);
	if (!OidIsValid(et))
		elog(ERROR, "the result of a function returning %s[] must be an array", what);
	old = MemoryContextSwitchTo(mcxt);
	td = BlessTupleDesc(lookup_rowtype_tupdesc_copy(et, -1));
	MemoryContextSwitchTo(old);
	if (natts >= 0 && td->natts != natts)
		elog(ERROR, "%s has an unexpected shape", what);
	if (elem)
		*elem = et;
	return td;
}

/* ---- other huge allocations ------------------------------------------------ */

void *
cls_realloc_huge(MemoryContext mcxt, void *old, Size count, Size size,
				 const char *what)
{
	Assert(size > 0);
	count = Max(count, 1);
	if (count > MaxAllocHugeSize / size)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many %s in one group: %zu", what, (size_t) count),
				 errdetail("One group can hold at most %zu %s (%zu bytes each).",
						   (size_t) (MaxAllocHugeSize / size), what, (size_t) size),
				 errhint("Group by a finer key (per patient, or per patient and year), or split a very long history by time.")));
	if (old == NULL)
		return MemoryContextAllocExtended(mcxt, count * size, MCXT_ALLOC_HUGE);
	return repalloc_huge(old, count * size);
}

void *
cls_alloc_huge(MemoryContext mcxt, Size count, Size size, const char *what)
{
	return cls_realloc_huge(mcxt, NULL, count, size, what);
}

/* ---- time kinds and calendars ---------------------------------------------- */

int
cls_pg_time_kind_of_type(Oid typid)
{
	switch (typid)
	{
		case TIMESTAMPTZOID:
		case TSTZRANGEOID:
		case TSTZMULTIRANGEOID:
		case TIMESTAMPTZARRAYOID:
			return CLS_PG_TSTZ;
		case TIMESTAMPOID:
		case TSRANGEOID:
		case TSMULTIRANGEOID:
		case TIMESTAMPARRAYOID:
			return CLS_PG_TS;
		case DATEOID:
		case DATERANGEOID:
		case DATEMULTIRANGEOID:
		case DATEARRAYOID:
			return CLS_PG_DATE;
		default:
			return -1;
	}
}

/* typid's kind, looking into an array's element and a composite's fields */
static int
time_kind_deep(Oid typid)
{
	int			k = cls_pg_time_kind_of_type(typid);
	Oid			elem;

	if (k >= 0 || !OidIsValid(typid))
		return k;
	elem = get_element_type(typid);
	if (OidIsValid(elem))
		return time_kind_deep(elem);
	if (type_is_rowtype(typid))
	{
		TupleDesc	td = lookup_rowtype_tupdesc(typid, -1);

		for (int i = 0; i < td->natts && k < 0; i++)
			if (!TupleDescAttr(td, i)->attisdropped)
				k = cls_pg_time_kind_of_type(TupleDescAttr(td, i)->atttypid);
		ReleaseTupleDesc(td);
	}
	return k;
}

cls_pg_time_kind
cls_pg_arg_time_kind(FunctionCallInfo fcinfo, int argno)
{
	int			k = time_kind_deep(get_fn_expr_argtype(fcinfo->flinfo, argno));

	if (k < 0)
		elog(ERROR, "argument %d of this cls function has no time type", argno + 1);
	return (cls_pg_time_kind) k;
}

cls_pg_time_kind
cls_pg_result_time_kind(FunctionCallInfo fcinfo)
{
	Oid			rettype = get_fn_expr_rettype(fcinfo->flinfo);
	int			k;

	if (!OidIsValid(rettype))
		rettype = get_func_rettype(fcinfo->flinfo->fn_oid);
	k = time_kind_deep(rettype);
	if (k < 0)
		elog(ERROR, "the result of this cls function has no time type");
	return (cls_pg_time_kind) k;
}

Oid
cls_pg_time_type(cls_pg_time_kind k)
{
	return k == CLS_PG_TS ? TIMESTAMPOID : k == CLS_PG_DATE ? DATEOID : TIMESTAMPTZOID;
}

Oid
cls_pg_range_type(cls_pg_time_kind k)
{
	return k == CLS_PG_TS ? TSRANGEOID : k == CLS_PG_DATE ? DATERANGEOID : TSTZRANGEOID;
}

Oid
cls_pg_multirange_type(cls_pg_time_kind k)
{
	return k == CLS_PG_TS ? TSMULTIRANGEOID : k == CLS_PG_DATE ? DATEMULTIRANGEOID : TSTZMULTIRANGEOID;
}

/* cls_calendar.utc_offset over a pg_tz: the UTC offset in force at t */
static int64_t
zone_utc_offset(const void *ctx, int64_t t)
{
	pg_time_t	tt;
	struct pg_tm *tm;

	if (t < MIN_TIMESTAMP || t >= END_TIMESTAMP)
		return 0;
	tt = (pg_time_t) cls_floor_div(t, USECS_PER_SEC) +
		(pg_time_t) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY;
	tm = pg_localtime(&tt, (const pg_tz *) ctx);
	return tm ? (int64_t) tm->tm_gmtoff * USECS_PER_SEC : 0;
}

void
cls_pg_calendar(text *zone, const char *argname, cls_calendar *cal)
{
	char	   *name = text_to_cstring(zone);
	pg_tz	   *tz = NULL;
	long		gmtoff;

	cal->utc_offset = NULL;
	cal->ctx = NULL;
	if (strlen(name) < TZ_STRLEN_MAX)
		tz = pg_tzset(name);
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: \"%s\"", argname, cls_pg_clip(name)),
				 errdetail("cls dates a timestamptz by the wall clock of the place of care, named as an IANA time zone."),
				 errhint("Write a zone name such as 'UTC', 'America/New_York' or 'Asia/Kolkata' (SELECT name FROM pg_timezone_names).")));
	/* a zone with one fixed offset of 0 is UTC: no call per date */
	pfree(name);
	if (pg_get_timezone_offset(tz, &gmtoff) && gmtoff == 0)
		return;
	cal->utc_offset = zone_utc_offset;
	cal->ctx = tz;
}

void
cls_pg_calendar_for(cls_pg_time_kind k, text *zone, const char *argname,
					cls_calendar *cal)
{
	/* a misspelt zone is a query mistake even where a wall clock ignores it */
	cls_pg_calendar(zone, argname, cal);
	if (k != CLS_PG_TSTZ)
	{
		cal->utc_offset = NULL;
		cal->ctx = NULL;
	}
}

Size
cls_pg_time_array(ArrayType *arr, cls_pg_time_kind k, MemoryContext mcxt,
				  int64 **out)
{
	Oid			elem = cls_pg_time_type(k);
	Datum	   *d;
	bool	   *nulls;
	int			n;
	int64	   *v;
	Size		m = 0;

	if (k == CLS_PG_DATE || ARR_ELEMTYPE(arr) != elem)
		elog(ERROR, "expected a %s[]", format_type_be(elem));
	/* timestamptz and timestamp are both int64 microseconds */
	deconstruct_array(arr, elem, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &d, &nulls, &n);
	v = cls_alloc_huge(mcxt, Max(n, 1), sizeof(int64), "times");
	for (int i = 0; i < n; i++)
		if (!nulls[i] && !TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(d[i])))
			v[m++] = DatumGetTimestampTz(d[i]);
	*out = v;
	return m;
}
