//! The analytic tier: one design evaluated end to end at worst-case and annual-mean conditions.
//!
//! `prepare` computes everything that depends only on the scenario (the orbit's year of beta
//! angles and eclipses, cell temperature, coating loads, discount factors); `evaluate_prepared`
//! then costs a few dozen floating-point operations per design, which is what batch evaluation
//! runs millions of times.

use crate::compute::{continuous_rate, exp_integral, Survival};
use crate::constants::*;
use crate::error::InputError;
use crate::orbit::{self, Shadow};
use crate::outputs::Outputs;
use crate::params::Params;
use crate::power::{self, EclipseStrategy};
use crate::scenario::{Design, OrbitKind, Scenario, SpacecraftModel};
use crate::solar::{self, Pointing};
use crate::thermal;

/// Days sampled through the year by the analytic tier (every 5 days).
pub const YEAR_SAMPLES: usize = 73;
/// Node angles sampled for an orbit whose node drifts through every local time.
pub const NODE_SAMPLES: usize = 24;

/// One sampled condition of the year: eclipse fraction f (worst-case shadow), pointing and
/// distance factor c, stored as g = f / ((1 - f) c) and h = 1 / c (see `required_rating`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Condition {
    pub g: f64,
    pub h: f64,
}

/// Scenario-only orbit statistics over a year.
#[derive(Clone, Debug, PartialEq)]
pub struct OrbitStats {
    pub period_s: f64,
    pub inclination_rad: f64,
    pub beta_min_rad: f64,
    pub beta_max_rad: f64,
    pub eclipse_fraction_worst: f64,
    pub sunlit_fraction_mean: f64,
    pub eclipse_season_fraction: f64,
    /// Annual mean fraction of the array's area facing the flow (pointing geometry).
    pub drag_factor_array: f64,
    /// Annual mean fraction of an edge-on radiator's area facing the flow.
    pub drag_factor_edge_on: f64,
    /// Pareto-maximal (g, h) conditions: only these can set the array requirement.
    pub conditions: Vec<Condition>,
}

/// Day-of-year samples used by the analytic tier (mid-points of 5-day bins).
pub fn sample_days() -> impl Iterator<Item = f64> {
    (0..YEAR_SAMPLES).map(|k| 3.0 + 5.0 * k as f64)
}

/// The orbit's inclination (rad) for a scenario.
pub fn inclination_rad(p: &Params, kind: OrbitKind) -> f64 {
    match kind {
        OrbitKind::Sso => orbit::sso_inclination_rad(p.altitude_m).unwrap_or(std::f64::consts::FRAC_PI_2),
        OrbitKind::Inclined => p.inclination_rad,
    }
}

/// Year statistics of the orbit: beta angle and eclipse on every 5th day of `start_year`
/// (Sun from the Astronomical Almanac's low-precision formulae); for an inclined orbit whose node
/// drifts, each day is also sampled over 24 node angles.
pub fn orbit_stats(p: &Params, kind: OrbitKind, shadow: Shadow, pointing: Pointing) -> OrbitStats {
    let inc = inclination_rad(p, kind);
    let jd0 = orbit::julian_date_jan1(p.start_year as i32);
    let mut raw: Vec<Condition> = Vec::with_capacity(YEAR_SAMPLES * NODE_SAMPLES);
    let (mut bmin, mut bmax, mut fworst, mut sunlit, mut season, mut n) = (f64::INFINITY, 0.0f64, 0.0f64, 0.0, 0.0, 0.0);
    let (mut drag_array, mut drag_edge) = (0.0, 0.0);
    let (mut beta_signed_min, mut beta_signed_max) = (f64::INFINITY, f64::NEG_INFINITY);
    // Eclipse margins by day, node after node: the season's start and end between sampled days.
    let n_nodes = match kind {
        OrbitKind::Sso => 1,
        OrbitKind::Inclined => NODE_SAMPLES,
    };
    let mut margins: Vec<f64> = Vec::with_capacity(YEAR_SAMPLES * n_nodes);
    for day in sample_days() {
        let sun = orbit::sun_position(jd0 + day - 1.0 + 0.5);
        let flux_ratio = orbit::solar_flux_w_m2(1.0, day);
        let nodes: Vec<f64> = match kind {
            OrbitKind::Sso => vec![orbit::sso_raan_rad(p.ltan_h, &sun)],
            OrbitKind::Inclined => (0..NODE_SAMPLES).map(|j| 2.0 * std::f64::consts::PI * j as f64 / NODE_SAMPLES as f64).collect(),
        };
        for raan in nodes {
            let beta = orbit::beta_angle_eps_rad(inc, raan, sun.ecliptic_longitude_rad, sun.obliquity_rad);
            let f = orbit::eclipse_fraction(p.altitude_m, beta, shadow, sun.distance_m);
            let fc = orbit::eclipse_fraction(p.altitude_m, beta, Shadow::Cylindrical, sun.distance_m);
            let c = flux_ratio * solar::incidence_cos(pointing, beta);
            bmin = bmin.min(beta.abs());
            beta_signed_min = beta_signed_min.min(beta);
            beta_signed_max = beta_signed_max.max(beta);
            bmax = bmax.max(beta.abs());
            fworst = fworst.max(f);
            sunlit += 1.0 - fc;
            drag_array += solar::velocity_projection(pointing, beta);
            drag_edge += orbit::edge_on_panel_velocity_projection(beta);
            margins.push(orbit::eclipse_margin_m(p.altitude_m, beta, shadow, sun.distance_m));
            n += 1.0;
            let h = if c > 0.0 { 1.0 / c } else { f64::INFINITY };
            let g = if f == 0.0 { 0.0 } else if c > 0.0 { f / ((1.0 - f) * c) } else { f64::INFINITY };
            raw.push(Condition { g, h });
        }
    }
    // Fraction of the year with eclipses: each node's margins, linear between sampled days and
    // round the year, so that the season (and the battery's cycle count) varies continuously
    // with altitude and local time instead of by whole sampled days.
    for j in 0..n_nodes {
        for k in 0..YEAR_SAMPLES {
            let a = margins[k * n_nodes + j];
            let b = margins[((k + 1) % YEAR_SAMPLES) * n_nodes + j];
            season += orbit::eclipsed_share(a, b);
        }
    }
    // An array fixed along the orbit normal sees the Sun at sin|beta|: when beta changes sign
    // during the year it passes through 0, between the sampled days perhaps, and on that day no
    // finite array carries the load. (Two-axis arrays never lose the Sun; a one-axis array loses
    // it only at |beta| = 90 deg, which the sampled days bound closely.)
    if pointing == Pointing::FixedNormal && beta_signed_min < 0.0 && beta_signed_max > 0.0 {
        bmin = 0.0;
        raw.push(Condition { g: f64::INFINITY, h: f64::INFINITY });
    }
    // Keep the Pareto-maximal conditions: a condition dominated in both g and h never binds,
    // whatever the loads and path efficiencies (both enter as positive multipliers).
    raw.sort_by(|a, b| b.h.partial_cmp(&a.h).unwrap().then(b.g.partial_cmp(&a.g).unwrap()));
    let mut conditions: Vec<Condition> = Vec::new();
    let mut best_g = f64::NEG_INFINITY;
    for c in raw {
        if c.g > best_g {
            conditions.push(c);
            best_g = c.g;
        }
    }
    OrbitStats {
        period_s: orbit::period_s(p.altitude_m),
        inclination_rad: inc,
        beta_min_rad: bmin,
        beta_max_rad: bmax,
        eclipse_fraction_worst: fworst,
        sunlit_fraction_mean: sunlit / n,
        eclipse_season_fraction: season / n,
        drag_factor_array: drag_array / n,
        drag_factor_edge_on: drag_edge / n,
        conditions,
    }
}

