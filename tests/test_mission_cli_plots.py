"""`orbitflops orbit` and the mission-tier plots."""

import math

import pytest
from typer.testing import CliRunner

import orbitflops as of
from orbitflops import mission
from orbitflops.cli import app
from orbitflops.plots_mission import plot_lifetime, plot_worst_day, plot_year, save_all

runner = CliRunner()


def test_orbit_command_prints_the_eclipse_season(tmp_path):
    png = tmp_path / "year.png"
    r = runner.invoke(app, ["orbit", "--altitude-km", "550", "--ltan", "18", "--year", "2027", "--plot", str(png)])
    assert r.exit_code == 0, r.output
    s = mission.eclipse_season(550e3, 18.0, 2027)
    line = next(x for x in r.output.splitlines() if "Days with an eclipse (of 365)" in x)
    assert str(s["eclipse_days"]) in line
    # Sun-synchronous inclination at 800 km: 98.6 deg (Vallado, example 11-2).
    r2 = runner.invoke(app, ["orbit", "--altitude-km", "800"])
    incl = next(x for x in r2.output.splitlines() if "Inclination (deg)" in x)
    assert float(incl.split("│")[2]) == pytest.approx(98.6, abs=0.05)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_orbit_command_html_plot_and_bad_input(tmp_path):
    html = tmp_path / "year.html"
    r = runner.invoke(app, ["orbit", "--ltan", "6", "--plot", str(html)])
    assert r.exit_code == 0, r.output
    assert "plotly" in html.read_text()
    bad = runner.invoke(app, ["orbit", "--altitude-km", "9000"])
    assert bad.exit_code == 2
    assert "altitude_m" in bad.output
    bad = runner.invoke(app, ["orbit", "--plot", str(tmp_path / "x.svg")])
    assert bad.exit_code == 2


def test_mission_plots_written(tmp_path):
    s = of.Scenario.default().replace(lifetime_yr=0.6)
    r = of.evaluate(scenario=s, tier="mission")
    paths = save_all(r, tmp_path)
    assert len(paths) == 6
    for p in paths:
        assert p.stat().st_size > 1000
    with pytest.raises(ValueError, match="suffix"):
        plot_year(of.sun_synchronous_year(550e3, 18.0, 2027), tmp_path / "y.pdf")
    plot_worst_day(r, tmp_path / "w.png")
    plot_lifetime(r, tmp_path / "l.html")
    assert (tmp_path / "w.png").exists() and (tmp_path / "l.html").exists()
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_dawn_dusk_summary_is_consistent_with_the_daily_values():
    s = mission.eclipse_season(550e3, 18.0, 2027)
    y = of.sun_synchronous_year(550e3, 18.0, 2027)
    assert s["eclipse_max_s"] == y["eclipse_s"].max()
    assert s["beta_min_rad"] == pytest.approx(min(abs(b) for b in y["beta_rad"]))
    # Period of a 550 km circular orbit by hand from Kepler's third law, a = 6928.137 km,
    # mu = 398600.4418 km^3/s^2 (WGS 84): 5739.0 s = 95.65 min.
    assert s["period_s"] / 60.0 == pytest.approx(95.65, abs=0.01)
    assert math.isclose(s["inclination_rad"], of.sso_inclination_rad(550e3))
