"""Distributions of assumptions for Monte Carlo and sensitivity studies, and their correlations.

A scenario file states them in an ``[uncertainty]`` table, one entry per numeric parameter or
categorical choice::

    [uncertainty]
    failure_rate_per_yr = { dist = "triangular", low = 0.04, high = 0.20 }   # mode: the scenario's value
    learning_rate = { dist = "uniform", low = 0.18, high = 0.24 }
    rack_cost_usd = { dist = "lognormal", sigma = 0.25 }                     # median: the scenario's value
    array_cost_usd_per_w = { dist = "logtriangular", low = 1, high = 29 }    # mode: the scenario's value
    radiator_sides = { dist = "discrete", choices = [1, 2], weights = [1, 3] }
    launcher = { dist = "discrete", choices = ["falcon_heavy", "starship"], weights = [0.75, 0.25] }
    launch_price_usd_per_kg = { by = "launcher", falcon_heavy = { dist = "triangular", low = 1500, high = 2100 }, starship = { dist = "logtriangular", low = 20, mode = 200, high = 1000 } }

    [uncertainty.correlation.learning_rate]
    satellite_learning_rate = 0.5
    launched_mass_growth_per_yr = { rho = 0.4, reason = "the same launch market" }

Distributions of a number: ``uniform`` (low, high), ``loguniform`` (low, high > 0),
``triangular`` (low, mode, high), ``logtriangular`` (the logarithm triangular between the logs of
low, mode and high > 0: the form for ranges quoted over an order of magnitude, whose middle is
the geometric mean), ``lognormal`` (median, sigma of the natural log; truncated to the valid
range) and ``discrete`` (choices, weights; equal weights by default). A missing mode or median
takes the scenario's value. Every value must lie within the parameter's valid range.

A categorical choice (``strategy``, ``cell``, ``rack``, ``launcher``, ``coating``, ``supply``,
``pointing``, ``kind``, ``shadow``, ``orientation``, ``spacecraft``) takes a ``discrete``
distribution over its names. When a preset choice (cell, rack, launcher, coating, supply) is
drawn, the parameters its presets set follow the drawn preset; one of them may be given a
distribution per choice with ``by`` (a choice not listed takes the preset's value, or the
scenario's for the scenario's own choice). A plain distribution for a parameter that a drawn
preset sets is an error, since it would silently override the preset. Drawing ``strategy``
replaces the comparison's default of sizing every draw for both eclipse strategies and keeping
the cheaper one.

Correlations: ``[uncertainty.correlation.A]`` lists, for input A, each other input B with the
correlation rho of their normal scores (a Gaussian copula: each input's uniform number is
Phi(z) with z jointly normal with unit variances and these correlations; Spearman's rank
correlation is then (6/pi) asin(rho/2), slightly less than |rho|), as a number or as
``{ rho = ..., reason = "..." }``. Each pair once; |rho| <= 1; every name an input of the table;
the whole matrix positive definite. The marginals are unchanged by the copula (each is mapped
through its own inverse CDF); inputs without correlations draw exactly what they would draw
without any. A discrete input's uniform number picks its choices in the order listed, so a
positive correlation with it favours the later choices when the other input is high.

``defaults = true`` in the table starts from the generated default set (below) and its
correlations, and the table's entries replace or add to them.

Without an ``[uncertainty]`` table, :func:`default_uncertainty` applies: every assumption with a
range public sources support (``orbitflops.assumptions(scenario)``: ``public_low`` and
``public_high``, presets' ranges included) gets a triangular distribution with the scenario's
value as its mode, or, where the range spans more than a factor of 3, a log-triangular one (such
ranges are quoted as orders of magnitude; a linear triangular over 1-29 USD/W would put half its
draws above 12 USD/W, far above the geometric middle the scenario sits at); the debate's
categorical alternatives are drawn with estimated weights (:data:`DEFAULT_CHOICE_DRAWS`); and
:data:`DEFAULT_CORRELATIONS` apply, each with its reasoning. Draws are made by inverse-CDF
transformation of uniform numbers, so the same transformation serves plain random sampling
(Monte Carlo) and the quasi-random designs of Sobol analysis (SALib, independent inputs).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import numpy as np
from scipy import special

from .. import _core
from .._core import Scenario

_INFO = {p["name"]: p for p in _core.PARAMS}
KINDS = ("uniform", "loguniform", "triangular", "logtriangular", "lognormal", "discrete")
FIELDS: dict[str, frozenset[str]] = {
    "uniform": frozenset({"low", "high"}),
    "loguniform": frozenset({"low", "high", "median"}),
    "triangular": frozenset({"low", "high", "mode"}),
    "logtriangular": frozenset({"low", "high", "mode"}),
    "lognormal": frozenset({"median", "sigma"}),
    "discrete": frozenset({"choices", "weights"}),
}
"""The fields each distribution takes besides ``dist`` and ``source``."""
CHOICE_NAMES: dict[str, tuple[str, ...]] = {c["key"]: tuple(c["names"]) for c in _core.CHOICES}
PRESET_KINDS = tuple(c["key"] for c in _core.CHOICES if c["preset"])
PRESET_PARAMS: dict[str, frozenset[str]] = {k: frozenset(n for p in _core.PRESETS if p["kind"] == k for n in p["values"]) for k in PRESET_KINDS}
RESERVED = ("correlation", "defaults")


@dataclass(frozen=True)
class Distribution:
    """One input's distribution. ``ppf`` maps uniform numbers in [0, 1] to values (for a
    categorical choice: names)."""

    name: str
    kind: str
    low: float = math.nan
    high: float = math.nan
    mode: float = math.nan
    median: float = math.nan
    sigma: float = math.nan
    source: str = ""
    choices: tuple[Any, ...] = ()
    weights: tuple[float, ...] = ()

    @property
    def categorical(self) -> bool:
        """True for a choice of names (strategy, launcher, ...)."""
        return self.name in CHOICE_NAMES

    def index(self, u: Any) -> np.ndarray:
        """Index of the choice each uniform number picks (discrete distributions)."""
        w = np.asarray(self.weights, dtype=float)
        cum = np.cumsum(w) / w.sum()
        cum[-1] = 1.0
        return np.minimum(np.searchsorted(cum, np.clip(np.asarray(u, dtype=float), 0.0, 1.0), side="right"), len(w) - 1)

    def ppf(self, u: Any) -> np.ndarray:
        """Inverse cumulative distribution function, vectorised over ``u`` in [0, 1]."""
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        if self.kind == "discrete":
            vals = np.asarray(self.choices, dtype=str if self.categorical else float)
            return vals[self.index(u)]
        a, b = self.low, self.high
        if self.kind == "uniform":
            return a + (b - a) * u
        if self.kind == "loguniform":
            la, lb = math.log(a), math.log(b)
            if math.isnan(self.median):
                return np.exp(la + (lb - la) * u)
            # Log-uniform on each side of the median, half the draws on each.
            lm = math.log(self.median)
            return np.clip(np.exp(np.where(u < 0.5, la + (lm - la) * 2.0 * u, lm + (lb - lm) * (2.0 * u - 1.0))), a, b)
        if self.kind in ("triangular", "logtriangular"):
            lg = self.kind == "logtriangular"
            a, b, c = (math.log(a), math.log(b), math.log(self.mode)) if lg else (a, b, self.mode)
            if b == a:
                x = np.full_like(u, a)
            else:
                fc = (c - a) / (b - a)
                left = a + np.sqrt(u * (b - a) * (c - a))
                right = b - np.sqrt((1.0 - u) * (b - a) * (b - c))
                x = np.where(u < fc, left, right)
            return np.clip(np.exp(x), self.low, self.high) if lg else x
        # Lognormal truncated to [low, high]: map u into [F(low), F(high)] first.
        mu, s = math.log(self.median), self.sigma
        f_lo = 0.0 if a <= 0 else float(special.ndtr((math.log(a) - mu) / s))
        f_hi = 1.0 if math.isinf(b) else float(special.ndtr((math.log(b) - mu) / s))
        q = f_lo + (f_hi - f_lo) * u
        q = np.clip(q, 1e-300, 1.0 - 1e-16)
        return np.clip(np.exp(mu + s * special.ndtri(q)), a if a > 0 else 0.0, b)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` random draws."""
        return self.ppf(rng.random(n))

    def describe(self) -> str:
        """The distribution in words and numbers."""
        if self.kind == "discrete":
            w = np.asarray(self.weights, dtype=float)
            w = w / w.sum()
            return "one of " + ", ".join(f"{c} ({x:.0%})" for c, x in zip(self.choices, w))
        if self.kind == "loguniform" and not math.isnan(self.median):
            return f"loguniform({self.low:.4g}, {self.high:.4g}; median {self.median:.4g})"
        if self.kind in ("uniform", "loguniform"):
            return f"{self.kind}({self.low:.4g}, {self.high:.4g})"
        if self.kind in ("triangular", "logtriangular"):
            return f"{self.kind}({self.low:.4g}, {self.mode:.4g}, {self.high:.4g})"
        return f"lognormal(median {self.median:.4g}, sigma {self.sigma:.4g})"

    def to_dict(self) -> dict[str, Any]:
        """The distribution as a table of the ``[uncertainty]`` form."""
        d: dict[str, Any] = {"dist": self.kind}
        if self.kind == "discrete":
            d.update(choices=list(self.choices), weights=list(self.weights))
        elif self.kind in ("uniform", "loguniform"):
            d.update(low=self.low, high=self.high)
            if self.kind == "loguniform" and not math.isnan(self.median):
                d["median"] = self.median
        elif self.kind in ("triangular", "logtriangular"):
            d.update(low=self.low, mode=self.mode, high=self.high)
        else:
            d.update(median=self.median, sigma=self.sigma)
        if self.source:
            d["source"] = self.source
        return d


