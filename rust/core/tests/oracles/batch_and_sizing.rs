//! Batch evaluation against one-design-at-a-time evaluation (every kernel, chunking, strides,
//! per-design assumptions, sizing, invalid inputs), and the closed-form sizing against its
//! definition (the sized design has zero margins).

use orbitflops_core::batch::{evaluate_batch, BatchInput, Column, OnInvalid, DEFAULT_SELECTION, PARAM_REASON_BASE, RELATION_REASON, SIZING_REASON};
use orbitflops_core::outputs::{out_idx, N_OUTPUTS};
use orbitflops_core::params::Params;
use orbitflops_core::{evaluate, model, size, Design, Prepared, Scenario, OUTPUTS};

/// Designs spread over feasible and infeasible regimes, more than two chunks of 2,048.
fn designs(n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    let f = |i: usize, k: usize| ((i * k) % 97) as f64 / 97.0;
    (
        (0..n).map(|i| 500.0 + 15_000.0 * f(i, 13)).collect(),
        (0..n).map(|i| 100.0 + 4_000.0 * f(i, 29)).collect(),
        (0..n).map(|i| 1.0 + (i % 17) as f64).collect(),
        (0..n).map(|i| (i % 4) as f64).collect(),
    )
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

#[test]
fn every_kernel_matches_scalar_evaluation() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let n = 4100;
    let (area, rad, racks, spares) = designs(n);
    let input = BatchInput { len: n, design: [Some(Column::slice(&area)), Some(Column::slice(&rad)), Some(Column::slice(&racks)), Some(Column::slice(&spares)), None], overrides: vec![], sized: false, radiator_temp_k: None };
    let all: Vec<usize> = (0..N_OUTPUTS).collect();
    let selections: Vec<Vec<usize>> = vec![
        DEFAULT_SELECTION.to_vec(),
        vec![out_idx::cost_per_flop_usd],
        vec![out_idx::cost_per_flop_usd, out_idx::feasible],
        vec![out_idx::mass_total_kg, out_idx::racks, out_idx::binding_constraint],
        all,
    ];
    let expected: Vec<Vec<f64>> = (0..n)
        .map(|i| model::evaluate_prepared(&pr, &Design { array_area_m2: area[i], radiator_area_m2: rad[i], racks: racks[i], spare_racks: spares[i], battery_energy_j: None }).as_slice().to_vec())
        .collect();
    let mut feasible = 0;
    for sel in &selections {
        for mode in [OnInvalid::Raise, OnInvalid::Nan] {
            let out = evaluate_batch(&s, &pr, &input, sel, mode).unwrap();
            assert_eq!(out.columns.len(), sel.len());
            for (col, &j) in out.columns.iter().zip(sel) {
                assert_eq!(col.len(), n);
                for i in 0..n {
                    assert!(same(col[i], expected[i][j]), "{} of design {i}: {} vs {}", OUTPUTS[j].name, col[i], expected[i][j]);
                }
            }
            if mode == OnInvalid::Nan {
                assert!(out.valid.iter().all(|&v| v) && out.reason.iter().all(|&r| r == 0));
                assert_eq!(out.valid.len(), n);
            } else {
                assert!(out.valid.is_empty() && out.reason.is_empty());
            }
        }
    }
    for e in &expected {
        feasible += (e[out_idx::feasible] == 1.0) as usize;
    }
    assert!(feasible > 0 && feasible < n, "the designs should be partly feasible: {feasible} of {n}");
}

