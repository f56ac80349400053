/*
 * triad.c -- CLS signs, profiles and the long-form evaluator (cls core).
 *
 * Sources: README: The CLS triad (normative), README: Sources,
 * label.h (tagraxofusp label numbers).  See triad.h for the contract.
 */
#include "triad.h"

#include "cycles.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sort.h"			/* cls_check_interrupts */

#define H	CLS_USECS_PER_HOUR

/* ------------------------------------------------------------------------
 * Defaults, as data.
 * ------------------------------------------------------------------------ */

/*
 * README: The CLS triad "Signs" (each from README: Sources: SBP < 90 and Hct > 45 %
 * and albumin < 3.0 (secondary triad thresholds); fall of 40 mmHg and of 0.5 g/dL (Karsen 2017); MAP < 65 is
 * the cls design's own addition; weight gain 1.5 kg day over day from the label (ELZONRIS US PI 12/2018),
 * 5 % above baseline = CTCAE Weight gain grade 1 (CTCAE v5.0 table); sodium < 135 = the
 * common LLN, CTCAE Hyponatremia grade 1 (CTCAE v5.0 table)).
 */
#define TRIAD_SBP_BELOW			90.0
#define TRIAD_MAP_BELOW			65.0
#define TRIAD_SBP_FALL			40.0
#define TRIAD_ALBUMIN_BELOW		3.0
#define TRIAD_ALBUMIN_FALL		0.5
#define TRIAD_HCT_ABOVE			45.0
/* README: The CLS triad: "risen by a given amount above baseline (no default rise)" */
#define TRIAD_HCT_RISE			NAN
#define TRIAD_WEIGHT_GAIN_PCT	5.0
#define TRIAD_SODIUM_BELOW		135.0
/*
 * Hemoglobin for hematocrit (README: The CLS triad): off by default.  No
 * published diagnostic threshold for hemoglobin in CLS was found: the
 * reports give observed values (EurêClark registry, Crit Care Med
 * 2017;45:1216, median 20.2 g/dL, IQR 17.9-22, at ICU admission; case
 * reports >= 19.8 g/dL), not a cut-off, and a value taken from them would
 * be a cls invention.  The user passes hemoglobin_above to switch it on.
 */
#define TRIAD_HGB_ABOVE			NAN
/* README: The CLS triad: the zone that dates a timestamptz, default UTC */
#define TRIAD_TIME_ZONE			"UTC"
#define TRIAD_K					3	/* README: The CLS triad: k = 3 by default */
/* README: The CLS triad: co-occurrence window 72 h (README: Sources: albumin lags
 * blood pressure by 1-2 days) */
#define TRIAD_WINDOW			(72 * H)

/* README: The CLS triad current-values validity: BP 6 h, hematocrit 24 h, albumin 48 h,
 * weight 36 h, sodium 48 h.  Edema: cls choice, 24 h -- the cls design gives none;
 * nursing assessments record edema at least daily, so a finding older than
 * a day is no longer current. */
static const int64_t default_valid[CLS_IN__COUNT] = {
	[CLS_IN_SBP] = 6 * H,
	[CLS_IN_MAP] = 6 * H,
	[CLS_IN_ALBUMIN] = 48 * H,
	[CLS_IN_HEMATOCRIT] = 24 * H,
	[CLS_IN_WEIGHT] = 36 * H,
	[CLS_IN_SODIUM] = 48 * H,
	[CLS_IN_EDEMA] = 24 * H,
};

static const char *const sign_names[CLS_SIGN__COUNT] = {
	"hypotension", "hypoalbuminemia", "hemoconcentration", "weight_gain",
	"hyponatremia", "edema"
};

static const char *const profile_names[CLS_PROFILE__COUNT] = {"triad", "drug"};

static const cls_sign input_sign[CLS_IN__COUNT] = {
	[CLS_IN_SBP] = CLS_SIGN_HYPOTENSION,
	[CLS_IN_MAP] = CLS_SIGN_HYPOTENSION,
	[CLS_IN_ALBUMIN] = CLS_SIGN_HYPOALBUMINEMIA,
	[CLS_IN_HEMATOCRIT] = CLS_SIGN_HEMOCONCENTRATION,
	[CLS_IN_WEIGHT] = CLS_SIGN_WEIGHT_GAIN,
	[CLS_IN_SODIUM] = CLS_SIGN_HYPONATREMIA,
	[CLS_IN_EDEMA] = CLS_SIGN_EDEMA,
};

