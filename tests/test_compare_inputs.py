"""Distributions of assumptions and their correlations: inverse CDFs against SciPy, the copula's
marginals (Kolmogorov-Smirnov) and rank correlations, correlation 0 drawing exactly the
independent draws, discrete and per-choice draws, the default set generated from the public
ranges, the scenario file's [uncertainty] table with its schema, and clear errors for bad
input."""

from __future__ import annotations

import math
import tomllib

import jsonschema
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.compare import uncertainty as U
from orbitflops.compare.uncertainty import parse_distribution, parse_uncertainty, uncertainty_of

S = of.Scenario.default()
Q = np.linspace(0.0005, 0.9995, 999)


def test_ppf_matches_scipy():
    d = parse_distribution("pue", {"dist": "uniform", "low": 1.1, "high": 1.4})
    np.testing.assert_allclose(d.ppf(Q), stats.uniform(1.1, 0.3).ppf(Q), rtol=1e-12)
    d = parse_distribution("pue", {"dist": "triangular", "low": 1.09, "mode": 1.2, "high": 1.4})
    np.testing.assert_allclose(d.ppf(Q), stats.triang((1.2 - 1.09) / (1.4 - 1.09), loc=1.09, scale=0.31).ppf(Q), rtol=1e-10)
    d = parse_distribution("rack_cost_usd", {"dist": "lognormal", "median": 3e6, "sigma": 0.25})
    np.testing.assert_allclose(d.ppf(Q), stats.lognorm(0.25, scale=3e6).ppf(Q), rtol=1e-9)
    d = parse_distribution("array_cost_usd_per_w", {"dist": "loguniform", "low": 10, "high": 150})
    np.testing.assert_allclose(d.ppf(Q), stats.loguniform(10, 150).ppf(Q), rtol=1e-10)
    # Log-triangular: the logarithm is triangular between the logs.
    d = parse_distribution("array_cost_usd_per_w", {"dist": "logtriangular", "low": 1, "mode": 8, "high": 29})
    la, lm, lb = np.log([1.0, 8.0, 29.0])
    np.testing.assert_allclose(d.ppf(Q), np.exp(stats.triang((lm - la) / (lb - la), loc=la, scale=lb - la).ppf(Q)), rtol=1e-10)
    # Log-uniform on each side of a median: half the draws below it, log-uniform on each side.
    d = parse_distribution("array_cost_usd_per_w", {"dist": "loguniform", "low": 1, "median": 8, "high": 29})
    lo, hi = Q[Q < 0.5], Q[Q >= 0.5]
    np.testing.assert_allclose(d.ppf(lo), stats.loguniform(1, 8).ppf(2 * lo), rtol=1e-10)
    np.testing.assert_allclose(d.ppf(hi), stats.loguniform(8, 29).ppf(2 * hi - 1), rtol=1e-10)


def test_discrete_draws_follow_their_weights():
    d = parse_distribution("launcher", {"dist": "discrete", "choices": ["falcon_heavy", "starship"], "weights": [3, 1]})
    x = d.ppf(np.random.default_rng(0).random(100_000))
    assert set(x) == {"falcon_heavy", "starship"}
    # Binomial: 25 % +- 4 standard errors.
    assert abs(np.mean(x == "starship") - 0.25) < 4 * math.sqrt(0.25 * 0.75 / 1e5)
    n = parse_distribution("radiator_sides", {"dist": "discrete", "choices": [1, 2]})
    assert set(n.ppf(Q)) == {1.0, 2.0} and np.mean(n.ppf(Q) == 1.0) == pytest.approx(0.5, abs=0.002)


def test_lognormal_truncated_to_the_valid_range():
    # learning_rate must stay in [0, 1): a wide lognormal is truncated there, and the draws follow
    # the truncated law (median of the truncated distribution, checked against SciPy).
    d = parse_distribution("learning_rate", {"dist": "lognormal", "median": 0.5, "sigma": 1.5})
    x = d.sample(200_000, np.random.default_rng(0))
    assert x.min() >= 0.0 and x.max() < 1.0
    law = stats.lognorm(1.5, scale=0.5)
    assert np.median(x) == pytest.approx(law.ppf(0.5 * law.cdf(1.0)), rel=0.02)


