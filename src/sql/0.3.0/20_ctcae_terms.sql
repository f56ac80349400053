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