/* The rules: sign, description format, which threshold. */
typedef struct rule_info
{
	cls_sign	sign;
	const char *fmt;			/* one %g: the threshold */
	size_t		offset;			/* of the threshold in cls_triad_criteria */
} rule_info;

#define OFF(f) offsetof(cls_triad_criteria, f)
static const rule_info rules[CLS_RULE__COUNT] = {
	[CLS_RULE_NONE] = {CLS_SIGN__COUNT, "none", 0},
	[CLS_RULE_SBP_LOW] = {CLS_SIGN_HYPOTENSION, "sbp < %g mmHg", OFF(sbp_below)},
	[CLS_RULE_MAP_LOW] = {CLS_SIGN_HYPOTENSION, "map < %g mmHg", OFF(map_below)},
	[CLS_RULE_SBP_FALL] = {CLS_SIGN_HYPOTENSION, "sbp fallen >= %g mmHg below baseline", OFF(sbp_fall)},
	[CLS_RULE_ALBUMIN_LOW] = {CLS_SIGN_HYPOALBUMINEMIA, "albumin < %g g/dL", OFF(albumin_below)},
	[CLS_RULE_ALBUMIN_FALL] = {CLS_SIGN_HYPOALBUMINEMIA, "albumin fallen >= %g g/dL below baseline", OFF(albumin_fall)},
	[CLS_RULE_HCT_HIGH] = {CLS_SIGN_HEMOCONCENTRATION, "hematocrit > %g %%", OFF(hct_above)},
	[CLS_RULE_HCT_RISE] = {CLS_SIGN_HEMOCONCENTRATION, "hematocrit risen >= %g points above baseline", OFF(hct_rise)},
	[CLS_RULE_WEIGHT_DAY] = {CLS_SIGN_WEIGHT_GAIN, "weight >= %g kg above the previous day's weight", OFF(weight_gain_kg)},
	[CLS_RULE_WEIGHT_PERCENT] = {CLS_SIGN_WEIGHT_GAIN, "weight >= %g %% above baseline", OFF(weight_gain_pct)},
	[CLS_RULE_SODIUM_LOW] = {CLS_SIGN_HYPONATREMIA, "sodium < %g mmol/L", OFF(sodium_below)},
	[CLS_RULE_EDEMA] = {CLS_SIGN_EDEMA, "edema recorded", 0},
	[CLS_RULE_HGB_HIGH] = {CLS_SIGN_HEMOCONCENTRATION, "hemoglobin > %g g/dL (no hematocrit at hand)", OFF(hgb_above)},
};
#undef OFF

void
cls_triad_criteria_default(cls_triad_criteria *c, cls_profile p)
{
	memset(c, 0, sizeof(*c));
	c->profile = (int32_t) p;
	c->k = TRIAD_K;
	c->sbp_below = TRIAD_SBP_BELOW;
	c->map_below = TRIAD_MAP_BELOW;
	c->sbp_fall = TRIAD_SBP_FALL;
	c->albumin_below = TRIAD_ALBUMIN_BELOW;
	c->albumin_fall = TRIAD_ALBUMIN_FALL;
	c->hct_above = TRIAD_HCT_ABOVE;
	c->hct_rise = TRIAD_HCT_RISE;
	c->weight_gain_kg = CLS_LABEL_WEIGHT_GAIN_KG;
	c->weight_gain_pct = TRIAD_WEIGHT_GAIN_PCT;
	c->sodium_below = TRIAD_SODIUM_BELOW;
	c->edema = 1;
	/* cls choice: derive baselines by default, so that the relative
	 * criteria of README: The CLS triad (which have defaults) can act without extra
	 * arguments; README documents the rule */
	c->derive_baselines = 1;
	c->window = TRIAD_WINDOW;
	memcpy(c->valid, default_valid, sizeof(c->valid));
	c->hgb_above = TRIAD_HGB_ABOVE;
	strcpy(c->time_zone, TRIAD_TIME_ZONE);
	if (p == CLS_PROFILE_DRUG)
	{
		/* README: The CLS triad `drug`: hypoalbuminemia by the label's thresholds: albumin
		 * < 3.5 g/dL or fallen >= 0.5 g/dL below the pre-cycle value */
		c->albumin_below = CLS_LABEL_ALBUMIN_TRIGGER_G_DL;
		c->albumin_fall = CLS_LABEL_ALBUMIN_FALL_G_DL;
	}
}

