"""A block of a Markdown page that a script generates, between one BEGIN and one END marker:
find it, check that it is current, rewrite it (atomically). Used by worked_example.py and
equivalent_mutants.py."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from collections.abc import Callable

from orbitflops._io import atomic_write_text


def span(text: str, begin: str, end: str, path: Path) -> tuple[int, int]:
    """Start and end offsets of the block (markers included) in ``text`` (read from ``path``)."""
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start or text.count(begin) != 1 or text.count(end) != 1:
        raise ValueError(f"{path}: expected exactly one {begin!r} followed by one {end!r}")
    return start, stop + len(end)


def check_or_write(path: Path, begin: str, end: str, new: str, *, write: bool, what: str, command: str) -> int:
    """Compare the block in ``path`` with ``new``: 0 when current; else, when checking, show the
    difference on stderr and return 1, and when writing, replace it (atomically) and return 0."""
    text = path.read_text(encoding="utf-8")
    start, stop = span(text, begin, end, path)
    old = text[start:stop]
    if old == new:
        return 0
    if not write:
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(), f"{path} (in the file)", "(generated now)", lineterm="", n=1)
        print("\n".join(diff), file=sys.stderr)
        print(f"{path}: {what} is out of date; run {command} --write", file=sys.stderr)
        return 1
    atomic_write_text(path, text[:start] + new + text[stop:])
    print(f"{path}: {what} rewritten", file=sys.stderr)
    return 0


def main(argv: list[str] | None, *, description: str, default_file: Path, begin: str, end: str, what: str, command: str,
         make_block: Callable[[argparse.Namespace], str], add_arguments: Callable[[argparse.ArgumentParser], None] | None = None) -> int:
    """The command line of a generator: print the block, or ``--check`` or ``--write`` it in
    ``--file`` (default ``default_file``); ``add_arguments`` adds the generator's own options,
    which ``make_block`` reads."""
    ap = argparse.ArgumentParser(description=description)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 when the block in the file is not current")
    mode.add_argument("--write", action="store_true", help="rewrite the block in the file (atomically)")
    ap.add_argument("--file", type=Path, default=default_file, help=f"the Markdown file holding the block (default: {default_file.parent.name}/{default_file.name})")
    if add_arguments is not None:
        add_arguments(ap)
    args = ap.parse_args(argv)
    new = make_block(args)
    if not (args.check or args.write):
        print(new)
        return 0
    return check_or_write(args.file, begin, end, new, write=args.write, what=what, command=command)
