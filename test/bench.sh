#!/bin/bash
# test/bench.sh -- the cls performance benchmark (not part of test/check.sh).
#
#   bash test/bench.sh [--patients N] [--runs N] [--no-shards]
#
#   --patients N   demo warehouse size (default 10000: ~10.1M measurement rows)
#   --runs N       timed runs per query and worker setting (default 5, >= 3);
#                  one untimed warm-up run precedes them
#   --no-shards    skip the single node vs 2 postgres_fdw shards comparison
#   --ctcae-terms-only ROWS
#                  run only the CTCAE-terms section (below) on a synthetic
#                  table of ROWS rows, without the warehouse
#
# Builds cls (-Wall -Wextra -Werror), installs it into a private copy of
# PostgreSQL 15, starts a throwaway cluster (shared_buffers 2GB, work_mem
# 64MB, jit off), generates the demo warehouse with test/demo/gen_warehouse.c
# (1000 rows per patient, stored in time order) and loads it with
# test/demo/schema.sql + load.sql, derives bench_obs (test/bench/bench_obs.sql)
# and bench_albumin (below), VACUUM (FREEZE, ANALYZE), pg_prewarm, then times
# every query with max_parallel_workers_per_gather 0 and 2.
#
# Time = server-side "Execution Time" of EXPLAIN (ANALYZE, TIMING OFF,
# SUMMARY ON): the query runs completely but no result is converted to text
# or sent (so array results cost no float8out).  The median of --runs runs
# after one warm-up, each in the same session.  Mrows/s = rows of the table
# the query scans / median time.
#
# Queries: floors and the grading pair are below; every pair
# test/bench/sql/<name>_cls.sql + <name>_sql.sql (a single SELECT grouped by
# patient over bench_obs or omop.measurement; the table is bench_obs when the
# cls file mentions bench_obs) is added, with the references
# array_agg(value ORDER BY ts) and avg(value) GROUP BY patient on its table.
#
# Checks reported as FAILED (exit status 1): the result of every query with
# 0 and 2 workers (md5 of the sorted COPY output) must be equal; the cls grade
# sums must equal the inline-CASE sums; the sharded results must equal the
# single-node results.  Performance targets are reported (ok/MISS), never
# failed.
#
# CTCAE terms (0.3.0): bench_ctcae holds potassium, platelet and ALT rows
# (one third each, as many rows as omop.measurement, or --ctcae-terms-only
# ROWS); cls.ctcae_grade of Hypokalemia, Platelet count decreased and ALT
# increased (v5.0, with baseline) is timed against the inline CASE an analyst
# would write for the same criteria, on the same rows; the grade sums must
# be equal.
#
# Peak memory per observation of a cls aggregate: the query is run with 0
# workers and enable_sort = off, so the GROUP BY is a HashAggregate, whose
# EXPLAIN ANALYZE "Memory Usage" is the peak memory allocated for the hash
# table and every group's transition state (PostgreSQL counts the aggregate
# memory context of hashed aggregates).  Subtract the same figure of
# count(*) GROUP BY patient on the same table (the hash table alone) and
# divide by the rows that reached the aggregate (its input node's actual rows).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

PATIENTS=10000 RUNS=5 SHARDS=1 CTCAE_ONLY=0
while [ $# -gt 0 ]; do
    case $1 in
        --ctcae-terms-only) CTCAE_ONLY=${2:?}; SHARDS=0; shift 2 ;;
        --patients) PATIENTS=${2:?}; shift 2 ;;
        --runs) RUNS=${2:?}; shift 2 ;;
        --no-shards) SHARDS=0; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: bash test/bench.sh [--patients N] [--runs N] [--no-shards] [--ctcae-terms-only ROWS]" >&2; exit 2 ;;
    esac
