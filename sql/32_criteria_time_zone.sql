-- The criteria's time_zone (issue 13, README "Conventions"): on timestamptz
-- input the label's "previous day's weight" is the latest weight on the
-- previous date at the place of care, dated in the zone written in the
-- query (default UTC); durations stay elapsed time.  The answer does not
-- depend on the session's TimeZone.
SET extra_float_digits = 0;

CREATE TEMP TABLE tz_w(pid int, t timestamptz, code text, v float8, u text);
INSERT INTO tz_w VALUES
  -- 01:00 and 19:00 UTC on 1 March: one UTC date; in New York 20:00 on
  -- 29 Feb and 14:00 on 1 March; in Kolkata 06:30 and 00:30 (2 March)
  (1, '2024-03-01 01:00+00', 'weight', 70, 'kg'),
  (1, '2024-03-01 19:00+00', 'weight', 71.6, 'kg'),
  -- 10:00 and 20:00 UTC: one date in UTC and New York; in Kolkata 15:30
  -- and 01:30 the next date
  (2, '2024-03-01 10:00+00', 'weight', 70, 'kg'),
  (2, '2024-03-01 20:00+00', 'weight', 71.6, 'kg'),
  -- 23:00 and 07:00 the next UTC date (8 h apart, a day apart by date)
  (3, '2024-03-01 23:00+00', 'weight', 70, 'kg'),
  (3, '2024-03-02 07:00+00', 'weight', 71.6, 'kg');

CREATE FUNCTION pg_temp.gains(zone text)
RETURNS TABLE(pid int, largest_weight_gain numeric, weight_gain boolean)
LANGUAGE sql AS $$
  SELECT pid, round((s).largest_weight_gain::numeric, 2),
         'weight_gain' = ANY ((s).signs_ever)
  FROM (SELECT pid, cls.triad_agg(t, code, v, u, cls.drug_criteria(time_zone => zone)) AS s
        FROM tz_w GROUP BY pid) x
  ORDER BY pid
$$;

SET timezone = 'UTC';
SELECT 'UTC' AS zone, * FROM pg_temp.gains('UTC')
UNION ALL SELECT 'America/New_York', * FROM pg_temp.gains('America/New_York')
UNION ALL SELECT 'Asia/Kolkata', * FROM pg_temp.gains('Asia/Kolkata')
ORDER BY 1, 2;

-- the same under another session TimeZone (the zone is the query's)
SET timezone = 'Pacific/Chatham';
SELECT 'America/New_York' AS zone, * FROM pg_temp.gains('America/New_York')
UNION ALL SELECT 'Asia/Kolkata', * FROM pg_temp.gains('Asia/Kolkata')
ORDER BY 1, 2;
SET timezone = 'UTC';

-- the default criteria date in UTC, as 0.2.0 did
SELECT pid, round((cls.triad_agg(t, code, v, u, cls.drug_criteria())).largest_weight_gain::numeric, 2) AS largest_weight_gain
FROM tz_w GROUP BY pid ORDER BY pid;

-- the episodes read the same calendar: the onset's cycle
-- day counts local dates from the first dose (a dose at 23:30 UTC on 29 Feb
-- is 1 March in Kolkata, 29 Feb in UTC; the onset at 10:00 UTC on 1 March is
-- day 1 in Kolkata, day 2 in UTC)
SELECT zone, e.onset, e.cycle, e.cycle_day, e.days_since_first_dose
FROM (VALUES ('UTC'), ('Asia/Kolkata')) z(zone),
LATERAL (SELECT cls.triad_episodes(t, code, v, u, cls.drug_criteria(time_zone => z.zone),
                                   NULL::tstzmultirange, ARRAY['2024-02-29 23:30+00'::timestamptz]) AS eps
         FROM (VALUES ('2024-03-01 10:00+00'::timestamptz, 'albumin', 3.0::float8, 'g/dL'),
                      ('2024-03-01 10:00+00', 'sbp', 85, 'mmHg')) o(t, code, v, u)) x,
LATERAL unnest(x.eps) e
ORDER BY 1;

-- an unknown zone is a query mistake
\set VERBOSITY default
SELECT cls.drug_criteria(time_zone => 'Europe/Atlantis');
\set VERBOSITY terse
