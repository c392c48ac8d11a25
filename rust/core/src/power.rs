//! Power balance and energy storage.
//!
//! References: Wertz & Larson, SMAD 3rd ed., sec. 11.4, eq. 11-5 (array power with path
//! efficiencies X_e, X_d: peak-power tracking 0.60 / 0.80, direct energy transfer 0.65 / 0.85)
//! and Table 11-40ff (battery depth of discharge against cycle life); Saft VES180 cycle-life
//! data as summarised for ESA ARTES (about 30 % DoD for ~30,000 LEO cycles).

/// What compute does in eclipse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EclipseStrategy {
    /// Compute runs through eclipse on a battery the array recharges in sunlight.
    Battery,
    /// Compute sleeps in eclipse; only the bus runs, on a small bus battery.
    Throttle,
}

impl EclipseStrategy {
    pub const NAMES: [&'static str; 2] = ["battery", "throttle"];
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "battery" => Some(Self::Battery),
            "throttle" => Some(Self::Throttle),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// SMAD array sizing, W: the array power needed in sunlight to carry `daylight_load_w` for the
/// sunlit time and recharge what `eclipse_load_w` took over the eclipse:
/// P_sa = (P_e T_e / X_e + P_d T_d / X_d) / T_d, with T_e = f T and T_d = (1 - f) T.
pub fn required_array_power_w(eclipse_load_w: f64, daylight_load_w: f64, eclipse_fraction: f64, path_eff_eclipse: f64, path_eff_daylight: f64) -> f64 {
    let f = eclipse_fraction;
    let e = if eclipse_load_w == 0.0 || f == 0.0 { 0.0 } else { eclipse_load_w * f / (path_eff_eclipse * (1.0 - f)) };
    e + daylight_load_w / path_eff_daylight
}

/// Allowed battery depth of discharge for a number of charge/discharge cycles, from a power-law
/// fit of cycle life, DoD(N) = min(dod_max, dod_ref (N / N_ref)^(-k)); `dod_max` when N = 0.
/// Default constants (0.30 at 30,000 cycles, k = 0.2884 so that 1,000 cycles allow 0.80) follow
/// SMAD's Li-ion curve and Saft VES180 LEO data (est.).
pub fn allowed_dod(cycles: f64, dod_ref: f64, cycles_ref: f64, exponent: f64, dod_max: f64) -> f64 {
    if cycles <= 0.0 {
        return dod_max;
    }
    (dod_ref * (cycles / cycles_ref).powf(-exponent)).min(dod_max)
}

/// Battery energy needed to carry `eclipse_load_w` through an eclipse of `eclipse_s` seconds at
/// depth of discharge `dod` with discharge efficiency `eta`, J: E = P_e T_e / (DoD eta).
pub fn battery_energy_j(eclipse_load_w: f64, eclipse_s: f64, dod: f64, eta: f64) -> f64 {
    if eclipse_load_w == 0.0 || eclipse_s == 0.0 { 0.0 } else { eclipse_load_w * eclipse_s / (dod * eta) }
}
