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
}
trap cleanup EXIT

su_sql "CREATE DATABASE $db" postgres >/dev/null || { not_ok "create database"; exit 1; }
su_sql "CREATE ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" postgres >/dev/null
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
exit $failed
