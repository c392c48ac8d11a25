"""Size a satellite with OpenMDAO: minimise cost per FLOP over the array area, radiator area and
battery energy at a fixed rack count, subject to every constraint margin >= 0, with a gradient
optimiser (SciPy SLSQP) and the finite-difference partials of orbitflops' DesignComponent.

    python examples/openmdao_design.py [--racks 4] [--scenario examples/starcloud_40mw.toml]

At a fixed rack count the cheapest design is the smallest feasible one: every area and the
battery cost money and mass, while more of them adds no delivered compute once the margins hold.
orbitflops.size() gives that design in closed form, so the script prints the optimiser's answer
beside it. Needs ``pip install 'orbitflops[openmdao]'``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import openmdao.api as om

import orbitflops as of
from orbitflops.integrations.openmdao import DesignComponent

DESIGN_VARS = ("array_area_m2", "radiator_area_m2", "battery_energy_j")


def optimise(scenario: of.Scenario, racks: int, start_factor: float = 1.5, tol: float = 1e-10) -> dict:
    """Run SLSQP from the scenario's design areas (and its sized battery) times ``start_factor``
    at ``racks`` racks; return the optimum's design variables, cost per FLOP and margins."""
    start = scenario.design
    start = of.Design(start.array_area_m2 * start_factor, start.radiator_area_m2 * start_factor, racks)
    first = of.evaluate(start, scenario)
    x0 = {
        "array_area_m2": start.array_area_m2,
        "radiator_area_m2": start.radiator_area_m2,
        "battery_energy_j": first.battery_energy_j * start_factor,
    }

    prob = om.Problem(reports=False)
    prob.model.add_subsystem("satellite", DesignComponent(scenario, battery=True), promotes=["*"])
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
    result = {name: float(prob.get_val(name)[0]) for name in DESIGN_VARS}
    result["cost_per_flop_usd"] = float(prob.get_val("cost_per_flop_usd")[0])
    for m in ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg"):
        result[m] = float(prob.get_val(m)[0])
    result["success"] = bool(outcome.success) if hasattr(outcome, "success") else not outcome
    result["iterations"] = prob.driver.iter_count
    return result


def closed_form(scenario: of.Scenario, racks: int) -> dict:
    """The smallest feasible design of orbitflops.size() with its sized battery and cost."""
    d = of.size(scenario, racks)
    ev = of.evaluate(d, scenario)
    return {"array_area_m2": d.array_area_m2, "radiator_area_m2": d.radiator_area_m2, "battery_energy_j": ev.battery_energy_j, "cost_per_flop_usd": ev.cost_per_flop_usd}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--racks", type=int, default=4, help="Powered racks (fixed).")
    ap.add_argument("--scenario", type=Path, default=None, help="Scenario file (default: the built-in scenario).")
    args = ap.parse_args(argv)
    scenario = of.Scenario.default() if args.scenario is None else of.Scenario.from_toml(args.scenario)
    opt = optimise(scenario, args.racks)
    ref = closed_form(scenario, args.racks)
    print(f"SLSQP at {args.racks} racks: {'converged' if opt['success'] else 'did NOT converge'} in {opt['iterations']} iterations")
    print(f"{'':24}{'SLSQP':>14}{'orbitflops.size':>18}{'difference':>12}")
    rows = [("array area, m^2", "array_area_m2", 1.0), ("radiator area, m^2", "radiator_area_m2", 1.0), ("battery, kWh", "battery_energy_j", 1 / 3.6e6), ("cost, USD per EFLOP", "cost_per_flop_usd", 1e18)]
    for label, key, k in rows:
        a, b = opt[key] * k, ref[key] * k
        print(f"{label:24}{a:14.6g}{b:18.6g}{(a - b) / b:12.1e}")
    print("margins at the optimum: " + ", ".join(f"{m} {opt[m]:.3g}" for m in ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg")))


if __name__ == "__main__":
    main()
