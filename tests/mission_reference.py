"""An independent, time-continuous reference for the mission tier, integrated with SciPy.

The model is the one docs/model.md specifies ("The mission tier"), written out below as the
continuous-time equations whose solution the mission tier's time stepping approximates.

The mission tier (``orbitflops.evaluate(..., tier="mission")``) steps one representative orbit
a day with backward Euler on ``steps_per_orbit`` steps. This module solves the same model as
ordinary differential equations with ``scipy.integrate.solve_ivp`` (DOP853, relative tolerance
1e-11), so the two agree only as far as the mission tier's time step allows, and ever better as
the step shrinks. Nothing here reads the mission tier's outputs: each day's inputs are built from
the scenario's parameters and the orbit geometry below.

Per-day inputs (day k = 0, 1, ... from 1 January of ``start_year``, sampled at 12h UT):

* Sun: the Astronomical Almanac's low-precision formulae (section C, "Sun, low precision"):
  n = JD - 2451545.0, L = 280.460 + 0.9856474 n, g = 357.528 + 0.9856003 n,
  lambda = L + 1.915 sin g + 0.020 sin 2g, eps = 23.439 - 4e-7 n (deg),
  R = 1.00014 - 0.01671 cos g - 0.00014 cos 2g (AU). The Julian date of 1 January comes from
  Python's proleptic Gregorian calendar (JD of 0001-01-01 0h = 1721425.5).
* Node: sun-synchronous, Omega = L + (LTAN - 12 h) 15 deg/h (the ascending node's local time
  against the mean Sun); inclined, Omega = Omega_0 + Omega_dot t with Omega_0 from the same rule
  on day 0 and Omega_dot the secular J2 rate (Vallado eq. 9-41).
* Beta angle: sin beta = h . s with the orbit normal h = (sin i sin Omega, -sin i cos Omega,
  cos i) and the Sun s = (cos lambda, cos eps sin lambda, sin eps sin lambda) in equatorial axes.
* Eclipse: f T with T the period and f the scenario's shadow model at the day's Sun distance
  (``orbitflops.eclipse_fraction``, ``orbitflops.period_s``: both have reference-value tests).
* Array output in sunlight, W: A_arr S0 eta pf inh (1 + c_T (T_cell - T_ref)) x
  (1 + 0.0334 cos(2 pi (d - 3) / 365.25)) x cos(theta) x (1 - d_yr)^t, d = ((k + 1/2) mod
  365.2422) + 1/2 the day of the year (1 on 1 January),
  cos(theta) = 1, cos beta or |sin beta| for two-axis, one-axis and fixed-normal pointing, the
  cell temperature from ``orbitflops.array_temp_k`` at S0 (SMAD 3rd ed. eqs. 11-5 to 11-8).
* Radiator environment per m^2 of one face: alpha S (F_s + a F_e) + eps q_IR F_e in sunlight,
  eps q_IR F_e in eclipse, with F_e summed over the radiating faces (edge-on: n F(pi/2); nadir:
  F(0) for a two-sided panel, 0 for one-sided; ``orbitflops.earth_view_factor``, Howell's
  catalogue) and alpha, eps linear from beginning to end of life at u = (k + 1/2) / days.
* Working racks: N while the cold spares last (t <= t_s = S / (N lambda)), then
  N exp(-lambda (t - t_s)), at the day's midpoint; lambda, the battery size when the design
  leaves it open, the allowed depth of discharge and the starting sunlit dissipation are the
  analytic tier's, taken from the independent NumPy implementation of that tier
  (``orbitflops.reference.evaluate_numpy``), never from the Rust core.

Each day's orbit (sunlight from eclipse exit, then eclipse; the state carries over from day to
day, starting from a full battery and the radiator's equilibrium under the analytic tier's
sunlit dissipation, or at its limit T_lim when that equilibrium is above it) is the pair of ODEs

  dE/dt = eta_ch (P_arr - L/X_d)                 array carries the load, store not full
        = 0                                       array carries the load, store full (curtailed)
        = -(L - X_d P_arr) / eta_s                otherwise, while E > 0
  C dT/dt = Q + A q_env - n eps sigma A (T^4 - T_sink^4)   (Gilmore vol. 1 ch. 5, lumped node)

with L = P_bus + (1 + b) P_rack N_w x the load at compute fraction x, X_d = eta_reg eta_dist the
array-to-load efficiency, eta_s = eta_dis eta_dist the store-to-load efficiency, eta_ch =
eta_reg eta_charge the array-to-store efficiency, T_sink = 3 K, C = m_rad c_p A + c_rack N_w
(radiator areal density times its material's specific heat, per m^2, and the racks'), and Q
the heat dissipated on board: everything the array delivers and the store gives except what goes
into the store (energy ledger), i.e. Q = L/X_d + (1 - eta_ch)(P_arr - L/X_d) when charging,
L/X_d when full, P_arr + (L - X_d P_arr)/eta_s when the store helps, P_arr when it is empty.

The compute fraction is the largest the rules allow: x_cap = 1 (0 in eclipse with the throttle
strategy); while T >= T_lim, x_cap is lowered to the fraction at which Q, in the store's current
regime (charging, full, giving), equals the radiator's net rejection at its limit,
Q_lim = A (n eps sigma (T_lim^4 - T_sink^4) - q_env), Q being linear in L within each regime
(``Phase.x_thermal``); x = x_cap when the array carries L(x_cap) or the
store is above its floor (1 - DoD_allowed) E_cap; otherwise the array alone sets
x = clip((X_d P_arr - P_bus) / ((1 + b) P_rack N_w), 0, x_cap) and only a bus the array cannot
carry draws the store below its floor. Delivered FLOP of a day = N_w F_rack u (1 - r)
min(1, integral of x over the orbit / T) x 86400 s.

The right-hand side is piecewise constant in everything but T, and switches where E reaches
the capacity, the floor or zero, or T reaches its limit. These switches are handled as
``solve_ivp`` events (not as a smooth limiter): each segment is integrated with one regime
until an event, the state is set exactly onto the boundary it reached and the regime is chosen
afresh. At T = T_lim with an uncapped load that heats the radiator, the cap makes Q = Q_lim, so
dT/dt = 0 and T stays at T_lim while the regime holds: a sliding mode (Filippov) along the limit,
integrated with dT/dt set to 0. (Only when no compute at all brings Q down to Q_lim, the bus or
the charging losses alone being too much, does T rise above T_lim.) The mission tier's steps
overshoot T_lim by at most the step in which T crosses it, then relax onto it from above.
Within a regime T relaxes monotonically and E is linear, so their extremes lie at segment ends.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp

import orbitflops as of
from orbitflops.reference import evaluate_numpy

SIGMA = 5.670374419e-8  # W/(m^2 K^4), CODATA 2018
T_SINK_K = 3.0
DAY_S = 86400.0
YEAR_S = 365.2422 * DAY_S
AU_M = 1.495978707e11  # IAU 2012
DEG = math.pi / 180.0
RTOL = 1e-11


def julian_date_jan1(year: int) -> float:
    """Julian date of 1 January 0h UT of a Gregorian year."""
    return 1721424.5 + datetime.date(int(year), 1, 1).toordinal()


def sun(jd: float) -> tuple[float, float, float, float]:
    """Mean longitude L, ecliptic longitude lambda, obliquity eps (rad) and distance (m)."""
    n = jd - 2451545.0
    L = (280.460 + 0.9856474 * n) % 360.0
    g = ((357.528 + 0.9856003 * n) % 360.0) * DEG
    lam = (L + 1.915 * math.sin(g) + 0.020 * math.sin(2 * g)) * DEG
    eps = (23.439 - 4e-7 * n) * DEG
    r = (1.00014 - 0.01671 * math.cos(g) - 0.00014 * math.cos(2 * g)) * AU_M
    return L * DEG, lam, eps, r


def beta_rad(inc: float, raan: float, lam: float, eps: float) -> float:
    h = np.array([math.sin(inc) * math.sin(raan), -math.sin(inc) * math.cos(raan), math.cos(inc)])
    s = np.array([math.cos(lam), math.cos(eps) * math.sin(lam), math.sin(eps) * math.sin(lam)])
    return math.asin(float(np.clip(h @ s, -1.0, 1.0)))


@dataclass
class Days:
    """Per-day inputs of the reference (arrays over days) and constants."""

    period_s: float
    beta_rad: np.ndarray
    eclipse_s: np.ndarray
    array_w: np.ndarray
    env_sun: np.ndarray
    env_ecl: np.ndarray
    emissivity: np.ndarray
    working: np.ndarray
    battery_j: float
    dod_allowed: float
    dissipation_sunlit_w: float


def day_inputs(scenario: of.Scenario, design: of.Design) -> Days:
    P = scenario.params()
    ch = scenario.choices()
    alt = P["altitude_m"]
    n_days = max(int(round(P["lifetime_yr"] * YEAR_S / DAY_S)), 1)
    period = float(of.period_s(alt))
    inc = float(of.sso_inclination_rad(alt)) if ch["kind"] == "sso" else P["inclination_rad"]
    jd0 = julian_date_jan1(int(P["start_year"]))
    node_rate = float(of.nodal_rate_rad_s(alt, inc))

    # Analytic-tier quantities from the independent NumPy implementation of that tier.
    kw = dict(array_area_m2=[design.array_area_m2], radiator_area_m2=[design.radiator_area_m2], racks=[design.racks], spare_racks=[design.spare_racks])
    if design.battery_energy_j is not None:
        kw["battery_energy_j"] = [design.battery_energy_j]
    a = {k: float(v[0]) for k, v in evaluate_numpy(scenario, ["battery_energy_j", "battery_dod_allowed", "failure_rate_effective_per_yr", "dissipation_sunlit_w"], **kw).items()}

    S0 = P["solar_constant_w_m2"]
    eta_el = P["cell_efficiency"] * P["cell_packing_factor"]
    t_cell = float(of.array_temp_k(S0, P["array_absorptivity"], eta_el, P["array_front_emissivity"], P["array_back_emissivity"]))
    p_bol_m2 = S0 * eta_el * P["array_inherent_efficiency"] * max(1.0 + P["cell_temp_coeff_per_k"] * (t_cell - P["cell_ref_temp_k"]), 0.0)
    sides = P["radiator_sides"]
    if ch["orientation"] == "edge_on":
        vf = sides * float(of.earth_view_factor(alt, math.pi / 2))
    else:
        vf = float(of.earth_view_factor(alt, 0.0)) if sides >= 2 else 0.0

    lam_fail = a["failure_rate_effective_per_yr"]
    n, s = design.racks, design.spare_racks
    t_spares = s / (n * lam_fail) if lam_fail > 0 else math.inf
    raan0 = sun(jd0 + 0.5)[0] + (P["ltan_h"] - 12.0) * 15.0 * DEG

    out = {k: np.empty(n_days) for k in ("beta", "ecl", "arr", "env_sun", "env_ecl", "eps", "working")}
    for k in range(n_days):
        L, lam, eps_obl, dist = sun(jd0 + k + 0.5)
        raan = L + (P["ltan_h"] - 12.0) * 15.0 * DEG if ch["kind"] == "sso" else raan0 + node_rate * k * DAY_S
        b = beta_rad(inc, raan, lam, eps_obl)
        f = float(of.eclipse_fraction(alt, b, ch["shadow"], dist))
        flux = float(of.solar_flux_w_m2(((k + 0.5) % 365.2422) + 0.5, 1.0))
        cos_t = {"two_axis": 1.0, "one_axis": max(math.cos(b), 0.0), "fixed_normal": abs(math.sin(b))}[ch["pointing"]]
        t_yr = (k + 0.5) * DAY_S / YEAR_S
        u = (k + 0.5) / n_days
        alpha = P["radiator_absorptivity_bol"] + u * (P["radiator_absorptivity_eol"] - P["radiator_absorptivity_bol"])
        e = P["radiator_emissivity_bol"] + u * (P["radiator_emissivity_eol"] - P["radiator_emissivity_bol"])
        out["beta"][k] = b
        out["ecl"][k] = f * period
        out["arr"][k] = design.array_area_m2 * p_bol_m2 * flux * cos_t * (1.0 - P["array_degradation_per_yr"]) ** t_yr
        out["env_sun"][k] = alpha * S0 * flux * (P["radiator_sun_view_factor"] + P["albedo"] * vf) + e * P["earth_ir_w_m2"] * vf
        out["env_ecl"][k] = e * P["earth_ir_w_m2"] * vf
        out["eps"][k] = e
        out["working"][k] = n if t_yr <= t_spares else n * math.exp(-lam_fail * (t_yr - t_spares))
    return Days(
        period, out["beta"], out["ecl"], out["arr"], out["env_sun"], out["env_ecl"], out["eps"], out["working"],
        battery_j=a["battery_energy_j"], dod_allowed=a["battery_dod_allowed"], dissipation_sunlit_w=a["dissipation_sunlit_w"],
    )


class Phase:
    """Constants of one phase (sunlight or eclipse) of one day's orbit."""

    def __init__(self, P: dict, throttle: bool, sunlit: bool, p_arr: float, env: float, eps: float, working: float, area: float, cap: float, floor: float):
        self.p_arr = p_arr
        self.env = env
        self.area = area
        self.cap, self.floor = cap, floor
        self.bus = P["bus_fixed_w"]
        self.slope = (1.0 + P["bus_fraction"]) * P["rack_power_w"] * working
        self.x_d = P["regulation_efficiency"] * P["distribution_efficiency"]
        self.eta_s = P["battery_discharge_efficiency"] * P["distribution_efficiency"]
        self.eta_ch = P["regulation_efficiency"] * P["battery_charge_efficiency"]
        self.g = P["radiator_sides"] * eps * SIGMA * area
        # Heat capacity: the panel (areal density x specific heat per m^2) and the working racks.
        self.c = P["radiator_areal_density_kg_m2"] * P["radiator_specific_heat_j_kg_k"] * area + P["rack_heat_capacity_j_k"] * working
        self.t_lim = P["chip_temp_max_k"] - P["cold_plate_dt_k"] - P["coolant_loop_dt_k"]
        self.x_strategy = 0.0 if (throttle and not sunlit) else 1.0
        # Net heat the radiator rejects at its limit in this phase's environment, W.
        self.q_lim = self.g * (self.t_lim**4 - T_SINK_K**4) - area * env

    def x_thermal(self, e_j: float) -> float:
        """Compute fraction whose heat, in the store's regime at e_j, is q_lim (clipped to [0, 1]).

        Heat of load L (``flows``): with L <= X_d P_arr, L/X_d + (1 - eta_ch)(P_arr - L/X_d) while
        the store charges and L/X_d when it is full, both at most P_arr; above, P_arr + (L - X_d
        P_arr)/eta_s while the store gives, P_arr when it is empty.
        """
        if self.slope <= 0:
            return 0.0
        q, direct = self.q_lim, self.p_arr * self.x_d
        if q >= self.p_arr:
            if e_j <= 0.0:
                return 1.0  # an empty store: the heat is P_arr <= q whatever the load
            load = direct + (q - self.p_arr) * self.eta_s
        elif e_j < self.cap:
            load = self.x_d * (q - (1.0 - self.eta_ch) * self.p_arr) / self.eta_ch
        else:
            load = self.x_d * q
        return min(max((load - self.bus) / self.slope, 0.0), 1.0)

    def x_rule(self, e_j: float, capped: bool) -> float:
        """Compute fraction at store energy e_j with or without the radiator cap."""
        xc = min(self.x_strategy, self.x_thermal(e_j)) if capped else self.x_strategy
        if self.slope <= 0:
            return 0.0
        if self.bus + self.slope * xc <= self.p_arr * self.x_d or e_j > self.floor:
            return xc
        return min(max((self.p_arr * self.x_d - self.bus) / self.slope, 0.0), xc)

    def flows(self, x: float, e_j: float) -> tuple[float, float, float]:
        """(dE/dt W, heat dissipated W, unserved load W) at compute fraction x."""
        load = self.bus + self.slope * x
        direct = self.p_arr * self.x_d
        if load <= direct:
            surplus = self.p_arr - load / self.x_d
            if e_j < self.cap:
                return self.eta_ch * surplus, load / self.x_d + (1.0 - self.eta_ch) * surplus, 0.0
            return 0.0, load / self.x_d, 0.0
        if e_j > 0.0:
            draw = (load - direct) / self.eta_s
            return -draw, self.p_arr + draw, 0.0
        return 0.0, self.p_arr, load - direct

    def dT(self, t_k: float, heat: float) -> float:
        return (heat + self.area * self.env - self.g * (t_k**4 - T_SINK_K**4)) / self.c


