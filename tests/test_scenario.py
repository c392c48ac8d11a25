"""Scenarios: TOML round trip, presets, replace, pickling, sources."""

import pickle

import pytest

import orbitflops as of


def test_toml_round_trip(tmp_path):
    s = of.Scenario.default().replace(cell="gaas_tj", launcher="starship", altitude_m=650e3, strategy="throttle", utilisation=0.55)
    s = s.with_design(of.Design(1234.5, 321.0, 7, 2, battery_energy_j=1e9))
    p = tmp_path / "s.toml"
    p.write_text(s.to_toml())
    back = of.Scenario.from_toml(p)
    assert back == s
    assert back.design == s.design and back.design.battery_energy_j == 1e9
    assert back.search == s.search


def test_presets_apply_and_explicit_values_override():
    s = of.Scenario.from_toml_str('[solar]\ncell = "gaas_tj"\ncell_efficiency = 0.31\n[launch]\nlauncher = "starship"\n')
    gaas = next(p for p in of.presets("cell") if p["name"] == "gaas_tj")
    assert s.cell_efficiency == 0.31
    assert s.array_areal_density_kg_m2 == gaas["values"]["array_areal_density_kg_m2"]
    assert s.launch_price_usd_per_kg == 200.0 and s.launcher == "starship"
    # Order of keywords does not matter: presets first, then numbers.
    assert of.Scenario.default().replace(cell_efficiency=0.31, cell="gaas_tj").cell_efficiency == 0.31


def test_replace_returns_new_scenario_and_validates():
    s = of.Scenario.default()
    s2 = s.replace(altitude_m=700e3)
    assert s.altitude_m == 550e3 and s2.altitude_m == 700e3
    with pytest.raises(TypeError, match="altitude_m must be a number"):
        s.replace(altitude_m="700")
    with pytest.raises(TypeError, match="cell must be a string"):
        s.replace(cell=3)


def test_pickle_scenario_design():
    s = of.Scenario.default().replace(rack="hgx_h100")
    assert pickle.loads(pickle.dumps(s)) == s
    d = of.Design(100.0, 20.0, 3, 1)
    assert pickle.loads(pickle.dumps(d)) == d


def test_every_assumption_has_unit_and_source():
    rows = of.assumptions()
    assert len(rows) == len(of.PARAM_NAMES)
    for r in rows:
        assert r["unit"] and r["source"], r["name"]
    for p in of.presets():
        assert p["source"] and p["values"], p["name"]


def test_search_space_from_file():
    s = of.Scenario.from_toml_str('[search]\narray_area_m2 = { low = 100, high = 1e5, log = true }\nracks = [1, 10]\nlauncher = ["falcon9", "starship"]\n')
    names = [v["name"] for v in s.search]
    assert names == ["array_area_m2", "racks", "launcher"]
    assert s.search[1]["integer"] is True
    assert s.search[2]["choices"] == ["falcon9", "starship"]
