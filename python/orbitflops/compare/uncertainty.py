"""Distributions of assumptions for Monte Carlo and sensitivity studies.

A scenario file states them in an ``[uncertainty]`` table, one entry per numeric parameter::

    [uncertainty]
    failure_rate_per_yr = { dist = "triangular", low = 0.05, mode = 0.07, high = 0.09 }
    learning_rate = { dist = "uniform", low = 0.18, high = 0.24 }
    rack_cost_usd = { dist = "lognormal", sigma = 0.25 }          # median: the scenario's value
    array_cost_usd_per_w = { dist = "loguniform", low = 10, high = 150 }

Distributions: ``uniform`` (low, high), ``loguniform`` (low, high > 0), ``triangular`` (low,
mode, high; mode defaults to the scenario's value) and ``lognormal`` (median, sigma of the
natural log; median defaults to the scenario's value). Every distribution must stay within the
parameter's valid range; a lognormal is truncated to it. Draws are made by inverse-CDF
transformation of uniform numbers, so the same transformation serves plain random sampling
(Monte Carlo) and the quasi-random designs of Sobol analysis (SALib).

Without an ``[uncertainty]`` table, :data:`DEFAULT_UNCERTAINTY` applies, fitted to the scenario
(:func:`default_uncertainty`); each of its entries names the published range it comes from.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
from scipy import special

from .. import _core
from .._core import Scenario

_INFO = {p["name"]: p for p in _core.PARAMS}
KINDS = ("uniform", "loguniform", "triangular", "lognormal")


@dataclass(frozen=True)
class Distribution:
    """One parameter's distribution. ``ppf`` maps uniform numbers in (0, 1) to values."""

    name: str
    kind: str
    low: float
    high: float
    mode: float = math.nan
    median: float = math.nan
    sigma: float = math.nan
    source: str = ""

    def ppf(self, u: Any) -> np.ndarray:
        """Inverse cumulative distribution function, vectorised over ``u`` in [0, 1]."""
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        a, b = self.low, self.high
        if self.kind == "uniform":
            return a + (b - a) * u
        if self.kind == "loguniform":
            return np.exp(math.log(a) + (math.log(b) - math.log(a)) * u)
        if self.kind == "triangular":
            c = self.mode
            if b == a:
                return np.full_like(u, a)
            fc = (c - a) / (b - a)
            left = a + np.sqrt(u * (b - a) * (c - a))
            right = b - np.sqrt((1.0 - u) * (b - a) * (b - c))
            return np.where(u < fc, left, right)
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
        if self.kind in ("uniform", "loguniform"):
            return f"{self.kind}({self.low:g}, {self.high:g})"
        if self.kind == "triangular":
            return f"triangular({self.low:g}, {self.mode:g}, {self.high:g})"
        return f"lognormal(median {self.median:g}, sigma {self.sigma:g})"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"dist": self.kind}
        if self.kind in ("uniform", "loguniform"):
            d.update(low=self.low, high=self.high)
        elif self.kind == "triangular":
            d.update(low=self.low, mode=self.mode, high=self.high)
        else:
            d.update(median=self.median, sigma=self.sigma)
        if self.source:
            d["source"] = self.source
        return d


