/*
 * triad.h -- CLS signs, the triad and drug profiles, and the evaluator over
 * a patient's long-form observations (cls core, plain C99).
 *
 * Every clinical number comes from README: The CLS triad (thresholds, profiles,
 * evaluation modes, validity windows), README: Sources (where
 * the cls design took them from), and label.h (the tagraxofusp label's numbers for the
 * `drug` profile).  Numbers cls chose itself are marked "cls choice" with
 * their reason; README "The CLS triad and the drug profile" lists them all.
 *
 * One predicate per sign (cls_sign_meets) serves the wide functions and the
 * long-form evaluator alike.
 */
#ifndef CLS_TRIAD_H
#define CLS_TRIAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "label.h"
#include "obs.h"
#include "units.h"

typedef enum cls_sign
{
	CLS_SIGN_HYPOTENSION = 0,
	CLS_SIGN_HYPOALBUMINEMIA,
	CLS_SIGN_HEMOCONCENTRATION,
	CLS_SIGN_WEIGHT_GAIN,
	CLS_SIGN_HYPONATREMIA,
	CLS_SIGN_EDEMA,
	CLS_SIGN__COUNT
} cls_sign;

#define CLS_SIGN_BIT(s)		(1u << (s))
#define CLS_TRIAD_SIGNS		(CLS_SIGN_BIT(CLS_SIGN_HYPOTENSION) | \
							 CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA) | \
							 CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION))

typedef enum cls_profile
{
	CLS_PROFILE_TRIAD = 0,
	CLS_PROFILE_DRUG,
	CLS_PROFILE__COUNT
} cls_profile;

/* The inputs a profile reads, each with its own validity window in
 * current-values mode. */
typedef enum cls_input
{
	CLS_IN_SBP = 0,
	CLS_IN_MAP,
	CLS_IN_ALBUMIN,
	CLS_IN_HEMATOCRIT,
	CLS_IN_WEIGHT,
	CLS_IN_SODIUM,
	CLS_IN_EDEMA,
	CLS_IN__COUNT
} cls_input;

/* Why a sign held: the criterion that an observation met. */
typedef enum cls_rule
{
	CLS_RULE_NONE = 0,
	CLS_RULE_SBP_LOW,
	CLS_RULE_MAP_LOW,
	CLS_RULE_SBP_FALL,
	CLS_RULE_ALBUMIN_LOW,
	CLS_RULE_ALBUMIN_FALL,
	CLS_RULE_HCT_HIGH,
	CLS_RULE_HCT_RISE,
	CLS_RULE_WEIGHT_DAY,
	CLS_RULE_WEIGHT_PERCENT,
	CLS_RULE_SODIUM_LOW,
	CLS_RULE_EDEMA,
	CLS_RULE_HGB_HIGH,			/* hemoglobin standing in for hematocrit */
	CLS_RULE__COUNT
} cls_rule;

/* room for a time zone name in the criteria (IANA names are at most 32
 * characters; cls choice: 63 with the NUL padding) */
#define CLS_TIME_ZONE_LEN	64

/*
 * The criteria, in canonical units (README: Reference: units and codes).  A threshold that is NaN is
 * off.  Times are microseconds.  The struct has no padding (it is compared
 * with memcmp and serialized); fill it with cls_triad_criteria_default and
 * check it with cls_triad_criteria_check.
 */
typedef struct cls_triad_criteria
{
	int32_t		profile;		/* cls_profile */
	int32_t		k;				/* triad: signs needed, 1..3 */
	double		sbp_below;		/* hypotension: SBP < x mmHg */
	double		map_below;		/* hypotension: MAP < x mmHg */
	double		sbp_fall;		/* hypotension: SBP fallen >= x below baseline */
	double		albumin_below;	/* hypoalbuminemia: albumin < x g/dL */
	double		albumin_fall;	/* hypoalbuminemia: fallen >= x below baseline */
	double		hct_above;		/* hemoconcentration: Hct > x % */
	double		hct_rise;		/* hemoconcentration: risen >= x points */
	double		weight_gain_kg; /* >= x kg over the previous day's weight */
	double		weight_gain_pct;	/* >= x % above baseline weight */
	double		sodium_below;	/* hyponatremia: Na < x mmol/L */
	int32_t		edema;			/* edema observations count (bool) */
	int32_t		derive_baselines;	/* bool: baseline = earliest value */
	int64_t		window;			/* co-occurrence window; 0 = current values */
	int64_t		valid[CLS_IN__COUNT];	/* current-values validity */
	/* hemoconcentration by hemoglobin > x g/dL, only where no hematocrit is
	 * at hand (co-occurrence: no hematocrit observation in the window;
	 * current values: no valid hematocrit); its validity is hematocrit's */
	double		hgb_above;
	/* the zone of the place of care that dates a timestamptz (the glue
	 * resolves it into a cls_calendar); NUL-padded, "UTC" by default */
	char		time_zone[CLS_TIME_ZONE_LEN];
} cls_triad_criteria;

