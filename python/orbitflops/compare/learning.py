"""Launch price over calendar time: Wright's learning curve driven by a trajectory of launched mass.

Wright's law (T. P. Wright, "Factors affecting the cost of airplanes", J. Aeronautical Sciences 3
(1936) 122-128), as applied to launch by Suncatcher (arXiv:2511.19468, sec. 2.4; docs/model.md,
"Launch price over time, uncertainty and thresholds"):

    p(M) = p0 (M / M0) ** log2(1 - LR)

with M the cumulative mass launched (kg), (M0, p0) the starting point and LR the learning rate
(the fraction the price falls per doubling of M). A trajectory of mass launched per year maps M
onto calendar years: q(y) = q0 (1 + g) ** (y - y0) kg/yr from the reference year y0, at which
M = M0, so that

    M(y) = M0 + q0 ((1 + g) ** (y - y0) - 1) / ln(1 + g)      (M0 + q0 (y - y0) when g = 0).

Years are decimal calendar years (2030.0 is 1 January 2030). Every function is vectorised over
NumPy broadcasting and checks its inputs; the ``*_of`` wrappers read the parameters from a
scenario's ``[market]`` section.
"""

from __future__ import annotations

import math
from typing import Any

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


def cumulative_launched_mass_kg(year: Any, m0_kg: Any, ref_year: Any, mass_per_yr_kg: Any, growth_per_yr: Any) -> np.ndarray:
    """Cumulative mass launched by ``year`` (kg), for a launch rate of ``mass_per_yr_kg`` (kg/yr)
    at ``ref_year`` growing by ``growth_per_yr`` (1/yr) per year, with ``m0_kg`` launched by
    ``ref_year``. Raises ``ValueError`` when the trajectory runs back below zero (a year too far
    before the reference year)."""
    y = _arr("year", year, -1e4, False, 1e4, False)
    m0 = _arr("learning_m0_kg", m0_kg, 0.0, True)
    y0 = _arr("learning_ref_year", ref_year)
    q0 = _arr("launched_mass_kg_per_yr", mass_per_yr_kg, 0.0)
    g = _arr("launched_mass_growth_per_yr", growth_per_yr, -1.0, True)
    dt = y - y0
    lg = np.log1p(g)
    small = np.abs(lg) < 1e-12
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        grown = np.where(small, dt, np.expm1(lg * dt) / np.where(small, 1.0, lg))
        m = m0 + q0 * grown
    if not np.all(m > 0):
        i = np.flatnonzero(~(np.broadcast_to(m, np.broadcast(y, m).shape) > 0))[0]
        yy = np.broadcast_to(y, np.shape(m)).flat[i]
        raise ValueError(f"year = {yy!r}: the launched-mass trajectory has no positive cumulative mass that early (before the reference year)")
    return m


def wright_price_usd_per_kg(cumulative_mass_kg: Any, m0_kg: Any, p0_usd_per_kg: Any, learning_rate: Any, floor_usd_per_kg: Any = 0.0) -> np.ndarray:
    """Launch price (USD/kg) at cumulative launched mass ``cumulative_mass_kg`` (kg) under Wright's
    law from ``p0_usd_per_kg`` at ``m0_kg`` with learning rate ``learning_rate`` (per doubling),
    never below ``floor_usd_per_kg``."""
    m = _arr("cumulative_mass_kg", cumulative_mass_kg, 0.0, True)
    m0 = _arr("learning_m0_kg", m0_kg, 0.0, True)
    p0 = _arr("learning_p0_usd_per_kg", p0_usd_per_kg, 0.0, True)
    lr = _arr("learning_rate", learning_rate, 0.0, False, 1.0, True)
    fl = _arr("launch_price_floor_usd_per_kg", floor_usd_per_kg, 0.0)
    return np.maximum(p0 * (m / m0) ** np.log2(1.0 - lr), fl)


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
        # log1p: for a small growth rate 1 + x lg rounds away most of x lg's digits.
        xl = x * lg
        dt_growth = np.where(xl > -1.0, np.log1p(np.where(xl > -1.0, xl, 0.0)) / np.where(small, 1.0, lg), np.where(x > 0, np.inf, -np.inf))
        dt = np.where(small, x, dt_growth)
        dt = np.where(q0 > 0, dt, np.where(m_star <= m0, -np.inf, np.inf))
        dt = np.where(np.isinf(m_star), np.inf, dt)
        year = y0 + dt
    # No learning: the price stays p0 (or the floor, if higher).
    year = np.where(b == 0, np.where(p >= np.maximum(p0, fl), -np.inf, np.inf), year)
    year = np.where(p <= 0, np.inf, year)
    return np.where(p < fl, np.inf, year)


def market_params(scenario: Scenario, **overrides: Any) -> dict[str, Any]:
    """The learning-curve parameters of ``scenario`` (section ``[market]``), with overrides
    (arrays of draws, for instance) taking precedence."""
    vals = scenario.params()
    out: dict[str, Any] = {k: vals[k] for k in MARKET_PARAMS}
    for k, v in overrides.items():
        if k in out:
            out[k] = v
    return out


def _args(mp: dict[str, Any]) -> tuple:
    return (
        mp["learning_rate"],
        mp["learning_p0_usd_per_kg"],
        mp["learning_m0_kg"],
        mp["learning_ref_year"],
        mp["launched_mass_kg_per_yr"],
        mp["launched_mass_growth_per_yr"],
        mp["launch_price_floor_usd_per_kg"],
    )


def launch_price_of(scenario: Scenario, year: Any, **overrides: Any) -> np.ndarray:
    """Launch price (USD/kg) in ``year`` on ``scenario``'s learning curve."""
    return launch_price_usd_per_kg(year, *_args(market_params(scenario, **overrides)))


def year_of_price_of(scenario: Scenario, price_usd_per_kg: Any, **overrides: Any) -> np.ndarray:
    """Year at which ``scenario``'s learning curve reaches ``price_usd_per_kg``."""
    return year_of_price(price_usd_per_kg, *_args(market_params(scenario, **overrides)))


def calendar_year(decimal_year: float) -> float:
    """The calendar year a decimal year falls in (``inf`` and ``-inf`` pass through)."""
    return decimal_year if math.isinf(decimal_year) or math.isnan(decimal_year) else float(math.floor(decimal_year))
