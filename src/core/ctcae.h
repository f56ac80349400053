/*
 * ctcae.h -- CTCAE lab grading (cls core).
 *
 * The criteria are data: one static table (ctcae.c) from which the grading
 * code, the SQL listing cls.ctcae_criteria() and the README tables come.
 * Source: CTCAE v5.0 and v4.03 as transcribed in README: Sources
 * ((CTCAE v5.0 table) NCI term table, (admiral CTCAE grading) admiral grading metadata); README: Reference: CTCAE grading.
 */
#ifndef CLS_CTCAE_H
#define CLS_CTCAE_H

#include <stdbool.h>
#include <stddef.h>

#include "units.h"

typedef enum cls_term
{
	CLS_T_NONE = -1,
	CLS_T_HYPOALBUMINEMIA = 0,
	CLS_T_HYPONATREMIA,
	CLS_T_HEMOGLOBIN_INCREASED,
	CLS_T_ANEMIA,
	CLS_T_WEIGHT_GAIN,
	CLS_T_CPK_INCREASED,
	CLS_T_CREATININE_INCREASED,
	CLS_T_PLATELET_COUNT_DECREASED,
	CLS_T_NEUTROPHIL_COUNT_DECREASED,
	/* 0.3.0 (append only: a term is stored as its number) */
	CLS_T_LEUKOCYTOSIS,
	CLS_T_WBC_DECREASED,
	CLS_T_LYMPHOCYTE_COUNT_DECREASED,
	CLS_T_LYMPHOCYTE_COUNT_INCREASED,
	CLS_T_CD4_DECREASED,
	CLS_T_THROMBOCYTOPENIA,
	CLS_T_HYPERCALCEMIA,
	CLS_T_HYPOCALCEMIA,
	CLS_T_HYPERCALCEMIA_IONIZED,
	CLS_T_HYPOCALCEMIA_IONIZED,
	CLS_T_HYPERGLYCEMIA,
	CLS_T_HYPOGLYCEMIA,
	CLS_T_HYPERKALEMIA,
	CLS_T_HYPOKALEMIA,
	CLS_T_HYPERMAGNESEMIA,
	CLS_T_HYPOMAGNESEMIA,
	CLS_T_HYPERNATREMIA,
	CLS_T_HYPOPHOSPHATEMIA,
	CLS_T_HYPERURICEMIA,
	CLS_T_CHOLESTEROL_HIGH,
	CLS_T_HYPERTRIGLYCERIDEMIA,
	CLS_T_HDL_DECREASED,
	CLS_T_LDL_INCREASED,
	CLS_T_FIBRINOGEN_DECREASED,
	CLS_T_INR_INCREASED,
	CLS_T_APTT_PROLONGED,
	CLS_T_ALT_INCREASED,
	CLS_T_AST_INCREASED,
	CLS_T_ALP_INCREASED,
	CLS_T_GGT_INCREASED,
	CLS_T_BILIRUBIN_INCREASED,
	CLS_T_AMYLASE_INCREASED,
	CLS_T_LIPASE_INCREASED,
	CLS_T_LDH_INCREASED,
	CLS_T_HAPTOGLOBIN_DECREASED,
	CLS_T_ACIDOSIS,
	CLS_T_ALKALOSIS,
	CLS_T_WEIGHT_LOSS,
	CLS_T_CRCL_DECREASED,
	CLS_T__COUNT
} cls_term;

typedef enum cls_version
{
	CLS_V_NONE = -1,
	CLS_V_4_03 = 0,
	CLS_V_5_0,
	CLS_V_6_0,
	CLS_V__COUNT
} cls_version;

#define CLS_VBIT(v) (1u << (v))

/* How one criterion compares the value (all values in canonical units). */
typedef enum cls_basis
{
	CLS_B_ABS_LT,				/* x < k */
	CLS_B_LLN_LT,				/* x < k * LLN */
	CLS_B_ULN_GT,				/* x > k * ULN */
	CLS_B_BASE_GT,				/* x > k * baseline */
	CLS_B_ABS_LT_SYMPTOMATIC,	/* x < k and the patient is symptomatic */
	CLS_B_ULN_PLUS,				/* x > ULN + k */
	CLS_B_REF_PLUS,				/* x > max(ULN, baseline) + k (v4.03) */
	CLS_B_PCT_GE,				/* (x - baseline) / baseline >= k % */
	/* 0.3.0 */
	CLS_B_ABS_GT,				/* x > k */
	CLS_B_ABS_GE,				/* x >= k */
	CLS_B_BASE_GE,				/* x >= k * baseline */
	CLS_B_BASE_LT,				/* x < k * baseline */
	CLS_B_PCT_LOSS_GE,			/* (baseline - x) / baseline >= k % */
	CLS_B_UNDEFINED_LT,			/* x < k: the version defines no grade for
								 * such values, the grade is unknown */
	CLS_B_NOT_GRADED			/* no numeric criterion: the term is not
								 * graded in these versions (the row says
								 * why); never evaluated */
} cls_basis;

