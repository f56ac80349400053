/*
 * fuzz_ctcae.c -- libFuzzer target: CTCAE term and version names (arbitrary
 * bytes, not NUL-terminated) and cls_grade over arbitrary inputs
 * (src/core/ctcae.c).
 *
 * Input: [term u8][version u8][flags u8][value f64][value2 f64][lln f64]
 * [uln f64][baseline f64][string: the rest].
 *
 * Invariants (abort on violation):
 *  - names: lookups return a value of their enum; no read past the length
 *    (exact-size heap copy under ASan); a recognised name is recognised
 *    again in upper case with blanks around it;
 *  - any input, even outside the contract (NaN, unknown term): the status
 *    is OK, UNKNOWN or NO_VERSION, and an OK grade is 0..4; NO_VERSION
 *    exactly when the term is not graded in that version;
 * For inputs inside the glue's contract (value plausible for the analyte,
 * known limits finite and > 0, the same checks the SQL functions make):
 *  - with every limit, the baseline and the symptom status known, the grade
 *    is determined (status OK);
 *  - an unknown input never produces a wrong grade: whenever a subset of the
 *    inputs is unknown and the status is OK, the grade equals the grade with
 *    everything known;
 *  - monotone as CTCAE is: for a "decreased" term (all criteria "x < ...")
 *    a lower value never gets a milder grade with the same limits; for an
 *    "increased" term (all criteria "x > ..." or ">= baseline + %") the
 *    reverse;
 *  - being symptomatic never lowers the grade;
 *  - weight gain: a loss (or no change) is grade 0;
 *  - cut-offs: a value exactly on a strict cut-off ("<3 g/dL", "> 1.5 x ULN")
 *    gets the same grade as a value just on the milder side; on an
 *    inclusive cut-off (">= 5 % above baseline") the same as just on the
 *    worse side; on an absolute cut-off of grade g of a decreased term the
 *    grade is below g (asymptomatic).  Checked only when no other cut-off
 *    lies within 1e-6 (relative) of it.
 */
#include <math.h>

#include "ctcae.h"
#include "fuzz_common.h"

/* direction of a term: -1 decreased, +1 increased, 0 mixed */
static int	direction[CLS_T__COUNT];

/* terms with a row that holds only without the clinical condition (INR
 * increased: on anticoagulation the baseline rule replaces the absolute
 * one), where the clinical input may lower the grade */
static bool clinical_may_lower[CLS_T__COUNT];

/* the direction of a criterion: -1 for "x < ..." and losses, +1 otherwise */
static int
basis_dir(cls_basis b)
{
	return (b == CLS_B_ABS_LT || b == CLS_B_LLN_LT || b == CLS_B_ABS_LT_SYMPTOMATIC ||
			b == CLS_B_BASE_LT || b == CLS_B_PCT_LOSS_GE) ? -1 : 1;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t		n;
	const cls_criterion *c = cls_criteria(&n);

	(void) argc;
	(void) argv;
	for (size_t i = 0; i < n; i++)
	{
		int			d = basis_dir(c[i].basis);

		if (c[i].basis == CLS_B_NOT_GRADED)
		{
			FUZZ_ASSERT("not_graded_row_version",
						!(cls_term_get(c[i].term)->versions & c[i].versions));
			continue;
		}
		if (c[i].cond == CLS_C_NOT_CLINICAL)
			clinical_may_lower[c[i].term] = true;
		FUZZ_ASSERT("criterion_grade_range", c[i].grade >= 1 && c[i].grade <= 4);
		FUZZ_ASSERT("criterion_term_range", c[i].term >= 0 && c[i].term < CLS_T__COUNT);
		if (direction[c[i].term] == 0)
			direction[c[i].term] = d;
		else if (direction[c[i].term] != d)
			direction[c[i].term] = 2;	/* mixed: no monotonicity check */
	}
	for (int t = 0; t < CLS_T__COUNT; t++)
	{
		const cls_term_info *ti = cls_term_get((cls_term) t);

		FUZZ_ASSERT("term_roundtrip", cls_term_from_name(ti->name, strlen(ti->name)) == (cls_term) t);
	}
	for (int v = 0; v < CLS_V__COUNT; v++)
	{
		const char *nm = cls_version_name((cls_version) v);

		FUZZ_ASSERT("version_roundtrip", cls_version_from_name(nm, strlen(nm)) == (cls_version) v);
	}
	return 0;
}

