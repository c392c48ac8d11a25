"""Cumulative production at the edges of its domain and the launch curve a scenario pays along.

Checks `orbitflops.compare.learning.cumulative_production` (the trajectory
N(y) = N0 + q0 ((1 + g) ** (y - y0) - 1) / ln(1 + g) of docs/model.md and the module docstring)
where the existing oracles did not reach: the growth rate at which the closed form hands over to
the linear case, cumulative production below one unit, parameters that are arrays while the year
is a scalar, the year named when the trajectory runs back to nothing, and quietness (no NumPy
RuntimeWarning) when the trajectory overflows a double. And `scenario_launch_market`: a scenario's
own launch price below 1 USD/kg, double-precision results for int and float32 overrides, and no
warning of any kind on the default scenario.

Expected values are worked out by hand in the comments: Taylor series of expm1(L dt) / L,
sums of small numbers, Wright's law giving exactly (1 - LR) per doubling of cumulative mass
(Wright 1936), and the messages the functions are written to give. None is a number printed by
the code under test.
"""

from __future__ import annotations

import warnings

import numpy as np
import orbitflops as of
import pytest
from orbitflops.compare import learning

SCENARIO = of.Scenario.default()

# The float growth rates whose log1p is exactly +1e-12 and -1e-12 (|ln(1 + g)| = 1e-12 is where
# the trajectory stops dividing by ln(1 + g)): 1e-12 + 1e-24/2 + ... and -1e-12 + 1e-24/2 - ...
G_AT_PLUS_THRESHOLD = 1.0000000000005e-12
G_AT_MINUS_THRESHOLD = -9.999999999995e-13


def test_growth_whose_log_is_exactly_the_threshold_follows_the_closed_form():
    # The constants above sit exactly on the threshold.
    assert np.log1p(G_AT_PLUS_THRESHOLD) == 1e-12 and np.log1p(G_AT_MINUS_THRESHOLD) == -1e-12
    # With L = ln(1 + g) and dt = 1e4 years: (e^(L dt) - 1) / L = dt (1 + L dt / 2 + (L dt)^2 / 6 + ...)
    # L dt = +-1e-8, so the production is 1e4 (1 +- 5e-9 + 1.7e-17) = 1e4 +- 5e-5 (the next term is
    # 1.7e-13, below the tolerance). N0 = 1, q0 = 1 from year 0 to year 1e4.
    assert learning.cumulative_production(1e4, 1.0, 0.0, 1.0, G_AT_PLUS_THRESHOLD) == pytest.approx(1.0 + 1e4 + 5e-5, rel=1e-12)
    assert learning.cumulative_production(1e4, 1.0, 0.0, 1.0, G_AT_MINUS_THRESHOLD) == pytest.approx(1.0 + 1e4 - 5e-5, rel=1e-12)


def test_cumulative_production_below_one_unit_is_returned():
    # N0 = 0.5 at 2025, q0 = 0.1 per year, no growth: 0.5 at 2025, 0.5 + 5 * 0.1 = 1.0 at 2030,
    # 0.5 - 4 * 0.1 = 0.1 at 2021 (units are the caller's: TW of panels, say).
    out = learning.cumulative_production(np.array([2025.0, 2030.0, 2021.0]), 0.5, 2025.0, 0.1, 0.0)
    assert out == pytest.approx([0.5, 1.0, 0.1], rel=1e-12)
    assert learning.cumulative_production(2040.0, 0.25, 2025.0, 0.0, 0.3) == pytest.approx(0.25, rel=1e-15)


def test_scalar_year_with_array_parameters_names_the_year_that_runs_back_to_nothing():
    # year 2000, reference 2030, N0 = 1: production 0.01/yr leaves 1 - 0.3 = 0.7; 1/yr leaves 1 - 30 < 0
    with pytest.raises(ValueError, match=r"^year = 2000\.0: the production_per_yr trajectory has no positive cumulative production that early \(before the reference year\)$"):
        learning.cumulative_production(2000.0, 1.0, 2030.0, np.array([0.01, 1.0]), 0.0)
    with pytest.raises(ValueError, match=r"^year = 2000\.0: the launched_mass_kg_per_yr trajectory"):
        learning.cumulative_launched_mass_kg(2000.0, np.array([1.0, 1.0]), 2030.0, np.array([0.01, 1.0]), 0.0)


def test_the_first_year_with_nothing_is_named_not_the_first_year_with_little():
    # N0 = 1 at 2030, q0 = 1/yr, no growth: N = 1 at 2030 (little but positive), 1 - 30 = -29 at 2000
    with pytest.raises(ValueError, match=r"^year = 2000\.0: the production_per_yr trajectory"):
        learning.cumulative_production(np.array([2030.0, 2000.0]), 1.0, 2030.0, 1.0, 0.0)
    # N = 0.5 at 2029.5, 1.5 at 2030.5, -1 at 2028: the negative one is named
    with pytest.raises(ValueError, match=r"^year = 2028\.0: the production_per_yr trajectory"):
        learning.cumulative_production(np.array([2029.5, 2030.5, 2028.0]), 1.0, 2030.0, 1.0, 0.0)


