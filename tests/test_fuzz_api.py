"""Hostile input to the public Python API: arbitrary floats (NaN, +-inf, subnormal, huge), dtypes,
shapes, strides and read-only arrays. Only the documented exceptions (ValueError, including
InvalidInputError, and TypeError) may come out; an input is valid or invalid by the rules stated
here (each field's range from the parameter table, whole numbers, magnitudes, the two relations
between parameters), and a valid input must be accepted and give no NaN and no infinity except
the ones listed below with their reason."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import orbitflops as of
from orbitflops import _core, physics

DOCUMENTED = (ValueError, TypeError)
SCENARIO = of.Scenario.default()
NASTY = st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, 1e-310, 1e-31, 1e300, 1.7976931348623157e308, -1.0])

# --- what a valid input is ----------------------------------------------------------------------

# Every number the model accepts is 0 or of magnitude 1e-30 to 1e30 (so that no product or quotient
# of inputs leaves the float64 range), inside its field's range.
MAG_MIN, MAG_MAX = 1e-30, 1e30
INFO = {p["name"]: p for p in _core.PARAMS}
# J2 sun-synchronous limit: cos i = -(2/3) (2 pi / tropical year) a^(7/2) / (J2 R_E^2 sqrt(mu))
# reaches -1 at a = ((3/2) J2 R_E^2 sqrt(mu) / Omega_dot)^(2/7) (Vallado sec. 11.4; WGS 84 / EGM96
# constants): about 5,974 km above the equator.
_J2, _RE, _MU = 1.08262668e-3, 6378137.0, 3.986004418e14
SSO_MAX_ALTITUDE_M = (1.5 * _J2 * _RE**2 * math.sqrt(_MU) / (2 * math.pi / (365.2422 * 86400.0))) ** (2 / 7) - _RE
SPACE_SINK_K = 3.0


def plausible(v):
    v = np.asarray(v, dtype=float)
    return np.isfinite(v) & ((v == 0) | ((np.abs(v) >= MAG_MIN) & (np.abs(v) <= MAG_MAX)))


def param_ok(name, v):
    """Elementwise: ``v`` is a value the parameter table allows for ``name``."""
    p = INFO[name]
    v = np.asarray(v, dtype=float)
    with np.errstate(invalid="ignore"):
        ok = plausible(v) & ((v > p["low"]) if p["low_open"] else (v >= p["low"])) & ((v < p["high"]) if p["high_open"] else (v <= p["high"]))
        if p["integer"]:
            ok &= np.where(np.isfinite(v), v == np.round(v), False)
    return ok


def design_ok(name, v):
    v = np.asarray(v, dtype=float)
    with np.errstate(invalid="ignore"):
        if name in ("array_area_m2", "radiator_area_m2"):
            return plausible(v) & (v > 0)
        if name in ("racks", "spare_racks"):
            lo = 1.0 if name == "racks" else 0.0
            return plausible(v) & (v >= lo) & (v <= 1e7) & np.where(np.isfinite(v), v == np.round(v), False)
        return plausible(v) & (v >= 0)  # battery_energy_j


def relations_ok(params, kind=SCENARIO.choices()["kind"]):
    """The relations between parameters: a sun-synchronous orbit (``kind``) needs an altitude J2
    can make sun-synchronous; the radiator limit (chip limit less the two temperature drops) must
    be above the 3 K sink."""
    alt = np.asarray(params["altitude_m"], dtype=float)
    limit = np.asarray(params["chip_temp_max_k"], dtype=float) - params["cold_plate_dt_k"] - params["coolant_loop_dt_k"]
    ok = limit > SPACE_SINK_K
    if kind == "sso":
        ok = ok & (alt < SSO_MAX_ALTITUDE_M)
    return ok


def near_a_relation_edge(params):
    """Some value is within rounding of a relation's boundary, where either answer is right."""
    with np.errstate(invalid="ignore"):
        alt = np.asarray(params["altitude_m"], dtype=float)
        chip = np.asarray(params["chip_temp_max_k"], dtype=float)
        limit = chip - params["cold_plate_dt_k"] - params["coolant_loop_dt_k"]
        return bool(np.any(np.abs(alt - SSO_MAX_ALTITUDE_M) < 1e3) or np.any(np.abs(limit - SPACE_SINK_K) < 1e-9 * np.maximum(1.0, np.abs(chip))))


