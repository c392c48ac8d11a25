"""The exact optimum of cost per delivered FLOP over the whole search space (the certificate
every optimisation result is measured against), and the polish the hybrid search applies to its
best trials.

Structure of the problem. For given choices and global variables, the cheapest design is the one
:func:`orbitflops.size` gives: the smallest array, radiator and battery that carry the load
(docs/model.md, sizing); a larger one only adds mass and cost, and the sized design meets the
power, battery and thermal constraints, so only the launcher's capacity can refuse it. What
remains is

* the categorical choices (cell, launcher, compute payload, eclipse strategy, pointing, ...):
  every combination is enumerated;
* the integer variables: every rack and spare count in the bounds is evaluated at every point,
  in one batch (``evaluate_batch(..., sized=True)``), so the discrete optimum at each point is
  exact; an integer scenario parameter is enumerated as a coordinate;
* the continuous global variables (altitude, LTAN, radiator temperature, any other scenario
  parameter searched): each is searched along its whole range by a bounded one-dimensional
  method, cyclically, until a whole cycle moves nothing (a coordinate-wise global optimum);
  then all of them at once near the end point (:func:`joint_search`), where the launch-mass
  constraint binds.

The one-dimensional method (:func:`line_search`) evaluates a grid of ``grid_points`` values
across the range; the number of local minima of the cheapest design on it is the check of
unimodality, reported per variable: ``"brent"`` when every grid along the variable showed one
minimum, ``"grid+brent"`` when some showed several. It then refines every bracket that may hold
a cheaper design (:func:`candidates`), lowest bound first: where a rack and spare count becomes
feasible between two grid points, bisection on its feasibility finds the boundary; where its
cost has a local minimum, Brent's bounded method (scipy ``minimize_scalar(method="bounded")``;
R. P. Brent, Algorithms for Minimization without Derivatives, 1973, ch. 5) finds it; where its
launch-mass margin peaks just below zero, Brent finds the peak and bisection the edges of the
window in which it fits. The one assumption: between grid points, each rack and spare count's
cost and mass margin are monotone except at the extrema the grid shows. Cost per FLOP is not
assumed monotone in any variable: the rack count that fits the launcher jumps with the orbit,
and once the failure rate depends on the junction temperature the radiator temperature has an
interior optimum.

Every combination of choices is first screened by a cheap coordinate search (grids of
:data:`SCREEN_GRID`, Brent around the two best minima of the grid); those within
:data:`SCREEN_MARGIN` of the best screened get the full search, from their own screened optimum
and from the best one's values, and those within :data:`FINE_MARGIN` of the best a last search
to :data:`XTOL` (from where their search ended and from the space's start values: the same
choices can have one local minimum per rack and spare count along the launch-mass boundary, as
on the skeptic's scenario, 3 spares at 926 km 0.127 % above 2 spares at 908 km) and the joint
search.

Why the joint search. The cheapest designs fill the launcher: their launch-mass margin is zero,
and the boundary of that constraint runs across the axes (a lower altitude lifts more, a cooler
radiator weighs more), so a coordinate search stops on it short of the cheapest point along it
(0.09 % short on the skeptic's scenario, examples/camps/skeptic.toml). The joint search (COBYLA,
from the end point and from the best local minima of a fine grid around it) finds the lowest
point it can see there.

Why the pattern search last. The array is sized by the worst sampled day of the year, a maximum
over the days, so the cost per FLOP has kinks where the worst day changes, and the optimum lies
on the floor of a kinked valley, where COBYLA and Brent stall (6.5e-8 above the floor's lowest
point on the default scenario). A mesh adaptive direct search with random poll directions
(:func:`pattern_search`) follows the floor down. The certificate is the lowest point these
searches find; it is exact to the tolerance the tests check (no design the hybrid search finds
lies more than 1e-9 below it), not a proof of global optimality beyond the stated assumption
of the one-dimensional method.

Evaluations with another value of an orbit parameter go through ``Scenario.replace`` (the orbit
is prepared once) and evaluate every rack and spare count in one batch: per-row orbit columns
would prepare the orbit (a year of beta angles and eclipses) once per row, measured at 17 us a
row on two threads, against about 20 us for one ``replace`` plus 0.1-0.3 us a row. The radiator temperature needs no new orbit, so a
whole grid of temperatures for every rack and spare count is one batch.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping, Sequence

import numpy as np

from .._core import Scenario
from ..model import PARAM_NAMES
from .space import PERIODIC, TEMP_VARIABLE, SearchSpace, sized_batch

GRID_POINTS = 33
"""Default number of grid points along each continuous variable of the certificate."""
XTOL = 1e-10
"""Brent's absolute tolerance on a variable, as a fraction of its range, in the final search."""
COARSE_XTOL = 1e-6
"""Brent's tolerance in the first search of every combination of choices; the combinations that
end within :data:`FINE_MARGIN` of the best are searched again at :data:`XTOL`."""
FINE_MARGIN = 1e-2
"""Relative margin above the best combination's coarse optimum within which a combination is
searched again at the final tolerance and jointly (:func:`joint_search`). The joint search
lowered a combination's coordinate-search optimum by at most 0.09 % on the default scenario and
the camps' (examples/camps), so 1 % leaves a factor of 10."""
MAX_CYCLES = 8
"""Cycles of the coordinate search at most (it stops earlier when a cycle changes nothing)."""
PENALTY = 1e3
"""Factor by which an infeasible point's value exceeds the worst feasible value seen, so that
Brent's parabolic steps stay finite."""
PLAIN_TEMP_LOW_K = 150.0
"""Lowest radiator temperature, K, the certificate searches for a plain search space that sizes
the radiator by area: below the radiator's equilibrium with any low-orbit environment
(~200 K for 150 W/m^2 absorbed), so that the plain areas' every temperature is covered."""
SCREEN_GRID = 13
"""Grid points along each continuous variable in the screening of every combination of choices."""
SCREEN_XTOL = 1e-3
"""Brent's tolerance in the screening, as a fraction of the variable's range."""
SCREEN_CYCLES = 1
"""Cycles of the screening's coordinate search (one pass over the variables, from the values
where the best combination screened so far ended)."""
SCREEN_MARGIN = 0.25
"""Combinations whose screened optimum is within this fraction of the best screened get the full
search. With every one of the 108 combinations of the default search space searched in full, on
the default scenario and the skeptic's and optimist's (examples/camps), the screened optimum of
the combinations within a factor of 2 of the best was at most 8.7 % above their full optimum, so
25 % leaves a factor of about 3."""
RELATIVE_IMPROVEMENT = 1e-12
"""A coordinate move counts as an improvement when it lowers cost per FLOP by this fraction."""

OUTPUTS = ("cost_per_flop_usd", "feasible", "mass_margin_kg", "delivered_flops", "mass_total_kg", "array_area_m2", "radiator_area_m2")


@dataclass
class Point:
    """The cheapest feasible design at one point: its combination of choices, continuous values,
    rack and spare counts and cost per FLOP (inf when nothing is feasible there). ``rows_cost``
    and ``rows_ok`` hold every rack and spare count's cost per FLOP (feasible or not; NaN where
    the model rejects the design) and feasibility, ``rows_margin`` its launch-mass margin (kg),
    in the evaluator's row order."""

    cost: float
    combo: dict[str, str]
    x: dict[str, float]
    racks: int = 0
    spare_racks: int = 0
    rows_cost: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False)
    rows_ok: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=bool), repr=False)
    rows_margin: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False)

    @property
    def params(self) -> dict[str, Any]:
        """The point as a trial's parameters."""
        return {**self.combo, **self.x, "racks": self.racks, "spare_racks": self.spare_racks}


