//! The mission tier: the whole lifetime day by day.
//!
//! For each day: the Sun's position (Astronomical Almanac low-precision formulae,
//! [`orbit::sun_position`]), the orbit's node (sun-synchronous from the LTAN, or drifting at the
//! secular J2 rate for other inclinations, Vallado eq. 9-41), the beta angle, the eclipse (the
//! scenario's shadow model) and the seasonal solar flux ([`orbit::solar_flux_w_m2`]). Within one
//! representative orbit of the day (sunlight from eclipse exit, then eclipse) the battery state
//! of charge and a lumped radiator temperature, C dT/dt = Q_in - Q_out (Gilmore vol. 1 ch. 5,
//! lumped-capacitance node), are stepped in time under the eclipse strategy; the battery and
//! radiator state carry over from one day to the next. Arrays degrade as (1 - d)^t (SMAD eq.
//! 11-8). Racks fail as in [`crate::compute::survival`]'s fluid (mean-value) model: cold spares
//! replace failed racks until they run out at t_s = S / (N lambda), after which the expected
//! number of working racks is N exp(-lambda (t - t_s)); the mission tier samples that expected
//! value at each day's midpoint. Compute is throttled when the array and battery cannot carry
//! it, or when the radiator is at its temperature limit: then to the fraction at which every
//! watt dissipated on board (the energy ledger's heat, charging losses included) is what the
//! radiator rejects at its limit. The radiator's coating goes linearly from its beginning- to its
//! end-of-life properties over the lifetime: the end of life the coating's values describe is the
//! end of this mission, the condition the analytic tier sizes the radiator for.
//!
//! Costs (capital and operations) are the analytic tier's ([`crate::model::evaluate_prepared`]);
//! delivered FLOP are discounted continuously at rho = ln(1 + r) as in the analytic tier.
//!
//! The geometry of every day depends on the scenario only and is computed once in
//! [`MissionPrepared`]; each design then costs only the time stepping.

use crate::batch::Column;
use crate::constants::*;
use crate::error::InputError;
use crate::model::{evaluate_prepared, inclination_rad, Prepared};
use crate::orbit::{self, Shadow};
use crate::power::EclipseStrategy;
use crate::scenario::{check_design_value, Design, OrbitKind, Scenario};
use crate::solar;
use crate::thermal;
use rayon::prelude::*;

/// Scenario-only geometry of one day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayGeometry {
    /// Beta angle, rad.
    pub beta_rad: f64,
    /// Eclipse duration with the scenario's shadow model, s.
    pub eclipse_s: f64,
    /// Eclipse fraction with the cylindrical shadow (for the sunlit-fraction comparison).
    pub eclipse_fraction_cylindrical: f64,
    /// Solar flux over the solar constant (Earth-Sun distance).
    pub flux_ratio: f64,
    /// Array output per m^2 in sunlight before degradation, W/m^2 (flux, pointing, cells).
    pub array_w_m2: f64,
}

/// Per-day geometry of a calendar year or a lifetime, from Julian-date day 0.5 onwards.
#[allow(clippy::too_many_arguments)]
pub fn day_geometry(
    altitude_m: f64,
    kind: OrbitKind,
    inclination_rad: f64,
    ltan_h: f64,
    shadow: Shadow,
    pointing: solar::Pointing,
    start_year: i32,
    days: usize,
    array_w_m2_at_s0: f64,
) -> Vec<DayGeometry> {
    let jd0 = orbit::julian_date_jan1(start_year);
    let period = orbit::period_s(altitude_m);
    let node_rate = orbit::nodal_rate_rad_s(altitude_m, inclination_rad);
    let sun0 = orbit::sun_position(jd0 + 0.5);
    let raan0 = orbit::sso_raan_rad(ltan_h, &sun0);
    (0..days)
        .map(|k| {
            let jd = jd0 + k as f64 + 0.5;
            let sun = orbit::sun_position(jd);
            let raan = match kind {
                OrbitKind::Sso => orbit::sso_raan_rad(ltan_h, &sun),
                OrbitKind::Inclined => raan0 + node_rate * k as f64 * DAY_S,
            };
            let beta = orbit::beta_angle_eps_rad(inclination_rad, raan, sun.ecliptic_longitude_rad, sun.obliquity_rad);
            let f = orbit::eclipse_fraction(altitude_m, beta, shadow, sun.distance_m);
            let fc = orbit::eclipse_fraction(altitude_m, beta, Shadow::Cylindrical, sun.distance_m);
            // Day of the calendar year (1 = 1 January) for the seasonal flux.
            let doy = (jd - orbit::julian_date_jan1(start_year)).rem_euclid(365.2422) + 0.5;
            let flux_ratio = orbit::solar_flux_w_m2(1.0, doy);
            DayGeometry {
                beta_rad: beta,
                eclipse_s: f * period,
                eclipse_fraction_cylindrical: fc,
                flux_ratio,
                array_w_m2: array_w_m2_at_s0 * flux_ratio * solar::incidence_cos(pointing, beta),
            }
        })
        .collect()
}

