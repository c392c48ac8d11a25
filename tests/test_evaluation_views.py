"""The grouped views of an Evaluation (waterfall, masses, costs, thermal chain, margins) for random
designs and scenarios: what each holds, in which order, and the relations between its entries
(the waterfall never increases, the mass and cost items sum to their totals, the thermal chain's
temperatures follow from its drops and its radiator balance)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orbitflops as of

SIGMA = 5.670374419e-8  # CODATA 2018, W m^-2 K^-4
SINK_K = 3.0
BASE = of.Scenario.default()

scenarios = st.builds(
    lambda strategy, pointing, ltan, lam, rad, util, eps_eol, alpha_eol, sides, dts: BASE.replace(
        strategy=strategy, pointing=pointing, ltan_h=ltan, failure_rate_per_yr=lam, radiation_derate=rad, utilisation=util,
        radiator_emissivity_eol=eps_eol, radiator_absorptivity_eol=alpha_eol, radiator_sides=float(sides), cold_plate_dt_k=dts[0], coolant_loop_dt_k=dts[1],
    ),
    st.sampled_from(["battery", "throttle"]),
    st.sampled_from(["two_axis", "one_axis", "fixed_normal"]),
    st.one_of(st.just(0.0), st.floats(0.01, 23.99)),
    st.one_of(st.just(0.0), st.floats(0.001, 0.5)),
    st.one_of(st.just(0.0), st.floats(0.001, 0.5)),
    st.floats(0.1, 1.0),
    st.floats(0.5, BASE.radiator_emissivity_bol),  # coatings only degrade: emissivity falls ...
    st.floats(BASE.radiator_absorptivity_bol, 0.6),  # ... and absorptivity rises
    st.sampled_from([1, 2]),
    st.tuples(st.floats(0.5, 20.0), st.floats(0.5, 20.0)),
)
designs = st.builds(
    lambda a, r, n, s: of.Design(a, r, n, s),
    st.floats(500.0, 50_000.0),
    st.floats(50.0, 5_000.0),
    st.integers(1, 30),
    st.integers(0, 5),
)


@given(designs, scenarios)
def test_waterfall_steps_in_order_and_never_increasing(d, s):
    ev = of.evaluate(d, s)
    w = ev.waterfall
    assert list(w) == ["peak", "utilisation", "failures_and_spares", "eclipse", "power_thermal_derating", "radiation"]
    v = list(w.values())
    # Each step multiplies by a factor <= 1; a factor that is 1 in real arithmetic may round to
    # an ulp above (e.g. rack-years / (racks x lifetime) without failures).
    assert all(b <= a * (1 + 4e-16) for a, b in zip(v, v[1:])), w
    assert v[-1] >= 0
    # Its ends and the two steps that are plain factors of the scenario.
    assert w["peak"] == pytest.approx(d.racks * s.rack_peak_flops, rel=1e-15)
    assert w["utilisation"] == pytest.approx(w["peak"] * s.utilisation, rel=1e-15)
    assert w["radiation"] == pytest.approx(w["power_thermal_derating"] * (1.0 - s.radiation_derate), rel=1e-15)
    assert w["radiation"] == ev.delivered_flops
    # Nothing lost to failures without failures; nothing to eclipses when computing through them.
    if s.failure_rate_per_yr == 0:
        assert w["failures_and_spares"] == pytest.approx(w["utilisation"], rel=4e-16)
    if s.choices()["strategy"] == "battery":
        assert w["eclipse"] == w["failures_and_spares"]
    if ev.is_feasible:
        assert w["power_thermal_derating"] == w["eclipse"]


@given(designs, scenarios)
def test_masses_sum_to_the_total(d, s):
    ev = of.evaluate(d, s)
    m = ev.masses
    items = {k: v for k, v in m.items() if k != "mass_total_kg"}
    assert m["mass_total_kg"] == ev.mass_total_kg
    assert "mass_margin_kg" not in m and len(items) >= 8
    assert all(k.startswith("mass_") and k.endswith("_kg") for k in m)
    assert all(v >= 0 for v in items.values()), items
    assert math.fsum(items.values()) == pytest.approx(ev.mass_total_kg, rel=1e-12)
    # The items that are a size times a density.
    assert items["mass_racks_kg"] == pytest.approx((d.racks + d.spare_racks) * s.rack_mass_kg, rel=1e-15)
    assert items["mass_array_kg"] == pytest.approx(d.array_area_m2 * s.array_areal_density_kg_m2, rel=1e-15)
    assert items["mass_radiator_kg"] == pytest.approx(d.radiator_area_m2 * s.radiator_areal_density_kg_m2, rel=1e-15)
    assert items["mass_battery_kg"] == pytest.approx(ev.battery_energy_j / s.battery_specific_energy_j_kg, rel=1e-15)
    # The launch margin is the launchers' capacity less the total.
    assert ev.mass_margin_kg == pytest.approx(s.max_launches * s.launcher_payload_kg - ev.mass_total_kg, rel=1e-12, abs=1e-9 * ev.mass_total_kg)


@given(designs, scenarios)
def test_costs_sum_to_the_capital_cost(d, s):
    ev = of.evaluate(d, s)
    c = ev.costs
    assert "cost_per_flop_usd" not in c and len(c) >= 8
    assert all(k.startswith("cost_") and k.endswith("_usd") for k in c)
    assert all(v >= 0 for v in c.values()), c
    assert math.fsum(c.values()) == pytest.approx(ev.capex_usd, rel=1e-12)
    assert c["cost_racks_usd"] == pytest.approx((d.racks + d.spare_racks) * s.rack_cost_usd, rel=1e-15)
    assert c["cost_radiator_usd"] == pytest.approx(d.radiator_area_m2 * s.radiator_cost_usd_per_m2, rel=1e-15)
    assert c["cost_launch_usd"] == pytest.approx(ev.mass_total_kg * s.launch_price_usd_per_kg, rel=1e-12)
    # Insurance covers everything launched and the launch.
    insured = math.fsum(v for k, v in c.items() if k != "cost_insurance_usd")
    assert c["cost_insurance_usd"] == pytest.approx(s.insurance_fraction * insured, rel=1e-12)


def radiator_temp(q_w, area_m2, eps, sides, env_w_m2):
    """Gilmore vol. 1 ch. 6: n eps sigma A (T^4 - T_sink^4) = Q + A q_env."""
    return ((q_w + area_m2 * env_w_m2) / (sides * eps * SIGMA * area_m2) + SINK_K**4) ** 0.25


@given(designs, scenarios)
def test_thermal_chain_is_consistent(d, s):
    ev = of.evaluate(d, s)
    t = ev.thermal_chain
    # Temperatures down the chain: chip limit, less the cold plate and coolant drops, is the
    # radiator limit; the chip runs the same drops above the radiator.
    assert t["chip_temp_max_k"] == s.chip_temp_max_k
    assert (t["cold_plate_dt_k"], t["coolant_loop_dt_k"]) == (s.cold_plate_dt_k, s.coolant_loop_dt_k)
    assert t["radiator_temp_max_k"] == pytest.approx(t["chip_temp_max_k"] - t["cold_plate_dt_k"] - t["coolant_loop_dt_k"], rel=1e-15)
    assert t["chip_temp_k"] == pytest.approx(t["radiator_temp_k"] + t["cold_plate_dt_k"] + t["coolant_loop_dt_k"], rel=1e-15)
    assert ev.thermal_margin_k == pytest.approx(t["radiator_temp_max_k"] - t["radiator_temp_k"], rel=1e-12, abs=1e-9)
    assert (t["radiator_emissivity_eol"], t["radiator_absorptivity_eol"]) == (s.radiator_emissivity_eol, s.radiator_absorptivity_eol)
    # The radiator balance at end of life gives its temperature, and at the limit its required area.
    n = s.radiator_sides
    eps = t["radiator_emissivity_eol"]
    q, env = t["heat_load_w"], t["radiator_env_w_m2"]
    assert t["radiator_area_m2"] == d.radiator_area_m2
    assert t["radiator_temp_k"] == pytest.approx(radiator_temp(q, d.radiator_area_m2, eps, n, env), rel=1e-12)
    net = n * eps * SIGMA * (t["radiator_temp_max_k"] ** 4 - SINK_K**4) - env
    if net > 0:
        assert t["radiator_area_required_m2"] == pytest.approx(q / net, rel=1e-12)
        # A radiator at least as large as required stays at or below the limit.
        assert (d.radiator_area_m2 >= t["radiator_area_required_m2"]) == (t["radiator_temp_k"] <= t["radiator_temp_max_k"] * (1 + 1e-12))
    else:
        assert t["radiator_area_required_m2"] == math.inf
    # The coating degrades (emissivity down, absorptivity up): the new radiator runs cooler.
    assert t["radiator_temp_bol_k"] <= t["radiator_temp_k"] * (1 + 1e-12)
    # The heat is the sunlit load (compute and bus), all of it rejected by the radiator.
    assert q == pytest.approx(ev.load_power_w, rel=1e-12)


@given(designs, scenarios)
def test_margins_view(d, s):
    ev = of.evaluate(d, s)
    assert ev.margins == {k: getattr(ev, k) for k in ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg")}
    assert ev.is_feasible == (ev.feasible == 1.0)
    assert ev.binding_constraint in ("power", "battery_dod", "thermal", "mass")
