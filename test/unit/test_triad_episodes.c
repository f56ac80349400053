/* Core unit tests: triad episodes (timeline -> state episodes -> details). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "triad_episodes.h"
#include "unit.h"

#define H CLS_USECS_PER_HOUR

static cls_obs obs[256];
static size_t nobs;

static void
add(double h, int32_t a, double v)
{
	obs[nobs].t = (int64_t) (h * (double) H);
	obs[nobs].analyte = a;
	obs[nobs].v = v;
	nobs++;
}

/* an idiopathic attack starting at hour b: hypotension and
 * hemoconcentration at b+24, albumin falls 40 h later (b+64), back to normal
 * at b+100 */
static void
attack(double b)
{
	add(b + 0, CLS_A_SBP, 120);
	add(b + 0, CLS_A_HEMATOCRIT, 40);
	add(b + 0, CLS_A_ALBUMIN, 4.0);
	add(b + 24, CLS_A_SBP, 80);
	add(b + 24, CLS_A_HEMATOCRIT, 52);
	add(b + 36, CLS_A_SBP, 75);
	add(b + 64, CLS_A_ALBUMIN, 2.2);
	add(b + 72, CLS_A_SBP, 110);
	add(b + 72, CLS_A_HEMATOCRIT, 44);
	add(b + 100, CLS_A_ALBUMIN, 3.2);
	add(b + 100, CLS_A_HEMATOCRIT, 42);
	add(b + 100, CLS_A_SBP, 118);
}

static cls_triad_episode eps[64];

static size_t
episodes(const cls_triad_criteria *c, const cls_triad_episode_params *p,
		 const cls_span *excl, size_t nexcl, const int64_t *doses, size_t nd)
{
	void	   *work = malloc(cls_triad_episodes_work_size(nobs) + 1);
	cls_cycle	cyc[16];
	size_t		nc = 0,
				ne;

	cls_obs_sort(obs, nobs);
	if (nd > 0)
		nc = cls_cycles_build(NULL, doses, nd, cyc);
	ne = cls_triad_episodes_find(c, NULL, NULL, obs, nobs, p, work);
	cls_triad_episodes_details(c, NULL, obs, nobs, p, work, ne, excl, nexcl,
							   nc ? cyc : NULL, nc, eps);
	free(work);
	return ne;
}

static int64_t
hr(double h)
{
	return (int64_t) (h * (double) H);
}

