/*
 * fuzz_episodes.c -- libFuzzer target: the episode builders of the cls core
 * (src/core/episodes.c) over arbitrary observation and span arrays with
 * arbitrary parameters.
 *
 * Input: [flags u8][max_gap i64][hold i64][min_duration i64][gap i64]
 * then records of 9 bytes [t i64][byte u8] until the end (a short last
 * record reads as zeros).  flags bit 0: "clustered" times (t reduced to
 * -1000..1000 and every parameter to 0..63, so that ties, touching spans
 * and merges are frequent); otherwise the raw 64-bit values, INT64_MIN/MAX
 * (PostgreSQL's -/+infinity) included, which exercises the saturating
 * arithmetic.  Negative parameters are outside the glue's contract (it
 * rejects them with 22023); the core must still not misbehave, and the
 * invariants use the clamped value max(p, 0) the core documents.
 *
 * The same records feed two builders:
 *  - state episodes: (t, active = byte & 1) through cls_state_obs_sort and
 *    cls_state_episodes;
 *  - spans: consecutive pairs of times (start = min, end = max) through
 *    cls_span_union and cls_span_union_gap.
 *
 * Invariants (abort on violation):
 *  sort:   cls_state_obs_sort gives the same array as qsort with the
 *          documented total order (t ascending, active first);
 *  state:  count <= number of observations; every episode has start <= end,
 *          starts at an active observation's time, lies inside
 *          [min t, max t + hold] (saturating) and lasts >= min_duration;
 *          episodes are sorted and separated by MORE than max_gap;
 *          with max_gap = min_duration = 0: every active time lies inside
 *          an episode and no inactive-only time lies strictly inside one;
 *          the result is independent of the input order (a PRNG seeded from
 *          the data shuffles the input) and the same whether `out` is a
 *          separate buffer or the observation array itself (the in-place
 *          use the glue relies on);
 *  spans:  count <= n; output sorted, start <= end, separated by more than
 *          gap; every input span lies inside an output span; every output
 *          bound is an input bound; union is idempotent; union_gap(x, 0) ==
 *          union(x); order independent (shuffled input).
 *
 * The serialize/deserialize functions of the aggregates live in the
 * PostgreSQL glue (src/episodes_pg.c) and take `internal`, so they are
 * neither liftable nor reachable from SQL; sql/92_states.sql asserts the
 * latter.
 */
#include <stdbool.h>

#include "episodes.h"
#include "fuzz_common.h"

#define MAXREC 1024

static int64_t
clampnn(int64_t v)
{
	return v > 0 ? v : 0;
}

/* xorshift64*, seeded from the input so a crash reproduces */
static uint64_t
prng(uint64_t *s)
{
	uint64_t	x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static int
obs_cmp(const void *a, const void *b)
{
	const cls_state_obs *x = a,
			   *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->active != y->active)
		return x->active ? -1 : 1;
	return 0;
}

static void
shuffle_obs(cls_state_obs *a, size_t n, uint64_t *s)
{
	for (size_t i = n; i > 1; i--)
	{
		size_t		j = (size_t) (prng(s) % i);
		cls_state_obs tmp = a[i - 1];

		a[i - 1] = a[j];
		a[j] = tmp;
	}
}

static void
shuffle_spans(cls_span *a, size_t n, uint64_t *s)
{
	for (size_t i = n; i > 1; i--)
	{
		size_t		j = (size_t) (prng(s) % i);
		cls_span	tmp = a[i - 1];

		a[i - 1] = a[j];
		a[j] = tmp;
	}
}

static bool
spans_equal(const cls_span *a, const cls_span *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].start != b[i].start || a[i].end != b[i].end)
			return false;
	return true;
}

