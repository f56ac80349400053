/*
 * layout_pg.c -- cls.glue_layout(): the glue's argument positions and the
 * core's defaults behind SQL DEFAULTs, by name (see layout_pg.h).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "layout_pg.h"

static void
put_row(void *arg, const char *fn, int pos, const char *name,
		const char *core_default)
{
	ReturnSetInfo *rsi = (ReturnSetInfo *) arg;
	Datum		v[4];
	bool		n[4] = {false, false, false, false};

	v[0] = CStringGetTextDatum(fn);
	v[1] = Int32GetDatum(pos + 1);	/* SQL counts from 1 */
	v[2] = CStringGetTextDatum(name);
	v[3] = core_default ? CStringGetTextDatum(core_default) : (Datum) 0;
	n[3] = (core_default == NULL);
	tuplestore_putvalues(rsi->setResult, rsi->setDesc, v, n);
}

PG_FUNCTION_INFO_V1(cls_glue_layout);
Datum
cls_glue_layout(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	cls_triad_criteria_layout(put_row, rsi);
	cls_triad_wide_layout(put_row, rsi);
	cls_triad_agg_layout(put_row, rsi);
	cls_tgx_check_layout(put_row, rsi);
	cls_ctcae_grade_layout(put_row, rsi);
	return (Datum) 0;
}
