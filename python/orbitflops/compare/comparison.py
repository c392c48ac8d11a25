"""One call that answers "is orbit cheaper than the ground, from which year, and how sure is
that?" for a scenario, and tests the seed article's claims: :func:`compare`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._core import Design, Scenario
from ..model import Evaluation, evaluate
from . import learning, pricing
from .ground import ComparisonDesign, baselines, comparison_design, cost_lines
from .montecarlo import MonteCarloResult, monte_carlo, sobol_indices, tornado
from .thresholds import thresholds

# The seed article (published in early 2026, quoting a podcast of that winter) claims orbit is the
# cheapest place for AI compute "within 36 months": by about the start of 2029.
CLAIM_MONTHS = 36
CLAIM_FROM_YEAR = 2026.1
CLAIM_DEADLINE_YEAR = CLAIM_FROM_YEAR + CLAIM_MONTHS / 12.0

SOBOL_INDEPENDENT_NOTE = "Sobol indices assume independent inputs: they are computed from independent draws, without the correlations of the uncertainty table."


def _json(v: Any) -> Any:
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        if math.isnan(v):
            return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, dict):
        return {k: _json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json(x) for x in v]
    return v


@dataclass
class Comparison:
    """Orbit against ground for one scenario (see :func:`compare`)."""

    scenario: Scenario = field(repr=False)
    design_choice: ComparisonDesign
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
    region: str = "us_average"
    horizon_year: float = 2100.0
    _claims: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def design(self) -> Design:
        """The orbital design compared."""
        return self.design_choice.design

    @property
    def sized(self) -> bool:
        return self.design_choice.sized

    @property
    def cost_ratio(self) -> float:
        """Orbit/ground cost per FLOP at the scenario's prices."""
        return float(self.orbit.cost_ratio)

    @property
    def parity_calendar_year(self) -> float:
        """The calendar year in which orbit becomes cheaper (``inf``: not by the horizon)."""
        return learning.calendar_year(self.parity_year)

    @property
    def correlated(self) -> bool:
        """True when the Monte Carlo's inputs are correlated."""
        return self.monte_carlo is not None and self.monte_carlo.distributions.correlated

    @property
    def claims(self) -> pd.DataFrame:
        """The article's claims against this comparison (:func:`orbitflops.compare.claims.claims_table`)."""
        if self._claims is None:
            from .claims import claims_table

            self._claims = claims_table(self, self.region)
        return self._claims

    def probability_cheaper_by(self, decimal_year: float) -> float:
        """Monte Carlo probability that orbit is cheaper for a system bought by ``decimal_year``
        (NaN without a Monte Carlo)."""
        return math.nan if self.monte_carlo is None else self.monte_carlo.probability_cheaper_by(decimal_year)

    def summary(self) -> dict[str, Any]:
        """The headline figures as a flat dict (JSON-ready; infinities as strings)."""
        p = self.scenario.params()
        s: dict[str, Any] = {
            "racks": self.design.racks,
            "design_sized": self.sized,
            "design": self.design_choice.choices(),
            "orbit_cost_per_flop_usd": float(self.orbit.cost_per_flop_usd),
            "ground_cost_per_flop_usd": float(self.orbit.ground_cost_per_flop_usd),
            "orbit_usd_per_pflops_day": float(self.orbit.cost_per_flop_usd) * 1e15 * 86400,
            "ground_usd_per_pflops_day": float(self.orbit.ground_cost_per_flop_usd) * 1e15 * 86400,
            "launch_price_usd_per_kg": p["launch_price_usd_per_kg"],
            "cost_ratio": self.cost_ratio,
            "breakeven_launch_usd_per_kg": self.breakeven_launch_usd_per_kg,
            "cost_ref_year": p["cost_ref_year"],
            "parity_year": self.parity_year,
            "parity_horizon_year": self.horizon_year,
            "year": self.year,
            "launch_price_at_year_usd_per_kg": self.launch_price_at_year_usd_per_kg,
            "ratio_at_year": self.ratio_at_year,
            "ground_energy_share": float(self.orbit.ground_energy_share),
            "claim_deadline_year": CLAIM_DEADLINE_YEAR,
        }
        mc = self.monte_carlo
        if mc is not None:
            q = mc.quantiles("cost_ratio", (0.05, 0.1, 0.5, 0.9, 0.95))
            qy = mc.quantiles("ratio_at_year")
            qp = mc.quantiles("parity_year")
            par = mc.draws["parity_year"].to_numpy()
            s.update(
                {
                    "mc_draws": mc.n,
                    "mc_seed": mc.seed,
                    "mc_seconds": mc.seconds,
                    "mc_unbuildable_draws": int((~mc.draws["buildable"]).sum()),
                    "mc_racks_reduced_draws": int(mc.draws["racks_reduced"].sum()),
                    "mc_correlated": mc.distributions.correlated,
                    "mc_strategy_shares": mc.strategy_shares(),
                    "cost_ratio_p05": q[0.05],
                    "cost_ratio_p10": q[0.1],
                    "cost_ratio_p50": q[0.5],
                    "cost_ratio_p90": q[0.9],
                    "cost_ratio_p95": q[0.95],
                    "ratio_at_year_p10": qy[0.1],
                    "ratio_at_year_p50": qy[0.5],
                    "ratio_at_year_p90": qy[0.9],
                    "parity_year_p10": qp[0.1],
                    "parity_year_p50": qp[0.5],
                    "parity_year_p90": qp[0.9],
                    "p_cheaper_by_end_of_year": mc.probability_cheaper_by(self.year + 1.0),
                    "p_cheaper_by_claim_deadline": mc.probability_cheaper_by(CLAIM_DEADLINE_YEAR),
                    "p_never_cheaper": float(np.mean(np.isinf(par))),
                }
            )
            if self.sobol is not None and mc.distributions.correlated:
                s["sobol_note"] = SOBOL_INDEPENDENT_NOTE
        s["claims"] = [
            {k: r[k] for k in ("claim", "article", "model", "p10_p90", "verdict", "reason", "value", "p10", "p90")} for r in self.claims.to_dict("records")
        ]
        return _json(s)


