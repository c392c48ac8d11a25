"""Bad input raises a clear ValueError or TypeError naming the field and the value."""

import math

import numpy as np
import pytest

import orbitflops as of

S = of.Scenario.default()


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, -1.0, 0.0])
def test_design_rejects_bad_areas(bad):
    with pytest.raises(of.InvalidInputError, match="array_area_m2") as e:
        of.Design(bad, 500, 4)
    assert e.value.field == "array_area_m2"
    with pytest.raises(ValueError, match="radiator_area_m2"):
        of.Design(5000, bad, 4)


@pytest.mark.parametrize("racks", [0, -1, 2.5, math.nan])
def test_design_rejects_bad_rack_counts(racks):
    with pytest.raises(ValueError, match="racks"):
        of.Design(5000, 500, racks)
    with pytest.raises(ValueError, match="spare_racks"):
        of.Design(5000, 500, 4, spare_racks=-1 if racks == 0 else racks)


@pytest.mark.parametrize("alt", [50e3, 99_999.0, -1.0, math.nan, math.inf])
def test_altitude_below_100_km_rejected(alt):
    with pytest.raises(ValueError, match="altitude_m") as e:
        of.period_s(alt)
    assert str(alt if not math.isnan(alt) else "nan") in str(e.value) or "nan" in str(e.value)
    with pytest.raises(ValueError, match="altitude_m"):
        S.replace(altitude_m=alt)


def test_array_error_names_first_index():
    with pytest.raises(of.InvalidInputError) as e:
        of.period_s(np.array([500e3, 600e3, 10e3, 5.0]))
    assert e.value.index == 2 and "10000" in str(e.value)


@pytest.mark.parametrize("eps", [0.0, -0.1, 1.01, math.nan])
def test_emissivity_outside_unit_interval(eps):
    with pytest.raises(ValueError, match="emissivity"):
        of.radiator_temp_k(1e4, 10.0, eps)
    with pytest.raises(ValueError, match="radiator_emissivity_eol"):
        S.replace(radiator_emissivity_eol=eps)


def test_wrong_dtypes_and_shapes():
    with pytest.raises(TypeError, match="altitude_m"):
        of.period_s(np.array(["a", "b"]))
    with pytest.raises(TypeError, match="altitude_m"):
        of.period_s(np.array([True, False]))
    with pytest.raises(ValueError, match="broadcast"):
        of.eclipse_fraction(np.full(3, 500e3), np.zeros(4))
    with pytest.raises(TypeError, match="racks"):
        of.evaluate_batch(S, racks=np.array([1, 2], dtype=object))
    with pytest.raises(TypeError, match="array_area_m2"):
        of.evaluate_batch(S, array_area_m2=np.array([1 + 1j]))
    with pytest.raises(ValueError, match="shape"):
        of.evaluate_batch(S, array_area_m2=np.ones((2, 2)))


def test_batch_length_mismatch_named():
    with pytest.raises(ValueError, match="radiator_area_m2 has length 3 but array_area_m2 has length 2"):
        of.evaluate_batch(S, array_area_m2=np.ones(2) * 1e3, radiator_area_m2=np.ones(3) * 1e2)


def test_batch_first_offending_index_field_value():
    a = np.full(1000, 5000.0)
    a[637] = -3.0
    a[900] = math.nan
    with pytest.raises(of.InvalidInputError) as e:
        of.evaluate_batch(S, array_area_m2=a)
    assert (e.value.index, e.value.field, e.value.value) == (637, "array_area_m2", "-3")
    lp = np.full(10, 1000.0)
    lp[4] = -1
    with pytest.raises(of.InvalidInputError, match="launch_price_usd_per_kg = -1 at index 4"):
        of.evaluate_batch(S, launch_price_usd_per_kg=lp)


def test_batch_nan_policy_keeps_good_rows():
    a = np.full(5, 5000.0)
    a[2] = math.inf
    out = of.evaluate_batch(S, array_area_m2=a, on_invalid="nan")
    assert out["valid"].tolist() == [True, True, False, True, True]
    assert np.isnan(out["cost_per_flop_usd"][2]) and np.isfinite(out["cost_per_flop_usd"][[0, 1, 3, 4]]).all()
    assert of.reason_name(out["reason"][2]) == "array_area_m2"


def test_unknown_names():
    with pytest.raises(ValueError, match="unknown cell preset.*silicon_thin"):
        S.replace(cell="silicon_thinn")
    with pytest.raises(ValueError, match="unknown launcher preset"):
        S.replace(launcher="saturn_v")
    with pytest.raises(ValueError, match="unknown scenario parameter.*altitude_m"):
        S.replace(altitude_km=500)
    with pytest.raises(ValueError, match="unknown output name"):
        of.evaluate_batch(S, outputs=["cost_per_flops"])
    with pytest.raises(ValueError, match="unknown input"):
        of.evaluate_batch(S, array_area=np.ones(3))
    with pytest.raises(ValueError, match="shadow"):
        of.eclipse_fraction(500e3, 0.0, shadow="conical")
    with pytest.raises(TypeError, match="design"):
        of.evaluate("not a design", S)


