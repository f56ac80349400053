-- Search-path security, in the style of PostgreSQL contrib/seg/sql/security.sql.
-- cls is trusted: a non-superuser with CREATE on the database installs it and
-- its script runs as the bootstrap superuser.  Planted functions and
-- operators (same names and argument types as pg_catalog's) sit in a schema
-- placed before pg_catalog on the search_path, and log every call; the
-- extension is installed and every cls function and aggregate is called
-- under that path; the log must stay empty.
SET timezone = 'UTC';
SET extra_float_digits = 0;
SET client_min_messages = warning;
DROP EXTENSION cls CASCADE;
DROP SCHEMA cls CASCADE;
RESET client_min_messages;

CREATE ROLE regress_cls_sec;
SELECT current_database() AS datname \gset
GRANT CREATE ON DATABASE :"datname" TO regress_cls_sec;
CREATE TABLE public.regress_cls_capture (what text);
GRANT INSERT, SELECT ON public.regress_cls_capture TO PUBLIC;
-- The superuser side runs as a role of its own, so that messages naming the
-- installing role read the same whoever runs the suite (check.sh's clstest,
-- the package autopkgtest's postgres).
CREATE ROLE regress_cls_dba SUPERUSER;
SET SESSION AUTHORIZATION regress_cls_dba;
CREATE SCHEMA regress_cls_evil;
GRANT USAGE ON SCHEMA regress_cls_evil TO PUBLIC;

-- Plant a logging copy of every pg_catalog operator on the types SQL bodies
-- use, and of common pg_catalog functions (plain functions, no OUT arguments).
DO $plant$
DECLARE
    r record;
    n int := 0;
BEGIN
    FOR r IN
        SELECT o.oid, o.oprname, o.oprleft, o.oprright, o.oprresult
        FROM pg_catalog.pg_operator o
        WHERE o.oprnamespace = 'pg_catalog'::regnamespace
          AND o.oprright IN ('float8'::regtype, 'float4'::regtype, 'numeric'::regtype,
                'int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'text'::regtype,
                'bool'::regtype, 'timestamptz'::regtype, 'interval'::regtype,
                'tstzrange'::regtype, 'tstzmultirange'::regtype, 'anyrange'::regtype,
                'anymultirange'::regtype, 'anyarray'::regtype, 'anyelement'::regtype)
          AND (o.oprleft = 0 OR o.oprleft IN ('float8'::regtype, 'float4'::regtype,
                'numeric'::regtype, 'int2'::regtype, 'int4'::regtype, 'int8'::regtype,
                'text'::regtype, 'bool'::regtype, 'timestamptz'::regtype,
                'interval'::regtype, 'tstzrange'::regtype, 'tstzmultirange'::regtype,
                'anyrange'::regtype, 'anymultirange'::regtype, 'anyarray'::regtype,
                'anyelement'::regtype))
    LOOP
        IF r.oprleft = 0 THEN
            EXECUTE format('CREATE FUNCTION regress_cls_evil.op_%s(%s) RETURNS %s LANGUAGE plpgsql AS %L',
                r.oid, r.oprright::regtype, r.oprresult::regtype,
                format('BEGIN INSERT INTO public.regress_cls_capture VALUES (%L); RETURN NULL; END',
                       'operator ' || r.oprname));
            EXECUTE format('CREATE OPERATOR regress_cls_evil.%s (RIGHTARG = %s, FUNCTION = regress_cls_evil.op_%s)',
                r.oprname, r.oprright::regtype, r.oid);
        ELSE
            EXECUTE format('CREATE FUNCTION regress_cls_evil.op_%s(%s, %s) RETURNS %s LANGUAGE plpgsql AS %L',
                r.oid, r.oprleft::regtype, r.oprright::regtype, r.oprresult::regtype,
                format('BEGIN INSERT INTO public.regress_cls_capture VALUES (%L); RETURN NULL; END',
                       'operator ' || r.oprname));
            EXECUTE format('CREATE OPERATOR regress_cls_evil.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = regress_cls_evil.op_%s)',
                r.oprname, r.oprleft::regtype, r.oprright::regtype, r.oid);
        END IF;
        n := n + 1;
    END LOOP;
    FOR r IN
        SELECT p.oid, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid) AS args,
               pg_catalog.pg_get_function_result(p.oid) AS res, p.proretset
        FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.prokind = 'f'
          AND p.proallargtypes IS NULL AND p.prorettype <> 'void'::regtype
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(p.proargtypes::oid[]) a
                          WHERE a IN ('internal'::regtype, 'cstring'::regtype, '"any"'::regtype))
          AND p.prorettype NOT IN ('internal'::regtype, 'cstring'::regtype, 'trigger'::regtype,
                                   'event_trigger'::regtype, 'record'::regtype, '"any"'::regtype)
          AND p.proname IN ('abs', 'round', 'trunc', 'floor', 'ceil', 'ceiling', 'sqrt', 'exp',
                'ln', 'log', 'power', 'sign', 'mod', 'div', 'float8', 'float4', 'numeric',
                'int2', 'int4', 'int8', 'text', 'lower', 'upper', 'btrim', 'ltrim', 'rtrim',
                'length', 'char_length', 'replace', 'split_part', 'substr', 'strpos',
                'left', 'right', 'starts_with', 'concat', 'concat_ws', 'format',
                'regexp_replace', 'to_char', 'to_number', 'isfinite', 'isnan', 'now',
                'date_part', 'extract', 'date_trunc', 'date_bin', 'age', 'make_interval',
                'justify_hours', 'to_timestamp', 'timezone', 'tstzrange', 'tstzmultirange',
                'lower_inf', 'upper_inf', 'isempty', 'range_merge', 'multirange',
                'array_length', 'array_upper', 'array_lower', 'cardinality',
                'array_position', 'array_append', 'array_cat', 'unnest',
                'generate_series', 'generate_subscripts', 'coalesce', 'greatest', 'least',
                'nullif', 'current_setting', 'set_config', 'num_nulls', 'num_nonnulls')
    LOOP
        EXECUTE format('CREATE FUNCTION regress_cls_evil.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L',
            r.proname, r.args, r.res,
            format('BEGIN INSERT INTO public.regress_cls_capture VALUES (%L); RETURN%s; END',
                   'function ' || r.proname, CASE WHEN r.proretset THEN '' ELSE ' NULL' END));
        n := n + 1;
    END LOOP;
    RAISE NOTICE 'planted objects: %', CASE WHEN n > 500 THEN 'more than 500' ELSE n::text END;
