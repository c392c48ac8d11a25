"""The mission tier against an independent time-continuous reference (tests/mission_reference.py).

The reference solves each day's orbit as ODEs with ``scipy.integrate.solve_ivp`` and events; the
mission tier steps the same orbit with backward Euler on ``steps_per_orbit`` steps. The tests run
the mission tier at 48, 480 and 4,800 steps and require that

* the per-day inputs (beta angle, eclipse, array power, working racks) agree to rounding: they
  come from separate code on both sides;
* the worst-day state of charge, the radiator temperature swing over the lifetime, the delivered
  FLOP (and the same per day) approach the reference as the step shrinks, by at least a factor 20
  from 48 to 4,800 steps (first order gives 100), and lie within the first-order bounds below at
  every step count.

First-order bounds (dt = T / steps, T the orbital period; T / (steps / 8) when an orbit has no
eclipse, which the mission tier steps more coarsely): backward Euler on the lumped node
C dT/dt = Q - G T^4 has a global error of at most about (dt / (2 tau)) x the temperature change,
tau = C / (4 G T^3) its time constant, so the swing must be within swing x dt / (2 tau). The compute
rules (radiator cap, battery floor) are decided at the start of each step, so each switch of
regime per orbit misplaces at most one step: |compute fraction error| <= 2 dt / T per day, the
state of charge is off by at most the largest power that flows for one step per switch,
2 P_max dt / E_cap, per orbit since the store was last full, and where the radiator reaches its limit a temperature by at most one step
of the whole compute load's heat, dt P_compute / (eta_path C). Quantities the stepping resolves exactly (the state of charge when no
limit switches mid-orbit, the FLOP at constant compute) must agree to 1e-9.

The rule itself is checked on the reference: capped at its limit so that every watt dissipated
(charging losses included) is what the radiator rejects there, the radiator never exceeds its
limit in continuous time and starts at most at it; the mission tier exceeds it by no more than the
step in which it crosses it.

A wrong model does not converge: the mutant tests change one term of the reference (the racks'
heat capacity, the charging loss in the heat, a path efficiency) and show that the comparison at
4,800 steps then fails.
"""

from __future__ import annotations

import numpy as np
import pytest

import orbitflops as of

import mission_reference as mr

STEPS = (48, 480, 4800)
DAY_FRACTION = 1.0 / 365.2422


def _scenarios() -> dict[str, tuple[of.Scenario, of.Design | None]]:
    base = of.Scenario.default()
    noon = base.replace(ltan_h=10.5, pointing="two_axis", lifetime_yr=10 * DAY_FRACTION)
    D = of.Design
    return {
        # Dawn-dusk (LTAN 06:00) is in its eclipse season in January at 550 km.
        "dawn_dusk_in_season": (base.replace(ltan_h=6.0, lifetime_yr=30 * DAY_FRACTION), None),
        # At 1,200 km its season ends on the 8th: days without eclipse follow.
        "dawn_dusk_season_ends": (base.replace(ltan_h=6.0, altitude_m=1200e3, lifetime_yr=12 * DAY_FRACTION), None),
        # LTAN 10:30: a long eclipse every orbit.
        "noon_sso": (noon, None),
        # Inclined 51.6 deg, node drifting; umbra, one-axis array, nadir radiator; failures fast
        # enough that the one spare runs out mid-mission.
        "inclined_spares_run_out": (
            base.replace(kind="inclined", pointing="one_axis", shadow="umbra", orientation="nadir", failure_rate_per_yr=60.0, lifetime_yr=12 * DAY_FRACTION),
            D(5600, 540, 4, 1, None),
        ),
        # A small battery: the floor is reached every eclipse, compute stops and the bus draws the
        # store below its floor.
        "battery_at_floor": (noon, D(5600, 540, 4, 0, 6e8)),
        # A battery so small that it empties: load unserved.
        "battery_empty": (noon, D(5600, 540, 4, 0, 2e7)),
        # A small radiator: compute capped at the radiator limit.
        "radiator_at_limit": (noon, D(5600, 380, 4, 0, None)),
        # One-sided radiator with mirrors.
        "one_sided_osr": (noon.replace(radiator_sides=1, coating="osr"), D(5600, 1000, 4, 0, None)),
        # Compute sleeps in eclipse; a small array and radiator.
        "throttle": (noon.replace(strategy="throttle"), D(4000, 400, 4, 0, None)),
        # Radiator at its limit in sunlight while a large battery helps a small array (the
        # store's path more efficient than the array's): compute is capped in the store's giving
        # regime and slides along the limit.
        "radiator_sliding": (
            base.replace(ltan_h=10.5, pointing="two_axis", regulation_efficiency=0.90, lifetime_yr=3 * DAY_FRACTION),
            D(1500, 350, 4, 0, 3e10),
        ),
    }


