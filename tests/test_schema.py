"""The JSON Schema of scenario files: it accepts every example scenario, rejects what the model
rejects (checked value by value against the model's own reader), and scenario files round-trip
through TOML exactly."""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import jsonschema
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import orbitflops as of
from orbitflops import _core
from orbitflops.cli import app
from orbitflops.compare.camps import camp_files
from orbitflops.compare.uncertainty import DEFAULT_UNCERTAINTY, parse_distribution

ROOT = Path(__file__).resolve().parents[1]
# The example scenarios of the checkout, and the camp scenarios as the package ships them.
EXAMPLES = sorted((ROOT / "examples").glob("*.toml")) + camp_files()
SCHEMA = of.scenario_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
PARAMS = {p["name"]: p for p in _core.PARAMS}
# Messages of the model's checks of relations between values, which a per-value schema cannot
# express (see orbitflops.schema).
RELATION_WORDS = ("sun-synchronous", "3 K sink")


def schema_ok(doc: dict) -> bool:
    return VALIDATOR.is_valid(doc)


def model_ok(doc: dict) -> tuple[bool, str]:
    """Whether the model's reader takes the TOML form of ``doc`` (a dict of tables)."""
    lines = []
    for sec, table in doc.items():
        lines.append(f"[{sec}]")
        for k, v in table.items():
            lines.append(f"{k} = {toml_value(v)}")
    try:
        of.Scenario.from_toml_str("\n".join(lines) + "\n")
        return True, ""
    except (of.InvalidInputError, TypeError) as e:
        return False, str(e)


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    return str(v)


def test_schema_is_valid_draft_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_is_generated_from_the_parameter_table():
    props = SCHEMA["properties"]
    for p in _core.PARAMS:
        s = props[p["section"]]["properties"][p["name"]]
        assert s["x-unit"] == p["unit"] and s["default"] == p["default"] and s["x-source"] == p["source"]
        assert s["type"] == ("integer" if p["integer"] else "number")
        assert p["doc"].rstrip(".") in s["description"]
    n_keys = sum(len(t["properties"]) for name, t in props.items() if name not in ("design", "search", "uncertainty"))
    assert n_keys == len(_core.PARAMS) + len(_core.CHOICE_KEYS)
    for kind in {p["kind"] for p in _core.PRESETS}:
        sec = next(s for s, k in _core.CHOICE_KEYS if k == kind)
        enum = props[sec]["properties"][kind]["enum"]
        assert enum == [p["name"] for p in _core.PRESETS if p["kind"] == kind]
        for option in props[sec]["properties"][kind]["oneOf"]:
            preset = next(p for p in _core.PRESETS if p["kind"] == kind and p["name"] == option["const"])
            assert preset["source"] in option["description"]


@pytest.mark.parametrize("path", EXAMPLES + ["default"], ids=lambda p: p if isinstance(p, str) else p.name)
def test_every_example_scenario_is_valid(path):
    text = of.Scenario.default().to_toml() if path == "default" else path.read_text()
    errors = [e.message for e in VALIDATOR.iter_errors(tomllib.loads(text))]
    assert errors == []


@pytest.mark.parametrize("path", EXAMPLES + ["default"], ids=lambda p: p if isinstance(p, str) else p.name)
def test_toml_round_trips_exactly(path):
    s = of.Scenario.default() if path == "default" else of.Scenario.from_toml(path)
    text = s.to_toml()
    again = of.Scenario.from_toml_str(text)
    assert again == s
    assert again.to_toml() == text
    assert again.params() == s.params() and again.choices() == s.choices() and again.search == s.search