@dataclass(frozen=True)
class Conditional:
    """A parameter whose distribution depends on a drawn preset choice (``on``): ``by`` maps a
    choice to its distribution, ``fixed`` maps every other choice to its value (the preset's, or
    the scenario's for the scenario's own choice)."""

    name: str
    on: str
    by: dict[str, Distribution]
    fixed: dict[str, float]
    source: str = ""

    kind = "conditional"
    categorical = False

    def ppf(self, u: Any, choice: Any) -> np.ndarray:
        """Values for uniform numbers ``u`` given each draw's ``choice`` (names)."""
        u = np.asarray(u, dtype=float)
        ch = np.asarray(choice, dtype=object)
        out = np.full(u.shape, np.nan)
        for name, v in self.fixed.items():
            out[ch == name] = v
        for name, d in self.by.items():
            m = ch == name
            if m.any():
                out[m] = d.ppf(u[m])
        return out

    def ppf_for(self, choice: str, u: Any) -> np.ndarray:
        """Values for uniform numbers ``u`` under one choice."""
        if choice in self.by:
            return self.by[choice].ppf(u)
        return np.full(np.shape(u), self.fixed[choice], dtype=float)

    def describe(self) -> str:
        parts = [f"{k}: {d.describe()}" for k, d in self.by.items()]
        parts += [f"{k}: {v:.4g}" for k, v in self.fixed.items()]
        return f"by {self.on}; " + "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"by": self.on}
        for k, dist in self.by.items():
            d[k] = dist.to_dict()
        if self.source:
            d["source"] = self.source
        return d


Input = Distribution | Conditional


