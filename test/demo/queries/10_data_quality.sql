-- Data quality: rows per analyte, unmapped codes, unknown units, implausible values
-- Before any cohort query: which rows cls can read.  A code cls does not map is
-- skipped; a unit it does not know would stop a grading query with an error
-- (SQLSTATE 22023), so such rows are found first with cls.unit_known(); a value
-- outside cls's plausible range (NaN, negative, a g/L albumin labelled g/dL) is
-- never graded, and cls.value_problem() says why.
--
-- How the rows are read (the same rule in every query of this folder):
--   analyte = cls.analyte_of(measurement_concept_id), or, when cls does not map
--             that concept, cls.analyte_of(measurement_source_value) (LOINC);
--   unit    = unit_concept_id when it is a real concept (not 0/NULL), else the
--             unit_source_value text (OMOP puts 0 where no standard unit
--             concept exists, e.g. weight in 'lb', and for misspelt units).

WITH m AS (
    SELECT m.*,
           coalesce(cls.analyte_of(m.measurement_concept_id),
                    cls.analyte_of(m.measurement_source_value)) AS analyte
      FROM omop.measurement m
), u AS (
    SELECT m.*,
           CASE WHEN coalesce(unit_concept_id, 0) <> 0
                THEN cls.unit_known(analyte, unit_concept_id::bigint)
                ELSE cls.unit_known(analyte, unit_source_value) END AS unit_ok
      FROM m
     WHERE analyte IS NOT NULL
)
SELECT analyte::text                                            AS analyte,
       cls.canonical_unit(analyte)                              AS canonical_unit,
       count(*)                                                 AS rows,
       count(DISTINCT person_id)                                AS patients,
       string_agg(DISTINCT unit_source_value, ' ')
           FILTER (WHERE unit_ok)                               AS units_seen,
       count(*) FILTER (WHERE NOT unit_ok)                      AS unknown_unit,
       count(*) FILTER (WHERE value_as_number IS NULL)          AS null_value,
       count(*) FILTER (WHERE unit_ok AND cls.value_problem(analyte, value_as_number,
                                                            unit_source_value) IS NOT NULL)
                                                                AS implausible
  FROM u
 GROUP BY analyte::text, cls.canonical_unit(analyte)
 ORDER BY analyte::text;

-- Codes: concepts cls does not map, and whether the LOINC source value rescues them.
SELECT measurement_concept_id,
       measurement_source_value,
       cls.analyte_of(measurement_source_value)::text  AS analyte_via_source_value,
       count(*)                                        AS rows
  FROM omop.measurement
 WHERE cls.analyte_of(measurement_concept_id) IS NULL
 GROUP BY 1, 2, 3
 ORDER BY 1, 2;

-- Units cls does not know, per analyte (these rows are left out of every grade below).
WITH m AS (
    SELECT m.*,
           coalesce(cls.analyte_of(m.measurement_concept_id),
                    cls.analyte_of(m.measurement_source_value)) AS analyte
      FROM omop.measurement m
), bad AS (
    SELECT analyte::text AS analyte, unit_source_value, count(*) AS n
      FROM m
     WHERE analyte IS NOT NULL
       AND NOT CASE WHEN coalesce(unit_concept_id, 0) <> 0
                    THEN cls.unit_known(analyte, unit_concept_id::bigint)
                    ELSE cls.unit_known(analyte, unit_source_value) END
     GROUP BY 1, 2
)
SELECT analyte,
       sum(n)                                                          AS rows,
       string_agg(format('%s (%s)', unit_source_value, n), ', '
                  ORDER BY unit_source_value)                          AS unit_source_value_seen
  FROM bad
 GROUP BY analyte
 ORDER BY analyte;

-- Implausible values by reason (cls.value_problem; example = one full message).
WITH m AS (
    SELECT m.*,
           coalesce(cls.analyte_of(m.measurement_concept_id),
                    cls.analyte_of(m.measurement_source_value)) AS analyte
      FROM omop.measurement m
), p AS (
    SELECT analyte, cls.value_problem(analyte, value_as_number, unit_source_value) AS problem
      FROM m
     WHERE analyte IS NOT NULL
)
SELECT CASE WHEN problem LIKE 'unknown unit%'          THEN 'unknown unit'
            WHEN problem LIKE '%not a number%'         THEN 'not a number (NaN)'
            WHEN problem LIKE '%infinite%'             THEN 'infinite'
            WHEN problem LIKE '%negative%'             THEN 'negative'
            WHEN problem LIKE '%below the plausible%'  THEN 'below the plausible range'
            WHEN problem LIKE '%above the plausible%'  THEN 'above the plausible range'
            ELSE problem END                          AS reason,
       count(*)                                       AS rows,
       min(problem)                                   AS example
  FROM p
 WHERE problem IS NOT NULL
 GROUP BY 1
 ORDER BY rows DESC, reason;
