#!/bin/bash
# test/t/064_demo_keep.sh -- the README's Quick start on the kept demo warehouse.
#
# Runs `bash test/demo.sh --keep` (default size, the one the README's Quick
# start is written for) with CLS_DEMO_DIR in this test's temp dir, connects
# with the psql command the demo printed, runs every ```sql block of the
# README's "Quick start" section (extracted here, not copied) on the kept
# database, and of its "Reading results from Python and R": the sql blocks,
# the SQL string of the R block, and the python block verbatim with
# /usr/bin/python3 when python3-psycopg is installed (skipped otherwise); then
# `bash test/demo.sh --stop` and checks that the server is gone and the
# directory removed.  Run by test/check.sh, or alone.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cls_tmpbase
work=$(mktemp -d "$CLS_TMPBASE/demo064.XXXXXX")
chmod 755 "$work"
export CLS_DEMO_DIR=$work/kept
log=$work/demo.log
demo() { bash "$CLS_REPO/test/demo.sh" "$@"; }
# whatever happens below, the kept cluster does not outlive this test
cls_on_exit "CLS_DEMO_DIR='$CLS_DEMO_DIR' bash '$CLS_REPO/test/demo.sh' --stop >/dev/null 2>&1"

if demo --keep --out "$work/o" > "$log" 2>&1; then
    cls_pass "bash test/demo.sh --keep exits 0"
else
    cls_fail "bash test/demo.sh --keep exits 0"; cls_diag "$(tail -n 30 "$log")"
    cls_summary; exit 1
fi
connect=$(sed -n 's/^  \(psql -h .* warehouse\)$/\1/p' "$log")
stop=$(sed -n 's/^  \(.*bash .*test\/demo\.sh --stop\)$/\1/p' "$log")
cls_is "the demo prints one psql command and one stop command" \
    "$(wc -l <<< "$connect") $(wc -l <<< "$stop")" "1 1"
read -r -a psqlcmd <<< "$connect"
command -v "${psqlcmd[0]}" >/dev/null || psqlcmd[0]=$(. "$CLS_DEMO_DIR/state" && echo "$pgbin")/psql
data=$(. "$CLS_DEMO_DIR/state" && echo "$data")
pid=$(head -n1 "$data/postmaster.pid" 2>/dev/null)

# a second process sees the kept server: the demo's own trap left it running
cls_is "the printed psql command connects to the kept warehouse after the demo exited" \
    "$("${psqlcmd[0]}" -X -At "${psqlcmd[@]:1}" \
        -c "SELECT current_database() || ' ' || (SELECT extname FROM pg_extension WHERE extname = 'cls')")" \
    "warehouse cls"
cls_is "a second --keep refuses while one is kept" \
    "$(demo --keep > "$work/second.log" 2>&1; echo $?):$(grep -c 'demo.sh --stop. first' "$work/second.log")" "1:1"

