"""Figures and reports of a comparison: cost breakdown side by side, the cost ratio over calendar
years with its Monte Carlo band, and the tornado; each as a PNG (matplotlib) or an interactive
HTML page (plotly) by file suffix. :func:`write_report` writes every figure, the tables as CSV,
a Markdown report and a self-contained HTML report (figures embedded), all atomically."""

from __future__ import annotations

import base64
import html
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._io import atomic_path, atomic_write_text
from ..plots_mission import _suffix
from .comparison import CLAIM_DEADLINE_YEAR, Comparison

PFLOPS_DAY = 1e15 * 86400.0


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, path: str | os.PathLike[str], kind: str) -> None:
    if kind == ".png":
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png", dpi=120)
        _plt().close(fig)
    else:
        with atomic_path(path) as tmp:
            fig.write_html(tmp, include_plotlyjs="cdn")


def plot_breakdown(c: Comparison, path: str | os.PathLike[str]) -> None:
    """Stacked bars of each side's present-value cost lines, in USD per delivered PFLOP/s-day."""
    kind = _suffix(path)
    lines = c.lines.iloc[:-1]
    o = lines["orbit_usd_per_flop"].to_numpy() * PFLOPS_DAY
    g = lines["ground_usd_per_flop"].to_numpy() * PFLOPS_DAY
    names = lines["line"].tolist()
    title = f"Cost per delivered PFLOP/s-day, {c.design.racks} racks (orbit/ground = {c.cost_ratio:.2f})"
    if kind == ".png":
        plt = _plt()
        fig, ax = plt.subplots(figsize=(10, 6), constrained_layout=True)
        bottom = np.zeros(2)
        cmap = plt.get_cmap("tab20")
        for i, nm in enumerate(names):
            v = np.array([o[i], g[i]])
            if not np.any(v > 0):
                continue
            ax.bar(["orbit", "ground"], v, bottom=bottom, label=nm, color=cmap(i % 20))
            bottom += v
        ax.set_ylabel("USD per PFLOP/s-day (present value)")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
        ax.grid(axis="y", alpha=0.3)
        _save(fig, path, kind)
    else:
        import plotly.graph_objects as go

        fig = go.Figure()
        for i, nm in enumerate(names):
            if o[i] > 0 or g[i] > 0:
                fig.add_trace(go.Bar(name=nm, x=["orbit", "ground"], y=[o[i], g[i]]))
        fig.update_layout(barmode="stack", title=title, yaxis_title="USD per PFLOP/s-day (present value)")
        _save(fig, path, kind)


def plot_parity(c: Comparison, path: str | os.PathLike[str]) -> None:
    """Cost ratio orbit/ground for a system bought in each year, on the learning curve: the
    scenario's line and, with a Monte Carlo, the P10-P90 band and the median."""
    kind = _suffix(path)
    t = c.trajectory
    years = t["year"].to_numpy()
    band = c.monte_carlo.ratio_band(years) if c.monte_carlo is not None else None
    title = "Orbit / ground cost per FLOP by year of purchase (below 1: orbit cheaper)"
    if kind == ".png":
        plt = _plt()
        fig, ax = plt.subplots(figsize=(8, 5), constrained_layout=True)
        if band is not None:
            ax.fill_between(years, band["ratio_p10"], band["ratio_p90"], alpha=0.25, label="Monte Carlo P10-P90")
            ax.plot(years, band["ratio_p50"], "--", label="Monte Carlo median")
        ax.plot(years, t["cost_ratio"], label="scenario")
        ax.axhline(1.0, color="k", lw=0.8)
        ax.axvline(CLAIM_DEADLINE_YEAR, color="r", lw=0.8, ls=":", label="article's 36-month deadline")
        ax.set_xlabel("year")
        ax.set_ylabel("cost ratio orbit / ground")
        ax.set_yscale("log")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=8)
        _save(fig, path, kind)
    else:
        import plotly.graph_objects as go

        fig = go.Figure()
        if band is not None:
            fig.add_trace(go.Scatter(x=years, y=band["ratio_p90"], line=dict(width=0), showlegend=False, name="P90"))
            fig.add_trace(go.Scatter(x=years, y=band["ratio_p10"], fill="tonexty", line=dict(width=0), name="Monte Carlo P10-P90"))
            fig.add_trace(go.Scatter(x=years, y=band["ratio_p50"], line=dict(dash="dash"), name="Monte Carlo median"))
        fig.add_trace(go.Scatter(x=years, y=t["cost_ratio"], name="scenario"))
        fig.add_hline(y=1.0)
        fig.add_vline(x=CLAIM_DEADLINE_YEAR, line_dash="dot", line_color="red")
        fig.update_layout(title=title, xaxis_title="year", yaxis_title="cost ratio orbit / ground", yaxis_type="log")
        _save(fig, path, kind)


