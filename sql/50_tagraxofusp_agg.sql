-- Dose anchoring (SPEC 5) and the tagraxofusp aggregates over long
-- observations plus dose rows: a cycle whose dosing extends to day 10, a
-- patient across two cycles (the pre-cycle albumin changes), unit variants,
-- the cycle-1 gate, order independence, TimeZone independence, parallel =
-- serial, window use.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- days since the first dose, a count of dates: 0 on the first dose's date, -1 on the date before
SELECT t, cls.days_since_first_dose(t, '2024-03-04 08:00+00') FROM (VALUES
  ('2024-03-03 07:59:59+00'::timestamptz), ('2024-03-03 08:00+00'), ('2024-03-04 07:59:59+00'),
  ('2024-03-04 08:00+00'), ('2024-03-05 07:59:59+00'), ('2024-03-05 08:00+00'),
  ('2024-04-19 08:00+00'), ('infinity')) v(t);

-- the cycle a time falls in
SELECT t, (cls.cycle_of(t, ARRAY['2024-03-04 08:00+00', '2024-03-05 08:00+00', NULL,
    '2024-03-25 08:00+00', '2024-03-04 08:00+00', 'infinity']::timestamptz[])).*
FROM (VALUES ('2024-03-03 08:00+00'::timestamptz), ('2024-03-04 07:00+00'), ('2024-03-04 08:00+00'),
  ('2024-03-08 20:00+00'), ('2024-03-25 07:59:59+00'), ('2024-03-25 08:00+00'),
  ('2024-05-01 00:00+00')) v(t);
SELECT cls.cycle_of('2024-03-04 08:00+00', '{}'::timestamptz[]) IS NULL AS no_doses_null,
       cls.cycle_of('2024-03-04 08:00+00', ARRAY[NULL]::timestamptz[]) IS NULL AS null_doses_null;
-- 21 dates: a dose on the 21st date after the first starts cycle 2, even 1 us short of 21 x 24 h
SELECT c.* FROM unnest(cls.cycles(ARRAY['2024-03-04 08:00+00', '2024-03-25 07:59:59.999999+00',
    '2024-03-25 08:00+00']::timestamptz[])) c;

-- drug-exposure rows -> cycles, as an aggregate (order-free)
CREATE TEMP TABLE drug_exposure (person_id int, start_dt timestamptz);
INSERT INTO drug_exposure
SELECT 1, '2024-03-04 08:00+00'::timestamptz + d * interval '1 day'
FROM unnest(ARRAY[0, 1, 2, 3, 7, 8, 9, 10, 22, 23, 24, 25, 26]) d
UNION ALL SELECT 1, '2024-03-04 08:00+00'           -- a duplicate row
UNION ALL SELECT 1, NULL
UNION ALL SELECT 2, '2024-06-03 09:30+00'::timestamptz + d * interval '1 day' FROM generate_series(0, 4) d;
SELECT person_id, c.* FROM (SELECT person_id, cls.cycles(start_dt) cy FROM drug_exposure GROUP BY 1) s,
  unnest(s.cy) c ORDER BY 1, 2;
SELECT cls.cycles(start_dt) IS NULL AS no_rows_null FROM drug_exposure WHERE false;
SELECT cls.cycles(start_dt ORDER BY start_dt DESC) = cls.cycles(start_dt) AS order_free
FROM drug_exposure WHERE person_id = 1;