static int
grade_of(cls_term t, cls_version v, const cls_grade_input *in, cls_grade_status *st)
{
	int			g = -1;

	*st = cls_grade(t, v, in, &g);
	FUZZ_ASSERT("status_enum", *st == CLS_GRADE_OK || *st == CLS_GRADE_UNKNOWN ||
				*st == CLS_GRADE_NO_VERSION);
	if (*st == CLS_GRADE_OK)
		FUZZ_ASSERT("grade_range", g >= 0 && g <= 4);
	return *st == CLS_GRADE_OK ? g : -1;
}

static void
check_name(const char *s, size_t len)
{
	cls_term	t = cls_term_from_name(s, len);
	cls_version v = cls_version_from_name(s, len);

	FUZZ_ASSERT("term_enum", t >= CLS_T_NONE && t < CLS_T__COUNT);
	FUZZ_ASSERT("version_enum", v >= CLS_V_NONE && v < CLS_V__COUNT);
	if (t != CLS_T_NONE || v != CLS_V_NONE)
	{
		char	   *u = fuzz_alloc(len + 2);

		u[0] = ' ';
		memcpy(u + 1, s, len);
		u[len + 1] = ' ';
		for (size_t i = 1; i <= len; i++)
			if (u[i] >= 'a' && u[i] <= 'z')
				u[i] = (char) (u[i] - 'a' + 'A');
		FUZZ_ASSERT("term_case_blank", cls_term_from_name(u, len + 2) == t);
		FUZZ_ASSERT("version_case_blank", cls_version_from_name(u, len + 2) == v);
		free(u);
	}
}

static bool
plausible(cls_analyte a, double x)
{
	return cls_value_check(a, x) == CLS_VALUE_OK;
}

/* Map an arbitrary double into the plausible range of the analyte, keeping
 * it as is when it already is plausible. */
static double
into_range(cls_analyte a, double x)
{
	double		lo,
				hi;
	bool		loinc;

	if (plausible(a, x))
		return x;
	if (!isfinite(x))
		return NAN;
	cls_plausible_range(a, &lo, &hi, &loinc);
	x = lo + fmod(fabs(x), hi - lo);
	return plausible(a, x) ? x : NAN;
}

/* Is x where the version defines no grade (CLS_B_UNDEFINED_LT)? */
static bool
undefined_at(cls_term t, cls_version v, double x)
{
	size_t		n;
	const cls_criterion *c = cls_criteria(&n);

	for (size_t i = 0; i < n; i++)
		if (c[i].term == t && (c[i].versions & CLS_VBIT(v)) &&
			c[i].basis == CLS_B_UNDEFINED_LT && cls_dcmp(x, c[i].k) < 0)
			return true;
	return false;
}

static bool
good_limit(double x)
{
	return isfinite(x) && x > 0;
}

/* The cut-off positions of the criteria of (t, v) for these limits. */
static size_t
cutoffs(cls_term t, cls_version v, const cls_grade_input *in, double *out,
		const cls_criterion **crit, size_t max)
{
	size_t		n,
				k = 0;
	const cls_criterion *c = cls_criteria(&n);

	for (size_t i = 0; i < n && k < max; i++)
	{
		double		x;

		if (c[i].term != t || !(c[i].versions & CLS_VBIT(v)))
			continue;
		switch (c[i].basis)
		{
			case CLS_B_ABS_LT:
			case CLS_B_ABS_LT_SYMPTOMATIC:
				x = c[i].k;
				break;
			case CLS_B_LLN_LT:
				x = c[i].k * in->lln;
				break;
			case CLS_B_ULN_GT:
				x = c[i].k * in->uln;
				break;
			case CLS_B_BASE_GT:
				x = c[i].k * in->baseline;
				break;
			case CLS_B_ULN_PLUS:
				x = in->uln + c[i].k;
				break;
			case CLS_B_REF_PLUS:
				x = fmax(in->uln, in->baseline) + c[i].k;
				break;
			case CLS_B_PCT_GE:
				x = in->baseline * (100.0 + c[i].k) / 100.0;
				break;
			case CLS_B_ABS_GT:
			case CLS_B_ABS_GE:
				x = c[i].k;
				break;
			case CLS_B_BASE_GE:
			case CLS_B_BASE_LT:
				x = c[i].k * in->baseline;
				break;
			case CLS_B_PCT_LOSS_GE:
				x = in->baseline * (100.0 - c[i].k) / 100.0;
				break;
			default:
				continue;
		}
		crit[k] = &c[i];
		out[k++] = x;
	}
	return k;
}

