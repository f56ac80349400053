-- Interval eras per patient in plain SQL, the form an expert writes: pad
-- each interval's end by the gap, let range_agg merge what overlaps or
-- touches, then take the padding off each merged era.  cls.eras's
-- documented semantics: closed intervals, NULL upper = a point, NULL lower
-- or lower > upper ignored, a start exactly gap after the latest end merges
-- (the padded closed ranges touch).  Taking the padding off cannot make two
-- eras touch: they were more than gap apart.  The OHDSI condition_era script
-- is kept as a reference: eras_ohdsi_sql.sql.
-- Parameters (keep equal to eras_cls.sql): gap tolerance 24 hours, written
-- in hours because timestamptz + '1 day' would be a calendar day.
-- One row per patient; NULL for a patient without a usable interval.
SELECT patient_id,
       (SELECT range_agg(tstzrange(lower(e), upper(e) - interval '24 hours', '[]'))
          FROM unnest(padded) e) AS eras
FROM (SELECT patient_id,
             range_agg(tstzrange(lower_ts, COALESCE(upper_ts, lower_ts) + interval '24 hours', '[]'))
                 FILTER (WHERE lower_ts IS NOT NULL AND (upper_ts IS NULL OR upper_ts >= lower_ts)) AS padded
      FROM bench_obs
      GROUP BY patient_id) p
ORDER BY patient_id;
