"""Mission tier: reference values, agreement with the analytic tier, physical invariants."""

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import orbitflops as of
from orbitflops import mission

DEG = math.pi / 180.0


@pytest.fixture(scope="module")
def base():
    return of.Scenario.default()


# The properties run over the whole day of ascending-node local times (dawn-dusk orbits with a
# short eclipse season to noon-midnight ones eclipsed every orbit) and lifetimes from a week to a
# year (a year of days takes well under a millisecond).
ltans = st.one_of(st.just(0.0), st.floats(0.01, 24.0, exclude_max=True))
lifetimes = st.floats(0.02, 1.0)


def short(scenario, ltan_h, lifetime_yr, **kw):
    return scenario.replace(ltan_h=ltan_h, lifetime_yr=lifetime_yr, **kw)


# --- reference values -------------------------------------------------------------------------


def test_sso_inclination_800km_vallado():
    # Vallado, Fundamentals of Astrodynamics and Applications, example 11-2: 98.6 deg at 800 km.
    s = mission.eclipse_season(800e3, 18.0, 2027)
    assert s["inclination_rad"] / DEG == pytest.approx(98.6, abs=0.05)


def test_sso_node_rate_matches_the_mean_sun():
    # Vallado sec. 11.4: a sun-synchronous node advances 360 deg / 365.2422 d = 0.9856 deg/day.
    for h in (400e3, 550e3, 800e3):
        rate = of.nodal_rate_rad_s(h, of.sso_inclination_rad(h)) * 86400.0 / DEG
        assert rate == pytest.approx(0.9856, abs=5e-4)


def test_400km_noon_midnight_eclipse_is_the_textbook_maximum():
    # docs/model.md, "Eclipse fraction" / Gilmore ch. 2: 400 km, beta 0, cylindrical shadow:
    # 36.11 min of 92.56.
    # A noon-midnight orbit near an equinox passes close to beta 0.
    y = of.sun_synchronous_year(400e3, 12.0, 2027)
    assert y["eclipse_s"].max() / 60.0 == pytest.approx(36.11, abs=0.02)


def test_dawn_dusk_550km_has_a_summer_eclipse_season():
    # Dawn-dusk SSOs are eclipse-free except around the June solstice, when the Sun's declination
    # tilts the orbit plane away from the terminator (Gilmore vol. 1 ch. 2; Vallado sec. 5.3).
    y = of.sun_synchronous_year(550e3, 18.0, 2027)
    assert len(y["beta_rad"]) == 365
    assert len(of.sun_synchronous_year(550e3, 18.0, 2028)["beta_rad"]) == 366
    days = y["day_of_year"][y["eclipse_s"] > 0]
    assert len(days) > 0
    assert days.min() > 91 and days.max() < 274  # inside April-September
    june_solstice = 172
    assert days.min() < june_solstice < days.max()
    # beta* = asin(R_E / a): eclipses exactly when |beta| < beta*.
    bstar = of.beta_star_rad(550e3)
    ecl = y["eclipse_s"] > 0
    assert np.all(np.abs(y["beta_rad"][ecl]) < bstar)
    assert np.all(np.abs(y["beta_rad"][~ecl]) >= bstar)


def test_inclined_orbit_at_the_sso_inclination_follows_the_sso_node(base):
    # The J2 drift of an inclined orbit at the sun-synchronous inclination must reproduce the
    # sun-synchronous node (both place the node from the same LTAN on day 0).
    h = 550e3
    s1 = base.replace(altitude_m=h, ltan_h=18.0, lifetime_yr=1.0, start_year=2027, shadow="cylindrical")
    s2 = s1.replace(kind="inclined", inclination_rad=float(of.sso_inclination_rad(h)))
    b1 = of.evaluate(scenario=s1, tier="mission").beta_rad
    b2 = of.evaluate(scenario=s2, tier="mission").beta_rad
    assert np.max(np.abs(b1 - b2)) < 0.5 * DEG


# --- agreement with the analytic tier ---------------------------------------------------------


@pytest.fixture(scope="module")
def one_year(base):
    s = base.replace(pointing="two_axis", shadow="cylindrical", lifetime_yr=1.0, start_year=2027)
    return s, of.evaluate(scenario=s), of.evaluate(scenario=s, tier="mission")


