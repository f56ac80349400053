
-- ---------------------------------------------------------------------------
-- Units and codes from the rows are data (0.3.0).  A unit, unit concept or
-- limit that a row holds and cls cannot use makes that row's result NULL
-- (with a reason and one warning per unit and statement); written in the
-- query it stays an error.  The C functions tell the two apart themselves,
-- so the 0.1.0 declarations stand; these objects are new or changed.
-- ---------------------------------------------------------------------------

-- value_problem explains a NULL unit too (0.1.0 was STRICT, so a value with
-- a NULL unit "had no problem").
ALTER FUNCTION @extschema@.value_problem(@extschema@.analyte, float8, text) CALLED ON NULL INPUT;
COMMENT ON FUNCTION @extschema@.value_problem(@extschema@.analyte, float8, text) IS
    'why cls ignores this value (NULL unit, unknown unit, NaN, infinite, negative, implausible); NULL when it is usable or the analyte or value is NULL; never raises an error';

CREATE FUNCTION @extschema@.value_problem(analyte @extschema@.analyte, value float8, unit_concept_id bigint) RETURNS text
    AS 'MODULE_PATHNAME', 'cls_value_problem_omop' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value_problem(@extschema@.analyte, float8, bigint) IS
    'why cls ignores this value whose unit is an OMOP unit concept_id (0 = "No matching concept"); NULL when it is usable; never raises an error';

-- cls.analyte_of(code) = 'albumin' without cls on the search_path: the only
-- operators found then are pg_catalog's, so cls.analyte converts implicitly
-- to text (its name) and the comparison is pg_catalog's text = text, which
-- postgres_fdw ships like any built-in (the cast function belongs to cls,
-- named in the server's extensions option).  With cls on the search_path
-- cls.= (analyte, analyte) is the exact match and is chosen as before.
CREATE FUNCTION @extschema@.analyte_text(@extschema@.analyte) RETURNS text
    AS 'MODULE_PATHNAME', 'cls_analyte_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.analyte_text(@extschema@.analyte) IS
    'the name of a cls analyte (the implicit cast to text)';
CREATE CAST (@extschema@.analyte AS text) WITH FUNCTION @extschema@.analyte_text(@extschema@.analyte) AS IMPLICIT;
COMMENT ON CAST (@extschema@.analyte AS text) IS
    'a cls analyte as its name, so that cls.analyte_of(code) = ''albumin'' works whatever the search_path';
