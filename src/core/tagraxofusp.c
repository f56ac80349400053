/*
 * tagraxofusp.c -- ELZONRIS dose-day monitoring (see tagraxofusp.h).
 *
 * The rules table below is the single place where the label's dose rules
 * live: verbatim wording (README: Sources Table 1 (ELZONRIS US PI 2020; ELZONRIS US PI 2019), 1.5
 * Table 2 (ELZONRIS US PI 12/2018)) beside cls's reading, and the numbers the evaluator uses.
 * Numbers shared with the triad module come from label.h.
 *
 * Label-reading decisions (README: Tagraxofusp monitoring decides the first three; the rest are
 * cls's own, each with its reason; README "Tagraxofusp monitoring"):
 *  1. Albumin: a fall of exactly 0.5 g/dL stays triggered (the trigger says
 *     ">= 0.5", the resolution "not more than 0.5 lower"; README: Tagraxofusp monitoring resolves
 *     the overlap towards safety).  Resolution (albumin >= 3.5 AND fall <
 *     0.5) is then the exact complement of the trigger, so no state is
 *     carried from day to day.
 *  2. Weight: the previous day's predose weight is the latest weight taken
 *     on the previous date (label.h: days are dates); the gain is
 *     resolved when < 1.5 kg, the exact complement.
 *  3. SBP and heart rate: Table 1's resume conditions ("<160 mmHg or >80
 *     mmHg") are always true as written (README: Sources); cls reads
 *     them with AND, which makes them the exact complements of the holds.
 *  4. Temperature: resume "< 38 C", the exact complement.
 *  5. Creatinine: the trigger is "creatinine > 1.8 mg/dL or CrCl < 60
 *     mL/min" and the resume "creatinine <= 1.8 or CrCl >= 60".  Read
 *     literally, a normal CrCl would release a hold caused by creatinine 2.5
 *     while a fresh look at the same values holds again, so cls reads the
 *     resume per measure: each measure resolves on its own complement, and
 *     the rule is clear when no given measure triggers.  One measure is
 *     enough to evaluate the rule (the label pairs them as alternative
 *     measures of one renal criterion, and 2.2 says to check creatinine).
 *  6. ALT/AST: hold above 5 x ULN, resume only at <= 2.5 x ULN: this rule
 *     needs the previous dose's hold state (hysteresis).  While held, a
 *     value in (2.5, 5] x ULN keeps the hold; with an unknown previous
 *     state such a value is not evaluable.  Both enzymes must be known for
 *     "clear" (they are different tests and both are named); either one
 *     above its limit triggers.  A dose without a value to show resolution
 *     keeps a hold in force for the next dose (not evaluable today).
 *  7. Edema, fluid overload and/or hypotension: triggered when any flag is
 *     recorded present, clear only when all three are recorded absent.
 *  8. The cycle-1 gate (albumin >= 3.2) replaces the "during dosing" CLS
 *     rows (albumin < 3.5, fall, weight gain, edema) at the first dose of
 *     cycle 1: those rows are written for "during ELZONRIS dosing" and the
 *     gate's lower threshold would mean nothing otherwise.  Table 1 rows
 *     (vital signs, creatinine, transaminases, hypersensitivity) apply to
 *     every dose (2.2: "prior to preparing each dose").  When it is unknown
 *     whether a dose is the first of cycle 1, both readings are applied and
 *     an albumin between 3.2 and 3.5 g/dL, where they disagree, is not
 *     evaluable.
 *  9. Hypersensitivity: mild or moderate -> withhold (interrupt); severe or
 *     life-threatening -> discontinue permanently, carried to later doses.
 * 10. Dosing window: a dose after cycle day 10 is outside "days 1 to 5 ...
 *     extended ... up to day 10 of the cycle" and is reported as a hold.
 */
#include "tagraxofusp.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "label.h"
#include "units.h"