@dataclass
class LineSearchReport:
    """How one variable was searched: ``method`` is ``"enumerated"`` (every value),
    ``"brent"`` (every grid along it showed one local minimum, whose bracket Brent's bounded
    method refined), ``"grid+brent"`` (some grid showed several local minima; every bracket that
    could hold a better design was refined by Brent) or ``"fixed"`` (a single value)."""

    name: str
    method: str = "brent"
    grid_points: int = 0
    searches: int = 0
    max_local_minima: int = 0
    brackets_refined: int = 0
    evaluations: int = 0
    xtol: float = 0.0
    low: float = 0.0
    high: float = 0.0

    def record(self, minima: int, refined: int, evals: int) -> None:
        self.searches += 1
        self.evaluations += evals
        self.brackets_refined += refined
        self.max_local_minima = max(self.max_local_minima, minima)
        if minima > 1 and self.method == "brent":
            self.method = "grid+brent"

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("method", "grid_points", "searches", "max_local_minima", "brackets_refined", "evaluations", "xtol", "low", "high")}


def _key(combo: Mapping[str, str], x: Mapping[str, float]) -> tuple[Any, ...]:
    # the dictionaries of a search always list their keys in the same order
    return (tuple(combo.values()), tuple(x.values()))


class Evaluator:
    """Cost per FLOP of the cheapest feasible design over every rack and spare count, at one
    combination of choices and values of the continuous variables; cached.

    ``area_bounds``: array and radiator area bounds a design must respect (a plain search space's
    bounds); ``front``: keep the non-dominated (cost per FLOP, delivered FLOP/s, launch mass)
    designs of every evaluation, for the exact Pareto front."""

    def __init__(self, space: SearchSpace, temp_range: tuple[float, float] | None, area_bounds: Mapping[str, tuple[float, float]] | None = None,
                 front: bool = False) -> None:
        self.space = space
        rlo, rhi = space.rack_bounds
        slo, shi = space.spare_bounds
        r, s = np.meshgrid(np.arange(rlo, rhi + 1, dtype=float), np.arange(slo, shi + 1, dtype=float), indexing="ij")
        self.racks, self.spares = r.ravel(), s.ravel()
        self.temp_range = temp_range
        self.area_bounds = dict(area_bounds or {})
        self.evaluations = 0
        self.designs = 0
        self._cache: dict[tuple[Any, ...], Point] = {}
        self._scenarios: dict[tuple[Any, ...], tuple[Scenario, float]] = {}
        self.worst = 0.0
        self._front_rows: list[np.ndarray] | None = [] if front else None
        self._front_points: list[tuple[dict[str, str], dict[str, float]]] = []
        self._front_n = 0
        self.outputs = OUTPUTS if front else ("cost_per_flop_usd", "feasible", "mass_margin_kg")

    def scenario(self, combo: Mapping[str, str], params: Mapping[str, float]) -> tuple[Scenario, float]:
        """The scenario of a point (without the temperature) and its radiator temperature limit, K."""
        key = _key(combo, params)
        hit = self._scenarios.get(key)
        if hit is None:
            base = self.space.base(combo)
            sc = base.replace(**{k: SearchSpace.param_value(k, v) for k, v in params.items()}) if params else base
            hit = (sc, float(sc.orbit_summary()["radiator_temp_max_k"]) if self.temp_range is not None else math.inf)
            if len(self._scenarios) > 4096:
                self._scenarios.clear()
            self._scenarios[key] = hit
        return hit

    def temp_limit(self, combo: Mapping[str, str], params: Mapping[str, float]) -> float:
        """The radiator temperature limit of a point (K): above it the chips overheat."""
        return self.scenario(combo, {k: v for k, v in params.items() if k != TEMP_VARIABLE})[1]

    def _rows(self, combo: Mapping[str, str], params: Mapping[str, float], temps: np.ndarray | None) -> dict[str, np.ndarray]:
        """Evaluate every rack and spare count (times every temperature) at one point, sized in
        one batch."""
        sc, _limit = self.scenario(combo, params)
        n = len(self.racks)
        if temps is None:
            self.designs += n
            return sized_batch(sc, self.outputs, self.racks, self.spares)
        k = len(temps)
        self.designs += n * k
        return sized_batch(sc, self.outputs, np.tile(self.racks, k), np.tile(self.spares, k), np.repeat(temps, n))

    def row_costs(self, combo: Mapping[str, str], params: Mapping[str, float], rows: Sequence[int], temps: np.ndarray | None) -> np.ndarray:
        """Cost per FLOP of some rack and spare counts (indices ``rows``) at one point, at each of
        ``temps`` (one batch; shape rows x temperatures), +inf where infeasible or out of the area
        bounds."""
        sc, _limit = self.scenario(combo, params)
        k = 1 if temps is None else len(temps)
        idx = np.repeat(np.asarray(rows, int), k)
        self.designs += len(idx)
        out = sized_batch(sc, ("cost_per_flop_usd", "feasible"), self.racks[idx], self.spares[idx], None if temps is None else np.tile(temps, len(rows)))
        ok = out["valid"] & (out["feasible"] > 0) & np.isfinite(out["cost_per_flop_usd"])
        for f, (a, b) in self.area_bounds.items():
            ok &= (out[f] >= a * (1 - 1e-12)) & (out[f] <= b * (1 + 1e-12))
        return np.where(ok, out["cost_per_flop_usd"], np.inf).reshape(len(rows), k)

    def _point(self, combo: Mapping[str, str], x: Mapping[str, float], out: Mapping[str, np.ndarray], lo: int) -> Point:
        n = len(self.racks)
        sl = slice(lo, lo + n)
        valid = out["valid"][sl]
        cost_all = np.where(valid, out["cost_per_flop_usd"][sl], np.nan)
        ok = valid & (out["feasible"][sl] > 0) & np.isfinite(cost_all)
        for f, (a, b) in self.area_bounds.items():
            ok &= (out[f][sl] >= a * (1 - 1e-12)) & (out[f][sl] <= b * (1 + 1e-12))
        cost = np.where(ok, cost_all, np.inf)
        i = int(np.argmin(cost))
        p = Point(float(cost[i]), dict(combo), dict(x), int(self.racks[i]), int(self.spares[i]), cost_all, ok, out["mass_margin_kg"][sl])
        if math.isfinite(p.cost):
            self.worst = max(self.worst, p.cost)
        if self._front_rows is not None and ok.any():
            self._add_front(p, {k: v[sl] for k, v in out.items()})
        return p

    def _add_front(self, p: Point, out: Mapping[str, np.ndarray]) -> None:
        if self._front_rows is None:
            return
        idx = np.flatnonzero(p.rows_ok)
        c, f, m = p.rows_cost[idx], out["delivered_flops"][idx], out["mass_total_kg"][idx]
        keep = sorted(non_dominated(np.column_stack([c, -f])) | non_dominated(np.column_stack([c, m])))
        self._front_points.append((dict(p.combo), dict(p.x)))
        k = len(self._front_points) - 1
        self._front_rows.append(np.column_stack([c[keep], f[keep], m[keep], np.full(len(keep), k), idx[keep]]))
        self._front_n += len(keep)
        if self._front_n > 20000:
            self.prune_front()

    def prune_front(self) -> None:
        """Keep the non-dominated designs of the archive (cost per FLOP against delivered FLOP/s,
        and against mass)."""
        if not self._front_rows:
            return
        a = np.vstack(self._front_rows)
        keep = sorted(non_dominated(a[:, [0, 1]] * [1, -1]) | non_dominated(a[:, [0, 2]]))
        self._front_rows = [a[keep]]
        self._front_n = len(keep)

    @property
    def front(self) -> list[tuple[float, float, float, dict[str, Any]]] | None:
        """The archive's designs: (cost per FLOP, delivered FLOP/s, mass, parameters)."""
        if self._front_rows is None:
            return None
        self.prune_front()
        out = []
        for c, f, m, k, i in (self._front_rows[0] if self._front_rows else ()):
            combo, x = self._front_points[int(k)]
            out.append((float(c), float(f), float(m), {**combo, **x, "racks": int(self.racks[int(i)]), "spare_racks": int(self.spares[int(i)])}))
        return out

    def at(self, combo: Mapping[str, str], x: Mapping[str, float]) -> Point:
        """The cheapest feasible design at one point."""
        key = _key(combo, x)
        p = self._cache.get(key)
        if p is not None:
            return p
        params = {k: v for k, v in x.items() if k != TEMP_VARIABLE}
        temps = np.array([x[TEMP_VARIABLE]]) if self.temp_range is not None else None
        out = self._rows(combo, params, temps)
        self.evaluations += 1
        p = self._point(combo, x, out, 0)
        self._remember(key, p)
        return p

    def at_temps(self, combo: Mapping[str, str], x: Mapping[str, float], temps: np.ndarray) -> list[Point]:
        """The cheapest feasible design at many radiator temperatures, in one batch."""
        params = {k: v for k, v in x.items() if k != TEMP_VARIABLE}
        temps = np.asarray(temps, float)
        out = self._rows(combo, params, temps)
        n = len(self.racks)
        pts = []
        for j, t in enumerate(temps):
            xx = {**x, TEMP_VARIABLE: float(t)}
            p = self._point(combo, xx, out, j * n)
            self._remember(_key(combo, xx), p)
            pts.append(p)
        self.evaluations += len(temps)
        return pts

    def _remember(self, key: tuple[Any, ...], p: Point) -> None:
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[key] = p

    def value(self, p: Point) -> float:
        """A finite stand-in for Brent: the cost, or far above the worst feasible cost seen."""
        return p.cost if math.isfinite(p.cost) else PENALTY * (self.worst or 1.0)


