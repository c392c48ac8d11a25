"""pymoo problem of the orbitflops model (``pip install 'orbitflops[pymoo]'``).

:class:`DesignProblem` is a vectorised ``pymoo.core.problem.Problem``: each population is
evaluated in ONE :func:`orbitflops.evaluate_batch` call (in parallel in Rust). Its variables are
design fields and scenario parameters with bounds; its objectives are model outputs to minimise
or maximise; its inequality constraints are the normalised negative margins
(``G <= 0`` is feasible)::

    from pymoo.algorithms.moo.nsga2 import NSGA2
    from pymoo.optimize import minimize
    import orbitflops as of
    from orbitflops.integrations.pymoo import DesignProblem, RoundIntegers

    problem = DesignProblem(of.Scenario.default(), objectives=["cost_per_flop_usd", "mass_total_kg"])
    res = minimize(problem, NSGA2(pop_size=40, repair=RoundIntegers()), ("n_gen", 60), seed=1)
    problem.designs(res.X)     # the Pareto set as named columns

**Variables** default to the numeric entries of the scenario's ``[search]`` table that are design
fields or scenario parameters, with their bounds (categorical entries and ``radiator_temp_k``, a
reparameterisation of the radiator area used by :func:`orbitflops.optimize`, are not variables
here). Variables are in their own units on a linear scale. Whole-number variables (``racks``,
``spare_racks``, whole-number parameters) are rounded to the nearest integer before evaluation;
give the algorithm ``repair=RoundIntegers()`` so that the population holds the rounded values
(see ``examples/pymoo_nsga2.py``).

**Objectives**: output names (minimised) or ``(name, "max")`` pairs (maximised; F holds the
negated value). **Constraints**: for each margin in ``constraints`` (default all four),
``G = -margin / scale`` with the scales the model uses to name the binding constraint (the
required array rating, the allowed depth of discharge, the radiator limit, the launch
capacity), so the largest G is the model's binding constraint.

A design the model refuses (say a parameter outside its range) gets F = G = ``INVALID`` (a large
finite number); so does an infinite objective or constraint (cost per FLOP when nothing is
delivered), since pymoo's sorting needs finite values.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from . import MARGINS, check_names, margin_outputs, missing_extra, normalised_margins

try:
    from pymoo.core.problem import Problem
    from pymoo.core.repair import Repair
except ImportError as e:
    raise missing_extra("pymoo", "pymoo") from e

from .. import _core
from .. import model as _model
from .._core import Scenario

INVALID = 1e30
"""F and G of a design the model refuses, and of an infinite objective or constraint."""

_PARAM_INFO = {p["name"]: p for p in _core.PARAMS}
_INTEGER_DESIGN = {f["name"] for f in _core.DESIGN_INFO if f["integer"]}


def _is_integer(name: str) -> bool:
    info = _PARAM_INFO.get(name)
    return name in _INTEGER_DESIGN or (info is not None and info["integer"])


def default_variables(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """The numeric ``[search]`` entries of ``scenario`` that are design fields or scenario
    parameters, with their bounds."""
    inputs = set(_model.DESIGN_FIELDS) | set(_model.PARAM_NAMES)
    return {v["name"]: (float(v["low"]), float(v["high"])) for v in scenario.search if "choices" not in v and v["name"] in inputs}


class DesignProblem(Problem):  # type: ignore[misc]  # pymoo ships no type information
    """The orbitflops model as a vectorised pymoo problem (see the module documentation).

    * ``scenario``: the :class:`orbitflops.Scenario` (default ``Scenario.default()``); inputs that
      are not variables take its values (its design's fields; the battery is sized unless
      ``battery_energy_j`` is a variable or fixed).
    * ``variables``: names (bounds from the scenario's ``[search]`` table) or a mapping
      ``name -> (low, high)``; default :func:`default_variables`.
    * ``objectives``: output names to minimise, or ``(name, "max")`` to maximise; default
      cost per FLOP.
    * ``constraints``: margins that must be >= 0 (default all four).
    * ``fixed``: inputs held at given values (numbers), e.g. ``{"racks": 4}``.
    """

    def __init__(
        self,
        scenario: Scenario | None = None,
        variables: Iterable[str] | Mapping[str, Sequence[float]] | None = None,
        objectives: Iterable[str | tuple[str, str]] = ("cost_per_flop_usd",),
        constraints: Iterable[str] = MARGINS,
        fixed: Mapping[str, float] | None = None,
        **kwargs: Any,
    ):
        if scenario is None:
            scenario = Scenario.default()
        elif not isinstance(scenario, Scenario):
            raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
        self.scenario = scenario
        inputs = list(_model.DESIGN_FIELDS) + list(_model.PARAM_NAMES)
        search = default_variables(scenario)
        if variables is None:
            bounds = search
        elif isinstance(variables, Mapping):
            bounds = {}
            for name in check_names("variables", list(variables), inputs):
                lo_hi = variables[name]
                if len(lo_hi) != 2:
                    raise ValueError(f"variables[{name!r}] = {lo_hi!r}: must be (low, high)")
                bounds[name] = (float(lo_hi[0]), float(lo_hi[1]))
        else:
            bounds = {}
            for name in check_names("variables", variables, inputs):
                if name not in search:
                    raise ValueError(f"variables: {name!r} has no bounds in the scenario's [search] table; pass a mapping name -> (low, high)")
                bounds[name] = search[name]
        if not bounds:
            raise ValueError("variables: none given and the scenario's [search] table has no numeric design field or parameter")
        for name, (lo, hi) in bounds.items():
            if not (np.isfinite(lo) and np.isfinite(hi) and lo <= hi):
                raise ValueError(f"variables[{name!r}] = ({lo!r}, {hi!r}): bounds must be finite with low <= high")
        self.variables: tuple[str, ...] = tuple(bounds)
        self.integer_indices: tuple[int, ...] = tuple(i for i, n in enumerate(self.variables) if _is_integer(n))
        """Positions of the whole-number variables (for a rounding repair)."""

        objs: list[tuple[str, float]] = []
        for o in [objectives] if isinstance(objectives, str) else list(objectives):
            name, sense = (o, "min") if isinstance(o, str) else tuple(o)
            check_names("objectives", [name], _model.OUTPUT_UNITS)
            if sense not in ("min", "max"):
                raise ValueError(f"objectives: {name!r} sense = {sense!r}: must be 'min' or 'max'")
            objs.append((name, 1.0 if sense == "min" else -1.0))
        if not objs:
            raise ValueError("objectives: give at least one output")
        self.objectives: tuple[tuple[str, float], ...] = tuple(objs)
        """(output name, sign): F holds sign x output (-1 for a maximised output)."""
        self.constraints: tuple[str, ...] = tuple(check_names("constraints", constraints, MARGINS))
        fixed = dict(fixed or {})
        check_names("fixed", list(fixed), inputs)
        both = sorted(set(fixed) & set(self.variables))
        if both:
            raise ValueError(f"fixed: {', '.join(both)} also a variable")
        self.fixed = {k: float(v) for k, v in fixed.items()}
        self._outputs = list(dict.fromkeys([o for o, _ in self.objectives] + list(margin_outputs())))
        xl = np.array([bounds[n][0] for n in self.variables])
        xu = np.array([bounds[n][1] for n in self.variables])
        super().__init__(n_var=len(self.variables), n_obj=len(self.objectives), n_ieq_constr=len(self.constraints), xl=xl, xu=xu, **kwargs)

    def inputs(self, X: np.ndarray) -> dict[str, np.ndarray | float]:
        """The ``evaluate_batch`` inputs of a population ``X`` (rows = designs): the variables
        (whole-number ones rounded) and the fixed values."""
        X = np.atleast_2d(np.asarray(X, dtype=float))
        cols: dict[str, np.ndarray | float] = dict(self.fixed)
        for i, name in enumerate(self.variables):
            col = X[:, i]
            cols[name] = np.rint(col) if i in self.integer_indices else col
        return cols

    def designs(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """A population as named columns (whole-number variables rounded)."""
        cols = self.inputs(X)
        n = np.atleast_2d(X).shape[0]
        return {k: np.broadcast_to(np.asarray(v, dtype=float), (n,)).copy() for k, v in cols.items()}

    def _evaluate(self, X: np.ndarray, out: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        cols: dict[str, Any] = self.inputs(X)
        res = _model.evaluate_batch(self.scenario, outputs=self._outputs, on_invalid="nan", **cols)
        valid = res["valid"]
        F = np.column_stack([sign * res[name] for name, sign in self.objectives])
        norm = normalised_margins(res)
        G = np.column_stack([-norm[m] for m in self.constraints])
        F[~valid] = INVALID
        G[~valid] = INVALID
        out["F"] = np.where(np.isfinite(F), F, np.where(F < 0, -INVALID, INVALID))
        out["G"] = np.where(np.isfinite(G), G, np.where(G < 0, -INVALID, INVALID))


class RoundIntegers(Repair):  # type: ignore[misc]  # pymoo ships no type information
    """Round the whole-number variables of a :class:`DesignProblem` (its ``integer_indices``)
    to the nearest integer, leaving the others as they are."""

    def _do(self, problem: Any, X: np.ndarray, **kwargs: Any) -> np.ndarray:
        idx = list(getattr(problem, "integer_indices", ()))
        if idx:
            X = np.array(X, dtype=float, copy=True)
            X[:, idx] = np.rint(X[:, idx])
        return X


__all__ = ["DesignProblem", "RoundIntegers", "default_variables", "INVALID"]
