"""Prices over calendar time: Wright's learning curves for launch and for the orbital hardware,
and real trends for the ground's electricity and facility.

Wright's law (T. P. Wright, "Factors affecting the cost of airplanes", J. Aeronautical Sciences 3
(1936) 122-128): the unit price falls by the learning rate LR each time cumulative production N
doubles,

    p(N) = p0 (N / N0) ** log2(1 - LR).

Cumulative production follows a trajectory of production per year, q(y) = q0 (1 + g) ** (y - y0)
from the reference year y0, at which N = N0, so that

    N(y) = N0 + q0 ((1 + g) ** (y - y0) - 1) / ln(1 + g)      (N0 + q0 (y - y0) when g = 0).

- **Launch** (USD/kg): N is the cumulative mass launched. Suncatcher's curve (arXiv:2511.19468,
  sec. 2.4 and 4.4) starts from Falcon Heavy's 1,800 USD/kg at 400 t and is floored at the fuel
  price (:func:`launch_price_usd_per_kg`, the absolute curve). A scenario pays its own launch
  price in ``cost_ref_year`` and learns along the curve from there:
  p(y) = p_s (N(y) / N(y_ref)) ** log2(1 - LR), never below the floor (nor, when the scenario's
  price is already below the floor, below its own price); :func:`scenario_launch_market` gives
  that curve's parameters, so that :func:`launch_price_of` and :func:`year_of_price_of` agree
  with the cost of a system bought in any year.
- **Hardware** (a price factor relative to ``cost_ref_year``, the year the scenario's prices are
  quoted for): the solar array follows photovoltaic production (``pv_*``; ITRPV 2024: 24.9 % per
  doubling 1976-2023), the bus, structure and shielding, radiators, coolant loop and the top-down
  spacecraft follow satellite production by mass (``satellite_*``; NASA OTPS Space-Based Solar
  Power 2024, Table 2: 75-90 % manufacturing learning curves), the battery follows lithium-ion
  production (``battery_*``; Ziegler & Trancik, Energy Environ. Sci. 2021: 20 %);
  :func:`hardware_price_factor`. The factor is (N(y) / N(y_ref)) ** log2(1 - LR) with N(y_ref) the
  scenario's cumulative production at ``cost_ref_year``.
- **Ground** (a factor relative to ``cost_ref_year``): the electricity price and the facility's
  capital cost change by a real rate per year, (1 + trend) ** (y - y_ref) (EIA Annual Energy
  Outlook 2025 reference case: -0.3 %/yr real for the average end-use price; JLL 2026 Global Data
  Center Outlook: +6.8 %/yr nominal construction cost 2020-2025); :func:`trend_factor`. Racks cost
  the same in orbit and on the ground and keep their price.

Years are decimal calendar years (2030.0 is 1 January 2030). Every function is vectorised over
NumPy broadcasting and checks its inputs; the ``*_of`` wrappers read the parameters from a
scenario's ``[market]`` section, with per-draw arrays as overrides.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from .._core import Scenario

MARKET_PARAMS = (
    "learning_rate",
    "learning_p0_usd_per_kg",
    "learning_m0_kg",
    "learning_ref_year",
    "launched_mass_kg_per_yr",
    "launched_mass_growth_per_yr",
    "launch_price_floor_usd_per_kg",
)


def _arr(name: str, value: Any, lo: float | None = None, lo_open: bool = False, hi: float | None = None, hi_open: bool = False) -> np.ndarray:
    a = np.asarray(value, dtype=float)
    bad = ~np.isfinite(a)
    if lo is not None:
        bad |= (a <= lo) if lo_open else (a < lo)
    if hi is not None:
        bad |= (a >= hi) if hi_open else (a > hi)
    if bad.any():
        v = float(a[bad].flat[0])
        rng = f"{'(' if lo_open else '['}{lo if lo is not None else '-inf'}, {hi if hi is not None else 'inf'}{')' if hi_open else ']'}"
        raise ValueError(f"{name} = {v!r}: must be a finite number in {rng}")
    return a


def cumulative_production(year: Any, cumulative0: Any, ref_year: Any, production_per_yr: Any, growth_per_yr: Any, names: tuple[str, str, str, str] = ("cumulative0", "ref_year", "production_per_yr", "growth_per_yr")) -> np.ndarray:
    """Cumulative production by ``year`` (the unit of ``cumulative0``): ``cumulative0`` at
    ``ref_year``, plus a production of ``production_per_yr`` per year at ``ref_year`` growing by
    ``growth_per_yr`` (1/yr) each year (module docstring). ``names`` name the four inputs in error
    messages. Raises ``ValueError`` when the trajectory runs back to nothing (a year too far
    before the reference year)."""
    y = _arr("year", year, -1e4, False, 1e4, False)
    n0 = _arr(names[0], cumulative0, 0.0, True)
    y0 = _arr(names[1], ref_year)
    q0 = _arr(names[2], production_per_yr, 0.0)
    g = _arr(names[3], growth_per_yr, -1.0, True)
    dt = y - y0
    lg = np.log1p(g)
    small = np.abs(lg) < 1e-12
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        grown = np.where(small, dt, np.expm1(lg * dt) / np.where(small, 1.0, lg))
        # No production adds nothing, even where the growth factor overflows (0 * inf).
        m = n0 + np.where(q0 > 0, q0 * grown, 0.0)
    if not np.all(m > 0):
        i = np.flatnonzero(~(np.broadcast_to(m, np.broadcast(y, m).shape) > 0))[0]
        yy = np.broadcast_to(y, np.shape(m)).flat[i]
        raise ValueError(f"year = {float(yy)!r}: the {names[2]} trajectory has no positive cumulative production that early (before the reference year)")
    out: np.ndarray = m
    return out


def cumulative_launched_mass_kg(year: Any, m0_kg: Any, ref_year: Any, mass_per_yr_kg: Any, growth_per_yr: Any) -> np.ndarray:
    """Cumulative mass launched by ``year`` (kg), for a launch rate of ``mass_per_yr_kg`` (kg/yr)
    at ``ref_year`` growing by ``growth_per_yr`` (1/yr) per year, with ``m0_kg`` launched by
    ``ref_year``. Raises ``ValueError`` when the trajectory runs back below zero (a year too far
    before the reference year)."""
    return cumulative_production(year, m0_kg, ref_year, mass_per_yr_kg, growth_per_yr, ("learning_m0_kg", "learning_ref_year", "launched_mass_kg_per_yr", "launched_mass_growth_per_yr"))


def wright_price_usd_per_kg(cumulative_mass_kg: Any, m0_kg: Any, p0_usd_per_kg: Any, learning_rate: Any, floor_usd_per_kg: Any = 0.0) -> np.ndarray:
    """Launch price (USD/kg) at cumulative launched mass ``cumulative_mass_kg`` (kg) under Wright's
    law from ``p0_usd_per_kg`` at ``m0_kg`` with learning rate ``learning_rate`` (per doubling),
    never below ``floor_usd_per_kg``."""
    m = _arr("cumulative_mass_kg", cumulative_mass_kg, 0.0, True)
    m0 = _arr("learning_m0_kg", m0_kg, 0.0, True)
    p0 = _arr("learning_p0_usd_per_kg", p0_usd_per_kg, 0.0, True)
    lr = _arr("learning_rate", learning_rate, 0.0, False, 1.0, True)
    fl = _arr("launch_price_floor_usd_per_kg", floor_usd_per_kg, 0.0)
    out: np.ndarray = np.maximum(p0 * (m / m0) ** np.log2(1.0 - lr), fl)
    return out


def launch_price_usd_per_kg(year: Any, learning_rate: Any, p0_usd_per_kg: Any, m0_kg: Any, ref_year: Any, mass_per_yr_kg: Any, growth_per_yr: Any, floor_usd_per_kg: Any = 0.0) -> np.ndarray:
    """Launch price (USD/kg) in calendar ``year`` on the learning curve (module docstring)."""
    m = cumulative_launched_mass_kg(year, m0_kg, ref_year, mass_per_yr_kg, growth_per_yr)
    return wright_price_usd_per_kg(m, m0_kg, p0_usd_per_kg, learning_rate, floor_usd_per_kg)


def year_of_price(price_usd_per_kg: Any, learning_rate: Any, p0_usd_per_kg: Any, m0_kg: Any, ref_year: Any, mass_per_yr_kg: Any, growth_per_yr: Any, floor_usd_per_kg: Any = 0.0) -> np.ndarray:
    """The decimal calendar year at which the curve's launch price first falls to
    ``price_usd_per_kg`` (USD/kg), the inverse of :func:`launch_price_usd_per_kg`.

    ``-inf`` when the price is already at or below it at every year the trajectory covers back to
    its start (a price at or above p0 with no learning, or the reference point already cheaper
    and the target reachable before it); ``+inf`` when it is never reached (below the floor, or
    a negative target, or no learning and no growth of mass). Exact: the cumulative mass that
    gives the price is M* = M0 (p / p0) ** (1 / log2(1 - LR)), and the year solves M(y) = M*.
    """
    p = np.asarray(price_usd_per_kg, dtype=float)
    if np.isnan(p).any():
        raise ValueError("price_usd_per_kg contains NaN")
    lr = _arr("learning_rate", learning_rate, 0.0, False, 1.0, True)
    p0 = _arr("learning_p0_usd_per_kg", p0_usd_per_kg, 0.0, True)
    m0 = _arr("learning_m0_kg", m0_kg, 0.0, True)
    y0 = _arr("learning_ref_year", ref_year)
    q0 = _arr("launched_mass_kg_per_yr", mass_per_yr_kg, 0.0)
    g = _arr("launched_mass_growth_per_yr", growth_per_yr, -1.0, True)
    fl = _arr("launch_price_floor_usd_per_kg", floor_usd_per_kg, 0.0)
    b = np.log2(1.0 - lr)  # <= 0
    lg = np.log1p(g)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Cumulative mass at which the unfloored curve reaches p (p > 0).
        m_star = np.where(b < 0, m0 * np.exp(np.log(np.where(p > 0, p, 1.0) / p0) / np.where(b < 0, b, -1.0)), np.where(p >= p0, 0.0, np.inf))
        # Solve M0 + q0 (exp(lg dt) - 1) / lg = m_star for dt.
        x = (m_star - m0) / np.where(q0 > 0, q0, 1.0)
        small = np.abs(lg) < 1e-12
        xl = x * lg
        # log1p: a tiny growth rate leaves x lg far below 1, where log(1 + x lg) would cancel.
        dt_growth = np.where(xl > -1.0, np.log1p(np.where(xl > -1.0, xl, 0.0)) / np.where(small, 1.0, lg), np.where(x > 0, np.inf, -np.inf))
        dt = np.where(small, x, dt_growth)
        dt = np.where(q0 > 0, dt, np.where(m_star <= m0, -np.inf, np.inf))
        dt = np.where(np.isinf(m_star), np.inf, dt)
        year = y0 + dt
    # No learning: the price stays p0 (or the floor, if higher).
    year = np.where(b == 0, np.where(p >= np.maximum(p0, fl), -np.inf, np.inf), year)
    year = np.where(p <= 0, np.inf, year)
    return np.where(p < fl, np.inf, year)


HARDWARE_CURVES: dict[str, tuple[str, str, str, str]] = {
    "pv": ("pv_learning_rate", "pv_cumulative_w", "pv_production_w_per_yr", "pv_production_growth_per_yr"),
    "satellite": ("satellite_learning_rate", "satellite_cumulative_kg", "satellite_production_kg_per_yr", "satellite_production_growth_per_yr"),
    "battery": ("battery_learning_rate", "battery_cumulative_wh", "battery_production_wh_per_yr", "battery_production_growth_per_yr"),
}
"""Each hardware learning curve's parameters: learning rate, cumulative production at
``cost_ref_year``, production per year then, and its growth per year."""

GROUND_TRENDS: dict[str, str] = {"electricity": "electricity_price_trend_per_yr", "ground_capex": "ground_capex_trend_per_yr"}
"""Each ground price trend's parameter (real change per year)."""

