-- Recovery: how well cls's default triad episodes find the planted CLS episodes
-- The non-excluded episodes of 30_triad_episodes (demo.detected: cls defaults,
-- drug profile for tagraxofusp patients, triad otherwise, sepsis periods as
-- exclusions) scored against the planted truth with test/demo/recovery.sql:
-- sensitivity = planted CLS episodes (idiopathic and drug) overlapped by a
-- detection, precision = detections that overlap a planted CLS episode, onset
-- error = detected - planted onset (hours, negative = early).  Look-alikes
-- (sepsis, isolated low albumin) count as false when detected.  The naive rule
-- of 55_naive_rule_recovery is scored the same way, and compared there.
-- These figures are measured on generated data whose truth was planted by the
-- same project (test/demo/gen_warehouse.c): a self-consistency check that cls
-- finds what the generator put there, not a clinical validation.  No real
-- patient record was used, and sensitivity or precision on a real warehouse,
-- with its own charting habits and look-alikes, is unknown until measured there.
--
-- To score your own detector: CREATE TEMP TABLE detected AS SELECT person_id,
-- onset, resolution FROM ...; then \ir test/demo/recovery.sql (or \set detected
-- to name another relation, as here).

SET client_min_messages = warning;
DROP TABLE IF EXISTS demo.recovery_scores;
\set detected demo.detected
\set scores_into demo.recovery_scores
\set scores_label 'cls defaults'
\ir ../recovery.sql

-- The episodes marked excluded (left out of demo.detected above), and what was
-- planted there.
SELECT e.person_id,
       e.profile,
       to_char(e.onset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')       AS onset_utc,
       e.exclusion,
       coalesce(string_agg(DISTINCT t.kind, ', '), 'nothing planted')  AS planted_there
  FROM demo.triad_episodes e
  LEFT JOIN truth.episode t
    ON t.person_id = e.person_id
   AND tstzrange(t.onset, coalesce(t.resolution, 'infinity'), '[]')
       && tstzrange(e.onset, e."end", '[]')
 WHERE e.excluded
 GROUP BY e.person_id, e.profile, e.onset, e.exclusion
 ORDER BY e.person_id, e.onset;
