/*
 * units.c -- analytes, warehouse codes, units and plausibility (cls core).
 *
 * Codes: README: Sources (LOINC (FHIR vital signs; LOINC value sets; loinc2hpo), OMOP concept_ids
 * (OHDSI DQD concepts; OHDSI MIMIC mapping), MIMIC-IV itemids (OHDSI MIMIC mapping)).  Unit factors: README: Sources
 * section 6.  Plausibility ranges: cls's own choice, documented in README.
 */
#include "units.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct analyte_info
{
	const char *name;
	const char *unit;
	/* plausible range of a canonical value */
	double		lo;
	double		hi;
	bool		lo_inclusive;
	/* plausible range of a reference limit (LLN, ULN) in the canonical unit;
	 * 0/0 = no reference limits are graded against */
	double		ref_lo;
	double		ref_hi;
} analyte_info;

/*
 * Reference-limit ranges (cls's choice, README "Plausible values"): every
 * healthy-population reference interval lies well inside them, while a
 * limit in the wrong unit (an albumin LLN of 3.5 passed with g/L values,
 * 150 x 10^9/L platelets with /uL values) falls outside, so that such a
 * mistake gives NULL instead of a silently wrong grade.
 */
static const analyte_info analytes[CLS_A__COUNT] = {
	/* albumin below 0.1 g/dL (1 g/L) is no serum value: it is below the
	 * measuring range of routine albumin assays, where even congenital
	 * analbuminemia is reported as "< 1 g/L", so such a number is a unit or
	 * transcription error (1e-308 g/dL would otherwise be graded 3) */
	[CLS_A_ALBUMIN] = {"albumin", "g/dL", 0.1, 10.0, true, 2.0, 6.0},
	[CLS_A_HEMATOCRIT] = {"hematocrit", "%", 5.0, 90.0, true, 0, 0},
	[CLS_A_HEMOGLOBIN] = {"hemoglobin", "g/dL", 1.0, 30.0, true, 7.0, 22.0},
	[CLS_A_SODIUM] = {"sodium", "mmol/L", 80.0, 200.0, true, 120.0, 160.0},
	[CLS_A_SBP] = {"sbp", "mmHg", 20.0, 300.0, true, 0, 0},
	[CLS_A_DBP] = {"dbp", "mmHg", 5.0, 250.0, true, 0, 0},
	[CLS_A_MAP] = {"map", "mmHg", 10.0, 250.0, true, 0, 0},
	[CLS_A_HEART_RATE] = {"heart_rate", "/min", 10.0, 350.0, true, 0, 0},
	[CLS_A_TEMPERATURE] = {"temperature", "Cel", 20.0, 46.0, true, 0, 0},
	[CLS_A_WEIGHT] = {"weight", "kg", 0.3, 700.0, true, 0, 0},
	/* a count of 0 is a real result (aplasia, agranulocytosis: "0.00 x
	 * 10^9/L"), and grade 4 is right for every value below 25 resp. 0.5 */
	[CLS_A_PLATELETS] = {"platelets", "10*9/L", 0.0, 5000.0, true, 50.0, 600.0},
	[CLS_A_NEUTROPHILS] = {"neutrophils", "10*9/L", 0.0, 500.0, true, 0.5, 10.0},
	[CLS_A_CK] = {"ck", "U/L", 0.0, 1000000.0, true, 20.0, 2000.0},
	[CLS_A_CREATININE] = {"creatinine", "mg/dL", 0.05, 40.0, true, 0.2, 5.0},
	[CLS_A_ALT] = {"alt", "U/L", 0.0, 100000.0, true, 5.0, 500.0},
	[CLS_A_AST] = {"ast", "U/L", 0.0, 100000.0, true, 5.0, 500.0},

	/*
	 * 0.3.0 analytes (README "Plausible values" gives the reasons).  Value
	 * ranges hold every value reported in survivors and in hemolysed or
	 * lipaemic samples (potassium up to 15 mmol/L, glucose over 2000 mg/dL
	 * in hyperosmolar states, enzymes up to 10^5 U/L in acute liver or
	 * muscle injury); reference-limit ranges hold every adult and paediatric
	 * reference interval and exclude a limit in the other common unit.
	 */
	[CLS_A_POTASSIUM] = {"potassium", "mmol/L", 0.5, 15.0, true, 2.5, 7.0},
	[CLS_A_CALCIUM] = {"calcium", "mg/dL", 2.0, 25.0, true, 6.0, 14.0},
	[CLS_A_CALCIUM_IONIZED] = {"calcium_ionized", "mmol/L", 0.2, 5.0, true, 0.8, 2.0},
	[CLS_A_GLUCOSE] = {"glucose", "mg/dL", 5.0, 3000.0, true, 40.0, 250.0},
	[CLS_A_MAGNESIUM] = {"magnesium", "mg/dL", 0.2, 20.0, true, 0.8, 4.0},
	[CLS_A_PHOSPHATE] = {"phosphate", "mg/dL", 0.1, 30.0, true, 1.5, 7.0},
	[CLS_A_URIC_ACID] = {"uric_acid", "mg/dL", 0.1, 40.0, true, 1.0, 12.0},
	[CLS_A_BILIRUBIN] = {"bilirubin", "mg/dL", 0.0, 100.0, true, 0.1, 5.0},
	[CLS_A_ALP] = {"alp", "U/L", 0.0, 100000.0, true, 5.0, 1500.0},
	[CLS_A_GGT] = {"ggt", "U/L", 0.0, 100000.0, true, 5.0, 500.0},
	[CLS_A_AMYLASE] = {"amylase", "U/L", 0.0, 100000.0, true, 5.0, 1000.0},
	[CLS_A_LIPASE] = {"lipase", "U/L", 0.0, 100000.0, true, 5.0, 2000.0},
	[CLS_A_LDH] = {"ldh", "U/L", 0.0, 100000.0, true, 50.0, 2000.0},
	[CLS_A_CHOLESTEROL] = {"cholesterol", "mg/dL", 10.0, 2000.0, true, 50.0, 400.0},
	[CLS_A_HDL] = {"hdl", "mg/dL", 1.0, 300.0, true, 10.0, 150.0},
	[CLS_A_LDL] = {"ldl", "mg/dL", 1.0, 1000.0, true, 50.0, 300.0},
	[CLS_A_TRIGLYCERIDES] = {"triglycerides", "mg/dL", 5.0, 20000.0, true, 0, 0},
	[CLS_A_WBC] = {"wbc", "10*9/L", 0.0, 1000.0, true, 1.0, 30.0},
	[CLS_A_LYMPHOCYTES] = {"lymphocytes", "10*9/L", 0.0, 1000.0, true, 0.3, 10.0},
	[CLS_A_CD4] = {"cd4", "10*9/L", 0.0, 10.0, true, 0.1, 3.0},
	[CLS_A_FIBRINOGEN] = {"fibrinogen", "mg/dL", 0.0, 2000.0, true, 50.0, 1000.0},
	[CLS_A_INR] = {"inr", "{INR}", 0.5, 20.0, true, 0.5, 3.0},
	[CLS_A_APTT] = {"aptt", "s", 5.0, 300.0, true, 10.0, 100.0},
	[CLS_A_HAPTOGLOBIN] = {"haptoglobin", "mg/dL", 0.0, 1000.0, true, 5.0, 500.0},
	[CLS_A_PH] = {"ph", "[pH]", 6.3, 8.0, true, 7.2, 7.6},
	[CLS_A_CREATININE_CLEARANCE] = {"creatinine_clearance", "mL/min", 0.0, 300.0, true, 0, 0},
};

