/*
 * units.h -- analytes, warehouse codes, units and plausibility (cls core).
 *
 * Plain C99: no PostgreSQL header.  Every clinical number here comes from
 * README: Reference: units and codes and README: Sources sections 5 and 6; the
 * plausibility ranges are cls's own documented choice (README, "Plausible
 * values").
 */
#ifndef CLS_UNITS_H
#define CLS_UNITS_H

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The analytes cls computes with.  Order is part of the serialized formats
 * of the aggregates: append only. */
typedef enum cls_analyte
{
	CLS_A_NONE = -1,
	CLS_A_ALBUMIN = 0,			/* g/dL */
	CLS_A_HEMATOCRIT,			/* % */
	CLS_A_HEMOGLOBIN,			/* g/dL */
	CLS_A_SODIUM,				/* mmol/L */
	CLS_A_SBP,					/* mmHg */
	CLS_A_DBP,					/* mmHg */
	CLS_A_MAP,					/* mmHg */
	CLS_A_HEART_RATE,			/* /min */
	CLS_A_TEMPERATURE,			/* Cel */
	CLS_A_WEIGHT,				/* kg */
	CLS_A_PLATELETS,			/* 10^9/L */
	CLS_A_NEUTROPHILS,			/* 10^9/L */
	CLS_A_CK,					/* U/L */
	CLS_A_CREATININE,			/* mg/dL */
	CLS_A_ALT,					/* U/L */
	CLS_A_AST,					/* U/L */
	/* 0.3.0: the analytes of the other CTCAE lab terms */
	CLS_A_POTASSIUM,			/* mmol/L */
	CLS_A_CALCIUM,				/* mg/dL, total (corrected) */
	CLS_A_CALCIUM_IONIZED,		/* mmol/L */
	CLS_A_GLUCOSE,				/* mg/dL */
	CLS_A_MAGNESIUM,			/* mg/dL */
	CLS_A_PHOSPHATE,			/* mg/dL, as phosphorus */
	CLS_A_URIC_ACID,			/* mg/dL */
	CLS_A_BILIRUBIN,			/* mg/dL, total */
	CLS_A_ALP,					/* U/L */
	CLS_A_GGT,					/* U/L */
	CLS_A_AMYLASE,				/* U/L */
	CLS_A_LIPASE,				/* U/L */
	CLS_A_LDH,					/* U/L */
	CLS_A_CHOLESTEROL,			/* mg/dL, total */
	CLS_A_HDL,					/* mg/dL */
	CLS_A_LDL,					/* mg/dL */
	CLS_A_TRIGLYCERIDES,		/* mg/dL */
	CLS_A_WBC,					/* 10^9/L */
	CLS_A_LYMPHOCYTES,			/* 10^9/L */
	CLS_A_CD4,					/* 10^9/L */
	CLS_A_FIBRINOGEN,			/* mg/dL */
	CLS_A_INR,					/* ratio */
	CLS_A_APTT,					/* s */
	CLS_A_HAPTOGLOBIN,			/* mg/dL */
	CLS_A_PH,					/* pH */
	CLS_A_CREATININE_CLEARANCE,	/* mL/min */
	CLS_A__COUNT
} cls_analyte;

/* A unit conversion: canonical = value * mul / div + add.  Division by an
 * exact decimal (10, 88.4, 1000) is kept as a division so that decimal
 * values land exactly where a person computing by hand would put them. */
typedef struct cls_conv
{
	double		mul;
	double		div;
	double		add;
} cls_conv;

typedef enum cls_unit_status
{
	CLS_UNIT_OK = 0,
	CLS_UNIT_UNKNOWN,			/* the spelling is not a unit cls knows */
	CLS_UNIT_WRONG_ANALYTE		/* a known unit, but not valid for this analyte */
} cls_unit_status;

/* Why a value was not used (cls_value_check). */
typedef enum cls_value_status
{
	CLS_VALUE_OK = 0,
	CLS_VALUE_NAN,
	CLS_VALUE_INFINITE,
	CLS_VALUE_NEGATIVE,
	CLS_VALUE_TOO_LOW,			/* below the plausible range */
	CLS_VALUE_TOO_HIGH			/* above the plausible range */
} cls_value_status;

