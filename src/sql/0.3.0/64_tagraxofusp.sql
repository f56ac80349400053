
-- ---------------------------------------------------------------------------
-- Tagraxofusp: creatinine clearance (README "Tagraxofusp monitoring",
-- "Upgrading").
--
-- CHANGED CLINICAL ANSWERS FROM 0.2.0 (corrections): the label's creatinine
-- rule is "serum creatinine > 1.8 mg/dL or creatinine clearance < 60
-- mL/min".  0.2.0 marked it clear when only a creatinine <= 1.8 mg/dL was
-- known, but a CrCl < 60 mL/min is possible at that creatinine (an old or
-- small patient).  From 0.3.0 "clear" needs both measures: the CrCl is the
-- measured one, else the Cockcroft-Gault estimate (Cockcroft DW, Gault MH.
-- Nephron 1976;16(1):31-41, PubMed 1244564) from the day's creatinine and
-- weight and the patient's age and sex, which the check, the monitor and the
-- summary now take; without either the rule is "not evaluable".  Either
-- measure out of range still triggers by itself.
--
-- cls.tagraxofusp_check and cls.tagraxofusp_days gain the arguments age and
-- sex (with defaults); their 0.2.0 forms are renamed *_0_2_0 (a call naming
-- only some arguments would match both forms; a view bound to the old one
-- keeps working).  cls.tagraxofusp_monitor and
-- cls.tagraxofusp_summary gain forms with (..., dose, age, sex) beside the
-- 0.2.0 ones.
-- ---------------------------------------------------------------------------

-- The creatinine clearance the creatinine rule used (mL/min, NULL: none)
-- and whether cls estimated it (Cockcroft-Gault) rather than read it.
ALTER TYPE @extschema@.tagraxofusp_day
    ADD ATTRIBUTE creatinine_clearance float8,
    ADD ATTRIBUTE creatinine_clearance_estimated boolean;
COMMENT ON TYPE @extschema@.tagraxofusp_day IS
    'one tagraxofusp dose day: action (administer, administer (incomplete checks), interrupt dosing, discontinue permanently), instructions, the reasons that fired, the rules not evaluable, the values used (g/dL, kg, creatinine clearance in mL/min, measured or estimated by Cockcroft-Gault) and every rule''s status';

-- The 0.2.0 form is renamed, not dropped, so that a view or function of the
-- database that calls it keeps working (it binds by oid, and the C function
-- reads age and sex as NULL when they are not passed).
ALTER FUNCTION @extschema@.tagraxofusp_check(float8, text, float8, float8, float8, text, float8, float8, float8, text, float8, text, float8, float8, float8, float8, float8, boolean, boolean, boolean, text, integer, integer, boolean, boolean)
    RENAME TO tagraxofusp_check_0_2_0;
COMMENT ON FUNCTION @extschema@.tagraxofusp_check_0_2_0(float8, text, float8, float8, float8, text, float8, float8, float8, text, float8, text, float8, float8, float8, float8, float8, boolean, boolean, boolean, text, integer, integer, boolean, boolean) IS
    'the 0.2.0 signature of cls.tagraxofusp_check (no age, sex), kept under this name so that views created on 0.2.0 survive the upgrade; it gives 0.3.0''s answers; new queries call cls.tagraxofusp_check';
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
    transaminases_held boolean DEFAULT false,
    age float8 DEFAULT NULL, sex text DEFAULT NULL)
    RETURNS @extschema@.tagraxofusp_day
    AS 'MODULE_PATHNAME', 'cls_tagraxofusp_check' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_check(float8, text, float8, float8, float8, text, float8, float8, float8, text, float8, text, float8, float8, float8, float8, float8, boolean, boolean, boolean, text, integer, integer, boolean, boolean, float8, text) IS
    'evaluate one ELZONRIS dose day by the label''s Tables 1 and 2: pre_cycle_albumin in albumin_unit, previous_weight (the previous day''s predose weight) in weight_unit, creatinine_clearance in mL/min (without it, estimated by Cockcroft-Gault from creatinine, weight, age in years and sex ''F''/''M''/''female''/''male''/8532/8507), ALT/AST and their ULN in U/L; a NULL input makes its rule not evaluable, never clear; transaminases_held is the ALT/AST hold state after the previous dose (NULL = unknown)';

CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean, float8, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, text, float8, text, float8, boolean, float8, text) IS
    'transition function of the tagraxofusp aggregates (text code, text unit; age, sex)';
CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean, float8, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, text, float8, boolean, float8, text) IS
    'transition function of the tagraxofusp aggregates (itemid or concept_id code, text unit; age, sex)';
CREATE FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean, float8, text)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_tgx_sfunc_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tagraxofusp_sfunc(internal, timestamptz, bigint, float8, bigint, float8, boolean, float8, text) IS
    'transition function of the tagraxofusp aggregates (OMOP concept_id code, OMOP unit concept_id; age, sex)';

CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_monitor(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_monitor_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, text, float8, text, float8, boolean, float8, text) IS
    'tagraxofusp dose days of a patient, with the patient''s age (years) and sex (F, M, female, male, 8532, 8507) as the dose rows give them, for the Cockcroft-Gault estimate of creatinine clearance when none is measured';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, text, float8, boolean, float8, text) IS
    'tagraxofusp dose days from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), with age and sex';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_monitor(timestamptz, bigint, float8, bigint, float8, boolean, float8, text) IS
    'tagraxofusp dose days from OMOP rows (measurement_concept_id, unit_concept_id, range_high), with age and sex (person.gender_concept_id::text)';

CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code text, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit text, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.tagraxofusp_summary(ts timestamptz, code bigint, value float8, unit_concept_id bigint, ref_high float8, dose boolean, age float8, sex text) (
    SFUNC = @extschema@.tagraxofusp_sfunc, STYPE = internal,
    FINALFUNC = @extschema@.tagraxofusp_summary_final,
    COMBINEFUNC = @extschema@.obs_combine,
    SERIALFUNC = @extschema@.obs_serialize, DESERIALFUNC = @extschema@.obs_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, text, float8, text, float8, boolean, float8, text) IS
    'per-cycle tagraxofusp summary of a patient with age and sex (same rows as cls.tagraxofusp_monitor)';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, text, float8, boolean, float8, text) IS
    'per-cycle tagraxofusp summary from rows coded by MIMIC-IV itemid or OMOP concept_id (text unit), with age and sex';
COMMENT ON AGGREGATE @extschema@.tagraxofusp_summary(timestamptz, bigint, float8, bigint, float8, boolean, float8, text) IS
    'per-cycle tagraxofusp summary from OMOP rows (measurement_concept_id, unit_concept_id, range_high), with age and sex';

ALTER FUNCTION @extschema@.tagraxofusp_days(timestamptz[], text[], float8[], text[], float8[], boolean[])
    RENAME TO tagraxofusp_days_0_2_0;
COMMENT ON FUNCTION @extschema@.tagraxofusp_days_0_2_0(timestamptz[], text[], float8[], text[], float8[], boolean[]) IS
    'the 0.2.0 signature of cls.tagraxofusp_days (no age, sex, time_zone), kept under this name so that views created on 0.2.0 survive the upgrade; new queries call cls.tagraxofusp_days';
CREATE FUNCTION @extschema@.tagraxofusp_days(ts timestamptz[], code text[], value float8[],
    unit text[], ref_high float8[], dose boolean[], age float8 DEFAULT NULL, sex text DEFAULT NULL,
    time_zone text DEFAULT 'UTC')
    RETURNS SETOF @extschema@.tagraxofusp_day
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT d.* FROM pg_catalog.unnest((
        SELECT @extschema@.tagraxofusp_monitor(r.ts, r.code, r.value, r.unit, r.ref_high, r.dose, $7, $8, $9)
        FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3),
                       pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6))
             AS r(ts, code, value, unit, ref_high, dose)
    )) AS d
$$;
COMMENT ON FUNCTION @extschema@.tagraxofusp_days(timestamptz[], text[], float8[], text[], float8[], boolean[], float8, text, text) IS
    'the dose days of one patient''s rows given as parallel arrays, one row per dose (cls.tagraxofusp_monitor, unnested); age (years) and sex for the Cockcroft-Gault estimate of creatinine clearance; dates (cycle days, the previous day) in time_zone (default UTC)';