@dataclass
class Uncertainty:
    """The inputs of an uncertainty study: distributions in order, and the correlations of their
    normal scores (pairs of names, with the reasoning when given)."""

    inputs: dict[str, Input]
    correlations: dict[tuple[str, str], float] = field(default_factory=dict)
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._check()

    # Mapping-like access to the inputs, as the dict of distributions this replaces.
    def __iter__(self):
        return iter(self.inputs)

    def __len__(self) -> int:
        return len(self.inputs)

    def __getitem__(self, name: str) -> Input:
        return self.inputs[name]

    def __contains__(self, name: object) -> bool:
        return name in self.inputs

    def items(self):
        return self.inputs.items()

    def keys(self):
        return self.inputs.keys()

    def values(self):
        return self.inputs.values()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Uncertainty):
            return self.inputs == other.inputs and self.correlations == other.correlations
        if isinstance(other, Mapping):
            return not self.correlations and self.inputs == dict(other)
        return NotImplemented

    @property
    def correlated(self) -> bool:
        """True when any correlation is not zero."""
        return any(r != 0.0 for r in self.correlations.values())

    @property
    def draws_strategy(self) -> bool:
        return "strategy" in self.inputs

    def choice_keys(self) -> list[str]:
        """The categorical choices drawn."""
        return [k for k, d in self.inputs.items() if isinstance(d, Distribution) and d.categorical]

    def matrix(self, names: list[str] | None = None) -> np.ndarray:
        """The correlation matrix of ``names`` (default: every input)."""
        names = list(self.inputs) if names is None else names
        pos = {n: i for i, n in enumerate(names)}
        c = np.eye(len(names))
        for (a, b), r in self.correlations.items():
            if a in pos and b in pos:
                c[pos[a], pos[b]] = c[pos[b], pos[a]] = r
        return c

    def _check(self) -> None:
        for (a, b), r in self.correlations.items():
            for nm in (a, b):
                if nm not in self.inputs:
                    raise ValueError(f"uncertainty.correlation.{a}.{b}: {nm!r} is not an input of the uncertainty table (inputs: {', '.join(self.inputs)})")
            if not (isinstance(r, float) and math.isfinite(r) and -1.0 <= r <= 1.0):
                raise ValueError(f"uncertainty.correlation.{a}.{b} = {r!r}: must be a number in [-1, 1]")
        names = self._correlated_names()
        if names:
            c = self.matrix(names)
            w, v = np.linalg.eigh(c)
            if w[0] <= 1e-10:
                weights = np.abs(v[:, 0])
                worst = [names[i] for i in np.argsort(-weights)[:4] if weights[i] > 0.1]
                pairs = [f"{a}.{b} = {self.correlations[(a, b)]:g}" for (a, b) in self.correlations if a in worst and b in worst and self.correlations[(a, b)] != 0]
                raise ValueError(
                    "uncertainty.correlation: the correlations are not consistent (the matrix is not positive definite; smallest eigenvalue "
                    f"{w[0]:.3g}); the inputs most involved: {', '.join(worst)}" + (f" (entries {'; '.join(pairs)})" if pairs else "")
                )

    def _correlated_names(self) -> list[str]:
        inv = {n for (a, b), r in self.correlations.items() if r != 0.0 for n in (a, b)}
        return [n for n in self.inputs if n in inv]

    def uniforms(self, n: int, seed: int | None = 0, independent: bool = False) -> np.ndarray:
        """Uniform numbers (inputs x draws): independent ones from NumPy's PCG64 seeded by
        ``seed`` (the numbers of each input depend only on the seed and its position), then, for
        the inputs with correlations (unless ``independent``), the Gaussian copula."""
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"draws = {n!r}: must be a whole number >= 1")
        rng = np.random.default_rng(seed)
        u = rng.random((len(self.inputs), int(n)))
        if not independent:
            names = self._correlated_names()
            if names:
                # Standard normal scores of the correlated inputs, drawn after the uniforms (so
                # that every other input draws what it would draw without correlations).
                z = rng.standard_normal((len(names), int(n)))
                u = self.correlate(u, z, out=u)
        return u

    def correlate(self, u: np.ndarray, z: np.ndarray | None = None, out: np.ndarray | None = None) -> np.ndarray:
        """The Gaussian copula: the rows of the correlated inputs of ``u`` (inputs x draws)
        become Phi(L z), L the Cholesky factor of their correlation matrix and z independent
        standard normal scores (default: Phi^-1 of those rows of ``u``); the other rows are
        returned unchanged (written into ``out`` when given, which may be ``u`` itself). Each
        correlated row stays uniform (L's rows have unit length)."""
        names = self._correlated_names()
        if not names:
            return u
        idx = [list(self.inputs).index(nm) for nm in names]
        L = np.linalg.cholesky(self.matrix(names))
        if z is None:
            z = special.ndtri(np.clip(u[idx], np.finfo(float).tiny, 1.0 - 1e-16))
        if out is None:
            out = u.copy()
        out[idx] = special.ndtr(L @ z)
        return out

    def transform(self, u: np.ndarray) -> dict[str, np.ndarray]:
        """Values of every input from uniform numbers (inputs x draws): numbers for parameters,
        names for choices; a conditional parameter follows its choice's draws (or the choice
        the scenario makes when it is not drawn: see :meth:`transform_for`)."""
        out: dict[str, np.ndarray] = {}
        names = list(self.inputs)
        for i, nm in enumerate(names):
            d = self.inputs[nm]
            if isinstance(d, Distribution):
                out[nm] = d.ppf(u[i])
        for i, nm in enumerate(names):
            d = self.inputs[nm]
            if isinstance(d, Conditional):
                out[nm] = d.ppf(u[i], out[d.on])
        return out

    def sample(self, n: int, seed: int | None = 0, independent: bool = False) -> dict[str, np.ndarray]:
        """``n`` draws of every input (see :meth:`uniforms` and :meth:`transform`)."""
        return self.transform(self.uniforms(n, seed, independent))

    def correlation_rows(self) -> list[dict[str, Any]]:
        """The correlations as rows (first input, second input, rho, Spearman's rank
        correlation, reason)."""
        return [
            {"input_a": a, "input_b": b, "rho": r, "spearman": 6.0 / math.pi * math.asin(r / 2.0), "reason": self.reasons.get((a, b), "")}
            for (a, b), r in self.correlations.items()
        ]

    def to_dict(self) -> dict[str, Any]:
        """The ``[uncertainty]`` table (with its correlation table) as a mapping."""
        d: dict[str, Any] = {k: v.to_dict() for k, v in self.inputs.items()}
        if self.correlations:
            corr: dict[str, dict[str, Any]] = {}
            for (a, b), r in self.correlations.items():
                why = self.reasons.get((a, b))
                corr.setdefault(a, {})[b] = {"rho": r, "reason": why} if why else r
            d["correlation"] = corr
        return d


