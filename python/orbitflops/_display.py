"""How figures read for people: every quantity named in words with the unit it is shown in, and
every number rounded to the figures that matter. The command line's tables, an
:class:`~orbitflops.model.Evaluation`'s printed and notebook views, the comparison's report and the
plots all name and format through this module; machine outputs (JSON, CSV, Parquet, attribute
names, dict keys) keep the SI names and values.

- :func:`label` (``"Array area (m²)"``) names a parameter, output, design field or choice with its
  display unit; :func:`words` gives the words alone.
- :func:`shown` converts an SI value to its display unit (kW, t, km, deg, %, kWh, PFLOP/s).
- :func:`value_text` formats a value of a named quantity in that unit; :func:`number`,
  :func:`money` and :func:`sci` format bare numbers.
- :func:`rows` and :func:`quantity_table` turn ``{name: SI value}`` into labelled rows or a table.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

if TYPE_CHECKING:
    from rich.table import Table

SIG = 4
"""Significant figures of the tables."""

NOISE = 1e-12
"""A value smaller than this fraction of its reference (its table's largest value in the same unit,
or 1 for a fraction) is rounding noise and shown as 0."""

# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------

PARAM_WORDS: dict[str, str] = {
    # Orbit.
    "altitude_m": "Altitude",
    "ltan_h": "Local time of the ascending node",
    "inclination_rad": "Inclination",
    # Solar array and power.
    "solar_constant_w_m2": "Solar irradiance at 1 AU",
    "cell_efficiency": "Cell efficiency",
    "cell_packing_factor": "Share of the array covered by cells",
    "array_inherent_efficiency": "Array wiring and mismatch efficiency",
    "cell_temp_coeff_per_k": "Cell power change per kelvin",
    "cell_ref_temp_k": "Cell reference temperature",
    "array_degradation_per_yr": "Array degradation",
    "array_absorptivity": "Array solar absorptivity",
    "array_front_emissivity": "Array front emissivity",
    "array_back_emissivity": "Array back emissivity",
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
    "battery_dod_ref": "Allowed depth of discharge at the reference cycles",
    "battery_cycles_ref": "Reference battery cycles",
    "battery_dod_exponent": "Exponent of depth of discharge against cycles",
    "battery_dod_max": "Largest allowed depth of discharge",
    # Thermal.
    "chip_temp_max_k": "Chip temperature limit",
    "cold_plate_dt_k": "Chip-to-coolant temperature drop",
    "coolant_loop_dt_k": "Coolant-to-radiator temperature drop",
    "radiator_sides": "Radiating faces per panel",
    "radiator_sun_view_factor": "Radiator view of the Sun",
    "albedo": "Earth's albedo",
    "earth_ir_w_m2": "Earth's infrared emission",
    "radiator_absorptivity_bol": "Radiator solar absorptivity, beginning of life",
    "radiator_absorptivity_eol": "Radiator solar absorptivity, end of life",
    "radiator_emissivity_bol": "Radiator emissivity, beginning of life",
    "radiator_emissivity_eol": "Radiator emissivity, end of life",
    "radiator_areal_density_kg_m2": "Radiator mass per area",
    "radiator_cost_usd_per_m2": "Radiator cost",
    "coolant_loop_kg_per_w": "Coolant loop mass per kW of heat",
    "coolant_loop_cost_usd_per_w": "Coolant loop cost per W of heat",
    "radiator_temp_k": "Radiator temperature",
    # Compute payload.
    "rack_power_w": "Rack power",
    "rack_peak_flops": "Peak compute per rack",
    "rack_mass_kg": "Compute payload mass per rack",
    "rack_cost_usd": "Rack price",
    "rack_accelerators": "Accelerators per rack",
    "rack_enclosure_area_m2": "Shielded enclosure area per rack",
    "utilisation": "Model FLOP utilisation",
    "failure_rate_per_yr": "Accelerator hardware failures in orbit",
    "radiation_failure_rate_per_yr": "Accelerators lost to radiation",
    "failure_activation_energy_ev": "Failure activation energy (temperature dependence)",
    "failure_ref_temp_k": "Junction temperature of the quoted failure rate",
    "radiation_derate": "Throughput lost to radiation errors",
    "shield_thickness_m": "Shielding thickness",
    "shield_density_kg_m3": "Shielding density",
    # Spacecraft.
    "structure_fraction": "Structure mass, share of what it carries",
    "bus_mass_kg": "Bus mass (avionics, attitude control, propulsion)",
    "bus_mass_kg_per_w": "Power electronics mass per kW of load",
    "spacecraft_specific_power_w_kg": "Spacecraft specific power (top down)",
    "drag_coefficient": "Drag coefficient",
    "body_drag_area_m2": "Body area facing the flow",
    "atmosphere_density_factor": "Atmosphere density multiplier",
    "thruster_isp_s": "Thruster specific impulse",
    "spacecraft_cost_usd_per_w": "Spacecraft cost per W (top down)",
    "bus_cost_usd_per_kg": "Bus cost per kg",
    "structure_cost_usd_per_kg": "Structure and shielding cost per kg",
    "integration_fraction": "Integration and test, share of hardware",
    "ops_usd_per_yr": "Operations per year",
    "ops_usd_per_rack_yr": "Operations per rack per year",
    "ops_fraction_per_yr": "Operations per year, share of hardware",
    "nre_usd": "Non-recurring engineering",
    # Launch.
    "launch_price_usd_per_kg": "Launch price today",
    "launcher_payload_kg": "Launcher payload to its reference orbit",
    "launcher_ref_altitude_m": "Altitude of the launcher's reference orbit",
    "launcher_ref_inclination_rad": "Inclination of the launcher's reference orbit",
    "launcher_stage_dry_kg": "Upper stage dry mass",
    "launcher_stage_propellant_kg": "Upper stage propellant",
    "launcher_stage_isp_s": "Upper stage specific impulse",
    "max_launches": "Most launches per design",
    "insurance_fraction": "Launch insurance, share of value",
    "launch_co2_kg_per_kg": "Launch CO2 per kg",
    # Ground.
    "ground_capex_usd_per_w": "Ground facility cost per W of IT",
    "electricity_price_usd_per_kwh": "Electricity price",
    "pue": "Power usage effectiveness (PUE)",
    "ground_maintenance_fraction_per_yr": "Facility maintenance, share of its cost",
    "ground_ops_usd_per_rack_yr": "Ground staff and network per rack per year",
    "ground_failure_rate_per_yr": "Accelerator failures on the ground",
    "ground_repair_cost_fraction": "Repair cost, share of the failed part",
    "ground_availability": "Ground availability",
    "ground_facility_life_yr": "Ground facility life",
    "ground_it_refresh_yr": "Ground IT refresh interval",
    "ground_co2_kg_per_kwh": "Ground electricity CO2 per kWh",
    # Market.
    "learning_rate": "Launch learning rate (per doubling)",
    "learning_p0_usd_per_kg": "Launch price at the learning curve's start",
    "learning_m0_kg": "Mass launched by the learning curve's start",
    "learning_ref_year": "Year of the learning curve's start",
    "launched_mass_kg_per_yr": "Mass launched per year",
    "launched_mass_growth_per_yr": "Growth of mass launched",
    "launch_price_floor_usd_per_kg": "Lowest launch price",
    "cost_ref_year": "Year the prices are quoted for",
    "pv_learning_rate": "Solar array learning rate (per doubling)",
    "pv_cumulative_w": "Solar production to date",
    "pv_production_w_per_yr": "Solar production per year",
    "pv_production_growth_per_yr": "Growth of solar production",
    "satellite_learning_rate": "Satellite hardware learning rate (per doubling)",
    "satellite_cumulative_kg": "Satellite mass produced to date",
    "satellite_production_kg_per_yr": "Satellite mass produced per year",
    "satellite_production_growth_per_yr": "Growth of satellite production",
    "battery_learning_rate": "Battery learning rate (per doubling)",
    "battery_cumulative_wh": "Battery production to date",
    "battery_production_wh_per_yr": "Battery production per year",
    "battery_production_growth_per_yr": "Growth of battery production",
    "electricity_price_trend_per_yr": "Electricity price trend (real)",
    "ground_capex_trend_per_yr": "Facility cost trend (real)",
    # Mission.
    "start_year": "Mission start year",
    "lifetime_yr": "Lifetime",
    "discount_rate": "Discount rate",
    "radiator_specific_heat_j_kg_k": "Radiator specific heat",
    "rack_heat_capacity_j_k": "Heat capacity per rack",
    "steps_per_orbit": "Time steps per orbit (mission tier)",
}
"""Scenario parameters (and searched values) in words, without units (:func:`label` adds them)."""

OUTPUT_WORDS: dict[str, str] = {
    # Design.
    "array_area_m2": "Array area",
    "radiator_area_m2": "Radiator area",
    "racks": "Powered racks",
    "spare_racks": "Spare racks",
    # Orbit.
    "period_s": "Orbital period",
    "beta_min_rad": "Smallest beta angle",
    "beta_max_rad": "Largest beta angle",
    "eclipse_fraction_worst": "Eclipse fraction, worst orbit",
    "eclipse_worst_s": "Longest eclipse",
    "sunlit_fraction_mean": "Mean sunlit fraction",
    "eclipse_season_fraction": "Share of the year in eclipse season",
    "eclipse_cycles": "Battery cycles over the lifetime",
    # Power.
    "cell_temp_k": "Cell temperature in sunlight",
    "array_power_bol_w": "Array power, beginning of life",
    "array_power_eol_w": "Array power, end of life",
    "array_power_worst_w": "Array power, worst case",
    "compute_power_w": "Compute power",
    "bus_power_w": "Bus power",
    "load_power_w": "Load in sunlight",
    "eclipse_load_w": "Load in eclipse",
    "array_output_w": "Array output drawn in sunlight",
    "regulation_loss_w": "Regulator loss",
    "distribution_loss_w": "Distribution loss",
    "battery_charge_w": "Power stored for the eclipse",
    "battery_charge_loss_w": "Battery charging loss",
    "battery_discharge_loss_w": "Battery discharging loss",
    "dissipation_sunlit_w": "Heat dissipated in sunlight",
    "dissipation_eclipse_w": "Heat dissipated in eclipse",
    "array_power_required_w": "Array power required",
    "power_margin_w": "Power margin",
    "power_derate": "Compute the array can carry",
    "battery_energy_j": "Battery energy",
    "battery_dod": "Depth of discharge",
    "battery_dod_allowed": "Allowed depth of discharge",
    "dod_margin": "Depth-of-discharge margin",
    # Thermal.
    "heat_load_w": "Heat to reject",
    "radiator_temp_max_k": "Radiator temperature limit",
    "radiator_temp_required_k": "Radiator temperature required",
    "radiator_temp_bol_k": "Radiator temperature, beginning of life",
    "chip_temp_k": "Chip temperature",
    "radiator_env_w_m2": "Sun, albedo and Earth heat absorbed per area",
    "radiator_earth_view_factor": "Radiator view of the Earth",
    "radiator_area_required_m2": "Radiator area required",
    "thermal_margin_k": "Thermal margin",
    "thermal_derate": "Compute the radiator can carry",
    # Compute.
    "peak_flops": "Peak compute",
    "after_utilisation_flops": "After utilisation",
    "after_failures_flops": "After failures and spares",
    "after_eclipse_flops": "After eclipses",
    "after_derating_flops": "After power and thermal derating",
    "delivered_flops": "Delivered compute",
    "delivered_flop": "Computation delivered over the lifetime",
    "failure_rate_effective_per_yr": "Failure rate at the chips' temperature",
    "working_fraction_eol": "Racks working at end of life",
    "spares_exhausted_yr": "Spares run out after",
    # Mass.
    "mass_racks_kg": "Racks and spares",
    "mass_array_kg": "Solar array",
    "mass_radiator_kg": "Radiators",
    "mass_battery_kg": "Battery",
    "mass_coolant_kg": "Coolant loop",
    "mass_bus_kg": "Bus",
    "mass_shielding_kg": "Radiation shielding",
    "mass_structure_kg": "Structure",
    "mass_propellant_kg": "Drag make-up propellant",
    "spacecraft_power_basis_w": "Power the top-down spacecraft is sized on",
    "mass_spacecraft_specific_kg": "Spacecraft except the compute payload (top down, from its power per kg)",
    "mass_total_kg": "Launch mass",
    "launches": "Launches",
    "launcher_payload_to_orbit_kg": "Launcher payload to this orbit",
    "launch_billed_mass_kg": "Mass the launch is billed for",
    "mass_margin_kg": "Launch mass margin",
    # Cost.
    "cost_racks_usd": "Racks and spares",
    "cost_array_usd": "Solar array",
    "cost_radiator_usd": "Radiators",
    "cost_battery_usd": "Battery",
    "cost_coolant_usd": "Coolant loop",
    "cost_bus_usd": "Bus",
    "cost_structure_usd": "Structure and shielding",
    "cost_spacecraft_specific_usd": "Spacecraft except the compute payload (top down, from its cost per W)",
    "cost_integration_usd": "Integration and test",
    "cost_launch_usd": "Launch",
    "cost_insurance_usd": "Insurance",
    "capex_usd": "Capital cost",
    "ops_usd_per_yr": "Operations per year",
    "pv_cost_usd": "Present-value cost",
    "pv_flop": "Present-value computation",
    "cost_per_flop_usd": "Cost per delivered FLOP",
    "usd_per_pflops_day": "Cost per delivered compute",
    "usd_per_accelerator_hour": "Cost per accelerator-hour",
    "lcoe_usd_per_mwh": "Cost per MWh delivered to compute",
    "capex_ex_it_usd_per_w": "Capital cost without racks per W of compute",
    "launch_usd_per_kw_yr": "Launch cost per kW-year",
    "annualised_cost_usd_per_yr": "Level yearly cost",
    # Ground.
    "ground_facility_usd": "Facility",
    "ground_racks_usd": "Racks",
    "ground_capex_usd": "Facility and racks",
    "ground_refresh_pv_usd": "IT refresh, present value",
    "ground_facility_pv_usd": "Facility, present value",
    "ground_energy_usd_per_yr": "Electricity per year",
    "ground_maintenance_usd_per_yr": "Maintenance per year",
    "ground_repair_usd_per_yr": "Repairs per year",
    "ground_staff_usd_per_yr": "Staff and network per year",
    "ground_opex_usd_per_yr": "Operating cost per year",
    "ground_pv_cost_usd": "Ground present-value cost",
    "ground_pv_flop": "Ground present-value computation",
    "ground_delivered_flop": "Ground computation over the lifetime",
    "ground_cost_per_flop_usd": "Ground cost per delivered FLOP",
    "ground_lcoe_usd_per_mwh": "Ground cost per MWh delivered to IT",
    "ground_energy_share": "Electricity's share of the ground's cost",
    "cost_ratio": "Cost ratio orbit / ground",
    "breakeven_launch_usd_per_kg": "Break-even launch price",
    # Emissions.
    "co2_launch_kg": "Launch CO2",
    "co2_kg_per_flop": "Orbit's CO2 per FLOP",
    "ground_co2_kg": "Ground electricity CO2",
    "ground_co2_kg_per_flop": "Ground's CO2 per FLOP",
    # Constraints.
    "feasible": "Feasible",
    "binding_constraint": "Binding constraint",
    # Mission tier.
    "availability": "Delivered share of nominal computation",
    "soc_min": "Lowest battery charge",
    "radiator_temp_min_k": "Coldest radiator temperature",
    "compute_fraction_mean": "Mean compute fraction",
    "unserved_energy_j": "Energy not served",
    "working_racks_eol": "Racks working at end of life",
    # Comparison.
    "parity_year": "Parity year",
    "ratio_at_year": "Cost ratio for a system bought in the year asked",
}
"""Outputs (and design fields) in words, without units. Where an output and a parameter share a
name (``chip_temp_max_k``, ``radiator_temp_max_k``) the parameter's words serve both."""

