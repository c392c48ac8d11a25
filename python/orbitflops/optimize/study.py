"""Design optimisation with Optuna: minimum cost per delivered FLOP under the power, battery,
thermal and launch-mass constraints (docs/model.md, "Constraints"), single- or multi-objective,
batched, resumable and distributed.

Constraints use Optuna's ``trial.set_constraint`` (feasible when <= 0). Each trial's margins are
kept as user attributes, so infeasible regions stay visible. The exact reference for the base
variables is the closed-form :func:`orbitflops.size` over the rack counts in the search bounds.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import optuna
from optuna.storages import RetryHeartbeatStaleTrialCallback
from optuna.trial import TrialState

from .._core import Design, Scenario
from ..model import Evaluation, evaluate, size
from .space import SearchSpace, design_fields

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
RECORDED = MARGINS + ("array_area_m2", "radiator_area_m2", "cost_per_flop_usd", "delivered_flops", "mass_total_kg")
"""Outputs kept with every trial (user attribute ``outputs``)."""
DEFAULT_STUDY = "orbitflops"
SAMPLERS = ("tpe", "nsga2", "cmaes", "random")
HEARTBEAT_INTERVAL_S = 10


def make_sampler(name: str | None, seed: int | None = None, n_objectives: int = 1) -> optuna.samplers.BaseSampler:
    """An Optuna sampler by name: ``tpe`` (default), ``nsga2``, ``cmaes`` or ``random``."""
    name = (name or "tpe").lower()
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True, n_startup_trials=20)
    if name == "nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed, population_size=30)
    if name == "cmaes":
        if n_objectives > 1:
            raise ValueError("sampler = 'cmaes': CMA-ES is single-objective; use tpe or nsga2 for several objectives")
        return optuna.samplers.CmaEsSampler(seed=seed, warn_independent_sampling=False, n_startup_trials=10)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(f"sampler = {name!r}: must be one of {', '.join(SAMPLERS)}")


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


@dataclass(frozen=True)
class Reference:
    """The exact optimum for the base variables: the smallest feasible design of
    :func:`orbitflops.size` at the best rack count in the search bounds."""

    design: Design
    evaluation: Evaluation
    cost_per_flop_usd: float
    per_rack_count: dict[int, float]


def reference(scenario: Scenario) -> Reference:
    """The exact reference optimum of the base variables (array, radiator, racks) over the rack
    counts in the scenario's search bounds (docs/model.md, "Sizing")."""
    lo, hi = SearchSpace.from_scenario(scenario).rack_bounds
    best: tuple[float, Design, Evaluation] | None = None
    per: dict[int, float] = {}
    for r in range(max(lo, 1), hi + 1):
        try:
            d = size(scenario, r)
        except ValueError:
            continue
        ev = evaluate(d, scenario)
        if not ev.is_feasible or not math.isfinite(ev.cost_per_flop_usd):
            continue
        per[r] = ev.cost_per_flop_usd
        if best is None or ev.cost_per_flop_usd < best[0]:
            best = (ev.cost_per_flop_usd, d, ev)
    if best is None:
        raise ValueError("no rack count in the search bounds has a feasible design")
    return Reference(best[1], best[2], best[0], per)


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
class OptimizeResult:
    """The outcome of :func:`optimize`.

    Single objective: :attr:`best` (feasible, the lowest cost per FLOP in the study),
    :attr:`reference` and :attr:`gap` (relative excess of the best cost per FLOP over the exact
    reference; only when the search space is the base variables or the sized parameterisation of
    them). Several objectives: :attr:`pareto` (feasible non-dominated designs) and :attr:`knee`.
    """

    study: optuna.Study
    objectives: tuple[str, ...]
    best: Solution | None
    pareto: list[Solution] = field(default_factory=list)
    knee: Solution | None = None
    reference: Reference | None = None

    @property
    def gap(self) -> float | None:
        if self.best is None or self.reference is None:
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
    for key, margin, scale in CONSTRAINTS:
        trial.set_constraint(key, -row[margin] / scale)
    # one user attribute (one storage write) with the margins and the headline outputs
    trial.set_user_attr("outputs", {k: row[k] for k in RECORDED if k in row})


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
    parameterisation: str = "plain",
    n_trials_target: int | None = None,
) -> optuna.Study:
    """Create or load (``load_if_exists``) a study whose user attributes carry the scenario,
    objectives and parameterisation, so workers can join it with only the storage and name."""
    objs = _check_objectives(objectives)
    SearchSpace.from_scenario(scenario, parameterisation)
    name = study_name or DEFAULT_STUDY
    st = make_storage(storage, name)
    smp = sampler if isinstance(sampler, optuna.samplers.BaseSampler) else make_sampler(sampler, seed, len(objs))
    study = optuna.create_study(
        storage=st, study_name=name, sampler=smp, load_if_exists=True, directions=[OBJECTIVES[o][1] for o in objs]
    )
    attrs = study.user_attrs
    if "scenario_toml" in attrs:
        if tuple(attrs.get("objectives", ())) != objs:
            raise ValueError(f"study {name!r} optimises {attrs.get('objectives')}, not {list(objs)}")
    else:
        study.set_user_attr("scenario_toml", scenario.to_toml())
        study.set_user_attr("objectives", list(objs))
        study.set_user_attr("parameterisation", parameterisation)
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
    spares = float(params.get("spare_racks", sc.design.spare_racks))
    m = mission_batch(sc, array_area_m2=row["array_area_m2"], radiator_area_m2=row["radiator_area_m2"], racks=row["racks"], spare_racks=spares)
    out = dict(row)
    out["cost_per_flop_usd"] = float(m["cost_per_flop_usd"][0])
    out["delivered_flops"] = float(m["delivered_flop"][0]) / (sc.lifetime_yr * 365.2422 * 86400.0)
    return out