@dataclass
class Coordinate:
    """A continuous or integer variable of the coordinate search, in the coordinates the search
    works in (the logarithm for log-scaled variables)."""

    name: str
    low: float
    high: float
    log: bool = False
    integer: bool = False

    @property
    def periodic(self) -> float | None:
        return PERIODIC.get(self.name)

    def to_value(self, u: float) -> float:
        v = math.exp(u) if self.log else u
        if self.periodic:
            return float(v % self.periodic)
        return float(min(max(v, self.low), self.high))

    def to_u(self, v: float) -> float:
        return math.log(v) if self.log else v

    @property
    def u_range(self) -> tuple[float, float]:
        return (self.to_u(self.low), self.to_u(self.high))


def _local_minima(v: np.ndarray, periodic: bool) -> list[int]:
    """Indices of the local minima of grid values (a plateau counts once, at its first point;
    infinite values are never minima)."""
    n = len(v)
    out = []
    for i in range(n):
        if not math.isfinite(v[i]):
            continue
        prev = (i - 1) % n if periodic else i - 1
        if 0 <= prev < n and prev != i and v[prev] == v[i]:
            continue  # inside a plateau
        k = i
        while True:
            kn = (k + 1) % n if periodic else k + 1
            if kn >= n or kn == i or v[kn] != v[i]:
                break
            k = kn
        nxt = (k + 1) % n if periodic else k + 1
        left_ok = not (0 <= prev < n) or prev == i or v[prev] > v[i]
        right_ok = not (0 <= nxt < n) or nxt == i or v[nxt] > v[i]
        if left_ok and right_ok:
            out.append(i)
    return out


@dataclass(order=True)
class Candidate:
    """A bracket of a line search that may hold a design cheaper than the best grid point: for
    rack and spare count ``row``, either its feasibility changes between grid points ``i`` and
    ``i + 1`` (``kind="boundary"``), its cost has a local minimum at grid point ``i``
    (``kind="interior"``, bracket ``i - 1`` to ``i + 1``) or its mass margin peaks there
    (``kind="window"``). ``bound``: the lowest cost per FLOP the row can reach there."""

    bound: float
    i: int = field(compare=False)
    row: int = field(compare=False)
    kind: str = field(compare=False)


def candidates(pts: Sequence[Point], best: float, periodic: bool) -> list[Candidate]:
    """The brackets of a grid that may hold a design cheaper than ``best``, lowest bound first.

    A rack and spare count whose feasibility changes across a cell can reach, at the boundary,
    the lower of its costs at the cell's two ends; one whose cost (feasible or not) has a local
    minimum at a grid point where it is feasible can reach its value there less twice the dip of
    the parabola through the three points (without bound where a neighbour's cost is infinite,
    nothing delivered there; where it is infeasible at its minimum, its cheapest
    feasible point is a boundary, covered by the first kind). A rack and spare count infeasible
    at three neighbouring grid points whose launch-mass margin peaks at the middle one, with the
    parabola through them rising above zero at twice its height, may be feasible in a window
    between them (``kind="window"``). The assumption: between the grid points, each rack and
    spare count's cost and mass margin are monotone except at the extrema the grid shows, which
    are no sharper than twice the parabola through their three points."""
    n = len(pts)
    cost = np.array([p.rows_cost for p in pts])
    ok = np.array([p.rows_ok for p in pts])
    margin = np.array([p.rows_margin for p in pts])
    thresh = best * (1 - RELATIVE_IMPROVEMENT)
    out: list[Candidate] = []
    with np.errstate(invalid="ignore"):
        for i in range(n if periodic else n - 1):
            j = (i + 1) % n
            lo = np.fmin(cost[i], cost[j])
            for r in np.flatnonzero((ok[i] != ok[j]) & (lo < thresh)):
                out.append(Candidate(float(lo[r]), i, int(r), "boundary"))
        for i in range(n):
            a, b = (i - 1) % n if periodic else i - 1, (i + 1) % n if periodic else i + 1
            if not (0 <= a < n and 0 <= b < n):
                continue
            ca, ci, cb = cost[a], cost[i], cost[b]
            curv = ca + cb - 2 * ci
            dip = np.where(curv > 0, (cb - ca) ** 2 / (8 * np.where(curv > 0, curv, 1.0)), 0.0)
            # an infinite neighbour (nothing delivered there): a parabola that sharp bounds nothing
            dip = np.where(np.isinf(curv), np.inf, dip)
            bound = ci - 2 * dip
            m = ok[i] & (ci < ca) & (ci < cb) & (bound < thresh)
            for r in np.flatnonzero(m):
                out.append(Candidate(float(bound[r]), i, int(r), "interior"))
            # a window of feasibility between grid points: the margin, negative at all three,
            # peaks between them above zero on the parabola through them
            ma, mi, mb = margin[a], margin[i], margin[b]
            mcurv = ma + mb - 2 * mi
            peak = mi + np.where(mcurv < 0, (mb - ma) ** 2 / (8 * np.where(mcurv < 0, -mcurv, 1.0)), 0.0)
            low = np.fmin(np.fmin(ca, ci), cb) - 2 * np.abs(dip)
            w = ~ok[a] & ~ok[i] & ~ok[b] & (mi >= ma) & (mi >= mb) & (mi + 2 * (peak - mi) > 0) & (low < thresh)
            for r in np.flatnonzero(w):
                out.append(Candidate(float(low[r]), i, int(r), "window"))
    return sorted(out)


