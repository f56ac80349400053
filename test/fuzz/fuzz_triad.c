/*
 * fuzz_triad.c -- libFuzzer target: the CLS timeline (src/core/triad.c) and
 * the triad episodes (src/core/triad_episodes.c) over arbitrary cls_obs
 * arrays, the pseudo-analyte edema included, with arbitrary criteria and
 * episode parameters, as the glue hands them over (src/triad_pg.c,
 * src/triad_episodes_pg.c; the buffer is src/obs_pg.h's).
 *
 * Input: a header of fixed fields, then records of 17 bytes
 *   [t i64][v f64][analyte u8]
 * until the end (a short last record reads as zeros).  Header:
 *   [flags u8][profile u8][k u8][edema u8][derive u8][baselines u8]
 *   [thresholds 10 x u8][window i64][valid 7 x i64]
 *   [max_gap i64][hold i64][min_duration i64][lln u8]
 * flags bit 0: "clustered" -- times in whole hours -60..60, values near the
 * thresholds (so that signs, ties, windows and merges are frequent), windows
 * and parameters 0..63 h; otherwise raw 64-bit times inside PostgreSQL's
 * timestamp range (see in_ts_range), raw finite
 * values and raw positive windows (saturating arithmetic).  A threshold byte 0 switches the criterion off, else scales
 * the profile's default by byte / 128.  Everything is made to satisfy the
 * glue's contract: criteria pass cls_triad_criteria_check, parameters pass
 * cls_triad_episode_params_check, times are finite timestamps, values
 * finite, edema values 0 or 1, negative zero stored as +0 (obs_pg.h).
 *
 * Invariants (abort on violation):
 *  sort:     cls_obs_sort orders by (t, analyte, v);
 *  timeline: one point per distinct time, in time order; a suspected point
 *            lasts (until > t), a point that is not suspected has until ==
 *            t; suspected agrees with the profile rule applied to the
 *            point's signs (triad: at least k of the three core signs; drug:
 *            hypoalbuminemia and one of weight gain, hypotension, edema);
 *            signs only of inputs the data has;
 *  episodes: count <= points; onset <= end, evidence start <= onset;
 *            sorted and disjoint, more than max_gap apart; each onset is a
 *            suspected point's time; end <= the latest time or `until` of
 *            the data, and <= the last suspected time before it + hold when
 *            a hold is given; end - onset >= min_duration; signs within the
 *            signs of the points; recovery at or after the end; the worst
 *            SBP / albumin / hematocrit is an observation of the leak window
 *            [evidence start, end] and no observation there is worse;
 *  order:    a shuffle of the input (PRNG seeded from the data) gives the
 *            same sorted array, timeline and episodes.
 */
#include <math.h>
#include <stdbool.h>

#include "fuzz_common.h"
#include "label.h"
#include "triad.h"
#include "triad_episodes.h"

#define MAXREC 512
/* PostgreSQL's finite timestamps: [MIN_TIMESTAMP, END_TIMESTAMP) */
#define TS_MIN	INT64_C(-211813488000000000)
#define TS_END	INT64_C(9223371331200000000)

