"""The optimiser: feasibility of the returned best, the certificate (exact optimum over the whole
search space) against random designs and a brute-force grid, the one-dimensional searches on
functions with known minima, the hybrid search's gap, the stopping rule, quiet logging, the
robust option, Pareto fronts and their hypervolume, resuming a stored study, and the optimize
command."""

import functools
import logging
import math
import re
from pathlib import Path

import numpy as np
import optuna
import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

import orbitflops as of
from orbitflops.cli import app
from orbitflops.optimize import create_study, knee_point, optimize, reference, sized_batch
from orbitflops.optimize import exact
from orbitflops.optimize.pareto import hypervolume
from orbitflops.optimize.robust import Draws, statistic
from orbitflops.optimize.space import SearchSpace, design_of, sized_at_most_limit
from orbitflops.optimize.study import trial_outputs


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def with_search(extra: str, base: str | None = None) -> of.Scenario:
    toml = of.Scenario.default().to_toml().split("[search]")[0]
    toml += "[search]\n" + (base if base is not None else
                            "array_area_m2 = { low = 1000.0, high = 40000.0, log = true }\n"
                            "radiator_area_m2 = { low = 100.0, high = 5000.0, log = true }\n"
                            "racks = [1, 12]\n") + extra
    return of.Scenario.from_toml_str(toml)


def is_feasible(t):
    return bool(t.constraints) and all(v <= 0 for v in t.constraints.values())


@functools.lru_cache(maxsize=None)
def default_certificate():
    return reference(of.Scenario.default())


def sized_costs(scenario, choices, racks, spares, params, temps):
    """Cost per FLOP of designs sized for their choices, straight from evaluate_batch: one batch
    per combination of choices, per-row scenario parameters, the radiator for its temperature.
    Infeasible or unsizable designs give inf."""
    out = np.full(len(racks), np.inf)
    for key in set(choices):
        idx = np.array([i for i, c in enumerate(choices) if c == key])
        sc = scenario.replace(**dict(key))
        r = sized_batch(sc, ["cost_per_flop_usd", "feasible"], racks[idx], spares[idx], temps[idx], **{k: v[idx] for k, v in params.items()})
        ok = r["valid"] & (r["feasible"] > 0)
        out[idx] = np.where(ok, r["cost_per_flop_usd"], np.inf)
    return out


# --- the certificate ---------------------------------------------------------------------------


def test_default_search_space_is_the_whole_design_space():
    names = {v["name"] for v in of.Scenario.default().search}
    assert {"racks", "spare_racks", "cell", "launcher", "rack", "strategy", "pointing", "altitude_m", "ltan_h", "radiator_temp_k"} <= names
    by = {v["name"]: v for v in of.Scenario.default().search}
    for kind in ("cell", "rack", "launcher"):
        assert sorted(by[kind]["choices"]) == sorted(p["name"] for p in of.presets(kind))  # every preset, read from the core