/* The defaults of a profile (README: The CLS triad; label.h for `drug`). */
void		cls_triad_criteria_default(cls_triad_criteria *c, cls_profile p);

/* The fields of the SQL composite cls.criteria, in its attribute order
 * (src/sql/0.2.0/30_triad.sql); the constructors take them in this order
 * after the profile. */
typedef enum cls_crit_field
{
	CLS_CR_PROFILE = 0,
	CLS_CR_K,
	CLS_CR_SBP_BELOW,
	CLS_CR_MAP_BELOW,
	CLS_CR_SBP_FALL,
	CLS_CR_ALBUMIN_BELOW,
	CLS_CR_ALBUMIN_FALL,
	CLS_CR_HCT_ABOVE,
	CLS_CR_HCT_RISE,
	CLS_CR_WEIGHT_GAIN_KG,
	CLS_CR_WEIGHT_GAIN_PCT,
	CLS_CR_SODIUM_BELOW,
	CLS_CR_EDEMA,
	CLS_CR_DERIVE_BASELINES,
	CLS_CR_WINDOW,
	CLS_CR_BP_VALID,
	CLS_CR_ALBUMIN_VALID,
	CLS_CR_HCT_VALID,
	CLS_CR_WEIGHT_VALID,
	CLS_CR_SODIUM_VALID,
	CLS_CR_EDEMA_VALID,
	/* added in 0.3.0 (ALTER TYPE ... ADD ATTRIBUTE: after the 0.2.0 ones; a
	 * value stored by 0.2.0 reads them as NULL: hemoglobin off, zone UTC) */
	CLS_CR_HEMOGLOBIN_ABOVE,
	CLS_CR_TIME_ZONE,
	CLS_CR__COUNT
} cls_crit_field;

/* The thresholds are the fields CLS_CR_SBP_BELOW .. CLS_CR_SODIUM_BELOW and
 * CLS_CR_HEMOGLOBIN_ABOVE, the windows CLS_CR_WINDOW .. CLS_CR_EDEMA_VALID. */
#define CLS_CR_FIRST_THRESHOLD	CLS_CR_SBP_BELOW
#define CLS_CR_NTHRESHOLDS		(CLS_CR_SODIUM_BELOW - CLS_CR_SBP_BELOW + 1)
#define CLS_CR_FIRST_WINDOW		CLS_CR_WINDOW
#define CLS_CR_LAST_WINDOW		CLS_CR_EDEMA_VALID
/* Is f a threshold field (a double, NaN = off)? */
#define CLS_CR_IS_THRESHOLD(f) \
	(((f) >= CLS_CR_FIRST_THRESHOLD && (f) < CLS_CR_FIRST_THRESHOLD + CLS_CR_NTHRESHOLDS) || \
	 (f) == CLS_CR_HEMOGLOBIN_ABOVE)

/* Its SQL name ("hematocrit_above"). */
const char *cls_triad_criteria_field_name(cls_crit_field f);
/* Where the value of a threshold / window field lives in the struct. */
double	   *cls_triad_criteria_threshold(cls_triad_criteria *c, cls_crit_field f);
int64_t    *cls_triad_criteria_window(cls_triad_criteria *c, cls_crit_field f);

/*
 * THE check of the criteria.  cls_triad_criteria_field_check: NULL when
 * field f of c is valid, else the reason (a sentence for an error detail),
 * with *hint a sentence or NULL.  cls_triad_criteria_check: every field in
 * attribute order; NULL when all are valid, else the first field's reason
 * and, when field is not NULL, the field in *field.
 */
/* A threshold given (not NULL): NULL when usable, else the reason. */
const char *cls_triad_threshold_check(double x, const char **hint);
const char *cls_triad_criteria_field_check(const cls_triad_criteria *c,
										   cls_crit_field f, const char **hint);
const char *cls_triad_criteria_check(const cls_triad_criteria *c, int *field);

