"""The optimiser's search space, read from a scenario's ``[search]`` table, and how a trial's
values become evaluated designs.

Numeric variables are design fields (``array_area_m2``, ``radiator_area_m2``, ``racks``,
``spare_racks``, ``battery_energy_j``), any numeric scenario parameter (e.g. ``altitude_m``,
``ltan_h``), or ``radiator_temp_k`` (the radiator's end-of-life operating temperature at full
load, K, for which the core sizes the radiator area: docs/model.md, "Sizing"). Categorical
variables (``cell``, ``launcher``, ``rack``, ``strategy``, ``pointing``, ...) are applied with
``Scenario.replace``.

Two parameterisations:

* ``"hybrid"`` (the default): the search variables are the choices and global variables (rack
  and spare counts, categorical choices, orbit, radiator temperature, any scenario parameter);
  the array, radiator and battery are not searched but sized exactly for each trial's choices
  (:func:`sized_batch`: the closed-form :func:`orbitflops.size` for every row of one
  ``evaluate_batch(..., sized=True, radiator_temp_k=...)``), so that every trial is the
  cheapest design for its choices. A trial's temperature above the radiator limit (the chips'
  limit less the cold-plate and coolant-loop drops, which depends on the compute payload)
  gives the radiator at its limit (:func:`sized_at_most_limit`).
* ``"plain"``: every variable of the table as written, areas included (with
  ``radiator_temp_k`` instead of ``radiator_area_m2``, the radiator sized for the temperature).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import optuna

from .._core import Design, Scenario
from ..model import DESIGN_FIELDS, PARAM_NAMES, evaluate_batch

PARAMETERISATIONS = ("hybrid", "plain")
"""Accepted values of ``parameterisation``; the first is the default."""

SIZED_FIELDS = ("array_area_m2", "radiator_area_m2", "battery_energy_j")
"""Design fields the hybrid parameterisation sizes instead of searching."""

PERIODIC = {"ltan_h": 24.0}
"""Search variables that wrap around (value taken modulo the period): the local time of the
ascending node, h, so that a search may span the whole day."""

TEMP_VARIABLE = "radiator_temp_k"


@dataclass(frozen=True)
class Variable:
    """One search variable: numeric (``low``/``high``/``log``/``integer``) or categorical (``choices``)."""

    name: str
    low: float = 0.0
    high: float = 0.0
    log: bool = False
    integer: bool = False
    choices: tuple[str, ...] = ()

    @property
    def categorical(self) -> bool:
        return bool(self.choices)

    @property
    def bounds(self) -> tuple[float, float]:
        if self.integer:
            return float(math.ceil(self.low)), float(math.floor(self.high))
        return self.low, self.high

    def suggest(self, trial: optuna.trial.BaseTrial) -> Any:
        if self.categorical:
            return trial.suggest_categorical(self.name, list(self.choices))
        if self.integer:
            lo, hi = self.bounds
            return trial.suggest_int(self.name, int(lo), int(hi), log=self.log)
        return trial.suggest_float(self.name, self.low, self.high, log=self.log)


def unsized(scenario: Scenario) -> Scenario:
    """The scenario with its design's battery left to the model's sizing, so that a plain search
    space without ``battery_energy_j`` sizes each design's battery (the hybrid one sizes it
    anyway)."""
    d = scenario.design
    if d.battery_energy_j is None:
        return scenario
    return scenario.with_design(Design(d.array_area_m2, d.radiator_area_m2, d.racks, d.spare_racks, None))


def sized_batch(scenario: Scenario, outputs: Iterable[str], racks: Any, spare_racks: Any = None,
                radiator_temp_k: Any = None, **params: Any) -> dict[str, np.ndarray]:
    """Evaluate designs sized exactly for their choices, in one ``evaluate_batch`` call.

    Each design's array and battery are the smallest feasible for its ``racks``,
    ``spare_racks`` and per-design scenario parameters ``params``, and its radiator the one that
    runs at ``radiator_temp_k`` (K, one per design or one for all; ``None``: at its limit, the
    smallest feasible radiator): :func:`orbitflops.size` in closed form, through
    ``evaluate_batch(..., sized=True, radiator_temp_k=...)``. A design the core cannot size (a
    temperature above the radiator limit, or one the absorbed environment alone exceeds; an
    array that never sees the Sun) gives an invalid row. Returns the ``outputs`` plus
    ``array_area_m2``, ``radiator_area_m2``, ``battery_energy_j`` as evaluated, ``valid`` and
    ``reason``.
    """
    outs = list(dict.fromkeys([*outputs, "array_area_m2", "radiator_area_m2", "battery_energy_j"]))
    cols: dict[str, Any] = {"racks": racks, **params}
    if spare_racks is not None:
        cols["spare_racks"] = spare_racks
    if radiator_temp_k is not None:
        cols[TEMP_VARIABLE] = radiator_temp_k
    return evaluate_batch(scenario, outputs=outs, on_invalid="nan", sized=True, **cols)


def sized_at_most_limit(scenario: Scenario, outputs: Iterable[str], racks: np.ndarray, spare_racks: np.ndarray | None,
                        radiator_temp_k: np.ndarray, **params: np.ndarray) -> dict[str, np.ndarray]:
    """:func:`sized_batch` with a trial's radiator temperature, except that a temperature above
    the radiator limit (the chips would run above their limit) gives the radiator at its limit,
    the hottest feasible one: the rows :func:`sized_batch` cannot size are sized again at the
    limit, and those whose temperature is above their limit (output ``radiator_temp_max_k``)
    take that design."""
    outs = list(dict.fromkeys([*outputs, "radiator_temp_max_k"]))
    out = sized_batch(scenario, outs, racks, spare_racks, radiator_temp_k, **params)
    bad = np.flatnonzero(~out["valid"])
    if len(bad) == 0:
        return out
    sub = {k: np.asarray(v)[bad] if np.ndim(v) else v for k, v in params.items()}
    again = sized_batch(scenario, outs, racks[bad], None if spare_racks is None else spare_racks[bad], None, **sub)
    take = again["valid"] & (radiator_temp_k[bad] >= again["radiator_temp_max_k"])
    rows = bad[take]
    for k, v in again.items():
        out[k][rows] = v[take]
    return out


@dataclass(frozen=True)
class SearchSpace:
    """The variables of a scenario's ``[search]`` table and how a trial's values become designs
    (see the module docstring for the two parameterisations)."""

    scenario: Scenario
    variables: tuple[Variable, ...]
    parameterisation: str = "hybrid"
    by_name: dict[str, Variable] = field(default_factory=dict, repr=False, compare=False)
    _bases: dict[tuple, Scenario] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_scenario(cls, scenario: Scenario, parameterisation: str = "hybrid") -> "SearchSpace":
        if not isinstance(scenario, Scenario):
            raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
        if parameterisation not in PARAMETERISATIONS:
            hint = " ('sized' is now part of 'hybrid')" if parameterisation == "sized" else ""
            raise ValueError(f"parameterisation = {parameterisation!r}: must be one of {', '.join(map(repr, PARAMETERISATIONS))}{hint}")
        vs = []
        for v in scenario.search:
            if v.get("choices"):
                vs.append(Variable(v["name"], choices=tuple(v["choices"])))
            else:
                vs.append(Variable(v["name"], float(v["low"]), float(v["high"]), bool(v["log"]), bool(v["integer"])))
        names = [v.name for v in vs]
        if "racks" not in names:
            raise ValueError("search: the search space needs 'racks' (add it to the scenario's [search] table)")
        if parameterisation == "plain":
            if "array_area_m2" not in names:
                raise ValueError("search: the search space needs 'array_area_m2' (or use parameterisation='hybrid', which sizes it)")
            if "radiator_area_m2" not in names and TEMP_VARIABLE not in names:
                raise ValueError("search: the search space needs 'radiator_area_m2' or 'radiator_temp_k' (or use parameterisation='hybrid')")
        else:
            vs = [v for v in vs if v.name not in SIZED_FIELDS]
        space = cls(scenario, tuple(vs), parameterisation)
        space.by_name.update({v.name: v for v in vs})
        return space

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.variables]

    @property
    def categorical(self) -> list[Variable]:
        return [v for v in self.variables if v.categorical]

    @property
    def params(self) -> list[Variable]:
        """Numeric scenario parameters searched (applied per design)."""
        return [v for v in self.variables if not v.categorical and v.name in PARAM_NAMES]

    @property
    def rack_bounds(self) -> tuple[int, int]:
        lo, hi = self.by_name["racks"].bounds
        return int(max(lo, 1)), int(hi)

    @property
    def spare_bounds(self) -> tuple[int, int]:
        if "spare_racks" in self.by_name:
            lo, hi = self.by_name["spare_racks"].bounds
            return int(max(lo, 0)), int(hi)
        s = int(self.scenario.design.spare_racks)
        return s, s

    def on_bounds(self, params: Mapping[str, Any]) -> list[tuple[str, str, float]]:
        """The numeric variables whose value in ``params`` lies on a bound of its ``[search]``
        range (within 1e-6 of the range), as (name, ``"lower"`` or ``"upper"``, value); periodic
        ones (local time) have no bounds, nor do rack and spare counts at their physical floor
        (1 rack, 0 spares). An optimum there may lie outside the range searched:
        widen it in the scenario's ``[search]`` table. A radiator temperature at its limit (the
        chips' limit, not the range's) is not reported."""
        hits: list[tuple[str, str, float]] = []
        for v in self.variables:
            if v.categorical or v.name in PERIODIC or v.name not in params:
                continue
            lo, hi = v.bounds
            x = float(params[v.name])
            tol = 1e-6 * max(hi - lo, abs(hi), 1.0) if not v.integer else 0.0
            physical_floor = {"racks": 1.0, "spare_racks": 0.0}.get(v.name)
            if hi > lo and x <= lo + tol and not (physical_floor is not None and lo <= physical_floor):
                hits.append((v.name, "lower", x))
            elif hi > lo and x >= hi - tol:
                hits.append((v.name, "upper", x))
        return hits

    def combos(self) -> list[dict[str, str]]:
        """Every combination of the categorical choices (one empty combination without any)."""
        cats = self.categorical
        return [dict(zip([v.name for v in cats], c)) for c in itertools.product(*[v.choices for v in cats])]

    def base(self, combo: Mapping[str, str]) -> Scenario:
        """The scenario with one combination of categorical choices applied (cached)."""
        key = tuple(sorted(combo.items()))
        sc = self._bases.get(key)
        if sc is None:
            sc = unsized(self.scenario.replace(**dict(combo)) if combo else self.scenario)
            self._bases[key] = sc
        return sc

    def suggest(self, trial: optuna.trial.BaseTrial) -> dict[str, Any]:
        return {v.name: v.suggest(trial) for v in self.variables}

    @staticmethod
    def param_value(name: str, value: Any) -> float:
        """A searched parameter's value as the model takes it (periodic ones wrapped)."""
        v = float(value)
        return v % PERIODIC[name] if name in PERIODIC else v

    def scenario_for(self, params: Mapping[str, Any]) -> Scenario:
        """The scenario with the categorical and scenario-parameter values of ``params`` applied."""
        kw: dict[str, Any] = {k: v for k, v in params.items() if k in self.by_name and self.by_name[k].categorical}
        kw.update({k: self.param_value(k, v) for k, v in params.items() if k in PARAM_NAMES})
        return self.scenario.replace(**kw) if kw else self.scenario

    def evaluate(self, params_list: Sequence[Mapping[str, Any]], outputs: Iterable[str]) -> list[dict[str, float] | None]:
        """Evaluate the designs of many trials with one batch per categorical combination;
        ``None`` for a design the model rejects (invalid input or no sizing). Each row holds the
        outputs plus the design fields as evaluated (areas after sizing)."""
        outputs = list(dict.fromkeys(list(outputs) + ["array_area_m2", "radiator_area_m2", "battery_energy_j", "racks", "spare_racks"]))
        cats = [v.name for v in self.categorical]
        groups: dict[tuple, list[int]] = {}
        for i, p in enumerate(params_list):
            groups.setdefault(tuple(p[c] for c in cats), []).append(i)
        result: list[dict[str, float] | None] = [None] * len(params_list)
        for key, idx in groups.items():
            base = self.base(dict(zip(cats, key)))
            plist = [params_list[i] for i in idx]
            out = self._evaluate_group(base, plist, outputs)
            for j, i in enumerate(idx):
                if out["valid"][j]:
                    result[i] = {k: float(out[k][j]) for k in outputs}
        return result

    def _param_columns(self, plist: Sequence[Mapping[str, Any]]) -> dict[str, np.ndarray]:
        return {v.name: np.array([self.param_value(v.name, p[v.name]) for p in plist]) for v in self.params}

    def _evaluate_group(self, base: Scenario, plist: Sequence[Mapping[str, Any]], outputs: list[str]) -> dict[str, np.ndarray]:
        racks = np.array([p["racks"] for p in plist], dtype=float)
        spares = np.array([p["spare_racks"] for p in plist], dtype=float) if "spare_racks" in self.by_name else None
        temps = np.array([p[TEMP_VARIABLE] for p in plist], dtype=float) if TEMP_VARIABLE in self.by_name else None
        pcols = self._param_columns(plist)
        if self.parameterisation == "hybrid":
            if temps is None:
                return sized_batch(base, outputs, racks, spares, **pcols)
            return sized_at_most_limit(base, outputs, racks, spares, temps, **pcols)
        cols: dict[str, Any] = {"racks": racks, **pcols}
        if spares is not None:
            cols["spare_racks"] = spares
        for f in ("array_area_m2", "radiator_area_m2", "battery_energy_j"):
            if f in self.by_name:
                cols[f] = np.array([p[f] for p in plist], dtype=float)
        if temps is not None and "radiator_area_m2" not in self.by_name:
            # the radiator for the trial's temperature (it depends only on the full-load heat,
            # not on the plain design's array or battery)
            rad = sized_at_most_limit(base, [], racks, spares, temps, **pcols)
            ok = rad["valid"]
            cols["radiator_area_m2"] = np.where(ok, rad["radiator_area_m2"], 1.0)
            out = evaluate_batch(base, outputs=outputs, on_invalid="nan", **cols)
            out["valid"] = out["valid"] & ok
            return out
        return evaluate_batch(base, outputs=outputs, on_invalid="nan", **cols)


def design_of(params: Mapping[str, Any], row: Mapping[str, float], scenario: Scenario) -> Design:
    """The design of an evaluated trial (areas and battery as evaluated, i.e. after sizing)."""
    battery = row.get("battery_energy_j", params.get("battery_energy_j", scenario.design.battery_energy_j))
    return Design(
        array_area_m2=float(row["array_area_m2"]),
        radiator_area_m2=float(row["radiator_area_m2"]),
        racks=float(row.get("racks", params["racks"])),
        spare_racks=float(row.get("spare_racks", params.get("spare_racks", scenario.design.spare_racks))),
        battery_energy_j=None if battery is None or not math.isfinite(battery) else float(battery),
    )


__all__ = ["DESIGN_FIELDS", "PARAMETERISATIONS", "PERIODIC", "SearchSpace", "Variable", "design_of", "sized_at_most_limit", "sized_batch", "unsized"]
