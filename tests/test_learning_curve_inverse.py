"""The launch learning curve, its closed-form inverse ``year_of_price`` and the hardware and ground
price factors at the edges of their inputs: default floors, launch rates below 1 kg/yr, a
shrinking launch rate whose total never reaches the target, the growth threshold below which the
inverse switches to the linear case, inputs given as float32 arrays or as ``Decimal`` and
``Fraction`` numbers, the exact messages that name a bad input, and the quiet (warning-free)
handling of prices whose intermediate values overflow or underflow.

Every expected value is worked out in the test from the closed forms of the module docstring of
``orbitflops.compare.learning`` (Wright 1936): p(N) = p0 (N / N0) ** log2(1 - LR) and
N(y) = N0 + q0 ((1 + g) ** (y - y0) - 1) / ln(1 + g) (N0 + q0 (y - y0) when g = 0). With
LR = 0.5 the exponent is exactly -1, so the price is p0 N0 / N and the cumulative mass that gives
a price p is N* = N0 p0 / p. None is a value printed by the code under test.
"""

from __future__ import annotations

import math
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import orbitflops as of
from orbitflops.compare import learning

# LR = 0.5, p0 = 100 USD/kg at N0 = 1 kg in 2025, launches of 1 kg/yr, no growth:
# N(y) = 1 + (y - 2025), p(y) = 100 / N(y).
HALF = dict(p0_usd_per_kg=100.0, m0_kg=1.0, ref_year=2025.0, mass_per_yr_kg=1.0, growth_per_yr=0.0)


def test_default_floor_of_the_launch_price_is_zero():
    # Three years of 1 kg/yr after N0 = 1 kg: N = 4 kg, p = 1 USD/kg * 4 ** -1 = 0.25 USD/kg,
    # below 1 USD/kg. Without a floor argument nothing holds the price up.
    assert learning.wright_price_usd_per_kg(4.0, 1.0, 1.0, 0.5) == pytest.approx(0.25, rel=1e-15)
    assert learning.launch_price_usd_per_kg(2028.0, 0.5, 1.0, 1.0, 2025.0, 1.0, 0.0) == pytest.approx(0.25, rel=1e-15)


def test_year_of_price_with_a_launch_rate_below_one_kg_per_year():
    # q0 = 0.5 kg/yr: the price halves (N* = 2 N0 = 2 kg) when 1 kg more has been launched,
    # after 1 / 0.5 = 2 years; a quarter of p0 (N* = 4 kg) after 3 / 0.5 = 6 years.
    curve = dict(HALF, mass_per_yr_kg=0.5)
    assert learning.year_of_price(50.0, 0.5, **curve) == pytest.approx(2027.0, abs=1e-10)
    assert learning.year_of_price(25.0, 0.5, **curve) == pytest.approx(2031.0, abs=1e-10)
    # and the forward curve agrees: N(2027) = 1 + 0.5 * 2 = 2 kg, p = 50 USD/kg
    assert learning.launch_price_usd_per_kg(2027.0, 0.5, **curve) == pytest.approx(50.0, rel=1e-14)


def test_year_of_price_beyond_the_total_a_shrinking_launch_rate_reaches_is_never():
    # g = -0.9: ln(1 + g) = -ln 10, so at most N0 + q0 / ln 10 = 1 + 0.434 kg is ever launched.
    # p = 100 / 1.5 needs N* = 1.5 kg (x = (N* - N0) / q0 = 0.5 < 1): never reached, +inf.
    curve = dict(HALF, p0_usd_per_kg=150.0, growth_per_yr=-0.9)
    assert learning.year_of_price(100.0, 0.5, **curve) == math.inf
    # a target inside the reachable total is reached: N* = 1.2 kg solves
    # 1 + (1 - 0.1 ** dt) / ln 10 = 1.2, dt = -log10(1 - 0.2 ln 10)
    assert learning.year_of_price(125.0, 0.5, **curve) == pytest.approx(2025.0 - math.log10(1.0 - 0.2 * math.log(10.0)), abs=1e-10)


def test_year_of_price_exactly_at_the_asymptote_of_a_shrinking_launch_rate_is_never():
    # g = -0.5, q0 = ln 2 kg/yr (the same double as |ln(1 + g)|): the launches add up to exactly
    # N0 + q0 / ln 2 = 2 kg and never more, so the price p0 / 2 (N* = 2 N0) is never reached.
    ln2 = -math.log1p(-0.5)
    curve = dict(HALF, p0_usd_per_kg=1.0, mass_per_yr_kg=ln2, growth_per_yr=-0.5)
    assert learning.year_of_price(0.5, 0.5, **curve) == math.inf
    # half of the way there: 1 + (1 - 0.5 ** dt) = 1.5 at dt = 1
    assert learning.year_of_price(1.0 / 1.5, 0.5, **curve) == pytest.approx(2026.0, abs=1e-10)