/// Names of parameters that change `orbit_stats`.
pub const ORBIT_PARAMS: [&str; 4] = ["altitude_m", "ltan_h", "inclination_rad", "start_year"];

/// Everything of a scenario that does not depend on the design.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub p: Params,
    pub strategy: EclipseStrategy,
    pub orientation: thermal::RadiatorOrientation,
    pub spacecraft: SpacecraftModel,
    /// Lifetime mean of the array's yearly retention, the year-start samples (1 - d)^y averaged
    /// over the lifetime (a fractional last year weighted by its length): the power basis of
    /// the top-down spacecraft (McCalip's calculator).
    pub mean_retention: f64,
    pub orbit: OrbitStats,
    pub eclipse_worst_s: f64,
    pub cycles: f64,
    pub dod_allowed: f64,
    pub cell_temp_k: f64,
    pub p_bol_per_m2: f64,
    pub p_eol_per_m2: f64,
    pub radiator_limit_k: f64,
    pub earth_vf: f64,
    pub env_bol_w_m2: f64,
    pub env_eol_w_m2: f64,
    pub reject_at_limit_w_m2: f64,
    pub shield_kg_per_rack: f64,
    pub propellant_kg_per_m2: f64,
    /// Annual mean fraction of the radiators' area facing the flow (their orientation).
    pub drag_factor_radiator: f64,
    pub rho: f64,
    pub annuity_yr: f64,
    /// Integral of exp(-lambda t) over the lifetime (yr), lambda the orbital failure rate at the
    /// reference temperature (hardware plus radiation).
    pub fail_ei_life: f64,
    /// Integral of exp(-(lambda + rho) t) over the lifetime (yr): discounted rack-years per rack
    /// without spares.
    pub fail_pv_ei_life: f64,
    /// exp(-rho L): the discount factor at end of life.
    pub discount_eol: f64,
    /// The energy ledger per W of sunlit load and per W of eclipse load (it is linear in both).
    pub ledger_per_w_load: power::Ledger,
    pub ledger_per_w_eclipse: power::Ledger,
    /// exp(-lambda L): working fraction at end of life without spares.
    pub fail_survival_eol: f64,
    /// Present value per USD of the ground's racks over the lifetime, purchase, IT refreshes and
    /// residual credit included ([`crate::economics::ownership_pv_factor`]).
    pub racks_pv_factor: f64,
    /// Payload of one launch to the scenario's orbit, kg ([`crate::launch`]).
    pub payload_to_orbit_kg: f64,
    /// Reference payload over the payload to the orbit: each kg launched to the orbit is billed
    /// as this many kg at the reference price (above 1 for orbits harder to reach than the
    /// reference one, down to 0.1 for easier ones).
    pub launch_billing_factor: f64,
    /// The same for the ground facility over its own life.
    pub facility_pv_factor: f64,
    /// Array-to-load efficiency in sunlight, X_d = regulation x distribution (SMAD eq. 11-5's
    /// daylight path efficiency, here built from its parts).
    pub x_d: f64,
    /// Array-to-load efficiency through the battery, X_e = regulation x charge x discharge x
    /// distribution.
    pub x_e: f64,
    /// Store-to-load efficiency, discharge x distribution (SMAD eq. 11-13's transmission
    /// efficiency n).
    pub store_to_load: f64,
}

impl Prepared {
    /// Prepare a validated scenario.
    pub fn new(s: &Scenario) -> Result<Prepared, InputError> {
        s.validate()?;
        let orbit = orbit_stats(&s.params, s.orbit_kind, s.shadow, s.pointing);
        Ok(Self::with_orbit(&s.params, s.strategy, s.orientation, s.spacecraft, orbit))
    }

