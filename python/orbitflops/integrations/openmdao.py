"""OpenMDAO component of the orbitflops model (``pip install 'orbitflops[openmdao]'``).

:class:`DesignComponent` is an ``ExplicitComponent`` whose inputs are a design (array area,
radiator area, racks, spare racks and optionally the battery energy) and any scenario
parameters chosen, and whose outputs are cost per FLOP, the four constraint margins, the launch
mass and any other outputs chosen by name::

    import openmdao.api as om
    import orbitflops as of
    from orbitflops.integrations.openmdao import DesignComponent

    prob = om.Problem()
    prob.model.add_subsystem("sat", DesignComponent(of.Scenario.default(), params=["launch_price_usd_per_kg"]), promotes=["*"])
    prob.setup()
    prob.run_model()
    prob.get_val("cost_per_flop_usd")

**Vectorised.** ``vectorize=n`` makes every continuous input and output an array of ``n``
designs, evaluated in one :func:`orbitflops.evaluate_batch` call; each design's outputs depend
only on its own inputs, so the partials are declared diagonal.

**Units.** Inputs and outputs carry the model's units in OpenMDAO spelling (``m**2``, ``W``,
``K``, ``kg``, ``J``, ``USD``, ``USD/kg``...). Units OpenMDAO does not know (anything per FLOP or
per FLOP/s) and dimensionless quantities have none. ``thermal_margin_k`` is a temperature
*difference*: keep it in K, since OpenMDAO converts K to degC with the 273.15 K offset.

**Integers.** ``racks`` and ``spare_racks`` (and any whole-number scenario parameter chosen,
such as ``max_launches``) are discrete inputs (``add_discrete_input``): an int, or an integer
array of ``n`` values when vectorised. They are not differentiated; a gradient optimiser works at
a fixed rack count (loop over counts, or use :mod:`orbitflops.integrations.pymoo` or
:func:`orbitflops.optimize` to search them).

**Derivatives.** The core has no analytic derivatives, so :meth:`DesignComponent.compute_partials`
takes finite differences of every continuous input in ONE batch call: the design itself, then
each input stepped by +-h and +-2h, h = ``fd_rel_step`` times its value (times the scenario's
value, or 1, where the input is 0), stacked as rows. Derivatives are central differences
(x +- h), except:

* where a step leaves the valid range (a parameter at its bound, an area stepped below zero)
  the one-sided difference on the valid side is used;
* at a kink of the model. The model is piecewise smooth: the delivered compute is derated when
  the array or radiator is too small (``min`` of the power and thermal derates, each a ``min``
  over orbit conditions, clamped to [0, 1]), so cost per FLOP, delivered FLOP/s and every
  per-FLOP output have a kink where ``power_margin_w`` or ``thermal_margin_k`` crosses 0. The
  optimum at a fixed rack count has the array at its kink (and the battery at its smallest
  feasible energy) but not the radiator: a larger radiator runs the chips cooler, and the
  failure rate falls with their temperature, so cost per FLOP first falls above the smallest
  feasible radiator and has a smooth minimum, unless the launch mass binds first or
  ``failure_activation_energy_ev`` is 0 (then the radiator too is at its kink). Other kinks:
  the worst-case condition that sets the array requirement changes (a ``max`` over
  conditions, in orbit and power parameters); the spares last the whole lifetime
  (``spares_exhausted_yr`` reaches ``lifetime_yr``); and the atmosphere's density, a piecewise
  exponential table (Vallado Table 8-4), changes scale height, with a small jump, at each
  band's base altitude, so the drag make-up propellant, mass and cost have a kink and a jump
  there in ``altitude_m``. A kink is detected when the forward and backward differences
  disagree by more than ``kink_rel_tol`` (relative). There the one-sided difference on the
  side where the design is feasible (all margins >= 0) is used, the derivative a constrained
  optimiser needs at the boundary; where both sides are equally feasible, the side whose slope
  carries on unchanged one step further out (x +- 2h), i.e. the side that does not cross the
  kink or a jump. One-sided differences are second order, from x, x +- h and x +- 2h (so the
  batch has ``1 + 4 * inputs`` rows per design). At a smooth minimum, where the two
  differences have opposite signs, the kink test fires too; the second-order one-sided
  difference is as accurate there as the central one.
* The margins themselves are smooth in the areas and the battery energy.

Outputs that are piecewise constant (``feasible``, ``binding_constraint``, ``launches``) get no
partials; a non-finite output (cost per FLOP when nothing is delivered) has derivative 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import check_names, missing_extra

try:
    import openmdao.api as om
    from openmdao.utils.units import valid_units
except ImportError as e:
    raise missing_extra("OpenMDAO", "openmdao") from e

from .. import _core
from .._core import InvalidInputError, Scenario
from ..model import OUTPUT_UNITS, PARAM_NAMES, evaluate, evaluate_batch

BASE_OUTPUTS: tuple[str, ...] = ("cost_per_flop_usd", "power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg", "mass_total_kg")
"""Outputs every DesignComponent has."""

PIECEWISE_CONSTANT: frozenset[str] = frozenset({"feasible", "binding_constraint", "launches"})
"""Outputs with zero derivative wherever they have one: declared without partials."""

_PARAM_INFO = {p["name"]: p for p in _core.PARAMS}


def om_units(unit: str) -> str | None:
    """The OpenMDAO spelling of a model unit, or None when OpenMDAO has no such unit (FLOP) or
    the quantity is dimensionless."""
    if unit in ("", "1") or "FLOP" in unit:
        return None
    u = unit.replace("^", "**").replace("kWh", "(kW*h)").replace(" ", "*")
    return u if valid_units(u) else None


class DesignComponent(om.ExplicitComponent):  # type: ignore[misc]  # OpenMDAO ships no type information
    """The orbitflops model as an OpenMDAO explicit component (see the module documentation).

    ``DesignComponent(scenario, params=[...], extra_outputs=[...], vectorize=n, battery=False)``:

    * ``scenario``: the :class:`orbitflops.Scenario` (default ``Scenario.default()``); inputs
      start at its design and parameter values.
    * ``params``: scenario parameters to expose as inputs (whole-number ones as discrete inputs).
    * ``extra_outputs``: output names beyond ``BASE_OUTPUTS`` (see ``orbitflops.OUTPUT_NAMES``).
    * ``vectorize``: number of designs evaluated together (every input and output has this length).
    * ``battery``: expose ``battery_energy_j`` (J) as an input; otherwise the battery is sized
      from the worst eclipse at the allowed depth of discharge.
    * ``fd_rel_step``, ``kink_rel_tol``: relative finite-difference step and kink threshold.
    """

    def __init__(self, scenario: Scenario | None = None, **kwargs: Any):
        super().__init__(scenario=scenario, **kwargs)

    def initialize(self) -> None:
        self.options.declare("scenario", default=None, allow_none=True, recordable=False, desc="The orbitflops Scenario")
        self.options.declare("params", default=(), types=(list, tuple), desc="Scenario parameters exposed as inputs")
        self.options.declare("extra_outputs", default=(), types=(list, tuple), desc="Outputs beyond the base set")
        self.options.declare("vectorize", default=1, types=int, lower=1, desc="Designs evaluated together")
        self.options.declare("battery", default=False, types=bool, desc="Expose battery_energy_j as an input")
        self.options.declare("fd_rel_step", default=1e-6, types=float, lower=1e-12, upper=1e-2, desc="Relative finite-difference step")
        self.options.declare("kink_rel_tol", default=1e-3, types=float, lower=0.0, desc="Forward/backward disagreement taken as a kink")

    def setup(self) -> None:
        opts = self.options
        scenario = opts["scenario"]
        if scenario is None:
            scenario = Scenario.default()
        elif not isinstance(scenario, Scenario):
            raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
        self._scenario = scenario
        n = opts["vectorize"]
        params = check_names("params", opts["params"], PARAM_NAMES)
        extra = check_names("extra_outputs", opts["extra_outputs"], OUTPUT_UNITS)
        design = scenario.design
        values = scenario.params()
        cont: list[str] = ["array_area_m2", "radiator_area_m2"]
        disc: list[str] = ["racks", "spare_racks"]
        start = {"array_area_m2": design.array_area_m2, "radiator_area_m2": design.radiator_area_m2}
        units: dict[str, str | None] = {"array_area_m2": "m**2", "radiator_area_m2": "m**2"}
        if opts["battery"]:
            cont.append("battery_energy_j")
            b = design.battery_energy_j
            start["battery_energy_j"] = b if b is not None else evaluate(design, scenario).battery_energy_j
            units["battery_energy_j"] = "J"
        for p in params:
            info = _PARAM_INFO[p]
            if info["integer"]:
                disc.append(p)
            else:
                cont.append(p)
                start[p] = values[p]
                units[p] = om_units(info["unit"])
        self._cont, self._disc = cont, disc
        # The step's scale where an input is 0: the scenario's value, else 1.
        self._fd_floor = {c: abs(start[c]) or 1.0 for c in cont}
        for c in cont:
            self.add_input(c, val=np.full(n, start[c]), units=units[c], desc=_describe(c))
        disc_start = {"racks": design.racks, "spare_racks": design.spare_racks}
        for d in disc:
            v = int(disc_start[d]) if d in disc_start else int(values[d])
            self.add_discrete_input(d, val=v if n == 1 else np.full(n, v, dtype=int), desc=_describe(d))
        self._outs = list(dict.fromkeys([*BASE_OUTPUTS, *extra]))
        for o in self._outs:
            self.add_output(o, val=np.zeros(n), units=om_units(OUTPUT_UNITS[o]), desc=_describe(o))
        self._diff_outs = [o for o in self._outs if o not in PIECEWISE_CONSTANT]
        rows = np.arange(n)
        for o in self._diff_outs:
            for c in cont:
                self.declare_partials(o, c, rows=rows, cols=rows)

    def _columns(self, inputs: Any, discrete_inputs: Any) -> dict[str, np.ndarray]:
        n = self.options["vectorize"]
        cols = {c: np.asarray(inputs[c], dtype=float).reshape(n) for c in self._cont}
        for d in self._disc:
            v = np.asarray(discrete_inputs[d], dtype=float)
            if v.ndim > 1 or (v.ndim == 1 and v.shape[0] not in (1, n)):
                raise ValueError(f"{d} must be a whole number or an array of {n}, got shape {v.shape}")
            cols[d] = np.broadcast_to(v.reshape(-1) if v.ndim else v, (n,)).astype(float)
        return cols

    def compute(self, inputs: Any, outputs: Any, discrete_inputs: Any = None, discrete_outputs: Any = None) -> None:
        cols: dict[str, Any] = self._columns(inputs, discrete_inputs)
        try:
            res = evaluate_batch(self._scenario, outputs=self._outs, **cols)
        except InvalidInputError as e:
            raise om.AnalysisError(f"{self.pathname or 'DesignComponent'}: {e}") from e
        for o in self._outs:
            outputs[o] = res[o]

    def compute_partials(self, inputs: Any, partials: Any, discrete_inputs: Any = None) -> None:
        if not self._diff_outs:
            return
        n = self.options["vectorize"]
        rel = self.options["fd_rel_step"]
        tol = self.options["kink_rel_tol"]
        base = self._columns(inputs, discrete_inputs)
        k = len(self._cont)
        # Row blocks: 0 the design; for input j, 4j+1..4j+4 the input stepped by +h, -h, +2h, -2h.
        offsets = (1.0, -1.0, 2.0, -2.0)
        stacked: dict[str, Any] = {name: np.tile(col, 4 * k + 1) for name, col in base.items()}
        steps = {}
        for j, c in enumerate(self._cont):
            x = base[c]
            h = rel * np.where(x != 0.0, np.abs(x), self._fd_floor[c])
            steps[c] = h
            for i, m in enumerate(offsets):
                b = 4 * j + 1 + i
                stacked[c][b * n : (b + 1) * n] = x + m * h
        want = list(dict.fromkeys([*self._diff_outs, "feasible"]))
        res = evaluate_batch(self._scenario, outputs=want, on_invalid="nan", **stacked)
        valid = res["valid"]
        feas = (res["feasible"] == 1.0) & valid

        def block(arr: np.ndarray, b: int) -> np.ndarray:
            return arr[b * n : (b + 1) * n]

        if not block(valid, 0).all():
            bad = int(np.flatnonzero(~block(valid, 0))[0])
            raise om.AnalysisError(f"{self.pathname or 'DesignComponent'}: design {bad} is not valid")
        for j, c in enumerate(self._cont):
            h = steps[c]
            up_ok, down_ok, up2_ok, down2_ok = (block(valid, 4 * j + 1 + i) for i in range(4))
            up_feas, down_feas = block(feas, 4 * j + 1), block(feas, 4 * j + 2)
            for o in self._diff_outs:
                f0 = block(res[o], 0)
                fp, fm, fp2, fm2 = (block(res[o], 4 * j + 1 + i) for i in range(4))
                with np.errstate(invalid="ignore", over="ignore"):
                    fwd, bwd = (fp - f0) / h, (f0 - fm) / h
                    fwd_next, bwd_next = (fp2 - fp) / h, (fm - fm2) / h
                    cen = (fp - fm) / (2.0 * h)
                    # Second-order one-sided differences, first-order where x +- 2h is invalid.
                    fwd2 = np.where(up2_ok, (4.0 * fp - 3.0 * f0 - fp2) / (2.0 * h), fwd)
                    bwd2 = np.where(down2_ok, (3.0 * f0 - 4.0 * fm + fm2) / (2.0 * h), bwd)
                    kink = np.abs(fwd - bwd) > tol * (np.abs(fwd) + np.abs(bwd))
                    # The side whose slope carries on smoothly one step further out does not
                    # cross the kink (or a jump).
                    up_smooth = np.abs(fwd_next - fwd) <= np.abs(bwd_next - bwd)
                d = np.where(kink, np.where(up_smooth, fwd2, bwd2), cen)
                d = np.where(kink & up_feas & ~down_feas, fwd2, d)
                d = np.where(kink & down_feas & ~up_feas, bwd2, d)
                d = np.where(up_ok & ~down_ok, fwd2, d)
                d = np.where(down_ok & ~up_ok, bwd2, d)
                d = np.where(np.isfinite(d), d, 0.0)
                partials[o, c] = d


def _describe(name: str) -> str:
    for p in _core.PARAMS:
        if p["name"] == name:
            return p["doc"]
    for o in _core.OUTPUTS:
        if o["name"] == name:
            return o["doc"]
    for f in _core.DESIGN_INFO:
        if f["name"] == name:
            return f["doc"]
    return ""


__all__ = ["DesignComponent", "BASE_OUTPUTS", "PIECEWISE_CONSTANT", "om_units"]
