"""The year-of-purchase cost model (orbitflops.compare.pricing: the annuity, YearModel and the
default year grid) at the edges of its inputs, against values worked out by hand.

Checked here: the annuity and the costs give the same double-precision answer whatever numeric
type the inputs come in (float32, Fraction, Decimal, one-element arrays among per-draw ones);
every curve and launch parameter out of range is refused with a message naming the field, the
value and the range; a trajectory with exactly no cumulative production is refused, naming the
first offending year; the closed form of cumulative production is used right up to the
small-growth threshold; overflowing production and unbounded cost lines are handled without a
RuntimeWarning; the year grid for a start before year 0.

Expected values are closed forms written out in each test on small numbers, most of them exact
in binary floating point: Wright's law gives exactly (1 - LR) per doubling of cumulative
production (Wright 1936); the continuous annuity is (1 - (1 + r)^-L) / ln(1 + r); the cost sums are
those of docs/model.md ("Cost"). None is a value printed by the code under test. Some of these tests
also serve scripts/mutants-python (docs/testing.md).
"""

from __future__ import annotations

import math
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import orbitflops as of
from orbitflops.compare import pricing

SCENARIO = of.Scenario.default()
REF = SCENARIO.params()["cost_ref_year"]

# Every hardware curve's production per year equals its cumulative production and does not grow:
# cumulative production doubles in the first year after cost_ref_year (factor 1 - LR), and is
# N0 (1 + dt) at dt years from it. Launch: the same, at 2000 USD/kg with LR 0.2.
COLS = {
    "pv_learning_rate": 0.25, "pv_cumulative_w": 1e12, "pv_production_w_per_yr": 1e12, "pv_production_growth_per_yr": 0.0,
    "satellite_learning_rate": 0.1, "satellite_cumulative_kg": 1e6, "satellite_production_kg_per_yr": 1e6, "satellite_production_growth_per_yr": 0.0,
    "battery_learning_rate": 0.5, "battery_cumulative_wh": 1e12, "battery_production_wh_per_yr": 1e12, "battery_production_growth_per_yr": 0.0,
    "electricity_price_trend_per_yr": -0.5, "ground_capex_trend_per_yr": 1.0,
    "integration_fraction": 0.1, "insurance_fraction": 0.05, "ops_fraction_per_yr": 0.02, "discount_rate": 0.0, "lifetime_yr": 4.0,
    "launch_price_usd_per_kg": 2000.0, "learning_rate": 0.2, "learning_ref_year": REF, "learning_m0_kg": 5e5,
    "launched_mass_kg_per_yr": 5e5, "launched_mass_growth_per_yr": 0.0, "launch_price_floor_usd_per_kg": 1.0,
}


def lines_of(**nonzero) -> dict:
    """Cost lines that are all zero but ``nonzero``; one FLOP delivered on each side unless given."""
    out = {k: 0.0 for k in pricing.LINE_OUTPUTS}
    out.update(pv_flop=1.0, ground_pv_flop=1.0)
    out.update(nonzero)
    return out


# --- annuity ------------------------------------------------------------------------------------


def test_annuity_in_float32_gives_the_double_precision_value():
    # r = 0.5 is exact in float32; (1 - 1.5^-2) / ln 1.5 = (5/9) / ln 1.5. A rate rounded to
    # float32 inside would be off by ~1e-8.
    expected = (5.0 / 9.0) / math.log(1.5)
    assert pricing.annuity(np.float32(0.5), 2.0) == pytest.approx(expected, rel=1e-14)
    assert pricing.annuity(np.array([0.5], dtype=np.float32), np.float32(2.0)) == pytest.approx([expected], rel=1e-14)


def test_annuity_accepts_exact_python_numbers_for_the_lifetime():
    # Fraction and Decimal are real numbers: the annuity is L at r = 0 and (5/9) / ln 1.5 at
    # r = 0.5, L = 2, as for floats.
    assert pricing.annuity(0.0, Fraction(7, 2)) == 3.5
    assert pricing.annuity(0.0, Decimal("3.5")) == 3.5
    assert pricing.annuity(0.5, Fraction(2)) == pytest.approx((5.0 / 9.0) / math.log(1.5), rel=1e-14)
    assert pricing.annuity(Fraction(1, 2), Decimal(2)) == pytest.approx((5.0 / 9.0) / math.log(1.5), rel=1e-14)


