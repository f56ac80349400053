#!/bin/bash
# test/t/094_memory.sh -- a single group far larger than work_mem (20M
# observations, work_mem = 4MB) either completes within the documented memory
# or fails with a clean error; the server is never OOM-killed or crashed.
#
# A dedicated cluster 'mem' is restarted from a subshell under `ulimit -v`
# (RLIMIT_AS, inherited by every backend the postmaster forks; no root needed,
# it works with PostgreSQL's shared memory since shared_buffers is 128 MB).
# For every aggregate call in CALLS (one patient, rows generated inside the
# query):
#   1. generous cap (CLS_MEM_CAP_BIG_MB, default 2048): the query completes,
#      and the backend's peak RSS (VmHWM from /proc/<pid>/status, read from
#      outside after the query, minus its value before the query) is within
#      the documented bound: BYTES_PER_ROW x rows (field 3; README "Episode
#      windows": state_episodes holds 4 bytes per observation, two packed
#      streams growing at most 2x, so up to 8, and its final function
#      decodes them, 8 bytes, and builds a 16-byte work array = 32) + the growth of count() over the
#      same generated rows (the baseline) + 32 MB slack;
#   2. tight cap (CLS_MEM_CAP_SMALL_MB, default 640): the query fails with
#      53200 (out of memory: an allocation refused by the kernel limit) or
#      54000 (cls's own limit), with a message; never a crash (field 4 "any":
#      completing is fine too);
#   3. after each run: the postmaster is up, a new connection works, the
#      server log has no "terminated by signal" / PANIC.
# Also: the allocation guard.  The 54000 check (count > MaxAllocHugeSize /
# size) lives in the glue (the shared observation buffer and cls_alloc_huge
# in src/obs_pg.c, alloc_elems in src/episodes_pg.c), not in the core, so it
# cannot be unit-tested without PostgreSQL and a state beyond
# MaxAllocHugeSize cannot be built in a test; we assert statically that
# every huge allocation in src/*_pg.c is in a function that checks
# MaxAllocHugeSize (weak, but it fails when someone adds an unchecked one),
# and that no aggregate outside src/obs_pg.c grows a cls_obs array of its
# own (one buffer, one check).
#
# Adding an aggregate = one line in CALLS.  Columns: i bigint, t timestamptz,
# active boolean (as in 093_cancel.sh).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# name | aggregate call | documented bytes per input row (worst case) |
# under the tight cap: fail (must fail cleanly) or any (completes or fails
# cleanly: the memory depends on the data, not only on the row count)
CALLS=(
    "state_episodes|cls.state_episodes(t, active, interval '1 hour', interval '2 hours')|32|fail"
    # eras: 16 B per era held (at worst one per row, when no two rows merge)
    # + the final function's 16 B copy; these rows arrive out of time order,
    # so millions of not-yet-merged eras are held before they merge into one
    "eras|cls.eras(t, t + interval '5 minutes', interval '0')|32|any"
    # the triad state is packed (src/obs_pg.h, README "Reliability and
    # security"): 8 B per observation here (whole minutes, one decimal),
    # 1.5x slack at most, + the final function's 24 B decoded array (these
    # rows are out of time order, so it is sorted in place): 36 B/row at
    # worst, measured 32.1 (n_used: a composite with a NULL field is not IS
    # NOT NULL)
    "triad_agg|(cls.triad_agg(t, CASE WHEN i % 2 = 0 THEN 'albumin' ELSE 'sbp' END, CASE WHEN i % 2 = 0 THEN 2.6 + (i % 30) / 10.0 ELSE 80 + (i % 90) END, CASE WHEN i % 2 = 0 THEN 'g/dL' ELSE 'mmHg' END)).n_used|48|fail"
    # the cls_obs buffer (src/obs_pg.h): 24 B per observation, sorted in
    # place by the final function, + doubling slack (the array grows by
    # doubling; repalloc of a huge chunk may copy, so 48 B/row at worst);
    # 200 dose times: the per-dose results are small
    "tagraxofusp_monitor|cls.tagraxofusp_monitor(t, 'albumin', 2.0 + (i % 30) / 10.0, 'g/dL', NULL::float8, i % 100000 = 0)|48|fail"
)

N=${CLS_MEM_ROWS:-20000000}
CAP_BIG=${CLS_MEM_CAP_BIG_MB:-2048}
CAP_SMALL=${CLS_MEM_CAP_SMALL_MB:-640}
SLACK_MB=32
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cls-t094.XXXXXX") || exit 1
chmod 755 "$tmp"
cls_on_exit "rm -rf '$tmp'"