PRICE_CURVE: dict[str, str] = {
    "array_cost_usd_per_w": "pv",
    "radiator_cost_usd_per_m2": "satellite",
    "coolant_loop_cost_usd_per_w": "satellite",
    "bus_cost_usd_per_kg": "satellite",
    "structure_cost_usd_per_kg": "satellite",
    "spacecraft_cost_usd_per_w": "satellite",
    "battery_cost_usd_per_kwh": "battery",
    "electricity_price_usd_per_kwh": "electricity",
    "ground_capex_usd_per_w": "ground_capex",
}
"""Which curve or trend moves each price parameter of a scenario (the launch price follows the
launch curve; the racks' price stays)."""

LINE_CURVE: dict[str, str] = {
    "cost_array_usd": "pv",
    "cost_radiator_usd": "satellite",
    "cost_coolant_usd": "satellite",
    "cost_bus_usd": "satellite",
    "cost_structure_usd": "satellite",
    "cost_spacecraft_specific_usd": "satellite",
    "cost_battery_usd": "battery",
}
"""Which hardware curve moves each orbital hardware cost line (the racks' line stays)."""


def wright_factor(year: Any, learning_rate: Any, cumulative0: Any, ref_year: Any, production_per_yr: Any, growth_per_yr: Any, names: tuple[str, str, str, str, str] = ("learning_rate", "cumulative0", "ref_year", "production_per_yr", "growth_per_yr")) -> np.ndarray:
    """Price in ``year`` relative to ``ref_year`` under Wright's law:
    (N(year) / N(ref_year)) ** log2(1 - learning_rate), with N the cumulative production of
    :func:`cumulative_production` (``cumulative0`` at ``ref_year``). 1 at ``ref_year``; below 1
    after it when production continues and the learning rate is positive."""
    lr = _arr(names[0], learning_rate, 0.0, False, 1.0, True)
    n = cumulative_production(year, cumulative0, ref_year, production_per_yr, growth_per_yr, (names[1], names[2], names[3], names[4]))
    n0 = np.asarray(cumulative0, dtype=float)
    out: np.ndarray = (n / n0) ** np.log2(1.0 - lr)
    return out


