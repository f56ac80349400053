-- Tagraxofusp dose-day rules (SPEC.md 6; label Tables 1 and 2): every rule
-- on both sides of its threshold and at it, the resolution conditions, the
-- hysteresis of ALT/AST, missing inputs, unit variants, the cycle-1 gate,
-- the dosing window, errors.  Each row shows the status and whether it is
-- the expected one.
SET timezone = 'UTC';
SET extra_float_digits = 0;

-- a complete day-2 check that is clear everywhere; each case overrides one input
CREATE FUNCTION pg_temp.day(
    alb float8 DEFAULT 3.8, alb_unit text DEFAULT 'g/dL', pre float8 DEFAULT 4.0,
    w float8 DEFAULT 70, prev_w float8 DEFAULT 70, w_unit text DEFAULT 'kg',
    sbp float8 DEFAULT 120, hr float8 DEFAULT 80, temp float8 DEFAULT 37,
    temp_unit text DEFAULT 'Cel', cr float8 DEFAULT 1.0, cr_unit text DEFAULT 'mg/dL',
    crcl float8 DEFAULT 90, alt float8 DEFAULT 20, ast float8 DEFAULT 20,
    uln float8 DEFAULT 40, edema boolean DEFAULT false, fluid boolean DEFAULT false,
    hypot boolean DEFAULT false, hs text DEFAULT 'none', cyc integer DEFAULT 1,
    cday integer DEFAULT 2, first boolean DEFAULT NULL, held boolean DEFAULT false)
RETURNS cls.tagraxofusp_day LANGUAGE sql AS $$
  SELECT cls.tagraxofusp_check(albumin => alb, albumin_unit => alb_unit,
    pre_cycle_albumin => pre, weight => w, previous_weight => prev_w,
    weight_unit => w_unit, sbp => sbp, heart_rate => hr, temperature => temp,
    temperature_unit => temp_unit, creatinine => cr, creatinine_unit => cr_unit,
    creatinine_clearance => crcl, alt => alt, alt_uln => uln, ast => ast,
    ast_uln => uln, edema => edema, fluid_overload => fluid, hypotension => hypot,
    hypersensitivity => hs, cycle => cyc, cycle_day => cday,
    first_dose_of_cycle1 => first, transaminases_held => held) $$;

SELECT d.action, d.complete, d.reasons, d.not_evaluable FROM pg_temp.day() d;

-- the status columns are exactly the rules of cls.tagraxofusp_rules(), in order
SELECT array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum BETWEEN 21 AND 32)
       = (SELECT array_agg(rule ORDER BY rule_no) FROM cls.tagraxofusp_rules()) AS columns_match_rules
FROM pg_attribute a WHERE a.attrelid = 'cls.tagraxofusp_day'::regclass AND a.attnum > 0;

