"""JSON Schema (draft 2020-12) of scenario files, generated from the core's tables.

Every numeric parameter (``orbitflops._core.PARAMS``: section, unit, default, valid range,
description, source), every categorical choice with its allowed names (``_core.CHOICES``; presets
from ``_core.PRESETS`` with their descriptions and sources), the ``[design]`` fields
(``_core.DESIGN_INFO``), the ``[search]`` variables and the ``[uncertainty]`` distributions come
from those tables, so the schema follows the model when parameters are added.

A scenario file is TOML; validate it by parsing it (``tomllib``) and checking the resulting
mapping against :func:`scenario_schema`. What the schema cannot say, and the model still checks
when it reads a file: relations between values (a sun-synchronous altitude must have a
sun-synchronous inclination; the chip limit minus the coolant drops must stay above the 3 K sink;
a search variable's ``low <= high``; an ``[uncertainty]`` entry's ``low <= high``) and NaN, which
JSON cannot represent.
"""

from __future__ import annotations

import math
from typing import Any

from . import _core

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Fields of each distribution of an [uncertainty] entry: (required, optional). The parser is
# orbitflops.compare.uncertainty.parse_distribution; the tests check the two agree.
_DIST_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "uniform": (("low", "high"), ()),
    "loguniform": (("low", "high"), ("median",)),
    "triangular": (("low", "high"), ("mode",)),
    "logtriangular": (("low", "high"), ("mode",)),
    "lognormal": (("sigma",), ("median",)),
    "discrete": (("choices",), ("weights",)),
}


def _fmt(v: float) -> str:
    return f"{v:g}"


def _range_keywords(low: float, low_open: bool, high: float, high_open: bool) -> dict[str, float]:
    """minimum/exclusiveMinimum and maximum/exclusiveMaximum of a range, clipped to the
    magnitudes the model accepts (an infinite bound becomes the largest accepted magnitude)."""
    big = _core.MAGNITUDE_MAX
    out: dict[str, float] = {}
    if math.isfinite(low) and low >= -big:
        out["exclusiveMinimum" if low_open else "minimum"] = low
    else:
        out["minimum"] = -big
    if math.isfinite(high) and high <= big:
        out["exclusiveMaximum" if high_open else "maximum"] = high
    else:
        out["maximum"] = big
    return out


def _number(info: dict[str, Any], doc: str, default: Any = None) -> dict[str, Any]:
    """Schema of one numeric value with the range of ``info`` (a PARAMS or DESIGN_INFO row)."""
    integer = info["integer"]
    as_int = (lambda v: int(v) if integer and float(v).is_integer() and abs(v) <= 2**53 else v)
    s: dict[str, Any] = {
        "type": "integer" if integer else "number",
        "description": doc,
        **{k: as_int(v) for k, v in _range_keywords(info["low"], info["low_open"], info["high"], info["high_open"]).items()},
        "$ref": "#/$defs/magnitude",
        "x-unit": info["unit"],
    }
    if default is not None:
        s["default"] = as_int(default)
    return s


def _param(info: dict[str, Any]) -> dict[str, Any]:
    unit = "" if info["unit"] == "1" else f" Unit: {info['unit']}."
    doc = f"{info['doc'].rstrip('.')}.{unit} Valid: {info['range']}. Source: {info['source']}"
    s = {"title": info["name"], **_number(info, doc, info["default"])}
    s["x-source"] = info["source"]
    return s


def _presets_by_kind() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for p in _core.PRESETS:
        out.setdefault(p["kind"], []).append(p)
    return out


def _choice(c: dict[str, Any], presets: dict[str, list[dict[str, Any]]], default: str | None) -> dict[str, Any]:
    """A categorical key: one of its names, each with its description."""
    options = []
    doc = c["doc"]
    if c["preset"]:
        for p in presets[c["key"]]:
            values = ", ".join(f"{k} = {_fmt(v)}" for k, v in p["values"].items())
            options.append({"const": p["name"], "description": f"{p['description']}. Sets {values}. Source: {p['source']}"})
        sets = sorted({k for p in presets[c["key"]] for k in p["values"]})
        doc = f"{doc.rstrip('.')}: sets {', '.join(sets)} (a value given in the file overrides the preset's)."
    else:
        for name in c["names"]:
            options.append({"const": name, "description": c["name_docs"].get(name, "")})
    s: dict[str, Any] = {"type": "string", "description": doc, "enum": list(c["names"]), "oneOf": options}
    if default is not None:
        s["default"] = default
    return s


