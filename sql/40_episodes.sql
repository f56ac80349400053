-- Interval eras: cls.eras(lower, upper, gap) over timestamptz and date.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- a helper: eras of a literal list of intervals, in the order given
CREATE FUNCTION pg_temp.eras(rows text, gap interval) RETURNS tstzmultirange
LANGUAGE plpgsql AS $$
DECLARE r tstzmultirange;
BEGIN
  EXECUTE format('SELECT cls.eras(l, u, %L) FROM (VALUES %s) v(l, u)', gap, rows) INTO r;
  RETURN r;
END $$;

-- ---- the ladder ------------------------------------------------------------
-- empty input: NULL
SELECT cls.eras(l, u, '1 hour') FROM (SELECT now(), now() WHERE false) v(l, u);
-- one NULL row, and a NULL lower with an upper: ignored, NULL
SELECT cls.eras(l::timestamptz, u::timestamptz, '1 hour') FROM (VALUES (NULL, NULL)) v(l, u);
SELECT cls.eras(NULL::timestamptz, u, '1 hour') FROM (VALUES ('2024-01-01 10:00'::timestamptz)) v(u);
-- one row
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 12:00'::timestamptz)$$, '1 hour');
-- a point interval (lower = upper) is an era of its own
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 10:00'::timestamptz)$$, '0');
-- NULL upper is a point and survives next to a longer era
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, NULL::timestamptz),
                     ('2024-01-03 00:00', '2024-01-04 00:00')$$, '1 hour');
-- lower > upper is an impossible interval: ignored (only it: NULL)
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 09:00'::timestamptz),
                     ('2024-01-03 00:00', '2024-01-04 00:00')$$, '1 hour');
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 09:00'::timestamptz)$$, '1 hour');
-- duplicates
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 12:00'::timestamptz),
                     ('2024-01-01 10:00', '2024-01-01 12:00'),
                     ('2024-01-01 10:00', '2024-01-01 12:00')$$, '0');
-- touching intervals merge even with gap 0 (closed bounds); 1 microsecond apart do not
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 12:00'::timestamptz),
                     ('2024-01-01 12:00', '2024-01-01 14:00')$$, '0');
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 12:00'::timestamptz),
                     ('2024-01-01 12:00:00.000001', '2024-01-01 14:00')$$, '0');
-- overlapping and nested intervals
SELECT pg_temp.eras($$('2024-01-01 10:00'::timestamptz, '2024-01-01 12:00'::timestamptz),
                     ('2024-01-01 11:00', '2024-01-01 14:00'),
                     ('2024-01-01 11:30', '2024-01-01 11:45')$$, '0');
-- gap equal to the tolerance merges; one microsecond over does not
SELECT pg_temp.eras($$('2024-01-01 00:00'::timestamptz, '2024-01-01 10:00'::timestamptz),
                     ('2024-01-02 10:00', '2024-01-02 11:00')$$, '24 hours');
SELECT pg_temp.eras($$('2024-01-01 00:00'::timestamptz, '2024-01-01 10:00'::timestamptz),
                     ('2024-01-02 10:00:00.000001', '2024-01-02 11:00')$$, '24 hours');
-- the gap is measured from the latest end so far, not the previous interval's end
SELECT pg_temp.eras($$('2024-01-01 00:00'::timestamptz, '2024-01-10 00:00'::timestamptz),
                     ('2024-01-02 00:00', '2024-01-03 00:00'),
                     ('2024-01-11 00:00', '2024-01-12 00:00')$$, '1 day');
-- a point is merged like any interval when within the gap
SELECT pg_temp.eras($$('2024-01-01 00:00'::timestamptz, '2024-01-01 10:00'::timestamptz),
                     ('2024-01-01 13:00', NULL)$$, '3 hours');
-- infinite bounds are accepted
SELECT pg_temp.eras($$('-infinity'::timestamptz, '2024-01-01 00:00'::timestamptz),
                     ('2024-01-01 06:00', 'infinity')$$, '6 hours');
SELECT pg_temp.eras($$('2024-01-01 00:00'::timestamptz, '2024-01-02 00:00'::timestamptz),
                     ('294270-01-01 00:00', NULL)$$, '10000 days');

-- ---- order never matters -----------------------------------------------------
CREATE TEMP TABLE iv(patient int, l timestamptz, u timestamptz);
INSERT INTO iv
SELECT p, '2024-01-01'::timestamptz + ((i * 37 + p * 11) % 400) * interval '1 hour',
       CASE WHEN (i + p) % 9 = 0 THEN NULL
            ELSE '2024-01-01'::timestamptz + ((i * 37 + p * 11) % 400 + (i * 7) % 13) * interval '1 hour' END
