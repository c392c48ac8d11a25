"""The documentation site cannot rot: the code on its getting-started and example pages runs, and
its generated reference pages cover the whole package.

* Every code block marked runnable (```` ```{.python .run} ```` or ```` ```{.bash .run} ````) on
  docs/getting-started.md and docs/examples/*.md is run, page by page, in order, in a fresh
  working directory: the Python blocks of a page share one namespace, as a reader pasting them in
  turn would; the shell blocks run in bash with ``-euo pipefail`` and the installed
  ``orbitflops`` command first on PATH. On those pages every Python block must be runnable, so
  that none is left out by mistake.
* The distributed-workers page runs against the PostgreSQL server of
  ``ORBITFLOPS_TEST_POSTGRES_URL`` (its code reads the URL from ``ORBITFLOPS_STORAGE``, as it
  tells readers to); without one it skips locally and fails under CI, like
  tests/test_distributed.py.
* The generated pages (docs/_build/gen_pages.py) list every assumption, preset, output and
  command, and the command-line help loses no text to Rich markup.

The pages are read from the source checkout (this tests/ folder's repository, or
ORBITFLOPS_REPO); without one the tests skip.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("ORBITFLOPS_REPO", Path(__file__).resolve().parent.parent))
DOCS = ROOT / "docs"
pytestmark = pytest.mark.skipif(
    not (DOCS / "getting-started.md").exists(),
    reason=f"no docs/getting-started.md under {ROOT}: run from a source checkout or set ORBITFLOPS_REPO to one",
)

RUN_PAGES = sorted(["getting-started.md", *(f"examples/{p.name}" for p in (DOCS / "examples").glob("*.md"))]) if DOCS.exists() else []
POSTGRES_PAGES = {"examples/distributed.md"}

FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<code>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def blocks(text: str) -> list[tuple[str, str, bool, int]]:
    """Every top-level fenced block of a page: (language, code, runnable, line of its fence)."""
    out = []
    for m in FENCE.finditer(text):
        info = m.group("info").strip()
        line = text.count("\n", 0, m.start()) + 1
        if info.startswith("{"):
            classes = re.findall(r"\.([\w-]+)", info)
            lang = classes[0] if classes else ""
            out.append((lang, m.group("code"), "run" in classes[1:], line))
        else:
            out.append((info.split()[0] if info else "", m.group("code"), False, line))
    return out


def test_block_parser_finds_marked_and_unmarked_blocks():
    text = "x\n```{.python .run}\na = 1\n```\n\n```bash\nls\n```\n```{.bash .run}\necho\n```\n"
    assert blocks(text) == [("python", "a = 1\n", True, 2), ("bash", "ls\n", False, 6), ("bash", "echo\n", True, 9)]


@pytest.mark.parametrize("page", RUN_PAGES)
def test_every_python_block_is_runnable(page):
    bs = blocks((DOCS / page).read_text(encoding="utf-8"))
    assert any(run and lang == "python" for lang, _, run, _ in bs), f"{page} has no runnable Python block"
    unmarked = [line for lang, _, run, line in bs if lang in ("python", "py") and not run]
    assert not unmarked, f"{page}: Python blocks at lines {unmarked} are not marked {{.python .run}}"


@pytest.mark.slow
@pytest.mark.parametrize("page", RUN_PAGES)
def test_page_code_runs(page, tmp_path, monkeypatch):
    if page in POSTGRES_PAGES:
        url = os.environ.get("ORBITFLOPS_TEST_POSTGRES_URL")
        if not url:
            if os.environ.get("CI"):
                raise RuntimeError("ORBITFLOPS_TEST_POSTGRES_URL is not set: CI runs the distributed-workers page against a real PostgreSQL server (scripts/test starts one)")
            pytest.skip("ORBITFLOPS_TEST_POSTGRES_URL is not set (local run without PostgreSQL)")
        monkeypatch.setenv("ORBITFLOPS_STORAGE", url)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # The orbitflops command of the Python running the tests (scripts/test: the wheel's venv).
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    namespace: dict = {"__name__": "__docs__"}
    ran = 0
    for lang, code, run, line in blocks((DOCS / page).read_text(encoding="utf-8")):
        if not run:
            continue
        where = f"docs/{page}, block at line {line}"
        if lang == "python":
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    exec(compile(code, where, "exec"), namespace)
            except Exception as e:
                raise AssertionError(f"{where} failed: {e!r}\n--- its output:\n{out.getvalue()}") from e
        elif lang in ("bash", "sh", "shell"):
            r = subprocess.run(["bash", "-euo", "pipefail", "-c", code], capture_output=True, text=True, timeout=600)
            assert r.returncode == 0, f"{where} exited with {r.returncode}\n--- stdout:\n{r.stdout}\n--- stderr:\n{r.stderr}"
        else:
            raise AssertionError(f"{where}: no way to run a {lang!r} block")
        ran += 1
    assert ran > 0


# ------------------------------------------------------------------------------------------------
# The generated pages


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    gen = runpy.run_path(str(DOCS / "_build" / "gen_pages.py"), run_name="gen_pages")
    return gen["pages"]()


def test_assumptions_page_lists_every_assumption_and_preset(generated):
    import orbitflops as of

    page = generated["reference/assumptions.md"]
    for row in of.assumptions():
        assert f"| `{row['name']}`<br>" in page, row["name"]
    for p in of.presets():
        assert f"{{ #preset-{p['name']} }}" in page, p["name"]
        for name in p["values"]:
            assert f"| `{name}` |" in page
    # A value that a public range brackets shows where it sits; one outside it says so.
    with_range = [r for r in of.assumptions() if r["position"] is not None]
    assert page.count('class="of-bar"') + page.count("the range**") == len(with_range)


def test_outputs_page_lists_every_output_with_its_unit(generated):
    import orbitflops as of

    page = generated["reference/outputs.md"]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(\w+)` \| ([^|]*) \|", page, re.MULTILINE)}
    assert list(rows) == list(of.OUTPUT_NAMES)
    assert rows["mass_total_kg"].strip() == "kg" and rows["radiator_area_m2"].strip() == "m²"


def test_cli_page_documents_every_command_and_option(generated):
    from orbitflops.cli._app import COMMANDS

    page = generated["reference/cli.md"]
    for name in COMMANDS:
        assert f"## `orbitflops {name}`" in page
    for option in ("--trials", "--gap-tol", "--storage", "--draws", "--sobol-n", "--method", "--section"):
        assert f"`{option}`" in page, option
    assert "its [search] table" in page  # a bracketed word survives (see the next test)


def test_cli_help_loses_no_text_to_rich_markup():
    """Typer reads help texts as Rich markup, where ``[search]`` is a tag and vanishes: every
    bracket meant literally must be escaped (``\\[search]``)."""
    import typer
    from rich.text import Text

    from orbitflops.cli._app import COMMANDS, app, load_command

    texts = [("orbitflops", typer.main.get_group(app).help or "")]
    for name in COMMANDS:
        cmd = load_command(name)
        texts.append((name, cmd.help or ""))
        texts += [(f"{name} {p.name}", getattr(p, "help", None) or "") for p in cmd.params]
    lost = [(where, t) for where, t in texts if Text.from_markup(t).plain != t.replace("\\[", "[")]
    assert not lost, f"help text that Rich markup would eat: {lost}"


# ------------------------------------------------------------------------------------------------
# The built site, as a person opens it


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The built site: the one scripts/test built (ORBITFLOPS_TEST_SITE), else built here with
    warnings as errors (needs the docs extra)."""
    given = os.environ.get("ORBITFLOPS_TEST_SITE")
    if given:
        return Path(given)
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("MkDocs is not installed (pip install -e '.[docs]')")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


