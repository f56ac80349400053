-- CTCAE 0.3.0: every lab term of v4.03, v5.0 and v6.0.
SET extra_float_digits = 0;

-- every criterion of every term and version, as graded: any change to a
-- criterion shows here in review
SELECT term, version, grade, basis, threshold, unit, rule, ctcae_text, meddra_code
FROM cls.ctcae_criteria() ORDER BY term, version, grade, basis, rule, ctcae_text;

-- the terms and versions: graded, or why not
SELECT term,
       string_agg(DISTINCT version, ', ' ORDER BY version) FILTER (WHERE basis <> 'not graded') AS graded,
       string_agg(DISTINCT version, ', ' ORDER BY version) FILTER (WHERE basis = 'not graded') AS not_graded,
       min(ctcae_text) FILTER (WHERE basis = 'not graded') AS why_not
FROM cls.ctcae_criteria() GROUP BY term ORDER BY term;

-- grades in every unit: the SI value is converted to the CTCAE's first unit
SELECT cls.ctcae_grade('Hyperkalemia', 5.6, 'mmol/L', uln => 5.1) AS k_mmol,
       cls.ctcae_grade('Hyperkalemia', 5.6, 'mEq/L', uln => 5.1) AS k_meq,
       cls.ctcae_grade('Hypocalcemia', 1.9, 'mmol/L', lln => 2.1) AS ca_mmol,  -- 7.61 mg/dL
       cls.ctcae_grade('Hypocalcemia', 7.61, 'mg/dL', lln => 8.4) AS ca_mg,
       cls.ctcae_grade('Hypoglycemia', 3.0, 'mmol/L', lln => 3.9) AS glc_3_0_mmol,  -- 54.05 mg/dL
       cls.ctcae_grade('Hypomagnesemia', 0.45, 'mmol/L', lln => 0.7) AS mg_mmol,  -- 1.09 mg/dL
       cls.ctcae_grade('Blood bilirubin increased', 41, 'umol/L', uln => 21, baseline => 10) AS bili_umol,
       cls.ctcae_grade('Hypertriglyceridemia', 1.71, 'mmol/L') AS tg_1_71,  -- 151.5 mg/dL
       cls.ctcae_grade('Fibrinogen decreased', 0.9, 'g/L', lln => 2.0, baseline => 3.0) AS fib_g_l;

-- baselines: v5.0 ALT against baseline when the baseline was above ULN
SELECT cls.ctcae_grade('ALT increased', 130, 'U/L', uln => 40, baseline => 30) AS alt_base_normal,
       cls.ctcae_grade('ALT increased', 130, 'U/L', uln => 40, baseline => 80) AS alt_base_high,
       cls.ctcae_grade('ALT increased', 130, 'U/L', uln => 40) AS alt_base_unknown,
       cls.ctcae_grade_reason('ALT increased', 130, 'U/L', uln => 40) AS why,
       cls.ctcae_grade('ALT increased', 130, 'U/L', uln => 40, version => '4.03') AS alt_v4;

-- clinical inputs: symptomatic, on anticoagulation, fasting; NULL = unknown
SELECT cls.ctcae_grade('Hypokalemia', 3.2, 'mmol/L', lln => 3.5) AS k_asympt,
       cls.ctcae_grade('Hypokalemia', 3.2, 'mmol/L', lln => 3.5, symptomatic => true) AS k_sympt,
       cls.ctcae_grade('Hypokalemia', 3.2, 'mmol/L', lln => 3.5, symptomatic => NULL) AS k_unknown,
       cls.ctcae_grade('Hypokalemia', 2.9, 'mmol/L', lln => 3.5, symptomatic => NULL) AS k_2_9_unknown,
       cls.ctcae_grade('INR increased', 2.6, '{INR}', baseline => 2.5) AS inr_not_anticoag,
       cls.ctcae_grade('INR increased', 2.6, '{INR}', baseline => 2.5, symptomatic => true) AS inr_anticoag,
       cls.ctcae_grade('Hyperglycemia', 200, 'mg/dL', uln => 100, version => '4.03') AS glc_random,
       cls.ctcae_grade('Hyperglycemia', 200, 'mg/dL', uln => 100, version => '4.03', symptomatic => true) AS glc_fasting;