static const cls_tgx_rule_info rules[CLS_TGX__COUNT] = {
	{CLS_TGX_ALBUMIN_GATE, "albumin_gate", "Serum albumin, prior to first dose in cycle 1",
		"Table 2 row 1 (ELZONRIS US PI 12/2018); 2.1 (ELZONRIS US PI 12/2018; ELZONRIS US PI (current))",
		"Serum albumin < 3.2 g/dL",
		"Administer ELZONRIS when serum albumin ≥ 3.2 g/dL.",
		"first dose of cycle 1 only: hold when albumin < 3.2 g/dL",
		"give the first dose when albumin >= 3.2 g/dL",
		CLS_LABEL_ALBUMIN_GATE_G_DL, 0, 0, 0},
	{CLS_TGX_ALBUMIN_LOW, "albumin_low", "Serum albumin, during dosing",
		"Table 1 row 1 (ELZONRIS US PI 2020); Table 2 row 2 (ELZONRIS US PI 12/2018)",
		"Serum albumin < 3.5 g/dL",
		"Administer 25g intravenous albumin (q12h or more frequently as practical) until serum albumin is ≥ 3.5 g/dL AND not more than 0.5 g/dL lower than the value measured prior to dosing initiation of the current cycle. Interrupt ELZONRIS dosing until the relevant CLS sign/symptom has resolved",
		"every dose except the first of cycle 1: hold when albumin < 3.5 g/dL",
		"albumin >= 3.5 g/dL AND fall from the pre-cycle value < 0.5 g/dL (exact complement, no state)",
		CLS_LABEL_ALBUMIN_TRIGGER_G_DL, 0, 0, CLS_TGX_DO_ALBUMIN},
	{CLS_TGX_ALBUMIN_FALL, "albumin_fall", "Serum albumin fall, during dosing",
		"Table 1 row 1 (ELZONRIS US PI 2020); Table 2 row 3 (ELZONRIS US PI 12/2018)",
		"Serum albumin reduced by ≥ 0.5 g/dL from the albumin value measured prior to ELZONRIS dosing initiation of the current cycle",
		"Administer 25g intravenous albumin (q12h or more frequently as practical) until serum albumin is ≥ 3.5 g/dL AND not more than 0.5 g/dL lower than the value measured prior to dosing initiation of the current cycle. Interrupt ELZONRIS dosing until the relevant CLS sign/symptom has resolved",
		"every dose except the first of cycle 1: hold when pre-cycle albumin - albumin >= 0.5 g/dL (a fall of exactly 0.5 stays triggered, README: Tagraxofusp monitoring)",
		"fall < 0.5 g/dL AND albumin >= 3.5 g/dL (exact complement, no state)",
		CLS_LABEL_ALBUMIN_FALL_G_DL, 0, 0, CLS_TGX_DO_ALBUMIN},
	{CLS_TGX_WEIGHT_GAIN, "weight_gain", "Body weight, during dosing",
		"Table 1 row 2 (ELZONRIS US PI 2020); Table 2 row 4 (ELZONRIS US PI 12/2018); (ELZONRIS HCP CLS management)",
		"A predose body weight that is increased by ≥ 1.5 kg over the previous day's predose weight",
		"Administer 25g intravenous albumin (q12h or more frequently as practical), and manage fluid status as indicated clinically (e.g., generally with intravenous fluids and vasopressors if hypotensive and with diuretics if normotensive or hypertensive), until body weight increase has resolved (i.e. the increase is no longer ≥ 1.5 kg greater than the previous day's predose weight).",
		"every dose except the first of cycle 1: hold when predose weight - previous day's weight >= 1.5 kg; previous day = the latest weight on the date before the predose weight's date (days are dates)",
		"gain < 1.5 kg (exact complement, no state)",
		CLS_LABEL_WEIGHT_GAIN_KG, 0, 0, CLS_TGX_DO_ALBUMIN | CLS_TGX_DO_FLUID},
	{CLS_TGX_EDEMA, "edema_fluid_overload_hypotension", "Edema, fluid overload, hypotension, during dosing",
		"Table 2 row 5 (ELZONRIS US PI 12/2018)",
		"Edema, fluid overload and/or hypotension",
		"Administer 25g intravenous albumin (q12h, or more frequently as practical) until serum albumin is ≥ 3.5 g/dL. Administer 1 mg/kg of methylprednisolone (or an equivalent) per day, until resolution of CLS sign/symptom or as indicated clinically. Aggressive management of fluid status and hypotension if present, which could include intravenous fluids and/or diuretics or other blood pressure management, until resolution of CLS sign/symptom or as clinically indicated.",
		"every dose except the first of cycle 1: hold when any of edema, fluid overload, hypotension is recorded present",
		"all three recorded absent (a flag not recorded leaves the rule not evaluable)",
		0, 0, 0, CLS_TGX_DO_ALBUMIN | CLS_TGX_DO_FLUID | CLS_TGX_DO_STEROID},
	{CLS_TGX_SBP, "sbp", "Systolic BP",
		"Table 1 (ELZONRIS US PI 2020; ELZONRIS US PI 2019)",
		"Systolic blood pressure ≥160 mmHg or ≤80 mmHg",
		"Withhold ELZONRIS until systolic blood pressure is <160 mmHg or >80 mmHg.",
		"every dose: hold when SBP >= 160 or SBP <= 80 mmHg",
		"80 < SBP < 160 mmHg (the label's \"or\" read as AND, README: Sources; exact complement)",
		160, 80, 0, 0},
	{CLS_TGX_HEART_RATE, "heart_rate", "Heart rate",
		"Table 1 (ELZONRIS US PI 2020; ELZONRIS US PI 2019)",
		"Heart rate ≥130 bpm or ≤40 bpm",
		"Withhold ELZONRIS until heart rate is <130 bpm or >40 bpm.",
		"every dose: hold when heart rate >= 130 or <= 40 /min",
		"40 < heart rate < 130 /min (\"or\" read as AND; exact complement)",
		130, 40, 0, 0},
	{CLS_TGX_TEMPERATURE, "temperature", "Body temperature",
		"Table 1 (ELZONRIS US PI 2020; ELZONRIS US PI 2019)",
		"Body temperature ≥38°C",
		"Withhold ELZONRIS until body temperature is <38°C.",
		"every dose: hold when temperature >= 38 C",
		"temperature < 38 C (exact complement)",
		38, 0, 0, 0},
	{CLS_TGX_CREATININE, "creatinine", "Serum creatinine",
		"Table 1 (ELZONRIS US PI 2020; ELZONRIS US PI 2019)",
		"Serum creatinine >1.8 mg/dL (159 micromol/L) or creatinine clearance <60 mL/minute",
		"Withhold ELZONRIS until serum creatinine resolves to ≤ 1.8 mg/dL (159 micromol/L) or creatinine clearance ≥60 mL/minute.",
		"every dose: hold when creatinine > 1.8 mg/dL or CrCl < 60 mL/min (either measure given is enough to evaluate)",
		"each given measure back in range: creatinine <= 1.8 mg/dL, CrCl >= 60 mL/min (resume read per measure; exact complement)",
		1.8, 60, 0, 0},
	{CLS_TGX_TRANSAMINASES, "transaminases", "AST or ALT",
		"Table 1 (ELZONRIS US PI 2020; ELZONRIS US PI 2019)",
		"ALT or AST increase > 5 times the upper limit of normal",
		"Withhold ELZONRIS until transaminase elevations are ≤2.5 times the upper limit of normal.",
		"every dose: hold when ALT or AST > 5 x ULN; while held, the hold continues while ALT or AST > 2.5 x ULN (needs the previous dose's hold state)",
		"ALT and AST both <= 2.5 x ULN (hysteresis)",
		5, 2.5, 0, 0},
	{CLS_TGX_HYPERSENSITIVITY, "hypersensitivity", "Hypersensitivity",
		"Table 1 (ELZONRIS US PI 2020; ELZONRIS US PI 2019)",
		"Mild or moderate / Severe or life-threatening",
		"Withhold ELZONRIS until resolution of any mild or moderate hypersensitivity reaction. Resume ELZONRIS at the same infusion rate. / Discontinue ELZONRIS permanently.",
		"every dose: mild or moderate reaction -> hold; severe or life-threatening -> discontinue permanently (carried to every later dose)",
		"mild or moderate: when recorded as resolved (none); severe: never",
		0, 0, 0, 0},
	{CLS_TGX_DOSING_DAY, "dosing_day", "Dosing schedule",
		"2.1 (ELZONRIS US PI 12/2018; ELZONRIS US PI (current))",
		"once daily on days 1 to 5 of a 21-day cycle. The dosing period may be extended for dose delays up to day 10 of the cycle.",
		"Continue treatment with ELZONRIS until disease progression or unacceptable toxicity.",
		"a dose after cycle day 10 is outside the dosing period (days 6-10 are the extension for dose delays)",
		"the next cycle (a dose >= 21 days after the cycle's first dose)",
		CLS_LABEL_DOSING_EXTENDED_DAY, CLS_LABEL_DOSING_LAST_DAY, CLS_LABEL_CYCLE_DAYS, 0},
};

