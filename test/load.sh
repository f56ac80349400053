#!/bin/bash
# test/load.sh [--seconds N] [--patients N] -- load test (not part of
# test/check.sh: it runs for a minute and more).
#
# Starts a throwaway cluster (test/lib/common.sh), loads the demo warehouse
# (test/demo/gen_warehouse.c, ~300 patients, test/demo/schema.sql +
# load.sql), then for N seconds (default 60) runs at the same time
#   - pgbench, 8 clients: cohort queries for a random patient, one per entry
#     of QUERIES below (CTCAE grading, state_episodes over albumin < 3.5,
#     eras over drug_exposure, triad_agg, triad_episodes, tagraxofusp_monitor
#     and tagraxofusp_summary, cycles), one transaction = all of them; one
#     transaction in ten runs them over the whole cohort instead;
#   - pgbench, 1 client: INSERTs of albumin measurements (random patient,
#     time and value).
# Then asserts: 0 failed transactions and no aborted client in either run,
# the server is still up, no crash in its log, and every cohort query over
# the whole cohort gives the same result (md5 of its ordered output) run
# serially and run by 8 concurrent sessions on the final data.  Prints a
# summary (tps, latency, failures) and ok / not ok lines; exit status 1 on
# any failure.
#
# Adding an aggregate = one line in QUERIES (a query over the whole cohort
# that the per-patient pgbench script also runs with `AND person_id = :pid`
# in place of the marker /*PID*/).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

SECONDS_RUN=60
PATIENTS=300
while [ $# -gt 0 ]; do
    case $1 in
        --seconds) SECONDS_RUN=$2; shift 2 ;;
        --patients) PATIENTS=$2; shift 2 ;;
        *) echo "usage: $0 [--seconds N] [--patients N]" >&2; exit 2 ;;
    esac
done
case $SECONDS_RUN$PATIENTS in ''|*[!0-9]*) echo "$0: numbers expected" >&2; exit 2 ;; esac
CLIENTS=8

ALB="measurement_concept_id = 3024561 AND unit_source_value IN ('g/dL', 'g/L')"
UNIT_OK="cls.unit_known(cls.analyte_of(measurement_concept_id), unit_source_value) IS NOT FALSE"
TGX_ROWS="SELECT person_id, measurement_datetime AS ts,
                 coalesce(cls.analyte_of(measurement_concept_id), cls.analyte_of(measurement_source_value))::text AS code,
                 value_as_number AS value, unit_source_value AS unit, range_high AS ref_high, false AS dose
          FROM omop.measurement
          UNION ALL
          SELECT person_id, drug_exposure_start_datetime, NULL, NULL, NULL, NULL, true
          FROM omop.drug_exposure WHERE drug_source_value = 'tagraxofusp'"
QUERIES=(
    # grading per patient: worst CTCAE hypoalbuminemia grade (LLN from the row)
    "SELECT person_id, max(cls.ctcae_grade('Hypoalbuminemia', value_as_number, unit_source_value, lln => range_low)) AS g
     FROM omop.measurement WHERE $ALB /*PID*/ GROUP BY person_id"
    # hypoalbuminemia episodes: albumin < 3.5 g/dL, 48 h hold, 24 h gap
    "SELECT person_id, cls.state_episodes(measurement_datetime,
            cls.to_canonical('albumin', value_as_number, unit_source_value) < 3.5,
            interval '24 hours', interval '48 hours') AS e
     FROM omop.measurement WHERE $ALB /*PID*/ GROUP BY person_id"
    # drug eras with a 7-day gap
    "SELECT person_id, cls.eras(drug_exposure_start_datetime, drug_exposure_end_datetime, interval '7 days') AS e
     FROM omop.drug_exposure WHERE true /*PID*/ GROUP BY person_id"
    # CLS triad summary per patient (rows whose unit cls does not know left out)
    "SELECT person_id, cls.triad_agg(measurement_datetime, measurement_concept_id::bigint, value_as_number, unit_source_value) AS s
     FROM omop.measurement WHERE $UNIT_OK /*PID*/ GROUP BY person_id"
    # CLS episodes with the drug profile
    "SELECT person_id, cls.triad_episodes(measurement_datetime, measurement_concept_id::bigint, value_as_number,
            unit_source_value, cls.drug_criteria()) AS e
     FROM omop.measurement WHERE $UNIT_OK /*PID*/ GROUP BY person_id"
    # tagraxofusp label checks at every dose and per cycle (measurements and doses in one stream)
    "SELECT person_id, cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) AS days,
            cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose) AS cycles
     FROM ($TGX_ROWS) r WHERE (dose OR cls.unit_known(code::cls.analyte, unit) IS NOT FALSE) /*PID*/ GROUP BY person_id"
    # treatment cycles from the doses
    "SELECT person_id, cls.cycles(drug_exposure_start_datetime) AS c
     FROM omop.drug_exposure WHERE drug_source_value = 'tagraxofusp' /*PID*/ GROUP BY person_id"
)

