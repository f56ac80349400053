-- Exclusions: sepsis periods, in the form an analyst passes them to cls (tstzmultirange)
-- CLS is a diagnosis of exclusion (sepsis, anaphylaxis, angioedema look alike).  cls's
-- triad and episode functions take each patient's exclusion periods as one
-- tstzmultirange; episodes that overlap them are marked, not silently dropped.
-- Here the periods are the generator's sepsis periods (truth.exclusion; a real
-- warehouse would take them from condition_occurrence), merged with range_agg.
--
-- Pass them on with a join on person_id, e.g.
--   WITH excl AS (SELECT person_id, range_agg(tstzrange(lower, upper, '[]')) AS periods
--                   FROM truth.exclusion GROUP BY person_id)
--   SELECT ... excl.periods ... FROM omop.measurement m LEFT JOIN excl USING (person_id)
-- (a patient without exclusions gets NULL; coalesce(periods, '{}') gives the empty set).

SELECT person_id,
       range_agg(tstzrange(lower, upper, '[]'))     AS exclusion_periods,
       date_trunc('hour', sum(upper - lower))       AS total_time
  FROM truth.exclusion
 GROUP BY person_id
 ORDER BY person_id;

-- Why they matter: hypotension (SBP < 90 mmHg) inside and outside these periods.
-- Sepsis lowers blood pressure too; a triad screen that ignored the exclusions
-- would count these readings as leak signs.
WITH excl AS (
    SELECT person_id, range_agg(tstzrange(lower, upper, '[]')) AS periods
      FROM truth.exclusion
     GROUP BY person_id
), low_sbp AS (
    SELECT m.person_id, m.measurement_datetime AS t
      FROM omop.measurement m
     WHERE cls.analyte_of(m.measurement_concept_id)::text = 'sbp'
       AND CASE WHEN cls.value_problem('sbp', m.value_as_number, m.unit_source_value) IS NULL
                THEN cls.to_canonical('sbp', m.value_as_number, m.unit_source_value) < 90 END
)
SELECT count(*) FILTER (WHERE e.periods @> l.t)                    AS sbp_below_90_inside_exclusions,
       count(*) FILTER (WHERE e.periods IS NULL OR NOT e.periods @> l.t) AS sbp_below_90_elsewhere,
       count(DISTINCT l.person_id) FILTER (WHERE e.periods @> l.t) AS patients_inside,
       count(DISTINCT l.person_id) FILTER (WHERE e.periods IS NULL OR NOT e.periods @> l.t) AS patients_elsewhere
  FROM low_sbp l
  LEFT JOIN excl e USING (person_id);
