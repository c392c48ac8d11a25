"""The OpenMDAO component: outputs equal to evaluate_batch, partials checked with OpenMDAO's own
check_partials and against exact slopes, one-sided derivatives at kinks and bounds, the slope in
the radiator area through the chips' temperature, and the SLSQP example reaching the cheapest
design at a fixed rack count (tests/fixed_racks_oracle.py)."""

from __future__ import annotations

import functools
import importlib.util
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

om = pytest.importorskip("openmdao.api")

import fixed_racks_oracle as oracle  # noqa: E402
import orbitflops as of  # noqa: E402
from orbitflops.integrations.openmdao import BASE_OUTPUTS, DesignComponent, om_units  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = of.Scenario.default()


def problem(comp: DesignComponent) -> "om.Problem":
    prob = om.Problem(reports=False)
    prob.model.add_subsystem("sat", comp, promotes=["*"])
    prob.setup()
    return prob


def vectorised_problem() -> "om.Problem":
    comp = DesignComponent(SCENARIO, params=["launch_price_usd_per_kg", "altitude_m", "max_launches"], battery=True, extra_outputs=["delivered_flops", "launches"], vectorize=3)
    prob = problem(comp)
    # Three designs away from every kink: all margins strictly positive.
    prob.set_val("array_area_m2", [6500.0, 8000.0, 9000.0])
    prob.set_val("radiator_area_m2", [700.0, 850.0, 1000.0])
    prob.set_val("battery_energy_j", [2.0e9, 2.5e9, 3.0e9])
    prob.set_val("launch_price_usd_per_kg", [200.0, 1500.0, 3000.0])
    prob.set_val("altitude_m", [520e3, 560e3, 750e3])
    prob.set_val("racks", np.array([4, 5, 6]))
    prob.set_val("max_launches", 2)
    prob.run_model()
    return prob


def test_outputs_equal_evaluate_batch():
    prob = vectorised_problem()
    expected = of.evaluate_batch(
        SCENARIO,
        outputs=list(BASE_OUTPUTS) + ["delivered_flops", "launches", "feasible"],
        array_area_m2=[6500.0, 8000.0, 9000.0],
        radiator_area_m2=[700.0, 850.0, 1000.0],
        battery_energy_j=[2.0e9, 2.5e9, 3.0e9],
        launch_price_usd_per_kg=[200.0, 1500.0, 3000.0],
        altitude_m=[520e3, 560e3, 750e3],
        racks=[4, 5, 6],
        max_launches=2,
    )
    assert expected["feasible"].all()
    for name in list(BASE_OUTPUTS) + ["delivered_flops", "launches"]:
        np.testing.assert_array_equal(prob.get_val(name), expected[name], err_msg=name)


def max_rel_errors(data: dict) -> dict[tuple[str, str], float]:
    """Largest relative difference between the component's partials and OpenMDAO's finite
    differences, over the entries where OpenMDAO's are nonzero; pairs where both are zero
    report 0."""
    out = {}
    for key, v in data["sat"].items():
        mine, fd = v["J_fwd"], v["J_fd"]
        nz = fd != 0
        assert np.all(mine[~nz] == 0) or np.max(np.abs(mine[~nz])) <= 1e-9 * max(1e-300, np.max(np.abs(mine))), key
        out[key] = float(np.max(np.abs(mine[nz] - fd[nz]) / np.abs(fd[nz]))) if nz.any() else 0.0
    return out


CHECKED_INPUTS = ("array_area_m2", "radiator_area_m2", "battery_energy_j", "launch_price_usd_per_kg", "altitude_m")


def check_partials_errors() -> dict[tuple[str, str], float]:
    """OpenMDAO's check_partials (central differences, relative step 1e-7 per element) at the
    three designs of vectorised_problem(), as max_rel_errors."""
    prob = vectorised_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # OpenMDAO warns of declared partials that are zero here
        data = prob.check_partials(out_stream=None, method="fd", form="central", step=1e-7, step_calc="rel_element")
    return max_rel_errors(data)


