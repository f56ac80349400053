/*
 * tagraxofusp.h -- ELZONRIS (tagraxofusp-erzs) dose-day monitoring rules
 * (cls core, plain C99, no PostgreSQL header).
 *
 * Sources: label Table 1 "Recommended ELZONRIS Dose Modifications" and
 * Table 2 "CLS Management Guidelines", the boxed warning and the dosing
 * schedule (README: Sources: (ELZONRIS US PI 12/2018; ELZONRIS US PI 2020; ELZONRIS US PI 2019; ELZONRIS US PI (current); ELZONRIS HCP CLS management)); README: Tagraxofusp monitoring,
 * which decides the label's ambiguities (README: Sources).
 * The label's CLS numbers shared with the triad module are in label.h; the
 * remaining Table 1 numbers are in the rules table of tagraxofusp.c, each
 * row with the label's wording and cls's reading.  That same table feeds the
 * evaluator, the SQL listing cls.tagraxofusp_rules() and the README table.
 */
#ifndef CLS_TAGRAXOFUSP_H
#define CLS_TAGRAXOFUSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cycles.h"
#include "label.h"

/* The rules, one per label row.  The order is the column order of the SQL
 * composite cls.tagraxofusp_day and of cls.tagraxofusp_rules(). */
typedef enum cls_tgx_rule
{
	CLS_TGX_ALBUMIN_GATE = 0,	/* before the first dose of cycle 1 */
	CLS_TGX_ALBUMIN_LOW,
	CLS_TGX_ALBUMIN_FALL,
	CLS_TGX_WEIGHT_GAIN,
	CLS_TGX_EDEMA,				/* edema, fluid overload and/or hypotension */
	CLS_TGX_SBP,
	CLS_TGX_HEART_RATE,
	CLS_TGX_TEMPERATURE,
	CLS_TGX_CREATININE,
	CLS_TGX_TRANSAMINASES,
	CLS_TGX_HYPERSENSITIVITY,
	CLS_TGX_DOSING_DAY,
	CLS_TGX__COUNT
} cls_tgx_rule;

typedef enum cls_tgx_status
{
	CLS_TGX_NOT_APPLICABLE = 0,
	CLS_TGX_CLEAR,
	CLS_TGX_TRIGGERED,
	CLS_TGX_NOT_EVALUABLE
} cls_tgx_status;

typedef enum cls_tgx_action
{
	CLS_TGX_ADMINISTER = 0,
	CLS_TGX_ADMINISTER_INCOMPLETE,
	CLS_TGX_INTERRUPT,
	CLS_TGX_DISCONTINUE
} cls_tgx_action;

/* What a triggered rule asks for besides holding the dose. */
#define CLS_TGX_DO_ALBUMIN		0x1 /* 25 g IV albumin q12h */
#define CLS_TGX_DO_FLUID		0x2 /* manage fluid status */
#define CLS_TGX_DO_STEROID		0x4 /* methylprednisolone 1 mg/kg/day */
#define CLS_TGX_DO_DISCONTINUE	0x8 /* discontinue permanently */

/* One row of the rules table. */
typedef struct cls_tgx_rule_info
{
	cls_tgx_rule rule;
	const char *name;			/* SQL name, e.g. "albumin_low" */
	const char *parameter;		/* the label's parameter */
	const char *source;			/* label table and row, source key */
	const char *label_criterion;	/* verbatim label wording */
	const char *label_action;	/* verbatim label wording */
	const char *cls_trigger;	/* cls's reading of the criterion */
	const char *cls_resume;		/* cls's reading of the resume rule */
	double		k1;				/* the rule's numbers (see the table) */
	double		k2;
	double		k3;
	unsigned	does;			/* CLS_TGX_DO_* when triggered */
} cls_tgx_rule_info;

const cls_tgx_rule_info *cls_tgx_rules(size_t *n);
const cls_tgx_rule_info *cls_tgx_rule_get(cls_tgx_rule r);
const char *cls_tgx_status_name(cls_tgx_status s);
const char *cls_tgx_action_name(cls_tgx_action a);

