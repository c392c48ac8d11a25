"""`orbitflops.size` and the sized batch path against a brute-force search.

For a random scenario (orbit, presets, eclipse strategy, pointing, radiator temperatures and
coatings, launcher) and rack count, a dense grid of array areas, radiator areas and battery
energies around the sized design is evaluated in one `evaluate_batch` call, and the smallest
feasible design is found by brute force from the constraint margins. The closed-form sizing must
be that design: feasible itself, and no feasible design of the grid smaller in any of the three
sizes, the grid including designs 0.1 % smaller in each one. Nothing here assumes how the model
computes a margin; only that the three sizes are the design's decision variables.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import orbitflops as of

BASE = of.Scenario.default()
MARGINS = ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg")
# What each margin is the difference of (its scale): required array power, allowed depth of
# discharge, radiator temperature limit, launch capacity.
SCALES = ("array_power_required_w", "battery_dod_allowed", "radiator_temp_max_k")
OUTPUTS = [*MARGINS, *SCALES, "feasible", "array_area_m2", "radiator_area_m2", "battery_energy_j"]
# The sized design is exact in real arithmetic; in floating point a margin that is zero lands an
# ulp or so either side. A margin counts as met when it is >= -REL_TOL times its scale (far below
# the 1e-3 relative step the tightness check below takes).
REL_TOL = 1e-9
# Grid factors around each sized value: dense near 1 (including 0.1 % below), wide further out.
FACTORS = np.unique(np.concatenate([np.geomspace(0.3, 0.98, 7), [0.99, 0.995, 0.999, 1.0, 1.001, 1.01], np.geomspace(1.05, 3.0, 5)]))
SMALLER = 0.999


def names(kind):
    return [p["name"] for p in of.presets(kind)]


choices = st.fixed_dictionaries(
    {
        "rack": st.sampled_from(names("rack")),
        "cell": st.sampled_from(names("cell")),
        "launcher": st.sampled_from(names("launcher")),
        "coating": st.sampled_from(names("coating")),
        "strategy": st.sampled_from(["battery", "throttle"]),
        "pointing": st.sampled_from(["two_axis", "one_axis", "fixed_normal"]),
        "orientation": st.sampled_from(["edge_on", "nadir"]),
        "shadow": st.sampled_from(["cylindrical", "umbra", "penumbra"]),
    }
)
numbers = st.fixed_dictionaries(
    {
        "altitude_m": st.floats(350e3, 1500e3),
        "ltan_h": st.one_of(st.just(0.0), st.floats(0.01, 24.0, exclude_max=True)),
        "lifetime_yr": st.floats(1.0, 15.0),
        "chip_temp_max_k": st.floats(330.0, 380.0),
        "cold_plate_dt_k": st.one_of(st.just(0.0), st.floats(0.1, 20.0)),
        "coolant_loop_dt_k": st.one_of(st.just(0.0), st.floats(0.1, 20.0)),
        "radiator_emissivity_eol": st.floats(0.6, 0.95),
        "radiator_absorptivity_eol": st.floats(0.05, 0.5),
        "radiator_sun_view_factor": st.one_of(st.just(0.0), st.floats(0.01, 0.5)),
        "launch_price_usd_per_kg": st.floats(100.0, 5000.0),
        "max_launches": st.integers(1, 30).map(float),
    }
)


def met(out, i=slice(None)):
    """The power, battery and thermal margins are >= 0, up to rounding (REL_TOL of their scale)."""
    return (
        (out["power_margin_w"][i] >= -REL_TOL * out["array_power_required_w"][i])
        & (out["dod_margin"][i] >= -REL_TOL * out["battery_dod_allowed"][i])
        & (out["thermal_margin_k"][i] >= -REL_TOL * out["radiator_temp_max_k"][i])
    )


def feasible(out, capacity_kg):
    """The oracle's feasibility: every margin >= 0, up to rounding."""
    return met(out) & (out["mass_margin_kg"] >= -REL_TOL * capacity_kg)


def grid(a, r, b):
    """Every combination of the factors around (a, r, b); a battery of 0 J has nothing below it."""
    bs = b * FACTORS if b > 0 else np.array([0.0, 1e6, 1e9])
    A, R, B = np.meshgrid(a * FACTORS, r * FACTORS, bs, indexing="ij")
    return A.ravel(), R.ravel(), B.ravel()