def hardware_price_factor(curve: str, year: Any, params: Mapping[str, Any]) -> np.ndarray:
    """Price factor of the hardware on ``curve`` (``"pv"``, ``"satellite"`` or ``"battery"``; see
    :data:`HARDWARE_CURVES`) in ``year`` relative to ``params["cost_ref_year"]``; ``params`` maps
    parameter names to numbers or per-draw arrays (a scenario's ``params()`` with overrides)."""
    if curve not in HARDWARE_CURVES:
        raise ValueError(f"curve = {curve!r}: must be one of {', '.join(HARDWARE_CURVES)}")
    lr, n0, q0, g = HARDWARE_CURVES[curve]
    return wright_factor(year, params[lr], params[n0], params["cost_ref_year"], params[q0], params[g], (lr, n0, "cost_ref_year", q0, g))


def trend_factor(year: Any, trend_per_yr: Any, ref_year: Any, name: str = "trend_per_yr") -> np.ndarray:
    """Price in ``year`` relative to ``ref_year`` for a real change of ``trend_per_yr`` (1/yr)
    per year: (1 + trend) ** (year - ref_year)."""
    y = _arr("year", year, -1e4, False, 1e4, False)
    tr = _arr(name, trend_per_yr, -1.0, True)
    y0 = _arr("cost_ref_year", ref_year)
    out: np.ndarray = np.exp(np.log1p(tr) * (y - y0))
    return out


