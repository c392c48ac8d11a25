//! Solar array: cell temperature, electrical output, pointing, degradation.
//!
//! References: Wertz & Larson, SMAD 3rd ed., sec. 11.4 (array sizing, inherent degradation, life
//! degradation (1 - d)^t); Patel, *Spacecraft Power Systems* (2005) ch. 4 (temperature
//! coefficients); Spectrolab XTJ data sheet (triple-junction GaAs, 29.8 % BOL at 28 C AM0).

use crate::constants::SIGMA_W_M2_K4;

/// How the array is pointed at the Sun.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pointing {
    /// Two-axis Sun tracking: normal incidence, cos(theta) = 1.
    TwoAxis,
    /// One axis of rotation along the orbit normal: cos(theta) = cos(beta).
    OneAxis,
    /// Fixed, perpendicular to the orbit plane (dawn-dusk practice): cos(theta) = sin|beta|.
    FixedNormal,
}

impl Pointing {
    pub const NAMES: [&'static str; 3] = ["two_axis", "one_axis", "fixed_normal"];
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "two_axis" => Some(Self::TwoAxis),
            "one_axis" => Some(Self::OneAxis),
            "fixed_normal" => Some(Self::FixedNormal),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Cosine of the Sun's incidence angle on the array for a given beta angle (rad).
pub fn incidence_cos(pointing: Pointing, beta_rad: f64) -> f64 {
    match pointing {
        Pointing::TwoAxis => 1.0,
        Pointing::OneAxis => beta_rad.cos().max(0.0),
        Pointing::FixedNormal => beta_rad.sin().abs(),
    }
}

/// Orbit-average of |cos| of the angle between the velocity and the array normal at beta angle
/// `beta_rad`: the fraction of its area the array presents to the flow. With the Sun
/// s = sin(beta) h + cos(beta) s_p in the orbit frame (h the orbit normal) and the position
/// angle theta from s_p, the velocity is v = cos(theta) q - sin(theta) s_p (q = h x s_p):
/// a two-axis array (normal s) gives |s . v| = cos(beta) |sin theta|, mean (2/pi) cos(beta); a
/// one-axis array (normal s_p) gives (2/pi); an array fixed along the orbit normal is edge-on to
/// the flow (0).
pub fn velocity_projection(pointing: Pointing, beta_rad: f64) -> f64 {
    let two_over_pi = 2.0 / std::f64::consts::PI;
    match pointing {
        Pointing::TwoAxis => two_over_pi * beta_rad.cos().abs(),
        Pointing::OneAxis => two_over_pi,
        Pointing::FixedNormal => 0.0,
    }
}

/// Equilibrium temperature of a Sun-facing array, K, from its radiative balance with the Sun at
/// normal incidence (flux `flux_w_m2`): absorbed alpha S minus the electrical output eta S is
/// re-radiated from the front and back faces: T = [ S (alpha - eta) / ((eps_f + eps_b) sigma) ]^(1/4).
/// (Gilmore vol. 1 ch. 2; Earth IR on the back face is neglected: the array of a dawn-dusk orbit
/// sees the Earth edge-on.)
pub fn array_temp_k(flux_w_m2: f64, absorptivity: f64, electrical_efficiency: f64, front_emissivity: f64, back_emissivity: f64) -> f64 {
    let q = flux_w_m2 * (absorptivity - electrical_efficiency).max(0.0) / ((front_emissivity + back_emissivity) * SIGMA_W_M2_K4);
    q.sqrt().sqrt()
}

/// Electrical power of an array at normal incidence, W:
/// P = S A eta_cell packing inherent (1 + c_T (T_cell - T_ref)) (1 - d_yr)^years  (SMAD eq. 11-5..11-8).
/// Units: S W/m^2, A m^2, c_T 1/K, temperatures K, d_yr 1/yr, years yr.
#[allow(clippy::too_many_arguments)]
pub fn array_power_w(
    flux_w_m2: f64,
    area_m2: f64,
    cell_efficiency: f64,
    packing_factor: f64,
    inherent_efficiency: f64,
    temp_coeff_per_k: f64,
    cell_temp_k: f64,
    ref_temp_k: f64,
    degradation_per_yr: f64,
    years: f64,
) -> f64 {
    let temp = (1.0 + temp_coeff_per_k * (cell_temp_k - ref_temp_k)).max(0.0);
    flux_w_m2 * area_m2 * cell_efficiency * packing_factor * inherent_efficiency * temp * (1.0 - degradation_per_yr).powf(years)
}

/// Lifetime mean of an array's retention (1 - d)^y sampled at the start of each year y = 0, 1,
/// ... of a lifetime of `lifetime_yr` years (a fractional last year weighted by its length), as
/// McCalip's calculator averages it: for a whole number of years N,
/// (1 / N) sum_{y < N} (1 - d)^y = (1 - (1 - d)^N) / (N d). Dimensionless; `degradation_per_yr`
/// in [0, 1), `lifetime_yr` > 0.
pub fn mean_yearly_retention(degradation_per_yr: f64, lifetime_yr: f64) -> f64 {
    let r = 1.0 - degradation_per_yr;
    let whole = lifetime_yr.floor();
    let mut sum = 0.0;
    let mut ry = 1.0;
    let mut y = 0.0;
    while y < whole {
        sum += ry;
        ry *= r;
        y += 1.0;
    }
    (sum + (lifetime_yr - whole) * ry) / lifetime_yr
}
