"""Evaluate a pandas DataFrame of designs and scenario parameters: one row per design."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

import numpy as np

from ._core import Scenario
from .model import DESIGN_FIELDS, PARAM_NAMES, evaluate_batch, reason_name

if TYPE_CHECKING:
    import pandas as pd
    from pandas import DataFrame

OUTPUT_SUFFIX = "_output"
"""Added to an output's column name when an input column already has that name (e.g. the
scenario parameter ``ops_usd_per_yr`` and the output of the same name)."""


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("orbitflops.evaluate_frame needs pandas: pip install 'orbitflops[pandas]'") from e
    return pd


def evaluate_frame(
    df: "pd.DataFrame",
    scenario: Scenario | None = None,
    outputs: Iterable[str] | str | None = None,
    on_invalid: str = "raise",
    ignore: Iterable[str] = (),
) -> "pd.DataFrame":
    """Evaluate every row of ``df`` on ``scenario`` (default: ``Scenario.default()``) in one
    :func:`orbitflops.evaluate_batch` call and return a DataFrame with ``df``'s columns and
    index followed by the output columns.

    Each column of ``df`` names a design field (``array_area_m2``, ``radiator_area_m2``,
    ``racks``, ``spare_racks``, ``battery_energy_j``) or a numeric scenario parameter (e.g.
    ``launch_price_usd_per_kg``); fields and parameters without a column take the scenario's
    values (and the battery is sized). Columns named in ``ignore`` are carried through unchanged
    (labels, notes); any other column is an error naming it. Columns must be numeric (integer,
    float, or nullable integer, whose missing values become NaN and so invalid).

    ``outputs``: output names, ``"all"``, or None for ``orbitflops.DEFAULT_BATCH_OUTPUTS``.
    Outputs that echo a design field given as a column are not repeated; any other output whose
    name is already a column gets the suffix ``_output``.

    ``on_invalid="raise"`` raises :class:`orbitflops.InvalidInputError` naming the first bad
    row (its position), field and value; ``"nan"`` gives invalid rows NaN outputs and adds a
    boolean ``valid`` column and a ``reason`` column naming the field at fault ("valid" for a
    valid row).
    """
    pd = _pandas()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    if scenario is None:
        scenario = Scenario.default()
    if isinstance(ignore, str):
        ignore = [ignore]
    ignore = set(ignore)
    columns = list(df.columns)
    dup = sorted({str(c) for c in columns if columns.count(c) > 1})
    if dup:
        raise ValueError(f"columns {', '.join(dup)} appear more than once")
    known = set(DESIGN_FIELDS) | set(PARAM_NAMES)
    unknown = [c for c in columns if c not in known and c not in ignore]
    if unknown:
        names = ", ".join(repr(c) for c in unknown)
        raise ValueError(
            f"unknown columns {names}: each column must name a design field ({', '.join(DESIGN_FIELDS)}) "
            "or a scenario parameter (orbitflops.PARAM_NAMES); pass ignore=[...] to carry other columns through"
        )
    inputs = [c for c in columns if c in known and c not in ignore]
    if not inputs:
        raise ValueError("no column names a design field or a scenario parameter")
    arrays: dict[str, Any] = {}
    for c in inputs:
        s = df[c]
        if pd.api.types.is_bool_dtype(s.dtype) or not pd.api.types.is_numeric_dtype(s.dtype):
            raise TypeError(f"column {c!r} must be numeric, got dtype {s.dtype}")
        arrays[c] = s.to_numpy(dtype=np.float64, na_value=np.nan)
    out = evaluate_batch(scenario, outputs=outputs, on_invalid=on_invalid, **arrays)
    result = df.copy()
    new: dict[str, Any] = {}
    for name, col in out.items():
        if name in ("valid", "reason") and on_invalid == "nan":
            continue
        if name in columns:
            if name in DESIGN_FIELDS:
                continue  # the model echoes the design
            name = name + OUTPUT_SUFFIX
        new[name] = col
    if on_invalid == "nan":
        new["valid"] = out["valid"]
        codes = out["reason"]
        reasons = {int(c): reason_name(int(c)) for c in np.unique(codes)}
        new["reason"] = [reasons[int(c)] for c in codes]
    clash = sorted(set(new) & set(columns))
    if clash:
        raise ValueError(f"columns {', '.join(clash)} would be overwritten by outputs; rename them")
    frame: DataFrame = pd.concat([result, pd.DataFrame(new, index=df.index)], axis=1)
    return frame


__all__ = ["evaluate_frame", "OUTPUT_SUFFIX"]