def check_against_brute_force(s, racks, spares, design, battery_j):
    """``design`` (array, radiator) with ``battery_j`` must be the smallest feasible design."""
    capacity = s.max_launches * s.launcher_payload_kg
    a0, r0 = design
    A, R, B = grid(a0, r0, battery_j)
    out = of.evaluate_batch(s, array_area_m2=A, radiator_area_m2=R, battery_energy_j=B, racks=float(racks), spare_racks=float(spares), outputs=OUTPUTS, on_invalid="nan")
    assert out["valid"].all(), [of.reason_name(c) for c in np.unique(out["reason"])]
    ok = feasible(out, capacity)
    # The core's own verdict agrees with the margins.
    np.testing.assert_array_equal(out["feasible"] == 1.0, ok)
    corner = (A == a0) & (R == r0) & (B == battery_j)
    assert corner.sum() == 1
    c = int(np.flatnonzero(corner)[0])
    # The sized design meets the power, battery and thermal balances; only the launcher can refuse.
    assert met(out, c), {m: out[m][c] for m in MARGINS}
    if ok.any():
        assert ok[c], "the sized design is not feasible although a larger one of the grid is"
        # Brute force: the smallest feasible value of each size over the grid is the sized one.
        assert A[ok].min() == a0 and R[ok].min() == r0 and B[ok].min() == battery_j
    else:
        # No design of the grid can be built: those at least as large as the sized one are too
        # heavy, and so is the sized one itself.
        assert out["mass_margin_kg"][c] < 0
    # Tight: any less array, radiator or battery than the sized design (the grid goes down to
    # 0.1 % less) fails its own balance, whatever the other two sizes are.
    assert np.any(A == a0 * SMALLER) and np.any(R == r0 * SMALLER)
    assert (out["power_margin_w"][A < a0] < 0).all()
    assert (out["thermal_margin_k"][R < r0] < 0).all()
    if battery_j > 0:
        assert (out["dod_margin"][B < battery_j] < 0).all()
    else:
        # Nothing is drawn from the battery in the worst eclipse: any battery, even none, is enough.
        assert (out["dod_margin"] >= 0).all()


def sized_scenario(ch, nums):
    return BASE.replace(**ch).replace(**nums)


DEFAULT_CHOICES = BASE.choices()
DEFAULT_NUMBERS = {k: BASE.params()[k] for k in ("altitude_m", "ltan_h", "lifetime_yr", "chip_temp_max_k", "cold_plate_dt_k", "coolant_loop_dt_k", "radiator_emissivity_eol", "radiator_absorptivity_eol", "radiator_sun_view_factor", "launch_price_usd_per_kg", "max_launches")}
# A dawn-dusk orbit high enough never to see an eclipse, computing only in sunlight: no battery.
NO_ECLIPSE = ({**DEFAULT_CHOICES, "strategy": "throttle"}, {**DEFAULT_NUMBERS, "ltan_h": 6.0, "altitude_m": 1500e3})
# A radiator limit of 290 K under a hot coating that sees the Sun: no radiator area suffices.
TOO_HOT = (DEFAULT_CHOICES, {**DEFAULT_NUMBERS, "chip_temp_max_k": 330.0, "cold_plate_dt_k": 20.0, "coolant_loop_dt_k": 20.0, "radiator_absorptivity_eol": 0.5, "radiator_sun_view_factor": 0.5, "radiator_emissivity_eol": 0.6})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choices, numbers, st.integers(1, 40), st.integers(0, 4))
@example(*NO_ECLIPSE, 4, 1)
@example(*TOO_HOT, 4, 0)
@example(DEFAULT_CHOICES, {**DEFAULT_NUMBERS, "max_launches": 1.0}, 40, 0)
def test_size_is_the_smallest_feasible_design(ch, nums, racks, spares):
    s = sized_scenario(ch, nums)
    try:
        d = of.size(s, racks, spares)
    except of.InvalidInputError as e:
        # Only when nothing can be sized: then even enormous designs fail that balance.
        huge = of.evaluate_batch(s, array_area_m2=1e9, radiator_area_m2=1e9, racks=float(racks), spare_racks=float(spares), outputs=list(MARGINS), on_invalid="nan")
        margin = {"array_area_m2": "power_margin_w", "radiator_temp_max_k": "thermal_margin_k"}[e.field]
        assert huge[margin][0] < 0, e
        return
    assert (d.racks, d.spare_racks) == (racks, spares)
    ev = of.evaluate(d, s)
    check_against_brute_force(s, racks, spares, (d.array_area_m2, d.radiator_area_m2), ev.battery_energy_j)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choices, numbers, st.lists(st.tuples(st.integers(1, 40), st.integers(0, 4)), min_size=1, max_size=4))
@example(*NO_ECLIPSE, [(4, 1)])
@example(*TOO_HOT, [(4, 0), (1, 0)])
@example(DEFAULT_CHOICES, DEFAULT_NUMBERS, [(1, 0), (4, 1), (40, 0)])
def test_sized_batch_is_the_smallest_feasible_design(ch, nums, rack_counts):
    """``evaluate_batch(sized=True)`` with the numeric assumptions given per design (the batch
    path that re-derives each design's orbit and thermal terms) sizes each design like the brute
    force does."""
    base = BASE.replace(**ch)
    s = base.replace(**nums)
    n = len(rack_counts)
    racks = np.array([r for r, _ in rack_counts], dtype=float)
    spares = np.array([k for _, k in rack_counts], dtype=float)
    cols = {k: np.full(n, v) for k, v in nums.items()}
    out = of.evaluate_batch(base, sized=True, racks=racks, spare_racks=spares, outputs=OUTPUTS, on_invalid="nan", **cols)
    for i in range(n):
        if not out["valid"][i]:
            assert of.reason_name(out["reason"][i]) == "sizing"
            with pytest.raises(of.InvalidInputError):
                of.size(s, int(racks[i]), int(spares[i]))
            continue
        design = (out["array_area_m2"][i], out["radiator_area_m2"][i])
        check_against_brute_force(s, int(racks[i]), int(spares[i]), design, out["battery_energy_j"][i])
        assert bool(out["feasible"][i]) == bool(feasible({k: v[i : i + 1] for k, v in out.items()}, s.max_launches * s.launcher_payload_kg)[0])
