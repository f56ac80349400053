-- Tagraxofusp monitoring on wall clocks and in the place of care's time
-- zone (README "Tagraxofusp monitoring"): cls.tagraxofusp_monitor,
-- cls.tagraxofusp_summary and cls.tagraxofusp_days take `timestamp` with no
-- cast and return timestamp fields (cls.tagraxofusp_day_ts,
-- cls.tagraxofusp_cycle_ts) that do not depend on TimeZone; their
-- timestamptz forms date by time_zone.
SET timezone = 'UTC';
SET extra_float_digits = 0;
SET datestyle = 'ISO, YMD';

-- Wall-clock rows of two patients.  Patient 1: five doses at 11:34, 11:20,
-- 11:13, 11:05, 10:59 on consecutive dates from 2024-03-07 (across the
-- 10 March DST change of America/New_York), albumin falling to 3.2 g/dL on
-- day 4, weights every morning and evening.  Patient 2: a dose at 23:59
-- and the next at 00:01, and a second cycle on the 21st date after.
CREATE TEMP TABLE tgo (pid int, ts timestamp, code text, value float8, unit text, dose boolean);
INSERT INTO tgo
SELECT 1, timestamp '2024-03-07 11:34' + d * interval '1 day' - d * interval '7 minutes', NULL, NULL, NULL, true
FROM generate_series(0, 4) d;
INSERT INTO tgo
SELECT 1, timestamp '2024-03-06 07:00' + d * interval '1 day', 'albumin',
       CASE WHEN d < 4 THEN 3.9 ELSE 3.2 END, 'g/dL', false
FROM generate_series(0, 5) d;
INSERT INTO tgo
SELECT 1, timestamp '2024-03-06 07:00' + d * interval '12 hours', 'weight', 70 + d * 0.1, 'kg', false
FROM generate_series(0, 11) d;
INSERT INTO tgo VALUES
 (2, '2024-11-01 06:00', 'albumin', 3.8, 'g/dL', false),
 (2, '2024-11-01 23:00', 'weight', 80, 'kg', false),
 (2, '2024-11-01 23:59', NULL, NULL, NULL, true),
 (2, '2024-11-02 00:01', NULL, NULL, NULL, true),
 (2, '2024-11-02 07:00', 'weight', 80.4, 'kg', false),
 (2, '2024-11-03 01:30', 'albumin', 3.7, 'g/dL', false),
 (2, '2024-11-03 01:45', NULL, NULL, NULL, true),
 (2, '2024-11-22 09:00', 'albumin', 3.9, 'g/dL', false),
 (2, '2024-11-22 10:00', NULL, NULL, NULL, true);

-- the results as text rows, for EXCEPT: every dose day, every cycle, the
-- array form, with and without age and sex
CREATE FUNCTION pg_temp.tgx_rows() RETURNS SETOF text LANGUAGE sql AS $$
SELECT 'monitor ' || pid || ' ' || d::text
FROM (SELECT pid, cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose) m
      FROM tgo GROUP BY pid) s, unnest(s.m) d
UNION ALL
SELECT 'monitor_cg ' || pid || ' ' || d::text
FROM (SELECT pid, cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose, 70::float8, 'F') m
      FROM tgo GROUP BY pid) s, unnest(s.m) d
UNION ALL
SELECT 'summary ' || pid || ' ' || c::text
FROM (SELECT pid, cls.tagraxofusp_summary(ts, code, value, unit, NULL::float8, dose) m
      FROM tgo GROUP BY pid) s, unnest(s.m) c
UNION ALL
SELECT 'summary_cg ' || pid || ' ' || c::text
FROM (SELECT pid, cls.tagraxofusp_summary(ts, code, value, unit, NULL::float8, dose, 70::float8, 'M') m
      FROM tgo GROUP BY pid) s, unnest(s.m) c
UNION ALL
SELECT 'days ' || pid || ' ' || d::text
FROM (SELECT pid, array_agg(ts) t, array_agg(code) c, array_agg(value) v, array_agg(unit) u,
             array_agg(NULL::float8) r, array_agg(dose) o
      FROM tgo GROUP BY pid) s, cls.tagraxofusp_days(s.t, s.c, s.v, s.u, s.r, s.o) d
$$;

