"""Sweeps: grids and quasi-random designs over the search space, streamed to Parquet in chunks,
locally and on a local Dask cluster."""

import itertools
import math

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings, strategies as st
from typer.testing import CliRunner

import orbitflops as of
from orbitflops.cli import app
from orbitflops.sweep import sweep


def small_scenario():
    """The default scenario with a small search box (so a grid is cheap)."""
    toml = of.Scenario.default().to_toml().split("[search]")[0]
    toml += (
        "[search]\n"
        "array_area_m2 = { low = 2000.0, high = 20000.0, log = true }\n"
        "radiator_area_m2 = [100.0, 3000.0]\n"
        "racks = [1, 6]\n"
    )
    return of.Scenario.from_toml_str(toml)


def test_grid_covers_every_combination_once(tmp_path):
    s = small_scenario()
    res = sweep(s, tmp_path / "g.parquet", method="grid", points=4, chunk_size=7)
    t = pq.read_table(res.path).to_pandas()
    # 4 array x 4 radiator x 4 rack counts (rounded, evenly spaced integers from 1 to 6)
    racks = sorted(t["racks"].unique())
    assert len(t) == 4 * 4 * len(racks) == res.n_designs
    assert set(racks) <= set(range(1, 7)) and racks[0] == 1 and racks[-1] == 6
    combos = set(zip(t["array_area_m2"], t["radiator_area_m2"], t["racks"]))
    assert len(combos) == len(t)
    assert t["array_area_m2"].min() == pytest.approx(2000.0) and t["array_area_m2"].max() == pytest.approx(20000.0)
    # log spacing: equal ratios between neighbouring array areas
    a = np.sort(t["array_area_m2"].unique())
    assert np.allclose(a[1:] / a[:-1], (20000.0 / 2000.0) ** (1 / 3))
    # one Parquet row group per chunk, none larger than the chunk
    f = pq.ParquetFile(res.path)
    assert f.num_row_groups == math.ceil(len(t) / 7) == res.n_chunks
    assert max(f.metadata.row_group(i).num_rows for i in range(f.num_row_groups)) <= 7


def test_outputs_agree_with_single_design_evaluation(tmp_path):
    s = small_scenario()
    res = sweep(s, tmp_path / "l.parquet", method="lhs", n=300, seed=3, chunk_size=128)
    t = pq.read_table(res.path).to_pandas()
    assert len(t) == 300 and t["design_index"].tolist() == list(range(300))
    for _, row in t.iloc[::37].iterrows():
        ev = of.evaluate(of.Design(row.array_area_m2, row.radiator_area_m2, row.racks), s)
        assert row.cost_per_flop_usd == pytest.approx(ev.cost_per_flop_usd, rel=1e-12)
        assert row.power_margin_w == pytest.approx(ev.power_margin_w, rel=1e-12, abs=1e-9)
        assert bool(row.feasible == 1.0) == ev.is_feasible
    assert res.n_feasible == int((t["feasible"] == 1.0).sum())


def test_each_lhs_chunk_is_a_latin_hypercube(tmp_path):
    s = small_scenario()
    m = 50
    res = sweep(s, tmp_path / "l.parquet", method="lhs", n=3 * m, seed=11, chunk_size=m)
    t = pq.read_table(res.path).to_pandas()
    for c in range(3):
        part = t.iloc[c * m:(c + 1) * m]
        u_arr = np.log(part["array_area_m2"] / 2000.0) / np.log(10.0)
        u_rad = (part["radiator_area_m2"] - 100.0) / 2900.0
        for u in (u_arr, u_rad):
            assert sorted(np.floor(u.to_numpy() * m).astype(int)) == list(range(m))
        assert part["racks"].between(1, 6).all() and (part["racks"] == np.round(part["racks"])).all()


@pytest.mark.parametrize("method,kw", [("sobol", {"n": 256, "seed": 5}), ("grid", {"points": 5})])
def test_chunking_does_not_change_the_designs(tmp_path, method, kw):
    s = small_scenario()
    a = pq.read_table(sweep(s, tmp_path / "a.parquet", method=method, chunk_size=1000, **kw).path).to_pandas()
    b = pq.read_table(sweep(s, tmp_path / "b.parquet", method=method, chunk_size=17, **kw).path).to_pandas()
    assert a.equals(b)


