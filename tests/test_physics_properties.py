"""Hypothesis properties of the physics: monotonicity, limits, symmetry, energy balance."""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import orbitflops as of

SIGMA = 5.670374419e-8
R_E = 6378137.0

alt = st.floats(200e3, 36_000e3)
leo = st.floats(200e3, 2_000e3)
beta = st.floats(-math.pi / 2, math.pi / 2)
S = of.Scenario.default()


def nonneg(high):
    """0 or a value the scenario accepts (inputs of magnitude below 1e-30 are rejected as invalid)."""
    return st.one_of(st.just(0.0), st.floats(1e-30, high))


@given(alt, beta)
def test_eclipse_fraction_bounds_and_symmetry(h, b):
    f = of.eclipse_fraction(h, b)
    assert 0.0 <= f < 0.5
    assert of.eclipse_fraction(h, -b) == f


@given(alt, st.floats(0, math.pi / 2), st.floats(0, math.pi / 2))
def test_eclipse_fraction_non_increasing_in_abs_beta(h, b1, b2):
    lo, hi = sorted((b1, b2))
    for shadow in ("cylindrical", "umbra", "penumbra"):
        assert of.eclipse_fraction(h, hi, shadow=shadow) <= of.eclipse_fraction(h, lo, shadow=shadow) + 1e-15


@given(alt, st.floats(0, math.pi / 2))
def test_no_eclipse_above_beta_star(h, b):
    bstar = math.asin(R_E / (R_E + h))
    assume(b >= bstar)
    assert of.eclipse_fraction(h, b) == 0.0
    assert of.eclipse_fraction(h, b, shadow="umbra") == 0.0


@given(alt, beta)
def test_umbra_cylinder_penumbra_ordering(h, b):
    u = of.eclipse_fraction(h, b, shadow="umbra")
    c = of.eclipse_fraction(h, b, shadow="cylindrical")
    p = of.eclipse_fraction(h, b, shadow="penumbra")
    assert u <= c + 1e-15 and c <= p + 1e-15


def test_conical_and_cylindrical_differ_by_under_a_minute_in_leo_away_from_beta_star():
    # docs/model.md, "Eclipse fraction": in LEO the models differ by well under a minute except
    # near beta*.
    worst = 0.0
    for h in np.linspace(300e3, 1200e3, 10):
        bstar = math.asin(R_E / (R_E + h))
        betas = np.linspace(0, bstar - math.radians(5), 50)
        cyl = of.eclipse_fraction(h, betas)
        for shadow in ("umbra", "penumbra"):
            diff = np.abs(of.eclipse_fraction(h, betas, shadow=shadow) - cyl) * of.period_s(h)
            worst = max(worst, float(np.max(diff)))
    # Measured: at most ~33 s between 300 and 1,200 km for |beta| up to beta* - 5 deg.
    assert worst < 60.0
    # Near beta* the penumbra lasts longer while the umbra vanishes first.
    h = 550e3
    bstar = math.asin(R_E / (R_E + h))
    assert of.eclipse_fraction(h, bstar - 1e-3, shadow="umbra") == 0.0
    assert of.eclipse_fraction(h, bstar - 1e-3, shadow="penumbra") > 0.0


@given(leo, st.floats(0.983, 1.017))
def test_conical_shadow_edges_at_zero_beta_follow_tangent_line_geometry(h, d_au):
    # In the orbit plane (beta = 0) a shadow boundary is a line tangent to the Earth at the cone's
    # half-angle a to the Sun line: a point at angle t from the anti-Sun axis lies on it when
    # r sin(t + a) = R_E (umbra, a = asin((R_sun - R_E)/d)) or r sin(t - a) = R_E (penumbra,
    # a = asin((R_sun + R_E)/d)); Montenbruck & Gill, Satellite Orbits, sec. 3.4.2. IAU 2015 solar radius.
    r_sun, au = 6.957e8, 1.495978707e11
    d = d_au * au
    r = R_E + h
    tc = math.asin(R_E / r)
    tu = tc - math.asin((r_sun - R_E) / d)
    tp = tc + math.asin((r_sun + R_E) / d)
    assert math.isclose(float(of.eclipse_fraction(h, 0.0, shadow="umbra", sun_distance_m=d)), tu / math.pi, rel_tol=1e-9)
    assert math.isclose(float(of.eclipse_fraction(h, 0.0, shadow="penumbra", sun_distance_m=d)), tp / math.pi, rel_tol=1e-9)
    assert math.isclose(float(of.eclipse_fraction(h, 0.0)), tc / math.pi, rel_tol=1e-12)
    # The umbra is shorter than the cylinder's shadow by the Sun's angular radius (~0.267 deg)
    # at each edge: 2 x 0.00465 rad / (2 pi) of a period: 7.7 s (200 km, aphelion) to 11.4 s (2,000 km, perihelion).
    loss_s = (tc - tu) / math.pi * float(of.period_s(h))
    assert 7.6 < loss_s < 11.4


