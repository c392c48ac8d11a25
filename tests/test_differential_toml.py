"""Scenario files resolved twice: by the core (``Scenario.from_toml_str``: its parser, defaults
and presets) and by the NumPy reference from its own tables (``reference.resolve_toml``), then
evaluated by each. A default or preset value changed or mistyped in one table, or a slip in
reading a file (a section, the order of presets and explicit numbers), shows up as a difference.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbitflops as of
from orbitflops import reference
from orbitflops.reference import evaluate_numpy_toml

from test_differential import assert_agree, random_designs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted([*ROOT.glob("examples/*.toml"), *ROOT.glob("examples/camps/*.toml")])
DESIGN_FIELDS = ("array_area_m2", "radiator_area_m2", "racks", "spare_racks", "battery_energy_j")
# The same documented value written as another float expression (28.5 * (pi / 180) against
# 28.5 * pi / 180) may differ in its last bit.
PARAM_RTOL = 1e-15


def core_resolved(text: str):
    s = of.Scenario.from_toml_str(text)
    d = s.design
    return s, s.params(), s.choices(), {f: getattr(d, f) for f in DESIGN_FIELDS}


def assert_same_resolution(text: str):
    s, params, choices, design = core_resolved(text)
    r_params, r_choices, r_design = reference.resolve_toml(text)
    assert set(r_params) == set(params)
    bad = {k: (r_params[k], v) for k, v in params.items() if not math.isclose(r_params[k], v, rel_tol=PARAM_RTOL, abs_tol=0.0)}
    assert not bad, f"parameters resolved differently (reference, core): {bad}"
    assert r_choices == choices
    assert {k: (None if v is None else float(v)) for k, v in r_design.items()} == {k: (None if v is None else float(v)) for k, v in design.items()}
    return s


def assert_same_outputs(text: str, n: int = 300, seed: int = 1, own_design: bool = True):
    """Every output agrees, for the file's own design (its [design] table or the default) and
    for n random designs."""
    s = of.Scenario.from_toml_str(text)
    if own_design:
        assert_agree(of.evaluate_batch(s, outputs="all"), evaluate_numpy_toml(text))
    if n:
        kw = random_designs(np.random.default_rng(seed), n)
        assert_agree(of.evaluate_batch(s, outputs="all", **kw), evaluate_numpy_toml(text, **kw))


def test_reference_tables_cover_the_core():
    sections = {p["name"]: p["section"] for p in of.assumptions()}
    mine = {k: sec for sec, table in reference.DEFAULT_PARAMS.items() for k in table}
    assert mine == sections
    for kind, family in reference.PRESETS.items():
        assert sorted(family) == sorted(p["name"] for p in of.presets(kind)), kind


def test_default_scenario_resolves_alike():
    assert_same_resolution("")
    assert_same_outputs("")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_files_resolve_and_evaluate_alike(path):
    text = path.read_text()
    assert_same_resolution(text)
    assert_same_outputs(text)


# --- generated scenario files -----------------------------------------------------------------

ASSUMPTIONS = {p["name"]: p for p in of.assumptions()}
SPECIAL = {
    "altitude_m": (300e3, 1500e3),
    "ltan_h": (0.0, 23.99),
    "inclination_rad": (0.0, math.pi),
    "start_year": (2026.0, 2035.0),
    "lifetime_yr": (1.0, 15.0),
}


def plain(v: float) -> float:
    """Ten significant digits, and no magnitude below 1e-20 (the core rejects nonzero values
    below 1e-30)."""
    return 0.0 if abs(v) < 1e-20 else float(f"{v:.10g}")


def value_range(name: str) -> tuple[float, float]:
    if name in SPECIAL:
        return SPECIAL[name]
    p = ASSUMPTIONS[name]
    if p["public_low"] is not None:
        return p["public_low"], p["public_high"]
    d = p["default"]
    lo, hi = (0.8 * d, 1.2 * d) if d > 0 else ((1.2 * d, 0.8 * d) if d < 0 else (0.0, 0.1))
    return max(lo, p["low"]), min(hi, p["high"])


def draw_value(draw, name: str) -> str:
    """A valid value of a parameter as TOML text (whole numbers sometimes as integers)."""
    p = ASSUMPTIONS[name]
    lo, hi = value_range(name)
    if p["integer"]:
        v = draw(st.integers(int(math.ceil(lo)), int(math.floor(hi))))
        return str(v) if draw(st.booleans()) else repr(float(v))
    v = plain(draw(st.floats(lo, hi)))
    # Open bounds (efficiencies in (0, 1], rates in [0, 1)) exclude an end point.
    if (p["low_open"] and v <= p["low"]) or (p["high_open"] and v >= p["high"]):
        v = p["default"]
    return repr(v)


@st.composite
def numeric_override(draw):
    name = draw(st.sampled_from(sorted(ASSUMPTIONS)))
    return ASSUMPTIONS[name]["section"], name, draw_value(draw, name)


PRESET_NAMES = {kind: sorted(fam) for kind, fam in reference.PRESETS.items()}
CHOICE_NAMES = {**{k: list(v) for k, v in reference.CHOICES.items()}, **PRESET_NAMES}


@st.composite
def scenario_files(draw):
    sections: dict[str, list[str]] = {}
    for key in sorted(CHOICE_NAMES):
        name = draw(st.one_of(st.none(), st.sampled_from(CHOICE_NAMES[key])))
        if name is not None:
            sections.setdefault(reference.CHOICE_SECTIONS[key], []).append(f'{key} = "{name}"')
    # Preset-set values are overridden often: the explicit number must win.
    preset_params = sorted({k for fam in reference.PRESETS.values() for vals in fam.values() for k in vals})
    overrides = draw(st.lists(numeric_override(), max_size=6, unique_by=lambda t: t[1]))
    for name in draw(st.lists(st.sampled_from(preset_params), max_size=3, unique=True)):
        if name not in {o[1] for o in overrides}:
            overrides.append((ASSUMPTIONS[name]["section"], name, draw_value(draw, name)))
    for sec, name, text in overrides:
        sections.setdefault(sec, []).append(f"{name} = {text}")
    if draw(st.booleans()):
        sections["design"] = [
            f"array_area_m2 = {plain(draw(st.floats(100.0, 30_000.0)))!r}",
            f"radiator_area_m2 = {plain(draw(st.floats(20.0, 5_000.0)))!r}",
            f"racks = {draw(st.integers(1, 40))}",
            f"spare_racks = {draw(st.integers(0, 5))}",
        ]
        if draw(st.booleans()):
            sections["design"].append(f"battery_energy_j = {plain(draw(st.floats(0.0, 5e9)))!r}")
    order = draw(st.permutations(sorted(sections)))
    return "\n".join(f"[{sec}]\n" + "\n".join(sections[sec]) + "\n" for sec in order)


# 30 files: an inclined orbit's year costs the reference ~0.1 s, and the example files above
# already cover every preset.
@settings(max_examples=30)
@given(text=scenario_files(), seed=st.integers(0, 2**32 - 1))
def test_generated_files_resolve_and_evaluate_alike(text, seed):
    assert_same_resolution(text)
    # One evaluation per file: the file's own design when it has one, else random designs.
    if "[design]" in text:
        assert_same_outputs(text, n=0)
    else:
        assert_same_outputs(text, n=20, seed=seed, own_design=False)


# --- the comparison is not vacuous ------------------------------------------------------------


def test_a_changed_preset_value_is_caught(monkeypatch):
    text = (ROOT / "examples/camps/skeptic.toml").read_text()
    assert 'cell = "gaas_tj"' in text
    monkeypatch.setitem(reference.PRESETS["cell"]["gaas_tj"], "cell_efficiency", 0.297)
    with pytest.raises(AssertionError, match="cell_efficiency"):
        assert_same_resolution(text)
    with pytest.raises(AssertionError):
        assert_same_outputs(text)


def test_a_changed_default_is_caught(monkeypatch):
    monkeypatch.setitem(reference.DEFAULT_PARAMS["power"], "bus_fixed_w", 3100.0)
    with pytest.raises(AssertionError, match="bus_fixed_w"):
        assert_same_resolution("")
    with pytest.raises(AssertionError):
        assert_same_outputs("")


def test_a_default_no_output_uses_is_still_caught(monkeypatch):
    # The analytic outputs do not depend on the launch-price learning curve; the resolved
    # parameters still differ.
    monkeypatch.setitem(reference.DEFAULT_PARAMS["market"], "learning_rate", 0.21)
    assert_same_outputs("")
    with pytest.raises(AssertionError, match="learning_rate"):
        assert_same_resolution("")


def test_presets_before_explicit_numbers_is_checked(monkeypatch):
    # A reader that applied presets after the explicit numbers would lose the number.
    text = '[solar]\ncell_efficiency = 0.25\ncell = "gaas_tj"\n'
    assert_same_resolution(text)
    original = reference.resolve_toml

    def presets_last(t):
        params, choices, design = original(t)
        for key, name in choices.items():
            params.update(reference.PRESETS.get(key, {}).get(name, {}))
        return params, choices, design

    monkeypatch.setattr(reference, "resolve_toml", presets_last)
    with pytest.raises(AssertionError, match="cell_efficiency"):
        assert_same_resolution(text)