static const char *const crit_field_names[CLS_CR__COUNT] = {
	"profile", "k", "sbp_below", "map_below", "sbp_fall", "albumin_below",
	"albumin_fall", "hematocrit_above", "hematocrit_rise", "weight_gain_kg",
	"weight_gain_percent", "sodium_below", "edema", "derive_baselines",
	"cooccurrence_window", "bp_valid", "albumin_valid", "hematocrit_valid",
	"weight_valid", "sodium_valid", "edema_valid", "hemoglobin_above",
	"time_zone"
};

const char *
cls_triad_criteria_field_name(cls_crit_field f)
{
	return (f >= 0 && f < CLS_CR__COUNT) ? crit_field_names[f] : "unknown";
}

double *
cls_triad_criteria_threshold(cls_triad_criteria *c, cls_crit_field f)
{
	double	   *th[CLS_CR_NTHRESHOLDS] = {
		&c->sbp_below, &c->map_below, &c->sbp_fall, &c->albumin_below,
		&c->albumin_fall, &c->hct_above, &c->hct_rise, &c->weight_gain_kg,
		&c->weight_gain_pct, &c->sodium_below
	};

	if (f == CLS_CR_HEMOGLOBIN_ABOVE)
		return &c->hgb_above;
	return th[f - CLS_CR_FIRST_THRESHOLD];
}

int64_t *
cls_triad_criteria_window(cls_triad_criteria *c, cls_crit_field f)
{
	/* bp_valid is SBP's and MAP's validity (the glue sets both) */
	static const cls_input in[] = {
		CLS_IN_SBP, CLS_IN_ALBUMIN, CLS_IN_HEMATOCRIT, CLS_IN_WEIGHT,
		CLS_IN_SODIUM, CLS_IN_EDEMA
	};

	if (f == CLS_CR_WINDOW)
		return &c->window;
	return &c->valid[in[f - CLS_CR_BP_VALID]];
}

const char *
cls_triad_threshold_check(double x, const char **hint)
{
	if (isfinite(x) && x > 0)
		return NULL;
	*hint = "Pass NULL to switch this criterion off.";
	return "A threshold must be a finite number greater than zero.";
}

const char *
cls_triad_criteria_field_check(const cls_triad_criteria *c, cls_crit_field f,
							   const char **hint)
{
	*hint = NULL;
	switch (f)
	{
		case CLS_CR_PROFILE:
			return (c->profile < 0 || c->profile >= CLS_PROFILE__COUNT) ?
				"The profile must be triad or drug." : NULL;
		case CLS_CR_K:
			if (c->profile != CLS_PROFILE_TRIAD || (c->k >= 1 && c->k <= 3))
				return NULL;
			*hint = "Pass k between 1 and 3.";
			return "k is how many of hypotension, hypoalbuminemia and hemoconcentration must hold.";
		case CLS_CR_EDEMA:
			return (c->edema != 0 && c->edema != 1) ? "edema must be true or false." : NULL;
		case CLS_CR_DERIVE_BASELINES:
			return (c->derive_baselines != 0 && c->derive_baselines != 1) ?
				"derive_baselines must be true or false." : NULL;
		case CLS_CR_WINDOW:
			return c->window < 0 ? "The co-occurrence window must not be negative." : NULL;
		case CLS_CR_TIME_ZONE:
			if (memchr(c->time_zone, '\0', sizeof(c->time_zone)) == NULL)
				return "A time zone name must be shorter than 64 characters.";
			if (c->time_zone[0] == '\0')
			{
				*hint = "Write the zone of the place of care, such as 'UTC' or 'America/New_York'.";
				return "The time zone must not be empty.";
			}
			return NULL;
		default:
			break;
	}
	if (CLS_CR_IS_THRESHOLD(f))
	{
		double		x = *cls_triad_criteria_threshold((cls_triad_criteria *) c, f);

		return isnan(x) ? NULL : cls_triad_threshold_check(x, hint);
	}
	if (f > CLS_CR_WINDOW && f <= CLS_CR_LAST_WINDOW)
	{
		/* bp_valid: SBP's and MAP's */
		if (f == CLS_CR_BP_VALID && c->valid[CLS_IN_MAP] <= 0)
			return "A validity window must be longer than zero.";
		return *cls_triad_criteria_window((cls_triad_criteria *) c, f) <= 0 ?
			"A validity window must be longer than zero." : NULL;
	}
	return "There is no such field.";
}

const char *
cls_triad_criteria_check(const cls_triad_criteria *c, int *field)
{
	for (int f = 0; f < CLS_CR__COUNT; f++)
	{
		const char *hint;
		const char *why = cls_triad_criteria_field_check(c, (cls_crit_field) f, &hint);

		if (why)
		{
			if (field)
				*field = f;
			return why;
		}
	}
	return NULL;
}