SCENARIOS = _scenarios()


@pytest.fixture(scope="module")
def runs():
    """Reference and mission tier (at each step count) for every scenario, computed once."""
    out = {}
    for name, (s, d) in SCENARIOS.items():
        design = d if d is not None else s.design
        ref = mr.simulate(s, design)
        mission = {n: of.evaluate(design, s.replace(steps_per_orbit=n), tier="mission") for n in STEPS}
        out[name] = (s, design, ref, mission)
    return out


def _swing(t: dict) -> float:
    return t["radiator_temp_max_k"] - t["radiator_temp_min_k"]


def _tau_min_s(s: of.Scenario, design: of.Design, ref: dict) -> float:
    """Shortest time constant of the radiator node over the lifetime, s."""
    P = s.params()
    c = P["radiator_areal_density_kg_m2"] * P["radiator_specific_heat_j_kg_k"] * design.radiator_area_m2 + P["rack_heat_capacity_j_k"] * ref["days"]["working_racks"].min()
    eps = max(P["radiator_emissivity_bol"], P["radiator_emissivity_eol"])
    g = P["radiator_sides"] * eps * mr.SIGMA * design.radiator_area_m2
    return c / (4.0 * g * ref["totals"]["radiator_temp_max_k"] ** 3)


def errors(s, design, ref, m) -> dict[str, float]:
    """Differences between one mission-tier run and the reference."""
    rt, mt = ref["totals"], m.totals
    rd, md = ref["days"], m.days
    return {
        "soc_min": abs(mt["soc_min"] - rt["soc_min"]),
        "swing_k": abs(_swing(mt) - _swing(rt)),
        "delivered_flop_rel": abs(mt["delivered_flop"] / rt["delivered_flop"] - 1.0),
        "day_soc_min": float(np.max(np.abs(md["soc_min"] - rd["soc_min"]))),
        "day_temp_k": float(max(np.max(np.abs(md["radiator_temp_max_k"] - rd["radiator_temp_max_k"])), np.max(np.abs(md["radiator_temp_min_k"] - rd["radiator_temp_min_k"])))),
        "day_compute_fraction": float(np.max(np.abs(md["compute_fraction"] - rd["compute_fraction"]))),
    }


