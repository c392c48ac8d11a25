"""Words and units for what a comparison shows: each parameter, choice and column as a person
reads it ("Solar array cost (USD/W)"), and numbers rounded to the figures that matter.

:func:`label` names a parameter, choice or output; :func:`fmt` formats a number. Parameters
without an entry in :data:`LABELS` take the first clause of their description in the parameter
table, with its unit.
"""

from __future__ import annotations

import math
from typing import Any

from .. import _core, _display

_PARAMS = {p["name"]: p for p in _core.PARAMS}
_OUTPUT_UNITS = {o["name"]: o["unit"] for o in _core.OUTPUTS}

LABELS: dict[str, str] = {
    **_display.OUTPUT_WORDS,
    **_display.PARAM_WORDS,
    **_display.CHOICE_KEY_WORDS,
    # How the comparison names its outputs, orbit against the ground.
    "cost_per_flop_usd": "Orbit's cost per FLOP",
    "ground_cost_per_flop_usd": "Ground's cost per FLOP",
    "ground_energy_share": "Energy share of the ground's cost",
    "mass_total_kg": "Spacecraft mass",
}
"""Labels of parameters, choices and outputs (without units; :func:`label` adds them): the
display layer's words (:mod:`orbitflops._display`), with the comparison's names of its outputs."""

CHOICE_WORDS: dict[str, str] = _display.CHOICE_WORDS
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
    return _display.short_doc(_PARAMS[name]["doc"] if name in _PARAMS else None, name)


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
    billions in words; infinities as "never"/"already" (of a year); a string as it is (see
    :func:`orbitflops._display.number`)."""
    if isinstance(v, str):
        return v
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    x = float(v)
    if math.isinf(x):
        return "never" if x > 0 else "already"
    return _display.number(x, sig)


def fmt_param(name: str, v: Any) -> str:
    """A parameter's value in its displayed unit, rounded (without the unit); a choice in
    words."""
    if isinstance(v, str):
        return _display.choice(v)
    return fmt(display_value(name, v))
