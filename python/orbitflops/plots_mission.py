"""Plots of the mission tier: beta angle and eclipse through a year; state of charge and radiator
temperature through the worst day's orbit; working racks and delivered compute over the
lifetime. Each figure is written as a PNG (matplotlib) or an interactive HTML page (plotly,
loading the plotly.min.js written beside it), chosen by the file suffix, and written
atomically. Figures need the ``plots`` extra."""

from __future__ import annotations

import math
import os
from pathlib import Path

from typing import TYPE_CHECKING, Callable, Sequence, TypeAlias

import numpy as np

from ._figures import graph_objects, make_subplots, pyplot, save_html, save_png
from ._figures import suffix as _suffix

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .mission import MissionResult

Curves: TypeAlias = "Sequence[tuple[str, ArrayLike]]"
"""Labelled curves of one panel: (label, y values)."""

DEG = 180.0 / math.pi


def _two_panel(
    path: str | os.PathLike[str], x: ArrayLike, xlabel: str, top: Curves, top_label: str, bottom: Curves, bottom_label: str, title: str
) -> None:
    """Two stacked panels sharing x; `top`/`bottom` are lists of (label, y)."""
    if _suffix(path) == ".png":
        plt = pyplot()
        fig, (a1, a2) = plt.subplots(2, 1, sharex=True, figsize=(8, 6), constrained_layout=True)
        for label, y in top:
            a1.plot(x, y, label=label)
        for label, y in bottom:
            a2.plot(x, y, label=label)
        a1.set_ylabel(top_label)
        a2.set_ylabel(bottom_label)
        a2.set_xlabel(xlabel)
        for a in (a1, a2):
            a.grid(alpha=0.3)
            if len(a.get_lines()) > 1:
                a.legend()
        a1.set_title(title)
        save_png(fig, path)
    else:
        go = graph_objects()
        fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06)
        for label, y in top:
            fig.add_trace(go.Scatter(x=x, y=y, name=label, mode="lines"), row=1, col=1)
        for label, y in bottom:
            fig.add_trace(go.Scatter(x=x, y=y, name=label, mode="lines"), row=2, col=1)
        fig.update_yaxes(title_text=top_label, row=1, col=1)
        fig.update_yaxes(title_text=bottom_label, row=2, col=1)
        fig.update_xaxes(title_text=xlabel, row=2, col=1)
        fig.update_layout(title=title, height=600)
        save_html(fig, path)


def plot_year(year: dict[str, np.ndarray], path: str | os.PathLike[str], title: str = "Beta angle and eclipse through the year") -> None:
    """Beta angle (deg) and eclipse duration (min) per day, from
    :func:`orbitflops.sun_synchronous_year` or a mission result's ``days``."""
    x = year.get("day_of_year", np.arange(1, len(year["beta_rad"]) + 1))
    _two_panel(path, x, "day of the year", [("beta", np.asarray(year["beta_rad"]) * DEG)], "beta angle (deg)", [("eclipse", np.asarray(year["eclipse_s"]) / 60.0)], "eclipse per orbit (min)", title)


def plot_worst_day(result: MissionResult, path: str | os.PathLike[str]) -> None:
    """State of charge and radiator temperature (K) through the traced orbit of a
    :class:`orbitflops.mission.MissionResult` (the day with the longest eclipse)."""
    o = result.worst_orbit
    t = np.asarray(o["time_s"]) / 60.0
    title = f"Orbit of day {result.worst_day + 1} (eclipse {result.days['eclipse_s'][result.worst_day] / 60.0:.1f} min)"
    _two_panel(path, t, "time from eclipse exit (min)", [("state of charge", o["soc"])], "state of charge", [("radiator", o["radiator_temp_k"])], "radiator temperature (K)", title)


def plot_lifetime(result: MissionResult, path: str | os.PathLike[str]) -> None:
    """Working racks and delivered compute (PFLOP/s, daily mean) over the lifetime of a
    :class:`orbitflops.mission.MissionResult`."""
    d = result.days
    x = np.arange(len(d["working_racks"])) / 365.2422
    pflops = np.asarray(d["delivered_flop"]) / 86400.0 / 1e15
    _two_panel(path, x, "years from launch", [("working racks", d["working_racks"])], "working racks", [("delivered", pflops)], "delivered compute (PFLOP/s)", "Working racks and delivered compute")


def save_all(result: MissionResult, directory: str | os.PathLike[str], year: dict[str, np.ndarray] | None = None) -> list[Path]:
    """Write every mission figure as PNG and HTML into ``directory``; returns the paths."""
    directory = Path(directory)
    out = []
    yr = year if year is not None else {"beta_rad": result.days["beta_rad"], "eclipse_s": result.days["eclipse_s"]}
    figures: tuple[tuple[str, Callable[[Path], None]], ...] = (
        ("mission_year", lambda p: plot_year(yr, p)),
        ("mission_worst_day", lambda p: plot_worst_day(result, p)),
        ("mission_lifetime", lambda p: plot_lifetime(result, p)),
    )
    for name, fn in figures:
        for ext in (".png", ".html"):
            p = directory / f"{name}{ext}"
            fn(p)
            out.append(p)
    return out
