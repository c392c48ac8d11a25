//! The physics and economics functions one by one, against published values (source in each
//! test), values derived by hand from the cited formula (the arithmetic in the comment), physical
//! identities (energy conservation, inverse relations) and independent oracles (bisection on the
//! exact geometry, numerical integration of the defining integral).

use orbitflops_core::compute::{self, Survival};
use orbitflops_core::constants::{AU_M, MU_EARTH_M3_S2, OBLIQUITY_RAD, R_EARTH_M, R_SUN_M, SIGMA_W_M2_K4, YEAR_S};
use orbitflops_core::orbit::{self, Shadow};
use orbitflops_core::power::{self, EclipseStrategy};
use orbitflops_core::scenario::{OrbitKind, SpacecraftModel};
use orbitflops_core::solar::{self, Pointing};
use orbitflops_core::thermal::{self, RadiatorOrientation};
use orbitflops_core::{economics, launch, mass};
use std::f64::consts::{FRAC_PI_2, PI};

fn close(actual: f64, expected: f64, rel: f64) -> bool {
    (actual - expected).abs() <= rel * expected.abs()
}

macro_rules! assert_close {
    ($a:expr, $e:expr, $rel:expr) => {{
        let (a, e): (f64, f64) = ($a, $e);
        assert!(close(a, e, $rel), "{} = {a}, expected {e} (relative tolerance {})", stringify!($a), $rel);
    }};
}

// ---------------------------------------------------------------------------------------------
// Names of the choices.

#[test]
fn choice_names_round_trip_and_reject_unknown_names() {
    for (i, n) in Shadow::NAMES.iter().enumerate() {
        let s = Shadow::from_name(n).unwrap();
        assert_eq!(s.name(), *n);
        assert_eq!(s as usize, i);
    }
    for n in Pointing::NAMES {
        assert_eq!(Pointing::from_name(n).unwrap().name(), n);
    }
    for n in EclipseStrategy::NAMES {
        assert_eq!(EclipseStrategy::from_name(n).unwrap().name(), n);
    }
    for n in RadiatorOrientation::NAMES {
        assert_eq!(RadiatorOrientation::from_name(n).unwrap().name(), n);
    }
    for n in OrbitKind::NAMES {
        assert_eq!(OrbitKind::from_name(n).unwrap().name(), n);
    }
    for n in SpacecraftModel::NAMES {
        assert_eq!(SpacecraftModel::from_name(n).unwrap().name(), n);
    }
    assert_eq!(Shadow::from_name("umbra"), Some(Shadow::Umbra));
    assert_eq!(Pointing::from_name("fixed_normal"), Some(Pointing::FixedNormal));
    assert_eq!(EclipseStrategy::from_name("throttle"), Some(EclipseStrategy::Throttle));
    assert_eq!(RadiatorOrientation::from_name("nadir"), Some(RadiatorOrientation::Nadir));
    assert!(Shadow::from_name("").is_none() && Shadow::from_name("Umbra").is_none());
    assert!(Pointing::from_name("two-axis").is_none());
    assert!(EclipseStrategy::from_name("sleep").is_none());
    assert!(RadiatorOrientation::from_name("zenith").is_none());
}

// ---------------------------------------------------------------------------------------------
// Orbit.

#[test]
fn circular_orbit_period_and_speed() {
    // docs/model.md (Gilmore vol. 1 ch. 2): 92.56 min at 400 km. Speed sqrt(mu / a) at 400 km,
    // a = 6,778,137 m: 7,668.56 m/s (the ISS's quoted 7.66 km/s).
    assert!((orbit::period_s(400e3) / 60.0 - 92.560).abs() < 5e-4);
    assert!((orbit::orbital_speed_m_s(400e3) - 7668.558).abs() < 1e-3);
    // Independent identity: one period at the orbital speed covers the circumference 2 pi a.
    for h in [200e3, 550e3, 1200e3, 35_786e3] {
        let a = R_EARTH_M + h;
        assert_close!(orbit::period_s(h) * orbit::orbital_speed_m_s(h), 2.0 * PI * a, 1e-14);
        // Kepler's third law: T^2 / a^3 = 4 pi^2 / mu.
        assert_close!(orbit::period_s(h).powi(2) / a.powi(3), 4.0 * PI * PI / MU_EARTH_M3_S2, 1e-13);
    }
    // Geostationary altitude (35,786 km): one sidereal day, 86,164 s.
    assert!((orbit::period_s(35_786e3) - 86_164.0).abs() < 5.0);
}

#[test]
fn j2_nodal_regression() {
    // ISS-like orbit, 400 km at 51.6 deg: -(3/2) n J2 (R/a)^2 cos i = -5.00 deg/day, the nodal
    // regression of about 5 deg per day westward quoted for the ISS.
    let rate = orbit::nodal_rate_rad_s(400e3, 51.6_f64.to_radians());
    assert!((rate.to_degrees() * 86_400.0 - (-5.0023)).abs() < 1e-3, "{}", rate.to_degrees() * 86_400.0);
    // A polar orbit does not precess; a retrograde one precesses eastward.
    assert!(orbit::nodal_rate_rad_s(550e3, FRAC_PI_2).abs() < 1e-20);
    assert!(orbit::nodal_rate_rad_s(550e3, 1.7) > 0.0);
    // The sun-synchronous inclination is the one whose node follows the mean Sun, 2 pi per year.
    for h in [300e3, 550e3, 800e3, 1500e3, 4000e3] {
        let i = orbit::sso_inclination_rad(h).unwrap();
        assert_close!(orbit::nodal_rate_rad_s(h, i), 2.0 * PI / YEAR_S, 1e-12);
        assert_close!(orbit::sso_cos_inclination(h), i.cos(), 1e-12);
    }
}

