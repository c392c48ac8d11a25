"""Uncertainty of orbit against ground: Monte Carlo over the assumptions' distributions, global
sensitivity (Sobol indices, Saltelli/Jansen estimators via SALib: Herman & Usher, JOSS 2 (2017)
97; Saltelli et al., Comput. Phys. Commun. 181 (2010) 259-270) and a one-at-a-time tornado.

Every evaluation goes through :func:`orbitflops.evaluate_batch` with per-draw parameter columns.
Unless a fixed design is given, each draw's array, radiator and battery are sized for that draw
(``sized=True``), so that a draw compares the best orbital design for its assumptions.

Cost is linear in the launch price (launch and its insurance are the only terms that depend on
it), so the cost per FLOP at a launch price p follows exactly from one evaluation:
c(p) = c(p_s) + (p - p_s) (1 + insurance) m_billed / PV(FLOP), m_billed the launch mass in kg of the
launcher's reference payload. That gives the ratio orbit/ground in any
year of the learning curve without evaluating again; the tests check it against direct
evaluation.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from .. import _core
from .._core import Design, Scenario
from .._extras import require
from ..model import evaluate_batch, reason_name
from . import learning
from .ground import comparison_design
from .uncertainty import Distribution, resolve, sample

MC_OUTPUTS = [
    "cost_ratio",
    "cost_per_flop_usd",
    "ground_cost_per_flop_usd",
    "breakeven_launch_usd_per_kg",
    "mass_total_kg",
    "launch_billed_mass_kg",
    "pv_flop",
    "co2_kg_per_flop",
    "ground_co2_kg_per_flop",
    "feasible",
]


def _batch(scenario: Scenario, design: Design, sized: bool, columns: Mapping[str, Any], outputs: list[str], on_invalid: str = "raise") -> dict[str, np.ndarray]:
    kw: dict[str, Any] = dict(columns)
    if sized:
        kw.setdefault("racks", float(design.racks))
        kw.setdefault("spare_racks", float(design.spare_racks))
    else:
        kw.update(array_area_m2=design.array_area_m2, radiator_area_m2=design.radiator_area_m2, racks=float(design.racks), spare_racks=float(design.spare_racks))
        if design.battery_energy_j is not None:
            kw["battery_energy_j"] = design.battery_energy_j
    n = max((len(v) for v in kw.values() if isinstance(v, np.ndarray) and v.ndim == 1), default=1)
    out = evaluate_batch(scenario, outputs=outputs, sized=sized, on_invalid=on_invalid, **kw)
    return {k: np.broadcast_to(v, (n,)) if np.ndim(v) == 0 else v for k, v in out.items()}


def _param(scenario: Scenario, cols: Mapping[str, Any], name: str) -> Any:
    return cols[name] if name in cols else scenario.params()[name]


def ratio_at_price(out: Mapping[str, np.ndarray], price_usd_per_kg: Any, scenario: Scenario, cols: Mapping[str, Any]) -> np.ndarray:
    """Cost ratio orbit/ground at another launch price (USD/kg), from an evaluation at the
    scenario's (or the draw's) launch price, by the exact linearity of cost in launch price."""
    p_s = np.asarray(_param(scenario, cols, "launch_price_usd_per_kg"), dtype=float)
    ins = np.asarray(_param(scenario, cols, "insurance_fraction"), dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (1.0 + ins) * out["launch_billed_mass_kg"] / out["pv_flop"]
        cpf = out["cost_per_flop_usd"] + (np.asarray(price_usd_per_kg, dtype=float) - p_s) * slope
        return np.where(out["pv_flop"] > 0, cpf / out["ground_cost_per_flop_usd"], np.inf)


@dataclass
class MonteCarloResult:
    """Draws of a Monte Carlo comparison: one row per draw with the sampled assumptions and the
    results (cost ratio orbit/ground at the scenario's launch price, break-even launch price,
    parity year on the learning curve, ratio in ``year``)."""

    draws: pd.DataFrame
    year: float
    seed: int | None
    seconds: float
    distributions: dict[str, Distribution] = field(repr=False)
    scenario: Scenario = field(repr=False)

    @property
    def n(self) -> int:
        return len(self.draws)

    def quantiles(self, column: str = "cost_ratio", q: Iterable[float] = (0.1, 0.5, 0.9)) -> dict[float, float]:
        """Quantiles of a column (P10/P50/P90 by default); ``inf`` entries count as the largest."""
        x = self.draws[column].to_numpy(dtype=float)
        # Interpolating between an infinite and a finite draw would give NaN: take order statistics.
        method = "linear" if np.all(np.isfinite(x)) else "inverted_cdf"
        return {float(qq): float(np.quantile(x, qq, method=method)) for qq in q}

    def probability_cheaper_by(self, decimal_year: float) -> float:
        """Fraction of draws whose parity year is at or before ``decimal_year`` (2030.0 is
        1 January 2030; "by the end of 2029" is 2030.0)."""
        return float(np.mean(self.draws["parity_year"].to_numpy() <= decimal_year))

    def standard_error(self, p: float) -> float:
        """Binomial standard error of a probability estimated from these draws."""
        return math.sqrt(max(p * (1.0 - p), 0.0) / self.n)

    def ratio_band(self, years: Iterable[float], q: Iterable[float] = (0.1, 0.5, 0.9)) -> pd.DataFrame:
        """Quantiles of the cost ratio orbit/ground for a system bought in each of ``years`` (at
        the launch price each draw's learning curve gives that year), and the fraction of draws
        in which orbit is cheaper."""
        qs = list(q)
        cols = {k: self.draws[k].to_numpy() for k in self.draws.columns}
        rows = []
        for y in years:
            price = learning.launch_price_usd_per_kg(y, *learning._args(learning.market_params(self.scenario, **cols)))
            r = ratio_at_price(cols, price, self.scenario, cols)
            if "buildable" in cols:
                r = np.where(cols["buildable"], r, np.inf)
            method = "linear" if np.all(np.isfinite(r)) else "inverted_cdf"
            row = {"year": float(y), "launch_usd_per_kg_p50": float(np.median(price))}
            for qq in qs:
                row[f"ratio_p{round(qq * 100):02d}"] = float(np.quantile(r, qq, method=method))
            row["p_orbit_cheaper"] = float(np.mean(r < 1.0))
            rows.append(row)
        return pd.DataFrame(rows)


def monte_carlo(
    scenario: Scenario,
    design: Design | None = None,
    *,
    draws: int = 100_000,
    seed: int | None = 0,
    uncertainty: Mapping[str, Any] | None = None,
    year: float | None = None,
) -> MonteCarloResult:
    """Monte Carlo of orbit against ground over the distributions of ``uncertainty`` (default:
    the scenario's ``[uncertainty]`` table, else :data:`DEFAULT_UNCERTAINTY`).

    Each draw is evaluated once in the batch path; its break-even launch price, placed on the
    draw's learning curve, gives its parity year (``inf``: never, ``-inf``: already at the curve's
    start); ``ratio_at_year`` is the ratio for a system bought at the start of ``year`` (default:
    the learning curve's reference year + 4). A draw whose design cannot be sized (no array or
    radiator suffices under its assumptions) is kept as one in which orbit never wins
    (``buildable`` False, infinite ratio). Same seed, same draws, on any thread count.
    """
    dists = resolve(uncertainty, scenario)
    t0 = time.perf_counter()
    X = sample(dists, draws, seed)
    d, sized = comparison_design(scenario, design)
    out = _batch(scenario, d, sized, X, MC_OUTPUTS, on_invalid="nan")
    valid, reason = np.asarray(out.pop("valid")), np.asarray(out.pop("reason"))
    other = np.flatnonzero(~valid & (reason != _core.SIZING_REASON))
    if other.size:
        # Report the first invalid draw with the core's message (index, field, value).
        i = int(other[0])
        _batch(scenario, d, sized, {k: v[i : i + 1] for k, v in X.items()}, ["cost_ratio"])
        raise ValueError(f"draw {i} is invalid ({reason_name(int(reason[i]))})")
    # A draw whose design cannot be sized (no radiator or array suffices) cannot be built: orbit
    # never wins in it. It is kept, with an infinite cost ratio and no parity year.
    unbuildable = ~valid
    if unbuildable.any():
        out["cost_ratio"][unbuildable] = np.inf
        out["cost_per_flop_usd"][unbuildable] = np.inf
        out["breakeven_launch_usd_per_kg"][unbuildable] = -np.inf
        out["feasible"][unbuildable] = 0.0
    mp = learning.market_params(scenario, **X)
    parity = learning.year_of_price(out["breakeven_launch_usd_per_kg"], *learning._args(mp))
    if year is None:
        year = scenario.params()["learning_ref_year"] + 4.0
    cols: dict[str, Any] = {**X, **{k: np.asarray(v) for k, v in out.items()}}
    price_y = learning.launch_price_usd_per_kg(year, *learning._args(mp))
    ratio_y = ratio_at_price(cols, price_y, scenario, cols)
    ratio_y = np.where(unbuildable, np.inf, ratio_y)
    df = pd.DataFrame({**X, **out, "buildable": valid, "parity_year": np.broadcast_to(parity, (draws,)), "launch_usd_per_kg_at_year": np.broadcast_to(price_y, (draws,)), "ratio_at_year": ratio_y})
    secs = time.perf_counter() - t0
    return MonteCarloResult(draws=df, year=float(year), seed=seed, seconds=secs, distributions=dists, scenario=scenario)


def _output_of(out: Mapping[str, np.ndarray], name: str, scenario: Scenario, cols: Mapping[str, Any], year: float | None) -> np.ndarray:
    if name == "parity_year":
        return learning.year_of_price(out["breakeven_launch_usd_per_kg"], *learning._args(learning.market_params(scenario, **cols)))
    if name == "cost_ratio" and year is not None:
        price = learning.launch_price_usd_per_kg(year, *learning._args(learning.market_params(scenario, **cols)))
        return ratio_at_price(out, price, scenario, cols)
    return np.asarray(out[name], dtype=float)


def _check_n_base(n_base: Any) -> None:
    if isinstance(n_base, bool) or not isinstance(n_base, (int, np.integer)) or n_base < 2 or (n_base & (n_base - 1)) != 0:
        raise ValueError(f"n_base = {n_base!r}: must be a power of 2 >= 2 (Sobol sequences)")


def sobol_indices_of(
    fn: Callable[[dict[str, np.ndarray]], np.ndarray],
    distributions: Mapping[str, Distribution],
    *,
    n_base: int = 1024,
    seed: int = 0,
    conf_level: float = 0.95,
    num_resamples: int = 200,
    output: str = "output",
) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of any vectorised function of independent
    uncertain inputs, with bootstrap confidence half-widths at ``conf_level``.

    ``fn`` takes a dict of input columns (one NumPy array per name of ``distributions``, all of
    the same length) and returns the output for each row. Saltelli sampling of
    ``n_base * (D + 2)`` points (``n_base`` a power of 2, scrambled Sobol sequence) in the unit
    cube, mapped through each distribution's inverse CDF, evaluated in one call; analysis by
    SALib (Saltelli 2010 for S1, Jansen 1999 for ST). ``output`` names the output in errors.
    Columns: name, S1, S1_conf, ST, ST_conf; sorted by ST, largest first."""
    sobol_analyze = require("SALib.analyze.sobol", "Sobol indices")
    sobol_sample = require("SALib.sample.sobol", "Sobol indices")

    _check_n_base(n_base)
    names = list(distributions)
    if len(names) < 2:
        raise ValueError("Sobol indices need at least two uncertain parameters")
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    U = sobol_sample.sample(problem, int(n_base), calc_second_order=False, scramble=True, seed=seed)
    eps = 1e-12
    U = np.clip(U, eps, 1.0 - eps)
    cols = {nm: distributions[nm].ppf(U[:, i]) for i, nm in enumerate(names)}
    Y = np.asarray(fn(cols), dtype=float)
    if Y.shape != (len(U),):
        raise ValueError(f"{output}: the function returned shape {Y.shape} for {len(U)} samples")
    if not np.all(np.isfinite(Y)):
        raise ValueError(f"{output} is not finite for some samples (nothing delivered): Sobol indices need a finite output")
    # SALib seeds its bootstrap only when `seed` is truthy, so seed 0 gave different confidence
    # intervals on every run; a Generator is always honoured (and draws the same stream as the
    # integer seed it was made from).
    res = sobol_analyze.analyze(problem, Y, calc_second_order=False, conf_level=conf_level, num_resamples=num_resamples, seed=np.random.default_rng(seed))
    df = pd.DataFrame({"name": names, "S1": res["S1"], "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]})
    return df.sort_values("ST", ascending=False, ignore_index=True)


def sobol_indices(
    scenario: Scenario,
    design: Design | None = None,
    *,
    uncertainty: Mapping[str, Any] | None = None,
    n_base: int = 1024,
    seed: int = 0,
    output: str = "cost_ratio",
    year: float | None = None,
    conf_level: float = 0.95,
    num_resamples: int = 200,
) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of ``output`` (``cost_ratio`` (at ``year`` on
    the learning curve when given), ``cost_per_flop_usd`` or ``ground_cost_per_flop_usd``) with
    bootstrap confidence half-widths at ``conf_level``: :func:`sobol_indices_of` over the
    uncertain assumptions, every sample evaluated in one batch (designs sized per sample unless
    ``design`` is given)."""
    _check_n_base(n_base)
    if output not in ("cost_ratio", "cost_per_flop_usd", "ground_cost_per_flop_usd"):
        raise ValueError(f"output = {output!r}: must be 'cost_ratio', 'cost_per_flop_usd' or 'ground_cost_per_flop_usd'")
    dists = resolve(uncertainty, scenario)

    def model(cols: dict[str, np.ndarray]) -> np.ndarray:
        d, sized = comparison_design(scenario, design)
        out = _batch(scenario, d, sized, cols, MC_OUTPUTS)
        return _output_of(out, output, scenario, cols, year)

    return sobol_indices_of(model, dists, n_base=n_base, seed=seed, conf_level=conf_level, num_resamples=num_resamples, output=output)


def tornado(
    scenario: Scenario,
    design: Design | None = None,
    *,
    uncertainty: Mapping[str, Any] | None = None,
    output: str = "cost_per_flop_usd",
    q: tuple[float, float] = (0.1, 0.9),
    year: float | None = None,
) -> pd.DataFrame:
    """One-at-a-time sensitivity: each uncertain parameter at its ``q`` quantiles (P10 and P90 by
    default) with every other at the scenario's value. Columns: name, low and high values, the
    output at each, and the swing |high - low|; sorted by swing, largest first. ``output`` is
    any batch output name, ``cost_ratio`` (at ``year`` when given) or ``parity_year``."""
    dists = resolve(uncertainty, scenario)
    d, sized = comparison_design(scenario, design)
    base_cols: dict[str, Any] = {}
    base = _batch(scenario, d, sized, {}, MC_OUTPUTS + ([output] if output not in MC_OUTPUTS and output != "parity_year" else []))
    y0 = float(_output_of(base, output, scenario, base_cols, year)[0])
    rows = []
    for name, dist in dists.items():
        lo, hi = (float(v) for v in dist.ppf(np.array(q)))
        cols = {name: np.array([lo, hi])}
        out = _batch(scenario, d, sized, cols, MC_OUTPUTS + ([output] if output not in MC_OUTPUTS and output != "parity_year" else []))
        y = _output_of(out, output, scenario, cols, year)
        rows.append({"name": name, "low_value": lo, "high_value": hi, "output_at_low": float(y[0]), "output_at_high": float(y[1]), "base_output": y0})
    df = pd.DataFrame(rows)
    with np.errstate(invalid="ignore"):
        df["swing"] = (df["output_at_high"] - df["output_at_low"]).abs()
    return df.sort_values("swing", ascending=False, ignore_index=True)