CHOICE_KEY_WORDS: dict[str, str] = {
    "kind": "Orbit",
    "shadow": "Shadow model",
    "cell": "Solar cell",
    "pointing": "Array pointing",
    "strategy": "Eclipse strategy",
    "coating": "Radiator coating",
    "orientation": "Radiator orientation",
    "rack": "Compute payload",
    "spacecraft": "Spacecraft model",
    "launcher": "Launcher",
    "supply": "Ground electricity supply",
}
"""Choice keys in words."""

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
    "sso": "sun-synchronous",
    "inclined": "inclined, node drifting",
    "cylindrical": "cylindrical shadow",
    "umbra": "umbra",
    "penumbra": "umbra and penumbra",
    "two_axis": "two-axis tracking",
    "one_axis": "one-axis tracking",
    "fixed_normal": "fixed, normal to the orbit plane",
    "edge_on": "edge-on to the Earth",
    "nadir": "facing nadir",
    "bottom_up": "from its parts",
    "specific": "top down (specific power and cost)",
}
"""Choice names in words."""

CONSTRAINT_WORDS: dict[str, str] = {
    "none": "none",
    "power": "array power",
    "battery_dod": "battery depth of discharge",
    "thermal": "radiator temperature",
    "mass": "launch mass",
}
"""Constraint names (:data:`orbitflops.model.CONSTRAINT_NAMES`) in words."""

