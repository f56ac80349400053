-- test/demo/schema.sql -- tables for the synthetic warehouse written by
-- test/demo/gen_warehouse.c (run in a fresh database, then test/demo/load.sql).
--
--   omop.person, omop.measurement, omop.drug_exposure   OMOP CDM v5.4 subset
--   truth.episode, truth.exclusion                      planted ground truth
--   mimic.itemid_map, mimic.labevents, mimic.chartevents MIMIC-IV shaped views
--
-- Only the columns the generator fills are loaded; a few further v5.4 columns
-- that the CDM requires are present with defaults or generated from the
-- datetime, so the tables read like an OMOP warehouse.  Optional v5.4 columns
-- (provider_id, visit_occurrence_id, ...) are omitted.

CREATE SCHEMA omop;
CREATE SCHEMA truth;
CREATE SCHEMA mimic;

CREATE TABLE omop.person (
    person_id             bigint  PRIMARY KEY,
    gender_concept_id     integer NOT NULL,          -- 8507 male, 8532 female
    year_of_birth         integer NOT NULL,
    race_concept_id       integer NOT NULL DEFAULT 0,
    ethnicity_concept_id  integer NOT NULL DEFAULT 0
);

CREATE TABLE omop.measurement (
    measurement_id                bigint      PRIMARY KEY,
    person_id                     bigint      NOT NULL,
    measurement_concept_id        integer     NOT NULL,
    measurement_date              date        GENERATED ALWAYS AS
                                      ((measurement_datetime AT TIME ZONE 'UTC')::date) STORED,
    measurement_datetime          timestamptz NOT NULL,
    -- 32817 = Type Concept "EHR" (not checked in Athena here)
    measurement_type_concept_id   integer     NOT NULL DEFAULT 32817,
    value_as_number               float8,
    unit_concept_id               integer,             -- 0 = no standard unit concept
    unit_source_value             text,
    range_low                     float8,
    range_high                    float8,
    measurement_source_value      text                 -- LOINC code
);

CREATE TABLE omop.drug_exposure (
    drug_exposure_id              bigint      PRIMARY KEY,
    person_id                     bigint      NOT NULL,
    -- 0: cls ships no RxNorm concept id for tagraxofusp; identify the drug
    -- by drug_source_value = 'tagraxofusp'
    drug_concept_id               integer     NOT NULL,
    drug_exposure_start_date      date        GENERATED ALWAYS AS
                                      ((drug_exposure_start_datetime AT TIME ZONE 'UTC')::date) STORED,
    drug_exposure_start_datetime  timestamptz NOT NULL,
    drug_exposure_end_date        date        GENERATED ALWAYS AS
                                      ((drug_exposure_end_datetime AT TIME ZONE 'UTC')::date) STORED,
    drug_exposure_end_datetime    timestamptz,
    drug_type_concept_id          integer     NOT NULL DEFAULT 32817,
    drug_source_value             text
);

-- Ground truth.  onset = first clean observation inside the planted event's
-- window that meets the kind's criteria; resolution = when every such sign
-- had been observed normal again (NULL if never seen normal before the data
-- end).  See truth_eval() in gen_warehouse.c for the exact criteria.
CREATE TABLE truth.episode (
    person_id   bigint      NOT NULL,
    episode_no  integer     NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('cls_idiopathic', 'cls_drug',
                                                     'sepsis_confounder', 'isolated_low_albumin')),
    onset       timestamptz NOT NULL,
    resolution  timestamptz,
    cycle       integer,                 -- tagraxofusp cycle for cls_drug, else NULL
    PRIMARY KEY (person_id, episode_no)
);

-- Periods an analyst would pass as exclusions (sepsis).
CREATE TABLE truth.exclusion (
    person_id   bigint      NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('sepsis')),
    lower       timestamptz NOT NULL,
    upper       timestamptz NOT NULL,
    CHECK (lower <= upper)
);

-- MIMIC-IV itemids for the OMOP concepts (README: Sources).
-- unit_source_value NULL = any unit; weight is split by unit (kg / lb).
-- Heart rate (3027018) and temperature (3020891) are NOT mapped: no MIMIC
-- itemid for them is sourced in README: Sources.
-- Rows whose weight unit is neither 'kg' nor 'lb' (dirty spellings) are not
-- mapped either.
CREATE TABLE mimic.itemid_map (
    measurement_concept_id  integer NOT NULL,
    unit_source_value       text,
    linksto                 text    NOT NULL CHECK (linksto IN ('labevents', 'chartevents')),
    itemid                  integer NOT NULL,
    label                   text    NOT NULL,
    UNIQUE (measurement_concept_id, unit_source_value)
);

INSERT INTO mimic.itemid_map (measurement_concept_id, unit_source_value, linksto, itemid, label)
VALUES
    (3024561, NULL, 'labevents',   50862,  'Albumin'),
    (3023314, NULL, 'labevents',   51221,  'Hematocrit'),
    (3000963, NULL, 'labevents',   51222,  'Hemoglobin'),
    (3019550, NULL, 'labevents',   50983,  'Sodium'),
    (3016723, NULL, 'labevents',   50912,  'Creatinine'),
    (3024929, NULL, 'labevents',   51265,  'Platelet Count'),
    (3013650, NULL, 'labevents',   52075,  'Absolute Neutrophil Count'),
    (3004249, NULL, 'chartevents', 220050, 'Arterial Blood Pressure systolic'),
    (3012888, NULL, 'chartevents', 220051, 'Arterial Blood Pressure diastolic'),
    (3027598, NULL, 'chartevents', 220052, 'Arterial Blood Pressure mean'),
    (3025315, 'kg', 'chartevents', 226512, 'Admission Weight (Kg)'),
    (3025315, 'lb', 'chartevents', 226531, 'Admission Weight (lbs.)');

-- As in MIMIC-IV, charttime is timestamp WITHOUT time zone (here: UTC wall
-- clock) and subject_id is an integer.
CREATE VIEW mimic.labevents AS
SELECT m.person_id::integer                                   AS subject_id,
       im.itemid                                              AS itemid,
       (m.measurement_datetime AT TIME ZONE 'UTC')::timestamp(0) AS charttime,
       m.value_as_number                                      AS valuenum,
       m.unit_source_value                                    AS valueuom
  FROM omop.measurement m
  JOIN mimic.itemid_map im
    ON im.measurement_concept_id = m.measurement_concept_id
   AND (im.unit_source_value IS NULL OR im.unit_source_value = m.unit_source_value)
 WHERE im.linksto = 'labevents';

CREATE VIEW mimic.chartevents AS
SELECT m.person_id::integer                                   AS subject_id,
       im.itemid                                              AS itemid,
       (m.measurement_datetime AT TIME ZONE 'UTC')::timestamp(0) AS charttime,
       m.value_as_number                                      AS valuenum,
       m.unit_source_value                                    AS valueuom
  FROM omop.measurement m
  JOIN mimic.itemid_map im
    ON im.measurement_concept_id = m.measurement_concept_id
   AND (im.unit_source_value IS NULL OR im.unit_source_value = m.unit_source_value)
 WHERE im.linksto = 'chartevents';
