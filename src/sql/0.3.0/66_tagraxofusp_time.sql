
-- ---------------------------------------------------------------------------
-- Tagraxofusp monitoring on warehouse clocks and in the time zone of the
-- place of care (README "Tagraxofusp monitoring", "Conventions").
--
-- cls.tagraxofusp_monitor and cls.tagraxofusp_summary (every form: text,
-- itemid/concept_id and OMOP codes, with or without age and sex) also take
-- `timestamp` (OMOP measurement_datetime and drug_exposure_start_datetime,
-- MIMIC-IV charttime are wall clocks): cycle days, dosing days 1-5 and 10,
-- the 21-day cycle and the previous day's weight are wall-clock dates, so
-- the answer depends on the rows alone, and the results are of the same
-- kind (cls.tagraxofusp_day_ts, cls.tagraxofusp_cycle_ts: timestamp
-- fields).  The timestamptz forms gain a form with a trailing time_zone
-- text (aggregates cannot have defaults; without it, UTC dates as before):
-- the dates are those of that zone, which must be the same for every row
-- of a group.  cls.tagraxofusp_days takes timestamp[] too, and its
-- timestamptz form time_zone text DEFAULT 'UTC' (64_tagraxofusp.sql).
-- Durations (the 12-36 h weight window, the 7-day look-back) stay elapsed
-- time.  One C symbol per transition and final function serves both
-- kinds; the state keeps the group's zone (the serialized header's
-- reserved word is its length).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.tagraxofusp_day_ts AS (
    dose_time timestamp,
    cycle integer,
    cycle_day integer,
    days_since_first_dose integer,
    action text,
    instructions text[],
    give_albumin boolean,
    manage_fluid boolean,
    complete boolean,
    reasons text[],
    not_evaluable text[],
    albumin float8,
    albumin_time timestamp,
    pre_cycle_albumin float8,
    pre_cycle_albumin_time timestamp,
    weight float8,
    weight_time timestamp,
    previous_weight float8,
    previous_weight_time timestamp,
    hypersensitivity_recorded text,
    albumin_gate text,
    albumin_low text,
    albumin_fall text,
    weight_gain text,
    edema_fluid_overload_hypotension text,
    sbp text,
    heart_rate text,
    temperature text,
    creatinine text,
    transaminases text,
    hypersensitivity text,
    dosing_day text,
    transaminases_held boolean,
    creatinine_clearance float8,
    creatinine_clearance_estimated boolean
);
COMMENT ON TYPE @extschema@.tagraxofusp_day_ts IS
    'cls.tagraxofusp_day of wall-clock times (timestamp): one tagraxofusp dose day, cycle days counted in wall-clock dates';

CREATE TYPE @extschema@.tagraxofusp_cycle_ts AS (
    cycle integer,
    cycle_start timestamp,
    n_doses integer,
    pre_cycle_albumin float8,
    first_trigger timestamp,
    first_trigger_cycle_day integer,
    first_trigger_days_since_first_dose integer,
    first_trigger_reasons text[],
    days_held integer,
    days_incomplete integer,
    lowest_albumin float8,
    lowest_albumin_time timestamp,
    worst_hypoalbuminemia_grade smallint,
    triggers_by_rule jsonb
);
COMMENT ON TYPE @extschema@.tagraxofusp_cycle_ts IS
    'cls.tagraxofusp_cycle of wall-clock times (timestamp): the summary of one tagraxofusp cycle, cycle days counted in wall-clock dates';

CREATE FUNCTION @extschema@.tagraxofusp_monitor_final_ts(internal) RETURNS @extschema@.tagraxofusp_day_ts[]
    AS 'MODULE_PATHNAME', 'cls_tgx_monitor_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_monitor_final_ts(internal) IS
    'final function of cls.tagraxofusp_monitor over timestamp';
CREATE FUNCTION @extschema@.tagraxofusp_summary_final_ts(internal) RETURNS @extschema@.tagraxofusp_cycle_ts[]
    AS 'MODULE_PATHNAME', 'cls_tgx_summary_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_summary_final_ts(internal) IS
    'final function of cls.tagraxofusp_summary over timestamp';

-- transition functions: the timestamp forms and the timestamptz forms with a
-- trailing time_zone

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, text, float8, text, float8, boolean)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, text, float8, text, float8, boolean) IS
    'transition function of the tagraxofusp aggregates (text code, text unit; timestamp)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean, text) IS
    'transition function of the tagraxofusp aggregates (text code, text unit; time_zone)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, text, float8, text, float8, boolean, float8, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, text, float8, text, float8, boolean, float8, text) IS
    'transition function of the tagraxofusp aggregates (text code, text unit; age, sex, timestamp)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean, float8, text, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean, float8, text, text) IS
    'transition function of the tagraxofusp aggregates (text code, text unit; age, sex, time_zone)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, text, float8, boolean)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, text, float8, boolean) IS
    'transition function of the tagraxofusp aggregates (itemid or concept_id code, text unit; timestamp)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean, text) IS
    'transition function of the tagraxofusp aggregates (itemid or concept_id code, text unit; time_zone)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, text, float8, boolean, float8, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, text, float8, boolean, float8, text) IS
    'transition function of the tagraxofusp aggregates (itemid or concept_id code, text unit; age, sex, timestamp)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean, float8, text, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean, float8, text, text) IS
    'transition function of the tagraxofusp aggregates (itemid or concept_id code, text unit; age, sex, time_zone)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, bigint, float8, boolean)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, bigint, float8, boolean) IS
    'transition function of the tagraxofusp aggregates (OMOP concept_id code, OMOP unit concept_id; timestamp)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean, text) IS
    'transition function of the tagraxofusp aggregates (OMOP concept_id code, OMOP unit concept_id; time_zone)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, bigint, float8, boolean, float8, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamp, bigint, float8, bigint, float8, boolean, float8, text) IS
    'transition function of the tagraxofusp aggregates (OMOP concept_id code, OMOP unit concept_id; age, sex, timestamp)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean, float8, text, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean, float8, text, text) IS
    'transition function of the tagraxofusp aggregates (OMOP concept_id code, OMOP unit concept_id; age, sex, time_zone)';


CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamp, code text, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamp, text, float8, text, float8, boolean) IS
    'tagraxofusp dose days from rows coded by cls name, LOINC, itemid or concept_id (text unit), over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, text, float8, text, float8, boolean, text) IS
    'tagraxofusp dose days from rows coded by cls name, LOINC, itemid or concept_id (text unit), dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamp, code text, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamp, text, float8, text, float8, boolean, float8, text) IS
    'tagraxofusp dose days from rows coded by cls name, LOINC, itemid or concept_id (text unit), with age and sex, over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean, age float8, sex text, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, text, float8, text, float8, boolean, float8, text, text) IS
    'tagraxofusp dose days from rows coded by cls name, LOINC, itemid or concept_id (text unit), with age and sex, dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamp, code bigint, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamp, bigint, float8, text, float8, boolean) IS
    'tagraxofusp dose days from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, text, float8, boolean, text) IS
    'tagraxofusp dose days from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamp, code bigint, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamp, bigint, float8, text, float8, boolean, float8, text) IS
    'tagraxofusp dose days from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), with age and sex, over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean, age float8, sex text, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, text, float8, boolean, float8, text, text) IS
    'tagraxofusp dose days from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), with age and sex, dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamp, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamp, bigint, float8, bigint, float8, boolean) IS
    'tagraxofusp dose days from OMOP rows (measurement_concept_id, unit_concept_id, range_high), over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, bigint, float8, boolean, text) IS
    'tagraxofusp dose days from OMOP rows (measurement_concept_id, unit_concept_id, range_high), dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamp, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamp, bigint, float8, bigint, float8, boolean, float8, text) IS
    'tagraxofusp dose days from OMOP rows (measurement_concept_id, unit_concept_id, range_high), with age and sex, over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, age float8, sex text, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, bigint, float8, boolean, float8, text, text) IS
    'tagraxofusp dose days from OMOP rows (measurement_concept_id, unit_concept_id, range_high), with age and sex, dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';

CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamp, code text, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamp, text, float8, text, float8, boolean) IS
    'per-cycle tagraxofusp summary from rows coded by cls name, LOINC, itemid or concept_id (text unit), over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, text, float8, text, float8, boolean, text) IS
    'per-cycle tagraxofusp summary from rows coded by cls name, LOINC, itemid or concept_id (text unit), dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamp, code text, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamp, text, float8, text, float8, boolean, float8, text) IS
    'per-cycle tagraxofusp summary from rows coded by cls name, LOINC, itemid or concept_id (text unit), with age and sex, over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean, age float8, sex text, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, text, float8, text, float8, boolean, float8, text, text) IS
    'per-cycle tagraxofusp summary from rows coded by cls name, LOINC, itemid or concept_id (text unit), with age and sex, dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamp, code bigint, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamp, bigint, float8, text, float8, boolean) IS
    'per-cycle tagraxofusp summary from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, text, float8, boolean, text) IS
    'per-cycle tagraxofusp summary from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamp, code bigint, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamp, bigint, float8, text, float8, boolean, float8, text) IS
    'per-cycle tagraxofusp summary from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), with age and sex, over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean, age float8, sex text, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, text, float8, boolean, float8, text, text) IS
    'per-cycle tagraxofusp summary from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), with age and sex, dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamp, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamp, bigint, float8, bigint, float8, boolean) IS
    'per-cycle tagraxofusp summary from OMOP rows (measurement_concept_id, unit_concept_id, range_high), over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, bigint, float8, boolean, text) IS
    'per-cycle tagraxofusp summary from OMOP rows (measurement_concept_id, unit_concept_id, range_high), dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamp, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final_ts,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamp, bigint, float8, bigint, float8, boolean, float8, text) IS
    'per-cycle tagraxofusp summary from OMOP rows (measurement_concept_id, unit_concept_id, range_high), with age and sex, over wall-clock times: cycle days are wall-clock dates, times in the result are timestamp';
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, age float8, sex text, time_zone text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, bigint, float8, boolean, float8, text, text) IS
    'per-cycle tagraxofusp summary from OMOP rows (measurement_concept_id, unit_concept_id, range_high), with age and sex, dated in time_zone (the place of care, the same for every row of a group; NULL or unknown: an error)';

CREATE FUNCTION @extschema@.tagraxofusp_days(ts timestamp[], code text[], value float8[],
    unit text[], ref_high float8[], dose boolean[], age float8 DEFAULT NULL, sex text DEFAULT NULL)
    RETURNS SETOF @extschema@.tagraxofusp_day_ts
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT d.* FROM pg_catalog.unnest((
        SELECT @extschema@.tagraxofusp_monitor(r.ts, r.code, r.value, r.unit, r.ref_high, r.dose, $7, $8)
        FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3),
                       pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6))
             AS r(ts, code, value, unit, ref_high, dose)
    )) AS d
$$;
COMMENT ON FUNCTION @extschema@.tagraxofusp_days(timestamp[], text[], float8[], text[], float8[], boolean[], float8, text) IS
    'the dose days of one patient''s rows given as parallel arrays of wall-clock times, one row per dose (cls.tagraxofusp_monitor over timestamp, unnested): cycle days are wall-clock dates';