    /// Prepare from parameters whose ranges were already checked, reusing orbit statistics.
    pub fn with_orbit(p: &Params, strategy: EclipseStrategy, orientation: thermal::RadiatorOrientation, spacecraft: SpacecraftModel, orbit: OrbitStats) -> Prepared {
        let mut pr = Prepared {
            p: p.clone(),
            strategy,
            orientation,
            spacecraft,
            mean_retention: 0.0,
            orbit,
            eclipse_worst_s: 0.0,
            cycles: 0.0,
            dod_allowed: 0.0,
            cell_temp_k: 0.0,
            p_bol_per_m2: 0.0,
            p_eol_per_m2: 0.0,
            radiator_limit_k: 0.0,
            earth_vf: 0.0,
            env_bol_w_m2: 0.0,
            env_eol_w_m2: 0.0,
            reject_at_limit_w_m2: 0.0,
            shield_kg_per_rack: 0.0,
            propellant_kg_per_m2: 0.0,
            drag_factor_radiator: 0.0,
            rho: 0.0,
            annuity_yr: 0.0,
            fail_ei_life: 0.0,
            fail_pv_ei_life: 0.0,
            discount_eol: 0.0,
            ledger_per_w_load: power::Ledger::default(),
            ledger_per_w_eclipse: power::Ledger::default(),
            fail_survival_eol: 0.0,
            racks_pv_factor: 0.0,
            payload_to_orbit_kg: 0.0,
            launch_billing_factor: 0.0,
            facility_pv_factor: 0.0,
            x_d: 0.0,
            x_e: 0.0,
            store_to_load: 0.0,
        };
        pr.derive();
        pr
    }

    /// Recompute every derived quantity from `self.p` and `self.orbit` (the orbit statistics are
    /// not recomputed: call [`orbit_stats`] first when an orbit parameter changed).
    pub fn derive(&mut self) {
        let p = &self.p;
        let orbit = &self.orbit;
        self.eclipse_worst_s = orbit.eclipse_fraction_worst * orbit.period_s;
        self.cycles = orbit.eclipse_season_fraction * (YEAR_S / orbit.period_s) * p.lifetime_yr;
        self.dod_allowed = power::allowed_dod(self.cycles, p.battery_dod_ref, p.battery_cycles_ref, p.battery_dod_exponent, p.battery_dod_max);
        let eta_el = p.cell_efficiency * p.cell_packing_factor;
        self.cell_temp_k = solar::array_temp_k(p.solar_constant_w_m2, p.array_absorptivity, eta_el, p.array_front_emissivity, p.array_back_emissivity);
        self.p_bol_per_m2 = solar::array_power_w(
            p.solar_constant_w_m2,
            1.0,
            p.cell_efficiency,
            p.cell_packing_factor,
            p.array_inherent_efficiency,
            p.cell_temp_coeff_per_k,
            self.cell_temp_k,
            p.cell_ref_temp_k,
            0.0,
            0.0,
        );
        self.p_eol_per_m2 = self.p_bol_per_m2 * (1.0 - p.array_degradation_per_yr).powf(p.lifetime_yr);
        self.mean_retention = solar::mean_yearly_retention(p.array_degradation_per_yr, p.lifetime_yr);
        self.radiator_limit_k = p.chip_temp_max_k - p.cold_plate_dt_k - p.coolant_loop_dt_k;
        self.earth_vf = thermal::radiator_earth_view_factor(self.orientation, p.radiator_sides, p.altitude_m);
        let vf = self.earth_vf;
        let env = |a: f64, e: f64| thermal::environment_heat_w_m2(a, e, p.solar_constant_w_m2, p.radiator_sun_view_factor, p.albedo, vf, p.earth_ir_w_m2);
        self.env_bol_w_m2 = env(p.radiator_absorptivity_bol, p.radiator_emissivity_bol);
        self.env_eol_w_m2 = env(p.radiator_absorptivity_eol, p.radiator_emissivity_eol);
        self.reject_at_limit_w_m2 = thermal::radiator_heat_w(self.radiator_limit_k, 1.0, p.radiator_emissivity_eol, p.radiator_sides, self.env_eol_w_m2);
        self.shield_kg_per_rack = p.shield_density_kg_m3 * p.shield_thickness_m * p.rack_enclosure_area_m2;
        let density = crate::mass::atmosphere_density_kg_m3(p.altitude_m) * p.atmosphere_density_factor;
        let drag_per_m2 = crate::mass::drag_force_n(density, orbit::orbital_speed_m_s(p.altitude_m), p.drag_coefficient, 1.0);
        self.propellant_kg_per_m2 = crate::mass::drag_makeup_propellant_kg(drag_per_m2, p.lifetime_yr, p.thruster_isp_s);
        self.drag_factor_radiator = match self.orientation {
            thermal::RadiatorOrientation::EdgeOn => orbit.drag_factor_edge_on,
            // A panel perpendicular to nadir is edge-on to the velocity.
            thermal::RadiatorOrientation::Nadir => 0.0,
        };
        self.rho = continuous_rate(p.discount_rate);
        self.annuity_yr = exp_integral(self.rho, p.lifetime_yr);
        let lam = p.failure_rate_per_yr + p.radiation_failure_rate_per_yr;
        self.fail_ei_life = exp_integral(lam, p.lifetime_yr);
        self.fail_pv_ei_life = exp_integral(lam + self.rho, p.lifetime_yr);
        self.discount_eol = (-self.rho * p.lifetime_yr).exp();
        self.fail_survival_eol = (-lam * p.lifetime_yr).exp();
        self.racks_pv_factor = crate::economics::ownership_pv_factor(self.rho, p.ground_it_refresh_yr, p.lifetime_yr);
        self.facility_pv_factor = crate::economics::ownership_pv_factor(self.rho, p.ground_facility_life_yr, p.lifetime_yr);
        let extra_dv = crate::launch::extra_dv_m_s(p.launcher_ref_altitude_m, p.launcher_ref_inclination_rad, p.altitude_m, orbit.inclination_rad);
        self.payload_to_orbit_kg = crate::launch::payload_to_orbit_kg(p.launcher_payload_kg, p.launcher_stage_dry_kg, p.launcher_stage_propellant_kg, p.launcher_stage_isp_s, extra_dv);
        self.launch_billing_factor = 1.0 / (self.payload_to_orbit_kg / p.launcher_payload_kg).max(crate::launch::PAYLOAD_RATIO_MIN);
        let led = |load: f64, ecl: f64| power::ledger(load, ecl, orbit.eclipse_fraction_worst, p.regulation_efficiency, p.distribution_efficiency, p.battery_charge_efficiency, p.battery_discharge_efficiency);
        self.ledger_per_w_load = led(1.0, 0.0);
        self.ledger_per_w_eclipse = led(0.0, 1.0);
        self.x_d = p.regulation_efficiency * p.distribution_efficiency;
        self.store_to_load = p.battery_discharge_efficiency * p.distribution_efficiency;
        self.x_e = p.regulation_efficiency * p.battery_charge_efficiency * self.store_to_load;
    }