END
$plant$;

-- The planted objects do capture unqualified calls under this path: the
-- trap works (then the log is emptied).
SET search_path = regress_cls_evil, pg_catalog, public;
SELECT lower('X') IS NULL AS captured_function, (1.0::float8 < 2.0::float8) IS NULL AS captured_operator;
RESET search_path;
SELECT count(*) > 0 AS trap_works FROM public.regress_cls_capture;
TRUNCATE public.regress_cls_capture;

-- A schema "cls" prepared in advance with objects is refused (42P06), so
-- nothing can be planted where the install script and callers look first.
\set SHOW_CONTEXT never
SET ROLE regress_cls_sec;
CREATE SCHEMA cls;
CREATE FUNCTION cls.lower(text) RETURNS text LANGUAGE sql AS 'SELECT $1';
CREATE EXTENSION cls;
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
DROP FUNCTION cls.lower(text);
DROP SCHEMA cls;

-- The schema takeover: a non-superuser pre-creates an EMPTY schema "cls";
-- a superuser's CREATE EXTENSION must refuse it (42501), or the role, still
-- owning the schema, could add a look-alike overload that the superuser's
-- quick-start call resolves to.  The attack script, verbatim but for the
-- role name: every step after the refusal fails or runs nothing of cls,
-- and the role never becomes a superuser.
CREATE SCHEMA cls;
RESET ROLE;
CREATE EXTENSION cls;
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT count(*) AS cls_installed FROM pg_catalog.pg_extension WHERE extname = 'cls';
SET ROLE regress_cls_sec;
CREATE FUNCTION cls.hypoalbuminemia_grade(albumin numeric, unit text) RETURNS smallint
LANGUAGE plpgsql AS $$ BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE 'ALTER ROLE regress_cls_sec SUPERUSER'; END IF;
  RETURN cls.hypoalbuminemia_grade(albumin::float8, unit, 3.5::float8); END $$;
