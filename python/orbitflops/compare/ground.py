"""Orbit against the ground line by line: present-value cost items of both sides, the ground
baselines (electricity supplies) with their CO2-equivalent per delivered FLOP, and the design a
comparison uses.

Both sides are levelised the same way (docs/model.md, "Cost and economics"): present value of
costs over present value of delivered FLOP, discounted continuously at rho = ln(1 + r) over the
lifetime L, so that a cost of C per year is worth C * A with the annuity
A = (1 - (1 + r)^-L) / rho (A = L when r = 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import _core
from .._core import Design, Scenario
from ..model import evaluate, evaluate_batch, size


def annuity_yr(discount_rate: float, lifetime_yr: float) -> float:
    """Present value (yr) of 1 per year paid continuously for ``lifetime_yr`` years at the
    annual rate ``discount_rate``: (1 - (1 + r)^-L) / ln(1 + r), or L when r = 0 (continuous
    discounting as in the core; any engineering-economics text, e.g. Newnan)."""
    if discount_rate == 0:
        return float(lifetime_yr)
    rho = math.log1p(discount_rate)
    return -math.expm1(-rho * lifetime_yr) / rho


@dataclass(frozen=True)
class ComparisonDesign:
    """The orbital design a comparison uses and the choices that made it.

    ``design``: the areas, racks and battery (its battery None: sized from the worst eclipse);
    ``scenario``: the scenario with the chosen eclipse strategy and altitude applied; ``sized``:
    whether Monte Carlo draws re-size it (False for a fixed design given by the caller);
    ``radiator_temp_k``: the radiator's end-of-life operating temperature it was sized for (K;
    None for a fixed design); ``cost_ratio``: orbit/ground per delivered FLOP at the scenario's
    prices; ``feasible``: whether it fits the launches allowed; ``searched``: what the search
    covered, in words and numbers."""

    design: Design
    scenario: Scenario = field(repr=False)
    sized: bool
    racks: int
    strategy: str
    altitude_m: float
    radiator_temp_k: float | None
    cost_ratio: float
    feasible: bool
    searched: dict[str, Any] = field(default_factory=dict, repr=False)

    def choices(self) -> dict[str, Any]:
        """The choices made, JSON-ready."""
        return {
            "racks": self.racks,
            "spare_racks": int(self.design.spare_racks),
            "strategy": self.strategy,
            "altitude_m": self.altitude_m,
            "radiator_temp_k": self.radiator_temp_k,
            "sized": self.sized,
            "feasible": self.feasible,
        }


RADIATOR_TEMP_SPAN_K = 150.0
"""How far below its limit (chip limit minus the cold-plate and loop drops) the radiator
temperature is searched, K."""
RADIATOR_TEMP_MIN_K = 150.0
"""The coldest radiator temperature searched, K."""
TEMP_GRID = 41
TEMP_TOL_K = 1e-3
"""Width (K) to which golden-section search narrows the radiator temperature: the cost ratio is
flat at its minimum, so 1 mK moves it by less than 1e-9 of itself."""
MAX_RACK_COUNTS = 200
ALTITUDE_GRID = 9
_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0


def _rack_counts(scenario: Scenario) -> list[int]:
    var = next((v for v in scenario.search if v["name"] == "racks"), None)
    if var is None:
        return [int(scenario.design.racks)]
    lo, hi = int(math.ceil(var["low"])), int(math.floor(var["high"]))
    if hi - lo + 1 <= MAX_RACK_COUNTS:
        return list(range(lo, hi + 1))
    return sorted({int(round(x)) for x in np.geomspace(max(lo, 1), hi, MAX_RACK_COUNTS)} | {lo, hi})


def _strategies(scenario: Scenario) -> list[str]:
    var = next((v for v in scenario.search if v["name"] == "strategy"), None)
    if var is not None and var.get("choices"):
        return list(var["choices"])
    return ["battery", "throttle"]


def _altitudes(scenario: Scenario) -> list[float]:
    var = next((v for v in scenario.search if v["name"] == "altitude_m"), None)
    here = float(scenario.params()["altitude_m"])
    if var is None:
        return [here]
    lo, hi = float(var["low"]), float(var["high"])
    grid = np.geomspace(lo, hi, ALTITUDE_GRID) if var.get("log") else np.linspace(lo, hi, ALTITUDE_GRID)
    pts = set(float(x) for x in grid)
    if lo <= here <= hi:
        pts.add(here)
    return sorted(pts)


def _temp_bounds(scenario: Scenario) -> tuple[float, float]:
    p = scenario.params()
    limit = p["chip_temp_max_k"] - p["cold_plate_dt_k"] - p["coolant_loop_dt_k"]
    lo = max(RADIATOR_TEMP_MIN_K, limit - RADIATOR_TEMP_SPAN_K)
    var = next((v for v in scenario.search if v["name"] == "radiator_temp_k"), None)
    hi = limit
    if var is not None:
        lo, hi = max(float(var["low"]), 1.0), min(float(var["high"]), limit)
    if not lo < hi:
        lo = hi
    return lo, hi


def _ratio(scenario: Scenario, racks: np.ndarray, temp: np.ndarray, spares: float, mass: bool = True) -> np.ndarray:
    """Cost ratio of designs sized at each (racks, radiator temperature); +inf where the design
    cannot be sized or (with ``mass``) does not fit its launches."""
    out = evaluate_batch(scenario, sized=True, outputs=["cost_ratio", "feasible"], on_invalid="nan", racks=racks.astype(float), radiator_temp_k=temp, spare_racks=spares)
    ok = out["valid"] & np.isfinite(out["cost_ratio"])
    if mass:
        ok &= out["feasible"] > 0.5
    return np.where(ok, out["cost_ratio"], np.inf)


def _golden(s: Scenario, racks: np.ndarray, a: np.ndarray, b: np.ndarray, spares: float, mass: bool) -> tuple[np.ndarray, np.ndarray]:
    """Golden-section search of the radiator temperature in [a, b] for each rack count, all at
    once: the best temperature and its cost ratio."""
    x1, x2 = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
    f1, f2 = _ratio(s, racks, x1, spares, mass), _ratio(s, racks, x2, spares, mass)
    for _ in range(60):
        if np.all(b - a < TEMP_TOL_K):
            break
        left = f1 <= f2  # the minimum lies in [a, x2]
        b = np.where(left, x2, b)
        a = np.where(left, a, x1)
        x1n = np.where(left, b - _GOLDEN * (b - a), x2)
        x2n = np.where(left, x1, a + _GOLDEN * (b - a))
        fn = _ratio(s, racks, np.where(left, x1n, x2n), spares, mass)
        f1, f2 = np.where(left, fn, f2), np.where(left, f1, fn)
        x1, x2 = x1n, x2n
    take1 = f1 <= f2
    return np.where(take1, x1, x2), np.where(take1, f1, f2)


CANDIDATE_MARGIN = 0.02
"""Grid minima within this fraction of the best grid value are refined; golden section cannot
improve on a grid value by more than that (the grid is 3.75 K apart and the cost ratio moves by
well under 1 % per K near its minimum)."""


def _search(scenario: Scenario) -> tuple[dict[str, Any], dict[str, Any]]:
    spares = float(scenario.design.spare_racks)
    racks_list = _rack_counts(scenario)
    alts = _altitudes(scenario)
    t_lo, t_hi = _temp_bounds(scenario)
    grid = np.linspace(t_lo, t_hi, TEMP_GRID) if t_hi > t_lo else np.array([t_hi])
    searched = {
        "racks": [racks_list[0], racks_list[-1]],
        "rack_counts": len(racks_list),
        "strategies": _strategies(scenario),
        "altitudes_m": alts,
        "radiator_temp_k": [float(grid[0]), float(grid[-1])],
    }
    here = float(scenario.params()["altitude_m"])
    R, T = np.meshgrid(np.array(racks_list, dtype=float), grid, indexing="ij")
    for mass in (True, False):  # without any design that fits its launches, the best that does not
        # Every (strategy, altitude) as its own scenario (its orbit's year statistics computed
        # once), all rack counts and grid temperatures in one batch.
        minima = []
        for strategy in searched["strategies"]:
            for alt in alts:
                s = scenario.replace(strategy=strategy)
                if alt != here:
                    s = s.replace(altitude_m=alt)
                vals = _ratio(s, R.ravel(), T.ravel(), spares, mass).reshape(R.shape)
                k = np.argmin(vals, axis=1)
                v0 = vals[np.arange(len(racks_list)), k]
                minima.append((s, strategy, alt, k, v0))
        best_grid = min((float(np.min(v0)) for *_, v0 in minima), default=np.inf)
        if not np.isfinite(best_grid):
            continue
        best: dict[str, Any] | None = None
        for s, strategy, alt, k, v0 in minima:
            cand = np.flatnonzero(v0 <= best_grid * (1.0 + CANDIDATE_MARGIN))
            if cand.size == 0:
                continue
            kk = k[cand]
            a = grid[np.maximum(kk - 1, 0)]
            b = grid[np.minimum(kk + 1, len(grid) - 1)]
            t_best, f_best = _golden(s, R[cand, 0], a, b, spares, mass)
            # The grid point itself, should golden section end on a worse side of a kink.
            grid_better = v0[cand] < f_best
            t_best = np.where(grid_better, grid[kk], t_best)
            f_best = np.where(grid_better, v0[cand], f_best)
            i = int(np.argmin(f_best))
            if best is None or f_best[i] < best["cost_ratio"]:
                best = {"strategy": strategy, "racks": int(R[cand[i], 0]), "altitude_m": float(alt), "radiator_temp_k": float(t_best[i]), "cost_ratio": float(f_best[i]), "feasible": mass}
        if best is not None:
            return best, searched
    raise ValueError("no orbital design can be sized for this scenario at any rack count, strategy and radiator temperature searched (see orbitflops.size's error for one of them)")


def comparison_design(scenario: Scenario, design: Design | None = None) -> ComparisonDesign:
    """The orbital design a comparison puts against the ground.

    With ``design`` given: that design as it is (fixed; Monte Carlo draws do not re-size it).
    Otherwise the best design for the scenario by exact sizing (:func:`orbitflops.size`: the
    smallest array, battery and radiator for the racks, the radiator sized to run at a chosen
    temperature), searched over:

    - every rack count within the scenario's ``[search]`` ``racks`` bounds (the scenario's rack
      count when it has none; at most 200 counts, spaced geometrically beyond that);
    - both eclipse strategies, battery and throttle (those listed when ``[search]`` lists
      ``strategy``);
    - the altitude: the scenario's, or 9 values spanning the ``[search]`` ``altitude_m`` bounds
      with the scenario's own when it lies within them;
    - the radiator's end-of-life temperature, from its limit (the chip limit less the cold-plate
      and coolant-loop drops) down by 150 K (or within ``[search]`` ``radiator_temp_k``, capped
      at the limit): a 41-point grid evaluated in one batch per strategy and altitude, then
      golden-section search between the best grid point's neighbours to 1 mK for every grid
      minimum within 2 % of the best, since a cooler, larger radiator keeps the chips cooler
      and failing less (the orbital failure rate follows the junction temperature).

    Only designs that fit the launches allowed (``max_launches``) count, unless none does. The
    lowest cost ratio orbit/ground at the scenario's prices wins. The other variables a
    ``[search]`` table may list (cell, compute payload, launcher, pointing, LTAN, spare racks)
    stay the scenario's: they define the scenario compared, and the optimiser's certificate
    (:mod:`orbitflops.optimize`) searches them."""
    if design is not None:
        if not isinstance(design, Design):
            raise TypeError(f"design must be an orbitflops.Design or None, got {type(design).__name__}")
        ev = evaluate(design, scenario)
        ch = scenario.choices()
        return ComparisonDesign(design, scenario, False, int(design.racks), ch["strategy"], float(scenario.params()["altitude_m"]), None, float(ev.cost_ratio), bool(ev.is_feasible), {"fixed": True})
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
    best, searched = _search(scenario)
    s = scenario.replace(strategy=best["strategy"])
    if best["altitude_m"] != s.params()["altitude_m"]:
        s = s.replace(altitude_m=best["altitude_m"])
    d = size(s, best["racks"], int(scenario.design.spare_racks), best["radiator_temp_k"])
    return ComparisonDesign(d, s, True, best["racks"], best["strategy"], best["altitude_m"], best["radiator_temp_k"], best["cost_ratio"], best["feasible"], searched)


def cost_lines(ev: Any, scenario: Scenario) -> pd.DataFrame:
    """Present-value cost of each line of orbit and ground with the same racks (USD), the same
    per delivered FLOP (USD/FLOP, each side's line over that side's present-value FLOP) and per
    kW of compute power and year (USD/(kW yr), levelised over the lifetime). The last row is the
    total, whose per-FLOP figures are the cost per FLOP of each side."""
    p = scenario.params()
    a = annuity_yr(p["discount_rate"], p["lifetime_yr"])
    o = ev.to_dict()
    rows = [
        ("Racks (orbit: with spares)", o["cost_racks_usd"], o["ground_racks_usd"]),
        ("IT refresh, net of the last set's residual value", 0.0, o["ground_refresh_pv_usd"]),
        ("Solar array", o["cost_array_usd"], 0.0),
        ("Battery", o["cost_battery_usd"], 0.0),
        ("Electricity", 0.0, o["ground_energy_usd_per_yr"] * a),
        ("Radiators", o["cost_radiator_usd"], 0.0),
        ("Coolant loop", o["cost_coolant_usd"], 0.0),
        ("Bus", o["cost_bus_usd"], 0.0),
        ("Structure and shielding", o["cost_structure_usd"], 0.0),
        ("Spacecraft, top down (specific cost)", o["cost_spacecraft_specific_usd"], 0.0),
        ("Facility (building, power, cooling), net of its residual value", 0.0, o["ground_facility_pv_usd"]),
        ("Integration and test", o["cost_integration_usd"], 0.0),
        ("Launch", o["cost_launch_usd"], 0.0),
        ("Insurance", o["cost_insurance_usd"], 0.0),
        ("Non-recurring engineering", o["nre_usd"], 0.0),
        ("Facility maintenance", 0.0, o["ground_maintenance_usd_per_yr"] * a),
        ("Repairs", 0.0, o["ground_repair_usd_per_yr"] * a),
        ("Operations, staff, network", o["ops_usd_per_yr"] * a, o["ground_staff_usd_per_yr"] * a),
    ]
    if p["spacecraft_cost_usd_per_w"] == 0 or o["cost_spacecraft_specific_usd"] == 0:
        rows = [r for r in rows if not r[0].startswith("Spacecraft, top down")]
    if o["nre_usd"] == 0:
        rows = [r for r in rows if r[0] != "Non-recurring engineering"]
    df = pd.DataFrame(rows, columns=["line", "orbit_usd", "ground_usd"])
    total = pd.DataFrame([("Total (present value)", o["pv_cost_usd"], o["ground_pv_cost_usd"])], columns=df.columns)
    df = pd.concat([df, total], ignore_index=True)
    pv_o, pv_g = o["pv_flop"], o["ground_pv_flop"]
    df["orbit_usd_per_flop"] = df["orbit_usd"] / pv_o if pv_o > 0 else np.inf
    df["ground_usd_per_flop"] = df["ground_usd"] / pv_g
    # Levelised per kW of compute (IT) power and year, the unit public studies quote (Suncatcher
    # sec. 4.4): present value over kW x annuity.
    kw_yr = o["compute_power_w"] / 1000.0 * a
    df["orbit_usd_per_kw_yr"] = df["orbit_usd"] / kw_yr
    df["ground_usd_per_kw_yr"] = df["ground_usd"] / kw_yr
    return df


def supply_presets() -> list[dict[str, Any]]:
    """The ground electricity-supply presets (name, description, source, values)."""
    return [p for p in _core.PRESETS if p["kind"] == "supply"]


def baselines(scenario: Scenario, design: Design) -> pd.DataFrame:
    """Orbit beside each ground baseline (grid-powered hyperscale, on-site gas, ground solar with
    storage), with the same racks: cost per delivered FLOP, the ratio orbit/ground, and the
    CO2-equivalent per delivered FLOP (orbit: launch combustion; ground: life-cycle emissions of
    its electricity). Units: USD/FLOP, kg/FLOP; also USD and kg per PFLOP/s-day."""
    day = 1e15 * 86400.0
    orbit = evaluate(design, scenario)
    rows = [
        {
            "option": "orbit",
            "description": f"{scenario.choices()['launcher']} launch, {scenario.choices()['cell']} array",
            "electricity_usd_per_kwh": 0.0,
            "co2_kg_per_kwh": math.nan,
            "cost_per_flop_usd": orbit.cost_per_flop_usd,
            "usd_per_pflops_day": orbit.cost_per_flop_usd * day,
            "co2_kg_per_flop": orbit.co2_kg_per_flop,
            "co2_kg_per_pflops_day": orbit.co2_kg_per_flop * day,
            "orbit_over_this": 1.0,
        }
    ]
    for pr in supply_presets():
        ev = evaluate(design, scenario.replace(supply=pr["name"]))
        rows.append(
            {
                "option": f"ground: {pr['name']}",
                "description": pr["description"],
                "electricity_usd_per_kwh": pr["values"]["electricity_price_usd_per_kwh"],
                "co2_kg_per_kwh": pr["values"]["ground_co2_kg_per_kwh"],
                "cost_per_flop_usd": ev.ground_cost_per_flop_usd,
                "usd_per_pflops_day": ev.ground_cost_per_flop_usd * day,
                "co2_kg_per_flop": ev.ground_co2_kg_per_flop,
                "co2_kg_per_pflops_day": ev.ground_co2_kg_per_flop * day,
                "orbit_over_this": ev.cost_ratio,
            }
        )
    return pd.DataFrame(rows)
