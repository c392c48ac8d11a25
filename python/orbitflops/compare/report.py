"""Figures and reports of a comparison: cost breakdown side by side, the cost ratio over calendar
years with its Monte Carlo band, and the tornado; each as a PNG (matplotlib) or an interactive
HTML page (plotly, loading the plotly.min.js written beside it) by file suffix. :func:`write_report`
writes every figure, the tables as CSV, a Markdown report and a self-contained HTML report
(figures embedded), all atomically. Figures need the ``plots`` extra."""

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

from .._figures import graph_objects, pyplot, save_html, save_png
from .._figures import suffix as _suffix
from .._io import atomic_write_text
from .._labels import label, number, pretty_unit, unit, words
from ..model import DESIGN_FIELDS
from .comparison import CLAIM_DEADLINE_YEAR, Comparison

PFLOPS_DAY = 1e15 * 86400.0
PER_PFLOPS_DAY = "USD per PFLOP/s-day"
# matplotlib's tab20, for both renderings: each cost line keeps its colour in PNG and HTML.
TAB20 = ("#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd", "#c5b0d5",
         "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7", "#bcbd22", "#dbdb8d", "#17becf", "#9edae5")


def _plt():
    return pyplot()


def _save(fig: Any, path: str | os.PathLike[str], kind: str) -> None:
    if kind == ".png":
        save_png(fig, path)
    else:
        save_html(fig, path)


def _plain_log_ticks(axis: Any) -> None:
    """Tick labels of a log axis as plain numbers (2, 3, 5) instead of powers of ten."""
    from matplotlib.ticker import FuncFormatter, LogLocator

    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 3.0, 5.0)))
    axis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))


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
        for i, nm in enumerate(names):
            v = np.array([o[i], g[i]])
            if not np.any(v > 0):
                continue
            ax.bar(["orbit", "ground"], v, bottom=bottom, label=nm, color=TAB20[i % 20])
            bottom += v
        ax.set_ylabel(f"present-value cost ({PER_PFLOPS_DAY})")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
        ax.grid(axis="y", alpha=0.3)
        _save(fig, path, kind)
    else:
        go = graph_objects()

        fig = go.Figure()
        for i, nm in enumerate(names):
            if o[i] > 0 or g[i] > 0:
                fig.add_trace(go.Bar(name=nm, x=["orbit", "ground"], y=[o[i], g[i]], marker_color=TAB20[i % 20]))
        fig.update_layout(barmode="stack", title=title, yaxis_title=f"present-value cost ({PER_PFLOPS_DAY})", legend_traceorder="reversed")
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
        ax.set_xlabel("year of purchase")
        ax.set_ylabel("cost per delivered FLOP, orbit / ground")
        ax.set_yscale("log")
        _plain_log_ticks(ax.yaxis)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=8)
        _save(fig, path, kind)
    else:
        go = graph_objects()

        fig = go.Figure()
        if band is not None:
            fig.add_trace(go.Scatter(x=years, y=band["ratio_p90"], line=dict(width=0), showlegend=False, name="P90", hoverinfo="skip"))
            fig.add_trace(go.Scatter(x=years, y=band["ratio_p10"], fill="tonexty", fillcolor="rgba(31,119,180,0.25)", line=dict(width=0), name="Monte Carlo P10-P90"))
            fig.add_trace(go.Scatter(x=years, y=band["ratio_p50"], line=dict(dash="dash", color=TAB20[0]), name="Monte Carlo median"))
        fig.add_trace(go.Scatter(x=years, y=t["cost_ratio"], line=dict(color=TAB20[2]), name="scenario"))
        fig.add_hline(y=1.0, line_color="black", line_width=1)
        fig.add_vline(x=CLAIM_DEADLINE_YEAR, line_dash="dot", line_color="red", annotation_text="article's 36-month deadline")
        fig.update_layout(title=title, xaxis_title="year of purchase", yaxis_title="cost per delivered FLOP, orbit / ground", yaxis_type="log")
        _save(fig, path, kind)


