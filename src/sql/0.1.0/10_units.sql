-- ---------------------------------------------------------------------------
-- Small base types.  Each is an int4 on disk with case-insensitive input and
-- canonical output.  They are not collatable, so postgres_fdw ships calls
-- that take them as constants (a text constant would block shipping).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.analyte;
CREATE FUNCTION @extschema@.analyte_in(cstring) RETURNS @extschema@.analyte
    AS 'MODULE_PATHNAME', 'cls_analyte_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.analyte_out(@extschema@.analyte) RETURNS cstring
    AS 'MODULE_PATHNAME', 'cls_analyte_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.analyte_recv(internal) RETURNS @extschema@.analyte
    AS 'MODULE_PATHNAME', 'cls_analyte_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.analyte_send(@extschema@.analyte) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cls_small_type_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.analyte (
    INPUT = @extschema@.analyte_in, OUTPUT = @extschema@.analyte_out,
    RECEIVE = @extschema@.analyte_recv, SEND = @extschema@.analyte_send,
    INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, STORAGE = plain);
COMMENT ON TYPE @extschema@.analyte IS
    'a cls analyte; input: a name (albumin, hematocrit, sbp ...), a LOINC code, a MIMIC-IV itemid or an OMOP concept_id, case-insensitive';

CREATE FUNCTION @extschema@.analyte_eq(@extschema@.analyte, @extschema@.analyte) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_small_type_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.analyte_eq(@extschema@.analyte, @extschema@.analyte) IS 'equality of cls analytes';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.analyte, RIGHTARG = @extschema@.analyte,
    FUNCTION = @extschema@.analyte_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.analyte, @extschema@.analyte) IS 'equality of cls analytes';

COMMENT ON FUNCTION @extschema@.analyte_in(cstring) IS 'input function of cls.analyte';
COMMENT ON FUNCTION @extschema@.analyte_out(@extschema@.analyte) IS 'output function of cls.analyte';
COMMENT ON FUNCTION @extschema@.analyte_recv(internal) IS 'binary input function of cls.analyte';
COMMENT ON FUNCTION @extschema@.analyte_send(@extschema@.analyte) IS 'binary output function of cls.analyte';

-- ---------------------------------------------------------------------------
-- Analytes, warehouse codes and units
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.analyte_of(code text) RETURNS @extschema@.analyte
    AS 'MODULE_PATHNAME', 'cls_analyte_of_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.analyte_of(text) IS
    'the cls analyte of a warehouse code (cls name, LOINC code, MIMIC-IV itemid or OMOP concept_id as text), NULL when cls does not map it';

CREATE FUNCTION @extschema@.analyte_of(code bigint) RETURNS @extschema@.analyte
    AS 'MODULE_PATHNAME', 'cls_analyte_of_int' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.analyte_of(bigint) IS
    'the cls analyte of a MIMIC-IV itemid or OMOP measurement concept_id, NULL when cls does not map it';

CREATE FUNCTION @extschema@.canonical_unit(analyte @extschema@.analyte) RETURNS text
    AS 'MODULE_PATHNAME', 'cls_canonical_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.canonical_unit(@extschema@.analyte) IS
    'the unit cls computes an analyte in (albumin g/dL, hematocrit %, ...)';

CREATE FUNCTION @extschema@.to_canonical(analyte @extschema@.analyte, value float8, unit text) RETURNS float8
    AS 'MODULE_PATHNAME', 'cls_to_canonical' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_canonical(@extschema@.analyte, float8, text) IS
    'a value converted to the analyte''s canonical unit; error 22023 for a unit unknown or not valid for the analyte';

CREATE FUNCTION @extschema@.to_canonical(analyte @extschema@.analyte, value float8, unit_concept_id bigint) RETURNS float8
    AS 'MODULE_PATHNAME', 'cls_to_canonical_omop' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_canonical(@extschema@.analyte, float8, bigint) IS
    'a value converted to the analyte''s canonical unit from an OMOP unit concept_id; error 22023 for an unknown or invalid unit';

CREATE FUNCTION @extschema@.unit_known(analyte @extschema@.analyte, unit text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_unit_known' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unit_known(@extschema@.analyte, text) IS
    'true when cls can convert this unit spelling for the analyte; never raises an error, so pipelines can find unmapped rows first';

CREATE FUNCTION @extschema@.unit_known(analyte @extschema@.analyte, unit_concept_id bigint) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_unit_known_omop' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unit_known(@extschema@.analyte, bigint) IS
    'true when cls can convert this OMOP unit concept_id for the analyte';

CREATE FUNCTION @extschema@.value_problem(analyte @extschema@.analyte, value float8, unit text) RETURNS text
    AS 'MODULE_PATHNAME', 'cls_value_problem' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_problem(@extschema@.analyte, float8, text) IS
    'NULL when cls would use the value, otherwise why it ignores it (unknown unit, NaN, infinite, negative, outside the plausible range); never raises an error';

CREATE FUNCTION @extschema@.analytes(
    OUT analyte text, OUT canonical_unit text, OUT plausible_low float8,
    OUT low_inclusive boolean, OUT plausible_high float8, OUT units text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cls_analytes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 16;
COMMENT ON FUNCTION @extschema@.analytes() IS
    'the analytes cls knows: canonical unit, plausible range of a value (inclusive high; low inclusive as stated), accepted units';

CREATE FUNCTION @extschema@.codes(OUT code text, OUT system text, OUT analyte text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cls_codes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 80;
COMMENT ON FUNCTION @extschema@.codes() IS
    'the warehouse codes cls maps to analytes: LOINC codes, OMOP measurement concept_ids and MIMIC-IV itemids';

CREATE FUNCTION @extschema@.unit_conversions(
    OUT analyte text, OUT unit text, OUT canonical_unit text, OUT factor text, OUT "offset" float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cls_unit_conversions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION @extschema@.unit_conversions() IS
    'the unit conversions cls applies: canonical value = value (factor) + offset';