static void
check_state(const cls_state_obs *in, size_t n, const cls_state_params *p,
			uint64_t seed)
{
	cls_state_obs *obs = (cls_state_obs *) fuzz_alloc(n * sizeof(cls_state_obs));
	cls_state_obs *ref = (cls_state_obs *) fuzz_alloc(n * sizeof(cls_state_obs));
	cls_state_obs *shuf = (cls_state_obs *) fuzz_alloc(n * sizeof(cls_state_obs));
	cls_span   *out = (cls_span *) fuzz_alloc(n * sizeof(cls_span));
	cls_span   *out2 = (cls_span *) fuzz_alloc(n * sizeof(cls_span));
	int64_t		max_gap = clampnn(p->max_gap),
				hold = clampnn(p->hold),
				min_duration = clampnn(p->min_duration);
	int64_t		tmin = INT64_MAX,
				tmax = INT64_MIN;
	size_t		k,
				k2;

	if (n)
	{
		memcpy(obs, in, n * sizeof(cls_state_obs));
		memcpy(ref, in, n * sizeof(cls_state_obs));
		memcpy(shuf, in, n * sizeof(cls_state_obs));
	}
	for (size_t i = 0; i < n; i++)
	{
		if (in[i].t < tmin)
			tmin = in[i].t;
		if (in[i].t > tmax)
			tmax = in[i].t;
	}

	/* the sort is the documented total order */
	cls_state_obs_sort(obs, n);
	if (n)
		qsort(ref, n, sizeof(cls_state_obs), obs_cmp);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT("state_sort_total_order",
					obs[i].t == ref[i].t && obs[i].active == ref[i].active);

	k = cls_state_episodes(obs, n, p, out);
	FUZZ_ASSERT("state_count_le_n", k <= n);
	for (size_t j = 0; j < k; j++)
	{
		bool		starts_active = false;

		FUZZ_ASSERT("state_start_le_end", out[j].start <= out[j].end);
		FUZZ_ASSERT("state_inside_span",
					out[j].start >= tmin && out[j].end <= cls_sat_add(tmax, hold));
		FUZZ_ASSERT("state_min_duration",
					(uint64_t) out[j].end - (uint64_t) out[j].start >= (uint64_t) min_duration);
		if (j > 0)
			FUZZ_ASSERT("state_sorted_disjoint_gap",
						out[j].start > cls_sat_add(out[j - 1].end, max_gap));
		for (size_t i = 0; i < n; i++)
			if (obs[i].active && obs[i].t == out[j].start)
				starts_active = true;
		FUZZ_ASSERT("state_starts_at_active", starts_active);
	}

	if (max_gap == 0 && min_duration == 0)
	{
		for (size_t i = 0; i < n; i++)
		{
			bool		active_here = false,
						inside = false,
						strictly = false;

			/* active wins a tie: the time is active if any row is */
			for (size_t m = i; m < n && obs[m].t == obs[i].t; m++)
				active_here |= obs[m].active;
			for (size_t m = i; m-- > 0 && obs[m].t == obs[i].t;)
				active_here |= obs[m].active;
			for (size_t j = 0; j < k; j++)
			{
				if (obs[i].t >= out[j].start && obs[i].t <= out[j].end)
					inside = true;
				if (obs[i].t > out[j].start && obs[i].t < out[j].end)
					strictly = true;
			}
			if (active_here)
				FUZZ_ASSERT("state_active_covered", inside);
			else
				FUZZ_ASSERT("state_inactive_not_inside", !strictly);
		}
	}

	/* in place: out == the sorted observation array (the glue does this) */
	if (n)
	{
		cls_state_obs *inplace = (cls_state_obs *) fuzz_alloc(n * sizeof(cls_state_obs));

		memcpy(inplace, obs, n * sizeof(cls_state_obs));
		k2 = cls_state_episodes(inplace, n, p, (cls_span *) inplace);
		FUZZ_ASSERT("state_inplace_same", k2 == k &&
					spans_equal((cls_span *) inplace, out, k));
		free(inplace);
	}

	/* order independence */
	shuffle_obs(shuf, n, &seed);
	cls_state_obs_sort(shuf, n);
	k2 = cls_state_episodes(shuf, n, p, out2);
	FUZZ_ASSERT("state_order_independent", k2 == k && spans_equal(out, out2, k));

	free(obs);
	free(ref);
	free(shuf);
	free(out);
	free(out2);
}

