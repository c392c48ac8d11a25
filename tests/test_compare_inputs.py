"""Distributions of assumptions: inverse CDFs against SciPy, truncation to valid ranges, the
scenario file's [uncertainty] table, and clear errors for bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.compare.uncertainty import parse_distribution, parse_uncertainty, uncertainty_of

S = of.Scenario.default()
U = np.linspace(0.0005, 0.9995, 999)


def test_ppf_matches_scipy():
    d = parse_distribution("pue", {"dist": "uniform", "low": 1.1, "high": 1.4})
    np.testing.assert_allclose(d.ppf(U), stats.uniform(1.1, 0.3).ppf(U), rtol=1e-12)
    d = parse_distribution("pue", {"dist": "triangular", "low": 1.09, "mode": 1.2, "high": 1.4})
    np.testing.assert_allclose(d.ppf(U), stats.triang((1.2 - 1.09) / (1.4 - 1.09), loc=1.09, scale=0.31).ppf(U), rtol=1e-10)
    d = parse_distribution("rack_cost_usd", {"dist": "lognormal", "median": 3e6, "sigma": 0.25})
    np.testing.assert_allclose(d.ppf(U), stats.lognorm(0.25, scale=3e6).ppf(U), rtol=1e-9)
    d = parse_distribution("array_cost_usd_per_w", {"dist": "loguniform", "low": 10, "high": 150})
    np.testing.assert_allclose(d.ppf(U), stats.loguniform(10, 150).ppf(U), rtol=1e-10)


def test_lognormal_truncated_to_the_valid_range():
    # learning_rate must stay in [0, 1): a wide lognormal is truncated there, and the draws follow
    # the truncated law (median of the truncated distribution, checked against SciPy).
    d = parse_distribution("learning_rate", {"dist": "lognormal", "median": 0.5, "sigma": 1.5})
    x = d.sample(200_000, np.random.default_rng(0))
    assert x.min() >= 0.0 and x.max() < 1.0
    law = stats.lognorm(1.5, scale=0.5)
    f_hi = law.cdf(1.0)
    assert np.median(x) == pytest.approx(law.ppf(0.5 * f_hi), rel=0.02)


def test_defaults_take_the_scenario_value():
    s = S.replace(rack_cost_usd=2.0e6)
    d = parse_distribution("rack_cost_usd", {"dist": "lognormal", "sigma": 0.3}, s)
    assert d.median == 2.0e6
    t = parse_distribution("pue", {"dist": "triangular", "low": 1.0, "high": 2.0}, s)
    assert t.mode == s.params()["pue"]


def test_every_default_distribution_is_valid_and_sourced():
    dists = uncertainty_of(S)
    assert set(dists) == set(cmp.DEFAULT_UNCERTAINTY)
    for name, d in dists.items():
        assert d.source, name
        x = d.ppf(np.array([0.0, 0.5, 1.0]))
        assert np.all(np.isfinite(x)), name


def test_default_distributions_fit_the_scenario():
    # A value outside a default range widens it; a zero cost drops its lognormal.
    s = S.replace(electricity_price_usd_per_kwh=0.04, rack_cost_usd=0.0, radiator_areal_density_kg_m2=15.0)
    d = uncertainty_of(s)
    e = d["electricity_price_usd_per_kwh"]
    assert (e.low, e.mode, e.high) == (0.04, 0.04, 0.25)
    assert "rack_cost_usd" not in d
    r = d["radiator_areal_density_kg_m2"]
    assert (r.low, r.high) == (2.0, 15.0)
    # An explicit table is taken as written and checked strictly.
    with pytest.raises(ValueError, match=r"uncertainty\.electricity_price_usd_per_kwh\.mode = 0\.04"):
        parse_uncertainty({"electricity_price_usd_per_kwh": cmp.DEFAULT_UNCERTAINTY["electricity_price_usd_per_kwh"]}, s)


def test_scenario_file_uncertainty_table_is_used_and_round_trips():
    text = """
[uncertainty]
failure_rate_per_yr = { dist = "triangular", low = 0.03, mode = 0.07, high = 0.12 }

