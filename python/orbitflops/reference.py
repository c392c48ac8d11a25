"""A plain NumPy implementation of the analytic tier, independent of the Rust core.

It follows docs/model.md (orbit geometry to the ground baseline) with the same conventions as the
core (year sampled every five days with the Astronomical Almanac's low-precision Sun, SMAD array
sizing over the Pareto-maximal sampled conditions, fluid failure model with cold spares,
continuous discounting) and is written as a careful NumPy user would: whole-array operations, no
Python loop over designs (only over the year's sampled conditions, with running reductions so
memory stays a few arrays of the batch's length; when no orbit parameter varies the conditions are
computed once and reduced to the Pareto-maximal ones). It serves two purposes: differential tests
of the Rust batch path (they agree to ~1e-12 relative), and the baseline the benchmarks time the
Rust core against.

Use :func:`evaluate_numpy` with the same keywords as :func:`orbitflops.evaluate_batch`. It takes
the scenario as the core resolved it; :func:`evaluate_numpy_toml` reads a scenario file itself
(``tomllib``) and resolves it from this module's own tables of defaults and presets
(:data:`DEFAULT_PARAMS`, :data:`PRESETS`), so that the tests check the core's defaults, presets
and file reading as well as its arithmetic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from . import _core
from ._core import Scenario

if TYPE_CHECKING:
    import numpy.typing as npt

FloatArray: TypeAlias = "npt.NDArray[np.float64]"
Params: TypeAlias = "dict[str, FloatArray]"
"""Parameter name -> its values over the designs."""
Choices: TypeAlias = "dict[str, str]"

MU = 3.986004418e14
R_E = 6378137.0
J2 = 1.08262668e-3
YEAR_S = 365.2422 * 86400.0
YEAR_H = 365.2422 * 24.0
AU = 1.495978707e11
R_SUN = 6.957e8
SIGMA = 5.670374419e-8
G0 = 9.80665
T_SINK = 3.0
DEG = np.pi / 180.0

PARAM_NAMES = tuple(p["name"] for p in _core.PARAMS)
ORBIT_PARAMS = ("altitude_m", "ltan_h", "inclination_rad", "start_year")

# Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Table 8-4.
_ATM = np.array(
    [
        (0.0, 1.225, 7.249), (25.0, 3.899e-2, 6.349), (30.0, 1.774e-2, 6.682), (40.0, 3.972e-3, 7.554),
        (50.0, 1.057e-3, 8.382), (60.0, 3.206e-4, 7.714), (70.0, 8.770e-5, 6.549), (80.0, 1.905e-5, 5.799),
        (90.0, 3.396e-6, 5.382), (100.0, 5.297e-7, 5.877), (110.0, 9.661e-8, 7.263), (120.0, 2.438e-8, 9.473),
        (130.0, 8.484e-9, 12.636), (140.0, 3.845e-9, 16.149), (150.0, 2.070e-9, 22.523), (180.0, 5.464e-10, 29.740),
        (200.0, 2.789e-10, 37.105), (250.0, 7.248e-11, 45.546), (300.0, 2.418e-11, 53.628), (350.0, 9.518e-12, 53.298),
        (400.0, 3.725e-12, 58.515), (450.0, 1.585e-12, 60.828), (500.0, 6.967e-13, 63.822), (600.0, 1.454e-13, 71.835),
        (700.0, 3.614e-14, 88.667), (800.0, 1.170e-14, 124.64), (900.0, 5.245e-15, 181.05), (1000.0, 3.019e-15, 268.00),
    ]
)


def atmosphere_density(alt_m: FloatArray) -> FloatArray:
    """Exponential atmosphere, kg/m^3 (Vallado Table 8-4)."""
    h = np.asarray(alt_m) / 1000.0
    i = np.clip(np.searchsorted(_ATM[:, 0], h, side="right") - 1, 0, len(_ATM) - 1)
    rho: FloatArray = _ATM[i, 1] * np.exp(-(h - _ATM[i, 0]) / _ATM[i, 2])
    return rho


def eclipse_fraction(h: FloatArray, beta: FloatArray, shadow: str, sun_dist: FloatArray | float) -> FloatArray:
    """Cylindrical (Gilmore) or conical (closed form, docs/model.md, "Eclipse fraction") eclipse
    fraction."""
    r = R_E + h
    rc = r * np.abs(np.cos(beta))
    if shadow == "cylindrical":
        xb = np.sqrt(h * h + 2.0 * R_E * h)
    else:
        if shadow == "umbra":
            s = (R_SUN - R_E) / sun_dist
            sign = 1.0
        else:
            s = (R_SUN + R_E) / sun_dist
            sign = -1.0
        cosa = np.sqrt(1.0 - s * s)
        c = R_E / cosa
        t = sign * s / cosa
        one = 1.0 + t * t
        disc = c * c * t * t - one * (c * c - r * r)
        xb = np.where(disc < 0, np.inf, (c * t + np.sqrt(np.maximum(disc, 0.0))) / one)
    with np.errstate(invalid="ignore", divide="ignore"):
        f = np.arccos(np.clip(xb / rc, -1.0, 1.0)) / np.pi
    return np.where(xb >= rc, 0.0, f)


def eclipse_margin(h: FloatArray, beta: FloatArray, shadow: str, sun_dist: FloatArray | float) -> FloatArray:
    """Signed depth (m) of the orbit in the shadow, a cos(beta) - x_b: positive exactly when the
    eclipse fraction is (docs/model.md, "Eclipse season")."""
    r = R_E + h
    rc = r * np.abs(np.cos(beta))
    if shadow == "cylindrical":
        return rc - np.sqrt(h * h + 2.0 * R_E * h)
    s = (R_SUN - R_E) / sun_dist if shadow == "umbra" else (R_SUN + R_E) / sun_dist
    cosa = np.sqrt(1.0 - s * s)
    c = R_E / cosa
    t = (1.0 if shadow == "umbra" else -1.0) * s / cosa
    one = 1.0 + t * t
    disc = c * c * t * t - one * (c * c - r * r)
    xb = (c * t + np.sqrt(np.maximum(disc, 0.0))) / one
    return np.where(disc < 0, -r, rc - xb)


def _season_fraction(margins: FloatArray) -> FloatArray:
    """Fraction of the year eclipsed, from the eclipse margins of shape (days, nodes, n): each
    node's margin linear from one sampled day to the next (round the year), the share of each
    interval on the eclipsed side averaged over days and nodes."""
    a, b = margins, np.roll(margins, -1, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        cross = np.where(a > 0, a / (a - b), b / (b - a))
    share = np.where((a > 0) & (b > 0), 1.0, np.where((a > 0) == (b > 0), 0.0, cross))
    frac: FloatArray = share.mean(axis=(0, 1))
    return frac


def _jd_jan1(year: FloatArray) -> FloatArray:
    y = year - 1.0
    a = np.floor(y / 100.0)
    b = 2.0 - a + np.floor(a / 4.0)
    jd: FloatArray = np.floor(365.25 * (y + 4716.0)) + np.floor(30.6001 * 14.0) + 1.0 + b - 1524.5
    return jd


def _earth_vf(h: FloatArray, g: float) -> FloatArray:
    """Howell's plate-to-sphere view factor, full and partial view."""
    H = (R_E + h) / R_E
    phi = np.arcsin(1.0 / H)
    x = np.sqrt(H * H - 1.0)
    sg, cg = np.sin(g), np.cos(g)
    with np.errstate(invalid="ignore", divide="ignore"):
        a1 = np.arcsin(np.clip(x / (H * sg), -1, 1))
        a2 = np.arccos(np.clip(-x * cg / sg, -1, 1))
        rr = np.sqrt(np.maximum(1.0 - H * H * cg * cg, 0.0))
        partial = np.maximum(0.5 - a1 / np.pi + (cg * a2 - x * rr) / (np.pi * H * H), 0.0)
    return np.where(g <= np.pi / 2 - phi, cg / (H * H), np.where(g >= np.pi / 2 + phi, 0.0, partial))


