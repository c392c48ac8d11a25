"""Pages of the documentation generated from the package itself, so that they cannot drift from it:

* ``reference/assumptions.md``: every assumption of the default scenario, section by section
  (``orbitflops.assumptions()``), the categorical choices, and the presets (``orbitflops.presets()``);
* ``reference/outputs.md``: every output of an evaluation (``orbitflops._core.OUTPUTS``);
* ``reference/cli.md``: every command of ``orbitflops`` with its usage, arguments and options
  (the click commands behind the Typer application).

mkdocs-gen-files runs this file during ``mkdocs build`` and ``mkdocs serve`` (see mkdocs.yml);
``python docs/_build/gen_pages.py DIR`` writes the same pages to DIR, to read them alone.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import orbitflops as of
from orbitflops import _core
from orbitflops._labels import pretty_unit

SECTION_TITLES = {
    "orbit": "Orbit",
    "solar": "Solar array",
    "power": "Power and storage",
    "thermal": "Thermal",
    "compute": "Compute and reliability",
    "mass": "Mass",
    "launch": "Launch",
    "cost": "Cost",
    "ground": "The ground baseline",
    "market": "Launch market and learning curve",
    "mission": "Mission tier",
}
"""Titles of the scenario file's sections; a section missing here is titled by its name."""

PRESET_KINDS = {
    "cell": "Solar cells",
    "rack": "Compute payloads",
    "launcher": "Launchers",
    "coating": "Radiator coatings",
    "supply": "Ground electricity supplies",
}

OUTPUT_GROUPS = {
    "design": "Design",
    "orbit": "Orbit",
    "power": "Power and storage",
    "thermal": "Thermal",
    "compute": "Compute",
    "mass": "Mass",
    "cost": "Cost",
    "ground": "The ground data centre and the comparison",
    "constraints": "Constraints",
}


# ------------------------------------------------------------------------------------------------
# Formatting


def number(v: Any, sep: bool = True) -> str:
    """A value as people read it: up to six significant figures, thousands separated (unless
    ``sep`` is false), powers of ten written out for very large or small values."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    a = abs(v)
    if a != 0 and (a >= 1e9 or a < 1e-4):
        mantissa, exponent = f"{v:.6g}".split("e") if "e" in f"{v:.6g}" else (f"{v:.6g}", "0")
        return f"{mantissa} × 10<sup>{int(exponent)}</sup>"
    s = f"{v:.6g}"
    if "e" in s:  # 6 significant figures of a value up to 1e9
        s = f"{v:.0f}"
    whole, _, frac = s.partition(".")
    sign = "−" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}" if sep else whole.lstrip("-")
    return sign + whole + (f".{frac}" if frac else "")


def unit(u: str) -> str:
    """A unit for people (``m²``, ``USD/(kW·yr)``); a pure number has none."""
    return pretty_unit(u or "")


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    s = str(text).replace("\n", " ").replace("|", "\\|")
    return s.replace("<", "&lt;").replace(">", "&gt;") if "<sup>" not in s else s


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], align: str | None = None) -> str:
    """A Markdown table; ``align`` gives one character per column (``l`` or ``r``)."""
    align = align or "l" * len(header)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def public_range(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return ""
    return f"{number(low)} – {number(high)}"


def valid_range(r: dict[str, Any]) -> str:
    """The range the model accepts, in interval notation (``[0, 1)``; ``> 0``)."""
    lo, hi = r["low"], r["high"]
    lo_inf, hi_inf = lo is None or math.isinf(lo), hi is None or math.isinf(hi)
    def fmt(v: float) -> str:
        return plain(v) if is_year(r) else number(v, sep=False)

    whole = "whole, " if r.get("integer") else ""
    if lo_inf and hi_inf:
        return "any whole number" if whole else "any number"
    if hi_inf:
        return f"{whole}{'>' if r['low_open'] else '≥'} {fmt(lo)}"
    if lo_inf:
        return f"{whole}{'<' if r['high_open'] else '≤'} {fmt(hi)}"
    return f"{whole}{'(' if r['low_open'] else '['}{fmt(lo)}, {fmt(hi)}{')' if r['high_open'] else ']'}"


def is_year(r: dict[str, Any]) -> bool:
    """A calendar year (written without a thousands separator)."""
    return r["name"].endswith("_year")


def plain(v: float) -> str:
    return f"{v:g}"


def source(text: str) -> str:
    """A source; a preset's (long, shared by its values) becomes a link to the preset."""
    for p in of.presets():
        prefix = f"{p['kind']} preset '{p['name']}': "
        if text.startswith(prefix):
            return f"{p['kind']} preset [`{p['name']}`](#preset-{p['name']})"
    return cell(text)


