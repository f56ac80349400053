/*
 * pack.h -- THE compact append-only buffer of the aggregate states: a
 * stream of times, or of (time, value) pairs, in 4-byte words.
 *
 * A patient's observations are buffered until the final function sorts
 * them; as raw cls_obs they cost 24 bytes each, which makes the hash
 * aggregate of a warehouse spill.  Times of a warehouse are whole seconds
 * (mostly minutes) close to the previous time of the same stream, and
 * measured values have few decimals, so a stream stores
 *  - a time as its difference from the previous time of the stream (the
 *    first from 0, 2000-01-01) in whole seconds, one int32 word, when the
 *    difference is a whole number of seconds that fits;
 *  - a value (value streams) as an int32 count of thousandths s, when
 *    (double) s / 1000.0 is the value bit for bit (2.9, 85, 45.3 are; a
 *    weight of 70.3068 kg converted from pounds, -0.0, a subnormal are not);
 *  - anything else as an escape: the word CLS_PACK_ESC followed by the raw
 *    int64 time or IEEE double in two words.  Infinite times
 *    (CLS_TIME_NOBEGIN / CLS_TIME_NOEND) are always escapes.
 * Decoding gives back every time and value exactly (tested bit for bit in
 * test/unit/test_pack.c): a value off by one ulp at a threshold would be a
 * wrong grade.  A typical entry is 4 bytes (times) or 8 bytes (pairs); an
 * escaped one at most 12 or 24.
 *
 * The storage is the caller's (the core does not allocate): it keeps
 * p->w with room for p->cap words and makes sure that at least
 * CLS_PACK_MAX_WORDS words are free before each put.  The byte layout is
 * the native one (a serialized state goes from a worker to its leader on
 * the same machine); cls_pack_check validates words from outside before
 * anything else reads them.
 *
 * Plain C99, no PostgreSQL header.
 */
#ifndef CLS_PACK_H
#define CLS_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "obs.h"

#define CLS_PACK_ESC		INT32_MIN	/* the escape word */
#define CLS_PACK_MAX_WORDS	6	/* the most words one entry takes */
#define CLS_PACK_USECS		INT64_C(1000000)	/* a time word's unit: 1 s */

typedef struct cls_pack
{
	uint32_t   *w;				/* the words (caller's storage) */
	size_t		nw;				/* words used */
	size_t		cap;			/* words room in w (caller's) */
	size_t		n;				/* entries */
	int64_t		last_t;			/* time of the last entry (0: none yet) */
	double		last_v;			/* value of the last entry (value streams) */
	bool		values;			/* (time, value) pairs, else times only */
	bool		sorted;			/* entries non-decreasing by (t, v) */
} cls_pack;

/* Where a decoder stands in a stream: after n entries, nw words, at time t.
 * CLS_PACK_START: the beginning. */
typedef struct cls_pack_cursor
{
	size_t		nw;
	size_t		n;
	int64_t		t;
} cls_pack_cursor;

#define CLS_PACK_START	((cls_pack_cursor) {0, 0, 0})

/* An empty stream (no storage yet) of times or of (time, value) pairs. */
static inline void
cls_pack_init(cls_pack *p, bool values)
{
	memset(p, 0, sizeof(*p));
	p->values = values;
	p->sorted = true;
}

/* The time word of t after prev: true and *q when t - prev is a whole
 * number of seconds in the int32 range (not the escape word).  The
 * difference is taken modulo 2^64, as the decoder adds it back, so the
 * round trip is exact whatever the two times. */
static inline bool
cls_pack_time_word(int64_t t, int64_t prev, int32_t *q)
{
	int64_t		d;

	if (t == CLS_TIME_NOBEGIN || t == CLS_TIME_NOEND)
		return false;
	d = (int64_t) ((uint64_t) t - (uint64_t) prev);
	if (d % CLS_PACK_USECS != 0)
		return false;
	d /= CLS_PACK_USECS;
	if (d <= INT32_MIN || d > INT32_MAX)
		return false;
	*q = (int32_t) d;
	return true;
}

static inline int64_t
cls_pack_time_of_word(int32_t q, int64_t prev)
{
	return (int64_t) ((uint64_t) prev + (uint64_t) ((int64_t) q * CLS_PACK_USECS));
}

/* The value word of v: true and *q when (double) *q / 1000.0 is v bit for
 * bit (NaN, -0.0, subnormals and large values are not). */