const cls_tgx_rule_info *
cls_tgx_rules(size_t *n)
{
	*n = CLS_TGX__COUNT;
	return rules;
}

const cls_tgx_rule_info *
cls_tgx_rule_get(cls_tgx_rule r)
{
	if ((int) r < 0 || r >= CLS_TGX__COUNT)
		return NULL;
	return &rules[r];
}

const char *
cls_tgx_status_name(cls_tgx_status s)
{
	switch (s)
	{
		case CLS_TGX_NOT_APPLICABLE:
			return "not applicable";
		case CLS_TGX_CLEAR:
			return "clear";
		case CLS_TGX_TRIGGERED:
			return "triggered";
		case CLS_TGX_NOT_EVALUABLE:
			return "not evaluable";
	}
	return "?";
}

const char *
cls_tgx_action_name(cls_tgx_action a)
{
	switch (a)
	{
		case CLS_TGX_ADMINISTER:
			return "administer";
		case CLS_TGX_ADMINISTER_INCOMPLETE:
			return "administer (incomplete checks)";
		case CLS_TGX_INTERRUPT:
			return "interrupt dosing";
		case CLS_TGX_DISCONTINUE:
			return "discontinue permanently";
	}
	return "?";
}

static const char *const hs_names[] = {
	"none", "mild", "moderate", "severe", "life-threatening"
};

int
cls_tgx_hypersensitivity_from_name(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (int i = 0; i < 5; i++)
		if (strlen(hs_names[i]) == len && strncasecmp(s, hs_names[i], len) == 0)
			return i;
	if (len == 16 && strncasecmp(s, "life threatening", len) == 0)
		return 4;
	return -2;
}

const char *
cls_tgx_hypersensitivity_name(int h)
{
	return (h >= 0 && h <= 4) ? hs_names[h] : "not recorded";
}

void
cls_tgx_input_init(cls_tgx_input *in)
{
	memset(in, 0, sizeof(*in));
	in->edema = in->fluid_overload = in->hypotension = -1;
	in->hypersensitivity = -1;
	in->cycle_day = 0;
	in->first_dose_of_cycle1 = -1;
	in->transaminases_held = 0;
	in->discontinued = false;
}

void
cls_tgx_set(cls_tgx_input *in, cls_tgx_input_id id, double v)
{
	in->val[id].v = v;
	in->val[id].has = true;
	in->val[id].problem = NULL;
}

double
cls_tgx_x_uln(double value, double uln)
{
	double		x;

	if (!(isfinite(uln) && uln > 0) || !isfinite(value))
		return -1;
	x = value / uln;
	/* a denormal ULN overflows the ratio: unusable, like none */
	return isfinite(x) ? x : -1;
}

void
cls_tgx_set_x_uln(cls_tgx_input *in, cls_tgx_input_id id, double x)
{
	if (x >= 0)
		cls_tgx_set(in, id, x);
	else
		in->val[id].problem = (id == CLS_TGX_IN_ALT_X_ULN) ?
			"ALT without its ULN" : "AST without its ULN";
}

/* ---- evaluation ----------------------------------------------------------- */

/* append to a fixed buffer, never past its end */
static void
appendf(char *buf, size_t size, size_t *len, const char *fmt, const char *a, const char *b)
{
	int			k;

	if (*len >= size)
		return;
	k = snprintf(buf + *len, size - *len, fmt, a, b);
	if (k > 0)
		*len = (*len + (size_t) k < size) ? *len + (size_t) k : size;
}

#define STATUS(r, s, ...) \
	do { \
		out->status[r] = (s); \
		snprintf(out->detail[r], CLS_TGX_DETAIL_LEN, __VA_ARGS__); \
	} while (0)

static const char *const input_names[CLS_TGX_IN__COUNT] = {
	"albumin", "pre-cycle albumin", "predose weight", "previous day's weight",
	"SBP", "heart rate", "temperature", "creatinine", "creatinine clearance",
	"ALT (x ULN)", "AST (x ULN)"
};

/* "no albumin" or the value's problem */
static void
missing(cls_tgx_result *out, cls_tgx_rule r, const cls_tgx_input *in,
		cls_tgx_input_id a, int b)
{
	char		buf[CLS_TGX_DETAIL_LEN];
	size_t		len = 0;
	cls_tgx_input_id ids[2] = {a, (cls_tgx_input_id) b};

	buf[0] = '\0';
	for (int i = 0; i < 2; i++)
	{
		const cls_tgx_value *v;

		if (i == 1 && b < 0)
			break;
		v = &in->val[ids[i]];
		if (v->has)
			continue;
		appendf(buf, sizeof(buf) - 1, &len, "%s%s", len ? "; " : "",
				v->problem ? v->problem : "");
		if (!v->problem)
			appendf(buf, sizeof(buf) - 1, &len, "%s%s", "no ", input_names[ids[i]]);
	}
	STATUS(r, CLS_TGX_NOT_EVALUABLE, "%s", buf);
}

#define HAS(id) (in->val[id].has)
#define VAL(id) (in->val[id].v)

