-- ---------------------------------------------------------------------------
-- Episode windows: interval eras and state episodes (SPEC.md 5; README
-- "Episode windows").  Order-free aggregates: no ORDER BY in the call,
-- parallel safe through combine/serialize/deserialize.  Durations are
-- elapsed time (a day = 24 h), so no TimeZone setting changes a result.
-- ---------------------------------------------------------------------------

-- Interval eras (OHDSI style) over timestamptz
CREATE FUNCTION @extschema@.eras_trans(internal, timestamptz, timestamptz, interval)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_eras_tstz_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_trans(internal, timestamptz, timestamptz, interval) IS
    'transition function of cls.eras(timestamptz, timestamptz, interval)';

CREATE FUNCTION @extschema@.eras_trans(internal, date, date, integer)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_eras_date_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_trans(internal, date, date, integer) IS
    'transition function of cls.eras(date, date, integer)';

CREATE FUNCTION @extschema@.eras_combine(internal, internal)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_eras_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_combine(internal, internal) IS
    'combine function of cls.eras: the union of two sets of eras';

CREATE FUNCTION @extschema@.eras_serialize(internal)
    RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_eras_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_serialize(internal) IS
    'serialization function of cls.eras (parallel and partial aggregation)';

CREATE FUNCTION @extschema@.eras_deserialize(bytea, internal)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_eras_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_deserialize(bytea, internal) IS
    'deserialization function of cls.eras (checks the version word and every span)';

CREATE FUNCTION @extschema@.eras_final_tstz(internal)
    RETURNS tstzmultirange
    AS 'MODULE_PATHNAME', 'cls_eras_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_final_tstz(internal) IS
    'final function of cls.eras(timestamptz, timestamptz, interval)';

CREATE FUNCTION @extschema@.eras_final_date(internal)
    RETURNS datemultirange
    AS 'MODULE_PATHNAME', 'cls_eras_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eras_final_date(internal) IS
    'final function of cls.eras(date, date, integer)';

CREATE AGGREGATE @extschema@.eras(lower timestamptz, upper timestamptz, gap interval) (
    SFUNC = @extschema@.eras_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.eras_final_tstz,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.eras_combine,
    SERIALFUNC = @extschema@.eras_serialize,
    DESERIALFUNC = @extschema@.eras_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.eras(timestamptz, timestamptz, interval) IS
    'OHDSI-style eras: the union of closed intervals [lower, upper], merging those at most gap apart (measured from the latest end so far); NULL upper = a point; NULL lower ignored; NULL for no rows';

CREATE AGGREGATE @extschema@.eras(lower date, upper date, gap integer) (
    SFUNC = @extschema@.eras_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.eras_final_date,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.eras_combine,
    SERIALFUNC = @extschema@.eras_serialize,
    DESERIALFUNC = @extschema@.eras_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.eras(date, date, integer) IS
    'OHDSI-style eras over dates: the union of day intervals [lower, upper], merging those whose start is at most gap days after the latest end so far (OHDSI persistence window); NULL upper = one day; NULL lower ignored';

-- State episodes over (time, active) observations
CREATE FUNCTION @extschema@.state_episodes_trans(internal, timestamptz, boolean, interval, interval)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_state_episodes_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_trans(internal, timestamptz, boolean, interval, interval) IS
    'transition function of cls.state_episodes(timestamptz, boolean, interval, interval)';

CREATE FUNCTION @extschema@.state_episodes_trans(internal, timestamptz, boolean, interval, interval, interval)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_state_episodes_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_trans(internal, timestamptz, boolean, interval, interval, interval) IS
    'transition function of cls.state_episodes(timestamptz, boolean, interval, interval, interval)';

CREATE FUNCTION @extschema@.state_episodes_combine(internal, internal)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_state_episodes_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_combine(internal, internal) IS
    'combine function of cls.state_episodes: concatenates the observations';

CREATE FUNCTION @extschema@.state_episodes_serialize(internal)
    RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_state_episodes_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_serialize(internal) IS
    'serialization function of cls.state_episodes (parallel and partial aggregation)';

CREATE FUNCTION @extschema@.state_episodes_deserialize(bytea, internal)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_state_episodes_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_deserialize(bytea, internal) IS
    'deserialization function of cls.state_episodes (checks the version word and every observation)';

CREATE FUNCTION @extschema@.state_episodes_final(internal)
    RETURNS tstzmultirange
    AS 'MODULE_PATHNAME', 'cls_state_episodes_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_episodes_final(internal) IS
    'final function of cls.state_episodes: sorts a copy of the observations and builds the episodes';

CREATE AGGREGATE @extschema@.state_episodes(t timestamptz, active boolean, max_gap interval,
                                            hold interval, min_duration interval) (
    SFUNC = @extschema@.state_episodes_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.state_episodes_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.state_episodes_combine,
    SERIALFUNC = @extschema@.state_episodes_serialize,
    DESERIALFUNC = @extschema@.state_episodes_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.state_episodes(timestamptz, boolean, interval, interval, interval) IS
    'state episodes [onset, resolution]: from the first active observation to the first inactive one after the last active one, or last active + hold if earlier; episodes at most max_gap apart merge; shorter than min_duration dropped; ties: active wins';

CREATE AGGREGATE @extschema@.state_episodes(t timestamptz, active boolean, max_gap interval,
                                            hold interval) (
    SFUNC = @extschema@.state_episodes_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.state_episodes_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.state_episodes_combine,
    SERIALFUNC = @extschema@.state_episodes_serialize,
    DESERIALFUNC = @extschema@.state_episodes_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.state_episodes(timestamptz, boolean, interval, interval) IS
    'cls.state_episodes with min_duration 0 (every episode kept)';