def _err(name: str, field: str, value: Any, why: str) -> ValueError:
    return ValueError(f"uncertainty.{name}.{field} = {value!r}: {why}")


def _inside(name: str, field: str, v: float, path: str | None = None) -> None:
    info = _INFO[name]
    lo, hi = info["low"], info["high"]
    ok = (v > lo if info["low_open"] else v >= lo) and (v < hi if info["high_open"] else v <= hi)
    if info["integer"] and ok:
        ok = float(v).is_integer()
    if not ok:
        rng = f"{'(' if info['low_open'] else '['}{lo:g}, {hi:g}{')' if info['high_open'] else ']'}"
        raise _err(path or name, field, v, f"outside the valid range {rng} of {name} ({info['unit']})" + (", a whole number" if info["integer"] else ""))


def _num(name: str, spec: Mapping[str, Any], field: str, default: float | None = None) -> float:
    if field not in spec:
        if default is None:
            raise _err(name, field, None, "missing")
        return float(default)
    v = spec[field]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _err(name, field, v, "must be a number")
    v = float(v)
    if not math.isfinite(v):
        raise _err(name, field, v, "must be finite")
    return v


def _unknown(name: str) -> ValueError:
    import difflib

    close = difflib.get_close_matches(name, list(_INFO) + list(CHOICE_NAMES), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return ValueError(f"uncertainty.{name}: unknown scenario parameter or choice{hint}")


def _discrete(name: str, spec: Mapping[str, Any], source: str, path: str) -> Distribution:
    choices = spec.get("choices")
    if not isinstance(choices, (list, tuple)) or not choices:
        raise _err(path, "choices", choices, "must be a non-empty list")
    if name in CHOICE_NAMES:
        allowed = CHOICE_NAMES[name]
        for c in choices:
            if c not in allowed:
                raise _err(path, "choices", c, f"not a {name} (one of {', '.join(allowed)})")
        vals: tuple[Any, ...] = tuple(choices)
    else:
        nums = []
        for c in choices:
            if isinstance(c, bool) or not isinstance(c, (int, float)) or not math.isfinite(float(c)):
                raise _err(path, "choices", c, "must be finite numbers")
            _inside(name, "choices", float(c), path)
            nums.append(float(c))
        vals = tuple(nums)
    if len(set(vals)) != len(vals):
        raise _err(path, "choices", list(choices), "lists a choice twice")
    weights = spec.get("weights", [1.0] * len(vals))
    if not isinstance(weights, (list, tuple)) or len(weights) != len(vals):
        raise _err(path, "weights", weights, f"must be a list of {len(vals)} numbers, one per choice")
    ws = []
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(float(w)) or w < 0:
            raise _err(path, "weights", w, "must be finite numbers >= 0")
        ws.append(float(w))
    if sum(ws) <= 0:
        raise _err(path, "weights", weights, "must not all be 0")
    return Distribution(name, "discrete", source=source, choices=vals, weights=tuple(ws))


def parse_distribution(name: str, spec: Mapping[str, Any], scenario: Scenario | None = None, *, base: float | None = None, path: str | None = None) -> Distribution:
    """One distribution from its table (``dist`` and its fields), checked against the
    parameter's range (or, for a choice, its allowed names); a missing mode or median takes
    ``base`` (default: the scenario's value)."""
    path = path or name
    if name not in _INFO and name not in CHOICE_NAMES:
        raise _unknown(name)
    if not isinstance(spec, Mapping):
        raise ValueError(f"uncertainty.{path} = {spec!r}: must be a table such as {{ dist = \"uniform\", low = ..., high = ... }}")
    kind = spec.get("dist")
    if kind not in KINDS:
        raise _err(path, "dist", kind, f"must be one of {', '.join(KINDS)}")
    allowed = {"dist", "source"} | FIELDS[kind]
    for k in spec:
        if k not in allowed:
            raise _err(path, k, spec[k], f"unknown field (fields of a {kind} distribution: {', '.join(sorted(allowed))})")
    source = str(spec.get("source", ""))
    if kind == "discrete":
        return _discrete(name, spec, source, path)
    if name in CHOICE_NAMES:
        raise _err(path, "dist", kind, f"{name} is a choice of names: it takes dist = \"discrete\" with choices = [...]")
    info = _INFO[name]
    if info["integer"]:
        raise ValueError(f"uncertainty.{path}: a whole-number parameter cannot be given a continuous distribution (use dist = \"discrete\")")
    if base is None:
        base = (scenario or Scenario.default()).params()[name]
    if kind in ("uniform", "loguniform", "triangular", "logtriangular"):
        lo, hi = _num(path, spec, "low"), _num(path, spec, "high")
        if not lo <= hi:
            raise _err(path, "high", hi, f"must be >= low = {lo!r}")
        _inside(name, "low", lo, path)
        _inside(name, "high", hi, path)
        if kind in ("loguniform", "logtriangular") and lo <= 0:
            raise _err(path, "low", lo, f"must be > 0 for a {kind} distribution")
        if kind == "loguniform" and "median" in spec:
            median = _num(path, spec, "median")
            if not lo < median < hi:
                raise _err(path, "median", median, f"must lie strictly between low and high = {lo!r} and {hi!r}")
            return Distribution(name, kind, lo, hi, median=median, source=source)
        if kind in ("triangular", "logtriangular"):
            mode = _num(path, spec, "mode", base)
            if not lo <= mode <= hi:
                raise _err(path, "mode", mode, f"must lie in [low, high] = [{lo!r}, {hi!r}]" + ("" if "mode" in spec else " (the scenario's value, taken as the mode)"))
            return Distribution(name, kind, lo, hi, mode=mode, source=source)
        return Distribution(name, kind, lo, hi, source=source)
    median = _num(path, spec, "median", base)
    sigma = _num(path, spec, "sigma")
    if median <= 0:
        raise _err(path, "median", median, "must be > 0 for a lognormal distribution")
    if sigma <= 0:
        raise _err(path, "sigma", sigma, "must be > 0")
    _inside(name, "median", median, path)
    lo = info["low"] if info["low"] > 0 else 0.0
    hi = info["high"]
    if info["low_open"] and lo > 0:
        lo = math.nextafter(lo, math.inf)
    if info["high_open"] and math.isfinite(hi):
        hi = math.nextafter(hi, -math.inf)
    return Distribution(name, "lognormal", lo, hi, median=median, sigma=sigma, source=source)


def _preset_value(scenario: Scenario, kind: str, choice: str, name: str) -> float:
    if scenario.choices()[kind] == choice:
        return float(scenario.params()[name])
    return float(next(p for p in _core.PRESETS if p["kind"] == kind and p["name"] == choice)["values"][name])


def _conditional(name: str, spec: Mapping[str, Any], scenario: Scenario, drawn: Mapping[str, Distribution]) -> Conditional:
    on = spec["by"]
    if on not in PRESET_KINDS:
        raise _err(name, "by", on, f"must be a preset choice ({', '.join(PRESET_KINDS)})")
    if name not in _INFO:
        raise ValueError(f"uncertainty.{name}: a distribution by {on} is for a numeric parameter")
    if name not in PRESET_PARAMS[on]:
        raise _err(name, "by", on, f"no {on} preset sets {name}: give it one distribution")
    if on not in drawn:
        raise _err(name, "by", on, f"{on} is not drawn: add uncertainty.{on} = {{ dist = \"discrete\", choices = [...] }} or give {name} one distribution")
    choices = drawn[on].choices
    by: dict[str, Distribution] = {}
    for k, sub in spec.items():
        if k in ("by", "source"):
            continue
        if k not in CHOICE_NAMES[on]:
            raise _err(name, k, sub, f"not a {on} (one of {', '.join(CHOICE_NAMES[on])})")
        if k not in choices:
            raise _err(name, k, sub, f"{k} is not among the drawn {on} choices ({', '.join(choices)})")
        by[k] = parse_distribution(name, sub, scenario, base=_preset_value(scenario, on, k, name), path=f"{name}.{k}")
    fixed = {c: _preset_value(scenario, on, c, name) for c in choices if c not in by}
    return Conditional(name, on, by, fixed, str(spec.get("source", "")))


def _correlations(spec: Any, names: Iterable[str]) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], str]]:
    if not isinstance(spec, Mapping):
        raise ValueError(f"uncertainty.correlation = {spec!r}: must be a table of [uncertainty.correlation.<input>] tables")
    names = set(names)
    corr: dict[tuple[str, str], float] = {}
    reasons: dict[tuple[str, str], str] = {}
    for a, row in spec.items():
        if a not in names:
            raise ValueError(f"uncertainty.correlation.{a}: {a!r} is not an input of the uncertainty table" + ("" if (a in _INFO or a in CHOICE_NAMES) else " (nor a scenario parameter or choice)"))
        if not isinstance(row, Mapping):
            raise ValueError(f"uncertainty.correlation.{a} = {row!r}: must be a table of <input> = rho entries")
        for b, v in row.items():
            path = f"uncertainty.correlation.{a}.{b}"
            if b not in names:
                raise ValueError(f"{path}: {b!r} is not an input of the uncertainty table")
            if b == a:
                raise ValueError(f"{path}: an input's correlation with itself is 1; list other inputs")
            why = ""
            if isinstance(v, Mapping):
                extra = set(v) - {"rho", "reason"}
                if extra or "rho" not in v:
                    raise ValueError(f"{path} = {v!r}: must be a number or {{ rho = ..., reason = \"...\" }}")
                why = str(v.get("reason", ""))
                v = v["rho"]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)) or abs(float(v)) > 1.0:
                raise ValueError(f"{path} = {v!r}: must be a number in [-1, 1]")
            if (b, a) in corr or (a, b) in corr:
                raise ValueError(f"{path}: the pair {a} and {b} is given twice (give each pair once)")
            corr[(a, b)] = float(v)
            if why:
                reasons[(a, b)] = why
    return corr, reasons


