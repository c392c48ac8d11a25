"""Orbit against the ground: the same racks in a ground data centre; every price over calendar
years (Wright's learning curves for launch, solar arrays, satellite hardware and batteries; real
trends for the ground's electricity and facility); the year of parity; uncertainty (Monte Carlo
with correlated inputs, Sobol indices, tornado); what would have to be true for orbit to win; the
CO2-equivalent per FLOP of each option; and the seed article's claims, one row each.

    import orbitflops as of
    from orbitflops.compare import compare
    c = compare(of.Scenario.default(), year=2029, draws=100_000)
    c.lines, c.parity_year, c.probability_cheaper_by(2030.0), c.thresholds, c.claims
"""

from .claims import GROUND_PV_CAPACITY_FACTORS, claims_table, solar_yield_ratio
from .comparison import CLAIM_DEADLINE_YEAR, Comparison, compare
from .ground import ComparisonDesign, annuity_yr, baselines, comparison_design, cost_lines, supply_presets
from .learning import (
    cumulative_launched_mass_kg,
    cumulative_production,
    hardware_price_factor,
    launch_price_of,
    launch_price_usd_per_kg,
    scenario_launch_market,
    price_factors,
    price_factors_of,
    trend_factor,
    wright_factor,
    wright_price_usd_per_kg,
    year_of_price,
    year_of_price_of,
)
from .montecarlo import MonteCarloResult, monte_carlo, ratio_at_price, sobol_indices, sobol_indices_of, tornado
from .pricing import LINE_OUTPUTS, costs_in_year, parity_year, ratio_in_year
from .thresholds import KEY_ASSUMPTIONS, thresholds
from .uncertainty import (
    DEFAULT_CHOICE_DRAWS,
    DEFAULT_CORRELATIONS,
    DEFAULT_UNCERTAINTY,
    Conditional,
    Distribution,
    Uncertainty,
    default_uncertainty,
    parse_uncertainty,
    sample,
    sample_at_choices,
    uncertainty_of,
)

__all__ = [
    "CLAIM_DEADLINE_YEAR",
    "Comparison",
    "compare",
    "ComparisonDesign",
    "annuity_yr",
    "baselines",
    "comparison_design",
    "cost_lines",
    "supply_presets",
    "GROUND_PV_CAPACITY_FACTORS",
    "claims_table",
    "solar_yield_ratio",
    "cumulative_launched_mass_kg",
    "cumulative_production",
    "hardware_price_factor",
    "launch_price_of",
    "launch_price_usd_per_kg",
    "scenario_launch_market",
    "price_factors",
    "price_factors_of",
    "trend_factor",
    "wright_factor",
    "wright_price_usd_per_kg",
    "year_of_price",
    "year_of_price_of",
    "MonteCarloResult",
    "monte_carlo",
    "ratio_at_price",
    "sobol_indices",
    "sobol_indices_of",
    "tornado",
    "LINE_OUTPUTS",
    "costs_in_year",
    "parity_year",
    "ratio_in_year",
    "KEY_ASSUMPTIONS",
    "thresholds",
    "DEFAULT_CHOICE_DRAWS",
    "DEFAULT_CORRELATIONS",
    "DEFAULT_UNCERTAINTY",
    "Conditional",
    "Distribution",
    "Uncertainty",
    "default_uncertainty",
    "parse_uncertainty",
    "sample",
    "sample_at_choices",
    "uncertainty_of",
]
