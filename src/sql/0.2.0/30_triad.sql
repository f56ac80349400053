-- ---------------------------------------------------------------------------
-- CLS signs, the triad and the drug profile (SPEC.md 4).  Thresholds are
-- arguments (a cls.criteria value), never settings, so every function is
-- IMMUTABLE.  Defaults: src/core/triad.c, cited there and in the README.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.profile;
CREATE FUNCTION @extschema@.profile_in(cstring) RETURNS @extschema@.profile
    AS 'MODULE_PATHNAME', 'cls_profile_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.profile_out(@extschema@.profile) RETURNS cstring
    AS 'MODULE_PATHNAME', 'cls_profile_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.profile_recv(internal) RETURNS @extschema@.profile
    AS 'MODULE_PATHNAME', 'cls_profile_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.profile_send(@extschema@.profile) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_small_type_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.profile (
    INPUT = @extschema@.profile_in, OUTPUT = @extschema@.profile_out,
    RECEIVE = @extschema@.profile_recv, SEND = @extschema@.profile_send,
    INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, STORAGE = plain);
COMMENT ON TYPE @extschema@.profile IS
    'a CLS profile: triad (k of hypotension, hypoalbuminemia, hemoconcentration) or drug (tagraxofusp-like: hypoalbuminemia with weight gain, hypotension or edema)';
COMMENT ON FUNCTION @extschema@.profile_in(cstring) IS 'input function of cls.profile';
COMMENT ON FUNCTION @extschema@.profile_out(@extschema@.profile) IS 'output function of cls.profile';
COMMENT ON FUNCTION @extschema@.profile_recv(internal) IS 'binary input function of cls.profile';
COMMENT ON FUNCTION @extschema@.profile_send(@extschema@.profile) IS 'binary output function of cls.profile';

-- Criteria: thresholds in canonical units (SPEC 2); NULL = that criterion
-- is off.  cooccurrence_window '0' selects the current-values mode.
CREATE TYPE @extschema@.criteria AS (
    profile             @extschema@.profile,
    k                   integer,
    sbp_below           float8,
    map_below           float8,
    sbp_fall            float8,
    albumin_below       float8,
    albumin_fall        float8,
    hematocrit_above    float8,
    hematocrit_rise     float8,
    weight_gain_kg      float8,
    weight_gain_percent float8,
    sodium_below        float8,
    edema               boolean,
    derive_baselines    boolean,
    cooccurrence_window interval,
    bp_valid            interval,
    albumin_valid       interval,
    hematocrit_valid    interval,
    weight_valid        interval,
    sodium_valid        interval,
    edema_valid         interval
);
COMMENT ON TYPE @extschema@.criteria IS
    'CLS criteria: profile, thresholds in canonical units (NULL = off), evaluation mode (cooccurrence_window, ''0'' = current values) and validity windows; build with cls.triad_criteria() or cls.drug_criteria()';

CREATE FUNCTION @extschema@.triad_criteria(
    k integer DEFAULT 3,
    sbp_below float8 DEFAULT 90, map_below float8 DEFAULT 65, sbp_fall float8 DEFAULT 40,
    albumin_below float8 DEFAULT 3.0, albumin_fall float8 DEFAULT 0.5,
    hematocrit_above float8 DEFAULT 45, hematocrit_rise float8 DEFAULT NULL,
    weight_gain_kg float8 DEFAULT 1.5, weight_gain_percent float8 DEFAULT 5,
    sodium_below float8 DEFAULT 135, edema boolean DEFAULT true,
    derive_baselines boolean DEFAULT true,
    cooccurrence_window interval DEFAULT '72 hours',
    bp_valid interval DEFAULT '6 hours', albumin_valid interval DEFAULT '48 hours',
    hematocrit_valid interval DEFAULT '24 hours', weight_valid interval DEFAULT '36 hours',
    sodium_valid interval DEFAULT '48 hours', edema_valid interval DEFAULT '24 hours')
    RETURNS @extschema@.criteria
    AS 'MODULE_PATHNAME', 'cls_make_criteria' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_criteria(integer, float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval) IS
    'criteria of the triad profile: CLS suspected when k of hypotension, hypoalbuminemia, hemoconcentration hold; defaults from SPEC 4; NULL switches a criterion off';

