//! Whole evaluations at points where docs/model.md gives the answer by hand: the binding
//! constraint when two margins are -inf, the worst-case conditions kept for sizing (the
//! Pareto-maximal ones), an array that sees no Sun, the power derate against its definition
//! (the largest compute fraction whose requirement the array meets, found by bisection), and
//! failures without spares from lambda L = 1e-9 to 30 at full precision.

use orbitflops_core::model::Condition;
use orbitflops_core::{evaluate, model, size, Design, Prepared, Scenario};

fn prepared(toml: &str) -> (Scenario, Prepared) {
    let s = Scenario::from_toml_str(toml).unwrap_or_else(|e| panic!("{toml}: {e}"));
    let pr = Prepared::new(&s).unwrap();
    (s, pr)
}

/// The normalised margins of docs/model.md, "Constraints", from the margins an evaluation reports
/// (power: -inf when the requirement is infinite).
fn normalised(o: &orbitflops_core::Outputs) -> [f64; 4] {
    let capacity = o.mass_margin_kg + o.mass_total_kg;
    let power = if o.array_power_required_w.is_finite() { o.power_margin_w / o.array_power_required_w } else { f64::NEG_INFINITY };
    [power, o.dod_margin / o.battery_dod_allowed, o.thermal_margin_k / o.radiator_temp_max_k, o.mass_margin_kg / capacity]
}

#[test]
fn binding_constraint_is_the_first_on_a_tie() {
    // A launcher whose upper stage cannot reach the orbit carries nothing: capacity 0, so the
    // mass margin -m / 0 normalises to -inf. A given battery of 0 J cannot carry the eclipse
    // load: depth of discharge +inf, margin -inf. Two margins at -inf tie; docs/model.md says the
    // first binds: the battery (2), not the mass (4). (A two-axis array keeps the power
    // requirement finite: a fixed array in this inclined orbit loses the Sun, and its margin
    // would be a third -inf.)
    let (s, _) = prepared(
        "[orbit]\naltitude_m = 4000000.0\nkind = \"inclined\"\ninclination_rad = 1.2\n[solar]\npointing = \"two_axis\"\n[launch]\nlauncher = \"falcon9\"\nlauncher_stage_dry_kg = 20000.0\n",
    );
    let d = Design { array_area_m2: 9000.0, radiator_area_m2: 2500.0, racks: 4.0, spare_racks: 1.0, battery_energy_j: Some(0.0) };
    let o = evaluate(&s, &d).unwrap();
    assert_eq!(o.launcher_payload_to_orbit_kg, 0.0);
    assert_eq!((o.battery_dod, o.dod_margin), (f64::INFINITY, f64::NEG_INFINITY));
    let m = normalised(&o);
    assert_eq!((m[1], m[3]), (f64::NEG_INFINITY, f64::NEG_INFINITY));
    assert!(m[0] > f64::NEG_INFINITY && m[2] > f64::NEG_INFINITY, "{m:?}");
    assert_eq!(o.binding_constraint, 2.0);
    assert_eq!(o.feasible, 0.0);
}

/// No condition is dominated by another (smaller or equal in both g and h): the set
/// `OrbitStats::conditions` is documented to hold the Pareto-maximal conditions only.
fn assert_pareto_maximal(what: &str, c: &[Condition]) {
    assert!(!c.is_empty(), "{what}");
    for (i, a) in c.iter().enumerate() {
        for (j, b) in c.iter().enumerate() {
            if i != j {
                assert!(!(a.g <= b.g && a.h <= b.h), "{what}: condition {i} {a:?} is dominated by {j} {b:?}");
            }
        }
    }
}