FROM generate_series(1, 5) p, generate_series(1, 60) i;
SELECT count(DISTINCT e) AS distinct_results, min(cardinality) AS eras_per_result
FROM (SELECT cls.eras(l, u, '3 hours') AS e,
             (SELECT count(*) FROM unnest(cls.eras(l, u, '3 hours'))) AS cardinality
      FROM (SELECT * FROM iv WHERE patient = 1 ORDER BY l) s
      UNION ALL
      SELECT cls.eras(l, u, '3 hours'), NULL FROM (SELECT * FROM iv WHERE patient = 1 ORDER BY l DESC) s
      UNION ALL
      SELECT cls.eras(l, u, '3 hours'), NULL FROM (SELECT * FROM iv WHERE patient = 1 ORDER BY u, l DESC) s
      UNION ALL
      SELECT cls.eras(l, u, '3 hours'), NULL FROM (SELECT * FROM iv WHERE patient = 1 ORDER BY md5(l::text)) s) x;

-- equal to a brute force: the union of [l, u + gap] with the gap trimmed off
SELECT patient, cls.eras(l, u, '3 hours') = (
         SELECT range_agg(tstzrange(lower(r), upper(r) - interval '3 hours', '[]'))
         FROM unnest((SELECT range_agg(tstzrange(l2, coalesce(u2, l2) + interval '3 hours', '[]'))
                      FROM iv i2(p2, l2, u2) WHERE p2 = iv.patient)) r) AS equals_brute_force
FROM iv GROUP BY patient ORDER BY patient;

-- as a window aggregate (the final function leaves the state intact)
SELECT l, cls.eras(l, u, '1 hour') OVER (ORDER BY l) AS running
FROM (VALUES ('2024-01-01 00:00'::timestamptz, '2024-01-01 01:00'::timestamptz),
             ('2024-01-01 02:00', '2024-01-01 03:00'),
             ('2024-01-01 05:00', '2024-01-01 06:00')) v(l, u) ORDER BY l;

-- ---- elapsed time: DST transitions and session time zones -------------------
-- America/New_York: the calendar day 2024-03-09 12:00 -> 2024-03-10 12:00 lasts 23 hours,
-- 2024-11-02 12:00 -> 2024-11-03 12:00 lasts 25 hours.  A gap of '1 day' is 24 hours.
SET timezone = 'America/New_York';
SELECT cls.eras(l, u, '1 day') AS spring_merges
FROM (VALUES ('2024-03-09 00:00'::timestamptz, '2024-03-09 12:00'::timestamptz),
             ('2024-03-10 12:00', '2024-03-10 13:00')) v(l, u);
SELECT cls.eras(l, u, '1 day') AS autumn_does_not_merge
FROM (VALUES ('2024-11-02 00:00'::timestamptz, '2024-11-02 12:00'::timestamptz),
             ('2024-11-03 12:00', '2024-11-03 13:00')) v(l, u);
SET timezone = 'UTC';
-- the same rows give the same result under any session TimeZone
CREATE TEMP TABLE tz_utc AS
SELECT patient, cls.eras(l, u, '1 day') AS e FROM iv GROUP BY patient;
SET timezone = 'America/New_York';
SELECT count(*) AS differ_new_york FROM tz_utc t
WHERE t.e IS DISTINCT FROM (SELECT cls.eras(l, u, '1 day') FROM iv WHERE iv.patient = t.patient);
SET timezone = 'Asia/Kolkata';
SELECT count(*) AS differ_kolkata FROM tz_utc t
WHERE t.e IS DISTINCT FROM (SELECT cls.eras(l, u, '1 day') FROM iv WHERE iv.patient = t.patient);
SET timezone = 'UTC';

-- ---- dates --------------------------------------------------------------------
SELECT cls.eras(l, u, 0) FROM (SELECT current_date, current_date WHERE false) v(l, u);
SELECT cls.eras(l::date, u::date, 0) FROM (VALUES (NULL, NULL)) v(l, u);
-- gap in days, OHDSI persistence: start - latest end <= gap merges
SELECT cls.eras(l, u, 5) AS merges, cls.eras(l, u, 4) AS separate
FROM (VALUES ('2024-01-01'::date, '2024-01-10'::date), ('2024-01-15', '2024-01-20')) v(l, u);
-- NULL upper is one day; adjacent days always form one datemultirange range
SELECT cls.eras(l, u, 0)
FROM (VALUES ('2024-01-01'::date, '2024-01-10'::date), ('2024-01-11', '2024-01-20'),
             ('2024-02-01', NULL), ('2024-03-01', 'infinity'), ('-infinity', '1900-01-01'),
             ('2024-04-01', '2024-03-01')) v(l, u);