def parse_uncertainty(spec: Mapping[str, Any], scenario: Scenario | None = None) -> Uncertainty:
    """Inputs and correlations from a mapping of the ``[uncertainty]`` form (module
    docstring)."""
    if not isinstance(spec, Mapping):
        raise ValueError(f"uncertainty = {spec!r}: must be a table of parameter = {{ dist = ... }} entries")
    scenario = scenario or Scenario.default()
    use_defaults = spec.get("defaults", False)
    if not isinstance(use_defaults, bool):
        raise ValueError(f"uncertainty.defaults = {use_defaults!r}: must be true or false")
    entries: dict[str, Any] = {}
    corr_spec: dict[str, Any] = {}
    if use_defaults:
        base = default_uncertainty(scenario)
        corr_spec = {a: dict(r) for a, r in base.pop("correlation", {}).items()}
        entries.update(base)
    for k, v in spec.items():
        if k in RESERVED:
            continue
        entries[k] = v
    drawn: dict[str, Distribution] = {}
    for k, v in entries.items():
        if k in CHOICE_NAMES:
            d = parse_distribution(k, v, scenario)
            drawn[k] = d
    inputs: dict[str, Input] = {}
    for k, v in entries.items():
        if k in CHOICE_NAMES:
            inputs[k] = drawn[k]
        elif isinstance(v, Mapping) and "by" in v:
            inputs[k] = _conditional(k, v, scenario, drawn)
        else:
            if k not in _INFO:
                raise _unknown(k)
            for on in drawn:
                if on in PRESET_KINDS and k in PRESET_PARAMS[on]:
                    raise ValueError(
                        f"uncertainty.{k}: {on} is drawn (uncertainty.{on}) and its presets set {k}; give {k} a distribution per {on}: "
                        f"{k} = {{ by = \"{on}\", {drawn[on].choices[0]} = {{ dist = ... }}, ... }}"
                    )
            inputs[k] = parse_distribution(k, v, scenario)
    if "correlation" in spec:
        user = spec["correlation"]
        if not isinstance(user, Mapping):
            raise ValueError(f"uncertainty.correlation = {user!r}: must be a table of [uncertainty.correlation.<input>] tables")
        given: set[frozenset[str]] = set()
        for a, row in user.items():
            if not isinstance(row, Mapping):
                raise ValueError(f"uncertainty.correlation.{a} = {row!r}: must be a table of <input> = rho entries")
            for b, v in row.items():
                pair = frozenset((a, b))
                if pair in given:
                    raise ValueError(f"uncertainty.correlation.{a}.{b}: the pair {b} and {a} is given twice (give each pair once)")
                given.add(pair)
                # A pair given here replaces the default set's, in either order.
                if isinstance(corr_spec.get(b), dict):
                    corr_spec[b].pop(a, None)
                corr_spec.setdefault(a, {})[b] = v
    corr, reasons = _correlations(corr_spec, inputs)
    return Uncertainty(inputs, corr, reasons)


