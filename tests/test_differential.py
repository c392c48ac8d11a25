"""The Rust batch path against the plain NumPy implementation, and batch against scalar calls."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orbitflops as of
from orbitflops.reference import evaluate_numpy

RTOL = 1e-9


def assert_agree(a: dict, b: dict, names=of.OUTPUT_NAMES):
    for name in names:
        x, y = np.asarray(a[name]), np.asarray(b[name])
        assert not np.isnan(x).any(), name
        both_inf = np.isinf(x) & np.isinf(y) & (np.sign(x) == np.sign(y))
        scale = np.maximum(np.abs(y), 1e-12 * np.max(np.abs(np.where(np.isfinite(y), y, 0.0))) + 1e-300)
        with np.errstate(invalid="ignore"):
            rel = np.where(both_inf, 0.0, np.abs(x - y) / scale)
        assert np.all(rel <= RTOL), f"{name}: max relative difference {np.nanmax(rel):.3e}"


def random_designs(rng, n):
    return dict(
        array_area_m2=rng.uniform(50, 30_000, n),
        radiator_area_m2=rng.uniform(20, 5_000, n),
        racks=rng.integers(1, 30, n).astype(float),
        spare_racks=rng.integers(0, 6, n).astype(float),
    )


SCENARIOS = {
    "default": of.Scenario.default(),
    "throttle_gaas_one_axis": of.Scenario.default().replace(strategy="throttle", cell="gaas_tj", pointing="one_axis", shadow="umbra"),
    "inclined_nadir": of.Scenario.default().replace(kind="inclined", orientation="nadir", shadow="cylindrical", pointing="two_axis"),
    "hgx_starship_noon": of.Scenario.default().replace(rack="hgx_h100", launcher="starship", ltan_h=10.5, discount_rate=0.0, radiator_sides=1),
    "specific_flight_falcon9": of.Scenario.default().replace(spacecraft="specific", rack="gb200_nvl72_flight", launcher="falcon9", lifetime_yr=6.5, ops_fraction_per_yr=0.02, nre_usd=1e8),
    "no_arrhenius_two_axis": of.Scenario.default().replace(failure_activation_energy_ev=0.0, pointing="two_axis", ground_facility_life_yr=3.0),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_rust_matches_numpy_random_designs(name):
    s = SCENARIOS[name]
    kw = random_designs(np.random.default_rng(7), 3000)
    assert_agree(of.evaluate_batch(s, outputs="all", **kw), evaluate_numpy(s, **kw))


def test_rust_matches_numpy_with_per_design_assumptions():
    s = of.Scenario.default()
    rng = np.random.default_rng(11)
    n = 2000
    kw = random_designs(rng, n)
    kw.update(
        altitude_m=rng.uniform(300e3, 1500e3, n),
        ltan_h=rng.uniform(0, 23.99, n),
        start_year=rng.integers(2026, 2035, n).astype(float),
        launch_price_usd_per_kg=rng.uniform(50, 5000, n),
        failure_rate_per_yr=rng.uniform(0, 0.3, n),
        discount_rate=rng.uniform(0, 0.15, n),
        electricity_price_usd_per_kwh=rng.uniform(0.02, 0.3, n),
        radiator_emissivity_eol=rng.uniform(0.5, 1.0, n),
        lifetime_yr=rng.uniform(1, 15, n),
        battery_energy_j=rng.uniform(0, 5e9, n),
    )
    assert_agree(of.evaluate_batch(s, outputs="all", **kw), evaluate_numpy(s, **kw))


@given(
    area=st.floats(1.0, 1e5),
    rad=st.floats(1.0, 1e4),
    racks=st.integers(1, 100),
    spares=st.integers(0, 20),
    alt=st.floats(200e3, 3000e3),
    ltan=st.one_of(st.just(0.0), st.floats(1e-30, 23.99)),
)
def test_rust_matches_numpy_property(area, rad, racks, spares, alt, ltan):
    s = of.Scenario.default()
    kw = dict(array_area_m2=np.array([area]), radiator_area_m2=np.array([rad]), racks=np.array([float(racks)]), spare_racks=np.array([float(spares)]), altitude_m=np.array([alt]), ltan_h=np.array([ltan]))
    assert_agree(of.evaluate_batch(s, outputs="all", **kw), evaluate_numpy(s, **kw))


def test_batch_equals_scalar_evaluate_element_by_element():
    s = of.Scenario.default()
    kw = random_designs(np.random.default_rng(3), 200)
    batch = of.evaluate_batch(s, outputs="all", **kw)
    for i in range(200):
        d = of.Design(kw["array_area_m2"][i], kw["radiator_area_m2"][i], kw["racks"][i], kw["spare_racks"][i])
        ev = of.evaluate(d, s).to_dict()
        for name in of.OUTPUT_NAMES:
            assert ev[name] == batch[name][i] or (np.isnan(ev[name]) and np.isnan(batch[name][i])), (i, name)


def test_strided_reversed_and_readonly_inputs_match_contiguous():
    s = of.Scenario.default()
    kw = random_designs(np.random.default_rng(5), 4000)
    base = of.evaluate_batch(s, outputs="all", **kw)
    # Every other element of a twice-as-long array, read in place.
    strided = {}
    for k, v in kw.items():
        big = np.empty(2 * len(v))
        big[::2] = v
        strided[k] = big[::2]
    assert not strided["racks"].flags.c_contiguous
    got = of.evaluate_batch(s, outputs="all", **strided)
    for name in of.OUTPUT_NAMES:
        np.testing.assert_array_equal(got[name], base[name])
    # Reversed views and read-only arrays.
    rev = {k: v[::-1] for k, v in kw.items()}
    got = of.evaluate_batch(s, outputs="all", **rev)
    for name in of.OUTPUT_NAMES:
        np.testing.assert_array_equal(got[name][::-1], base[name])
    ro = {k: v.copy() for k, v in kw.items()}
    for v in ro.values():
        v.flags.writeable = False
    got = of.evaluate_batch(s, outputs="all", **ro)
    for name in of.OUTPUT_NAMES:
        np.testing.assert_array_equal(got[name], base[name])
    # A column of a 2-D Fortran-ordered array, and other dtypes converted once.
    m = np.asfortranarray(np.stack([kw["array_area_m2"], kw["radiator_area_m2"]], axis=1))
    got = of.evaluate_batch(s, outputs=["cost_per_flop_usd"], array_area_m2=m[:, 0], radiator_area_m2=m[:, 1], racks=kw["racks"].astype(np.int32), spare_racks=kw["spare_racks"].astype(">f8"))
    np.testing.assert_array_equal(got["cost_per_flop_usd"], base["cost_per_flop_usd"])


def test_scalars_broadcast():
    s = of.Scenario.default()
    a = np.linspace(1000, 9000, 50)
    got = of.evaluate_batch(s, outputs=["cost_per_flop_usd"], array_area_m2=a, radiator_area_m2=600.0, racks=4)
    full = of.evaluate_batch(s, outputs=["cost_per_flop_usd"], array_area_m2=a, radiator_area_m2=np.full(50, 600.0), racks=np.full(50, 4.0))
    np.testing.assert_array_equal(got["cost_per_flop_usd"], full["cost_per_flop_usd"])


def every_assumption_varied(rng, n):
    """Each numeric assumption varied per design by +-20 % about its default, within its bounds."""
    kw = {}
    for p in of.assumptions():
        d = p["value"]
        v = d * rng.uniform(0.8, 1.2, n) if d != 0 else rng.uniform(0.0, 0.1, n)
        v = np.clip(v, p["low"], p["high"])
        kw[p["name"]] = np.round(v) if p["integer"] else v
    kw["altitude_m"] = rng.uniform(300e3, 1500e3, n)
    kw["ltan_h"] = rng.uniform(0.0, 23.99, n)
    kw["inclination_rad"] = rng.uniform(0.0, np.pi, n)
    return kw


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_rust_matches_numpy_with_every_assumption_varied_per_design(name):
    s = SCENARIOS[name]
    rng = np.random.default_rng(2026)
    n = 600
    kw = random_designs(rng, n)
    kw.update(every_assumption_varied(rng, n))
    assert len(kw) == 4 + len(s.params())
    got = of.evaluate_batch(s, outputs="all", **kw)
    assert_agree(got, evaluate_numpy(s, **kw))
    # The variation reaches the outputs: no output that depends on the design is constant.
    c = got["cost_per_flop_usd"]
    assert np.unique(c[np.isfinite(c)]).size > n // 2
    assert np.unique(got["eclipse_fraction_worst"]).size > n // 2