/* Extra names accepted for analytes (case-insensitive). */
static const struct
{
	const char *name;
	cls_analyte a;
}			analyte_aliases[] = {
	{"systolic_bp", CLS_A_SBP},
	{"diastolic_bp", CLS_A_DBP},
	{"mean_arterial_pressure", CLS_A_MAP},
	{"hct", CLS_A_HEMATOCRIT},
	{"hgb", CLS_A_HEMOGLOBIN},
	{"hr", CLS_A_HEART_RATE},
	{"cpk", CLS_A_CK},
	{"creatine_kinase", CLS_A_CK},
	{"anc", CLS_A_NEUTROPHILS},
	{"k", CLS_A_POTASSIUM},
	{"ionized_calcium", CLS_A_CALCIUM_IONIZED},
	{"ica", CLS_A_CALCIUM_IONIZED},
	{"mg", CLS_A_MAGNESIUM},
	{"phosphorus", CLS_A_PHOSPHATE},
	{"urate", CLS_A_URIC_ACID},
	{"bilirubin_total", CLS_A_BILIRUBIN},
	{"alkaline_phosphatase", CLS_A_ALP},
	{"gamma_gt", CLS_A_GGT},
	{"lactate_dehydrogenase", CLS_A_LDH},
	{"hdl_cholesterol", CLS_A_HDL},
	{"ldl_cholesterol", CLS_A_LDL},
	{"leukocytes", CLS_A_WBC},
	{"cd4_count", CLS_A_CD4},
	{"ptt", CLS_A_APTT},
	{"crcl", CLS_A_CREATININE_CLEARANCE},
};

/* Warehouse codes (README: Sources). */
typedef struct code_entry
{
	const char *code;
	cls_analyte a;
} code_entry;

static const code_entry loinc_codes[] = {
	{"1751-7", CLS_A_ALBUMIN}, {"2862-1", CLS_A_ALBUMIN},
	{"4544-3", CLS_A_HEMATOCRIT}, {"20570-8", CLS_A_HEMATOCRIT},
	{"718-7", CLS_A_HEMOGLOBIN},
	{"2951-2", CLS_A_SODIUM}, {"2947-0", CLS_A_SODIUM},
	{"8480-6", CLS_A_SBP},
	{"8462-4", CLS_A_DBP},
	{"8478-0", CLS_A_MAP},
	{"8867-4", CLS_A_HEART_RATE},	/* FHIR vital signs value set (FHIR vital signs) */
	{"8310-5", CLS_A_TEMPERATURE},	/* FHIR vital signs value set (FHIR vital signs) */
	{"29463-7", CLS_A_WEIGHT}, {"3141-9", CLS_A_WEIGHT},
	{"777-3", CLS_A_PLATELETS}, {"26515-7", CLS_A_PLATELETS},
	{"751-8", CLS_A_NEUTROPHILS}, {"26499-4", CLS_A_NEUTROPHILS},
	{"753-4", CLS_A_NEUTROPHILS},
	{"2157-6", CLS_A_CK},
	{"2160-0", CLS_A_CREATININE}, {"14682-9", CLS_A_CREATININE},
	{"77140-2", CLS_A_CREATININE},
	/* ALT and AST in serum or plasma: the LOINC codes of the OMOP concepts
	 * 3006923 and 3013721 below */
	{"1742-6", CLS_A_ALT},
	{"1920-8", CLS_A_AST},
	/* 0.3.0 analytes, LOINC part numbers as published at
	 * https://loinc.org/<code>/ (serum or plasma unless stated) */
	{"2823-3", CLS_A_POTASSIUM}, {"6298-4", CLS_A_POTASSIUM},	/* blood */
	{"17861-6", CLS_A_CALCIUM}, {"2000-8", CLS_A_CALCIUM},
	{"1994-3", CLS_A_CALCIUM_IONIZED},	/* blood, moles/volume */
	{"2345-7", CLS_A_GLUCOSE}, {"2339-0", CLS_A_GLUCOSE},	/* blood */
	{"1558-6", CLS_A_GLUCOSE},	/* fasting */
	{"19123-9", CLS_A_MAGNESIUM}, {"2601-3", CLS_A_MAGNESIUM},
	{"2777-1", CLS_A_PHOSPHATE},
	{"3084-1", CLS_A_URIC_ACID},
	{"1975-2", CLS_A_BILIRUBIN},
	{"6768-6", CLS_A_ALP},
	{"2324-2", CLS_A_GGT},
	{"1798-8", CLS_A_AMYLASE},
	{"3040-3", CLS_A_LIPASE},
	{"2532-0", CLS_A_LDH}, {"14804-9", CLS_A_LDH},
	{"2093-3", CLS_A_CHOLESTEROL},
	{"2085-9", CLS_A_HDL},
	{"13457-7", CLS_A_LDL}, {"2089-1", CLS_A_LDL},
	{"2571-8", CLS_A_TRIGLYCERIDES},
	{"6690-2", CLS_A_WBC}, {"26464-8", CLS_A_WBC},
	{"731-0", CLS_A_LYMPHOCYTES}, {"26474-7", CLS_A_LYMPHOCYTES},
	{"24467-3", CLS_A_CD4},
	{"3255-7", CLS_A_FIBRINOGEN},
	{"6301-6", CLS_A_INR}, {"34714-6", CLS_A_INR},
	{"3173-2", CLS_A_APTT}, {"14979-9", CLS_A_APTT},
	{"4542-7", CLS_A_HAPTOGLOBIN},
	{"2744-1", CLS_A_PH}, {"11558-4", CLS_A_PH},
	{"2164-2", CLS_A_CREATININE_CLEARANCE},	/* renal clearance, 24 h urine */
};

