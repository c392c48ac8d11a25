"""The learning curves, the year-of-purchase pricing with its parity-year root finder, the Pareto
hypervolume and the certificate's bracketing rule against values worked out by hand.

Every expected value below is a closed form written out in the test: Wright's law gives exactly
(1 - LR) per doubling of cumulative production (Wright 1936), so the parameters are chosen to
make production double in whole years; the annuity, the cost sums of docs/model.md ("Cost") and
the parabola bounds of the certificate are evaluated by hand on small numbers. None is a value
printed by the code under test. These tests also serve scripts/mutants-python (docs/testing.md).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import orbitflops as of
from orbitflops.compare import learning, pricing
from orbitflops.optimize import exact, pareto

LN2 = math.log(2.0)


# --- learning.py: cumulative production -------------------------------------------------------


def test_cumulative_production_linear_and_exponential_by_hand():
    # no growth: N = N0 + q0 dt, forwards and backwards
    assert learning.cumulative_production(2028.0, 100.0, 2025.0, 10.0, 0.0) == pytest.approx(130.0, rel=1e-15)
    assert learning.cumulative_production(2024.0, 100.0, 2025.0, 10.0, 0.0) == pytest.approx(90.0, rel=1e-15)
    # production doubling every year (g = 1): N = N0 + q0 (2^dt - 1) / ln 2
    assert learning.cumulative_production(2026.0, 100.0, 2025.0, 10.0, 1.0) == pytest.approx(100.0 + 10.0 / LN2, rel=1e-14)
    assert learning.cumulative_production(2028.0, 100.0, 2025.0, 10.0, 1.0) == pytest.approx(100.0 + 70.0 / LN2, rel=1e-14)
    # halving every year (g = -0.5): N = N0 + q0 (0.5^dt - 1) / ln 0.5
    assert learning.cumulative_production(2027.0, 100.0, 2025.0, 10.0, -0.5) == pytest.approx(100.0 + 10.0 * 0.75 / LN2, rel=1e-14)
    # a growth rate too small to divide by is the linear case
    assert learning.cumulative_production(2035.0, 100.0, 2025.0, 10.0, 1e-13) == pytest.approx(200.0, rel=1e-9)
    # the launched mass is the same trajectory under its parameters' names
    assert learning.cumulative_launched_mass_kg(2027.0, 4e5, 2025.0, 2e5, 0.0) == pytest.approx(8e5, rel=1e-15)


def test_cumulative_production_before_any_production_names_year_and_rate():
    with pytest.raises(ValueError, match=r"^year = 2015\.0: the production_per_yr trajectory has no positive cumulative production"):
        learning.cumulative_production(2015.0, 100.0, 2025.0, 10.0, 0.0)
    # the first offending year of an array is named, not the first year
    with pytest.raises(ValueError, match=r"^year = 2010\.0: the launched_mass_kg_per_yr trajectory"):
        learning.cumulative_launched_mass_kg(np.array([2030.0, 2025.0, 2010.0, 2000.0]), 100.0, 2025.0, 10.0, 0.0)
    # exactly nothing (2015) is no production either, half a year later there is
    assert learning.cumulative_production(2015.5, 100.0, 2025.0, 10.0, 0.0) == pytest.approx(5.0, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 10000.5}, r"^year = 10000\.5: must be a finite number in \[-10000\.0, 10000\.0\]$"),
        ({"year": -10000.5}, r"^year = -10000\.5: must be a finite number in \[-10000\.0, 10000\.0\]$"),
        ({"year": math.nan}, r"^year = nan: must be a finite number in \[-10000\.0, 10000\.0\]$"),
        ({"cumulative0": 0.0}, r"^cumulative0 = 0\.0: must be a finite number in \(0\.0, inf\]$"),
        ({"ref_year": math.inf}, r"^ref_year = inf: must be a finite number in \[-inf, inf\]$"),
        ({"production_per_yr": -1.0}, r"^production_per_yr = -1\.0: must be a finite number in \[0\.0, inf\]$"),
        ({"growth_per_yr": -1.0}, r"^growth_per_yr = -1\.0: must be a finite number in \(-1\.0, inf\]$"),
    ],
)
def test_cumulative_production_bad_input_names_field_value_and_range(kwargs, message):
    args = {"year": 2030.0, "cumulative0": 100.0, "ref_year": 2025.0, "production_per_yr": 10.0, "growth_per_yr": 0.1, **kwargs}
    with pytest.raises(ValueError, match=message):
        learning.cumulative_production(**args)


def test_cumulative_production_accepts_the_ends_of_its_ranges():
    # year at +-1e4 (closed), no production (q0 = 0, closed), growth just above -1 (open)
    assert learning.cumulative_production(1e4, 100.0, 1e4, 10.0, 0.0) == pytest.approx(100.0)
    assert learning.cumulative_production(-1e4, 100.0, -1e4, 10.0, 0.0) == pytest.approx(100.0)
    assert learning.cumulative_production(2030.0, 100.0, 2025.0, 0.0, 0.0) == pytest.approx(100.0)
    assert learning.cumulative_production(2026.0, 100.0, 2025.0, 10.0, -0.999) == pytest.approx(100.0 + 10.0 * 0.999 / -math.log(0.001), rel=1e-12)


# --- learning.py: Wright's law and its inverse -------------------------------------------------


def test_wright_price_per_doubling_and_its_bounds():
    # (1 - LR) per doubling; no learning: the price stays
    assert learning.wright_price_usd_per_kg(3.2e6, 4e5, 1000.0, 0.5) == pytest.approx(125.0, rel=1e-14)
    assert learning.wright_price_usd_per_kg(3.2e6, 4e5, 1000.0, 0.0) == pytest.approx(1000.0, rel=1e-15)
    # below the reference mass the price is higher
    assert learning.wright_price_usd_per_kg(1e5, 4e5, 1000.0, 0.5) == pytest.approx(4000.0, rel=1e-14)
    # the floor binds only below it
    assert learning.wright_price_usd_per_kg(3.2e6, 4e5, 1000.0, 0.5, 100.0) == pytest.approx(125.0, rel=1e-14)
    assert learning.wright_price_usd_per_kg(3.2e6, 4e5, 1000.0, 0.5, 200.0) == 200.0
    for kw, msg in [
        ({"cumulative_mass_kg": 0.0}, r"^cumulative_mass_kg = 0\.0: must be a finite number in \(0\.0, inf\]$"),
        ({"m0_kg": 0.0}, r"^learning_m0_kg = 0\.0: must be a finite number in \(0\.0, inf\]$"),
        ({"p0_usd_per_kg": 0.0}, r"^learning_p0_usd_per_kg = 0\.0: must be a finite number in \(0\.0, inf\]$"),
        ({"learning_rate": 1.0}, r"^learning_rate = 1\.0: must be a finite number in \[0\.0, 1\.0\)$"),
        ({"learning_rate": -0.1}, r"^learning_rate = -0\.1: must be a finite number in \[0\.0, 1\.0\)$"),
        ({"floor_usd_per_kg": -1.0}, r"^launch_price_floor_usd_per_kg = -1\.0: must be a finite number in \[0\.0, inf\]$"),
    ]:
        args = {"cumulative_mass_kg": 8e5, "m0_kg": 4e5, "p0_usd_per_kg": 1000.0, "learning_rate": 0.2, "floor_usd_per_kg": 0.0, **kw}
        with pytest.raises(ValueError, match=msg):
            learning.wright_price_usd_per_kg(**args)


# Launch rate equal to the reference mass each year, no growth: cumulative mass doubles after one
# year, quadruples after three. Launch rate m0 ln 2 growing 100 %/yr: it doubles after one year.
FLAT = dict(p0_usd_per_kg=1000.0, m0_kg=4e5, ref_year=2025.0, mass_per_yr_kg=4e5, growth_per_yr=0.0)
GROWING = dict(p0_usd_per_kg=1000.0, m0_kg=4e5, ref_year=2025.0, mass_per_yr_kg=4e5 * LN2, growth_per_yr=1.0)


def test_launch_price_and_year_of_price_at_whole_doublings():
    for curve in (FLAT, GROWING):
        assert learning.launch_price_usd_per_kg(2026.0, 0.2, **curve) == pytest.approx(800.0, rel=1e-13)
        assert learning.year_of_price(800.0, 0.2, **curve) == pytest.approx(2026.0, abs=1e-10)
    assert learning.launch_price_usd_per_kg(2028.0, 0.2, **FLAT) == pytest.approx(640.0, rel=1e-13)
    assert learning.year_of_price(640.0, 0.2, **FLAT) == pytest.approx(2028.0, abs=1e-10)
    # a price above p0: the curve run backwards (half the mass, 1.25 x the price, half a year earlier)
    assert learning.year_of_price(1250.0, 0.2, **FLAT) == pytest.approx(2024.5, abs=1e-10)
    # growing launches: 1/1000 of the mass is reached log2(0.001) years before the reference
    p_milli = 1000.0 * 0.8 ** math.log2(1e-3)
    assert learning.year_of_price(p_milli, 0.2, **GROWING) == pytest.approx(2025.0 + math.log2(1e-3), abs=1e-9)
    # vectorised over prices
    np.testing.assert_allclose(learning.year_of_price(np.array([800.0, 640.0]), 0.2, **FLAT), [2026.0, 2028.0], atol=1e-10)


def test_year_of_price_with_shrinking_launches_by_hand():
    # g = -0.5: at most N0 + q0 / ln 2 = 2.44 N0 is ever launched. Doubling needs
    # 0.5^dt = 1 - ln 2, so dt = ln(1 - ln 2) / ln 0.5; quadrupling is never reached.
    curve = dict(FLAT, growth_per_yr=-0.5)
    assert learning.year_of_price(800.0, 0.2, **curve) == pytest.approx(2025.0 + math.log(1.0 - LN2) / math.log(0.5), abs=1e-10)
    assert learning.year_of_price(640.0, 0.2, **curve) == math.inf


def test_year_of_price_edge_cases_by_the_docstring():
    # a price so high that the trajectory started after it: -inf (launches halving each year
    # backwards from q0 = m0 ln 2 / 2 cover only half of m0 before the reference year)
    slow = dict(GROWING, mass_per_yr_kg=4e5 * LN2 / 2.0)
    assert learning.year_of_price(1000.0 * 0.8 ** math.log2(1e-3), 0.2, **slow) == -math.inf
    # no launches after the reference: reached already (-inf) or never (+inf)
    none = dict(FLAT, mass_per_yr_kg=0.0)
    assert learning.year_of_price(1250.0, 0.2, **none) == -math.inf
    assert learning.year_of_price(1000.0, 0.2, **none) == -math.inf
    assert learning.year_of_price(800.0, 0.2, **none) == math.inf
    # no learning: p0 and above at once, below it never; the floor counts when it is higher
    assert learning.year_of_price(1000.0, 0.0, **FLAT) == -math.inf
    assert learning.year_of_price(999.0, 0.0, **FLAT) == math.inf
    assert learning.year_of_price(1100.0, 0.0, floor_usd_per_kg=1200.0, **FLAT) == math.inf
    assert learning.year_of_price(1200.0, 0.0, floor_usd_per_kg=1200.0, **FLAT) == -math.inf
    # below the floor, zero or negative: never; at the floor: when the curve gets there
    assert learning.year_of_price(799.0, 0.2, floor_usd_per_kg=800.0, **FLAT) == math.inf
    assert learning.year_of_price(800.0, 0.2, floor_usd_per_kg=800.0, **FLAT) == pytest.approx(2026.0, abs=1e-10)
    assert learning.year_of_price(0.0, 0.2, **FLAT) == math.inf
    assert learning.year_of_price(-5.0, 0.2, **FLAT) == math.inf
    with pytest.raises(ValueError, match="price_usd_per_kg contains NaN"):
        learning.year_of_price(math.nan, 0.2, **FLAT)
    for kw, msg in [
        ({"p0_usd_per_kg": 0.0}, r"^learning_p0_usd_per_kg = 0\.0: must be a finite number in \(0\.0, inf\]$"),
        ({"m0_kg": 0.0}, r"^learning_m0_kg = 0\.0: must be a finite number in \(0\.0, inf\]$"),
        ({"ref_year": math.inf}, r"^learning_ref_year = inf"),
        ({"mass_per_yr_kg": -1.0}, r"^launched_mass_kg_per_yr = -1\.0: must be a finite number in \[0\.0, inf\]$"),
        ({"growth_per_yr": -1.0}, r"^launched_mass_growth_per_yr = -1\.0: must be a finite number in \(-1\.0, inf\]$"),
    ]:
        with pytest.raises(ValueError, match=msg):
            learning.year_of_price(800.0, 0.2, **dict(FLAT, **kw))
    with pytest.raises(ValueError, match=r"^learning_rate = 1\.0: must be a finite number in \[0\.0, 1\.0\)$"):
        learning.year_of_price(800.0, 1.0, **FLAT)
    with pytest.raises(ValueError, match=r"^launch_price_floor_usd_per_kg = -1\.0"):
        learning.year_of_price(800.0, 0.2, floor_usd_per_kg=-1.0, **FLAT)


def test_year_of_price_never_reached_without_learning_quietly():
    # no learning (LR = 0) and flat launches: a price below p0 is never reached (+inf) and one at
    # p0 always was (-inf); the unreachable cumulative mass (inf) times a zero growth rate in the
    # discarded branch must not make NumPy warn
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert learning.year_of_price(1000.0, 0.0, 2000.0, 5e5, 2025.0, 5e5, 0.0) == math.inf
        assert learning.year_of_price(2000.0, 0.0, 2000.0, 5e5, 2025.0, 5e5, 0.0) == -math.inf


def test_year_of_price_with_a_tiny_growth_rate_is_the_linear_case():
    curve = dict(FLAT, growth_per_yr=1e-13)
    assert learning.year_of_price(640.0, 0.2, **curve) == pytest.approx(2028.0, abs=1e-6)


# --- learning.py: hardware factors and ground trends -------------------------------------------

HW = {
    "cost_ref_year": 2025.0,
    # each curve's production per year equals its cumulative production: doubling in a year
    "pv_learning_rate": 0.25, "pv_cumulative_w": 1e12, "pv_production_w_per_yr": 1e12, "pv_production_growth_per_yr": 0.0,
    "satellite_learning_rate": 0.1, "satellite_cumulative_kg": 1e6, "satellite_production_kg_per_yr": 1e6, "satellite_production_growth_per_yr": 0.0,
    "battery_learning_rate": 0.5, "battery_cumulative_wh": 1e12, "battery_production_wh_per_yr": 1e12, "battery_production_growth_per_yr": 0.0,
    "electricity_price_trend_per_yr": -0.5,
    "ground_capex_trend_per_yr": 1.0,
}


def test_price_factors_by_hand():
    f = learning.price_factors(2026.0, HW)
    assert f["pv"] == pytest.approx(0.75, rel=1e-14)
    assert f["satellite"] == pytest.approx(0.9, rel=1e-14)
    assert f["battery"] == pytest.approx(0.5, rel=1e-14)
    assert f["electricity"] == pytest.approx(0.5, rel=1e-14)
    assert f["ground_capex"] == pytest.approx(2.0, rel=1e-14)
    f3 = learning.price_factors(2028.0, HW)  # production x4: two doublings
    assert f3["pv"] == pytest.approx(0.75**2, rel=1e-14)
    assert f3["electricity"] == pytest.approx(0.125, rel=1e-14)
    assert f3["ground_capex"] == pytest.approx(8.0, rel=1e-14)
    assert learning.trend_factor(2035.0, -0.003, 2025.0) == pytest.approx(0.997**10, rel=1e-14)
    assert learning.wright_factor(2026.0, 0.3, 5.0, 2025.0, 5.0, 0.0) == pytest.approx(0.7, rel=1e-14)


def test_price_factor_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match=r"^curve = 'wind': must be one of pv, satellite, battery$"):
        learning.hardware_price_factor("wind", 2026.0, HW)
    with pytest.raises(ValueError, match=r"^pv_learning_rate = 1\.0: must be a finite number in \[0\.0, 1\.0\)$"):
        learning.price_factors(2026.0, dict(HW, pv_learning_rate=1.0))
    with pytest.raises(ValueError, match=r"^battery_production_wh_per_yr = -1\.0"):
        learning.price_factors(2026.0, dict(HW, battery_production_wh_per_yr=-1.0))
    with pytest.raises(ValueError, match=r"^year = 2023\.0: the satellite_production_kg_per_yr trajectory"):
        learning.hardware_price_factor("satellite", 2023.0, HW)
    with pytest.raises(ValueError, match=r"^electricity_price_trend_per_yr = -1\.0: must be a finite number in \(-1\.0, inf\]$"):
        learning.price_factors(2026.0, dict(HW, electricity_price_trend_per_yr=-1.0))
    with pytest.raises(ValueError, match=r"^cost_ref_year = inf"):
        learning.trend_factor(2026.0, 0.1, math.inf)
    with pytest.raises(ValueError, match=r"^year = 20000\.0"):
        learning.trend_factor(20000.0, 0.1, 2025.0)


# --- learning.py: the launch curve a scenario pays along ----------------------------------------

SCENARIO = of.Scenario.default()


def test_scenario_parameters_with_overrides():
    p = SCENARIO.params()
    a = learning.all_params(SCENARIO, {"learning_rate": 0.33, "not_a_parameter": 1.0})
    assert a["learning_rate"] == 0.33 and "not_a_parameter" not in a and a["discount_rate"] == p["discount_rate"]
    assert learning.all_params(SCENARIO, None) == dict(p)
    m = learning.market_params(SCENARIO, learning_rate=0.33, discount_rate=0.5)
    assert set(m) == set(learning.MARKET_PARAMS) and m["learning_rate"] == 0.33
    assert m["learning_m0_kg"] == p["learning_m0_kg"]


def test_a_scenario_learns_from_its_own_price_by_hand():
    p = SCENARIO.params()
    y, p_s = p["cost_ref_year"], 2000.0
    # launches of m0 a year from the cost reference year on, no growth: the price falls by
    # (1 - LR) in one year and again in two more
    ov = dict(launch_price_usd_per_kg=p_s, learning_rate=0.2, learning_ref_year=y, learning_m0_kg=5e5, launched_mass_kg_per_yr=5e5,
              launched_mass_growth_per_yr=0.0, launch_price_floor_usd_per_kg=1.0)
    assert learning.launch_price_of(SCENARIO, y, **ov) == pytest.approx(p_s, rel=1e-14)
    assert learning.launch_price_of(SCENARIO, y + 1.0, **ov) == pytest.approx(0.8 * p_s, rel=1e-13)
    assert learning.launch_price_of(SCENARIO, y + 3.0, **ov) == pytest.approx(0.64 * p_s, rel=1e-13)
    assert learning.year_of_price_of(SCENARIO, 0.64 * p_s, **ov) == pytest.approx(y + 3.0, abs=1e-9)
    # reference two years before: launches were q0 then and have doubled twice (g = 1), so
    # m_ref = m0 + 3 q0 / ln 2 and q_ref = 4 q0; doubling m_ref takes log2(1 + m_ref ln 2 / q_ref)
    m0, q0 = 5e5, 2e5
    ov2 = dict(ov, learning_ref_year=y - 2.0, learning_m0_kg=m0, launched_mass_kg_per_yr=q0, launched_mass_growth_per_yr=1.0)
    m_ref = m0 + 3.0 * q0 / LN2
    dt = math.log2(1.0 + m_ref * LN2 / (4.0 * q0))
    assert learning.launch_price_of(SCENARIO, y, **ov2) == pytest.approx(p_s, rel=1e-13)
    assert learning.year_of_price_of(SCENARIO, 0.8 * p_s, **ov2) == pytest.approx(y + dt, abs=1e-9)
    assert learning.launch_price_of(SCENARIO, y + dt, **ov2) == pytest.approx(0.8 * p_s, rel=1e-12)
    # the floor: the curve's, or the scenario's own price when that is lower
    assert learning.launch_price_of(SCENARIO, y + 3.0, **dict(ov, launch_price_floor_usd_per_kg=1500.0)) == pytest.approx(1500.0)
    assert learning.launch_price_of(SCENARIO, y + 3.0, **dict(ov, launch_price_floor_usd_per_kg=5000.0)) == pytest.approx(p_s)
    # a free launch stays free
    assert 0.0 <= float(learning.launch_price_of(SCENARIO, y + 3.0, **dict(ov, launch_price_usd_per_kg=0.0))) < 1e-300
    with pytest.raises(ValueError, match=r"^launch_price_usd_per_kg = -1\.0: must be a finite number in \[0\.0, inf\]$"):
        learning.launch_price_of(SCENARIO, y, **dict(ov, launch_price_usd_per_kg=-1.0))
    with pytest.raises(ValueError, match=r"^launched_mass_growth_per_yr = -1\.0: must be a finite number in \(-1\.0, inf\]$"):
        learning.scenario_launch_market(SCENARIO, **dict(ov2, learning_ref_year=y, launched_mass_growth_per_yr=-1.0))


def test_calendar_year():
    assert learning.calendar_year(2029.99) == 2029.0
    assert learning.calendar_year(2029.0) == 2029.0
    assert learning.calendar_year(-0.5) == -1.0
    assert learning.calendar_year(math.inf) == math.inf and learning.calendar_year(-math.inf) == -math.inf
    assert math.isnan(learning.calendar_year(math.nan))


# --- pricing.py ---------------------------------------------------------------------------------


def test_annuity_by_hand():
    assert pricing.annuity(0.0, 7.0) == 7.0
    # continuous payment at 5 %/yr over 10 years: (1 - 1.05^-10) / ln 1.05
    assert pricing.annuity(0.05, 10.0) == pytest.approx((1.0 - 1.05**-10) / math.log(1.05), rel=1e-14)
    np.testing.assert_allclose(pricing.annuity(np.array([0.0, 1.0]), 2.0), [2.0, 0.75 / LN2], rtol=1e-14)


def test_annuity_of_a_perpetuity_quietly():
    # an endless payment: 1 / ln(1 + r), and without discounting an infinite sum; the r = 0 case
    # must not make NumPy warn on the branch it discards (0 * inf there)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pricing.annuity(0.05, math.inf) == pytest.approx(1.0 / math.log(1.05), rel=1e-14)
        assert pricing.annuity(0.0, math.inf) == math.inf
        np.testing.assert_array_equal(pricing.annuity(np.array([0.0, 0.0]), np.array([math.inf, 3.0])), [math.inf, 3.0])


# One draw's cost lines (USD, kg, FLOP), each a different power of ten so that a line moved by
# the wrong curve shows.
LINES = {
    "racks": 1.0,
    "cost_racks_usd": 1e6,
    "cost_array_usd": 2e5,
    "cost_radiator_usd": 3e4,
    "cost_battery_usd": 4e3,
    "cost_coolant_usd": 5e2,
    "cost_bus_usd": 6e1,
    "cost_structure_usd": 7.0,
    "cost_spacecraft_specific_usd": 0.8,
    "nre_usd": 9e5,
    "launch_billed_mass_kg": 1000.0,
    "pv_flop": 1e20,
    "ops_usd_per_yr": 5e4,
    "ground_racks_usd": 1e6,
    "ground_refresh_pv_usd": 1e5,
    "ground_facility_pv_usd": 3e5,
    "ground_energy_usd_per_yr": 2e5,
    "ground_maintenance_usd_per_yr": 1e4,
    "ground_repair_usd_per_yr": 2e3,
    "ground_staff_usd_per_yr": 3e3,
    "ground_pv_flop": 2e20,
}
REF = SCENARIO.params()["cost_ref_year"]
# Every curve doubles its production in the first year after cost_ref_year; rates by hand.
COLS = {
    **{k: v for k, v in HW.items() if k != "cost_ref_year"},
    "integration_fraction": 0.1, "insurance_fraction": 0.05, "ops_fraction_per_yr": 0.02, "discount_rate": 0.0, "lifetime_yr": 4.0,
    "launch_price_usd_per_kg": 2000.0, "learning_rate": 0.2, "learning_ref_year": REF, "learning_m0_kg": 5e5,
    "launched_mass_kg_per_yr": 5e5, "launched_mass_growth_per_yr": 0.0, "launch_price_floor_usd_per_kg": 1.0,
}


def _by_hand(year_offset: int) -> tuple[float, float, float]:
    """Orbit and ground present values (USD) and the launch price, docs/model.md "Cost", with the
    factors of COLS after ``year_offset`` (0 or 1) years."""
    f_pv, f_sat, f_batt, f_el, f_cap, f_launch = (0.75, 0.9, 0.5, 0.5, 2.0, 0.8) if year_offset else (1.0,) * 6
    L = LINES
    sat = L["cost_radiator_usd"] + L["cost_coolant_usd"] + L["cost_bus_usd"] + L["cost_structure_usd"] + L["cost_spacecraft_specific_usd"]
    hw_ref = L["cost_racks_usd"] + L["cost_array_usd"] + sat + L["cost_battery_usd"]
    hw = L["cost_racks_usd"] + f_pv * L["cost_array_usd"] + f_sat * sat + f_batt * L["cost_battery_usd"]
    price = 2000.0 * f_launch
    A = 4.0  # annuity at a zero discount rate
    ops = L["ops_usd_per_yr"] + 0.02 * (hw - hw_ref)
    orbit = (hw * 1.1 + L["launch_billed_mass_kg"] * price) * 1.05 + L["nre_usd"] + ops * A
    ground = (L["ground_racks_usd"] + L["ground_refresh_pv_usd"] + f_cap * L["ground_facility_pv_usd"]
              + (f_el * L["ground_energy_usd_per_yr"] + f_cap * L["ground_maintenance_usd_per_yr"] + L["ground_repair_usd_per_yr"] + L["ground_staff_usd_per_yr"]) * A)
    return orbit, ground, price


@pytest.mark.parametrize("offset", [0, 1])
def test_costs_in_year_against_the_cost_sums_by_hand(offset):
    c = pricing.costs_in_year(LINES, REF + offset, SCENARIO, COLS)
    orbit, ground, price = _by_hand(offset)
    assert c["orbit_usd"] == pytest.approx(orbit, rel=1e-13)
    assert c["ground_usd"] == pytest.approx(ground, rel=1e-13)
    assert c["launch_usd_per_kg"] == pytest.approx(price, rel=1e-13)
    assert c["orbit_usd_per_flop"] == pytest.approx(orbit / 1e20, rel=1e-13)
    assert c["ground_usd_per_flop"] == pytest.approx(ground / 2e20, rel=1e-13)
    assert pricing.ratio_in_year(LINES, REF + offset, SCENARIO, COLS) == pytest.approx((orbit / 1e20) / (ground / 2e20), rel=1e-13)


def test_costs_in_year_by_draw_and_by_year():
    # two draws, the second with no delivered FLOP in orbit; a column of two years
    lines = {k: np.array([v, v]) for k, v in LINES.items()}
    lines["pv_flop"] = np.array([1e20, 0.0])
    c = pricing.costs_in_year(lines, np.array([[REF], [REF + 1.0]]), SCENARIO, COLS)
    assert c["orbit_usd"].shape == (2, 2) and c["launch_usd_per_kg"].shape == (2, 2)
    for row, off in enumerate((0, 1)):
        orbit, ground, price = _by_hand(off)
        np.testing.assert_allclose(c["orbit_usd"][row], [orbit, orbit], rtol=1e-13)
        np.testing.assert_allclose(c["launch_usd_per_kg"][row], [price, price], rtol=1e-13)
        assert c["orbit_usd_per_flop"][row, 0] == pytest.approx(orbit / 1e20, rel=1e-13)
        assert c["orbit_usd_per_flop"][row, 1] == math.inf
    # one draw picked out of several is that draw alone
    lines["cost_array_usd"] = np.array([2e5, 4e5])
    model = pricing.YearModel(lines, SCENARIO, {**COLS, "discount_rate": np.array([0.0, 0.0])})
    sub = model.take(np.array([0]))
    assert sub.costs(REF + 1.0)["orbit_usd"] == pytest.approx([_by_hand(1)[0]], rel=1e-13)
    assert model.take(np.array([1])).costs(REF)["orbit_usd"][0] > _by_hand(0)[0]


def test_costs_in_year_with_growing_curves_by_hand():
    # pv production growing 100 %/yr from q0 = N0 ln 2: N doubles in one year (factor 1 - LR)
    cols = dict(COLS, pv_production_w_per_yr=1e12 * LN2, pv_production_growth_per_yr=1.0, launched_mass_kg_per_yr=5e5 * LN2,
                launched_mass_growth_per_yr=1.0)
    c = pricing.costs_in_year(LINES, REF + 1.0, SCENARIO, cols)
    assert c["orbit_usd"] == pytest.approx(_by_hand(1)[0], rel=1e-12)
    assert c["launch_usd_per_kg"] == pytest.approx(1600.0, rel=1e-12)
    # a growth rate too small to divide by: the linear case
    c = pricing.costs_in_year(LINES, REF + 1.0, SCENARIO, dict(COLS, pv_production_growth_per_yr=1e-13))
    assert c["orbit_usd"] == pytest.approx(_by_hand(1)[0], rel=1e-9)


def test_price_factors_of_draws_with_and_without_growth_by_hand():
    # Two draws of the pv curve, both reaching 4 N0 two years after cost_ref_year (two doublings,
    # factor (1 - 0.25)^2 = 0.5625): one growing 100 %/yr from q0 = N0 ln 2 (N0 + q0 (2^2 - 1) / ln 2
    # = 4 N0), one flat at q0 = 1.5 N0 (N0 + 2 q0 = 4 N0). One year after: 2 N0 and 2.5 N0.
    lines = {k: np.array([v, v]) for k, v in LINES.items()}
    cols = dict(COLS, pv_production_w_per_yr=np.array([1e12 * LN2, 1.5e12]), pv_production_growth_per_yr=np.array([1.0, 0.0]))
    model = pricing.YearModel(lines, SCENARIO, cols)
    np.testing.assert_allclose(model.factors(REF + 2.0)["pv"], [0.5625, 0.5625], rtol=1e-13)
    np.testing.assert_allclose(model.factors(REF + 1.0)["pv"], [0.75, 0.75 ** math.log2(2.5)], rtol=1e-13)


def test_costs_in_year_of_single_precision_draws_are_computed_in_double():
    # draws handed out in float32 (as samplers and ML pipelines do) are widened, not computed in
    # single precision: the result is the hand sum of the widened values at double precision
    f32 = {"integration_fraction": np.float32(0.1), "insurance_fraction": np.float32(0.05), "ops_fraction_per_yr": np.float32(0.02)}
    c = pricing.costs_in_year(LINES, REF, SCENARIO, dict(COLS, **f32))
    # (the ops fraction moves nothing at cost_ref_year: no hardware price has changed)
    integ, ins = float(f32["integration_fraction"]), float(f32["insurance_fraction"])
    assert integ != 0.1  # the widened float32 value is not the decimal 0.1
    L = LINES
    hw = L["cost_racks_usd"] + L["cost_array_usd"] + L["cost_radiator_usd"] + L["cost_coolant_usd"] + L["cost_bus_usd"] + L["cost_structure_usd"] + L["cost_spacecraft_specific_usd"] + L["cost_battery_usd"]
    orbit = (hw * (1.0 + integ) + L["launch_billed_mass_kg"] * 2000.0) * (1.0 + ins) + L["nre_usd"] + L["ops_usd_per_yr"] * 4.0
    assert c["orbit_usd"].dtype == np.float64
    assert c["orbit_usd"] == pytest.approx(orbit, rel=1e-15)


def test_costs_in_year_bad_input_names_the_field():
    with pytest.raises(ValueError, match=r"lines: missing the output 'ground_pv_flop'"):
        pricing.costs_in_year({k: v for k, v in LINES.items() if k != "ground_pv_flop"}, REF, SCENARIO, COLS)
    with pytest.raises(ValueError, match=r"^year = 2000\.0: the pv_production_w_per_yr trajectory has no positive cumulative production"):
        pricing.costs_in_year(LINES, 2000.0, SCENARIO, COLS)
    with pytest.raises(ValueError, match=r"^year = 2000\.0: the launched_mass_kg_per_yr trajectory"):
        pricing.costs_in_year(LINES, 2000.0, SCENARIO, dict(COLS, pv_production_w_per_yr=0.0, satellite_production_kg_per_yr=0.0, battery_production_wh_per_yr=0.0))
    with pytest.raises(ValueError, match=r"^satellite_learning_rate = 1\.0"):
        pricing.costs_in_year(LINES, REF, SCENARIO, dict(COLS, satellite_learning_rate=1.0))
    with pytest.raises(ValueError, match=r"^battery_cumulative_wh = 0\.0: must be a finite number in \(0\.0, inf\]$"):
        pricing.costs_in_year(LINES, REF, SCENARIO, dict(COLS, battery_cumulative_wh=0.0))
    with pytest.raises(ValueError, match=r"^pv_production_w_per_yr = -1\.0: must be a finite number in \[0\.0, inf\]$"):
        pricing.costs_in_year(LINES, REF, SCENARIO, dict(COLS, pv_production_w_per_yr=-1.0))
    with pytest.raises(ValueError, match=r"^satellite_production_growth_per_yr = -1\.0: must be a finite number in \(-1\.0, inf\]$"):
        pricing.costs_in_year(LINES, REF, SCENARIO, dict(COLS, satellite_production_growth_per_yr=-1.0))
    with pytest.raises(ValueError, match=r"^ground_capex_trend_per_yr = -1\.0: must be a finite number in \(-1\.0, inf\]$"):
        pricing.costs_in_year(LINES, REF, SCENARIO, dict(COLS, ground_capex_trend_per_yr=-1.0))
    with pytest.raises(ValueError, match=r"^cost_ref_year = nan"):
        pricing.costs_in_year(LINES, REF, SCENARIO, dict(COLS, cost_ref_year=math.nan))
    with pytest.raises(ValueError, match=r"^year = 20000\.0: must be a finite number in \[-10000\.0, 10000\.0\]$"):
        pricing.costs_in_year(LINES, 20000.0, SCENARIO, COLS)


def test_default_year_grid_by_hand():
    expected = [2025.0 + k for k in range(15)] + [2040.0, 2042.5, 2045.0, 2047.5, 2050.0, 2052.5] + [2055.0 + 5 * k for k in range(9)] + [2100.0]
    np.testing.assert_array_equal(pricing.default_year_grid(2025.0, 2100.0), expected)
    np.testing.assert_array_equal(pricing.default_year_grid(2025.0, 2030.5), [2025.0, 2026.0, 2027.0, 2028.0, 2029.0, 2030.0, 2030.5])
    for start, horizon in [(2025.0, 2025.0), (2025.0, math.inf), (math.nan, 2100.0)]:
        with pytest.raises(ValueError, match="horizon_year = .*: must be a finite year after the start"):
            pricing.default_year_grid(start, horizon)


def _launch_only(ratio_at_ref: float) -> dict[str, float]:
    """Cost lines where orbit pays only launch, the ground only a fixed sum, so that under COLS's
    launch curve (mass doubles yearly, no growth: N(y) = N_ref (1 + dt)) the ratio is
    ratio_at_ref (1 + dt)^log2(1 - LR)."""
    lines = {k: 0.0 for k in LINES}
    lines.update(launch_billed_mass_kg=1000.0, pv_flop=1.0, ground_racks_usd=2000.0 * 1000.0 / ratio_at_ref, ground_pv_flop=1.0, racks=1.0)
    return lines


PARITY_COLS = dict(COLS, integration_fraction=0.0, insurance_fraction=0.0, ops_fraction_per_yr=0.0)


@pytest.mark.parametrize(
    ("lr", "ratio", "years_after"),
    [
        (0.5, 3.7, 2.7),  # ratio 3.7 / (1 + dt) = 1 at dt = 2.7
        (0.2, 1.0 / 0.64, 3.0),  # 0.8^log2(1 + dt) = 0.64 at dt = 3
        (0.5, 2.0, 1.0),  # crossing on a grid year
        (0.5, 50.0, 49.0),  # in a five-year step of the grid
        (0.2, 1.0 / 0.8**0.5, math.sqrt(2.0) - 1.0),  # half a doubling
    ],
)
def test_parity_year_by_hand(lr, ratio, years_after):
    y = pricing.parity_year(_launch_only(ratio), SCENARIO, dict(PARITY_COLS, learning_rate=lr))
    assert y == pytest.approx([REF + years_after], abs=1e-6)


def test_parity_year_at_start_never_and_per_draw():
    cols = dict(PARITY_COLS, learning_rate=0.5)
    # already cheaper, or exactly at parity: the reference year; never by the horizon: inf
    assert pricing.parity_year(_launch_only(0.5), SCENARIO, cols)[0] == REF
    assert pricing.parity_year(_launch_only(1.0), SCENARIO, cols)[0] == REF
    assert pricing.parity_year(_launch_only(200.0), SCENARIO, cols, horizon_year=REF + 100.0)[0] == math.inf
    assert pricing.parity_year(_launch_only(80.0), SCENARIO, cols, horizon_year=REF + 100.0)[0] == pytest.approx(REF + 79.0, abs=1e-6)
    # several draws at once, on a grid of their own
    ratios = np.array([3.7, 0.5, 200.0, 2.0, 11.0])
    lines = {k: np.array([_launch_only(r)[k] for r in ratios]) for k in LINES}
    y = pricing.parity_year(lines, SCENARIO, cols, grid=REF + np.array([0.0, 1.5, 4.0, 20.0]))
    np.testing.assert_allclose(y, [REF + 2.7, REF, math.inf, REF + 1.0, REF + 10.0], atol=1e-6)
    # a draw whose costs start later than the grid: searched from its own reference year
    lines2 = {k: np.array([_launch_only(r)[k] for r in (3.7, 3.7)]) for k in LINES}
    y2 = pricing.parity_year(lines2, SCENARIO, dict(cols, cost_ref_year=np.array([REF, REF + 2.0]), learning_ref_year=np.array([REF, REF + 2.0])))
    np.testing.assert_allclose(y2, [REF + 2.7, REF + 4.7], atol=1e-6)


# --- optimize/pareto.py -------------------------------------------------------------------------


def test_pareto_scale_normalisation_and_hypervolume_ratio_by_hand():
    # rows: cost per FLOP, delivered FLOP/s, mass
    exact_front = np.array([[1.0, 10.0, 50.0], [2.0, 20.0, 100.0], [3.0, 15.0, 80.0]])
    np.testing.assert_array_equal(pareto.scale_of(exact_front), [1.0, 20.0, 100.0])
    np.testing.assert_allclose(pareto.normalised(exact_front, ["cost_per_flop", "delivered_flops"], np.array([1.0, 20.0, 100.0])),
                               [[1.0, -0.5], [2.0, -1.0], [3.0, -0.75]])
    np.testing.assert_allclose(pareto.normalised(exact_front[0], ["mass", "cost_per_flop"], np.array([2.0, 20.0, 100.0])), [[0.5, 0.5]])
    np.testing.assert_array_equal(pareto.front(np.array([[1.0, 1.0], [2.0, 0.5], [2.0, 2.0]])), [[1.0, 1.0], [2.0, 0.5]])
    assert pareto.front(np.zeros((0, 2))).shape == (0, 2)
    # cost and delivered compute, reference (2, 0): the exact front's first row is the whole
    # rectangle (2 - 1) x 0.5 (the others sit at or beyond cost 2)
    two = ["cost_per_flop", "delivered_flops"]
    front2 = np.array([[1.0, 10.0, 50.0], [1.5, 20.0, 100.0]])
    # normalised: (1, -0.5), (1.5, -1): area 1 x 0.5 + 0.5 x 0.5 = 0.75
    assert pareto.hypervolume_ratio(front2, front2, two) == pytest.approx(1.0, rel=1e-14)
    assert pareto.hypervolume_ratio(front2[:1], front2, two) == pytest.approx(0.5 / 0.75, rel=1e-14)
    assert pareto.hypervolume_ratio(front2[1:], front2, two) == pytest.approx(0.5 / 0.75, rel=1e-14)
    # cost and mass, reference (2, 1.1): (1, 0.5) dominates (1.5, 1.0): (2 - 1) x (1.1 - 0.5)
    assert pareto.hypervolume(pareto.normalised(front2, ["cost_per_flop", "mass"], pareto.scale_of(front2)), ["cost_per_flop", "mass"]) == pytest.approx(0.6, rel=1e-14)
    # mass alone against its reference 1.1: the lightest design, 1.1 - 0.5
    assert pareto.hypervolume_ratio(front2[1:], front2, ["mass"]) == pytest.approx(0.1 / 0.6, rel=1e-14)
    # nothing inside the reference box
    assert pareto.hypervolume(np.array([[2.0, -1.0]]), two) == 0.0
    assert pareto.hypervolume(np.zeros((0, 2)), two) == 0.0
    # an exact front that delivers nothing has no hypervolume: the ratio is undefined
    with np.errstate(divide="ignore", invalid="ignore"):
        assert math.isnan(pareto.hypervolume_ratio(front2, np.array([[1.0, 0.0, 50.0]]), two))


# --- optimize/exact.py: the certificate's brackets -----------------------------------------------


@pytest.mark.parametrize(
    ("values", "periodic", "expected"),
    [
        ([3.0, 1.0, 2.0], False, [1]),
        ([1.0, 2.0, 3.0], False, [0]),
        ([3.0, 2.0, 1.0], False, [2]),
        ([3.0, 1.0, 1.0, 2.0], False, [1]),  # a plateau counts once, at its first point
        ([3.0, 1.0, 1.0, 0.5], False, [3]),  # a plateau on a slope is no minimum
        ([2.0, 2.0, 2.0], False, [0]),
        ([1.0, 3.0, 2.0, 4.0], False, [0, 2]),
        ([4.0, 1.0, 3.0, 0.5], True, [1, 3]),
        ([1.0, 3.0, 2.0, 0.5], False, [0, 3]),
        ([0.5, 3.0, 2.0, 1.0], True, [0]),  # the ends are neighbours
        ([1.0, 1.0, 3.0, 1.0], True, [3]),  # a plateau across the wrap counts once, where it starts
        ([2.0, 2.0, 2.0], True, []),
        ([math.inf, 1.0, math.inf], False, [1]),
        ([math.inf, math.inf], False, []),
        ([5.0], False, [0]),
        ([1.0, 0.0, 3.0, 1.0, 1.0], False, [1, 3]),  # a plateau at the end does not wrap
    ],
)
def test_local_minima_by_hand(values, periodic, expected):
    assert exact._local_minima(np.array(values), periodic) == expected


def _pts(costs, oks, margins=None):
    """Grid points of one rack and spare count (one row each)."""
    margins = margins if margins is not None else [1.0] * len(costs)
    return [exact.Point(c, {}, {}, rows_cost=np.array([c]), rows_ok=np.array([ok]), rows_margin=np.array([m])) for c, ok, m in zip(costs, oks, margins)]


def test_candidates_interior_bound_is_the_parabola_dip_twice():
    # costs 3, 1, 2: the parabola through them dips (cb - ca)^2 / (8 curv) = 1 / 24 below the
    # middle; the bound is twice that below it
    pts = _pts([3.0, 1.0, 2.0], [True, True, True])
    (c,) = exact.candidates(pts, 10.0, periodic=False)
    assert (c.kind, c.i, c.row) == ("interior", 1, 0) and c.bound == pytest.approx(1.0 - 2.0 / 24.0, rel=1e-15)
    # a bound at the best cost is no improvement; just above it, it is
    assert exact.candidates(pts, 1.0 - 2.0 / 24.0, periodic=False) == []
    assert len(exact.candidates(pts, (1.0 - 2.0 / 24.0) * (1 + 4e-12), periodic=False)) == 1
    # an infeasible minimum is not an interior candidate; nor a middle equal to a neighbour
    assert [x.kind for x in exact.candidates(_pts([3.0, 1.0, 2.0], [True, False, True]), 10.0, False)] == ["boundary", "boundary"]
    assert exact.candidates(_pts([3.0, 1.0, 1.0], [True, True, True]), 10.0, False) == []
    assert exact.candidates(_pts([1.0, 1.0, 2.0], [True, True, True]), 10.0, False) == []


def test_candidates_boundaries_lowest_first_and_periodic_wrap():
    # feasibility changes between points 0-1 and 2-3; each bound is the cheaper end
    pts = _pts([5.0, 4.0, 6.0, 2.0], [True, False, False, True])
    got = exact.candidates(pts, 10.0, periodic=False)
    assert [(c.kind, c.i, c.bound) for c in got] == [("boundary", 2, 2.0), ("boundary", 0, 4.0)]
    # only the brackets below the best
    assert [(c.kind, c.i) for c in exact.candidates(pts, 3.0, periodic=False)] == [("boundary", 2)]
    # periodic: no change across the wrap (3 -> 0 both feasible), but the wrap's interior point
    # 3 (neighbours 6 and 5, cost 2, curvature 7, dip 1/56) is a minimum
    got = exact.candidates(pts, 10.0, periodic=True)
    assert [(c.kind, c.i) for c in got] == [("interior", 3), ("boundary", 2), ("boundary", 0)]
    assert got[0].bound == pytest.approx(2.0 - 2.0 / 56.0, rel=1e-15)
    # a change across the wrap
    wrap = _pts([5.0, 4.0, 6.0, 2.0], [False, False, False, True])
    assert ("boundary", 3, 2.0) in [(c.kind, c.i, c.bound) for c in exact.candidates(wrap, 10.0, periodic=True)]
    assert 3 not in [c.i for c in exact.candidates(wrap, 10.0, periodic=False) if c.kind == "boundary"]


def test_candidates_window_of_feasibility_between_grid_points():
    # infeasible at three points, margin -1, -0.05, -5 (kg): the parabola through them peaks
    # (mb - ma)^2 / (8 |curv|) = 16 / 47.2 above the middle; twice that clears zero
    costs = [3.0, 1.0, 2.0]
    got = exact.candidates(_pts(costs, [False] * 3, [-1.0, -0.05, -5.0]), 10.0, periodic=False)
    assert [(c.kind, c.i) for c in got] == [("window", 1)]
    # bound: the lowest cost of the three less twice the cost parabola's dip (1/24)
    assert got[0].bound == pytest.approx(1.0 - 2.0 / 24.0, rel=1e-15)
    # -1, -0.5, -5: curvature -5, peak 16 / 40 = 0.4 above -0.5; twice that clears zero
    assert len(exact.candidates(_pts(costs, [False] * 3, [-1.0, -0.5, -5.0]), 10.0, False)) == 1
    # -1, -0.9, -1: the parabola peaks at the middle point, below zero: no window
    assert exact.candidates(_pts(costs, [False] * 3, [-1.0, -0.9, -1.0]), 10.0, False) == []
    # -1, -0.3, -1.4: curvature -1.8, peak 0.16 / 14.4 above -0.3, twice that is still below zero
    assert exact.candidates(_pts(costs, [False] * 3, [-1.0, -0.3, -1.4]), 10.0, False) == []
    # the margin must peak at the middle point
    assert exact.candidates(_pts(costs, [False] * 3, [-0.01, -0.05, -5.0]), 10.0, False) == []
    assert exact.candidates(_pts(costs, [False] * 3, [-5.0, -0.05, -0.01]), 10.0, False) == []
    # feasible neighbours make it a boundary, not a window
    assert "window" not in [c.kind for c in exact.candidates(_pts(costs, [True, False, False], [1.0, -0.05, -5.0]), 10.0, False)]
    # a window whose bound is not below the best is dropped
    assert exact.candidates(_pts(costs, [False] * 3, [-1.0, -0.05, -5.0]), 0.5, periodic=False) == []
    # a straight cost line has no dip: the window's bound is its lowest cost
    got = exact.candidates(_pts([1.0, 2.0, 3.0], [False] * 3, [-1.0, -0.05, -5.0]), 10.0, False)
    assert [(c.kind, c.bound) for c in got] == [("window", 1.0)]


def test_non_dominated_by_hand():
    # two columns: the staircase, of equal rows the first
    pts = np.array([[1.0, 5.0], [2.0, 3.0], [2.0, 4.0], [3.0, 3.0], [4.0, 1.0], [1.0, 5.0], [0.5, 6.0]])
    assert exact.non_dominated(pts) == {0, 1, 4, 6}
    # three columns: a row is dominated only by one no worse everywhere and better somewhere
    pts3 = np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 4.0], [2.0, 1.0, 3.0], [0.0, 3.0, 3.0], [2.0, 2.0, 2.0], [2.0, 2.0, 2.5]])
    assert exact.non_dominated(pts3) == {0, 2, 3, 4}
    # three columns, of equal rows the first, as with two
    rep = np.array([[1.0, 2.0, 3.0], [2.0, 1.0, 3.0], [1.0, 2.0, 3.0], [2.0, 1.0, 3.0]])
    assert exact.non_dominated(rep) == {0, 1}
    assert exact.non_dominated(np.zeros((0, 3))) == set()


# --- learning.py: what a bad input is told ----------------------------------------------------


def test_learning_inputs_are_refused_naming_the_field_value_and_range():
    """Each input of the learning curves is checked against the range its docstring gives (the
    years within 10,000 of year 0, both ends allowed; rates of change above -1; cumulative
    quantities above 0), and the error names the field as the scenario file spells it."""
    nan = float("nan")
    cases = [
        (lambda: learning.trend_factor(10001.0, 0.01, 2026.0), "year = 10001.0: must be a finite number in [-10000.0, 10000.0]"),
        (lambda: learning.cumulative_production(-10001.0, 1.0, 2025.0, 1.0, 0.0), "year = -10001.0: must be a finite number in [-10000.0, 10000.0]"),
        (lambda: learning.trend_factor(2030.0, -1.0, 2026.0), "trend_per_yr = -1.0: must be a finite number in (-1.0, inf]"),
        (lambda: learning.trend_factor(2030.0, 0.01, nan), "cost_ref_year = nan: must be a finite number in [-inf, inf]"),
        (lambda: learning.cumulative_launched_mass_kg(2030.0, 0.0, 2025.0, 1e6, 0.1), "learning_m0_kg = 0.0: must be a finite number in (0.0, inf]"),
        (lambda: learning.cumulative_launched_mass_kg(2030.0, 1e6, nan, 1e6, 0.1), "learning_ref_year = nan: must be a finite number in [-inf, inf]"),
        (lambda: learning.cumulative_launched_mass_kg(2030.0, 1e6, 2025.0, -1.0, 0.1), "launched_mass_kg_per_yr = -1.0: must be a finite number in [0.0, inf]"),
        (lambda: learning.cumulative_launched_mass_kg(2030.0, 1e6, 2025.0, 1e6, -1.0), "launched_mass_growth_per_yr = -1.0: must be a finite number in (-1.0, inf]"),
        (lambda: learning.scenario_launch_market(of.Scenario.default(), cost_ref_year=nan), "cost_ref_year = nan: must be a finite number in [-inf, inf]"),
        (lambda: learning.scenario_launch_market(of.Scenario.default(), launched_mass_growth_per_yr=-1.0), "launched_mass_growth_per_yr = -1.0: must be a finite number in (-1.0, inf]"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError) as e:
            call()
        assert str(e.value) == message
    # the ends of the year range are valid years, and a zero trend leaves the price as it is
    assert learning.trend_factor(1e4, 0.0, 2026.0) == 1.0
    assert learning.trend_factor(-1e4, 0.0, 2026.0) == 1.0
    # a rate just above -1 is accepted: the quantity shrinks by almost all of it each year
    assert learning.trend_factor(2027.0, -0.999, 2026.0) == pytest.approx(0.001, rel=1e-12)
    # a scenario's own market: a growth just above -1 is accepted
    assert len(learning.scenario_launch_market(of.Scenario.default(), launched_mass_growth_per_yr=-0.5)) == 7