/* The numeric inputs of one dose day, canonical units (g/dL, kg, mmHg,
 * /min, Cel, mg/dL, mL/min; ALT and AST as multiples of their ULN). */
typedef enum cls_tgx_input_id
{
	CLS_TGX_IN_ALBUMIN = 0,
	CLS_TGX_IN_PRE_CYCLE_ALBUMIN,
	CLS_TGX_IN_WEIGHT,
	CLS_TGX_IN_PREVIOUS_WEIGHT,
	CLS_TGX_IN_SBP,
	CLS_TGX_IN_HEART_RATE,
	CLS_TGX_IN_TEMPERATURE,
	CLS_TGX_IN_CREATININE,
	CLS_TGX_IN_CRCL,
	CLS_TGX_IN_ALT_X_ULN,
	CLS_TGX_IN_AST_X_ULN,
	CLS_TGX_IN__COUNT
} cls_tgx_input_id;

typedef struct cls_tgx_value
{
	double		v;
	bool		has;			/* false: missing or unusable */
	const char *problem;		/* why unusable (NULL: missing); shown in the
								 * not-evaluable detail */
} cls_tgx_value;

typedef struct cls_tgx_input
{
	cls_tgx_value val[CLS_TGX_IN__COUNT];
	int			edema;			/* 1 present, 0 absent, -1 not recorded */
	int			fluid_overload;
	int			hypotension;
	int			hypersensitivity;	/* -1 not recorded, 0 none, 1 mild, 2
									 * moderate, 3 severe, 4 life-threatening */
	int64_t		cycle_day;		/* 0: unknown */
	int			first_dose_of_cycle1;	/* 1 yes, 0 no, -1 unknown */
	/* carried from the previous dose */
	int			transaminases_held; /* 1 held, 0 not held, -1 unknown */
	bool		discontinued;	/* an earlier dose was to be the last */
	/* the patient, for the Cockcroft-Gault estimate of CrCl when no
	 * measured CrCl is at hand (cls_crcl_cockcroft_gault) */
	cls_tgx_value age;			/* years at the dose */
	int			sex;			/* CLS_TGX_SEX_* */
	const char *sex_problem;	/* why an unusable sex is (CLS_TGX_SEX_BAD) */
} cls_tgx_input;

#define CLS_TGX_SEX_MALE		0
#define CLS_TGX_SEX_FEMALE		1
#define CLS_TGX_SEX_UNKNOWN		(-1)	/* not given */
#define CLS_TGX_SEX_BAD			(-2)	/* given but not usable */

#define CLS_TGX_DETAIL_LEN 200

typedef struct cls_tgx_result
{
	cls_tgx_status status[CLS_TGX__COUNT];
	char		detail[CLS_TGX__COUNT][CLS_TGX_DETAIL_LEN];
	cls_tgx_action action;
	unsigned	does;			/* CLS_TGX_DO_* of the triggered rules */
	bool		complete;		/* no rule is not evaluable */
	/* the creatinine clearance the creatinine rule used: measured, or
	 * estimated by Cockcroft-Gault (crcl_estimated); has_crcl false: none */
	bool		has_crcl;
	bool		crcl_estimated;
	double		crcl;
	/* to carry to the next dose */
	int			transaminases_held;
	bool		discontinued;
} cls_tgx_result;

void		cls_tgx_input_init(cls_tgx_input *in);
void		cls_tgx_set(cls_tgx_input *in, cls_tgx_input_id id, double v);

/*
 * ALT or AST as a multiple of its ULN (both in one unit): THE rule for
 * whether a ULN is usable, shared by cls.tagraxofusp_check and the
 * aggregates.  Returns value / uln, or -1 when the ULN is missing (NaN),
 * not a finite number > 0, or so small that the ratio is not finite (a
 * denormal ULN).  cls_tgx_set_x_uln stores such a ratio as the input, or
 * for -1 the problem "ALT without its ULN" (AST likewise).
 */
double		cls_tgx_x_uln(double value, double uln);
void		cls_tgx_set_x_uln(cls_tgx_input *in, cls_tgx_input_id id, double x);