typedef struct int_code_entry
{
	int64_t		code;
	cls_analyte a;
} int_code_entry;

/* OMOP measurement concept_ids and MIMIC-IV itemids: the two ranges do not
 * overlap (itemids are 5 or 6 digits, concept_ids here 7). */
static const int_code_entry int_codes[] = {
	/* OMOP concept_ids (OHDSI DQD concepts; OHDSI MIMIC mapping) */
	{3024561, CLS_A_ALBUMIN},
	{3023314, CLS_A_HEMATOCRIT}, {3009542, CLS_A_HEMATOCRIT},
	{3023230, CLS_A_HEMATOCRIT},
	{3000963, CLS_A_HEMOGLOBIN},
	{3019550, CLS_A_SODIUM},
	{3004249, CLS_A_SBP}, {4152194, CLS_A_SBP},
	{3012888, CLS_A_DBP}, {4154790, CLS_A_DBP},
	{3027598, CLS_A_MAP},
	{3025315, CLS_A_WEIGHT},
	{3024929, CLS_A_PLATELETS}, {3007461, CLS_A_PLATELETS},
	{3013650, CLS_A_NEUTROPHILS}, {3017732, CLS_A_NEUTROPHILS},
	{3007220, CLS_A_CK},
	{3016723, CLS_A_CREATININE},
	/* "Alanine aminotransferase [Enzymatic activity/volume] in Serum or
	 * Plasma" and "Aspartate aminotransferase [...]": OHDSI
	 * DataQualityDashboard, inst/csv/OMOP_CDMv5.4_Concept_Level.csv
	 * (https://github.com/OHDSI/DataQualityDashboard), plausible units
	 * 8645, 8923 */
	{3006923, CLS_A_ALT},
	{3013721, CLS_A_AST},
	/* MIMIC-IV labevents itemids (OHDSI MIMIC mapping) */
	{50862, CLS_A_ALBUMIN}, {52022, CLS_A_ALBUMIN},
	{51221, CLS_A_HEMATOCRIT}, {50810, CLS_A_HEMATOCRIT},
	{51638, CLS_A_HEMATOCRIT}, {51639, CLS_A_HEMATOCRIT},
	{52028, CLS_A_HEMATOCRIT},
	{51222, CLS_A_HEMOGLOBIN}, {50811, CLS_A_HEMOGLOBIN},
	{51640, CLS_A_HEMOGLOBIN},
	{50983, CLS_A_SODIUM}, {50824, CLS_A_SODIUM}, {52455, CLS_A_SODIUM},
	{50912, CLS_A_CREATININE}, {52546, CLS_A_CREATININE},
	{50910, CLS_A_CK},
	{51265, CLS_A_PLATELETS}, {51704, CLS_A_PLATELETS},
	{52075, CLS_A_NEUTROPHILS},
	/* ALT 50861, AST 50878: https://github.com/MIT-LCP/mimic-code
	 * mimic-iv/concepts/measurement/enzyme.sql */
	{50861, CLS_A_ALT}, {50878, CLS_A_AST},
	/* 0.3.0: MIMIC-IV hosp labevents itemids as the MIT-LCP/mimic-code
	 * concept queries use them (mimic-iv/concepts/measurement/chemistry.sql,
	 * enzyme.sql, coagulation.sql, complete_blood_count.sql,
	 * blood_differential.sql, bg.sql in
	 * https://github.com/MIT-LCP/mimic-code) */
	{50971, CLS_A_POTASSIUM}, {50822, CLS_A_POTASSIUM},	/* blood gas */
	{50893, CLS_A_CALCIUM},
	{50808, CLS_A_CALCIUM_IONIZED},	/* blood gas, free calcium */
	{50931, CLS_A_GLUCOSE}, {50809, CLS_A_GLUCOSE},	/* blood gas */
	{50885, CLS_A_BILIRUBIN},
	{50863, CLS_A_ALP},
	{50927, CLS_A_GGT},
	{50867, CLS_A_AMYLASE},
	{50954, CLS_A_LDH},
	{51301, CLS_A_WBC}, {51300, CLS_A_WBC}, {51755, CLS_A_WBC},
	{51133, CLS_A_LYMPHOCYTES}, {52769, CLS_A_LYMPHOCYTES},
	{51214, CLS_A_FIBRINOGEN},
	{51237, CLS_A_INR},
	{51275, CLS_A_APTT},
	{50820, CLS_A_PH},
	/* MIMIC-IV chartevents itemids (OHDSI MIMIC mapping); arterial BP 225309/225310/225312,
	 * heart rate 220045 and temperature 223761 (degF) / 223762 (degC):
	 * https://github.com/MIT-LCP/mimic-code
	 * mimic-iv/concepts/measurement/vitalsign.sql; daily weight 224639
	 * beside admission weight 226512: mimic-iv/concepts/demographics/
	 * weight_durations.sql.  The unit comes from valueuom, as for any row. */
	{220050, CLS_A_SBP}, {220179, CLS_A_SBP}, {224167, CLS_A_SBP},
	{227243, CLS_A_SBP}, {225309, CLS_A_SBP},
	{220051, CLS_A_DBP}, {220180, CLS_A_DBP}, {225310, CLS_A_DBP},
	{220052, CLS_A_MAP}, {220181, CLS_A_MAP}, {225312, CLS_A_MAP},
	{220045, CLS_A_HEART_RATE},
	{223761, CLS_A_TEMPERATURE}, {223762, CLS_A_TEMPERATURE},
	{226512, CLS_A_WEIGHT}, {226531, CLS_A_WEIGHT}, {224639, CLS_A_WEIGHT},
	{220228, CLS_A_HEMOGLOBIN},
	{220545, CLS_A_HEMATOCRIT},
	{220645, CLS_A_SODIUM},
	{220615, CLS_A_CREATININE},
};