def test_annual_mean_sunlit_fraction_agrees(one_year):
    s, a, m = one_year
    # Every day against 73 samples: within 0.001 of an orbit.
    assert 1.0 - np.mean(m.eclipse_s) / a.period_s == pytest.approx(a.sunlit_fraction_mean, abs=1e-3)


def test_worst_eclipse_agrees(one_year):
    s, a, m = one_year
    # The eclipse peaks flatly at the solstice; 5-day sampling lands within 1 %.
    assert m.eclipse_s.max() == pytest.approx(a.eclipse_worst_s, rel=0.01)


def test_end_of_life_array_power_agrees(one_year):
    s, a, m = one_year
    # Last day: analytic EOL rating x seasonal flux (Kopp & Lean; perihelion early January) x the
    # half day of degradation the mission has not yet seen.
    n = m.n_days
    flux = of.solar_flux_w_m2(float(n), 1.0)
    half_day = (1.0 - s.array_degradation_per_yr) ** (-0.5 / 365.2422)
    assert m.array_power_w[-1] == pytest.approx(a.array_power_eol_w * flux * half_day, rel=2e-3)


def test_no_failures_no_eclipse_delivers_the_analytic_flop(base):
    # Eclipse-free stretch (January in a dawn-dusk orbit), nothing fails, ample power and
    # radiator: the two tiers must deliver the same FLOP.
    s = base.replace(failure_rate_per_yr=0.0, radiation_failure_rate_per_yr=0.0, lifetime_yr=0.2, start_year=2027, pointing="two_axis")
    d = of.size(s, 4)
    d = of.Design(d.array_area_m2 * 1.2, d.radiator_area_m2 * 1.2, 4)
    a = of.evaluate(d, s)
    m = of.evaluate(d, s, tier="mission")
    assert np.all(m.eclipse_s == 0)
    assert m.days["delivered_flop"].sum() == pytest.approx(a.delivered_flop, rel=2e-3)
    assert m.totals["availability"] == pytest.approx(1.0, abs=1e-9)


def test_working_racks_follow_the_fluid_failure_model(base):
    # Cold spares keep N racks until t_s = S / (N lambda), then N exp(-lambda (t - t_s)).
    # (Failures independent of the junction temperature, so that lambda is the parameter.)
    s = base.replace(failure_rate_per_yr=0.1, radiation_failure_rate_per_yr=0.0, lifetime_yr=5.0, failure_activation_energy_ev=0.0)
    d = of.Design(6000.0, 600.0, 4, spare_racks=1)
    m = of.evaluate(d, s, tier="mission")
    t = (np.arange(m.n_days) + 0.5) * 86400.0 / (365.2422 * 86400.0)
    ts = 1.0 / (4 * 0.1)
    expect = np.where(t <= ts, 4.0, 4.0 * np.exp(-0.1 * (t - ts)))
    np.testing.assert_allclose(m.working_racks, expect, rtol=1e-12)


# --- invariants -------------------------------------------------------------------------------

designs = st.tuples(
    st.floats(500.0, 20000.0),  # array m^2
    st.floats(100.0, 2000.0),  # radiator m^2
    st.integers(1, 8),  # racks
    st.floats(1e8, 2e10),  # battery J
)


@settings(max_examples=25)
@given(designs, st.sampled_from(["battery", "throttle"]), ltans, lifetimes)
def test_soc_stays_in_unit_interval(base, dz, strategy, ltan, life):
    a, r, n, b = dz
    s = short(base, ltan, life, strategy=strategy)
    m = mission.evaluate_mission(of.Design(a, r, n, 0, b), s)
    assert np.all((m.soc_min >= 0) & (m.soc_min <= 1))
    assert np.all((m.worst_orbit["soc"] >= 0) & (m.worst_orbit["soc"] <= 1))
    assert np.all((m.compute_fraction >= 0) & (m.compute_fraction <= 1))