# ---- static check of the allocation guard -------------------------------
# every line of src/*_pg.c with a huge allocation must be inside a function
# whose body mentions MaxAllocHugeSize
unchecked=$(cd "$CLS_REPO" && awk '
    FNR == 1 { body = ""; hits = "" }
    /^\{/ { body = ""; hits = ""; infn = 1 }
    infn { body = body $0 "\n" }
    infn && /MCXT_ALLOC_HUGE|repalloc_huge|palloc_huge|palloc_extended|MemoryContextAllocHuge/ {
        hits = hits FILENAME ":" FNR ": " $0 "\n" }
    /^\}/ { if (hits != "" && body !~ /MaxAllocHugeSize/) printf "%s", hits; infn = 0 }
' src/*_pg.c)
huge_count=$(cd "$CLS_REPO" && grep -cE 'MCXT_ALLOC_HUGE|repalloc_huge' src/*_pg.c | awk -F: '{ s += $2 } END { print s + 0 }')
if [ -z "$unchecked" ] && [ "$huge_count" -gt 0 ]; then
    cls_pass "every huge allocation in src/*_pg.c is in a function that checks MaxAllocHugeSize ($huge_count sites)"
else
    cls_diag "$unchecked"
    cls_fail "every huge allocation in src/*_pg.c is in a function that checks MaxAllocHugeSize" \
        "unchecked sites or none found ($huge_count)"
fi

allocators=$(cd "$CLS_REPO" && awk '
    /^[a-z_0-9]+\(/ { name = $0; sub(/\(.*/, "", name) }
    /^\{/ { huge = 0 }
    /MCXT_ALLOC_HUGE|repalloc_huge|palloc_huge|MemoryContextAllocHuge/ { huge = 1 }
    /^\}/ { if (huge) printf "%s ", name; huge = 0 }