def line_search(coord: Coordinate, f: Callable[[float], Point], fvec: Callable[[np.ndarray], list[Point]] | None, value: Callable[[Point], float],
                x0: float, grid_points: int, report: LineSearchReport, window: tuple[float, float] | None = None, xtol: float = XTOL,
                screen: bool = False) -> Point:
    """Search one variable for the cheapest point: a grid over its range (or ``window``), then
    each bracket that may hold a cheaper design (:func:`candidates`), lowest bound first, while
    its bound is below the best found: a boundary by bisection on that rack and spare count's
    feasibility, an interior minimum by Brent's bounded method on its cost. Returns the best
    point seen, ``f(x0)`` included. ``screen``: only Brent on the cheapest design around the
    grid's two best local minima (the cheap first pass over every combination of choices)."""
    from scipy.optimize import minimize_scalar

    lo_u, hi_u = window if window is not None else coord.u_range
    span = hi_u - lo_u
    best = f(x0)
    if span <= 0:
        if report.searches == 0:
            report.method = "fixed"
        report.record(0, 0, 1)
        return best
    if coord.integer:
        vals = np.arange(math.ceil(coord.low), math.floor(coord.high) + 1, dtype=float)
        pts = [f(v) for v in vals]
        report.method = "enumerated"
        report.record(1, 0, len(vals))
        return min([best, *pts], key=lambda p: p.cost)
    periodic = coord.periodic is not None and window is None and abs(span - coord.periodic) < 1e-9
    n = grid_points
    us = np.linspace(lo_u, hi_u, n, endpoint=not periodic)
    step = span / (n if periodic else n - 1)
    xs = np.array([coord.to_value(u) for u in us])
    pts = fvec(xs) if fvec is not None else [f(x) for x in xs]
    evals = n
    for p in pts:
        if p.cost < best.cost:
            best = p
    costs = np.array([p.cost for p in pts])
    minima = _local_minima(costs, periodic)
    tol = xtol * (coord.u_range[1] - coord.u_range[0])
    seen: dict[float, Point] = {}

    def at(u: float) -> Point:
        x = coord.to_value(u)
        p = f(x)
        seen[x] = p
        return p

    if screen:
        # screening: Brent on the cheapest design around the grid's two best local minima
        for i in sorted(minima, key=lambda i: costs[i])[:2]:
            a, b = us[i] - step, us[i] + step
            if not periodic:
                a, b = max(a, lo_u), min(b, hi_u)
            minimize_scalar(lambda u: value(at(u)), bounds=(a, b), method="bounded", options={"xatol": tol, "maxiter": 200})
        for q in seen.values():
            if q.cost < best.cost:
                best = q
        report.record(len(minima), min(2, len(minima)), n + len(seen))
        return best

    refined = 0
    inside: dict[int, list[tuple[float, Point]]] = {}  # points evaluated inside each grid cell
    for c in candidates(pts, best.cost, periodic):
        if c.bound >= best.cost * (1 - RELATIVE_IMPROVEMENT):
            break
        refined += 1
        if c.kind == "boundary":
            # bisection on this row's feasibility, from its feasible end towards the other,
            # starting from the narrowest bracket the points evaluated so far give
            a, b = us[c.i], us[c.i] + step
            if not pts[c.i].rows_ok[c.row]:
                a, b = b, a
            pa, pb = pts[c.i] if a == us[c.i] else pts[(c.i + 1) % n], pts[(c.i + 1) % n] if a == us[c.i] else pts[c.i]
            for u, q in inside.get(c.i, ()):
                if min(a, b) < u < max(a, b):
                    if q.rows_ok[c.row]:
                        a, pa = u, q
                    else:
                        b, pb = u, q
            lo_cost = np.fmin(pa.rows_cost[c.row], pb.rows_cost[c.row])
            if not lo_cost < best.cost * (1 - RELATIVE_IMPROVEMENT):
                continue
            while abs(b - a) > tol:
                m = 0.5 * (a + b)
                q = at(m)
                inside.setdefault(c.i, []).append((m, q))
                if q.rows_ok[c.row]:
                    a = m
                else:
                    b = m
        elif c.kind == "interior":
            def g(u: float, r: int = c.row) -> float:
                q = at(u)
                return float(q.rows_cost[r]) if q.rows_ok[r] else value(q)

            a, b = us[c.i] - step, us[c.i] + step
            if not periodic:
                a, b = max(a, lo_u), min(b, hi_u)
            minimize_scalar(g, bounds=(a, b), method="bounded", options={"xatol": tol, "maxiter": 500})
        else:
            # the window: the margin's peak by Brent; if feasible there, its cheapest point is at
            # an edge of the window (bisection from the peak each way) or at an interior minimum
            a, b = us[c.i] - step, us[c.i] + step
            if not periodic:
                a, b = max(a, lo_u), min(b, hi_u)
            r = c.row
            pk = minimize_scalar(lambda u: -float(at(u).rows_margin[r]), bounds=(a, b), method="bounded", options={"xatol": tol, "maxiter": 500})
            if at(pk.x).rows_ok[r]:
                for edge in (a, b):
                    lo_, hi_ = pk.x, edge
                    if at(edge).rows_ok[r]:
                        continue
                    while abs(hi_ - lo_) > tol:
                        m = 0.5 * (lo_ + hi_)
                        if at(m).rows_ok[r]:
                            lo_ = m
                        else:
                            hi_ = m
                    at(lo_)
        for q in seen.values():
            if q.cost < best.cost:
                best = q
    evals += len(seen)
    report.record(len(minima), refined, evals)
    return best


def coordinates(space: SearchSpace, temp_range: tuple[float, float] | None) -> list[Coordinate]:
    """The variables the coordinate search moves: numeric scenario parameters and the radiator
    temperature (rack and spare counts are enumerated at every point)."""
    cs = [Coordinate(v.name, *v.bounds, log=v.log, integer=v.integer) for v in space.params]
    if temp_range is not None:
        cs.append(Coordinate(TEMP_VARIABLE, *temp_range))
    return cs


def coordinate_search(ev: Evaluator, combo: Mapping[str, str], coords: Sequence[Coordinate], x0: Mapping[str, float], grid_points: int,
                      reports: Mapping[str, LineSearchReport], windows: Mapping[str, float] | None = None, max_cycles: int = MAX_CYCLES,
                      xtol: float = XTOL, screen: bool = False) -> Point:
    """Cyclic one-dimensional searches from ``x0`` until a whole cycle improves nothing. Without
    ``windows`` each search covers the variable's whole range; with them, a window of that
    fraction of the range on each side of the current value (the local polish)."""
    x = dict(x0)
    if TEMP_VARIABLE in x:
        # start at a temperature the chips can take
        x[TEMP_VARIABLE] = min(x[TEMP_VARIABLE], ev.temp_limit(combo, {k: v for k, v in x.items() if k != TEMP_VARIABLE}))
    best = ev.at(combo, x)
    version = 0
    searched_at: dict[str, int] = {}
    for _cycle in range(max_cycles):
        improved = False
        for c in coords:
            if searched_at.get(c.name) == version:
                continue  # nothing moved since this variable was last searched
            if c.name == TEMP_VARIABLE:
                hi = min(c.high, ev.temp_limit(combo, {k: v for k, v in x.items() if k != TEMP_VARIABLE}))
                cc = Coordinate(c.name, c.low, hi) if hi >= c.low else c
            else:
                cc = c

            def f(v: float, name: str = c.name) -> Point:
                return ev.at(combo, {**x, name: float(v)})

            fvec = (lambda vs: ev.at_temps(combo, x, vs)) if c.name == TEMP_VARIABLE else None
            window = None
            if windows is not None:
                w = windows.get(c.name, 0.0) * (c.u_range[1] - c.u_range[0])
                u = c.to_u(x[c.name])
                lo_u, hi_u = cc.u_range
                window = (u - w, u + w) if c.periodic else (max(lo_u, u - w), min(hi_u, u + w))
            p = line_search(cc, f, fvec, ev.value, x[c.name], grid_points, reports[c.name], window, xtol, screen)
            if p.cost < best.cost * (1 - RELATIVE_IMPROVEMENT):
                best, x, improved = p, dict(p.x), True
                version += 1
            searched_at[c.name] = version
        if not improved:
            break
    return best


