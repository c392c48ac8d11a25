"""Type stubs of the compiled core module ``orbitflops._core`` (Rust, PyO3)."""

from collections.abc import Sequence
from os import PathLike
from typing import Any, Final, TypedDict, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "Design",
    "Scenario",
    "Evaluation",
    "InvalidInputError",
    "evaluate",
    "size",
    "evaluate_batch",
    "map_kernel",
    "set_num_threads",
    "get_num_threads",
    "PARAMS",
    "OUTPUTS",
    "PRESETS",
    "CONSTRAINT_NAMES",
    "DESIGN_FIELDS",
    "CHOICE_KEYS",
    "PARAM_REASON_BASE",
    "RELATION_REASON",
    "SIZING_REASON",
    "MAY_BE_INF",
    "CHOICES",
    "DESIGN_INFO",
    "EXTRA_SEARCH_VARS",
    "CATEGORICAL_SEARCH_VARS",
    "MAGNITUDE_MIN",
    "MAGNITUDE_MAX",
    "mission_evaluate",
    "mission_evaluate_batch",
    "sun_synchronous_year",
    "MISSION_TOTALS",
    "__version__",
]

# The rows of the module's tables (typing only: at runtime each row is a plain dict).

class _ParamInfo(TypedDict):
    section: str
    name: str
    unit: str
    default: float
    range: str
    low: float
    high: float
    integer: bool
    low_open: bool
    high_open: bool
    doc: str
    source: str
    public_low: float | None
    public_high: float | None

class _OutputInfo(TypedDict):
    group: str
    name: str
    unit: str
    doc: str

class _PresetInfo(TypedDict):
    kind: str
    name: str
    description: str
    source: str
    values: dict[str, float]
    ranges: dict[str, tuple[float, float]]

class _ChoiceInfo(TypedDict):
    section: str
    key: str
    doc: str
    names: list[str]
    name_docs: dict[str, str]
    preset: bool

class _DesignFieldInfo(TypedDict):
    name: str
    unit: str
    doc: str
    range: str
    low: float
    high: float
    integer: bool
    low_open: bool
    high_open: bool

__version__: Final[str]
PARAMS: Final[list[_ParamInfo]]
OUTPUTS: Final[list[_OutputInfo]]
PRESETS: Final[list[_PresetInfo]]
CONSTRAINT_NAMES: Final[list[str]]
DESIGN_FIELDS: Final[list[str]]
CHOICE_KEYS: Final[list[tuple[str, str]]]
PARAM_REASON_BASE: Final[int]
RELATION_REASON: Final[int]
SIZING_REASON: Final[int]
MAY_BE_INF: Final[list[str]]
CHOICES: Final[list[_ChoiceInfo]]
DESIGN_INFO: Final[list[_DesignFieldInfo]]
EXTRA_SEARCH_VARS: Final[list[str]]
CATEGORICAL_SEARCH_VARS: Final[list[str]]
MAGNITUDE_MIN: Final[float]
MAGNITUDE_MAX: Final[float]

class InvalidInputError(ValueError):
    """An input the model refuses."""

    field: str
    value: str
    reason: str
    index: int | tuple[int, ...] | None

@final
class Design:
    """The decision variables of one design."""

    def __new__(
        cls,
        array_area_m2: float,
        radiator_area_m2: float,
        racks: float,
        spare_racks: float = 0.0,
        battery_energy_j: float | None = None,
    ) -> Design: ...
    @property
    def array_area_m2(self) -> float: ...
    @property
    def radiator_area_m2(self) -> float: ...
    @property
    def racks(self) -> int: ...
    @property
    def spare_racks(self) -> int: ...
    @property
    def battery_energy_j(self) -> float | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Scenario:
    """Every assumption of a study, validated; numeric parameters are attributes (see PARAMS)."""

    @staticmethod
    def default() -> Scenario: ...
    @staticmethod
    def from_toml(path: str | PathLike[str]) -> Scenario: ...
    @staticmethod
    def from_toml_str(text: str) -> Scenario: ...
    def to_toml(self) -> str: ...
    def replace(self, **changes: float | str) -> Scenario: ...
    def with_design(self, design: Design) -> Scenario: ...
    def with_search(self, search: list[dict[str, Any]]) -> Scenario: ...
    def params(self) -> dict[str, float]: ...
    def choices(self) -> dict[str, str]: ...
    def orbit_summary(self) -> dict[str, Any]: ...
    def uncertainty_toml(self) -> str: ...
    @property
    def design(self) -> Design: ...
    @property
    def search(self) -> list[dict[str, Any]]: ...
    # A parameter (float) or a choice (str) by name: PARAMS and CHOICE_KEYS list them.
    def __getattr__(self, name: str) -> Any: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Evaluation:
    """Every output of one evaluation (see OUTPUTS)."""

    def to_dict(self) -> dict[str, float]: ...
    def values(self) -> tuple[float, ...]: ...
    def __getattr__(self, name: str) -> float: ...

def evaluate(design: Design, scenario: Scenario) -> Evaluation: ...
def size(scenario: Scenario, racks: float, spare_racks: float = 0.0, radiator_temp_k: float | None = None) -> Design: ...
def evaluate_batch(
    scenario: Scenario,
    columns: dict[str, npt.NDArray[np.float64] | float],
    n: int,
    outputs: Sequence[str],
    on_invalid: str = "raise",
    sized: bool = False,
) -> tuple[dict[str, npt.NDArray[np.float64]], npt.NDArray[np.bool_] | None, npt.NDArray[np.uint16] | None]: ...
def map_kernel(name: str, args: Sequence[npt.NDArray[np.float64]]) -> npt.NDArray[np.float64]: ...
def set_num_threads(n: int) -> None: ...
def get_num_threads() -> int: ...

MISSION_TOTALS: list[str]

def mission_evaluate(
    scenario: Scenario, design: Design, trace_day: int | None = None
) -> tuple[dict[str, float], dict[str, npt.NDArray[np.float64]], dict[str, Any], int]: ...
def mission_evaluate_batch(scenario: Scenario, n: int, columns: dict[str, npt.NDArray[np.float64]]) -> dict[str, npt.NDArray[np.float64]]: ...
def sun_synchronous_year(altitude_m: float, ltan_h: float, year: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