@settings(max_examples=12)
@given(points=st.integers(1, 9))
@example(points=6)
@example(points=9)
def test_grid_size_property(tmp_path_factory, points):
    s = small_scenario()
    p = tmp_path_factory.mktemp("g") / "g.parquet"
    res = sweep(s, p, method="grid", points=points, chunk_size=64)
    # Rack counts are whole numbers from 1 to 6: more than 6 grid points give the 6 of them.
    n_racks = 6 if points >= 6 else points
    assert res.n_designs == points * points * n_racks == pq.ParquetFile(p).metadata.num_rows
    racks = pq.read_table(p, columns=["racks"]).column("racks").to_numpy()
    assert len(np.unique(racks)) == n_racks


def test_bad_arguments_name_the_field(tmp_path):
    s = small_scenario()
    with pytest.raises(ValueError, match="method"):
        sweep(s, tmp_path / "x.parquet", method="halton", n=10)
    with pytest.raises(ValueError, match="n = 0"):
        sweep(s, tmp_path / "x.parquet", method="lhs", n=0)
    with pytest.raises(ValueError, match="points"):
        sweep(s, tmp_path / "x.parquet", method="grid")
    with pytest.raises(ValueError, match="chunk_size"):
        sweep(s, tmp_path / "x.parquet", n=10, chunk_size=0)
    with pytest.raises(ValueError, match="altitude_m"):
        sweep(s, tmp_path / "x.parquet", n=10, variables=["altitude_m"])
    with pytest.raises(ValueError, match="no_such_output"):
        sweep(s, tmp_path / "x.parquet", n=10, outputs=["no_such_output"])
    assert not (tmp_path / "x.parquet").exists()


def test_interrupted_sweep_leaves_the_old_file(tmp_path):
    s = small_scenario()
    p = tmp_path / "s.parquet"
    sweep(s, p, method="lhs", n=20, seed=1, chunk_size=10)
    before = p.read_bytes()

    def boom(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sweep(s, p, method="lhs", n=50, seed=2, chunk_size=10, progress=boom)
    assert p.read_bytes() == before
    assert [q.name for q in tmp_path.iterdir()] == ["s.parquet"]


def test_scenario_parameter_as_sweep_variable(tmp_path):
    toml = small_scenario().to_toml() + "launch_price_usd_per_kg = { low = 100.0, high = 3000.0, log = true }\n"
    s = of.Scenario.from_toml_str(toml)
    t = pq.read_table(sweep(s, tmp_path / "p.parquet", n=64, seed=0, chunk_size=64).path).to_pandas()
    assert t["launch_price_usd_per_kg"].between(100.0, 3000.0).all()
    row = t.iloc[0]
    ev = of.evaluate(of.Design(row.array_area_m2, row.radiator_area_m2, row.racks), s.replace(launch_price_usd_per_kg=row.launch_price_usd_per_kg))
    assert row.cost_per_flop_usd == pytest.approx(ev.cost_per_flop_usd, rel=1e-12)


@pytest.mark.slow
def test_dask_local_cluster_matches_local_sweep(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    s = small_scenario()
    local = pq.read_table(sweep(s, tmp_path / "l.parquet", method="lhs", n=500, seed=9, chunk_size=100).path).to_pandas()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        res = sweep(s, tmp_path / "d", method="lhs", n=500, seed=9, chunk_size=100, client=client)
    assert sorted(q.name for q in res.path.iterdir()) == [f"part-{i:05d}.parquet" for i in range(5)]
    dist = pq.read_table(res.path).to_pandas().sort_values("design_index").reset_index(drop=True)
    assert dist.equals(local)
    assert res.n_feasible == int((local["feasible"] == 1.0).sum())


def test_cli_sweep_writes_parquet(tmp_path):
    p = tmp_path / "s.toml"
    p.write_text(small_scenario().to_toml())
    out = tmp_path / "out.parquet"
    r = CliRunner().invoke(app, ["sweep", str(p), "--method", "grid", "--points", "3", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert pq.ParquetFile(out).metadata.num_rows == 27
    r = CliRunner().invoke(app, ["sweep", str(p), "--method", "lhs", "--out", str(out)])
    assert r.exit_code == 2 and "n = None" in r.output