#[test]
fn sun_synchronous_inclination() {
    // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., example 11-2: 98.6 deg at
    // 800 km. Starlink's sun-synchronous shells at 550-560 km fly 97.6 deg.
    assert!((orbit::sso_inclination_rad(800e3).unwrap().to_degrees() - 98.603).abs() < 1e-3);
    assert!((orbit::sso_inclination_rad(550e3).unwrap().to_degrees() - 97.593).abs() < 1e-3);
    // No sun-synchronous orbit above about 5,970 km (cos i would pass -1).
    assert!(orbit::sso_inclination_rad(5_900e3).is_some());
    assert!(orbit::sso_inclination_rad(6_100e3).is_none());
    assert!(orbit::sso_cos_inclination(6_100e3) < -1.0);
    assert!(orbit::sso_cos_inclination(5_900e3) > -1.0);
}

#[test]
fn beta_angle_in_special_geometries() {
    // sin beta = cos G sin O sin i - sin G cos eps cos O sin i + sin G sin eps cos i.
    let eps = OBLIQUITY_RAD;
    // Polar orbit whose plane contains the Sun (node towards the Sun at the equinox): beta = 0.
    assert!(orbit::beta_angle_rad(FRAC_PI_2, 0.0, 0.0).abs() < 1e-15);
    // Polar orbit whose normal points at the equinox Sun: beta = 90 deg.
    assert!((orbit::beta_angle_rad(FRAC_PI_2, FRAC_PI_2, 0.0) - FRAC_PI_2).abs() < 1e-7);
    // Equatorial orbit at the June solstice: the Sun is the obliquity above the plane.
    assert!((orbit::beta_angle_rad(0.0, 0.3, FRAC_PI_2) - eps).abs() < 1e-15);
    // Polar orbit with its node at the equinox direction, June solstice: sin beta = -cos eps.
    assert!((orbit::beta_angle_rad(FRAC_PI_2, 0.0, FRAC_PI_2) - (-(FRAC_PI_2 - eps))).abs() < 1e-12);
    // The same with an explicit obliquity of zero: the Sun in the equator, along the normal.
    assert!((orbit::beta_angle_eps_rad(FRAC_PI_2, 0.0, FRAC_PI_2, 0.0) + FRAC_PI_2).abs() < 1e-7);
    assert!((orbit::beta_angle_eps_rad(0.0, 0.0, FRAC_PI_2, 0.2) - 0.2).abs() < 1e-15);
    // Against the Sun vector and orbit normal built as vectors (an independent computation):
    // sin beta = n . s with n = (sin O sin i, -cos O sin i, cos i) and s = (cos G, sin G cos eps,
    // sin G sin eps).
    for &(i, o, g) in &[(0.9_f64, 1.3_f64, 2.1_f64), (1.7, -0.4, 4.0), (0.2, 3.0, 5.5)] {
        let n = [o.sin() * i.sin(), -o.cos() * i.sin(), i.cos()];
        let s = [g.cos(), g.sin() * eps.cos(), g.sin() * eps.sin()];
        let dot = n[0] * s[0] + n[1] * s[1] + n[2] * s[2];
        assert!((orbit::beta_angle_rad(i, o, g) - dot.asin()).abs() < 1e-14);
    }
}

#[test]
fn beta_star_is_the_earth_disc_half_angle() {
    // asin(6378.137 / 6928.137) = 67.016 deg at 550 km.
    assert!((orbit::beta_star_rad(550e3).to_degrees() - 67.0159).abs() < 1e-4);
}

/// Eclipse fraction by the exact geometry, independent of the cone formulas: the satellite at
/// position angle theta (0 = deepest in shadow) on a circular orbit of radius a with beta angle
/// beta, Sun along +x at distance D. Umbra: the Earth's apparent disc covers the Sun's; penumbra:
/// the discs overlap at all; cylindrical: behind the Earth within R_E of the Earth-Sun axis.
/// The shadowed arc is found by bisection on theta.
fn eclipse_fraction_bisection(altitude_m: f64, beta: f64, shadow: Shadow, d: f64) -> f64 {
    let a = R_EARTH_M + altitude_m;
    let in_shadow = |theta: f64| -> bool {
        let r = [-a * beta.cos() * theta.cos(), a * theta.sin(), a * beta.sin() * theta.cos()];
        match shadow {
            Shadow::Cylindrical => r[0] < 0.0 && r[1] * r[1] + r[2] * r[2] < R_EARTH_M * R_EARTH_M,
            _ => {
                let to_sun = [d - r[0], -r[1], -r[2]];
                let to_earth = [-r[0], -r[1], -r[2]];
                let norm = |v: [f64; 3]| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
                let dot = to_sun[0] * to_earth[0] + to_sun[1] * to_earth[1] + to_sun[2] * to_earth[2];
                let cross = [
                    to_sun[1] * to_earth[2] - to_sun[2] * to_earth[1],
                    to_sun[2] * to_earth[0] - to_sun[0] * to_earth[2],
                    to_sun[0] * to_earth[1] - to_sun[1] * to_earth[0],
                ];
                let sep = norm(cross).atan2(dot);
                let rho_e = (R_EARTH_M / a).asin();
                let rho_s = (R_SUN_M / norm(to_sun)).asin();
                if shadow == Shadow::Umbra {
                    sep + rho_s <= rho_e
                } else {
                    sep < rho_e + rho_s
                }
            }
        }
    };
    if !in_shadow(0.0) {
        return 0.0;
    }
    let (mut lo, mut hi) = (0.0, FRAC_PI_2);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if in_shadow(mid) {
            lo = mid
        } else {
            hi = mid
        }
    }
    0.5 * (lo + hi) / PI
}

