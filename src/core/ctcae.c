/*
 * ctcae.c -- CTCAE lab grading (cls core).
 *
 * Band semantics (README: Reference: CTCAE grading, README: Sources): "<A - B" means
 * B <= x < A and ">A - B" means A < x <= B, so a value exactly on a cut-off
 * gets the milder grade.  Each grade is stored as the open condition that
 * puts a value at that grade or worse ("x < 3.0" for hypoalbuminemia grade
 * 2); the grade of a value is the highest grade whose condition holds.
 * Comparisons go through cls_dcmp(), exact in decimal.
 *
 * Unknown inputs (NULL LLN, ULN, baseline or symptom status) make a
 * condition unknown; the grade is returned only when every possible value
 * of the unknowns gives the same grade, so an unknown limit never produces
 * a wrong grade and absolute cut-offs still grade.
 */
#include "ctcae.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define V4 CLS_VBIT(CLS_V_4_03)
#define V5 CLS_VBIT(CLS_V_5_0)
#define V6 CLS_VBIT(CLS_V_6_0)

/*
 * MedDRA codes: those of the 0.1.0 terms (clinical sources of 0.1.0); the
 * 0.3.0 terms carry none (NULL) until checked against the NCI files.
 */
static const cls_term_info terms[CLS_T__COUNT] = {
	[CLS_T_HYPOALBUMINEMIA] = {"Hypoalbuminemia", "10020943", CLS_A_ALBUMIN, V4 | V5 | V6, NULL},
	[CLS_T_HYPONATREMIA] = {"Hyponatremia", "10021038", CLS_A_SODIUM, V4 | V5 | V6, "symptomatic"},
	[CLS_T_HEMOGLOBIN_INCREASED] = {"Hemoglobin increased", "10055599", CLS_A_HEMOGLOBIN, V4 | V5 | V6, NULL},
	[CLS_T_ANEMIA] = {"Anemia", "10002272", CLS_A_HEMOGLOBIN, V4 | V5 | V6, NULL},
	[CLS_T_WEIGHT_GAIN] = {"Weight gain", "10047896", CLS_A_WEIGHT, V4 | V5, NULL},
	[CLS_T_CPK_INCREASED] = {"CPK increased", "10011268", CLS_A_CK, V4 | V5, NULL},
	[CLS_T_CREATININE_INCREASED] = {"Creatinine increased", "10011368", CLS_A_CREATININE, V4 | V5 | V6, NULL},
	[CLS_T_PLATELET_COUNT_DECREASED] = {"Platelet count decreased", "10035528", CLS_A_PLATELETS, V4 | V5, NULL},
	[CLS_T_NEUTROPHIL_COUNT_DECREASED] = {"Neutrophil count decreased", "10029366", CLS_A_NEUTROPHILS, V4 | V5 | V6, NULL},
	/* 0.3.0 */
	[CLS_T_LEUKOCYTOSIS] = {"Leukocytosis", NULL, CLS_A_WBC, V4 | V5 | V6, NULL},
	[CLS_T_WBC_DECREASED] = {"White blood cell decreased", NULL, CLS_A_WBC, V4 | V5 | V6, NULL},
	[CLS_T_LYMPHOCYTE_COUNT_DECREASED] = {"Lymphocyte count decreased", NULL, CLS_A_LYMPHOCYTES, V4 | V5, NULL},
	[CLS_T_LYMPHOCYTE_COUNT_INCREASED] = {"Lymphocyte count increased", NULL, CLS_A_LYMPHOCYTES, V4 | V5 | V6, NULL},
	[CLS_T_CD4_DECREASED] = {"CD4 lymphocytes decreased", NULL, CLS_A_CD4, V4 | V5 | V6, NULL},
	[CLS_T_THROMBOCYTOPENIA] = {"Thrombocytopenia", NULL, CLS_A_PLATELETS, V6, NULL},
	[CLS_T_HYPERCALCEMIA] = {"Hypercalcemia", NULL, CLS_A_CALCIUM, V4 | V5 | V6, "symptomatic"},
	[CLS_T_HYPOCALCEMIA] = {"Hypocalcemia", NULL, CLS_A_CALCIUM, V4 | V5 | V6, "symptomatic"},
	[CLS_T_HYPERCALCEMIA_IONIZED] = {"Hypercalcemia (ionized)", NULL, CLS_A_CALCIUM_IONIZED, V4 | V5 | V6, "symptomatic"},
	[CLS_T_HYPOCALCEMIA_IONIZED] = {"Hypocalcemia (ionized)", NULL, CLS_A_CALCIUM_IONIZED, V4 | V5 | V6, "symptomatic"},
	[CLS_T_HYPERGLYCEMIA] = {"Hyperglycemia", NULL, CLS_A_GLUCOSE, V4 | V6, "fasting sample"},
	[CLS_T_HYPOGLYCEMIA] = {"Hypoglycemia", NULL, CLS_A_GLUCOSE, V4 | V5 | V6, NULL},
	[CLS_T_HYPERKALEMIA] = {"Hyperkalemia", NULL, CLS_A_POTASSIUM, V4 | V5 | V6, NULL},
	[CLS_T_HYPOKALEMIA] = {"Hypokalemia", NULL, CLS_A_POTASSIUM, V4 | V5 | V6, "symptomatic"},
	[CLS_T_HYPERMAGNESEMIA] = {"Hypermagnesemia", NULL, CLS_A_MAGNESIUM, V4 | V5 | V6, NULL},
	[CLS_T_HYPOMAGNESEMIA] = {"Hypomagnesemia", NULL, CLS_A_MAGNESIUM, V4 | V5 | V6, NULL},
	[CLS_T_HYPERNATREMIA] = {"Hypernatremia", NULL, CLS_A_SODIUM, V4 | V5 | V6, NULL},
	[CLS_T_HYPOPHOSPHATEMIA] = {"Hypophosphatemia", NULL, CLS_A_PHOSPHATE, V4, NULL},
	[CLS_T_HYPERURICEMIA] = {"Hyperuricemia", NULL, CLS_A_URIC_ACID, V4 | V5 | V6, "physiologic consequences"},
	[CLS_T_CHOLESTEROL_HIGH] = {"Cholesterol high", NULL, CLS_A_CHOLESTEROL, V4 | V5 | V6, NULL},
	[CLS_T_HYPERTRIGLYCERIDEMIA] = {"Hypertriglyceridemia", NULL, CLS_A_TRIGLYCERIDES, V4 | V5 | V6, NULL},
	[CLS_T_HDL_DECREASED] = {"HDL decreased", NULL, CLS_A_HDL, V6, NULL},
	[CLS_T_LDL_INCREASED] = {"LDL increased", NULL, CLS_A_LDL, V6, NULL},
	[CLS_T_FIBRINOGEN_DECREASED] = {"Fibrinogen decreased", NULL, CLS_A_FIBRINOGEN, V4 | V5 | V6, NULL},
	[CLS_T_INR_INCREASED] = {"INR increased", NULL, CLS_A_INR, V4 | V5 | V6, "on anticoagulation"},
	[CLS_T_APTT_PROLONGED] = {"Activated partial thromboplastin time prolonged", NULL, CLS_A_APTT, V4 | V5 | V6, NULL},
	[CLS_T_ALT_INCREASED] = {"Alanine aminotransferase increased", NULL, CLS_A_ALT, V4 | V5 | V6, NULL},
	[CLS_T_AST_INCREASED] = {"Aspartate aminotransferase increased", NULL, CLS_A_AST, V4 | V5 | V6, NULL},
	[CLS_T_ALP_INCREASED] = {"Alkaline phosphatase increased", NULL, CLS_A_ALP, V4 | V5 | V6, NULL},
	[CLS_T_GGT_INCREASED] = {"GGT increased", NULL, CLS_A_GGT, V4 | V5 | V6, NULL},
	[CLS_T_BILIRUBIN_INCREASED] = {"Blood bilirubin increased", NULL, CLS_A_BILIRUBIN, V4 | V5 | V6, NULL},
	[CLS_T_AMYLASE_INCREASED] = {"Serum amylase increased", NULL, CLS_A_AMYLASE, V4 | V5 | V6, "signs or symptoms"},
	[CLS_T_LIPASE_INCREASED] = {"Lipase increased", NULL, CLS_A_LIPASE, V4 | V5 | V6, "signs or symptoms"},
	[CLS_T_LDH_INCREASED] = {"Blood lactate dehydrogenase increased", NULL, CLS_A_LDH, V6, NULL},
	[CLS_T_HAPTOGLOBIN_DECREASED] = {"Haptoglobin decreased", NULL, CLS_A_HAPTOGLOBIN, V4 | V5 | V6, NULL},
	[CLS_T_ACIDOSIS] = {"Acidosis", NULL, CLS_A_PH, V4 | V5 | V6, NULL},
	[CLS_T_ALKALOSIS] = {"Alkalosis", NULL, CLS_A_PH, V4 | V5 | V6, NULL},
	[CLS_T_WEIGHT_LOSS] = {"Weight loss", NULL, CLS_A_WEIGHT, V4 | V5, NULL},
	[CLS_T_CRCL_DECREASED] = {"Creatinine clearance decreased", NULL, CLS_A_CREATININE_CLEARANCE, V6, NULL},
};

