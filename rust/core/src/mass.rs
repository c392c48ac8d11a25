//! Atmosphere and drag make-up propellant.
//!
//! Exponential atmosphere: rho = rho0 exp(-(h - h0) / H) with (h0, rho0, H) from Vallado,
//! *Fundamentals of Astrodynamics and Applications*, 4th ed., Table 8-4 (after CIRA-72), for
//! mean solar activity. Propellant from the total impulse that cancels drag over the lifetime:
//! m_p = (1/2 rho v^2 C_D A) L / (Isp g0).

use crate::constants::{G0_M_S2, YEAR_S};

/// Vallado Table 8-4: base altitude km, nominal density kg/m^3, scale height km.
const EXP_ATMOSPHERE: [(f64, f64, f64); 28] = [
    (0.0, 1.225, 7.249),
    (25.0, 3.899e-2, 6.349),
    (30.0, 1.774e-2, 6.682),
    (40.0, 3.972e-3, 7.554),
    (50.0, 1.057e-3, 8.382),
    (60.0, 3.206e-4, 7.714),
    (70.0, 8.770e-5, 6.549),
    (80.0, 1.905e-5, 5.799),
    (90.0, 3.396e-6, 5.382),
    (100.0, 5.297e-7, 5.877),
    (110.0, 9.661e-8, 7.263),
    (120.0, 2.438e-8, 9.473),
    (130.0, 8.484e-9, 12.636),
    (140.0, 3.845e-9, 16.149),
    (150.0, 2.070e-9, 22.523),
    (180.0, 5.464e-10, 29.740),
    (200.0, 2.789e-10, 37.105),
    (250.0, 7.248e-11, 45.546),
    (300.0, 2.418e-11, 53.628),
    (350.0, 9.518e-12, 53.298),
    (400.0, 3.725e-12, 58.515),
    (450.0, 1.585e-12, 60.828),
    (500.0, 6.967e-13, 63.822),
    (600.0, 1.454e-13, 71.835),
    (700.0, 3.614e-14, 88.667),
    (800.0, 1.170e-14, 124.64),
    (900.0, 5.245e-15, 181.05),
    (1000.0, 3.019e-15, 268.00),
];

/// Atmospheric density at `altitude_m` (m), kg/m^3 (Vallado Table 8-4 exponential model; the
/// last band is extended above 1,000 km).
pub fn atmosphere_density_kg_m3(altitude_m: f64) -> f64 {
    let h_km = altitude_m / 1000.0;
    let mut band = EXP_ATMOSPHERE[0];
    for b in EXP_ATMOSPHERE.iter() {
        if h_km >= b.0 {
            band = *b;
        } else {
            break;
        }
    }
    band.1 * (-(h_km - band.0) / band.2).exp()
}

/// Drag force on a body of drag area `area_m2` (m^2) with drag coefficient `cd`, N:
/// F = 1/2 rho v^2 C_D A.
pub fn drag_force_n(density_kg_m3: f64, speed_m_s: f64, cd: f64, area_m2: f64) -> f64 {
    0.5 * density_kg_m3 * speed_m_s * speed_m_s * cd * area_m2
}

/// Propellant to cancel a constant drag force `drag_n` (N) for `lifetime_yr` years with a
/// thruster of specific impulse `isp_s` (s), kg: m = F L / (Isp g0).
pub fn drag_makeup_propellant_kg(drag_n: f64, lifetime_yr: f64, isp_s: f64) -> f64 {
    drag_n * lifetime_yr * YEAR_S / (isp_s * G0_M_S2)
}