static uint64_t
prng(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

/*
 * Raw times: anywhere in PostgreSQL's timestamp range (the suspected-time
 * sum of cls_triad_eval_run saturates; an earlier signed overflow there was
 * found by this target).
 */
static int64_t
in_ts_range(int64_t t)
{
	uint64_t	span = (uint64_t) TS_END - (uint64_t) TS_MIN;

	return (int64_t) ((uint64_t) TS_MIN + (uint64_t) t % span);
}

static int64_t
hours(int64_t raw, int64_t lo, int64_t hi)
{
	uint64_t	span = (uint64_t) (hi - lo + 1);

	return (lo + (int64_t) ((uint64_t) raw % span)) * CLS_USECS_PER_HOUR;
}

static int64_t
pos_window(int64_t raw, bool clustered)
{
	if (clustered)
		return hours(raw, 1, 64);
	return raw > 0 ? raw : (raw == INT64_MIN ? INT64_MAX : (raw < 0 ? -raw : 1));
}

/* the analytes a record may carry: the triad's inputs, edema, and others
 * the profiles do not read */
static const int32_t analytes[] = {
	CLS_A_SBP, CLS_A_MAP, CLS_A_ALBUMIN, CLS_A_HEMATOCRIT, CLS_A_WEIGHT,
	CLS_A_SODIUM, CLS_KIND_EDEMA, CLS_A_CK, CLS_A_HEART_RATE
};
/* a value near each one's thresholds (clustered mode) */
static double
near_value(int32_t a, int8_t d)
{
	switch (a)
	{
		case CLS_A_SBP:
			return 90 + d;
		case CLS_A_MAP:
			return 65 + d / 2;
		case CLS_A_ALBUMIN:
			return 3.2 + d / 40.0;
		case CLS_A_HEMATOCRIT:
			return 45 + d / 10.0;
		case CLS_A_WEIGHT:
			return 70 + d / 20.0;
		case CLS_A_SODIUM:
			return 135 + d / 10.0;
		case CLS_KIND_EDEMA:
			return d & 1;
		default:
			return 100 + d;
	}
}

static int
obs_cmp(const void *a, const void *b)
{
	const cls_obs *x = a,
			   *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->analyte != y->analyte)
		return x->analyte < y->analyte ? -1 : 1;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return 0;
}

static bool
rule_holds(const cls_triad_criteria *c, unsigned s)
{
	if (c->profile == CLS_PROFILE_DRUG)
		return (s & CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA)) &&
			(s & (CLS_SIGN_BIT(CLS_SIGN_WEIGHT_GAIN) | CLS_SIGN_BIT(CLS_SIGN_HYPOTENSION) |
				  CLS_SIGN_BIT(CLS_SIGN_EDEMA)));
	return __builtin_popcount(s & CLS_TRIAD_SIGNS) >= c->k;
}

typedef struct result
{
	size_t		np;
	cls_triad_point *pts;
	size_t		ne;
	cls_triad_episode *eps;
} result;

static void
run(const cls_triad_criteria *c, const double *base,
	const cls_triad_episode_params *p, cls_obs *obs, size_t n, result *r)
{
	size_t		ws = cls_triad_episodes_work_size(n);
	void	   *work = fuzz_alloc(ws);

	cls_obs_sort(obs, n);
	r->pts = (cls_triad_point *) fuzz_alloc(n * sizeof(cls_triad_point));
	r->np = cls_triad_timeline(c, base, obs, n, r->pts);
	r->ne = cls_triad_episodes_find(c, NULL, base, obs, n, p, work);
	r->eps = (cls_triad_episode *) fuzz_alloc(r->ne * sizeof(cls_triad_episode));
	cls_triad_episodes_details(c, NULL, obs, n, p, work, r->ne, NULL, 0, NULL, 0,
							   r->eps);
	free(work);
}