-- PostgreSQL picks the timestamp form for a timestamp column: results
-- are timestamp
SELECT pg_typeof(m) AS monitor, pg_typeof(m[1].dose_time) AS dose_time,
       pg_typeof(m[1].albumin_time) AS albumin_time, pg_typeof(s) AS summary,
       pg_typeof(s[1].cycle_start) AS cycle_start,
       pg_typeof((SELECT d FROM cls.tagraxofusp_days(ARRAY[ts], ARRAY[code], ARRAY[value], ARRAY[unit],
                                                       ARRAY[NULL::float8], ARRAY[true]) d LIMIT 1)) AS days
FROM (SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose) m,
             cls.tagraxofusp_summary(ts, code, value, unit, NULL::float8, dose) s,
             min(ts) ts, min(code) code, min(value) value, min(unit) unit
      FROM tgo WHERE pid = 1) x;

-- Cycle days are wall-clock dates: patient 1's doses are days 1-5 (doses
-- a few minutes earlier each date), patient 2's 23:59 and 00:01 doses are
-- days 1 and 2, and the dose on the 21st date after starts cycle 2
SELECT pid, d.dose_time, d.cycle, d.cycle_day, d.days_since_first_dose, d.action,
       d.albumin, d.previous_weight, d.previous_weight_time
FROM (SELECT pid, cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose) m
      FROM tgo GROUP BY pid) s, unnest(s.m) d
ORDER BY pid, d.dose_time;
SELECT pid, c.cycle, c.cycle_start, c.n_doses, c.first_trigger, c.first_trigger_cycle_day,
       c.lowest_albumin, c.lowest_albumin_time
FROM (SELECT pid, cls.tagraxofusp_summary(ts, code, value, unit, NULL::float8, dose) m
      FROM tgo GROUP BY pid) s, unnest(s.m) c
ORDER BY pid, c.cycle;

-- The same rows give the same answer under any TimeZone
CREATE TEMP TABLE tgx_ref AS SELECT * FROM pg_temp.tgx_rows() r;
SELECT count(*) > 20 AS ref_rows FROM tgx_ref;
SET timezone = 'America/New_York';
SELECT current_setting('TimeZone') AS tz,
       (SELECT count(*) FROM (SELECT * FROM tgx_ref EXCEPT ALL SELECT * FROM pg_temp.tgx_rows()) x) AS missing,
       (SELECT count(*) FROM (SELECT * FROM pg_temp.tgx_rows() EXCEPT ALL SELECT * FROM tgx_ref) x) AS extra;
SET timezone = 'Asia/Kolkata';
SELECT current_setting('TimeZone') AS tz,
       (SELECT count(*) FROM (SELECT * FROM tgx_ref EXCEPT ALL SELECT * FROM pg_temp.tgx_rows()) x) AS missing,
       (SELECT count(*) FROM (SELECT * FROM pg_temp.tgx_rows() EXCEPT ALL SELECT * FROM tgx_ref) x) AS extra;
SET timezone = 'Pacific/Chatham';
SELECT current_setting('TimeZone') AS tz,
       (SELECT count(*) FROM (SELECT * FROM tgx_ref EXCEPT ALL SELECT * FROM pg_temp.tgx_rows()) x) AS missing,
       (SELECT count(*) FROM (SELECT * FROM pg_temp.tgx_rows() EXCEPT ALL SELECT * FROM tgx_ref) x) AS extra;
SET timezone = 'UTC';

-- A timestamptz history dated in the place of care's zone.  Doses at
-- 12:00, 20:00 UTC on 1 March and 03:00, 06:00 UTC on 2 March are
-- 07:00, 15:00, 22:00 on 1 March and 01:00 on 2 March in New York (days
-- 1, 1, 1, 2), 17:30 on 1 March and 01:30, 08:30, 11:30 on 2 March in
-- Kolkata (days 1, 2, 2, 2), and days 1, 1, 2, 2 in UTC.
CREATE TEMP TABLE tgz (ts timestamptz, code text, value float8, unit text, dose boolean);
INSERT INTO tgz VALUES
 ('2024-03-01 06:00+00', 'albumin', 3.9, 'g/dL', false),
 ('2024-03-01 12:00+00', NULL, NULL, NULL, true),
 ('2024-03-01 20:00+00', NULL, NULL, NULL, true),
 ('2024-03-02 03:00+00', NULL, NULL, NULL, true),
 ('2024-03-02 06:00+00', NULL, NULL, NULL, true);
SELECT z.zone, array_agg(d.cycle_day ORDER BY d.dose_time) AS cycle_days,
       array_agg(d.days_since_first_dose ORDER BY d.dose_time) AS days_since,
       pg_typeof(min(d.dose_time)) AS dose_time_type
