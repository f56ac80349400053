-- cls: capillary leak syndrome surveillance for PostgreSQL.
--
-- This install script is generated (Makefile: DATA_built) by concatenating
-- the hand-edited sources src/sql/NN_*.sql in file-name order.  Conventions:
-- every object is created in @extschema@ (cls); every function is labelled
-- with its strictest true volatility, STRICT where NULL-in means NULL-out,
-- PARALLEL SAFE, and carries a COMMENT; SQL bodies qualify pg_catalog and
-- @extschema@ objects so that a hostile search_path captures nothing.

\echo Use "CREATE EXTENSION cls" to load this file. \quit
