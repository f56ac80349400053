-- Creatinine clearance in the tagraxofusp creatinine rule (label Table 1:
-- "Serum creatinine >1.8 mg/dL ... or creatinine clearance <60 mL/minute"):
-- the Cockcroft-Gault estimate (Nephron 1976;16(1):31-41, PubMed 1244564)
-- at its threshold for both sexes, the not-evaluable cases (a creatinine
-- <= 1.8 mg/dL alone never reads as clear), the measured CrCl winning over
-- the estimate, the sex spellings, query mistakes (ERROR) and column values
-- (the reason in the result), and the aggregates' age and sex.
SET timezone = 'UTC';
SET extra_float_digits = 0;

CREATE FUNCTION pg_temp.cr(cr float8, w float8 DEFAULT 70, crcl float8 DEFAULT NULL,
    age float8 DEFAULT NULL, sex text DEFAULT NULL)
RETURNS TABLE (status text, crcl float8, estimated boolean, detail text) LANGUAGE sql AS $$
  SELECT d.creatinine, round(d.creatinine_clearance::numeric, 2)::float8,
         d.creatinine_clearance_estimated,
         coalesce((SELECT r FROM unnest(d.reasons || d.not_evaluable) r WHERE r LIKE 'creatinine:%'),
                  'creatinine: clear')
  FROM cls.tagraxofusp_check(creatinine => cr, weight => w, creatinine_clearance => crcl,
                             age => age, sex => sex) d $$;

-- (140 - 80) x 72 / (72 x 1.0) = 60: clear at exactly 60, triggered just below
SELECT 'man 60'   AS case, * FROM pg_temp.cr(1.0, 72,   age => 80, sex => 'M');
SELECT 'man 59.9' AS case, * FROM pg_temp.cr(1.0, 71.9, age => 80, sex => 'M');
-- (140 - 40) x 43.2 x 0.85 / (72 x 0.85) = 60
SELECT 'woman 60'    AS case, * FROM pg_temp.cr(0.85, 43.2, age => 40, sex => 'F');
SELECT 'woman 59.86' AS case, * FROM pg_temp.cr(0.85, 43.1, age => 40, sex => 'F');
-- the same woman as a man: 70.6, clear
SELECT 'as a man' AS case, * FROM pg_temp.cr(0.85, 43.1, age => 40, sex => 'M');
-- a normal creatinine, an old small patient: estimate 28.9, triggered
SELECT 'old, small' AS case, * FROM pg_temp.cr(1.2, 50, age => 90, sex => 'male');

-- not evaluable: creatinine <= 1.8 alone, without age, sex, weight; a child
SELECT 'creatinine alone' AS case, * FROM pg_temp.cr(1.0);
SELECT 'no sex'    AS case, * FROM pg_temp.cr(1.0, age => 60);
SELECT 'no age'    AS case, * FROM pg_temp.cr(1.0, sex => 'F');
SELECT 'no weight' AS case, * FROM pg_temp.cr(1.0, NULL, age => 60, sex => 'F');
SELECT 'child'     AS case, * FROM pg_temp.cr(0.5, 30, age => 12, sex => 'F');
-- creatinine > 1.8 holds by itself
SELECT 'creatinine 2.0 alone' AS case, * FROM pg_temp.cr(2.0);
-- no creatinine: a measured CrCl >= 60 does not clear, < 60 triggers
SELECT 'CrCl 90 only' AS case, * FROM pg_temp.cr(NULL, crcl => 90);
SELECT 'CrCl 50 only' AS case, * FROM pg_temp.cr(NULL, crcl => 50);

-- a measured CrCl wins over the estimate (87.5 and 22.2)
SELECT 'measured 50, estimate 87.5' AS case, * FROM pg_temp.cr(1.0, 70, 50, 50, 'M');
SELECT 'measured 70, estimate 22.2' AS case, * FROM pg_temp.cr(1.0, 40, 70, 100, 'M');
-- an implausible measured CrCl falls back to the estimate
SELECT 'measured 900, estimate' AS case, * FROM pg_temp.cr(1.0, 70, 900, 50, 'M');

-- sex spellings: F, female, 8532 / M, male, 8507, any case, blanks
SELECT s, (pg_temp.cr(1.0, 72, age => 80, sex => s)).detail
FROM unnest(ARRAY['F', ' female ', '8532', 'm', 'MALE', '8507']) s;

