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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .._io import atomic_open, atomic_path, atomic_write_text
from ..model import OUTPUT_UNITS
from ..optimize import OptimizeResult, optimize
from ..optimize.robust import DEFAULT_DRAWS, STATISTICS
from ..optimize.study import DEFAULT_STUDY, GAP_TOL, OBJECTIVES, SAMPLERS, default_storage_path, trial_outputs
from ._app import app, console, err_console, load_scenario
from .evaluate import fmt, table


@app.command("optimize")
def optimize_command(
    scenario: Annotated[Optional[Path], typer.Argument(help="Scenario TOML (default: the built-in scenario); its \\[search] table is the search space.")] = None,
    trials: Annotated[int, typer.Option("--trials", "-n", help="Most trials to add to the study (it stops earlier at --gap-tol or --patience).")] = 300,
    gap_tol: Annotated[float, typer.Option("--gap-tol", help="Stop once the best design is within this fraction of the exact optimum (0: never stop early).")] = GAP_TOL,
    patience: Annotated[Optional[int], typer.Option(help="Stop after this many trials without a better design.")] = None,
    storage: Annotated[Optional[str], typer.Option(help="Optuna storage URL (default: <study>.optuna.journal in the working directory).")] = None,
    study: Annotated[str, typer.Option("--study", help="Study name; the same name continues the study.")] = DEFAULT_STUDY,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write trials (CSV, Parquet), the best design as a scenario TOML and plots (PNG, HTML) here.")] = None,
    sampler: Annotated[str, typer.Option(help=f"One of {', '.join(SAMPLERS)}.")] = "tpe",
    seed: Annotated[Optional[int], typer.Option(help="Sampler seed.")] = None,
    batch: Annotated[int, typer.Option(help="Trials asked, evaluated in one batch and told together.")] = 16,
    objectives: Annotated[str, typer.Option(help=f"Comma-separated objectives from {', '.join(OBJECTIVES)}; several give a Pareto front.")] = "cost_per_flop",
    parameterisation: Annotated[str, typer.Option(help="hybrid: search the choices and global variables, size the array, radiator and battery exactly; plain: search every variable as written.")] = "hybrid",
    polish: Annotated[bool, typer.Option("--polish/--no-polish", help="Polish each new best design locally and try the result as the next trial (hybrid, nominal cost).")] = True,
    robust: Annotated[Optional[str], typer.Option(help=f"Optimise a statistic of cost per FLOP over the scenario's uncertainty: {', '.join(STATISTICS)}.")] = None,
    draws: Annotated[int, typer.Option(help="Draws of the uncertainty for --robust (the same draws for every trial).")] = DEFAULT_DRAWS,
    tier: Annotated[str, typer.Option(help="analytic, or mission: objectives from the day-by-day lifetime simulation (constraints stay the analytic worst case).")] = "analytic",
    verbose: Annotated[bool, typer.Option("--verbose", help="Show Optuna's log line for every trial.")] = False,
) -> None:
    """Optimise the design: minimum cost per delivered FLOP subject to the power, battery, thermal
    and launch-mass constraints, against the exact optimum. Running the same command again
    continues the study."""
    sc = load_scenario(scenario)
    if out is not None:  # before the study runs, not after
        from .._extras import require

        for module in ("matplotlib", "plotly", "pyarrow"):
            require(module, "the plots and tables of --out")
    where = storage or str(default_storage_path(study))
    try:
        with Progress(TextColumn("[bold]optimising[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("trials"), TextColumn("{task.fields[best]}"),
                      TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task("optimise", total=trials, best="computing the exact optimum")

            def progress(p) -> None:
                bar.update(task, completed=p.done, best=_progress_text(p, objectives))

            res = optimize(sc, trials, storage=where, study_name=study, sampler=sampler, seed=seed, objectives=objectives,
                           batch_size=batch, parameterisation=parameterisation, tier=tier, gap_tol=gap_tol if gap_tol > 0 else None,
                           patience=patience, polish=polish, robust=robust, draws=draws, verbose=verbose, callback=progress)
    except ValueError as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    report(res, where)
    if out is not None:
        written = write_outputs(res, out)
        console.print(f"wrote {len(written)} files to {escape(str(out))}")


def _progress_text(p, objectives: str) -> str:
    if p.best_value is None:
        return "no feasible design yet"
    if "," in objectives:
        return f"hypervolume ratio {p.best_value:.4f}" if p.gap is not None else ""
    text = f"best {p.best_value:.4g} USD/FLOP"
    if p.gap is not None:
        text += f", {100 * p.gap:.3f} % above the exact optimum"
    return text


STOPPED = {"gap": "within the gap tolerance of the exact optimum", "patience": "no better design for --patience trials", "trials": "the trial budget ran out"}


def report(res: OptimizeResult, where: str) -> None:
    """Print the best design (or knee point and Pareto front), its margins, cost breakdown,
    comparison with the ground and its gap to the exact optimum."""
    n_all = len(res.study.trials)
    console.print(f"study [bold]{escape(res.study.study_name)}[/] in {escape(where)}: {res.n_trials} complete trials ({n_all} in all); "
                  f"this run added {res.trials_run} in {res.seconds:.1f} s and stopped: {STOPPED.get(res.stopped, res.stopped)}")
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
    d = res.best.design
    rows = {"array_area_m2": d.array_area_m2, "radiator_area_m2": d.radiator_area_m2, "battery_energy_j": d.battery_energy_j or 0.0,
            "racks": float(d.racks), "spare_racks": float(d.spare_racks)}
    console.print(table(title, rows))
    extra = {k: v for k, v in res.best.params.items() if k not in rows and not isinstance(v, str)}
    if extra:
        from .. import _core
        from ..model import OUTPUT_UNITS

        units = {**OUTPUT_UNITS, **{p["name"]: p["unit"] for p in _core.PARAMS}}
        console.print(table("Other searched values", extra, units))
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
    ref = res.reference
    if ref is not None:
        how = "; ".join(f"{k} {v['method']}" for k, v in ref.methods.items())
        console.print(f"exact optimum (certificate over the whole search space, {ref.seconds:.1f} s; {escape(how)}): "
                      f"{ref.cost_per_flop_usd:.6g} USD/FLOP at {ref.design.racks:g} racks + {ref.design.spare_racks:g} spares")
        if res.gap is not None and res.robust is None:
            if res.gap < 0:
                # the certificate is the lowest point its searches found on the floor of a
                # kinked valley; the hybrid search can land a hair lower
                console.print(f"gap of the best design to the exact optimum: [bold]{100 * res.gap:.2g} %[/] (the search found a "
                              "design a hair below the certificate's, which is exact to the precision of its final direct search)")
            else:
                console.print(f"gap of the best design to the exact optimum: [bold]{100 * res.gap:.3f} %[/]")
    for name, side, value in res.on_bounds:
        console.print(f"[yellow]the best design's {escape(name)} = {value:g} lies on the {side} bound of its search range: "
                      "the optimum may lie beyond it (widen it in the scenario's [search] table)[/]")
    if res.hypervolume_ratio is not None:
        console.print(f"hypervolume ratio of the front found to the exact front: [bold]{res.hypervolume_ratio:.4f}[/]")
    if res.robust is not None:
        r = res.robust
        console.print(f"robust optimum ({r.statistic} of cost per FLOP over {r.draws} draws): [bold]{r.value:.6g}[/] USD/FLOP "
                      f"(nominal cost {r.robust_nominal_cost_per_flop_usd:.6g}); the nominal optimum on the same draws: {r.nominal_value:.6g} "
                      f"(nominal cost {r.nominal_cost_per_flop_usd:.6g}); designing for the {r.statistic} lowers it by {100 * r.improvement:.2f} %")
    console.print(f"binding constraint: [bold]{ev.binding_constraint}[/]; orbit/ground cost ratio {ev.cost_ratio:.3f}")


def _trial_table(res: OptimizeResult):
    """One row per trial: number, state, objective values, parameters, constraint values (<= 0:
    met), recorded outputs, duration and feasibility (built directly: Optuna's
    trials_dataframe takes a second for a few dozen trials)."""
    import pandas as pd

    from ..optimize.study import CONSTRAINTS

    trials = res.study.trials
    names = res.objectives
    pnames = list(dict.fromkeys(k for t in trials for k in t.params))
    onames = sorted({k for t in trials for k in trial_outputs(t)} - {"feasible"})
    rows = []
    for t in trials:
        row: dict = {"number": t.number, "state": t.state.name}
        vals = t.values or [np.nan] * len(names)
        row.update({f"values_{o}" if len(names) > 1 else "value": v for o, v in zip(names, vals)})
        row.update({f"params_{k}": t.params.get(k) for k in pnames})
        c = t.constraints or {}
        row.update({f"constraints_{k}": c.get(k, np.nan) for k, _, _ in CONSTRAINTS})
        o = trial_outputs(t)
        row.update({k: o.get(k, np.nan) for k in onames})
        d = t.duration
        row["duration_s"] = d.total_seconds() if d is not None else np.nan
        row["feasible"] = bool(c) and all(v <= 0 for v in c.values())
        rows.append(row)
    return pd.DataFrame(rows)


def write_outputs(res: OptimizeResult, out: Path) -> list[Path]:
    """Trials (CSV, Parquet), the best design as a scenario TOML and the plots (PNG via matplotlib,
    HTML via plotly, offline), each written atomically. Needs the plots and parquet extras."""
    from .._extras import require
    from .._figures import graph_objects, pyplot, save_html, save_png
    from .._labels import label, words

    plt = pyplot()
    go = graph_objects()
    pa = require("pyarrow", "Parquet trial tables")
    pq = require("pyarrow.parquet", "Parquet trial tables")
    per_day = 1e15 * 86400.0  # FLOP in a PFLOP/s-day: costs per FLOP are plotted per PFLOP/s-day
    cost_axis = "cost per delivered compute (USD per PFLOP/s-day)"

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
        save_png(mfig, out / f"{name}.png", bbox_inches="tight")
        save_html(pfig, out / f"{name}.html")
        written.extend([out / f"{name}.png", out / f"{name}.html"])

    written.append(out / "plotly.min.js")

    complete = [t for t in res.study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    feas = [t for t in complete if t.constraints and all(v <= 0 for v in t.constraints.values())]
    # optimisation history: cost per FLOP of every trial and the best feasible so far
    num = [t.number for t in complete]
    cpf = [trial_outputs(t).get("cost_per_flop_usd", np.nan) * per_day for t in complete]
    ok = [bool(t.constraints) and all(v <= 0 for v in t.constraints.values()) for t in complete]
    best, cur = [], np.inf
    for c, f in zip(cpf, ok):
        cur = min(cur, c) if f else cur
        best.append(cur if np.isfinite(cur) else np.nan)
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    ax.scatter([n for n, f in zip(num, ok) if not f], [c for c, f in zip(cpf, ok) if not f], s=8, c="lightgrey", label="infeasible")
    ax.scatter([n for n, f in zip(num, ok) if f], [c for c, f in zip(cpf, ok) if f], s=8, c="tab:blue", label="feasible")
    ax.plot(num, best, c="tab:red", drawstyle="steps-post", label="best feasible")
    traces = [go.Scatter(x=num, y=cpf, mode="markers", marker=dict(color=["#1f77b4" if f else "#cccccc" for f in ok]), name="trials"),
              go.Scatter(x=num, y=best, mode="lines", line=dict(shape="hv"), name="best feasible")]
    if res.reference is not None and len(res.objectives) == 1 and res.robust is None and num:
        ref = res.reference.cost_per_flop_usd * per_day
        ax.axhline(ref, c="k", ls="--", lw=1, label="exact optimum")
        traces.append(go.Scatter(x=[min(num), max(num)], y=[ref] * 2, mode="lines", line=dict(dash="dash", color="black"), name="exact optimum"))
    ax.set_yscale("log"); ax.set_xlabel("trial"); ax.set_ylabel(cost_axis); ax.legend()
    pf = go.Figure(traces)
    pf.update_layout(title="Optimisation history", xaxis_title="trial", yaxis_title=cost_axis, yaxis_type="log")
    save("history", fig, pf)
    # Pareto front: cost per FLOP against delivered compute over the feasible trials
    if feas:
        x = np.array([trial_outputs(t).get("delivered_flops", np.nan) for t in feas]) / 1e15
        y = np.array([trial_outputs(t).get("cost_per_flop_usd", np.nan) for t in feas]) * per_day
        nd = [i for i in range(len(feas)) if not np.any((x >= x[i]) & (y <= y[i]) & ((x > x[i]) | (y < y[i])))]
        nd.sort(key=lambda i: x[i])
        fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
        ax.scatter(x, y, s=8, c="lightgrey", label="feasible trials")
        ax.plot(x[nd], y[nd], "o-", c="tab:red", ms=4, label="Pareto front")
        if res.best is not None:
            ax.scatter([res.best.evaluation.delivered_flops / 1e15], [res.best.evaluation.cost_per_flop_usd * per_day], marker="*", s=150, c="gold", edgecolors="k", zorder=5, label="best" if not res.pareto else "knee")
        ax.set_xlabel("delivered compute (PFLOP/s)"); ax.set_ylabel(cost_axis); ax.legend()
        pf = go.Figure([go.Scatter(x=x, y=y, mode="markers", name="feasible trials", marker=dict(color="#cccccc")),
                        go.Scatter(x=x[nd], y=y[nd], mode="lines+markers", name="Pareto front")])
        pf.update_layout(title="Cost per FLOP against delivered compute", xaxis_title="delivered compute (PFLOP/s)", yaxis_title=cost_axis)
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
            names, vals = [label(n) for n in imp][::-1], list(imp.values())[::-1]
            fig, ax = plt.subplots(figsize=(7, 0.8 + 0.4 * len(names)), layout="constrained")
            ax.barh(names, vals); ax.set_xlabel(f"share of the variation of {words(OBJECTIVES[res.objectives[0]][0])} (Optuna PED-ANOVA)")
            pf = go.Figure(go.Bar(x=vals, y=names, orientation="h"))
            pf.update_layout(title="Parameter importances (Optuna PED-ANOVA)", xaxis_title="importance")
            save("importances", fig, pf)
    # cost breakdown of the best design
    if res.best is not None:
        costs = res.best.evaluation.costs
        names, musd = [label(k).removesuffix(" (USD)") for k in costs], [v / 1e6 for v in costs.values()]
        fig, ax = plt.subplots(figsize=(7, 0.8 + 0.4 * len(costs)), layout="constrained")
        ax.barh(names, musd); ax.set_xlabel("capital cost (million USD)")
        pf = go.Figure(go.Bar(x=musd, y=names, orientation="h"))
        pf.update_layout(title="Capital cost breakdown of the best design", xaxis_title="capital cost (million USD)")
        save("cost_breakdown", fig, pf)
    return written

