"""The optimiser's search space, read from a scenario's ``[search]`` table, and how a trial's
values become evaluated designs.

Numeric variables are design fields (``array_area_m2``, ``radiator_area_m2``, ``racks``,
``spare_racks``, ``battery_energy_j``), any numeric scenario parameter (e.g. ``altitude_m``,
``ltan_h``), or ``radiator_temp_k`` (the radiator's end-of-life operating temperature, K, which
sizes the radiator area through the radiator balance, Gilmore vol. 1 ch. 6). Categorical
variables (``cell``, ``launcher``, ``rack``, ``strategy``, ``pointing``, ...) are applied with
``Scenario.replace``.

Two parameterisations:

* ``"hybrid"`` (the default): the search variables are the choices and global variables (rack
  and spare counts, categorical choices, orbit, radiator temperature, any scenario parameter);
  the array, radiator and battery are not searched but sized exactly for each trial's choices
  (:func:`sized_batch`: the closed-form :func:`orbitflops.size`, the radiator for the trial's
  temperature), so that every trial is the cheapest design for its choices.
* ``"plain"``: every variable of the table as written, areas included.
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

SIGMA_W_M2_K4 = 5.670374419e-8
"""Stefan-Boltzmann constant, W m^-2 K^-4 (CODATA 2018)."""

DEEP_SPACE_K = 3.0
"""Temperature of the deep-space sink the radiator balance subtracts, K (the radiator model of
docs/model.md; the cosmic microwave background is 2.7 K, Fixsen 2009)."""

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


def radiator_area_for_temp(scenario: Scenario, heat_w: Any, temp_k: Any, env_w_m2: Any = None,
                           emissivity: Any = None, sides: Any = None) -> np.ndarray:
    """One-face radiator area, m^2, that rejects ``heat_w`` (W) at the end-of-life operating
    temperature ``temp_k`` (K): A = Q / (n eps sigma (T^4 - T_space^4) - q_env) (Gilmore,
    Spacecraft Thermal Control Handbook vol. 1 ch. 6); +inf when the environment alone holds the
    radiator above ``temp_k``. The absorbed environment ``env_w_m2`` (W/m^2, the batch output
    ``radiator_env_w_m2``), the end-of-life emissivity and the number of radiating sides default
    to the scenario's; each may be an array (one value per design)."""
    env = scenario.orbit_summary()["radiator_env_eol_w_m2"] if env_w_m2 is None else np.asarray(env_w_m2, float)
    eps = scenario.radiator_emissivity_eol if emissivity is None else np.asarray(emissivity, float)
    n = scenario.radiator_sides if sides is None else np.asarray(sides, float)
    t = np.asarray(temp_k, float)
    per_m2 = n * eps * SIGMA_W_M2_K4 * (t**4 - DEEP_SPACE_K**4) - env
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(per_m2 > 0, np.asarray(heat_w, float) / np.where(per_m2 > 0, per_m2, 1.0), np.inf)


def unsized(scenario: Scenario) -> Scenario:
    """The scenario with its design's battery left to the model's sizing (the hybrid sizes it)."""
    d = scenario.design
    if d.battery_energy_j is None:
        return scenario
    return scenario.with_design(Design(d.array_area_m2, d.radiator_area_m2, d.racks, d.spare_racks, None))


FIRST_PASS = ("heat_load_w", "radiator_env_w_m2", "array_area_m2", "battery_energy_j")
"""Outputs of the sizing pass that the radiator for a temperature needs."""


