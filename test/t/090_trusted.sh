#!/bin/bash
# test/t/090_trusted.sh -- cls is a trusted extension: a non-superuser with
# CREATE on a database installs and uses it, and gains nothing else.
# Needs a running cluster whose installation contains cls: PGHOST, PGPORT,
# PGUSER (a superuser) and CLS_PGBIN (directory of psql).  Creates its own
# database and role and drops them at the end.
set -uo pipefail
: "${CLS_PGBIN:?CLS_PGBIN must name the directory of psql}"
db=cls_t090_$$
role=cls_t090_user_$$
other=cls_t090_other_$$
failed=0
ok()     { echo "ok - $1"; }
not_ok() { echo "not ok - $1${2:+ # $2}"; failed=1; }
su_sql() { "$CLS_PGBIN/psql" -X -At -q -v ON_ERROR_STOP=1 -d "${2:-$db}" -c "$1" 2>&1; }
# as the unprivileged role; prints output, returns psql's status
u_sql()  { "$CLS_PGBIN/psql" -X -At -q -v ON_ERROR_STOP=1 -U "$role" -d "$db" -c "$1" 2>&1; }
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', want '$3'"; fi; }
refused() {   # name sql: the role's statement must fail with "permission denied" / "must be owner"
    local out
    if out=$(u_sql "$2"); then not_ok "$1" "succeeded: $out"
    elif grep -qE 'permission denied|must be owner|must be superuser' <<<"$out"; then ok "$1"
    else not_ok "$1" "unexpected error: $out"; fi
}
cleanup() {
    su_sql "DROP DATABASE IF EXISTS $db" postgres >/dev/null
    su_sql "DROP ROLE IF EXISTS $role" postgres >/dev/null
    su_sql "DROP ROLE IF EXISTS $other" postgres >/dev/null
}
trap cleanup EXIT

su_sql "CREATE DATABASE $db" postgres >/dev/null || { not_ok "create database"; exit 1; }
su_sql "CREATE ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" postgres >/dev/null
su_sql "CREATE ROLE $other LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" postgres >/dev/null
su_sql "GRANT CREATE ON DATABASE $db TO $role; REVOKE CREATE ON SCHEMA public FROM PUBLIC;
        CREATE TABLE public.secret (s text); INSERT INTO public.secret VALUES ('top secret');
        REVOKE ALL ON public.secret FROM PUBLIC" >/dev/null

is "cls.control says trusted" "$(su_sql "SELECT trusted FROM pg_available_extension_versions WHERE name = 'cls' AND version = (SELECT default_version FROM pg_available_extensions WHERE name = 'cls')")" "t"
out=$(u_sql "CREATE EXTENSION cls") && ok "non-superuser with CREATE on the database creates extension cls" \
    || not_ok "non-superuser with CREATE on the database creates extension cls" "$out"
is "the role uses cls" "$(u_sql "SELECT cls.hypoalbuminemia_grade(2.5, 'g/dL')")" "2"
is "the role uses cls types" "$(u_sql "SELECT cls.ctcae_grade('Anemia', 7.9, 'g/dL', lln => 12)")" "3"
is "extension owned by the role" "$(su_sql "SELECT extowner::regrole FROM pg_extension WHERE extname = 'cls'")" "$role"
is "cls functions owned by the bootstrap superuser" \
    "$(su_sql "SELECT count(*) FROM pg_proc WHERE pronamespace = 'cls'::regnamespace AND proowner <> 10")" "0"
is "cls types owned by the bootstrap superuser" \
    "$(su_sql "SELECT count(*) FROM pg_type WHERE typnamespace = 'cls'::regnamespace AND typowner <> 10")" "0"
is "no SECURITY DEFINER function, none sets a GUC" \
    "$(su_sql "SELECT count(*) FROM pg_proc WHERE pronamespace = 'cls'::regnamespace AND (prosecdef OR proconfig IS NOT NULL)")" "0"
is "no C function runs as its owner (no SECURITY DEFINER anywhere in the extension)" \
    "$(su_sql "SELECT count(*) FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid AND d.classid = 'pg_proc'::regclass
               WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls') AND d.deptype = 'e' AND p.prosecdef")" "0"