def position(p: float | None) -> str:
    """Where a value sits in its public range, in words and as a bar of ten steps."""
    if p is None:
        return ""
    if p < 0 or p > 1:
        return "**below the range**" if p < 0 else "**above the range**"
    filled = round(p * 10)
    bar = "▰" * filled + "▱" * (10 - filled)
    return f'<span class="of-bar" title="{p:.2f}">{bar}</span> {round(p * 100)} %'


# ------------------------------------------------------------------------------------------------
# Assumptions


def assumptions_page() -> str:
    scenario = of.Scenario.default()
    rows = of.assumptions(scenario)
    choices = scenario.choices()
    n_public = sum(r["public_low"] is not None for r in rows)
    out = [
        "---\nhide:\n  - navigation\n---\n",
        "# Assumptions\n",
        "Every numeric assumption of the default scenario (`orbitflops.Scenario.default()`), as "
        "`orbitflops.assumptions()` returns it and `orbitflops assumptions` prints it, section by "
        "section as in a scenario file. A scenario file changes any of them by name (see "
        "[scenario files](../schema.md)); [the model](../model.md) explains what each one does.\n",
        f"There are {len(rows)} assumptions. Under each one's description, **valid** is the range the model accepts; **public "
        f"range** is the range that published sources support ({n_public} have one; the others are "
        "design choices, physical constants or conventions), and **position** says where the "
        "default sits in it: 0 % at its low end, 100 % at its high end (read on a log scale for "
        "a range spanning more than a factor of three, as such ranges are quoted). Values marked "
        "*est.* in their source are estimates from the sources named. Where a preset (below) fills "
        "a value, the source is the preset's.\n",
        "This page is generated from the package when the documentation is built.\n",
        "## Choices of the default scenario\n",
        "Categorical choices and presets: a preset sets several values at once (its values, "
        "ranges and sources are [below](#presets)).\n",
    ]
    crow = []
    for c in _core.CHOICES:
        default = choices.get(c["key"], "")
        if c.get("preset"):
            allowed = ", ".join(f"[`{n}`](#preset-{n})" for n in c["names"])
        else:
            allowed = "<br>".join(f"`{n}`: {cell(c.get('name_docs', {}).get(n, ''))}" for n in c["names"])
        crow.append((f"`{c['key']}`", f"`[{c['section']}]`", cell(c["doc"]), f"`{default}`", allowed))
    out.append(table(("choice", "section", "what it chooses", "default", "allowed"), crow))
    sections: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        sections.setdefault(r["section"], []).append(r)
    for section, srows in sections.items():
        out.append(f"## {SECTION_TITLES.get(section, section.capitalize())}\n")
        out.append(f"The `[{section}]` section of a scenario file: {len(srows)} values.\n")
        body = []
        for r in srows:
            body.append((
                f"`{r['name']}`<br>{cell(r['doc'])} <small>Valid: {valid_range(r)}.</small>",
                plain(r["value"]) if is_year(r) else number(r["value"]),
                "" if is_year(r) else unit(r["unit"]),
                public_range(r["public_low"], r["public_high"]),
                position(r["position"]),
                source(r["source"]),
            ))
        out.append(table(("parameter", "value", "unit", "public range", "position", "source"), body, "lrllll"))
    out.append("## Presets\n")
    out.append("Named sets of values. Choosing one in a scenario file (`cell = \"gaas_tj\"`) sets all "
               "of its values; a value given by name as well overrides the preset's. The default "
               "scenario's choice is marked.\n")
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for p in of.presets():
        by_kind.setdefault(p["kind"], []).append(p)
    for kind, presets in by_kind.items():
        out.append(f"### {PRESET_KINDS.get(kind, kind.capitalize())} (`{kind}`)\n")
        for p in presets:
            mark = " (default)" if choices.get(kind) == p["name"] else ""
            out.append(f"#### `{p['name']}`{mark} {{ #preset-{p['name']} }}\n")
            out.append(f"{p['description']}.\n" if not p["description"].endswith(".") else f"{p['description']}\n")
            units = {a["name"]: a["unit"] for a in rows}
            body = []
            for name, value in p["values"].items():
                lo_hi = p["ranges"].get(name)
                body.append((f"`{name}`", number(value), unit(units.get(name, "")),
                             public_range(*lo_hi) if lo_hi else ""))
            out.append(table(("name", "value", "unit", "public range"), body, "lrll"))
            out.append(f"**Source:** {cell(p['source'])}\n")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------