def print_check_partials_table() -> None:
    """The table of docs/embedding.md: python -c "import sys; sys.path.insert(0, 'tests');
    import test_openmdao as t; t.print_check_partials_table()" """
    errors = check_partials_errors()
    print("| output \\ input | " + " | ".join(f"`{i}`" for i in CHECKED_INPUTS) + " |")
    print("|---" * (len(CHECKED_INPUTS) + 1) + "|")
    for o in (*BASE_OUTPUTS, "delivered_flops"):
        print(f"| `{o}` | " + " | ".join("0" if errors[o, i] == 0 else f"{errors[o, i]:.1e}" for i in CHECKED_INPUTS) + " |")


def test_check_partials():
    errors = check_partials_errors()
    assert {k[1] for k in errors} == set(CHECKED_INPUTS)  # racks and max_launches are discrete: not differentiated
    assert {k[0] for k in errors} == set(BASE_OUTPUTS) | {"delivered_flops"}  # launches is piecewise constant
    bad = {k: e for k, e in errors.items() if e > 1e-6}
    assert not bad, bad


def jac(prob, of_name: str, wrt: str) -> np.ndarray:
    """The component's partial derivative (the diagonal when vectorised), as the driver sees
    it: a total derivative of the one-component model."""
    t = prob.compute_totals(of=[of_name], wrt=[wrt], return_format="flat_dict")
    return np.diag(np.atleast_2d(t[of_name, wrt]))


# Published constants for the launch slope below: EGM-96 gravitational parameter and WGS-84
# equatorial radius (Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Table
# D-3), standard gravity (CGPM 1901, exact) and the sidereal day, 86,164.0905 s (IERS).
MU_M3_S2 = 3.986004418e14
R_EARTH_M = 6_378_137.0
G0_M_S2 = 9.80665
V_EQ_M_S = 2.0 * math.pi * R_EARTH_M / 86_164.0905


def payload_and_slope(params: dict, altitude_m: float, inclination_rad: float) -> tuple[float, float]:
    """Payload (kg) of one launch to a sun-synchronous orbit above the launcher's reference
    orbit, and its derivative in the altitude (kg/m), derived here from the upper stage's rocket
    equation (docs/model.md, "Launch"): the stage gives the reference payload P0 the velocity
    dv0 = c ln((m_p + m_d + P0) / (m_d + P0)), c = Isp g0, and the orbit needs dv0 + extra,
    extra = v_eq (cos i_ref - cos i) + the Hohmann transfer up from the reference altitude. The
    payload solves (m_p + m_d + P) / (m_d + P) = e, e = exp((dv0 + extra) / c), so
    dP/d(extra) = -(m_d + P)(m_p + m_d + P) / (c m_p); a sun-synchronous orbit has
    cos i proportional to a^(7/2) (a = R_E + h), so d(cos i)/dh = 3.5 cos i / a; and the
    Hohmann velocity is differentiated in the outer radius r2 by hand."""
    r1, r2 = R_EARTH_M + params["launcher_ref_altitude_m"], R_EARTH_M + altitude_m
    assert r2 > r1, "the transfer below assumes an orbit above the reference orbit"
    up, down = math.sqrt(2.0 * r2 / (r1 + r2)), math.sqrt(2.0 * r1 / (r1 + r2))
    v1, v2 = math.sqrt(MU_M3_S2 / r1), math.sqrt(MU_M3_S2 / r2)
    hohmann = v1 * (up - 1.0) + v2 * (1.0 - down)
    d_hohmann = v1 * r1 / ((r1 + r2) ** 2 * up) - v2 / (2.0 * r2) * (1.0 - down) + v2 * down / (2.0 * (r1 + r2))
    extra = V_EQ_M_S * (math.cos(params["launcher_ref_inclination_rad"]) - math.cos(inclination_rad)) + hohmann
    d_extra = -V_EQ_M_S * 3.5 * math.cos(inclination_rad) / r2 + d_hohmann
    c = params["launcher_stage_isp_s"] * G0_M_S2
    md, mp, p0 = params["launcher_stage_dry_kg"], params["launcher_stage_propellant_kg"], params["launcher_payload_kg"]
    e = (mp + md + p0) / (md + p0) * math.exp(extra / c)
    payload = (mp + md * (1.0 - e)) / (e - 1.0)
    return payload, -(md + payload) * (mp + md + payload) / (c * mp) * d_extra


