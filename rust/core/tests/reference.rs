//! Core-level reference values (sources in each test) and invariants, without Python.

use orbitflops_core::orbit::{self, Shadow};
use orbitflops_core::{evaluate, model, size, Design, Prepared, Scenario};

const AU: f64 = 1.495978707e11;

#[test]
fn period_and_eclipse_400_km() {
    // MODEL.md sec. 1 (Gilmore vol. 1 ch. 2): 92.56 min, f = 0.3901 at 400 km, beta 0.
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
        let d = size(&pr, racks, 1.0).unwrap();
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