/// Beta angle (rad) and cylindrical-shadow eclipse duration (s) of a sun-synchronous orbit for
/// every day of calendar year `year` (365 or 366 days, each sampled at 12h UT).
pub fn sun_synchronous_year(altitude_m: f64, ltan_h: f64, year: i32) -> Result<(Vec<f64>, Vec<f64>), InputError> {
    if !(altitude_m.is_finite() && altitude_m >= MIN_ALTITUDE_M) {
        return Err(InputError::number("altitude_m", altitude_m, "must be a finite altitude of at least 100 km (100000 m)"));
    }
    let inc = orbit::sso_inclination_rad(altitude_m)
        .ok_or_else(|| InputError::number("altitude_m", altitude_m, "is too high for a sun-synchronous orbit (no inclination gives the required J2 node rate)"))?;
    if !(ltan_h.is_finite() && (0.0..=24.0).contains(&ltan_h)) {
        return Err(InputError::number("ltan_h", ltan_h, "must be a local time in [0, 24] h"));
    }
    if !(1950..=2200).contains(&year) {
        return Err(InputError::number("year", year as f64, "must be a year in [1950, 2200] (range of the low-precision solar ephemeris and of the scenario)"));
    }
    let days = (orbit::julian_date_jan1(year + 1) - orbit::julian_date_jan1(year)).round() as usize;
    let g = day_geometry(altitude_m, OrbitKind::Sso, inc, ltan_h, Shadow::Cylindrical, solar::Pointing::TwoAxis, year, days, 0.0);
    Ok((g.iter().map(|d| d.beta_rad).collect(), g.iter().map(|d| d.eclipse_s).collect()))
}

/// Everything of a scenario the mission tier needs that does not depend on the design.
#[derive(Clone, Debug)]
pub struct MissionPrepared {
    pub pr: Prepared,
    pub days: Vec<DayGeometry>,
    /// Array degradation factor (1 - d)^t at each day's midpoint.
    pub degradation: Vec<f64>,
    /// Discount factor exp(-rho t) at each day's midpoint.
    pub discount: Vec<f64>,
    /// Radiator environment (W/m^2 of one face) in sunlight and in eclipse, each day, with the
    /// coating interpolated linearly from beginning to end of life (the end of the lifetime).
    pub env_sun_w_m2: Vec<f64>,
    pub env_ecl_w_m2: Vec<f64>,
    /// Radiator emissivity each day (linear from beginning to end of life).
    pub emissivity: Vec<f64>,
    pub period_s: f64,
    pub steps: usize,
}

impl MissionPrepared {
    /// Prepare a scenario for the mission tier (validates it).
    pub fn new(s: &Scenario) -> Result<MissionPrepared, InputError> {
        let pr = Prepared::new(s)?;
        Ok(Self::from_prepared(s, pr))
    }

    /// Build from an analytic-tier preparation of the same scenario.
    pub fn from_prepared(s: &Scenario, pr: Prepared) -> MissionPrepared {
        let p = &pr.p;
        let n_days = ((p.lifetime_yr * YEAR_S / DAY_S).round() as usize).max(1);
        let inc = inclination_rad(p, s.orbit_kind);
        let days = day_geometry(p.altitude_m, s.orbit_kind, inc, p.ltan_h, s.shadow, s.pointing, p.start_year as i32, n_days, pr.p_bol_per_m2);
        let mut degradation = Vec::with_capacity(n_days);
        let mut discount = Vec::with_capacity(n_days);
        let mut env_sun = Vec::with_capacity(n_days);
        let mut env_ecl = Vec::with_capacity(n_days);
        let mut emissivity = Vec::with_capacity(n_days);
        let life_days = n_days as f64;
        for (k, g) in days.iter().enumerate() {
            let t_yr = (k as f64 + 0.5) * DAY_S / YEAR_S;
            let u = ((k as f64 + 0.5) / life_days).clamp(0.0, 1.0);
            degradation.push((1.0 - p.array_degradation_per_yr).powf(t_yr));
            discount.push((-pr.rho * t_yr).exp());
            let a = p.radiator_absorptivity_bol + u * (p.radiator_absorptivity_eol - p.radiator_absorptivity_bol);
            let e = p.radiator_emissivity_bol + u * (p.radiator_emissivity_eol - p.radiator_emissivity_bol);
            let s_w = p.solar_constant_w_m2 * g.flux_ratio;
            env_sun.push(thermal::environment_heat_w_m2(a, e, s_w, p.radiator_sun_view_factor, p.albedo, pr.earth_vf, p.earth_ir_w_m2));
            env_ecl.push(thermal::environment_heat_w_m2(a, e, 0.0, 0.0, 0.0, pr.earth_vf, p.earth_ir_w_m2));
            emissivity.push(e);
        }
        let period_s = orbit::period_s(p.altitude_m);
        let steps = p.steps_per_orbit as usize;
        MissionPrepared { pr, days, degradation, discount, env_sun_w_m2: env_sun, env_ecl_w_m2: env_ecl, emissivity, period_s, steps }
    }
}

