"""The seed article's claims, one row each, against the model: the claim, the model's value with
its P10-P90 range, and a verdict in words.

The article (early 2026, reporting Elon Musk on the Dwarkesh Patel podcast) argues that within
about 36 months AI compute in orbit will be cheaper than on the ground, because (a) solar in
space yields about 5x per panel and runs almost without night, (b) energy is only 10-15 % of a
data centre's total cost, (c) so orbit wins within 36 months, and (d) the hard parts are heat
rejection, maintenance and launch cost.

Verdicts: a claim of a number is "supported" when the model's value lies in the claimed range
(within 25 % of a single claimed number), "partly" when only the P10-P90 range reaches it, "not
supported" otherwise; the claim of a time is "supported" when the probability of orbit being
cheaper by the deadline is at least one half, "partly" from 5 % to one half, "not supported"
below 5 %; the claim of the hard parts is "supported" when each of the three is at least 10 % of
orbit's present-value cost, "partly" when one or two are.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .._core import Scenario

SOLAR_CONSTANT_W_M2 = 1361.0
"""Total solar irradiance at 1 AU (Kopp & Lean, GRL 38 (2011) L01706)."""
STC_IRRADIANCE_W_M2 = 1000.0
"""Irradiance at which ground panels are rated (IEC 60904-3 standard test conditions)."""
DC_AC_RATIO = 1.3
"""Panel (DC) to inverter (AC) nameplate ratio of US utility PV fleets, to turn a capacity
factor per W of AC into one per W of panel (est.: LBNL's Utility-Scale Solar reports inverter
loading ratios near 1.3 for recent US projects)."""

GROUND_PV_CAPACITY_FACTORS: dict[str, dict[str, Any]] = {
    "us_average": {
        "label": "United States, utility PV average",
        "capacity_factor": 0.245,
        "basis": "AC",
        "source": "EIA Electric Power Annual, table 4.08.B: utility-scale PV capacity factor 24.2-25.6 % in 2014-2021 (24.2 % in 2020, 24.4 % in 2021)",
    },
    "us_southwest": {
        "label": "US desert Southwest (Utah)",
        "capacity_factor": 0.30,
        "basis": "AC",
        "source": "S&P Global Market Intelligence (29 Mar 2022): 2020 weighted US solar capacity factor 24.4 %, Utah almost 30 %",
    },
    "california": {
        "label": "California (CAISO)",
        "capacity_factor": 0.27,
        "basis": "AC",
        "source": "S&P Global Market Intelligence (29 Mar 2022): California ISO nearly 27 %",
    },
    "global_new": {
        "label": "World, new utility PV (IRENA)",
        "capacity_factor": 0.169,
        "basis": "as quoted",
        "source": "IRENA, Renewable Power Generation Costs in 2022: global weighted-average capacity factor of new utility-scale PV 16.9 % (13.8 % in 2010); the basis (AC or DC) is not stated with the figure: taken per W of panel",
    },
    "germany": {
        "label": "Germany",
        "capacity_factor": 0.108,
        "basis": "DC",
        "source": "59.5 TWh of solar electricity in 2022 over ~63 GW mean installed (67.3 GW at the end of 2022; German and English Wikipedia, Photovoltaik in Deutschland / Solar power in Germany): 10.8 %, on installed (panel) capacity",
    },
}
"""Ground solar capacity factors by region, with their sources. AC figures are per W of inverter
capacity and are divided by :data:`DC_AC_RATIO` to give the energy per W of panel."""

ARTICLE_SOLAR_RATIO = 5.0
ARTICLE_ENERGY_SHARE = (0.10, 0.15)
EPOCH_ENERGY_SHARE = 0.071
"""Epoch AI, AI datacenter cost breakdown (May 2026): energy 0.6 of 8.5 B USD a year of total
cost of ownership for a 1 GW AI data centre."""
HARD_PART_SHARE = 0.10


def ground_dc_capacity_factor(region: str) -> float:
    """Mean output per W of panel (DC) of ground PV in ``region`` (a key of
    :data:`GROUND_PV_CAPACITY_FACTORS`), as a fraction of its rating."""
    if region not in GROUND_PV_CAPACITY_FACTORS:
        raise ValueError(f"region = {region!r}: must be one of {', '.join(GROUND_PV_CAPACITY_FACTORS)}")
    r = GROUND_PV_CAPACITY_FACTORS[region]
    return r["capacity_factor"] / DC_AC_RATIO if r["basis"] == "AC" else r["capacity_factor"]


def orbit_yield_factor(scenario: Scenario) -> dict[str, float]:
    """Annual mean of the array's Sun exposure in the scenario's orbit: the sunlit fraction (the
    cylindrical shadow, as the core's ``sunlit_fraction_mean``), the mean incidence cosine while
    sunlit (the array's pointing: ``fixed_normal`` sin|beta|, ``one_axis`` cos beta,
    ``two_axis`` 1) times the Sun-distance factor, and their product, over the core's year of
    samples (every 5th day of ``start_year``; 24 node angles per day for an inclined orbit)."""
    from ..reference import _inclination, _year_samples

    p = {k: np.asarray([v], dtype=float) for k, v in scenario.params().items()}
    ch = scenario.choices()
    inc = _inclination(p, ch)
    sun, lit, n = 0.0, 0.0, 0
    for _beta, _f, fc, _g, h, _margin in _year_samples(p, ch, inc):
        c = np.where(np.isfinite(h), 1.0 / h, 0.0)
        sun += float((1.0 - fc[0]) * c[0])
        lit += float(1.0 - fc[0])
        n += 1
    sunlit = lit / n
    mean = sun / n
    return {"sunlit_fraction": sunlit, "incidence": mean / sunlit if sunlit > 0 else 0.0, "exposure": mean}


def solar_yield_ratio(scenario: Scenario, region: str = "us_average") -> dict[str, Any]:
    """Energy per year from a panel in the scenario's orbit over the same panel on the ground in
    ``region``: 1361 W/m^2 x the orbit's exposure (:func:`orbit_yield_factor`) over 1000 W/m^2 x
    the region's capacity factor per W of panel (:func:`ground_dc_capacity_factor`), with the
    ratio for every region. Cell temperature, soiling, clipping and radiation degradation are
    left out on both sides."""
    ground_dc_capacity_factor(region)  # checks the region
    y = orbit_yield_factor(scenario)
    orbit_w_m2 = SOLAR_CONSTANT_W_M2 * y["exposure"]
    by_region = {k: orbit_w_m2 / (STC_IRRADIANCE_W_M2 * ground_dc_capacity_factor(k)) for k in GROUND_PV_CAPACITY_FACTORS}
    return {"ratio": by_region[region], "region": region, "by_region": by_region, "orbit_mean_w_m2": orbit_w_m2, **y}


def failure_cost_share(out: dict[str, Any], discount_rate: Any, lifetime_yr: Any) -> np.ndarray:
    """Share of orbit's cost per delivered FLOP due to failures without repair: 1 - PV(FLOP) /
    PV(FLOP without failures), the latter from the delivered FLOP/s and the waterfall's loss to
    failures (delivered x after-utilisation / after-failures x annuity x year). Spare racks are
    not counted as a failure cost."""
    from .pricing import annuity

    year_s = 365.2422 * 86400.0
    with np.errstate(divide="ignore", invalid="ignore"):
        pv0 = np.asarray(out["delivered_flops"], float) * np.asarray(out["after_utilisation_flops"], float) / np.asarray(out["after_failures_flops"], float) * annuity(discount_rate, lifetime_yr) * year_s
        return 1.0 - np.asarray(out["pv_flop"], float) / pv0


def cost_shares(out: dict[str, Any]) -> dict[str, np.ndarray]:
    """Shares of orbit's present-value cost: heat rejection (radiators and coolant loop, with the
    launch of their mass), launch (the launch line) and, for context, the compute payload, the
    solar array (with the launch of its mass) and the spacecraft's bus and structure."""
    pv = np.asarray(out["pv_cost_usd"], float)
    m = np.asarray(out["mass_total_kg"], float)
    launch = np.asarray(out["cost_launch_usd"], float)
    per_kg = np.where(m > 0, launch / np.where(m > 0, m, 1.0), 0.0)
    heat = np.asarray(out["cost_radiator_usd"], float) + np.asarray(out["cost_coolant_usd"], float) + per_kg * (np.asarray(out["mass_radiator_kg"], float) + np.asarray(out["mass_coolant_kg"], float))
    shares = {"heat_rejection": heat / pv, "launch": launch / pv, "compute_payload": np.asarray(out["cost_racks_usd"], float) / pv}
    if "mass_array_kg" in out:
        shares["solar_array"] = (np.asarray(out["cost_array_usd"], float) + per_kg * np.asarray(out["mass_array_kg"], float)) / pv
    shares["bus_and_structure"] = (np.asarray(out["cost_bus_usd"], float) + np.asarray(out["cost_structure_usd"], float) + np.asarray(out["cost_spacecraft_specific_usd"], float)) / pv
    return shares


