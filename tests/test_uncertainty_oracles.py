"""The uncertainty machinery against closed forms: Sobol indices of functions whose indices are
known analytically, and Monte Carlo quantiles against each distribution's exact quantiles pushed
through a monotone model. Tolerances come from the estimators' standard errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.compare.montecarlo import MonteCarloResult
from orbitflops.compare.uncertainty import KINDS, Distribution, sample

PI = math.pi
# A check lies this many standard errors from its expected value at most; with a normal error a
# correct estimator fails it with probability 6e-5 (and the seeds are fixed).
Z = 4.0


# --- Sobol indices ------------------------------------------------------------------------------


def ishigami(a: float, b: float):
    def f(x: dict[str, np.ndarray]) -> np.ndarray:
        return np.sin(x["x1"]) + a * np.sin(x["x2"]) ** 2 + b * x["x3"] ** 4 * np.sin(x["x1"])

    return f


def ishigami_indices(a: float, b: float) -> tuple[list[float], list[float]]:
    """Analytic S1 and ST of the Ishigami function, X_i ~ U(-pi, pi) (Ishigami & Homma 1990;
    Saltelli et al., Global Sensitivity Analysis: The Primer, 2008, sec. 4.8 / Sobol & Levitan
    1999): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = 8 b^2 pi^8 / 225."""
    v1 = 0.5 * (1.0 + b * PI**4 / 5.0) ** 2
    v2 = a * a / 8.0
    v13 = 8.0 * b * b * PI**8 / 225.0
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def test_ishigami_closed_form_gives_the_published_indices():
    # Published for a = 7, b = 0.1 (Saltelli et al. 2008, The Primer; Ishigami & Homma 1990):
    # S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
    s1, st = ishigami_indices(7.0, 0.1)
    assert [round(x, 4) for x in s1] == [0.3139, 0.4424, 0.0]
    assert [round(x, 4) for x in st] == [0.5576, 0.4424, 0.2437]


def check_indices(df: pd.DataFrame, s1: dict[str, float], st: dict[str, float], conf_level: float, widest: float):
    """Each estimate within Z bootstrap standard errors of the exact index, the bootstrap being
    narrow enough for the check to mean something."""
    z_conf = stats.norm.ppf(0.5 + conf_level / 2.0)
    d = df.set_index("name")
    for name in s1:
        for col, exact in (("S1", s1[name]), ("ST", st[name])):
            se = d.loc[name, f"{col}_conf"] / z_conf
            assert 0 < se * Z <= widest, (name, col, se)
            assert abs(d.loc[name, col] - exact) <= Z * se, (name, col, d.loc[name, col], exact, se)


def uniform(name: str, lo: float, hi: float) -> Distribution:
    return Distribution(name, "uniform", lo, hi)


def test_sobol_indices_of_the_ishigami_function():
    s1, st = ishigami_indices(7.0, 0.1)
    dists = {f"x{i}": uniform(f"x{i}", -PI, PI) for i in (1, 2, 3)}
    df = cmp.sobol_indices_of(ishigami(7.0, 0.1), dists, n_base=2**14, seed=1, conf_level=0.95, num_resamples=200)
    assert list(df["name"]) == ["x1", "x2", "x3"]  # sorted by ST: 0.558 > 0.442 > 0.244
    names = list(dists)
    check_indices(df, dict(zip(names, s1)), dict(zip(names, st)), 0.95, widest=0.1)


def variance(d: Distribution) -> float:
    """Closed-form variance of each distribution kind (textbook moments)."""
    a, b = d.low, d.high
    if d.kind == "uniform":
        return (b - a) ** 2 / 12.0
    if d.kind == "triangular":
        c = d.mode
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0
    if d.kind == "loguniform":

        def moment(lo: float, hi: float, k: int) -> float:  # E[X^k] of a log-uniform on [lo, hi]
            return (hi**k - lo**k) / (k * math.log(hi / lo))

        if math.isnan(d.median):
            return moment(a, b, 2) - moment(a, b, 1) ** 2
        # Half the draws log-uniform on each side of the median.
        m = d.median
        m1 = 0.5 * (moment(a, m, 1) + moment(m, b, 1))
        m2 = 0.5 * (moment(a, m, 2) + moment(m, b, 2))
        return m2 - m1 * m1
    if d.kind == "logtriangular":
        # X = exp(Y), Y triangular on the logs: E[X^k] is Y's moment-generating function at k,
        # M(t) = 2 ((b - c) e^(a t) - (b - a) e^(c t) + (c - a) e^(b t)) / ((b - a)(c - a)(b - c) t^2).
        la, lb, lc = math.log(a), math.log(b), math.log(d.mode)

        def mgf(tt: float) -> float:
            return 2.0 * ((lb - lc) * math.exp(la * tt) - (lb - la) * math.exp(lc * tt) + (lc - la) * math.exp(lb * tt)) / ((lb - la) * (lc - la) * (lb - lc) * tt * tt)

        return mgf(2.0) - mgf(1.0) ** 2
    if d.kind == "discrete":
        x = np.asarray(d.choices, float)
        w = np.asarray(d.weights, float) / sum(d.weights)
        return float(w @ x**2 - (w @ x) ** 2)
    # Lognormal truncated to [a, b]: E[X^k] = exp(k mu + k^2 s^2 / 2) [Phi(beta - k s) -
    # Phi(alpha - k s)] / [Phi(beta) - Phi(alpha)], alpha, beta the standardised log bounds.
    mu, s = math.log(d.median), d.sigma
    al = (math.log(a) - mu) / s if a > 0 else -math.inf
    be = (math.log(b) - mu) / s if math.isfinite(b) else math.inf
    phi = stats.norm.cdf
    z = phi(be) - phi(al)
    m1 = math.exp(mu + s * s / 2) * (phi(be - s) - phi(al - s)) / z
    m2 = math.exp(2 * mu + 2 * s * s) * (phi(be - 2 * s) - phi(al - 2 * s)) / z
    return m2 - m1 * m1


LINEAR_INPUTS = {
    "u": Distribution("u", "uniform", 0.0, 2.0),
    "t": Distribution("t", "triangular", 1.0, 5.0, mode=2.0),
    "g": Distribution("g", "loguniform", 1.0, 20.0),
    "n": Distribution("n", "lognormal", 0.0, math.inf, median=3.0, sigma=0.4),
    "nt": Distribution("nt", "lognormal", 2.0, 6.0, median=3.0, sigma=0.6),
    "gm": Distribution("gm", "loguniform", 1.0, 20.0, median=6.0),
    "lt": Distribution("lt", "logtriangular", 1.0, 20.0, mode=4.0),
    "dc": Distribution("dc", "discrete", choices=(1.0, 2.0, 5.0), weights=(1.0, 2.0, 1.0)),
}
LINEAR_COEFFS = {"u": 3.0, "t": -1.5, "g": 0.4, "n": 1.0, "nt": 2.0, "gm": 0.4, "lt": 0.4, "dc": 1.5}


def test_sobol_indices_of_a_linear_model_through_each_inverse_cdf():
    """Y = sum c_i X_i with independent inputs of every distribution kind: S1_i = ST_i =
    c_i^2 Var X_i / sum_j c_j^2 Var X_j, with the variances in closed form. A wrong inverse CDF
    (range, shape or truncation) changes its input's variance and so its index."""
    assert {d.kind for d in LINEAR_INPUTS.values()} == set(KINDS)
    part = {k: LINEAR_COEFFS[k] ** 2 * variance(d) for k, d in LINEAR_INPUTS.items()}
    total = sum(part.values())
    exact = {k: v / total for k, v in part.items()}
    assert min(exact.values()) > 0.05  # every input matters, so every index is a real check

    def model(x):
        return sum(c * x[k] for k, c in LINEAR_COEFFS.items())

    df = cmp.sobol_indices_of(model, LINEAR_INPUTS, n_base=2**13, seed=3, conf_level=0.95, num_resamples=200)
    check_indices(df, exact, exact, 0.95, widest=0.1)