def test_exact_slopes():
    """Slopes known without differencing. The power margin rises by the end-of-life array power
    per m^2 (the requirement does not depend on the area). The mass margin is the launch
    capacity (max_launches x the payload to the orbit) less the mass: it falls as the mass
    rises in the areas and the battery, and in the altitude it also moves with the payload,
    whose slope is derived from the rocket equation (payload_and_slope). Cost per FLOP is
    linear in the launch price, the launch billed on the mass scaled to the launcher's reference
    payload and insured: slope (1 + insurance_fraction) x launch_billed_mass_kg / pv_flop (and a
    50 % step's secant is that slope)."""
    assert SCENARIO.kind == "sso", "payload_and_slope assumes a sun-synchronous orbit"
    prob = vectorised_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        per_m2 = SCENARIO.orbit_summary()["array_eol_w_per_m2"]
        np.testing.assert_allclose(jac(prob, "power_margin_w", "array_area_m2"), per_m2, rtol=1e-9)
        for wrt in ("array_area_m2", "radiator_area_m2", "battery_energy_j"):
            # Equal up to the rounding of capacity - mass in the differenced margin.
            np.testing.assert_allclose(jac(prob, "mass_margin_kg", wrt), -jac(prob, "mass_total_kg", wrt), rtol=1e-7)
        d_margin = jac(prob, "mass_margin_kg", "altitude_m")
        d_mass = jac(prob, "mass_total_kg", "altitude_m")
        d = jac(prob, "cost_per_flop_usd", "launch_price_usd_per_kg")
    altitudes = prob.get_val("altitude_m")
    launches = float(prob.get_val("max_launches"))
    out = of.evaluate_batch(
        SCENARIO,
        outputs=["launcher_payload_to_orbit_kg", "inclination_rad"],
        altitude_m=altitudes,
        racks=4,
        array_area_m2=SCENARIO.design.array_area_m2,
        radiator_area_m2=SCENARIO.design.radiator_area_m2,
    )
    params = SCENARIO.params()
    for k, alt in enumerate(altitudes):
        payload, slope = payload_and_slope(params, alt, out["inclination_rad"][k])
        # The model's payload, to 1e-6 (its constants may be rounded differently from these).
        assert payload == pytest.approx(out["launcher_payload_to_orbit_kg"][k], rel=1e-6)
        assert d_margin[k] == pytest.approx(launches * slope - d_mass[k], rel=1e-6), alt
    res = of.evaluate_batch(
        SCENARIO,
        outputs=["launch_billed_mass_kg", "pv_flop"],
        array_area_m2=prob.get_val("array_area_m2"),
        radiator_area_m2=prob.get_val("radiator_area_m2"),
        battery_energy_j=prob.get_val("battery_energy_j"),
        launch_price_usd_per_kg=prob.get_val("launch_price_usd_per_kg"),
        altitude_m=altitudes,
        racks=prob.get_val("racks"),
        max_launches=launches,
    )
    np.testing.assert_allclose(d, (1.0 + params["insurance_fraction"]) * res["launch_billed_mass_kg"] / res["pv_flop"], rtol=1e-7)
    price = prob.get_val("launch_price_usd_per_kg").copy()
    c0 = prob.get_val("cost_per_flop_usd").copy()
    prob.set_val("launch_price_usd_per_kg", price * 1.5)
    prob.run_model()
    secant = (prob.get_val("cost_per_flop_usd") - c0) / (price * 0.5)
    np.testing.assert_allclose(d, secant, rtol=1e-7)


def test_one_sided_at_a_parameter_bound():
    """At launch price 0 (its lower bound) the step down is invalid: the step up is used, and
    since cost is linear in the launch price it equals the slope at any other price."""
    comp = DesignComponent(SCENARIO, params=["launch_price_usd_per_kg"], vectorize=2)
    prob = problem(comp)
    prob.set_val("launch_price_usd_per_kg", [0.0, 1500.0])
    prob.run_model()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = jac(prob, "cost_per_flop_usd", "launch_price_usd_per_kg")
    assert np.isfinite(d).all() and d[0] > 0
    np.testing.assert_allclose(d[0], d[1], rtol=1e-6)


