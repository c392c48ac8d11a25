"""``orbitflops compare``: orbit against the ground with the same racks: each cost line side by
side, the break-even launch price, the year of parity on the launch learning curve, the Monte
Carlo probability that orbit is cheaper by a year, Sobol indices, a tornado, what would have to be
true, the ground baselines with CO2 per FLOP; tables on screen, files in ``--out``."""

from __future__ import annotations

import json
import math
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from .._core import InvalidInputError
from .._extras import MissingExtraError, available, require
from ._app import app, console, err_console, load_scenario
from .evaluate import fmt


def _df_table(title: str, df, cols: list[str] | None = None) -> Table:
    t = Table(title=title, title_justify="left", header_style="bold")
    cols = cols or list(df.columns)
    for c in cols:
        t.add_column(c, justify="left" if df[c].dtype == object else "right")
    for _, row in df.iterrows():
        cells = []
        for c in cols:
            v = row[c]
            if c == "year":
                cells.append(f"{v:.0f}")
            elif isinstance(v, float):
                cells.append("never" if v == math.inf else "already" if v == -math.inf else "-" if math.isnan(v) else fmt(v))
            else:
                cells.append(str(v))
        t.add_row(*cells)
    return t


@app.command("compare")
def compare_cmd(
    scenario_path: Path | None = typer.Argument(None, metavar="SCENARIO.toml", help="Scenario file (default: the built-in scenario)."),
    year: int = typer.Option(2029, "--year", help="Calendar year asked about: ratio for a system bought at its start; probability of orbit being cheaper by its end."),
    draws: int = typer.Option(100_000, "--draws", help="Monte Carlo draws (0: no Monte Carlo, Sobol or tornado)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the Monte Carlo and Sobol samples."),
    sobol_n: int | None = typer.Option(None, "--sobol-n", show_default=False, help="Sobol base sample size (power of 2; 0 skips Sobol). Default: 1024 with the analysis extra installed (SALib), otherwise skipped with a note."),
    fixed_design: bool = typer.Option(False, "--fixed-design", help="Compare the scenario's \\[design] as written instead of the closed-form sized design for its rack count."),
    out: Path | None = typer.Option(None, "--out", help="Write tables (CSV), figures (PNG, HTML), summary.json, report.md and a self-contained report.html here."),
    no_plots: bool = typer.Option(False, "--no-plots", help="With --out: skip the figures."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON instead of tables."),
) -> None:
    """Orbit against ground: is orbit cheaper per delivered FLOP, at which launch price, from which
    year, and how sure is that?"""
    from ..compare import compare
    from ..compare.report import headline, write_report

    s = load_scenario(scenario_path)
    if out is not None and not no_plots:
        for module in ("matplotlib", "plotly"):
            require(module, "figures (skip them with --no-plots)")
    if sobol_n is None:
        sobol_n = 1024 if available("SALib") else 0
        if not sobol_n and draws:
            err_console.print(f"note: Sobol indices skipped: {escape(str(MissingExtraError('they', 'SALib')))}", soft_wrap=True)
    try:
        c = compare(s, s.design if fixed_design else None, year=float(year), draws=draws, seed=seed, sobol_n=sobol_n)
    except (InvalidInputError, ValueError, TypeError) as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(c.summary(), indent=2))
    else:
        lines = c.lines.copy()
        pf = 1e15 * 86400.0
        lines["orbit_usd_per_pflops_day"] = lines["orbit_usd_per_flop"] * pf
        lines["ground_usd_per_pflops_day"] = lines["ground_usd_per_flop"] * pf
        console.print(
            _df_table(
                f"Orbit and ground, {c.design.racks} racks, present value",
                lines,
                ["line", "orbit_usd", "ground_usd", "orbit_usd_per_pflops_day", "ground_usd_per_pflops_day"],
            )
        )
        console.print(_df_table("Ground baselines and CO2-equivalent", c.baselines, ["option", "electricity_usd_per_kwh", "usd_per_pflops_day", "orbit_over_this", "co2_kg_per_pflops_day"]))
        console.print(_df_table("What would have to be true (each alone)", c.thresholds, ["name", "unit", "value", "threshold", "orbit_wins", "factor"]))
        if c.monte_carlo is not None:
            ref = int(c.scenario.params()["learning_ref_year"])
            years = sorted({*range(ref, ref + 16, 2), int(year)})
            band = c.monte_carlo.ratio_band(years)
            console.print(_df_table("Cost ratio by year of purchase (Monte Carlo; p_orbit_cheaper: share of draws)", band))
        if c.sobol is not None:
            console.print(_df_table("Sobol indices of the cost ratio", c.sobol.head(8)))
        if c.tornado is not None:
            console.print(_df_table("Tornado: orbit cost per FLOP at P10 / P90", c.tornado.head(8), ["name", "low_value", "high_value", "output_at_low", "output_at_high"]))
        for h in headline(c):
            console.print(f"- {escape(h)}")
    if out is not None:
        try:
            paths = write_report(c, out, plots=not no_plots)
        except (OSError, ValueError) as e:
            err_console.print(f"[bold red]error:[/] {escape(str(e))}")
            raise typer.Exit(1) from None
        (err_console if as_json else console).print(f"wrote {len(paths)} files to {escape(str(out))} (report: {escape(str(paths['report.html']))})")