def test_sobol_indices_of_checks_its_arguments():
    dists = {f"x{i}": uniform(f"x{i}", -PI, PI) for i in (1, 2)}
    with pytest.raises(ValueError, match="n_base = 100"):
        cmp.sobol_indices_of(lambda x: x["x1"], dists, n_base=100)
    with pytest.raises(ValueError, match="at least two"):
        cmp.sobol_indices_of(lambda x: x["x1"], {"x1": dists["x1"]}, n_base=64)
    with pytest.raises(ValueError, match="y is not finite"):
        cmp.sobol_indices_of(lambda x: np.where(x["x1"] > 0, np.inf, 1.0), dists, n_base=64, output="y")
    with pytest.raises(ValueError, match="shape"):
        cmp.sobol_indices_of(lambda x: x["x1"][:3], dists, n_base=64)


@pytest.mark.parametrize("seed", [0, 7])
def test_sobol_confidence_intervals_repeat_for_every_seed(seed):
    # SALib seeds its bootstrap only for a truthy seed; seed 0 (the default of compare) must
    # repeat too.
    dists = {f"x{i}": uniform(f"x{i}", -PI, PI) for i in (1, 2, 3)}
    runs = [cmp.sobol_indices_of(ishigami(7.0, 0.1), dists, n_base=256, seed=seed) for _ in range(2)]
    pd.testing.assert_frame_equal(runs[0], runs[1])


