/* Core unit tests: CTCAE grading, both sides of every cut-off. */
#include <math.h>
#include <string.h>

#include "ctcae.h"
#include "unit.h"

#define NA NAN					/* unknown limit */

/* grade or -1 for unknown, -2 for no such version */
static int
g(cls_term t, cls_version v, double x, double lln, double uln, double base,
  int sympt)
{
	cls_grade_input in = {x, lln, uln, base, !isnan(lln), !isnan(uln),
	!isnan(base), sympt};
	int			grade = -9;
	cls_grade_status st = cls_grade(t, v, &in, &grade);

	if (st == CLS_GRADE_UNKNOWN)
		return -1;
	if (st == CLS_GRADE_NO_VERSION)
		return -2;
	return grade;
}

#define V5 CLS_V_5_0
#define V4 CLS_V_4_03
#define V6 CLS_V_6_0
#define T(name) CLS_T_##name
#define G(term, ver, x, lln, uln, base, s, expect) \
	CHECK(g(T(term), ver, x, lln, uln, base, s) == (expect), \
		  #term " v%s x=%g lln=%g uln=%g base=%g sympt=%d -> %d (got %d)", \
		  cls_version_name(ver), (double) (x), (double) (lln), (double) (uln), \
		  (double) (base), s, expect, g(T(term), ver, x, lln, uln, base, s))


/*
 * 0.3.0: the cut-offs of every term written a second time, independently
 * of src/core/ctcae_terms.inc, from the CTCAE text ("<A - B": B <= x < A;
 * ">A - B": A < x <= B), and checked at, just below and just above every
 * cut-off, in every unit the term's analyte accepts.
 *
 * kind LO: grade g when x < cut[g];  HI: when x > cut[g];  ULNX: when
 * x > cut[g] x ULN.  cut[g] == LIM means the reference limit itself (LLN
 * for LO, ULN for HI), 0 means the grade has no numeric criterion.
 */
#define LIM (-1.0)
enum xkind
{
	LO, HI, ULNX
};
typedef struct xterm
{
	cls_term	t;
	unsigned	versions;
	enum xkind	kind;
	double		cut[5];			/* index = grade; [0] unused */
	double		limit;			/* the LLN or ULN the test uses */
	int			sympt;			/* the clinical input used */
	int			flags;			/* XF_ below */
} xterm;

#define XF_GE1		1			/* grade 1 is x >= cut[1] (hypertriglyceridemia) */
#define XF_BASE_X	2			/* baseline = the value (no change from baseline) */

#define B4 (1u << CLS_V_4_03)
#define B5 (1u << CLS_V_5_0)
#define B6 (1u << CLS_V_6_0)

