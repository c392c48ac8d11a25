"""Design optimisation with Optuna: minimum cost per delivered FLOP under the power, battery,
thermal and launch-mass constraints (docs/model.md, constraints), single- or multi-objective,
nominal or robust, batched, resumable and distributed, and measured against the exact optimum.

The default search is hybrid: Optuna chooses the discrete and global variables (rack and spare
counts, cell, launcher, compute payload, eclipse strategy, pointing, orbit, radiator
temperature) and each trial's array, radiator and battery are sized exactly for its choices
(:mod:`orbitflops.optimize.space`). When a trial improves on the best design, a local polish
(:func:`orbitflops.optimize.exact.polish`: every other choice of each categorical variable,
every rack and spare count, a search of each continuous variable and then of all of them at
once) proposes the next trial. Every single-objective result is compared with the certificate, the
exact optimum over the whole search space (:mod:`orbitflops.optimize.exact`); the search stops
when it is within ``gap_tol`` of it, after ``patience`` trials without improvement, or after
``n_trials``.

Constraints use Optuna's ``trial.set_constraint`` (feasible when <= 0). Each trial's margins are
kept as user attributes, so infeasible regions stay visible.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np
import optuna
from optuna.storages import RetryHeartbeatStaleTrialCallback
from optuna.trial import TrialState

from .._core import Design, Scenario
from ..model import PARAM_NAMES, Evaluation, evaluate
from . import exact
from .pareto import hypervolume_ratio
from .robust import DEFAULT_DRAWS, Draws, RobustSummary, check_statistic, costs_on_draws, robust_polish, statistic
from .space import TEMP_VARIABLE, SearchSpace, design_of, sized_batch

OBJECTIVES: dict[str, tuple[str, str]] = {
    "cost_per_flop": ("cost_per_flop_usd", "minimize"),
    "delivered_flops": ("delivered_flops", "maximize"),
    "mass": ("mass_total_kg", "minimize"),
}
"""Objective names accepted by :func:`optimize`: (output name, direction)."""

CONSTRAINTS: tuple[tuple[str, str, float], ...] = (
    ("power", "power_margin_w", 1e3),
    ("battery_dod", "dod_margin", 1.0),
    ("thermal", "thermal_margin_k", 1.0),
    ("mass", "mass_margin_kg", 1e3),
)
"""(constraint key, margin output, scale): Optuna's constraint value is -margin/scale (feasible
when <= 0); power in kW, battery depth of discharge as a fraction, thermal in K, mass in t."""

MARGINS = tuple(m for _, m, _ in CONSTRAINTS)
RECORDED = MARGINS + ("feasible", "array_area_m2", "radiator_area_m2", "battery_energy_j", "racks", "spare_racks", "radiator_temp_k",
                      "cost_per_flop_usd", "delivered_flops", "mass_total_kg")
"""Outputs kept with every trial (user attribute ``outputs``)."""
DEFAULT_STUDY = "orbitflops"
SAMPLERS = ("tpe", "nsga2", "gp", "cmaes", "random")
HEARTBEAT_INTERVAL_S = 10
GAP_TOL = 1e-3
"""Default stopping tolerance: the search stops once its best design is within 0.1 % of the
certificate (for several objectives: once the hypervolume ratio is within it of 1)."""


def make_sampler(name: str | None, seed: int | None = None, n_objectives: int = 1) -> optuna.samplers.BaseSampler:
    """An Optuna sampler by name: ``tpe`` (default), ``nsga2``, ``gp`` (Gaussian process; needs
    PyTorch), ``cmaes`` or ``random``."""
    name = (name or "tpe").lower()
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, n_startup_trials=20)
    if name == "nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed, population_size=30)
    if name == "gp":
        try:
            import torch  # noqa: F401
        except ImportError:
            raise ValueError("sampler = 'gp': Optuna's Gaussian-process sampler needs PyTorch (pip install torch)") from None
        return optuna.samplers.GPSampler(seed=seed, n_startup_trials=10)
    if name == "cmaes":
        if n_objectives > 1:
            raise ValueError("sampler = 'cmaes': CMA-ES is single-objective; use tpe or nsga2 for several objectives")
        return optuna.samplers.CmaEsSampler(seed=seed, warn_independent_sampling=False, n_startup_trials=10)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(f"sampler = {name!r}: must be one of {', '.join(SAMPLERS)}")


@contextlib.contextmanager
def quiet(verbose: bool = False) -> Iterator[None]:
    """Optuna's per-trial log lines off (verbosity WARNING) unless ``verbose``, the caller's
    verbosity restored afterwards."""
    before = optuna.logging.get_verbosity()
    if not verbose:
        optuna.logging.set_verbosity(min(max(before, optuna.logging.WARNING), optuna.logging.CRITICAL))
    else:
        optuna.logging.set_verbosity(min(before, optuna.logging.INFO))
    try:
        yield
    finally:
        optuna.logging.set_verbosity(before)


def default_storage_path(study_name: str = DEFAULT_STUDY, directory: str | os.PathLike | None = None) -> Path:
    """The journal file that holds a study by default: ``<study_name>.optuna.journal`` in the
    working directory."""
    return Path(directory or os.getcwd()) / f"{study_name}.optuna.journal"


def _with_driver(url: str) -> str:
    """A ``postgresql://`` URL with the installed driver: SQLAlchemy 2.1 defaults to psycopg 3;
    the ``orbitflops[postgres]`` extra installs psycopg2."""
    if url.startswith("postgresql://"):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            from .._extras import require

            require("psycopg2", "PostgreSQL studies")
            return "postgresql+psycopg2://" + url[len("postgresql://"):]
    return url


def make_storage(storage: str | optuna.storages.BaseStorage | None, study_name: str = DEFAULT_STUDY,
                 heartbeat_interval_s: int = HEARTBEAT_INTERVAL_S) -> optuna.storages.BaseStorage | str:
    """An Optuna storage: ``None`` is a journal file in the working directory; a path ending in
    ``.journal`` is a journal file; ``memory`` is in memory; a ``postgresql://``/``mysql://`` URL
    is an RDB storage with heartbeats every ``heartbeat_interval_s`` (a trial without one for three
    intervals is failed) and retry of trials whose worker died; other URLs (e.g.
    ``sqlite:///study.db``) go to Optuna as given."""
    if isinstance(storage, optuna.storages.BaseStorage):
        return storage
    if storage is None:
        storage = str(default_storage_path(study_name))
    if storage == "memory":
        return optuna.storages.InMemoryStorage()
    if storage.endswith(".journal") and "://" not in storage:
        from optuna.storages.journal import JournalFileBackend, JournalStorage

        return JournalStorage(JournalFileBackend(storage))
    if storage.startswith(("postgresql", "mysql")):
        return optuna.storages.RDBStorage(
            _with_driver(storage),
            heartbeat_interval=heartbeat_interval_s,
            grace_period=3 * heartbeat_interval_s,
            heartbeat_stale_trial_callback=RetryHeartbeatStaleTrialCallback(max_retry=3),
        )
    return optuna.storages.RDBStorage(storage)


@dataclass
class Reference:
    """The certificate: the exact optimum of cost per delivered FLOP over the whole search space
    (:mod:`orbitflops.optimize.exact`). ``methods`` says, per variable, how it was searched
    (``"enumerated"``, ``"brent"``, ``"grid+brent"``, ``"fixed"``) with its grid, the most local
    minima a grid along it showed, the brackets refined and the evaluations; ``per_combo`` gives
    every combination of choices and its optimum (inf: nothing feasible); ``per_rack_count`` the
    best cost per FLOP at each rack count with the optimum's other values."""

    design: Design
    evaluation: Evaluation
    cost_per_flop_usd: float
    per_rack_count: dict[int, float]
    params: dict[str, Any] = field(default_factory=dict)
    scenario: Scenario | None = None
    methods: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_combo: list[tuple[dict[str, str], float]] = field(default_factory=list)
    evaluations: int = 0
    designs: int = 0
    seconds: float = 0.0
    front: np.ndarray | None = None

    def as_attr(self) -> dict[str, Any]:
        """A JSON-safe record of the certificate, stored with a study."""
        fin = lambda v: float(v) if math.isfinite(v) else None  # noqa: E731
        d: dict[str, Any] = {
            "params": {k: (v if isinstance(v, str) else float(v)) for k, v in self.params.items()},
            "methods": self.methods,
            "per_combo": [[c, fin(v)] for c, v in self.per_combo],
            "per_rack_count": {str(k): v for k, v in self.per_rack_count.items()},
            "evaluations": self.evaluations,
            "designs": self.designs,
            "seconds": self.seconds,
        }
        if self.front is not None:
            d["front"] = self.front.tolist()
        return d


def realise(space: SearchSpace, params: Mapping[str, Any]) -> tuple[Scenario, Design]:
    """The scenario and sized design of a point of the hybrid space (choices, continuous values,
    rack and spare counts, radiator temperature if any)."""
    combo = {v.name: params[v.name] for v in space.categorical}
    base = space.base(combo)
    pv = {k: SearchSpace.param_value(k, v) for k, v in params.items() if k in PARAM_NAMES}
    sc = base.replace(**pv) if pv else base
    temps = None
    if TEMP_VARIABLE in params and params[TEMP_VARIABLE] < float(sc.orbit_summary()["radiator_temp_max_k"]):
        temps = np.array([float(params[TEMP_VARIABLE])])
    spares = float(params.get("spare_racks", sc.design.spare_racks))
    out = sized_batch(sc, ["cost_per_flop_usd"], np.array([float(params["racks"])]), np.array([spares]), temps)
    if not out["valid"][0]:
        raise ValueError(f"the design at {dict(params)} cannot be sized")
    d = Design(float(out["array_area_m2"][0]), float(out["radiator_area_m2"][0]), float(params["racks"]), spares, float(out["battery_energy_j"][0]))
    return sc.with_design(d), d


def _reference_from(space: SearchSpace, rec: Mapping[str, Any]) -> Reference:
    sc, d = realise(space, rec["params"])
    ev = evaluate(d, sc)
    front = np.array(rec["front"], float) if rec.get("front") is not None else None
    return Reference(d, ev, ev.cost_per_flop_usd, {int(k): v for k, v in rec.get("per_rack_count", {}).items()}, dict(rec["params"]), sc,
                     dict(rec.get("methods", {})), [(c, math.inf if v is None else v) for c, v in rec.get("per_combo", [])],
                     int(rec.get("evaluations", 0)), int(rec.get("designs", 0)), float(rec.get("seconds", 0.0)), front)


def reference(scenario: Scenario, parameterisation: str = "hybrid", grid_points: int = exact.GRID_POINTS, front: bool = False) -> Reference:
    """The certificate: the exact optimum of cost per delivered FLOP over the whole search space
    of the scenario's ``[search]`` table.

    Every combination of the categorical choices is enumerated; at every point every rack and
    spare count in the bounds is evaluated (sized exactly, one batch); each continuous variable
    (altitude, LTAN, radiator temperature, any scenario parameter) is searched over its whole
    range by a grid of ``grid_points`` values and Brent's bounded method in each bracket that may
    hold a cheaper design, cyclically until nothing improves, and then all of them at once along
    the launch-mass boundary (``Reference.methods["joint"]``). ``Reference.methods`` says per
    variable whether the grids showed one minimum (Brent) or several (grid plus Brent in each).
    See :mod:`orbitflops.optimize.exact` for the method, its assumption, and how exact it is
    where the cost per FLOP steps along the launch-mass boundary. ``front=True``
    also keeps the non-dominated (cost per FLOP, delivered FLOP/s, mass) designs of every
    evaluation, the exact front of :func:`optimize` with two objectives.
    """
    space = SearchSpace.from_scenario(scenario, parameterisation)
    cert = exact.certify(space, grid_points, front=front)
    if not math.isfinite(cert.best.cost):
        raise ValueError("no design in the search space is feasible")
    params = {k: v for k, v in cert.best.params.items() if k in space.by_name or k in ("racks", "spare_racks") or k == TEMP_VARIABLE}
    sc, d = realise(space, params)
    ev = evaluate(d, sc)
    fr = np.array([(c, f, m) for c, f, m, _ in cert.front], float) if cert.front is not None else None
    return Reference(d, ev, ev.cost_per_flop_usd, cert.per_rack_count, params, sc, cert.methods, cert.per_combo, cert.evaluations, cert.designs,
                     cert.seconds, fr)


@dataclass
class Solution:
    """One evaluated design of the study: its trial, parameters, the scenario it was evaluated
    on (categorical and scenario-parameter choices applied, design set) and its evaluation."""

    trial_number: int
    params: dict[str, Any]
    scenario: Scenario
    design: Design
    evaluation: Evaluation

    @property
    def margins(self) -> dict[str, float]:
        return self.evaluation.margins


@dataclass
class Progress:
    """What the ``callback`` of :func:`optimize` receives after each batch."""

    done: int
    total: int
    best_value: float | None
    gap: float | None


@dataclass
class OptimizeResult:
    """The outcome of :func:`optimize`.

    Single objective: :attr:`best` (feasible, the lowest cost per FLOP in the study),
    :attr:`reference` (the certificate) and :attr:`gap` (relative excess of the best cost per
    FLOP over it). Several objectives: :attr:`pareto` (feasible non-dominated designs),
    :attr:`knee` and, for two objectives including cost per FLOP, :attr:`hypervolume_ratio`
    against the certificate's exact front. Robust objective: :attr:`robust`, the robust optimum
    beside the nominal one on the same draws. :attr:`stopped` says why the run ended
    (``"gap"``, ``"patience"``, ``"trials"``).
    """

    study: optuna.Study
    objectives: tuple[str, ...]
    best: Solution | None
    pareto: list[Solution] = field(default_factory=list)
    knee: Solution | None = None
    reference: Reference | None = None
    hypervolume_ratio: float | None = None
    robust: RobustSummary | None = None
    stopped: str = "trials"
    trials_run: int = 0
    seconds: float = 0.0
    on_bounds: list[tuple[str, str, float]] = field(default_factory=list)
    """The best design's (or the certificate's, when it is cheaper) numeric variables that lie on
    a bound of their ``[search]`` range, as (name, ``"lower"``/``"upper"``, value): the optimum
    may lie beyond it (:meth:`SearchSpace.on_bounds`)."""

    @property
    def gap(self) -> float | None:
        """Relative excess of the best design's cost per FLOP over the certificate's (nominal
        single-objective studies)."""
        if self.best is None or self.reference is None or len(self.objectives) != 1:
            return None
        return self.best.evaluation.cost_per_flop_usd / self.reference.cost_per_flop_usd - 1.0

    @property
    def n_trials(self) -> int:
        return len(self.study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)))

    def trials_dataframe(self):
        """Every trial with its parameters, objective values, margins and state (pandas)."""
        return self.study.trials_dataframe()


