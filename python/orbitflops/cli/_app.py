"""The Typer application and helpers shared by the commands."""

from __future__ import annotations

import importlib
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from .._core import InvalidInputError, Scenario
from .._extras import MissingExtraError

# Every command: its module under orbitflops.cli and the help line `orbitflops --help` lists (the
# first paragraph of the command's docstring, on one line; a test keeps the two the same).
COMMANDS: dict[str, tuple[str, str]] = {
    "evaluate": ("evaluate", "Evaluate the scenario's design and explain the result."),
    "orbit": ("orbit", "Sun-synchronous orbit summary: period, inclination, beta range and the eclipse season "
                       "(cylindrical Earth shadow, every day of the year at 12h UT)."),
    "sweep": ("sweep", "Evaluate many designs over the scenario's search space and write them to Parquet."),
    "optimize": ("optimize", "Optimise the design: minimum cost per delivered FLOP subject to the power, battery, thermal "
                             "and launch-mass constraints, against the exact optimum. Running the same command again "
                             "continues the study."),
    "worker": ("worker", "Run trials of a shared study until it holds its target number of trials."),
    "compare": ("compare", "Orbit against ground: is orbit cheaper per delivered FLOP, from which year, how sure is that, "
                           "and do the article's claims hold?"),
    "assumptions": ("assumptions", "List each assumption: section, name, value, unit, valid range and source."),
    "schema": ("schema", "Print the JSON Schema of scenario files: every section, key, unit, valid range, preset and default."),
}


class Commands(TyperGroup):
    """The command group. A command's module, and the libraries it needs (Optuna, pandas, SciPy,
    matplotlib), is imported only when that command runs or shows its own help: listing the
    commands in ``orbitflops --help`` reads their help lines from :data:`COMMANDS`."""

    _listing = False

    def list_commands(self, ctx) -> list[str]:
        return [*COMMANDS, *(n for n in self.commands if n not in COMMANDS)]

    def get_command(self, ctx, cmd_name: str):
        if cmd_name in COMMANDS:
            if self._listing:
                return TyperCommand(name=cmd_name, help=COMMANDS[cmd_name][1])
            if cmd_name not in self.commands:
                self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except Exception as e:  # click's UsageError for an unknown command: suggest the nearest names
            message = getattr(e, "message", None)
            if isinstance(message, str) and args and getattr(self, "suggest_commands", True) and "Did you mean" not in message:
                import difflib

                matches = difflib.get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    e.message = f"{message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MissingExtraError as e:
            err_console.print(f"[bold red]error:[/] {escape(str(e))}", soft_wrap=True)
            raise typer.Exit(2) from None

    def format_help(self, ctx, formatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def load_command(name: str):
    """The click command ``name``, its module imported (which registers it on :data:`app`)."""
    importlib.import_module(f"{__package__}.{COMMANDS[name][0]}")
    return typer.main.get_group(app).commands[name]


app = typer.Typer(
    name="orbitflops",
    help="Cost per FLOP of AI compute in orbit, against the ground.",
    cls=Commands,
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


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"orbitflops {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Cost per FLOP of AI compute in orbit, against the ground."""
