/*
 * test_episodes.c -- unit tests of the episode core (src/core/episodes.c):
 * hand-written cases, then randomised comparison against brute-force
 * references (a fixed-seed PRNG, so runs are reproducible).
 */
#include <stdlib.h>
#include <string.h>

#include "episodes.h"
#include "sort.h"
#include "unit.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static int
spans_eq(const cls_span *a, size_t na, const cls_span *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (a[i].start != b[i].start || a[i].end != b[i].end)
			return 0;
	return 1;
}

/*
 * Brute-force union with gap on a small integer line: a point x (in half
 * units, so that [0,3] and [4,5] are seen apart) is covered when some span
 * [s, e + gap] contains it; the components, with gap trimmed off each end,
 * are the eras.
 */
#define LINE 400
static size_t
brute_union_gap(const cls_span *in, size_t n, int64_t gap, cls_span *out)
{
	static char cov[2 * LINE + 2];
	size_t		k = 0;

	memset(cov, 0, sizeof(cov));
	for (size_t i = 0; i < n; i++)
		for (int64_t x = 2 * in[i].start; x <= 2 * (in[i].end + gap); x++)
			cov[x] = 1;
	for (int64_t x = 0; x <= 2 * LINE; x++)
	{
		if (cov[x] && (x == 0 || !cov[x - 1]))
			out[k].start = x / 2;
		if (cov[x] && !cov[x + 1])
		{
			out[k].end = x / 2 - gap;
			k++;
		}
	}
	return k;
}

/*
 * Reference state episodes, by a different route: every active observation
 * a contributes [a, min(a + hold, r)] where r is the first time after a with
 * only inactive observations; the episodes are the union of those spans,
 * merged with max_gap, then filtered by min_duration.
 */
static size_t
ref_state(const cls_state_obs *obs, size_t n, const cls_state_params *p,
		  cls_span *out)
{
	size_t		k = 0,
				kept = 0;

	for (size_t i = 0; i < n; i++)
	{
		int64_t		end;
		int			tie_active = 0;

		if (!obs[i].active)
			continue;
		end = obs[i].t + p->hold;
		for (size_t j = 0; j < n; j++)
		{
			if (obs[j].active || obs[j].t <= obs[i].t || obs[j].t >= end)
				continue;
			/* inactive at obs[j].t counts only if nothing active then */
			tie_active = 0;
			for (size_t m = 0; m < n; m++)
				if (obs[m].active && obs[m].t == obs[j].t)
					tie_active = 1;
			if (!tie_active)
				end = obs[j].t;
		}
		out[k].start = obs[i].t;
		out[k].end = end;
		k++;
	}
	k = cls_span_union_gap(out, k, p->max_gap);
	for (size_t j = 0; j < k; j++)
		if (out[j].end - out[j].start >= p->min_duration)
			out[kept++] = out[j];
	return kept;
}

static int	hook_calls = 0;
static void
count_hook(void)
{
	hook_calls++;
}

static size_t
eps(const cls_state_obs *in, size_t n, int64_t max_gap, int64_t hold,
	int64_t min_dur, cls_span *out)
{
	cls_state_obs buf[64];
	cls_state_params p = {max_gap, hold, min_dur};

	memcpy(buf, in, n * sizeof(*in));
	cls_state_obs_sort(buf, n);
	return cls_state_episodes(buf, n, &p, out);
}

