
-- ---------------------------------------------------------------------------
-- Timestamp forms (README "Time zones", "Timestamp forms"): every episode,
-- triad and era aggregate also takes `timestamp` (warehouse wall clocks: OMOP
-- measurement_datetime, MIMIC-IV charttime) and returns results of the same
-- kind: tsmultirange beside tstzmultirange, and row types named with a _ts
-- suffix (cls.triad_episode_ts, cls.triad_summary_ts, cls.triad_point_ts,
-- cls.sign_evidence_ts) whose fields are those of the timestamptz type, with
-- timestamp for timestamptz and tsrange for tstzrange.  PostgreSQL's own
-- overload resolution picks the form: a timestamp column needs no cast (the
-- implicit timestamp -> timestamptz cast depends on TimeZone).  Both kinds
-- are int64 microseconds, so the C entry points are shared: the transition,
-- combine and (de)serialize functions are the 0.2.0 ones, and only the final
-- function is declared again with the timestamp result type, which the C code
-- reads.  On timestamp input a duration is the plain wall-clock difference and
-- no result depends on TimeZone: IMMUTABLE.  New objects only: nothing of
-- 0.2.0 changes.
-- ---------------------------------------------------------------------------
-- cls.eras(timestamp, timestamp, interval)
CREATE FUNCTION @extschema@.eras_trans(internal, timestamp, timestamp, interval)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_eras_tstz_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_trans(internal, timestamp, timestamp, interval) IS
    'transition function of cls.eras(timestamp, timestamp, interval)';
CREATE FUNCTION @extschema@.eras_final_ts(internal)
    RETURNS tsmultirange
    AS 'MODULE_PATHNAME', 'cls_eras_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_final_ts(internal) IS
    'final function of cls.eras(timestamp, timestamp, interval)';
