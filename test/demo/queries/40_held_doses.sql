-- Held doses: days on which tagraxofusp dosing should have been held, by reason
-- Before every ELZONRIS dose the label (Tables 1 and 2) asks for albumin, weight,
-- vital signs, creatinine and transaminases, and says when to interrupt dosing.
-- cls.tagraxofusp_monitor evaluates those rules at every dose from the patient's
-- rows (one aggregate over measurement UNION ALL drug_exposure, the doses being
-- the rows with dose = true); cls.tagraxofusp_summary rolls them up per 21-day
-- cycle.  Days: besides the given doses, each day of a cycle's dosing period
-- (cycle days 1-5, up to the last dose's day when delays extended it) on which no
-- dose was given is checked too, as a dose row at the cycle's dosing hour: so a
-- day the clinicians skipped shows whether the label also said hold.  A held day
-- with a dose given is a deviation to review.  Every check here is "incomplete":
-- the warehouse records no ALT/AST and no hypersensitivity grading (last table),
-- and a check that cannot be evaluated is never read as clear.
--
-- Rows: code = the cls analyte of the concept (or of the LOINC source value, for
-- heart rate and temperature), unit = unit_source_value, ref_high = range_high
-- (the ULN for ALT/AST); rows with a unit cls does not know are left out.
-- Predose values are the latest in the 24 h (labs, weight) or 6 h (vital signs)
-- before the dose; the pre-cycle albumin the latest in the week before the cycle.
-- A day counts as given when a dose lies within 12 h of its dosing hour.

CREATE TEMP TABLE dose AS
SELECT person_id, drug_exposure_start_datetime AS t
  FROM omop.drug_exposure
 WHERE drug_source_value = 'tagraxofusp';

-- the days of each cycle's dosing period with no dose given (cls.cycles)
CREATE TEMP TABLE skipped_day AS
WITH per_patient AS (
    SELECT person_id, cls.cycles(t) AS cycles FROM dose GROUP BY person_id
), dosing_day AS (
    SELECT p.person_id, c.start + (k - 1) * interval '24 hours' AS t
      FROM per_patient p, unnest(p.cycles) c,
           generate_series(1, greatest(5, c.dosing_days[cardinality(c.dosing_days)])) k
)
SELECT d.person_id, d.t
  FROM dosing_day d
 WHERE NOT EXISTS (SELECT 1 FROM dose x
                    WHERE x.person_id = d.person_id
                      AND x.t > d.t - interval '12 hours' AND x.t < d.t + interval '12 hours');

CREATE TEMP TABLE tgx AS
WITH rows AS (
    SELECT m.person_id, m.measurement_datetime AS ts,
           coalesce(cls.analyte_of(m.measurement_concept_id),
                    cls.analyte_of(m.measurement_source_value))::text AS code,
           m.value_as_number AS value, m.unit_source_value AS unit,
           m.range_high AS ref_high, false AS dose, false AS skipped
      FROM omop.measurement m
     WHERE m.person_id IN (SELECT person_id FROM dose)
    UNION ALL
    SELECT person_id, t, NULL, NULL, NULL, NULL, true, false FROM dose
    UNION ALL
    SELECT person_id, t, NULL, NULL, NULL, NULL, true, true FROM skipped_day
)
SELECT person_id,
       -- every dosing day, given or not
       cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) AS days,
       -- the cycles of the doses given
       cls.tagraxofusp_summary(ts, code, value, unit, ref_high, dose)
           FILTER (WHERE NOT skipped)                                 AS cycles
  FROM rows
 WHERE dose OR cls.unit_known(code::cls.analyte, unit) IS NOT FALSE
 GROUP BY person_id;

CREATE TEMP VIEW dose_day AS
SELECT t.person_id, d.*,
       d.action IN ('interrupt dosing', 'discontinue permanently') AS held,
       NOT EXISTS (SELECT 1 FROM skipped_day s
                    WHERE s.person_id = t.person_id AND s.t = d.dose_time) AS given
  FROM tgx t, unnest(t.days) d;

CREATE TEMP VIEW cycle AS
SELECT t.person_id, c.* FROM tgx t, unnest(t.cycles) c;

