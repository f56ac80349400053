-- test/bench/sql/triad_sql.sql -- the same evaluation as triad_cls.sql in
-- plain SQL (the best formulation we found: one pass of window functions,
-- no self-join), in float8.  Default triad criteria, co-occurrence mode:
--   hypotension       SBP < 90 or MAP < 65 mmHg or SBP >= 40 below baseline
--   hypoalbuminemia   albumin < 3.0 g/dL or >= 0.5 below baseline
--   hemoconcentration hematocrit > 45 %
--   baseline          the patient's earliest plausible value (ties: lowest)
--   suspected at t    all three met by observations in (t - 72 h, t]
-- Units are converted as cls does (g/L / 10, L/L * 100).  Every comparison
-- has cls's decimal tolerance: a and b are equal when they differ by at
-- most 1e-9 of the larger magnitude (so 0.45 L/L * 100 is 45, not above
-- 45), which is why a < b is written b - a > 1e-9 * greatest(|a|, |b|).
-- This gives exactly the results of the exact-decimal form
-- (triad_numeric_sql.sql, kept as a reference) without numeric arithmetic.
-- Values outside cls's plausible ranges (cls.analytes()), NaN and
-- infinities are ignored.
WITH conv AS (
    SELECT person_id, measurement_datetime AS t,
           CASE WHEN measurement_concept_id IN (3004249, 4152194) THEN 'sbp'
                WHEN measurement_concept_id = 3027598 THEN 'map'
                WHEN measurement_concept_id = 3024561 THEN 'albumin'
                ELSE 'hematocrit' END AS input,
           CASE lower(unit_source_value) WHEN 'g/l' THEN value_as_number / 10
                                         WHEN 'l/l' THEN value_as_number * 100
                                         ELSE value_as_number END AS v
    FROM omop.measurement
    WHERE unit_concept_id <> 0
      AND measurement_concept_id IN (3004249, 4152194, 3027598, 3024561, 3023314, 3009542, 3023230)
      AND value_as_number IS NOT NULL AND value_as_number <> 'NaN'
      AND value_as_number NOT IN ('Infinity', '-Infinity')
), obs AS (
    SELECT person_id, t, input, v
    FROM conv
    WHERE v >= 0
      AND CASE input WHEN 'sbp' THEN 20 - v <= 1e-9 * greatest(v, 20) AND v - 300 <= 1e-9 * greatest(v, 300)
                     WHEN 'map' THEN 10 - v <= 1e-9 * greatest(v, 10) AND v - 250 <= 1e-9 * greatest(v, 250)
                     WHEN 'albumin' THEN v > 0 AND v - 10 <= 1e-9 * greatest(v, 10)
                     ELSE 5 - v <= 1e-9 * greatest(v, 5) AND v - 90 <= 1e-9 * greatest(v, 90) END
), marked AS (
    SELECT person_id, t, input, v,
           first_value(v) OVER (PARTITION BY person_id, input ORDER BY t, v) AS baseline
    FROM obs
), met AS (
    SELECT person_id, t,
           CASE WHEN input = 'sbp' AND (90 - v > 1e-9 * greatest(v, 90)
                                        OR 40 - (baseline - v) <= 1e-9 * greatest(abs(baseline - v), 40)) THEN 1
                WHEN input = 'map' AND 65 - v > 1e-9 * greatest(v, 65) THEN 1
                WHEN input = 'albumin' AND (3.0 - v > 1e-9 * greatest(v, 3.0)
                                            OR 0.5 - (baseline - v) <= 1e-9 * greatest(abs(baseline - v), 0.5)) THEN 2
                WHEN input = 'hematocrit' AND v - 45 > 1e-9 * greatest(v, 45) THEN 3 END AS sign
    FROM marked
), latest AS (
    SELECT person_id, t,
           max(t) FILTER (WHERE sign = 1) OVER w AS hy,
           max(t) FILTER (WHERE sign = 2) OVER w AS al,
           max(t) FILTER (WHERE sign = 3) OVER w AS hc,
           sign
    FROM met
    WHERE sign IS NOT NULL
    WINDOW w AS (PARTITION BY person_id ORDER BY t RANGE UNBOUNDED PRECEDING)
)
SELECT p.person_id,
       min(l.t) FILTER (WHERE l.hy > l.t - interval '72 hours' AND l.al > l.t - interval '72 hours'
                          AND l.hc > l.t - interval '72 hours') AS first_suspected,
       coalesce(bool_or(l.sign = 1), false) AS hypotension,
       coalesce(bool_or(l.sign = 2), false) AS hypoalbuminemia,
       coalesce(bool_or(l.sign = 3), false) AS hemoconcentration
FROM (SELECT DISTINCT person_id FROM obs) p
LEFT JOIN latest l USING (person_id)
GROUP BY p.person_id
ORDER BY p.person_id;
