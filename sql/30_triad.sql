-- CLS signs, the triad and the drug profile (SPEC.md 4): wide functions at
-- each threshold, long-form timelines in both modes, units and codes,
-- window use, parallel plans, errors.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- The visible defaults of the constructors equal the C core's.
SELECT cls.triad_criteria()::text = cls.criteria_defaults('triad')::text AS triad_defaults_match,
       cls.drug_criteria()::text = cls.criteria_defaults('drug')::text AS drug_defaults_match;
SELECT (cls.triad_criteria()).*;
SELECT (cls.drug_criteria()).albumin_below AS drug_albumin_below, (cls.drug_criteria()).k AS drug_k;

-- Wide functions: each sign on both sides of its threshold.
SELECT v, cls.hypotension(sbp => v) AS sbp, cls.hypotension(map => v - 25) AS map,
       cls.hypotension(sbp => v + 30, baseline_sbp => 160) AS fall
FROM (VALUES (89.9::float8), (90)) AS x(v);
SELECT v, cls.hypoalbuminemia(v) AS abs, cls.hypoalbuminemia(v * 10, 'g/L') AS g_l,
       cls.hypoalbuminemia(v + 0.6, baseline_albumin => v + 1.1) AS fall,
       cls.hypoalbuminemia(v + 0.5, criteria => cls.drug_criteria()) AS drug
FROM (VALUES (2.9::float8), (3.0)) AS x(v);
SELECT v, cls.hemoconcentration(v) AS pct, cls.hemoconcentration(v / 100, 'L/L') AS l_l,
       cls.hemoconcentration(v - 10, baseline_hematocrit => 30) AS no_default_rise,
       cls.hemoconcentration(v - 10, baseline_hematocrit => 30.1,
           criteria => cls.triad_criteria(hematocrit_rise => 5)) AS rise_5
FROM (VALUES (45.1::float8), (45)) AS x(v);
SELECT w, cls.weight_gain(w, previous_weight => 70) AS day, cls.weight_gain(w * 2.2046226218487757, previous_weight => 70 * 2.2046226218487757, unit => 'lb') AS lb,
       cls.weight_gain(w + 2, baseline_weight => 70) AS pct
FROM (VALUES (71.5::float8), (71.4)) AS x(w);
SELECT v, cls.hyponatremia(v) AS na, cls.hyponatremia(v, 'mEq/L') AS meq
FROM (VALUES (134.9::float8), (135)) AS x(v);
SELECT cls.hypotension() AS no_value, cls.hypotension(sbp => 95) AS normal,
       cls.hypotension(sbp => 50, criteria => cls.triad_criteria(sbp_below => NULL, sbp_fall => NULL)) AS sbp_off,
       cls.hypotension(sbp => 5000) AS implausible_ignored;

-- The profile at one time point, three-valued.
SELECT hypotension, hypoalbuminemia, hemoconcentration, weight_gain, hyponatremia, edema, suspected
FROM cls.signs(sbp => 85, albumin => 25, albumin_unit => 'g/L', hematocrit => 0.5, hematocrit_unit => 'L/L');
SELECT suspected AS unknown_hct FROM cls.signs(sbp => 85, albumin => 2.5);
SELECT suspected AS k2 FROM cls.signs(sbp => 85, albumin => 2.5, criteria => cls.triad_criteria(k => 2));
SELECT suspected AS no_hct_cannot_reach FROM cls.signs(sbp => 120, albumin => 2.5);
SELECT (e).sign, (e).rule, (e).analyte, (e).value, (e).unit, (e).reference
FROM cls.signs(sbp => 100, baseline_sbp => 150, albumin => 3.0, baseline_albumin => 3.6,
               weight => 72, previous_weight => 70, edema => true,
               criteria => cls.drug_criteria()) s, unnest(s.evidence) e;
SELECT suspected AS drug FROM cls.signs(albumin => 3.4, weight => 71.5, previous_weight => 70, criteria => cls.drug_criteria());
SELECT suspected AS drug_no_companion FROM cls.signs(albumin => 3.4, sbp => 120, weight => 70, previous_weight => 70, edema => false, criteria => cls.drug_criteria());