/*
 * A condition a criterion row holds under (0.3.0), ANDed with its basis.
 * The clinical condition is the one yes/no input of the grading functions
 * (argument `symptomatic`); what it means for a term is the term's
 * `clinical` text (symptomatic, on anticoagulation, fasting, ...).
 * "Baseline high" is baseline > ULN, as the CTCAE writes "if baseline was
 * abnormal" / "if baseline was >ULN" for the increased-enzyme terms;
 * "baseline low" is baseline < LLN.
 */
typedef enum cls_cond
{
	CLS_C_NONE = 0,
	CLS_C_CLINICAL,				/* the term's clinical condition holds */
	CLS_C_NOT_CLINICAL,			/* it does not */
	CLS_C_BASE_NORMAL,			/* baseline <= ULN */
	CLS_C_BASE_HIGH,			/* baseline > ULN */
	CLS_C_BASE_LOW,				/* baseline < LLN */
	CLS_C_VALUE_LOW				/* value < LLN ("if abnormal", fibrinogen) */
} cls_cond;

/* One row of the criteria table: grade `grade` holds when ANY of the rows of
 * its (term, version, grade) holds; the grade is the highest that holds. */
typedef struct cls_criterion
{
	cls_term	term;
	unsigned	versions;		/* CLS_VBIT mask */
	int			grade;
	cls_basis	basis;
	double		k;
	const char *ctcae_text;		/* verbatim CTCAE wording of the grade */
	cls_cond	cond;			/* 0.3.0; CLS_C_NONE when omitted */
} cls_criterion;

/*
 * README: Reference: CTCAE grading: "albumin LLN 3.5 g/dL" is the common
 * reference limit, the visible default of cls.hypoalbuminemia_grade and of
 * cls.episode_params(albumin_lln); the one definition in C.
 */
#define CLS_CTCAE_ALBUMIN_LLN_G_DL	3.5

/* Needs of a term (for documentation and the per-term functions). */
#define CLS_NEEDS_LLN		0x1
#define CLS_NEEDS_ULN		0x2
#define CLS_NEEDS_BASELINE	0x4
#define CLS_NEEDS_SYMPTOMS	0x8

typedef struct cls_term_info
{
	const char *name;			/* CTCAE term, e.g. "Hypoalbuminemia" */
	const char *meddra;			/* MedDRA code */
	cls_analyte analyte;
	unsigned	versions;		/* versions in which cls grades the term */
	const char *clinical;		/* 0.3.0: what `symptomatic` means for the
								 * term, NULL when its criteria use none */
} cls_term_info;

/* The inputs of one grading, all in the analyte's canonical unit.  A limit
 * whose has_ flag is false is unknown. */
typedef struct cls_grade_input
{
	double		value;
	double		lln;
	double		uln;
	double		baseline;
	bool		has_lln;
	bool		has_uln;
	bool		has_baseline;
	int			symptomatic;	/* 1 yes, 0 no, -1 unknown */
} cls_grade_input;

typedef enum cls_grade_status
{
	CLS_GRADE_OK = 0,			/* *grade is set */
	CLS_GRADE_UNKNOWN,			/* a missing limit, baseline or symptom
								 * status leaves more than one grade possible */
	CLS_GRADE_NO_VERSION		/* the term is not graded in that version */
} cls_grade_status;

const cls_term_info *cls_term_get(cls_term t);
cls_term	cls_term_from_name(const char *s, size_t len);
const char *cls_version_name(cls_version v);
cls_version cls_version_from_name(const char *s, size_t len);

/* The criteria table, for listing. */
const cls_criterion *cls_criteria(size_t *n);
/* Human-readable rule of a criterion ("value < 3 g/dL"). */
void		cls_criterion_rule(const cls_criterion *c, char *buf, size_t bufsize);
const char *cls_basis_name(cls_basis b);
unsigned	cls_term_needs(cls_term t, cls_version v);
/* True when every criterion of the term compares the value with a multiple
 * of its ULN or baseline (CPK, creatinine, weight gain): given in the
 * value's own unit, they grade without knowing the unit. */
bool		cls_term_unit_free(cls_term t, cls_version v);

/* True when the rows of each term are contiguous and in term order (an
 * invariant of the table that cls_grade relies on; unit-tested). */
bool		cls_criteria_grouped(void);

/* Grade a plausible canonical value. */
cls_grade_status cls_grade(cls_term t, cls_version v, const cls_grade_input *in,
						   int *grade);

/*
 * 0.3.0: terms by analyte.  cls_term_direction: -1 for a term of low values
 * (hypo-, decreased, loss), 1 for high values.  cls_terms_of_analyte writes
 * the terms of an analyte graded in v (at most max) and returns how many
 * there are.  cls_signed_term finds the term of one direction of an analyte
 * (false when the analyte has none); *graded says whether v grades it.
 */
int			cls_term_direction(cls_term t);
size_t		cls_terms_of_analyte(cls_analyte a, cls_version v, cls_term *out,
								 size_t max);
bool		cls_signed_term(cls_analyte a, cls_version v, int direction,
							cls_term *t, bool *graded);
/* Why term t is not graded in version v (its "not graded" row), or NULL. */
const char *cls_term_not_graded_reason(cls_term t, cls_version v);

#endif							/* CLS_CTCAE_H */
