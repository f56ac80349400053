/* Core unit tests: sign predicates, profiles and the triad evaluator. */
#include <math.h>
#include <string.h>

#include "cycles.h"
#include "triad.h"
#include "unit.h"

#define H CLS_USECS_PER_HOUR

/* a fake zone 5 h west of UTC (the glue supplies PostgreSQL's zone data) */
static int64_t
west5(const void *ctx, int64_t t)
{
	(void) ctx;
	(void) t;
	return -5 * H;
}

static cls_rule
meets(const cls_triad_criteria *c, cls_input in, double v, double base,
	  double prev)
{
	double		ref;

	return cls_sign_meets(c, in, v, base, prev, &ref);
}

/* evaluate a copy of obs (sorted) and return the number of points */
static size_t
run(const cls_triad_criteria *c, cls_obs *obs, size_t n, cls_triad_point *out,
	cls_triad_eval *ev)
{
	cls_obs_sort(obs, n);
	cls_triad_eval_init(ev, c, NULL);
	return cls_triad_eval_run(ev, obs, n, out);
}

int
main(void)
{
	cls_triad_criteria t,
				d,
				cur;
	cls_triad_point pts[64];
	cls_triad_eval ev;
	int			f_tz = -1;

	cls_triad_criteria_default(&t, CLS_PROFILE_TRIAD);
	cls_triad_criteria_default(&d, CLS_PROFILE_DRUG);
	CHECK(cls_triad_criteria_check(&t, NULL) == NULL && cls_triad_criteria_check(&d, NULL) == NULL,
		  "defaults are valid");
	CHECK(t.albumin_below == 3.0 && d.albumin_below == 3.5 && d.albumin_fall == 0.5,
		  "triad albumin < 3.0, drug < 3.5 (label)");
	CHECK(t.window == 72 * H && t.valid[CLS_IN_SBP] == 6 * H && t.valid[CLS_IN_ALBUMIN] == 48 * H,
		  "window 72 h, validity BP 6 h, albumin 48 h");
	{
		cls_triad_criteria bad = t;

		bad.k = 4;
		CHECK(cls_triad_criteria_check(&bad, NULL) != NULL, "k = 4 rejected");
		bad = t;
		bad.sbp_below = -1;
		CHECK(cls_triad_criteria_check(&bad, NULL) != NULL, "negative threshold rejected");
		bad = t;
		bad.window = -1;
		CHECK(cls_triad_criteria_check(&bad, NULL) != NULL, "negative window rejected");
	}
	/* the check names the field and gives the reason (the glue's error) */
	{
		cls_triad_criteria bad = t;
		const char *hint = NULL;
		int			f = -1;

		bad.k = 0;
		bad.valid[CLS_IN_SODIUM] = 0;
		CHECK(cls_triad_criteria_check(&bad, &f) != NULL && f == CLS_CR_K &&
			  strcmp(cls_triad_criteria_field_name(f), "k") == 0,
			  "first bad field in attribute order: k");
		bad.k = 2;
		CHECK(cls_triad_criteria_check(&bad, &f) != NULL && f == CLS_CR_SODIUM_VALID &&
			  strcmp(cls_triad_criteria_field_name(f), "sodium_valid") == 0,
			  "then sodium_valid");
		bad = d;
		bad.k = 0;				/* drug has no k */
		bad.valid[CLS_IN_MAP] = 0;	/* bp_valid is SBP's and MAP's */
		CHECK(cls_triad_criteria_check(&bad, &f) != NULL && f == CLS_CR_BP_VALID,
			  "drug: k not checked; MAP's validity is bp_valid");
		CHECK(cls_triad_threshold_check(NAN, &hint) != NULL && hint != NULL &&
			  cls_triad_threshold_check(0, &hint) != NULL &&
			  cls_triad_threshold_check(1e-300, &hint) == NULL,
			  "a given threshold: NaN and 0 refused (NULL is off, not NaN)");
		bad = t;
		*cls_triad_criteria_threshold(&bad, CLS_CR_HCT_ABOVE) = -3;
		*cls_triad_criteria_window(&bad, CLS_CR_ALBUMIN_VALID) = 5;
		CHECK(bad.hct_above == -3 && bad.valid[CLS_IN_ALBUMIN] == 5 &&
			  cls_triad_criteria_check(&bad, &f) != NULL && f == CLS_CR_HCT_ABOVE &&
			  strcmp(cls_triad_criteria_field_name(f), "hematocrit_above") == 0,
			  "field accessors address the struct");
	}

	/* one time point (the wide functions) */
	{
		cls_triad_wide_input in;
		cls_triad_wide_result r;
		cls_triad_criteria noedema = d;

		for (int i = 0; i < CLS_IN__COUNT; i++)
			in.v[i] = in.baseline[i] = NAN;
		in.prev_weight = NAN;
		in.v[CLS_IN_SBP] = 120;
		in.v[CLS_IN_MAP] = 60;	/* MAP < 65 meets hypotension */
		in.v[CLS_IN_ALBUMIN] = 2.9;
		in.v[CLS_IN_WEIGHT] = 80;
		in.prev_weight = 78;
		in.v[CLS_IN_EDEMA] = 1;
		cls_triad_wide_eval(&t, &in, &r);
		CHECK((r.yes & CLS_SIGN_BIT(CLS_SIGN_HYPOTENSION)) &&
			  (r.yes & CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA)) &&
			  (r.yes & CLS_SIGN_BIT(CLS_SIGN_WEIGHT_GAIN)) &&
			  !(r.known & CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION)) &&
			  !(r.known & CLS_SIGN_BIT(CLS_SIGN_HYPONATREMIA)),
			  "wide: SBP normal but MAP low holds; no hematocrit is unknown");
		CHECK(r.ev[CLS_SIGN_HYPOTENSION].analyte == CLS_A_MAP &&
			  r.ev[CLS_SIGN_HYPOTENSION].rule == CLS_RULE_MAP_LOW &&
			  r.ev[CLS_SIGN_WEIGHT_GAIN].ref == 78,
			  "wide: the evidence is the input that met the sign, with its reference");
		noedema.edema = 0;
		cls_triad_wide_eval(&d, &in, &r);
		CHECK((r.yes & CLS_SIGN_BIT(CLS_SIGN_EDEMA)) &&
			  r.ev[CLS_SIGN_EDEMA].analyte == CLS_KIND_EDEMA,
			  "wide: the drug profile reads edema");
		cls_triad_wide_eval(&noedema, &in, &r);
		CHECK(!(r.known & CLS_SIGN_BIT(CLS_SIGN_EDEMA)), "wide: edema switched off");
		CHECK(cls_analyte_of_input(CLS_IN_EDEMA) == CLS_KIND_EDEMA &&
			  cls_input_of(cls_analyte_of_input(CLS_IN_SODIUM)) == CLS_IN_SODIUM,
			  "input <-> analyte");
	}

	/* each threshold, both sides */
	CHECK(meets(&t, CLS_IN_SBP, 89.9, NAN, NAN) == CLS_RULE_SBP_LOW, "sbp 89.9 < 90");
	CHECK(meets(&t, CLS_IN_SBP, 90, NAN, NAN) == CLS_RULE_NONE, "sbp 90 is not < 90");
	CHECK(meets(&t, CLS_IN_SBP, 100, 140, NAN) == CLS_RULE_SBP_FALL, "sbp fall of exactly 40");
	CHECK(meets(&t, CLS_IN_SBP, 100.1, 140, NAN) == CLS_RULE_NONE, "sbp fall of 39.9");
	CHECK(meets(&t, CLS_IN_MAP, 64.9, NAN, NAN) == CLS_RULE_MAP_LOW, "map 64.9");
	CHECK(meets(&t, CLS_IN_MAP, 65, NAN, NAN) == CLS_RULE_NONE, "map 65");
	CHECK(meets(&t, CLS_IN_ALBUMIN, 2.9, NAN, NAN) == CLS_RULE_ALBUMIN_LOW, "albumin 2.9");
	CHECK(meets(&t, CLS_IN_ALBUMIN, 3.0, NAN, NAN) == CLS_RULE_NONE, "albumin 3.0");
	CHECK(meets(&t, CLS_IN_ALBUMIN, 3.1, 3.6, NAN) == CLS_RULE_ALBUMIN_FALL,
		  "albumin fall 3.6 -> 3.1 is exactly 0.5 in decimal");
	CHECK(meets(&t, CLS_IN_ALBUMIN, 3.2, 3.6, NAN) == CLS_RULE_NONE, "albumin fall 0.4");
	CHECK(meets(&d, CLS_IN_ALBUMIN, 3.4, NAN, NAN) == CLS_RULE_ALBUMIN_LOW, "drug albumin 3.4");
	CHECK(meets(&d, CLS_IN_ALBUMIN, 3.5, NAN, NAN) == CLS_RULE_NONE, "drug albumin 3.5");
	CHECK(meets(&t, CLS_IN_HEMATOCRIT, 45.1, NAN, NAN) == CLS_RULE_HCT_HIGH, "hct 45.1");
	CHECK(meets(&t, CLS_IN_HEMATOCRIT, 45, NAN, NAN) == CLS_RULE_NONE, "hct 45");
	CHECK(meets(&t, CLS_IN_HEMATOCRIT, 44, 30, NAN) == CLS_RULE_NONE, "no default rise");
	CHECK(meets(&t, CLS_IN_WEIGHT, 71.5, NAN, 70.0) == CLS_RULE_WEIGHT_DAY, "gain 1.5 kg");
	CHECK(meets(&t, CLS_IN_WEIGHT, 70.6, NAN, 69.1) == CLS_RULE_WEIGHT_DAY,
		  "gain 69.1 -> 70.6 is 1.5 in decimal");
	CHECK(meets(&t, CLS_IN_WEIGHT, 71.4, NAN, 70.0) == CLS_RULE_NONE, "gain 1.4 kg");
	CHECK(meets(&t, CLS_IN_WEIGHT, 73.5, 70.0, NAN) == CLS_RULE_WEIGHT_PERCENT, "5 %% above 70");
	CHECK(meets(&t, CLS_IN_WEIGHT, 73.4, 70.0, NAN) == CLS_RULE_NONE, "4.9 %% above 70");
	CHECK(meets(&t, CLS_IN_SODIUM, 134, NAN, NAN) == CLS_RULE_SODIUM_LOW, "sodium 134");
	CHECK(meets(&t, CLS_IN_SODIUM, 135, NAN, NAN) == CLS_RULE_NONE, "sodium 135");
	CHECK(meets(&t, CLS_IN_EDEMA, 1, NAN, NAN) == CLS_RULE_EDEMA &&
		  meets(&t, CLS_IN_EDEMA, 0, NAN, NAN) == CLS_RULE_NONE, "edema 1/0");
	{
		cls_triad_criteria off = t;

		off.sbp_below = NAN;
		CHECK(meets(&off, CLS_IN_SBP, 50, NAN, NAN) == CLS_RULE_NONE, "NaN threshold = off");
		CHECK(cls_triad_uses(&off, CLS_A_SBP), "sbp still used for the fall");
		off.sbp_fall = NAN;
		CHECK(!cls_triad_uses(&off, CLS_A_SBP), "sbp unused when both off");
	}

	/* profiles */
	{
		unsigned	hy = CLS_SIGN_BIT(CLS_SIGN_HYPOTENSION),
					al = CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA),
					hc = CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION),
					wg = CLS_SIGN_BIT(CLS_SIGN_WEIGHT_GAIN);
		cls_triad_criteria k2 = t;

		k2.k = 2;
		CHECK(cls_profile_holds(&t, hy | al | hc) && !cls_profile_holds(&t, hy | al | wg),
			  "triad k=3");
		CHECK(cls_profile_holds(&k2, hy | al), "triad k=2");
		CHECK(cls_profile_holds(&d, al | wg) && !cls_profile_holds(&d, al | hc) &&
			  !cls_profile_holds(&d, wg | hy), "drug");
		CHECK(cls_profile_holds3(&t, hy | al, hc) == -1 && cls_profile_holds3(&t, hy, al) == 0,
			  "three-valued triad");
	}

	/* attack: SBP 85 at 0 h, Hct 53 at 2 h, albumin 2.2 at 40 h */
	{
		cls_obs		o[] = {
			{40 * H, 2.2, CLS_A_ALBUMIN},
			{0, 85, CLS_A_SBP},
			{2 * H, 53, CLS_A_HEMATOCRIT},
			{0, 3.7, CLS_A_ALBUMIN},
			{10 * H, 110, CLS_A_SBP},
		};
		size_t		np = run(&t, o, 5, pts, &ev);

		CHECK(np == 4, "4 distinct times (got %zu)", np);
		CHECK(ev.suspected_ever && ev.first.t == 40 * H, "co-occurrence: suspected at 40 h");
		CHECK(ev.first_ev[CLS_SIGN_HYPOTENSION].t == 0 && ev.first_ev[CLS_SIGN_HYPOTENSION].v == 85,
			  "evidence: sbp 85 at 0 h");
		CHECK(ev.first_ev[CLS_SIGN_HYPOALBUMINEMIA].rule == CLS_RULE_ALBUMIN_LOW,
			  "evidence: albumin < 3.0");
		/* holds until the sbp at 0 h leaves the window at 72 h */
		CHECK(pts[3].until == 72 * H && cls_triad_eval_duration(&ev) == 32 * H,
			  "suspected 40 h -> 72 h (duration %lld h)",
			  (long long) (cls_triad_eval_duration(&ev) / H));
		CHECK(ev.sbp_min.v == 85 && ev.albumin_min.v == 2.2 && ev.hct_max.v == 53,
			  "worst values");

		cur = t;
		cur.window = 0;
		run(&cur, o, 5, pts, &ev);
		CHECK(!ev.suspected_ever, "current values: not suspected (BP normal by 10 h)");
	}

	/* hemoglobin stands in for hematocrit (off by default) */
	{
		cls_triad_criteria hb = t;
		cls_obs		o[] = {
			{0, 85, CLS_A_SBP}, {1 * H, 2.5, CLS_A_ALBUMIN},
			{2 * H, 19.8, CLS_A_HEMOGLOBIN},
		};
		cls_obs		o2[4];
		const char *hint;
		char		buf[96];

		CHECK(isnan(t.hgb_above) && isnan(d.hgb_above) && strcmp(t.time_zone, "UTC") == 0,
			  "hemoglobin_above off by default, time_zone UTC");
		CHECK(!cls_triad_uses(&t, CLS_A_HEMOGLOBIN), "hemoglobin not read when off");
		run(&t, o, 3, pts, &ev);
		CHECK(!ev.suspected_ever && !ev.hgb_max.have, "off: hemoglobin 19.8 ignored");

		hb.hgb_above = 18;
		CHECK(cls_triad_uses(&hb, CLS_A_HEMOGLOBIN) &&
			  cls_triad_criteria_field_check(&hb, CLS_CR_HEMOGLOBIN_ABOVE, &hint) == NULL,
			  "on: hemoglobin read, 18 valid");
		CHECK(cls_hemoglobin_meets(&hb, 18) == CLS_RULE_NONE &&
			  cls_hemoglobin_meets(&hb, 18.1) == CLS_RULE_HGB_HIGH,
			  "hemoglobin > 18 (a value on the threshold does not meet)");
		run(&hb, o, 3, pts, &ev);
		CHECK(ev.suspected_ever && ev.first.t == 2 * H &&
			  ev.first_ev[CLS_SIGN_HEMOCONCENTRATION].analyte == CLS_A_HEMOGLOBIN &&
			  ev.first_ev[CLS_SIGN_HEMOCONCENTRATION].rule == CLS_RULE_HGB_HIGH &&
			  ev.first_ev[CLS_SIGN_HEMOCONCENTRATION].v == 19.8 &&
			  ev.hgb_max.have && ev.hgb_max.v == 19.8,
			  "no hematocrit: hemoglobin 19.8 > 18 stands in, evidence says so");
		cls_rule_describe(&hb, CLS_RULE_HGB_HIGH, buf, sizeof(buf));
		CHECK(strcmp(buf, "hemoglobin > 18 g/dL (no hematocrit at hand)") == 0,
			  "rule text: %s", buf);

		/* a normal hematocrit in the window: hemoglobin does not count */
		memcpy(o2, o, sizeof(o));
		o2[3] = (cls_obs) {-10 * H, 40, CLS_A_HEMATOCRIT};
		run(&hb, o2, 4, pts, &ev);
		CHECK(!ev.suspected_ever, "co-occurrence: a hematocrit 10 h earlier is at hand");
		memcpy(o2, o, sizeof(o));	/* run() sorted o2 */
		o2[3] = (cls_obs) {-72 * H, 40, CLS_A_HEMATOCRIT};
		run(&hb, o2, 4, pts, &ev);
		CHECK(ev.suspected_ever &&
			  ev.first_ev[CLS_SIGN_HEMOCONCENTRATION].analyte == CLS_A_HEMOGLOBIN,
			  "a hematocrit one window earlier is not at hand");
		/* a high hematocrit is the evidence, not the hemoglobin */
		memcpy(o2, o, sizeof(o));
		o2[3] = (cls_obs) {-1 * H, 50, CLS_A_HEMATOCRIT};
		run(&hb, o2, 4, pts, &ev);
		CHECK(ev.suspected_ever &&
			  ev.first_ev[CLS_SIGN_HEMOCONCENTRATION].analyte == CLS_A_HEMATOCRIT,
			  "hematocrit at hand: hematocrit decides");

		/* current values: a valid hematocrit (24 h) blocks, an expired one not */
		cur = hb;
		cur.window = 0;
		memcpy(o2, o, sizeof(o));
		o2[3] = (cls_obs) {-20 * H, 40, CLS_A_HEMATOCRIT};
		run(&cur, o2, 4, pts, &ev);
		CHECK(!ev.suspected_ever, "current values: hematocrit 22 h old (at the 2 h hemoglobin) still valid");
		memcpy(o2, o, sizeof(o));
		o2[3] = (cls_obs) {-22 * H - 1, 40, CLS_A_HEMATOCRIT};
		run(&cur, o2, 4, pts, &ev);
		CHECK(ev.suspected_ever &&
			  ev.first_ev[CLS_SIGN_HEMOCONCENTRATION].rule == CLS_RULE_HGB_HIGH,
			  "current values: hematocrit expired, hemoglobin stands in");
		/* current values: a later normal hemoglobin clears */
		memcpy(o2, o, sizeof(o));
		o2[3] = (cls_obs) {3 * H, 14, CLS_A_HEMOGLOBIN};
		run(&cur, o2, 4, pts, &ev);
		CHECK(ev.suspected_ever && !pts[3].suspected &&
			  !(pts[3].signs & CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION)) &&
			  ev.hgb_max.v == 19.8,
			  "current values: hemoglobin 14 later clears; highest stays 19.8");
		/* the window stays the stand-in's: hemoglobin expires with the window */
		run(&hb, o, 3, pts, &ev);
		CHECK(pts[2].until == 72 * H, "co-occurrence: holds until the SBP leaves (72 h)");

		hb.hgb_above = 0;
		CHECK(cls_triad_criteria_check(&hb, NULL) != NULL, "hemoglobin_above 0 refused");
		hb = t;
		memset(hb.time_zone, 'x', sizeof(hb.time_zone));
		CHECK(cls_triad_criteria_check(&hb, &f_tz) != NULL && f_tz == CLS_CR_TIME_ZONE,
			  "a zone name without room for the NUL refused");
		hb.time_zone[0] = '\0';
		CHECK(cls_triad_criteria_field_check(&hb, CLS_CR_TIME_ZONE, &hint) != NULL,
			  "an empty zone refused");
	}

	/* the previous day's weight is the latest weight on the previous date
	 * of the calendar: 23:00 and 07:00 the next date are a day apart (the
	 * old 12-36 h rule said no: 8 h); in a zone 5 h west the same instants
	 * at 04:00 and 12:00 UTC are one date */
	{
		cls_calendar w5 = {west5, NULL};
		cls_obs		o[] = {
			{23 * H, 70, CLS_A_WEIGHT}, {31 * H, 71.6, CLS_A_WEIGHT},
		};
		cls_obs		z[] = {
			{28 * H, 70, CLS_A_WEIGHT}, {36 * H, 71.6, CLS_A_WEIGHT},
		};

		run(&d, o, 2, pts, &ev);
		CHECK(ev.gain_max.have && fabs(ev.gain_max.v - 1.6) < 1e-9 &&
			  (pts[1].signs & CLS_SIGN_BIT(CLS_SIGN_WEIGHT_GAIN)),
			  "UTC: 23:00 then 07:00 the next date: +1.6 kg over the previous day");
		cls_obs_sort(z, 2);
		cls_triad_eval_init(&ev, &d, NULL);
		cls_triad_eval_set_calendar(&ev, &w5);
		cls_triad_eval_run(&ev, z, 2, pts);
		CHECK(ev.gain_max.have && fabs(ev.gain_max.v - 1.6) < 1e-9,
			  "UTC-5: 04:00 and 12:00 UTC next date = 23:00 and 07:00 local: previous day");
		cls_triad_eval_init(&ev, &d, NULL);
		cls_triad_eval_run(&ev, z, 2, pts);
		CHECK(!ev.gain_max.have && !(pts[1].signs & CLS_SIGN_BIT(CLS_SIGN_WEIGHT_GAIN)),
			  "the same instants in UTC are one date: no previous day's weight");
		o[1].t = 25 * H;	/* 23:00 and 01:00 UTC the next date */
		run(&d, o, 2, pts, &ev);
		CHECK(ev.gain_max.have, "UTC: 23:00 and 01:00 the next date: previous day");
		cls_triad_eval_init(&ev, &d, NULL);
		cls_triad_eval_set_calendar(&ev, &w5);
		cls_triad_eval_run(&ev, o, 2, pts);
		CHECK(!ev.gain_max.have, "UTC-5: the same instants are 18:00 and 20:00 of one local date: no");
		cls_triad_eval_set_calendar(&ev, NULL);
		CHECK(ev.cal.utc_offset == NULL, "a NULL calendar dates t itself");
	}

	/* window end: sbp at 0, hct at 0, albumin exactly at 72 h -> out */
	{
		cls_obs		o[] = {
			{0, 85, CLS_A_SBP}, {0, 50, CLS_A_HEMATOCRIT},
			{72 * H, 2.5, CLS_A_ALBUMIN},
		};

		run(&t, o, 3, pts, &ev);
		CHECK(!ev.suspected_ever, "an observation exactly one window earlier is out");
		o[2].t = 72 * H - 1;
		run(&t, o, 3, pts, &ev);
		CHECK(ev.suspected_ever, "one microsecond inside the window is in");
	}

	/* current values: albumin valid 48 h, exactly at 48 h expired */
	{
		cls_obs		o[] = {
			{0, 2.5, CLS_A_ALBUMIN}, {46 * H, 80, CLS_A_SBP},
			{48 * H, 50, CLS_A_HEMATOCRIT},
		};

		cur = t;
		cur.window = 0;
		run(&cur, o, 3, pts, &ev);
		CHECK(!ev.suspected_ever && pts[2].signs == (CLS_SIGN_BIT(CLS_SIGN_HYPOTENSION) |
													 CLS_SIGN_BIT(CLS_SIGN_HEMOCONCENTRATION)),
			  "albumin expires at exactly 48 h");
		o[2].t = 48 * H - 1;
		run(&cur, o, 3, pts, &ev);
		CHECK(ev.suspected_ever && pts[2].until == 48 * H,
			  "valid just before, holding until the albumin expires");
		/* a later normal value clears the sign */
		{
			cls_obs		o2[] = {
				{0, 2.5, CLS_A_ALBUMIN}, {1 * H, 3.5, CLS_A_ALBUMIN},
				{2 * H, 80, CLS_A_SBP}, {2 * H, 50, CLS_A_HEMATOCRIT},
			};

			run(&cur, o2, 4, pts, &ev);
			CHECK(!ev.suspected_ever, "a later normal albumin clears the sign");
		}
	}

	/* tagraxofusp-like: albumin 3.6 -> 3.0, weight +2 kg, hct unchanged */
	{
		cls_obs		o[] = {
			{0, 3.6, CLS_A_ALBUMIN}, {0, 70, CLS_A_WEIGHT}, {0, 38, CLS_A_HEMATOCRIT},
			{24 * H, 3.0, CLS_A_ALBUMIN}, {24 * H, 72, CLS_A_WEIGHT},
			{24 * H, 38, CLS_A_HEMATOCRIT},
		};

		run(&d, o, 6, pts, &ev);
		CHECK(ev.suspected_ever && ev.first.t == 24 * H, "drug profile finds it at 24 h");
		CHECK(ev.gain_max.have && ev.gain_max.v == 2.0, "largest gain 2 kg");
		run(&t, o, 6, pts, &ev);
		CHECK(!ev.suspected_ever && (ev.signs_ever & CLS_SIGN_BIT(CLS_SIGN_HYPOALBUMINEMIA)),
			  "triad does not (albumin fall counted, no hemoconcentration)");
	}

	/* previous-day weight agrees with label.h's cls_previous_day_value */
	{
		cls_obs		o[40];
		size_t		n = 0;
		int			ok = 1;

		for (int i = 0; i < 40; i++)
		{
			o[n].t = (int64_t) ((i * 7) % 53) * H;
			o[n].v = 60 + (i % 5);
			o[n].analyte = (i % 3) ? CLS_A_WEIGHT : CLS_A_SBP;
			n++;
		}
		cls_obs_sort(o, n);
		cls_triad_eval_init(&ev, &t, NULL);
		/* run one time group at a time and compare the pointer's choice */
		for (size_t i = 0; i < n;)
		{
			size_t		j = i;
			double		v;
			int64_t		w;
			bool		have;

			while (j < n && o[j].t == o[i].t)
				j++;
			cls_triad_eval_run(&ev, o, j, NULL);
			have = cls_previous_day_value(NULL, o, n, CLS_A_WEIGHT, o[i].t, &v, &w);
			if (have != (ev.pw_have && cls_date_of(NULL, ev.pw_t) == cls_date_of(NULL, o[i].t) - 1) ||
				(have && (v != ev.pw_v || w != ev.pw_t)))
				ok = 0;
			i = j;
		}
		CHECK(ok, "two-pointer previous day == cls_previous_day_value");
	}

	/* resuming gives the same result as one run */
	{
		cls_obs		o[200];
		cls_triad_eval a,
					b;
		size_t		n = 200;

		for (size_t i = 0; i < n; i++)
		{
			o[i].t = (int64_t) (i / 2) * 5 * H;
			o[i].analyte = (i % 4 == 0) ? CLS_A_SBP : (i % 4 == 1) ? CLS_A_ALBUMIN :
				(i % 4 == 2) ? CLS_A_HEMATOCRIT : CLS_A_WEIGHT;
			o[i].v = (o[i].analyte == CLS_A_SBP) ? 80 + (double) (i % 30) :
				(o[i].analyte == CLS_A_ALBUMIN) ? 2.5 + (double) (i % 7) / 5 :
				(o[i].analyte == CLS_A_HEMATOCRIT) ? 40 + (double) (i % 9) : 70 + (double) (i % 3);
		}
		cls_obs_sort(o, n);
		cls_triad_eval_init(&a, &t, NULL);
		cls_triad_eval_run(&a, o, n, NULL);
		cls_triad_eval_init(&b, &t, NULL);
		for (size_t m = 0; m < n;)
		{
			size_t		e = m + 1;

			while (e < n && o[e].t == o[m].t)
				e++;
			CHECK(cls_triad_eval_can_resume(&b, o, e) || m == 0, "can resume at %zu", m);
			cls_triad_eval_run(&b, o, e, NULL);
			m = e;
		}
		CHECK(a.suspected_ever == b.suspected_ever && a.first.t == b.first.t &&
			  cls_triad_eval_duration(&a) == cls_triad_eval_duration(&b) &&
			  a.signs_ever == b.signs_ever && a.last.signs == b.last.signs,
			  "incremental == full evaluation");
		CHECK(a.suspected_ever, "the synthetic series is suspected somewhere");
	}
	return unit_done("triad");
}