def test_year_of_price_at_the_growth_threshold_is_the_exact_inverse():
    # ln(1 + g) = 1e-12 exactly for this g (the double nearest expm1(1e-12)); from this
    # threshold up the inverse is the exact closed form, dt = ln(1 + x lg) / lg with
    # x = (N* - N0) / q0. p = 100 / 1001 gives N* = 1001 kg, x = 1000 yr:
    # dt = 1000 - 1000**2 * 1e-12 / 2 + ... = 1000 - 5e-7 yr.
    g = 1.0000000000005e-12
    assert math.log1p(g) == 1e-12
    curve = dict(HALF, growth_per_yr=g)
    expected = 2025.0 + math.log1p(1000.0 * 1e-12) / 1e-12
    assert learning.year_of_price(100.0 / 1001.0, 0.5, **curve) == pytest.approx(expected, abs=1e-9)


def test_year_of_price_nan_is_refused_with_its_message():
    with pytest.raises(ValueError) as e:
        learning.year_of_price(np.array([50.0, math.nan]), 0.5, **HALF)
    assert str(e.value) == "price_usd_per_kg contains NaN"


def test_year_of_price_accepts_decimal_and_fraction_prices():
    # 25 USD/kg = p0 / 4: N* = 4 kg, three years of 1 kg/yr, 2028 whatever the number type;
    # 50 USD/kg = p0 / 2: N* = 2 kg, one year, 2026.
    assert learning.year_of_price(Decimal("25"), 0.5, **HALF) == pytest.approx(2028.0, abs=1e-10)
    assert learning.year_of_price(Fraction(50, 2), 0.5, **HALF) == pytest.approx(2028.0, abs=1e-10)
    assert learning.year_of_price([Decimal("50"), Decimal("25")], 0.5, **HALF) == pytest.approx([2026.0, 2028.0], abs=1e-10)


def f32(v: float) -> np.ndarray:
    return np.array([v], dtype=np.float32)


def test_float32_inputs_give_the_double_precision_answer():
    # The float32 inputs are read as the doubles they stand for: LR = float32(0.2) is
    # 0.20000000298023224, and two doublings give p0 (1 - LR) ** 2 in double precision.
    lr = float(np.float32(0.2))
    price = learning.wright_price_usd_per_kg(f32(4.0), f32(1.0), f32(1800.0), f32(0.2))
    assert price.dtype == np.float64
    assert price[0] == pytest.approx(1800.0 * (1.0 - lr) ** 2, rel=1e-15)
    # a trend of float32(0.1) per year over three years: (1 + 0.1f) ** 3
    t = float(np.float32(0.1))
    factor = learning.trend_factor(f32(2028.0), f32(0.1), f32(2025.0))
    assert factor.dtype == np.float64
    assert factor[0] == pytest.approx((1.0 + t) ** 3, rel=1e-14)


def test_wright_factor_accepts_a_decimal_cumulative_production():
    # N doubles in a year (q0 = N0 = 5): the factor is 1 - LR = 0.7
    assert learning.wright_factor(2026.0, 0.3, Decimal("5"), 2025.0, 5.0, 0.0) == pytest.approx(0.7, rel=1e-14)
    params = {
        "cost_ref_year": 2025.0,
        "pv_learning_rate": 0.25, "pv_cumulative_w": Decimal("1e12"), "pv_production_w_per_yr": 1e12,
        "pv_production_growth_per_yr": 0.0,
    }
    assert learning.hardware_price_factor("pv", 2027.0, params) == pytest.approx(0.75 ** math.log2(3.0), rel=1e-14)


HW = {
    "cost_ref_year": 2025.0,
    "pv_learning_rate": 0.25, "pv_cumulative_w": 1e12, "pv_production_w_per_yr": 1e12, "pv_production_growth_per_yr": 0.0,
    "satellite_learning_rate": 0.1, "satellite_cumulative_kg": 1e6, "satellite_production_kg_per_yr": 1e6, "satellite_production_growth_per_yr": 0.0,
    "battery_learning_rate": 0.5, "battery_cumulative_wh": 1e12, "battery_production_wh_per_yr": 1e12, "battery_production_growth_per_yr": 0.0,
    "electricity_price_trend_per_yr": 0.0,
    "ground_capex_trend_per_yr": 0.0,
}


