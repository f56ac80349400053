-- Other graded abnormalities: hyponatremia, creatinine increased, low platelets, low neutrophils
-- The worst CTCAE v5.0 grade per patient over all their data, for the other lab terms
-- cls grades, each with the row's own reference range: LLN = range_low (sodium,
-- platelets, neutrophils), ULN = range_high and baseline = the patient's first value
-- (creatinine: v5.0 takes the worse of the ULN- and the baseline-based grade).
-- "not gradable" = a value whose grade cls cannot determine (NULL).
--
-- Notes:
--  * Hyponatremia 125-<130 mmol/L is grade 2, or 3 when symptomatic: the
--    warehouse has no symptom data, so symptomatic is left at its default false.
--  * The creatinine baseline is the first usable value in the same unit (each
--    patient here reports creatinine in one unit); with mixed units, convert
--    value, ULN and baseline with cls.to_canonical() and grade in 'mg/dL'.
--  * Rows with an unknown unit or an implausible value (cls.value_problem() not
--    NULL) are dropped first, so no unit error can stop the query.

WITH term AS (
    SELECT * FROM (VALUES ('sodium',      'Hyponatremia',               1),
                          ('creatinine',  'Creatinine increased',       2),
                          ('platelets',   'Platelet count decreased',   3),
                          ('neutrophils', 'Neutrophil count decreased', 4))
                   AS t(analyte, term, ord)
), usable AS (
    SELECT t.term, t.ord, m.person_id,
           m.value_as_number AS value, m.unit_source_value AS unit,
           m.range_low, m.range_high,
           first_value(m.value_as_number) OVER (PARTITION BY m.person_id, t.analyte, m.unit_source_value
                                                ORDER BY m.measurement_datetime, m.measurement_id)
                                                AS first_value_same_unit
      FROM omop.measurement m
      JOIN term t ON t.analyte = cls.analyte_of(m.measurement_concept_id)::text
     WHERE m.value_as_number IS NOT NULL
       AND cls.value_problem(t.analyte::cls.analyte, m.value_as_number, m.unit_source_value) IS NULL
), graded AS (
    SELECT term, ord, person_id,
           CASE term
             WHEN 'Creatinine increased'
               THEN cls.ctcae_grade('Creatinine increased', value, unit,
                                    uln => range_high, baseline => first_value_same_unit)
             ELSE cls.ctcae_grade(term::cls.ctcae_term, value, unit, lln => range_low)
           END AS grade
      FROM usable
), per_patient AS (
    SELECT term, ord, person_id, max(grade) AS worst_grade, count(*) FILTER (WHERE grade IS NULL) AS not_gradable
      FROM graded
     GROUP BY term, ord, person_id
)
SELECT term,
       count(*)                                    AS patients,
       count(*) FILTER (WHERE worst_grade = 0)     AS worst_0,
       count(*) FILTER (WHERE worst_grade = 1)     AS worst_1,
       count(*) FILTER (WHERE worst_grade = 2)     AS worst_2,
       count(*) FILTER (WHERE worst_grade = 3)     AS worst_3,
       count(*) FILTER (WHERE worst_grade = 4)     AS worst_4,
       sum(not_gradable)                           AS values_not_gradable
  FROM per_patient
 GROUP BY term, ord
 ORDER BY ord;
