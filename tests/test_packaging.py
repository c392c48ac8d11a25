"""How orbitflops is packaged: the extras (a missing one fails where it is used, naming it), a
base install that works without any extra, imports that stay lazy, the command list of
``orbitflops --help`` matching the commands, one version everywhere, and (in the wheel run of
scripts/test) that the package under test is the installed wheel, not the source tree."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from typer.testing import CliRunner

import orbitflops as of
from orbitflops import _extras
from orbitflops._extras import EXTRAS, MissingExtraError, available, require

SOURCE = Path(__file__).resolve().parent.parent
HEAVY = ("optuna", "scipy", "pandas", "matplotlib", "plotly", "pyarrow", "SALib", "sqlalchemy", "dask")


def hide(monkeypatch, *modules: str) -> None:
    """Make ``modules`` (and their submodules) unimportable, as if not installed."""
    for name in list(sys.modules):
        if name.partition(".")[0] in modules:
            monkeypatch.delitem(sys.modules, name)
    for m in modules:
        monkeypatch.setitem(sys.modules, m, None)


def run_python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True, timeout=300, cwd=cwd)


# Installed before anything else in a subprocess: every optional dependency is missing.
BLOCK_EXTRAS = f"""
import importlib.abc, sys
class _NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {sorted(EXTRAS)!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, _NotInstalled())
"""


# --- the extras -------------------------------------------------------------------------------


def _declared_extras() -> dict[str, set[str]]:
    """Extra -> what it installs, from the installed package's metadata: distribution names
    (``dask[distributed]`` counts as dask and distributed) and, for an extra that brings others,
    ``orbitflops[...]`` with their names."""
    extras = importlib.metadata.metadata("orbitflops").get_all("Provides-Extra") or []
    out: dict[str, set[str]] = {e: set() for e in extras}
    for line in importlib.metadata.requires("orbitflops") or []:
        req = Requirement(line)
        for e in extras:
            if req.marker is not None and req.marker.evaluate({"extra": e}):
                if req.name == "orbitflops":
                    out[e].update(f"orbitflops[{x}]" for x in req.extras)
                else:
                    out[e].update({req.name.lower(), *(x.lower() for x in req.extras)})
    return out


def test_each_optional_module_is_in_the_extra_its_error_names():
    declared = _declared_extras()
    for module, (package, extra) in EXTRAS.items():
        assert package.lower() in declared.get(extra, set()), (module, extra, declared.get(extra))
    # [all] brings every other extra; [test] brings [all].
    assert {f"orbitflops[{extra}]" for _, extra in EXTRAS.values()} <= declared["all"]
    assert "orbitflops[all]" in declared["test"]


def test_base_requirements_hold_none_of_the_extras():
    base = {Requirement(r).name.lower() for r in importlib.metadata.requires("orbitflops") if "extra ==" not in r}
    assert {"numpy", "scipy", "optuna", "pandas", "typer", "rich"} <= base
    assert not base & {p.lower() for p, _ in EXTRAS.values()}


@pytest.mark.parametrize("module", sorted(EXTRAS))
def test_require_names_the_missing_extra(monkeypatch, module):
    hide(monkeypatch, module)
    package, extra = EXTRAS[module]
    with pytest.raises(ImportError) as err:
        require(f"{module}.something", "Test figures")
    assert isinstance(err.value, MissingExtraError)
    assert str(err.value) == f"Test figures need {package}, which is not installed: pip install 'orbitflops[{extra}]'"
    assert err.value.extra == extra and err.value.name == module
    assert not available(module)


def test_require_returns_the_module_and_rejects_other_names():
    assert require("plotly.graph_objects", "HTML figures").__name__ == "plotly.graph_objects"
    assert available("plotly")
    with pytest.raises(ValueError, match="not an optional dependency"):
        require("numpy", "arrays")


def test_a_broken_install_is_not_reported_as_a_missing_extra(monkeypatch):
    def broken(name):
        raise ImportError("cannot import name 'Image'", name="PIL")

    monkeypatch.setattr(_extras.importlib, "import_module", broken)
    with pytest.raises(ImportError) as err:
        require("matplotlib.pyplot", "PNG figures")
    assert not isinstance(err.value, MissingExtraError) and err.value.name == "PIL"


def test_figures_without_the_plots_extra(monkeypatch, tmp_path):
    from orbitflops.plots_mission import plot_year

    year = of.sun_synchronous_year(550e3, 18.0, 2027)
    hide(monkeypatch, "matplotlib")
    with pytest.raises(MissingExtraError, match=r"PNG figures need matplotlib.*orbitflops\[plots\]"):
        plot_year(year, tmp_path / "y.png")
    hide(monkeypatch, "plotly")
    with pytest.raises(MissingExtraError, match=r"HTML figures need plotly.*orbitflops\[plots\]"):
        plot_year(year, tmp_path / "y.html")
    assert list(tmp_path.iterdir()) == []


def test_sweep_without_the_parquet_extra(monkeypatch, tmp_path):
    hide(monkeypatch, "pyarrow")
    with pytest.raises(MissingExtraError, match=r"orbitflops\[parquet\]"):
        of.sweep(of.Scenario.default(), tmp_path / "s.parquet", method="grid", points=2)
    assert list(tmp_path.iterdir()) == []
    r = CliRunner().invoke(_cli_app(), ["sweep", "--method", "grid", "--points", "2", "--out", str(tmp_path / "s.parquet")])
    assert r.exit_code == 2, r.output
    assert "pip install 'orbitflops[parquet]'" in r.output and "Traceback" not in r.output


def _cli_app():
    from orbitflops.cli import app

    return app


def test_sobol_without_the_analysis_extra(monkeypatch, tmp_path):
    from orbitflops.compare import sobol_indices

    hide(monkeypatch, "SALib")
    with pytest.raises(MissingExtraError, match=r"Sobol indices need SALib.*orbitflops\[analysis\]"):
        sobol_indices(of.Scenario.default(), n_base=64)
    # The command line compares all the same, and says what it left out and why.
    r = CliRunner().invoke(_cli_app(), ["compare", "--draws", "500", "--json"])
    assert r.exit_code == 0, r.output
    assert "Sobol indices skipped" in r.output and "orbitflops[analysis]" in r.output
    # Asked for explicitly, they are an error naming the extra.
    r = CliRunner().invoke(_cli_app(), ["compare", "--draws", "500", "--sobol-n", "64"])
    assert r.exit_code == 2 and "orbitflops[analysis]" in r.output


def test_dask_and_postgres_without_their_extras(monkeypatch, tmp_path):
    from orbitflops.optimize import make_storage

    hide(monkeypatch, "dask", "distributed")
    r = CliRunner().invoke(_cli_app(), ["sweep", "--n", "10", "--dask", "local", "--out", str(tmp_path / "d")])
    assert r.exit_code == 2 and "pip install 'orbitflops[dask]'" in r.output, r.output
    hide(monkeypatch, "psycopg", "psycopg2")
    with pytest.raises(MissingExtraError, match=r"PostgreSQL studies need psycopg2-binary.*orbitflops\[postgres\]"):
        make_storage("postgresql://nobody@127.0.0.1:9/none")


def test_output_files_without_the_plots_extra_fail_before_the_work(monkeypatch, tmp_path):
    hide(monkeypatch, "matplotlib")
    journal = tmp_path / "s.journal"
    r = CliRunner().invoke(_cli_app(), ["optimize", "--trials", "4", "--storage", str(journal), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2, r.output
    assert "orbitflops[plots]" in r.output
    assert not journal.exists() and not (tmp_path / "o").exists()
    r = CliRunner().invoke(_cli_app(), ["compare", "--draws", "0", "--out", str(tmp_path / "c")])
    assert r.exit_code == 2 and "--no-plots" in r.output and "orbitflops[plots]" in r.output
    r = CliRunner().invoke(_cli_app(), ["compare", "--draws", "0", "--out", str(tmp_path / "c"), "--no-plots"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "c" / "report.html").exists()


def test_the_base_install_works_without_any_extra(tmp_path):
    """Evaluate, optimise, compare (without Sobol) and the command line, with every optional
    dependency missing; none of them is imported."""
    code = BLOCK_EXTRAS + """
