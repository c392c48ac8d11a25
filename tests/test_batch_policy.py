"""``evaluate_batch(..., on_invalid=...)``: "raise" names the first bad index, field and value;
"nan" returns NaN rows for invalid designs, a validity mask and a reason code per row, and leaves
every valid row exactly as it would be alone."""

import numpy as np
import pytest

import orbitflops as of

S = of.Scenario.default()


def sweep(n=5000):
    rng = np.random.default_rng(7)
    return {
        "array_area_m2": rng.uniform(2000, 9000, n),
        "radiator_area_m2": rng.uniform(200, 900, n),
        "racks": rng.integers(1, 8, n).astype(float),
        "spare_racks": rng.integers(0, 3, n).astype(float),
    }


def test_raise_names_first_bad_index_field_and_value():
    cols = sweep()
    cols["racks"][4321] = 2.5
    cols["array_area_m2"][4321] = -3.0  # same row: the first field in DESIGN_FIELDS order is named
    cols["radiator_area_m2"][4400] = np.nan
    with pytest.raises(of.InvalidInputError) as info:
        of.evaluate_batch(S, on_invalid="raise", **cols)
    e = info.value
    assert (e.index, e.field) == (4321, "array_area_m2")
    assert float(e.value) == -3.0
    assert "4321" in str(e) and "array_area_m2" in str(e)
    assert isinstance(e, ValueError)


def test_raise_names_a_bad_scenario_override():
    alt = np.full(100, 550e3)
    alt[37] = 50e3
    with pytest.raises(of.InvalidInputError) as info:
        of.evaluate_batch(S, altitude_m=alt)
    assert (info.value.index, info.value.field) == (37, "altitude_m")


@pytest.mark.parametrize("with_override", [False, True])
def test_nan_policy_keeps_the_sweep_alive(with_override):
    cols = sweep()
    if with_override:
        cols["launch_price_usd_per_kg"] = np.full(5000, 1500.0)
        cols["launch_price_usd_per_kg"][10] = -1.0
    bad = {3: ("racks", 0.0), 77: ("array_area_m2", np.inf), 4999: ("radiator_area_m2", np.nan), 2500: ("spare_racks", 0.5)}
    for i, (f, v) in bad.items():
        cols[f][i] = v
    out = of.evaluate_batch(S, outputs="all", on_invalid="nan", **cols)
    expect_bad = dict(bad)
    if with_override:
        expect_bad[10] = ("launch_price_usd_per_kg", -1.0)
    assert out["valid"].dtype == bool and out["reason"].dtype == np.uint16
    assert set(np.flatnonzero(~out["valid"])) == set(expect_bad)
    for i, (f, _) in expect_bad.items():
        assert of.reason_name(out["reason"][i]) == f
        assert all(np.isnan(out[k][i]) for k in of.OUTPUT_NAMES)
    good = out["valid"]
    assert (out["reason"][good] == 0).all()
    assert not np.isnan(out["cost_per_flop_usd"][good]).any()
    # Valid rows equal the same designs evaluated without the bad ones.
    clean = {k: v[good] for k, v in cols.items()}
    ref = of.evaluate_batch(S, outputs="all", **clean)
    for k in of.OUTPUT_NAMES:
        np.testing.assert_array_equal(out[k][good], ref[k])


def test_relation_reason_code():
    # Above about 5,970 km no sun-synchronous inclination exists: a relation, not a range.
    out = of.evaluate_batch(S, altitude_m=np.array([550e3, 8000e3]), on_invalid="nan")
    assert out["valid"].tolist() == [True, False]
    assert of.reason_name(out["reason"][1]) in ("scenario relations", "altitude_m")


def test_raise_policy_has_no_mask_and_bad_policy_is_rejected():
    out = of.evaluate_batch(S, racks=np.array([1.0, 2.0]))
    assert "valid" not in out and "reason" not in out
    with pytest.raises(ValueError, match="on_invalid"):
        of.evaluate_batch(S, racks=np.array([1.0]), on_invalid="skip")


def test_reason_name_rejects_unknown_codes():
    with pytest.raises(ValueError):
        of.reason_name(60)
    assert of.reason_name(0) == "valid"