CREATE FUNCTION @extschema@.drug_criteria(
    sbp_below float8 DEFAULT 90, map_below float8 DEFAULT 65, sbp_fall float8 DEFAULT 40,
    albumin_below float8 DEFAULT 3.5, albumin_fall float8 DEFAULT 0.5,
    hematocrit_above float8 DEFAULT 45, hematocrit_rise float8 DEFAULT NULL,
    weight_gain_kg float8 DEFAULT 1.5, weight_gain_percent float8 DEFAULT 5,
    sodium_below float8 DEFAULT 135, edema boolean DEFAULT true,
    derive_baselines boolean DEFAULT true,
    cooccurrence_window interval DEFAULT '72 hours',
    bp_valid interval DEFAULT '6 hours', albumin_valid interval DEFAULT '48 hours',
    hematocrit_valid interval DEFAULT '24 hours', weight_valid interval DEFAULT '36 hours',
    sodium_valid interval DEFAULT '48 hours', edema_valid interval DEFAULT '24 hours')
    RETURNS @extschema@.criteria
    AS 'MODULE_PATHNAME', 'cls_make_criteria' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.drug_criteria(float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval) IS
    'criteria of the drug (tagraxofusp-like) profile: hypoalbuminemia by the label (albumin < 3.5 g/dL or fallen >= 0.5) with weight gain, hypotension or edema; NULL switches a criterion off';

CREATE FUNCTION @extschema@.criteria_defaults(profile @extschema@.profile) RETURNS @extschema@.criteria
    AS 'MODULE_PATHNAME', 'cls_criteria_defaults' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.criteria_defaults(@extschema@.profile) IS
    'the default criteria of a profile as the C core defines them (equal to cls.triad_criteria() / cls.drug_criteria())';

-- The evidence for a sign: the observation that made it hold.
CREATE TYPE @extschema@.sign_evidence AS (
    sign      text,
    rule      text,
    analyte   text,
    value     float8,
    unit      text,
    reference float8,
    at        timestamptz
);
COMMENT ON TYPE @extschema@.sign_evidence IS
    'why a sign held: the criterion met, the analyte and canonical value, the reference it was compared with (baseline or previous day''s weight, NULL for an absolute threshold) and the observation time (NULL in the wide functions)';

CREATE TYPE @extschema@.sign_result AS (
    hypotension       boolean,
    hypoalbuminemia   boolean,
    hemoconcentration boolean,
    weight_gain       boolean,
    hyponatremia      boolean,
    edema             boolean,
    suspected         boolean,
    evidence          @extschema@.sign_evidence[]
);
COMMENT ON TYPE @extschema@.sign_result IS
    'the signs at one time point (NULL: no usable value), whether the profile holds (NULL: it depends on a missing value) and the evidence of each sign that held';

CREATE TYPE @extschema@.triad_baselines AS (
    sbp        float8,
    albumin    float8,
    hematocrit float8,
    weight     float8
);
COMMENT ON TYPE @extschema@.triad_baselines IS
    'a patient''s baselines for the relative criteria, in canonical units (mmHg, g/dL, %, kg); NULL = derive (or none); build with cls.baselines()';

CREATE FUNCTION @extschema@.baselines(
    sbp float8 DEFAULT NULL, albumin float8 DEFAULT NULL, albumin_unit text DEFAULT 'g/dL',
    hematocrit float8 DEFAULT NULL, hematocrit_unit text DEFAULT '%',
    weight float8 DEFAULT NULL, weight_unit text DEFAULT 'kg')
    RETURNS @extschema@.triad_baselines
    AS 'MODULE_PATHNAME', 'cls_make_baselines' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.baselines(float8, float8, text, float8, text, float8, text) IS
    'a patient''s baselines for cls.triad_agg, converted to canonical units; error 22023 for an unknown unit or an implausible value';