JOINT_WINDOW = 1.0 / 32.0
"""Half-width of the joint search's box around its start on each continuous variable, as a
fraction of the variable's range."""
JOINT_GRID_POINTS = 1089
"""Points of the joint search's grid over the box (33 per axis for two variables besides the
radiator temperature, fewer per axis for more)."""
JOINT_TEMP_POINTS = 65
"""Radiator temperatures across the box at each point of the joint search's grid (one batch)."""
JOINT_STARTS = 2
"""Local minima of the grid below the first local search's result from which the joint search
starts again (the lowest)."""
JOINT_MAXFEV = 400
"""Evaluations of COBYLA at most in one local search of the joint search."""
JOINT_TOL = 1e-10
"""COBYLA's final trust-region radius, as a fraction of each variable's range."""
JOINT_ROUNDS = 4
"""Rounds of joint search and coordinate search at most, while the joint search improves."""
MASS_SCALE_KG = 1e3
"""Scale of the launch-mass margin in the joint search's constraint (t)."""


@dataclass
class JointReport:
    """How the joint searches went: COBYLA runs, those that found a cheaper design, and points
    evaluated."""

    searches: int = 0
    improved: int = 0
    evaluations: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"method": "cobyla", "searches": self.searches, "improved": self.improved, "evaluations": self.evaluations}


def joint_search(ev: Evaluator, combo: Mapping[str, str], coords: Sequence[Coordinate], p: Point, report: JointReport | None = None,
                 grid: bool = True) -> Point:
    """From a coordinate search's end point, all continuous variables at once, for the rack and
    spare count of its best design: minimum cost per FLOP subject to the launch-mass margin
    >= 0 in a box of :data:`JOINT_WINDOW` of each variable's range around the start.

    Why: a coordinate search stops on the launch-mass boundary wherever that boundary runs
    across the axes (moving one variable alone breaks the constraint), short of the cheapest
    point along it; and the cost per FLOP steps where the sampled year's eclipse season gains or
    loses a day (the eclipse cycle count sets the battery's allowed depth of discharge), so
    along the boundary it has local minima 1e-5 to 1e-4 apart.

    How: COBYLA from the start (scipy ``minimize(method="COBYLA")``; M. J. D. Powell, A direct
    search optimization method that models the objective and constraint functions by linear
    interpolation, 1994; it needs no gradients); with ``grid``, a grid of about
    :data:`JOINT_GRID_POINTS` points over the box (times :data:`JOINT_TEMP_POINTS` radiator
    temperatures, and the neighbouring rack and spare counts, one batch per point), and COBYLA
    again from the :data:`JOINT_STARTS` lowest local minima of the grid below its result. A result just outside the boundary is brought back by bisection
    towards the start. Returns the better of ``p`` and the point found (integer variables are
    kept; the point's best design may have another rack and spare count)."""
    from scipy.optimize import minimize

    active = []
    base = {k: v for k, v in p.x.items() if k != TEMP_VARIABLE}
    for c in coords:
        if c.integer:
            continue
        if c.name == TEMP_VARIABLE:
            c = Coordinate(c.name, c.low, min(c.high, ev.temp_limit(combo, base)))
        if c.u_range[1] > c.u_range[0]:
            active.append(c)
    if len(active) < 2 or not math.isfinite(p.cost) or p.rows_cost is None:
        return p
    lo = np.array([c.u_range[0] for c in active])
    span = np.array([c.u_range[1] - c.u_range[0] for c in active])
    z0 = np.array([(c.to_u(p.x[c.name]) - l) / s for c, l, s in zip(active, lo, span)])
    bounds = [(z - JOINT_WINDOW, z + JOINT_WINDOW) if c.periodic else (max(0.0, z - JOINT_WINDOW), min(1.0, z + JOINT_WINDOW))
              for c, z in zip(active, z0)]
    n_before = ev.evaluations

    def x_of(z: np.ndarray) -> dict[str, float]:
        x = dict(p.x)
        for c, zi, l, s in zip(active, z, lo, span):
            x[c.name] = c.to_value(float(l + zi * s))
        return x

    def at(z: np.ndarray) -> Point:
        return ev.at(combo, x_of(z))

    def local(z_start: np.ndarray, r: int) -> Point:
        """COBYLA for rack and spare count ``r`` from ``z_start`` (where it is feasible)."""

        def f(z: np.ndarray) -> float:
            v = at(z).rows_cost[r]
            return float(v / p.cost) if math.isfinite(v) else PENALTY

        def g(z: np.ndarray) -> float:
            m = at(z).rows_margin[r]
            return float(m / MASS_SCALE_KG) if math.isfinite(m) else -PENALTY

        res = minimize(f, z_start, method="COBYLA", bounds=bounds, constraints=[{"type": "ineq", "fun": g}],
                       options={"rhobeg": JOINT_WINDOW / 2, "tol": JOINT_TOL, "maxiter": JOINT_MAXFEV})
        z = np.asarray(res.x, float)
        q = at(z)
        if not q.rows_ok[r] and at(z_start).rows_ok[r]:
            a, b = z_start, z  # feasible, infeasible
            while np.max(np.abs(b - a)) > JOINT_TOL:
                m = 0.5 * (a + b)
                if at(m).rows_ok[r]:
                    a = m
                else:
                    b = m
            q = at(a)
        start = at(z_start)
        return q if q.cost < start.cost else start

    best = local(z0, int(np.argmin(np.where(p.rows_ok, p.rows_cost, np.inf))))
    if grid:
        # the box on a grid, for the best design's rack and spare count and its neighbours (one
        # rack or spare more or fewer) within FINE_MARGIN of it at the start (another count can
        # be the cheapest elsewhere on the launch-mass boundary): the variables other than the
        # radiator temperature on a product grid, the temperatures and counts at each of its
        # points in one batch
        r0 = int(np.argmin(np.where(p.rows_ok, p.rows_cost, np.inf)))
        near = (np.abs(ev.racks - ev.racks[r0]) <= 1) & (np.abs(ev.spares - ev.spares[r0]) <= 1) & (p.rows_cost <= p.cost * (1 + FINE_MARGIN))
        rows = [r0, *[int(r) for r in np.flatnonzero(near) if r != r0]]
        axes = [i for i, c in enumerate(active) if c.name != TEMP_VARIABLE]
        t_axis = next((i for i, c in enumerate(active) if c.name == TEMP_VARIABLE), None)
        m = max(3, int(round(JOINT_GRID_POINTS ** (1.0 / max(len(axes), 1)))))
        zt: np.ndarray | None = None
        temps: np.ndarray | None = None
        if t_axis is not None:
            zt = np.linspace(*bounds[t_axis], JOINT_TEMP_POINTS)
            temps = np.array([active[t_axis].to_value(float(lo[t_axis] + z * span[t_axis])) for z in zt])
        shape = (len(rows),) + (m,) * len(axes)
        vals = np.full(shape, np.inf)
        zs = np.zeros(shape + (len(active),))
        for idx in itertools.product(range(m), repeat=len(axes)):
            z = z0.copy()
            z[axes] = [bounds[i][0] + (bounds[i][1] - bounds[i][0]) * k / (m - 1) for i, k in zip(axes, idx)]
            costs = ev.row_costs(combo, {k: v for k, v in x_of(z).items() if k != TEMP_VARIABLE}, rows, temps)
            for j, rc in enumerate(costs):
                t = int(np.argmin(rc))
                zz = z.copy()
                if t_axis is not None and zt is not None:
                    zz[t_axis] = zt[t]
                vals[(j, *idx)], zs[(j, *idx)] = rc[t], zz
        ev.evaluations += m ** len(axes)
        # start again from the grid's lowest local minima (of any count) below the first result
        minima = []
        for idx in zip(*np.nonzero(np.isfinite(vals) & (vals < best.cost * (1 - RELATIVE_IMPROVEMENT)))):
            nb = (idx[0],) + tuple(slice(max(0, k - 1), k + 2) for k in idx[1:])
            if vals[idx] <= vals[nb].min():
                minima.append((float(vals[idx]), zs[idx], rows[idx[0]]))
        for _cost, z, r in sorted(minima, key=lambda c: c[0])[:JOINT_STARTS]:
            q = local(z, r)
            if q.cost < best.cost:
                best = q
    if report is not None:
        report.searches += 1
        report.improved += int(best.cost < p.cost * (1 - RELATIVE_IMPROVEMENT))
        report.evaluations += ev.evaluations - n_before
    return best if best.cost < p.cost else p