@settings(max_examples=25)
@given(designs, st.floats(0.0, 1.0, exclude_max=True), ltans, lifetimes)
def test_energy_balance_over_an_orbit(base, dz, when, ltan, life):
    a, r, n, b = dz
    s = short(base, ltan, life)
    day = int(when * round(life * 365.2422))
    m = mission.evaluate_mission(of.Design(a, r, n, 0, b), s, trace_day=day)
    o = m.worst_orbit
    s = m.scenario
    scale = max(o["array_j"], o["load_j"], b)
    # Battery: stored in - stored out = change of charge.
    assert o["battery_end_j"] - o["battery_start_j"] == pytest.approx(o["stored_in_j"] - o["stored_out_j"], abs=1e-9 * scale)
    # Array: every joule goes to the loads, the battery, or is curtailed.
    assert o["array_j"] == pytest.approx(o["array_to_load_j"] + o["array_to_battery_j"] + o["curtailed_j"], abs=1e-9 * scale)
    # Loads: served energy = array share through regulation and distribution + the store's
    # output through discharge and distribution.
    x_d = s.regulation_efficiency * s.distribution_efficiency
    store_to_load = s.battery_discharge_efficiency * s.distribution_efficiency
    served = o["array_to_load_j"] * x_d + o["stored_out_j"] * store_to_load
    assert o["load_j"] == pytest.approx(served, abs=1e-9 * scale)
    # Array-to-battery path: stored = sent through regulation and charging.
    assert o["stored_in_j"] == pytest.approx(o["array_to_battery_j"] * s.regulation_efficiency * s.battery_charge_efficiency, abs=1e-9 * scale)


@settings(max_examples=20)
@given(designs, st.floats(1.05, 10.0), ltans, lifetimes)
def test_bigger_battery_never_lowers_min_soc(base, dz, k, ltan, life):
    a, r, n, b = dz
    s = short(base, ltan, life)
    m1 = mission.evaluate_mission(of.Design(a, r, n, 0, b), s)
    m2 = mission.evaluate_mission(of.Design(a, r, n, 0, b * k), s)
    assert m2.totals["soc_min"] >= m1.totals["soc_min"] - 1e-12


@settings(max_examples=20)
@given(st.integers(1, 6), st.floats(1.2, 3.0), st.floats(20.0, 4000.0), st.floats(1.05, 20.0), ltans, lifetimes)
@example(1, 2.0, 20.0, 2.0, 5.0, 1.0)  # the end of an eclipse season: a transient outlives it
@example(1, 2.0, 20.0, 2.0, 4.75, 0.25)  # day 0's eclipse longer than the analytic tier's samples
def test_larger_thermal_mass_never_widens_the_temperature_swing(base, n, rad_margin, c, k, ltan, life):
    # Arrays that track the Sun, so that power never throttles compute whatever the orbit (see
    # test_sized_design_never_throttles_in_the_mission_tier for a fixed array normal), and a
    # battery with 10 % margin (the analytic tier's 5-day samples can miss the longest eclipse by
    # up to 1 %).
    s = short(base, ltan, life, pointing="two_axis")
    d0 = of.size(s, n)
    battery = of.evaluate(d0, s).battery_energy_j
    # Radiator with margin: the limit never throttles compute, so heat input is the same.
    d = of.Design(d0.array_area_m2 * 1.5, d0.radiator_area_m2 * rad_margin, n, 0, battery * 1.1)
    m1 = mission.evaluate_mission(d, s.replace(radiator_specific_heat_j_kg_k=c))
    m2 = mission.evaluate_mission(d, s.replace(radiator_specific_heat_j_kg_k=c * k))
    assert m1.totals["compute_fraction_mean"] == pytest.approx(1.0)
    sw1 = m1.days["radiator_temp_max_k"] - m1.days["radiator_temp_min_k"]
    sw2 = m2.days["radiator_temp_max_k"] - m2.days["radiator_temp_min_k"]
    # On a day with eclipses the radiator swings with them, less with more thermal mass. On the
    # first eclipse-free days after a season only the last eclipse's transient is left, and a
    # larger mass holds it longer (so that day's tiny swing may be wider): those days are left out,
    # and the widest swing of the lifetime must not grow either.
    ecl = m1.eclipse_s > 0
    assert np.all(sw2[ecl] <= sw1[ecl] + 1e-9)
    assert sw2.max() <= sw1.max() + 1e-9


