#!/bin/bash
# test/fuzz/run.sh [SECONDS_PER_TARGET] -- build and run every libFuzzer
# target test/fuzz/fuzz_*.c against the cls core (src/core/*.c).
#
#   bash test/fuzz/run.sh          # 20 s per target (the test command)
#   bash test/fuzz/run.sh 3600     # long run
#
# Then the SQL-level fuzzer test/fuzz/sql_fuzz.sh for the same time (unless
# CLS_FUZZ_SQL=0), on a throwaway cluster of a private install.
#
# Each target is built with clang -fsanitize=fuzzer,address,undefined and run
# for the given time on a copy of its seed corpus test/fuzz/corpus/<target>/
# (the committed corpus is never modified).  Prints `ok - fuzz <target>` or
# `not ok - fuzz <target>` per target, with executions per second and the
# total number of executions; exits non-zero when any target fails to build
# or crashes (sanitizer report, abort() of an invariant, timeout, OOM).  The
# crashing input is kept under test/fuzz/build/ with the command that
# reproduces it.  Adding a target = dropping a test/fuzz/fuzz_X.c file
# (plus, optionally, seeds in test/fuzz/corpus/fuzz_X/).
#
# Known, reported bugs: test/fuzz/xfail lists invariant names (one per line,
# `name  reason`); the targets skip exactly the inputs that reach them, and
# this script says when such a bug is still reached (`# TODO`).  Delete the
# line once the bug is fixed.
#
# Environment: CLS_FUZZ_CC (default clang), CLS_FUZZ_MAX_LEN (default 4096),
# TMPDIR.  Needs clang with the libFuzzer runtime (Debian: apt-get install
# clang libclang-rt-14-dev).
set -uo pipefail

secs=${1:-20}
case $secs in ''|*[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET]" >&2; exit 2;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
cc=${CLS_FUZZ_CC:-clang}
maxlen=${CLS_FUZZ_MAX_LEN:-4096}
build=$here/build
mkdir -p "$build"

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "not ok - fuzz build # $cc not found (apt-get install clang libclang-rt-14-dev)"
    exit 1
fi

xfail=""
if [ -f "$here/xfail" ]; then
    xfail=$(sed -e 's/#.*//' "$here/xfail" | awk 'NF { print $1 }' | paste -sd, -)
fi
export CLS_FUZZ_XFAIL=$xfail
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/cls-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

shopt -s nullglob
core=("$repo"/src/core/*.c)
targets=("$here"/fuzz_*.c)
if [ ${#targets[@]} -eq 0 ]; then echo "not ok - fuzz # no targets"; exit 1; fi

failed=0
for src in "${targets[@]}"; do
    t=$(basename "$src" .c)
    bin=$build/$t
    if ! "$cc" -std=c99 -g -O1 -Wall -Wextra -fno-omit-frame-pointer \
            -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
            -I"$repo/src/core" -I"$here" "$src" "${core[@]}" -lm -o "$bin" \
            >"$work/$t.build.log" 2>&1; then
        sed 's/^/# /' "$work/$t.build.log" | tail -30
        echo "not ok - fuzz $t # build failed"
        failed=1
        continue
    fi
    corpus=$work/corpus-$t
    mkdir -p "$corpus"
    if [ -d "$here/corpus/$t" ]; then cp -R "$here/corpus/$t/." "$corpus/"; fi
    log=$work/$t.log
    rc=0
    ( "$bin" "$corpus" -max_total_time="$secs" -max_len="$maxlen" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/$t-" ) \
        >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/.*exec\/s: *\([0-9]*\).*/\1/p' "$log" | tail -1)
    info="${execs:-?} executions, ${rate:-?} exec/s, ${secs} s"
    while read -r bug; do
        [ -n "$bug" ] && echo "# TODO $t: known bug still reached: $bug (test/fuzz/xfail)"
    done < <(sed -n 's/^KNOWN BUG REACHED: //p' "$log" | sort -u)
    if [ "$rc" -eq 0 ]; then
        echo "ok - fuzz $t # $info"
    else
        grep -E 'INVARIANT VIOLATED|ERROR: AddressSanitizer|runtime error|SUMMARY|deadly signal|timeout|out-of-memory' "$log" \
            | head -10 | sed 's/^/# /'
        for a in "$work/$t"-*; do
            [ -f "$a" ] || continue
            keep=$build/$(basename "$a")
            cp "$a" "$keep"
            echo "# input kept: $keep"
            echo "# reproduce: CLS_FUZZ_XFAIL='$xfail' $bin $keep"
        done
        echo "not ok - fuzz $t # exit $rc after $info"
        failed=1
    fi
done
# The SQL-level fuzzer (test/fuzz/sql_fuzz.sh) on its own throwaway cluster,
# for SECONDS; test/check.sh runs it on its test cluster instead
# (test/t/095_sql_fuzz.sh) and sets CLS_FUZZ_SQL=0 here.
if [ "${CLS_FUZZ_SQL:-1}" != 0 ]; then
    bash "$here/sql_fuzz.sh" "$secs" ${CLS_SQLFUZZ_SEED:+"$CLS_SQLFUZZ_SEED"} || failed=1
fi
exit $failed