# --- Monte Carlo quantiles ----------------------------------------------------------------------


def scipy_cdf(d: Distribution):
    """The exact CDF of each kind from SciPy (independent of Distribution.ppf)."""
    a, b = d.low, d.high
    if d.kind == "uniform":
        return stats.uniform(loc=a, scale=b - a).cdf
    if d.kind == "loguniform":
        if math.isnan(d.median):
            return stats.loguniform(a, b).cdf
        lo, hi, m = stats.loguniform(a, d.median), stats.loguniform(d.median, b), d.median
        return lambda x: np.where(np.asarray(x) < m, 0.5 * lo.cdf(np.minimum(x, m)), 0.5 + 0.5 * hi.cdf(np.maximum(x, m)))
    if d.kind == "triangular":
        return stats.triang((d.mode - a) / (b - a), loc=a, scale=b - a).cdf
    if d.kind == "logtriangular":
        la, lb = math.log(a), math.log(b)
        law = stats.triang((math.log(d.mode) - la) / (lb - la), loc=la, scale=lb - la)
        return lambda x: law.cdf(np.log(x))
    if d.kind == "discrete":
        return stats.rv_discrete(values=(np.asarray(d.choices), np.asarray(d.weights) / sum(d.weights))).cdf
    base = stats.lognorm(s=d.sigma, scale=d.median)
    lo, hi = base.cdf(a), base.cdf(b)
    return lambda x: (base.cdf(x) - lo) / (hi - lo)


def scipy_ppf(d: Distribution):
    a, b = d.low, d.high
    if d.kind == "uniform":
        return stats.uniform(loc=a, scale=b - a).ppf
    if d.kind == "loguniform":
        if math.isnan(d.median):
            return stats.loguniform(a, b).ppf
        lo, hi = stats.loguniform(a, d.median), stats.loguniform(d.median, b)
        return lambda p: np.where(np.asarray(p) < 0.5, lo.ppf(np.minimum(2 * np.asarray(p), 1.0)), hi.ppf(np.maximum(2 * np.asarray(p) - 1.0, 0.0)))
    if d.kind == "triangular":
        return stats.triang((d.mode - a) / (b - a), loc=a, scale=b - a).ppf
    if d.kind == "logtriangular":
        la, lb = math.log(a), math.log(b)
        law = stats.triang((math.log(d.mode) - la) / (lb - la), loc=la, scale=lb - la)
        return lambda p: np.exp(law.ppf(p))
    if d.kind == "discrete":
        return stats.rv_discrete(values=(np.asarray(d.choices), np.asarray(d.weights) / sum(d.weights))).ppf
    base = stats.lognorm(s=d.sigma, scale=d.median)
    lo, hi = base.cdf(a), base.cdf(b)
    return lambda p: base.ppf(lo + np.asarray(p) * (hi - lo))