done
[[ $PATIENTS =~ ^[0-9]+$ ]] && [ "$PATIENTS" -ge 10 ] || cls_die "--patients must be an integer >= 10"
[[ $RUNS =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 3 ] || cls_die "--runs must be an integer >= 3"
[[ $CTCAE_ONLY =~ ^[0-9]+$ ]] || cls_die "--ctcae-terms-only must be an integer"
exec </dev/null
T0=$SECONDS
FAILED=()
step() { printf '# [%4ds] %s\n' $((SECONDS - T0)) "$*" >&2; }
failed() { FAILED+=("$1"); echo "FAILED: $1"; }

# ---------------------------------------------------------------- queries --
ALB="measurement_concept_id = 3024561 AND unit_concept_id IN (8713, 8636)"
GRADE_CLS="cls.ctcae_grade('Hypoalbuminemia', value_as_number, unit_concept_id, lln => range_low)"
# The same CTCAE v5.0 Hypoalbuminemia grade in SQL (README: Reference: CTCAE grading; cut-offs of
# src/core/ctcae.c): grade 3 < 2 g/dL, grade 2 < 3 g/dL, grade 1 < LLN, else
# 0; NULL for a NULL value, a value outside cls's plausible range
# 0 < x <= 10 g/dL (this also drops NaN and infinities), or an unknown LLN
# when the value is >= 3 g/dL.  Compared in the row's own unit (8713 g/dL,
# 8636 g/L = g/dL x 10), as range_low is, so no conversion moves a value
# across a cut-off.
GRADE_CASE="CASE unit_concept_id
  WHEN 8713 THEN CASE WHEN NOT (value_as_number > 0 AND value_as_number <= 10) THEN NULL
                      WHEN value_as_number < 2 THEN 3 WHEN value_as_number < 3 THEN 2
                      WHEN range_low IS NULL THEN NULL
                      WHEN value_as_number < range_low THEN 1 ELSE 0 END
  WHEN 8636 THEN CASE WHEN NOT (value_as_number > 0 AND value_as_number <= 100) THEN NULL
                      WHEN value_as_number < 20 THEN 3 WHEN value_as_number < 30 THEN 2
                      WHEN range_low IS NULL THEN NULL
                      WHEN value_as_number < range_low THEN 1 ELSE 0 END END"

Q_NAME=() Q_SQL=() Q_TABLE=() PAIRS=() PAIR_TABLE=()
addq() { Q_NAME+=("$1"); Q_TABLE+=("$2"); Q_SQL+=("$3"); }
if [ "$CTCAE_ONLY" = 0 ]; then
addq floor_count_star omop.measurement "SELECT count(*) FROM omop.measurement"
addq floor_sum_value omop.measurement "SELECT sum(value_as_number) FROM omop.measurement"
addq floor_avg_by_patient omop.measurement \
    "SELECT person_id, avg(value_as_number) FROM omop.measurement GROUP BY person_id"
# grading over the warehouse: the albumin rows (~4 %) of the 10M-row table
addq grade_sum_value omop.measurement "SELECT sum(value_as_number) FROM omop.measurement WHERE $ALB"
addq grade_case omop.measurement "SELECT sum($GRADE_CASE) FROM omop.measurement WHERE $ALB"
addq grade_cls omop.measurement "SELECT sum($GRADE_CLS) FROM omop.measurement WHERE $ALB"
# grading where every row is graded: bench_albumin (the albumin rows repeated)
addq dense_sum_value bench_albumin "SELECT sum(value_as_number) FROM bench_albumin"
addq dense_grade_case bench_albumin "SELECT sum($GRADE_CASE) FROM bench_albumin"
addq dense_grade_cls bench_albumin "SELECT sum($GRADE_CLS) FROM bench_albumin"

PAIRS=() PAIR_TABLE=()
shopt -s nullglob
for f in "$CLS_REPO"/test/bench/sql/*_cls.sql; do
    n=$(basename "$f" _cls.sql)
    if grep -qiw bench_obs "$f"; then t=bench_obs; else t=omop.measurement; fi
    PAIRS+=("$n") PAIR_TABLE+=("$t")
done
shopt -u nullglob
fi
strip() { sed -e 's/[[:space:]]*;[[:space:]]*$//' "$1"; }
need_obs=0 need_meas=0
for i in "${!PAIRS[@]}"; do
    [ "${PAIR_TABLE[i]}" = bench_obs ] && need_obs=1 || need_meas=1
done
if [ "$CTCAE_ONLY" = 0 ]; then   # the issue's reference for ordered per-patient work
    addq ref_array_agg_measurement omop.measurement \
        "SELECT person_id, array_agg(value_as_number ORDER BY measurement_datetime) FROM omop.measurement GROUP BY person_id"
fi
if [ "$need_obs" = 1 ]; then
    addq ref_avg_by_patient_obs bench_obs "SELECT patient_id, avg(value) FROM bench_obs GROUP BY patient_id"
    addq ref_array_agg_obs bench_obs "SELECT patient_id, array_agg(value ORDER BY ts) FROM bench_obs GROUP BY patient_id"
fi
for i in "${!PAIRS[@]}"; do
    n=${PAIRS[i]} t=${PAIR_TABLE[i]}
    addq "${n}_cls" "$t" "$(strip "$CLS_REPO/test/bench/sql/${n}_cls.sql")"
    if [ -f "$CLS_REPO/test/bench/sql/${n}_sql.sql" ]; then
        addq "${n}_sql" "$t" "$(strip "$CLS_REPO/test/bench/sql/${n}_sql.sql")"
    fi
done

# CTCAE terms: cls vs the inline CASE of the same v5.0 criteria.  The CASEs
# return NULL where cls does: a value outside cls's plausible range
# (potassium 0.5-15 mmol/L, platelets 0-5000 x 10^9/L, ALT 0-10^5 U/L).
CT_HYPOK_CASE="CASE WHEN NOT (value >= 0.5 AND value <= 15) THEN NULL
  WHEN value < 2.5 THEN 4 WHEN value < 3.0 THEN 3 WHEN value < lo THEN 1 ELSE 0 END"
CT_PLT_CASE="CASE WHEN NOT (value >= 0 AND value <= 5000) THEN NULL
  WHEN value < 25 THEN 4 WHEN value < 50 THEN 3 WHEN value < 75 THEN 2 WHEN value < lo THEN 1 ELSE 0 END"
CT_ALT_CASE="CASE WHEN NOT (value >= 0 AND value <= 100000) THEN NULL
  WHEN base <= hi THEN CASE WHEN value > 20 * hi THEN 4 WHEN value > 5 * hi THEN 3
                            WHEN value > 3 * hi THEN 2 WHEN value > hi THEN 1 ELSE 0 END
  ELSE CASE WHEN value > 20 * base THEN 4 WHEN value > 5 * base THEN 3
            WHEN value > 3 * base THEN 2 WHEN value >= 1.5 * base THEN 1 ELSE 0 END END"
CT_TERMS=(hypokalemia platelets alt)
addq ctcae_hypokalemia_cls bench_ctcae "SELECT sum(cls.ctcae_grade('Hypokalemia', value, 'mmol/L', lln => lo)) FROM bench_ctcae WHERE kind = 0"
addq ctcae_hypokalemia_case bench_ctcae "SELECT sum($CT_HYPOK_CASE) FROM bench_ctcae WHERE kind = 0"
addq ctcae_platelets_cls bench_ctcae "SELECT sum(cls.ctcae_grade('Platelet count decreased', value, '10^9/L', lln => lo)) FROM bench_ctcae WHERE kind = 1"
addq ctcae_platelets_case bench_ctcae "SELECT sum($CT_PLT_CASE) FROM bench_ctcae WHERE kind = 1"
addq ctcae_alt_cls bench_ctcae "SELECT sum(cls.ctcae_grade('ALT increased', value, 'U/L', uln => hi, baseline => base)) FROM bench_ctcae WHERE kind = 2"
addq ctcae_alt_case bench_ctcae "SELECT sum($CT_ALT_CASE) FROM bench_ctcae WHERE kind = 2"

# ------------------------------------------------------------------ setup --
step "dependencies, build, private install"
cls_deps
cls_build || cls_die "build failed"
cls_private_install || cls_die "private install failed"
W=$CLS_TMPBASE/bench.$$
mkdir -p "$W" && chmod 755 "$W"
cls_on_exit "rm -rf '$W'"

CONF=("shared_buffers = 2GB" "work_mem = '64MB'" "jit = off" "max_worker_processes = 16"
      "max_parallel_workers = 8" "max_parallel_workers_per_gather = 2"
      "maintenance_work_mem = '1GB'" "max_wal_size = '8GB'" "checkpoint_timeout = '30min'"
      "wal_level = minimal" "max_wal_senders = 0" "effective_cache_size = '8GB'")
step "cluster"
cls_cluster_start bench "${CONF[@]}" || cls_die "cluster start failed"
B() { cls_psql_on bench -d bench "$@"; }

if [ "$CTCAE_ONLY" = 0 ]; then
step "generate the warehouse: $PATIENTS patients x 1000 rows"
cc -O2 -std=c99 -Wall -Wextra -Werror -o "$W/gen" "$CLS_REPO/test/demo/gen_warehouse.c" -lm \
    || cls_die "generator build failed"
"$W/gen" --patients "$PATIENTS" --seed 20250501 --rows-per-patient 1000 --out "$W/wh" 2>"$W/gen.log" \
    || { cat "$W/gen.log" >&2; cls_die "generator failed"; }
sed 's/^/#   /' "$W/gen.log" >&2

step "load (test/demo/schema.sql + load.sql), bench_obs, bench_albumin"
cls_psql_on bench -c 'CREATE DATABASE bench' || cls_die "createdb"
B -c 'CREATE EXTENSION cls' -c 'CREATE EXTENSION pg_prewarm' -f "$CLS_REPO/test/demo/schema.sql" >/dev/null \
    || cls_die "schema.sql"
B -v datadir="$W/wh" -f "$CLS_REPO/test/demo/load.sql" >/dev/null || cls_die "load.sql"
rm -rf "$W/wh"
B -f "$CLS_REPO/test/bench/bench_obs.sql" >/dev/null || cls_die "bench_obs.sql"
# bench_albumin: every albumin row with a standard unit, repeated k times so
# that the table has about as many rows as omop.measurement (each row is
# graded: this isolates the per-row cost of grading).
B <<SQL || cls_die "bench_albumin"
SET client_min_messages = warning;
CREATE TABLE bench_albumin AS
SELECT m.person_id, m.measurement_datetime, m.value_as_number, m.unit_concept_id, m.range_low
  FROM generate_series(1, greatest(1, round((SELECT count(*) FROM omop.measurement)::numeric
                                           / (SELECT count(*) FROM omop.measurement WHERE $ALB))::int)) AS k,
       LATERAL (SELECT * FROM omop.measurement WHERE $ALB ORDER BY measurement_id) m;
SQL
CT_ROWS="(SELECT count(*) FROM omop.measurement)"
TABLES=(omop.measurement bench_obs bench_albumin bench_ctcae)
else
    cls_psql_on bench -c 'CREATE DATABASE bench' || cls_die "createdb"
    B -c 'CREATE EXTENSION cls' -c 'CREATE EXTENSION pg_prewarm' >/dev/null || cls_die "extensions"
    CT_ROWS=$CTCAE_ONLY
    TABLES=(bench_ctcae)
fi
# bench_ctcae: potassium (kind 0), platelets (1), ALT with a baseline (2),
# values with the decimals a lab reports, a fixed seed
step "bench_ctcae"
B <<SQL || cls_die "bench_ctcae"
SET client_min_messages = warning;
SELECT setseed(0.2025);
CREATE TABLE bench_ctcae AS
SELECT i, i % 3 AS kind,
       CASE i % 3 WHEN 0 THEN round((2.0 + 4.0 * random())::numeric, 1)::float8
                  WHEN 1 THEN round((450 * random())::numeric)::float8
                  ELSE round((5 + 1500 * random() ^ 3)::numeric)::float8 END AS value,
       CASE i % 3 WHEN 0 THEN 3.5::float8 WHEN 1 THEN 150 ELSE NULL END AS lo,
       CASE i % 3 WHEN 0 THEN 5.1::float8 WHEN 1 THEN 400 ELSE 40 END AS hi,
       CASE WHEN i % 3 = 2 THEN CASE WHEN random() < 0.2 THEN round((41 + 100 * random())::numeric)::float8
                                     ELSE round((10 + 30 * random())::numeric)::float8 END END AS base
FROM generate_series(1, $CT_ROWS) i;
SQL
step "VACUUM (FREEZE, ANALYZE), pg_prewarm"
B -c 'VACUUM (FREEZE, ANALYZE)' || cls_die "vacuum"
B -At -c "SELECT sum(pg_prewarm(c)) FROM unnest(ARRAY[$(printf "'%s'::regclass," "${TABLES[@]}" | sed 's/,$//')]) c" >/dev/null \
    || cls_die "prewarm"
declare -A NROWS
for t in "${TABLES[@]}"; do
    NROWS[$t]=$(B -At -c "SELECT count(*) FROM $t")
done
SIZES=$(B -At -F' ' -c "SELECT string_agg(format('%s %s', c, pg_size_pretty(pg_table_size(c::regclass))), ', ')
                          FROM unnest(ARRAY[$(printf "'%s'," "${TABLES[@]}" | sed 's/,$//')]) c")

# ----------------------------------------------------------------- timing --
# time_query W SQL -> "median_ms launched_workers" (all times in $W/times.log)
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
time_query() {
    local w=$1 sql=$2 out i
    {
        echo "SET max_parallel_workers_per_gather = $w;"
        for ((i = 0; i <= RUNS; i++)); do
            printf 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, COSTS OFF)\n%s\n;\n' "$sql"
        done
    } > "$W/q.sql"
    out=$(B -At -f "$W/q.sql" 2>&1) || { echo "ERROR"; printf '%s\n' "$out" >> "$W/errors.log"; return 1; }
    printf '%s\n' "$out" | grep 'Execution Time' | sed 's/.*Execution Time: \([0-9.]*\) ms/\1/' \
        | tail -n +2 > "$W/t"
    tr '\n' ' ' < "$W/t" >> "$W/times.log"; echo >> "$W/times.log"
    printf '%s %s\n' "$(median < "$W/t")" \
        "$(printf '%s\n' "$out" | grep -m1 -o 'Workers Launched: [0-9]*' | grep -o '[0-9]*$' || echo 0)"
}
# result_md5 W SQL -> md5 of the sorted text result (kept in $W/res.W)
result_md5() {
    local w=$1 sql=$2
    B -At -c "SET max_parallel_workers_per_gather = $w" -c "COPY ($sql
) TO STDOUT" 2>>"$W/errors.log" > "$W/res" || { echo "ERROR"; return 0; }
    LC_ALL=C sort "$W/res" > "$W/res.$w"
    md5sum < "$W/res.$w" | cut -c1-32
}
# near_equal FILE1 FILE2 -> exit 0 when the sorted results are equal except
# for numbers within a relative 1e-9 (built-in float8 sums and averages
# depend on the summation order, so parallel plans change their last digits)
near_equal() {
    perl -e 'open(A, $ARGV[0]) or die; open(B, $ARGV[1]) or die;
        while (1) { my $a = <A>; my $b = <B>; last if !defined $a && !defined $b;
            exit 1 if !defined $a || !defined $b; chomp $a; chomp $b; next if $a eq $b;
            my @x = split /\t/, $a, -1; my @y = split /\t/, $b, -1; exit 1 if @x != @y;
            for my $i (0 .. $#x) { next if $x[$i] eq $y[$i];
                exit 1 unless $x[$i] =~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/ && $y[$i] =~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/;
                my $d = abs($x[$i] - $y[$i]); my $m = abs($x[$i]) > abs($y[$i]) ? abs($x[$i]) : abs($y[$i]);
                exit 1 if $d > 1e-9 * $m; } }
        exit 0' "$1" "$2"
}

declare -A MS LW MD5 NEAR GRADESUM
for i in "${!Q_NAME[@]}"; do
    n=${Q_NAME[i]}
    for w in 0 2; do
        step "time $n (workers $w)"
        read -r MS[$n,$w] LW[$n,$w] < <(time_query "$w" "${Q_SQL[i]}" || echo "ERROR 0")
        if [ "$w" = 2 ] && [ "${LW[$n,2]:-0}" = 0 ]; then
            # no worker launched: the same serial plan ran again
            MD5[$n,2]=${MD5[$n,0]}
        else
            MD5[$n,$w]=$(result_md5 "$w" "${Q_SQL[i]}")
        fi
    done
    NEAR[$n]=0
    if [ "${MD5[$n,0]}" != "${MD5[$n,2]}" ] && near_equal "$W/res.0" "$W/res.2"; then NEAR[$n]=1; fi
    rm -f "$W/res" "$W/res.0" "$W/res.2"
    echo "$n w0 ${MS[$n,0]} ms, w2 ${MS[$n,2]} ms (launched ${LW[$n,2]})" >> "$W/times.log"
done

# ----------------------------------------------------------------- memory --
# mem_of SQL -> "peak_kB input_rows" of the first HashAggregate (0 workers, no sort)
mem_of() {
    B -At -c 'SET max_parallel_workers_per_gather = 0' -c 'SET enable_sort = off' \
        -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $1" 2>>"$W/errors.log" | awk '
        !h && /HashAggregate/ { h = 1; next }
        h && !m && /Memory Usage: [0-9]+kB/ { s = $0; sub(/.*Memory Usage: /, "", s); sub(/kB.*/, "", s); m = s }
        h && m && /->/ && /actual rows=/ { s = $0; sub(/.*actual rows=/, "", s); sub(/ .*/, "", s); print m, s; exit }'
}
declare -A MEMB
if [ "$CTCAE_ONLY" = 0 ]; then
    for t in omop.measurement bench_obs; do
        k=person_id; [ "$t" = bench_obs ] && k=patient_id
        step "memory baseline: count(*) GROUP BY $k on $t"
        read -r base_kb _ < <(mem_of "SELECT $k, count(*) FROM $t GROUP BY $k"; echo)
        MEMB[$t]=${base_kb:-0}
    done
    # calibration of the method: array_agg(value) without ORDER BY (hashable)
    # buffers one float8 per row in an 8-byte Datum array that grows by doubling
    MEM_N=(calibration_array_agg) MEM_T=(bench_obs) MEM_Q=("SELECT patient_id, array_agg(value) FROM bench_obs GROUP BY patient_id")
    for i in "${!PAIRS[@]}"; do
        MEM_N+=("${PAIRS[i]}") MEM_T+=("${PAIR_TABLE[i]}") MEM_Q+=("$(strip "$CLS_REPO/test/bench/sql/${PAIRS[i]}_cls.sql")")
    done
    for i in "${!MEM_N[@]}"; do
        n=${MEM_N[i]} t=${MEM_T[i]}
        step "memory of $n"
        read -r kb rows < <(mem_of "${MEM_Q[i]}"; echo)
        if [ -n "${kb:-}" ] && [ -n "${rows:-}" ] && [ "$rows" -gt 0 ]; then
            MEMB[$n]=$(awk -v a="$kb" -v b="${MEMB[$t]}" -v r="$rows" \
                'BEGIN { printf "%.1f B/row (%d kB - %d kB hash table, %d rows)", (a - b) * 1024 / r, a, b, r }')
        else
            MEMB[$n]="n/a (no HashAggregate in the plan)"
        fi
    done
