-- Dose anchoring on warehouse clocks (timestamp) and in the time zone of the
-- place of care (time_zone of the timestamptz forms): dates, not 24-hour
-- periods, whatever the session TimeZone.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- doses at 11:34, 11:20, 11:13, 11:05, 10:59 on consecutive dates are cycle
-- days 1-5: timestamp (wall clock) and timestamptz (UTC by default, and in
-- New York: the same wall-clock times there)
CREATE TEMP TABLE p7 (dose timestamp);
INSERT INTO p7 VALUES ('2024-06-06 11:34'), ('2024-06-07 11:20'), ('2024-06-08 11:13'),
  ('2024-06-09 11:05'), ('2024-06-10 10:59');
SELECT dose, (cls.cycle_of(dose, (SELECT array_agg(dose) FROM p7))).*,
       pg_typeof((cls.cycle_of(dose, (SELECT array_agg(dose) FROM p7))).cycle_start) AS start_type
FROM p7 ORDER BY dose;
SELECT c.*, pg_typeof(c.start) AS start_type FROM unnest((SELECT cls.cycles(dose) FROM p7)) c;
SELECT (SELECT cls.cycles(dose) FROM p7) = cls.cycles((SELECT array_agg(dose) FROM p7)) AS agg_eq_array;
SELECT dose, (cls.cycle_of(dose AT TIME ZONE 'UTC', (SELECT array_agg(dose AT TIME ZONE 'UTC') FROM p7))).cycle_day AS utc_day,
       (cls.cycle_of(dose AT TIME ZONE 'America/New_York',
                     (SELECT array_agg(dose AT TIME ZONE 'America/New_York') FROM p7),
                     time_zone => 'America/New_York')).cycle_day AS new_york_day
FROM p7 ORDER BY dose;

-- a dose at 23:59 and the next at 00:01: days 1 and 2, one day since the
-- first dose (timestamp; timestamptz in New York: 03:59 and 04:01 UTC)
SELECT c.dosing_days, cls.days_since_first_dose(timestamp '2024-06-07 00:01', '2024-06-06 23:59') AS days_since
FROM unnest(cls.cycles('{2024-06-06 23:59, 2024-06-07 00:01}'::timestamp[])) c;
SELECT c.dosing_days,
       cls.days_since_first_dose('2024-06-07 04:01+00', '2024-06-07 03:59+00', 'America/New_York') AS days_since,
       cls.days_since_first_dose('2024-06-07 04:01+00', '2024-06-07 03:59+00') AS days_since_utc
FROM unnest(cls.cycles('{2024-06-07 03:59+00, 2024-06-07 04:01+00}'::timestamptz[], 'America/New_York')) c;

-- one timestamptz history, three places of care: UTC, New York (UTC-4 in
-- June) and Kolkata (UTC+5:30) date the same instants differently
CREATE TEMP TABLE hist (dose timestamptz);
INSERT INTO hist VALUES ('2024-06-06 12:00+00'), ('2024-06-07 02:00+00'), ('2024-06-07 20:00+00');
SELECT z, to_char(dose AT TIME ZONE z, 'MM-DD HH24:MI') AS local_time,
       (cls.cycle_of(dose, (SELECT array_agg(dose) FROM hist), z)).cycle_day,
       cls.days_since_first_dose(dose, '2024-06-06 12:00+00', time_zone => z) AS days_since
FROM hist, (VALUES ('UTC'), ('America/New_York'), ('Asia/Kolkata')) v(z)
ORDER BY z, dose;
SELECT z, (cls.cycles(array_agg(dose), z))[1].dosing_days AS array_form,
       (cls.cycles(dose, z))[1].dosing_days AS aggregate_form
FROM hist, (VALUES ('UTC'), ('America/New_York'), ('Asia/Kolkata')) v(z) GROUP BY z ORDER BY z;
SELECT cls.cycles(dose) = cls.cycles(dose, 'UTC') AS utc_aggregate_unchanged,
       cls.cycles(dose, 'Etc/UTC') = cls.cycles(dose, 'UTC') AS utc_spellings
