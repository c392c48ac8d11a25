//! Core-level reference values (sources in each test) and invariants, without Python.

use orbitflops_core::orbit::{self, Shadow};
use orbitflops_core::{evaluate, model, size, Design, Prepared, Scenario};

const AU: f64 = 1.495978707e11;

#[test]
fn period_and_eclipse_400_km() {
    // docs/model.md, "Eclipse fraction" (Gilmore vol. 1 ch. 2): 92.56 min, f = 0.3901 at 400 km,
    // beta 0.
    assert!((orbit::period_s(400e3) / 60.0 - 92.56).abs() < 0.005);
    assert!((orbit::eclipse_fraction(400e3, 0.0, Shadow::Cylindrical, AU) - 0.3901).abs() < 5e-5);
}

#[test]
fn sso_inclination_vallado() {
    // Vallado example 11-2: 98.6 deg at 800 km.
    let i = orbit::sso_inclination_rad(800e3).unwrap().to_degrees();
    assert!((i - 98.6).abs() < 0.05, "{i}");
    assert!(orbit::sso_inclination_rad(7000e3).is_none());
}

#[test]
fn sun_position_almanac() {
    // Astronomical Almanac low-precision Sun: near the March 2000 equinox (JD 2451623.8, 20 March
    // 2000 07:35 UT) the ecliptic longitude is ~0 deg; at 2000-06-21 01:48 UT it is ~90 deg.
    let s = orbit::sun_position(2451623.816);
    let lon = s.ecliptic_longitude_rad.to_degrees().rem_euclid(360.0);
    assert!(lon < 0.05 || lon > 359.95, "{lon}");
    let s = orbit::sun_position(2451716.575);
    assert!((s.ecliptic_longitude_rad.to_degrees().rem_euclid(360.0) - 90.0).abs() < 0.05);
}

#[test]
fn julian_date_of_j2000_year() {
    // Meeus ch. 7: 2000 January 1.0 UT = JD 2451544.5.
    assert_eq!(orbit::julian_date_jan1(2000), 2451544.5);
    assert_eq!(orbit::julian_date_jan1(1987), 2446796.5);
}

#[test]
fn shadow_models_ordered() {
    for k in 0..200 {
        let beta = k as f64 * 0.008;
        let u = orbit::eclipse_fraction(550e3, beta, Shadow::Umbra, AU);
        let c = orbit::eclipse_fraction(550e3, beta, Shadow::Cylindrical, AU);
        let p = orbit::eclipse_fraction(550e3, beta, Shadow::Penumbra, AU);
        assert!(u <= c + 1e-15 && c <= p + 1e-15);
        assert!((0.0..0.5).contains(&p));
    }
}

#[test]
fn default_scenario_and_size_are_consistent() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    for racks in [1.0, 4.0, 17.0] {
        let d = size(&pr, racks, 1.0, None).unwrap();
        let out = model::evaluate_prepared(&pr, &d);
        assert!(out.power_margin_w.abs() <= 1e-9 * out.array_power_required_w);
        assert!(out.thermal_margin_k.abs() <= 1e-9 * out.radiator_temp_max_k);
        assert!(out.cost_per_flop_usd.is_finite() && out.cost_per_flop_usd > 0.0);
        for v in out.as_slice() {
            assert!(!v.is_nan());
        }
    }
}

#[test]
fn toml_round_trip_and_errors() {
    let mut s = Scenario::default();
    s.set_choice("cell", "gaas_tj").unwrap();
    s.set_param("altitude_m", 650e3).unwrap();
    let back = Scenario::from_toml_str(&s.to_toml_string()).unwrap();
    assert_eq!(back, s);
    let e = Scenario::from_toml_str("[orbit]\naltitude_m = -5\n").unwrap_err();
    assert_eq!(e.field, "orbit.altitude_m");
    let e = Scenario::from_toml_str("[thermal]\nradiator_sides = 3\n").unwrap_err();
    assert!(e.to_string().contains("radiator_sides"));
}