const char *
cls_sign_name(cls_sign s)
{
	if (s < 0 || s >= CLS_SIGN__COUNT)
		return "unknown";
	return sign_names[s];
}

const char *
cls_profile_name(cls_profile p)
{
	if (p < 0 || p >= CLS_PROFILE__COUNT)
		return "unknown";
	return profile_names[p];
}

int
cls_profile_from_name(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char) s[0]))
	{
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char) s[len - 1]))
		len--;
	for (int p = 0; p < CLS_PROFILE__COUNT; p++)
	{
		size_t		n = strlen(profile_names[p]);
		size_t		i;

		if (n != len)
			continue;
		for (i = 0; i < n; i++)
			if (tolower((unsigned char) s[i]) != profile_names[p][i])
				break;
		if (i == n)
			return p;
	}
	return -1;
}

int
cls_input_of(int32_t analyte)
{
	switch (analyte)
	{
		case CLS_A_SBP:
			return CLS_IN_SBP;
		case CLS_A_MAP:
			return CLS_IN_MAP;
		case CLS_A_ALBUMIN:
			return CLS_IN_ALBUMIN;
		case CLS_A_HEMATOCRIT:
			return CLS_IN_HEMATOCRIT;
		case CLS_A_WEIGHT:
			return CLS_IN_WEIGHT;
		case CLS_A_SODIUM:
			return CLS_IN_SODIUM;
		case CLS_KIND_EDEMA:
			return CLS_IN_EDEMA;
		default:
			return -1;
	}
}

cls_sign
cls_sign_of_input(cls_input in)
{
	return input_sign[in];
}

int32_t
cls_analyte_of_input(cls_input in)
{
	static const int32_t analyte[CLS_IN__COUNT] = {
		[CLS_IN_SBP] = CLS_A_SBP,
		[CLS_IN_MAP] = CLS_A_MAP,
		[CLS_IN_ALBUMIN] = CLS_A_ALBUMIN,
		[CLS_IN_HEMATOCRIT] = CLS_A_HEMATOCRIT,
		[CLS_IN_WEIGHT] = CLS_A_WEIGHT,
		[CLS_IN_SODIUM] = CLS_A_SODIUM,
		[CLS_IN_EDEMA] = CLS_KIND_EDEMA,
	};

	return (in >= 0 && in < CLS_IN__COUNT) ? analyte[in] : CLS_A_NONE;
}

void
cls_triad_wide_eval(const cls_triad_criteria *c, const cls_triad_wide_input *in,
					cls_triad_wide_result *r)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < CLS_IN__COUNT; i++)
	{
		int32_t		a = cls_analyte_of_input((cls_input) i);
		cls_sign	s = cls_sign_of_input((cls_input) i);
		double		ref;
		cls_rule	rule;

		/* no usable value, or a sign switched off: not evaluated */
		if (isnan(in->v[i]) || !cls_triad_uses(c, a))
			continue;
		rule = cls_sign_meets(c, (cls_input) i, in->v[i], in->baseline[i],
							  i == CLS_IN_WEIGHT ? in->prev_weight : NAN, &ref);
		r->known |= CLS_SIGN_BIT(s);
		if (rule != CLS_RULE_NONE && !(r->yes & CLS_SIGN_BIT(s)))
		{
			r->yes |= CLS_SIGN_BIT(s);
			r->ev[s].t = 0;
			r->ev[s].v = in->v[i];
			r->ev[s].ref = ref;
			r->ev[s].analyte = a;
			r->ev[s].rule = (int32_t) rule;
		}
	}
}

cls_sign
cls_sign_of_rule(cls_rule r)
{
	if (r <= CLS_RULE_NONE || r >= CLS_RULE__COUNT)
		return CLS_SIGN__COUNT;
	return rules[r].sign;
}

bool
cls_triad_uses(const cls_triad_criteria *c, int32_t analyte)
{
	switch (cls_input_of(analyte))
	{
		case CLS_IN_SBP:
			return !isnan(c->sbp_below) || !isnan(c->sbp_fall);
		case CLS_IN_MAP:
			return !isnan(c->map_below);
		case CLS_IN_ALBUMIN:
			return !isnan(c->albumin_below) || !isnan(c->albumin_fall);
		case CLS_IN_HEMATOCRIT:
			return !isnan(c->hct_above) || !isnan(c->hct_rise);
		case CLS_IN_WEIGHT:
			return !isnan(c->weight_gain_kg) || !isnan(c->weight_gain_pct);
		case CLS_IN_SODIUM:
			return !isnan(c->sodium_below);
		case CLS_IN_EDEMA:
			return c->edema != 0;
		default:
			/* hemoglobin: only as the stand-in for hematocrit */
			return analyte == CLS_A_HEMOGLOBIN && !isnan(c->hgb_above);
	}
}

