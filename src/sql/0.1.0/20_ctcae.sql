-- ---------------------------------------------------------------------------
-- CTCAE grading (SPEC.md 3; clinical-sources.md 3)
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.ctcae_term;
CREATE FUNCTION @extschema@.ctcae_term_in(cstring) RETURNS @extschema@.ctcae_term
    AS 'MODULE_PATHNAME', 'cls_term_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ctcae_term_out(@extschema@.ctcae_term) RETURNS cstring
    AS 'MODULE_PATHNAME', 'cls_term_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ctcae_term_recv(internal) RETURNS @extschema@.ctcae_term
    AS 'MODULE_PATHNAME', 'cls_term_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ctcae_term_send(@extschema@.ctcae_term) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_small_type_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.ctcae_term (
    INPUT = @extschema@.ctcae_term_in, OUTPUT = @extschema@.ctcae_term_out,
    RECEIVE = @extschema@.ctcae_term_recv, SEND = @extschema@.ctcae_term_send,
    INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, STORAGE = plain);
COMMENT ON TYPE @extschema@.ctcae_term IS
    'a CTCAE term cls grades (Hypoalbuminemia, Hyponatremia, ...); input is case-insensitive, blanks and underscores interchangeable';
COMMENT ON FUNCTION @extschema@.ctcae_term_in(cstring) IS 'input function of cls.ctcae_term';
COMMENT ON FUNCTION @extschema@.ctcae_term_out(@extschema@.ctcae_term) IS 'output function of cls.ctcae_term';
COMMENT ON FUNCTION @extschema@.ctcae_term_recv(internal) IS 'binary input function of cls.ctcae_term';
COMMENT ON FUNCTION @extschema@.ctcae_term_send(@extschema@.ctcae_term) IS 'binary output function of cls.ctcae_term';

CREATE TYPE @extschema@.ctcae_version;
CREATE FUNCTION @extschema@.ctcae_version_in(cstring) RETURNS @extschema@.ctcae_version
    AS 'MODULE_PATHNAME', 'cls_version_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ctcae_version_out(@extschema@.ctcae_version) RETURNS cstring
    AS 'MODULE_PATHNAME', 'cls_version_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ctcae_version_recv(internal) RETURNS @extschema@.ctcae_version
    AS 'MODULE_PATHNAME', 'cls_version_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ctcae_version_send(@extschema@.ctcae_version) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_small_type_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.ctcae_version (
    INPUT = @extschema@.ctcae_version_in, OUTPUT = @extschema@.ctcae_version_out,
    RECEIVE = @extschema@.ctcae_version_recv, SEND = @extschema@.ctcae_version_send,
    INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, STORAGE = plain);
COMMENT ON TYPE @extschema@.ctcae_version IS
    'a CTCAE version: 5.0 (default), 4.03, and 6.0 for Hypoalbuminemia only; input ''5'', ''5.0'', ''4'', ''4.03'', ''6.0''';
COMMENT ON FUNCTION @extschema@.ctcae_version_in(cstring) IS 'input function of cls.ctcae_version';
COMMENT ON FUNCTION @extschema@.ctcae_version_out(@extschema@.ctcae_version) IS 'output function of cls.ctcae_version';
COMMENT ON FUNCTION @extschema@.ctcae_version_recv(internal) IS 'binary input function of cls.ctcae_version';
COMMENT ON FUNCTION @extschema@.ctcae_version_send(@extschema@.ctcae_version) IS 'binary output function of cls.ctcae_version';

