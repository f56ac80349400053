-- Aggregate states and serialized (bytea) states: who can reach a
-- deserialize function, and what it does with bytes it did not expect.
-- The catalog checks cover every cls aggregate automatically; the calls
-- that need arguments come from the list `agg_calls` below (one line per
-- aggregate signature).
SET timezone = 'UTC';
SET extra_float_digits = 0;

CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;

-- The aggregate calls under test: the aggregate's signature and a call
-- template over the table states_obs(pid, t, active, code, code_id, value,
-- unit, unit_id, dose) where %s is the aggregate's name.  Adding an
-- aggregate is one line here.
CREATE TEMP TABLE agg_calls (agg regprocedure PRIMARY KEY, call text NOT NULL);
INSERT INTO agg_calls VALUES
  ('cls.eras(timestamptz, timestamptz, interval)',
   $$%s(t, t + interval '2 hours', interval '1 hour')$$),
  ('cls.eras(date, date, integer)',
   $$%s((t AT TIME ZONE 'UTC')::date, (t AT TIME ZONE 'UTC')::date + 1, 2)$$),
  ('cls.state_episodes(timestamptz, boolean, interval, interval)',
   $$%s(t, active, interval '6 hours', interval '12 hours')$$),
  ('cls.state_episodes(timestamptz, boolean, interval, interval, interval)',
   $$%s(t, active, interval '6 hours', interval '12 hours', interval '1 hour')$$),
  -- the triad family (one observation buffer, src/obs_pg.h): text and
  -- bigint codes, triad and drug criteria, baselines
  ('cls.triad_agg(timestamptz, text, float8, text)',
   $$%s(t, code, value, unit)$$),
  ('cls.triad_agg(timestamptz, bigint, float8, text)',
   $$%s(t, code_id, value, unit)$$),
  ('cls.triad_agg(timestamptz, text, float8, text, cls.criteria)',
   $$%s(t, code, value, unit, cls.drug_criteria())$$),
  ('cls.triad_agg(timestamptz, bigint, float8, text, cls.criteria)',
   $$%s(t, code_id, value, unit, cls.triad_criteria(k => 2, cooccurrence_window => '48 hours'))$$),
  ('cls.triad_agg(timestamptz, text, float8, text, cls.criteria, cls.triad_baselines)',
   $$%s(t, code, value, unit, cls.triad_criteria(k => 2), cls.baselines(sbp => 125, albumin => 4.0, hematocrit => 40))$$),
  ('cls.triad_agg(timestamptz, bigint, float8, text, cls.criteria, cls.triad_baselines)',
   $$%s(t, code_id, value, unit, cls.drug_criteria(), cls.baselines(weight => 70))$$),
  ('cls.triad_timeline(timestamptz, text, float8, text)',
   $$%s(t, code, value, unit)$$),
  ('cls.triad_timeline(timestamptz, bigint, float8, text)',
   $$%s(t, code_id, value, unit)$$),
  ('cls.triad_timeline(timestamptz, text, float8, text, cls.criteria)',
   $$%s(t, code, value, unit, cls.drug_criteria())$$),
  ('cls.triad_timeline(timestamptz, bigint, float8, text, cls.criteria)',
   $$%s(t, code_id, value, unit, cls.triad_criteria(k => 2, cooccurrence_window => '48 hours'))$$),
  ('cls.triad_episodes(timestamptz, text, float8, text)',
   $$%s(t, code, value, unit)$$),
  ('cls.triad_episodes(timestamptz, bigint, float8, text)',
   $$%s(t, code_id, value, unit)$$),
  ('cls.triad_episodes(timestamptz, text, float8, text, cls.criteria)',
   $$%s(t, code, value, unit, cls.triad_criteria(k => 2))$$),
  ('cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria)',
   $$%s(t, code_id, value, unit, cls.drug_criteria())$$),
  ('cls.triad_episodes(timestamptz, text, float8, text, cls.criteria, tstzmultirange)',
   $$%s(t, code, value, unit, cls.triad_criteria(k => 2),
        tstzmultirange(tstzrange('2024-01-10 00:00+00', '2024-01-12 00:00+00')))$$),
  ('cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria, tstzmultirange)',
   $$%s(t, code_id, value, unit, cls.triad_criteria(k => 1),
        tstzmultirange(tstzrange('2024-01-05 00:00+00', '2024-01-06 00:00+00'), tstzrange('2024-02-01 00:00+00', NULL)))$$),
  ('cls.triad_episodes(timestamptz, text, float8, text, cls.criteria, tstzmultirange, timestamptz[])',
   $$%s(t, code, value, unit, cls.drug_criteria(), NULL,
        ARRAY['2024-01-02 08:00+00', '2024-01-03 08:00+00', '2024-01-23 08:00+00']::timestamptz[])$$),
  ('cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria, tstzmultirange, timestamptz[])',
   $$%s(t, code_id, value, unit, cls.triad_criteria(k => 2), '{}',
        ARRAY['2024-01-15 08:00+00']::timestamptz[])$$),
  ('cls.triad_episodes(timestamptz, text, float8, text, cls.criteria, tstzmultirange, timestamptz[], cls.episode_params)',
   $$%s(t, code, value, unit, cls.triad_criteria(k => 2), NULL, NULL,
        cls.episode_params(max_gap => '12 hours', hold => '36 hours', min_duration => '2 hours'))$$),
  ('cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria, tstzmultirange, timestamptz[], cls.episode_params)',
   $$%s(t, code_id, value, unit, cls.drug_criteria(),
        tstzmultirange(tstzrange('2024-01-20 00:00+00', '2024-01-21 00:00+00')),
        ARRAY['2024-01-02 08:00+00']::timestamptz[], cls.episode_params(albumin_lln => NULL))$$),
  -- the tagraxofusp family and cls.cycles (the same buffer): rows with
  -- dose = true are dose times
  ('cls.tagraxofusp_monitor(timestamptz, text, float8, text, float8, boolean)',
   $$%s(t, code, value, unit, NULL::float8, dose)$$),
  ('cls.tagraxofusp_monitor(timestamptz, bigint, float8, text, float8, boolean)',
   $$%s(t, code_id, value, unit, NULL::float8, dose)$$),
  ('cls.tagraxofusp_monitor(timestamptz, bigint, float8, bigint, float8, boolean)',
   $$%s(t, code_id, value, unit_id, NULL::float8, dose)$$),
  ('cls.tagraxofusp_summary(timestamptz, text, float8, text, float8, boolean)',
   $$%s(t, code, value, unit, NULL::float8, dose)$$),
  ('cls.tagraxofusp_summary(timestamptz, bigint, float8, text, float8, boolean)',
   $$%s(t, code_id, value, unit, NULL::float8, dose)$$),
  ('cls.tagraxofusp_summary(timestamptz, bigint, float8, bigint, float8, boolean)',
   $$%s(t, code_id, value, unit_id, NULL::float8, dose)$$),
  -- with the patient's age and sex (0.3.0)
  ('cls.tagraxofusp_monitor(timestamptz, text, float8, text, float8, boolean, float8, text)',
   $$%s(t, code, value, unit, NULL::float8, dose, 70::float8, 'F')$$),
  ('cls.tagraxofusp_monitor(timestamptz, bigint, float8, text, float8, boolean, float8, text)',
   $$%s(t, code_id, value, unit, NULL::float8, dose, 70::float8, 'F')$$),
  ('cls.tagraxofusp_monitor(timestamptz, bigint, float8, bigint, float8, boolean, float8, text)',
   $$%s(t, code_id, value, unit_id, NULL::float8, dose, 70::float8, 'F')$$),
  ('cls.tagraxofusp_summary(timestamptz, text, float8, text, float8, boolean, float8, text)',
   $$%s(t, code, value, unit, NULL::float8, dose, 70::float8, 'F')$$),
  ('cls.tagraxofusp_summary(timestamptz, bigint, float8, text, float8, boolean, float8, text)',
   $$%s(t, code_id, value, unit, NULL::float8, dose, 70::float8, 'F')$$),
  ('cls.tagraxofusp_summary(timestamptz, bigint, float8, bigint, float8, boolean, float8, text)',
   $$%s(t, code_id, value, unit_id, NULL::float8, dose, 70::float8, 'F')$$),
  ('cls.cycles(timestamptz)',
   $$%s(CASE WHEN dose THEN t END)$$),
  ('cls.cycles(timestamptz, text)',
   $$%s(CASE WHEN dose THEN t END, 'America/New_York')$$),
  ('cls.cycles(timestamp)',
   $$%s(CASE WHEN dose THEN t AT TIME ZONE 'UTC' END)$$);