-- Long rows.  Helper: the summary of a set of rows as a compact line.
CREATE TEMP TABLE obs (pid int, ts timestamptz, code text, value float8, unit text);
CREATE FUNCTION pg_temp.summary(p int, c cls.criteria DEFAULT cls.triad_criteria())
RETURNS TABLE (suspected boolean, first timestamptz, duration interval, signs text[], used bigint, ignored bigint)
LANGUAGE sql AS $$
  SELECT (s).suspected_ever, (s).first_suspected, (s).suspected_duration, (s).signs_ever, (s).n_used, (s).n_ignored
  FROM (SELECT cls.triad_agg(ts, code, value, unit, c) AS s FROM obs WHERE pid = p) x $$;

-- 1: an idiopathic attack, albumin falling 40 h after the hypotension.
INSERT INTO obs VALUES
 (1, '2024-01-01 00:00', 'sbp', 85, 'mmHg'),
 (1, '2024-01-01 02:00', 'hematocrit', 53, '%'),
 (1, '2024-01-01 02:00', 'albumin', 3.7, 'g/dL'),
 (1, '2024-01-01 10:00', 'sbp', 112, 'mmHg'),
 (1, '2024-01-02 16:00', 'albumin', 2.2, 'g/dL');
SELECT 'co-occurrence' AS mode, * FROM pg_temp.summary(1);
SELECT 'current values' AS mode, * FROM pg_temp.summary(1, cls.triad_criteria(cooccurrence_window => '0'));
SELECT (e).sign, (e).rule, (e).value, (e).at
FROM (SELECT cls.triad_agg(ts, code, value, unit) s FROM obs WHERE pid = 1) x, unnest((s).first_evidence) e;

-- 2: a sign switching on and off at its threshold in current-values mode:
-- hypotension holds while SBP < 90 is current, a normal SBP clears it.
INSERT INTO obs VALUES
 (2, '2024-01-01 00:00', 'albumin', 2.5, 'g/dL'),
 (2, '2024-01-01 00:00', 'hematocrit', 50, '%'),
 (2, '2024-01-01 01:00', 'sbp', 90, 'mmHg'),
 (2, '2024-01-01 02:00', 'sbp', 89.9, 'mmHg'),
 (2, '2024-01-01 03:00', 'sbp', 90, 'mmHg'),
 (2, '2024-01-01 04:00', 'map', 64.9, 'mmHg'),
 (2, '2024-01-01 05:00', 'map', 65, 'mmHg');
SELECT (p).at, (p).suspected, (p).signs
FROM (SELECT unnest(cls.triad_timeline(ts, code, value, unit, cls.triad_criteria(cooccurrence_window => '0'))) p
      FROM obs WHERE pid = 2) x;
SELECT * FROM pg_temp.summary(2, cls.triad_criteria(cooccurrence_window => '0'));

-- 3: validity: albumin (48 h) expires exactly at the end of its window;
-- co-occurrence: an observation exactly one window earlier is out.
INSERT INTO obs VALUES
 (3, '2024-01-01 00:00', 'albumin', 2.5, 'g/dL'),
 (3, '2024-01-02 23:00', 'sbp', 80, 'mmHg'),
 (3, '2024-01-03 00:00', 'hematocrit', 50, '%'),
 (4, '2024-01-01 00:00', 'albumin', 2.5, 'g/dL'),
 (4, '2024-01-02 23:00', 'sbp', 80, 'mmHg'),
 (4, '2024-01-02 23:59:59.999999', 'hematocrit', 50, '%'),
 (5, '2024-01-01 00:00', 'albumin', 2.5, 'g/dL'),
 (5, '2024-01-01 00:00', 'sbp', 80, 'mmHg'),
 (5, '2024-01-04 00:00', 'hematocrit', 50, '%'),
 (6, '2024-01-01 00:00', 'albumin', 2.5, 'g/dL'),
 (6, '2024-01-01 00:00', 'sbp', 80, 'mmHg'),
 (6, '2024-01-03 23:59:59.999999', 'hematocrit', 50, '%');