# --- the outputs that may be infinite for a valid input, and when ---------------------------------


def _nothing_delivered(o, p):
    return o["pv_flop"] == 0


# name: (sign of the infinity, why, a condition on the other outputs (o) and parameters (p) that
# must then hold).
MAY_BE_INF = {
    "spares_exhausted_yr": (
        +1,
        "no rack ever fails (neither hardware failures at the junction temperature nor radiation: effective failure rate 0), so the spares are never used up",
        lambda o, p: o["failure_rate_effective_per_yr"] == 0,
    ),
    "cost_per_flop_usd": (+1, "nothing is delivered (compute derated to zero)", _nothing_delivered),
    "lcoe_usd_per_mwh": (+1, "no energy is delivered to the compute payload (compute derated to zero), so there is no MWh to charge the cost to", lambda o, p: o["after_derating_flops"] == 0),
    "usd_per_pflops_day": (+1, "the cost per FLOP in other units", _nothing_delivered),
    "cost_ratio": (+1, "the orbit's cost per FLOP over the ground's", _nothing_delivered),
    "breakeven_launch_usd_per_kg": (-1, "no launch price makes nothing delivered cheaper than the ground", _nothing_delivered),
    "co2_kg_per_flop": (+1, "launch CO2 over no delivered FLOP", lambda o, p: o["delivered_flop"] == 0),
    "usd_per_accelerator_hour": (+1, "no accelerator-hour delivered (compute derated to zero)", lambda o, p: o["after_derating_flops"] == 0),
    "array_power_required_w": (+1, "the array never sees the Sun in a worst-case condition", lambda o, p: o["after_derating_flops"] == 0),
    "power_margin_w": (-1, "a finite array against an infinite requirement", lambda o, p: o["array_power_required_w"] == math.inf),
    "battery_dod": (+1, "a battery of 0 J must carry an eclipse load", lambda o, p: (o["battery_energy_j"] == 0) & (o["eclipse_load_w"] * o["eclipse_worst_s"] > 0)),
    "dod_margin": (-1, "the allowed depth of discharge less an infinite one", lambda o, p: o["battery_dod"] == math.inf),
    "radiator_area_required_m2": (+1, "the absorbed environment alone holds the radiator above its limit", lambda o, p: o["thermal_margin_k"] <= 0),
}


# The outputs the conditions above read.
CONDITION_OUTPUTS = ("pv_flop", "delivered_flop", "after_derating_flops", "failure_rate_effective_per_yr", "array_power_required_w", "battery_energy_j", "eclipse_load_w", "eclipse_worst_s", "battery_dod", "thermal_margin_k")


def test_the_infinities_are_the_ones_the_core_documents():
    # The core lists the outputs that may be infinite for a valid input (and its fuzz targets
    # check against that list); this test gives each its sign and its condition.
    assert set(MAY_BE_INF) == set(_core.MAY_BE_INF)


