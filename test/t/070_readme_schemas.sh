#!/bin/bash
# test/t/070_readme_schemas.sh -- every ```sql block of README.md runs verbatim
# on the real schemas: the OMOP CDM 5.4 and MIMIC-IV tables cls reads, with
# their published column names and types (test/readme/warehouse.sql, which
# cites the DDL it copies), filled with a small history that holds the dirt of
# real warehouses (unit concept 0, range_low 0, NULL units, unmapped codes,
# gm%, pounds, a text unit in chartevents).
# Run by test/check.sh, or alone: bash test/t/070_readme_schemas.sh
#
# The blocks are extracted automatically (a new README block is covered
# without editing this test); a block that is not meant to run here carries
# another language tag (```text for signatures, ```sql-shards for the
# sharding recipe, which test/t/050_sharding.sh runs on real shards).  Each
# block runs in its own transaction, rolled back, in the database
# `warehouse` (pg_cron preloaded for the pipeline block); a block that
# starts with CREATE EXTENSION cls is a setup recipe for an empty database
# and runs in a fresh one.  Every block runs under TimeZone UTC and
# America/New_York; the results must be equal: every cls function that takes
# times has a timestamp form, so a `timestamp` column needs no
# TimeZone-dependent cast.  CLS_README_SHOW=1 prints every block's output (UTC).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

cls_private_install || cls_die "private install failed"
cls_cluster_start readme "shared_preload_libraries = 'pg_cron'" \
    "cron.database_name = 'warehouse'" || cls_die "cluster start failed"
cls_psql -q -c 'CREATE DATABASE warehouse' || cls_die "CREATE DATABASE failed"
cls_cluster_restart readme || cls_die "restart failed"
export PGDATABASE=warehouse

if cls_psql -X -q -v ON_ERROR_STOP=1 -f "$CLS_REPO/test/readme/warehouse.sql" >/dev/null; then
    cls_pass "OMOP CDM 5.4 and MIMIC-IV tables created and filled"
else
    cls_fail "OMOP CDM 5.4 and MIMIC-IV tables created and filled"; cls_summary; exit 1
fi

work=$(mktemp -d "$CLS_TMPBASE/readme070.XXXXXX")
# block files: NN_LINE.sql
awk -v dir="$work" '
    /^```sql[[:space:]]*$/ { n++; f = sprintf("%s/%02d_%d.sql", dir, n, NR + 1); inb = 1; next }
    /^```/ { inb = 0; next }
    inb { print > f }' "$CLS_REPO/README.md"
blocks=("$work"/*.sql)
[ ${#blocks[@]} -gt 0 ] || { cls_fail "README has sql blocks"; cls_summary; exit 1; }

# which schema a block reads, for the counts in the summary
schema_of() {
    if grep -q 'mimiciv_' "$1"; then echo MIMIC-IV
    elif grep -q 'omop\.' "$1"; then echo OMOP
    else echo none; fi
}
run_block() {   # file tz -> stdout+stderr of the block in a rolled-back transaction
    local f=$1 tz=$2 db=warehouse
    if head -n 5 "$f" | grep -Eq '^CREATE EXTENSION cls;'; then
        db=readme_fresh
        cls_psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1 || return 1
    fi
    { printf 'SET TimeZone = %s;\nBEGIN;\n' "'$tz'"; cat "$f"; printf '\n;\nROLLBACK;\n'; } |
        cls_psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f - 2>&1
}

declare -A ran ok
for f in "${blocks[@]}"; do
    b=$(basename "$f" .sql); line=${b#*_}; s=$(schema_of "$f")
    ran[$s]=$(( ${ran[$s]:-0} + 1 ))
    out_utc=$(run_block "$f" UTC); rc_utc=$?
    out_ny=$(run_block "$f" America/New_York); rc_ny=$?
    [ -n "${CLS_README_SHOW:-}" ] && cls_diag "--- block at line $line:" && cls_diag "$out_utc"
    if [ $rc_utc -eq 0 ] && [ $rc_ny -eq 0 ]; then
        cls_pass "README block at line $line ($s) runs verbatim under UTC and America/New_York"
        ok[$s]=$(( ${ok[$s]:-0} + 1 ))
    else
        cls_fail "README block at line $line ($s) runs verbatim under UTC and America/New_York" \
            "$( [ $rc_utc -ne 0 ] && printf '%s\n' "$out_utc" || printf '%s\n' "$out_ny" | tail -n 20)"
        continue
    fi
    if [ "$out_utc" = "$out_ny" ]; then
        cls_pass "README block at line $line: the same result under both TimeZones"
    else
        cls_fail "README block at line $line: the same result under both TimeZones" \
            "$(diff <(printf '%s\n' "$out_utc") <(printf '%s\n' "$out_ny") | head -n 20)"
    fi
    # the data hold dirt: a block must never have stopped on it (no ERROR)
    if printf '%s\n' "$out_utc" | grep -q '^psql:.*ERROR'; then
        cls_fail "README block at line $line: no error" "$out_utc"
    fi
done
for s in OMOP MIMIC-IV none; do
    cls_diag "blocks reading $s: ${ok[$s]:-0} of ${ran[$s]:-0} run verbatim"
done
cls_summary