FROM hist;

-- a delayed cycle keeps its own day 1: cycle 1 on 03-04..03-08, cycle 2
-- delayed to 03-28 (the 25th date of cycle 1); in Kolkata the 03-27 20:00
-- UTC dose is on 03-28 (01:30), and 03-28 17:00 UTC (22:30 there) is still
-- that cycle's day 1 (its day 2 in UTC)
SELECT c.* FROM unnest(cls.cycles('{2024-03-04 08:00, 2024-03-05 08:00, 2024-03-06 08:00, 2024-03-07 08:00,
  2024-03-08 08:00, 2024-03-28 15:00, 2024-03-29 09:00}'::timestamp[])) c;
SELECT (cls.cycle_of(timestamp '2024-03-29 07:00', '{2024-03-04 08:00, 2024-03-28 15:00, 2024-03-29 09:00}')).*;
SELECT (cls.cycle_of('2024-03-28 17:00+00', '{2024-03-04 08:00+00, 2024-03-27 20:00+00}', 'Asia/Kolkata')).*;
SELECT (cls.cycle_of('2024-03-28 17:00+00', '{2024-03-04 08:00+00, 2024-03-27 20:00+00}')).*;

-- the same answers under every session TimeZone: timestamp forms, and the
-- timestamptz forms given time_zone (the view runs under the current one)
CREATE TEMP TABLE doses_ts (pid int, dose timestamp);
INSERT INTO doses_ts SELECT p, timestamp '2024-03-09 22:30' + (i * 23 + p * 5) * interval '1 hour'
FROM generate_series(1, 3) p, generate_series(0, 40) i WHERE i % 7 < 5;
CREATE TEMP TABLE doses_tz AS SELECT pid, dose AT TIME ZONE 'America/New_York' AS dose FROM doses_ts;
CREATE TEMP VIEW answers AS
SELECT 'ts' AS form, d.pid, d.dose::text AS t, c.cycle, c.cycle_day, c.cycle_start::text AS start,
       cls.days_since_first_dose(d.dose, f.first) AS days_since, a.cy::text AS cycles
FROM doses_ts d
JOIN (SELECT pid, min(dose) AS first, array_agg(dose) AS ds, cls.cycles(dose) AS cy FROM doses_ts GROUP BY pid) a
  USING (pid)
CROSS JOIN LATERAL (SELECT a.first) f
CROSS JOIN LATERAL cls.cycle_of(d.dose, a.ds) c
UNION ALL
SELECT 'tz', d.pid, (d.dose AT TIME ZONE 'America/New_York')::text, c.cycle, c.cycle_day,
       (c.cycle_start AT TIME ZONE 'America/New_York')::text,
       cls.days_since_first_dose(d.dose, a.first, 'America/New_York'),
       (SELECT string_agg(format('%s %s %s', x.cycle_no, x.start AT TIME ZONE 'America/New_York', x.dosing_days), '; ')
        FROM unnest(a.cy) x)
FROM doses_tz d
JOIN (SELECT pid, min(dose) AS first, array_agg(dose) AS ds,
             cls.cycles(dose, 'America/New_York') AS cy FROM doses_tz GROUP BY pid) a USING (pid)
CROSS JOIN LATERAL cls.cycle_of(d.dose, a.ds, 'America/New_York') c;
CREATE TEMP TABLE base AS SELECT * FROM answers;
-- the timestamptz form in New York is the timestamp form on its wall clock
SELECT count(*) AS rows_per_form, count(DISTINCT b.cycle_day) AS distinct_days,
       bool_and(b.cycle = t.cycle AND b.cycle_day = t.cycle_day AND b.start = t.start AND b.days_since = t.days_since)
         AS tz_equals_wall_clock
FROM base b JOIN base t ON t.form = 'tz' AND b.form = 'ts' AND t.pid = b.pid AND t.t = b.t;
SELECT cycles FROM base WHERE pid = 1 AND form = 'ts' LIMIT 1;
SET timezone = 'America/New_York';
SELECT current_setting('timezone') AS tz, count(*) AS differing
FROM ((TABLE base EXCEPT ALL TABLE answers) UNION ALL (TABLE answers EXCEPT ALL TABLE base)) x;
SET timezone = 'Asia/Kolkata';
SELECT current_setting('timezone') AS tz, count(*) AS differing
FROM ((TABLE base EXCEPT ALL TABLE answers) UNION ALL (TABLE answers EXCEPT ALL TABLE base)) x;
SET timezone = 'Pacific/Chatham';
SELECT current_setting('timezone') AS tz, count(*) AS differing
FROM ((TABLE base EXCEPT ALL TABLE answers) UNION ALL (TABLE answers EXCEPT ALL TABLE base)) x;
-- the control: the implicit cast of a timestamp to timestamptz depends on
-- the session TimeZone (what the timestamp forms avoid)
SELECT count(*) FILTER (WHERE cls.days_since_first_dose(dose::timestamptz, timestamp '2024-03-09 22:30'::timestamptz)
                              <> cls.days_since_first_dose(dose, timestamp '2024-03-09 22:30')) > 0
         AS implicit_cast_differs
FROM doses_ts;
SET timezone = 'UTC';

-- IMMUTABLE: an index expression and a generated column on timestamp columns
CREATE TEMP TABLE meas (id int, measurement_datetime timestamp, first_dose timestamp,
  first_dose_tz timestamptz,
  study_day integer GENERATED ALWAYS AS (cls.days_since_first_dose(measurement_datetime, first_dose)) STORED);
INSERT INTO meas (id, measurement_datetime, first_dose, first_dose_tz)
SELECT i, timestamp '2024-06-06 07:00' + i * interval '5 hours', timestamp '2024-06-06 11:34', '2024-06-06 15:34+00'
FROM generate_series(0, 20) i;
CREATE INDEX meas_day ON meas (cls.days_since_first_dose(measurement_datetime, first_dose));
CREATE INDEX meas_day_tz ON meas (cls.days_since_first_dose(measurement_datetime AT TIME ZONE 'America/New_York',
                                                            first_dose_tz, 'America/New_York'));
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM meas WHERE cls.days_since_first_dose(measurement_datetime, first_dose) = 2;
SELECT id, measurement_datetime, study_day FROM meas
WHERE cls.days_since_first_dose(measurement_datetime, first_dose) = 2 ORDER BY id;
SELECT count(*) AS same_in_new_york FROM meas
WHERE cls.days_since_first_dose(measurement_datetime AT TIME ZONE 'America/New_York', first_dose_tz, 'America/New_York')
      = study_day;
RESET enable_seqscan;

-- an unknown zone is a query mistake naming time_zone (22023); a NULL
-- time_zone: NULL from the (strict) functions, an error in the aggregate
DO $$
DECLARE st text; msg text;
BEGIN
  FOR i IN 1..4 LOOP
    BEGIN
      CASE i
        WHEN 1 THEN PERFORM cls.days_since_first_dose(now(), now(), 'Mars/Olympus_Mons');
        WHEN 2 THEN PERFORM cls.cycle_of(now(), ARRAY[now()], 'New York');
        WHEN 3 THEN PERFORM cls.cycles(ARRAY[now()], '');
        ELSE PERFORM cls.cycles(t, 'Europe/Atlantis') FROM (VALUES (now())) v(t);  -- the aggregate
      END CASE;
      RAISE NOTICE 'no error';
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
      RAISE NOTICE '%: %', st, msg;
    END;
  END LOOP;
END $$;
SELECT cls.days_since_first_dose(now(), now(), NULL) IS NULL AS null_zone_null,
       cls.cycle_of(now(), ARRAY[now()], NULL) IS NULL AS cycle_of_null,
       cls.cycles(ARRAY[now()], NULL) IS NULL AS cycles_null;
SELECT cls.cycles(t, NULL) FROM (VALUES (now())) v(t);
-- a POSIX zone spec is a zone too
SELECT (cls.cycle_of('2024-06-07 02:00+00', '{2024-06-06 12:00+00}', 'EST5EDT')).cycle_day AS posix_zone_day;