is "the role is still not a superuser" "$(su_sql "SELECT rolsuper FROM pg_roles WHERE rolname = '$role'")" "f"
refused "the role cannot read a superuser-owned table" "SELECT * FROM public.secret"
refused "the role cannot alter a cls function" \
    "ALTER FUNCTION cls.hypoalbuminemia_grade(float8, text, float8, cls.ctcae_version) VOLATILE"
refused "the role cannot replace a cls function" \
    "CREATE OR REPLACE FUNCTION cls.canonical_unit(analyte cls.analyte) RETURNS text LANGUAGE sql AS 'SELECT ''x'''"
refused "the role cannot change a cls function's owner" \
    "ALTER FUNCTION cls.canonical_unit(cls.analyte) OWNER TO $role"
refused "the role cannot create a C function" \
    "CREATE FUNCTION public.x() RETURNS int AS '\$libdir/cls', 'cls_analyte_in' LANGUAGE C"
refused "the role cannot create a C function in schema cls" \
    "CREATE FUNCTION cls.x(cstring) RETURNS int AS '\$libdir/cls', 'cls_analyte_in' LANGUAGE C"
refused "the role cannot read server files" "SELECT pg_read_file('PG_VERSION')"
is "cls.canonical_unit unchanged" "$(u_sql "SELECT cls.canonical_unit('albumin')")" "g/dL"
out=$(u_sql "DROP EXTENSION cls") && ok "the role drops its extension" || not_ok "the role drops its extension" "$out"
# a pre-made cls schema holding objects is refused
u_sql "DROP SCHEMA IF EXISTS cls; CREATE SCHEMA cls; CREATE FUNCTION cls.lower(text) RETURNS text LANGUAGE sql AS 'SELECT \$1'" >/dev/null
out=$(u_sql "CREATE EXTENSION cls")
if [ $? -ne 0 ] && grep -q 'already contains objects' <<<"$out"; then ok "a prepared cls schema with objects is refused"
else not_ok "a prepared cls schema with objects is refused" "$out"; fi
u_sql "DROP FUNCTION cls.lower(text); DROP SCHEMA cls" >/dev/null

# ---- the schema takeover (a schema "cls" owned by another role) -------------
# psql with VERBOSITY=verbose prints "ERROR:  SQLSTATE: message".
as_v() { local r=$1; shift; "$CLS_PGBIN/psql" -X -At -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -U "$r" -d "$db" -c "$1" 2>&1; }
refused_with() {   # name sqlstate output-of-a-failed-statement status
    if [ "$4" -ne 0 ] && grep -q "ERROR:  $2:" <<<"$3"; then ok "$1"
    else not_ok "$1" "want $2, got: $(head -c 300 <<<"$3")"; fi
}
is_super() { su_sql "SELECT rolsuper FROM pg_roles WHERE rolname = '$role'"; }
su=$(su_sql "SELECT current_user")
# The attack script of the report, verbatim but for the role name.
u_sql "CREATE SCHEMA cls" >/dev/null
out=$(as_v "$su" "CREATE EXTENSION cls"); rc=$?
refused_with "superuser CREATE EXTENSION into an empty cls schema owned by another role: 42501" 42501 "$out" $rc
u_sql "CREATE FUNCTION cls.hypoalbuminemia_grade(albumin numeric, unit text) RETURNS smallint
LANGUAGE plpgsql AS \$\$ BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE 'ALTER ROLE $role SUPERUSER'; END IF;
  RETURN cls.hypoalbuminemia_grade(albumin::float8, unit, 3.5::float8); END \$\$" >/dev/null