@pytest.mark.slow
def test_site_opens_from_the_file_system_without_a_network_and_search_works(site):
    from browser_pages import chromium_path, open_page

    chromium = chromium_path()
    if chromium is None:
        if os.environ.get("CI"):
            raise RuntimeError("no Chromium: CI opens the site in a browser (scripts/test installs Debian's chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    expected = ["index.html", "getting-started.html", "model.html", "reference/assumptions.html", "reference/outputs.html",
                "reference/cli.html", "api/orbitflops.html", "api/optimize.html", "reproductions.html", *(f"{p[:-3]}.html" for p in RUN_PAGES if p.startswith("examples/"))]
    missing = [p for p in expected if not (site / p).exists()]
    assert not missing, missing
    pages = ["index.html", "reference/assumptions.html", "api/orbitflops.html"]  # opened in the browser
    # No page asks for anything from elsewhere: no web fonts, scripts or styles from a CDN.
    external = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)
    offenders = [str(f.relative_to(site)) for f in site.rglob("*.html") if external.search(f.read_text(encoding="utf-8"))]
    assert not offenders, offenders
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            for p in pages:
                page, requests, errors = open_page(browser, site / p, width=1300)
                assert page.locator("h1").first.inner_text().strip(), p
                if p == "index.html":
                    # Search runs in a worker, which file:// pages get through docs/js/iframe-worker.js.
                    page.focus("input.md-search__input")
                    page.wait_for_timeout(500)
                    page.keyboard.type("radiator", delay=30)
                    page.wait_for_selector(".md-search-result__item", timeout=30_000)
                    assert "matching document" in page.locator(".md-search-result__meta").inner_text()
                assert not errors, (p, errors)
                local = ("file:", "data:", "blob:", "about:")
                assert all(u.startswith(local) for u in requests), (p, [u for u in requests if not u.startswith(local)])
                page.close()
        finally:
            browser.close()


def _equivalent_mutants_generator():
    path = DOCS / "_build" / "equivalent_mutants.py"
    return runpy.run_path(str(path), run_name="equivalent_mutants")


def test_equivalent_mutants_in_testing_md_are_the_table_the_score_reads():
    gen = _equivalent_mutants_generator()
    assert gen["main"](["--check"]) == 0, "docs/testing.md's equivalent mutants are out of date: run python docs/_build/equivalent_mutants.py --write"
    # every row of the table is in the block, with its reason
    text = (DOCS / "testing.md").read_text(encoding="utf-8")
    table = gen["rows"]()
    assert len(table) == len(set((f, o, m) for f, o, m, _ in table)), "a mutant is judged twice in scripts/mutants-python-equivalent.tsv"
    for _, _, _, reason in table:
        assert reason in text


def test_equivalent_mutants_check_fails_on_a_stale_block_and_a_malformed_table(tmp_path):
    gen = _equivalent_mutants_generator()
    doc = tmp_path / "testing.md"
    doc.write_text("intro\n" + gen["BEGIN"] + "\n- stale\n" + gen["END"] + "\nafter\n", encoding="utf-8")
    assert gen["main"](["--check", "--file", str(doc)]) == 1
    assert gen["main"](["--write", "--file", str(doc)]) == 0
    assert gen["main"](["--check", "--file", str(doc)]) == 0
    assert doc.read_text(encoding="utf-8").startswith("intro\n") and doc.read_text(encoding="utf-8").endswith("\nafter\n")
    bad = tmp_path / "bad.tsv"
    bad.write_text("# header\norbitflops.compare.pricing.x_annuity\tonly two fields\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2: expected 4 tab-separated non-empty fields"):
        gen["main"](["--check", "--file", str(doc), "--table", str(bad)])
