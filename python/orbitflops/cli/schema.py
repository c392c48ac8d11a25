"""``orbitflops schema``: the JSON Schema (draft 2020-12) of scenario files, generated from the
model's parameter table, for editors and validators."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ._app import app, console


@app.command("schema")
def schema_cmd(
    out: Path | None = typer.Option(None, "--out", help="Write the schema to this file instead of printing it."),
) -> None:
    """Print the JSON Schema of scenario files: every section, key, unit, valid range, preset
    and default."""
    from ..schema import scenario_schema

    text = json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    from .._io import atomic_write_text

    atomic_write_text(out, text)
    console.print(f"wrote {out}")
