"""Optimisation on the mission tier: objectives from the day-by-day simulation, constraints from
the analytic worst case, and the tier kept with the study."""

import math

import numpy as np
import optuna
import pytest

import orbitflops as of
from orbitflops.mission import evaluate_batch as mission_batch
from orbitflops.optimize import optimize

optuna.logging.set_verbosity(optuna.logging.WARNING)
YEAR_S = 365.2422 * 86400.0


def test_mission_tier_objective_is_the_mission_cost_per_flop():
    s = of.Scenario.default()
    res = optimize(s, 30, seed=5, tier="mission")
    assert res.reference is None and res.gap is None  # the certificate is the analytic tier's
    best = res.best
    assert best is not None and best.evaluation.is_feasible
    d = best.design
    m = mission_batch(best.scenario, array_area_m2=d.array_area_m2, radiator_area_m2=d.radiator_area_m2, racks=d.racks, spare_racks=d.spare_racks)
    assert res.study.best_value == pytest.approx(float(m["cost_per_flop_usd"][0]), rel=1e-12)
    # The mission tier and the analytic tier agree closely for a feasible design (no throttling).
    assert res.study.best_value == pytest.approx(best.evaluation.cost_per_flop_usd, rel=0.01)
    for t in res.study.trials:
        assert math.isfinite(t.values[0])


def test_tier_is_stored_and_checked(tmp_path):
    s = of.Scenario.default()
    path = str(tmp_path / "m.journal")
    optimize(s, 5, storage=path, study_name="m", tier="mission")
    with pytest.raises(ValueError, match="mission tier"):
        optimize(s, 5, storage=path, study_name="m", tier="analytic")
    with pytest.raises(ValueError, match="tier"):
        optimize(s, 5, tier="daily")
