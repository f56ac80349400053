
-- ---------------------------------------------------------------------------
-- Dose anchoring on warehouse clocks and in the time zone of the place of
-- care (README "Conventions", "Dose anchoring", "Upgrading").
--
-- Every dose-anchoring function and aggregate also takes `timestamp` (OMOP
-- drug_exposure_start_datetime, MIMIC-IV starttime are wall clocks): its
-- dates are the wall-clock dates, so the answer depends on the rows alone
-- (IMMUTABLE, usable in an index expression or a generated column), with
-- results of the same kind (cls.treatment_cycle_ts has timestamp fields).
-- The timestamptz forms gain a twin with a last argument time_zone text: a
-- timestamptz is dated by the wall clock of that zone (the place of care),
-- written in the query, so they stay IMMUTABLE as timezone(text,
-- timestamptz) is.  The 0.2.0 forms without it stay as they are (UTC
-- dates): nothing a user's view, index or generated column references is
-- dropped, and a twin without a default cannot make a call ambiguous (the
-- aggregate cls.cycles(timestamptz) likewise gains cls.cycles(timestamptz,
-- text)).  One C symbol serves every form (no time_zone argument: UTC).
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.days_since_first_dose(ts timestamptz, first_dose timestamptz,
    time_zone text)
    RETURNS integer
    AS 'MODULE_PATHNAME', 'cls_days_since_first_dose' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.days_since_first_dose(timestamptz, timestamptz, text) IS
    'the number of dates from the first dose''s to ts''s, both dated in time_zone (the form without time_zone: UTC): 0 on the date of the first dose, -1 on the date before (the label''s onset range "-1 to 46 days" counts this way); NULL for infinite times; an unknown time_zone is an error';

CREATE FUNCTION @extschema@.days_since_first_dose(ts timestamp, first_dose timestamp)
    RETURNS integer
    AS 'MODULE_PATHNAME', 'cls_days_since_first_dose' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.days_since_first_dose(timestamp, timestamp) IS
    'the number of wall-clock dates from the first dose''s to ts''s: 0 on the date of the first dose, -1 on the date before; NULL for infinite times';

CREATE FUNCTION @extschema@.cycle_of(ts timestamptz, doses timestamptz[],
    time_zone text,
    OUT cycle integer, OUT cycle_day integer, OUT cycle_start timestamptz,
    OUT days_since_first_dose integer)
    AS 'MODULE_PATHNAME', 'cls_cycle_of_pg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycle_of(timestamptz, timestamptz[], text) IS
    'the 21-day tagraxofusp cycle a time falls in, counted in dates of time_zone (the form without time_zone: UTC): a cycle starts at a dose, a dose on the 21st date after the cycle''s first dose or later starts the next; cycle_day = (date of ts - date of cycle_start) + 1; before the first dose''s date cycle 0 with cycle_day -1, -2, ... (no day 0); NULL when doses holds no finite time';

CREATE FUNCTION @extschema@.cycle_of(ts timestamp, doses timestamp[],
    OUT cycle integer, OUT cycle_day integer, OUT cycle_start timestamp,
    OUT days_since_first_dose integer)
    AS 'MODULE_PATHNAME', 'cls_cycle_of_pg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycle_of(timestamp, timestamp[]) IS
    'the 21-day tagraxofusp cycle a wall-clock time falls in, counted in wall-clock dates (as cycle_of(timestamptz, timestamptz[], text))';

CREATE TYPE @extschema@.treatment_cycle_ts AS (
    cycle_no integer,
    start timestamp,
    last_dose timestamp,
    n_doses integer,
    dosing_days integer[]
);
COMMENT ON TYPE @extschema@.treatment_cycle_ts IS
    'cls.treatment_cycle of wall-clock dose times (timestamp): number, first dose, last dose, distinct dose times, the cycle days (wall-clock dates, day 1 = the first dose''s date) with a dose';

CREATE FUNCTION @extschema@.cycles(doses timestamptz[], time_zone text)
    RETURNS @extschema@.treatment_cycle[]
    AS 'MODULE_PATHNAME', 'cls_cycles_of_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles(timestamptz[], text) IS
    'the 21-day treatment cycles of an array of dose times, counted in dates of time_zone (the form without time_zone: UTC; NULL and infinite elements and duplicate times ignored); NULL when no dose';

CREATE FUNCTION @extschema@.cycles(doses timestamp[])
    RETURNS @extschema@.treatment_cycle_ts[]
    AS 'MODULE_PATHNAME', 'cls_cycles_of_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles(timestamp[]) IS
    'the 21-day treatment cycles of an array of wall-clock dose times, counted in wall-clock dates; NULL when no dose';

-- the aggregates: one transition and one final symbol; the state keeps each
-- dose with the UTC offset of its row's time_zone (0 for UTC and timestamp)
CREATE FUNCTION @extschema@.cycles_sfunc(internal, timestamptz, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_cycles_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles_sfunc(internal, timestamptz, text) IS
    'transition function of cls.cycles(timestamptz, text)';
CREATE FUNCTION @extschema@.cycles_sfunc(internal, timestamp) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_cycles_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles_sfunc(internal, timestamp) IS
    'transition function of cls.cycles(timestamp)';
CREATE FUNCTION @extschema@.cycles_final_ts(internal) RETURNS @extschema@.treatment_cycle_ts[]
    AS 'MODULE_PATHNAME', 'cls_cycles_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles_final_ts(internal) IS
    'final function of cls.cycles(timestamp)';

CREATE AGGREGATE @extschema@.cycles(dose_time timestamptz, time_zone text) (
    SFUNC = @extschema@.cycles_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.cycles_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.cycles(timestamptz, text) IS
    'the 21-day treatment cycles of the dose times of a group, each dose dated in its row''s time_zone (the place of care): a dose on the 21st date after the current cycle''s first dose or later starts the next cycle; order-free, NULL when no dose; a NULL or unknown time_zone is an error';

CREATE AGGREGATE @extschema@.cycles(dose_time timestamp) (
    SFUNC = @extschema@.cycles_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.cycles_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.cycles(timestamp) IS
    'the 21-day treatment cycles of the wall-clock dose times of a group, counted in wall-clock dates; order-free, NULL when no dose';