def _is_feasible(t: optuna.trial.FrozenTrial) -> bool:
    c = dict(t.constraints or {})
    return t.state == TrialState.COMPLETE and len(c) == len(CONSTRAINTS) and all(x <= 0 for x in c.values())


def _objective_values(row: Mapping[str, float], objectives: Sequence[str]) -> list[float]:
    return [row[OBJECTIVES[o][0]] for o in objectives]


def _record(trial: optuna.Trial, row: Mapping[str, float]) -> None:
    # the model's feasibility allows each normalised margin -1e-9 (rounding of an exactly sized
    # design); a design it finds feasible has every constraint value clamped to <= 0
    feasible = row.get("feasible", 0.0) > 0
    for key, margin, scale in CONSTRAINTS:
        v = -row[margin] / scale
        trial.set_constraint(key, min(v, 0.0) if feasible else v)
    # one user attribute (one storage write) with the margins and the headline outputs
    trial.set_user_attr("outputs", {k: row[k] for k in RECORDED if k in row and math.isfinite(row[k])})


def trial_outputs(t: optuna.trial.FrozenTrial) -> dict[str, float]:
    """The margins, areas as evaluated and headline outputs recorded with a trial."""
    return dict(t.user_attrs.get("outputs", {}))


def _check_objectives(objectives: Sequence[str] | str | None) -> tuple[str, ...]:
    if objectives is None:
        return ("cost_per_flop",)
    if isinstance(objectives, str):
        objectives = [o.strip() for o in objectives.split(",") if o.strip()]
    objs = tuple(objectives)
    for o in objs:
        if o not in OBJECTIVES:
            raise ValueError(f"objectives: unknown objective {o!r} (one of {', '.join(OBJECTIVES)})")
    if not objs or len(set(objs)) != len(objs):
        raise ValueError(f"objectives = {list(objs)}: need one or more distinct objectives")
    return objs