-- Per cycle number: the doses given and their cycle summaries
-- (cls.tagraxofusp_summary: doses to hold, worst CTCAE hypoalbuminemia grade of
-- the cycle), and the dosing days with no dose that the label also said to hold.
SELECT c.cycle,
       count(*)                                                 AS patients,
       sum(c.n_doses)                                           AS doses_given,
       sum(c.days_held)                                         AS given_but_held,
       (SELECT count(*) FROM dose_day d
         WHERE d.cycle = c.cycle AND NOT d.given)               AS days_skipped,
       (SELECT count(*) FROM dose_day d
         WHERE d.cycle = c.cycle AND NOT d.given AND d.held)    AS skipped_and_held,
       count(*) FILTER (WHERE c.worst_hypoalbuminemia_grade = 0) AS grade_0,
       count(*) FILTER (WHERE c.worst_hypoalbuminemia_grade = 1) AS grade_1,
       count(*) FILTER (WHERE c.worst_hypoalbuminemia_grade = 2) AS grade_2,
       count(*) FILTER (WHERE c.worst_hypoalbuminemia_grade >= 3) AS grade_3
  FROM cycle c
 GROUP BY c.cycle
 ORDER BY c.cycle;

-- The cycles with a day to hold: how many days (given = doses given anyway), the
-- first such day (cycle day, days since the first dose) and the rules that
-- fired (the held-days table below gives a full reason of each), the lowest
-- albumin of the cycle and its grade.
WITH held AS (
    SELECT person_id, cycle,
           count(*)                                          AS days_held,
           count(*) FILTER (WHERE given)                     AS given,
           min(dose_time)                                    AS first_held
      FROM dose_day
     WHERE held
     GROUP BY person_id, cycle
)
SELECT h.person_id,
       h.cycle,
       h.days_held,
       h.given,
       d.cycle_day                                   AS first_cycle_day,
       d.days_since_first_dose                       AS first_day,
       (SELECT string_agg(split_part(r, ':', 1), ' ') FROM unnest(d.reasons) r) AS first_reasons,
       round(c.lowest_albumin::numeric, 1)           AS min_alb,
       c.worst_hypoalbuminemia_grade                 AS grade
  FROM held h
  JOIN dose_day d ON d.person_id = h.person_id AND d.dose_time = h.first_held
  LEFT JOIN cycle c ON c.person_id = h.person_id AND c.cycle = h.cycle
 ORDER BY h.person_id, h.cycle;

-- Held days by reason (a day held for two reasons counts under each).
SELECT split_part(r, ':', 1)                           AS reason,
       count(*)                                        AS days_held,
       min(r)                                          AS example,
       count(*) FILTER (WHERE given)                   AS dose_given,
       count(*) FILTER (WHERE NOT given)               AS dose_not_given,
       count(DISTINCT person_id)                       AS patients
  FROM dose_day, unnest(reasons) r
 WHERE held
 GROUP BY 1
 ORDER BY days_held DESC, reason;

-- All dosing days; held_without_reason counts held days with no reason (none
-- expected: every hold names the rule that fired).
SELECT count(*)                                                  AS dosing_days,
       count(*) FILTER (WHERE given)                             AS doses_given,
       count(*) FILTER (WHERE held)                              AS days_held,
       count(*) FILTER (WHERE held AND given)                    AS held_but_given,
       count(*) FILTER (WHERE held AND cardinality(reasons) = 0) AS held_without_reason,
       count(*) FILTER (WHERE action = 'discontinue permanently') AS discontinue
  FROM dose_day;

-- Cycle 1: how many patients met a CLS trigger of the label's Table 2 (albumin
-- gate or < 3.5 g/dL, albumin fall >= 0.5 g/dL, weight gain >= 1.5 kg, edema /
-- fluid overload / hypotension) on a dosing day, and how early (days since the
-- first dose; the label's CLS onset: median 4, range -1 to 46).
WITH first_cls AS (
    SELECT person_id, min(days_since_first_dose) AS day
      FROM dose_day, unnest(reasons) r
     WHERE cycle = 1
       AND split_part(r, ':', 1) IN ('albumin_gate', 'albumin_low', 'albumin_fall',
                                     'weight_gain', 'edema_fluid_overload_hypotension')
     GROUP BY person_id
)
SELECT (SELECT count(*) FROM tgx)                                   AS treated_patients,
       count(*)                                                     AS cls_trigger_in_cycle1,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY day)             AS median_day,
       min(day) || ' .. ' || max(day)                               AS day_range
  FROM first_cls;

-- Checks that could not be evaluated, per rule (why every day is "incomplete").
SELECT split_part(r, ':', 1)      AS rule,
       count(*)                   AS doses,
       min(r)                     AS example
  FROM dose_day, unnest(not_evaluable) r
 GROUP BY 1
 ORDER BY doses DESC, rule;
