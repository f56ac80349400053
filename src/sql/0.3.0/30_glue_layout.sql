
-- ---------------------------------------------------------------------------
-- The glue's argument layout (src/layout_pg.h), for the regression test
-- that keeps C and the SQL declarations in step (sql/94_layout.sql): the
-- position and name of every argument C reads by position, and the core's
-- default behind each SQL DEFAULT of the criteria and episode-parameter
-- constructors (the defaults live once, in src/core; the SQL DEFAULTs of
-- the released 0.2.0 declarations are checked against them).
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.glue_layout(
    OUT function text, OUT pos integer, OUT argument text, OUT core_default text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cls_glue_layout' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 150;
COMMENT ON FUNCTION @extschema@.glue_layout() IS
    'internal: the argument positions the C glue reads (function, 1-based position pos, parameter name) and the core''s defaults behind SQL DEFAULTs (NULL: none); checked against pg_get_function_arguments by the regression tests';