@settings(max_examples=20)
@given(designs, st.integers(0, 3), st.one_of(st.just(0.0), st.floats(1e-6, 0.5)), st.floats(0.001, 0.5), ltans, lifetimes)
def test_higher_failure_rate_never_delivers_more(base, dz, spares, lam, dlam, ltan, life):
    a, r, n, b = dz
    s = short(base, ltan, life)
    d = of.Design(a, r, n, spares, b)
    f1 = mission.evaluate_mission(d, s.replace(failure_rate_per_yr=lam)).totals["delivered_flop"]
    f2 = mission.evaluate_mission(d, s.replace(failure_rate_per_yr=lam + dlam)).totals["delivered_flop"]
    assert f2 <= f1 * (1 + 1e-12)


@pytest.mark.parametrize(
    "pointing,ltan",
    [
        ("two_axis", 0.0625), ("two_axis", 12.0), ("two_axis", 10.5), ("two_axis", 18.0),
        ("one_axis", 0.0625), ("one_axis", 12.0), ("one_axis", 10.5), ("one_axis", 18.0),
        ("fixed_normal", 10.5), ("fixed_normal", 18.0),
    ],
)
def test_sized_design_never_throttles_in_the_mission_tier(base, pointing, ltan):
    """A design sized by the analytic tier's worst case, with 10 % margin on the array, radiator
    and battery (for the eclipse the 5-day samples can miss by up to 1 %), computes at full rate
    every day of a year simulated day by day."""
    s = base.replace(pointing=pointing, ltan_h=ltan, lifetime_yr=1.0, start_year=2027)
    d0 = of.size(s, 4, 1)
    battery = of.evaluate(d0, s).battery_energy_j
    d = of.Design(d0.array_area_m2 * 1.1, d0.radiator_area_m2 * 1.1, 4, 1, battery * 1.1)
    m = mission.evaluate_mission(d, s)
    assert m.totals["compute_fraction_mean"] == pytest.approx(1.0, abs=1e-12)
    assert np.all(m.compute_fraction == pytest.approx(1.0, abs=1e-12))


@pytest.mark.parametrize("ltan", [0.0625, 12.0])
def test_fixed_array_in_a_noon_midnight_orbit_cannot_be_sized(base, ltan):
    """In a noon-midnight orbit the beta angle changes sign during the year, between the analytic
    tier's 5-day samples or on them: an array whose normal is fixed to the orbit normal then
    sees the Sun edge-on, and no finite array carries the load. The analytic tier says so rather
    than size an array the mission tier would find short; the mission tier confirms the day."""
    s = base.replace(pointing="fixed_normal", ltan_h=ltan, lifetime_yr=1.0, start_year=2027)
    with pytest.raises(of.InvalidInputError, match="array"):
        of.size(s, 4, 1)
    assert not of.evaluate(of.Design(1e6, 1e4, 4, 1), s).is_feasible
    beta = of.sun_synchronous_year(s.altitude_m, ltan, 2027)["beta_rad"]
    assert np.min(beta) < 0 < np.max(beta)


def _limit_k(s):
    return s.chip_temp_max_k - s.cold_plate_dt_k - s.coolant_loop_dt_k