def test_certificate_reports_how_each_variable_was_searched():
    ref = default_certificate()
    space = SearchSpace.from_scenario(of.Scenario.default())
    for v in space.variables:
        assert v.name in ref.methods, v.name
    for v in space.categorical:
        assert ref.methods[v.name]["method"] == "enumerated" and ref.methods[v.name]["choices"] == len(v.choices)
    assert ref.methods["racks"]["method"] == "enumerated"
    for name in ("altitude_m", "ltan_h", "radiator_temp_k"):
        m = ref.methods[name]
        assert m["method"] in ("brent", "grid+brent")
        # the method follows from the grids: several minima on some grid means grid+brent
        assert (m["method"] == "grid+brent") == (m["max_local_minima"] > 1)
    assert len(ref.per_combo) == np.prod([len(v.choices) for v in space.categorical])
    # the certificate's design is feasible, inside the bounds, and its cost is what evaluate says
    assert ref.evaluation.is_feasible
    assert of.evaluate(ref.design, ref.scenario).cost_per_flop_usd == ref.cost_per_flop_usd
    for v in space.variables:
        if not v.categorical:
            assert v.low <= ref.params[v.name] <= v.high


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_no_design_in_the_search_space_beats_the_certificate(seed):
    """Random designs of the default search space (random choices, orbit, radiator temperature,
    rack and spare counts, each sized exactly) never beat the certificate by more than 1e-9."""
    ref = default_certificate()
    s = of.Scenario.default()
    space = SearchSpace.from_scenario(s)
    rng = np.random.default_rng(seed)
    n = 400
    combos = space.combos()
    choices = [tuple(combos[i].items()) for i in rng.integers(0, len(combos), n)]
    b = space.by_name
    racks = rng.integers(int(b["racks"].low), int(b["racks"].high) + 1, n).astype(float)
    spares = rng.integers(int(b["spare_racks"].low), int(b["spare_racks"].high) + 1, n).astype(float)
    params = {"altitude_m": rng.uniform(b["altitude_m"].low, b["altitude_m"].high, n), "ltan_h": rng.uniform(b["ltan_h"].low, b["ltan_h"].high, n)}
    temps = rng.uniform(b["radiator_temp_k"].low, b["radiator_temp_k"].high, n)
    costs = sized_costs(s, choices, racks, spares, params, temps)
    assert np.all(costs >= ref.cost_per_flop_usd * (1 - 1e-9))
    # near the certificate: its own choices, small moves of its continuous values
    p = ref.params
    combo = tuple((v.name, p[v.name]) for v in space.categorical)
    dx = rng.normal(0, 1, (3, n)) * np.array([[2e4], [0.2], [2.0]])
    near = {"altitude_m": np.clip(p["altitude_m"] + dx[0], b["altitude_m"].low, b["altitude_m"].high), "ltan_h": np.clip(p["ltan_h"] + dx[1], b["ltan_h"].low, b["ltan_h"].high)}
    t = np.clip(p["radiator_temp_k"] + dx[2], b["radiator_temp_k"].low, b["radiator_temp_k"].high)
    r = np.clip(p["racks"] + rng.integers(-2, 3, n), 1, b["racks"].high).astype(float)
    sp = np.clip(p["spare_racks"] + rng.integers(-2, 3, n), 0, b["spare_racks"].high).astype(float)
    costs = sized_costs(s, [combo] * n, r, sp, near, t)
    assert np.all(costs >= ref.cost_per_flop_usd * (1 - 1e-9))


def test_certificate_against_a_brute_force_grid():
    """An independent oracle: for the certificate's choices and the next-best combination, every
    rack and spare count on a dense joint grid of altitude x LTAN x radiator temperature,
    evaluated with one Scenario.replace per orbit and sized_batch, is no cheaper than the
    certificate's optimum for that combination."""
    ref = default_certificate()
    s = of.Scenario.default()
    ranked = sorted((c for c in ref.per_combo if math.isfinite(c[1])), key=lambda c: c[1])
    b = {v["name"]: v for v in s.search}
    racks, spares = np.meshgrid(np.arange(b["racks"]["low"], b["racks"]["high"] + 1), np.arange(b["spare_racks"]["low"], b["spare_racks"]["high"] + 1))
    racks, spares = racks.ravel().astype(float), spares.ravel().astype(float)
    temps = np.linspace(b["radiator_temp_k"]["low"], b["radiator_temp_k"]["high"], 10)
    for combo, best in ranked[:2]:
        sc0 = s.replace(**combo)
        lowest = math.inf
        for alt in np.linspace(b["altitude_m"]["low"], b["altitude_m"]["high"], 17):
            for ltan in np.linspace(b["ltan_h"]["low"], b["ltan_h"]["high"], 48):
                sc = sc0.replace(altitude_m=float(alt), ltan_h=float(ltan))
                k = len(temps)
                out = sized_batch(sc, ["cost_per_flop_usd", "feasible"], np.tile(racks, k), np.tile(spares, k), np.repeat(temps, len(racks)))
                c = np.where(out["valid"] & (out["feasible"] > 0), out["cost_per_flop_usd"], np.inf)
                lowest = min(lowest, float(c.min()))
        assert math.isfinite(lowest)
        assert best <= lowest * (1 + 1e-9), (combo, best, lowest)


def fine_grid_minimum(scenario, ref, points=33, temps=65, half_width=1.0 / 32.0):
    """The cheapest feasible design on a fine grid around a certificate, straight from
    sized_batch: its choices, altitude x LTAN on a points x points grid and the radiator
    temperature on ``temps`` values, each over +-half_width of its [search] range, and every
    rack and spare count within one of the certificate's."""
    b = {v["name"]: v for v in scenario.search}
    p = ref.params
    base = scenario.replace(**{k: v for k, v in p.items() if isinstance(v, str)})
    limit = base.orbit_summary()["radiator_temp_max_k"]
    r, s = np.meshgrid(np.arange(max(1, p["racks"] - 1), p["racks"] + 2), np.arange(max(0, p["spare_racks"] - 1), p["spare_racks"] + 2))
    r, s = r.ravel().astype(float), s.ravel().astype(float)

    def axis(name, n, hi=math.inf):
        w = half_width * (b[name]["high"] - b[name]["low"])
        return np.linspace(max(b[name]["low"], p[name] - w), min(b[name]["high"], hi, p[name] + w), n)

    t = axis("radiator_temp_k", temps, limit)
    lowest = math.inf
    for alt in axis("altitude_m", points):
        for ltan in axis("ltan_h", points):
            sc = base.replace(altitude_m=float(alt), ltan_h=float(ltan))
            out = sized_batch(sc, ["cost_per_flop_usd", "feasible"], np.tile(r, temps), np.tile(s, temps), np.repeat(t, len(r)))
            lowest = min(lowest, float(np.where(out["valid"] & (out["feasible"] > 0), out["cost_per_flop_usd"], np.inf).min()))
    return lowest


