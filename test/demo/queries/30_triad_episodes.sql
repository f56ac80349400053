-- Triad episodes: CLS episodes per patient with onset day, worst values and recovery
-- cls.triad_episodes turns each patient's measurements into CLS episodes, with the
-- defaults: the drug profile (albumin < 3.5 g/dL or fallen >= 0.5 g/dL, with weight
-- gain, hypotension or edema) and the patient's tagraxofusp doses for treated
-- patients, the classic triad (hypotension, albumin < 3.0 g/dL, hematocrit > 45 %)
-- for everyone else; 72 h co-occurrence window, episodes less than 24 h apart
-- merged.  Sepsis periods (truth.exclusion, see 60_exclusions) are passed as the
-- exclusions: an overlapping episode is marked excluded, not dropped.
-- onset_day = days since the first dose, a count of dates (the label's way: 0 =
-- the first dose's date, -1 = the date before); cycle and cycle day come from
-- the doses too.
-- Worst values are over the leak window, grade = CTCAE v5.0 hypoalbuminemia grade
-- of the lowest albumin (LLN 3.5 g/dL), recovery = onset to the first time
-- albumin (and, for the triad, hematocrit) was back inside the thresholds.
-- The non-excluded episodes are kept in demo.detected for 50_recovery and the
-- pictures.
--
-- Units: rows whose unit cls does not know are left out (cls.unit_known), as in
-- 10_data_quality; implausible values and unmapped codes are skipped by cls.
-- Arguments of an aggregate are positional: criteria, exclusions, doses, params.

SET client_min_messages = warning;   -- no NOTICE from IF [NOT] EXISTS in the report
CREATE SCHEMA IF NOT EXISTS demo;
DROP TABLE IF EXISTS demo.triad_episodes, demo.detected;

CREATE TABLE demo.triad_episodes AS
WITH doses AS (
    SELECT person_id, array_agg(drug_exposure_start_datetime) AS doses
      FROM omop.drug_exposure
     WHERE drug_source_value = 'tagraxofusp'
     GROUP BY person_id
), excl AS (
    SELECT person_id, range_agg(tstzrange(lower, upper, '[]')) AS periods
      FROM truth.exclusion
     GROUP BY person_id
), per_patient AS (
    SELECT m.person_id,
           CASE WHEN d.doses IS NULL THEN 'triad' ELSE 'drug' END AS profile,
           cls.triad_episodes(m.measurement_datetime, m.measurement_concept_id::bigint,
                              m.value_as_number, m.unit_source_value,
                              CASE WHEN d.doses IS NULL THEN cls.triad_criteria()
                                   ELSE cls.drug_criteria() END,
                              x.periods, d.doses, cls.episode_params()) AS eps
      FROM omop.measurement m
      LEFT JOIN doses d USING (person_id)
      LEFT JOIN excl x USING (person_id)
     WHERE cls.unit_known(cls.analyte_of(m.measurement_concept_id), m.unit_source_value) IS NOT FALSE
     GROUP BY m.person_id, d.doses IS NULL
)
SELECT p.person_id, p.profile, e.*
  FROM per_patient p
 CROSS JOIN LATERAL unnest(p.eps) e;

CREATE TABLE demo.detected AS
SELECT person_id, onset, "end" AS resolution
  FROM demo.triad_episodes
 WHERE NOT excluded;

-- Every episode (recovery: from onset; excl = overlaps a sepsis period).
SELECT person_id,
       profile,
       to_char(onset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')         AS onset_utc,
       cycle,
       days_since_first_dose                                         AS onset_day,
       round(extract(epoch FROM duration) / 3600)::int               AS duration_h,
       round(lowest_sbp::numeric)                                    AS min_sbp,
       round(lowest_albumin::numeric, 1)                             AS min_alb,
       round(highest_hematocrit::numeric, 1)                         AS max_hct,
       worst_hypoalbuminemia_grade                                   AS grade,
       array_to_string(signs_seen, ' ')                              AS signs_seen,
       round(extract(epoch FROM recovered_at - onset) / 3600)::int   AS recovery_h,
       CASE WHEN excluded THEN 'excl' ELSE '' END                    AS excl
  FROM demo.triad_episodes
 ORDER BY profile, person_id, episode_no;

-- Summary; onset day of the drug episodes beside the label (ELZONRIS 5.1: CLS
-- began at a median of 4 days, range -1 to 46, after the first dose).
SELECT count(*)                                                   AS episodes,
       count(DISTINCT person_id)                                  AS patients,
       count(*) FILTER (WHERE profile = 'drug')                   AS drug,
       count(*) FILTER (WHERE profile = 'triad')                  AS triad,
       count(*) FILTER (WHERE excluded)                           AS excluded,
       count(*) FILTER (WHERE profile = 'drug' AND cycle = 1)     AS drug_in_cycle1,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY days_since_first_dose)
           FILTER (WHERE profile = 'drug')                        AS drug_onset_day_median,
       min(days_since_first_dose) FILTER (WHERE profile = 'drug') || ' .. '
           || max(days_since_first_dose) FILTER (WHERE profile = 'drug')
                                                                  AS drug_onset_day_range,
       'median 4, range -1 .. 46'::text                           AS label_onset_day
  FROM demo.triad_episodes;