def run_batch(study: optuna.Study, space: SearchSpace, objectives: Sequence[str], n: int, tier: str = "analytic") -> int:
    """Ask ``n`` trials, evaluate them in one batch (on the analytic tier; with
    ``tier="mission"`` the objectives come from the mission tier), tell them; returns how many
    completed."""
    trials = [study.ask() for _ in range(n)]
    params = [space.suggest(t) for t in trials]
    outputs = list(dict.fromkeys([OBJECTIVES[o][0] for o in objectives] + list(MARGINS) + ["cost_per_flop_usd", "delivered_flops", "mass_total_kg"]))
    rows = space.evaluate(params, outputs)
    if tier == "mission":
        rows = [None if r is None else _mission_row(space, p, r) for p, r in zip(params, rows)]
    done = 0
    for t, row in zip(trials, rows):
        if row is None or not all(math.isfinite(v) for v in _objective_values(row, objectives)):
            study.tell(t, state=TrialState.FAIL)
            continue
        _record(t, row)
        study.tell(t, _objective_values(row, objectives))
        done += 1
    return done


def optimize(
    scenario: Scenario | None = None,
    n_trials: int = 300,
    storage: str | optuna.storages.BaseStorage | None = "memory",
    study_name: str | None = None,
    sampler: str | optuna.samplers.BaseSampler | None = None,
    seed: int | None = None,
    objectives: Sequence[str] | str | None = None,
    batch_size: int = 16,
    parameterisation: str = "plain",
    with_reference: bool = True,
    callback: Callable[[int, int], None] | None = None,
    tier: str = "analytic",
) -> OptimizeResult:
    """Optimise a scenario's design: minimum cost per delivered FLOP subject to power margin,
    battery depth of discharge, radiator temperature and launcher mass (docs/model.md,
    "Constraints").

    ``n_trials`` more trials are run, ``batch_size`` at a time (ask, one ``evaluate_batch``,
    tell). ``storage``: ``"memory"`` (default), ``None`` for a journal file in the working
    directory (running again continues the study), a ``.journal`` path, or any Optuna storage
    URL. ``sampler``: ``tpe``, ``nsga2``, ``cmaes``, ``random`` or an Optuna sampler.
    ``objectives``: names from :data:`OBJECTIVES` (several give a Pareto front and knee point).
    ``parameterisation="sized"`` searches oversizing factors relative to :func:`orbitflops.size`.
    ``callback(done, total)`` is called after each batch.
    ``tier="mission"`` takes the objectives (cost per FLOP, delivered compute) from the mission
    tier's day-by-day lifetime simulation, keeping the analytic worst-case margins as the
    constraints; the tier is stored with the study.
    """
    if tier not in ("analytic", "mission"):
        raise ValueError(f"tier = {tier!r}: must be 'analytic' or 'mission'")
    scenario = scenario if scenario is not None else Scenario.default()
    if not isinstance(n_trials, (int, np.integer)) or isinstance(n_trials, bool) or n_trials < 0:
        raise ValueError(f"n_trials = {n_trials!r}: must be an integer >= 0")
    if not isinstance(batch_size, (int, np.integer)) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size = {batch_size!r}: must be an integer >= 1")
    study = create_study(scenario, storage=storage, study_name=study_name, sampler=sampler, seed=seed, objectives=objectives, parameterisation=parameterisation)
    scenario, objs, parameterisation = study_scenario(study)
    if "tier" not in study.user_attrs:
        study.set_user_attr("tier", tier)
    elif study.user_attrs["tier"] != tier:
        raise ValueError(f"tier = {tier!r}: study {study.study_name!r} was run on the {study.user_attrs['tier']} tier")
    space = SearchSpace.from_scenario(scenario, parameterisation)
    done = 0
    while done < n_trials:
        k = min(batch_size, n_trials - done)
        run_batch(study, space, objs, k, tier)
        done += k
        if callback is not None:
            callback(done, n_trials)
    return result_of(study, with_reference=with_reference)


