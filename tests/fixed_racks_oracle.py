"""The cheapest design at a fixed rack count, found without the adapters: the reference the
OpenMDAO and pymoo tests measure their optimisers against.

At a fixed rack count cost per FLOP rises with the array area and the battery energy above their
smallest feasible values (tests/test_openmdao.py checks it), so the cheapest design has both at
those values. The radiator is different: a larger radiator runs cooler, and the accelerators'
failure rate falls with their junction temperature (Arrhenius), so cost per FLOP is not monotone
in the radiator area. The radiator is therefore searched through the temperature T it is sized
for, ``orbitflops.size(scenario, racks, 0, radiator_temp_k=T)`` with T from the temperature at
which the radiator would be ``AREA_FACTOR`` times its smallest size (impractically large) up to
the radiator limit, and, when a launch mass is imposed (the launch capacity by default), only
where the design is light enough: the mass grows as T falls.

Two independent searches of that one variable: a bounded scalar minimisation (SciPy's
``minimize_scalar``, method "bounded", whose bound on the light-enough T comes from bisection on
the mass) and a dense grid through ``evaluate_batch(sized=True)`` that keeps the rows the model
itself finds feasible (the launch capacity included).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import minimize_scalar

import orbitflops as of

AREA_FACTOR = 20.0
"""The coldest radiator searched is this many times the smallest feasible one."""


def _bisect(f, lo: float, hi: float, iterations: int = 200) -> float:
    """A root of a function that is > 0 at ``lo`` and <= 0 at ``hi`` (bisection to the last
    representable float; f may be +inf)."""
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    return hi


def sized(scenario: of.Scenario, racks: int, temp_k: float | None) -> of.Evaluation:
    """The smallest feasible array and battery with the radiator sized for ``temp_k`` (None: at
    its limit)."""
    return of.evaluate(of.size(scenario, racks, 0, radiator_temp_k=temp_k), scenario)


def temp_bounds_k(scenario: of.Scenario, racks: int, mass_max_kg: float | None = None) -> tuple[float, float, float]:
    """(coldest temperature searched, lowest temperature whose design is at most
    ``mass_max_kg`` (the limit when even the limit-sized design is heavier), radiator limit), K.
    ``mass_max_kg`` None: the launch capacity."""
    limit = sized(scenario, racks, None)
    hi = limit.radiator_temp_max_k
    a_min = limit.radiator_area_m2

    def excess_area_m2(t: float) -> float:
        try:
            return of.size(scenario, racks, 0, radiator_temp_k=t).radiator_area_m2 - AREA_FACTOR * a_min
        except ValueError:  # so cold that no radiator suffices
            return math.inf

    # The radiator area falls as T rises.
    cold = _bisect(excess_area_m2, 1e-3 * hi, hi)
    if mass_max_kg is None:
        mass_max_kg = limit.mass_total_kg + limit.mass_margin_kg  # the capacity: design-independent
    if limit.mass_total_kg > mass_max_kg:
        return cold, hi, hi
    light = cold
    if sized(scenario, racks, cold).mass_total_kg > mass_max_kg:
        light = _bisect(lambda t: sized(scenario, racks, t).mass_total_kg - mass_max_kg, cold, hi)
    return cold, light, hi


def cheapest(scenario: of.Scenario, racks: int, mass_max_kg: float | None = None, xatol_k: float = 1e-9) -> dict:
    """The cheapest design at ``racks`` racks no heavier than ``mass_max_kg`` (default: the
    launch capacity), by bounded scalar minimisation over the radiator temperature (the bounds
    themselves are evaluated too, since the method never samples them). Returns the radiator
    temperature ``temp_k``, the design's areas, battery, cost per FLOP, mass and feasibility, and
    ``at``: "interior", "mass" (the mass limit binds), "limit" (the radiator at its temperature
    limit) or "cold" (at the coldest temperature searched)."""
    cold, light, hi = temp_bounds_k(scenario, racks, mass_max_kg)
    best = hi
    if light < hi:
        res = minimize_scalar(lambda t: sized(scenario, racks, t).cost_per_flop_usd, bounds=(light, hi), method="bounded", options={"xatol": xatol_k})
        best = min((res.x, light, hi), key=lambda t: sized(scenario, racks, t).cost_per_flop_usd)
    ev = sized(scenario, racks, best)
    at = "limit" if best == hi else "cold" if best == cold else "mass" if best == light else "interior"
    return {
        "temp_k": best,
        "at": at,
        "array_area_m2": ev.array_area_m2,
        "radiator_area_m2": ev.radiator_area_m2,
        "battery_energy_j": ev.battery_energy_j,
        "cost_per_flop_usd": ev.cost_per_flop_usd,
        "mass_total_kg": ev.mass_total_kg,
        "feasible": ev.is_feasible,
    }


def cheapest_on_grid(scenario: of.Scenario, racks: int, n: int = 20001) -> dict:
    """The cheapest feasible row of ``n`` radiator temperatures evenly spaced from the coldest
    searched to the radiator limit, each design sized by ``evaluate_batch(sized=True)``; the
    grid's spacing is ``step_k``."""
    cold, _, hi = temp_bounds_k(scenario, racks)
    temps = np.linspace(cold, hi, n)
    out = of.evaluate_batch(scenario, outputs=["cost_per_flop_usd", "feasible", "radiator_area_m2"], racks=racks, sized=True, radiator_temp_k=temps)
    cost = np.where(out["feasible"] == 1.0, out["cost_per_flop_usd"], np.inf)
    i = int(np.argmin(cost))
    return {"temp_k": float(temps[i]), "cost_per_flop_usd": float(cost[i]), "radiator_area_m2": float(out["radiator_area_m2"][i]), "step_k": float(temps[1] - temps[0])}