#[test]
fn scalar_and_strided_columns_and_a_given_battery() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    // More than one chunk of 2,048, so that later chunks start inside the strided data.
    let n = 2100;
    // Interleaved (racks, battery) pairs read with stride 2; the area from the scenario's design;
    // the radiator as a scalar.
    let pairs: Vec<f64> = (0..n).flat_map(|i| [1.0 + (i % 9) as f64, if i % 5 == 0 { 0.0 } else { 1e8 * (1 + i) as f64 }]).collect();
    let racks = Column::Strided { data: &pairs[0..], stride: 2 };
    let battery = Column::Strided { data: &pairs[1..], stride: 2 };
    assert_eq!(racks.len(), Some(n));
    assert_eq!(battery.len(), Some(n));
    assert_eq!(Column::Scalar(3.0).len(), None);
    assert_eq!(Column::slice(&[]).len(), Some(0));
    assert_eq!(Column::Strided { data: &[1.0, 2.0, 3.0, 4.0, 5.0], stride: 3 }.len(), Some(2));
    assert_eq!(battery.get(3), pairs[7]);
    assert_eq!(Column::Scalar(3.0).get(12), 3.0);
    let input = BatchInput { len: n, design: [None, Some(Column::Scalar(1500.0)), Some(racks), None, Some(battery)], overrides: vec![], sized: false, radiator_temp_k: None };
    let all: Vec<usize> = (0..N_OUTPUTS).collect();
    for sel in [all, DEFAULT_SELECTION.to_vec()] {
        let out = evaluate_batch(&s, &pr, &input, &sel, OnInvalid::Nan).unwrap();
        for i in 0..n {
            let d = Design { radiator_area_m2: 1500.0, racks: pairs[2 * i], battery_energy_j: Some(pairs[2 * i + 1]), ..s.design };
            let want = model::evaluate_prepared(&pr, &d);
            for (col, &j) in out.columns.iter().zip(&sel) {
                assert!(same(col[i], want.as_slice()[j]), "{} of design {i}", OUTPUTS[j].name);
            }
        }
        assert!(out.valid.iter().all(|&v| v));
    }
}

#[test]
fn invalid_designs_get_nan_and_their_field_or_fail_the_call() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let n = 3000;
    let (mut area, mut rad, mut racks, mut spares) = designs(n);
    let mut battery = vec![1e9; n];
    area[5] = -1.0;
    rad[2100] = f64::NAN;
    racks[2500] = 2.5;
    spares[2600] = -1.0;
    battery[2700] = -3.0;
    battery[2800] = 0.0; // valid: an empty battery
    let input = BatchInput {
        len: n,
        design: [Some(Column::slice(&area)), Some(Column::slice(&rad)), Some(Column::slice(&racks)), Some(Column::slice(&spares)), Some(Column::slice(&battery))],
        overrides: vec![],
        sized: false,
        radiator_temp_k: None,
    };
    let bad = [(5usize, 1u16), (2100, 2), (2500, 3), (2600, 4), (2700, 5)];
    for sel in [DEFAULT_SELECTION.to_vec(), vec![out_idx::capex_usd, out_idx::dod_margin]] {
        let out = evaluate_batch(&s, &pr, &input, &sel, OnInvalid::Nan).unwrap();
        for i in 0..n {
            let code = bad.iter().find(|b| b.0 == i).map(|b| b.1).unwrap_or(0);
            assert_eq!(out.reason[i], code, "design {i}");
            assert_eq!(out.valid[i], code == 0);
            assert_eq!(out.columns[0][i].is_nan(), code != 0, "design {i}");
            assert_eq!(out.columns[1][i].is_nan(), code != 0, "design {i}");
        }
        let e = evaluate_batch(&s, &pr, &input, &sel, OnInvalid::Raise).unwrap_err();
        assert_eq!((e.field.as_str(), e.index), ("array_area_m2", Some(5)));
    }
    // Only later rows bad: the first of them, by row.
    let area2: Vec<f64> = area.iter().enumerate().map(|(i, &a)| if i == 5 { 100.0 } else { a }).collect();
    let input = BatchInput { design: [Some(Column::slice(&area2)), Some(Column::slice(&rad)), Some(Column::slice(&racks)), Some(Column::slice(&spares)), Some(Column::slice(&battery))], ..input };
    let e = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("radiator_area_m2", Some(2100)));
}

