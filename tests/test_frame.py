"""evaluate_frame: a DataFrame in, the same rows with outputs out, equal to evaluate_batch and to
one-at-a-time evaluation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orbitflops as of

SCENARIO = of.Scenario.default()


@st.composite
def frames(draw):
    n = draw(st.integers(1, 12))
    area = st.floats(200.0, 50_000.0)
    cols = {
        "array_area_m2": draw(st.lists(area, min_size=n, max_size=n)),
        "radiator_area_m2": draw(st.lists(st.floats(20.0, 5_000.0), min_size=n, max_size=n)),
        "racks": draw(st.lists(st.integers(1, 40), min_size=n, max_size=n)),
        "spare_racks": draw(st.lists(st.integers(0, 4), min_size=n, max_size=n)),
        "launch_price_usd_per_kg": draw(st.lists(st.just(0.0) | st.floats(1.0, 20_000.0), min_size=n, max_size=n)),
        "altitude_m": draw(st.lists(st.floats(400e3, 1200e3), min_size=n, max_size=n)),
    }
    keep = draw(st.lists(st.sampled_from(sorted(cols)), min_size=1, unique=True))
    index = draw(st.lists(st.integers(-1000, 1000), min_size=n, max_size=n, unique=True))
    return pd.DataFrame({k: cols[k] for k in keep}, index=index)


@given(df=frames())
def test_frame_equals_evaluate_batch_and_single_evaluations(df):
    out = of.evaluate_frame(df, SCENARIO, outputs="all")
    batch = of.evaluate_batch(SCENARIO, outputs="all", **{c: df[c].to_numpy(float) for c in df.columns})
    assert list(out.index) == list(df.index)
    assert list(out.columns[: len(df.columns)]) == list(df.columns)
    pd.testing.assert_frame_equal(out[df.columns], df)
    for name, col in batch.items():
        key = name if name not in df.columns else name + "_output"
        if name in df.columns and name in of.DESIGN_FIELDS:
            np.testing.assert_array_equal(df[name].to_numpy(float), col)
            continue
        np.testing.assert_array_equal(out[key].to_numpy(), col, err_msg=name)
    # One row through the one-design path, which shares no batch code.
    row = df.iloc[0]
    design = of.Design(
        row.get("array_area_m2", SCENARIO.design.array_area_m2),
        row.get("radiator_area_m2", SCENARIO.design.radiator_area_m2),
        row.get("racks", SCENARIO.design.racks),
        row.get("spare_racks", SCENARIO.design.spare_racks),
    )
    params = {k: float(row[k]) for k in df.columns if k in of.PARAM_NAMES}
    one = of.evaluate(design, SCENARIO.replace(**params)).to_dict()
    for name, v in one.items():
        key = name + "_output" if name in df.columns and name not in of.DESIGN_FIELDS else name
        if name in df.columns and name in of.DESIGN_FIELDS:
            continue
        np.testing.assert_allclose(out[key].iloc[0], v, rtol=1e-12, atol=0, err_msg=name)


def test_default_outputs_and_ignored_columns_pass_through():
    df = pd.DataFrame({"label": ["small", "large"], "array_area_m2": [3000.0, 9000.0], "racks": [3, 8], "note": [1, 2]})
    out = of.evaluate_frame(df, SCENARIO, ignore=["label", "note"])
    assert list(out.columns) == list(df.columns) + list(of.DEFAULT_BATCH_OUTPUTS)
    assert list(out["label"]) == ["small", "large"] and list(out["note"]) == [1, 2]


def test_unknown_columns_are_named():
    df = pd.DataFrame({"array_area_m2": [3000.0], "launch_price": [100.0], "colour": ["red"]})
    with pytest.raises(ValueError, match=r"unknown columns 'launch_price', 'colour'.*ignore="):
        of.evaluate_frame(df, SCENARIO)
    with pytest.raises(ValueError, match=r"unknown columns 'colour'"):
        of.evaluate_frame(df, SCENARIO, ignore=["launch_price"])


def test_no_model_column_is_an_error():
    with pytest.raises(ValueError, match="no column names a design field"):
        of.evaluate_frame(pd.DataFrame({"label": ["a"]}), SCENARIO, ignore=["label"])


@pytest.mark.parametrize("values", [["4", "5"], [True, False]])
def test_non_numeric_column_is_named(values):
    with pytest.raises(TypeError, match="column 'racks' must be numeric"):
        of.evaluate_frame(pd.DataFrame({"racks": values}), SCENARIO)


def test_invalid_rows_raise_or_become_nan():
    df = pd.DataFrame({"array_area_m2": [3000.0, -5.0, 4000.0], "racks": pd.array([3, 4, None], dtype="Int64")}, index=["a", "b", "c"])
    with pytest.raises(of.InvalidInputError) as e:
        of.evaluate_frame(df, SCENARIO)
    assert e.value.field == "array_area_m2" and e.value.index == 1
    out = of.evaluate_frame(df, SCENARIO, on_invalid="nan", outputs=["cost_per_flop_usd"])
    assert list(out["valid"]) == [True, False, False]
    assert list(out["reason"]) == ["valid", "array_area_m2", "racks"]
    assert np.isfinite(out.loc["a", "cost_per_flop_usd"]) and out.loc[["b", "c"], "cost_per_flop_usd"].isna().all()


def test_output_named_like_a_parameter_column_gets_a_suffix():
    df = pd.DataFrame({"ops_usd_per_yr": [1.0e6], "racks": [5]})
    out = of.evaluate_frame(df, SCENARIO, outputs=["ops_usd_per_yr", "racks"])
    # The output is the yearly operations bill, the fixed part plus the per-rack part.
    expected = 1.0e6 + SCENARIO.ops_usd_per_rack_yr * 5
    assert out["ops_usd_per_yr"].iloc[0] == 1.0e6
    assert out["ops_usd_per_yr_output"].iloc[0] == pytest.approx(expected, rel=1e-12)
    assert list(out.columns) == ["ops_usd_per_yr", "racks", "ops_usd_per_yr_output"]


def test_not_a_dataframe():
    with pytest.raises(TypeError, match="pandas DataFrame"):
        of.evaluate_frame({"racks": [1]}, SCENARIO)
