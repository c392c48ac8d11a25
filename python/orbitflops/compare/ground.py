"""Orbit against the ground line by line: present-value cost items of both sides, the ground
baselines (electricity supplies) with their CO2-equivalent per delivered FLOP, and the design a
comparison uses.

Both sides are levelised the same way (docs/model.md, "Cost and economics"): present value of
costs over present value of delivered FLOP, discounted continuously at rho = ln(1 + r) over the
lifetime L, so that a cost of C per year is worth C * A with the annuity
A = (1 - (1 + r)^-L) / rho (A = L when r = 0).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .. import _core
from .._core import Design, Scenario
from ..model import evaluate, size


def annuity_yr(discount_rate: float, lifetime_yr: float) -> float:
    """Present value (yr) of 1 per year paid continuously for ``lifetime_yr`` years at the
    annual rate ``discount_rate``: (1 - (1 + r)^-L) / ln(1 + r), or L when r = 0 (continuous
    discounting as in the core; any engineering-economics text, e.g. Newnan)."""
    if discount_rate == 0:
        return float(lifetime_yr)
    rho = math.log1p(discount_rate)
    return -math.expm1(-rho * lifetime_yr) / rho


def comparison_design(scenario: Scenario, design: Design | None = None) -> tuple[Design, bool]:
    """The design to compare: ``design`` as given (fixed), or the smallest feasible design for the
    scenario's rack count (closed form), which Monte Carlo draws then re-size. Returns the design
    and whether it is sized."""
    if design is not None:
        if not isinstance(design, Design):
            raise TypeError(f"design must be an orbitflops.Design or None, got {type(design).__name__}")
        return design, False
    d = scenario.design
    return size(scenario, int(d.racks), int(d.spare_racks)), True


def cost_lines(ev: Any, scenario: Scenario) -> pd.DataFrame:
    """Present-value cost of each line of orbit and ground with the same racks (USD), the same
    per delivered FLOP (USD/FLOP, each side's line over that side's present-value FLOP) and per
    kW of compute power and year (USD/(kW yr), levelised over the lifetime). The last row is the
    total, whose per-FLOP figures are the cost per FLOP of each side."""
    p = scenario.params()
    a = annuity_yr(p["discount_rate"], p["lifetime_yr"])
    o = ev.to_dict()
    rows = [
        ("Racks (orbit: with spares)", o["cost_racks_usd"], o["ground_racks_usd"]),
        ("IT refresh, net of the last set's residual value", 0.0, o["ground_refresh_pv_usd"]),
        ("Solar array", o["cost_array_usd"], 0.0),
        ("Battery", o["cost_battery_usd"], 0.0),
        ("Electricity", 0.0, o["ground_energy_usd_per_yr"] * a),
        ("Radiators", o["cost_radiator_usd"], 0.0),
        ("Coolant loop", o["cost_coolant_usd"], 0.0),
        ("Bus", o["cost_bus_usd"], 0.0),
        ("Structure and shielding", o["cost_structure_usd"], 0.0),
        ("Spacecraft, top down (specific cost)", o["cost_spacecraft_specific_usd"], 0.0),
        ("Facility (building, power, cooling), net of its residual value", 0.0, o["ground_facility_pv_usd"]),
        ("Integration and test", o["cost_integration_usd"], 0.0),
        ("Launch", o["cost_launch_usd"], 0.0),
        ("Insurance", o["cost_insurance_usd"], 0.0),
        ("Non-recurring engineering", o["nre_usd"], 0.0),
        ("Facility maintenance", 0.0, o["ground_maintenance_usd_per_yr"] * a),
        ("Repairs", 0.0, o["ground_repair_usd_per_yr"] * a),
        ("Operations, staff, network", o["ops_usd_per_yr"] * a, o["ground_staff_usd_per_yr"] * a),
    ]
    if p["spacecraft_cost_usd_per_w"] == 0 or o["cost_spacecraft_specific_usd"] == 0:
        rows = [r for r in rows if not r[0].startswith("Spacecraft, top down")]
    if o["nre_usd"] == 0:
        rows = [r for r in rows if r[0] != "Non-recurring engineering"]
    df = pd.DataFrame(rows, columns=["line", "orbit_usd", "ground_usd"])
    total = pd.DataFrame([("Total (present value)", o["pv_cost_usd"], o["ground_pv_cost_usd"])], columns=df.columns)
    df = pd.concat([df, total], ignore_index=True)
    pv_o, pv_g = o["pv_flop"], o["ground_pv_flop"]
    df["orbit_usd_per_flop"] = df["orbit_usd"] / pv_o if pv_o > 0 else np.inf
    df["ground_usd_per_flop"] = df["ground_usd"] / pv_g
    # Levelised per kW of compute (IT) power and year, the unit public studies quote (Suncatcher
    # sec. 4.4): present value over kW x annuity.
    kw_yr = o["compute_power_w"] / 1000.0 * a
    df["orbit_usd_per_kw_yr"] = df["orbit_usd"] / kw_yr
    df["ground_usd_per_kw_yr"] = df["ground_usd"] / kw_yr
    return df


def supply_presets() -> list[dict[str, Any]]:
    """The ground electricity-supply presets (name, description, source, values)."""
    return [p for p in _core.PRESETS if p["kind"] == "supply"]


def baselines(scenario: Scenario, design: Design) -> pd.DataFrame:
    """Orbit beside each ground baseline (grid-powered hyperscale, on-site gas, ground solar with
    storage), with the same racks: cost per delivered FLOP, the ratio orbit/ground, and the
    CO2-equivalent per delivered FLOP (orbit: launch combustion; ground: life-cycle emissions of
    its electricity). Units: USD/FLOP, kg/FLOP; also USD and kg per PFLOP/s-day."""
    day = 1e15 * 86400.0
    orbit = evaluate(design, scenario)
    rows = [
        {
            "option": "orbit",
            "description": f"{scenario.choices()['launcher']} launch, {scenario.choices()['cell']} array",
            "electricity_usd_per_kwh": 0.0,
            "co2_kg_per_kwh": math.nan,
            "cost_per_flop_usd": orbit.cost_per_flop_usd,
            "usd_per_pflops_day": orbit.cost_per_flop_usd * day,
            "co2_kg_per_flop": orbit.co2_kg_per_flop,
            "co2_kg_per_pflops_day": orbit.co2_kg_per_flop * day,
            "orbit_over_this": 1.0,
        }
    ]
    for pr in supply_presets():
        ev = evaluate(design, scenario.replace(supply=pr["name"]))
        rows.append(
            {
                "option": f"ground: {pr['name']}",
                "description": pr["description"],
                "electricity_usd_per_kwh": pr["values"]["electricity_price_usd_per_kwh"],
                "co2_kg_per_kwh": pr["values"]["ground_co2_kg_per_kwh"],
                "cost_per_flop_usd": ev.ground_cost_per_flop_usd,
                "usd_per_pflops_day": ev.ground_cost_per_flop_usd * day,
                "co2_kg_per_flop": ev.ground_co2_kg_per_flop,
                "co2_kg_per_pflops_day": ev.ground_co2_kg_per_flop * day,
                "orbit_over_this": ev.cost_ratio,
            }
        )
    return pd.DataFrame(rows)