SELECT 3 AS pid, 'albumin at exactly 48 h' AS what, * FROM pg_temp.summary(3, cls.triad_criteria(cooccurrence_window => '0'))
UNION ALL SELECT 4, '1 us before 48 h', * FROM pg_temp.summary(4, cls.triad_criteria(cooccurrence_window => '0'))
UNION ALL SELECT 5, 'exactly 72 h apart', * FROM pg_temp.summary(5)
UNION ALL SELECT 6, '1 us inside 72 h', * FROM pg_temp.summary(6);

-- 7: tagraxofusp-like course: albumin 3.6 -> 3.0, weight +2 kg (in lb),
-- hematocrit unchanged: found by drug, not by triad.
INSERT INTO obs VALUES
 (7, '2024-03-01 08:00', 'albumin', 36, 'g/L'),
 (7, '2024-03-01 08:00', 'weight', 154.3236, 'lb'),
 (7, '2024-03-01 08:00', 'hematocrit', 0.38, 'L/L'),
 (7, '2024-03-01 08:00', 'sbp', 118, 'mmHg'),
 (7, '2024-03-02 08:00', 'albumin', 3.3, 'g/dL'),
 (7, '2024-03-02 08:00', 'weight', 70.9, 'kg'),
 (7, '2024-03-03 08:00', 'albumin', 3.0, 'g/dL'),
 (7, '2024-03-03 08:00', 'weight', 72.9, 'kg'),
 (7, '2024-03-03 08:00', 'hematocrit', 38, '%'),
 (7, '2024-03-03 08:00', 'sbp', 115, 'mmHg');
SELECT 'drug' AS profile, * FROM pg_temp.summary(7, cls.drug_criteria())
UNION ALL SELECT 'triad', * FROM pg_temp.summary(7);
SELECT (s).largest_weight_gain, (s).largest_weight_gain_at, (s).lowest_albumin, (e).sign, (e).rule, (e).value, (e).reference
FROM (SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria()) s FROM obs WHERE pid = 7) x,
     unnest((s).first_evidence) e;

-- 8: ties at one timestamp (the evidence and result do not depend on which
-- row comes first), edema as a pseudo-analyte, bad rows.
INSERT INTO obs VALUES
 (8, '2024-01-01 00:00', 'albumin', 3.4, 'g/dL'),
 (8, '2024-01-01 00:00', 'albumin', 3.6, 'g/dL'),
 (8, '2024-01-01 00:00', 'EDEMA', 1, NULL),
 (8, '2024-01-01 00:00', 'edema', 0, NULL),
 (8, '2024-01-01 00:00', 'edema', 2, NULL),              -- not 0/1: ignored
 (8, '2024-01-01 00:00', 'sbp', 'NaN', 'mmHg'),          -- ignored
 (8, '2024-01-01 00:00', 'sbp', 5000, 'mmHg'),           -- implausible: ignored
 (8, '2024-01-01 00:00', 'albumin', 3.0, NULL),          -- no unit: ignored
 (8, 'infinity', 'albumin', 3.0, 'g/dL'),                -- ignored
 (8, NULL, 'albumin', 1.0, 'g/dL'),                      -- NULL time: skipped
 (8, '2024-01-01 00:00', 'albumin', NULL, 'g/dL'),       -- NULL value: skipped
 (8, '2024-01-01 00:00', 'heart_rate', 150, 'furlongs'), -- not used: skipped before the unit
 (8, '2024-01-01 00:00', '9999-9', 1, 'x');              -- unmapped: skipped
SELECT * FROM pg_temp.summary(8, cls.drug_criteria());
SELECT * FROM pg_temp.summary(8, cls.drug_criteria(cooccurrence_window => '0'));

