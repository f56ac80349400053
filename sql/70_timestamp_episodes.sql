-- cls.eras and cls.state_episodes over timestamp (OMOP measurement_datetime,
-- MIMIC-IV charttime): timestamp in, tsmultirange out, picked by ordinary
-- overload resolution (no cast), durations as wall-clock differences, and
-- the same answer under every TimeZone.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- ---- overload resolution -------------------------------------------------------
-- a timestamp column picks the timestamp forms; timestamptz and date as before
SELECT pg_typeof(cls.eras(l, u, '1 hour')) AS ts_eras,
       pg_typeof(cls.state_episodes(l, true, '1 hour', '1 hour')) AS ts_state,
       pg_typeof(cls.state_episodes(l, true, '1 hour', '1 hour', '0')) AS ts_state5,
       pg_typeof(cls.eras(l::timestamptz, u::timestamptz, '1 hour')) AS tstz_eras,
       pg_typeof(cls.state_episodes(l::timestamptz, true, '1 hour', '1 hour')) AS tstz_state,
       pg_typeof(cls.eras(l::date, u::date, 0)) AS date_eras
FROM (VALUES ('2024-01-01 10:00'::timestamp, '2024-01-01 11:00'::timestamp)) v(l, u);
-- a date column with an interval gap still takes the timestamptz form (preferred type)
SELECT pg_typeof(cls.eras(l, u, '1 hour'::interval)) AS date_with_interval_gap
FROM (VALUES ('2024-01-01'::date, '2024-01-02'::date)) v(l, u);
-- the declarations: same C entry points, same partial aggregation, parallel safe, immutable
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtransfn, a.aggfinalfn, fp.prorettype::regtype AS final_returns,
       fp.prosrc AS final_symbol, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
       p.proparallel, tp.provolatile AS trans_volatile, fp.provolatile AS final_volatile
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_proc fp ON fp.oid = a.aggfinalfn JOIN pg_proc tp ON tp.oid = a.aggtransfn
WHERE p.proname IN ('eras', 'state_episodes') AND p.pronamespace = 'cls'::regnamespace
ORDER BY 1::text;
-- each timestamp state function shares its C symbol with the timestamptz one
SELECT p.oid::regprocedure AS ts_function, p.prosrc, q.oid::regprocedure AS tstz_function
FROM pg_proc p JOIN pg_proc q ON q.prosrc = p.prosrc AND q.oid <> p.oid
 AND q.proargtypes::oid[] = array_replace(p.proargtypes::oid[], 'timestamp'::regtype, 'timestamptz'::regtype)
WHERE p.pronamespace = 'cls'::regnamespace AND p.proname LIKE '%_trans'
  AND 'timestamp'::regtype = ANY (p.proargtypes::oid[])
ORDER BY 1::text;

-- ---- the ladder: NULL and infinite handling as for timestamptz ------------------
-- empty input, one NULL row, a NULL lower: NULL
SELECT cls.eras(l, u, '1 hour') FROM (SELECT localtimestamp, localtimestamp WHERE false) v(l, u);
SELECT cls.eras(l::timestamp, u::timestamp, '1 hour') FROM (VALUES (NULL, NULL)) v(l, u);
SELECT cls.eras(NULL::timestamp, u, '1 hour') FROM (VALUES ('2024-01-01 10:00'::timestamp)) v(u);
-- NULL upper is a point; lower > upper is ignored
SELECT cls.eras(l, u, '1 hour') FROM (VALUES ('2024-01-01 10:00'::timestamp, NULL::timestamp),
                                             ('2024-01-01 12:00', '2024-01-01 11:00'),
                                             ('2024-01-02 00:00', '2024-01-02 06:00')) v(l, u);
-- infinite bounds accepted; a time past the range (huge gap, huge hold) is infinity
SELECT cls.eras(l, u, '6 hours') FROM (VALUES ('-infinity'::timestamp, '2024-01-01 00:00'::timestamp),
                                              ('2024-01-01 06:00', 'infinity')) v(l, u);
