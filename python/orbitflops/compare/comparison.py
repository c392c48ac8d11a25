"""One call that answers "is orbit cheaper than the ground, at which launch price, from which year,
and how sure is that?" for a scenario: :func:`compare`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .._core import Design, Scenario
from ..model import Evaluation, evaluate
from . import learning
from .ground import baselines, comparison_design, cost_lines
from .montecarlo import MonteCarloResult, monte_carlo, ratio_at_price, sobol_indices, tornado
from .thresholds import thresholds

# The seed article (published in early 2026, quoting a podcast of that winter) claims orbit is the
# cheapest place for AI compute "within 36 months": by about the start of 2029.
CLAIM_MONTHS = 36
CLAIM_FROM_YEAR = 2026.1
CLAIM_DEADLINE_YEAR = CLAIM_FROM_YEAR + CLAIM_MONTHS / 12.0


@dataclass
class Comparison:
    """Orbit against ground for one scenario (see :func:`compare`)."""

    scenario: Scenario = field(repr=False)
    design: Design
    sized: bool
    orbit: Evaluation = field(repr=False)
    lines: pd.DataFrame = field(repr=False)
    baselines: pd.DataFrame = field(repr=False)
    thresholds: pd.DataFrame = field(repr=False)
    year: float
    breakeven_launch_usd_per_kg: float
    parity_year: float
    launch_price_at_year_usd_per_kg: float
    ratio_at_year: float
    trajectory: pd.DataFrame = field(repr=False)
    monte_carlo: MonteCarloResult | None = field(default=None, repr=False)
    sobol: pd.DataFrame | None = field(default=None, repr=False)
    tornado: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def cost_ratio(self) -> float:
        """Orbit/ground cost per FLOP at the scenario's launch price."""
        return float(self.orbit.cost_ratio)

    @property
    def parity_calendar_year(self) -> float:
        """The calendar year in which orbit becomes cheaper (``inf``: never on the curve)."""
        return learning.calendar_year(self.parity_year)

    def probability_cheaper_by(self, decimal_year: float) -> float:
        """Monte Carlo probability that orbit is cheaper by ``decimal_year`` (NaN without a
        Monte Carlo)."""
        return math.nan if self.monte_carlo is None else self.monte_carlo.probability_cheaper_by(decimal_year)

    def summary(self) -> dict[str, Any]:
        """The headline figures as a flat dict (JSON-ready; infinities as strings)."""
        s: dict[str, Any] = {
            "racks": self.design.racks,
            "design_sized": self.sized,
            "orbit_cost_per_flop_usd": float(self.orbit.cost_per_flop_usd),
            "ground_cost_per_flop_usd": float(self.orbit.ground_cost_per_flop_usd),
            "orbit_usd_per_pflops_day": float(self.orbit.cost_per_flop_usd) * 1e15 * 86400,
            "ground_usd_per_pflops_day": float(self.orbit.ground_cost_per_flop_usd) * 1e15 * 86400,
            "launch_price_usd_per_kg": self.scenario.params()["launch_price_usd_per_kg"],
            "cost_ratio": self.cost_ratio,
            "breakeven_launch_usd_per_kg": self.breakeven_launch_usd_per_kg,
            "parity_year": self.parity_year,
            "year": self.year,
            "launch_price_at_year_usd_per_kg": self.launch_price_at_year_usd_per_kg,
            "ratio_at_year": self.ratio_at_year,
            "claim_deadline_year": CLAIM_DEADLINE_YEAR,
        }
        mc = self.monte_carlo
        if mc is not None:
            q = mc.quantiles("cost_ratio")
            qy = mc.quantiles("ratio_at_year")
            qp = mc.quantiles("parity_year")
            s.update(
                {
                    "mc_draws": mc.n,
                    "mc_seed": mc.seed,
                    "mc_seconds": mc.seconds,
                    "mc_unbuildable_draws": int((~mc.draws["buildable"]).sum()),
                    "cost_ratio_p10": q[0.1],
                    "cost_ratio_p50": q[0.5],
                    "cost_ratio_p90": q[0.9],
                    "ratio_at_year_p10": qy[0.1],
                    "ratio_at_year_p50": qy[0.5],
                    "ratio_at_year_p90": qy[0.9],
                    "parity_year_p10": qp[0.1],
                    "parity_year_p50": qp[0.5],
                    "parity_year_p90": qp[0.9],
                    "p_cheaper_by_end_of_year": mc.probability_cheaper_by(self.year + 1.0),
                    "p_cheaper_by_claim_deadline": mc.probability_cheaper_by(CLAIM_DEADLINE_YEAR),
                    "p_never_cheaper": float(np.mean(np.isinf(mc.draws["parity_year"].to_numpy()) & (mc.draws["parity_year"].to_numpy() > 0))),
                }
            )
        return {k: (v if not (isinstance(v, float) and math.isinf(v)) else ("inf" if v > 0 else "-inf")) for k, v in s.items()}


