"""The parity-year root finder (orbitflops.compare.pricing.parity_year): the year grid and its
default horizon, the bracket it picks, and the Illinois false-position refinement, checked on
ratios of known shape.

Two kinds of ratio are used. Cost lines of the real model chosen so that the ratio has a closed
form: orbit paying only launch under a launch curve whose mass doubles in a year and a learning
rate of 50 % gives r0 / (1 + dt) (convex), and orbit at a fixed cost against a ground whose
electricity price doubles every year gives O / (G0 + G1 2^dt) (concave where G1 2^dt < G0).
And, to reach the cases the model makes rare (a ratio exactly linear, infinite at one end of the
bracket), YearModel.ratio replaced by a function written in the test.

The model is evaluated through YearModel.ratio, which the tests wrap with a counter. Expected
values are roots solved by hand, and evaluation counts that follow from how false position works:
it lands exactly on the root of a linear ratio in one step; with Illinois' halving it shrinks a
one-year bracket to 1e-7 yr in far fewer evaluations than bisection's ceil(log2(1e7)) = 24.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import orbitflops as of
import pytest
from orbitflops.compare import pricing

SCENARIO = of.Scenario.default()
REF = SCENARIO.params()["cost_ref_year"]

LINE_NAMES = pricing.LINE_OUTPUTS

# Every hardware curve doubles its production in the first year (its lines are zero below, so
# only the launch curve and the ground trends move the ratio); a zero discount rate over 4 years
# makes the annuity 4 yr.
COLS = {
    "pv_learning_rate": 0.25, "pv_cumulative_w": 1e12, "pv_production_w_per_yr": 1e12, "pv_production_growth_per_yr": 0.0,
    "satellite_learning_rate": 0.1, "satellite_cumulative_kg": 1e6, "satellite_production_kg_per_yr": 1e6, "satellite_production_growth_per_yr": 0.0,
    "battery_learning_rate": 0.5, "battery_cumulative_wh": 1e12, "battery_production_wh_per_yr": 1e12, "battery_production_growth_per_yr": 0.0,
    "electricity_price_trend_per_yr": 0.0, "ground_capex_trend_per_yr": 0.0,
    "integration_fraction": 0.0, "insurance_fraction": 0.0, "ops_fraction_per_yr": 0.0, "discount_rate": 0.0, "lifetime_yr": 4.0,
    # launches of m0 a year, no growth: N(y) = m0 (1 + dt), so at LR = 50 % the price is
    # 2000 / (1 + dt) USD/kg
    "launch_price_usd_per_kg": 2000.0, "learning_rate": 0.5, "learning_ref_year": REF, "learning_m0_kg": 5e5,
    "launched_mass_kg_per_yr": 5e5, "launched_mass_growth_per_yr": 0.0, "launch_price_floor_usd_per_kg": 1e-3,
}

BISECTION_EVALS = math.ceil(math.log2(1.0 / 1e-7))  # 24: halving a one-year bracket to 1e-7 yr


def _zero_lines() -> dict[str, float]:
    lines = {k: 0.0 for k in LINE_NAMES}
    lines.update(racks=1.0, pv_flop=1.0, ground_pv_flop=1.0)
    return lines


def launch_only(r0: float) -> dict[str, float]:
    """Orbit pays only 1000 kg of launch (2e6 / (1 + dt) USD), the ground a fixed 2e6 / r0 USD:
    the ratio is r0 / (1 + dt), convex and falling, 1 at dt = r0 - 1."""
    lines = _zero_lines()
    lines.update(launch_billed_mass_kg=1000.0, ground_racks_usd=2e6 / r0)
    return lines


def fixed_orbit_rising_electricity(o: float, g0: float, g1: float) -> tuple[dict[str, float], dict[str, float]]:
    """Orbit costs a fixed o USD; the ground g0 USD plus electricity of g1 USD over the life at
    cost_ref_year, its price doubling every year: the ratio is o / (g0 + g1 2^dt)."""
    lines = _zero_lines()
    lines.update(nre_usd=o, ground_racks_usd=g0, ground_energy_usd_per_yr=g1 / 4.0)  # annuity 4 yr
    return lines, dict(COLS, electricity_price_trend_per_yr=1.0)


@pytest.fixture
def evals(monkeypatch):
    """Every call of YearModel.ratio, as the array of years it was asked for."""
    calls: list[np.ndarray] = []
    orig = pricing.YearModel.ratio

    def counted(self, year):
        calls.append(np.array(year, dtype=float, copy=True))
        return orig(self, year)

    monkeypatch.setattr(pricing.YearModel, "ratio", counted)
    return calls


def replace_ratio(monkeypatch, fn):
    """YearModel.ratio replaced by fn(year) (the same for every draw), counted."""
    calls: list[np.ndarray] = []

    def ratio(self, year):
        y = np.array(year, dtype=float, copy=True)
        calls.append(y)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(fn(y), dtype=float)

    monkeypatch.setattr(pricing.YearModel, "ratio", ratio)
    return calls


YEARLY = REF + np.arange(0.0, 6.0)


# --- the default horizon ----------------------------------------------------------------------


def test_default_horizon_is_the_year_2100():
    # r0 / (1 + dt) = 1 at dt = r0 - 1: with r0 = 75.5 that is REF + 74.5 = 2100.5 (REF = 2026),
    # after the default horizon 2100: never.
    assert REF == 2026.0
    assert pricing.parity_year(launch_only(75.5), SCENARIO, COLS)[0] == math.inf
    assert pricing.parity_year(launch_only(75.5), SCENARIO, COLS, horizon_year=2101.0)[0] == pytest.approx(2100.5, abs=1e-6)
    # half a year earlier, 2099.5, is inside the default horizon
    assert pricing.parity_year(launch_only(74.5), SCENARIO, COLS)[0] == pytest.approx(2099.5, abs=1e-6)


# --- the bracket ------------------------------------------------------------------------------


def test_cheaper_from_the_start_on_a_grid_that_starts_later_is_the_reference_year():
    # r0 = 0.5: the ratio 0.5 / (1 + dt) is below 1 from cost_ref_year on, so the answer is
    # cost_ref_year whatever grid is searched, here one whose first year is a year later.
    grid = REF + np.array([1.0, 4.0, 10.0])
    assert pricing.parity_year(launch_only(0.5), SCENARIO, COLS, grid=grid)[0] == REF


def test_grid_starting_after_the_reference_year_still_finds_the_crossing():
    # r0 = 1.5: 1.5 / (1 + dt) = 1 at dt = 0.5, before the first grid year REF + 1 (ratio 0.75);
    # at cost_ref_year itself the ratio is 1.5, orbit is not cheaper then.
    grid = REF + np.array([1.0, 4.0, 10.0])
    assert pricing.parity_year(launch_only(1.5), SCENARIO, COLS, grid=grid)[0] == pytest.approx(REF + 0.5, abs=1e-6)


def test_cost_ref_year_is_looked_at_once_whatever_the_grid(evals):
    # An empty grid: only cost_ref_year is looked at (one evaluation), where r0 = 0.5 is cheaper
    # and r0 = 2 is not (never, on that grid).
    assert pricing.parity_year(launch_only(0.5), SCENARIO, COLS, grid=[])[0] == REF
    assert pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=np.array([]))[0] == math.inf
    assert len(evals) == 2
    # a grid of cost_ref_year alone, or one starting before it, evaluates it once, not twice
    evals.clear()
    assert pricing.parity_year(launch_only(0.5), SCENARIO, COLS, grid=[REF])[0] == REF
    assert len(evals) == 1
    evals.clear()
    assert pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=[REF - 3.0, REF + 2.0])[0] == pytest.approx(REF + 1.0, abs=1e-7)
    np.testing.assert_array_equal(evals[0], [REF])
    np.testing.assert_array_equal(evals[1], [REF + 2.0])


def test_grid_out_of_order_cheaper_at_the_reference_year_is_the_reference_year():
    # The ground's price halves every year (capex trend -50 %), orbit a fixed cost: the ratio
    # 0.8 * 2^dt rises, at most 1 only at dt <= log2(1.25). The grid lists a later year first
    # (ratio 0.8 * 32 > 1), then cost_ref_year (0.8): orbit is cheaper at cost_ref_year, the
    # answer. Even a tolerance of zero must not make the finder refine a bracket that runs
    # backwards.
    lines = _zero_lines()
    lines.update(nre_usd=0.8, ground_facility_pv_usd=1.0)
    cols = dict(COLS, ground_capex_trend_per_yr=-0.5)
    grid = REF + np.array([5.0, 0.0])
    assert pricing.parity_year(lines, SCENARIO, cols, grid=grid, tol_yr=0.0)[0] == REF


# --- the refinement ---------------------------------------------------------------------------


def test_false_position_lands_on_the_root_of_a_linear_ratio_in_one_evaluation(monkeypatch):
    # ratio = 1 + (REF + 2.5 - y): f = ratio - 1 is 0.5 at REF + 2 and -0.5 at REF + 3; the secant through them is f itself, its zero REF + 3 - (-0.5)(1)/(-1)
    # = REF + 2.5 exactly, where f = 0: the bracket closes after one evaluation.
    calls = replace_ratio(monkeypatch, lambda y: 1.0 + (REF + 2.5 - y))
    y = pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=YEARLY)
    assert y[0] == REF + 2.5
    assert len(calls) == 4 + 1  # grid years REF .. REF + 3, then the one secant step


def test_a_bracket_already_within_tolerance_is_not_refined(monkeypatch):
    # Same linear ratio; with tol_yr = 1 the grid's bracket [REF + 2, REF + 3] (1 yr) is already
    # narrow enough: the answer is its upper end, where orbit is cheaper, without a further
    # evaluation.
    calls = replace_ratio(monkeypatch, lambda y: 1.0 + (REF + 2.5 - y))
    y = pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=YEARLY, tol_yr=1.0)
    assert y[0] == REF + 3.0
    assert len(calls) == 4


def test_an_infinite_ratio_at_the_bracket_end_is_bisected_to_the_root(monkeypatch):
    # f = ratio - 1 = (REF + 2.3 - y) / (y - (REF + 2)) above REF + 2, +inf at and before it (as if
    # orbit cost without bound there): the grid brackets [REF + 2, REF + 3] with f = inf, -0.7.
    # The secant through an infinite end is the end itself; bisection must take over. Root:
    # REF + 2.3.
    def f(y):
        return np.where(y > REF + 2.0, 1.0 + (REF + 2.3 - y) / (y - (REF + 2.0)), np.inf)

    calls = replace_ratio(monkeypatch, f)
    y = pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=YEARLY)
    assert y[0] == pytest.approx(REF + 2.3, abs=1e-7)
    assert len(calls) - 4 < BISECTION_EVALS


ILLINOIS_MAX_EVALS = 10
"""Refinement evaluations allowed from a one-year bracket to 1e-7 yr: under half of bisection's
24. Illinois false position converges with order 3^(1/3) = 1.44 per evaluation (Dowell & Jarratt
1971) once the halving has set in; plain false position on a convex or concave ratio keeps one
end for ever and only creeps up on the root (linear convergence), so its bracket never closes."""


def test_a_secant_step_onto_the_bracket_end_is_replaced_by_bisection(monkeypatch):
    # f = ratio - 1 is 2^-52 (the least above 0 a ratio near 1 can give) up to A = REF + 2, then
    # falls with slope 1: -1 + 2^-52 at B = REF + 3. The secant's zero
    # B - f(B) (B - A) / (f(B) - f(A)) = A + 2^-52 rounds to A itself (a year's last bit is
    # 2^-42): a stall, where the finder bisects: its first refinement year is (A + B) / 2.
    eps = 2.0**-52
    A, B = REF + 2.0, REF + 3.0
    calls = replace_ratio(monkeypatch, lambda y: np.where(y <= A, 1.0 + eps, 1.0 + eps - (y - A)))
    fa, fb = eps, (1.0 + eps - 1.0) - 1.0
    assert B - fb * (B - A) / (fb - fa) == A  # the premise: the secant lands on the end
    y = pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=YEARLY)[0]
    assert float(np.ravel(calls[4])[0]) == REF + 2.5
    assert A <= y <= A + 1e-7


def test_an_undefined_ratio_at_the_bracket_end_is_bisected_to_the_root(monkeypatch):
    # The ratio is undefined (nan, as when a price overflows against a zero cost line) up to
    # REF + 2, then 1 + (REF + 2.3 - y): the grid brackets [REF + 2, REF + 3] with f = nan, -0.7.
    # The secant is undefined; bisection (REF + 2.5, then REF + 2.25) reaches the defined part and
    # the root REF + 2.3.
    calls = replace_ratio(monkeypatch, lambda y: np.where(y > REF + 2.0, 1.0 + (REF + 2.3 - y), np.nan))
    y = pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=YEARLY)[0]
    assert [float(np.ravel(c)[0]) for c in calls[4:6]] == [REF + 2.5, REF + 2.25]
    assert y == pytest.approx(REF + 2.3, abs=1e-7)


@pytest.mark.parametrize(
    ("r0", "n_grid"),
    [
        (3.7, 4),  # root REF + 2.7: grid years REF .. REF + 3 evaluated
        (1.9, 2),  # root REF + 0.9
        (5.05, 6),  # root REF + 4.05, close to the grid year below it
    ],
)
def test_convex_ratio_root_to_tolerance_in_few_evaluations(evals, r0, n_grid):
    # r0 / (1 + dt) = 1 at dt = r0 - 1. Convex and falling: every secant step lands where orbit
    # is already cheaper, so the end before the crossing is the one kept (and halved).
    root = REF + r0 - 1.0
    y = pricing.parity_year(launch_only(r0), SCENARIO, COLS, grid=YEARLY)[0]
    assert root <= y + 1e-12 and y - 1e-7 <= root + 1e-12  # the bracket's cheaper end, within tol_yr
    assert n_grid < len(evals) <= n_grid + ILLINOIS_MAX_EVALS


@pytest.mark.parametrize(("o", "g1", "n_grid"), [(1.25, 0.1, 3), (1.3, 0.05, 4)])
def test_concave_ratio_root_to_tolerance_in_few_evaluations(evals, o, g1, n_grid):
    # o / (g0 + g1 2^dt) with g0 = 1 is 1 where 2^dt = (o - 1) / g1: dt = log2(2.5) = 1.32 and
    # log2(6) = 2.58. There g1 2^dt = o - 1 < g0, where 1 / (g0 + g1 2^dt) is concave and falling:
    # every secant step lands where orbit is still dearer, so the cheaper end is the one kept.
    root = REF + math.log2((o - 1.0) / g1)
    lines, cols = fixed_orbit_rising_electricity(o, 1.0, g1)
    y = pricing.parity_year(lines, SCENARIO, cols, grid=YEARLY)[0]
    assert root <= y + 1e-12 and y - 1e-7 <= root + 1e-12
    assert n_grid < len(evals) <= n_grid + ILLINOIS_MAX_EVALS


def test_many_draws_each_to_tolerance_in_few_evaluations(evals):
    # One vectorised search: draws already cheaper (0.5), never by the grid's end (200), and
    # crossings at REF + 2.7, 0.9, 4.05 and 8.6 that converge at different speeds.
    r0 = np.array([3.7, 0.5, 1.9, 200.0, 5.05, 9.6])
    lines = {k: np.array([launch_only(r)[k] for r in r0]) for k in LINE_NAMES}
    grid = REF + np.arange(0.0, 12.0)
    y = pricing.parity_year(lines, SCENARIO, COLS, grid=grid)
    expected = np.array([REF + 2.7, REF, REF + 0.9, math.inf, REF + 4.05, REF + 8.6])
    np.testing.assert_allclose(y, expected, atol=1e-7, rtol=0.0)
    assert len(evals) <= len(grid) + ILLINOIS_MAX_EVALS


def test_crossing_on_a_grid_year_needs_few_evaluations(evals):
    # r0 = 3: 3 / (1 + dt) = 1 at dt = 2, the grid year REF + 2 (the third evaluated).
    y = pricing.parity_year(launch_only(3.0), SCENARIO, COLS, grid=YEARLY)[0]
    assert y == pytest.approx(REF + 2.0, abs=1e-7)
    assert len(evals) <= 3 + ILLINOIS_MAX_EVALS


def test_zero_tolerance_stops_at_the_iteration_budget(evals):
    # tol_yr = 0 asks for a bracket of no width, which false position does not reach once its
    # ends are neighbouring doubles: the refinement stops after its budget of 200 evaluations,
    # at the root to the last few bits.
    y = pricing.parity_year(launch_only(3.7), SCENARIO, COLS, grid=YEARLY, tol_yr=0.0)[0]
    assert y == pytest.approx(REF + 2.7, abs=1e-11)
    assert 4 < len(evals) <= 4 + 200


def test_zero_tolerance_stops_at_an_exact_root(monkeypatch):
    # On the linear ratio of above the first secant step is the root (f = 0): the bracket closes
    # to a point, narrower than any tolerance, even zero: no further evaluation.
    calls = replace_ratio(monkeypatch, lambda y: 1.0 + (REF + 2.5 - y))
    y = pricing.parity_year(launch_only(2.0), SCENARIO, COLS, grid=YEARLY, tol_yr=0.0)
    assert y[0] == REF + 2.5
    assert len(calls) == 4 + 1


@pytest.mark.parametrize("tol", [-1.0, math.nan, math.inf])
def test_a_tolerance_that_is_not_a_finite_non_negative_number_is_refused(tol):
    with pytest.raises(ValueError, match=r"^tol_yr = " + re.escape(repr(tol)) + r": must be a finite number in \[0\.0, inf\]$"):
        pricing.parity_year(launch_only(2.0), SCENARIO, COLS, tol_yr=tol)


def illinois_steps(f, a: float, b: float, tol: float) -> list[float]:
    """The years textbook Illinois false position evaluates (Dowell & Jarratt 1971; f(a) > 0 >=
    f(b)): the secant's zero c = b - f(b) (b - a) / (f(b) - f(a)) replaces the end whose f has its
    sign, and an end kept twice in a row has its f halved before the next secant. Stops when the
    bracket is at most tol wide or c is a root."""
    fa, fb, last, out = f(a), f(b), 0, []
    while b - a > tol:
        c = b - fb * (b - a) / (fb - fa)
        assert a < c < b  # no fall-back needed on these smooth ratios
        fc = f(c)
        out.append(c)
        if fc > 0.0:  # c replaces a; b kept
            if last == 1:
                fb *= 0.5
            a, fa, last = c, fc, 1
        else:
            if last == -1:
                fa *= 0.5
            b, fb, last = c, fc, -1
            if fc == 0.0:
                break
    return out


@pytest.mark.parametrize("case", ["convex", "concave", "concave_far"])
def test_refinement_evaluates_the_years_of_textbook_illinois(evals, case):
    # The same ratios as above, the bracket the grid gives (yearly), and the years the finder
    # asks the model for after the grid against those of the textbook iteration.
    if case == "convex":
        lines, cols, a = launch_only(3.7), COLS, REF + 2.0
    else:
        lines, cols = fixed_orbit_rising_electricity(*((1.25, 1.0, 0.1) if case == "concave" else (1.3, 1.0, 0.05)))
        a = REF + (1.0 if case == "concave" else 2.0)
    model = pricing.YearModel(lines, SCENARIO, cols)
    expected = illinois_steps(lambda y: float(np.ravel(model.ratio(y))[0]) - 1.0, a, a + 1.0, 1e-7)
    evals.clear()
    pricing.parity_year(lines, SCENARIO, cols, grid=YEARLY)
    n_grid = int(a - REF) + 2
    got = [float(np.ravel(y)[0]) for y in evals[n_grid:]]
    assert got == pytest.approx(expected, abs=1e-9)


def test_a_ratio_jumping_from_plus_to_minus_infinity_is_bisected_quietly():
    # Orbit delivers nothing (pv_flop = 0: its cost per FLOP is inf) and the ground's cost
    # 1 - 0.4 * 2^dt (a facility line of -0.4 whose price doubles yearly) turns negative at
    # dt = log2(2.5): the ratio is +inf before, -inf after. The secant through f = +inf and -inf is
    # undefined (inf / inf); the finder bisects to the sign change without a RuntimeWarning.
    lines = _zero_lines()
    lines.update(pv_flop=0.0, ground_racks_usd=1.0, ground_facility_pv_usd=-0.4)
    cols = dict(COLS, ground_capex_trend_per_yr=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = pricing.parity_year(lines, SCENARIO, cols, grid=YEARLY)[0]
    assert y == pytest.approx(REF + math.log2(2.5), abs=1e-7)
