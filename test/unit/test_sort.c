/*
 * test_sort.c -- unit tests of the core's sorts and merges of times and
 * observations (src/core/obs.h, src/core/episodes.h) against qsort:
 * random, presorted, reversed, all-ties and presorted-runs inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "episodes.h"
#include "obs.h"
#include "unit.h"

#define N 5000

static int
cmp_time(const void *x, const void *y)
{
	int64_t		a = *(const int64_t *) x,
				b = *(const int64_t *) y;

	return (a > b) - (a < b);
}

static uint64_t rng = 88172645463325252ULL;

static int64_t
next_rand(void)
{
	return (int64_t) (unit_xorshift(&rng) >> 1);
}

/* kind 0 random, 1 presorted, 2 reversed, 3 all ties, 4 sorted runs of
 * random length, 5 few distinct values */
static void
fill(int64_t *t, size_t n, int kind)
{
	for (size_t i = 0; i < n; i++)
	{
		switch (kind)
		{
			case 0: t[i] = next_rand() % 1000003 - 500000; break;
			case 1: t[i] = (int64_t) i / 3; break;
			case 2: t[i] = (int64_t) (n - i); break;
			case 3: t[i] = 42; break;
			case 4: t[i] = (i % 97 == 0) ? next_rand() % 1000 : t[i - 1] + next_rand() % 3; break;
			default: t[i] = next_rand() % 4; break;
		}
	}
}

int
main(void)
{
	static int64_t a[N], ref[N], b[N], m[2 * N], mref[2 * N];
	static cls_obs o[N], oref[N], o2[N], o3[N];
	static cls_state_obs so[2 * N], sref[2 * N];
	const char *names[] = {"random", "presorted", "reversed", "all ties", "runs", "few values"};

	for (int kind = 0; kind < 6; kind++)
	{
		size_t		sizes[] = {0, 1, 2, 17, 4097, N};

		for (int s = 0; s < 6; s++)
		{
			size_t		n = sizes[s];

			fill(a, n, kind);
			memcpy(ref, a, n * sizeof(int64_t));
			memcpy(m, a, n * sizeof(int64_t));
			qsort(ref, n, sizeof(int64_t), cmp_time);
			cls_time_sort(a, n);
			CHECK(memcmp(a, ref, n * sizeof(int64_t)) == 0 && cls_time_sorted(a, n),
				  "cls_time_sort of %zu %s times equals qsort", n, names[kind]);
			memcpy(a, m, n * sizeof(int64_t));
			cls_time_sort_runs(a, n, b);
			CHECK(memcmp(a, ref, n * sizeof(int64_t)) == 0,
				  "cls_time_sort_runs of %zu %s times equals qsort", n, names[kind]);
		}
		/* observations: times from the kind, analyte and value ties */
		fill(a, N, kind);
		for (size_t i = 0; i < N; i++)
		{
			o[i].t = a[i];
			o[i].analyte = (int32_t) (next_rand() % 3);
			o[i].v = (double) (next_rand() % 5);
		}
		memcpy(oref, o, sizeof(o));
		qsort(oref, N, sizeof(cls_obs), unit_cmp_obs);
		memcpy(o2, o, sizeof(o));
		cls_obs_sort(o, N);
		CHECK(memcmp(o, oref, sizeof(o)) == 0,
			  "cls_obs_sort of %d %s observations equals qsort in the total order (t, analyte, v)",
			  N, names[kind]);
		cls_obs_sort_runs(o2, N, o3);
		CHECK(memcmp(o2, oref, sizeof(o)) == 0,
			  "cls_obs_sort_runs of %d %s observations equals qsort in the total order",
			  N, names[kind]);
	}

	/* merge of two sorted arrays == qsort of their concatenation */
	for (int kind = 0; kind < 6; kind++)
	{
		size_t		na = N, nb = (size_t) (kind * 700);

		fill(a, na, kind);
		fill(b, nb, (kind + 1) % 6);
		cls_time_sort(a, na);
		cls_time_sort(b, nb);
		memcpy(mref, a, na * sizeof(int64_t));
		memcpy(mref + na, b, nb * sizeof(int64_t));
		qsort(mref, na + nb, sizeof(int64_t), cmp_time);
		cls_time_merge(a, na, b, nb, m);
		CHECK(memcmp(m, mref, (na + nb) * sizeof(int64_t)) == 0,
			  "cls_time_merge of %zu %s and %zu times equals qsort", na, names[kind], nb);
		/* the state's observations: active a, inactive b, ties active first */
		for (size_t i = 0; i < na; i++)
		{
			sref[i].t = a[i];
			sref[i].active = true;
		}
		for (size_t i = 0; i < nb; i++)
		{
			sref[na + i].t = b[i];
			sref[na + i].active = false;
		}
		cls_state_obs_sort(sref, na + nb);
		cls_state_obs_from_times(a, na, b, nb, so);
		{
			int			bad = 0;

			for (size_t i = 0; i < na + nb; i++)
				bad += so[i].t != sref[i].t || so[i].active != sref[i].active;
			CHECK(bad == 0, "cls_state_obs_from_times (%s) equals cls_state_obs_sort, active first at a tie",
				  names[kind]);
		}
	}
	/* merge of two sorted observation arrays == qsort of both */
	{
		static cls_obs oa[N], ob[N], om[2 * N], omref[2 * N];

		fill(a, N, 4);
		fill(b, N, 1);
		for (size_t i = 0; i < N; i++)
		{
			oa[i].t = a[i] % 50;
			ob[i].t = b[i] % 50;
			oa[i].analyte = (int32_t) (next_rand() % 3);
			ob[i].analyte = (int32_t) (next_rand() % 3);
			oa[i].v = (double) (next_rand() % 4);
			ob[i].v = (double) (next_rand() % 4);
		}
		cls_obs_sort(oa, N);
		cls_obs_sort(ob, N);
		memcpy(omref, oa, sizeof(oa));
		memcpy(omref + N, ob, sizeof(ob));
		qsort(omref, 2 * N, sizeof(cls_obs), unit_cmp_obs);
		cls_obs_merge(oa, N, ob, N, om);
		CHECK(memcmp(om, omref, sizeof(om)) == 0,
			  "cls_obs_merge of two sorted arrays with many ties equals qsort in the total order");
	}
	/* k sorted runs one after another (the streams of a packed state, a
	 * combined state): the natural merge sort equals qsort */
	for (int k = 1; k <= 9; k += 4)
	{
		static cls_obs r[N], rref[N], tmp[N];
		size_t		per = N / (size_t) k;

		for (size_t i = 0; i < N; i++)
		{
			size_t		run = i / per;

			r[i].t = (int64_t) ((i % per) * 3 + run % 3);
			r[i].analyte = (int32_t) run;
			r[i].v = (double) (i % 2);
		}
		memcpy(rref, r, sizeof(r));
		qsort(rref, N, sizeof(cls_obs), unit_cmp_obs);
		cls_obs_sort_runs(r, N, tmp);
		CHECK(memcmp(r, rref, sizeof(r)) == 0,
			  "cls_obs_sort_runs of %d sorted runs equals qsort", k);
	}
	{
		int64_t		x[3] = {5, 5, 4};

		CHECK(cls_time_sorted(x, 2) && !cls_time_sorted(x, 3) && cls_time_sorted(x, 0),
			  "cls_time_sorted: ties are sorted, a decrease is not");
	}
	return unit_done("sort");
}