def integrate_phase(ph: Phase, duration: float, e_j: float, t_k: float, acc: dict) -> tuple[float, float]:
    """Integrate one phase from (e_j, t_k); update acc (extremes and integrals); return the end state."""
    t = 0.0
    tol_t = 1e-9
    for _ in range(200):
        if duration - t <= 1e-9 * duration:
            return e_j, t_k
        # Thermal regime at this state.
        slide = False
        if t_k < ph.t_lim - tol_t:
            capped = False
        elif t_k > ph.t_lim + tol_t:
            capped = True
        else:
            t_k = ph.t_lim
            x_free, x_cap = ph.x_rule(e_j, False), ph.x_rule(e_j, True)
            d_free = ph.dT(t_k, ph.flows(x_free, e_j)[1])
            d_cap = ph.dT(t_k, ph.flows(x_cap, e_j)[1])
            scale = abs(ph.g * t_k**4) / ph.c
            if abs(d_free) <= 1e-12 * scale:
                slide, x_slide = True, x_free
            elif d_free < 0.0:
                capped = False
            elif d_cap > 1e-12 * scale:
                capped = True  # even no compute overheats it (the bus, or charging losses)
            elif d_cap >= -1e-12 * scale:
                slide, x_slide = True, x_cap
            else:
                raise RuntimeError("mission reference: the radiator cap cools the radiator at its limit")
        x = x_slide if slide else ph.x_rule(e_j, capped)
        de, heat, unserved = ph.flows(x, e_j)
        if abs(de) <= 1e-12 * (ph.p_arr + ph.bus + ph.slope):
            de = 0.0  # sliding on the floor: the array alone carries the reduced load

        def rhs(_t, y, de=de, heat=heat, x=x, slide=slide):
            return [de, 0.0 if slide else ph.dT(y[1], heat), x]

        events = []
        if not slide:
            if not capped:
                ev = lambda _t, y: y[1] - ph.t_lim  # noqa: E731
                ev.direction = 1.0
            else:
                ev = lambda _t, y: y[1] - ph.t_lim  # noqa: E731
                ev.direction = -1.0
            ev.terminal = True
            events.append(("T", ev))
        targets = []
        if de > 0 and e_j < ph.cap:
            targets.append(ph.cap)
        elif de < 0:
            targets.append(ph.floor if e_j > ph.floor else 0.0)
        for target in targets:
            ev = lambda _t, y, target=target: y[0] - target  # noqa: E731
            ev.terminal = True
            ev.direction = 0.0
            events.append(("E", ev))
        sol = solve_ivp(rhs, (t, duration), [e_j, t_k, 0.0], method="DOP853", rtol=RTOL, atol=[1e-9 * max(ph.cap, 1.0), 1e-9, 1e-12], events=[ev for _, ev in events])
        t_end = sol.t[-1]
        if t_end <= t:
            raise RuntimeError("mission reference: a regime switch made no progress")
        e_new, t_new, x_int = sol.y[:, -1]
        acc["x_time_s"] += x_int
        acc["unserved_j"] += unserved * (t_end - t)
        acc["segments"] += 1
        acc["slides"] += slide
        if slide:
            regime = "full" if e_j >= ph.cap else "charging" if de > 0 else "giving" if de < 0 else "array alone"
            acc["slide_regimes"].add(regime)
        if sol.status == 1:
            hit = [i for i, te in enumerate(sol.t_events) if len(te)]
            for i in hit:
                kind, _ = events[i]
                if kind == "T":
                    t_new = ph.t_lim
                else:
                    e_new = targets[0]
        e_j, t_k, t = min(max(e_new, 0.0), ph.cap), t_new, t_end
        acc["e_min"] = min(acc["e_min"], e_j)
        acc["e_max"] = max(acc["e_max"], e_j)
        acc["t_min"] = min(acc["t_min"], t_k)
        acc["t_max"] = max(acc["t_max"], t_k)
    raise RuntimeError("mission reference: more than 200 regime switches in one phase")


