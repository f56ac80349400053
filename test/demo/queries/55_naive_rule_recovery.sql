-- Baseline: how a naive rule (runs of albumin < 3.0 g/dL) recovers the planted CLS episodes
-- Before cls's own episode detection: the simplest rule an analyst might write,
-- scored against the planted truth with test/demo/recovery.sql (sensitivity,
-- precision, onset error).  A detection is a run of consecutive albumin values
-- below 3.0 g/dL; it starts at the first low value and ends at the next albumin
-- that is not low.  It misses drug-induced leaks whose albumin stays at 3.0-3.5
-- g/dL, flags isolated low albumin, and is late: in an attack, albumin falls a
-- day or two after blood pressure and hematocrit move.
--
-- The last table puts these scores beside those of cls's default episodes
-- (50_recovery.sql): the reason to use cls rather than a threshold.

SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS demo;

CREATE TEMP TABLE detected AS
WITH albumin AS (
    SELECT person_id, measurement_datetime AS t,
           CASE WHEN cls.value_problem('albumin', value_as_number, unit_source_value) IS NULL
                THEN cls.to_canonical('albumin', value_as_number, unit_source_value) END AS g_dl
      FROM omop.measurement
     WHERE cls.analyte_of(measurement_concept_id)::text = 'albumin'
), s AS (
    SELECT person_id, t, g_dl < 3.0 AS low,
           lead(t) OVER w AS next_t,
           -- island number: how many non-low values came before
           count(*) FILTER (WHERE g_dl >= 3.0) OVER (w ROWS UNBOUNDED PRECEDING) AS island
      FROM albumin
     WHERE g_dl IS NOT NULL
    WINDOW w AS (PARTITION BY person_id ORDER BY t)
)
SELECT person_id,
       min(t) AS onset,
       CASE WHEN count(next_t) = count(*) THEN max(next_t) END AS resolution
  FROM s
 WHERE low
 GROUP BY person_id, island;

\set scores_into demo.recovery_scores
\set scores_label 'naive rule'
\ir ../recovery.sql

-- cls defaults (50_recovery) vs the naive rule.
SELECT * FROM demo.recovery_scores ORDER BY detector;