-- Long observations of two patients (OMOP-like: code, value, unit, range_high),
-- and the dose rows joined in with dose = true.
-- Patient 1, cycle 1 (first dose 2024-03-04 08:00): pre-cycle albumin 3.9;
--   day 3: weight +1.5 kg over day 2 (71.5 vs 70.0) -> hold (dose given: a deviation);
--   day 4: albumin 3.3 -> hold; days 5-7 no dose; day 8: albumin back to 3.6 (fall 0.3);
--   days 8-11 dosed, day 10 is the extended dosing period, day 11 is outside it;
--   albumin in g/L on day 8, weight in lb on day 9, creatinine in umol/L throughout.
-- Patient 1, cycle 2 (first dose on day 23 = 2024-03-26 08:00): pre-cycle albumin 4.2
--   (its predose draw at 06:00; the 4.0 of the day before is older);
--   day 3 of cycle 2: albumin 3.7, a fall of exactly 0.5 from 4.2 -> hold
--   (with cycle 1's 3.9 it would have been clear).
-- Patient 2: albumin 3.1 before the first dose of cycle 1 -> gate; no SBP on day 2;
--   a severe hypersensitivity reaction recorded before dose 3 -> discontinue, carried
--   to doses 4 and 5.
CREATE TEMP TABLE obs (person_id int, ts timestamptz, code text, value float8, unit text, ref_high float8);
INSERT INTO obs
SELECT 1, day + interval '-2 hours', 'albumin',
       CASE d WHEN 2 THEN 3.8 WHEN 3 THEN 3.3 WHEN 7 THEN 36 WHEN 21 THEN 4.0 WHEN 22 THEN 4.2
              WHEN 24 THEN 3.7 WHEN 25 THEN 3.8 ELSE 3.9 END,
       CASE d WHEN 7 THEN 'g/L' ELSE 'g/dL' END, NULL::float8
FROM (SELECT d, '2024-03-04 08:00+00'::timestamptz + d * interval '1 day' AS day
      FROM generate_series(0, 26) d) s WHERE d NOT IN (4, 5, 6)
UNION ALL
SELECT 1, day + interval '-2 hours', '29463-7',
       CASE d WHEN 2 THEN 71.5 WHEN 8 THEN 70.5 / 0.45359237 ELSE 70.0 END,
       CASE d WHEN 8 THEN '[lb_av]' ELSE 'kg' END, NULL
FROM (SELECT d, '2024-03-04 08:00+00'::timestamptz + d * interval '1 day' AS day
      FROM generate_series(0, 26) d) s
UNION ALL
SELECT 1, day + interval '-1 hour', a, v, u, r
FROM (SELECT '2024-03-04 08:00+00'::timestamptz + d * interval '1 day' AS day
      FROM generate_series(0, 26) d) s,
     (VALUES ('sbp', 118::float8, 'mmHg', NULL::float8), ('8867-4', 76, '/min', NULL),
             ('8310-5', 36.9, 'Cel', NULL), ('creatinine', 80, 'umol/L', NULL),
             ('alt', 30, 'U/L', 40), ('ast', 25, 'U/L', 40),
             ('edema', 0, NULL, NULL), ('fluid_overload', 0, NULL, NULL),
             ('hypotension', 0, NULL, NULL), ('hypersensitivity', 0, NULL, NULL),
             ('sodium', 120, 'mmol/L', NULL)) x(a, v, u, r)   -- sodium: not used, skipped
UNION ALL
-- patient 2: one cycle, gate fails on day 1, no SBP on day 2
SELECT 2, day + interval '-3 hours', a, v, u, r
FROM (SELECT d, '2024-06-03 09:30+00'::timestamptz + d * interval '1 day' AS day
      FROM generate_series(0, 4) d) s,
     (VALUES ('albumin', 3.1::float8, 'g/dL', NULL::float8), ('weight', 60, 'kg', NULL),
             ('sbp', 110, 'mmHg', NULL), ('heart_rate', 70, '/min', NULL),
             ('temperature', 37.0, 'Cel', NULL), ('creatinine', 0.9, 'mg/dL', NULL),
             ('alt', 20, 'U/L', 40), ('ast', 20, 'U/L', 40)) x(a, v, u, r)
WHERE NOT (a = 'sbp' AND d = 1)
UNION ALL
SELECT 2, '2024-06-05 08:00+00', 'hypersensitivity', 3, NULL, NULL
UNION ALL
-- rows the aggregate ignores: NULL time, NULL value, NULL unit, unmapped code, NaN
SELECT 1, NULL, 'albumin', 1.0, 'g/dL', NULL UNION ALL
SELECT 1, '2024-03-06 07:00+00', 'albumin', NULL, 'g/dL', NULL UNION ALL
SELECT 1, '2024-03-06 07:00+00', 'albumin', 1.0, NULL, NULL UNION ALL
SELECT 1, '2024-03-06 07:00+00', 'potassium', 1.0, 'mmol/L', NULL UNION ALL
SELECT 1, '2024-03-06 07:00+00', 'albumin', 'NaN', 'g/dL', NULL UNION ALL
SELECT 1, '2024-03-06 07:00+00', 'albumin', 99, 'g/dL', NULL;  -- implausible: ignored

CREATE TEMP VIEW rows AS
SELECT person_id, ts, code, value, unit, ref_high, false AS dose FROM obs
UNION ALL
SELECT person_id, start_dt, NULL, NULL, NULL, NULL, true FROM drug_exposure;

-- the day-by-day table
SELECT person_id, d.dose_time, d.cycle, d.cycle_day, d.days_since_first_dose, d.action,
       d.albumin, d.pre_cycle_albumin, d.weight, d.previous_weight, d.reasons
FROM (SELECT person_id, cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) m
      FROM rows GROUP BY 1) s, unnest(s.m) d
