"""Words and units for figures and reports: ``label("array_cost_usd_per_w")`` is
``"array cost (USD/W)"``. The unit comes from the core's registry of outputs and assumptions (the
unit each value is computed in); the words are the name without its unit suffix, with the
abbreviations the names use spelled out."""

from __future__ import annotations

import functools
import re

# Words the names abbreviate.
_WORDS = {
    "dod": "depth of discharge",
    "pue": "PUE",
    "co2": "CO2",
    "it": "IT",
    "ops": "operations",
    "bol": "at beginning of life",
    "eol": "at end of life",
    "ltan": "LTAN",
    "isp": "Isp",
    "ref": "reference",
    "eff": "efficiency",
    "env": "environment",
    "pv": "present value",
    "capex": "capital cost",
    "opex": "operating cost",
    "temp": "temperature",
    "dt": "temperature drop",
    "max": "maximum",
    "min": "minimum",
    "yr": "year",
    "flop": "FLOP",
    "flops": "FLOP/s",
    "usd": "USD",
    "coeff": "coefficient",
    "ir": "IR",
    "earth": "Earth",
}

# Whole names whose words the rule above would not find.
_NAMES = {
    "cost_per_flop_usd": "cost per delivered FLOP",
    "ground_cost_per_flop_usd": "ground cost per delivered FLOP",
    "usd_per_pflops_day": "cost",
    "usd_per_accelerator_hour": "cost per accelerator-hour",
    "launch_usd_per_kw_yr": "launch cost per kW-year",
    "breakeven_launch_usd_per_kg": "break-even launch price",
    "pv_cost_usd": "present-value cost",
    "ground_pv_cost_usd": "ground present-value cost",
    "pv_flop": "discounted computation",
    "ground_pv_flop": "ground discounted computation",
    "ground_delivered_flop": "ground delivered computation",
    "co2_launch_kg": "launch CO2",
    "mass_margin_kg": "launch mass margin",
    "coolant_loop_kg_per_w": "coolant loop mass",
    "bus_fixed_w": "fixed bus power",
    "learning_p0_usd_per_kg": "launch price at the learning curve's start",
    "learning_m0_kg": "mass launched by the learning curve's start",
    "delivered_flops": "delivered compute",
    "delivered_flop": "delivered computation",
    "peak_flops": "peak compute",
    "rack_peak_flops": "peak compute per rack",
    "cost_ratio": "cost ratio orbit / ground",
    "racks": "racks",
    "spare_racks": "spare racks",
}

# Tokens that spell a unit at the end of a name (with "per" between them).
_UNIT_TOKENS = {"usd", "per", "kg", "m", "m2", "m3", "w", "k", "s", "rad", "j", "flop", "flops", "yr", "kw", "kwh", "h", "km", "deg"}

# Units said better in words.
_UNIT_TEXT = {"USD/(PFLOP/s day)": "USD per PFLOP/s-day"}

# Prefixes that name a group: "cost_launch_usd" is the launch cost.
_GROUPS = ("cost", "mass")


@functools.lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    from . import _core
    from .model import OUTPUT_UNITS, assumptions

    units = {r["name"]: r["unit"] for r in assumptions()}
    units.update(OUTPUT_UNITS)
    units.update({d["name"]: d["unit"] for d in getattr(_core, "OUTPUTS", [])})
    return units


def unit(name: str) -> str:
    """The unit of a named output or assumption, written for people (``m²``, ``USD/(kW·yr)``);
    ``""`` for a pure number or an unknown name."""
    return pretty_unit(_units().get(name, ""))


def pretty_unit(u: str) -> str:
    """A unit as the registry writes it (``kg/m^2``, ``USD/(kW yr)``, ``1``) written for people
    (``kg/m²``, ``USD/(kW·yr)``, ``""``)."""
    if u in ("", "1", "-"):
        return ""
    if u in _UNIT_TEXT:
        return _UNIT_TEXT[u]
    u = u.replace("^2", "²").replace("^3", "³")
    return re.sub(r"(?<=[A-Za-z²³]) (?=[A-Za-z])", "·", u)


def words(name: str) -> str:
    """The name in words, without its unit suffix."""
    if name in _NAMES:
        return _NAMES[name]
    tokens = name.split("_")
    if _units().get(name, "") not in ("", "1", "-"):
        while len(tokens) > 1 and tokens[-1] in _UNIT_TOKENS:
            tokens.pop()
        # "ops_usd_per_rack_yr": the unit's tokens may also sit before a "per <thing>".
        tokens = [t for i, t in enumerate(tokens) if not (t == "usd" and i > 0)]
    if len(tokens) > 1 and tokens[0] in _GROUPS:
        tokens = [*tokens[1:], tokens[0]]
    return " ".join(_WORDS.get(t, t) for t in tokens)


def number(v: float) -> str:
    """A number for people: three significant figures, thousands separated, millions and billions
    in words (``2.18 million``)."""
    if v != v:
        return "-"
    a = abs(v)
    if a >= 1e9:
        return f"{v / 1e9:.3g} billion"
    if a >= 1e6:
        return f"{v / 1e6:.3g} million"
    if a >= 1e3:
        return f"{float(f'{v:.3g}'):,.0f}"
    return f"{v:.3g}"


def label(name: str, unit_override: str | None = None) -> str:
    """``words (unit)``: how a figure's axis or a report's column names the value ``name``."""
    u = unit(name) if unit_override is None else unit_override
    w = words(name)
    if u == "yr" and w.endswith("year"):  # a calendar year
        u = ""
    return f"{w} ({u})" if u else w


__all__ = ["label", "number", "pretty_unit", "unit", "words"]