@pytest.mark.slow
def test_certificate_against_a_fine_grid_on_the_launch_mass_boundary():
    """On the skeptic's scenario the optimum fills the launcher, on a launch-mass boundary that
    runs across the axes; a coordinate search alone stopped 0.09 % short of it. An independent
    oracle: a fine grid around the certificate finds nothing cheaper."""
    s = of.Scenario.from_toml(EXAMPLES / "camps" / "skeptic.toml")
    ref = reference(s)
    assert abs(ref.evaluation.mass_margin_kg) <= 1e-6 * ref.evaluation.mass_total_kg  # on the boundary
    assert ref.cost_per_flop_usd <= fine_grid_minimum(s, ref) * (1 + 1e-9)


def test_default_certificate_against_a_fine_grid_around_it():
    ref = default_certificate()
    assert ref.cost_per_flop_usd <= fine_grid_minimum(of.Scenario.default(), ref) * (1 + 1e-9)


def test_certificate_of_a_plain_space_bounds_the_plain_search():
    s = with_search("")
    ref = reference(s, "plain")
    lo_a, hi_a = 1000.0, 40000.0
    assert lo_a * (1 - 1e-9) <= ref.design.array_area_m2 <= hi_a * (1 + 1e-9)
    # a dense sweep of the plain variables finds nothing cheaper
    rng = np.random.default_rng(3)
    n = 20000
    out = of.evaluate_batch(s, array_area_m2=np.exp(rng.uniform(np.log(1000), np.log(40000), n)), radiator_area_m2=np.exp(rng.uniform(np.log(100), np.log(5000), n)),
                            racks=rng.integers(1, 13, n).astype(float), outputs=["cost_per_flop_usd", "feasible"])
    feas = out["cost_per_flop_usd"][out["feasible"] > 0]
    assert feas.min() >= ref.cost_per_flop_usd * (1 - 1e-9)


# --- the one-dimensional searches ----------------------------------------------------------------


def synthetic(f, ok=None, name="x"):
    """A Point maker for a one-row problem: cost f(x), feasible where ok(x)."""
    def at(x):
        c = float(f(x))
        good = True if ok is None else bool(ok(x))
        return exact.Point(c if good else math.inf, {}, {name: x}, 1, 0, np.array([c]), np.array([good]), np.array([1.0 if good else -1.0]))
    return at


def test_line_search_finds_the_global_minimum_of_a_bimodal_function():
    # two minima, the deeper one at x = 1.7 between grid points
    f = lambda x: min((x - 1.7) ** 2, 0.05 + (x - 7.3) ** 2)  # noqa: E731
    rep = exact.LineSearchReport("x")
    p = exact.line_search(exact.Coordinate("x", 0.0, 10.0), synthetic(f), None, lambda q: q.cost, 9.0, 33, rep, xtol=1e-10)
    assert p.x["x"] == pytest.approx(1.7, abs=1e-6)
    assert rep.method == "grid+brent" and rep.max_local_minima == 2


def test_line_search_on_a_unimodal_function_is_brent():
    rep = exact.LineSearchReport("x")
    p = exact.line_search(exact.Coordinate("x", 0.0, 10.0), synthetic(lambda x: (x - math.pi) ** 2), None, lambda q: q.cost, 0.0, 33, rep, xtol=1e-10)
    assert p.x["x"] == pytest.approx(math.pi, abs=1e-6)
    assert rep.method == "brent" and rep.max_local_minima == 1


def test_line_search_finds_a_feasibility_boundary_between_grid_points():
    # cost falls with x but the design is feasible only below x = 4.123456: the optimum is the boundary
    rep = exact.LineSearchReport("x")
    p = exact.line_search(exact.Coordinate("x", 0.0, 10.0), synthetic(lambda x: 10 - x, lambda x: x <= 4.123456), None,
                          lambda q: q.cost if math.isfinite(q.cost) else 1e3, 0.0, 33, rep, xtol=1e-10)
    assert p.x["x"] == pytest.approx(4.123456, abs=1e-8)