    /// Eclipse load and sunlit load (W) for `racks` racks running at fraction `x` of full compute.
    #[inline]
    fn loads(&self, compute_w: f64, x: f64) -> (f64, f64) {
        let p = &self.p;
        let day = p.bus_fixed_w + (1.0 + p.bus_fraction) * compute_w * x;
        let ecl = match self.strategy {
            EclipseStrategy::Battery => day,
            EclipseStrategy::Throttle => p.bus_fixed_w,
        };
        (ecl, day)
    }

    /// The energy ledger at compute fraction `x` in the orbit with the longest eclipse (the worst
    /// case for charging), see [`power::ledger`].
    #[inline]
    pub fn ledger(&self, compute_w: f64, x: f64) -> power::Ledger {
        let (e, d) = self.loads(compute_w, x);
        self.ledger_per_w_load.combine(d, &self.ledger_per_w_eclipse, e)
    }

    /// Largest compute fraction in [0, 1] whose worst-case dissipation a radiator rejecting at
    /// most `q_max_w` can carry. Dissipation is affine in the compute fraction on each branch
    /// (sunlit, eclipse), so each branch gives its limit in closed form.
    #[inline]
    fn thermal_derate(&self, compute_w: f64, q_max_w: f64) -> f64 {
        let l0 = self.ledger(compute_w, 0.0);
        let l1 = self.ledger(compute_w, 1.0);
        let branch = |a: f64, b: f64| if b > a { (q_max_w - a) / (b - a) } else if a <= q_max_w { 1.0 } else { 0.0 };
        branch(l0.dissipation_sunlit_w, l1.dissipation_sunlit_w).min(branch(l0.dissipation_eclipse_w, l1.dissipation_eclipse_w)).clamp(0.0, 1.0)
    }

    /// Worst-case end-of-life array rating at normal incidence (W) needed to carry an eclipse load
    /// `e` and a sunlit load `d`: max over conditions of (e g / X_e + d h / X_d) (SMAD eq. 11-5
    /// with T_e = f T, T_d = (1 - f) T, divided by the pointing and distance factor c).
    /// Returns the requirement and the index of the binding condition.
    #[inline]
    pub fn required_rating(&self, e: f64, d: f64) -> (f64, usize) {
        let ie = 1.0 / self.x_e;
        let id = 1.0 / self.x_d;
        let mut best = f64::NEG_INFINITY;
        let mut arg = 0;
        for (k, c) in self.orbit.conditions.iter().enumerate() {
            let te = if e == 0.0 || c.g == 0.0 { 0.0 } else { e * c.g * ie };
            let r = te + d * c.h * id;
            if r > best {
                best = r;
                arg = k;
            }
        }
        (best, arg)
    }

    /// Largest compute fraction in [0, 1] the array rating `rating_w` can carry.
    #[inline]
    fn power_derate(&self, compute_w: f64, rating_w: f64) -> f64 {
        let p = &self.p;
        let ie = 1.0 / self.x_e;
        let id = 1.0 / self.x_d;
        let slope_load = (1.0 + p.bus_fraction) * compute_w;
        let mut x = 1.0f64;
        for c in &self.orbit.conditions {
            if !c.g.is_finite() || !c.h.is_finite() {
                return 0.0;
            }
            let (alpha, beta) = match self.strategy {
                EclipseStrategy::Battery => (p.bus_fixed_w * (c.g * ie + c.h * id), slope_load * (c.g * ie + c.h * id)),
                EclipseStrategy::Throttle => (p.bus_fixed_w * (c.g * ie + c.h * id), slope_load * c.h * id),
            };
            x = x.min((rating_w - alpha) / beta);
        }
        x.clamp(0.0, 1.0)
    }
}

