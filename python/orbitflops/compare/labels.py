"""Words and units for what a comparison shows: each parameter, choice and column as a person
reads it ("Solar array cost (USD/W)"), and numbers rounded to the figures that matter.

:func:`label` names a parameter, choice or output; :func:`fmt` formats a number. Parameters
without an entry in :data:`LABELS` take the first clause of their description in the parameter
table, with its unit.
"""

from __future__ import annotations

import math
from typing import Any

from .. import _core

_PARAMS = {p["name"]: p for p in _core.PARAMS}
_OUTPUT_UNITS = {o["name"]: o["unit"] for o in _core.OUTPUTS}

LABELS: dict[str, str] = {
    # Solar array and power.
    "cell": "Solar cell",
    "cell_efficiency": "Cell efficiency",
    "array_inherent_efficiency": "Array wiring and mismatch efficiency",
    "array_degradation_per_yr": "Array degradation per year",
    "array_areal_density_kg_m2": "Solar array mass per area",
    "array_cost_usd_per_w": "Solar array cost",
    "bus_fixed_w": "Bus power (avionics, links)",
    "bus_fraction": "Pump and thermal-control power, share of compute",
    "regulation_efficiency": "Array regulator efficiency",
    "distribution_efficiency": "Power distribution efficiency",
    "battery_charge_efficiency": "Battery charge efficiency",
    "battery_discharge_efficiency": "Battery discharge efficiency",
    "battery_specific_energy_j_kg": "Battery specific energy",
    "battery_cost_usd_per_kwh": "Battery cost",
    "strategy": "Eclipse strategy",
    # Thermal.
    "chip_temp_max_k": "Chip temperature limit",
    "cold_plate_dt_k": "Chip-to-coolant temperature drop",
    "coolant_loop_dt_k": "Coolant-to-radiator temperature drop",
    "radiator_areal_density_kg_m2": "Radiator mass per area",
    "radiator_cost_usd_per_m2": "Radiator cost",
    "coolant_loop_kg_per_w": "Coolant loop mass per kW of heat",
    "coolant_loop_cost_usd_per_w": "Coolant loop cost per W of heat",
    "radiator_temp_k": "Radiator temperature",
    # Compute payload.
    "rack": "Compute payload",
    "rack_power_w": "Rack power",
    "rack_mass_kg": "Compute payload mass per rack",
    "rack_cost_usd": "Rack price",
    "utilisation": "Model FLOP utilisation",
    "failure_rate_per_yr": "Accelerator hardware failures in orbit per year",
    "radiation_failure_rate_per_yr": "Accelerators lost to radiation per year",
    "failure_activation_energy_ev": "Failure activation energy (temperature dependence)",
    "failure_ref_temp_k": "Junction temperature of the quoted failure rate",
    "radiation_derate": "Throughput lost to radiation errors",
    # Spacecraft.
    "structure_fraction": "Structure mass, share of what it carries",
    "bus_mass_kg": "Bus mass (avionics, attitude control, propulsion)",
    "bus_mass_kg_per_w": "Power electronics mass per kW of load",
    "spacecraft_specific_power_w_kg": "Spacecraft specific power (top down)",
    "spacecraft_cost_usd_per_w": "Spacecraft cost per W (top down)",
    "bus_cost_usd_per_kg": "Bus cost per kg",
    "structure_cost_usd_per_kg": "Structure and shielding cost per kg",
    "integration_fraction": "Integration and test, share of hardware",
    "ops_usd_per_yr": "Operations per year",
    "ops_usd_per_rack_yr": "Operations per rack per year",
    # Launch.
    "launcher": "Launcher",
    "launch_price_usd_per_kg": "Launch price today",
    "insurance_fraction": "Launch insurance, share of value",
    "launch_co2_kg_per_kg": "Launch CO2 per kg",
    "altitude_m": "Altitude",
    # Ground.
    "supply": "Ground electricity supply",
    "ground_capex_usd_per_w": "Ground facility cost per W of IT",
    "electricity_price_usd_per_kwh": "Electricity price",
    "pue": "Power usage effectiveness (PUE)",
    "ground_maintenance_fraction_per_yr": "Facility maintenance per year, share of its cost",
    "ground_ops_usd_per_rack_yr": "Ground staff and network per rack per year",
    "ground_failure_rate_per_yr": "Accelerator failures on the ground per year",
    "ground_repair_cost_fraction": "Repair cost, share of the failed part",
    "ground_availability": "Ground availability",
    "ground_facility_life_yr": "Ground facility life",
    "ground_it_refresh_yr": "Ground IT refresh interval",
    # Market.
    "learning_rate": "Launch learning rate (per doubling)",
    "launched_mass_growth_per_yr": "Growth of mass launched per year",
    "pv_learning_rate": "Solar array learning rate (per doubling)",
    "pv_production_growth_per_yr": "Growth of solar production per year",
    "satellite_learning_rate": "Satellite hardware learning rate (per doubling)",
    "satellite_production_growth_per_yr": "Growth of satellite production per year",
    "battery_learning_rate": "Battery learning rate (per doubling)",
    "battery_production_growth_per_yr": "Growth of battery production per year",
    "electricity_price_trend_per_yr": "Electricity price trend per year (real)",
    "ground_capex_trend_per_yr": "Facility cost trend per year (real)",
    "cost_ref_year": "Year the prices are quoted for",
    # Finance.
    "lifetime_yr": "Lifetime",
    "discount_rate": "Discount rate",
    # Outputs.
    "cost_ratio": "Cost ratio orbit / ground",
    "cost_per_flop_usd": "Orbit's cost per FLOP",
    "ground_cost_per_flop_usd": "Ground's cost per FLOP",
    "breakeven_launch_usd_per_kg": "Break-even launch price",
    "parity_year": "Parity year",
    "ratio_at_year": "Cost ratio for a system bought in the year asked",
    "ground_energy_share": "Energy share of the ground's cost",
    "mass_total_kg": "Spacecraft mass",
}
"""Labels of parameters, choices and outputs (without units; :func:`label` adds them)."""