/* Evaluate one dose day. */
void		cls_tgx_evaluate(const cls_tgx_input *in, cls_tgx_result *out);

/* The instructions of a result, in label wording: writes up to max strings
 * (static) to out; returns how many. */
size_t		cls_tgx_instructions(const cls_tgx_result *r, const char **out,
								 size_t max);

/* Hypersensitivity severities by name ("none", "mild", "moderate",
 * "severe", "life-threatening"); -2 when the name is unknown. */
int			cls_tgx_hypersensitivity_from_name(const char *s, size_t len);
const char *cls_tgx_hypersensitivity_name(int h);

/* ---- a patient's series: long observations plus dose times ----------------
 *
 * Observations are cls_obs (label.h) in canonical units.  Besides the cls
 * analytes (albumin, weight, sbp, heart_rate, temperature, creatinine) the
 * series reads the kinds of obs.h (cls_obs_kind: dose times, ALT / AST as
 * multiples of the ULN, the recorded findings and CrCl; never stored
 * outside an aggregate state).
 */

/* Whether an observation kind is one the series uses. */
bool		cls_tgx_obs_kind_valid(int32_t kind);
/* The kind a row of analyte a is kept as (ALT and AST: as multiples of
 * their ULN), or -1 for an analyte the rules do not read. */
int32_t		cls_tgx_kind_of_analyte(cls_analyte a);
/* A recorded finding's value (kinds EDEMA .. CRCL) as the series keeps it:
 * flags > 0 are 1 (present), 0 absent, negative ignored; hypersensitivity
 * an integer 0..4; CrCl plausible (cls_tgx_crcl_problem).  False: the row
 * is ignored. */
bool		cls_tgx_finding_value(int32_t kind, double v, double *out);
/* NULL when a creatinine clearance (mL/min) is plausible, else why not. */
const char *cls_tgx_crcl_problem(double v);

/*
 * Creatinine clearance estimated by Cockcroft-Gault (Cockcroft DW, Gault MH.
 * Prediction of creatinine clearance from serum creatinine. Nephron
 * 1976;16(1):31-41, PubMed 1244564):
 *     CrCl mL/min = (140 - age years) x weight kg / (72 x creatinine mg/dL),
 *     x 0.85 for women,
 * with the actual body weight, as the paper does.  Returns -1 when an input
 * is outside the formula's domain (age outside CLS_CG_AGE_MIN ..
 * CLS_TGX_AGE_MAX, weight or creatinine not a finite number > 0).
 */
#define CLS_CG_AGE_BASE			140.0
#define CLS_CG_DIVISOR			72.0
#define CLS_CG_FEMALE_FACTOR	0.85
/* The formula is for adults: it was derived in men aged 18 to 92 and is not
 * used in children (ELZONRIS is also given from age 2; a child needs a
 * measured CrCl). */
#define CLS_CG_AGE_MIN			18.0
double		cls_crcl_cockcroft_gault(double age, double weight_kg,
									 double creatinine_mg_dl, bool female);

/* The plausible ages in years (0 .. 125, cls's choice: the oldest
 * documented human lived 122 years): NULL when age is one, else why not. */
#define CLS_TGX_AGE_MAX			125.0
const char *cls_tgx_age_problem(double age);
/* Set the patient's age (years) in an input: usable, or its problem. */
void		cls_tgx_set_age(cls_tgx_input *in, double age);

/* The patient's sex from its name: 'F' / 'female' / OMOP gender_concept_id
 * 8532 -> CLS_TGX_SEX_FEMALE, 'M' / 'male' / 8507 -> CLS_TGX_SEX_MALE
 * (case-insensitive, surrounding blanks ignored), else CLS_TGX_SEX_BAD. */
int			cls_tgx_sex_from_name(const char *s, size_t len);

/*
 * Whether a dose is the first of cycle 1, for one dose day given by its
 * arguments: as given (1 / 0; -1 not given), else cycle 1 day 1 when both
 * are known, else not when the cycle (> 1) or the day (> 1) rules it out,
 * else unknown (-1).  cycle_no / cycle_day 0: unknown.
 */
