"""The optimiser: feasibility of the returned best, the gap to the exact closed-form reference,
constraints and margins kept with every trial, categorical and radiator-temperature variables,
Pareto front and knee point, resuming a stored study, and the optimize command."""

import math

import numpy as np
import optuna
import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

import orbitflops as of
from orbitflops.cli import app
from orbitflops.optimize import knee_point, optimize, reference
from orbitflops.optimize.study import trial_outputs

optuna.logging.set_verbosity(optuna.logging.WARNING)


def with_search(extra: str, base: str | None = None) -> of.Scenario:
    toml = of.Scenario.default().to_toml().split("[search]")[0]
    toml += "[search]\n" + (base if base is not None else
                            "array_area_m2 = { low = 1000.0, high = 40000.0, log = true }\n"
                            "radiator_area_m2 = { low = 100.0, high = 5000.0, log = true }\n"
                            "racks = [1, 12]\n") + extra
    return of.Scenario.from_toml_str(toml)


def is_feasible(t):
    return bool(t.constraints) and all(v <= 0 for v in t.constraints.values())


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000), sampler=st.sampled_from(["tpe", "nsga2", "random"]), batch=st.integers(1, 20))
def test_best_is_feasible_and_no_worse_than_any_feasible_trial(seed, sampler, batch):
    res = optimize(with_search(""), 60, sampler=sampler, seed=seed, batch_size=batch)
    assert res.best is not None
    ev = res.best.evaluation
    assert ev.is_feasible and all(v >= 0 for v in ev.margins.values())
    complete = res.study.get_trials(states=(optuna.trial.TrialState.COMPLETE,))
    assert len(res.study.trials) == 60
    feas = [t for t in complete if is_feasible(t)]
    assert ev.cost_per_flop_usd <= min(t.values[0] for t in feas) * (1 + 1e-12)
    # the exact reference is a lower bound of every feasible design of the base variables
    assert res.gap >= -1e-9
    assert min(t.values[0] for t in feas) >= res.reference.cost_per_flop_usd * (1 - 1e-9)


def test_infeasible_trials_keep_their_margins_and_constraints():
    res = optimize(with_search(""), 40, sampler="random", seed=1)
    complete = res.study.get_trials(states=(optuna.trial.TrialState.COMPLETE,))
    infeasible = [t for t in complete if not is_feasible(t)]
    assert infeasible, "random search over this box should hit infeasible designs"
    for t in complete:
        out = trial_outputs(t)
        assert set(t.constraints) == {"power", "battery_dod", "thermal", "mass"}
        # constraint values are the negated, scaled margins: feasible iff every margin >= 0
        assert is_feasible(t) == all(out[m] >= 0 for m in ("power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg"))
        ev = of.evaluate(of.Design(out["array_area_m2"], out["radiator_area_m2"], t.params["racks"]), res.study_scenario if hasattr(res, "study_scenario") else with_search(""))
        assert out["power_margin_w"] == pytest.approx(ev.power_margin_w, rel=1e-9, abs=1e-6)
        assert t.values[0] == pytest.approx(ev.cost_per_flop_usd, rel=1e-12)


def test_reference_is_the_best_sized_design_and_each_sized_design_is_tight():
    s = with_search("")
    ref = reference(s)
    costs = []
    for r in range(1, 13):
        d = of.size(s, r)
        ev = of.evaluate(d, s)
        if not ev.is_feasible:
            # the sizing meets the power, battery and thermal balances; only the launcher can refuse
            assert ev.binding_constraint == "mass" and ev.mass_margin_kg < 0
            assert min(ev.power_margin_w, ev.dod_margin, ev.thermal_margin_k) >= -1e-6
            continue
        # sized in closed form: at least one constraint binds (margin ~ 0)
        m = ev.margins
        tight = [abs(m["power_margin_w"]) <= 1e-6 * ev.heat_load_w, abs(m["dod_margin"]) <= 1e-9, abs(m["thermal_margin_k"]) <= 1e-6]
        assert any(tight), m
        # shrinking the array or the radiator by 1 % makes it infeasible
        assert not of.evaluate(of.Design(d.array_area_m2 * 0.99, d.radiator_area_m2, r), s).is_feasible
        assert not of.evaluate(of.Design(d.array_area_m2, d.radiator_area_m2 * 0.99, r), s).is_feasible
        costs.append(ev.cost_per_flop_usd)
    assert ref.cost_per_flop_usd == pytest.approx(min(costs), rel=1e-15)
    assert of.evaluate(ref.design, s).cost_per_flop_usd == min(costs)


def test_sized_parameterisation_gets_within_one_percent():
    res = optimize(with_search(""), 200, seed=0, parameterisation="sized")
    assert res.best.evaluation.is_feasible
    assert 0.0 <= res.gap < 0.01


