-- test/demo/pipeline.sql -- a cohort table kept up to date by a scheduled job.
--
-- Run once in the warehouse database (after CREATE EXTENSION cls):
--   psql -d warehouse -f test/demo/pipeline.sql
--   SELECT cohort.refresh();                 -- first run: every patient
-- and schedule it with pg_cron (postgresql.conf: shared_preload_libraries =
-- 'pg_cron', cron.database_name = 'warehouse'; then CREATE EXTENSION pg_cron in
-- that database; pg_cron 1.4 schedules by the minute, 1.5+ also '30 seconds'):
--   SELECT cron.schedule('cls-cohort-refresh', '* * * * *', 'SELECT cohort.refresh()');
-- test/t/060_pipeline.sh does exactly this and checks the result.
--
-- cohort.patient_summary: one row per patient with the worst CTCAE v5.0
-- Hypoalbuminemia grade over all their albumin values (cls.ctcae_grade with
-- the row's range_low as LLN; rows whose unit cls does not know or whose value
-- is implausible are skipped, see test/demo/queries/10_data_quality.sql), when
-- grade >= 2 was first reached, and the latest measurement time seen.
--
-- Incremental: cohort.refresh() recomputes only the patients that have
-- measurement rows added since the last run, found by a high-water mark on
-- measurement_id (cohort.refresh_state).  Each such patient is recomputed from
-- all of their rows (a worst grade or a first time cannot be updated from the
-- new rows alone when rows may arrive late), and nobody else is touched: their
-- refreshed_at stays.  The mark is read once at the start of a run, so rows
-- committed while a run works are picked up by the next run.
--
-- Assumption of the high-water mark: measurement_id grows in commit order (one
-- loader at a time, as in this warehouse and most batch ETL).  With several
-- concurrent writers a row with a smaller id can commit after a run has moved
-- the mark past it and would be missed; such a warehouse should instead add a
-- column loaded_at timestamptz DEFAULT clock_timestamp() and refresh the rows
-- with loaded_at > (last run start - a margin longer than any load transaction).
-- Updated or deleted measurement rows are not seen either (append-only table).

CREATE SCHEMA cohort;

CREATE TABLE cohort.patient_summary (
    person_id                    bigint      PRIMARY KEY,
    worst_hypoalbuminemia_grade  smallint,            -- NULL: no gradable albumin
    first_grade2_at              timestamptz,         -- first albumin with grade >= 2
    graded_albumin_values        integer     NOT NULL,
    last_measurement_at          timestamptz NOT NULL, -- latest measurement_datetime, any analyte
    refreshed_at                 timestamptz NOT NULL
);
COMMENT ON TABLE cohort.patient_summary IS
    'per patient: worst CTCAE v5.0 hypoalbuminemia grade (LLN = range_low), first time of grade >= 2; kept current by cohort.refresh()';

CREATE TABLE cohort.refresh_state (
    id                   boolean     PRIMARY KEY DEFAULT true CHECK (id),  -- one row
    last_measurement_id  bigint      NOT NULL DEFAULT 0,
    last_run_at          timestamptz,
    last_run_patients    integer
);
INSERT INTO cohort.refresh_state DEFAULT VALUES;
COMMENT ON TABLE cohort.refresh_state IS
    'high-water mark of cohort.refresh(): the largest omop.measurement.measurement_id already summarised';

CREATE FUNCTION cohort.refresh() RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    mark      bigint;
    new_mark  bigint;
    n         integer;
BEGIN
    -- one run at a time: a second caller waits here, then sees the new mark
    SELECT s.last_measurement_id INTO mark FROM cohort.refresh_state s FOR UPDATE;
    SELECT coalesce(max(m.measurement_id), mark) INTO new_mark FROM omop.measurement m;

    INSERT INTO cohort.patient_summary AS ps
        (person_id, worst_hypoalbuminemia_grade, first_grade2_at, graded_albumin_values,
         last_measurement_at, refreshed_at)
    SELECT m.person_id,
           max(g.grade),
           min(m.measurement_datetime) FILTER (WHERE g.grade >= 2),
           count(g.grade),
           max(m.measurement_datetime),
           now()
      FROM omop.measurement m
     CROSS JOIN LATERAL (
           SELECT CASE WHEN cls.analyte_of(m.measurement_concept_id)::text = 'albumin'
                        AND cls.value_problem('albumin', m.value_as_number, m.unit_source_value) IS NULL
                       THEN cls.ctcae_grade('Hypoalbuminemia', m.value_as_number,
                                            m.unit_source_value, lln => m.range_low)
                  END AS grade) g
     WHERE m.person_id IN (SELECT c.person_id FROM omop.measurement c
                            WHERE c.measurement_id > mark AND c.measurement_id <= new_mark)
       AND m.measurement_id <= new_mark
     GROUP BY m.person_id
    ON CONFLICT (person_id) DO UPDATE
       SET worst_hypoalbuminemia_grade = excluded.worst_hypoalbuminemia_grade,
           first_grade2_at             = excluded.first_grade2_at,
           graded_albumin_values       = excluded.graded_albumin_values,
           last_measurement_at         = excluded.last_measurement_at,
           refreshed_at                = excluded.refreshed_at;
    GET DIAGNOSTICS n = ROW_COUNT;

    UPDATE cohort.refresh_state
       SET last_measurement_id = new_mark, last_run_at = now(), last_run_patients = n;
    RETURN n;
END
$$;
COMMENT ON FUNCTION cohort.refresh() IS
    'recompute cohort.patient_summary for the patients with omop.measurement rows added since the last run; returns how many';