/* Signs and inputs */
const char *cls_sign_name(cls_sign s);
const char *cls_profile_name(cls_profile p);
int			cls_profile_from_name(const char *s, size_t len);	/* -1: none */
/* The input of an observation's analyte (CLS_KIND_EDEMA included), -1 when
 * the profiles read no sign from it. */
int			cls_input_of(int32_t analyte);
cls_sign	cls_sign_of_input(cls_input in);
/* The analyte of an input (CLS_KIND_EDEMA for edema): the inverse of
 * cls_input_of. */
int32_t		cls_analyte_of_input(cls_input in);
/* Whether the criteria need observations of this analyte at all (its sign
 * is on, or it is reported among the worst values). */
bool		cls_triad_uses(const cls_triad_criteria *c, int32_t analyte);

/*
 * THE sign predicate: does one observation of `input` with canonical value
 * v meet its sign?  `baseline` is the patient's baseline of that input (NaN
 * if unknown), `prev_day` the previous day's weight (weight only; NaN if
 * none).  Returns the criterion met (CLS_RULE_NONE: not met), and in *ref
 * the reference value it was measured against (baseline or previous weight;
 * NaN for an absolute threshold).  Comparisons are exact in decimal
 * (cls_dcmp): a value on a threshold gets the cls design's side of it.
 */
cls_rule	cls_sign_meets(const cls_triad_criteria *c, cls_input in, double v,
						   double baseline, double prev_day, double *ref);

/* Does hemoglobin v (g/dL) meet hemoconcentration by the stand-in rule
 * (CLS_RULE_HGB_HIGH; CLS_RULE_NONE when not met or the rule is off)?  The
 * caller decides whether a hematocrit is at hand. */
cls_rule	cls_hemoglobin_meets(const cls_triad_criteria *c, double v);

/* Does the profile hold for a set of signs (bitmask of CLS_SIGN_BIT)? */
bool		cls_profile_holds(const cls_triad_criteria *c, unsigned signs);
/* Three-valued: 1 holds, 0 does not, -1 unknown, for signs known true
 * (`yes`) and signs whose value is unknown (`unknown`). */
int			cls_profile_holds3(const cls_triad_criteria *c, unsigned yes,
							   unsigned unknown);

/* "sbp < 90 mmHg", "albumin fallen >= 0.5 g/dL below baseline" ... */
void		cls_rule_describe(const cls_triad_criteria *c, cls_rule r,
							  char *buf, size_t bufsize);
cls_sign	cls_sign_of_rule(cls_rule r);

/* The evidence for a sign: the observation that met it. 32 bytes. */
typedef struct cls_triad_evidence
{
	int64_t		t;
	double		v;
	double		ref;			/* baseline / previous weight, NaN if absolute */
	int32_t		analyte;		/* cls_analyte or CLS_KIND_EDEMA */
	int32_t		rule;			/* cls_rule */
} cls_triad_evidence;

/*
 * One evaluation time of the timeline: the signs that count at t, whether
 * the profile holds, and `until`: when, with no further observation, the
 * profile would stop holding because the observations behind it leave
 * their window (= t when it does not hold).  16 + 8 bytes.
 */
typedef struct cls_triad_point
{
	int64_t		t;
	int64_t		until;
	uint32_t	signs;
	uint32_t	suspected;
} cls_triad_point;

/*
 * One time point (the wide functions cls.signs, cls.hypotension, ...): the
 * canonical value of each input (NaN: not given or not usable), its
 * baseline (NaN: none) and the previous day's weight (NaN: none).
 */
typedef struct cls_triad_wide_input
{
	double		v[CLS_IN__COUNT];
	double		baseline[CLS_IN__COUNT];
	double		prev_weight;
} cls_triad_wide_input;

typedef struct cls_triad_wide_result
{
	unsigned	yes;			/* signs that hold */
	unsigned	known;			/* signs with at least one usable value */
	cls_triad_evidence ev[CLS_SIGN__COUNT]; /* of each sign in yes: the
											 * first input (in cls_input
											 * order) that met it; t = 0 */
} cls_triad_wide_result;

/* Evaluate one time point: inputs whose sign the criteria switch off are
 * not evaluated (their sign stays unknown). */
void		cls_triad_wide_eval(const cls_triad_criteria *c,
								const cls_triad_wide_input *in,
								cls_triad_wide_result *r);

/* A running minimum/maximum with its time: the core's one tracker (obs.h). */
typedef cls_extreme cls_triad_extreme;

