"""The mission tier: one design day by day over its lifetime (docs/model.md, "The mission tier").

Each day the Rust core places the Sun (Astronomical Almanac low-precision formulae), the orbit's
node (sun-synchronous from the LTAN, or drifting at the secular J2 rate), the beta angle, the
eclipse (the scenario's shadow model) and the seasonal solar flux; it then steps one
representative orbit of that day (sunlight from eclipse exit, then eclipse) for the battery's
state of charge and a lumped radiator temperature, C dT/dt = Q_in - Q_out, with C per m^2 of
radiator ``radiator_areal_density_kg_m2`` x ``radiator_specific_heat_j_kg_k`` plus
``rack_heat_capacity_j_k`` (a rack preset's value) per working rack. Arrays degrade as
(1 - d)^t; the radiator coating goes linearly from its beginning- to its end-of-life properties
over the lifetime (end of life being the end of this mission, as the analytic tier sizes it);
racks fail as in the analytic tier's fluid model (cold spares until t_s = S / (N lambda), then
N exp(-lambda (t - t_s)) working racks in expectation). Compute is throttled when the array and
battery (down to the allowed depth of discharge) cannot carry it, or when the radiator is at its
limit: then to the fraction at which the heat dissipated on board, charging losses included, is
what the radiator rejects at its limit. Costs are the analytic tier's; delivered FLOP are
discounted in the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import _core
from ._core import Design, Scenario
from .model import _columns

#: Names of the lifetime totals (also the columns of ``evaluate_batch(..., tier="mission")``).
MISSION_TOTALS: tuple[str, ...] = tuple(_core.MISSION_TOTALS)

#: Per-day arrays of :class:`MissionResult` with their units.
DAY_UNITS: dict[str, str] = {
    "beta_rad": "rad",
    "eclipse_s": "s",
    "array_power_w": "W",
    "load_w": "W",
    "soc_min": "1",
    "discharge_depth": "1",
    "radiator_temp_min_k": "K",
    "radiator_temp_max_k": "K",
    "working_racks": "1",
    "compute_fraction": "1",
    "delivered_flop": "FLOP",
}


@dataclass(frozen=True)
class MissionResult:
    """Mission-tier result of one design.

    ``days``: per-day NumPy arrays (see ``DAY_UNITS``; index 0 is 1 January of ``start_year``).
    ``totals``: lifetime totals (``delivered_flop``, ``pv_flop``, ``availability`` = delivered
    over nominal FLOP, ``pv_cost_usd``, ``cost_per_flop_usd``, ``soc_min``, radiator extremes in K,
    ``compute_fraction_mean``, ``unserved_energy_j``, ``working_racks_eol``,
    ``battery_energy_j``). ``worst_day``: index of the traced day (longest eclipse) and
    ``worst_orbit``: that day's orbit, time-stepped (``time_s``, ``soc``, ``radiator_temp_k``,
    ``compute_fraction`` arrays and the orbit's energy bookkeeping in J).
    """

    design: Design
    scenario: Scenario
    totals: dict[str, float]
    days: dict[str, np.ndarray]
    worst_day: int
    worst_orbit: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        totals = object.__getattribute__(self, "totals")
        if name in totals:
            return totals[name]
        days = object.__getattribute__(self, "days")
        if name in days:
            return days[name]
        raise AttributeError(name)

    @property
    def n_days(self) -> int:
        return len(self.days["beta_rad"])

    def __repr__(self) -> str:
        t = self.totals
        return (
            f"MissionResult({self.n_days} days, delivered_flop={t['delivered_flop']:.4g}, "
            f"availability={t['availability']:.4f}, cost_per_flop_usd={t['cost_per_flop_usd']:.4g}, "
            f"soc_min={t['soc_min']:.3f})"
        )


def _check(design: Design | None, scenario: Scenario | None) -> tuple[Design, Scenario]:
    from .model import resolve_design

    return resolve_design(design, scenario)


def evaluate_mission(design: Design | None = None, scenario: Scenario | None = None, *, trace_day: int | None = None) -> MissionResult:
    """Evaluate one design day by day over the scenario's lifetime.

    ``trace_day`` picks the day whose orbit is returned time-stepped (default: the day with the
    longest eclipse).
    """
    design, scenario = _check(design, scenario)
    if trace_day is not None and (not isinstance(trace_day, (int, np.integer)) or trace_day < 0):
        raise ValueError(f"trace_day = {trace_day!r}: must be a day index >= 0")
    totals, days, trace, day = _core.mission_evaluate(scenario, design, None if trace_day is None else int(trace_day))
    return MissionResult(design, scenario, dict(totals), dict(days), int(day), dict(trace))


def evaluate_batch(scenario: Scenario, **arrays: ArrayLike) -> dict[str, np.ndarray]:
    """Lifetime totals (``MISSION_TOTALS``) of many designs on the mission tier, computed in
    parallel in Rust with the GIL released.

    Keyword arrays are design fields only (``array_area_m2``, ``radiator_area_m2``, ``racks``,
    ``spare_racks``, ``battery_energy_j``; a NaN battery is sized as in the analytic tier), each a
    1-D array (all the same length) or a number broadcast to all designs; missing fields take the
    scenario's design. Scenario parameters cannot vary per design on this tier: use
    ``scenario.replace(...)`` per scenario instead.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
    fields = tuple(_core.DESIGN_FIELDS)
    for name in arrays:
        if name not in fields:
            raise ValueError(f"{name}: unknown input for the mission tier; only design fields vary per design ({', '.join(fields)})")
    cols, n = _columns(arrays)
    full = {k: np.ascontiguousarray(np.broadcast_to(np.asarray(v, dtype=np.float64), (n,))) for k, v in cols.items()}
    return dict(_core.mission_evaluate_batch(scenario, n, full))