/*
 * The criteria.  CTCAE wording verbatim from README: Sources (CTCAE v5.0 table);
 * v6.0 only where the sources show the term unchanged (hypoalbuminemia,
 * README: Sources).
 */
#define NOT_V6 "not graded in v6.0: not in the v6.0 transcription cls follows (admiral ncictcaev6.json)"
#define NOT_V45 "not graded in v4.03 and v5.0: a v6.0 term in the transcriptions cls follows (admiral ncictcaev4.json, ncictcaev5.json)"

/* rows without a condition leave `cond` out (CLS_C_NONE): the row shape of
 * 0.1.0 stays as it was */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const cls_criterion criteria[] = {
	/* Hypoalbuminemia: identical in v4.03, v5.0 and v6.0 */
	{CLS_T_HYPOALBUMINEMIA, V4 | V5 | V6, 1, CLS_B_LLN_LT, 1.0, "<LLN - 3 g/dL; <LLN - 30 g/L"},
	{CLS_T_HYPOALBUMINEMIA, V4 | V5 | V6, 2, CLS_B_ABS_LT, 3.0, "<3 - 2 g/dL; <30 - 20 g/L"},
	{CLS_T_HYPOALBUMINEMIA, V4 | V5 | V6, 3, CLS_B_ABS_LT, 2.0, "<2 g/dL; <20 g/L"},

	/* Hyponatremia: v5.0 added grade 2 and split grade 3 by symptoms */
	{CLS_T_HYPONATREMIA, V4 | V5, 1, CLS_B_LLN_LT, 1.0, "<LLN - 130 mmol/L"},
	{CLS_T_HYPONATREMIA, V5, 2, CLS_B_ABS_LT, 130.0, "125-129 mmol/L and asymptomatic"},
	{CLS_T_HYPONATREMIA, V5, 3, CLS_B_ABS_LT, 125.0, "125-129 mmol/L symptomatic; 120-124 mmol/L regardless of symptoms"},
	{CLS_T_HYPONATREMIA, V5, 3, CLS_B_ABS_LT_SYMPTOMATIC, 130.0, "125-129 mmol/L symptomatic; 120-124 mmol/L regardless of symptoms"},
	{CLS_T_HYPONATREMIA, V4, 3, CLS_B_ABS_LT, 130.0, "<130 - 120 mmol/L"},
	{CLS_T_HYPONATREMIA, V4 | V5, 4, CLS_B_ABS_LT, 120.0, "<120 mmol/L; life-threatening consequences"},
	/* v6.0 restates the bands as "125 - <130" (admiral ncictcaev6.json) */
	{CLS_T_HYPONATREMIA, V6, 1, CLS_B_LLN_LT, 1.0, "<LLN - 130 mmol/L"},
	{CLS_T_HYPONATREMIA, V6, 2, CLS_B_ABS_LT, 130.0, "125 - <130 mmol/L and asymptomatic"},
	{CLS_T_HYPONATREMIA, V6, 3, CLS_B_ABS_LT, 125.0, "125 - <130 mmol/L symptomatic; 120 - <125 mmol/L regardless of symptoms"},
	{CLS_T_HYPONATREMIA, V6, 3, CLS_B_ABS_LT_SYMPTOMATIC, 130.0, "125 - <130 mmol/L symptomatic; 120 - <125 mmol/L regardless of symptoms"},
	{CLS_T_HYPONATREMIA, V6, 4, CLS_B_ABS_LT, 120.0, "<120 mmol/L; life-threatening consequences"},

	/* Hemoglobin increased: v5.0 is above ULN (admiral (admiral CTCAE grading)); v4.03 above
	 * ULN, or above baseline if baseline is above ULN */
	{CLS_T_HEMOGLOBIN_INCREASED, V5, 1, CLS_B_ULN_PLUS, 0.0, "Increase in >0 - 2 g/dL"},
	{CLS_T_HEMOGLOBIN_INCREASED, V5, 2, CLS_B_ULN_PLUS, 2.0, "Increase in >2 - 4 g/dL"},
	{CLS_T_HEMOGLOBIN_INCREASED, V5, 3, CLS_B_ULN_PLUS, 4.0, "Increase in >4 g/dL"},
	{CLS_T_HEMOGLOBIN_INCREASED, V4, 1, CLS_B_REF_PLUS, 0.0, "Increase in >0 - 2 gm/dL above ULN or above baseline if baseline is above ULN"},
	{CLS_T_HEMOGLOBIN_INCREASED, V4, 2, CLS_B_REF_PLUS, 2.0, "Increase in >2 - 4 gm/dL above ULN or above baseline if baseline is above ULN"},
	{CLS_T_HEMOGLOBIN_INCREASED, V4, 3, CLS_B_REF_PLUS, 4.0, "Increase in >4 gm/dL above ULN or above baseline if baseline is above ULN"},
	/* v6.0 states the reference: above ULN (admiral ncictcaev6.json) */
	{CLS_T_HEMOGLOBIN_INCREASED, V6, 1, CLS_B_ULN_PLUS, 0.0, "Increase in >0 - 2 g/dL above ULN"},
	{CLS_T_HEMOGLOBIN_INCREASED, V6, 2, CLS_B_ULN_PLUS, 2.0, "Increase in >2 - 4 g/dL above ULN"},
	{CLS_T_HEMOGLOBIN_INCREASED, V6, 3, CLS_B_ULN_PLUS, 4.0, "Increase in >4 g/dL above ULN"},

	/* Anemia */
	{CLS_T_ANEMIA, V4 | V5 | V6, 1, CLS_B_LLN_LT, 1.0, "Hemoglobin (Hgb) <LLN - 10.0 g/dL; <LLN - 6.2 mmol/L; <LLN - 100 g/L"},
	{CLS_T_ANEMIA, V4 | V5 | V6, 2, CLS_B_ABS_LT, 10.0, "Hgb <10.0 - 8.0 g/dL; <6.2 - 4.9 mmol/L; <100 - 80g/L"},
	{CLS_T_ANEMIA, V4 | V5 | V6, 3, CLS_B_ABS_LT, 8.0, "Hgb <8.0 g/dL; <4.9 mmol/L; <80 g/L; transfusion indicated"},

	/* Weight gain: percent from baseline; a loss is grade 0 */
	{CLS_T_WEIGHT_GAIN, V4 | V5, 1, CLS_B_PCT_GE, 5.0, "5 - <10% from baseline"},
	{CLS_T_WEIGHT_GAIN, V4 | V5, 2, CLS_B_PCT_GE, 10.0, "10 - <20% from baseline"},
	{CLS_T_WEIGHT_GAIN, V4 | V5, 3, CLS_B_PCT_GE, 20.0, ">=20% from baseline"},
	{CLS_T_WEIGHT_GAIN, V6, 0, CLS_B_NOT_GRADED, 0.0, NOT_V6},

	/* CPK increased */
	{CLS_T_CPK_INCREASED, V4 | V5, 1, CLS_B_ULN_GT, 1.0, ">ULN - 2.5 x ULN"},
	{CLS_T_CPK_INCREASED, V4 | V5, 2, CLS_B_ULN_GT, 2.5, ">2.5 x ULN - 5 x ULN"},
	{CLS_T_CPK_INCREASED, V4 | V5, 3, CLS_B_ULN_GT, 5.0, ">5 x ULN - 10 x ULN"},
	{CLS_T_CPK_INCREASED, V4 | V5, 4, CLS_B_ULN_GT, 10.0, ">10 x ULN"},
	{CLS_T_CPK_INCREASED, V6, 0, CLS_B_NOT_GRADED, 0.0, NOT_V6},

	/* Creatinine increased: the worse of the ULN- and baseline-based grade;
	 * v4.03 also has a baseline criterion at grade 1 */
	{CLS_T_CREATININE_INCREASED, V4 | V5, 1, CLS_B_ULN_GT, 1.0, ">ULN - 1.5 x ULN"},
	{CLS_T_CREATININE_INCREASED, V4, 1, CLS_B_BASE_GT, 1.0, ">1 - 1.5 x baseline; >ULN - 1.5 x ULN"},
	{CLS_T_CREATININE_INCREASED, V4 | V5, 2, CLS_B_ULN_GT, 1.5, ">1.5 - 3.0 x baseline; >1.5 - 3.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V4 | V5, 2, CLS_B_BASE_GT, 1.5, ">1.5 - 3.0 x baseline; >1.5 - 3.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V5, 3, CLS_B_ULN_GT, 3.0, ">3.0 x baseline; >3.0 - 6.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V5, 3, CLS_B_BASE_GT, 3.0, ">3.0 x baseline; >3.0 - 6.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V4, 3, CLS_B_ULN_GT, 3.0, ">3.0 baseline; >3.0 - 6.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V4, 3, CLS_B_BASE_GT, 3.0, ">3.0 baseline; >3.0 - 6.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V4 | V5, 4, CLS_B_ULN_GT, 6.0, ">6.0 x ULN"},
	/* v6.0: the baseline criterion only when baseline is below LLN */
	{CLS_T_CREATININE_INCREASED, V6, 1, CLS_B_ULN_GT, 1.0, ">ULN - 1.5 x ULN"},
	{CLS_T_CREATININE_INCREASED, V6, 2, CLS_B_ULN_GT, 1.5, ">1.5 - 3.0 x if baseline is below LLN; >1.5 - 3.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V6, 2, CLS_B_BASE_GT, 1.5, ">1.5 - 3.0 x if baseline is below LLN; >1.5 - 3.0 x ULN", CLS_C_BASE_LOW},
	{CLS_T_CREATININE_INCREASED, V6, 3, CLS_B_ULN_GT, 3.0, ">3.0 x if baseline is below LLN; >3.0 - 6.0 x ULN"},
	{CLS_T_CREATININE_INCREASED, V6, 3, CLS_B_BASE_GT, 3.0, ">3.0 x if baseline is below LLN; >3.0 - 6.0 x ULN", CLS_C_BASE_LOW},
	{CLS_T_CREATININE_INCREASED, V6, 4, CLS_B_ULN_GT, 6.0, ">6.0 x ULN"},

	/* Platelet count decreased (10^9/L) */
	{CLS_T_PLATELET_COUNT_DECREASED, V4 | V5, 1, CLS_B_LLN_LT, 1.0, "<LLN - 75,000/mm3; <LLN - 75.0 x 10e9 /L"},
	{CLS_T_PLATELET_COUNT_DECREASED, V4 | V5, 2, CLS_B_ABS_LT, 75.0, "<75,000 - 50,000/mm3; <75.0 - 50.0 x 10e9 /L"},
	{CLS_T_PLATELET_COUNT_DECREASED, V4 | V5, 3, CLS_B_ABS_LT, 50.0, "<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9 /L"},
	{CLS_T_PLATELET_COUNT_DECREASED, V4 | V5, 4, CLS_B_ABS_LT, 25.0, "<25,000/mm3; <25.0 x 10e9 /L"},
	{CLS_T_PLATELET_COUNT_DECREASED, V6, 0, CLS_B_NOT_GRADED, 0.0, "v6.0 names the term Thrombocytopenia: grade it as 'Thrombocytopenia'"},

	/* Neutrophil count decreased (10^9/L) */
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V4 | V5, 1, CLS_B_LLN_LT, 1.0, "<LLN - 1500/mm3; <LLN - 1.5 x 10e9 /L"},
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V4 | V5, 2, CLS_B_ABS_LT, 1.5, "<1500 - 1000/mm3; <1.5 - 1.0 x 10e9 /L"},
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V4 | V5, 3, CLS_B_ABS_LT, 1.0, "<1000 - 500/mm3; <1.0 - 0.5 x 10e9 /L"},
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V4 | V5, 4, CLS_B_ABS_LT, 0.5, "<500/mm3; <0.5 x 10e9 /L"},
	/* v6.0 re-banded without LLN (admiral ncictcaev6.json) */
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V6, 1, CLS_B_ABS_LT, 1.5, "<1500 - 1000/mm3; <1.5 - 1.0 x 10^9/L"},
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V6, 2, CLS_B_ABS_LT, 1.0, "<1000 - 500/mm3; <1.0 - 0.5 x 10^9/L"},
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V6, 3, CLS_B_ABS_LT, 0.5, "<500 - 100/mm3; <0.5 - 0.1 x 10^9/L"},
	{CLS_T_NEUTROPHIL_COUNT_DECREASED, V6, 4, CLS_B_ABS_LT, 0.1, "<100/mm3; <0.1 x 10^9/L"},

