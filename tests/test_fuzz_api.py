"""Hostile input to the public Python API: arbitrary floats (NaN, +-inf, subnormal, huge), dtypes,
shapes, strides and read-only arrays. Only the documented exceptions (ValueError, including
InvalidInputError, and TypeError) may come out, and a valid input gives no NaN and no infinity
except the documented ones (see the output docs in ``rust/core/src/outputs.rs``)."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import orbitflops as of
from orbitflops import _core, physics

# Outputs documented as infinite in a limiting case (see the core's outputs.rs).
MAY_BE_INF = set(_core.MAY_BE_INF)
DOCUMENTED = (ValueError, TypeError)
SCENARIO = of.Scenario.default()
NASTY = st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, 1e-310, 1e-31, 1e300, 1.7976931348623157e308, -1.0])


def any_float(typical: float):
    return st.one_of(
        NASTY,
        st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
        st.floats(min_value=typical * 0.2, max_value=typical * 5),
        st.integers(min_value=-3, max_value=10**7).map(float),
    )


def check_outputs(out: dict, valid: np.ndarray | None = None):
    for name, col in out.items():
        if name in ("valid", "reason"):
            continue
        col = np.asarray(col, dtype=float)
        rows = col if valid is None else col[valid]
        assert not np.isnan(rows).any(), f"{name} is NaN for a valid design"
        if name not in MAY_BE_INF:
            assert np.isfinite(rows).all(), f"{name} is infinite for a valid design"
        if valid is not None:
            assert np.isnan(col[~valid]).all(), f"{name} has numbers for invalid designs"


TYPICAL = {"array_area_m2": 5600.0, "radiator_area_m2": 540.0, "racks": 4.0, "spare_racks": 1.0, "battery_energy_j": 1e9, "altitude_m": 550e3, "launch_price_usd_per_kg": 1500.0, "discount_rate": 0.08, "ltan_h": 18.0}

DTYPES = [np.float64, np.float32, np.int64, np.int32, np.uint8, np.dtype(">f8"), np.dtype("<f4"), np.float16]


@st.composite
def column(draw, name: str, n: int):
    kind = draw(st.sampled_from(["array", "scalar", "strided", "reversed", "readonly"]))
    if kind == "scalar":
        return draw(any_float(TYPICAL[name]))
    dtype = np.dtype(draw(st.sampled_from(DTYPES)))
    m = n * (2 if kind == "strided" else 1)
    vals = draw(st.lists(any_float(TYPICAL[name]), min_size=m, max_size=m))
    with np.errstate(all="ignore"):
        arr = np.array(vals, dtype=np.float64)
        if dtype.kind in "iu":
            arr = np.nan_to_num(arr, nan=0, posinf=0, neginf=0)
            info = np.iinfo(dtype)
            arr = np.clip(arr, info.min, info.max)
        arr = arr.astype(dtype)
    if kind == "strided":
        arr = arr[::2]
    elif kind == "reversed":
        arr = arr[::-1]
    elif kind == "readonly":
        arr.setflags(write=False)
    return arr


@st.composite
def batch_inputs(draw):
    n = draw(st.integers(0, 12))
    names = draw(st.lists(st.sampled_from(sorted(TYPICAL)), unique=True, max_size=4))
    return {name: draw(column(name, n)) for name in names}


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch_inputs(), st.sampled_from(["raise", "nan"]))
def test_evaluate_batch_hostile_columns(arrays, policy):
    try:
        out = of.evaluate_batch(SCENARIO, outputs="all", on_invalid=policy, **arrays)
    except DOCUMENTED:
        assert policy == "raise", "on_invalid='nan' raised for values of consistent shape"
        return
    check_outputs(out, out["valid"] if policy == "nan" else None)
    if policy == "nan":
        bad = ~out["valid"]
        assert (out["reason"][bad] > 0).all() and (out["reason"][~bad] == 0).all()
        for code in np.unique(out["reason"][bad]):
            assert of.reason_name(int(code))


BAD_VALUES = [
    np.array([1.0, 2.0], dtype=bool),
    np.array([1 + 2j, 3j]),
    np.array(["1", "2"]),
    np.array([1.0, None], dtype=object),
    np.array([b"a", b"b"]),
    np.ones((2, 2)),
    np.ones((2, 1, 1)),
    "100",
    None,
    [1.0, "x"],
    {"a": 1},
]


@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: type(v).__name__ + str(getattr(v, "dtype", "")))
def test_evaluate_batch_rejects_non_numeric_and_wrong_shapes(value):
    with pytest.raises(DOCUMENTED) as info:
        of.evaluate_batch(SCENARIO, array_area_m2=value)
    assert "array_area_m2" in str(info.value)


def test_evaluate_batch_mismatched_lengths_name_the_field():
    with pytest.raises(ValueError, match="radiator_area_m2|array_area_m2"):
        of.evaluate_batch(SCENARIO, array_area_m2=np.ones(3) * 5000, radiator_area_m2=np.ones(4) * 500)


@pytest.mark.parametrize("shape_case", ["0-d", "empty", "single"])
def test_evaluate_batch_degenerate_shapes(shape_case):
    value = {"0-d": np.array(5000.0), "empty": np.empty(0), "single": np.array([5000.0])}[shape_case]
    out = of.evaluate_batch(SCENARIO, array_area_m2=value, racks=np.full(0 if shape_case == "empty" else 1, 4.0) if shape_case != "0-d" else 4)
    check_outputs(out)
    n = {"0-d": 1, "empty": 0, "single": 1}[shape_case]
    assert all(len(v) == n for v in out.values())


def test_non_contiguous_and_reversed_float64_equal_contiguous():
    base = np.linspace(1000.0, 9000.0, 40)
    big = np.empty(80)
    big[::2] = base
    want = of.evaluate_batch(SCENARIO, array_area_m2=base.copy())
    for arr in (big[::2], base[::-1][::-1], np.asfortranarray(base)):
        got = of.evaluate_batch(SCENARIO, array_area_m2=arr)
        for k in want:
            np.testing.assert_array_equal(got[k], want[k])
    rev = of.evaluate_batch(SCENARIO, array_area_m2=base[::-1].copy())
    got = of.evaluate_batch(SCENARIO, array_area_m2=base[::-1])
    for k in rev:
        np.testing.assert_array_equal(got[k], rev[k])


@given(*(any_float(TYPICAL[k]) for k in ("array_area_m2", "radiator_area_m2", "racks", "spare_racks")), st.one_of(st.none(), any_float(1e9)))
def test_design_and_evaluate_hostile_floats(a, r, n, s, b):
    try:
        d = of.Design(a, r, n, s, b)
    except DOCUMENTED:
        return
    try:
        ev = of.evaluate(d, SCENARIO)
    except DOCUMENTED:
        return
    check_outputs({k: np.array([v]) for k, v in ev.to_dict().items()})


PARAM_TYPICAL = {p: abs(getattr(SCENARIO, p)) or 1.0 for p in of.PARAM_NAMES}


@given(st.data())
def test_scenario_replace_hostile_values(data):
    names = data.draw(st.lists(st.sampled_from(sorted(of.PARAM_NAMES)), min_size=1, max_size=3, unique=True))
    kw = {}
    for name in names:
        kw[name] = data.draw(st.one_of(any_float(PARAM_TYPICAL[name]), st.sampled_from(["1", None, [1.0], True, 1 + 1j])))
    try:
        s = SCENARIO.replace(**kw)
    except DOCUMENTED:
        return
    try:
        ev = of.evaluate(s.design, s)
    except DOCUMENTED:
        return
    check_outputs({k: np.array([v]) for k, v in ev.to_dict().items()})
    try:
        sized = of.size(s, 4)
    except DOCUMENTED:
        return
    assert sized.array_area_m2 > 0 and sized.radiator_area_m2 > 0


TOML_FRAGMENTS = st.sampled_from(
    ["[orbit]\n", "[design]\n", "[search]\n", "altitude_m = ", "racks = ", "kind = \"inclined\"\n", "= =", "[[", "\"", "1e999", "nan", "inf", "-0.0", "\n", "[solar]\ncell = \"x\"\n", "array_area_m2 = 1e308\n", "{", "}", "'''", "\x00", "é"]
)


@given(st.one_of(st.text(max_size=200), st.lists(TOML_FRAGMENTS, max_size=20).map("".join)))
def test_from_toml_str_arbitrary_text(text):
    try:
        s = of.Scenario.from_toml_str(text)
    except DOCUMENTED:
        return
    again = of.Scenario.from_toml_str(s.to_toml())
    assert again.to_toml() == s.to_toml()


@given(st.integers(0, len(SCENARIO.to_toml())))
def test_truncated_default_toml_parses_or_raises_value_error(cut):
    text = SCENARIO.to_toml()[:cut]
    try:
        of.Scenario.from_toml_str(text)
    except DOCUMENTED:
        pass


PHYSICS = {
    "period_s": (physics.period_s, ["altitude_m"]),
    "sso_inclination_rad": (physics.sso_inclination_rad, ["altitude_m"]),
    "beta_star_rad": (physics.beta_star_rad, ["altitude_m"]),
    "atmosphere_density_kg_m3": (physics.atmosphere_density_kg_m3, ["altitude_m"]),
    "nodal_rate_rad_s": (physics.nodal_rate_rad_s, ["altitude_m", "inclination_rad"]),
    "eclipse_fraction": (physics.eclipse_fraction, ["altitude_m", "beta_rad"]),
    "earth_view_factor": (physics.earth_view_factor, ["altitude_m", "normal_from_nadir_rad"]),
    "solar_flux_w_m2": (physics.solar_flux_w_m2, ["day_of_year"]),
    "radiator_area_m2": (physics.radiator_area_m2, ["heat_w", "temp_k", "emissivity"]),
    "lifetime_penalty": (physics.lifetime_penalty, ["failure_rate_per_yr", "lifetime_yr"]),
    "capital_recovery_factor": (physics.capital_recovery_factor, ["discount_rate", "years"]),
    "allowed_dod": (physics.allowed_dod, ["cycles"]),
}
ARG_TYPICAL = {"altitude_m": 550e3, "inclination_rad": 1.0, "beta_rad": 0.3, "normal_from_nadir_rad": 1.5, "day_of_year": 100.0, "heat_w": 1e5, "temp_k": 300.0, "emissivity": 0.85, "failure_rate_per_yr": 0.07, "lifetime_yr": 5.0, "discount_rate": 0.08, "years": 5.0, "cycles": 3e4}


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(PHYSICS)), st.data())
def test_physics_functions_hostile_arrays(fname, data):
    fn, args = PHYSICS[fname]
    n = data.draw(st.integers(0, 6))
    values = []
    for a in args:
        if data.draw(st.booleans()):
            values.append(data.draw(any_float(ARG_TYPICAL[a])))
        else:
            dtype = data.draw(st.sampled_from([np.float64, np.float32, np.dtype(">f8")]))
            arr = data.draw(hnp.arrays(dtype, n, elements=any_float(ARG_TYPICAL[a]).filter(lambda v: np.isnan(v) or np.isinf(v) or abs(v) < 1e30).map(lambda v: float(np.float32(v)) if dtype == np.float32 else v)))
            if data.draw(st.booleans()):
                arr = arr[::-1]
            arr.setflags(write=False)
            values.append(arr)
    try:
        with np.errstate(all="raise"):
            out = fn(*values)
    except DOCUMENTED:
        return
    except FloatingPointError as e:
        raise AssertionError(f"{fname}{tuple(values)} hit a floating-point error: {e}") from e
    for o in out if isinstance(out, tuple) else (out,):
        assert not np.isnan(np.asarray(o, dtype=float)).any(), f"{fname}{tuple(values)} returned NaN"


@pytest.mark.parametrize("bad", [np.array([1, 2], dtype=bool), np.array(["a"]), np.array([1j]), object()], ids=["bool", "str", "complex", "object"])
def test_physics_rejects_non_numeric(bad):
    with pytest.raises(DOCUMENTED):
        physics.period_s(bad)


def test_regression_huge_finite_area_is_rejected_not_infinite():
    # Found by the batch fuzz target: radiator_area_m2 = f64::MAX passed validation and gave
    # radiator_temp_k = inf.
    with pytest.raises(of.InvalidInputError, match="radiator_area_m2"):
        of.evaluate_batch(SCENARIO, radiator_area_m2=np.array([540.0, 1.7976931348623157e308]))
    out = of.evaluate_batch(SCENARIO, radiator_area_m2=np.array([540.0, 1.7976931348623157e308]), on_invalid="nan")
    assert out["valid"].tolist() == [True, False]
    with pytest.raises(ValueError, match="array_area_m2"):
        of.Design(1.7976931348623157e308, 540.0, 4)


def test_regression_tiny_discount_rate_has_the_zero_rate_limit():
    # Found by the batch fuzz target: discount_rate = 8e-20 gave an infinite annualised cost.
    # The capital recovery factor tends to 1/n as r -> 0; (A/P, 8%, 5) = 0.2505 (Newnan,
    # Engineering Economic Analysis, interest tables).
    crf = physics.capital_recovery_factor(np.array([1e-20, 8e-20, 0.08]), 5.0)
    np.testing.assert_allclose(crf, [0.2, 0.2, 0.2505], atol=5e-5)
    # Found by the Hypothesis fuzz: (1 + r)^n overflowed for r = 1, n = 1025 and gave NaN; the
    # factor tends to r for a long horizon.
    assert physics.capital_recovery_factor(1.0, 1025.0) == 1.0
    out = of.evaluate_batch(SCENARIO, discount_rate=np.array([8e-20]), outputs=["annualised_cost_usd_per_yr"])
    assert np.isfinite(out["annualised_cost_usd_per_yr"]).all()