-- Order independence: every permutation order gives the same result.
SELECT count(DISTINCT s::text) AS distinct_results
FROM (SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria() ORDER BY ts DESC, code) s FROM obs WHERE pid = 7
      UNION ALL SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria() ORDER BY value) FROM obs WHERE pid = 7
      UNION ALL SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria() ORDER BY md5(code || value)) FROM obs WHERE pid = 7
      UNION ALL SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria()) FROM obs WHERE pid = 7) x;
SELECT count(DISTINCT s::text) AS distinct_results
FROM (SELECT cls.triad_agg(ts, code, value, unit ORDER BY ts DESC, value DESC) s FROM obs WHERE pid = 8
      UNION ALL SELECT cls.triad_agg(ts, code, value, unit ORDER BY ts, value) FROM obs WHERE pid = 8) x;

-- Codes: cls names, LOINC, MIMIC-IV itemids (text and bigint), OMOP concept_ids.
CREATE TEMP TABLE obs_int (pid int, ts timestamptz, code bigint, value float8, unit text);
INSERT INTO obs_int VALUES
 (1, '2024-01-01 00:00', 220050, 85, 'mmHg'),        -- arterial SBP itemid
 (1, '2024-01-01 02:00', 51221, 53, '%'),            -- hematocrit itemid
 (1, '2024-01-02 16:00', 3024561, 22, 'g/L'),        -- albumin concept_id
 (1, '2024-01-02 16:00', 3012888, 40, 'mmHg');       -- DBP: not used
SELECT (cls.triad_agg(ts, code, value, unit)).suspected_ever AS by_int,
       (cls.triad_agg(ts, code::text, value, unit)).suspected_ever AS by_text,
       (cls.triad_agg(ts, code, value, unit)).n_used AS used
FROM obs_int;
SELECT (cls.triad_agg(ts, c, v, u)).first_suspected AS loinc
FROM (VALUES ('2024-01-01 00:00'::timestamptz, '8480-6', 85::float8, 'mm[Hg]'),
             ('2024-01-01 01:00', '4544-3', 0.53, 'L/L'),
             ('2024-01-01 02:00', ' 1751-7 ', 29, 'g/L')) AS x(ts, c, v, u);

-- Baselines: derived (earliest value) or given.
INSERT INTO obs VALUES
 (9, '2024-01-01 00:00', 'sbp', 140, 'mmHg'),
 (9, '2024-01-01 00:00', 'albumin', 4.0, 'g/dL'),
 (9, '2024-01-01 00:00', 'hematocrit', 46, '%'),
 (9, '2024-01-02 00:00', 'sbp', 100, 'mmHg'),
 (9, '2024-01-02 00:00', 'albumin', 3.5, 'g/dL');
SELECT 'derived' AS baselines, * FROM pg_temp.summary(9)
UNION ALL SELECT 'not derived', * FROM pg_temp.summary(9, cls.triad_criteria(derive_baselines => false));
SELECT (s).suspected_ever AS given_baselines_not_met, (s).signs_ever
FROM (SELECT cls.triad_agg(ts, code, value, unit, cls.triad_criteria(), cls.baselines(sbp => 120, albumin => 38, albumin_unit => 'g/L')) s
      FROM obs WHERE pid = 9) x;

-- Window use: the flags current at each row.
SELECT ts, code, value, (w).current_suspected, (w).current_signs, (w).suspected_ever
FROM (SELECT ts, code, value, cls.triad_agg(ts, code, value, unit) OVER (ORDER BY ts, code) AS w
      FROM obs WHERE pid = 1) x ORDER BY ts, code;
-- window (RANGE: peers at once) and ROWS (one row at a time) agree at the last row of each time
SELECT count(*) AS rows_differing FROM (
  SELECT pid, ts, code, value,
         cls.triad_agg(ts, code, value, unit, cls.drug_criteria()) OVER (PARTITION BY pid ORDER BY ts) AS r,
         cls.triad_agg(ts, code, value, unit, cls.drug_criteria()) OVER (PARTITION BY pid ORDER BY ts, code, value ROWS UNBOUNDED PRECEDING) AS w,
         row_number() OVER (PARTITION BY pid, ts ORDER BY code DESC, value DESC) AS last_of_time
  FROM obs WHERE ts IS NOT NULL AND ts <> 'infinity') x