fi

# ------------------------------------------------------- shards vs single --
SH_NAME=() SH_SQL=() SH_PUSHED=()
declare -A SH_MS
if [ "$SHARDS" = 1 ]; then
    MCOLS="measurement_id bigint, person_id bigint, measurement_concept_id integer, measurement_date date,
      measurement_datetime timestamptz, measurement_type_concept_id integer, value_as_number float8,
      unit_concept_id integer, unit_source_value text, range_low float8, range_high float8,
      measurement_source_value text"
    MNAMES="measurement_id, person_id, measurement_concept_id, measurement_date, measurement_datetime,
      measurement_type_concept_id, value_as_number, unit_concept_id, unit_source_value, range_low,
      range_high, measurement_source_value"
    step "shards: two more clusters, each with cls"
    for s in shard1 shard2; do
        cls_cluster_start "$s" "shared_buffers = 1GB" "work_mem = '64MB'" "jit = off" \
            "maintenance_work_mem = '512MB'" "max_wal_size = '8GB'" "wal_level = minimal" \
            "max_wal_senders = 0" || cls_die "cluster $s"
        cls_psql_on "$s" -c 'CREATE EXTENSION cls' -c 'CREATE EXTENSION pg_prewarm' \
            -c 'CREATE SCHEMA omop' -c "CREATE TABLE omop.measurement ($MCOLS)" || cls_die "shard $s setup"
    done
    # each shard gets the rows PostgreSQL's hash partitioning routes to it
    B -c 'CREATE TABLE bench_hashdef (person_id bigint) PARTITION BY HASH (person_id)' || cls_die "hashdef"
    step "shards: copy each shard's half of omop.measurement"
    r=0
    for s in shard1 shard2; do
        ( B -c "COPY (SELECT $MNAMES FROM omop.measurement
                       WHERE satisfies_hash_partition('bench_hashdef'::regclass, 2, $r, person_id)
                       ORDER BY measurement_id) TO STDOUT" \
            | cls_psql_on "$s" -c "COPY omop.measurement ($MNAMES) FROM STDIN" \
            && cls_psql_on "$s" -c 'VACUUM (FREEZE, ANALYZE) omop.measurement' \
                -c "SELECT pg_prewarm('omop.measurement')" >/dev/null ) &
        r=$((r + 1))
    done
    wait || true
    p1=$CLS_C_shard1_PORT p2=$CLS_C_shard2_PORT
    cls_psql_on bench -c 'CREATE DATABASE dist' || cls_die "createdb dist"
    cls_psql_on bench -d dist <<SQL || cls_die "coordinator setup"
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
ANALYZE omop.measurement;
ALTER DATABASE dist SET enable_partitionwise_aggregate = on;
SQL
    n_dist=$(cls_psql_on bench -d dist -At -c 'SELECT count(*) FROM omop.measurement')
    [ "$n_dist" = "${NROWS[omop.measurement]}" ] \
        || failed "shards hold $n_dist rows, the single node ${NROWS[omop.measurement]}"
    addsh() { SH_NAME+=("$1"); SH_PUSHED+=("$2"); SH_SQL+=("$3"); }
    addsh grade_by_patient "yes" \
        "SELECT person_id, sum($GRADE_CLS) FROM omop.measurement WHERE $ALB GROUP BY person_id"
    addsh grade_cohort_rollup "yes (per patient)" \
        "SELECT sum(g) FROM (SELECT person_id, sum($GRADE_CLS) AS g FROM omop.measurement WHERE $ALB GROUP BY person_id) per_patient"
    addsh grade_ungrouped "no (rows shipped)" "SELECT sum($GRADE_CLS) FROM omop.measurement WHERE $ALB"
    addsh avg_by_patient "yes" "SELECT person_id, avg(value_as_number) FROM omop.measurement GROUP BY person_id"
    for i in "${!SH_NAME[@]}"; do
        n=${SH_NAME[i]}
        step "shards: time $n"
        for w in 0 2; do read -r SH_MS[$n,$w] _ < <(time_query "$w" "${SH_SQL[i]}" || echo ERROR); done
        for ((j = 0; j <= RUNS; j++)); do
            printf 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, COSTS OFF)\n%s\n;\n' "${SH_SQL[i]}"
        done > "$W/qd.sql"
        SH_MS[$n,d]=$(cls_psql_on bench -d dist -At -f "$W/qd.sql" | grep 'Execution Time' \
            | sed 's/.*Execution Time: \([0-9.]*\) ms/\1/' | tail -n +2 | median)
        d=$(cls_psql_on bench -d dist -At -c "COPY (${SH_SQL[i]}) TO STDOUT" | LC_ALL=C sort | tee "$W/d" | md5sum | cut -c1-32)
        s=$(B -At -c 'SET max_parallel_workers_per_gather = 0' -c "COPY (${SH_SQL[i]}) TO STDOUT" | LC_ALL=C sort | tee "$W/s" | md5sum | cut -c1-32)
        if [ "$d" = "$s" ]; then SH_MS[$n,eq]=equal
        elif [ "$n" = avg_by_patient ] && near_equal "$W/d" "$W/s"; then SH_MS[$n,eq]="equal within 1e-9"
        else SH_MS[$n,eq]=DIFFERENT; failed "shards: $n differs from the single node"; fi
        SH_MS[$n,plan]=$(cls_psql_on bench -d dist -At -c "EXPLAIN (VERBOSE, COSTS OFF) ${SH_SQL[i]}" | grep -c 'Relations: Aggregate on')
    done