@given(data=st.data())
def test_toml_round_trips_any_valid_values(data):
    """Random values of random parameters survive to_toml and from_toml_str bit for bit."""
    names = data.draw(st.lists(st.sampled_from(sorted(PARAMS)), min_size=1, max_size=6, unique=True))
    changes = {}
    for name in names:
        p = PARAMS[name]
        lo = max(p["low"], -1e30)
        hi = min(p["high"], 1e30)
        if p["integer"]:
            v = float(data.draw(st.integers(int(math.ceil(lo)), int(min(hi, 1e9)))))
        else:
            v = data.draw(st.floats(lo, hi, exclude_min=p["low_open"], exclude_max=p["high_open"] and hi == p["high"], allow_nan=False))
        assume(v == 0 or 1e-30 <= abs(v) <= 1e30)
        changes[name] = v
    try:
        s = of.Scenario.default().replace(**changes)
    except of.InvalidInputError:
        assume(False)
    text = s.to_toml()
    again = of.Scenario.from_toml_str(text)
    assert again == s
    assert again.params() == s.params()
    assert again.to_toml() == text


def probe_values(p: dict) -> list[float]:
    """Values at and just beyond a parameter's bounds, tiny and huge magnitudes, and a
    fraction for whole-number parameters."""
    vals = [0.0, -1.0, 1e-31, -1e-31, 1e31, math.inf, 0.5, 1.0, 1e30]
    for b in (p["low"], p["high"]):
        if math.isfinite(b):
            vals += [b, math.nextafter(b, -math.inf), math.nextafter(b, math.inf), b - 1.0, b + 1.0, b + 0.5]
    return vals


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_schema_agrees_with_the_model_on_each_parameter(name):
    """For values at and around each parameter's bounds, the schema accepts exactly the values
    the model accepts, except where the model checks a relation between two parameters."""
    p = PARAMS[name]
    for v in probe_values(p):
        doc = {p["section"]: {name: v}}
        ok, why = model_ok(doc)
        if ok:
            assert schema_ok(doc), f"{name} = {v!r}: the model takes it, the schema rejects it"
        elif schema_ok(doc):
            assert any(w in why for w in RELATION_WORDS), f"{name} = {v!r}: the model rejects it ({why}), the schema accepts it"


def test_schema_agrees_with_the_model_on_design_fields():
    for f in _core.DESIGN_INFO:
        for v in probe_values(f) + [0, 3, 12.0]:
            doc = {"design": {f["name"]: v}}
            assert schema_ok(doc) == model_ok(doc)[0], f"design.{f['name']} = {v!r}"


def test_schema_agrees_with_the_model_on_every_choice():
    for c in _core.CHOICES:
        assert c["names"], f"{c['key']}: no allowed names"
        for name in c["names"]:
            doc = {c["section"]: {c["key"]: name}}
            assert schema_ok(doc) and model_ok(doc)[0], f"{c['key']} = {name!r}"
        for bad in ("no_such_" + c["key"], c["names"][0].upper(), ""):
            doc = {c["section"]: {c["key"]: bad}}
            assert not schema_ok(doc) and not model_ok(doc)[0], f"{c['key']} = {bad!r}"
        doc = {c["section"]: {c["key"]: 1.0}}
        assert not schema_ok(doc) and not model_ok(doc)[0]


SEARCH_CASES = [
    {"array_area_m2": [100.0, 2000.0]},
    {"racks": {"low": 1, "high": 8, "integer": True}},
    {"altitude_m": {"low": 4.0e5, "high": 8.0e5, "log": True}},
    {"radiator_temp_k": [250.0, 330.0]},
    {"cell": ["gaas_tj", "silicon_thin"]},
    {"array_area_m2": {"low": -1.0, "high": 10.0, "log": True}},  # log needs low > 0
    {"array_area_m2": {"low": 1.0}},  # high missing
    {"array_area_m2": {"low": 1.0, "high": 2.0, "step": 1.0}},  # unknown key
    {"array_area_m2": [1.0]},
    {"array_area_m2": "wide"},
    {"no_such_variable": [1.0, 2.0]},
    {"cell": ["no_such_cell"]},
    {"cell": []},
    {"launcher": "starship"},
]