#[test]
fn eclipse_fraction_matches_the_exact_geometry() {
    for shadow in [Shadow::Cylindrical, Shadow::Umbra, Shadow::Penumbra] {
        for h in [400e3, 550e3, 2000e3, 20_000e3] {
            for d in [AU_M, 0.9833 * AU_M, 1.0167 * AU_M] {
                let bstar = orbit::beta_star_rad(h);
                for frac in [0.0, 0.3, 0.6, 0.9, 0.99, 1.02, 1.3] {
                    let beta = frac * bstar;
                    let want = eclipse_fraction_bisection(h, beta, shadow, d);
                    let got = orbit::eclipse_fraction(h, beta, shadow, d);
                    assert!((got - want).abs() < 1e-9, "{shadow:?} h {h} beta {beta} d {d}: {got} vs {want}");
                    assert_eq!(got, orbit::eclipse_fraction(h, -beta, shadow, d));
                }
            }
        }
    }
    // The penumbra is wider than the cylinder and the umbra narrower, by the Sun's angular radius
    // at the Earth: at 400 km and beta = 0 the three differ.
    let (u, c, p) = (
        orbit::eclipse_fraction(400e3, 0.0, Shadow::Umbra, AU_M),
        orbit::eclipse_fraction(400e3, 0.0, Shadow::Cylindrical, AU_M),
        orbit::eclipse_fraction(400e3, 0.0, Shadow::Penumbra, AU_M),
    );
    assert!(u < c - 1e-4 && c < p - 1e-4, "{u} {c} {p}");
}

#[test]
fn julian_dates_of_new_year() {
    // Meeus, Astronomical Algorithms, ch. 7: 1600 January 1.0 = JD 2305447.5, 1900 January 0.5
    // = JD 2415020.0 (so January 1.0 = 2415020.5). 2026 January 1.0: J2000's 2451544.5 plus
    // 26 x 365 + 7 leap days (2000, 2004, ..., 2024) = 9,497 days.
    assert_eq!(orbit::julian_date_jan1(1600), 2305447.5);
    assert_eq!(orbit::julian_date_jan1(1900), 2415020.5);
    assert_eq!(orbit::julian_date_jan1(2026), 2461041.5);
    assert_eq!(orbit::julian_date_jan1(2101) - orbit::julian_date_jan1(2100), 365.0);
    assert_eq!(orbit::julian_date_jan1(2001) - orbit::julian_date_jan1(2000), 366.0);
}

#[test]
fn sun_position_at_j2000_and_j2100() {
    // The Astronomical Almanac's low-precision formulae evaluated by hand at n = JD - 2451545.0:
    // n = 0: L = 280.460, g = 357.528, lambda = L + 1.915 sin g + 0.020 sin 2g = 280.37568 deg,
    // alpha = atan2(cos eps sin lambda, cos lambda) = 281.28584 deg, eps = 23.439 deg,
    // R = 1.00014 - 0.01671 cos g - 0.00014 cos 2g = 0.9833061 AU (perihelion in early January).
    let s = orbit::sun_position(2_451_545.0);
    assert!((s.mean_longitude_rad.to_degrees() - 280.460).abs() < 1e-9);
    assert!((s.ecliptic_longitude_rad.to_degrees() - 280.375680).abs() < 1e-6);
    assert!((s.right_ascension_rad.to_degrees().rem_euclid(360.0) - 281.285840).abs() < 1e-6);
    assert!((s.obliquity_rad.to_degrees() - 23.439).abs() < 1e-12);
    assert!((s.distance_m / AU_M - 0.98330607).abs() < 1e-8);
    // n = 36,525 (J2100.0): L = 281.231285, g = 356.578957, lambda = 281.114629 deg,
    // eps = 23.439 - 0.0000004 n = 23.42439 deg, R = 0.98332077 AU.
    let s = orbit::sun_position(2_451_545.0 + 36_525.0);
    assert!((s.mean_longitude_rad.to_degrees() - 281.231285).abs() < 1e-6);
    assert!((s.ecliptic_longitude_rad.to_degrees() - 281.114629).abs() < 1e-6);
    assert!((s.obliquity_rad.to_degrees() - 23.42439).abs() < 1e-9);
    assert!((s.distance_m / AU_M - 0.98332077).abs() < 1e-8);
}

#[test]
fn sun_synchronous_node_and_seasonal_flux() {
    let sun = orbit::sun_position(2_451_545.0);
    // LTAN 12 h: the node under the mean Sun; each hour later, 15 deg east.
    assert!((orbit::sso_raan_rad(12.0, &sun) - sun.mean_longitude_rad).abs() < 1e-15);
    assert!((orbit::sso_raan_rad(18.0, &sun) - (sun.mean_longitude_rad + FRAC_PI_2)).abs() < 1e-15);
    assert!((orbit::sso_raan_rad(6.0, &sun) - (sun.mean_longitude_rad - FRAC_PI_2)).abs() < 1e-15);
    // 1361 W/m^2 x (1 +- 0.0334): 1406.5 W/m^2 at perihelion (day 3), 1315.5 W/m^2 half a year
    // later, the mean a quarter year from either.
    assert!((orbit::solar_flux_w_m2(1361.0, 3.0) - 1406.4574).abs() < 1e-9);
    assert!((orbit::solar_flux_w_m2(1361.0, 3.0 + 365.25 / 2.0) - 1315.5426).abs() < 1e-9);
    assert!((orbit::solar_flux_w_m2(1361.0, 3.0 + 365.25 / 4.0) - 1361.0).abs() < 1e-9);
}

#[test]
fn earth_view_factor_limits() {
    // A plate facing nadir sees F = (R_E / a)^2 (Howell's catalogue; Gilmore vol. 1 ch. 2).
    for h in [300e3, 550e3, 2000e3] {
        let hh = (R_EARTH_M + h) / R_EARTH_M;
        assert_close!(orbit::earth_view_factor(h, 0.0), 1.0 / (hh * hh), 1e-14);
        // Edge-on: F = (asin(1/H) - sqrt(H^2 - 1) / H^2) / pi.
        let edge = ((1.0 / hh).asin() - (hh * hh - 1.0).sqrt() / (hh * hh)) / PI;
        assert_close!(orbit::earth_view_factor(h, FRAC_PI_2), edge, 1e-12);
        // Facing away from the Earth: nothing.
        assert_eq!(orbit::earth_view_factor(h, PI), 0.0);
        // The normal's sign does not matter, and the factor is continuous where the Earth's disc
        // starts to fall behind the plate (g = pi/2 - asin(1/H)) and where it is wholly behind.
        let phi = (1.0 / hh).asin();
        for g in [FRAC_PI_2 - phi, FRAC_PI_2 + phi] {
            let (a, b) = (orbit::earth_view_factor(h, g - 1e-7), orbit::earth_view_factor(h, g + 1e-7));
            assert!((a - b).abs() < 1e-6, "h {h} g {g}: {a} {b}");
        }
        assert_eq!(orbit::earth_view_factor(h, -0.7), orbit::earth_view_factor(h, 0.7));
        // Strictly decreasing over the partial band.
        let mut last = f64::INFINITY;
        for k in 0..=50 {
            let g = FRAC_PI_2 - phi + 2.0 * phi * k as f64 / 50.0;
            let f = orbit::earth_view_factor(h, g);
            assert!(f < last || f == 0.0);
            last = f;
        }
    }
}

