"""Trade cost per FLOP against launch mass with NSGA-II (pymoo): which constellation sizes are
worth building?

    python examples/pymoo_nsga2.py [--generations 80] [--population 60] [--seed 1]

Variables: the array area, the radiator area and the rack count; objectives: cost per FLOP and
launch mass, both minimised; constraints: every margin >= 0. More racks spread the fixed costs
(bus, operations) over more compute, so cost per FLOP falls, while the mass grows: the Pareto set
runs from one rack to the most the launcher can lift. At each rack count it also trades the
radiator: a larger one is heavier but runs the accelerators cooler, and they fail less. Each
generation is one batch call of the Rust core. For each rack count the script prints the
cheapest Pareto design beside the cheapest design there is at that count (a one-variable search
over the radiator area, the array and battery at their smallest feasible values), the best any
optimiser can do. Needs ``pip install 'orbitflops[pymoo]'``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from pymoo.algorithms.moo.nsga2 import NSGA2
from pymoo.optimize import minimize
from scipy.optimize import minimize_scalar

import orbitflops as of
from orbitflops.integrations.pymoo import DesignProblem, RoundIntegers


def cheapest_at(scenario: of.Scenario, racks: int, area_factor: float = 20.0) -> float:
    """The lowest cost per FLOP of a feasible design at ``racks`` racks (inf when none is
    feasible): the array at orbitflops.size()'s smallest feasible area, the battery sized, and a
    bounded scalar search over the radiator area, from the smallest feasible one to
    ``area_factor`` times it or to the launch capacity, whichever is smaller (the launch mass
    grows linearly with the radiator area)."""
    smallest = of.size(scenario, racks)

    def evaluate(radiator_m2: float) -> of.Evaluation:
        return of.evaluate(of.Design(smallest.array_area_m2, radiator_m2, racks), scenario)

    lo, hi = smallest.radiator_area_m2, area_factor * smallest.radiator_area_m2
    light, heavy = evaluate(lo), evaluate(hi)
    if light.mass_margin_kg < 0:
        return float("inf")
    if heavy.mass_margin_kg < 0:
        hi = lo + (hi - lo) * light.mass_margin_kg / (light.mass_margin_kg - heavy.mass_margin_kg)
    res = minimize_scalar(lambda r: evaluate(r).cost_per_flop_usd, bounds=(lo, hi), method="bounded", options={"xatol": 1e-9 * lo})
    return min(evaluate(r).cost_per_flop_usd for r in (res.x, lo, hi))  # the method never samples the bounds


def pareto_front(scenario: of.Scenario, generations: int = 80, population: int = 60, seed: int = 1, max_racks: int = 16) -> dict[str, np.ndarray]:
    """Run NSGA-II and return the feasible Pareto set, sorted by rack count then mass: design
    columns, cost per FLOP, mass, delivered FLOP/s, feasibility, and the cheapest cost at each
    design's rack count (``best_cost_per_flop_usd``, see :func:`cheapest_at`)."""
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
    order = np.lexsort((out["mass_total_kg"], cols["racks"]))
    result = {k: v[order] for k, v in {**cols, **out}.items()}
    best = {r: cheapest_at(scenario, int(r)) for r in np.unique(result["racks"])}
    result["best_cost_per_flop_usd"] = np.array([best[r] for r in result["racks"]])
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
    print("At each rack count, the designs' mass range and the cheapest of them beside the cheapest design there is:")
    print(f"{'racks':>6}{'designs':>9}{'mass, t':>14}{'array, m^2':>12}{'radiator, m^2':>15}{'USD per EFLOP':>15}{'best':>8}{'gap':>8}")
    for r in np.unique(front["racks"]):
        idx = np.flatnonzero(front["racks"] == r)
        i = idx[np.argmin(front["cost_per_flop_usd"][idx])]
        c, best = front["cost_per_flop_usd"][i], front["best_cost_per_flop_usd"][i]
        m = front["mass_total_kg"][idx] / 1000
        print(
            f"{r:6.0f}{len(idx):9d}{f'{m.min():.1f}-{m.max():.1f}':>14}{front['array_area_m2'][i]:12.0f}{front['radiator_area_m2'][i]:15.0f}"
            f"{c * 1e18:15.3f}{best * 1e18:8.3f}{(c - best) / best:8.2%}"
        )


if __name__ == "__main__":
    main()