CORR = {
    "pue": {"dist": "triangular", "low": 1.09, "mode": 1.2, "high": 1.56},
    "array_cost_usd_per_w": {"dist": "loguniform", "low": 1.0, "median": 8.0, "high": 29.0},
    "bus_cost_usd_per_kg": {"dist": "logtriangular", "low": 800.0, "mode": 2000.0, "high": 7000.0},
    "discount_rate": {"dist": "uniform", "low": 0.055, "high": 0.12},
    "launcher": {"dist": "discrete", "choices": ["starship", "falcon_heavy"], "weights": [1, 3]},
    "correlation": {"array_cost_usd_per_w": {"bus_cost_usd_per_kg": 0.8, "launcher": 0.5}, "pue": {"discount_rate": -0.6}},
}


def test_copula_keeps_the_marginals():
    """Kolmogorov-Smirnov test of each correlated input's draws against its own distribution
    written with SciPy (p > 0.001 at 50,000 draws)."""
    unc = parse_uncertainty(CORR, S)
    x = unc.sample(50_000, seed=11)
    tri = stats.triang((1.2 - 1.09) / 0.47, loc=1.09, scale=0.47)
    la, lm, lb = np.log([800.0, 2000.0, 7000.0])
    logtri = stats.triang((lm - la) / (lb - la), loc=la, scale=lb - la)
    split = lambda v: np.where(v < 8.0, 0.5 * stats.loguniform(1, 8).cdf(np.minimum(v, 8.0)), 0.5 + 0.5 * stats.loguniform(8, 29).cdf(np.maximum(v, 8.0)))  # noqa: E731
    assert stats.kstest(x["pue"], tri.cdf).pvalue > 1e-3
    assert stats.kstest(np.log(x["bus_cost_usd_per_kg"]), logtri.cdf).pvalue > 1e-3
    assert stats.kstest(x["array_cost_usd_per_w"], split).pvalue > 1e-3
    assert stats.kstest(x["discount_rate"], stats.uniform(0.055, 0.065).cdf).pvalue > 1e-3
    # The discrete choice keeps its weights.
    assert abs(np.mean(x["launcher"] == "starship") - 0.25) < 4 * math.sqrt(0.25 * 0.75 / 50_000)


def test_copula_gives_the_rank_correlation_of_the_normal_scores():
    """Spearman's rank correlation of a Gaussian copula is (6/pi) asin(rho/2) (Kruskal 1958)."""
    unc = parse_uncertainty(CORR, S)
    x = unc.sample(100_000, seed=3)
    for a, b, rho in (("array_cost_usd_per_w", "bus_cost_usd_per_kg", 0.8), ("pue", "discount_rate", -0.6)):
        r = stats.spearmanr(x[a], x[b]).statistic
        assert r == pytest.approx(6 / math.pi * math.asin(rho / 2), abs=0.01)
    # Uncorrelated pairs stay uncorrelated.
    assert abs(stats.spearmanr(x["pue"], x["array_cost_usd_per_w"]).statistic) < 0.01


@given(st.integers(0, 2**31), st.sets(st.sampled_from([("pue", "discount_rate"), ("array_cost_usd_per_w", "bus_cost_usd_per_kg"), ("launcher", "pue")]), max_size=3))
@settings(max_examples=25)
def test_correlation_zero_draws_the_independent_draws(seed, pairs):
    spec = {k: v for k, v in CORR.items() if k != "correlation"}
    corr: dict = {}
    for a, b in pairs:
        corr.setdefault(a, {})[b] = 0.0
    indep = parse_uncertainty(spec, S).sample(2000, seed=seed)
    zero = parse_uncertainty({**spec, "correlation": corr}, S).sample(2000, seed=seed)
    assert indep.keys() == zero.keys()
    for k in indep:
        assert np.array_equal(indep[k], zero[k]), k


def test_inputs_without_correlations_draw_what_they_draw_without_any():
    spec = {k: v for k, v in CORR.items() if k != "correlation"}
    indep = parse_uncertainty(spec, S).sample(3000, seed=5)
    corr = parse_uncertainty({**spec, "correlation": {"pue": {"discount_rate": 0.7}}}, S).sample(3000, seed=5)
    for k in ("array_cost_usd_per_w", "bus_cost_usd_per_kg", "launcher"):
        assert np.array_equal(indep[k], corr[k])
    assert not np.array_equal(indep["discount_rate"], corr["discount_rate"])
    assert cmp.monte_carlo(S, draws=500, seed=5, uncertainty={**spec, "correlation": {}}).draws["pue"].equals(cmp.monte_carlo(S, draws=500, seed=5, uncertainty=spec).draws["pue"])


