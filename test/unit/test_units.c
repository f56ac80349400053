/* Core unit tests: analytes, codes, units, plausibility, decimal compare. */
#include <math.h>
#include <string.h>

#include "units.h"
#include "ctcae.h"
#include "unit.h"

static double
conv(cls_analyte a, const char *u, double v, cls_unit_status *st)
{
	cls_conv	c;

	*st = cls_unit_lookup(a, u, strlen(u), &c);
	return *st == CLS_UNIT_OK ? cls_conv_apply(&c, v) : NAN;
}

static double
conv_omop(cls_analyte a, long id, double v, cls_unit_status *st)
{
	cls_conv	c;

	*st = cls_unit_lookup_omop(a, id, &c);
	return *st == CLS_UNIT_OK ? cls_conv_apply(&c, v) : NAN;
}

#define CODE(s) cls_analyte_from_code(s, strlen(s))

/* What cls_value_check must say (the definition its fast path must not
 * change): not a number, infinite, negative, then below or above the
 * plausible range by cls_dcmp. */
static cls_value_status
reference_value_check(cls_analyte a, double v)
{
	double		lo,
				hi;
	bool		lo_inc;

	cls_plausible_range(a, &lo, &hi, &lo_inc);
	return isnan(v) ? CLS_VALUE_NAN : isinf(v) ? CLS_VALUE_INFINITE :
		v < 0 ? CLS_VALUE_NEGATIVE :
		cls_dcmp(v, lo) < (lo_inc ? 0 : 1) ? CLS_VALUE_TOO_LOW :
		cls_dcmp(v, hi) > 0 ? CLS_VALUE_TOO_HIGH : CLS_VALUE_OK;
}

