-- cls.baselines: a unit the query writes is an error; a unit from a column
-- gives that baseline NULL with one WARNING per (analyte, unit) and statement.
SELECT cls.baselines(albumin => 3.5, albumin_unit => 'furlongs');
SELECT b.* FROM (VALUES ('g/dL'), ('furlongs'), ('furlongs'), ('g/L')) AS r(u),
  LATERAL cls.baselines(sbp => 120, albumin => CASE WHEN r.u = 'g/L' THEN 35 ELSE 3.5 END,
                        albumin_unit => r.u) AS b;