static void
check_worst(const cls_obs *obs, size_t n, const cls_triad_episode *e,
			int32_t analyte, const cls_triad_extreme *x, bool is_min)
{
	bool		found = false,
				any = false;

	for (size_t i = 0; i < n; i++)
	{
		if (obs[i].analyte != analyte || obs[i].t < e->evidence_start || obs[i].t > e->end)
			continue;
		any = true;
		if (x->have && obs[i].t == x->t && obs[i].v == x->v)
			found = true;
		if (x->have)
			FUZZ_ASSERT("worst value is the worst in the leak window",
						is_min ? !(obs[i].v < x->v) : !(obs[i].v > x->v));
	}
	FUZZ_ASSERT("worst value exists iff the leak window has the analyte", x->have == any);
	if (x->have)
		FUZZ_ASSERT("worst value is an observation of the leak window", found);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in		in = {data, size};
	uint8_t		flags = fuzz_u8(&in);
	bool		clustered = flags & 1;
	cls_triad_criteria c;
	cls_triad_episode_params p;
	double		base[CLS_IN__COUNT];
	double	   *th[10];
	uint8_t		b;
	cls_obs    *obs,
			   *shuf;
	size_t		n = 0;
	uint64_t	seed = 0x9E3779B97F4A7C15u;
	result		r1,
				r2;
	unsigned	have_inputs = 0;
	int64_t		raw;

	cls_triad_criteria_default(&c, (fuzz_u8(&in) & 1) ? CLS_PROFILE_DRUG : CLS_PROFILE_TRIAD);
	b = fuzz_u8(&in);
	if (c.profile == CLS_PROFILE_TRIAD)
		c.k = 1 + b % 3;
	c.edema = fuzz_u8(&in) & 1;
	c.derive_baselines = fuzz_u8(&in) & 1;
	b = fuzz_u8(&in);
	for (int i = 0; i < CLS_IN__COUNT; i++)
		base[i] = NAN;
	if (b & 1)
	{
		base[CLS_IN_SBP] = 120;
		base[CLS_IN_ALBUMIN] = 3.9;
		base[CLS_IN_HEMATOCRIT] = 40;
		base[CLS_IN_WEIGHT] = 70;
	}
	th[0] = &c.sbp_below;
	th[1] = &c.map_below;
	th[2] = &c.sbp_fall;
	th[3] = &c.albumin_below;
	th[4] = &c.albumin_fall;
	th[5] = &c.hct_above;
	th[6] = &c.hct_rise;
	th[7] = &c.weight_gain_kg;
	th[8] = &c.weight_gain_pct;
	th[9] = &c.sodium_below;
	for (int i = 0; i < 10; i++)
	{
		b = fuzz_u8(&in);
		if (b == 0)
			*th[i] = NAN;
		else if (!isnan(*th[i]))
			*th[i] = *th[i] * b / 128.0;
		else
			*th[i] = b / 8.0;	/* a default that is off: some value */
	}
	raw = fuzz_i64(&in);
	c.window = clustered ? hours(raw, 0, 63) : (raw < 0 ? 0 : raw);
	for (int i = 0; i < CLS_IN__COUNT; i++)
		c.valid[i] = pos_window(fuzz_i64(&in), clustered);
	FUZZ_ASSERT("criteria valid", cls_triad_criteria_check(&c, NULL) == NULL);

	cls_triad_episode_params_default(&p);
	raw = fuzz_i64(&in);
	p.max_gap = clustered ? hours(raw, 0, 63) : (raw < 0 ? 0 : raw);
	raw = fuzz_i64(&in);
	p.hold = (raw & 1) ? CLS_TEP_NO_HOLD : clustered ? hours(raw, 0, 63) : (raw < 0 ? -(raw / 2) : raw);
	raw = fuzz_i64(&in);
	p.min_duration = clustered ? hours(raw, 0, 7) : (raw < 0 ? 0 : raw);
	b = fuzz_u8(&in);
	p.albumin_lln = b == 0 ? NAN : b / 32.0;
	FUZZ_ASSERT("params valid", cls_triad_episode_params_check(&p, NULL) == NULL);

	obs = (cls_obs *) fuzz_alloc(MAXREC * sizeof(cls_obs));
	while (in.n > 0 && n < MAXREC)
	{
		int64_t		t = fuzz_i64(&in);
		double		v = fuzz_f64(&in);
		uint8_t		a = fuzz_u8(&in);
		cls_obs    *o = &obs[n++];

		o->analyte = analytes[a % (sizeof(analytes) / sizeof(analytes[0]))];
		if (clustered)
		{
			o->t = hours(t, -60, 60);
			o->v = near_value(o->analyte, (int8_t) (t >> 8));
		}
		else
		{
			o->t = in_ts_range(t);
			o->v = isfinite(v) ? v : 0;
			if (o->analyte == CLS_KIND_EDEMA)
				o->v = (a & 0x80) ? 1 : 0;
		}
		o->v += 0.0;			/* no negative zero (obs_pg.h) */
		if (cls_input_of(o->analyte) >= 0)
			have_inputs |= CLS_SIGN_BIT(cls_sign_of_input((cls_input) cls_input_of(o->analyte)));
		seed = seed * 31 + (uint64_t) t + a;
	}

	/* a shuffled copy, for order independence */
	shuf = (cls_obs *) fuzz_alloc((n ? n : 1) * sizeof(cls_obs));
	memcpy(shuf, obs, n * sizeof(cls_obs));
	for (size_t i = n; i > 1; i--)
	{
		size_t		j = prng(&seed) % i;
		cls_obs		tmp = shuf[i - 1];

		shuf[i - 1] = shuf[j];
		shuf[j] = tmp;
	}

	run(&c, base, &p, obs, n, &r1);

	/* sort */
	for (size_t i = 1; i < n; i++)
		FUZZ_ASSERT("sorted by (t, analyte, v)", obs_cmp(&obs[i - 1], &obs[i]) <= 0);

	/* timeline */
	{
		size_t		distinct = 0;
		int64_t		max_until = n ? obs[n - 1].t : 0;

		for (size_t i = 0; i < n; i++)
			if (i == 0 || obs[i].t != obs[i - 1].t)
			{
				FUZZ_ASSERT("one point per distinct time", distinct < r1.np &&
							r1.pts[distinct].t == obs[i].t);
				distinct++;
			}
		FUZZ_ASSERT("point count = distinct times", distinct == r1.np);
		for (size_t i = 0; i < r1.np; i++)
		{
			const cls_triad_point *q = &r1.pts[i];

			if (i > 0)
				FUZZ_ASSERT("points in time order", q->t > r1.pts[i - 1].t);
			FUZZ_ASSERT("suspected follows the profile rule",
						(q->suspected != 0) == rule_holds(&c, q->signs));
			if (q->suspected)
				FUZZ_ASSERT("a suspected point lasts: until > t", q->until > q->t);
			else
				FUZZ_ASSERT("a point not suspected: until == t", q->until == q->t);
			FUZZ_ASSERT("signs only of inputs present", (q->signs & ~have_inputs) == 0);
			if (q->until > max_until)
				max_until = q->until;
		}

		/* episodes */
		FUZZ_ASSERT("episodes <= points", r1.ne <= r1.np);
		for (size_t e = 0; e < r1.ne; e++)
		{
			const cls_triad_episode *x = &r1.eps[e];
			bool		onset_ok = false;
			int64_t		last_susp = INT64_MIN;
			unsigned	signs = 0;

			FUZZ_ASSERT("onset <= end", x->onset <= x->end);
			FUZZ_ASSERT("duration never negative", cls_span_len(x->onset, x->end) >= 0);
			FUZZ_ASSERT("evidence start <= onset", x->evidence_start <= x->onset);
			FUZZ_ASSERT("end within the data (+expiry)", x->end <= max_until);
			FUZZ_ASSERT("min_duration",
						(uint64_t) x->end - (uint64_t) x->onset >= (uint64_t) p.min_duration);
			if (e > 0)
			{
				FUZZ_ASSERT("episodes sorted and disjoint", r1.eps[e - 1].end < x->onset);
				FUZZ_ASSERT("episodes more than max_gap apart",
							(uint64_t) x->onset - (uint64_t) r1.eps[e - 1].end > (uint64_t) p.max_gap);
			}
			for (size_t i = 0; i < r1.np; i++)
			{
				if (!r1.pts[i].suspected)
					continue;
				if (r1.pts[i].t == x->onset)
					onset_ok = true;
				if (r1.pts[i].t <= x->end)
					last_susp = r1.pts[i].t;
				if (r1.pts[i].t >= x->onset && r1.pts[i].t <= x->end)
					signs |= r1.pts[i].signs;
			}
			FUZZ_ASSERT("onset at a suspected point", onset_ok);
			if (p.hold != CLS_TEP_NO_HOLD)
				FUZZ_ASSERT("end <= last suspected time + hold", x->end <= cls_sat_add(last_susp, p.hold));
			FUZZ_ASSERT("episode signs are the points' signs", (x->signs & ~signs) == 0);
			if (x->recovered)
				FUZZ_ASSERT("recovery at or after the end", x->recovered_at >= x->end);
			check_worst(obs, n, x, CLS_A_SBP, &x->sbp_min, true);
			check_worst(obs, n, x, CLS_A_ALBUMIN, &x->albumin_min, true);
			check_worst(obs, n, x, CLS_A_HEMATOCRIT, &x->hct_max, false);
		}
	}

	/* one time point (the wide functions): the first value of each input */
	{
		cls_triad_wide_input wi;
		cls_triad_wide_result wr;

		for (int i = 0; i < CLS_IN__COUNT; i++)
		{
			wi.v[i] = NAN;
			wi.baseline[i] = base[i];
		}
		wi.prev_weight = NAN;
		for (size_t i = 0; i < n; i++)
		{
			int			ip = cls_input_of(obs[i].analyte);

			if (ip >= 0 && isnan(wi.v[ip]))
				wi.v[ip] = obs[i].v;
			else if (ip == CLS_IN_WEIGHT && isnan(wi.prev_weight))
				wi.prev_weight = obs[i].v;
		}
		cls_triad_wide_eval(&c, &wi, &wr);
		FUZZ_ASSERT("wide: a sign that holds is known", (wr.yes & ~wr.known) == 0);
		for (int i = 0; i < CLS_IN__COUNT; i++)
		{
			cls_sign	s = cls_sign_of_input((cls_input) i);

			if (!isnan(wi.v[i]) && cls_triad_uses(&c, cls_analyte_of_input((cls_input) i)))
				FUZZ_ASSERT("wide: a used input with a value is known", wr.known & CLS_SIGN_BIT(s));
		}
		for (int s = 0; s < CLS_SIGN__COUNT; s++)
		{
			const cls_triad_evidence *e = &wr.ev[s];
			double		ref;

			if (!(wr.yes & CLS_SIGN_BIT(s)))
				continue;
			FUZZ_ASSERT("wide: the evidence reproduces its rule",
						cls_sign_meets(&c, (cls_input) cls_input_of(e->analyte), e->v,
									   wi.baseline[cls_input_of(e->analyte)],
									   cls_input_of(e->analyte) == CLS_IN_WEIGHT ? wi.prev_weight : NAN,
									   &ref) == (cls_rule) e->rule &&
						cls_sign_of_rule((cls_rule) e->rule) == (cls_sign) s);
		}
	}

	/* order independence */
	run(&c, base, &p, shuf, n, &r2);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT("shuffle: same sorted array", obs_cmp(&obs[i], &shuf[i]) == 0);
	FUZZ_ASSERT("shuffle: same timeline", r1.np == r2.np &&
				(r1.np == 0 || memcmp(r1.pts, r2.pts, r1.np * sizeof(cls_triad_point)) == 0));
	FUZZ_ASSERT("shuffle: same episode count", r1.ne == r2.ne);
	for (size_t e = 0; e < r1.ne; e++)
	{
		const cls_triad_episode *x = &r1.eps[e],
				   *y = &r2.eps[e];

		FUZZ_ASSERT("shuffle: same episodes",
					x->onset == y->onset && x->end == y->end &&
					x->evidence_start == y->evidence_start && x->signs == y->signs &&
					x->worst_grade == y->worst_grade && x->recovered == y->recovered &&
					(!x->recovered || x->recovered_at == y->recovered_at) &&
					x->sbp_min.have == y->sbp_min.have && x->albumin_min.have == y->albumin_min.have &&
					x->hct_max.have == y->hct_max.have &&
					(!x->sbp_min.have || (x->sbp_min.v == y->sbp_min.v && x->sbp_min.t == y->sbp_min.t)) &&
					(!x->albumin_min.have || (x->albumin_min.v == y->albumin_min.v && x->albumin_min.t == y->albumin_min.t)) &&
					(!x->hct_max.have || (x->hct_max.v == y->hct_max.v && x->hct_max.t == y->hct_max.t)));
	}

	free(r1.pts);
	free(r1.eps);
	free(r2.pts);
	free(r2.eps);
	free(obs);
	free(shuf);
	return 0;
}