/// Lifetime totals of one design on the mission tier.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct MissionTotals {
    /// Delivered FLOP over the lifetime.
    pub delivered_flop: f64,
    /// Present value of delivered FLOP (continuous discounting at ln(1 + r)).
    pub pv_flop: f64,
    /// Delivered FLOP over the nominal (all racks, full compute, whole lifetime), 0..1.
    pub availability: f64,
    /// Present value of cost (analytic tier's capital and operations), USD.
    pub pv_cost_usd: f64,
    /// pv_cost_usd / pv_flop, USD/FLOP.
    pub cost_per_flop_usd: f64,
    /// Lowest battery state of charge over the lifetime, 0..1.
    pub soc_min: f64,
    /// Highest and lowest radiator temperature over the lifetime, K.
    pub radiator_temp_max_k: f64,
    pub radiator_temp_min_k: f64,
    /// Time-weighted mean compute fraction while racks work (throttling), 0..1.
    pub compute_fraction_mean: f64,
    /// Load energy that could not be served at all (battery empty), J.
    pub unserved_energy_j: f64,
    /// Working racks at end of life (expected value).
    pub working_racks_eol: f64,
    /// Battery capacity used, J (the design's, or sized as in the analytic tier).
    pub battery_energy_j: f64,
}

/// Per-day outputs of one design on the mission tier (each vector has one entry per day).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MissionDays {
    pub beta_rad: Vec<f64>,
    pub eclipse_s: Vec<f64>,
    /// Array output in sunlight, W (flux, pointing, degradation).
    pub array_power_w: Vec<f64>,
    /// Orbit-average electrical load served, W.
    pub load_w: Vec<f64>,
    pub soc_min: Vec<f64>,
    /// Deepest discharge of the day: state of charge at eclipse entry minus the day's minimum.
    pub discharge_depth: Vec<f64>,
    pub radiator_temp_min_k: Vec<f64>,
    pub radiator_temp_max_k: Vec<f64>,
    pub working_racks: Vec<f64>,
    /// Orbit-average compute fraction (1 = every working rack at full compute).
    pub compute_fraction: Vec<f64>,
    pub delivered_flop: Vec<f64>,
}

/// Energy bookkeeping and traces of one representative orbit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrbitTrace {
    pub time_s: Vec<f64>,
    pub soc: Vec<f64>,
    pub radiator_temp_k: Vec<f64>,
    pub compute_fraction: Vec<f64>,
    /// Array energy produced, J.
    pub array_j: f64,
    /// Array energy fed directly to loads (before the daylight path loss), J.
    pub array_to_load_j: f64,
    /// Array energy sent to the battery, J.
    pub array_to_battery_j: f64,
    /// Array energy not used (battery full), J.
    pub curtailed_j: f64,
    /// Energy added to / taken from the battery's store, J.
    pub stored_in_j: f64,
    pub stored_out_j: f64,
    pub battery_start_j: f64,
    pub battery_end_j: f64,
    /// Load energy served and unserved, J.
    pub load_j: f64,
    pub unserved_j: f64,
}

/// Design-dependent constants of the time stepping.
struct Sim {
    bus_w: f64,
    slope_per_rack_w: f64,
    x_d: f64,
    eta_dis: f64,
    eta_ch: f64,
    cap_j: f64,
    floor_j: f64,
    area: f64,
    /// Radiator heat capacity per m^2, J/(m^2 K): areal density x specific heat.
    heat_cap_per_m2: f64,
    heat_cap_per_rack: f64,
    sides: f64,
    limit_k: f64,
    throttle: bool,
}

/// State carried from step to step and day to day.
#[derive(Clone, Copy)]
struct State {
    e_j: f64,
    t_k: f64,
}

#[derive(Default, Clone, Copy)]
struct DayResult {
    soc_min: f64,
    depth: f64,
    t_min: f64,
    t_max: f64,
    x_mean: f64,
    load_j: f64,
    unserved_j: f64,
    array_j: f64,
    array_to_load_j: f64,
    array_to_battery_j: f64,
    curtailed_j: f64,
    stored_in_j: f64,
    stored_out_j: f64,
}

