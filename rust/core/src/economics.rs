//! Economic helpers: capital recovery, launch price learning curve, launched-power price.
//!
//! References: capital recovery factor (any engineering-economics text, e.g. Newnan,
//! *Engineering Economic Analysis*); Wright's law p(M) = p0 (M/M0)^(log2(1 - LR)) and the
//! launched-power price (mass/power) x price / lifetime as in Suncatcher (arXiv:2511.19468,
//! sec. 2.4 and Table 1).

/// Capital recovery factor, 1/yr: r (1+r)^n / ((1+r)^n - 1) = r / (1 - (1+r)^-n); 1/n when
/// r = 0. The denominator is computed as -expm1(-n ln(1+r)), so that a tiny rate tends to 1/n
/// (instead of dividing by a (1+r)^n - 1 that rounds to 0) and a long horizon tends to r
/// (instead of inf / inf).
pub fn capital_recovery_factor(discount_rate: f64, years: f64) -> f64 {
    if discount_rate == 0.0 {
        return 1.0 / years;
    }
    let x = years * discount_rate.ln_1p();
    discount_rate / -(-x).exp_m1()
}

/// Launch price under Wright's law, USD/kg: p0 (M / M0)^(log2(1 - LR)), M cumulative launched
/// mass (kg), (M0, p0) the starting point, LR the learning rate (fraction the price falls per
/// doubling of M). Suncatcher: LR ~ 0.20, p0 = 1,800 USD/kg at M0 = 400 t.
pub fn wright_launch_price_usd_per_kg(cumulative_mass_kg: f64, m0_kg: f64, p0_usd_per_kg: f64, learning_rate: f64) -> f64 {
    p0_usd_per_kg * (cumulative_mass_kg / m0_kg).powf((1.0 - learning_rate).log2())
}

/// Launched-power price, USD per kW-year: (mass / power) x launch price / lifetime
/// (Suncatcher, arXiv:2511.19468). `mass_kg` kg, `power_w` W, price USD/kg, lifetime yr.
pub fn launched_power_usd_per_kw_yr(mass_kg: f64, power_w: f64, launch_price_usd_per_kg: f64, lifetime_yr: f64) -> f64 {
    mass_kg / (power_w / 1000.0) * launch_price_usd_per_kg / lifetime_yr
}

/// Ground electricity spend per kW of IT load per year, USD/(kW yr): price x PUE x hours.
pub fn ground_power_usd_per_kw_yr(price_usd_per_kwh: f64, pue: f64, hours_per_yr: f64) -> f64 {
    price_usd_per_kwh * pue * hours_per_yr
}

/// Present value, per USD of an asset's price, of owning it over a horizon of `horizon_yr` years
/// when it lasts `life_yr` years: bought at t = 0, replaced at every k T < L (k = 1, 2, ...; T the
/// life, L the horizon), and the residual value of the set bought last credited at L by
/// straight-line depreciation, (t_last + T - L) / T of its price. Every cash flow is discounted
/// continuously at `rho` (1/yr, ln(1 + r)):
///
/// F = sum over purchases t_k < L of exp(-rho t_k) - exp(-rho L) (t_last + T - L) / T.
///
/// Without the credit the cost would jump by a whole set as L passes a multiple of T, and an
/// asset that outlives the horizon (a facility of 15 years in a study of 5) would be charged in
/// full. Used for the ground's IT refresh (racks replaced at the end of their 5-6 year
/// depreciation life) and for the ground facility (14-15 years).
pub fn ownership_pv_factor(rho: f64, life_yr: f64, horizon_yr: f64) -> f64 {
    let mut sum = 1.0;
    let mut last = 0.0;
    let mut k = 1.0;
    while k * life_yr < horizon_yr * (1.0 - 1e-12) {
        last = k * life_yr;
        sum += (-rho * last).exp();
        k += 1.0;
    }
    let unused = ((last + life_yr - horizon_yr) / life_yr).max(0.0);
    sum - unused * (-rho * horizon_yr).exp()
}