-- ---- query mistakes -------------------------------------------------------------
SELECT cls.eras(l, u, '1 mon') FROM (VALUES ('2024-01-01'::timestamptz, NULL::timestamptz)) v(l, u);
SELECT cls.eras(l, u, '-1 hour') FROM (VALUES ('2024-01-01'::timestamptz, NULL::timestamptz)) v(l, u);
SELECT cls.eras(l, u, NULL) FROM (VALUES ('2024-01-01'::timestamptz, NULL::timestamptz)) v(l, u);
SELECT cls.eras(l, u, g) FROM (VALUES ('2024-01-01'::timestamptz, NULL::timestamptz, '1 hour'::interval),
                                      ('2024-01-02', NULL, '2 hours')) v(l, u, g);
SELECT cls.eras(l, u, -1) FROM (VALUES ('2024-01-01'::date, NULL::date)) v(l, u);
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT q, pg_temp.sqlstate_of(q) FROM (VALUES
  ($$SELECT cls.eras(l, u, '1 mon') FROM (VALUES (now(), now())) v(l, u)$$),
  ($$SELECT cls.eras(l, u, '1 year 2 hours') FROM (VALUES (now(), now())) v(l, u)$$),
  ($$SELECT cls.eras(l, u, '-1 hour') FROM (VALUES (now(), now())) v(l, u)$$),
  ($$SELECT cls.eras(l, u, '1 day -25 hours') FROM (VALUES (now(), now())) v(l, u)$$),
  ($$SELECT cls.eras(l, u, '2000000000 days') FROM (VALUES (now(), now())) v(l, u)$$),
  ($$SELECT cls.eras(l, u, NULL) FROM (VALUES (now(), now())) v(l, u)$$),
  ($$SELECT cls.eras(l, u, g) FROM (VALUES (now(), now(), '1 h'::interval), (now(), now(), '60 min')) v(l, u, g)$$),
  ($$SELECT cls.eras(l, u, g) FROM (VALUES (now(), now(), '1 h'::interval), (now(), now(), '61 min')) v(l, u, g)$$),
  ($$SELECT cls.eras(l, u, '1 day') FROM (VALUES (now(), now())) v(l, u)$$),
  ($$SELECT cls.eras(l, u, -1) FROM (VALUES (current_date, current_date)) v(l, u)$$)) v(q);

-- ---- forced parallel plans equal serial ones ---------------------------------
CREATE TABLE eras_par AS
SELECT p AS patient,
       CASE WHEN p = 41 THEN NULL
            ELSE '2024-01-01'::timestamptz + p * interval '30 days'
                 + ((i * 7919 + p * 104729) % 40000) * interval '1 minute' END AS l,
       CASE WHEN i % 17 = 0 THEN NULL
            ELSE '2024-01-01'::timestamptz + p * interval '30 days'
                 + ((i * 7919 + p * 104729) % 40000 + (i % 90)) * interval '1 minute' END AS u,
       ('2024-01-01'::date + p * 5000 + (i * 31 + p) % 3000) AS dl,
       ('2024-01-01'::date + p * 5000 + (i * 31 + p) % 3000 + i % 5) AS du
FROM generate_series(1, 41) p, generate_series(1, 500) i;
ANALYZE eras_par;
CREATE TEMP TABLE eras_serial AS
SELECT patient, cls.eras(l, u, '20 minutes') AS e, cls.eras(dl, du, 2) AS d
FROM eras_par GROUP BY patient;
CREATE TEMP TABLE eras_serial_all AS
SELECT cls.eras(l, u, '20 minutes') AS e, cls.eras(dl, du, 2) AS d FROM eras_par;
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
SELECT pg_temp.plan_has($$SELECT patient, cls.eras(l, u, '20 minutes') FROM eras_par GROUP BY patient$$,
                        'Partial') AS grouped_plan_is_partial,
       pg_temp.plan_has($$SELECT cls.eras(l, u, '20 minutes') FROM eras_par$$, 'Partial') AS total_plan_is_partial;