def _inclination(P: Params, ch: Choices) -> FloatArray:
    """Sun-synchronous inclination from the J2 node rate (Vallado sec. 11.4), or the given one."""
    if ch["kind"] != "sso":
        return P["inclination_rad"]
    a = R_E + P["altitude_m"]
    cosi = -(2.0 / 3.0) * (2 * np.pi / YEAR_S) * a**3.5 / (J2 * R_E * R_E * np.sqrt(MU))
    return np.where(np.abs(cosi) <= 1, np.arccos(np.clip(cosi, -1, 1)), np.pi / 2)


def _year_samples(
    P: Params, ch: Choices, inc: FloatArray
) -> Iterator[tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]]:
    """Yield (beta, f, f_cylindrical, g, h, eclipse margin) over the year's sampled conditions, each an array of
    the parameters' length: every 5th day of ``start_year`` (Astronomical Almanac low-precision
    Sun), and for an inclined orbit 24 node angles per day. g = f / ((1 - f) c), h = 1 / c with c
    the flux and pointing factor (SMAD eq. 11-5 per unit load)."""
    alt = P["altitude_m"]
    jd0 = _jd_jan1(P["start_year"])
    si, ci = np.sin(inc), np.cos(inc)
    nodes = [None] if ch["kind"] == "sso" else list(2 * np.pi * np.arange(24) / 24.0)
    for day in 3.0 + 5.0 * np.arange(73):
        nn = jd0 + day - 1.0 + 0.5 - 2451545.0
        L = np.mod(280.460 + 0.9856474 * nn, 360.0) * DEG
        gm = np.mod(357.528 + 0.9856003 * nn, 360.0) * DEG
        lam = L + (1.915 * np.sin(gm) + 0.020 * np.sin(2 * gm)) * DEG
        eps = (23.439 - 0.0000004 * nn) * DEG
        dist = (1.00014 - 0.01671 * np.cos(gm) - 0.00014 * np.cos(2 * gm)) * AU
        flux = 1.0 + 0.0334 * np.cos(2 * np.pi * (day - 3.0) / 365.25)
        sl, cl = np.sin(lam), np.cos(lam)
        for node in nodes:
            raan = L + (P["ltan_h"] - 12.0) * np.pi / 12.0 if node is None else node
            sb = cl * np.sin(raan) * si - sl * np.cos(eps) * np.cos(raan) * si + sl * np.sin(eps) * ci
            beta = np.arcsin(np.clip(sb, -1, 1))
            f = eclipse_fraction(alt, beta, ch["shadow"], dist)
            fc = eclipse_fraction(alt, beta, "cylindrical", dist)
            if ch["pointing"] == "two_axis":
                c = np.full_like(beta, flux)
            elif ch["pointing"] == "one_axis":
                c = flux * np.maximum(np.cos(beta), 0.0)
            else:
                c = flux * np.abs(np.sin(beta))
            with np.errstate(divide="ignore", invalid="ignore"):
                h = np.where(c > 0, 1.0 / c, np.inf)
                g = np.where(f == 0, 0.0, np.where(c > 0, f / ((1.0 - f) * c), np.inf))
            yield beta, f, fc, g, h, eclipse_margin(alt, beta, ch["shadow"], dist)


def _pareto(g: FloatArray, h: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The Pareto-maximal (g, h) conditions, by decreasing h: a condition no larger in both never
    sets the array requirement, whatever the (positive) loads and path efficiencies."""
    order = np.lexsort((-g, -h))
    g, h = g[order], h[order]
    best = np.maximum.accumulate(g)
    keep = np.concatenate(([True], g[1:] > best[:-1]))
    return g[keep], h[keep]


K_B_EV = 8.617333262e-5  # Boltzmann constant, eV/K (CODATA 2018)
V_EQ = 2 * np.pi * R_E / 86164.1  # equatorial rotation speed, m/s


def _array_velocity_projection(pointing: str, absb: FloatArray) -> FloatArray:
    """Orbit mean of |cos| between the array normal and the velocity: two-axis tracking (normal
    along the Sun) (2/pi) cos(beta), one-axis (normal along the Sun's in-plane direction) 2/pi,
    fixed along the orbit normal 0."""
    if pointing == "two_axis":
        return 2.0 / np.pi * np.cos(absb)
    if pointing == "one_axis":
        return np.full_like(absb, 2.0 / np.pi)
    return np.zeros_like(absb)


def _edge_on_velocity_projection(absb: FloatArray) -> FloatArray:
    """Orbit mean of |cos| between the velocity and the normal of a panel edge-on to Sun and
    Earth: mean over theta of sin(b) / sqrt(sin^2 b + cos^2 b sin^2 theta) = (2/pi) sin(b) K(cos^2 b)
    with SciPy's complete elliptic integral K(m)."""
    from scipy.special import ellipk

    sb = np.sin(absb)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sb > 0, 2.0 / np.pi * sb * ellipk(np.cos(absb) ** 2), 0.0)


def _payload_to_orbit(P: Params, inc: FloatArray) -> FloatArray:
    """Payload to the orbit by the upper stage's rocket equation, with the Earth-rotation assist
    lost and the Hohmann raise from the reference orbit as extra velocity."""
    r1 = R_E + np.minimum(P["launcher_ref_altitude_m"], P["altitude_m"])
    r2 = R_E + np.maximum(P["launcher_ref_altitude_m"], P["altitude_m"])
    hoh = np.sqrt(MU / r1) * (np.sqrt(2 * r2 / (r1 + r2)) - 1) + np.sqrt(MU / r2) * (1 - np.sqrt(2 * r1 / (r1 + r2)))
    hoh = np.where(P["altitude_m"] >= P["launcher_ref_altitude_m"], hoh, -hoh)
    extra = V_EQ * (np.cos(P["launcher_ref_inclination_rad"]) - np.cos(inc)) + hoh
    c = P["launcher_stage_isp_s"] * G0
    md, mp, p0 = P["launcher_stage_dry_kg"], P["launcher_stage_propellant_kg"], P["launcher_payload_kg"]
    with np.errstate(over="ignore"):
        mass_ratio = np.exp((c * np.log((mp + md + p0) / (md + p0)) + extra) / c)
    with np.errstate(invalid="ignore", divide="ignore"):
        # (m_p + m_d - m_d R) / (R - 1) written so that a mass ratio beyond the float range gives
        # -m_d (no payload) rather than inf / inf.
        pay = mp / (mass_ratio - 1.0) - md
    return np.where(mass_ratio <= 1.0, 10.0 * p0, np.clip(pay, 0.0, 10.0 * p0))


def _ownership(rho: ArrayLike, life: ArrayLike, horizon: ArrayLike) -> FloatArray:
    """Present value per unit price of owning an asset of life ``life`` over ``horizon`` years:
    purchases at k * life < horizon discounted continuously, less the discounted straight-line
    residual value of the last one at the horizon."""
    rho, life, horizon = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (rho, life, horizon)))
    total = np.ones(rho.shape)
    last = np.zeros(rho.shape)
    k_max = int(np.max(horizon / life)) + 1
    for k in range(1, k_max + 1):
        t = k * life
        inside = t < horizon * (1.0 - 1e-12)
        total = total + np.where(inside, np.exp(-rho * t), 0.0)
        last = np.where(inside, t, last)
    unused = np.maximum((last + life - horizon) / life, 0.0)
    pv: FloatArray = total - unused * np.exp(-rho * horizon)
    return pv