#[test]
fn sizing_conditions_are_pareto_maximal() {
    // Sun-synchronous orbits with and without an eclipse season (dawn-dusk and mid-morning), an
    // inclined orbit over every node, an orbit high enough to see no eclipse on most days.
    for toml in [
        "",
        "[orbit]\nltan_h = 10.5\n",
        "[orbit]\nkind = \"inclined\"\ninclination_rad = 0.9\n[solar]\npointing = \"one_axis\"\n",
        "[orbit]\naltitude_m = 3000000.0\n",
        "[solar]\npointing = \"two_axis\"\n",
    ] {
        let (_, pr) = prepared(toml);
        assert_pareto_maximal(toml, &pr.orbit.conditions);
        // More than one condition with no eclipse (g = 0) would mean a dominated one was kept;
        // the sampled year has days without eclipse in each of these orbits.
        assert!(pr.orbit.conditions.iter().filter(|c| c.g == 0.0).count() <= 1, "{toml}: {:?}", pr.orbit.conditions);
    }
}

#[test]
fn an_array_that_loses_the_sun_carries_no_load_even_without_an_eclipse_load() {
    // An array fixed along the orbit normal sees the Sun at sin|beta|; in an inclined orbit beta
    // takes both signs over the year, so on some day it is 0 and the array gives nothing while
    // the orbit is eclipsed. Throttled, with no fixed bus load, nothing is drawn in eclipse, but
    // the sunlit load still needs a finite rating on that day: none exists, the requirement is
    // +inf and nothing can run.
    let (s, pr) = prepared(
        "[orbit]\nkind = \"inclined\"\ninclination_rad = 0.9\n[solar]\npointing = \"fixed_normal\"\n[power]\nstrategy = \"throttle\"\nbus_fixed_w = 0.0\n",
    );
    assert_eq!(pr.orbit.beta_min_rad, 0.0);
    assert_eq!(pr.required_rating(0.0, 1000.0).0, f64::INFINITY);
    let o = evaluate(&s, &Design { array_area_m2: 9000.0, radiator_area_m2: 2500.0, racks: 4.0, spare_racks: 1.0, battery_energy_j: None }).unwrap();
    assert_eq!(o.eclipse_load_w, 0.0);
    assert_eq!(o.array_power_required_w, f64::INFINITY);
    assert_eq!((o.power_derate, o.delivered_flops), (0.0, 0.0));
    assert_eq!(o.binding_constraint, 1.0);
}