SELECT cls.eras(l, u, '10000 days') FROM (VALUES ('2024-01-01 00:00'::timestamp, '2024-01-02 00:00'::timestamp),
                                                 ('294270-01-01 00:00', NULL)) v(l, u);
-- state episodes: no usable observation (NULL active, infinite times) is NULL;
-- only inactive observations the empty multirange
SELECT cls.state_episodes(t, a, '1 hour', '1 hour') FROM (SELECT localtimestamp, true WHERE false) v(t, a);
SELECT cls.state_episodes(t, a, '1 hour', '1 hour')
FROM (VALUES ('2024-01-01 10:00'::timestamp, NULL::boolean), ('infinity', true), ('-infinity', true)) v(t, a);
SELECT cls.state_episodes(t, a, '1 hour', '1 hour')
FROM (VALUES ('2024-01-01 10:00'::timestamp, false), ('2024-01-01 11:00', false)) v(t, a);
SELECT cls.state_episodes(t, a, '0', '106750000 days')
FROM (VALUES ('2024-01-01 10:00'::timestamp, true)) v(t, a);
-- a bad duration is the same error as on timestamptz
SELECT cls.eras(l, u, '-1 hour') FROM (VALUES ('2024-01-01'::timestamp, NULL::timestamp)) v(l, u);
SELECT cls.state_episodes(t, true, '1 hour', NULL) FROM (VALUES ('2024-01-01'::timestamp)) v(t);

-- ---- wall-clock durations across the 2024 DST changes ---------------------------
-- America/New_York: clocks 02:00 -> 03:00 on 10 Mar, 02:00 -> 01:00 on 3 Nov.
-- On timestamp a gap is the difference of the wall-clock times, under every
-- TimeZone: 00:15-00:45 and 02:45-03:15 on 3 Nov are 2 h apart on the wall
-- (3 h elapsed in New York) and merge with gap 2 hours; 01:00 and 04:00 on
-- 10 Mar are 3 h apart on the wall (2 h elapsed) and merge with gap 3 hours
-- but not with gap 2 hours 59 minutes.
SET timezone = 'America/New_York';
SELECT cls.eras(l, u, '2 hours') AS nov_exact_gap_ts,
       cls.eras(l::timestamptz, u::timestamptz, '2 hours') AS nov_same_rows_cast_to_tstz_in_new_york
FROM (VALUES ('2024-11-03 00:15'::timestamp, '2024-11-03 00:45'::timestamp),
             ('2024-11-03 02:45', '2024-11-03 03:15')) v(l, u);
SELECT cls.eras(l, u, '3 hours') AS mar_exact_gap_ts, cls.eras(l, u, '2 hours 59 minutes') AS mar_shorter_gap_ts
FROM (VALUES ('2024-03-10 00:30'::timestamp, '2024-03-10 01:00'::timestamp),
             ('2024-03-10 04:00', '2024-03-10 04:30')) v(l, u);
-- state episodes: max_gap and hold are wall-clock too (hold 4 hours from
-- 00:00 on 10 Mar ends at 04:00, not 05:00; max_gap exactly 2 hours across
-- 3 Nov merges)
SELECT cls.state_episodes(t, a, '0', '4 hours') AS mar_hold,
       cls.state_episodes(t::timestamptz, a, '0', '4 hours') AS mar_hold_cast_to_tstz_in_new_york
FROM (VALUES ('2024-03-10 00:00'::timestamp, true)) v(t, a);
SELECT cls.state_episodes(t, a, '2 hours', '6 hours') AS nov_exact_max_gap,
       cls.state_episodes(t, a, '2 hours', '6 hours', '3 hours 30 minutes') AS nov_min_duration_kept