def _q(x: np.ndarray | None) -> tuple[float, float]:
    if x is None or len(x) == 0:
        return (math.nan, math.nan)
    x = np.asarray(x, float)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return (math.nan, math.nan)
    return float(np.quantile(x, 0.1)), float(np.quantile(x, 0.9))


def _pct(v: float) -> str:
    return "-" if not math.isfinite(v) else f"{100 * v:.0f} %" if abs(v) >= 0.095 else f"{100 * v:.1f} %"


def _range_verdict(value: float, lo: float, hi: float, p10: float, p90: float) -> str:
    if lo <= value <= hi:
        return "supported"
    if math.isfinite(p10) and p10 <= hi and p90 >= lo:
        return "partly"
    return "not supported"


def claims_table(c: Any, region: str = "us_average") -> pd.DataFrame:
    """The article's claims against comparison ``c`` (:class:`orbitflops.compare.Comparison`):
    columns claim, article (what it says), model (the model's value), p10_p90 (its range: the
    Monte Carlo's P10-P90; for the solar yield, the range across regions), verdict and reason.
    Numeric columns ``value``, ``p10``, ``p90`` carry the figures."""
    from .comparison import CLAIM_DEADLINE_YEAR

    mc = c.monte_carlo
    d = mc.draws if mc is not None else None
    rows = []

    # (a) Solar per panel.
    sy = solar_yield_ratio(c.design_choice.scenario, region)
    lo_r, hi_r = min(sy["by_region"].values()), max(sy["by_region"].values())
    v = sy["ratio"]
    lo_c, hi_c = ARTICLE_SOLAR_RATIO * 0.75, ARTICLE_SOLAR_RATIO * 1.25
    verdict = _range_verdict(v, lo_c, hi_c, lo_r, hi_r)
    label = GROUND_PV_CAPACITY_FACTORS[region]["label"]
    sunny = min(sy["by_region"], key=sy["by_region"].get)
    cloudy = max(sy["by_region"], key=sy["by_region"].get)
    reason = (
        f"A panel in this orbit is sunlit {_pct(sy['sunlit_fraction'])} of the year at a mean incidence of {sy['incidence']:.2f}, "
        f"{sy['orbit_mean_w_m2']:,.0f} W/m^2 on average, against 1000 W/m^2 x the ground's capacity factor per W of panel: "
        f"{v:.1f}x against the {label}; from {lo_r:.1f}x against the {GROUND_PV_CAPACITY_FACTORS[sunny]['label']} to {hi_r:.1f}x against {GROUND_PV_CAPACITY_FACTORS[cloudy]['label']}. "
        + ("About 5x holds for the sunniest sites only; against an average site the gain is larger." if verdict != "supported" and v > hi_c else "")
    )
    rows.append({"claim": "Solar in space yields about 5x per panel", "article": "about 5x", "model": f"{v:.1f}x ({label})", "p10_p90": f"{lo_r:.1f}x to {hi_r:.1f}x (regions)", "value": v, "p10": lo_r, "p90": hi_r, "verdict": verdict, "reason": reason.strip()})

    # (b) Energy share of a ground data centre's cost.
    share = float(c.orbit.ground_energy_share)
    p10, p90 = _q(d["ground_energy_share"].to_numpy() if d is not None else None)
    verdict = _range_verdict(share, *ARTICLE_ENERGY_SHARE, p10, p90)
    reason = (
        f"Electricity is {_pct(share)} of the ground's present-value cost here (P10-P90 {_pct(p10)} to {_pct(p90)}); "
        f"Epoch AI's 2026 breakdown of a 1 GW AI data centre gives {_pct(EPOCH_ENERGY_SHARE)}. "
        + ("The racks dominate either way, so cheaper energy in orbit saves little." if share < 0.2 else "")
    )
    rows.append({"claim": "Energy is 10-15 % of a data centre's total cost", "article": "10-15 %", "model": _pct(share), "p10_p90": f"{_pct(p10)} to {_pct(p90)}" if math.isfinite(p10) else "-", "value": share, "p10": p10, "p90": p90, "verdict": verdict, "reason": reason.strip()})

    # (c) Cheapest within 36 months.
    py = c.parity_year
    prob = c.probability_cheaper_by(CLAIM_DEADLINE_YEAR)
    pp10, pp90 = (mc.quantiles("parity_year", (0.1, 0.9)).values() if mc is not None else (math.nan, math.nan))
    yr = lambda y: "never (by 2100)" if math.isinf(y) else f"{y:.1f}"  # noqa: E731
    if mc is None:
        verdict = "supported" if py <= CLAIM_DEADLINE_YEAR else "not supported"
        why_p = "no Monte Carlo"
    else:
        verdict = "supported" if prob >= 0.5 else ("partly" if prob >= 0.05 else "not supported")
        why_p = f"probability by {CLAIM_DEADLINE_YEAR:.1f}: {100 * prob:.1f} % of {mc.n:,} draws"
    reason = f"Parity year for this scenario: {yr(py)} (the first year a system bought then is cheaper in orbit, every price on its curve); {why_p}; P10-P90 of the parity year {yr(pp10)} to {yr(pp90)}."
    rows.append({"claim": "Orbit is the cheapest place for AI compute within 36 months", "article": f"by {CLAIM_DEADLINE_YEAR:.1f}", "model": f"parity {yr(py)}; probability {_pct(prob)}" if mc is not None else f"parity {yr(py)}", "p10_p90": f"{yr(pp10)} to {yr(pp90)}", "value": prob, "p10": pp10, "p90": pp90, "verdict": verdict, "reason": reason})

    # (d) The hard parts.
    o = c.orbit.to_dict()
    sh = {k: float(v) for k, v in cost_shares(o).items()}
    p = c.design_choice.scenario.params()
    fail = float(failure_cost_share(o, p["discount_rate"], p["lifetime_yr"]))
    parts = {"heat rejection": sh["heat_rejection"], "launch": sh["launch"], "failures without repair": fail}
    q = {}
    if d is not None:
        ok = d["buildable"].to_numpy()
        dd = {k: d[k].to_numpy()[ok] for k in d.columns if k in o or k in ("pv_cost_usd",)}
        mc_sh = cost_shares(dd)
        dr = d["discount_rate"].to_numpy()[ok] if "discount_rate" in d else p["discount_rate"]
        lf = d["lifetime_yr"].to_numpy()[ok] if "lifetime_yr" in d else p["lifetime_yr"]
        q = {"heat rejection": _q(mc_sh["heat_rejection"]), "launch": _q(mc_sh["launch"]), "failures without repair": _q(failure_cost_share(dd, dr, lf))}
    big = sum(v >= HARD_PART_SHARE for v in parts.values())
    verdict = "supported" if big == 3 else ("partly" if big else "not supported")
    others = {"compute payload": sh["compute_payload"], "solar array": sh.get("solar_array", math.nan), "bus and structure": sh["bus_and_structure"]}
    top = ", ".join(f"{k} {_pct(v)}" for k, v in sorted(others.items(), key=lambda kv: -kv[1] if math.isfinite(kv[1]) else 0))
    model = "; ".join(f"{k} {_pct(v)}" for k, v in parts.items())
    rng = "; ".join(f"{_pct(a)} to {_pct(b)}" for a, b in q.values()) if q else "-"
    reason = (
        f"Shares of orbit's present-value cost: {model} (heat rejection counts the launch of its mass, which the launch share also holds; failures: the compute lost because nothing is repaired). "
        f"For scale: {top}. " + ("Each named part is a material cost." if verdict == "supported" else f"Parts under {_pct(HARD_PART_SHARE)}: " + ", ".join(k for k, v in parts.items() if v < HARD_PART_SHARE) + ".")
    )
    rows.append({"claim": "The hard parts are heat rejection, maintenance and launch cost", "article": "heat, maintenance, launch", "model": model, "p10_p90": rng, "value": sum(parts.values()), "p10": math.nan, "p90": math.nan, "verdict": verdict, "reason": reason})
    return pd.DataFrame(rows)