def check_outputs(out: dict, valid: np.ndarray | None = None, param=None):
    """No NaN for a valid row; infinities only where MAY_BE_INF says, with its sign and condition;
    only NaN for an invalid row. ``param(name)`` gives a scenario parameter (per row or not)."""
    param = param or (lambda name: getattr(SCENARIO, name))
    cols = {k: np.asarray(v, dtype=float) for k, v in out.items() if k not in ("valid", "reason")}
    rows = np.ones(len(next(iter(cols.values()))), dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    for name, col in cols.items():
        assert not np.isnan(col[rows]).any(), f"{name} is NaN for a valid design"
        inf = np.isinf(col) & rows
        if name not in MAY_BE_INF:
            assert not inf.any(), f"{name} is infinite for a valid design"
        elif inf.any():
            sign, why, cond = MAY_BE_INF[name]
            assert (np.sign(col[inf]) == sign).all(), f"{name} is infinite with the wrong sign"
            if all(k in cols for k in CONDITION_OUTPUTS):
                held = np.broadcast_to(cond(cols, param), col.shape)
                assert held[inf].all(), f"{name} is infinite although it is not the case that {why}"
        if valid is not None:
            assert np.isnan(col[~rows]).all(), f"{name} has numbers for invalid designs"


def any_float(typical: float):
    return st.one_of(
        NASTY,
        st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
        st.floats(min_value=typical * 0.2, max_value=typical * 5),
        st.integers(min_value=-3, max_value=10**7).map(float),
    )


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


def expected_valid_rows(arrays: dict) -> np.ndarray:
    """Which rows of a batch are valid by the rules above (on the values as float64)."""
    n = max((len(v) for v in arrays.values() if np.ndim(v) == 1), default=1)
    ok = np.ones(n, dtype=bool)
    params = {k: getattr(SCENARIO, k) for k in ("altitude_m", "chip_temp_max_k", "cold_plate_dt_k", "coolant_loop_dt_k")}
    for name, v in arrays.items():
        with np.errstate(all="ignore"):
            x = np.asarray(v).astype(np.float64)
        ok &= design_ok(name, x) if name in of.DESIGN_FIELDS else param_ok(name, x)
        if name in params:
            params[name] = x
    with np.errstate(invalid="ignore"):
        ok &= relations_ok(params)
    return np.broadcast_to(ok, (n,))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch_inputs(), st.sampled_from(["raise", "nan"]))
def test_evaluate_batch_hostile_columns(arrays, policy):
    want = expected_valid_rows(arrays)
    with np.errstate(all="ignore"):
        alt = np.asarray(arrays.get("altitude_m", SCENARIO.altitude_m)).astype(np.float64)
    assume(not near_a_relation_edge({**SCENARIO.params(), "altitude_m": alt}))
    if policy == "raise" and not want.all():
        with pytest.raises(of.InvalidInputError) as e:
            of.evaluate_batch(SCENARIO, outputs="all", on_invalid=policy, **arrays)
        assert e.value.field in arrays or e.value.field == "altitude_m"
        return
    out = of.evaluate_batch(SCENARIO, outputs="all", on_invalid=policy, **arrays)
    if policy == "nan":
        np.testing.assert_array_equal(out["valid"], want)
    check_outputs(out, out["valid"] if policy == "nan" else None)
    if policy == "nan":
        bad = ~out["valid"]
        assert (out["reason"][bad] > 0).all() and (out["reason"][~bad] == 0).all()
        for code in np.unique(out["reason"][bad]):
            assert of.reason_name(int(code)) in arrays or of.reason_name(int(code)) == "scenario relations"


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


# --- one design, one scenario: valid inputs must be accepted, invalid ones refused ---------------


def magnitude(lo_exp=-30, hi_exp=30):
    """Positive numbers spread over the accepted magnitudes (log-uniform), plus the ends."""
    return st.one_of(st.sampled_from([MAG_MIN, MAG_MAX]), st.floats(lo_exp, hi_exp).map(lambda e: min(max(10.0**e, MAG_MIN), MAG_MAX)))


valid_designs = st.tuples(
    st.one_of(magnitude(), st.floats(100.0, 1e6)),
    st.one_of(magnitude(), st.floats(10.0, 1e5)),
    st.one_of(st.integers(1, 100), st.integers(1, 10**7)).map(float),
    st.one_of(st.integers(0, 5), st.integers(0, 10**7)).map(float),
    st.one_of(st.none(), st.just(0.0), magnitude(), st.floats(1e6, 1e12)),
)


def evaluate_all(d, s):
    ev = of.evaluate(d, s)
    return {k: np.array([v]) for k, v in ev.to_dict().items()}


@given(valid_designs)
def test_valid_designs_evaluate(values):
    """Every design the rules call valid is accepted and evaluates to finite numbers (except the
    listed infinities)."""
    d = of.Design(*values)
    assert (d.array_area_m2, d.radiator_area_m2, d.racks, d.spare_racks) == values[:4]
    check_outputs(evaluate_all(d, SCENARIO))


DESIGN_NAMES = ("array_area_m2", "radiator_area_m2", "racks", "spare_racks", "battery_energy_j")


