"""What would have to be true: for each key assumption, the value at which orbit and ground cost the
same per delivered FLOP, every other assumption held at the scenario's value.

The crossing is bracketed on a grid evaluated in one batch and refined with Brent's method
(scipy.optimize.brentq; R. P. Brent, Algorithms for Minimization without Derivatives, 1973).
The launch price has a closed form, the core's ``breakeven_launch_usd_per_kg``.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from .. import _core
from .._core import Design, Scenario
from ..model import evaluate_batch
from .ground import ComparisonDesign, comparison_design

_INFO = {p["name"]: p for p in _core.PARAMS}

# Key assumptions and the range searched for a crossing (in the parameter's unit).
KEY_ASSUMPTIONS: dict[str, tuple[float, float]] = {
    "launch_price_usd_per_kg": (0.0, 1.0e5),
    "array_areal_density_kg_m2": (0.01, 100.0),
    "failure_rate_per_yr": (0.0, 2.0),
    "electricity_price_usd_per_kwh": (0.0, 10.0),
    "array_cost_usd_per_w": (0.0, 1.0e4),
    "radiator_areal_density_kg_m2": (0.01, 200.0),
    "lifetime_yr": (0.5, 30.0),
    "ground_capex_usd_per_w": (0.0, 1000.0),
    "rack_cost_usd": (1.0e4, 1.0e9),
}


def _evaluate(cd: ComparisonDesign, cols: dict[str, np.ndarray], outputs: list[str]) -> dict[str, np.ndarray]:
    """The comparison design evaluated with parameter columns ``cols`` (re-sized when it is
    sized), with ``valid``."""
    s = cd.scenario
    n = max(len(v) for v in cols.values())
    if cd.sized:
        pv = s.params()
        lim = np.broadcast_to(cols.get("chip_temp_max_k", pv["chip_temp_max_k"]), (n,)) - np.broadcast_to(cols.get("cold_plate_dt_k", pv["cold_plate_dt_k"]), (n,)) - np.broadcast_to(cols.get("coolant_loop_dt_k", pv["coolant_loop_dt_k"]), (n,))
        temp = np.minimum(float(cd.radiator_temp_k), lim)
        return evaluate_batch(s, sized=True, outputs=outputs, on_invalid="nan", racks=float(cd.racks), spare_racks=float(cd.design.spare_racks), radiator_temp_k=temp, **cols)
    d = cd.design
    fixed = dict(array_area_m2=d.array_area_m2, radiator_area_m2=d.radiator_area_m2, racks=float(d.racks), spare_racks=float(d.spare_racks))
    if d.battery_energy_j is not None:
        fixed["battery_energy_j"] = d.battery_energy_j
    return evaluate_batch(s, outputs=outputs, on_invalid="nan", **fixed, **cols)


def _grid(lo: float, hi: float, v: float, n: int) -> np.ndarray:
    if lo > 0:
        g = np.geomspace(lo, hi, n)
    else:
        g = np.concatenate([[lo], np.geomspace(max(hi * 1e-6, 1e-9), hi, n - 1)])
    return np.unique(np.append(g, v))


def thresholds(
    scenario: Scenario,
    design: Design | None = None,
    *,
    names: Iterable[str] | None = None,
    grid_points: int = 400,
    comparison: ComparisonDesign | None = None,
) -> pd.DataFrame:
    """For each assumption in ``names`` (default :data:`KEY_ASSUMPTIONS`), the value at which the
    cost ratio orbit/ground equals 1 with all else fixed (designs re-sized at each value unless a
    fixed ``design`` is given). Columns: name, unit, value (the scenario's), threshold (NaN when
    there is no crossing in the searched range), orbit_wins ("below"/"above" the threshold,
    "always"/"never" in the range), factor (threshold / value), range searched, and for the
    array areal density the matching array specific power (W/kg, beginning of life).

    The design is the comparison design (``comparison``, or
    :func:`orbitflops.compare.ground.comparison_design`): re-sized at each value at its rack
    count, eclipse strategy and radiator temperature (capped at the radiator's limit when the
    value moves it), or evaluated as it is when fixed."""
    cd = comparison if comparison is not None else comparison_design(scenario, design)
    p = scenario.params()
    rows = []
    for name in list(names) if names is not None else list(KEY_ASSUMPTIONS):
        if name not in _INFO:
            raise ValueError(f"names: unknown scenario parameter {name!r}")
        info = _INFO[name]
        lo, hi = KEY_ASSUMPTIONS.get(name, (info["low"], info["high"]))
        lo = max(lo, info["low"]) if math.isfinite(info["low"]) else lo
        hi = min(hi, info["high"]) if math.isfinite(info["high"]) else hi
        if info["low_open"] and lo <= info["low"]:
            lo = info["low"] + max(abs(info["low"]) * 1e-9, 1e-12)
        if info["high_open"] and hi >= info["high"]:
            hi = info["high"] - max(abs(info["high"]) * 1e-9, 1e-12)
        v = p[name]
        g = _grid(lo, hi, min(max(v, lo), hi), grid_points)

        def ratio(x: np.ndarray) -> np.ndarray:
            # Values at which the design cannot be sized count as orbit never winning.
            out = _evaluate(cd, {name: np.asarray(x, dtype=float)}, ["cost_ratio"])
            return np.where(out["valid"], out["cost_ratio"], np.inf)

        r = ratio(g) - 1.0
        keep = ~np.isnan(r)
        g, r = g[keep], r[keep]
        sign = np.sign(r)
        cross = np.flatnonzero(sign[:-1] * sign[1:] < 0)
        thr = math.nan
        if cross.size:
            # The crossing nearest the scenario's value.
            k = cross[np.argmin(np.abs(np.log(np.maximum(g[cross], 1e-300)) - math.log(max(v, 1e-300))))] if v > 0 else cross[0]
            a, b = float(g[k]), float(g[k + 1])
            thr = brentq(lambda x: float(ratio(np.array([x]))[0]) - 1.0, a, b, xtol=1e-12 * max(abs(a), abs(b), 1.0), rtol=1e-10)
            below = sign[k] < 0  # orbit cheaper on the low side of the crossing
            wins = "below" if below else "above"
        else:
            wins = "always" if np.all(sign < 0) else "never"
        row: dict[str, Any] = {
            "name": name,
            "unit": info["unit"],
            "value": v,
            "threshold": thr,
            "orbit_wins": wins,
            "factor": thr / v if v and math.isfinite(thr) else math.nan,
            "range_searched": f"[{lo:g}, {hi:g}]",
        }
        if name == "array_areal_density_kg_m2" and math.isfinite(thr):
            out = _evaluate(cd, {name: np.array([thr])}, ["array_power_bol_w", "mass_array_kg"])
            row["array_specific_power_w_per_kg"] = float(out["array_power_bol_w"][0] / out["mass_array_kg"][0])
        rows.append(row)
    return pd.DataFrame(rows)