-- the timestamp forms (README "Time zones"): the same calls on the wall
-- clock t AT TIME ZONE 'UTC', with tsmultirange exclusions and timestamp[]
-- doses
INSERT INTO agg_calls
SELECT replace(replace(agg::text, 'timestamp with time zone', 'timestamp'), 'tstzmultirange', 'tsmultirange')::regprocedure,
       replace(replace(replace(replace(replace(call, '%s(t,', '%s(t AT TIME ZONE ''UTC'','), 'tstzmultirange(', 'tsmultirange('),
                               'tstzrange(', 'tsrange('), '+00''', ''''), '::timestamptz[]', '::timestamp[]')
FROM agg_calls
WHERE agg::text ~ '^cls\.(eras|state_episodes|triad_agg|triad_timeline|triad_episodes|tagraxofusp_monitor|tagraxofusp_summary)\(timestamp with time zone';
-- the tagraxofusp aggregates' timestamptz forms with a trailing time_zone
-- (README "Tagraxofusp monitoring"): the same calls dated in Kolkata
INSERT INTO agg_calls
SELECT regexp_replace(agg::text, '\)$', ',text)')::regprocedure,
       regexp_replace(call, '\)$', ', ''Asia/Kolkata'')')
FROM agg_calls
WHERE agg::text ~ '^cls\.tagraxofusp_(monitor|summary)\(timestamp with time zone';

-- a plain table: temporary tables are never scanned in parallel.  Per
-- patient (pid) about 430 rows over 1000 hours: albumin, SBP, hematocrit,
-- weight and edema in turn (codes as text and as OMOP concept_id, edema has
-- no int code; units as text and as OMOP unit concept_id), abnormal (low
-- albumin and SBP, high hematocrit, edema present) in the first 100 of
-- every 300 hours, weights varying by up to 4 kg, and a dose time on every
-- 50th row.
CREATE TABLE states_obs AS
SELECT (i % 7) AS pid,
       timestamptz '2024-01-01 00:00+00' + (i * 37 % 1000) * interval '1 hour' AS t,
       (i * 13 % 5) < 2 AS active,
       (ARRAY['albumin', 'sbp', 'hematocrit', 'weight', 'edema'])[i % 5 + 1] AS code,
       (ARRAY[3024561, 3004249, 3023314, 3025315, 0])[i % 5 + 1]::bigint AS code_id,
       CASE i % 5
         WHEN 0 THEN CASE WHEN i * 37 % 1000 / 100 % 3 = 0 THEN 2.7 ELSE 3.9 END + i % 3 / 10.0
         WHEN 1 THEN CASE WHEN i * 37 % 1000 / 100 % 3 = 0 THEN 85 ELSE 125 END + i % 7
         WHEN 2 THEN CASE WHEN i * 37 % 1000 / 100 % 3 = 0 THEN 48 ELSE 41 END + i % 3
         WHEN 3 THEN 70 + i % 40 / 10.0
         ELSE CASE WHEN i * 37 % 1000 / 100 % 3 = 0 THEN 1 ELSE 0 END
       END::float8 AS value,
       (ARRAY['g/dL', 'mmHg', '%', 'kg', NULL])[i % 5 + 1] AS unit,
       (ARRAY[8713, 8876, 8554, 9529, 0])[i % 5 + 1]::bigint AS unit_id,
       i % 50 = 0 AS dose
FROM generate_series(1, 3000) i;
ANALYZE states_obs;

-- The inputs do what they should: every family sees suspected CLS,
-- episodes, held doses and cycles, so that the comparisons below are over
-- non-trivial results.
SELECT count(*) AS patients,
       count(*) FILTER (WHERE (r).suspected_ever) AS triad_suspected,
       sum(cardinality(e)) AS episodes,
       count(*) FILTER (WHERE m IS NOT NULL) AS with_doses,
       sum((SELECT count(*) FROM unnest(m) d WHERE d.action = 'interrupt dosing')) AS doses_interrupted,
       sum(cardinality(c)) AS cycles
FROM (SELECT pid, cls.triad_agg(t, code, value, unit, cls.triad_criteria(k => 2)) r,
             cls.triad_episodes(t, code, value, unit, cls.triad_criteria(k => 2)) e,
             cls.tagraxofusp_monitor(t, code, value, unit, NULL::float8, dose) m,
             cls.cycles(CASE WHEN dose THEN t END) c
      FROM states_obs GROUP BY pid) s;

-- 1. Catalog.  Every cls aggregate: is it in agg_calls, does it have a
-- combine function, and then serial/deserial functions (internal state),
-- and is it PARALLEL SAFE together with all its support functions?
SELECT a.aggfnoid::regprocedure AS aggregate,
       a.aggtranstype::regtype AS stype,
       a.aggcombinefn <> 0 AS combine,
       a.aggserialfn <> 0 AS serial,
       a.aggdeserialfn <> 0 AS deserial,
       p.proparallel AS parallel,
       a.aggfnoid IN (SELECT agg FROM agg_calls) AS in_agg_calls
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
 AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
 AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls')
ORDER BY a.aggfnoid::regprocedure::text COLLATE "C";

-- Violations (expected: none): a cls aggregate with a combine function but
-- an internal state without serial/deserial functions, an aggregate or
-- support function that is not PARALLEL SAFE, or an aggregate missing from
-- agg_calls.
SELECT a.aggfnoid::regprocedure AS violating_aggregate, v.problem
FROM pg_aggregate a
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
 AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
 AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls'),
LATERAL (
  SELECT 'internal state with a combine function but no serial/deserial' AS problem
  WHERE a.aggcombinefn <> 0 AND a.aggtranstype = 'internal'::regtype
    AND (a.aggserialfn = 0 OR a.aggdeserialfn = 0)
  UNION ALL
  SELECT 'no combine function (not parallel)'
  WHERE a.aggcombinefn = 0
  UNION ALL
  SELECT 'not PARALLEL SAFE: ' || f::regprocedure::text
  FROM unnest(ARRAY[a.aggfnoid, a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
                    a.aggserialfn, a.aggdeserialfn]::oid[]) f
  JOIN pg_proc p ON p.oid = f
  WHERE f <> 0 AND p.proparallel <> 's'
  UNION ALL
  SELECT 'not in agg_calls (untested)'
  WHERE a.aggfnoid NOT IN (SELECT agg FROM agg_calls)
) v
ORDER BY a.aggfnoid::regprocedure::text COLLATE "C", v.problem COLLATE "C";

-- Every cls deserialize function takes (bytea, internal) and returns
-- internal: an `internal` argument cannot be produced in SQL, so no user
-- can call it with bytes of their choosing.
SELECT DISTINCT a.aggdeserialfn::regprocedure::text COLLATE "C" AS deserialfn,
       p.proargtypes::regtype[] AS args, p.prorettype::regtype AS returns,
       p.proisstrict AS strict
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggdeserialfn
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
 AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
 AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls')
ORDER BY deserialfn;

-- No other cls function takes a bytea (a future one would need its own
-- crafted-input test here).
SELECT p.oid::regprocedure AS unexpected_function
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
 AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
 AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls')
WHERE ('bytea'::regtype = ANY (p.proargtypes::oid[])
       AND p.oid NOT IN (SELECT aggdeserialfn FROM pg_aggregate))
ORDER BY p.oid::regprocedure::text COLLATE "C";

-- 2. Direct calls of every cls function with an internal argument, the way
-- a user could try: NULL for the internal arguments, crafted bytes for a
-- bytea.  The type system refuses every one: 42883 (no function matches an
-- unknown NULL) and 42846 (cannot cast to internal); nothing is executed.
SELECT p.oid::regprocedure AS fn,
       pg_temp.sqlstate_of(format('SELECT %s(%s)', p.oid::regproc,
         (SELECT string_agg(CASE WHEN t = 'bytea'::regtype THEN $$'\x00'::bytea$$ ELSE 'NULL' END, ', ')
          FROM unnest(p.proargtypes::regtype[]) t))) AS null_args,
       pg_temp.sqlstate_of(format('SELECT %s(%s)', p.oid::regproc,
         (SELECT string_agg(CASE WHEN t = 'bytea'::regtype THEN $$'\x434c5353000000'::bytea$$
                                 ELSE 'NULL::' || t::text END, ', ')
          FROM unnest(p.proargtypes::regtype[]) t))) AS typed_args
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
 AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
 AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls')
WHERE 'internal'::regtype = ANY (p.proargtypes::oid[])
ORDER BY p.oid::regprocedure::text COLLATE "C";

-- 3. A non-superuser cannot wire cls support functions into an aggregate of
-- their own (which could pass one aggregate's state to another's final or
-- deserialize function): PostgreSQL allows an internal transition type to
-- superusers only (42P13).
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_cls_states;
RESET client_min_messages;
CREATE ROLE regress_cls_states;
CREATE SCHEMA regress_cls_states_s AUTHORIZATION regress_cls_states;
-- What matters is which deserialize function gets which bytes, so one
-- aggregate per deserialize function (the first signature by name) stands
-- for all that share it.
CREATE TEMP TABLE representatives AS
SELECT DISTINCT ON (p.aggdeserialfn) c.agg
FROM agg_calls c JOIN pg_aggregate p ON p.aggfnoid = c.agg
ORDER BY p.aggdeserialfn, c.agg::text COLLATE "C";
SELECT agg AS representative FROM representatives ORDER BY agg::text COLLATE "C";
CREATE TEMP TABLE cross_wired AS
SELECT a.agg, b.agg AS other,
       -- the other aggregate's final and deserialize functions (a user's attack)
       format('CREATE AGGREGATE regress_cls_states_s.x(%s) (SFUNC = %s, STYPE = internal, '
              'FINALFUNC = %s, COMBINEFUNC = %s, SERIALFUNC = %s, DESERIALFUNC = %s, PARALLEL = SAFE)',
              pg_get_function_identity_arguments(a.agg), pa.aggtransfn::regproc,
              pb.aggfinalfn::regproc, pa.aggcombinefn::regproc, pa.aggserialfn::regproc,
              pb.aggdeserialfn::regproc) AS ddl,
       -- only the other's deserialize function (the superuser test below:
       -- its own final, so a serial plan would still be type-correct)
       format('CREATE AGGREGATE regress_cls_states_s.x(%s) (SFUNC = %s, STYPE = internal, '
              'FINALFUNC = %s, COMBINEFUNC = %s, SERIALFUNC = %s, DESERIALFUNC = %s, PARALLEL = SAFE)',
              pg_get_function_identity_arguments(a.agg), pa.aggtransfn::regproc,
              pa.aggfinalfn::regproc, pa.aggcombinefn::regproc, pa.aggserialfn::regproc,
              pb.aggdeserialfn::regproc) AS ddl_deserial_only
FROM representatives a JOIN pg_aggregate pa ON pa.aggfnoid = a.agg,
     representatives b JOIN pg_aggregate pb ON pb.aggfnoid = b.agg
WHERE pa.aggdeserialfn <> pb.aggdeserialfn;
GRANT SELECT ON cross_wired TO regress_cls_states;
SET ROLE regress_cls_states;
SELECT agg, other, pg_temp.sqlstate_of(ddl) AS as_non_superuser
FROM cross_wired ORDER BY agg::text COLLATE "C", other::text COLLATE "C";
RESET ROLE;

-- 4. A superuser can cross-wire them: one aggregate's serialized state then
-- reaches the other's deserialize function in a parallel plan.  The version
-- word is checked first, so the result is 22P03 (invalid serialized state),
-- never a crash or a wrong result.  (Truncated or inconsistent bytes with a
-- valid version word cannot be produced from SQL at all: every serialize
-- function reachable here writes a well-formed state.  The length and
-- content checks after the version word are reviewed in the code.)
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.cross_wired_run(a regprocedure, b regprocedure) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  c cross_wired;
  plan text := '';
  line text;
  st text;
BEGIN
  SELECT * INTO c FROM cross_wired WHERE agg = a AND other = b;
  EXECUTE c.ddl_deserial_only;
  FOR line IN EXECUTE format('EXPLAIN (COSTS OFF) SELECT pid, %s FROM states_obs GROUP BY pid',
                             format((SELECT call FROM agg_calls WHERE agg = a), 'regress_cls_states_s.x'))
  LOOP plan := plan || line; END LOOP;
  st := pg_temp.sqlstate_of(format('SELECT pid, %s FROM states_obs GROUP BY pid',
                                   format((SELECT call FROM agg_calls WHERE agg = a), 'regress_cls_states_s.x')));
  EXECUTE format('DROP AGGREGATE regress_cls_states_s.x(%s)', pg_get_function_identity_arguments(a));
  RETURN CASE WHEN plan LIKE '%Partial%' THEN 'parallel plan: ' ELSE 'NO PARALLEL PLAN: ' END || st;
END $$;
SELECT agg, other, pg_temp.cross_wired_run(agg, other) AS as_superuser
FROM cross_wired ORDER BY agg::text COLLATE "C", other::text COLLATE "C";

-- 5. Every aggregate call: a forced-parallel plan (workers serialize, the
-- leader deserializes) gives the same result as the serial plan, per group
-- and over the whole table, also with empty and all-NULL groups.
CREATE FUNCTION pg_temp.parallel_equals_serial(a regprocedure) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  q text := format('SELECT pid, %s AS r FROM (SELECT * FROM states_obs
                    UNION ALL SELECT 100, NULL::timestamptz, NULL::boolean, NULL::text, NULL::bigint,
                                     NULL::float8, NULL::text, NULL::bigint, NULL::boolean) s GROUP BY pid',
                   format((SELECT call FROM agg_calls WHERE agg = a), a::regproc));
  q1 text := format('SELECT %s FROM states_obs', format((SELECT call FROM agg_calls WHERE agg = a), a::regproc));
  par text; ser text; par1 text; ser1 text; plan text := ''; line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP plan := plan || line; END LOOP;
  EXECUTE format('SELECT md5(string_agg(pid || %L || coalesce(r::text, %L), %L ORDER BY pid)) FROM (%s) x',
                 ':', 'NULL', ';', q) INTO par;
  EXECUTE q1 INTO par1;
  PERFORM set_config('max_parallel_workers_per_gather', '0', true);
  EXECUTE format('SELECT md5(string_agg(pid || %L || coalesce(r::text, %L), %L ORDER BY pid)) FROM (%s) x',
                 ':', 'NULL', ';', q) INTO ser;
  EXECUTE q1 INTO ser1;
  PERFORM set_config('max_parallel_workers_per_gather', '2', true);
  RETURN CASE WHEN plan LIKE '%Partial%' THEN 'parallel plan' ELSE 'NO PARALLEL PLAN' END
      || CASE WHEN par = ser AND par1 IS NOT DISTINCT FROM ser1 THEN ', equal' ELSE ', DIFFERENT' END;
END $$;
SELECT agg, pg_temp.parallel_equals_serial(agg) AS forced_parallel FROM agg_calls ORDER BY agg::text COLLATE "C";

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE cross_wired, representatives, states_obs;
DROP SCHEMA regress_cls_states_s;
DROP ROLE regress_cls_states;