RESET ROLE;
SELECT cls.hypoalbuminemia_grade(2.9, 'g/dL');
SELECT rolsuper AS attacker_is_superuser FROM pg_catalog.pg_roles WHERE rolname = 'regress_cls_sec';
-- With the trap planted, still refused.
CREATE EXTENSION cls;
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
-- Rename variant: the role renames its schema away and makes a new empty
-- "cls": still its own, still refused.
SET ROLE regress_cls_sec;
ALTER SCHEMA cls RENAME TO regress_cls_old;
CREATE SCHEMA cls;
RESET ROLE;
CREATE EXTENSION cls;
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SET ROLE regress_cls_sec;
DROP SCHEMA cls;
RESET ROLE;
-- A superuser-owned empty schema that lets another role CREATE is refused
-- (42501); without that grant it is accepted.  The installed schema then
-- belongs to the superuser: the role can neither rename it nor add objects.
CREATE SCHEMA cls;
GRANT CREATE ON SCHEMA cls TO regress_cls_sec;
CREATE EXTENSION cls;
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
REVOKE CREATE ON SCHEMA cls FROM regress_cls_sec;
GRANT USAGE ON SCHEMA cls TO regress_cls_sec;
CREATE EXTENSION cls;
SET ROLE regress_cls_sec;
ALTER SCHEMA cls RENAME TO regress_cls_mine;
CREATE FUNCTION cls.hypoalbuminemia_grade(albumin numeric, unit text) RETURNS smallint
LANGUAGE sql AS 'SELECT 0::smallint';
SELECT cls.hypoalbuminemia_grade(2.9, 'g/dL');
RESET ROLE;
SELECT cls.hypoalbuminemia_grade(2.9, 'g/dL');
SELECT rolsuper AS attacker_is_superuser FROM pg_catalog.pg_roles WHERE rolname = 'regress_cls_sec';
DROP EXTENSION cls;
DROP SCHEMA cls;
DROP SCHEMA regress_cls_old CASCADE;
\set SHOW_CONTEXT errors
SET ROLE regress_cls_sec;

