-- Hemoglobin standing in for hematocrit in hemoconcentration (issue 13,
-- README "The CLS triad"): off by default (no published diagnostic
-- threshold); with hemoglobin_above it counts only where no hematocrit is at
-- hand, and the evidence says so.  Also: the criteria's two 0.3.0 fields
-- read from a value stored by 0.2.0.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- defaults: hemoglobin off, zone UTC; the constructors equal the core
SELECT (cls.triad_criteria()).hemoglobin_above IS NULL AS hgb_off,
       (cls.triad_criteria()).time_zone AS tz,
       (cls.drug_criteria()).hemoglobin_above IS NULL AS drug_hgb_off,
       cls.triad_criteria()::text = cls.criteria_defaults('triad')::text AS triad_same,
       cls.drug_criteria()::text = cls.criteria_defaults('drug')::text AS drug_same;
SELECT (cls.triad_criteria(hemoglobin_above => 18, time_zone => 'America/New_York')).hemoglobin_above,
       (cls.triad_criteria(hemoglobin_above => 18, time_zone => 'America/New_York')).time_zone;

-- an attack reported with hemoglobin only (SBP 85, albumin 2.5, Hb 19.8 g/dL)
CREATE TEMP TABLE hb_obs(pid int, t timestamptz, code text, v float8, u text);
INSERT INTO hb_obs VALUES
  (1, '2024-03-01 00:00+00', 'sbp', 85, 'mmHg'),
  (1, '2024-03-01 01:00+00', 'albumin', 2.5, 'g/dL'),
  (1, '2024-03-01 02:00+00', 'hemoglobin', 19.8, 'g/dL'),
  -- the same in mmol/L (12.3 mmol/L = 19.82 g/dL)
  (2, '2024-03-01 00:00+00', 'sbp', 85, 'mmHg'),
  (2, '2024-03-01 01:00+00', 'albumin', 2.5, 'g/dL'),
  (2, '2024-03-01 02:00+00', 'hemoglobin', 12.3, 'mmol/L'),
  -- a normal hematocrit 10 h earlier is at hand: hemoglobin does not count
  (3, '2024-02-29 16:00+00', 'hematocrit', 40, '%'),
  (3, '2024-03-01 00:00+00', 'sbp', 85, 'mmHg'),
  (3, '2024-03-01 01:00+00', 'albumin', 2.5, 'g/dL'),
  (3, '2024-03-01 02:00+00', 'hemoglobin', 19.8, 'g/dL'),
  -- a high hematocrit: the hematocrit is the evidence
  (4, '2024-02-29 23:00+00', 'hematocrit', 52, '%'),
  (4, '2024-03-01 00:00+00', 'sbp', 85, 'mmHg'),
  (4, '2024-03-01 01:00+00', 'albumin', 2.5, 'g/dL'),
  (4, '2024-03-01 02:00+00', 'hemoglobin', 19.8, 'g/dL'),
  -- a hematocrit one window (72 h) earlier is no longer at hand
  (5, '2024-02-27 02:00+00', 'hematocrit', 40, '%'),
  (5, '2024-03-01 00:00+00', 'sbp', 85, 'mmHg'),
  (5, '2024-03-01 01:00+00', 'albumin', 2.5, 'g/dL'),
  (5, '2024-03-01 02:00+00', 'hemoglobin', 19.8, 'g/dL');

-- default criteria: hemoglobin is not read (never suspected)
SELECT pid, (s).suspected_ever, (s).signs_ever
FROM (SELECT pid, cls.triad_agg(t, code, v, u) AS s FROM hb_obs GROUP BY pid) x ORDER BY pid;

-- hemoglobin_above => 18: patients 1, 2 and 5 by hemoglobin, 4 by hematocrit
SELECT pid, (s).suspected_ever, (s).first_suspected,
       e.analyte, e.rule, round(e.value::numeric, 2) AS value, e.unit, e.at
FROM (SELECT pid, cls.triad_agg(t, code, v, u, cls.triad_criteria(hemoglobin_above => 18)) AS s
      FROM hb_obs GROUP BY pid) x
LEFT JOIN LATERAL unnest((s).first_evidence) e ON e.sign = 'hemoconcentration'
ORDER BY pid;

-- on the threshold: not above it
SELECT (cls.triad_agg(t, code, v, u, cls.triad_criteria(hemoglobin_above => 19.8))).suspected_ever
FROM hb_obs WHERE pid = 1;

-- current values (window 0): hematocrit valid 24 h blocks; a later normal
-- hemoglobin clears the sign
SELECT pid, (s).suspected_ever, (s).current_signs
FROM (SELECT pid, cls.triad_agg(t, code, v, u,
          cls.triad_criteria(hemoglobin_above => 18, cooccurrence_window => '0')) AS s
      FROM (SELECT * FROM hb_obs
            UNION ALL VALUES (6, '2024-02-29 02:00+00'::timestamptz, 'hematocrit', 40, '%'),
                             (6, '2024-03-01 00:00+00', 'sbp', 85, 'mmHg'),
                             (6, '2024-03-01 01:00+00', 'albumin', 2.5, 'g/dL'),
                             (6, '2024-03-01 02:00+00', 'hemoglobin', 19.8, 'g/dL'),
                             (7, '2024-03-01 00:00+00', 'sbp', 85, 'mmHg'),
                             (7, '2024-03-01 01:00+00', 'albumin', 2.5, 'g/dL'),
                             (7, '2024-03-01 02:00+00', 'hemoglobin', 19.8, 'g/dL'),
                             (7, '2024-03-01 03:00+00', 'hemoglobin', 14, 'g/dL')) o
      GROUP BY pid) x
ORDER BY pid;

-- the timeline reads the same stand-in
SELECT p.at, p.suspected, p.signs
FROM (SELECT cls.triad_timeline(t, code, v, u, cls.triad_criteria(hemoglobin_above => 18)) AS tl
      FROM hb_obs WHERE pid = 1) x, unnest(tl) p ORDER BY p.at;

-- errors: a threshold must be positive; a zone PostgreSQL knows; not NULL
\set VERBOSITY default
SELECT cls.triad_criteria(hemoglobin_above => 0);
SELECT cls.drug_criteria(hemoglobin_above => 'NaN');
SELECT cls.triad_criteria(time_zone => 'Mars/Olympus_Mons');
SELECT cls.triad_criteria(time_zone => NULL);
\set VERBOSITY terse

-- A cls.criteria value stored by 0.2.0 had 21 attributes; after the update
-- it reads the two new ones as NULL, which is written here as the 0.2.0
-- text with two empty trailing fields: hemoglobin off, zone UTC.
CREATE TEMP TABLE stored(c cls.criteria);
INSERT INTO stored VALUES
  ('(triad,2,90,65,40,3,0.5,45,,1.5,5,135,t,t,"72:00:00","06:00:00","48:00:00","24:00:00","36:00:00","48:00:00","24:00:00",,)');
SELECT (c).k, (c).hemoglobin_above IS NULL AS hgb_null, (c).time_zone IS NULL AS tz_null,
       cls.hypotension(85, criteria => c) AS hypotension
FROM stored;
SELECT pid, (cls.triad_agg(t, code, v, u, c)).suspected_ever
FROM hb_obs, stored WHERE pid IN (1, 4) GROUP BY pid ORDER BY pid;
-- the 0.2.0 constructors, renamed, still build criteria (hemoglobin off, UTC)
SELECT (cls.triad_criteria_0_2_0(k => 2)).k, (cls.triad_criteria_0_2_0()).time_zone,
       cls.drug_criteria_0_2_0()::text = cls.drug_criteria()::text AS drug_same;