def create_study(
    scenario: Scenario,
    *,
    storage: str | optuna.storages.BaseStorage | None = None,
    study_name: str | None = None,
    sampler: str | optuna.samplers.BaseSampler | None = None,
    seed: int | None = None,
    objectives: Sequence[str] | str | None = None,
    parameterisation: str = "hybrid",
    n_trials_target: int | None = None,
    robust: str | None = None,
    draws: int = DEFAULT_DRAWS,
    draws_seed: int = 0,
) -> optuna.Study:
    """Create or load (``load_if_exists``) a study whose user attributes carry the scenario,
    objectives, parameterisation and robust objective, so workers can join it with only the
    storage and name."""
    objs = _check_objectives(objectives)
    robust = check_statistic(robust)
    if robust is not None and objs != ("cost_per_flop",):
        raise ValueError(f"robust = {robust!r}: a robust objective is a statistic of cost per FLOP; objectives must be ['cost_per_flop']")
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 10:
        raise ValueError(f"draws = {draws!r}: must be an integer >= 10")
    SearchSpace.from_scenario(scenario, parameterisation)
    name = study_name or DEFAULT_STUDY
    st = make_storage(storage, name)
    smp = sampler if isinstance(sampler, optuna.samplers.BaseSampler) else make_sampler(sampler, seed, len(objs))
    with quiet():  # Optuna logs the creation of a study
        study = optuna.create_study(
            storage=st, study_name=name, sampler=smp, load_if_exists=True, directions=[OBJECTIVES[o][1] for o in objs]
        )
    attrs = study.user_attrs
    if "scenario_toml" in attrs:
        if tuple(attrs.get("objectives", ())) != objs:
            raise ValueError(f"study {name!r} optimises {attrs.get('objectives')}, not {list(objs)}")
        if attrs.get("robust") != robust:
            raise ValueError(f"robust = {robust!r}: study {name!r} optimises {attrs.get('robust') or 'the nominal cost'}")
    else:
        study.set_user_attr("scenario_toml", scenario.to_toml())
        study.set_user_attr("objectives", list(objs))
        study.set_user_attr("parameterisation", parameterisation)
        study.set_user_attr("robust", robust)
        if robust is not None:
            study.set_user_attr("draws", int(draws))
            study.set_user_attr("draws_seed", int(draws_seed))
    if n_trials_target is not None:
        study.set_user_attr("n_trials_target", int(n_trials_target))
    return study