/*
 * Unit families.  A family is one physical unit; its spellings are matched
 * after normalisation (lower case, blanks removed, micro sign -> u, degree
 * sign removed, '^' -> '*').  Counts per volume (10*9/L, K/uL, /mm3, ...)
 * are not listed: parse_count() reads them as UCUM-like expressions and
 * computes their factor to 10^9/L (family U_E9_L).
 */
typedef enum unit_family
{
	U_G_DL, U_G_L, U_PERCENT, U_FRACTION, U_MMOL_L, U_MEQ_L, U_MMHG,
	U_PER_MIN, U_CEL, U_DEGF, U_KG, U_G, U_LB, U_E9_L, U_PER_UL, U_U_L,
	U_MG_DL, U_UMOL_L, U_SECONDS, U_PH, U_MG_L, U_ML_MIN, U__COUNT
} unit_family;

static const struct
{
	const char *spelling;		/* normalised */
	unit_family f;
}			unit_spellings[] = {
	{"g/dl", U_G_DL}, {"gm/dl", U_G_DL}, {"gr/dl", U_G_DL},
	{"g/100ml", U_G_DL},
	/* old spellings with one meaning: "gram percent" = g/100 mL */
	{"gm%", U_G_DL}, {"g%", U_G_DL}, {"gm/100ml", U_G_DL},
	{"g/l", U_G_L}, {"gm/l", U_G_L},
	{"%", U_PERCENT}, {"percent", U_PERCENT},
	{"l/l", U_FRACTION}, {"1", U_FRACTION}, {"{ratio}", U_FRACTION},
	{"mmol/l", U_MMOL_L},
	{"meq/l", U_MEQ_L},
	{"mm[hg]", U_MMHG}, {"mmhg", U_MMHG},
	{"/min", U_PER_MIN}, {"1/min", U_PER_MIN}, {"bpm", U_PER_MIN},
	{"beats/min", U_PER_MIN}, {"{beats}/min", U_PER_MIN},
	{"cel", U_CEL}, {"degc", U_CEL}, {"c", U_CEL}, {"celsius", U_CEL},
	{"[degf]", U_DEGF}, {"degf", U_DEGF}, {"f", U_DEGF},
	{"fahrenheit", U_DEGF},
	{"kg", U_KG},
	{"g", U_G},
	{"[lb_av]", U_LB}, {"lb", U_LB}, {"lbs", U_LB}, {"pound", U_LB},
	{"pounds", U_LB},
	{"u/l", U_U_L}, {"[iu]/l", U_U_L}, {"iu/l", U_U_L}, {"units/l", U_U_L},
	{"unit/l", U_U_L},
	{"mg/dl", U_MG_DL}, {"mg%", U_MG_DL},
	{"umol/l", U_UMOL_L}, {"micromol/l", U_UMOL_L},
	{"s", U_SECONDS}, {"sec", U_SECONDS}, {"secs", U_SECONDS},
	{"seconds", U_SECONDS},
	{"[ph]", U_PH}, {"ph", U_PH}, {"phunits", U_PH},
	{"{inr}", U_FRACTION}, {"inr", U_FRACTION}, {"ratio", U_FRACTION},
	{"mg/l", U_MG_L},
	{"ml/min", U_ML_MIN}, {"ml/min/1.73m2", U_ML_MIN}, {"ml/min/{1.73_m2}", U_ML_MIN},
};

/* OMOP unit concept_ids, README: Sources (8961 is left out: its name is
 * not verified there).  8541 per minute ("/min", "beats/min"),
 * 8483 counts per minute ("bpm"), 586323 degree Celsius ("°C") and 9289
 * degree Fahrenheit ("°F"): the OHDSI MIMIC-IV mapping
 * https://github.com/OHDSI/MIMIC custom_mapping_csv/gcpt_meas_unit.csv;
 * 8739 pound: a plausible unit of body weight 3025315 in
 * https://github.com/OHDSI/DataQualityDashboard
 * inst/csv/OMOP_CDMv5.4_Concept_Level.csv beside 9529 kilogram; 8504
 * gram: https://github.com/answerdigital/oxford-omop-data-mapper
 * (birth weight in "8504 gram"). */
