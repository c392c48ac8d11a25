//! Compute delivered by racks that fail without repair, with cold spares, under continuous
//! discounting.
//!
//! Fluid (mean-value) model: cold spares replace failed racks until they run out at
//! t_s = S / (N lambda); after that the N working racks decay as exp(-lambda (t - t_s)). With no
//! spares the delivered rack-time is N (1 - exp(-lambda L)) / lambda, whose inverse per unit of
//! hardware is the lifetime penalty lambda L / (1 - exp(-lambda L)) of Turyshev
//! (arXiv:2604.27197) (1.27 at lambda = 0.1/yr, L = 5 yr).

/// Integral of exp(-k t) over [0, T]: (1 - exp(-k T)) / k, T when k = 0. Units of T.
#[inline]
pub fn exp_integral(k: f64, t: f64) -> f64 {
    if k == 0.0 { t } else { -(-k * t).exp_m1() / k }
}

/// Continuous discount rate rho = ln(1 + r), 1/yr, for an annual rate r.
#[inline]
pub fn continuous_rate(discount_rate: f64) -> f64 {
    discount_rate.ln_1p()
}

/// Working-rack history of `racks` powered racks plus `spares` cold spares failing at
/// `failure_rate_per_yr` over `lifetime_yr`, discounted at continuous rate `rho_per_yr`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Survival {
    /// Mean working rack-years over the lifetime.
    pub rack_years: f64,
    /// Present value of working rack-years (discounted at rho).
    pub pv_rack_years: f64,
    /// Fraction of the racks working at end of life.
    pub working_fraction_eol: f64,
    /// Time the spares last, yr (infinite when nothing fails).
    pub spares_exhausted_yr: f64,
}

/// See [`Survival`]. `racks` >= 1, `spares` >= 0, rates in 1/yr, times in yr.
pub fn survival(racks: f64, spares: f64, failure_rate_per_yr: f64, lifetime_yr: f64, rho_per_yr: f64) -> Survival {
    let lam = failure_rate_per_yr;
    let l = lifetime_yr;
    let ts = if lam > 0.0 { spares / (racks * lam) } else { f64::INFINITY };
    if ts >= l {
        Survival { rack_years: racks * l, pv_rack_years: racks * exp_integral(rho_per_yr, l), working_fraction_eol: 1.0, spares_exhausted_yr: ts }
    } else {
        let rest = l - ts;
        Survival {
            rack_years: racks * (ts + exp_integral(lam, rest)),
            pv_rack_years: racks * (exp_integral(rho_per_yr, ts) + (-rho_per_yr * ts).exp() * exp_integral(lam + rho_per_yr, rest)),
            working_fraction_eol: (-lam * rest).exp(),
            spares_exhausted_yr: ts,
        }
    }
}

/// Lifetime penalty of hardware that is not repaired, lambda L / (1 - exp(-lambda L))
/// (Turyshev, arXiv:2604.27197): how much more each delivered unit costs than with repair.
pub fn lifetime_penalty(failure_rate_per_yr: f64, lifetime_yr: f64) -> f64 {
    lifetime_yr / exp_integral(failure_rate_per_yr, lifetime_yr)
}

/// Arrhenius acceleration of a failure rate at temperature `temp_k` (K) relative to `ref_temp_k`
/// (K), for activation energy `activation_energy_ev` (eV): exp(Ea / k_B (1/T_ref - 1/T)), k_B the
/// Boltzmann constant in eV/K (JEDEC JEP122, the temperature-acceleration model of semiconductor
/// wear-out). 1 when Ea = 0; above 1 when hotter than the reference.
pub fn arrhenius_factor(activation_energy_ev: f64, ref_temp_k: f64, temp_k: f64) -> f64 {
    if activation_energy_ev == 0.0 {
        1.0
    } else {
        (activation_energy_ev / crate::constants::BOLTZMANN_EV_K * (1.0 / ref_temp_k - 1.0 / temp_k)).exp()
    }
}
