"""Optimiser benchmark: how fast each sampler and parameterisation gets to the exact optimum.

For each scenario (the built-in one, or the scenario files given as arguments), measured in this
run:

1. The certificate (``orbitflops.optimize.reference``): its cost per FLOP, design, wall time and
   evaluations.
2. For each sampler (TPE, NSGA-II, GP where PyTorch is installed, random) and each
   parameterisation (``hybrid`` with its polish, ``hybrid`` without it, ``plain``: the
   scenario's search space plus array and radiator areas as variables, without the radiator
   temperature), over ``--seeds`` seeds, ``--trials`` trials each (no early stop): the gap to
   the certificate of that search space after each checkpoint number of trials (median, min,
   max), the wall time from the start of the run to the first trial within 0.1 % of it (median
   over the seeds that get there, and how many do), trials per second over the whole run, and
   the lowest gap of any run (negative: a design below the certificate).
3. Pareto fronts (hybrid, TPE and NSGA-II): the hypervolume ratio to the certificate's exact
   front after ``--trials`` trials, for cost per FLOP against delivered FLOP/s and against
   launch mass.
4. The robust optimum (P90 of cost per FLOP over 256 draws) beside the nominal one.

Run: .venv/bin/python benches/bench_optimize.py [scenario.toml ...] [--trials 300] [--seeds 3]
     [--json bench_optimize.json] [--quick]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import time
import warnings
from pathlib import Path

import numpy as np
import optuna

import orbitflops as of
from orbitflops.optimize import optimize, reference
from orbitflops.optimize.study import _is_feasible
from _machine import cpu_name  # noqa: E402

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)

PLAIN_AREAS = [
    {"name": "array_area_m2", "low": 100.0, "high": 100_000.0, "log": True},
    {"name": "radiator_area_m2", "low": 10.0, "high": 20_000.0, "log": True},
]
"""The area variables of the plain parameterisation (the bounds main's default table had)."""


def plain_variant(s: of.Scenario) -> of.Scenario:
    """The scenario's search space with areas as variables instead of the radiator temperature."""
    search = [v for v in s.search if v["name"] not in ("array_area_m2", "radiator_area_m2", "radiator_temp_k", "battery_energy_j")]
    return s.with_search(search + PLAIN_AREAS)


def has_torch() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def trajectory(res, ref_cost: float, start: float) -> tuple[list[float], float | None]:
    """Best feasible gap after each trial, and seconds from ``start`` to the first trial within
    0.1 % of the certificate."""
    best, gaps, t_hit = math.inf, [], None
    for t in res.study.trials:
        if _is_feasible(t):
            best = min(best, t.values[0])
        g = best / ref_cost - 1.0 if math.isfinite(best) else math.inf
        gaps.append(g)
        if t_hit is None and g <= 1e-3 and t.datetime_complete is not None:
            t_hit = t.datetime_complete.timestamp() - start
    return gaps, t_hit


def pct(x: float) -> str:
    """A gap in per cent: three decimals, or two significant digits when below 0.001 % either way
    (a design below the certificate shows as a negative gap)."""
    if not math.isfinite(x):
        return "  no feas."
    return f"{100 * x:9.3f}%" if x == 0 or abs(x) >= 1e-5 else f"{100 * x:9.1e}%"


def single(s: of.Scenario, label: str, a, samplers: list[str]) -> dict:
    out: dict = {"scenario": label, "runs": {}}
    plain = plain_variant(s)
    refs = {}
    for key, sc, par in (("hybrid", s, "hybrid"), ("plain", plain, "plain")):
        t, c = time.perf_counter(), time.process_time()
        r = reference(sc, par)
        refs[key] = r
        out[f"certificate_{key}"] = {"cost_per_flop_usd": r.cost_per_flop_usd, "seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c,
                                     "evaluations": r.evaluations, "designs": r.designs, "params": r.params, "methods": r.methods,
                                     "load_average": os.getloadavg()[0]}
    r = refs["hybrid"]
    cert = out["certificate_hybrid"]
    print(f"\n== {label}\ncertificate: {r.cost_per_flop_usd:.6e} USD/FLOP, {r.design.racks:g} racks + {r.design.spare_racks:g} spares, "
          f"{cert['seconds']:.2f} s wall, {cert['cpu_seconds']:.2f} s CPU (load average {cert['load_average']:.1f}), {r.evaluations} points "
          f"({r.designs} designs); " + ", ".join(f"{k}={v}" for k, v in r.params.items() if isinstance(v, str))
          + f"; altitude {r.params.get('altitude_m', float('nan')) / 1e3:.1f} km, LTAN {r.params.get('ltan_h', float('nan')):.3f} h, "
          f"radiator {r.params.get('radiator_temp_k', float('nan')):.2f} K")
    print("  per variable: " + "; ".join(f"{k} {v['method']}" for k, v in r.methods.items()))
    print(f"plain space's certificate: {refs['plain'].cost_per_flop_usd:.6e} USD/FLOP ({out['certificate_plain']['seconds']:.2f} s)")
    checks = [c for c in a.checkpoints if c <= a.trials]
    print(f"\ngap to the certificate after N trials over {a.seeds} seeds: median [min, max]; time to 0.1 %: median s (seeds that got there)")
    print(f"{'sampler':8s} {'parameterisation':18s} " + " ".join(f"{'N=' + str(c):>30s}" for c in checks) + f" {'t(0.1%)':>14s} {'trials/s':>9s} {'lowest':>10s}")
    for par, polish in (("hybrid", True), ("hybrid", False), ("plain", False)):
        name = par + ("" if par == "plain" else (" + polish" if polish else " no polish"))
        sc = s if par == "hybrid" else plain
        ref_cost = refs[par].cost_per_flop_usd
        for smp in samplers:
            runs = []
            for seed in range(a.seeds):
                start = time.time()
                t = time.perf_counter()
                res = optimize(sc, a.trials, sampler=smp, seed=seed, parameterisation=par, polish=polish, gap_tol=None, with_reference=False)
                wall = time.perf_counter() - t
                gaps, hit = trajectory(res, ref_cost, start)
                runs.append({"seed": seed, "gaps": gaps, "seconds_to_0.1pct": hit, "seconds": wall, "trials_per_s": len(gaps) / wall,
                             "min_gap": min(gaps)})
            out["runs"][f"{smp}/{name}"] = runs
            cells = []
            for c in checks:
                g = [r["gaps"][c - 1] for r in runs]
                cells.append(f"{pct(statistics.median(g))} [{pct(min(g)).strip()}, {pct(max(g)).strip()}]")
            hits = [r["seconds_to_0.1pct"] for r in runs if r["seconds_to_0.1pct"] is not None]
            th = f"{statistics.median(hits):.2f} ({len(hits)}/{len(runs)})" if hits else f"never (0/{len(runs)})"
            tps = statistics.median(r["trials_per_s"] for r in runs)
            print(f"{smp:8s} {name:18s} " + " ".join(f"{c:>30s}" for c in cells) + f" {th:>14s} {tps:9.0f} {pct(min(r['min_gap'] for r in runs)):>10s}")
    return out


def fronts(s: of.Scenario, label: str, a) -> dict:
    out = {}
    print(f"\nPareto fronts after {a.trials} trials (hybrid), hypervolume ratio to the certificate's exact front over {a.seeds} seeds: median [min, max]")
    t = time.perf_counter()
    reference(s, front=True)
    print(f"  (the exact front took {time.perf_counter() - t:.2f} s)")
    for objs in (("cost_per_flop", "delivered_flops"), ("cost_per_flop", "mass")):
        for smp in ("tpe", "nsga2"):
            ratios, secs = [], []
            for seed in range(a.seeds):
                t = time.perf_counter()
                res = optimize(s, a.trials, sampler=smp, seed=seed, objectives=objs, gap_tol=None)
                secs.append(time.perf_counter() - t)
                ratios.append(res.hypervolume_ratio)
            out[f"{smp}/{'+'.join(objs)}"] = {"ratios": ratios, "seconds": secs}
            print(f"  {smp:6s} {' vs '.join(objs):32s} {statistics.median(ratios):.4f} [{min(ratios):.4f}, {max(ratios):.4f}]  "
                  f"{statistics.median(secs):.1f} s/run")
    return out


def robust(s: of.Scenario, a) -> dict:
    t = time.perf_counter()
    res = optimize(s, a.trials, seed=0, robust="p90", draws=256, gap_tol=None)
    r = res.robust
    dt = time.perf_counter() - t
    print(f"\nrobust optimum (P90 of cost per FLOP, 256 draws, {a.trials} trials, {dt:.1f} s): {r.value:.4e} USD/FLOP; the nominal optimum's P90 "
          f"on the same draws {r.nominal_value:.4e} ({100 * r.improvement:.2f} % lower by designing for it); nominal costs "
          f"{r.robust_nominal_cost_per_flop_usd:.4e} (robust) and {r.nominal_cost_per_flop_usd:.4e} (nominal)")
    return {"p90": r.value, "nominal_p90": r.nominal_value, "improvement": r.improvement, "seconds": dt, "params": res.best.params}


def machine() -> str:
    cpu = cpu_name()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return (f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, NumPy {np.__version__}, Optuna {optuna.__version__}, "
            f"load average {load[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", type=Path, help="scenario files (default: the built-in scenario)")
    ap.add_argument("--trials", type=int, default=300)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--checkpoints", type=lambda v: [int(x) for x in v.split(",")], default=[25, 50, 100, 200, 300])
    ap.add_argument("--samplers", default="tpe,nsga2,gp,random")
    ap.add_argument("--no-fronts", action="store_true", help="skip the Pareto fronts")
    ap.add_argument("--json", type=Path, help="write every figure here")
    ap.add_argument("--quick", action="store_true", help="a tiny run (32 trials, 1 seed, TPE and random) to check the script works")
    a = ap.parse_args()
    if a.quick:
        a.trials, a.seeds, a.samplers, a.checkpoints = 32, 1, "tpe,random", [16, 32]
    samplers = [x.strip() for x in a.samplers.split(",") if x.strip()]
    if "gp" in samplers and not has_torch():
        print("GP sampler skipped: PyTorch is not installed (pip install torch to include it)")
        samplers.remove("gp")
    print(f"machine: {machine()}")
    results = {"machine": machine(), "trials": a.trials, "seeds": a.seeds, "scenarios": []}
    scenarios = [(str(p), of.Scenario.from_toml(p)) for p in a.scenarios] or [("built-in default scenario", of.Scenario.default())]
    for label, s in scenarios:
        rec = single(s, label, a, samplers)
        if not a.no_fronts:
            rec["fronts"] = fronts(s, label, a)
        rec["robust"] = robust(s, a)
        results["scenarios"].append(rec)
    if a.json:
        a.json.write_text(json.dumps(results, indent=1, default=float))


if __name__ == "__main__":
    main()
