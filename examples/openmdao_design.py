"""Size a satellite with OpenMDAO: minimise cost per FLOP over the array area, radiator area and
battery energy at a fixed rack count, subject to every constraint margin >= 0, with a gradient
optimiser (SciPy SLSQP) and the finite-difference partials of orbitflops' DesignComponent.

    python examples/openmdao_design.py [--racks 4] [--scenario examples/starcloud_40mw.toml]

At a fixed rack count every m^2 of array and every joule of battery beyond the smallest feasible
ones (orbitflops.size) costs money and launch mass and adds no compute. The radiator is
different: a larger radiator runs the accelerators cooler, and their failure rate falls with
their junction temperature (Arrhenius), so the cheapest radiator is larger than the smallest
feasible one, unless the launch mass stops it first. The script prints the optimiser's answer
beside a one-variable search over the radiator area with the array and battery at their
smallest feasible values. Needs ``pip install 'orbitflops[openmdao]'``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import openmdao.api as om
from scipy.optimize import minimize_scalar

import orbitflops as of
from orbitflops.integrations.openmdao import DesignComponent

DESIGN_VARS = ("array_area_m2", "radiator_area_m2", "battery_energy_j")
MARGINS = ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg")


def optimise(scenario: of.Scenario, racks: int, start_factor: float = 1.5, tol: float = 1e-10) -> dict:
    """Run SLSQP at ``racks`` racks from the scenario's design areas and its sized battery, each
    times ``start_factor``; return the optimum's design variables, cost per FLOP, chip
    temperature and margins."""
    start = scenario.design
    start = of.Design(start.array_area_m2 * start_factor, start.radiator_area_m2 * start_factor, racks)
    first = of.evaluate(start, scenario)
    x0 = {
        "array_area_m2": start.array_area_m2,
        "radiator_area_m2": start.radiator_area_m2,
        "battery_energy_j": first.battery_energy_j * start_factor,
    }

    prob = om.Problem(reports=False)
    prob.model.add_subsystem("satellite", DesignComponent(scenario, battery=True, extra_outputs=["chip_temp_k"]), promotes=["*"])
    for name, x in x0.items():
        # Scale each variable by its starting value so that SLSQP sees numbers of order 1.
        prob.model.add_design_var(name, lower=1e-6 * x, ref=x)
    prob.model.add_objective("cost_per_flop_usd", ref=first.cost_per_flop_usd)
    # Each margin in units of the quantity it is a margin on (as the model normalises them).
    prob.model.add_constraint("power_margin_w", lower=0.0, ref=first.array_power_required_w)
    prob.model.add_constraint("dod_margin", lower=0.0, ref=first.battery_dod_allowed)
    prob.model.add_constraint("thermal_margin_k", lower=0.0, ref=first.radiator_temp_max_k)
    prob.model.add_constraint("mass_margin_kg", lower=0.0, ref=first.mass_total_kg + first.mass_margin_kg)
    prob.driver = om.ScipyOptimizeDriver(optimizer="SLSQP", tol=tol, maxiter=200, disp=False)

    prob.setup()
    prob.set_val("racks", racks)
    for name, x in x0.items():
        prob.set_val(name, x)
    outcome = prob.run_driver()  # a DriverResult (OpenMDAO >= 3.33) or a "failed" flag
    result = {name: float(prob.get_val(name)[0]) for name in (*DESIGN_VARS, "cost_per_flop_usd", "chip_temp_k", *MARGINS)}
    result["success"] = bool(outcome.success) if hasattr(outcome, "success") else not outcome
    result["iterations"] = prob.driver.iter_count
    return result


def line_search(scenario: of.Scenario, racks: int, area_factor: float = 20.0) -> dict:
    """The cheapest design at ``racks`` racks with the array at orbitflops.size()'s smallest
    feasible area and the battery sized: a bounded scalar search over the radiator area, from
    the smallest feasible one to ``area_factor`` times it or to the launch capacity, whichever
    is smaller (the launch mass grows linearly with the radiator area)."""
    smallest = of.size(scenario, racks)

    def evaluate(radiator_m2: float) -> of.Evaluation:
        return of.evaluate(of.Design(smallest.array_area_m2, radiator_m2, racks), scenario)

    lo, hi = smallest.radiator_area_m2, area_factor * smallest.radiator_area_m2
    light, heavy = evaluate(lo), evaluate(hi)
    if light.mass_margin_kg < 0:
        raise ValueError(f"{racks} racks: even the smallest feasible design exceeds the launch capacity")
    if heavy.mass_margin_kg < 0:
        hi = lo + (hi - lo) * light.mass_margin_kg / (light.mass_margin_kg - heavy.mass_margin_kg)
    res = minimize_scalar(lambda r: evaluate(r).cost_per_flop_usd, bounds=(lo, hi), method="bounded", options={"xatol": 1e-9 * lo})
    # The method never samples the bounds themselves.
    best = min((res.x, lo, hi), key=lambda r: evaluate(r).cost_per_flop_usd)
    ev = evaluate(best)
    return {name: getattr(ev, name) for name in (*DESIGN_VARS, "cost_per_flop_usd", "chip_temp_k", *MARGINS)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--racks", type=int, default=4, help="Powered racks (fixed).")
    ap.add_argument("--scenario", type=Path, default=None, help="Scenario file (default: the built-in scenario).")
    args = ap.parse_args(argv)
    scenario = of.Scenario.default() if args.scenario is None else of.Scenario.from_toml(args.scenario)
    opt = optimise(scenario, args.racks)
    ref = line_search(scenario, args.racks)
    limit = of.evaluate(of.size(scenario, args.racks), scenario)
    print(f"SLSQP at {args.racks} racks: {'converged' if opt['success'] else 'did NOT converge'} in {opt['iterations']} iterations")
    print(f"{'':24}{'SLSQP':>14}{'1-D search':>14}{'difference':>12}{'smallest':>12}")
    rows = [
        ("array area, m^2", "array_area_m2", 1.0),
        ("radiator area, m^2", "radiator_area_m2", 1.0),
        ("battery, kWh", "battery_energy_j", 1 / 3.6e6),
        ("chip temperature, K", "chip_temp_k", 1.0),
        ("cost, USD per EFLOP", "cost_per_flop_usd", 1e18),
    ]
    for label, key, k in rows:
        a, b, c = opt[key] * k, ref[key] * k, getattr(limit, key) * k
        print(f"{label:24}{a:14.6g}{b:14.6g}{(a - b) / b:12.1e}{c:12.6g}")
    print("margins at the optimum: " + ", ".join(f"{m} {opt[m]:.3g}" for m in MARGINS))
    print("(smallest: orbitflops.size()'s smallest feasible design, radiator at its temperature limit)")


if __name__ == "__main__":
    main()