@given(*(any_float(TYPICAL[k]) for k in DESIGN_NAMES[:4]), st.one_of(st.none(), any_float(1e9)))
def test_design_and_evaluate_hostile_floats(a, r, n, s, b):
    values = (a, r, n, s, b)
    bad = [name for name, v in zip(DESIGN_NAMES, values) if v is not None and not design_ok(name, v)]
    if bad:
        with pytest.raises(of.InvalidInputError) as e:
            of.Design(*values)
        assert e.value.field in bad
        return
    check_outputs(evaluate_all(of.Design(*values), SCENARIO))


def valid_param(name, v0=None):
    """Values the parameter table allows for ``name``: anywhere in its range (spread over the
    magnitudes) and within a factor of 2 of ``v0`` (default: the scenario's value; when it is 0,
    the small values come from the spread over the magnitudes)."""
    p = INFO[name]
    lo, hi = p["low"], min(p["high"], MAG_MAX)
    if p["integer"]:
        top = int(min(hi, 10**6))
        return st.integers(math.ceil(lo), top - 1 if p["high_open"] and top == hi else top).map(float)
    spread = st.floats(lo, hi, exclude_min=p["low_open"], exclude_max=p["high_open"])
    v0 = SCENARIO.params()[name] if v0 is None else v0
    options = [spread, magnitude(math.log10(lo) if lo > 0 else -30, math.log10(hi)).filter(lambda v: bool(param_ok(name, v)))]
    if v0 != 0:
        near_lo, near_hi = max(lo, min(v0 * 0.5, v0 * 2)), min(hi, max(v0 * 0.5, v0 * 2))
        options.append(st.floats(near_lo, near_hi, exclude_min=p["low_open"] and near_lo == lo, exclude_max=p["high_open"] and near_hi == hi))
    if param_ok(name, 0.0):
        options.append(st.just(0.0))
    return st.one_of(*options).filter(lambda v: bool(param_ok(name, v)))


NUMERIC = sorted(of.PARAM_NAMES)
CHOICES = {c["key"]: c["names"] for c in _core.CHOICES}


@pytest.mark.parametrize("name", NUMERIC)
@settings(max_examples=5)
@given(data=st.data())
def test_every_parameter_has_valid_values_to_draw(name, data):
    # Each parameter's strategy is well formed (an empty range, e.g. around a default of 0, shows
    # only when that parameter is drawn) and draws values the table allows.
    assert bool(param_ok(name, data.draw(valid_param(name))))


@st.composite
def valid_changes(draw):
    """Changes that make a valid scenario: the spacecraft mode (bottom up or top down) and some
    of the other choices (presets, orbit, strategy, ...), then up to 4 numeric parameters, drawn
    around the values the choices give, that keep the relations."""
    keys = ["spacecraft"] + draw(st.lists(st.sampled_from(sorted(set(CHOICES) - {"spacecraft"})), max_size=3, unique=True))
    choices = {k: draw(st.sampled_from(CHOICES[k])) for k in keys}
    base = SCENARIO.replace(**choices)
    names = draw(st.lists(st.sampled_from(NUMERIC), min_size=1, max_size=4, unique=True))
    kw = {name: draw(valid_param(name, base.params()[name])) for name in names}
    params = {**base.params(), **kw}
    assume(bool(relations_ok(params, base.choices()["kind"])) and not near_a_relation_edge(params))
    return {**choices, **kw}


def check_size(s, racks):
    """``size`` either sizes the design or says that nothing can be sized, and then even the
    largest design fails that balance."""
    try:
        d = of.size(s, racks)
    except of.InvalidInputError as e:
        assert e.field in ("array_area_m2", "radiator_temp_max_k"), e
        huge = evaluate_all(of.Design(MAG_MAX, MAG_MAX, racks), s)
        margin = "power_margin_w" if e.field == "array_area_m2" else "thermal_margin_k"
        assert huge[margin][0] <= 0, e
        return
    assert d.array_area_m2 > 0 and d.radiator_area_m2 > 0
    check_outputs(evaluate_all(d, s), param=lambda name: getattr(s, name))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(valid_changes())
