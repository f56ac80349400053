-- Timestamp forms (README "Time zones"): every episode, triad and era
-- aggregate takes `timestamp` (OMOP measurement_datetime, MIMIC-IV
-- charttime) with no cast, returns timestamp results (tsmultirange,
-- cls.*_ts row types), and gives the same answer under any TimeZone,
-- across both 2024 DST changes of America/New_York (10 March, 3 November);
-- a duration is the plain wall-clock difference.
SET timezone = 'UTC';
SET extra_float_digits = 0;
SET datestyle = 'ISO, YMD';

-- Wall-clock observations.  Patient 1: an idiopathic attack from
-- 2024-03-08 00:00 (hypotension and hemoconcentration at +24 h, albumin at
-- +64 h, all normal at +100 h): its 72 h window spans the 10 March change.
-- Patient 2: the same from 2024-11-01 00:00, across 3 November.  Patient 3:
-- a drug-profile course across 10 March with doses.
CREATE TEMP TABLE tso (pid int, ts timestamp, code text, value float8, unit text);
CREATE FUNCTION pg_temp.attack(p int, base timestamp) RETURNS void LANGUAGE sql AS $$
INSERT INTO tso
SELECT p, base + h * interval '1 hour', c, v, u
FROM (VALUES (0, 'sbp', 120, 'mmHg'), (0, 'hematocrit', 40, '%'), (0, 'albumin', 40, 'g/L'),
             (24, 'sbp', 80, 'mmHg'), (24, 'hematocrit', 0.52, 'L/L'), (36, '8480-6', 75, 'mm[Hg]'),
             (64, 'albumin', 2.2, 'g/dL'), (72, 'sbp', 110, 'mmHg'), (72, 'hematocrit', 44, '%'),
             (100, 'albumin', 3.2, 'g/dL'), (100, 'hematocrit', 42, '%'), (100, 'sbp', 118, 'mmHg')) x(h, c, v, u) $$;
SELECT pg_temp.attack(1, '2024-03-08 00:00'), pg_temp.attack(2, '2024-11-01 00:00');
INSERT INTO tso VALUES
 (3, '2024-03-08 00:00', 'albumin', 3.8, 'g/dL'), (3, '2024-03-08 00:00', 'weight', 70, 'kg'),
 (3, '2024-03-09 00:00', 'weight', 70.2, 'kg'),
 (3, '2024-03-10 01:30', 'albumin', 3.3, 'g/dL'), (3, '2024-03-10 02:30', 'weight', 72.0, 'kg'),
 (3, '2024-03-12 00:00', 'albumin', 3.6, 'g/dL'), (3, '2024-03-13 10:00', 'albumin', 3.8, 'g/dL');
CREATE TEMP TABLE tso_excl (pid int, excl tsmultirange, doses timestamp[]);
INSERT INTO tso_excl VALUES
 (1, '{["2024-03-11 12:00","2024-03-11 13:00"]}', ARRAY['2024-03-07 23:30'::timestamp]),
 (2, '{["2024-11-03 01:30","2024-11-03 02:30"]}', ARRAY['2024-11-01 08:00'::timestamp, '2024-11-02 07:00']),
 (3, NULL, ARRAY['2024-03-07 11:34'::timestamp, '2024-03-08 11:20', '2024-03-09 11:13', '2024-03-10 11:05']);

-- PostgreSQL's overload resolution picks the timestamp form for a
-- timestamp column (NULL / untyped exclusions and doses included), the
-- timestamptz form for timestamptz, the date form of cls.eras for dates.
SELECT pg_typeof(cls.eras(ts, ts + interval '1 hour', '1 day')) AS eras_ts,
       pg_typeof(cls.eras(ts::timestamptz, ts::timestamptz, '1 day')) AS eras_tstz,
       pg_typeof(cls.eras(ts::date, ts::date, 1)) AS eras_date,
       pg_typeof(cls.state_episodes(ts, value < 90, '1 day', '3 days')) AS state_episodes,
       pg_typeof(cls.state_episodes(ts, value < 90, '1 day', '3 days', '0')) AS state_episodes_5,
       pg_typeof(cls.triad_agg(ts, code, value, unit)) AS triad_agg,
       pg_typeof(cls.triad_timeline(ts, code, value, unit)) AS triad_timeline,
       pg_typeof(cls.triad_episodes(ts, code, value, unit)) AS triad_episodes,
       pg_typeof(cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), NULL, NULL)) AS with_nulls,
       pg_typeof(cls.triad_episodes(ts, code, value, unit, cls.triad_criteria(), '{[2024-03-01,2024-03-02]}', '{2024-03-01}')) AS with_literals,
       pg_typeof(cls.triad_episodes(ts::timestamptz, code, value, unit)) AS triad_episodes_tstz
