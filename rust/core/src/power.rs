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

/// Power flows of a spacecraft carrying a constant sunlit load and a constant eclipse load, in an
/// orbit that spends `eclipse_fraction` of its period in shadow (all in W). Every loss is counted
/// once, where it happens: the array regulator (array to bus), distribution (bus to the loads'
/// inputs), charging (bus to the store) and discharging (store to bus).
///
/// In sunlight the array delivers
/// `array_output = load + regulation + distribution + charge loss + stored`, the battery
/// storing what the eclipse will draw: `stored = P_e f / ((1 - f) eta_dis eta_dist)`.
/// Everything the array delivers except the energy put into the store is dissipated on board;
/// in eclipse everything the store gives is dissipated on board. Heat the array sheds itself
/// (cell inefficiency, back-face emission) is not in the ledger: it never reaches the bus.
/// (Energy conservation; the efficiencies' product gives SMAD 3rd ed. eq. 11-5's path
/// efficiencies X_d = eta_reg eta_dist and X_e = eta_reg eta_ch eta_dis eta_dist.)
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ledger {
    /// Electrical output drawn from the array in sunlight.
    pub array_output_w: f64,
    /// Loss in the array regulator (sunlight).
    pub regulation_loss_w: f64,
    /// Loss in distribution to the loads (sunlight).
    pub distribution_loss_w: f64,
    /// Power put into the battery's store in sunlight.
    pub battery_charge_w: f64,
    /// Loss in charging (sunlight).
    pub battery_charge_loss_w: f64,
    /// Loss in discharging (eclipse).
    pub battery_discharge_loss_w: f64,
    /// Heat dissipated on board in sunlight.
    pub dissipation_sunlit_w: f64,
    /// Heat dissipated on board in eclipse.
    pub dissipation_eclipse_w: f64,
}

impl Ledger {
    /// `a` times this ledger plus `b` times `other`, field by field. The ledger is linear in its two
    /// loads, so the ledger of loads (L, L_e) is L x ledger(1, 0) + L_e x ledger(0, 1).
    #[inline(always)]
    pub fn combine(&self, a: f64, other: &Ledger, b: f64) -> Ledger {
        Ledger {
            array_output_w: a * self.array_output_w + b * other.array_output_w,
            regulation_loss_w: a * self.regulation_loss_w + b * other.regulation_loss_w,
            distribution_loss_w: a * self.distribution_loss_w + b * other.distribution_loss_w,
            battery_charge_w: a * self.battery_charge_w + b * other.battery_charge_w,
            battery_charge_loss_w: a * self.battery_charge_loss_w + b * other.battery_charge_loss_w,
            battery_discharge_loss_w: a * self.battery_discharge_loss_w + b * other.battery_discharge_loss_w,
            dissipation_sunlit_w: a * self.dissipation_sunlit_w + b * other.dissipation_sunlit_w,
            dissipation_eclipse_w: a * self.dissipation_eclipse_w + b * other.dissipation_eclipse_w,
        }
    }

    /// The larger of the sunlit and eclipse dissipation: the heat the radiators must reject.
    pub fn dissipation_max_w(&self) -> f64 {
        self.dissipation_sunlit_w.max(self.dissipation_eclipse_w)
    }
}

/// See [`Ledger`]. Loads in W, `eclipse_fraction` in [0, 1), efficiencies in (0, 1].
pub fn ledger(load_w: f64, eclipse_load_w: f64, eclipse_fraction: f64, regulation_eff: f64, distribution_eff: f64, charge_eff: f64, discharge_eff: f64) -> Ledger {
    let f = eclipse_fraction;
    let store_out = if f > 0.0 { eclipse_load_w / (discharge_eff * distribution_eff) } else { 0.0 };
    let stored = if f > 0.0 { store_out * f / (1.0 - f) } else { 0.0 };
    let charge_in = stored / charge_eff;
    let to_loads = load_w / distribution_eff;
    let bus_in = to_loads + charge_in;
    let array_output = bus_in / regulation_eff;
    Ledger {
        array_output_w: array_output,
        regulation_loss_w: array_output - bus_in,
        distribution_loss_w: to_loads - load_w,
        battery_charge_w: stored,
        battery_charge_loss_w: charge_in - stored,
        battery_discharge_loss_w: store_out * (1.0 - discharge_eff),
        dissipation_sunlit_w: array_output - stored,
        dissipation_eclipse_w: store_out,
    }
}