@pytest.mark.parametrize(
    "corr, match",
    [
        ({"pue": {"no_such": 0.5}}, r"uncertainty\.correlation\.pue\.no_such: 'no_such' is not an input"),
        ({"cell_efficiency": {"pue": 0.5}}, r"uncertainty\.correlation\.cell_efficiency: 'cell_efficiency' is not an input of the uncertainty table"),
        ({"pue": {"discount_rate": 1.5}}, r"uncertainty\.correlation\.pue\.discount_rate = 1\.5: must be a number in \[-1, 1\]"),
        ({"pue": {"discount_rate": "high"}}, r"uncertainty\.correlation\.pue\.discount_rate = 'high'"),
        ({"pue": {"pue": 0.5}}, r"uncertainty\.correlation\.pue\.pue: an input's correlation with itself"),
        ({"pue": {"discount_rate": 0.5}, "discount_rate": {"pue": 0.4}}, r"the pair (discount_rate and pue|pue and discount_rate) is given twice"),
        ({"pue": {"discount_rate": {"rho": 0.5, "why": "x"}}}, r"must be a number or \{ rho = \.\.\., reason"),
        (
            {"pue": {"discount_rate": 0.9, "bus_cost_usd_per_kg": 0.9}, "discount_rate": {"bus_cost_usd_per_kg": -0.9}},
            r"not consistent \(the matrix is not positive definite.*inputs most involved: .*(pue|discount_rate|bus_cost_usd_per_kg)",
        ),
        ([1, 2], r"uncertainty\.correlation = \[1, 2\]: must be a table"),
    ],
)
def test_bad_correlations_are_clear_errors(corr, match):
    spec = {k: v for k, v in CORR.items() if k != "correlation"}
    with pytest.raises(ValueError, match=match):
        parse_uncertainty({**spec, "correlation": corr}, S)


def test_a_preset_parameter_follows_the_drawn_preset():
    spec = {
        "launcher": {"dist": "discrete", "choices": ["falcon_heavy", "starship"], "weights": [1, 1]},
        "launch_price_usd_per_kg": {"by": "launcher", "starship": {"dist": "loguniform", "low": 20, "high": 1000}},
    }
    unc = parse_uncertainty(spec, S)
    x = unc.sample(4000, seed=0)
    fh = x["launcher"] == "falcon_heavy"
    assert (x["launch_price_usd_per_kg"][fh] == 1800.0).all()  # the scenario's own launcher keeps its value
    assert x["launch_price_usd_per_kg"][~fh].min() >= 20 and x["launch_price_usd_per_kg"][~fh].max() <= 1000
    mc = cmp.monte_carlo(S, draws=400, seed=0, uncertainty=spec)
    assert set(mc.draws["launcher"].astype(str)) == {"falcon_heavy", "starship"}
    # A Starship draw flies with Starship's payload: its billed mass differs from a Falcon Heavy draw's.
    ss = mc.draws["launcher"].astype(str) == "starship"
    assert mc.draws["launch_billed_mass_kg"][ss].mean() != mc.draws["launch_billed_mass_kg"][~ss].mean()