-- not graded in a version: an error naming where to look
SELECT cls.ctcae_grade('Hyperglycemia', 300, 'mg/dL', version => '5.0');
SELECT cls.ctcae_grade('Platelet count decreased', 60, '10^9/L', version => '6.0');
SELECT cls.ctcae_grade('Thrombocytopenia', 60, '10^9/L', lln => 150, version => '6.0');

-- the terms of an analyte, and the signed low/high grade (ADaM ATOXGR)
SELECT a, cls.ctcae_terms_of(a::cls.analyte) AS v5, cls.ctcae_terms_of(a::cls.analyte, '6.0') AS v6
FROM (VALUES ('potassium'), ('glucose'), ('platelets'), ('alt'), ('sbp')) t(a);
SELECT a, v, cls.ctcae_grade_signed(a::cls.analyte, v, u, lln => l, uln => h) AS atoxgr
FROM (VALUES ('potassium', 2.4::float8, 'mmol/L', 3.5::float8, 5.1::float8),
             ('potassium', 3.2, 'mmol/L', 3.5, 5.1), ('potassium', 4.2, 'mmol/L', 3.5, 5.1),
             ('potassium', 6.5, 'mmol/L', 3.5, 5.1), ('potassium', 6.5, 'mmol/L', NULL, 5.1),
             ('potassium', 4.2, 'mmol/L', NULL, 5.1), ('sodium', 128, 'mmol/L', 135, 145),
             ('calcium', 3.0, 'mmol/L', 2.1, 2.6), ('magnesium', 0.3, 'mmol/L', 0.7, 1.0),
             ('glucose', 35, 'mg/dL', 70, 100), ('glucose', 300, 'mg/dL', 70, 100),
             ('platelets', 40, '10^9/L', 150, 400), ('platelets', 500, '10^9/L', 150, 400)) t(a, v, u, l, h);
SELECT cls.ctcae_grade_signed('glucose', 300, 'mg/dL', 70, 100, version => '4.03') AS glc_v4,
       cls.ctcae_grade_signed('glucose', 300, 'mmol/L', 3.9, 5.6, version => '4.03') AS glc_implausible;
SELECT cls.ctcae_grade_signed('sbp', 120, 'mmHg');

-- every CTCAE term of a measurement table in one query
CREATE TEMP TABLE m (id int, concept bigint, value float8, unit bigint, lo float8, hi float8);
INSERT INTO m VALUES (1, 50971, 2.8, 8753, 3.5, 5.1), (2, 51265, 40, 8848, 150, 400),
                     (3, 51301, 150, 8848, 4, 11), (4, 50862, 2.5, 8713, 3.5, 5.0),
                     (5, 50885, 4.0, 8840, 0.1, 1.2), (6, 12345, 1, 8840, NULL, NULL);
SELECT m.id, t.term, cls.ctcae_grade(t.term, m.value, m.unit, m.lo, m.hi) AS grade
FROM m CROSS JOIN LATERAL unnest(cls.ctcae_terms_of(cls.analyte_of(m.concept))) t(term)
ORDER BY m.id, t.term::text;

-- v6.0 creatinine clearance: integer bands read as continuous; no grade below 10 mL/min
SELECT v, cls.ctcae_grade('Creatinine clearance decreased', v, 'mL/min', version => '6.0') AS grade,
       cls.ctcae_grade_reason('Creatinine clearance decreased', v, 'mL/min', version => '6.0') AS why
FROM unnest(ARRAY[60, 50, 49.5, 26, 25.5, 10, 9.9]::float8[]) v;