#[test]
fn malformed_batches_are_refused_with_the_field() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let short = [100.0; 3];
    let base = BatchInput { len: 4, design: [None; 5], overrides: vec![], sized: false, radiator_temp_k: None };
    let e = evaluate_batch(&s, &pr, &BatchInput { design: [None, Some(Column::slice(&short)), None, None, None], ..base.clone() }, &[0], OnInvalid::Raise).unwrap_err();
    assert_eq!(e.field, "radiator_area_m2");
    assert!(e.to_string().contains("length 3") && e.to_string().contains("length 4"), "{e}");
    let i = Params::index_of("launch_price_usd_per_kg").unwrap();
    let e = evaluate_batch(&s, &pr, &BatchInput { overrides: vec![(i, Column::slice(&short))], ..base.clone() }, &[0], OnInvalid::Nan).unwrap_err();
    assert_eq!(e.field, "launch_price_usd_per_kg");
    let e = evaluate_batch(&s, &pr, &BatchInput { radiator_temp_k: Some(Column::slice(&short)), sized: true, ..base.clone() }, &[0], OnInvalid::Raise).unwrap_err();
    assert_eq!(e.field, "radiator_temp_k");
    // Exactly long enough, or longer, is fine.
    let four = [100.0; 4];
    assert!(evaluate_batch(&s, &pr, &BatchInput { design: [None, Some(Column::slice(&four)), None, None, None], ..base.clone() }, &[0], OnInvalid::Raise).is_ok());
    let e = evaluate_batch(&s, &pr, &BatchInput { radiator_temp_k: Some(Column::Scalar(300.0)), ..base.clone() }, &[0], OnInvalid::Raise).unwrap_err();
    assert_eq!(e.field, "radiator_temp_k");
    for k in [0usize, 1, 4] {
        let mut design = [None; 5];
        design[k] = Some(Column::Scalar(1.0));
        let e = evaluate_batch(&s, &pr, &BatchInput { design, sized: true, ..base.clone() }, &[0], OnInvalid::Raise).unwrap_err();
        assert_eq!(e.field, orbitflops_core::scenario::DESIGN_FIELDS[k]);
    }
    let e = evaluate_batch(&s, &pr, &base, &[N_OUTPUTS], OnInvalid::Raise).unwrap_err();
    assert_eq!(e.field, "outputs");
    assert!(evaluate_batch(&s, &pr, &base, &[N_OUTPUTS - 1], OnInvalid::Raise).is_ok());
}

#[test]
fn per_design_assumptions_match_scenarios_with_those_values() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let n = 2100;
    let (area, rad, racks, spares) = designs(n);
    let price: Vec<f64> = (0..n).map(|i| 100.0 + (i % 50) as f64 * 60.0).collect();
    let alt: Vec<f64> = (0..n).map(|i| 450e3 + (i % 7) as f64 * 100e3).collect();
    let pi = Params::index_of("launch_price_usd_per_kg").unwrap();
    let ai = Params::index_of("altitude_m").unwrap();
    let all: Vec<usize> = (0..N_OUTPUTS).collect();
    for (overrides, orbit) in [(vec![(pi, Column::slice(&price))], false), (vec![(ai, Column::slice(&alt)), (pi, Column::Scalar(700.0))], true)] {
        let input = BatchInput { len: n, design: [Some(Column::slice(&area)), Some(Column::slice(&rad)), Some(Column::slice(&racks)), Some(Column::slice(&spares)), None], overrides, sized: false, radiator_temp_k: None };
        let out = evaluate_batch(&s, &pr, &input, &all, OnInvalid::Raise).unwrap();
        for i in (0..n).step_by(97).chain([n - 1]) {
            let mut si = s.clone();
            if orbit {
                si.set_param("altitude_m", alt[i]).unwrap();
                si.set_param("launch_price_usd_per_kg", 700.0).unwrap();
            } else {
                si.set_param("launch_price_usd_per_kg", price[i]).unwrap();
            }
            let d = Design { array_area_m2: area[i], radiator_area_m2: rad[i], racks: racks[i], spare_racks: spares[i], battery_energy_j: None };
            let want = evaluate(&si, &d).unwrap();
            for j in 0..N_OUTPUTS {
                assert!(same(out.columns[j][i], want.as_slice()[j]), "{} of design {i}", OUTPUTS[j].name);
            }
        }
    }
}

