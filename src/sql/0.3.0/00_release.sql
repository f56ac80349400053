
-- ---------------------------------------------------------------------------
-- cls 0.3.0: what this release adds to or changes in 0.2.0.  Objects that
-- 0.2.0 already had are changed here with CREATE OR REPLACE or ALTER (never
-- DROP of an object a user's view or index may depend on), new objects are
-- created here; src/sql/0.1.0 and src/sql/0.2.0 are released and frozen.
-- ---------------------------------------------------------------------------

-- The 0.2.0 comment of cls.triad_criteria cited a document outside the
-- repository; the defaults and their sources are in the README ("The CLS
-- triad", defaults table) and in cls.triad_criteria()'s argument defaults.
COMMENT ON FUNCTION @extschema@.triad_criteria(integer, float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval) IS
    'criteria of the triad profile: CLS suspected when k of hypotension, hypoalbuminemia, hemoconcentration hold; every threshold a named argument with its default (README "The CLS triad" gives each default''s source); NULL switches a criterion off';
