#!/bin/bash
# test/t/050_sharding.sh -- cls scales out on PostgreSQL's own machinery
# (postgres_fdw + hash partitioning), checked on small data.
#
# Starts three throwaway clusters on loopback: a coordinator and two shards,
# each with cls installed.  On the coordinator, omop.measurement (by
# person_id) and bench_obs (by patient_id) are hash-partitioned tables whose
# two partitions are postgres_fdw foreign tables on the shards; the servers
# are declared with OPTIONS (extensions 'cls', async_capable 'true',
# fetch_size '10000') and the database has enable_partitionwise_aggregate =
# on.  A second database on the coordinator ("single") holds the same rows in
# plain local tables.  The data are the demo warehouse (test/demo, 50
# patients x ~100 rows) loaded through the coordinator.
#
# For every query in PUSHED below it asserts, on EXPLAIN (VERBOSE, COSTS OFF):
# both partitions are "Async Foreign Scan"s of "Aggregate on" the partition,
# and each Remote SQL contains GROUP BY and the given cls text (the cls
# function or aggregate runs on the shards); and that the query's result
# equals the result on the single-node copy.  NOT_PUSHED lists the documented
# PostgreSQL 15 limits: the query still gives the single-node result, but
# the given text does NOT appear in any Remote SQL.
#
# Every test/bench/sql/<name>_cls.sql (the cls per-patient aggregates
# benchmarked by test/bench.sh) is added to PUSHED automatically with the
# text "cls.".  To check a specific aggregate name instead, add one line to
# PUSHED, e.g. once the aggregates exist (adjust the argument lists to the
# final signatures):
#   "triad_by_patient|cls.triad(|SELECT person_id, cls.triad(measurement_datetime, measurement_concept_id, value_as_number, unit_concept_id) FROM omop.measurement GROUP BY person_id"
#   "eras_by_patient|cls.eras(|SELECT patient_id, cls.eras(lower_ts, upper_ts, interval '1 day') FROM bench_obs GROUP BY patient_id"
#   "state_episodes_by_patient|cls.state_episodes(|SELECT patient_id, cls.state_episodes(ts, active) FROM bench_obs GROUP BY patient_id"
#   "tagraxofusp_by_patient|cls.tagraxofusp_|SELECT person_id, cls.tagraxofusp_monitor(measurement_datetime, measurement_concept_id, value_as_number, unit_concept_id) FROM omop.measurement GROUP BY person_id"
#
# Run by test/check.sh, or alone: bash test/t/050_sharding.sh
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
source "$HERE/../lib/common.sh"