static void
eval_albumin(const cls_tgx_input *in, cls_tgx_result *out)
{
	const double gate = rules[CLS_TGX_ALBUMIN_GATE].k1;
	const double low = rules[CLS_TGX_ALBUMIN_LOW].k1;
	const double fall_k = rules[CLS_TGX_ALBUMIN_FALL].k1;
	int			first = in->first_dose_of_cycle1;

	/* the cycle-1 gate */
	if (first == 0)
		STATUS(CLS_TGX_ALBUMIN_GATE, CLS_TGX_NOT_APPLICABLE, "not the first dose of cycle 1");
	else if (!HAS(CLS_TGX_IN_ALBUMIN))
		missing(out, CLS_TGX_ALBUMIN_GATE, in, CLS_TGX_IN_ALBUMIN, -1);
	else if (cls_dcmp(VAL(CLS_TGX_IN_ALBUMIN), gate) < 0)
		STATUS(CLS_TGX_ALBUMIN_GATE, CLS_TGX_TRIGGERED,
			   "albumin %g g/dL < %g g/dL before the first dose of cycle 1",
			   VAL(CLS_TGX_IN_ALBUMIN), gate);
	else
		STATUS(CLS_TGX_ALBUMIN_GATE, CLS_TGX_CLEAR, "albumin %g g/dL >= %g g/dL",
			   VAL(CLS_TGX_IN_ALBUMIN), gate);

	if (first == 1)
	{
		STATUS(CLS_TGX_ALBUMIN_LOW, CLS_TGX_NOT_APPLICABLE, "first dose of cycle 1: the gate applies");
		STATUS(CLS_TGX_ALBUMIN_FALL, CLS_TGX_NOT_APPLICABLE, "first dose of cycle 1: the gate applies");
		return;
	}

	/* albumin < 3.5 */
	if (!HAS(CLS_TGX_IN_ALBUMIN))
		missing(out, CLS_TGX_ALBUMIN_LOW, in, CLS_TGX_IN_ALBUMIN, -1);
	else if (cls_dcmp(VAL(CLS_TGX_IN_ALBUMIN), low) < 0)
	{
		if (first < 0 && cls_dcmp(VAL(CLS_TGX_IN_ALBUMIN), gate) >= 0)
			STATUS(CLS_TGX_ALBUMIN_LOW, CLS_TGX_NOT_EVALUABLE,
				   "albumin %g g/dL is < %g during dosing but >= %g before the first dose of cycle 1, and which applies is unknown",
				   VAL(CLS_TGX_IN_ALBUMIN), low, gate);
		else
			STATUS(CLS_TGX_ALBUMIN_LOW, CLS_TGX_TRIGGERED, "albumin %g g/dL < %g g/dL",
				   VAL(CLS_TGX_IN_ALBUMIN), low);
	}
	else
		STATUS(CLS_TGX_ALBUMIN_LOW, CLS_TGX_CLEAR, "albumin %g g/dL >= %g g/dL",
			   VAL(CLS_TGX_IN_ALBUMIN), low);

	/* fall >= 0.5 from the pre-cycle value; exactly 0.5 stays triggered */
	if (!HAS(CLS_TGX_IN_ALBUMIN) || !HAS(CLS_TGX_IN_PRE_CYCLE_ALBUMIN))
		missing(out, CLS_TGX_ALBUMIN_FALL, in, CLS_TGX_IN_ALBUMIN,
				CLS_TGX_IN_PRE_CYCLE_ALBUMIN);
	else
	{
		double		fall = VAL(CLS_TGX_IN_PRE_CYCLE_ALBUMIN) - VAL(CLS_TGX_IN_ALBUMIN);

		if (cls_dcmp(fall, fall_k) >= 0)
			STATUS(CLS_TGX_ALBUMIN_FALL, CLS_TGX_TRIGGERED,
				   "albumin %g g/dL is %g g/dL below the pre-cycle %g g/dL (>= %g)",
				   VAL(CLS_TGX_IN_ALBUMIN), fall, VAL(CLS_TGX_IN_PRE_CYCLE_ALBUMIN), fall_k);
		else
			STATUS(CLS_TGX_ALBUMIN_FALL, CLS_TGX_CLEAR,
				   "albumin %g g/dL, pre-cycle %g g/dL: fall %g < %g g/dL",
				   VAL(CLS_TGX_IN_ALBUMIN), VAL(CLS_TGX_IN_PRE_CYCLE_ALBUMIN),
				   cls_dcmp(fall, 0) == 0 ? 0.0 : fall, fall_k);
	}
}

static void
eval_weight(const cls_tgx_input *in, cls_tgx_result *out)
{
	const double k = rules[CLS_TGX_WEIGHT_GAIN].k1;
	double		gain;

	if (in->first_dose_of_cycle1 == 1)
	{
		STATUS(CLS_TGX_WEIGHT_GAIN, CLS_TGX_NOT_APPLICABLE, "first dose of cycle 1: the gate applies");
		return;
	}
	if (!HAS(CLS_TGX_IN_WEIGHT) || !HAS(CLS_TGX_IN_PREVIOUS_WEIGHT))
	{
		missing(out, CLS_TGX_WEIGHT_GAIN, in, CLS_TGX_IN_WEIGHT, CLS_TGX_IN_PREVIOUS_WEIGHT);
		return;
	}
	gain = VAL(CLS_TGX_IN_WEIGHT) - VAL(CLS_TGX_IN_PREVIOUS_WEIGHT);
	if (cls_dcmp(gain, 0) == 0)
		gain = 0;
	if (cls_dcmp(gain, k) >= 0)
		STATUS(CLS_TGX_WEIGHT_GAIN, CLS_TGX_TRIGGERED,
			   "weight %g kg is %g kg above the previous day's %g kg (>= %g)",
			   VAL(CLS_TGX_IN_WEIGHT), gain, VAL(CLS_TGX_IN_PREVIOUS_WEIGHT), k);
	else
		STATUS(CLS_TGX_WEIGHT_GAIN, CLS_TGX_CLEAR,
			   "weight %g kg, previous day's %g kg: change %g < %g kg",
			   VAL(CLS_TGX_IN_WEIGHT), VAL(CLS_TGX_IN_PREVIOUS_WEIGHT), gain, k);
}