int			cls_tgx_first_dose_of_cycle1(int given, int32_t cycle_no,
										 int64_t cycle_day);

/* The short name of one CLS_TGX_DO_* action ("give 25 g IV albumin
 * q12h"); the instructions (cls_tgx_instructions) spell it out. */
const char *cls_tgx_do_name(unsigned bit);

/*
 * Validity windows of predose values (cls's choice, README): the latest
 * value in [dose - window, dose] is the predose value.  Labs (albumin,
 * creatinine, CrCl, ALT, AST), weight and the recorded flags: 24 h, one
 * daily dosing interval (label 2.2: check "prior to preparing each dose");
 * vital signs: 6 h (README: The CLS triad's blood-pressure validity).  The pre-cycle
 * albumin is the latest albumin in [cycle start - 7 days, cycle start].
 */
#define CLS_TGX_WINDOW_LAB_USECS		(24 * CLS_USECS_PER_HOUR)
#define CLS_TGX_WINDOW_VITAL_USECS		(6 * CLS_USECS_PER_HOUR)
#define CLS_TGX_WINDOW_FLAG_USECS		(24 * CLS_USECS_PER_HOUR)
#define CLS_TGX_PRECYCLE_LOOKBACK_USECS	(7 * CLS_USECS_PER_DAY)

typedef struct cls_tgx_day
{
	int64_t		dose_time;
	int32_t		cycle_no;
	int64_t		cycle_day;
	int64_t		days_since_first_dose;
	cls_tgx_input in;			/* the inputs used */
	int64_t		albumin_time;	/* times of the values used (valid when
								 * the value is) */
	int64_t		weight_time;
	int64_t		previous_weight_time;
	int64_t		pre_cycle_albumin_time;
	cls_tgx_result res;
} cls_tgx_day;

typedef struct cls_tgx_cycle_summary
{
	int32_t		cycle_no;
	int64_t		start;
	int32_t		n_doses;
	bool		has_pre_cycle_albumin;
	double		pre_cycle_albumin;
	long		first_trigger;	/* index into the days array, -1: none */
	int32_t		days_held;		/* doses on which the label says hold */
	int32_t		days_incomplete;	/* doses with a not evaluable rule */
	bool		has_lowest_albumin;
	double		lowest_albumin;
	int64_t		lowest_albumin_time;
	int			worst_grade;	/* CTCAE v5.0 hypoalbuminemia, -1: none */
	int32_t		triggers[CLS_TGX__COUNT];	/* doses on which each rule
											 * triggered */
} cls_tgx_cycle_summary;

/* CTCAE hypoalbuminemia LLN used for the cycle summary (g/dL): the label's
 * albumin threshold, also the common reference limit (README: Reference: CTCAE grading). */
#define CLS_TGX_SUMMARY_LLN_G_DL	CLS_LABEL_ALBUMIN_TRIGGER_G_DL

/*
 * Evaluate every dose of a series, dating times by cal (obs.h
 * cls_calendar; NULL: the UTC / wall-clock date): cycle days, dosing days
 * 1-5 and day 10, days since the first dose and the previous day's weight
 * are dates in cal, while the predose windows stay elapsed time.  cycles
 * must be built with the same cal.  obs[0..n) sorted by cls_obs_sort;
 * doses[0..nd) sorted and de-duplicated (cls_doses_normalize), with
 * cycles[0..nc) built from them.  days[] has room for nd entries; each
 * dose gets one day, in time order.
 */
void		cls_tgx_series(const cls_calendar *cal, const cls_obs *obs, size_t n,
						   const int64_t *doses,
						   size_t nd, const cls_cycle *cycles, size_t nc,
						   cls_tgx_day *days);

/* The summary of cycle ci, from the days of cls_tgx_series (same cal: the
 * last cycle ends with its day 21 in cal). */
void		cls_tgx_cycle_summarize(const cls_calendar *cal, const cls_obs *obs, size_t n,
									const cls_cycle *cycles, size_t nc,
									size_t ci, const cls_tgx_day *days,
									cls_tgx_cycle_summary *out);

#endif							/* CLS_TAGRAXOFUSP_H */