def compare(
    scenario: Scenario | None = None,
    design: Design | None = None,
    *,
    year: float = 2029.0,
    draws: int = 100_000,
    seed: int | None = 0,
    uncertainty: Mapping[str, Any] | None = None,
    sobol_n: int = 1024,
    tornado_output: str = "cost_per_flop_usd",
    horizon_years: int = 25,
) -> Comparison:
    """Compare orbit with the ground for ``scenario`` (default: the default scenario).

    - ``design``: a fixed design, or None for the smallest feasible design for the scenario's
      rack count (closed form), re-sized in every Monte Carlo draw;
    - ``year``: the calendar year asked about; the ratio is reported for a system bought at its
      start on the learning curve, and the probability for "by the end of ``year``";
    - ``draws``: Monte Carlo draws (0 skips Monte Carlo, Sobol and tornado), ``seed`` their seed;
    - ``uncertainty``: distributions (default: the scenario's ``[uncertainty]`` table, else
      :data:`orbitflops.compare.DEFAULT_UNCERTAINTY`);
    - ``sobol_n``: Sobol base sample size (a power of 2; 0 skips Sobol).
    """
    scenario = scenario or Scenario.default()
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
    if isinstance(year, bool) or not isinstance(year, (int, float)) or not math.isfinite(year) or not 1950 <= year <= 2200:
        raise ValueError(f"year = {year!r}: must be a calendar year in [1950, 2200]")
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 0:
        raise ValueError(f"draws = {draws!r}: must be a whole number >= 0")
    d, sized = comparison_design(scenario, design)
    ev = evaluate(d, scenario)
    breakeven = float(ev.breakeven_launch_usd_per_kg)
    parity = float(learning.year_of_price_of(scenario, breakeven))
    ref = scenario.params()["learning_ref_year"]
    years = np.arange(math.floor(ref), math.floor(ref) + horizon_years + 1, dtype=float)
    prices = learning.launch_price_of(scenario, years)
    one = {k: np.array([ev.to_dict()[k]]) for k in ("cost_per_flop_usd", "ground_cost_per_flop_usd", "launch_billed_mass_kg", "pv_flop")}
    ratios = ratio_at_price(one, prices, scenario, {})
    traj = pd.DataFrame({"year": years, "launch_usd_per_kg": prices, "cumulative_mass_kg": learning.cumulative_launched_mass_kg(years, *[scenario.params()[k] for k in ("learning_m0_kg", "learning_ref_year", "launched_mass_kg_per_yr", "launched_mass_growth_per_yr")]), "cost_ratio": ratios})
    price_y = float(learning.launch_price_of(scenario, float(year)))
    ratio_y = float(ratio_at_price(one, price_y, scenario, {})[0])
    mc = sob = tor = None
    if draws:
        mc = monte_carlo(scenario, design, draws=int(draws), seed=seed, uncertainty=uncertainty, year=float(year))
        if sobol_n:
            sob = sobol_indices(scenario, design, uncertainty=uncertainty, n_base=int(sobol_n), seed=0 if seed is None else int(seed), year=float(year))
        tor = tornado(scenario, design, uncertainty=uncertainty, output=tornado_output)
    return Comparison(
        scenario=scenario,
        design=d,
        sized=sized,
        orbit=ev,
        lines=cost_lines(ev, scenario),
        baselines=baselines(scenario, d),
        thresholds=thresholds(scenario, design),
        year=float(year),
        breakeven_launch_usd_per_kg=breakeven,
        parity_year=parity,
        launch_price_at_year_usd_per_kg=price_y,
        ratio_at_year=ratio_y,
        trajectory=traj,
        monte_carlo=mc,
        sobol=sob,
        tornado=tor,
    )
