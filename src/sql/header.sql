-- cls: capillary leak syndrome surveillance for PostgreSQL.
--
-- This install script is generated (Makefile: DATA_built) by concatenating
-- the hand-edited sources src/sql/NN_*.sql in file-name order.  Conventions:
-- every object is created in @extschema@ (cls); every function is labelled
-- with its strictest true volatility, STRICT where NULL-in means NULL-out,
-- PARALLEL SAFE, and carries a COMMENT; SQL bodies qualify pg_catalog and
-- @extschema@ objects so that a hostile search_path captures nothing.

\echo Use "CREATE EXTENSION cls" to load this file. \quit

-- Install only into a schema that holds nothing yet.  The control file names
-- the schema (cls); CREATE EXTENSION reuses an existing schema of that name,
-- and cls is trusted, so a user allowed to create schemas could otherwise
-- prepare "cls" with objects that capture names used by this script or by
-- later callers.  General SQL in this script: everything qualified.
DO $cls_guard$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_class
               WHERE relnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_proc
               WHERE pronamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_type
               WHERE typnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_operator
               WHERE oprnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_collation
               WHERE collnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_conversion
               WHERE connamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_opfamily
               WHERE opfnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_ts_config
               WHERE cfgnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_ts_dict
               WHERE dictnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
               UNION ALL SELECT 1 FROM pg_catalog.pg_statistic_ext
               WHERE stxnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace)
    THEN
        RAISE EXCEPTION USING
            ERRCODE = 'object_not_in_prerequisite_state',
            MESSAGE = 'schema "@extschema@" already contains objects',
            DETAIL = 'cls installs into its own schema and refuses one that holds objects it did not create.',
            HINT = 'Drop or move the objects in schema "@extschema@" (or drop the schema), then run CREATE EXTENSION cls again.';
    END IF;
END
$cls_guard$;
