-- test/fuzz/sql_fuzz.sql -- the SQL-level property fuzzer of cls (loaded by
-- test/fuzz/sql_fuzz.sh into a throwaway database that has cls installed).
--
-- fz.run(seed, calls) makes `calls` random but seeded calls of the cls
-- functions and aggregates listed in pg_proc as members of the extension
-- (so a new function is fuzzed without any change here), with arguments of
-- the catalog's types drawn partly from realistic values and partly
-- from hostile pools (fz.pool; 10-60 % of the values of a function call, 0-30 %
-- of an aggregate's), and checks on every call:
--   sqlstate   an error has one of the documented SQLSTATEs (fz.allowed)
--   roundtrip  the result's text re-reads through its type's input function
--              and prints the same (what COPY TO / COPY FROM and a plain
--              pg_dump/pg_restore do with it): a timestamp beyond
--              PostgreSQL's range fails here
--   duration   every field called *duration in the result is >= 0
--   parallel   an aggregate gives the same result (or also an error) in a
--              forced parallel plan as in a serial one
--   order      an aggregate gives the same result (or also an error) over
--              its rows shuffled
-- Violations go to fz.failure (one row each, with the query that shows it);
-- counts per input category to fz.tried, per SQLSTATE to fz.outcome.
-- Every call runs in its own subtransaction; a server crash ends the batch
-- and the driver replays it with fz.run(seed, calls, verbose => true),
-- which sends each query to the client (NOTICE) before running it.
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS fz CASCADE;
CREATE SCHEMA fz;
SET search_path = fz, pg_catalog, public;

CREATE TABLE fz.pool (typ regtype, cat text, expr text);
CREATE TABLE fz.tried (cat text PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
CREATE TABLE fz.outcome (fn text, state text, n bigint NOT NULL DEFAULT 0, PRIMARY KEY (fn, state));
CREATE TABLE fz.failure (seed float8, ncall int, check_name text, fn text, query text, detail text);
CREATE TABLE fz.allowed (state text PRIMARY KEY, why text);

-- SQLSTATEs a cls call may end with: what src/*.c and src/sql raise
-- (grep errcode), what PostgreSQL raises on the way for these arguments,
-- and the resource limits the README documents.
INSERT INTO fz.allowed VALUES
    ('22023', 'invalid_parameter_value: a query mistake (unit, limit, criteria, mix of NULL and non-NULL constants)'),
    ('22004', 'null_value_not_allowed: a NULL where a value is required (exclusions, doses)'),
    ('22P02', 'invalid_text_representation: type input (analyte, term, version, profile)'),
    ('42804', 'datatype_mismatch: a per-row argument that must be constant'),
    ('54000', 'program_limit_exceeded: too many observations in one group'),
    ('53200', 'out_of_memory'),
    ('57014', 'query_canceled'),
    ('22003', 'numeric_value_out_of_range: PostgreSQL arithmetic on the arguments'),
    ('22008', 'datetime_field_overflow: PostgreSQL timestamp/interval arithmetic'),
    ('22007', 'invalid_datetime_format'),
    ('22P03', 'invalid_binary_representation: a forged aggregate state');

-- ---- value pools --------------------------------------------------------
INSERT INTO fz.pool
SELECT 'float8'::regtype, c, e FROM (VALUES
    ('nan', '''NaN''::float8'), ('inf', '''Infinity''::float8'), ('inf', '''-Infinity''::float8'),
    ('huge', '1e308::float8'), ('huge', '-1e308::float8'), ('huge', '1.7976931348623157e308::float8'),
    ('denormal', '4.9e-324::float8'), ('denormal', '-4.9e-324::float8'), ('denormal', '2.2250738585072014e-308::float8'),
    ('tiny', '1e-300::float8'), ('zero', '0::float8'), ('negzero', '''-0''::float8'),
    ('negative', '-1::float8'), ('negative', '-80::float8'), ('null', 'NULL::float8')) v(c, e)
UNION ALL
SELECT 'text'::regtype, c, e FROM (VALUES
    ('null', 'NULL::text'), ('empty', ''''''), ('blank', '''   '''),
    ('long_string', 'repeat(''x'', 1000000)'), ('long_string', 'repeat(''g/dL'', 50000)'),
    ('multibyte', 'repeat(''é'', 3000)'), ('multibyte', '''µmol/L'''), ('multibyte', '''°C'''),
    ('multibyte', '''白蛋白'''), ('control', 'E''g/dL\n'''), ('control', 'E''\t'''),
    ('case', ''' G/DL '''), ('case', '''ALBUMIN'''), ('junk', '''unknown'''), ('junk', '''1e308''')) v(c, e)
UNION ALL
SELECT 'bigint'::regtype, c, e FROM (VALUES
    ('null', 'NULL::bigint'), ('zero', '0::bigint'), ('negative', '-1::bigint'),
    ('huge', '9223372036854775807::bigint'), ('huge', '(-9223372036854775807 - 1)::bigint'),
    ('junk', '4294967296::bigint')) v(c, e)
UNION ALL
SELECT 'integer'::regtype, c, e FROM (VALUES
    ('null', 'NULL::int'), ('zero', '0'), ('negative', '-1'), ('huge', '2147483647'),
    ('huge', '(-2147483647 - 1)'), ('junk', '99')) v(c, e)
UNION ALL
SELECT 'boolean'::regtype, 'null', 'NULL::boolean'
UNION ALL
SELECT 'timestamptz'::regtype, c, e FROM (VALUES
    ('null', 'NULL::timestamptz'), ('infinite_time', '''infinity''::timestamptz'),
    ('infinite_time', '''-infinity''::timestamptz'),
    ('extreme_time', '''294276-12-31 23:00:00+00''::timestamptz'),
    ('extreme_time', '''294276-12-31 23:59:59.999999+00''::timestamptz'),
    ('extreme_time', '''4714-11-24 00:00:00+00 BC''::timestamptz'),
    ('extreme_time', '''4714-11-24 01:00:00+00 BC''::timestamptz'),
    ('extreme_time', '''1990-01-01 00:00+00''::timestamptz'),
    ('extreme_time', '''2020-01-01 00:00+00''::timestamptz'),
    ('extreme_time', '''2000-01-01 00:00+00''::timestamptz')) v(c, e)
UNION ALL
SELECT 'date'::regtype, c, e FROM (VALUES
    ('null', 'NULL::date'), ('infinite_time', '''infinity''::date'), ('infinite_time', '''-infinity''::date'),
    ('extreme_time', '''5874897-12-31''::date'), ('extreme_time', '''4714-11-24 BC''::date')) v(c, e)
UNION ALL
SELECT 'interval'::regtype, c, e FROM (VALUES
    ('null', 'NULL::interval'), ('zero', '''0''::interval'),
    ('negative_interval', '''-1 day''::interval'), ('negative_interval', '''-1 microsecond''::interval'),
    ('negative_interval', '''-106751991 days''::interval'), ('negative_interval', '''-178000000 years''::interval'),
    ('huge_interval', '''106751991 days''::interval'), ('huge_interval', '''178000000 years''::interval'),
    ('huge_interval', '''2147483647 months 2147483647 days 9223372036854775807 microseconds''::interval'),
    ('tiny', '''1 microsecond''::interval'), ('mixed_interval', '''1 month -40 days''::interval')) v(c, e)
UNION ALL
SELECT 'tstzmultirange'::regtype, c, e FROM (VALUES
    ('null', 'NULL::tstzmultirange'), ('empty_array', '''{}''::tstzmultirange'),
    ('infinite_time', '''{(,)}''::tstzmultirange'),
    ('infinite_time', '''{[-infinity,infinity]}''::tstzmultirange'),
    ('extreme_time', '''{[294276-12-31 00:00+00,294276-12-31 23:59+00]}''::tstzmultirange'),
    ('huge_array', '(SELECT range_agg(tstzrange(t, t + ''1 hour'')) FROM generate_series(''2024-01-01''::timestamptz, ''2024-01-01''::timestamptz + ''20000 hours'', ''2 hours'') t)')) v(c, e);

-- Realistic values per type (and, for text, per argument name).
CREATE TABLE fz.codes AS
    SELECT code, analyte::text AS analyte FROM cls.codes()
    UNION SELECT analyte::text, analyte::text FROM cls.analytes();
CREATE TABLE fz.units AS
    SELECT a.analyte::text AS analyte, trim(u) AS unit
    FROM cls.analytes() a, unnest(string_to_array(a.units, ',')) u;
CREATE TABLE fz.terms AS SELECT DISTINCT term::text AS term FROM cls.ctcae_criteria();

CREATE FUNCTION fz.count(c text) RETURNS void LANGUAGE sql AS
$$ INSERT INTO fz.tried VALUES (c, 1) ON CONFLICT (cat) DO UPDATE SET n = fz.tried.n + 1 $$;

CREATE FUNCTION fz.rand_time() RETURNS text LANGUAGE sql AS $$
    SELECT quote_literal(('2024-01-01 00:00+00'::timestamptz
        + floor(random() * 30 * 24 * 4) * interval '15 minutes')::text) || '::timestamptz' $$;

-- one SQL expression of type t; name = the argument's name (choses the
-- realistic pool of text arguments); depth limits nested constructor calls
CREATE FUNCTION fz.val(t regtype, name text, depth int DEFAULT 0) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    e text;
    c text;
    elem regtype;
    k int;
BEGIN
    elem := (SELECT typelem FROM pg_type WHERE oid = t AND typcategory = 'A');
    IF elem IS NOT NULL THEN
        k := floor(random() * 6);
        IF k = 0 THEN PERFORM fz.count('null'); RETURN 'NULL::' || t::text; END IF;
        IF k = 1 THEN PERFORM fz.count('empty_array'); RETURN '''{}''::' || t::text; END IF;
        IF k = 2 AND elem = 'timestamptz'::regtype THEN
            PERFORM fz.count('huge_array');
            RETURN '(SELECT array_agg(''2024-01-01''::timestamptz + i * interval ''1 day'') FROM generate_series(1, 20000) i)';
        END IF;
        IF k = 2 THEN PERFORM fz.count('array_null_element');
            RETURN format('ARRAY[NULL, %s]::%s', fz.val(elem, name, depth), t); END IF;
        RETURN format('ARRAY[%s]::%s', (SELECT string_agg(fz.val(elem, name, depth), ', ')
                                        FROM generate_series(1, 1 + floor(random() * 4)::int)), t);
    END IF;
    -- composite cls types: their constructors, with random arguments
    IF t IN ('cls.criteria'::regtype, 'cls.triad_baselines'::regtype, 'cls.episode_params'::regtype) THEN
        IF depth > 0 OR random() < 0.2 THEN PERFORM fz.count('null'); RETURN 'NULL::' || t::text; END IF;
        IF t = 'cls.criteria'::regtype AND random() < 0.3 THEN
            PERFORM fz.count('normal');
            RETURN format('cls.criteria_defaults(%L)', CASE WHEN random() < 0.5 THEN 'triad' ELSE 'drug' END);
        END IF;
        RETURN fz.call_expr((SELECT p.oid FROM pg_proc p WHERE p.pronamespace = 'cls'::regnamespace
                               AND p.prorettype = t AND p.prokind = 'f' AND p.pronargs > 1
                             ORDER BY random() LIMIT 1), depth + 1, 0.4);
    END IF;
    IF random() < current_setting('fz.hostile')::float8 AND EXISTS (SELECT 1 FROM fz.pool WHERE typ = t) THEN
        SELECT p.cat, p.expr INTO c, e FROM fz.pool p WHERE p.typ = t ORDER BY random() LIMIT 1;
        PERFORM fz.count(c);
        RETURN e;
    END IF;
    PERFORM fz.count('normal');
    CASE t
    WHEN 'float8'::regtype THEN
        RETURN (ARRAY['2.5', '3.5', '80', '45', '37.5', '120', '1', '0.5', '95', '70.2',
                      round((random() * 200)::numeric, 2)::text,
                      round((random() * 6)::numeric, 3)::text])[1 + floor(random() * 12)] || '::float8';
    WHEN 'bigint'::regtype THEN
        RETURN coalesce((SELECT code FROM fz.codes WHERE code ~ '^[0-9]+$' ORDER BY random() LIMIT 1), '0') || '::bigint';
    WHEN 'integer'::regtype THEN RETURN ((ARRAY[1, 1, 2, 2, 3, 0, 4, 8, 21, 22])[1 + floor(random() * 10)])::text;
    WHEN 'boolean'::regtype THEN RETURN CASE WHEN random() < 0.5 THEN 'true' ELSE 'false' END;
    WHEN 'timestamptz'::regtype THEN RETURN fz.rand_time();
    WHEN 'date'::regtype THEN RETURN quote_literal(('2024-01-01'::date + floor(random() * 60)::int)::text) || '::date';
    WHEN 'interval'::regtype THEN
        RETURN quote_literal((ARRAY['0', '6 hours', '24 hours', '72 hours', '7 days', '1 hour', '30 minutes'])[1 + floor(random() * 7)]) || '::interval';
    WHEN 'tstzmultirange'::regtype THEN
        RETURN format('tstzmultirange(tstzrange(%1$s, %1$s + interval ''3 days''))', fz.rand_time());
    WHEN 'cls.analyte'::regtype THEN
        RETURN quote_literal((SELECT analyte FROM fz.units ORDER BY random() LIMIT 1)) || '::cls.analyte';
    WHEN 'cls.ctcae_term'::regtype THEN
        RETURN quote_literal((SELECT term FROM fz.terms ORDER BY random() LIMIT 1)) || '::cls.ctcae_term';
    WHEN 'cls.ctcae_version'::regtype THEN
        RETURN quote_literal((ARRAY['5.0', '4.03', '6.0'])[1 + floor(random() * 3)]) || '::cls.ctcae_version';
    WHEN 'cls.profile'::regtype THEN
        RETURN quote_literal((ARRAY['triad', 'drug'])[1 + floor(random() * 2)]) || '::cls.profile';
    WHEN 'text'::regtype THEN
        IF name ~ 'unit' THEN RETURN quote_literal((SELECT unit FROM fz.units ORDER BY random() LIMIT 1)); END IF;
        IF name ~ 'code' THEN RETURN quote_literal((SELECT code FROM fz.codes ORDER BY random() LIMIT 1)); END IF;
        IF name ~ 'hypersensitivity' THEN
            RETURN quote_literal((ARRAY['none', 'mild', 'moderate', 'severe', 'life-threatening'])[1 + floor(random() * 5)]);
        END IF;
        RETURN quote_literal((ARRAY['g/dL', 'albumin', 'Hypoalbuminemia', 'kg', 'mm[Hg]'])[1 + floor(random() * 5)]);
    ELSE
        PERFORM fz.count('null');
        RETURN 'NULL::' || t::text;
    END CASE;
END
$$;

-- a call of function fn: required arguments positionally, each optional
-- one by name with probability p_opt (all of them when p_opt >= 1)
CREATE FUNCTION fz.call_expr(fn oid, depth int, p_opt float8) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    p pg_proc;
    args text[] := '{}';
    i int;
    nreq int;
    named boolean := false;
BEGIN
    SELECT * INTO p FROM pg_proc WHERE oid = fn;
    nreq := p.pronargs - p.pronargdefaults;
    FOR i IN 0 .. p.pronargs - 1 LOOP
        IF i < nreq THEN
            args := args || fz.val(p.proargtypes[i], coalesce(p.proargnames[i + 1], ''), depth);
        ELSIF random() < p_opt THEN
            args := args || format('%I => %s', p.proargnames[i + 1],
                                   fz.val(p.proargtypes[i], p.proargnames[i + 1], depth));
            named := true;
        ELSE
            named := true;   -- skipped: later ones must be named
        END IF;
    END LOOP;
    RETURN format('%s(%s)', fn::regproc, array_to_string(args, ', '));
END
$$;

-- ---- checks -------------------------------------------------------------
CREATE FUNCTION fz.fail(seed float8, ncall int, chk text, fn text, q text, detail text) RETURNS void
LANGUAGE sql AS $$ INSERT INTO fz.failure VALUES (seed, ncall, chk, fn, left(q, 4000), left(detail, 2000)) $$;

CREATE FUNCTION fz.outcome(fn text, st text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO fz.outcome VALUES (fn, st, 1) ON CONFLICT (fn, state) DO UPDATE SET n = fz.outcome.n + 1 $$;

-- Check one result value (its text output and type); returns NULL or the
-- name and detail of the first violated check.
CREATE FUNCTION fz.check_value(v text, typ text, j jsonb) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
    back text;
    bad text;
BEGIN
    IF v IS NULL THEN RETURN NULL; END IF;
    IF typ !~ 'record' THEN
        BEGIN
            EXECUTE format('SELECT (%L::%s)::text', v, typ) INTO back;
        EXCEPTION WHEN OTHERS THEN
            RETURN ARRAY['roundtrip', format('%s input of the output fails: %s: %s', typ, SQLSTATE, SQLERRM)];
        END;
        IF back IS DISTINCT FROM v THEN
            RETURN ARRAY['roundtrip', format('%s output %s re-reads as %s', typ, left(v, 300), left(back, 300))];
        END IF;
    END IF;
    WITH RECURSIVE walk(k, val) AS (
        SELECT NULL::text, j
        UNION ALL
        SELECT coalesce(e.key, w.k), e.value
        FROM walk w, LATERAL (
            SELECT key, value FROM jsonb_each(CASE WHEN jsonb_typeof(w.val) = 'object' THEN w.val END)
            UNION ALL
            SELECT NULL, value FROM jsonb_array_elements(CASE WHEN jsonb_typeof(w.val) = 'array' THEN w.val END)) e)
    SELECT k || ' = ' || (val #>> '{}') INTO bad FROM walk
    WHERE k ~ 'duration$' AND jsonb_typeof(val) = 'string' AND (val #>> '{}')::interval < interval '0'
    LIMIT 1;
    IF bad IS NOT NULL THEN RETURN ARRAY['duration', 'negative duration: ' || bad]; END IF;
    RETURN NULL;
END
$$;

-- Run q (one value) and return (sqlstate or '00000', text, type, jsonb).
CREATE FUNCTION fz.exec(q text, OUT st text, OUT v text, OUT typ text, OUT j jsonb, OUT msg text)
LANGUAGE plpgsql AS $$
BEGIN
    st := '00000';
    EXECUTE format('SELECT r::text, pg_typeof(r)::text, to_jsonb(r) FROM (%s) s(r)', q) INTO v, typ, j;
EXCEPTION WHEN OTHERS THEN
    st := SQLSTATE; msg := SQLERRM; v := NULL; typ := NULL; j := NULL;
END
$$;

CREATE FUNCTION fz.set_parallel(on_ boolean) RETURNS void LANGUAGE sql AS $$
    SELECT set_config('force_parallel_mode', CASE WHEN on_ THEN 'on' ELSE 'off' END, true),
           set_config('parallel_setup_cost', CASE WHEN on_ THEN '0' ELSE '1000' END, true),
           set_config('parallel_tuple_cost', CASE WHEN on_ THEN '0' ELSE '0.1' END, true),
           set_config('min_parallel_table_scan_size', CASE WHEN on_ THEN '0' ELSE '8MB' END, true),
           set_config('max_parallel_workers_per_gather', CASE WHEN on_ THEN '2' ELSE '0' END, true) $$;

-- the functions and aggregates under test
CREATE VIEW fz.targets AS
    SELECT p.oid, p.prokind, p.proretset, p.oid::regprocedure::text AS sig
    FROM pg_proc p
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cls'
    WHERE p.prokind IN ('f', 'a')
      AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) a
                      WHERE a IN ('internal'::regtype, 'cstring'::regtype))
      AND p.prorettype NOT IN ('cstring'::regtype, 'internal'::regtype);

-- One aggregate call: a table of random rows (some columns constant over
-- the rows), then serial, forced parallel and shuffled runs.
CREATE FUNCTION fz.agg_call(seed float8, ncall int, fn oid, loud boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    p pg_proc;
    tbl text := 'fz.rows_' || fn::int;
    nrows int;
    regime int;
    i int; c int;
    consts text[] := '{}';
    rowv text[];
    vals text[] := '{}';
    cols text;
    q text; qp text; qs text;
    r1 record; r2 record; r3 record;
    chk text[];
BEGIN
    SELECT * INTO p FROM pg_proc WHERE oid = fn;
    -- the share of hostile values: most rows of an aggregate must be
    -- usable for the call to get past the first unknown unit
    PERFORM set_config('fz.hostile', (ARRAY['0', '0.005', '0.03', '0.3'])[1 + floor(random() * 4)], true);
    IF to_regclass(tbl) IS NULL THEN
        EXECUTE format('CREATE UNLOGGED TABLE %s (i int, %s) WITH (fillfactor = 10, parallel_workers = 2)', tbl,
            (SELECT string_agg(format('c%s %s', n, t::regtype), ', ' ORDER BY n)
             FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, n)));
    END IF;
    EXECUTE 'TRUNCATE ' || tbl;
    -- the rows' times: a month of 2024, the last or first days of
    -- PostgreSQL's range, or anywhere in it
    regime := (ARRAY[0, 0, 0, 1, 2, 3])[1 + floor(random() * 6)];
    nrows := CASE WHEN random() < 0.1 THEN 0 WHEN random() < 0.1 THEN 1 + floor(random() * 3000)::int
                  ELSE 1 + floor(random() * 40)::int END;
    -- arguments from the 5th on (criteria, baselines, exclusions, doses,
    -- params) and those of cls.eras/state_episodes after the 2nd are
    -- constant in a real query; keep them constant in 80% of the calls
    FOR c IN 0 .. p.pronargs - 1 LOOP
        consts := consts || CASE WHEN (c >= 4 OR (c >= 2 AND p.proname IN ('eras', 'state_episodes')))
                                       AND random() < 0.8
                                 THEN fz.val(p.proargtypes[c], p.proargnames[c + 1]) END;
    END LOOP;
    FOR i IN 1 .. nrows LOOP
        rowv := ARRAY[i::text];
        FOR c IN 0 .. p.pronargs - 1 LOOP
            IF consts[c + 1] IS NOT NULL THEN rowv := rowv || consts[c + 1];
            ELSIF c = 0 AND p.proargtypes[0] = 'timestamptz'::regtype AND random() < 0.7 THEN
                -- a time at the ends of the range may not print in the
                -- session's time zone (22008): then a time of 2024
                BEGIN
                    rowv := rowv || CASE regime
                        WHEN 0 THEN fz.rand_time()
                        WHEN 1 THEN quote_literal(('294276-12-31 23:00:00+00'::timestamptz
                                                   - floor(random() * 96) * interval '1 hour')::text) || '::timestamptz'
                        WHEN 2 THEN quote_literal(('4714-11-24 00:00:00+00 BC'::timestamptz
                                                   + floor(random() * 96) * interval '1 hour')::text) || '::timestamptz'
                        ELSE quote_literal(('4714-11-24 00:00:00+00 BC'::timestamptz + floor(random() * 298989) * 365.25
                                            * interval '1 day' + floor(random() * 24) * interval '1 hour')::text) || '::timestamptz'
                        END;
                EXCEPTION WHEN datetime_field_overflow THEN
                    rowv := rowv || fz.rand_time();
                END;
            ELSIF c = 2 AND p.proargnames[3] = 'value' AND random() < 0.5 THEN
                rowv := rowv || (round((random() * 150)::numeric, 2)::text || '::float8');
            ELSE rowv := rowv || fz.val(p.proargtypes[c], p.proargnames[c + 1]); END IF;
        END LOOP;
        -- couple code and unit: a unit of the code's analyte (most rows)
        IF p.proargnames[2] = 'code' AND p.proargnames[4] = 'unit' AND p.proargtypes[1] = 'text'::regtype
           AND p.proargtypes[3] = 'text'::regtype AND random() < 0.7 THEN
            SELECT quote_literal(c2.code), quote_literal(u.unit) INTO q, qp
            FROM fz.codes c2 JOIN fz.units u USING (analyte) ORDER BY random() LIMIT 1;
            rowv[3] := q; rowv[5] := qp;
        END IF;
        vals := vals || ('(' || array_to_string(rowv, ', ') || ')');
    END LOOP;
    cols := (SELECT string_agg('c' || n, ', ' ORDER BY n) FROM generate_series(1, p.pronargs) n);
    q := format('INSERT INTO %s VALUES %s', tbl, array_to_string(vals, ', '));
    IF loud THEN RAISE WARNING 'fz %: %', ncall, left(q, 20000); END IF;
    IF nrows > 0 THEN
        BEGIN
            EXECUTE q;
        EXCEPTION WHEN OTHERS THEN   -- a constructor in the arguments failed
            PERFORM fz.outcome(p.oid::regprocedure::text, 'args:' || SQLSTATE);
            IF NOT EXISTS (SELECT 1 FROM fz.allowed WHERE state = SQLSTATE) THEN
                PERFORM fz.fail(seed, ncall, 'sqlstate', p.oid::regprocedure::text, q, SQLSTATE || ': ' || SQLERRM);
            END IF;
            RETURN;
        END;
    END IF;
    q := format('SELECT %s(%s) FROM %s', fn::regproc, cols, tbl);
    qs := format('SELECT %s(%s) FROM (SELECT * FROM %s ORDER BY random() OFFSET 0) s', fn::regproc, cols, tbl);
    IF loud THEN RAISE WARNING 'fz %: %', ncall, q; END IF;
    PERFORM fz.set_parallel(false);
    r1 := fz.exec(q);
    PERFORM fz.outcome(p.oid::regprocedure::text, r1.st);
    IF r1.st <> '00000' AND NOT EXISTS (SELECT 1 FROM fz.allowed WHERE state = r1.st) THEN
        PERFORM fz.fail(seed, ncall, 'sqlstate', p.oid::regprocedure::text, q, r1.st || ': ' || r1.msg);
    END IF;
    chk := fz.check_value(r1.v, r1.typ, r1.j);
    IF chk IS NOT NULL THEN PERFORM fz.fail(seed, ncall, chk[1], p.oid::regprocedure::text, q, chk[2]); END IF;
    r3 := fz.exec(qs);
    -- rows with several faults may fail on a different one first: two
    -- errors agree whatever their SQLSTATEs
    IF (r3.st = '00000') <> (r1.st = '00000') OR r3.v IS DISTINCT FROM r1.v THEN
        PERFORM fz.fail(seed, ncall, 'order', p.oid::regprocedure::text, qs,
                        format('in order: %s %s; shuffled: %s %s', r1.st, left(r1.v, 500), r3.st, left(r3.v, 500)));
    END IF;
    PERFORM fz.set_parallel(true);
    r2 := fz.exec(q);
    PERFORM fz.set_parallel(false);
    IF (r2.st = '00000') <> (r1.st = '00000') OR r2.v IS DISTINCT FROM r1.v THEN
        PERFORM fz.fail(seed, ncall, 'parallel', p.oid::regprocedure::text, q,
                        format('serial: %s %s; forced parallel: %s %s %s', r1.st, left(r1.v, 500), r2.st, left(r2.v, 500), coalesce(r2.msg, '')));
    END IF;
END
$$;

CREATE FUNCTION fz.fn_call(seed float8, ncall int, fn oid, retset boolean, loud boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    q text;
    r record;
    chk text[];
    sig text := fn::regprocedure::text;
BEGIN
    PERFORM set_config('fz.hostile', (ARRAY['0.1', '0.3', '0.6'])[1 + floor(random() * 3)], true);
    q := fz.call_expr(fn, 0, CASE WHEN random() < 0.3 THEN 1 ELSE 0.3 END);
    q := CASE WHEN retset THEN format('SELECT array_agg(x) FROM %s x', q)
              ELSE format('SELECT x FROM %s x', q) END;
    IF loud THEN RAISE WARNING 'fz %: %', ncall, left(q, 20000); END IF;
    r := fz.exec(q);
    PERFORM fz.outcome(sig, r.st);
    IF r.st <> '00000' AND NOT EXISTS (SELECT 1 FROM fz.allowed WHERE state = r.st) THEN
        PERFORM fz.fail(seed, ncall, 'sqlstate', sig, q, r.st || ': ' || r.msg);
    END IF;
    chk := fz.check_value(r.v, r.typ, r.j);
    IF chk IS NOT NULL THEN PERFORM fz.fail(seed, ncall, chk[1], sig, q, chk[2]); END IF;
END
$$;

-- calls random calls with the PRNG seeded by seed (-1 .. 1)
CREATE FUNCTION fz.run(seed float8, calls int, loud boolean DEFAULT false) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    t record;
    i int;
    targets oid[];
    kinds "char"[];
    sets boolean[];
    k int;
BEGIN
    PERFORM setseed(seed);
    SELECT array_agg(oid ORDER BY sig), array_agg(prokind ORDER BY sig), array_agg(proretset ORDER BY sig)
    INTO targets, kinds, sets FROM fz.targets;
    FOR i IN 1 .. calls LOOP
        k := 1 + floor(random() * array_length(targets, 1));
        IF kinds[k] = 'a' THEN
            PERFORM fz.agg_call(seed, i, targets[k], loud);
        ELSE
            PERFORM fz.fn_call(seed, i, targets[k], sets[k], loud);
        END IF;
    END LOOP;
    RETURN calls;
END
$$;

-- Self-check: a forced parallel plan over an fz rows table really starts
-- workers (else the parallel check would compare serial with serial).
CREATE FUNCTION fz.workers_launched() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    CREATE UNLOGGED TABLE IF NOT EXISTS fz.rows_probe (t timestamptz, a boolean) WITH (fillfactor = 10, parallel_workers = 2);
    TRUNCATE fz.rows_probe;
    INSERT INTO fz.rows_probe SELECT '2024-01-01'::timestamptz + i * interval '1 hour', i % 3 = 0 FROM generate_series(1, 2000) i;
    PERFORM fz.set_parallel(true);
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT cls.state_episodes(t, a, ''1 hour'', ''1 hour'') FROM fz.rows_probe' INTO plan;
    PERFORM fz.set_parallel(false);
    RETURN (SELECT max((m[1])::int) FROM regexp_matches(plan::text, '"Workers Launched": ([0-9]+)', 'g') m);
END
$$;
RESET search_path;