# Default distributions: each names its published range; "est." marks a spread chosen here.
DEFAULT_UNCERTAINTY: dict[str, dict[str, Any]] = {
    "learning_rate": {"dist": "triangular", "low": 0.18, "mode": 0.20, "high": 0.24, "source": "Suncatcher arXiv:2511.19468 sec. 2.4: 20 % (18-24 %) per doubling"},
    "launched_mass_growth_per_yr": {"dist": "uniform", "low": 0.25, "high": 0.55, "source": "spans Suncatcher arXiv:2511.19468 sec. 4.4's low case (104,000 t more by the mid-2030s, ~300 USD/kg: growth ~0.26) to beyond its base case (370,000 t by 2035, <200 USD/kg: growth 0.50)"},
    "failure_rate_per_yr": {"dist": "triangular", "low": 0.04, "mode": 0.10, "high": 0.20, "source": "orbital failure rate 0.04-0.20/yr: ground fleets 6-11 %/GPU-yr (Meta, Llama 3, arXiv:2407.21783), plus radiation and thermal cycling without repair (est.)"},
    "rack_cost_usd": {"dist": "lognormal", "sigma": 0.25, "source": "est.: GB200 NVL72 price quotes 2.6-3.9 M USD"},
    "array_cost_usd_per_w": {"dist": "lognormal", "sigma": 0.5, "source": "est.: space arrays 10-150+ USD/W depending on cell and volume"},
    "array_areal_density_kg_m2": {"dist": "lognormal", "sigma": 0.3, "source": "array specific power 30-165 W/kg (Turyshev arXiv:2604.27197)"},
    "radiator_areal_density_kg_m2": {"dist": "uniform", "low": 2.0, "high": 10.0, "source": "modern radiators 2-10 kg/m^2 (Turyshev arXiv:2604.27197)"},
    "radiator_cost_usd_per_m2": {"dist": "lognormal", "sigma": 0.5, "source": "est."},
    "bus_cost_usd_per_kg": {"dist": "lognormal", "sigma": 0.5, "source": "est."},
    "electricity_price_usd_per_kwh": {"dist": "triangular", "low": 0.06, "high": 0.25, "source": "0.06-0.25 USD/kWh (Suncatcher arXiv:2511.19468 sec. 4.4); mode: the scenario's value"},
    "pue": {"dist": "triangular", "low": 1.09, "high": 1.4, "source": "PUE 1.09-1.4 (Suncatcher arXiv:2511.19468 sec. 4.4); mode: the scenario's value"},
    "ground_capex_usd_per_w": {"dist": "triangular", "low": 10.0, "high": 40.0, "source": "10-40 k USD per kW of IT (Turyshev arXiv:2604.27197; Epoch AI); mode: the scenario's value"},
    "discount_rate": {"dist": "uniform", "low": 0.06, "high": 0.12, "source": "est.: weighted cost of capital of data-centre and space projects"},
}


def _err(name: str, field: str, value: Any, why: str) -> ValueError:
    return ValueError(f"uncertainty.{name}.{field} = {value!r}: {why}")


def _inside(name: str, field: str, v: float) -> None:
    info = _INFO[name]
    lo, hi = info["low"], info["high"]
    ok = (v > lo if info["low_open"] else v >= lo) and (v < hi if info["high_open"] else v <= hi)
    if not ok:
        rng = f"{'(' if info['low_open'] else '['}{lo:g}, {hi:g}{')' if info['high_open'] else ']'}"
        raise _err(name, field, v, f"outside the valid range {rng} of {name} ({info['unit']})")


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


def parse_distribution(name: str, spec: Mapping[str, Any], scenario: Scenario | None = None) -> Distribution:
    """One distribution from its table (``dist`` and its fields), checked against the
    parameter's range; a missing mode or median takes the scenario's value."""
    if name not in _INFO:
        import difflib

        close = difflib.get_close_matches(name, list(_INFO), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"uncertainty.{name}: unknown scenario parameter{hint}")
    info = _INFO[name]
    if info["integer"]:
        raise ValueError(f"uncertainty.{name}: a whole-number parameter cannot be given a continuous distribution")
    if not isinstance(spec, Mapping):
        raise ValueError(f"uncertainty.{name} = {spec!r}: must be a table such as {{ dist = \"uniform\", low = ..., high = ... }}")
    kind = spec.get("dist")
    if kind not in KINDS:
        raise _err(name, "dist", kind, f"must be one of {', '.join(KINDS)}")
    allowed = {"dist", "source", "low", "high", "mode", "median", "sigma"}
    for k in spec:
        if k not in allowed:
            raise _err(name, k, spec[k], f"unknown field (fields: {', '.join(sorted(allowed))})")
    source = str(spec.get("source", ""))
    base = (scenario or Scenario.default()).params()[name]
    if kind in ("uniform", "loguniform", "triangular"):
        lo, hi = _num(name, spec, "low"), _num(name, spec, "high")
        if not lo <= hi:
            raise _err(name, "high", hi, f"must be >= low = {lo!r}")
        _inside(name, "low", lo)
        _inside(name, "high", hi)
        if kind == "loguniform" and lo <= 0:
            raise _err(name, "low", lo, "must be > 0 for a loguniform distribution")
        if kind == "triangular":
            mode = _num(name, spec, "mode", base)
            if not lo <= mode <= hi:
                raise _err(name, "mode", mode, f"must lie in [low, high] = [{lo!r}, {hi!r}]" + ("" if "mode" in spec else " (the scenario's value, taken as the mode)"))
            return Distribution(name, kind, lo, hi, mode=mode, source=source)
        return Distribution(name, kind, lo, hi, source=source)
    median = _num(name, spec, "median", base)
    sigma = _num(name, spec, "sigma")
    if median <= 0:
        raise _err(name, "median", median, "must be > 0 for a lognormal distribution")
    if sigma <= 0:
        raise _err(name, "sigma", sigma, "must be > 0")
    _inside(name, "median", median)
    lo = info["low"] if info["low"] > 0 else 0.0
    hi = info["high"]
    if info["low_open"] and lo > 0:
        lo = math.nextafter(lo, math.inf)
    if info["high_open"] and math.isfinite(hi):
        hi = math.nextafter(hi, -math.inf)
    return Distribution(name, "lognormal", lo, hi, median=median, sigma=sigma, source=source)