static void
eval_edema(const cls_tgx_input *in, cls_tgx_result *out)
{
	int			f[3] = {in->edema, in->fluid_overload, in->hypotension};
	const char *nm[3] = {"edema", "fluid overload", "hypotension"};
	char		buf[64];
	size_t		len = 0;
	bool		any = false,
				all_known = true;

	if (in->first_dose_of_cycle1 == 1)
	{
		STATUS(CLS_TGX_EDEMA, CLS_TGX_NOT_APPLICABLE, "first dose of cycle 1: the gate applies");
		return;
	}
	buf[0] = '\0';
	for (int i = 0; i < 3; i++)
	{
		if (f[i] > 0)
		{
			any = true;
			appendf(buf, sizeof(buf), &len, "%s%s", len ? ", " : "", nm[i]);
		}
		else if (f[i] < 0)
			all_known = false;
	}
	if (any)
		STATUS(CLS_TGX_EDEMA, CLS_TGX_TRIGGERED, "%s recorded", buf);
	else if (all_known)
		STATUS(CLS_TGX_EDEMA, CLS_TGX_CLEAR, "edema, fluid overload and hypotension recorded absent");
	else
	{
		len = 0;
		for (int i = 0; i < 3; i++)
			if (f[i] < 0)
				appendf(buf, sizeof(buf), &len, "%s%s", len ? ", " : "", nm[i]);
		STATUS(CLS_TGX_EDEMA, CLS_TGX_NOT_EVALUABLE, "not recorded: %s", buf);
	}
}

/* hold when x >= hi or x <= lo */
static void
eval_band(const cls_tgx_input *in, cls_tgx_result *out, cls_tgx_rule r,
		  cls_tgx_input_id id, const char *what, const char *unit)
{
	const double hi = rules[r].k1;
	const double lo = rules[r].k2;
	double		x = VAL(id);

	if (!HAS(id))
		missing(out, r, in, id, -1);
	else if (cls_dcmp(x, hi) >= 0)
		STATUS(r, CLS_TGX_TRIGGERED, "%s %g %s >= %g", what, x, unit, hi);
	else if (cls_dcmp(x, lo) <= 0)
		STATUS(r, CLS_TGX_TRIGGERED, "%s %g %s <= %g", what, x, unit, lo);
	else
		STATUS(r, CLS_TGX_CLEAR, "%g < %s %g %s < %g", lo, what, x, unit, hi);
}

static void
eval_temperature(const cls_tgx_input *in, cls_tgx_result *out)
{
	const double k = rules[CLS_TGX_TEMPERATURE].k1;
	double		x = VAL(CLS_TGX_IN_TEMPERATURE);

	if (!HAS(CLS_TGX_IN_TEMPERATURE))
		missing(out, CLS_TGX_TEMPERATURE, in, CLS_TGX_IN_TEMPERATURE, -1);
	else if (cls_dcmp(x, k) >= 0)
		STATUS(CLS_TGX_TEMPERATURE, CLS_TGX_TRIGGERED, "temperature %g C >= %g C", x, k);
	else
		STATUS(CLS_TGX_TEMPERATURE, CLS_TGX_CLEAR, "temperature %g C < %g C", x, k);
}

static void
eval_creatinine(const cls_tgx_input *in, cls_tgx_result *out)
{
	const double kc = rules[CLS_TGX_CREATININE].k1;
	const double kcl = rules[CLS_TGX_CREATININE].k2;
	bool		hc = HAS(CLS_TGX_IN_CREATININE),
				hcl = HAS(CLS_TGX_IN_CRCL);
	double		c = VAL(CLS_TGX_IN_CREATININE),
				cl = VAL(CLS_TGX_IN_CRCL);
	bool		tc = hc && cls_dcmp(c, kc) > 0;
	bool		tcl = hcl && cls_dcmp(cl, kcl) < 0;

	if (tc && tcl)
		STATUS(CLS_TGX_CREATININE, CLS_TGX_TRIGGERED,
			   "creatinine %g mg/dL > %g and creatinine clearance %g mL/min < %g", c, kc, cl, kcl);
	else if (tc)
		STATUS(CLS_TGX_CREATININE, CLS_TGX_TRIGGERED, "creatinine %g mg/dL > %g mg/dL", c, kc);
	else if (tcl)
		STATUS(CLS_TGX_CREATININE, CLS_TGX_TRIGGERED,
			   "creatinine clearance %g mL/min < %g mL/min", cl, kcl);
	else if (hc && hcl)
		STATUS(CLS_TGX_CREATININE, CLS_TGX_CLEAR,
			   "creatinine %g mg/dL <= %g, creatinine clearance %g mL/min >= %g", c, kc, cl, kcl);
	else if (hc)
		STATUS(CLS_TGX_CREATININE, CLS_TGX_CLEAR, "creatinine %g mg/dL <= %g mg/dL", c, kc);
	else if (hcl)
		STATUS(CLS_TGX_CREATININE, CLS_TGX_CLEAR,
			   "creatinine clearance %g mL/min >= %g mL/min", cl, kcl);
	else
		missing(out, CLS_TGX_CREATININE, in, CLS_TGX_IN_CREATININE, CLS_TGX_IN_CRCL);
}

