-- ---------------------------------------------------------------------------
-- CTCAE: every lab term of v4.03, v5.0 and v6.0 (0.3.0).  The terms and
-- their criteria are rows of the C criteria table (src/core/ctcae.c,
-- src/core/ctcae_terms.inc): cls.ctcae_term's input reads the new names and
-- cls.ctcae_criteria() lists the new rows without any SQL change; this file
-- updates the documentation of the objects and adds the functions that
-- grade a row by analyte.
-- ---------------------------------------------------------------------------

COMMENT ON TYPE @extschema@.ctcae_term IS
    'a CTCAE lab term cls grades (Hypoalbuminemia, Hypokalemia, Alanine aminotransferase increased or ALT increased, ...; SELECT DISTINCT term FROM cls.ctcae_criteria() lists them); input is case-insensitive, blanks and underscores interchangeable';
COMMENT ON TYPE @extschema@.ctcae_version IS
    'a CTCAE version: 5.0 (default), 4.03 or 6.0; input ''5'', ''5.0'', ''4'', ''4.03'', ''6'', ''6.0''';
ALTER FUNCTION @extschema@.ctcae_criteria() ROWS 600;
COMMENT ON FUNCTION @extschema@.ctcae_criteria() IS
    'the CTCAE criteria cls grades with, one row per condition (a grade holds when any of its rows holds; the highest holding grade wins), with the CTCAE wording; a term not graded in a version has one row there with basis ''not graded'', NULL grade and the reason';

-- The terms a row of an analyte is graded for: every CTCAE lab term of a
-- measurement table in one query,
--   SELECT m.*, t.term, cls.ctcae_grade(t.term, m.value_as_number, m.unit_concept_id,
--                                       m.range_low, m.range_high, version => '5.0')
--   FROM measurement m
--   CROSS JOIN LATERAL unnest(cls.ctcae_terms_of(cls.analyte_of(m.measurement_concept_id), '5.0')) t(term);
CREATE FUNCTION @extschema@.ctcae_terms_of(
    analyte @extschema@.analyte, version @extschema@.ctcae_version DEFAULT '5.0')
    RETURNS @extschema@.ctcae_term[]
    AS 'MODULE_PATHNAME', 'cls_ctcae_terms_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ctcae_terms_of(@extschema@.analyte, @extschema@.ctcae_version) IS
    'the CTCAE terms cls grades for an analyte in a version (e.g. potassium: {Hyperkalemia,Hypokalemia}), in term order; empty when none';

-- The signed low/high grade of ADaM's ATOXGR: -4..-1 for the analyte's low
-- term (Hypokalemia), 1..4 for its high term (Hyperkalemia), 0 normal.
CREATE FUNCTION @extschema@.ctcae_grade_signed(
    analyte @extschema@.analyte, value float8, unit text,
    lln float8 DEFAULT NULL, uln float8 DEFAULT NULL, baseline float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0', symptomatic boolean DEFAULT false)
    RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_ctcae_grade_signed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ctcae_grade_signed(@extschema@.analyte, float8, text, float8, float8, float8, @extschema@.ctcae_version, boolean) IS
    'CTCAE grade signed by direction as ADaM ATOXGR: -4..-1 the analyte''s low term, 1..4 its high term, 0 neither; each side graded as cls.ctcae_grade does; NULL when a side is unknown and the other is not abnormal, or when both are abnormal';

CREATE FUNCTION @extschema@.ctcae_grade_signed(
    analyte @extschema@.analyte, value float8, unit_concept_id bigint,
    lln float8 DEFAULT NULL, uln float8 DEFAULT NULL, baseline float8 DEFAULT NULL,
    version @extschema@.ctcae_version DEFAULT '5.0', symptomatic boolean DEFAULT false)
    RETURNS smallint
    AS 'MODULE_PATHNAME', 'cls_ctcae_grade_signed_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ctcae_grade_signed(@extschema@.analyte, float8, bigint, float8, float8, float8, @extschema@.ctcae_version, boolean) IS
    'cls.ctcae_grade_signed with the unit as an OMOP unit concept_id (OMOP measurement rows: range_low/range_high as lln/uln)';