# --- YearModel: inputs in any numeric type ------------------------------------------------------


def test_float32_cost_lines_give_the_double_precision_costs():
    # 2^24 + 1 is not a float32: summed in float32 the ground's racks and refresh would lose the 1.
    lines = {k: np.float32(v) for k, v in lines_of(ground_racks_usd=2.0**24, ground_refresh_pv_usd=1.0).items()}
    c = pricing.costs_in_year(lines, REF, SCENARIO, COLS)
    assert c["ground_usd"] == 2.0**24 + 1.0
    assert c["ground_usd_per_flop"] == 2.0**24 + 1.0


def test_float32_rate_parameters_give_the_double_precision_costs():
    # Racks only (no curve moves them), integration 2^-30, no insurance, no ops:
    # orbit = 2^30 (1 + 2^-30) = 2^30 + 1; 1 + 2^-30 rounded to float32 would be 1.
    cols = dict(COLS, integration_fraction=np.float32(2.0**-30), insurance_fraction=np.float32(0.0), ops_fraction_per_yr=np.float32(0.0))
    c = pricing.costs_in_year(lines_of(cost_racks_usd=2.0**30), REF, SCENARIO, cols)
    assert c["orbit_usd"] == pytest.approx(2.0**30 + 1.0, rel=1e-15, abs=0)
    assert c["orbit_usd"] != 2.0**30


def test_a_line_given_once_for_all_draws_stays_whole_when_draws_are_picked():
    # Two draws: the racks' line given once (shape (1,)), the array's per draw.
    # Draw 1 one year after cost_ref_year: pv factor 0.75, so hardware = 1e6 + 0.75 * 4e5 = 1.3e6
    # (1.4e6 at cost_ref_year); A = 4 (no discounting), ops = 0.02 (hw - hw_ref) A = -8000:
    # orbit = 1.3e6 * 1.1 * 1.05 - 8000 = 1 493 500 USD.
    lines = lines_of(cost_racks_usd=np.array([1e6]), cost_array_usd=np.array([2e5, 4e5]), pv_flop=np.array([1.0, 1.0]))
    model = pricing.YearModel(lines, SCENARIO, COLS)
    sub = model.take(np.array([1]))
    assert sub.costs(REF + 1.0)["orbit_usd"] == pytest.approx([1_493_500.0], rel=1e-13)
    assert sub.costs(REF)["orbit_usd"] == pytest.approx([1.4e6 * 1.1 * 1.05], rel=1e-13)


# --- YearModel: refusals ------------------------------------------------------------------------


@pytest.mark.parametrize("curve", ["pv", "satellite", "battery"])
def test_a_negative_hardware_learning_rate_is_refused_naming_field_value_and_range(curve):
    with pytest.raises(ValueError, match=rf"^{curve}_learning_rate = -0\.1: must be a finite number in \[0\.0, 1\.0\)$"):
        pricing.costs_in_year(lines_of(), REF, SCENARIO, dict(COLS, **{f"{curve}_learning_rate": -0.1}))


def test_a_negative_launch_price_floor_is_refused_naming_field_value_and_range():
    with pytest.raises(ValueError, match=r"^launch_price_floor_usd_per_kg = -0\.5: must be a finite number in \[0\.0, inf\]$"):
        pricing.costs_in_year(lines_of(), REF, SCENARIO, dict(COLS, launch_price_floor_usd_per_kg=-0.5))
    with pytest.raises(ValueError, match=r"^learning_rate = 1\.0: must be a finite number in \[0\.0, 1\.0\)$"):
        pricing.costs_in_year(lines_of(), REF, SCENARIO, dict(COLS, learning_rate=1.0))
    # the closed end of the floor's range: no floor, the price is the scenario's own at cost_ref_year
    c = pricing.costs_in_year(lines_of(), REF, SCENARIO, dict(COLS, launch_price_floor_usd_per_kg=0.0))
    assert c["launch_usd_per_kg"] == pytest.approx(2000.0, rel=1e-15)


