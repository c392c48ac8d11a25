"""Command-line options not covered elsewhere, checked by what they produce: compare
--fixed-design; sweep --variables, --chunk-size and --dask; optimize --objectives,
--parameterisation, --sampler cmaes and --tier mission."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import optuna
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.cli import app
from orbitflops.mission import evaluate_batch as mission_batch
from orbitflops.optimize import make_storage
from orbitflops.optimize.space import SearchSpace
from orbitflops.optimize.study import trial_outputs
from orbitflops.sweep import sweep

optuna.logging.set_verbosity(optuna.logging.WARNING)
runner = CliRunner()


def text(r) -> str:
    assert r.exit_code == 0, r.output
    return " ".join(r.output.split())


def with_search(search: str, **changes) -> of.Scenario:
    toml = of.Scenario.default().replace(**changes).to_toml().split("[search]")[0]
    return of.Scenario.from_toml_str(toml + "[search]\n" + search)


SMALL_SEARCH = (
    "array_area_m2 = { low = 2000.0, high = 20000.0, log = true }\n"
    "radiator_area_m2 = [100.0, 3000.0]\n"
    "racks = [1, 6]\n"
)


def load(journal, name="orbitflops"):
    return optuna.load_study(study_name=name, storage=make_storage(str(journal)))


# --- compare --fixed-design -----------------------------------------------------------------


def test_compare_fixed_design_compares_the_design_as_written(tmp_path):
    # A design with a larger array than the sized one (the same radiator: a larger radiator would
    # cool the chips and could pay for itself): compared as written, its ratio is its own
    # evaluation's.
    base = of.Scenario.default()
    s = base.with_design(of.Design(7000.0, of.size(base, 4).radiator_area_m2, 4))
    p = tmp_path / "s.toml"
    p.write_text(s.to_toml())
    args = ["compare", str(p), "--json", "--draws", "2000", "--sobol-n", "0", "--seed", "3"]
    fixed = json.loads(runner.invoke(app, [*args, "--fixed-design"]).output)
    sized = json.loads(runner.invoke(app, args).output)
    ev = of.evaluate(s.design, s)
    assert fixed["design_sized"] is False and sized["design_sized"] is True
    assert fixed["cost_ratio"] == pytest.approx(ev.cost_ratio, rel=1e-12)
    assert fixed["breakeven_launch_usd_per_kg"] == pytest.approx(ev.breakeven_launch_usd_per_kg, rel=1e-12)
    # Without --fixed-design the comparison's own best design (compare.ground.comparison_design).
    cd = cmp.comparison_design(s)
    sized_ev = of.evaluate(cd.design, cd.scenario)
    assert sized["cost_ratio"] == pytest.approx(sized_ev.cost_ratio, rel=1e-12)
    # The design with the oversized array costs more per FLOP than the sized one.
    assert fixed["cost_ratio"] > sized["cost_ratio"]
    # The Monte Carlo keeps the design fixed too: the API with the same design gives the same.
    api = cmp.compare(s, s.design, year=2029.0, draws=2000, seed=3, sobol_n=0).summary()
    for k in ("cost_ratio_p10", "cost_ratio_p50", "cost_ratio_p90", "p_cheaper_by_claim_deadline"):
        assert fixed[k] == api[k], k


# --- sweep --variables, --chunk-size, --dask -----------------------------------------------


def test_sweep_variables_subset_and_chunk_size(tmp_path):
    s = with_search(SMALL_SEARCH)
    p = tmp_path / "s.toml"
    p.write_text(s.to_toml())
    out = tmp_path / "g.parquet"
    r = runner.invoke(app, ["sweep", str(p), "--method", "grid", "--points", "3", "--variables", "array_area_m2, racks", "--chunk-size", "4", "--out", str(out)])
    assert "over array_area_m2, racks in 3 chunks" in text(r)
    t = pq.read_table(out).to_pandas()
    # 3 array areas x 3 rack counts; the radiator stays at the scenario's design value.
    assert len(t) == 9
    assert sorted(t["array_area_m2"].unique()) == pytest.approx([2000.0, math.sqrt(2000.0 * 20000.0), 20000.0])
    assert sorted(t["racks"].unique()) == [1.0, 4.0, 6.0] or sorted(t["racks"].unique()) == [1.0, 3.0, 6.0]
    if "radiator_area_m2" in t:
        assert (t["radiator_area_m2"] == s.design.radiator_area_m2).all()
    f = pq.ParquetFile(out)
    assert [f.metadata.row_group(i).num_rows for i in range(f.num_row_groups)] == [4, 4, 1]
    # The same designs as the API's sweep of the same variables.
    api = pq.read_table(sweep(s, tmp_path / "a.parquet", method="grid", points=3, variables=["array_area_m2", "racks"], chunk_size=4).path).to_pandas()
    assert api.equals(t)
    # A variable outside the [search] table is refused, naming it.
    r = runner.invoke(app, ["sweep", str(p), "--n", "8", "--variables", "altitude_m", "--out", str(tmp_path / "x.parquet")])
    assert r.exit_code == 2 and "altitude_m" in r.output


@pytest.mark.slow
def test_sweep_on_a_local_dask_cluster(tmp_path):
    pytest.importorskip("dask.distributed")
    s = with_search(SMALL_SEARCH)
    p = tmp_path / "s.toml"
    p.write_text(s.to_toml())
    out = tmp_path / "d"
    r = runner.invoke(app, ["sweep", str(p), "--method", "lhs", "--n", "300", "--seed", "4", "--chunk-size", "100", "--dask", "local", "--out", str(out)])
    assert "300 designs" in text(r)
    assert sorted(q.name for q in out.iterdir()) == [f"part-{i:05d}.parquet" for i in range(3)]
    dist = pq.read_table(out).to_pandas().sort_values("design_index").reset_index(drop=True)
    local = pq.read_table(sweep(s, tmp_path / "l.parquet", method="lhs", n=300, seed=4, chunk_size=100).path).to_pandas()
    assert dist.equals(local)


# --- optimize --sampler cmaes, --parameterisation, --objectives, --tier mission ---------------


# CMA-ES draws without regard to the constraints (Optuna says so); the hybrid parameterisation
# keeps its designs feasible but for the launch mass.
@pytest.mark.filterwarnings("ignore:Constraints have been set, but CmaEsSampler will not use them")
def test_optimize_cmaes_on_the_hybrid_parameterisation(tmp_path):
    journal = tmp_path / "c.journal"
    r = runner.invoke(app, ["optimize", "--trials", "24", "--batch", "8", "--seed", "3", "--sampler", "cmaes", "--parameterisation", "hybrid",
                            "--gap-tol", "0", "--no-polish", "--storage", str(journal)])
    out = text(r)
    for words in ("Best design", "Other searched values", "altitude_m", "radiator_temp_k", "gap of the best design"):
        assert words in out
    study = load(journal)
    assert study.user_attrs["parameterisation"] == "hybrid"
    trials = study.get_trials(states=(optuna.trial.TrialState.COMPLETE,))
    assert len(trials) == 24
    # The search ran over the hybrid variables (the choices and global variables; areas and
    # battery sized), and CMA-ES (not its random start-up) drew some of them.
    names = {v["name"] for v in of.Scenario.default().search} - {"array_area_m2", "radiator_area_m2", "battery_energy_j"}
    assert all(set(t.params) == names for t in trials)
    assert any("cma:generation" in t.system_attrs for t in trials)
    # The certificate bounds every design found from below: the printed gap is not negative.
    gap = float(re.search(r"gap of the best design to the exact optimum: (-?[\d.]+(?:e[-+]?\d+)?) %", out).group(1))
    assert gap >= 0


def test_optimize_two_objectives_prints_a_pareto_front(tmp_path):
    # Cheaper FLOP take more racks, and so more mass: a trade-off with a front (hybrid: sized
    # designs, so that most trials are feasible).
    journal = tmp_path / "p.journal"
    r = runner.invoke(app, ["optimize", "--trials", "40", "--seed", "5", "--objectives", "cost_per_flop,mass", "--gap-tol", "0", "--storage", str(journal)])
    out = text(r)
    front = int(re.search(r"Pareto front \((\d+) designs\)", out).group(1))
    knee = int(re.search(r"Knee point \(trial (\d+)\)", out).group(1))
    study = load(journal)
    assert [d.name for d in study.directions] == ["MINIMIZE", "MINIMIZE"]
    feasible = [t for t in study.get_trials(states=(optuna.trial.TrialState.COMPLETE,)) if all(v <= 0 for v in t.constraints.values())]

    def dominated(t):
        return any(u.values[0] <= t.values[0] and u.values[1] <= t.values[1] and u.values != t.values for u in feasible)

    non_dominated = [t.number for t in feasible if not dominated(t)]
    assert front == len(non_dominated) >= 2
    assert knee in non_dominated


def test_optimize_on_the_mission_tier_prints_the_mission_objective(tmp_path):
    journal = tmp_path / "m.journal"
    r = runner.invoke(app, ["optimize", "--trials", "8", "--seed", "1", "--tier", "mission", "--storage", str(journal)])
    out = text(r)
    m = re.search(r"Best design \(trial (\d+)\)", out)
    assert m, out
    printed = float(re.search(r"objectives on the mission tier \(day-by-day lifetime simulation\): cost_per_flop_usd ([\d.e+-]+) USD/FLOP", out).group(1))
    study = load(journal)
    assert study.user_attrs["tier"] == "mission"
    best = next(t for t in study.trials if t.number == int(m.group(1)))
    o = trial_outputs(best)
    # the trial's scenario: its choices and orbit applied to the default scenario
    sc = SearchSpace.from_scenario(of.Scenario.default()).scenario_for(best.params)
    assert sc.altitude_m == best.params["altitude_m"] and sc.launcher == best.params["launcher"]
    racks, spares = float(best.params["racks"]), float(best.params["spare_racks"])
    mission = mission_batch(sc, array_area_m2=o["array_area_m2"], radiator_area_m2=o["radiator_area_m2"], racks=racks, spare_racks=spares)
    # The printed objective is the mission tier's cost per FLOP of the printed best design, to the
    # digits printed, and the study's best value.
    assert best.values[0] == pytest.approx(float(mission["cost_per_flop_usd"][0]), rel=1e-12)
    assert printed == pytest.approx(best.values[0], rel=5e-5)
    # (a trial the hybrid search cannot size, such as a fixed array whose beta changes sign,
    # fails and holds no values)
    complete = study.get_trials(states=(optuna.trial.TrialState.COMPLETE,))
    assert best.values[0] == min(t.values[0] for t in complete if all(v <= 0 for v in t.constraints.values()))
    # The tables are the analytic tier's: its cost per FLOP differs from the mission tier's.
    analytic = float(re.search(r"cost_per_flop_usd\s+│\s+([\d.e+-]+)\s+│\s+USD/FLOP", r.output).group(1))
    ev = of.evaluate(of.Design(o["array_area_m2"], o["radiator_area_m2"], racks, spares), sc)
    assert analytic == pytest.approx(ev.cost_per_flop_usd, rel=5e-5)
    assert abs(analytic / printed - 1) > 1e-3
    assert np.isfinite(printed)


def test_optimize_without_a_feasible_design_says_so(tmp_path):
    # the plain parameterisation searches the areas as written: these are far too small for a
    # rack (the hybrid one would size them)
    r = runner.invoke(app, ["optimize", "--trials", "2", "--seed", "0", "--sampler", "random", "--parameterisation", "plain", "--storage", str(tmp_path / "n.journal"),
                            str(_write(tmp_path, with_search("array_area_m2 = [100.0, 200.0]\nradiator_area_m2 = [10.0, 20.0]\nracks = [1, 2]\n")))])
    assert "no feasible design yet: run more trials or widen the [search] bounds" in text(r)


def _write(tmp_path, s):
    p = tmp_path / "s.toml"
    p.write_text(s.to_toml())
    return p
