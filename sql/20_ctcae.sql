-- CTCAE grading (SPEC.md 3): both sides of every cut-off of every term and
-- version, units, unknown limits, errors.  Each row shows the grade and
-- whether it is the expected one.
SET timezone = 'UTC';
SET extra_float_digits = 0;

CREATE TEMP TABLE cases (term text, version text, value float8, unit text,
    lln float8, uln float8, baseline float8, sympt boolean, expected smallint);
INSERT INTO cases VALUES
 -- Hypoalbuminemia: G1 <LLN-3.0, G2 <3.0-2.0, G3 <2.0 (g/dL)
 ('Hypoalbuminemia','5.0',3.5,'g/dL',3.5,NULL,NULL,false,0),
 ('Hypoalbuminemia','5.0',3.49,'g/dL',3.5,NULL,NULL,false,1),
 ('Hypoalbuminemia','5.0',3.0,'g/dL',3.5,NULL,NULL,false,1),
 ('Hypoalbuminemia','5.0',2.99,'g/dL',3.5,NULL,NULL,false,2),
 ('Hypoalbuminemia','5.0',2.0,'g/dL',3.5,NULL,NULL,false,2),
 ('Hypoalbuminemia','5.0',1.99,'g/dL',3.5,NULL,NULL,false,3),
 ('Hypoalbuminemia','4.03',2.99,'g/dL',3.5,NULL,NULL,false,2),
 ('Hypoalbuminemia','6.0',1.99,'g/dL',3.5,NULL,NULL,false,3),
 ('Hypoalbuminemia','5.0',30,'g/L',35,NULL,NULL,false,1),     -- 30 g/L is 3.0 g/dL: grade 1
 ('Hypoalbuminemia','5.0',29.9,'g/L',35,NULL,NULL,false,2),
 ('Hypoalbuminemia','5.0',20,'g/L',35,NULL,NULL,false,2),
 ('Hypoalbuminemia','5.0',19.9,'g/L',35,NULL,NULL,false,3),
 ('Hypoalbuminemia','5.0',3.2,'g/dL',NULL,NULL,NULL,false,NULL), -- needs LLN
 ('Hypoalbuminemia','5.0',2.5,'g/dL',NULL,NULL,NULL,false,2),    -- absolute cut-off
 ('Hypoalbuminemia','5.0',2.9,'g/dL',2.8,NULL,NULL,false,2),     -- LLN below 3.0
 -- Hyponatremia v5.0: G1 <LLN-130, G2 125-<130 asymptomatic, G3 symptomatic or 120-<125, G4 <120
 ('Hyponatremia','5.0',135,'mmol/L',135,NULL,NULL,false,0),
 ('Hyponatremia','5.0',134.9,'mmol/L',135,NULL,NULL,false,1),
 ('Hyponatremia','5.0',130,'mmol/L',135,NULL,NULL,false,1),
 ('Hyponatremia','5.0',129.9,'mmol/L',135,NULL,NULL,false,2),
 ('Hyponatremia','5.0',129.5,'mEq/L',135,NULL,NULL,true,3),
 ('Hyponatremia','5.0',127,'mmol/L',135,NULL,NULL,NULL,NULL),   -- symptoms unknown
 ('Hyponatremia','5.0',125,'mmol/L',135,NULL,NULL,false,2),
 ('Hyponatremia','5.0',124.9,'mmol/L',135,NULL,NULL,false,3),
 ('Hyponatremia','5.0',124.9,'mmol/L',135,NULL,NULL,NULL,3),
 ('Hyponatremia','5.0',120,'mmol/L',135,NULL,NULL,false,3),
 ('Hyponatremia','5.0',119.9,'mmol/L',135,NULL,NULL,false,4),
 -- Hyponatremia v4.03: no grade 2; G3 <130-120
 ('Hyponatremia','4.03',130,'mmol/L',135,NULL,NULL,false,1),
 ('Hyponatremia','4.03',129.9,'mmol/L',135,NULL,NULL,false,3),
 ('Hyponatremia','4.03',120,'mmol/L',135,NULL,NULL,false,3),
 ('Hyponatremia','4.03',119.9,'mmol/L',135,NULL,NULL,false,4),
 -- Hemoglobin increased v5.0 (above ULN 16 g/dL)
 ('Hemoglobin increased','5.0',16,'g/dL',NULL,16,NULL,false,0),
 ('Hemoglobin increased','5.0',16.1,'g/dL',NULL,16,NULL,false,1),
 ('Hemoglobin increased','5.0',18,'g/dL',NULL,16,NULL,false,1),
 ('Hemoglobin increased','5.0',18.1,'g/dL',NULL,16,NULL,false,2),
 ('Hemoglobin increased','5.0',20,'g/dL',NULL,16,NULL,false,2),
 ('Hemoglobin increased','5.0',201,'g/L',NULL,160,NULL,false,3),
 ('Hemoglobin increased','5.0',17,'g/dL',NULL,NULL,NULL,false,NULL),
 -- Hemoglobin increased v4.03 (above baseline when baseline is above ULN)
 ('Hemoglobin increased','4.03',17,'g/dL',NULL,16,17,false,0),
 ('Hemoglobin increased','4.03',19,'g/dL',NULL,16,17,false,1),
 ('Hemoglobin increased','4.03',19.1,'g/dL',NULL,16,17,false,2),
 ('Hemoglobin increased','4.03',17.5,'g/dL',NULL,16,15,false,1),
 ('Hemoglobin increased','4.03',17,'g/dL',NULL,16,NULL,false,NULL),
 ('Hemoglobin increased','4.03',15,'g/dL',NULL,16,NULL,false,0),
 -- Anemia (LLN 12 g/dL)
 ('Anemia','5.0',12,'g/dL',12,NULL,NULL,false,0),
 ('Anemia','5.0',11.9,'g/dL',12,NULL,NULL,false,1),
 ('Anemia','5.0',10,'g/dL',12,NULL,NULL,false,1),
 ('Anemia','5.0',9.9,'g/dL',12,NULL,NULL,false,2),
 ('Anemia','5.0',8,'g/dL',12,NULL,NULL,false,2),
 ('Anemia','5.0',7.9,'g/dL',12,NULL,NULL,false,3),
 ('Anemia','5.0',79,'g/L',120,NULL,NULL,false,3),
 ('Anemia','4.03',6.206,'mmol/L',7.4472,NULL,NULL,false,1),     -- 10.0 g/dL
 -- Weight gain (baseline 80 kg)
 ('Weight gain','5.0',83.9,'kg',NULL,NULL,80,false,0),
 ('Weight gain','5.0',84,'kg',NULL,NULL,80,false,1),
 ('Weight gain','5.0',87.9,'kg',NULL,NULL,80,false,1),
 ('Weight gain','5.0',88,'kg',NULL,NULL,80,false,2),
 ('Weight gain','5.0',95.9,'kg',NULL,NULL,80,false,2),
 ('Weight gain','5.0',96,'kg',NULL,NULL,80,false,3),
 ('Weight gain','5.0',60,'kg',NULL,NULL,80,false,0),               -- a loss
 ('Weight gain','4.03',231,'lb',NULL,NULL,210,false,2),             -- 10 % in pounds
 ('Weight gain','5.0',96,'kg',NULL,NULL,NULL,false,NULL),
 -- CPK increased (ULN 200 U/L)
 ('CPK increased','5.0',200,'U/L',NULL,200,NULL,false,0),
 ('CPK increased','5.0',201,'U/L',NULL,200,NULL,false,1),
 ('CPK increased','5.0',500,'U/L',NULL,200,NULL,false,1),
 ('CPK increased','5.0',501,'U/L',NULL,200,NULL,false,2),
 ('CPK increased','5.0',1000,'IU/L',NULL,200,NULL,false,2),
 ('CPK increased','5.0',1001,'U/L',NULL,200,NULL,false,3),
 ('CPK increased','5.0',2000,'U/L',NULL,200,NULL,false,3),
 ('CPK increased','4.03',2001,'U/L',NULL,200,NULL,false,4),
 -- Creatinine increased (ULN 0.7 mg/dL): exact decimal cut-offs
 ('Creatinine increased','5.0',0.7,'mg/dL',NULL,0.7,0.7,false,0),
 ('Creatinine increased','5.0',0.71,'mg/dL',NULL,0.7,0.7,false,1),
 ('Creatinine increased','5.0',1.05,'mg/dL',NULL,0.7,0.7,false,1),
 ('Creatinine increased','5.0',1.06,'mg/dL',NULL,0.7,0.7,false,2),
 ('Creatinine increased','5.0',2.1,'mg/dL',NULL,0.7,0.7,false,2),   -- exactly 3 x ULN
 ('Creatinine increased','5.0',2.11,'mg/dL',NULL,0.7,0.7,false,3),
 ('Creatinine increased','5.0',4.2,'mg/dL',NULL,0.7,0.7,false,3),
 ('Creatinine increased','5.0',4.21,'mg/dL',NULL,0.7,0.7,false,4),
 ('Creatinine increased','5.0',185.64,'umol/L',NULL,61.88,61.88,false,2), -- 2.1 and 0.7 mg/dL in umol/L
 ('Creatinine increased','5.0',0.65,'mg/dL',NULL,0.7,0.4,false,2),  -- 1.625 x baseline
 ('Creatinine increased','5.0',0.65,'mg/dL',NULL,0.7,0.2,false,3),  -- 3.25 x baseline
 ('Creatinine increased','5.0',0.5,'mg/dL',NULL,0.7,0.45,false,0),  -- v5.0: no baseline grade 1
 ('Creatinine increased','4.03',0.5,'mg/dL',NULL,0.7,0.45,false,1), -- v4.03: >1 x baseline
 ('Creatinine increased','5.0',0.9,'mg/dL',NULL,0.7,NULL,false,NULL),
 ('Creatinine increased','5.0',2.2,'mg/dL',NULL,0.7,NULL,false,3),
 ('Creatinine increased','5.0',0.9,'mg/dL',NULL,NULL,0.8,false,NULL),
 -- Platelet count decreased (LLN 150 x 10^9/L)
 ('Platelet count decreased','5.0',150,'10^9/L',150,NULL,NULL,false,0),
 ('Platelet count decreased','5.0',149,'10^9/L',150,NULL,NULL,false,1),
 ('Platelet count decreased','5.0',75000,'/mm3',150000,NULL,NULL,false,1),
 ('Platelet count decreased','5.0',74.9,'K/uL',150,NULL,NULL,false,2),
 ('Platelet count decreased','5.0',50,'10^9/L',150,NULL,NULL,false,2),
 ('Platelet count decreased','5.0',49.9,'10^9/L',150,NULL,NULL,false,3),
 ('Platelet count decreased','5.0',25,'10^9/L',150,NULL,NULL,false,3),
 ('Platelet count decreased','4.03',24.9,'10^9/L',150,NULL,NULL,false,4),
 ('Platelet count decreased','5.0',140,'10^9/L',NULL,NULL,NULL,false,NULL),
 ('Platelet count decreased','5.0',0,'10^9/L',NULL,NULL,NULL,false,4),
 -- Neutrophil count decreased (LLN 1.8 x 10^9/L)
 ('Neutrophil count decreased','5.0',1.8,'10^9/L',1.8,NULL,NULL,false,0),
 ('Neutrophil count decreased','5.0',1.5,'10^9/L',1.8,NULL,NULL,false,1),
 ('Neutrophil count decreased','5.0',1499,'/uL',1800,NULL,NULL,false,2),
 ('Neutrophil count decreased','5.0',1.0,'10^9/L',1.8,NULL,NULL,false,2),
 ('Neutrophil count decreased','5.0',0.99,'10^9/L',1.8,NULL,NULL,false,3),
 ('Neutrophil count decreased','5.0',0.5,'10^9/L',1.8,NULL,NULL,false,3),
 ('Neutrophil count decreased','4.03',0.49,'10^9/L',1.8,NULL,NULL,false,4),
 -- data problems give NULL, never a grade
 ('Hypoalbuminemia','5.0','NaN','g/dL',3.5,NULL,NULL,false,NULL),
 ('Hypoalbuminemia','5.0','Infinity','g/dL',3.5,NULL,NULL,false,NULL),
 ('Hypoalbuminemia','5.0',-2,'g/dL',3.5,NULL,NULL,false,NULL),
 ('Hypoalbuminemia','5.0',0,'g/dL',3.5,NULL,NULL,false,NULL),
 ('Hypoalbuminemia','5.0',25,'g/dL',3.5,NULL,NULL,false,NULL),      -- g/L value labelled g/dL
 ('Hypoalbuminemia','5.0',NULL,'g/dL',3.5,NULL,NULL,false,NULL),
 ('Hypoalbuminemia','5.0',2.5,NULL,3.5,NULL,NULL,false,NULL),
 ('Hypoalbuminemia',NULL,2.5,'g/dL',3.5,NULL,NULL,false,NULL),
 (NULL,'5.0',2.5,'g/dL',3.5,NULL,NULL,false,NULL);