impl Sim {
    /// One orbit: sunlight then eclipse. `array_w` array output in sunlight (W), `racks_w`
    /// working racks, `env_sun`/`env_ecl` radiator environment (W/m^2), `eps` emissivity.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn orbit(&self, st: &mut State, period_s: f64, f: f64, steps: usize, array_w: f64, racks_w: f64, env_sun: f64, env_ecl: f64, eps: f64, mut trace: Option<&mut OrbitTrace>) -> DayResult {
        let slope = self.slope_per_rack_w * racks_w;
        let c = self.heat_cap_per_m2 * self.area + self.heat_cap_per_rack * racks_w;
        let g = self.sides * eps * SIGMA_W_M2_K4 * self.area;
        let sink4 = SPACE_SINK_K.powi(4);
        // Largest heat (W) the radiator rejects at its limit: above the limit compute is capped.
        let q_limit_sun = self.area * thermal::radiator_heat_w(self.limit_k, 1.0, eps, self.sides, env_sun);
        let q_limit_ecl = self.area * thermal::radiator_heat_w(self.limit_k, 1.0, eps, self.sides, env_ecl);
        // An orbit without eclipse has constant inputs: its steps only resolve the relaxation of
        // the battery and radiator from the previous day, which a few backward-Euler steps do.
        let n_sun = if f > 0.0 { ((steps as f64 * (1.0 - f)).round() as usize).max(1) } else { (steps / 8).max(4) };
        let n_ecl = if f > 0.0 { ((steps as f64 * f).round() as usize).max(1) } else { 0 };
        let dt_sun = (1.0 - f) * period_s / n_sun as f64;
        let dt_ecl = if n_ecl > 0 { f * period_s / n_ecl as f64 } else { 0.0 };
        let mut r = DayResult { soc_min: st.e_j, t_min: st.t_k, t_max: st.t_k, ..Default::default() };
        let mut e_entry = st.e_j;
        let mut x_time = 0.0;
        let mut t_now = 0.0;
        if let Some(tr) = trace.as_deref_mut() {
            tr.battery_start_j = st.e_j;
            tr.time_s.push(0.0);
            tr.soc.push(self.soc(st.e_j));
            tr.radiator_temp_k.push(st.t_k);
        }
        for k in 0..(n_sun + n_ecl) {
            let sunlit = k < n_sun;
            if k == n_sun {
                e_entry = st.e_j;
            }
            let (dt, p_arr, env, q_lim) = if sunlit { (dt_sun, array_w, env_sun, q_limit_sun) } else { (dt_ecl, 0.0, env_ecl, q_limit_ecl) };
            // Compute cap: strategy, then temperature. At or above its limit the radiator may take
            // no more heat than it rejects at the limit: every watt the step dissipates counts
            // (the load's conversion losses and the charging losses alike).
            let mut x_cap: f64 = if !sunlit && self.throttle { 0.0 } else { 1.0 };
            if st.t_k >= self.limit_k && slope > 0.0 {
                let load_max = self.load_for_heat(q_lim, p_arr, st.e_j, dt);
                x_cap = x_cap.min(((load_max - self.bus_w) / slope).clamp(0.0, 1.0));
            }
            // Power: array first (daylight path), then the battery down to its floor.
            let p_direct = p_arr * self.x_d;
            let batt_w = (st.e_j - self.floor_j).max(0.0) * self.eta_dis / dt;
            let avail = p_direct + batt_w;
            let x = if slope <= 0.0 {
                0.0
            } else if avail >= self.bus_w + slope * x_cap {
                x_cap
            } else {
                ((avail - self.bus_w) / slope).clamp(0.0, x_cap)
            };
            let load = self.bus_w + slope * x;
            let mut served = load;
            // Heat dissipated on board this step, J: every joule the array delivers or the store
            // gives, less what goes into the store (energy ledger, see `power::ledger`).
            let heat_j;
            if load > p_direct {
                let mut draw = (load - p_direct) / self.eta_dis * dt;
                if draw > st.e_j {
                    let short = (draw - st.e_j) * self.eta_dis;
                    r.unserved_j += short;
                    served -= short / dt;
                    draw = st.e_j;
                }
                st.e_j -= draw;
                r.stored_out_j += draw;
                r.array_to_load_j += p_arr * dt;
                heat_j = p_arr * dt + draw;
            } else {
                let surplus = (p_arr - load / self.x_d).max(0.0);
                let room = self.cap_j - st.e_j;
                let put = (surplus * dt * self.eta_ch).min(room).max(0.0);
                st.e_j += put;
                r.stored_in_j += put;
                let to_batt = if self.eta_ch > 0.0 { put / self.eta_ch } else { 0.0 };
                r.array_to_battery_j += to_batt;
                r.array_to_load_j += load / self.x_d * dt;
                r.curtailed_j += (p_arr * dt - load / self.x_d * dt - to_batt).max(0.0);
                heat_j = load / self.x_d * dt + to_batt - put;
            }
            r.array_j += p_arr * dt;
            r.load_j += served * dt;
            x_time += x * dt;
            // Radiator node, backward Euler linearised in T^4 (stable for any step).
            let t = st.t_k;
            let t3 = t * t * t;
            let q_out = g * (t3 * t - sink4);
            let heat_w = heat_j / dt;
            let q_in = heat_w + self.area * env;
            let t_new = if c > 0.0 { t + dt * (q_in - q_out) / (c + dt * 4.0 * g * t3) } else { thermal::radiator_temp_k(heat_w, self.area, eps, self.sides, env) };
            st.t_k = t_new.max(SPACE_SINK_K);
            r.soc_min = r.soc_min.min(st.e_j);
            r.t_min = r.t_min.min(st.t_k);
            r.t_max = r.t_max.max(st.t_k);
            t_now += dt;
            if let Some(tr) = trace.as_deref_mut() {
                tr.time_s.push(t_now);
                tr.soc.push(self.soc(st.e_j));
                tr.radiator_temp_k.push(st.t_k);
                tr.compute_fraction.push(x);
            }
        }
        if n_ecl == 0 {
            e_entry = st.e_j;
        }
        r.depth = if self.cap_j > 0.0 { (e_entry - r.soc_min).max(0.0) / self.cap_j } else { 0.0 };
        r.soc_min = self.soc(r.soc_min);
        r.x_mean = (x_time / period_s).min(1.0);
        if let Some(tr) = trace {
            tr.battery_end_j = st.e_j;
            tr.array_j = r.array_j;
            tr.array_to_load_j = r.array_to_load_j;
            tr.array_to_battery_j = r.array_to_battery_j;
            tr.curtailed_j = r.curtailed_j;
            tr.stored_in_j = r.stored_in_j;
            tr.stored_out_j = r.stored_out_j;
            tr.load_j = r.load_j;
            tr.unserved_j = r.unserved_j;
        }
        r
    }

    /// Largest load (W) whose heat in a step of `dt` s, counted as the step below counts it, is
    /// at most `q_w` (W); +inf when no load makes that much heat. With `L_d = P_arr X_d` and
    /// `k = (1 - eta_ch) / eta_ch`, the heat of load `L` is continuous and non-decreasing:
    ///
    /// - store full or filling up within the step (`L <= L_f = X_d (P_arr - room / (eta_ch dt))`):
    ///   `L / X_d + k room / dt` (`room` = capacity - energy; 0 when full);
    /// - store charging (`L_f <= L <= L_d`): `L / X_d + (1 - eta_ch) (P_arr - L / X_d)`;
    /// - store discharging (`L > L_d`): `P_arr + (L - L_d) / eta_sl`, until the store empties
    ///   within the step (`P_arr + E / dt` beyond).
    ///
    /// Each piece is inverted in closed form.
    #[inline]
    fn load_for_heat(&self, q_w: f64, p_arr: f64, e_j: f64, dt: f64) -> f64 {
        let l_direct = p_arr * self.x_d;
        if q_w >= p_arr {
            // The store must help: heat P_arr + (L - L_d) / eta_sl, at most P_arr + E / dt.
            if q_w >= p_arr + e_j / dt {
                f64::INFINITY
            } else {
                l_direct + (q_w - p_arr) * self.eta_dis
            }
        } else {
            let room = (self.cap_j - e_j).max(0.0);
            let k = (1.0 - self.eta_ch) / self.eta_ch;
            let l_fill = self.x_d * (p_arr - room / (self.eta_ch * dt));
            if l_fill > 0.0 && q_w < l_fill / self.x_d + k * room / dt {
                self.x_d * (q_w - k * room / dt)
            } else if room > 0.0 {
                self.x_d * (q_w - (1.0 - self.eta_ch) * p_arr) / self.eta_ch
            } else {
                self.x_d * q_w
            }
        }
    }

    #[inline]
    fn soc(&self, e: f64) -> f64 {
        if self.cap_j > 0.0 { (e / self.cap_j).clamp(0.0, 1.0) } else { 0.0 }
    }
}

