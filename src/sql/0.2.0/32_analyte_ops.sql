-- ---------------------------------------------------------------------------
-- Ordering of cls.analyte (0.2.0), so that results can be sorted and grouped
-- by analyte: GROUP BY cls.analyte_of(measurement_concept_id).  The order is
-- that of cls.analytes().  The operators live in the schema cls: without cls
-- on the search_path write OPERATOR(cls.=) or compare the text form.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.analyte_ne(@extschema@.analyte, @extschema@.analyte) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_small_type_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.analyte_lt(@extschema@.analyte, @extschema@.analyte) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_small_type_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.analyte_le(@extschema@.analyte, @extschema@.analyte) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_small_type_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.analyte_gt(@extschema@.analyte, @extschema@.analyte) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_small_type_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.analyte_ge(@extschema@.analyte, @extschema@.analyte) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_small_type_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.analyte_cmp(@extschema@.analyte, @extschema@.analyte) RETURNS integer
    AS 'MODULE_PATHNAME', 'cls_small_type_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.analyte_ne(@extschema@.analyte, @extschema@.analyte) IS 'inequality of cls analytes';
COMMENT ON FUNCTION @extschema@.analyte_lt(@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';
COMMENT ON FUNCTION @extschema@.analyte_le(@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';
COMMENT ON FUNCTION @extschema@.analyte_gt(@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';
COMMENT ON FUNCTION @extschema@.analyte_ge(@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';
COMMENT ON FUNCTION @extschema@.analyte_cmp(@extschema@.analyte, @extschema@.analyte) IS 'btree comparison of cls analytes';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.analyte, RIGHTARG = @extschema@.analyte, FUNCTION = @extschema@.analyte_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.analyte, RIGHTARG = @extschema@.analyte, FUNCTION = @extschema@.analyte_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.analyte, RIGHTARG = @extschema@.analyte, FUNCTION = @extschema@.analyte_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.analyte, RIGHTARG = @extschema@.analyte, FUNCTION = @extschema@.analyte_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.analyte, RIGHTARG = @extschema@.analyte, FUNCTION = @extschema@.analyte_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.analyte, @extschema@.analyte) IS 'inequality of cls analytes';
COMMENT ON OPERATOR @extschema@.< (@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';
COMMENT ON OPERATOR @extschema@.> (@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.analyte, @extschema@.analyte) IS 'order of cls analytes';

CREATE OPERATOR CLASS @extschema@.analyte_ops DEFAULT FOR TYPE @extschema@.analyte USING btree AS
    OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.analyte_cmp(@extschema@.analyte, @extschema@.analyte);
COMMENT ON OPERATOR CLASS @extschema@.analyte_ops USING btree IS 'sorting and grouping of cls analytes';
COMMENT ON OPERATOR FAMILY @extschema@.analyte_ops USING btree IS 'sorting and grouping of cls analytes';