CHOICE_WORDS: dict[str, str] = {
    "silicon_thin": "thin silicon",
    "gaas_tj": "triple-junction GaAs",
    "starship": "Starship",
    "falcon_heavy": "Falcon Heavy",
    "falcon9": "Falcon 9",
    "gb200_nvl72_flight": "flight payload (GB200 NVL72 chips)",
    "gb200_nvl72": "GB200 NVL72 rack flown whole",
    "hgx_h100": "HGX H100 server",
    "battery": "battery through eclipse",
    "throttle": "sleep in eclipse",
    "grid": "grid",
    "gas": "on-site gas",
    "solar_storage": "solar with storage",
    "white_paint": "white paint",
    "osr": "optical solar reflectors",
}
"""Choice names in words."""

UNIT_WORDS: dict[str, str] = {
    "1": "",
    "1/yr": "per year",
    "1/K": "per K",
    "kg/m^2": "kg/m²",
    "USD/m^2": "USD/m²",
    "W/m^2": "W/m²",
    "J/kg": "Wh/kg",
    "kg/W": "kg/kW",
    "USD/yr": "USD/yr",
    "yr": "years",
}
"""How units read in labels (J/kg is shown as Wh/kg and kg/W as kg/kW, see
:func:`display_value`)."""

DISPLAY_SCALE: dict[str, float] = {"J/kg": 1.0 / 3600.0, "kg/W": 1000.0}
"""Factors from a parameter's SI unit to its displayed unit."""


def unit_of(name: str) -> str:
    """The SI unit of a parameter or output (``""`` for a choice)."""
    if name in _PARAMS:
        return _PARAMS[name]["unit"]
    if name in _OUTPUT_UNITS:
        return _OUTPUT_UNITS[name]
    if name == "parity_year":
        return "yr"
    return ""


def display_unit(name: str) -> str:
    """The unit a parameter is shown in."""
    u = unit_of(name)
    return UNIT_WORDS.get(u, u)


def display_value(name: str, value: Any) -> Any:
    """``value`` of parameter ``name`` in its displayed unit."""
    f = DISPLAY_SCALE.get(unit_of(name))
    if f is None or isinstance(value, str):
        return value
    return value * f


def _from_doc(name: str) -> str:
    doc = _PARAMS[name]["doc"] if name in _PARAMS else name.replace("_", " ")
    for sep in (":", ";", " (", ","):
        i = doc.find(sep)
        if 0 < i < 60:
            doc = doc[:i]
    doc = doc.rstrip(".")
    return doc[0].upper() + doc[1:] if doc else name


def label(name: str, unit: bool = True) -> str:
    """A parameter, choice or output in words, with its unit in parentheses (when it has one
    and ``unit``)."""
    text = LABELS.get(name) or _from_doc(name)
    u = display_unit(name) if unit else ""
    if u == "per year":
        return text if "per year" in text else f"{text} per year"
    return f"{text} ({u})" if u else text


def fmt(v: Any, sig: int = 3) -> str:
    """A number rounded to ``sig`` significant figures, with thousands separators; millions and
    billions in words; infinities as "never"/"-inf"; a string as it is."""
    if isinstance(v, str):
        return v
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    x = float(v)
    if math.isnan(x):
        return "-"
    if math.isinf(x):
        return "never" if x > 0 else "already"
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 1e9:
        return f"{x / 1e9:.{sig}g} billion"
    if a >= 1e6:
        return f"{x / 1e6:.{sig}g} million"
    if a >= 10 ** (sig - 1):
        return f"{round(x, sig - 1 - int(math.floor(math.log10(a)))):,.0f}"
    if a >= 1e-3:
        digits = sig - 1 - int(math.floor(math.log10(a)))
        s = f"{round(x, digits):.{max(digits, 0)}f}"
        return s.rstrip("0").rstrip(".") if "." in s else s
    return f"{x:.{sig - 1}e}"


def fmt_param(name: str, v: Any) -> str:
    """A parameter's value in its displayed unit, rounded (without the unit); a choice in
    words."""
    if isinstance(v, str):
        return CHOICE_WORDS.get(v, v.replace("_", " "))
    return fmt(display_value(name, v))