def joint_and_coordinate_search(ev: Evaluator, combo: Mapping[str, str], coords: Sequence[Coordinate], p: Point, grid_points: int,
                                reports: Mapping[str, LineSearchReport], joint: JointReport | None = None, windows: Mapping[str, float] | None = None,
                                xtol: float = XTOL) -> Point:
    """:func:`joint_search` and :func:`coordinate_search` in turn, from a coordinate search's
    end point, while the joint search improves (at most :data:`JOINT_ROUNDS` rounds)."""
    for k in range(JOINT_ROUNDS):
        j = joint_search(ev, combo, coords, p, joint, grid=k == 0)
        if not j.cost < p.cost * (1 - RELATIVE_IMPROVEMENT):
            break
        q = coordinate_search(ev, combo, coords, j.x, grid_points, reports, windows, max_cycles=MAX_CYCLES, xtol=xtol)
        p = q if q.cost < j.cost else j
    return p


PATTERN_DIRECTIONS = 32
"""Poll directions per iteration of the pattern search (random unit vectors, one batch)."""
PATTERN_STEP = 1e-3
"""The pattern search's first step, as a fraction of each variable's range."""
PATTERN_TOL = 1e-13
"""The pattern search stops when its step falls below this fraction of each range."""
PATTERN_ROUNDS = 6
"""The pattern search restarts from its end point (new directions, the first step again) while
a round improves, at most this many rounds."""
PATTERN_MAX_ITERATIONS = 2000
"""Iterations of one round of the pattern search at most."""


@dataclass
class PatternReport:
    """How the pattern searches went: searches, those that found a cheaper design, designs
    evaluated."""

    searches: int = 0
    improved: int = 0
    designs: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"method": "mesh adaptive direct search", "directions": PATTERN_DIRECTIONS, "searches": self.searches, "improved": self.improved,
                "designs": self.designs}


def pattern_search(ev: Evaluator, combo: Mapping[str, str], coords: Sequence[Coordinate], p: Point, report: PatternReport | None = None,
                   seed: int = 0) -> Point:
    """All continuous variables at once by a mesh adaptive direct search with random poll
    directions (C. Audet and J. E. Dennis Jr., Mesh adaptive direct search algorithms for
    constrained optimization, SIAM J. Optim. 17 (2006) 188-217), from ``p`` at its rack and spare
    count; the last refinement of the certificate and of the polish.

    Why: the cheapest design's array is sized by its worst sampled day, a maximum over the
    sampled days, so the cost per FLOP has kinks where the worst day changes, and its minimum
    lies at the bottom of a kinked valley. A coordinate search, Brent and COBYLA all stop on
    the valley's floor short of its lowest point (on the default scenario, 6.5e-8 short, where
    the hybrid search's polish went further); a direct search whose poll directions are dense
    in the long run follows the floor (MADS converges to a Clarke-stationary point of a
    Lipschitz function).

    How: :data:`PATTERN_DIRECTIONS` random unit directions scaled by the step, evaluated in one
    ``evaluate_batch`` with per-row orbit and temperature columns; the best poll point that
    improves is taken and the step doubles, else the step halves, from :data:`PATTERN_STEP` of
    each variable's range down to :data:`PATTERN_TOL`; rounds restart from the end point while
    they improve. Points outside the bounds, above the radiator limit, infeasible or
    unsizable count as infinitely expensive. Ends with the best rack and spare count at the end
    point; returns the better of ``p`` and the point found."""
    active = [c for c in coords if not c.integer and c.u_range[1] > c.u_range[0]]
    if not active or not math.isfinite(p.cost) or p.rows_ok is None:
        return p
    rng = np.random.default_rng(seed)
    lo = np.array([c.u_range[0] for c in active])
    span = np.array([c.u_range[1] - c.u_range[0] for c in active])
    periodic = np.array([bool(c.periodic) for c in active])
    base = ev.space.base(combo)
    n_before = ev.designs

    def values(z: np.ndarray) -> dict[str, np.ndarray]:
        u = lo + z * span
        out: dict[str, np.ndarray] = {}
        for j, c in enumerate(active):
            v = np.exp(u[:, j]) if c.log else u[:, j]
            out[c.name] = v % c.periodic if c.periodic else v
        return out

    def costs(z: np.ndarray, r: int) -> np.ndarray:
        inside = np.all(periodic | ((z >= 0.0) & (z <= 1.0)), axis=1)
        vals = values(np.where(periodic, z, np.clip(z, 0.0, 1.0)))
        temps = vals.pop(TEMP_VARIABLE, None)
        cols = {k: np.array([SearchSpace.param_value(k, x) for x in v]) for k, v in vals.items()}
        fixed = {k: np.full(len(z), float(v)) for k, v in p.x.items() if k not in vals and k != TEMP_VARIABLE}
        m = len(z)
        ev.designs += m
        out = sized_batch(base, ("cost_per_flop_usd", "feasible"), np.full(m, ev.racks[r]), np.full(m, ev.spares[r]), temps, **fixed, **cols)
        ok = inside & out["valid"] & (out["feasible"] > 0) & np.isfinite(out["cost_per_flop_usd"])
        for f, (a, b) in ev.area_bounds.items():
            ok &= (out[f] >= a * (1 - 1e-12)) & (out[f] <= b * (1 + 1e-12))
        return np.where(ok, out["cost_per_flop_usd"], np.inf)

    best = p
    for _ in range(PATTERN_ROUNDS):
        r = int(np.argmin(np.where(best.rows_ok, best.rows_cost, np.inf)))
        z = np.array([(c.to_u(best.x[c.name]) - l) / sp for c, l, sp in zip(active, lo, span)])
        fz = float(costs(z[None, :], r)[0])
        if not math.isfinite(fz):
            break
        start_cost = fz
        step = PATTERN_STEP
        for _ in range(PATTERN_MAX_ITERATIONS):
            if step < PATTERN_TOL:
                break
            d = rng.standard_normal((PATTERN_DIRECTIONS, len(active)))
            d *= step / np.linalg.norm(d, axis=1)[:, None]
            v = costs(z[None, :] + d, r)
            k = int(np.argmin(v))
            if v[k] < fz:
                z, fz, step = z + d[k], float(v[k]), step * 2.0
            else:
                step *= 0.5
        if not fz < start_cost:
            break
        x = dict(best.x)
        for c, val in values(z[None, :]).items():
            x[c] = float(val[0])
        q = ev.at(combo, x)
        if not q.cost < best.cost:
            break
        best = q
    if report is not None:
        report.searches += 1
        report.improved += int(best.cost < p.cost * (1 - RELATIVE_IMPROVEMENT))
        report.designs += ev.designs - n_before
    return best