FROM (VALUES ('America/New_York'), ('Asia/Kolkata'), ('UTC')) z(zone),
     unnest((SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose, z.zone) FROM tgz)) d
GROUP BY z.zone ORDER BY z.zone;
-- without time_zone: UTC, as before
SELECT array_agg(d.cycle_day ORDER BY d.dose_time) AS cycle_days_utc
FROM unnest((SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose) FROM tgz)) d;
-- every form with time_zone agrees with the timestamp form on the wall
-- clock of that zone (the same days, the same summary), whatever TimeZone
SET timezone = 'Pacific/Chatham';
SELECT z.zone,
       (SELECT array_agg(d.cycle_day ORDER BY d.dose_time)
        FROM unnest((SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose, 60::float8, 'F', z.zone) FROM tgz)) d)
     = (SELECT array_agg(d.cycle_day ORDER BY d.dose_time)
        FROM unnest((SELECT cls.tagraxofusp_monitor(ts AT TIME ZONE z.zone, code, value, unit, NULL::float8, dose, 60::float8, 'F') FROM tgz)) d)
       AS monitor_same,
       (SELECT array_agg(d.cycle_day ORDER BY d.dose_time)
        FROM (SELECT array_agg(ts) t, array_agg(code) c, array_agg(value) v, array_agg(unit) u,
                     array_agg(NULL::float8) r, array_agg(dose) o FROM tgz) s,
             cls.tagraxofusp_days(s.t, s.c, s.v, s.u, s.r, s.o, time_zone => z.zone) d)
     = (SELECT array_agg(d.cycle_day ORDER BY d.dose_time)
        FROM unnest((SELECT cls.tagraxofusp_monitor(ts AT TIME ZONE z.zone, code, value, unit, NULL::float8, dose) FROM tgz)) d)
       AS days_same,
       (SELECT array_agg((c.cycle, c.n_doses, c.first_trigger_cycle_day, c.days_held)::text)
        FROM unnest((SELECT cls.tagraxofusp_summary(ts, code, value, unit, NULL::float8, dose, z.zone) FROM tgz)) c)
     = (SELECT array_agg((c.cycle, c.n_doses, c.first_trigger_cycle_day, c.days_held)::text)
        FROM unnest((SELECT cls.tagraxofusp_summary(ts AT TIME ZONE z.zone, code, value, unit, NULL::float8, dose) FROM tgz)) c)
       AS summary_same
FROM (VALUES ('America/New_York'), ('Asia/Kolkata')) z(zone) ORDER BY z.zone;
SET timezone = 'UTC';
-- the coded forms take time_zone too
SELECT array_agg(d.cycle_day ORDER BY d.dose_time) AS omop_kolkata
FROM unnest((SELECT cls.tagraxofusp_monitor(ts, NULL::bigint, NULL::float8, NULL::bigint, NULL::float8, true, 'Asia/Kolkata')
             FROM tgz WHERE dose)) d;
SELECT array_agg(c.n_doses) AS itemid_new_york
FROM unnest((SELECT cls.tagraxofusp_summary(ts, NULL::bigint, NULL::float8, NULL::text, NULL::float8, true, 70::float8, 'M', 'America/New_York')
             FROM tgz WHERE dose)) c;

-- Query mistakes: a NULL time_zone (22004), an unknown one (22023), two
-- zones in one group (22023)
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
SELECT pg_temp.sqlstate_of($$SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose, NULL::text) FROM tgz$$) AS null_zone;
SELECT pg_temp.sqlstate_of($$SELECT cls.tagraxofusp_days(ARRAY[ts], ARRAY[code], ARRAY[value], ARRAY[unit], ARRAY[NULL::float8], ARRAY[dose], time_zone => NULL) FROM tgz$$) AS null_zone_days;
SELECT pg_temp.sqlstate_of($$SELECT cls.tagraxofusp_summary(ts, code, value, unit, NULL::float8, dose, 'Mars/Olympus_Mons') FROM tgz$$) AS unknown_zone;
SELECT pg_temp.sqlstate_of($$SELECT cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose,
                                    CASE WHEN dose THEN 'Asia/Kolkata' ELSE 'America/New_York' END) FROM tgz$$) AS two_zones;
-- one zone per group: different groups may differ
SELECT z, cardinality(cls.tagraxofusp_monitor(ts, code, value, unit, NULL::float8, dose, z)) AS doses
FROM tgz, (VALUES ('Asia/Kolkata'), ('America/New_York')) v(z) GROUP BY z ORDER BY z;