def study_scenario(study: optuna.Study) -> tuple[Scenario, tuple[str, ...], str]:
    """The scenario, objectives and parameterisation stored with a study."""
    a = study.user_attrs
    if "scenario_toml" not in a:
        raise ValueError(f"study {study.study_name!r} was not created by orbitflops (no scenario stored)")
    return Scenario.from_toml_str(a["scenario_toml"]), tuple(a["objectives"]), a.get("parameterisation", "plain")


def _mission_row(space: SearchSpace, params: Mapping[str, Any], row: dict[str, float]) -> dict[str, float]:
    """Replace a trial's cost per FLOP and delivered compute by the mission tier's lifetime
    values (day-by-day seasons, battery and radiator transients); the constraints stay the
    analytic tier's worst-case margins."""
    from ..mission import evaluate_batch as mission_batch

    sc = space.scenario_for(params)
    m = mission_batch(sc, array_area_m2=row["array_area_m2"], radiator_area_m2=row["radiator_area_m2"], racks=row["racks"], spare_racks=row["spare_racks"])
    out = dict(row)
    out["cost_per_flop_usd"] = float(m["cost_per_flop_usd"][0])
    out["delivered_flops"] = float(m["delivered_flop"][0]) / (sc.lifetime_yr * 365.2422 * 86400.0)
    return out


class TrialEvaluator:
    """How a study's trials are evaluated: the search space, objectives, tier and, for a robust
    study, the fixed draws."""

    def __init__(self, study: optuna.Study) -> None:
        scenario, self.objectives, parameterisation = study_scenario(study)
        self.space = SearchSpace.from_scenario(scenario, parameterisation)
        a = study.user_attrs
        self.tier = a.get("tier", "analytic")
        self.robust = a.get("robust")
        self.draws = Draws.of(scenario, int(a["draws"]), int(a["draws_seed"])) if self.robust else None
        self.outputs = list(dict.fromkeys([OBJECTIVES[o][0] for o in self.objectives] + list(RECORDED)))

    def rows(self, params: Sequence[Mapping[str, Any]]) -> list[dict[str, float] | None]:
        rows = self.space.evaluate(params, self.outputs)
        if self.tier == "mission":
            rows = [None if r is None else _mission_row(self.space, p, r) for p, r in zip(params, rows)]
        if self.robust:
            for p, r in zip(params, rows):
                if r is not None:
                    sc = self.space.scenario_for(p)
                    r["nominal_cost_per_flop_usd"] = r["cost_per_flop_usd"]
                    r["cost_per_flop_usd"] = statistic(costs_on_draws(sc, design_of(p, r, sc), self.draws), self.robust)
        return rows

    def values(self, row: Mapping[str, float]) -> list[float]:
        return _objective_values(row, self.objectives)