def start_values(space: SearchSpace, coords: Sequence[Coordinate]) -> dict[str, float]:
    """The scenario's own values of the continuous variables, moved into their bounds (the
    radiator temperature starts at the top of its range)."""
    x = {}
    params = space.scenario.params()
    for c in coords:
        if c.name == TEMP_VARIABLE:
            x[c.name] = c.high
        else:
            v = params[c.name]
            if c.periodic:
                v = v % c.periodic
            x[c.name] = float(min(max(v, c.low), c.high))
    return x


def temp_range_of(space: SearchSpace) -> tuple[float, float] | None:
    """The radiator temperatures the certificate searches: the ``radiator_temp_k`` bounds; for a
    plain space that searches the radiator area, every temperature from
    :data:`PLAIN_TEMP_LOW_K` to the radiator limit; ``None`` (radiator at its limit) otherwise."""
    if TEMP_VARIABLE in space.by_name:
        return space.by_name[TEMP_VARIABLE].bounds
    if space.parameterisation == "plain" and "radiator_area_m2" in space.by_name:
        return (PLAIN_TEMP_LOW_K, math.inf)
    return None


def area_bounds_of(space: SearchSpace) -> dict[str, tuple[float, float]]:
    if space.parameterisation != "plain":
        return {}
    return {f: space.by_name[f].bounds for f in ("array_area_m2", "radiator_area_m2") if f in space.by_name}


@dataclass
class Certificate:
    """The exact optimum over the whole search space (see the module docstring)."""

    best: Point
    methods: dict[str, dict[str, Any]]
    per_combo: list[tuple[dict[str, str], float]]
    evaluations: int
    designs: int
    seconds: float
    grid_points: int
    front: list[tuple[float, float, float, dict[str, Any]]] | None = None
    racks: np.ndarray | None = field(default=None, repr=False)
    spares: np.ndarray | None = field(default=None, repr=False)

    @property
    def per_rack_count(self) -> dict[int, float]:
        """Cost per FLOP of the best feasible design at each rack count (any spare count), at the
        optimum's choices and continuous values."""
        out: dict[int, float] = {}
        p = self.best
        if p.rows_cost is None or self.racks is None:
            return out
        for r, c, ok in zip(self.racks, p.rows_cost, p.rows_ok):
            if ok and c < out.get(int(r), math.inf):
                out[int(r)] = float(c)
        return out


def certify(space: SearchSpace, grid_points: int = GRID_POINTS, front: bool = False) -> Certificate:
    """Search every combination of choices (see the module docstring): a screening coordinate
    search of each (grids of :data:`SCREEN_GRID`, Brent around the best grid minima), the full
    coordinate search at :data:`COARSE_XTOL` of those within :data:`SCREEN_MARGIN` of the best
    screened, then :data:`XTOL` for those within :data:`FINE_MARGIN` of the best. Batches here
    are small, so they run on one thread (the caller's thread count is restored)."""
    from .. import get_num_threads, set_num_threads

    t0 = time.perf_counter()
    threads = get_num_threads()
    set_num_threads(1)
    try:
        trange = temp_range_of(space)
        ev = Evaluator(space, trange, area_bounds_of(space), front=front)
        coords = coordinates(space, trange)
        if trange is not None and not math.isfinite(trange[1]):
            # a plain space's radiator: search up to the highest limit of any combination
            hi = max(ev.temp_limit(c, {}) for c in space.combos())
            coords[-1] = Coordinate(TEMP_VARIABLE, trange[0], hi)
        reports = {c.name: LineSearchReport(c.name, grid_points=grid_points, xtol=XTOL * (c.u_range[1] - c.u_range[0]), low=c.low, high=c.high)
                   for c in coords}
        x0 = start_values(space, coords)
        x_start = dict(x0)
        # 1. screening: every combination, a coarse coordinate search
        screen_reports = {c.name: LineSearchReport(c.name) for c in coords}
        screened: list[tuple[dict[str, str], Point]] = []
        for combo in space.combos():
            p = coordinate_search(ev, combo, coords, x0, SCREEN_GRID, screen_reports, max_cycles=SCREEN_CYCLES, xtol=SCREEN_XTOL, screen=True)
            screened.append((combo, p))
            if math.isfinite(p.cost) and p.cost <= min(q.cost for _, q in screened):
                x0 = dict(p.x)  # the next combination starts where the best one so far ended
        top = min(p.cost for _, p in screened)
        # 2. the combinations within the screening margin: the full coordinate search, from
        # their own screened optimum and from the best one's values
        found: list[tuple[dict[str, str], Point]] = []
        for combo, p in screened:
            if not (math.isfinite(p.cost) and p.cost <= top * (1 + SCREEN_MARGIN)):
                found.append((combo, p))
                continue
            q = min((coordinate_search(ev, combo, coords, start, grid_points, reports, xtol=COARSE_XTOL) for start in (p.x, x0)), key=lambda q: q.cost)
            found.append((combo, q if q.cost < p.cost else p))
        searched = sum(1 for _, p in screened if math.isfinite(p.cost) and p.cost <= top * (1 + SCREEN_MARGIN))
        # 3. the final tolerance for those within FINE_MARGIN of the best
        top = min(p.cost for _, p in found)
        joint = JointReport()
        pattern = PatternReport()
        for i, (combo, p) in enumerate(found):
            if math.isfinite(p.cost) and p.cost <= top * (1 + FINE_MARGIN):
                # from where the combination's search ended and from the space's start values:
                # the same choices can have several local minima (one per rack and spare count
                # along the launch-mass boundary), and the polish starts from both too
                q = min((coordinate_search(ev, combo, coords, start, grid_points, reports, xtol=XTOL) for start in (p.x, x_start)), key=lambda q: q.cost)
                q = q if q.cost < p.cost else p
                # 4. all continuous variables at once (along the launch-mass boundary), then
                # the coordinate search again from where that ends, while it improves
                q = joint_and_coordinate_search(ev, combo, coords, q, grid_points, reports, joint)
                # 5. the floor of the kinked valley the optimum lies in
                found[i] = (combo, pattern_search(ev, combo, coords, q, pattern))
        best = min((p for _, p in found), key=lambda p: p.cost)
        archive = ev.front
    finally:
        set_num_threads(threads)
    methods: dict[str, dict[str, Any]] = {}
    for v in space.categorical:
        methods[v.name] = {"method": "enumerated", "choices": len(v.choices)}
    rlo, rhi = space.rack_bounds
    methods["racks"] = {"method": "enumerated", "low": rlo, "high": rhi}
    slo, shi = space.spare_bounds
    methods["spare_racks"] = {"method": "enumerated" if shi > slo else "fixed", "low": slo, "high": shi}
    for name, r in reports.items():
        methods[name] = r.as_dict()
    methods["screening"] = {"method": "coordinate search", "grid_points": SCREEN_GRID, "margin": SCREEN_MARGIN, "combinations": len(screened),
                            "searched": searched}
    if joint.searches:
        methods["joint"] = joint.as_dict()
    if pattern.searches:
        methods["pattern"] = pattern.as_dict()
    return Certificate(best, methods, [(c, p.cost) for c, p in found], ev.evaluations, ev.designs, time.perf_counter() - t0, grid_points, archive,
                       racks=ev.racks, spares=ev.spares)


