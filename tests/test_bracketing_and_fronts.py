"""The certificate's bracketing rule (``exact._local_minima``, ``exact.candidates``) on ties,
edges and scales, and the Pareto helpers (``pareto.front``, ``scale_of``, ``normalised``,
``hypervolume``) on integer, float32 and empty inputs.

How the expected values are derived. Every grid below has three to five points of one or two
rack and spare counts, small enough to work out by hand from the rules the docstrings state:

* ``_local_minima``: a point is a minimum when both neighbours (the ends of a periodic grid
  being neighbours) are higher; a plateau counts once, at its first point; infinite values are
  never minima.
* ``candidates``: a rack and spare count whose feasibility changes across a cell can reach the
  lower of its two costs (``boundary``); a feasible local minimum of its cost can reach its value
  less twice the dip (cb - ca)^2 / (8 curv) of the parabola through the three points, curv =
  ca + cb - 2 ci (``interior``); infeasible at three points whose launch-mass margin peaks at the
  middle one (ties allowed), it may be feasible between them when the margin's parabola, at twice
  its height (mb - ma)^2 / (8 |mcurv|) above the middle point, rises above zero (``window``). A
  bracket counts only when its bound lies below best * (1 - RELATIVE_IMPROVEMENT): the same
  strict test that stops the line search (``c.bound >= best * (1 - RELATIVE_IMPROVEMENT)``).
* The Pareto helpers work in double precision: integer or float32 points give the same float64
  rows and quotients as the same values given as float64.

The comments give each hand calculation; no expected value is a number printed by the code.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from orbitflops.optimize import exact, pareto

TWO = ["cost_per_flop", "delivered_flops"]


def _grid(*rows):
    """Grid points of several rack and spare counts: each row is (costs, feasible, margins),
    one value per grid point."""
    n = len(rows[0][0])
    return [
        exact.Point(0.0, {}, {}, rows_cost=np.array([r[0][k] for r in rows], float), rows_ok=np.array([r[1][k] for r in rows], bool),
                    rows_margin=np.array([r[2][k] for r in rows], float))
        for k in range(n)
    ]


def _found(pts, best, periodic=False):
    return [(c.kind, c.i, c.row, c.bound) for c in exact.candidates(pts, best, periodic)]


# --- _local_minima ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "periodic", "expected"),
    [
        # one grid point on a circle is its own neighbour both ways: nothing is lower, so it is
        # the grid's minimum, as on a line
        ([5.0], True, [0]),
        # a plateau inside a periodic grid counts once, at its first point, when the values on
        # either side of the whole plateau are higher (3 before it, 2 after it)
        ([3.0, 1.0, 1.0, 2.0], True, [1]),
        ([2.0, 1.0, 1.0, 1.0, 3.0], True, [1]),
        ([0.0, 0.0, 1.0], True, [0]),
        # a plateau across the wrap starts at its last index (2, then 0)
        ([1.0, 2.0, 1.0], True, [2]),
        # non-periodic: a plateau at either end, higher on its one inner side
        ([1.0, 1.0, 2.0], False, [0]),
        ([2.0, 1.0, 1.0], False, [1]),
        # a tie with the neighbour on either side of a single point is a plateau, not a minimum
        # unless the plateau as a whole is lower than both its sides
        ([1.0, 1.0, 0.5, 2.0], False, [2]),
        ([2.0, 1.0, 1.0, 0.5], True, [3]),
    ],
)
def test_local_minima_count_each_plateau_once_by_its_outer_neighbours(values, periodic, expected):
    assert exact._local_minima(np.array(values), periodic) == expected


# --- candidates: which rack and spare count ------------------------------------------------------


def test_boundary_and_window_candidates_name_their_rack_and_spare_row():
    # row 0 feasible everywhere on a rising line 5, 6, 7: no bracket; row 1 feasible only at the
    # first point, costs 3, 2, 4: the feasibility boundary between points 0 and 1, bound min(3, 2)
    pts = _grid(([5.0, 6.0, 7.0], [True] * 3, [1.0] * 3), ([3.0, 2.0, 4.0], [True, False, False], [1.0, -1.0, -1.0]))
    assert _found(pts, 10.0) == [("boundary", 0, 1, 2.0)]
    # row 1 infeasible at all three, margin -1, -0.05, -5 kg: second difference -5.9, height
    # 16 / 47.2, twice it 0.678 > 0.05: a window; bound: the lowest cost 1 less twice the cost
    # parabola's dip (2 - 3)^2 / (8 * 3) = 1/24
    pts = _grid(([5.0, 6.0, 7.0], [True] * 3, [1.0] * 3), ([3.0, 1.0, 2.0], [False] * 3, [-1.0, -0.05, -5.0]))
    (got,) = _found(pts, 10.0)
    assert got[:3] == ("window", 1, 1) and got[3] == pytest.approx(1.0 - 2.0 / 24.0, rel=1e-15)


# --- candidates: the threshold is strict ---------------------------------------------------------


def test_a_bound_equal_to_the_improvement_threshold_is_not_a_candidate():
    best = 1.0
    t = best * (1 - exact.RELATIVE_IMPROVEMENT)  # the line search stops at the first bound >= t
    below = math.nextafter(t, 0.0)  # one ulp lower: an improvement
    # boundary: feasible at point 0 (cost t), not at point 1 (cost 5): bound min(t, 5) = t
    assert _found(_grid(([t, 5.0], [True, False], [1.0, -1.0])), best) == []
    assert _found(_grid(([below, 5.0], [True, False], [1.0, -1.0])), best) == [("boundary", 0, 0, below)]
    # interior: costs 2, t, 2, all feasible: the parabola is symmetric, (cb - ca)^2 = 0, no dip,
    # so the bound is the middle cost itself
    assert _found(_grid(([2.0, t, 2.0], [True] * 3, [1.0] * 3)), best) == []
    assert _found(_grid(([2.0, below, 2.0], [True] * 3, [1.0] * 3)), best) == [("interior", 1, 0, below)]
    # window (margins -1, -0.05, -5 as above): costs t, 2, 3 bend downwards (curvature t - 1 < 0),
    # no dip, so the bound is the lowest cost, t
    assert _found(_grid(([t, 2.0, 3.0], [False] * 3, [-1.0, -0.05, -5.0])), best) == []
    assert _found(_grid(([below, 2.0, 3.0], [False] * 3, [-1.0, -0.05, -5.0])), best) == [("window", 1, 0, below)]


# --- candidates: the interior parabola -----------------------------------------------------------


def test_interior_bound_with_a_curvature_below_one():
    # costs 1.5, 1, 1.25: curvature 1.5 + 1.25 - 2 = 0.75, dip (1.25 - 1.5)^2 / (8 * 0.75)
    # = 0.0625 / 6 = 1/96; the bound is 1 - 2/96 = 1 - 1/48
    ((kind, i, row, bound),) = _found(_grid(([1.5, 1.0, 1.25], [True] * 3, [1.0] * 3)), 10.0)
    assert (kind, i, row) == ("interior", 1, 0) and bound == pytest.approx(1.0 - 1.0 / 48.0, rel=1e-15)


# --- candidates: the window's margin parabola ----------------------------------------------------


@pytest.mark.parametrize(
    ("margins", "window"),
    [
        # -1.1, -1, -5.5: second difference -1.1 - 5.5 + 2 = -4.6, height 4.4^2 / (8 * 4.6)
        # = 19.36 / 36.8 = 0.5261; twice it, 1.0522, lifts -1 above zero: a window
        ([-1.1, -1.0, -5.5], True),
        # -1.1, -1, -4.5: second difference -3.6, height 3.4^2 / 28.8 = 0.4014; twice it, 0.8028,
        # leaves -1 below zero: none
        ([-1.1, -1.0, -4.5], False),
        # -2.5, -1, -8.5: second difference -9, height 36 / 72 = 0.5; twice it lifts -1 to exactly
        # zero, not above it: none
        ([-2.5, -1.0, -8.5], False),
        # a flat margin -1, -1, -1 has no peak between the points: none
        ([-1.0, -1.0, -1.0], False),
        # the margin tied at two points peaks between them: -1, -1, -6, second difference -5,
        # height 25 / 40 = 0.625, twice it 1.25 lifts -1 to 0.25 > 0. On a three-point grid only
        # the middle point has two neighbours, so a tie must count as a peak there or the window
        # between points 0 and 1 would be missed; the same mirrored
        ([-1.0, -1.0, -6.0], True),
        ([-6.0, -1.0, -1.0], True),
    ],
)
def test_window_needs_the_margin_parabola_above_zero_at_twice_its_height(margins, window):
    # costs 3, 1, 2 (dip 1/24): the window's bound is 1 - 2/24
    got = _found(_grid(([3.0, 1.0, 2.0], [False] * 3, margins)), 10.0)
    if window:
        ((kind, i, row, bound),) = got
        assert (kind, i, row) == ("window", 1, 0) and bound == pytest.approx(1.0 - 2.0 / 24.0, rel=1e-15)
    else:
        assert got == []


@pytest.mark.parametrize("scale", [1.0, 2.0**110])
def test_window_rule_is_the_same_at_any_scale_of_the_margin(scale):
    # margins s * (-(1 + 2^-52), -1, -1): second difference -2^-52 s, height
    # (2^-52 s)^2 / (8 * 2^-52 s) = 2^-55 s; twice it is far below the margin s: no window at any
    # scale (every term of the rule scales with s; a power of two scales exactly)
    margins = [-(1.0 + 2.0**-52) * scale, -scale, -scale]
    assert _found(_grid(([3.0, 1.0, 2.0], [False] * 3, margins)), 10.0) == []


# --- candidates: quiet ---------------------------------------------------------------------------


def test_candidates_are_quiet_on_straight_lines_and_infinite_costs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # costs and margins on straight lines (curvature 0 exactly): no minimum, no peak, no
        # bracket, and no division by zero on the way
        pts = _grid(([1.0, 2.0, 3.0], [True] * 3, [1.0, 2.0, 3.0]), ([3.0, 2.0, 1.0], [True] * 3, [3.0, 2.0, 1.0]))
        assert _found(pts, 10.0) == []
        # a design that delivers nothing costs +inf per FLOP (docs: cost_per_flop_usd "inf when
        # nothing is delivered"), one the model rejects NaN; each next to a feasible point of cost
        # 1: a feasibility boundary with bound min(inf or NaN, 1) = 1
        pts = _grid(([math.inf, 1.0, 2.0], [False, True, True], [-1.0, 1.0, 1.0]), ([math.nan, 1.0, 2.0], [False, True, True], [math.nan, 1.0, 1.0]))
        got = _found(pts, 10.0)
    assert ("boundary", 0, 0, 1.0) in got and ("boundary", 0, 1, 1.0) in got


def test_a_feasible_minimum_next_to_an_infinite_cost_is_an_interior_bracket():
    # costs inf, 1, 2 with point 1 feasible: a local minimum of the cost at a feasible point; the
    # parabola through the three points is infinitely sharp, so nothing bounds the cost between
    # points 1 and 2 from below: the bracket must be refined (the boundary between points 0 and 1
    # covers only that cell)
    got = _found(_grid(([math.inf, 1.0, 2.0], [False, True, True], [-1.0, 1.0, 1.0])), 10.0)
    assert [(k, i) for k, i, _, _ in got if k == "interior"] == [("interior", 1)]


# --- pareto: double precision and empty inputs ----------------------------------------------------


def test_front_and_scale_of_integer_or_float32_points_are_double_precision():
    # (1, 5), (2, 3), (2, 4): the last is dominated by (2, 3)
    for pts in (np.array([[1, 5], [2, 3], [2, 4]]), np.array([[1, 5], [2, 3], [2, 4]], np.float32), [[1, 5], [2, 3], [2, 4]]):
        got = pareto.front(pts)
        assert got.dtype == np.float64
        np.testing.assert_array_equal(got, [[1.0, 5.0], [2.0, 3.0]])
    # lowest cost per FLOP, highest delivered compute, heaviest design
    for e in (np.array([[3, 10, 7], [2, 20, 5]]), np.array([[3, 10, 7], [2, 20, 5]], np.float32)):
        got = pareto.scale_of(e)
        assert got.dtype == np.float64
        np.testing.assert_array_equal(got, [2.0, 20.0, 7.0])


def test_normalised_float32_points_give_the_double_precision_quotients():
    # cost 1 / 3 and mass 2 / 3 (delivered compute negated: -3 / 4), in double precision: float32
    # would give 1/3 only to 3e-8
    p = np.array([[1.0, 3.0, 2.0]], np.float32)
    scale = np.array([3.0, 4.0, 3.0], np.float32)
    got = pareto.normalised(p, ["cost_per_flop", "mass", "delivered_flops"], scale)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, [[1.0 / 3.0, 2.0 / 3.0, -0.75]], rtol=1e-15, atol=0.0)
    # integer points and divisors: the same true quotients
    np.testing.assert_allclose(pareto.normalised(np.array([[1, 3, 2]]), ["cost_per_flop", "mass"], np.array([3, 4, 3])), [[1.0 / 3.0, 2.0 / 3.0]],
                               rtol=1e-15, atol=0.0)


def test_hypervolume_of_no_points_is_zero_whatever_their_container():
    # no design: nothing dominated, zero area; as an empty list, an empty 1-d array or (0, 2)
    assert pareto.hypervolume([], TWO) == 0.0
    assert pareto.hypervolume(np.array([]), TWO) == 0.0
    assert pareto.hypervolume(np.zeros((0, 2)), TWO) == 0.0