def compare(
    scenario: Scenario | None = None,
    design: Design | None = None,
    *,
    year: float = 2029.0,
    draws: int = 100_000,
    seed: int | None = 0,
    uncertainty: Any = None,
    sobol_n: int = 1024,
    tornado_output: str | None = "cost_per_flop_usd",
    horizon_years: int = 30,
    horizon_year: float = 2100.0,
    region: str = "us_average",
) -> Comparison:
    """Compare orbit with the ground for ``scenario`` (default: the default scenario).

    - ``design``: a fixed design, or None for the best design for the scenario
      (:func:`orbitflops.compare.ground.comparison_design`), re-sized in every Monte Carlo draw;
    - ``year``: the calendar year asked about; the ratio is reported for a system bought at its
      start, every price on its curve, and the probability for "by the end of ``year``";
    - ``draws``: Monte Carlo draws (0 skips Monte Carlo, Sobol and tornado), ``seed`` their seed;
    - ``uncertainty``: distributions (default: the scenario's ``[uncertainty]`` table, else
      :func:`orbitflops.compare.default_uncertainty`);
    - ``sobol_n``: Sobol base sample size (a power of 2; 0 skips Sobol);
    - ``tornado_output``: the output of the tornado (None skips it);
    - ``horizon_years``: years of the trajectory table; ``horizon_year``: the last year searched
      for parity;
    - ``region``: the ground solar site of the article's solar claim
      (:data:`orbitflops.compare.claims.GROUND_PV_CAPACITY_FACTORS`).
    """
    from .claims import GROUND_PV_CAPACITY_FACTORS

    scenario = scenario or Scenario.default()
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
    if isinstance(year, bool) or not isinstance(year, (int, float)) or not math.isfinite(year) or not 1950 <= year <= 2200:
        raise ValueError(f"year = {year!r}: must be a calendar year in [1950, 2200]")
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 0:
        raise ValueError(f"draws = {draws!r}: must be a whole number >= 0")
    if region not in GROUND_PV_CAPACITY_FACTORS:
        raise ValueError(f"region = {region!r}: must be one of {', '.join(GROUND_PV_CAPACITY_FACTORS)}")
    p = scenario.params()
    if isinstance(horizon_year, bool) or not isinstance(horizon_year, (int, float)) or not math.isfinite(horizon_year) or not horizon_year > p["cost_ref_year"]:
        raise ValueError(f"horizon_year = {horizon_year!r}: must be a year after cost_ref_year = {p['cost_ref_year']!r}")
    cd = comparison_design(scenario, design)
    ev = evaluate(cd.design, cd.scenario)
    o = ev.to_dict()
    one = {k: np.array([o[k]]) for k in pricing.LINE_OUTPUTS}
    parity = float(pricing.parity_year(one, cd.scenario, horizon_year=horizon_year)[0])
    ref = p["cost_ref_year"]
    years = np.arange(math.floor(ref), math.floor(ref) + horizon_years + 1, dtype=float)
    costs = pricing.costs_in_year(one, years[:, None], cd.scenario)
    f = learning.price_factors_of(scenario, years)
    traj = pd.DataFrame(
        {
            "year": years,
            "launch_usd_per_kg": costs["launch_usd_per_kg"][:, 0],
            "cumulative_mass_kg": learning.cumulative_launched_mass_kg(years, *[p[k] for k in ("learning_m0_kg", "learning_ref_year", "launched_mass_kg_per_yr", "launched_mass_growth_per_yr")]),
            "solar_array_price_factor": f["pv"],
            "satellite_price_factor": f["satellite"],
            "battery_price_factor": f["battery"],
            "electricity_price_factor": f["electricity"],
            "ground_facility_price_factor": f["ground_capex"],
            "orbit_usd_per_flop": costs["orbit_usd_per_flop"][:, 0],
            "ground_usd_per_flop": costs["ground_usd_per_flop"][:, 0],
            "cost_ratio": (costs["orbit_usd_per_flop"] / costs["ground_usd_per_flop"])[:, 0],
        }
    )
    at_y = pricing.costs_in_year(one, float(year), cd.scenario)
    price_y = float(np.asarray(at_y["launch_usd_per_kg"]).ravel()[0])
    ratio_y = float((at_y["orbit_usd_per_flop"] / at_y["ground_usd_per_flop"]).ravel()[0])
    mc = sob = tor = None
    if draws:
        mc = monte_carlo(scenario, design, draws=int(draws), seed=seed, uncertainty=uncertainty, year=float(year), horizon_year=horizon_year, comparison=cd)
        if sobol_n:
            sob = sobol_indices(scenario, design, uncertainty=mc.distributions, n_base=int(sobol_n), seed=0 if seed is None else int(seed), year=float(year), comparison=cd)
        if tornado_output is not None:
            tor = tornado(scenario, design, uncertainty=mc.distributions, output=tornado_output, comparison=cd)
    return Comparison(
        scenario=scenario,
        design_choice=cd,
        orbit=ev,
        lines=cost_lines(ev, cd.scenario),
        baselines=baselines(cd.scenario, cd.design),
        thresholds=thresholds(scenario, design, comparison=cd),
        year=float(year),
        breakeven_launch_usd_per_kg=float(ev.breakeven_launch_usd_per_kg),
        parity_year=parity,
        launch_price_at_year_usd_per_kg=price_y,
        ratio_at_year=ratio_y,
        trajectory=traj,
        monte_carlo=mc,
        sobol=sob,
        tornado=tor,
        region=region,
        horizon_year=float(horizon_year),
    )