def parse_uncertainty(spec: Mapping[str, Any], scenario: Scenario | None = None) -> dict[str, Distribution]:
    """Distributions from a mapping ``{parameter: {dist = ..., ...}}``."""
    if not isinstance(spec, Mapping):
        raise ValueError(f"uncertainty = {spec!r}: must be a table of parameter = {{ dist = ... }} entries")
    return {name: parse_distribution(name, s, scenario) for name, s in spec.items()}


def default_uncertainty(scenario: Scenario) -> dict[str, dict[str, Any]]:
    """:data:`DEFAULT_UNCERTAINTY` fitted to a scenario: a range that does not contain the
    scenario's value is widened to reach it (the scenario's value stays the mode of a triangular
    distribution), and a lognormal around a value of 0 (a cost a scenario sets to nothing) is
    left out, since a relative spread of nothing is nothing."""
    base = scenario.params()
    out: dict[str, dict[str, Any]] = {}
    for name, spec in DEFAULT_UNCERTAINTY.items():
        v = base[name]
        spec = dict(spec)
        if spec["dist"] == "lognormal":
            if v <= 0:
                continue
        elif spec["dist"] in ("uniform", "triangular"):
            spec["low"], spec["high"] = min(spec["low"], v), max(spec["high"], v)
        out[name] = spec
    return out


def uncertainty_of(scenario: Scenario) -> dict[str, Distribution]:
    """The scenario file's ``[uncertainty]`` table, or :func:`default_uncertainty` when it has
    none, as distributions."""
    text = scenario.uncertainty_toml()
    if text.strip():
        spec = tomllib.loads(text).get("uncertainty", {})
    else:
        spec = default_uncertainty(scenario)
    return parse_uncertainty(spec, scenario)


def resolve(uncertainty: Mapping[str, Any] | None, scenario: Scenario) -> dict[str, Distribution]:
    """Distributions from an argument that may be None (the scenario's), a mapping of specs or
    a mapping of :class:`Distribution`."""
    if uncertainty is None:
        return uncertainty_of(scenario)
    if all(isinstance(v, Distribution) for v in uncertainty.values()):
        return dict(uncertainty)  # type: ignore[arg-type]
    return parse_uncertainty(uncertainty, scenario)


def sample(dists: Mapping[str, Distribution], n: int, seed: int | None = 0) -> dict[str, np.ndarray]:
    """``n`` independent draws of every distribution (NumPy PCG64 seeded by ``seed``; the draw of
    each parameter depends only on the seed and the parameter's position in ``dists``)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"draws = {n!r}: must be a whole number >= 1")
    rng = np.random.default_rng(seed)
    u = rng.random((len(dists), int(n)))
    return {name: d.ppf(u[i]) for i, (name, d) in enumerate(dists.items())}