def plot_tornado(c: Comparison, path: str | os.PathLike[str], top: int = 12) -> None:
    """Tornado of the assumptions that move orbit's cost per FLOP most (P10 to P90 of each); the
    assumptions that do not move it (ground-side ones) are left out of the figure."""
    if c.tornado is None:
        raise ValueError("this comparison has no tornado (run it with draws > 0)")
    kind = _suffix(path)
    moving = c.tornado[c.tornado["output_at_low"] != c.tornado["output_at_high"]]
    t = (moving if len(moving) else c.tornado).head(top).iloc[::-1]
    base = float(t["base_output"].iloc[0]) * PFLOPS_DAY
    lo = t["output_at_low"].to_numpy() * PFLOPS_DAY
    hi = t["output_at_high"].to_numpy() * PFLOPS_DAY
    names = [f"{label(n)}: {number(float(a))} to {number(float(b))}" for n, a, b in zip(t["name"], t["low_value"], t["high_value"])]
    title = "Orbit's cost per delivered FLOP, each assumption alone from its P10 to its P90"
    xlabel = f"orbit's cost ({PER_PFLOPS_DAY})"
    if kind == ".png":
        plt = _plt()
        fig, ax = plt.subplots(figsize=(9, 0.45 * len(names) + 1.6), constrained_layout=True)
        y = np.arange(len(names))
        ax.barh(y, lo - base, left=base, color="tab:blue", label="assumption at its P10")
        ax.barh(y, hi - base, left=base, color="tab:orange", label="assumption at its P90")
        ax.set_yticks(y, names, fontsize=8)
        ax.axvline(base, color="k", lw=0.8, label=f"scenario: {number(base)}")
        ax.set_xlabel(xlabel)
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
        ax.grid(axis="x", alpha=0.3)
        _save(fig, path, kind)
    else:
        go = graph_objects()

        fig = go.Figure()
        fig.add_trace(go.Bar(y=names, x=lo - base, base=base, orientation="h", name="assumption at its P10"))
        fig.add_trace(go.Bar(y=names, x=hi - base, base=base, orientation="h", name="assumption at its P90"))
        fig.add_vline(x=base, line_width=1, annotation_text=f"scenario: {number(base)}")
        fig.update_layout(barmode="overlay", title=title, xaxis_title=xlabel, yaxis_automargin=True)
        _save(fig, path, kind)


# Column titles of the report's tables (the CSV files keep the names); other columns are named
# by orbitflops._labels.label.
COLUMNS = {
    "line": "cost line",
    "orbit_usd": "orbit (USD)",
    "ground_usd": "ground (USD)",
    "orbit_usd_per_flop": "orbit (USD/FLOP)",
    "ground_usd_per_flop": "ground (USD/FLOP)",
    "orbit_usd_per_kw_yr": "orbit (USD per kW-year)",
    "ground_usd_per_kw_yr": "ground (USD per kW-year)",
    "option": "option",
    "description": "description",
    "electricity_usd_per_kwh": "electricity (USD/kWh)",
    "co2_kg_per_kwh": "CO2 of the electricity (kg/kWh)",
    "cost_per_flop_usd": "cost (USD/FLOP)",
    "usd_per_pflops_day": f"cost ({PER_PFLOPS_DAY})",
    "co2_kg_per_flop": "CO2 (kg/FLOP)",
    "co2_kg_per_pflops_day": "CO2 (kg per PFLOP/s-day)",
    "orbit_over_this": "orbit / this",
    "name": "assumption",
    "unit": "unit",
    "value": "scenario value",
    "threshold": "break-even value",
    "orbit_wins": "orbit cheaper when the value is",
    "factor": "break-even / scenario",
    "range_searched": "range searched",
    "year": "year",
    "launch_usd_per_kg": "launch price (USD/kg)",
    "cumulative_mass_kg": "cumulative launched mass (kg)",
    "cost_ratio": "cost ratio orbit / ground",
    "launch_usd_per_kg_p50": "launch price, median (USD/kg)",
    "ratio_p10": "cost ratio P10",
    "ratio_p50": "cost ratio P50",
    "ratio_p90": "cost ratio P90",
    "p_orbit_cheaper": "share of draws with orbit cheaper",
    "S1": "first-order index S1",
    "S1_conf": "S1 ± (95 %)",
    "ST": "total index ST",
    "ST_conf": "ST ± (95 %)",
    "low_value": "value at P10",
    "high_value": "value at P90",
    "output_at_low": "orbit at P10 (USD/FLOP)",
    "output_at_high": "orbit at P90 (USD/FLOP)",
    "base_output": "orbit at the scenario (USD/FLOP)",
    "swing": "swing (USD/FLOP)",
    "distribution": "distribution",
    "source": "source",
    "section": "section",
}

