"""The ``orbitflops`` command line. Each command lives in its own module, registers itself on
:data:`app` and is imported when it runs (see :class:`orbitflops.cli._app.Commands`), so that
``orbitflops --help`` stays fast."""

from __future__ import annotations

from ._app import COMMANDS, app


def main() -> None:
    """Entry point of the ``orbitflops`` console script."""
    app()


__all__ = ["COMMANDS", "app", "main"]
