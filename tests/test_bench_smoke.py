"""The benchmark script still runs end to end (at a tiny size; nothing here is timed or compared
against a speed)."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benches" / "bench_batch.py"


@pytest.mark.skipif(not BENCH.exists(), reason="benches/ is not part of an installed package")
def test_bench_batch_quick_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--quick", "--sizes", "300", "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    res = json.loads(out.read_text())
    (case,) = res["cases"]
    assert case["designs"] == 300
    for key in ("rust_1t_per_s", "rust_2t_per_s", "loop_per_s", "speedup_1_to_2_threads", "rust_2t_over_loop"):
        assert math.isfinite(case[key]) and case[key] > 0, key
    assert case["loop_extrapolated"] is False
    mem = case["memory_rust_2t"]
    assert mem["outputs_mb"] == pytest.approx(len(res["outputs"]) * 300 * 8 / 1e6)
    assert res["single_call"]["evaluate_us"] > 0 and res["copy_bandwidth_gb_s"] > 0
    assert res["bytes_per_design"] == 8 * (4 + len(res["outputs"]))
    assert "designs/s" in proc.stdout


def test_python_loop_matches_batch():
    """The Python-loop baseline computes the same numbers as the batch path it is compared with."""
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench_batch
    finally:
        sys.path.pop(0)
    import numpy as np

    import orbitflops as of

    s = of.Scenario.default()
    x = bench_batch.make_inputs(50)
    names = list(of.DEFAULT_BATCH_OUTPUTS)
    loop = bench_batch.python_loop(s, x, names)
    batch = of.evaluate_batch(s, outputs=names, **x)
    for k in names:
        np.testing.assert_array_equal(loop[k], batch[k])


BENCH_COMPARE = BENCH.parent / "bench_compare.py"


@pytest.mark.skipif(not BENCH_COMPARE.exists(), reason="benches/ is not part of an installed package")
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
