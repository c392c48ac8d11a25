"""What every figure writer shares: matplotlib and plotly imported on first use (the ``plots``
extra), PNG and HTML written atomically, and HTML that works offline: each page loads the one
copy of plotly.js written beside it (``plotly.min.js``), never a CDN."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import Any

from ._extras import require
from ._io import atomic_path, atomic_write_text

PLOTLY_JS = "plotly.min.js"


def suffix(path: str | os.PathLike[str]) -> str:
    """``.png`` or ``.html``: the kind of figure a path asks for."""
    s = Path(path).suffix.lower()
    if s not in (".png", ".html"):
        raise ValueError(f"path = {str(path)!r}: the suffix must be .png (matplotlib) or .html (plotly)")
    return s


def pyplot() -> ModuleType:
    """``matplotlib.pyplot`` on the non-interactive Agg backend."""
    matplotlib = require("matplotlib", "PNG figures")
    matplotlib.use("Agg")
    return require("matplotlib.pyplot", "PNG figures")


def graph_objects() -> ModuleType:
    """``plotly.graph_objects``."""
    return require("plotly.graph_objects", "HTML figures")


def make_subplots(**kw: Any) -> Any:
    return require("plotly.subplots", "HTML figures").make_subplots(**kw)


def save_png(fig: Any, path: str | os.PathLike[str], **kw: Any) -> Path:
    """Save a matplotlib figure as PNG (120 dpi unless given) atomically and close it."""
    kw.setdefault("dpi", 120)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", **kw)
    pyplot().close(fig)
    return Path(path)


def write_plotly_js(directory: str | os.PathLike[str]) -> Path:
    """The plotly.js bundle of the installed plotly, written once into ``directory`` (again only
    when it differs, e.g. after a plotly upgrade)."""
    js = require("plotly.offline", "HTML figures").get_plotlyjs()
    p = Path(directory) / PLOTLY_JS
    try:
        same = p.read_text(encoding="utf-8") == js
    except (OSError, UnicodeDecodeError):
        same = False
    if not same:
        atomic_write_text(p, js)
    return p


def save_html(fig: Any, path: str | os.PathLike[str]) -> Path:
    """Write a plotly figure as a page that loads ``plotly.min.js`` from its own directory (also
    written), so it opens offline; both written atomically."""
    path = Path(path)
    write_plotly_js(path.parent)
    html = fig.to_html(include_plotlyjs="directory", full_html=True, config={"displaylogo": False})
    atomic_write_text(path, html)
    return path


__all__ = ["PLOTLY_JS", "graph_objects", "make_subplots", "pyplot", "save_html", "save_png", "suffix", "write_plotly_js"]
