/* Core unit tests: tagraxofusp dose-day rules (tagraxofusp.c). */
#include <string.h>

#include "tagraxofusp.h"
#include "unit.h"

/* a complete, clear day-2 input */
static void
base(cls_tgx_input *in)
{
	cls_tgx_input_init(in);
	cls_tgx_set(in, CLS_TGX_IN_ALBUMIN, 3.8);
	cls_tgx_set(in, CLS_TGX_IN_PRE_CYCLE_ALBUMIN, 4.0);
	cls_tgx_set(in, CLS_TGX_IN_WEIGHT, 70.0);
	cls_tgx_set(in, CLS_TGX_IN_PREVIOUS_WEIGHT, 70.0);
	cls_tgx_set(in, CLS_TGX_IN_SBP, 120);
	cls_tgx_set(in, CLS_TGX_IN_HEART_RATE, 80);
	cls_tgx_set(in, CLS_TGX_IN_TEMPERATURE, 37);
	cls_tgx_set(in, CLS_TGX_IN_CREATININE, 1.0);
	cls_tgx_set(in, CLS_TGX_IN_ALT_X_ULN, 1.0);
	cls_tgx_set(in, CLS_TGX_IN_AST_X_ULN, 1.0);
	in->edema = in->fluid_overload = in->hypotension = 0;
	in->hypersensitivity = 0;
	in->cycle_day = 2;
	in->first_dose_of_cycle1 = 0;
}

static cls_tgx_status
rule_with(cls_tgx_rule r, cls_tgx_input_id id, double v)
{
	cls_tgx_input in;
	cls_tgx_result out;

	base(&in);
	cls_tgx_set(&in, id, v);
	cls_tgx_evaluate(&in, &out);
	return out.status[r];
}

#define T CLS_TGX_TRIGGERED
#define C CLS_TGX_CLEAR
#define NE CLS_TGX_NOT_EVALUABLE
#define NA CLS_TGX_NOT_APPLICABLE

