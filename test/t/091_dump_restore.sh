#!/bin/bash
# test/t/091_dump_restore.sh -- a database whose views, materialized view,
# expression index, generated column and CHECK constraint use cls survives
# pg_dump -Fc / pg_restore into a fresh database with identical results.
# Needs PGHOST, PGPORT, PGUSER (superuser) and CLS_PGBIN.  Creates and drops
# its own databases.
set -uo pipefail
: "${CLS_PGBIN:?CLS_PGBIN must name the directory of psql, pg_dump and pg_restore}"
src=cls_t091_src_$$
dst=cls_t091_dst_$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cls-t091.XXXXXX") || exit 1
chmod 755 "$tmp"
failed=0
ok()     { echo "ok - $1"; }
not_ok() { echo "not ok - $1${2:+ # $2}"; failed=1; }
sql()    { "$CLS_PGBIN/psql" -X -At -q -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }
cleanup() {
    sql postgres "DROP DATABASE IF EXISTS $src" >/dev/null
    sql postgres "DROP DATABASE IF EXISTS $dst" >/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

sql postgres "CREATE DATABASE $src" >/dev/null && sql postgres "CREATE DATABASE $dst" >/dev/null \
    || { not_ok "create databases"; exit 1; }
out=$("$CLS_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$src" 2>&1 <<'SQL'
CREATE EXTENSION cls;
CREATE TABLE labs (
    id int PRIMARY KEY,
    albumin float8,
    v float8,
    u text CHECK (cls.unit_known('albumin', u)),
    lln float8,
    grade smallint GENERATED ALWAYS AS (cls.ctcae_grade('Hypoalbuminemia', v, u, lln)) STORED,
    hb_unit text DEFAULT 'g/dL' CHECK (cls.unit_known('hemoglobin', hb_unit)),
    term cls.ctcae_term DEFAULT 'Hypoalbuminemia',
    version cls.ctcae_version DEFAULT '4.03');
INSERT INTO labs (id, albumin, v, u, lln)
SELECT i, 1.5 + (i % 30) / 10.0, 15 + (i % 30), CASE i % 3 WHEN 0 THEN 'g/L' WHEN 1 THEN ' G/L ' ELSE 'g/l' END,
       CASE WHEN i % 7 = 0 THEN NULL ELSE 35 END
FROM generate_series(1, 300) i;
CREATE INDEX labs_grade_idx ON labs ((cls.hypoalbuminemia_grade(albumin, 'g/dL')));
CREATE VIEW labs_v AS
SELECT id, cls.hypoalbuminemia_grade(albumin, 'g/dL') AS g_default,
       cls.ctcae_grade(term, v, u, lln, version => version) AS g_generic,
       cls.to_canonical('albumin', v, u) AS canonical,
       cls.value_problem('albumin', v, u) AS problem
FROM labs;
CREATE MATERIALIZED VIEW labs_mv AS
SELECT cls.hypoalbuminemia_grade(albumin, 'g/dL') AS g, count(*) AS n FROM labs GROUP BY 1;
SQL
) && ok "source database built" || not_ok "source database built" "$out"

q_all="SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) FROM (
         SELECT row(l.*)::text AS r FROM labs l
         UNION ALL SELECT row(v.*)::text FROM labs_v v
         UNION ALL SELECT row(m.*)::text FROM labs_mv m) s"
q_idx="SET enable_seqscan = off; SELECT count(*) FROM labs WHERE cls.hypoalbuminemia_grade(albumin, 'g/dL') = 2"
before=$(sql "$src" "$q_all")
before_idx=$(sql "$src" "$q_idx")

if "$CLS_PGBIN/pg_dump" -Fc -f "$tmp/src.dump" "$src" 2>"$tmp/dump.err"; then ok "pg_dump -Fc"
else not_ok "pg_dump -Fc" "$(head -3 "$tmp/dump.err")"; fi
if "$CLS_PGBIN/pg_restore" --exit-on-error -d "$dst" "$tmp/src.dump" 2>"$tmp/restore.err"; then ok "pg_restore into a fresh database"
else not_ok "pg_restore into a fresh database" "$(head -3 "$tmp/restore.err")"; fi

after=$(sql "$dst" "$q_all")
after_idx=$(sql "$dst" "$q_idx")
if [ -n "$before" ] && [ "$before" = "$after" ]; then ok "tables, view and materialized view identical after restore"
else not_ok "tables, view and materialized view identical after restore" "$before vs $after"; fi
if [ "$before_idx" = "$after_idx" ] && [ "$before_idx" -gt 0 ] 2>/dev/null; then ok "expression index answers the same ($after_idx rows)"
else not_ok "expression index answers the same" "$before_idx vs $after_idx"; fi
plan=$(sql "$dst" "SET enable_seqscan = off; EXPLAIN (COSTS OFF) SELECT count(*) FROM labs WHERE cls.hypoalbuminemia_grade(albumin, 'g/dL') = 2")
if grep -q 'labs_grade_idx' <<<"$plan"; then ok "restored expression index is used"; else not_ok "restored expression index is used" "$plan"; fi
out=$(sql "$dst" "INSERT INTO labs (id, albumin, v, u, lln, hb_unit) VALUES (1000, 2.5, 25, 'g/L', 35, 'mg/dL')")
if [ $? -ne 0 ] && grep -q 'check constraint' <<<"$out"; then ok "restored CHECK (cls.unit_known) rejects a hemoglobin unit in mg/dL"
else not_ok "restored CHECK (cls.unit_known) rejects a hemoglobin unit in mg/dL" "$out"; fi
is_gen=$(sql "$dst" "INSERT INTO labs (id, albumin, v, u, lln) VALUES (1001, 2.5, 29.9, 'g/L', 35) RETURNING grade")
if [ "$is_gen" = "2" ]; then ok "restored generated column computes grades"; else not_ok "restored generated column computes grades" "$is_gen"; fi
out=$(sql "$dst" "REFRESH MATERIALIZED VIEW labs_mv; SELECT sum(n) FROM labs_mv")
if [ "$out" = "301" ]; then ok "restored materialized view refreshes"; else not_ok "restored materialized view refreshes" "$out"; fi
exit $failed
