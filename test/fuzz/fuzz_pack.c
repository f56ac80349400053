/*
 * fuzz_pack.c -- libFuzzer target: the packed streams of the aggregate
 * states (src/core/pack.h).
 *
 * Input: [flags u8] then the rest, read two ways:
 *  1. as records of 16 bytes [t i64][v f64] (a short last record reads as
 *     zeros; flags bit 0: "warehouse-like" times, t reduced to whole
 *     minutes around 2020 so that most entries are not escapes; bit 1:
 *     values reduced to thousandths): encoded into a value stream and a
 *     time stream, in pieces appended to each other (flags bits 2-4: where
 *     the split falls);
 *  2. as raw words, a stream from outside (a corrupt serialized state),
 *     with an entry count from the first word.
 *
 * Invariants (abort on violation):
 *  round trip: decoding gives back every time and value bit for bit, the
 *              whole stream at once and in pieces, after an append too;
 *              the sorted flag is exactly "non-decreasing by (t, v)";
 *  size:       at most 6 words per (time, value) entry, 3 per time;
 *  runs:       the runs of the streams merged from the words equal the
 *              decoded observations sorted by the total order;
 *  check:      a stream as written passes cls_pack_check when its times
 *              are inside PostgreSQL's range and its values finite, and is
 *              refused otherwise; raw words never make cls_pack_check (or,
 *              when it accepts them, the decoder) read outside them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "fuzz_common.h"
#include "pack.h"

static bool
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(double)) == 0;
}

static int
cmp_obs(const void *x, const void *y)
{
	return cls_obs_less(x, y) ? -1 : cls_obs_less(y, x);
}

static void
pack_alloc(cls_pack *p, bool values, size_t n)
{
	cls_pack_init(p, values);
	p->cap = n * CLS_PACK_MAX_WORDS + CLS_PACK_MAX_WORDS;
	p->w = (uint32_t *) fuzz_alloc(p->cap * sizeof(uint32_t));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in		in = {data, size};
	uint8_t		flags = fuzz_u8(&in);
	size_t		n = (in.n + 15) / 16,
				split;
	int64_t    *t = (int64_t *) fuzz_alloc(n * sizeof(int64_t));
	double	   *v = (double *) fuzz_alloc(n * sizeof(double));
	int64_t    *t2 = (int64_t *) fuzz_alloc(n * sizeof(int64_t));
	double	   *v2 = (double *) fuzz_alloc(n * sizeof(double));
	cls_obs    *o = (cls_obs *) fuzz_alloc(n * sizeof(cls_obs));
	cls_obs    *o2 = (cls_obs *) fuzz_alloc(n * sizeof(cls_obs));
	cls_pack	a,
				b,
				q;
	cls_pack_cursor c = CLS_PACK_START;
	bool		sorted = true,
				tsorted = true,
				valid = true;
	const uint8_t *raw = in.p;
	size_t		rawn = in.n;

	for (size_t i = 0; i < n; i++)
	{
		t[i] = fuzz_i64(&in);
		v[i] = fuzz_f64(&in);
		if (flags & 1)
			t[i] = INT64_C(631152000000000) + (t[i] % 100000) * 60 * CLS_PACK_USECS;
		if (flags & 2)
			v[i] = (double) ((int64_t) (uint32_t) t[i] % 2000000) / 1000.0;
		if (i > 0 && (t[i] < t[i - 1] || (t[i] == t[i - 1] && v[i] < v[i - 1])))
			sorted = false;
		if (i > 0 && t[i] < t[i - 1])
			tsorted = false;
		if (t[i] < CLS_TIME_MIN || t[i] >= CLS_TIME_END || !isfinite(v[i]))
			valid = false;
	}
	split = n ? (size_t) ((flags >> 2) & 7) * n / 7 : 0;

	/* 1. round trip, with an append at split */
	pack_alloc(&a, true, n);
	pack_alloc(&b, true, n);
	pack_alloc(&q, false, n);
	for (size_t i = 0; i < n; i++)
	{
		cls_pack_put(i < split ? &a : &b, t[i], v[i]);
		cls_pack_put_time(&q, t[i]);
	}
	FUZZ_ASSERT("size", a.nw + b.nw <= 6 * n && q.nw <= 3 * n);
	cls_pack_append(&a, &b);
	FUZZ_ASSERT("append count", a.n == n && a.nw <= 6 * n + 2);
	FUZZ_ASSERT("sorted flag", a.sorted == sorted && q.sorted == tsorted);
	FUZZ_ASSERT("decode count", cls_pack_decode(&a, &c, t2, v2) == n && c.nw == a.nw);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT("round trip", t2[i] == t[i] && same_bits(v2[i], v[i]));
	c = CLS_PACK_START;
	FUZZ_ASSERT("time decode count", cls_pack_decode(&q, &c, t2, NULL) == n);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT("time round trip", t2[i] == t[i]);
	/* in pieces: decoded from a cursor while the stream grows (window use) */
	{
		cls_pack	r;
		cls_pack_cursor rc = CLS_PACK_START;
		size_t		got = 0;

		pack_alloc(&r, true, n);
		for (size_t i = 0; i < n; i++)
		{
			cls_pack_put(&r, t[i], v[i]);
			if ((t[i] & 3) == 0 || i == n - 1)
				got += cls_pack_decode_obs(&r, &rc, 3, o + got);
		}
		FUZZ_ASSERT("pieces count", got == n);
		for (size_t i = 0; i < n; i++)
			FUZZ_ASSERT("pieces", o[i].t == t[i] && same_bits(o[i].v, v[i]) && o[i].analyte == 3);
		free(r.w);
	}
	/* runs merged from the words == the decoded observations sorted (no
	 * NaN values: the order is not total with NaN, and states hold none) */
	if (valid)
	{
		cls_pack_run runs[CLS_PACK_MAX_RUNS];
		size_t		k = cls_pack_runs(&a, 3, runs, CLS_PACK_MAX_RUNS);

		if (k <= CLS_PACK_MAX_RUNS)
		{
			qsort(o, n, sizeof(cls_obs), cmp_obs);
			cls_pack_merge_runs(runs, k, o2);
			for (size_t i = 0; i < n; i++)
				FUZZ_ASSERT("runs merge", o2[i].t == o[i].t && o2[i].v == o[i].v);
			FUZZ_ASSERT("one run when sorted", !sorted || k == (n > 0));
		}
	}
	/* the check of the stream as written */
	{
		cls_pack	x = a;

		x.sorted = !a.sorted;
		FUZZ_ASSERT("check", (cls_pack_check(&x) == NULL) == valid);
		if (valid)
			FUZZ_ASSERT("check sorted", x.sorted == a.sorted && x.last_t == a.last_t);
	}

	/* 2. raw words from outside: exact-size copy, so any overread shows */
	{
		size_t		nw = rawn / 4;
		uint32_t   *w = (uint32_t *) fuzz_bytes(raw, nw * 4);
		cls_pack	x;

		cls_pack_init(&x, (flags & 32) != 0);
		x.w = w;
		x.nw = x.cap = nw;
		x.n = nw ? (size_t) (w[0] % (nw + 1)) : 0;
		if (cls_pack_check(&x) == NULL && x.n > 0)
		{
			int64_t    *rt = (int64_t *) fuzz_alloc(x.n * sizeof(int64_t));
			double	   *rv = (double *) fuzz_alloc(x.n * sizeof(double));
			cls_pack_cursor rc = CLS_PACK_START;

			FUZZ_ASSERT("accepted words decode", cls_pack_decode(&x, &rc, rt, rv) == x.n &&
						rc.nw == x.nw);
			for (size_t i = 0; i < x.n; i++)
				FUZZ_ASSERT("accepted words in range", rt[i] >= CLS_TIME_MIN && rt[i] < CLS_TIME_END &&
							(!x.values || isfinite(rv[i])));
			free(rt);
			free(rv);
		}
		free(w);
	}
	free(a.w);
	free(b.w);
	free(q.w);
	free(t);
	free(v);
	free(t2);
	free(v2);
	free(o);
	free(o2);
	return 0;
}
