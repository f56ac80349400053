/*
 * obs_pg.c -- the observation buffer shared by the cls aggregates that
 * buffer cls_obs (see obs_pg.h for who uses it and why it is one).
 */
#include "obs_pg.h"

#include <math.h>

#include "common/int.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"
#include "utils/timestamp.h"

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
