"""Orbit and ground in any year of purchase, from one evaluation's cost lines.

Sizing does not depend on prices: the array, radiator, battery, masses and delivered FLOP of a
design are the same whatever its parts cost. So, for a fixed (sized) design, every cost line
scales with its own price factor (:mod:`orbitflops.compare.learning`) and the present-value cost of
a system bought in year y follows exactly from the lines of one evaluation at the scenario's
prices (docs/model.md, "Cost"):

    hardware(y) = racks + f_pv array + f_sat (radiator + coolant loop + bus + structure
                  + top-down spacecraft) + f_batt battery
    orbit(y)    = hardware(y) (1 + integration) + launch(y) + insurance (hardware(y)
                  (1 + integration) + launch(y)) + NRE + ops(y) A
    launch(y)   = billed launch mass x the scenario's launch price moved along the launch curve
    ops(y)      = ops + ops_fraction_per_yr (hardware(y) - hardware)
    ground(y)   = racks + refresh + f_capex facility + (f_elec energy + f_capex maintenance
                  + repairs + staff) A

with A the annuity (:func:`annuity`); the cost per FLOP divides each by its side's present-value
FLOP, which does not move. The launch price is the scenario's own in ``cost_ref_year`` and
falls along the launch learning curve from the cumulative mass launched by then
(:func:`orbitflops.compare.learning.scenario_launch_market`), so a system bought in
``cost_ref_year`` costs what the scenario's prices say. :func:`ratio_in_year` evaluates this for many draws and years at once;
:func:`parity_year` finds the first year at or after ``cost_ref_year`` in which the ratio falls
to 1 (a grid of years, then bracketing root-finding in the first interval that crosses).
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from .._core import Scenario
from . import learning

LINE_OUTPUTS: tuple[str, ...] = (
    "racks",
    "cost_racks_usd",
    "cost_array_usd",
    "cost_radiator_usd",
    "cost_battery_usd",
    "cost_coolant_usd",
    "cost_bus_usd",
    "cost_structure_usd",
    "cost_spacecraft_specific_usd",
    "nre_usd",
    "launch_billed_mass_kg",
    "pv_flop",
    "ops_usd_per_yr",
    "ground_racks_usd",
    "ground_refresh_pv_usd",
    "ground_facility_pv_usd",
    "ground_energy_usd_per_yr",
    "ground_maintenance_usd_per_yr",
    "ground_repair_usd_per_yr",
    "ground_staff_usd_per_yr",
    "ground_pv_flop",
)
"""The batch outputs :func:`ratio_in_year` rebuilds both sides' costs from."""

RATE_PARAMS: tuple[str, ...] = ("integration_fraction", "insurance_fraction", "ops_fraction_per_yr", "discount_rate", "lifetime_yr")


def annuity(discount_rate: Any, lifetime_yr: Any) -> np.ndarray:
    """Present value (yr) of 1 per year paid continuously for ``lifetime_yr`` years at the annual
    rate ``discount_rate``: (1 - (1 + r)^-L) / ln(1 + r), L when r = 0 (the core's discounting),
    vectorised."""
    r = np.asarray(discount_rate, dtype=float)
    life = np.asarray(lifetime_yr, dtype=float)
    rho = np.log1p(r)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(r == 0, life, -np.expm1(-rho * life) / np.where(r == 0, 1.0, rho))


def _col(lines: Mapping[str, Any], name: str) -> np.ndarray:
    if name not in lines:
        raise ValueError(f"lines: missing the output {name!r} (evaluate with outputs including orbitflops.compare.pricing.LINE_OUTPUTS)")
    return np.asarray(lines[name], dtype=float)


