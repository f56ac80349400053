-- State episodes: cls.state_episodes(t, active, max_gap, hold[, min_duration]).
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- a helper: episodes of a literal list of (t, active), in the order given
CREATE FUNCTION pg_temp.eps(rows text, max_gap interval, hold interval, min_duration interval DEFAULT '0')
RETURNS tstzmultirange LANGUAGE plpgsql AS $$
DECLARE r tstzmultirange;
BEGIN
  EXECUTE format('SELECT cls.state_episodes(t, a, %L, %L, %L) FROM (VALUES %s) v(t, a)',
                 max_gap, hold, min_duration, rows) INTO r;
  RETURN r;
END $$;

-- ---- the ladder ------------------------------------------------------------
-- empty input, one NULL row, NULL active, infinite time: NULL (no usable observation)
SELECT cls.state_episodes(t, a, '1 hour', '1 hour') FROM (SELECT now(), true WHERE false) v(t, a);
SELECT cls.state_episodes(t::timestamptz, a::boolean, '1 hour', '1 hour') FROM (VALUES (NULL, NULL)) v(t, a);
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, NULL::boolean), ('infinity', true), ('-infinity', true)$$, '1 hour', '1 hour');
-- observations but no active one: the empty multirange
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, false), ('2024-01-01 11:00', false)$$, '1 hour', '1 hour');
-- one active observation: [t, t + hold]; with hold 0 a point episode
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true)$$, '0', '6 hours');
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true)$$, '0', '0');
-- resolution: the first inactive observation after the last active one ...
SELECT pg_temp.eps($$('2024-01-01 08:00'::timestamptz, false), ('2024-01-01 10:00', true),
                     ('2024-01-01 11:00', true), ('2024-01-01 13:00', false), ('2024-01-01 14:00', false)$$,
                   '0', '6 hours');
-- ... or the last active + hold when that comes first
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 11:00', true),
                     ('2024-01-01 20:00', false)$$, '0', '6 hours');
-- an active observation after the hold ran out begins a new episode
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 17:00', true)$$, '0', '6 hours');
-- ... exactly at last active + hold it continues the episode
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 16:00', true)$$, '0', '6 hours');
-- duplicates change nothing
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 10:00', true),
                     ('2024-01-01 12:00', false), ('2024-01-01 12:00', false)$$, '0', '6 hours');
-- ties at one time: active wins (in either row order)
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 12:00', false),
                     ('2024-01-01 12:00', true), ('2024-01-01 13:00', false)$$, '0', '6 hours') AS tie_active_last,
       pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 12:00', true),
                     ('2024-01-01 12:00', false), ('2024-01-01 13:00', false)$$, '0', '6 hours') AS tie_active_first;
-- max_gap: episodes exactly max_gap apart merge, one microsecond more do not
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 11:00', false),
                     ('2024-01-01 13:00', true), ('2024-01-01 14:00', false)$$, '2 hours', '6 hours');
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 11:00', false),
                     ('2024-01-01 13:00:00.000001', true), ('2024-01-01 14:00', false)$$, '2 hours', '6 hours');
-- min_duration: an episode exactly that long is kept, one microsecond shorter dropped;
-- it applies after merging
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 11:00', false)$$,
                   '0', '6 hours', '1 hour') AS kept,
       pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 10:59:59.999999', false)$$,
                   '0', '6 hours', '1 hour') AS dropped,
       pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true), ('2024-01-01 10:30', false),
                     ('2024-01-01 10:45', true), ('2024-01-01 11:00', false)$$,
                   '15 minutes', '6 hours', '1 hour') AS merged_then_kept;
-- the four-argument form keeps every episode
SELECT cls.state_episodes(t, a, '0', '0') FROM (VALUES ('2024-01-01 10:00'::timestamptz, true)) v(t, a);
-- a huge hold ends at +infinity instead of overflowing
SELECT pg_temp.eps($$('2024-01-01 10:00'::timestamptz, true)$$, '0', '106750000 days');

-- ---- order never matters; equal to a brute force -------------------------------
CREATE TEMP TABLE so(patient int, t timestamptz, a boolean);
INSERT INTO so
SELECT p, '2024-01-01'::timestamptz + ((i * 37 + p * 11) % 300) * interval '1 hour',
       ((i * i + p) % 7) < 3
