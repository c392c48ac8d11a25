"""Score of a finished cargo-mutants run (scripts/mutants): caught, missed, timed-out and unviable
mutants, and the mutants that survived.

    python3 scripts/mutants_summary.py results/mutants/rust [EARLIER_RUN_DIR ...]

An --iterate run tests only what the earlier runs did not catch: the mutants they caught (or could
not build) are listed in its previously_caught.txt, and their outcome is read from the previous
run's output (mutants.out.old) or from the earlier run directories given (a copy of each run's
output), where it is still there. The score counts a timed-out mutant as
detected (a mutant that hangs the suite fails CI) and divides by the viable mutants (those that
build).
"""

from __future__ import annotations

import json
import pathlib
import sys


def outcomes(d: pathlib.Path) -> dict[str, str]:
    f = d / "outcomes.json"
    if not f.exists():
        return {}
    return {o["scenario"]["Mutant"]["name"]: o["summary"] for o in json.loads(f.read_text())["outcomes"] if isinstance(o["scenario"], dict)}


def main(run_dir: str, *earlier_dirs: str) -> int:
    out = pathlib.Path(run_dir) / "mutants.out"
    if not (out / "outcomes.json").exists():
        print(f"no finished run in {out}", file=sys.stderr)
        return 1
    result = outcomes(out)
    earlier: dict[str, str] = {}
    for d in [*(pathlib.Path(e) / "mutants.out" for e in earlier_dirs), out.parent / "mutants.out.old"]:
        earlier.update(outcomes(d))
    prev = out / "previously_caught.txt"
    for name in prev.read_text().splitlines() if prev.exists() else []:
        if name and name not in result:
            result[name] = earlier.get(name, "CaughtEarlier")
    n = {s: sum(v == s for v in result.values()) for s in ("CaughtMutant", "CaughtEarlier", "MissedMutant", "Timeout", "Unviable")}
    caught = n["CaughtMutant"] + n["CaughtEarlier"]
    viable = caught + n["MissedMutant"] + n["Timeout"]
    note = f" ({n['CaughtEarlier']} of them caught or unviable in an earlier run)" if n["CaughtEarlier"] else ""
    print(f"mutants {len(result)}: caught {caught}, timed out {n['Timeout']}, missed {n['MissedMutant']}, unviable {n['Unviable']}{note}")
    if viable:
        detected = caught + n["Timeout"]
        print(f"score: {detected} of {viable} viable mutants detected ({100 * detected / viable:.1f} %); caught by a failing test: {caught} ({100 * caught / viable:.1f} %)")
    for name, v in sorted(result.items()):
        if v == "MissedMutant":
            print("  missed:", name)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