int
main(void)
{
	cls_unit_status st;
	double		v;

	/* codes */
	CHECK(CODE("albumin") == CLS_A_ALBUMIN, "name albumin");
	CHECK(CODE("  Albumin ") == CLS_A_ALBUMIN, "name case and blanks");
	CHECK(CODE("HCT") == CLS_A_HEMATOCRIT, "alias hct");
	CHECK(CODE("1751-7") == CLS_A_ALBUMIN, "LOINC 1751-7");
	CHECK(CODE("2862-1") == CLS_A_ALBUMIN, "LOINC 2862-1");
	CHECK(CODE("4544-3") == CLS_A_HEMATOCRIT, "LOINC 4544-3");
	CHECK(CODE("8480-6") == CLS_A_SBP, "LOINC 8480-6");
	CHECK(CODE("8478-0") == CLS_A_MAP, "LOINC 8478-0");
	CHECK(CODE("770-8") == CLS_A_NONE, "LOINC 770-8 (neutrophil %%) is not absolute count");
	CHECK(CODE("50862") == CLS_A_ALBUMIN, "itemid 50862");
	CHECK(CODE("51256") == CLS_A_NONE, "itemid 51256 (neutrophil %%) unmapped");
	CHECK(CODE("220050") == CLS_A_SBP, "itemid 220050");
	CHECK(CODE("220181") == CLS_A_MAP, "itemid 220181");
	CHECK(CODE("226531") == CLS_A_WEIGHT, "itemid 226531");
	CHECK(CODE("3024561") == CLS_A_ALBUMIN, "concept 3024561");
	CHECK(CODE("3016723") == CLS_A_CREATININE, "concept 3016723");
	CHECK(cls_analyte_from_int(3027598) == CLS_A_MAP, "int concept 3027598");
	CHECK(cls_analyte_from_int(-1) == CLS_A_NONE, "negative int unmapped");
	CHECK(CODE("") == CLS_A_NONE, "empty code");
	CHECK(CODE("99999999999999999999") == CLS_A_NONE, "overlong digits");
	CHECK(CODE("unobtainium") == CLS_A_NONE, "unknown name");

	/* codes added in 0.3.0 (mimic-code concepts SQL, OHDSI DQD) */
	CHECK(CODE("224639") == CLS_A_WEIGHT, "itemid 224639 daily weight");
	CHECK(CODE("226512") == CLS_A_WEIGHT, "itemid 226512 admission weight");
	CHECK(CODE("225309") == CLS_A_SBP && CODE("225310") == CLS_A_DBP &&
		  CODE("225312") == CLS_A_MAP, "itemids 225309/225310/225312 ART BP");
	CHECK(CODE("220045") == CLS_A_HEART_RATE, "itemid 220045 heart rate");
	CHECK(CODE("223761") == CLS_A_TEMPERATURE && CODE("223762") == CLS_A_TEMPERATURE,
		  "itemids 223761/223762 temperature");
	CHECK(CODE("50861") == CLS_A_ALT && CODE("50878") == CLS_A_AST, "itemids ALT/AST");
	CHECK(CODE("3006923") == CLS_A_ALT && CODE("3013721") == CLS_A_AST, "concepts ALT/AST");
	CHECK(CODE("1742-6") == CLS_A_ALT && CODE("1920-8") == CLS_A_AST, "LOINC ALT/AST");

	/* count units are parsed, not listed: one factor to 10^9/L each */
	{
		static const struct
		{
			const char *u;
			double		in,
						out;
		}			counts[] = {
			{"10*9/L", 150, 150}, {"10^9/L", 150, 150}, {"x10^9/L", 150, 150},
			{"x10E9/L", 150, 150}, {"10*3/uL", 150, 150}, {"x10E3/uL", 150, 150},
			{"10^3/µL", 150, 150}, {"K/uL", 150, 150}, {"thou/uL", 150, 150},
			{"thousand/uL", 150, 150}, {"/nL", 150, 150}, {"10*3/mm3", 150, 150},
			{"/uL", 150000, 150}, {"/mm3", 150000, 150}, {"cells/uL", 1500, 1.5},
			{"#/uL", 1500, 1.5}, {"/mcL", 150000, 150}, {"10*3/mL", 150000, 150},
			{"10*6/L", 150000, 150}, {"10*12/L", 0.15, 150}, {"/L", 150e9, 150},
			{"10*6/mL", 150, 150},
		};

		for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		{
			v = conv(CLS_A_PLATELETS, counts[i].u, counts[i].in, &st);
			CHECK(st == CLS_UNIT_OK && cls_dcmp(v, counts[i].out) == 0,
				  "platelets %g %s = %g 10^9/L (got %g)", counts[i].in,
				  counts[i].u, counts[i].out, v);
		}
		v = conv(CLS_A_NEUTROPHILS, "10*3/uL", 0.4, &st);
		CHECK(st == CLS_UNIT_OK && v == 0.4, "neutrophils 10*3/uL");
		v = conv(CLS_A_ALBUMIN, "10*3/uL", 1, &st);
		CHECK(st == CLS_UNIT_WRONG_ANALYTE, "a count is not an albumin unit");
		v = conv(CLS_A_PLATELETS, "10*/uL", 1, &st);
		CHECK(st == CLS_UNIT_UNKNOWN, "10*/uL: no exponent");
		v = conv(CLS_A_PLATELETS, "10*99/uL", 1, &st);
		CHECK(st == CLS_UNIT_UNKNOWN, "10*99/uL: nothing real");
		v = conv(CLS_A_PLATELETS, "10*3/uLx", 1, &st);
		CHECK(st == CLS_UNIT_UNKNOWN, "trailing garbage");
		v = conv(CLS_A_PLATELETS, "k/", 1, &st);
		CHECK(st == CLS_UNIT_UNKNOWN, "no volume");
	}

	/* old spellings with one meaning */
	v = conv(CLS_A_ALBUMIN, "gm%", 2.9, &st);
	CHECK(st == CLS_UNIT_OK && v == 2.9, "gm%% = g/dL");
	v = conv(CLS_A_HEMOGLOBIN, "g%", 12, &st);
	CHECK(st == CLS_UNIT_OK && v == 12, "g%% = g/dL");
	v = conv(CLS_A_CK, "units/L", 400, &st);
	CHECK(st == CLS_UNIT_OK && v == 400, "units/L = U/L");
	v = conv(CLS_A_CREATININE, "micromol/L", 88.4, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 1.0) == 0, "micromol/L = umol/L");
	v = conv(CLS_A_CREATININE, "mg%", 1.2, &st);
	CHECK(st == CLS_UNIT_OK && v == 1.2, "mg%% = mg/dL");
	v = conv(CLS_A_TEMPERATURE, "\xc2\xb0" "F", 98.6, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 37.0) == 0, "degree-sign F (MIMIC valueuom)");

	/* OMOP unit concepts added in 0.3.0 */
	v = conv_omop(CLS_A_WEIGHT, 8739, 150, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 68.0388555) == 0, "8739 pound");
	v = conv_omop(CLS_A_WEIGHT, 8504, 3500, &st);
	CHECK(st == CLS_UNIT_OK && v == 3.5, "8504 gram");
	v = conv_omop(CLS_A_HEART_RATE, 8541, 80, &st);
	CHECK(st == CLS_UNIT_OK && v == 80, "8541 per minute");
	v = conv_omop(CLS_A_HEART_RATE, 8483, 80, &st);
	CHECK(st == CLS_UNIT_OK && v == 80, "8483 counts per minute");
	v = conv_omop(CLS_A_TEMPERATURE, 586323, 38, &st);
	CHECK(st == CLS_UNIT_OK && v == 38, "586323 degree Celsius");
	v = conv_omop(CLS_A_TEMPERATURE, 9289, 100.4, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 38.0) == 0, "9289 degree Fahrenheit");
	v = conv_omop(CLS_A_ALBUMIN, 0, 3, &st);
	CHECK(st == CLS_UNIT_UNKNOWN, "0 No matching concept is unknown");

	/* a finite value never converts to an infinity */
	v = conv(CLS_A_HEMATOCRIT, "L/L", 1e308, &st);
	CHECK(st == CLS_UNIT_OK && isfinite(v) && cls_value_check(CLS_A_HEMATOCRIT, v) == CLS_VALUE_TOO_HIGH,
		  "hematocrit 1e308 L/L saturates, implausible");
	v = conv(CLS_A_TEMPERATURE, "[degF]", -1e308, &st);
	CHECK(st == CLS_UNIT_OK && isfinite(v) && cls_value_check(CLS_A_TEMPERATURE, v) == CLS_VALUE_NEGATIVE,
		  "temperature -1e308 degF saturates");

	/* plausible in some accepted unit (grading without a unit) */
	CHECK(cls_value_check_any_unit(CLS_A_WEIGHT, 150000) == CLS_VALUE_OK, "weight 150000 (g) plausible");
	CHECK(cls_value_check_any_unit(CLS_A_WEIGHT, 1e308) == CLS_VALUE_TOO_HIGH, "weight 1e308 in no unit");
	CHECK(cls_value_check_any_unit(CLS_A_WEIGHT, 0) == CLS_VALUE_TOO_LOW, "weight 0 in no unit");
	CHECK(cls_value_check_any_unit(CLS_A_CREATININE, 195) == CLS_VALUE_OK, "creatinine 195 (umol/L) plausible");
	CHECK(cls_value_check_any_unit(CLS_A_CK, -1) == CLS_VALUE_NEGATIVE, "ck -1 negative");

	/* terms graded by multiples of limits in the value's own unit need no
	 * unit (derived from the criteria table, so new terms follow) */
	CHECK(cls_term_unit_free(CLS_T_CPK_INCREASED, CLS_V_5_0), "CPK increased is unit-free");
	CHECK(cls_term_unit_free(CLS_T_CREATININE_INCREASED, CLS_V_5_0) &&
		  cls_term_unit_free(CLS_T_CREATININE_INCREASED, CLS_V_4_03), "creatinine increased is unit-free");
	CHECK(cls_term_unit_free(CLS_T_WEIGHT_GAIN, CLS_V_5_0), "weight gain (percent of baseline) is unit-free");
	CHECK(!cls_term_unit_free(CLS_T_HYPOALBUMINEMIA, CLS_V_5_0), "hypoalbuminemia needs a unit");
	CHECK(!cls_term_unit_free(CLS_T_HEMOGLOBIN_INCREASED, CLS_V_5_0), "ULN + 2 g/dL needs a unit");
	CHECK(!cls_term_unit_free(CLS_T_ANEMIA, CLS_V_6_0), "no criteria in a version: not unit-free");

	/* lower plausible bounds */
	CHECK(cls_value_check(CLS_A_ALBUMIN, 1e-308) == CLS_VALUE_TOO_LOW, "albumin 1e-308 g/dL implausible");
	CHECK(cls_value_check(CLS_A_ALBUMIN, 0.09) == CLS_VALUE_TOO_LOW, "albumin 0.09 g/dL implausible");
	CHECK(cls_value_check(CLS_A_ALBUMIN, 0.1) == CLS_VALUE_OK, "albumin 0.1 g/dL plausible");
	CHECK(cls_value_check(CLS_A_NEUTROPHILS, 0) == CLS_VALUE_OK, "neutrophils 0 plausible (aplasia)");

	/* cls_value_check's two-comparison fast path agrees with the full
	 * checks (reference_value_check) near every bound, at and within a few
	 * tolerances (1e-9 relative) of it, and for the special values */
	{
		int			bad = 0,
					n = 0;
		bool		ranges_ok = true;
		static const double rel[] = {0, 1e-12, 5e-10, 9e-10, 1e-9, 1.1e-9, 2e-9, 5e-9, 9e-9, 1e-8, 1.1e-8, 2e-8, 1e-6, 1e-3, 0.5};
		static const double special[] = {0, -0.0, -1, 1e-308, 5e-324, 1e308, INFINITY, -INFINITY, NAN};

		for (int ai = 0; ai < CLS_A__COUNT; ai++)
		{
			double		lo,
						hi;
			bool		lo_inc;

			cls_plausible_range((cls_analyte) ai, &lo, &hi, &lo_inc);
			if (!(lo >= 0 && isfinite(hi) && hi > lo))
				ranges_ok = false;
			for (size_t k = 0; k < sizeof(rel) / sizeof(rel[0]); k++)
				for (int sgn = -1; sgn <= 1; sgn += 2)
				{
					double		xs[4] = {lo * (1 + sgn * rel[k]), hi * (1 + sgn * rel[k]),
						lo + sgn * rel[k], hi + sgn * rel[k] * hi};

					for (int j = 0; j < 4; j++, n++)
						if (cls_value_check((cls_analyte) ai, xs[j]) !=
							reference_value_check((cls_analyte) ai, xs[j]))
							bad++;
				}
			for (size_t k = 0; k < sizeof(special) / sizeof(special[0]); k++, n++)
				if (cls_value_check((cls_analyte) ai, special[k]) !=
					reference_value_check((cls_analyte) ai, special[k]))
					bad++;
		}
		CHECK(ranges_ok, "every plausible range has lo >= 0 and a finite hi > lo (the fast path's premise)");
		CHECK(bad == 0, "cls_value_check = the full checks on %d values near the bounds (%d differ)", n, bad);
	}

	/* units */
	v = conv(CLS_A_ALBUMIN, "g/L", 30, &st);
	CHECK(st == CLS_UNIT_OK && v == 3.0, "albumin 30 g/L = 3.0 g/dL exactly");
	v = conv(CLS_A_ALBUMIN, " G / dl ", 3.1, &st);
	CHECK(st == CLS_UNIT_OK && v == 3.1, "albumin spelling ' G / dl '");
	v = conv(CLS_A_ALBUMIN, "gm/dL", 3.1, &st);
	CHECK(st == CLS_UNIT_OK && v == 3.1, "albumin gm/dL");
	conv(CLS_A_ALBUMIN, "mmol/L", 3, &st);
	CHECK(st == CLS_UNIT_WRONG_ANALYTE, "albumin mmol/L is wrong for the analyte");
	conv(CLS_A_ALBUMIN, "furlongs", 3, &st);
	CHECK(st == CLS_UNIT_UNKNOWN, "unknown unit");
	conv(CLS_A_ALBUMIN, "", 3, &st);
	CHECK(st == CLS_UNIT_UNKNOWN, "empty unit");
	{
		char		longu[200];

		memset(longu, 'g', sizeof(longu) - 1);
		longu[sizeof(longu) - 1] = '\0';
		conv(CLS_A_ALBUMIN, longu, 3, &st);
		CHECK(st == CLS_UNIT_UNKNOWN, "overlong unit");
	}
	v = conv(CLS_A_HEMATOCRIT, "L/L", 0.45, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 45) == 0, "hct 0.45 L/L = 45 %%");
	v = conv(CLS_A_HEMATOCRIT, "1", 0.45, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 45) == 0, "hct unit '1'");
	v = conv(CLS_A_HEMOGLOBIN, "mmol/L", 6.206, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 10) == 0, "hb 6.206 mmol/L = 10 g/dL");
	v = conv(CLS_A_SODIUM, "mEq/L", 130, &st);
	CHECK(st == CLS_UNIT_OK && v == 130, "sodium mEq/L");
	v = conv(CLS_A_SBP, "mm[Hg]", 90, &st);
	CHECK(st == CLS_UNIT_OK && v == 90, "sbp mm[Hg]");
	v = conv(CLS_A_SBP, "mm Hg", 90, &st);
	CHECK(st == CLS_UNIT_OK && v == 90, "sbp 'mm Hg'");
	v = conv(CLS_A_TEMPERATURE, "[degF]", 100.4, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 38) == 0, "100.4 degF = 38 Cel");
	v = conv(CLS_A_TEMPERATURE, "\xc2\xb0" "C", 38, &st);
	CHECK(st == CLS_UNIT_OK && v == 38, "degree sign C");
	v = conv(CLS_A_WEIGHT, "lbs", 100, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 45.359237) == 0, "100 lb = 45.359237 kg");
	v = conv(CLS_A_WEIGHT, "[lb_av]", 1, &st);
	CHECK(st == CLS_UNIT_OK && v == 0.45359237, "[lb_av]");
	v = conv(CLS_A_PLATELETS, "K/uL", 75, &st);
	CHECK(st == CLS_UNIT_OK && v == 75, "platelets K/uL");
	v = conv(CLS_A_PLATELETS, "x10^9/L", 75, &st);
	CHECK(st == CLS_UNIT_OK && v == 75, "platelets x10^9/L");
	v = conv(CLS_A_PLATELETS, "/mm3", 75000, &st);
	CHECK(st == CLS_UNIT_OK && v == 75, "platelets 75000/mm3 = 75");
	v = conv(CLS_A_NEUTROPHILS, "\xc2\xb5L", 1, &st);
	CHECK(st == CLS_UNIT_UNKNOWN, "'uL' alone is no count unit");
	v = conv(CLS_A_NEUTROPHILS, "/\xc2\xb5L", 1500, &st);
	CHECK(st == CLS_UNIT_OK && v == 1.5, "neutrophils /microL with micro sign");
	v = conv(CLS_A_CREATININE, "umol/L", 159, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 1.7986) < 1e-3, "creatinine 159 umol/L ~ 1.80 mg/dL");
	v = conv(CLS_A_CREATININE, "\xce\xbcmol/L", 88.4, &st);
	CHECK(st == CLS_UNIT_OK && v == 1.0, "creatinine 88.4 umol/L (greek mu) = 1 mg/dL");
	v = conv(CLS_A_CK, "[IU]/L", 300, &st);
	CHECK(st == CLS_UNIT_OK && v == 300, "ck [IU]/L");

	/* OMOP units */
	v = conv_omop(CLS_A_ALBUMIN, 8713, 3.2, &st);
	CHECK(st == CLS_UNIT_OK && v == 3.2, "omop 8713 g/dL");
	v = conv_omop(CLS_A_ALBUMIN, 8636, 32, &st);
	CHECK(st == CLS_UNIT_OK && v == 3.2, "omop 8636 g/L");
	v = conv_omop(CLS_A_HEMATOCRIT, 44777604, 0.5, &st);
	CHECK(st == CLS_UNIT_OK && v == 50, "omop 44777604 L/L");
	conv_omop(CLS_A_ALBUMIN, 8753, 1, &st);
	CHECK(st == CLS_UNIT_WRONG_ANALYTE, "omop mmol/L wrong for albumin");
	conv_omop(CLS_A_ALBUMIN, 8961, 1, &st);
	CHECK(st == CLS_UNIT_UNKNOWN, "omop 8961 (unverified) is unknown");
	v = conv_omop(CLS_A_NEUTROPHILS, 8784, 500, &st);
	CHECK(st == CLS_UNIT_OK && v == 0.5, "omop 8784 /uL");
	v = conv_omop(CLS_A_CREATININE, 8749, 176.8, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 2.0) == 0, "omop 8749 umol/L");

	/* unit list */
	{
		char		buf[128];

		cls_unit_list(CLS_A_ALBUMIN, buf, sizeof(buf));
		CHECK(strcmp(buf, "g/dL, g/L") == 0, "albumin units listed: %s", buf);
		cls_unit_list(CLS_A_ALBUMIN, buf, 4);
		CHECK(strlen(buf) < 4, "unit list truncates safely");
	}

	/* plausibility */
	CHECK(cls_value_check(CLS_A_ALBUMIN, NAN) == CLS_VALUE_NAN, "NaN");
	CHECK(cls_value_check(CLS_A_ALBUMIN, INFINITY) == CLS_VALUE_INFINITE, "inf");
	CHECK(cls_value_check(CLS_A_ALBUMIN, -1) == CLS_VALUE_NEGATIVE, "negative");
	CHECK(cls_value_check(CLS_A_ALBUMIN, 0) == CLS_VALUE_TOO_LOW, "albumin 0");
	CHECK(cls_value_check(CLS_A_ALBUMIN, 10) == CLS_VALUE_OK, "albumin 10 ok");
	CHECK(cls_value_check(CLS_A_ALBUMIN, 35) == CLS_VALUE_TOO_HIGH, "albumin 35 g/dL implausible");
	CHECK(cls_value_check(CLS_A_HEMATOCRIT, 0.45) == CLS_VALUE_TOO_LOW, "hct 0.45 %% implausible");
	CHECK(cls_value_check(CLS_A_PLATELETS, 0) == CLS_VALUE_OK, "platelets 0 plausible");

	/* reference limits */
	CHECK(cls_reference_limit_ok(CLS_A_ALBUMIN, 3.5), "albumin LLN 3.5 g/dL");
	CHECK(!cls_reference_limit_ok(CLS_A_ALBUMIN, 0.35), "albumin LLN 0.35 g/dL (g/dL limit with g/L values)");
	CHECK(!cls_reference_limit_ok(CLS_A_ALBUMIN, 35), "albumin LLN 35 g/dL");
	CHECK(cls_reference_limit_ok(CLS_A_ALBUMIN, 2.0) && cls_reference_limit_ok(CLS_A_ALBUMIN, 6.0),
		  "reference range bounds inclusive");
	CHECK(!cls_reference_limit_ok(CLS_A_PLATELETS, 0.15), "platelet LLN 0.15 (10^9/L limit with /uL values)");
	CHECK(!cls_reference_limit_ok(CLS_A_CREATININE, 1.2 / 88.4), "creatinine ULN in mg/dL with umol/L values");
	CHECK(!cls_reference_limit_ok(CLS_A_ALBUMIN, NAN), "NaN limit");
	CHECK(cls_reference_limit_ok(CLS_A_WEIGHT, 70), "no reference range: value plausibility");

	/* exact decimal comparison */
	CHECK(cls_dcmp(2.1, 3 * 0.7) == 0, "2.1 == 3 x 0.7");
	CHECK(cls_dcmp(1.05, 1.5 * 0.7) == 0, "1.05 == 1.5 x 0.7");
	CHECK(cls_dcmp(3.0, 2.9999) > 0, "3.0 > 2.9999");
	CHECK(cls_dcmp(0.0, 1e-300) < 0, "0 < 1e-300");
	CHECK(cls_dcmp(-1.0, 1.0) < 0, "-1 < 1");
	CHECK(cls_dcmp(7000.0, INFINITY) < 0, "finite < +inf");
	CHECK(cls_dcmp(-INFINITY, -1e308) < 0, "-inf < finite");
	CHECK(cls_dcmp(INFINITY, INFINITY) == 0, "inf == inf");

	/* 0.3.0 analytes: codes, units and molar-mass factors */
	CHECK(CODE("2823-3") == CLS_A_POTASSIUM, "LOINC 2823-3 potassium");
	CHECK(CODE("50971") == CLS_A_POTASSIUM, "itemid 50971 potassium");
	CHECK(CODE("50893") == CLS_A_CALCIUM, "itemid 50893 calcium");
	CHECK(CODE("50808") == CLS_A_CALCIUM_IONIZED, "itemid 50808 free calcium");
	CHECK(CODE("51237") == CLS_A_INR, "itemid 51237 INR");
	CHECK(CODE("50820") == CLS_A_PH, "itemid 50820 pH");
	CHECK(CODE("ionized_calcium") == CLS_A_CALCIUM_IONIZED, "alias ionized_calcium");
	v = conv(CLS_A_CALCIUM, "mmol/L", 2.5, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 10.0195) < 1e-9, "calcium 2.5 mmol/L = 10.0195 mg/dL (40.078 g/mol): %g", v);
	v = conv(CLS_A_CALCIUM, "mEq/L", 5.0, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 10.0195) < 1e-9, "calcium 5 mEq/L = 2.5 mmol/L");
	v = conv(CLS_A_GLUCOSE, "mmol/L", 5.0, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 90.08) < 1e-9, "glucose 5 mmol/L = 90.08 mg/dL: %g", v);
	v = conv(CLS_A_MAGNESIUM, "mEq/L", 2.0, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 2.4305) < 1e-9, "magnesium 2 mEq/L = 1 mmol/L = 2.4305 mg/dL: %g", v);
	v = conv(CLS_A_BILIRUBIN, "umol/L", 17.104, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 1.0) < 1e-4, "bilirubin 17.1 umol/L = 1 mg/dL: %g", v);
	v = conv(CLS_A_URIC_ACID, "umol/L", 594.8, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 10.0) < 1e-3, "uric acid 595 umol/L = 10 mg/dL: %g", v);
	v = conv(CLS_A_TRIGLYCERIDES, "mmol/L", 1.0, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 88.57) < 1e-9, "triglycerides 1 mmol/L = 88.57 mg/dL: %g", v);
	v = conv(CLS_A_CHOLESTEROL, "mmol/L", 1.0, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 38.665) < 1e-9, "cholesterol 1 mmol/L = 38.665 mg/dL: %g", v);
	v = conv(CLS_A_PHOSPHATE, "mmol/L", 1.0, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 3.0974) < 1e-9, "phosphate 1 mmol/L = 3.0974 mg/dL: %g", v);
	v = conv(CLS_A_FIBRINOGEN, "g/L", 2.5, &st);
	CHECK(st == CLS_UNIT_OK && fabs(v - 250) < 1e-9, "fibrinogen 2.5 g/L = 250 mg/dL");
	v = conv(CLS_A_LYMPHOCYTES, "cells/uL", 800, &st);
	CHECK(st == CLS_UNIT_OK && cls_dcmp(v, 0.8) == 0, "lymphocytes 800 /uL = 0.8 x 10^9/L exactly");
	v = conv(CLS_A_INR, "1", 1.3, &st);
	CHECK(st == CLS_UNIT_OK && v == 1.3, "INR unit 1");
	v = conv(CLS_A_APTT, "sec", 30, &st);
	CHECK(st == CLS_UNIT_OK && v == 30, "aPTT in sec");
	v = conv(CLS_A_PH, "[pH]", 7.4, &st);
	CHECK(st == CLS_UNIT_OK && v == 7.4, "pH unit [pH]");
	conv(CLS_A_POTASSIUM, "mg/dL", 4, &st);
	CHECK(st == CLS_UNIT_WRONG_ANALYTE, "potassium in mg/dL is not accepted");
	conv(CLS_A_ALBUMIN, "s", 4, &st);
	CHECK(st == CLS_UNIT_WRONG_ANALYTE, "seconds are not an albumin unit");
	CHECK(cls_value_check(CLS_A_POTASSIUM, 20) == CLS_VALUE_TOO_HIGH, "potassium 20 implausible");
	CHECK(cls_value_check(CLS_A_PH, 7.0) == CLS_VALUE_OK && cls_value_check(CLS_A_PH, 9.0) == CLS_VALUE_TOO_HIGH, "pH range");
	/* every analyte has a name, a unit and at least one accepted unit */
	{
		int			bad = 0;
		char		buf[256];

		for (int a = 0; a < CLS_A__COUNT; a++)
		{
			cls_unit_list((cls_analyte) a, buf, sizeof(buf));
			if (buf[0] == '\0' || strcmp(cls_analyte_name((cls_analyte) a), "unknown") == 0 ||
				cls_analyte_from_name(cls_analyte_name((cls_analyte) a),
									  strlen(cls_analyte_name((cls_analyte) a))) != (cls_analyte) a)
				bad++;
		}
		CHECK(bad == 0, "every analyte named, with units, found by its name");
	}

	return unit_done("units");
}
