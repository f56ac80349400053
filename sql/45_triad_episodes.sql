-- Triad episodes (SPEC.md 5, 4 "Exclusions"): a planted idiopathic attack,
-- a drug-profile course, merging by max_gap, exclusions, dose anchoring,
-- order / ties / TimeZone independence, parallel = serial, window use,
-- empty and NULL inputs, errors.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- The visible defaults.
SELECT (cls.episode_params()).*;
SELECT (cls.episode_params(max_gap => '2 days', hold => '6 hours', albumin_lln => NULL)).*;

-- Patient 1: an idiopathic attack.  Hypotension and hemoconcentration at
-- +24 h, albumin falls 40 h later (+64 h), all normal again at +100 h.
-- Patient 2: two such attacks 150 h apart.  Patient 3: a tagraxofusp-like
-- course (albumin < 3.5 with a 1.8 kg day-over-day weight gain, no
-- hematocrit at all).
CREATE TEMP TABLE ep_obs (pid int, ts timestamptz, code text, value float8, unit text);
CREATE FUNCTION pg_temp.attack(p int, b float8) RETURNS void LANGUAGE sql AS $$
INSERT INTO ep_obs
SELECT p, '2024-03-01 00:00+00'::timestamptz + (b + h) * interval '1 hour', c, v, u
FROM (VALUES (0, 'sbp', 120, 'mmHg'), (0, 'hematocrit', 40, '%'), (0, 'albumin', 40, 'g/L'),
             (24, 'sbp', 80, 'mmHg'), (24, 'hematocrit', 0.52, 'L/L'), (36, '8480-6', 75, 'mm[Hg]'),
             (64, 'albumin', 2.2, 'g/dL'), (72, 'sbp', 110, 'mmHg'), (72, 'hematocrit', 44, '%'),
             (100, 'albumin', 3.2, 'g/dL'), (100, 'hematocrit', 42, '%'), (100, 'sbp', 118, 'mmHg'),
             (100, 'heart_rate', 130, '/min')) x(h, c, v, u) $$;
SELECT pg_temp.attack(1, 0), pg_temp.attack(2, 0), pg_temp.attack(2, 150);
INSERT INTO ep_obs VALUES
 (3, '2024-03-01 00:00+00', 'albumin', 3.8, 'g/dL'), (3, '2024-03-01 00:00+00', 'weight', 70, 'kg'),
 (3, '2024-03-02 00:00+00', 'weight', 70.2, 'kg'),
 (3, '2024-03-03 00:00+00', 'albumin', 3.3, 'g/dL'), (3, '2024-03-03 00:00+00', 'weight', 72.0, 'kg'),
 (3, '2024-03-05 00:00+00', 'albumin', 3.6, 'g/dL'), (3, '2024-03-06 10:00+00', 'albumin', 3.8, 'g/dL'),
 (3, NULL, 'albumin', 1.0, 'g/dL'), (3, '2024-03-04 00:00+00', 'albumin', NULL, 'g/dL');

-- One attack, one episode: onset when albumin joins (+64 h), end when the
-- hematocrit evidence of +24 h leaves the 72 h window (+96 h); the worst
-- values come from the leak window (onset - 72 h, end], so the SBP of 75
-- at +36 h counts; albumin 2.2 g/dL is CTCAE grade 2; recovered at +100 h.
SELECT * FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit) FROM ep_obs WHERE pid = 1));

-- The drug profile course: onset +48 h, evidence until +120 h; albumin 3.3
-- with LLN 3.5 is grade 1; albumin alone decides the recovery (the drug
-- profile does not use hemoconcentration).  The triad criteria see nothing.
SELECT episode_no, onset, "end", duration, lowest_albumin, worst_hypoalbuminemia_grade,
       signs_seen, recovered_at, lowest_sbp, highest_hematocrit
FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit, cls.drug_criteria()) FROM ep_obs WHERE pid = 3));
SELECT cls.triad_episodes(ts, code, value, unit) AS triad_on_drug_course FROM ep_obs WHERE pid = 3;
-- LLN 3.2 g/dL: albumin 3.3 is no longer below the LLN: grade 0.
SELECT worst_hypoalbuminemia_grade
FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit, cls.drug_criteria(), NULL, NULL,
                                       cls.episode_params(albumin_lln => 3.2)) FROM ep_obs WHERE pid = 3));

