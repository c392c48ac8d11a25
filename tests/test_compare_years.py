"""Prices over the years: the hardware learning curves and ground trends against their
definitions and independent integration, the year-of-purchase shortcut against direct evaluation
of scenarios whose prices were replaced by the year's, and the parity year against a scalar
root-finder, with the property that faster learning never delays parity."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.compare import learning, pricing

S = of.Scenario.default()
OPTIMIST = of.Scenario.from_toml(str(__import__("pathlib").Path(__file__).resolve().parent.parent / "examples" / "camps" / "optimist.toml"))
finite = dict(allow_nan=False, allow_infinity=False)


def num(lo: float, hi: float):
    """A float in [lo, hi] rounded to 6 decimals (the core rejects magnitudes below 1e-30)."""
    return st.floats(lo, hi, **finite).map(lambda x: round(x, 6))


def direct_ratio(scenario: of.Scenario, year: float, racks: float, temp: float, cols: dict | None = None) -> float:
    """Cost ratio of a design sized at (racks, temp) on a scenario whose every price was
    replaced by its value in ``year``: hardware prices times their learning-curve factors, the
    launch price the scenario's own in ``cost_ref_year`` times Wright's factor for the mass
    launched since (never below the floor, or its own price if that is lower), the ground's
    electricity and facility times their trends."""
    cols = dict(cols or {})
    p = {**scenario.params(), **cols}
    f = learning.price_factors(year, p)
    kw = {k: p[k] * f[c] for k, c in learning.PRICE_CURVE.items()}
    mass = lambda y: float(learning.cumulative_launched_mass_kg(y, p["learning_m0_kg"], p["learning_ref_year"], p["launched_mass_kg_per_yr"], p["launched_mass_growth_per_yr"]))  # noqa: E731
    doublings = math.log2(mass(year) / mass(p["cost_ref_year"]))
    p_s = p["launch_price_usd_per_kg"]
    kw["launch_price_usd_per_kg"] = max(p_s * (1.0 - p["learning_rate"]) ** doublings, min(p["launch_price_floor_usd_per_kg"], p_s))
    rest = {k: v for k, v in cols.items() if k not in kw}
    out = of.evaluate_batch(scenario, sized=True, racks=racks, radiator_temp_k=temp, outputs=["cost_ratio"], **kw, **rest)
    return float(out["cost_ratio"][0])


def test_price_factors_are_one_at_the_reference_year():
    for s in (S, OPTIMIST, S.replace(cost_ref_year=2030.0, electricity_price_trend_per_yr=0.02)):
        f = learning.price_factors_of(s, s.params()["cost_ref_year"])
        assert all(v == pytest.approx(1.0, abs=1e-15) for v in f.values())


def test_hardware_factor_per_doubling():
    # Wright's law: the price falls by the learning rate at every doubling of cumulative
    # production. With no growth the production doubles N0 after N0 / q0 years.
    p = {**S.params(), "pv_learning_rate": 0.22, "pv_cumulative_w": 3.0e12, "pv_production_w_per_yr": 1.0e12, "pv_production_growth_per_yr": 0.0, "cost_ref_year": 2026.0}
    years = 2026.0 + np.array([3.0, 9.0, 21.0])  # N = 2, 4, 8 x N0
    assert learning.hardware_price_factor("pv", years, p) == pytest.approx([0.78, 0.78**2, 0.78**3], rel=1e-12)


@given(st.floats(1e3, 1e13, **finite), st.floats(0.0, 1e12, **finite), st.floats(-0.5, 1.0, **finite), st.floats(0.0, 40.0, **finite))
@settings(max_examples=60)
def test_cumulative_production_is_the_integral_of_production(n0, q0, g, dt):
    """N(y) = N0 + integral of q0 (1+g)^t dt, checked by adaptive quadrature."""
    integral, _ = integrate.quad(lambda t: q0 * (1.0 + g) ** t, 0.0, dt, epsabs=0.0, epsrel=1e-12)
    got = float(learning.cumulative_production(dt, n0, 0.0, q0, g))  # reference year 0: dt exactly
    assert got == pytest.approx(n0 + integral, rel=1e-9)


def test_trend_compounds_per_year():
    assert learning.trend_factor(2036.0, 0.02, 2026.0) == pytest.approx(1.02**10, rel=1e-14)
    assert learning.trend_factor(2021.0, -0.01, 2026.0) == pytest.approx(0.99**-5, rel=1e-14)
    with pytest.raises(ValueError, match=r"trend_per_yr = -1\.5"):
        learning.trend_factor(2030.0, -1.5, 2026.0)


def test_hardware_curve_rejects_years_before_any_production():
    p = {**S.params(), "satellite_cumulative_kg": 1.0e6, "satellite_production_kg_per_yr": 1.0e6, "satellite_production_growth_per_yr": 0.0}
    with pytest.raises(ValueError, match=r"year = 2024\.0.*satellite_production_kg_per_yr"):
        learning.hardware_price_factor("satellite", 2024.0, p)


scenarios = st.sampled_from([S, OPTIMIST, S.replace(strategy="battery"), S.replace(spacecraft="specific"), S.replace(ops_fraction_per_yr=0.01, nre_usd=5e8, insurance_fraction=0.1)])


@given(
    scenarios,
    num(2026.0, 2080.0),
    st.fixed_dictionaries(
        {
            "pv_learning_rate": num(0.0, 0.4),
            "satellite_learning_rate": num(0.0, 0.4),
            "battery_learning_rate": num(0.0, 0.4),
            "learning_rate": num(0.0, 0.4),
            "satellite_production_growth_per_yr": num(-0.2, 1.0),
            "electricity_price_trend_per_yr": num(-0.03, 0.05),
            "ground_capex_trend_per_yr": num(-0.03, 0.05),
            "discount_rate": num(0.0, 0.2),
            "lifetime_yr": num(2.0, 12.0),
        }
    ),
    st.integers(1, 30),
)
@settings(max_examples=40)
def test_ratio_in_year_equals_direct_evaluation(s, year, vals, racks):
    """The year-of-purchase shortcut rebuilds the cost of a design from one evaluation's lines;
    a scenario whose prices were replaced by the year's values gives the same ratio."""
    temp = 300.0
    cols = {k: np.array([v]) for k, v in vals.items()}
    lines = of.evaluate_batch(s, sized=True, racks=float(racks), radiator_temp_k=temp, outputs=list(pricing.LINE_OUTPUTS), **cols)
    short = float(pricing.ratio_in_year(lines, year, s, cols)[0])
    assert short == pytest.approx(direct_ratio(s, year, float(racks), temp, vals), rel=1e-9)


