#!/bin/bash
# test/demo.sh -- the demo: what cls is for, on data shaped like a real warehouse.
#
#   bash test/demo.sh [--patients N] [--seed S] [--out DIR]
#
# Defaults: 200 patients, seed 42, output in demo-output/ at the repository root.
# As root on Debian 12 it installs what is missing (PostgreSQL 15, headers, gcc,
# gnuplot-nox, ...), builds cls with -Wall -Wextra -Werror, installs it into a
# private copy of PostgreSQL, starts a throwaway cluster, and then:
#   1. builds test/demo/gen_warehouse.c and generates a deterministic OMOP CDM
#      warehouse with planted CLS episodes and their truth (the generator's
#      header comment says what is planted), loads it into a database
#      "warehouse" (test/demo/schema.sql, test/demo/load.sql) and runs
#      CREATE EXTENSION cls;
#   2. runs every test/demo/queries/NN_*.sql in name order, each in its own psql
#      session, and writes DIR/report.txt (echoed here): per file a heading (the
#      file's first comment line), the comment paragraph under it, then psql's
#      aligned tables;
#   3. draws timeline pictures of three patients (test/demo/plot.sh, gnuplot):
#      DIR/timeline_person_<id>.png.
# Everything but DIR is removed at the end (CLS_KEEP=1 keeps the temp dir).
#
# Adding a cohort query = dropping a file into test/demo/queries/.  Its first
# line is "-- Heading", the following comment lines up to a line that is only
# "--" are the explanation printed in the report, the rest is the reader's.
# 30_triad_episodes.sql keeps cls's episodes in demo.detected, 50_recovery.sql
# scores them with test/demo/recovery.sql, 55_naive_rule_recovery.sql puts a
# naive rule beside them.  A query file that creates a relation demo.detected(person_id, onset,
# resolution) (CREATE SCHEMA IF NOT EXISTS demo) gets those spans drawn on the
# pictures too.  A query that fails is reported, the demo goes on, and the exit
# status is 1.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

patients=200 seed=42 out=$CLS_REPO/demo-output
while [ $# -gt 0 ]; do
    case $1 in
        --patients) patients=${2:-}; shift 2 || true ;;
        --seed) seed=${2:-}; shift 2 || true ;;
        --out) out=${2:-}; shift 2 || true ;;
        -h|--help) sed -n '2,36p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: bash test/demo.sh [--patients N] [--seed S] [--out DIR]" >&2; exit 2 ;;
    esac
done
[[ $patients =~ ^[1-9][0-9]{0,6}$ ]] || cls_die "--patients must be a positive integer (got '$patients')"
[[ $seed =~ ^[0-9]{1,19}$ ]] || cls_die "--seed must be a non-negative integer (got '$seed')"
[ -n "$out" ] || cls_die "--out needs a directory"

t_start=$(date +%s.%N)
step() { printf '# %s\n' "$*" >&2; }

step "dependencies"
cls_deps gnuplot-nox
step "build cls (PG_CFLAGS='$CLS_CFLAGS')"
cls_build >&2 || cls_die "build failed"
step "private install and throwaway cluster"
cls_private_install || cls_die "private install failed"
cls_cluster_start demo || cls_die "cluster start failed"

step "generate $patients patients (seed $seed)"
gen=$CLS_TMPBASE/gen_warehouse
data=$(mktemp -d "$CLS_TMPBASE/warehouse.XXXXXX") || cls_die "mktemp failed"
cc -O2 -std=c99 -Wall -Wextra -Werror -o "$gen" "$HERE/demo/gen_warehouse.c" -lm \
    || cls_die "cannot build the generator"
"$gen" --patients "$patients" --seed "$seed" --out "$data" 2> "$data/gen.log" \
    || { cat "$data/gen.log" >&2; cls_die "generator failed"; }
step "load into database warehouse, CREATE EXTENSION cls"
cls_psql -c 'CREATE DATABASE warehouse' || cls_die "CREATE DATABASE failed"
export PGDATABASE=warehouse
cls_psql -f "$HERE/demo/schema.sql" || cls_die "schema.sql failed"
cls_psql -v datadir="$data" -f "$HERE/demo/load.sql" || cls_die "load.sql failed"
cls_psql -c 'CREATE EXTENSION cls' || cls_die "CREATE EXTENSION cls failed"
t_loaded=$(date +%s.%N)

mkdir -p "$out" || cls_die "cannot create $out"
out=$(cd "$out" && pwd -P)
report=$out/report.txt
rm -f "$report" "$out"/timeline_person_*.png

emit() { cat "$1" >> "$report"; cat "$1"; }
sec=$(mktemp "$CLS_TMPBASE/section.XXXXXX")
{
    echo "cls demo -- capillary leak syndrome surveillance over an OMOP CDM warehouse"
    echo "$(cls_sql "SELECT 'cls ' || extversion FROM pg_extension WHERE extname = 'cls'"), $(cls_sql 'SELECT version()' | sed 's/ on .*//')"
    echo "warehouse: test/demo/gen_warehouse.c --patients $patients --seed $seed"
    sed 's/^/  /' "$data/gen.log"
} > "$sec"
emit "$sec"

nfail=0
shopt -s nullglob
queries=("$HERE"/demo/queries/[0-9][0-9]_*.sql)
shopt -u nullglob
for f in "${queries[@]}"; do
    name=$(basename "$f" .sql)
    heading=$(sed -n '1s/^--[[:space:]]*//p' "$f")
    {
        echo
        echo "=== ${heading:-$name} ==="
        # the explanation: comment lines after the first, up to a line that is only "--"
        awk 'NR == 1 { next } /^--[[:space:]]*$/ || !/^--/ { exit } { sub(/^-- ?/, ""); print }' "$f"
        echo "[test/demo/queries/$name.sql]"
        echo
    } > "$sec"
    if ! cls_psql -P pager=off -f "$f" >> "$sec" 2>&1; then
        nfail=$((nfail + 1))
        echo "*** $name.sql failed (see the error above)" >> "$sec"
    fi
    emit "$sec"
done
t_queries=$(date +%s.%N)

step "pictures (test/demo/plot.sh)"
plot_args=(--out "$out")
if [ "$(cls_sql "SELECT to_regclass('demo.detected') IS NOT NULL")" = t ]; then
    plot_args+=(--detected demo.detected)
fi
if ! pngs=$(PSQL="$CLS_PGBIN/psql" bash "$HERE/demo/plot.sh" "${plot_args[@]}"); then
    nfail=$((nfail + 1)); pngs=
    echo "*** plot.sh failed" >&2
fi
t_end=$(date +%s.%N)

{
    echo
    echo "=== Pictures ==="
    echo "Albumin, hematocrit and systolic blood pressure over time; planted episodes shaded,"
    echo "episodes cls detected (demo.detected) as green bars along the top, tagraxofusp doses dotted:"
    for p in $pngs; do echo "  $p"; done
    echo
    awk -v a="$t_start" -v b="$t_loaded" -v c="$t_queries" -v d="$t_end" 'BEGIN {
        printf "Runtime: %.1f s in all (build, cluster, generate and load %.1f s, queries %.1f s, pictures %.1f s)\n",
               d - a, b - a, c - b, d - c }'
    echo "Output: $out (report.txt and the pictures)"
    [ "$nfail" -gt 0 ] && echo "*** $nfail step(s) failed"
} > "$sec"
# the runtime line is not part of report.txt (it differs from run to run)
grep -v '^Runtime: ' "$sec" >> "$report"; cat "$sec"
[ "$nfail" -eq 0 ]