-- Two attacks, 118 h between the first end and the second onset: two
-- episodes with max_gap 24 h (each with its own recovery), one with
-- max_gap = 118 h (equal merges), two again 1 us shorter.
SELECT 'default' AS max_gap, episode_no, onset, "end", recovered_at
FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit) FROM ep_obs WHERE pid = 2))
UNION ALL
SELECT '118 h', episode_no, onset, "end", recovered_at
FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, NULL,
                                       cls.episode_params(max_gap => '118 hours')) FROM ep_obs WHERE pid = 2))
UNION ALL
SELECT '118 h - 1 us', episode_no, onset, "end", recovered_at
FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, NULL,
                                       cls.episode_params(max_gap => '118 hours' - interval '1 microsecond')) FROM ep_obs WHERE pid = 2))
ORDER BY 1, 2;

-- hold caps the episode at the last suspected time + hold; min_duration
-- drops short ones (an episode exactly min_duration long is kept).
SELECT h, m, (SELECT array_agg("end" ORDER BY episode_no)
              FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, NULL,
                                                     cls.episode_params(hold => h, min_duration => m))
                           FROM ep_obs WHERE pid = 1))) AS ends
FROM (VALUES ('0'::interval, '0'::interval), ('10 hours', '0'), ('0', '8 hours'), ('0', '8 hours 1 second')) x(h, m);

-- Exclusions: an exclusion touching the end of the second episode marks it
-- (closed overlap) and reports the range as given; the first is not marked;
-- nothing is dropped.  An exclusive upper bound exactly at the onset does
-- not overlap; an inclusive one does.
SELECT x AS exclusions, episode_no, excluded, exclusion
FROM (VALUES ('{["2024-03-08 08:00+00","2024-03-09 00:00+00"], ["2024-03-11 06:00+00",)}'::tstzmultirange),
             ('{["2024-03-03 00:00+00","2024-03-03 16:00+00")}'),
             ('{["2024-03-03 00:00+00","2024-03-03 16:00+00"]}'),
             ('{}'), (NULL)) v(x),
     LATERAL unnest((SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), x)
                     FROM ep_obs WHERE pid = 2))
ORDER BY 1, 2;

-- Dose anchoring: first dose 12 h after the onset -> cycle 0, day -1;
-- first dose 4 days 1 h before the onset -> days since first dose 4; a
-- second cycle 21 days after the first; NULL and infinite doses ignored.
SELECT d AS doses, cycle, cycle_day, days_since_first_dose
FROM (VALUES (ARRAY['2024-03-04 04:00+00']::timestamptz[]),
             (ARRAY['2024-02-28 15:00+00', '2024-02-29 15:00+00', NULL, 'infinity']::timestamptz[]),
             (ARRAY['2024-02-01 15:00+00', '2024-02-22 15:00+00']::timestamptz[]),
             (ARRAY[]::timestamptz[]), (NULL)) v(d),
     LATERAL unnest((SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, d)
                     FROM ep_obs WHERE pid = 1))
ORDER BY 1;

-- Order independence: the rows in reverse order, and with ties at one
-- time (a normal and a low SBP at +36 h: the low one counts; two albumin
-- values at +100 h: the lower decides the recovery), give one answer.
CREATE TEMP TABLE ep_ties AS SELECT * FROM ep_obs WHERE pid = 1;
INSERT INTO ep_ties VALUES (1, '2024-03-02 12:00+00', 'sbp', 140, 'mmHg'),
                           (1, '2024-03-05 04:00+00', 'albumin', 2.9, 'g/dL');
SELECT (SELECT cls.triad_episodes(ts, code, value, unit)::text FROM (SELECT * FROM ep_obs WHERE pid = 1 ORDER BY ts DESC, code DESC) x)
     = (SELECT cls.triad_episodes(ts, code, value, unit)::text FROM (SELECT * FROM ep_obs WHERE pid = 1 ORDER BY ts, code) x) AS order_free;
SELECT (SELECT cls.triad_episodes(ts, code, value, unit)::text FROM (SELECT * FROM ep_ties ORDER BY ts DESC, value) x)
     = (SELECT cls.triad_episodes(ts, code, value, unit)::text FROM (SELECT * FROM ep_ties ORDER BY ts, value DESC) x) AS ties_order_free;
SELECT onset, "end", lowest_sbp, lowest_sbp_at, recovered_at
FROM unnest((SELECT cls.triad_episodes(ts, code, value, unit) FROM ep_ties));

-- TimeZone: the same rows give the same instants.
CREATE TEMP TABLE ep_utc AS
SELECT pid, cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL,
                               ARRAY['2024-02-28 15:00+00'::timestamptz])::text AS r