FROM (VALUES ('2024-11-03 00:00'::timestamp, true), ('2024-11-03 01:00', false),
             ('2024-11-03 03:00', true), ('2024-11-03 03:30', false)) v(t, a);
SET timezone = 'UTC';

-- ---- the same result under every TimeZone ---------------------------------------
-- 30 patients, observations 97 to 146 minutes apart from 8 Mar and from
-- 1 Nov 2024 (across both DST changes), intervals of 0 to 89 minutes, some
-- NULL uppers
CREATE TABLE ts_obs AS
SELECT p AS patient,
       base + (i * 97 + (i * i * 13 + p * 7) % 50 + p * 11) * interval '1 minute' AS t,
       (i * 7 + p) % 5 < 3 AS active,
       base + (i * 97 + (i * i * 13 + p * 7) % 50 + p * 11) * interval '1 minute' AS l,
       CASE WHEN i % 13 = 0 THEN NULL
            ELSE base + (i * 97 + (i * i * 13 + p * 7) % 50 + p * 11 + (i * 31 + p) % 90) * interval '1 minute' END AS u
FROM generate_series(1, 30) p, generate_series(1, 100) i,
     (VALUES ('2024-03-08 00:00'::timestamp), ('2024-11-01 00:00'::timestamp)) b(base);
ANALYZE ts_obs;
CREATE TEMP TABLE ts_ref AS
SELECT patient, cls.eras(l, u, '45 minutes') AS e,
       cls.state_episodes(t, active, '1 hour', '2 hours') AS s,
       cls.state_episodes(t, active, '30 minutes', '90 minutes', '3 hours') AS s5
FROM ts_obs GROUP BY patient;
CREATE TEMP TABLE ts_total AS
SELECT cls.eras(l, u, '45 minutes') AS e, cls.state_episodes(t, active, '1 hour', '2 hours') AS s FROM ts_obs;
-- the reference, once
SELECT count(*) AS patients, sum((SELECT count(*) FROM unnest(e))) AS eras,
       sum((SELECT count(*) FROM unnest(s))) AS episodes, sum((SELECT count(*) FROM unnest(s5))) AS long_episodes
FROM ts_ref;
SELECT (SELECT array_agg(r) FROM (SELECT r FROM unnest(e) r LIMIT 3) x) AS first_eras,
       (SELECT array_agg(r) FROM (SELECT r FROM unnest(s5) r LIMIT 3) x) AS first_long_episodes
FROM ts_ref WHERE patient = 1;
-- rows that differ from the reference (by value and by text), both ways: none
CREATE FUNCTION pg_temp.differ_from_ref() RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM (
    (SELECT patient, cls.eras(l, u, '45 minutes')::text,
            cls.state_episodes(t, active, '1 hour', '2 hours')::text,
            cls.state_episodes(t, active, '30 minutes', '90 minutes', '3 hours')::text
     FROM ts_obs GROUP BY patient
     EXCEPT SELECT patient, e::text, s::text, s5::text FROM ts_ref)
    UNION ALL
    (SELECT patient, e::text, s::text, s5::text FROM ts_ref
     EXCEPT SELECT patient, cls.eras(l, u, '45 minutes')::text,
                   cls.state_episodes(t, active, '1 hour', '2 hours')::text,
                   cls.state_episodes(t, active, '30 minutes', '90 minutes', '3 hours')::text
            FROM ts_obs GROUP BY patient)) x
