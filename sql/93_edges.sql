-- Edges of time and small contract breaks found by the second red-team pass
-- (issue 11, sections 2 and 3, glue): every span cls computes saturates and
-- is never negative; every time cls reports lies in PostgreSQL's timestamp
-- range (or is +/-infinity), so that a table built from cls output can be
-- dumped and restored; one rule for a usable ULN; error messages quote at
-- most 64 bytes; baselines on some rows and NULL on others are refused; a
-- large constant argument is compared by reference, not byte by byte.
SET timezone = 'UTC';
SET extra_float_digits = 0;
SET max_parallel_workers_per_gather = 0;

-- A result time is valid when it survives a text round trip: COPY TO (and
-- pg_dump) writes a value with the type's output function, COPY FROM (and
-- pg_restore) reads it back with its input function, which refuses a time
-- beyond the range ("timestamp out of range").
CREATE FUNCTION pg_temp.copyable(t timestamptz) RETURNS boolean LANGUAGE sql AS
$$ SELECT t IS NULL OR (t::text)::timestamptz = t $$;

-- The exact case of the issue: the end saturates (1990 + 106751991 days is
-- past the last timestamp), the duration is unbounded, never negative.
SELECT (e).onset, (e).end, (e).duration, (e).duration >= '0' AS non_negative,
       pg_temp.copyable((e).end) AS copyable
FROM (SELECT unnest(cls.triad_episodes(ts, code, v, unit,
         cls.triad_criteria(k => 1, cooccurrence_window => '0', bp_valid => '106751991 days'))) e
      FROM (VALUES ('1990-01-01'::timestamptz, 'sbp', 80::float8, 'mmHg'),
                   ('2020-01-01', 'sbp', 80, 'mmHg')) x(ts, code, v, unit)) s;
-- The same rows with an onset after 2000-01-01 (the other sign of the
-- microsecond count).
SELECT (e).onset, (e).end, (e).duration >= '0' AS non_negative
FROM (SELECT unnest(cls.triad_episodes(ts, code, v, unit,
         cls.triad_criteria(k => 1, cooccurrence_window => '0', bp_valid => '106751991 days'))) e
      FROM (VALUES ('2010-01-01'::timestamptz, 'sbp', 80::float8, 'mmHg'),
                   ('2020-01-01', 'sbp', 80, 'mmHg')) x(ts, code, v, unit)) s;

-- An observation at 294276-12-31 23:00+00: until = + 72 h would be
-- 294277-01-03, which PostgreSQL refuses; cls reports infinity.
CREATE TEMP TABLE late (ts timestamptz, code text, v float8, unit text);
INSERT INTO late VALUES
  ('294276-12-31 23:00+00', 'sbp', 80, 'mmHg'),
  ('294276-12-31 23:00+00', 'albumin', 2.0, 'g/dL'),
  ('294276-12-31 23:00+00', 'hematocrit', 60, '%');
SELECT (p).at, (p).until, (p).suspected, pg_temp.copyable((p).at) AND pg_temp.copyable((p).until) AS copyable
FROM (SELECT unnest(cls.triad_timeline(ts, code, v, unit, cls.triad_criteria(k => 1))) p FROM late) s;
SELECT (e).onset, (e).end, (e).duration, pg_temp.copyable((e).end) AS copyable
FROM (SELECT unnest(cls.triad_episodes(ts, code, v, unit)) e FROM late) s;
SELECT (s).suspected_ever, (s).first_suspected, (s).suspected_duration, (s).current_at
FROM (SELECT cls.triad_agg(ts, code, v, unit) s FROM late) x;
-- the earliest timestamp: nothing is computed before it
SELECT (p).at, (p).until, pg_temp.copyable((p).until) AS copyable
FROM (SELECT unnest(cls.triad_timeline(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(k => 1))) p
      FROM (VALUES ('4714-11-24 00:00+00 BC'::timestamptz)) x(ts)) s;
-- state episodes with a huge hold (already clamped in 0.2.0, now by the
-- same mechanism)
SELECT cls.state_episodes(t, a, '0', '106751991 days')
FROM (VALUES ('294276-12-31 23:00+00'::timestamptz, true)) x(t, a);
-- a table built from cls output can be dumped and restored
CREATE TEMP TABLE out_points AS
SELECT (p).* FROM (SELECT unnest(cls.triad_timeline(ts, code, v, unit, cls.triad_criteria(k => 1))) p FROM late) s;
CREATE TEMP TABLE out_episodes AS
SELECT (e).onset, (e).end, (e).duration FROM (SELECT unnest(cls.triad_episodes(ts, code, v, unit)) e FROM late) s;
SELECT count(*) AS restorable
FROM out_points p, out_episodes e
WHERE pg_temp.copyable(p.at) AND pg_temp.copyable(p.until)
  AND pg_temp.copyable(e.onset) AND pg_temp.copyable(e.end);

