#!/bin/bash
# test/t/064_demo_keep.sh -- the README's Quick start on the kept demo warehouse.
#
# Runs `bash test/demo.sh --keep` (default size, the one the README's Quick
# start is written for) with CLS_DEMO_DIR in this test's temp dir, connects
# with the psql command the demo printed, runs every ```sql block of the
# README's "Quick start" section (extracted here, not copied) on the kept
# database, then `bash test/demo.sh --stop` and checks that the server is
# gone and the directory removed.  Run by test/check.sh, or alone.
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

# every ```sql block of the Quick start section, in order
blocks=$work/blocks
mkdir -p "$blocks"
awk -v dir="$blocks" '
    /^## / { on = ($0 == "## Quick start") }
    on && /^```sql[[:space:]]*$/ { n++; f = sprintf("%s/%02d.sql", dir, n); inb = 1; next }
    inb && /^```/ { inb = 0; close(f); next }
    inb { print > f }' "$CLS_REPO/README.md"
shopt -s nullglob
files=("$blocks"/*.sql)
shopt -u nullglob
if [ ${#files[@]} -ge 3 ]; then cls_pass "the Quick start has ${#files[@]} sql blocks"; else
    cls_fail "the Quick start has sql blocks" "found ${#files[@]}"; fi
for f in "${files[@]}"; do
    first=$(grep -m1 -v '^[[:space:]]*$' "$f" | cut -c1-60)
    if res=$("${psqlcmd[0]}" -X -v ON_ERROR_STOP=1 -P pager=off "${psqlcmd[@]:1}" -f "$f" 2>&1) \
       && ! grep -q 'ERROR' <<< "$res"; then
        cls_pass "Quick start block $(basename "$f" .sql) runs on the kept warehouse ($first ...)"
    else
        cls_diag "$res"
        cls_fail "Quick start block $(basename "$f" .sql) runs on the kept warehouse" "$first"
    fi
done

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
