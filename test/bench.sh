#!/bin/bash
# test/bench.sh -- the cls performance benchmark (not part of test/check.sh).
#
#   bash test/bench.sh [--patients N] [--runs N] [--no-shards] [--scaling]
#
#   --patients N   demo warehouse size (default 10000: ~10.1M measurement rows)
#   --runs N       timed rounds (default 5, >= 3; 3 with --scaling); one
#                  untimed warm-up round precedes them
#   --no-shards    skip the single node vs 2 postgres_fdw shards comparison
#   --scaling      only the cost per row of the cls aggregates (see below)
#
# Builds cls (-Wall -Wextra -Werror), installs it into a private copy of
# PostgreSQL 15, starts a throwaway cluster (shared_buffers 2GB, work_mem
# 64MB, jit off), generates the demo warehouse with test/demo/gen_warehouse.c
# (1000 rows per patient, stored in time order) and loads it with
# test/demo/schema.sql + load.sql, derives bench_obs (test/bench/bench_obs.sql),
# bench_albumin (below) and bench_part.measurement / bench_part.bench_obs (the
# same two tables hash-partitioned by patient into 3 partitions: one per
# process of a 2-worker plan, the leader included), VACUUM
# (FREEZE, ANALYZE), pg_prewarm, then times the queries.
#
# Time = server-side "Execution Time" of EXPLAIN (ANALYZE, TIMING OFF,
# SUMMARY ON): the query runs completely but no result is converted to text
# or sent.  Queries are timed in groups: a cls aggregate with its SQL
# baseline, its references and avg(value) GROUP BY patient over the same
# rows; the grading queries; the floors.  Every group also holds count(*) of
# the warehouse.  One session per group runs a warm-up round, then --runs
# rounds; a round runs every query of the group once per setting, back to
# back: w0 (max_parallel_workers_per_gather 0), w2 (2 workers) and, for cls
# aggregates, pw (the partitionwise plan: the same query on bench_part, with
# enable_partitionwise_aggregate on and 2 workers).  Every ratio (baseline /
# cls, cls / avg, the speedup w0 / w2 and w0 / pw, and a query's speedup /
# count(*)'s speedup) is computed per round, from two runs seconds apart, and
# reported as median [min-max] over the rounds.  A run whose plan spilled to
# disk (a HashAggregate with more than one batch, an external sort) is
# flagged.
#
# Queries: floors and the grading pair are below; every pair
# test/bench/sql/<name>_cls.sql + <name>_sql.sql (the baseline: the SQL an
# expert writes) is added, with every test/bench/sql/<name>_<label>_sql.sql
# (a reference, e.g. eras_ohdsi_sql.sql) and <name>_avg.sql (avg(value)
# GROUP BY patient over the rows the cls query reads; default: over the
# whole table).  The table is bench_obs when the cls file mentions
# bench_obs, else omop.measurement.
#
# Checks reported as FAILED (exit status 1): the result (md5 of the sorted
# COPY output) of every query with 0 and 2 workers must be equal; every cls
# result must equal its baseline's and its references' results and its own
# partitionwise result; the cls grade sums must equal the inline-CASE sums;
# the sharded results must equal the single-node results.  Built-in float8
# avg and sum depend on the summation order, so floors and avg references
# may differ from their serial result by 1e-9 relative.  Performance targets
# (the targets table of issue 16) are reported ok/MISS, never failed.
#
# Peak memory per observation of a cls aggregate: the query is run with 0
# workers, enable_sort and index scans off, so the GROUP BY is a
# HashAggregate, whose EXPLAIN ANALYZE "Memory Usage" is the peak memory
# allocated for the hash table and every group's transition state
# (PostgreSQL counts the aggregate memory context of hashed aggregates).
# Once with work_mem = 4GB, so that nothing spills (a spilled hash aggregate
# reports only what it kept in memory; a run that still spills says so
# instead of a figure): subtract the same figure of count(*) GROUP BY
# patient on the same table (the hash table alone) and divide by the rows
# that reached the aggregate (its input node's actual rows).  Once with the
# bench's work_mem (64MB): its batches and disk usage show whether the
# aggregate spills there.
#
# --scaling (the "cost per row from 1,000 to 100,000 patients" target; run
# it once with --patients 1000 and once with --patients 100000 and compare
# the ns/row): loads only omop.measurement and bench_obs (no bench_albumin,
# bench_part or shards), and times, with 0 workers, one group per cls
# aggregate: count(*) of the warehouse, the cls query and its avg(value)
# GROUP BY patient floor over the same rows.  It reports per query the
# execution time per input row (rows reaching the aggregate, from the plan)
# as median [min-max] over the rounds, the per-round ratio cls / avg, the
# plan's aggregate node and whether it spilled (HashAggregate batches and
# disk, external sorts).  No result checks and no memory section: the full
# bench does those.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

