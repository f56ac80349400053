-- ---------------------------------------------------------------------------
-- Triad episodes (SPEC.md 5 "Triad episodes" and "Dose-anchored windows",
-- SPEC.md 4 "Exclusions"; README "Triad episodes"): state episodes of "CLS
-- suspected" with their worst values, CTCAE hypoalbuminemia grade, signs,
-- recovery, exclusion overlap and dose anchoring.  The aggregate keeps the
-- state of cls.triad_agg (its transition, combine, serialize and
-- deserialize functions do the buffering).  Elapsed time only: IMMUTABLE.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.episode_params AS (
    max_gap      interval,
    hold         interval,
    min_duration interval,
    albumin_lln  float8
);
COMMENT ON TYPE @extschema@.episode_params IS
    'parameters of cls.triad_episodes: max_gap (episodes at most this far apart merge), hold (cap after the last suspected time; NULL = none, the evidence''s expiry ends an episode), min_duration (shorter episodes dropped), albumin_lln (g/dL, for the CTCAE grade; NULL = unknown); build with cls.episode_params()';

CREATE FUNCTION @extschema@.episode_params(
    max_gap interval DEFAULT '24 hours', hold interval DEFAULT NULL,
    min_duration interval DEFAULT '0', albumin_lln float8 DEFAULT 3.5)
    RETURNS @extschema@.episode_params
    AS 'MODULE_PATHNAME', 'cls_make_episode_params' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.episode_params(interval, interval, interval, float8) IS
    'checked parameters of cls.triad_episodes (durations as elapsed time, a day = 24 h); defaults: max_gap 24 h, no hold, min_duration 0, albumin LLN 3.5 g/dL';

CREATE TYPE @extschema@.triad_episode AS (
    episode_no                  integer,
    onset                       timestamptz,
    "end"                       timestamptz,
    duration                    interval,
    lowest_sbp                  float8,
    lowest_sbp_at               timestamptz,
    lowest_albumin              float8,
    lowest_albumin_at           timestamptz,
    highest_hematocrit          float8,
    highest_hematocrit_at       timestamptz,
    worst_hypoalbuminemia_grade smallint,
    signs_seen                  text[],
    recovered_at                timestamptz,
    excluded                    boolean,
    exclusion                   tstzrange,
    cycle                       integer,
    cycle_day                   integer,
    days_since_first_dose       integer
);
COMMENT ON TYPE @extschema@.triad_episode IS
    'one CLS episode: onset, end, duration, worst values over the leak window (canonical units), highest CTCAE v5.0 hypoalbuminemia grade, signs seen while suspected, recovery (albumin and hematocrit back inside the thresholds), the first overlapping exclusion period, and the onset''s cycle, cycle day and days since the first dose';

CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[], @extschema@.episode_params) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[], @extschema@.episode_params) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[]) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[]) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[], @extschema@.episode_params) IS 'transition function of cls.triad_episodes';
COMMENT ON FUNCTION @extschema@.triad_episodes_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[], @extschema@.episode_params) IS 'transition function of cls.triad_episodes';

CREATE FUNCTION @extschema@.triad_episodes_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_combine(internal, internal) IS 'combine function of cls.triad_episodes (the observations through cls.triad_agg''s combine)';
CREATE FUNCTION @extschema@.triad_episodes_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_serialize(internal) IS 'serialization function of cls.triad_episodes';
CREATE FUNCTION @extschema@.triad_episodes_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_deserialize(bytea, internal) IS 'deserialization function of cls.triad_episodes (validates the state)';
CREATE FUNCTION @extschema@.triad_episodes_final(internal) RETURNS @extschema@.triad_episode[]
    AS 'MODULE_PATHNAME', 'cls_triad_episodes_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_episodes_final(internal) IS 'final function of cls.triad_episodes (does not change the state''s meaning)';

-- Overloads: a prefix chain (criteria, exclusions, doses, params), each
-- with text and bigint codes.  Aggregates take no named arguments and no
-- defaults: pass NULL exclusions / doses for none.
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, text, float8, text) IS
    'CLS episodes of a patient''s long-form observations (default triad criteria, default cls.episode_params()) as cls.triad_episode[]; unnest() gives rows';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, bigint, float8, text) IS
    'CLS episodes (itemid / concept_id codes, default triad criteria and episode parameters)';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, text, float8, text, @extschema@.criteria) IS
    'CLS episodes with the given criteria (cls.triad_criteria() or cls.drug_criteria())';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, bigint, float8, text, @extschema@.criteria) IS
    'CLS episodes (itemid / concept_id codes) with the given criteria';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange) IS
    'CLS episodes with the given criteria; episodes overlapping the exclusion periods (sepsis, anaphylaxis, angioedema; NULL = none) are marked, not dropped';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange) IS
    'CLS episodes (itemid / concept_id codes) with criteria and exclusion periods (marked, not dropped)';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[]) IS
    'CLS episodes with criteria, exclusion periods and the patient''s dose times (cycle, cycle day and days since the first dose of each onset; NULL = none)';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[]) IS
    'CLS episodes (itemid / concept_id codes) with criteria, exclusion periods and dose times';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, text, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[], @extschema@.episode_params) IS
    'CLS episodes with criteria, exclusion periods, dose times and episode parameters (cls.episode_params())';
COMMENT ON AGGREGATE @extschema@.triad_episodes(timestamptz, bigint, float8, text, @extschema@.criteria, tstzmultirange, timestamptz[], @extschema@.episode_params) IS
    'CLS episodes (itemid / concept_id codes) with criteria, exclusion periods, dose times and episode parameters';