def run_batch(study: optuna.Study, space: SearchSpace | None, objectives: Sequence[str] | None, n: int, tier: str = "analytic",
              ev: TrialEvaluator | None = None) -> int:
    """Ask ``n`` trials, evaluate them in one batch per combination of choices (on the analytic
    tier; with ``tier="mission"`` the objectives come from the mission tier; a robust study's
    objective is the statistic over its draws), tell them; returns how many completed."""
    ev = ev or TrialEvaluator(study)
    trials = [study.ask() for _ in range(n)]
    params = [ev.space.suggest(t) for t in trials]
    rows = ev.rows(params)
    done = 0
    for t, row in zip(trials, rows):
        if row is None or not all(math.isfinite(v) for v in ev.values(row)):
            study.tell(t, state=TrialState.FAIL)
            continue
        _record(t, row)
        study.tell(t, ev.values(row))
        log = getattr(study, "_log_completed_trial", None)  # Optuna's own line, as study.optimize writes it
        if log is not None:
            log(ev.values(row), t.number, t.params)
        done += 1
    return done


def _front_points(trials: Sequence[optuna.trial.FrozenTrial]) -> np.ndarray:
    pts = []
    for t in trials:
        o = trial_outputs(t)
        if all(k in o for k in ("cost_per_flop_usd", "delivered_flops", "mass_total_kg")):
            pts.append((o["cost_per_flop_usd"], o["delivered_flops"], o["mass_total_kg"]))
    return np.array(pts, float).reshape(-1, 3)


def _certificate(study: optuna.Study, space: SearchSpace, front: bool) -> Reference | None:
    """The certificate of a study's search space, computed once and stored with the study;
    ``None`` when no design of the space is feasible (the search then runs without one)."""
    rec = study.user_attrs.get("certificate")
    if rec is not None and (not front or rec.get("front") is not None):
        return _reference_from(space, rec)
    try:
        ref = reference(space.scenario, space.parameterisation, front=front)
    except ValueError:
        return None
    study.set_user_attr("certificate", ref.as_attr())
    return ref


def _best_trial_of(study: optuna.Study, k: int) -> optuna.trial.FrozenTrial | None:
    """The feasible trial with the lowest ``k``-th objective value."""
    feas = [t for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)) if _is_feasible(t)]
    return min(feas, key=lambda t: t.values[k]) if feas else None


def _best_trial(study: optuna.Study, sign: float) -> optuna.trial.FrozenTrial | None:
    feas = [t for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)) if _is_feasible(t)]
    return min(feas, key=lambda t: sign * t.values[0]) if feas else None