def test_valid_scenarios_evaluate_and_size(kw):
    """A scenario every value of which the rules call valid is accepted, evaluates to finite
    numbers (except the listed infinities), and can be sized or is refused for a stated reason."""
    s = SCENARIO.replace(**kw)
    for name, v in kw.items():
        assert (s.choices()[name] if name in CHOICES else getattr(s, name)) == v
    check_outputs(evaluate_all(s.design, s), param=lambda name: getattr(s, name))
    check_size(s, 4)


PARAM_TYPICAL = {p: abs(getattr(SCENARIO, p)) or 1.0 for p in of.PARAM_NAMES}


@given(st.data())
def test_scenario_replace_hostile_values(data):
    names = data.draw(st.lists(st.sampled_from(sorted(of.PARAM_NAMES)), min_size=1, max_size=3, unique=True))
    kw = {}
    for name in names:
        kw[name] = data.draw(st.one_of(any_float(PARAM_TYPICAL[name]), st.sampled_from(["1", None, [1.0], True, 1 + 1j])))
    not_numbers = [k for k, v in kw.items() if isinstance(v, bool) or not isinstance(v, (int, float))]
    bad = [k for k, v in kw.items() if k not in not_numbers and not param_ok(k, v)]
    if not_numbers or bad:
        # Refused, naming one of the bad fields: TypeError for a value that is not a number.
        with pytest.raises(DOCUMENTED) as e:
            SCENARIO.replace(**kw)
        field = getattr(e.value, "field", None) or str(e.value).split()[0]
        assert field in (not_numbers if isinstance(e.value, TypeError) else bad), e.value
        return
    params = {**SCENARIO.params(), **kw}
    assume(not near_a_relation_edge(params))
    if not relations_ok(params):
        with pytest.raises(of.InvalidInputError) as e:
            SCENARIO.replace(**kw)
        assert e.value.field in ("altitude_m", "chip_temp_max_k")
        return
    s = SCENARIO.replace(**kw)
    check_outputs(evaluate_all(s.design, s), param=lambda name: getattr(s, name))
    check_size(s, 4)


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


def test_regression_stage_far_short_of_the_orbit_carries_nothing():
    # Found by the Hypothesis fuzz: an upper stage of 0.03 s specific impulse needs a mass ratio
    # beyond the float range (e^(dv / (Isp g0))) to reach a sun-synchronous orbit, and the
    # payload came out inf / inf = NaN. It carries nothing: every design is infeasible through the
    # mass margin, and the launch is billed as if a millionth of the reference payload flew
    # (docs/model.md, "Launch").
    assert physics.payload_to_orbit_kg(63_800.0, 4_000.0, 107_500.0, 0.03125, 550e3, math.radians(97.6)) == 0.0
    s = SCENARIO.replace(launcher_stage_isp_s=0.03125)
    ev = of.evaluate(s.design, s)
    assert ev.launcher_payload_to_orbit_kg == 0.0 and ev.mass_margin_kg == -ev.mass_total_kg and not ev.is_feasible
    assert ev.launch_billed_mass_kg == pytest.approx(ev.mass_total_kg * 1e6, rel=1e-12)
    check_outputs(evaluate_all(s.design, s), param=lambda name: getattr(s, name))


def test_regression_failure_reference_temperature_keeps_the_rate_finite():
    # A reference junction temperature of 1 K was accepted, and made the Arrhenius factor
    # exp(Ea / k_B (1 / T_ref - 1 / T_j)) overflow: an infinite failure rate, and NaN (0 x inf)
    # without hardware failures. Failure data exist only above the -65 C cold end of
    # semiconductor qualification; the table starts at 200 K, where even the largest activation
    # energy allowed (5 eV: exp(5 / 8.617e-5 / 200) = e^290) stays finite.
    with pytest.raises(of.InvalidInputError) as e:
        SCENARIO.replace(failure_ref_temp_k=1.0)
    assert e.value.field == "failure_ref_temp_k"
    for hardware_per_yr in (0.0, 100.0):
        s = SCENARIO.replace(failure_ref_temp_k=200.0, failure_activation_energy_ev=5.0, failure_rate_per_yr=hardware_per_yr)
        ev = of.evaluate(s.design, s)
        assert math.isfinite(ev.failure_rate_effective_per_yr)
        check_outputs(evaluate_all(s.design, s), param=lambda name: getattr(s, name))