-- query mistakes: ERROR naming the argument
SELECT * FROM cls.tagraxofusp_check(creatinine => 1.0, age => 130, sex => 'F');
SELECT * FROM cls.tagraxofusp_check(creatinine => 1.0, age => -1, sex => 'F');
SELECT * FROM cls.tagraxofusp_check(creatinine => 1.0, age => 'NaN', sex => 'F');
SELECT * FROM cls.tagraxofusp_check(creatinine => 1.0, age => 60, sex => 'X');
SELECT * FROM cls.tagraxofusp_check(creatinine => 1.0, age => 60, sex => '8551');
-- column values: no error, the reason in the result
SELECT p.age, p.sex, d.creatinine,
       (SELECT r FROM unnest(d.not_evaluable) r WHERE r LIKE 'creatinine:%') AS detail
FROM (VALUES (130::float8, 'F'), (60, 'X'), (60, '8551'), (60, '0')) p(age, sex),
     cls.tagraxofusp_check(creatinine => 1.0, weight => 70, age => p.age, sex => p.sex) d;

-- the aggregates: age and sex as the dose rows give them
CREATE TEMP TABLE rows_ (pid int, ts timestamptz, code text, value float8, unit text,
                         dose boolean, age float8, sex text);
INSERT INTO rows_ VALUES
  (1, '2024-03-01 07:00+00', 'creatinine', 1.0, 'mg/dL', false, 80, 'F'),
  (1, '2024-03-01 07:00+00', 'weight', 72, 'kg', false, 80, 'F'),
  (1, '2024-03-01 09:00+00', NULL, NULL, NULL, true, 80, 'F'),
  (1, '2024-03-02 07:00+00', 'creatinine', 1.0, 'mg/dL', false, 80, 'F'),
  (1, '2024-03-02 07:00+00', 'weight', 72, 'kg', false, 80, 'F'),
  (1, '2024-03-02 07:00+00', 'creatinine_clearance', 65, NULL, false, 80, 'F'),
  (1, '2024-03-02 09:00+00', NULL, NULL, NULL, true, 80, 'F'),
  (1, '2024-03-03 07:00+00', 'creatinine', 1.0, 'mg/dL', false, NULL, NULL),
  (1, '2024-03-03 07:00+00', 'weight', 72, 'kg', false, NULL, NULL),
  (1, '2024-03-03 09:00+00', NULL, NULL, NULL, true, NULL, NULL),
  (1, '2024-03-04 07:00+00', 'creatinine', 1.0, 'mg/dL', false, 80, 'M'),
  (1, '2024-03-04 07:00+00', 'weight', 72, 'kg', false, 80, 'M'),
  (1, '2024-03-04 09:00+00', NULL, NULL, NULL, true, 80, 'M'),
  (1, '2024-03-05 07:00+00', 'creatinine', 1.0, 'mg/dL', false, 80, 'M'),
  (1, '2024-03-05 07:00+00', 'weight', 72, 'kg', false, 80, 'M'),
  (1, '2024-03-05 09:00+00', NULL, NULL, NULL, true, 200, 'unknown');
-- day 1: woman, estimate 51 -> triggered; day 2: measured 65 wins -> clear;
-- day 3: no age/sex on the dose row -> not evaluable; day 4: man, 60 -> clear;
-- day 5: age and sex not usable (one WARNING each) -> not evaluable
SELECT d.cycle_day, d.creatinine, round(d.creatinine_clearance::numeric, 2) AS crcl,
       d.creatinine_clearance_estimated AS estimated,
       (SELECT r FROM unnest(d.reasons || d.not_evaluable) r WHERE r LIKE 'creatinine:%') AS detail
FROM (SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL, dose, age, sex) m
      FROM rows_ GROUP BY pid) s, unnest(s.m) d ORDER BY d.dose_time;
-- the 0.2.0 form (no age, sex) still runs: CrCl not estimated
SELECT d.cycle_day, d.creatinine
FROM (SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL, dose) m
      FROM rows_ GROUP BY pid) s, unnest(s.m) d ORDER BY d.dose_time;
SELECT (c).cycle, (c).triggers_by_rule, (c).days_incomplete
FROM (SELECT unnest(cls.tagraxofusp_summary(ts, code, value, unit, NULL, dose, age, sex)) c
      FROM rows_ WHERE age IS DISTINCT FROM 200 GROUP BY pid) s;
-- an age written in the query is checked
SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL, dose, 130, 'F') FROM rows_;
SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL, dose, 60, 'x') FROM rows_;
-- cls.tagraxofusp_days passes them on
SELECT d.creatinine FROM cls.tagraxofusp_days(
  ARRAY['2024-03-01 07:00+00', '2024-03-01 07:00+00', '2024-03-01 09:00+00']::timestamptz[],
  ARRAY['creatinine', 'weight', NULL], ARRAY[1.0, 72, NULL]::float8[],
  ARRAY['mg/dL', 'kg', NULL], ARRAY[NULL, NULL, NULL]::float8[], ARRAY[false, false, true],
  age => 80, sex => 'M') d;