CREATE AGGREGATE @extschema@.eras(lower timestamp, upper timestamp, gap interval) (
    SFUNC = @extschema@.eras_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.eras_final_ts,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.eras_combine,
    SERIALFUNC = @extschema@.eras_serialize,
    DESERIALFUNC = @extschema@.eras_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.eras(timestamp, timestamp, interval) IS
    'OHDSI-style eras over wall-clock times (timestamp): as cls.eras(timestamptz, timestamptz, interval), as a tsmultirange; gap measured as wall-clock difference, the same under any TimeZone';

-- cls.state_episodes(timestamp, ...)
CREATE FUNCTION @extschema@.state_episodes_trans(internal, timestamp, boolean, interval, interval)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_state_episodes_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_trans(internal, timestamp, boolean, interval, interval) IS
    'transition function of cls.state_episodes(timestamp, boolean, interval, interval)';
CREATE FUNCTION @extschema@.state_episodes_trans(internal, timestamp, boolean, interval, interval, interval)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_state_episodes_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_trans(internal, timestamp, boolean, interval, interval, interval) IS
    'transition function of cls.state_episodes(timestamp, boolean, interval, interval, interval)';
CREATE FUNCTION @extschema@.state_episodes_final_ts(internal)
    RETURNS tsmultirange
    AS 'MODULE_PATHNAME', 'cls_state_episodes_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_final_ts(internal) IS
    'final function of cls.state_episodes over timestamp: sorts a copy of the observations and builds the episodes';
CREATE AGGREGATE @extschema@.state_episodes(t timestamp, active boolean, max_gap interval,
                                            hold interval, min_duration interval) (
    SFUNC = @extschema@.state_episodes_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.state_episodes_final_ts,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.state_episodes_combine,
    SERIALFUNC = @extschema@.state_episodes_serialize,
    DESERIALFUNC = @extschema@.state_episodes_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.state_episodes(timestamp, boolean, interval, interval, interval) IS
    'state episodes over wall-clock times (timestamp), as a tsmultirange: as cls.state_episodes(timestamptz, ...), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.state_episodes(t timestamp, active boolean, max_gap interval,
                                            hold interval) (
    SFUNC = @extschema@.state_episodes_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.state_episodes_final_ts,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.state_episodes_combine,
    SERIALFUNC = @extschema@.state_episodes_serialize,
    DESERIALFUNC = @extschema@.state_episodes_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.state_episodes(timestamp, boolean, interval, interval) IS
    'cls.state_episodes over timestamp with min_duration 0 (every episode kept)';

-- Row types of the timestamp forms: the fields of the timestamptz types.
CREATE TYPE @extschema@.sign_evidence_ts AS (
    sign      text,
    rule      text,
    analyte   text,
    value     float8,
    unit      text,
    reference float8,
    at        timestamp
);
COMMENT ON TYPE @extschema@.sign_evidence_ts IS
    'cls.sign_evidence of the timestamp forms (at is a timestamp)';

CREATE TYPE @extschema@.triad_summary_ts AS (
    suspected_ever      boolean,
    first_suspected     timestamp,
    suspected_duration  interval,
    signs_ever          text[],
    first_evidence      @extschema@.sign_evidence_ts[],
    current_at          timestamp,
    current_suspected   boolean,
    current_signs       text[],
    current_evidence    @extschema@.sign_evidence_ts[],
    lowest_sbp          float8,
    lowest_sbp_at       timestamp,
    lowest_albumin      float8,
    lowest_albumin_at   timestamp,
    highest_hematocrit  float8,
    highest_hematocrit_at timestamp,
    largest_weight_gain float8,
    largest_weight_gain_at timestamp,
    n_used              bigint,
    n_ignored           bigint
);
COMMENT ON TYPE @extschema@.triad_summary_ts IS
    'result of cls.triad_agg over timestamp: the fields of cls.triad_summary with timestamp times';

CREATE TYPE @extschema@.triad_point_ts AS (
    at        timestamp,
    "until"   timestamp,
    suspected boolean,
    signs     text[]
);
COMMENT ON TYPE @extschema@.triad_point_ts IS
    'one point of cls.triad_timeline over timestamp: the fields of cls.triad_point with timestamp times';

CREATE TYPE @extschema@.triad_episode_ts AS (
    episode_no                  integer,
    onset                       timestamp,
    "end"                       timestamp,
    duration                    interval,
    lowest_sbp                  float8,
    lowest_sbp_at               timestamp,
    lowest_albumin              float8,
    lowest_albumin_at           timestamp,
    highest_hematocrit          float8,
    highest_hematocrit_at       timestamp,
    worst_hypoalbuminemia_grade smallint,
    signs_seen                  text[],
    recovered_at                timestamp,
    excluded                    boolean,
    exclusion                   tsrange,
    cycle                       integer,
    cycle_day                   integer,
    days_since_first_dose       integer
);
COMMENT ON TYPE @extschema@.triad_episode_ts IS
    'one CLS episode of cls.triad_episodes over timestamp: the fields of cls.triad_episode with timestamp times and a tsrange exclusion';

-- cls.triad_agg and cls.triad_timeline over timestamp
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamp, text, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamp, text, float8, text) IS 'transition function of cls.triad_agg over timestamp';
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamp, bigint, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamp, bigint, float8, text) IS 'transition function of cls.triad_agg over timestamp';
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_agg over timestamp';
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_agg over timestamp';
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, @extschema@.triad_baselines) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS 'transition function of cls.triad_agg over timestamp';
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, @extschema@.triad_baselines) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS 'transition function of cls.triad_agg over timestamp';
CREATE FUNCTION @extschema@.triad_final_ts(internal) RETURNS @extschema@.triad_summary_ts
    AS 'MODULE_PATHNAME', 'cls_triad_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_final_ts(internal) IS 'final function of cls.triad_agg over timestamp (incremental in window use)';
CREATE FUNCTION @extschema@.triad_timeline_final_ts(internal) RETURNS @extschema@.triad_point_ts[]
    AS 'MODULE_PATHNAME', 'cls_triad_timeline_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_timeline_final_ts(internal) IS 'final function of cls.triad_timeline over timestamp';