-- Wide rows: signs at one time point.  Baselines and the previous day's
-- weight are in the value's unit.
CREATE FUNCTION @extschema@.hypotension(
    sbp float8 DEFAULT NULL, map float8 DEFAULT NULL, baseline_sbp float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hypotension' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hypotension(float8, float8, float8, @extschema@.criteria) IS
    'hypotension sign: SBP < 90 or MAP < 65 mmHg or SBP fallen >= 40 below baseline (defaults); NULL when no value is given';

CREATE FUNCTION @extschema@.hypoalbuminemia(
    albumin float8, unit text DEFAULT 'g/dL', baseline_albumin float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hypoalbuminemia' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hypoalbuminemia(float8, text, float8, @extschema@.criteria) IS
    'hypoalbuminemia sign: albumin < 3.0 g/dL (drug criteria: 3.5) or fallen >= 0.5 g/dL below baseline; NULL when no value is given';

CREATE FUNCTION @extschema@.hemoconcentration(
    hematocrit float8, unit text DEFAULT '%', baseline_hematocrit float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hemoconcentration' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hemoconcentration(float8, text, float8, @extschema@.criteria) IS
    'hemoconcentration sign: hematocrit > 45 % or risen by criteria.hematocrit_rise above baseline (no default rise); NULL when no value is given';

CREATE FUNCTION @extschema@.weight_gain(
    weight float8, previous_weight float8 DEFAULT NULL, baseline_weight float8 DEFAULT NULL,
    unit text DEFAULT 'kg', criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_weight_gain' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weight_gain(float8, float8, float8, text, @extschema@.criteria) IS
    'weight gain sign: >= 1.5 kg above the previous day''s weight or >= 5 % above baseline; NULL when no weight is given';

CREATE FUNCTION @extschema@.hyponatremia(
    sodium float8, unit text DEFAULT 'mmol/L',
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hyponatremia' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hyponatremia(float8, text, @extschema@.criteria) IS
    'hyponatremia (supporting) sign: sodium < 135 mmol/L; NULL when no value is given';

CREATE FUNCTION @extschema@.signs(
    sbp float8 DEFAULT NULL, map float8 DEFAULT NULL,
    albumin float8 DEFAULT NULL, albumin_unit text DEFAULT 'g/dL',
    hematocrit float8 DEFAULT NULL, hematocrit_unit text DEFAULT '%',
    weight float8 DEFAULT NULL, previous_weight float8 DEFAULT NULL, weight_unit text DEFAULT 'kg',
    sodium float8 DEFAULT NULL, sodium_unit text DEFAULT 'mmol/L',
    edema boolean DEFAULT NULL,
    baseline_sbp float8 DEFAULT NULL, baseline_albumin float8 DEFAULT NULL,
    baseline_hematocrit float8 DEFAULT NULL, baseline_weight float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS @extschema@.sign_result
    AS 'MODULE_PATHNAME', 'cls_signs' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.signs(float8, float8, float8, text, float8, text, float8, float8, text, float8, text, boolean, float8, float8, float8, float8, @extschema@.criteria) IS
    'all CLS signs and the profile at one time point (wide rows), with the values that made each sign hold';

-- Long rows: the aggregate.
CREATE TYPE @extschema@.triad_summary AS (
    suspected_ever      boolean,
    first_suspected     timestamptz,
    suspected_duration  interval,
    signs_ever          text[],
    first_evidence      @extschema@.sign_evidence[],
    current_at          timestamptz,
    current_suspected   boolean,
    current_signs       text[],
    current_evidence    @extschema@.sign_evidence[],
    lowest_sbp          float8,
    lowest_sbp_at       timestamptz,
    lowest_albumin      float8,
    lowest_albumin_at   timestamptz,
    highest_hematocrit  float8,
    highest_hematocrit_at timestamptz,
    largest_weight_gain float8,
    largest_weight_gain_at timestamptz,
    n_used              bigint,
    n_ignored           bigint
);
COMMENT ON TYPE @extschema@.triad_summary IS
    'result of cls.triad_agg: whether and when CLS was first suspected, for how long, the signs seen, the evidence at the first suspected time, the flags at the latest time (window use), the worst values in canonical units, rows used and ignored';

CREATE TYPE @extschema@.triad_point AS (
    at        timestamptz,
    "until"   timestamptz,
    suspected boolean,
    signs     text[]
);
COMMENT ON TYPE @extschema@.triad_point IS
    'one evaluation time of the CLS timeline: the signs that count, whether the profile holds, and until when it holds without a further observation';

CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamptz, text, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamptz, bigint, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, @extschema@.triad_baselines) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.triad_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, @extschema@.triad_baselines) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_sfunc_int' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamptz, text, float8, text) IS 'transition function of cls.triad_agg';
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamptz, bigint, float8, text) IS 'transition function of cls.triad_agg';
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_agg';
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria) IS 'transition function of cls.triad_agg';
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamptz, text, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS 'transition function of cls.triad_agg';
COMMENT ON FUNCTION @extschema@.triad_sfunc(internal, timestamptz, bigint, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS 'transition function of cls.triad_agg';

CREATE FUNCTION @extschema@.triad_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_combine(internal, internal) IS 'combine function of cls.triad_agg (concatenates the buffered observations)';
CREATE FUNCTION @extschema@.triad_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_triad_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_serialize(internal) IS 'serialization function of cls.triad_agg';
CREATE FUNCTION @extschema@.triad_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'cls_triad_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_deserialize(bytea, internal) IS 'deserialization function of cls.triad_agg (validates the state)';
CREATE FUNCTION @extschema@.triad_final(internal) RETURNS @extschema@.triad_summary
    AS 'MODULE_PATHNAME', 'cls_triad_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_final(internal) IS 'final function of cls.triad_agg (incremental in window use)';
CREATE FUNCTION @extschema@.triad_timeline_final(internal) RETURNS @extschema@.triad_point[]
    AS 'MODULE_PATHNAME', 'cls_triad_timeline_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_timeline_final(internal) IS 'final function of cls.triad_timeline';

-- SSPACE: a typical patient of a research warehouse, ~1000 buffered
-- observations of 24 bytes.
CREATE AGGREGATE @extschema@.triad_agg(ts timestamptz, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_agg(ts timestamptz, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_agg(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_agg(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_agg(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_agg(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamptz, text, float8, text) IS
    'CLS evaluation of a patient''s long-form observations (code: cls name, LOINC, itemid or concept_id as text; ''edema'' with 1/0) with the default triad criteria; also a window function';
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamptz, bigint, float8, text) IS
    'CLS evaluation of a patient''s long-form observations (code: MIMIC-IV itemid or OMOP concept_id) with the default triad criteria; also a window function';
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamptz, text, float8, text, @extschema@.criteria) IS
    'CLS evaluation of a patient''s long-form observations with the given criteria; also a window function';
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamptz, bigint, float8, text, @extschema@.criteria) IS
    'CLS evaluation of a patient''s long-form observations (itemid / concept_id) with the given criteria; also a window function';
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamptz, text, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS
    'CLS evaluation with the given criteria and per-patient baselines (cls.baselines(); NULL fields derived or none)';
COMMENT ON AGGREGATE @extschema@.triad_agg(timestamptz, bigint, float8, text, @extschema@.criteria, @extschema@.triad_baselines) IS
    'CLS evaluation (itemid / concept_id) with the given criteria and per-patient baselines';

CREATE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 24576,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamptz, text, float8, text) IS
    'the CLS timeline of a patient (default triad criteria): one cls.triad_point per distinct observation time';
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamptz, bigint, float8, text) IS
    'the CLS timeline of a patient (itemid / concept_id codes, default triad criteria)';
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamptz, text, float8, text, @extschema@.criteria) IS
    'the CLS timeline of a patient with the given criteria';
COMMENT ON AGGREGATE @extschema@.triad_timeline(timestamptz, bigint, float8, text, @extschema@.criteria) IS
    'the CLS timeline of a patient (itemid / concept_id codes) with the given criteria';