WATERFALL_WORDS: dict[str, str] = {
    "peak": "Peak",
    "utilisation": "After utilisation",
    "failures_and_spares": "After failures and spares",
    "eclipse": "After eclipses",
    "power_thermal_derating": "After power and thermal derating",
    "radiation": "After radiation errors: delivered",
}
"""Steps of the delivered-compute waterfall (:attr:`orbitflops.model.Evaluation.waterfall`) in words."""

MISSION_WORDS: dict[str, str] = {
    "radiator_temp_max_k": "Hottest radiator temperature",
    "radiator_temp_min_k": "Coldest radiator temperature",
    "battery_energy_j": "Battery energy",
}
"""Mission-tier totals whose meaning differs from the analytic output of the same name."""

SECTION_WORDS: dict[str, str] = {"pv": "PV", "co2": "CO2"}


# ---------------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """How a quantity is shown: ``text`` (the unit as people read it, ``""`` for none), the
    factor from its SI value, and its ``kind``: ``"number"``, ``"percent"``, ``"money"`` (USD
    amounts, with k/M/B suffixes), ``"rate"`` (USD per unit: M/B suffixes only), ``"sci"`` (powers of ten), ``"year"`` (a calendar
    year), ``"count"`` or ``"bool"``."""

    text: str
    factor: float = 1.0
    kind: str = "number"


# SI unit as the registry writes it -> how it is shown.
_UNITS: dict[str, Unit] = {
    "m": Unit("km", 1e-3),
    "m^2": Unit("m²"),
    "m^3": Unit("m³"),
    "rad": Unit("deg", 180.0 / math.pi),
    "s": Unit("s"),
    "h": Unit("h"),
    "K": Unit("K"),
    "1/K": Unit("%/K", 100.0),
    "W": Unit("kW", 1e-3),
    "W/yr": Unit("kW/yr", 1e-3),
    "kg": Unit("t", 1e-3),
    "kg/yr": Unit("t/yr", 1e-3),
    "kg/kg": Unit("kg/kg"),
    "kg/kWh": Unit("kg/kWh"),
    "J": Unit("kWh", 1.0 / 3.6e6),
    "Wh": Unit("GWh", 1e-9),
    "Wh/yr": Unit("GWh/yr", 1e-9),
    "J/kg": Unit("Wh/kg", 1.0 / 3600.0),
    "J/K": Unit("kJ/K", 1e-3),
    "J/(kg K)": Unit("J/(kg·K)"),
    "W/kg": Unit("W/kg"),
    "W/m^2": Unit("W/m²"),
    "kg/m^2": Unit("kg/m²"),
    "kg/m^3": Unit("kg/m³"),
    "kg/W": Unit("kg/kW", 1e3),
    "eV": Unit("eV"),
    "yr": Unit("years"),
    "1/yr": Unit("%/yr", 100.0),
    "FLOP/s": Unit("PFLOP/s", 1e-15),
    "FLOP": Unit("FLOP", 1.0, "sci"),
    "kg/FLOP": Unit("kg/FLOP", 1.0, "sci"),
    "USD/FLOP": Unit("USD/FLOP", 1.0, "sci"),
    "USD": Unit("USD", 1.0, "money"),
    "USD/yr": Unit("USD/yr", 1.0, "money"),
    "USD/kg": Unit("USD/kg", 1.0, "rate"),
    "USD/W": Unit("USD/W", 1.0, "rate"),
    "USD/kWh": Unit("USD/kWh", 1.0, "rate"),
    "USD/MWh": Unit("USD/MWh", 1.0, "rate"),
    "USD/m^2": Unit("USD/m²", 1.0, "rate"),
    "USD/h": Unit("USD/h", 1.0, "rate"),
    "USD/(kW yr)": Unit("USD/(kW·yr)", 1.0, "rate"),
    "USD/(PFLOP/s day)": Unit("USD per PFLOP/s-day", 1.0, "rate"),
}

# Names shown in another unit than their SI unit's usual one.
_NAME_UNITS: dict[str, Unit] = {
    "shield_thickness_m": Unit("mm", 1e3),
    "period_s": Unit("min", 1.0 / 60.0),
    "eclipse_worst_s": Unit("min", 1.0 / 60.0),
    "eclipse_s": Unit("min", 1.0 / 60.0),
    "rack_mass_kg": Unit("kg"),
    "bus_mass_kg": Unit("kg"),
    "pv_cumulative_w": Unit("GW", 1e-9),
    "pv_production_w_per_yr": Unit("GW/yr", 1e-9),
    "cost_ref_year": Unit("", 1.0, "year"),
    "learning_ref_year": Unit("", 1.0, "year"),
    "start_year": Unit("", 1.0, "year"),
    "parity_year": Unit("", 1.0, "year"),
    "feasible": Unit("", 1.0, "bool"),
}

# Words in a dimensionless name that make it a share, shown in per cent (a ratio, count,
# emissivity or exponent is not).
_PERCENT_WORDS = ("efficiency", "fraction", "utilisation", "derate", "availability", "share", "learning_rate", "packing", "soc_min")
_PERCENT_NAMES = {"battery_dod", "battery_dod_allowed", "battery_dod_ref", "battery_dod_max", "dod_margin", "discharge_depth", "insurance_fraction"}
_COUNT_NAMES = {"racks", "spare_racks", "launches", "rack_accelerators", "max_launches", "steps_per_orbit", "radiator_sides", "battery_cycles_ref",
                "eclipse_cycles", "working_racks", "working_racks_eol"}


@functools.lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, str], dict[str, str]]:
    """SI units and descriptions of every parameter, output, design field and mission quantity."""
    from . import _core

    units: dict[str, str] = {}
    docs: dict[str, str] = {}
    for d in (*_core.OUTPUTS, *_core.DESIGN_INFO, *_core.PARAMS):
        units[d["name"]] = d["unit"]
        docs[d["name"]] = d.get("doc", "")
    units.update({"availability": "1", "soc_min": "1", "radiator_temp_min_k": "K", "compute_fraction_mean": "1", "unserved_energy_j": "J",
                  "working_racks_eol": "1", "beta_rad": "rad", "eclipse_s": "s", "array_power_w": "W", "load_w": "W", "discharge_depth": "1",
                  "working_racks": "1", "compute_fraction": "1", "parity_year": "yr", "ratio_at_year": "1"})
    return units, docs


def si_unit(name: str) -> str:
    """The SI unit a named quantity is computed in (``""`` for an unknown name)."""
    return _registry()[0].get(name, "")


def unit_of(name: str) -> Unit:
    """How the quantity ``name`` is shown (its unit, factor from SI and kind)."""
    if name in _NAME_UNITS:
        return _NAME_UNITS[name]
    u = si_unit(name)
    if u in ("1", "", "-"):
        if name in _COUNT_NAMES:
            return Unit("", 1.0, "count")
        if name in _PERCENT_NAMES or any(w in name for w in _PERCENT_WORDS):
            return Unit("%", 100.0, "percent")
        return Unit("")
    return _UNITS.get(u, Unit(pretty_unit(u)))


def pretty_unit(u: str) -> str:
    """A unit as the registry writes it (``kg/m^2``, ``USD/(kW yr)``, ``1``) written for people
    (``kg/m²``, ``USD/(kW·yr)``, ``""``)."""
    if u in ("", "1", "-"):
        return ""
    if u in _UNITS and _UNITS[u].factor == 1.0:
        return _UNITS[u].text
    import re

    u = u.replace("^2", "²").replace("^3", "³")
    return re.sub(r"(?<=[A-Za-z²³]) (?=[A-Za-z])", "·", u)


def shown(name: str, value: float) -> float:
    """``value`` (SI) of the quantity ``name`` in its display unit."""
    return value * unit_of(name).factor


# ---------------------------------------------------------------------------------------------
# Words and labels
# ---------------------------------------------------------------------------------------------


def _from_doc(name: str) -> str:
    return short_doc(_registry()[1].get(name), name)


def short_doc(doc: str | None, name: str) -> str:
    """The head of a parameter's or output's description as a label: up to its first colon,
    semicolon, parenthesis or comma (within 60 characters), capitalised; ``name`` in words when
    there is no description."""
    doc = doc or name.replace("_", " ")
    for sep in (":", ";", " (", ","):
        i = doc.find(sep)
        if 0 < i < 60:
            doc = doc[:i]
    doc = doc.rstrip(".")
    return doc[0].upper() + doc[1:] if doc else name


def words(name: str) -> str:
    """The quantity or choice key ``name`` in words, without its unit."""
    for table in (PARAM_WORDS, OUTPUT_WORDS, CHOICE_KEY_WORDS):
        if name in table:
            return table[name]
    return _from_doc(name)


def phrase(name: str) -> str:
    """:func:`words` for the middle of a sentence: ``"cost per delivered FLOP"``."""
    w = words(name)
    return w[0].lower() + w[1:] if len(w) > 1 and not w[1].isupper() else w


def label(name: str, unit: bool = True) -> str:
    """``Words (unit)``: how a table row or column, or a figure's axis, names ``name``."""
    text = words(name)
    u = unit_of(name).text if unit else ""
    return f"{text} ({u})" if u else text