static const xterm xterms[] = {
	/* blood counts (10^9/L) */
	{T(LEUKOCYTOSIS), B4 | B5 | B6, HI, {0, 0, 0, 100, 0}, 10, 0, 0},
	{T(WBC_DECREASED), B4 | B5 | B6, LO, {0, LIM, 3.0, 2.0, 1.0}, 4.0, 0, 0},
	{T(LYMPHOCYTE_COUNT_DECREASED), B4 | B5, LO, {0, LIM, 0.8, 0.5, 0.2}, 1.0, 0, 0},
	{T(LYMPHOCYTE_COUNT_INCREASED), B4 | B5 | B6, HI, {0, 0, 4, 20, 0}, 4.8, 0, 0},
	{T(CD4_DECREASED), B4 | B5 | B6, LO, {0, LIM, 0.5, 0.2, 0.05}, 0.6, 0, 0},
	{T(PLATELET_COUNT_DECREASED), B4 | B5, LO, {0, LIM, 75, 50, 25}, 150, 0, 0},
	{T(THROMBOCYTOPENIA), B6, LO, {0, LIM, 75, 50, 10}, 150, 0, 0},
	{T(NEUTROPHIL_COUNT_DECREASED), B4 | B5, LO, {0, LIM, 1.5, 1.0, 0.5}, 1.8, 0, 0},
	{T(NEUTROPHIL_COUNT_DECREASED), B6, LO, {0, 1.5, 1.0, 0.5, 0.1}, 1.8, 0, 0},
	{T(ANEMIA), B4 | B5 | B6, LO, {0, LIM, 10.0, 8.0, 0}, 12, 0, 0},
	{T(HYPOALBUMINEMIA), B4 | B5 | B6, LO, {0, LIM, 3, 2, 0}, 3.5, 0, 0},
	/* electrolytes: calcium and glucose mg/dL, magnesium mg/dL */
	{T(HYPERCALCEMIA), B4 | B5 | B6, HI, {0, LIM, 11.5, 12.5, 13.5}, 10.5, 0, 0},
	{T(HYPOCALCEMIA), B4 | B5 | B6, LO, {0, LIM, 8.0, 7.0, 6.0}, 8.5, 0, 0},
	{T(HYPERCALCEMIA_IONIZED), B4 | B5 | B6, HI, {0, LIM, 1.5, 1.6, 1.8}, 1.3, 0, 0},
	{T(HYPOCALCEMIA_IONIZED), B4 | B5 | B6, LO, {0, LIM, 1.0, 0.9, 0.8}, 1.1, 0, 0},
	{T(HYPERGLYCEMIA), B4 | B6, HI, {0, LIM, 160, 250, 500}, 100, 1, 0},	/* fasting */
	{T(HYPERGLYCEMIA), B4 | B6, HI, {0, 0, 0, 250, 500}, 100, 0, 0},	/* not fasting */
	{T(HYPOGLYCEMIA), B4 | B5 | B6, LO, {0, LIM, 55, 40, 30}, 70, 0, 0},
	{T(HYPERKALEMIA), B4 | B5 | B6, HI, {0, LIM, 5.5, 6.0, 7.0}, 5.1, 0, 0},
	{T(HYPOKALEMIA), B4 | B5 | B6, LO, {0, LIM, 0, 3.0, 2.5}, 3.5, 0, 0},
	{T(HYPOKALEMIA), B4 | B5 | B6, LO, {0, 0, LIM, 3.0, 2.5}, 3.5, 1, 0},	/* symptomatic */
	{T(HYPERMAGNESEMIA), B4 | B5 | B6, HI, {0, LIM, 0, 3.0, 8.0}, 2.4, 0, 0},
	{T(HYPOMAGNESEMIA), B4 | B5 | B6, LO, {0, LIM, 1.2, 0.9, 0.7}, 1.6, 0, 0},
	{T(HYPERNATREMIA), B4 | B5 | B6, HI, {0, LIM, 150, 155, 160}, 145, 0, 0},
	{T(HYPONATREMIA), B4, LO, {0, LIM, 0, 130, 120}, 135, 0, 0},
	{T(HYPONATREMIA), B5 | B6, LO, {0, LIM, 130, 125, 120}, 135, 0, 0},
	{T(HYPONATREMIA), B5 | B6, LO, {0, LIM, 0, 130, 120}, 135, 1, 0},
	{T(HYPOPHOSPHATEMIA), B4, LO, {0, LIM, 2.5, 2.0, 1.0}, 2.7, 0, 0},
	{T(HYPERURICEMIA), B4, HI, {0, LIM, 0, 0, 10}, 7.0, 0, 0},
	{T(HYPERURICEMIA), B4, HI, {0, 0, 0, LIM, 10}, 7.0, 1, 0},
	{T(HYPERURICEMIA), B5 | B6, HI, {0, LIM, 0, 0, 0}, 7.0, 0, 0},
	{T(HYPERURICEMIA), B5 | B6, HI, {0, 0, 0, LIM, 0}, 7.0, 1, 0},
	/* lipids (mg/dL) */
	{T(CHOLESTEROL_HIGH), B4 | B5 | B6, HI, {0, LIM, 300, 400, 500}, 200, 0, 0},
	{T(HDL_DECREASED), B6, LO, {0, LIM, 0, 0, 0}, 40, 0, 0},
	{T(HYPERTRIGLYCERIDEMIA), B4 | B5 | B6, HI, {0, 150, 300, 500, 1000}, 150, 0, XF_GE1},
	{T(LDL_INCREASED), B6, HI, {0, LIM, 0, 0, 0}, 130, 0, 0},
	/* coagulation */
	{T(INR_INCREASED), B5 | B6, HI, {0, 1.2, 1.5, 2.5, 0}, 1.1, 0, 0},
	{T(INR_INCREASED), B4, ULNX, {0, 1, 1.5, 2.5, 0}, 1.1, 0, 0},
	{T(APTT_PROLONGED), B4 | B5 | B6, ULNX, {0, 1, 1.5, 2.5, 0}, 35, 0, 0},
	/* 0.75, 0.5, 0.25 x LLN 200; abs 50; no decrease from baseline */
	{T(FIBRINOGEN_DECREASED), B4 | B5 | B6, LO, {0, LIM, 150, 100, 50}, 200, 0, XF_BASE_X},
	{T(HAPTOGLOBIN_DECREASED), B4 | B5 | B6, LO, {0, LIM, 0, 0, 0}, 30, 0, 0},
	/* enzymes, multiples of ULN (v5/v6 with a normal baseline below) */
	{T(CPK_INCREASED), B4 | B5, ULNX, {0, 1, 2.5, 5, 10}, 200, 0, 0},
	{T(ALT_INCREASED), B4 | B5 | B6, ULNX, {0, 1, 3, 5, 20}, 40, 0, 0},
	{T(AST_INCREASED), B4 | B5 | B6, ULNX, {0, 1, 3, 5, 20}, 40, 0, 0},
	{T(ALP_INCREASED), B4 | B5, ULNX, {0, 1, 2.5, 5, 20}, 120, 0, 0},
	{T(ALP_INCREASED), B6, HI, {0, LIM, 0, 0, 0}, 120, 0, 0},	/* baseline = ULN */
	{T(GGT_INCREASED), B4 | B5 | B6, ULNX, {0, 1, 2.5, 5, 20}, 60, 0, 0},
	{T(BILIRUBIN_INCREASED), B4 | B5 | B6, ULNX, {0, 1, 1.5, 3, 10}, 1.2, 0, 0},
	{T(AMYLASE_INCREASED), B4, ULNX, {0, 1, 1.5, 2, 5}, 100, 0, 0},
	{T(AMYLASE_INCREASED), B5 | B6, ULNX, {0, 1, 1.5, 5, 0}, 100, 0, 0},
	{T(AMYLASE_INCREASED), B5 | B6, ULNX, {0, 1, 1.5, 2, 5}, 100, 1, 0},
	{T(LIPASE_INCREASED), B4, ULNX, {0, 1, 1.5, 2, 5}, 60, 0, 0},
	{T(LIPASE_INCREASED), B5 | B6, ULNX, {0, 1, 1.5, 5, 0}, 60, 0, 0},
	{T(LIPASE_INCREASED), B5, ULNX, {0, 1, 1.5, 2, 5}, 60, 1, 0},
	{T(LIPASE_INCREASED), B6, ULNX, {0, 1, 1.5, 3, 5}, 60, 1, 0},
	{T(LDH_INCREASED), B6, ULNX, {0, 1, 0, 0, 0}, 250, 0, 0},
	{T(CREATININE_INCREASED), B4 | B5 | B6, ULNX, {0, 1, 1.5, 3, 6}, 1.0, 0, 0},	/* baseline = ULN */
	/* creatinine clearance (mL/min): "26 - 49", "10 - 25" */
	{T(CRCL_DECREASED), B6, LO, {0, 0, 50, 26, 0}, 100, 0, 0},
	/* blood pH */
	{T(ACIDOSIS), B4 | B5 | B6, LO, {0, LIM, 0, 7.3, 0}, 7.35, 0, 0},
	{T(ALKALOSIS), B4 | B5 | B6, HI, {0, LIM, 0, 7.5, 0}, 7.45, 0, 0},
};

