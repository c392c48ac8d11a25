"""Figures, tables and reports of a comparison: the cost breakdown side by side, the cost ratio
over years of purchase with its Monte Carlo band, and the tornado, each as a PNG (matplotlib) or
an interactive HTML page (plotly, loading the plotly.min.js written beside it) by file suffix;
the tables in words and units (:func:`display_tables`), shared with the command line;
:func:`write_report` writes every figure, the tables as CSV (machine names), a Markdown report and
a self-contained HTML report (figures embedded), all atomically. Figures need the ``plots``
extra."""

from __future__ import annotations

import base64
import html
import json
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._figures import graph_objects, pyplot, save_html, save_png
from .._figures import suffix as _suffix
from .._io import atomic_write_text
from .comparison import CLAIM_DEADLINE_YEAR, SOBOL_INDEPENDENT_NOTE, Comparison
from .._display import money
from .labels import CHOICE_WORDS, fmt, fmt_param, label

if TYPE_CHECKING:
    from types import ModuleType

    from .montecarlo import MonteCarloResult

PFLOPS_DAY = 1e15 * 86400.0
# matplotlib's tab20, for both renderings: each cost line keeps its colour in PNG and HTML.
TAB20 = ("#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd", "#c5b0d5",
         "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7", "#bcbd22", "#dbdb8d", "#17becf", "#9edae5")


def _plt() -> ModuleType:
    return pyplot()


def _monte_carlo(c: Comparison) -> MonteCarloResult:
    if c.monte_carlo is None:
        raise ValueError("the comparison has no Monte Carlo (it was run with draws = 0)")
    return c.monte_carlo


def _analysis(c: Comparison, name: str) -> pd.DataFrame:
    df: pd.DataFrame | None = getattr(c, name)
    if df is None:
        raise ValueError(f"the comparison has no {name} analysis (it was run without one)")
    return df


def _save(fig: Any, path: str | os.PathLike[str], kind: str) -> None:
    if kind == ".png":
        save_png(fig, path)
    else:
        save_html(fig, path)


