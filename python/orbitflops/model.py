"""Evaluate designs: one at a time with every intermediate explained, or millions at once.

``evaluate(design, scenario)`` returns an :class:`Evaluation`; ``evaluate_batch(scenario, **arrays)``
returns a dict of NumPy arrays. Both run the analytic tier of the Rust core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, overload

import numpy as np
from numpy.typing import ArrayLike

from . import _core
from ._core import Design, InvalidInputError, Scenario

if TYPE_CHECKING:
    from .mission import MissionResult

OUTPUT_NAMES: tuple[str, ...] = tuple(o["name"] for o in _core.OUTPUTS)
"""Every output of an evaluation, in order."""
OUTPUT_UNITS: dict[str, str] = {o["name"]: o["unit"] for o in _core.OUTPUTS}
PARAM_NAMES: tuple[str, ...] = tuple(p["name"] for p in _core.PARAMS)
"""Every numeric scenario parameter, in order."""
DESIGN_FIELDS: tuple[str, ...] = tuple(_core.DESIGN_FIELDS)
CONSTRAINT_NAMES: tuple[str, ...] = tuple(_core.CONSTRAINT_NAMES)

DEFAULT_BATCH_OUTPUTS: tuple[str, ...] = (
    "cost_per_flop_usd",
    "delivered_flops",
    "mass_total_kg",
    "capex_usd",
    "power_margin_w",
    "dod_margin",
    "thermal_margin_k",
    "mass_margin_kg",
    "radiator_temp_k",
    "feasible",
    "cost_ratio",
    "breakeven_launch_usd_per_kg",
)
"""Outputs `evaluate_batch` returns unless told otherwise (``outputs="all"`` returns all)."""

WATERFALL = (
    ("peak", "peak_flops"),
    ("utilisation", "after_utilisation_flops"),
    ("failures_and_spares", "after_failures_flops"),
    ("eclipse", "after_eclipse_flops"),
    ("power_thermal_derating", "after_derating_flops"),
    ("radiation", "delivered_flops"),
)

LEDGER = (
    "array_output_w",
    "load_power_w",
    "regulation_loss_w",
    "distribution_loss_w",
    "battery_charge_loss_w",
    "battery_charge_w",
    "battery_discharge_loss_w",
    "dissipation_sunlit_w",
    "dissipation_eclipse_w",
    "heat_load_w",
)

_GROUPS: dict[str, list[str]] = {}
for _o in _core.OUTPUTS:
    _GROUPS.setdefault(_o["group"], []).append(_o["name"])


class Evaluation:
    """Every intermediate and result of one design's evaluation.

    Attributes are the names in ``orbitflops.OUTPUT_NAMES`` (SI units, unit in the name), plus
    grouped views: :attr:`waterfall`, :attr:`masses`, :attr:`costs`, :attr:`margins`,
    :attr:`thermal_chain`, :attr:`ground`, :attr:`binding_constraint` and :attr:`is_feasible`.
    """

    __slots__ = ("_raw", "design", "scenario")

    def __init__(self, raw: _core.Evaluation, design: Design, scenario: Scenario):
        self._raw = raw
        self.design = design
        self.scenario = scenario

    def __getattr__(self, name: str) -> float:
        out: float = getattr(self._raw, name)
        return out

    def __dir__(self) -> list[str]:
        return sorted(set(OUTPUT_NAMES) | set(type(self).__dict__) | {"design", "scenario"})

    def __repr__(self) -> str:
        from ._display import constraint, value_text

        return (
            f"<Evaluation: cost per delivered FLOP {value_text('cost_per_flop_usd', self.cost_per_flop_usd)} USD, "
            f"delivered compute {value_text('delivered_flops', self.delivered_flops)} PFLOP/s, "
            f"launch mass {value_text('mass_total_kg', self.mass_total_kg)} t; {'feasible' if self.is_feasible else 'infeasible'}, "
            f"binding constraint: {constraint(self.binding_constraint)}>"
        )

    def tables(self) -> dict[str, list[tuple[str, ...]]]:
        """The human views of this evaluation, as ``orbitflops evaluate`` prints them: for each
        table (design, orbit, power, thermal chain, waterfall, mass, capital cost, cost per FLOP,
        ground, margins) its rows of text, each quantity in words with its display unit and
        rounded to four significant figures. The SI values are the attributes and the grouped
        views (:attr:`masses`, :attr:`costs`, ...)."""
        from ._display import evaluation_sections

        return {s.title: [s.header, *s.rows] for s in evaluation_sections(self)}

    def _repr_html_(self) -> str:
        from html import escape

        from ._display import evaluation_sections, sections_html, verdict

        return f"<div><p>{escape(verdict(self))}</p>{sections_html(evaluation_sections(self))}</div>"

    def to_dict(self) -> dict[str, float]:
        """Every output as a dict."""
        return self._raw.to_dict()

    @property
    def is_feasible(self) -> bool:
        """True when every constraint margin is >= 0."""
        return self._raw.feasible == 1.0

    @property
    def binding_constraint(self) -> str:
        """Name of the tightest constraint: power, battery_dod, thermal or mass."""
        return CONSTRAINT_NAMES[int(self._raw.binding_constraint)]

    def group(self, name: str) -> dict[str, float]:
        """Outputs of one group (design, orbit, power, thermal, compute, mass, cost, ground, constraints)."""
        d = self._raw.to_dict()
        return {k: d[k] for k in _GROUPS[name]}

    @property
    def waterfall(self) -> dict[str, float]:
        """Delivered-compute waterfall, FLOP/s: peak -> utilisation -> failures and spares ->
        eclipse -> power/thermal derating -> radiation error handling (= delivered)."""
        d = self._raw.to_dict()
        return {step: d[key] for step, key in WATERFALL}

    @property
    def masses(self) -> dict[str, float]:
        """Mass breakdown, kg (docs/model.md, "Mass"), and the total: the items add up to ``mass_total_kg``."""
        return {k: v for k, v in self.group("mass").items() if k.startswith("mass_") and k != "mass_margin_kg"}

    @property
    def costs(self) -> dict[str, float]:
        """Capital cost breakdown, USD: the items add up to ``capex_usd``."""
        items = {k: v for k, v in self.group("cost").items() if k.startswith("cost_") and k.endswith("_usd") and k != "cost_per_flop_usd"}
        items["nre_usd"] = self._raw.nre_usd
        return items

    @property
    def margins(self) -> dict[str, float]:
        """Constraint margins (each feasible when >= 0): power W, battery DoD, thermal K, mass kg."""
        return {
            "power_margin_w": self.power_margin_w,
            "dod_margin": self.dod_margin,
            "thermal_margin_k": self.thermal_margin_k,
            "mass_margin_kg": self.mass_margin_kg,
        }

    @property
    def thermal_chain(self) -> dict[str, float]:
        """From the chip's limit through the coolant loop to the radiator's temperature and area."""
        s = self.scenario
        return {
            "chip_temp_max_k": self.chip_temp_max_k,
            "cold_plate_dt_k": s.cold_plate_dt_k,
            "coolant_loop_dt_k": s.coolant_loop_dt_k,
            "radiator_temp_max_k": self.radiator_temp_max_k,
            "radiator_emissivity_eol": s.radiator_emissivity_eol,
            "radiator_absorptivity_eol": s.radiator_absorptivity_eol,
            "radiator_env_w_m2": self.radiator_env_w_m2,
            "heat_load_w": self.heat_load_w,
            "radiator_area_required_m2": self.radiator_area_required_m2,
            "radiator_area_m2": self.radiator_area_m2,
            "radiator_temp_required_k": self.radiator_temp_required_k,
            "radiator_temp_k": self.radiator_temp_k,
            "radiator_temp_bol_k": self.radiator_temp_bol_k,
            "chip_temp_k": self.chip_temp_k,
        }

    @property
    def ledger(self) -> dict[str, float]:
        """The energy ledger at full load in the orbit with the longest eclipse, W: the array's
        output = load + regulation, distribution and charging losses + power stored; the heat
        dissipated on board in sunlight and in eclipse (docs/model.md, "Energy ledger")."""
        return {k: getattr(self._raw, k) for k in LEDGER}

    @property
    def ground(self) -> dict[str, float]:
        """The ground data centre with the same racks, and the comparison."""
        return self.group("ground")


@overload
def evaluate(design: Design | None = None, scenario: Scenario | None = None, tier: Literal["analytic"] = "analytic") -> Evaluation: ...
@overload
def evaluate(design: Design | None = None, scenario: Scenario | None = None, *, tier: Literal["mission"]) -> MissionResult: ...
@overload
def evaluate(design: Design | None, scenario: Scenario | None, tier: Literal["mission"]) -> MissionResult: ...
@overload
def evaluate(design: Design | None = None, scenario: Scenario | None = None, tier: str = "analytic") -> Evaluation | MissionResult: ...
def evaluate(design: Design | None = None, scenario: Scenario | None = None, tier: str = "analytic") -> Evaluation | MissionResult:
    """Evaluate one design on a scenario.

    ``design`` defaults to the scenario's design; ``scenario`` to ``Scenario.default()``.
    ``tier="analytic"`` (default) returns an :class:`Evaluation`; ``tier="mission"`` simulates the
    lifetime day by day and returns a :class:`orbitflops.mission.MissionResult`.
    """
    if tier == "mission":
        from .mission import evaluate_mission

        return evaluate_mission(design, scenario)
    if tier != "analytic":
        raise ValueError(f"tier = {tier!r}: must be 'analytic' or 'mission'")
    design, scenario = resolve_design(design, scenario)
    return Evaluation(_core.evaluate(design, scenario), design, scenario)


def resolve_design(design: Design | None, scenario: Scenario | None) -> tuple[Design, Scenario]:
    """Check the types of a design and scenario, defaulting to the default scenario and its design."""
    if scenario is None:
        scenario = Scenario.default()
    elif not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
    if design is None:
        design = scenario.design
    elif not isinstance(design, Design):
        raise TypeError(f"design must be an orbitflops.Design, got {type(design).__name__}")
    return design, scenario


def size(scenario: Scenario, racks: int, spare_racks: int = 0, radiator_temp_k: float | None = None) -> Design:
    """Smallest feasible array and battery for ``racks`` powered racks and ``spare_racks``
    spares, and the radiator that runs at ``radiator_temp_k`` (K, end of life, full load; None:
    at its limit ``radiator_temp_max_k``, the smallest feasible radiator), in closed form
    (docs/model.md, "Sizing"). A cooler radiator is larger and its chips fail less, so the best
    radiator temperature is a trade (see :func:`orbitflops.optimize.reference`)."""
    return _core.size(scenario, float(racks), float(spare_racks), None if radiator_temp_k is None else float(radiator_temp_k))


def _column(name: str, value: Any) -> np.ndarray | float:
    arr = np.asarray(value)
    if arr.dtype.kind not in "fiu":
        raise TypeError(f"{name} must be a real numeric array or number, got dtype {arr.dtype}")
    if arr.ndim > 1:
        raise ValueError(f"{name} must be 0-d or 1-d, got an array of shape {arr.shape}")
    if arr.ndim == 0:
        return float(arr)
    if arr.dtype != np.float64 or not arr.dtype.isnative:
        arr = arr.astype(np.float64)  # one conversion copy; float64 arrays are read in place
    if arr.strides[0] <= 0 or arr.strides[0] % 8 != 0:
        arr = np.ascontiguousarray(arr)
    return arr


def _columns(arrays: Mapping[str, ArrayLike]) -> tuple[dict[str, np.ndarray | float], int]:
    """Checked batch inputs (see :func:`_column`) and their common length (1 when all are
    numbers)."""
    cols: dict[str, np.ndarray | float] = {}
    n: int | None = None
    first: str | None = None
    for name, value in arrays.items():
        col = _column(name, value)
        if isinstance(col, np.ndarray):
            if n is None:
                n, first = len(col), name
            elif len(col) != n:
                raise ValueError(f"{name} has length {len(col)} but {first} has length {n}: all arrays must have the same length")
        cols[name] = col
    return cols, 1 if n is None else n


def evaluate_batch(
    scenario: Scenario,
    *,
    outputs: Iterable[str] | str | None = None,
    on_invalid: str = "raise",
    tier: str = "analytic",
    sized: bool = False,
    **arrays: ArrayLike,
) -> dict[str, np.ndarray]:
    """Evaluate many designs in one call, in parallel in Rust with the GIL released.

    ``tier="mission"`` returns the mission tier's lifetime totals per design instead
    (``orbitflops.mission.MISSION_TOTALS``; design-field arrays only, ``outputs`` and
    ``on_invalid="raise"`` only; see :func:`orbitflops.mission.evaluate_batch`).

    Keyword arrays are design fields (``array_area_m2``, ``radiator_area_m2``, ``racks``,
    ``spare_racks``, ``battery_energy_j``) or any numeric scenario parameter (e.g.
    ``launch_price_usd_per_kg``, ``altitude_m``), each a 1-D array (all the same length) or a
    number broadcast to all designs. Fields not given take the scenario's design values (and
    the battery is sized). float64 arrays are read in place, whatever their stride; other real
    dtypes are converted once.

    ``outputs``: names from ``OUTPUT_NAMES``, or ``"all"``; default ``DEFAULT_BATCH_OUTPUTS``.
    ``on_invalid="raise"`` raises :class:`InvalidInputError` naming the first bad index, field and
    value; ``"nan"`` returns NaN rows for invalid designs plus ``valid`` (bool) and ``reason``
    (uint16; see :func:`reason_name`) arrays.

    ``sized=True`` replaces each design's array area, radiator area and battery by the smallest
    feasible ones for its racks and its own parameters (:func:`size`, in closed form), so that
    a Monte Carlo over assumptions compares designs each sized for its draw; the area and
    battery fields must then not be given. With it, ``radiator_temp_k`` (K, per design or one
    number) sizes each radiator to run at that temperature instead of at its limit.
    """
    if tier == "mission":
        from . import mission

        if sized:
            raise ValueError("sized=True is supported by the analytic tier only")
        if on_invalid != "raise":
            raise ValueError(f"on_invalid = {on_invalid!r}: the mission tier supports only 'raise'")
        totals = mission.evaluate_batch(scenario, **arrays)
        if outputs is None or outputs == "all":
            return totals
        sel = [outputs] if isinstance(outputs, str) else list(outputs)
        for o in sel:
            if o not in totals:
                raise ValueError(f"outputs: unknown mission output name {o!r} (see orbitflops.mission.MISSION_TOTALS)")
        return {o: totals[o] for o in sel}
    if tier != "analytic":
        raise ValueError(f"tier = {tier!r}: must be 'analytic' or 'mission'")
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
    if outputs is None:
        names = list(DEFAULT_BATCH_OUTPUTS)
    elif isinstance(outputs, str):
        if outputs != "all":
            raise ValueError(f"outputs = {outputs!r}: must be 'all' or a list of output names")
        names = list(OUTPUT_NAMES)
    else:
        names = list(outputs)
        for o in names:
            if o not in OUTPUT_UNITS:
                raise ValueError(f"outputs: unknown output name {o!r} (see orbitflops.OUTPUT_NAMES)")
    for name in arrays:
        if name == "radiator_temp_k":
            if not sized:
                raise ValueError("radiator_temp_k sizes each design's radiator: it needs sized=True")
        elif name not in DESIGN_FIELDS and name not in PARAM_NAMES:
            raise ValueError(f"{name}: unknown input, neither a design field ({', '.join(DESIGN_FIELDS)}) nor a scenario parameter")
    cols, n = _columns(arrays)
    if on_invalid not in ("raise", "nan"):
        raise ValueError(f"on_invalid = {on_invalid!r}: must be 'raise' or 'nan'")
    values, valid, reason = _core.evaluate_batch(scenario, cols, n, names, on_invalid, bool(sized))
    out: dict[str, np.ndarray] = values
    if on_invalid == "nan":
        assert valid is not None and reason is not None  # the core returns both with on_invalid="nan"
        out["valid"] = valid
        out["reason"] = reason
    return out


def reason_name(code: int) -> str:
    """Name of the field behind a batch reason code (0 = valid)."""
    code = int(code)
    if code == 0:
        return "valid"
    if 1 <= code <= len(DESIGN_FIELDS):
        return DESIGN_FIELDS[code - 1]
    if code == _core.RELATION_REASON:
        return "scenario relations"
    if code == _core.SIZING_REASON:
        return "sizing"
    i = code - _core.PARAM_REASON_BASE
    if 0 <= i < len(PARAM_NAMES):
        return PARAM_NAMES[i]
    raise ValueError(f"code = {code}: not a batch reason code")


def range_position(value: float, low: float | None, high: float | None) -> float | None:
    """Where ``value`` sits in the public range [low, high]: 0 at the low end, 1 at the high end,
    0.5 in the middle. A range spanning more than a factor of 3 of positive values is read on a
    log scale (its middle is the geometric mean), as such ranges are quoted. None without a
    range."""
    if low is None or high is None or high == low:
        return None
    if low > 0 and high / low > 3.0 and value > 0:
        return float(np.log(value / low) / np.log(high / low))
    return float((value - low) / (high - low))


def assumptions(scenario: Scenario | None = None) -> list[dict[str, Any]]:
    """Every numeric assumption: section, name, value, unit, default, valid range, description,
    source, and the range public sources support (``public_low``, ``public_high``; None where
    the value is a design choice or a constant) with where the value sits in it (``position``:
    0 at the low end, 1 at the high end). Preset-filled values name their preset's source and
    carry the preset's range (see :func:`range_position`)."""
    scenario = scenario or Scenario.default()
    values = scenario.params()
    choices = scenario.choices()
    preset_of: dict[str, _core._PresetInfo] = {}
    for p in _core.PRESETS:
        if choices.get(p["kind"]) == p["name"]:
            for k in p["values"]:
                preset_of[k] = p
    rows = []
    for info in _core.PARAMS:
        row: dict[str, Any] = dict(info)
        row["value"] = values[info["name"]]
        if info["name"] in preset_of:
            pr = preset_of[info["name"]]
            row["source"] = f"{pr['kind']} preset '{pr['name']}': {pr['source']}"
            lo_hi = pr["ranges"].get(info["name"])
            row["public_low"], row["public_high"] = lo_hi if lo_hi is not None else (None, None)
        row["position"] = range_position(row["value"], row["public_low"], row["public_high"])
        row["estimate"] = "est." in row["source"]
        rows.append(row)
    return rows


def presets(kind: str | None = None) -> list[Mapping[str, Any]]:
    """The named presets (cells, racks, launchers, coatings, ground electricity supplies) with
    their values and sources."""
    kinds = {p["kind"] for p in _core.PRESETS}
    if kind is not None and kind not in kinds:
        raise ValueError(f"kind = {kind!r}: must be one of {', '.join(sorted(kinds))}")
    return [p for p in _core.PRESETS if kind is None or p["kind"] == kind]


__all__ = [
    "Design",
    "Evaluation",
    "InvalidInputError",
    "Scenario",
    "evaluate",
    "evaluate_batch",
    "size",
    "assumptions",
    "presets",
    "reason_name",
    "OUTPUT_NAMES",
    "PARAM_NAMES",
    "DESIGN_FIELDS",
    "DEFAULT_BATCH_OUTPUTS",
]