/* the grade the CTCAE text gives (independent of the criteria table) */
static int
expect(const xterm *e, double x)
{
	for (int gr = 4; gr >= 1; gr--)
	{
		double		c = e->cut[gr];

		if (c == 0)
			continue;
		if (e->kind == ULNX)
			c *= e->limit;
		else if (c == LIM)
			c = e->limit;
		if (e->kind == LO ? x < c :
			(gr == 1 && (e->flags & XF_GE1)) ? x >= c : x > c)
			return gr;
	}
	return 0;
}

/* inverse of a conversion: the value in the unit whose canonical is v */
static double
unconv(const cls_conv *c, double v)
{
	return (v - c->add) * c->div / c->mul;
}

static int	xchecked = 0;

static void
check_xterm(const xterm *e)
{
	cls_analyte a = cls_term_get(e->t)->analyte;

	for (int vv = 0; vv < CLS_V__COUNT; vv++)
	{
		if (!(e->versions & (1u << vv)))
			continue;
		for (int gr = 1; gr <= 4; gr++)
		{
			double		c = e->cut[gr];

			if (c == 0)
				continue;
			c = (e->kind == ULNX) ? c * e->limit : (c == LIM ? e->limit : c);
			for (int side = -1; side <= 1; side++)
			{
				double		x = c * (1.0 + side * 1e-4);
				int			want = expect(e, x);
				size_t		i = 0;
				cls_analyte ra;
				const char *ucum;
				cls_conv	cv;

				/* every unit of the analyte: the value and the limit
				 * written in that unit, converted back as the SQL glue
				 * does */
				while (cls_unit_rule_at(i++, &ra, &ucum, &cv))
				{
					cls_grade_input in = {0};
					int			got = -9;
					cls_grade_status st;

					if (ra != a)
						continue;
					in.value = cls_conv_apply(&cv, unconv(&cv, x));
					in.lln = in.uln = in.baseline = cls_conv_apply(&cv, unconv(&cv, e->limit));
					in.has_lln = (e->kind == LO);
					in.has_uln = (e->kind != LO);
					/* the baseline: normal (= ULN) for the enzyme terms,
					 * = LLN (not below it) for creatinine and fibrinogen */
					in.has_baseline = true;
					if (e->flags & XF_BASE_X)
						in.baseline = in.value;
					in.symptomatic = e->sympt;
					st = cls_grade(e->t, (cls_version) vv, &in, &got);
					xchecked++;
					if (st != CLS_GRADE_OK || got != want)
						CHECK(0, "%s v%s x=%.9g %s (limit %g, sympt %d): want %d, got %d (status %d)",
							  cls_term_get(e->t)->name, cls_version_name((cls_version) vv),
							  unconv(&cv, x), ucum, e->limit, e->sympt, want, got, (int) st);
				}
			}
		}
	}
}

