"""Every output of a few scenarios and designs, computed by the NumPy reference implementation
(orbitflops.reference), written as TOML for the Rust core's own tests.

The Rust test rust/core/tests/reference_outputs.rs evaluates the same scenarios and designs with
the core and compares every output to 1e-9 relative: an oracle written independently of the core,
available to `cargo test` (and so to mutation testing, which runs no Python). The Python test
tests/test_reference_fixture.py regenerates these values and compares them with the committed
file, so that a change to the model cannot leave the file stale.

Regenerate after a change to the model (and to orbitflops/reference.py):

    python tests/reference_fixture.py

The scenarios cover every branch of the analytic tier: battery and throttled eclipses, the three
pointings and shadow models, sun-synchronous and inclined orbits, edge-on and nadir radiators
with one and two faces, bottom-up and specific spacecraft, failures with and without the
Arrhenius acceleration, spares that run out and spares that outlast the mission, discounting at
zero, an orbit without eclipses, a launcher that cannot reach the orbit, and nothing delivered at
no cost (every cost per unit +inf, not 0/0). Each gets one to three designs chosen to land in
different regimes (feasible, array-limited, radiator-limited, a given battery, no spares with
failures that do not depend on temperature).
"""

from __future__ import annotations

import math
import os
import pathlib
import sys

# The source checkout: this tests/ folder's repository, or the one ORBITFLOPS_REPO names.
REPO = pathlib.Path(os.environ.get("ORBITFLOPS_REPO", pathlib.Path(__file__).resolve().parent.parent))
FIXTURE = REPO / "rust" / "core" / "tests" / "data" / "reference_outputs.toml"

# Significant digits written: the Rust test compares to 1e-9 relative, the NumPy reference agrees
# with the core to about 1e-12, and 13 digits keep the file small.
DIGITS = 13

# name -> (scenario TOML read over the defaults, designs: (array m^2, radiator m^2, racks, spares,
# battery J or None for a battery sized at the allowed depth of discharge)).
CASES: dict[str, tuple[str, list[tuple[float, float, int, int, float | None]]]] = {
    "default": (
        "",
        [(9000.0, 2500.0, 6, 1, None), (9000.0, 700.0, 6, 0, None)],
    ),
    "throttle_gaas_one_axis_umbra": (
        '[orbit]\nshadow = "umbra"\nltan_h = 6.0\n[mission]\nstart_year = 2031\n'
        '[solar]\ncell = "gaas_tj"\npointing = "one_axis"\n[power]\nstrategy = "throttle"\n',
        [(20000.0, 600.0, 10, 2, None), (20000.0, 3000.0, 10, 2, 2.0e9)],
    ),
    "inclined_throttle_nadir_cylindrical_two_axis": (
        '[orbit]\nkind = "inclined"\nshadow = "cylindrical"\ninclination_rad = 0.9\n'
        '[solar]\npointing = "two_axis"\n[power]\nstrategy = "throttle"\n[thermal]\norientation = "nadir"\n'
        "[mass]\natmosphere_density_factor = 2.0\n",
        [(6000.0, 3000.0, 6, 1, None), (1500.0, 400.0, 6, 0, 5.0e8)],
    ),
    "noon_orbit_one_face_nadir": (
        '[orbit]\nltan_h = 10.5\n[thermal]\norientation = "nadir"\nradiator_sides = 1\ncoolant_loop_cost_usd_per_w = 2.5\n'
        '[compute]\nrack = "hgx_h100"\n[launch]\nlauncher = "starship"\n[mission]\ndiscount_rate = 0.0\n',
        [(8000.0, 4000.0, 12, 3, None), (8000.0, 4000.0, 12, 3, 0.0)],
    ),
    "specific_spacecraft_falcon9": (
        '[mass]\nspacecraft = "specific"\n[launch]\nlauncher = "falcon9"\nmax_launches = 3\n[mission]\nlifetime_yr = 6.5\n'
        "[cost]\nops_fraction_per_yr = 0.02\nnre_usd = 1e8\n",
        [(9000.0, 2500.0, 8, 1, None), (2000.0, 800.0, 20, 1, None)],
    ),
    "no_arrhenius_long_life_spares": (
        "[compute]\nfailure_activation_energy_ev = 0.0\n[mission]\nlifetime_yr = 12.0\n"
        "[ground]\nground_facility_life_yr = 3.0\nground_it_refresh_yr = 5.0\n[solar]\npointing = \"two_axis\"\n",
        [(9000.0, 2500.0, 5, 30, None), (9000.0, 2500.0, 5, 2, None), (9000.0, 2500.0, 5, 0, None)],
    ),
    "no_failures_high_orbit": (
        "[orbit]\naltitude_m = 3000000.0\n[compute]\nfailure_rate_per_yr = 0.0\nradiation_failure_rate_per_yr = 0.0\nfailure_activation_energy_ev = 0.0\n",
        [(9000.0, 2500.0, 5, 1, None), (9000.0, 2500.0, 5, 0, 1.0e9)],
    ),
    "unreachable_orbit": (
        '[orbit]\naltitude_m = 4000000.0\nkind = "inclined"\ninclination_rad = 1.2\n[launch]\nlauncher = "falcon9"\nlauncher_stage_dry_kg = 20000.0\nlaunch_co2_kg_per_kg = 0.0\n',
        [(9000.0, 2500.0, 4, 1, None), (700.0, 2500.0, 4, 0, None)],
    ),
    "nothing_delivered_at_no_cost": (
        '[orbit]\naltitude_m = 4000000.0\nkind = "inclined"\ninclination_rad = 1.2\n[launch]\nlauncher = "falcon9"\n'
        "launcher_stage_dry_kg = 20000.0\nlaunch_price_usd_per_kg = 0.0\n"
        "[solar]\narray_cost_usd_per_w = 0.0\n[power]\nbattery_cost_usd_per_kwh = 0.0\n"
        "[thermal]\nradiator_cost_usd_per_m2 = 0.0\ncoolant_loop_cost_usd_per_w = 0.0\n[compute]\nrack_cost_usd = 0.0\n"
        "[cost]\nbus_cost_usd_per_kg = 0.0\nstructure_cost_usd_per_kg = 0.0\nops_usd_per_yr = 0.0\nops_usd_per_rack_yr = 0.0\n"
        "ops_fraction_per_yr = 0.0\nnre_usd = 0.0\n",
        [(9000.0, 2500.0, 4, 1, None)],
    ),
}


