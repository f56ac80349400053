
-- ---------------------------------------------------------------------------
-- cls 0.3.0: what this release adds to or changes in 0.2.0.  Objects that
-- 0.2.0 already had are changed here with CREATE OR REPLACE or ALTER (never
-- DROP of an object a user's view or index may depend on), new objects are
-- created here; src/sql/0.1.0 and src/sql/0.2.0 are released and frozen.
-- ---------------------------------------------------------------------------