static void
eval_transaminases(const cls_tgx_input *in, cls_tgx_result *out)
{
	const double hold = rules[CLS_TGX_TRANSAMINASES].k1;
	const double resume = rules[CLS_TGX_TRANSAMINASES].k2;
	const cls_tgx_input_id ids[2] = {CLS_TGX_IN_ALT_X_ULN, CLS_TGX_IN_AST_X_ULN};
	const char *nm[2] = {"ALT", "AST"};
	int			held = in->transaminases_held;
	int			above_hold = -1,
				above_resume = -1;
	bool		both = HAS(ids[0]) && HAS(ids[1]);

	for (int i = 0; i < 2; i++)
	{
		if (!HAS(ids[i]))
			continue;
		if (above_hold < 0 && cls_dcmp(VAL(ids[i]), hold) > 0)
			above_hold = i;
		if (above_resume < 0 && cls_dcmp(VAL(ids[i]), resume) > 0)
			above_resume = i;
	}

	if (above_hold >= 0)
	{
		STATUS(CLS_TGX_TRANSAMINASES, CLS_TGX_TRIGGERED, "%s %g x ULN > %g x ULN",
			   nm[above_hold], VAL(ids[above_hold]), hold);
		out->transaminases_held = 1;
	}
	else if (held == 1 && above_resume >= 0)
	{
		STATUS(CLS_TGX_TRANSAMINASES, CLS_TGX_TRIGGERED,
			   "held since an earlier dose: %s %g x ULN > %g x ULN (resume at <= %g)",
			   nm[above_resume], VAL(ids[above_resume]), resume, resume);
		out->transaminases_held = 1;
	}
	else if (both && (held == 0 || above_resume < 0))
	{
		if (held == 1)
			STATUS(CLS_TGX_TRANSAMINASES, CLS_TGX_CLEAR,
				   "hold resolved: ALT %g and AST %g x ULN <= %g x ULN",
				   VAL(ids[0]), VAL(ids[1]), resume);
		else
			STATUS(CLS_TGX_TRANSAMINASES, CLS_TGX_CLEAR,
				   "ALT %g and AST %g x ULN <= %g x ULN", VAL(ids[0]), VAL(ids[1]), hold);
		out->transaminases_held = 0;
	}
	else if (both)
	{
		/* held unknown, a value in (2.5, 5] x ULN */
		STATUS(CLS_TGX_TRANSAMINASES, CLS_TGX_NOT_EVALUABLE,
			   "%s %g x ULN is in (%g, %g] x ULN and whether dosing was held for transaminases at the previous dose is unknown",
			   nm[above_resume], VAL(ids[above_resume]), resume, hold);
		out->transaminases_held = -1;
	}
	else
	{
		missing(out, CLS_TGX_TRANSAMINASES, in, ids[0], ids[1]);
		if (held == 1)
		{
			size_t		len = strlen(out->detail[CLS_TGX_TRANSAMINASES]);

			snprintf(out->detail[CLS_TGX_TRANSAMINASES] + len, CLS_TGX_DETAIL_LEN - len,
					 "; a hold from an earlier dose stays in force until both are <= %g x ULN", resume);
		}
		/* a hold stays in force; otherwise the missing enzyme could have
		 * started one */
		out->transaminases_held = held == 1 ? 1 : -1;
	}
}

static void
eval_hypersensitivity(const cls_tgx_input *in, cls_tgx_result *out)
{
	int			h = in->hypersensitivity;

	out->discontinued = in->discontinued;
	if (in->discontinued)
	{
		STATUS(CLS_TGX_HYPERSENSITIVITY, CLS_TGX_TRIGGERED,
			   "discontinued permanently at an earlier dose (severe or life-threatening hypersensitivity)");
		return;
	}
	if (h < 0)
		STATUS(CLS_TGX_HYPERSENSITIVITY, CLS_TGX_NOT_EVALUABLE, "hypersensitivity not recorded");
	else if (h == 0)
		STATUS(CLS_TGX_HYPERSENSITIVITY, CLS_TGX_CLEAR, "no hypersensitivity reaction");
	else if (h <= 2)
		STATUS(CLS_TGX_HYPERSENSITIVITY, CLS_TGX_TRIGGERED,
			   "%s hypersensitivity reaction: withhold until resolution", hs_names[h]);
	else
	{
		STATUS(CLS_TGX_HYPERSENSITIVITY, CLS_TGX_TRIGGERED,
			   "%s hypersensitivity reaction: discontinue permanently", hs_names[h]);
		out->discontinued = true;
	}
}

static void
eval_dosing_day(const cls_tgx_input *in, cls_tgx_result *out)
{
	const int64_t last = (int64_t) rules[CLS_TGX_DOSING_DAY].k1;
	const int64_t usual = (int64_t) rules[CLS_TGX_DOSING_DAY].k2;
	int64_t		d = in->cycle_day;

	if (d <= 0)
		STATUS(CLS_TGX_DOSING_DAY, CLS_TGX_NOT_EVALUABLE, "cycle day unknown");
	else if (d > last)
		STATUS(CLS_TGX_DOSING_DAY, CLS_TGX_TRIGGERED,
			   "cycle day %lld is after day %lld, the end of the extended dosing period",
			   (long long) d, (long long) last);
	else if (d > usual)
		STATUS(CLS_TGX_DOSING_DAY, CLS_TGX_CLEAR,
			   "cycle day %lld: dosing period extended for dose delays (days %lld-%lld)",
			   (long long) d, (long long) usual + 1, (long long) last);
	else
		STATUS(CLS_TGX_DOSING_DAY, CLS_TGX_CLEAR, "cycle day %lld of days 1-%lld",
			   (long long) d, (long long) usual);
}

void
cls_tgx_evaluate(const cls_tgx_input *in, cls_tgx_result *out)
{
	bool		any_ne = false,
				any_trig = false;

	memset(out, 0, sizeof(*out));
	out->transaminases_held = in->transaminases_held;

	eval_albumin(in, out);
	eval_weight(in, out);
	eval_edema(in, out);
	eval_band(in, out, CLS_TGX_SBP, CLS_TGX_IN_SBP, "SBP", "mmHg");
	eval_band(in, out, CLS_TGX_HEART_RATE, CLS_TGX_IN_HEART_RATE, "heart rate", "/min");
	eval_temperature(in, out);
	eval_creatinine(in, out);
	eval_transaminases(in, out);
	eval_hypersensitivity(in, out);
	eval_dosing_day(in, out);

	for (int r = 0; r < CLS_TGX__COUNT; r++)
	{
		if (out->status[r] == CLS_TGX_TRIGGERED)
		{
			any_trig = true;
			out->does |= rules[r].does;
		}
		else if (out->status[r] == CLS_TGX_NOT_EVALUABLE)
			any_ne = true;
	}
	out->complete = !any_ne;
	if (out->discontinued)
	{
		out->action = CLS_TGX_DISCONTINUE;
		out->does |= CLS_TGX_DO_DISCONTINUE;
	}
	else if (any_trig)
		out->action = CLS_TGX_INTERRUPT;
	else if (any_ne)
		out->action = CLS_TGX_ADMINISTER_INCOMPLETE;
	else
		out->action = CLS_TGX_ADMINISTER;
}