@settings(max_examples=15, deadline=None)
@given(st.floats(0.4, 1.0), st.floats(1.0, 1.6), ltans, st.floats(0.02, 0.3), st.sampled_from(["battery", "throttle"]))
@example(1.0, 1.0, 10.5, 10 / 365.2422, "battery")  # LTAN 10:30: at the limit while the battery charges
@example(0.7, 1.0, 10.5, 10 / 365.2422, "battery")  # a small radiator: above the limit at the start
def test_a_radiator_at_its_limit_takes_no_more_heat_than_it_rejects(base, rad_scale, arr_scale, ltan, life, strategy):
    """At or above its limit the radiator takes no more heat than it rejects at the limit: compute
    is capped so that every watt dissipated on board counts, charging losses included. Starting
    at most at its limit, it can then exceed the limit only in the step in which it crosses it,
    by at most that step's heat input over the heat capacity. (A design whose charging losses
    alone overheat the radiator is out of reach of the rule: the radiators here take at least
    0.4 of the sized one, the arrays at most 1.6 times the sized one.)"""
    steps = 4800
    s = short(base, ltan, life, pointing="two_axis", strategy=strategy, steps_per_orbit=steps)
    d0 = of.size(s, 4)
    d = of.Design(d0.array_area_m2 * arr_scale, d0.radiator_area_m2 * rad_scale, 4)
    m = mission.evaluate_mission(d, s)
    limit = _limit_k(s)
    # Largest heat input: all the array gives plus the full load drawn from the store, and the
    # environment with both faces seeing the whole Earth and the Sun at perihelion.
    load = s.bus_fixed_w + (1 + s.bus_fraction) * s.rack_power_w * d.racks
    heat = m.array_power_w.max() + load / (s.battery_discharge_efficiency * s.distribution_efficiency)
    alpha = max(s.radiator_absorptivity_bol, s.radiator_absorptivity_eol)
    eps = max(s.radiator_emissivity_bol, s.radiator_emissivity_eol)
    n = s.radiator_sides
    env = alpha * s.solar_constant_w_m2 * 1.0334 * (s.radiator_sun_view_factor + s.albedo * n) + eps * s.earth_ir_w_m2 * n
    c = s.radiator_areal_density_kg_m2 * s.radiator_specific_heat_j_kg_k * d.radiator_area_m2 + s.rack_heat_capacity_j_k * m.working_racks.min()
    one_step = of.period_s(s.altitude_m) / steps * (heat + d.radiator_area_m2 * env) / c
    assert m.totals["radiator_temp_max_k"] <= limit + one_step, (m.totals["radiator_temp_max_k"] - limit, one_step)


def test_the_radiator_starts_at_most_at_its_limit(base):
    """A radiator too small for the full load starts at its limit, not at the (hotter)
    equilibrium of the full load; one large enough starts below it."""
    s = short(base, 10.5, 0.05, pointing="two_axis")
    d0 = of.size(s, 4)
    limit = _limit_k(s)
    small = mission.evaluate_mission(of.Design(d0.array_area_m2, d0.radiator_area_m2 * 0.7, 4), s, trace_day=0)
    large = mission.evaluate_mission(of.Design(d0.array_area_m2, d0.radiator_area_m2 * 1.3, 4), s, trace_day=0)
    assert small.worst_orbit["radiator_temp_k"][0] == limit
    assert large.worst_orbit["radiator_temp_k"][0] < limit - 1.0


def test_rack_heat_capacity_comes_with_the_rack(base):
    """Each rack preset's heat capacity follows its mass by the rule its source states: ~40 % metal
    at ~900 J/(kg K), rounded (GB200 NVL72 rack 1,360 kg, its flight payload 450 kg, an HGX H100
    server 130 kg)."""
    caps = {}
    for rack in ("gb200_nvl72", "gb200_nvl72_flight", "hgx_h100"):
        r = base.replace(rack=rack)
        caps[rack] = r.rack_heat_capacity_j_k
        assert r.rack_heat_capacity_j_k == pytest.approx(0.40 * 900.0 * r.rack_mass_kg, rel=0.05), rack
    assert caps["gb200_nvl72"] == 5.0e5
    # An explicit value still overrides the preset's.
    assert base.replace(rack="hgx_h100", rack_heat_capacity_j_k=1e5).rack_heat_capacity_j_k == 1e5


def test_radiator_heat_capacity_is_areal_density_times_specific_heat(base):
    """The radiator node's heat capacity per m^2 is the panel's areal density times its
    material's specific heat: trading one for the other leaves every temperature unchanged, and a
    heavier panel swings less through the eclipses."""
    s = short(base, 10.5, 0.05, pointing="two_axis")
    d0 = of.size(s, 4)
    d = of.Design(d0.array_area_m2 * 1.2, d0.radiator_area_m2 * 1.2, 4, 0, 2e10)
    rho, cp = s.radiator_areal_density_kg_m2, s.radiator_specific_heat_j_kg_k
    m = mission.evaluate_mission(d, s)
    traded = mission.evaluate_mission(d, s.replace(radiator_areal_density_kg_m2=2 * rho, radiator_specific_heat_j_kg_k=cp / 2))
    heavy = mission.evaluate_mission(d, s.replace(radiator_areal_density_kg_m2=3 * rho))
    for k in ("radiator_temp_max_k", "radiator_temp_min_k"):
        np.testing.assert_allclose(traded.days[k], m.days[k], rtol=1e-12)
    swing = m.days["radiator_temp_max_k"] - m.days["radiator_temp_min_k"]
    heavy_swing = heavy.days["radiator_temp_max_k"] - heavy.days["radiator_temp_min_k"]
    assert np.all(m.eclipse_s > 0) and np.all(heavy_swing < swing - 0.1)


