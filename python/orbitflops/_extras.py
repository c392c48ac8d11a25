"""Optional dependencies. The base install (``pip install orbitflops``) evaluates, optimises,
compares and runs the command line; figures, Parquet files, Sobol indices, Dask and PostgreSQL
need an extra. A module that needs one imports it with :func:`require` where the feature is
used, so ``import orbitflops`` stays fast and a missing extra fails with an error that names it.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

# Top-level module -> (the distribution pip installs, the orbitflops extra that brings it).
EXTRAS: dict[str, tuple[str, str]] = {
    "matplotlib": ("matplotlib", "plots"),
    "plotly": ("plotly", "plots"),
    "pyarrow": ("pyarrow", "parquet"),
    "SALib": ("SALib", "analysis"),
    "dask": ("dask", "dask"),
    "distributed": ("distributed", "dask"),
    "psycopg2": ("psycopg2-binary", "postgres"),
}


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message names the extra that installs it."""

    def __init__(self, feature: str, module: str) -> None:
        top = module.partition(".")[0]
        package, extra = EXTRAS[top]
        self.feature, self.package, self.extra = feature, package, extra
        super().__init__(f"{feature} need {package}, which is not installed: pip install 'orbitflops[{extra}]'", name=top)


def require(module: str, feature: str) -> ModuleType:
    """Import ``module`` (a module of one of :data:`EXTRAS`, e.g. ``"matplotlib.pyplot"``) for
    ``feature`` (a plural noun phrase: ``"PNG figures"``); raise :class:`MissingExtraError`
    naming the extra when the package is not installed. An import error from inside an installed
    package (a broken install) is not masked."""
    top = module.partition(".")[0]
    if top not in EXTRAS:
        raise ValueError(f"module = {module!r}: not an optional dependency ({', '.join(EXTRAS)})")
    try:
        return importlib.import_module(module)
    except ImportError as e:
        if e.name is not None and e.name.partition(".")[0] == top:
            raise MissingExtraError(feature, module) from e
        raise


def available(module: str) -> bool:
    """Whether ``module`` can be imported, found without importing it."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


__all__ = ["EXTRAS", "MissingExtraError", "available", "require"]
