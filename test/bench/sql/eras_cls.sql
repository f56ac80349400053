-- Interval eras per patient with cls.eras (README "Episode windows").
-- Parameters (keep equal to eras_sql.sql): gap tolerance 24 hours.
-- Table: bench_obs(patient_id bigint, ts timestamptz, active boolean,
--                  lower_ts timestamptz, upper_ts timestamptz)
SELECT patient_id,
       cls.eras(lower_ts, upper_ts, interval '24 hours') AS eras
FROM bench_obs
GROUP BY patient_id
ORDER BY patient_id;