def test_ratio_in_year_table_is_the_loop():
    rng = np.random.default_rng(4)
    n = 50
    cols = {"pv_learning_rate": rng.uniform(0.1, 0.3, n), "ground_capex_trend_per_yr": rng.uniform(-0.01, 0.04, n), "rack_mass_kg": rng.uniform(320, 790, n)}
    lines = of.evaluate_batch(S, sized=True, racks=8.0, radiator_temp_k=305.0, outputs=list(pricing.LINE_OUTPUTS), **cols)
    years = np.array([2026.0, 2031.5, 2050.0])
    table = pricing.ratio_in_year(lines, years[:, None], S, cols)
    assert table.shape == (3, n)
    for i, y in enumerate(years):
        assert np.array_equal(table[i], pricing.ratio_in_year(lines, y, S, cols))


def test_a_scenario_pays_its_own_launch_price_in_the_reference_year_and_learns_from_it():
    # Starship's 200 USD/kg in 2026 and Falcon Heavy's 1,800: each is paid in 2026 and falls by
    # the same factor as the default trajectory's cumulative mass launched grows. On the default
    # trajectory the mass launched grows from 3,668 t at the start of 2026 (400 t at the start
    # of 2025 plus 2,650 t/yr growing 50 %/yr: 2,650 x 0.5 / ln 1.5 = 3,268 t in 2025) by
    # 2,650 x 1.5 x (1.5^4 - 1) / ln 1.5 = 39,827 t in four years: 43,495 t, 3.568 doublings, a
    # factor 0.8^3.568 = 0.4511 at a 20 % learning rate.
    years = np.array([2026.0, 2030.0])
    m_2026 = 400e3 + 2650e3 * 0.5 / math.log(1.5)
    m_2030 = m_2026 + 2650e3 * 1.5 * (1.5**4 - 1.0) / math.log(1.5)
    factor = 0.8 ** math.log2(m_2030 / m_2026)
    assert factor == pytest.approx(0.4511, abs=5e-5)
    for launcher, p_s in (("starship", 200.0), ("falcon_heavy", 1800.0)):
        s = S.replace(launcher=launcher)
        assert s.params()["launch_price_usd_per_kg"] == p_s
        lines = of.evaluate_batch(s, sized=True, racks=8.0, radiator_temp_k=305.0, outputs=list(pricing.LINE_OUTPUTS))
        c = pricing.costs_in_year(lines, years, s)
        assert c["launch_usd_per_kg"][0] == pytest.approx(p_s, rel=1e-12)
        assert c["launch_usd_per_kg"][1] == pytest.approx(p_s * factor, rel=1e-9)
        assert learning.launch_price_of(s, years) == pytest.approx(c["launch_usd_per_kg"], rel=1e-12)
        assert learning.year_of_price_of(s, p_s * factor) == pytest.approx(2030.0, abs=1e-9)
    # A system bought in the reference year costs what the scenario's prices say.
    ev = of.evaluate(of.size(S, 8, 0, 305.0), S)
    one = {k: np.array([ev.to_dict()[k]]) for k in pricing.LINE_OUTPUTS}
    assert float(pricing.ratio_in_year(one, 2026.0, S)[0]) == pytest.approx(ev.cost_ratio, rel=1e-9)