def optimize(
    scenario: Scenario | None = None,
    n_trials: int = 300,
    storage: str | optuna.storages.BaseStorage | None = "memory",
    study_name: str | None = None,
    sampler: str | optuna.samplers.BaseSampler | None = None,
    seed: int | None = None,
    objectives: Sequence[str] | str | None = None,
    batch_size: int = 16,
    parameterisation: str = "hybrid",
    with_reference: bool = True,
    callback: Callable[[Progress], None] | None = None,
    tier: str = "analytic",
    gap_tol: float | None = GAP_TOL,
    patience: int | None = None,
    polish: bool = True,
    robust: str | None = None,
    draws: int = DEFAULT_DRAWS,
    draws_seed: int = 0,
    verbose: bool = False,
) -> OptimizeResult:
    """Optimise a scenario's design: minimum cost per delivered FLOP subject to power margin,
    battery depth of discharge, radiator temperature and launcher mass (docs/model.md).

    At most ``n_trials`` more trials are run, ``batch_size`` at a time (ask, one
    ``evaluate_batch`` per combination of choices, tell). The run stops earlier once the best
    design is within ``gap_tol`` of the certificate (:func:`reference`; for two objectives, once
    the hypervolume ratio to the exact front is within ``gap_tol`` of 1), or after ``patience``
    trials without a better design (or a new point on the front); ``None`` turns either rule off.
    The rules are checked after each batch, so a run with ``n_trials > 0`` adds at least one.

    ``parameterisation``: ``"hybrid"`` (default; the array, radiator and battery sized exactly
    for each trial's choices, see :mod:`orbitflops.optimize.space`) or ``"plain"`` (every
    variable of the ``[search]`` table as written). ``polish`` (hybrid, nominal cost per FLOP):
    each new best trial is polished locally (:func:`orbitflops.optimize.exact.polish`) and the
    polished design is the next trial. ``with_reference``: compute the certificate (stored with
    the study, so a continued study does not compute it again) and report the gap to it.
    ``storage``: ``"memory"`` (default), ``None`` for a journal file in the working directory
    (running again continues the study), a ``.journal`` path, or any Optuna storage URL.
    ``sampler``: ``tpe``, ``nsga2``, ``gp``, ``cmaes``, ``random`` or an Optuna sampler.
    ``objectives``: names from :data:`OBJECTIVES` (several give a Pareto front and knee point).
    ``robust``: ``"mean"`` or ``"p90"`` optimises that statistic of cost per FLOP over ``draws``
    draws of the scenario's uncertainty (seed ``draws_seed``), the same draws for every trial
    (:mod:`orbitflops.optimize.robust`); the certificate's design is the first trial, each new
    best trial is polished over every rack and spare count at its choices
    (:func:`orbitflops.optimize.robust.robust_polish`), and the result reports the robust optimum
    beside the nominal one. ``tier="mission"`` takes the
    objectives from the mission tier's day-by-day lifetime simulation, keeping the analytic
    worst-case margins as the constraints. ``callback(progress)`` is called after each batch
    with a :class:`Progress`. Optuna's log lines are shown only with ``verbose=True``.
    """
    t0 = time.perf_counter()
    if tier not in ("analytic", "mission"):
        raise ValueError(f"tier = {tier!r}: must be 'analytic' or 'mission'")
    scenario = scenario if scenario is not None else Scenario.default()
    if not isinstance(n_trials, (int, np.integer)) or isinstance(n_trials, bool) or n_trials < 0:
        raise ValueError(f"n_trials = {n_trials!r}: must be an integer >= 0")
    if not isinstance(batch_size, (int, np.integer)) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size = {batch_size!r}: must be an integer >= 1")
    if gap_tol is not None and not (isinstance(gap_tol, (int, float)) and math.isfinite(gap_tol) and gap_tol >= 0):
        raise ValueError(f"gap_tol = {gap_tol!r}: must be a number >= 0 or None")
    if patience is not None and (isinstance(patience, bool) or not isinstance(patience, (int, np.integer)) or patience < 1):
        raise ValueError(f"patience = {patience!r}: must be an integer >= 1 or None")
    with quiet(verbose):
        study = create_study(scenario, storage=storage, study_name=study_name, sampler=sampler, seed=seed, objectives=objectives,
                             parameterisation=parameterisation, robust=robust, draws=draws, draws_seed=draws_seed)
        if "tier" not in study.user_attrs:
            study.set_user_attr("tier", tier)
        elif study.user_attrs["tier"] != tier:
            raise ValueError(f"tier = {tier!r}: study {study.study_name!r} was run on the {study.user_attrs['tier']} tier")
        stored = study
        study = _working_copy(stored)
        ev = TrialEvaluator(study)
        space, objs = ev.space, ev.objectives
        two = len(objs) == 2 and "cost_per_flop" in objs
        certifiable = with_reference and ev.tier == "analytic" and (objs == ("cost_per_flop",) or two)
        ref = _certificate(study, space, front=len(objs) > 1) if certifiable else None
        if ref is not None and stored is not study and "certificate" in study.user_attrs and "certificate" not in stored.user_attrs:
            stored.set_user_attr("certificate", study.user_attrs["certificate"])
        synced = len(study.trials)
        # designs proposed by the polish, run as the next trials (a batch at a time, so that
        # none is left waiting in the storage when the run ends)
        pending: list[tuple[dict[str, Any], dict[str, Any]]] = []
        if ev.robust and ref is not None and not study.trials:
            pending.append(({k: v for k, v in ref.params.items() if k in space.by_name}, {"nominal_optimum": True}))
        sign = 1.0 if OBJECTIVES[objs[0]][1] == "minimize" else -1.0
        hybrid_nominal = polish and space.parameterisation == "hybrid" and ev.tier == "analytic" and not ev.robust
        may_polish_robust = polish and space.parameterisation == "hybrid" and ev.tier == "analytic" and bool(ev.robust)
        may_polish = hybrid_nominal and objs == ("cost_per_flop",)
        may_polish_front = hybrid_nominal and two
        polished_combos: set[tuple] = set()

        def status() -> tuple[float | None, float | None]:
            if len(objs) == 1:
                b = _best_trial(study, sign)
                if b is None:
                    return None, None
                gap = b.values[0] / ref.cost_per_flop_usd - 1.0 if ref is not None and not ev.robust else None
                return b.values[0], gap
            if ref is not None and ref.front is not None and two and len(ref.front):
                feas = [t for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)) if _is_feasible(t)]
                pts = _front_points(feas)
                hv = hypervolume_ratio(pts, ref.front, objs) if len(pts) else 0.0
                return hv, 1.0 - hv
            return None, None

        done, since, stopped = 0, 0, "trials"
        best_value, _ = status()
        polished: set[int] = set()
        while done < n_trials:
            k = min(batch_size, n_trials - done)
            n_front_before = len(study.best_trials) if len(objs) > 1 else 0
            for params, attrs in pending[:k]:
                study.enqueue_trial(params, user_attrs=attrs, skip_if_exists=True)
            del pending[:k]
            run_batch(study, space, objs, k, ev=ev)
            done += k
            value, gap = status()
            improved = value is not None and (best_value is None or sign * value < sign * best_value * (1 - 1e-12)) if len(objs) == 1 \
                else len(study.best_trials) != n_front_before
            since = 0 if improved else since + k
            best_value = value if len(objs) == 1 else best_value
            if stored is not study:
                synced = _sync(study, stored, synced)
            if callback is not None:
                callback(Progress(done, n_trials, best_value if len(objs) == 1 else value, gap))
            if gap is not None and gap_tol is not None and gap <= gap_tol:
                stopped = "gap"
                break
            if patience is not None and since >= patience:
                stopped = "patience"
                break
            if may_polish_robust and value is not None and done < n_trials:
                b = _best_trial(study, sign)
                if b is not None and b.number not in polished:
                    polished.add(b.number)
                    found = robust_polish(space, b.params, ev.draws, ev.robust)
                    if found is not None and found[1] < b.values[0] * (1 - 1e-12):
                        pending.insert(0, ({k2: v for k2, v in found[0].items() if k2 in space.by_name}, {"polished_from": b.number}))
            if may_polish_front and done < n_trials:
                _polish_front(study, space, objs, polished_combos, pending)
            if ((may_polish and value is not None) or may_polish_front) and done < n_trials:
                # the cheapest design per FLOP, an end of every front with cost per FLOP
                b = _best_trial(study, sign) if may_polish else _best_trial_of(study, objs.index("cost_per_flop"))
                if b is not None and b.number not in polished and "polished_from" not in b.user_attrs:
                    polished.add(b.number)
                    p, _ = exact.polish(space, b.params)
                    if p.cost < trial_outputs(b).get("cost_per_flop_usd", math.inf) * (1 - 1e-12):
                        pending.insert(0, ({k2: v for k2, v in p.params.items() if k2 in space.by_name}, {"polished_from": b.number}))
        res = result_of(stored, with_reference=with_reference, reference=ref)
    res.stopped, res.trials_run, res.seconds = stopped, done, time.perf_counter() - t0
    return res