# blocks SECTION LANG DIR: the ```LANG blocks of README section "## SECTION"
# as DIR/01.LANG, DIR/02.LANG, ... (prints how many)
blocks() {
    mkdir -p "$3"
    awk -v sec="## $1" -v lang="$2" -v dir="$3" '
        /^## / { on = ($0 == sec) }
        on && $0 == "```" lang { n++; f = sprintf("%s/%02d.%s", dir, n, lang); inb = 1; next }
        inb && /^```/ { inb = 0; close(f); next }
        inb { print > f }
        END { print n + 0 }' "$CLS_REPO/README.md"
}
# run_sql WHAT FILE: one test, the file runs without error on the kept warehouse
run_sql() {
    local first res
    first=$(grep -m1 -v '^[[:space:]]*$' "$2" | sed 's/^[[:space:]]*//' | cut -c1-60)
    if res=$("${psqlcmd[0]}" -X -v ON_ERROR_STOP=1 -P pager=off "${psqlcmd[@]:1}" -f "$2" 2>&1) \
       && ! grep -q 'ERROR' <<< "$res" && [ -n "$res" ]; then
        cls_pass "$1 runs on the kept warehouse ($first ...)"
    else
        cls_diag "$res"
        cls_fail "$1 runs on the kept warehouse" "$first"
    fi
}

n=$(blocks "Quick start" sql "$work/qs")
if [ "$n" -ge 3 ]; then cls_pass "the Quick start has $n sql blocks"; else
    cls_fail "the Quick start has sql blocks" "found $n"; fi
for f in "$work"/qs/*.sql; do run_sql "Quick start block $(basename "$f" .sql)" "$f"; done

clients="Reading results from Python and R"
n=$(blocks "$clients" sql "$work/cl")
cls_is "'$clients' has its sql block" "$n" 1
for f in "$work"/cl/*.sql; do run_sql "'$clients' sql block $(basename "$f" .sql)" "$f"; done
[ "$(blocks "$clients" r "$work/cl")" = 1 ] \
    && awk '/dbGetQuery\(con, "/ { on = 1; next } on && /"\)/ { sub(/"\).*/, ""); print; exit } on' \
           "$work/cl/01.r" > "$work/cl/r.sql"
if [ -s "$work/cl/r.sql" ]; then run_sql "the SQL of the R block" "$work/cl/r.sql"; else
    cls_fail "the R block has a dbGetQuery(con, \"...\") query"; fi
if [ "$(blocks "$clients" python "$work/cl")" != 1 ]; then
    cls_fail "'$clients' has its python block"
elif ! /usr/bin/python3 -c 'import psycopg' 2>/dev/null; then
    cls_skip "the README's psycopg 3 block" "python3-psycopg not installed"
else
    # the environment the README tells the reader to source, nothing else
    if res=$(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE bash -c \
                 '. "$1/env" && /usr/bin/python3 "$2"' _ "$CLS_DEMO_DIR" "$work/cl/01.python" 2>&1); then
        # the same fields of the same episodes, read as plain columns with unnest
        want=$("${psqlcmd[0]}" -X -At -F ' ' "${psqlcmd[@]:1}" -c "
            SELECT m.person_id, (e.onset AT TIME ZONE 'UTC')::date, e.worst_hypoalbuminemia_grade,
                   array_to_string(e.signs_seen, ' ')
              FROM (SELECT person_id,
                           cls.triad_episodes(measurement_datetime, measurement_concept_id::bigint,
                                              value_as_number, unit_source_value) AS eps
                      FROM omop.measurement
                     WHERE cls.unit_known(cls.analyte_of(measurement_concept_id), unit_source_value) IS NOT FALSE
                       AND person_id IN (55, 79)
                     GROUP BY person_id) m
             CROSS JOIN LATERAL unnest(m.eps) AS e
             ORDER BY m.person_id, e.episode_no" 2>&1)
        if [ -n "$want" ]; then
            cls_is "the README's psycopg 3 block reads episodes as named tuples (= the unnest columns)" "$res" "$want"
        else
            cls_fail "the README's psycopg 3 block: oracle query returned rows"
        fi
    else
        cls_diag "$res"; cls_fail "the README's psycopg 3 block runs"
    fi
fi

# stop: the printed command, word for word
if out=$(env -u CLS_DEMO_DIR bash -c "$stop" 2>&1); then
    cls_pass "the printed stop command exits 0 ($out)"
else
    cls_fail "the printed stop command exits 0" "$out"
fi
# pg_ctl stop -w returns when postmaster.pid is gone; the process exits just after
alive() { [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$data"; }
for _ in $(seq 50); do alive || break; sleep 0.2; done
cls_is "the kept server process is gone (pid ${pid:-?})" "$(alive && echo running || echo gone)" gone
cls_is "the kept directory is removed" "$( [ -e "$CLS_DEMO_DIR" ] && echo present || echo removed)" removed
cls_summary