# --- The default set --------------------------------------------------------------------------

LOG_RANGE_RATIO = 3.0
"""A public range wider than this factor (low > 0) is sampled log-triangular."""

INERT_IN_MODE: dict[str, frozenset[str]] = {
    "bottom_up": frozenset({"spacecraft_specific_power_w_kg", "spacecraft_cost_usd_per_w"}),
    "specific": frozenset(
        {
            "array_areal_density_kg_m2",
            "array_cost_usd_per_w",
            "radiator_areal_density_kg_m2",
            "radiator_cost_usd_per_m2",
            "battery_specific_energy_j_kg",
            "battery_cost_usd_per_kwh",
            "coolant_loop_kg_per_w",
            "coolant_loop_cost_usd_per_w",
            "bus_mass_kg",
            "bus_mass_kg_per_w",
            "bus_cost_usd_per_kg",
            "structure_fraction",
            "structure_cost_usd_per_kg",
        }
    ),
}
"""Parameters without effect in a spacecraft mode (``spacecraft`` choice), left out of the
default set for scenarios in that mode."""

DEFAULT_CHOICE_DRAWS: dict[str, dict[str, Any]] = {
    "launcher": {
        "alternative": {"falcon_heavy": "starship", "falcon9": "starship", "starship": "falcon_heavy"},
        "weight": 0.25,
        "reason": (
            "est.: whether a fully reusable launcher at its target price (Starship, 20-1,000 USD/kg) carries the system, or today's Falcon Heavy "
            "(1,500-2,100 USD/kg): Starship has flown test flights but sells no launches yet, and Starcloud (March 2026) does not expect commercial "
            "access before 2028-2029, when a system bought now would fly; the alternative to the scenario's launcher gets a quarter of the draws"
        ),
    },
    "cell": {
        "alternative": {"silicon_thin": "gaas_tj", "gaas_tj": "silicon_thin"},
        "weight": 0.25,
        "reason": (
            "est.: thin silicon cells as mass-produced constellations fly them (Starlink, Starcloud) or space-grade triple-junction GaAs, the "
            "standard of every other satellite; the alternative to the scenario's cell gets a quarter of the draws"
        ),
    },
    "rack": {
        "alternative": {"gb200_nvl72_flight": "gb200_nvl72", "gb200_nvl72": "gb200_nvl72_flight"},
        "weight": 0.25,
        "reason": (
            "est.: a purpose-built flight payload (boards, chips, cold plates and spine only, as SpaceX's AI1 and Starcloud-3 are designed) or "
            "the ground rack flown whole with its frame, power shelves and manifolds (1.36 t); the alternative to the scenario's payload gets a "
            "quarter of the draws"
        ),
    },
}
"""The debate's categorical alternatives drawn by default: for each choice, the alternative to
each scenario choice and the share of draws it gets (estimates; see each reason). The scenario's
own choice keeps the rest, so the default scenario stays the middle of the draws."""

CHOICE_ORDER: dict[str, tuple[str, ...]] = {
    "launcher": ("starship", "falcon_heavy", "falcon9"),
    "cell": ("silicon_thin", "gaas_tj"),
    "rack": ("gb200_nvl72_flight", "gb200_nvl72", "hgx_h100"),
}
"""The order in which the default set lists a drawn choice's names: from the one that favours
orbit to the one that favours the ground, so that a high uniform number means the ground's side
for every default correlation."""

WITHIN_GROUP_RHO = 0.7
"""Correlation of the members of one group (x sign x sign): each group shares a cause (est.)."""