#include "ctcae_terms.inc"
};
#pragma GCC diagnostic pop

#define lengthof(x) (sizeof(x) / sizeof((x)[0]))

const cls_term_info *
cls_term_get(cls_term t)
{
	if (t < 0 || t >= CLS_T__COUNT)
		return NULL;
	return &terms[t];
}

/* Case-insensitive match that treats runs of blanks and '_' as one space. */
static bool
name_eq(const char *s, size_t len, const char *lit)
{
	size_t		i = 0,
				j = 0;

	while (i < len && (isspace((unsigned char) s[i]) || s[i] == '_'))
		i++;
	while (len > i && (isspace((unsigned char) s[len - 1]) || s[len - 1] == '_'))
		len--;
	while (i < len && lit[j] != '\0')
	{
		if (isspace((unsigned char) s[i]) || s[i] == '_')
		{
			if (lit[j] != ' ')
				return false;
			while (i < len && (isspace((unsigned char) s[i]) || s[i] == '_'))
				i++;
			j++;
			continue;
		}
		if (tolower((unsigned char) s[i]) != tolower((unsigned char) lit[j]))
			return false;
		i++;
		j++;
	}
	return i == len && lit[j] == '\0';
}

/* Short names analysts write for the long CTCAE terms (0.3.0). */
static const struct
{
	const char *name;
	cls_term	t;
}			term_aliases[] = {
	{"ALT increased", CLS_T_ALT_INCREASED},
	{"AST increased", CLS_T_AST_INCREASED},
	{"ALP increased", CLS_T_ALP_INCREASED},
	{"Bilirubin increased", CLS_T_BILIRUBIN_INCREASED},
	{"Amylase increased", CLS_T_AMYLASE_INCREASED},
	{"LDH increased", CLS_T_LDH_INCREASED},
	{"aPTT prolonged", CLS_T_APTT_PROLONGED},
	{"WBC decreased", CLS_T_WBC_DECREASED},
	{"Hypercalcemia ionized", CLS_T_HYPERCALCEMIA_IONIZED},
	{"Hypocalcemia ionized", CLS_T_HYPOCALCEMIA_IONIZED},
};