def _solution(space: SearchSpace, t: optuna.trial.FrozenTrial) -> Solution:
    sc = space.scenario_for(t.params)
    fields = design_fields(t.params, {**t.params, **trial_outputs(t)})
    d = Design(
        array_area_m2=float(fields["array_area_m2"]),
        radiator_area_m2=float(fields["radiator_area_m2"]),
        racks=float(fields["racks"]),
        spare_racks=float(t.params.get("spare_racks", sc.design.spare_racks)),
        battery_energy_j=t.params.get("battery_energy_j", sc.design.battery_energy_j),
    )
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


def result_of(study: optuna.Study, with_reference: bool = True) -> OptimizeResult:
    """The result of a study made by :func:`optimize` or by workers."""
    scenario, objs, parameterisation = study_scenario(study)
    space = SearchSpace.from_scenario(scenario, parameterisation)
    feas = [t for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)) if _is_feasible(t)]
    res = OptimizeResult(study, objs, None)
    if len(objs) == 1:
        if feas:
            sign = 1.0 if OBJECTIVES[objs[0]][1] == "minimize" else -1.0
            res.best = _solution(space, min(feas, key=lambda t: sign * t.values[0]))
        base = space.base_only
        if with_reference and objs == ("cost_per_flop",) and base:
            res.reference = reference(scenario)
    elif feas:
        signs = np.array([1.0 if OBJECTIVES[o][1] == "minimize" else -1.0 for o in objs])
        vals = np.array([t.values for t in feas]) * signs
        nd = [i for i in range(len(feas)) if not np.any(np.all(vals <= vals[i], axis=1) & np.any(vals < vals[i], axis=1))]
        nd.sort(key=lambda i: tuple(vals[i]))
        res.pareto = [_solution(space, feas[i]) for i in nd]
        res.knee = res.pareto[knee_point(vals[nd])]
        res.best = res.knee
    return res


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
    scenario, objs, parameterisation = study_scenario(study)
    target = n_trials if n_trials is not None else study.user_attrs.get("n_trials_target")
    if target is None:
        raise ValueError(f"study {study_name!r} has no n_trials_target: pass n_trials")
    space = SearchSpace.from_scenario(scenario, parameterisation)
    outputs = list(dict.fromkeys([OBJECTIVES[o][0] for o in objs] + list(RECORDED)))

    def counts(exclude: int | None = None) -> tuple[int, int, int]:
        ts = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.RUNNING, TrialState.WAITING))
        c = sum(t.state == TrialState.COMPLETE for t in ts)
        r = sum(t.state == TrialState.RUNNING and t.number != exclude for t in ts)
        return c, r, sum(t.state == TrialState.WAITING for t in ts)

    def objective(trial: optuna.Trial):
        c, r, w = counts(exclude=trial.number)
        if c + r + w >= target:
            raise optuna.TrialPruned("the study already holds its target number of trials")
        row = space.evaluate([space.suggest(trial)], outputs)[0]
        if row is None:
            raise optuna.TrialPruned("the model rejected this design")
        _record(trial, row)
        vals = _objective_values(row, objs)
        return vals[0] if len(vals) == 1 else vals

    reaper = None
    if isinstance(st, optuna.storages.RDBStorage) and st.get_heartbeat_interval() is not None:
        reaper = _HeartbeatlessTrialReaper(st, float(st.grace_period or 2 * st.get_heartbeat_interval()))
    ran = 0
    while True:
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