[uncertainty.learning_rate]
dist = "uniform"
low = 0.15
high = 0.25
"""
    s = of.Scenario.from_toml_str(text)
    dists = uncertainty_of(s)
    assert set(dists) == {"failure_rate_per_yr", "learning_rate"}
    assert dists["failure_rate_per_yr"].mode == 0.07
    s2 = of.Scenario.from_toml_str(s.to_toml())
    assert uncertainty_of(s2) == dists
    mc = cmp.monte_carlo(s, draws=1000, seed=0)
    assert set(mc.distributions) == {"failure_rate_per_yr", "learning_rate"}
    assert mc.draws["learning_rate"].between(0.15, 0.25).all()


@pytest.mark.parametrize(
    "spec, match",
    [
        ({"no_such_param": {"dist": "uniform", "low": 0, "high": 1}}, r"uncertainty\.no_such_param: unknown scenario parameter"),
        ({"pue_": {"dist": "uniform", "low": 1, "high": 2}}, r"did you mean 'pue'"),
        ({"pue": {"dist": "gaussian", "low": 1, "high": 2}}, r"uncertainty\.pue\.dist = 'gaussian': must be one of"),
        ({"pue": {"dist": "uniform", "low": 1.5, "high": 1.2}}, r"uncertainty\.pue\.high = 1\.2: must be >= low"),
        ({"pue": {"dist": "uniform", "low": 0.5, "high": 1.2}}, r"uncertainty\.pue\.low = 0\.5: outside the valid range"),
        ({"pue": {"dist": "uniform", "low": "1", "high": 1.2}}, r"uncertainty\.pue\.low = '1': must be a number"),
        ({"pue": {"dist": "uniform", "low": float("nan"), "high": 1.2}}, r"uncertainty\.pue\.low = nan: must be finite"),
        ({"pue": {"dist": "uniform", "high": 1.2}}, r"uncertainty\.pue\.low = None: missing"),
        ({"pue": {"dist": "triangular", "low": 1.3, "high": 1.4}}, r"uncertainty\.pue\.mode = 1\.2: must lie in \[low, high\].*scenario's value"),
        ({"rack_cost_usd": {"dist": "lognormal"}}, r"uncertainty\.rack_cost_usd\.sigma = None: missing"),
        ({"rack_cost_usd": {"dist": "lognormal", "sigma": -1}}, r"uncertainty\.rack_cost_usd\.sigma = -1\.0: must be > 0"),
        ({"array_cost_usd_per_w": {"dist": "loguniform", "low": 0, "high": 10}}, r"must be > 0 for a loguniform"),
        ({"pue": {"dist": "uniform", "low": 1, "high": 2, "scale": 3}}, r"uncertainty\.pue\.scale = 3: unknown field"),
        ({"radiator_sides": {"dist": "uniform", "low": 1, "high": 2}}, r"whole-number parameter"),
        ({"pue": 1.2}, r"uncertainty\.pue = 1\.2: must be a table"),
    ],
)
def test_bad_uncertainty_is_a_clear_error(spec, match):
    with pytest.raises(ValueError, match=match):
        parse_uncertainty(spec, S)


def test_bad_uncertainty_in_a_file_is_reported_when_used():
    s = of.Scenario.from_toml_str('[uncertainty]\npue = { dist = "uniform", low = 0.2, high = 1.3 }\n')
    with pytest.raises(ValueError, match=r"uncertainty\.pue\.low = 0\.2"):
        cmp.compare(s, draws=100)


def test_uncertainty_section_must_be_a_table():
    with pytest.raises(TypeError, match=r"uncertainty = an integer: must be a table"):
        of.Scenario.from_toml_str("uncertainty = 3\n")


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"year": float("nan")}, r"year = nan"),
        ({"year": 1800}, r"year = 1800"),
        ({"draws": -1}, r"draws = -1"),
        ({"draws": 2.5}, r"draws = 2\.5"),
        ({"sobol_n": 1000}, r"n_base = 1000: must be a power of 2"),
    ],
)
def test_bad_compare_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cmp.compare(S, **{"draws": 200, **kwargs})


def test_bad_learning_inputs():
    with pytest.raises(ValueError, match=r"learning_rate = 1\.0"):
        cmp.launch_price_usd_per_kg(2030, 1.0, 1800, 4e5, 2025, 4e5, 0.3)
    with pytest.raises(ValueError, match=r"year = nan"):
        cmp.launch_price_usd_per_kg(math.nan, 0.2, 1800, 4e5, 2025, 4e5, 0.3)
    with pytest.raises(ValueError, match=r"learning_m0_kg = -1\.0"):
        cmp.wright_price_usd_per_kg(1e6, -1.0, 1800, 0.2)
    with pytest.raises(of.InvalidInputError, match="learning_rate"):
        S.replace(learning_rate=1.5)


def test_sobol_needs_two_inputs():
    with pytest.raises(ValueError, match="at least two"):
        cmp.sobol_indices(S, uncertainty={"pue": {"dist": "uniform", "low": 1.1, "high": 1.3}}, n_base=64)
