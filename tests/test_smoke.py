"""The package imports and answers with the sanity values of docs/model.md."""

import math

import orbitflops as of


def test_default_scenario_evaluates():
    ev = of.evaluate()
    assert ev.cost_per_flop_usd > 0 and math.isfinite(ev.cost_per_flop_usd)


def test_sanity_values_model_md_section_1():
    # docs/model.md, "Eclipse fraction": 400 km, beta 0, cylindrical shadow: period 92.56 min,
    # f_e 0.3901.
    assert abs(of.period_s(400e3) / 60 - 92.56) < 0.01
    assert abs(of.eclipse_fraction(400e3, 0.0) - 0.3901) < 1e-4