# name|text that must (PUSHED) / must not (NOT_PUSHED) be in Remote SQL|query
ALB="measurement_concept_id = 3024561 AND unit_concept_id IN (8713, 8636)"
GRADE="cls.ctcae_grade('Hypoalbuminemia', value_as_number, unit_concept_id, lln => range_low)"
PUSHED=(
    "ctcae_grade_by_patient|cls.ctcae_grade('Hypoalbuminemia'::cls.ctcae_term|SELECT person_id, max($GRADE) AS worst, count(*) FILTER (WHERE $GRADE >= 2) AS n_grade2plus, count($GRADE) AS n_graded FROM omop.measurement WHERE $ALB GROUP BY person_id"
    "hypoalbuminemia_grade_by_patient|cls.hypoalbuminemia_grade(|SELECT person_id, max(cls.hypoalbuminemia_grade(value_as_number, unit_source_value, version => '4.03')) FROM omop.measurement WHERE measurement_concept_id = 3024561 AND unit_source_value IN ('g/dL', 'g/L') GROUP BY person_id"
    "to_canonical_analyte_of_by_patient|cls.to_canonical('albumin'::cls.analyte|SELECT person_id, min(cls.to_canonical('albumin', value_as_number, unit_concept_id)) FROM omop.measurement WHERE cls.analyte_of(measurement_concept_id) OPERATOR(cls.=) 'albumin' AND unit_concept_id IN (8713, 8636) GROUP BY person_id"
    "cohort_rollup_of_per_patient_grades|cls.ctcae_grade(|SELECT worst, count(*) AS patients FROM (SELECT person_id, max($GRADE) AS worst FROM omop.measurement WHERE $ALB GROUP BY person_id) per_patient GROUP BY worst"
    "bench_obs_by_patient|GROUP BY|SELECT patient_id, count(*) FILTER (WHERE active), min(lower_ts), max(upper_ts) FROM bench_obs GROUP BY patient_id"
    # the timestamp forms on a warehouse wall-clock column (OMOP CDM 5.4:
    # measurement_datetime is timestamp): shipped with no cast
    "triad_agg_timestamp_by_patient|cls.triad_agg(measurement_datetime, |SELECT person_id, (cls.triad_agg(measurement_datetime, measurement_concept_id::bigint, value_as_number, unit_source_value)).first_suspected FROM omop.measurement_wall WHERE unit_concept_id <> 0 GROUP BY person_id"
    "state_episodes_timestamp_by_patient|cls.state_episodes(measurement_datetime, |SELECT person_id, cls.state_episodes(measurement_datetime, value_as_number < range_low, interval '6 hours', interval '12 hours') FROM omop.measurement_wall GROUP BY person_id"
    "eras_timestamp_by_patient|cls.eras(measurement_datetime, |SELECT person_id, cls.eras(measurement_datetime, measurement_datetime + interval '1 hour', interval '1 day') FROM omop.measurement_wall GROUP BY person_id"
)
NOT_PUSHED=(
    # an aggregate is shipped only when grouped by the partition key
    "grade_grouped_by_unit|GROUP BY|SELECT unit_concept_id, max($GRADE), count(*) FROM omop.measurement WHERE $ALB GROUP BY unit_concept_id"
    # ... and an ungrouped aggregate is not shipped either
    "grade_ungrouped|cls.ctcae_grade(|SELECT sum($GRADE) FROM omop.measurement WHERE $ALB"
    # the natural comparison with a name (cls.analyte's implicit cast to
    # text): text = text with a text constant is not shipped (collation
    # check); OPERATOR(cls.=) above is
    "analyte_of_text_comparison|cls.analyte_of(|SELECT person_id, min(cls.to_canonical('albumin', value_as_number, unit_concept_id)) FROM omop.measurement WHERE cls.analyte_of(measurement_concept_id) = 'albumin' AND unit_concept_id IN (8713, 8636) GROUP BY person_id"
    # a function called with a text constant is not shipped (collation check)
    # an aggregate returning an array of a cls row type (cls.triad_episodes,
    # cls.triad_timeline), timestamptz and timestamp forms alike: the
    # implicit array type of an extension's type is no member of the
    # extension, so postgres_fdw does not ship it
    "triad_episodes_timestamptz_array_result|cls.triad_episodes(|SELECT person_id, cls.triad_episodes(measurement_datetime, measurement_concept_id::bigint, value_as_number, unit_source_value) FROM omop.measurement WHERE unit_concept_id <> 0 GROUP BY person_id"
    "triad_episodes_timestamp_array_result|cls.triad_episodes(|SELECT person_id, cls.triad_episodes(measurement_datetime, measurement_concept_id::bigint, value_as_number, unit_source_value) FROM omop.measurement_wall WHERE unit_concept_id <> 0 GROUP BY person_id"
    "text_constant_unit|cls.hypoalbuminemia_grade(|SELECT person_id, max(cls.hypoalbuminemia_grade(value_as_number, 'g/dL')) FROM omop.measurement WHERE measurement_concept_id = 3024561 AND unit_concept_id = 8713 GROUP BY person_id"
)
shopt -s nullglob
for f in "$CLS_REPO"/test/bench/sql/*_cls.sql; do
    n=$(basename "$f" _cls.sql)
    q=$(sed -e 's/[[:space:]]*;[[:space:]]*$//' "$f")
    PUSHED+=("bench_pair_${n}|cls.|$q")
done
shopt -u nullglob

MCOLS="measurement_id bigint, person_id bigint, measurement_concept_id integer, measurement_date date,
  measurement_datetime timestamptz, measurement_type_concept_id integer, value_as_number float8,
  unit_concept_id integer, unit_source_value text, range_low float8, range_high float8,
  measurement_source_value text"
MNAMES="measurement_id, person_id, measurement_concept_id, measurement_date, measurement_datetime,
  measurement_type_concept_id, value_as_number, unit_concept_id, unit_source_value, range_low,
  range_high, measurement_source_value"
WCOLS=${MCOLS/measurement_datetime timestamptz/measurement_datetime timestamp}
OCOLS="patient_id bigint, ts timestamptz, active boolean, lower_ts timestamptz, upper_ts timestamptz, value float8"
ONAMES="patient_id, ts, active, lower_ts, upper_ts, value"

cls_private_install || cls_die "private install failed"
for c in coord shard1 shard2; do
    cls_cluster_start "$c" "max_parallel_workers_per_gather = 0" || cls_die "cluster $c did not start"
done

# ---- data: the demo generator, loaded into "single" on the coordinator ----
work=$CLS_TMPBASE/t050.$$
mkdir -p "$work"
cls_on_exit "rm -rf '$work'"
cc -O2 -std=c99 -Wall -Wextra -Werror -o "$work/gen" "$CLS_REPO/test/demo/gen_warehouse.c" -lm \
    || cls_die "generator build failed"
"$work/gen" --patients 50 --seed 50 --rows-per-patient 100 --out "$work/wh" 2>/dev/null \
    || cls_die "generator failed"

cls_psql_on coord -c 'CREATE DATABASE single' || cls_die "createdb single"
cls_psql_on coord -d single -c 'CREATE EXTENSION cls' -f "$CLS_REPO/test/demo/schema.sql" >/dev/null \
    || cls_die "schema.sql"
cls_psql_on coord -d single -v datadir="$work/wh" -f "$CLS_REPO/test/demo/load.sql" >/dev/null \
    || cls_die "load.sql"
cls_psql_on coord -d single -f "$CLS_REPO/test/bench/bench_obs.sql" >/dev/null || cls_die "bench_obs.sql"
# the same measurements with a wall-clock (timestamp) measurement_datetime
cls_psql_on coord -d single -c "CREATE TABLE omop.measurement_wall ($WCOLS)" \
    -c "INSERT INTO omop.measurement_wall SELECT $MNAMES FROM (SELECT * FROM omop.measurement) m" \
    -c "UPDATE omop.measurement_wall w SET measurement_datetime = m.measurement_datetime AT TIME ZONE 'UTC' FROM omop.measurement m WHERE m.measurement_id = w.measurement_id" \
    -c "ANALYZE omop.measurement_wall" >/dev/null || cls_die "omop.measurement_wall"

# ---- shards: the same tables, plain ---------------------------------------
for s in shard1 shard2; do
    cls_psql_on "$s" <<SQL || cls_die "shard $s setup"
CREATE EXTENSION cls;
CREATE SCHEMA omop;
CREATE TABLE omop.measurement ($MCOLS);
CREATE TABLE omop.measurement_wall ($WCOLS);
CREATE TABLE public.bench_obs ($OCOLS);
SQL
done

# ---- coordinator: partitioned tables with foreign partitions --------------
p1=$(cls_cluster_conninfo shard1 | sed 's/.*port=\([0-9]*\).*/\1/')
p2=$(cls_cluster_conninfo shard2 | sed 's/.*port=\([0-9]*\).*/\1/')
cls_psql_on coord <<SQL || cls_die "coordinator setup"
CREATE EXTENSION cls;
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '127.0.0.1', port '$p1', dbname 'postgres',
             extensions 'cls', async_capable 'true', fetch_size '10000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '127.0.0.1', port '$p2', dbname 'postgres',
             extensions 'cls', async_capable 'true', fetch_size '10000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user '$CLS_PGUSER');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user '$CLS_PGUSER');
