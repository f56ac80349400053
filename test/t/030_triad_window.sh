#!/bin/bash
# test/t/030_triad_window.sh -- cls.triad_agg on larger inputs than pg_regress
# allows: a 200k-row window query (incremental final function: the last row's
# flags equal the plain aggregate's), one patient with 1M observations, and
# cancellation of a long evaluation by statement_timeout.  Timings are
# printed as diagnostics only; nothing here asserts on time.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cls_require_cluster

db=cls_t030
cls_psql -c 'SET client_min_messages = warning' -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
cls_on_exit "\"\$CLS_PGBIN/psql\" -X -q -d postgres -c 'DROP DATABASE IF EXISTS $db' >/dev/null 2>&1"
cls_psql -d "$db" -c 'CREATE EXTENSION cls'
# one patient, hourly rows cycling through the triad analytes
gen() { # gen TABLE N
    cls_psql -d "$db" -c "CREATE TABLE $1 AS
      SELECT '2020-01-01'::timestamptz + i * interval '1 hour' AS ts,
             (ARRAY['sbp','albumin','hematocrit','weight'])[1 + i % 4] AS code,
             CASE i % 4 WHEN 0 THEN 80 + (i * 7) % 60 WHEN 1 THEN 2.2 + ((i * 3) % 20) / 10.0
                        WHEN 2 THEN 38 + (i * 5) % 14 ELSE 68 + (i % 5) * 0.8 END AS value,
             (ARRAY['mmHg','g/dL','%','kg'])[1 + i % 4] AS unit
      FROM generate_series(0, $2 - 1) i"
}
gen w200k 200000
start=$(date +%s.%N)
got=$(cls_sql "SELECT count(*) FILTER (WHERE (w).current_suspected), max((w).n_used)
               FROM (SELECT cls.triad_agg(ts, code, value, unit) OVER (ORDER BY ts) w FROM w200k) x" "$db")
end=$(date +%s.%N)
cls_diag "200k-row window query: $(echo "$end - $start" | bc) s"
want=$(cls_sql "SELECT count(*) FILTER (WHERE (p).suspected), count(*) FROM
               (SELECT unnest(cls.triad_timeline(ts, code, value, unit)) p FROM w200k) x" "$db")
cls_is "window flags at each row == timeline points (200k rows)" "$got" "$want"
cls_is "last window row == plain aggregate" \
    "$(cls_sql "SELECT w::text FROM (SELECT cls.triad_agg(ts, code, value, unit) OVER (ORDER BY ts) w, ts FROM w200k) x ORDER BY ts DESC LIMIT 1" "$db")" \
    "$(cls_sql "SELECT cls.triad_agg(ts, code, value, unit)::text FROM w200k" "$db")"

gen big1m 1000000
start=$(date +%s.%N)
got=$(cls_sql "SELECT (s).n_used, (s).suspected_ever FROM (SELECT cls.triad_agg(ts, code, value, unit) s FROM big1m) x" "$db")
end=$(date +%s.%N)
cls_diag "one patient, 1M observations: $(echo "$end - $start" | bc) s"
cls_is "one patient with 1M observations" "$got" "1000000|t"

# cancellation: a window query re-evaluating from scratch on every row
# (ORDER BY value: rows out of time order) is O(n^2) and must stop at the
# statement_timeout
out=$(cls_psql -d "$db" -c "SET statement_timeout = '1s'" \
    -c "SELECT count((w).n_used) FROM (SELECT cls.triad_agg(ts, code, value, unit) OVER (ORDER BY value ROWS UNBOUNDED PRECEDING) w FROM big1m) x" 2>&1)
case $out in
    *"canceling statement due to statement timeout"*) cls_pass "a long evaluation is cancelled by statement_timeout" ;;
    *) cls_diag "$out"; cls_fail "a long evaluation is cancelled by statement_timeout" ;;
esac
cls_summary