/// Rack survival with spares, as `compute::survival` (NASA reliability handbook exponential
/// failures, cold spares replacing failed racks until exhausted; docs/model.md, "Compute and
/// reliability"), with the scenario-only terms taken from `pr` and exp(-x) formed as
/// 1 + expm1(-x) for x < 0.5 (one transcendental call fewer per design): bit-identical without
/// spares, within 1e-15 relative otherwise.
#[inline(always)]
fn survival_prepared(pr: &Prepared, racks: f64, spares: f64) -> Survival {
    let p = &pr.p;
    let lam = p.failure_rate_per_yr + p.radiation_failure_rate_per_yr;
    let l = p.lifetime_yr;
    let rho = pr.rho;
    let ts = if lam > 0.0 { spares / (racks * lam) } else { f64::INFINITY };
    if ts >= l {
        return Survival { rack_years: racks * l, pv_rack_years: racks * pr.annuity_yr, working_fraction_eol: 1.0, spares_exhausted_yr: ts };
    }
    if spares == 0.0 {
        // ts = 0: every term depends on the scenario only.
        return Survival {
            rack_years: racks * (ts + pr.fail_ei_life),
            pv_rack_years: racks * pr.fail_pv_ei_life,
            working_fraction_eol: pr.fail_survival_eol,
            spares_exhausted_yr: ts,
        };
    }
    let rest = l - ts;
    let x = -rho * ts;
    let em = x.exp_m1();
    let ei_rho = if rho == 0.0 { ts } else { -em / rho };
    let discount = if x > -0.5 { 1.0 + em } else { x.exp() };
    Survival {
        rack_years: racks * (ts + exp_integral(lam, rest)),
        pv_rack_years: racks * (ei_rho + discount * exp_integral(lam + rho, rest)),
        working_fraction_eol: (-lam * rest).exp(),
        spares_exhausted_yr: ts,
    }
}

/// Rack survival at a design's own failure rate `lam` (1/yr), as `compute::survival`. Without
/// spares (the common case) it takes one or two transcendental calls: exp(-lambda L) = 1 + expm1(-lambda L) while lambda L < 0.5
/// and exp(-(lambda + rho) L) = exp(-lambda L) exp(-rho L), the latter prepared; the subtraction
/// 1 - exp(-(lambda + rho) L) keeps full relative precision while (lambda + rho) L > 0.5, below
/// which expm1 is used instead. Within 1e-15 relative of `compute::survival`.
#[inline(always)]
fn survival_at_rate(pr: &Prepared, racks: f64, spares: f64, lam: f64) -> Survival {
    let l = pr.p.lifetime_yr;
    if spares != 0.0 || lam <= 0.0 {
        return crate::compute::survival(racks, spares, lam, l, pr.rho);
    }
    let x = -lam * l;
    let em = x.exp_m1();
    // 1 + expm1(x) loses the relative precision of exp(x) once it is small.
    let w_eol = if x > -0.5 { 1.0 + em } else { x.exp() };
    let k = lam + pr.rho;
    let pv = if k * l > 0.5 { (1.0 - w_eol * pr.discount_eol) / k } else { exp_integral(k, l) };
    Survival { rack_years: racks * (-em / lam), pv_rack_years: racks * pv, working_fraction_eol: w_eol, spares_exhausted_yr: 0.0 }
}