POLISH_WINDOW = 1.0 / 32.0
"""Half-width of the polish's final local search on each continuous variable, as a fraction of
its range."""
POLISH_XTOL = 1e-8
"""Brent's tolerance in the polish's final local search, as a fraction of the variable's range."""
POLISH_MARGIN = 0.05
"""Another choice of a categorical variable whose cheapest design at the current continuous
values is within this fraction of the current best gets a screening search of the continuous
variables (:func:`polish`)."""


def polish(space: SearchSpace, params: Mapping[str, Any], max_cycles: int = 4) -> tuple[Point, int]:
    """The polish of the hybrid search, from a trial's parameters, every rack and spare count
    evaluated at each point:

    1. cyclically until nothing improves: every other choice of each categorical variable at
       the current values of the continuous variables, and for the choices within
       :data:`POLISH_MARGIN` of the best there a screening search of the continuous variables
       (grids of :data:`SCREEN_GRID` values, Brent around their best minima); then the
       screening search of each continuous variable over its range. Another choice can tie
       with the current one where it makes no difference (e.g. the eclipse strategy on an orbit
       without eclipses) and win elsewhere, which only the search after the switch finds;
    2. the full coordinate search of the best choices from the search space's start values,
       which the certificate also runs (another local minimum of the same choices may be the
       lower), then a local search in a window of :data:`POLISH_WINDOW` of each variable's range
       (:data:`GRID_POINTS` grid points, the full bracket refinement, Brent to
       :data:`POLISH_XTOL`);
    3. the joint search and that local search in turn (:func:`joint_and_coordinate_search`);
    4. the pattern search (:func:`pattern_search`), as the certificate ends.

    Returns the best point and the number of points evaluated."""
    trange = temp_range_of(space)
    if trange is not None and not math.isfinite(trange[1]):
        trange = None
    ev = Evaluator(space, trange)
    coords = coordinates(space, trange)
    reports = {c.name: LineSearchReport(c.name) for c in coords}
    combo = {v.name: params[v.name] for v in space.categorical}
    x = {c.name: float(params[c.name]) for c in coords}
    if TEMP_VARIABLE in x:
        x[TEMP_VARIABLE] = min(x[TEMP_VARIABLE], ev.temp_limit(combo, {k: v for k, v in x.items() if k != TEMP_VARIABLE}))
    best = ev.at(combo, x)
    tried: set[tuple[Any, ...]] = set()
    for _ in range(max_cycles):
        improved = False
        for v in space.categorical:
            start = best
            others = [ev.at({**start.combo, v.name: choice}, start.x) for choice in v.choices if choice != start.combo[v.name]]
            for p in sorted(others, key=lambda p: p.cost):
                if p.cost < best.cost * (1 - RELATIVE_IMPROVEMENT):
                    best, improved = p, True
                key = _key(p.combo, p.x)
                close = not math.isfinite(start.cost) or p.cost <= start.cost * (1 + POLISH_MARGIN)
                if not close or key in tried:
                    continue
                tried.add(key)
                q = coordinate_search(ev, p.combo, coords, p.x, SCREEN_GRID, reports, max_cycles=1, xtol=SCREEN_XTOL, screen=True)
                if q.cost < best.cost * (1 - RELATIVE_IMPROVEMENT):
                    best, improved = q, True
        p = coordinate_search(ev, best.combo, coords, best.x, SCREEN_GRID, reports, max_cycles=2, xtol=SCREEN_XTOL * 0.1, screen=True)
        if p.cost < best.cost * (1 - RELATIVE_IMPROVEMENT):
            best, improved = p, True
        if not improved:
            break
    # the full coordinate search of the best choices from the search space's start values, as the
    # certificate runs it: the polish's start may sit in another local minimum of the same choices
    p = coordinate_search(ev, best.combo, coords, start_values(space, coords), GRID_POINTS, reports, xtol=POLISH_XTOL)
    if p.cost < best.cost:
        best = p
    windows = {c.name: POLISH_WINDOW for c in coords}
    p = coordinate_search(ev, best.combo, coords, best.x, GRID_POINTS, reports, windows, max_cycles=2, xtol=POLISH_XTOL)
    if p.cost < best.cost:
        best = p
    p = joint_and_coordinate_search(ev, best.combo, coords, best, GRID_POINTS, reports, windows=windows, xtol=POLISH_XTOL)
    if p.cost < best.cost:
        best = p
    best = pattern_search(ev, best.combo, coords, best)
    return best, ev.evaluations


def non_dominated(points: np.ndarray) -> set[int]:
    """Indices of the non-dominated rows of ``points`` (every column minimised; of equal rows,
    the first)."""
    pts = np.asarray(points, float)
    if len(pts) == 0:
        return set()
    if pts.shape[1] == 2:
        order = np.lexsort((pts[:, 1], pts[:, 0]))
        y = pts[order, 1]
        prev = np.minimum.accumulate(np.concatenate([[np.inf], y[:-1]]))
        return set(order[y < prev].tolist())
    out = set()
    for i in range(len(pts)):
        dom = np.all(pts <= pts[i], axis=1) & np.any(pts < pts[i], axis=1)
        repeated = bool(np.all(pts[:i] == pts[i], axis=1).any())
        if not dom.any() and not repeated:
            out.add(i)
    return out


FRONT_COLUMNS: dict[str, tuple[Literal[0, 1, 2], float]] = {"cost_per_flop": (0, 1.0), "delivered_flops": (1, -1.0), "mass": (2, 1.0)}
"""Column and sign (minimised) of each objective in a (cost per FLOP, delivered FLOP/s, mass) point."""


def front_polish(space: SearchSpace, params: Mapping[str, Any], objectives: Sequence[str], limit: int = 64) -> list[dict[str, Any]]:
    """The polish of a two-objective hybrid search: from a trial's parameters, with its choices
    kept, the continuous variables that minimise cost per FLOP (the screening's coordinate
    search, then a local one), and every rack and spare count evaluated on the way; returns the
    parameters of the designs non-dominated for ``objectives`` among them (at most ``limit``,
    spread along the front)."""
    trange = temp_range_of(space)
    if trange is not None and not math.isfinite(trange[1]):
        trange = None
    ev = Evaluator(space, trange, front=True)
    coords = coordinates(space, trange)
    reports = {c.name: LineSearchReport(c.name) for c in coords}
    combo = {v.name: params[v.name] for v in space.categorical}
    x = {c.name: float(params[c.name]) for c in coords}
    p = coordinate_search(ev, combo, coords, x, SCREEN_GRID, reports, max_cycles=2, xtol=SCREEN_XTOL * 0.1, screen=True)
    coordinate_search(ev, combo, coords, p.x, GRID_POINTS, reports, {c.name: POLISH_WINDOW for c in coords}, max_cycles=2, xtol=POLISH_XTOL)
    archive = ev.front
    if not archive:
        return []
    cols = [FRONT_COLUMNS[o] for o in objectives]
    pts = np.array([[r[j] * sgn for j, sgn in cols] for r in archive])
    nd = sorted(non_dominated(pts), key=lambda i: pts[i, 0])
    if len(nd) > limit:
        nd = [nd[int(round(k))] for k in np.linspace(0, len(nd) - 1, limit)]
    return [dict(archive[i][3]) for i in nd]


__all__ = ["Certificate", "LineSearchReport", "Point", "certify", "front_polish", "non_dominated", "polish"]