static void
check_cutoffs(cls_term t, cls_version v, cls_analyte a, cls_grade_input in)
{
	double		pos[64];
	const cls_criterion *crit[64];
	size_t		n = cutoffs(t, v, &in, pos, crit, 64);

	for (size_t i = 0; i < n; i++)
	{
		double		c = pos[i],
					other;
		bool		alone = true;
		bool		strict = !(crit[i]->basis == CLS_B_PCT_GE || crit[i]->basis == CLS_B_ABS_GE ||
							   crit[i]->basis == CLS_B_BASE_GE || crit[i]->basis == CLS_B_PCT_LOSS_GE);
		int			dir = basis_dir(crit[i]->basis);
		int			g_on,
					g_side;
		cls_grade_status s1,
					s2;

		if (!isfinite(c) || !plausible(a, c))
			continue;
		for (size_t j = 0; j < n; j++)
			if (j != i && fabs(pos[j] - c) <= 1e-6 * fmax(fabs(c), fabs(pos[j])))
				alone = false;
		/* the REF_PLUS rule looks at ULN + k and baseline + k separately */
		if (crit[i]->basis == CLS_B_REF_PLUS)
			alone = false;
		if (!alone)
			continue;
		/* strict "x < c" (dir -1): milder side is above; strict "x > c": below;
		 * inclusive ">= c": the worse side is above; inclusive losses
		 * ("x <= baseline - k %"): below */
		other = strict ? c * (1.0 - dir * 1e-6) : c * (1.0 + dir * 1e-6);
		if (!plausible(a, other))
			continue;
		in.value = c;
		g_on = grade_of(t, v, &in, &s1);
		in.value = other;
		g_side = grade_of(t, v, &in, &s2);
		if (s1 == CLS_GRADE_OK && s2 == CLS_GRADE_OK)
			FUZZ_ASSERT("cutoff_side", g_on == g_side);
		/* (only where the absolute cut-off is its grade's one criterion:
		 * fibrinogen grade 4 also holds below 0.25 x LLN) */
		if (crit[i]->basis == CLS_B_ABS_LT && in.symptomatic == 0 && s1 == CLS_GRADE_OK)
		{
			bool		only = true;

			for (size_t j = 0; j < n; j++)
				if (j != i && crit[j]->grade == crit[i]->grade)
					only = false;
			if (only)
				FUZZ_ASSERT("absolute_cutoff_milder", g_on < crit[i]->grade);
		}
	}
}

/* Would a cut-off or the weight-gain product overflow (see xfail
 * dcmp_infinite: cls_dcmp calls a finite number equal to an infinity)? */