# Outputs


def outputs_page() -> str:
    outputs = list(_core.OUTPUTS)
    assert [o["name"] for o in outputs] == list(of.OUTPUT_NAMES)
    default = set(of.DEFAULT_BATCH_OUTPUTS)
    out = [
        "# Outputs\n",
        f"Every output of an evaluation: {len(outputs)} quantities, in SI units with the unit in "
        "the name. [`evaluate`][orbitflops.evaluate] returns them all as attributes of an "
        "[`Evaluation`][orbitflops.Evaluation] (and grouped: `ev.masses`, `ev.costs`, "
        "`ev.margins`, ...); [`evaluate_batch`][orbitflops.evaluate_batch] returns the ones "
        "marked ✓ unless asked for others by name (`outputs=[...]`) or all (`outputs=\"all\"`). "
        "The names are `orbitflops.OUTPUT_NAMES`, their units `orbitflops.OUTPUT_UNITS`; "
        "[the model](../model.md) gives each equation.\n",
        "This page is generated from the package when the documentation is built.\n",
    ]
    groups: dict[str, list[dict[str, Any]]] = {}
    for o in outputs:
        groups.setdefault(o["group"], []).append(o)
    for group, gouts in groups.items():
        out.append(f"## {OUTPUT_GROUPS.get(group, group.capitalize())}\n")
        out.append(table(
            ("name", "unit", "description", "batch default"),
            [(f"`{o['name']}`", unit(o["unit"]), cell(o["doc"]), "✓" if o["name"] in default else "") for o in gouts],
            "lllr",
        ))
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------
# Command line


def _plain(text: str | None) -> str:
    """A help text as the terminal shows it (Typer reads help as Rich markup)."""
    if not text:
        return ""
    from rich.text import Text

    return Text.from_markup(text).plain


def _is_argument(param: Any) -> bool:
    return param.param_type_name == "argument"


def _default(param: Any) -> str:
    if _is_argument(param):
        return "" if param.required else "optional"
    if param.required:
        return "required"
    d = param.default
    if callable(d) or d is None or (param.is_flag and not param.secondary_opts and d is False):
        return ""
    if param.is_flag and param.secondary_opts:
        return f"`{param.opts[0] if d else param.secondary_opts[0]}`"
    if isinstance(d, (list, tuple)):
        return ", ".join(f"`{x}`" for x in d)
    return f"`{d}`"