def fmt(v: float) -> str:
    """A float as TOML, to DIGITS significant digits."""
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if math.isnan(v):
        raise ValueError("the reference gave NaN")
    s = f"{v:.{DIGITS}g}"
    return s if any(c in s for c in ".en") else s + ".0"


def generate() -> dict:
    """{'outputs': names, 'cases': [{'name', 'scenario', 'design', 'battery_energy_j'?, 'values'}]}
    from orbitflops.reference."""
    import numpy as np

    import orbitflops as of
    from orbitflops.reference import evaluate_numpy

    names = list(of.OUTPUT_NAMES)
    cases = []
    for name, (toml, designs) in CASES.items():
        scenario = of.Scenario.from_toml_str(toml)
        for k, (area, rad, racks, spares, battery) in enumerate(designs):
            kw = dict(array_area_m2=np.array([area]), radiator_area_m2=np.array([rad]), racks=np.array([float(racks)]), spare_racks=np.array([float(spares)]))
            if battery is not None:
                kw["battery_energy_j"] = np.array([battery])
            out = evaluate_numpy(scenario, outputs=names, **kw)
            case = {"name": f"{name}/{k}", "scenario": toml, "design": [area, rad, racks, spares], "values": [float(np.asarray(out[n])[0]) for n in names]}
            if battery is not None:
                case["battery_energy_j"] = battery
            cases.append(case)
    return {"outputs": names, "cases": cases}


def to_toml(data: dict) -> str:
    lines = [
        "# Every output of the analytic tier for a few scenarios and designs, from the NumPy reference",
        "# implementation (orbitflops.reference), not from the Rust core. Generated by",
        "# `python tests/reference_fixture.py`; tests/test_reference_fixture.py checks that it is current.",
        "",
        "outputs = [" + ", ".join(f'"{n}"' for n in data["outputs"]) + "]",
    ]
    for c in data["cases"]:
        lines += ["", "[[case]]", f'name = "{c["name"]}"']
        # TOML drops a newline right after the opening ''' of a multi-line literal string.
        lines.append("scenario = '''\n" + c["scenario"] + "'''" if c["scenario"] else "scenario = ''")
        lines.append("design = [" + ", ".join(fmt(float(x)) for x in c["design"]) + "]")
        if "battery_energy_j" in c:
            lines.append(f"battery_energy_j = {fmt(c['battery_energy_j'])}")
        lines.append("values = [" + ", ".join(fmt(v) for v in c["values"]) + "]")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = to_toml(generate())
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    tmp = FIXTURE.with_suffix(".toml.tmp")
    tmp.write_text(text)
    tmp.replace(FIXTURE)
    print(f"wrote {FIXTURE} ({len(text) / 1024:.1f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