def sun_synchronous_year(altitude_m: float, ltan_h: float, year: int) -> dict[str, np.ndarray]:
    """Beta angle and eclipse duration of a sun-synchronous orbit on every day of a year.

    Returns ``{"day_of_year": 1..365/366, "beta_rad": rad, "eclipse_s": s}``, each day at 12h UT,
    with the cylindrical Earth shadow (Gilmore vol. 1 ch. 2), the node from the LTAN against the
    mean Sun and the Sun from the Astronomical Almanac's low-precision formulae.
    ``altitude_m`` in m, ``ltan_h`` local time of the ascending node in hours.
    """
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"year must be an integer, got {year!r}")
    beta, ecl = _core.sun_synchronous_year(float(altitude_m), float(ltan_h), int(year))
    return {"day_of_year": np.arange(1, len(beta) + 1), "beta_rad": beta, "eclipse_s": ecl}


def eclipse_season(altitude_m: float, ltan_h: float, year: int) -> dict[str, float]:
    """Summary of a sun-synchronous year: period (s), inclination (rad), beta range (rad), days
    with an eclipse, longest eclipse (s) and the first/last day of the year with an eclipse."""
    from .physics import period_s, sso_inclination_rad

    y = sun_synchronous_year(altitude_m, ltan_h, year)
    ecl, beta = y["eclipse_s"], np.abs(y["beta_rad"])
    days = np.flatnonzero(ecl > 0) + 1
    return {
        "period_s": float(period_s(altitude_m)),
        "inclination_rad": float(sso_inclination_rad(altitude_m)),
        "beta_min_rad": float(beta.min()),
        "beta_max_rad": float(beta.max()),
        "days_in_year": int(len(ecl)),
        "eclipse_days": int(len(days)),
        "eclipse_max_s": float(ecl.max()),
        "first_eclipse_day": int(days[0]) if len(days) else 0,
        "last_eclipse_day": int(days[-1]) if len(days) else 0,
    }


def compare(design: Design | None = None, scenario: Scenario | None = None) -> dict[str, tuple[float, float]]:
    """Re-check a design (e.g. the analytic tier's optimum) on the mission tier in one call.

    Returns ``{quantity: (analytic, mission)}`` for delivered FLOP, present-value FLOP, cost per
    FLOP (USD/FLOP), working racks at end of life, the lowest state of charge (analytic: 1 minus
    the battery's depth of discharge in the worst eclipse) and the hottest radiator temperature
    (K; analytic: end-of-life equilibrium under the full sunlit load).
    """
    from .model import evaluate

    design, scenario = _check(design, scenario)
    a = evaluate(design, scenario)
    m = evaluate_mission(design, scenario)
    t = m.totals
    return {
        "delivered_flop": (a.delivered_flop, t["delivered_flop"]),
        "pv_flop": (a.pv_flop, t["pv_flop"]),
        "cost_per_flop_usd": (a.cost_per_flop_usd, t["cost_per_flop_usd"]),
        "working_racks_eol": (a.working_fraction_eol * design.racks, t["working_racks_eol"]),
        "soc_min": (1.0 - a.battery_dod, t["soc_min"]),
        "radiator_temp_max_k": (a.radiator_temp_k, t["radiator_temp_max_k"]),
    }