ORDER BY 1, 2;
SELECT person_id, d.cycle_day, d.complete, d.albumin_gate, d.albumin_low, d.sbp, d.not_evaluable
FROM (SELECT person_id, cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) m
      FROM rows GROUP BY 1) s, unnest(s.m) d
WHERE person_id = 2 ORDER BY 1, 2;
-- the values used and when they were measured (audit)
SELECT d.cycle, d.cycle_day, d.albumin_time, d.pre_cycle_albumin_time, d.weight_time,
       d.previous_weight_time
FROM unnest((SELECT cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose)
             FROM rows WHERE person_id = 1)) d
WHERE d.cycle_day IN (1, 3) ORDER BY 1, 2;

-- the per-cycle summary
SELECT person_id, c.*
FROM (SELECT person_id, cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose) m
      FROM rows GROUP BY 1) s, unnest(s.m) c
ORDER BY 1, 2;

-- the cohort question: who met a CLS trigger in cycle 1, and how early
SELECT count(*) FILTER (WHERE c.first_trigger IS NOT NULL) AS patients_triggered_in_cycle1,
       min(c.first_trigger_days_since_first_dose) AS earliest_day
FROM (SELECT person_id, cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose) m
      FROM rows GROUP BY 1) s, unnest(s.m) c
WHERE c.cycle = 1;

-- no dose rows -> NULL; no rows -> NULL
SELECT cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) IS NULL AS no_dose_null
FROM rows WHERE NOT dose;
SELECT cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose) IS NULL AS empty_null
FROM rows WHERE false;

-- the bigint-code overloads give the same days (LOINC -> concept_id mapping of cls)
CREATE TEMP TABLE obs_omop AS
SELECT person_id, ts,
       CASE code WHEN 'albumin' THEN 3024561 WHEN '29463-7' THEN 3025315 WHEN 'sbp' THEN 3004249
                 WHEN 'creatinine' THEN 3016723 ELSE NULL END::bigint AS concept_id,
       value,
       CASE unit WHEN 'g/dL' THEN 8713 WHEN 'g/L' THEN 8636 WHEN 'kg' THEN 9529
                 WHEN 'mmHg' THEN 8876 WHEN 'umol/L' THEN 8749 WHEN 'mg/dL' THEN 8840 END::bigint AS unit_concept_id,
       unit, ref_high
