"""Uncertainty of orbit against ground: Monte Carlo over the assumptions' distributions, global
sensitivity (Sobol indices, Saltelli/Jansen estimators via SALib: Herman & Usher, JOSS 2 (2017)
97; Saltelli et al., Comput. Phys. Commun. 181 (2010) 259-270) and a one-at-a-time tornado.

Every evaluation goes through :func:`orbitflops.evaluate_batch` with per-draw parameter columns.
Unless a fixed design is given, each draw is re-sized (``sized=True``: the smallest array,
battery and radiator for its assumptions) at the comparison design's rack count and radiator
temperature (:func:`orbitflops.compare.ground.comparison_design`; the temperature capped at the
draw's own radiator limit), for both eclipse strategies, and keeps the cheaper per delivered
FLOP (unless the strategy itself is drawn). A draw of a different launcher, cell or rack (the
debate's discrete alternatives) has its own comparison design, searched for that choice. A draw
whose design is too heavy for the launches allowed flies the most racks that fit; one that
cannot be sized or launched at all counts as a draw in which orbit never wins.

Cost in any year of purchase follows from one evaluation per draw
(:mod:`orbitflops.compare.pricing`): every hardware line on its learning curve, launch on the
launch curve, the ground's electricity and facility on their trends. The parity year is the first
year in which the ratio falls to 1 (:func:`orbitflops.compare.pricing.parity_year`).
"""

from __future__ import annotations

import functools
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
from . import learning, pricing
from .ground import ComparisonDesign, comparison_design
from .uncertainty import CHOICE_NAMES, Conditional, Distribution, Uncertainty, resolve

MC_OUTPUTS: list[str] = list(
    dict.fromkeys(
        [
            *pricing.LINE_OUTPUTS,
            "cost_ratio",
            "cost_per_flop_usd",
            "ground_cost_per_flop_usd",
            "breakeven_launch_usd_per_kg",
            "mass_total_kg",
            "mass_margin_kg",
            "mass_radiator_kg",
            "mass_array_kg",
            "mass_coolant_kg",
            "cost_launch_usd",
            "pv_cost_usd",
            "delivered_flops",
            "after_utilisation_flops",
            "after_failures_flops",
            "ground_energy_share",
            "co2_kg_per_flop",
            "ground_co2_kg_per_flop",
            "feasible",
        ]
    )
)
"""Outputs kept for every Monte Carlo draw."""

MAX_RACK_FITS = 12