def test_line_search_wraps_a_periodic_variable():
    # LTAN is periodic: a minimum at 23.9 h is found from either side of midnight
    f = lambda x: min((x - 23.9) % 24, (23.9 - x) % 24) ** 2  # noqa: E731
    rep = exact.LineSearchReport("ltan_h")
    p = exact.line_search(exact.Coordinate("ltan_h", 0.0, 24.0), synthetic(f, name="ltan_h"), None, lambda q: q.cost, 12.0, 33, rep, xtol=1e-10)
    assert p.x["ltan_h"] == pytest.approx(23.9, abs=1e-6)


class PlaneEvaluator:
    """A one-row problem for the joint search: cost 3 - x - y, launch-mass margin
    1000 (1.5 - x - 2 y) kg, on [0, 1]^2: the optimum is on the diagonal boundary."""

    racks, spares = np.array([1.0]), np.array([0.0])

    def __init__(self):
        self.evaluations = 0

    def at(self, combo, x):
        self.evaluations += 1
        c, m = 3.0 - x["x"] - x["y"], 1000.0 * (1.5 - x["x"] - 2.0 * x["y"])
        ok = m >= -1e-9
        return exact.Point(c if ok else math.inf, {}, dict(x), 1, 0, np.array([c]), np.array([ok]), np.array([m]))

    def value(self, p):
        return p.cost if math.isfinite(p.cost) else 1e3

    def row_costs(self, combo, params, rows, temps):
        return np.array([[self.at(combo, params).cost]])


def test_joint_search_moves_along_a_constraint_boundary_across_the_axes():
    ev = PlaneEvaluator()
    coords = [exact.Coordinate("x", 0.0, 1.0), exact.Coordinate("y", 0.0, 1.0)]
    reports = {c.name: exact.LineSearchReport(c.name) for c in coords}
    # on the boundary, moving either variable alone makes the design dearer or infeasible
    stuck = exact.coordinate_search(ev, {}, coords, {"x": 0.5, "y": 0.5}, 33, reports)
    assert stuck.cost == pytest.approx(2.0, abs=1e-9)
    # the joint search: the best point of its box (half-width JOINT_WINDOW) on the boundary
    w = exact.JOINT_WINDOW
    p = exact.joint_search(ev, {}, coords, stuck)
    assert p.x["x"] == pytest.approx(0.5 + w, abs=1e-7)
    assert p.x["y"] == pytest.approx((1.5 - 0.5 - w) / 2.0, abs=1e-7)
    assert p.cost == pytest.approx(3.0 - (0.5 + w) - (1.0 - w) / 2.0, abs=1e-7)
    # joint and coordinate searches in turn go on along it, a box at a time
    q = exact.joint_and_coordinate_search(ev, {}, coords, stuck, 33, reports)
    assert q.cost < p.cost and q.x["x"] + 2.0 * q.x["y"] <= 1.5 + 1e-9


# --- the search ----------------------------------------------------------------------------------


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000), sampler=st.sampled_from(["tpe", "nsga2", "random"]), batch=st.integers(1, 20),
       parameterisation=st.sampled_from(["hybrid", "plain"]))
def test_best_is_feasible_no_worse_than_any_trial_and_never_below_the_certificate(seed, sampler, batch, parameterisation):
    res = optimize(with_search(""), 60, sampler=sampler, seed=seed, batch_size=batch, parameterisation=parameterisation, gap_tol=None)
    assert res.best is not None
    ev = res.best.evaluation
    assert ev.is_feasible
    complete = res.study.get_trials(states=(optuna.trial.TrialState.COMPLETE,))
    assert len(res.study.trials) == 60 and res.stopped == "trials"
    feas = [t for t in complete if is_feasible(t)]
    assert ev.cost_per_flop_usd <= min(t.values[0] for t in feas) * (1 + 1e-12)
    # the certificate is a lower bound of every feasible design found
    assert res.gap >= -1e-9
    assert min(t.values[0] for t in feas) >= res.reference.cost_per_flop_usd * (1 - 1e-9)


def certified_storage(scenario, ref, name="orbitflops"):
    """An in-memory storage holding a study of ``scenario`` with the certificate ``ref`` stored,
    as a continued study has it (optimize then reuses it instead of computing it again)."""
    storage = optuna.storages.InMemoryStorage()
    create_study(scenario, storage=storage, study_name=name).set_user_attr("certificate", ref.as_attr())
    return storage


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_default_search_is_within_a_tenth_of_a_percent_of_the_certificate_in_100_trials(seed):
    s = of.Scenario.default()
    res = optimize(s, 100, seed=seed, storage=certified_storage(s, default_certificate()))
    assert res.reference.cost_per_flop_usd == default_certificate().cost_per_flop_usd
    assert res.best.evaluation.is_feasible
    assert -1e-9 <= res.gap <= 1e-3
    assert res.stopped == "gap" and res.trials_run <= 100