static const struct
{
	int64_t		concept_id;
	unit_family f;
}			omop_units[] = {
	{8713, U_G_DL}, {8636, U_G_L}, {8554, U_PERCENT}, {44777604, U_FRACTION},
	{8753, U_MMOL_L}, {9557, U_MEQ_L}, {8876, U_MMHG}, {9529, U_KG},
	{9444, U_E9_L}, {8848, U_E9_L}, {8784, U_PER_UL}, {8785, U_PER_UL},
	{8645, U_U_L}, {8923, U_U_L}, {8840, U_MG_DL}, {8749, U_UMOL_L},
	{8541, U_PER_MIN}, {8483, U_PER_MIN}, {586323, U_CEL}, {9289, U_DEGF},
	{8739, U_LB}, {8504, U_G},
};

/* Which families each analyte accepts, and the conversion to canonical. */
typedef struct unit_rule
{
	cls_analyte a;
	unit_family f;
	const char *ucum;			/* the UCUM code shown in hints */
	cls_conv	conv;
} unit_rule;

#define ID {1.0, 1.0, 0.0}
static const unit_rule unit_rules[] = {
	{CLS_A_ALBUMIN, U_G_DL, "g/dL", ID},
	{CLS_A_ALBUMIN, U_G_L, "g/L", {1.0, 10.0, 0.0}},
	{CLS_A_HEMATOCRIT, U_PERCENT, "%", ID},
	{CLS_A_HEMATOCRIT, U_FRACTION, "L/L", {100.0, 1.0, 0.0}},
	{CLS_A_HEMOGLOBIN, U_G_DL, "g/dL", ID},
	{CLS_A_HEMOGLOBIN, U_G_L, "g/L", {1.0, 10.0, 0.0}},
	/* monomer factor 0.6206 mmol/L per g/dL (hemoglobin conversion) */
	{CLS_A_HEMOGLOBIN, U_MMOL_L, "mmol/L", {1.0, 0.6206, 0.0}},
	{CLS_A_SODIUM, U_MMOL_L, "mmol/L", ID},
	{CLS_A_SODIUM, U_MEQ_L, "meq/L", ID},
	{CLS_A_SBP, U_MMHG, "mm[Hg]", ID},
	{CLS_A_DBP, U_MMHG, "mm[Hg]", ID},
	{CLS_A_MAP, U_MMHG, "mm[Hg]", ID},
	{CLS_A_HEART_RATE, U_PER_MIN, "/min", ID},
	{CLS_A_TEMPERATURE, U_CEL, "Cel", ID},
	/* (F - 32) * 5 / 9 */
	{CLS_A_TEMPERATURE, U_DEGF, "[degF]", {5.0, 9.0, -160.0 / 9.0}},
	{CLS_A_WEIGHT, U_KG, "kg", ID},
	{CLS_A_WEIGHT, U_G, "g", {1.0, 1000.0, 0.0}},
	/* the international avoirdupois pound is exactly 0.45359237 kg */
	{CLS_A_WEIGHT, U_LB, "[lb_av]", {0.45359237, 1.0, 0.0}},
	{CLS_A_PLATELETS, U_E9_L, "10*9/L", ID},
	{CLS_A_PLATELETS, U_PER_UL, "/uL", {1.0, 1000.0, 0.0}},
	{CLS_A_NEUTROPHILS, U_E9_L, "10*9/L", ID},
	{CLS_A_NEUTROPHILS, U_PER_UL, "/uL", {1.0, 1000.0, 0.0}},
	{CLS_A_CK, U_U_L, "U/L", ID},
	{CLS_A_CREATININE, U_MG_DL, "mg/dL", ID},
	/* 88.4 umol/L per mg/dL (SI conversion table; creatinine converters) */
	{CLS_A_CREATININE, U_UMOL_L, "umol/L", {1.0, 88.4, 0.0}},
	{CLS_A_ALT, U_U_L, "U/L", ID},
	{CLS_A_AST, U_U_L, "U/L", ID},

	/*
	 * 0.3.0 analytes.  The canonical unit of a CTCAE term is the unit the
	 * CTCAE lists first (mg/dL for the chemistry terms); a value in another
	 * unit is converted with the molar mass (IUPAC standard atomic weights,
	 * https://iupac.qmul.ac.uk/AtWt/ ; molecular masses from PubChem,
	 * https://pubchem.ncbi.nlm.nih.gov/), the factors of the SI conversion
	 * table of the AMA Manual of Style (https://www.amamanualofstyle.com/,
	 * "SI conversion calculator") and mEq = mmol x valence (Merck Manual,
	 * https://www.merckmanuals.com/professional/appendixes/ready-reference-guides).
	 * mmol/L to mg/dL is "x M / 10" with M in g/mol, kept as a multiplication
	 * by M and a division by 10 (an exact decimal).
	 */
	{CLS_A_POTASSIUM, U_MMOL_L, "mmol/L", ID},
	{CLS_A_POTASSIUM, U_MEQ_L, "meq/L", ID},	/* monovalent */
	/* calcium 40.078 g/mol; divalent: 1 mmol = 2 mEq */
	{CLS_A_CALCIUM, U_MG_DL, "mg/dL", ID},
	{CLS_A_CALCIUM, U_MMOL_L, "mmol/L", {40.078, 10.0, 0.0}},
	{CLS_A_CALCIUM, U_MEQ_L, "meq/L", {40.078, 20.0, 0.0}},
	{CLS_A_CALCIUM_IONIZED, U_MMOL_L, "mmol/L", ID},
	{CLS_A_CALCIUM_IONIZED, U_MG_DL, "mg/dL", {10.0, 40.078, 0.0}},
	{CLS_A_CALCIUM_IONIZED, U_MEQ_L, "meq/L", {1.0, 2.0, 0.0}},
	/* glucose 180.16 g/mol (mg/dL = mmol/L x 18.016) */
	{CLS_A_GLUCOSE, U_MG_DL, "mg/dL", ID},
	{CLS_A_GLUCOSE, U_MMOL_L, "mmol/L", {180.16, 10.0, 0.0}},
	/* magnesium 24.305 g/mol; divalent */
	{CLS_A_MAGNESIUM, U_MG_DL, "mg/dL", ID},
	{CLS_A_MAGNESIUM, U_MMOL_L, "mmol/L", {24.305, 10.0, 0.0}},
	{CLS_A_MAGNESIUM, U_MEQ_L, "meq/L", {24.305, 20.0, 0.0}},
	/* phosphate reported as phosphorus, 30.974 g/mol */
	{CLS_A_PHOSPHATE, U_MG_DL, "mg/dL", ID},
	{CLS_A_PHOSPHATE, U_MMOL_L, "mmol/L", {30.974, 10.0, 0.0}},
	/* uric acid 168.11 g/mol */
	{CLS_A_URIC_ACID, U_MG_DL, "mg/dL", ID},
	{CLS_A_URIC_ACID, U_MMOL_L, "mmol/L", {168.11, 10.0, 0.0}},
	{CLS_A_URIC_ACID, U_UMOL_L, "umol/L", {168.11, 10000.0, 0.0}},
	/* bilirubin 584.66 g/mol (1 mg/dL = 17.1 umol/L) */
	{CLS_A_BILIRUBIN, U_MG_DL, "mg/dL", ID},
	{CLS_A_BILIRUBIN, U_UMOL_L, "umol/L", {584.66, 10000.0, 0.0}},
	{CLS_A_ALP, U_U_L, "U/L", ID},
	{CLS_A_GGT, U_U_L, "U/L", ID},
	{CLS_A_AMYLASE, U_U_L, "U/L", ID},
	{CLS_A_LIPASE, U_U_L, "U/L", ID},
	{CLS_A_LDH, U_U_L, "U/L", ID},
	/* cholesterol (and its HDL and LDL fractions) 386.65 g/mol */
	{CLS_A_CHOLESTEROL, U_MG_DL, "mg/dL", ID},
	{CLS_A_CHOLESTEROL, U_MMOL_L, "mmol/L", {386.65, 10.0, 0.0}},
	{CLS_A_HDL, U_MG_DL, "mg/dL", ID},
	{CLS_A_HDL, U_MMOL_L, "mmol/L", {386.65, 10.0, 0.0}},
	{CLS_A_LDL, U_MG_DL, "mg/dL", ID},
	{CLS_A_LDL, U_MMOL_L, "mmol/L", {386.65, 10.0, 0.0}},
	/* triglycerides as triolein, 885.7 g/mol */
	{CLS_A_TRIGLYCERIDES, U_MG_DL, "mg/dL", ID},
	{CLS_A_TRIGLYCERIDES, U_MMOL_L, "mmol/L", {885.7, 10.0, 0.0}},
	{CLS_A_WBC, U_E9_L, "10*9/L", ID},
	{CLS_A_WBC, U_PER_UL, "/uL", {1.0, 1000.0, 0.0}},
	{CLS_A_LYMPHOCYTES, U_E9_L, "10*9/L", ID},
	{CLS_A_LYMPHOCYTES, U_PER_UL, "/uL", {1.0, 1000.0, 0.0}},
	{CLS_A_CD4, U_E9_L, "10*9/L", ID},
	{CLS_A_CD4, U_PER_UL, "/uL", {1.0, 1000.0, 0.0}},
	/* 1 g/L = 100 mg/dL; 1 mg/L = 0.1 mg/dL */
	{CLS_A_FIBRINOGEN, U_MG_DL, "mg/dL", ID},
	{CLS_A_FIBRINOGEN, U_G_L, "g/L", {100.0, 1.0, 0.0}},
	{CLS_A_INR, U_FRACTION, "{INR}", ID},
	{CLS_A_APTT, U_SECONDS, "s", ID},
	{CLS_A_HAPTOGLOBIN, U_MG_DL, "mg/dL", ID},
	{CLS_A_HAPTOGLOBIN, U_G_L, "g/L", {100.0, 1.0, 0.0}},
	{CLS_A_HAPTOGLOBIN, U_MG_L, "mg/L", {1.0, 10.0, 0.0}},
	{CLS_A_PH, U_PH, "[pH]", ID},
	{CLS_A_CREATININE_CLEARANCE, U_ML_MIN, "mL/min", ID},
};
#undef ID

