"""How long ``import orbitflops`` and ``orbitflops --help`` take, beside ``import numpy``.

Each command runs in a fresh interpreter (a new process each time: nothing is cached in memory
between runs beyond what the OS caches), interleaved so that all of them see the same machine
load, ``--repeats`` times after one warm-up run each. Reported per command: median, minimum,
maximum and interquartile range of the wall time; and the median over repeats of the paired
difference ``import orbitflops`` - ``import numpy`` (the cost orbitflops adds). The targets are
at most 0.25 s added by ``import orbitflops`` and under 0.5 s for ``orbitflops --help``.

    python benches/bench_import.py                    # 15 repeats
    python benches/bench_import.py --repeats 30 --json import.json
    python benches/bench_import.py --importtime       # also the slowest imports (python -X importtime)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from _machine import cpu_name  # noqa: E402


def commands(python: str) -> dict[str, list[str]]:
    script = Path(python).parent / "orbitflops"
    cli = [str(script), "--help"] if script.exists() else [python, "-c", "import sys; from orbitflops.cli import main; sys.argv[0] = 'orbitflops'; main()", "--help"]
    return {
        "python -c pass": [python, "-c", "pass"],
        "import numpy": [python, "-c", "import numpy"],
        "import orbitflops": [python, "-c", "import orbitflops"],
        "orbitflops --help": cli,
    }


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[-2000:]}")
    return dt


def summary(xs: list[float]) -> dict[str, float]:
    q = statistics.quantiles(xs, n=4) if len(xs) >= 2 else [xs[0]] * 3
    return {"median_s": statistics.median(xs), "min_s": min(xs), "max_s": max(xs), "iqr_s": q[2] - q[0], "n": len(xs)}


def machine(python: str) -> dict[str, str]:
    cpu = cpu_name()
    info = subprocess.run(
        [python, "-c", "import sys, numpy, orbitflops; print(sys.version.split()[0]); print(numpy.__version__); print(orbitflops.__version__); print(orbitflops.__file__)"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "load_average_1_5_15": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "os": platform.platform(),
        "python": info[0],
        "numpy": info[1],
        "orbitflops": info[2],
        "orbitflops_from": str(Path(info[3]).parent),
    }


def importtime(python: str, top: int = 12) -> list[tuple[str, float]]:
    """The ``top`` imports with the largest cumulative time in one ``import orbitflops``."""
    err = subprocess.run([python, "-X", "importtime", "-c", "import orbitflops"], capture_output=True, text=True, check=True).stderr
    rows = []
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((m.group(4), int(m.group(2)) / 1e6, len(m.group(3))))
    rows.sort(key=lambda r: -r[1])
    return [(name, s) for name, s, _ in rows[:top]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--python", default=sys.executable, help="interpreter whose environment holds orbitflops")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--importtime", action="store_true", help="also list the slowest imports of import orbitflops")
    args = ap.parse_args()

    env = dict(os.environ)
    cmds = commands(args.python)
    for cmd in cmds.values():  # warm the OS file cache
        run_once(cmd, env)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    names = list(cmds)
    for i in range(args.repeats):
        order = names[i % len(names):] + names[: i % len(names)]  # rotate who goes first
        for k in order:
            times[k].append(run_once(cmds[k], env))
    added = [o - n for o, n in zip(times["import orbitflops"], times["import numpy"])]
    res = {
        "machine": machine(args.python),
        "repeats": args.repeats,
        "commands": {k: {"argv": " ".join(Path(c).name if j == 0 else c for j, c in enumerate(cmds[k])), **summary(v)} for k, v in times.items()},
        "import_orbitflops_minus_numpy": summary(added),
        "targets": {"import_orbitflops_minus_numpy_max_s": 0.25, "orbitflops_help_max_s": 0.5},
    }
    m = res["machine"]
    print(f"{m['cpu']}, {m['cores']} cores, load {m['load_average_1_5_15']}; Python {m['python']}, numpy {m['numpy']}, orbitflops {m['orbitflops']} from {m['orbitflops_from']}")
    print(f"{args.repeats} fresh processes each, interleaved; wall time in seconds")
    print(f"{'command':<34}{'median':>8}{'min':>8}{'max':>8}{'IQR':>8}")
    for k, s in res["commands"].items():
        print(f"{k:<34}{s['median_s']:8.3f}{s['min_s']:8.3f}{s['max_s']:8.3f}{s['iqr_s']:8.3f}")
    s = res["import_orbitflops_minus_numpy"]
    print(f"{'import orbitflops - import numpy':<34}{s['median_s']:8.3f}{s['min_s']:8.3f}{s['max_s']:8.3f}{s['iqr_s']:8.3f}   (paired per repeat; target <= 0.25)")
    print(f"orbitflops --help median {res['commands']['orbitflops --help']['median_s']:.3f} s (target < 0.5)")
    if args.importtime:
        res["importtime_cumulative_s"] = importtime(args.python)
        print("slowest imports of `import orbitflops` (cumulative, one run of python -X importtime):")
        for name, secs in res["importtime_cumulative_s"]:
            print(f"  {secs:7.3f} s  {name}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
