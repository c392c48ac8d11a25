"""Robust design: cost per FLOP over the scenario's uncertainty, with common random numbers.

A design (array, radiator, battery, rack and spare counts, choices) is fixed when it is built;
what is uncertain is the world it meets: the failure rate, the price and mass of what it is made
of, the discount rate (the scenario's ``[uncertainty]`` table, or the default distributions of
:func:`orbitflops.compare.uncertainty_of`). A robust objective is a statistic of the design's
cost per delivered FLOP over a fixed sample of draws of those assumptions: their mean, or a
quantile such as P90 (the cost exceeded in one draw in ten).

Every trial is evaluated on the same draws (common random numbers: the comparison between two
designs is not blurred by sampling noise; Law, Simulation Modeling and Analysis, 5th ed., sec.
11.2). A draw scales each uncertain parameter relative to the scenario's own value, so a trial
whose choices change the parameter (a rack preset's price, a cell's areal density) keeps the
same relative uncertainty; values are clipped to the parameter's valid range. A draw whose design
is over the launcher's capacity or short of power is still costed as the model degrades it
(throttled compute, more launch mass): the design is what was built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from .. import _core
from .._core import Design, Scenario
from ..model import evaluate_batch

STATISTICS = ("mean", "p90")
"""Robust objectives: the mean, or the 90th percentile, of cost per FLOP over the draws."""
DEFAULT_DRAWS = 256
"""Draws of the robust objective by default: P90's standard error is then about 2 % of the
spread of cost per FLOP (binomial order-statistic interval, sqrt(0.9*0.1/256) = 1.9 %)."""

_RANGES = {p["name"]: p for p in _core.PARAMS}


def check_statistic(robust: str | None) -> str | None:
    if robust is None:
        return None
    r = str(robust).lower()
    if r not in STATISTICS:
        raise ValueError(f"robust = {robust!r}: must be one of {', '.join(STATISTICS)} (or None for the nominal cost)")
    return r


def statistic(costs: np.ndarray, robust: str) -> float:
    """The robust statistic of cost per FLOP over draws (a NaN draw, a design the model
    rejects under it, counts as an infinite cost)."""
    c = np.where(np.isnan(costs), np.inf, np.asarray(costs, float))
    if robust == "mean":
        return float(np.mean(c))
    return float(np.quantile(c, 0.9, method="inverted_cdf"))


@dataclass(frozen=True)
class Draws:
    """A fixed sample of the scenario's uncertain parameters (``ratio`` of each draw to the
    scenario's value, or the value itself where the scenario's is 0)."""

    names: tuple[str, ...]
    values: np.ndarray  # (n_params, n_draws), absolute values drawn
    base: np.ndarray    # the scenario's values
    n: int
    seed: int

    @classmethod
    def of(cls, scenario: Scenario, n: int, seed: int = 0) -> "Draws":
        from ..compare.uncertainty import sample_at_choices, uncertainty_of

        dists = uncertainty_of(scenario)
        # The design's choices are made: its launcher, cell and rack stay the scenario's.
        drawn = sample_at_choices(dists, scenario, n, seed)
        params = scenario.params()
        names = tuple(drawn)
        return cls(names, np.array([drawn[k] for k in names]), np.array([params[k] for k in names]), int(n), int(seed))

    def columns(self, scenario: Scenario) -> dict[str, np.ndarray]:
        """Per-draw parameter columns for a scenario (a trial's choices applied)."""
        params = scenario.params()
        cols = {}
        for i, name in enumerate(self.names):
            v = params[name]
            b = self.base[i]
            col = self.values[i] * (v / b) if b != 0 else self.values[i].copy()
            info = _RANGES[name]
            lo, hi = info["low"], info["high"]
            span = max(abs(lo), abs(hi), 1.0) if np.isfinite(hi) else max(abs(lo), 1.0)
            lo_c = lo + (1e-12 * span if info.get("low_open") else 0.0)
            hi_c = hi - (1e-12 * span if info.get("high_open") else 0.0) if np.isfinite(hi) else np.inf
            cols[name] = np.clip(col, lo_c, hi_c)
        return cols


def costs_on_draws(scenario: Scenario, design: Design, draws: Draws) -> np.ndarray:
    """Cost per FLOP (USD/FLOP) of one design over every draw (NaN where the model rejects it)."""
    kw: dict[str, Any] = dict(array_area_m2=design.array_area_m2, radiator_area_m2=design.radiator_area_m2, racks=float(design.racks),
                              spare_racks=float(design.spare_racks))
    if design.battery_energy_j is not None:
        kw["battery_energy_j"] = design.battery_energy_j
    out = evaluate_batch(scenario, outputs=["cost_per_flop_usd"], on_invalid="nan", **kw, **draws.columns(scenario))
    return out["cost_per_flop_usd"]


def robust_values(scenarios: Sequence[Scenario], designs: Sequence[Design], draws: Draws, robust: str) -> list[float]:
    """The robust statistic of each design (on its scenario) over the same draws."""
    return [statistic(costs_on_draws(s, d, draws), robust) for s, d in zip(scenarios, designs)]


@dataclass
class RobustSummary:
    """The robust optimum beside the nominal one, both on the same draws: ``value`` is the robust
    optimum's statistic, ``nominal_value`` the nominal optimum's (the certificate's design, else
    the best nominal trial), each in USD/FLOP; the nominal costs are the designs' costs under the
    scenario's own values."""

    statistic: str
    draws: int
    seed: int
    value: float
    nominal_value: float
    nominal_cost_per_flop_usd: float
    robust_nominal_cost_per_flop_usd: float
    nominal_params: Mapping[str, Any]

    @property
    def improvement(self) -> float:
        """Relative reduction of the statistic by designing for it (>= 0)."""
        return 1.0 - self.value / self.nominal_value


def robust_polish(space, params: Mapping[str, Any], draws: Draws, robust: str) -> tuple[dict[str, Any], float] | None:
    """The polish of a robust hybrid search: at a trial's choices and continuous values, every
    rack and spare count in the bounds, each sized for the scenario's own values and scored on
    the draws in one batch; returns the parameters and statistic of the best, or ``None`` when
    none can be sized."""
    from .space import TEMP_VARIABLE, sized_batch

    sc = space.scenario_for(params)
    rlo, rhi = space.rack_bounds
    slo, shi = space.spare_bounds
    r, s = np.meshgrid(np.arange(rlo, rhi + 1, dtype=float), np.arange(slo, shi + 1, dtype=float), indexing="ij")
    r, s = r.ravel(), s.ravel()
    temps = None
    if TEMP_VARIABLE in params and params[TEMP_VARIABLE] < float(sc.orbit_summary()["radiator_temp_max_k"]):
        temps = np.full(len(r), float(params[TEMP_VARIABLE]))
    sized = sized_batch(sc, ["feasible"], r, s, temps)
    ok = sized["valid"] & (sized["feasible"] > 0)
    if not ok.any():
        return None
    idx = np.flatnonzero(ok)
    n = draws.n
    cols = {k: np.tile(v, len(idx)) for k, v in draws.columns(sc).items()}
    out = evaluate_batch(sc, outputs=["cost_per_flop_usd"], on_invalid="nan", array_area_m2=np.repeat(sized["array_area_m2"][idx], n),
                         radiator_area_m2=np.repeat(sized["radiator_area_m2"][idx], n), battery_energy_j=np.repeat(sized["battery_energy_j"][idx], n),
                         racks=np.repeat(r[idx], n), spare_racks=np.repeat(s[idx], n), **cols)
    stats = [statistic(c, robust) for c in out["cost_per_flop_usd"].reshape(len(idx), n)]
    j = int(np.argmin(stats))
    best = dict(params)
    best["racks"] = int(r[idx[j]])
    if "spare_racks" in space.by_name:
        best["spare_racks"] = int(s[idx[j]])
    return best, float(stats[j])