int
main(void)
{
	cls_triad_criteria t,
				d,
				cur;
	cls_triad_episode_params p,
				bad;
	size_t		ne;

	cls_triad_criteria_default(&t, CLS_PROFILE_TRIAD);
	cls_triad_criteria_default(&d, CLS_PROFILE_DRUG);
	cls_triad_episode_params_default(&p);
	CHECK(cls_triad_episode_params_check(&p, NULL) == NULL, "default params valid");
	CHECK(p.max_gap == 24 * H && p.hold == CLS_TEP_NO_HOLD && p.min_duration == 0 &&
		  p.albumin_lln == 3.5, "defaults: max_gap 24 h, no hold, min 0, LLN 3.5");
	bad = p;
	bad.max_gap = -1;
	CHECK(cls_triad_episode_params_check(&bad, NULL) != NULL, "negative max_gap rejected");
	bad = p;
	bad.albumin_lln = 0;
	CHECK(cls_triad_episode_params_check(&bad, NULL) != NULL, "LLN 0 rejected");
	bad = p;
	bad.albumin_lln = NAN;
	CHECK(cls_triad_episode_params_check(&bad, NULL) == NULL, "LLN unknown accepted");
	{
		const char *hint;
		int			f = -1;

		bad = p;
		bad.min_duration = -1;
		bad.albumin_lln = -2;
		CHECK(cls_triad_episode_params_check(&bad, &f) != NULL && f == CLS_TEP_MIN_DURATION &&
			  strcmp(cls_triad_episode_params_field_name(f), "min_duration") == 0,
			  "the check names the first bad field");
		CHECK(cls_triad_episode_lln_check(NAN, &hint) != NULL && hint != NULL &&
			  cls_triad_episode_lln_check(3.5, &hint) == NULL,
			  "a given LLN: NaN refused (NULL is unknown)");
	}

	/* empty */
	nobs = 0;
	CHECK(episodes(&t, &p, NULL, 0, NULL, 0) == 0, "no observations: no episode");

	/* one idiopathic attack */
	nobs = 0;
	attack(0);
	ne = episodes(&t, &p, NULL, 0, NULL, 0);
	CHECK(ne == 1, "one attack, one episode (%zu)", ne);
	CHECK(eps[0].onset == hr(64), "onset when albumin joins (64 h)");
	CHECK(eps[0].end == hr(96), "end when the hematocrit evidence leaves the 72 h window (96 h)");
	CHECK(eps[0].evidence_start == hr(64 - 72) + 1, "leak window opens at onset - 72 h (exclusive)");
	CHECK(eps[0].sbp_min.have && eps[0].sbp_min.v == 75 && eps[0].sbp_min.t == hr(36),
		  "lowest SBP 75 at 36 h (before onset, in the leak window)");
	CHECK(eps[0].albumin_min.v == 2.2 && eps[0].albumin_min.t == hr(64), "lowest albumin 2.2 at 64 h");
	CHECK(eps[0].hct_max.v == 52 && eps[0].hct_max.t == hr(24), "highest Hct 52 at 24 h");
	CHECK(eps[0].worst_grade == 2, "albumin 2.2 g/dL: CTCAE v5 grade 2");
	CHECK(eps[0].signs == CLS_TRIAD_SIGNS, "signs: the triad");
	CHECK(eps[0].recovered && eps[0].recovered_at == hr(100), "recovered at 100 h");
	CHECK(eps[0].exclusion == -1 && !eps[0].dosed, "no exclusion, no doses");

	/* LLN unknown: grade 2 is absolute (< 3 g/dL), still given */
	bad = p;
	bad.albumin_lln = NAN;
	ne = episodes(&t, &bad, NULL, 0, NULL, 0);
	CHECK(ne == 1 && eps[0].worst_grade == 2, "LLN unknown: grade 2 still known");

	/* hold caps: 0 ends at the last suspected time (72 h) */
	bad = p;
	bad.hold = 0;
	ne = episodes(&t, &bad, NULL, 0, NULL, 0);
	CHECK(ne == 1 && eps[0].end == hr(72), "hold 0: end at the last suspected time");
	bad.min_duration = hr(9);
	ne = episodes(&t, &bad, NULL, 0, NULL, 0);
	CHECK(ne == 0, "min_duration 9 h drops an 8 h episode");
	bad.min_duration = hr(8);
	ne = episodes(&t, &bad, NULL, 0, NULL, 0);
	CHECK(ne == 1, "min_duration 8 h keeps an 8 h episode");

	/* current values: a normal hematocrit at 72 h clears the sign */
	cur = t;
	cur.window = 0;
	ne = episodes(&cur, &p, NULL, 0, NULL, 0);
	CHECK(ne == 0, "current values: SBP 75 at 36 h is stale (6 h) at 64 h: no episode");

	/* two attacks: 150 h apart -> gap 118 h */
	nobs = 0;
	attack(0);
	attack(150);
	ne = episodes(&t, &p, NULL, 0, NULL, 0);
	CHECK(ne == 2, "two attacks, two episodes");
	CHECK(ne == 2 && eps[1].onset == hr(214) && eps[1].end == hr(246), "second [214 h, 246 h]");
	CHECK(eps[0].recovered_at == hr(100) && eps[1].recovered_at == hr(250), "each recovers");
	CHECK(eps[1].evidence_start == hr(214 - 72) + 1, "second leak window");
	bad = p;
	bad.max_gap = hr(118);
	ne = episodes(&t, &bad, NULL, 0, NULL, 0);
	CHECK(ne == 1 && eps[0].onset == hr(64) && eps[0].end == hr(246),
		  "max_gap = gap (118 h): merged");
	bad.max_gap = hr(118) - 1;
	ne = episodes(&t, &bad, NULL, 0, NULL, 0);
	CHECK(ne == 2, "max_gap 1 us short: two");

	/* exclusions: closed overlap; only the touched episode is marked */
	{
		cls_span	ex[2] = {{hr(200), hr(213)}, {hr(246), hr(300)}};

		ne = episodes(&t, &p, ex, 2, NULL, 0);
		CHECK(ne == 2 && eps[0].exclusion == -1 && eps[1].exclusion == 1,
			  "exclusion touching the end marks the second episode only");
		ex[1].start = hr(247);
		ne = episodes(&t, &p, ex, 2, NULL, 0);
		CHECK(ne == 2 && eps[1].exclusion == -1, "1 h after the end: not marked");
	}

	/* dose anchoring: first dose 12 h after onset -> day -1, cycle 0 */
	{
		int64_t		doses[2];

		nobs = 0;
		attack(0);
		doses[0] = hr(64 + 12);
		ne = episodes(&t, &p, NULL, 0, doses, 1);
		CHECK(ne == 1 && eps[0].dosed && eps[0].cycle == 0 && eps[0].cycle_day == -1 &&
			  eps[0].days_since_first_dose == -1, "onset 12 h before the first dose: day -1");
		doses[0] = hr(64) - 4 * 24 * H - H;
		doses[1] = doses[0] + 24 * H;
		ne = episodes(&t, &p, NULL, 0, doses, 2);
		CHECK(ne == 1 && eps[0].cycle == 1 && eps[0].cycle_day == 5 &&
			  eps[0].days_since_first_dose == 4, "onset 4 days 1 h after: day 4, cycle 1 day 5");
	}

	/* drug profile: albumin < 3.5 with weight gain; no hematocrit at all */
	nobs = 0;
	add(0, CLS_A_ALBUMIN, 3.8);
	add(0, CLS_A_WEIGHT, 70);
	add(24, CLS_A_WEIGHT, 70.2);
	add(48, CLS_A_ALBUMIN, 3.3);
	add(48, CLS_A_WEIGHT, 72.0);
	add(96, CLS_A_ALBUMIN, 3.6);
	add(130, CLS_A_ALBUMIN, 3.8);
	ne = episodes(&d, &p, NULL, 0, NULL, 0);
	CHECK(ne == 1 && eps[0].onset == hr(48) && eps[0].end == hr(120), "drug: [48 h, 120 h]");
	CHECK(eps[0].worst_grade == 1, "albumin 3.3 with LLN 3.5: grade 1");
	CHECK(eps[0].signs == (CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA) | CLS_SIGN_BIT(CLS_SIGN_WEIGHT_GAIN)),
		  "drug: hypoalbuminemia and weight gain");
	CHECK(eps[0].recovered && eps[0].recovered_at == hr(130),
		  "drug: albumin alone decides recovery (130 h)");
	CHECK(!eps[0].sbp_min.have && !eps[0].hct_max.have, "no SBP, no hematocrit: not reported");
	/* the triad criteria see nothing here */
	CHECK(episodes(&t, &p, NULL, 0, NULL, 0) == 0, "triad: no episode in the drug course");

	/* order independence: shuffled input gives the same episodes */
	{
		cls_triad_episode first[4];
		size_t		n1;
		bool		same = true;

		nobs = 0;
		attack(0);
		attack(150);
		n1 = episodes(&t, &p, NULL, 0, NULL, 0);
		memcpy(first, eps, sizeof(first));
		for (size_t i = 0; i < nobs; i++)
		{
			size_t		j = (i * 7 + 3) % nobs;
			cls_obs		tmp = obs[i];

			obs[i] = obs[j];
			obs[j] = tmp;
		}
		same = episodes(&t, &p, NULL, 0, NULL, 0) == n1 &&
			memcmp(first, eps, n1 * sizeof(cls_triad_episode)) == 0;
		CHECK(same, "shuffled input: identical episodes");
	}

	/* never recovered: albumin stays low */
	nobs = 0;
	attack(0);
	nobs -= 3;					/* drop the 100 h normal values */
	add(100, CLS_A_ALBUMIN, 2.5);
	add(100, CLS_A_HEMATOCRIT, 42);
	ne = episodes(&t, &p, NULL, 0, NULL, 0);
	CHECK(ne == 1 && !eps[0].recovered, "albumin still low: no recovery");

	return unit_done("triad_episodes");
}
