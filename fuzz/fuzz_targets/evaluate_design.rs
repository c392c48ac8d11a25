//! One design on a scenario with arbitrary parameter values and choices: `evaluate` and `size`
//! return a result or an error, never panic; a valid input never gives NaN, and inf only where
//! documented; a sized design is feasible.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orbitflops_core::scenario::{CHOICE_KEYS, DESIGN_FIELDS};
use orbitflops_core::{evaluate, size, Design, Prepared, Scenario, PARAMS};

#[path = "common.rs"]
mod common;
use common::Reader;

const CHOICES: [&[&str]; 9] = [
    &["sso", "inclined"],
    &["penumbra", "cylindrical", "umbra"],
    &["silicon_thin", "gaas_triple", "perovskite", "nope"],
    &["fixed_normal", "sun_tracking", "single_axis", "fixed"],
    &["battery", "throttle"],
    &["white_paint", "osr", "silver_teflon"],
    &["edge_on", "earth_facing", "sun_facing"],
    &["gb200_nvl72", "h100"],
    &["falcon_heavy", "starship", "falcon_9"],
];

fuzz_target!(|data: &[u8]| {
    let mut r = Reader(data);
    let mut s = Scenario::default();
    let Some(n_changes) = r.byte() else { return };
    for _ in 0..n_changes % 8 {
        let Some(b) = r.byte() else { return };
        if b & 0x80 != 0 {
            let k = (b as usize & 0x7f) % CHOICE_KEYS.len();
            let Some(c) = r.byte() else { return };
            let names = CHOICES[k];
            let _ = s.set_choice(CHOICE_KEYS[k].1, names[c as usize % names.len()]);
        } else {
            let i = b as usize % PARAMS.len();
            let Some(v) = r.f64(PARAMS[i].default.abs().max(1e-3)) else { return };
            s.params.set(i, v);
        }
    }
    let base = Design::default();
    let typical = [base.array_area_m2, base.radiator_area_m2, 1.0, 1.0, 1e9];
    let mut vals = [0.0; 5];
    for (k, v) in vals.iter_mut().enumerate() {
        let Some(x) = r.f64(typical[k].max(1.0)) else { return };
        *v = x;
    }
    let batt = if r.byte().unwrap_or(0) & 1 == 0 { None } else { Some(vals[4]) };
    let d = Design { array_area_m2: vals[0], radiator_area_m2: vals[1], racks: vals[2], spare_racks: vals[3], battery_energy_j: batt };
    let valid = s.validate().is_ok();
    match evaluate(&s, &d) {
        Ok(o) => {
            assert!(valid && d.validate().is_ok(), "evaluate accepted an invalid input: {s:?} {d:?}");
            common::check_all(o.as_slice(), &(&s.params, &d, DESIGN_FIELDS));
        }
        Err(_) => {}
    }
    if let Ok(pr) = Prepared::new(&s) {
        assert!(valid, "Prepared::new accepted an invalid scenario: {s:?}");
        if let Ok(sized) = size(&pr, vals[2], vals[3], None) {
            for (name, v) in [("array_area_m2", sized.array_area_m2), ("radiator_area_m2", sized.radiator_area_m2)] {
                assert!(v.is_finite() && v >= 0.0, "size gave {name} = {v}: {s:?}");
            }
            if sized.validate().is_ok() {
                let o = evaluate(&s, &sized).expect("a sized design is a valid design");
                common::check_all(o.as_slice(), &(&s.params, &sized));
            }
        }
    }
});