/// Evaluate one design over the lifetime. `days_out` receives the per-day arrays when given;
/// `trace_day` records the time steps of that day's orbit into `trace`.
pub fn simulate(mp: &MissionPrepared, d: &Design, mut days_out: Option<&mut MissionDays>, trace_day: Option<usize>, mut trace: Option<&mut OrbitTrace>) -> MissionTotals {
    let pr = &mp.pr;
    let p = &pr.p;
    let a = evaluate_prepared(pr, d);
    let n = d.racks;
    let cap = a.battery_energy_j;
    let throttle = pr.strategy == EclipseStrategy::Throttle;
    let sim = Sim {
        bus_w: p.bus_fixed_w,
        slope_per_rack_w: (1.0 + p.bus_fraction) * p.rack_power_w,
        x_d: pr.x_d,
        // Store to load: discharge then distribution; array to store: regulation then charge.
        // The round trip array -> battery -> load is X_e.
        eta_dis: pr.store_to_load,
        eta_ch: p.regulation_efficiency * p.battery_charge_efficiency,
        cap_j: cap,
        floor_j: cap * (1.0 - pr.dod_allowed),
        area: d.radiator_area_m2,
        heat_cap_per_m2: p.radiator_areal_density_kg_m2 * p.radiator_specific_heat_j_kg_k,
        heat_cap_per_rack: p.rack_heat_capacity_j_k,
        sides: p.radiator_sides,
        limit_k: pr.radiator_limit_k,
        throttle,
    };
    // Start: battery full, radiator at its equilibrium under the sunlit dissipation it carries:
    // the analytic tier's at full compute, or what it rejects at its limit when that is less
    // (the compute cap holds it there), so that it starts at most at its limit.
    let t_full = thermal::radiator_temp_k(a.dissipation_sunlit_w, d.radiator_area_m2, mp.emissivity[0], p.radiator_sides, mp.env_sun_w_m2[0]);
    let mut st = State { e_j: cap, t_k: t_full.min(sim.limit_k) };
    // Failures at the analytic tier's junction temperature (Arrhenius; see `failure_activation_energy_ev`).
    let lam = a.failure_rate_effective_per_yr;
    let ts_yr = if lam > 0.0 { d.spare_racks / (n * lam) } else { f64::INFINITY };
    let flop_per_rack_s = p.rack_peak_flops * p.utilisation * (1.0 - p.radiation_derate);
    let orbits_per_day = DAY_S / mp.period_s;
    let mut tot = MissionTotals { soc_min: 1.0, radiator_temp_max_k: f64::NEG_INFINITY, radiator_temp_min_k: f64::INFINITY, battery_energy_j: cap, ..Default::default() };
    let mut x_weight = 0.0;
    let n_days = mp.days.len();
    if let Some(o) = days_out.as_deref_mut() {
        *o = MissionDays::default();
    }
    let mut working = n;
    for (k, g) in mp.days.iter().enumerate() {
        let t_yr = (k as f64 + 0.5) * DAY_S / YEAR_S;
        working = if t_yr <= ts_yr { n } else { n * (-lam * (t_yr - ts_yr)).exp() };
        let f = g.eclipse_s / mp.period_s;
        let array_w = d.array_area_m2 * g.array_w_m2 * mp.degradation[k];
        let tr = if trace_day == Some(k) { trace.as_deref_mut() } else { None };
        let r = sim.orbit(&mut st, mp.period_s, f, mp.steps, array_w, working, mp.env_sun_w_m2[k], mp.env_ecl_w_m2[k], mp.emissivity[k], tr);
        let flop = working * flop_per_rack_s * r.x_mean * DAY_S;
        tot.delivered_flop += flop;
        tot.pv_flop += flop * mp.discount[k];
        tot.soc_min = tot.soc_min.min(r.soc_min);
        tot.radiator_temp_max_k = tot.radiator_temp_max_k.max(r.t_max);
        tot.radiator_temp_min_k = tot.radiator_temp_min_k.min(r.t_min);
        tot.unserved_energy_j += r.unserved_j * orbits_per_day;
        tot.compute_fraction_mean += r.x_mean * working;
        x_weight += working;
        if let Some(o) = days_out.as_deref_mut() {
            o.beta_rad.push(g.beta_rad);
            o.eclipse_s.push(g.eclipse_s);
            o.array_power_w.push(array_w);
            o.load_w.push(r.load_j / mp.period_s);
            o.soc_min.push(r.soc_min);
            o.discharge_depth.push(r.depth);
            o.radiator_temp_min_k.push(r.t_min);
            o.radiator_temp_max_k.push(r.t_max);
            o.working_racks.push(working);
            o.compute_fraction.push(r.x_mean);
            o.delivered_flop.push(flop);
        }
    }
    let nominal = n * flop_per_rack_s * n_days as f64 * DAY_S;
    tot.availability = if nominal > 0.0 { tot.delivered_flop / nominal } else { 0.0 };
    tot.compute_fraction_mean = if x_weight > 0.0 { tot.compute_fraction_mean / x_weight } else { 0.0 };
    tot.pv_cost_usd = a.pv_cost_usd;
    tot.cost_per_flop_usd = if tot.pv_flop > 0.0 { a.pv_cost_usd / tot.pv_flop } else { f64::INFINITY };
    tot.working_racks_eol = working;
    tot
}