class YearModel:
    """The cost lines of a set of draws, reduced to the few per-draw sums that each year's
    prices multiply (module docstring), and the draws' curve parameters, checked once; then
    :meth:`costs` for any year is a handful of array operations."""

    def __init__(self, lines: Mapping[str, Any], scenario: Scenario, cols: Mapping[str, Any] | None = None):
        p = learning.all_params(scenario, cols)

        def f(k: str) -> np.ndarray:
            return np.asarray(p[k], dtype=float)

        self.racks = _col(lines, "cost_racks_usd")
        self.by_curve: dict[str, np.ndarray] = {}
        for name, curve in learning.LINE_CURVE.items():
            c = _col(lines, name)
            self.by_curve[curve] = self.by_curve[curve] + c if curve in self.by_curve else c
        hw_ref = self.racks + sum(self.by_curve.values())
        self.a = annuity(p["discount_rate"], p["lifetime_yr"])
        self.integ, self.ins, self.ops_frac = f("integration_fraction"), f("insurance_fraction"), f("ops_fraction_per_yr")
        self.m_billed = _col(lines, "launch_billed_mass_kg")
        self.fixed = _col(lines, "nre_usd") + (_col(lines, "ops_usd_per_yr") - self.ops_frac * hw_ref) * self.a
        self.g_fixed = _col(lines, "ground_racks_usd") + _col(lines, "ground_refresh_pv_usd") + (_col(lines, "ground_repair_usd_per_yr") + _col(lines, "ground_staff_usd_per_yr")) * self.a
        self.g_capex = _col(lines, "ground_facility_pv_usd") + _col(lines, "ground_maintenance_usd_per_yr") * self.a
        self.g_elec = _col(lines, "ground_energy_usd_per_yr") * self.a
        self.pv_o, self.pv_g = _col(lines, "pv_flop"), _col(lines, "ground_pv_flop")
        self.y_ref = f("cost_ref_year")
        learning._arr("cost_ref_year", self.y_ref)
        # Hardware curves: (N(y) / N0) = 1 + (q0 / N0) expm1(ln(1 + g) dt) / ln(1 + g).
        self.curves: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for curve, (lr, n0, q0, g) in learning.HARDWARE_CURVES.items():
            b = np.log2(1.0 - learning._arr(lr, p[lr], 0.0, False, 1.0, True))
            ratio = learning._arr(q0, p[q0], 0.0) / learning._arr(n0, p[n0], 0.0, True)
            self.curves[curve] = (b, ratio, np.log1p(learning._arr(g, p[g], -1.0, True)))
        self.trends = {k: np.log1p(learning._arr(name, p[name], -1.0, True)) for k, name in learning.GROUND_TRENDS.items()}
        lr_l, p0, m0, y0, q0_l, g_l, fl = learning.scenario_launch_market(scenario, **(cols or {}))
        learning.launch_price_usd_per_kg(y0, lr_l, p0, m0, y0, q0_l, g_l, fl)  # checks the launch curve's parameters
        self.launch = (np.log2(1.0 - lr_l), p0, q0_l / m0, np.log1p(g_l), y0, fl)

    def take(self, idx: np.ndarray) -> "YearModel":
        """The model of the draws ``idx`` only."""
        sub = object.__new__(YearModel)

        def pick(v: Any) -> Any:
            return v[idx] if np.ndim(v) == 1 and np.size(v) > 1 else v

        for k, v in self.__dict__.items():
            if isinstance(v, dict):
                sub.__dict__[k] = {c: (tuple(pick(x) for x in vv) if isinstance(vv, tuple) else pick(vv)) for c, vv in v.items()}
            elif isinstance(v, tuple):
                sub.__dict__[k] = tuple(pick(x) for x in v)
            else:
                sub.__dict__[k] = pick(v)
        return sub

    @staticmethod
    def _grown(lg: np.ndarray, dt: np.ndarray) -> np.ndarray:
        """(exp(lg dt) - 1) / lg, dt when lg = 0: cumulative production over dt years per unit of
        the first year's."""
        small = np.abs(lg) < 1e-12
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            if not small.any():
                out: np.ndarray = np.expm1(lg * dt) / lg
                return out
            return np.where(small, dt, np.expm1(lg * dt) / np.where(small, 1.0, lg))

    def _relative(self, ratio: np.ndarray, lg: np.ndarray, dt: np.ndarray, what: str, year: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            # no production adds nothing, even where its growth factor overflows (0 * inf)
            rel = 1.0 + np.where(ratio > 0, ratio * self._grown(lg, dt), 0.0)
        if not np.all(rel > 0):
            yy = np.broadcast_to(year, np.shape(rel))[~(rel > 0)].flat[0]
            raise ValueError(f"year = {float(yy)!r}: the {what} trajectory has no positive cumulative production that early (before its reference year)")
        out: np.ndarray = rel
        return out

    def factors(self, year: Any) -> dict[str, np.ndarray]:
        """Price factors in ``year`` relative to ``cost_ref_year`` (see
        :func:`orbitflops.compare.learning.price_factors`) and the launch price (USD/kg)."""
        y = learning._arr("year", year, -1e4, False, 1e4, False)
        dt = y - self.y_ref
        out: dict[str, np.ndarray] = {}
        for curve, (b, ratio, lg) in self.curves.items():
            # (N / N0)^b: 1 with no learning (b = 0) however large N grows, even to inf
            out[curve] = self._relative(ratio, lg, dt, learning.HARDWARE_CURVES[curve][2], y) ** b
        for k, lg in self.trends.items():
            out[k] = np.exp(lg * dt)
        bl, p0, ratio, lg, y0, fl = self.launch
        rel = self._relative(ratio, lg, y - y0, "launched_mass_kg_per_yr", y)
        out["launch_usd_per_kg"] = np.maximum(p0 * rel**bl, fl)
        return out

    def costs(self, year: Any) -> dict[str, np.ndarray]:
        """Present values and costs per FLOP of both sides for a system bought in ``year``."""
        f = self.factors(year)
        hw = self.racks + sum(f[c] * v for c, v in self.by_curve.items())
        orbit = (hw * (1.0 + self.integ) + self.m_billed * f["launch_usd_per_kg"]) * (1.0 + self.ins) + self.fixed + self.ops_frac * hw * self.a
        ground = self.g_fixed + f["ground_capex"] * self.g_capex + f["electricity"] * self.g_elec
        with np.errstate(divide="ignore", invalid="ignore"):
            cpf_o = np.where(self.pv_o > 0, orbit / np.where(self.pv_o > 0, self.pv_o, 1.0), np.inf)
        cpf_g = ground / self.pv_g
        return {"orbit_usd": orbit, "ground_usd": ground, "orbit_usd_per_flop": cpf_o, "ground_usd_per_flop": cpf_g, "launch_usd_per_kg": np.broadcast_to(f["launch_usd_per_kg"], np.shape(orbit))}

    def ratio(self, year: Any) -> np.ndarray:
        c = self.costs(year)
        out: np.ndarray = c["orbit_usd_per_flop"] / c["ground_usd_per_flop"]
        return out


def costs_in_year(lines: Mapping[str, Any], year: Any, scenario: Scenario, cols: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
    """Present-value cost (USD) of orbit (``orbit_usd``) and ground (``ground_usd``), their cost
    per FLOP and the launch price (USD/kg) for a system bought in ``year``, from ``lines`` (the
    :data:`LINE_OUTPUTS` of one evaluation per draw at the scenario's prices) and the draws'
    parameter columns ``cols`` (the scenario's value for any parameter not in it).

    ``year`` broadcasts against the draws: a number, one year per draw, or a column of years
    (shape (m, 1)) for an (m, n) table of m years by n draws."""
    return YearModel(lines, scenario, cols).costs(year)


def ratio_in_year(lines: Mapping[str, Any], year: Any, scenario: Scenario, cols: Mapping[str, Any] | None = None) -> np.ndarray:
    """Cost ratio orbit/ground per delivered FLOP for a system bought in ``year`` (decimal
    calendar year), every price on its curve or trend (module docstring); ``inf`` where orbit
    delivers nothing. Broadcasting as in :func:`costs_in_year`."""
    return YearModel(lines, scenario, cols).ratio(year)


def default_year_grid(start: float, horizon: float) -> np.ndarray:
    """Years at which :func:`parity_year` looks for a crossing: yearly for 15 years from
    ``start``, every 2.5 years to 30 years, every 5 years after that, and ``horizon``."""
    if not (math.isfinite(start) and math.isfinite(horizon) and horizon > start):
        raise ValueError(f"horizon_year = {horizon!r}: must be a finite year after the start {start!r}")
    # every 5 years up to the horizon, decided on the years themselves (start + k, not k < horizon -
    # start, which rounds)
    g = np.concatenate([start + np.arange(0.0, 15.0, 1.0), start + np.arange(15.0, 30.0, 2.5), start + np.arange(30.0, horizon - start + 5.0, 5.0), [horizon]])
    return np.unique(g[g <= horizon])


def parity_year(
    lines: Mapping[str, Any],
    scenario: Scenario,
    cols: Mapping[str, Any] | None = None,
    *,
    horizon_year: float = 2100.0,
    grid: Any = None,
    tol_yr: float = 1e-7,
) -> np.ndarray:
    """The first year at or after ``cost_ref_year`` in which orbit costs at most the ground per
    delivered FLOP (ratio <= 1), per draw: ``cost_ref_year`` itself when orbit is already cheaper
    then, ``inf`` when the ratio stays above 1 on every year of the grid up to ``horizon_year``.

    The ratio is evaluated on ``grid`` (default :func:`default_year_grid`), vectorised over draws
    and years; in the first interval where it falls to 1 the crossing is refined by bracketing
    root-finding (Illinois false position, Dowell & Jarratt, BIT 11 (1971) 168-174, with
    bisection steps when it stalls) to ``tol_yr`` (yr, finite, at least 0; 0 refines to the last
    bits, within 200 evaluations). The ratio is continuous in the year (every
    price curve is), so the refined year is a crossing; a dip below 1 and back between two grid
    years would be missed, which is why the grid is yearly for the first 30 years."""
    tol = float(learning._arr("tol_yr", tol_yr, 0.0))
    model = YearModel(lines, scenario, cols)
    n = max([np.size(v) for v in lines.values()] + [1])
    start = np.broadcast_to(model.y_ref, (n,)).astype(float)
    if grid is None:
        grid = default_year_grid(float(np.min(start)), horizon_year)
    g = np.asarray(grid, dtype=float)
    if g.size == 0 or not g[0] <= np.min(start):
        # a grid that starts after a draw's cost_ref_year: look at cost_ref_year first
        g = np.concatenate([[-np.inf], g])
    out = np.full(n, np.inf)
    # Year by year (each a vector over the draws: in cache), the first grid year at or after each
    # draw's cost_ref_year where the ratio is at most 1, and the grid year before it.
    prev_y = np.full(n, np.nan)
    prev_f = np.full(n, np.nan)
    found = np.zeros(n, dtype=bool)
    lo_y, hi_y = np.full(n, np.nan), np.full(n, np.nan)
    lo_f, hi_f = np.full(n, np.nan), np.full(n, np.nan)
    for gy in g:
        y = np.maximum(gy, start)
        r = np.broadcast_to(model.ratio(y) - 1.0, (n,))
        new = ~found & (r <= 0.0)
        if new.any():
            lo_y[new], lo_f[new] = prev_y[new], prev_f[new]
            hi_y[new], hi_f[new] = y[new], r[new]
            found |= new
        prev_y, prev_f = y, r
        if found.all():
            break
    # found at the first year evaluated, each draw's cost_ref_year: orbit is cheaper from the start
    at_start = found & np.isnan(lo_y)
    out[at_start] = start[at_start]
    idx = np.flatnonzero(found & ~at_start)
    if idx.size:
        a, b = lo_y[idx].copy(), hi_y[idx].copy()
        fa, fb = lo_f[idx].copy(), hi_f[idx].copy()
        a = np.where(fb == 0.0, b, a)  # parity exactly on a grid year: nothing to refine
        sub = model.take(idx) if idx.size < n else model
        side = np.zeros(idx.size, dtype=int)
        act = np.arange(idx.size)
        for _ in range(200):
            act = act[(b[act] - a[act]) > tol]
            if act.size == 0:
                break
            A, B, FA, FB = a[act], b[act], fa[act], fb[act]
            with np.errstate(divide="ignore", invalid="ignore"):
                c = B - FB * (B - A) / (FB - FA)
            # Fall back to bisection where the secant leaves the bracket or is undefined.
            bad = ~np.isfinite(c) | (c <= A) | (c >= B)
            c = np.where(bad, 0.5 * (A + B), c)
            m = sub if act.size == idx.size else sub.take(act)
            fc = np.broadcast_to(m.ratio(c) - 1.0, c.shape)
            left = fc > 0.0  # the crossing lies in [c, b]: c replaces a
            sd = side[act]
            # Illinois: halve the value kept at an end that is kept a second time in a row.
            FB = np.where(left & (sd == 1), 0.5 * FB, FB)
            FA = np.where(~left & (sd == -1), 0.5 * FA, FA)
            a[act] = np.where(left, c, A)
            fa[act] = np.where(left, fc, FA)
            b[act] = np.where(left, B, c)
            fb[act] = np.where(left, FB, fc)
            exact = ~left & (fc == 0.0)
            a[act[exact]] = c[exact]
            side[act] = np.where(left, 1, -1)
        out[idx] = b
    return out
