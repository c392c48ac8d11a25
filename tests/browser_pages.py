"""Opening the project's HTML outputs as a person does: headless Chromium (Debian's package)
driven by Playwright, recording every request and console error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any


def chromium_path() -> str | None:
    """The Chromium executable: ``ORBITFLOPS_CHROMIUM``, ``chromium`` on PATH or Debian's path."""
    return next((p for p in (os.environ.get("ORBITFLOPS_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).exists()), None)


def open_page(browser: Any, path: Path, width: int = 1200) -> tuple[Any, list[str], list[str]]:
    """Open ``path`` once the network is idle; return the page, every requested URL and every
    console error or failed request."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load", timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    return page, requests, errors