def _polish_front(study: optuna.Study, space: SearchSpace, objectives: Sequence[str], done: set[tuple], pending: list) -> None:
    """For each combination of choices on the study's front not polished yet, the designs that
    :func:`orbitflops.optimize.exact.front_polish` finds non-dominated join the trials to run."""
    front = [t for t in study.best_trials if _is_feasible(t)]
    for t in front:
        key = tuple(t.params[v.name] for v in space.categorical)
        if key in done:
            continue
        done.add(key)
        for p in exact.front_polish(space, t.params, objectives):
            pending.append(({k: v for k, v in p.items() if k in space.by_name}, {"polished_from": t.number}))


def _working_copy(study: optuna.Study) -> optuna.Study:
    """An in-memory copy of a study kept in a journal file, to run batches in: the journal
    writes and syncs every operation to disk (each parameter, constraint and attribute of a
    trial), while a finished trial copied over is a single record (:func:`_sync`). Other
    storages are used directly."""
    from optuna.storages.journal import JournalStorage

    if not isinstance(study._storage, JournalStorage):
        return study
    mem = optuna.create_study(storage=optuna.storages.InMemoryStorage(), sampler=study.sampler, study_name=study.study_name,
                              directions=study.directions)
    for k, v in study.user_attrs.items():
        mem.set_user_attr(k, v)
    mem.add_trials([t for t in study.get_trials(deepcopy=False) if t.state.is_finished()])
    return mem


def _sync(work: optuna.Study, stored: optuna.Study, synced: int) -> int:
    """Copy the trials finished in the working copy since ``synced`` to the stored study."""
    trials = work.get_trials(deepcopy=False)
    new = [t for t in trials[synced:] if t.state.is_finished()]
    if new:
        stored.add_trials(new)
    return synced + len(new)


def _solution(space: SearchSpace, t: optuna.trial.FrozenTrial) -> Solution:
    sc = space.scenario_for(t.params)
    d = design_of(t.params, trial_outputs(t), sc)
    sc = sc.with_design(d)
    return Solution(t.number, dict(t.params), sc, d, evaluate(d, sc))


def knee_point(points: np.ndarray) -> int:
    """Index of the knee of a Pareto front of minimised objectives (rows = designs): the point
    closest to the ideal point after scaling each objective to [0, 1] (Das 1999, compromise
    programming)."""
    p = np.asarray(points, dtype=float)
    span = p.max(axis=0) - p.min(axis=0)
    span[span == 0] = 1.0
    z = (p - p.min(axis=0)) / span
    return int(np.argmin(np.sqrt((z**2).sum(axis=1))))


def result_of(study: optuna.Study, with_reference: bool = True, reference: Reference | None = None) -> OptimizeResult:
    """The result of a study made by :func:`optimize` or by workers (the certificate is the one
    stored with the study, or ``reference``; none is computed here)."""
    ev = TrialEvaluator(study)
    space, objs = ev.space, ev.objectives
    if reference is None and with_reference and "certificate" in study.user_attrs:
        reference = _reference_from(space, study.user_attrs["certificate"])
    feas = [t for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)) if _is_feasible(t)]
    res = OptimizeResult(study, objs, None, reference=reference if with_reference else None)
    if len(objs) == 1:
        if feas:
            sign = 1.0 if OBJECTIVES[objs[0]][1] == "minimize" else -1.0
            res.best = _solution(space, min(feas, key=lambda t: sign * t.values[0]))
        if ev.robust and res.best is not None:
            res.robust = _robust_summary(ev, feas, res.best, reference)
        if res.best is not None:
            res.on_bounds = space.on_bounds(res.best.params)
        elif res.reference is not None:
            res.on_bounds = space.on_bounds(res.reference.params)
    elif feas:
        signs = np.array([1.0 if OBJECTIVES[o][1] == "minimize" else -1.0 for o in objs])
        vals = np.array([t.values for t in feas]) * signs
        nd = [i for i in range(len(feas)) if not np.any(np.all(vals <= vals[i], axis=1) & np.any(vals < vals[i], axis=1))]
        nd.sort(key=lambda i: tuple(vals[i]))
        res.pareto = [_solution(space, feas[i]) for i in nd]
        res.knee = res.pareto[knee_point(vals[nd])]
        res.best = res.knee
        if res.reference is not None and res.reference.front is not None and len(objs) == 2 and "cost_per_flop" in objs:
            res.hypervolume_ratio = hypervolume_ratio(_front_points(feas), res.reference.front, objs)
    return res