int
main(void)
{
	cls_tgx_input in;
	cls_tgx_result out;
	size_t		n;
	const cls_tgx_rule_info *ri = cls_tgx_rules(&n);
	const char *ins[8];

	CHECK(n == CLS_TGX__COUNT, "rules table has one row per rule");
	for (size_t i = 0; i < n; i++)
		CHECK(ri[i].rule == (cls_tgx_rule) i && ri[i].name && ri[i].label_criterion &&
			  ri[i].label_action && ri[i].cls_trigger && ri[i].cls_resume,
			  "rule row %zu (%s) complete and in order", i, ri[i].name);

	base(&in);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.action == CLS_TGX_ADMINISTER && out.complete && out.does == 0,
		  "complete clear day: administer");
	CHECK(out.status[CLS_TGX_ALBUMIN_GATE] == NA, "gate not applicable on day 2");

	/* albumin < 3.5: both sides and at */
	CHECK(rule_with(CLS_TGX_ALBUMIN_LOW, CLS_TGX_IN_ALBUMIN, 3.5) == C, "albumin 3.5 clear");
	CHECK(rule_with(CLS_TGX_ALBUMIN_LOW, CLS_TGX_IN_ALBUMIN, 3.49) == T, "albumin 3.49 triggered");
	CHECK(rule_with(CLS_TGX_ALBUMIN_LOW, CLS_TGX_IN_ALBUMIN, 35.0 / 10) == C, "albumin 35 g/L /10 clear");
	/* fall >= 0.5 from pre-cycle 4.0 */
	CHECK(rule_with(CLS_TGX_ALBUMIN_FALL, CLS_TGX_IN_ALBUMIN, 3.5) == T, "fall exactly 0.5 stays triggered");
	CHECK(rule_with(CLS_TGX_ALBUMIN_FALL, CLS_TGX_IN_ALBUMIN, 3.51) == C, "fall 0.49 clear");
	CHECK(rule_with(CLS_TGX_ALBUMIN_FALL, CLS_TGX_IN_PRE_CYCLE_ALBUMIN, 4.3) == T,
		  "decimal: 4.3 - 3.8 = 0.5 triggered despite binary rounding");
	CHECK(rule_with(CLS_TGX_ALBUMIN_FALL, CLS_TGX_IN_PRE_CYCLE_ALBUMIN, 3.5) == C, "a rise is clear");
	/* weight >= 1.5 kg */
	CHECK(rule_with(CLS_TGX_WEIGHT_GAIN, CLS_TGX_IN_WEIGHT, 71.5) == T, "gain exactly 1.5 triggered");
	CHECK(rule_with(CLS_TGX_WEIGHT_GAIN, CLS_TGX_IN_WEIGHT, 71.49) == C, "gain 1.49 clear");
	CHECK(rule_with(CLS_TGX_WEIGHT_GAIN, CLS_TGX_IN_WEIGHT, 68) == C, "loss clear");
	/* SBP */
	CHECK(rule_with(CLS_TGX_SBP, CLS_TGX_IN_SBP, 160) == T, "SBP 160 triggered");
	CHECK(rule_with(CLS_TGX_SBP, CLS_TGX_IN_SBP, 159.9) == C, "SBP 159.9 clear");
	CHECK(rule_with(CLS_TGX_SBP, CLS_TGX_IN_SBP, 80) == T, "SBP 80 triggered");
	CHECK(rule_with(CLS_TGX_SBP, CLS_TGX_IN_SBP, 80.1) == C, "SBP 80.1 clear");
	/* HR */
	CHECK(rule_with(CLS_TGX_HEART_RATE, CLS_TGX_IN_HEART_RATE, 130) == T, "HR 130 triggered");
	CHECK(rule_with(CLS_TGX_HEART_RATE, CLS_TGX_IN_HEART_RATE, 129) == C, "HR 129 clear");
	CHECK(rule_with(CLS_TGX_HEART_RATE, CLS_TGX_IN_HEART_RATE, 40) == T, "HR 40 triggered");
	CHECK(rule_with(CLS_TGX_HEART_RATE, CLS_TGX_IN_HEART_RATE, 41) == C, "HR 41 clear");
	/* temperature */
	CHECK(rule_with(CLS_TGX_TEMPERATURE, CLS_TGX_IN_TEMPERATURE, 38) == T, "38 C triggered");
	CHECK(rule_with(CLS_TGX_TEMPERATURE, CLS_TGX_IN_TEMPERATURE, 37.9) == C, "37.9 C clear");
	CHECK(rule_with(CLS_TGX_TEMPERATURE, CLS_TGX_IN_TEMPERATURE, (100.4 - 32) * 5 / 9) == T,
		  "100.4 F = 38 C triggered");
	/* creatinine */
	CHECK(rule_with(CLS_TGX_CREATININE, CLS_TGX_IN_CREATININE, 1.8) == C, "creatinine 1.8 clear");
	CHECK(rule_with(CLS_TGX_CREATININE, CLS_TGX_IN_CREATININE, 1.81) == T, "creatinine 1.81 triggered");
	CHECK(rule_with(CLS_TGX_CREATININE, CLS_TGX_IN_CREATININE, 159.12 / 88.4) == C,
		  "159.12 umol/L = 1.8 mg/dL clear");
	CHECK(rule_with(CLS_TGX_CREATININE, CLS_TGX_IN_CRCL, 60) == C, "CrCl 60 clear");
	CHECK(rule_with(CLS_TGX_CREATININE, CLS_TGX_IN_CRCL, 59.9) == T, "CrCl 59.9 triggered");
	/* transaminases, not held before */
	CHECK(rule_with(CLS_TGX_TRANSAMINASES, CLS_TGX_IN_ALT_X_ULN, 5) == C, "ALT 5 x ULN clear");
	CHECK(rule_with(CLS_TGX_TRANSAMINASES, CLS_TGX_IN_AST_X_ULN, 5.01) == T, "AST 5.01 x ULN triggered");
	CHECK(rule_with(CLS_TGX_TRANSAMINASES, CLS_TGX_IN_ALT_X_ULN, 200.0 / 40) == C, "200/40 clear");

	/* hysteresis */
	base(&in);
	in.transaminases_held = 1;
	cls_tgx_set(&in, CLS_TGX_IN_ALT_X_ULN, 3);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_TRANSAMINASES] == T && out.transaminases_held == 1,
		  "held: ALT 3 x ULN keeps the hold");
	cls_tgx_set(&in, CLS_TGX_IN_ALT_X_ULN, 2.5);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_TRANSAMINASES] == C && out.transaminases_held == 0,
		  "held: ALT 2.5 x ULN resolves");
	in.transaminases_held = -1;
	cls_tgx_set(&in, CLS_TGX_IN_ALT_X_ULN, 3);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_TRANSAMINASES] == NE, "unknown hold state, ALT 3 x ULN: not evaluable");
	in.transaminases_held = 1;
	in.val[CLS_TGX_IN_AST_X_ULN].has = false;
	cls_tgx_set(&in, CLS_TGX_IN_ALT_X_ULN, 1);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_TRANSAMINASES] == NE && out.transaminases_held == 1,
		  "held, AST missing: not evaluable, hold carried");
	in.transaminases_held = 0;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_TRANSAMINASES] == NE && out.transaminases_held == -1,
		  "not held, AST missing: not evaluable, hold state unknown");
	cls_tgx_set(&in, CLS_TGX_IN_ALT_X_ULN, 6);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_TRANSAMINASES] == T, "ALT 6 x ULN triggers even with AST missing");

	/* creatinine: one measure enough */
	base(&in);
	in.val[CLS_TGX_IN_CREATININE].has = false;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_CREATININE] == NE, "no creatinine, no CrCl: not evaluable");
	cls_tgx_set(&in, CLS_TGX_IN_CRCL, 70);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_CREATININE] == C, "CrCl alone is enough");
	cls_tgx_set(&in, CLS_TGX_IN_CREATININE, 2.0);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_CREATININE] == T, "creatinine 2.0 holds even with CrCl 70 (resume per measure)");

	/* edema flags */
	base(&in);
	in.hypotension = -1;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_EDEMA] == NE && out.action == CLS_TGX_ADMINISTER_INCOMPLETE &&
		  !out.complete, "hypotension not recorded: not evaluable, incomplete, never plain administer");
	in.edema = 1;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_EDEMA] == T && out.action == CLS_TGX_INTERRUPT &&
		  (out.does & CLS_TGX_DO_STEROID) && (out.does & CLS_TGX_DO_FLUID) &&
		  (out.does & CLS_TGX_DO_ALBUMIN), "edema: interrupt, albumin, fluids, steroid");
	CHECK(strstr(out.detail[CLS_TGX_EDEMA], "edema") != NULL, "detail names edema");

	/* cycle-1 gate */
	base(&in);
	in.first_dose_of_cycle1 = 1;
	in.cycle_day = 1;
	cls_tgx_set(&in, CLS_TGX_IN_ALBUMIN, 3.2);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_ALBUMIN_GATE] == C && out.status[CLS_TGX_ALBUMIN_LOW] == NA &&
		  out.status[CLS_TGX_WEIGHT_GAIN] == NA && out.action == CLS_TGX_ADMINISTER,
		  "first dose of cycle 1, albumin 3.2: administer");
	cls_tgx_set(&in, CLS_TGX_IN_ALBUMIN, 3.19);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_ALBUMIN_GATE] == T && out.action == CLS_TGX_INTERRUPT &&
		  !(out.does & CLS_TGX_DO_ALBUMIN), "first dose of cycle 1, albumin 3.19: hold, no albumin instruction");
	CHECK(cls_tgx_instructions(&out, ins, 8) == 2 && strstr(ins[1], "3.2"), "gate instruction");
	in.first_dose_of_cycle1 = -1;
	cls_tgx_set(&in, CLS_TGX_IN_ALBUMIN, 3.3);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_ALBUMIN_GATE] == C && out.status[CLS_TGX_ALBUMIN_LOW] == NE,
		  "unknown first dose, albumin 3.3: the readings disagree, not evaluable");
	cls_tgx_set(&in, CLS_TGX_IN_ALBUMIN, 3.1);
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_ALBUMIN_GATE] == T && out.status[CLS_TGX_ALBUMIN_LOW] == T,
		  "unknown first dose, albumin 3.1: both readings hold");

	/* missing inputs */
	base(&in);
	in.val[CLS_TGX_IN_ALBUMIN].has = false;
	in.val[CLS_TGX_IN_ALBUMIN].problem = "albumin 45 g/dL is above the plausible range";
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_ALBUMIN_LOW] == NE && out.status[CLS_TGX_ALBUMIN_FALL] == NE &&
		  strstr(out.detail[CLS_TGX_ALBUMIN_LOW], "plausible") != NULL,
		  "implausible albumin: not evaluable with the reason");
	in.val[CLS_TGX_IN_ALBUMIN].problem = NULL;
	cls_tgx_evaluate(&in, &out);
	CHECK(strcmp(out.detail[CLS_TGX_ALBUMIN_LOW], "no albumin") == 0, "missing albumin detail");
	base(&in);
	in.val[CLS_TGX_IN_PREVIOUS_WEIGHT].has = false;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_WEIGHT_GAIN] == NE &&
		  strcmp(out.detail[CLS_TGX_WEIGHT_GAIN], "no previous day's weight") == 0,
		  "previous weight missing");
	in.val[CLS_TGX_IN_WEIGHT].has = false;
	cls_tgx_evaluate(&in, &out);
	CHECK(strcmp(out.detail[CLS_TGX_WEIGHT_GAIN], "no predose weight; no previous day's weight") == 0,
		  "both weights missing: %s", out.detail[CLS_TGX_WEIGHT_GAIN]);

	/* hypersensitivity */
	base(&in);
	in.hypersensitivity = 2;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.action == CLS_TGX_INTERRUPT && !out.discontinued, "moderate: interrupt");
	in.hypersensitivity = 3;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.action == CLS_TGX_DISCONTINUE && out.discontinued, "severe: discontinue");
	base(&in);
	in.discontinued = true;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.action == CLS_TGX_DISCONTINUE, "discontinued earlier stays discontinued");
	base(&in);
	in.hypersensitivity = -1;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_HYPERSENSITIVITY] == NE && !out.complete, "not recorded: incomplete");
	CHECK(cls_tgx_hypersensitivity_from_name(" Severe ", 8) == 3 &&
		  cls_tgx_hypersensitivity_from_name("life threatening", 16) == 4 &&
		  cls_tgx_hypersensitivity_from_name("bad", 3) == -2, "severity names");

	/* dosing window */
	base(&in);
	in.cycle_day = 10;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_DOSING_DAY] == C && out.action == CLS_TGX_ADMINISTER, "day 10: extended, clear");
	in.cycle_day = 11;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_DOSING_DAY] == T && out.action == CLS_TGX_INTERRUPT, "day 11: outside");
	in.cycle_day = 0;
	cls_tgx_evaluate(&in, &out);
	CHECK(out.status[CLS_TGX_DOSING_DAY] == NE, "day unknown: not evaluable");

	/* instructions */
	base(&in);
	cls_tgx_set(&in, CLS_TGX_IN_WEIGHT, 72);
	cls_tgx_evaluate(&in, &out);
	n = cls_tgx_instructions(&out, ins, 8);
	CHECK(n == 3 && strstr(ins[1], "25 g IV albumin q12h") && strcmp(ins[2], "manage fluid status") == 0,
		  "weight gain: interrupt, albumin, fluids");
	CHECK(cls_tgx_instructions(&out, ins, 1) == 1, "instructions bounded");
	/* a series: cycle 1 with doses on days 1-3, cycle 2 day 1 */
	{
#define HR_ INT64_C(3600000000)
#define DY_ (24 * HR_)
		cls_obs		o[] = {
			{-2 * HR_, 3.3, CLS_A_ALBUMIN},	/* pre-cycle 1 and gate */
			{-2 * HR_, 70.0, CLS_A_WEIGHT},
			{22 * HR_, 3.2, CLS_A_ALBUMIN},	/* day 2: < 3.5 */
			{22 * HR_, 71.5, CLS_A_WEIGHT},	/* 24 h after 70.0: +1.5 */
			{46 * HR_, 3.6, CLS_A_ALBUMIN},
			{46 * HR_, 71.0, CLS_A_WEIGHT},
			{46 * HR_, 3.0, CLS_KIND_ALT_X_ULN},
			{46 * HR_, 1.0, CLS_KIND_AST_X_ULN},
			{21 * DY_ - HR_, 4.2, CLS_A_ALBUMIN},	/* pre-cycle 2 */
			{19 * DY_, 1.9, CLS_A_ALBUMIN},	/* lowest in cycle 1 */
			{0, 0, CLS_KIND_DOSE}, {DY_, 0, CLS_KIND_DOSE},
			{2 * DY_, 0, CLS_KIND_DOSE}, {21 * DY_, 0, CLS_KIND_DOSE},
		};
		int64_t		dz[] = {0, DY_, 2 * DY_, 21 * DY_};
		cls_cycle	cy[4];
		cls_tgx_day dd[4];
		cls_tgx_cycle_summary sm;
		size_t		no = sizeof(o) / sizeof(o[0]);
		size_t		ncy;

		cls_obs_sort(o, no);
		ncy = cls_cycles_build(NULL, dz, 4, cy);
		cls_tgx_series(o, no, dz, 4, cy, ncy, dd);
		CHECK(dd[0].in.first_dose_of_cycle1 == 1 && dd[0].res.status[CLS_TGX_ALBUMIN_GATE] == C,
			  "series day 1: gate 3.3 >= 3.2");
		CHECK(dd[1].res.status[CLS_TGX_ALBUMIN_LOW] == T && dd[1].res.status[CLS_TGX_WEIGHT_GAIN] == T &&
			  dd[1].in.val[CLS_TGX_IN_PRE_CYCLE_ALBUMIN].v == 3.3,
			  "series day 2: albumin 3.2 and +1.5 kg trigger");
		CHECK(dd[2].res.status[CLS_TGX_ALBUMIN_LOW] == C && dd[2].res.status[CLS_TGX_WEIGHT_GAIN] == C &&
			  dd[2].res.status[CLS_TGX_TRANSAMINASES] == NE,
			  "series day 3: resolved; ALT 3 x ULN not evaluable (no LFTs at earlier doses: hold state unknown)");
		CHECK(dd[3].cycle_no == 2 && dd[3].cycle_day == 1 && dd[3].in.first_dose_of_cycle1 == 0 &&
			  dd[3].in.val[CLS_TGX_IN_PRE_CYCLE_ALBUMIN].v == 4.2 &&
			  dd[3].days_since_first_dose == 21, "series cycle 2: its own pre-cycle albumin");
		CHECK(dd[3].res.status[CLS_TGX_ALBUMIN_LOW] == C && dd[3].res.status[CLS_TGX_ALBUMIN_FALL] == C,
			  "series cycle 2: the pre-cycle draw 1 h before is also the predose albumin");
		cls_tgx_cycle_summarize(o, no, cy, ncy, 0, dd, &sm);
		CHECK(sm.first_trigger == 1 && sm.days_held == 1 && sm.worst_grade == 3 &&
			  sm.lowest_albumin == 1.9 && sm.triggers[CLS_TGX_WEIGHT_GAIN] == 1 &&
			  sm.pre_cycle_albumin == 3.3, "cycle 1 summary");
		cls_tgx_cycle_summarize(o, no, cy, ncy, 1, dd, &sm);
		CHECK(sm.first_trigger == -1 && sm.days_held == 0 && sm.worst_grade == -1 &&
			  sm.days_incomplete == 1 && sm.pre_cycle_albumin == 4.2, "cycle 2 summary (albumin before its start is not in it)");
	}
	/* the decisions the glue used to hold */
	{
		double		x = -1;

		CHECK(cls_tgx_first_dose_of_cycle1(1, 3, 4) == 1 && cls_tgx_first_dose_of_cycle1(0, 1, 1) == 0 &&
			  cls_tgx_first_dose_of_cycle1(-1, 1, 1) == 1 && cls_tgx_first_dose_of_cycle1(-1, 1, 2) == 0 &&
			  cls_tgx_first_dose_of_cycle1(-1, 2, 0) == 0 && cls_tgx_first_dose_of_cycle1(-1, 0, 3) == 0 &&
			  cls_tgx_first_dose_of_cycle1(-1, 1, 0) == -1 && cls_tgx_first_dose_of_cycle1(-1, 0, 1) == -1 &&
			  cls_tgx_first_dose_of_cycle1(-1, 0, 0) == -1,
			  "first dose of cycle 1: as given, else cycle 1 day 1, else ruled out, else unknown");
		CHECK(cls_tgx_crcl_problem(500) == NULL && cls_tgx_crcl_problem(0) == NULL &&
			  cls_tgx_crcl_problem(500.1) != NULL && cls_tgx_crcl_problem(-1) != NULL &&
			  cls_tgx_crcl_problem(NAN) != NULL, "CrCl plausible in [0, 500] mL/min");
		CHECK(cls_tgx_finding_value(CLS_KIND_EDEMA, 2, &x) && x == 1 &&
			  cls_tgx_finding_value(CLS_KIND_HYPOTENSION, 0, &x) && x == 0 &&
			  !cls_tgx_finding_value(CLS_KIND_FLUID_OVERLOAD, -1, &x) &&
			  cls_tgx_finding_value(CLS_KIND_HYPERSENSITIVITY, 3, &x) && x == 3 &&
			  !cls_tgx_finding_value(CLS_KIND_HYPERSENSITIVITY, 2.5, &x) &&
			  !cls_tgx_finding_value(CLS_KIND_HYPERSENSITIVITY, 5, &x) &&
			  !cls_tgx_finding_value(CLS_KIND_CRCL, 900, &x) &&
			  !cls_tgx_finding_value(CLS_KIND_DOSE, 1, &x), "recorded findings as the series keeps them");
		CHECK(cls_tgx_kind_of_analyte(CLS_A_ALT) == CLS_KIND_ALT_X_ULN &&
			  cls_tgx_kind_of_analyte(CLS_A_ALBUMIN) == CLS_A_ALBUMIN &&
			  cls_tgx_kind_of_analyte(CLS_A_HEMATOCRIT) == -1 &&
			  cls_tgx_kind_of_analyte(CLS_A_NONE) == -1, "the analytes the rules read");
		CHECK(strcmp(cls_tgx_do_name(CLS_TGX_DO_ALBUMIN), "give 25 g IV albumin q12h") == 0,
			  "one short name per action");
	}
	/* one rule for a usable ULN (cls.tagraxofusp_check and the aggregates) */
	{
		cls_tgx_input in;

		CHECK(cls_tgx_x_uln(50, 40) == 1.25 && cls_tgx_x_uln(0, 40) == 0,
			  "x ULN: value / ULN");
		CHECK(cls_tgx_x_uln(50, 4.9e-324) == -1 && cls_tgx_x_uln(50, 0) == -1 &&
			  cls_tgx_x_uln(50, -1) == -1 && cls_tgx_x_uln(50, NAN) == -1 &&
			  cls_tgx_x_uln(50, INFINITY) == -1 && cls_tgx_x_uln(INFINITY, 40) == -1,
			  "x ULN: a denormal, zero, negative, missing or infinite ULN is unusable");
		cls_tgx_input_init(&in);
		cls_tgx_set_x_uln(&in, CLS_TGX_IN_ALT_X_ULN, cls_tgx_x_uln(50, 4.9e-324));
		cls_tgx_set_x_uln(&in, CLS_TGX_IN_AST_X_ULN, cls_tgx_x_uln(80, 40));
		CHECK(!in.val[CLS_TGX_IN_ALT_X_ULN].has &&
			  strcmp(in.val[CLS_TGX_IN_ALT_X_ULN].problem, "ALT without its ULN") == 0 &&
			  in.val[CLS_TGX_IN_AST_X_ULN].has && in.val[CLS_TGX_IN_AST_X_ULN].v == 2,
			  "x ULN: an unusable ULN is the problem \"ALT without its ULN\"");
	}
	return unit_done("tagraxofusp");
}