CREATE SCHEMA omop;
CREATE TABLE omop.measurement ($MCOLS) PARTITION BY HASH (person_id);
CREATE FOREIGN TABLE omop.measurement_p0 PARTITION OF omop.measurement
    FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (schema_name 'omop', table_name 'measurement');
CREATE FOREIGN TABLE omop.measurement_p1 PARTITION OF omop.measurement
    FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (schema_name 'omop', table_name 'measurement');
CREATE TABLE omop.measurement_wall ($WCOLS) PARTITION BY HASH (person_id);
CREATE FOREIGN TABLE omop.measurement_wall_p0 PARTITION OF omop.measurement_wall
    FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (schema_name 'omop', table_name 'measurement_wall');
CREATE FOREIGN TABLE omop.measurement_wall_p1 PARTITION OF omop.measurement_wall
    FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (schema_name 'omop', table_name 'measurement_wall');
CREATE TABLE public.bench_obs ($OCOLS) PARTITION BY HASH (patient_id);
CREATE FOREIGN TABLE public.bench_obs_p0 PARTITION OF public.bench_obs
    FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (schema_name 'public', table_name 'bench_obs');
CREATE FOREIGN TABLE public.bench_obs_p1 PARTITION OF public.bench_obs
    FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (schema_name 'public', table_name 'bench_obs');
ALTER DATABASE postgres SET enable_partitionwise_aggregate = on;
SQL

# load through the coordinator (COPY routes the rows to the shards)
load() {  # load TABLE COLUMNS ORDER
    cls_psql_on coord -d single -c "COPY (SELECT $2 FROM $1 ORDER BY $3) TO STDOUT" \
        | cls_psql_on coord -c "COPY $1 ($2) FROM STDIN"
}
load omop.measurement "$MNAMES" measurement_id || cls_die "load omop.measurement"
load bench_obs "$ONAMES" "ts, patient_id" || cls_die "load bench_obs"
load omop.measurement_wall "$MNAMES" measurement_id || cls_die "load omop.measurement_wall"
for s in shard1 shard2; do cls_psql_on "$s" -c 'ANALYZE' || cls_die "analyze $s"; done
cls_psql_on coord -c 'ANALYZE omop.measurement' -c 'ANALYZE omop.measurement_wall' -c 'ANALYZE bench_obs' || cls_die "analyze coordinator"