FROM tso;
SELECT pg_typeof(cls.triad_agg(ts, 3004249::bigint, value, unit)) AS triad_agg_bigint,
       pg_typeof(cls.triad_timeline(ts, 3004249::bigint, value, unit, cls.triad_criteria())) AS timeline_bigint,
       pg_typeof(cls.triad_episodes(ts, 3004249::bigint, value, unit, cls.triad_criteria(), NULL, NULL, cls.episode_params())) AS episodes_bigint
FROM tso WHERE code = 'sbp';

-- The timestamp row types have the fields of the timestamptz ones, with
-- timestamp for timestamptz and tsrange for tstzrange (no row: in step).
SELECT t.typname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS ts_form,
       format_type(b.atttypid, b.atttypmod) AS tstz_form
FROM pg_type t JOIN pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0
FULL JOIN (pg_type u JOIN pg_attribute b ON b.attrelid = u.typrelid AND b.attnum > 0)
  ON u.typname || '_ts' = t.typname AND b.attnum = a.attnum
WHERE (t.typnamespace = 'cls'::regnamespace AND t.typname IN ('triad_episode_ts', 'triad_summary_ts', 'triad_point_ts', 'sign_evidence_ts'))
   OR (u.typnamespace = 'cls'::regnamespace AND u.typname IN ('triad_episode', 'triad_summary', 'triad_point', 'sign_evidence'))
GROUP BY 1, 2, 3, 4, 5, b.attname
HAVING a.attname IS DISTINCT FROM b.attname
    OR replace(replace(replace(format_type(a.atttypid, a.atttypmod), 'without', 'with'), 'tsrange', 'tstzrange'), '_ts[]', '[]')
       IS DISTINCT FROM format_type(b.atttypid, b.atttypmod)
ORDER BY 1, 2;

-- Each timestamp aggregate has the combine, serialize and deserialize
-- functions, state size and PARALLEL SAFE of its timestamptz form, and
-- all its functions are IMMUTABLE.
SELECT a.aggfnoid::regprocedure AS ts_form_differs
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.pronamespace = 'cls'::regnamespace AND p.proargtypes[0] = 'timestamp'::regtype
  AND (NOT EXISTS (
    SELECT 1 FROM pg_aggregate b JOIN pg_proc q ON q.oid = b.aggfnoid
    WHERE q.pronamespace = p.pronamespace AND q.proname = p.proname
      AND q.pronargs = p.pronargs AND q.proargtypes[0] = 'timestamptz'::regtype
      AND b.aggcombinefn = a.aggcombinefn AND b.aggserialfn = a.aggserialfn
      AND b.aggdeserialfn = a.aggdeserialfn AND b.aggtransspace = a.aggtransspace
      AND b.aggfinalmodify = a.aggfinalmodify AND q.proparallel = p.proparallel
      AND (SELECT prosrc FROM pg_proc WHERE oid = b.aggfinalfn) = (SELECT prosrc FROM pg_proc WHERE oid = a.aggfinalfn)
      AND (SELECT prosrc FROM pg_proc WHERE oid = b.aggtransfn) = (SELECT prosrc FROM pg_proc WHERE oid = a.aggtransfn))
   OR p.proparallel <> 's'
   OR EXISTS (SELECT 1 FROM pg_proc f WHERE f.oid IN (a.aggtransfn, a.aggfinalfn) AND f.provolatile <> 'i'))
ORDER BY 1;
SELECT p.proname, count(*) AS timestamp_forms
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.pronamespace = 'cls'::regnamespace AND p.proargtypes[0] = 'timestamp'::regtype
GROUP BY 1 ORDER BY 1;

