"""The comparison's report and figures as a person opens them: in a real browser (headless
Chromium from the Debian package, driven by Playwright), with no network. The page must load
without console errors, request nothing but local files and data URLs, and show something (a
screenshot that is not blank); every heading and axis speaks in words, not field names."""

from __future__ import annotations

import io
import json
import os
import re

import numpy as np
import pytest
from typer.testing import CliRunner

from browser_pages import chromium_path, open_page
from orbitflops.cli import app

CHROMIUM = chromium_path()

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("no Chromium: CI must open the report in a browser (scripts/test installs Debian's chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip("playwright is not installed (the test extra)", allow_module_level=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    r = CliRunner().invoke(app, ["compare", "--draws", "2000", "--sobol-n", "64", "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()




def not_blank(png: bytes) -> float:
    from PIL import Image

    a = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    return float(a.std())


def test_report_opens_offline_and_shows_its_figures(browser, report):
    page, requests, errors = open_page(browser, report / "report.html")
    try:
        assert errors == []
        assert requests and all(u.startswith(("file:", "data:")) for u in requests), [u for u in requests if not u.startswith(("file:", "data:"))]
        # Every figure decoded (an image that failed to load has no natural width).
        widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
        assert len(widths) == 3 and all(w > 300 for w in widths), widths
        assert not_blank(page.screenshot(full_page=True)) > 20
        # Headings and column titles in words: no field_names (those appear only as <code>).
        heads = page.eval_on_selector_all("h1, h2, th", "els => els.map(e => e.textContent)")
        assert heads and not [h for h in heads if re.search(r"[a-z]_[a-z]", h)]
    finally:
        page.close()


@pytest.mark.parametrize("name", ["breakdown", "parity", "tornado"])
def test_html_figures_open_offline(browser, report, name):
    html = (report / f"{name}.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']https?:", html)
    page, requests, errors = open_page(browser, report / f"{name}.html")
    try:
        assert errors == []
        assert all(u.startswith(("file:", "data:")) for u in requests), requests
        assert any(u.endswith("/plotly.min.js") for u in requests)
        assert page.evaluate("typeof window.Plotly") == "object"
        assert page.locator(".main-svg").count() > 0
        assert not_blank(page.screenshot()) > 10
        layout = page.evaluate("(() => { const d = document.querySelector('.plotly-graph-div'); return JSON.stringify({x: d.layout.xaxis.title, y: d.layout.yaxis.title}); })()")
        titles = json.loads(layout)
        assert not re.search(r"[a-z]_[a-z]", json.dumps(titles)), titles
    finally:
        page.close()
