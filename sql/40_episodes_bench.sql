-- The benchmark queries (test/bench/sql): the plain-SQL formulations (the
-- baselines and the OHDSI era script kept as a reference) give
-- exactly the cls results on ~1000 generated rows with ties, duplicates,
-- NULLs, points and impossible intervals.  Run from the source tree (the
-- queries are read from test/bench/sql/).
SET timezone = 'UTC';
SET extra_float_digits = 0;

CREATE TABLE bench_obs(patient_id bigint, ts timestamptz, active boolean,
                       lower_ts timestamptz, upper_ts timestamptz);
INSERT INTO bench_obs
SELECT p,
       CASE WHEN (i * 7 + p) % 53 = 0 THEN NULL
            ELSE '2024-01-01'::timestamptz + ((i * 37 + p * 11) % 400) * interval '1 hour'
                 + ((i * 13) % 4) * interval '15 minutes' END,
       CASE WHEN (i * 5 + p) % 41 = 0 THEN NULL ELSE ((i * i + p) % 7) < 3 END,
       CASE WHEN (i + p) % 47 = 0 THEN NULL
            ELSE '2024-01-01'::timestamptz + ((i * 29 + p * 3) % 1200) * interval '1 hour' END,
       CASE WHEN (i * 3 + p) % 31 = 0 THEN NULL
            WHEN (i + 2 * p) % 43 = 0 THEN '2024-01-01'::timestamptz + ((i * 29 + p * 3) % 1200 - 1) * interval '1 hour'
            ELSE '2024-01-01'::timestamptz + ((i * 29 + p * 3) % 1200 + (i * 17 + p) % 30) * interval '1 hour' END
FROM generate_series(1, 20) p, generate_series(1, 50) i;
-- a patient without usable rows, one with only inactive observations and
-- impossible intervals, one with an infinite time
INSERT INTO bench_obs VALUES (21, NULL, true, NULL, '2024-01-01'), (21, NULL, NULL, NULL, NULL),
  (22, '2024-01-01', false, '2024-01-02', '2024-01-01'), (22, '2024-01-02', false, NULL, NULL),
  (23, 'infinity', true, '2024-01-01', NULL), (23, '2024-01-01', true, '2024-01-01', '2024-01-01');

\set eras_cls `cat test/bench/sql/eras_cls.sql`
\set eras_sql `cat test/bench/sql/eras_sql.sql`
\set eras_ohdsi `cat test/bench/sql/eras_ohdsi_sql.sql`
\set state_cls `cat test/bench/sql/state_episodes_cls.sql`
\set state_sql `cat test/bench/sql/state_episodes_sql.sql`
CREATE TEMP VIEW eras_cls AS :eras_cls
CREATE TEMP VIEW eras_sql AS :eras_sql
CREATE TEMP VIEW eras_ohdsi AS :eras_ohdsi
CREATE TEMP VIEW state_cls AS :state_cls
CREATE TEMP VIEW state_sql AS :state_sql

-- the data is not trivial: eras and episodes merge, NULL and empty results occur
SELECT (SELECT count(*) FROM bench_obs) AS rows,
       (SELECT count(*) FROM eras_cls) AS patients,
       (SELECT sum((SELECT count(*) FROM unnest(eras))) FROM eras_cls) AS eras,
       (SELECT count(*) FROM eras_cls WHERE eras IS NULL) AS null_eras,
       (SELECT sum((SELECT count(*) FROM unnest(episodes))) FROM state_cls) AS episodes,
       (SELECT count(*) FROM state_cls WHERE episodes IS NULL) AS null_episodes,
       (SELECT count(*) FROM state_cls WHERE episodes = '{}') AS empty_episodes;

-- identical results, row by row (NULLs compared as equal)
SELECT count(*) AS eras_rows, count(*) FILTER (WHERE c.eras IS DISTINCT FROM s.eras) AS eras_differ
FROM eras_cls c FULL JOIN eras_sql s USING (patient_id);
SELECT count(*) AS eras_rows, count(*) FILTER (WHERE c.eras IS DISTINCT FROM s.eras) AS eras_ohdsi_differ
FROM eras_cls c FULL JOIN eras_ohdsi s USING (patient_id);
SELECT count(*) AS state_rows, count(*) FILTER (WHERE c.episodes IS DISTINCT FROM s.episodes) AS state_differ
FROM state_cls c FULL JOIN state_sql s USING (patient_id);
SELECT * FROM eras_cls WHERE patient_id IN (21, 22, 23) ORDER BY patient_id;
SELECT * FROM state_cls WHERE patient_id IN (21, 22, 23) ORDER BY patient_id;

DROP TABLE bench_obs CASCADE;