SELECT term, version, value, unit, lln, uln, baseline, sympt AS symptomatic,
       cls.ctcae_grade(term::cls.ctcae_term, value, unit, lln, uln, baseline,
                       version::cls.ctcae_version, sympt) AS grade,
       cls.ctcae_grade(term::cls.ctcae_term, value, unit, lln, uln, baseline,
                       version::cls.ctcae_version, sympt) IS NOT DISTINCT FROM expected AS ok,
       cls.ctcae_grade_reason(term::cls.ctcae_term, value, unit, lln, uln, baseline,
                       version::cls.ctcae_version, sympt) AS reason
FROM cases;

SELECT count(*) FILTER (WHERE cls.ctcae_grade(term::cls.ctcae_term, value, unit, lln, uln,
           baseline, version::cls.ctcae_version, sympt) IS DISTINCT FROM expected) AS wrong_grades,
       count(*) AS cases
FROM cases;

-- named arguments and defaults (version 5.0, symptomatic false, limits unknown)
SELECT cls.ctcae_grade('hypoalbuminemia', 2.9, 'g/dL') AS g2,
       cls.ctcae_grade('Hypoalbuminemia', 3.1, 'g/dL') AS unknown_without_lln,
       cls.ctcae_grade(term => 'platelet_count_decreased', value => 40, unit => 'K/uL') AS g3,
       cls.ctcae_grade('Hyponatremia', 127, 'mmol/L', lln => 135, version => '4') AS v4_g3,
       cls.ctcae_grade('Hyponatremia', 127, 'mmol/L', lln => 135, symptomatic => true) AS v5_g3;