/* x < t exactly in decimal */
static inline bool
below(double x, double t)
{
	return !isnan(t) && cls_dcmp(x, t) < 0;
}

/* x >= t exactly in decimal */
static inline bool
at_least(double x, double t)
{
	return !isnan(t) && cls_dcmp(x, t) >= 0;
}

cls_rule
cls_sign_meets(const cls_triad_criteria *c, cls_input in, double v,
			   double baseline, double prev_day, double *ref)
{
	*ref = NAN;
	switch (in)
	{
		case CLS_IN_SBP:
			/* README: The CLS triad: SBP < 90, or fallen >= 40 below baseline */
			if (below(v, c->sbp_below))
				return CLS_RULE_SBP_LOW;
			if (!isnan(baseline) && at_least(baseline - v, c->sbp_fall))
			{
				*ref = baseline;
				return CLS_RULE_SBP_FALL;
			}
			return CLS_RULE_NONE;
		case CLS_IN_MAP:
			return below(v, c->map_below) ? CLS_RULE_MAP_LOW : CLS_RULE_NONE;
		case CLS_IN_ALBUMIN:
			/* README: The CLS triad: albumin < 3.0 (drug: < 3.5), or fallen >= 0.5 */
			if (below(v, c->albumin_below))
				return CLS_RULE_ALBUMIN_LOW;
			if (!isnan(baseline) && at_least(baseline - v, c->albumin_fall))
			{
				*ref = baseline;
				return CLS_RULE_ALBUMIN_FALL;
			}
			return CLS_RULE_NONE;
		case CLS_IN_HEMATOCRIT:
			/* README: The CLS triad: Hct > 45 %, or risen >= a given amount */
			if (!isnan(c->hct_above) && cls_dcmp(v, c->hct_above) > 0)
				return CLS_RULE_HCT_HIGH;
			if (!isnan(baseline) && at_least(v - baseline, c->hct_rise))
			{
				*ref = baseline;
				return CLS_RULE_HCT_RISE;
			}
			return CLS_RULE_NONE;
		case CLS_IN_WEIGHT:
			/* README: The CLS triad: >= 1.5 kg above the previous day's weight (label), or
			 * >= 5 % above baseline (CTCAE grade 1) */
			if (!isnan(prev_day) && at_least(v - prev_day, c->weight_gain_kg))
			{
				*ref = prev_day;
				return CLS_RULE_WEIGHT_DAY;
			}
			if (!isnan(baseline) && !isnan(c->weight_gain_pct) &&
				cls_dcmp((v - baseline) * 100.0, c->weight_gain_pct * baseline) >= 0)
			{
				*ref = baseline;
				return CLS_RULE_WEIGHT_PERCENT;
			}
			return CLS_RULE_NONE;
		case CLS_IN_SODIUM:
			return below(v, c->sodium_below) ? CLS_RULE_SODIUM_LOW : CLS_RULE_NONE;
		case CLS_IN_EDEMA:
			return (c->edema && v != 0) ? CLS_RULE_EDEMA : CLS_RULE_NONE;
		default:
			return CLS_RULE_NONE;
	}
}

cls_rule
cls_hemoglobin_meets(const cls_triad_criteria *c, double v)
{
	/* README: The CLS triad: hemoglobin > x g/dL where no hematocrit is at
	 * hand (off by default) */
	return (!isnan(c->hgb_above) && cls_dcmp(v, c->hgb_above) > 0) ?
		CLS_RULE_HGB_HIGH : CLS_RULE_NONE;
}

static int
popcount(unsigned x)
{
	int			n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

bool
cls_profile_holds(const cls_triad_criteria *c, unsigned signs)
{
	if (c->profile == CLS_PROFILE_DRUG)
		/* README: The CLS triad `drug`: hypoalbuminemia together with at least one of
		 * weight gain, hypotension or edema */
		return (signs & CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA)) &&
			(signs & (CLS_SIGN_BIT(CLS_SIGN_WEIGHT_GAIN) |
					  CLS_SIGN_BIT(CLS_SIGN_HYPOTENSION) |
					  CLS_SIGN_BIT(CLS_SIGN_EDEMA)));
	/* README: The CLS triad `triad`: at least k of hypotension, hypoalbuminemia,
	 * hemoconcentration */
	return popcount(signs & CLS_TRIAD_SIGNS) >= c->k;
}