cls_term
cls_term_from_name(const char *s, size_t len)
{
	for (int i = 0; i < CLS_T__COUNT; i++)
		if (name_eq(s, len, terms[i].name))
			return (cls_term) i;
	for (size_t i = 0; i < sizeof(term_aliases) / sizeof(term_aliases[0]); i++)
		if (name_eq(s, len, term_aliases[i].name))
			return term_aliases[i].t;
	return CLS_T_NONE;
}

const char *
cls_version_name(cls_version v)
{
	switch (v)
	{
		case CLS_V_4_03:
			return "4.03";
		case CLS_V_5_0:
			return "5.0";
		case CLS_V_6_0:
			return "6.0";
		default:
			return "unknown";
	}
}

cls_version
cls_version_from_name(const char *s, size_t len)
{
	static const struct
	{
		const char *name;
		cls_version v;
	}			names[] = {
		{"4.03", CLS_V_4_03}, {"4", CLS_V_4_03}, {"v4.03", CLS_V_4_03},
		{"v4", CLS_V_4_03},
		{"5.0", CLS_V_5_0}, {"5", CLS_V_5_0}, {"v5.0", CLS_V_5_0},
		{"v5", CLS_V_5_0},
		{"6.0", CLS_V_6_0}, {"6", CLS_V_6_0}, {"v6.0", CLS_V_6_0},
		{"v6", CLS_V_6_0},
	};

	for (size_t i = 0; i < lengthof(names); i++)
		if (name_eq(s, len, names[i].name))
			return names[i].v;
	return CLS_V_NONE;
}