FROM generate_series(1, 5) p, generate_series(1, 120) i;
SELECT count(DISTINCT e) AS distinct_results, min(n) AS episodes
FROM (SELECT cls.state_episodes(t, a, '2 hours', '5 hours', '1 hour') AS e,
             (SELECT count(*) FROM unnest(cls.state_episodes(t, a, '2 hours', '5 hours', '1 hour'))) AS n
      FROM (SELECT * FROM so WHERE patient = 1 ORDER BY t, a) s
      UNION ALL
      SELECT cls.state_episodes(t, a, '2 hours', '5 hours', '1 hour'), NULL FROM (SELECT * FROM so WHERE patient = 1 ORDER BY t DESC, a) s
      UNION ALL
      SELECT cls.state_episodes(t, a, '2 hours', '5 hours', '1 hour'), NULL FROM (SELECT * FROM so WHERE patient = 1 ORDER BY md5(t::text || a::text)) s) x;
-- brute force: every active time a (with no tie) covers [a, min(a + hold, first inactive-only
-- time after a)]; the union, merged with max_gap, without episodes shorter than min_duration
CREATE FUNCTION pg_temp.brute(p int, max_gap interval, hold interval, min_duration interval)
RETURNS tstzmultirange LANGUAGE sql AS $$
  WITH o AS (SELECT t, bool_or(a) AS a FROM so WHERE patient = p GROUP BY t),
  cover AS (SELECT range_agg(tstzrange(o1.t, LEAST(o1.t + hold,
                     (SELECT min(o2.t) FROM o o2 WHERE NOT o2.a AND o2.t > o1.t)), '[]') ) AS m
            FROM o o1 WHERE o1.a),
  merged AS (SELECT range_agg(tstzrange(lower(r), upper(r) - max_gap, '[]')) AS m
             FROM unnest((SELECT range_agg(tstzrange(lower(r), upper(r) + max_gap, '[]'))
                          FROM unnest((SELECT m FROM cover)) r)) r)
  SELECT coalesce(range_agg(r) FILTER (WHERE upper(r) - lower(r) >= min_duration), '{}')
  FROM unnest((SELECT m FROM merged)) r
$$;
SELECT patient,
       cls.state_episodes(t, a, '2 hours', '5 hours', '1 hour') = pg_temp.brute(patient, '2 hours', '5 hours', '1 hour') AS eq1,
       cls.state_episodes(t, a, '0', '3 hours', '0') = pg_temp.brute(patient, '0', '3 hours', '0') AS eq2,
       cls.state_episodes(t, a, '12 hours', '1 hour', '6 hours') = pg_temp.brute(patient, '12 hours', '1 hour', '6 hours') AS eq3,
       (SELECT count(*) FROM unnest(cls.state_episodes(t, a, '0', '3 hours', '0'))) AS episodes2
FROM so GROUP BY patient ORDER BY patient;

-- as a window aggregate (the final function leaves the state intact)
SELECT t, a, cls.state_episodes(t, a, '0', '2 hours') OVER (ORDER BY t) AS running
FROM (VALUES ('2024-01-01 00:00'::timestamptz, true), ('2024-01-01 01:00', false),
             ('2024-01-01 05:00', true)) v(t, a) ORDER BY t;

-- ---- elapsed time: DST transitions and session time zones -------------------
-- America/New_York: 2024-03-09 12:00 -> 2024-03-10 12:00 lasts 23 hours; hold '1 day' is 24 hours
SET timezone = 'America/New_York';
SELECT cls.state_episodes(t, a, '0', '1 day') AS spring
FROM (VALUES ('2024-03-09 12:00'::timestamptz, true), ('2024-03-10 12:00', true)) v(t, a);
SELECT cls.state_episodes(t, a, '0', '1 day') AS autumn
FROM (VALUES ('2024-11-02 12:00'::timestamptz, true), ('2024-11-03 12:00', true)) v(t, a);
SET timezone = 'UTC';
CREATE TEMP TABLE tz_utc AS
SELECT patient, cls.state_episodes(t, a, '1 day', '1 day', '1 hour') AS e FROM so GROUP BY patient;
SET timezone = 'America/New_York';
SELECT count(*) AS differ_new_york FROM tz_utc x
WHERE x.e IS DISTINCT FROM (SELECT cls.state_episodes(t, a, '1 day', '1 day', '1 hour') FROM so WHERE so.patient = x.patient);
SET timezone = 'Asia/Kolkata';
SELECT count(*) AS differ_kolkata FROM tz_utc x
WHERE x.e IS DISTINCT FROM (SELECT cls.state_episodes(t, a, '1 day', '1 day', '1 hour') FROM so WHERE so.patient = x.patient);
SET timezone = 'UTC';

