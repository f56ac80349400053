-- State episodes per patient with cls.state_episodes (README "Episode
-- windows").  Parameters (keep equal to state_episodes_sql.sql):
-- max_gap 6 hours, hold 12 hours, min_duration 1 hour.
-- Table: bench_obs(patient_id bigint, ts timestamptz, active boolean,
--                  lower_ts timestamptz, upper_ts timestamptz)
SELECT patient_id,
       cls.state_episodes(ts, active, interval '6 hours', interval '12 hours',
                          interval '1 hour') AS episodes
FROM bench_obs
GROUP BY patient_id
ORDER BY patient_id;
