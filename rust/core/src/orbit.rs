//! Orbit geometry for circular orbits: period, sun-synchronous inclination, nodal precession,
//! beta angle, Earth-shadow (eclipse) fraction, and a low-precision solar ephemeris.
//!
//! All angles in radians, lengths in metres, times in seconds.
//! References: Vallado, *Fundamentals of Astrodynamics and Applications*, 4th ed. (2013), ch. 5
//! (Sun position, SHADOW) and ch. 9/11 (J2 secular rates, sun-synchronous orbits); Wertz & Larson,
//! *Space Mission Analysis and Design* (SMAD), 3rd ed.; Gilmore, *Spacecraft Thermal Control
//! Handbook* vol. 1 (2002), ch. 2 (eclipse fraction); Montenbruck & Gill, *Satellite Orbits* (2000)
//! sec. 3.4 (conical shadow); the Astronomical Almanac's low-precision solar coordinates.

use crate::constants::*;
use std::f64::consts::PI;

/// Shadow model for eclipses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shadow {
    /// Cylindrical Earth shadow (Sun at infinity, no penumbra).
    Cylindrical,
    /// Conical umbra: the whole solar disc hidden.
    Umbra,
    /// Conical penumbra: any part of the solar disc hidden (umbra plus penumbra).
    Penumbra,
}

