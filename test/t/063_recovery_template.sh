#!/bin/bash
# test/t/063_recovery_template.sh -- test/demo/recovery.sql (scores detected
# episodes against the planted truth) on detections whose scores are known:
# the truth itself shifted by 2 h, nothing, the truth plus a false alarm, and
# a detection that only touches an episode.  Run by test/check.sh, or alone.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cls_require_cluster
DEMO=$CLS_REPO/test/demo
DB=cls_t063

cls_psql -c 'SET client_min_messages = warning' -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
gen=$CLS_TMPBASE/gen_063
data=$(mktemp -d "$CLS_TMPBASE/wh063.XXXXXX")
if cc -O2 -std=c99 -Wall -Wextra -Werror -o "$gen" "$DEMO/gen_warehouse.c" -lm \
   && "$gen" --patients 40 --seed 63 --out "$data" 2>/dev/null \
   && cls_psql -d $DB -f "$DEMO/schema.sql" && cls_psql -d $DB -v datadir="$data" -f "$DEMO/load.sql"; then
    cls_pass "40-patient warehouse loaded"
else
    cls_fail "40-patient warehouse loaded"; cls_summary; exit 1
fi
npos=$(cls_sql "SELECT count(*) FROM truth.episode WHERE kind IN ('cls_idiopathic', 'cls_drug')" $DB)
nall=$(cls_sql "SELECT count(*) FROM truth.episode" $DB)

# score SQL -> the scores row: cls_episodes|found|sensitivity|detections|true|precision|median|median_abs
score() {
    cls_psql -d $DB -At -F '|' -c "CREATE TEMP TABLE detected AS $1" -f "$DEMO/recovery.sql" | tail -n 1
}
cls_is "truth positives shifted by +2 h: all found, all true, onset error 2.0 h" \
    "$(score "SELECT person_id, onset + interval '2 hours' AS onset, resolution FROM truth.episode
               WHERE kind IN ('cls_idiopathic', 'cls_drug')")" \
    "$npos|$npos|100.0|$npos|$npos|100.0|2.0|2.0"
cls_is "no detections: nothing found, precision undefined" \
    "$(score "SELECT 1::bigint AS person_id, now() AS onset, now() AS resolution WHERE false")" \
    "$npos|0|0.0|0|0|||"
want_prec=$(cls_sql "SELECT round(100.0 * $npos / ($nall + 1), 1)" $DB)
cls_is "every truth episode (look-alikes too) plus one false alarm: precision $npos/$((nall + 1))" \
    "$(score "SELECT person_id, onset, resolution FROM truth.episode
              UNION ALL SELECT 1, '1990-01-01', '1990-01-02'")" \
    "$npos|$npos|100.0|$((nall + 1))|$npos|$want_prec|0.0|0.0"
cls_is "a detection ending exactly at a positive's onset matches it (closed spans), error -24 h" \
    "$(score "SELECT person_id, onset - interval '1 day' AS onset, onset AS resolution FROM truth.episode
               WHERE (person_id, episode_no) = (SELECT person_id, episode_no FROM truth.episode
                                                 WHERE kind IN ('cls_idiopathic', 'cls_drug')
                                                 ORDER BY person_id, episode_no LIMIT 1)")" \
    "$npos|1|$(cls_sql "SELECT round(100.0 / $npos, 1)" $DB)|1|1|100.0|-24.0|24.0"
cls_psql -c "DROP DATABASE $DB"
cls_summary