-- The generic grading function.  Limits and baseline are in the value's own
-- unit (as OMOP range_low/range_high are); NULL means unknown.
CREATE FUNCTION @extschema@.ctcae_grade(
    term @extschema@.ctcae_term, value float8, unit text,
    lln float8 DEFAULT NULL, uln float8 DEFAULT NULL, baseline float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0', symptomatic boolean DEFAULT false)
    RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_ctcae_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ctcae_grade(@extschema@.ctcae_term, float8, text, float8, float8, float8, @extschema@.ctcae_version, boolean) IS
    'CTCAE grade 0-4 of a lab value; lln/uln/baseline in the value''s unit, NULL = unknown; NULL when the grade cannot be determined (see cls.ctcae_grade_reason)';

CREATE FUNCTION @extschema@.ctcae_grade(
    term @extschema@.ctcae_term, value float8, unit_concept_id bigint,
    lln float8 DEFAULT NULL, uln float8 DEFAULT NULL, baseline float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0', symptomatic boolean DEFAULT false)
    RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_ctcae_grade_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ctcae_grade(@extschema@.ctcae_term, float8, bigint, float8, float8, float8, @extschema@.ctcae_version, boolean) IS
    'CTCAE grade 0-4 of a lab value whose unit is an OMOP unit concept_id (OMOP measurement rows: range_low/range_high as lln/uln)';

CREATE FUNCTION @extschema@.ctcae_grade_reason(
    term @extschema@.ctcae_term, value float8, unit text,
    lln float8 DEFAULT NULL, uln float8 DEFAULT NULL, baseline float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0', symptomatic boolean DEFAULT false)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cls_ctcae_grade_reason' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ctcae_grade_reason(@extschema@.ctcae_term, float8, text, float8, float8, float8, @extschema@.ctcae_version, boolean) IS
    'why cls.ctcae_grade returns NULL for these arguments (NULL input, implausible value, unknown limit); NULL when it returns a grade';

CREATE FUNCTION @extschema@.ctcae_grade_reason(
    term @extschema@.ctcae_term, value float8, unit_concept_id bigint,
    lln float8 DEFAULT NULL, uln float8 DEFAULT NULL, baseline float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0', symptomatic boolean DEFAULT false)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cls_ctcae_grade_reason_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ctcae_grade_reason(@extschema@.ctcae_term, float8, bigint, float8, float8, float8, @extschema@.ctcae_version, boolean) IS
    'why cls.ctcae_grade (OMOP unit concept_id form) returns NULL; NULL when it returns a grade';

-- Per-term functions: limits in the canonical unit, named with it; the
-- common reference limit is a visible default where one exists (SPEC 3).
CREATE FUNCTION @extschema@.hypoalbuminemia_grade(
    albumin float8, unit text, lln_g_dl float8 DEFAULT 3.5,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_hypoalbuminemia_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hypoalbuminemia_grade(float8, text, float8, @extschema@.ctcae_version) IS
    'CTCAE Hypoalbuminemia grade 0-3 of an albumin value in any albumin unit; LLN in g/dL, default 3.5 g/dL (common reference limit, also the tagraxofusp label''s threshold)';

CREATE FUNCTION @extschema@.hyponatremia_grade(
    sodium float8, unit text, lln_mmol_l float8 DEFAULT 135, symptomatic boolean DEFAULT false,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_hyponatremia_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hyponatremia_grade(float8, text, float8, boolean, @extschema@.ctcae_version) IS
    'CTCAE Hyponatremia grade 0-4; LLN in mmol/L, default 135; symptomatic decides grade 2 or 3 at 125-<130 mmol/L in v5.0 (NULL = unknown)';

CREATE FUNCTION @extschema@.hemoglobin_increased_grade(
    hemoglobin float8, unit text, uln_g_dl float8 DEFAULT NULL, baseline_g_dl float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_hemoglobin_increased_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.hemoglobin_increased_grade(float8, text, float8, float8, @extschema@.ctcae_version) IS
    'CTCAE Hemoglobin increased grade 0-3; ULN (sex-dependent, no default) and baseline in g/dL; v5.0 measures above ULN, v4.03 above baseline when baseline is above ULN';

CREATE FUNCTION @extschema@.anemia_grade(
    hemoglobin float8, unit text, lln_g_dl float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_anemia_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.anemia_grade(float8, text, float8, @extschema@.ctcae_version) IS
    'CTCAE Anemia grade 0-3; LLN in g/dL (sex-dependent, no default); hemoglobin in mmol/L is converted with 0.6206';

CREATE FUNCTION @extschema@.weight_gain_grade(
    weight float8, unit text, baseline_weight float8,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_weight_gain_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weight_gain_grade(float8, text, float8, @extschema@.ctcae_version) IS
    'CTCAE Weight gain grade 0-3 from the percent change over baseline_weight (same unit as weight); a loss is grade 0';

CREATE FUNCTION @extschema@.cpk_increased_grade(
    ck float8, unit text, uln_u_l float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_cpk_increased_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cpk_increased_grade(float8, text, float8, @extschema@.ctcae_version) IS
    'CTCAE CPK increased grade 0-4; ULN in U/L (sex-dependent, no default)';

CREATE FUNCTION @extschema@.creatinine_increased_grade(
    creatinine float8, unit text, uln_mg_dl float8 DEFAULT NULL, baseline_mg_dl float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_creatinine_increased_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.creatinine_increased_grade(float8, text, float8, float8, @extschema@.ctcae_version) IS
    'CTCAE Creatinine increased grade 0-4, the worse of the ULN- and baseline-based grades; ULN and baseline in mg/dL (no default); NULL when an unknown one could change the grade';

CREATE FUNCTION @extschema@.platelet_count_decreased_grade(
    platelets float8, unit text, lln_10e9_l float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_platelet_count_decreased_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.platelet_count_decreased_grade(float8, text, float8, @extschema@.ctcae_version) IS
    'CTCAE Platelet count decreased grade 0-4; LLN in 10^9/L (no default: grade 1 needs it, grades 2-4 do not)';

CREATE FUNCTION @extschema@.neutrophil_count_decreased_grade(
    neutrophils float8, unit text, lln_10e9_l float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0') RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_neutrophil_count_decreased_grade' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.neutrophil_count_decreased_grade(float8, text, float8, @extschema@.ctcae_version) IS
    'CTCAE Neutrophil count decreased grade 0-4; LLN in 10^9/L (no default: grade 1 needs it, grades 2-4 do not)';

CREATE FUNCTION @extschema@.ctcae_criteria(
    OUT term text, OUT version text, OUT grade smallint, OUT basis text,
    OUT threshold float8, OUT unit text, OUT rule text, OUT ctcae_text text,
    OUT meddra_code text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cls_ctcae_criteria' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 90;
COMMENT ON FUNCTION @extschema@.ctcae_criteria() IS
    'the CTCAE criteria cls grades with, one row per condition (a grade holds when any of its rows holds; the highest holding grade wins), with the CTCAE wording';