def simulate(scenario: of.Scenario, design: of.Design | None = None) -> dict:
    """Lifetime of one design: per-day arrays and totals with the mission tier's names."""
    design = design if design is not None else scenario.design
    P = scenario.params()
    throttle = scenario.choices()["strategy"] == "throttle"
    d = day_inputs(scenario, design)
    cap = d.battery_j
    floor = cap * (1.0 - d.dod_allowed)
    area = design.radiator_area_m2
    sides = P["radiator_sides"]
    e_j = cap
    # Start at the equilibrium of the sunlit dissipation carried: the analytic tier's at full
    # compute, or, when that would hold the radiator above its limit, what the cap lets through
    # (the rejection at the limit, whose equilibrium is the limit).
    t_full = ((d.dissipation_sunlit_w + area * d.env_sun[0]) / (sides * d.emissivity[0] * SIGMA * area) + T_SINK_K**4) ** 0.25
    t_k = t_start = min(t_full, P["chip_temp_max_k"] - P["cold_plate_dt_k"] - P["coolant_loop_dt_k"])
    flop_per_rack_s = P["rack_peak_flops"] * P["utilisation"] * (1.0 - P["radiation_derate"])
    per_day = {k: [] for k in ("soc_min", "soc_max", "radiator_temp_min_k", "radiator_temp_max_k", "compute_fraction", "delivered_flop", "working_racks", "beta_rad", "eclipse_s", "array_power_w")}
    unserved = 0.0
    segments = slides = 0
    slide_regimes: set[str] = set()
    for k in range(len(d.beta_rad)):
        acc = {"e_min": e_j, "e_max": e_j, "t_min": t_k, "t_max": t_k, "x_time_s": 0.0, "unserved_j": 0.0, "segments": 0, "slides": 0, "slide_regimes": slide_regimes}
        f = d.eclipse_s[k] / d.period_s
        phases = [(True, (1.0 - f) * d.period_s)] + ([(False, f * d.period_s)] if f > 0 else [])
        for sunlit, duration in phases:
            env = d.env_sun[k] if sunlit else d.env_ecl[k]
            ph = Phase(P, throttle, sunlit, d.array_w[k] if sunlit else 0.0, env, d.emissivity[k], d.working[k], area, cap, floor)
            e_j, t_k = integrate_phase(ph, duration, e_j, t_k, acc)
        x_mean = min(acc["x_time_s"] / d.period_s, 1.0)
        per_day["soc_min"].append(acc["e_min"] / cap if cap > 0 else 0.0)
        per_day["soc_max"].append(acc["e_max"] / cap if cap > 0 else 0.0)
        per_day["radiator_temp_min_k"].append(acc["t_min"])
        per_day["radiator_temp_max_k"].append(acc["t_max"])
        per_day["compute_fraction"].append(x_mean)
        per_day["delivered_flop"].append(d.working[k] * flop_per_rack_s * x_mean * DAY_S)
        per_day["working_racks"].append(d.working[k])
        per_day["beta_rad"].append(d.beta_rad[k])
        per_day["eclipse_s"].append(d.eclipse_s[k])
        per_day["array_power_w"].append(d.array_w[k])
        unserved += acc["unserved_j"] * DAY_S / d.period_s
        segments += acc["segments"]
        slides += acc["slides"]
    days = {k: np.array(v) for k, v in per_day.items()}
    totals = {
        "delivered_flop": float(days["delivered_flop"].sum()),
        "soc_min": float(days["soc_min"].min()),
        "radiator_temp_max_k": float(days["radiator_temp_max_k"].max()),
        "radiator_temp_min_k": float(days["radiator_temp_min_k"].min()),
        "compute_fraction_mean": float((days["compute_fraction"] * days["working_racks"]).sum() / days["working_racks"].sum()),
        "unserved_energy_j": unserved,
        "battery_energy_j": cap,
        "soc_floor": 1.0 - d.dod_allowed,
        "radiator_temp_limit_k": P["chip_temp_max_k"] - P["cold_plate_dt_k"] - P["coolant_loop_dt_k"],
        "radiator_temp_start_k": t_start,
        "segments": segments,
        "sliding_segments": slides,
        "sliding_regimes": sorted(slide_regimes),
    }
    return {"days": days, "totals": totals}