int
cls_profile_holds3(const cls_triad_criteria *c, unsigned yes, unsigned unknown)
{
	/* the profiles are monotone in the signs */
	if (cls_profile_holds(c, yes))
		return 1;
	if (!cls_profile_holds(c, yes | unknown))
		return 0;
	return -1;
}

void
cls_rule_describe(const cls_triad_criteria *c, cls_rule r, char *buf,
				  size_t bufsize)
{
	if (r <= CLS_RULE_NONE || r >= CLS_RULE__COUNT)
	{
		snprintf(buf, bufsize, "none");
		return;
	}
	if (r == CLS_RULE_EDEMA)
		snprintf(buf, bufsize, "%s", rules[r].fmt);
	else
	{
		double		t;

		memcpy(&t, (const char *) c + rules[r].offset, sizeof(double));
		snprintf(buf, bufsize, rules[r].fmt, t);
	}
}

/* ------------------------------------------------------------------------
 * The evaluator
 * ------------------------------------------------------------------------ */

void
cls_triad_eval_init(cls_triad_eval *ev, const cls_triad_criteria *c,
					const double *baselines)
{
	memset(ev, 0, sizeof(*ev));
	ev->c = *c;
	for (int i = 0; i < CLS_IN__COUNT; i++)
		ev->given_baseline[i] = baselines ? baselines[i] : NAN;
}

void
cls_triad_eval_set_calendar(cls_triad_eval *ev, const cls_calendar *cal)
{
	ev->cal.utc_offset = cal ? cal->utc_offset : NULL;
	ev->cal.ctx = cal ? cal->ctx : NULL;
}

bool
cls_triad_eval_can_resume(const cls_triad_eval *ev, const cls_obs *obs,
						  size_t n)
{
	if (ev->next == 0)
		return true;
	if (ev->next > n)
		return false;
	if (ev->next == n)
		return true;
	return obs[ev->next].t > obs[ev->next - 1].t;
}

static double
baseline_of(const cls_triad_eval *ev, int in)
{
	if (!isnan(ev->given_baseline[in]))
		return ev->given_baseline[in];
	if (ev->c.derive_baselines && ev->base_have[in])
		return ev->base[in];
	return NAN;
}

/*
 * The signs that count at time t, their expiry times and evidence.
 */
static unsigned
signs_at(const cls_triad_eval *ev, int64_t t, int64_t *expiry,
		 cls_triad_evidence *evid)
{
	unsigned	signs = 0;

	if (ev->c.window > 0)
	{
		/* co-occurrence: met by some observation in (t - window, t] */
		for (int s = 0; s < CLS_SIGN__COUNT; s++)
			if (ev->met_have[s] && cls_sat_add(ev->met[s].t, ev->c.window) > t)
			{
				signs |= CLS_SIGN_BIT(s);
				expiry[s] = cls_sat_add(ev->met[s].t, ev->c.window);
				evid[s] = ev->met[s];
			}
		/* hemoglobin stands in when no hematocrit was observed in the
		 * window (a hematocrit that met has already set the sign) */
		if (!(signs & CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION)) &&
			ev->hgb_have && cls_sat_add(ev->hgb_t, ev->c.window) > t &&
			!(ev->hct_seen && cls_sat_add(ev->hct_seen_t, ev->c.window) > t))
		{
			signs |= CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION);
			expiry[CLS_SIGN_HEMOCONCENTRATION] = cls_sat_add(ev->hgb_t, ev->c.window);
			evid[CLS_SIGN_HEMOCONCENTRATION] = ev->hgb;
		}
	}
	else
	{
		/* current values: each input's latest value, if still valid
		 * (cur_t > t - validity), decides; a later normal value has reset
		 * the input's rule to NONE */
		for (int in = 0; in < CLS_IN__COUNT; in++)
		{
			int			s = input_sign[in];
			int64_t		e;

			if (!ev->cur_have[in] || ev->cur[in].rule == CLS_RULE_NONE ||
				cls_sat_add(ev->cur_t[in], ev->c.valid[in]) <= t)
				continue;
			e = cls_sat_add(ev->cur_t[in], ev->c.valid[in]);
			/* hypotension from SBP or MAP: the one lasting longer is the
			 * evidence; on equal expiry the first input (SBP) is kept */
			if (!(signs & CLS_SIGN_BIT(s)) || e > expiry[s])
			{
				expiry[s] = e;
				evid[s] = ev->cur[in];
			}
			signs |= CLS_SIGN_BIT(s);
		}
		/* hemoglobin stands in when no hematocrit is valid at t; its
		 * validity is hematocrit's */
		{
			int64_t		vh = ev->c.valid[CLS_IN_HEMATOCRIT];

			if (ev->hgb_have && ev->hgb.rule != CLS_RULE_NONE &&
				cls_sat_add(ev->hgb_t, vh) > t &&
				!(ev->cur_have[CLS_IN_HEMATOCRIT] &&
				  cls_sat_add(ev->cur_t[CLS_IN_HEMATOCRIT], vh) > t))
			{
				signs |= CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION);
				expiry[CLS_SIGN_HEMOCONCENTRATION] = cls_sat_add(ev->hgb_t, vh);
				evid[CLS_SIGN_HEMOCONCENTRATION] = ev->hgb;
			}
		}
	}
	return signs;
}