def _int_exp(k: ArrayLike, t: ArrayLike) -> FloatArray:
    ka = np.asarray(k, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ka == 0.0, t, -np.expm1(-ka * t) / np.where(ka == 0.0, 1.0, ka))


def evaluate_numpy(scenario: Scenario, outputs: Iterable[str] | str | None = None, **arrays: ArrayLike) -> dict[str, FloatArray]:
    """Evaluate designs with NumPy; same keywords and outputs as ``orbitflops.evaluate_batch``
    (inputs must be valid: this reference does not validate). The scenario's parameters and
    choices are the core's, as resolved by ``Scenario``; :func:`evaluate_numpy_toml` resolves a
    scenario file itself."""
    d0 = scenario.design
    design = {"array_area_m2": d0.array_area_m2, "radiator_area_m2": d0.radiator_area_m2, "racks": d0.racks, "spare_racks": d0.spare_racks, "battery_energy_j": d0.battery_energy_j}
    return _evaluate(scenario.params(), scenario.choices(), design, outputs, arrays)


def _evaluate(
    base: dict[str, float], ch: Choices, d0: dict[str, Any], outputs: Iterable[str] | str | None, arrays: dict[str, ArrayLike]
) -> dict[str, FloatArray]:
    names = list(_core.OUTPUTS[i]["name"] for i in range(len(_core.OUTPUTS))) if outputs in (None, "all") else list(outputs)
    n = max([np.size(v) for v in arrays.values() if np.ndim(v) > 0] or [1])
    P = {k: np.broadcast_to(np.asarray(arrays.get(k, v), dtype=float), (n,)) for k, v in base.items()}
    A = np.broadcast_to(np.asarray(arrays.get("array_area_m2", d0["array_area_m2"]), dtype=float), (n,))
    Ar = np.broadcast_to(np.asarray(arrays.get("radiator_area_m2", d0["radiator_area_m2"]), dtype=float), (n,))
    N = np.broadcast_to(np.asarray(arrays.get("racks", d0["racks"]), dtype=float), (n,))
    S = np.broadcast_to(np.asarray(arrays.get("spare_racks", d0["spare_racks"]), dtype=float), (n,))
    batt_given = arrays.get("battery_energy_j", d0["battery_energy_j"])

    # Loads (docs/model.md, "Power and storage"): eclipse and sunlit loads, the array rating per
    # unit area.
    compute_w = N * P["rack_power_w"]
    day = P["bus_fixed_w"] + (1.0 + P["bus_fraction"]) * compute_w
    ecl = day if ch["strategy"] == "battery" else P["bus_fixed_w"]
    # Path efficiencies from the losses along each path (SMAD eq. 11-5's X_d and X_e).
    e_reg, e_dist = P["regulation_efficiency"], P["distribution_efficiency"]
    e_ch, e_dis = P["battery_charge_efficiency"], P["battery_discharge_efficiency"]
    ie = 1.0 / (e_reg * e_ch * e_dis * e_dist)
    idl = 1.0 / (e_reg * e_dist)
    slope = (1.0 + P["bus_fraction"]) * compute_w
    bf = P["bus_fixed_w"]

    # Solar array.
    eta = P["cell_efficiency"] * P["cell_packing_factor"]
    S0 = P["solar_constant_w_m2"]
    q = S0 * np.maximum(P["array_absorptivity"] - eta, 0.0) / ((P["array_front_emissivity"] + P["array_back_emissivity"]) * SIGMA)
    t_cell = np.sqrt(np.sqrt(q))
    temp = np.maximum(1.0 + P["cell_temp_coeff_per_k"] * (t_cell - P["cell_ref_temp_k"]), 0.0)
    p_bol = S0 * P["cell_efficiency"] * P["cell_packing_factor"] * P["array_inherent_efficiency"] * temp
    p_eol = p_bol * (1.0 - P["array_degradation_per_yr"]) ** P["lifetime_yr"]
    rating_eol = A * p_eol
    rating_bol = A * p_bol

    # Orbit: the year's conditions. When no orbit parameter varies they are computed once and
    # reduced to the few Pareto-maximal ones; otherwise each sample is an array over the designs.
    # Either way the loop runs over conditions with running reductions, never over designs.
    orbit_varies = any(k in arrays and np.ndim(arrays[k]) > 0 for k in ORBIT_PARAMS)
    Po = P if orbit_varies else {k: v[:1] for k, v in P.items()}
    inc = _inclination(Po, ch)
    bmin, bmax, fworst = np.full(len(inc), np.inf), np.zeros(len(inc)), np.zeros(len(inc))
    drag_arr_sum, drag_edge_sum = np.zeros(len(inc)), np.zeros(len(inc))
    sunlit_sum, count = np.zeros(len(inc)), 0
    # SMAD eq. 11-5 per condition: required rating e g / X_e + d h / X_d, its maximum and the
    # binding condition's pointing factor; the largest compute fraction each condition allows.
    required = np.full(n, -np.inf)
    c_bind = np.zeros(n)
    x_min = np.ones(n)

    def scan(g_k: FloatArray, h_k: FloatArray) -> None:
        nonlocal required, c_bind, x_min
        gi, hi = g_k * ie, h_k * idl
        with np.errstate(invalid="ignore", divide="ignore"):
            req = np.where((ecl == 0) | (g_k == 0), 0.0, ecl * gi) + day * hi
            xk = (rating_eol - bf * (gi + hi)) / (slope * ((gi + hi) if ch["strategy"] == "battery" else hi))
        better = req > required
        required = np.where(better, req, required)
        with np.errstate(divide="ignore"):
            c_bind = np.where(better, 1.0 / h_k, c_bind)
        x_min = np.minimum(x_min, np.where(np.isfinite(g_k) & np.isfinite(h_k), xk, -np.inf))

    gs, hs = [], []
    b_lo, b_hi = np.full(len(inc), np.inf), np.full(len(inc), -np.inf)
    margins: list[FloatArray] = []
    for beta_k, f, fc, g_k, h_k, m_k in _year_samples(Po, ch, inc):
        absb = np.abs(beta_k)
        b_lo, b_hi = np.minimum(b_lo, beta_k), np.maximum(b_hi, beta_k)
        bmin, bmax, fworst = np.minimum(bmin, absb), np.maximum(bmax, absb), np.maximum(fworst, f)
        drag_arr_sum += _array_velocity_projection(ch["pointing"], absb)
        drag_edge_sum += _edge_on_velocity_projection(absb)
        sunlit_sum += 1.0 - fc
        margins.append(np.broadcast_to(m_k, np.shape(inc)))
        count += 1
        if orbit_varies:
            scan(g_k, h_k)
        else:
            gs.append(g_k[0])
            hs.append(h_k[0])
    # A fixed array along the orbit normal loses the Sun where beta changes sign over the year.
    crosses = (b_lo < 0) & (b_hi > 0) if ch["pointing"] == "fixed_normal" else np.zeros(len(inc), bool)
    bmin = np.where(crosses, 0.0, bmin)
    if orbit_varies:
        if crosses.any():
            scan(np.where(crosses, np.inf, 0.0), np.where(crosses, np.inf, 0.0))
    else:
        if crosses[0]:
            gs.append(np.inf)
            hs.append(np.inf)
        for g_k, h_k in zip(*_pareto(np.array(gs), np.array(hs))):
            scan(g_k, h_k)
    nodes = 1 if ch["kind"] == "sso" else 24
    season_frac = _season_fraction(np.array(margins).reshape(73, nodes, -1))
    if not orbit_varies:
        inc, bmin, bmax, fworst, sunlit_sum, season_frac, drag_arr_sum, drag_edge_sum = (
            np.broadcast_to(x, (n,)) for x in (inc, bmin, bmax, fworst, sunlit_sum, season_frac, drag_arr_sum, drag_edge_sum)
        )
    margin = rating_eol - required
    x_power = np.where(margin >= 0, 1.0, np.clip(x_min, 0.0, 1.0))
    sunlit = sunlit_sum / count
    season = season_frac
    period = 2 * np.pi * np.sqrt((R_E + P["altitude_m"]) ** 3 / MU)
    ecl_s = fworst * period
    cycles = season * (YEAR_S / period) * P["lifetime_yr"]
    with np.errstate(divide="ignore"):
        dod_allowed = np.where(
            cycles <= 0, P["battery_dod_max"], np.minimum(P["battery_dod_ref"] * (cycles / P["battery_cycles_ref"]) ** (-P["battery_dod_exponent"]), P["battery_dod_max"])
        )

    # Battery: the store must give the eclipse's energy through discharge and distribution.
    drawn = ecl * ecl_s
    beff = e_dis * e_dist
    if batt_given is None:
        with np.errstate(invalid="ignore", divide="ignore"):
            battery = np.where((ecl == 0) | (ecl_s == 0), 0.0, ecl * ecl_s / (dod_allowed * beff))
        dod = np.where(drawn == 0, 0.0, dod_allowed)
    else:
        battery = np.broadcast_to(np.asarray(batt_given, dtype=float), (n,))
        with np.errstate(invalid="ignore", divide="ignore"):
            dod = np.where(drawn == 0, 0.0, np.where(battery == 0, np.inf, drawn / (battery * beff)))
    dod_margin = dod_allowed - dod

    # Energy ledger in the orbit with the longest eclipse: power flows at compute fraction xx.
    def flows(xx: FloatArray | float) -> dict[str, FloatArray]:
        load = P["bus_fixed_w"] + (1.0 + P["bus_fraction"]) * compute_w * xx
        le = load if ch["strategy"] == "battery" else P["bus_fixed_w"] + 0.0 * load
        with np.errstate(invalid="ignore", divide="ignore"):
            from_store = np.where(fworst > 0, le / (e_dis * e_dist), 0.0)  # store output in eclipse
            into_store = np.where(fworst > 0, from_store * fworst / (1.0 - fworst), 0.0)  # in sunlight
        bus_in = load / e_dist + into_store / e_ch
        array_out = bus_in / e_reg
        return {
            "array_output_w": array_out,
            "regulation_loss_w": array_out - bus_in,
            "distribution_loss_w": load / e_dist - load,
            "battery_charge_w": into_store,
            "battery_charge_loss_w": into_store / e_ch - into_store,
            "battery_discharge_loss_w": from_store * (1.0 - e_dis),
            "dissipation_sunlit_w": array_out - into_store,
            "dissipation_eclipse_w": from_store,
        }

    led = flows(1.0)
    heat = np.maximum(led["dissipation_sunlit_w"], led["dissipation_eclipse_w"])

    # Thermal.
    H = (R_E + P["altitude_m"]) / R_E
    if ch["orientation"] == "edge_on":
        vf = P["radiator_sides"] * _earth_vf(P["altitude_m"], np.pi / 2)
    else:
        vf = np.where(P["radiator_sides"] >= 2, 1.0 / (H * H), 0.0)

    def env(a: FloatArray, e: FloatArray) -> FloatArray:
        q: FloatArray = a * S0 * (P["radiator_sun_view_factor"] + P["albedo"] * vf) + e * P["earth_ir_w_m2"] * vf
        return q

    env_bol = env(P["radiator_absorptivity_bol"], P["radiator_emissivity_bol"])
    env_eol = env(P["radiator_absorptivity_eol"], P["radiator_emissivity_eol"])
    sides = P["radiator_sides"]

    def temp_k(q: FloatArray, e: FloatArray, envq: FloatArray) -> FloatArray:
        xq = (q + Ar * envq) / (sides * e * SIGMA * Ar) + T_SINK**4
        t: FloatArray = np.sqrt(np.sqrt(xq))
        return t

    t_req = temp_k(heat, P["radiator_emissivity_eol"], env_eol)
    limit = P["chip_temp_max_k"] - P["cold_plate_dt_k"] - P["coolant_loop_dt_k"]
    t2 = limit * limit
    reject = sides * P["radiator_emissivity_eol"] * SIGMA * (t2 * t2 - T_SINK**4) - env_eol
    thermal_margin = limit - t_req
    with np.errstate(divide="ignore"):
        area_req = np.where(reject > 0, heat / np.where(reject > 0, reject, 1.0), np.inf)
    # Largest compute fraction whose dissipation the radiator rejects at its limit: each branch of
    # the dissipation is a straight line in the compute fraction.
    q_max = Ar * reject
    l0, l1 = flows(0.0), flows(1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        def branch(a: FloatArray, b: FloatArray) -> FloatArray:
            return np.where(b > a, (q_max - a) / np.where(b > a, b - a, 1.0), np.where(a <= q_max, 1.0, 0.0))

        x_th = np.minimum(branch(l0["dissipation_sunlit_w"], l1["dissipation_sunlit_w"]), branch(l0["dissipation_eclipse_w"], l1["dissipation_eclipse_w"]))
    x_thermal = np.where(thermal_margin >= 0, 1.0, np.clip(x_th, 0.0, 1.0))
    x = np.minimum(x_power, x_thermal)
    led_x = flows(x)
    heat_op = np.where(x < 1.0, np.maximum(led_x["dissipation_sunlit_w"], led_x["dissipation_eclipse_w"]), heat)
    t_rad = temp_k(heat_op, P["radiator_emissivity_eol"], env_eol)
    t_rad_bol = temp_k(heat_op, P["radiator_emissivity_bol"], env_bol)
    t_chip = t_rad + P["cold_plate_dt_k"] + P["coolant_loop_dt_k"]

    # Compute: failures (Arrhenius in the junction temperature) with cold spares, continuous
    # discounting.
    life = P["lifetime_yr"]
    ea = P["failure_activation_energy_ev"]
    lam = P["failure_rate_per_yr"] * np.where(ea == 0, 1.0, np.exp(ea / K_B_EV * (1.0 / P["failure_ref_temp_k"] - 1.0 / t_chip))) + P["radiation_failure_rate_per_yr"]
    rho = np.log1p(P["discount_rate"])
    with np.errstate(divide="ignore", invalid="ignore"):
        ts = np.where(lam > 0, S / (N * np.where(lam > 0, lam, 1.0)), np.inf)
    spares_last = ts >= life
    rest = np.where(spares_last, 0.0, life - ts)
    ts_c = np.where(spares_last, life, ts)
    rack_years = np.where(spares_last, N * life, N * (ts_c + _int_exp(lam, rest)))
    pv_rack_years = np.where(spares_last, N * _int_exp(rho, life), N * (_int_exp(rho, ts_c) + np.exp(-rho * ts_c) * _int_exp(lam + rho, rest)))
    working_eol = np.where(spares_last, 1.0, np.exp(-lam * rest))
    ecl_factor = np.ones(n) if ch["strategy"] == "battery" else sunlit
    peak = N * P["rack_peak_flops"]
    after_util = peak * P["utilisation"]
    after_fail = after_util * rack_years / (N * life)
    after_ecl = after_fail * ecl_factor
    after_der = after_ecl * x
    keep = 1.0 - P["radiation_derate"]
    delivered = after_der * keep
    pv_flop = P["rack_peak_flops"] * P["utilisation"] * ecl_factor * x * keep * pv_rack_years * YEAR_S
    pv_mwh = P["rack_power_w"] * ecl_factor * x * pv_rack_years * YEAR_H / 1e6

    # Mass: bottom up from the parts, or top down from a specific power and cost.
    allr = N + S
    m_racks = allr * P["rack_mass_kg"]
    c_racks = allr * P["rack_cost_usd"]
    bottom_up = ch["spacecraft"] == "bottom_up"

    def part(v: FloatArray) -> FloatArray:
        return v if bottom_up else np.zeros(n)

    if bottom_up:
        basis = np.zeros(n)
    else:
        r_keep = 1.0 - P["array_degradation_per_yr"]
        whole = np.floor(life)
        with np.errstate(invalid="ignore", divide="ignore"):
            geometric = np.where(r_keep < 1.0, (1.0 - r_keep**whole) / np.where(r_keep < 1.0, 1.0 - r_keep, 1.0), whole)
        mean_keep = (geometric + (life - whole) * r_keep**whole) / life
        basis = day / (mean_keep * sunlit)
    m_specific = basis / P["spacecraft_specific_power_w_kg"]
    c_specific = basis * P["spacecraft_cost_usd_per_w"]
    m_array = part(A * P["array_areal_density_kg_m2"])
    m_rad = part(Ar * P["radiator_areal_density_kg_m2"])
    m_batt = part(battery / P["battery_specific_energy_j_kg"])
    m_cool = part(P["coolant_loop_kg_per_w"] * heat)
    m_bus = part(P["bus_mass_kg"] + P["bus_mass_kg_per_w"] * day)
    m_shield = part(P["shield_density_kg_m3"] * P["shield_thickness_m"] * P["rack_enclosure_area_m2"] * allr)
    m_struct = part(P["structure_fraction"] * (m_racks + m_batt + m_cool + m_bus))
    v = np.sqrt(MU / (R_E + P["altitude_m"]))
    dens = atmosphere_density(P["altitude_m"]) * P["atmosphere_density_factor"]
    prop_per_m2 = 0.5 * dens * v * v * P["drag_coefficient"] * life * YEAR_S / (P["thruster_isp_s"] * G0)
    drag_rad = drag_edge_sum / count if ch["orientation"] == "edge_on" else np.zeros(n)
    m_prop = part(prop_per_m2 * (drag_arr_sum / count * A + drag_rad * Ar + P["body_drag_area_m2"]))
    m_total = m_racks + m_array + m_rad + m_batt + m_cool + m_bus + m_shield + m_struct + m_prop + m_specific
    payload = _payload_to_orbit(P, inc)
    capacity = P["max_launches"] * payload
    billed = m_total * P["launcher_payload_kg"] / np.maximum(payload, 1e-6 * P["launcher_payload_kg"])

    # Cost.
    c_array = part(rating_bol * P["array_cost_usd_per_w"])
    c_rad = part(Ar * P["radiator_cost_usd_per_m2"])
    c_batt = part(battery / 3.6e6 * P["battery_cost_usd_per_kwh"])
    c_cool = part(heat * P["coolant_loop_cost_usd_per_w"])
    c_bus = m_bus * P["bus_cost_usd_per_kg"]
    c_struct = (m_struct + m_shield) * P["structure_cost_usd_per_kg"]
    hw = c_racks + c_array + c_rad + c_batt + c_cool + c_bus + c_struct + c_specific
    c_int = P["integration_fraction"] * hw
    c_launch = billed * P["launch_price_usd_per_kg"]
    c_ins = P["insurance_fraction"] * (hw + c_int + c_launch)
    capex = hw + c_int + c_launch + c_ins + P["nre_usd"]
    ops = P["ops_usd_per_yr"] + P["ops_usd_per_rack_yr"] * N + P["ops_fraction_per_yr"] * hw
    annuity = _int_exp(rho, life)
    pv_cost = capex + ops * annuity
    with np.errstate(divide="ignore", invalid="ignore"):
        cpf = np.where(pv_flop > 0, pv_cost / pv_flop, np.inf)
        lcoe = np.where(pv_mwh > 0, pv_cost / pv_mwh, np.inf)
        acc_h = P["rack_accelerators"] * ecl_factor * x * pv_rack_years * YEAR_H
        usd_acc = np.where(acc_h > 0, pv_cost / acc_h, np.inf)

    # Ground with the same racks: each asset owned over the study (bought, replaced at the end of
    # its life, residual value credited straight-line at the end), discounted continuously.
    facility = P["ground_capex_usd_per_w"] * compute_w
    g_racks = N * P["rack_cost_usd"]
    g_capex = facility + g_racks
    g_refresh = g_racks * (_ownership(rho, P["ground_it_refresh_yr"], life) - 1.0)
    g_facility_pv = facility * _ownership(rho, P["ground_facility_life_yr"], life)
    avail = P["ground_availability"]
    g_kwh = compute_w / 1000.0 * P["pue"] * YEAR_H * avail
    g_energy = g_kwh * P["electricity_price_usd_per_kwh"]
    g_maint = P["ground_maintenance_fraction_per_yr"] * facility
    g_repair = P["ground_failure_rate_per_yr"] * g_racks * P["ground_repair_cost_fraction"]
    g_staff = P["ground_ops_usd_per_rack_yr"] * N
    g_opex = g_energy + g_maint + g_repair + g_staff
    g_pv_cost = g_racks + g_refresh + g_facility_pv + g_opex * annuity
    g_flops = peak * P["utilisation"] * avail
    g_pv_flop = g_flops * annuity * YEAR_S
    g_flop = g_flops * life * YEAR_S
    g_mwh = compute_w * avail * annuity * YEAR_H / 1e6
    g_co2 = g_kwh * life * P["ground_co2_kg_per_kwh"]
    co2_launch = billed * P["launch_co2_kg_per_kg"]
    flop_life = delivered * life * YEAR_S
    g_cpf = g_pv_cost / g_pv_flop
    lp = (1.0 + P["insurance_fraction"]) * billed
    breakeven = np.where(pv_flop > 0, (g_cpf * pv_flop - (pv_cost - lp * P["launch_price_usd_per_kg"])) / lp, -np.inf)

    # Constraints.
    with np.errstate(invalid="ignore", divide="ignore"):
        norm = np.stack(
            [
                np.where(np.isfinite(required), margin / required, -np.inf),
                np.where(dod_allowed > 0, dod_margin / dod_allowed, dod_margin),
                thermal_margin / limit,
                (capacity - m_total) / capacity,
            ]
        )
    binding = np.argmin(norm, axis=0) + 1.0
    feasible = np.all(norm >= -1e-9, axis=0).astype(float)

    out = {
        "array_area_m2": A, "radiator_area_m2": Ar, "racks": N, "spare_racks": S,
        "period_s": period, "inclination_rad": inc, "beta_min_rad": bmin, "beta_max_rad": bmax,
        "eclipse_fraction_worst": fworst, "eclipse_worst_s": ecl_s, "sunlit_fraction_mean": sunlit,
        "eclipse_season_fraction": season, "eclipse_cycles": cycles, "cell_temp_k": t_cell,
        "array_power_bol_w": rating_bol, "array_power_eol_w": rating_eol, "array_power_worst_w": rating_eol * c_bind,
        "compute_power_w": compute_w, "bus_power_w": P["bus_fixed_w"] + P["bus_fraction"] * compute_w,
        "load_power_w": day, "eclipse_load_w": ecl, **led, "array_power_required_w": required, "power_margin_w": margin,
        "power_derate": x_power, "battery_energy_j": battery, "battery_dod": dod, "battery_dod_allowed": dod_allowed,
        "dod_margin": dod_margin, "heat_load_w": heat, "chip_temp_max_k": P["chip_temp_max_k"], "radiator_temp_max_k": limit,
        "radiator_temp_required_k": t_req, "radiator_temp_k": t_rad, "radiator_temp_bol_k": t_rad_bol, "chip_temp_k": t_chip,
        "radiator_env_w_m2": env_eol, "radiator_earth_view_factor": vf, "radiator_area_required_m2": area_req,
        "thermal_margin_k": thermal_margin, "thermal_derate": x_thermal, "peak_flops": peak,
        "after_utilisation_flops": after_util, "after_failures_flops": after_fail, "after_eclipse_flops": after_ecl,
        "after_derating_flops": after_der, "delivered_flops": delivered, "delivered_flop": delivered * life * YEAR_S,
        "failure_rate_effective_per_yr": lam, "working_fraction_eol": working_eol, "spares_exhausted_yr": ts, "mass_racks_kg": m_racks,
        "mass_array_kg": m_array, "mass_radiator_kg": m_rad, "mass_battery_kg": m_batt, "mass_coolant_kg": m_cool,
        "mass_bus_kg": m_bus, "mass_shielding_kg": m_shield, "mass_structure_kg": m_struct, "mass_propellant_kg": m_prop, "spacecraft_power_basis_w": basis, "mass_spacecraft_specific_kg": m_specific,
        "mass_total_kg": m_total, "launches": np.ceil(m_total / np.maximum(payload, 1e-6 * P["launcher_payload_kg"])),
        "launcher_payload_to_orbit_kg": payload, "launch_billed_mass_kg": billed, "mass_margin_kg": capacity - m_total,
        "cost_racks_usd": c_racks, "cost_array_usd": c_array, "cost_radiator_usd": c_rad, "cost_battery_usd": c_batt,
        "cost_coolant_usd": c_cool, "cost_bus_usd": c_bus, "cost_structure_usd": c_struct, "cost_spacecraft_specific_usd": c_specific,
        "cost_integration_usd": c_int, "cost_launch_usd": c_launch, "cost_insurance_usd": c_ins, "nre_usd": P["nre_usd"], "capex_usd": capex, "ops_usd_per_yr": ops, "pv_cost_usd": pv_cost, "pv_flop": pv_flop,
        "cost_per_flop_usd": cpf, "usd_per_pflops_day": cpf * 1e15 * 86400.0, "usd_per_accelerator_hour": usd_acc, "lcoe_usd_per_mwh": lcoe,
        "capex_ex_it_usd_per_w": (capex - c_racks) / compute_w, "launch_usd_per_kw_yr": c_launch / (day / 1000.0 * life),
        "annualised_cost_usd_per_yr": pv_cost / annuity, "ground_facility_usd": facility, "ground_racks_usd": g_racks,
        "ground_capex_usd": g_capex, "ground_refresh_pv_usd": g_refresh, "ground_facility_pv_usd": g_facility_pv, "ground_energy_usd_per_yr": g_energy,
        "ground_maintenance_usd_per_yr": g_maint, "ground_repair_usd_per_yr": g_repair, "ground_staff_usd_per_yr": g_staff,
        "ground_opex_usd_per_yr": g_opex, "ground_pv_cost_usd": g_pv_cost, "ground_pv_flop": g_pv_flop, "ground_delivered_flop": g_flop,
        "ground_cost_per_flop_usd": g_cpf, "ground_lcoe_usd_per_mwh": g_pv_cost / g_mwh, "ground_energy_share": g_energy * annuity / g_pv_cost, "cost_ratio": cpf / g_cpf,
        "breakeven_launch_usd_per_kg": breakeven,
        "co2_launch_kg": co2_launch, "co2_kg_per_flop": np.where(flop_life > 0, co2_launch / np.where(flop_life > 0, flop_life, 1.0), np.inf),
        "ground_co2_kg": g_co2, "ground_co2_kg_per_flop": g_co2 / g_flop, "feasible": feasible, "binding_constraint": binding,
    }
    return {k: np.broadcast_to(np.asarray(out[k], dtype=float), (n,)) for k in names}


# --- Resolving a scenario file without the core ---------------------------------------------------
#
# A second, separately maintained table of every parameter's default and of every preset, so that
# the differential tests also check how the core resolves a scenario file (defaults, presets,
# choices, explicit values): a value changed or mistyped in one table and not the other shows up
# as a difference. The values were copied from rust/core/src/params.rs and presets.rs and checked
# against the sources those files cite (the comments give the figure each value comes from);
# docs/model.md describes them. Written in the form the sources give them (degrees, Wh/kg, per
# GPU) rather than as the core's resolved numbers.

_H = 3600.0

#: Parameter defaults by scenario-file section, before the default presets are applied.
DEFAULT_PARAMS: dict[str, dict[str, float]] = {
    "orbit": {
        "altitude_m": 550e3,  # dawn-dusk SSO near 550 km
        "ltan_h": 18.0,  # dawn-dusk
        "inclination_rad": 51.6 * DEG,  # ISS-like
    },
    "solar": {
        "solar_constant_w_m2": 1361.0,  # Kopp & Lean 2011
        "cell_efficiency": 0.22,  # silicon_thin preset
        "cell_packing_factor": 0.90,
        "array_inherent_efficiency": 0.90,  # SMAD sec. 11.4, 0.85-0.95
        "cell_temp_coeff_per_k": -0.004,
        "cell_ref_temp_k": 273.15 + 28.0,  # 28 C test condition (Spectrolab XTJ)
        "array_degradation_per_yr": 0.015,
        "array_absorptivity": 0.90,
        "array_front_emissivity": 0.85,
        "array_back_emissivity": 0.85,
        "array_areal_density_kg_m2": 1.5,
        "array_cost_usd_per_w": 8.0,
    },
    "power": {
        "bus_fixed_w": 3000.0,
        "bus_fraction": 0.02,
        "regulation_efficiency": 0.95,
        "distribution_efficiency": 0.95,
        "battery_charge_efficiency": 0.95,
        "battery_discharge_efficiency": 0.95,
        "battery_specific_energy_j_kg": 150.0 * _H,  # 150 Wh/kg at pack level
        "battery_cost_usd_per_kwh": 1000.0,
        "battery_dod_ref": 0.30,  # Saft VES180: ~30 % DoD for ~30,000 LEO cycles
        "battery_cycles_ref": 30_000.0,
        "battery_dod_exponent": 0.2884,  # ln(0.80 / 0.30) / ln(30,000 / 1,000) = 0.28838
        "battery_dod_max": 0.80,
    },
    "thermal": {
        "chip_temp_max_k": 273.15 + 85.0,  # 85 C junction
        "cold_plate_dt_k": 10.0,
        "coolant_loop_dt_k": 10.0,  # Gilmore vol. 1 ch. 12, 5-15 K
        "radiator_sides": 2.0,
        "radiator_sun_view_factor": 0.0,  # edge-on to the Sun
        "albedo": 0.30,  # Gilmore vol. 1 ch. 2
        "earth_ir_w_m2": 237.0,  # Gilmore vol. 1 ch. 2
        "radiator_absorptivity_bol": 0.14,  # white paint
        "radiator_absorptivity_eol": 0.22,
        "radiator_emissivity_bol": 0.90,
        "radiator_emissivity_eol": 0.85,
        "radiator_areal_density_kg_m2": 5.0,
        "radiator_cost_usd_per_m2": 5000.0,
        "coolant_loop_kg_per_w": 3.0e-3,  # 3 kg/kW
        "coolant_loop_cost_usd_per_w": 1.0,
    },
    "compute": {
        "rack_power_w": 125e3,  # gb200_nvl72_flight preset
        "rack_peak_flops": 72 * 2.5e15,  # 72 accelerators x 2.5 PFLOP/s dense BF16
        "rack_mass_kg": 450.0,
        "rack_cost_usd": 3.0e6,
        "rack_accelerators": 72.0,
        "rack_enclosure_area_m2": 5.0,
        "utilisation": 0.40,  # MFU 35-45 %
        "failure_rate_per_yr": 0.09,  # hardware: Llama 3 fleet 6-11 %/GPU-yr; McCalip's 9 %/yr
        "radiation_failure_rate_per_yr": 0.01,  # est. (Suncatcher proton tests)
        "failure_activation_energy_ev": 0.7,
        "failure_ref_temp_k": 273.15 + 75.0,  # 75 C
        "radiation_derate": 0.02,
        "shield_thickness_m": 0.010,  # ~10 mm Al
        "shield_density_kg_m3": 2700.0,  # aluminium
    },
    "mass": {
        "structure_fraction": 0.15,
        "bus_mass_kg": 300.0,
        "bus_mass_kg_per_w": 2.0e-3,  # 2 kg/kW
        "spacecraft_specific_power_w_kg": 36.5,  # 27 kW / 740 kg (Starlink V2 mini)
        "drag_coefficient": 2.2,  # Vallado sec. 8.6
        "body_drag_area_m2": 10.0,
        "atmosphere_density_factor": 1.0,
        "thruster_isp_s": 1500.0,  # Hall thrusters 1,200-1,800 s
    },
    "launch": {
        "launch_price_usd_per_kg": 1800.0,  # falcon_heavy preset
        "launcher_payload_kg": 63_800.0,
        "launcher_ref_altitude_m": 200e3,
        "launcher_ref_inclination_rad": 28.5 * DEG,
        "launcher_stage_dry_kg": 4_000.0,
        "launcher_stage_propellant_kg": 107_500.0,
        "launcher_stage_isp_s": 348.0,
        "max_launches": 1.0,
        "insurance_fraction": 0.06,
        "launch_co2_kg_per_kg": 20.5,
    },
    "cost": {
        "bus_cost_usd_per_kg": 2000.0,
        "spacecraft_cost_usd_per_w": 22.0,  # ~590 k USD / 27 kW (Starlink V2 mini)
        "structure_cost_usd_per_kg": 1000.0,
        "integration_fraction": 0.10,
        "ops_usd_per_yr": 1.0e6,
        "ops_usd_per_rack_yr": 30e3,
        "ops_fraction_per_yr": 0.0,
        "nre_usd": 0.0,
    },
    "ground": {
        "ground_capex_usd_per_w": 14.0,
        "electricity_price_usd_per_kwh": 0.08,  # grid preset
        "pue": 1.2,
        "ground_maintenance_fraction_per_yr": 0.03,
        "ground_ops_usd_per_rack_yr": 30e3,
        "ground_failure_rate_per_yr": 0.09,
        "ground_repair_cost_fraction": 0.5,
        "ground_availability": 0.99,
        "ground_facility_life_yr": 15.0,
        "ground_it_refresh_yr": 5.0,
        "ground_co2_kg_per_kwh": 0.37,
    },
    "market": {
        "learning_rate": 0.20,  # Suncatcher sec. 4.4
        "learning_p0_usd_per_kg": 1800.0,
        "learning_m0_kg": 400e3,  # ~400 t
        "learning_ref_year": 2025.0,
        "launched_mass_kg_per_yr": 2.65e6,
        "launched_mass_growth_per_yr": 0.50,
        "launch_price_floor_usd_per_kg": 8.0,
        "cost_ref_year": 2026.0,
        "pv_learning_rate": 0.22,
        "pv_cumulative_w": 3.4e12,  # ~3.4 TW
        "pv_production_w_per_yr": 650e9,  # ~650 GW/yr
        "pv_production_growth_per_yr": 0.10,
        "satellite_learning_rate": 0.10,
        "satellite_cumulative_kg": 5.5e6,
        "satellite_production_kg_per_yr": 2.9e6,
        "satellite_production_growth_per_yr": 0.30,
        "battery_learning_rate": 0.19,
        "battery_cumulative_wh": 6.5e12,  # ~6.5 TWh
        "battery_production_wh_per_yr": 1.5e12,
        "battery_production_growth_per_yr": 0.20,
        "electricity_price_trend_per_yr": 0.0,
        "ground_capex_trend_per_yr": 0.02,
    },
    "mission": {
        "start_year": 2028.0,
        "lifetime_yr": 5.0,
        "discount_rate": 0.08,
        "radiator_specific_heat_j_kg_k": 897.0,  # aluminium, CRC Handbook: 0.897 J/(g K) at 25 C
        "rack_heat_capacity_j_k": 1.6e5,  # gb200_nvl72_flight preset
        "steps_per_orbit": 48.0,
    },
}

#: Presets by kind and name: the parameters each sets.
PRESETS: dict[str, dict[str, dict[str, float]]] = {
    "cell": {
        # Spectrolab XTJ: 29.8 % BOL at 28 C AM0, ~0.5 %/yr in LEO, about -0.2 %/K.
        "gaas_tj": {
            "cell_efficiency": 0.298,
            "cell_packing_factor": 0.85,
            "cell_temp_coeff_per_k": -0.0022,
            "array_degradation_per_yr": 0.005,
            "array_absorptivity": 0.92,
            "array_areal_density_kg_m2": 2.5,  # ISS arrays 2.6-2.9 kg/m^2
            "array_cost_usd_per_w": 100.0,  # est. for arrays in volume
        },
        # Starcloud white paper: eta ~0.22, fill ~0.90; silicon about -0.4 %/K.
        "silicon_thin": {
            "cell_efficiency": 0.22,
            "cell_packing_factor": 0.90,
            "cell_temp_coeff_per_k": -0.004,
            "array_degradation_per_yr": 0.015,
            "array_absorptivity": 0.90,
            "array_areal_density_kg_m2": 1.5,
            "array_cost_usd_per_w": 8.0,
        },
    },
    "rack": {
        # 120-132 kW, 1.36 t, 72 x 2.5 PF dense BF16, ~3 M USD, ~9 m^2, 85 C, ~15 K; heat
        # capacity ~40 % metal at ~900 J/(kg K): 0.4 x 900 x 1,360 kg = 4.9e5, ~5e5 J/K.
        "gb200_nvl72": {
            "rack_power_w": 132e3,
            "rack_peak_flops": 72 * 2.5e15,
            "rack_mass_kg": 1360.0,
            "rack_cost_usd": 3.0e6,
            "rack_accelerators": 72.0,
            "rack_enclosure_area_m2": 9.0,
            "chip_temp_max_k": 273.15 + 85.0,
            "cold_plate_dt_k": 15.0,
            "rack_heat_capacity_j_k": 5.0e5,
        },
        # The flying parts of the same rack: 125 kW at the DC input, ~450 kg, ~5 m^2, ~10 K;
        # heat capacity by the same rule, 0.4 x 900 x 450 kg = 1.62e5 J/K.
        "gb200_nvl72_flight": {
            "rack_power_w": 125e3,
            "rack_peak_flops": 72 * 2.5e15,
            "rack_mass_kg": 450.0,
            "rack_cost_usd": 3.0e6,
            "rack_accelerators": 72.0,
            "rack_enclosure_area_m2": 5.0,
            "chip_temp_max_k": 273.15 + 85.0,
            "cold_plate_dt_k": 10.0,
            "rack_heat_capacity_j_k": 1.6e5,
        },
        # DGX H100: 10.2 kW, ~130 kg, 8 x 989 TFLOP/s dense BF16; heat capacity by the same
        # rule, 0.4 x 900 x 130 kg = 4.68e4 J/K.
        "hgx_h100": {
            "rack_power_w": 10.2e3,
            "rack_peak_flops": 8 * 989e12,
            "rack_mass_kg": 130.0,
            "rack_cost_usd": 300e3,
            "rack_accelerators": 8.0,
            "rack_enclosure_area_m2": 3.0,
            "chip_temp_max_k": 273.15 + 85.0,
            "cold_plate_dt_k": 15.0,
            "rack_heat_capacity_j_k": 4.7e4,
        },
    },
    "launcher": {
        # ~3,600 USD/kg, 17.5 t reusable; second stage ~4.0 t dry, ~107.5 t propellant, 348 s.
        "falcon9": {
            "launch_price_usd_per_kg": 3600.0,
            "launcher_payload_kg": 17_500.0,
            "launcher_ref_altitude_m": 200e3,
            "launcher_ref_inclination_rad": 28.5 * DEG,
            "launcher_stage_dry_kg": 4_000.0,
            "launcher_stage_propellant_kg": 107_500.0,
            "launcher_stage_isp_s": 348.0,
            "launch_co2_kg_per_kg": 26.0,  # ~458 t CO2 / 17.5 t
        },
        # ~1,800 USD/kg, 63.8 t expendable, the same second stage.
        "falcon_heavy": {
            "launch_price_usd_per_kg": 1800.0,
            "launcher_payload_kg": 63_800.0,
            "launcher_ref_altitude_m": 200e3,
            "launcher_ref_inclination_rad": 28.5 * DEG,
            "launcher_stage_dry_kg": 4_000.0,
            "launcher_stage_propellant_kg": 107_500.0,
            "launcher_stage_isp_s": 348.0,
            "launch_co2_kg_per_kg": 20.5,  # ~1,310 t CO2 / 63.8 t
        },
        # Targets: 200 USD/kg, ~100 t; ship ~110 t dry, ~1,200 t propellant, 380 s; 26 deg N.
        "starship": {
            "launch_price_usd_per_kg": 200.0,
            "launcher_payload_kg": 100e3,
            "launcher_ref_altitude_m": 200e3,
            "launcher_ref_inclination_rad": 26.0 * DEG,
            "launcher_stage_dry_kg": 110e3,
            "launcher_stage_propellant_kg": 1.2e6,
            "launcher_stage_isp_s": 380.0,
            "launch_co2_kg_per_kg": 27.0,  # ~2,683 t CO2 / 100 t
        },
    },
    "coating": {
        # Gilmore vol. 1 App. A: alpha 0.14 -> 0.22, eps 0.90 -> 0.85.
        "white_paint": {"radiator_absorptivity_bol": 0.14, "radiator_absorptivity_eol": 0.22, "radiator_emissivity_bol": 0.90, "radiator_emissivity_eol": 0.85},
        # Gilmore vol. 1 App. A: alpha 0.04 -> 0.07, eps 0.85 -> 0.82.
        "osr": {"radiator_absorptivity_bol": 0.04, "radiator_absorptivity_eol": 0.07, "radiator_emissivity_bol": 0.85, "radiator_emissivity_eol": 0.82},
    },
    "supply": {
        "grid": {"electricity_price_usd_per_kwh": 0.08, "ground_co2_kg_per_kwh": 0.37},  # EIA 2023
        "gas": {"electricity_price_usd_per_kwh": 0.075, "ground_co2_kg_per_kwh": 0.49},  # Lazard v18, IPCC AR5
        "solar_storage": {"electricity_price_usd_per_kwh": 0.12, "ground_co2_kg_per_kwh": 0.06},
    },
}

#: Choices that are not presets: the names each accepts.
CHOICES: dict[str, tuple[str, ...]] = {
    "kind": ("sso", "inclined"),
    "shadow": ("cylindrical", "umbra", "penumbra"),
    "pointing": ("two_axis", "one_axis", "fixed_normal"),
    "strategy": ("battery", "throttle"),
    "orientation": ("edge_on", "nadir"),
    "spacecraft": ("bottom_up", "specific"),
}

#: The section of the scenario file each choice is written in.
CHOICE_SECTIONS: dict[str, str] = {
    "kind": "orbit", "shadow": "orbit", "cell": "solar", "pointing": "solar", "strategy": "power", "coating": "thermal",
    "orientation": "thermal", "rack": "compute", "spacecraft": "mass", "launcher": "launch", "supply": "ground",
}

#: The default scenario's choices.
DEFAULT_CHOICES: dict[str, str] = {
    "kind": "sso", "shadow": "penumbra", "pointing": "fixed_normal", "strategy": "battery", "orientation": "edge_on",
    "spacecraft": "bottom_up", "cell": "silicon_thin", "rack": "gb200_nvl72_flight", "launcher": "falcon_heavy",
    "coating": "white_paint", "supply": "grid",
}

#: The default scenario's design (battery None: sized from the worst eclipse).
DEFAULT_DESIGN: dict[str, float | None] = {"array_area_m2": 5600.0, "radiator_area_m2": 540.0, "racks": 4.0, "spare_racks": 0.0, "battery_energy_j": None}


def resolve_toml(text: str) -> tuple[dict[str, float], dict[str, str], dict[str, float | None]]:
    """Parameters, choices and design of a scenario file, resolved from this module's tables:
    the defaults, then the default presets, then the file's choices and presets, then its
    explicit numbers (so a number overrides a preset's). ``[search]`` and ``[uncertainty]`` do
    not change an evaluation and are skipped. An unknown section, key or name raises KeyError."""
    import tomllib

    doc = tomllib.loads(text)
    params = {k: float(v) for sec in DEFAULT_PARAMS.values() for k, v in sec.items()}
    choices = dict(DEFAULT_CHOICES)
    design = dict(DEFAULT_DESIGN)

    def choose(key: str, name: str) -> None:
        if key in PRESETS:
            params.update(PRESETS[key][name])
        elif name not in CHOICES[key]:
            raise KeyError(f"{key} = {name!r}")
        choices[key] = name

    for key, name in DEFAULT_CHOICES.items():
        choose(key, name)
    for sec, table in doc.items():
        if sec not in DEFAULT_PARAMS and sec not in ("design", "search", "uncertainty"):
            raise KeyError(f"[{sec}]")
    for key, sec in CHOICE_SECTIONS.items():
        if key in doc.get(sec, {}):
            choose(key, doc[sec][key])
    for sec, table in doc.items():
        if sec in ("search", "uncertainty"):
            continue
        for key, value in table.items():
            if sec == "design":
                if key not in design:
                    raise KeyError(f"design.{key}")
                design[key] = float(value)
            elif CHOICE_SECTIONS.get(key) == sec:
                continue
            elif key in DEFAULT_PARAMS[sec]:
                params[key] = float(value)
            else:
                raise KeyError(f"{sec}.{key}")
    return params, choices, design


def evaluate_numpy_toml(toml_text: str, outputs: Iterable[str] | str | None = None, **arrays: ArrayLike) -> dict[str, FloatArray]:
    """:func:`evaluate_numpy` of a scenario file that this module resolves itself
    (:func:`resolve_toml`), without the core's parser, defaults or presets."""
    params, choices, design = resolve_toml(toml_text)
    return _evaluate(params, choices, design, outputs, arrays)