def _design() -> dict[str, Any]:
    default = _core.Scenario.default().design.to_dict()
    props = {}
    for f in _core.DESIGN_INFO:
        unit = "" if f["unit"] == "1" else f" Unit: {f['unit']}."
        props[f["name"]] = _number(f, f"{f['doc'].rstrip('.')}.{unit} Valid: {f['range']}.", default.get(f["name"]))
    return {
        "type": "object",
        "description": "The design `orbitflops evaluate` scores and the optimiser starts from; fields left out keep the default design's values.",
        "properties": props,
        "additionalProperties": False,
    }


def _search() -> dict[str, Any]:
    choices = {c["key"]: c for c in _core.CHOICES}
    props: dict[str, Any] = {}
    for name in list(_core.EXTRA_SEARCH_VARS) + [p["name"] for p in _core.PARAMS]:
        props[name] = {"$ref": "#/$defs/numeric_search"}
    for name in _core.CATEGORICAL_SEARCH_VARS:
        names = choices[name]["names"]
        props[name] = {
            "type": "array",
            "description": f"Choices of {name} to search over.",
            "items": {"type": "string", "enum": list(names)},
            "minItems": 1,
        }
    return {
        "type": "object",
        "description": "The optimiser's search space: design fields, radiator_temp_k, numeric scenario parameters (a [low, high] pair or a table with low, high, log and integer) and categorical choices (a list of names).",
        "properties": props,
        "additionalProperties": False,
    }