def test_hybrid_trials_are_sized_exactly():
    res = optimize(of.Scenario.default(), 32, seed=4, gap_tol=None, polish=False, with_reference=False)
    space = SearchSpace.from_scenario(of.Scenario.default())
    above = 0
    for t in res.study.get_trials(states=(optuna.trial.TrialState.COMPLETE,)):
        out = trial_outputs(t)
        sc = space.scenario_for(t.params)
        limit = sc.orbit_summary()["radiator_temp_max_k"]
        temp = min(t.params["radiator_temp_k"], limit)
        above += t.params["radiator_temp_k"] > limit
        d = of.size(sc, t.params["racks"], t.params["spare_racks"], radiator_temp_k=temp)
        # the array and the radiator are the closed-form sizes, the radiator for the trial's
        # temperature (at most the radiator limit); the radiator runs at that temperature
        assert out["array_area_m2"] == pytest.approx(d.array_area_m2, rel=1e-12)
        assert out["radiator_area_m2"] == pytest.approx(d.radiator_area_m2, rel=1e-12)
        assert out["radiator_temp_k"] == pytest.approx(temp, rel=1e-9)
    assert above > 0  # some trials asked for more than the limit


def test_stopping_rules():
    s = of.Scenario.default()
    r = optimize(s, 200, seed=2, storage=certified_storage(s, default_certificate()))
    assert r.stopped == "gap" and r.gap <= 1e-3 and r.trials_run < 200
    r = optimize(s, 48, seed=2, gap_tol=None, batch_size=16, with_reference=False)
    assert r.stopped == "trials" and r.trials_run == 48 and len(r.study.trials) == 48
    r = optimize(s, 400, seed=2, gap_tol=None, patience=32, batch_size=16, polish=False, sampler="random", with_reference=False)
    assert r.stopped == "patience" and r.trials_run < 400
    feas = [t for t in r.study.trials if is_feasible(t)]
    best = min(t.values[0] for t in feas)
    # the best was found before the last 32 trials, and nothing in them improved on it
    assert min(t.values[0] for t in feas if t.number < r.trials_run - 32) == best


def test_quiet_unless_asked(caplog):
    before = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.INFO)
    try:
        with caplog.at_level(logging.INFO, logger="optuna"):
            optuna.logging.enable_propagation()
            optimize(with_search(""), 16, seed=1, gap_tol=None)
            assert not [r for r in caplog.records if r.name.startswith("optuna") and r.levelno < logging.WARNING]
            assert optuna.logging.get_verbosity() == optuna.logging.INFO  # the caller's level is restored
            optimize(with_search(""), 16, seed=1, gap_tol=None, verbose=True)
            assert [r for r in caplog.records if r.name.startswith("optuna") and "Trial" in r.getMessage()]
    finally:
        optuna.logging.disable_propagation()
        optuna.logging.set_verbosity(before)


def test_categorical_and_radiator_temperature_variables():
    s = with_search(
        'launcher = ["falcon_heavy", "starship"]\ncell = ["silicon_thin", "gaas_tj"]\nradiator_temp_k = [250.0, 340.0]\n',
        base="array_area_m2 = { low = 1000.0, high = 40000.0, log = true }\nracks = [1, 12]\n",
    )
    res = optimize(s, 80, sampler="random", seed=3, parameterisation="plain", gap_tol=None)
    best = res.best
    assert best is not None and best.evaluation.is_feasible
    assert best.scenario.launcher == best.params["launcher"] and best.scenario.cell == best.params["cell"]
    # the radiator was sized for the searched temperature: the evaluated end-of-life temperature equals it
    assert best.evaluation.radiator_temp_k == pytest.approx(best.params["radiator_temp_k"], rel=1e-9)
    again = of.Scenario.from_toml_str(best.scenario.to_toml())
    assert of.evaluate(again.design, again).cost_per_flop_usd == pytest.approx(best.evaluation.cost_per_flop_usd, rel=1e-12)
    assert res.gap >= -1e-9


