/*
 * fuzz_tagraxofusp.c -- libFuzzer target: one tagraxofusp dose day
 * (src/core/tagraxofusp.c, cls_tgx_evaluate and cls_tgx_instructions) on
 * arbitrary inputs: every numeric input any double (NaN, infinities,
 * denormals, -0 included) or missing, every flag in and out of its range,
 * any cycle day.
 *
 * Input: [11 x f64 values][u16 presence bits][edema u8][fluid overload u8]
 * [hypotension u8][hypersensitivity u8][first dose of cycle 1 u8]
 * [transaminases held u8][discontinued u8][cycle day i64].
 * Invariants (abort on violation):
 *  - statuses and the action are values of their enums, every detail is a
 *    NUL-terminated string within CLS_TGX_DETAIL_LEN;
 *  - the action follows the rule states: discontinue iff discontinued,
 *    else interrupt iff a rule triggered, else "administer (incomplete
 *    checks)" iff a rule is not evaluable, else administer; complete iff no
 *    rule is not evaluable; a discontinuation asks for CLS_TGX_DO_DISCONTINUE;
 *  - a not-evaluable rule never reads as clear: making one input missing
 *    never turns a rule that was not clear into a clear one (except the
 *    creatinine rule, where either of creatinine and CrCl is enough by
 *    design), and never turns an action that holds the dose into
 *    "administer";
 *  - deterministic: the same input gives the same result, byte for byte;
 *  - cls_tgx_instructions writes at most max non-NULL strings.
 */
#include <math.h>

#include "tagraxofusp.h"
#include "fuzz_common.h"

static void
check_result(const cls_tgx_input *in, const cls_tgx_result *r)
{
	int			any_trig = 0,
				any_ne = 0;

	for (int k = 0; k < CLS_TGX__COUNT; k++)
	{
		FUZZ_ASSERT("status_enum", r->status[k] >= CLS_TGX_NOT_APPLICABLE &&
					r->status[k] <= CLS_TGX_NOT_EVALUABLE);
		FUZZ_ASSERT("detail_terminated", memchr(r->detail[k], '\0', CLS_TGX_DETAIL_LEN) != NULL);
		any_trig |= r->status[k] == CLS_TGX_TRIGGERED;
		any_ne |= r->status[k] == CLS_TGX_NOT_EVALUABLE;
	}
	FUZZ_ASSERT("complete_iff_all_evaluable", r->complete == !any_ne);
	if (in->discontinued)
		FUZZ_ASSERT("discontinued_carried", r->discontinued);
	if (r->discontinued)
	{
		FUZZ_ASSERT("discontinue_action", r->action == CLS_TGX_DISCONTINUE);
		FUZZ_ASSERT("discontinue_does", (r->does & CLS_TGX_DO_DISCONTINUE) != 0);
	}
	else if (any_trig)
		FUZZ_ASSERT("interrupt_iff_triggered", r->action == CLS_TGX_INTERRUPT);
	else if (any_ne)
		FUZZ_ASSERT("incomplete_iff_not_evaluable", r->action == CLS_TGX_ADMINISTER_INCOMPLETE);
	else
		FUZZ_ASSERT("administer_when_all_clear", r->action == CLS_TGX_ADMINISTER);
	FUZZ_ASSERT("action_name", cls_tgx_action_name(r->action) != NULL);

	{
		const char *ins[8];
		size_t		max = (size_t) (r->does % 4);	/* 0..3, below the room */
		size_t		n = cls_tgx_instructions(r, ins, max);

		FUZZ_ASSERT("instructions_bounded", n <= max);
		for (size_t i = 0; i < n; i++)
			FUZZ_ASSERT("instruction_string", ins[i] != NULL);
	}
}

static int
holds_dose(cls_tgx_action a)
{
	return a == CLS_TGX_INTERRUPT || a == CLS_TGX_DISCONTINUE;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in		fi = {data, size};
	cls_tgx_input in;
	cls_tgx_result r,
				again,
				less;
	uint16_t	has;
	double		v[CLS_TGX_IN__COUNT];

	for (int k = 0; k < CLS_TGX_IN__COUNT; k++)
		v[k] = fuzz_f64(&fi);
	fuzz_take(&fi, &has, sizeof has);

	cls_tgx_input_init(&in);
	for (int k = 0; k < CLS_TGX_IN__COUNT; k++)
		if (has & (1u << k))
			cls_tgx_set(&in, (cls_tgx_input_id) k, v[k]);
	in.edema = (int) (fuzz_u8(&fi) % 3) - 1;
	in.fluid_overload = (int) (fuzz_u8(&fi) % 3) - 1;
	in.hypotension = (int) (fuzz_u8(&fi) % 3) - 1;
	in.hypersensitivity = (int) (fuzz_u8(&fi) % 6) - 1;
	in.first_dose_of_cycle1 = (int) (fuzz_u8(&fi) % 3) - 1;
	in.transaminases_held = (int) (fuzz_u8(&fi) % 3) - 1;
	in.discontinued = (fuzz_u8(&fi) & 1) != 0;
	in.cycle_day = fuzz_i64(&fi);
	if (fuzz_u8(&fi) & 1)
		cls_tgx_set_age(&in, (double) (fuzz_u8(&fi) % 140));
	in.sex = (int) (fuzz_u8(&fi) % 4) - 2;

	cls_tgx_evaluate(&in, &r);
	check_result(&in, &r);
	cls_tgx_evaluate(&in, &again);
	FUZZ_ASSERT("deterministic", memcmp(&r, &again, sizeof r) == 0);

	/* one input missing: no rule becomes clear, the dose is not freed */
	for (int k = 0; k < CLS_TGX_IN__COUNT; k++)
	{
		cls_tgx_input in2 = in;

		if (!in.val[k].has)
			continue;
		in2.val[k].has = false;
		in2.val[k].problem = NULL;
		cls_tgx_evaluate(&in2, &less);
		check_result(&in2, &less);
		for (int rr = 0; rr < CLS_TGX__COUNT; rr++)
			/* a measured CrCl wins over the Cockcroft-Gault estimate, so
			 * dropping a measured CrCl below 60 may leave an estimate
			 * >= 60 */
			if (less.status[rr] == CLS_TGX_CLEAR &&
				!(rr == CLS_TGX_CREATININE && k == CLS_TGX_IN_CRCL && less.crcl_estimated))
				FUZZ_ASSERT("missing_never_clear", r.status[rr] == CLS_TGX_CLEAR);
		if (holds_dose(r.action) && !(k == CLS_TGX_IN_CRCL && less.crcl_estimated))
			FUZZ_ASSERT("missing_never_administers", less.action != CLS_TGX_ADMINISTER);
	}
	return 0;
}