def test_exactly_no_cumulative_production_is_refused():
    # pv production half its cumulative production, no growth: N(dt) / N0 = 1 + dt / 2, exactly
    # 0 two years before cost_ref_year.
    cols = dict(COLS, pv_production_w_per_yr=5e11)
    with pytest.raises(ValueError, match=rf"^year = {REF - 2.0!r}: the pv_production_w_per_yr trajectory has no positive cumulative production that early"):
        pricing.costs_in_year(lines_of(), REF - 2.0, SCENARIO, cols)


def test_the_first_year_without_production_is_named():
    # Years REF - 1 (N / N0 = 0.5, fine) and REF - 3 (N / N0 = -0.5): the second is named.
    cols = dict(COLS, pv_production_w_per_yr=5e11)
    with pytest.raises(ValueError, match=rf"^year = {REF - 3.0!r}: the pv_production_w_per_yr trajectory"):
        pricing.costs_in_year(lines_of(), np.array([REF - 1.0, REF - 3.0]), SCENARIO, cols)
    # the same for one year and two draws
    two = lines_of(cost_array_usd=np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match=rf"^year = {REF - 3.0!r}: the pv_production_w_per_yr trajectory"):
        pricing.costs_in_year(two, REF - 3.0, SCENARIO, cols)


# --- YearModel: the cumulative production's closed form ------------------------------------------


def test_cumulative_production_at_the_small_growth_threshold_is_the_closed_form():
    # ln(1 + g) is exactly 1e-12 (the smallest growth treated by the closed form, not as no
    # growth). Over dt = 1e4 - REF years, N / N0 = 1 + (q0 / N0) (exp(lg dt) - 1) / lg with
    # q0 = N0: the linear form 1 + dt would be off by lg dt / 2 ~ 4e-9.
    g = 1.0000000000005e-12
    lg = math.log1p(g)
    assert lg == 1e-12
    dt = 1e4 - REF
    n_ratio = 1.0 + math.expm1(lg * dt) / lg
    expected = n_ratio ** math.log2(1.0 - 0.25)
    f = pricing.YearModel(lines_of(), SCENARIO, dict(COLS, pv_production_growth_per_yr=g, ground_capex_trend_per_yr=0.0)).factors(1e4)
    assert f["pv"] == pytest.approx(expected, rel=1e-13)


def test_draws_with_and_without_production_growth_in_one_model():
    # Draw 0: no growth, q0 = N0; draw 1: 100 %/yr growth, q0 = N0 ln 2, so that
    # N(1) = N0 + N0 ln 2 (2 - 1) / ln 2 = 2 N0 as well: both pv factors are 1 - LR = 0.75 after
    # one year, and 1 + 3 = 4 N0 (no growth) or 1 + (2^3 - 1) = 8 N0 (growth) after three years.
    cols = dict(COLS, pv_production_w_per_yr=np.array([1e12, 1e12 * math.log(2.0)]), pv_production_growth_per_yr=np.array([0.0, 1.0]))
    model = pricing.YearModel(lines_of(cost_array_usd=np.array([1.0, 1.0])), SCENARIO, cols)
    np.testing.assert_allclose(model.factors(REF + 1.0)["pv"], [0.75, 0.75], rtol=1e-14)
    np.testing.assert_allclose(model.factors(REF + 3.0)["pv"], [0.75**2, 0.75**3], rtol=1e-14)


