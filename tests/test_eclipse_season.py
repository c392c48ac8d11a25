"""The fraction of the year with eclipses, which sets the battery's cycle count: the analytic
tier samples every 5th day and interpolates where a season starts and ends; an independent daily
scan of the year (the mission tier's eclipse geometry) must agree, and the fraction, the battery
and the cost per FLOP must not step as the orbit moves."""

from __future__ import annotations

import numpy as np
import pytest

import orbitflops as of
from orbitflops import mission

YEAR = 2027


@pytest.mark.parametrize(("altitude_m", "ltan_h"), [(550e3, 6.0), (800e3, 6.0), (1200e3, 6.0), (1000e3, 7.0), (550e3, 10.5), (2000e3, 6.0)])
def test_season_agrees_with_a_daily_scan_of_the_year(altitude_m, ltan_h):
    s = of.Scenario.default().replace(altitude_m=altitude_m, ltan_h=ltan_h, shadow="cylindrical", start_year=float(YEAR))
    got = of.evaluate(of.size(s, 4), s).eclipse_season_fraction
    daily = mission.eclipse_season(altitude_m, ltan_h, YEAR)
    # A daily count is good to a day at each end of a season.
    assert got == pytest.approx(daily["eclipse_days"] / daily["days_in_year"], abs=2.0 / 365.0)


def test_cost_per_flop_of_a_sized_design_does_not_step_with_altitude():
    """Sized designs along 150 km of dawn-dusk altitude in 50 m steps: the battery's allowed depth
    of discharge follows the cycle count, which follows the eclipse season. A season counted in
    whole sampled days would step the cost per FLOP by ~0.1 % wherever a day changes side; the
    second differences of a smooth curve at this spacing are far smaller."""
    s = of.Scenario.default().replace(ltan_h=6.0, strategy="battery")
    alt = np.arange(650e3, 800e3, 50.0)
    out = of.evaluate_batch(s, sized=True, racks=np.full(alt.size, 4.0), altitude_m=alt, outputs=["cost_per_flop_usd", "eclipse_season_fraction", "battery_dod_allowed"])
    season = out["eclipse_season_fraction"]
    assert 0.05 < season.min() and season.max() < 0.5 and np.all(np.diff(season) <= 1e-12)
    rel = np.abs(np.diff(out["cost_per_flop_usd"], 2)) / out["cost_per_flop_usd"][1:-1]
    assert rel.max() < 1e-5, rel.max()
    assert np.abs(np.diff(out["battery_dod_allowed"])).max() < 1e-4