def choice(value: str) -> str:
    """A choice's value (a preset or mode name) in words."""
    return CHOICE_WORDS.get(value, value.replace("_", " "))


def constraint(name: str) -> str:
    """A constraint's name in words."""
    return CONSTRAINT_WORDS.get(name, name.replace("_", " "))


def section(name: str) -> str:
    """A scenario section in words (``"ground"`` -> ``"Ground"``)."""
    return SECTION_WORDS.get(name, name.replace("_", " ").capitalize())


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _round_sig(x: float, sig: int) -> tuple[float, int]:
    """``x`` rounded to ``sig`` significant figures, and the decimals that rounding keeps."""
    e = math.floor(math.log10(abs(x)))
    digits = sig - 1 - e
    r = round(x, digits)
    if r != 0 and math.floor(math.log10(abs(r))) > e:  # 9.9996 -> 10.00: one digit fewer
        digits -= 1
        r = round(x, digits)
    return r, digits


def _special(x: float) -> str | None:
    if math.isnan(x):
        return "-"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return None


def _is_noise(x: float, ref: float | None) -> bool:
    return x == 0 or (ref is not None and math.isfinite(ref) and abs(x) <= NOISE * abs(ref))


def _fixed_text(x: float, ref: float | None) -> str | None:
    """The text of a value that reads the same in every format (NaN, infinities, zero or rounding
    noise against ``ref``), or None."""
    s = _special(x)
    if s is not None:
        return s
    return "0" if _is_noise(x, ref) else None


