"""``orbitflops assumptions``: every numeric assumption of a scenario with its value, unit, valid
range and source, so that anyone can audit them."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ._app import app, console, err_console, load_scenario
from .evaluate import fmt


@app.command("assumptions")
def assumptions_cmd(
    scenario_path: Path | None = typer.Argument(None, metavar="SCENARIO.toml", help="Scenario file (default: the built-in scenario)."),
    section: str | None = typer.Option(None, "--section", help="Only this section (e.g. ground, market, launch)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON records instead of a table."),
    csv: Path | None = typer.Option(None, "--csv", help="Also write the list as CSV to this file."),
) -> None:
    """List each assumption: section, name, value, unit, valid range and source."""
    from ..model import assumptions

    s = load_scenario(scenario_path)
    rows = assumptions(s)
    sections = sorted({r["section"] for r in rows})
    if section is not None:
        if section not in sections:
            err_console.print(f"[bold red]error:[/] --section {escape(repr(section))}: must be one of {', '.join(sections)}")
            raise typer.Exit(2)
        rows = [r for r in rows if r["section"] == section]
    keys = ["section", "name", "value", "unit", "range", "source"]
    if csv is not None:
        import pandas as pd

        from .._io import atomic_write_text

        atomic_write_text(csv, pd.DataFrame([{k: r[k] for k in keys} for r in rows]).to_csv(index=False))
    if as_json:
        print(json.dumps([{k: r[k] for k in keys} for r in rows], indent=2))
        return
    t = Table(title=f"Assumptions ({len(rows)})", title_justify="left", header_style="bold", show_lines=False)
    for k in keys:
        t.add_column(k, justify="right" if k == "value" else "left", overflow="fold")
    for r in rows:
        t.add_row(r["section"], r["name"], fmt(r["value"]), r["unit"], r["range"], r["source"])
    console.print(t)
