"""Design optimisation with Optuna: the cheapest design per delivered FLOP under power,
battery, thermal and launch-mass constraints; Pareto fronts with a knee point; persistent and
distributed studies; and the exact closed-form reference the optimiser is measured against."""

from .space import SearchSpace, Variable, radiator_area_for_temp
from .study import (
    CONSTRAINTS,
    OBJECTIVES,
    SAMPLERS,
    OptimizeResult,
    Reference,
    Solution,
    create_study,
    default_storage_path,
    knee_point,
    make_sampler,
    make_storage,
    optimize,
    reference,
    result_of,
    worker,
)

__all__ = [
    "CONSTRAINTS",
    "OBJECTIVES",
    "SAMPLERS",
    "OptimizeResult",
    "Reference",
    "SearchSpace",
    "Solution",
    "Variable",
    "create_study",
    "default_storage_path",
    "knee_point",
    "make_sampler",
    "make_storage",
    "optimize",
    "radiator_area_for_temp",
    "reference",
    "result_of",
    "worker",
]