import json, sys
import orbitflops as of
from orbitflops.compare import compare
s = of.Scenario.default()
ev = of.evaluate(of.size(s, racks=4), s)
res = of.optimize(s, n_trials=16, batch_size=8, seed=1)
c = compare(s, draws=500, sobol_n=0)
try:
    compare(s, draws=500)
    sobol = "no error"
except ImportError as e:
    sobol = str(e)
from orbitflops.cli import main
sys.argv = ["orbitflops", "evaluate", "--json"]
try:
    main()
except SystemExit as e:
    assert not e.code, e.code
extras = sorted(m for m in sys.modules if m.partition(".")[0] in ("matplotlib", "plotly", "pyarrow", "SALib", "dask", "distributed", "psycopg2"))
print(json.dumps({"cpf": ev.cost_per_flop_usd, "best": res.best is not None, "ratio": c.cost_ratio, "sobol": sobol, "extras": extras}), file=sys.stderr)
"""
    r = run_python(code, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stderr.strip().splitlines()[-1])
    assert out["cpf"] > 0 and out["best"] and out["ratio"] > 0
    assert "orbitflops[analysis]" in out["sobol"]
    assert out["extras"] == []


# --- lazy imports -----------------------------------------------------------------------------


def _loaded_after(code: str) -> list[str]:
    r = run_python(code + f"\nimport sys, json\nprint(json.dumps(sorted({{m.partition('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_import_orbitflops_loads_no_heavy_library():
    assert _loaded_after("import orbitflops") == []


def test_orbitflops_help_loads_no_heavy_library():
    code = """