int
main(void)
{
	/* names */
	CHECK(cls_term_from_name("hypoalbuminemia", 15) == CLS_T_HYPOALBUMINEMIA, "term lower case");
	CHECK(cls_term_from_name(" Platelet  count_decreased ", 27) == CLS_T_PLATELET_COUNT_DECREASED, "term blanks and _");
	CHECK(cls_term_from_name("platelet countdecreased", 23) == CLS_T_NONE, "term missing blank");
	CHECK(cls_term_from_name("Hypoalbuminemiax", 16) == CLS_T_NONE, "term suffix");
	CHECK(cls_term_from_name("", 0) == CLS_T_NONE, "term empty");
	CHECK(cls_version_from_name("5", 1) == CLS_V_5_0, "version 5");
	CHECK(cls_version_from_name("4.03", 4) == CLS_V_4_03, "version 4.03");
	CHECK(cls_version_from_name("4.0", 3) == CLS_V_NONE, "version 4.0 unknown");

	/* Hypoalbuminemia, LLN 3.5 */
	for (int vv = 0; vv < 3; vv++)
	{
		cls_version v = (cls_version) vv;

		G(HYPOALBUMINEMIA, v, 3.5, 3.5, NA, NA, 0, 0);
		G(HYPOALBUMINEMIA, v, 3.49, 3.5, NA, NA, 0, 1);
		G(HYPOALBUMINEMIA, v, 3.0, 3.5, NA, NA, 0, 1);
		G(HYPOALBUMINEMIA, v, 2.99, 3.5, NA, NA, 0, 2);
		G(HYPOALBUMINEMIA, v, 2.0, 3.5, NA, NA, 0, 2);
		G(HYPOALBUMINEMIA, v, 1.99, 3.5, NA, NA, 0, 3);
	}
	G(HYPOALBUMINEMIA, V5, 3.2, NA, NA, NA, 0, -1);	/* needs LLN */
	G(HYPOALBUMINEMIA, V5, 2.5, NA, NA, NA, 0, 2);	/* absolute */
	G(HYPOALBUMINEMIA, V5, 1.5, NA, NA, NA, 0, 3);
	G(HYPOALBUMINEMIA, V5, 2.9, 2.8, NA, NA, 0, 2);	/* LLN below 3: G1 empty */

	/* Hyponatremia v5 (LLN 135) */
	G(HYPONATREMIA, V5, 135, 135, NA, NA, 0, 0);
	G(HYPONATREMIA, V5, 134.9, 135, NA, NA, 0, 1);
	G(HYPONATREMIA, V5, 130, 135, NA, NA, 0, 1);
	G(HYPONATREMIA, V5, 129.5, 135, NA, NA, 0, 2);
	G(HYPONATREMIA, V5, 129.5, 135, NA, NA, 1, 3);
	G(HYPONATREMIA, V5, 127, 135, NA, NA, -1, -1);	/* symptoms unknown */
	G(HYPONATREMIA, V5, 125, 135, NA, NA, 0, 2);
	G(HYPONATREMIA, V5, 124.9, 135, NA, NA, 0, 3);
	G(HYPONATREMIA, V5, 124.9, 135, NA, NA, -1, 3);
	G(HYPONATREMIA, V5, 120, 135, NA, NA, 0, 3);
	G(HYPONATREMIA, V5, 119.9, 135, NA, NA, 0, 4);
	G(HYPONATREMIA, V5, 130, 135, NA, NA, 1, 1);	/* 130 is not < 130 */
	/* v4.03: no grade 2 */
	G(HYPONATREMIA, V4, 130, 135, NA, NA, 0, 1);
	G(HYPONATREMIA, V4, 129.9, 135, NA, NA, 0, 3);
	G(HYPONATREMIA, V4, 120, 135, NA, NA, 0, 3);
	G(HYPONATREMIA, V4, 119.9, 135, NA, NA, 0, 4);
	G(WEIGHT_GAIN, V6, 90, NA, NA, 80, 0, -2);	/* not in the v6.0 sources */

	/* Hemoglobin increased v5: above ULN 16 */
	G(HEMOGLOBIN_INCREASED, V5, 16, NA, 16, NA, 0, 0);
	G(HEMOGLOBIN_INCREASED, V5, 16.1, NA, 16, NA, 0, 1);
	G(HEMOGLOBIN_INCREASED, V5, 18, NA, 16, NA, 0, 1);
	G(HEMOGLOBIN_INCREASED, V5, 18.1, NA, 16, NA, 0, 2);
	G(HEMOGLOBIN_INCREASED, V5, 20, NA, 16, NA, 0, 2);
	G(HEMOGLOBIN_INCREASED, V5, 20.1, NA, 16, NA, 0, 3);
	G(HEMOGLOBIN_INCREASED, V5, 20.1, NA, NA, NA, 0, -1);
	G(HEMOGLOBIN_INCREASED, V5, 17, NA, 16, 17, 0, 1);	/* v5 ignores baseline */
	/* v4.03: above baseline if baseline is above ULN */
	G(HEMOGLOBIN_INCREASED, V4, 17, NA, 16, 17, 0, 0);
	G(HEMOGLOBIN_INCREASED, V4, 19.5, NA, 16, 17, 0, 2);
	G(HEMOGLOBIN_INCREASED, V4, 19, NA, 16, 17, 0, 1);
	G(HEMOGLOBIN_INCREASED, V4, 17.5, NA, 16, 15, 0, 1);
	G(HEMOGLOBIN_INCREASED, V4, 18.5, NA, 16, 15, 0, 2);	/* baseline below ULN */
	G(HEMOGLOBIN_INCREASED, V4, 15, NA, 16, NA, 0, 0);	/* <= ULN: 0 whatever the baseline */
	G(HEMOGLOBIN_INCREASED, V4, 17, NA, 16, NA, 0, -1);

	/* Anemia, LLN 12 */
	G(ANEMIA, V5, 12, 12, NA, NA, 0, 0);
	G(ANEMIA, V5, 11.9, 12, NA, NA, 0, 1);
	G(ANEMIA, V5, 10, 12, NA, NA, 0, 1);
	G(ANEMIA, V5, 9.99, 12, NA, NA, 0, 2);
	G(ANEMIA, V5, 8, 12, NA, NA, 0, 2);
	G(ANEMIA, V5, 7.99, 12, NA, NA, 0, 3);

	/* Weight gain from baseline 80 kg */
	G(WEIGHT_GAIN, V5, 83.99, NA, NA, 80, 0, 0);
	G(WEIGHT_GAIN, V5, 84, NA, NA, 80, 0, 1);
	G(WEIGHT_GAIN, V5, 87.99, NA, NA, 80, 0, 1);
	G(WEIGHT_GAIN, V5, 88, NA, NA, 80, 0, 2);
	G(WEIGHT_GAIN, V5, 95.99, NA, NA, 80, 0, 2);
	G(WEIGHT_GAIN, V5, 96, NA, NA, 80, 0, 3);
	G(WEIGHT_GAIN, V5, 70, NA, NA, 80, 0, 0);	/* loss */
	G(WEIGHT_GAIN, V5, 96, NA, NA, NA, 0, -1);
	G(WEIGHT_GAIN, V5, 73.5, NA, NA, 70, 0, 1);	/* 5.0 % exactly */

	/* CPK increased, ULN 200 */
	G(CPK_INCREASED, V5, 200, NA, 200, NA, 0, 0);
	G(CPK_INCREASED, V5, 201, NA, 200, NA, 0, 1);
	G(CPK_INCREASED, V5, 500, NA, 200, NA, 0, 1);
	G(CPK_INCREASED, V5, 501, NA, 200, NA, 0, 2);
	G(CPK_INCREASED, V5, 1000, NA, 200, NA, 0, 2);
	G(CPK_INCREASED, V5, 1001, NA, 200, NA, 0, 3);
	G(CPK_INCREASED, V5, 2000, NA, 200, NA, 0, 3);
	G(CPK_INCREASED, V5, 2001, NA, 200, NA, 0, 4);
	G(CPK_INCREASED, V5, 2001, NA, NA, NA, 0, -1);

	/* Creatinine increased, ULN 0.7 */
	G(CREATININE_INCREASED, V5, 0.7, NA, 0.7, 0.7, 0, 0);
	G(CREATININE_INCREASED, V5, 0.71, NA, 0.7, 0.7, 0, 1);
	G(CREATININE_INCREASED, V5, 1.05, NA, 0.7, 0.7, 0, 1);	/* = 1.5 x ULN exactly */
	G(CREATININE_INCREASED, V5, 1.06, NA, 0.7, 0.7, 0, 2);
	G(CREATININE_INCREASED, V5, 2.1, NA, 0.7, 0.7, 0, 2);	/* = 3 x ULN exactly */
	G(CREATININE_INCREASED, V5, 2.11, NA, 0.7, 0.7, 0, 3);
	G(CREATININE_INCREASED, V5, 4.2, NA, 0.7, 0.7, 0, 3);	/* = 6 x ULN */
	G(CREATININE_INCREASED, V5, 4.21, NA, 0.7, 0.7, 0, 4);
	G(CREATININE_INCREASED, V5, 0.65, NA, 0.7, 0.4, 0, 2);	/* baseline x 1.625 */
	G(CREATININE_INCREASED, V5, 0.65, NA, 0.7, 0.2, 0, 3);	/* baseline x 3.25 */
	G(CREATININE_INCREASED, V5, 0.5, NA, 0.7, 0.45, 0, 0);	/* v5: no baseline G1 */
	G(CREATININE_INCREASED, V4, 0.5, NA, 0.7, 0.45, 0, 1);	/* v4.03 baseline G1 */
	G(CREATININE_INCREASED, V5, 0.9, NA, 0.7, NA, 0, -1);	/* baseline unknown */
	G(CREATININE_INCREASED, V5, 2.2, NA, 0.7, NA, 0, 3);	/* ULN G3 is the top baseline grade */
	G(CREATININE_INCREASED, V5, 5, NA, 0.7, NA, 0, 4);
	G(CREATININE_INCREASED, V5, 5, NA, NA, 1, 0, -1);

	/* Platelets, LLN 150 */
	G(PLATELET_COUNT_DECREASED, V5, 150, 150, NA, NA, 0, 0);
	G(PLATELET_COUNT_DECREASED, V5, 149, 150, NA, NA, 0, 1);
	G(PLATELET_COUNT_DECREASED, V5, 75, 150, NA, NA, 0, 1);
	G(PLATELET_COUNT_DECREASED, V5, 74.9, 150, NA, NA, 0, 2);
	G(PLATELET_COUNT_DECREASED, V5, 50, 150, NA, NA, 0, 2);
	G(PLATELET_COUNT_DECREASED, V5, 49.9, 150, NA, NA, 0, 3);
	G(PLATELET_COUNT_DECREASED, V5, 25, 150, NA, NA, 0, 3);
	G(PLATELET_COUNT_DECREASED, V5, 24.9, 150, NA, NA, 0, 4);
	G(PLATELET_COUNT_DECREASED, V5, 0, NA, NA, NA, 0, 4);

	/* Neutrophils, LLN 1.8 */
	G(NEUTROPHIL_COUNT_DECREASED, V5, 1.8, 1.8, NA, NA, 0, 0);
	G(NEUTROPHIL_COUNT_DECREASED, V5, 1.5, 1.8, NA, NA, 0, 1);
	G(NEUTROPHIL_COUNT_DECREASED, V5, 1.49, 1.8, NA, NA, 0, 2);
	G(NEUTROPHIL_COUNT_DECREASED, V5, 1.0, 1.8, NA, NA, 0, 2);
	G(NEUTROPHIL_COUNT_DECREASED, V5, 0.99, 1.8, NA, NA, 0, 3);
	G(NEUTROPHIL_COUNT_DECREASED, V5, 0.5, 1.8, NA, NA, 0, 3);
	G(NEUTROPHIL_COUNT_DECREASED, V5, 0.49, 1.8, NA, NA, 0, 4);

	/* 0.3.0: every cut-off of every term and version, in every unit */
	for (size_t i = 0; i < sizeof(xterms) / sizeof(xterms[0]); i++)
		check_xterm(&xterms[i]);
	CHECK(xchecked > 1000, "cut-offs checked against the independent table: %d gradings", xchecked);

	/* 0.3.0 conditions, by hand from the CTCAE text */
	/* ALT v5, ULN 40: baseline normal -> ULN multiples; baseline 80 (> ULN)
	 * -> baseline multiples, grade 1 from 1.5 x baseline inclusive */
	G(ALT_INCREASED, V5, 120, NA, 40, 30, 0, 1);
	G(ALT_INCREASED, V5, 121, NA, 40, 30, 0, 2);
	G(ALT_INCREASED, V5, 119, NA, 40, 80, 0, 0);
	G(ALT_INCREASED, V5, 120, NA, 40, 80, 0, 1);	/* = 1.5 x baseline */
	G(ALT_INCREASED, V5, 240, NA, 40, 80, 0, 1);	/* = 3 x baseline */
	G(ALT_INCREASED, V5, 241, NA, 40, 80, 0, 2);
	G(ALT_INCREASED, V5, 1601, NA, 40, 80, 0, 4);
	G(ALT_INCREASED, V5, 40, NA, 40, NA, 0, 0);	/* <= ULN: 0 whatever the baseline */
	G(ALT_INCREASED, V5, 60, NA, 40, NA, 0, -1);	/* 1 if baseline normal, 0 if high */
	G(ALT_INCREASED, V5, 80, NA, 40, NA, 0, -1);	/* baseline unknown */
	G(ALT_INCREASED, V5, 80, NA, NA, 30, 0, -1);	/* ULN unknown */
	G(ALT_INCREASED, V4, 80, NA, 40, 80, 0, 1);	/* v4.03 ignores baseline */
	/* v6: 1.0 x baseline inclusive when baseline > ULN */
	G(ALT_INCREASED, V6, 80, NA, 40, 80, 0, 1);
	G(ALT_INCREASED, V6, 79, NA, 40, 80, 0, 0);
	G(ALT_INCREASED, V6, 121, NA, 40, 80, 0, 2);
	G(ALT_INCREASED, V6, 161, NA, 40, 80, 0, 3);
	G(ALT_INCREASED, V6, 321, NA, 40, 80, 0, 4);
	G(BILIRUBIN_INCREASED, V5, 2.0, NA, 1.2, 2.0, 0, 0);	/* > 1.0 x baseline */
	G(BILIRUBIN_INCREASED, V5, 2.01, NA, 1.2, 2.0, 0, 1);
	G(GGT_INCREASED, V6, 100, NA, 60, 100, 0, 1);
	G(GGT_INCREASED, V6, 1001, NA, 60, 100, 0, 4);
	G(ALP_INCREASED, V6, 130, NA, 120, 140, 0, 0);	/* > baseline and ULN */
	G(ALP_INCREASED, V6, 141, NA, 120, 140, 0, 1);
	/* INR: on anticoagulation the baseline multiples replace the absolute */
	G(INR_INCREASED, V5, 2.6, NA, NA, 2.5, 0, 3);
	G(INR_INCREASED, V5, 2.6, NA, NA, 2.5, 1, 1);
	G(INR_INCREASED, V5, 3.76, NA, NA, 2.5, 1, 2);
	G(INR_INCREASED, V5, 2.6, NA, NA, 2.5, -1, -1);
	G(INR_INCREASED, V5, 1.0, NA, NA, 1.0, -1, 0);
	G(INR_INCREASED, V4, 2.0, NA, 1.1, 1.0, 1, 2);
	/* symptoms */
	G(HYPOKALEMIA, V5, 3.2, 3.5, NA, NA, -1, -1);
	G(HYPOKALEMIA, V5, 2.9, 3.5, NA, NA, -1, 3);
	G(HYPERCALCEMIA, V5, 11, NA, 10.5, NA, 1, 2);
	G(HYPERCALCEMIA, V5, 11, NA, 10.5, NA, -1, -1);
	G(HYPOCALCEMIA, V5, 8.2, 8.5, NA, NA, 1, 2);
	G(LIPASE_INCREASED, V5, 200, NA, 60, NA, -1, -1);	/* 2-5 x ULN: 2 or 3 */
	G(LIPASE_INCREASED, V5, 301, NA, 60, NA, -1, -1);	/* > 5 x ULN: 3 or 4 */
	G(LIPASE_INCREASED, V5, 100, NA, 60, NA, -1, 2);
	G(HYPERURICEMIA, V5, 8, NA, 7, NA, -1, -1);
	G(HYPERURICEMIA, V4, 10.5, NA, 7, NA, -1, 4);
	/* hyperglycemia: grades 1 and 2 need a fasting sample */
	G(HYPERGLYCEMIA, V4, 200, NA, 100, NA, 0, 0);
	G(HYPERGLYCEMIA, V4, 200, NA, 100, NA, 1, 2);
	G(HYPERGLYCEMIA, V4, 200, NA, 100, NA, -1, -1);
	G(HYPERGLYCEMIA, V4, 251, NA, NA, NA, -1, 3);
	G(HYPERGLYCEMIA, V5, 251, NA, NA, NA, 0, -2);	/* v5.0: not numeric */
	/* fibrinogen: v4.03 decrease from baseline counts; v5/v6 only below LLN */
	G(FIBRINOGEN_DECREASED, V4, 390, 200, NA, 400, 0, 1);
	G(FIBRINOGEN_DECREASED, V4, 300, 200, NA, 400, 0, 2);	/* 25 % */
	G(FIBRINOGEN_DECREASED, V5, 300, 200, NA, 400, 0, 0);
	G(FIBRINOGEN_DECREASED, V5, 190, 200, NA, 400, 0, 3);	/* 52.5 % and below LLN */
	G(FIBRINOGEN_DECREASED, V5, 190, 200, NA, 253, 0, 1);	/* 24.9 %: below LLN only */
	G(FIBRINOGEN_DECREASED, V5, 190, 200, NA, NA, 0, -1);
	G(FIBRINOGEN_DECREASED, V5, 49, NA, NA, NA, 0, 4);
	/* creatinine v6: baseline multiples only when baseline < LLN */
	G(CREATININE_INCREASED, V6, 0.9, 0.6, 1.0, 0.5, 0, 2);	/* 1.8 x baseline */
	G(CREATININE_INCREASED, V6, 0.9, 0.6, 1.0, 0.6, 0, 0);	/* baseline = LLN: ULN only */
	G(CREATININE_INCREASED, V6, 1.6, 0.6, 1.0, 0.5, 0, 3);
	G(CREATININE_INCREASED, V6, 0.9, NA, 1.0, 0.5, 0, -1);
	/* a cut-off met exactly in the other unit stays met after conversion:
	 * bilirubin 61.5 umol/L against ULN 20.5 umol/L is exactly 3 x ULN */
	{
		cls_conv	cv;
		cls_grade_input in = {0};
		int			gr = -9;

		CHECK(cls_unit_lookup(CLS_A_BILIRUBIN, "umol/L", 6, &cv) == CLS_UNIT_OK, "bilirubin umol/L known");
		in.value = cls_conv_apply(&cv, 61.5);
		in.uln = cls_conv_apply(&cv, 20.5);
		in.has_uln = true;
		CHECK(cls_grade(CLS_T_BILIRUBIN_INCREASED, CLS_V_4_03, &in, &gr) == CLS_GRADE_OK && gr == 2,
			  "bilirubin exactly 3 x ULN in umol/L is grade 2, not 3 (got %d)", gr);
		in.value = cls_conv_apply(&cv, 61.6);
		CHECK(cls_grade(CLS_T_BILIRUBIN_INCREASED, CLS_V_4_03, &in, &gr) == CLS_GRADE_OK && gr == 3,
			  "just above 3 x ULN is grade 3 (got %d)", gr);
	}

	/* triglycerides: 150 mg/dL is grade 1 */
	G(HYPERTRIGLYCERIDEMIA, V5, 150, NA, NA, NA, 0, 1);
	G(HYPERTRIGLYCERIDEMIA, V5, 149.9, NA, NA, NA, 0, 0);
	/* weight loss from 80 kg */
	G(WEIGHT_LOSS, V5, 76.01, NA, NA, 80, 0, 0);
	G(WEIGHT_LOSS, V5, 76, NA, NA, 80, 0, 1);
	G(WEIGHT_LOSS, V5, 72, NA, NA, 80, 0, 2);
	G(WEIGHT_LOSS, V5, 64, NA, NA, 80, 0, 3);
	G(WEIGHT_LOSS, V5, 64.01, NA, NA, 80, 0, 2);
	G(WEIGHT_LOSS, V5, 90, NA, NA, 80, 0, 0);
	G(WEIGHT_LOSS, V5, 70, NA, NA, NA, 0, -1);
	/* rev15 audit (admiral ncictcaev4/5/6.json; CTCAE v4.03/v5.0 text): edges
	 * of each cut-off get the milder grade; weight loss 10 % and 20 % from 70 kg,
	 * weight loss v4.03 as v5.0 */
	G(WEIGHT_LOSS, V5, 63, NA, NA, 70, 0, 2);
	G(WEIGHT_LOSS, V5, 56, NA, NA, 70, 0, 3);
	G(WEIGHT_LOSS, V4, 63.01, NA, NA, 70, 0, 1);
	G(WEIGHT_LOSS, V4, 56.01, NA, NA, 70, 0, 2);
	/* v6.0 baseline above ULN: bilirubin >1.5 - 2.5 x, >2.5 - 10 x baseline;
	 * ALT 1.0 - 1.5 x (1.0 included), >2.0 - 4.0 x; GGT >1.5 - 3.0 x */
	G(BILIRUBIN_INCREASED, V6, 5.0, NA, 1.2, 2.0, 0, 2);
	G(BILIRUBIN_INCREASED, V6, 5.01, NA, 1.2, 2.0, 0, 3);
	G(BILIRUBIN_INCREASED, V5, 5.01, NA, 1.2, 2.0, 0, 2);
	G(ALT_INCREASED, V6, 80, NA, 40, 80, 0, 1);
	G(ALT_INCREASED, V6, 320, NA, 40, 80, 0, 3);
	G(ALT_INCREASED, V6, 321, NA, 40, 80, 0, 4);
	G(GGT_INCREASED, V6, 180, NA, 50, 60, 0, 2);
	G(GGT_INCREASED, V6, 181, NA, 50, 60, 0, 3);
	/* hypermagnesemia has no grade 2; hyperuricemia v4.03 10 mg/dL is not > 10 */
	G(HYPERMAGNESEMIA, V5, 3.01, NA, 2.5, NA, 0, 3);
	G(HYPERURICEMIA, V4, 10, NA, 7, NA, 0, 1);
	G(HYPERURICEMIA, V4, 10.01, NA, 7, NA, 0, 4);
	/* INR v5.0 on anticoagulation: >2.5 x baseline is grade 3, 2.5 x is 2 */
	G(INR_INCREASED, V5, 5.0, NA, NA, 2.0, 1, 2);
	G(INR_INCREASED, V5, 5.01, NA, NA, 2.0, 1, 3);
	/* creatinine clearance v6.0: below 10 mL/min no grade is defined */
	G(CRCL_DECREASED, V6, 10, NA, NA, NA, 0, 3);
	G(CRCL_DECREASED, V6, 9.9, NA, NA, NA, 0, -1);
	G(CRCL_DECREASED, V6, 49.5, NA, NA, NA, 0, 2);
	G(CRCL_DECREASED, V6, 50, NA, NA, NA, 0, 0);
	G(CRCL_DECREASED, V5, 30, NA, NA, NA, 0, -2);
	/* terms not graded in a version */
	G(PLATELET_COUNT_DECREASED, V6, 60, 150, NA, NA, 0, -2);
	G(THROMBOCYTOPENIA, V5, 60, 150, NA, NA, 0, -2);
	G(HYPOPHOSPHATEMIA, V5, 1, 2.7, NA, NA, 0, -2);
	G(LDH_INCREASED, V5, 300, NA, 250, NA, 0, -2);
	/* short names */
	CHECK(cls_term_from_name("alt increased", 13) == CLS_T_ALT_INCREASED, "term alias ALT increased");
	CHECK(cls_term_from_name("Hypercalcemia (Ionized)", 23) == CLS_T_HYPERCALCEMIA_IONIZED, "term with parentheses");

	/* every graded (term, version) has an entry in the independent table */
	{
		int			missing = 0;

		for (int t = CLS_T_LEUKOCYTOSIS; t < CLS_T__COUNT; t++)
			for (int vv = 0; vv < CLS_V__COUNT; vv++)
			{
				bool		found = false;

				if (!(cls_term_get((cls_term) t)->versions & (1u << vv)))
					continue;
				for (size_t i = 0; i < sizeof(xterms) / sizeof(xterms[0]); i++)
					if ((int) xterms[i].t == t && (xterms[i].versions & (1u << vv)))
						found = true;
				if (!found && t != CLS_T_WEIGHT_LOSS)
				{
					missing++;
					CHECK(0, "%s v%s has no independent expectation",
						  cls_term_get((cls_term) t)->name, cls_version_name((cls_version) vv));
				}
			}
		CHECK(missing == 0, "every new graded term and version has an independent expectation");
	}

	/* every criterion row belongs to a graded version of its term */
	{
		size_t		n;
		const cls_criterion *c = cls_criteria(&n);
		int			bad = 0;

		/* a graded row belongs to graded versions of its term; a "not
		 * graded" row to versions that are not */
		for (size_t i = 0; i < n; i++)
		{
			unsigned	tv = cls_term_get(c[i].term)->versions;

			if (c[i].basis == CLS_B_NOT_GRADED ?
				(c[i].versions & tv) != 0 :
				((c[i].versions & tv) != c[i].versions ||
				 c[i].grade < 1 || c[i].grade > 4))
				bad++;
		}
		CHECK(bad == 0, "criteria table consistent (%zu rows)", n);
		CHECK(cls_criteria_grouped(), "criteria rows grouped by term, in term order");
	}
	return unit_done("ctcae");
}