const cls_criterion *
cls_criteria(size_t *n)
{
	*n = lengthof(criteria);
	return criteria;
}

const char *
cls_basis_name(cls_basis b)
{
	switch (b)
	{
		case CLS_B_ABS_LT:
			return "absolute";
		case CLS_B_LLN_LT:
			return "LLN";
		case CLS_B_ULN_GT:
		case CLS_B_ULN_PLUS:
			return "ULN";
		case CLS_B_BASE_GT:
		case CLS_B_PCT_GE:
			return "baseline";
		case CLS_B_ABS_LT_SYMPTOMATIC:
			return "absolute and symptoms";
		case CLS_B_REF_PLUS:
			return "ULN or baseline";
		case CLS_B_ABS_GT:
		case CLS_B_ABS_GE:
			return "absolute";
		case CLS_B_BASE_GE:
		case CLS_B_BASE_LT:
		case CLS_B_PCT_LOSS_GE:
			return "baseline";
		case CLS_B_NOT_GRADED:
			return "not graded";
		case CLS_B_UNDEFINED_LT:
			return "undefined";
	}
	return "unknown";
}

/* The condition of a row, as a suffix of its rule ("" when none). */
static void
cond_text(const cls_criterion *c, char *buf, size_t bufsize)
{
	const char *clin = terms[c->term].clinical ? terms[c->term].clinical : "clinical condition";

	buf[0] = '\0';
	switch (c->cond)
	{
		case CLS_C_NONE:
			break;
		case CLS_C_CLINICAL:
			snprintf(buf, bufsize, " and %s", clin);
			break;
		case CLS_C_NOT_CLINICAL:
			snprintf(buf, bufsize, " and not %s", clin);
			break;
		case CLS_C_BASE_NORMAL:
			snprintf(buf, bufsize, " and baseline <= ULN");
			break;
		case CLS_C_BASE_HIGH:
			snprintf(buf, bufsize, " and baseline > ULN");
			break;
		case CLS_C_BASE_LOW:
			snprintf(buf, bufsize, " and baseline < LLN");
			break;
		case CLS_C_VALUE_LOW:
			snprintf(buf, bufsize, " and value < LLN");
			break;
	}
}

