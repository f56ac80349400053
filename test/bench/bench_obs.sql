-- test/bench/bench_obs.sql -- the observation table the episode benchmarks
-- (test/bench/sql/*_cls.sql / *_sql.sql pairs over bench_obs) run on, derived
-- from the demo warehouse's omop.measurement (load test/demo/schema.sql and
-- load.sql first).  Used by test/bench.sh and test/t/050_sharding.sh.
--
--   patient_id  omop person_id
--   ts          measurement_datetime
--   active      the value is below the row's own reference-range low
--               (value_as_number < range_low, both in the row's unit); false
--               when the row has no range (vitals, weight) or no value.  In
--               the demo data about 31 % of the rows are active.
--   lower_ts,   the measurement's day: [date_bin('1 day', ts, 2020-01-01 UTC),
--   upper_ts     + 1 day), so interval eras over it are the runs of days on
--               which the patient was measured (every row has an interval).
--   value       value_as_number (for the array_agg(value ORDER BY ts) and
--               avg(value) references)
--
-- Rows are stored in the measurement's time order (measurement_id), like a
-- warehouse loaded by time, so a patient's rows are scattered over the table.
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_obs;
CREATE TABLE bench_obs (
    patient_id  bigint      NOT NULL,
    ts          timestamptz NOT NULL,
    active      boolean     NOT NULL,
    lower_ts    timestamptz NOT NULL,
    upper_ts    timestamptz NOT NULL,
    value       float8
);
INSERT INTO bench_obs (patient_id, ts, active, lower_ts, upper_ts, value)
SELECT person_id,
       measurement_datetime,
       coalesce(value_as_number < range_low, false),
       date_bin(interval '1 day', measurement_datetime, timestamptz '2020-01-01 00:00:00+00'),
       date_bin(interval '1 day', measurement_datetime, timestamptz '2020-01-01 00:00:00+00') + interval '1 day',
       value_as_number
  FROM omop.measurement
 ORDER BY measurement_id;
