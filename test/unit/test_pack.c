/*
 * test_pack.c -- unit tests of the packed streams (src/core/pack.h): every
 * time and value comes back bit for bit, with and without escapes, at the
 * int32 limits, for negative differences, -0.0, huge values and
 * subnormals; incremental decoding, appending, and validation of corrupt
 * or truncated words.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"
#include "unit.h"

#define N 20000

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t
next_rand(void)
{
	return unit_xorshift(&rng);
}

/* storage for n entries at most */
static void
pack_alloc(cls_pack *p, bool values, size_t n)
{
	cls_pack_init(p, values);
	p->cap = n * CLS_PACK_MAX_WORDS + CLS_PACK_MAX_WORDS;
	p->w = malloc(p->cap * sizeof(uint32_t));
	if (p->w == NULL)
		abort();
}

static bool
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(double)) == 0;
}

/* fill t[], v[] with data of a kind: 0 warehouse-like (minutes, 1-3
 * decimals), 1 with escapes mixed in, 2 edge values only */
static void
fill(int64_t *t, double *v, size_t n, int kind)
{
	static const int64_t et[] = {
		CLS_TIME_NOBEGIN, CLS_TIME_NOEND, CLS_TIME_MIN, CLS_TIME_END - 1, 0, 1, -1,
		(int64_t) INT32_MAX * CLS_PACK_USECS, (int64_t) INT32_MIN * CLS_PACK_USECS,
		((int64_t) INT32_MAX + 1) * CLS_PACK_USECS, -(int64_t) INT32_MAX * CLS_PACK_USECS,
		INT64_C(631152000000000), INT64_C(631152000000001)};
	static const double ev[] = {
		0.0, -0.0, 2.9, 85, 45.3, 70.3068, 1e300, -1e300, DBL_MAX, -DBL_MAX,
		DBL_MIN, 4.9e-324, 1e-310, 2147483.647, 2147483.648, -2147483.647,
		-2147483.648, 0.001, -0.001, 0.0005, 1.0 / 3.0, 123456.789};
	int64_t		base = INT64_C(631152000000000);	/* 2020-01-01 */

	for (size_t i = 0; i < n; i++)
	{
		uint64_t	r = next_rand();

		base += (int64_t) (r % 240) * 60 * CLS_PACK_USECS - 3600 * CLS_PACK_USECS;
		t[i] = base;
		v[i] = (double) (int64_t) ((r >> 20) % 200000) / (r & 1 ? 10.0 : 100.0);
		if (kind == 1 && r % 7 == 0)
		{
			t[i] = base + (int64_t) (r >> 40) % CLS_PACK_USECS;
			v[i] = (double) (r >> 11) * 0x1.0p-53 * 1e6;
		}
		if (kind == 1 && r % 13 == 0)
			t[i] = (r >> 30) & 1 ? CLS_TIME_NOEND : CLS_TIME_NOBEGIN;
		if (kind == 2)
		{
			t[i] = et[(r >> 8) % (sizeof(et) / sizeof(et[0]))];
			v[i] = ev[(r >> 24) % (sizeof(ev) / sizeof(ev[0]))];
		}
	}
}