PATIENTS=10000 RUNS="" SHARDS=1 PART_N=3 MEM_WORK_MEM=4GB SCALING=0
while [ $# -gt 0 ]; do
    case $1 in
        --patients) PATIENTS=${2:?}; shift 2 ;;
        --runs) RUNS=${2:?}; shift 2 ;;
        --no-shards) SHARDS=0; shift ;;
        --scaling) SCALING=1 SHARDS=0; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: bash test/bench.sh [--patients N] [--runs N] [--no-shards] [--scaling]" >&2; exit 2 ;;
    esac
done
if [ -z "$RUNS" ]; then RUNS=5; [ "$SCALING" = 1 ] && RUNS=3; fi
[[ $PATIENTS =~ ^[0-9]+$ ]] && [ "$PATIENTS" -ge 10 ] || cls_die "--patients must be an integer >= 10"
[[ $RUNS =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 3 ] || cls_die "--runs must be an integer >= 3"
exec </dev/null
T0=$SECONDS
FAILED=()
step() { printf '# [%4ds] %s\n' $((SECONDS - T0)) "$*" >&2; }
failed() { FAILED+=("$1"); echo "FAILED: $1"; }

# ---------------------------------------------------------------- queries --
ALB="measurement_concept_id = 3024561 AND unit_concept_id IN (8713, 8636)"
GRADE_CLS="cls.ctcae_grade('Hypoalbuminemia', value_as_number, unit_concept_id, lln => range_low)"
# The same CTCAE v5.0 Hypoalbuminemia grade in SQL (README "CTCAE grading"; cut-offs of
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

# Q_NAMES in order; per query its table, kind (floor, grade, cls, baseline,
# ref, avg) and SQL; per group its queries
Q_NAMES=() QGROUPS=() PAIRS=()
declare -A QTAB QKIND QSQL GQ
addq() { Q_NAMES+=("$1"); QTAB[$1]=$2; QKIND[$1]=$3; QSQL[$1]=$4; }
addq floor_count_star omop.measurement floor "SELECT count(*) FROM omop.measurement"
addq floor_sum_value omop.measurement floor "SELECT sum(value_as_number) FROM omop.measurement"
addq floor_avg_by_patient omop.measurement floor \
    "SELECT person_id, avg(value_as_number) FROM omop.measurement GROUP BY person_id"
# the reference for ordered per-patient work: sort each patient's values
addq ref_array_agg_obs bench_obs floor "SELECT patient_id, array_agg(value ORDER BY ts) FROM bench_obs GROUP BY patient_id"
[ "$SCALING" = 1 ] || QGROUPS+=(floor); GQ[floor]="floor_count_star floor_sum_value floor_avg_by_patient ref_array_agg_obs"
# grading over the warehouse: the albumin rows (~4 %) of the 10M-row table
addq grade_sum_value omop.measurement grade "SELECT sum(value_as_number) FROM omop.measurement WHERE $ALB"
addq grade_case omop.measurement grade "SELECT sum($GRADE_CASE) FROM omop.measurement WHERE $ALB"
addq grade_cls omop.measurement grade "SELECT sum($GRADE_CLS) FROM omop.measurement WHERE $ALB"
[ "$SCALING" = 1 ] || QGROUPS+=(grade); GQ[grade]="floor_count_star grade_sum_value grade_case grade_cls"
# grading where every row is graded: bench_albumin (the albumin rows repeated)
addq dense_sum_value bench_albumin grade "SELECT sum(value_as_number) FROM bench_albumin"
addq dense_grade_case bench_albumin grade "SELECT sum($GRADE_CASE) FROM bench_albumin"
addq dense_grade_cls bench_albumin grade "SELECT sum($GRADE_CLS) FROM bench_albumin"
[ "$SCALING" = 1 ] || QGROUPS+=(dense); GQ[dense]="floor_count_star dense_sum_value dense_grade_case dense_grade_cls"

strip() { sed -e 's/[[:space:]]*;[[:space:]]*$//' "$1"; }
BS=$CLS_REPO/test/bench/sql
shopt -s nullglob
for f in "$BS"/*_cls.sql; do
    n=$(basename "$f" _cls.sql)
    if grep -qiw bench_obs "$f"; then t=bench_obs k=patient_id v=value
    else t=omop.measurement k=person_id v=value_as_number; fi
    PAIRS+=("$n") QGROUPS+=("$n") GQ[$n]="floor_count_star ${n}_cls"
    addq "${n}_cls" "$t" cls "$(strip "$f")"
    if [ "$SCALING" = 1 ]; then :   # only the cls query and its avg floor
    elif [ -f "$BS/${n}_sql.sql" ]; then
        addq "${n}_sql" "$t" baseline "$(strip "$BS/${n}_sql.sql")"; GQ[$n]+=" ${n}_sql"
    fi
    for r in "$BS/${n}"_*_sql.sql; do
        [ "$SCALING" = 1 ] && break
        l=$(basename "$r" _sql.sql); l=${l#"${n}_"}
        [ -f "$BS/${n}_${l}_cls.sql" ] && continue   # the baseline of another pair
        addq "${n}_$l" "$t" ref "$(strip "$r")"; GQ[$n]+=" ${n}_$l"
    done
    if [ -f "$BS/${n}_avg.sql" ]; then addq "${n}_avg" "$t" avg "$(strip "$BS/${n}_avg.sql")"
    else addq "${n}_avg" "$t" avg "SELECT $k, avg($v) FROM $t GROUP BY $k"; fi
    GQ[$n]+=" ${n}_avg"
done
shopt -u nullglob
# settings timed per query: w0, w2, and pw for cls aggregates
settings() { if [ "$SCALING" = 1 ]; then echo w0; elif [ "${QKIND[$1]}" = cls ]; then echo w0 w2 pw; else echo w0 w2; fi; }
workers() { if [ "$1" = w0 ]; then echo 0; else echo 2; fi; }
# qsql Q S -> the query's SQL for setting S (pw: on the bench_part tables)
qsql() {
    if [ "$2" = pw ]; then
        sed -e 's/\bomop\.measurement\b/bench_part.measurement/g' -e 's/\bbench_obs\b/bench_part.bench_obs/g' <<< "${QSQL[$1]}"
    else printf '%s\n' "${QSQL[$1]}"; fi
}

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

step "generate the warehouse: $PATIENTS patients x 1000 rows"
cc -O2 -std=c99 -Wall -Wextra -Werror -o "$W/gen" "$CLS_REPO/test/demo/gen_warehouse.c" -lm \
    || cls_die "generator build failed"
"$W/gen" --patients "$PATIENTS" --seed 20250501 --rows-per-patient 1000 --out "$W/wh" 2>"$W/gen.log" \
    || { cat "$W/gen.log" >&2; cls_die "generator failed"; }
sed 's/^/#   /' "$W/gen.log" >&2

TABLES=(omop.measurement bench_obs); [ "$SCALING" = 1 ] || TABLES+=(bench_albumin)
step "load (test/demo/schema.sql + load.sql), ${TABLES[*]:1}"
cls_psql_on bench -c 'CREATE DATABASE bench' || cls_die "createdb"
B -c 'CREATE EXTENSION cls' -c 'CREATE EXTENSION pg_prewarm' -f "$CLS_REPO/test/demo/schema.sql" >/dev/null \
    || cls_die "schema.sql"
B -v datadir="$W/wh" -f "$CLS_REPO/test/demo/load.sql" >/dev/null || cls_die "load.sql"
rm -rf "$W/wh"
B -f "$CLS_REPO/test/bench/bench_obs.sql" >/dev/null || cls_die "bench_obs.sql"
if [ "$SCALING" = 0 ]; then
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
# bench_part: the same tables hash-partitioned by patient (PART_N partitions,
# rows in the same order) for the partitionwise plan: a Parallel Append hands
# each process (2 workers and the leader) a whole partition, so 3 partitions
# use the same 3 processes as the w2 plan.  parallel_workers = 0 on the
# partitions: otherwise, from about 1.5M rows per partition, the planner
# prefers a Gather with partial aggregates inside each partition (the combine
# plan again; seen at --patients 5000)
step "bench_part: omop.measurement and bench_obs hash-partitioned by patient ($PART_N partitions)"
{
    echo "SET client_min_messages = warning; CREATE SCHEMA bench_part;"
    for t in measurement:omop.measurement:person_id bench_obs:bench_obs:patient_id; do
        IFS=: read -r p src key <<< "$t"
        echo "CREATE TABLE bench_part.$p (LIKE $src) PARTITION BY HASH ($key);"
        for ((r = 0; r < PART_N; r++)); do
            echo "CREATE TABLE bench_part.${p}_p$r PARTITION OF bench_part.$p FOR VALUES WITH (MODULUS $PART_N, REMAINDER $r) WITH (parallel_workers = 0);"
        done
        o=ctid; [ "$p" = measurement ] && o=measurement_id
        echo "INSERT INTO bench_part.$p SELECT * FROM $src ORDER BY $o;"
    done
} | B >/dev/null || cls_die "bench_part"
fi
step "VACUUM (FREEZE, ANALYZE)$([ "$SCALING" = 0 ] && echo ', pg_prewarm')"
B -c 'VACUUM (FREEZE, ANALYZE)' || cls_die "vacuum"
# (--scaling: no prewarm; at 100,000 patients the tables exceed shared_buffers
# and the page cache, and each group's warm-up round reads them anyway)
[ "$SCALING" = 1 ] || B -At -c "SELECT sum(pg_prewarm(c)) FROM (SELECT c::regclass FROM unnest(ARRAY['omop.measurement','bench_obs','bench_albumin']) c
    UNION ALL SELECT relid FROM pg_partition_tree('bench_part.measurement') WHERE isleaf
    UNION ALL SELECT relid FROM pg_partition_tree('bench_part.bench_obs') WHERE isleaf) t(c)" >/dev/null \
    || cls_die "prewarm"
declare -A NROWS
for t in "${TABLES[@]}"; do
    NROWS[$t]=$(B -At -c "SELECT count(*) FROM $t")
done
SIZES=$(B -At -F' ' -c "SELECT string_agg(format('%s %s', c, pg_size_pretty(pg_table_size(c::regclass))), ', ')
                          FROM unnest(string_to_array('${TABLES[*]}', ' ')) c")

# ----------------------------------------------------------------- timing --
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# (for the shards part)
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
# time_group G: one session; a warm-up round, then RUNS rounds of every
# query of G at each of its settings.  Sets T[G,Q:S] (the RUNS times in ms,
# space-separated, in round order), LW[Q:S] (workers launched), SPILL[Q:S]
# (some run spilled to disk), PARTIAL[Q:S] (its plan combines partial
# aggregates: for pw, the partitionwise plan was not chosen), and of the
# plan's first aggregate node: AGG[Q:S] (its kind), INROWS[Q:S] (the actual
# rows of its input), SPILLD[Q:S] (HashAggregate batches, kB on disk of
# hash batches and sorts; the largest over the rounds).
declare -A T LW SPILL PARTIAL AGG INROWS SPILLD
time_group() {
    local g=$1 q s r k=0 ms l sp pa ag in b d items=()
    for q in ${GQ[$g]}; do for s in $(settings "$q"); do items+=("$q:$s"); done; done
    {
        echo "SET enable_partitionwise_aggregate = on;"
        for ((r = 0; r <= RUNS; r++)); do
            for it in "${items[@]}"; do
                echo "SET max_parallel_workers_per_gather = $(workers "${it#*:}");"
                printf 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, COSTS OFF)\n%s\n;\n' "$(qsql "${it%%:*}" "${it#*:}")"
            done
        done
    } > "$W/q.sql"
    B -At -f "$W/q.sql" > "$W/plans" 2>>"$W/errors.log" || return 1
    # one line per EXPLAIN: execution ms, workers launched, spilled (0/1),
    # partial aggregation (0/1), the first aggregate node, its input rows,
    # the most batches of a HashAggregate, kB on disk
    awk 'function num(line, key,   s) { s = line; sub(".*" key, "", s); sub(/[^0-9].*/, "", s); return s + 0 }
         /Workers Launched:/ { l += $NF }
         /Batches: ([2-9]|[1-9][0-9])|Disk Usage: [1-9]|Disk: [1-9]|external (sort|merge)/ { sp = 1 }
         /Partial (Hash|Group)?Aggregate/ { pa = 1 }
         /Batches: / && num($0, "Batches: ") > b { b = num($0, "Batches: ") }
         /Disk Usage: / { d += num($0, "Disk Usage: ") }
         /Disk: / { d += num($0, "Disk: ") }
         want && /actual rows=/ { ir = num($0, "actual rows="); want = 0 }
         ag == "" && /Aggregate \(actual rows=/ { ag = $0; sub(/ \(actual.*/, "", ag); sub(/.*[> ]/, "", ag); want = 1 }
         /^Execution Time:/ { print $3, l + 0, sp + 0, pa + 0, (ag == "" ? "-" : ag), ir + 0, b + 0, d + 0
             l = 0; sp = 0; pa = 0; ag = ""; ir = 0; b = 0; d = 0; want = 0 }' "$W/plans" > "$W/plans.t"
    [ "$(wc -l < "$W/plans.t")" -eq $(( ${#items[@]} * (RUNS + 1) )) ] || return 1
    while read -r ms l sp pa ag in b d; do
        r=$((k / ${#items[@]})) it=${items[k % ${#items[@]}]} k=$((k + 1))
        [ "$r" = 0 ] && continue
        T[$g,$it]+="$ms "
        [ "$l" -gt 0 ] && LW[$it]=$l
        [ "$sp" = 1 ] && SPILL[$it]=1
        [ "$pa" = 1 ] && PARTIAL[$it]=1
        AGG[$it]=$ag INROWS[$it]=$in
        [ "$b" -gt 1 ] || [ "$d" -gt 0 ] || continue
        [ -n "${SPILLD[$it]:-}" ] && [ "${SPILLD[$it]%% *}" -ge "$b" ] && continue
        SPILLD[$it]="$b batches, $d kB on disk"
    done < "$W/plans.t"
    echo "$g: $(for it in "${items[@]}"; do printf '%s [%s] ' "$it" "${T[$g,$it]% }"; done)" >> "$W/times.log"
}
for g in "${QGROUPS[@]}"; do
    step "time group $g: ${GQ[$g]} ($RUNS rounds + warm-up)"
    time_group "$g" || { failed "group $g: a query failed or its plan could not be read (see errors)"; }
done

# ---------------------------------------------------------------- results --
# (not with --scaling: it has no baselines, 2-worker or partitionwise runs)
if [ "$SCALING" = 0 ]; then
# result Q S -> md5 of the sorted COPY output (kept in $W/res.Q.S)
result() {
    B -At -c "SET enable_partitionwise_aggregate = on" -c "SET max_parallel_workers_per_gather = $(workers "$2")" \
        -c "COPY ($(qsql "$1" "$2")
) TO STDOUT" 2>>"$W/errors.log" > "$W/res" || { echo ERROR; return 0; }
    LC_ALL=C sort "$W/res" > "$W/res.$1.$2"
    md5sum < "$W/res.$1.$2" | cut -c1-32
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

# same Q S R -> 0 when Q's result at setting S equals R's result at w0
# (floors and avg: within 1e-9 relative); a difference's first lines go to
# the error log
declare -A MD5 RES
same() {
    local a=$1:$2 b=$3:w0
    [ "${MD5[$a]}" != ERROR ] && [ "${MD5[$b]}" != ERROR ] || return 1
    [ "${MD5[$a]}" = "${MD5[$b]}" ] && return 0
    if [[ ${QKIND[$1]} == floor || ${QKIND[$1]} == avg ]] && near_equal "$W/res.$1.$2" "$W/res.$3.w0"; then
        NEAR=" within 1e-9"; return 0
    fi
    { echo "$a differs from $b:"; diff "$W/res.$1.$2" "$W/res.$3.w0" | head -n 6; } >> "$W/errors.log"
    return 1
}
for q in "${Q_NAMES[@]}"; do
    step "results of $q"
    for s in $(settings "$q"); do
        if [ "$s" = w2 ] && [ -z "${LW[$q:w2]:-}" ]; then MD5[$q:w2]=${MD5[$q:w0]}; RES[$q]+="w2: serial plan; "
        else MD5[$q:$s]=$(result "$q" "$s"); fi
    done
    for s in $(settings "$q"); do
        [ "$s" = w0 ] && continue
        [ "$s" = w2 ] && [ -z "${LW[$q:w2]:-}" ] && continue
        NEAR=""
        if same "$q" "$s" "$q"; then RES[$q]+="$s = w0$NEAR; "
        else RES[$q]+="$s DIFFERS; "; failed "$q: results at $s and w0 differ"; fi
    done
done
for n in "${PAIRS[@]}"; do
    for q in ${GQ[$n]}; do
        [[ ${QKIND[$q]} == baseline || ${QKIND[$q]} == ref ]] || continue
        if same "${n}_cls" w0 "$q"; then RES[${n}_cls]+="= $q; "
        else RES[${n}_cls]+="DIFFERS from $q; "; failed "${n}_cls: result differs from $q (first lines in the errors below)"; fi
    done
done
declare -A GRADESUM
for p in grade dense_grade; do
    a=$(cat "$W/res.${p}_cls.w0" 2>/dev/null) b=$(cat "$W/res.${p}_case.w0" 2>/dev/null)
    if [ -n "$a" ] && [ "$a" = "$b" ]; then GRADESUM[$p]="$a"; else
        failed "${p}: sum of cls grades ($a) != sum of CASE grades ($b)"; fi
done
rm -f "$W"/res*

# ----------------------------------------------------------------- memory --
# mem_of WORK_MEM SQL -> "peak_kB input_rows batches disk_kB" of the first
# HashAggregate (0 workers, no sort, no index scan)
mem_of() {
    B -At -c 'SET max_parallel_workers_per_gather = 0' -c 'SET enable_sort = off' \
        -c 'SET enable_indexscan = off' -c 'SET enable_indexonlyscan = off' -c 'SET enable_bitmapscan = off' \
        -c "SET work_mem = '$1'" -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $2" 2>>"$W/errors.log" | awk '
        function after(line, key,   s) { s = line; sub(".*" key, "", s); sub(/[^0-9].*/, "", s); return s }
        !h && /HashAggregate/ { h = 1; next }
        h && m == "" && /Memory Usage: [0-9]+kB/ { m = after($0, "Memory Usage: ")
            b = /Batches: / ? after($0, "Batches: ") : 1; d = /Disk Usage: / ? after($0, "Disk Usage: ") : 0 }
        h && m != "" && /->/ && /actual rows=/ { print m, after($0, "actual rows="), b, d; exit }'
}
declare -A MEMB MEMS
for t in omop.measurement bench_obs; do
    k=person_id; [ "$t" = bench_obs ] && k=patient_id
    step "memory baseline: count(*) GROUP BY $k on $t"
    read -r base_kb _ < <(mem_of "$MEM_WORK_MEM" "SELECT $k, count(*) FROM $t GROUP BY $k"; echo)
    MEMB[$t]=${base_kb:-0}
done
# calibration of the method: array_agg(value) without ORDER BY (hashable)
# buffers one float8 per row in an 8-byte Datum array that grows by doubling
MEM_N=(calibration_array_agg) MEM_T=(bench_obs) MEM_Q=("SELECT patient_id, array_agg(value) FROM bench_obs GROUP BY patient_id")
for n in "${PAIRS[@]}"; do MEM_N+=("$n") MEM_T+=("${QTAB[${n}_cls]}") MEM_Q+=("${QSQL[${n}_cls]}"); done
for i in "${!MEM_N[@]}"; do
    n=${MEM_N[i]} t=${MEM_T[i]}
    step "memory of $n"
    read -r kb rows b d < <(mem_of "$MEM_WORK_MEM" "${MEM_Q[i]}"; echo)
    if [ -z "${kb:-}" ] || [ -z "${rows:-}" ] || [ "$rows" -eq 0 ]; then
        MEMB[$n]="n/a (no HashAggregate in the plan)"
    elif [ "$b" -gt 1 ]; then
        MEMB[$n]="spilled ($b batches, $d kB on disk, at work_mem $MEM_WORK_MEM)"
    else
        MEMB[$n]=$(awk -v a="$kb" -v z="${MEMB[$t]}" -v r="$rows" \
            'BEGIN { printf "%.1f B/row (%d kB - %d kB hash table, %d rows)", (a - z) * 1024 / r, a, z, r }')
    fi
    read -r kb rows b d < <(mem_of 64MB "${MEM_Q[i]}"; echo)
    if [ -z "${b:-}" ]; then MEMS[$n]=n/a
    elif [ "$b" -gt 1 ]; then MEMS[$n]="spills: $b batches, $d kB on disk"
    else MEMS[$n]="no spill ($kb kB in memory)"; fi
done

fi   # results and memory: not with --scaling

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
# stats LIST -> "min median max"; ratios LIST_A LIST_B -> per-round a / b;
# fmt LIST -> "median [min-max]"; med LIST -> the median (n/a: empty)
stats() { tr ' ' '\n' <<< "$1" | grep . | sort -g | awk '{a[NR] = $1} END { if (NR) printf "%s %s %s\n", a[1], (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), a[NR] }'; }
ratios() { awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); if (split(b, y, " ") != n) exit
    for (i = 1; i <= n; i++) if (x[i] > 0 && y[i] > 0) printf "%.6g ", x[i] / y[i] }'; }
fmt() { local s; s=$(stats "$1"); [ -n "$s" ] || { echo n/a; return; }
    awk -v s="$s" -v d="${2:-2}" 'BEGIN { split(s, v, " "); printf "%.*f [%.*f-%.*f]", d, v[2], d, v[1], d, v[3] }'; }
med() { local s; s=$(stats "$1"); if [ -n "$s" ]; then s=${s#* }; echo "${s%% *}"; else echo n/a; fi; }
# judge VALUE OP LIMIT... -> ok when every VALUE OP LIMIT holds, n/a when one is n/a
judge() {
    local op=$1 l=$2 v r=ok; shift 2
    for v in "$@"; do
        [ "$v" = n/a ] && { echo n/a; return; }
        awk -v v="$v" -v op="$op" -v l="$l" 'BEGIN { exit !((op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0)) }' || r=MISS
    done
    echo "$r"
}
# speedup G Q [S] -> per-round w0 / S (default w2) of Q in group G
speedup() { ratios "${T[$1,$2:w0]:-}" "${T[$1,$2:${3:-w2}]:-}"; }
# rel G Q -> per-round (Q's w0/w2) / (count(*)'s w0/w2) in the same rounds
rel() { ratios "$(speedup "$1" "$2")" "$(speedup "$1" floor_count_star)"; }
# per G A B S -> per-round time of A / time of B at setting S
per() { ratios "${T[$1,$2:$4]:-}" "${T[$1,$3:$4]:-}"; }
ms() { local m; m=$(med "${T[$1,$2:$3]:-}"); [ "$m" = n/a ] && echo "" || printf '%.0f' "$m"; }
# head_lines TITLE ARGS SETTINGS HOW: the report's first lines (machine,
# command, tables, settings)
head_lines() {
    local t
    echo
    echo "## $1: $PATIENTS patients; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$CLS_REPO" rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; PostgreSQL $(B -At -c 'SHOW server_version')"
    echo "command: bash test/bench.sh $2"
    echo "tables: $SIZES; rows: $(for t in "${TABLES[@]}"; do printf '%s %s, ' "$t" "${NROWS[$t]}"; done | sed 's/, $//')"
    echo "settings: shared_buffers 2GB, work_mem 64MB, jit off; $3"
    echo "$4"
    echo
}
# finish MESSAGE: the timed runs, errors, total time; exit 1 on a failed
# check, else print MESSAGE and exit 0
finish() {
    echo
    echo "# all timed runs (ms):"; sed 's/^/#   /' "$W/times.log"
    if [ -s "$W/errors.log" ]; then echo "# errors:"; sed 's/^/#   /' "$W/errors.log"; fi
    echo "# total time $((SECONDS - T0)) s"
    if [ ${#FAILED[@]} -gt 0 ]; then
        echo "FAILED (${#FAILED[@]}):"; printf '  %s\n' "${FAILED[@]}"
        exit 1
    fi
    echo "$1"
    exit 0
}
# nsrow G Q -> per-round ns per input row of Q at w0 in group G
nsrow() { awk -v t="${T[$1,$2:w0]:-}" -v r="${INROWS[$2:w0]:-0}" 'BEGIN { n = split(t, x, " ")
    if (r > 0) for (i = 1; i <= n; i++) printf "%.6g ", x[i] * 1e6 / r }'; }

if [ "$SCALING" = 1 ]; then
    head_lines "cls scaling" "--scaling --patients $PATIENTS --runs $RUNS" \
        "0 workers; $RUNS rounds after 1 warm-up round, each round runs its group's queries back to back" \
        "ns/row: server-side execution time / rows reaching the plan's first aggregate node, median [min-max] over the rounds; cls / avg: per-round ratio to avg(value) GROUP BY patient over the same rows, same round"
    echo "| aggregate | query | input rows | aggregate node | ns/row, median [min-max] | cls / avg, same round | spilled |"
    echo "|---|---|---:|---|---:|---:|---|"
    for n in "${PAIRS[@]}"; do
        for q in ${GQ[$n]}; do
            c=""; [ "${QKIND[$q]}" = cls ] && c=$(fmt "$(per "$n" "$q" "${n}_avg" w0)")
            echo "| $n | $q | ${INROWS[$q:w0]:-n/a} | ${AGG[$q:w0]:-n/a} | $(fmt "$(nsrow "$n" "$q")" 1) | $c | ${SPILLD[$q:w0]:-no} |"
        done
    done
    finish "no result checks with --scaling"
fi

head_lines "cls benchmark" "--patients $PATIENTS --runs $RUNS$([ "$SHARDS" = 0 ] && echo ' --no-shards')" \
    "w0 = 0 workers, w2 = 2 workers, pw = partitionwise ($PART_N hash partitions by patient, enable_partitionwise_aggregate on, 2 workers)" \
    "times: median of $RUNS rounds after 1 warm-up round (server-side EXPLAIN (ANALYZE, TIMING OFF) execution time); ratios: median [min-max] of the per-round ratios"
echo "| group | query | kind | w0 ms | w2 ms | pw ms | w0 ns/row | speedup w0/w2 | count(*) w0/w2, same rounds | speedup w0/pw | spilled | results |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
for g in "${QGROUPS[@]}"; do
    for q in ${GQ[$g]}; do
        [ "$q" = floor_count_star ] && [ "$g" != floor ] && continue
        t=${QTAB[$q]} m0=$(med "${T[$g,$q:w0]:-}") sp="" pw="" pws=""
        ns=$(awk -v m="$m0" -v n="${NROWS[$t]}" 'BEGIN { if (m + 0 > 0) printf "%.0f", m * 1e6 / n; else print "n/a" }')
        for s in $(settings "$q"); do [ -n "${SPILL[$q:$s]:-}" ] && sp+="$s "; done
        if [ "${QKIND[$q]}" = cls ]; then pw=$(ms "$g" "$q" pw) pws=$(fmt "$(speedup "$g" "$q" pw)")
            [ -n "${PARTIAL[$q:pw]:-}" ] && pws+=" (NOT partitionwise: partial aggregates)"; fi
        echo "| $g | $q | ${QKIND[$q]} | $(ms "$g" "$q" w0) | $(ms "$g" "$q" w2) | $pw | $ns | $(fmt "$(speedup "$g" "$q")") | $(fmt "$(speedup "$g" floor_count_star)") | $pws | ${sp:-no} | ${RES[$q]:-}|"
    done
done
echo
echo "| comparison (per-round ratio of times) | w0 | w2 |"
echo "|---|---:|---:|"
cmp() { echo "| $4 | $(fmt "$(per "$1" "$2" "$3" w0)") | $(fmt "$(per "$1" "$2" "$3" w2)") |"; }
cmp grade grade_cls grade_case "grade_cls / grade_case"
cmp grade grade_cls grade_sum_value "grade_cls / grade_sum_value"
cmp dense dense_grade_cls dense_grade_case "dense_grade_cls / dense_grade_case"
cmp dense dense_grade_cls dense_sum_value "dense_grade_cls / dense_sum_value"
for n in "${PAIRS[@]}"; do
    for q in ${GQ[$n]}; do
        case ${QKIND[$q]} in
            baseline) cmp "$n" "$q" "${n}_cls" "$n: $q / ${n}_cls (baseline; times faster)" ;;
            ref) cmp "$n" "$q" "${n}_cls" "$n: $q / ${n}_cls (reference; times faster)" ;;
            avg) cmp "$n" "${n}_cls" "$q" "$n: ${n}_cls / $q (avg(value) GROUP BY patient, same rows)" ;;
        esac
    done
done
echo
echo "memory per input row of each cls aggregate (HashAggregate, 0 workers, work_mem $MEM_WORK_MEM) and its spill at the bench's work_mem 64MB:"
for n in calibration_array_agg "${PAIRS[@]}"; do echo "  $n: ${MEMB[$n]:-n/a}; at 64MB: ${MEMS[$n]:-n/a}"; done
echo "grade sums: grade_cls = grade_case = ${GRADESUM[grade]:-?}; dense_grade_cls = dense_grade_case = ${GRADESUM[dense_grade]:-?}"

# the targets of issue 16 (judged on medians of per-round ratios)
declare -A SPEED_TARGET=([triad]=10 [state_episodes]=8 [eras]=5)
declare -A SPEED_WHAT=([triad]="triad vs the float8 SQL" [state_episodes]="state episodes vs gaps-and-islands" [eras]="eras vs the range_agg form")
echo
echo "| what | target | measured: median [min-max] | result |"
echo "|---|---|---|---|"
for n in triad state_episodes eras; do
    [ -n "${QSQL[${n}_cls]:-}" ] && [ -n "${QSQL[${n}_sql]:-}" ] || continue
    a=$(per "$n" "${n}_sql" "${n}_cls" w0) b=$(per "$n" "${n}_sql" "${n}_cls" w2)
    echo "| ${SPEED_WHAT[$n]} (${n}_sql / ${n}_cls) | >= ${SPEED_TARGET[$n]}x, w0 and w2 | w0 $(fmt "$a"), w2 $(fmt "$b") | $(judge ">=" "${SPEED_TARGET[$n]}" "$(med "$a")" "$(med "$b")") |"
done
for n in "${PAIRS[@]}"; do
    a=$(per "$n" "${n}_cls" "${n}_avg" w0) b=$(per "$n" "${n}_cls" "${n}_avg" w2)
    echo "| ${n}_cls vs avg(value) GROUP BY patient on the same rows | <= 1.0x, w0 and w2 | w0 $(fmt "$a"), w2 $(fmt "$b") | $(judge "<=" 1.0 "$(med "$a")" "$(med "$b")") |"
done
for n in "${PAIRS[@]}"; do
    lim=16; [ "$n" = state_episodes ] && lim=8
    b=${MEMB[$n]%% *}; [[ $b =~ ^[0-9.]+$ ]] || b=n/a
    r=$(judge "<=" "$lim" "$b"); [[ ${MEMS[$n]:-} == "no spill"* ]] || r=MISS
    echo "| memory per buffered observation, ${n}_cls | <= $lim B, no spill at work_mem 64MB | ${MEMB[$n]%% (*}; at 64MB: ${MEMS[$n]:-n/a} | $r |"
done
for n in "${PAIRS[@]}"; do
    a=$(rel "$n" "${n}_cls")
    echo "| parallel speedup of ${n}_cls | >= 0.9 x the count(*) speedup in the same rounds | ${n}_cls $(fmt "$(speedup "$n" "${n}_cls")"), count(*) $(fmt "$(speedup "$n" floor_count_star)"), ratio $(fmt "$a") | $(judge ">=" 0.9 "$(med "$a")") |"
done
for n in "${PAIRS[@]}"; do
    a=$(speedup "$n" "${n}_cls" pw)
    r=$(judge ">=" 1.6 "$(med "$a")")
    [ -n "${PARTIAL[${n}_cls:pw]:-}" ] && r="MISS (the plan was not partitionwise)"
    echo "| partitionwise speedup of ${n}_cls (w0 / pw) | >= 1.6x | $(fmt "$a") | $r |"
done
a=$(per dense dense_grade_cls dense_grade_case w0) b=$(per dense dense_grade_cls dense_grade_case w2)
echo "| grading, every row graded: dense_grade_cls / dense_grade_case | <= 1.0x, w0 and w2 | w0 $(fmt "$a"), w2 $(fmt "$b") | $(judge "<=" 1.0 "$(med "$a")" "$(med "$b")") |"
a=$(per dense dense_grade_cls dense_sum_value w0) b=$(per dense dense_grade_cls dense_sum_value w2)
echo "| grading, every row graded: dense_grade_cls / dense_sum_value | <= 1.3x, w0 and w2 | w0 $(fmt "$a"), w2 $(fmt "$b") | $(judge "<=" 1.3 "$(med "$a")" "$(med "$b")") |"
c=""; for n in "${PAIRS[@]}"; do
    c+="${n}_cls $(awk -v m="$(med "${T[$n,${n}_cls:w0]:-}")" -v r="${NROWS[${QTAB[${n}_cls]}]}" 'BEGIN { if (m + 0 > 0) printf "%.0f", m * 1e6 / r; else print "n/a" }') ns/row, "
done
echo "| cost per row from 1,000 to 100,000 patients | flat within 1.3x | at $PATIENTS patients (w0): ${c%, } | n/a (one size per run: compare bash test/bench.sh --scaling at --patients 1000 and 100000) |"
r2() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'; }
fmt_ms() { awk -v x="$1" 'BEGIN { if (x + 0 > 0) printf "%.0f", x; else printf "%s", x }'; }
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
finish "all result checks passed"