/* "value OP REF" or "value OP k x REF" */
static void
multiple_rule(char *buf, size_t bufsize, const char *op, double k, const char *ref)
{
	if (k == 1.0)
		snprintf(buf, bufsize, "value %s %s", op, ref);
	else
		snprintf(buf, bufsize, "value %s %g x %s", op, k, ref);
}

void
cls_criterion_rule(const cls_criterion *c, char *buf, size_t bufsize)
{
	const char *u = cls_analyte_unit(terms[c->term].analyte);
	size_t		n;

	switch (c->basis)
	{
		case CLS_B_ABS_LT:
			snprintf(buf, bufsize, "value < %g %s", c->k, u);
			break;
		case CLS_B_LLN_LT:
			multiple_rule(buf, bufsize, "<", c->k, "LLN");
			break;
		case CLS_B_ABS_GT:
			snprintf(buf, bufsize, "value > %g %s", c->k, u);
			break;
		case CLS_B_ABS_GE:
			snprintf(buf, bufsize, "value >= %g %s", c->k, u);
			break;
		case CLS_B_BASE_GE:
			multiple_rule(buf, bufsize, ">=", c->k, "baseline");
			break;
		case CLS_B_BASE_LT:
			multiple_rule(buf, bufsize, "<", c->k, "baseline");
			break;
		case CLS_B_PCT_LOSS_GE:
			snprintf(buf, bufsize, "value <= baseline - %g %%", c->k);
			break;
		case CLS_B_UNDEFINED_LT:
			snprintf(buf, bufsize, "value < %g %s: no grade defined (NULL)", c->k, u);
			break;
		case CLS_B_NOT_GRADED:
			snprintf(buf, bufsize, "not graded");
			break;
		case CLS_B_ULN_GT:
			multiple_rule(buf, bufsize, ">", c->k, "ULN");
			break;
		case CLS_B_BASE_GT:
			multiple_rule(buf, bufsize, ">", c->k, "baseline");
			break;
		case CLS_B_ABS_LT_SYMPTOMATIC:
			snprintf(buf, bufsize, "value < %g %s and symptomatic", c->k, u);
			break;
		case CLS_B_ULN_PLUS:
			snprintf(buf, bufsize, "value > ULN + %g %s", c->k, u);
			break;
		case CLS_B_REF_PLUS:
			snprintf(buf, bufsize,
					 "value > max(ULN, baseline) + %g %s", c->k, u);
			break;
		case CLS_B_PCT_GE:
			snprintf(buf, bufsize, "value >= baseline + %g %%", c->k);
			break;
	}
	n = strlen(buf);
	if (n + 1 < bufsize)
		cond_text(c, buf + n, bufsize - n);
}

unsigned
cls_term_needs(cls_term t, cls_version v)
{
	unsigned	needs = 0;

	for (size_t i = 0; i < lengthof(criteria); i++)
	{
		const cls_criterion *c = &criteria[i];

		if (c->term != t || !(c->versions & CLS_VBIT(v)))
			continue;
		switch (c->basis)
		{
			case CLS_B_ABS_LT:
				break;
			case CLS_B_LLN_LT:
				needs |= CLS_NEEDS_LLN;
				break;
			case CLS_B_ULN_GT:
			case CLS_B_ULN_PLUS:
				needs |= CLS_NEEDS_ULN;
				break;
			case CLS_B_BASE_GT:
			case CLS_B_PCT_GE:
				needs |= CLS_NEEDS_BASELINE;
				break;
			case CLS_B_ABS_LT_SYMPTOMATIC:
				needs |= CLS_NEEDS_SYMPTOMS;
				break;
			case CLS_B_REF_PLUS:
				needs |= CLS_NEEDS_ULN | CLS_NEEDS_BASELINE;
				break;
			case CLS_B_ABS_GT:
			case CLS_B_ABS_GE:
			case CLS_B_NOT_GRADED:
			case CLS_B_UNDEFINED_LT:
				break;
			case CLS_B_BASE_GE:
			case CLS_B_BASE_LT:
			case CLS_B_PCT_LOSS_GE:
				needs |= CLS_NEEDS_BASELINE;
				break;
		}
		switch (c->cond)
		{
			case CLS_C_NONE:
				break;
			case CLS_C_CLINICAL:
			case CLS_C_NOT_CLINICAL:
				needs |= CLS_NEEDS_SYMPTOMS;
				break;
			case CLS_C_BASE_NORMAL:
			case CLS_C_BASE_HIGH:
				needs |= CLS_NEEDS_ULN | CLS_NEEDS_BASELINE;
				break;
			case CLS_C_BASE_LOW:
				needs |= CLS_NEEDS_LLN | CLS_NEEDS_BASELINE;
				break;
			case CLS_C_VALUE_LOW:
				needs |= CLS_NEEDS_LLN;
				break;
		}
	}
	return needs;
}

bool
cls_term_unit_free(cls_term t, cls_version v)
{
	bool		any = false;

	for (size_t i = 0; i < lengthof(criteria); i++)
	{
		const cls_criterion *c = &criteria[i];

		if (c->term != t || !(c->versions & CLS_VBIT(v)))
			continue;
		if (c->basis != CLS_B_ULN_GT && c->basis != CLS_B_BASE_GT &&
			c->basis != CLS_B_PCT_GE)
			return false;
		any = true;
	}
	return any;
}