FROM ep_obs GROUP BY pid;
SET timezone = 'America/New_York';
SELECT count(*) AS tz_differs_new_york
FROM (SELECT pid, cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL,
                                     ARRAY['2024-02-28 15:00+00'::timestamptz]) AS e FROM ep_obs GROUP BY pid) x
JOIN ep_utc u USING (pid)
WHERE (SELECT e::text FROM (SELECT set_config('timezone', 'UTC', true)) s) IS DISTINCT FROM u.r;
SET timezone = 'Asia/Kolkata';
CREATE TEMP TABLE ep_kolkata AS
SELECT pid, cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL,
                               ARRAY['2024-02-28 15:00+00'::timestamptz]) AS e FROM ep_obs GROUP BY pid;
SET timezone = 'UTC';
SELECT count(*) AS tz_differs_kolkata FROM ep_kolkata k JOIN ep_utc u USING (pid) WHERE k.e::text IS DISTINCT FROM u.r;

-- Codes as bigint (OMOP concept_ids): the same episodes.
SELECT (SELECT cls.triad_episodes(ts, c, value, unit)::text
        FROM (SELECT ts, CASE code WHEN 'sbp' THEN 3004249 WHEN '8480-6' THEN 3004249 WHEN 'albumin' THEN 3024561
                                   WHEN 'hematocrit' THEN 3009542 ELSE 0 END::bigint AS c, value, unit
              FROM ep_obs WHERE pid = 1) x)
     = (SELECT cls.triad_episodes(ts, code, value, unit)::text FROM ep_obs WHERE pid = 1) AS bigint_codes_equal;

-- Forced parallel plans equal serial ones.
-- (a plain table: temporary tables are never scanned in parallel)
CREATE TABLE ep_big AS
SELECT p AS pid, '2024-01-01'::timestamptz + (i * interval '1 hour') AS ts,
       (ARRAY['sbp', 'albumin', 'hematocrit', 'weight', 'edema'])[1 + (i + p) % 5] AS code,
       CASE (i + p) % 5 WHEN 0 THEN 70 + (i * 7 + p) % 60 WHEN 1 THEN 2.0 + ((i * 3 + p) % 20) / 10.0
                        WHEN 2 THEN 38 + (i * 5 + p) % 14 WHEN 3 THEN 68 + ((i + p) % 5) * 0.8
                        ELSE (i / 8 + p) % 2 END AS value,
       CASE (i + p) % 5 WHEN 0 THEN 'mmHg' WHEN 1 THEN 'g/dL' WHEN 2 THEN '%' WHEN 3 THEN 'kg' ELSE NULL END AS unit
FROM generate_series(1, 40) p, generate_series(0, 499) i;
ANALYZE ep_big;
CREATE TEMP TABLE ep_serial AS
SELECT pid, cls.triad_episodes(ts, code, value, unit)::text AS t,
       cls.triad_episodes(ts, code, value, unit, cls.drug_criteria(), '{[2024-01-05,2024-01-06]}',
                          ARRAY['2024-01-02 00:00+00'::timestamptz], cls.episode_params(max_gap => '6 hours'))::text AS d
FROM ep_big GROUP BY pid;
CREATE TEMP TABLE ep_serial_all AS
SELECT cls.triad_episodes(ts, code, value, unit, cls.drug_criteria(), '{[2024-01-05,2024-01-06]}',
                          ARRAY['2024-01-02 00:00+00'::timestamptz])::text AS a FROM ep_big WHERE pid <= 3;
SELECT count(*) AS patients, sum(cardinality(t::cls.triad_episode[])) AS triad_episodes,
       sum(cardinality(d::cls.triad_episode[])) AS drug_episodes,
       count(*) FILTER (WHERE d LIKE '%,t,%') AS drug_with_excluded_episode
FROM ep_serial;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT pid, cls.triad_episodes(ts, code, value, unit) FROM ep_big GROUP BY pid;
SELECT count(*) AS parallel_differs
FROM (SELECT pid, cls.triad_episodes(ts, code, value, unit)::text AS t,
             cls.triad_episodes(ts, code, value, unit, cls.drug_criteria(), '{[2024-01-05,2024-01-06]}',
                                ARRAY['2024-01-02 00:00+00'::timestamptz], cls.episode_params(max_gap => '6 hours'))::text AS d
      FROM ep_big GROUP BY pid) p JOIN ep_serial s USING (pid)