@pytest.mark.parametrize(
    ("curve", "bad", "message"),
    [
        ("pv", {"pv_cumulative_w": 0.0}, "pv_cumulative_w = 0.0: must be a finite number in (0.0, inf]"),
        ("satellite", {"satellite_cumulative_kg": -1.0}, "satellite_cumulative_kg = -1.0: must be a finite number in (0.0, inf]"),
        ("battery", {"cost_ref_year": math.nan}, "cost_ref_year = nan: must be a finite number in [-inf, inf]"),
        ("pv", {"cost_ref_year": math.inf}, "cost_ref_year = inf: must be a finite number in [-inf, inf]"),
    ],
)
def test_hardware_price_factor_names_the_scenario_field_of_a_bad_input(curve, bad, message):
    with pytest.raises(ValueError) as e:
        learning.hardware_price_factor(curve, 2026.0, dict(HW, **bad))
    assert str(e.value) == message


def test_wright_factor_names_its_inputs_as_told():
    names = ("lr_name", "n0_name", "ref_name", "q_name", "g_name")
    cases = [
        ({"cumulative0": 0.0}, "n0_name = 0.0: must be a finite number in (0.0, inf]"),
        ({"ref_year": math.nan}, "ref_name = nan: must be a finite number in [-inf, inf]"),
        ({"production_per_yr": -2.0}, "q_name = -2.0: must be a finite number in [0.0, inf]"),
        ({"growth_per_yr": -1.5}, "g_name = -1.5: must be a finite number in (-1.0, inf]"),
        ({"learning_rate": 1.0}, "lr_name = 1.0: must be a finite number in [0.0, 1.0)"),
    ]
    for bad, message in cases:
        args = dict(year=2026.0, learning_rate=0.3, cumulative0=5.0, ref_year=2025.0, production_per_yr=5.0, growth_per_yr=0.0)
        args.update(bad)
        with pytest.raises(ValueError) as e:
            learning.wright_factor(names=names, **args)
        assert str(e.value) == message


def test_price_factors_of_a_scenario_apply_the_overrides():
    scenario = of.Scenario.default()
    y_ref = float(scenario.params()["cost_ref_year"])
    # no PV learning: the PV factor stays 1; an electricity trend of +10 %/yr: 1.1 ** 2 = 1.21
    f = learning.price_factors_of(scenario, y_ref + 2.0, pv_learning_rate=0.0, electricity_price_trend_per_yr=0.1)
    assert f["pv"] == 1.0
    assert f["electricity"] == pytest.approx(1.21, rel=1e-14)
    # per-draw arrays as overrides broadcast: trends 0 and -50 %/yr over two years
    g = learning.price_factors_of(scenario, y_ref + 2.0, ground_capex_trend_per_yr=np.array([0.0, -0.5]))
    np.testing.assert_allclose(g["ground_capex"], [1.0, 0.25], rtol=1e-14)


def _quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


def test_year_of_price_is_quiet_when_the_price_ratio_underflows():
    # p / p0 = 5e-324 / 100 rounds to 0 (log of it: -inf). The true N* = N0 p0 / p is 2e325 kg,
    # beyond the doubles, and no launch rate of 1 kg/yr reaches it: +inf, with no warning.
    assert _quiet(lambda: learning.year_of_price(5e-324, 0.5, **HALF)) == math.inf
    # a growing launch rate reaches it only after the range of doubles too; in any case not
    # before the year of a price a billion times higher (N* = 1e11 kg)
    curve = dict(HALF, growth_per_yr=1.0)
    ys = _quiet(lambda: learning.year_of_price(np.array([5e-324, 1e-9]), 0.5, **curve))
    assert ys[0] >= ys[1] > 2025.0


def test_year_of_price_is_quiet_when_the_cumulative_mass_overflows():
    # LR = 0.01: log2(0.99) = -0.0145, so p = p0 * 1e-10 needs N* = N0 * 1e-10 ** (1 / -0.0145)
    # = N0 * 10 ** 689, beyond the doubles: never reached at 1 kg/yr, and no warning.
    assert _quiet(lambda: learning.year_of_price(1e-8, 0.01, **HALF)) == math.inf


def test_year_of_price_is_quiet_without_learning_or_growth():
    # LR = 0 and g = 0: the price stays p0 = 100; below it never (+inf), at or above at once (-inf).
    np.testing.assert_array_equal(_quiet(lambda: learning.year_of_price(np.array([50.0, 100.0, 200.0]), 0.0, **HALF)), [math.inf, -math.inf, -math.inf])
    # no learning with a growing launch rate behaves the same
    assert _quiet(lambda: learning.year_of_price(50.0, 0.0, **dict(HALF, growth_per_yr=0.5))) == math.inf