@pytest.mark.parametrize("area", ["array_area_m2", "radiator_area_m2"])
def test_kink_at_the_smallest_feasible_design_takes_the_feasible_side(area):
    """At orbitflops.size()'s design the power and thermal margins are 0: more area is feasible,
    less area derates the compute. The component's slope of cost per FLOP is the one-sided slope
    toward more area, computed here with single evaluations (for the radiator it is negative:
    more area runs the chips cooler, and they fail less)."""
    racks = 4
    d = of.size(SCENARIO, racks)
    comp = DesignComponent(SCENARIO)
    prob = problem(comp)
    prob.set_val("array_area_m2", d.array_area_m2)
    prob.set_val("radiator_area_m2", d.radiator_area_m2)
    prob.set_val("racks", racks)
    prob.run_model()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        slope = jac(prob, "cost_per_flop_usd", area)[0]
    x = getattr(d, area)
    h = 1e-5 * x

    def cost(v: float) -> float:
        fields = d.to_dict() | {area: v}
        return of.evaluate(of.Design(**fields), SCENARIO).cost_per_flop_usd

    c0 = cost(x)
    up, down = (cost(x + h) - c0) / h, (c0 - cost(x - h)) / h
    assert abs(up - down) > 0.01 * abs(up), "no kink here: the test would prove nothing"
    assert slope == pytest.approx(up, rel=1e-3)


def test_discrete_racks_and_integer_parameters():
    comp = DesignComponent(SCENARIO, params=["max_launches"], vectorize=2)
    prob = problem(comp)
    discrete = {name for name, m in prob.model.sat.get_io_metadata(iotypes="input").items() if m["discrete"]}
    assert discrete == {"racks", "spare_racks", "max_launches"}
    prob.set_val("racks", np.array([2, 6]))
    prob.set_val("max_launches", np.array([1, 3]))
    prob.run_model()
    expected = of.evaluate_batch(SCENARIO, outputs=["mass_margin_kg"], racks=[2, 6], max_launches=[1, 3], array_area_m2=SCENARIO.design.array_area_m2, radiator_area_m2=SCENARIO.design.radiator_area_m2)
    np.testing.assert_array_equal(prob.get_val("mass_margin_kg"), expected["mass_margin_kg"])


def test_units():
    comp = DesignComponent(SCENARIO, params=["launch_price_usd_per_kg", "altitude_m", "discount_rate", "utilisation"], battery=True, extra_outputs=["capex_usd", "delivered_flops"])
    prob = problem(comp)
    meta = prob.model.sat.get_io_metadata(iotypes=("input", "output"), metadata_keys=["units"])
    names = ("array_area_m2", "radiator_area_m2", "battery_energy_j", "launch_price_usd_per_kg", "altitude_m", "discount_rate", "utilisation")
    ins = {n: meta[n]["units"] for n in names}
    outs = {n: meta[n]["units"] for n in ("mass_total_kg", "power_margin_w", "thermal_margin_k", "capex_usd", "dod_margin", "cost_per_flop_usd", "delivered_flops")}
    assert ins == {"array_area_m2": "m**2", "radiator_area_m2": "m**2", "battery_energy_j": "J", "launch_price_usd_per_kg": "USD/kg", "altitude_m": "m", "discount_rate": "1/year", "utilisation": None}
    assert outs["mass_total_kg"] == "kg" and outs["power_margin_w"] == "W" and outs["thermal_margin_k"] == "degK"  # OpenMDAO spells K as degK
    assert outs["capex_usd"] == "USD" and outs["dod_margin"] is None
    assert outs["cost_per_flop_usd"] is None and outs["delivered_flops"] is None  # OpenMDAO has no FLOP
    # Converted by OpenMDAO: the same altitude in km.
    prob.set_val("altitude_m", 600.0, units="km")
    assert prob.get_val("altitude_m")[0] == 600e3
    assert om_units("USD/(kW yr)") == "USD/(kW*yr)" and om_units("1") is None and om_units("USD/FLOP") is None