SELECT (SELECT count(*) FROM eras_serial WHERE e IS NULL) AS null_groups,
       (SELECT sum((SELECT count(*) FROM unnest(e))) FROM eras_serial) AS eras_in_groups,
       count(*) AS differ_grouped FROM (
  (SELECT patient, cls.eras(l, u, '20 minutes'), cls.eras(dl, du, 2) FROM eras_par GROUP BY patient
   EXCEPT SELECT * FROM eras_serial)
  UNION ALL
  (SELECT * FROM eras_serial
   EXCEPT SELECT patient, cls.eras(l, u, '20 minutes'), cls.eras(dl, du, 2) FROM eras_par GROUP BY patient)) x;
SELECT e = (SELECT e FROM eras_serial_all) AS total_equal, d = (SELECT d FROM eras_serial_all) AS total_date_equal,
       (SELECT count(*) FROM unnest(e)) AS eras, (SELECT count(*) FROM unnest(d)) AS date_eras
FROM (SELECT cls.eras(l, u, '20 minutes') AS e, cls.eras(dl, du, 2) AS d FROM eras_par) x;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE eras_par;

-- ---- one patient, 1 million intervals ---------------------------------------------
-- every 10 minutes a 5-minute interval; every 1000th is followed by a 1-hour pause:
-- with a 5-minute gap, 1000 eras; in reverse order the same.
SELECT count(*) AS eras, min(lower(r)) AS first_start, max(upper(r)) AS last_end
FROM unnest((SELECT cls.eras(l, l + interval '5 minutes', '5 minutes')
             FROM (SELECT '2000-01-01'::timestamptz + i * interval '10 minutes' + (i / 1000) * interval '1 hour' AS l
                   FROM generate_series(0, 999999) i) s)) r;
SELECT count(*) AS eras_reversed_input
FROM unnest((SELECT cls.eras(l, l + interval '5 minutes', '5 minutes')
             FROM (SELECT '2000-01-01'::timestamptz + i * interval '10 minutes' + (i / 1000) * interval '1 hour' AS l
                   FROM generate_series(999999, 0, -1) i) s)) r;
SELECT cls.eras(l, l + interval '5 minutes', '1 hour 5 minutes') AS one_era_with_a_longer_gap
FROM (SELECT '2000-01-01'::timestamptz + i * interval '10 minutes' + (i / 1000) * interval '1 hour' AS l
      FROM generate_series(999999, 0, -1) i) s;
-- interval arguments that vary between the rows of one group are an error
-- however the groups' rows interleave (the transition functions keep each
-- call site's constant arguments converted once); the same duration spelt
-- differently is the same argument
SELECT g, cls.state_episodes(t, true, mg, interval '12 hours')
FROM (VALUES (1, 1, interval '6 hours'), (2, 2, interval '6 hours'), (1, 3, interval '6 hours'),
             (2, 4, interval '6 hours'), (1, 5, interval '7 hours')) v(g, i, mg),
     LATERAL (SELECT timestamptz '2024-01-01' + i * interval '1 hour' AS t) x
GROUP BY g;
SELECT g, cls.state_episodes(t, true, mg, interval '12 hours')
FROM (VALUES (1, 1, interval '6 hours'), (2, 2, interval '7 hours'), (1, 3, interval '7 hours')) v(g, i, mg),
     LATERAL (SELECT timestamptz '2024-01-01' + i * interval '1 hour' AS t) x
GROUP BY g;
SELECT g, cls.state_episodes(t, true, mg, interval '12 hours', interval '0') AS episodes
FROM (VALUES (1, 1, interval '1 day'), (2, 2, interval '24 hours'), (1, 3, interval '24 hours'),
             (2, 4, interval '1 day')) v(g, i, mg),
     LATERAL (SELECT timestamptz '2024-01-01' + i * interval '1 hour' AS t) x
GROUP BY g ORDER BY g;
SELECT g, cls.eras(l, l, gap)
FROM (VALUES (1, 1, interval '1 hour'), (2, 2, interval '1 hour'), (2, 3, interval '2 hours'),
             (1, 4, interval '1 hour')) v(g, i, gap),
     LATERAL (SELECT timestamptz '2024-01-01' + i * interval '1 hour' AS l) x
GROUP BY g;
SELECT g, cls.eras(l, l, gap) AS eras
FROM (VALUES (1, 1, interval '1 hour'), (2, 2, interval '2 hours'), (1, 4, interval '60 minutes'),
             (2, 5, interval '120 minutes')) v(g, i, gap),
     LATERAL (SELECT timestamptz '2024-01-01' + i * interval '1 hour' AS l) x
GROUP BY g ORDER BY g;