/// Evaluate one design on a prepared scenario. The design must be valid (see `Design::validate`).
///
/// Always inlined: batch kernels that keep only some outputs let the compiler drop the work the
/// other outputs need.
#[inline(always)]
pub fn evaluate_prepared(pr: &Prepared, d: &Design) -> Outputs {
    let p = &pr.p;
    let o = &pr.orbit;
    let n = d.racks;
    let s = d.spare_racks;
    let compute_w = n * p.rack_power_w;
    let (ecl_load, day_load) = pr.loads(compute_w, 1.0);
    let bus_power = p.bus_fixed_w + p.bus_fraction * compute_w;

    // Power.
    let (required, k) = pr.required_rating(ecl_load, day_load);
    let rating_eol = d.array_area_m2 * pr.p_eol_per_m2;
    let rating_bol = d.array_area_m2 * pr.p_bol_per_m2;
    let power_margin = rating_eol - required;
    let x_power = if power_margin >= 0.0 { 1.0 } else { pr.power_derate(compute_w, rating_eol) };
    let c_bind = 1.0 / o.conditions[k].h;

    // Battery.
    let drawn = ecl_load * pr.eclipse_worst_s;
    let eta = pr.store_to_load;
    let (battery_j, dod) = match d.battery_energy_j {
        Some(e) => (e, if drawn == 0.0 { 0.0 } else if e == 0.0 { f64::INFINITY } else { drawn / (e * eta) }),
        None => {
            let e = power::battery_energy_j(ecl_load, pr.eclipse_worst_s, pr.dod_allowed, eta);
            (e, if drawn == 0.0 { 0.0 } else { pr.dod_allowed })
        }
    };
    let dod_margin = pr.dod_allowed - dod;

    // Energy ledger and thermal: every watt dissipated on board is rejected by the radiators.
    let led = pr.ledger(compute_w, 1.0);
    let heat = led.dissipation_max_w();
    let sides = p.radiator_sides;
    let t_rad_req = thermal::radiator_temp_k(heat, d.radiator_area_m2, p.radiator_emissivity_eol, sides, pr.env_eol_w_m2);
    let thermal_margin = pr.radiator_limit_k - t_rad_req;
    let area_req = if pr.reject_at_limit_w_m2 > 0.0 { heat / pr.reject_at_limit_w_m2 } else { f64::INFINITY };
    let q_max = d.radiator_area_m2 * pr.reject_at_limit_w_m2;
    let x_thermal = if thermal_margin >= 0.0 { 1.0 } else { pr.thermal_derate(compute_w, q_max) };
    let x = x_power.min(x_thermal);
    // The radiator and the chips run at the dissipation of the compute actually carried.
    let heat_op = if x < 1.0 { pr.ledger(compute_w, x).dissipation_max_w() } else { heat };
    let t_rad = if x < 1.0 { thermal::radiator_temp_k(heat_op, d.radiator_area_m2, p.radiator_emissivity_eol, sides, pr.env_eol_w_m2) } else { t_rad_req };
    let t_rad_bol = thermal::radiator_temp_k(heat_op, d.radiator_area_m2, p.radiator_emissivity_bol, sides, pr.env_bol_w_m2);
    let t_chip = t_rad + p.cold_plate_dt_k + p.coolant_loop_dt_k;

    // Failures: the orbital rate at the chips' junction temperature (Arrhenius).
    let accel = crate::compute::arrhenius_factor(p.failure_activation_energy_ev, p.failure_ref_temp_k, t_chip);
    // Hardware failures speed up with temperature; radiation-induced ones do not.
    let lam = p.failure_rate_per_yr * accel + p.radiation_failure_rate_per_yr;
    let sv = if accel == 1.0 { survival_prepared(pr, n, s) } else { survival_at_rate(pr, n, s, lam) };

    // Compute waterfall.
    let life = p.lifetime_yr;
    let eclipse_factor = match pr.strategy {
        EclipseStrategy::Battery => 1.0,
        EclipseStrategy::Throttle => o.sunlit_fraction_mean,
    };
    let peak = n * p.rack_peak_flops;
    let after_util = peak * p.utilisation;
    let after_fail = after_util * sv.rack_years / (n * life);
    let after_ecl = after_fail * eclipse_factor;
    let after_derate = after_ecl * x;
    let keep = 1.0 - p.radiation_derate;
    let delivered_flops = after_derate * keep;
    let delivered_flop = delivered_flops * life * YEAR_S;
    let flops_per_rack = p.rack_peak_flops * p.utilisation * eclipse_factor * x * keep;
    let pv_flop = flops_per_rack * sv.pv_rack_years * YEAR_S;
    // Energy delivered to the compute payload (present value, MWh), for the cost per MWh.
    let pv_energy_mwh = p.rack_power_w * eclipse_factor * x * sv.pv_rack_years * YEAR_H / 1.0e6;

    // Mass and cost of the spacecraft around the compute payload: bottom up from its parts, or
    // top down from a specific power and cost on the array's nameplate power.
    let all_racks = n + s;
    let m_racks = all_racks * p.rack_mass_kg;
    let c_racks = all_racks * p.rack_cost_usd;
    let bottom_up = pr.spacecraft == SpacecraftModel::BottomUp;
    let part = |v: f64| if bottom_up { v } else { 0.0 };
    // Top down: the beginning-of-life nameplate power whose lifetime-mean, orbit-mean output
    // carries the load (McCalip's calculator's basis).
    let basis_w = if bottom_up { 0.0 } else { day_load / (pr.mean_retention * o.sunlit_fraction_mean) };
    let m_specific = basis_w / p.spacecraft_specific_power_w_kg;
    let c_specific = basis_w * p.spacecraft_cost_usd_per_w;
    let m_array = part(d.array_area_m2 * p.array_areal_density_kg_m2);
    let m_rad = part(d.radiator_area_m2 * p.radiator_areal_density_kg_m2);
    let m_batt = part(battery_j / p.battery_specific_energy_j_kg);
    let m_cool = part(p.coolant_loop_kg_per_w * heat);
    let m_bus = part(p.bus_mass_kg + p.bus_mass_kg_per_w * day_load);
    let m_shield = part(pr.shield_kg_per_rack * all_racks);
    // Primary structure carries the body's equipment: compute payload, battery, coolant loop and
    // bus. The array's and radiators' areal densities already include their own structure and
    // deployment, and the shielding enclosure is itself a structure, so none is added for them.
    let m_struct = part(p.structure_fraction * (m_racks + m_batt + m_cool + m_bus));
    // Drag area from how each surface is mounted (annual mean projection on the velocity).
    let drag_area = o.drag_factor_array * d.array_area_m2 + pr.drag_factor_radiator * d.radiator_area_m2 + p.body_drag_area_m2;
    let m_prop = part(pr.propellant_kg_per_m2 * drag_area);
    let m_total = m_racks + m_array + m_rad + m_batt + m_cool + m_bus + m_shield + m_struct + m_prop + m_specific;
    let capacity = p.max_launches * pr.payload_to_orbit_kg;
    let launches = (m_total / pr.payload_to_orbit_kg.max(crate::launch::PAYLOAD_RATIO_MIN * p.launcher_payload_kg)).ceil();
    let mass_margin = capacity - m_total;
    let m_billed = m_total * pr.launch_billing_factor;

    // Cost.
    let c_array = part(rating_bol * p.array_cost_usd_per_w);
    let c_rad = part(d.radiator_area_m2 * p.radiator_cost_usd_per_m2);
    let c_batt = part(battery_j / J_PER_KWH * p.battery_cost_usd_per_kwh);
    let c_cool = part(heat * p.coolant_loop_cost_usd_per_w);
    let c_bus = m_bus * p.bus_cost_usd_per_kg;
    let c_struct = (m_struct + m_shield) * p.structure_cost_usd_per_kg;
    let hardware = c_racks + c_array + c_rad + c_batt + c_cool + c_bus + c_struct + c_specific;
    let c_integ = p.integration_fraction * hardware;
    let c_launch = m_billed * p.launch_price_usd_per_kg;
    let c_ins = p.insurance_fraction * (hardware + c_integ + c_launch);
    let capex = hardware + c_integ + c_launch + c_ins + p.nre_usd;
    let ops = p.ops_usd_per_yr + p.ops_usd_per_rack_yr * n + p.ops_fraction_per_yr * hardware;
    let pv_ops = ops * pr.annuity_yr;
    let pv_cost = capex + pv_ops;
    let cpf = if pv_flop > 0.0 { pv_cost / pv_flop } else { f64::INFINITY };
    let acc_hours_pv = p.rack_accelerators * eclipse_factor * x * sv.pv_rack_years * YEAR_H;
    let usd_per_acc_h = if acc_hours_pv > 0.0 { pv_cost / acc_hours_pv } else { f64::INFINITY };

    // Ground with the same racks, repaired, no decay.
    let it_w = compute_w;
    let facility = p.ground_capex_usd_per_w * it_w;
    let g_racks = n * p.rack_cost_usd;
    let g_capex = facility + g_racks;
    // Each ground asset is owned over the study like the orbital one: bought, replaced at the end
    // of its life, and credited with its residual value at the end of the study.
    let g_refresh_pv = g_racks * (pr.racks_pv_factor - 1.0);
    let g_facility_pv = facility * pr.facility_pv_factor;
    let g_kwh_per_yr = it_w / 1000.0 * p.pue * YEAR_H * p.ground_availability;
    let g_energy = g_kwh_per_yr * p.electricity_price_usd_per_kwh;
    let g_maint = p.ground_maintenance_fraction_per_yr * facility;
    let g_repair = p.ground_failure_rate_per_yr * g_racks * p.ground_repair_cost_fraction;
    let g_staff = p.ground_ops_usd_per_rack_yr * n;
    let g_opex = g_energy + g_maint + g_repair + g_staff;
    let g_pv_cost = g_racks + g_refresh_pv + g_facility_pv + g_opex * pr.annuity_yr;
    let g_flops = peak * p.utilisation * p.ground_availability;
    let g_pv_flop = g_flops * pr.annuity_yr * YEAR_S;
    let g_pv_energy_mwh = it_w * p.ground_availability * pr.annuity_yr * YEAR_H / 1.0e6;
    let g_flop = g_flops * life * YEAR_S;
    let g_co2 = g_kwh_per_yr * life * p.ground_co2_kg_per_kwh;
    let co2_launch = m_billed * p.launch_co2_kg_per_kg;
    let g_cpf = g_pv_cost / g_pv_flop;
    let launch_part = (1.0 + p.insurance_fraction) * m_billed;
    let breakeven = if pv_flop > 0.0 { (g_cpf * pv_flop - (pv_cost - launch_part * p.launch_price_usd_per_kg)) / launch_part } else { f64::NEG_INFINITY };

    // Constraints: normalised margins; the smallest binds.
    let norm = [
        if required.is_finite() { power_margin / required } else { f64::NEG_INFINITY },
        if pr.dod_allowed > 0.0 { dod_margin / pr.dod_allowed } else { dod_margin },
        thermal_margin / pr.radiator_limit_k,
        mass_margin / capacity,
    ];
    let mut binding = 0usize;
    for i in 1..4 {
        if norm[i] < norm[binding] {
            binding = i;
        }
    }
    let tol = -1e-9;
    let feasible = norm.iter().all(|&m| m >= tol);

    Outputs {
        array_area_m2: d.array_area_m2,
        radiator_area_m2: d.radiator_area_m2,
        racks: n,
        spare_racks: s,
        period_s: o.period_s,
        inclination_rad: o.inclination_rad,
        beta_min_rad: o.beta_min_rad,
        beta_max_rad: o.beta_max_rad,
        eclipse_fraction_worst: o.eclipse_fraction_worst,
        eclipse_worst_s: pr.eclipse_worst_s,
        sunlit_fraction_mean: o.sunlit_fraction_mean,
        eclipse_season_fraction: o.eclipse_season_fraction,
        eclipse_cycles: pr.cycles,
        cell_temp_k: pr.cell_temp_k,
        array_power_bol_w: rating_bol,
        array_power_eol_w: rating_eol,
        array_power_worst_w: rating_eol * c_bind,
        compute_power_w: compute_w,
        bus_power_w: bus_power,
        load_power_w: day_load,
        eclipse_load_w: ecl_load,
        array_output_w: led.array_output_w,
        regulation_loss_w: led.regulation_loss_w,
        distribution_loss_w: led.distribution_loss_w,
        battery_charge_w: led.battery_charge_w,
        battery_charge_loss_w: led.battery_charge_loss_w,
        battery_discharge_loss_w: led.battery_discharge_loss_w,
        dissipation_sunlit_w: led.dissipation_sunlit_w,
        dissipation_eclipse_w: led.dissipation_eclipse_w,
        array_power_required_w: required,
        power_margin_w: power_margin,
        power_derate: x_power,
        battery_energy_j: battery_j,
        battery_dod: dod,
        battery_dod_allowed: pr.dod_allowed,
        dod_margin,
        heat_load_w: heat,
        chip_temp_max_k: p.chip_temp_max_k,
        radiator_temp_max_k: pr.radiator_limit_k,
        radiator_temp_required_k: t_rad_req,
        radiator_temp_k: t_rad,
        radiator_temp_bol_k: t_rad_bol,
        chip_temp_k: t_chip,
        radiator_env_w_m2: pr.env_eol_w_m2,
        radiator_earth_view_factor: pr.earth_vf,
        radiator_area_required_m2: area_req,
        thermal_margin_k: thermal_margin,
        thermal_derate: x_thermal,
        peak_flops: peak,
        after_utilisation_flops: after_util,
        after_failures_flops: after_fail,
        after_eclipse_flops: after_ecl,
        after_derating_flops: after_derate,
        delivered_flops,
        delivered_flop,
        failure_rate_effective_per_yr: lam,
        working_fraction_eol: sv.working_fraction_eol,
        spares_exhausted_yr: sv.spares_exhausted_yr,
        mass_racks_kg: m_racks,
        mass_array_kg: m_array,
        mass_radiator_kg: m_rad,
        mass_battery_kg: m_batt,
        mass_coolant_kg: m_cool,
        mass_bus_kg: m_bus,
        mass_shielding_kg: m_shield,
        mass_structure_kg: m_struct,
        mass_propellant_kg: m_prop,
        spacecraft_power_basis_w: basis_w,
        mass_spacecraft_specific_kg: m_specific,
        mass_total_kg: m_total,
        launches,
        launcher_payload_to_orbit_kg: pr.payload_to_orbit_kg,
        launch_billed_mass_kg: m_billed,
        mass_margin_kg: mass_margin,
        cost_racks_usd: c_racks,
        cost_array_usd: c_array,
        cost_radiator_usd: c_rad,
        cost_battery_usd: c_batt,
        cost_coolant_usd: c_cool,
        cost_bus_usd: c_bus,
        cost_structure_usd: c_struct,
        cost_spacecraft_specific_usd: c_specific,
        cost_integration_usd: c_integ,
        cost_launch_usd: c_launch,
        cost_insurance_usd: c_ins,
        nre_usd: p.nre_usd,
        capex_usd: capex,
        ops_usd_per_yr: ops,
        pv_cost_usd: pv_cost,
        pv_flop,
        cost_per_flop_usd: cpf,
        usd_per_pflops_day: cpf * 1e15 * DAY_S,
        usd_per_accelerator_hour: usd_per_acc_h,
        lcoe_usd_per_mwh: if pv_energy_mwh > 0.0 { pv_cost / pv_energy_mwh } else { f64::INFINITY },
        capex_ex_it_usd_per_w: (capex - c_racks) / compute_w,
        launch_usd_per_kw_yr: c_launch / (day_load / 1000.0 * life),
        annualised_cost_usd_per_yr: pv_cost / pr.annuity_yr,
        ground_facility_usd: facility,
        ground_racks_usd: g_racks,
        ground_capex_usd: g_capex,
        ground_refresh_pv_usd: g_refresh_pv,
        ground_facility_pv_usd: g_facility_pv,
        ground_energy_usd_per_yr: g_energy,
        ground_maintenance_usd_per_yr: g_maint,
        ground_repair_usd_per_yr: g_repair,
        ground_staff_usd_per_yr: g_staff,
        ground_opex_usd_per_yr: g_opex,
        ground_pv_cost_usd: g_pv_cost,
        ground_pv_flop: g_pv_flop,
        ground_delivered_flop: g_flop,
        ground_cost_per_flop_usd: g_cpf,
        ground_lcoe_usd_per_mwh: g_pv_cost / g_pv_energy_mwh,
        ground_energy_share: g_energy * pr.annuity_yr / g_pv_cost,
        cost_ratio: cpf / g_cpf,
        breakeven_launch_usd_per_kg: breakeven,
        co2_launch_kg: co2_launch,
        co2_kg_per_flop: if delivered_flop > 0.0 { co2_launch / delivered_flop } else { f64::INFINITY },
        ground_co2_kg: g_co2,
        ground_co2_kg_per_flop: g_co2 / g_flop,
        feasible: if feasible { 1.0 } else { 0.0 },
        binding_constraint: (binding + 1) as f64,
    }
}