static bool
overflows(const cls_grade_input *in)
{
	double		m = fmax(fmax(in->has_lln ? in->lln : 0, in->has_uln ? in->uln : 0),
						 in->has_baseline ? in->baseline : 0);

	return !isfinite(m * 120.0) || !isfinite(100.0 * in->value);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in		fin = {data, size};
	uint8_t		tsel = fuzz_u8(&fin),
				vsel = fuzz_u8(&fin),
				flags = fuzz_u8(&fin);
	double		x1 = fuzz_f64(&fin),
				x2 = fuzz_f64(&fin),
				lln = fuzz_f64(&fin),
				uln = fuzz_f64(&fin),
				base = fuzz_f64(&fin);
	char	   *s = fuzz_bytes(fin.p, fin.n);
	cls_term	t = (cls_term) ((int) (tsel % (CLS_T__COUNT + 2)) - 1);
	cls_version v = (cls_version) ((int) (vsel % (CLS_V__COUNT + 2)) - 1);
	const cls_term_info *ti;
	cls_analyte a;
	cls_grade_input in;
	cls_grade_status st;
	int			g_full;

	check_name(s, fin.n);
	free(s);

	/* raw: anything goes, only the result's shape is checked */
	in.value = x1;
	in.lln = lln;
	in.uln = uln;
	in.baseline = base;
	in.has_lln = flags & 1;
	in.has_uln = flags & 2;
	in.has_baseline = flags & 4;
	in.symptomatic = (int) ((flags >> 3) % 3) - 1;
	(void) grade_of(t, v, &in, &st);
	ti = cls_term_get(t);
	if (ti == NULL || v < 0 || v >= CLS_V__COUNT)
	{
		FUZZ_ASSERT("bad_term_or_version", st == CLS_GRADE_NO_VERSION);
		return 0;
	}
	FUZZ_ASSERT("no_version_iff", (st == CLS_GRADE_NO_VERSION) == !(ti->versions & CLS_VBIT(v)));
	if (st == CLS_GRADE_NO_VERSION)
		return 0;

	/* inside the contract */
	a = ti->analyte;
	if (flags & 0x40)
	{
		/* limits near the analyte's range rather than arbitrary doubles */
		lln = into_range(a, lln);
		uln = into_range(a, uln);
		base = into_range(a, base);
	}
	x1 = into_range(a, x1);
	x2 = into_range(a, x2);
	if (isnan(x1) || isnan(x2) || !good_limit(lln) || !good_limit(uln) || !good_limit(base))
		return 0;
	/* where a version defines no grade the answer is unknown by design */
	if (undefined_at(t, v, x1) || undefined_at(t, v, x2))
	{
		in.value = x1;
		in.lln = lln;
		in.uln = uln;
		in.baseline = base;
		in.has_lln = in.has_uln = in.has_baseline = true;
		in.symptomatic = 0;
		if (undefined_at(t, v, x1))
		{
			(void) grade_of(t, v, &in, &st);
			FUZZ_ASSERT("undefined_unknown", st == CLS_GRADE_UNKNOWN);
		}
		return 0;
	}
	in.value = x1;
	in.lln = lln;
	in.uln = uln;
	in.baseline = base;
	in.has_lln = in.has_uln = in.has_baseline = true;
	in.symptomatic = (flags & 0x80) ? 1 : 0;

	if (overflows(&in) && fuzz_xfail("dcmp_infinite"))
	{
		/* known bug: record whether it still shows, then skip */
		if (t == CLS_T_WEIGHT_GAIN && x1 <= base &&
			grade_of(t, v, &in, &st) != 0)
			fuzz_xfail_hit("dcmp_infinite");
		return 0;
	}

	g_full = grade_of(t, v, &in, &st);
	FUZZ_ASSERT("all_known_determined", st == CLS_GRADE_OK);

	/* unknown inputs never give a wrong grade */
	for (int mask = 1; mask < 16; mask++)
	{
		cls_grade_input u = in;
		int			g;

		u.has_lln = !(mask & 1);
		u.has_uln = !(mask & 2);
		u.has_baseline = !(mask & 4);
		if (mask & 8)
			u.symptomatic = -1;
		g = grade_of(t, v, &u, &st);
		if (st == CLS_GRADE_OK)
			FUZZ_ASSERT("unknown_never_wrong", g == g_full);
	}

	/* monotone */
	if (direction[t] == -1 || direction[t] == 1)
	{
		cls_grade_input i2 = in;
		int			g2;

		i2.value = x2;
		g2 = grade_of(t, v, &i2, &st);
		FUZZ_ASSERT("all_known_determined", st == CLS_GRADE_OK);
		if (direction[t] == -1 && x2 < x1)
			FUZZ_ASSERT("monotone_decreased", g2 >= g_full);
		if (direction[t] == -1 && x2 > x1)
			FUZZ_ASSERT("monotone_decreased", g2 <= g_full);
		if (direction[t] == 1 && x2 > x1)
			FUZZ_ASSERT("monotone_increased", g2 >= g_full);
		if (direction[t] == 1 && x2 < x1)
			FUZZ_ASSERT("monotone_increased", g2 <= g_full);
	}

	/* symptoms never lower the grade */
	{
		cls_grade_input i0 = in,
					i1 = in;
		int			g0,
					g1;

		i0.symptomatic = 0;
		i1.symptomatic = 1;
		g0 = grade_of(t, v, &i0, &st);
		g1 = grade_of(t, v, &i1, &st);
		if (!clinical_may_lower[t])
			FUZZ_ASSERT("symptoms_not_milder", g1 >= g0);
	}

	/* weight gain: a loss or no change is grade 0 */
	if (t == CLS_T_WEIGHT_GAIN && cls_dcmp(x1, base) <= 0)
		FUZZ_ASSERT("weight_loss_grade0", g_full == 0);
	if (t == CLS_T_WEIGHT_LOSS && cls_dcmp(x1, base) >= 0)
		FUZZ_ASSERT("weight_gain_grade0", g_full == 0);

	/* cut-offs: with every limit known, with the limits moved onto the
	 * value (so that the LLN/ULN/baseline cut-offs are exercised), and
	 * asymptomatic */
	in.symptomatic = 0;
	check_cutoffs(t, v, a, in);
	in.symptomatic = 1;
	check_cutoffs(t, v, a, in);
	return 0;
}