def sci(x: float, sig: int = SIG) -> str:
    """``x`` as a power of ten for people: ``3.705×10⁻¹⁸``."""
    x = float(x)
    s = _special(x)
    if s is not None:
        return s
    if x == 0:
        return "0"
    m, exponent = f"{x:.{sig - 1}e}".split("e")
    e = int(exponent)
    if e == 0:
        return m
    return f"{m}×10{str(e).translate(_SUPERSCRIPT)}"


def number(x: float, sig: int = SIG, *, ref: float | None = None, large: str = "words") -> str:
    """``x`` rounded to ``sig`` significant figures, thousands separated, without trailing zeros
    (``0.23041`` -> ``0.2304``, ``5600.3`` -> ``5,600``, ``10.0`` -> ``10``). Millions and more read
    ``2.18 million`` (``large="words"``) or ``2.18M`` (``large="suffix"``); very small numbers as
    powers of ten; a value within :data:`NOISE` of ``ref`` (relative) is 0; NaN is ``-``."""
    x = float(x)
    fixed = _fixed_text(x, ref)
    if fixed is not None:
        return fixed
    a = abs(x)
    big = ((1e12, " trillion", "T"), (1e9, " billion", "B"), (1e6, " million", "M"))
    for scale, word, suffix in big:
        if round(a, 0) >= scale and _round_sig(a, sig)[0] >= scale:
            return number(x / scale, sig) + (word if large == "words" else suffix)
    if a < 1e-3:
        return sci(x, sig)
    r, digits = _round_sig(x, sig)
    if digits <= 0:
        return f"{r:,.0f}"
    return f"{r:,.{digits}f}".rstrip("0").rstrip(".")