# Columns whose cells are assumption or output names: shown in words, with the name beside.
_NAME_COLUMNS = ("name",)
# Shares and indices between 0 and 1: three decimals.
_FIXED3 = ("S1", "S1_conf", "ST", "ST_conf", "p_orbit_cheaper")
# USD per FLOP is read as USD per PFLOP/s-day in the report (the CSV files keep USD per FLOP).
_PER_PFLOPS_DAY = {
    "orbit_usd_per_flop": f"orbit ({PER_PFLOPS_DAY})",
    "ground_usd_per_flop": f"ground ({PER_PFLOPS_DAY})",
    "output_at_low": f"orbit at P10 ({PER_PFLOPS_DAY})",
    "output_at_high": f"orbit at P90 ({PER_PFLOPS_DAY})",
    "base_output": f"orbit at the scenario ({PER_PFLOPS_DAY})",
    "swing": f"swing ({PER_PFLOPS_DAY})",
}


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """A table as the report shows it: USD per FLOP as USD per PFLOP/s-day, and per-FLOP columns
    left out where the same figure per PFLOP/s-day is beside them."""
    out = df.copy()
    for col in list(out.columns):
        if col in _PER_PFLOPS_DAY and pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col] * PFLOPS_DAY
            out = out.rename(columns={col: _PER_PFLOPS_DAY[col]})
        elif col.endswith("_per_flop") or col.endswith("per_flop_usd"):
            twin = col.replace("cost_per_flop_usd", "usd_per_pflops_day").replace("_per_flop", "_per_pflops_day")
            if twin in out.columns:
                out = out.drop(columns=col)
    return out


def _fmt(v: Any, digits: int = 4, html_out: bool = False) -> str:
    """A table cell: ``digits`` significant figures, thousands separated, millions and billions in
    words, very small numbers as powers of ten; infinities as never/already."""
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return f"{int(v):,}"
    if not isinstance(v, (float, np.floating)):
        return str(v)
    v = float(v)
    if math.isnan(v):
        return "-"
    if math.isinf(v):
        return "never" if v > 0 else "already"
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e9:
        return f"{v / 1e9:.{digits}g} billion"
    if a >= 1e6:
        return f"{v / 1e6:.{digits}g} million"
    if a >= 10 ** (digits - 1):
        return f"{v:,.0f}"
    if a >= 1e-3:
        return f"{v:.{digits}g}"
    m, e = f"{v:.{digits - 1}e}".split("e")
    return f"{m}&times;10<sup>{int(e)}</sup>" if html_out else f"{m}e{int(e)}"