static inline bool
cls_pack_value_word(double v, int32_t *q)
{
	double		x = v * 1000.0;
	int32_t		s;
	double		back;

	if (!(x > -2147483647.5 && x < 2147483647.5))
		return false;
	s = (int32_t) (x + (x >= 0 ? 0.5 : -0.5));
	back = (double) s / 1000.0;
	if (memcmp(&back, &v, sizeof(double)) != 0)
		return false;
	*q = s;
	return true;
}

static inline double
cls_pack_value_of_word(int32_t q)
{
	return (double) q / 1000.0;
}

/* one word, or the escape and 8 raw bytes */
static inline void
cls_pack_put_word(cls_pack *p, bool fits, int32_t q, const void *raw)
{
	if (fits)
		p->w[p->nw++] = (uint32_t) q;
	else
	{
		p->w[p->nw] = (uint32_t) CLS_PACK_ESC;
		memcpy(&p->w[p->nw + 1], raw, 8);
		p->nw += 3;
	}
}

/* Append time t (a times stream); p->cap - p->nw >= CLS_PACK_MAX_WORDS. */
static inline void
cls_pack_put_time(cls_pack *p, int64_t t)
{
	int32_t		q = 0;
	bool		fits = cls_pack_time_word(t, p->last_t, &q);

	cls_pack_put_word(p, fits, q, &t);
	if (p->n > 0 && t < p->last_t)
		p->sorted = false;
	p->last_t = t;
	p->n++;
}

/* Append (t, v) (a value stream); p->cap - p->nw >= CLS_PACK_MAX_WORDS. */
static inline void
cls_pack_put(cls_pack *p, int64_t t, double v)
{
	int32_t		q = 0;
	bool		fits = cls_pack_time_word(t, p->last_t, &q);

	cls_pack_put_word(p, fits, q, &t);
	fits = cls_pack_value_word(v, &q);
	cls_pack_put_word(p, fits, q, &v);
	if (p->n > 0 && (t < p->last_t || (t == p->last_t && v < p->last_v)))
		p->sorted = false;
	p->last_t = t;
	p->last_v = v;
	p->n++;
}

/*
 * Decode from *c to the end of the stream: the times into t (room for
 * p->n - c->n), and for a value stream the values into v (NULL: skipped).
 * Returns how many; *c is then at the end.  p must be valid (written by
 * the puts, or checked by cls_pack_check).  Cancellable (sort.h).
 */
size_t		cls_pack_decode(const cls_pack *p, cls_pack_cursor *c, int64_t *t,
							double *v);
/* The same as observations of one analyte (a value stream). */
size_t		cls_pack_decode_obs(const cls_pack *p, cls_pack_cursor *c,
								int32_t analyte, cls_obs *out);

/*
 * The sorted runs of value streams as sources of one merge, decoded on the
 * fly: the final function of a state whose streams are each one sorted run
 * (rows in time order) or a few (a combined state) merges them straight
 * into its observation array, with no second array and no sort.
 * cls_pack_runs scans p (one pass) and writes its runs (maximal
 * non-decreasing stretches by (t, v)) to runs[0..), at most max of them;
 * returns how many it found, max + 1 when there are more (then runs[] is
 * not usable: sort instead).  cls_pack_merge_runs merges k runs
 * (k <= CLS_PACK_MAX_RUNS; it advances their cursors), in cls_obs_sort
 * order, into out (room for all their entries).  Cancellable.
 */
#define CLS_PACK_MAX_RUNS	64
typedef struct cls_pack_run
{
	const cls_pack *p;
	int32_t		analyte;
	cls_pack_cursor c;			/* the run's first entry */
	size_t		end;			/* entry index after its last */
} cls_pack_run;

size_t		cls_pack_runs(const cls_pack *p, int32_t analyte, cls_pack_run *runs,
						  size_t max);
void		cls_pack_merge_runs(cls_pack_run *runs, size_t k, cls_obs *out);

/* Append every entry of src to dst (same kind; dst has room for
 * src->nw + CLS_PACK_MAX_WORDS more words: a re-encoded entry is at most
 * as long as it was, except the first, which may need an escape). */
void		cls_pack_append(cls_pack *dst, const cls_pack *src);

/*
 * Validate a stream whose w, nw, n and values come from outside (a
 * serialized state): every entry complete, exactly n of them in nw words,
 * every time finite and inside PostgreSQL's range [CLS_TIME_MIN,
 * CLS_TIME_END), every value finite.  Sets last_t, last_v and sorted.
 * Returns NULL, or why the stream is invalid.
 */
const char *cls_pack_check(cls_pack *p);

#endif							/* CLS_PACK_H */