fi

# ----------------------------------------------------------------- report --
r2() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'; }
mrows() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms + 0 > 0) printf "%.1f", n / ms / 1000; else printf "n/a" }'; }
fmt_ms() { awk -v x="$1" 'BEGIN { if (x + 0 > 0) printf "%.0f", x; else printf "%s", x }'; }
target() {  # target VALUE OP LIMIT -> ok / MISS
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { if (v == "n/a") { print "n/a"; exit }
        ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print ok ? "ok" : "MISS" }'
}
declare -A EQ
for i in "${!Q_NAME[@]}"; do
    n=${Q_NAME[i]}
    if [ "${MD5[$n,0]}" = ERROR ] || [ "${MD5[$n,2]}" = ERROR ] || [ "${MS[$n,0]}" = ERROR ]; then
        EQ[$n]=FAILED; failed "$n: query error (see below)"
    elif [ "${MD5[$n,0]}" = "${MD5[$n,2]}" ]; then
        EQ[$n]=same
    elif [[ $n == floor_* || $n == ref_* ]] && [ "${NEAR[$n]}" = 1 ]; then
        EQ[$n]="same within 1e-9 (float summation order)"
    else
        EQ[$n]=FAILED; failed "$n: results with 0 and 2 workers differ"
    fi
done
SUMPAIRS=(grade dense_grade); [ "$CTCAE_ONLY" = 0 ] || SUMPAIRS=()
for t in "${CT_TERMS[@]}"; do SUMPAIRS+=("ctcae_$t"); done
for p in "${SUMPAIRS[@]}"; do
    a=$(B -At -c "$(for i in "${!Q_NAME[@]}"; do [ "${Q_NAME[i]}" = "${p}_cls" ] && echo "${Q_SQL[i]}"; done)")
    b=$(B -At -c "$(for i in "${!Q_NAME[@]}"; do [ "${Q_NAME[i]}" = "${p}_case" ] && echo "${Q_SQL[i]}"; done)")
    if [ -n "$a" ] && [ "$a" = "$b" ]; then GRADESUM[$p]="$a"; else
        failed "${p}: sum of cls grades ($a) != sum of CASE grades ($b)"; fi