cls_private_install || cls_die "private install failed"
cls_cluster_start load "max_connections = 40" || cls_die "cluster start failed"
cls_tmpbase
work=$(mktemp -d "$CLS_TMPBASE/load.XXXX") || exit 1
chmod 755 "$work"
log=$CLS_C_load_LOG

# ---- the warehouse -------------------------------------------------------
cc -O2 -std=c99 -Wall -Wextra -Werror -o "$work/gen" "$CLS_REPO/test/demo/gen_warehouse.c" -lm \
    || cls_die "gen_warehouse build failed"
"$work/gen" --patients "$PATIENTS" --seed 20261125 --out "$work/data" >"$work/gen.log" 2>&1 \
    || { cat "$work/gen.log"; cls_die "gen_warehouse failed"; }
chmod -R a+rX "$work/data"
cls_psql -c 'CREATE EXTENSION cls' >/dev/null || cls_die "create extension"
cls_psql -f "$CLS_REPO/test/demo/schema.sql" >/dev/null || cls_die "schema.sql"
cls_psql -v datadir="$work/data" -f "$CLS_REPO/test/demo/load.sql" >/dev/null || cls_die "load.sql"
cls_psql -c "CREATE INDEX ON omop.measurement (measurement_concept_id, person_id)" \
         -c "CREATE SEQUENCE load_measurement_id START $(( $(cls_sql 'SELECT max(measurement_id) FROM omop.measurement') + 1 ))" \
         >/dev/null || cls_die "index/sequence"
nmeas0=$(cls_sql 'SELECT count(*) FROM omop.measurement')
echo "# warehouse: $PATIENTS patients, $nmeas0 measurements, $(cls_sql 'SELECT count(*) FROM omop.drug_exposure') drug exposures"