def plot_breakdown(c: Comparison, path: str | os.PathLike[str]) -> None:
    """Stacked bars of each side's present-value cost lines, in USD per delivered PFLOP/s-day."""
    kind = _suffix(path)
    lines = c.lines.iloc[:-1]
    o = lines["orbit_usd_per_flop"].to_numpy() * PFLOPS_DAY
    g = lines["ground_usd_per_flop"].to_numpy() * PFLOPS_DAY
    names = lines["line"].tolist()
    title = f"Cost per delivered PFLOP/s-day, {c.design.racks} racks each side (orbit / ground = {c.cost_ratio:.2f})"
    sides = ["Orbit", "Ground"]
    if kind == ".png":
        plt = _plt()
        fig, ax = plt.subplots(figsize=(10, 6), constrained_layout=True)
        bottom = np.zeros(2)
        for i, nm in enumerate(names):
            v = np.array([o[i], g[i]])
            if not np.any(v > 0):
                continue
            ax.bar(sides, v, bottom=bottom, label=nm, color=TAB20[i % 20])
            bottom += v
        ax.set_ylabel("USD per PFLOP/s-day (present value)")
        ax.yaxis.set_major_formatter(_plt().FuncFormatter(lambda x, _p: f"{x:,.0f}"))
        ax.set_title(title, fontsize=10)
        handles, labels = ax.get_legend_handles_labels()
        # Listed top to bottom as stacked.
        ax.legend(handles[::-1], labels[::-1], fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
        ax.grid(axis="y", alpha=0.3)
        _save(fig, path, kind)
    else:
        go = graph_objects()

        fig = go.Figure()
        for i, nm in enumerate(names):
            if o[i] > 0 or g[i] > 0:
                fig.add_trace(go.Bar(name=nm, x=sides, y=[o[i], g[i]], marker_color=TAB20[i % 20], hovertemplate="%{y:,.0f} USD per PFLOP/s-day"))
        fig.update_layout(barmode="stack", title=title, yaxis_title="USD per PFLOP/s-day (present value)", yaxis_tickformat=",.0f", legend_traceorder="reversed")
        _save(fig, path, kind)


def plot_parity(c: Comparison, path: str | os.PathLike[str]) -> None:
    """Cost ratio orbit/ground for a system bought in each year, every price on its curve: the
    scenario's line and, with a Monte Carlo, the P10-P90 band and the median."""
    kind = _suffix(path)
    t = c.trajectory
    years = t["year"].to_numpy()
    band = c.monte_carlo.ratio_band(years) if c.monte_carlo is not None else None
    title = "Orbit / ground cost per delivered FLOP by year of purchase (below 1: orbit cheaper)"
    if kind == ".png":
        plt = _plt()
        from matplotlib.ticker import FuncFormatter, LogLocator

        fig, ax = plt.subplots(figsize=(8, 5), constrained_layout=True)
        if band is not None:
            ax.fill_between(years, band["ratio_p10"], band["ratio_p90"], alpha=0.25, label="Monte Carlo P10-P90")
            ax.plot(years, band["ratio_p50"], "--", label="Monte Carlo median")
        ax.plot(years, t["cost_ratio"], label="This scenario")
        ax.axhline(1.0, color="k", lw=0.8)
        ax.axvline(CLAIM_DEADLINE_YEAR, color="r", lw=0.8, ls=":", label=f"Article's deadline ({CLAIM_DEADLINE_YEAR:.1f})")
        ax.set_xlabel("Year of purchase")
        ax.set_ylabel("Cost ratio orbit / ground")
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_minor_locator(LogLocator(base=10, subs=()))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: f"{y:g}"))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: f"{x:.0f}"))
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
        fig.add_trace(go.Scatter(x=years, y=t["cost_ratio"], line=dict(color=TAB20[2]), name="This scenario"))
        fig.add_hline(y=1.0, line_color="black", line_width=1)
        fig.add_vline(x=CLAIM_DEADLINE_YEAR, line_dash="dot", line_color="red", annotation_text=f"article's deadline ({CLAIM_DEADLINE_YEAR:.1f})")
        fig.update_layout(title=title, xaxis_title="Year of purchase", yaxis_title="Cost ratio orbit / ground", yaxis_type="log", xaxis_tickformat="d")
        _save(fig, path, kind)


def plot_tornado(c: Comparison, path: str | os.PathLike[str], top: int = 12) -> None:
    """Tornado of the assumptions that move orbit's cost per PFLOP/s-day most (P10 to P90 of
    each); the assumptions that do not move it (ground-side ones) are left out of the figure."""
    if c.tornado is None:
        raise ValueError("this comparison has no tornado (run it with draws > 0)")
    kind = _suffix(path)
    moving = c.tornado[c.tornado["output_at_low"] != c.tornado["output_at_high"]]
    t = (moving if len(moving) else c.tornado).head(top).iloc[::-1]
    base = float(t["base_output"].iloc[0]) * PFLOPS_DAY
    lo = t["output_at_low"].to_numpy() * PFLOPS_DAY
    hi = t["output_at_high"].to_numpy() * PFLOPS_DAY
    names = [f"{label(r['name'])}: {fmt_param(r['name'], r['low_value'])} to {fmt_param(r['name'], r['high_value'])}" for _, r in t.iterrows()]
    title = "Orbit's cost per PFLOP/s-day, each assumption from its P10 to its P90"
    if kind == ".png":
        plt = _plt()
        fig, ax = plt.subplots(figsize=(10, 0.45 * len(names) + 1.5), constrained_layout=True)
        y = np.arange(len(names))
        ax.barh(y, lo - base, left=base, color="tab:blue", label="at its P10")
        ax.barh(y, hi - base, left=base, color="tab:orange", label="at its P90")
        ax.set_yticks(y, names, fontsize=8)
        ax.axvline(base, color="k", lw=0.8)
        ax.set_xlabel("USD per PFLOP/s-day")
        ax.xaxis.set_major_formatter(_plt().FuncFormatter(lambda x, _p: f"{x:,.0f}"))
        fig.suptitle(title, fontsize=10)
        ax.legend(fontsize=8)
        _save(fig, path, kind)
    else:
        go = graph_objects()

        fig = go.Figure()
        fig.add_trace(go.Bar(y=names, x=lo - base, base=base, orientation="h", name="at its P10"))
        fig.add_trace(go.Bar(y=names, x=hi - base, base=base, orientation="h", name="at its P90"))
        fig.add_vline(x=base, line_width=1, annotation_text=f"scenario: {fmt(base)}")
        fig.update_layout(barmode="overlay", title=title, xaxis_title="USD per PFLOP/s-day", xaxis_tickformat=",.0f", yaxis_automargin=True)
        _save(fig, path, kind)