/* When, with no new observation, the profile stops holding: remove the
 * signs in order of expiry until it fails. */
static int64_t
holds_until(const cls_triad_criteria *c, unsigned signs, const int64_t *expiry)
{
	unsigned	left = signs;

	for (;;)
	{
		int			first = -1;

		for (int s = 0; s < CLS_SIGN__COUNT; s++)
			if ((left & CLS_SIGN_BIT(s)) &&
				(first < 0 || expiry[s] < expiry[first]))
				first = s;
		if (first < 0)
			return INT64_MIN;	/* cannot happen: the empty set fails */
		/* all signs expiring at the same time leave together */
		{
			int64_t		e = expiry[first];

			for (int s = 0; s < CLS_SIGN__COUNT; s++)
				if ((left & CLS_SIGN_BIT(s)) && expiry[s] == e)
					left &= ~CLS_SIGN_BIT(s);
			if (!cls_profile_holds(c, left))
				return e;
		}
	}
}

/* A hemoglobin observation: the highest, and the stand-in's state (the
 * same rules as an input's: co-occurrence keeps the latest that met,
 * current values the latest, ties at one time: any meets). */
static void
hemoglobin_seen(cls_triad_eval *ev, const cls_obs *o)
{
	cls_rule	r = cls_hemoglobin_meets(&ev->c, o->v);
	cls_triad_evidence *e = &ev->hgb;

	cls_extreme_max(&ev->hgb_max, o->v, o->t);
	if (ev->c.window > 0)
	{
		if (r == CLS_RULE_NONE)
			return;
	}
	else if (!ev->hgb_have || ev->hgb_t != o->t)
	{
		ev->hgb_have = true;
		ev->hgb_t = o->t;
		e->rule = CLS_RULE_NONE;
	}
	if (r != CLS_RULE_NONE && (ev->c.window > 0 || e->rule == CLS_RULE_NONE))
	{
		ev->hgb_have = true;
		ev->hgb_t = o->t;
		e->t = o->t;
		e->v = o->v;
		e->ref = NAN;
		e->analyte = o->analyte;
		e->rule = (int32_t) r;
	}
}