done

echo
echo "## cls benchmark: $([ "$CTCAE_ONLY" = 0 ] && echo "$PATIENTS patients" || echo "CTCAE terms only"); $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; PostgreSQL $(B -At -c 'SHOW server_version')"
if [ "$CTCAE_ONLY" = 0 ]; then
    echo "command: bash test/bench.sh --patients $PATIENTS --runs $RUNS$([ "$SHARDS" = 0 ] && echo ' --no-shards')"
else
    echo "command: bash test/bench.sh --runs $RUNS --ctcae-terms-only $CTCAE_ONLY"
fi
echo "tables: $SIZES; rows: $(for t in "${TABLES[@]}"; do printf '%s %s, ' "$t" "${NROWS[$t]}"; done)"
echo "settings: shared_buffers 2GB, work_mem 64MB, jit off; time = median of $RUNS server-side EXPLAIN (ANALYZE, TIMING OFF) execution times after 1 warm-up"
echo
echo "| query | table | w0 ms | w0 Mrows/s | w2 ms | w2 Mrows/s | speedup w0/w2 | w0 = w2 result |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
for i in "${!Q_NAME[@]}"; do
    n=${Q_NAME[i]} t=${Q_TABLE[i]}
    eq=${EQ[$n]}
    lw=""; [ "${LW[$n,2]:-0}" = 0 ] && lw=" (serial plan)"
    echo "| $n | $t | $(fmt_ms "${MS[$n,0]}") | $(mrows "${NROWS[$t]}" "${MS[$n,0]}") | $(fmt_ms "${MS[$n,2]}")$lw | $(mrows "${NROWS[$t]}" "${MS[$n,2]}") | $(r2 "${MS[$n,0]}" "${MS[$n,2]}") | $eq |"
