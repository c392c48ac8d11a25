"""orbitflops: cost per FLOP of AI compute in orbit, against the ground.

The Rust core (``orbitflops._core``) evaluates the orbital energy balance, the radiator balance,
mass, cost, delivered FLOP and cost per FLOP of a design, for one design or millions at once.

Quick start::

    import orbitflops as of
    scenario = of.Scenario.default()
    ev = of.evaluate(of.Design(array_area_m2=4000, radiator_area_m2=540, racks=4), scenario)
    ev.cost_per_flop_usd, ev.waterfall, ev.binding_constraint
"""

import sys as _sys
import types as _types
import typing as _typing

from ._core import Design, InvalidInputError, Scenario, get_num_threads, set_num_threads
from ._core import __version__
from .model import (
    DEFAULT_BATCH_OUTPUTS,
    DESIGN_FIELDS,
    OUTPUT_NAMES,
    OUTPUT_UNITS,
    PARAM_NAMES,
    Evaluation,
    assumptions,
    evaluate,
    evaluate_batch,
    presets,
    reason_name,
    size,
)
from .sweep import SweepResult, sweep
from .physics import (
    allowed_dod,
    array_temp_k,
    atmosphere_density_kg_m3,
    beta_angle_rad,
    beta_star_rad,
    capital_recovery_factor,
    earth_view_factor,
    eclipse_fraction,
    ground_power_usd_per_kw_yr,
    launched_power_usd_per_kw_yr,
    lifetime_penalty,
    nodal_rate_rad_s,
    period_s,
    radiator_area_m2,
    radiator_temp_k,
    required_array_power_w,
    solar_flux_w_m2,
    sso_inclination_rad,
    wright_launch_price_usd_per_kg,
    energy_ledger,
    arrhenius_factor,
    mean_yearly_retention,
    ownership_pv_factor,
    edge_on_panel_velocity_projection,
    hohmann_dv_m_s,
    payload_to_orbit_kg,
)
from .mission import MissionResult, sun_synchronous_year
from .schema import scenario_schema
from .frame import evaluate_frame


# Loaded on first use, so that ``import orbitflops`` costs little more than NumPy: the optimiser
# imports Optuna (with SQLAlchemy), the comparison pandas and SciPy.
_LAZY = {
    "optimize": ("optimize", "optimize"),
    "OptimizeResult": ("optimize", "OptimizeResult"),
    "Reference": ("optimize", "Reference"),
    "Solution": ("optimize", "Solution"),
    "compare": ("compare", None),
}

if _typing.TYPE_CHECKING:
    from . import compare
    from .optimize import OptimizeResult, Reference, Solution, optimize


def __getattr__(name: str) -> _typing.Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        m = importlib.import_module(f".{module}", __name__)
        value = m if attr is None else getattr(m, attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'orbitflops' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(_types.ModuleType):
    """``orbitflops.optimize`` is the function, as ``from orbitflops import optimize`` promises,
    even after the subpackage of the same name is imported (the import system then sets the
    package's attribute to the subpackage)."""

    def __setattr__(self, name: str, value: _typing.Any) -> None:
        if name == "optimize" and isinstance(value, _types.ModuleType):
            value = value.optimize
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

__all__ = [
    "Design",
    "Evaluation",
    "InvalidInputError",
    "Scenario",
    "evaluate",
    "evaluate_batch",
    "evaluate_frame",
    "size",
    "optimize",
    "OptimizeResult",
    "Reference",
    "Solution",
    "sweep",
    "SweepResult",
    "assumptions",
    "presets",
    "reason_name",
    "set_num_threads",
    "get_num_threads",
    "OUTPUT_NAMES",
    "OUTPUT_UNITS",
    "PARAM_NAMES",
    "DESIGN_FIELDS",
    "DEFAULT_BATCH_OUTPUTS",
    "period_s",
    "sso_inclination_rad",
    "beta_angle_rad",
    "beta_star_rad",
    "nodal_rate_rad_s",
    "eclipse_fraction",
    "earth_view_factor",
    "solar_flux_w_m2",
    "radiator_temp_k",
    "radiator_area_m2",
    "array_temp_k",
    "atmosphere_density_kg_m3",
    "required_array_power_w",
    "allowed_dod",
    "lifetime_penalty",
    "capital_recovery_factor",
    "wright_launch_price_usd_per_kg",
    "launched_power_usd_per_kw_yr",
    "ground_power_usd_per_kw_yr",
    "energy_ledger",
    "arrhenius_factor",
    "mean_yearly_retention",
    "ownership_pv_factor",
    "edge_on_panel_velocity_projection",
    "hohmann_dv_m_s",
    "payload_to_orbit_kg",
    "MissionResult",
    "sun_synchronous_year",
    "scenario_schema",
    "__version__",
]
