-- Why each triad episode began: the rule that made each sign hold at its onset
-- For every episode of 30_triad_episodes, cls.triad_agg is run over the patient's
-- measurements up to the episode's onset with the same criteria (drug profile for
-- tagraxofusp patients, triad otherwise); its current_evidence is then the
-- evidence at the onset itself, one cls.sign_evidence per sign that held: the
-- criterion met, the value in canonical units and, for a relative criterion, the
-- reference it was compared with.  A sign can hold by more than one rule:
-- hypoalbuminemia by an absolute threshold (albumin < 3.5 g/dL for the drug
-- profile, < 3.0 g/dL for the triad) or by a fall of >= 0.5 g/dL below the
-- patient's baseline (the earliest albumin passed: a patient starting at
-- 4.3 g/dL who falls to 3.7 g/dL has hypoalbuminemia by this rule although 3.7
-- is above the LLN); hypotension by SBP < 90 mmHg, MAP < 65 mmHg or an SBP fall
-- of >= 40 mmHg below baseline; hemoconcentration by hematocrit > 45 %; weight
-- gain by >= 1.5 kg above the previous day's weight or >= 5 % above baseline.
-- Each cell: analyte value (criterion [reference]).  Signs that appeared only later in
-- the episode are in 30_triad_episodes' signs_seen.  The last table checks that
-- this evaluation is suspected exactly at each onset (cls.triad_agg and
-- cls.triad_episodes agree).
--

CREATE TEMP TABLE onset_eval AS
SELECT e.person_id, e.profile, e.episode_no, e.onset,
       (SELECT cls.triad_agg(m.measurement_datetime, m.measurement_concept_id::bigint,
                             m.value_as_number, m.unit_source_value,
                             CASE WHEN e.profile = 'drug' THEN cls.drug_criteria()
                                  ELSE cls.triad_criteria() END)
          FROM omop.measurement m
         WHERE m.person_id = e.person_id
           AND m.measurement_datetime <= e.onset
           AND cls.unit_known(cls.analyte_of(m.measurement_concept_id), m.unit_source_value) IS NOT FALSE) AS t
  FROM demo.triad_episodes e;

SELECT person_id,
       profile,
       to_char(onset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')      AS onset_utc,
       max(why) FILTER (WHERE sign = 'hypoalbuminemia')             AS hypoalbuminemia,
       max(why) FILTER (WHERE sign = 'hypotension')                 AS hypotension,
       max(why) FILTER (WHERE sign = 'hemoconcentration')           AS hemoconcentration,
       max(why) FILTER (WHERE sign = 'weight_gain')                 AS weight_gain,
       max(why) FILTER (WHERE sign = 'hyponatremia')                AS hyponatremia
  FROM (SELECT o.person_id, o.profile, o.episode_no, o.onset, x.sign,
               CASE x.analyte WHEN 'sbp' THEN 'SBP' WHEN 'map' THEN 'MAP' ELSE x.analyte END
               || ' ' || round(x.value::numeric, 1) || ' ' || x.unit || ' ('
               || regexp_replace(x.rule, '^[a-z]+ ', '')
               || coalesce(' ' || round(x.reference::numeric, 1), '') || ')' AS why
          FROM onset_eval o CROSS JOIN LATERAL unnest((o.t).current_evidence) AS x) s
 GROUP BY person_id, profile, episode_no, onset
 ORDER BY profile, person_id, episode_no;

-- How often each rule made hypoalbuminemia hold at onset, per profile.
SELECT o.profile, x.rule AS hypoalbuminemia_rule, count(*) AS episodes
  FROM onset_eval o CROSS JOIN LATERAL unnest((o.t).current_evidence) AS x
 WHERE x.sign = 'hypoalbuminemia'
 GROUP BY o.profile, x.rule
 ORDER BY o.profile, x.rule;

-- The check: every episode's onset is an evaluation time at which the profile holds.
SELECT count(*)                                                          AS episodes,
       count(*) FILTER (WHERE (t).current_at = onset AND (t).current_suspected) AS suspected_at_onset
  FROM onset_eval;