SELECT c AS "case", s AS status, s = e AS ok FROM (VALUES
 -- albumin < 3.5 g/dL (Table 1, Table 2)
 ('albumin 3.5', (pg_temp.day(alb => 3.5)).albumin_low, 'clear'),
 ('albumin 3.49', (pg_temp.day(alb => 3.49)).albumin_low, 'triggered'),
 ('albumin 35 g/L', (pg_temp.day(alb => 35, alb_unit => 'g/L', pre => 40)).albumin_low, 'clear'),
 ('albumin 34.9 g/L', (pg_temp.day(alb => 34.9, alb_unit => 'g/L', pre => 40)).albumin_low, 'triggered'),
 -- fall >= 0.5 g/dL from the pre-cycle value; exactly 0.5 stays triggered
 ('fall 0.5 (4.0 -> 3.5)', (pg_temp.day(alb => 3.5)).albumin_fall, 'triggered'),
 ('fall 0.5 (4.3 -> 3.8, decimal)', (pg_temp.day(pre => 4.3)).albumin_fall, 'triggered'),
 ('fall 0.49', (pg_temp.day(alb => 3.51)).albumin_fall, 'clear'),
 ('fall 5 g/L (43 -> 38 g/L)', (pg_temp.day(alb => 38, pre => 43, alb_unit => 'g/L')).albumin_fall, 'triggered'),
 ('fall 4.9 g/L', (pg_temp.day(alb => 38.1, pre => 43, alb_unit => 'g/L')).albumin_fall, 'clear'),
 ('albumin rose', (pg_temp.day(alb => 4.2)).albumin_fall, 'clear'),
 -- resolution: albumin >= 3.5 AND fall < 0.5 (both rules clear)
 ('resolved: 3.6 from 4.0', (pg_temp.day(alb => 3.6)).action, 'administer'),
 ('not resolved: 3.6 from 4.1', (pg_temp.day(alb => 3.6, pre => 4.1)).action, 'interrupt dosing'),
 ('not resolved: 3.4 from 3.6', (pg_temp.day(alb => 3.4, pre => 3.6)).action, 'interrupt dosing'),
 -- weight gain >= 1.5 kg over the previous day's predose weight
 ('gain 1.5 kg', (pg_temp.day(w => 71.5)).weight_gain, 'triggered'),
 ('gain 1.49 kg', (pg_temp.day(w => 71.49)).weight_gain, 'clear'),
 ('loss', (pg_temp.day(w => 68)).weight_gain, 'clear'),
 ('gain 1.5 kg in lb', (pg_temp.day(w => 157.63, prev_w => 154.32, w_unit => 'lb')).weight_gain, 'triggered'),
 ('gain 1.47 kg in lb (3.25 lb)', (pg_temp.day(w => 157.57, prev_w => 154.32, w_unit => '[lb_av]')).weight_gain, 'clear'),
 -- edema, fluid overload and/or hypotension
 ('edema', (pg_temp.day(edema => true)).edema_fluid_overload_hypotension, 'triggered'),
 ('hypotension, others unknown', (pg_temp.day(edema => NULL, fluid => NULL, hypot => true)).edema_fluid_overload_hypotension, 'triggered'),
 ('all absent', (pg_temp.day()).edema_fluid_overload_hypotension, 'clear'),
 ('fluid overload unknown', (pg_temp.day(fluid => NULL)).edema_fluid_overload_hypotension, 'not evaluable'),
 -- SBP >= 160 or <= 80; resume 80 < SBP < 160
 ('SBP 160', (pg_temp.day(sbp => 160)).sbp, 'triggered'),
 ('SBP 159', (pg_temp.day(sbp => 159)).sbp, 'clear'),
 ('SBP 80', (pg_temp.day(sbp => 80)).sbp, 'triggered'),
 ('SBP 81', (pg_temp.day(sbp => 81)).sbp, 'clear'),
 -- heart rate >= 130 or <= 40
 ('HR 130', (pg_temp.day(hr => 130)).heart_rate, 'triggered'),
 ('HR 129', (pg_temp.day(hr => 129)).heart_rate, 'clear'),
 ('HR 40', (pg_temp.day(hr => 40)).heart_rate, 'triggered'),
 ('HR 41', (pg_temp.day(hr => 41)).heart_rate, 'clear'),
 -- temperature >= 38 C
 ('38.0 C', (pg_temp.day(temp => 38)).temperature, 'triggered'),
 ('37.9 C', (pg_temp.day(temp => 37.9)).temperature, 'clear'),
 ('100.4 F', (pg_temp.day(temp => 100.4, temp_unit => '[degF]')).temperature, 'triggered'),
 ('100.3 F', (pg_temp.day(temp => 100.3, temp_unit => 'degF')).temperature, 'clear'),
 -- creatinine > 1.8 mg/dL (159 umol/L) or CrCl < 60 mL/min
 ('creatinine 1.8', (pg_temp.day(cr => 1.8)).creatinine, 'clear'),
 ('creatinine 1.81', (pg_temp.day(cr => 1.81)).creatinine, 'triggered'),
 ('creatinine 159.12 umol/L (= 1.8)', (pg_temp.day(cr => 159.12, cr_unit => 'umol/L')).creatinine, 'clear'),
 ('creatinine 160 umol/L', (pg_temp.day(cr => 160, cr_unit => 'umol/L')).creatinine, 'triggered'),
 ('CrCl 60 only (no creatinine: not clear)', (pg_temp.day(cr => NULL, crcl => 60)).creatinine, 'not evaluable'),
 ('CrCl 59 only', (pg_temp.day(cr => NULL, crcl => 59)).creatinine, 'triggered'),
 ('creatinine 2.0, CrCl 70 (resume per measure)', (pg_temp.day(cr => 2.0, crcl => 70)).creatinine, 'triggered'),
 ('neither', (pg_temp.day(cr => NULL)).creatinine, 'not evaluable'),
 -- ALT or AST > 5 x ULN; while held, resume only at <= 2.5 x ULN
 ('ALT 200 = 5 x ULN 40', (pg_temp.day(alt => 200)).transaminases, 'clear'),
 ('ALT 201', (pg_temp.day(alt => 201)).transaminases, 'triggered'),
 ('AST 201', (pg_temp.day(ast => 201)).transaminases, 'triggered'),
 ('held, ALT 101 (2.525 x)', (pg_temp.day(alt => 101, held => true)).transaminases, 'triggered'),
 ('held, ALT 100 = 2.5 x', (pg_temp.day(alt => 100, held => true)).transaminases, 'clear'),
 ('not held, ALT 150', (pg_temp.day(alt => 150)).transaminases, 'clear'),
 ('hold state unknown, ALT 150', (pg_temp.day(alt => 150, held => NULL)).transaminases, 'not evaluable'),
 ('hold state unknown, ALT 100', (pg_temp.day(alt => 100, held => NULL)).transaminases, 'clear'),
 ('no ULN', (pg_temp.day(uln => NULL)).transaminases, 'not evaluable'),
 ('AST missing', (pg_temp.day(ast => NULL)).transaminases, 'not evaluable'),
 -- hypersensitivity
 ('mild', (pg_temp.day(hs => 'mild')).action, 'interrupt dosing'),
 ('severe', (pg_temp.day(hs => 'Severe')).action, 'discontinue permanently'),
 ('life-threatening', (pg_temp.day(hs => 'life-threatening')).action, 'discontinue permanently'),
 ('not recorded', (pg_temp.day(hs => NULL)).hypersensitivity, 'not evaluable'),
 -- cycle-1 gate: albumin >= 3.2 before the first dose of cycle 1
 ('C1D1 albumin 3.2', (pg_temp.day(alb => 3.2, cday => 1)).albumin_gate, 'clear'),
 ('C1D1 albumin 3.19', (pg_temp.day(alb => 3.19, cday => 1)).albumin_gate, 'triggered'),
 ('C1D1 albumin 32 g/L', (pg_temp.day(alb => 32, alb_unit => 'g/L', pre => 32, cday => 1)).action, 'administer'),
 ('C1D1 albumin 3.3: the 3.5 rule does not apply', (pg_temp.day(alb => 3.3, cday => 1)).albumin_low, 'not applicable'),
 ('C1D1 weight gain not applicable', (pg_temp.day(w => 75, cday => 1)).weight_gain, 'not applicable'),
 ('C1D2 albumin 3.3', (pg_temp.day(alb => 3.3)).albumin_gate, 'not applicable'),
 ('C2D1 albumin 3.3: the gate is cycle 1 only', (pg_temp.day(alb => 3.3, pre => 3.3, cyc => 2, cday => 1)).albumin_low, 'triggered'),
 ('first dose flag overrides', (pg_temp.day(alb => 3.3, cyc => NULL, cday => NULL, first => true)).action, 'administer (incomplete checks)'),
 ('unknown whether first, 3.3', (pg_temp.day(alb => 3.3, cyc => NULL, cday => NULL)).albumin_low, 'not evaluable'),
 ('unknown whether first, 3.1', (pg_temp.day(alb => 3.1, cyc => NULL, cday => NULL)).albumin_gate, 'triggered'),
 -- dosing window: days 1-5, extendable to day 10
 ('day 5', (pg_temp.day(cday => 5)).dosing_day, 'clear'),
 ('day 10', (pg_temp.day(cday => 10)).dosing_day, 'clear'),
 ('day 11', (pg_temp.day(cday => 11)).dosing_day, 'triggered'),
 ('day unknown', (pg_temp.day(cday => NULL)).dosing_day, 'not evaluable'),
 -- implausible values are not evaluable, never clear
 ('albumin 45 g/dL (a g/L value)', (pg_temp.day(alb => 45)).albumin_low, 'not evaluable'),
 ('SBP NaN', (pg_temp.day(sbp => 'NaN')).sbp, 'not evaluable'),
 ('CrCl -1', (pg_temp.day(cr => NULL, crcl => -1)).creatinine, 'not evaluable'),
 ('albumin unit NULL', (pg_temp.day(alb_unit => NULL)).albumin_low, 'not evaluable')
) v(c, s, e);

