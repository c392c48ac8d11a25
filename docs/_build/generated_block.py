"""A block of a Markdown page that a script generates, between one BEGIN and one END marker:
find it, check that it is current, rewrite it (atomically). Used by worked_example.py and
equivalent_mutants.py."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

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