def ratio_at_price(out: Mapping[str, np.ndarray], price_usd_per_kg: Any, scenario: Scenario, cols: Mapping[str, Any]) -> np.ndarray:
    """Cost ratio orbit/ground at another launch price (USD/kg), every other price as
    evaluated, from an evaluation at the scenario's (or the draw's) launch price, by the exact
    linearity of cost in launch price: c(p) = c(p_s) + (p - p_s) (1 + insurance) m_billed /
    PV(FLOP), m_billed the launch mass in kg of the launcher's reference payload."""
    p_s = np.asarray(cols[name] if (name := "launch_price_usd_per_kg") in cols else scenario.params()[name], dtype=float)
    ins = np.asarray(cols["insurance_fraction"] if "insurance_fraction" in cols else scenario.params()["insurance_fraction"], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (1.0 + ins) * out["launch_billed_mass_kg"] / out["pv_flop"]
        cpf = out["cost_per_flop_usd"] + (np.asarray(price_usd_per_kg, dtype=float) - p_s) * slope
        return np.where(out["pv_flop"] > 0, cpf / out["ground_cost_per_flop_usd"], np.inf)


def _numeric(X: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The numeric parameter columns of a set of draws (choices left out)."""
    return {k: np.asarray(v, dtype=float) for k, v in X.items() if k not in CHOICE_NAMES}


# Parameters of the price curves and trends over the years ([market]): the core's evaluation does
# not read them (its costs are at the scenario's prices), so the batch calls leave them out; each
# per-design column costs the batch path time. The year-of-purchase pricing reads them.
PRICING_ONLY = frozenset(
    [*learning.MARKET_PARAMS, "cost_ref_year", *learning.GROUND_TRENDS.values(), *(p for c in learning.HARDWARE_CURVES.values() for p in c)]
)


@dataclass
class DrawEvaluation:
    """Batch outputs of a set of draws, each at its chosen design, with the choices made."""

    out: dict[str, np.ndarray]
    strategy: np.ndarray
    racks: np.ndarray
    radiator_temp_k: np.ndarray
    buildable: np.ndarray
    racks_reduced: np.ndarray
    designs: dict[tuple[tuple[str, str], ...], ComparisonDesign] = field(default_factory=dict)


@functools.lru_cache(maxsize=64)
def _cached_design(scenario_toml: str) -> ComparisonDesign:
    """The comparison design of a scenario (by its TOML text): the Monte Carlo, Sobol analysis
    and tornado of one comparison search the same drawn choices' designs again and again."""
    return comparison_design(Scenario.from_toml_str(scenario_toml))


def _group_scenario(scenario: Scenario, choice: Mapping[str, str]) -> Scenario:
    own = scenario.choices()
    kw = {k: v for k, v in choice.items() if own.get(k) != v}
    return scenario.replace(**kw) if kw else scenario


def _radiator_limit(s: Scenario, cols: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    p = s.params()
    get = lambda k: np.broadcast_to(np.asarray(cols.get(k, p[k]), dtype=float), (n,))  # noqa: E731
    return get("chip_temp_max_k") - get("cold_plate_dt_k") - get("coolant_loop_dt_k")


def _raise_first_invalid(s: Scenario, valid: np.ndarray, reason: np.ndarray, draw_index: np.ndarray, retry: Any) -> None:
    other = np.flatnonzero(~valid & (reason != _core.SIZING_REASON))
    if other.size:
        i = int(other[0])
        retry(i)  # the core's own message (field and value) for the first invalid draw
        raise ValueError(f"draw {int(draw_index[i])} is invalid ({reason_name(int(reason[i]))})")


def _evaluate_sized(s: Scenario, cols: Mapping[str, np.ndarray], racks: float, temp: np.ndarray, spares: float, outputs: list[str], draw_index: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Draws re-sized at ``racks`` and radiator temperatures ``temp``: outputs, whether each can
    be sized, and whether it is too heavy for its launches."""
    out = evaluate_batch(s, sized=True, outputs=outputs, on_invalid="nan", racks=racks, radiator_temp_k=temp, spare_racks=spares, **cols)
    valid, reason = np.asarray(out.pop("valid")), np.asarray(out.pop("reason"))
    _raise_first_invalid(s, valid, reason, draw_index, lambda i: evaluate_batch(s, sized=True, outputs=["cost_ratio"], racks=racks, radiator_temp_k=temp[i : i + 1], spare_racks=spares, **{k: v[i : i + 1] for k, v in cols.items()}))
    return out, valid, valid & (out["feasible"] < 0.5)


def _fit_racks(s: Scenario, cols: Mapping[str, np.ndarray], racks: np.ndarray, temp: np.ndarray, spares: float, outputs: list[str], mass_kg: np.ndarray, margin_kg: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Draws too heavy for their launches, re-sized with the most racks that fit: first the
    estimate racks x capacity / mass (mass is nearly proportional to racks, with fixed parts
    that make the estimate err on the light side), then one rack fewer at a time while a draw
    still does not fit. Returns the outputs, the racks flown and whether each draw fits (a draw
    that does not fit with one rack cannot be launched)."""
    n = len(racks)
    out = {k: np.full(n, np.nan) for k in outputs}
    ok = np.zeros(n, dtype=bool)
    rk = np.floor(racks * (mass_kg + margin_kg) / mass_kg)
    rk = np.minimum(rk, racks - 1.0)
    todo = np.flatnonzero(rk >= 1.0)
    for _ in range(MAX_RACK_FITS):
        if todo.size == 0:
            break
        sub = evaluate_batch(s, sized=True, outputs=outputs, on_invalid="nan", racks=rk[todo], radiator_temp_k=temp[todo], spare_racks=spares, **{k: v[todo] for k, v in cols.items()})
        fits = np.asarray(sub["valid"]) & (sub["feasible"] > 0.5)
        for k in outputs:
            out[k][todo] = sub[k]
        ok[todo] = fits
        heavy = todo[np.asarray(sub["valid"]) & ~fits]
        rk[heavy] -= 1.0
        todo = heavy[rk[heavy] >= 1.0]
    return out, rk, ok


def _evaluate_fixed(s: Scenario, d: Design, cols: Mapping[str, np.ndarray], outputs: list[str], draw_index: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Draws of a fixed design, evaluated as it is."""
    fixed = dict(array_area_m2=d.array_area_m2, radiator_area_m2=d.radiator_area_m2, racks=float(d.racks), spare_racks=float(d.spare_racks))
    if d.battery_energy_j is not None:
        fixed["battery_energy_j"] = d.battery_energy_j
    out = evaluate_batch(s, outputs=outputs, on_invalid="nan", **fixed, **cols)
    valid, reason = np.asarray(out.pop("valid")), np.asarray(out.pop("reason"))
    _raise_first_invalid(s, valid, reason, draw_index, lambda i: evaluate_batch(s, outputs=["cost_ratio"], **fixed, **{k: v[i : i + 1] for k, v in cols.items()}))
    n = len(draw_index)
    # Without per-draw columns the batch is one design: the same for every draw.
    return {k: np.broadcast_to(np.asarray(v, dtype=float), (n,)).copy() for k, v in out.items()}, np.broadcast_to(valid, (n,)).copy()


def evaluate_draws(scenario: Scenario, cd: ComparisonDesign, X: Mapping[str, Any], n: int, outputs: list[str] | None = None) -> DrawEvaluation:
    """Evaluate ``n`` draws ``X`` (parameter columns and drawn choices) at the comparison design
    ``cd``: each draw re-sized at its group's rack count and radiator temperature for each
    eclipse strategy (the drawn one when drawn), keeping the cheaper per delivered FLOP; a fixed
    design is evaluated as it is. Draws with other categorical choices than the scenario's get
    the comparison design of their choices."""
    outputs = list(outputs or MC_OUTPUTS)
    keys = [k for k in X if k in CHOICE_NAMES]
    num = {k: np.broadcast_to(v, (n,)) for k, v in _numeric(X).items() if k not in PRICING_ONLY}
    own = scenario.choices()
    choice_cols = {k: np.broadcast_to(np.asarray(X[k], dtype=str), (n,)) for k in keys}
    group_keys = [k for k in keys if k != "strategy"]
    combos: dict[tuple[tuple[str, str], ...], np.ndarray] = {}
    if group_keys:
        key = np.zeros(n, dtype=np.int64)
        for k in group_keys:
            key = key * len(CHOICE_NAMES[k]) + _codes(choice_cols[k], CHOICE_NAMES[k])
        for j in np.unique(key):
            members = np.flatnonzero(key == j)
            combos[tuple((k, str(choice_cols[k][members[0]])) for k in group_keys)] = members
    else:
        combos[()] = np.arange(n)
    res = {k: np.full(n, np.nan) for k in outputs}
    strategy = np.full(n, "none", dtype="<U8")
    racks_out = np.full(n, np.nan)
    temp_out = np.full(n, np.nan)
    buildable = np.zeros(n, dtype=bool)
    reduced = np.zeros(n, dtype=bool)
    designs: dict[tuple[tuple[str, str], ...], ComparisonDesign] = {}
    spares = float(cd.design.spare_racks)
    for combo, idx in combos.items():
        if idx.size == 0:
            continue
        choice = dict(combo)
        s_group = _group_scenario(scenario, choice)
        if not cd.sized or all(own.get(k) == v for k, v in choice.items()):
            g_cd = cd
        else:
            g_cd = _cached_design(s_group.to_toml())
        designs[combo] = g_cd
        every = idx.size == n
        cols = num if every else {k: v[idx] for k, v in num.items()}
        if "strategy" in choice_cols:
            strategies = sorted(set(choice_cols["strategy"][idx]))
        elif g_cd.sized:
            strategies = ["battery", "throttle"]
        else:
            strategies = [own["strategy"]]
        # First every strategy at the design's racks; then, where a draw is too heavy for its
        # launches, the most racks that fit, but only where that strategy could still be the
        # cheaper one: cost per delivered FLOP never falls when racks are taken away (the
        # fixed bus, operations and structure are shared by fewer racks; the rest scales with
        # them), so a strategy already dearer at the full rack count stays dearer.
        runs = []
        for st in strategies:
            sel = np.arange(idx.size) if "strategy" not in choice_cols else np.flatnonzero(choice_cols["strategy"][idx] == st)
            if sel.size == 0:
                continue
            all_sel = sel.size == idx.size
            s = s_group.replace(strategy=st) if s_group.choices()["strategy"] != st else s_group
            if g_cd.altitude_m != s.params()["altitude_m"] and "altitude_m" not in cols:
                s = s.replace(altitude_m=g_cd.altitude_m)
            c_sel = cols if all_sel else {k: v[sel] for k, v in cols.items()}
            if g_cd.sized:
                lim = _radiator_limit(s, c_sel, sel.size)
                temp = np.minimum(float(g_cd.radiator_temp_k), lim)
                out, ok, heavy = _evaluate_sized(s, c_sel, float(g_cd.racks), temp, spares, outputs, idx[sel])
                rk = np.full(sel.size, float(g_cd.racks))
            else:
                out, ok = _evaluate_fixed(s, g_cd.design, c_sel, outputs, idx[sel])
                heavy = np.zeros(sel.size, dtype=bool)
                temp = np.full(sel.size, np.nan)
                rk = np.full(sel.size, float(g_cd.design.racks))
            runs.append([st, s, sel, c_sel, out, ok, heavy, np.broadcast_to(temp, (sel.size,)).copy(), rk, np.zeros(sel.size, dtype=bool)])
        best = np.full(idx.size, np.inf)
        for st, s, sel, c_sel, out, ok, heavy, temp, rk, red in runs:
            best[sel] = np.minimum(best[sel], np.where(ok & ~heavy, out["cost_per_flop_usd"], np.inf))
        for run in runs:
            st, s, sel, c_sel, out, ok, heavy, temp, rk, red = run
            need = heavy & (out["cost_per_flop_usd"] < best[sel])
            ok &= ~(heavy & ~need)
            if need.any():
                j = np.flatnonzero(need)
                sub_cols = {k: v[j] for k, v in c_sel.items()}
                o2, rk2, ok2 = _fit_racks(s, sub_cols, rk[j], temp[j], spares, outputs, out["mass_total_kg"][j], out["mass_margin_kg"][j])
                for k in outputs:
                    out[k][j] = o2[k]
                ok[j] = ok2
                rk[j] = rk2
                red[j] = True
                best[sel[j]] = np.minimum(best[sel[j]], np.where(ok2, o2["cost_per_flop_usd"], np.inf))
        chosen = np.full(idx.size, np.inf)
        for st, s, sel, c_sel, out, ok, heavy, temp, rk, red in runs:
            cost = np.where(ok, out["cost_per_flop_usd"], np.inf)
            better = cost < chosen[sel]
            if not better.any():
                continue
            tgt = idx[sel[better]]
            for k in outputs:
                res[k][tgt] = out[k][better]
            strategy[tgt] = st
            racks_out[tgt] = rk[better]
            temp_out[tgt] = temp[better]
            buildable[tgt] = True
            reduced[tgt] = red[better]
            chosen[sel[better]] = cost[better]
    # Draws no strategy could build keep the strategy "none": orbit never wins in them.
    return DrawEvaluation(res, strategy, racks_out, temp_out, buildable, reduced, designs)


def _results(scenario: Scenario, ev: DrawEvaluation, X: Mapping[str, Any], year: float, horizon_year: float) -> dict[str, np.ndarray]:
    """Cost ratio today and in ``year``, break-even launch price and parity year of evaluated
    draws (unbuildable draws: infinite ratio, no break-even price, parity never)."""
    out = ev.out
    cols = _numeric(X)
    n = len(ev.buildable)
    ok = ev.buildable
    ratio = np.where(ok, out["cost_ratio"], np.inf)
    be = np.where(ok, out["breakeven_launch_usd_per_kg"], -np.inf)
    parity = np.full(n, np.inf)
    ratio_y = np.full(n, np.inf)
    if ok.all():
        lines = {k: out[k] for k in pricing.LINE_OUTPUTS}
        parity = pricing.parity_year(lines, scenario, cols, horizon_year=horizon_year)
        ratio_y = np.broadcast_to(pricing.ratio_in_year(lines, year, scenario, cols), (n,)).copy()
    elif ok.any():
        idx = np.flatnonzero(ok)
        lines = {k: out[k][idx] for k in pricing.LINE_OUTPUTS}
        sub = {k: np.broadcast_to(v, (n,))[idx] for k, v in cols.items()}
        parity[idx] = pricing.parity_year(lines, scenario, sub, horizon_year=horizon_year)
        ratio_y[idx] = pricing.ratio_in_year(lines, year, scenario, sub)
    return {"cost_ratio": ratio, "breakeven_launch_usd_per_kg": be, "parity_year": parity, "ratio_at_year": ratio_y}


def _codes(values: np.ndarray, names: Iterable[str]) -> np.ndarray:
    """Index of each value in ``names`` (a short list), without sorting strings."""
    codes = np.full(len(values), -1, dtype=np.int64)
    for j, nm in enumerate(names):
        codes[values == nm] = j
    if (codes < 0).any():
        raise ValueError(f"unexpected choice {values[codes < 0][0]!r} (expected one of {', '.join(names)})")
    return codes


def _frame(cols: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """A DataFrame of many columns: the float ones filled into one 2-D block (pandas would
    otherwise stack them one by one), the others added after."""
    floats = [k for k, v in cols.items() if v.dtype == np.float64]
    block = np.empty((len(next(iter(cols.values()))), len(floats)), order="F")
    for j, k in enumerate(floats):
        block[:, j] = cols[k]
    df = pd.DataFrame(block, columns=floats, copy=False)
    rest = {}
    for k, v in cols.items():
        if k in df.columns:
            continue
        if v.dtype.kind in "OU":
            names = list(CHOICE_NAMES.get(k, ())) + (["none"] if k == "strategy" else [])
            names = names or sorted(set(v.tolist()))
            codes = _codes(v.astype(str), names)
            used = [nm for j, nm in enumerate(names) if (codes == j).any()]
            v = pd.Categorical.from_codes(_codes(v.astype(str), used), categories=used)
        rest[k] = v
    if rest:
        df = pd.concat([df, pd.DataFrame(rest)], axis=1)
    return df[list(cols)]


def _quantile(x: np.ndarray, q: float) -> float:
    # Interpolating between an infinite and a finite draw would give NaN: take order statistics.
    method = "linear" if np.all(np.isfinite(x)) else "inverted_cdf"
    return float(np.quantile(x, q, method=method))


@dataclass
class MonteCarloResult:
    """Draws of a Monte Carlo comparison: one row per draw with the sampled assumptions, the
    choices made for it (eclipse strategy, racks flown, radiator temperature) and the results
    (cost ratio orbit/ground at the scenario's prices, break-even launch price, the parity year
    with every price on its curve, the ratio for a system bought in ``year``)."""

    draws: pd.DataFrame
    year: float
    seed: int | None
    seconds: float
    distributions: Uncertainty = field(repr=False)
    scenario: Scenario = field(repr=False)
    design: ComparisonDesign | None = field(default=None, repr=False)
    horizon_year: float = 2100.0

    @property
    def n(self) -> int:
        return len(self.draws)

    def quantiles(self, column: str = "cost_ratio", q: Iterable[float] = (0.1, 0.5, 0.9)) -> dict[float, float]:
        """Quantiles of a column (P10/P50/P90 by default); ``inf`` entries count as the largest."""
        x = self.draws[column].to_numpy(dtype=float)
        return {float(qq): _quantile(x, float(qq)) for qq in q}

    def probability_cheaper_by(self, decimal_year: float) -> float:
        """Fraction of draws whose parity year is at or before ``decimal_year`` (2030.0 is
        1 January 2030; "by the end of 2029" is 2030.0)."""
        return float(np.mean(self.draws["parity_year"].to_numpy() <= decimal_year))

    def standard_error(self, p: float) -> float:
        """Binomial standard error of a probability estimated from these draws."""
        return math.sqrt(max(p * (1.0 - p), 0.0) / self.n)

    def strategy_shares(self) -> dict[str, float]:
        """Share of draws that chose each eclipse strategy (``none``: no strategy could build
        the draw's design)."""
        s = self.draws["strategy"].astype(str)
        return {k: float(v) for k, v in s.value_counts(normalize=True).sort_index().items()}

    def lines(self) -> dict[str, np.ndarray]:
        return {k: self.draws[k].to_numpy(dtype=float) for k in pricing.LINE_OUTPUTS}

    def ratio_band(self, years: Iterable[float], q: Iterable[float] = (0.1, 0.5, 0.9)) -> pd.DataFrame:
        """Quantiles of the cost ratio orbit/ground for a system bought in each of ``years``
        (every price on its curve or trend), and the fraction of draws in which orbit is
        cheaper."""
        qs = list(q)
        ys = np.asarray(list(years), dtype=float)
        ok = self.draws["buildable"].to_numpy()
        cols = {k: self.draws[k].to_numpy() for k in self.distributions if k not in CHOICE_NAMES}
        lines = self.lines()
        r = np.full((len(ys), self.n), np.inf)
        if ok.any():
            sub_lines = {k: v[ok] for k, v in lines.items()}
            sub_cols = {k: np.asarray(v, dtype=float)[ok] for k, v in cols.items()}
            r[:, ok] = pricing.ratio_in_year(sub_lines, ys[:, None], self.scenario, sub_cols)
            price = learning.launch_price_of(self.scenario, ys[:, None], **sub_cols)
        else:
            price = np.full((len(ys), 1), np.nan)
        rows = []
        for i, y in enumerate(ys):
            row = {"year": float(y), "launch_usd_per_kg_p50": float(np.median(price[i]))}
            for qq in qs:
                row[f"ratio_p{round(qq * 100):02d}"] = _quantile(r[i], qq)
            row["p_orbit_cheaper"] = float(np.mean(r[i] < 1.0))
            rows.append(row)
        return pd.DataFrame(rows)


def monte_carlo(
    scenario: Scenario,
    design: Design | None = None,
    *,
    draws: int = 100_000,
    seed: int | None = 0,
    uncertainty: Any = None,
    year: float | None = None,
    horizon_year: float = 2100.0,
    comparison: ComparisonDesign | None = None,
) -> MonteCarloResult:
    """Monte Carlo of orbit against ground over ``uncertainty`` (default: the scenario's
    ``[uncertainty]`` table, else :func:`orbitflops.compare.default_uncertainty`).

    Each draw is evaluated once per eclipse strategy in the batch path (module docstring); its
    parity year is the first year at or after ``cost_ref_year`` in which it is cheaper in orbit
    (``inf``: not by ``horizon_year``); ``ratio_at_year`` is the ratio for a system bought at the
    start of ``year`` (default: ``cost_ref_year`` + 3). A draw whose design cannot be built is
    kept as one in which orbit never wins (``buildable`` False, infinite ratio). Same seed, same
    draws, on any thread count. ``comparison``: the comparison design, when already found."""
    dists = resolve(uncertainty, scenario)
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 1:
        raise ValueError(f"draws = {draws!r}: must be a whole number >= 1")
    t0 = time.perf_counter()
    X = dists.sample(int(draws), seed)
    cd = comparison if comparison is not None else comparison_design(scenario, design)
    ev = evaluate_draws(scenario, cd, X, int(draws))
    if year is None:
        year = scenario.params()["cost_ref_year"] + 3.0
    res = _results(scenario, ev, X, float(year), horizon_year)
    df = _frame({**{k: np.asarray(v) for k, v in X.items()}, **ev.out, **res, "strategy": ev.strategy.astype(str), "racks_flown": ev.racks, "radiator_temp_k": ev.radiator_temp_k, "racks_reduced": ev.racks_reduced, "buildable": ev.buildable})
    secs = time.perf_counter() - t0
    return MonteCarloResult(draws=df, year=float(year), seed=seed, seconds=secs, distributions=dists, scenario=scenario, design=cd, horizon_year=horizon_year)


def _check_n_base(n_base: Any) -> None:
    if isinstance(n_base, bool) or not isinstance(n_base, (int, np.integer)) or n_base < 2 or (n_base & (n_base - 1)) != 0:
        raise ValueError(f"n_base = {n_base!r}: must be a power of 2 >= 2 (Sobol sequences)")


def sobol_indices_of(
    fn: Callable[[dict[str, np.ndarray]], np.ndarray],
    distributions: Mapping[str, Distribution] | Uncertainty,
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
    if isinstance(distributions, Uncertainty):
        cols = distributions.transform(U.T)  # inputs drawn per choice follow their choice's draws
    else:
        cols = {nm: distributions[nm].ppf(U[:, i]) for i, nm in enumerate(names)}
    Y = np.asarray(fn(cols), dtype=float)
    if Y.shape != (len(U),):
        raise ValueError(f"{output}: the function returned shape {Y.shape} for {len(U)} samples")
    if not np.all(np.isfinite(Y)):
        raise ValueError(f"{output} is not finite for some samples (a design that cannot be built or delivers nothing): Sobol indices need a finite output")
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
    uncertainty: Any = None,
    n_base: int = 1024,
    seed: int = 0,
    output: str = "cost_ratio",
    year: float | None = None,
    conf_level: float = 0.95,
    num_resamples: int = 200,
    comparison: ComparisonDesign | None = None,
) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of ``output`` (``cost_ratio`` at the
    scenario's prices, or for a system bought in ``year`` when given; ``cost_per_flop_usd``;
    ``ground_cost_per_flop_usd``) with bootstrap confidence half-widths at ``conf_level``:
    :func:`sobol_indices_of` over the uncertain inputs, every sample evaluated as a Monte Carlo
    draw (re-sized at the comparison design for both eclipse strategies unless ``design`` is
    given).

    Sobol indices are defined for independent inputs: the inputs are sampled independently here,
    whatever correlations the uncertainty table states."""
    _check_n_base(n_base)
    if output not in ("cost_ratio", "cost_per_flop_usd", "ground_cost_per_flop_usd"):
        raise ValueError(f"output = {output!r}: must be 'cost_ratio', 'cost_per_flop_usd' or 'ground_cost_per_flop_usd'")
    dists = resolve(uncertainty, scenario)
    cd = comparison if comparison is not None else comparison_design(scenario, design)

    def model(X: dict[str, np.ndarray]) -> np.ndarray:
        n = len(next(iter(X.values())))
        ev = evaluate_draws(scenario, cd, X, n)
        if output == "cost_ratio":
            res = _results(scenario, ev, X, float(year if year is not None else scenario.params()["cost_ref_year"]), 2100.0)
            return res["ratio_at_year" if year is not None else "cost_ratio"]
        return np.where(ev.buildable, ev.out[output], np.inf)

    return sobol_indices_of(model, dists, n_base=n_base, seed=seed, conf_level=conf_level, num_resamples=num_resamples, output=output)


def _one_at_a_time(dists: Uncertainty, name: str, q: tuple[float, float], scenario: Scenario) -> tuple[Any, Any, dict[str, np.ndarray]] | None:
    d = dists[name]
    own = scenario.choices()
    if isinstance(d, Conditional):
        c = own[d.on]
        if c not in d.by:
            return None
        lo, hi = (float(v) for v in d.by[c].ppf(np.array(q)))
        return lo, hi, {name: np.array([lo, hi])}
    lo, hi = d.ppf(np.array(q))
    if d.categorical:
        return str(lo), str(hi), {name: np.array([lo, hi], dtype=object)}
    return float(lo), float(hi), {name: np.array([float(lo), float(hi)])}


def tornado(
    scenario: Scenario,
    design: Design | None = None,
    *,
    uncertainty: Any = None,
    output: str = "cost_per_flop_usd",
    q: tuple[float, float] = (0.1, 0.9),
    year: float | None = None,
    comparison: ComparisonDesign | None = None,
) -> pd.DataFrame:
    """One-at-a-time sensitivity: each uncertain input at its ``q`` quantiles (P10 and P90 by
    default) with every other at the scenario's value, each evaluated as a Monte Carlo draw
    (re-sized, best eclipse strategy). Columns: name, low and high values, the output at each,
    and the swing |high - low|; sorted by swing, largest first. ``output`` is a Monte Carlo
    output (``cost_per_flop_usd``, ``cost_ratio``, ``parity_year``, ``ratio_at_year`` with
    ``year``, or any of :data:`MC_OUTPUTS`)."""
    dists = resolve(uncertainty, scenario)
    cd = comparison if comparison is not None else comparison_design(scenario, design)
    outs = MC_OUTPUTS if output in MC_OUTPUTS or output in ("parity_year", "ratio_at_year") else [*MC_OUTPUTS, output]
    y = float(year if year is not None else scenario.params()["cost_ref_year"])

    def value(X: Mapping[str, Any], n: int) -> np.ndarray:
        ev = evaluate_draws(scenario, cd, X, n, outs)
        if output in ("cost_ratio", "parity_year", "ratio_at_year", "breakeven_launch_usd_per_kg"):
            return _results(scenario, ev, X, y, 2100.0)[output]
        return np.where(ev.buildable, ev.out[output], np.inf)

    y0 = float(value({}, 1)[0])
    rows = []
    for name in dists:
        one = _one_at_a_time(dists, name, q, scenario)
        if one is None:
            continue
        lo, hi, X = one
        v = value(X, 2)
        rows.append({"name": name, "low_value": lo, "high_value": hi, "output_at_low": float(v[0]), "output_at_high": float(v[1]), "base_output": y0})
    df = pd.DataFrame(rows)
    with np.errstate(invalid="ignore"):
        df["swing"] = (df["output_at_high"] - df["output_at_low"]).abs()
    return df.sort_values("swing", ascending=False, ignore_index=True)