def lines_table(c: Comparison) -> pd.DataFrame:
    """The cost lines in words: USD (present value) and USD per delivered PFLOP/s-day."""
    df = c.lines
    return pd.DataFrame(
        {
            "Line": df["line"],
            "Orbit (USD)": [money(v, 3) for v in df["orbit_usd"]],
            "Ground (USD)": [money(v, 3) for v in df["ground_usd"]],
            "Orbit (USD per PFLOP/s-day)": [fmt(v * PFLOPS_DAY) for v in df["orbit_usd_per_flop"]],
            "Ground (USD per PFLOP/s-day)": [fmt(v * PFLOPS_DAY) for v in df["ground_usd_per_flop"]],
        }
    )


def _what(text: str) -> str:
    """A baseline's description with the preset names in it (snake_case tokens such as
    ``falcon_heavy``) in words; ordinary words ("gas", "battery") are left as they are."""
    return re.sub(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", lambda m: CHOICE_WORDS.get(m.group(0), m.group(0)), text)


def baselines_table(c: Comparison) -> pd.DataFrame:
    df = c.baselines
    return pd.DataFrame(
        {
            "Option": [o.replace("ground: ", "Ground, ").replace("orbit", "Orbit").replace("_", " ") for o in df["option"]],
            "What": [_what(d) for d in df["description"]],
            "Electricity (USD/kWh)": [fmt(v) if v else "-" for v in df["electricity_usd_per_kwh"]],
            "Cost (USD per PFLOP/s-day)": [fmt(v) for v in df["usd_per_pflops_day"]],
            "Orbit / this": [fmt(v) for v in df["orbit_over_this"]],
            "CO2 (kg per PFLOP/s-day)": [fmt(v) for v in df["co2_kg_per_pflops_day"]],
        }
    )


def thresholds_table(c: Comparison) -> pd.DataFrame:
    df = c.thresholds
    wins = {"below": "below it", "above": "above it", "always": "at any value searched", "never": "at no value searched"}
    return pd.DataFrame(
        {
            "Assumption": [label(n) for n in df["name"]],
            "Value": [fmt_param(n, v) for n, v in zip(df["name"], df["value"])],
            "Break-even value": [fmt_param(n, v) if math.isfinite(v) else "none" for n, v in zip(df["name"], df["threshold"].astype(float))],
            "Orbit cheaper": [wins.get(w, w) for w in df["orbit_wins"]],
            "Break-even / value": [fmt(v) for v in df["factor"]],
        }
    )


def band_table(c: Comparison, years: list[float]) -> pd.DataFrame:
    band = _monte_carlo(c).ratio_band(years)
    return pd.DataFrame(
        {
            "Year of purchase": [f"{y:.0f}" for y in band["year"]],
            "Launch price, median (USD/kg)": [fmt(v) for v in band["launch_usd_per_kg_p50"]],
            "Ratio P10": [fmt(v) for v in band["ratio_p10"]],
            "Ratio P50": [fmt(v) for v in band["ratio_p50"]],
            "Ratio P90": [fmt(v) for v in band["ratio_p90"]],
            "Draws with orbit cheaper": [f"{v:.1%}" for v in band["p_orbit_cheaper"]],
        }
    )


def sobol_table(c: Comparison, top: int | None = None) -> pd.DataFrame:
    df = _analysis(c, "sobol") if top is None else _analysis(c, "sobol").head(top)
    return pd.DataFrame(
        {
            "Assumption": [label(n) for n in df["name"]],
            "First-order index": [f"{s:.3f} ± {e:.3f}" for s, e in zip(df["S1"], df["S1_conf"])],
            "Total index": [f"{s:.3f} ± {e:.3f}" for s, e in zip(df["ST"], df["ST_conf"])],
        }
    )


def tornado_table(c: Comparison, top: int | None = None) -> pd.DataFrame:
    df = _analysis(c, "tornado") if top is None else _analysis(c, "tornado").head(top)
    return pd.DataFrame(
        {
            "Assumption": [label(n) for n in df["name"]],
            "At its P10": [fmt_param(n, v) for n, v in zip(df["name"], df["low_value"])],
            "At its P90": [fmt_param(n, v) for n, v in zip(df["name"], df["high_value"])],
            "Orbit at P10 (USD per PFLOP/s-day)": [fmt(v * PFLOPS_DAY) for v in df["output_at_low"]],
            "Orbit at P90 (USD per PFLOP/s-day)": [fmt(v * PFLOPS_DAY) for v in df["output_at_high"]],
        }
    )


def claims_display(c: Comparison) -> pd.DataFrame:
    df = c.claims
    return pd.DataFrame({"Claim": df["claim"], "Article": df["article"], "Model": df["model"], "P10-P90": df["p10_p90"], "Verdict": df["verdict"], "Why": df["reason"]})


def distributions_table(c: Comparison) -> pd.DataFrame:
    unc = _monte_carlo(c).distributions
    rows = []
    for k, d in unc.items():
        rows.append({"Assumption": label(k), "Distribution": d.describe(), "Source": d.source})
    if not unc.draws_strategy and c.sized:
        rows.append({"Assumption": label("strategy"), "Distribution": "each draw sized for battery and for throttle; the cheaper kept", "Source": "the comparison's design rule"})
    return pd.DataFrame(rows)


def correlations_table(c: Comparison) -> pd.DataFrame:
    rows = _monte_carlo(c).distributions.correlation_rows()
    return pd.DataFrame(
        [{"Assumption": label(r["input_a"]), "With": label(r["input_b"]), "Correlation (normal scores)": f"{r['rho']:+.2f}", "Rank correlation": f"{r['spearman']:+.2f}", "Why": r["reason"]} for r in rows]
    )


def design_sentence(c: Comparison) -> str:
    """The orbital design compared, in words."""
    ch = c.design_choice
    if not ch.sized:
        return f"Design: the scenario's design as written ({ch.racks} racks, {ch.strategy} in eclipse, fixed in every draw)."
    t = ch.radiator_temp_k
    assert t is not None  # a sized design records its radiator temperature
    s = ch.searched
    return (
        f"Design: {ch.racks} racks, {'battery through eclipse' if ch.strategy == 'battery' else 'compute sleeps in eclipse (throttle)'}, "
        f"radiator at {t:.1f} K ({t - 273.15:.1f} °C), {ch.altitude_m / 1000:.0f} km; the best of {s.get('rack_counts', 1)} rack counts "
        f"({s['racks'][0]}-{s['racks'][1]}), {' and '.join(s['strategies'])}, radiator temperatures {s['radiator_temp_k'][0]:.0f}-{s['radiator_temp_k'][1]:.0f} K"
        + (f" and {len(s['altitudes_m'])} altitudes" if len(s.get("altitudes_m", [])) > 1 else "")
        + f", exact sizing{'' if ch.feasible else '; no design fits the launches allowed: the lightest shown'}."
    )


def headline(c: Comparison) -> list[str]:
    """The answer in sentences."""
    s = c.summary()
    p = c.scenario.params()
    out = [
        f"At the scenario's prices ({p['cost_ref_year']:.0f}; launch {s['launch_price_usd_per_kg']:,.0f} USD/kg), orbit costs {c.cost_ratio:.2f} times the ground per delivered FLOP "
        f"({fmt(s['orbit_usd_per_pflops_day'])} against {fmt(s['ground_usd_per_pflops_day'])} USD per PFLOP/s-day).",
        design_sentence(c),
    ]
    be = c.breakeven_launch_usd_per_kg
    if be < 0:
        out.append(f"Break-even launch price at today's hardware prices: {be:,.0f} USD/kg: not even a free launch makes orbit cheaper today.")
    else:
        out.append(f"Break-even launch price at today's hardware prices: {be:,.0f} USD/kg.")
    py = c.parity_year
    when = f"not by {c.horizon_year:.0f}" if math.isinf(py) else f"{py:.1f}"
    out.append(f"With every price on its curve (launch, solar arrays, satellite hardware, batteries; the ground's electricity and facility on their trends), orbit becomes cheaper for a system bought in: {when}.")
    out.append(f"For a system bought at the start of {c.year:.0f} (launch {c.launch_price_at_year_usd_per_kg:,.0f} USD/kg) the ratio is {c.ratio_at_year:.2f}.")
    if c.monte_carlo is not None:
        mc = c.monte_carlo
        shares = ", ".join(f"{k} {v:.0%}" for k, v in s["mc_strategy_shares"].items())
        out.append(
            f"Monte Carlo ({mc.n:,} draws{', correlated inputs' if mc.distributions.correlated else ''}, seed {mc.seed}, {mc.seconds:.2f} s): ratio today P5/P50/P95 "
            f"{s['cost_ratio_p05']:.2f} / {s['cost_ratio_p50']:.2f} / {s['cost_ratio_p95']:.2f}; in {c.year:.0f} P10/P50/P90 {s['ratio_at_year_p10']:.2f} / {s['ratio_at_year_p50']:.2f} / {s['ratio_at_year_p90']:.2f}; "
            f"probability that orbit is cheaper by the end of {c.year:.0f}: {s['p_cheaper_by_end_of_year']:.3f}; "
            f"by the article's deadline ({CLAIM_DEADLINE_YEAR:.1f}, 36 months after early 2026): {s['p_cheaper_by_claim_deadline']:.3f}. "
            f"Eclipse strategy chosen: {shares}."
        )
        if c.sobol is not None and mc.distributions.correlated:
            out.append(SOBOL_INDEPENDENT_NOTE)
    return out


def assumptions_table(c: Comparison) -> pd.DataFrame:
    from ..model import assumptions

    rows = assumptions(c.scenario)
    return pd.DataFrame(
        [
            {
                "Section": r["section"],
                "Assumption": label(r["name"]),
                "Name": r["name"],
                "Value": fmt_param(r["name"], r["value"]),
                "Public range": "-" if r["public_low"] is None else f"{fmt_param(r['name'], r['public_low'])} to {fmt_param(r['name'], r['public_high'])}",
                "Source": r["source"],
            }
            for r in rows
        ]
    )


def display_tables(c: Comparison) -> dict[str, tuple[str, pd.DataFrame]]:
    """Every table of the comparison in words and units, by name: (title, table of strings)."""
    out: dict[str, tuple[str, pd.DataFrame]] = {
        "claims": ("The article's claims against the model", claims_display(c)),
        "lines": (f"Cost lines, present value ({c.design.racks} racks each side, same financing)", lines_table(c)),
        "baselines": ("Ground baselines and CO2-equivalent per delivered FLOP", baselines_table(c)),
        "thresholds": ("What would have to be true (each assumption alone, all else as in the scenario)", thresholds_table(c)),
    }
    if c.monte_carlo is not None:
        ref = int(c.scenario.params()["cost_ref_year"])
        years = sorted({*range(ref, ref + 16, 2), int(c.year), int(math.ceil(CLAIM_DEADLINE_YEAR))})
        out["ratio_band"] = ("Cost ratio by year of purchase (Monte Carlo)", band_table(c, years))
    if c.sobol is not None:
        note = ". " + SOBOL_INDEPENDENT_NOTE if c.correlated else ""
        out["sobol"] = (f"Sobol indices of the cost ratio in {c.year:.0f} (95 % confidence half-widths){note}", sobol_table(c))
    if c.tornado is not None:
        out["tornado"] = ("Tornado: orbit's cost at each assumption's P10 and P90", tornado_table(c))
    if c.monte_carlo is not None:
        out["distributions"] = ("Distributions of the Monte Carlo", distributions_table(c))
        if c.monte_carlo.distributions.correlations:
            out["correlations"] = ("Correlations of the Monte Carlo's inputs (estimates)", correlations_table(c))
    out["assumptions"] = ("Assumptions", assumptions_table(c))
    return out


def _md_cell(v: Any) -> str:
    return str(v).replace("|", "/").replace("\n", " ")


def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    out = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in df.itertuples(index=False):
        out.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    return "\n".join(out)


def _html_table(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def write_report(c: Comparison, out_dir: str | os.PathLike[str], plots: bool = True) -> dict[str, Path]:
    """Write the comparison to ``out_dir``: summary.json, CSV tables (machine names), figures
    (PNG and HTML), report.md (figures linked) and report.html (self-contained: figures
    embedded). Returns the written paths by name."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    tables: dict[str, pd.DataFrame] = {"lines": c.lines, "baselines": c.baselines, "thresholds": c.thresholds, "trajectory": c.trajectory, "claims": c.claims}
    if c.monte_carlo is not None:
        tables["ratio_band"] = c.monte_carlo.ratio_band(c.trajectory["year"].to_numpy())
        if c.monte_carlo.distributions.correlations:
            tables["correlations"] = pd.DataFrame(c.monte_carlo.distributions.correlation_rows())
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
    shown = display_tables(c)
    md = ["# orbitflops: orbit against ground", ""]
    md += [f"- {h}" for h in headline(c)]
    md += [""]
    for name in ("breakdown", "parity", "tornado"):
        if name in figs:
            md += [f"![{name}]({figs[name].name})", ""]
    for title, df in shown.values():
        md += [f"## {title}", "", _md_table(df), ""]
    p = out / "report.md"
    atomic_write_text(p, "\n".join(md))
    paths["report.md"] = p

    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>orbitflops: orbit against ground</title>",
        "<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;font-size:12px;margin-bottom:1.5em}"
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}th{background:#f0f0f0}img{max-width:100%}</style></head><body>",
        "<h1>orbitflops: orbit against ground</h1><ul>",
        *[f"<li>{html.escape(h)}</li>" for h in headline(c)],
        "</ul>",
    ]
    for name in ("breakdown", "parity", "tornado"):
        if name in figs:
            b64 = base64.b64encode(figs[name].read_bytes()).decode("ascii")
            parts.append(f"<img alt='{name}' src='data:image/png;base64,{b64}'>")
    for title, df in shown.values():
        parts.append(f"<h2>{html.escape(title)}</h2>{_html_table(df)}")
    parts.append("</body></html>")
    p = out / "report.html"
    atomic_write_text(p, "\n".join(parts))
    paths["report.html"] = p
    return paths