@given(st.floats(1e3, 1e7), st.floats(1.0, 1e4), st.floats(0.05, 1.0), st.sampled_from([1, 2]), st.floats(0, 0.5))
def test_radiator_energy_balance_residual_is_zero(q, area, eps, sides, vf):
    t = of.radiator_temp_k(q, area, eps, sides, earth_view_factor=vf)
    absorbed = area * eps * 237.0 * vf
    emitted = sides * eps * SIGMA * area * (t**4 - 3.0**4)
    assert math.isclose(emitted, q + absorbed, rel_tol=1e-12)


@given(st.floats(1e3, 1e7), st.floats(1.0, 1e4), st.floats(1.0, 1e4), st.floats(0.05, 1.0))
def test_more_radiator_area_never_raises_temperature(q, a1, a2, eps):
    lo, hi = sorted((a1, a2))
    assert of.radiator_temp_k(q, hi, eps) <= of.radiator_temp_k(q, lo, eps)


@given(st.floats(1e3, 1e7), st.floats(150, 400), st.floats(0.1, 1.0))
def test_radiator_area_inverts_temperature(q, t, eps):
    a = of.radiator_area_m2(q, t, eps, 2, 0.0)
    assert math.isclose(of.radiator_temp_k(q, a, eps, 2), t, rel_tol=1e-10)


@given(st.floats(10, 1e5), st.floats(10, 1e5), st.integers(1, 40))
def test_more_array_area_never_lowers_available_power(a1, a2, racks):
    lo, hi = sorted((a1, a2))
    out = of.evaluate_batch(S, outputs=["array_power_eol_w", "array_power_worst_w", "power_derate"], array_area_m2=np.array([lo, hi]), radiator_area_m2=500.0, racks=racks)
    for k in out:
        assert out[k][1] >= out[k][0]
    # Delivered compute too, when failures do not depend on temperature. (With the Arrhenius
    # dependence an array too small to carry full load derates the chips, which then run cooler
    # and fail less: such a design is infeasible, but its delivered FLOP/s may be higher.)
    s = S.replace(failure_activation_energy_ev=0.0)
    out = of.evaluate_batch(s, outputs=["delivered_flops"], array_area_m2=np.array([lo, hi]), radiator_area_m2=500.0, racks=racks)
    assert out["delivered_flops"][1] >= out["delivered_flops"][0]


@given(st.floats(10, 1e4), st.floats(10, 1e4), st.integers(1, 40))
def test_more_radiator_area_never_raises_design_temperature(r1, r2, racks):
    lo, hi = sorted((r1, r2))
    out = of.evaluate_batch(S, outputs=["radiator_temp_k", "thermal_derate"], array_area_m2=5000.0, radiator_area_m2=np.array([lo, hi]), racks=racks)
    # A derated design runs at its limit, to the last bit: allow rounding there.
    assert out["radiator_temp_k"][1] <= out["radiator_temp_k"][0] * (1 + 1e-12)
    assert out["thermal_derate"][1] >= out["thermal_derate"][0]


@given(st.integers(1, 60), st.integers(0, 10), st.sampled_from(["battery", "throttle"]), st.sampled_from(["fixed_normal", "one_axis", "two_axis"]))
def test_size_is_feasible_with_equality_and_cost_per_flop_positive(racks, spares, strategy, pointing):
    s = S.replace(strategy=strategy, pointing=pointing, max_launches=1000)
    d = of.size(s, racks, spares)
    ev = of.evaluate(d, s)
    assert ev.is_feasible
    assert abs(ev.power_margin_w) <= 1e-9 * ev.array_power_required_w
    assert abs(ev.thermal_margin_k) <= 1e-9 * ev.radiator_temp_max_k
    assert 0 < ev.cost_per_flop_usd < math.inf
    # Any smaller array or radiator breaks a constraint.
    assert not of.evaluate(of.Design(d.array_area_m2 * 0.999, d.radiator_area_m2, racks, spares), s).is_feasible
    assert not of.evaluate(of.Design(d.array_area_m2, d.radiator_area_m2 * 0.999, racks, spares), s).is_feasible


@given(nonneg(0.5), nonneg(0.5), st.integers(1, 20), st.integers(0, 5))
def test_higher_failure_rate_never_delivers_more(l1, l2, racks, spares):
    lo, hi = sorted((l1, l2))
    out = of.evaluate_batch(S, outputs=["delivered_flop", "pv_flop", "cost_per_flop_usd"], racks=racks, spare_racks=spares, failure_rate_per_yr=np.array([lo, hi]))
    assert out["delivered_flop"][1] <= out["delivered_flop"][0] * (1 + 1e-12)
    assert out["cost_per_flop_usd"][1] >= out["cost_per_flop_usd"][0] * (1 - 1e-12)


