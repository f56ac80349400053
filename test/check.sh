#!/bin/bash
# test/check.sh -- THE test command for cls.   Usage:
#
#   bash test/check.sh            # everything (as root on Debian 12 installs deps)
#   bash test/check.sh --quick    # skip `make unit-san` and the fuzzers
#   CLS_ONLY=unit bash test/check.sh        # only unit tests (also: regress, fuzz, t;
#   CLS_ONLY=regress,t bash test/check.sh   #  comma-separated list allowed)
#   CLS_KEEP=1 bash test/check.sh # keep the temp dir (cluster logs) afterwards
#
# Steps: cls_deps; build with -Wall -Wextra -Werror; make unit; make unit-san;
# every libFuzzer target for CLS_FUZZ_SECONDS (default 20) on its corpus;
# private install (never touches the system PostgreSQL); start a throwaway
# cluster; make installcheck (pg_regress, sql/ -> expected/); every executable
# test/t/*.sh.  Every TAP line (`ok ...` / `not ok ...`) of the unit binaries
# and of test/t scripts counts as one test, every pg_regress test counts as
# one test, and build / install / cluster start count as one test each.
# A test that is skipped (`ok - NAME # skip REASON`) is counted as skipped,
# not as passed.  Every part ends with its own count ("# PART: N passed, N
# failed[, N skipped]"); the skipped tests are listed before the last line,
# "N passed, N failed" followed by ", N skipped" when any were skipped.  The
# exit status is 1 on any failure.

set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

QUICK=0
for arg in "$@"; do
    case $arg in
        --quick) QUICK=1 ;;
        --keep) export CLS_KEEP=1 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: bash test/check.sh [--quick] [--keep]" >&2; exit 2 ;;
    esac
done
ONLY=${CLS_ONLY:-regress,unit,fuzz,t}
want() { [[ ",$ONLY," == *",$1,"* ]]; }
for o in ${ONLY//,/ }; do
    case $o in regress|unit|fuzz|t) ;; *) echo "CLS_ONLY: unknown part '$o' (regress|unit|fuzz|t)" >&2; exit 2 ;; esac
done

cd "$CLS_REPO" || exit 2
exec </dev/null
section() { printf '\n=== %s ===\n' "$*"; }
# part_begin / part_end NAME: the counts of the tests run in between
part_begin() { p0=$CLS_PASSED f0=$CLS_FAILED s0=$CLS_SKIPPED; }
part_end() {
    printf '# %s: ' "$1"
    cls_counts $((CLS_PASSED - p0)) $((CLS_FAILED - f0)) $((CLS_SKIPPED - s0))
}
finish() { echo; cls_summary; exit $?; }

tmpout() { mktemp "$CLS_TMPBASE/out.XXXXXX"; }
cls_tmpbase

section "dependencies"
# shellcheck disable=SC2086
cls_deps $CLS_DEPS_PACKAGING $CLS_DEPS_CLIENTS
cls__ensure_user

# ---- build ------------------------------------------------------------------
if want regress || want t; then
    section "build (PG_CFLAGS='$CLS_CFLAGS')"
    if cls_build; then cls_pass "build with $CLS_CFLAGS"; else
        cls_fail "build with $CLS_CFLAGS"; finish
    fi
fi

# ---- unit tests -------------------------------------------------------------
# make stops at the first failing binary (set -e in the recipe); a non-zero
# exit without any `not ok` line (compile error, crash, sanitizer abort) is
# counted as one extra failure.
run_unit() {  # run_unit TARGET
    local target=$1 out rc nfail
    section "make $target"
    part_begin
    out=$(tmpout)
    cls_run_logged "$out" make -s PG_CONFIG="$CLS_PG_CONFIG" "$target"
    rc=$?
    cls_count_tap "$out" "$target: "
    nfail=$(grep -cE '^not ok( |$)' "$out")
    if [ "$rc" -ne 0 ] && [ "$nfail" -eq 0 ]; then
        cls_fail "make $target" "exit status $rc without a 'not ok' line"
    fi
    part_end "make $target"
}
if want unit; then
    run_unit unit
    if [ "$QUICK" = 1 ]; then echo "# --quick: skipping make unit-san"; else run_unit unit-san; fi
fi

# ---- fuzzing (bounded; `bash test/fuzz/run.sh SECONDS` for long runs) -------
if want fuzz && [ "$QUICK" != 1 ]; then
    section "fuzz (${CLS_FUZZ_SECONDS:-20} s per target)"
    part_begin
    out=$(tmpout)
    # the SQL fuzzer runs later on the test cluster (test/t/095_sql_fuzz.sh)
    cls_run_logged "$out" env CLS_FUZZ_SQL=0 bash test/fuzz/run.sh "${CLS_FUZZ_SECONDS:-20}"
    rc=$?
    cls_count_tap "$out" "fuzz: "
    if [ "$rc" -ne 0 ] && ! grep -qE '^not ok( |$)' "$out"; then
        cls_fail "fuzz" "exit status $rc without a 'not ok' line"
    fi
    part_end fuzz
