"""The optimiser's search space, read from a scenario's ``[search]`` table.

Numeric variables are design fields (``array_area_m2``, ``radiator_area_m2``, ``racks``,
``spare_racks``, ``battery_energy_j``), any numeric scenario parameter (e.g. ``altitude_m``,
``ltan_h``), or ``radiator_temp_k`` (the radiator's end-of-life operating temperature, K, which
sizes the radiator area through the radiator balance, Gilmore vol. 1 ch. 6). Categorical
variables (``cell``, ``launcher``, ``strategy``, ...) are applied with ``Scenario.replace``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import numpy as np
import optuna

from .._core import Scenario
from ..model import DESIGN_FIELDS, PARAM_NAMES, evaluate_batch, size

SIGMA_W_M2_K4 = 5.670374419e-8
"""Stefan-Boltzmann constant, W m^-2 K^-4 (CODATA 2018)."""

SIZED_FACTOR_HIGH = 1.5
"""Upper bound of the oversizing factors of the ``"sized"`` parameterisation."""

BASE_VARIABLES = frozenset({"array_area_m2", "radiator_area_m2", "racks", "array_oversize", "radiator_oversize"})


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

    def suggest(self, trial: optuna.trial.BaseTrial) -> Any:
        if self.categorical:
            return trial.suggest_categorical(self.name, list(self.choices))
        if self.integer:
            return trial.suggest_int(self.name, int(math.ceil(self.low)), int(math.floor(self.high)), log=self.log)
        return trial.suggest_float(self.name, self.low, self.high, log=self.log)


def radiator_area_for_temp(scenario: Scenario, heat_w: np.ndarray, temp_k: np.ndarray) -> np.ndarray:
    """One-face radiator area, m^2, that rejects ``heat_w`` (W) at the end-of-life operating
    temperature ``temp_k`` (K) in the scenario's radiator environment: A = Q / (n eps sigma
    (T^4 - 3^4) - q_env) (Gilmore, Spacecraft Thermal Control Handbook vol. 1 ch. 6); +inf when
    the environment alone holds the radiator above ``temp_k``."""
    env = scenario.orbit_summary()["radiator_env_eol_w_m2"]
    per_m2 = scenario.radiator_sides * scenario.radiator_emissivity_eol * SIGMA_W_M2_K4 * (np.asarray(temp_k, float) ** 4 - 81.0) - env
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(per_m2 > 0, np.asarray(heat_w, float) / np.where(per_m2 > 0, per_m2, 1.0), np.inf)


@dataclass(frozen=True)
class SearchSpace:
    """The variables of a scenario's ``[search]`` table and how a trial's values become designs.

    ``parameterisation="plain"`` searches the variables as written. ``"sized"`` replaces the
    array and radiator areas by oversizing factors in [1, 1.5] relative to the closed-form
    smallest feasible design of :func:`orbitflops.size` for the trial's rack count.
    """

    scenario: Scenario
    variables: tuple[Variable, ...]
    parameterisation: str = "plain"
    by_name: dict[str, Variable] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_scenario(cls, scenario: Scenario, parameterisation: str = "plain") -> "SearchSpace":
        if not isinstance(scenario, Scenario):
            raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
        if parameterisation not in ("plain", "sized"):
            raise ValueError(f"parameterisation = {parameterisation!r}: must be 'plain' or 'sized'")
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
                raise ValueError("search: the search space needs 'array_area_m2'")
            if "radiator_area_m2" not in names and "radiator_temp_k" not in names:
                raise ValueError("search: the search space needs 'radiator_area_m2' or 'radiator_temp_k'")
        else:
            vs = [v for v in vs if v.name not in ("array_area_m2", "radiator_area_m2", "radiator_temp_k", "battery_energy_j")]
            vs += [Variable("array_oversize", 1.0, SIZED_FACTOR_HIGH), Variable("radiator_oversize", 1.0, SIZED_FACTOR_HIGH)]
        space = cls(scenario, tuple(vs), parameterisation)
        space.by_name.update({v.name: v for v in vs})
        return space

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.variables]

    @property
    def base_only(self) -> bool:
        """True when only array, radiator and racks are searched: then :func:`orbitflops.size`
        gives the exact optimum."""
        return set(self.names) <= BASE_VARIABLES

    @property
    def rack_bounds(self) -> tuple[int, int]:
        r = self.by_name["racks"]
        return int(math.ceil(r.low)), int(math.floor(r.high))

    def suggest(self, trial: optuna.trial.BaseTrial) -> dict[str, Any]:
        return {v.name: v.suggest(trial) for v in self.variables}

    def scenario_for(self, params: Mapping[str, Any]) -> Scenario:
        """The scenario with the categorical and scenario-parameter values of ``params`` applied."""
        kw = {k: v for k, v in params.items() if (k in self.by_name and self.by_name[k].categorical) or k in PARAM_NAMES}
        return self.scenario.replace(**kw) if kw else self.scenario

    def evaluate(self, params_list: list[Mapping[str, Any]], outputs: Iterable[str]) -> list[dict[str, float] | None]:
        """Evaluate the designs of many trials with one ``evaluate_batch`` call per categorical
        combination; ``None`` for a design the model rejects (invalid input). Each row holds the
        outputs plus the design fields as evaluated."""
        outputs = list(dict.fromkeys(list(outputs) + ["heat_load_w"]))
        cats = [v.name for v in self.variables if v.categorical]
        groups: dict[tuple, list[int]] = {}
        for i, p in enumerate(params_list):
            groups.setdefault(tuple(p[c] for c in cats), []).append(i)
        result: list[dict[str, float] | None] = [None] * len(params_list)
        for key, idx in groups.items():
            base = self.scenario.replace(**dict(zip(cats, key))) if cats else self.scenario
            plist = [params_list[i] for i in idx]
            cols = self._columns(base, plist)
            out = evaluate_batch(base, outputs=outputs, on_invalid="nan", **cols)
            if "radiator_temp_k" in self.by_name and "radiator_area_m2" not in self.by_name:
                temps = np.array([p["radiator_temp_k"] for p in plist], dtype=float)
                area = radiator_area_for_temp(base, np.nan_to_num(out["heat_load_w"], nan=0.0), temps)
                cols["radiator_area_m2"] = np.minimum(area, 1e9)
                out = evaluate_batch(base, outputs=outputs, on_invalid="nan", **cols)
            n = len(idx)
            for j, i in enumerate(idx):
                if out["valid"][j]:
                    row = {k: float(out[k][j]) for k in outputs}
                    for f in ("array_area_m2", "radiator_area_m2", "racks"):
                        c = cols.get(f)
                        row[f] = float(np.broadcast_to(c, (n,))[j]) if c is not None else float(getattr(base.design, f))
                    result[i] = row
        return result

    def _columns(self, base: Scenario, plist: list[Mapping[str, Any]]) -> dict[str, np.ndarray]:
        cols: dict[str, np.ndarray] = {}
        for name, v in self.by_name.items():
            if v.categorical or name in ("array_oversize", "radiator_oversize", "radiator_temp_k"):
                continue
            cols[name] = np.array([p[name] for p in plist], dtype=float)
        if "radiator_temp_k" in self.by_name and "radiator_area_m2" not in cols:
            cols["radiator_area_m2"] = np.full(len(plist), base.design.radiator_area_m2)
        if self.parameterisation == "sized":
            arr, rad = np.empty(len(plist)), np.empty(len(plist))
            for j, p in enumerate(plist):
                kw = {k: v for k, v in p.items() if k in PARAM_NAMES}
                d = size(base.replace(**kw) if kw else base, int(p["racks"]), int(p.get("spare_racks", 0)))
                arr[j] = d.array_area_m2 * p["array_oversize"]
                rad[j] = d.radiator_area_m2 * p["radiator_oversize"]
            cols["array_area_m2"], cols["radiator_area_m2"] = arr, rad
        return cols


def design_fields(params: Mapping[str, Any], row: Mapping[str, float]) -> dict[str, float]:
    """Design-field values of an evaluated trial (areas as evaluated, i.e. after sizing)."""
    d = {f: row[f] for f in ("array_area_m2", "radiator_area_m2", "racks") if f in row}
    for f in DESIGN_FIELDS:
        if f in params and f not in d:
            d[f] = params[f]
    return d
