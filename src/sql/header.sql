-- cls: capillary leak syndrome surveillance for PostgreSQL.
--
-- This install script is generated (Makefile: DATA_built) by concatenating
-- the hand-edited sources src/sql/NN_*.sql in file-name order.  Conventions:
-- every object is created in @extschema@ (cls); every function is labelled
-- with its strictest true volatility, STRICT where NULL-in means NULL-out,
-- PARALLEL SAFE, and carries a COMMENT; SQL bodies qualify pg_catalog and
-- @extschema@ objects so that a hostile search_path captures nothing.

\echo Use "CREATE EXTENSION cls" to load this file. \quit

-- Install only into a schema that is safe to hold cls.  The control file
-- names the schema (cls) and CREATE EXTENSION reuses an existing schema of
-- that name, so a role allowed to create schemas could prepare "cls" before
-- a superuser installs: with the schema its own, that role could later add
-- look-alike overloads (say hypoalbuminemia_grade(numeric, text)) that a
-- superuser's call such as cls.hypoalbuminemia_grade(2.9, 'g/dL') resolves
-- to, running the role's code as the superuser; or rename the schema and
-- put a fake "cls" in its place.  Objects planted in advance could also
-- capture names used by this script.  The script therefore refuses
--   * a schema owned by a role that is neither the installing role nor a
--     superuser (42501),
--   * a schema on which a role other than its owner may CREATE (42501),
--   * a schema that already holds objects (42P06).
-- The installing role is pg_extension.extowner of the row CREATE EXTENSION
-- inserted before running this script: GetUserId() of the caller, also when
-- a trusted install runs this script as the bootstrap superuser (then
-- current_user is that superuser, and session_user may be any role that did
-- SET ROLE).  A schema that CREATE EXTENSION creates itself is owned by that
-- same role (it is created before the switch to the bootstrap superuser) and
-- is empty, so the rule accepts exactly: no schema yet, an empty schema of
-- the installing role, an empty schema of a superuser.  Ownership cannot be
-- spoofed: only a superuser or a member of the new owner can give a schema
-- away.  Not used: the xmin of the pg_namespace row (a schema created by this
-- CREATE EXTENSION inside a SAVEPOINT carries the subtransaction's xid, not
-- pg_current_xact_id(), and xmin is a 32-bit value that repeats after
-- wraparound), pg_depend (the extension depends on its schema whether or not
-- it created it) and pg_init_privs (nothing is recorded for schemas).
-- General SQL in this script: everything qualified, operators included.
DO $cls_guard$
DECLARE
    installer pg_catalog.oid;
    nsp_owner pg_catalog.oid;
    nsp_owner_super pg_catalog.bool;
    creator pg_catalog.text;
BEGIN
    SELECT e.extowner INTO installer FROM pg_catalog.pg_extension e
    WHERE e.extname OPERATOR(pg_catalog.=) 'cls';
    SELECT n.nspowner, r.rolsuper INTO nsp_owner, nsp_owner_super
    FROM pg_catalog.pg_namespace n
    JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
    WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace;
    IF installer IS NULL OR nsp_owner IS NULL
       OR NOT (nsp_owner OPERATOR(pg_catalog.=) installer OR nsp_owner_super) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = pg_catalog.format('schema "@extschema@" is owned by role %s, not by the role installing cls (%s) or a superuser',
                                        nsp_owner::pg_catalog.regrole, installer::pg_catalog.regrole),
            DETAIL = 'The owner of the schema could add functions there that the users of cls would run with their own privileges.',
            HINT = 'Drop schema "@extschema@" and run CREATE EXTENSION cls again (it then creates the schema), or install as the owner of the schema.';
    END IF;
    SELECT CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid THEN 'PUBLIC'
                ELSE a.grantee::pg_catalog.regrole::pg_catalog.text END
    INTO creator
    FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
    WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
      AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
      AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner
    LIMIT 1;
    IF creator IS NOT NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = pg_catalog.format('schema "@extschema@" lets role %s create objects in it', creator),
            DETAIL = 'A role that may create objects in the schema of cls could add functions there that the users of cls would run with their own privileges.',
            HINT = 'Revoke CREATE on schema "@extschema@" from that role (or drop the schema), then run CREATE EXTENSION cls again.';
    END IF;
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
            ERRCODE = 'duplicate_schema',
            MESSAGE = 'schema "@extschema@" already contains objects',
            DETAIL = 'cls installs into its own schema and refuses one that holds objects it did not create.',
            HINT = 'Drop or move the objects in schema "@extschema@" (or drop the schema), then run CREATE EXTENSION cls again.';
    END IF;
END
$cls_guard$;