def test_overflowing_cumulative_production_is_quiet_and_prices_near_nothing():
    # 1000 %/yr for 300 years: ln(11) * 300 = 719 > 709.8, exp overflows. The true factor is
    # (1 + (11^300 - 1) / ln 11)^log2(0.75) ~ 10^-129.5, so any value in [0, 1e-120] is right.
    lines = lines_of(cost_array_usd=1e5, cost_racks_usd=1e6)
    cols = dict(COLS, pv_production_growth_per_yr=10.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = pricing.YearModel(lines, SCENARIO, cols)
        f = model.factors(REF + 300.0)
        c = model.costs(REF + 300.0)
    assert 0.0 <= f["pv"] <= 1e-120
    # orbit: the racks plus an array now worth nothing (no other line, no launch mass); ops
    # 0.02 (hw - hw_ref) A with A = 4: orbit = 1e6 * 1.1 * 1.05 - 0.02 * 1e5 * 4 = 1 155 000 - 8000.
    assert c["orbit_usd"] == pytest.approx(1_147_000.0, rel=1e-12)


def test_no_learning_keeps_the_price_whatever_the_production():
    # log2(1 - 0) = 0: the price never moves, (N / N0)^0 = 1 however large N
    # (learning.price_factors gives 1 here).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = pricing.YearModel(lines_of(), SCENARIO, dict(COLS, pv_learning_rate=0.0, pv_production_growth_per_yr=10.0)).factors(REF + 300.0)
        # the launch curve alike: no learning keeps the scenario's 2000 USD/kg
        launch = pricing.YearModel(lines_of(), SCENARIO, dict(COLS, learning_rate=0.0, launched_mass_growth_per_yr=10.0)).factors(REF + 300.0)
    assert f["pv"] == 1.0
    assert launch["launch_usd_per_kg"] == 2000.0


def test_no_production_keeps_the_cumulative_production_whatever_its_growth():
    # q0 = 0: N = N0 at every year, the factor is 1 whatever the growth rate of nothing.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = pricing.YearModel(lines_of(), SCENARIO, dict(COLS, pv_production_w_per_yr=0.0, pv_production_growth_per_yr=10.0)).factors(REF + 300.0)
    assert f["pv"] == 1.0


# --- YearModel.costs: cost per FLOP ---------------------------------------------------------------


def test_orbit_cost_per_flop_below_one_flop():
    # racks only: orbit = 1e6 * 1.1 * 1.05 = 1 155 000 USD over half a FLOP: 2 310 000 USD/FLOP.
    c = pricing.costs_in_year(lines_of(cost_racks_usd=1e6, pv_flop=0.5), REF, SCENARIO, COLS)
    assert c["orbit_usd_per_flop"] == pytest.approx(2_310_000.0, rel=1e-14)


def test_unbounded_orbit_cost_and_flop_give_an_undefined_cost_per_flop_quietly():
    # inf USD over inf FLOP has no value (IEEE: NaN); the costs are returned without a warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = pricing.costs_in_year(lines_of(nre_usd=math.inf, pv_flop=math.inf, ground_racks_usd=3.0), REF, SCENARIO, COLS)
    assert c["orbit_usd"] == math.inf
    assert math.isnan(c["orbit_usd_per_flop"])
    assert c["ground_usd"] == 3.0 and c["ground_usd_per_flop"] == 3.0


# --- default_year_grid ----------------------------------------------------------------------------


def test_default_year_grid_before_year_zero():
    # start -100, horizon 0: yearly -100..-86, every 2.5 years -85..-72.5, every 5 years -70..-5,
    # and the horizon.
    expected = [-100.0 + k for k in range(15)] + [-85.0, -82.5, -80.0, -77.5, -75.0, -72.5] + [-70.0 + 5.0 * k for k in range(14)] + [0.0]
    np.testing.assert_array_equal(pricing.default_year_grid(-100.0, 0.0), expected)


def test_default_year_grid_keeps_the_thirty_year_point_just_before_the_horizon():
    # start -14.5 (exact); start + 30 = 15.5 lies one rounding step below the horizon, so the grid
    # has it (every 5 years from 30 years on) and then the horizon.
    horizon = float(np.nextafter(15.5, math.inf))
    expected = [-14.5 + k for k in range(15)] + [0.5, 3.0, 5.5, 8.0, 10.5, 13.0] + [15.5, horizon]
    np.testing.assert_array_equal(pricing.default_year_grid(-14.5, horizon), expected)