-- OMOP rows: unit_concept_id with range_low/range_high as limits
SELECT cls.ctcae_grade('Hypoalbuminemia', 31, 8636, lln => 35) AS g1_g_per_l,
       cls.ctcae_grade('Creatinine increased', 185.64, 8749, uln => 61.88, baseline => 61.88) AS g2_umol,
       cls.ctcae_grade('Neutrophil count decreased', 400, 8784) AS g4_per_ul,
       cls.ctcae_grade_reason('Hypoalbuminemia', 3.2, 8713) AS reason;

-- per-term functions: limits in the canonical unit, common limits as defaults
SELECT cls.hypoalbuminemia_grade(3.4, 'g/dL') AS alb_lln_default,
       cls.hypoalbuminemia_grade(34, 'g/L') AS alb_g_per_l,
       cls.hypoalbuminemia_grade(3.4, 'g/dL', lln_g_dl => 3.2) AS alb_lln_3_2,
       cls.hypoalbuminemia_grade(1.9, 'g/dL', version => '6.0') AS alb_v6,
       cls.hyponatremia_grade(133, 'mmol/L') AS na_default_lln,
       cls.hyponatremia_grade(128, 'mEq/L', symptomatic => true) AS na_sympt,
       cls.hyponatremia_grade(128, 'mmol/L', version => '4.03') AS na_v4;
