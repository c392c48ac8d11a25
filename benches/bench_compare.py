"""Time of the orbit-against-ground uncertainty analysis, against references run side by side.

Measured in one process on the same draws of the default distributions:

* ``orbitflops.compare.monte_carlo`` with the default (correlated) distributions, designs re-sized
  per draw for both eclipse strategies, the parity year with every price on its curve (Rust batch
  path, ``sized=True``);
* the same Monte Carlo on a fixed design through the Rust batch path, and through
  ``orbitflops.reference.evaluate_numpy`` (the model written with NumPy array operations);
* a Python loop over draws calling ``Scenario.replace``, ``orbitflops.size`` and
  ``orbitflops.evaluate`` once per draw (how a per-design calculator is driven), on a subset
  and extrapolated to the full count (marked as such), for the numeric draws at the scenario's
  choices and one eclipse strategy, so a lower bound on what the Monte Carlo computes;
* the whole ``orbitflops.compare.compare`` call (Monte Carlo, Sobol with 1,024 base samples,
  tornado, thresholds, baselines) and its parts.

Usage::

    python benches/bench_compare.py                  # 100,000 draws
    python benches/bench_compare.py --draws 1e6
    python benches/bench_compare.py --quick          # tiny sizes, checks that everything runs
    python benches/bench_compare.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Callable

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # bench_batch, beside this file

import numpy as np  # noqa: E402

import orbitflops as of  # noqa: E402
from orbitflops import compare as cmp  # noqa: E402
from orbitflops.compare.uncertainty import sample, uncertainty_of  # noqa: E402


def machine() -> dict[str, Any]:
    from bench_batch import machine as batch_machine

    return {**batch_machine(), "threads": of.get_num_threads()}


def best_of(fn: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run(draws: int, loop_n: int, repeats: int, sobol_n: int) -> dict[str, Any]:
    s = of.Scenario.default()
    dists = uncertainty_of(s)
    X = {k: v for k, v in sample(dists, draws, seed=0).items() if v.dtype.kind == "f"}  # the numeric draws (choices are drawn too)
    d = of.size(s, s.design.racks)
    fixed = dict(array_area_m2=d.array_area_m2, radiator_area_m2=d.radiator_area_m2, racks=float(d.racks))
    outs = ["cost_ratio", "cost_per_flop_usd", "ground_cost_per_flop_usd", "breakeven_launch_usd_per_kg", "mass_total_kg", "pv_flop"]
    res: dict[str, Any] = {"machine": machine(), "draws": draws, "uncertain_parameters": len(dists)}

    res["mc_sized_s"] = best_of(lambda: cmp.monte_carlo(s, draws=draws, seed=0), repeats)
    res["rust_fixed_s"] = best_of(lambda: of.evaluate_batch(s, outputs=outs, **fixed, **X), repeats)
    from orbitflops.reference import evaluate_numpy

    res["numpy_fixed_s"] = best_of(lambda: evaluate_numpy(s, outputs=outs, **fixed, **X), max(1, repeats // 2))
    # Same numbers from both (a benchmark of two different computations would measure nothing).
    a = of.evaluate_batch(s, outputs=["cost_ratio"], **fixed, **{k: v[:1000] for k, v in X.items()})["cost_ratio"]
    b = evaluate_numpy(s, outputs=["cost_ratio"], **fixed, **{k: v[:1000] for k, v in X.items()})["cost_ratio"]
    res["rust_numpy_max_rel_diff"] = float(np.max(np.abs(a - b) / np.abs(b)))

    m = min(loop_n, draws)

    def loop() -> None:
        for i in range(m):
            si = s.replace(**{k: float(v[i]) for k, v in X.items()})
            di = of.size(si, d.racks)
            of.evaluate(di, si).cost_ratio

    t_loop = best_of(loop, 1)
    res["loop_draws"] = m
    res["loop_per_draw_us"] = t_loop / m * 1e6
    res["loop_extrapolated_s"] = t_loop / m * draws
    res["loop_extrapolated"] = m < draws
    res["mc_sized_draws_per_s"] = draws / res["mc_sized_s"]
    res["sized_over_loop"] = res["loop_extrapolated_s"] / res["mc_sized_s"]
    res["rust_fixed_over_numpy"] = res["numpy_fixed_s"] / res["rust_fixed_s"]

    t0 = time.perf_counter()
    cmp.compare(s, draws=draws, sobol_n=sobol_n)
    res["compare_total_s"] = time.perf_counter() - t0
    res["sobol_n_base"] = sobol_n
    res["sobol_s"] = best_of(lambda: cmp.sobol_indices(s, n_base=sobol_n), 1)
    res["thresholds_s"] = best_of(lambda: cmp.thresholds(s), 1)
    res["tornado_s"] = best_of(lambda: cmp.tornado(s), 1)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=float, default=1e5)
    ap.add_argument("--loop", type=int, default=2000, help="draws run through the per-draw Python loop (rest extrapolated)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--sobol-n", type=int, default=1024)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    if a.quick:
        res = run(500, 50, 1, 64)
    else:
        res = run(int(a.draws), a.loop, a.repeats, a.sobol_n)
    mc = res["machine"]
    print(f"machine: {mc.get('cpu', '?')}, {mc['cpus']} CPUs, {mc['threads']} threads; Python {mc['python']}, NumPy {mc['numpy']}")
    print(f"Monte Carlo, {res['draws']:,} draws of {res['uncertain_parameters']} assumptions, designs sized per draw: {res['mc_sized_s']:.3f} s ({res['mc_sized_draws_per_s']:.3g} draws/s)")
    print(f"  per-draw Python loop (replace + size + evaluate): {res['loop_per_draw_us']:.1f} us/draw, {res['loop_extrapolated_s']:.2f} s for all draws" + (f" (extrapolated from {res['loop_draws']:,})" if res["loop_extrapolated"] else "") + f": {res['sized_over_loop']:.0f}x slower")
    print(f"  fixed design, Rust batch {res['rust_fixed_s']:.3f} s vs NumPy {res['numpy_fixed_s']:.3f} s: {res['rust_fixed_over_numpy']:.1f}x (max rel. difference {res['rust_numpy_max_rel_diff']:.1e})")
    print(f"compare() in full: {res['compare_total_s']:.2f} s (Sobol {res['sobol_n_base']} base samples {res['sobol_s']:.2f} s, thresholds {res['thresholds_s']:.2f} s, tornado {res['tornado_s']:.3f} s)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