impl Shadow {
    pub const NAMES: [&'static str; 3] = ["cylindrical", "umbra", "penumbra"];
    pub fn from_name(s: &str) -> Option<Shadow> {
        match s {
            "cylindrical" => Some(Shadow::Cylindrical),
            "umbra" => Some(Shadow::Umbra),
            "penumbra" => Some(Shadow::Penumbra),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Orbital period of a circular orbit, s: T = 2 pi sqrt(a^3 / mu), a = R_E + h.
pub fn period_s(altitude_m: f64) -> f64 {
    let a = R_EARTH_M + altitude_m;
    2.0 * PI * (a * a * a / MU_EARTH_M3_S2).sqrt()
}

/// Circular orbital speed, m/s: v = sqrt(mu / a).
pub fn orbital_speed_m_s(altitude_m: f64) -> f64 {
    (MU_EARTH_M3_S2 / (R_EARTH_M + altitude_m)).sqrt()
}

/// Secular J2 nodal precession rate of a circular orbit, rad/s:
/// Omega_dot = -(3/2) n J2 (R_E/a)^2 cos i (Vallado eq. 9-41 with e = 0).
pub fn nodal_rate_rad_s(altitude_m: f64, inclination_rad: f64) -> f64 {
    let a = R_EARTH_M + altitude_m;
    let n = (MU_EARTH_M3_S2 / (a * a * a)).sqrt();
    -1.5 * n * J2 * (R_EARTH_M / a).powi(2) * inclination_rad.cos()
}

/// Cosine of the sun-synchronous inclination of a circular orbit (may fall outside [-1, 1] when no
/// sun-synchronous orbit exists at that altitude):
/// cos i = -(2/3) Omega_dot_sun a^(7/2) / (J2 R_E^2 sqrt(mu)), Omega_dot_sun = 2 pi / year.
/// (Vallado sec. 11.4; SMAD sec. 6.2.)
pub fn sso_cos_inclination(altitude_m: f64) -> f64 {
    let a = R_EARTH_M + altitude_m;
    let rate = 2.0 * PI / YEAR_S;
    -(2.0 / 3.0) * rate * a.powf(3.5) / (J2 * R_EARTH_M * R_EARTH_M * MU_EARTH_M3_S2.sqrt())
}

/// Sun-synchronous inclination, rad; `None` above the altitude (about 5,970 km) where the J2 rate
/// can no longer keep up with the Sun.
pub fn sso_inclination_rad(altitude_m: f64) -> Option<f64> {
    let c = sso_cos_inclination(altitude_m);
    if (-1.0..=1.0).contains(&c) { Some(c.acos()) } else { None }
}

/// Beta angle, rad: the angle between the orbit plane and the Sun vector.
/// sin beta = cos G sin O sin i - sin G cos eps cos O sin i + sin G sin eps cos i,
/// with G the Sun's ecliptic longitude, O the right ascension of the ascending node, i the
/// inclination and eps the obliquity (Vallado sec. 5.3; Gilmore ch. 2).
pub fn beta_angle_rad(inclination_rad: f64, raan_rad: f64, sun_ecliptic_longitude_rad: f64) -> f64 {
    beta_angle_eps_rad(inclination_rad, raan_rad, sun_ecliptic_longitude_rad, OBLIQUITY_RAD)
}

/// [`beta_angle_rad`] with an explicit obliquity, rad.
pub fn beta_angle_eps_rad(inclination_rad: f64, raan_rad: f64, sun_lon_rad: f64, obliquity_rad: f64) -> f64 {
    let (si, ci) = inclination_rad.sin_cos();
    let (so, co) = raan_rad.sin_cos();
    let (sg, cg) = sun_lon_rad.sin_cos();
    let (se, ce) = obliquity_rad.sin_cos();
    let s = cg * so * si - sg * ce * co * si + sg * se * ci;
    s.clamp(-1.0, 1.0).asin()
}

/// Half-angle of the Earth's disc seen from the orbit, rad: beta* = asin(R_E / a). No eclipse
/// (cylindrical shadow) when |beta| >= beta*.
pub fn beta_star_rad(altitude_m: f64) -> f64 {
    (R_EARTH_M / (R_EARTH_M + altitude_m)).asin()
}

/// Shadow-boundary parameters (c, t) for the boundary radius c - t x at distance x behind Earth.
#[inline]
fn shadow_cone(shadow: Shadow, sun_distance_m: f64) -> (f64, f64) {
    match shadow {
        Shadow::Cylindrical => (R_EARTH_M, 0.0),
        Shadow::Umbra => {
            let s = (R_SUN_M - R_EARTH_M) / sun_distance_m;
            let c = (1.0 - s * s).sqrt();
            (R_EARTH_M / c, s / c)
        }
        Shadow::Penumbra => {
            let s = (R_SUN_M + R_EARTH_M) / sun_distance_m;
            let c = (1.0 - s * s).sqrt();
            (R_EARTH_M / c, -s / c)
        }
    }
}

/// Fraction of a circular orbit spent in the Earth's shadow (0 <= f < 0.5).
///
/// Cylindrical shadow: f = (1/pi) acos( sqrt(h^2 + 2 R_E h) / (a cos beta) ) for |beta| < beta*,
/// else 0 (Gilmore vol. 1 ch. 2). Conical umbra and penumbra in closed form: the shadow boundary
/// has radius c - t x at distance x behind Earth; the orbit crosses it at
/// x_b = [c t + sqrt(c^2 t^2 - (1 + t^2)(c^2 - r^2))] / (1 + t^2), and
/// f = (1/pi) acos(x_b / (r cos beta)) when x_b < r cos beta (Vallado's SHADOW geometry;
/// Montenbruck & Gill sec. 3.4).
///
/// `altitude_m` in m, `beta_rad` in rad, `sun_distance_m` in m (only used by the conical models).
pub fn eclipse_fraction(altitude_m: f64, beta_rad: f64, shadow: Shadow, sun_distance_m: f64) -> f64 {
    let r = R_EARTH_M + altitude_m;
    let rc = r * beta_rad.cos().abs();
    let xb = match shadow {
        Shadow::Cylindrical => {
            let h = altitude_m;
            let d2 = h * h + 2.0 * R_EARTH_M * h;
            if d2 >= rc * rc {
                return 0.0;
            }
            return (d2.sqrt() / rc).acos() / PI;
        }
        _ => {
            let (c, t) = shadow_cone(shadow, sun_distance_m);
            let one_t2 = 1.0 + t * t;
            let disc = c * c * t * t - one_t2 * (c * c - r * r);
            if disc < 0.0 {
                return 0.0;
            }
            (c * t + disc.sqrt()) / one_t2
        }
    };
    if xb >= rc {
        0.0
    } else {
        (xb / rc).acos() / PI
    }
}

/// Signed distance (m) by which the orbit dips into the Earth's shadow at beta angle `beta_rad`:
/// positive exactly when [`eclipse_fraction`] is positive, negative when the orbit clears the
/// shadow, and continuous in altitude and beta. In the orbit plane's projection, the orbit
/// crosses the shadow boundary at x_b behind the Earth (see [`eclipse_fraction`]); the margin is
/// a cos(beta) - x_b. Interpolating it between sampled days finds where an eclipse season
/// begins and ends between them.
///
/// `altitude_m` in m, `beta_rad` in rad, `sun_distance_m` in m (only used by the conical models).
pub fn eclipse_margin_m(altitude_m: f64, beta_rad: f64, shadow: Shadow, sun_distance_m: f64) -> f64 {
    let r = R_EARTH_M + altitude_m;
    let rc = r * beta_rad.cos().abs();
    let xb = match shadow {
        Shadow::Cylindrical => (altitude_m * altitude_m + 2.0 * R_EARTH_M * altitude_m).sqrt(),
        _ => {
            let (c, t) = shadow_cone(shadow, sun_distance_m);
            let one_t2 = 1.0 + t * t;
            let disc = c * c * t * t - one_t2 * (c * c - r * r);
            if disc < 0.0 {
                // Beyond the umbra's apex: never in shadow, by at least the orbit's radius.
                return -r;
            }
            (c * t + disc.sqrt()) / one_t2
        }
    };
    rc - xb
}

/// Fraction of the interval between two sampled instants during which the orbit is eclipsed,
/// with the eclipse margin (see [`eclipse_margin_m`]) linear between them: 1 or 0 when both
/// margins have the same sign, else the share of the interval on the positive side of the zero.
pub fn eclipsed_share(margin_a_m: f64, margin_b_m: f64) -> f64 {
    match (margin_a_m > 0.0, margin_b_m > 0.0) {
        (true, true) => 1.0,
        (false, false) => 0.0,
        (true, false) => margin_a_m / (margin_a_m - margin_b_m),
        (false, true) => margin_b_m / (margin_b_m - margin_a_m),
    }
}

/// Julian date of 0h UT on 1 January of a (Gregorian) year (Meeus, *Astronomical Algorithms*, ch. 7).
pub fn julian_date_jan1(year: i32) -> f64 {
    let y = (year - 1) as f64;
    let a = (y / 100.0).floor();
    let b = 2.0 - a + (a / 4.0).floor();
    (365.25 * (y + 4716.0)).floor() + (30.6001 * 14.0_f64).floor() + 1.0 + b - 1524.5
}

/// The Sun's position from the Astronomical Almanac's low-precision formulae (good to ~0.01 deg
/// from 1950 to 2050): returns (ecliptic longitude rad, right ascension rad, mean longitude rad,
/// distance m) at Julian date `jd`.
pub fn sun_position(jd: f64) -> SunPosition {
    let n = jd - 2_451_545.0;
    let deg = PI / 180.0;
    let l = (280.460 + 0.985_647_4 * n).rem_euclid(360.0) * deg;
    let g = (357.528 + 0.985_600_3 * n).rem_euclid(360.0) * deg;
    let lambda = l + (1.915 * g.sin() + 0.020 * (2.0 * g).sin()) * deg;
    let eps = (23.439 - 0.000_000_4 * n) * deg;
    let ra = (eps.cos() * lambda.sin()).atan2(lambda.cos());
    let r_au = 1.000_14 - 0.016_71 * g.cos() - 0.000_14 * (2.0 * g).cos();
    SunPosition { ecliptic_longitude_rad: lambda, right_ascension_rad: ra, mean_longitude_rad: l, obliquity_rad: eps, distance_m: r_au * AU_M }
}

/// The Sun's apparent position (see [`sun_position`]).
#[derive(Clone, Copy, Debug)]
pub struct SunPosition {
    pub ecliptic_longitude_rad: f64,
    pub right_ascension_rad: f64,
    pub mean_longitude_rad: f64,
    pub obliquity_rad: f64,
    pub distance_m: f64,
}

/// Right ascension of the ascending node of a sun-synchronous orbit with local time of ascending
/// node `ltan_h` (hours), rad: the node leads the mean Sun by (LTAN - 12 h) x 15 deg/h.
pub fn sso_raan_rad(ltan_h: f64, sun: &SunPosition) -> f64 {
    sun.mean_longitude_rad + (ltan_h - 12.0) * PI / 12.0
}

/// Solar irradiance on day-of-year `day` (1 = 1 January), W/m^2:
/// S = S0 (1 + 0.0334 cos(2 pi (d - 3) / 365.25)) (perihelion about 3 January; Kopp & Lean 2011
/// for S0).
pub fn solar_flux_w_m2(solar_constant_w_m2: f64, day_of_year: f64) -> f64 {
    solar_constant_w_m2 * (1.0 + 0.0334 * (2.0 * PI * (day_of_year - 3.0) / 365.25).cos())
}

/// View factor from one face of a flat plate to the Earth, for a plate at altitude `altitude_m`
/// (m) whose normal makes angle `normal_from_nadir_rad` (rad) with nadir. With H = a / R_E:
/// F = cos(g) / H^2 when the whole Earth disc is in front of the plate (g <= pi/2 - asin(1/H)),
/// 0 when it is wholly behind (g >= pi/2 + asin(1/H)), and otherwise
/// F = 1/2 - (1/pi) asin( sqrt(H^2-1) / (H sin g) )
///     + 1/(pi H^2) [ cos g acos( -sqrt(H^2-1) cot g ) - sqrt(H^2-1) sqrt(1 - H^2 cos^2 g) ].
/// (Howell, *A Catalog of Radiation Heat Transfer Configuration Factors*, "differential planar
/// element to sphere, element tilted"; the same expressions are quoted in Gilmore vol. 1.)
/// A plate edge-on to the Earth (g = pi/2) gets F = (asin(1/H) - sqrt(H^2-1)/H^2) / pi.
pub fn earth_view_factor(altitude_m: f64, normal_from_nadir_rad: f64) -> f64 {
    let h = (R_EARTH_M + altitude_m) / R_EARTH_M;
    let g = normal_from_nadir_rad.abs().min(PI);
    let phi = (1.0 / h).asin();
    if g <= PI / 2.0 - phi {
        return g.cos() / (h * h);
    }
    if g >= PI / 2.0 + phi {
        return 0.0;
    }
    let x = (h * h - 1.0).sqrt();
    let (sg, cg) = g.sin_cos();
    let a1 = (x / (h * sg)).clamp(-1.0, 1.0).asin();
    let a2 = (-x * cg / sg).clamp(-1.0, 1.0).acos();
    let r = (1.0 - h * h * cg * cg).max(0.0).sqrt();
    (0.5 - a1 / PI + (cg * a2 - x * r) / (PI * h * h)).max(0.0)
}

/// Arithmetic-geometric mean of two non-negative numbers.
fn agm(mut a: f64, mut b: f64) -> f64 {
    for _ in 0..64 {
        let (a1, b1) = (0.5 * (a + b), (a * b).sqrt());
        if (a1 - b1).abs() <= 1e-16 * a1 {
            return a1;
        }
        a = a1;
        b = b1;
    }
    a
}

/// Orbit-average of |cos| of the angle between the velocity and the normal of a flat panel whose
/// plane contains nadir and, as far as it can, the Sun (a radiator edge-on to both Sun and
/// Earth), at beta angle `beta_rad`: the fraction of its area the panel presents to the flow.
///
/// In the orbit frame (r zenith, v along track, h orbit normal) with the Sun
/// s = sin(beta) h + cos(beta) s_p and the position angle theta from s_p, the panel normal is
/// along r x s = -sin(beta) v - cos(beta) sin(theta) h, so
/// |n . v| = sin(beta) / sqrt(sin^2(beta) + cos^2(beta) sin^2(theta)). Its mean over theta is
/// (2/pi) sin(beta) K(cos^2 beta) = sin(beta) / AGM(1, sin(beta)), K the complete elliptic
/// integral of the first kind (Abramowitz & Stegun 17.3.1 and 17.6: K(m) = pi / (2 AGM(1, sqrt(1 - m)))).
/// 1 in a dawn-dusk orbit at beta = 90 deg (the panel faces the velocity), 0 at beta = 0.
pub fn edge_on_panel_velocity_projection(beta_rad: f64) -> f64 {
    let x = beta_rad.sin().abs().min(1.0);
    if x == 0.0 {
        return 0.0;
    }
    x / agm(1.0, x)
}