SELECT cls.hemoglobin_increased_grade(18.5, 'g/dL', uln_g_dl => 16) AS hb_up,
       cls.hemoglobin_increased_grade(185, 'g/L', uln_g_dl => 16, baseline_g_dl => 17, version => '4.03') AS hb_up_v4,
       cls.anemia_grade(7.5, 'g/dL') AS anemia_abs, cls.anemia_grade(11, 'g/dL') AS anemia_no_lln,
       cls.anemia_grade(11, 'g/dL', lln_g_dl => 12) AS anemia_g1,
       cls.weight_gain_grade(88, 'kg', baseline_weight => 80) AS wt_g2,
       cls.weight_gain_grade(176, 'lb', baseline_weight => 160) AS wt_lb_g2;
SELECT cls.cpk_increased_grade(1100, 'U/L', uln_u_l => 200) AS cpk_g3,
       cls.creatinine_increased_grade(2.1, 'mg/dL', uln_mg_dl => 0.7, baseline_mg_dl => 0.7) AS cr_g2,
       cls.creatinine_increased_grade(185.64, 'umol/L', uln_mg_dl => 0.7, baseline_mg_dl => 0.7) AS cr_umol_g2,
       cls.creatinine_increased_grade(1.0, 'mg/dL', uln_mg_dl => 1.2) AS cr_no_baseline,
       cls.platelet_count_decreased_grade(60, 'K/uL') AS plt_g2,
       cls.neutrophil_count_decreased_grade(1.6, '10^9/L', lln_10e9_l => 1.8) AS anc_g1;

-- the criteria, from the same table the C code grades with (the 0.1.0
-- terms and versions; sql/25_ctcae_terms.sql lists every term and version)
SELECT term, version, grade, basis, threshold, unit, rule, ctcae_text
FROM cls.ctcae_criteria()
WHERE (version IN ('4.03', '5.0') OR term = 'Hypoalbuminemia')
  AND term IN ('Hypoalbuminemia', 'Hyponatremia', 'Hemoglobin increased', 'Anemia',
               'Weight gain', 'CPK increased', 'Creatinine increased',
               'Platelet count decreased', 'Neutrophil count decreased')
ORDER BY term, version, grade, basis;

