"""The benchmark scripts still run end to end (at a tiny size; nothing here is timed or compared
against a speed), and their baselines compute the same numbers as what they are compared with.

The scripts live in the source checkout's benches/: the repository holding this tests/ folder,
or the one ORBITFLOPS_REPO names (when the tests run against an installed package from a copy of
tests/); without them these tests skip."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import orbitflops as of

BENCHES = Path(os.environ.get("ORBITFLOPS_REPO", Path(__file__).resolve().parent.parent)) / "benches"
BENCH = BENCHES / "bench_batch.py"
BENCH_COMPARE = BENCHES / "bench_compare.py"
pytestmark = pytest.mark.skipif(not BENCH.exists(), reason=f"no {BENCH}: run from a source checkout or set ORBITFLOPS_REPO to one")


@pytest.fixture(scope="module")
def bench_batch():
    sys.path.insert(0, str(BENCHES))
    try:
        import bench_batch
    finally:
        sys.path.pop(0)
    return bench_batch


@pytest.mark.slow
def test_bench_batch_quick_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--quick", "--sizes", "300", "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    res = json.loads(out.read_text())
    (case,) = res["cases"]
    assert case["designs"] == 300
    for key in ("rust_1t_per_s", "rust_2t_per_s", "numpy_per_s", "loop_per_s", "speedup_1_to_2_threads", "rust_2t_over_numpy", "rust_2t_over_loop"):
        assert math.isfinite(case[key]) and case[key] > 0, key
    # The per-design loop ran on fewer designs than the case and says so; it computed the batch
    # path's numbers.
    assert res["loop_designs"] == 20 and case["loop_extrapolated"] is True
    assert res["loop_max_rel_diff"] < 1e-9
    mem = case["memory_rust_2t"]
    assert mem["outputs_mb"] == pytest.approx(len(res["outputs"]) * 300 * 8 / 1e6)
    assert res["single_call"]["evaluate_us"] > 0 and res["copy_bandwidth_gb_s"] > 0
    assert res["bytes_per_design"] == 8 * (4 + len(res["outputs"]))
    assert "designs/s" in proc.stdout


def test_python_loop_baseline_is_an_independent_implementation(bench_batch, monkeypatch):
    """The per-design loop computes the batch path's numbers without calling the Rust model."""
    s = of.Scenario.default()
    x = bench_batch.make_inputs(6)
    names = list(of.DEFAULT_BATCH_OUTPUTS)
    batch = of.evaluate_batch(s, outputs=names, **x)

    def refused(*a, **k):
        raise AssertionError("the baseline called the Rust model")

    from orbitflops import _core

    for mod, name in ((of, "evaluate"), (of, "evaluate_batch"), (_core, "evaluate"), (_core, "evaluate_batch"), (_core, "size")):
        monkeypatch.setattr(mod, name, refused)
    loop = bench_batch.python_loop(s, x, names)
    for k in names:
        np.testing.assert_allclose(loop[k], batch[k], rtol=1e-9, err_msg=k)


@pytest.mark.skipif(not BENCH_COMPARE.exists(), reason="no benches/bench_compare.py")
def test_bench_compare_quick_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(BENCH_COMPARE), "--quick", "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    res = json.loads(out.read_text())
    assert res["draws"] == 500
    for key in ("mc_sized_s", "rust_fixed_s", "numpy_fixed_s", "loop_per_draw_us", "compare_total_s", "sobol_s"):
        assert math.isfinite(res[key]) and res[key] > 0, key
    # The two implementations it compares compute the same thing.
    assert res["rust_numpy_max_rel_diff"] < 1e-9