QS = (0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99)


def binomial_band(p: float, n: int) -> tuple[float, float]:
    """The sample p-quantile of n draws has F(q) within p +- Z sqrt(p (1 - p) / n): the count of
    draws below the true p-quantile is binomial (n, p)."""
    se = math.sqrt(p * (1.0 - p) / n)
    return max(p - Z * se, 0.0), min(p + Z * se, 1.0)


@pytest.mark.parametrize("name", [k for k, d in LINEAR_INPUTS.items() if d.kind != "discrete"])
def test_sample_quantiles_of_a_monotone_transform(name):
    """Quantiles of exp(X / scale) over the draws of `sample`, through MonteCarloResult.quantiles,
    against the exact CDF of X."""
    d = LINEAR_INPUTS[name]
    n = 200_000
    x = sample({name: d}, n, seed=11)[name]
    scale = float(np.std(x))
    mc = MonteCarloResult(draws=pd.DataFrame({"y": np.exp(x / scale)}), year=2030.0, seed=11, seconds=0.0, distributions={name: d}, scenario=of.Scenario.default())
    got = mc.quantiles("y", QS)
    cdf = scipy_cdf(d)
    for p in QS:
        lo, hi = binomial_band(p, n)
        f = float(cdf(math.log(got[p]) * scale))  # the exact CDF at the estimate
        assert lo <= f <= hi, (name, p, f)
    # The band is narrow: a quantile off by 1 % of the spread would leave it.
    assert Z * math.sqrt(0.25 / n) < 0.005


# A cost parameter of each distribution kind; with a fixed design the orbit's cost per FLOP rises
# with each of them (it pays for more expensive hardware and delivers the same FLOP).
MC_CASES = {
    "uniform": ("launch_price_usd_per_kg", {"dist": "uniform", "low": 200.0, "high": 3000.0}),
    "loguniform": ("array_cost_usd_per_w", {"dist": "loguniform", "low": 5.0, "high": 150.0}),
    "triangular": ("bus_cost_usd_per_kg", {"dist": "triangular", "low": 500.0, "mode": 2000.0, "high": 20000.0}),
    "lognormal": ("radiator_cost_usd_per_m2", {"dist": "lognormal", "median": 5000.0, "sigma": 0.5}),
    "logtriangular": ("structure_cost_usd_per_kg", {"dist": "logtriangular", "low": 300.0, "mode": 1000.0, "high": 5000.0}),
    "discrete": ("coolant_loop_cost_usd_per_w", {"dist": "discrete", "choices": [0.2, 1.0, 5.0], "weights": [1, 2, 1]}),
}


@pytest.mark.parametrize("kind", KINDS)
def test_monte_carlo_quantiles_through_the_model(kind):
    """`monte_carlo`'s quantiles of the orbit's cost per FLOP against the model evaluated at the
    exact quantiles of the input (SciPy): the P-quantile of the output lies between the model at
    the input's (p - band) and (p + band) quantiles."""
    param, spec = MC_CASES[kind]
    s = of.Scenario.default()
    design = of.size(s, 4)
    n = 100_000
    mc = cmp.monte_carlo(s, design, draws=n, seed=5, uncertainty={param: spec})
    d = mc.distributions[param]
    assert d.kind == kind
    got = mc.quantiles("cost_per_flop_usd", QS)
    ppf = scipy_ppf(d)
    for p in QS:
        lo, hi = binomial_band(p, n)
        x = np.array([ppf(lo), ppf(hi)], dtype=float)
        y = of.evaluate_batch(s, array_area_m2=design.array_area_m2, radiator_area_m2=design.radiator_area_m2, racks=4.0, outputs=["cost_per_flop_usd"], **{param: x})["cost_per_flop_usd"]
        if kind == "discrete":
            # A discrete input's quantile is one of its choices: within the band it is exact.
            assert y[0] <= y[1], (kind, p, y)
        else:
            assert y[0] < y[1], (kind, p, y)  # strictly increasing: the bracket is not degenerate
        assert y[0] <= got[p] <= y[1], (kind, p, got[p], y)