size_t
cls_tgx_instructions(const cls_tgx_result *r, const char **out, size_t max)
{
	size_t		n = 0;

#define ADD(s) do { if (n < max) out[n] = (s); n++; } while (0)
	if (r->action == CLS_TGX_DISCONTINUE)
		ADD("discontinue ELZONRIS permanently");
	else if (r->action == CLS_TGX_INTERRUPT)
		ADD("interrupt ELZONRIS dosing until the triggering signs have resolved");
	if (r->status[CLS_TGX_ALBUMIN_GATE] == CLS_TGX_TRIGGERED)
		ADD("administer the first dose when serum albumin >= 3.2 g/dL");
	if (r->does & CLS_TGX_DO_ALBUMIN)
		ADD("give 25 g IV albumin q12h (or more frequently as practical) until albumin >= 3.5 g/dL and less than 0.5 g/dL below the pre-cycle value");
	if (r->does & CLS_TGX_DO_FLUID)
		ADD("manage fluid status");
	if (r->does & CLS_TGX_DO_STEROID)
		ADD("methylprednisolone 1 mg/kg (or an equivalent) per day until resolution");
#undef ADD
	return n < max ? n : max;
}

const char *
cls_tgx_do_name(unsigned bit)
{
	switch (bit)
	{
		case CLS_TGX_DO_ALBUMIN:
			return "give 25 g IV albumin q12h";
		case CLS_TGX_DO_FLUID:
			return "manage fluid status";
		case CLS_TGX_DO_STEROID:
			return "methylprednisolone 1 mg/kg per day";
		case CLS_TGX_DO_DISCONTINUE:
			return "discontinue permanently";
		default:
			return "unknown";
	}
}

int
cls_tgx_first_dose_of_cycle1(int given, int32_t cycle_no, int64_t cycle_day)
{
	if (given >= 0)
		return given ? 1 : 0;
	if (cycle_no > 0 && cycle_day > 0)
		return (cycle_no == 1 && cycle_day == 1) ? 1 : 0;
	if (cycle_no > 1 || cycle_day > 1)
		return 0;
	return -1;
}

/* creatinine clearance in mL/min: plausible 0 - 500 (cls's choice, README
 * "One dose day") */
#define CRCL_MAX_ML_MIN 500.0

const char *
cls_tgx_crcl_problem(double v)
{
	if (isnan(v) || isinf(v) || v < 0 || v > CRCL_MAX_ML_MIN)
		return "creatinine clearance is not a number between 0 and 500 mL/min";
	return NULL;
}

bool
cls_tgx_finding_value(int32_t kind, double v, double *out)
{
	switch (kind)
	{
		case CLS_KIND_HYPERSENSITIVITY:
			if (!(v >= 0 && v <= 4 && v == floor(v)))
				return false;
			break;
		case CLS_KIND_CRCL:
			if (cls_tgx_crcl_problem(v))
				return false;
			break;
		case CLS_KIND_EDEMA:
		case CLS_KIND_FLUID_OVERLOAD:
		case CLS_KIND_HYPOTENSION:
			if (!(v >= 0))
				return false;
			v = v > 0 ? 1 : 0;
			break;
		default:
			return false;
	}
	*out = v + 0.0;
	return true;
}

int32_t
cls_tgx_kind_of_analyte(cls_analyte a)
{
	switch (a)
	{
		case CLS_A_ALT:
			return CLS_KIND_ALT_X_ULN;
		case CLS_A_AST:
			return CLS_KIND_AST_X_ULN;
		default:
			return cls_tgx_obs_kind_valid((int32_t) a) && a >= 0 ? (int32_t) a : -1;
	}
}

/* ---- series ---------------------------------------------------------------- */

#include "ctcae.h"

bool
cls_tgx_obs_kind_valid(int32_t kind)
{
	switch (kind)
	{
		case CLS_A_ALBUMIN:
		case CLS_A_WEIGHT:
		case CLS_A_SBP:
		case CLS_A_HEART_RATE:
		case CLS_A_TEMPERATURE:
		case CLS_A_CREATININE:
		case CLS_KIND_DOSE:
		case CLS_KIND_ALT_X_ULN:
		case CLS_KIND_AST_X_ULN:
		case CLS_KIND_EDEMA:
		case CLS_KIND_FLUID_OVERLOAD:
		case CLS_KIND_HYPOTENSION:
		case CLS_KIND_HYPERSENSITIVITY:
		case CLS_KIND_CRCL:
			return true;
		default:
			return false;
	}
}

/* the latest observation of `kind` in [t - window, t]; on a tie in time the
 * largest value (sorted last), as cls_previous_day_value does */
static const cls_obs *
latest(const cls_obs *obs, size_t n, int32_t kind, int64_t t, int64_t window)
{
	size_t		i = cls_obs_upper_bound(obs, n, t);

	while (i > 0)
	{
		const cls_obs *o = &obs[--i];

		if (o->t < t - window)
			break;
		if (o->analyte == kind)
			return o;
	}
	return NULL;
}

static void
set_from(cls_tgx_input *in, cls_tgx_input_id id, const cls_obs *o)
{
	if (o)
		cls_tgx_set(in, id, o->v);
}

static int
flag_from(const cls_obs *o)
{
	if (!o)
		return -1;
	return o->v > 0 ? 1 : 0;
}

