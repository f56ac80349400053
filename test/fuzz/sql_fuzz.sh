#!/bin/bash
# test/fuzz/sql_fuzz.sh [SECONDS] [SEED] -- the SQL-level property fuzzer:
# random but seeded calls of every cls function and aggregate (enumerated
# from pg_proc, argument types from the catalog) on a throwaway cluster,
# with hostile values (NaN, +-Infinity, +-1e308, denormals, -0, extreme and
# infinite timestamps, huge and negative intervals, NULLs, long and
# multibyte strings, empty, NULL-holding and huge arrays and multiranges).
# The generator and the checks are PL/pgSQL: test/fuzz/sql_fuzz.sql.
#
#   bash test/fuzz/sql_fuzz.sh            # 60 s, seed from the clock
#   bash test/fuzz/sql_fuzz.sh 3600 42    # long run, fixed seed
#
# Prints TAP lines: the server never crashed (a batch whose session dies is
# replayed with every query printed, to name the one that crashed it), no
# statement timeout, only documented SQLSTATEs, every result COPY-able (its
# text output re-reads through the type's input function, as COPY FROM and
# pg_restore do), durations >= 0, forced parallel = serial and shuffled
# rows = ordered rows for the aggregates; then the inputs tried per
# category and the outcomes per SQLSTATE as comments.  Run by
# test/fuzz/run.sh (which test/check.sh runs); needs the private install of
# test/lib/common.sh (reuses test/check.sh's cluster when it is exported).
#
# Known bugs: test/fuzz/sql_xfail lists `check function-pattern reason`
# lines; violations of that check by a function matching the (bash glob)
# pattern are reported as `# TODO` and do not fail the run.  Delete the line
# once the bug is fixed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
source "$here/../lib/common.sh"

secs=${1:-60}
seed=${2:-$(( $(date +%s) % 100000 ))}
case $secs$seed in *[!0-9]*) echo "usage: $0 [SECONDS] [SEED]" >&2; exit 2;; esac
batch=${CLS_SQLFUZZ_BATCH:-40}

cls_require_cluster
db=cls_sqlfuzz_$$
cls_psql -d postgres -c "CREATE DATABASE $db" >/dev/null || cls_die "create database $db"
cls_on_exit "cls_psql -d postgres -c 'DROP DATABASE IF EXISTS $db' >/dev/null 2>&1"
cls_psql -d "$db" -c "CREATE EXTENSION cls" >/dev/null || cls_die "CREATE EXTENSION cls"
cls_psql -d "$db" -f "$here/sql_fuzz.sql" >/dev/null || cls_die "loading sql_fuzz.sql"
cls_diag "sql fuzz: seed $seed, $secs s, $batch calls per batch"

started=$(cls_sql "SELECT pg_postmaster_start_time()" "$db")
log_lines() { local l="CLS_C_${CLS_CLUSTER}_LOG"; [ -n "${!l:-}" ] && wc -l < "${!l}" || echo 0; }
log_from=$(log_lines)
workers=$(cls_sql "SELECT fz.workers_launched()" "$db")
if [ "${workers:-0}" -gt 0 ]; then cls_pass "sql fuzz: forced parallel plans launch workers ($workers)"
else cls_fail "sql fuzz: forced parallel plans launch workers" "none launched: the parallel check would compare serial with serial"; fi

# seed of batch b, in [-1, 1) as setseed() wants it
bseed() { awk -v s="$seed" -v b="$1" 'BEGIN { printf "%.4f", ((s * 7919 + b) % 20000) / 10000 - 1 }'; }
t0=$SECONDS b=0 calls=0 crashed=0 timeouts=0
while [ $((SECONDS - t0)) -lt "$secs" ]; do
    s=$(bseed $b)
    if out=$(cls_psql -At -d "$db" -c "SET statement_timeout = '300s'" -c "SELECT fz.run($s, $batch)" 2>&1); then
        calls=$((calls + batch))
    elif grep -q 'canceling statement due to statement timeout' <<<"$out"; then
        timeouts=$((timeouts + 1))
        cls_diag "batch $b (setseed $s) timed out: replay with SELECT fz.run($s, $batch, true) in a database with test/fuzz/sql_fuzz.sql"
    else
        # a crash (or an error that escaped a call): replay the batch with
        # every query printed, keep the last one before the failure
        sleep 2
        for _ in 1 2 3 4 5 6 7 8 9 10; do cls_sql "SELECT 1" "$db" >/dev/null 2>&1 && break; sleep 1; done
        replay=$(cls_psql -At -d "$db" -c "SELECT fz.run($s, $batch, true)" 2>&1)
        last=$(grep -o 'WARNING:  fz [0-9]*: .*' <<<"$replay" | tail -1 | cut -c1-2000)
        crashed=$((crashed + 1))
        cls_diag "batch $b (setseed $s) failed: $(head -c 400 <<<"$out")"
        cls_diag "last query before it: ${last:-?}"
        for _ in 1 2 3 4 5 6 7 8 9 10; do cls_sql "SELECT 1" "$db" >/dev/null 2>&1 && break; sleep 1; done
    fi
    b=$((b + 1))
