"""The Typer application and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from .._core import InvalidInputError, Scenario

app = typer.Typer(
    name="orbitflops",
    help="Cost per FLOP of AI compute in orbit, against the ground.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console()
err_console = Console(stderr=True)


def load_scenario(path: Path | None) -> Scenario:
    """The scenario at ``path``, or the default scenario; a bad file exits with status 2 and a
    message naming the key."""
    try:
        return Scenario.default() if path is None else Scenario.from_toml(path)
    except (InvalidInputError, TypeError, OSError) as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None


@app.callback()
def _root() -> None:
    """Cost per FLOP of AI compute in orbit, against the ground."""
