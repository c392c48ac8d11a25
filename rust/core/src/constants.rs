//! Physical constants, SI units throughout.
//!
//! Sources: WGS-84 / EGM-96 values as tabulated in Vallado, *Fundamentals of Astrodynamics and
//! Applications*, 4th ed. (2013), Table D-3; IAU 2015 nominal solar radius (Resolution B3);
//! IAU 2012 astronomical unit (Resolution B2); CODATA 2018 Stefan-Boltzmann constant;
//! Kopp & Lean (2011), GRL 38 L01706, total solar irradiance.

/// Earth's gravitational parameter, m^3/s^2 (EGM-96).
pub const MU_EARTH_M3_S2: f64 = 3.986004418e14;
/// Earth's equatorial radius, m (WGS-84).
pub const R_EARTH_M: f64 = 6_378_137.0;
/// Earth's second zonal harmonic J2 (dimensionless, EGM-96).
pub const J2: f64 = 1.08262668e-3;
/// Mean obliquity of the ecliptic at J2000, rad (23.439 deg).
pub const OBLIQUITY_RAD: f64 = 23.439 * std::f64::consts::PI / 180.0;
/// Tropical year, s (365.2422 d).
pub const YEAR_S: f64 = 365.2422 * 86_400.0;
/// Tropical year, h.
pub const YEAR_H: f64 = 365.2422 * 24.0;
/// Astronomical unit, m.
pub const AU_M: f64 = 1.495978707e11;
/// Nominal solar radius, m.
pub const R_SUN_M: f64 = 6.957e8;
/// Stefan-Boltzmann constant, W/(m^2 K^4).
pub const SIGMA_W_M2_K4: f64 = 5.670374419e-8;
/// Total solar irradiance at 1 AU, W/m^2 (Kopp & Lean 2011).
pub const SOLAR_CONSTANT_W_M2: f64 = 1361.0;
/// Standard gravity, m/s^2 (used to convert specific impulse).
pub const G0_M_S2: f64 = 9.80665;
/// Lowest altitude accepted by the model, m. Below ~100 km (the Karman line) an orbit decays in
/// hours; the exponential atmosphere and the circular-orbit formulas stop making sense.
pub const MIN_ALTITUDE_M: f64 = 100_000.0;
/// Deep-space sink temperature, K.
pub const SPACE_SINK_K: f64 = 3.0;
/// Seconds per day.
pub const DAY_S: f64 = 86_400.0;
/// Joules per kilowatt-hour.
pub const J_PER_KWH: f64 = 3.6e6;
/// Boltzmann constant, eV/K (CODATA 2018).
pub const BOLTZMANN_EV_K: f64 = 8.617333262e-5;