/* Three-valued truth. */
typedef enum tv
{
	TV_FALSE = 0,
	TV_TRUE = 1,
	TV_UNKNOWN = 2
} tv;

static tv
tv_of(bool b)
{
	return b ? TV_TRUE : TV_FALSE;
}

static tv	eval_basis(const cls_criterion *c, const cls_grade_input *in);

/*
 * 0.3.0: a row is its basis AND its condition (three-valued).  Unknown
 * baselines are narrowed where the condition bounds them: a baseline above
 * ULN makes "value > k x baseline" false for a value < k x ULN (strictly,
 * beyond the decimal tolerance), so such values grade without a baseline.
 */
static tv
cond_eval(const cls_criterion *c, const cls_grade_input *in)
{
	switch (c->cond)
	{
		case CLS_C_NONE:
			return TV_TRUE;
		case CLS_C_CLINICAL:
		case CLS_C_NOT_CLINICAL:
			if (in->symptomatic < 0)
				return TV_UNKNOWN;
			return tv_of((in->symptomatic > 0) == (c->cond == CLS_C_CLINICAL));
		case CLS_C_BASE_NORMAL:
		case CLS_C_BASE_HIGH:
			if (!in->has_baseline || !in->has_uln)
				return TV_UNKNOWN;
			return tv_of((cls_dcmp(in->baseline, in->uln) > 0) == (c->cond == CLS_C_BASE_HIGH));
		case CLS_C_BASE_LOW:
			if (!in->has_baseline || !in->has_lln)
				return TV_UNKNOWN;
			return tv_of(cls_dcmp(in->baseline, in->lln) < 0);
		case CLS_C_VALUE_LOW:
			if (!in->has_lln)
				return TV_UNKNOWN;
			return tv_of(cls_dcmp(in->value, in->lln) < 0);
	}
	return TV_UNKNOWN;
}

static tv
eval(const cls_criterion *c, const cls_grade_input *in)
{
	tv			cond = cond_eval(c, in);
	tv			val;

	if (cond == TV_FALSE)
		return TV_FALSE;
	if (!in->has_baseline)
	{
		if (c->cond == CLS_C_BASE_HIGH && in->has_uln &&
			(c->basis == CLS_B_BASE_GT || c->basis == CLS_B_BASE_GE) &&
			cls_dcmp(in->value, c->k * in->uln) < 0)
			return TV_FALSE;
	}
	val = eval_basis(c, in);
	if (val == TV_FALSE)
		return TV_FALSE;
	return cond == TV_TRUE && val == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
}

static tv
eval_basis(const cls_criterion *c, const cls_grade_input *in)
{
	double		x = in->value;

	switch (c->basis)
	{
		case CLS_B_ABS_LT:
			return tv_of(cls_dcmp(x, c->k) < 0);
		case CLS_B_LLN_LT:
			if (!in->has_lln)
				return TV_UNKNOWN;
			return tv_of(cls_dcmp(x, c->k * in->lln) < 0);
		case CLS_B_ULN_GT:
			if (!in->has_uln)
				return TV_UNKNOWN;
			return tv_of(cls_dcmp(x, c->k * in->uln) > 0);
		case CLS_B_BASE_GT:
			if (!in->has_baseline)
				return TV_UNKNOWN;
			return tv_of(cls_dcmp(x, c->k * in->baseline) > 0);
		case CLS_B_ABS_LT_SYMPTOMATIC:
			if (cls_dcmp(x, c->k) >= 0)
				return TV_FALSE;
			if (in->symptomatic < 0)
				return TV_UNKNOWN;
			return tv_of(in->symptomatic > 0);
		case CLS_B_ULN_PLUS:
			if (!in->has_uln)
				return TV_UNKNOWN;
			return tv_of(cls_dcmp(x, in->uln + c->k) > 0);
		case CLS_B_REF_PLUS:
			{
				/* reference = ULN, or baseline when baseline is above ULN,
				 * i.e. max(ULN, baseline); with one of them unknown the
				 * reference is at least the known one. */
				if (in->has_uln && in->has_baseline)
					return tv_of(cls_dcmp(x, fmax(in->uln, in->baseline) + c->k) > 0);
				if (in->has_uln && cls_dcmp(x, in->uln + c->k) <= 0)
					return TV_FALSE;
				if (in->has_baseline && cls_dcmp(x, in->baseline + c->k) <= 0)
					return TV_FALSE;
				return TV_UNKNOWN;
			}
		case CLS_B_PCT_GE:
			if (!in->has_baseline)
				return TV_UNKNOWN;
			/* x >= b * (1 + k/100), computed as 100 x >= b (100 + k) so
			 * that decimal inputs stay exact */
			return tv_of(cls_dcmp(100.0 * x, in->baseline * (100.0 + c->k)) >= 0);
		case CLS_B_ABS_GT:
			return tv_of(cls_dcmp(x, c->k) > 0);
		case CLS_B_ABS_GE:
			return tv_of(cls_dcmp(x, c->k) >= 0);
		case CLS_B_BASE_GE:
		case CLS_B_BASE_LT:
			if (!in->has_baseline)
				return TV_UNKNOWN;
			return tv_of(c->basis == CLS_B_BASE_GE ?
						 cls_dcmp(x, c->k * in->baseline) >= 0 :
						 cls_dcmp(x, c->k * in->baseline) < 0);
		case CLS_B_PCT_LOSS_GE:
			if (!in->has_baseline)
				return TV_UNKNOWN;
			/* x <= b * (1 - k/100), as 100 x <= b (100 - k) */
			return tv_of(cls_dcmp(100.0 * x, in->baseline * (100.0 - c->k)) <= 0);
		case CLS_B_UNDEFINED_LT:
			return cls_dcmp(x, c->k) < 0 ? TV_UNKNOWN : TV_FALSE;
		case CLS_B_NOT_GRADED:
			return TV_FALSE;
	}
	return TV_UNKNOWN;
}