@given(nonneg(10_000), nonneg(10_000))
def test_higher_launch_price_never_lowers_orbit_cost(p1, p2):
    lo, hi = sorted((p1, p2))
    out = of.evaluate_batch(S, outputs=["cost_per_flop_usd", "ground_cost_per_flop_usd", "breakeven_launch_usd_per_kg"], launch_price_usd_per_kg=np.array([lo, hi]))
    assert out["cost_per_flop_usd"][1] >= out["cost_per_flop_usd"][0]
    assert out["ground_cost_per_flop_usd"][1] == out["ground_cost_per_flop_usd"][0]
    # The break-even price does not depend on the price assumed.
    assert math.isclose(out["breakeven_launch_usd_per_kg"][0], out["breakeven_launch_usd_per_kg"][1], rel_tol=1e-9, abs_tol=1e-6)


@given(st.floats(0.25, 0.4), st.floats(40, 60), st.integers(8, 20))
def test_breakeven_price_equalises_cost(price_kwh, capex_w, racks):
    # Costly ground power and facilities, cheap space hardware: a positive break-even price.
    s = S.replace(electricity_price_usd_per_kwh=price_kwh, ground_capex_usd_per_w=capex_w, pue=1.4, bus_cost_usd_per_kg=500, failure_rate_per_yr=0.02, array_cost_usd_per_w=5, max_launches=100)
    d = of.size(s, racks, 1)
    p = of.evaluate(d, s).breakeven_launch_usd_per_kg
    assert p > 0
    ev = of.evaluate(d, s.replace(launch_price_usd_per_kg=p))
    assert math.isclose(ev.cost_ratio, 1.0, rel_tol=1e-9)


@given(st.floats(0.01, 1.0), st.floats(0.5, 30))
def test_lifetime_penalty_limits(lam, life):
    p = of.lifetime_penalty(lam, life)
    assert 1.0 <= p <= 1.0 + lam * life
    assert of.lifetime_penalty(0.0, life) == 1.0


@pytest.mark.slow
@given(leo)
def test_earth_view_factor_matches_numerical_integration(h):
    # Independent check of Howell's closed form: integrate cos(theta)/pi over the directions from
    # a plate edge-on to the Earth that hit the Earth's disc.
    H = (R_E + h) / R_E
    half = math.asin(1.0 / H)
    n = 400
    th = (np.arange(n) + 0.5) / n * math.pi / 2  # polar angle from the plate normal (x axis)
    ph = (np.arange(2 * n) + 0.5) / (2 * n) * 2 * math.pi
    T, P = np.meshgrid(th, ph, indexing="ij")
    d = np.stack([np.cos(T), np.sin(T) * np.cos(P), np.sin(T) * np.sin(P)])  # nadir along -z
    hits = np.arccos(np.clip(-d[2], -1, 1)) < half
    integrand = np.cos(T) * np.sin(T) / math.pi * hits
    f_num = integrand.sum() * (math.pi / 2 / n) * (2 * math.pi / (2 * n))
    f = of.earth_view_factor(h, math.pi / 2)
    assert abs(f - f_num) < 2e-3
    # Facing the Earth: F = 1/H^2, and the factor falls as the plate tilts away.
    assert math.isclose(of.earth_view_factor(h, 0.0), 1 / H**2, rel_tol=1e-12)
    assert of.earth_view_factor(h, 1.0) >= of.earth_view_factor(h, 1.2) >= of.earth_view_factor(h, 2.0)


@given(st.floats(100e3, 900e3), st.floats(100e3, 900e3))
def test_atmosphere_density_decreases_with_altitude(h1, h2):
    lo, hi = sorted((h1, h2))
    assert of.atmosphere_density_kg_m3(hi) <= of.atmosphere_density_kg_m3(lo)


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_dod_allowed_non_increasing_in_cycles(c1, c2):
    lo, hi = sorted((c1, c2))
    assert of.allowed_dod(hi) <= of.allowed_dod(lo) <= 0.8


