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
