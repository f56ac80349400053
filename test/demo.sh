#!/bin/bash
# test/demo.sh -- the demo: what cls is for, on data shaped like a real warehouse.
#
#   bash test/demo.sh [--patients N] [--seed S] [--out DIR] [--keep]
#   bash test/demo.sh --stop
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
#      DIR/timeline_person_<id>.png (albumin, hematocrit, weight, SBP by date).
# Everything but DIR is removed at the end (CLS_KEEP=1 keeps the temp dir).
#
# --keep leaves the warehouse running for you to try queries on: the private
# install and the cluster then live in the kept directory $CLS_DEMO_DIR
# (default /var/tmp/cls-demo-<user>, e.g. /var/tmp/cls-demo-root), which also
# holds "env" (PGHOST, PGPORT, PGUSER, PGDATABASE=warehouse to source) and
# "state" (what --stop reads).  The demo prints the psql command to connect.
# --stop stops that cluster and removes the whole directory.
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

patients=200 seed=42 out=$(cd "$HERE/.." && pwd -P)/demo-output mode=run
while [ $# -gt 0 ]; do
    case $1 in
        --patients) patients=${2:-}; shift 2 || true ;;
        --seed) seed=${2:-}; shift 2 || true ;;
        --out) out=${2:-}; shift 2 || true ;;
        --keep) mode=keep; shift ;;
        --stop) mode=stop; shift ;;
        -h|--help) sed -n '2,45p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: bash test/demo.sh [--patients N] [--seed S] [--out DIR] [--keep] | --stop" >&2; exit 2 ;;
    esac
done

# The kept warehouse (--keep / --stop).  Its directory is this run's temp base,
# made before common.sh is sourced: common.sh then neither removes it nor
# reuses a private install of a calling script (that one goes away with it).
demo_dir_default=/var/tmp/cls-demo-$(id -un)
: "${CLS_DEMO_DIR:=$demo_dir_default}"
if [ "$mode" != run ]; then
    unset CLS_PRIVATE_ROOT CLS_PGBIN CLS_MAIN_CLUSTER
    export CLS_TMPBASE=$CLS_DEMO_DIR
fi
if [ "$mode" = stop ]; then
    # shellcheck source=lib/common.sh
    source "$HERE/lib/common.sh"
    if [ ! -f "$CLS_DEMO_DIR/state" ]; then
        [ -d "$CLS_DEMO_DIR" ] && cls_die "$CLS_DEMO_DIR has no state file: not made by --keep, left alone"
        echo "no kept demo warehouse in $CLS_DEMO_DIR"; exit 0
    fi
    # shellcheck disable=SC1091
    CLS_PGBIN=$(. "$CLS_DEMO_DIR/state" && echo "$pgbin")
    data=$(. "$CLS_DEMO_DIR/state" && echo "$data")
    cls__stop_datadir "$data"
    [ -f "$data/postmaster.pid" ] && cls_die "could not stop the cluster in $data"
    rm -rf "$CLS_DEMO_DIR" || cls_die "cannot remove $CLS_DEMO_DIR"
    echo "stopped the demo warehouse and removed $CLS_DEMO_DIR"
    exit 0
fi
if [ "$mode" = keep ]; then
    if [ -f "$CLS_DEMO_DIR/state" ]; then
        echo "cls: a kept demo warehouse exists in $CLS_DEMO_DIR; run 'bash test/demo.sh --stop' first" >&2
        exit 1
    fi
    [ -e "$CLS_DEMO_DIR" ] && { echo "cls: $CLS_DEMO_DIR exists (not made by --keep): remove it or set CLS_DEMO_DIR" >&2; exit 1; }
    mkdir -p "$CLS_DEMO_DIR/c" && chmod 755 "$CLS_DEMO_DIR" "$CLS_DEMO_DIR/c" \
        && : > "$CLS_DEMO_DIR/clusters.list" || { echo "cls: cannot create $CLS_DEMO_DIR" >&2; exit 1; }
fi
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
if [ "$mode" = keep ]; then
    # a failed run removes what it made (exit hooks run before the clusters are stopped)
    cls_on_exit '[ -f "$CLS_DEMO_DIR/state" ] || { for c in "$CLS_DEMO_DIR"/c/*/data; do cls__stop_datadir "$c"; done; rm -rf "$CLS_DEMO_DIR"; }'
fi
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
    echo "Albumin, hematocrit, weight and systolic blood pressure by date, one patient a picture;"
    echo "the simulated true episodes shaded, the episodes cls detected (demo.detected) as green bars"
    echo "along the top, tagraxofusp doses dotted, cycle days 1, 8 and 15 above the top panel:"
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

if [ "$mode" = keep ]; then
    rm -rf "$data" "$gen" "$sec"
    if [ "$nfail" -eq 0 ]; then
        printf 'pgbin=%q\ndata=%q\n' "$CLS_PGBIN" "$CLS_PGDATA" > "$CLS_DEMO_DIR/state"
        printf 'export PGHOST=%q PGPORT=%q PGUSER=%q PGDATABASE=warehouse\n' \
            "$PGHOST" "$PGPORT" "$PGUSER" > "$CLS_DEMO_DIR/env"
        CLS__MY_CLUSTERS=()     # the cleanup trap leaves this cluster running
        cat <<MSG

The warehouse keeps running (server log: $CLS_C_demo_LOG). Connect with
  psql -h $PGHOST -p $PGPORT -U $PGUSER warehouse
or from Python, R or any libpq client with
  postgresql://$PGUSER@127.0.0.1:$PGPORT/warehouse
(". $CLS_DEMO_DIR/env" sets PGHOST, PGPORT, PGUSER and PGDATABASE for a plain psql).
Stop it and remove its files ($CLS_DEMO_DIR) with
  $([ "$CLS_DEMO_DIR" = "$demo_dir_default" ] || printf 'CLS_DEMO_DIR=%q ' "$CLS_DEMO_DIR")bash $CLS_REPO/test/demo.sh --stop
MSG
    else
        echo "*** --keep: a step failed, the warehouse is not kept" >&2
    fi
fi
[ "$nfail" -eq 0 ]
