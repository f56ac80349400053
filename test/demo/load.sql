-- test/demo/load.sql -- load the generator's output into the tables of
-- test/demo/schema.sql.  Usage (after schema.sql):
--   psql -v datadir=/path/to/out -f test/demo/load.sql
-- \copy reads the files on the client side.  psql does not expand variables
-- inside a \copy line, so each \copy command is first assembled into a
-- variable and then run by expanding that variable.
\set ON_ERROR_STOP on
\if :{?datadir}
\else
DO $$ BEGIN RAISE EXCEPTION 'load.sql: set the data directory with  psql -v datadir=DIR'; END $$;
\endif

\set f :datadir '/person.tsv'
\set cmd '\\copy omop.person (person_id, gender_concept_id, year_of_birth) FROM ' :'f'
:cmd

\set f :datadir '/measurement.tsv'
\set cmd '\\copy omop.measurement (measurement_id, person_id, measurement_concept_id, measurement_datetime, value_as_number, unit_concept_id, unit_source_value, range_low, range_high, measurement_source_value) FROM ' :'f'
:cmd

\set f :datadir '/drug_exposure.tsv'
\set cmd '\\copy omop.drug_exposure (drug_exposure_id, person_id, drug_concept_id, drug_exposure_start_datetime, drug_exposure_end_datetime, drug_source_value) FROM ' :'f'
:cmd

\set f :datadir '/truth_episode.tsv'
\set cmd '\\copy truth.episode (person_id, episode_no, kind, onset, resolution, cycle) FROM ' :'f'
:cmd

\set f :datadir '/truth_exclusion.tsv'
\set cmd '\\copy truth.exclusion (person_id, kind, lower, upper) FROM ' :'f'
:cmd

CREATE INDEX measurement_person_datetime_idx
    ON omop.measurement (person_id, measurement_datetime);
CREATE INDEX drug_exposure_person_start_idx
    ON omop.drug_exposure (person_id, drug_exposure_start_datetime);
ANALYZE omop.person;
ANALYZE omop.measurement;
ANALYZE omop.drug_exposure;
ANALYZE truth.episode;
ANALYZE truth.exclusion;
