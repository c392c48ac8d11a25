"""`orbitflops compare` and `orbitflops assumptions`: tables, JSON, report files, and errors."""

from __future__ import annotations

import base64
import os
from pathlib import Path
import json
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.cli import app

runner = CliRunner()
CAMPS = Path(__file__).resolve().parent.parent / "examples" / "camps"


def test_compare_default_answers_the_claim():
    r = runner.invoke(app, ["compare", "--draws", "5000", "--sobol-n", "64"])
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    for title in ("The article's claims against the model", "Cost lines, present value", "Ground baselines", "What would have to be true", "Sobol indices", "Tornado"):
        assert title in text
    assert "Break-even launch price" in text
    assert "probability that orbit is cheaper by the end of 2029" in text
    assert "article's deadline" in text
    assert "Sobol indices assume independent inputs" in text  # the default set is correlated
    assert "Eclipse strategy chosen" in text and "Compared in" in text
    # Words and units, no raw parameter names as labels.
    assert "Solar array cost (USD/W)" in text and "array_cost_usd_per_w" not in text
    assert "…" not in r.output  # no column cut short


def test_compare_json_matches_api(tmp_path):
    s = of.Scenario.default().replace(launcher="starship", array_cost_usd_per_w=2.0, bus_cost_usd_per_kg=300.0)
    p = tmp_path / "s.toml"
    p.write_text(s.to_toml())
    r = runner.invoke(app, ["compare", str(p), "--json", "--draws", "3000", "--sobol-n", "0", "--year", "2032", "--seed", "5"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    c = cmp.compare(of.Scenario.from_toml(p), year=2032.0, draws=3000, seed=5, sobol_n=0)
    ref = c.summary()
    for k in ("cost_ratio", "breakeven_launch_usd_per_kg", "parity_year", "ratio_at_year", "p_cheaper_by_end_of_year", "cost_ratio_p05", "cost_ratio_p10", "cost_ratio_p50", "cost_ratio_p90", "cost_ratio_p95", "design", "mc_strategy_shares"):
        assert data[k] == ref[k], k
    assert data["year"] == 2032.0 and data["mc_draws"] == 3000 and data["seconds"] > 0
    assert data["cost_ratio_p05"] <= data["cost_ratio_p10"] <= data["cost_ratio_p50"] <= data["cost_ratio_p90"] <= data["cost_ratio_p95"]
    assert [c["verdict"] in ("supported", "partly", "unlikely", "not supported") for c in data["claims"]] == [True] * 4


def test_compare_writes_a_self_contained_report(tmp_path):
    out = tmp_path / "cmp"
    r = runner.invoke(app, ["compare", "--draws", "2000", "--sobol-n", "64", "--out", str(out)])
    assert r.exit_code == 0, r.output
    for name in ("breakdown", "parity", "tornado"):
        assert (out / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "plotly" in (out / f"{name}.html").read_text().lower()
    html = (out / "report.html").read_text()
    imgs = re.findall(r"src='data:image/png;base64,([A-Za-z0-9+/=]+)'", html)
    assert len(imgs) == 3 and all(base64.b64decode(i)[:4] == b"\x89PNG" for i in imgs)
    assert "<img" in html and "src='http" not in html and 'src="http' not in html
    md = (out / "report.md").read_text()
    assert "![parity](parity.png)" in md and "## Assumptions" in md
    assert "## The article's claims against the model" in md and "## Correlations of the Monte Carlo's inputs (estimates)" in md
    # The tables people read name assumptions in words; the machine names stay in the CSV files.
    tornado_md = md.split("## Tornado")[1].split("##")[0]
    assert "_usd" not in tornado_md and "(USD" in tornado_md
    assert "Sobol indices assume independent inputs" in md
    claims = pd.read_csv(out / "claims.csv")
    assert len(claims) == 4 and set(claims["verdict"]) <= {"supported", "partly", "unlikely", "not supported"}
    summary = json.loads((out / "summary.json").read_text())
    lines = pd.read_csv(out / "lines.csv")
    assert lines["orbit_usd"].iloc[:-1].sum() == pytest.approx(lines["orbit_usd"].iloc[-1], rel=1e-9)
    assert summary["mc_draws"] == 2000
    band = pd.read_csv(out / "ratio_band.csv")
    assert (band["ratio_p10"] <= band["ratio_p50"]).all() and (band["ratio_p50"] <= band["ratio_p90"]).all()
    assert not list(out.glob(".*.tmp"))
    corr = pd.read_csv(out / "correlations.csv")
    assert corr["reason"].str.contains("est.", regex=False).all()


def test_compare_without_monte_carlo(tmp_path):
    r = runner.invoke(app, ["compare", "--draws", "0", "--out", str(tmp_path / "o"), "--no-plots"])
    assert r.exit_code == 0, r.output
    assert not (tmp_path / "o" / "tornado.csv").exists()
    assert (tmp_path / "o" / "report.html").exists()


def test_compare_bad_inputs(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[uncertainty]\npue = { dist = "uniform", low = 1.5, high = 1.2 }\n')
    r = runner.invoke(app, ["compare", str(bad), "--draws", "100"])
    assert r.exit_code == 2
    assert "uncertainty.pue.high = 1.2" in " ".join(r.output.split())
    r = runner.invoke(app, ["compare", "--sobol-n", "100", "--draws", "100"])
    assert r.exit_code == 2 and "power of 2" in r.output
    r = runner.invoke(app, ["compare", str(tmp_path / "missing.toml")])
    assert r.exit_code == 2
    r = runner.invoke(app, ["compare", str(bad), str(bad)])
    assert r.exit_code == 2 and "use --camps" in " ".join(r.output.split())
    r = runner.invoke(app, ["compare", "--region", "mars", "--draws", "0"])
    assert r.exit_code == 2 and "region = 'mars'" in r.output


def test_assumptions_lists_every_parameter_with_its_source(tmp_path):
    r = runner.invoke(app, ["assumptions", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert [x["name"] for x in rows] == list(of.PARAM_NAMES)
    assert all(x["source"] and x["unit"] for x in rows)
    by = {x["name"]: x for x in rows}
    assert "Suncatcher" in by["learning_rate"]["source"]
    assert "supply preset 'grid'" in by["electricity_price_usd_per_kwh"]["source"]
    r = runner.invoke(app, ["assumptions", "--section", "market", "--csv", str(tmp_path / "a.csv")])
    n_market = sum(p["section"] == "market" for p in of._core.PARAMS)
    assert r.exit_code == 0 and f"Assumptions ({n_market})" in r.output
    market = pd.read_csv(tmp_path / "a.csv")
    assert list(market["name"]) == [n for n in of.PARAM_NAMES if by[n]["section"] == "market"]
    assert market.set_index("name").loc["learning_p0_usd_per_kg", "value"] == 1800.0
    r = runner.invoke(app, ["assumptions", "--section", "nope"])
    assert r.exit_code == 2 and "must be one of" in r.output


# The example scenarios of the source checkout (this tests/ folder's repository, or ORBITFLOPS_REPO).
EXAMPLES = Path(os.environ.get("ORBITFLOPS_REPO", Path(__file__).resolve().parent.parent)) / "examples"
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.toml"))


@pytest.mark.skipif(not EXAMPLE_NAMES, reason=f"no example scenarios in {EXAMPLES}: run from a source checkout or set ORBITFLOPS_REPO to one")
@pytest.mark.parametrize("name", EXAMPLE_NAMES or ["none"])
def test_every_example_scenario_compares(name):
    path = EXAMPLES / name
    r = runner.invoke(app, ["compare", str(path), "--json", "--draws", "2000", "--sobol-n", "64"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["cost_ratio_p10"] <= data["cost_ratio_p50"] <= data["cost_ratio_p90"]


def test_camps_side_by_side_from_the_files_shipped_with_the_package():
    r = runner.invoke(app, ["compare", "--camps", "--draws", "2000", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    names = [c["camp"] for c in data["camps"]]
    assert names[:4] == ["skeptic", "middle", "optimist", "article"]
    by = {c["camp"]: c for c in data["camps"]}
    # The same figures as comparing each file alone.
    one = cmp.compare(of.Scenario.from_toml(CAMPS / "optimist.toml"), draws=2000, sobol_n=0, tornado_output=None)
    assert by["optimist"]["cost_ratio"] == one.cost_ratio and by["optimist"]["parity_year"] == one.parity_year
    assert by["optimist"]["p_cheaper_by_claim_deadline"] == one.probability_cheaper_by(cmp.CLAIM_DEADLINE_YEAR)
    assert by["skeptic"]["cost_ratio"] > by["middle"]["cost_ratio"] > by["optimist"]["cost_ratio"]
    for c in data["camps"]:
        assert c["cost_ratio_p05"] <= c["cost_ratio_p50"] <= c["cost_ratio_p95"]
    r = runner.invoke(app, ["compare", "--camps", "--draws", "500"])
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert "The camps of the debate" in text and "Parity year" in text and "Ratio P95" in text


def test_camps_from_paths(tmp_path):
    a = tmp_path / "fast.toml"
    a.write_text("[market]\nlearning_rate = 0.3\n")
    r = runner.invoke(app, ["compare", "--camps", str(a), str(CAMPS / "skeptic.toml"), "--draws", "0", "--json"])
    assert r.exit_code == 0, r.output
    assert [c["camp"] for c in json.loads(r.output)["camps"]] == ["fast", "skeptic"]
    r = runner.invoke(app, ["compare", "--camps", str(tmp_path / "none.toml")])
    # The message may wrap at the terminal's width (a long temporary path): read it unwrapped.
    assert r.exit_code == 2 and "not found" in " ".join(r.output.split())


def test_camps_without_a_source_checkout_ask_for_paths(monkeypatch):
    from orbitflops.compare import camps

    monkeypatch.setattr(camps, "camps_dir", lambda: None)
    r = runner.invoke(app, ["compare", "--camps", "--draws", "0"])
    assert r.exit_code == 2
    assert "pass their paths" in " ".join(r.output.split())