#[test]
fn invalid_assumptions_get_their_reason_code() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let n = 10;
    let ai = Params::index_of("altitude_m").unwrap();
    let ci = Params::index_of("chip_temp_max_k").unwrap();
    let mut alt = vec![550e3; n];
    alt[3] = 50e3; // below the lowest altitude
    alt[6] = 7000e3; // no sun-synchronous inclination
    let mut chip = vec![360.0; n];
    chip[8] = 10.0; // radiator limit below the sink
    chip[4] = -1.0; // a temperature below 0 K
    let mut racks = vec![3.0; n];
    racks[1] = 0.5; // a design value, checked before the assumptions
    let input = BatchInput { len: n, design: [None, None, Some(Column::slice(&racks)), None, None], overrides: vec![(ai, Column::slice(&alt)), (ci, Column::slice(&chip))], sized: false, radiator_temp_k: None };
    let out = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Nan).unwrap();
    for i in 0..n {
        let want = match i {
            1 => 3,
            3 => PARAM_REASON_BASE + ai as u16,
            4 => PARAM_REASON_BASE + ci as u16,
            6 | 8 => RELATION_REASON,
            _ => 0,
        };
        assert_eq!(out.reason[i], want, "row {i}");
        assert_eq!(out.valid[i], want == 0);
        assert_eq!(out.columns[0][i].is_nan(), want != 0);
    }
    // Raise: the first bad row, whatever its kind; then, once it is fixed, the next.
    let e = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("racks", Some(1)));
    let fixed = |v: &[f64], i: usize, x: f64| -> Vec<f64> { v.iter().enumerate().map(|(j, &a)| if j == i { x } else { a }).collect() };
    let (racks2, alt2, chip2) = (fixed(&racks, 1, 3.0), fixed(&alt, 3, 550e3), fixed(&chip, 4, 360.0));
    let mut input = BatchInput { design: [None, None, Some(Column::slice(&racks2)), None, None], ..input };
    let e = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("altitude_m", Some(3)));
    input.overrides = vec![(ai, Column::slice(&alt2)), (ci, Column::slice(&chip))];
    let e = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("chip_temp_max_k", Some(4)));
    input.overrides = vec![(ai, Column::slice(&alt2)), (ci, Column::slice(&chip2))];
    let e = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("altitude_m", Some(6)));
}

#[test]
fn validity_alone_over_several_chunks() {
    // No output selected: the call still checks every row (and only those rows) and returns the
    // mask and the reasons, over a last chunk shorter than the others.
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let n = 2100;
    let pi = Params::index_of("launch_price_usd_per_kg").unwrap();
    let mut price = vec![500.0; n];
    price[2090] = -1.0;
    let racks = vec![2.0; n];
    let input = BatchInput { len: n, design: [None, None, Some(Column::slice(&racks)), None, None], overrides: vec![(pi, Column::slice(&price))], sized: false, radiator_temp_k: None };
    let out = evaluate_batch(&s, &pr, &input, &[], OnInvalid::Nan).unwrap();
    assert!(out.columns.is_empty());
    assert_eq!((out.valid.len(), out.reason.len()), (n, n));
    for i in 0..n {
        assert_eq!(out.valid[i], i != 2090);
        assert_eq!(out.reason[i], if i == 2090 { PARAM_REASON_BASE + pi as u16 } else { 0 });
    }
    let e = evaluate_batch(&s, &pr, &input, &[], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("launch_price_usd_per_kg", Some(2090)));
}

#[test]
fn sized_batches_match_size_then_evaluate() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let n = 40;
    let racks: Vec<f64> = (0..n).map(|i| 1.0 + (i % 13) as f64).collect();
    let temps: Vec<f64> = (0..n).map(|i| if i == 7 { 50.0 } else { 260.0 + (i % 5) as f64 * 5.0 }).collect();
    let all: Vec<usize> = (0..N_OUTPUTS).collect();
    for t in [None, Some(Column::slice(&temps))] {
        let input = BatchInput { len: n, design: [None, None, Some(Column::slice(&racks)), Some(Column::Scalar(1.0)), None], overrides: vec![], sized: true, radiator_temp_k: t };
        let out = evaluate_batch(&s, &pr, &input, &all, OnInvalid::Nan).unwrap();
        for i in 0..n {
            let ti = t.map(|_| temps[i]);
            match size(&pr, racks[i], 1.0, ti) {
                Ok(d) => {
                    assert_eq!(out.reason[i], 0);
                    let want = model::evaluate_prepared(&pr, &d);
                    for j in 0..N_OUTPUTS {
                        assert!(same(out.columns[j][i], want.as_slice()[j]), "{} of design {i}", OUTPUTS[j].name);
                    }
                }
                Err(_) => {
                    assert_eq!(out.reason[i], SIZING_REASON, "design {i}");
                    assert!(!out.valid[i] && out.columns[0][i].is_nan());
                }
            }
        }
        if t.is_some() {
            assert_eq!(out.reason[7], SIZING_REASON);
            let e = evaluate_batch(&s, &pr, &input, &all, OnInvalid::Raise).unwrap_err();
            assert_eq!((e.field.as_str(), e.index), ("radiator_temp_k", Some(7)));
        }
    }
}

