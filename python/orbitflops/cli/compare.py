"""``orbitflops compare``: orbit against the ground with the same racks: the seed article's claims
one by one, each cost line side by side, the break-even launch price, the year of parity with
every price on its learning curve or trend, the Monte Carlo probability that orbit is cheaper by
a year, Sobol indices, a tornado, what would have to be true, the ground baselines with CO2 per
FLOP; tables on screen, files in ``--out``. ``--camps`` puts the camps of the debate side by
side."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer
from rich.markup import escape
from rich.table import Table

from .._core import InvalidInputError
from .._extras import MissingExtraError, available, require
from ._app import app, console, err_console, load_scenario

if TYPE_CHECKING:
    import pandas as pd


def _table(title: str, df: pd.DataFrame) -> Table:
    """A table of strings, every column wrapping rather than cut."""
    t = Table(title=title, title_justify="left", header_style="bold", show_lines=False)
    for c in df.columns:
        numeric = c not in ("Line", "Option", "What", "Assumption", "With", "Claim", "Article", "Model", "P10-P90", "Verdict", "Why", "Distribution", "Source", "Camp")
        t.add_column(str(c), justify="right" if numeric else "left", overflow="fold")
    for row in df.itertuples(index=False):
        t.add_row(*(escape(str(v)) for v in row))
    return t


def _camps(paths: list[Path], year: int, draws: int, seed: int, region: str, as_json: bool) -> None:
    from ..compare.camps import compare_camps
    from ..compare.comparison import CLAIM_DEADLINE_YEAR, _json
    from ..compare.labels import fmt, fmt_param

    t0 = time.perf_counter()
    try:
        with console.status("Comparing the camps...") if not as_json else _Null():
            table, comps = compare_camps(paths or None, year=float(year), draws=draws, seed=seed, region=region)
    except FileNotFoundError as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    except (InvalidInputError, ValueError, TypeError) as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    secs = time.perf_counter() - t0
    if as_json:
        print(json.dumps(_json({"claim_deadline_year": CLAIM_DEADLINE_YEAR, "draws": draws, "seed": seed, "seconds": secs, "camps": table.to_dict("records")}), indent=2))
        return
    import pandas as pd


    def yr(y: float) -> str:
        return f"not by {comps[next(iter(comps))].horizon_year:.0f}" if math.isinf(y) else f"{y:.1f}"

    rows = {
        "Ratio orbit / ground today": [fmt(v) for v in table["cost_ratio"]],
        "Break-even launch price (USD/kg)": [fmt(v) if v >= 0 else "none" for v in table["breakeven_launch_usd_per_kg"]],
        "Parity year": [yr(v) for v in table["parity_year"]],
        f"Probability by {CLAIM_DEADLINE_YEAR:.1f}": [("-" if math.isnan(v) else f"{v:.1%}") for v in table["p_cheaper_by_claim_deadline"]],
        "Ratio P5": [fmt(v) for v in table["cost_ratio_p05"]],
        "Ratio P50": [fmt(v) for v in table["cost_ratio_p50"]],
        "Ratio P95": [fmt(v) for v in table["cost_ratio_p95"]],
        "Racks": [str(r) for r in table["racks"]],
        "In eclipse": [fmt_param("strategy", s) for s in table["strategy"]],
    }
    shown = pd.DataFrame({"Camp": list(rows), **{c: [v[i] for v in rows.values()] for i, c in enumerate(table["camp"])}})
    console.print(_table("The camps of the debate, each against the ground (Monte Carlo around each camp's own values; break-even none: orbit dearer at any launch price)", shown))
    for _, r in table.iterrows():
        console.print(f"- {escape(r['camp'])}: {escape(r['file'])}")
    console.print(f"Compared {len(table)} camps with {draws:,} draws each in {secs:.1f} s.")


class _Null:
    def __enter__(self) -> _Null:
        return self

    def __exit__(self, *a: object) -> Literal[False]:
        return False


@app.command("compare")
def compare_cmd(
    scenario_paths: list[Path] | None = typer.Argument(None, metavar="SCENARIO.toml ...", help="Scenario file (default: the built-in scenario); with --camps, the camp files (default: the camp files that ship with the package)."),
    year: int = typer.Option(2029, "--year", help="Calendar year asked about: ratio for a system bought at its start; probability of orbit being cheaper by its end."),
    draws: int = typer.Option(100_000, "--draws", help="Monte Carlo draws (0: no Monte Carlo, Sobol or tornado)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the Monte Carlo and Sobol samples."),
    sobol_n: int | None = typer.Option(None, "--sobol-n", show_default=False, help="Sobol base sample size (power of 2; 0 skips Sobol). Default: 1024 with the analysis extra installed (SALib), otherwise skipped with a note."),
    region: str = typer.Option("us_average", "--region", help="Ground solar site of the article's solar claim: us_average, us_southwest, california, global_new or germany."),
    fixed_design: bool = typer.Option(False, "--fixed-design", help="Compare the scenario's \\[design] as written instead of the best design for the scenario."),
    camps: bool = typer.Option(False, "--camps", help="Put the camps of the debate side by side (the files given, or the skeptic, middle, optimist and article camps that ship with the package)."),
    out: Path | None = typer.Option(None, "--out", help="Write tables (CSV), figures (PNG, HTML), summary.json, report.md and a self-contained report.html here."),
    no_plots: bool = typer.Option(False, "--no-plots", help="With --out: skip the figures."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON instead of tables."),
) -> None:
    """Orbit against ground: is orbit cheaper per delivered FLOP, from which year, how sure is
    that, and do the article's claims hold?"""
    paths = list(scenario_paths or [])
    if camps:
        _camps(paths, year, draws, seed, region, as_json)
        return
    if len(paths) > 1:
        err_console.print("[bold red]error:[/] one scenario file at a time (several files: use --camps to put them side by side)")
        raise typer.Exit(2)
    from ..compare import compare
    from ..compare.report import display_tables, headline, write_report

    s = load_scenario(paths[0] if paths else None)
    if out is not None and not no_plots:
        for module in ("matplotlib", "plotly"):
            require(module, "figures (skip them with --no-plots)")
    if sobol_n is None:
        sobol_n = 1024 if available("SALib") else 0
        if not sobol_n and draws:
            err_console.print(f"note: Sobol indices skipped: {escape(str(MissingExtraError('they', 'SALib')))}", soft_wrap=True)
    t0 = time.perf_counter()
    try:
        with console.status("Comparing orbit with the ground...") if not as_json else _Null():
            c = compare(s, s.design if fixed_design else None, year=float(year), draws=draws, seed=seed, sobol_n=sobol_n, region=region)
    except (InvalidInputError, ValueError, TypeError) as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    secs = time.perf_counter() - t0
    if as_json:
        summary = c.summary()
        summary["seconds"] = secs
        print(json.dumps(summary, indent=2))
    else:
        shown = display_tables(c)
        for name in ("claims", "lines", "baselines", "thresholds", "ratio_band", "sobol", "tornado"):
            if name in shown:
                title, df = shown[name]
                if name in ("sobol", "tornado"):
                    df = df.head(10)
                if name == "claims" and "Why" in df.columns:
                    # The reasons are paragraphs: under the table, numbered, rather than a column
                    # squeezed to a few words a line.
                    short = df.drop(columns="Why")
                    short.insert(0, "", [str(i + 1) for i in range(len(short))])
                    console.print(_table(title, short))
                    for i, why in enumerate(df["Why"]):
                        console.print(f"{i + 1}. {escape(str(why))}")
                    console.print()
                    continue
                console.print(_table(title, df))
        if "correlations" in shown:
            n = len(shown["correlations"][1])
            console.print(f"The Monte Carlo's inputs are correlated ({n} pairs, estimates; each pair with its reason in the report written by --out).")
        for h in headline(c):
            console.print(f"- {escape(h)}")
        console.print(f"Compared in {secs:.2f} s.")
    if out is not None:
        try:
            paths_out = write_report(c, out, plots=not no_plots)
        except (OSError, ValueError) as e:
            err_console.print(f"[bold red]error:[/] {escape(str(e))}")
            raise typer.Exit(1) from None
        (err_console if as_json else console).print(f"wrote {len(paths_out)} files to {escape(str(out))} (report: {escape(str(paths_out['report.html']))})")
