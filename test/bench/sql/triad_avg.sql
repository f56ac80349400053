-- test/bench/sql/triad_avg.sql -- the floor for triad_cls.sql: avg(value)
-- grouped by patient over exactly the rows the triad aggregate reads (same
-- table, same WHERE).
SELECT person_id, avg(value_as_number)
FROM omop.measurement
WHERE unit_concept_id <> 0
  AND measurement_concept_id IN (3004249, 4152194, 3027598, 3024561, 3023314, 3009542, 3023230)
GROUP BY person_id;
