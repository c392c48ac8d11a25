"""Adapters that embed the orbitflops model in other tools.

* :mod:`orbitflops.integrations.openmdao`: ``DesignComponent``, an OpenMDAO explicit component
  with finite-difference partials (``pip install 'orbitflops[openmdao]'``).
* :mod:`orbitflops.integrations.pymoo`: ``DesignProblem``, a vectorised pymoo problem
  (``pip install 'orbitflops[pymoo]'``).

Each module imports its library when it is itself imported, never on ``import orbitflops``.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

MARGINS: tuple[str, ...] = ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg")
"""The constraint margins, each feasible when >= 0."""

# Outputs that each margin is divided by to make it dimensionless, as the core does when it names
# the binding constraint (rust/core/src/model.rs): the required array rating, the allowed depth
# of discharge, the radiator limit and the launch capacity (the mass plus its margin).
_MARGIN_SCALE_OUTPUTS: tuple[str, ...] = ("array_power_required_w", "battery_dod_allowed", "radiator_temp_max_k", "mass_total_kg")


def missing_extra(library: str, extra: str) -> ImportError:
    """The error raised when an adapter's library is not installed."""
    return ImportError(f"orbitflops.integrations.{extra} needs {library}: pip install 'orbitflops[{extra}]'")


def normalised_margins(out: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each margin of a batch result divided by its scale (see ``_MARGIN_SCALE_OUTPUTS``); the
    batch must include the margins and the scale outputs. A margin of -inf stays -inf."""
    capacity = out["mass_total_kg"] + out["mass_margin_kg"]
    scales = {
        "power_margin_w": out["array_power_required_w"],
        "dod_margin": out["battery_dod_allowed"],
        "thermal_margin_k": out["radiator_temp_max_k"],
        "mass_margin_kg": capacity,
    }
    res = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for m in MARGINS:
            s = np.abs(scales[m])
            v = np.where(np.isfinite(s) & (s > 0), out[m] / np.where(s > 0, s, 1.0), out[m])
            res[m] = np.where(np.isneginf(out[m]), -np.inf, v)
    return res


def margin_outputs() -> tuple[str, ...]:
    """Outputs a batch needs for :func:`normalised_margins`."""
    return MARGINS + _MARGIN_SCALE_OUTPUTS


def check_names(kind: str, names: Any, allowed: Any) -> list[str]:
    """``names`` as a list, each checked to be in ``allowed``."""
    if isinstance(names, str):
        names = [names]
    checked: list[str] = list(names)
    bad = [n for n in checked if n not in allowed]
    if bad:
        raise ValueError(f"{kind}: unknown name{'s' if len(bad) > 1 else ''} {', '.join(repr(b) for b in bad)}")
    return checked