/*
 * The rows of one term are contiguous in the table (checked by the unit
 * tests); term_rows() finds them once so that grading a value looks at a
 * handful of rows, not the whole table.
 */
static void
term_rows(cls_term t, size_t *first, size_t *end)
{
	static size_t starts[CLS_T__COUNT + 1];
	static bool done = false;

	if (!done)
	{
		size_t		i = 0;

		for (int tt = 0; tt < CLS_T__COUNT; tt++)
		{
			while (i < lengthof(criteria) && (int) criteria[i].term < tt)
				i++;
			starts[tt] = i;
		}
		starts[CLS_T__COUNT] = lengthof(criteria);
		done = true;
	}
	*first = starts[t];
	*end = starts[t + 1];
}

bool
cls_criteria_grouped(void)
{
	for (size_t i = 1; i < lengthof(criteria); i++)
		if (criteria[i].term < criteria[i - 1].term)
			return false;
	return true;
}

cls_grade_status
cls_grade(cls_term t, cls_version v, const cls_grade_input *in, int *grade)
{
	size_t		first,
				end;

	tv			by_grade[5] = {TV_TRUE, TV_FALSE, TV_FALSE, TV_FALSE, TV_FALSE};
	int			lo = 0,
				hi = 0;

	if (t < 0 || t >= CLS_T__COUNT || v < 0 || v >= CLS_V__COUNT)
		return CLS_GRADE_NO_VERSION;
	if (!(terms[t].versions & CLS_VBIT(v)))
		return CLS_GRADE_NO_VERSION;

	/* OR the conditions of each grade */
	term_rows(t, &first, &end);
	for (size_t i = first; i < end; i++)
	{
		const cls_criterion *c = &criteria[i];
		tv			r;

		if (c->term != t || !(c->versions & CLS_VBIT(v)))
			continue;
		if (by_grade[c->grade] == TV_TRUE)
			continue;
		r = eval(c, in);
		if (r == TV_TRUE || (r == TV_UNKNOWN && by_grade[c->grade] == TV_FALSE))
			by_grade[c->grade] = r;
	}

	/* lowest and highest possible grade */
	for (int g = 1; g <= 4; g++)
	{
		if (by_grade[g] == TV_TRUE)
			lo = g;
		if (by_grade[g] != TV_FALSE)
			hi = g;
	}
	if (hi < lo)
		hi = lo;
	if (lo != hi)
		return CLS_GRADE_UNKNOWN;
	*grade = lo;
	return CLS_GRADE_OK;
}

/*
 * 0.3.0: terms by analyte and direction, for grading every term of a
 * measurement row (cls.ctcae_terms_of) and the signed low/high grade
 * (cls.ctcae_grade_signed).
 */
int
cls_term_direction(cls_term t)
{
	size_t		first,
				end;

	if (t < 0 || t >= CLS_T__COUNT)
		return 0;
	term_rows(t, &first, &end);
	for (size_t i = first; i < end; i++)
		switch (criteria[i].basis)
		{
			case CLS_B_NOT_GRADED:
				continue;
			case CLS_B_ABS_LT:
			case CLS_B_LLN_LT:
			case CLS_B_ABS_LT_SYMPTOMATIC:
			case CLS_B_BASE_LT:
			case CLS_B_PCT_LOSS_GE:
			case CLS_B_UNDEFINED_LT:
				return -1;
			default:
				return 1;
		}
	return 0;
}

size_t
cls_terms_of_analyte(cls_analyte a, cls_version v, cls_term *out, size_t max)
{
	size_t		n = 0;

	for (int t = 0; t < CLS_T__COUNT; t++)
		if (terms[t].analyte == a && (terms[t].versions & CLS_VBIT(v)))
		{
			if (n < max)
				out[n] = (cls_term) t;
			n++;
		}
	return n;
}

bool
cls_signed_term(cls_analyte a, cls_version v, int direction, cls_term *t,
				bool *graded)
{
	bool		found = false;

	*graded = false;
	*t = CLS_T_NONE;
	for (int i = 0; i < CLS_T__COUNT; i++)
	{
		if (terms[i].analyte != a || cls_term_direction((cls_term) i) != direction)
			continue;
		/* the first term of this direction graded in v; else the first one */
		if (terms[i].versions & CLS_VBIT(v))
		{
			*t = (cls_term) i;
			*graded = true;
			return true;
		}
		if (!found)
			*t = (cls_term) i;
		found = true;
	}
	return found;
}

const char *
cls_term_not_graded_reason(cls_term t, cls_version v)
{
	size_t		first,
				end;

	if (t < 0 || t >= CLS_T__COUNT || v < 0 || v >= CLS_V__COUNT)
		return NULL;
	term_rows(t, &first, &end);
	for (size_t i = first; i < end; i++)
		if (criteria[i].basis == CLS_B_NOT_GRADED && (criteria[i].versions & CLS_VBIT(v)))
			return criteria[i].ctcae_text;
	return NULL;
}