@given(
    st.floats(10, 1e5), st.floats(10, 1e4), st.integers(1, 60), st.integers(0, 10),
    st.floats(300e3, 1500e3), st.floats(0.01, 23.99),
    st.sampled_from(["battery", "throttle"]), st.sampled_from(["fixed_normal", "one_axis", "two_axis"]),
    st.sampled_from(["umbra", "cylindrical", "penumbra"]),
)
def test_waterfall_accounting_and_feasible_cost(area, rad, racks, spares, h, ltan, strategy, pointing, shadow):
    s = S.replace(strategy=strategy, pointing=pointing, shadow=shadow, altitude_m=h, ltan_h=ltan)
    e = of.evaluate(of.Design(area, rad, racks, spares), s).to_dict()
    # The delivered-compute waterfall only ever removes compute.
    steps = ["peak_flops", "after_utilisation_flops", "after_failures_flops", "after_eclipse_flops", "after_derating_flops", "delivered_flops"]
    vals = [e[k] for k in steps]
    assert all(a >= b * (1 - 1e-12) for a, b in zip(vals, vals[1:])) and vals[-1] >= 0
    # Mass and capital cost are the sums of their items (docs/model.md, "Mass" and "Cost and
    # economics").
    masses = [k for k in e if k.startswith("mass_") and k not in ("mass_total_kg", "mass_margin_kg")]
    assert math.isclose(sum(e[k] for k in masses), e["mass_total_kg"], rel_tol=1e-12)
    costs = [k for k in e if k.startswith("cost_") and k.endswith("_usd") and k != "cost_per_flop_usd"]
    assert math.isclose(sum(e[k] for k in costs), e["capex_usd"], rel_tol=1e-12)
    if e["feasible"]:
        assert 0 < e["cost_per_flop_usd"] < math.inf
        assert e["power_margin_w"] >= -1e-9 * e["array_power_required_w"] and e["thermal_margin_k"] >= -1e-9 * e["radiator_temp_max_k"]
        assert e["mass_margin_kg"] >= -1e-9 * e["mass_total_kg"]


# --- array temperature and beta angle -------------------------------------------------------------

unit_open = st.floats(0.01, 1.0)


@given(st.floats(0.0, 5000.0), unit_open, st.floats(0.0, 1.0), unit_open, unit_open)
def test_array_temperature_energy_balance(flux, alpha, eta, eps_f, eps_b):
    # Whatever is absorbed and not converted is radiated from both faces (Gilmore vol. 1 ch. 2).
    assume(eta < alpha)
    t = of.array_temp_k(flux, alpha, eta, eps_f, eps_b)
    assert (eps_f + eps_b) * SIGMA * t**4 == pytest.approx(flux * (alpha - eta), rel=1e-12, abs=1e-300)


@given(st.floats(1.0, 5000.0), st.floats(0.2, 1.0), st.floats(0.0, 0.15), st.floats(0.0, 0.15), unit_open, unit_open)
def test_array_temperature_monotone(flux, alpha, eta1, eta2, eps_f, eps_b):
    lo, hi = sorted((eta1, eta2))
    # More electricity out, less heat: cooler.
    assert of.array_temp_k(flux, alpha, hi, eps_f, eps_b) <= of.array_temp_k(flux, alpha, lo, eps_f, eps_b)
    # More sunlight, hotter; T scales as the fourth root of the flux.
    assert of.array_temp_k(16 * flux, alpha, lo, eps_f, eps_b) == pytest.approx(2 * of.array_temp_k(flux, alpha, lo, eps_f, eps_b), rel=1e-12)
    # A better emitter on either face runs cooler.
    assert of.array_temp_k(flux, alpha, lo, min(1.0, eps_f * 1.1), eps_b) <= of.array_temp_k(flux, alpha, lo, eps_f, eps_b)
    # The two faces enter only through their sum.
    assert of.array_temp_k(flux, alpha, lo, eps_f, eps_b) == pytest.approx(of.array_temp_k(flux, alpha, lo, eps_b, eps_f), rel=1e-15)


angle = st.floats(-4 * math.pi, 4 * math.pi)


@given(st.floats(0.0, math.pi), angle, angle)
def test_beta_angle_is_the_angle_between_orbit_plane_and_sun(inc, raan, lam):
    # Independent oracle: the orbit normal n = (sin i sin O, -sin i cos O, cos i) and the Sun
    # direction s = (cos L, cos e sin L, sin e sin L) in the equatorial frame (Vallado sec. 5.3);
    # beta = asin(n . s).
    eps = math.radians(23.439)
    n = np.array([math.sin(inc) * math.sin(raan), -math.sin(inc) * math.cos(raan), math.cos(inc)])
    s = np.array([math.cos(lam), math.cos(eps) * math.sin(lam), math.sin(eps) * math.sin(lam)])
    b = of.beta_angle_rad(inc, raan, lam)
    assert -math.pi / 2 <= b <= math.pi / 2
    assert math.sin(b) == pytest.approx(float(n @ s), abs=1e-12)
    # The Sun on the other side of the Earth, or the orbit flown the other way round, flips it.
    assert of.beta_angle_rad(inc, raan, lam + math.pi) == pytest.approx(-b, abs=1e-12)
    assert of.beta_angle_rad(math.pi - inc, raan + math.pi, lam) == pytest.approx(-b, abs=1e-12)
    # Periodic in both angles.
    assert of.beta_angle_rad(inc, raan + 2 * math.pi, lam - 2 * math.pi) == pytest.approx(b, abs=1e-12)
