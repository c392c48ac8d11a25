"""``orbitflops worker``: join a shared study (e.g. on PostgreSQL) and run trials until it holds
its target number; with heartbeats, a killed worker's running trial is run again by another."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import optuna
import typer
from rich.markup import escape

from ..optimize import create_study, make_storage, worker
from ..optimize.study import DEFAULT_STUDY, HEARTBEAT_INTERVAL_S
from ._app import app, console, err_console, load_scenario


@app.command("worker")
def worker_command(
    scenario: Annotated[Optional[Path], typer.Argument(help="Scenario TOML used only when the study does not exist yet.")] = None,
    *,
    storage: Annotated[str, typer.Option(help="Optuna storage URL shared by the workers, e.g. postgresql://user@host/db.")],
    study: Annotated[str, typer.Option("--study", help="Study name.")] = DEFAULT_STUDY,
    trials: Annotated[Optional[int], typer.Option("--trials", "-n", help="Target number of trials of the study (stored with it).")] = None,
    sampler: Annotated[str, typer.Option(help="Sampler when the study is created here.")] = "tpe",
    objectives: Annotated[str, typer.Option(help="Objectives when the study is created here.")] = "cost_per_flop",
    heartbeat_interval: Annotated[int, typer.Option(help="Seconds between heartbeats (RDB storages); a trial silent for three intervals is run again.")] = HEARTBEAT_INTERVAL_S,
) -> None:
    """Run trials of a shared study until it holds its target number of trials."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sc = load_scenario(scenario)
    try:
        create_study(sc, storage=make_storage(storage, study, heartbeat_interval),  study_name=study, sampler=sampler, objectives=objectives, n_trials_target=trials)
        n = worker(storage, study, trials, heartbeat_interval)
    except ValueError as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    console.print(f"worker ran {n} trials of study {escape(study)}")