def sized_batch(scenario: Scenario, outputs: Iterable[str], racks: Any, spare_racks: Any = None,
                radiator_temp_k: Any = None, first: Mapping[str, np.ndarray] | None = None, **params: Any) -> dict[str, np.ndarray]:
    """Evaluate designs sized exactly for their choices, in one or two ``evaluate_batch`` calls.

    Each design's array, battery and (without ``radiator_temp_k``) radiator are the smallest
    feasible for its ``racks``, ``spare_racks`` and per-design scenario parameters ``params``
    (:func:`orbitflops.size`, closed form). With ``radiator_temp_k`` (K, one per design or one
    for all) the radiator is sized to run at that end-of-life temperature instead
    (:func:`radiator_area_for_temp`) and the design evaluated again; a temperature the
    environment alone exceeds gives an invalid row. ``first``: the sizing pass's
    :data:`FIRST_PASS` outputs for these rows when already known. Returns the ``outputs`` plus
    ``array_area_m2``, ``radiator_area_m2``, ``battery_energy_j`` as evaluated and ``valid``.
    """
    outs = list(dict.fromkeys([*outputs, "array_area_m2", "radiator_area_m2", "battery_energy_j"]))
    cols: dict[str, Any] = {"racks": racks, **params}
    if spare_racks is not None:
        cols["spare_racks"] = spare_racks
    sc = unsized(scenario)
    if radiator_temp_k is None:
        return evaluate_batch(sc, outputs=outs, on_invalid="nan", sized=True, **cols)
    # The radiator for a temperature: the sizing pass, then the radiator balance. When the core's
    # size() sizes the radiator for a temperature, the next line becomes
    # return evaluate_batch(sc, outputs=outs, on_invalid="nan", sized=True, radiator_temp_k=radiator_temp_k, **cols)
    return _radiator_pass(sc, first if first is not None else sized_first(sc, **cols), outs, radiator_temp_k, cols)


def sized_first(scenario: Scenario, **cols: Any) -> dict[str, np.ndarray]:
    """The sizing pass (array, battery, heat load, radiator environment) of :func:`sized_batch`."""
    return evaluate_batch(unsized(scenario), outputs=list(FIRST_PASS), on_invalid="nan", sized=True, **cols)


def _radiator_pass(sc: Scenario, first: Mapping[str, np.ndarray], outs: list[str], temps: Any, cols: dict[str, Any]) -> dict[str, np.ndarray]:
    area = radiator_area_for_temp(sc, np.nan_to_num(first["heat_load_w"]), temps, env_w_m2=np.nan_to_num(first["radiator_env_w_m2"]),
                                  emissivity=cols.get("radiator_emissivity_eol"), sides=cols.get("radiator_sides"))
    ok = first["valid"] & np.isfinite(area) & (area <= 1e12)
    n = len(ok)
    out = evaluate_batch(sc, outputs=outs, on_invalid="nan", array_area_m2=np.where(ok, first["array_area_m2"], 1.0),
                         radiator_area_m2=np.where(ok, area, 1.0), battery_energy_j=np.where(ok, first["battery_energy_j"], 0.0), **cols)
    out["valid"] = out["valid"] & ok
    for k in outs:
        out[k] = np.where(out["valid"], out[k], np.nan) if len(out[k]) == n else out[k]
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
        outputs = list(dict.fromkeys(list(outputs) + ["heat_load_w", "radiator_env_w_m2", "array_area_m2", "radiator_area_m2", "battery_energy_j", "racks", "spare_racks"]))
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
        n = len(plist)
        racks = np.array([p["racks"] for p in plist], dtype=float)
        spares = np.array([p["spare_racks"] for p in plist], dtype=float) if "spare_racks" in self.by_name else None
        temps = np.array([p[TEMP_VARIABLE] for p in plist], dtype=float) if TEMP_VARIABLE in self.by_name else None
        pcols = self._param_columns(plist)
        if self.parameterisation == "hybrid":
            return sized_batch(base, outputs, racks, spares, temps, **pcols)
        cols: dict[str, Any] = {"racks": racks, **pcols}
        if spares is not None:
            cols["spare_racks"] = spares
        for f in ("array_area_m2", "radiator_area_m2", "battery_energy_j"):
            if f in self.by_name:
                cols[f] = np.array([p[f] for p in plist], dtype=float)
        out = evaluate_batch(base, outputs=outputs, on_invalid="nan", **cols)
        if temps is not None and "radiator_area_m2" not in self.by_name:
            area = radiator_area_for_temp(base, np.nan_to_num(out["heat_load_w"]), temps, env_w_m2=np.nan_to_num(out["radiator_env_w_m2"]),
                                          emissivity=pcols.get("radiator_emissivity_eol"), sides=pcols.get("radiator_sides"))
            ok = np.isfinite(area) & (area <= 1e12)
            cols["radiator_area_m2"] = np.where(ok, area, 1.0)
            out = evaluate_batch(base, outputs=outputs, on_invalid="nan", **cols)
            out["valid"] = out["valid"] & ok
        return out


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


__all__ = ["DESIGN_FIELDS", "FIRST_PASS", "sized_first", "PARAMETERISATIONS", "PERIODIC", "SearchSpace", "Variable", "design_of", "radiator_area_for_temp", "sized_batch", "unsized"]
