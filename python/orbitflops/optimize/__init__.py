"""Design optimisation with Optuna: the cheapest design per delivered FLOP under power,
battery, thermal and launch-mass constraints, by default a hybrid search (Optuna over the
choices and global variables, each trial sized exactly) measured against the certificate, the
exact optimum over the whole search space; Pareto fronts with a knee point and their
hypervolume against the exact front; robust designs over the scenario's uncertainty; persistent
and distributed studies."""

from .space import PARAMETERISATIONS, SearchSpace, Variable, sized_batch
from .study import (
    CONSTRAINTS,
    GAP_TOL,
    OBJECTIVES,
    SAMPLERS,
    OptimizeResult,
    Progress,
    Reference,
    Solution,
    create_study,
    default_storage_path,
    knee_point,
    make_sampler,
    make_storage,
    optimize,
    quiet,
    reference,
    result_of,
    worker,
)
from .robust import STATISTICS, RobustSummary

__all__ = [
    "CONSTRAINTS",
    "GAP_TOL",
    "OBJECTIVES",
    "PARAMETERISATIONS",
    "SAMPLERS",
    "STATISTICS",
    "OptimizeResult",
    "Progress",
    "Reference",
    "RobustSummary",
    "SearchSpace",
    "Solution",
    "Variable",
    "create_study",
    "default_storage_path",
    "knee_point",
    "make_sampler",
    "make_storage",
    "optimize",
    "quiet",
    "reference",
    "result_of",
    "sized_batch",
    "worker",
]