-- Every result of every form on these rows, as text (a timestamp prints
-- the same under any TimeZone).
-- The query is written once, over a table of observations (o) and one of
-- exclusions and doses (x) of either time kind.
CREATE FUNCTION pg_temp.results(o regclass, x regclass) RETURNS TABLE (fn text, pid int, r text)
LANGUAGE plpgsql AS $f$
BEGIN
RETURN QUERY EXECUTE replace(replace($q$
SELECT 'eras', pid, cls.eras(ts, ts + interval '30 minutes', '36 hours')::text FROM :o GROUP BY pid
UNION ALL
SELECT 'state_episodes', pid, cls.state_episodes(ts, value < 90, '24 hours', '72 hours')::text
FROM :o WHERE code IN ('sbp', '8480-6') GROUP BY pid
UNION ALL
SELECT 'state_episodes 5', pid, cls.state_episodes(ts, value < 90, '1 hour', '12 hours', '2 hours')::text
FROM :o WHERE code IN ('sbp', '8480-6') GROUP BY pid
UNION ALL
SELECT 'triad_agg', pid, cls.triad_agg(ts, code, value, unit)::text FROM :o GROUP BY pid
UNION ALL
SELECT 'triad_agg drug', pid, cls.triad_agg(ts, code, value, unit, cls.drug_criteria())::text FROM :o GROUP BY pid
UNION ALL
SELECT 'triad_agg baselines', pid, cls.triad_agg(ts, code, value, unit, cls.triad_criteria(), cls.baselines(sbp => 130))::text FROM :o GROUP BY pid
UNION ALL
SELECT 'triad_timeline', pid, cls.triad_timeline(ts, code, value, unit)::text FROM :o GROUP BY pid
UNION ALL
SELECT 'triad_timeline drug', pid, cls.triad_timeline(ts, code, value, unit, cls.drug_criteria())::text FROM :o GROUP BY pid
UNION ALL
SELECT 'triad_episodes', pid, cls.triad_episodes(ts, code, value, unit)::text FROM :o GROUP BY pid
UNION ALL
SELECT 'triad_episodes drug', pid, cls.triad_episodes(ts, code, value, unit, cls.drug_criteria())::text FROM :o GROUP BY pid
UNION ALL
SELECT 'triad_episodes excl', pid, cls.triad_episodes(o.ts, o.code, o.value, o.unit, cls.triad_criteria(), x.excl)::text
FROM :o o JOIN :x x USING (pid) GROUP BY pid
UNION ALL
SELECT 'triad_episodes doses', pid, cls.triad_episodes(o.ts, o.code, o.value, o.unit, cls.drug_criteria(), x.excl, x.doses)::text
FROM :o o JOIN :x x USING (pid) GROUP BY pid
UNION ALL
SELECT 'triad_episodes params', pid, cls.triad_episodes(o.ts, o.code, o.value, o.unit, cls.triad_criteria(), x.excl, x.doses,
                                                        cls.episode_params(max_gap => '1 hour', hold => '30 hours'))::text
FROM :o o JOIN :x x USING (pid) GROUP BY pid
$q$, ':o', o::text), ':x', x::text);
END $f$;
CREATE FUNCTION pg_temp.results() RETURNS TABLE (fn text, pid int, r text) LANGUAGE sql AS $$
SELECT * FROM pg_temp.results('tso', 'tso_excl') $$;
-- The same through the timestamptz forms on ts AT TIME ZONE 'UTC' (times
-- printed without the +00 of UTC).
CREATE TEMP TABLE tso_utc AS SELECT pid, ts AT TIME ZONE 'UTC' AS ts, code, value, unit FROM tso;
CREATE TEMP TABLE tso_excl_utc AS
SELECT pid, (SELECT range_agg(tstzrange(lower(g) AT TIME ZONE 'UTC', upper(g) AT TIME ZONE 'UTC', '[]'))
            FROM unnest(excl) g) AS excl,
       (SELECT array_agg(d AT TIME ZONE 'UTC') FROM unnest(doses) d) AS doses FROM tso_excl;
