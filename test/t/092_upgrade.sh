#!/bin/bash
# test/t/092_upgrade.sh -- upgrades: every released version can be updated
# to the current one, and the result is the same extension as a fresh
# install of the current version (compared object by object with
# pg_dump --binary-upgrade, which dumps extension members individually).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cls_require_cluster

EXTDIR="$CLS_PRIVATE_ROOT/usr/share/postgresql/15/extension"
current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$EXTDIR/cls.control")
# Every version named by a script file (install scripts cls--V.sql and
# upgrade scripts cls--A--B.sql); an older version without an install script
# of its own is installed through the upgrade chain from the oldest one.
versions=$(cd "$EXTDIR" && ls cls--*.sql | sed 's/^cls--//; s/\.sql$//; s/--/\n/' | sort -uV)
cls_diag "versions: $(echo $versions), current $current"

# An upgrade script exists for every version step.
prev=""
for v in $versions; do
    if [ -n "$prev" ]; then
        if [ -f "$EXTDIR/cls--$prev--$v.sql" ]; then cls_pass "upgrade script $prev -> $v exists"
        else cls_fail "upgrade script $prev -> $v exists" "missing cls--$prev--$v.sql"; fi
    fi
    prev=$v
done

dump_ext() {   # normalised definition of every member object of cls in db $1
    "$CLS_PGBIN/pg_dump" --binary-upgrade --schema-only --no-owner -d "$1" \
      | grep -v -e '^--' -e 'binary_upgrade_set_next' -e '^SET ' -e '^SELECT pg_catalog.set_config' \
                -e '^$' -e '^\\restrict' -e '^\\unrestrict' \
      | sort
}

cls_psql -c 'DROP DATABASE IF EXISTS cls_t092_new' -c 'CREATE DATABASE cls_t092_new' >/dev/null
cls_check "CREATE EXTENSION cls (fresh $current)" cls_psql -d cls_t092_new -c 'CREATE EXTENSION cls'
dump_ext cls_t092_new > "$CLS_TMPBASE/t092_new.sql"

# From every older version: install it, build something user-made on it,
# update, and compare the result with the fresh install.
for old in $versions; do
    [ "$old" = "$current" ] && continue
    cls_psql -c 'DROP DATABASE IF EXISTS cls_t092_up' -c 'CREATE DATABASE cls_t092_up' >/dev/null
    cls_check "CREATE EXTENSION cls VERSION '$old'" \
        cls_psql -d cls_t092_up -c "CREATE EXTENSION cls VERSION '$old'"
    # something user-made that depends on the old version must survive the update
    cls_psql -d cls_t092_up -c "CREATE VIEW v AS SELECT cls.hypoalbuminemia_grade(2.9, 'g/dL') AS g" >/dev/null
    criteria_made=""
    if [ "$(cls_sql "SELECT to_regtype('cls.criteria') IS NOT NULL" cls_t092_up)" = "t" ]; then
        cls_psql -d cls_t092_up -c 'CREATE TABLE stored_criteria AS SELECT cls.triad_criteria(k => 2) AS c' \
                               -c 'CREATE VIEW v_crit AS SELECT cls.hypotension(85) AS h' >/dev/null
        criteria_made=1
    fi
    tgx_made=""
    if [ "$(cls_sql "SELECT to_regproc('cls.tagraxofusp_check') IS NOT NULL" cls_t092_up)" = "t" ]; then
        # views on the 0.2.0 forms of the functions whose signatures 0.3.0
        # extends (renamed or given twins, never dropped)
        cls_psql -d cls_t092_up -c "CREATE VIEW v_tgx AS SELECT (cls.tagraxofusp_check(albumin => 3.6)).action IS NOT NULL AS a, cls.days_since_first_dose('2024-01-02 10:00+00', '2024-01-01 11:00+00') AS d, (cls.cycle_of('2024-01-03 09:00+00', ARRAY['2024-01-01 11:00+00']::timestamptz[])).cycle_day AS cd, (SELECT count(*) FROM cls.tagraxofusp_days(ARRAY['2024-01-01 11:00+00']::timestamptz[], ARRAY['albumin'], ARRAY[3.6::float8], ARRAY['g/dL'], ARRAY[NULL::float8], ARRAY[true])) AS n" >/dev/null
        tgx_made=1
    fi
    cls_check "ALTER EXTENSION cls UPDATE (from $old)" \
        cls_psql -d cls_t092_up -c 'ALTER EXTENSION cls UPDATE'
    cls_is "updated extension (from $old) is at $current" \
        "$(cls_sql "SELECT extversion FROM pg_extension WHERE extname = 'cls'" cls_t092_up)" "$current"
    cls_is "a view made on $old still works after the update" \
        "$(cls_sql 'SELECT g FROM v' cls_t092_up)" "2"
    cls_psql -d cls_t092_up -c 'DROP VIEW v' >/dev/null
    if [ -n "$criteria_made" ]; then
        # a cls.criteria stored by the old version reads its 0.3.0 attributes
        # as NULL (hemoglobin off, zone UTC), and evaluates as before
        cls_is "criteria stored on $old read after the update" \
            "$(cls_sql "SELECT (c).k || ',' || ((c).hemoglobin_above IS NULL) || ',' || coalesce((c).time_zone, 'NULL') || ',' || cls.hypotension(85, criteria => c) FROM stored_criteria" cls_t092_up)" "2,true,NULL,true"
        cls_is "a view over a wide function's default criteria made on $old still works" \
            "$(cls_sql 'SELECT h FROM v_crit' cls_t092_up)" "t"
        cls_psql -d cls_t092_up -c 'DROP VIEW v_crit' -c 'DROP TABLE stored_criteria' >/dev/null
    fi
    if [ -n "$tgx_made" ]; then
        cls_is "a view on $old's tagraxofusp_check, tagraxofusp_days, days_since_first_dose and cycle_of still works" \
            "$(cls_sql "SELECT a || ',' || d || ',' || cd || ',' || n FROM v_tgx" cls_t092_up)" "true,1,3,1"
        cls_psql -d cls_t092_up -c 'DROP VIEW v_tgx' >/dev/null
    fi
    dump_ext cls_t092_up > "$CLS_TMPBASE/t092_up.sql"
    if diff -u "$CLS_TMPBASE/t092_new.sql" "$CLS_TMPBASE/t092_up.sql" > "$CLS_TMPBASE/t092.diff"; then
        cls_pass "updated from $old equals a fresh install ($(wc -l < "$CLS_TMPBASE/t092_new.sql") dump lines)"
    else
        cls_fail "updated from $old equals a fresh install" "see diff below"
        head -60 "$CLS_TMPBASE/t092.diff" | cls_diag "$(cat)"
    fi
done
cls_psql -c 'DROP DATABASE IF EXISTS cls_t092_up' -c 'DROP DATABASE cls_t092_new' >/dev/null
cls_summary