done

now=$(cls_sql "SELECT pg_postmaster_start_time()" "$db" 2>/dev/null)
l="CLS_C_${CLS_CLUSTER}_LOG"
sig=$( [ -n "${!l:-}" ] && tail -n +"$((log_from + 1))" "${!l}" | grep -cE 'terminated by signal|PANIC|server process .* was terminated' )
if [ "$crashed" -eq 0 ] && [ "$now" = "$started" ] && [ "${sig:-0}" -eq 0 ]; then
    cls_pass "sql fuzz: the server never crashed and no error escaped a call ($calls calls in $b batches, seed $seed)"
else
    cls_fail "sql fuzz: the server never crashed and no error escaped a call" "$crashed failed batches, $sig crash lines in the server log, start time $started -> $now"
fi
if [ "$timeouts" -eq 0 ]; then cls_pass "sql fuzz: no batch hit the 300 s statement timeout"
else cls_fail "sql fuzz: no batch hit the 300 s statement timeout" "$timeouts batches"; fi

# One TAP line per check; xfail lines turn matching violations into TODOs.
xfail=()
[ -f "$here/sql_xfail" ] && while read -r c pat reason; do
    [ -n "$c" ] && [ "${c:0:1}" != "#" ] && xfail+=("$c|$pat|$reason")
done < "$here/sql_xfail"
declare -A what=(
    [sqlstate]="only documented SQLSTATEs ($(cls_sql "SELECT string_agg(state, ' ' ORDER BY state) FROM fz.allowed" "$db"))"
    [roundtrip]="every result re-reads through its type's input (COPY/pg_restore round trip)"
    [duration]="no negative duration"
    [parallel]="forced parallel = serial (aggregates)"
    [order]="shuffled rows = ordered rows (aggregates)")
for c in sqlstate roundtrip duration parallel order; do
    n_bad=0 n_known=0 first="" known_first=""
    while IFS=$'\t' read -r fn q detail; do
        [ -z "$fn" ] && continue
        k=""
        for x in "${xfail[@]}"; do
            IFS='|' read -r xc xp xr <<<"$x"
            # shellcheck disable=SC2053
            if [ "$xc" = "$c" ] && [[ $fn == $xp ]]; then k=$xr; break; fi
        done
        if [ -n "$k" ]; then
            n_known=$((n_known + 1))
            [ -z "$known_first" ] && known_first="$fn: $detail -- reproduce: $q" && known_reason=$k
        else
            n_bad=$((n_bad + 1))
            [ -z "$first" ] && first="$fn: $detail -- reproduce: $q"
        fi
    done < <(cls_psql -At -F $'\t' -d "$db" -c "SELECT fn, translate(query, E'\t\n', '  '), translate(detail, E'\t\n', '  ')
                      FROM fz.failure WHERE check_name = '$c' ORDER BY seed, ncall")
    if [ "$n_known" -gt 0 ]; then
        cls_diag "TODO known bug ($known_reason) still reached $n_known times; first: $(cut -c1-1500 <<<"$known_first")"
    fi
    if [ "$n_bad" -eq 0 ]; then cls_pass "sql fuzz: ${what[$c]}"
    else
        cls_diag "first of $n_bad: $(cut -c1-3000 <<<"$first")"
        cls_fail "sql fuzz: ${what[$c]}" "$n_bad violations"
    fi
done

cls_diag "inputs tried per category: $(cls_sql "SELECT string_agg(cat || ' ' || n, ', ' ORDER BY n DESC) FROM fz.tried" "$db")"
cls_diag "calls per outcome: $(cls_sql "SELECT string_agg(state || ' ' || s, ', ' ORDER BY s DESC) FROM (SELECT state, sum(n) s FROM fz.outcome GROUP BY state) x" "$db")"
cls_diag "functions and aggregates reached: $(cls_sql "SELECT count(DISTINCT fn) FROM fz.outcome" "$db") of $(cls_sql "SELECT count(*) FROM fz.targets" "$db"); with a result: $(cls_sql "SELECT count(DISTINCT fn) FROM fz.outcome WHERE state = '00000'" "$db")"
cls_summary