out=$(su_sql "SELECT cls.hypoalbuminemia_grade(2.9, 'g/dL')"); rc=$?
if [ $rc -ne 0 ] && grep -q 'does not exist' <<<"$out"; then ok "the quick-start call finds no cls function in the trap schema"
else not_ok "the quick-start call finds no cls function in the trap schema" "$out"; fi
is "the attacker is not a superuser after the attack script" "$(is_super)" "f"
out=$(as_v "$su" "CREATE EXTENSION cls"); rc=$?
refused_with "the trap schema with the overload is refused too: 42501" 42501 "$out" $rc
# Rename variant: the role renames its schema away and creates a new cls.
u_sql "ALTER SCHEMA cls RENAME TO cls_t090_old; CREATE SCHEMA cls" >/dev/null
out=$(as_v "$su" "CREATE EXTENSION cls"); rc=$?
refused_with "a fresh empty cls of the role after a rename is refused: 42501" 42501 "$out" $rc
u_sql "DROP SCHEMA cls; DROP SCHEMA cls_t090_old CASCADE" >/dev/null
# A superuser-owned empty schema that lets the role CREATE: refused.
su_sql "CREATE SCHEMA cls; GRANT CREATE ON SCHEMA cls TO PUBLIC" >/dev/null
out=$(as_v "$su" "CREATE EXTENSION cls"); rc=$?
refused_with "an empty cls schema with CREATE granted to PUBLIC is refused: 42501" 42501 "$out" $rc
su_sql "DROP SCHEMA cls" >/dev/null
# Legitimate cases: a superuser-owned empty schema; no schema at all.
su_sql "CREATE SCHEMA cls" >/dev/null
out=$(su_sql "CREATE EXTENSION cls") && ok "superuser installs into its own empty cls schema" \
    || not_ok "superuser installs into its own empty cls schema" "$out"
out=$(su_sql "DROP EXTENSION cls; DROP SCHEMA cls; CREATE EXTENSION cls") && ok "superuser installs with no cls schema" \
    || not_ok "superuser installs with no cls schema" "$out"
is "the superuser's install owns its schema" \
    "$(su_sql "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'cls'")" "$su"
refused "the role cannot rename the superuser's cls schema" "ALTER SCHEMA cls RENAME TO cls_mine"
refused "the role cannot add an overload to the superuser's cls schema" \
    "CREATE FUNCTION cls.hypoalbuminemia_grade(albumin numeric, unit text) RETURNS smallint LANGUAGE sql AS 'SELECT 0::smallint'"

# ---- other roles after a superuser install: GRANT USAGE ON SCHEMA cls --------
# Call every function and aggregate of the extension (support functions on
# internal/cstring excepted) with typed NULL arguments as ROLE; print the
# number of calls, of 42501 refusals and of other errors (22023 and the like
# for NULL arguments that are query mistakes: not a privilege matter).
call_all_as() {
    "$CLS_PGBIN/psql" -X -At -q -U "$1" -d "$db" 2>&1 <<'SQL'
DO $do$
DECLARE r record; n int := 0; denied int := 0; other int := 0;
BEGIN
    FOR r IN
        SELECT p.prokind, p.proname, ns.nspname,
               (SELECT string_agg('NULL::' || format_type(a.t, NULL), ', ' ORDER BY a.i)
                FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i)) AS args
        FROM pg_proc p
        JOIN pg_namespace ns ON ns.oid = p.pronamespace
        JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
        JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cls'
        WHERE p.prokind IN ('f', 'a')
          AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) a
                          WHERE a IN ('internal'::regtype, 'cstring'::regtype))
    LOOP
        n := n + 1;
        BEGIN
            IF r.prokind = 'a' THEN
                EXECUTE format('SELECT %I.%I(%s) FROM generate_series(1, 2)', r.nspname, r.proname, r.args);
            ELSE
                EXECUTE format('SELECT * FROM %I.%I(%s)', r.nspname, r.proname, coalesce(r.args, ''));
            END IF;
        EXCEPTION WHEN insufficient_privilege THEN denied := denied + 1;
                  WHEN OTHERS THEN other := other + 1;
        END;
    END LOOP;
    RAISE NOTICE 'calls % denied %', n, denied;
END
$do$;
SQL
}
nfun=$(su_sql "SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
               JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cls' WHERE p.prokind IN ('f', 'a')
               AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) a WHERE a IN ('internal'::regtype, 'cstring'::regtype))")