def test_categorical_and_radiator_temperature_variables():
    s = with_search(
        'launcher = ["falcon_heavy", "starship"]\ncell = ["silicon_thin", "gaas_tj"]\nradiator_temp_k = [250.0, 340.0]\n',
        base="array_area_m2 = { low = 1000.0, high = 40000.0, log = true }\nracks = [1, 12]\n",
    )
    res = optimize(s, 80, sampler="random", seed=3)
    assert res.reference is None and res.gap is None  # not a base-variable problem
    best = res.best
    assert best is not None and best.evaluation.is_feasible
    assert best.scenario.launcher == best.params["launcher"] and best.scenario.cell == best.params["cell"]
    # the radiator was sized for the searched temperature: the evaluated end-of-life temperature equals it
    assert best.evaluation.radiator_temp_k == pytest.approx(best.params["radiator_temp_k"], rel=1e-9)
    # the best design re-evaluated from its scenario TOML gives the same cost
    again = of.Scenario.from_toml_str(best.scenario.to_toml())
    assert of.evaluate(again.design, again).cost_per_flop_usd == pytest.approx(best.evaluation.cost_per_flop_usd, rel=1e-12)


def test_scenario_parameter_as_variable():
    s = with_search("altitude_m = [500000.0, 1200000.0]\n")
    res = optimize(s, 40, sampler="random", seed=4)
    b = res.best
    assert 500000.0 <= b.scenario.altitude_m <= 1200000.0 and b.scenario.altitude_m == b.params["altitude_m"]
    assert of.evaluate(b.design, b.scenario).cost_per_flop_usd == pytest.approx(b.evaluation.cost_per_flop_usd, rel=1e-12)


def test_pareto_front_is_non_dominated_and_knee_on_it():
    res = optimize(with_search(""), 120, objectives=["cost_per_flop", "delivered_flops"], seed=5)
    front = [(p.evaluation.cost_per_flop_usd, p.evaluation.delivered_flops) for p in res.pareto]
    assert len(front) >= 2 and all(p.evaluation.is_feasible for p in res.pareto)
    feas = [t for t in res.study.get_trials(states=(optuna.trial.TrialState.COMPLETE,)) if is_feasible(t)]
    for c, f in front:
        assert not any(t.values[0] <= c and t.values[1] >= f and (t.values[0] < c or t.values[1] > f) for t in feas)
    assert res.knee in res.pareto


def test_knee_point_of_a_known_front():
    # front x + y = 1 bent at (0.2, 0.2): the corner is the knee
    pts = np.array([[0.0, 1.0], [0.1, 0.5], [0.2, 0.2], [0.5, 0.1], [1.0, 0.0]])
    assert knee_point(pts) == 2


def test_resume_continues_the_stored_study(tmp_path):
    path = str(tmp_path / "s.optuna.journal")
    r1 = optimize(with_search(""), 30, storage=path, study_name="s", seed=1)
    first = [(t.number, t.params, t.values) for t in r1.study.trials]
    best1 = r1.best.evaluation.cost_per_flop_usd
    r2 = optimize(with_search(""), 20, storage=path, study_name="s", seed=2)
    assert len(r2.study.trials) == 50
    assert [(t.number, t.params, t.values) for t in r2.study.trials[:30]] == first
    assert r2.best.evaluation.cost_per_flop_usd <= best1


def test_bad_arguments_name_the_field():
    with pytest.raises(ValueError, match="sampler"):
        optimize(with_search(""), 5, sampler="annealing")
    with pytest.raises(ValueError, match="n_trials"):
        optimize(with_search(""), -1)
    with pytest.raises(ValueError, match="batch_size"):
        optimize(with_search(""), 5, batch_size=0)
    with pytest.raises(ValueError, match="objectives"):
        optimize(with_search(""), 5, objectives=["speed"])
    with pytest.raises(ValueError, match="racks"):
        optimize(with_search("", base="array_area_m2 = [1000.0, 2000.0]\nradiator_area_m2 = [100.0, 200.0]\n"), 5)


def test_cli_optimize_resumes_and_writes_outputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(app, ["optimize", "--trials", "24", "--seed", "1", "--batch", "8", "--out", "out"])
    assert r.exit_code == 0, r.output
    for word in ("Best design", "Constraint margins", "Capital cost", "Ground with the same racks", "gap of the best design"):
        assert word in " ".join(r.output.split())
    assert (tmp_path / "orbitflops.optuna.journal").exists()
    names = {p.name for p in (tmp_path / "out").iterdir()}
    for n in ("trials.csv", "trials.parquet", "best.toml", "history.png", "history.html", "pareto.png", "pareto.html",
              "importances.png", "importances.html", "cost_breakdown.png", "cost_breakdown.html"):
        assert n in names
    assert not any(n.startswith(".") for n in names)  # no temporary files left behind
    best = of.Scenario.from_toml(tmp_path / "out" / "best.toml")
    assert of.evaluate(best.design, best).is_feasible
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "out" / "trials.parquet").num_rows == 24
    r = runner.invoke(app, ["optimize", "--trials", "8", "--seed", "2"])
    assert r.exit_code == 0, r.output
    assert "32 complete trials" in " ".join(r.output.split())


def test_cli_optimize_bad_sampler_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["optimize", "--trials", "2", "--sampler", "annealing", "--storage", "memory"])
    assert r.exit_code == 2 and "sampler" in r.output