WHERE last_of_time = 1 AND r::text IS DISTINCT FROM w::text;
-- a window whose rows arrive out of time order falls back to a full evaluation
SELECT count(*) AS rows_differing FROM (
  SELECT (cls.triad_agg(ts, code, value, unit) OVER (ORDER BY value ROWS UNBOUNDED PRECEDING)).suspected_ever AS w,
         row_number() OVER (ORDER BY value) AS rn, count(*) OVER () AS n FROM obs WHERE pid = 1) x
WHERE rn = n AND w IS DISTINCT FROM true;

-- Parallel plans give exactly the serial result.
CREATE TABLE triad_big AS
SELECT p AS pid, '2024-01-01'::timestamptz + (i * interval '1 hour') AS ts,
       (ARRAY['sbp', 'albumin', 'hematocrit', 'weight', 'sodium', 'edema', '220050', '1751-7'])[1 + (i + p) % 8] AS code,
       CASE (i + p) % 8 WHEN 0 THEN 70 + (i * 7 + p) % 60 WHEN 1 THEN 2.0 + ((i * 3 + p) % 20) / 10.0
                        WHEN 2 THEN 38 + (i * 5 + p) % 14 WHEN 3 THEN 68 + ((i + p) % 5) * 0.8
                        WHEN 4 THEN 128 + (i + p) % 12 WHEN 5 THEN (i / 8 + p) % 2
                        WHEN 6 THEN 80 + (i * 11 + p) % 50 ELSE 20 + (i * 13 + p) % 25 END AS value,
       CASE (i + p) % 8 WHEN 0 THEN 'mmHg' WHEN 1 THEN 'g/dL' WHEN 2 THEN '%' WHEN 3 THEN 'kg'
                        WHEN 4 THEN 'mmol/L' WHEN 5 THEN NULL WHEN 6 THEN 'mmHg' ELSE 'g/L' END AS unit
FROM generate_series(1, 40) p, generate_series(0, 499) i;
ANALYZE triad_big;
CREATE TEMP TABLE serial_result AS
SELECT pid, cls.triad_agg(ts, code, value, unit)::text AS t, cls.triad_agg(ts, code, value, unit, cls.drug_criteria(cooccurrence_window => '0'))::text AS d
FROM triad_big GROUP BY pid;
CREATE TEMP TABLE serial_all AS
SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria())::text AS a FROM triad_big WHERE pid <= 3;
SELECT count(*) FILTER (WHERE t LIKE '(t,%') AS triad_suspected, count(*) FILTER (WHERE d LIKE '(t,%') AS drug_current_suspected
FROM serial_result;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT pid, cls.triad_agg(ts, code, value, unit) FROM triad_big GROUP BY pid;
SELECT count(*) AS parallel_differs
FROM (SELECT pid, cls.triad_agg(ts, code, value, unit)::text AS t,
             cls.triad_agg(ts, code, value, unit, cls.drug_criteria(cooccurrence_window => '0'))::text AS d
      FROM triad_big GROUP BY pid) p JOIN serial_result s USING (pid)
WHERE p.t IS DISTINCT FROM s.t OR p.d IS DISTINCT FROM s.d;
EXPLAIN (COSTS OFF)
SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria()) FROM triad_big WHERE pid <= 3;
SELECT (SELECT cls.triad_agg(ts, code, value, unit, cls.drug_criteria())::text FROM triad_big WHERE pid <= 3)
       = (SELECT a FROM serial_all) AS parallel_equal;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
RESET enable_hashagg;
DROP TABLE triad_big;

