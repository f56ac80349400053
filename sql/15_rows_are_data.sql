-- 0.3.0: a unit, unit concept or limit the rows hold is data (NULL with a
-- reason, one WARNING per (analyte, unit) and statement, never an error);
-- the same thing written in the query is an error.  Each function that
-- takes a unit or a limit is tested on both sides.
SET timezone = 'UTC';
SET extra_float_digits = 0;

CREATE TEMP TABLE r (id int, v float8, unit text, concept bigint, lo float8, hi float8);
INSERT INTO r VALUES
    (1, 2.9, 'g/dL', 8713, 3.5, 5.0),
    (2, 29,  'g/L',  8636, 35, 50),
    (3, 2.9, 'gm%',  0,    3.5, 5.0),      -- old spelling; OMOP "No matching concept"
    (4, 2.9, 'furlongs', 12345, 3.5, 5.0), -- unknown in both forms
    (5, 2.9, NULL,   NULL, 0, NULL),        -- NULL unit, LLN 0
    (6, 1.9, 'g/dL', 8713, 40, 100),        -- limits in another unit
    (7, 2.9, 'mmol/L', 8753, 3.5, 5.0);     -- a unit of another quantity

-- rows: no error; the unknown units warn once each (4 and 7 twice: text and
-- concept forms are different units), the rest grades
SELECT id, cls.ctcae_grade('Hypoalbuminemia', v, unit, lln => lo, uln => hi) AS g_text,
       cls.ctcae_grade('Hypoalbuminemia', v, concept, lln => lo, uln => hi) AS g_omop,
       cls.ctcae_grade_reason('Hypoalbuminemia', v, unit, lln => lo, uln => hi) AS why_text,
       cls.ctcae_grade_reason('Hypoalbuminemia', v, concept, lln => lo, uln => hi) AS why_omop
FROM r ORDER BY id;
-- the same unknown unit on many rows of one statement: one warning
SELECT count(*) AS rows, count(cls.hypoalbuminemia_grade(v, unit)) AS graded
FROM r, generate_series(1, 100) ORDER BY 1;
SELECT id, cls.hypoalbuminemia_grade(v, unit) AS per_term,
       cls.to_canonical('albumin', v, unit) AS canon_text,
       cls.to_canonical('albumin', v, concept) AS canon_omop,
       cls.unit_known('albumin', unit) AS known,
       cls.value_problem('albumin', v, unit) AS problem_text,
       cls.value_problem('albumin', v, concept) AS problem_omop
FROM r ORDER BY id;

-- the query writes it: errors (22023), the explaining functions excepted
SELECT cls.ctcae_grade('Hypoalbuminemia', 2.9, 'furlongs');
SELECT cls.ctcae_grade('Hypoalbuminemia', 2.9, 0::bigint);
SELECT cls.hypoalbuminemia_grade(2.9, 'mmol/L');
SELECT cls.to_canonical('albumin', 2.9, 'furlongs');
SELECT cls.to_canonical('albumin', 2.9, 0::bigint);
SELECT cls.ctcae_grade('Hypoalbuminemia', 2.9, 'g/dL', lln => -1);
SELECT cls.ctcae_grade('CPK increased', 401, 'U/L', uln => 0);
PREPARE p(text) AS SELECT cls.ctcae_grade('Hypoalbuminemia', 2.9, $1);
EXECUTE p('furlongs');   -- a parameter is the query's too
DEALLOCATE p;
SELECT cls.ctcae_grade_reason('Hypoalbuminemia', 2.9, 'furlongs') AS never_raises,
       cls.ctcae_grade_reason('Hypoalbuminemia', 2.9, 0::bigint) AS no_matching_concept,
       cls.ctcae_grade_reason('Weight gain', 90, 'kg', baseline => 80, version => '6.0') AS version,
       cls.value_problem('albumin', 2.9, 'furlongs') AS vp,
       cls.value_problem('albumin', 2.9, NULL::text) AS vp_null_unit,
       cls.value_problem('albumin', NULL, 'g/dL') AS vp_null_value,
       cls.unit_known('albumin', 'furlongs') AS known;
-- a limit from the rows that is unusable: unknown, no error
SELECT cls.ctcae_grade('Hypoalbuminemia', v, 'g/dL', lln => l) AS g,
       cls.ctcae_grade_reason('Hypoalbuminemia', v, 'g/dL', lln => l) AS why
