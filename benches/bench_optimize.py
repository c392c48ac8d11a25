"""Optimiser benchmark on the default scenario.

1. Gap to the exact reference (the best closed-form ``orbitflops.size`` design over the rack
   counts in the search bounds) after a trial budget, median (and range) over seeds, per sampler,
   for the plain search (array area, radiator area, racks as written) and the ``sized``
   parameterisation (oversizing factors relative to ``size()``).
2. Throughput, trials per second, in-memory storage, measured side by side in this run: one
   trial at a time through ``study.optimize`` with ``orbitflops.evaluate``; ``optimize`` with
   ``batch_size=1``; ``optimize`` with batches of 32 (ask 32, one ``evaluate_batch``, tell 32).

Run: .venv/bin/python benches/bench_optimize.py [--trials 300] [--seeds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import optuna

import orbitflops as of
from orbitflops.optimize import make_sampler, optimize, reference
from orbitflops.optimize.study import CONSTRAINTS

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore")


def gaps(scenario, sampler, trials, seeds, parameterisation):
    out = []
    for seed in range(seeds):
        res = optimize(scenario, trials, sampler=sampler, seed=seed, parameterisation=parameterisation)
        out.append(float("inf") if res.gap is None else res.gap)
    return out


def single_trial_loop(scenario, trials, sampler, seed):
    """The plain Optuna way: one trial, one ``evaluate`` call."""
    study = optuna.create_study(sampler=make_sampler(sampler, seed))
    lo, hi = 1, 40

    def objective(trial):
        d = of.Design(
            trial.suggest_float("array_area_m2", 100.0, 1e5, log=True),
            trial.suggest_float("radiator_area_m2", 10.0, 2e4, log=True),
            trial.suggest_int("racks", lo, hi),
        )
        ev = of.evaluate(d, scenario)
        for key, margin, scale in CONSTRAINTS:
            trial.set_constraint(key, -getattr(ev, margin) / scale)
        trial.set_user_attr("outputs", {m: getattr(ev, m) for _, m, _ in CONSTRAINTS})
        return ev.cost_per_flop_usd

    study.optimize(objective, n_trials=trials)


def rate(fn, trials, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return trials / best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=300)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--throughput-trials", type=int, default=1000)
    a = ap.parse_args()
    s = of.Scenario.default()
    ref = reference(s)
    print(f"exact reference: {ref.cost_per_flop_usd:.6e} USD/FLOP at {ref.design.racks:g} racks "
          f"(array {ref.design.array_area_m2:.1f} m^2, radiator {ref.design.radiator_area_m2:.1f} m^2)")
    print(f"\ngap to the exact reference after {a.trials} trials, {a.seeds} seeds (median [min, max]), batch 16")
    print(f"{'sampler':8s} {'parameterisation':16s} {'median':>9s} {'min':>9s} {'max':>9s} {'s/run':>7s}")
    for param in ("plain", "sized"):
        for smp in ("tpe", "nsga2", "cmaes", "random"):
            t = time.perf_counter()
            g = gaps(s, smp, a.trials, a.seeds, param)
            dt = (time.perf_counter() - t) / a.seeds
            fmt = lambda x: "no feas." if x == float("inf") else f"{100 * x:8.3f}%"
            print(f"{smp:8s} {param:16s} {fmt(statistics.median(g)):>9s} {fmt(min(g)):>9s} {fmt(max(g)):>9s} {dt:7.2f}")
    n = a.throughput_trials
    print(f"\nthroughput, {n} trials, in-memory storage, best of 3 (trials/s)")
    for smp in ("random", "nsga2", "tpe"):
        m = n if smp != "tpe" else min(n, 300)
        r_loop = rate(lambda: single_trial_loop(s, m, smp, 0), m)
        r1 = rate(lambda: optimize(s, m, sampler=smp, seed=0, batch_size=1, with_reference=False), m)
        r32 = rate(lambda: optimize(s, m, sampler=smp, seed=0, batch_size=32, with_reference=False), m)
        print(f"{smp:8s} ({m} trials): study.optimize+evaluate {r_loop:8.0f}   batch 1 {r1:8.0f}   batch 32 {r32:8.0f}   "
              f"batch 32 / batch 1 = {r32 / r1:.2f}x, / study.optimize = {r32 / r_loop:.2f}x")


if __name__ == "__main__":
    main()