-- ---- query mistakes -------------------------------------------------------------
SELECT cls.state_episodes(t, a, '1 hour', '-1 hour') FROM (VALUES (now(), true)) v(t, a);
SELECT cls.state_episodes(t, a, '1 hour', '1 hour', '1 mon') FROM (VALUES (now(), true)) v(t, a);
SELECT cls.state_episodes(t, a, NULL, '1 hour') FROM (VALUES (now(), true)) v(t, a);
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT q, pg_temp.sqlstate_of(q) FROM (VALUES
  ($$SELECT cls.state_episodes(t, a, '-1 hour', '1 hour') FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, '1 hour', '-1 hour') FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, '1 hour', '1 hour', '-1 hour') FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, '1 mon', '1 hour') FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, '1 hour', '1 year') FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, NULL, '1 hour') FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, '1 hour', NULL) FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, '1 hour', '1 hour', NULL) FROM (VALUES (now(), true)) v(t, a)$$),
  ($$SELECT cls.state_episodes(t, a, g, '1 hour') FROM (VALUES (now(), true, '1 h'::interval), (now(), false, '2 h')) v(t, a, g)$$),
  ($$SELECT cls.state_episodes(t, a, '1 h', g) FROM (VALUES (now(), true, '1 h'::interval), (now(), false, '2 h')) v(t, a, g)$$),
  ($$SELECT cls.state_episodes(t, a, '1 h', '1 h', g) FROM (VALUES (now(), true, '1 h'::interval), (now(), false, '2 h')) v(t, a, g)$$),
  ($$SELECT cls.state_episodes(t, a, '1 day', '24 hours', '1440 min') FROM (VALUES (now(), true)) v(t, a)$$)) v(q);

-- ---- forced parallel plans equal serial ones ---------------------------------
CREATE TABLE state_par AS
SELECT p AS patient,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE '2024-01-01'::timestamptz + ((i * 7919 + p * 104729) % 20000) * interval '1 minute' END AS t,
       CASE WHEN p = 41 THEN false WHEN i % 89 = 0 THEN NULL ELSE ((i * 31 + p) % 5) < 2 END AS a
FROM generate_series(1, 41) p, generate_series(1, 500) i;
INSERT INTO state_par SELECT 42, NULL, true FROM generate_series(1, 10);
ANALYZE state_par;
CREATE TEMP TABLE state_serial AS
SELECT patient, cls.state_episodes(t, a, '20 minutes', '45 minutes', '10 minutes') AS e
FROM state_par GROUP BY patient;
CREATE TEMP TABLE state_serial_all AS
SELECT cls.state_episodes(t, a, '20 minutes', '45 minutes', '10 minutes') AS e FROM state_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF line LIKE '%' || what || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT pg_temp.plan_has($$SELECT patient, cls.state_episodes(t, a, '20 minutes', '45 minutes', '10 minutes') FROM state_par GROUP BY patient$$,
                        'Partial') AS grouped_plan_is_partial,
       pg_temp.plan_has($$SELECT cls.state_episodes(t, a, '20 minutes', '45 minutes', '10 minutes') FROM state_par$$,
                        'Partial') AS total_plan_is_partial;
SELECT (SELECT count(*) FROM state_serial WHERE e IS NULL) AS null_groups,
       (SELECT count(*) FROM state_serial WHERE e = '{}') AS empty_groups,
       (SELECT sum((SELECT count(*) FROM unnest(e))) FROM state_serial) AS episodes_in_groups,
       count(*) AS differ_grouped FROM (
  (SELECT patient, cls.state_episodes(t, a, '20 minutes', '45 minutes', '10 minutes') FROM state_par GROUP BY patient
   EXCEPT SELECT * FROM state_serial)
  UNION ALL
  (SELECT * FROM state_serial
   EXCEPT SELECT patient, cls.state_episodes(t, a, '20 minutes', '45 minutes', '10 minutes') FROM state_par GROUP BY patient)) x;
SELECT e = (SELECT e FROM state_serial_all) AS total_equal, (SELECT count(*) FROM unnest(e)) AS episodes
FROM (SELECT cls.state_episodes(t, a, '20 minutes', '45 minutes', '10 minutes') AS e FROM state_par) x;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE state_par;

-- ---- one patient, 1 million observations ------------------------------------------
-- every minute an observation, active except every 100th; in reverse order:
-- 10000 episodes of 99 minutes (resolved by the inactive one), the last one 98 + 5 minutes (hold)
SELECT count(*) AS episodes, min(upper(r) - lower(r)) AS shortest, max(upper(r) - lower(r)) AS longest
FROM unnest((SELECT cls.state_episodes(t, a, '0', '5 minutes')
             FROM (SELECT '2000-01-01'::timestamptz + i * interval '1 minute' AS t, i % 100 <> 0 AS a
                   FROM generate_series(999999, 0, -1) i) s)) r;
