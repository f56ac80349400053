-- cls 0.3.0: a realistic state size for the triad aggregates.
--
-- cls.triad_agg, cls.triad_timeline and cls.triad_episodes keep a patient's
-- observations in packed streams, one per analyte (src/core/pack.h): a
-- time whose difference from the previous one of its analyte is whole
-- seconds takes 4 bytes, a value with at most three decimals 4 bytes, so a
-- warehouse observation takes 8 bytes (up to 24 for the rest), about 10
-- with the streams' slack; 0.2.0 declared 24576 bytes, 1000 observations
-- of 24 bytes, about twice the real state, which made the planner's hash
-- aggregate estimates spill-prone.  SSPACE (the planner's estimate of one
-- group's state, https://www.postgresql.org/docs/15/sql-createaggregate.html)
-- is now 8192 bytes: about 700 observations of a patient plus the state's
-- fixed part (criteria, baselines, stream headers).  The aggregates are
-- otherwise as 0.2.0 and 70_timestamp.sql declare them.

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