# --- API --------------------------------------------------------------------------------------


def test_batch_matches_single_designs(base):
    s = short(base, 10.5, 0.3)
    arr = np.array([3000.0, 5600.0, 9000.0])
    rad = np.array([300.0, 540.0, 800.0])
    racks = np.array([2.0, 4.0, 6.0])
    out = of.evaluate_batch(s, tier="mission", array_area_m2=arr, radiator_area_m2=rad, racks=racks, spare_racks=1)
    assert set(out) == set(mission.MISSION_TOTALS)
    for i in range(3):
        one = mission.evaluate_mission(of.Design(arr[i], rad[i], racks[i], 1), s).totals
        for k in mission.MISSION_TOTALS:
            assert out[k][i] == pytest.approx(one[k], rel=1e-12), k
    sel = of.evaluate_batch(s, tier="mission", outputs=["cost_per_flop_usd"], racks=racks)
    assert list(sel) == ["cost_per_flop_usd"]


def test_bad_inputs_name_the_field(base):
    with pytest.raises(of.InvalidInputError) as e:
        of.evaluate_batch(base, tier="mission", racks=np.array([2.0, -1.0]))
    assert e.value.field == "racks" and e.value.index == 1
    with pytest.raises(ValueError, match="altitude_m"):
        of.sun_synchronous_year(7.0e6, 18.0, 2027)
    with pytest.raises(ValueError, match="ltan_h"):
        of.sun_synchronous_year(550e3, 25.0, 2027)
    with pytest.raises(ValueError, match="year"):
        of.sun_synchronous_year(550e3, 18.0, 1800)
    with pytest.raises(ValueError, match="tier"):
        of.evaluate(scenario=base, tier="exact")
    with pytest.raises(ValueError, match="launch_price_usd_per_kg"):
        of.evaluate_batch(base, tier="mission", launch_price_usd_per_kg=np.array([100.0]))
    with pytest.raises(TypeError, match="design"):
        of.evaluate("x", base, tier="mission")


def test_result_shapes_and_units(base):
    m = of.evaluate(scenario=base, tier="mission")
    n = round(base.lifetime_yr * 365.2422)
    for k in mission.DAY_UNITS:
        assert m.days[k].shape == (n,), k
    assert m.eclipse_s[m.worst_day] == m.eclipse_s.max()
    assert m.worst_orbit["time_s"][-1] == pytest.approx(of.period_s(base.altitude_m), rel=1e-9)


@pytest.mark.parametrize("strategy", ["battery", "throttle"])
def test_cost_per_flop_agrees_with_the_analytic_tier_when_nothing_throttles(base, strategy):
    # A sized design with margin: neither tier throttles, so the tiers differ only by sampling
    # (73 days against every day; expected racks at day midpoints against the integral).
    s = base.replace(strategy=strategy)
    d0 = of.size(s, 4, 1)
    d = of.Design(d0.array_area_m2 * 1.1, d0.radiator_area_m2 * 1.1, 4, 1)
    c = mission.compare(d, s)
    for k in ("delivered_flop", "pv_flop", "cost_per_flop_usd", "working_racks_eol"):
        a, m = c[k]
        assert m == pytest.approx(a, rel=5e-3), k
    # The analytic tier's worst eclipse at its depth of discharge bounds the mission's battery
    # (to within the 1 % by which 5-day sampling can miss the longest eclipse); its end-of-life
    # coating under the full load bounds the mission's radiator.
    assert c["soc_min"][1] >= c["soc_min"][0] - 0.01 * (1.0 - c["soc_min"][0])
    assert c["radiator_temp_max_k"][1] <= c["radiator_temp_max_k"][0] + 1e-9