#[test]
fn invalid_design_is_an_error_not_a_panic() {
    let s = Scenario::default();
    let d = Design { array_area_m2: f64::NAN, ..s.design };
    assert_eq!(evaluate(&s, &d).unwrap_err().field, "array_area_m2");
    let d = Design { racks: 0.0, ..s.design };
    assert_eq!(evaluate(&s, &d).unwrap_err().field, "racks");
}

#[test]
fn sun_position_vallado_example_5_1() {
    // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., example 5-1: on 2 April
    // 2006 00:00 UT (JD 2453827.5) the Sun is at (0.9771945, 0.1924424, 0.0834308) AU in the
    // equatorial frame, which is ecliptic longitude 12.1144 deg (obliquity 23.439 deg), right
    // ascension 11.1409 deg and distance 0.999452 AU.
    let (x, y, z) = (0.9771945_f64, 0.1924424_f64, 0.0834308_f64);
    let s = orbit::sun_position(2453827.5);
    let eps = s.obliquity_rad;
    let lon = (y * eps.cos() + z * eps.sin()).atan2(x);
    assert!((s.ecliptic_longitude_rad.to_degrees().rem_euclid(360.0) - lon.to_degrees()).abs() < 0.005);
    assert!((s.right_ascension_rad - y.atan2(x)).to_degrees().abs() < 0.005);
    let r_au = (x * x + y * y + z * z).sqrt();
    assert!((s.distance_m / AU - r_au).abs() < 1e-5, "{}", s.distance_m / AU);
}

#[test]
fn more_array_never_less_power_more_radiator_never_hotter() {
    // Without the temperature dependence of failures: with it, a design whose array is too small
    // (infeasible) runs derated and cooler, and its chips fail less.
    let mut s = Scenario::default();
    s.params.failure_activation_energy_ev = 0.0;
    let pr = Prepared::new(&s).unwrap();
    let base = s.design;
    let mut last_power = f64::NEG_INFINITY;
    let mut last_delivered = f64::NEG_INFINITY;
    for k in 1..200 {
        let d = Design { array_area_m2: 100.0 * k as f64, ..base };
        let out = model::evaluate_prepared(&pr, &d);
        assert!(out.array_power_worst_w >= last_power);
        assert!(out.delivered_flops >= last_delivered * (1.0 - 1e-15));
        last_power = out.array_power_worst_w;
        last_delivered = out.delivered_flops;
    }
    let mut last_temp = f64::INFINITY;
    for k in 1..200 {
        let d = Design { radiator_area_m2: 25.0 * k as f64, ..base };
        let out = model::evaluate_prepared(&pr, &d);
        assert!(out.radiator_temp_k <= last_temp);
        last_temp = out.radiator_temp_k;
    }
}

#[test]
fn breakeven_launch_price_equalises_orbit_and_ground() {
    // At the reported break-even launch price the orbit/ground cost-per-FLOP ratio is 1. Costly
    // ground power and facilities, cheap space hardware, so that the break-even price is positive.
    let mut s = Scenario::default();
    for (k, v) in [("electricity_price_usd_per_kwh", 0.3), ("ground_capex_usd_per_w", 50.0), ("pue", 1.4), ("bus_cost_usd_per_kg", 500.0), ("failure_rate_per_yr", 0.02), ("array_cost_usd_per_w", 5.0), ("max_launches", 100.0)] {
        s.set_param(k, v).unwrap();
    }
    let pr = Prepared::new(&s).unwrap();
    let d = size(&pr, 8.0, 1.0, None).unwrap();
    let out = model::evaluate_prepared(&pr, &d);
    let p = out.breakeven_launch_usd_per_kg;
    assert!(p > 0.0 && p.is_finite(), "{p}");
    s.set_param("launch_price_usd_per_kg", p).unwrap();
    let out2 = evaluate(&s, &d).unwrap();
    assert!((out2.cost_ratio - 1.0).abs() < 1e-9, "{}", out2.cost_ratio);
}