def _robust_summary(ev: TrialEvaluator, feas: Sequence[optuna.trial.FrozenTrial], best: Solution, reference: Reference | None) -> RobustSummary:
    """The robust optimum beside the nominal optimum (the certificate's design, else the
    feasible trial with the lowest nominal cost), both on the study's draws."""
    if reference is not None:
        nominal_sc, nominal_d, nominal_params = reference.scenario, reference.design, reference.params
        nominal_cost = reference.cost_per_flop_usd
    else:
        t = min(feas, key=lambda t: trial_outputs(t).get("nominal_cost_per_flop_usd", math.inf))
        s = _solution(ev.space, t)
        nominal_sc, nominal_d, nominal_params, nominal_cost = s.scenario, s.design, s.params, s.evaluation.cost_per_flop_usd
    nominal_value = statistic(costs_on_draws(nominal_sc, nominal_d, ev.draws), ev.robust)
    value = statistic(costs_on_draws(best.scenario, best.design, ev.draws), ev.robust)
    return RobustSummary(ev.robust, ev.draws.n, ev.draws.seed, value, nominal_value, nominal_cost, best.evaluation.cost_per_flop_usd, dict(nominal_params))


class _HeartbeatlessTrialReaper:
    """Fails RUNNING trials that never recorded a heartbeat, once they have been seen without one
    for the grace period, and hands them to the storage's stale-trial callback (retry).

    Optuna's ``fail_stale_trials`` only considers trials with a heartbeat row: a worker killed
    between creating its trial and recording the first heartbeat (a window of milliseconds) leaves
    the trial RUNNING for ever, and a study that counts its trials could then never finish. A live
    worker records the heartbeat as the trial starts, so a trial without one after the grace
    period has no live worker. Time is measured on this process's monotonic clock, so clock skew
    between machines does not matter."""

    def __init__(self, storage: optuna.storages.RDBStorage, grace_s: float) -> None:
        self.storage = storage
        self.grace_s = grace_s
        self.first_seen: dict[int, float] = {}

    def _running_without_heartbeat(self, study_id: int) -> list[int]:
        import sqlalchemy as sa

        q = sa.text(
            "SELECT t.trial_id FROM trials t LEFT OUTER JOIN trial_heartbeats h ON h.trial_id = t.trial_id "
            "WHERE t.study_id = :sid AND t.state = 'RUNNING' AND h.trial_id IS NULL"
        )
        with self.storage.engine.connect() as conn:
            return [int(r[0]) for r in conn.execute(q, {"sid": study_id})]

    def __call__(self, study: optuna.Study) -> None:
        now = time.monotonic()
        ids = self._running_without_heartbeat(study._study_id)
        self.first_seen = {i: self.first_seen.get(i, now) for i in ids}
        callback = self.storage.get_heartbeat_stale_trial_callback()
        for i, t0 in list(self.first_seen.items()):
            if now - t0 < self.grace_s:
                continue
            try:
                failed = self.storage.set_trial_state_values(i, state=TrialState.FAIL)
            except optuna.exceptions.UpdateFinishedTrialError:
                failed = False  # another worker got there first
            del self.first_seen[i]
            if failed and callback is not None:
                import copy

                callback(study, copy.deepcopy(self.storage.get_trial(i)))


def worker(storage: str | optuna.storages.BaseStorage, study_name: str, n_trials: int | None = None,
           heartbeat_interval_s: int = HEARTBEAT_INTERVAL_S) -> int:
    """Join a study and run trials one at a time until it holds its target number of complete
    trials (``n_trials``, else the study's ``n_trials_target``). With an RDB storage each trial
    sends heartbeats; a trial whose worker died is failed once its heartbeat is stale and run
    again (same parameters) by a live worker. A trial that would exceed the target is pruned,
    so the study ends with exactly the target. Returns the number of trials this worker ran."""
    st = make_storage(storage, study_name, heartbeat_interval_s)
    study = optuna.load_study(study_name=study_name, storage=st)
    ev = TrialEvaluator(study)
    target = n_trials if n_trials is not None else study.user_attrs.get("n_trials_target")
    if target is None:
        raise ValueError(f"study {study_name!r} has no n_trials_target: pass n_trials")

    def counts(exclude: int | None = None) -> tuple[int, int, int]:
        ts = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.RUNNING, TrialState.WAITING))
        c = sum(t.state == TrialState.COMPLETE for t in ts)
        r = sum(t.state == TrialState.RUNNING and t.number != exclude for t in ts)
        return c, r, sum(t.state == TrialState.WAITING for t in ts)

    def objective(trial: optuna.Trial):
        c, r, w = counts(exclude=trial.number)
        if c + r + w >= target:
            raise optuna.TrialPruned("the study already holds its target number of trials")
        row = ev.rows([ev.space.suggest(trial)])[0]
        if row is None:
            raise optuna.TrialPruned("the model rejected this design")
        _record(trial, row)
        vals = ev.values(row)
        return vals[0] if len(vals) == 1 else vals

    reaper = None
    if isinstance(st, optuna.storages.RDBStorage) and st.get_heartbeat_interval() is not None:
        reaper = _HeartbeatlessTrialReaper(st, float(st.grace_period or 2 * st.get_heartbeat_interval()))
    ran = 0
    while True:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)  # stable since Optuna 2.9; a library stays quiet
            optuna.storages.fail_stale_trials(study)
        if reaper is not None:
            reaper(study)
        c, r, w = counts()
        if c >= target:
            return ran
        if w > 0 or c + r < target:
            study.optimize(objective, n_trials=1, catch=())
            ran += 1
        else:
            time.sleep(min(1.0, heartbeat_interval_s / 2))