/// Mean over the orbit of |n . v| for the edge-on radiator, by the midpoint rule over theta
/// (the integrand of `edge_on_panel_velocity_projection`'s definition).
fn edge_on_projection_quadrature(beta: f64) -> f64 {
    let m = 20_000;
    let (sb, cb) = beta.sin_cos();
    let mut sum = 0.0;
    for k in 0..m {
        let theta = 2.0 * PI * (k as f64 + 0.5) / m as f64;
        // Normal along r x s = -sin(beta) v - cos(beta) sin(theta) h, normalised.
        let (nv, nh) = (-sb, -cb * theta.sin());
        sum += nv.abs() / (nv * nv + nh * nh).sqrt();
    }
    sum / m as f64
}

#[test]
fn edge_on_panel_projection_against_quadrature() {
    for beta in [0.05_f64, 0.3, 0.7, 1.0, 1.3, 1.5] {
        let exact = orbit::edge_on_panel_velocity_projection(beta);
        let num = edge_on_projection_quadrature(beta);
        assert!((exact - num).abs() < 1e-7, "beta {beta}: {exact} vs {num}");
        assert_eq!(exact, orbit::edge_on_panel_velocity_projection(-beta));
    }
    assert_eq!(orbit::edge_on_panel_velocity_projection(0.0), 0.0);
    assert!((orbit::edge_on_panel_velocity_projection(FRAC_PI_2) - 1.0).abs() < 1e-15);
}

// ---------------------------------------------------------------------------------------------
// Solar array.

#[test]
fn array_incidence_and_flow_projection() {
    let b = 0.4_f64;
    assert_eq!(solar::incidence_cos(Pointing::TwoAxis, b), 1.0);
    assert_eq!(solar::incidence_cos(Pointing::OneAxis, b), b.cos());
    assert_eq!(solar::incidence_cos(Pointing::FixedNormal, b), b.sin());
    assert_eq!(solar::incidence_cos(Pointing::FixedNormal, -b), b.sin());
    assert_eq!(solar::incidence_cos(Pointing::OneAxis, 2.0), 0.0);
    // Mean |normal . velocity| from the vectors (orbit frame: h the orbit normal, s_p the Sun's
    // projection in the plane, q = h x s_p; v = cos(theta) q - sin(theta) s_p).
    let m = 4000;
    for beta in [0.0_f64, 0.5, 1.2] {
        let mean = |normal: [f64; 3]| {
            let mut sum = 0.0;
            for k in 0..m {
                let t = 2.0 * PI * (k as f64 + 0.5) / m as f64;
                // Components along (s_p, q, h).
                let v = [-t.sin(), t.cos(), 0.0];
                sum += (normal[0] * v[0] + normal[1] * v[1] + normal[2] * v[2]).abs();
            }
            sum / m as f64
        };
        let sun = [beta.cos(), 0.0, beta.sin()];
        assert!((solar::velocity_projection(Pointing::TwoAxis, beta) - mean(sun)).abs() < 1e-6);
        assert!((solar::velocity_projection(Pointing::OneAxis, beta) - mean([1.0, 0.0, 0.0])).abs() < 1e-6);
        assert_eq!(solar::velocity_projection(Pointing::FixedNormal, beta), mean([0.0, 0.0, 1.0]));
    }
}

#[test]
fn array_temperature_balances_absorbed_and_emitted_power() {
    // S (alpha - eta) = (eps_f + eps_b) sigma T^4: 1361 x (0.92 - 0.25) / (1.7 sigma) gives
    // T = 311.87 K.
    let t = solar::array_temp_k(1361.0, 0.92, 0.25, 0.85, 0.85);
    assert_close!((0.85 + 0.85) * SIGMA_W_M2_K4 * t.powi(4), 1361.0 * (0.92 - 0.25), 1e-13);
    assert!((t - 311.866).abs() < 1e-3, "{t}");
    // Unequal faces: only their sum matters.
    let t2 = solar::array_temp_k(1361.0, 0.92, 0.25, 0.8, 0.9);
    assert_close!(t2, t, 1e-15);
    // An array converting more than it absorbs cannot be cooled below 0 K.
    assert_eq!(solar::array_temp_k(1361.0, 0.2, 0.3, 0.85, 0.85), 0.0);
}

#[test]
fn array_power_product_of_its_factors() {
    // SMAD eq. 11-5..11-8 with distinct factors: 1361 x 10 m^2 x 0.3 x 0.9 x 0.8 x
    // (1 - 0.002 x (330 - 301)) x 0.97^5 = 2,378.05 W.
    let p = solar::array_power_w(1361.0, 10.0, 0.3, 0.9, 0.8, -0.002, 330.0, 301.0, 0.03, 5.0);
    let want = 1361.0 * 10.0 * 0.3 * 0.9 * 0.8 * (1.0 - 0.002 * 29.0) * 0.97_f64.powi(5);
    assert_close!(p, want, 1e-14);
    assert!((p - 2378.053).abs() < 1e-3, "{p}");
    // Colder than the reference, the cells do better.
    assert!(solar::array_power_w(1361.0, 10.0, 0.3, 0.9, 0.8, -0.002, 280.0, 301.0, 0.0, 0.0) > 1361.0 * 10.0 * 0.3 * 0.9 * 0.8);
    // A temperature factor below zero is clamped: no negative power.
    assert_eq!(solar::array_power_w(1361.0, 10.0, 0.3, 0.9, 0.8, -0.002, 900.0, 301.0, 0.0, 0.0), 0.0);
}

