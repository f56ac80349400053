
-- ---------------------------------------------------------------------------
-- Calendar days (README "Conventions", "Dose anchoring", "Upgrading").
--
-- CHANGED CLINICAL ANSWERS FROM 0.2.0 (corrections, not new features):
-- clinicians count the label's days as dates at the place of care, not as
-- 24-hour periods.  0.2.0 counted 24-hour periods from the first dose, so
-- five doses on five consecutive dates, each a few minutes earlier in the day,
-- were "cycle days 1, 1, 3, 4, 4".  From 0.3.0, with the same C entry points:
--  - cycle day = (date of the time - date of the cycle's first dose) + 1;
--    day 1 is the first dose's date (a predose lab earlier that date is day 1
--    of the cycle, no longer cycle 0), the date before it day -1, no day 0;
--  - days_since_first_dose = date - date of the first dose (a count);
--  - a dose on the 21st date after the cycle's first dose or later starts the
--    next cycle (0.2.0: 21 x 24 h later); dosing days 1-5 and the day-10
--    extension are these cycle days;
--  - "the previous day's weight" is the latest weight on the previous date
--    (0.2.0: the latest weight 12 to 36 h earlier), in cls.tagraxofusp_monitor,
--    cls.tagraxofusp_summary and the triad weight-gain sign;
--  - a cycle summary's last cycle ends with its day 21 (0.2.0: 21 x 24 h).
-- The date of a timestamptz is its UTC date (the wall clock of the
-- time_zone argument where a function takes one); durations (windows,
-- holds, gaps) are unchanged: elapsed time.
-- ---------------------------------------------------------------------------

COMMENT ON FUNCTION @extschema@.days_since_first_dose(timestamptz, timestamptz) IS
    'the number of dates from the first dose''s to ts''s (UTC dates): 0 on the date of the first dose, -1 on the date before (the label''s onset range "-1 to 46 days" counts this way); NULL for infinite times';

COMMENT ON FUNCTION @extschema@.cycle_of(timestamptz, timestamptz[]) IS
    'the 21-day tagraxofusp cycle a time falls in, counted in UTC dates: a cycle starts at a dose, a dose on the 21st date after the cycle''s first dose or later starts the next; cycle_day = (date of ts - date of cycle_start) + 1; before the first dose''s date cycle 0 with cycle_day -1, -2, ... (no day 0); NULL when doses holds no finite time';

COMMENT ON FUNCTION @extschema@.cycles(timestamptz[]) IS
    'the 21-day treatment cycles of an array of dose times, counted in UTC dates (NULL and infinite elements and duplicate times ignored); NULL when no dose';

COMMENT ON AGGREGATE @extschema@.cycles(timestamptz) IS
    'the 21-day treatment cycles of the dose times of a group (drug_exposure rows of one patient): a dose on the 21st UTC date after the current cycle''s first dose or later starts the next cycle; order-free, NULL when no dose';

COMMENT ON TYPE @extschema@.treatment_cycle IS
    'a 21-day treatment cycle built from dose times: number, first dose, last dose, distinct dose times, the cycle days (dates, day 1 = the first dose''s date) with a dose';
