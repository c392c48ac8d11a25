"""``orbitflops sweep``: evaluate a grid, Latin hypercube or Sobol sequence over the design space
and write Parquet, in chunks (bounded memory), optionally on a Dask cluster."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..sweep import DEFAULT_CHUNK, METHODS, sweep
from ._app import app, console, err_console, load_scenario


@app.command("sweep")
def sweep_command(
    scenario: Annotated[Optional[Path], typer.Argument(help="Scenario TOML (default: the built-in scenario); its \\[search] table gives the ranges.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Parquet file (a directory of parts with --dask).")] = Path("sweep.parquet"),
    method: Annotated[str, typer.Option(help=f"One of {', '.join(METHODS)}.")] = "lhs",
    n: Annotated[Optional[int], typer.Option("--n", help="Number of designs (lhs, sobol).")] = None,
    points: Annotated[Optional[int], typer.Option(help="Points per variable (grid).")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed (lhs, sobol).")] = None,
    chunk_size: Annotated[int, typer.Option(help="Designs per evaluate_batch call and Parquet row group.")] = DEFAULT_CHUNK,
    variables: Annotated[Optional[str], typer.Option(help="Comma-separated subset of the \\[search] variables.")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Run on a Dask cluster: a scheduler address, or 'local' for a local cluster (needs orbitflops\\[dask]).")] = None,
) -> None:
    """Evaluate many designs over the scenario's search space and write them to Parquet."""
    sc = load_scenario(scenario)
    client = None
    cluster = None
    if dask is not None:
        from .._extras import require

        distributed = require("dask.distributed", "Dask sweeps (--dask)")
        Client, LocalCluster = distributed.Client, distributed.LocalCluster
        if dask == "local":
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(dask)
    try:
        with Progress(TextColumn("sweep"), BarColumn(), MofNCompleteColumn(), TextColumn("chunks"), TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task("sweep", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            res = sweep(sc, out, method=method, n=n, points=points, seed=seed, chunk_size=chunk_size,
                        variables=None if variables is None else [v.strip() for v in variables.split(",") if v.strip()],
                        client=client, progress=progress)
    except ValueError as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    console.print(f"{res.n_designs:,} designs ({res.n_feasible:,} feasible) over {', '.join(res.variables)} in {res.n_chunks} chunks -> {escape(str(res.path))}")