import sys, io, contextlib
sys.argv = ["orbitflops", "--help"]
from orbitflops.cli import main
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    try:
        main()
    except SystemExit as e:
        assert not e.code
assert "optimize" in buf.getvalue() and "compare" in buf.getvalue()
"""
    assert _loaded_after(code) == []


def test_the_public_api_is_unchanged_by_lazy_loading():
    code = """
import orbitflops as of
from orbitflops import optimize, OptimizeResult, Reference, Solution, sweep, compare
import orbitflops.optimize.study
import sys
study = sys.modules["orbitflops.optimize.study"]
assert callable(of.optimize) and of.optimize is study.optimize is optimize, of.optimize
assert of.OptimizeResult is study.OptimizeResult and of.Reference is study.Reference and of.Solution is study.Solution
assert of.compare is sys.modules["orbitflops.compare"] and callable(of.compare.compare)
for name in of.__all__:
    getattr(of, name)
assert set(of.__all__) <= set(dir(of))
"""
    r = run_python(code)
    assert r.returncode == 0, r.stderr
    # The subpackage imported first, the package attribute is still the function.
    r = run_python("from orbitflops.optimize import study\nimport orbitflops as of\nassert of.optimize is study.optimize, of.optimize")
    assert r.returncode == 0, r.stderr


# --- the command line -------------------------------------------------------------------------


def test_the_command_list_matches_the_commands():
    from orbitflops.cli._app import COMMANDS, app, load_command

    for name, (_, help_line) in COMMANDS.items():
        cmd = load_command(name)
        first = " ".join((cmd.help or "").split("\n\n")[0].split())
        assert first == help_line, name
    import typer.main

    registered = set(typer.main.get_group(app).commands)
    assert registered == set(COMMANDS), (
        f"{sorted(registered ^ set(COMMANDS))}: list every command in orbitflops.cli._app.COMMANDS (module and help line), "
        "so that orbitflops --help shows it without importing it")
    r = CliRunner().invoke(app, ["--help"], terminal_width=200)
    assert r.exit_code == 0
    for name, (_, help_line) in COMMANDS.items():
        assert re.search(rf"{name}\s+{re.escape(help_line[:40])}", r.output), name


def test_an_unknown_command_suggests_the_nearest():
    r = CliRunner().invoke(_cli_app(), ["optimiz"])
    assert r.exit_code == 2 and "Did you mean 'optimize'" in r.output


# --- one version ------------------------------------------------------------------------------


def test_one_version_everywhere():
    installed = importlib.metadata.version("orbitflops")
    assert Version(of.__version__) == Version(installed)
    r = CliRunner().invoke(_cli_app(), ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"orbitflops {of.__version__}"
    cargo = SOURCE / "Cargo.toml"
    if cargo.exists():  # the workspace version is the one source
        with open(cargo, "rb") as f:
            assert Version(tomllib.load(f)["workspace"]["package"]["version"]) == Version(installed)


# --- the wheel run ----------------------------------------------------------------------------


@pytest.mark.skipif(not os.environ.get("ORBITFLOPS_TEST_WHEEL"), reason="not the wheel run of scripts/test")
def test_the_package_under_test_is_the_installed_wheel():
    pkg = Path(of.__file__).resolve()
    assert not pkg.is_relative_to(SOURCE), f"orbitflops imported from the source tree: {pkg}"
    assert "site-packages" in pkg.parts
    assert Path(of._core.__file__).name.endswith(".abi3.so"), of._core.__file__
    direct = importlib.metadata.distribution("orbitflops").read_text("direct_url.json")
    assert direct is None or not json.loads(direct).get("dir_info", {}).get("editable", False), direct
    wheel = Path(os.environ["ORBITFLOPS_TEST_WHEEL"]).name
    assert wheel.startswith(f"orbitflops-{importlib.metadata.version('orbitflops')}-cp311-abi3-"), wheel


BENCH_IMPORT = SOURCE / "benches" / "bench_import.py"


@pytest.mark.skipif(not BENCH_IMPORT.exists(), reason="benches/ is not part of an installed package")
def test_bench_import_runs_and_reports_every_figure(tmp_path):
    """The import benchmark runs end to end (one repeat; nothing here is timed)."""
    out = tmp_path / "import.json"
    r = subprocess.run([sys.executable, str(BENCH_IMPORT), "--repeats", "2", "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert set(res["commands"]) == {"python -c pass", "import numpy", "import orbitflops", "orbitflops --help"}
    for s in [*res["commands"].values(), res["import_orbitflops_minus_numpy"]]:
        assert s["n"] == 2 and s["min_s"] <= s["median_s"] <= s["max_s"]
    assert all(s["min_s"] > 0 for s in res["commands"].values())
    assert res["machine"]["orbitflops"] == of.__version__
