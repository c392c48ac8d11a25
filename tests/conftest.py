"""Shared test settings: a Hypothesis profile for CI (derandomised, bounded) and one for local
runs."""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

# The suite runs with --import-mode=importlib, which puts no directory on sys.path, so that the
# package under test is the installed one. The test directory holds no package, only the shared
# helper modules of the suite (independent oracles, fixtures), which tests import by name.
_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
