-- test/demo/recovery.sql -- score detected episodes against the planted truth.
--
-- Input: a relation of detections with the columns
--     person_id bigint, onset timestamptz, resolution timestamptz
-- named by the psql variable :detected (default: detected, e.g. a temp table),
-- one row per detected episode.  resolution NULL = still open at the end of the
-- data (the episode is taken to run on to +infinity).
--
-- Truth: truth.episode (written by test/demo/gen_warehouse.c, see truth_eval()
-- there).  Positives are the CLS kinds cls_idiopathic and cls_drug; the
-- confounders sepsis_confounder and isolated_low_albumin are negatives.  A truth
-- episode spans [onset, resolution] (NULL resolution: to +infinity).
--
-- Matching: a detection matches a truth episode of the same patient when their
-- spans overlap (closed ranges, so touching counts).
--   sensitivity = positive truth episodes matched by >= 1 detection / all positives
--   precision   = detections that match >= 1 positive episode / all detections
--                 (a detection matching only a confounder, or nothing, is false)
--   onset error = for each matched positive episode, onset of the earliest
--                 matching detection - truth onset, in hours (negative = early);
--                 the median and the median of its absolute value are shown.
-- Per kind, "matched" also shows how often each confounder kind was flagged.
--
-- Usage from psql (in the warehouse database):
--   CREATE TEMP TABLE detected AS SELECT person_id, onset, resolution FROM ...;
--   \ir recovery.sql                     -- or: \set detected my_schema.my_episodes
-- test/demo/queries/55_naive_rule_recovery.sql is a worked example.
--
-- Optional: with the psql variables scores_into (a table name) and scores_label
-- set, the scores row is also appended to that table (created if missing, first
-- column "detector" = scores_label), so that several detectors can be compared
-- (50_recovery.sql and 55_naive_rule_recovery.sql do this).

\if :{?detected}
\else
\set detected detected
\endif

CREATE TEMP VIEW recovery_match AS
WITH truth AS (
    SELECT person_id, episode_no, kind, onset,
           tstzrange(onset, coalesce(resolution, 'infinity'), '[]') AS span,
           kind IN ('cls_idiopathic', 'cls_drug')                  AS positive
      FROM truth.episode
), det AS (
    SELECT row_number() OVER (ORDER BY person_id, onset, resolution) AS det_id,
           person_id, onset,
           tstzrange(onset, coalesce(greatest(resolution, onset), 'infinity'), '[]') AS span
      FROM :detected
     WHERE person_id IS NOT NULL AND onset IS NOT NULL
)
SELECT t.person_id, t.episode_no, t.kind, t.positive, t.onset AS truth_onset,
       d.det_id, d.onset AS detected_onset
  FROM truth t
  FULL JOIN det d ON d.person_id = t.person_id AND d.span && t.span;

-- Per planted kind: how many were matched by a detection.
SELECT CASE kind WHEN 'cls_drug' THEN 'drug-induced CLS'
                 WHEN 'cls_idiopathic' THEN 'idiopathic CLS attack'
                 WHEN 'sepsis_confounder' THEN 'sepsis'
                 WHEN 'isolated_low_albumin' THEN 'low albumin alone'
                 ELSE kind END                                 AS planted_episode,
       CASE WHEN bool_and(positive) THEN 'CLS' ELSE 'look-alike' END AS counts_as,
       count(*)                                                AS planted,
       count(*) FILTER (WHERE matched)                         AS matched,
       round(100.0 * count(*) FILTER (WHERE matched) / count(*), 1) AS percent
  FROM (SELECT kind, person_id, episode_no, bool_and(positive) AS positive,
               bool_or(det_id IS NOT NULL) AS matched
          FROM recovery_match
         WHERE kind IS NOT NULL
         GROUP BY kind, person_id, episode_no) e
 GROUP BY kind
 ORDER BY bool_and(positive) DESC, kind;

-- The scores.
CREATE TEMP VIEW recovery_scores AS
WITH pos AS (
    SELECT person_id, episode_no,
           min(detected_onset) - min(truth_onset) AS onset_error
      FROM recovery_match
     WHERE positive
     GROUP BY person_id, episode_no
), det AS (
    SELECT det_id, coalesce(bool_or(positive), false) AS true_positive
      FROM recovery_match
     WHERE det_id IS NOT NULL
     GROUP BY det_id
), err AS (
    SELECT extract(epoch FROM onset_error) / 3600 AS h FROM pos WHERE onset_error IS NOT NULL
)
SELECT (SELECT count(*) FROM pos)                                          AS cls_episodes,
       (SELECT count(*) FROM pos WHERE onset_error IS NOT NULL)            AS found,
       (SELECT round(100.0 * count(*) FILTER (WHERE onset_error IS NOT NULL)
                     / nullif(count(*), 0), 1) FROM pos)                   AS sensitivity_pct,
       (SELECT count(*) FROM det)                                          AS detections,
       (SELECT count(*) FROM det WHERE true_positive)                      AS true_detections,
       (SELECT round(100.0 * count(*) FILTER (WHERE true_positive)
                     / nullif(count(*), 0), 1) FROM det)                   AS precision_pct,
       (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY h)::numeric, 1)
          FROM err)                                                        AS median_onset_error_h,
       (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(h))::numeric, 1)
          FROM err)                                                        AS median_abs_onset_error_h;

SELECT * FROM recovery_scores;

\if :{?scores_into}
CREATE TABLE IF NOT EXISTS :scores_into AS
    SELECT :'scores_label'::text AS detector, * FROM recovery_scores WITH NO DATA;
INSERT INTO :scores_into SELECT :'scores_label', * FROM recovery_scores;
\endif

DROP VIEW recovery_scores, recovery_match;
