"""``orbitflops optimize``: search the scenario's design space for the cheapest design per
delivered FLOP (or a Pareto front), in a study that lasts (run again to continue it)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import optuna
import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .._io import atomic_open, atomic_path, atomic_write_text
from ..model import OUTPUT_UNITS
from ..optimize import OptimizeResult, optimize
from ..optimize.study import DEFAULT_STUDY, OBJECTIVES, SAMPLERS, default_storage_path, trial_outputs
from ._app import app, console, err_console, load_scenario
from .evaluate import fmt, table


@app.command("optimize")
def optimize_command(
    scenario: Annotated[Optional[Path], typer.Argument(help="Scenario TOML (default: the built-in scenario); its [search] table is the search space.")] = None,
    trials: Annotated[int, typer.Option("--trials", "-n", help="Trials to add to the study.")] = 300,
    storage: Annotated[Optional[str], typer.Option(help="Optuna storage URL (default: <study>.optuna.journal in the working directory).")] = None,
    study: Annotated[str, typer.Option("--study", help="Study name; the same name continues the study.")] = DEFAULT_STUDY,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write trials (CSV, Parquet), the best design as a scenario TOML and plots (PNG, HTML) here.")] = None,
    sampler: Annotated[str, typer.Option(help=f"One of {', '.join(SAMPLERS)}.")] = "tpe",
    seed: Annotated[Optional[int], typer.Option(help="Sampler seed.")] = None,
    batch: Annotated[int, typer.Option(help="Trials asked, evaluated in one batch and told together.")] = 16,
    objectives: Annotated[str, typer.Option(help=f"Comma-separated objectives from {', '.join(OBJECTIVES)}; several give a Pareto front.")] = "cost_per_flop",
    parameterisation: Annotated[str, typer.Option(help="plain: search the variables as written; sized: oversizing factors relative to orbitflops.size().")] = "plain",
    tier: Annotated[str, typer.Option(help="analytic, or mission: objectives from the day-by-day lifetime simulation (constraints stay the analytic worst case).")] = "analytic",
) -> None:
    """Optimise the design: minimum cost per delivered FLOP subject to the power, battery, thermal
    and launch-mass constraints. Running the same command again continues the study."""
    sc = load_scenario(scenario)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    where = storage or str(default_storage_path(study))
    try:
        with Progress(TextColumn("[bold]optimising[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("trials"),
                      TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=True) as bar:
            task = bar.add_task("optimise", total=trials)
            res = optimize(sc, trials, storage=where, study_name=study, sampler=sampler, seed=seed, objectives=objectives,
                           batch_size=batch, parameterisation=parameterisation, tier=tier,
                           callback=lambda done, total: bar.update(task, completed=done))
    except ValueError as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    report(res, where)
    if out is not None:
        written = write_outputs(res, out)
        console.print(f"wrote {len(written)} files to {escape(str(out))}")


def report(res: OptimizeResult, where: str) -> None:
    """Print the best design (or knee point and Pareto front), its margins, cost breakdown and
    comparison with the ground."""
    n_all = len(res.study.trials)
    console.print(f"study [bold]{escape(res.study.study_name)}[/] in {escape(where)}: {res.n_trials} complete trials ({n_all} in all)")
    if res.best is None:
        console.print("[red]no feasible design yet[/]: run more trials or widen the \\[search] bounds")
        return
    ev = res.best.evaluation
    if res.pareto:
        pt = Table(title=f"Pareto front ({len(res.pareto)} designs)", title_justify="left", header_style="bold")
        for c in ("trial", "racks", "array_area_m2", "radiator_area_m2", *[OBJECTIVES[o][0] for o in res.objectives]):
            pt.add_column(c, justify="right")
        for s in res.pareto:
            d = s.evaluation
            pt.add_row(str(s.trial_number), fmt(float(s.design.racks)), fmt(s.design.array_area_m2), fmt(s.design.radiator_area_m2),
                       *[fmt(getattr(d, OBJECTIVES[o][0])) for o in res.objectives])
        console.print(pt)
        title = f"Knee point (trial {res.best.trial_number})"
    else:
        title = f"Best design (trial {res.best.trial_number})"
    rows = {k: float(v) for k, v in (("array_area_m2", res.best.design.array_area_m2), ("radiator_area_m2", res.best.design.radiator_area_m2), ("racks", res.best.design.racks), ("spare_racks", res.best.design.spare_racks))}
    console.print(table(title, rows))
    extra = {k: v for k, v in res.best.params.items() if k not in rows and not isinstance(v, str)}
    if extra:
        console.print(table("Other searched values", extra))
    choices = {k: v for k, v in res.best.params.items() if isinstance(v, str)}
    if choices:
        console.print("choices: " + ", ".join(f"{k} = {escape(v)}" for k, v in choices.items()))
    console.print(table("Constraint margins (feasible when >= 0)", ev.margins))
    console.print(table("Capital cost", ev.costs))
    console.print(table("Ground with the same racks", ev.ground))
    console.print(table("Result", {"cost_per_flop_usd": ev.cost_per_flop_usd, "delivered_flops": ev.delivered_flops, "mass_total_kg": ev.mass_total_kg, "cost_ratio": ev.cost_ratio}))
    if res.study.user_attrs.get("tier") == "mission":
        trial = next(t for t in res.study.trials if t.number == res.best.trial_number)
        objs = ", ".join(f"{OBJECTIVES[o][0]} {fmt(v)} {OUTPUT_UNITS[OBJECTIVES[o][0]]}" for o, v in zip(res.objectives, trial.values))
        console.print(f"objectives on the mission tier (day-by-day lifetime simulation): {objs}; the tables above are the analytic tier's worst case")
    if res.reference is not None:
        console.print(f"exact reference (orbitflops.size, {res.reference.design.racks:g} racks): {res.reference.cost_per_flop_usd:.6g} USD/FLOP; "
                      f"gap of the best design [bold]{100 * res.gap:.3f} %[/]")
    console.print(f"binding constraint: [bold]{ev.binding_constraint}[/]; orbit/ground cost ratio {ev.cost_ratio:.3f}")


def _trial_table(res: OptimizeResult):
    df = res.study.trials_dataframe(attrs=("number", "state", "values", "params", "constraints", "duration"))
    outs = [trial_outputs(t) for t in res.study.trials]
    for k in sorted({k for o in outs for k in o}):
        df[k] = [o.get(k, np.nan) for o in outs]
    df["state"] = df["state"].astype(str)
    if "duration" in df:
        df["duration_s"] = df.pop("duration").dt.total_seconds()
    ccols = [c for c in df.columns if c.startswith("constraints_")]
    if ccols:
        df["feasible"] = (df[ccols] <= 0).all(axis=1) & df[ccols].notna().all(axis=1)
    return df


def write_outputs(res: OptimizeResult, out: Path) -> list[Path]:
    """Trials (CSV, Parquet), the best design as a scenario TOML and the plots (PNG via matplotlib,
    HTML via plotly), each written atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    df = _trial_table(res)
    with atomic_open(out / "trials.csv", "w", encoding="utf-8", newline="") as f:
        df.to_csv(f, index=False)
    with atomic_path(out / "trials.parquet") as tmp:
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), tmp)
    written += [out / "trials.csv", out / "trials.parquet"]
    if res.best is not None:
        atomic_write_text(out / "best.toml", res.best.scenario.to_toml())
        written.append(out / "best.toml")

    def save(name: str, mfig, pfig) -> None:
        with atomic_path(out / f"{name}.png") as tmp:
            mfig.savefig(tmp, format="png", dpi=120, bbox_inches="tight")
        plt.close(mfig)
        atomic_write_text(out / f"{name}.html", pfig.to_html(include_plotlyjs="cdn", full_html=True))
        written.extend([out / f"{name}.png", out / f"{name}.html"])

    complete = [t for t in res.study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    feas = [t for t in complete if t.constraints and all(v <= 0 for v in t.constraints.values())]
    # optimisation history: cost per FLOP of every trial and the best feasible so far
    num = [t.number for t in complete]
    cpf = [trial_outputs(t).get("cost_per_flop_usd", np.nan) for t in complete]
    ok = [bool(t.constraints) and all(v <= 0 for v in t.constraints.values()) for t in complete]
    best, cur = [], np.inf
    for c, f in zip(cpf, ok):
        cur = min(cur, c) if f else cur
        best.append(cur if np.isfinite(cur) else np.nan)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.scatter([n for n, f in zip(num, ok) if not f], [c for c, f in zip(cpf, ok) if not f], s=8, c="lightgrey", label="infeasible")
    ax.scatter([n for n, f in zip(num, ok) if f], [c for c, f in zip(cpf, ok) if f], s=8, c="tab:blue", label="feasible")
    ax.plot(num, best, c="tab:red", label="best feasible")
    ax.set_yscale("log"); ax.set_xlabel("trial"); ax.set_ylabel("cost per delivered FLOP (USD/FLOP)"); ax.legend()
    pf = go.Figure([go.Scatter(x=num, y=cpf, mode="markers", marker=dict(color=["#1f77b4" if f else "#cccccc" for f in ok]), name="trials"),
                    go.Scatter(x=num, y=best, mode="lines", name="best feasible")])
    pf.update_layout(title="Optimisation history", xaxis_title="trial", yaxis_title="cost per delivered FLOP (USD/FLOP)", yaxis_type="log")
    save("history", fig, pf)
    # Pareto front: cost per FLOP against delivered compute over the feasible trials
    if feas:
        x = np.array([trial_outputs(t).get("delivered_flops", np.nan) for t in feas])
        y = np.array([trial_outputs(t).get("cost_per_flop_usd", np.nan) for t in feas])
        nd = [i for i in range(len(feas)) if not np.any((x >= x[i]) & (y <= y[i]) & ((x > x[i]) | (y < y[i])))]
        nd.sort(key=lambda i: x[i])
        fig, ax = plt.subplots(figsize=(7, 4))
        ax.scatter(x, y, s=8, c="lightgrey", label="feasible trials")
        ax.plot(x[nd], y[nd], "o-", c="tab:red", ms=4, label="Pareto front")
        if res.best is not None:
            ax.scatter([res.best.evaluation.delivered_flops], [res.best.evaluation.cost_per_flop_usd], marker="*", s=150, c="gold", edgecolors="k", zorder=5, label="best" if not res.pareto else "knee")
        ax.set_xlabel("delivered compute (FLOP/s)"); ax.set_ylabel("cost per delivered FLOP (USD/FLOP)"); ax.legend()
        pf = go.Figure([go.Scatter(x=x, y=y, mode="markers", name="feasible trials", marker=dict(color="#cccccc")),
                        go.Scatter(x=x[nd], y=y[nd], mode="lines+markers", name="Pareto front")])
        pf.update_layout(title="Cost per FLOP against delivered compute", xaxis_title="delivered compute (FLOP/s)", yaxis_title="cost per delivered FLOP (USD/FLOP)")
        save("pareto", fig, pf)
    # parameter importances of the first objective (Optuna's default evaluator)
    if len(complete) >= 4 and len(res.study.directions) >= 1:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                imp = optuna.importance.get_param_importances(res.study, target=lambda t: t.values[0])
        except (RuntimeError, ValueError, ZeroDivisionError):
            imp = {}
        if imp:
            names, vals = list(imp)[::-1], list(imp.values())[::-1]
            fig, ax = plt.subplots(figsize=(7, 0.5 + 0.4 * len(names)))
            ax.barh(names, vals); ax.set_xlabel(f"importance for {res.objectives[0]} (Optuna PED-ANOVA)")
            pf = go.Figure(go.Bar(x=vals, y=names, orientation="h"))
            pf.update_layout(title="Parameter importances (Optuna PED-ANOVA)", xaxis_title="importance")
            save("importances", fig, pf)
    # cost breakdown of the best design
    if res.best is not None:
        costs = res.best.evaluation.costs
        fig, ax = plt.subplots(figsize=(7, 0.5 + 0.4 * len(costs)))
        ax.barh(list(costs), list(costs.values())); ax.set_xlabel("capital cost (USD)")
        pf = go.Figure(go.Bar(x=list(costs.values()), y=list(costs), orientation="h"))
        pf.update_layout(title="Capital cost breakdown of the best design", xaxis_title="USD")
        save("cost_breakdown", fig, pf)
    return written