static void
check_spans(const cls_span *in, size_t n, int64_t rawgap, uint64_t seed)
{
	cls_span   *a = (cls_span *) fuzz_alloc(n * sizeof(cls_span));
	cls_span   *b = (cls_span *) fuzz_alloc(n * sizeof(cls_span));
	cls_span   *c = (cls_span *) fuzz_alloc(n * sizeof(cls_span));
	int64_t		gap = clampnn(rawgap);
	size_t		ka,
				kb,
				kc;

	if (n)
	{
		memcpy(a, in, n * sizeof(cls_span));
		memcpy(b, in, n * sizeof(cls_span));
		memcpy(c, in, n * sizeof(cls_span));
	}

	/* union with gap tolerance */
	ka = cls_span_union_gap(a, n, rawgap);
	FUZZ_ASSERT("spans_count_le_n", ka <= n);
	FUZZ_ASSERT("spans_nonempty", n == 0 || ka >= 1);
	for (size_t j = 0; j < ka; j++)
	{
		bool		start_is_input = false,
					end_is_input = false;

		FUZZ_ASSERT("spans_start_le_end", a[j].start <= a[j].end);
		if (j > 0)
			FUZZ_ASSERT("spans_sorted_disjoint_gap",
						a[j].start > cls_sat_add(a[j - 1].end, gap));
		for (size_t i = 0; i < n; i++)
		{
			start_is_input |= in[i].start == a[j].start;
			end_is_input |= in[i].end == a[j].end;
		}
		FUZZ_ASSERT("spans_bounds_from_input", start_is_input && end_is_input);
	}
	for (size_t i = 0; i < n; i++)
	{
		bool		covered = false;

		for (size_t j = 0; j < ka && !covered; j++)
			covered = in[i].start >= a[j].start && in[i].end <= a[j].end;
		FUZZ_ASSERT("spans_input_covered", covered);
	}

	/* the eras aggregate's incremental union (a growing buffer, rows in
	 * input order) equals the union at once */
	{
		cls_eras_acc acc;
		bool		ok = true;

		acc.gap = gap;
		acc.n = acc.nmerged = 0;
		acc.cap = 2;
		acc.spans = (cls_span *) fuzz_alloc(acc.cap * sizeof(cls_span));
		for (size_t i = 0; i < n; i++)
		{
			if (in[i].start > in[i].end)
				continue;		/* the glue ignores an impossible interval */
			while (!cls_eras_add(&acc, in[i].start, in[i].end))
			{
				acc.cap *= 2;
				acc.spans = (cls_span *) realloc(acc.spans, acc.cap * sizeof(cls_span));
			}
		}
		(void) cls_eras_compact(&acc);
		{
			size_t		m = 0;
			cls_span   *d = (cls_span *) fuzz_alloc((n ? n : 1) * sizeof(cls_span));
			size_t		kd;

			for (size_t i = 0; i < n; i++)
				if (in[i].start <= in[i].end)
					d[m++] = in[i];
			kd = cls_span_union_gap(d, m, gap);
			ok = kd == acc.n && (kd == 0 || memcmp(d, acc.spans, kd * sizeof(cls_span)) == 0);
			free(d);
		}
		FUZZ_ASSERT("eras_incremental_equals_union", ok);
		free(acc.spans);
	}

	/* idempotence */
	if (ka)
	{
		cls_span   *again = (cls_span *) fuzz_alloc(ka * sizeof(cls_span));
		size_t		k2;

		memcpy(again, a, ka * sizeof(cls_span));
		k2 = cls_span_union_gap(again, ka, rawgap);
		FUZZ_ASSERT("spans_union_gap_idempotent", k2 == ka && spans_equal(again, a, ka));
		free(again);
	}

	/* order independence */
	shuffle_spans(b, n, &seed);
	kb = cls_span_union_gap(b, n, rawgap);
	FUZZ_ASSERT("spans_order_independent", kb == ka && spans_equal(a, b, ka));

	/* plain union == union with gap 0, and is idempotent */
	kc = cls_span_union(c, n);
	{
		cls_span   *d = (cls_span *) fuzz_alloc(n * sizeof(cls_span));
		size_t		kd;

		if (n)
			memcpy(d, in, n * sizeof(cls_span));
		kd = cls_span_union_gap(d, n, 0);
		FUZZ_ASSERT("spans_union_is_gap0", kd == kc && spans_equal(c, d, kc));
		kd = cls_span_union(c, kc);
		FUZZ_ASSERT("spans_union_idempotent", kd == kc && spans_equal(c, d, kc));
		free(d);
	}
	/* a gap never gives more spans than no gap */
	FUZZ_ASSERT("spans_gap_monotone", ka <= kc);

	free(a);
	free(b);
	free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in		in = {data, size};
	uint8_t		flags = fuzz_u8(&in);
	cls_state_params p;
	int64_t		gap;
	cls_state_obs *obs;
	cls_span   *spans;
	size_t		n = 0,
				ns;
	uint64_t	seed = 0x9E3779B97F4A7C15ULL;
	bool		clustered = flags & 1;

	for (size_t i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 0x100000001B3ULL;
	if (seed == 0)
		seed = 1;

	p.max_gap = fuzz_i64(&in);
	p.hold = fuzz_i64(&in);
	p.min_duration = fuzz_i64(&in);
	gap = fuzz_i64(&in);
	if (clustered)
	{
		p.max_gap = (int64_t) ((uint64_t) p.max_gap % 64);
		p.hold = (int64_t) ((uint64_t) p.hold % 64);
		p.min_duration = (int64_t) ((uint64_t) p.min_duration % 64);
		gap = (int64_t) ((uint64_t) gap % 64);
	}

	obs = (cls_state_obs *) fuzz_alloc(MAXREC * sizeof(cls_state_obs));
	while (in.n > 0 && n < MAXREC)
	{
		int64_t		t = fuzz_i64(&in);
		uint8_t		b = fuzz_u8(&in);

		if (clustered)
			t = t % 1001;
		obs[n].t = t;
		obs[n].active = b & 1;
		n++;
	}

	check_state(obs, n, &p, seed);

	ns = n / 2;
	spans = (cls_span *) fuzz_alloc(ns * sizeof(cls_span));
	for (size_t i = 0; i < ns; i++)
	{
		int64_t		x = obs[2 * i].t,
					y = obs[2 * i + 1].t;

		spans[i].start = x < y ? x : y;
		spans[i].end = x < y ? y : x;
	}
	check_spans(spans, ns, gap, seed);

	free(obs);
	free(spans);
	return 0;
}
