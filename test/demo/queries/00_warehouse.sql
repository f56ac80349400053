-- The warehouse: patients, rows and the episodes the generator planted
-- A synthetic OMOP CDM warehouse made by test/demo/gen_warehouse.c: patients with
-- idiopathic capillary leak attacks, tagraxofusp-treated patients (some with drug CLS),
-- and look-alikes (sepsis, isolated low albumin), with 5 in 1000 rows dirty.
-- truth.* holds what was planted: the cohort queries read it only for the
-- exclusion periods and the recovery scores.
--
-- (Everything from the first line that is only "--" on is for the reader of the
-- .sql file, not for the report.)

SELECT (SELECT count(*) FROM omop.person)                          AS patients,
       (SELECT count(*) FROM omop.measurement)                     AS measurement_rows,
       (SELECT count(DISTINCT person_id) FROM omop.drug_exposure
         WHERE drug_source_value = 'tagraxofusp')                  AS tagraxofusp_patients,
       (SELECT count(*) FROM omop.drug_exposure
         WHERE drug_source_value = 'tagraxofusp')                  AS tagraxofusp_doses,
       (SELECT min(measurement_datetime)::date || ' .. ' || max(measurement_datetime)::date
          FROM omop.measurement)                                   AS data_span;

-- Planted ground truth (truth.episode; the generator's truth_eval() defines onset
-- and resolution).
SELECT kind                       AS planted_kind,
       count(*)                   AS episodes,
       count(DISTINCT person_id)  AS patients
  FROM truth.episode
 GROUP BY kind
 ORDER BY kind;