@pytest.mark.parametrize(
    "spec, match",
    [
        ({"launcher": {"dist": "discrete", "choices": ["falcon_heavy", "saturn_v"]}}, r"uncertainty\.launcher\.choices = 'saturn_v': not a launcher"),
        ({"launcher": {"dist": "uniform", "low": 1, "high": 2}}, r"launcher is a choice of names: it takes dist = \"discrete\""),
        ({"launcher": {"dist": "discrete", "choices": ["starship"], "weights": [1, 2]}}, r"uncertainty\.launcher\.weights = \[1, 2\]: must be a list of 1 numbers"),
        ({"launcher": {"dist": "discrete", "choices": ["starship", "falcon9"], "weights": [1, -2]}}, r"weights = -2: must be finite numbers >= 0"),
        ({"launcher": {"dist": "discrete", "choices": ["starship", "starship"]}}, r"lists a choice twice"),
        ({"radiator_sides": {"dist": "discrete", "choices": [1, 3]}}, r"uncertainty\.radiator_sides\.choices = 3\.0: outside the valid range"),
        ({"radiator_sides": {"dist": "discrete", "choices": [1.5, 2]}}, r"radiator_sides\.choices = 1\.5: .*a whole number"),
        (
            {"launcher": {"dist": "discrete", "choices": ["falcon_heavy", "starship"]}, "launch_price_usd_per_kg": {"dist": "uniform", "low": 100, "high": 2000}},
            r"uncertainty\.launch_price_usd_per_kg: launcher is drawn .* give launch_price_usd_per_kg a distribution per launcher",
        ),
        ({"launch_price_usd_per_kg": {"by": "launcher", "starship": {"dist": "uniform", "low": 100, "high": 300}}}, r"launcher is not drawn"),
        (
            {"launcher": {"dist": "discrete", "choices": ["falcon_heavy", "starship"]}, "pue": {"by": "launcher", "starship": {"dist": "uniform", "low": 1.1, "high": 1.3}}},
            r"no launcher preset sets pue",
        ),
        (
            {"launcher": {"dist": "discrete", "choices": ["falcon_heavy", "starship"]}, "launch_price_usd_per_kg": {"by": "launcher", "falcon9": {"dist": "uniform", "low": 100, "high": 300}}},
            r"falcon9 is not among the drawn launcher choices",
        ),
    ],
)
def test_bad_discrete_and_per_choice_draws_are_clear_errors(spec, match):
    with pytest.raises(ValueError, match=match):
        parse_uncertainty(spec, S)


def test_default_set_spans_every_public_range():
    """Every assumption with a public range is drawn (those a drawn preset sets, per preset), each
    named with its range and source, its mode or median at the scenario's value."""
    unc = uncertainty_of(S)
    rows = {r["name"]: r for r in of.assumptions(S)}
    drawn_presets = [k for k in ("launcher", "cell", "rack") if k in unc]
    assert set(drawn_presets) == {"launcher", "cell", "rack"}
    for name, r in rows.items():
        if r["public_low"] is None or name in U.INERT_IN_MODE["bottom_up"]:
            continue
        assert name in unc, name
        d = unc[name]
        if isinstance(d, U.Conditional):
            d = d.by[S.choices()[d.on]]
        assert d.source.startswith("public range") and r["source"][:30] in d.source, name
        assert d.low == r["public_low"] and d.high == r["public_high"], name
        wide = r["public_low"] > 0 and r["public_high"] / r["public_low"] > 3
        if wide:
            assert d.kind == "loguniform" and d.median == r["value"], name
        else:
            assert d.kind == "triangular" and d.mode == r["value"], name
    # The preset-set parameters follow the other preset's own range for draws of it.
    lp = unc["launch_price_usd_per_kg"]
    assert isinstance(lp, U.Conditional) and (lp.by["starship"].low, lp.by["starship"].median, lp.by["starship"].high) == (20.0, 200.0, 1000.0)


def test_default_set_widens_to_reach_the_scenario_and_drops_inert_parameters():
    s = S.replace(electricity_price_usd_per_kwh=0.04, radiator_areal_density_kg_m2=15.0)
    d = uncertainty_of(s)
    e = d["electricity_price_usd_per_kwh"]
    assert (e.low, e.mode, e.high) == (0.04, 0.04, 0.13)
    r = d["radiator_areal_density_kg_m2"]
    assert (r.low, r.high, r.kind, r.mode) == (2.5, 15.0, "logtriangular", 15.0)  # at the end of its range: the mode
    assert "spacecraft_cost_usd_per_w" not in d and "array_cost_usd_per_w" in d
    top_down = uncertainty_of(S.replace(spacecraft="specific"))
    assert "spacecraft_cost_usd_per_w" in top_down and "bus_cost_usd_per_kg" not in top_down


def test_default_correlations_are_estimates_with_reasons_and_consistent():
    unc = uncertainty_of(S)
    assert unc.correlated and len(unc.correlations) > 50
    for (a, b), rho in unc.correlations.items():
        why = unc.reasons[(a, b)]
        assert "est." in why and len(why) > 60, (a, b)
        assert -1 < rho < 1
    w = np.linalg.eigvalsh(unc.matrix())
    assert w.min() > 0.05
    # Signs: a cheaper launcher and faster launch learning go together (the launcher's choices run
    # from orbit's side to the ground's).
    assert unc["launcher"].choices[0] == "starship"
    assert unc.correlations.get(("launcher", "learning_rate")) == pytest.approx(-U.WITHIN_GROUP_RHO)