-- Empty input: NULL; only skipped rows: a summary with n_used 0.
SELECT cls.triad_agg(ts, code, value, unit) IS NULL AS empty_is_null FROM obs WHERE false;
SELECT (s).suspected_ever, (s).current_at, (s).n_used, (s).n_ignored
FROM (SELECT cls.triad_agg(ts, code, value, unit) s FROM obs WHERE pid = 8 AND code IN ('heart_rate', '9999-9')) x;

-- Errors: query mistakes raise 22023 (or 22004 for a NULL criteria), naming the value.
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
SELECT q, pg_temp.sqlstate(q) FROM (VALUES
 ($$SELECT cls.triad_criteria(k => 0)$$),
 ($$SELECT cls.triad_criteria(k => 4)$$),
 ($$SELECT cls.triad_criteria(k => NULL)$$),
 ($$SELECT cls.triad_criteria(sbp_below => -1)$$),
 ($$SELECT cls.triad_criteria(albumin_fall => 'NaN')$$),
 ($$SELECT cls.triad_criteria(hematocrit_rise => 'Infinity')$$),
 ($$SELECT cls.triad_criteria(cooccurrence_window => '-1 hour')$$),
 ($$SELECT cls.triad_criteria(cooccurrence_window => '1 month')$$),
 ($$SELECT cls.triad_criteria(cooccurrence_window => NULL)$$),
 ($$SELECT cls.triad_criteria(bp_valid => '0')$$),
 ($$SELECT cls.drug_criteria(derive_baselines => NULL)$$),
 ($$SELECT ROW('triad', 9, 90, 65, 40, 3, 0.5, 45, NULL, 1.5, 5, 135, true, true, '72 h', '6 h', '48 h', '24 h', '36 h', '48 h', '24 h', NULL, 'UTC')::cls.criteria$$),
 ($$SELECT cls.hypotension(sbp => 80, criteria => ROW('triad', 9, 90, 65, 40, 3, 0.5, 45, NULL, 1.5, 5, 135, true, true, '72 h', '6 h', '48 h', '24 h', '36 h', '48 h', '24 h', NULL, 'UTC')::cls.criteria)$$),
 ($$SELECT cls.hypotension(sbp => 80, criteria => NULL)$$),
 ($$SELECT 'sepsis'::cls.profile$$),
 ($$SELECT cls.hypoalbuminemia(3.0, 'mmol/L')$$),
 ($$SELECT cls.hypoalbuminemia(3.0, 'g/dL', baseline_albumin => 0)$$),
 ($$SELECT cls.hemoconcentration(50, 'furlongs')$$),
 ($$SELECT cls.weight_gain(70, previous_weight => -1)$$),
 ($$SELECT cls.baselines(albumin => 99)$$),
 ($$SELECT cls.baselines(weight => 70, weight_unit => 'mmHg')$$),
 ($$SELECT cls.baselines(weight => 70, weight_unit => NULL)$$),
 ($$SELECT cls.triad_agg(ts, code, value, unit) FROM (VALUES (now(), 'albumin', 3.0::float8, 'mg')) x(ts, code, value, unit)$$),
 ($$SELECT cls.triad_agg(ts, code, value, unit) FROM (VALUES (now(), '50862', 3.0::float8, 'g/dl2')) x(ts, code, value, unit)$$),
 ($$SELECT cls.triad_agg(ts, code, value, unit, NULL) FROM (VALUES (now(), 'sbp', 80::float8, 'mmHg')) x(ts, code, value, unit)$$),
 ($$SELECT cls.triad_agg(ts, code, value, unit, CASE WHEN value > 85 THEN cls.triad_criteria() ELSE cls.drug_criteria() END) FROM (VALUES (now(), 'sbp', 80::float8, 'mmHg'), (now(), 'sbp', 90, 'mmHg')) x(ts, code, value, unit)$$),
 ($$SELECT cls.triad_agg(ts, code, value, unit, cls.triad_criteria(), cls.baselines(sbp => value)) FROM (VALUES (now(), 'sbp', 80::float8, 'mmHg'), (now(), 'sbp', 90, 'mmHg')) x(ts, code, value, unit)$$)
) AS x(q);
