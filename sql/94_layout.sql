-- C and SQL in step (src/layout_pg.h): every argument the glue reads by
-- position has the name C expects at that position, and every SQL DEFAULT
-- of the criteria and episode-parameter constructors equals the core's
-- default (src/core/triad.c, src/core/triad_episodes.c).  A renamed or
-- reordered parameter, or a default changed on one side only, fails here.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- The SQL parameters, with their DEFAULT expressions, from
-- pg_get_function_arguments.
CREATE FUNCTION pg_temp.sql_args(fn regprocedure)
RETURNS TABLE(pos integer, argument text, argtype text, sql_default text)
LANGUAGE sql AS $$
  SELECT ord::integer, split_part(a, ' ', 1),
         regexp_replace(split_part(a, ' DEFAULT ', 1), '^\S+ ', ''),
         NULLIF(split_part(a, ' DEFAULT ', 2), '')
  FROM regexp_split_to_table(pg_get_function_arguments(fn), ', (?=[a-z_0-9]+ )')
       WITH ORDINALITY AS t(a, ord)
$$;

-- what the layout covers
SELECT function, count(*) AS arguments, count(core_default) AS core_defaults
FROM cls.glue_layout() GROUP BY function ORDER BY function;

-- every position C reads is the parameter of that name (no row: in step)
SELECT l.function, l.pos, l.argument AS c_expects, s.argument AS sql_has
FROM cls.glue_layout() l
LEFT JOIN LATERAL pg_temp.sql_args(l.function::regprocedure) s ON s.pos = l.pos
WHERE s.argument IS DISTINCT FROM l.argument
ORDER BY 1, 2;

-- every parameter of those functions is one C reads (none left out)
SELECT f.function, s.pos, s.argument
FROM (SELECT DISTINCT function FROM cls.glue_layout()) f,
     pg_temp.sql_args(f.function::regprocedure) s
WHERE NOT EXISTS (SELECT 1 FROM cls.glue_layout() l
                  WHERE l.function = f.function AND l.pos = s.pos)
ORDER BY 1, 2;

-- every SQL DEFAULT equals the core's default (no row: in step); the
-- comparison evaluates both in the parameter's type
CREATE FUNCTION pg_temp.default_drift()
RETURNS TABLE(function text, argument text, sql_default text, core_default text)
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  same boolean;
BEGIN
  FOR r IN
    SELECT l.function, l.argument, s.argtype, s.sql_default, l.core_default
    FROM cls.glue_layout() l
    JOIN LATERAL pg_temp.sql_args(l.function::regprocedure) s ON s.pos = l.pos
    WHERE l.core_default IS NOT NULL
  LOOP
    EXECUTE format('SELECT (%s)::%s IS NOT DISTINCT FROM (%L)::%s',
                   coalesce(r.sql_default, 'NULL'), r.argtype,
                   CASE WHEN r.core_default = 'NULL' THEN NULL ELSE r.core_default END, r.argtype)
      INTO same;
    IF NOT same THEN
      function := r.function; argument := r.argument;
      sql_default := r.sql_default; core_default := r.core_default;
      RETURN NEXT;
    END IF;
  END LOOP;
END $$;
SELECT * FROM pg_temp.default_drift();

-- numbers quoted in COMMENTs agree with the core's defaults too
SELECT obj_description('cls.drug_criteria(float8,float8,float8,float8,float8,float8,float8,float8,float8,float8,boolean,boolean,interval,interval,interval,interval,interval,interval,interval,float8,text)'::regprocedure)
       ~ format('albumin < %s g/dL or fallen >= %s',
                (cls.criteria_defaults('drug')).albumin_below,
                (cls.criteria_defaults('drug')).albumin_fall) AS drug_comment_in_step;
SELECT obj_description('cls.episode_params(interval,interval,interval,float8)'::regprocedure)
       ~ format('max_gap %s h, no hold, min_duration %s, albumin LLN %s g/dL',
                (extract(epoch FROM (SELECT core_default FROM cls.glue_layout() WHERE argument = 'max_gap')::interval) / 3600)::int,
                extract(epoch FROM (SELECT core_default FROM cls.glue_layout() WHERE argument = 'min_duration')::interval)::int,
                (SELECT core_default FROM cls.glue_layout() WHERE argument = 'albumin_lln'))
       AND (SELECT core_default FROM cls.glue_layout() WHERE argument = 'hold') = 'NULL'
       AS episode_params_comment_in_step;
