"""Throughput of the analytic tier: the Rust batch path against two Python implementations.

Compares, in one process and on the same inputs:

* ``orbitflops.evaluate_batch`` (Rust, fused kernel, 1 and 2 threads);
* ``orbitflops.reference.evaluate_numpy`` (the same model written independently with NumPy array
  operations, all designs in one call);
* a Python loop over designs calling that NumPy implementation once per design (how a
  per-design calculator written in Python is driven: each call works out the scenario's year of
  orbit conditions again), on at most ``LOOP_MAX`` designs, its rate used for larger sizes and
  marked as extrapolated. Both references must compute the same numbers as the batch path.

The per-call cost of the compiled ``orbitflops.evaluate`` from Python is reported on its own
(it is the Rust model again, not a reference).

Also measured: the cost of one ``orbitflops.evaluate`` call from Python, the memory bandwidth of
a large array copy (the roofline: bytes read and written per design against that bandwidth),
the peak memory of each case (peak resident set size above the inputs, in a fresh subprocess per
case; ``tracemalloc`` peak for the NumPy case), and the peak memory of a chunked sweep.

Usage::

    python benches/bench_batch.py                   # 1e3, 1e5, 1e6, 1e7 designs
    python benches/bench_batch.py --quick           # tiny size, checks that everything runs
    python benches/bench_batch.py --json out.json   # also write every figure as JSON
    python benches/bench_batch.py --sweep 1e8       # peak memory of a chunked 1e8-design sweep
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import time
import timeit
import tracemalloc
from pathlib import Path
from typing import Any, Callable

# NumPy's BLAS threads are not used by either implementation, but once started they spin on the
# shared cores; keep them out of the measurement.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from _machine import cpu_name  # noqa: E402

import orbitflops as of  # noqa: E402

SIZES = (1_000, 100_000, 1_000_000, 10_000_000)
QUICK_SIZES = (200,)
THREADS = (1, 2)
#: Designs the per-design Python loop runs (it takes ~10 ms a design); larger sizes use its rate.
LOOP_MAX = 200
#: Minimum total time spent timing one case (s); repeats are added until it is reached.
#: The NumPy implementation holds per-design arrays over the year's samples (about 5 GB per 1e6
#: designs): above this size it is run in chunks of this many designs (reported as such).
NUMPY_CHUNK = 1_000_000
MIN_TIME_S = 0.5
MAX_REPEATS = 7


def make_inputs(n: int, seed: int = 12345) -> dict[str, np.ndarray]:
    """Designs spread around the default scenario's design: areas x0.3-x1.5, 1-8 racks, 0-2
    spares (every design valid)."""
    rng = np.random.default_rng(seed)
    d = of.Scenario.default().design
    return {
        "array_area_m2": d.array_area_m2 * rng.uniform(0.3, 1.5, n),
        "radiator_area_m2": d.radiator_area_m2 * rng.uniform(0.3, 1.5, n),
        "racks": rng.integers(1, 9, n).astype(np.float64),
        "spare_racks": rng.integers(0, 3, n).astype(np.float64),
    }


def reference_fn() -> Callable[..., dict[str, np.ndarray]] | None:
    """The NumPy implementation of the analytic tier, when installed."""
    try:
        from orbitflops.reference import evaluate_numpy
    except ImportError:
        return None
    return evaluate_numpy


def best_time(fn: Callable[[], Any], min_time_s: float = MIN_TIME_S, max_repeats: int = MAX_REPEATS) -> tuple[float, int]:
    """Smallest wall time of repeated calls (s) and how many calls were made."""
    best = float("inf")
    total = 0.0
    k = 0
    while k < max_repeats and (k < 2 or total < min_time_s):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        total += dt
        k += 1
        if dt > 2 * min_time_s and k >= 1:
            break
    return best, k


def python_loop(scenario: of.Scenario, inputs: dict[str, np.ndarray], names: list[str]) -> dict[str, np.ndarray]:
    """The NumPy reference called once per design, outputs gathered into arrays."""
    from orbitflops.reference import evaluate_numpy

    n = len(inputs["racks"])
    out = {k: np.empty(n) for k in names}
    fields = ("array_area_m2", "radiator_area_m2", "racks", "spare_racks")
    cols = [inputs[k].tolist() for k in fields]
    for i, row in enumerate(zip(*cols)):
        one = evaluate_numpy(scenario, outputs=names, **{k: np.array([v]) for k, v in zip(fields, row)})
        for name in names:
            out[name][i] = one[name][0]
    return out


def copy_bandwidth_gb_s(n_bytes: int = 400_000_000) -> float:
    """Memory bandwidth of a large array copy: (bytes read + bytes written) / time, GB/s."""
    src = np.ones(n_bytes // 8)
    dst = np.empty_like(src)
    np.copyto(dst, src)
    t, _ = best_time(lambda: np.copyto(dst, src), min_time_s=0.3, max_repeats=5)
    return 2 * src.nbytes / t / 1e9


def single_call_us(scenario: of.Scenario, quick: bool = False) -> dict[str, float]:
    """Cost of one ``evaluate`` call from Python (microseconds): the public function (type checks,
    the ``Evaluation`` wrapper) and the compiled call alone."""
    design = scenario.design
    from orbitflops import _core

    res = {}
    for label, stmt in (("evaluate_us", lambda: of.evaluate(design, scenario)), ("core_evaluate_us", lambda: _core.evaluate(design, scenario))):
        t = timeit.Timer(stmt)
        number = 100 if quick else t.autorange()[0]
        res[label] = min(t.repeat(repeat=1 if quick else 5, number=number)) / number * 1e6
    return res


def _status_kb(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def peak_rss_case(impl: str, n: int, threads: int, names: list[str]) -> dict[str, float]:
    """Run one case in this (fresh) process and report peak memory above the inputs (MB)."""
    scenario = of.Scenario.default()
    inputs = make_inputs(n)
    of.set_num_threads(threads)
    fn = _impl(impl, scenario, inputs, names)
    inputs_mb = sum(a.nbytes for a in inputs.values()) / 1e6
    gc.collect()
    reset = True
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets the peak-RSS counter (Linux)
    except OSError:
        reset = False
    rss0 = _status_kb("VmRSS")
    if impl == "numpy":
        tracemalloc.start()
    fn()
    traced = tracemalloc.get_traced_memory()[1] / 1e6 if impl == "numpy" else float("nan")
    hwm = _status_kb("VmHWM")
    outputs_mb = len(names) * n * 8 / 1e6
    return {
        "inputs_mb": inputs_mb,
        "outputs_mb": outputs_mb,
        "peak_rss_above_inputs_mb": (hwm - rss0) / 1e3 if reset else float("nan"),
        "tracemalloc_peak_mb": traced,
    }


def _impl(impl: str, scenario: of.Scenario, inputs: dict[str, np.ndarray], names: list[str]) -> Callable[[], Any]:
    if impl == "rust":
        return lambda: of.evaluate_batch(scenario, outputs=names, **inputs)
    if impl == "numpy":
        ref = reference_fn()
        if ref is None:
            raise RuntimeError("orbitflops.reference is not installed")
        n = len(inputs["racks"])
        if n <= NUMPY_CHUNK:
            return lambda: ref(scenario, outputs=names, **inputs)

        def chunked() -> dict[str, np.ndarray]:
            out = {k: np.empty(n) for k in names}
            for a in range(0, n, NUMPY_CHUNK):
                b = min(n, a + NUMPY_CHUNK)
                part = ref(scenario, outputs=names, **{k: v[a:b] for k, v in inputs.items()})
                for k in names:
                    out[k][a:b] = part[k]
            return out

        return chunked
    if impl == "loop":
        m = min(len(inputs["racks"]), LOOP_MAX)
        return lambda: python_loop(scenario, {k: v[:m] for k, v in inputs.items()}, names)
    raise ValueError(impl)


def measure_memory(impl: str, n: int, threads: int, names: list[str]) -> dict[str, float]:
    """Peak memory of one case, measured in a fresh subprocess."""
    cmd = [sys.executable, __file__, "--_memory-case", impl, str(n), str(threads), ",".join(names)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def sweep_peak(n_total: int, chunk: int, names: list[str]) -> dict[str, float]:
    """Evaluate ``n_total`` designs in chunks of ``chunk`` (inputs generated per chunk, outputs
    reduced to the best design per chunk, as a streaming sweep does); peak RSS of the process."""
    scenario = of.Scenario.default()
    best = float("inf")
    t0 = time.perf_counter()
    for start in range(0, n_total, chunk):
        m = min(chunk, n_total - start)
        out = of.evaluate_batch(scenario, outputs=names, **make_inputs(m, seed=start))
        best = min(best, float(np.nanmin(out[names[0]])))
    dt = time.perf_counter() - t0
    return {"designs": n_total, "chunk": chunk, "seconds": dt, "designs_per_s": n_total / dt, "peak_rss_mb": _status_kb("VmHWM") / 1e3, "best": best}


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"python": platform.python_version(), "numpy": np.__version__, "cpus": os.cpu_count()}
    info["cpu"] = cpu_name()
    return info


def run(sizes: tuple[int, ...], names: list[str], memory: bool, loop_max: int, quick: bool = False) -> dict[str, Any]:
    scenario = of.Scenario.default()
    ref = reference_fn()
    results: dict[str, Any] = {"machine": machine(), "outputs": names, "cases": []}
    if ref is None:
        print("orbitflops.reference is not installed: the NumPy column is skipped", file=sys.stderr)

    results["single_call"] = single_call_us(scenario, quick)
    bw = copy_bandwidth_gb_s(4_000_000 if quick else 400_000_000)
    results["copy_bandwidth_gb_s"] = bw
    # Bytes per design: the four float64 input columns read, the selected float64 outputs written.
    bytes_per_design = 8 * (4 + len(names))
    results["bytes_per_design"] = bytes_per_design
    loop_rate = None

    for n in sizes:
        inputs = make_inputs(n)
        case: dict[str, Any] = {"designs": n}
        for t in THREADS:
            of.set_num_threads(t)
            fn = _impl("rust", scenario, inputs, names)
            fn()
            sec, reps = best_time(fn)
            case[f"rust_{t}t_s"] = sec
            case[f"rust_{t}t_per_s"] = n / sec
            case[f"rust_{t}t_repeats"] = reps
        of.set_num_threads(0)
        if ref is not None:
            fn = _impl("numpy", scenario, inputs, names)
            if n <= 1_000_000:
                fn()  # warm-up (the large sizes are slow enough not to need it)
            sec, reps = best_time(fn)
            case["numpy_s"] = sec
            case["numpy_per_s"] = n / sec
            case["numpy_repeats"] = reps
            case["numpy_chunked"] = n > NUMPY_CHUNK
            if loop_rate is None:
                m = min(n, loop_max)
                part = {k: v[:m] for k, v in inputs.items()}
                got: dict[str, dict[str, np.ndarray]] = {}
                sec, reps = best_time(lambda: got.update(loop=python_loop(scenario, part, names)), max_repeats=3)
                loop_rate = m / sec
                # The same numbers as the batch path (a baseline that computed something else
                # would measure nothing).
                b = of.evaluate_batch(scenario, outputs=names, **part)
                results["loop_max_rel_diff"] = max(float(np.max(np.abs(got["loop"][k] - b[k]) / np.maximum(np.abs(b[k]), 1e-300))) for k in names)
                results["loop_designs"] = m
            case["loop_per_s"] = loop_rate
            case["loop_extrapolated"] = n > results["loop_designs"]
        r2 = case["rust_2t_per_s"]
        case["speedup_1_to_2_threads"] = r2 / case["rust_1t_per_s"]
        if "numpy_per_s" in case:
            case["rust_2t_over_numpy"] = r2 / case["numpy_per_s"]
            case["rust_1t_over_numpy"] = case["rust_1t_per_s"] / case["numpy_per_s"]
        if "loop_per_s" in case:
            case["rust_2t_over_loop"] = r2 / case["loop_per_s"]
        case["rust_2t_gb_s"] = r2 * bytes_per_design / 1e9
        case["rust_2t_fraction_of_copy_bw"] = case["rust_2t_gb_s"] / bw
        if memory:
            case["memory_rust_2t"] = measure_memory("rust", n, 2, names)
            if ref is not None and n <= NUMPY_CHUNK:
                case["memory_numpy"] = measure_memory("numpy", n, 1, names)
        results["cases"].append(case)
        print_case(case)
        del inputs
    return results


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.3g}" if x < 1e3 else f"{x:.3e}"


def print_case(c: dict[str, Any]) -> None:
    n = c["designs"]
    lines = [
        f"n = {n:.0e} designs",
        f"  evaluate_batch 1 thread : {_fmt(c['rust_1t_per_s'])} designs/s",
        f"  evaluate_batch 2 threads: {_fmt(c['rust_2t_per_s'])} designs/s  ({c['speedup_1_to_2_threads']:.2f}x of 1 thread; {c['rust_2t_gb_s']:.2f} GB/s = {100 * c['rust_2t_fraction_of_copy_bw']:.0f}% of copy bandwidth)",
    ]
    if "numpy_per_s" in c:
        tag = f" (in chunks of {NUMPY_CHUNK:.0e})" if c["numpy_chunked"] else ""
        lines.append(f"  NumPy reference        : {_fmt(c['numpy_per_s'])} designs/s{tag}  (evaluate_batch 2 threads = {c['rust_2t_over_numpy']:.2f}x, 1 thread = {c['rust_1t_over_numpy']:.2f}x)")
    if "loop_per_s" in c:
        tag = " (rate measured on fewer designs)" if c["loop_extrapolated"] else ""
        lines.append(f"  Python loop, NumPy reference per design: {_fmt(c['loop_per_s'])} designs/s{tag}  (evaluate_batch 2 threads = {_fmt(c['rust_2t_over_loop'])}x)")
    for key, label in (("memory_rust_2t", "evaluate_batch"), ("memory_numpy", "NumPy reference")):
        if key in c:
            m = c[key]
            extra = f", tracemalloc peak {m['tracemalloc_peak_mb']:.1f} MB" if key == "memory_numpy" else ""
            lines.append(f"  peak memory {label}: {m['peak_rss_above_inputs_mb']:.1f} MB RSS above inputs ({m['inputs_mb']:.1f} MB), outputs {m['outputs_mb']:.1f} MB{extra}")
    print("\n".join(lines), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="one tiny size, few repeats (smoke test; times mean nothing)")
    ap.add_argument("--sizes", type=lambda s: tuple(int(float(x)) for x in s.split(",")), help="comma-separated design counts")
    ap.add_argument("--outputs", default=None, help="comma-separated output names (default: orbitflops.DEFAULT_BATCH_OUTPUTS), or 'all'")
    ap.add_argument("--no-memory", action="store_true", help="skip the per-case peak-memory subprocesses")
    ap.add_argument("--sweep", type=float, default=None, help="also measure the peak memory of a chunked sweep of this many designs")
    ap.add_argument("--chunk", type=float, default=1e6, help="chunk size of --sweep")
    ap.add_argument("--json", type=Path, default=None, help="write every figure to this JSON file")
    ap.add_argument("--_memory-case", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.outputs is None:
        names = list(of.DEFAULT_BATCH_OUTPUTS)
    elif args.outputs == "all":
        names = list(of.OUTPUT_NAMES)
    else:
        names = args.outputs.split(",")

    if args._memory_case:
        impl, n, t, outs = args._memory_case
        print(json.dumps(peak_rss_case(impl, int(n), int(t), outs.split(","))))
        return 0

    global MIN_TIME_S, MAX_REPEATS
    if args.quick:
        MIN_TIME_S, MAX_REPEATS = 0.0, 1
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    m = machine()
    print(f"machine: {m.get('cpu', '?')}, {m['cpus']} CPUs; Python {m['python']}, NumPy {m['numpy']}; outputs: {len(names)}")
    results = run(sizes, names, memory=not args.no_memory, loop_max=20 if args.quick else LOOP_MAX, quick=args.quick)
    sc = results["single_call"]
    print(f"single evaluate from Python: {sc['evaluate_us']:.2f} us (orbitflops.evaluate), {sc['core_evaluate_us']:.2f} us (compiled call alone)")
    if "loop_designs" in results:
        print(f"Python loop timed on {results['loop_designs']} designs; largest relative difference from the batch path {results['loop_max_rel_diff']:.1e}")
    print(f"copy bandwidth: {results['copy_bandwidth_gb_s']:.2f} GB/s (read + write); batch traffic {results['bytes_per_design']} bytes/design")
    if args.sweep:
        cmd = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import json, bench_batch as b; print(json.dumps(b.sweep_peak({int(args.sweep)}, {int(args.chunk)}, {names!r})))"]
        sw = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        results["sweep"] = sw
        print(f"sweep of {sw['designs']:.0e} designs in chunks of {sw['chunk']:.0e}: {sw['seconds']:.1f} s, {_fmt(sw['designs_per_s'])} designs/s, peak RSS {sw['peak_rss_mb']:.0f} MB")
    if args.json:
        from orbitflops._io import atomic_write_text

        atomic_write_text(args.json, json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
