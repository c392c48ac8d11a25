"""Orbit against the ground: the same racks in a ground data centre, launch price over calendar
years (Wright's learning curve), the year of parity, uncertainty (Monte Carlo, Sobol indices,
tornado), what would have to be true for orbit to win, and the CO2-equivalent per FLOP of each
option.

    import orbitflops as of
    from orbitflops.compare import compare
    c = compare(of.Scenario.default(), year=2029, draws=100_000)
    c.lines, c.parity_year, c.probability_cheaper_by(2030.0), c.thresholds
"""

from .comparison import CLAIM_DEADLINE_YEAR, Comparison, compare
from .ground import annuity_yr, baselines, comparison_design, cost_lines, supply_presets
from .learning import (
    cumulative_launched_mass_kg,
    launch_price_of,
    launch_price_usd_per_kg,
    wright_price_usd_per_kg,
    year_of_price,
    year_of_price_of,
)
from .montecarlo import MonteCarloResult, monte_carlo, ratio_at_price, sobol_indices, sobol_indices_of, tornado
from .thresholds import KEY_ASSUMPTIONS, thresholds
from .uncertainty import DEFAULT_UNCERTAINTY, Distribution, default_uncertainty, parse_uncertainty, sample, uncertainty_of

__all__ = [
    "CLAIM_DEADLINE_YEAR",
    "Comparison",
    "compare",
    "annuity_yr",
    "baselines",
    "comparison_design",
    "cost_lines",
    "supply_presets",
    "cumulative_launched_mass_kg",
    "launch_price_of",
    "launch_price_usd_per_kg",
    "wright_price_usd_per_kg",
    "year_of_price",
    "year_of_price_of",
    "MonteCarloResult",
    "monte_carlo",
    "ratio_at_price",
    "sobol_indices",
    "sobol_indices_of",
    "tornado",
    "KEY_ASSUMPTIONS",
    "thresholds",
    "DEFAULT_UNCERTAINTY",
    "default_uncertainty",
    "Distribution",
    "parse_uncertainty",
    "sample",
    "uncertainty_of",
]