def _type(param: Any, ctx: Any) -> str:
    """The value's type as the help shows it (``<int>`` becomes ``int``)."""
    if getattr(param, "is_flag", False):
        return "flag"
    shown = param.display_type(ctx) if hasattr(param, "display_type") else param.type.name
    return cell((shown or "").strip("<>"))


def cli_page() -> str:
    import typer

    from orbitflops.cli._app import COMMANDS, app, load_command

    group = typer.main.get_group(app)
    root = group.context_class(group, info_name="orbitflops")
    global_options = [p for p in group.get_params(root) if not _is_argument(p)]
    out = [
        "# Command line\n",
        "`orbitflops` is installed with the package (`pip install orbitflops`); "
        "`orbitflops --help` lists the commands and `orbitflops COMMAND --help` shows a command's "
        "help, as below. A scenario argument is a scenario file (see [scenario files](../schema.md)); "
        "without one, the built-in default scenario is used. Bad input exits with status 2 and "
        "a message naming the field and the value.\n",
        "This page is generated from the command-line application when the documentation is built.\n",
        "```text\n" + _usage(group, root) + "\n```\n",
        table(("command", "what it does"),
              [(f"[`{name}`](#orbitflops-{name})", cell(help_line)) for name, (_, help_line) in COMMANDS.items()]),
        table(("global option", "what it does"), [(_opt_names(p), cell(_plain(p.help))) for p in global_options]),
    ]
    for name in COMMANDS:
        cmd = load_command(name)
        ctx = cmd.context_class(cmd, info_name=name, parent=root)
        params = cmd.get_params(ctx)
        args = [p for p in params if _is_argument(p)]
        opts = [p for p in params if not _is_argument(p)]
        out.append(f"## `orbitflops {name}` {{ #orbitflops-{name} }}\n")
        out.append("```text\n" + _usage(cmd, ctx) + "\n```\n")
        out.append(_paragraphs(_plain(cmd.help)) + "\n")
        if args:
            out.append(table(("argument", "type", "default", "description"),
                             [(f"`{_metavar(p, ctx)}`", _type(p, ctx), _default(p), cell(_plain(getattr(p, "help", "")))) for p in args]))
        if opts:
            out.append(table(("option", "type", "default", "description"),
                             [(_opt_names(p), _type(p, ctx), _default(p), cell(_plain(p.help))) for p in opts]))
    return "\n".join(out)


def _usage(cmd: Any, ctx: Any) -> str:
    """The usage line ``orbitflops --help`` prints, without its ``Usage:``."""
    return cmd.get_usage(ctx).removeprefix("Usage:").strip()


def _metavar(p: Any, ctx: Any) -> str:
    return (p.display_name_raw if hasattr(p, "display_name_raw") else p.make_metavar(ctx)).strip("[]")


def _opt_names(p: Any) -> str:
    return " ".join(f"`{n}`" for n in [*p.opts, *p.secondary_opts])


def _paragraphs(text: str) -> str:
    """A docstring's paragraphs as Markdown paragraphs (line breaks inside one are joined)."""
    paras = [" ".join(line.strip() for line in block.splitlines()) for block in text.split("\n\n")]
    return "\n\n".join(p for p in paras if p.strip())


# ------------------------------------------------------------------------------------------------


def pages() -> dict[str, str]:
    """Every generated page: its path under docs/ and its Markdown."""
    return {
        "reference/assumptions.md": assumptions_page(),
        "reference/outputs.md": outputs_page(),
        "reference/cli.md": cli_page(),
    }


def _write_with_gen_files() -> None:
    import mkdocs_gen_files

    for path, text in pages().items():
        with mkdocs_gen_files.open(path, "w") as f:
            f.write(text)
        mkdocs_gen_files.set_edit_path(path, "docs/_build/gen_pages.py")


if __name__ == "<run_path>":  # run by mkdocs-gen-files
    _write_with_gen_files()
elif __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "generated-docs")
    for path, text in pages().items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text, encoding="utf-8")
        print(target / path)