def bounds(s, design, ref, steps: int) -> dict[str, float]:
    """First-order error bounds at a step count (see the module docstring)."""
    P = s.params()
    period = float(of.period_s(P["altitude_m"]))
    # An orbit without eclipse takes an eighth of the steps (at least 4).
    dt = period / (steps if np.all(ref["days"]["eclipse_s"] > 0) else max(steps // 8, 4))
    tau = _tau_min_s(s, design, ref)
    rt = ref["totals"]
    temp_span = _swing(rt)
    temp_bound = temp_span * dt / (2.0 * tau)
    if np.any(ref["days"]["radiator_temp_max_k"] >= rt["radiator_temp_limit_k"] - 1e-6):
        # The radiator cap switches: one step of the whole compute load's heat, at most.
        c_min = P["radiator_areal_density_kg_m2"] * P["radiator_specific_heat_j_kg_k"] * design.radiator_area_m2 + P["rack_heat_capacity_j_k"] * ref["days"]["working_racks"].min()
        path = min(P["regulation_efficiency"], P["battery_discharge_efficiency"]) * P["distribution_efficiency"]
        temp_bound += dt * (1 + P["bus_fraction"]) * P["rack_power_w"] * design.racks / path / c_min
    cap = rt["battery_energy_j"]
    p_max = float(ref["days"]["array_power_w"].max()) + P["bus_fixed_w"] + (1 + P["bus_fraction"]) * P["rack_power_w"] * design.racks
    # Errors in the stored energy carry over from orbit to orbit until the store is full again.
    run = longest = 0
    for full in ref["days"]["soc_max"] >= 1.0 - 1e-12:
        run = 0 if full else run + 1
        longest = max(longest, run)
    soc = 2.0 * p_max * dt / cap * (1 + longest) if cap > 0 else 0.0
    exact = 1e-9
    return {
        "soc_min": soc + exact,
        "swing_k": temp_bound + exact * temp_span,
        "delivered_flop_rel": 2.0 * dt / period + exact,
        "day_soc_min": soc + exact,
        "day_temp_k": temp_bound + exact * temp_span,
        "day_compute_fraction": 2.0 * dt / period + exact,
    }


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_day_inputs_match_the_reference_geometry(runs, name):
    s, design, ref, mission = runs[name]
    m, r = mission[STEPS[0]].days, ref["days"]
    assert len(m["beta_rad"]) == len(r["beta_rad"])
    np.testing.assert_allclose(m["beta_rad"], r["beta_rad"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(m["eclipse_s"], r["eclipse_s"], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(m["array_power_w"], r["array_power_w"], rtol=1e-12)
    np.testing.assert_allclose(m["working_racks"], r["working_racks"], rtol=1e-12)
    assert mission[STEPS[0]].totals["battery_energy_j"] == pytest.approx(ref["totals"]["battery_energy_j"], rel=1e-12)


def test_scenarios_exercise_every_regime(runs):
    """The scenarios reach what they are meant to (else the comparisons below test less)."""
    ref = {k: v[2] for k, v in runs.items()}
    days = ref["dawn_dusk_in_season"]["days"]["eclipse_s"]
    assert np.all(days > 0)
    ends = ref["dawn_dusk_season_ends"]["days"]["eclipse_s"]
    assert ends[0] > 0 and ends[-1] == 0
    w = ref["inclined_spares_run_out"]["days"]["working_racks"]
    assert w[0] == 4 and w[-1] < 4
    t = ref["battery_at_floor"]["totals"]
    assert t["soc_min"] < t["soc_floor"] and t["unserved_energy_j"] == 0 and t["compute_fraction_mean"] < 1
    assert ref["battery_empty"]["totals"]["unserved_energy_j"] > 0
    lim = ref["radiator_at_limit"]["totals"]
    assert lim["radiator_temp_min_k"] >= lim["radiator_temp_limit_k"] - 1e-6 and lim["compute_fraction_mean"] < 0.9
    th = ref["throttle"]["totals"]
    assert th["compute_fraction_mean"] < 0.7
    assert ref["radiator_sliding"]["totals"]["sliding_segments"] > 0
    # The radiator holds its limit with the store charging, full and giving.
    assert {"charging", "full", "giving"} <= set().union(*(r["totals"]["sliding_regimes"] for r in ref.values()))


def disagreements(name, s, design, ref, mission) -> list[str]:
    """Every way the mission tier at STEPS fails to match the reference: an error above its
    first-order bound at some step count, or an error that does not fall at least 20-fold from
    48 to 4,800 steps (first order: 100) unless already at rounding level."""
    out = []
    errs = {n: errors(s, design, ref, mission[n]) for n in STEPS}
    for n in STEPS:
        b = bounds(s, design, ref, n)
        out += [f"{name}, {n} steps, {k}: error {e:.3e} above the first-order bound {b[k]:.3e}" for k, e in errs[n].items() if not e <= b[k]]
    coarse, fine = errs[STEPS[0]], errs[STEPS[-1]]
    for k in coarse:
        floor = 1e-9 * (_swing(ref["totals"]) if k in ("swing_k", "day_temp_k") else 1.0)
        if not fine[k] <= max(coarse[k] / 20.0, floor):
            out.append(f"{name}, {k}: {coarse[k]:.3e} at {STEPS[0]} steps, {fine[k]:.3e} at {STEPS[-1]}: no convergence")
    return out


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_mission_tier_converges_to_the_reference(runs, name):
    s, design, ref, mission = runs[name]
    assert disagreements(name, s, design, ref, mission) == []


def test_temperature_swing_is_first_order_in_the_step(runs):
    """The swing's error scales as 1/steps (backward Euler): a tenth of the step, a tenth of the
    error, within a factor of two, where the radiator stays below its limit. (Where it reaches
    the limit, the mission tier overshoots it in the step in which it crosses: an error within
    one step's heat, but one that depends on where in the step the crossing falls, so not a
    smooth function of the step.)"""
    below = [name for name, (_, _, ref, _) in runs.items() if ref["totals"]["radiator_temp_max_k"] < ref["totals"]["radiator_temp_limit_k"] - 1.0]
    assert len(below) >= 3, below
    for name in below:
        s, design, ref, mission = runs[name]
        e = [errors(s, design, ref, mission[n])["swing_k"] for n in STEPS]
        for a, b in zip(e, e[1:]):
            assert 5.0 <= a / b <= 20.0, (name, e)


def test_the_cap_keeps_the_radiator_at_or_below_its_limit(runs):
    """At its limit the radiator takes no more than it rejects there: compute is capped so that
    every watt dissipated on board (the load's conversion losses and the charging losses of what
    goes into the store) is the radiator's rejection at the limit. In continuous time the
    radiator then never exceeds its limit, whether the store charges, is full or gives (the
    scenarios reach it in every regime); the mission tier exceeds it only in the step in which it
    crosses it (the first-order bound of ``bounds``), which vanishes as the step shrinks."""
    reached = []
    for name, (s, design, ref, mission) in runs.items():
        t = ref["totals"]
        limit = t["radiator_temp_limit_k"]
        assert t["radiator_temp_max_k"] <= limit + 1e-9, (name, t["radiator_temp_max_k"] - limit)
        if t["radiator_temp_max_k"] >= limit - 1e-9:
            reached.append(name)
        for n in STEPS:
            over = mission[n].totals["radiator_temp_max_k"] - limit
            assert over <= bounds(s, design, ref, n)["day_temp_k"], (name, n, over)
    assert len(reached) >= 6, reached


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_radiator_starts_at_the_equilibrium_of_what_it_carries(runs, name):
    """Day 0 starts with a full battery and the radiator at the equilibrium of the sunlit
    dissipation it carries: the analytic tier's at full compute, or, when that equilibrium is
    above the limit, the rejection at the limit that the cap lets through, i.e. at the limit."""
    s, design, ref, _ = runs[name]
    start = ref["totals"]["radiator_temp_start_k"]
    assert start <= ref["totals"]["radiator_temp_limit_k"]
    m = of.mission.evaluate_mission(design, s, trace_day=0)
    assert m.worst_orbit["radiator_temp_k"][0] == pytest.approx(start, rel=1e-12, abs=0)


# --- the comparison fails for a wrong model ---------------------------------------------------


def _phase_without_rack_heat_capacity(orig):
    def init(self, P, *a, **k):
        orig(self, P, *a, **k)
        self.c = P["radiator_areal_density_kg_m2"] * P["radiator_specific_heat_j_kg_k"] * self.area

    return init


def _phase_without_charging_loss(orig_flows):
    def flows(self, x, e_j):
        de, heat, unserved = orig_flows(self, x, e_j)
        if de > 0:
            heat -= (1.0 - self.eta_ch) * de / self.eta_ch
        return de, heat, unserved

    return flows


def _phase_with_discharge_only(orig):
    def init(self, P, *a, **k):
        orig(self, P, *a, **k)
        self.eta_s = P["battery_discharge_efficiency"]

    return init


MUTANTS = {
    "racks' heat capacity left out": ("__init__", _phase_without_rack_heat_capacity),
    "charging loss not dissipated": ("flows", _phase_without_charging_loss),
    "distribution loss left out of the store's path": ("__init__", _phase_with_discharge_only),
}


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_a_wrong_reference_model_is_caught(runs, monkeypatch, mutant):
    attr, make = MUTANTS[mutant]
    name = "noon_sso"
    s, design, _, mission = runs[name]
    monkeypatch.setattr(mr.Phase, attr, make(getattr(mr.Phase, attr)))
    assert disagreements(name, s, design, mr.simulate(s, design), mission) != []