#define lengthof(x) (sizeof(x) / sizeof((x)[0]))

const char *
cls_analyte_name(cls_analyte a)
{
	if (a < 0 || a >= CLS_A__COUNT)
		return "unknown";
	return analytes[a].name;
}

const char *
cls_analyte_unit(cls_analyte a)
{
	if (a < 0 || a >= CLS_A__COUNT)
		return "";
	return analytes[a].unit;
}

/* Trim blanks; returns the trimmed length and moves *s. */
static size_t
trim(const char **s, size_t len)
{
	const char *p = *s;

	while (len > 0 && isspace((unsigned char) p[0]))
	{
		p++;
		len--;
	}
	while (len > 0 && isspace((unsigned char) p[len - 1]))
		len--;
	*s = p;
	return len;
}

static bool
eq_ci(const char *s, size_t len, const char *lit)
{
	size_t		n = strlen(lit);

	if (n != len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char) s[i]) != lit[i])
			return false;
	return true;
}

cls_analyte
cls_analyte_from_name(const char *s, size_t len)
{
	len = trim(&s, len);
	for (int i = 0; i < CLS_A__COUNT; i++)
		if (eq_ci(s, len, analytes[i].name))
			return (cls_analyte) i;
	for (size_t i = 0; i < lengthof(analyte_aliases); i++)
		if (eq_ci(s, len, analyte_aliases[i].name))
			return analyte_aliases[i].a;
	return CLS_A_NONE;
}

