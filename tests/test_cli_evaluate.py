"""`orbitflops evaluate`: tables or JSON for one design; clear errors for bad files."""

import json

from typer.testing import CliRunner

import orbitflops as of
from orbitflops.cli import app

runner = CliRunner()


def test_evaluate_tables_default():
    r = runner.invoke(app, ["evaluate"])
    assert r.exit_code == 0, r.output
    for title in ("Delivered-compute waterfall", "Thermal chain", "Mass", "Capital cost", "Ground with the same racks", "binding constraint"):
        assert title in r.output


def test_evaluate_json_matches_api(tmp_path):
    s = of.Scenario.default().replace(launcher="starship").with_design(of.Design(6000, 600, 4))
    p = tmp_path / "s.toml"
    p.write_text(s.to_toml())
    r = runner.invoke(app, ["evaluate", str(p), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    ev = of.evaluate(s.design, s)
    assert data["outputs"]["cost_per_flop_usd"] == ev.cost_per_flop_usd
    assert data["binding_constraint"] == ev.binding_constraint


def test_evaluate_bad_file_exits_2_naming_key(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[thermal]\nradiator_sides = 3\n")
    r = runner.invoke(app, ["evaluate", str(p)])
    assert r.exit_code == 2
    assert "thermal.radiator_sides" in r.output