/// Evaluate one design on a scenario (validates both).
pub fn evaluate(s: &Scenario, d: &Design) -> Result<Outputs, InputError> {
    d.validate()?;
    let pr = Prepared::new(s)?;
    Ok(evaluate_prepared(&pr, d))
}

/// The smallest feasible array and battery for `racks` powered racks and `spares` spares, and the
/// radiator that runs at `radiator_temp_k` (end of life, full load; `None`: at the radiator limit,
/// the smallest feasible radiator), in closed form (docs/model.md, "Sizing"): array area =
/// worst-case required rating / end-of-life rating per m^2; radiator area = worst-case
/// dissipation / net rejection per m^2 at the temperature; battery sized from the worst eclipse
/// at the allowed depth of discharge. A radiator run cooler than its limit is larger, and its
/// chips fail less (see `failure_activation_energy_ev`).
pub fn size(pr: &Prepared, racks: f64, spares: f64, radiator_temp_k: Option<f64>) -> Result<Design, InputError> {
    crate::scenario::check_design_value(2, racks)?;
    crate::scenario::check_design_value(3, spares)?;
    let compute_w = racks * pr.p.rack_power_w;
    let (e, d) = pr.loads(compute_w, 1.0);
    let (required, _) = pr.required_rating(e, d);
    let heat = pr.ledger(compute_w, 1.0).dissipation_max_w();
    if !required.is_finite() || pr.p_eol_per_m2 <= 0.0 {
        return Err(InputError::value("array_area_m2", "inf", "no array area can carry the load: the array never sees the Sun in the worst case (check pointing and LTAN)"));
    }
    let reject_w_m2 = match radiator_temp_k {
        None => pr.reject_at_limit_w_m2,
        Some(t) => {
            if !(t.is_finite() && t > 0.0 && t <= pr.radiator_limit_k * (1.0 + 1e-12)) {
                return Err(InputError::number(
                    "radiator_temp_k",
                    t,
                    format!("must be a temperature above 0 K and at most the radiator limit, radiator_temp_max_k = {} K", crate::error::fmt_num(pr.radiator_limit_k)),
                ));
            }
            thermal::radiator_heat_w(t.min(pr.radiator_limit_k), 1.0, pr.p.radiator_emissivity_eol, pr.p.radiator_sides, pr.env_eol_w_m2)
        }
    };
    if reject_w_m2 <= 0.0 {
        let (field, t) = match radiator_temp_k {
            None => ("radiator_temp_max_k", pr.radiator_limit_k),
            Some(t) => ("radiator_temp_k", t),
        };
        return Err(InputError::number(field, t, "is too cold: the absorbed environment alone holds the radiator above it, so no radiator area suffices"));
    }
    Ok(Design { array_area_m2: required / pr.p_eol_per_m2, radiator_area_m2: heat / reject_w_m2, racks, spare_racks: spares, battery_energy_j: None })
}