cls_analyte
cls_analyte_from_int(int64_t code)
{
	for (size_t i = 0; i < lengthof(int_codes); i++)
		if (int_codes[i].code == code)
			return int_codes[i].a;
	return CLS_A_NONE;
}

cls_analyte
cls_analyte_from_code(const char *s, size_t len)
{
	bool		digits = true;

	len = trim(&s, len);
	if (len == 0)
		return CLS_A_NONE;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char) s[i]))
			digits = false;
	if (digits)
	{
		int64_t		v = 0;

		if (len > 12)
			return CLS_A_NONE;
		for (size_t i = 0; i < len; i++)
			v = v * 10 + (s[i] - '0');
		return cls_analyte_from_int(v);
	}
	for (size_t i = 0; i < lengthof(loinc_codes); i++)
		if (strlen(loinc_codes[i].code) == len &&
			memcmp(loinc_codes[i].code, s, len) == 0)
			return loinc_codes[i].a;
	return cls_analyte_from_name(s, len);
}

/*
 * Normalise a unit spelling into buf: lower case, blanks dropped, the micro
 * signs (U+00B5, U+03BC) become 'u', the degree sign (U+00B0) is dropped and
 * '^' becomes '*'.  Returns false when the result does not fit.
 */
static bool
normalise_unit(const char *s, size_t len, char *buf, size_t bufsize)
{
	size_t		o = 0;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];
		char		out;

		if (isspace(c))
			continue;
		if (c == 0xC2 && i + 1 < len && (unsigned char) s[i + 1] == 0xB5)
		{
			out = 'u';
			i++;
		}
		else if (c == 0xCE && i + 1 < len && (unsigned char) s[i + 1] == 0xBC)
		{
			out = 'u';
			i++;
		}
		else if (c == 0xC2 && i + 1 < len && (unsigned char) s[i + 1] == 0xB0)
		{
			i++;
			continue;
		}
		else if (c == '^')
			out = '*';
		else
			out = (char) tolower(c);
		if (o + 1 >= bufsize)
			return false;
		buf[o++] = out;
	}
	buf[o] = '\0';
	return true;
}

static cls_unit_status
family_rule(cls_analyte a, int f, cls_conv *out)
{
	if (f < 0)
		return CLS_UNIT_UNKNOWN;
	for (size_t i = 0; i < lengthof(unit_rules); i++)
		if (unit_rules[i].a == a && (int) unit_rules[i].f == f)
		{
			if (out)
				*out = unit_rules[i].conv;
			return CLS_UNIT_OK;
		}
	return CLS_UNIT_WRONG_ANALYTE;
}

/* s starts with lit: advance past it */
static bool
eat(const char **s, const char *lit)
{
	size_t		n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return false;
	*s += n;
	return true;
}

/*
 * A count per volume, normalised: [multiplier] "/" volume, where the
 * multiplier is empty, "1", "#", "cell(s)", "k", "thou(sand)" or
 * [x|*]10(*|e)N (UCUM "10*3", "x10^9", "x10E3") and the volume one of ul,
 * mcl, mm3, cumm, nl, ml, dl, l.  Sets *e10 to the power of ten that
 * converts it to 10^9/L (10*3/uL -> 0, /uL -> -3, 10*6/L -> -3).
 */
static bool
parse_count(const char *s, int *e10)
{
	static const struct
	{
		const char *name;
		int			e;			/* the volume is 10^e L */
	}			volumes[] = {
		{"ul", -6}, {"mcl", -6}, {"mm3", -6}, {"cumm", -6}, {"nl", -9},
		{"ml", -3}, {"dl", -1}, {"l", 0},
	};
	int			p = 0;

	if (eat(&s, "thousand") || eat(&s, "thou") || eat(&s, "k"))
		p = 3;
	else if (eat(&s, "cells") || eat(&s, "cell") || eat(&s, "#") ||
			 strncmp(s, "1/", 2) == 0)
	{
		p = 0;
		if (*s == '1')
			s++;
	}
	else if (*s != '/')
	{
		int			n = 0;

		(void) (eat(&s, "x") || eat(&s, "*"));
		if (!eat(&s, "10") || !(eat(&s, "*") || eat(&s, "e")))
			return false;
		if (!isdigit((unsigned char) s[0]))
			return false;
		while (isdigit((unsigned char) *s) && n < 100)
			n = n * 10 + (*s++ - '0');
		p = n;
		(void) (eat(&s, "cells") || eat(&s, "cell"));
	}
	if (!eat(&s, "/"))
		return false;
	for (size_t i = 0; i < lengthof(volumes); i++)
		if (strcmp(s, volumes[i].name) == 0)
		{
			int			e = p - volumes[i].e - 9;

			/* nothing real lies beyond 10^+-12 x 10^9/L */
			if (e < -12 || e > 12)
				return false;
			*e10 = e;
			return true;
		}
	return false;
}

cls_unit_status
cls_unit_lookup(cls_analyte a, const char *unit, size_t len, cls_conv *out)
{
	char		buf[32];
	int			f = -1,
				e10;
	cls_unit_status st;

	if (!normalise_unit(unit, len, buf, sizeof(buf)))
		return CLS_UNIT_UNKNOWN;
	for (size_t i = 0; i < lengthof(unit_spellings); i++)
		if (strcmp(unit_spellings[i].spelling, buf) == 0)
		{
			f = (int) unit_spellings[i].f;
			break;
		}
	if (f >= 0 || !parse_count(buf, &e10))
		return family_rule(a, f, out);
	st = family_rule(a, U_E9_L, out);
	if (st == CLS_UNIT_OK && out)
	{
		/* a power of ten, kept as an exact division where it is one */
		out->mul = e10 >= 0 ? pow(10.0, e10) : 1.0;
		out->div = e10 < 0 ? pow(10.0, -e10) : 1.0;
		out->add = 0.0;
	}
	return st;
}

