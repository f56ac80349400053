#!/bin/bash
# test/t/060_pipeline.sh -- the scheduled pipeline of test/demo/pipeline.sql under
# pg_cron: only the patients with new measurement rows are recomputed.
# Run by test/check.sh, or alone: bash test/t/060_pipeline.sh
#
# Starts its own cluster with pg_cron preloaded (cron.database_name =
# 'warehouse', jobs run in background workers), loads a 30-patient warehouse,
# refreshes cohort.patient_summary once, schedules cohort.refresh() every minute
# (pg_cron 1.4, Debian 12's version, has no seconds schedules), inserts new
# measurements for exactly two patients -- one albumin low enough to raise that
# patient's worst hypoalbuminemia grade to 2, one blood pressure -- waits (at
# most 150 s) for a successful job run that started after the insert, and
# checks that exactly those two rows changed, in the expected way.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
DEMO=$CLS_REPO/test/demo

cls_private_install || cls_die "private install failed"
[ -f "$CLS_PRIVATE_ROOT/usr/share/postgresql/15/extension/pg_cron.control" ] \
    || cls_die "pg_cron is not in the private install (apt-get install postgresql-15-cron)"
cls_cluster_start cron "shared_preload_libraries = 'pg_cron'" \
    "cron.database_name = 'warehouse'" "cron.use_background_workers = on" \
    || cls_die "cluster start failed"
# the launcher needs the database to exist: create it, then restart
cls_psql -c 'CREATE DATABASE warehouse' || cls_die "CREATE DATABASE failed"
cls_cluster_restart cron || cls_die "restart failed"
export PGDATABASE=warehouse
q() { cls_sql "$1" warehouse; }

# ---- a small warehouse --------------------------------------------------------
gen=$CLS_TMPBASE/gen_060
data=$(mktemp -d "$CLS_TMPBASE/wh060.XXXXXX")
if cc -O2 -std=c99 -Wall -Wextra -Werror -o "$gen" "$DEMO/gen_warehouse.c" -lm \
   && "$gen" --patients 30 --seed 60 --out "$data" 2>/dev/null \
   && cls_psql -f "$DEMO/schema.sql" && cls_psql -v datadir="$data" -f "$DEMO/load.sql" \
   && cls_psql -c 'CREATE EXTENSION cls' && cls_psql -f "$DEMO/pipeline.sql"; then
    cls_pass "30-patient warehouse loaded, CREATE EXTENSION cls, pipeline.sql"
else
    cls_fail "30-patient warehouse loaded, CREATE EXTENSION cls, pipeline.sql"; cls_summary; exit 1
fi

cls_is "first refresh summarises every patient" "$(q 'SELECT cohort.refresh()')" 30
cls_is "cohort.patient_summary has one row per patient" \
    "$(q 'SELECT count(*) FROM cohort.patient_summary')" 30
cls_psql -c 'CREATE TABLE snap0 AS SELECT * FROM cohort.patient_summary'
cls_is "a refresh without new rows recomputes nobody" "$(q 'SELECT cohort.refresh()')" 0
cls_is "... and leaves every row as it was" \
    "$(q 'SELECT count(*) FROM (TABLE cohort.patient_summary EXCEPT TABLE snap0) d')" 0

# p1: the lowest person_id whose worst grade is below 2 (gets albumin 2.5 g/dL);
# p2: the highest other person_id (gets a systolic blood pressure)
p1=$(q 'SELECT min(person_id) FROM cohort.patient_summary WHERE coalesce(worst_hypoalbuminemia_grade, 0) < 2')
p2=$(q "SELECT max(person_id) FROM cohort.patient_summary WHERE person_id <> ${p1:-0}")
if [[ $p1 =~ ^[0-9]+$ && $p2 =~ ^[0-9]+$ ]]; then
    cls_pass "two patients chosen: $p1 (albumin, grade $(q "SELECT worst_hypoalbuminemia_grade FROM snap0 WHERE person_id = $p1") -> 2) and $p2 (SBP)"
else
    cls_fail "two patients chosen" "p1='$p1' p2='$p2'"; cls_summary; exit 1
fi

# ---- pg_cron ------------------------------------------------------------------
cls_check "CREATE EXTENSION pg_cron in the warehouse database" cls_psql -c 'CREATE EXTENSION pg_cron'
job=$(q "SELECT cron.schedule('cls-cohort-refresh', '* * * * *', 'SELECT cohort.refresh()')")
if [[ $job =~ ^[0-9]+$ ]]; then cls_pass "cron.schedule every minute (job $job)"; else
    cls_fail "cron.schedule" "got '$job'"; cls_summary; exit 1