#[test]
fn sizing_closes_every_margin() {
    for toml in ["", "[power]\nstrategy = \"throttle\"\n", "[orbit]\nltan_h = 9.0\n[solar]\npointing = \"one_axis\"\n[thermal]\norientation = \"nadir\"\n"] {
        let s = Scenario::from_toml_str(toml).unwrap();
        let pr = Prepared::new(&s).unwrap();
        for racks in [1.0, 6.0, 25.0] {
            let d = size(&pr, racks, 2.0, None).unwrap();
            assert_eq!((d.racks, d.spare_racks, d.battery_energy_j), (racks, 2.0, None));
            let out = model::evaluate_prepared(&pr, &d);
            assert!(out.power_margin_w.abs() <= 1e-9 * out.array_power_required_w, "{toml}: {}", out.power_margin_w);
            assert!(out.thermal_margin_k.abs() <= 1e-9 * out.radiator_temp_max_k);
            assert!(out.dod_margin.abs() <= 1e-12);
            assert_eq!((out.power_derate, out.thermal_derate), (1.0, 1.0));
            assert_eq!(out.radiator_area_m2, out.radiator_area_required_m2);
            // 1 % less array or radiator: the margin goes negative and compute is derated.
            let small = model::evaluate_prepared(&pr, &Design { array_area_m2: 0.99 * d.array_area_m2, ..d });
            assert!(small.power_margin_w < 0.0 && small.power_derate < 1.0 && small.power_derate > 0.9);
            let hot = model::evaluate_prepared(&pr, &Design { radiator_area_m2: 0.99 * d.radiator_area_m2, ..d });
            assert!(hot.thermal_margin_k < 0.0 && hot.thermal_derate < 1.0 && hot.thermal_derate > 0.9);
            // A cooler radiator is larger and runs at the temperature asked for.
            let t = out.radiator_temp_max_k - 20.0;
            let cool = size(&pr, racks, 2.0, Some(t)).unwrap();
            assert!(cool.radiator_area_m2 > d.radiator_area_m2);
            let o = model::evaluate_prepared(&pr, &cool);
            assert!((o.radiator_temp_k - t).abs() < 1e-9 * t, "{} vs {t}", o.radiator_temp_k);
            // At the limit itself, the smallest radiator.
            let at = size(&pr, racks, 2.0, Some(out.radiator_temp_max_k)).unwrap();
            assert!((at.radiator_area_m2 - d.radiator_area_m2).abs() <= 1e-12 * d.radiator_area_m2);
        }
    }
}

/// The four normalised margins of docs/model.md, "Constraints": power over the requirement,
/// depth of discharge over the allowed one, thermal over the radiator limit, mass over the
/// launch capacity.
fn normalised_margins(s: &Scenario, o: &orbitflops_core::Outputs) -> [f64; 4] {
    let capacity = s.params.max_launches * o.launcher_payload_to_orbit_kg;
    [
        if o.array_power_required_w.is_finite() { o.power_margin_w / o.array_power_required_w } else { f64::NEG_INFINITY },
        o.dod_margin / o.battery_dod_allowed,
        o.thermal_margin_k / o.radiator_temp_max_k,
        o.mass_margin_kg / capacity,
    ]
}

#[test]
fn binding_constraint_is_the_smallest_normalised_margin() {
    // docs/model.md, "Constraints": the binding constraint is the smallest normalised margin, the
    // first on a tie; feasible when every one is >= -1e-9. Designs over a grid of array,
    // radiator, battery (too small to ample) and racks, so that each margin is the smallest in
    // some of them and the normalisation decides between close ones.
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let mut seen = [0usize; 4];
    for racks in [2.0, 6.0, 9.0, 14.0] {
        let sized = size(&pr, racks, 1.0, None).unwrap();
        let battery = model::evaluate_prepared(&pr, &sized).battery_energy_j;
        for a in [0.8, 0.95, 1.0, 1.3] {
            for r in [0.8, 0.97, 1.0, 1.4] {
                for b in [0.5, 0.9, 1.0, 2.0] {
                    let d = Design { array_area_m2: a * sized.array_area_m2, radiator_area_m2: r * sized.radiator_area_m2, battery_energy_j: Some(b * battery), ..sized };
                    let o = model::evaluate_prepared(&pr, &d);
                    let m = normalised_margins(&s, &o);
                    let mut first = 0;
                    for k in 1..4 {
                        if m[k] < m[first] {
                            first = k;
                        }
                    }
                    assert_eq!(o.binding_constraint, (first + 1) as f64, "racks {racks}, x{a} array, x{r} radiator, x{b} battery: margins {m:?}");
                    assert_eq!(o.feasible == 1.0, m.iter().all(|&v| v >= -1e-9), "{m:?}");
                    seen[first] += 1;
                }
            }
        }
    }
    assert!(seen.iter().all(|&k| k > 0), "every constraint should bind somewhere: {seen:?}");
    // A sized design closes the power, battery and thermal margins together, here exactly: the
    // tie goes to the first of them, power.
    let mut exact = 0;
    for racks in 1..=6 {
        let o = model::evaluate_prepared(&pr, &size(&pr, racks as f64, 0.0, None).unwrap());
        if o.power_margin_w == 0.0 && o.dod_margin == 0.0 && o.mass_margin_kg > 0.0 {
            assert_eq!(o.binding_constraint, 1.0, "racks {racks}");
            exact += 1;
        }
    }
    assert!(exact > 0, "no sized design had exactly zero power and battery margins");
}

