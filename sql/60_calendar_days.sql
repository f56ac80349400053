-- Calendar days (SPEC 8): cycle days, dosing days, the 21-day cycle and the
-- previous day's weight are counted in dates, day 1 = the first dose's date.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- five doses on five consecutive dates, each a few minutes earlier in the
-- day: cycle days 1-5 (24-hour periods gave 1, 1, 3, 4, 4)
CREATE TEMP TABLE p7 (dose timestamptz);
INSERT INTO p7 VALUES ('2024-06-06 11:34+00'), ('2024-06-07 11:20+00'), ('2024-06-08 11:13+00'),
  ('2024-06-09 11:05+00'), ('2024-06-10 10:59+00');
SELECT dose, (cls.cycle_of(dose, (SELECT array_agg(dose) FROM p7))).* FROM p7 ORDER BY dose;
SELECT c.* FROM unnest((SELECT cls.cycles(dose) FROM p7)) c;

-- a dose at 23:59 and the next at 00:01: days 1 and 2, one day since the first dose
SELECT c.dosing_days,
       cls.days_since_first_dose('2024-06-07 00:01+00', '2024-06-06 23:59+00') AS days_since
FROM unnest(cls.cycles('{2024-06-06 23:59+00, 2024-06-07 00:01+00}'::timestamptz[])) c;

-- a predose lab earlier on the first dose's date is day 1; the date before is day -1
SELECT t, (cls.cycle_of(t, '{2024-06-06 11:34+00}'::timestamptz[])).*
FROM (VALUES ('2024-06-06 07:00+00'::timestamptz), ('2024-06-05 23:59+00'), ('2024-06-05 00:00+00'),
             ('2024-06-04 23:59+00')) v(t);

-- a delayed cycle keeps its own day 1: cycle 1 on 03-04..03-08, cycle 2
-- delayed to 03-28 (the 24th date); the 21-day cycle counts dates: a dose on
-- 03-25 at 01:00 (the 21st date, 20 d 17 h after a 08:00 first dose) starts
-- cycle 2 of the second patient
SELECT person, c.* FROM (VALUES
  (1, '{2024-03-04 08:00+00, 2024-03-05 08:00+00, 2024-03-06 08:00+00, 2024-03-07 08:00+00,
        2024-03-08 08:00+00, 2024-03-28 15:00+00, 2024-03-29 09:00+00}'::timestamptz[]),
  (2, '{2024-03-04 08:00+00, 2024-03-25 01:00+00}')) v(person, doses),
  unnest(cls.cycles(doses)) c ORDER BY 1, 2;
SELECT t, (cls.cycle_of(t, '{2024-03-04 08:00+00, 2024-03-08 08:00+00, 2024-03-28 15:00+00}'::timestamptz[])).*
FROM (VALUES ('2024-03-27 23:00+00'::timestamptz), ('2024-03-28 06:00+00'), ('2024-03-29 06:00+00')) v(t);

-- the previous day's weight is the latest weight on the previous date: a
-- weight at 23:00 and the next at 07:00 the next date (8 h apart; the 0.2.0
-- rule of 12-36 h found no previous weight) -> +1.6 kg, triggered
CREATE TEMP TABLE wobs (ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean);
INSERT INTO wobs VALUES
  ('2024-03-04 23:00+00', 'weight', 70.0, 'kg', NULL, false),
  ('2024-03-04 23:30+00', NULL, NULL, NULL, NULL, true),
  ('2024-03-05 07:00+00', 'weight', 71.6, 'kg', NULL, false),
  ('2024-03-05 09:00+00', NULL, NULL, NULL, NULL, true),
  ('2024-03-06 06:00+00', 'weight', 71.0, 'kg', NULL, false),
  ('2024-03-06 22:00+00', 'weight', 73.0, 'kg', NULL, false),
  ('2024-03-07 09:00+00', NULL, NULL, NULL, NULL, true);
SELECT d.dose_time, d.cycle, d.cycle_day, d.days_since_first_dose, d.weight, d.weight_time,
       d.previous_weight, d.previous_weight_time, d.weight_gain
FROM unnest((SELECT cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose) FROM wobs)) d;