/// Evaluate one design (validates the design and the scenario).
pub fn evaluate(s: &Scenario, d: &Design) -> Result<(MissionTotals, MissionDays), InputError> {
    d.validate()?;
    let mp = MissionPrepared::new(s)?;
    let mut days = MissionDays::default();
    let t = simulate(&mp, d, Some(&mut days), None, None);
    Ok((t, days))
}

/// Names of the lifetime totals returned by [`evaluate_batch`], in column order.
pub const TOTAL_NAMES: [&str; 12] = [
    "delivered_flop",
    "pv_flop",
    "availability",
    "pv_cost_usd",
    "cost_per_flop_usd",
    "soc_min",
    "radiator_temp_max_k",
    "radiator_temp_min_k",
    "compute_fraction_mean",
    "unserved_energy_j",
    "working_racks_eol",
    "battery_energy_j",
];

impl MissionTotals {
    pub fn to_array(&self) -> [f64; 12] {
        [
            self.delivered_flop,
            self.pv_flop,
            self.availability,
            self.pv_cost_usd,
            self.cost_per_flop_usd,
            self.soc_min,
            self.radiator_temp_max_k,
            self.radiator_temp_min_k,
            self.compute_fraction_mean,
            self.unserved_energy_j,
            self.working_racks_eol,
            self.battery_energy_j,
        ]
    }
}