FROM (VALUES (2.9, -1::float8), (1.9, 'NaN'), (3.2, 'Infinity')) x(v, l);

-- only the limits a term uses are looked at; an unusable used limit
-- is unknown, absolute cut-offs still grade
SELECT cls.ctcae_grade('Hypoalbuminemia', 19, 'g/L', lln => 40, uln => 100) AS hypoalb_g3,
       cls.ctcae_grade('Hyponatremia', 118, 'mmol/L', lln => 135, uln => 1e6) AS hypona_g4,
       cls.ctcae_grade('Hyponatremia', 128, 'mmol/L', lln => 13.5) AS hypona_g2,
       cls.ctcae_grade('Hyponatremia', 133, 'mmol/L', lln => 13.5) AS hypona_unknown,
       cls.ctcae_grade('CPK increased', 401, NULL, lln => 0, uln => 40) AS cpk_no_unit,
       cls.ctcae_grade('CPK increased', 150, 'U/L', lln => 0, uln => 200) AS ck_range_0_200;
-- ratio-only terms need no unit (limits in the value's own unit); the unit,
-- when known, still checks plausibility
SELECT u, cls.ctcae_grade('Creatinine increased', 2.2, u, uln => 0.7) AS cr_uln,
       cls.ctcae_grade('Creatinine increased', 195, u, uln => 106, baseline => 60) AS cr_base,
       cls.ctcae_grade('Weight gain', 84, u, baseline => 70) AS wt,
       cls.ctcae_grade_reason('Creatinine increased', 2.2, u, uln => 0.7) AS why
FROM (VALUES (NULL::text), ('mg/dL'), ('mystery'), ('umol/L')) x(u);
-- (a one-row VALUES list is folded into the query: its values are constants)
SELECT cls.ctcae_grade('CPK increased', 401, concept, uln => 40) AS cpk_concept_0_row
FROM r WHERE id = 3;
-- a ratio-only term still needs its limit
SELECT cls.ctcae_grade_reason('CPK increased', 401, NULL) AS needs_uln,
       cls.ctcae_grade_reason('CPK increased', -4, NULL, uln => 40) AS negative;

-- plausibility at the low end (albumin: below 0.1 g/dL is no serum value;
-- a count of 0 is a real result)
SELECT cls.hypoalbuminemia_grade(1e-308, 'g/dL') AS alb_denormal,
       cls.value_problem('albumin', 1e-308, 'g/dL') AS why,
       cls.hypoalbuminemia_grade(0.1, 'g/dL') AS alb_0_1,
       cls.neutrophil_count_decreased_grade(0, '10*9/L') AS anc_0,
       cls.platelet_count_decreased_grade(0, '/uL') AS plt_0;
-- finite in, finite (or NULL) out
SELECT cls.to_canonical('hematocrit', 1e308, 'L/L') AS hct,
       cls.to_canonical('hemoglobin', 1e308, 'mmol/L') AS hgb,
       cls.to_canonical('temperature', -1.7976931348623157e308, '[degF]') AS temp,
       cls.to_canonical('platelets', 1.7976931348623157e308, '10*9/L') AS max_itself,
       cls.value_problem('hematocrit', 1e308, 'L/L') AS why;

-- units and codes a warehouse holds
SELECT u, cls.to_canonical('platelets', 150, u) AS plt
FROM (VALUES ('10*3/uL'), ('10*3/mL'), ('10*6/L'), ('/mm3'), ('x10E3/uL'), ('thou/uL'),
             ('K/uL'), ('10^9/L'), ('x10^9/L'), ('/nL'), ('cells/uL')) x(u);
SELECT cls.to_canonical('albumin', 2.9, 'gm%') AS gm_pct, cls.to_canonical('hemoglobin', 12, 'g%') AS g_pct,
       cls.to_canonical('ck', 400, 'units/L') AS units_l,
       cls.to_canonical('creatinine', 88.4, 'micromol/L') AS micromol,
       cls.to_canonical('weight', 150, 8739::bigint) AS lb_8739,
       cls.to_canonical('heart_rate', 80, 8541::bigint) AS min_8541,
       cls.to_canonical('temperature', 38.5, 586323::bigint) AS cel_586323,
       cls.to_canonical('temperature', 101.3, 9289::bigint) AS degf_9289;
SELECT c, cls.analyte_of(c) FROM (VALUES (224639), (226512), (220050), (225309), (225310), (225312),
    (220045), (223761), (223762), (50861), (50878), (3006923), (3013721)) x(c) ORDER BY c;
SELECT cls.analyte_of('1742-6') AS alt, cls.analyte_of('1920-8') AS ast;

-- the natural comparison, whatever the search_path
SET search_path = pg_catalog;
SELECT cls.analyte_of(50862) = 'albumin' AS eq, cls.analyte_of('50862') <> 'sodium' AS ne,
       cls.analyte_of(50862)::text AS as_text;
RESET search_path;
SELECT cls.analyte_of(50862) = 'albumin' AS eq_on_path;

-- aggregates: a unit column with units cls cannot use; the rows are skipped
-- and counted, one warning per unit; a constant unknown unit is an error
CREATE TEMP TABLE obs (t timestamptz, code text, v float8, u text, hi float8, dose boolean);
INSERT INTO obs VALUES
    ('2024-01-01 08:00+00', 'sbp', 82, 'mmHg', NULL, NULL),
    ('2024-01-01 09:00+00', 'albumin', 2.5, 'gm%', NULL, NULL),
    ('2024-01-01 09:30+00', 'albumin', 2.4, 'furlongs', NULL, NULL),
    ('2024-01-01 09:40+00', 'albumin', 2.3, 'furlongs', NULL, NULL),
    ('2024-01-01 10:00+00', 'hematocrit', 52, '%', NULL, NULL),
    ('2024-01-01 10:30+00', 'hematocrit', 0.55, 'mmol/L', NULL, NULL);
SELECT (s).n_used, (s).n_ignored, (s).suspected_ever, (s).lowest_albumin, (s).highest_hematocrit
FROM (SELECT cls.triad_agg(t, code, v, u) AS s FROM obs) x;
SELECT cls.triad_agg(t, code, v, 'furlongs') FROM obs;
INSERT INTO obs VALUES
    ('2024-01-02 08:00+00', 'dose', 0, NULL, NULL, true),
    ('2024-01-02 07:00+00', 'weight', 150, 'lb', NULL, NULL),
    ('2024-01-03 07:00+00', 'weight', 70, 'stone', NULL, NULL);
SELECT count(*) AS cycles FROM (SELECT unnest(cls.tagraxofusp_summary(t, code, v, u, hi, dose)) FROM obs) x;
SELECT cls.tagraxofusp_summary(t, code, v, 'stone', hi, dose) FROM obs;

-- wide functions: a unit column is data too (the sign or rule is then not
-- evaluable), a constant unknown unit an error
SELECT id, (cls.signs(albumin => v, albumin_unit => unit)).hypoalbuminemia AS hypoalbuminemia,
       (cls.tagraxofusp_check(albumin => v, albumin_unit => unit)).not_evaluable[1] AS albumin_rule
FROM r WHERE id IN (1, 4, 7) ORDER BY id;
SELECT u, (SELECT e FROM unnest((cls.tagraxofusp_check(alt => 50, alt_uln => u)).not_evaluable) e
            WHERE e LIKE 'transaminases%') AS transaminases_rule
FROM (VALUES (40::float8), (0), (-1)) x(u);
SELECT cls.tagraxofusp_check(alt => 50, alt_uln => 0);
SELECT cls.signs(albumin => 2.9, albumin_unit => 'furlongs');
SELECT cls.tagraxofusp_check(albumin => 2.9, albumin_unit => 'furlongs');

-- the same in a forced parallel plan (a plain table: temporary ones are not
-- scanned in parallel; warnings hidden: each worker has its own set, so
-- their number depends on the plan)
CREATE TABLE obs_par AS SELECT * FROM obs;
CREATE TABLE r_par AS SELECT * FROM r;
SET client_min_messages = error;
SET force_parallel_mode = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT (s).n_used, (s).n_ignored, (s).lowest_albumin
FROM (SELECT cls.triad_agg(t, code, v, u) AS s FROM obs_par) x;
\set VERBOSITY terse
SELECT cls.triad_agg(t, code, v, 'furlongs') IS NULL FROM obs_par;
\set VERBOSITY default
SELECT count(cls.ctcae_grade('Hypoalbuminemia', v, unit)) AS graded FROM r_par;
EXPLAIN (COSTS OFF) SELECT cls.triad_agg(t, code, v, u) FROM obs_par;
RESET ALL;
DROP TABLE obs_par, r_par;
