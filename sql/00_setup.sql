-- Install the extension and check the catalogue-level promises.
SET client_min_messages = warning;
CREATE EXTENSION cls;
RESET client_min_messages;
SET timezone = 'UTC';
SET extra_float_digits = 0;

SELECT extversion IS NOT NULL AS installed, extnamespace::regnamespace AS schema,
       extrelocatable FROM pg_extension WHERE extname = 'cls';

-- Every object of the extension carries a COMMENT (\dx+ cls, \df+ cls.*).
SELECT pg_describe_object(classid, objid, 0) AS object_without_comment
FROM pg_depend d
WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls')
  AND deptype = 'e'
  AND obj_description(objid, (SELECT relname FROM pg_class WHERE oid = classid)::name) IS NULL
ORDER BY 1;

-- Every C function is PARALLEL SAFE and none is VOLATILE.
SELECT p.oid::regprocedure AS not_parallel_safe_or_volatile
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cls') AND d.deptype = 'e'
  AND (p.proparallel <> 's' OR p.provolatile = 'v')
ORDER BY 1;