/// Lifetime totals of many designs, in parallel on [`crate::parallel::pool`]. `design` holds the
/// columns in `scenario::DESIGN_FIELDS` order (`None`: the scenario's design value; for the
/// battery, sized as in the analytic tier). Returns one row of [`TOTAL_NAMES`] per design, or
/// the first invalid design's field and value (with its index).
pub fn evaluate_batch(mp: &MissionPrepared, base: &Design, len: usize, design: &[Option<Column>; 5]) -> Result<Vec<[f64; 12]>, InputError> {
    let get = |j: usize, i: usize, dflt: f64| design[j].map(|c| c.get(i)).unwrap_or(dflt);
    let build = |i: usize| -> Result<Design, InputError> {
        let mut d = *base;
        d.array_area_m2 = get(0, i, d.array_area_m2);
        d.radiator_area_m2 = get(1, i, d.radiator_area_m2);
        d.racks = get(2, i, d.racks);
        d.spare_racks = get(3, i, d.spare_racks);
        if let Some(c) = design[4] {
            let v = c.get(i);
            d.battery_energy_j = if v.is_nan() { None } else { Some(v) };
        }
        for (j, v) in [d.array_area_m2, d.radiator_area_m2, d.racks, d.spare_racks].into_iter().enumerate() {
            check_design_value(j, v).map_err(|e| e.at(i))?;
        }
        if let Some(b) = d.battery_energy_j {
            check_design_value(4, b).map_err(|e| e.at(i))?;
        }
        Ok(d)
    };
    let pool = crate::parallel::pool();
    pool.install(|| {
        (0..len)
            .into_par_iter()
            .with_min_len(8)
            .map(|i| build(i).map(|d| simulate(mp, &d, None, None, None).to_array()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sso_year_has_every_day_and_a_dawn_dusk_summer_season() {
        let (b, e) = sun_synchronous_year(550e3, 18.0, 2027).unwrap();
        assert_eq!(b.len(), 365);
        assert_eq!(sun_synchronous_year(550e3, 18.0, 2028).unwrap().0.len(), 366);
        let first = e.iter().position(|&x| x > 0.0).unwrap() + 1;
        let last = e.iter().rposition(|&x| x > 0.0).unwrap() + 1;
        // Around the June solstice (day 172), inside April-September.
        assert!(first > 91 && first < 172 && last > 172 && last < 274, "{first} {last}");
        assert!(sun_synchronous_year(7.0e6, 18.0, 2027).is_err());
        assert!(sun_synchronous_year(550e3, -1.0, 2027).is_err());
    }

    #[test]
    fn orbit_energy_balances_and_soc_stays_in_range() {
        let mut s = Scenario::default();
        s.params.ltan_h = 10.5;
        s.params.lifetime_yr = 0.05;
        let mp = MissionPrepared::new(&s).unwrap();
        for battery in [1e8, 1e9, 1e10] {
            let d = Design { battery_energy_j: Some(battery), ..s.design };
            let mut tr = OrbitTrace::default();
            let mut days = MissionDays::default();
            simulate(&mp, &d, Some(&mut days), Some(3), Some(&mut tr));
            let scale = tr.array_j.max(battery);
            assert!((tr.battery_end_j - tr.battery_start_j - (tr.stored_in_j - tr.stored_out_j)).abs() < 1e-9 * scale);
            assert!((tr.array_j - tr.array_to_load_j - tr.array_to_battery_j - tr.curtailed_j).abs() < 1e-9 * scale);
            assert!(tr.soc.iter().chain(days.soc_min.iter()).all(|&x| (0.0..=1.0).contains(&x)));
        }
    }

    /// Heat (W) of one step at load `load_w`, as `Sim::orbit` counts it (a copy of its ledger).
    fn step_heat_w(sim: &Sim, load_w: f64, p_arr: f64, e_j: f64, dt: f64) -> f64 {
        let p_direct = p_arr * sim.x_d;
        if load_w > p_direct {
            let draw = ((load_w - p_direct) / sim.eta_dis * dt).min(e_j);
            p_arr + draw / dt
        } else {
            let surplus = (p_arr - load_w / sim.x_d).max(0.0);
            let put = (surplus * dt * sim.eta_ch).min(sim.cap_j - e_j).max(0.0);
            load_w / sim.x_d + put / sim.eta_ch / dt - put / dt
        }
    }

    fn test_sim() -> Sim {
        Sim {
            bus_w: 3e3,
            slope_per_rack_w: 1.275e5,
            x_d: 0.9025,
            eta_dis: 0.9025,
            eta_ch: 0.9025,
            cap_j: 1e9,
            floor_j: 5e8,
            area: 500.0,
            heat_cap_per_m2: 4485.0,
            heat_cap_per_rack: 1.6e5,
            sides: 2.0,
            limit_k: 338.15,
            throttle: false,
        }
    }

    #[test]
    fn load_for_heat_inverts_the_step_heat_in_every_regime() {
        // Charging, filling up within the step, full, discharging and emptying: the load found
        // for a heat makes exactly that heat, and any larger load makes more.
        let mut sim = test_sim();
        sim.eta_dis = 0.8; // a store path unlike the array's, so that the regimes differ
        let dt = 120.0;
        for &(p_arr, e_j) in &[(1e6, 2e8), (1e6, 1e9 - 3e6), (1e6, 1e9), (6e5, 4e7), (0.0, 4e7), (0.0, 1e9), (2e5, 0.0)] {
            for i in 0..=400 {
                let q = 2e6 * i as f64 / 400.0;
                let l = sim.load_for_heat(q, p_arr, e_j, dt);
                if l.is_finite() {
                    if l >= 0.0 {
                        let h = step_heat_w(&sim, l, p_arr, e_j, dt);
                        assert!((h - q).abs() <= 1e-9 * q.max(1.0), "p_arr {p_arr} e {e_j} q {q}: load {l} makes {h}");
                    }
                    assert!(step_heat_w(&sim, l.max(0.0) + 1e3, p_arr, e_j, dt) > q, "p_arr {p_arr} e {e_j} q {q}");
                } else {
                    assert!(step_heat_w(&sim, 1e12, p_arr, e_j, dt) <= q * (1.0 + 1e-12), "p_arr {p_arr} e {e_j} q {q}");
                }
            }
        }
    }

    #[test]
    fn a_radiator_at_its_limit_stays_there_while_the_battery_charges() {
        // LTAN 10:30, a radiator too small for the full load: at its limit, compute is capped so
        // that every watt dissipated (charging losses included) is what the radiator rejects
        // there, so the radiator never runs more than one step's heat above its limit.
        let mut s = Scenario::default();
        s.params.ltan_h = 10.5;
        s.params.lifetime_yr = 10.0 / 365.2422;
        s.pointing = solar::Pointing::TwoAxis;
        for steps in [480.0, 4800.0] {
            s.params.steps_per_orbit = steps;
            let mp = MissionPrepared::new(&s).unwrap();
            for rad in [300.0, 380.0, 540.0] {
                let d = Design { radiator_area_m2: rad, ..s.design };
                let t = simulate(&mp, &d, None, None, None);
                let c = mp.pr.p.radiator_areal_density_kg_m2 * mp.pr.p.radiator_specific_heat_j_kg_k * rad + mp.pr.p.rack_heat_capacity_j_k * d.racks;
                let dt = mp.period_s / steps;
                let one_step = dt * (1.0 + mp.pr.p.bus_fraction) * mp.pr.p.rack_power_w * d.racks / mp.pr.x_d.min(mp.pr.store_to_load) / c;
                assert!(t.radiator_temp_max_k <= mp.pr.radiator_limit_k + one_step, "{steps} steps, {rad} m^2: {} K, limit {} K + {one_step} K", t.radiator_temp_max_k, mp.pr.radiator_limit_k);
            }
        }
    }

    #[test]
    fn batch_equals_single_designs_and_reports_the_bad_index() {
        let s = Scenario::default();
        let mp = MissionPrepared::new(&s).unwrap();
        let racks = [2.0, 4.0, 6.0];
        let rows = evaluate_batch(&mp, &s.design, 3, &[None, None, Some(Column::slice(&racks)), None, None]).unwrap();
        for (i, r) in racks.iter().enumerate() {
            let d = Design { racks: *r, ..s.design };
            assert_eq!(rows[i], simulate(&mp, &d, None, None, None).to_array());
        }
        let bad = [2.0, -1.0];
        let e = evaluate_batch(&mp, &s.design, 2, &[None, None, Some(Column::slice(&bad)), None, None]).unwrap_err();
        assert_eq!(e.field, "racks");
        assert_eq!(e.index, Some(1));
    }
}