-- every absolute cut-off graded on both sides agrees with the listing:
-- at the threshold the grade is milder, just below it at least that grade
-- (with a usual LLN of each term)
SELECT c.term, c.version, c.grade, c.threshold,
       cls.ctcae_grade(c.term::cls.ctcae_term, c.threshold, c.unit, lln => l.lln,
                       version => c.version::cls.ctcae_version) < c.grade AS milder_at_cutoff,
       cls.ctcae_grade(c.term::cls.ctcae_term, c.threshold * 0.999, c.unit, lln => l.lln,
                       version => c.version::cls.ctcae_version) >= c.grade AS graded_below
FROM cls.ctcae_criteria() c
JOIN (VALUES ('Hypoalbuminemia', 3.5), ('Hyponatremia', 135), ('Anemia', 12),
             ('Platelet count decreased', 150), ('Neutrophil count decreased', 1.8)) l(term, lln)
  ON l.term = c.term
WHERE c.basis = 'absolute' ORDER BY 1, 2, 3;

-- query mistakes are errors with SQLSTATEs and hints
SELECT cls.ctcae_grade('Hypoalbuminaemia', 3.0, 'g/dL');
SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'g/dL', version => '4.0');
SELECT cls.ctcae_grade('Weight gain', 90, 'kg', baseline => 80, version => '6.0');
SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'mmol/L');
SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'furlongs');
SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'g/dL', lln => 0);
SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'g/dL', lln => -3.5);
SELECT cls.ctcae_grade('CPK increased', 300, 'U/L', uln => 'NaN');
SELECT cls.ctcae_grade('Weight gain', 80, 'kg', baseline => 'Infinity');
SELECT cls.hypoalbuminemia_grade(3.0, 'g/dL', lln_g_dl => 0);
SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 12345::bigint);

-- a reference limit outside the plausible range of reference limits (most often
-- a limit in another unit than the value) is a data problem: NULL and a reason,
-- never a silently wrong grade (30 g/L with an LLN of 3.5 meant as g/dL)
SELECT cls.ctcae_grade('Hypoalbuminemia', 2.5, 'g/dL', lln => 35) AS g_lln_in_wrong_unit,
       cls.ctcae_grade_reason('Hypoalbuminemia', 2.5, 'g/dL', lln => 35) AS reason,
       cls.weight_gain_grade(70, 'kg', 1e308) AS absurd_baseline;
SELECT cls.ctcae_grade('Hypoalbuminemia', 30, 'g/L', lln => 3.5) AS lln_in_g_dl_with_g_l_value,
       cls.ctcae_grade_reason('Hypoalbuminemia', 30, 'g/L', lln => 3.5) AS reason;
SELECT cls.ctcae_grade('Platelet count decreased', 100000, '/uL', lln => 150) AS lln_10e9_with_per_ul,
       cls.ctcae_grade('Platelet count decreased', 100000, '/uL', lln => 150000) AS lln_per_ul,
       cls.ctcae_grade('Neutrophil count decreased', 1200, '/uL', lln => 1.8) AS anc_wrong,
       cls.ctcae_grade('Creatinine increased', 150, 'umol/L', uln => 1.2, baseline => 80) AS cr_uln_mg_dl;

-- the SQLSTATE of each query mistake
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT q, pg_temp.sqlstate_of(q) FROM (VALUES
  ($$SELECT cls.ctcae_grade('Hypoalbuminaemia', 3.0, 'g/dL')$$),
  ($$SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'g/dL', version => '4.0')$$),
  ($$SELECT cls.ctcae_grade('Weight gain', 90, 'kg', baseline => 80, version => '6.0')$$),
  ($$SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'mmol/L')$$),
  ($$SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'furlongs')$$),
  ($$SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 'g/dL', lln => 0)$$),
  ($$SELECT cls.ctcae_grade('CPK increased', 300, 'U/L', uln => 'NaN')$$),
  ($$SELECT cls.ctcae_grade('Hypoalbuminemia', 3.0, 12345::bigint)$$),
  ($$SELECT cls.to_canonical('albumin', 3.0, 'mmol/L')$$),
  ($$SELECT 'unobtainium'::cls.analyte$$)) v(q);

-- types: canonical output, case-insensitive input
SELECT 'HYPOALBUMINEMIA'::cls.ctcae_term, 'creatinine_increased'::cls.ctcae_term,
       '5'::cls.ctcae_version, 'v4.03'::cls.ctcae_version, '6'::cls.ctcae_version;
SELECT 'Hypoalbuminemia'::cls.ctcae_term::text, '4'::cls.ctcae_version::text;