#[test]
fn mean_yearly_retention_by_hand() {
    // d = 0.1 over 3 years: (1 + 0.9 + 0.81) / 3; over 2.5 years: (1 + 0.9 + 0.5 x 0.81) / 2.5.
    assert_close!(solar::mean_yearly_retention(0.1, 3.0), 2.71 / 3.0, 1e-15);
    assert_close!(solar::mean_yearly_retention(0.1, 2.5), 2.305 / 2.5, 1e-15);
    assert_close!(solar::mean_yearly_retention(0.1, 0.5), 1.0, 1e-15);
    assert_close!(solar::mean_yearly_retention(0.0, 7.3), 1.0, 1e-15);
    // Closed form for whole years: (1 - (1 - d)^N) / (N d).
    assert_close!(solar::mean_yearly_retention(0.025, 15.0), (1.0 - 0.975_f64.powi(15)) / (15.0 * 0.025), 1e-14);
}

// ---------------------------------------------------------------------------------------------
// Power.

#[test]
fn smad_array_sizing_by_hand() {
    // P_sa = (P_e T_e / X_e + P_d T_d / X_d) / T_d with P_e = 800 W, P_d = 1000 W, f = 0.35,
    // X_e = 0.6, X_d = 0.8: 800 x 0.35 / (0.6 x 0.65) + 1000 / 0.8 = 717.949 + 1250 W.
    assert_close!(power::required_array_power_w(800.0, 1000.0, 0.35, 0.6, 0.8), 800.0 * 0.35 / (0.6 * 0.65) + 1250.0, 1e-15);
    assert_close!(power::required_array_power_w(800.0, 1000.0, 0.0, 0.6, 0.8), 1250.0, 1e-15);
    assert_close!(power::required_array_power_w(0.0, 1000.0, 0.35, 0.6, 0.8), 1250.0, 1e-15);
}

#[test]
fn battery_depth_of_discharge_and_capacity() {
    // docs/model.md: 0.30 at 30,000 cycles and k = 0.2884 allow 0.80 at 1,000 cycles.
    assert!((power::allowed_dod(1000.0, 0.3, 30_000.0, 0.2884, 0.9) - 0.80006).abs() < 1e-5);
    assert_eq!(power::allowed_dod(30_000.0, 0.3, 30_000.0, 0.2884, 0.9), 0.3);
    assert_eq!(power::allowed_dod(10.0, 0.3, 30_000.0, 0.2884, 0.9), 0.9);
    assert_eq!(power::allowed_dod(0.0, 0.3, 30_000.0, 0.2884, 0.9), 0.9);
    assert_close!(power::allowed_dod(240_000.0, 0.3, 30_000.0, 0.2884, 0.9), 0.3 * 8.0_f64.powf(-0.2884), 1e-15);
    // E = P_e T_e / (DoD eta): 1 kW for 35 min at 30 % and 0.95 = 7.368 MJ.
    assert_close!(power::battery_energy_j(1000.0, 2100.0, 0.3, 0.95), 2.1e6 / 0.285, 1e-15);
    assert_eq!(power::battery_energy_j(0.0, 2100.0, 0.3, 0.95), 0.0);
    assert_eq!(power::battery_energy_j(1000.0, 0.0, 0.3, 0.95), 0.0);
}

#[test]
fn energy_ledger_conserves_energy() {
    let (load, ecl, f) = (1000.0, 800.0, 0.4);
    let (reg, dist, ch, dis) = (0.95, 0.97, 0.9, 0.92);
    let l = power::ledger(load, ecl, f, reg, dist, ch, dis);
    let tol = 1e-12 * load;
    // Sunlight: the array's output goes to the loads, the losses and the store.
    assert!((l.array_output_w - (load + l.regulation_loss_w + l.distribution_loss_w + l.battery_charge_loss_w + l.battery_charge_w)).abs() < tol);
    // Each loss is its stage's inefficiency times what passes through it.
    assert!((l.regulation_loss_w - (1.0 - reg) * l.array_output_w).abs() < tol);
    assert!((l.battery_charge_w - ch * (l.battery_charge_w + l.battery_charge_loss_w)).abs() < tol);
    assert!((l.battery_discharge_loss_w - (1.0 - dis) * l.dissipation_eclipse_w).abs() < tol);
    // Over an orbit the store gives back what it got: stored (1 - f) T = drawn f T.
    assert!((l.battery_charge_w * (1.0 - f) - l.dissipation_eclipse_w * f).abs() < tol);
    // In eclipse the store's output reaches the loads through discharge and distribution.
    assert!((l.dissipation_eclipse_w * dis * dist - ecl).abs() < tol);
    // Everything but the stored energy is dissipated on board in sunlight.
    assert!((l.dissipation_sunlit_w - (l.array_output_w - l.battery_charge_w)).abs() < tol);
    // Distribution in sunlight: the loads get dist of what is sent to them, and the bus that
    // feeds the loads and the charger is reg of the array's output.
    let sent = load + l.distribution_loss_w;
    assert!((load - dist * sent).abs() < tol);
    assert!((reg * l.array_output_w - (sent + l.battery_charge_w + l.battery_charge_loss_w)).abs() < tol);
    assert_eq!(l.dissipation_max_w(), l.dissipation_sunlit_w.max(l.dissipation_eclipse_w));
    // A throttled eclipse with a large battery load can dissipate more in eclipse than in sunlight.
    let t = power::ledger(100.0, 5000.0, 0.4, reg, dist, ch, dis);
    assert!(t.dissipation_eclipse_w > t.dissipation_sunlit_w);
    assert_eq!(t.dissipation_max_w(), t.dissipation_eclipse_w);
    // No eclipse: nothing stored, nothing drawn.
    let n = power::ledger(load, ecl, 0.0, reg, dist, ch, dis);
    assert_eq!((n.battery_charge_w, n.dissipation_eclipse_w, n.battery_discharge_loss_w), (0.0, 0.0, 0.0));
    assert!((n.array_output_w - load / (reg * dist)).abs() < tol);
}