n_single=$(cls_psql_on coord -d single -At -c 'SELECT count(*) FROM omop.measurement')
n_s1=$(cls_psql_on shard1 -At -c 'SELECT count(*) FROM omop.measurement')
n_s2=$(cls_psql_on shard2 -At -c 'SELECT count(*) FROM omop.measurement')
cls_is "every measurement row is on exactly one shard ($n_s1 + $n_s2)" "$((n_s1 + n_s2))" "$n_single"
if [ "$n_s1" -gt 0 ] && [ "$n_s2" -gt 0 ]; then cls_pass "both shards hold rows"; else
    cls_fail "both shards hold rows" "shard1 $n_s1, shard2 $n_s2"; fi
cls_is "setting enable_partitionwise_aggregate on the coordinator" \
    "$(cls_psql_on coord -At -c 'SHOW enable_partitionwise_aggregate')" "on"

# ---- the checks --------------------------------------------------------------
plan_of() { cls_psql_on coord -At -c "EXPLAIN (VERBOSE, COSTS OFF) $1" 2>&1; }
result_on() {  # result_on DB QUERY -> the rows, sorted (text); "ERROR ..." on failure
    local db=$1 out
    if out=$(cls_psql_on coord -d "$db" -At -c "COPY (SELECT * FROM ($2
) s) TO STDOUT" 2>&1); then
        printf '%s\n' "$out" | LC_ALL=C sort
    else
        printf 'ERROR on %s: %s\n' "$db" "$out"
    fi
}
same_result() {  # same_result NAME QUERY
    local d s
    d=$(result_on postgres "$2") s=$(result_on single "$2")
    if [ -n "$s" ] && [ "$d" == "$s" ] && [[ $s != "ERROR on "* ]]; then
        cls_pass "$1: 2 shards give the single-node result ($(printf '%s\n' "$s" | wc -l) rows)"
    else
        cls_diag "2 shards:"; cls_diag "$(printf '%s\n' "$d" | head -n 5)"
        cls_diag "single node:"; cls_diag "$(printf '%s\n' "$s" | head -n 5)"
        cls_fail "$1: 2 shards give the single-node result" "results differ or are empty"
    fi
}

for entry in "${PUSHED[@]}"; do
    name=${entry%%|*} rest=${entry#*|}
    needle=${rest%%|*} q=${rest#*|}
    plan=$(plan_of "$q")
    remote=$(printf '%s\n' "$plan" | grep 'Remote SQL:')
    n_remote=$(printf '%s\n' "$remote" | grep -c 'Remote SQL:')
    n_agg=$(printf '%s\n' "$plan" | grep -cE 'Relations: Aggregate on \(')
    n_async=$(printf '%s\n' "$plan" | grep -c 'Async Foreign Scan')
    n_hit=$(printf '%s\n' "$remote" | grep -F -- "$needle" | grep -c 'GROUP BY')
    if [ "$n_remote" -eq 2 ] && [ "$n_agg" -eq 2 ] && [ "$n_async" -eq 2 ] && [ "$n_hit" -eq 2 ]; then
        cls_pass "$name: aggregate with '$needle' runs on both shards (Remote SQL)"
    else
        cls_diag "$plan"
        cls_fail "$name: aggregate with '$needle' runs on both shards (Remote SQL)" \
            "remote $n_remote, aggregate-on $n_agg, async $n_async, matching GROUP BY $n_hit (want 2 each)"
    fi
    same_result "$name" "$q"
done

for entry in "${NOT_PUSHED[@]}"; do
    name=${entry%%|*} rest=${entry#*|}
    needle=${rest%%|*} q=${rest#*|}
    plan=$(plan_of "$q")
    n_remote=$(printf '%s\n' "$plan" | grep -c 'Remote SQL:')
    n_hit=$(printf '%s\n' "$plan" | grep 'Remote SQL:' | grep -cF -- "$needle")
    if [ "$n_remote" -eq 2 ] && [ "$n_hit" -eq 0 ]; then
        cls_pass "$name: '$needle' is NOT shipped (documented PostgreSQL 15 limit)"
    else
        cls_diag "$plan"
        cls_fail "$name: '$needle' is NOT shipped (documented PostgreSQL 15 limit)" \
            "remote $n_remote (want 2), containing it $n_hit (want 0)"
    fi
    same_result "$name" "$q"
done

# a grade >= 2 must exist in the data, or the grading checks above prove little
cls_is "the data hold hypoalbuminemia grades 2+" \
    "$(cls_psql_on coord -At -c "SELECT count(*) > 0 FROM omop.measurement WHERE $ALB AND $GRADE >= 2")" "t"

cls_summary