CORRELATION_GROUPS: list[dict[str, Any]] = [
    {
        "name": "how the spacecraft is built and run",
        "rho": WITHIN_GROUP_RHO,
        "members": {
            "cell": 1,
            "array_cost_usd_per_w": 1,
            "bus_cost_usd_per_kg": 1,
            "structure_cost_usd_per_kg": 1,
            "radiator_cost_usd_per_m2": 1,
            "coolant_loop_cost_usd_per_w": 1,
            "battery_cost_usd_per_kwh": 1,
            "integration_fraction": 1,
            "spacecraft_cost_usd_per_w": 1,
            "insurance_fraction": 1,
            "ops_usd_per_yr": 1,
            "ops_usd_per_rack_yr": 1,
        },
        "reason": (
            "est.: the hardware and operating costs all follow one choice, mass production with commercial parts and constellation "
            "practice (Starlink: 800-1,100 USD/kg for whole satellites, self-insured, operated by automation) or space-grade parts and "
            "heritage practice (OneWeb 6,700 USD/kg; SMAD and USCM8 cost relations; insured launches; an operations team per mission); a "
            "supplier base that builds one part like Starlink builds the others the same way"
        ),
    },
    {
        "name": "how light the spacecraft is",
        "rho": WITHIN_GROUP_RHO,
        "members": {
            "rack": 1,
            "rack_mass_kg": 1,
            "array_areal_density_kg_m2": 1,
            "radiator_areal_density_kg_m2": 1,
            "coolant_loop_kg_per_w": 1,
            "structure_fraction": 1,
            "bus_mass_kg": 1,
            "bus_mass_kg_per_w": 1,
            "battery_specific_energy_j_kg": -1,
            "spacecraft_specific_power_w_kg": -1,
        },
        "reason": (
            "est.: the masses all follow one design practice, purpose-built and mass-optimised for launch (AI1: ~70 kW per tonne) or "
            "flight-proven heritage hardware with its margins (ISS radiators 14.2 kg/m^2, arrays 2.6-3 kg/m^2)"
        ),
    },
    {
        "name": "how efficient its power and thermal design is",
        "rho": WITHIN_GROUP_RHO,
        "members": {
            "array_inherent_efficiency": -1,
            "array_degradation_per_yr": 1,
            "regulation_efficiency": -1,
            "distribution_efficiency": -1,
            "battery_charge_efficiency": -1,
            "battery_discharge_efficiency": -1,
            "bus_fixed_w": 1,
            "bus_fraction": 1,
            "cold_plate_dt_k": 1,
            "coolant_loop_dt_k": 1,
        },
        "reason": (
            "est.: the power path and the thermal chain follow one design generation, modern peak-power trackers and high-voltage "
            "distribution with cold plates built into the payload's loop (95-98 % per stage, 5 K drops) or the legacy path efficiencies and "
            "margins of SMAD's equations (0.80 and 0.60 overall, 15 K drops)"
        ),
    },
    {
        "name": "how the accelerators survive",
        "rho": WITHIN_GROUP_RHO,
        "members": {"failure_rate_per_yr": 1, "radiation_failure_rate_per_yr": 1, "radiation_derate": 1},
        "reason": (
            "est.: the accelerators' failure rates in orbit (hardware faults and radiation) and the throughput lost to radiation errors all "
            "follow the parts' screening and radiation tolerance and the shielding chosen (Suncatcher's proton tests; no flight data at scale)"
        ),
    },
    {
        "name": "how fast space gets cheaper",
        "rho": WITHIN_GROUP_RHO,
        "members": {
            "launcher": 1,
            "launch_price_usd_per_kg": 1,
            "learning_rate": -1,
            "launched_mass_growth_per_yr": -1,
            "satellite_learning_rate": -1,
            "satellite_production_growth_per_yr": -1,
        },
        "reason": (
            "est.: mass-production optimism moves launch and hardware learning together: the satellites are most of the mass launched "
            "(Starlink is most of Falcon 9's manifest), a fully reusable launcher at its target price comes with the fast growth of launched "
            "mass it is built for, and both learn from the same volume"
        ),
    },
]
"""Groups of inputs whose normal scores move together, each with a sign per member (+1: a high
value favours the ground) and a correlation: two members correlate with rho x sign x sign.
Estimates, each with its reasoning."""

COMMON_RHO = 0.5
COMMON_REASON = (
    "est.: one view of orbital compute runs through all of these: the sources that see space hardware built like Starlink also see it "
    "lighter, more efficient, more reliable and launched on a fully reusable rocket whose price keeps falling, and the sources that see "
    "heritage space hardware see the opposite on every count (the camps of the debate, examples/camps, are such sets); a common factor "
    "carries that view"
)
"""Correlation between members of different groups (x sign x sign): the common view of the
debate. Calibration (the default scenario, 100,000 draws, seed 0; tests/test_compare.py holds the
default Monte Carlo to the camps): with the groups at :data:`WITHIN_GROUP_RHO`, 0.4 leaves the
optimist's ratio just below the P5 of the cost ratio, 0.45 reaches it with under 1 % to spare,
and 0.5 is taken, the round value with a few per cent of margin; the P95 passes the skeptic's
ratio at any of them. Independent draws of the same distributions reach neither camp (P5 about
1.9 and P95 about 17.5 against the camps' 0.88 and 23): the errors of some 60 independent
assumptions cancel, while the camps differ by one shared view."""


def _group_pairs() -> list[tuple[str, str, float, str]]:
    pairs: list[tuple[str, str, float, str]] = []
    for g in CORRELATION_GROUPS:
        names = list(g["members"])
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pairs.append((a, b, g["rho"] * g["members"][a] * g["members"][b], f"{g['name']}: {g['reason']}"))
    for i, ga in enumerate(CORRELATION_GROUPS):
        for gb in CORRELATION_GROUPS[i + 1 :]:
            for a, sa in ga["members"].items():
                for b, sb in gb["members"].items():
                    pairs.append((a, b, COMMON_RHO * sa * sb, f"{ga['name']} and {gb['name']}: {COMMON_REASON}"))
    return pairs


DEFAULT_CORRELATIONS: list[tuple[str, str, float, str]] = _group_pairs()
"""Default correlations of normal scores: (input, input, rho, reasoning), from
:data:`CORRELATION_GROUPS` and :data:`COMMON_RHO`. All are estimates: no public
source measures how these assumptions move together."""


def _spec_from_range(name: str, value: float, lo: float, hi: float, source: str) -> dict[str, Any] | None:
    lo, hi = min(lo, value), max(hi, value)
    if not hi > lo:
        return None
    if lo > 0 and hi / lo > LOG_RANGE_RATIO:
        if lo < value < hi:
            return {"dist": "loguniform", "low": lo, "median": value, "high": hi, "source": source}
        return {"dist": "logtriangular", "low": lo, "mode": value, "high": hi, "source": source}
    return {"dist": "triangular", "low": lo, "mode": value, "high": hi, "source": source}