@pytest.mark.parametrize("search", SEARCH_CASES, ids=lambda s: toml_value(s))
def test_schema_agrees_with_the_model_on_search_tables(search):
    doc = {"search": search}
    assert schema_ok(doc) == model_ok(doc)[0]


def uncertainty_parser_ok(name: str, spec: dict) -> bool:
    try:
        parse_distribution(name, spec, of.Scenario.default())
        return True
    except ValueError:
        return False


UNCERTAINTY_CASES = [
    ("learning_rate", {"dist": "uniform", "low": 0.1, "high": 0.3}),
    ("learning_rate", {"dist": "triangular", "low": 0.1, "high": 0.3, "mode": 0.2, "source": "est."}),
    ("rack_cost_usd", {"dist": "lognormal", "sigma": 0.25}),
    ("rack_cost_usd", {"dist": "lognormal", "sigma": 0.25, "median": 3.0e6}),
    ("array_cost_usd_per_w", {"dist": "loguniform", "low": 10.0, "high": 150.0}),
    ("array_cost_usd_per_w", {"dist": "loguniform", "low": 0.0, "high": 150.0}),  # log of 0
    ("learning_rate", {"dist": "uniform", "low": -0.5, "high": 0.3}),  # outside the range
    ("learning_rate", {"dist": "normal", "low": 0.1, "high": 0.3}),  # unknown distribution
    ("learning_rate", {"dist": "uniform", "low": 0.1}),  # high missing
    ("rack_cost_usd", {"dist": "lognormal"}),  # sigma missing
    ("rack_cost_usd", {"dist": "lognormal", "sigma": -1.0}),
    ("rack_cost_usd", {"dist": "lognormal", "sigma": 0.2, "median": 0.0}),
    ("learning_rate", {"dist": "uniform", "low": 0.1, "high": 0.3, "width": 1.0}),  # unknown field
    ("learning_rate", {"dist": "uniform", "low": "0.1", "high": 0.3}),  # wrong type
    ("max_launches", {"dist": "uniform", "low": 1.0, "high": 3.0}),  # whole-number parameter
]


@pytest.mark.parametrize("name,spec", UNCERTAINTY_CASES, ids=[f"{n}-{toml_value(s)}" for n, s in UNCERTAINTY_CASES])
def test_schema_agrees_with_the_uncertainty_parser(name, spec):
    assert schema_ok({"uncertainty": {name: spec}}) == uncertainty_parser_ok(name, spec)


def test_default_uncertainty_is_valid():
    assert schema_ok({"uncertainty": DEFAULT_UNCERTAINTY})


INVALID_FILES = {
    "unknown key": "[orbit]\naltitud_m = 550000.0\n",
    "unknown section": "[orbits]\naltitude_m = 550000.0\n",
    "out-of-range value": "[thermal]\nradiator_sides = 3\n",
    "negative area": "[design]\narray_area_m2 = -5.0\n",
    "wrong type": '[orbit]\naltitude_m = "550 km"\n',
    "boolean for a number": "[economics]\ndiscount_rate = true\n",
    "fraction of a rack": "[design]\nracks = 2.5\n",
    "unknown preset": '[launch]\nlauncher = "saturn_v"\n',
    "unknown choice": '[power]\nstrategy = "nuclear"\n',
    "section not a table": "orbit = 3\n",
}


@pytest.mark.parametrize("what", sorted(INVALID_FILES))
def test_invalid_files_are_rejected_by_schema_and_model(what):
    text = INVALID_FILES[what]
    assert not schema_ok(tomllib.loads(text))
    with pytest.raises((of.InvalidInputError, TypeError)):
        of.Scenario.from_toml_str(text)


def test_cli_prints_the_schema(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == json.loads(json.dumps(SCHEMA))
    out = tmp_path / "scenario.schema.json"
    r = runner.invoke(app, ["schema", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text()) == json.loads(json.dumps(SCHEMA))
