-- State episodes per patient in plain SQL, the classic gaps-and-islands
-- (lag, running sum, GROUP BY island), implementing cls.state_episodes's
-- documented semantics exactly:
--  - rows with NULL or infinite ts, or NULL active, are ignored;
--  - observations at one time collapse to one, active wins a tie;
--  - an episode [onset, resolution] begins at an active observation; it is
--    resolved at the first observation after its last active one if that is
--    inactive, or at last active + hold if that comes first; an active
--    observation later than the previous active one + hold, or after an
--    inactive one, begins a new episode;
--  - episodes at most max_gap apart (next onset - previous resolution)
--    merge; then episodes with resolution - onset < min_duration are dropped.
-- Parameters (keep equal to state_episodes_cls.sql): max_gap 6 hours,
-- hold 12 hours, min_duration 1 hour (hours, not days: timestamptz + '1 day'
-- would be a calendar day).
-- One row per patient: NULL without a usable observation, '{}' without an
-- episode.
WITH obs AS (
    SELECT patient_id, ts, bool_or(active) AS active
    FROM bench_obs
    WHERE ts IS NOT NULL AND active IS NOT NULL AND isfinite(ts)
    GROUP BY patient_id, ts
),
marked AS (
    SELECT patient_id, ts, active,
           lag(ts) OVER w AS prev_ts,
           lag(active) OVER w AS prev_active,
           lead(ts) OVER w AS next_ts
    FROM obs
    WINDOW w AS (PARTITION BY patient_id ORDER BY ts)
),
runs AS (
    SELECT patient_id, ts, next_ts,
           sum(CASE WHEN prev_active AND ts <= prev_ts + interval '12 hours' THEN 0 ELSE 1 END)
               OVER (PARTITION BY patient_id ORDER BY ts) AS run_id
    FROM marked
    WHERE active
),
episodes AS (
    SELECT patient_id, min(ts) AS onset,
           least(max(ts) + interval '12 hours',
                 max(COALESCE(next_ts, 'infinity'::timestamptz))) AS resolution
    FROM runs
    GROUP BY patient_id, run_id
),
islands AS (
    SELECT patient_id, onset, resolution,
           sum(CASE WHEN onset <= prev_resolution + interval '6 hours' THEN 0 ELSE 1 END)
               OVER (PARTITION BY patient_id ORDER BY onset) AS island
    FROM (SELECT patient_id, onset, resolution,
                 lag(resolution) OVER (PARTITION BY patient_id ORDER BY onset) AS prev_resolution
          FROM episodes) e
),
merged AS (
    SELECT patient_id, min(onset) AS onset, max(resolution) AS resolution
    FROM islands
    GROUP BY patient_id, island
    HAVING max(resolution) - min(onset) >= interval '1 hour'
)
SELECT p.patient_id,
       CASE WHEN p.patient_id IN (SELECT patient_id FROM obs)
            THEN COALESCE(m.episodes, '{}'::tstzmultirange) END AS episodes
FROM (SELECT DISTINCT patient_id FROM bench_obs) p
LEFT JOIN (SELECT patient_id, range_agg(tstzrange(onset, resolution, '[]')) AS episodes
           FROM merged GROUP BY patient_id) m ON m.patient_id = p.patient_id
ORDER BY p.patient_id;
