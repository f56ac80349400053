-- test/bench/sql/triad_cls.sql -- the CLS triad (default criteria,
-- co-occurrence window 72 h, derived baselines) per patient of an OMOP
-- measurement table, with cls.triad_agg.  Pair: triad_sql.sql (the same
-- evaluation in plain SQL); both return, per person with at least one
-- triad observation: person_id, first_suspected (NULL: never), and which
-- triad signs were ever met.
-- Rows with unit_concept_id 0 are left out in both queries: in the demo
-- warehouse they carry deliberately unknown unit spellings, which cls
-- rejects with an error (README: Reference: units and codes).
SELECT person_id,
       (s).first_suspected,
       'hypotension'       = ANY ((s).signs_ever) AS hypotension,
       'hypoalbuminemia'   = ANY ((s).signs_ever) AS hypoalbuminemia,
       'hemoconcentration' = ANY ((s).signs_ever) AS hemoconcentration
FROM (SELECT person_id,
             cls.triad_agg(measurement_datetime, measurement_concept_id::bigint,
                           value_as_number, unit_source_value) AS s
      FROM omop.measurement
      WHERE unit_concept_id <> 0
        AND measurement_concept_id IN (3004249, 4152194, 3027598, 3024561, 3023314, 3009542, 3023230)
      GROUP BY person_id) x
ORDER BY person_id;