#[test]
fn ledgers_combine_field_by_field() {
    // `combine(a, other, b)` is a x self + b x other in every field: two ledgers with distinct
    // values in every field, combined with a = 2 and b = 3, worked out by hand.
    let x = power::Ledger { array_output_w: 1.0, regulation_loss_w: 2.0, distribution_loss_w: 3.0, battery_charge_w: 4.0, battery_charge_loss_w: 5.0, battery_discharge_loss_w: 6.0, dissipation_sunlit_w: 7.0, dissipation_eclipse_w: 8.0 };
    let y = power::Ledger { array_output_w: 10.0, regulation_loss_w: 20.0, distribution_loss_w: 30.0, battery_charge_w: 40.0, battery_charge_loss_w: 50.0, battery_discharge_loss_w: 60.0, dissipation_sunlit_w: 70.0, dissipation_eclipse_w: 80.0 };
    let want = power::Ledger { array_output_w: 32.0, regulation_loss_w: 64.0, distribution_loss_w: 96.0, battery_charge_w: 128.0, battery_charge_loss_w: 160.0, battery_discharge_loss_w: 192.0, dissipation_sunlit_w: 224.0, dissipation_eclipse_w: 256.0 };
    assert_eq!(x.combine(2.0, &y, 3.0), want);
    // The ledger is linear in its two loads: ledger(L, L_e) = L ledger(1, 0) + L_e ledger(0, 1).
    let (reg, dist, ch, dis, f) = (0.95, 0.97, 0.9, 0.92, 0.4);
    let one = power::ledger(1.0, 0.0, f, reg, dist, ch, dis);
    let ecl = power::ledger(0.0, 1.0, f, reg, dist, ch, dis);
    let both = power::ledger(1000.0, 800.0, f, reg, dist, ch, dis);
    let sum = one.combine(1000.0, &ecl, 800.0);
    for (a, b) in [(sum.array_output_w, both.array_output_w), (sum.distribution_loss_w, both.distribution_loss_w), (sum.dissipation_sunlit_w, both.dissipation_sunlit_w), (sum.dissipation_eclipse_w, both.dissipation_eclipse_w)] {
        assert_close!(a, b, 1e-14);
    }
}

// ---------------------------------------------------------------------------------------------
// Thermal.

#[test]
fn radiator_view_factor_and_environment() {
    let h = 550e3;
    assert_eq!(thermal::radiator_earth_view_factor(RadiatorOrientation::EdgeOn, 2.0, h), 2.0 * orbit::earth_view_factor(h, FRAC_PI_2));
    assert_eq!(thermal::radiator_earth_view_factor(RadiatorOrientation::EdgeOn, 1.0, h), orbit::earth_view_factor(h, FRAC_PI_2));
    assert_eq!(thermal::radiator_earth_view_factor(RadiatorOrientation::Nadir, 2.0, h), orbit::earth_view_factor(h, 0.0));
    assert_eq!(thermal::radiator_earth_view_factor(RadiatorOrientation::Nadir, 1.0, h), 0.0);
    // alpha (S F_s + a S F_e) + eps q_IR F_e = 0.2 (1361 x 0.1 + 0.3 x 1361 x 0.25) + 0.9 x 237 x 0.25.
    let q = thermal::environment_heat_w_m2(0.2, 0.9, 1361.0, 0.1, 0.3, 0.25, 237.0);
    assert_close!(q, 0.2 * (136.1 + 102.075) + 0.9 * 237.0 * 0.25, 1e-15);
}

#[test]
fn radiator_stefan_boltzmann() {
    // A black one-sided square metre at 300 K radiates sigma (300^4 - 3^4) = 459.30 W.
    let q = SIGMA_W_M2_K4 * (300.0_f64.powi(4) - 81.0);
    assert!((q - 459.300).abs() < 1e-3);
    assert_close!(thermal::radiator_temp_k(q, 1.0, 1.0, 1.0, 0.0), 300.0, 1e-14);
    assert_close!(thermal::radiator_heat_w(300.0, 1.0, 1.0, 1.0, 0.0), q, 1e-14);
    // Two faces, emissivity 0.9, 12 m^2, absorbing 150 W/m^2: each quantity from the others.
    let (area, eps, sides, env) = (12.0, 0.9, 2.0, 150.0);
    for heat in [1e3, 2e4, 3e5] {
        let t = thermal::radiator_temp_k(heat, area, eps, sides, env);
        assert_close!(thermal::radiator_heat_w(t, area, eps, sides, env), heat, 1e-12);
        assert_close!(thermal::radiator_area_m2(heat, t, eps, sides, env), area, 1e-12);
        // T^4 = (Q + A q_env) / (n eps sigma A) + T_sink^4.
        assert_close!(t.powi(4), (heat + area * env) / (sides * eps * SIGMA_W_M2_K4 * area) + 81.0, 1e-13);
    }
    // Colder than the environment alone holds it: no area suffices.
    let t_env = thermal::radiator_temp_k(0.0, 1.0, eps, sides, env);
    assert_eq!(thermal::radiator_area_m2(1e3, t_env - 1.0, eps, sides, env), f64::INFINITY);
    assert!(thermal::radiator_area_m2(1e3, t_env + 1.0, eps, sides, env).is_finite());
}

// ---------------------------------------------------------------------------------------------
// Compute: failures, spares, discounting.