done
echo
echo "| comparison | w0 | w2 | target | w0 | w2 |"
echo "|---|---:|---:|---|---|---|"
cmp_row() {  # cmp_row LABEL NUM DEN OP LIMIT_W0 LIMIT_W2
    local a b
    a=$(r2 "${MS[$2,0]:-}" "${MS[$3,0]:-}") b=$(r2 "${MS[$2,2]:-}" "${MS[$3,2]:-}")
    if [ -n "$4" ]; then
        echo "| $1 | $a | $b | $4 $5 (w0), $4 $6 (w2) | $(target "$a" "$4" "$5") | $(target "$b" "$4" "$6") |"
    else
        echo "| $1 | $a | $b | (reference) | | |"
    fi
}
if [ "$CTCAE_ONLY" = 0 ]; then
cmp_row "grade_cls / grade_case (time)" grade_cls grade_case "<=" 1.0 1.0
cmp_row "grade_cls / grade_sum_value" grade_cls grade_sum_value "<=" 1.3 1.3
cmp_row "dense_grade_cls / dense_grade_case" dense_grade_cls dense_grade_case "<=" 1.0 1.0
cmp_row "dense_grade_cls / dense_sum_value" dense_grade_cls dense_sum_value "<=" 1.3 1.3
fi
for t in "${CT_TERMS[@]}"; do
    cmp_row "ctcae_$t: cls / inline CASE (time)" "ctcae_${t}_cls" "ctcae_${t}_case" "" "" ""