def test_radiator_for_a_temperature_against_the_radiator_balance():
    """An independent oracle: the radiator sized_batch gives for a temperature rejects the
    design's full-load heat at that temperature by the radiator balance (Gilmore, Spacecraft
    Thermal Control Handbook vol. 1 ch. 6): Q = A n eps sigma (T^4 - T_sink^4) - A q_env,
    written out here; the evaluated temperature is that temperature."""
    sigma, t_sink = 5.670374419e-8, 3.0  # CODATA 2018; deep-space sink of docs/model.md
    s = of.Scenario.default().replace(altitude_m=1.2e6)
    temps = np.array([270.0, 300.0, 330.0])
    out = sized_batch(s, ["heat_load_w", "radiator_env_w_m2", "radiator_temp_k"], np.full(3, 6.0), np.zeros(3), temps)
    assert out["valid"].all()
    rejected = out["radiator_area_m2"] * (s.radiator_sides * s.radiator_emissivity_eol * sigma * (temps**4 - t_sink**4) - out["radiator_env_w_m2"])
    assert rejected == pytest.approx(out["heat_load_w"], rel=1e-9)
    assert out["radiator_temp_k"] == pytest.approx(temps, rel=1e-9)
    # a cooler radiator is larger
    assert np.all(np.diff(out["radiator_area_m2"]) < 0)


def test_a_trial_temperature_above_the_radiator_limit_gives_the_radiator_at_its_limit():
    s = of.Scenario.default()
    limit = s.orbit_summary()["radiator_temp_max_k"]
    temps = np.array([limit - 10.0, limit + 1.0, limit + 20.0])
    assert np.isnan(sized_batch(s, ["cost_per_flop_usd"], np.full(3, 4.0), np.zeros(3), temps)["cost_per_flop_usd"][1:]).all()  # the core refuses
    out = sized_at_most_limit(s, ["radiator_temp_k", "cost_per_flop_usd"], np.full(3, 4.0), np.zeros(3), temps)
    assert out["valid"].all()
    assert out["radiator_temp_k"] == pytest.approx([limit - 10.0, limit, limit], rel=1e-9)
    at_limit = of.size(s, 4, 0)
    assert out["radiator_area_m2"][1:] == pytest.approx([at_limit.radiator_area_m2] * 2, rel=1e-12)
    # a temperature the environment alone exceeds stays invalid
    cold = sized_at_most_limit(s, ["cost_per_flop_usd"], np.array([4.0]), np.array([0.0]), np.array([150.0]))
    assert not cold["valid"][0]


def test_scenario_parameter_as_variable():
    s = with_search("altitude_m = [500000.0, 1200000.0]\n")
    res = optimize(s, 40, sampler="random", seed=4, gap_tol=None)
    b = res.best
    assert 500000.0 <= b.scenario.altitude_m <= 1200000.0 and b.scenario.altitude_m == b.params["altitude_m"]
    assert of.evaluate(b.design, b.scenario).cost_per_flop_usd == pytest.approx(b.evaluation.cost_per_flop_usd, rel=1e-12)
    assert res.gap >= -1e-9


# --- robust design -------------------------------------------------------------------------------


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(0, 10_000), stat=st.sampled_from(["p90", "mean"]))
def test_robust_optimum_is_never_worse_than_the_nominal_optimum_on_the_same_draws(seed, stat):
    s = with_search("spare_racks = [0, 6]\nlauncher = [\"falcon_heavy\", \"starship\"]\n", base="racks = [1, 24]\n")
    res = optimize(s, 48, seed=seed, robust=stat, draws=64, draws_seed=seed)
    r = res.robust
    assert r is not None and r.statistic == stat and r.draws == 64
    # independently: both designs on the same draws, straight through evaluate_batch
    draws = Draws.of(s, 64, seed)

    def on_draws(sc, d):
        cols = draws.columns(sc)
        out = of.evaluate_batch(sc, array_area_m2=d.array_area_m2, radiator_area_m2=d.radiator_area_m2, racks=float(d.racks),
                                spare_racks=float(d.spare_racks), battery_energy_j=d.battery_energy_j, outputs=["cost_per_flop_usd"], **cols)
        return statistic(out["cost_per_flop_usd"], stat)

    robust = on_draws(res.best.scenario, res.best.design)
    nominal = on_draws(res.reference.scenario, res.reference.design)
    assert robust == pytest.approx(r.value, rel=1e-12) and nominal == pytest.approx(r.nominal_value, rel=1e-12)
    assert robust <= nominal * (1 + 1e-12)
    # every trial was scored on the same draws: re-scoring each feasible trial gives its value
    space = SearchSpace.from_scenario(s)
    for t in res.study.get_trials(states=(optuna.trial.TrialState.COMPLETE,)):
        if is_feasible(t):
            sc = space.scenario_for(t.params)
            assert t.values[0] == pytest.approx(on_draws(sc, design_of(t.params, trial_outputs(t), sc)), rel=1e-12)