#[test]
fn exponential_integrals_and_rates() {
    assert_eq!(compute::exp_integral(0.0, 4.0), 4.0);
    assert_close!(compute::exp_integral(0.1, 5.0), (1.0 - (-0.5_f64).exp()) / 0.1, 1e-15);
    assert_close!(compute::exp_integral(-0.1, 5.0), (0.5_f64.exp() - 1.0) / 0.1, 1e-15);
    // ln(1.08) = 0.0769610411.
    assert!((compute::continuous_rate(0.08) - 0.076961041136).abs() < 1e-12);
    assert_eq!(compute::continuous_rate(0.0), 0.0);
}

#[test]
fn lifetime_penalty_turyshev() {
    // Turyshev (arXiv:2604.27197): 1.27 at lambda = 0.1/yr, L = 5 yr (0.5 / (1 - e^-0.5) = 1.2707).
    assert!((compute::lifetime_penalty(0.1, 5.0) - 1.2707470).abs() < 1e-7);
    assert_eq!(compute::lifetime_penalty(0.0, 5.0), 1.0);
}

#[test]
fn arrhenius_acceleration() {
    // exp(Ea / k_B (1/T_ref - 1/T)) for Ea = 0.7 eV from 55 C to 125 C: exp(4.3523) = 77.65.
    assert!((compute::arrhenius_factor(0.7, 328.15, 398.15) - 77.6454).abs() < 1e-3);
    assert_eq!(compute::arrhenius_factor(0.0, 328.15, 398.15), 1.0);
    assert!((compute::arrhenius_factor(0.7, 328.15, 328.15) - 1.0).abs() < 1e-15);
    assert!(compute::arrhenius_factor(0.7, 328.15, 300.0) < 1.0);
}

/// The working racks of the fluid model integrated numerically (Simpson, 20,000 intervals):
/// N until the spares run out at t_s = S / (N lambda), then N exp(-lambda (t - t_s)).
fn survival_quadrature(n: f64, s: f64, lam: f64, life: f64, rho: f64) -> (f64, f64) {
    let ts = if lam > 0.0 { s / (n * lam) } else { f64::INFINITY };
    let working = |t: f64| if t <= ts { n } else { n * (-lam * (t - ts)).exp() };
    let m = 20_000;
    let h = life / m as f64;
    let (mut plain, mut pv) = (0.0, 0.0);
    for k in 0..=m {
        let t = k as f64 * h;
        let w = if k == 0 || k == m { 1.0 } else if k % 2 == 1 { 4.0 } else { 2.0 };
        plain += w * working(t);
        pv += w * working(t) * (-rho * t).exp();
    }
    (plain * h / 3.0, pv * h / 3.0)
}

#[test]
fn rack_survival_with_spares_against_quadrature() {
    let rho = compute::continuous_rate(0.08);
    for &(n, s, lam, life) in &[(10.0, 0.0, 0.1, 5.0), (10.0, 2.0, 0.1, 5.0), (10.0, 3.0, 0.05, 7.0), (4.0, 30.0, 0.1, 5.0), (8.0, 1.0, 0.0, 5.0), (3.0, 1.0, 0.4, 10.0)] {
        let sv: Survival = compute::survival(n, s, lam, life, rho);
        let (plain, pv) = survival_quadrature(n, s, lam, life, rho);
        // The kink at t_s limits Simpson's accuracy.
        assert!(close(sv.rack_years, plain, 1e-6), "{n} {s} {lam} {life}: {} vs {plain}", sv.rack_years);
        assert!(close(sv.pv_rack_years, pv, 1e-6), "{n} {s} {lam} {life}: {} vs {pv}", sv.pv_rack_years);
        let ts = if lam > 0.0 { s / (n * lam) } else { f64::INFINITY };
        assert_eq!(sv.spares_exhausted_yr, ts);
        let eol = if ts >= life { 1.0 } else { (-lam * (life - ts)).exp() };
        assert_close!(sv.working_fraction_eol, eol, 1e-15);
    }
    // Spares that last exactly the mission.
    let sv = compute::survival(10.0, 5.0, 0.1, 5.0, rho);
    assert_eq!((sv.rack_years, sv.working_fraction_eol), (50.0, 1.0));
}

// ---------------------------------------------------------------------------------------------
// Atmosphere and drag.

#[test]
fn exponential_atmosphere_vallado_table_8_4() {
    // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Table 8-4: the nominal
    // density at each band's base altitude.
    for &(h_km, rho) in &[(0.0, 1.225), (100.0, 5.297e-7), (150.0, 2.070e-9), (400.0, 3.725e-12), (450.0, 1.585e-12), (500.0, 6.967e-13), (1000.0, 3.019e-15)] {
        assert_close!(mass::atmosphere_density_kg_m3(h_km * 1000.0), rho, 1e-12);
    }
    // Within a band: rho0 exp(-(h - h0) / H), 550 km in the 500 km band (H = 63.822 km).
    assert_close!(mass::atmosphere_density_kg_m3(550e3), 6.967e-13 * (-50.0_f64 / 63.822).exp(), 1e-12);
    // Above the table the last band continues (H = 268 km).
    assert_close!(mass::atmosphere_density_kg_m3(1268e3), 3.019e-15 * (-1.0_f64).exp(), 1e-12);
    // Falls with altitude everywhere.
    let mut last = f64::INFINITY;
    for k in 0..400 {
        let rho = mass::atmosphere_density_kg_m3(k as f64 * 5e3);
        assert!(rho < last);
        last = rho;
    }
}

#[test]
fn drag_and_make_up_propellant() {
    // 1/2 rho v^2 C_D A: 1e-12 kg/m^3, 7.6 km/s, C_D 2.2, 100 m^2 -> 6.3536 mN.
    let f = mass::drag_force_n(1e-12, 7600.0, 2.2, 100.0);
    assert_close!(f, 0.5 * 1e-12 * 7600.0 * 7600.0 * 2.2 * 100.0, 1e-15);
    // m = F L / (Isp g0): 6.3536 mN for 5 years at 1500 s, 68.151 kg.
    assert_close!(mass::drag_makeup_propellant_kg(f, 5.0, 1500.0), f * 5.0 * YEAR_S / (1500.0 * 9.80665), 1e-15);
    assert!((mass::drag_makeup_propellant_kg(f, 5.0, 1500.0) - 68.151).abs() < 1e-3);
}