/* Names and canonical units */
const char *cls_analyte_name(cls_analyte a);
const char *cls_analyte_unit(cls_analyte a);
cls_analyte cls_analyte_from_name(const char *s, size_t len);

/* Warehouse codes: a cls analyte name, a LOINC code ("1751-7"), a MIMIC-IV
 * itemid ("50862") or an OMOP measurement concept_id ("3024561").  Leading
 * and trailing blanks are ignored; names are case-insensitive.  Returns
 * CLS_A_NONE when the code maps to no cls analyte. */
cls_analyte cls_analyte_from_code(const char *s, size_t len);
/* The same for an integer code (itemid or concept_id). */
cls_analyte cls_analyte_from_int(int64_t code);

/* Units: a UCUM code or a common spelling (case-insensitive, blanks
 * ignored), or an OMOP unit concept_id. */
cls_unit_status cls_unit_lookup(cls_analyte a, const char *unit, size_t len,
								cls_conv *out);
cls_unit_status cls_unit_lookup_omop(cls_analyte a, int64_t concept_id,
									 cls_conv *out);
/* The units accepted for an analyte, as a comma-separated list for hints.
 * Writes at most bufsize bytes including the terminator. */
void		cls_unit_list(cls_analyte a, char *buf, size_t bufsize);

/* The canonical value.  A finite value whose conversion overflows
 * saturates at +-DBL_MAX, so that it is above every plausible range
 * instead of infinite. */
static inline double
cls_conv_apply(const cls_conv *c, double v)
{
	double		r = v;

	if (c->mul != 1.0)
		r *= c->mul;
	if (c->div != 1.0)
		r /= c->div;
	r += c->add;
	if (isinf(r) && !isinf(v) && !isnan(v))
		r = r > 0 ? DBL_MAX : -DBL_MAX;
	return r;
}

/* The code tables, for listing: entry i (0-based) of all codes; returns
 * false past the end.  *code is the code as text, *system one of "LOINC",
 * "OMOP", "MIMIC-IV". */
bool		cls_code_at(size_t i, char *code, size_t codesize,
						const char **system, cls_analyte *a);
/* The unit rules, for listing: entry i; returns false past the end. */
bool		cls_unit_rule_at(size_t i, cls_analyte *a, const char **ucum,
							 cls_conv *conv);

/* Plausibility of a value already in the canonical unit. */
cls_value_status cls_value_check(cls_analyte a, double canonical);
const char *cls_value_status_text(cls_value_status s);
/* Plausibility of a value whose unit is not known: OK when it is plausible
 * in at least one unit cls accepts for the analyte (weight 1e308 is no
 * weight in kg, g or lb), else the status in the canonical unit. */
cls_value_status cls_value_check_any_unit(cls_analyte a, double v);
void		cls_plausible_range(cls_analyte a, double *lo, double *hi,
								bool *lo_inclusive);

/* The plausible range of a reference limit (LLN or ULN) of an analyte, in
 * the canonical unit; false when cls has none (the analyte's limits are
 * then checked like values).  cls_reference_limit_ok: inside it. */
bool		cls_reference_limit_range(cls_analyte a, double *lo, double *hi);
bool		cls_reference_limit_ok(cls_analyte a, double canonical);

/* Exact decimal comparison: clinical values carry at most a few significant
 * digits, so two doubles that agree to 1e-9 relative are the same decimal
 * number (2.1 and 3 * 0.7).  Returns -1, 0 or 1.  Inline: it is on the
 * per-row path of every grading. */
static inline int
cls_dcmp(double a, double b)
{
	double		d,
				fa,
				fb,
				tol;

	/* an infinity is only ever equal to itself (the tolerance below would
	 * be infinite too) */
	if (isinf(a) || isinf(b))
		return (a > b) - (a < b);
	d = a - b;
	fa = a < 0 ? -a : a;
	fb = b < 0 ? -b : b;
	tol = 1e-9 * (fa > fb ? fa : fb);

	if (d > tol)
		return 1;
	if (-d > tol)
		return -1;
	return 0;
}

#endif							/* CLS_UNITS_H */