CREATE AGGREGATE @extschema@.triad_agg(ts timestamp, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamp, text, float8, text) IS
    'CLS evaluation of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_agg(timestamptz, text, float8, text), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_agg(ts timestamp, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamp, bigint, float8, text) IS
    'CLS evaluation of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_agg(timestamptz, bigint, float8, text), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_agg(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamp, text, float8, text, @extschema@.criteria) IS
    'CLS evaluation of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_agg(timestamptz, text, float8, text, cls.criteria), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_agg(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamp, bigint, float8, text, @extschema@.criteria) IS
    'CLS evaluation of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_agg(timestamptz, bigint, float8, text, cls.criteria), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_agg(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamp, text, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS
    'CLS evaluation of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_agg(timestamptz, text, float8, text, cls.criteria, cls.triad_baselines), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_agg(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamp, bigint, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS
    'CLS evaluation of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_agg(timestamptz, bigint, float8, text, cls.criteria, cls.triad_baselines), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_timeline(ts timestamp, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamp, text, float8, text) IS
    'the CLS timeline of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_timeline(timestamptz, text, float8, text), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_timeline(ts timestamp, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamp, bigint, float8, text) IS
    'the CLS timeline of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_timeline(timestamptz, bigint, float8, text), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_timeline(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamp, text, float8, text, @extschema@.criteria) IS
    'the CLS timeline of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_timeline(timestamptz, text, float8, text, cls.criteria), times in the result are timestamps, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_timeline(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamp, bigint, float8, text, @extschema@.criteria) IS
    'the CLS timeline of a patient''s long-form observations over wall-clock times (timestamp): as cls.triad_timeline(timestamptz, bigint, float8, text, cls.criteria), times in the result are timestamps, the same under any TimeZone';

-- cls.triad_episodes over timestamp (exclusions tsmultirange, doses timestamp[])
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, tsmultirange) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, tsmultirange) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, tsmultirange, timestamp[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, tsmultirange, timestamp[]) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange, timestamp[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange, timestamp[]) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, tsmultirange, timestamp[], @extschema@.episode_params) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, text, float8, text, @extschema@.criteria, tsmultirange, timestamp[], @extschema@.episode_params) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange, timestamp[], @extschema@.episode_params) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange, timestamp[], @extschema@.episode_params) IS 'transition function of cls.triad_episodes over timestamp';
CREATE FUNCTION @extschema@.triad_episodes_final_ts(internal) RETURNS @extschema@.triad_episode_ts[]
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_final_ts(internal) IS 'final function of cls.triad_episodes over timestamp (does not change the state''s meaning)';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, text, float8, text) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, text, float8, text), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, bigint, float8, text) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, bigint, float8, text), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, text, float8, text, @extschema@.criteria) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, text, float8, text, cls.criteria), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, bigint, float8, text, @extschema@.criteria) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, text, float8, text, @extschema@.criteria, tsmultirange) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, text, float8, text, cls.criteria, tstzmultirange), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria, tstzmultirange), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, text, float8, text, @extschema@.criteria, tsmultirange, timestamp[]) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, text, float8, text, cls.criteria, tstzmultirange, timestamptz[]), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange, timestamp[]) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria, tstzmultirange, timestamptz[]), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, text, float8, text, @extschema@.criteria, tsmultirange, timestamp[], @extschema@.episode_params) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, text, float8, text, cls.criteria, tstzmultirange, timestamptz[], cls.episode_params), durations as wall-clock differences, the same under any TimeZone';
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamp, bigint, float8, text, @extschema@.criteria, tsmultirange, timestamp[], @extschema@.episode_params) IS
    'CLS episodes over wall-clock times (timestamp) as cls.triad_episode_ts[]: as cls.triad_episodes(timestamptz, bigint, float8, text, cls.criteria, tstzmultirange, timestamptz[], cls.episode_params), durations as wall-clock differences, the same under any TimeZone';
