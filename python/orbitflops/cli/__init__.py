"""The ``orbitflops`` command line. Each command lives in its own module and registers itself
on :data:`app`."""

from __future__ import annotations

from ._app import app
from . import evaluate as _evaluate  # noqa: F401  (registers the command)
from . import orbit as _orbit  # noqa: F401
from . import sweep as _sweep  # noqa: F401
from . import optimize as _optimize  # noqa: F401
from . import worker as _worker  # noqa: F401
from . import compare as _compare  # noqa: F401
from . import assumptions as _assumptions  # noqa: F401
from . import schema as _schema  # noqa: F401


def main() -> None:
    """Entry point of the ``orbitflops`` console script."""
    app()


__all__ = ["app", "main"]
