-- cls 0.3.0: a realistic state size for the triad aggregates.
--
-- cls.triad_agg, cls.triad_timeline and cls.triad_episodes keep a patient's
-- observations in packed streams, one per analyte (src/core/pack.h): a
-- time whose difference from the previous one of its analyte is whole
-- seconds takes 4 bytes, a value with at most three decimals 4 bytes, so a
-- warehouse observation takes 8 bytes (at most 24), 15.7 bytes with the
-- streams' slack and the state's fixed part (criteria, baselines, stream
-- headers) as measured at 10,000 patients: 5.8 kB for a patient's 368
-- observations.  0.2.0 declared SSPACE = 24576 (1000 observations of 24
-- bytes).  SSPACE is the planner's estimate of one group's state
-- (https://www.postgresql.org/docs/15/sql-createaggregate.html), which
-- decides whether a hash aggregate is expected to fit in work_mem: 8192
-- bytes, a patient with about 500 observations.  The aggregates are
-- otherwise exactly as src/sql/0.2.0/30_triad.sql, 45_triad_episodes.sql
-- and src/sql/0.3.0/70_timestamp.sql declare them.

CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamptz, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamptz, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamptz, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tstzmultirange, doses timestamptz[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamp, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamp, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_agg(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, baselines @extschema@.triad_baselines) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamp, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamp, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_timeline(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_timeline_final_ts, COMBINEFUNC = @extschema@.triad_combine,
    SERIALFUNC = @extschema@.triad_serialize, DESERIALFUNC = @extschema@.triad_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[]) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code text, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE @extschema@.triad_episodes(ts timestamp, code bigint, value float8, unit text, criteria @extschema@.criteria, exclusions tsmultirange, doses timestamp[], params @extschema@.episode_params) (
    SFUNC = @extschema@.triad_episodes_sfunc, STYPE = internal, SSPACE = 8192,
    FINALFUNC = @extschema@.triad_episodes_final_ts, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.triad_episodes_combine,
    SERIALFUNC = @extschema@.triad_episodes_serialize, DESERIALFUNC = @extschema@.triad_episodes_deserialize,
    PARALLEL = SAFE);