@pytest.mark.parametrize(
    "text, match",
    [
        ("[orbit]\naltitude_km = 550\n", r"orbit\.altitude_km.*did you mean 'altitude_m'"),
        ("[orbit]\naltitude_m = \"high\"\n", r"orbit\.altitude_m = a string.*must be a number"),
        ("[orbit]\naltitude_m = 5e4\n", r"orbit\.altitude_m = 50000"),
        ("[orbt]\naltitude_m = 5e5\n", r"orbt.*unknown section.*did you mean 'orbit'"),
        ("[orbit]\nkind = \"polar\"\n", r"orbit\.kind.*unknown kind"),
        ("[solar]\ncell = 3\n", r"solar\.cell = an integer.*must be a string"),
        ("[solar]\naltitude_m = 5e5\n", r"belongs in section \[orbit\]"),
        ("[design]\nracks = 2.5\n", r"design\.racks = 2\.5"),
        ("[search]\nracks = [10, 1]\n", r"search\.racks.*low <= high"),
        ("[search]\nfoo = [1, 2]\n", r"search\.foo.*unknown search variable"),
        ("[orbit\naltitude_m = 5e5\n", r"malformed TOML.*line 1"),
        ("[orbit]\naltitude_m = ", r"malformed TOML"),
    ],
)
def test_malformed_or_mistyped_toml(text, match):
    with pytest.raises((ValueError, TypeError), match=match):
        of.Scenario.from_toml_str(text)


def test_missing_scenario_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.toml"):
        of.Scenario.from_toml(tmp_path / "nope.toml")


def test_no_sun_synchronous_orbit_high_up():
    with pytest.raises(ValueError, match="sun-synchronous"):
        of.sso_inclination_rad(7000e3)
    with pytest.raises(ValueError, match="sun-synchronous"):
        S.replace(altitude_m=7000e3)
    assert S.replace(kind="inclined", altitude_m=7000e3).altitude_m == 7000e3


def test_batch_reports_the_first_offending_index_across_fields_and_threads():
    n = 400_000
    a = np.full(n, 5000.0)
    a[390_000] = -1.0
    a[250_000] = math.nan
    r = np.full(n, 800.0)
    r[123_457] = -2.0
    for _ in range(3):
        with pytest.raises(of.InvalidInputError) as e:
            of.evaluate_batch(S, outputs=["cost_per_flop_usd"], array_area_m2=a, radiator_area_m2=r)
        assert (e.value.index, e.value.field, e.value.value) == (123_457, "radiator_area_m2", "-2")


@pytest.mark.parametrize(
    "field, value, match",
    [
        ("altitude_m", 90e3, "altitude_m = 90000 at index 17"),
        ("altitude_m", 7000e3, "altitude_m = 7000000 at index 17.*sun-synchronous"),
        ("radiator_emissivity_eol", 1.2, "radiator_emissivity_eol = 1.2 at index 17"),
        ("spare_racks", -1.0, "spare_racks = -1 at index 17"),
        ("racks", 2.5, "racks = 2.5 at index 17"),
        ("lifetime_yr", math.inf, "lifetime_yr = inf at index 17"),
        ("discount_rate", math.nan, "discount_rate = nan at index 17"),
    ],
)
def test_batch_per_design_assumptions_are_validated(field, value, match):
    base = float(getattr(S, field)) if field not in ("racks", "spare_racks") else 1.0
    v = np.full(50, base)
    v[17] = value
    with pytest.raises(of.InvalidInputError, match=match) as e:
        of.evaluate_batch(S, **{field: v})
    assert e.value.index == 17 and e.value.field == field


@pytest.mark.parametrize("value, shown", [(1e-303, "1e-303"), (-2.5e-40, "-2.5e-40"), (3e200, "3e200")])
def test_extreme_magnitudes_named_in_exponent_form(value, shown):
    with pytest.raises(ValueError, match=f"ltan_h = {shown}:"):
        S.replace(ltan_h=value)


def test_huge_day_of_year_is_rejected_not_nan():
    # Found by the Hypothesis fuzz of the public API: 2 pi (d - 3) / 365.25 overflowed to inf and
    # the seasonal flux came back NaN.
    with pytest.raises(ValueError, match="day_of_year"):
        of.solar_flux_w_m2(1.7976931348623157e308)