def test_scenario_file_uncertainty_table_is_used_and_round_trips():
    text = """
[uncertainty]
failure_rate_per_yr = { dist = "triangular", low = 0.03, mode = 0.07, high = 0.12 }
launcher = { dist = "discrete", choices = ["falcon_heavy", "starship"], weights = [3, 1] }

[uncertainty.learning_rate]
dist = "uniform"
low = 0.15
high = 0.25

[uncertainty.launch_price_usd_per_kg]
by = "launcher"
starship = { dist = "loguniform", low = 20.0, median = 200.0, high = 1000.0 }

[uncertainty.correlation.learning_rate]
failure_rate_per_yr = { rho = -0.3, reason = "est.: a test" }
launcher = 0.4
"""
    s = of.Scenario.from_toml_str(text)
    unc = uncertainty_of(s)
    assert list(unc) == ["failure_rate_per_yr", "launcher", "learning_rate", "launch_price_usd_per_kg"]
    assert unc.correlations == {("learning_rate", "failure_rate_per_yr"): -0.3, ("learning_rate", "launcher"): 0.4}
    assert unc.reasons[("learning_rate", "failure_rate_per_yr")] == "est.: a test"
    s2 = of.Scenario.from_toml_str(s.to_toml())
    assert uncertainty_of(s2) == unc
    # The table as a mapping parses to the same inputs (to_dict round trip).
    assert parse_uncertainty(unc.to_dict(), s) == unc
    mc = cmp.monte_carlo(s, draws=1000, seed=0)
    assert set(mc.distributions) == set(unc)
    assert mc.draws["learning_rate"].between(0.15, 0.25).all()
    assert of.scenario_schema() and _schema_ok(tomllib.loads(text))


def test_defaults_true_starts_from_the_default_set():
    spec = {"defaults": True, "pue": {"dist": "uniform", "low": 1.1, "high": 1.2}, "correlation": {"learning_rate": {"satellite_learning_rate": 0.6}}}
    unc = parse_uncertainty(spec, S)
    base = uncertainty_of(S)
    assert set(unc) == set(base)
    assert unc["pue"].kind == "uniform"
    assert unc.correlations.get(("learning_rate", "satellite_learning_rate"), unc.correlations.get(("satellite_learning_rate", "learning_rate"))) == 0.6
    assert sum(1 for k in unc.correlations if set(k) == {"learning_rate", "satellite_learning_rate"}) == 1


_VALIDATOR: list = []


def _schema_ok(doc: dict) -> bool:
    if not _VALIDATOR:
        _VALIDATOR.append(jsonschema.Draft202012Validator(of.scenario_schema()))
    return _VALIDATOR[0].is_valid(doc)


def _parser_ok(spec: dict) -> bool:
    try:
        parse_uncertainty(spec, S)
        return True
    except ValueError:
        return False


SCHEMA_CASES = [
    {"launcher": {"dist": "discrete", "choices": ["falcon_heavy", "starship"], "weights": [3, 1]}},
    {"launcher": {"dist": "discrete", "choices": ["saturn_v"]}},
    {"radiator_sides": {"dist": "discrete", "choices": [1, 2]}},
    {"radiator_sides": {"dist": "discrete", "choices": [1, 3]}},
    {"radiator_sides": {"dist": "uniform", "low": 1, "high": 2}},
    {"array_cost_usd_per_w": {"dist": "loguniform", "low": 1, "median": 8, "high": 29}},
    {"array_cost_usd_per_w": {"dist": "logtriangular", "low": 1, "mode": 8, "high": 29}},
    {"array_cost_usd_per_w": {"dist": "logtriangular", "low": 0, "mode": 8, "high": 29}},
    {"launcher": {"dist": "discrete", "choices": ["falcon_heavy", "starship"]}, "launch_price_usd_per_kg": {"by": "launcher", "starship": {"dist": "uniform", "low": 100, "high": 300}}},
    {"launcher": {"dist": "discrete", "choices": ["falcon_heavy", "starship"]}, "launch_price_usd_per_kg": {"by": "launcher", "starship": {"dist": "uniform", "low": 100, "high": 300, "step": 1}}},
    {"pue": {"dist": "uniform", "low": 1.1, "high": 1.3}, "discount_rate": {"dist": "uniform", "low": 0.05, "high": 0.1}, "correlation": {"pue": {"discount_rate": 0.5}}},
    {"pue": {"dist": "uniform", "low": 1.1, "high": 1.3}, "discount_rate": {"dist": "uniform", "low": 0.05, "high": 0.1}, "correlation": {"pue": {"discount_rate": 1.5}}},
    {"pue": {"dist": "uniform", "low": 1.1, "high": 1.3}, "discount_rate": {"dist": "uniform", "low": 0.05, "high": 0.1}, "correlation": {"pue": {"discount_rate": {"rho": 0.5, "reason": "est."}}}},
    {"defaults": True},
    {"defaults": "yes"},
]