def _range_source(lo: float, hi: float, unit: str, source: str) -> str:
    u = "" if unit == "1" else f" {unit}"
    return f"public range {lo:.4g}-{hi:.4g}{u}: {source}"


def default_uncertainty(scenario: Scenario) -> dict[str, Any]:
    """The default ``[uncertainty]`` table for ``scenario``, as a mapping of the TOML form.

    Every assumption with a public range (``orbitflops.assumptions``) gets a triangular
    distribution between the range's ends with the scenario's value as its mode (log-triangular
    for a range wider than a factor of 3); a scenario value outside the range widens it to
    reach the value. The alternatives of :data:`DEFAULT_CHOICE_DRAWS` are drawn as discrete
    choices, and the parameters their presets set follow the drawn preset, each with the
    preset's own public range. :data:`DEFAULT_CORRELATIONS` apply between the inputs present."""
    from ..model import assumptions

    ch = scenario.choices()
    rows = assumptions(scenario)
    inert = INERT_IN_MODE.get(ch["spacecraft"], frozenset())
    out: dict[str, Any] = {}
    drawn_kinds: dict[str, list[str]] = {}
    for key, rule in DEFAULT_CHOICE_DRAWS.items():
        alt = rule["alternative"].get(ch[key])
        if alt is None or alt == ch[key]:
            continue
        w = float(rule["weight"])
        order = CHOICE_ORDER.get(key, ())
        pair = sorted([(ch[key], 1.0 - w), (alt, w)], key=lambda cw: order.index(cw[0]) if cw[0] in order else len(order))
        out[key] = {"dist": "discrete", "choices": [c for c, _ in pair], "weights": [x for _, x in pair], "source": rule["reason"]}
        drawn_kinds[key] = [c for c, _ in pair]
    for r in rows:
        name = r["name"]
        if name in inert or r["integer"]:
            continue
        on = next((k for k in drawn_kinds if name in PRESET_PARAMS[k]), None)
        if on is not None:
            by: dict[str, Any] = {"by": on}
            for c in drawn_kinds[on]:
                preset = next(p for p in _core.PRESETS if p["kind"] == on and p["name"] == c)
                rng = preset["ranges"].get(name)
                if rng is None:
                    continue
                v = _preset_value(scenario, on, c, name)
                spec = _spec_from_range(name, v, rng[0], rng[1], _range_source(rng[0], rng[1], r["unit"], f"{on} preset '{c}': {preset['source']}"))
                if spec is not None:
                    by[c] = spec
            if len(by) > 1:
                out[name] = by
            continue
        if r["public_low"] is None:
            continue
        spec = _spec_from_range(name, r["value"], r["public_low"], r["public_high"], _range_source(r["public_low"], r["public_high"], r["unit"], r["source"]))
        if spec is not None:
            out[name] = spec
    corr: dict[str, dict[str, Any]] = {}
    for a, b, rho, why in DEFAULT_CORRELATIONS:
        if a in out and b in out:
            corr.setdefault(a, {})[b] = {"rho": rho, "reason": why}
    if corr:
        out["correlation"] = corr
    return out


def uncertainty_of(scenario: Scenario) -> Uncertainty:
    """The scenario file's ``[uncertainty]`` table, or :func:`default_uncertainty` when it has
    none."""
    text = scenario.uncertainty_toml()
    if text.strip():
        spec = tomllib.loads(text).get("uncertainty", {})
    else:
        spec = default_uncertainty(scenario)
    return parse_uncertainty(spec, scenario)


def resolve(uncertainty: Any, scenario: Scenario) -> Uncertainty:
    """Inputs from an argument that may be None (the scenario's), an :class:`Uncertainty`, a
    mapping of specs (the ``[uncertainty]`` form) or a mapping of :class:`Distribution`."""
    if uncertainty is None:
        return uncertainty_of(scenario)
    if isinstance(uncertainty, Uncertainty):
        return uncertainty
    if isinstance(uncertainty, Mapping) and uncertainty and all(isinstance(v, (Distribution, Conditional)) for v in uncertainty.values()):
        return Uncertainty(dict(uncertainty))
    return parse_uncertainty(uncertainty, scenario)


def sample_at_choices(dists: Any, scenario: Scenario, n: int, seed: int | None = 0, independent: bool = False) -> dict[str, np.ndarray]:
    """``n`` draws of the numeric parameters with every categorical choice held at the
    scenario's: drawn choices are left out, and a parameter drawn per choice follows the
    distribution (or the value) of the scenario's own choice. For studies of one design, whose
    choices are made (the robust optimiser)."""
    if not isinstance(dists, Uncertainty):
        dists = Uncertainty(dict(dists))
    u = dists.uniforms(n, seed, independent)
    own = scenario.choices()
    out: dict[str, np.ndarray] = {}
    for i, (name, d) in enumerate(dists.items()):
        if isinstance(d, Conditional):
            out[name] = d.ppf_for(own[d.on], u[i])
        elif not d.categorical:
            out[name] = d.ppf(u[i])
    return out


def sample(dists: Any, n: int, seed: int | None = 0, independent: bool = False) -> dict[str, np.ndarray]:
    """``n`` draws of every input of ``dists`` (an :class:`Uncertainty` or a mapping of
    :class:`Distribution`), correlated unless ``independent`` (NumPy PCG64 seeded by ``seed``;
    each input's uniform numbers depend only on the seed and its position)."""
    if not isinstance(dists, Uncertainty):
        dists = Uncertainty(dict(dists))
    return dists.sample(n, seed, independent)


DEFAULT_UNCERTAINTY: dict[str, Any] = default_uncertainty(Scenario.default())
"""The default ``[uncertainty]`` table of the default scenario (:func:`default_uncertainty`)."""