void
cls_tgx_series(const cls_obs *obs, size_t n, const int64_t *doses, size_t nd,
			   const cls_cycle *cycles, size_t nc, cls_tgx_day *days)
{
	int			held = 0;		/* no hold before the first dose */
	bool		discontinued = false;

	for (size_t i = 0; i < nd; i++)
	{
		cls_tgx_day *d = &days[i];
		int64_t		t = doses[i];
		int64_t		start;
		long		ci;
		const cls_obs *o;
		const cls_obs *ow;

		memset(d, 0, sizeof(*d));
		d->dose_time = t;
		ci = cls_cycle_of(NULL, cycles, nc, t, &d->cycle_no, &d->cycle_day, &start);
		d->days_since_first_dose = cls_days_since(NULL, t, doses[0]);
		cls_tgx_input_init(&d->in);
		d->in.cycle_day = d->cycle_day;
		d->in.first_dose_of_cycle1 = (ci == 0 && cycles[0].first == i) ? 1 : 0;
		d->in.transaminases_held = held;
		d->in.discontinued = discontinued;

		o = latest(obs, n, CLS_A_ALBUMIN, t, CLS_TGX_WINDOW_LAB_USECS);
		set_from(&d->in, CLS_TGX_IN_ALBUMIN, o);
		if (o)
			d->albumin_time = o->t;
		if (ci >= 0)
		{
			o = latest(obs, n, CLS_A_ALBUMIN, cycles[ci].start,
					   CLS_TGX_PRECYCLE_LOOKBACK_USECS);
			set_from(&d->in, CLS_TGX_IN_PRE_CYCLE_ALBUMIN, o);
			if (o)
				d->pre_cycle_albumin_time = o->t;
		}
		ow = latest(obs, n, CLS_A_WEIGHT, t, CLS_TGX_WINDOW_LAB_USECS);
		if (ow)
		{
			double		pv;
			int64_t		pt;

			cls_tgx_set(&d->in, CLS_TGX_IN_WEIGHT, ow->v);
			d->weight_time = ow->t;
			/* the previous day's predose weight: the latest weight on
			 * the date before this predose weight's (label.h) */
			if (cls_previous_day_value(NULL, obs, n, CLS_A_WEIGHT, ow->t, &pv, &pt))
			{
				cls_tgx_set(&d->in, CLS_TGX_IN_PREVIOUS_WEIGHT, pv);
				d->previous_weight_time = pt;
			}
		}
		set_from(&d->in, CLS_TGX_IN_SBP,
				 latest(obs, n, CLS_A_SBP, t, CLS_TGX_WINDOW_VITAL_USECS));
		set_from(&d->in, CLS_TGX_IN_HEART_RATE,
				 latest(obs, n, CLS_A_HEART_RATE, t, CLS_TGX_WINDOW_VITAL_USECS));
		set_from(&d->in, CLS_TGX_IN_TEMPERATURE,
				 latest(obs, n, CLS_A_TEMPERATURE, t, CLS_TGX_WINDOW_VITAL_USECS));
		set_from(&d->in, CLS_TGX_IN_CREATININE,
				 latest(obs, n, CLS_A_CREATININE, t, CLS_TGX_WINDOW_LAB_USECS));
		set_from(&d->in, CLS_TGX_IN_CRCL,
				 latest(obs, n, CLS_KIND_CRCL, t, CLS_TGX_WINDOW_LAB_USECS));
		o = latest(obs, n, CLS_KIND_ALT_X_ULN, t, CLS_TGX_WINDOW_LAB_USECS);
		if (o)
			cls_tgx_set_x_uln(&d->in, CLS_TGX_IN_ALT_X_ULN, o->v);
		o = latest(obs, n, CLS_KIND_AST_X_ULN, t, CLS_TGX_WINDOW_LAB_USECS);
		if (o)
			cls_tgx_set_x_uln(&d->in, CLS_TGX_IN_AST_X_ULN, o->v);
		d->in.edema = flag_from(latest(obs, n, CLS_KIND_EDEMA, t, CLS_TGX_WINDOW_FLAG_USECS));
		d->in.fluid_overload = flag_from(latest(obs, n, CLS_KIND_FLUID_OVERLOAD, t, CLS_TGX_WINDOW_FLAG_USECS));
		d->in.hypotension = flag_from(latest(obs, n, CLS_KIND_HYPOTENSION, t, CLS_TGX_WINDOW_FLAG_USECS));
		o = latest(obs, n, CLS_KIND_HYPERSENSITIVITY, t, CLS_TGX_WINDOW_FLAG_USECS);
		d->in.hypersensitivity = o ? (int) o->v : -1;

		cls_tgx_evaluate(&d->in, &d->res);
		held = d->res.transaminases_held;
		discontinued = d->res.discontinued;
	}
}

void
cls_tgx_cycle_summarize(const cls_obs *obs, size_t n, const cls_cycle *cycles,
						size_t nc, size_t ci, const cls_tgx_day *days,
						cls_tgx_cycle_summary *out)
{
	const cls_cycle *c = &cycles[ci];
	size_t		i;

	memset(out, 0, sizeof(*out));
	out->cycle_no = c->cycle_no;
	out->start = c->start;
	out->n_doses = c->n_doses;
	out->first_trigger = -1;
	out->worst_grade = -1;
	for (int32_t k = 0; k < c->n_doses; k++)
	{
		size_t		di = c->first + (size_t) k;
		const cls_tgx_day *d = &days[di];

		if (k == 0 && d->in.val[CLS_TGX_IN_PRE_CYCLE_ALBUMIN].has)
		{
			out->has_pre_cycle_albumin = true;
			out->pre_cycle_albumin = d->in.val[CLS_TGX_IN_PRE_CYCLE_ALBUMIN].v;
		}
		if (d->res.action == CLS_TGX_INTERRUPT || d->res.action == CLS_TGX_DISCONTINUE)
		{
			out->days_held++;
			if (out->first_trigger < 0)
				out->first_trigger = (long) di;
		}
		if (!d->res.complete)
			out->days_incomplete++;
		for (int r = 0; r < CLS_TGX__COUNT; r++)
			if (d->res.status[r] == CLS_TGX_TRIGGERED)
				out->triggers[r]++;
	}

	/* hypoalbuminemia over the cycle: from its start to the next cycle's
	 * start; the last cycle ends with its day 21, the 21st date from its
	 * start (the label's cycle; a warehouse holds values long after
	 * treatment ends) */
	for (i = cls_obs_upper_bound(obs, n, c->start - 1); i < n; i++)
	{
		if (ci + 1 < nc ? obs[i].t >= cycles[ci + 1].start :
			cls_days_since(NULL, obs[i].t, c->start) >= CLS_LABEL_CYCLE_DAYS)
			break;
		if (obs[i].analyte != CLS_A_ALBUMIN)
			continue;
		/* the lowest value; on a tie the earliest */
		if (!out->has_lowest_albumin || obs[i].v < out->lowest_albumin)
		{
			out->has_lowest_albumin = true;
			out->lowest_albumin = obs[i].v;
			out->lowest_albumin_time = obs[i].t;
		}
	}
	if (out->has_lowest_albumin)
	{
		cls_grade_input gi;
		int			g;

		memset(&gi, 0, sizeof(gi));
		gi.value = out->lowest_albumin;
		gi.lln = CLS_TGX_SUMMARY_LLN_G_DL;
		gi.has_lln = true;
		gi.symptomatic = 0;
		if (cls_grade(CLS_T_HYPOALBUMINEMIA, CLS_V_5_0, &gi, &g) == CLS_GRADE_OK)
			out->worst_grade = g;
	}
}