def plot_tornado(c: Comparison, path: str | os.PathLike[str], top: int = 12) -> None:
    """Tornado of the assumptions that move orbit's cost per FLOP most (P10 to P90 of each)."""
    if c.tornado is None:
        raise ValueError("this comparison has no tornado (run it with draws > 0)")
    kind = _suffix(path)
    t = c.tornado.head(top).iloc[::-1]
    base = float(t["base_output"].iloc[0]) * PFLOPS_DAY
    lo = t["output_at_low"].to_numpy() * PFLOPS_DAY
    hi = t["output_at_high"].to_numpy() * PFLOPS_DAY
    names = t["name"].tolist()
    title = "Orbit's cost per PFLOP/s-day, each assumption from its P10 to its P90"
    if kind == ".png":
        plt = _plt()
        fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) + 1.5), constrained_layout=True)
        y = np.arange(len(names))
        ax.barh(y, lo - base, left=base, color="tab:blue", label="at P10")
        ax.barh(y, hi - base, left=base, color="tab:orange", label="at P90")
        ax.set_yticks(y, names, fontsize=8)
        ax.axvline(base, color="k", lw=0.8)
        ax.set_xlabel("USD per PFLOP/s-day")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
        _save(fig, path, kind)
    else:
        import plotly.graph_objects as go

        fig = go.Figure()
        fig.add_trace(go.Bar(y=names, x=lo - base, base=base, orientation="h", name="at P10"))
        fig.add_trace(go.Bar(y=names, x=hi - base, base=base, orientation="h", name="at P90"))
        fig.update_layout(barmode="overlay", title=title, xaxis_title="USD per PFLOP/s-day")
        _save(fig, path, kind)


def _fmt(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        if math.isnan(v):
            return "-"
        if math.isinf(v):
            return "never" if v > 0 else "already"
        a = abs(v)
        return f"{v:.4g}" if (a == 0 or 1e-3 <= a < 1e6) else f"{v:.3e}"
    return str(v)


def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    out = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for _, row in df.iterrows():
        out.append("| " + " | ".join(_fmt(row[c]).replace("|", "/") for c in cols) + " |")
    return "\n".join(out)


def _html_table(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(row[c]))}</td>" for c in df.columns) + "</tr>" for _, row in df.iterrows())
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def headline(c: Comparison) -> list[str]:
    """The answer in sentences."""
    s = c.summary()
    out = [
        f"At the scenario's launch price ({s['launch_price_usd_per_kg']:,.0f} USD/kg), orbit costs {c.cost_ratio:.2f} times the ground per delivered FLOP "
        f"({s['orbit_usd_per_pflops_day']:,.1f} against {s['ground_usd_per_pflops_day']:,.1f} USD per PFLOP/s-day).",
    ]
    be = c.breakeven_launch_usd_per_kg
    if be < 0:
        out.append(f"Break-even launch price: {be:,.0f} USD/kg, i.e. not even a free launch makes orbit cheaper; the parity year is never.")
    else:
        py = c.parity_year
        when = "never on the learning curve" if math.isinf(py) and py > 0 else ("already at the curve's start" if math.isinf(py) else f"{py:.1f} (calendar year {int(math.floor(py))})")
        out.append(f"Break-even launch price: {be:,.0f} USD/kg; on the learning curve that price is reached in {when}.")
    out.append(f"For a system bought at the start of {c.year:.0f} (launch {c.launch_price_at_year_usd_per_kg:,.0f} USD/kg on the curve) the ratio is {c.ratio_at_year:.2f}.")
    if c.monte_carlo is not None:
        mc = c.monte_carlo
        out.append(
            f"Monte Carlo ({mc.n:,} draws, seed {mc.seed}, {mc.seconds:.2f} s): ratio P10/P50/P90 {s['cost_ratio_p10']:.2f} / {s['cost_ratio_p50']:.2f} / {s['cost_ratio_p90']:.2f} today, "
            f"{s['ratio_at_year_p10']:.2f} / {s['ratio_at_year_p50']:.2f} / {s['ratio_at_year_p90']:.2f} in {c.year:.0f}; "
            f"probability that orbit is cheaper by the end of {c.year:.0f}: {s['p_cheaper_by_end_of_year']:.3f}; "
            f"by the article's deadline ({CLAIM_DEADLINE_YEAR:.1f}, 36 months after early 2026): {s['p_cheaper_by_claim_deadline']:.3f}."
        )
    return out