-- One rule for a usable ULN: a denormal ULN makes ALT / ULN infinite, so
-- cls.tagraxofusp_check and cls.tagraxofusp_monitor both say "ALT without
-- its ULN".
SELECT d.transaminases, (SELECT r FROM unnest(d.not_evaluable) r WHERE r LIKE 'transaminases%') AS why
FROM cls.tagraxofusp_check(alt => 50, alt_uln => 4.9e-324) d;
SELECT d.transaminases, (SELECT r FROM unnest(d.not_evaluable) r WHERE r LIKE 'transaminases%') AS why
FROM unnest((SELECT cls.tagraxofusp_monitor(ts, code, value, unit, ref_high, dose)
             FROM (VALUES ('2024-01-01 07:00+00'::timestamptz, 'alt', 50::float8, 'U/L', 4.9e-324::float8, false),
                          ('2024-01-01 08:00+00', NULL, NULL, NULL, NULL, true))
                  x(ts, code, value, unit, ref_high, dose))) d;

-- An input error quotes at most 64 bytes of the bad value.
DO $$
BEGIN
  PERFORM cls.tagraxofusp_check(hypersensitivity => repeat('x', 1000000));
EXCEPTION WHEN invalid_parameter_value THEN
  RAISE NOTICE 'error message of % bytes: %', octet_length(SQLERRM), left(SQLERRM, 40);
END $$;

-- Baselines on some rows and NULL on others: 22023, in either order, as
-- exclusions and doses already are.
SELECT cls.triad_agg(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(), b)
FROM (VALUES ('2024-01-01'::timestamptz, cls.baselines()), ('2024-01-02', NULL)) x(ts, b);
SELECT cls.triad_agg(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(), b)
FROM (VALUES ('2024-01-01'::timestamptz, NULL::cls.triad_baselines), ('2024-01-02', cls.baselines())) x(ts, b);
-- the same in a parallel plan, where the mix may only meet in the combine
-- function (the SQLSTATE, whichever process raises it); not a temporary
-- table, which no parallel worker can read
CREATE TABLE edges_mixed AS
SELECT '2024-01-01'::timestamptz + i * interval '1 minute' AS ts,
       CASE WHEN i > 20000 THEN cls.baselines(sbp => 120) END AS b
FROM generate_series(1, 40000) i;
ANALYZE edges_mixed;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
DO $$
BEGIN
  PERFORM cls.triad_agg(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(), b) FROM edges_mixed;
EXCEPTION WHEN invalid_parameter_value THEN
  RAISE NOTICE 'parallel: % (%)', SQLERRM, SQLSTATE;
END $$;
RESET parallel_setup_cost; RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size; SET max_parallel_workers_per_gather = 0;
DROP TABLE edges_mixed;
-- NULL on every row is fine (no baselines), as is one value on every row
SELECT (cls.triad_agg(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(), b)).n_used AS used
FROM (VALUES ('2024-01-01'::timestamptz, NULL::cls.triad_baselines), ('2024-01-02', NULL)) x(ts, b);
SELECT (cls.triad_agg(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(), b)).n_used AS used
FROM (VALUES ('2024-01-01'::timestamptz, cls.baselines(sbp => 120)), ('2024-01-02', cls.baselines(sbp => 120))) x(ts, b);

-- A constant argument of the query (a 2 MB exclusions multirange) is
-- compared by reference on every row, not byte by byte: the mechanism says
-- so once per group (DEBUG1); an argument from a column is not a constant
-- and is still checked by value.
SELECT octet_length(m::text) > 2000000 AS two_mb
FROM (SELECT range_agg(tstzrange(t, t + interval '1 second')) m
      FROM generate_series('2000-01-01'::timestamptz, '2000-01-01'::timestamptz + 39999 * interval '1 minute', '1 minute') t) s;
SELECT format($q$SELECT cardinality(cls.triad_episodes(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(k => 1), %L::tstzmultirange))
  FROM generate_series('2024-01-01'::timestamptz, '2024-01-01'::timestamptz + 39999 * interval '1 minute', '1 minute') ts$q$, m) AS q
FROM (SELECT range_agg(tstzrange(t, t + interval '1 second')) m
      FROM generate_series('2000-01-01'::timestamptz, '2000-01-01'::timestamptz + 39999 * interval '1 minute', '1 minute') t) s
\gset
SET client_min_messages = debug1;
:q;
SELECT cardinality(cls.triad_episodes(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(k => 1), x))
FROM (VALUES ('2024-01-01'::timestamptz, '{[2024-01-01,2024-01-02]}'::tstzmultirange),
             ('2024-01-01 01:00', '{[2024-01-01,2024-01-02]}')) v(ts, x);
RESET client_min_messages;
-- values from a column that differ are still refused
SELECT cls.triad_episodes(ts, 'sbp', 80, 'mmHg', cls.triad_criteria(k => 1), x)
FROM (VALUES ('2024-01-01'::timestamptz, '{[2024-01-01,2024-01-02]}'::tstzmultirange),
             ('2024-01-01 01:00', '{[2024-01-01,2024-01-03]}')) v(ts, x);