def test_robust_draws_keep_relative_uncertainty_of_a_preset():
    s = of.Scenario.default()
    d = Draws.of(s, 200, 7)
    base = d.columns(s)["rack_cost_usd"]
    other = d.columns(s.replace(rack="hgx_h100"))["rack_cost_usd"]
    ratio = s.replace(rack="hgx_h100").rack_cost_usd / s.rack_cost_usd
    assert np.allclose(other, base * ratio, rtol=1e-12)


# --- several objectives ------------------------------------------------------------------------


def test_pareto_front_is_non_dominated_and_knee_on_it():
    res = optimize(with_search(""), 120, objectives=["cost_per_flop", "delivered_flops"], seed=5, gap_tol=None)
    front = [(p.evaluation.cost_per_flop_usd, p.evaluation.delivered_flops) for p in res.pareto]
    assert len(front) >= 1 and all(p.evaluation.is_feasible for p in res.pareto)
    feas = [t for t in res.study.get_trials(states=(optuna.trial.TrialState.COMPLETE,)) if is_feasible(t)]
    for c, f in front:
        assert not any(t.values[0] <= c and t.values[1] >= f and (t.values[0] < c or t.values[1] > f) for t in feas)
    assert res.knee in res.pareto
    assert 0.0 < res.hypervolume_ratio <= 1.0 + 1e-9


def test_hypervolume_of_a_staircase():
    # two points under the reference (2, 0) of (cost, -flops): the union of two rectangles
    pts = np.array([[1.0, -1.0], [1.5, -1.2]])
    expected = (2.0 - 1.0) * 1.0 + (2.0 - 1.5) * (1.2 - 1.0)
    assert hypervolume(pts, ["cost_per_flop", "delivered_flops"]) == pytest.approx(expected, rel=1e-12)
    # a dominated point adds nothing; a point outside the reference box adds nothing
    assert hypervolume(np.vstack([pts, [[1.6, -0.5], [2.5, -3.0]]]), ["cost_per_flop", "delivered_flops"]) == pytest.approx(expected, rel=1e-12)


def test_knee_point_of_a_known_front():
    # front x + y = 1 bent at (0.2, 0.2): the corner is the knee
    pts = np.array([[0.0, 1.0], [0.1, 0.5], [0.2, 0.2], [0.5, 0.1], [1.0, 0.0]])
    assert knee_point(pts) == 2


# --- studies that last ---------------------------------------------------------------------------


def test_resume_continues_the_stored_study(tmp_path):
    path = str(tmp_path / "s.optuna.journal")
    r1 = optimize(with_search(""), 30, storage=path, study_name="s", seed=1, gap_tol=None)
    first = [(t.number, t.params, t.values) for t in r1.study.trials]
    best1 = r1.best.evaluation.cost_per_flop_usd
    assert "certificate" in r1.study.user_attrs
    r2 = optimize(with_search(""), 20, storage=path, study_name="s", seed=2, gap_tol=None)
    assert len(r2.study.trials) == 50
    assert [(t.number, t.params, t.values) for t in r2.study.trials[:30]] == first
    assert r2.best.evaluation.cost_per_flop_usd <= best1
    assert r2.reference.cost_per_flop_usd == r1.reference.cost_per_flop_usd  # the stored certificate


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
    with pytest.raises(ValueError, match="parameterisation"):
        optimize(with_search(""), 5, parameterisation="sized")
    with pytest.raises(ValueError, match="gap_tol"):
        optimize(with_search(""), 5, gap_tol=-1.0)
    with pytest.raises(ValueError, match="patience"):
        optimize(with_search(""), 5, patience=0)
    with pytest.raises(ValueError, match="robust"):
        optimize(with_search(""), 5, robust="p50")
    with pytest.raises(ValueError, match="robust"):
        optimize(with_search(""), 5, robust="p90", objectives=["cost_per_flop", "mass"])
    with pytest.raises(ValueError, match="draws"):
        optimize(with_search(""), 5, robust="mean", draws=1)


def test_gp_sampler_needs_pytorch():
    try:
        import torch  # noqa: F401
    except ImportError:
        with pytest.raises(ValueError, match="sampler = 'gp'.*PyTorch"):
            optimize(with_search(""), 5, sampler="gp")
    else:
        res = optimize(with_search(""), 12, sampler="gp", seed=1, gap_tol=None)
        assert res.best is not None