cls_unit_status
cls_unit_lookup_omop(cls_analyte a, int64_t concept_id, cls_conv *out)
{
	int			f = -1;

	for (size_t i = 0; i < lengthof(omop_units); i++)
		if (omop_units[i].concept_id == concept_id)
		{
			f = (int) omop_units[i].f;
			break;
		}
	return family_rule(a, f, out);
}

void
cls_unit_list(cls_analyte a, char *buf, size_t bufsize)
{
	size_t		o = 0;

	if (bufsize == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < lengthof(unit_rules); i++)
	{
		int			n;

		if (unit_rules[i].a != a)
			continue;
		n = snprintf(buf + o, bufsize - o, "%s%s", o ? ", " : "",
					 unit_rules[i].ucum);
		if (n < 0 || (size_t) n >= bufsize - o)
			return;
		o += (size_t) n;
	}
}

cls_value_status
cls_value_check(cls_analyte a, double v)
{
	const analyte_info *ai;

	/*
	 * The common case first, in two comparisons: a value inside the
	 * plausible range by more than 1e-8 relative (ten times the decimal
	 * tolerance of cls_dcmp) passes both range checks below, whatever the
	 * rounding of the products.  NaN, infinities and values <= 0 fail it
	 * (every lo >= 0 and hi is finite and > lo: checked by the unit tests)
	 * and take the full checks.
	 */
	if (a >= 0 && a < CLS_A__COUNT &&
		v > analytes[a].lo * (1.0 + 1e-8) && v < analytes[a].hi * (1.0 - 1e-8))
		return CLS_VALUE_OK;
	if (isnan(v))
		return CLS_VALUE_NAN;
	if (isinf(v))
		return CLS_VALUE_INFINITE;
	if (v < 0)
		return CLS_VALUE_NEGATIVE;
	if (a < 0 || a >= CLS_A__COUNT)
		return CLS_VALUE_OK;
	ai = &analytes[a];
	if (ai->lo_inclusive ? cls_dcmp(v, ai->lo) < 0 : cls_dcmp(v, ai->lo) <= 0)
		return CLS_VALUE_TOO_LOW;
	if (cls_dcmp(v, ai->hi) > 0)
		return CLS_VALUE_TOO_HIGH;
	return CLS_VALUE_OK;
}

cls_value_status
cls_value_check_any_unit(cls_analyte a, double v)
{
	for (size_t i = 0; i < lengthof(unit_rules); i++)
		if (unit_rules[i].a == a &&
			cls_value_check(a, cls_conv_apply(&unit_rules[i].conv, v)) == CLS_VALUE_OK)
			return CLS_VALUE_OK;
	return cls_value_check(a, v);
}

const char *
cls_value_status_text(cls_value_status s)
{
	switch (s)
	{
		case CLS_VALUE_OK:
			return "ok";
		case CLS_VALUE_NAN:
			return "not a number";
		case CLS_VALUE_INFINITE:
			return "infinite";
		case CLS_VALUE_NEGATIVE:
			return "negative";
		case CLS_VALUE_TOO_LOW:
			return "below the plausible range";
		case CLS_VALUE_TOO_HIGH:
			return "above the plausible range";
	}
	return "unknown";
}

void
cls_plausible_range(cls_analyte a, double *lo, double *hi, bool *lo_inclusive)
{
	if (a < 0 || a >= CLS_A__COUNT)
	{
		*lo = 0;
		*hi = INFINITY;
		*lo_inclusive = true;
		return;
	}
	*lo = analytes[a].lo;
	*hi = analytes[a].hi;
	*lo_inclusive = analytes[a].lo_inclusive;
}

bool
cls_code_at(size_t i, char *code, size_t codesize, const char **system,
			cls_analyte *a)
{
	if (i < lengthof(loinc_codes))
	{
		snprintf(code, codesize, "%s", loinc_codes[i].code);
		*system = "LOINC";
		*a = loinc_codes[i].a;
		return true;
	}
	i -= lengthof(loinc_codes);
	if (i < lengthof(int_codes))
	{
		snprintf(code, codesize, "%lld", (long long) int_codes[i].code);
		*system = int_codes[i].code >= 1000000 ? "OMOP" : "MIMIC-IV";
		*a = int_codes[i].a;
		return true;
	}
	return false;
}

bool
cls_unit_rule_at(size_t i, cls_analyte *a, const char **ucum, cls_conv *conv)
{
	if (i >= lengthof(unit_rules))
		return false;
	*a = unit_rules[i].a;
	*ucum = unit_rules[i].ucum;
	*conv = unit_rules[i].conv;
	return true;
}

bool
cls_reference_limit_range(cls_analyte a, double *lo, double *hi)
{
	if (a < 0 || a >= CLS_A__COUNT || analytes[a].ref_hi == 0)
		return false;
	*lo = analytes[a].ref_lo;
	*hi = analytes[a].ref_hi;
	return true;
}

bool
cls_reference_limit_ok(cls_analyte a, double canonical)
{
	double		lo,
				hi;

	if (isnan(canonical) || isinf(canonical))
		return false;
	if (!cls_reference_limit_range(a, &lo, &hi))
		return cls_value_check(a, canonical) == CLS_VALUE_OK;
	return cls_dcmp(canonical, lo) >= 0 && cls_dcmp(canonical, hi) <= 0;
}