def price_factors(year: Any, params: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Every price factor in ``year`` relative to ``cost_ref_year``: ``pv``, ``satellite``,
    ``battery`` (Wright's law) and ``electricity``, ``ground_capex`` (real trends); ``params``
    maps parameter names to numbers or arrays that broadcast with ``year``."""
    out = {c: hardware_price_factor(c, year, params) for c in HARDWARE_CURVES}
    for k, name in GROUND_TRENDS.items():
        out[k] = trend_factor(year, params[name], params["cost_ref_year"], name)
    return out


def all_params(scenario: Scenario, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The scenario's parameters with ``overrides`` (per-draw arrays, for instance) in their
    place."""
    vals: dict[str, Any] = dict(scenario.params())
    if overrides:
        for k, v in overrides.items():
            if k in vals:
                vals[k] = v
    return vals


def price_factors_of(scenario: Scenario, year: Any, **overrides: Any) -> dict[str, np.ndarray]:
    """:func:`price_factors` with the parameters of ``scenario`` (section ``[market]``)."""
    return price_factors(year, all_params(scenario, overrides))


def market_params(scenario: Scenario, **overrides: Any) -> dict[str, Any]:
    """The learning-curve parameters of ``scenario`` (section ``[market]``), with overrides
    (arrays of draws, for instance) taking precedence."""
    vals = scenario.params()
    out: dict[str, Any] = {k: vals[k] for k in MARKET_PARAMS}
    for k, v in overrides.items():
        if k in out:
            out[k] = v
    return out


def _args(mp: dict[str, Any]) -> tuple[Any, ...]:
    return (
        mp["learning_rate"],
        mp["learning_p0_usd_per_kg"],
        mp["learning_m0_kg"],
        mp["learning_ref_year"],
        mp["launched_mass_kg_per_yr"],
        mp["launched_mass_growth_per_yr"],
        mp["launch_price_floor_usd_per_kg"],
    )


def scenario_launch_market(scenario: Scenario, **overrides: Any) -> tuple[np.ndarray, ...]:
    """The launch curve a scenario pays along, as the arguments of
    :func:`launch_price_usd_per_kg` and :func:`year_of_price` after ``year``: the scenario's
    ``launch_price_usd_per_kg`` at the cumulative mass launched by ``cost_ref_year``, the launch
    rate then, the same learning rate and growth, and the floor (or the scenario's own price, if
    lower). Overrides (per-draw arrays) take precedence over the scenario's values."""
    p = all_params(scenario, overrides)
    lr, _p0, m0, y0, q0, g, fl = (np.asarray(v, dtype=float) for v in _args(p))
    y_ref = _arr("cost_ref_year", p["cost_ref_year"])
    p_s = _arr("launch_price_usd_per_kg", p["launch_price_usd_per_kg"], 0.0)
    m_ref = cumulative_launched_mass_kg(y_ref, m0, y0, q0, g)
    g = _arr("launched_mass_growth_per_yr", g, -1.0, True)
    q_ref = q0 * np.exp(np.log1p(g) * (y_ref - y0))
    return lr, np.where(p_s > 0, p_s, np.finfo(float).tiny), m_ref, y_ref, q_ref, g, np.minimum(fl, p_s)


def launch_price_of(scenario: Scenario, year: Any, **overrides: Any) -> np.ndarray:
    """Launch price (USD/kg) that ``scenario`` pays in ``year``: its own price in
    ``cost_ref_year``, moved along the launch learning curve (module docstring)."""
    return launch_price_usd_per_kg(year, *scenario_launch_market(scenario, **overrides))


def year_of_price_of(scenario: Scenario, price_usd_per_kg: Any, **overrides: Any) -> np.ndarray:
    """Year at which the launch price ``scenario`` pays (:func:`launch_price_of`) reaches
    ``price_usd_per_kg``."""
    return year_of_price(price_usd_per_kg, *scenario_launch_market(scenario, **overrides))


def calendar_year(decimal_year: float) -> float:
    """The calendar year a decimal year falls in (``inf`` and ``-inf`` pass through)."""
    return decimal_year if math.isinf(decimal_year) or math.isnan(decimal_year) else float(math.floor(decimal_year))
