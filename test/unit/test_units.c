/* Core unit tests: analytes, codes, units, plausibility, decimal compare. */
#include <math.h>
#include <string.h>

#include "units.h"
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
