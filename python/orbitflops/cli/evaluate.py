"""``orbitflops evaluate``: a readable breakdown of one design, or JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from ..model import OUTPUT_UNITS, Evaluation, evaluate
from ._app import app, console, load_scenario


def render(ev: Evaluation) -> None:
    """Print the tables of one evaluation."""
    from .._display import evaluation_sections, table, verdict

    for s in evaluation_sections(ev):
        console.print(table(s.title, s.rows, s.header))
    console.print(("[green]" if ev.is_feasible else "[red]") + escape(verdict(ev)).replace("feasible;", "feasible[/];", 1))


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