out=$(as_v "$other" "SELECT cls.hypoalbuminemia_grade(2.5, 'g/dL')"); rc=$?
refused_with "without USAGE on schema cls another role's call fails: 42501" 42501 "$out" $rc
is "without USAGE every cls function and aggregate is refused with 42501" \
    "$(call_all_as "$other" | sed -n 's/^NOTICE:  //p')" "calls $nfun denied $nfun"
su_sql "GRANT USAGE ON SCHEMA cls TO $other" >/dev/null
is "after GRANT USAGE the role may execute every cls function and aggregate" \
    "$(su_sql "SELECT count(*) FILTER (WHERE has_function_privilege('$other', p.oid, 'EXECUTE')) || '/' || count(*)
               FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
               JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cls'")" \
    "$(su_sql "SELECT count(*) || '/' || count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cls'
               WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'")"
is "after GRANT USAGE no call of a cls function or aggregate is refused ($nfun calls)" \
    "$(call_all_as "$other" | sed -n 's/^NOTICE:  //p')" "calls $nfun denied 0"
is "after GRANT USAGE the role grades" "$(as_v "$other" "SELECT cls.ctcae_grade('Anemia', 7.9, 'g/dL', lln => 12)")" "3"
is "after GRANT USAGE the role runs an aggregate" \
    "$(as_v "$other" "SELECT (cls.triad_agg(t, c, v, u, cls.triad_criteria(k => 1))).suspected_ever
                      FROM (VALUES ('2024-01-01'::timestamptz, 'sbp', 80::float8, 'mm[Hg]')) x(t, c, v, u)")" "t"

# ---- a non-superuser's install: the role owns the schema ---------------------
# (PostgreSQL creates the schema as the installing user.)  Renaming it and
# planting a new cls is the role's own business in its own schema; a
# superuser's re-install into it is refused, and pg_restore of such a
# database as a superuser is refused too unless --no-owner.
out=$(su_sql "DROP EXTENSION cls; DROP SCHEMA cls" && u_sql "CREATE EXTENSION cls") \
    && ok "the role installs cls again (no schema)" || not_ok "the role installs cls again (no schema)" "$out"
is "the role's install: the role owns schema cls" \
    "$(su_sql "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'cls'")" "$role"
dump=$(mktemp "${TMPDIR:-/tmp}/cls-t090.XXXXXX")
if "$CLS_PGBIN/pg_dump" -Fc -f "$dump" "$db" 2>/dev/null; then
    su_sql "CREATE DATABASE ${db}_r1" postgres >/dev/null
    out=$("$CLS_PGBIN/pg_restore" --exit-on-error -d "${db}_r1" "$dump" 2>&1); rc=$?
    if [ $rc -ne 0 ] && grep -q 'is owned by role' <<<"$out"; then
        ok "pg_restore as a superuser of a non-superuser's install is refused (the dump recreates the role's schema)"
    else not_ok "pg_restore as a superuser of a non-superuser's install is refused" "rc $rc: $(head -c 300 <<<"$out")"; fi
    su_sql "CREATE DATABASE ${db}_r2" postgres >/dev/null
    out=$("$CLS_PGBIN/pg_restore" --exit-on-error --no-owner -d "${db}_r2" "$dump" 2>&1) \
        && ok "pg_restore --no-owner of a non-superuser's install works" \
        || not_ok "pg_restore --no-owner of a non-superuser's install works" "$(head -c 300 <<<"$out")"
    is "after pg_restore --no-owner cls grades" \
        "$(su_sql "SELECT cls.hypoalbuminemia_grade(2.5, 'g/dL')" "${db}_r2")" "2"
    su_sql "DROP DATABASE ${db}_r1" postgres >/dev/null; su_sql "DROP DATABASE ${db}_r2" postgres >/dev/null
else
    not_ok "pg_dump of a non-superuser's install"
fi
rm -f "$dump"
u_sql "ALTER SCHEMA cls RENAME TO cls_t090_old; CREATE SCHEMA cls" >/dev/null
out=$(as_v "$su" "DROP EXTENSION cls; CREATE EXTENSION cls"); rc=$?
refused_with "after the role renames its schema and creates a new cls, a superuser's re-install is refused: 42501" 42501 "$out" $rc
is "the attacker is still not a superuser" "$(is_super)" "f"
exit $failed
