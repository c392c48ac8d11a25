"""The OpenMDAO component: outputs equal to evaluate_batch, partials checked with OpenMDAO's own
check_partials and against exact slopes, one-sided derivatives at kinks and bounds, and the
SLSQP example reaching orbitflops.size()'s closed-form optimum."""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pytest

om = pytest.importorskip("openmdao.api")

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
    prob.set_val("radiator_area_m2", [600.0, 750.0, 900.0])
    prob.set_val("battery_energy_j", [2.0e9, 2.5e9, 3.0e9])
    prob.set_val("launch_price_usd_per_kg", [200.0, 1500.0, 3000.0])
    prob.set_val("altitude_m", [520e3, 560e3, 650e3])
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
        radiator_area_m2=[600.0, 750.0, 900.0],
        battery_energy_j=[2.0e9, 2.5e9, 3.0e9],
        launch_price_usd_per_kg=[200.0, 1500.0, 3000.0],
        altitude_m=[520e3, 560e3, 650e3],
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


def test_check_partials():
    prob = vectorised_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # OpenMDAO warns of declared partials that are zero here
        data = prob.check_partials(out_stream=None, method="fd", form="central", step=1e-7, step_calc="rel_element")
    errors = max_rel_errors(data)
    inputs = {"array_area_m2", "radiator_area_m2", "battery_energy_j", "launch_price_usd_per_kg", "altitude_m"}
    assert {k[1] for k in errors} == inputs  # racks and max_launches are discrete: not differentiated
    assert {k[0] for k in errors} == set(BASE_OUTPUTS) | {"delivered_flops"}  # launches is piecewise constant
    bad = {k: e for k, e in errors.items() if e > 1e-6}
    assert not bad, bad


def jac(prob, of_name: str, wrt: str) -> np.ndarray:
    """The component's partial derivative (the diagonal when vectorised), as the driver sees
    it: a total derivative of the one-component model."""
    t = prob.compute_totals(of=[of_name], wrt=[wrt], return_format="flat_dict")
    return np.diag(np.atleast_2d(t[of_name, wrt]))


def test_exact_slopes():
    """Slopes known without differencing: the power margin rises by the end-of-life array power
    per m^2 (the requirement does not depend on the area), the mass margin falls as the mass
    rises, and cost per FLOP is linear in the launch price (so a 50 % step's secant is exact)."""
    prob = vectorised_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        per_m2 = SCENARIO.orbit_summary()["array_eol_w_per_m2"]
        np.testing.assert_allclose(jac(prob, "power_margin_w", "array_area_m2"), per_m2, rtol=1e-9)
        for wrt in ("array_area_m2", "radiator_area_m2", "battery_energy_j", "altitude_m"):
            # Equal up to the rounding of capacity - mass in the differenced margin.
            np.testing.assert_allclose(jac(prob, "mass_margin_kg", wrt), -jac(prob, "mass_total_kg", wrt), rtol=1e-7)
        d = jac(prob, "cost_per_flop_usd", "launch_price_usd_per_kg")
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
    """At orbitflops.size()'s design the power and thermal margins are 0: more area is feasible
    and costs more, less area derates the compute. The component's slope of cost per FLOP is
    the one-sided slope toward more area, computed here with single evaluations."""
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


@pytest.mark.parametrize("scenario_file,racks", [(None, 4), (None, 8), ("starcloud_40mw.toml", 2)])
def test_slsqp_example_reaches_the_closed_form_optimum(scenario_file, racks):
    """SLSQP from a 1.5x oversized start lands on orbitflops.size()'s smallest feasible design
    (which is the cheapest at a fixed rack count) to 1e-6 relative, margins within 1e-6 of 0."""
    ex = load_example()
    scenario = SCENARIO if scenario_file is None else of.Scenario.from_toml(ROOT / "examples" / scenario_file)
    opt = ex.optimise(scenario, racks)
    ref = ex.closed_form(scenario, racks)
    assert opt["success"]
    for key in ("array_area_m2", "radiator_area_m2", "battery_energy_j", "cost_per_flop_usd"):
        assert opt[key] == pytest.approx(ref[key], rel=1e-6), key
    ev = of.evaluate(of.Design(opt["array_area_m2"], opt["radiator_area_m2"], racks, battery_energy_j=opt["battery_energy_j"]), scenario)
    norm = {"power_margin_w": ev.array_power_required_w, "dod_margin": ev.battery_dod_allowed, "thermal_margin_k": ev.radiator_temp_max_k}
    for m, scale in norm.items():
        assert abs(getattr(ev, m)) / scale < 1e-6, m


def test_example_script_prints_the_comparison(capsys):
    load_example().main(["--racks", "4"])
    out = capsys.readouterr().out
    assert "converged" in out and "orbitflops.size" in out and "array area, m^2" in out


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


@pytest.mark.parametrize("racks", [1, 4, 8])
def test_cost_rises_with_every_area_above_the_smallest_feasible_design(racks):
    """The premise of the SLSQP comparison: above orbitflops.size()'s design, more array,
    radiator or battery only costs more per FLOP, so the smallest feasible design is the
    optimum at a fixed rack count."""
    d = of.size(SCENARIO, racks)
    battery = of.evaluate(d, SCENARIO).battery_energy_j
    grow = np.linspace(1.0, 5.0, 500)
    base = {"array_area_m2": d.array_area_m2, "radiator_area_m2": d.radiator_area_m2, "battery_energy_j": battery}
    for name, x in base.items():
        cols = dict(base, racks=racks)
        cols[name] = x * grow
        cost = of.evaluate_batch(SCENARIO, outputs=["cost_per_flop_usd", "feasible"], **cols)
        feasible = cost["feasible"] == 1.0
        # Feasible from the closed-form design up to the launch capacity, then not.
        n = int(np.argmin(feasible)) if not feasible.all() else len(grow)
        assert n >= 50 and feasible[:n].all() and not feasible[n:].any(), name
        assert (np.diff(cost["cost_per_flop_usd"][:n]) > 0).all(), name
