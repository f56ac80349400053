/*
 * test_triad_readme.c -- the README's table "Signs, profiles and their
 * defaults" against the core's defaults (cls_triad_criteria_default).
 *
 * The table's "default" column is written by hand next to prose sources,
 * so it is checked, not generated: each row, found by its first cell, must
 * hold exactly the value formatted from the core.  A default changed in C
 * and not in the README (or the reverse) fails `make unit`; the fix is to
 * edit the README cell this test names.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "triad.h"
#include "unit.h"

/* The second cell of the README table row whose first cell is `first`,
 * within the section starting at `section`, copied to out ("" if absent). */
static void
readme_cell(const char *section, const char *first, char *out, size_t len)
{
	char		key[256];
	const char *row,
			   *end;

	out[0] = '\0';
	snprintf(key, sizeof(key), "\n| %s | ", first);
	row = strstr(section, key);
	if (row == NULL)
		return;
	row += strlen(key);
	end = strstr(row, " |");
	if (end == NULL || (size_t) (end - row) >= len)
		return;
	memcpy(out, row, (size_t) (end - row));
	out[end - row] = '\0';
}

static double
hours(int64_t us)
{
	return (double) us / (double) CLS_USECS_PER_HOUR;
}

/* the value as the README writes it: "off" for a threshold switched off */
static void
fmt(char *out, size_t len, const char *spec, double x)
{
	if (isnan(x))
		snprintf(out, len, "off");
	else
		snprintf(out, len, spec, x);
}

static void
check_row(const char *section, const char *first, const char *want)
{
	char		got[256];

	readme_cell(section, first, got, sizeof(got));
	CHECK(strcmp(got, want) == 0, "README \"%s\": \"%s\" (core: \"%s\")", first, got, want);
}

/* The threshold rows: the README's first cell, the format of the default
 * cell and the criteria field (the albumin row adds the `drug` value). */
static const struct
{
	const char *row;
	const char *spec;
	cls_crit_field f;
}			thresholds[] = {
	{"hypotension: SBP below", "%g mmHg", CLS_CR_SBP_BELOW},
	{"hypotension: MAP below", "%g mmHg", CLS_CR_MAP_BELOW},
	{"hypotension: SBP fallen ≥ … below baseline", "%g mmHg", CLS_CR_SBP_FALL},
	{"hypoalbuminemia: albumin below", "%.1f g/dL (`drug`: %g)", CLS_CR_ALBUMIN_BELOW},
	{"hypoalbuminemia: fallen ≥ … below baseline", "%g g/dL", CLS_CR_ALBUMIN_FALL},
	{"hemoconcentration: hematocrit above", "%g %%", CLS_CR_HCT_ABOVE},
	{"hemoconcentration: risen ≥ … above baseline", "%g %%", CLS_CR_HCT_RISE},
	{"weight gain: ≥ … kg over the previous day's weight", "%g kg", CLS_CR_WEIGHT_GAIN_KG},
	{"weight gain: ≥ … % above baseline", "%g %%", CLS_CR_WEIGHT_GAIN_PCT},
	{"hyponatremia (supporting): sodium below", "%g mmol/L", CLS_CR_SODIUM_BELOW},
};

int
main(int argc, char **argv)
{
	cls_triad_criteria t,
				d;
	char	   *readme;
	const char *section;
	char		w[256];

	readme = unit_slurp(argc > 1 ? argv[1] : "README.md");
	CHECK(readme != NULL, "README.md readable");
	if (readme == NULL)
		return unit_done("triad_readme");
	section = strstr(readme, "\n### Signs, profiles and their defaults\n");
	CHECK(section != NULL, "README has the section of the triad defaults");
	if (section == NULL)
		return unit_done("triad_readme");

	cls_triad_criteria_default(&t, CLS_PROFILE_TRIAD);
	cls_triad_criteria_default(&d, CLS_PROFILE_DRUG);

	for (size_t i = 0; i < sizeof(thresholds) / sizeof(thresholds[0]); i++)
	{
		double		x = *cls_triad_criteria_threshold(&t, thresholds[i].f);

		if (thresholds[i].f == CLS_CR_ALBUMIN_BELOW)
			snprintf(w, sizeof(w), thresholds[i].spec, x, d.albumin_below);
		else
			fmt(w, sizeof(w), thresholds[i].spec, x);
		check_row(section, thresholds[i].row, w);
	}
	check_row(section, "edema", t.edema ? "on" : "off");
	snprintf(w, sizeof(w), "k = %d", (int) t.k);
	check_row(section, "`triad`: k of hypotension, hypoalbuminemia, hemoconcentration", w);
	snprintf(w, sizeof(w), "%g h", hours(t.window));
	check_row(section, "co-occurrence window", w);
	snprintf(w, sizeof(w), "%g, %g, %g, %g, %g h",
			 hours(*cls_triad_criteria_window(&t, CLS_CR_BP_VALID)),
			 hours(*cls_triad_criteria_window(&t, CLS_CR_HCT_VALID)),
			 hours(*cls_triad_criteria_window(&t, CLS_CR_ALBUMIN_VALID)),
			 hours(*cls_triad_criteria_window(&t, CLS_CR_WEIGHT_VALID)),
			 hours(*cls_triad_criteria_window(&t, CLS_CR_SODIUM_VALID)));
	check_row(section, "current-values validity: BP, hematocrit, albumin, weight, sodium", w);
	snprintf(w, sizeof(w), "%g h", hours(*cls_triad_criteria_window(&t, CLS_CR_EDEMA_VALID)));
	check_row(section, "current-values validity: edema", w);
	check_row(section, "derive baselines", t.derive_baselines ? "true" : "false");

	/* the table gives one value per row and a `drug` value only for the
	 * albumin threshold: every other default of `drug` must equal triad's */
	d.albumin_below = t.albumin_below;
	d.profile = t.profile;
	CHECK(memcmp(&t, &d, sizeof(t)) == 0,
		  "`drug` differs from `triad` only in the albumin threshold the README shows");
	free(readme);
	return unit_done("triad_readme");
}
