"""The Rust core's oracle fixture (rust/core/tests/data/reference_outputs.toml) is current: the
NumPy reference implementation, run again on the same scenarios and designs, gives the values
in the file. A change to the model (and so to orbitflops.reference, which test_differential.py
holds to the core) therefore fails here until the fixture is regenerated with
`python tests/reference_fixture.py`; the Rust test that reads the fixture never compares the core
with stale numbers."""

from __future__ import annotations

import importlib.util
import math
import pathlib
import tomllib

import pytest

HERE = pathlib.Path(__file__).resolve().parent


def _generator():
    spec = importlib.util.spec_from_file_location("reference_fixture", HERE / "reference_fixture.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


gen = _generator()
pytestmark = pytest.mark.skipif(
    not (gen.REPO / "rust" / "core" / "tests").is_dir(), reason=f"no rust/core/tests under {gen.REPO}: run from a source checkout or set ORBITFLOPS_REPO to one"
)


@pytest.fixture(scope="module")
def committed() -> dict:
    if not gen.FIXTURE.exists():
        pytest.fail(f"{gen.FIXTURE} is missing: run python tests/reference_fixture.py")
    return tomllib.loads(gen.FIXTURE.read_text())


@pytest.fixture(scope="module")
def fresh() -> dict:
    # Written and read back as the Rust test reads it, so that the comparison includes the
    # rounding to the digits written.
    return tomllib.loads(gen.to_toml(gen.generate()))


STALE = "rust/core/tests/data/reference_outputs.toml is stale: regenerate it with python tests/reference_fixture.py"


def test_fixture_has_every_output_and_case(committed, fresh):
    assert committed["outputs"] == fresh["outputs"], STALE
    assert [c["name"] for c in committed["case"]] == [c["name"] for c in fresh["case"]], STALE
    for old, new in zip(committed["case"], fresh["case"]):
        assert (old["scenario"], old["design"], old.get("battery_energy_j")) == (new["scenario"], new["design"], new.get("battery_energy_j")), STALE


def test_fixture_values_are_the_reference_values(committed, fresh):
    names = fresh["outputs"]
    for old, new in zip(committed["case"], fresh["case"]):
        for name, a, b in zip(names, old["values"], new["values"]):
            # Written to 13 significant digits: equal up to that rounding (and to the last bits of
            # NumPy's transcendental functions on another machine).
            assert a == b or math.isclose(a, b, rel_tol=1e-11, abs_tol=1e-300), f"{old['name']}: {name} = {a} in the file, {b} from the reference. {STALE}"


def test_fixture_stays_small():
    # Tens of kilobytes: it is read by every `cargo test` and reviewed in diffs.
    assert gen.FIXTURE.stat().st_size < 64 * 1024