/*
 * The evaluator: a single forward sweep over observations sorted by
 * cls_obs_sort, O(1) work per observation (windows are two-pointer:
 * the latest observation meeting each sign, the latest value of each input,
 * a trailing pointer for the previous day's weight).  It is resumable:
 * cls_triad_eval_run continues from where the previous call stopped, as
 * long as the new observations are all later than the evaluated ones.
 */
typedef struct cls_triad_eval
{
	cls_triad_criteria c;
	/* how a time becomes a date for the previous day's weight (obs.h; a
	 * copy: utc_offset NULL dates t itself, a timestamp or UTC) */
	cls_calendar cal;
	double		given_baseline[CLS_IN__COUNT];	/* NaN: not given */

	/* progress */
	size_t		next;			/* obs[0..next) are evaluated */
	size_t		pw;				/* previous-day pointer: obs[0..pw) seen */
	bool		pw_have;
	double		pw_v;
	int64_t		pw_t;
	bool		base_have[CLS_IN__COUNT];
	double		base[CLS_IN__COUNT];

	/* co-occurrence: latest observation that met each sign */
	bool		met_have[CLS_SIGN__COUNT];
	cls_triad_evidence met[CLS_SIGN__COUNT];
	/* current values: each input's latest time and whether a value at that
	 * time met its sign (ties: any) */
	bool		cur_have[CLS_IN__COUNT];
	int64_t		cur_t[CLS_IN__COUNT];
	cls_triad_evidence cur[CLS_IN__COUNT];	/* rule NONE: latest did not meet */
	/* hemoglobin standing in for hematocrit: the latest hemoglobin that met
	 * (co-occurrence) / the latest hemoglobin (current values), and the
	 * latest hematocrit observation of any value */
	bool		hgb_have;
	int64_t		hgb_t;
	cls_triad_evidence hgb;		/* rule NONE: latest did not meet */
	bool		hct_seen;
	int64_t		hct_seen_t;

	/* timeline */
	bool		have_point;
	cls_triad_point last;
	cls_triad_evidence last_ev[CLS_SIGN__COUNT];

	/* summary */
	bool		suspected_ever;
	cls_triad_point first;
	cls_triad_evidence first_ev[CLS_SIGN__COUNT];
	int64_t		duration_closed;	/* suspected time before `last` */
	uint32_t	signs_ever;
	cls_triad_extreme sbp_min;
	cls_triad_extreme albumin_min;
	cls_triad_extreme hct_max;
	cls_triad_extreme hgb_max;	/* highest hemoglobin (when the rule is on) */
	cls_triad_extreme gain_max; /* largest day-over-day weight gain, kg */
	uint64_t	n_points;
} cls_triad_eval;

/* baselines: CLS_IN__COUNT values (NaN = not given), or NULL */
void		cls_triad_eval_init(cls_triad_eval *ev, const cls_triad_criteria *c,
								const double *baselines);

/*
 * Evaluate obs[ev->next .. n).  obs[0..n) must be sorted (cls_obs_sort) and,
 * if ev->next > 0, obs[ev->next].t > obs[ev->next - 1].t (callers check
 * with cls_triad_eval_can_resume).  Appends one point per distinct time to
 * `out` (capacity: the number of distinct times in the new observations,
 * at most n - ev->next) when out is not NULL; returns the number of points.
 * Calls cls_check_interrupts() (sort.h) every 65536 observations.
 */
size_t		cls_triad_eval_run(cls_triad_eval *ev, const cls_obs *obs, size_t n,
							   cls_triad_point *out);
/* The calendar of the evaluation (NULL: t itself, a timestamp or UTC);
 * set after cls_triad_eval_init, before the first cls_triad_eval_run. */
void		cls_triad_eval_set_calendar(cls_triad_eval *ev, const cls_calendar *cal);
bool		cls_triad_eval_can_resume(const cls_triad_eval *ev,
									  const cls_obs *obs, size_t n);
/* Total suspected time: closed segments plus the open one after the last
 * point (until its `until`). */
int64_t		cls_triad_eval_duration(const cls_triad_eval *ev);

/*
 * The timeline in one call, for other modules (triad episodes): obs sorted
 * by cls_obs_sort, out has room for n points; returns the number of points.
 */
size_t		cls_triad_timeline(const cls_triad_criteria *c, const double *baselines,
							   const cls_obs *obs, size_t n, cls_triad_point *out);

#endif							/* CLS_TRIAD_H */