/// Configuration factor from a plate to the Earth by midpoint quadrature over the plate's
/// hemisphere: F = (1/pi) * integral of cos(theta) over the directions that hit the sphere (the
/// definition of a differential-area-to-surface factor; Howell's catalogue, introduction).
fn view_factor_quadrature(altitude_m: f64, normal_from_nadir_rad: f64) -> f64 {
    use std::f64::consts::PI;
    let r_e = 6378137.0;
    let cone = (r_e / (r_e + altitude_m)).asin();
    let (nt, np) = (600, 1200);
    let (dt, dp) = (0.5 * PI / nt as f64, 2.0 * PI / np as f64);
    // Plate normal n = (sin g, 0, cos g) with nadir along +z.
    let (sg, cg) = normal_from_nadir_rad.sin_cos();
    let cos_cone = cone.cos();
    let mut sum = 0.0;
    for i in 0..nt {
        let t = (i as f64 + 0.5) * dt;
        let (st, ct) = t.sin_cos();
        for j in 0..np {
            let p = (j as f64 + 0.5) * dp;
            // Cosine between the direction (theta from the plate normal) and nadir.
            let nadir_cos = -sg * st * p.cos() + cg * ct;
            if nadir_cos > cos_cone {
                sum += ct * st * dt * dp;
            }
        }
    }
    sum / PI
}

#[test]
fn earth_view_factor_matches_quadrature() {
    for h in [300e3, 550e3, 1200e3] {
        for g_deg in [0.0_f64, 30.0, 60.0, 80.0, 90.0, 100.0, 120.0, 150.0] {
            let exact = orbit::earth_view_factor(h, g_deg.to_radians());
            let num = view_factor_quadrature(h, g_deg.to_radians());
            assert!((exact - num).abs() < 2e-3, "h {h} g {g_deg}: {exact} vs {num}");
        }
    }
}

#[test]
fn eclipse_fraction_invariants_on_a_grid() {
    for shadow in [Shadow::Umbra, Shadow::Cylindrical, Shadow::Penumbra] {
        for h in [200e3, 550e3, 1000e3, 2000e3, 20_000e3] {
            let bstar = orbit::beta_star_rad(h);
            let mut last = f64::INFINITY;
            for k in 0..=400 {
                let b = k as f64 * std::f64::consts::FRAC_PI_2 / 400.0;
                let f = orbit::eclipse_fraction(h, b, shadow, AU);
                assert!((0.0..0.5).contains(&f));
                assert_eq!(f, orbit::eclipse_fraction(h, -b, shadow, AU));
                assert!(f <= last);
                if b > bstar + 0.01 {
                    assert_eq!(f, 0.0, "{shadow:?} h {h} beta {b}");
                }
                last = f;
            }
        }
    }
}

/// Ownership of an asset over a study: bought at 0, again at k T < L, discounted at
/// rho = ln(1 + r), less the unused fraction of the last set at L (straight-line residual value).
/// Expected values written out by hand from those cash flows.
#[test]
fn ownership_present_value_factor() {
    use orbitflops_core::economics::ownership_pv_factor;
    let r: f64 = 0.08;
    let rho = r.ln_1p();
    // 12-year study, 4-year life: purchases at 0, 4, 8; the last is used up exactly at 12.
    let f = ownership_pv_factor(rho, 4.0, 12.0);
    assert!((f - (1.0 + (1.0 + r).powf(-4.0) + (1.0 + r).powf(-8.0))).abs() < 1e-14);
    // 6-year study, 5-year life: purchases at 0 and 5; 4 of the second set's 5 years unused.
    let f = ownership_pv_factor(rho, 5.0, 6.0);
    assert!((f - (1.0 + (1.0 + r).powf(-5.0) - 0.8 * (1.0 + r).powf(-6.0))).abs() < 1e-14);
    assert_eq!(ownership_pv_factor(rho, 5.0, 5.0), 1.0);
    // A 15-year facility in a 5-year study: 10/15 of it is credited back at year 5.
    let f = ownership_pv_factor(rho, 15.0, 5.0);
    assert!((f - (1.0 - (10.0 / 15.0) * (1.0 + r).powf(-5.0))).abs() < 1e-14);
    // Continuous as the study passes a replacement date.
    let a = ownership_pv_factor(rho, 5.0, 5.0 + 1e-9);
    assert!((a - 1.0).abs() < 1e-9);
}
