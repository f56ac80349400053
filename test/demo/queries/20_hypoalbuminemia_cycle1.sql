-- Tagraxofusp patients with CTCAE grade >= 2 hypoalbuminemia in cycle 1
-- Tagraxofusp (ELZONRIS) carries a boxed warning for capillary leak syndrome, whose
-- earliest and most consistent sign is falling albumin.  For every patient who got
-- tagraxofusp: the worst CTCAE v5.0 Hypoalbuminemia grade in cycle 1 (the 21 days
-- from the first dose), each albumin graded by cls.ctcae_grade with the row's own
-- range_low as LLN (grade 1: 3.0 <= albumin < LLN g/dL, grade 2: 2.0 <= albumin
-- < 3.0 g/dL, grade 3: albumin < 2.0 g/dL; a value on a cut-off gets the milder grade).
--
-- Units: value_as_number is read in the row's unit_source_value; cls converts
-- (g/L or g/dL here) and compares exactly.  With OMOP unit concepts instead, pass
-- unit_concept_id::bigint (same function, bigint overload).  A row whose unit cls
-- does not know, or whose value is implausible, has cls.value_problem() NOT NULL
-- and is skipped here (10_data_quality lists them); without that guard an unknown
-- unit would stop the query with an error (SQLSTATE 22023), by design.
--
-- Cycle 1 comes from cls: cls.cycles(doses) builds the 21-day treatment cycles
-- from the dose times (label 2.1: a dose >= 21 x 24 h after the cycle's first
-- dose starts the next cycle), and cls.cycle_of(t, doses) places a measurement
-- in its cycle and cycle day (day 1 = the first 24 hours after the cycle's first
-- dose; elapsed time, not calendar days).  "Cycle 1" here is its 21 days: cycle
-- 1, cycle days 1 to 21 (cls keeps a time after day 21 in the last cycle, day 22,
-- 23 ..., when no later dose started a new one).

CREATE TEMP VIEW cycle1_hypoalbuminemia AS
WITH doses AS (
    SELECT person_id, array_agg(drug_exposure_start_datetime) AS doses
      FROM omop.drug_exposure
     WHERE drug_source_value = 'tagraxofusp'
     GROUP BY person_id
), cycle1 AS (
    SELECT person_id, doses, (cls.cycles(doses))[1].start AS first_dose
      FROM doses
), albumin AS (
    SELECT c.person_id, c.first_dose,
           m.measurement_datetime AS t,
           m.value_as_number      AS value,
           m.unit_source_value    AS unit,
           m.range_low            AS lln,
           cls.cycle_of(m.measurement_datetime, c.doses) AS at
      FROM cycle1 c
      JOIN omop.measurement m
        ON m.person_id = c.person_id
       AND m.measurement_datetime >= c.first_dose
     WHERE cls.analyte_of(m.measurement_concept_id)::text = 'albumin'
), graded AS (
    SELECT person_id, first_dose, t, (at).cycle_day,
           CASE WHEN cls.value_problem('albumin', value, unit) IS NULL
                THEN cls.ctcae_grade('Hypoalbuminemia', value, unit, lln => lln) END AS grade,
           CASE WHEN cls.value_problem('albumin', value, unit) IS NULL
                THEN cls.to_canonical('albumin', value, unit) END                  AS albumin_g_dl
      FROM albumin
     WHERE (at).cycle = 1 AND (at).cycle_day BETWEEN 1 AND 21
), per_patient AS (
    SELECT c.person_id, c.first_dose,
           max(g.grade)                                   AS worst_grade,
           min(g.albumin_g_dl)                            AS lowest_albumin_g_dl,
           min(g.t) FILTER (WHERE g.grade >= 2)           AS first_grade2_at,
           min(g.cycle_day) FILTER (WHERE g.grade >= 2)   AS first_grade2_cycle_day
      FROM cycle1 c
      LEFT JOIN graded g USING (person_id)
     GROUP BY c.person_id, c.first_dose
)
SELECT * FROM per_patient;

-- How many, and how soon.
SELECT count(*)                                             AS tagraxofusp_patients,
       count(*) FILTER (WHERE worst_grade >= 2)             AS grade_2_or_worse,
       round(100.0 * count(*) FILTER (WHERE worst_grade >= 2) / count(*), 1) AS percent,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY date_trunc('hour', first_grade2_at - first_dose))
                                                            AS median_time_to_grade_2
  FROM cycle1_hypoalbuminemia;

-- The worst grade per patient in cycle 1.
SELECT coalesce(worst_grade::text, 'no gradable albumin')  AS worst_grade_in_cycle1,
       count(*)                                           AS patients
  FROM cycle1_hypoalbuminemia
 GROUP BY worst_grade
 ORDER BY worst_grade NULLS LAST;

-- The cohort: who, how low, and when grade 2 was first reached.
SELECT person_id,
       first_dose,
       worst_grade,
       round(lowest_albumin_g_dl::numeric, 1)                                 AS lowest_albumin_g_dl,
       first_grade2_at,
       first_grade2_cycle_day                                                 AS cycle_day
  FROM cycle1_hypoalbuminemia
 WHERE worst_grade >= 2
 ORDER BY first_grade2_at - first_dose, person_id;