done
for i in "${!PAIRS[@]}"; do
    n=${PAIRS[i]} t=${PAIR_TABLE[i]}
    avg=floor_avg_by_patient arr=ref_array_agg_measurement
    [ "$t" = bench_obs ] && avg=ref_avg_by_patient_obs arr=ref_array_agg_obs
    [ -n "${MS[${n}_sql,0]:-}" ] && cmp_row "$n: SQL / cls (times faster)" "${n}_sql" "${n}_cls" ">=" 5 10
    cmp_row "$n: array_agg(value ORDER BY ts) / cls" "$arr" "${n}_cls" ">=" 5 10
    cmp_row "$n: cls / avg(value) GROUP BY patient" "${n}_cls" "$avg" "<=" 1.5 1.5
    sp=$(r2 "${MS[${n}_cls,0]}" "${MS[${n}_cls,2]}")
    echo "| $n: parallel speedup of cls (w0 / w2) | | $sp | >= 1.7 | | $(target "$sp" ">=" 1.7) |"
    mb=${MEMB[$n]:-n/a}
    echo "| $n: cls peak memory per input row | ${mb%% *} | | <= 32 B | $(target "${mb%% *}" "<=" 32) | |"
done
echo
[ "$CTCAE_ONLY" = 0 ] && echo "memory method check: array_agg(value) GROUP BY patient (hashed): ${MEMB[calibration_array_agg]:-n/a}"
[ "$CTCAE_ONLY" = 0 ] && echo "grade sums: grade_cls = grade_case = ${GRADESUM[grade]:-?}; dense_grade_cls = dense_grade_case = ${GRADESUM[dense_grade]:-?}"
for t in "${CT_TERMS[@]}"; do echo "grade sums: ctcae_${t}_cls = ctcae_${t}_case = ${GRADESUM[ctcae_$t]:-?}"; done
for i in "${!PAIRS[@]}"; do echo "memory ${PAIRS[i]}_cls: ${MEMB[${PAIRS[i]}]:-n/a}"; done
if [ "$SHARDS" = 1 ]; then
    echo
    echo "### single node vs 2 postgres_fdw shards (all three clusters on this machine's $(nproc) cores), ${NROWS[omop.measurement]} rows"
    echo
    echo "| query | pushed down | single w0 ms | single w2 ms | 2 shards ms | single w0 / shards | single w2 / shards | result |"
    echo "|---|---|---:|---:|---:|---:|---:|---|"
    for i in "${!SH_NAME[@]}"; do
        n=${SH_NAME[i]}
        echo "| $n | ${SH_PUSHED[i]} (aggregate-on nodes: ${SH_MS[$n,plan]}) | $(fmt_ms "${SH_MS[$n,0]}") | $(fmt_ms "${SH_MS[$n,2]}") | $(fmt_ms "${SH_MS[$n,d]}") | $(r2 "${SH_MS[$n,0]}" "${SH_MS[$n,d]}") | $(r2 "${SH_MS[$n,2]}" "${SH_MS[$n,d]}") | ${SH_MS[$n,eq]} |"
    done
fi
echo
echo "# all timed runs (ms):"; sed 's/^/#   /' "$W/times.log"
if [ -s "$W/errors.log" ]; then echo "# errors:"; sed 's/^/#   /' "$W/errors.log"; fi
echo "# total time $((SECONDS - T0)) s"
if [ ${#FAILED[@]} -gt 0 ]; then
    echo "FAILED (${#FAILED[@]}):"; printf '  %s\n' "${FAILED[@]}"
    exit 1
fi
echo "all result checks passed"