def _dist_variants(info: dict[str, Any]) -> list[dict[str, Any]]:
    """The distribution tables a numeric parameter takes (``oneOf`` variants)."""
    inside = {"type": "number", **_range_keywords(info["low"], info["low_open"], info["high"], info["high_open"])}
    if info["integer"]:
        inside = {**inside, "type": "integer"}
    positive = dict(inside)
    if info["low"] <= 0:
        positive.pop("minimum", None)
        positive["exclusiveMinimum"] = 0
    weights = {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": _core.MAGNITUDE_MAX}, "minItems": 1}
    fields = {"low": inside, "high": inside, "mode": inside, "median": positive, "sigma": {"type": "number", "exclusiveMinimum": 0, "maximum": _core.MAGNITUDE_MAX}, "choices": {"type": "array", "items": inside, "minItems": 1, "uniqueItems": True}, "weights": weights}
    variants = []
    for kind, (required, optional) in _DIST_FIELDS.items():
        if info["integer"] and kind != "discrete":
            continue  # whole-number parameters take only discrete choices
        own = {k: fields[k] for k in required + optional}
        if kind in ("loguniform", "logtriangular"):
            own["low"] = positive
        variants.append({
            "type": "object",
            "properties": {"dist": {"const": kind}, "source": {"type": "string"}, **own},
            "required": ["dist", *required],
            "additionalProperties": False,
        })
    return variants


def _uncertainty() -> dict[str, Any]:
    props: dict[str, Any] = {}
    preset_params: dict[str, set[str]] = {}
    for p in _core.PRESETS:
        for name in p["values"]:
            preset_params.setdefault(name, set()).add(p["kind"])
    choice_names = {c["key"]: list(c["names"]) for c in _core.CHOICES}
    for info in _core.PARAMS:
        variants = _dist_variants(info)
        unit = "" if info["unit"] == "1" else f" ({info['unit']})"
        kinds = sorted(preset_params.get(info["name"], ()))
        if kinds:
            dist = {"oneOf": variants}
            variants = variants + [
                {
                    "type": "object",
                    "description": f"A distribution of {info['name']} for each drawn {k}.",
                    "properties": {"by": {"const": k}, "source": {"type": "string"}, **{n: dist for n in choice_names[k]}},
                    "required": ["by"],
                    "additionalProperties": False,
                }
                for k in kinds
            ]
        props[info["name"]] = {
            "description": f"Distribution of {info['name']}{unit}; every value within its valid range, {info['range']}.",
            "oneOf": variants,
        }
    for c in _core.CHOICES:
        props[c["key"]] = {
            "type": "object",
            "description": f"A draw of {c['key']}: one of its names, with weights.",
            "properties": {
                "dist": {"const": "discrete"},
                "source": {"type": "string"},
                "choices": {"type": "array", "items": {"enum": list(c["names"])}, "minItems": 1, "uniqueItems": True},
                "weights": {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": _core.MAGNITUDE_MAX}, "minItems": 1},
            },
            "required": ["dist", "choices"],
            "additionalProperties": False,
        }
    inputs = sorted(props)
    rho = {"type": "number", "minimum": -1, "maximum": 1}
    props["correlation"] = {
        "type": "object",
        "description": "Correlations of the inputs' normal scores (a Gaussian copula): [uncertainty.correlation.A] B = rho, or B = { rho = ..., reason = \"...\" }. Each pair once; the matrix must be positive definite (checked by the model).",
        "propertyNames": {"enum": inputs},
        "additionalProperties": {
            "type": "object",
            "propertyNames": {"enum": inputs},
            "additionalProperties": {"oneOf": [rho, {"type": "object", "properties": {"rho": rho, "reason": {"type": "string"}}, "required": ["rho"], "additionalProperties": False}]},
        },
    }
    props["defaults"] = {"type": "boolean", "description": "Start from the generated default distributions and correlations; the table's entries replace or add to them."}
    return {
        "type": "object",
        "description": (
            "Distributions of assumptions for Monte Carlo and sensitivity studies: uniform (low, high), loguniform (low, high > 0; with median, "
            "log-uniform on each side of it), triangular (low, high, mode), logtriangular (the logarithm triangular; low > 0), lognormal (sigma, "
            "median) and discrete (choices, weights), for numeric parameters (mode and median default to the scenario's value) and for categorical "
            "choices (discrete over their names); a parameter a drawn preset sets takes a distribution per choice with by; correlations in "
            "[uncertainty.correlation]. A field the distribution does not use is rejected here and by the model."
        ),
        "properties": props,
        "additionalProperties": False,
    }


def scenario_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of an orbitflops scenario file, as a dict.

    Generated from the core's tables: each numeric parameter with its type (``integer`` for
    whole-number parameters), unit (``x-unit`` and in the description), valid range
    (``minimum``/``exclusiveMinimum``/``maximum``/``exclusiveMaximum``), default, description
    and source (``x-source``); each categorical choice and preset as an ``enum`` whose names are
    described in ``oneOf``; the ``[design]``, ``[search]`` and ``[uncertainty]`` tables. Unknown
    sections and keys are rejected (``additionalProperties: false``), as the model rejects them.
    """
    dist_kinds = _uncertainty_kinds()
    if set(dist_kinds) != set(_DIST_FIELDS):
        raise RuntimeError(f"the schema knows the distributions {sorted(_DIST_FIELDS)} but the uncertainty parser takes {sorted(dist_kinds)}")
    defaults = _core.Scenario.default().choices()
    presets = _presets_by_kind()
    sections: dict[str, dict[str, Any]] = {}
    for info in _core.PARAMS:
        sec = sections.setdefault(info["section"], {"type": "object", "properties": {}, "additionalProperties": False})
        sec["properties"][info["name"]] = _param(info)
    for c in _core.CHOICES:
        sec = sections.setdefault(c["section"], {"type": "object", "properties": {}, "additionalProperties": False})
        sec["properties"][c["key"]] = _choice(c, presets, defaults.get(c["key"]))
    for name, sec in sections.items():
        sec["description"] = f"[{name}] parameters."
    sections["design"] = _design()
    sections["search"] = _search()
    sections["uncertainty"] = _uncertainty()
    big, small = _core.MAGNITUDE_MAX, _core.MAGNITUDE_MIN
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:orbitflops:scenario:{_core.__version__}",
        "title": "orbitflops scenario",
        "description": "A scenario file (TOML) of orbitflops: every assumption in SI units unless a key says otherwise. Keys left out take their defaults; presets apply before explicit values.",
        "type": "object",
        "properties": sections,
        "additionalProperties": False,
        "$defs": {
            "magnitude": {
                "description": f"The model accepts 0 or magnitudes between {small:g} and {big:g}.",
                "not": {"type": "number", "exclusiveMinimum": -small, "exclusiveMaximum": small, "not": {"const": 0}},
            },
            "numeric_search": {
                "description": "A numeric search variable: [low, high], or a table with low, high, log (search on a log scale; needs low > 0) and integer.",
                "oneOf": [
                    {"type": "array", "prefixItems": [{"$ref": "#/$defs/finite"}, {"$ref": "#/$defs/finite"}], "minItems": 2, "maxItems": 2},
                    {
                        "type": "object",
                        "properties": {"low": {"$ref": "#/$defs/finite"}, "high": {"$ref": "#/$defs/finite"}, "log": {"type": "boolean"}, "integer": {"type": "boolean"}},
                        "required": ["low", "high"],
                        "additionalProperties": False,
                        "if": {"properties": {"log": {"const": True}}, "required": ["log"]},
                        "then": {"properties": {"low": {"exclusiveMinimum": 0}}},
                    },
                ],
            },
            "finite": {"type": "number", "minimum": -1.7976931348623157e308, "maximum": 1.7976931348623157e308},
        },
    }


def _uncertainty_kinds() -> tuple[str, ...]:
    from .compare.uncertainty import KINDS

    return tuple(KINDS)


__all__ = ["scenario_schema", "SCHEMA_DIALECT"]
