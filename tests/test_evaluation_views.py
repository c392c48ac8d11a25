"""The grouped views of an Evaluation (waterfall, masses, costs, thermal chain, margins) for random
designs and scenarios, bottom up and top down: what each holds, in which order, and the relations
between its entries (the waterfall never increases and loses to failures at the orbital failure
rate, the mass and cost items sum to their totals, the thermal chain's temperatures follow from
its drops and its radiator balance, the heat being every watt dissipated on board)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import orbitflops as of

SIGMA = 5.670374419e-8  # CODATA 2018, W m^-2 K^-4
K_B_EV_K = 8.617333262e-5  # Boltzmann constant, CODATA 2018, eV/K
SINK_K = 3.0
U = 2.0**-53  # unit roundoff of float64
BASE = of.Scenario.default()


def zero_or(lo, hi):
    return st.one_of(st.just(0.0), st.floats(lo, hi))


scenarios = st.fixed_dictionaries(
    {
        "spacecraft": st.sampled_from(["bottom_up", "specific"]),
        "strategy": st.sampled_from(["battery", "throttle"]),
        "pointing": st.sampled_from(["two_axis", "one_axis", "fixed_normal"]),
        "ltan_h": zero_or(0.01, 23.99),
        # The orbital failure rate's two parts, and how the hardware part follows the junction
        # temperature (0 eV: not at all).
        "failure_rate_per_yr": zero_or(0.001, 0.5),
        "radiation_failure_rate_per_yr": zero_or(0.001, 0.1),
        "failure_activation_energy_ev": zero_or(0.1, 1.2),
        "radiation_derate": zero_or(0.001, 0.5),
        "utilisation": st.floats(0.1, 1.0),
        "radiator_emissivity_eol": st.floats(0.5, BASE.radiator_emissivity_bol),  # coatings only degrade: emissivity falls ...
        "radiator_absorptivity_eol": st.floats(BASE.radiator_absorptivity_bol, 0.6),  # ... and absorptivity rises
        "radiator_sides": st.sampled_from([1.0, 2.0]),
        "cold_plate_dt_k": st.floats(0.5, 20.0),
        "coolant_loop_dt_k": st.floats(0.5, 20.0),
        "nre_usd": zero_or(1e6, 1e9),
    }
).map(lambda kw: BASE.replace(**kw))
designs = st.builds(
    lambda a, r, n, s: of.Design(a, r, n, s),
    st.floats(500.0, 50_000.0),
    st.floats(50.0, 5_000.0),
    st.integers(1, 30),
    st.integers(0, 5),
)


def top_down(s) -> bool:
    return s.choices()["spacecraft"] == "specific"


def rack_years(racks, spares, rate_per_yr, life_yr):
    """Working rack-years of ``racks`` racks failing at ``rate_per_yr`` without repair, with
    ``spares`` cold spares replacing them until they run out (docs/model.md, "Fluid failure model
    with cold spares"): N L while the spares last the lifetime, else N [t_s + E(lambda, L - t_s)]."""
    t_s = spares / (racks * rate_per_yr) if rate_per_yr > 0 else math.inf
    if t_s >= life_yr:
        return racks * life_yr
    rest = life_yr - t_s
    return racks * (t_s - math.expm1(-rate_per_yr * rest) / rate_per_yr)


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
    # Failures: the hardware rate follows the junction temperature (Arrhenius), the radiation
    # rate does not; the step is the fluid model's working rack-years at their sum.
    accel = math.exp(s.failure_activation_energy_ev / K_B_EV_K * (1.0 / s.failure_ref_temp_k - 1.0 / ev.chip_temp_k))
    rate = s.failure_rate_per_yr * accel + s.radiation_failure_rate_per_yr
    assert ev.failure_rate_effective_per_yr == pytest.approx(rate, rel=1e-12)
    years = rack_years(d.racks, d.spare_racks, rate, s.lifetime_yr)
    assert w["failures_and_spares"] == pytest.approx(w["utilisation"] * years / (d.racks * s.lifetime_yr), rel=1e-12)
    # Nothing lost to failures only when neither hardware nor radiation takes a rack.
    if s.failure_rate_per_yr == 0 and s.radiation_failure_rate_per_yr == 0:
        assert ev.failure_rate_effective_per_yr == 0 and ev.spares_exhausted_yr == math.inf
        assert w["failures_and_spares"] == pytest.approx(w["utilisation"], rel=4e-16)
    else:
        assert ev.failure_rate_effective_per_yr > 0
    # Nothing lost to eclipses when computing through them; the mean sunlit share when not.
    if s.choices()["strategy"] == "battery":
        assert w["eclipse"] == w["failures_and_spares"]
    else:
        assert w["eclipse"] == pytest.approx(w["failures_and_spares"] * ev.sunlit_fraction_mean, rel=1e-15)
    if ev.is_feasible:
        assert w["power_thermal_derating"] == w["eclipse"]


MASS_ITEMS = {
    # bottom up: the spacecraft from its parts (docs/model.md, "Bottom-up mass items")
    "mass_racks_kg", "mass_array_kg", "mass_radiator_kg", "mass_battery_kg", "mass_coolant_kg", "mass_bus_kg",
    "mass_shielding_kg", "mass_structure_kg", "mass_propellant_kg",
    # top down: everything but the compute payload (docs/model.md, "The two spacecraft modes")
    "mass_spacecraft_specific_kg",
}
PARTS = MASS_ITEMS - {"mass_racks_kg", "mass_spacecraft_specific_kg"}


@given(designs, scenarios)
def test_masses_sum_to_the_total(d, s):
    ev = of.evaluate(d, s)
    m = ev.masses
    items = {k: v for k, v in m.items() if k != "mass_total_kg"}
    assert m["mass_total_kg"] == ev.mass_total_kg
    assert set(items) == MASS_ITEMS
    assert all(v >= 0 for v in items.values()), items
    # Summing n non-negative numbers in any order errs by at most (n - 1) u of their sum
    # (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., sec. 4.2); fsum is exact.
    assert math.fsum(items.values()) == pytest.approx(ev.mass_total_kg, rel=len(items) * U)
    # The compute payload is counted the same way in both modes.
    assert items["mass_racks_kg"] == pytest.approx((d.racks + d.spare_racks) * s.rack_mass_kg, rel=1e-15)
    if top_down(s):
        # Everything but the compute payload from the nameplate power: the beginning-of-life
        # power whose lifetime-mean, orbit-mean output carries the load. The array's mean
        # retention lies between its end-of-life value and 1.
        basis = ev.spacecraft_power_basis_w
        assert items["mass_spacecraft_specific_kg"] == pytest.approx(basis / s.spacecraft_specific_power_w_kg, rel=1e-15)
        lo = ev.load_power_w / ev.sunlit_fraction_mean
        assert lo * (1 - 1e-12) <= basis <= lo / (1.0 - s.array_degradation_per_yr) ** s.lifetime_yr * (1 + 1e-12)
        assert all(items[k] == 0 for k in PARTS), items
    else:
        assert ev.spacecraft_power_basis_w == 0 and items["mass_spacecraft_specific_kg"] == 0
        # The items that are a size times a density.
        assert items["mass_array_kg"] == pytest.approx(d.array_area_m2 * s.array_areal_density_kg_m2, rel=1e-15)
        assert items["mass_radiator_kg"] == pytest.approx(d.radiator_area_m2 * s.radiator_areal_density_kg_m2, rel=1e-15)
        assert items["mass_battery_kg"] == pytest.approx(ev.battery_energy_j / s.battery_specific_energy_j_kg, rel=1e-15)
        shield = s.shield_density_kg_m3 * s.shield_thickness_m * s.rack_enclosure_area_m2
        assert items["mass_shielding_kg"] == pytest.approx((d.racks + d.spare_racks) * shield, rel=1e-14)
        # Primary structure carries the body's equipment; arrays, radiators and the shielding
        # enclosure carry themselves.
        carried = items["mass_racks_kg"] + items["mass_battery_kg"] + items["mass_coolant_kg"] + items["mass_bus_kg"]
        assert items["mass_structure_kg"] == pytest.approx(s.structure_fraction * carried, rel=1e-14)
    # One launch carries the launcher's payload to this orbit (not its reference payload); the
    # launch is billed per kg of reference payload.
    to_orbit = ev.launcher_payload_to_orbit_kg
    assert 0 < to_orbit <= 10 * s.launcher_payload_kg
    assert ev.mass_margin_kg == pytest.approx(s.max_launches * to_orbit - ev.mass_total_kg, rel=1e-12, abs=1e-9 * ev.mass_total_kg)
    assert ev.launches == math.ceil(ev.mass_total_kg / to_orbit)
    assert ev.launch_billed_mass_kg == pytest.approx(ev.mass_total_kg * s.launcher_payload_kg / to_orbit, rel=1e-14)


COST_ITEMS = {
    "cost_racks_usd", "cost_array_usd", "cost_radiator_usd", "cost_battery_usd", "cost_coolant_usd", "cost_bus_usd",
    "cost_structure_usd", "cost_spacecraft_specific_usd", "cost_integration_usd", "cost_launch_usd",
    "cost_insurance_usd", "nre_usd",
}


@given(designs, scenarios)
def test_costs_sum_to_the_capital_cost(d, s):
    ev = of.evaluate(d, s)
    c = ev.costs
    assert set(c) == COST_ITEMS
    assert all(v >= 0 for v in c.values()), c
    assert math.fsum(c.values()) == pytest.approx(ev.capex_usd, rel=len(c) * U)
    assert c["cost_racks_usd"] == pytest.approx((d.racks + d.spare_racks) * s.rack_cost_usd, rel=1e-15)
    assert c["nre_usd"] == s.nre_usd
    if top_down(s):
        assert c["cost_spacecraft_specific_usd"] == pytest.approx(ev.spacecraft_power_basis_w * s.spacecraft_cost_usd_per_w, rel=1e-15)
        assert all(c[k] == 0 for k in ("cost_array_usd", "cost_radiator_usd", "cost_battery_usd", "cost_coolant_usd", "cost_bus_usd", "cost_structure_usd")), c
    else:
        assert c["cost_spacecraft_specific_usd"] == 0
        assert c["cost_radiator_usd"] == pytest.approx(d.radiator_area_m2 * s.radiator_cost_usd_per_m2, rel=1e-15)
        assert c["cost_array_usd"] == pytest.approx(ev.array_power_bol_w * s.array_cost_usd_per_w, rel=1e-15)
        assert c["cost_bus_usd"] == pytest.approx(ev.mass_bus_kg * s.bus_cost_usd_per_kg, rel=1e-15)
        # Structure and shielding at their own price per kg.
        assert c["cost_structure_usd"] == pytest.approx((ev.mass_structure_kg + ev.mass_shielding_kg) * s.structure_cost_usd_per_kg, rel=1e-14)
    hardware = math.fsum(v for k, v in c.items() if k not in ("cost_integration_usd", "cost_launch_usd", "cost_insurance_usd", "nre_usd"))
    assert c["cost_integration_usd"] == pytest.approx(s.integration_fraction * hardware, rel=1e-14)
    # The price per kg applies to the billed mass (kg of the launcher's reference payload).
    assert c["cost_launch_usd"] == pytest.approx(ev.launch_billed_mass_kg * s.launch_price_usd_per_kg, rel=1e-14)
    # Insurance covers everything launched and the launch, not the engineering spent on the ground.
    insured = math.fsum(v for k, v in c.items() if k not in ("cost_insurance_usd", "nre_usd"))
    assert c["cost_insurance_usd"] == pytest.approx(s.insurance_fraction * insured, rel=1e-12)


def radiator_temp(q_w, area_m2, eps, sides, env_w_m2):
    """Gilmore vol. 1 ch. 6: n eps sigma A (T^4 - T_sink^4) = Q + A q_env."""
    return ((q_w + area_m2 * env_w_m2) / (sides * eps * SIGMA * area_m2) + SINK_K**4) ** 0.25


def dissipation_w(s, ev, x):
    """Heat dissipated on board at compute fraction ``x``, W: the larger of the sunlit and the
    eclipse dissipation of the energy ledger in the orbit with the longest eclipse
    (docs/model.md, "Loads" and "Energy ledger")."""
    day = s.bus_fixed_w + (1.0 + s.bus_fraction) * ev.compute_power_w * x
    ecl = day if s.choices()["strategy"] == "battery" else s.bus_fixed_w
    f = ev.eclipse_fraction_worst
    store_out = ecl / (s.battery_discharge_efficiency * s.distribution_efficiency) if f > 0 else 0.0
    stored = store_out * f / (1.0 - f)
    array_out = (day / s.distribution_efficiency + stored / s.battery_charge_efficiency) / s.regulation_efficiency
    return max(array_out - stored, store_out)


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
    # The constraint is on the temperature the full load needs, not on the (derated) operating one.
    assert ev.thermal_margin_k == pytest.approx(t["radiator_temp_max_k"] - t["radiator_temp_required_k"], rel=1e-12, abs=1e-9)
    assert (t["radiator_emissivity_eol"], t["radiator_absorptivity_eol"]) == (s.radiator_emissivity_eol, s.radiator_absorptivity_eol)
    # The heat is every watt dissipated on board at full load (the load and its conversion
    # losses, in sunlight or from the battery in eclipse), more than the load itself.
    q, env = t["heat_load_w"], t["radiator_env_w_m2"]
    assert q == pytest.approx(dissipation_w(s, ev, 1.0), rel=1e-12)
    assert q >= ev.load_power_w
    # The radiator balance at end of life gives the temperature the full load needs, the
    # operating temperature at the compute actually carried, and at the limit the required area.
    n = s.radiator_sides
    eps = t["radiator_emissivity_eol"]
    assert t["radiator_area_m2"] == d.radiator_area_m2
    assert t["radiator_temp_required_k"] == pytest.approx(radiator_temp(q, d.radiator_area_m2, eps, n, env), rel=1e-12)
    x = min(ev.power_derate, ev.thermal_derate)
    assert t["radiator_temp_k"] == pytest.approx(radiator_temp(dissipation_w(s, ev, x), d.radiator_area_m2, eps, n, env), rel=1e-12)
    assert t["radiator_temp_k"] <= t["radiator_temp_required_k"] * (1 + 1e-12)
    net = n * eps * SIGMA * (t["radiator_temp_max_k"] ** 4 - SINK_K**4) - env
    if net > 0:
        assert t["radiator_area_required_m2"] == pytest.approx(q / net, rel=1e-12)
        # A radiator at least as large as required holds the full load at or below the limit.
        assert (d.radiator_area_m2 >= t["radiator_area_required_m2"]) == (t["radiator_temp_required_k"] <= t["radiator_temp_max_k"] * (1 + 1e-12))
    else:
        assert t["radiator_area_required_m2"] == math.inf
    # The coating degrades (emissivity down, absorptivity up): the new radiator runs cooler.
    assert t["radiator_temp_bol_k"] <= t["radiator_temp_k"] * (1 + 1e-12)


@given(designs, scenarios)
def test_margins_view(d, s):
    ev = of.evaluate(d, s)
    assert ev.margins == {k: getattr(ev, k) for k in ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg")}
    assert ev.is_feasible == (ev.feasible == 1.0)
    assert ev.binding_constraint in ("power", "battery_dod", "thermal", "mass")
