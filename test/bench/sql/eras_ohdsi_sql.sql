-- Reference (not the baseline: eras_sql.sql is): interval eras per
-- patient in plain SQL, the OHDSI condition_era
-- formulation (start events, end events padded by the gap, running max of
-- the start ordinal to find the end dates, then each start's era end),
-- with cls.eras's documented semantics: closed intervals, NULL upper = a
-- point, NULL lower or lower > upper ignored, a start exactly gap after the
-- latest end merges (start events sort before end events at one time).
-- Parameters (keep equal to eras_cls.sql): gap tolerance 24 hours, written
-- in hours because timestamptz + '1 day' would be a calendar day.
-- One row per patient; NULL for a patient without a usable interval.
WITH cteTarget AS (
    SELECT patient_id, lower_ts AS start_ts, COALESCE(upper_ts, lower_ts) AS end_ts
    FROM bench_obs
    WHERE lower_ts IS NOT NULL AND (upper_ts IS NULL OR upper_ts >= lower_ts)
),
cteEndDates AS (
    SELECT patient_id, event_ts - interval '24 hours' AS end_ts
    FROM (
        SELECT patient_id, event_ts, event_type,
               MAX(start_ordinal) OVER (PARTITION BY patient_id ORDER BY event_ts, event_type
                                        ROWS UNBOUNDED PRECEDING) AS start_ordinal,
               ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY event_ts, event_type) AS overall_ord
        FROM (
            SELECT patient_id, start_ts AS event_ts, -1 AS event_type,
                   ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY start_ts) AS start_ordinal
            FROM cteTarget
            UNION ALL
            SELECT patient_id, end_ts + interval '24 hours', 1, NULL
            FROM cteTarget
        ) rawdata
    ) e
    WHERE 2 * e.start_ordinal - e.overall_ord = 0
),
cteEnds AS (
    SELECT c.patient_id, c.start_ts, MIN(e.end_ts) AS era_end
    FROM cteTarget c
    JOIN cteEndDates e ON e.patient_id = c.patient_id AND e.end_ts >= c.start_ts
    GROUP BY c.patient_id, c.start_ts
),
cteEras AS (
    SELECT patient_id,
           range_agg(tstzrange(era_start, era_end, '[]')) AS eras
    FROM (SELECT patient_id, MIN(start_ts) AS era_start, era_end
          FROM cteEnds GROUP BY patient_id, era_end) s
    GROUP BY patient_id
)
SELECT p.patient_id, x.eras
FROM (SELECT DISTINCT patient_id FROM bench_obs) p
LEFT JOIN cteEras x ON x.patient_id = p.patient_id
ORDER BY p.patient_id;