size_t
cls_triad_eval_run(cls_triad_eval *ev, const cls_obs *obs, size_t n,
				   cls_triad_point *out)
{
	const cls_triad_criteria *c = &ev->c;
	size_t		npoints = 0;
	size_t		i = ev->next;
	size_t		ticks = 0;

	while (i < n)
	{
		int64_t		t = obs[i].t;
		int64_t		tdate = cls_date_of(&ev->cal, t);
		size_t		j;
		unsigned	signs;
		int64_t		expiry[CLS_SIGN__COUNT];
		cls_triad_evidence evid[CLS_SIGN__COUNT];
		cls_triad_point p;

		/* the previous day's weight for time t: the latest weight on a
		 * date before t's, if that is the previous date (label.h; same
		 * result as cls_previous_day_value, including ties: the last in
		 * order) */
		while (ev->pw < i && cls_date_of(&ev->cal, obs[ev->pw].t) < tdate)
		{
			if (obs[ev->pw].analyte == CLS_A_WEIGHT)
			{
				ev->pw_have = true;
				ev->pw_v = obs[ev->pw].v;
				ev->pw_t = obs[ev->pw].t;
			}
			ev->pw++;
		}

		/* the observations at time t */
		for (j = i; j < n && obs[j].t == t; j++)
		{
			const cls_obs *o = &obs[j];
			int			in = cls_input_of(o->analyte);
			double		base,
						prev = NAN,
						ref;
			cls_rule	r;
			int			s;

			if (++ticks >= 65536)
			{
				ticks = 0;
				cls_check_interrupts();
			}
			if (in < 0)
			{
				if (o->analyte == CLS_A_HEMOGLOBIN && !isnan(c->hgb_above))
					hemoglobin_seen(ev, o);
				continue;
			}
			if (in == CLS_IN_HEMATOCRIT)
			{
				ev->hct_seen = true;
				ev->hct_seen_t = t;
			}
			if (ev->c.derive_baselines && !ev->base_have[in])
			{
				/* derived baseline: the earliest value (at a tie, the
				 * first in cls_obs_sort order: the smallest) */
				ev->base_have[in] = true;
				ev->base[in] = o->v;
			}
			base = baseline_of(ev, in);
			if (in == CLS_IN_WEIGHT && ev->pw_have &&
				cls_date_of(&ev->cal, ev->pw_t) == tdate - 1)
				prev = ev->pw_v;
			r = cls_sign_meets(c, (cls_input) in, o->v, base, prev, &ref);
			s = input_sign[in];

			/* worst values */
			switch (in)
			{
				case CLS_IN_SBP:
					cls_extreme_min(&ev->sbp_min, o->v, t);
					break;
				case CLS_IN_ALBUMIN:
					cls_extreme_min(&ev->albumin_min, o->v, t);
					break;
				case CLS_IN_HEMATOCRIT:
					cls_extreme_max(&ev->hct_max, o->v, t);
					break;
				case CLS_IN_WEIGHT:
					if (!isnan(prev))
						cls_extreme_max(&ev->gain_max, o->v - prev, t);
					break;
				default:
					break;
			}

			if (c->window > 0)
			{
				if (r != CLS_RULE_NONE)
				{
					cls_triad_evidence *e = &ev->met[s];

					ev->met_have[s] = true;
					e->t = t;
					e->v = o->v;
					e->ref = ref;
					e->analyte = o->analyte;
					e->rule = (int32_t) r;
				}
			}
			else
			{
				cls_triad_evidence *e = &ev->cur[in];

				if (!ev->cur_have[in] || ev->cur_t[in] != t)
				{
					/* a new latest value replaces the old one */
					ev->cur_have[in] = true;
					ev->cur_t[in] = t;
					e->rule = CLS_RULE_NONE;
				}
				if (r != CLS_RULE_NONE && e->rule == CLS_RULE_NONE)
				{
					/* ties at one time: the sign holds if any tied value
					 * meets it; the first such value is the evidence */
					e->t = t;
					e->v = o->v;
					e->ref = ref;
					e->analyte = o->analyte;
					e->rule = (int32_t) r;
				}
			}
		}

		/* evaluate the profile at t */
		signs = signs_at(ev, t, expiry, evid);
		p.t = t;
		p.signs = signs;
		p.suspected = cls_profile_holds(c, signs) ? 1 : 0;
		p.until = p.suspected ? holds_until(c, signs, expiry) : t;

		if (ev->have_point && ev->last.suspected)
		{
			int64_t		end = ev->last.until < t ? ev->last.until : t;
			ev->duration_closed = cls_sat_add(ev->duration_closed,
											  cls_span_len(ev->last.t, end));
		}
		if (p.suspected && !ev->suspected_ever)
		{
			ev->suspected_ever = true;
			ev->first = p;
			for (int s = 0; s < CLS_SIGN__COUNT; s++)
				if (signs & CLS_SIGN_BIT(s))
					ev->first_ev[s] = evid[s];
		}
		ev->signs_ever |= signs;
		ev->have_point = true;
		ev->last = p;
		for (int s = 0; s < CLS_SIGN__COUNT; s++)
			if (signs & CLS_SIGN_BIT(s))
				ev->last_ev[s] = evid[s];
		ev->n_points++;
		if (out)
			out[npoints] = p;
		npoints++;
		i = j;
	}
	ev->next = n;
	return npoints;
}

int64_t
cls_triad_eval_duration(const cls_triad_eval *ev)
{
	int64_t		d = ev->duration_closed;

	if (ev->have_point && ev->last.suspected)
		d = cls_sat_add(d, cls_span_len(ev->last.t, ev->last.until));
	return d;
}

size_t
cls_triad_timeline(const cls_triad_criteria *c, const double *baselines,
				   const cls_obs *obs, size_t n, cls_triad_point *out)
{
	cls_triad_eval ev;

	cls_triad_eval_init(&ev, c, baselines);
	return cls_triad_eval_run(&ev, obs, n, out);
}
