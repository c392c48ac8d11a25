"""``orbitflops evaluate``: a readable breakdown of one design, or JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..model import OUTPUT_UNITS, Evaluation, evaluate
from ._app import app, console, load_scenario


def fmt(v: float) -> str:
    if isinstance(v, float) and (math.isinf(v) or math.isnan(v)):
        return str(v)
    a = abs(v)
    if a != 0 and (a >= 1e6 or a < 1e-3):
        return f"{v:.4e}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def table(title: str, rows: dict[str, float], units: dict[str, str] | None = None) -> Table:
    t = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    t.add_column("quantity")
    t.add_column("value", justify="right")
    t.add_column("unit")
    for k, v in rows.items():
        t.add_row(k, fmt(v), (units or OUTPUT_UNITS).get(k, ""))
    return t


def render(ev: Evaluation) -> None:
    """Print the tables of one evaluation."""
    d = ev.to_dict()
    console.print(table("Design", ev.group("design")))
    console.print(table("Orbit", ev.group("orbit")))
    console.print(table("Power and storage", ev.group("power")))
    console.print(table("Thermal chain (chip -> coolant -> radiator)", ev.thermal_chain, {**OUTPUT_UNITS, "cold_plate_dt_k": "K", "coolant_loop_dt_k": "K"}))
    wf = Table(title="Delivered-compute waterfall", title_justify="left", header_style="bold")
    wf.add_column("step")
    wf.add_column("FLOP/s", justify="right")
    wf.add_column("kept", justify="right")
    prev = None
    for step, v in ev.waterfall.items():
        wf.add_row(step, fmt(v), "" if prev in (None, 0) else f"{v / prev:.3f}")
        prev = v
    console.print(wf)
    console.print(table("Mass", ev.masses))
    console.print(table("Capital cost", ev.costs))
    console.print(table("Cost per FLOP", {k: d[k] for k in ("pv_cost_usd", "pv_flop", "cost_per_flop_usd", "usd_per_pflops_day", "usd_per_accelerator_hour", "capex_ex_it_usd_per_w", "launch_usd_per_kw_yr", "annualised_cost_usd_per_yr")}))
    console.print(table("Ground with the same racks", ev.ground))
    console.print(table("Constraint margins (feasible when >= 0)", ev.margins))
    verdict = "[green]feasible[/]" if ev.is_feasible else "[red]infeasible[/]"
    console.print(f"{verdict}; binding constraint: [bold]{ev.binding_constraint}[/]; orbit/ground cost ratio {d['cost_ratio']:.3f}")


@app.command("evaluate")
def evaluate_cmd(
    scenario: Annotated[Optional[Path], typer.Argument(help="Scenario TOML file (default: the built-in default scenario).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every output as JSON instead of tables.")] = False,
) -> None:
    """Evaluate the scenario's design and explain the result."""
    s = load_scenario(scenario)
    ev = evaluate(s.design, s)
    if as_json:
        d = ev.to_dict()
        out = {
            "design": s.design.to_dict(),
            "outputs": {k: (v if math.isfinite(v) else str(v)) for k, v in d.items()},
            "binding_constraint": ev.binding_constraint,
            "feasible": ev.is_feasible,
            "units": OUTPUT_UNITS,
        }
        typer.echo(json.dumps(out, indent=2))
    else:
        render(ev)
