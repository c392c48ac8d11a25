"""The comparison's orbital design: the best over rack count, eclipse strategy, radiator
temperature and altitude by exact sizing, checked against brute force on a dense grid, and the
Monte Carlo's per-draw choices (strategy, racks flown) against direct evaluation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.compare.ground import comparison_design

S = of.Scenario.default()
CAMPS = Path(__file__).resolve().parent.parent / "examples" / "camps"


def brute_force(s: of.Scenario, racks: list[int], temps: np.ndarray, strategies=("battery", "throttle")) -> tuple[float, tuple]:
    """The lowest cost ratio over every (strategy, racks, radiator temperature) of a dense grid,
    feasible designs only."""
    best = (np.inf, None)
    for st in strategies:
        ss = s.replace(strategy=st)
        R, T = np.meshgrid(np.array(racks, float), temps, indexing="ij")
        out = of.evaluate_batch(ss, sized=True, racks=R.ravel(), radiator_temp_k=T.ravel(), outputs=["cost_ratio", "feasible"], on_invalid="nan")
        r = np.where(out["valid"] & (out["feasible"] > 0.5), out["cost_ratio"], np.inf)
        i = int(np.argmin(r))
        if r[i] < best[0]:
            best = (float(r[i]), (st, int(R.ravel()[i]), float(T.ravel()[i])))
    return best


@pytest.mark.parametrize("camp", ["middle", "skeptic", "optimist"])
def test_design_is_the_best_on_a_dense_grid(camp):
    s = of.Scenario.from_toml(CAMPS / f"{camp}.toml")
    cd = comparison_design(s)
    # The best altitude of those searched (each at its own best racks and temperature: below),
    # then every rack count and temperature there on a dense grid.
    s = s.replace(altitude_m=cd.altitude_m)
    p = s.params()
    limit = p["chip_temp_max_k"] - p["cold_plate_dt_k"] - p["coolant_loop_dt_k"]
    temps = np.linspace(limit - 150.0, limit, 1501)  # 0.1 K steps
    best, where = brute_force(s, list(range(1, 41)), temps)
    # The search (41-point grid, then golden section) finds at least the grid's best, to the
    # precision the grid resolves.
    assert cd.cost_ratio <= best * (1 + 1e-9), (cd.choices(), where)
    assert (cd.strategy, cd.racks) == where[:2]
    assert abs(cd.radiator_temp_k - where[2]) < 0.2
    # Around the temperature found, a 0.5 mK grid finds nothing better.
    local, _ = brute_force(s, [cd.racks], cd.radiator_temp_k + np.linspace(-0.2, 0.2, 801), (cd.strategy,))
    assert cd.cost_ratio <= local * (1 + 1e-9)
    # No other altitude searched does better.
    for alt in cd.searched["altitudes_m"]:
        other, _ = brute_force(s.replace(altitude_m=alt), list(range(1, 41)), np.linspace(limit - 150.0, limit, 301))
        assert cd.cost_ratio <= other * (1 + 1e-9), alt
    # And it is what sizing at those choices gives.
    ev = of.evaluate(cd.design, cd.scenario)
    assert ev.cost_ratio == pytest.approx(cd.cost_ratio, rel=1e-12)
    assert ev.is_feasible and ev.radiator_temp_k == pytest.approx(cd.radiator_temp_k, rel=1e-9)


def test_a_cooler_radiator_pays_when_chips_fail_faster_hot():
    # The orbital failure rate grows with junction temperature (Arrhenius, 0.7 eV): the best
    # radiator runs well below its limit; with no temperature dependence it runs at the limit.
    hot = comparison_design(S)
    p = S.params()
    limit = p["chip_temp_max_k"] - p["cold_plate_dt_k"] - p["coolant_loop_dt_k"]
    assert hot.radiator_temp_k < limit - 10.0
    flat = comparison_design(S.replace(failure_activation_energy_ev=0.0))
    assert flat.radiator_temp_k == pytest.approx(limit, abs=0.01)


def test_search_follows_the_scenarios_search_table():
    s = S.with_search([{"name": "racks", "low": 2.0, "high": 5.0, "integer": True}, {"name": "strategy", "choices": ["battery"]}, {"name": "altitude_m", "low": 500e3, "high": 700e3}])
    cd = comparison_design(s)
    assert cd.strategy == "battery" and 2 <= cd.racks <= 5
    assert cd.searched["strategies"] == ["battery"] and len(cd.searched["altitudes_m"]) >= 9
    # The altitude chosen is the best of those searched (each at its own best racks and temperature).
    ratios = [comparison_design(s.replace(altitude_m=a).with_search([{"name": "racks", "low": 2.0, "high": 5.0, "integer": True}, {"name": "strategy", "choices": ["battery"]}])).cost_ratio for a in cd.searched["altitudes_m"]]
    assert cd.cost_ratio == pytest.approx(min(ratios), rel=1e-9)


def test_without_racks_in_search_the_scenarios_rack_count():
    s = S.with_search([{"name": "array_area_m2", "low": 100.0, "high": 1e5, "log": True}])
    assert comparison_design(s).racks == S.design.racks


def test_fixed_design_is_kept():
    d = of.size(S, 3)
    cd = comparison_design(S, d)
    assert cd.design == d and not cd.sized and cd.radiator_temp_k is None
    with pytest.raises(TypeError, match="design must be"):
        comparison_design(S, "big")


def test_monte_carlo_draws_take_the_cheaper_strategy_and_fit_their_launches():
    unc = {"rack_mass_kg": {"dist": "uniform", "low": 320.0, "high": 790.0}, "radiator_areal_density_kg_m2": {"dist": "uniform", "low": 2.5, "high": 14.2}, "bus_fixed_w": {"dist": "uniform", "low": 1000.0, "high": 10000.0}}
    mc = cmp.monte_carlo(S, draws=300, seed=2, uncertainty=unc)
    cd = mc.design
    d = mc.draws
    assert d["buildable"].all()
    reduced = d["racks_reduced"].to_numpy()
    assert reduced.any() and not reduced.all()
    assert (d["racks_flown"][~reduced] == cd.racks).all() and (d["racks_flown"][reduced] < cd.racks).all()
    for i in range(0, 300, 23):
        row = d.iloc[i]
        cols = {k: float(row[k]) for k in unc}
        costs = {}
        for st in ("battery", "throttle"):
            out = of.evaluate_batch(cd.scenario.replace(strategy=st), sized=True, racks=float(row["racks_flown"]), radiator_temp_k=float(row["radiator_temp_k"]), outputs=["cost_per_flop_usd", "cost_ratio", "feasible"], **cols)
            costs[st] = (float(out["cost_per_flop_usd"][0]), float(out["cost_ratio"][0]), float(out["feasible"][0]))
        chosen = costs[str(row["strategy"])]
        assert chosen[2] == 1.0  # it fits its launch
        assert row["cost_ratio"] == pytest.approx(chosen[1], rel=1e-12)
        # The most racks that fit: one more does not (unless already at the comparison's count).
        if reduced[i]:
            more = of.evaluate_batch(cd.scenario.replace(strategy=str(row["strategy"])), sized=True, racks=float(row["racks_flown"]) + 1, radiator_temp_k=float(row["radiator_temp_k"]), outputs=["feasible"], **cols)
            assert more["feasible"][0] == 0.0
        other = "battery" if row["strategy"] == "throttle" else "throttle"
        if costs[other][2] == 1.0:
            assert chosen[0] <= costs[other][0]
    shares = mc.strategy_shares()
    assert sum(shares.values()) == pytest.approx(1.0)


def test_a_drawn_strategy_is_drawn_not_chosen():
    unc = {"strategy": {"dist": "discrete", "choices": ["battery", "throttle"], "weights": [0.3, 0.7]}, "pue": {"dist": "uniform", "low": 1.1, "high": 1.3}}
    mc = cmp.monte_carlo(S, draws=4000, seed=1, uncertainty=unc)
    shares = mc.strategy_shares()
    assert shares["battery"] == pytest.approx(0.3, abs=0.03)
    assert (mc.draws["strategy"].astype(str) == mc.draws["strategy"].astype(str)).all()