#[test]
fn power_derate_is_the_largest_fraction_the_array_carries() {
    // docs/model.md, "Power": an array too small for the full load runs the compute at the
    // largest fraction x whose worst-case requirement (eclipse load e(x), sunlit load d(x)) its
    // end-of-life rating meets. The loads are e = d = P_bus + (1 + f_bus) x P_compute with a
    // battery, and e = P_bus, d = P_bus + (1 + f_bus) x P_compute when throttled. A large fixed
    // bus load makes the eclipsed conditions bind. The oracle: bisection on x over the
    // requirement itself, not the closed form the model uses.
    for toml in [
        "[power]\nstrategy = \"throttle\"\nbus_fixed_w = 10000.0\n",
        "[power]\nstrategy = \"battery\"\nbus_fixed_w = 10000.0\n",
        "[orbit]\nkind = \"inclined\"\ninclination_rad = 0.9\n[solar]\npointing = \"one_axis\"\n[power]\nstrategy = \"throttle\"\nbus_fixed_w = 8000.0\n",
        "[orbit]\nltan_h = 10.5\n[power]\nstrategy = \"throttle\"\nbus_fixed_w = 6000.0\n",
    ] {
        let (_, pr) = prepared(toml);
        let p = &pr.p;
        let throttle = toml.contains("throttle");
        let racks = 6.0;
        let compute_w = racks * p.rack_power_w;
        let sized = size(&pr, racks, 1.0, None).unwrap();
        for share in [0.95, 0.8, 0.6] {
            let d = Design { array_area_m2: share * sized.array_area_m2, ..sized };
            let o = model::evaluate_prepared(&pr, &d);
            let rating = o.array_power_eol_w;
            let need = |x: f64| {
                let day = p.bus_fixed_w + (1.0 + p.bus_fraction) * compute_w * x;
                let ecl = if throttle { p.bus_fixed_w } else { day };
                pr.required_rating(ecl, day).0
            };
            let (mut lo, mut hi) = (0.0, 1.0);
            assert!(need(lo) <= rating && need(hi) > rating, "{toml} {share}");
            for _ in 0..100 {
                let mid = 0.5 * (lo + hi);
                if need(mid) <= rating {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            assert!((o.power_derate - lo).abs() <= 1e-9, "{toml}, {share} of the array: derate {} vs {lo} by bisection", o.power_derate);
        }
    }
}

#[test]
fn failures_at_the_chips_temperature_without_spares() {
    // docs/model.md, "Compute and reliability": without spares, racks fail at the rate lambda
    // (hardware part sped up by the Arrhenius factor at the chips' temperature, plus radiation),
    // so the working fraction at end of life is exp(-lambda L) and the rack-years are
    // n (1 - exp(-lambda L)) / lambda; their present value at a continuous rate rho is
    // n (1 - exp(-(lambda + rho) L)) / (lambda + rho). The chips run away from the reference
    // temperature here, so the rate is not the nominal one.
    let d = |racks: f64| Design { array_area_m2: 9000.0, radiator_area_m2: 2500.0, racks, spare_racks: 0.0, battery_energy_j: None };

    // No failures at all, with the temperature dependence still on: every rack works to the end.
    let (s, _) = prepared("[compute]\nfailure_rate_per_yr = 0.0\nradiation_failure_rate_per_yr = 0.0\n");
    let o = evaluate(&s, &d(5.0)).unwrap();
    assert_eq!(o.failure_rate_effective_per_yr, 0.0);
    assert_eq!(o.working_fraction_eol, 1.0);
    assert_eq!(o.after_failures_flops, o.after_utilisation_flops);

    // Undiscounted, the present value of the FLOP delivered is the FLOP delivered: pv_flop /
    // delivered_flop = PV rack-years / rack-years = 1. The temperature factor does not depend on
    // the failure rate (the chips' temperature follows from the heat load), so the nominal rate
    // is set to give lambda L from 1e-9, where 1 - exp(-lambda L) must be formed without
    // cancellation, to 30, where exp(-lambda L) = 9e-14 must keep its relative precision.
    let scenario = |rate: f64| prepared(&format!("[compute]\nfailure_rate_per_yr = {rate:e}\nradiation_failure_rate_per_yr = 0.0\nfailure_ref_temp_k = 300.0\n[mission]\ndiscount_rate = 0.0\nlifetime_yr = 20.0\n")).0;
    let accel = evaluate(&scenario(0.09), &d(5.0)).unwrap().failure_rate_effective_per_yr / 0.09;
    assert!(accel != 1.0, "the chips should run off the 300 K reference temperature");
    for lam_l in [1e-9, 1e-6, 1e-3, 0.3, 3.0, 30.0] {
        let rate = lam_l / (accel * 20.0);
        assert!(rate <= 100.0, "nominal rate {rate} out of range");
        let s = scenario(rate);
        let o = evaluate(&s, &d(5.0)).unwrap();
        let lam = o.failure_rate_effective_per_yr;
        assert!((lam * 20.0 / lam_l - 1.0).abs() < 1e-12, "lambda L = {} instead of {lam_l}", lam * 20.0);
        // The working fraction exp(-lambda L), to full relative precision even when it is tiny.
        let w = (-lam * 20.0).exp();
        assert!((o.working_fraction_eol - w).abs() <= 1e-13 * w, "lambda L = {lam_l}: {} vs {w}", o.working_fraction_eol);
        assert!((o.pv_flop / o.delivered_flop - 1.0).abs() <= 1e-13, "lambda L = {lam_l}: {}", o.pv_flop / o.delivered_flop);
    }
}