def _cell(df: pd.DataFrame, col: str, v: Any, html_out: bool) -> str:
    if col == "year" and isinstance(v, (float, np.floating, int, np.integer)) and math.isfinite(v):
        return f"{float(v):.0f}"
    if col in _NAME_COLUMNS and isinstance(v, str) and v:
        if html_out:
            return f"{html.escape(words(v))}<br><code>{html.escape(v)}</code>"
        return f"{words(v)} (`{v}`)"
    if col in _FIXED3 and isinstance(v, (float, np.floating)) and math.isfinite(v):
        return f"{float(v):.3f}".replace("-0.000", "0.000")
    if col == "unit" and isinstance(v, str):
        return html.escape(pretty_unit(v)) if html_out else pretty_unit(v)
    if col == "value" and isinstance(v, (float, np.floating)) and math.isfinite(v) and abs(v) >= 1000 and float(v).is_integer() and abs(v) < 1e6:
        return f"{float(v):,.0f}"
    digits = 6 if col == "value" else 4
    text = _fmt(v, digits, html_out)
    return text if html_out and isinstance(v, (float, np.floating)) else (html.escape(text) if html_out else text)


def _title(col: str) -> str:
    return COLUMNS.get(col) or (col if " " in col else label(col))


def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    out = ["| " + " | ".join(_title(c) for c in cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for _, row in df.iterrows():
        out.append("| " + " | ".join(_cell(df, c, row[c], False).replace("|", "/") for c in cols) + " |")
    return "\n".join(out)


def _html_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    text = {c for c in cols if not pd.api.types.is_numeric_dtype(df[c]) and c != "year"}
    head = "".join(f"<th{' class=t' if c in text else ''}>{html.escape(_title(c))}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=t' if c in text else ''}>{_cell(df, c, row[c], True)}</td>" for c in cols) + "</tr>"
        for _, row in df.iterrows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def design_text(c: Comparison) -> str:
    """The compared design in words: each design field with its value and unit."""
    parts = []
    for k in DESIGN_FIELDS:
        v = getattr(c.design, k, None)
        if v is None:
            continue
        u = unit(k)
        parts.append(f"{words(k)} {number(float(v))}{' ' + u if u else ''}")
    how = "sized in closed form for the rack count" if c.sized else "as given"
    return f"Design ({how}): {', '.join(parts)}."


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
        "tornado": "Tornado: orbit's cost per delivered FLOP at each assumption's P10 and P90",
        "trajectory": "Launch price on the learning curve",
    }
    md = ["# orbitflops: orbit against ground", ""]
    md += [f"- {h}" for h in headline(c)]
    md += ["", design_text(c), ""]
    for name in ("breakdown", "parity", "tornado"):
        if name in figs:
            md += [f"![{name}]({figs[name].name})", ""]
    for name, df in tables.items():
        md += [f"## {titles[name]}", "", _md_table(readable(df)), ""]
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
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right;vertical-align:top}th{background:#f0f0f0}.t{text-align:left}"
        "code{color:#666;font-size:10px}img{max-width:100%}</style></head><body>",
        "<h1>orbitflops: orbit against ground</h1><ul>",
        *[f"<li>{html.escape(h)}</li>" for h in headline(c)],
        "</ul>",
        f"<p>{html.escape(design_text(c))}</p>",
    ]
    for name in ("breakdown", "parity", "tornado"):
        if name in figs:
            b64 = base64.b64encode(figs[name].read_bytes()).decode("ascii")
            parts.append(f"<img alt='{name}' src='data:image/png;base64,{b64}'>")
    for name, df in tables.items():
        parts.append(f"<h2>{html.escape(titles[name])}</h2>{_html_table(readable(df))}")
    if c.monte_carlo is not None:
        dist = pd.DataFrame([{"name": k, "distribution": d.describe(), "source": d.source} for k, d in c.monte_carlo.distributions.items()])
        parts.append(f"<h2>Distributions</h2>{_html_table(dist)}")
    parts.append(f"<h2>Assumptions</h2>{_html_table(assumptions_table(c))}</body></html>")
    p = out / "report.html"
    atomic_write_text(p, "\n".join(parts))
    paths["report.html"] = p
    return paths