FROM obs WHERE person_id = 1 AND code IN ('albumin', '29463-7', 'sbp', 'creatinine') AND unit <> '[lb_av]';
SELECT (SELECT cls.tagraxofusp_monitor(ts, concept_id, value, unit_concept_id, ref_high, dose)
        FROM (SELECT ts, concept_id, value, unit_concept_id, ref_high, false AS dose FROM obs_omop
              UNION ALL SELECT start_dt, NULL, NULL, NULL, NULL, true FROM drug_exposure WHERE person_id = 1) r)
     = (SELECT cls.tagraxofusp_monitor(ts, concept_id, value, unit, ref_high, dose)
        FROM (SELECT ts, concept_id, value, unit, ref_high, false AS dose FROM obs_omop
              UNION ALL SELECT start_dt, NULL, NULL, NULL, NULL, true FROM drug_exposure WHERE person_id = 1) r)
     AS omop_unit_equals_text_unit,
       (SELECT count(*) FROM unnest((SELECT cls.tagraxofusp_monitor(ts, concept_id, value, unit_concept_id, ref_high, dose)
        FROM (SELECT ts, concept_id, value, unit_concept_id, ref_high, false AS dose FROM obs_omop
              UNION ALL SELECT start_dt, NULL, NULL, NULL, NULL, true FROM drug_exposure WHERE person_id = 1) r))
        d WHERE d.albumin_low = 'triggered') AS albumin_low_days;

-- an unknown unit in the rows is an error (22023), not silently skipped
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT pg_temp.sqlstate_of($$SELECT cls.tagraxofusp_monitor(now(), 'albumin', 3.5, 'mmol/L', NULL, false)$$);

-- results: order-free, TimeZone-free, parallel = serial, window use
CREATE TEMP TABLE serial AS
SELECT person_id, cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) m,
       cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose) s
FROM rows GROUP BY 1;
SELECT person_id,
       cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose ORDER BY ts DESC, code DESC) = m AS order_free_days,
       cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose ORDER BY value, ts DESC) = s AS order_free_summary
FROM rows JOIN serial USING (person_id) GROUP BY person_id, m, s ORDER BY 1;
SET timezone = 'Pacific/Chatham';
SELECT person_id, cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) = m AS same_in_chatham
FROM rows JOIN serial USING (person_id) GROUP BY person_id, m ORDER BY 1;
SET timezone = 'UTC';

CREATE TABLE tgx_par AS SELECT r.* FROM rows r, generate_series(1, 3) k;  -- triplicates: same result
ANALYZE tgx_par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT person_id, cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) FROM tgx_par GROUP BY 1;
CREATE TEMP TABLE par AS
SELECT person_id, cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) m,
       cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose) s,
       cls.cycles(CASE WHEN dose THEN ts END) c
FROM tgx_par GROUP BY 1;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT person_id, p.m = s.m AS days_equal, p.s = s.s AS summary_equal,
       p.c = (SELECT cls.cycles(start_dt) FROM drug_exposure e WHERE e.person_id = p.person_id) AS cycles_equal
FROM par p JOIN serial s USING (person_id) ORDER BY 1;
DROP TABLE tgx_par;

-- as a window function: the running days up to each dose row, the state untouched
SELECT person_id, ts, cardinality(cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose)
         OVER (PARTITION BY person_id ORDER BY ts, dose)) AS doses_so_far
FROM rows WHERE dose AND ts IS NOT NULL AND person_id = 2 ORDER BY ts;

-- the set-returning convenience over arrays
SELECT d.cycle_day, d.action FROM cls.tagraxofusp_days(
    ARRAY['2024-06-03 06:30+00', '2024-06-03 09:30+00', '2024-06-04 09:30+00']::timestamptz[],
    ARRAY['albumin', NULL, NULL], ARRAY[3.3, NULL, NULL]::float8[], ARRAY['g/dL', NULL, NULL],
    ARRAY[NULL, NULL, NULL]::float8[], ARRAY[false, true, true]) d;
