-- ---------------------------------------------------------------------------
-- The criteria gain two fields (README "The CLS triad", "Upgrading"):
--  - hemoglobin_above: hemoglobin > x g/dL stands in for hematocrit in
--    hemoconcentration where no hematocrit is at hand (co-occurrence: no
--    hematocrit observation in the window; current values: no valid
--    hematocrit).  Off (NULL) by default: no published diagnostic threshold
--    was found (README gives the observed values and their sources);
--  - time_zone: the zone of the place of care that dates a timestamptz for
--    the label's "previous day's weight" (default 'UTC', written in the
--    query, so the functions stay IMMUTABLE); an unknown zone is 22023.
-- The attributes are added after the 0.2.0 ones: a cls.criteria value stored
-- by 0.2.0 (a table column, a view's constant) reads them as NULL, which
-- means what 0.2.0 did: hemoglobin off, dates in UTC.
-- The constructors take the two as their last arguments.  The 0.2.0
-- constructors are renamed, not dropped (a user's view calling them, or
-- calling a wide function with its default criteria, keeps working), and
-- the wide functions' DEFAULT criteria are the new constructors.
-- ---------------------------------------------------------------------------

ALTER TYPE @extschema@.criteria
    ADD ATTRIBUTE hemoglobin_above float8,
    ADD ATTRIBUTE time_zone text;
COMMENT ON TYPE @extschema@.criteria IS
    'CLS criteria: profile, thresholds in canonical units (NULL = off), evaluation mode (cooccurrence_window, ''0'' = current values), validity windows, hemoglobin_above (the stand-in for hematocrit, NULL = off) and time_zone (the zone that dates a timestamptz; NULL, in a value stored by 0.2.0, = UTC); build with cls.triad_criteria() or cls.drug_criteria()';

ALTER FUNCTION @extschema@.triad_criteria(integer, float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval)
    RENAME TO triad_criteria_0_2_0;
COMMENT ON FUNCTION @extschema@.triad_criteria_0_2_0(integer, float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval) IS
    'the 0.2.0 cls.triad_criteria, kept so that views made on 0.2.0 keep working: hemoglobin_above off, time_zone UTC; use cls.triad_criteria';
ALTER FUNCTION @extschema@.drug_criteria(float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval)
    RENAME TO drug_criteria_0_2_0;
COMMENT ON FUNCTION @extschema@.drug_criteria_0_2_0(float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval) IS
    'the 0.2.0 cls.drug_criteria, kept so that views made on 0.2.0 keep working: hemoglobin_above off, time_zone UTC; use cls.drug_criteria';

CREATE FUNCTION @extschema@.triad_criteria(
    k integer DEFAULT 3,
    sbp_below float8 DEFAULT 90, map_below float8 DEFAULT 65, sbp_fall float8 DEFAULT 40,
    albumin_below float8 DEFAULT 3.0, albumin_fall float8 DEFAULT 0.5,
    hematocrit_above float8 DEFAULT 45, hematocrit_rise float8 DEFAULT NULL,
    weight_gain_kg float8 DEFAULT 1.5, weight_gain_percent float8 DEFAULT 5,
    sodium_below float8 DEFAULT 135, edema boolean DEFAULT true,
    derive_baselines boolean DEFAULT true,
    cooccurrence_window interval DEFAULT '72 hours',
    bp_valid interval DEFAULT '6 hours', albumin_valid interval DEFAULT '48 hours',
    hematocrit_valid interval DEFAULT '24 hours', weight_valid interval DEFAULT '36 hours',
    sodium_valid interval DEFAULT '48 hours', edema_valid interval DEFAULT '24 hours',
    hemoglobin_above float8 DEFAULT NULL, time_zone text DEFAULT 'UTC')
    RETURNS @extschema@.criteria
    AS 'MODULE_PATHNAME', 'cls_make_criteria' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.triad_criteria(integer, float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval, float8, text) IS
    'criteria of the triad profile: CLS suspected when k of hypotension, hypoalbuminemia, hemoconcentration hold; every threshold a named argument with its default (README "The CLS triad" gives each default''s source); NULL switches a criterion off; time_zone dates a timestamptz';

CREATE FUNCTION @extschema@.drug_criteria(
    sbp_below float8 DEFAULT 90, map_below float8 DEFAULT 65, sbp_fall float8 DEFAULT 40,
    albumin_below float8 DEFAULT 3.5, albumin_fall float8 DEFAULT 0.5,
    hematocrit_above float8 DEFAULT 45, hematocrit_rise float8 DEFAULT NULL,
    weight_gain_kg float8 DEFAULT 1.5, weight_gain_percent float8 DEFAULT 5,
    sodium_below float8 DEFAULT 135, edema boolean DEFAULT true,
    derive_baselines boolean DEFAULT true,
    cooccurrence_window interval DEFAULT '72 hours',
    bp_valid interval DEFAULT '6 hours', albumin_valid interval DEFAULT '48 hours',
    hematocrit_valid interval DEFAULT '24 hours', weight_valid interval DEFAULT '36 hours',
    sodium_valid interval DEFAULT '48 hours', edema_valid interval DEFAULT '24 hours',
    hemoglobin_above float8 DEFAULT NULL, time_zone text DEFAULT 'UTC')
    RETURNS @extschema@.criteria
    AS 'MODULE_PATHNAME', 'cls_make_criteria' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.drug_criteria(float8, float8, float8, float8, float8, float8, float8, float8, float8, float8, boolean, boolean, interval, interval, interval, interval, interval, interval, interval, float8, text) IS
    'criteria of the drug (tagraxofusp-like) profile: hypoalbuminemia by the label (albumin < 3.5 g/dL or fallen >= 0.5) with weight gain, hypotension or edema; NULL switches a criterion off; time_zone dates a timestamptz';

-- The wide functions' DEFAULT criteria: the new cls.triad_criteria() (the
-- same criteria as 0.2.0's default, with the two new fields at their defaults).
CREATE OR REPLACE FUNCTION @extschema@.hypotension(
    sbp float8 DEFAULT NULL, map float8 DEFAULT NULL, baseline_sbp float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hypotension' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION @extschema@.hypoalbuminemia(
    albumin float8, unit text DEFAULT 'g/dL', baseline_albumin float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hypoalbuminemia' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION @extschema@.hemoconcentration(
    hematocrit float8, unit text DEFAULT '%', baseline_hematocrit float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hemoconcentration' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION @extschema@.weight_gain(
    weight float8, previous_weight float8 DEFAULT NULL, baseline_weight float8 DEFAULT NULL,
    unit text DEFAULT 'kg', criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_weight_gain' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION @extschema@.hyponatremia(
    sodium float8, unit text DEFAULT 'mmol/L',
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'cls_hyponatremia' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION @extschema@.signs(
    sbp float8 DEFAULT NULL, map float8 DEFAULT NULL,
    albumin float8 DEFAULT NULL, albumin_unit text DEFAULT 'g/dL',
    hematocrit float8 DEFAULT NULL, hematocrit_unit text DEFAULT '%',
    weight float8 DEFAULT NULL, previous_weight float8 DEFAULT NULL, weight_unit text DEFAULT 'kg',
    sodium float8 DEFAULT NULL, sodium_unit text DEFAULT 'mmol/L',
    edema boolean DEFAULT NULL,
    baseline_sbp float8 DEFAULT NULL, baseline_albumin float8 DEFAULT NULL,
    baseline_hematocrit float8 DEFAULT NULL, baseline_weight float8 DEFAULT NULL,
    criteria @extschema@.criteria DEFAULT @extschema@.triad_criteria())
    RETURNS @extschema@.sign_result
    AS 'MODULE_PATHNAME', 'cls_signs' LANGUAGE C IMMUTABLE PARALLEL SAFE;
