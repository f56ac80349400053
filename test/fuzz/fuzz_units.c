/*
 * fuzz_units.c -- libFuzzer target: analyte names, warehouse codes, unit
 * spellings (arbitrary bytes, not NUL-terminated), OMOP unit concept_ids,
 * conversion and plausibility of arbitrary doubles (src/core/units.c).
 *
 * Input: [analyte selector u8][value f64][OMOP unit i64][buffer size u8]
 * [string: the rest].  Invariants (abort on violation):
 *  - lookups return a value of their enum; nothing reads past the length
 *    it was given (ASan: the string is an exact-size heap copy);
 *  - a unit cls accepts has a finite conversion with mul, div > 0, and is
 *    found again whatever the ASCII case and surrounding blanks;
 *  - converting any finite value (the whole double range, denormals and
 *    +-DBL_MAX included) gives a finite value;
 *    a value judged plausible lies within the documented plausible range;
 *    NaN, infinities and negatives are never plausible;
 *  - a cls analyte name is also accepted as a code (same analyte);
 *  - cls_dcmp is reflexive and antisymmetric, and never calls a finite
 *    number equal to an infinite one;
 *  - cls_unit_list / cls_code_at write at most the buffer size given.
 */
#include <math.h>

#include "units.h"
#include "fuzz_common.h"