int
main(void)
{
	static int64_t t[N], t2[N];
	static double v[N], v2[N];
	static cls_obs o[N];
	const char *kinds[] = {"warehouse-like", "with escapes", "edge values"};

	for (int kind = 0; kind < 3; kind++)
	{
		cls_pack	p,
					q;
		cls_pack_cursor c = CLS_PACK_START;
		size_t		k,
					bad = 0;
		bool		sorted = true;

		fill(t, v, N, kind);
		pack_alloc(&p, true, N);
		pack_alloc(&q, false, N);
		for (size_t i = 0; i < N; i++)
		{
			cls_pack_put(&p, t[i], v[i]);
			cls_pack_put_time(&q, t[i]);
			if (i > 0 && (t[i] < t[i - 1] || (t[i] == t[i - 1] && v[i] < v[i - 1])))
				sorted = false;
		}
		k = cls_pack_decode(&p, &c, t2, v2);
		for (size_t i = 0; i < N; i++)
			bad += t2[i] != t[i] || !same_bits(v2[i], v[i]);
		CHECK(k == N && bad == 0 && c.n == N && c.nw == p.nw,
			  "(time, value) round trip of %d %s entries is exact", N, kinds[kind]);
		CHECK(p.sorted == sorted, "the sorted flag of %s entries is right", kinds[kind]);
		if (kind == 0)
			CHECK(p.nw == 2 * (size_t) N,
				  "warehouse-like entries take 2 words each (%zu words for %d)", p.nw, N);
		c = CLS_PACK_START;
		memset(t2, 0, sizeof(t2));
		k = cls_pack_decode(&q, &c, t2, NULL);
		bad = 0;
		for (size_t i = 0; i < N; i++)
			bad += t2[i] != t[i];
		CHECK(k == N && bad == 0, "time round trip of %d %s times is exact", N, kinds[kind]);
		if (kind == 0)
			CHECK(q.nw == (size_t) N, "warehouse-like times take 1 word each");

		/* incremental: decode in pieces while appending */
		{
			cls_pack	r;
			cls_pack_cursor rc = CLS_PACK_START;
			size_t		got = 0;

			pack_alloc(&r, true, N);
			bad = 0;
			for (size_t i = 0; i < N; i++)
			{
				cls_pack_put(&r, t[i], v[i]);
				if (next_rand() % 100 == 0 || i == N - 1)
				{
					size_t		m = cls_pack_decode_obs(&r, &rc, 7, o + got);

					got += m;
				}
			}
			for (size_t i = 0; i < got; i++)
				bad += o[i].t != t[i] || !same_bits(o[i].v, v[i]) || o[i].analyte != 7;
			CHECK(got == N && bad == 0, "decoding %s entries in pieces while appending is exact",
				  kinds[kind]);
			free(r.w);
		}

		/* append: the concatenation of two streams */
		{
			cls_pack	a,
						b;
			cls_pack_cursor ac = CLS_PACK_START;
			size_t		h = N / 3;

			pack_alloc(&a, true, N);
			pack_alloc(&b, true, N);
			for (size_t i = 0; i < h; i++)
				cls_pack_put(&a, t[i], v[i]);
			for (size_t i = h; i < N; i++)
				cls_pack_put(&b, t[i], v[i]);
			cls_pack_append(&a, &b);
			k = cls_pack_decode(&a, &ac, t2, v2);
			bad = 0;
			for (size_t i = 0; i < N; i++)
				bad += t2[i] != t[i] || !same_bits(v2[i], v[i]);
			CHECK(k == N && bad == 0 && a.n == N && a.sorted == sorted &&
				  a.last_t == t[N - 1] && same_bits(a.last_v, v[N - 1]),
				  "appending two %s streams gives their concatenation", kinds[kind]);
			free(a.w);
			free(b.w);
		}

		/* validation of the stream as written */
		{
			cls_pack	x = p;
			bool		want = kind != 1 && kind != 2;	/* finite in range */

			x.last_t = 0;
			x.sorted = !p.sorted;
			CHECK((cls_pack_check(&x) == NULL) == want &&
				  (!want || (x.sorted == p.sorted && x.last_t == p.last_t)),
				  "cls_pack_check of %s entries: %s", kinds[kind], want ? "valid" : "times out of range refused");
		}
		free(p.w);
		free(q.w);
	}

	/* runs of streams merged straight from the packed words == qsort */
	for (int parts = 1; parts <= 4; parts++)
	{
		static cls_obs got[N], want[N];
		cls_pack	st[3];
		cls_pack_run runs[CLS_PACK_MAX_RUNS];
		size_t		k = 0,
					total = 0,
					bad = 0,
					r;

		for (int s = 0; s < 3; s++)
		{
			pack_alloc(&st[s], true, N);
			/* parts sorted runs per stream (a combined state), ties in
			 * time across streams and within a run */
			for (int part = 0; part < parts; part++)
				for (size_t i = 0; i < N / 12; i++)
				{
					int64_t		tt = (int64_t) (i / 2) * 60 * CLS_PACK_USECS + part;
					double		vv = (double) ((i + (size_t) s) % 3) / 10.0 + (double) (i % 2);

					cls_pack_put(&st[s], tt, vv);
					want[total].t = tt;
					want[total].v = vv;
					want[total].analyte = s;
					total++;
				}
			r = cls_pack_runs(&st[s], s, runs + k, CLS_PACK_MAX_RUNS - k);
			k += r;
		}
		qsort(want, total, sizeof(cls_obs), unit_cmp_obs);
		cls_pack_merge_runs(runs, k, got);
		for (size_t i = 0; i < total; i++)
			bad += got[i].t != want[i].t || !same_bits(got[i].v, want[i].v) ||
				got[i].analyte != want[i].analyte;
		CHECK(k >= (size_t) (3 * parts) && bad == 0,
			  "3 streams of %d sorted parts: %zu runs, merged from the words equal qsort", parts, k);
		for (int s = 0; s < 3; s++)
			free(st[s].w);
	}
	{
		cls_pack	p;
		cls_pack_run runs[4];

		pack_alloc(&p, true, 16);
		for (int i = 0; i < 10; i++)
			cls_pack_put(&p, 10 - i, 1.0);
		CHECK(cls_pack_runs(&p, 0, runs, 4) == 5, "more runs than room: max + 1");
		free(p.w);
	}

	/* exactly what escapes */
	{
		int32_t		q;

		CHECK(cls_pack_value_word(2.9, &q) && q == 2900 &&
			  cls_pack_value_word(85, &q) && q == 85000 &&
			  cls_pack_value_word(45.3, &q) && q == 45300,
			  "2.9, 85, 45.3 are thousandths");
		CHECK(!cls_pack_value_word(70.3068, &q) && !cls_pack_value_word(-0.0, &q) &&
			  !cls_pack_value_word(4.9e-324, &q) && !cls_pack_value_word(1e300, &q) &&
			  !cls_pack_value_word(NAN, &q) && !cls_pack_value_word(INFINITY, &q) &&
			  !cls_pack_value_word(0.0005, &q) && !cls_pack_value_word(2147483.648, &q),
			  "70.3068, -0.0, a subnormal, 1e300, NaN, inf, 0.0005, 2147483.648 escape");
		CHECK(cls_pack_value_word(2147483.647, &q) && q == INT32_MAX &&
			  cls_pack_value_word(-2147483.647, &q) && q == -INT32_MAX &&
			  cls_pack_value_word(0.0, &q) && q == 0,
			  "the int32 limits (but the escape word) and +0 are thousandths");
		CHECK(cls_pack_time_word((int64_t) INT32_MAX * CLS_PACK_USECS, 0, &q) && q == INT32_MAX &&
			  !cls_pack_time_word((int64_t) INT32_MIN * CLS_PACK_USECS, 0, &q) &&
			  cls_pack_time_word(0, (int64_t) INT32_MAX * CLS_PACK_USECS, &q) && q == -INT32_MAX &&
			  !cls_pack_time_word(((int64_t) INT32_MAX + 1) * CLS_PACK_USECS, 0, &q) &&
			  !cls_pack_time_word(1, 0, &q) &&
			  !cls_pack_time_word(CLS_TIME_NOEND, CLS_TIME_NOEND - CLS_PACK_USECS, &q) &&
			  !cls_pack_time_word(CLS_TIME_NOBEGIN, 0, &q) &&
			  cls_pack_time_word(CLS_TIME_MIN, CLS_TIME_MIN + 60 * CLS_PACK_USECS, &q) && q == -60,
			  "time words: whole seconds in (INT32_MIN, INT32_MAX], infinities escape, negative differences");
	}

	/* corrupt and truncated words are refused, never read beyond nw */
	{
		cls_pack	p;
		uint32_t   *copy;
		int			refused = 0,
					tries = 0;

		pack_alloc(&p, true, 64);
		for (int i = 0; i < 64; i++)
			cls_pack_put(&p, INT64_C(631152000000000) + i * 7 * CLS_PACK_USECS + (i % 5 == 0),
						 i % 3 == 0 ? 70.3068 : 3.5);
		copy = malloc(p.nw * sizeof(uint32_t));
		for (size_t cut = 0; cut < p.nw; cut++)
		{
			cls_pack	x = p;

			/* a copy of exactly cut words, so that ASan sees any overread */
			memcpy(copy, p.w, cut * sizeof(uint32_t));
			x.w = copy;
			x.nw = cut;
			tries++;
			refused += cls_pack_check(&x) != NULL;
		}
		CHECK(refused == tries, "every truncation of a stream is refused (%d of %d)", refused, tries);
		{
			cls_pack	x = p;

			x.n = p.n - 1;
			CHECK(cls_pack_check(&x) != NULL, "a wrong entry count is refused");
			x.n = p.n + 1;
			CHECK(cls_pack_check(&x) != NULL, "an entry count beyond the words is refused");
		}
		refused = tries = 0;
		for (int i = 0; i < 2000; i++)
		{
			cls_pack	x = p;
			size_t		at = next_rand() % p.nw;

			memcpy(copy, p.w, p.nw * sizeof(uint32_t));
			copy[at] = (uint32_t) (next_rand() & 1 ? CLS_PACK_ESC : (int32_t) next_rand());
			x.w = copy;
			(void) cls_pack_check(&x);	/* any answer, no overread */
			tries++;
		}
		CHECK(tries == 2000, "random corruption of words is checked without reading beyond them");
		{
			cls_pack	x = p;
			double		nan = NAN;

			memcpy(copy, p.w, p.nw * sizeof(uint32_t));
			/* entry 0 is (escape time, escape value): set its value to NaN */
			memcpy(&copy[4], &nan, 8);
			x.w = copy;
			CHECK((int32_t) copy[0] == CLS_PACK_ESC && (int32_t) copy[3] == CLS_PACK_ESC &&
				  cls_pack_check(&x) != NULL, "a NaN value is refused");
		}
		free(copy);
		free(p.w);
	}
	return unit_done("pack");
}