def test_a_trajectory_beyond_double_range_is_infinite_and_quiet():
    # Production doubling every year for 1e4 years: 2^1e4 / ln 2 exceeds the largest double
    # (about 2^1024), so the cumulative production is +inf, without a RuntimeWarning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert learning.cumulative_production(1e4, 1.0, 0.0, 1.0, 1.0) == np.inf
        assert learning.cumulative_production(np.array([2026.0, 3100.0]), 1.0, 2025.0, 1.0, 1.0)[1] == np.inf
        # 1e4 years before: the production shrinks back to q0 / ln 2 ever made before the
        # reference year, N = 1e6 - 1 / ln 2 (no overflow, and quiet)
        assert learning.cumulative_production(-1e4, 1e6, 0.0, 1.0, 1.0) == pytest.approx(1e6 - 1.0 / np.log(2.0), rel=1e-15)


def test_zero_production_stays_at_the_reference_cumulative_whatever_the_growth():
    # N = N0 + 0 * (...) = N0 = 1 for every year, after the reference year as before it, even
    # where the growth factor (1 + g)^dt overflows a double (101^175 here, 2^1e4 below); and
    # NumPy must not warn about the 0 * inf it avoids
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert learning.cumulative_production(2200.0, 1.0, 2025.0, 0.0, 100.0) == 1.0
        assert learning.cumulative_production(1e4, 1.0, 0.0, 0.0, 1.0) == 1.0
        # a shrinking rate run far back: the factor is -inf, the production still zero
        assert learning.cumulative_production(-9000.0, 1.0, 2025.0, 0.0, -0.99) == 1.0


def test_a_launch_price_below_one_dollar_per_kg_learns_from_itself():
    y = SCENARIO.params()["cost_ref_year"]
    # 0.5 USD/kg in the cost reference year, no floor; m0 = 1000 kg launched by then and 100 kg/yr
    # with no growth: the cumulative mass doubles in 10 years and again in 20 more, so the price is
    # 0.5 * 0.8 = 0.4 and 0.5 * 0.64 = 0.32 USD/kg (LR = 0.2).
    ov = {"launch_price_usd_per_kg": 0.5, "launch_price_floor_usd_per_kg": 0.0, "learning_rate": 0.2, "learning_ref_year": y,
              "learning_m0_kg": 1000.0, "launched_mass_kg_per_yr": 100.0, "launched_mass_growth_per_yr": 0.0}
    assert learning.launch_price_of(SCENARIO, y, **ov) == pytest.approx(0.5, rel=1e-14)
    assert learning.launch_price_of(SCENARIO, y + 10.0, **ov) == pytest.approx(0.4, rel=1e-13)
    assert learning.launch_price_of(SCENARIO, y + 30.0, **ov) == pytest.approx(0.32, rel=1e-13)
    assert learning.year_of_price_of(SCENARIO, 0.4, **ov) == pytest.approx(y + 10.0, abs=1e-9)
    # the curve's starting price is the scenario's own 0.5 USD/kg, exactly (any price in (0, 1])
    for p_s in (1.0, 0.5, 1e-3):
        assert learning.scenario_launch_market(SCENARIO, **dict(ov, launch_price_usd_per_kg=p_s))[1] == p_s


def test_launch_market_is_double_precision_for_int_and_float32_overrides():
    p = SCENARIO.params()
    # whole-number values, exactly representable in float32 as well
    whole = {"learning_rate": 0, "learning_m0_kg": 400000, "learning_ref_year": 2025, "launched_mass_kg_per_yr": 2000000,
                 "launched_mass_growth_per_yr": 0, "launch_price_floor_usd_per_kg": 8, "cost_ref_year": int(p["cost_ref_year"]),
                 "launch_price_usd_per_kg": 1800}
    ref = learning.scenario_launch_market(SCENARIO, **{k: float(v) for k, v in whole.items()})
    for ov in (whole, {k: np.float32(v) for k, v in whole.items()}, {k: [v, v] for k, v in whole.items()}):
        out = learning.scenario_launch_market(SCENARIO, **ov)
        assert len(out) == 7
        for a, b in zip(out, ref):
            assert np.asarray(a).dtype == np.float64
            assert np.all(a == b)
    # a float32 learning rate is returned as the double it stands for
    lr = learning.scenario_launch_market(SCENARIO, learning_rate=np.float32(0.2))[0]
    assert lr.dtype == np.float64 and lr == float(np.float32(0.2))


def test_launch_market_of_the_default_scenario_is_quiet():
    # No warning of any kind (RuntimeWarning, DeprecationWarning) for a scenario's own values,
    # nor for a free launch.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = learning.scenario_launch_market(SCENARIO)
        assert out[1] == SCENARIO.params()["launch_price_usd_per_kg"]
        free = learning.scenario_launch_market(SCENARIO, launch_price_usd_per_kg=0.0)
        # a free launch starts the curve at the smallest normal double, with floor 0
        assert free[1] == 2.0 ** -1022 and free[6] == 0.0
