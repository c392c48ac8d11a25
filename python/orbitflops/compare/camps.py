"""The camps of the debate side by side: each camp's scenario compared with the ground.

The camps ship with the package as scenario files in ``orbitflops/data/camps/`` (skeptic,
middle, optimist and the article's premises; ``examples/camps`` of the source tree points to the
same files), so ``orbitflops compare --camps`` works from an installed wheel; other camp files
are passed by path. :func:`compare_camps` runs :func:`orbitflops.compare.compare` on each.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .._core import Scenario

CAMP_ORDER = ("skeptic", "middle", "optimist", "article")
"""The order the known camps are shown in; other files follow by name."""


def camps_dir() -> Path | None:
    """The directory of the camp files shipped with the package (``orbitflops/data/camps``), or
    None if it is missing (a package stripped of its data files)."""
    d = Path(__file__).resolve().parent.parent / "data" / "camps"
    return d if d.is_dir() else None


def camp_files(paths: Iterable[str | os.PathLike[str]] | None = None) -> list[Path]:
    """The camp scenario files: ``paths`` as given, or every ``*.toml`` in :func:`camps_dir`.
    Raises ``FileNotFoundError`` with what to do when neither is available."""
    if paths:
        out = [Path(p) for p in paths]
        for p in out:
            if not p.is_file():
                raise FileNotFoundError(f"camp file {str(p)!r}: not found")
        return out
    d = camps_dir()
    if d is None:
        raise FileNotFoundError(
            "the camp files that ship with the package (orbitflops/data/camps/*.toml) are missing from this installation: "
            "pass their paths, e.g. orbitflops compare --camps skeptic.toml middle.toml optimist.toml"
        )
    files = sorted(d.glob("*.toml"), key=lambda p: (CAMP_ORDER.index(p.stem) if p.stem in CAMP_ORDER else len(CAMP_ORDER), p.stem))
    if not files:
        raise FileNotFoundError(f"no camp files (*.toml) in {d}")
    return files


def compare_camps(paths: Iterable[str | os.PathLike[str]] | None = None, **kwargs: Any) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Compare each camp (:func:`camp_files`) with the ground: one row per camp with the cost
    ratio at its prices, its break-even launch price, its parity year, the probability that orbit
    is cheaper by the article's deadline and the Monte Carlo's P5/P50/P95 of the ratio (each camp
    drawn around its own values). ``kwargs`` go to :func:`orbitflops.compare.compare` (Sobol
    indices and the tornado are skipped unless asked for). Returns the table and the comparisons
    by camp name."""
    from .comparison import CLAIM_DEADLINE_YEAR, compare

    kwargs = {"sobol_n": 0, "tornado_output": None, **kwargs}
    rows = []
    comps: dict[str, Any] = {}
    for p in camp_files(paths):
        c = compare(Scenario.from_toml(p), **kwargs)
        comps[p.stem] = c
        row: dict[str, Any] = {
            "camp": p.stem,
            "file": str(p),
            "cost_ratio": c.cost_ratio,
            "breakeven_launch_usd_per_kg": c.breakeven_launch_usd_per_kg,
            "parity_year": c.parity_year,
            "racks": c.design_choice.racks,
            "strategy": c.design_choice.strategy,
        }
        mc = c.monte_carlo
        if mc is not None:
            q = mc.quantiles("cost_ratio", (0.05, 0.5, 0.95))
            row.update({"p_cheaper_by_claim_deadline": mc.probability_cheaper_by(CLAIM_DEADLINE_YEAR), "cost_ratio_p05": q[0.05], "cost_ratio_p50": q[0.5], "cost_ratio_p95": q[0.95]})
        else:
            row.update({"p_cheaper_by_claim_deadline": math.nan, "cost_ratio_p05": math.nan, "cost_ratio_p50": math.nan, "cost_ratio_p95": math.nan})
        rows.append(row)
    return pd.DataFrame(rows), comps