fi

if ! want regress && ! want t; then finish; fi

# ---- private install + cluster ---------------------------------------------
section "private install"
if cls_private_install; then cls_pass "private install in $CLS_PRIVATE_ROOT"; else
    cls_fail "private install"; finish
fi
section "cluster"
if cls_cluster_start main; then
    cls_pass "start cluster main (port $PGPORT)"
    export CLS_MAIN_CLUSTER=main
else
    cls_fail "start cluster main"; finish
fi

# ---- pg_regress --------------------------------------------------------------
# PG15 pg_regress prints one line per test:
#   "test NAME   ... ok   12 ms"  (serial)  or  "     NAME   ... FAILED   3 ms"
# (parallel group member); "failed (ignored)" also counts as a failure, and
# so does "... diff: ...: No such file" (missing expected/NAME.out; pg_regress
# then aborts the remaining tests).
if want regress; then
    section "make installcheck (pg_regress)"
    shopt -s nullglob
    sqls=(sql/*.sql)
    shopt -u nullglob
    if [ ${#sqls[@]} -eq 0 ]; then
        echo "# no sql/*.sql: nothing to run"
    else
        rm -rf results regression.diffs regression.out
        out=$(tmpout)
        cls_run_logged "$out" make -s PG_CONFIG="$CLS_PG_CONFIG" installcheck \
            CONTRIB_TESTDB=cls_regression EXTRA_REGRESS_OPTS="--bindir=$CLS_PGBIN"
        rc=$?
        np=0 nf=0
        while IFS= read -r line; do
            if [[ $line =~ ^(test[[:space:]]+|[[:space:]]+)([^[:space:]]+)[[:space:]]+\.\.\.[[:space:]]+(ok|FAILED|failed|diff:) ]]; then
                t=${BASH_REMATCH[2]} st=${BASH_REMATCH[3]}
                if [ "$st" = ok ]; then np=$((np + 1)); CLS_PASSED=$((CLS_PASSED + 1))
                else nf=$((nf + 1)); CLS_FAILED=$((CLS_FAILED + 1)); CLS_FAILURES+=("regress: $t$([ "$st" = diff: ] && echo ' (diff failed: missing expected file?)')"); fi
            fi
        done < "$out"
        if [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ]; then
            cls_fail "make installcheck" "exit status $rc without a failed test"
        fi
        if [ "$np" -eq 0 ] && [ "$nf" -eq 0 ] && [ "$rc" -eq 0 ]; then
            cls_fail "make installcheck" "no test results found in the pg_regress output"
        fi
        printf '# pg_regress: '; cls_counts "$np" "$nf" 0
        if [ -s regression.diffs ]; then
            section "regression.diffs"
            cat regression.diffs
        fi
        if grep -qE 'terminated by signal|PANIC|was terminated' "${CLS_C_main_LOG:-/dev/null}"; then
            section "server crashed? server log (last 60 lines)"
            tail -n 60 "$CLS_C_main_LOG"
        fi
    fi
fi

# ---- test/t/*.sh --------------------------------------------------------------
# Each script runs as its own process, cwd = repo root, with the cluster env
# (PGHOST, PGPORT, PGUSER, PGDATABASE, CLS_PGBIN, CLS_PRIVATE_ROOT,
# CLS_MAIN_CLUSTER, ...) exported; it prints `ok - name` / `not ok - name`.
# A script that exits non-zero without a `not ok` line, or prints no TAP line
# at all, counts as one failure.  Not executable -> failure (chmod +x it).
if want t; then
    shopt -s nullglob
    for f in test/t/*.sh; do
        section "$f"
        part_begin
        if [ ! -x "$f" ]; then cls_fail "$f" "not executable (chmod +x)"; part_end "$f"; continue; fi
        out=$(tmpout)
        cls_run_logged "$out" timeout --kill-after=30 "${CLS_T_TIMEOUT:-900}" "./$f"
        rc=$?
        cls_count_tap "$out" "$f: "
        ntap=$(grep -cE '^(not )?ok( |$)' "$out")
        nfail=$(grep -cE '^not ok( |$)' "$out")
        if [ "$rc" -ne 0 ] && [ "$nfail" -eq 0 ]; then
            cls_fail "$f" "exit status $rc$([ "$rc" = 124 ] && echo ' (timeout)')"
        elif [ "$ntap" -eq 0 ]; then
            cls_fail "$f" "printed no ok/not ok line"
        fi
        part_end "$f"
    done
    shopt -u nullglob
fi

finish