$$;
SET timezone = 'UTC';
SELECT current_setting('TimeZone') AS zone, pg_temp.differ_from_ref() AS differ;
SET timezone = 'America/New_York';
SELECT current_setting('TimeZone') AS zone, pg_temp.differ_from_ref() AS differ;
SET timezone = 'Asia/Kolkata';
SELECT current_setting('TimeZone') AS zone, pg_temp.differ_from_ref() AS differ;
SET timezone = 'Pacific/Chatham';
SELECT current_setting('TimeZone') AS zone, pg_temp.differ_from_ref() AS differ;
-- the same rows cast to timestamptz would differ in New York (what the
-- timestamp forms avoid)
SET timezone = 'America/New_York';
SELECT count(*) > 0 AS tstz_cast_differs_in_new_york
FROM (SELECT patient, cls.state_episodes(t::timestamptz, active, '1 hour', '2 hours') AS s FROM ts_obs GROUP BY patient) x
JOIN ts_ref r USING (patient)
WHERE (SELECT array_agg(lower(q)::timestamp ORDER BY q) FROM unnest(x.s) q)
      IS DISTINCT FROM (SELECT array_agg(lower(q) ORDER BY q) FROM unnest(r.s) q);
SET timezone = 'UTC';

-- ---- the timestamp form = the timestamptz form on ts AT TIME ZONE 'UTC' ----------
-- (under TimeZone UTC; the timestamptz result brought back to timestamp)
CREATE FUNCTION pg_temp.to_ts(m tstzmultirange) RETURNS tsmultirange LANGUAGE sql AS $$
  SELECT CASE WHEN m IS NULL THEN NULL ELSE
    COALESCE((SELECT range_agg(tsrange(lower(r) AT TIME ZONE 'UTC', upper(r) AT TIME ZONE 'UTC',
                                       CASE WHEN lower_inc(r) THEN '[' ELSE '(' END
                                       || CASE WHEN upper_inc(r) THEN ']' ELSE ')' END))
              FROM unnest(m) r), '{}') END
$$;
SELECT count(*) AS patients,
       count(*) FILTER (WHERE e_ts::text IS DISTINCT FROM pg_temp.to_ts(e_tz)::text) AS eras_differ,
       count(*) FILTER (WHERE s_ts::text IS DISTINCT FROM pg_temp.to_ts(s_tz)::text) AS episodes_differ,
       count(*) FILTER (WHERE s5_ts::text IS DISTINCT FROM pg_temp.to_ts(s5_tz)::text) AS long_episodes_differ
FROM (SELECT patient,
             cls.eras(l, u, '45 minutes') AS e_ts,
             cls.eras(l AT TIME ZONE 'UTC', u AT TIME ZONE 'UTC', '45 minutes') AS e_tz,
             cls.state_episodes(t, active, '1 hour', '2 hours') AS s_ts,
             cls.state_episodes(t AT TIME ZONE 'UTC', active, '1 hour', '2 hours') AS s_tz,
             cls.state_episodes(t, active, '30 minutes', '90 minutes', '3 hours') AS s5_ts,
             cls.state_episodes(t AT TIME ZONE 'UTC', active, '30 minutes', '90 minutes', '3 hours') AS s5_tz
      FROM ts_obs GROUP BY patient) x;

-- ---- forced parallel plans equal serial ones -------------------------------------
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
-- partial plans (Partial Aggregate under Gather: the shared combine,
-- serialize and deserialize functions)
EXPLAIN (COSTS OFF) SELECT cls.eras(l, u, '45 minutes') FROM ts_obs;
EXPLAIN (COSTS OFF) SELECT cls.state_episodes(t, active, '1 hour', '2 hours') FROM ts_obs;
SELECT e = (SELECT e FROM ts_total) AS eras_equal, pg_typeof(e) AS eras_type,
       s = (SELECT s FROM ts_total) AS state_equal, pg_typeof(s) AS state_type
FROM (SELECT cls.eras(l, u, '45 minutes') AS e, cls.state_episodes(t, active, '1 hour', '2 hours') AS s
      FROM ts_obs) x;
SELECT count(*) AS differ_parallel FROM (
  SELECT patient, cls.eras(l, u, '45 minutes'),
         cls.state_episodes(t, active, '30 minutes', '90 minutes', '3 hours') FROM ts_obs GROUP BY patient
  EXCEPT SELECT patient, e, s5 FROM ts_ref) x;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE ts_obs, ts_ref, ts_total;