CREATE FUNCTION pg_temp.results_tstz() RETURNS TABLE (fn text, pid int, r text) LANGUAGE sql AS $$
SELECT fn, pid, regexp_replace(r, '\+00', '', 'g') FROM pg_temp.results('tso_utc', 'tso_excl_utc') $$;
CREATE TEMP TABLE ref AS SELECT * FROM pg_temp.results();
-- what the reference holds (so that "no difference" below means something)
SELECT fn, count(*) AS patients, count(r) AS non_null, sum(length(r)) > 0 AS has_text FROM ref GROUP BY fn ORDER BY fn;
SELECT pid, episode_no, onset, "end", duration, recovered_at, excluded, exclusion, cycle, cycle_day
FROM ref, unnest(r::cls.triad_episode_ts[]) WHERE fn = 'triad_episodes excl' ORDER BY pid, episode_no;

-- The timestamp form = the timestamptz form on ts AT TIME ZONE 'UTC'
-- under UTC (no row).
(SELECT * FROM ref EXCEPT SELECT * FROM pg_temp.results_tstz())
UNION ALL
(SELECT * FROM pg_temp.results_tstz() EXCEPT SELECT * FROM ref);

-- Under every TimeZone the timestamp forms give the reference (0 rows
-- differ).  The timestamptz forms through the implicit cast do not: read
-- back on the session's wall clock, episode times differ from the rows'
-- wherever a DST change falls inside an episode's window (America/New_York
-- here; Asia/Kolkata has no DST, Pacific/Chatham's are in April and
-- September) -- the reason for the timestamp forms.
CREATE FUNCTION pg_temp.differs() RETURNS TABLE (timezone text, ts_forms_differ bigint, implicit_cast_differs bigint)
LANGUAGE sql AS $$
SELECT current_setting('TimeZone'),
       (SELECT count(*) FROM ((SELECT * FROM ref EXCEPT SELECT * FROM pg_temp.results())
                              UNION ALL (SELECT * FROM pg_temp.results() EXCEPT SELECT * FROM ref)) d),
       (SELECT count(*) FROM (
          SELECT pid, e.onset AT TIME ZONE current_setting('TimeZone'), e."end" AT TIME ZONE current_setting('TimeZone'),
                 e.recovered_at AT TIME ZONE current_setting('TimeZone')
          FROM (SELECT pid, cls.triad_episodes(ts::timestamptz, code, value, unit) AS es FROM tso GROUP BY pid) s, unnest(es) e
          EXCEPT SELECT pid, onset, "end", recovered_at FROM ref, unnest(r::cls.triad_episode_ts[]) WHERE fn = 'triad_episodes') d)
$$;
SET timezone = 'America/New_York';
SELECT * FROM pg_temp.differs();
SET timezone = 'Asia/Kolkata';
SELECT * FROM pg_temp.differs();
SET timezone = 'Pacific/Chatham';
SELECT * FROM pg_temp.differs();
SET timezone = 'UTC';
SELECT * FROM pg_temp.differs();

-- A 72 h window across the DST change is 72 wall-clock hours: under
-- America/New_York the episode of patient 1 ends 72 h after the evidence of
-- 2024-03-09 00:00 (2024-03-12 00:00), and a 72 h hold after an active
-- 2024-03-09 12:00 ends 2024-03-12 12:00; likewise across 3 November.
SET timezone = 'America/New_York';
SELECT pid, onset, "end", extract(epoch FROM "end" - timestamp '2024-03-09 00:00') / 3600 AS hours_after_evidence, duration
FROM (SELECT pid, cls.triad_episodes(ts, code, value, unit) e FROM tso WHERE pid = 1 GROUP BY pid) s, unnest(e);
SELECT t, e AS held, extract(epoch FROM upper(e) - lower(e)) / 3600 AS hours
FROM (SELECT t, cls.state_episodes(t, true, '1 hour', '72 hours') e
      FROM (VALUES (timestamp '2024-03-09 12:00'), (timestamp '2024-11-02 12:00')) v(t) GROUP BY t) s