static void
check_static_tables(void)
{
	/* every code listed maps back to its analyte; every analyte name and
	 * every UCUM code of a unit rule is accepted */
	char		code[32];
	const char *sys;
	cls_analyte a;
	cls_conv	conv,
				c2;
	const char *ucum;

	for (size_t i = 0; cls_code_at(i, code, sizeof code, &sys, &a); i++)
		FUZZ_ASSERT("code_roundtrip", cls_analyte_from_code(code, strlen(code)) == a);
	for (int i = 0; i < CLS_A__COUNT; i++)
	{
		const char *n = cls_analyte_name((cls_analyte) i);

		FUZZ_ASSERT("name_roundtrip", cls_analyte_from_name(n, strlen(n)) == (cls_analyte) i);
	}
	for (size_t i = 0; cls_unit_rule_at(i, &a, &ucum, &conv); i++)
	{
		FUZZ_ASSERT("ucum_accepted", cls_unit_lookup(a, ucum, strlen(ucum), &c2) == CLS_UNIT_OK);
		FUZZ_ASSERT("ucum_same_conv", c2.mul == conv.mul && c2.div == conv.div && c2.add == conv.add);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	check_static_tables();
	return 0;
}

static void
check_dcmp(double x, double y)
{
	int			a = cls_dcmp(x, y),
				b = cls_dcmp(y, x);

	FUZZ_ASSERT("dcmp_range", a >= -1 && a <= 1);
	if (!isnan(x) && !isnan(y))
	{
		FUZZ_ASSERT("dcmp_antisymmetric", a == -b);
		FUZZ_ASSERT("dcmp_reflexive", cls_dcmp(x, x) == 0);
		if (isfinite(x) != isfinite(y))
		{
			/* a finite number is never equal to an infinity */
			if (a == 0 && fuzz_xfail("dcmp_infinite"))
				fuzz_xfail_hit("dcmp_infinite");
			else
				FUZZ_ASSERT("dcmp_infinite", a != 0);
		}
	}
}

static void
check_unit(cls_analyte a, const char *s, size_t len, double v)
{
	cls_conv	conv = {0, 0, 0};
	cls_unit_status st = cls_unit_lookup(a, s, len, &conv);

	FUZZ_ASSERT("unit_status_enum", st == CLS_UNIT_OK || st == CLS_UNIT_UNKNOWN ||
				st == CLS_UNIT_WRONG_ANALYTE);
	if (a < 0 || a >= CLS_A__COUNT)
		FUZZ_ASSERT("unit_no_analyte", st != CLS_UNIT_OK);
	if (st != CLS_UNIT_OK)
		return;
	FUZZ_ASSERT("conv_finite", isfinite(conv.mul) && isfinite(conv.div) && isfinite(conv.add));
	FUZZ_ASSERT("conv_positive", conv.mul > 0 && conv.div > 0);

	/* case and surrounding blanks do not matter */
	{
		char	   *u = fuzz_alloc(len + 4);
		cls_conv	c2;

		u[0] = ' ';
		u[1] = '\t';
		memcpy(u + 2, s, len);
		u[len + 2] = ' ';
		u[len + 3] = ' ';
		for (size_t i = 2; i < len + 2; i++)
			if (u[i] >= 'a' && u[i] <= 'z')
				u[i] = (char) (u[i] - 'a' + 'A');
		FUZZ_ASSERT("unit_case_blank_insensitive",
					cls_unit_lookup(a, u, len + 4, &c2) == CLS_UNIT_OK &&
					c2.mul == conv.mul && c2.div == conv.div && c2.add == conv.add);
		free(u);
	}

	if (isfinite(v))
	{
		double		r = cls_conv_apply(&conv, v);

		FUZZ_ASSERT("conversion_finite", isfinite(r));
		if (cls_value_check(a, r) == CLS_VALUE_OK)
		{
			double		lo,
						hi;
			bool		loinc;

			cls_plausible_range(a, &lo, &hi, &loinc);
			FUZZ_ASSERT("plausible_in_range",
						cls_dcmp(r, lo) >= 0 && cls_dcmp(r, hi) <= 0);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in		in = {data, size};
	uint8_t		asel = fuzz_u8(&in);
	double		v = fuzz_f64(&in);
	int64_t		omop = fuzz_i64(&in);
	size_t		bufsize = fuzz_u8(&in) % 64;
	char	   *s = fuzz_bytes(in.p, in.n);
	size_t		len = in.n;
	cls_analyte a = (cls_analyte) ((int) (asel % (CLS_A__COUNT + 2)) - 1);
	cls_analyte an,
				ac;

	/* names and codes */
	an = cls_analyte_from_name(s, len);
	ac = cls_analyte_from_code(s, len);
	FUZZ_ASSERT("name_enum", an >= CLS_A_NONE && an < CLS_A__COUNT);
	FUZZ_ASSERT("code_enum", ac >= CLS_A_NONE && ac < CLS_A__COUNT);
	if (an != CLS_A_NONE)
		FUZZ_ASSERT("name_is_code", ac == an);
	ac = cls_analyte_from_int(omop);
	FUZZ_ASSERT("int_code_enum", ac >= CLS_A_NONE && ac < CLS_A__COUNT);

	/* units: the chosen analyte (possibly none) and every analyte */
	check_unit(a, s, len, v);
	for (int i = 0; i < CLS_A__COUNT; i++)
	{
		cls_conv	c;
		cls_unit_status st = cls_unit_lookup_omop((cls_analyte) i, omop, &c);

		FUZZ_ASSERT("omop_status_enum", st == CLS_UNIT_OK || st == CLS_UNIT_UNKNOWN ||
					st == CLS_UNIT_WRONG_ANALYTE);
		if (st == CLS_UNIT_OK && isfinite(v))
			FUZZ_ASSERT("omop_conversion_finite", isfinite(cls_conv_apply(&c, v)));
		check_unit((cls_analyte) i, s, len, v);
	}

	/* plausibility of the raw double */
	{
		cls_value_status vs = cls_value_check(a, v);

		FUZZ_ASSERT("value_status_enum", vs >= CLS_VALUE_OK && vs <= CLS_VALUE_TOO_HIGH);
		if (isnan(v) || isinf(v) || v < 0)
			FUZZ_ASSERT("bad_value_not_ok", vs != CLS_VALUE_OK);
		FUZZ_ASSERT("status_text", cls_value_status_text(vs) != NULL);
	}

	/* comparisons: the value against itself, the OMOP bits as a double,
	 * and the special values */
	{
		double		w;
		const double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 1e308, -1e308, 3.0};

		memcpy(&w, &omop, sizeof w);
		check_dcmp(v, w);
		for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
			check_dcmp(v, specials[i]);
	}

	/* bounded writers */
	{
		char	   *buf = malloc(bufsize ? bufsize : 1);
		const char *sys;
		cls_analyte ca;

		if (buf == NULL)
			abort();
		memset(buf, 'x', bufsize ? bufsize : 1);
		cls_unit_list(a, buf, bufsize);
		if (bufsize > 0)
			FUZZ_ASSERT("unit_list_terminated", memchr(buf, '\0', bufsize) != NULL);
		memset(buf, 'x', bufsize ? bufsize : 1);
		if (bufsize > 0 && cls_code_at(asel, buf, bufsize, &sys, &ca))
			FUZZ_ASSERT("code_at_terminated", memchr(buf, '\0', bufsize) != NULL);
		free(buf);
	}

	free(s);
	return 0;
}