' src/*_pg.c)
cls_diag "functions with huge allocations: $allocators"
own_obs=$(cd "$CLS_REPO" && grep -nE 'sizeof\(cls_obs\)|cls_obs_sort\(' src/*_pg.c | grep -v '^src/obs_pg\.c:')
if [ -z "$own_obs" ] && grep -q 'cls_obs_buf_reserve' "$CLS_REPO/src/obs_pg.c"; then
    cls_pass "cls_obs arrays are grown and sorted only by the shared buffer (src/obs_pg.c)"
else
    cls_diag "$own_obs"
    cls_fail "cls_obs arrays are grown and sorted only by the shared buffer (src/obs_pg.c)"
fi

# ---- the capped cluster --------------------------------------------------
cls_private_install || cls_die "private install failed"
cls_cluster_start mem "work_mem = '4MB'" "max_parallel_workers_per_gather = 0" \
    || cls_die "cluster start failed"
cls_psql -c 'CREATE EXTENSION cls' >/dev/null || cls_die "create extension"
log=$CLS_C_mem_LOG

restart_capped() {   # MB
    ( ulimit -v $(( $1 * 1024 )) && cls_cluster_restart mem ) \
        || { cls_fail "restart under ulimit -v ${1} MB"; return 1; }
    local pm
    pm=$(head -n1 "$CLS_C_mem_DATA/postmaster.pid")
    cls_is "postmaster runs under ulimit -v ${1} MB" \
        "$(awk '/Max address space/ { print $5 }' "/proc/$pm/limits")" "$(( $1 * 1024 * 1024 ))"
}

rows() {
    echo "(SELECT i, timestamptz '2024-01-01 00:00+00' + (i * 7919 % $1) * interval '1 minute' AS t,
              (i * 7919 % $1) / ($1 / 20) % 2 = 0 AS active
       FROM (SELECT generate_series(1::bigint, $1) AS i) g) s"
}

# run_measured SQL -> runs SQL in a backend named cls_t094; sets OUT, PEAK_KB
# (VmHWM after the query), BASE_KB (VmHWM before it)
run_measured() {
    local sql=$1 pid k
    rm -f "$tmp/done"
    # the backend waits 1 s before and after the query, so its VmHWM can be
    # read from outside at both points
    ( PGAPPNAME=cls_t094 "$CLS_PGBIN/psql" -X -q -At -v VERBOSITY=sqlstate \
          -c "SELECT pg_sleep(1)" -c "$sql" -c "SELECT pg_sleep(1)" >"$tmp/out" 2>&1
      touch "$tmp/done" ) &
    local bg=$!
    pid=""
    for k in $(seq 1 500); do
        pid=$(cls_sql "SELECT pid FROM pg_stat_activity WHERE application_name = 'cls_t094'" 2>/dev/null)
        [ -n "$pid" ] && break
        sleep 0.01
    done
    BASE_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    PEAK_KB=$BASE_KB
    while [ ! -f "$tmp/done" ]; do
        k=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
        [ -n "$k" ] && PEAK_KB=$k
        sleep 0.05
    done
    wait "$bg"
    OUT=$(grep -v "^$" "$tmp/out")
}

server_ok() {   # LABEL
    cls_is "$1: server up, new connection works" "$(cls_sql 'SELECT 1' 2>&1)" "1"
    if grep -qE 'terminated by signal|PANIC|was terminated' "$log"; then
        cls_fail "$1: no crash in the server log" "$(grep -E 'terminated by signal|PANIC|was terminated' "$log" | head -3)"
    else
        cls_pass "$1: no crash in the server log"
    fi
}

# 1. generous cap: completes within the documented bound
restart_capped "$CAP_BIG"
for entry in "${CALLS[@]}"; do
    IFS='|' read -r name call bpr tight <<<"$entry"
    # the baseline: the same N input rows through built-in aggregates (the
    # row generator itself raises the peak by ~4 B/row in PostgreSQL)
    run_measured "SET work_mem = '4MB'; SELECT count(t) > 0 AND bool_or(active) IS NOT NULL FROM $(rows "$N")"
    c0_kb=$(( PEAK_KB - BASE_KB ))
    run_measured "SET work_mem = '4MB'; SELECT $call IS NOT NULL FROM $(rows "$N")"
    grow_kb=$(( PEAK_KB - BASE_KB ))
    bound_kb=$(( (bpr * N) / 1024 + c0_kb + SLACK_MB * 1024 ))
    per_row=$(awk -v g="$grow_kb" -v c="$c0_kb" -v n="$N" 'BEGIN { printf "%.1f", (g - c) * 1024 / n }')
    if [ "$OUT" != "t" ]; then
        cls_fail "$name, $N rows, cap ${CAP_BIG} MB: completes" "$(head -c 300 <<<"$OUT")"
    elif [ "$grow_kb" -le "$bound_kb" ]; then
        cls_pass "$name, $N rows, cap ${CAP_BIG} MB: completes, peak RSS +$((grow_kb / 1024)) MB (count() over the same rows: +$((c0_kb / 1024)) MB) = $per_row B/row <= $bpr B/row (+$SLACK_MB MB slack)"
    else
        cls_fail "$name, $N rows, cap ${CAP_BIG} MB: within $bpr B/row" \
            "peak RSS +$((grow_kb / 1024)) MB (count() over the same rows: +$((c0_kb / 1024)) MB) = $per_row B/row"
    fi
    server_ok "$name, cap ${CAP_BIG} MB"
done

# 2. tight cap: calls whose memory grows with the rows fail cleanly
restart_capped "$CAP_SMALL"
for entry in "${CALLS[@]}"; do
    IFS='|' read -r name call bpr tight <<<"$entry"
    run_measured "SET work_mem = '4MB'; SELECT $call IS NOT NULL FROM $(rows "$N")"
    if [ "$tight" = any ] && [ "$OUT" = t ]; then
        cls_pass "$name, $N rows, cap ${CAP_SMALL} MB: completes"
    elif grep -qE '^ERROR:  (53200|54000)' <<<"$OUT"; then
        cls_pass "$name, $N rows, cap ${CAP_SMALL} MB: clean error $(grep -oE '^ERROR:  [0-9A-Z]{5}' <<<"$OUT" | head -1 | cut -c9-)"
    else
        cls_fail "$name, $N rows, cap ${CAP_SMALL} MB: completes or fails with 53200/54000" "$(head -c 300 <<<"$OUT")"
    fi
    server_ok "$name, cap ${CAP_SMALL} MB"
done
# the message of that error, for the record
OUT=$(cls_psql -v VERBOSITY=default -c "SELECT cls.state_episodes(t, active, interval '1 hour', interval '2 hours') IS NULL FROM $(rows "$N")" 2>&1 | head -3)
cls_diag "$OUT"
cls_summary