#[test]
fn sizing_refuses_what_cannot_be_sized() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let limit = pr.radiator_limit_k;
    for t in [limit * 1.001, 0.0, -5.0, f64::NAN, f64::INFINITY] {
        let e = size(&pr, 4.0, 0.0, Some(t)).unwrap_err();
        assert_eq!(e.field, "radiator_temp_k", "{t}");
        assert!(e.reason.contains("above 0 K and at most the radiator limit"), "{t}: {}", e.reason);
    }
    // Colder than the environment alone holds the radiator.
    let e = size(&pr, 4.0, 0.0, Some(30.0)).unwrap_err();
    assert_eq!(e.field, "radiator_temp_k");
    assert!(e.reason.contains("too cold"));
    assert_eq!(size(&pr, 0.5, 0.0, None).unwrap_err().field, "racks");
    assert_eq!(size(&pr, 2.0, -1.0, None).unwrap_err().field, "spare_racks");
    // Cells so hot for their temperature coefficient that the array gives nothing.
    let dead = Scenario::from_toml_str("[solar]\ncell_temp_coeff_per_k = -0.05\ncell_ref_temp_k = 250.0\n").unwrap();
    let e = size(&Prepared::new(&dead).unwrap(), 4.0, 0.0, None).unwrap_err();
    assert_eq!(e.field, "array_area_m2");
    // An environment hotter than the radiator limit: no radiator at the limit suffices.
    let hot = Scenario::from_toml_str("[thermal]\nchip_temp_max_k = 200.0\ncold_plate_dt_k = 1.0\ncoolant_loop_dt_k = 1.0\n").unwrap();
    let e = size(&Prepared::new(&hot).unwrap(), 4.0, 0.0, None).unwrap_err();
    assert_eq!(e.field, "radiator_temp_max_k");
}

#[test]
fn raise_reports_the_first_bad_row_when_several_chunks_have_one() {
    // Chunks of 2,048 rows are checked in parallel and their first bad rows combined: with bad
    // rows in the second and third chunks, `raise` names the one in the second (row 2,100), for
    // an invalid per-design assumption and for a design that cannot be sized.
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let n = 2 * 2048 + 300;
    let pi = Params::index_of("launch_price_usd_per_kg").unwrap();
    let mut price = vec![500.0; n];
    price[2100] = -1.0;
    price[4200] = -2.0;
    let racks = vec![2.0; n];
    let input = BatchInput { len: n, design: [None, None, Some(Column::slice(&racks)), None, None], overrides: vec![(pi, Column::slice(&price))], sized: false, radiator_temp_k: None };
    let e = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("launch_price_usd_per_kg", Some(2100)));
    // Sized designs: a radiator asked to run at 50 K cannot reject the heat (no area is large
    // enough), at rows 2,100 and 4,200.
    let mut temps = vec![280.0; n];
    temps[2100] = 50.0;
    temps[4200] = 50.0;
    let input = BatchInput { len: n, design: [None, None, Some(Column::slice(&racks)), Some(Column::Scalar(1.0)), None], overrides: vec![], sized: true, radiator_temp_k: Some(Column::slice(&temps)) };
    let e = evaluate_batch(&s, &pr, &input, &[out_idx::capex_usd], OnInvalid::Raise).unwrap_err();
    assert_eq!((e.field.as_str(), e.index), ("radiator_temp_k", Some(2100)));
}