-- what the rows say: reasons, not-evaluable details, instructions
SELECT d.action, d.give_albumin, d.manage_fluid, d.reasons, d.instructions
FROM pg_temp.day(w => 71.5, alb => 3.4, pre => 3.9) d;
SELECT d.action, d.instructions FROM pg_temp.day(edema => true) d;
SELECT d.action, d.instructions FROM pg_temp.day(alb => 3.1, cday => 1) d;
SELECT d.action, d.complete, d.not_evaluable
FROM pg_temp.day(alb => 45, prev_w => NULL, hypot => NULL, uln => NULL, held => NULL) d;
SELECT d.reasons FROM pg_temp.day(alt => 150, held => true) d;
SELECT d.transaminases_held FROM pg_temp.day(alt => 150, held => true) d
UNION ALL SELECT d.transaminases_held FROM pg_temp.day(ast => NULL) d;

-- with no argument at all every rule is not evaluable (the gate reads both ways)
SELECT d.action, d.complete, cardinality(d.not_evaluable) AS n_not_evaluable
FROM cls.tagraxofusp_check() d;

-- errors: query mistakes raise 22023
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT q, pg_temp.sqlstate_of(q) FROM (VALUES
  ($$SELECT cls.tagraxofusp_check(albumin => 3.5, albumin_unit => 'mmol/L')$$),
  ($$SELECT cls.tagraxofusp_check(weight => 70, weight_unit => 'stone')$$),
  ($$SELECT cls.tagraxofusp_check(hypersensitivity => 'bad')$$),
  ($$SELECT cls.tagraxofusp_check(cycle => 0)$$),
  ($$SELECT cls.tagraxofusp_check(cycle_day => 0)$$),
  ($$SELECT cls.tagraxofusp_check(alt => 30, alt_uln => 0)$$),
  ($$SELECT cls.tagraxofusp_check(ast => 30, ast_uln => 'NaN')$$)) v(q);
SELECT cls.tagraxofusp_check(hypersensitivity => 'bad');
SELECT cls.tagraxofusp_check(cycle_day => 0);

-- the rules listing: every rule with the label's words and cls's reading
SELECT rule_no, rule, parameter, instructions, source FROM cls.tagraxofusp_rules();
SELECT rule, label_criterion, cls_trigger FROM cls.tagraxofusp_rules() WHERE rule IN ('sbp', 'creatinine', 'transaminases');
