//! Radiator thermal balance.
//!
//! Q_out = n eps sigma A (T^4 - T_sink^4); absorbed environment per unit (one-face) area
//! q_env = alpha (S F_s + a S F_e) + eps q_IR F_e, F_e summed over the radiating faces
//! (Gilmore, *Spacecraft Thermal Control Handbook* vol. 1 (2002), ch. 2 and 6; Karam,
//! *Satellite Thermal Control for Systems Engineers* (1998) ch. 3).

use crate::constants::{SIGMA_W_M2_K4, SPACE_SINK_K};

/// Radiator orientation, which sets its view of the Earth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RadiatorOrientation {
    /// Plane containing nadir (and ideally the Sun vector): each face sees the Earth edge-on.
    EdgeOn,
    /// Plane perpendicular to nadir: one face looks straight down (F = (R_E/a)^2), the other at
    /// deep space. A one-sided radiator in this attitude radiates from its zenith face.
    Nadir,
}

impl RadiatorOrientation {
    pub const NAMES: [&'static str; 2] = ["edge_on", "nadir"];
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "edge_on" => Some(Self::EdgeOn),
            "nadir" => Some(Self::Nadir),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Earth view factor summed over the radiating faces (dimensionless).
pub fn radiator_earth_view_factor(orientation: RadiatorOrientation, sides: f64, altitude_m: f64) -> f64 {
    use std::f64::consts::FRAC_PI_2;
    match orientation {
        RadiatorOrientation::EdgeOn => sides * crate::orbit::earth_view_factor(altitude_m, FRAC_PI_2),
        RadiatorOrientation::Nadir => {
            if sides >= 2.0 {
                crate::orbit::earth_view_factor(altitude_m, 0.0)
            } else {
                0.0
            }
        }
    }
}

/// Absorbed environmental heat per m^2 of radiator (one-face area), W/m^2:
/// alpha (S F_s + albedo S F_e) + eps q_IR F_e.
pub fn environment_heat_w_m2(
    absorptivity: f64,
    emissivity: f64,
    solar_flux_w_m2: f64,
    sun_view_factor: f64,
    albedo: f64,
    earth_view_factor: f64,
    earth_ir_w_m2: f64,
) -> f64 {
    absorptivity * solar_flux_w_m2 * (sun_view_factor + albedo * earth_view_factor) + emissivity * earth_ir_w_m2 * earth_view_factor
}

/// Equilibrium temperature of a flat radiator, K:
/// T = [ (Q + A q_env) / (n eps sigma A) + T_sink^4 ]^(1/4), sink 3 K.
/// `heat_w` W, `area_m2` one-face area m^2, `sides` radiating faces (1 or 2), `env_w_m2` absorbed
/// environment per m^2 of one face.
pub fn radiator_temp_k(heat_w: f64, area_m2: f64, emissivity: f64, sides: f64, env_w_m2: f64) -> f64 {
    let s4 = SPACE_SINK_K.powi(4);
    let x = (heat_w + area_m2 * env_w_m2) / (sides * emissivity * SIGMA_W_M2_K4 * area_m2) + s4;
    x.sqrt().sqrt()
}

/// Net heat a radiator of one-face area `area_m2` rejects at temperature `temp_k`, W:
/// n eps sigma A (T^4 - T_sink^4) - A q_env.
pub fn radiator_heat_w(temp_k: f64, area_m2: f64, emissivity: f64, sides: f64, env_w_m2: f64) -> f64 {
    let t2 = temp_k * temp_k;
    area_m2 * (sides * emissivity * SIGMA_W_M2_K4 * (t2 * t2 - SPACE_SINK_K.powi(4)) - env_w_m2)
}

/// One-face radiator area needed to reject `heat_w` at temperature `temp_k`, m^2;
/// +inf when the environment alone holds the radiator above `temp_k`.
pub fn radiator_area_m2(heat_w: f64, temp_k: f64, emissivity: f64, sides: f64, env_w_m2: f64) -> f64 {
    let per_m2 = radiator_heat_w(temp_k, 1.0, emissivity, sides, env_w_m2);
    if per_m2 <= 0.0 { f64::INFINITY } else { heat_w / per_m2 }
}
