//! Inputs the fuzz targets under `fuzz/` found, kept so that they stay fixed.

use orbitflops_core::batch::{evaluate_batch, BatchInput, Column, OnInvalid};
use orbitflops_core::scenario::{check_design_value, check_param};
use orbitflops_core::{evaluate, Design, Prepared, Scenario, OUTPUTS, PARAMS};

fn no_nan(vals: &[f64]) {
    for (info, v) in OUTPUTS.iter().zip(vals) {
        assert!(!v.is_nan(), "{} is NaN", info.name);
    }
}

#[test]
fn huge_finite_areas_are_rejected_instead_of_overflowing() {
    // radiator_area_m2 = f64::MAX gave radiator_temp_k = inf; array_area_m2 = f64::MAX gave
    // array_power_bol_w = inf (and NaN further down).
    for (k, field) in [(0, "array_area_m2"), (1, "radiator_area_m2")] {
        for v in [f64::MAX, 1e31, 1e-31, 5e-324] {
            let e = check_design_value(k, v).unwrap_err();
            assert_eq!(e.field, field);
        }
        assert!(check_design_value(k, 1e30).is_ok() && check_design_value(k, 1e-30).is_ok());
    }
    let mut d = Design::default();
    d.radiator_area_m2 = f64::MAX;
    assert!(evaluate(&Scenario::default(), &d).is_err());
}

#[test]
fn huge_or_subnormal_parameters_are_rejected() {
    for (i, p) in PARAMS.iter().enumerate() {
        for v in [f64::MAX, -f64::MAX, 1e-310, -1e-310] {
            assert!(check_param(i, v).is_err(), "{} accepted {v}", p.name);
        }
    }
}

#[test]
fn batch_marks_huge_values_invalid_with_their_field() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let rad = [540.0, f64::MAX, 540.0];
    let input = BatchInput { len: 3, design: [None, Some(Column::slice(&rad)), None, None, None], overrides: vec![], sized: false, radiator_temp_k: None };
    let sel: Vec<usize> = (0..OUTPUTS.len()).collect();
    let out = evaluate_batch(&s, &pr, &input, &sel, OnInvalid::Nan).unwrap();
    assert_eq!(out.valid, vec![true, false, true]);
    assert_eq!(out.reason[1], 2, "reason code of radiator_area_m2");
    let err = evaluate_batch(&s, &pr, &input, &sel, OnInvalid::Raise).unwrap_err();
    assert_eq!((err.field.as_str(), err.index), ("radiator_area_m2", Some(1)));
}

#[test]
fn limiting_cases_give_documented_infinities_not_nan() {
    let s = Scenario::default();
    // A vanishing array delivers nothing: cost per FLOP is +inf, break-even launch price -inf.
    let d = Design { array_area_m2: 5.6e-17, ..Design::default() };
    let o = evaluate(&s, &d).unwrap();
    no_nan(o.as_slice());
    assert_eq!(o.cost_per_flop_usd, f64::INFINITY);
    assert_eq!(o.breakeven_launch_usd_per_kg, f64::NEG_INFINITY);
    // An empty battery that must carry the eclipse load.
    let d = Design { battery_energy_j: Some(0.0), ..Design::default() };
    let o = evaluate(&s, &d).unwrap();
    no_nan(o.as_slice());
    assert_eq!(o.battery_dod, f64::INFINITY);
    assert_eq!(o.dod_margin, f64::NEG_INFINITY);
    assert_eq!(o.feasible, 0.0);
}

#[test]
fn lowest_altitude_scenario_from_toml_has_no_nan() {
    // The default TOML at altitude_m = 100 km gave radiator_area_required_m2 = inf (Earth IR and
    // albedo hold the radiator above its limit), which is documented; nothing may be NaN.
    let text = Scenario::default().to_toml_string().replace("altitude_m = 550000.0", "altitude_m = 100000.0");
    let s = Scenario::from_toml_str(&text).unwrap();
    assert_eq!(s.params.altitude_m, 100_000.0);
    let o = evaluate(&s, &s.design).unwrap();
    no_nan(o.as_slice());
}

#[test]
fn tiny_discount_rate_gives_the_zero_rate_limit() {
    // discount_rate = 8e-20 made (1 + r)^n - 1 round to 0 and the capital recovery factor (and
    // annualised_cost_usd_per_yr) infinite. The limit r -> 0 is 1/n (annuity formula).
    use orbitflops_core::economics::capital_recovery_factor;
    for r in [8e-20, 1e-30, 1e-17, 1e-12] {
        let crf = capital_recovery_factor(r, 5.0);
        assert!((crf - 0.2).abs() < 1e-9, "r = {r}: crf = {crf}");
    }
    // A horizon long enough that (1 + r)^n overflows (found by the Python API fuzz) tends to r.
    assert_eq!(capital_recovery_factor(1.0, 1025.0), 1.0);
    // Newnan, Engineering Economic Analysis: (A/P, 8%, 5) = 0.2505.
    assert!((capital_recovery_factor(0.08, 5.0) - 0.2505).abs() < 5e-5);
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let rates = [0.04, 8e-20];
    let input = BatchInput { len: 2, design: [None; 5], overrides: vec![(PARAMS.iter().position(|p| p.name == "discount_rate").unwrap(), Column::slice(&rates))], sized: false, radiator_temp_k: None };
    let sel: Vec<usize> = (0..OUTPUTS.len()).collect();
    let out = evaluate_batch(&s, &pr, &input, &sel, OnInvalid::Raise).unwrap();
    for (info, col) in OUTPUTS.iter().zip(&out.columns) {
        assert!(!col[1].is_nan(), "{} is NaN", info.name);
    }
}

#[test]
fn steep_dod_curve_is_rejected_and_the_steepest_allowed_keeps_the_battery_finite() {
    // The evaluate_design fuzzer: battery_cycles_ref = 1 with battery_dod_exponent = 122 made the
    // allowed depth of discharge underflow to 0 and the sized battery infinite. The exponent is
    // now bounded to [0, 5] (Li-ion cycle-life fits use ~0.2-1).
    let mut s = Scenario::default();
    s.set_param("battery_cycles_ref", 1.0).unwrap();
    let e = s.set_param("battery_dod_exponent", 122.0).unwrap_err();
    assert_eq!(e.field, "battery_dod_exponent");
    s.set_param("battery_dod_exponent", 5.0).unwrap();
    let o = evaluate(&s, &s.design).unwrap();
    assert!(o.battery_dod_allowed > 0.0 && o.battery_energy_j.is_finite(), "{} {}", o.battery_dod_allowed, o.battery_energy_j);
}
