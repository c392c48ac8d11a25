"""Published analyses reproduced (examples/REPRODUCTIONS.md): the published figures with their
sources, and the generated tables of the document kept current."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
pytestmark = pytest.mark.skipif(not (EXAMPLES / "reproduce.py").exists(), reason="examples/ is not part of an installed package")


@pytest.fixture(scope="module")
def rep():
    sys.path.insert(0, str(EXAMPLES))
    try:
        import reproduce
    finally:
        sys.path.pop(0)
    return reproduce


def test_suncatcher_table_1(rep):
    # Suncatcher arXiv:2511.19468 v2, sec. 4.4, Table 1: launched-power price in USD per kW-year at
    # 3,600 and 200 USD/kg; the paper rounds (575/28 x 3,600/5 = 14,786 printed as 14,700).
    for name, _, _, _, pub_hi, hi, pub_lo, lo in rep.suncatcher_rows():
        assert hi == pytest.approx(pub_hi, rel=0.011), name
        assert lo == pytest.approx(pub_lo, rel=0.015), name


def test_suncatcher_learning_curve(rep):
    # Suncatcher sec. 4.4: from ~1,800 USD/kg at ~400 t and a ~20 % learning rate, ~370,000 t more
    # gives <200 USD/kg (by ~2035) and 104,000 t more gives ~300 USD/kg; ground power spend
    # 570-3,000 USD/(kW yr) for 0.06-0.25 USD/kWh and PUE 1.09-1.4.
    lc = rep.learning_checks()
    assert lc["price_after_370kt"] == pytest.approx(200.0, rel=0.01)
    assert lc["price_after_104kt"] == pytest.approx(300.0, rel=0.01)
    assert lc["year_of_200"] == pytest.approx(2035.0, abs=0.5)
    assert lc["ground_spend_lo"] == pytest.approx(570.0, rel=0.01)
    assert lc["ground_spend_hi"] == pytest.approx(3000.0, rel=0.025)


def test_starcloud_terrestrial_energy(rep):
    # Starcloud white paper v1.03 (2024), Table 1: terrestrial energy 140 M USD at 0.04 USD/kWh
    # over 10 years for 40 MW; cooling 7 M USD at 5 % of the power; radiator net 633 W/m^2 at 20 C.
    sc = rep.starcloud()
    assert sc["energy"] == pytest.approx(140e6, rel=0.005)
    assert sc["cooling"] == pytest.approx(7e6, rel=0.005)
    assert sc["net_w_m2_at_20c"] == pytest.approx(633.0, rel=0.02)
    # The full accounting: orbit does not win at any launch price under their assumptions.
    assert sc["ratio"] > 1.0 and sc["breakeven"] < 0


def test_mccalip_ground_capital_and_direction(rep):
    # McCalip calculator (math.js, commit e59571e) at its defaults: terrestrial 15.85 USD/W,
    # orbital 51.10 USD/W over 5 years for 1 GW. orbitflops' ground adds maintenance and staff;
    # both say orbit costs a multiple of the ground.
    mc = rep.mccalip()
    assert mc["gw"] == pytest.approx(1.0, rel=0.001)
    assert 15.85 < mc["ground_usd_per_w"] < 15.85 * 1.3
    assert mc["orbit_usd_per_w"] > 51.10 and mc["ratio_per_w"] > 3.22


def test_generated_tables_are_current(rep):
    doc = (EXAMPLES / "REPRODUCTIONS.md").read_text()
    i, j = doc.index(rep.BEGIN) + len(rep.BEGIN), doc.index(rep.END)
    assert doc[i:j].strip() == rep.tables().strip(), "run: python examples/reproduce.py --write"