ORDER BY t;
-- the timestamptz form through the implicit cast: 72 elapsed hours that
-- end at 13:00 on the wall clock in March (one hour lost), 11:00 in November
SELECT t, extract(epoch FROM upper(e) - lower(e)) / 3600 AS hours_tstz,
       upper(e)::timestamp AS wall_clock_end
FROM (SELECT t, cls.state_episodes(t::timestamptz, true, '1 hour', '72 hours') e
      FROM (VALUES (timestamp '2024-03-09 12:00'), (timestamp '2024-11-02 12:00')) v(t) GROUP BY t) s
ORDER BY t;
SELECT cls.eras(l, u, '1 day') AS eras_across_dst
FROM (VALUES (timestamp '2024-03-09 12:00', timestamp '2024-03-10 01:00'),
             (timestamp '2024-03-11 01:00', timestamp '2024-03-11 02:00'),
             (timestamp '2024-03-12 02:00', NULL)) v(l, u);
SET timezone = 'UTC';

-- Aggregates cannot be indexed; no scalar function takes a time in this
-- part.  Their IMMUTABLE results can be materialized and indexed: a
-- materialized view of the episodes refreshed under another TimeZone holds
-- the same rows.
CREATE TABLE tso_plain AS SELECT * FROM tso;
CREATE MATERIALIZED VIEW tso_episodes AS
SELECT pid, e.* FROM (SELECT pid, cls.triad_episodes(ts, code, value, unit) AS es FROM tso_plain GROUP BY pid) s, unnest(es) e;
CREATE UNIQUE INDEX ON tso_episodes (pid, episode_no);
CREATE INDEX ON tso_episodes (onset);
CREATE TEMP TABLE tso_episodes_utc AS SELECT * FROM tso_episodes;
SET timezone = 'Pacific/Chatham';
REFRESH MATERIALIZED VIEW CONCURRENTLY tso_episodes;
SET timezone = 'UTC';
SELECT (SELECT count(*) FROM tso_episodes_utc) AS episodes,
       (SELECT count(*) FROM ((SELECT * FROM tso_episodes EXCEPT SELECT * FROM tso_episodes_utc)
                              UNION ALL (SELECT * FROM tso_episodes_utc EXCEPT SELECT * FROM tso_episodes)) d) AS differ;
DROP MATERIALIZED VIEW tso_episodes;
DROP TABLE tso_plain;

-- Forced parallel plans (partial aggregation through the shared combine
-- and serialize functions) equal serial ones.
CREATE TABLE tso_big AS
SELECT p AS pid, '2024-03-01'::timestamp + (i * interval '1 hour') AS ts,
       (ARRAY['sbp', 'albumin', 'hematocrit', 'weight'])[1 + (i + p) % 4] AS code,
       CASE (i + p) % 4 WHEN 0 THEN 70 + (i * 7 + p) % 60 WHEN 1 THEN 2.0 + ((i * 3 + p) % 20) / 10.0
                        WHEN 2 THEN 38 + (i * 5 + p) % 14 ELSE 68 + ((i + p) % 5) * 0.8 END AS value,
       (ARRAY['mmHg', 'g/dL', '%', 'kg'])[1 + (i + p) % 4] AS unit
FROM generate_series(1, 20) p, generate_series(0, 399) i;
ANALYZE tso_big;
CREATE TEMP TABLE tso_serial AS
SELECT cls.triad_episodes(ts, code, value, unit)::text AS e, cls.triad_agg(ts, code, value, unit)::text AS a,
       cls.state_episodes(ts, value < 90, '6 hours', '12 hours')::text AS s
FROM tso_big WHERE pid <= 3;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT cls.triad_episodes(ts, code, value, unit) FROM tso_big WHERE pid <= 3;
SELECT (SELECT ROW(cls.triad_episodes(ts, code, value, unit)::text, cls.triad_agg(ts, code, value, unit)::text,
                   cls.state_episodes(ts, value < 90, '6 hours', '12 hours')::text) FROM tso_big WHERE pid <= 3)
       = (SELECT ROW(e, a, s) FROM tso_serial) AS parallel_equal,
       (SELECT length(e) > 10 FROM tso_serial) AS has_episodes;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE tso_big;
