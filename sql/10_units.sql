-- Analytes, warehouse codes and units (SPEC.md 2).
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- analyte input: names, LOINC, MIMIC-IV itemids, OMOP concept_ids
SELECT 'albumin'::cls.analyte, ' Albumin '::cls.analyte, '1751-7'::cls.analyte,
       '50862'::cls.analyte, '3024561'::cls.analyte, 'HCT'::cls.analyte;
SELECT 'unobtainium'::cls.analyte;
SELECT ''::cls.analyte;
SELECT 'sbp'::cls.analyte OPERATOR(cls.=) '220050'::cls.analyte AS same,
       'sbp'::cls.analyte OPERATOR(cls.=) 'dbp'::cls.analyte AS differ;

-- codes from columns: unmapped codes give NULL, never an error
SELECT c, cls.analyte_of(c) FROM (VALUES ('1751-7'), ('4544-3'), ('20570-8'), ('718-7'),
    ('2951-2'), ('2947-0'), ('8480-6'), ('8462-4'), ('8478-0'), ('29463-7'), ('3141-9'),
    ('777-3'), ('26515-7'), ('751-8'), ('26499-4'), ('753-4'), ('2157-6'), ('2160-0'),
    ('14682-9'), ('8867-4'), ('8310-5'), ('770-8'), ('51256'), (''), ('junk'), ('1751-7 ')) v(c);
SELECT c, cls.analyte_of(c) FROM (VALUES (50862::bigint), (51221), (51222), (50983), (50912),
    (50910), (51265), (52075), (220050), (220051), (220052), (220179), (220180), (220181),
    (224167), (227243), (226512), (226531), (220228), (220545), (220645), (220615),
    (3024561), (3023314), (3009542), (3000963), (3019550), (3004249), (3012888), (3027598),
    (3025315), (3024929), (3013650), (3007220), (3016723), (0), (-5), (9223372036854775807)) v(c);
SELECT count(*) AS codes, count(DISTINCT code) AS distinct_codes FROM cls.codes();

-- canonical units and conversions, every unit family
SELECT a, cls.canonical_unit(a::cls.analyte) FROM unnest(ARRAY['albumin','hematocrit',
    'hemoglobin','sodium','sbp','dbp','map','heart_rate','temperature','weight','platelets',
    'neutrophils','ck','creatinine','alt','ast']) a;
SELECT a, u, v, cls.to_canonical(a::cls.analyte, v, u) FROM (VALUES
    ('albumin', 'g/dL', 3.1), ('albumin', 'g/L', 30), ('albumin', 'gm/dl', 2.9),
    ('albumin', ' G / DL ', 2.9), ('hematocrit', '%', 45), ('hematocrit', 'L/L', 0.45),
    ('hematocrit', '1', 0.5), ('hemoglobin', 'g/L', 100), ('hemoglobin', 'mmol/L', 6.206),
    ('sodium', 'mEq/L', 130), ('sodium', 'mmol/L', 130), ('sbp', 'mm[Hg]', 90),
    ('sbp', 'mmHg', 90), ('map', 'mm Hg', 65), ('heart_rate', 'bpm', 130),
    ('heart_rate', '/min', 40), ('temperature', 'Cel', 38), ('temperature', '[degF]', 100.4),
    ('temperature', '°C', 38), ('temperature', 'degF', 98.6), ('weight', 'kg', 70),
    ('weight', 'lbs', 154), ('weight', '[lb_av]', 1), ('weight', 'g', 70500),
    ('platelets', 'K/uL', 75), ('platelets', '10^9/L', 75), ('platelets', 'x10^9/L', 75),
    ('platelets', '10*3/uL', 75), ('platelets', '/mm3', 75000), ('neutrophils', '/µL', 1500),
    ('neutrophils', 'cells/uL', 500), ('ck', 'U/L', 300), ('ck', 'IU/L', 300),
    ('ck', '[IU]/L', 300), ('creatinine', 'mg/dL', 1.8), ('creatinine', 'umol/L', 159),
    ('creatinine', 'µmol/L', 88.4), ('alt', 'U/L', 40), ('ast', 'IU/L', 40)) t(a, u, v);

-- OMOP unit concept_ids (clinical-sources.md 5.2)
SELECT a, id, v, cls.to_canonical(a::cls.analyte, v, id) FROM (VALUES
    ('albumin', 8713::bigint, 3.1), ('albumin', 8636, 31), ('hematocrit', 8554, 45),
    ('hematocrit', 44777604, 0.45), ('hemoglobin', 8753, 6.206), ('sodium', 8753, 135),
    ('sodium', 9557, 135), ('sbp', 8876, 120), ('weight', 9529, 70), ('platelets', 9444, 150),
    ('platelets', 8848, 150), ('neutrophils', 8784, 1500), ('neutrophils', 8785, 1500),
    ('ck', 8645, 200), ('ck', 8923, 200), ('creatinine', 8840, 1.2),
    ('creatinine', 8749, 106.08)) t(a, id, v);

-- unit_known never raises an error
SELECT a, u, cls.unit_known(a::cls.analyte, u) FROM (VALUES ('albumin', 'g/dL'), ('albumin', 'mmol/L'),
    ('albumin', 'mg%'), ('albumin', ''), ('hemoglobin', 'mmol/L'), ('sodium', 'meq/l'),
    ('weight', 'stone')) t(a, u);
SELECT cls.unit_known('albumin', 8713), cls.unit_known('albumin', 8753), cls.unit_known('albumin', 8961),
       cls.unit_known('albumin', NULL::text);

-- wrong and unknown units are errors 22023 naming analyte and unit
SELECT cls.to_canonical('albumin', 3.0, 'mmol/L');
SELECT cls.to_canonical('albumin', 3.0, 'mg%');
SELECT cls.to_canonical('weight', 3.0, 8713);
SELECT cls.to_canonical('weight', 3.0, 12345);

-- plausibility: documented ranges; value_problem says why a value is ignored
SELECT * FROM cls.analytes() ORDER BY analyte;
SELECT a, v, u, cls.value_problem(a::cls.analyte, v, u) FROM (VALUES
    ('albumin', 3.1::float8, 'g/dL'), ('albumin', 45, 'g/dL'), ('albumin', 45, 'g/L'),
    ('albumin', 0, 'g/dL'), ('albumin', -1, 'g/dL'), ('albumin', 'NaN', 'g/dL'),
    ('albumin', 'Infinity', 'g/dL'), ('albumin', '-Infinity', 'g/dL'), ('albumin', 3, 'mg%'),
    ('albumin', 3, 'mmol/L'), ('hematocrit', 0.45, '%'), ('hematocrit', 0.45, 'L/L'),
    ('sbp', 900, 'mmHg'), ('temperature', 98.6, 'Cel'), ('temperature', 98.6, 'degF'),
    ('platelets', 0, '10^9/L'), ('creatinine', 1e300, 'mg/dL'), ('creatinine', 1e-300, 'mg/dL')) t(a, v, u);

SELECT * FROM cls.unit_conversions() ORDER BY analyte, unit;

-- analytes sort and group (0.2.0: btree operator class), in the order of cls.analytes()
SET search_path = cls, public;
SELECT cls.analyte_of(c) AS analyte, count(*) FROM (VALUES ('1751-7'), ('50862'), ('3024561'),
    ('8480-6'), ('220050'), ('4544-3'), ('junk')) v(c)
GROUP BY 1 ORDER BY 1;
SELECT 'sbp'::cls.analyte < 'albumin'::cls.analyte AS sbp_first, 'albumin'::cls.analyte <> 'sbp' AS differ;
RESET search_path;