def assumptions_table(c: Comparison) -> pd.DataFrame:
    from ..model import assumptions

    rows = assumptions(c.scenario)
    return pd.DataFrame([{"section": r["section"], "name": r["name"], "value": r["value"], "unit": r["unit"], "source": r["source"]} for r in rows])


def write_report(c: Comparison, out_dir: str | os.PathLike[str], plots: bool = True) -> dict[str, Path]:
    """Write the comparison to ``out_dir``: summary.json, CSV tables, figures (PNG and HTML),
    report.md (figures linked) and report.html (self-contained: figures embedded). Returns the
    written paths by name."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    tables: dict[str, pd.DataFrame] = {"lines": c.lines, "baselines": c.baselines, "thresholds": c.thresholds, "trajectory": c.trajectory}
    if c.monte_carlo is not None:
        tables["ratio_band"] = c.monte_carlo.ratio_band(c.trajectory["year"].to_numpy())
    if c.sobol is not None:
        tables["sobol"] = c.sobol
    if c.tornado is not None:
        tables["tornado"] = c.tornado
    for name, df in tables.items():
        p = out / f"{name}.csv"
        atomic_write_text(p, df.to_csv(index=False))
        paths[name] = p
    p = out / "summary.json"
    atomic_write_text(p, json.dumps(c.summary(), indent=2) + "\n")
    paths["summary"] = p
    figs: dict[str, Path] = {}
    if plots:
        for name, fn in (("breakdown", plot_breakdown), ("parity", plot_parity), ("tornado", plot_tornado)):
            if name == "tornado" and c.tornado is None:
                continue
            for ext in (".png", ".html"):
                fp = out / f"{name}{ext}"
                fn(c, fp)
                paths[f"{name}{ext}"] = fp
            figs[name] = out / f"{name}.png"
    titles = {
        "lines": "Cost lines, present value (same racks, same financing)",
        "baselines": "Ground baselines and CO2-equivalent per delivered FLOP",
        "thresholds": "What would have to be true (each assumption alone, all else fixed)",
        "ratio_band": "Cost ratio by year of purchase (Monte Carlo)",
        "sobol": "Sobol indices of the cost ratio (95 % confidence half-widths)",
        "tornado": "Tornado: orbit's cost per FLOP at each assumption's P10 and P90",
        "trajectory": "Launch price on the learning curve",
    }
    md = ["# orbitflops: orbit against ground", ""]
    md += [f"- {h}" for h in headline(c)]
    md += ["", f"Design: {c.design!r} ({'sized in closed form for the rack count' if c.sized else 'fixed'}).", ""]
    for name in ("breakdown", "parity", "tornado"):
        if name in figs:
            md += [f"![{name}]({figs[name].name})", ""]
    for name, df in tables.items():
        md += [f"## {titles[name]}", "", _md_table(df), ""]
    if c.monte_carlo is not None:
        dist = pd.DataFrame([{"name": k, "distribution": d.describe(), "source": d.source} for k, d in c.monte_carlo.distributions.items()])
        md += ["## Distributions", "", _md_table(dist), ""]
    md += ["## Assumptions", "", _md_table(assumptions_table(c)), ""]
    p = out / "report.md"
    atomic_write_text(p, "\n".join(md))
    paths["report.md"] = p

    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>orbitflops: orbit against ground</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;font-size:12px;margin-bottom:1.5em}"
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f0f0f0}img{max-width:100%}</style></head><body>",
        "<h1>orbitflops: orbit against ground</h1><ul>",
        *[f"<li>{html.escape(h)}</li>" for h in headline(c)],
        "</ul>",
        f"<p>Design: {html.escape(repr(c.design))} ({'sized in closed form for the rack count' if c.sized else 'fixed'}).</p>",
    ]
    for name in ("breakdown", "parity", "tornado"):
        if name in figs:
            b64 = base64.b64encode(figs[name].read_bytes()).decode("ascii")
            parts.append(f"<img alt='{name}' src='data:image/png;base64,{b64}'>")
    for name, df in tables.items():
        parts.append(f"<h2>{html.escape(titles[name])}</h2>{_html_table(df)}")
    if c.monte_carlo is not None:
        dist = pd.DataFrame([{"name": k, "distribution": d.describe(), "source": d.source} for k, d in c.monte_carlo.distributions.items()])
        parts.append(f"<h2>Distributions</h2>{_html_table(dist)}")
    parts.append(f"<h2>Assumptions</h2>{_html_table(assumptions_table(c))}</body></html>")
    p = out / "report.html"
    atomic_write_text(p, "\n".join(parts))
    paths["report.html"] = p
    return paths