def test_cli_optimize_resumes_and_writes_outputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(app, ["optimize", "--trials", "64", "--seed", "1", "--batch", "8", "--out", "out"])
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    for word in ("Best design", "Constraint margins", "Capital cost", "Ground with the same racks", "exact optimum", "gap of the best design"):
        assert word in text
    assert (tmp_path / "orbitflops.optuna.journal").exists()
    names = {p.name for p in (tmp_path / "out").iterdir()}
    for n in ("trials.csv", "trials.parquet", "best.toml", "history.png", "history.html", "pareto.png", "pareto.html",
              "importances.png", "importances.html", "cost_breakdown.png", "cost_breakdown.html", "plotly.min.js"):
        assert n in names
    assert not any(n.startswith(".") for n in names)  # no temporary files left behind
    assert "cdn.plot.ly" not in (tmp_path / "out" / "history.html").read_text()  # works offline
    best = of.Scenario.from_toml(tmp_path / "out" / "best.toml")
    assert of.evaluate(best.design, best).is_feasible
    import pyarrow.parquet as pq

    n1 = pq.read_table(tmp_path / "out" / "trials.parquet").num_rows
    assert 8 <= n1 <= 64
    m = re.search(r"\((\d+) in all\)", text)
    assert m, text
    n_all = int(m.group(1))
    # The second run continues the stored study: one batch of 8 at least (the stopping rule is
    # checked after each batch), every earlier trial kept.
    r = runner.invoke(app, ["optimize", "--trials", "8", "--seed", "2"])
    assert r.exit_code == 0, r.output
    text2 = " ".join(r.output.split())
    assert f"({n_all + 8} in all); this run added 8" in text2, text2
    study = optuna.load_study(study_name="orbitflops", storage=optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(str(tmp_path / "orbitflops.optuna.journal"))))
    assert len(study.trials) == n_all + 8
    assert len(study.get_trials(states=(optuna.trial.TrialState.COMPLETE,))) >= n1


def test_cli_optimize_bad_sampler_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["optimize", "--trials", "2", "--sampler", "annealing", "--storage", "memory"])
    assert r.exit_code == 2 and "sampler" in r.output


def test_an_optimum_on_a_bound_of_the_search_range_is_reported(tmp_path):
    s = of.Scenario.default()
    space = SearchSpace.from_scenario(s)
    assert space.on_bounds({"racks": 40, "spare_racks": 0, "altitude_m": 700e3}) == [("racks", "upper", 40.0)]
    assert space.on_bounds({"racks": 1, "spare_racks": 0, "altitude_m": 400e3}) == [("altitude_m", "lower", 400e3)]
    assert space.on_bounds({"racks": 15, "spare_racks": 1, "altitude_m": 780e3, "ltan_h": 0.0}) == []
    # The default scenario's cheapest designs have more than 6 racks (15 at the optimum, more
    # racks share the fixed costs); with the racks capped at 6 the best design fills them, and
    # the result says the optimum may lie beyond.
    text = s.to_toml()
    assert "racks = { low = 1.0, high = 40.0" in text
    p = tmp_path / "capped.toml"
    p.write_text(text.replace("racks = { low = 1.0, high = 40.0", "racks = { low = 1.0, high = 6.0"))
    capped = of.Scenario.from_toml(str(p))
    res = optimize(capped, 24, seed=1, with_reference=False, patience=None)
    assert res.best.params["racks"] == 6
    assert ("racks", "upper", 6.0) in res.on_bounds


def test_polish_escapes_another_local_minimum_of_the_same_choices():
    """On the skeptic's scenario the cheapest design for its best choices has a local minimum
    with 3 spares at 926.4 km and 313.79 K on the launch-mass boundary, 0.127 % above the one
    with 2 spares at 907.9 km and 309.20 K (both found by the hybrid search, seeds 0 and 1). A
    polish started in either must end at the same, lower cost."""
    s = of.Scenario.from_toml(EXAMPLES / "camps" / "skeptic.toml")
    space = SearchSpace.from_scenario(s)
    choices = {"cell": "silicon_thin", "rack": "gb200_nvl72_flight", "launcher": "starship", "strategy": "throttle", "pointing": "two_axis"}
    trap = {**choices, "altitude_m": 926_399.1, "ltan_h": 5.969, "radiator_temp_k": 313.79}
    near = {**choices, "altitude_m": 907_865.2, "ltan_h": 5.969, "radiator_temp_k": 309.20}
    from_trap, _ = exact.polish(space, trap)
    from_near, _ = exact.polish(space, near)
    start = exact.Evaluator(space, exact.temp_range_of(space)).at(choices, {k: trap[k] for k in ("altitude_m", "ltan_h", "radiator_temp_k")})
    assert from_trap.cost < start.cost * (1 - 1e-3)  # left the 3-spare minimum
    assert from_trap.cost <= from_near.cost * (1 + 1e-9)
    assert from_trap.spare_racks == 2
