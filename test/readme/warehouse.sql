-- test/readme/warehouse.sql -- the tables cls reads in an OMOP CDM 5.4 and a
-- MIMIC-IV database, with their published column names and types, and a
-- small hand-made history holding the dirt real warehouses hold.  Used by
-- test/t/070_readme_schemas.sh, which runs every ```sql block of README.md
-- on it.
--
-- OMOP: https://github.com/OHDSI/CommonDataModel
--   inst/ddl/5.4/postgresql/OMOPCDM_postgresql_5.4_ddl.sql (@cdmDatabaseSchema
--   = omop; tables person, measurement, drug_exposure, condition_occurrence,
--   observation, verbatim).
-- MIMIC-IV: https://github.com/MIT-LCP/mimic-code
--   mimic-iv/buildmimic/postgres/create.sql (hosp.labevents, hosp.emar,
--   icu.chartevents, icu.inputevents), in the schemas mimiciv_hosp and
--   mimiciv_icu that the current build scripts create.
CREATE EXTENSION cls;

CREATE SCHEMA omop;
CREATE TABLE omop.person (
			person_id integer NOT NULL,
			gender_concept_id integer NOT NULL,
			year_of_birth integer NOT NULL,
			month_of_birth integer NULL,
			day_of_birth integer NULL,
			birth_datetime TIMESTAMP NULL,
			race_concept_id integer NOT NULL,
			ethnicity_concept_id integer NOT NULL,
			location_id integer NULL,
			provider_id integer NULL,
			care_site_id integer NULL,
			person_source_value varchar(50) NULL,
			gender_source_value varchar(50) NULL,
			gender_source_concept_id integer NULL,
			race_source_value varchar(50) NULL,
			race_source_concept_id integer NULL,
			ethnicity_source_value varchar(50) NULL,
			ethnicity_source_concept_id integer NULL );
CREATE TABLE omop.condition_occurrence (
			condition_occurrence_id integer NOT NULL,
			person_id integer NOT NULL,
			condition_concept_id integer NOT NULL,
			condition_start_date date NOT NULL,
			condition_start_datetime TIMESTAMP NULL,
			condition_end_date date NULL,
			condition_end_datetime TIMESTAMP NULL,
			condition_type_concept_id integer NOT NULL,
			condition_status_concept_id integer NULL,
			stop_reason varchar(20) NULL,
			provider_id integer NULL,
			visit_occurrence_id integer NULL,
			visit_detail_id integer NULL,
			condition_source_value varchar(50) NULL,
			condition_source_concept_id integer NULL,
			condition_status_source_value varchar(50) NULL );
CREATE TABLE omop.drug_exposure (
			drug_exposure_id integer NOT NULL,
			person_id integer NOT NULL,
			drug_concept_id integer NOT NULL,
			drug_exposure_start_date date NOT NULL,
			drug_exposure_start_datetime TIMESTAMP NULL,
			drug_exposure_end_date date NOT NULL,
			drug_exposure_end_datetime TIMESTAMP NULL,
			verbatim_end_date date NULL,
			drug_type_concept_id integer NOT NULL,
			stop_reason varchar(20) NULL,
			refills integer NULL,
			quantity NUMERIC NULL,
			days_supply integer NULL,
			sig TEXT NULL,
			route_concept_id integer NULL,
			lot_number varchar(50) NULL,
			provider_id integer NULL,
			visit_occurrence_id integer NULL,
			visit_detail_id integer NULL,
			drug_source_value varchar(50) NULL,
			drug_source_concept_id integer NULL,
			route_source_value varchar(50) NULL,
			dose_unit_source_value varchar(50) NULL );
CREATE TABLE omop.measurement (
			measurement_id integer NOT NULL,
			person_id integer NOT NULL,
			measurement_concept_id integer NOT NULL,
			measurement_date date NOT NULL,
			measurement_datetime TIMESTAMP NULL,
			measurement_time varchar(10) NULL,
			measurement_type_concept_id integer NOT NULL,
			operator_concept_id integer NULL,
			value_as_number NUMERIC NULL,
			value_as_concept_id integer NULL,
			unit_concept_id integer NULL,
			range_low NUMERIC NULL,
			range_high NUMERIC NULL,
			provider_id integer NULL,
			visit_occurrence_id integer NULL,
			visit_detail_id integer NULL,
			measurement_source_value varchar(50) NULL,
			measurement_source_concept_id integer NULL,
			unit_source_value varchar(50) NULL,
			unit_source_concept_id integer NULL,
			value_source_value varchar(50) NULL,
			measurement_event_id integer NULL,
			meas_event_field_concept_id integer NULL );
CREATE TABLE omop.observation (
			observation_id integer NOT NULL,
			person_id integer NOT NULL,
			observation_concept_id integer NOT NULL,
			observation_date date NOT NULL,
			observation_datetime TIMESTAMP NULL,
			observation_type_concept_id integer NOT NULL,
			value_as_number NUMERIC NULL,
			value_as_string varchar(60) NULL,
			value_as_concept_id integer NULL,
			qualifier_concept_id integer NULL,
			unit_concept_id integer NULL,
			provider_id integer NULL,
			visit_occurrence_id integer NULL,
			visit_detail_id integer NULL,
			observation_source_value varchar(50) NULL,
			observation_source_concept_id integer NULL,
			unit_source_value varchar(50) NULL,
			qualifier_source_value varchar(50) NULL,
			value_source_value varchar(50) NULL,
			observation_event_id integer NULL,
			obs_event_field_concept_id integer NULL );

CREATE SCHEMA mimiciv_hosp;
CREATE SCHEMA mimiciv_icu;
CREATE TABLE mimiciv_hosp.emar
(
  subject_id INTEGER NOT NULL,
  hadm_id INTEGER,
  emar_id VARCHAR(25) NOT NULL,
  emar_seq INTEGER NOT NULL,
  poe_id VARCHAR(25) NOT NULL,
  pharmacy_id INTEGER,
  charttime TIMESTAMP NOT NULL,
  medication TEXT,
  event_txt VARCHAR(100),
  scheduletime TIMESTAMP,
  storetime TIMESTAMP NOT NULL
);
CREATE TABLE mimiciv_hosp.labevents
(
  labevent_id INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  hadm_id INTEGER,
  specimen_id INTEGER NOT NULL,
  itemid INTEGER NOT NULL,
  charttime TIMESTAMP(0),
  storetime TIMESTAMP(0),
  value VARCHAR(200),
  valuenum DOUBLE PRECISION,
  valueuom VARCHAR(20),
  ref_range_lower DOUBLE PRECISION,
  ref_range_upper DOUBLE PRECISION,
  flag VARCHAR(10),
  priority VARCHAR(7),
  comments TEXT
);
CREATE TABLE mimiciv_icu.chartevents
(
  subject_id INTEGER NOT NULL,
  hadm_id INTEGER NOT NULL,
  stay_id INTEGER NOT NULL,
  charttime TIMESTAMP NOT NULL,
  storetime TIMESTAMP,
  itemid INTEGER NOT NULL,
  value VARCHAR(200),
  valuenum FLOAT,
  valueuom VARCHAR(20),
  warning SMALLINT
);
CREATE TABLE mimiciv_icu.inputevents
(
  subject_id INTEGER NOT NULL,
  hadm_id INTEGER NOT NULL,
  stay_id INTEGER,
  starttime TIMESTAMP NOT NULL,
  endtime TIMESTAMP NOT NULL,
  storetime TIMESTAMP,
  itemid INTEGER NOT NULL,
  amount FLOAT,
  amountuom VARCHAR(20),
  rate FLOAT,
  rateuom VARCHAR(20),
  orderid INTEGER NOT NULL,
  linkorderid INTEGER,
  ordercategoryname VARCHAR(50),
  secondaryordercategoryname VARCHAR(50),
  ordercomponenttypedescription VARCHAR(100),
  ordercategorydescription VARCHAR(30),
  patientweight FLOAT,
  totalamount FLOAT,
  totalamountuom VARCHAR(50),
  isopenbag SMALLINT,
  continueinnextdept SMALLINT,
  statusdescription VARCHAR(20),
  originalamount FLOAT,
  originalrate FLOAT
);

-- ---- OMOP history ---------------------------------------------------------
-- 30: tagraxofusp, drug-induced CLS in cycle 1 (albumin 3.9 -> 2.4 g/dL,
--     weight +2 kg a day, SBP 84); 31: classic triad during a sepsis episode;
-- 32: mostly dirt.  Gender concepts: 8532 female, 8507 male.
INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, race_concept_id, ethnicity_concept_id)
VALUES (30, 8532, 1956, 0, 0), (31, 8507, 1971, 0, 0), (32, 8507, 1990, 0, 0);

-- measurement rows: (id, person, concept, datetime, value, unit concept,
-- unit source, range_low, range_high).  Concepts: 3024561 albumin, 3000963
-- hemoglobin, 3023314 hematocrit, 3004249 SBP, 3027598 MAP, 3025315 weight,
-- 3019550 sodium, 3016723 creatinine, 3006923 ALT, 3013721 AST, 3007220 CK;
-- 3020891 (body temperature) is a code cls does not map.
INSERT INTO omop.measurement (measurement_id, person_id, measurement_concept_id, measurement_date,
    measurement_datetime, measurement_type_concept_id, value_as_number, unit_concept_id,
    unit_source_value, range_low, range_high)
SELECT id, person, concept, dt::date, dt, 32817, v, uc, us, lo, hi
FROM (VALUES
    (1, 30, 3024561, '2023-07-17 07:00'::timestamp, 3.9, 8713, 'g/dL', 3.5, 5.2),
    (2, 30, 3025315, '2023-07-17 07:05', 154.3, 8739, 'lb', NULL, NULL),          -- pounds (OMOP 8739)
    (3, 30, 3004249, '2023-07-17 07:10', 118, 8876, 'mmHg', NULL, NULL),
    (4, 30, 3006923, '2023-07-17 07:00', 30, 8645, 'U/L', 0, 40),                 -- range_low 0
    (5, 30, 3013721, '2023-07-17 07:00', 25, 8645, 'U/L', 0, 40),
    (6, 30, 3016723, '2023-07-17 07:00', 0.8, 8840, 'mg/dL', 0.6, 1.1),
    (7, 30, 3024561, '2023-07-20 06:30', 3.3, 8713, 'g/dL', 3.5, 5.2),
    (8, 30, 3025315, '2023-07-20 06:35', 70.9, 9529, 'kg', NULL, NULL),
    (9, 30, 3025315, '2023-07-21 06:35', 73.0, 9529, 'kg', NULL, NULL),
    (10, 30, 3024561, '2023-07-21 06:30', 2.9, 0, 'gm%', 3.5, 5.2),               -- unit concept 0, old spelling
    (11, 30, 3004249, '2023-07-21 09:00', 84, 8876, 'mmHg', NULL, NULL),
    (12, 30, 3024561, '2023-07-22 06:30', 24, 8636, 'g/L', 35, 52),
    (13, 30, 3020891, '2023-07-22 06:40', 37.2, 586323, 'Cel', NULL, NULL),       -- unmapped code
    (14, 30, 3024561, '2023-07-22 18:00', 2.6, NULL, NULL, 3.5, 5.2),             -- NULL unit
    (20, 31, 3004249, '2023-03-02 08:00', 124, 8876, 'mmHg', NULL, NULL),
    (21, 31, 3024561, '2023-03-02 08:00', 3.8, 8713, 'g/dL', 3.4, 5.4),
    (22, 31, 3023314, '2023-03-02 08:00', 44, 8554, '%', 40, 52),
    (23, 31, 3004249, '2023-03-05 02:00', 78, 8876, 'mmHg', NULL, NULL),
    (24, 31, 3027598, '2023-03-05 02:00', 58, 8876, 'mmHg', NULL, NULL),
    (25, 31, 3023314, '2023-03-05 03:00', 0.56, 44777604, 'L/L', 0.40, 0.52),
    (26, 31, 3024561, '2023-03-05 09:00', 2.7, 8713, 'g/dL', 3.4, 5.4),
    (27, 31, 3000963, '2023-03-05 03:00', 18.9, 8713, 'g/dL', 13.5, 17.5),
    (28, 31, 3019550, '2023-03-05 03:00', 131, 9557, 'mEq/L', 135, 145),
    (29, 31, 3007220, '2023-03-05 03:00', 900, NULL, NULL, 0, 200),               -- CK without a unit
    (30, 31, 3004249, '2023-03-07 10:00', 112, 8876, 'mmHg', NULL, NULL),
    (31, 31, 3024561, '2023-03-07 10:00', 3.2, 8713, 'g/dL', 3.4, 5.4),
    (40, 32, 3024561, '2023-05-01 10:00', 3.1, 8713, 'g/dL', 35, 52),              -- range in g/L
    (41, 32, 3024561, '2023-05-02 10:00', 31, 8713, 'g/dL', 3.5, 5.2),             -- a g/L value labelled g/dL
    (42, 32, 3024561, '2023-05-03 10:00', 2.8, 8713, 'g/dl ', 0, 5.2),             -- range_low 0
    (43, 32, 3024561, '2023-05-04 10:00', 2.5, 0, 'furlongs', 3.5, 5.2),           -- a unit nobody knows
    (44, 32, 3004249, '2023-05-04 10:00', 'NaN', 8876, 'mmHg', NULL, NULL),
    (45, 32, 3023314, '2023-05-04 10:00', 47, 8554, '%', NULL, NULL),
    (46, 32, 3025315, '2023-05-04 10:00', 190, 8739, 'lbs', NULL, NULL)
) v(id, person, concept, dt, v, uc, us, lo, hi);

-- tagraxofusp for 30: cycle 1 from 17 July 2023, days 1-5 (the dose of day
-- 5 was held); drug_concept_id 0: no standard concept mapped
INSERT INTO omop.drug_exposure (drug_exposure_id, person_id, drug_concept_id, drug_exposure_start_date,
    drug_exposure_start_datetime, drug_exposure_end_date, drug_type_concept_id, drug_source_value)
SELECT 100 + d, 30, 0, dt::date, dt, dt::date, 32818, 'tagraxofusp'
FROM generate_series(0, 3) d, LATERAL (SELECT '2023-07-17 10:00'::timestamp + d * interval '1 day' AS dt) x;

-- sepsis (ICD-10-CM A41.9 as the source value; condition_concept_id 0: not
-- mapped to a standard concept, as often in real CDMs) for 31 around the
-- attack; an open end date for 32; a lymphoma (C86.4) for 30
INSERT INTO omop.condition_occurrence (condition_occurrence_id, person_id, condition_concept_id,
    condition_start_date, condition_start_datetime, condition_end_date, condition_type_concept_id,
    condition_source_value)
VALUES (200, 31, 0, '2023-03-04', '2023-03-04 20:00', '2023-03-09', 32817, 'A41.9'),
       (201, 32, 0, '2023-05-03', NULL, NULL, 32817, 'A41.9'),
       (202, 30, 0, '2023-07-01', NULL, '2023-07-01', 32817, 'C86.4');

-- an edema observation for 30 (source value only)
INSERT INTO omop.observation (observation_id, person_id, observation_concept_id, observation_date,
    observation_datetime, observation_type_concept_id, value_as_number, observation_source_value)
VALUES (300, 30, 0, '2023-07-21', '2023-07-21 09:00', 32817, 1, 'edema');

-- ---- MIMIC-IV history -----------------------------------------------------
-- 10000032: tagraxofusp on the ward then the ICU; 10000033: a classic attack.
INSERT INTO mimiciv_hosp.labevents (labevent_id, subject_id, hadm_id, specimen_id, itemid, charttime,
    value, valuenum, valueuom, ref_range_lower, ref_range_upper, flag)
VALUES
    (1, 10000032, 20000001, 1, 50862, '2180-07-23 06:00', '3.9', 3.9, 'g/dL', 3.5, 5.2, NULL),
    (2, 10000032, 20000001, 2, 50862, '2180-07-26 06:00', '3.1', 3.1, 'g/dL', 3.5, 5.2, 'abnormal'),
    (3, 10000032, 20000001, 3, 50862, '2180-07-27 06:00', '2.4', 2.4, 'g/dL', 3.5, 5.2, 'abnormal'),
    (4, 10000032, 20000001, 1, 50912, '2180-07-23 06:00', '0.9', 0.9, 'mg/dL', 0.5, 1.2, NULL),
    (5, 10000032, 20000001, 1, 50861, '2180-07-23 06:00', '28', 28, 'IU/L', 0, 40, NULL),   -- ALT, range 0-40
    (6, 10000032, 20000001, 1, 50878, '2180-07-23 06:00', '31', 31, 'IU/L', 0, 40, NULL),   -- AST
    (7, 10000032, 20000001, 3, 50983, '2180-07-27 06:00', '131', 131, 'mEq/L', 133, 145, 'abnormal'),
    (8, 10000032, 20000001, 3, 50931, '2180-07-27 06:00', '101', 101, 'mg/dL', 70, 100, NULL), -- glucose: unmapped
    (9, 10000032, 20000001, 4, 50862, '2180-07-27 18:00', '___', NULL, 'g/dL', 3.5, 5.2, NULL), -- no number
    (10, 10000033, 20000002, 5, 50862, '2180-08-15 11:00', '3.6', 3.6, 'g/dL', 3.5, 5.2, NULL),
    (11, 10000033, 20000002, 5, 51221, '2180-08-15 11:00', '58', 58, '%', 36, 48, 'abnormal'),
    (12, 10000033, 20000002, 6, 50862, '2180-08-16 09:00', '2.6', 2.6, 'g/dL', 3.5, 5.2, 'abnormal'),
    (13, 10000033, 20000002, 6, 51221, '2180-08-16 09:00', '55', 55, NULL, 36, 48, 'abnormal'),  -- NULL unit
    (14, 10000033, 20000002, 6, 50910, '2180-08-16 09:00', '1020', 1020, 'IU/L', 0, 200, 'abnormal');
INSERT INTO mimiciv_icu.chartevents (subject_id, hadm_id, stay_id, charttime, storetime, itemid, value,
    valuenum, valueuom)
VALUES
    (10000032, 20000001, 30000001, '2180-07-23 07:00', NULL, 226512, '70.2', 70.2, 'kg'),  -- admission weight
    (10000032, 20000001, 30000001, '2180-07-26 07:00', NULL, 224639, '71.1', 71.1, 'kg'),  -- daily weight
    (10000032, 20000001, 30000001, '2180-07-27 07:00', NULL, 224639, '73.0', 73.0, 'kg'),
    (10000032, 20000001, 30000001, '2180-07-27 07:00', NULL, 220045, '96', 96, 'bpm'),
    (10000032, 20000001, 30000001, '2180-07-27 07:00', NULL, 223761, '100.6', 100.6, '°F'),
    (10000032, 20000001, 30000001, '2180-07-27 08:00', NULL, 220179, '86', 86, 'mmHg'),
    (10000032, 20000001, 30000001, '2180-07-27 08:00', NULL, 220180, '50', 50, 'mmHg'),
    (10000033, 20000002, 30000002, '2180-08-15 12:00', NULL, 220050, '118', 118, 'mmHg'),
    (10000033, 20000002, 30000002, '2180-08-16 08:00', NULL, 220050, '76', 76, 'mmHg'),
    (10000033, 20000002, 30000002, '2180-08-16 08:00', NULL, 220052, '55', 55, 'mmHg'),
    (10000033, 20000002, 30000002, '2180-08-16 08:00', NULL, 225309, '74', 74, 'mmHg'),
    (10000033, 20000002, 30000002, '2180-08-16 08:30', NULL, 223762, '36.1', 36.1, '°C'),
    (10000033, 20000002, 30000002, '2180-08-16 08:30', NULL, 220045, 'Irregular', NULL, 'bpm'), -- text value
    (10000033, 20000002, 30000002, '2180-08-16 09:00', NULL, 220179, '79', 79, 'mm Hg.');        -- a text unit cls does not know
INSERT INTO mimiciv_hosp.emar (subject_id, hadm_id, emar_id, emar_seq, poe_id, charttime, medication,
    event_txt, storetime)
SELECT 10000032, 20000001, '10000032-' || d, d, '10000032-poe', '2180-07-23 10:00'::timestamp + d * interval '1 day',
       'Tagraxofusp-erzs', CASE WHEN d = 4 THEN 'Not Given' ELSE 'Administered' END,
       '2180-07-23 10:05'::timestamp + d * interval '1 day'
FROM generate_series(0, 4) d;
INSERT INTO mimiciv_icu.inputevents (subject_id, hadm_id, stay_id, starttime, endtime, itemid, amount,
    amountuom, orderid, statusdescription)
VALUES (10000032, 20000001, 30000001, '2180-07-27 09:00', '2180-07-27 10:00', 220862, 100, 'ml', 1, 'FinishedRunning');