@pytest.mark.parametrize("spec", SCHEMA_CASES, ids=lambda s: ",".join(s))
def test_schema_agrees_with_the_parser_on_the_new_forms(spec):
    assert _schema_ok({"uncertainty": spec}) == _parser_ok(spec)


def test_default_set_is_valid_under_the_schema():
    assert _schema_ok({"uncertainty": cmp.DEFAULT_UNCERTAINTY})
    assert _schema_ok({"uncertainty": uncertainty_of(of.Scenario.default().replace(cell="gaas_tj")).to_dict()})


@pytest.mark.parametrize(
    "spec, match",
    [
        ({"no_such_param": {"dist": "uniform", "low": 0, "high": 1}}, r"uncertainty\.no_such_param: unknown scenario parameter or choice"),
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
        ({"array_cost_usd_per_w": {"dist": "loguniform", "low": 1, "median": 10, "high": 10}}, r"median = 10\.0: must lie strictly between"),
        ({"pue": {"dist": "uniform", "low": 1, "high": 2, "scale": 3}}, r"uncertainty\.pue\.scale = 3: unknown field"),
        ({"pue": {"dist": "uniform", "low": 1, "high": 2, "mode": 1.5}}, r"uncertainty\.pue\.mode = 1\.5: unknown field"),
        ({"radiator_sides": {"dist": "uniform", "low": 1, "high": 2}}, r"whole-number parameter .*discrete"),
        ({"pue": 1.2}, r"uncertainty\.pue = 1\.2: must be a table"),
        ({"defaults": 1}, r"uncertainty\.defaults = 1: must be true or false"),
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
        ({"region": "mars"}, r"region = 'mars': must be one of"),
        ({"horizon_year": 2000.0}, r"horizon_year = 2000\.0: must be a year after cost_ref_year"),
    ],
)
def test_bad_compare_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cmp.compare(S, **{"draws": 200, "sobol_n": 0, **kwargs})


def test_bad_learning_inputs():
    with pytest.raises(ValueError, match=r"learning_rate = 1\.0"):
        cmp.launch_price_usd_per_kg(2030, 1.0, 1800, 4e5, 2025, 4e5, 0.3)
    with pytest.raises(ValueError, match=r"year = nan"):
        cmp.launch_price_usd_per_kg(math.nan, 0.2, 1800, 4e5, 2025, 4e5, 0.3)
    with pytest.raises(ValueError, match=r"learning_m0_kg = -1\.0"):
        cmp.wright_price_usd_per_kg(1e6, -1.0, 1800, 0.2)
    with pytest.raises(ValueError, match=r"pv_learning_rate = 1\.2"):
        cmp.hardware_price_factor("pv", 2030.0, {**S.params(), "pv_learning_rate": 1.2})
    with pytest.raises(ValueError, match=r"curve = 'wind'"):
        cmp.hardware_price_factor("wind", 2030.0, S.params())
    with pytest.raises(of.InvalidInputError, match="learning_rate"):
        S.replace(learning_rate=1.5)


def test_sobol_needs_two_inputs():
    with pytest.raises(ValueError, match="at least two"):
        cmp.sobol_indices(S, uncertainty={"pue": {"dist": "uniform", "low": 1.1, "high": 1.3}}, n_base=64)


def test_readme_uncertainty_example_parses():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = text.split("```toml\n[uncertainty]")[1].split("```")[0]
    s = of.Scenario.from_toml_str("[uncertainty]" + block)
    unc = uncertainty_of(s)
    assert {"launcher", "launch_price_usd_per_kg", "learning_rate"} <= set(unc) and unc.correlated
