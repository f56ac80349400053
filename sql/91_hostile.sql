-- Hostile-input sweep: every grading and unit function over the cross
-- product of hostile values x units x limits.  The output is a summary per
-- function (how many calls gave NULL, a grade/value, or which SQLSTATE),
-- followed by the assertions: no grade for an implausible value, and every
-- error is a documented SQLSTATE (22023 query mistake, 22P02 bad type input).
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- Run one query; return 'null', 'value' or the SQLSTATE of its error.
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    EXECUTE q INTO r;
    RETURN CASE WHEN r IS NULL THEN 'null' ELSE 'value' END;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;

CREATE TEMP TABLE hv (v text);          -- values, as SQL literals
INSERT INTO hv VALUES ('''NaN''::float8'), ('''Infinity''::float8'), ('''-Infinity''::float8'),
    ('1e308::float8'), ('-1e308::float8'), ('1e-308::float8'), ('0::float8'), ('''-0''::float8'),
    ('NULL::float8');
CREATE TEMP TABLE hl (l text);          -- limits
INSERT INTO hl VALUES ('NULL::float8'), ('0::float8'), ('-1::float8'), ('''NaN''::float8'), ('1::float8');
-- (function, analyte, call template: %1$s value, %2$s unit, %3$s limit)
CREATE TEMP TABLE hf (fn text, analyte text, tmpl text);
INSERT INTO hf VALUES
    ('ctcae_grade Hypoalbuminemia', 'albumin', 'SELECT cls.ctcae_grade(''Hypoalbuminemia'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s)'),
    ('ctcae_grade Hyponatremia', 'sodium', 'SELECT cls.ctcae_grade(''Hyponatremia'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s, symptomatic => NULL)'),
    ('ctcae_grade Hemoglobin increased v4.03', 'hemoglobin', 'SELECT cls.ctcae_grade(''Hemoglobin increased'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s, version => ''4.03'')'),
    ('ctcae_grade Anemia', 'hemoglobin', 'SELECT cls.ctcae_grade(''Anemia'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s)'),
    ('ctcae_grade Weight gain', 'weight', 'SELECT cls.ctcae_grade(''Weight gain'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s)'),
    ('ctcae_grade CPK increased', 'ck', 'SELECT cls.ctcae_grade(''CPK increased'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s)'),
    ('ctcae_grade Creatinine increased', 'creatinine', 'SELECT cls.ctcae_grade(''Creatinine increased'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s)'),
    ('ctcae_grade Platelet count decreased', 'platelets', 'SELECT cls.ctcae_grade(''Platelet count decreased'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s)'),
    ('ctcae_grade Neutrophil count decreased', 'neutrophils', 'SELECT cls.ctcae_grade(''Neutrophil count decreased'', %1$s, %2$s, lln => %3$s, uln => %3$s, baseline => %3$s)'),
    ('ctcae_grade_reason Hypoalbuminemia', 'albumin', 'SELECT cls.ctcae_grade_reason(''Hypoalbuminemia'', %1$s, %2$s, lln => %3$s)'),
    ('hypoalbuminemia_grade', 'albumin', 'SELECT cls.hypoalbuminemia_grade(%1$s, %2$s, %3$s)'),
    ('hyponatremia_grade', 'sodium', 'SELECT cls.hyponatremia_grade(%1$s, %2$s, %3$s, true)'),
    ('hemoglobin_increased_grade', 'hemoglobin', 'SELECT cls.hemoglobin_increased_grade(%1$s, %2$s, %3$s, %3$s)'),
    ('anemia_grade', 'hemoglobin', 'SELECT cls.anemia_grade(%1$s, %2$s, %3$s)'),
    ('weight_gain_grade', 'weight', 'SELECT cls.weight_gain_grade(%1$s, %2$s, %3$s)'),
    ('cpk_increased_grade', 'ck', 'SELECT cls.cpk_increased_grade(%1$s, %2$s, %3$s)'),
    ('creatinine_increased_grade', 'creatinine', 'SELECT cls.creatinine_increased_grade(%1$s, %2$s, %3$s, %3$s)'),
    ('platelet_count_decreased_grade', 'platelets', 'SELECT cls.platelet_count_decreased_grade(%1$s, %2$s, %3$s)'),
    ('neutrophil_count_decreased_grade', 'neutrophils', 'SELECT cls.neutrophil_count_decreased_grade(%1$s, %2$s, %3$s)'),
    ('to_canonical', 'albumin', 'SELECT cls.to_canonical(''albumin'', %1$s, %2$s)'),
    ('value_problem', 'albumin', 'SELECT cls.value_problem(''albumin'', %1$s, %2$s)'),
    ('unit_known', 'albumin', 'SELECT cls.unit_known(''albumin'', %2$s)');

-- units: valid, wrong case and padded, empty, 10 kB, unknown, NULL
CREATE TEMP TABLE hu AS
SELECT f.fn, u.kind, u.u
FROM hf f, cls.canonical_unit(f.analyte::cls.analyte) cu,
LATERAL (VALUES ('valid', quote_literal(cu)), ('padded', quote_literal('  ' || upper(cu) || ' ')),
                ('empty', ''''''), ('10kB', quote_literal(repeat('g/dL', 2500))),
                ('unknown', '''furlongs'''), ('NULL', 'NULL::text')) u(kind, u);

CREATE TEMP TABLE hr AS
SELECT f.fn, f.analyte, v.v, u.kind AS unit_kind, u.u, l.l,
       pg_temp.try(format(f.tmpl, v.v, u.u, l.l)) AS outcome
FROM hf f JOIN hu u USING (fn), hv v, hl l;

-- summary per function (fixed order)
SELECT fn, count(*) AS calls,
       count(*) FILTER (WHERE outcome = 'null') AS null,
       count(*) FILTER (WHERE outcome = 'value') AS value,
       count(*) FILTER (WHERE outcome = '22023') AS e22023,
       count(*) FILTER (WHERE outcome = '22P02') AS e22p02,
       count(*) FILTER (WHERE outcome NOT IN ('null', 'value', '22023', '22P02')) AS other
FROM hr GROUP BY fn ORDER BY fn;

-- no grade (or converted value) for an implausible value: every call that
-- returned something had a value cls.value_problem calls usable
SELECT fn, v, unit_kind, l
FROM hr
WHERE outcome = 'value' AND fn NOT IN ('value_problem', 'unit_known', 'to_canonical', 'ctcae_grade_reason Hypoalbuminemia')
  AND pg_temp.try(format('SELECT cls.value_problem(%L, %s, %s)', analyte, v, u)) <> 'null'
  -- terms graded by multiples of limits grade without a unit (0.3.0): then
  -- the value need only be plausible in some unit of the analyte
  AND NOT (u = 'NULL::text' AND EXISTS (
      SELECT FROM cls.unit_conversions() c
      WHERE c.analyte = hr.analyte
        AND pg_temp.try(format('SELECT cls.value_problem(%L, %s, %L)', hr.analyte, v, c.unit)) = 'null'))
ORDER BY 1, 2, 3, 4;

-- every error is one of the documented SQLSTATEs
SELECT DISTINCT outcome FROM hr WHERE outcome NOT IN ('null', 'value') ORDER BY 1;

-- a query mistake (unknown unit, bad limit) is an error even when the value
-- is NULL or hostile; a good unit with a bad value is NULL, not an error
SELECT unit_kind, l,
       string_agg(DISTINCT outcome, ',' ORDER BY outcome) AS outcomes
FROM hr WHERE fn = 'hypoalbuminemia_grade'
GROUP BY unit_kind, l ORDER BY 1, 2;

-- type inputs: very long and multibyte strings
SELECT what, pg_temp.try(q) AS outcome FROM (VALUES
    ('term 15 kB', format('SELECT %L::cls.ctcae_term', repeat('Hypoalbuminemia', 1000))),
    ('term multibyte', 'SELECT ''Hypoalbuminémie''::cls.ctcae_term'),
    ('term fullwidth', 'SELECT ''Ｈｙｐｏａｌｂｕｍｉｎｅｍｉａ''::cls.ctcae_term'),
    ('term padded', 'SELECT ''  hypoalbuminemia  ''::cls.ctcae_term'),
    ('term empty', 'SELECT ''''::cls.ctcae_term'),
    ('version 10 kB', format('SELECT %L::cls.ctcae_version', repeat('5', 10000))),
    ('version fullwidth', 'SELECT ''５.０''::cls.ctcae_version'),
    ('version 5.0 padded', 'SELECT '' 5.0 ''::cls.ctcae_version'),
    ('analyte 10 kB', format('SELECT %L::cls.analyte', repeat('albumin', 1500))),
    ('analyte multibyte', 'SELECT ''albümin''::cls.analyte'),
    ('analyte digits 20', 'SELECT ''12345678901234567890''::cls.analyte'),
    ('analyte_of 10 kB', format('SELECT cls.analyte_of(%L)', repeat('1', 10000))),
    ('analyte_of multibyte', 'SELECT cls.analyte_of(''１７５１-７'')'),
    ('unit micro sign', 'SELECT cls.to_canonical(''creatinine'', 88.4, ''µmol/L'')'),
    ('unit greek mu', 'SELECT cls.to_canonical(''creatinine'', 88.4, ''μmol/L'')'),
    ('unit multibyte unknown', 'SELECT cls.to_canonical(''albumin'', 3, ''g/dℓ'')'),
    ('unit_known 10 kB multibyte', format('SELECT cls.unit_known(''albumin'', %L)', repeat('µ', 5000)))
) t(what, q) ORDER BY what;
SELECT cls.to_canonical('creatinine', 88.4, 'µmol/L') AS micro_sign_umol,
       cls.unit_known('albumin', repeat('µ', 5000)) AS long_multibyte_known,
       cls.ctcae_term_out(' hypoalbuminemia '::cls.ctcae_term) AS term_padded;
