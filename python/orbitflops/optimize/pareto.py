"""Pareto fronts of two objectives and their hypervolume against the exact front.

Objectives are put on a common scale before the hypervolume is taken: cost per FLOP divided by
the exact front's lowest, delivered FLOP/s by the exact front's highest (negated, so that every
objective is minimised), launch mass by the exact front's heaviest. The reference point is
:data:`REFERENCE_POINT` on that scale: twice the lowest cost per FLOP, no delivered compute, 1.1
times the heaviest design. The hypervolume is Optuna's exact implementation
(``optuna._hypervolume.compute_hypervolume``; for two objectives the area under the staircase).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .exact import non_dominated

REFERENCE_POINT = {"cost_per_flop": 2.0, "delivered_flops": 0.0, "mass": 1.1}
"""The hypervolume's reference point, per objective, on the normalised scale."""
COLUMN = {"cost_per_flop": 0, "delivered_flops": 1, "mass": 2}
"""Column of each objective in a (cost per FLOP, delivered FLOP/s, mass) point."""


def scale_of(exact: np.ndarray) -> np.ndarray:
    """Normalising divisors from the exact front's points (rows: cost per FLOP, delivered FLOP/s,
    mass): the lowest cost per FLOP, the highest delivered compute, the heaviest design."""
    e = np.asarray(exact, float)
    return np.array([e[:, 0].min(), e[:, 1].max(), e[:, 2].max()])


def normalised(points: np.ndarray, objectives: Sequence[str], scale: np.ndarray) -> np.ndarray:
    """Points (rows: cost per FLOP, delivered FLOP/s, mass) on the minimised normalised scale."""
    p = np.asarray(points, float).reshape(-1, 3)
    cols = []
    for o in objectives:
        j = COLUMN[o]
        v = p[:, j] / scale[j]
        cols.append(-v if o == "delivered_flops" else v)
    return np.column_stack(cols)


def front(points: np.ndarray) -> np.ndarray:
    """The non-dominated rows of minimised points."""
    p = np.asarray(points, float)
    return p[sorted(non_dominated(p))] if len(p) else p


def hypervolume(points: np.ndarray, objectives: Sequence[str]) -> float:
    """Hypervolume of normalised minimised points against :data:`REFERENCE_POINT`."""
    from optuna._hypervolume import compute_hypervolume

    ref = np.array([REFERENCE_POINT[o] for o in objectives], float)
    p = np.asarray(points, float)
    p = p[np.all(p < ref, axis=1)] if len(p) else p
    if len(p) == 0:
        return 0.0
    return float(compute_hypervolume(front(p), ref))


def hypervolume_ratio(found: np.ndarray, exact: np.ndarray, objectives: Sequence[str]) -> float:
    """Hypervolume of the designs found over that of the exact front (rows of both: cost per
    FLOP, delivered FLOP/s, mass), on the exact front's scale."""
    scale = scale_of(exact)
    hv_exact = hypervolume(normalised(exact, objectives, scale), objectives)
    if hv_exact <= 0:
        return float("nan")
    return hypervolume(normalised(found, objectives, scale), objectives) / hv_exact