-- Install as the non-superuser, under the hostile path (pg_catalog later).
SET search_path = regress_cls_evil, pg_catalog, public;
CREATE EXTENSION cls;
RESET search_path;
RESET ROLE;
-- The extension belongs to the installing role, its schema too (created
-- by CREATE EXTENSION on that role's behalf), but every function to the
-- bootstrap superuser (oid 10), and none is SECURITY DEFINER or sets a GUC.
SELECT e.extowner::regrole AS ext_owner,
       (SELECT nspowner::regrole FROM pg_catalog.pg_namespace WHERE nspname = 'cls') AS schema_owner,
       (SELECT count(*) FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'cls'::regnamespace
          AND p.proowner <> 10) AS functions_not_bootstrap_owned,
       (SELECT count(*) FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'cls'::regnamespace
          AND (p.prosecdef OR p.proconfig IS NOT NULL)) AS security_definer_or_set_functions
FROM pg_catalog.pg_extension e WHERE e.extname = 'cls';

-- Call every cls function and aggregate with sample arguments of each
-- argument type, under the hostile path, catching errors (a call may fail
-- for its sample arguments; what matters is who got called).
CREATE FUNCTION pg_temp.sample(t regtype) RETURNS text LANGUAGE sql AS $$
    SELECT CASE t
        WHEN 'float8'::regtype THEN '2.5::float8'
        WHEN 'float4'::regtype THEN '2.5::float4'
        WHEN 'numeric'::regtype THEN '2.5::numeric'
        WHEN 'int2'::regtype THEN '1::int2'
        WHEN 'int4'::regtype THEN '3::int4'
        WHEN 'int8'::regtype THEN '8713::int8'
        WHEN 'text'::regtype THEN '''g/dL''::text'
        WHEN 'bool'::regtype THEN 'true'
        WHEN 'timestamptz'::regtype THEN '''2024-01-02 03:00+00''::timestamptz'
        WHEN 'timestamp'::regtype THEN '''2024-01-02 03:00''::timestamp'
        WHEN 'interval'::regtype THEN '''72 hours''::interval'
        WHEN 'tstzrange'::regtype THEN '''[2024-01-01,2024-01-05)''::tstzrange'
        WHEN 'tstzmultirange'::regtype THEN '''{[2024-01-01,2024-01-05)}''::tstzmultirange'
        WHEN 'cls.analyte'::regtype THEN '''albumin''::cls.analyte'
        WHEN 'cls.ctcae_term'::regtype THEN '''Hypoalbuminemia''::cls.ctcae_term'
        WHEN 'cls.ctcae_version'::regtype THEN '''5.0''::cls.ctcae_version'
        ELSE 'NULL::' || t::text END
$$;
CREATE FUNCTION pg_temp.call_all() RETURNS TABLE (kind text, called bigint)
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    q text;
BEGIN
    CREATE TEMP TABLE calls (kind text, ok boolean);
    FOR r IN
        SELECT p.oid, p.prokind, p.proname,
               (SELECT pg_catalog.string_agg(pg_temp.sample(a.t), ', ' ORDER BY a.n)
                FROM pg_catalog.unnest(p.proargtypes::oid[]::regtype[]) WITH ORDINALITY a(t, n)) AS args
        FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
        JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'cls'
        WHERE p.prokind IN ('f', 'a')
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(p.proargtypes::oid[]) a
                          WHERE a IN ('internal'::regtype, 'cstring'::regtype))
        ORDER BY p.oid
    LOOP
        IF r.prokind = 'a' THEN
            q := format('SELECT %s(%s) FROM pg_catalog.generate_series(1, 3)', r.oid::regproc, r.args);
        ELSE
            q := format('SELECT * FROM %s(%s)', r.oid::regproc, coalesce(r.args, ''));
        END IF;
        BEGIN
            PERFORM pg_catalog.set_config('search_path', 'regress_cls_evil, pg_catalog, public', true);
            EXECUTE q;
            PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
            INSERT INTO calls VALUES (CASE r.prokind WHEN 'a' THEN 'aggregate' ELSE 'function' END, true);
        EXCEPTION WHEN OTHERS THEN
            PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
            INSERT INTO calls VALUES (CASE r.prokind WHEN 'a' THEN 'aggregate' ELSE 'function' END, false);
        END;
    END LOOP;
    RETURN QUERY SELECT c.kind, count(*) FROM calls c GROUP BY c.kind;
END
$$;
SELECT sum(called) >= 20 AS at_least_20_cls_functions_called FROM pg_temp.call_all();

-- The planted objects were never called: not by CREATE EXTENSION, not by
-- any cls function.
SELECT count(*) AS planted_calls, pg_catalog.string_agg(DISTINCT what, ', ') AS which
FROM public.regress_cls_capture;

-- The installing role cannot change cls's functions.
SET ROLE regress_cls_sec;
ALTER FUNCTION cls.hypoalbuminemia_grade(float8, text, float8, cls.ctcae_version) VOLATILE;
CREATE OR REPLACE FUNCTION cls.canonical_unit(analyte cls.analyte) RETURNS text
    LANGUAGE sql AS 'SELECT ''hijacked''';
RESET ROLE;
SELECT cls.canonical_unit('albumin');

-- Back to the state the other tests expect: cls installed by the superuser.
RESET SESSION AUTHORIZATION;
SET client_min_messages = warning;
DROP EXTENSION cls CASCADE;
DROP SCHEMA cls CASCADE;
CREATE EXTENSION cls;
DROP SCHEMA regress_cls_evil CASCADE;
RESET client_min_messages;
DROP TABLE public.regress_cls_capture;
REVOKE CREATE ON DATABASE :"datname" FROM regress_cls_sec;
DROP ROLE regress_cls_sec;
DROP OWNED BY regress_cls_dba;
DROP ROLE regress_cls_dba;