// ---------------------------------------------------------------------------------------------
// Economics.

#[test]
fn capital_recovery_factor_interest_tables() {
    // Interest tables (e.g. Newnan, Engineering Economic Analysis): (A/P, 8 %, 10) = 0.14903,
    // (A/P, 10 %, 20) = 0.11746.
    assert!((economics::capital_recovery_factor(0.08, 10.0) - 0.14903).abs() < 5e-6);
    assert!((economics::capital_recovery_factor(0.10, 20.0) - 0.11746).abs() < 5e-6);
    assert_eq!(economics::capital_recovery_factor(0.0, 8.0), 0.125);
    // A tiny rate tends to 1/n, a long horizon to r.
    assert!((economics::capital_recovery_factor(1e-12, 8.0) - 0.125).abs() < 1e-9);
    assert!((economics::capital_recovery_factor(0.07, 2000.0) - 0.07).abs() < 1e-12);
}

#[test]
fn wright_law_and_launched_power_price() {
    // A 20 % learning rate: each doubling of the cumulative mass takes 20 % off the price.
    assert_close!(economics::wright_launch_price_usd_per_kg(800e3, 400e3, 1800.0, 0.2), 1440.0, 1e-14);
    assert_close!(economics::wright_launch_price_usd_per_kg(1600e3, 400e3, 1800.0, 0.2), 1152.0, 1e-14);
    assert_close!(economics::wright_launch_price_usd_per_kg(400e3, 400e3, 1800.0, 0.2), 1800.0, 1e-15);
    // (mass / power) x price / lifetime: 1,000 kg for 10 kW at 100 USD/kg over 5 years.
    assert_close!(economics::launched_power_usd_per_kw_yr(1000.0, 10_000.0, 100.0, 5.0), 2000.0, 1e-15);
    // price x PUE x hours: 0.1 USD/kWh x 1.5 x 8,766 h.
    assert_close!(economics::ground_power_usd_per_kw_yr(0.1, 1.5, 8766.0), 1314.9, 1e-14);
}

#[test]
fn ownership_counts_purchases_and_credits_the_unused_life() {
    // rho = 0: a 3-year life over 10 years buys at 0, 3, 6, 9 and credits 2/3 of the last set.
    assert_close!(economics::ownership_pv_factor(0.0, 3.0, 10.0), 4.0 - 2.0 / 3.0, 1e-14);
    assert_close!(economics::ownership_pv_factor(0.0, 2.0, 10.0), 5.0, 1e-14);
    // An asset that outlives the study by half a year is bought once: 0.5 / 5.5 of it is credited
    // back at the end, discounted at 8 % over the 5 years.
    let f = economics::ownership_pv_factor(0.08_f64.ln_1p(), 5.5, 5.0);
    assert_close!(f, 1.0 - (0.5 / 5.5) * 1.08_f64.powf(-5.0), 1e-14);
}

// ---------------------------------------------------------------------------------------------
// Launch.

#[test]
fn hohmann_transfer_vallado_example_6_1() {
    // Vallado, 4th ed., example 6-1: from 191.34411 km to 35,781.34857 km altitude,
    // dv = 2.457038 + 1.478187 = 3.935224 km/s.
    let dv = launch::hohmann_dv_m_s(191.34411e3, 35_781.34857e3);
    assert!((dv - 3935.224).abs() < 1e-3, "{dv}");
    assert_eq!(launch::hohmann_dv_m_s(35_781.34857e3, 191.34411e3), -dv);
    assert_eq!(launch::hohmann_dv_m_s(500e3, 500e3), 0.0);
}

#[test]
fn launch_site_assist_and_upper_stage_payload() {
    // 2 pi R_E / 86,164.1 s = 465.10 m/s at the equator.
    assert!((launch::EQUATORIAL_SPEED_M_S - 465.10).abs() < 0.01);
    let (i_ref, i) = (28.5_f64.to_radians(), 97.6_f64.to_radians());
    let want = launch::EQUATORIAL_SPEED_M_S * (i_ref.cos() - i.cos()) + launch::hohmann_dv_m_s(200e3, 550e3);
    assert_close!(launch::extra_dv_m_s(200e3, i_ref, 550e3, i), want, 1e-14);
    // The reference orbit needs nothing extra.
    assert_eq!(launch::extra_dv_m_s(300e3, i_ref, 300e3, i_ref), 0.0);
    // Tsiolkovsky: the payload found gives the stage dv0 + extra with that payload.
    let (p0, dry, prop, isp): (f64, f64, f64, f64) = (20_000.0, 4_000.0, 100_000.0, 348.0);
    let c = isp * 9.80665;
    let dv0 = c * ((prop + dry + p0) / (dry + p0)).ln();
    assert!((launch::payload_to_orbit_kg(p0, dry, prop, isp, 0.0) - p0).abs() < 1e-6);
    for extra in [150.0, 600.0, -300.0] {
        let p = launch::payload_to_orbit_kg(p0, dry, prop, isp, extra);
        assert!((c * ((prop + dry + p) / (dry + p)).ln() - (dv0 + extra)).abs() < 1e-6, "extra {extra}: {p}");
        assert_eq!(p < p0, extra > 0.0);
    }
    // Far more than the stage can give: nothing reaches the orbit. Far less: capped at ten times
    // the reference payload.
    assert_eq!(launch::payload_to_orbit_kg(p0, dry, prop, isp, 20_000.0), 0.0);
    assert_eq!(launch::payload_to_orbit_kg(p0, dry, prop, isp, -5_000.0), launch::PAYLOAD_RATIO_MAX * p0);
    assert_eq!(launch::payload_to_orbit_kg(p0, dry, prop, isp, -1e5), launch::PAYLOAD_RATIO_MAX * p0);
}