# ---- pgbench scripts -----------------------------------------------------
{
    echo "\\set pid random(1, $PATIENTS)"
    for q in "${QUERIES[@]}"; do
        printf '%s;\n' "$(tr '\n' ' ' <<<"${q//\/\*PID\*\//AND person_id = :pid}" | tr -s ' ')"
    done
} > "$work/cohort.sql"
# one transaction in ten runs the same queries over the whole cohort
for q in "${QUERIES[@]}"; do
    printf '%s;\n' "$(tr '\n' ' ' <<<"${q//\/\*PID\*\//}" | tr -s ' ')"
done > "$work/cohort_all.sql"
cat > "$work/insert.sql" <<SQL
\\set pid random(1, $PATIENTS)
\\set v random(15, 50)
\\set h random(0, 8760)
INSERT INTO omop.measurement (measurement_id, person_id, measurement_concept_id, measurement_datetime,
    value_as_number, unit_concept_id, unit_source_value, range_low, range_high, measurement_source_value)
VALUES (nextval('load_measurement_id'), :pid, 3024561,
    timestamptz '2024-01-01 00:00+00' + :h * interval '1 hour', :v / 10.0, 8713, 'g/dL', 3.5, 5.0, '1751-7');
SQL

# ---- the run -------------------------------------------------------------
echo "# running: $CLIENTS clients x cohort queries + 1 inserting client, $SECONDS_RUN s"
"$CLS_PGBIN/pgbench" -n -r -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" \
    -f "$work/cohort.sql@9" -f "$work/cohort_all.sql@1" postgres \
    >"$work/cohort.out" 2>"$work/cohort.err" &
p1=$!
"$CLS_PGBIN/pgbench" -n -c 1 -T "$SECONDS_RUN" -f "$work/insert.sql" postgres \
    >"$work/insert.out" 2>"$work/insert.err" &
p2=$!
wait "$p1"; rc1=$?
wait "$p2"; rc2=$?

field() { sed -n "s/^$1 *= *\([0-9.]*\).*/\1/p; s/^$1: *\([0-9.]*\).*/\1/p" "$2" | head -1; }
summary() {   # NAME FILE RC
    local tps lat fail done_
    tps=$(field 'tps' "$2"); lat=$(field 'latency average' "$2")
    fail=$(field 'number of failed transactions' "$2"); done_=$(field 'number of transactions actually processed' "$2")
    printf '# %-8s transactions %s, tps %s, latency avg %s ms, failed %s, exit %s\n' \
        "$1" "${done_:-?}" "${tps:-?}" "${lat:-?}" "${fail:-?}" "$3"
    if [ "$3" = 0 ] && [ "${fail:-x}" = 0 ] && ! grep -qiE 'aborted|error' "${2%.out}.err"; then
        cls_pass "$1: 0 failed transactions, no aborted client (${done_:-?} transactions)"
    else
        sed 's/^/# /' "${2%.out}.err" | head -10
        cls_fail "$1: 0 failed transactions, no aborted client" "failed ${fail:-?}, exit $3"
    fi
}
echo "# ---- summary ----"
summary cohort "$work/cohort.out" "$rc1"
summary insert "$work/insert.out" "$rc2"
sed -n '/^SQL script/,$p' "$work/cohort.out" | grep -E '^SQL script|^ +[0-9.]+ +[0-9]+ +' \
    | cut -c1-150 | sed 's/^/#   /' 
nmeas1=$(cls_sql 'SELECT count(*) FROM omop.measurement')
echo "# measurements: $nmeas0 before, $nmeas1 after ($((nmeas1 - nmeas0)) inserted)"

cls_is "server still up" "$(cls_sql 'SELECT 1' 2>&1)" "1"
if grep -qE 'terminated by signal|PANIC|was terminated' "$log"; then
    cls_fail "no crash in the server log" "$(grep -E 'terminated by signal|PANIC' "$log" | head -3)"
else
    cls_pass "no crash in the server log"
fi

# ---- serial rerun vs 8 concurrent sessions on the final data ------------
k=0
for q in "${QUERIES[@]}"; do
    k=$((k + 1))
    full=${q//\/\*PID\*\//}
    md5q="SELECT md5(string_agg(x::text, E'\\n' ORDER BY x::text)), count(*) FROM ($full) x"
    serial=$(cls_sql "SET max_parallel_workers_per_gather = 0; $md5q" | tail -1)
    for c in $(seq 1 "$CLIENTS"); do
        cls_sql "$md5q" >"$work/conc.$k.$c" 2>&1 &
    done
    wait
    same=1
    for c in $(seq 1 "$CLIENTS"); do
        [ "$(tail -1 "$work/conc.$k.$c")" = "$serial" ] || { same=0; cls_diag "session $c: $(cat "$work/conc.$k.$c")"; }
    done
    label="query $k ($(grep -oE 'cls\.[a-z_]+' <<<"$q" | head -1)): serial = $CLIENTS concurrent sessions (md5 ${serial%%|*}, ${serial##*|} patients)"
    if [ "$same" = 1 ] && [ -n "$serial" ]; then cls_pass "$label"; else cls_fail "$label"; fi
done
cls_summary