WHERE p.t IS DISTINCT FROM s.t OR p.d IS DISTINCT FROM s.d;
EXPLAIN (COSTS OFF)
SELECT cls.triad_episodes(ts, code, value, unit, cls.drug_criteria(), '{[2024-01-05,2024-01-06]}',
                          ARRAY['2024-01-02 00:00+00'::timestamptz]) FROM ep_big WHERE pid <= 3;
SELECT (SELECT cls.triad_episodes(ts, code, value, unit, cls.drug_criteria(), '{[2024-01-05,2024-01-06]}',
                                  ARRAY['2024-01-02 00:00+00'::timestamptz])::text FROM ep_big WHERE pid <= 3)
       = (SELECT a FROM ep_serial_all) AS parallel_equal;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
RESET enable_hashagg;

-- Window use: the episodes known at each row (re-evaluated per row: for
-- running flags use cls.triad_agg); the final function leaves the state
-- usable, so the last row equals the plain aggregate.
SELECT ts, cardinality(e) AS episodes_so_far, e[1].onset, e[1]."end"
FROM (SELECT ts, cls.triad_episodes(ts, code, value, unit) OVER (ORDER BY ts, code) AS e
      FROM ep_obs WHERE pid = 1) w
WHERE ts >= '2024-03-03 12:00+00'
ORDER BY ts;
SELECT (SELECT (cls.triad_episodes(ts, code, value, unit) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))::text
        FROM ep_obs WHERE pid = 2 LIMIT 1)
     = (SELECT cls.triad_episodes(ts, code, value, unit)::text FROM ep_obs WHERE pid = 2) AS window_equals_aggregate;

-- Empty and NULL ladder: no rows -> NULL; only unusable or unrelated rows
-- -> '{}'; a patient without episodes -> '{}'.
SELECT cls.triad_episodes(ts, code, value, unit) IS NULL AS no_rows FROM ep_obs WHERE false;
SELECT cls.triad_episodes(ts, code, value, unit) AS only_unusable
FROM (VALUES (NULL::timestamptz, 'sbp', 80::float8, 'mmHg'), ('2024-01-01', 'heart_rate', 200, '/min'),
             ('2024-01-01', NULL, 80, 'mmHg'), ('infinity', 'sbp', 80, 'mmHg'), ('2024-01-01', 'sbp', 'NaN', 'mmHg')) x(ts, code, value, unit);
SELECT cls.triad_episodes(ts, code, value, unit) AS normal_values
FROM (VALUES ('2024-01-01'::timestamptz, 'sbp', 120::float8, 'mmHg')) x(ts, code, value, unit);

-- Errors: query mistakes, each with its SQLSTATE.
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
SELECT q, pg_temp.sqlstate(q) FROM (VALUES
 ($$SELECT cls.episode_params(max_gap => '-1 hour')$$),
 ($$SELECT cls.episode_params(hold => '-1 second')$$),
 ($$SELECT cls.episode_params(min_duration => '1 month')$$),
 ($$SELECT cls.episode_params(max_gap => '1 year 2 days')$$),
 ($$SELECT cls.episode_params(max_gap => NULL)$$),
 ($$SELECT cls.episode_params(min_duration => NULL)$$),
 ($$SELECT cls.episode_params(albumin_lln => 0)$$),
 ($$SELECT cls.episode_params(albumin_lln => 'NaN')$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, NULL, ROW('-1 h', NULL, '0', 3.5)::cls.episode_params) FROM ep_obs$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, NULL, NULL) FROM ep_obs$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, NULL) FROM ep_obs$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(k => 0)) FROM ep_obs$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), CASE WHEN value > 50 THEN '{[2024-01-01,2024-01-02]}'::tstzmultirange END) FROM ep_obs WHERE pid = 1$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, ARRAY[ts]) FROM ep_obs WHERE pid = 1$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, NULL, cls.episode_params(max_gap => value * interval '1 hour')) FROM ep_obs WHERE pid = 1$$),
 ($$SELECT cls.triad_episodes(ts, code, value, unit, CASE WHEN value > 50 THEN cls.triad_criteria() ELSE cls.drug_criteria() END) FROM ep_obs WHERE pid = 1$$),
 ($$SELECT cls.triad_episodes(ts, code, value, 'mg') FROM ep_obs WHERE pid = 1$$)
) v(q);

DROP TABLE ep_obs, ep_ties, ep_utc, ep_kolkata, ep_big, ep_serial, ep_serial_all;