def parity_oracle(s: of.Scenario, racks: float, temp: float, horizon: float = 2100.0) -> float:
    """The first year the directly evaluated ratio falls to 1: a yearly scan, then Brent's
    method on the first bracketing year."""
    f = lambda y: direct_ratio(s, y, racks, temp) - 1.0  # noqa: E731
    y0 = s.params()["cost_ref_year"]
    if f(y0) <= 0:
        return y0
    prev = y0
    for y in np.arange(y0 + 1.0, horizon + 1e-9, 1.0):
        if f(y) <= 0:
            return optimize.brentq(f, prev, y, xtol=1e-10)
        prev = y
    return math.inf


@pytest.mark.parametrize("name", ["optimist_at_falcon_heavy", "article", "middle_fast"])
def test_parity_year_against_a_scalar_root_finder(name):
    s = {
        "optimist_at_falcon_heavy": OPTIMIST.replace(launcher="falcon_heavy"),
        "article": of.Scenario.from_toml(str(__import__("pathlib").Path(__file__).resolve().parent.parent / "examples" / "camps" / "article.toml")),
        "middle_fast": S.replace(satellite_learning_rate=0.25, learning_rate=0.3, pv_learning_rate=0.25, ground_capex_trend_per_yr=0.04),
    }[name]
    racks, temp = 12.0, 305.0
    lines = of.evaluate_batch(s, sized=True, racks=racks, radiator_temp_k=temp, outputs=list(pricing.LINE_OUTPUTS))
    got = float(pricing.parity_year(lines, s)[0])
    want = parity_oracle(s, racks, temp)
    assert math.isfinite(want), "a scenario that reaches parity"
    assert got == pytest.approx(want, abs=1e-6)
    assert direct_ratio(s, got, racks, temp) == pytest.approx(1.0, abs=1e-6)


def test_parity_is_the_reference_year_when_orbit_is_already_cheaper_and_never_when_it_does_not_get_there():
    s = OPTIMIST
    lines = of.evaluate_batch(s, sized=True, racks=30.0, radiator_temp_k=316.0, outputs=list(pricing.LINE_OUTPUTS + ("cost_ratio",)))
    assert lines["cost_ratio"][0] < 1.0
    assert pricing.parity_year(lines, s)[0] == s.params()["cost_ref_year"]
    stuck = S.replace(learning_rate=0.0, pv_learning_rate=0.0, satellite_learning_rate=0.0, battery_learning_rate=0.0, ground_capex_trend_per_yr=0.0, launch_price_usd_per_kg=1800.0)
    lines = of.evaluate_batch(stuck, sized=True, racks=8.0, radiator_temp_k=305.0, outputs=list(pricing.LINE_OUTPUTS))
    assert pricing.parity_year(lines, stuck)[0] == math.inf


learning_names = ["pv_learning_rate", "satellite_learning_rate", "battery_learning_rate", "learning_rate"]


@given(st.sampled_from(learning_names), num(0.0, 0.6), num(0.0, 0.6), st.sampled_from([S, OPTIMIST.replace(launcher="falcon_heavy"), S.replace(strategy="battery")]))
@settings(max_examples=40)
def test_faster_learning_never_delays_parity(name, a, b, s):
    """A faster learning rate lowers every later year's price of what it applies to, so the
    first year orbit is cheaper comes no later (vectorised over draws, as the Monte Carlo)."""
    slow, fast = sorted((a, b))
    cols = {name: np.array([slow, fast]), "satellite_production_growth_per_yr": np.array([0.3, 0.3])}
    lines = of.evaluate_batch(s, sized=True, racks=12.0, radiator_temp_k=305.0, outputs=list(pricing.LINE_OUTPUTS), **cols)
    y_slow, y_fast = pricing.parity_year(lines, s, cols)
    assert y_fast <= y_slow + 1e-6


def test_parity_year_of_many_draws_equals_one_at_a_time():
    rng = np.random.default_rng(9)
    n = 40
    cols = {"satellite_learning_rate": rng.uniform(0.05, 0.3, n), "learning_rate": rng.uniform(0.1, 0.35, n), "array_cost_usd_per_w": rng.uniform(1.0, 10.0, n)}
    s = OPTIMIST.replace(launcher="falcon_heavy")
    lines = of.evaluate_batch(s, sized=True, racks=12.0, radiator_temp_k=305.0, outputs=list(pricing.LINE_OUTPUTS), **cols)
    many = pricing.parity_year(lines, s, cols)
    assert np.isfinite(many).sum() > n // 2
    for i in range(0, n, 7):
        one = pricing.parity_year({k: v[i : i + 1] for k, v in lines.items()}, s, {k: v[i : i + 1] for k, v in cols.items()})
        assert one[0] == pytest.approx(many[i], abs=1e-6)


def test_comparison_trajectory_and_year_agree_with_direct_evaluation():
    c = cmp.compare(OPTIMIST.replace(launcher="falcon_heavy"), draws=0)
    cd = c.design_choice
    t = c.trajectory.set_index("year")
    for y in (2026.0, 2030.0, 2040.0):
        assert t.loc[y, "cost_ratio"] == pytest.approx(direct_ratio(cd.scenario, y, float(cd.racks), cd.radiator_temp_k), rel=1e-9)
    assert c.ratio_at_year == pytest.approx(direct_ratio(cd.scenario, c.year, float(cd.racks), cd.radiator_temp_k), rel=1e-9)