fi

# ---- new rows for exactly two patients, then wait for the job --------------------
cls_psql -c 'CREATE TABLE snap1 AS SELECT * FROM cohort.patient_summary'
cls_psql <<SQL || cls_fail "insert new measurements"
BEGIN;
CREATE TEMP TABLE last_t AS
    SELECT person_id, max(measurement_datetime) AS t FROM omop.measurement
     WHERE person_id IN ($p1, $p2) GROUP BY person_id;
INSERT INTO omop.measurement (measurement_id, person_id, measurement_concept_id,
        measurement_datetime, value_as_number, unit_concept_id, unit_source_value,
        range_low, range_high, measurement_source_value)
SELECT (SELECT max(measurement_id) FROM omop.measurement) + 1, $p1, 3024561,
       t + interval '1 hour', 2.5, 8713, 'g/dL', 3.5, 5.0, '1751-7'
  FROM last_t WHERE person_id = $p1
UNION ALL
SELECT (SELECT max(measurement_id) FROM omop.measurement) + 2, $p2, 3004249,
       t + interval '1 hour', 118, 8876, 'mmHg', NULL, NULL, '8480-6'
  FROM last_t WHERE person_id = $p2;
CREATE TABLE inserted AS SELECT person_id, t + interval '1 hour' AS t FROM last_t;
COMMIT;
SQL
t_insert=$(q 'SELECT clock_timestamp()')
cls_is "two new measurement rows" \
    "$(q "SELECT count(*) FROM omop.measurement WHERE measurement_id > (SELECT last_measurement_id FROM cohort.refresh_state)")" 2

status=
for ((i = 0; i < 75; i++)); do   # 75 x 2 s = 150 s at most
    status=$(q "SELECT status FROM cron.job_run_details
                 WHERE jobid = $job AND start_time > '$t_insert' AND status IN ('succeeded', 'failed')
                 ORDER BY start_time LIMIT 1")
    [ -n "$status" ] && break
    sleep 2
done
if [ "$status" = succeeded ]; then
    cls_pass "the cron job ran after the insert and succeeded (after ~$((i * 2)) s)"
else
    cls_fail "the cron job ran after the insert and succeeded" "status '${status:-none within 150 s}'"
    cls_diag "$(q "SELECT jobid, status, start_time, return_message FROM cron.job_run_details ORDER BY start_time")"
    # shellcheck disable=SC2154 # set by cls_cluster_start cron
    cls_diag "$(tail -n 20 "$CLS_C_cron_LOG" 2>/dev/null)"
fi
q "SELECT cron.unschedule($job)" >/dev/null   # no further runs while we look

cls_is "that run recomputed exactly two patients" \
    "$(q 'SELECT last_run_patients FROM cohort.refresh_state')" 2
cls_is "refreshed_at moved for exactly the two patients" \
    "$(q "SELECT string_agg(a.person_id::text, ',' ORDER BY a.person_id)
            FROM cohort.patient_summary a JOIN snap1 b USING (person_id)
           WHERE a.refreshed_at IS DISTINCT FROM b.refreshed_at")" \
    "$(printf '%s\n' "$p1" "$p2" | sort -n | paste -sd,)"
cls_is "everybody else's row is unchanged" \
    "$(q "SELECT count(*) FROM (SELECT * FROM cohort.patient_summary WHERE person_id NOT IN ($p1, $p2)
                                 EXCEPT SELECT * FROM snap1) d")" 0
cls_is "patient $p1: worst grade now 2, first reached at the new albumin's time" \
    "$(q "SELECT a.worst_hypoalbuminemia_grade || ' ' || (a.first_grade2_at = i.t)
                 || ' ' || (a.graded_albumin_values = b.graded_albumin_values + 1)
            FROM cohort.patient_summary a JOIN snap1 b USING (person_id) JOIN inserted i USING (person_id)
           WHERE person_id = $p1")" "2 true true"
cls_is "patient $p2: grade and albumin count unchanged, last measurement = the new SBP" \
    "$(q "SELECT (a.worst_hypoalbuminemia_grade IS NOT DISTINCT FROM b.worst_hypoalbuminemia_grade)
                 || ' ' || (a.first_grade2_at IS NOT DISTINCT FROM b.first_grade2_at)
                 || ' ' || (a.graded_albumin_values = b.graded_albumin_values)
                 || ' ' || (a.last_measurement_at = i.t)
            FROM cohort.patient_summary a JOIN snap1 b USING (person_id) JOIN inserted i USING (person_id)
           WHERE person_id = $p2")" "true true true true"
cls_summary