def test_bad_names_and_bad_designs():
    with pytest.raises(ValueError, match="params: unknown name 'launch_price'"):
        problem(DesignComponent(SCENARIO, params=["launch_price"]))
    with pytest.raises(ValueError, match="extra_outputs: unknown name 'cost'"):
        problem(DesignComponent(SCENARIO, extra_outputs=["cost"]))
    prob = problem(DesignComponent(SCENARIO))
    prob.set_val("array_area_m2", -1.0)
    with pytest.raises(om.AnalysisError, match="array_area_m2"):
        prob.run_model()


def load_example():
    spec = importlib.util.spec_from_file_location("openmdao_design", ROOT / "examples" / "openmdao_design.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Failures that speed up steeply with temperature (the top of the public range of the activation
# energy, and no temperature-independent part) on a launcher just large enough for the smallest
# 4-rack design, so that the cheapest radiator is as large as the launch mass allows.
STEEP = "steep"


@functools.cache
def scenario_from(scenario_file: str | None) -> of.Scenario:
    if scenario_file is None:
        return SCENARIO
    if scenario_file == STEEP:
        steep = SCENARIO.replace(failure_activation_energy_ev=1.0, radiation_failure_rate_per_yr=0.0)
        # A launcher that carries just the smallest 4-rack design plus 2 %: the cheaper, larger
        # radiators then run into the launch mass.
        need = 1.02 * of.evaluate(of.size(steep, 4), steep).mass_total_kg
        from scipy.optimize import brentq

        ref = brentq(lambda p: of.evaluate(of.size(steep.replace(launcher_payload_kg=p), 4), steep.replace(launcher_payload_kg=p)).launcher_payload_to_orbit_kg - need, 1e3, 1e6, xtol=1e-6)
        return steep.replace(launcher_payload_kg=ref)
    return of.Scenario.from_toml(ROOT / "examples" / scenario_file)


@functools.cache
def most_racks(scenario_file: str | None) -> int:
    """The most racks whose smallest feasible design fits the launch capacity."""
    scenario = scenario_from(scenario_file)
    n = 1
    while of.evaluate(of.size(scenario, n + 1), scenario).mass_margin_kg >= 0:
        n += 1
    return n


@functools.cache
def cheapest(scenario_file: str | None, racks: int | None) -> dict:
    """The oracle's cheapest design (racks None: the most racks that fit)."""
    if racks is None:
        racks = most_racks(scenario_file)
    return oracle.cheapest(scenario_from(scenario_file), racks) | {"racks": racks}


# (scenario file, racks (None: the most that fit), where the cheapest radiator temperature lies)
FIXED_RACK_CASES = [(None, 4, "interior"), (STEEP, None, "mass"), ("starcloud_40mw.toml", 2, "interior")]
FIXED_RACK_IDS = ["default-4-racks", "steep-failures-most-racks", "starcloud-2-racks"]


@pytest.mark.parametrize("scenario_file,racks,at", FIXED_RACK_CASES, ids=FIXED_RACK_IDS)
def test_fixed_rack_oracle_agrees_with_a_dense_grid(scenario_file, racks, at):
    """The two searches of tests/fixed_racks_oracle.py over the radiator temperature agree: the
    grid (20,001 temperatures, its own feasibility mask) never beats the bounded minimisation and
    finds its minimum within one grid step of it. The cases cover an interior optimum and one
    where the launch mass stops the radiator growing (at the most racks one launch carries)."""
    scenario = scenario_from(scenario_file)
    best = cheapest(scenario_file, racks)
    assert best["at"] == at, f"{best['racks']} racks: the case this test is for ({at}) is now {best['at']}: choose another rack count"
    assert best["feasible"]
    grid = oracle.cheapest_on_grid(scenario, best["racks"])
    assert best["cost_per_flop_usd"] <= grid["cost_per_flop_usd"] * (1 + 1e-12)
    # Where the launch mass stops the radiator, cost is steep in temperature at the bound and the
    # grid's last feasible point can cost up to one grid step's slope more.
    assert grid["cost_per_flop_usd"] <= best["cost_per_flop_usd"] * (1 + (1e-3 if at == "mass" else 1e-4))
    assert abs(grid["temp_k"] - best["temp_k"]) <= grid["step_k"]


@pytest.mark.parametrize("racks", [1, 4])
def test_without_temperature_dependent_failures_the_oracle_is_the_smallest_design(racks):
    """With failure_activation_energy_ev = 0 the failure rate does not depend on temperature,
    cost per FLOP rises with the radiator area, and the oracle lands on orbitflops.size()'s
    smallest feasible design, radiator at its limit."""
    flat = SCENARIO.replace(failure_activation_energy_ev=0.0)
    best = oracle.cheapest(flat, racks)
    d = of.size(flat, racks)
    assert best["at"] == "limit"
    assert best["radiator_area_m2"] == pytest.approx(d.radiator_area_m2, rel=1e-12)
    assert best["cost_per_flop_usd"] == pytest.approx(of.evaluate(d, flat).cost_per_flop_usd, rel=1e-12)


@pytest.mark.parametrize("scenario_file,racks,at", FIXED_RACK_CASES, ids=FIXED_RACK_IDS)
def test_slsqp_example_reaches_the_cheapest_design(scenario_file, racks, at):
    """SLSQP from the scenario's design areas times 1.5 lands on the oracle's cheapest design at
    the rack count: cost per FLOP within 1e-9 (relative), the array and battery (at their
    smallest feasible values, constraints active) within 1e-6, and the radiator area within
    1e-4 (the minimum in it is flat: a radiator 1e-4 off costs about 4e-9 more); the power and
    battery margins within 1e-6 of 0 (normalised), the thermal margin open, and the mass margin
    at 0 when the launch mass binds. The example's own reference (a search over the radiator
    area) agrees with the oracle (a search over its temperature)."""
    ex = load_example()
    scenario = scenario_from(scenario_file)
    best = cheapest(scenario_file, racks)
    assert best["at"] == at
    racks = best["racks"]
    # On the launcher sized for the smallest design, 1.5 times its areas starts far over the launch
    # mass and SLSQP's line search stalls on the constraint; start closer.
    opt = ex.optimise(scenario, racks, start_factor=1.2 if at == "mass" else 1.5)
    assert opt["success"]
    assert opt["cost_per_flop_usd"] == pytest.approx(best["cost_per_flop_usd"], rel=1e-9)
    for key in ("array_area_m2", "battery_energy_j"):
        assert opt[key] == pytest.approx(best[key], rel=1e-6), key
    assert opt["radiator_area_m2"] == pytest.approx(best["radiator_area_m2"], rel=1e-4)
    ev = of.evaluate(of.Design(opt["array_area_m2"], opt["radiator_area_m2"], racks, battery_energy_j=opt["battery_energy_j"]), scenario)
    capacity = ev.mass_total_kg + ev.mass_margin_kg
    norm = {"power_margin_w": ev.array_power_required_w, "dod_margin": ev.battery_dod_allowed, "thermal_margin_k": ev.radiator_temp_max_k, "mass_margin_kg": capacity}
    margins = {m: getattr(ev, m) / scale for m, scale in norm.items()}
    assert all(v > -1e-6 for v in margins.values()), margins
    assert abs(margins["power_margin_w"]) < 1e-6 and abs(margins["dod_margin"]) < 1e-6, margins
    assert margins["thermal_margin_k"] > 1e-3, margins
    assert (abs(margins["mass_margin_kg"]) < 1e-6) == (at == "mass"), margins
    line = ex.line_search(scenario, racks)
    assert line["cost_per_flop_usd"] == pytest.approx(best["cost_per_flop_usd"], rel=1e-12)
    assert line["radiator_area_m2"] == pytest.approx(best["radiator_area_m2"], rel=1e-4)


def test_example_script_prints_the_comparison(capsys):
    load_example().main(["--racks", "4"])
    out = capsys.readouterr().out
    assert "converged" in out and "1-D search" in out and "array area, m^2" in out and "chip temperature, K" in out


def atmosphere_band_base_m() -> float | None:
    """An altitude (whole km, 400-800 km) where the atmosphere model's log-density slope
    changes: the base of a band of its piecewise exponential table."""
    km = np.arange(399.0, 802.0)
    log_rho = np.log(of.atmosphere_density_kg_m3(km * 1000.0))
    left, right = np.diff(log_rho)[:-1], np.diff(log_rho)[1:]
    kinks = np.flatnonzero(np.abs(right - left) > 0.01 * np.abs(left))
    return float(km[kinks[0] + 1] * 1000.0) if len(kinks) else None


def test_altitude_at_an_atmosphere_band_base_takes_the_side_without_the_jump():
    """The density table changes scale height (with a small jump) at each band's base, so mass
    has a kink and a jump in altitude there. Both sides are feasible; the component takes the
    one-sided slope that does not cross the jump, the one equal to the slope just beside the
    base on its side (all computed here with single evaluations)."""
    base = atmosphere_band_base_m()
    if base is None:
        pytest.skip("the atmosphere model has no band base between 400 and 800 km")
    scenario = SCENARIO.replace(altitude_m=base)
    sized = of.size(scenario, 4)
    design = of.Design(1.3 * sized.array_area_m2, 1.3 * sized.radiator_area_m2, 4)
    comp = DesignComponent(SCENARIO, params=["altitude_m"])
    prob = problem(comp)
    prob.set_val("altitude_m", base)
    prob.set_val("array_area_m2", design.array_area_m2)
    prob.set_val("radiator_area_m2", design.radiator_area_m2)
    prob.set_val("racks", 4)
    prob.run_model()
    slope = jac(prob, "mass_total_kg", "altitude_m")[0]
    h = 1e-6 * base

    def mass(alt: float) -> float:
        ev = of.evaluate(design, SCENARIO.replace(altitude_m=alt))
        assert ev.is_feasible
        return ev.mass_total_kg

    m0 = mass(base)
    up, down = (mass(base + h) - m0) / h, (m0 - mass(base - h)) / h
    assert abs(up - down) > 0.01 * abs(up), "no kink here: the test would prove nothing"
    above = (mass(base + 10.0 + h) - mass(base + 10.0 - h)) / (2 * h)
    below = (mass(base - 10.0 + h) - mass(base - 10.0 - h)) / (2 * h)
    # One side's one-step slope is the slope just beside the base; the other crosses the jump.
    up_smooth = abs(up - above) < 1e-3 * abs(above)
    down_smooth = abs(down - below) < 1e-3 * abs(below)
    assert up_smooth != down_smooth, (up, above, down, below)
    assert slope == pytest.approx(up if up_smooth else down, rel=1e-3)


@pytest.mark.parametrize("racks", [1, 4, 6])
def test_cost_rises_with_array_and_battery_above_their_smallest_feasible_values(racks):
    """The premise of the oracle: with the radiator at its cheapest, more array or battery than
    the smallest feasible only costs more per FLOP, from the oracle's design up to the launch
    capacity (then the design is infeasible)."""
    best = cheapest(None, racks)
    grow = np.linspace(1.0, 5.0, 500)
    base = {k: best[k] for k in ("array_area_m2", "radiator_area_m2", "battery_energy_j")}
    for name in ("array_area_m2", "battery_energy_j"):
        cols = dict(base, racks=racks)
        cols[name] = base[name] * grow
        cost = of.evaluate_batch(SCENARIO, outputs=["cost_per_flop_usd", "feasible"], **cols)
        feasible = cost["feasible"] == 1.0
        n = int(np.argmin(feasible)) if not feasible.all() else len(grow)
        assert n >= 50 and feasible[:n].all() and not feasible[n:].any(), name
        assert (np.diff(cost["cost_per_flop_usd"][:n]) > 0).all(), name


def radiator_costs(scenario: of.Scenario, racks: int, grow: np.ndarray) -> dict[str, np.ndarray]:
    """Cost per FLOP and feasibility with orbitflops.size()'s smallest array and battery and
    the radiator ``grow`` times its smallest feasible area."""
    d = of.size(scenario, racks)
    battery = of.evaluate(d, scenario).battery_energy_j
    return of.evaluate_batch(scenario, outputs=["cost_per_flop_usd", "feasible"], racks=racks, array_area_m2=d.array_area_m2, battery_energy_j=battery, radiator_area_m2=d.radiator_area_m2 * grow)


@pytest.mark.parametrize("racks", [1, 4, 6])
def test_cost_rises_with_radiator_area_only_when_failures_do_not_depend_on_temperature(racks):
    """With failure_activation_energy_ev = 0 a larger radiator only adds cost and mass, so cost
    per FLOP rises with its area above the smallest feasible one. With the default activation
    energy the same radiators first lower it (cooler chips fail less)."""
    grow = np.linspace(1.0, 5.0, 500)
    flat = radiator_costs(SCENARIO.replace(failure_activation_energy_ev=0.0), racks, grow)
    feasible = flat["feasible"] == 1.0
    n = int(np.argmin(feasible)) if not feasible.all() else len(grow)
    assert n >= 50 and feasible[:n].all() and not feasible[n:].any()
    assert (np.diff(flat["cost_per_flop_usd"][:n]) > 0).all()
    default = radiator_costs(SCENARIO, racks, grow)
    assert (np.diff(default["cost_per_flop_usd"][:10]) < 0).all()


@pytest.mark.parametrize("racks", [1, 4, 6])
def test_the_cheapest_radiator_is_larger_than_the_smallest(racks):
    """With the default scenario the cheapest radiator temperature is interior: its design costs
    less per FLOP than the smallest feasible design (radiator at its limit) and than a much
    larger radiator (twice the cheapest, and the coldest searched, 20 times the smallest)."""
    best = cheapest(None, racks)
    assert best["at"] == "interior"
    smallest = of.evaluate(of.size(SCENARIO, racks), SCENARIO).cost_per_flop_usd
    twice = of.evaluate(of.Design(best["array_area_m2"], 2.0 * best["radiator_area_m2"], racks), SCENARIO).cost_per_flop_usd
    cold, _, _ = oracle.temp_bounds_k(SCENARIO, racks)
    coldest = oracle.sized(SCENARIO, racks, cold).cost_per_flop_usd
    assert best["cost_per_flop_usd"] < min(smallest, twice, coldest)


@pytest.mark.parametrize("racks", [1, 4])
def test_radiator_slope_follows_the_chip_temperature(racks):
    """Cost per FLOP depends on the radiator area through its mass and cost and, through the
    chips' temperature, the failure rate. Below, at and above the oracle's cheapest radiator the
    component's slope is the central difference taken here from single evaluations (to 1e-6,
    or 1e-8 of cost / area where it is near 0); it is negative below, positive above and 0 at
    the minimum (to 1e-6 of cost / area)."""
    best = cheapest(None, racks)
    array, radiator = best["array_area_m2"], best["radiator_area_m2"]
    comp = DesignComponent(SCENARIO, vectorize=3)
    prob = problem(comp)
    areas = radiator * np.array([0.9, 1.0, 1.1])
    prob.set_val("array_area_m2", array)
    prob.set_val("radiator_area_m2", areas)
    prob.set_val("racks", racks)
    prob.run_model()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        slope = jac(prob, "cost_per_flop_usd", "radiator_area_m2")

    def cost(a: float) -> float:
        return of.evaluate(of.Design(array, a, racks), SCENARIO).cost_per_flop_usd

    scale = best["cost_per_flop_usd"] / radiator
    for a, s in zip(areas, slope):
        h = 1e-5 * a
        central = (cost(a + h) - cost(a - h)) / (2 * h)
        assert abs(s - central) < 1e-6 * abs(central) + 1e-8 * scale, (a, s, central)
    assert slope[0] < -0.01 * scale and slope[2] > 0.01 * scale
    assert abs(slope[1]) < 1e-6 * scale