int
main(void)
{
	cls_span	s[64],
				r[64];
	size_t		k;

	/* ---- cls_span_union ------------------------------------------------ */
	CHECK(cls_span_union(s, 0) == 0, "union of nothing is nothing");
	s[0] = (cls_span) {5, 5};
	CHECK(cls_span_union(s, 1) == 1 && s[0].start == 5 && s[0].end == 5,
		  "a point span survives");
	s[0] = (cls_span) {10, 20};
	s[1] = (cls_span) {0, 10};
	s[2] = (cls_span) {30, 40};
	s[3] = (cls_span) {32, 35};
	s[4] = (cls_span) {41, 41};
	k = cls_span_union(s, 5);
	CHECK(k == 3 && s[0].start == 0 && s[0].end == 20 && s[1].start == 30 &&
		  s[1].end == 40 && s[2].start == 41, "touching merge, nested absorbed, 1 apart stays");

	/* ---- cls_span_union_gap ------------------------------------------- */
	s[0] = (cls_span) {0, 10};
	s[1] = (cls_span) {15, 20};
	CHECK(cls_span_union_gap(s, 2, 5) == 1 && s[0].end == 20, "gap equal to tolerance merges");
	s[0] = (cls_span) {0, 10};
	s[1] = (cls_span) {16, 20};
	CHECK(cls_span_union_gap(s, 2, 5) == 2, "gap one unit over the tolerance does not merge");
	s[0] = (cls_span) {0, 100};
	s[1] = (cls_span) {10, 20};
	s[2] = (cls_span) {104, 110};
	CHECK(cls_span_union_gap(s, 3, 5) == 1 && s[0].end == 110,
		  "gap measured from the latest end so far, not the last interval's");
	s[0] = (cls_span) {0, INT64_MAX};
	s[1] = (cls_span) {INT64_MAX - 5, INT64_MAX};
	s[2] = (cls_span) {INT64_MIN, -7};
	k = cls_span_union_gap(s, 3, INT64_MAX);
	CHECK(k == 1 && s[0].start == INT64_MIN && s[0].end == INT64_MAX,
		  "no overflow at the int64 limits");

	/* randomised against the brute force */
	{
		int			bad = 0;

		for (int it = 0; it < 3000; it++)
		{
			size_t		n = rng() % 12;
			int64_t		gap = rng() % 6;
			size_t		kb;

			for (size_t i = 0; i < n; i++)
			{
				s[i].start = rng() % 150;
				s[i].end = s[i].start + (rng() % 3 == 0 ? 0 : rng() % 20);
			}
			kb = brute_union_gap(s, n, gap, r);
			k = cls_span_union_gap(s, n, gap);
			if (!spans_eq(s, k, r, kb))
				bad++;
		}
		CHECK(bad == 0, "union_gap equals brute force on 3000 random sets (%d differ)", bad);
	}

	/* ---- sorts -------------------------------------------------------- */
	{
		size_t		n = 200000;
		cls_state_obs *o = malloc(n * sizeof(*o));
		cls_span   *sp = malloc(n * sizeof(*sp));
		int			ok = 1;

		for (size_t i = 0; i < n; i++)
		{
			o[i].t = (int64_t) (rng() % 5000) - 2500;
			o[i].active = rng() & 1;
			sp[i].start = (int64_t) (rng() % 1000);
			sp[i].end = (int64_t) (rng() % 1000);
		}
		cls_set_interrupt_hook(count_hook);
		cls_state_obs_sort(o, n);
		cls_span_sort(sp, n);
		cls_set_interrupt_hook(NULL);
		for (size_t i = 1; i < n; i++)
		{
			if (o[i - 1].t > o[i].t ||
				(o[i - 1].t == o[i].t && !o[i - 1].active && o[i].active))
				ok = 0;
			if (sp[i - 1].start > sp[i].start ||
				(sp[i - 1].start == sp[i].start && sp[i - 1].end > sp[i].end))
				ok = 0;
		}
		CHECK(ok, "sorts give the total order (t, active first) and (start, end)");
		CHECK(hook_calls > 0, "sorts call the interrupt hook (%d calls)", hook_calls);

		/* already sorted, reversed and all-equal inputs stay O(n log n) */
		for (size_t i = 0; i < n; i++)
		{
			o[i].t = (int64_t) (n - i);
			o[i].active = true;
		}
		cls_state_obs_sort(o, n);
		cls_state_obs_sort(o, n);
		for (size_t i = 0; i < n; i++)
			o[i].t = 7;
		cls_state_obs_sort(o, n);
		ok = o[0].t == 7 && o[n - 1].t == 7 && o[0].active;
		for (size_t i = 0; i < n; i++)
			o[i] = (cls_state_obs) {(int64_t) (i % 3), (i % 2) == 0};
		cls_state_obs_sort(o, n);
		for (size_t i = 1; i < n; i++)
			if (o[i - 1].t > o[i].t ||
				(o[i - 1].t == o[i].t && !o[i - 1].active && o[i].active))
				ok = 0;
		CHECK(ok, "sorted, reversed, all-equal and few-distinct inputs sort");
		free(o);
		free(sp);
	}

	/* ---- state episodes: hand cases ------------------------------------- */
	{
		cls_state_obs none[1];

		CHECK(eps(none, 0, 0, 0, 0, r) == 0, "no observations, no episode");
	}
	{
		cls_state_obs o[] = {{10, true}};

		k = eps(o, 1, 0, 0, 0, r);
		CHECK(k == 1 && r[0].start == 10 && r[0].end == 10,
			  "one active observation, hold 0: a point episode");
		k = eps(o, 1, 0, 5, 0, r);
		CHECK(k == 1 && r[0].start == 10 && r[0].end == 15, "one active, hold 5: [10, 15]");
		k = eps(o, 1, 0, 5, 6, r);
		CHECK(k == 0, "shorter than min_duration: dropped");
		k = eps(o, 1, 0, 5, 5, r);
		CHECK(k == 1, "duration equal to min_duration: kept");
	}
	{
		cls_state_obs o[] = {{0, false}, {10, true}, {12, true}, {20, false}, {21, false}};

		k = eps(o, 5, 0, 100, 0, r);
		CHECK(k == 1 && r[0].start == 10 && r[0].end == 20,
			  "resolved at the first inactive after the last active");
		k = eps(o, 5, 0, 3, 0, r);
		CHECK(k == 1 && r[0].start == 10 && r[0].end == 15,
			  "or at last active + hold when that comes first");
		k = eps(o, 5, 0, 1, 0, r);
		CHECK(k == 2 && r[0].end == 11 && r[1].start == 12 && r[1].end == 13,
			  "an active observation after the hold ran out begins a new episode");
		k = eps(o, 5, 1, 1, 0, r);
		CHECK(k == 1 && r[0].start == 10 && r[0].end == 13, "gap 1 <= max_gap 1 merges");
	}
	{
		cls_state_obs o[] = {{20, false}, {10, true}, {20, true}, {30, false}};

		k = eps(o, 4, 0, 100, 0, r);
		CHECK(k == 1 && r[0].start == 10 && r[0].end == 30, "tie at one time: active wins");
	}
	{
		cls_state_obs o[] = {{0, true}, {5, false}, {9, true}, {10, false},
		{30, true}, {31, false}};

		k = eps(o, 6, 4, 100, 0, r);
		CHECK(k == 2 && r[0].start == 0 && r[0].end == 10 && r[1].start == 30,
			  "episodes 4 apart merge with max_gap 4; 20 apart do not");
		k = eps(o, 6, 3, 100, 0, r);
		CHECK(k == 3, "gap 4 > max_gap 3: separate");
		k = eps(o, 6, 4, 100, 2, r);
		CHECK(k == 1 && r[0].start == 0 && r[0].end == 10,
			  "min_duration applies after merging (merged [0,10] kept, [30,31] dropped)");
	}
	{
		cls_state_obs o[] = {{INT64_MAX - 3, true}};

		k = eps(o, 1, INT64_MAX, INT64_MAX, INT64_MAX, r);
		CHECK(k == 0, "huge parameters: no overflow");
		k = eps(o, 1, INT64_MAX, INT64_MAX, 0, r);
		CHECK(k == 1 && r[0].end == INT64_MAX, "hold saturates at +infinity");
	}

	/* ---- state episodes: random against the reference ----------------- */
	{
		int			bad = 0,
					order_bad = 0;

		for (int it = 0; it < 5000; it++)
		{
			cls_state_obs o[40],
						o2[40];
			size_t		n = rng() % 40,
						k1,
						k2;
			cls_state_params p;

			p.max_gap = rng() % 8;
			p.hold = rng() % 15;
			p.min_duration = rng() % 3 == 0 ? rng() % 10 : 0;
			for (size_t i = 0; i < n; i++)
			{
				o[i].t = rng() % 100;
				o[i].active = rng() % 3 != 0;
			}
			/* a shuffled copy must give the same answer */
			memcpy(o2, o, sizeof(o));
			for (size_t i = n; i > 1; i--)
			{
				size_t		j = rng() % i;
				cls_state_obs tmp = o2[i - 1];

				o2[i - 1] = o2[j];
				o2[j] = tmp;
			}
			k1 = eps(o, n, p.max_gap, p.hold, p.min_duration, s);
			k2 = ref_state(o, n, &p, r);
			if (!spans_eq(s, k1, r, k2))
				bad++;
			k2 = eps(o2, n, p.max_gap, p.hold, p.min_duration, r);
			if (!spans_eq(s, k1, r, k2))
				order_bad++;
		}
		CHECK(bad == 0, "state episodes equal the reference on 5000 random sets (%d differ)", bad);
		CHECK(order_bad == 0, "shuffled input gives the same episodes (%d differ)", order_bad);
	}

	/* the incremental gap union of the eras aggregate (cls_eras_add with
	 * a small, growing buffer) equals the union of all spans at once, for
	 * rows in time order, reversed and shuffled */
	{
		int			bad = 0;

		for (int round = 0; round < 300; round++)
		{
			size_t		n = 1 + rng() % 200;
			int64_t		gap = (int64_t) (rng() % 5);
			cls_span	all[200],
						ref[200];
			cls_eras_acc a;
			size_t		nref;
			int			order = round % 3;

			for (size_t i = 0; i < n; i++)
			{
				int64_t		s0 = (int64_t) (rng() % 400) - 200;

				all[i].start = s0;
				all[i].end = s0 + (int64_t) (rng() % 6);
			}
			if (order == 0)
				cls_span_sort(all, n);
			else if (order == 1)
			{
				cls_span_sort(all, n);
				for (size_t i = 0; i < n / 2; i++)
				{
					cls_span	t = all[i];

					all[i] = all[n - 1 - i];
					all[n - 1 - i] = t;
				}
			}
			memcpy(ref, all, n * sizeof(cls_span));
			nref = cls_span_union_gap(ref, n, gap);
			a.gap = gap;
			a.n = a.nmerged = 0;
			a.cap = 4;
			a.spans = malloc(a.cap * sizeof(cls_span));
			for (size_t i = 0; i < n; i++)
				while (!cls_eras_add(&a, all[i].start, all[i].end))
				{
					a.cap *= 2;
					a.spans = realloc(a.spans, a.cap * sizeof(cls_span));
				}
			(void) cls_eras_compact(&a);
			if (!spans_eq(a.spans, a.n, ref, nref))
				bad++;
			free(a.spans);
		}
		CHECK(bad == 0, "incremental eras = union of all spans (sorted, reversed, shuffled rows)");
	}
	return unit_done("episodes");
}
