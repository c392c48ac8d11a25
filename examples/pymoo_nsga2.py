"""Trade cost per FLOP against launch mass with NSGA-II (pymoo): which constellation sizes are
worth building?

    python examples/pymoo_nsga2.py [--generations 80] [--population 60] [--seed 1]

Variables: the array area, the radiator area and the rack count; objectives: cost per FLOP and
launch mass, both minimised; constraints: every margin >= 0. More racks spread the fixed costs
(bus, operations) over more compute, so cost per FLOP falls, while the mass grows: the Pareto set
runs from one rack to the most the launcher can lift. Each generation is one batch call of the
Rust core. Beside each Pareto design the script prints orbitflops.size()'s closed-form cheapest
design at the same rack count, the best any optimiser can do there. Needs
``pip install 'orbitflops[pymoo]'``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from pymoo.algorithms.moo.nsga2 import NSGA2
from pymoo.optimize import minimize

import orbitflops as of
from orbitflops.integrations.pymoo import DesignProblem, RoundIntegers


def pareto_front(scenario: of.Scenario, generations: int = 80, population: int = 60, seed: int = 1, max_racks: int = 16) -> dict[str, np.ndarray]:
    """Run NSGA-II and return the feasible Pareto set: design columns, cost per FLOP, mass, and
    the closed-form cost at each design's rack count (``sized_cost_per_flop_usd``)."""
    per_rack = of.size(scenario, 1)
    # Bounds wide enough for every rack count up to max_racks, with room to oversize.
    variables = {
        "array_area_m2": (0.1 * per_rack.array_area_m2, 2.0 * max_racks * per_rack.array_area_m2),
        "radiator_area_m2": (0.1 * per_rack.radiator_area_m2, 2.0 * max_racks * per_rack.radiator_area_m2),
        "racks": (1, max_racks),
    }
    problem = DesignProblem(scenario, variables=variables, objectives=["cost_per_flop_usd", "mass_total_kg"])
    algorithm = NSGA2(pop_size=population, repair=RoundIntegers(), eliminate_duplicates=True)
    res = minimize(problem, algorithm, ("n_gen", generations), seed=seed, verbose=False)
    if res.X is None:
        return {}
    X = np.atleast_2d(res.X)
    cols = problem.designs(X)
    out = of.evaluate_batch(scenario, outputs=["cost_per_flop_usd", "mass_total_kg", "delivered_flops", "feasible"], **cols)
    order = np.argsort(cols["racks"], kind="stable")
    result = {k: v[order] for k, v in {**cols, **out}.items()}
    result["sized_cost_per_flop_usd"] = np.array([of.evaluate(of.size(scenario, int(r)), scenario).cost_per_flop_usd for r in result["racks"]])
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generations", type=int, default=80)
    ap.add_argument("--population", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scenario", type=Path, default=None, help="Scenario file (default: the built-in scenario).")
    args = ap.parse_args(argv)
    scenario = of.Scenario.default() if args.scenario is None else of.Scenario.from_toml(args.scenario)
    front = pareto_front(scenario, args.generations, args.population, args.seed)
    if not front:
        print("no feasible design found")
        return
    print(f"Pareto set: {len(front['racks'])} designs (NSGA-II, {args.population} x {args.generations} generations, seed {args.seed})")
    print(f"{'racks':>6}{'array, m^2':>12}{'radiator, m^2':>15}{'mass, t':>10}{'USD per EFLOP':>15}{'closed form':>13}{'gap':>8}")
    for i in range(len(front["racks"])):
        c, best = front["cost_per_flop_usd"][i], front["sized_cost_per_flop_usd"][i]
        print(
            f"{front['racks'][i]:6.0f}{front['array_area_m2'][i]:12.0f}{front['radiator_area_m2'][i]:15.0f}"
            f"{front['mass_total_kg'][i] / 1000:10.1f}{c * 1e18:15.3f}{best * 1e18:13.3f}{(c - best) / best:8.1%}"
        )


if __name__ == "__main__":
    main()
