-- ---------------------------------------------------------------------------
-- Dose anchoring (SPEC.md 5, dose-anchored windows) and tagraxofusp
-- (ELZONRIS) dose-day monitoring (SPEC.md 6; label Tables 1 and 2,
-- clinical-sources.md 1).  Every rule is in elapsed time (microseconds,
-- 24-hour days since a dose), never calendar dates, so every function here is
-- IMMUTABLE: the session TimeZone cannot change a result.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.days_since_first_dose(ts timestamptz, first_dose timestamptz)
    RETURNS integer
    AS 'MODULE_PATHNAME', 'cls_days_since_first_dose' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.days_since_first_dose(timestamptz, timestamptz) IS
    'floor((ts - first_dose) / 24 h): 0 during the first 24 h after the first dose, -1 in the 24 h before (the label''s onset range "-1 to 46 days" counts this way); NULL for infinite times';

CREATE FUNCTION @extschema@.cycle_of(ts timestamptz, doses timestamptz[],
    OUT cycle integer, OUT cycle_day integer, OUT cycle_start timestamptz,
    OUT days_since_first_dose integer)
    AS 'MODULE_PATHNAME', 'cls_cycle_of_pg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycle_of(timestamptz, timestamptz[]) IS
    'the 21-day tagraxofusp cycle a time falls in: a cycle starts at a dose, a dose >= 21 x 24 h after the cycle start starts the next; cycle_day = floor((ts - cycle_start) / 24 h) + 1; before the first dose cycle 0 with cycle_day -1, -2, ... (no day 0); NULL when doses holds no finite time';

CREATE TYPE @extschema@.treatment_cycle AS (
    cycle_no integer,
    start timestamptz,
    last_dose timestamptz,
    n_doses integer,
    dosing_days integer[]
);
COMMENT ON TYPE @extschema@.treatment_cycle IS
    'a 21-day treatment cycle built from dose times: number, first dose, last dose, distinct dose times, the cycle days with a dose';

CREATE FUNCTION @extschema@.cycles(doses timestamptz[]) RETURNS @extschema@.treatment_cycle[]
    AS 'MODULE_PATHNAME', 'cls_cycles_of_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles(timestamptz[]) IS
    'the 21-day treatment cycles of an array of dose times (NULL and infinite elements and duplicate times ignored); NULL when no dose';

-- The buffer of observations shared by the aggregates of this file.
CREATE FUNCTION @extschema@.obs_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_obs_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.obs_combine(internal, internal) IS
    'combine function of the dose-anchored aggregates: concatenates two buffers of observations';
CREATE FUNCTION @extschema@.obs_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_obs_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.obs_serialize(internal) IS
    'serialize function of the dose-anchored aggregates (version word first)';
CREATE FUNCTION @extschema@.obs_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_obs_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.obs_deserialize(bytea, internal) IS
    'deserialize function of the dose-anchored aggregates (checks version, length and every observation)';

CREATE FUNCTION @extschema@.cycles_sfunc(internal, timestamptz) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_cycles_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles_sfunc(internal, timestamptz) IS
    'transition function of cls.cycles(timestamptz)';
CREATE FUNCTION @extschema@.cycles_final(internal) RETURNS @extschema@.treatment_cycle[]
    AS 'MODULE_PATHNAME', 'cls_cycles_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cycles_final(internal) IS
    'final function of cls.cycles(timestamptz)';

CREATE AGGREGATE @extschema@.cycles(dose_time timestamptz) (
    SFUNC = @extschema@.cycles_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.cycles_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.cycles(timestamptz) IS
    'the 21-day treatment cycles of the dose times of a group (drug_exposure rows of one patient): a dose >= 21 x 24 h after the current cycle''s first dose starts the next cycle; order-free, NULL when no dose';

-- ---------------------------------------------------------------------------
-- Tagraxofusp dose-day rules
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tagraxofusp_rules(
    OUT rule_no integer, OUT rule text, OUT parameter text,
    OUT label_criterion text, OUT label_action text,
    OUT cls_trigger text, OUT cls_resume text, OUT instructions text[],
    OUT source text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cls_tagraxofusp_rules' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION @extschema@.tagraxofusp_rules() IS
    'the ELZONRIS dose-day rules cls applies: the label''s wording (Tables 1 and 2, 2.1) beside cls''s reading of the trigger and the resume condition';

-- One evaluated dose day.  The status columns are in cls.tagraxofusp_rules()
-- order; each is 'triggered', 'clear', 'not evaluable' or 'not applicable'.
CREATE TYPE @extschema@.tagraxofusp_day AS (
    dose_time timestamptz,
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
    albumin_time timestamptz,
    pre_cycle_albumin float8,
    pre_cycle_albumin_time timestamptz,
    weight float8,
    weight_time timestamptz,
    previous_weight float8,
    previous_weight_time timestamptz,
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
    transaminases_held boolean
);
COMMENT ON TYPE @extschema@.tagraxofusp_day IS
    'one tagraxofusp dose day: action (administer, administer (incomplete checks), interrupt dosing, discontinue permanently), instructions, the reasons that fired, the rules not evaluable, the values used (g/dL, kg) and every rule''s status';

CREATE FUNCTION @extschema@.tagraxofusp_check(
    albumin float8 DEFAULT NULL, albumin_unit text DEFAULT 'g/dL',
    pre_cycle_albumin float8 DEFAULT NULL,
    weight float8 DEFAULT NULL, previous_weight float8 DEFAULT NULL,
    weight_unit text DEFAULT 'kg',
    sbp float8 DEFAULT NULL, heart_rate float8 DEFAULT NULL,
    temperature float8 DEFAULT NULL, temperature_unit text DEFAULT 'Cel',
    creatinine float8 DEFAULT NULL, creatinine_unit text DEFAULT 'mg/dL',
    creatinine_clearance float8 DEFAULT NULL,
    alt float8 DEFAULT NULL, alt_uln float8 DEFAULT NULL,
    ast float8 DEFAULT NULL, ast_uln float8 DEFAULT NULL,
    edema boolean DEFAULT NULL, fluid_overload boolean DEFAULT NULL,
    hypotension boolean DEFAULT NULL, hypersensitivity text DEFAULT NULL,
    cycle integer DEFAULT NULL, cycle_day integer DEFAULT NULL,
    first_dose_of_cycle1 boolean DEFAULT NULL,
    transaminases_held boolean DEFAULT false)
    RETURNS @extschema@.tagraxofusp_day
    AS 'MODULE_PATHNAME', 'cls_tagraxofusp_check' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_check(float8, text, float8, float8, float8, text, float8, float8, float8, text, float8, text, float8, float8, float8, float8, float8, boolean, boolean, boolean, text, integer, integer, boolean, boolean) IS
    'evaluate one ELZONRIS dose day by the label''s Tables 1 and 2: pre_cycle_albumin in albumin_unit, previous_weight (the previous day''s predose weight) in weight_unit, creatinine_clearance in mL/min, ALT/AST and their ULN in U/L; a NULL input makes its rule not evaluable, never clear; transaminases_held is the ALT/AST hold state after the previous dose (NULL = unknown)';

-- Aggregates over long observations plus dose rows.
CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean) IS
    'transition function of the tagraxofusp aggregates (text code, text unit)';
CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean) IS
    'transition function of the tagraxofusp aggregates (itemid or concept_id code, text unit)';
CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean) IS
    'transition function of the tagraxofusp aggregates (OMOP concept_id code, OMOP unit concept_id)';

CREATE FUNCTION @extschema@.tagraxofusp_monitor_final(internal) RETURNS @extschema@.tagraxofusp_day[]
    AS 'MODULE_PATHNAME', 'cls_tgx_monitor_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_monitor_final(internal) IS
    'final function of cls.tagraxofusp_monitor';

CREATE TYPE @extschema@.tagraxofusp_cycle AS (
    cycle integer,
    cycle_start timestamptz,
    n_doses integer,
    pre_cycle_albumin float8,
    first_trigger timestamptz,
    first_trigger_cycle_day integer,
    first_trigger_days_since_first_dose integer,
    first_trigger_reasons text[],
    days_held integer,
    days_incomplete integer,
    lowest_albumin float8,
    lowest_albumin_time timestamptz,
    worst_hypoalbuminemia_grade smallint,
    triggers_by_rule jsonb
);
COMMENT ON TYPE @extschema@.tagraxofusp_cycle IS
    'summary of one tagraxofusp cycle: first dose on which the label says hold (time, cycle day, days since first dose, reasons), doses to hold, doses with incomplete checks, lowest albumin and its CTCAE v5.0 hypoalbuminemia grade (LLN 3.5 g/dL), triggers per rule';

CREATE FUNCTION @extschema@.tagraxofusp_summary_final(internal) RETURNS @extschema@.tagraxofusp_cycle[]
    AS 'MODULE_PATHNAME', 'cls_tgx_summary_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_summary_final(internal) IS
    'final function of cls.tagraxofusp_summary';

CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, text, float8, text, float8, boolean) IS
    'tagraxofusp dose days of a patient: rows are observations (code = cls name, LOINC, itemid or concept_id, or edema / fluid_overload / hypotension / hypersensitivity / creatinine_clearance) or doses (dose = true); ref_high is the ULN of ALT/AST rows; one cls.tagraxofusp_day per dose, NULL when no dose';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, text, float8, boolean) IS
    'tagraxofusp dose days of a patient from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit)';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, bigint, float8, boolean) IS
    'tagraxofusp dose days of a patient from OMOP rows (measurement_concept_id, unit_concept_id, range_high)';

CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, text, float8, text, float8, boolean) IS
    'per-cycle tagraxofusp summary of a patient (same rows as cls.tagraxofusp_monitor): first hold and its day, doses to hold, worst CTCAE hypoalbuminemia grade, triggers by rule; NULL when no dose';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, text, float8, boolean) IS
    'per-cycle tagraxofusp summary from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit)';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, bigint, float8, boolean) IS
    'per-cycle tagraxofusp summary from OMOP rows (measurement_concept_id, unit_concept_id, range_high)';

-- A set-returning convenience over one patient's rows given as arrays.
CREATE FUNCTION @extschema@.tagraxofusp_days(ts timestamptz[], code text[], value float8[],
    unit text[], ref_high float8[], dose boolean[])
    RETURNS SETOF @extschema@.tagraxofusp_day
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT d.* FROM pg_catalog.unnest((
        SELECT @extschema@.tagraxofusp_monitor(r.ts, r.code, r.value, r.unit, r.ref_high, r.dose)
        FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3),
                       pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6))
             AS r(ts, code, value, unit, ref_high, dose)
    )) AS d
$$;
COMMENT ON FUNCTION @extschema@.tagraxofusp_days(timestamptz[], text[], float8[], text[], float8[], boolean[]) IS
    'the dose days of one patient''s rows given as parallel arrays, one row per dose (cls.tagraxofusp_monitor, unnested)';