def money(x: float, sig: int = SIG, *, ref: float | None = None) -> str:
    """An amount or rate in USD with a k/M/B/T suffix: ``52.27M``, ``470.4k``, ``13.07``."""
    x = float(x)
    fixed = _fixed_text(x, ref)
    if fixed is not None:
        return fixed
    a = abs(x)
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if _round_sig(a, sig)[0] >= scale:
            return number(x / scale, sig) + suffix
    return number(x, sig)


def year(x: float) -> str:
    """A calendar year: ``2026``, ``2053.3``; never as ``never``."""
    x = float(x)
    if math.isinf(x):
        return "never" if x > 0 else "already"
    if math.isnan(x):
        return "-"
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def value_text(name: str, value: Any, sig: int = SIG, *, ref: float | None = None) -> str:
    """The value (SI) of the quantity ``name`` in its display unit, rounded (without the unit);
    a choice in words; a bool as yes/no. ``ref`` (SI) is the scale below which the value is
    rounding noise (default: 1 for a share)."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return choice(value)
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    u = unit_of(name)
    x = float(value)
    if u.kind == "bool":
        return "yes" if x else "no"
    if u.kind == "year":
        return year(x)
    r = None if ref is None else ref * u.factor
    if u.kind == "percent" and r is None:
        r = u.factor  # a share's scale is 1
    x *= u.factor
    if u.kind == "money":
        return money(x, sig, ref=r)
    if u.kind == "rate":
        return number(x, sig, ref=r, large="suffix")
    if u.kind == "sci":
        return "0" if _is_noise(x, r) else sci(x, sig)
    if u.kind == "count" and float(x).is_integer() and abs(x) < 1e15:
        return f"{x:,.0f}"
    return number(x, sig, ref=r)


def range_text(name: str, low: float | None, high: float | None, low_open: bool = False, high_open: bool = False) -> str:
    """A valid range in the display unit of ``name``: ``0 to 100``, ``> 0``, ``≥ 1``, ``any``."""
    lo = None if low is None or not math.isfinite(low) else value_text(name, low)
    hi = None if high is None or not math.isfinite(high) else value_text(name, high)
    if lo is not None and hi is not None:
        return f"{lo} to {hi}" + (" (ends excluded)" if low_open and high_open else " (low end excluded)" if low_open else " (high end excluded)" if high_open else "")
    if lo is not None:
        return f"{'>' if low_open else '≥'} {lo}"
    if hi is not None:
        return f"{'<' if high_open else '≤'} {hi}"
    return "any"


def source_text(source: str) -> str:
    """An assumption's source as people read it: a preset named in words (``cell preset
    'silicon_thin': ...`` -> ``Solar cell preset thin silicon: ...``)."""
    import re

    return re.sub(r"\b(\w+) preset '(\w+)'", lambda m: f"{words(m.group(1))} preset {choice(m.group(2))}", source)


def rows(values: Mapping[str, Any], sig: int = SIG, refs: Mapping[str, float] | None = None,
         names: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """``(label, value text)`` for each ``name: SI value``. A value is rounding noise (shown 0)
    when it is within :data:`NOISE` of its reference: ``refs[name]`` if given, else the largest
    magnitude among the values in the same unit. ``names`` gives words for names whose meaning
    differs in this table (the unit is added)."""
    refs = dict(refs or {})
    largest: dict[str, float] = {}
    for k, v in values.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(float(v)):
            u = si_unit(k) or k
            largest[u] = max(largest.get(u, 0.0), abs(float(v)))
    out = []
    for k, v in values.items():
        ref = refs.get(k)
        if ref is None and isinstance(v, (int, float)):
            ref = largest.get(si_unit(k) or k) or None
        lab = label(k)
        if names and k in names:
            u = unit_of(k).text
            lab = f"{names[k]} ({u})" if u else names[k]
        out.append((lab, value_text(k, v, sig, ref=ref)))
    return out


def table(title: str, data: Iterable[tuple[str, ...]], header: tuple[str, ...] = ("", "Value")) -> Table:
    """A rich table of rows of text (the first column left-aligned, the others right-aligned),
    every column folding rather than cut."""
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=escape(title), title_justify="left", header_style="bold")
    for i, h in enumerate(header):
        t.add_column(h, justify="left" if i == 0 else "right", overflow="fold")
    for row in data:
        t.add_row(*(escape(str(c)) for c in row))
    return t


def quantity_table(title: str, values: Mapping[str, Any], sig: int = SIG, refs: Mapping[str, float] | None = None) -> Table:
    """A rich table of named SI values, each labelled in words with its display unit."""
    return table(title, rows(values, sig, refs))


@dataclass(frozen=True)
class Section:
    """One human table: its title, column headers and rows of text."""

    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def margin_refs(ev: Any) -> dict[str, float]:
    """The scale of each constraint margin (the quantity it is a margin on), below which a margin
    is rounding noise."""
    return {"power_margin_w": ev.array_power_required_w, "dod_margin": ev.battery_dod_allowed,
            "thermal_margin_k": ev.radiator_temp_max_k, "mass_margin_kg": ev.mass_total_kg}


def evaluation_sections(ev: Any) -> list[Section]:
    """The human views of an :class:`~orbitflops.model.Evaluation`: design, orbit, power,
    thermal chain, delivered-compute waterfall, mass, capital cost, cost per FLOP, ground and
    constraint margins, each row in words with its display unit."""
    d = ev.to_dict()
    v = ("", "Value")

    def sec(title: str, values: Mapping[str, Any], refs: Mapping[str, float] | None = None) -> Section:
        return Section(title, v, rows(values, refs=refs))

    from .model import WATERFALL

    wf = []
    prev = None
    for step, key in WATERFALL:
        x = d[key]
        kept = "" if prev in (None, 0) else number(100.0 * x / prev, 4, ref=100.0)
        wf.append((WATERFALL_WORDS.get(step, words(key)), value_text(key, x), kept))
        prev = x
    power = ev.group("power")
    return [
        sec("Design", ev.group("design")),
        sec("Orbit", ev.group("orbit")),
        sec("Power and storage", power, {"dod_margin": ev.battery_dod_allowed, "power_margin_w": ev.array_power_required_w}),
        sec("Thermal chain (chip -> coolant -> radiator)", ev.thermal_chain),
        Section("Delivered-compute waterfall", ("Step", "Compute (PFLOP/s)", "Kept (%)"), wf),
        sec("Mass", ev.masses),
        sec("Capital cost", ev.costs, {k: ev.capex_usd for k in ev.costs}),
        sec("Cost per FLOP", {k: d[k] for k in ("pv_cost_usd", "pv_flop", "cost_per_flop_usd", "usd_per_pflops_day", "usd_per_accelerator_hour",
                                                 "capex_ex_it_usd_per_w", "launch_usd_per_kw_yr", "annualised_cost_usd_per_yr")}),
        sec("Ground with the same racks", ev.ground),
        sec("Constraint margins (feasible when >= 0)", ev.margins, margin_refs(ev)),
    ]


def verdict(ev: Any) -> str:
    """One line: feasible or not, the binding constraint and the cost ratio, in words."""
    return (f"{'feasible' if ev.is_feasible else 'infeasible'}; binding constraint: {constraint(ev.binding_constraint)}; "
            f"orbit costs {number(ev.cost_ratio, 3)} times the ground per delivered FLOP")


def sections_html(sections: Iterable[Section]) -> str:
    """Sections as HTML tables (for notebooks)."""
    from html import escape

    parts = []
    for s in sections:
        head = "".join(f"<th style='text-align:{'left' if i == 0 else 'right'}'>{escape(h)}</th>" for i, h in enumerate(s.header))
        body = "".join("<tr>" + "".join(f"<td style='text-align:{'left' if i == 0 else 'right'}'>{escape(c)}</td>" for i, c in enumerate(r)) + "</tr>"
                       for r in s.rows)
        parts.append(f"<table><caption style='text-align:left'><b>{escape(s.title)}</b></caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return "".join(parts)


__all__ = [
    "Section",
    "evaluation_sections",
    "margin_refs",
    "sections_html",
    "verdict",
    "CHOICE_WORDS",
    "CONSTRAINT_WORDS",
    "OUTPUT_WORDS",
    "PARAM_WORDS",
    "Unit",
    "choice",
    "constraint",
    "label",
    "money",
    "number",
    "phrase",
    "pretty_unit",
    "quantity_table",
    "range_text",
    "source_text",
    "rows",
    "sci",
    "section",
    "shown",
    "table",
    "unit_of",
    "value_text",
    "words",
    "year",
]
