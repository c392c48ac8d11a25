"""What people read: every command's tables and an Evaluation's printed views name quantities in
words with their display unit (no raw field names, no cut columns at 100 characters), and numbers
are rounded to four figures, money with k/M/B, powers of ten written out and rounding noise as 0.
The expected strings are written by hand."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys

import pytest

import orbitflops as of
from orbitflops import _display as d

# --- the formatter against hand-written strings ---------------------------------------------


@pytest.mark.parametrize(
    "x, expected",
    [
        (0.0, "0"),
        (5600.3, "5,600"),
        (10.0, "10"),
        (0.23041, "0.2304"),
        (1322.3879, "1,322"),
        (9.99996, "10"),  # rounds up past a power of ten
        (-827.7706, "-827.8"),
        (2.18e6, "2.18 million"),
        (1.5e9, "1.5 billion"),
        (3.7049e-18, "3.705×10⁻¹⁸"),
        (float("nan"), "-"),
        (float("inf"), "∞"),
    ],
)
def test_number(x, expected):
    assert d.number(x) == expected


@pytest.mark.parametrize(
    "x, expected",
    [
        (52_270_000.0, "52.27M"),
        (470_399.9382, "470.4k"),
        (2_009.4, "2.009k"),
        (999.95, "1k"),  # 4 figures of 999.95 is 1,000
        (13.071, "13.07"),
        (1.2e9, "1.2B"),
        (-5.2e6, "-5.2M"),
        (0.0, "0"),
    ],
)
def test_money(x, expected):
    assert d.money(x) == expected


def test_sci_and_three_figures():
    assert d.sci(2.5774e25) == "2.577×10²⁵"
    assert d.sci(1.0) == "1.000"
    assert d.number(336.5655, 3) == "337"
    assert d.money(52_270_000.0, 3) == "52.3M"


@pytest.mark.parametrize(
    "name, si, expected",
    [
        ("altitude_m", 550e3, "550"),  # km
        ("compute_power_w", 500e3, "500"),  # kW
        ("mass_total_kg", 20981.5449, "20.98"),  # t
        ("rack_mass_kg", 450.0, "450"),  # kg: a rack is weighed in kg
        ("beta_min_rad", math.pi / 3, "60"),  # deg
        ("eclipse_fraction_worst", 0.230412, "23.04"),  # %
        ("period_s", 5738.9928, "95.65"),  # min
        ("battery_energy_j", 1.6934e9, "470.4"),  # kWh
        ("delivered_flops", 1.9173e17, "191.7"),  # PFLOP/s
        ("cost_launch_usd", 5.227e7, "52.27M"),
        ("ground_lcoe_usd_per_mwh", 1175.1831, "1,175"),  # a price per unit: no k
        ("cost_per_flop_usd", 3.7049e-18, "3.705×10⁻¹⁸"),
        ("array_degradation_per_yr", 0.015, "1.5"),  # %/yr
        ("feasible", 1.0, "yes"),
        ("feasible", 0.0, "no"),
        ("cost_ref_year", 2026.0, "2026"),
        ("racks", 12.0, "12"),
        ("launcher", "falcon_heavy", "Falcon Heavy"),
        ("rack", "gb200_nvl72_flight", "flight payload (GB200 NVL72 chips)"),
    ],
)
def test_value_text_in_display_units(name, si, expected):
    assert d.value_text(name, si) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("array_area_m2", "Array area (m²)"),
        ("altitude_m", "Altitude (km)"),
        ("compute_power_w", "Compute power (kW)"),
        ("mass_total_kg", "Launch mass (t)"),
        ("beta_max_rad", "Largest beta angle (deg)"),
        ("eclipse_fraction_worst", "Eclipse fraction, worst orbit (%)"),
        ("cost_launch_usd", "Launch (USD)"),
        ("nre_usd", "Non-recurring engineering (USD)"),
        ("usd_per_pflops_day", "Cost per delivered compute (USD per PFLOP/s-day)"),
        ("launch_usd_per_kw_yr", "Launch cost per kW-year (USD/(kW·yr))"),
        ("cost_ratio", "Cost ratio orbit / ground"),
    ],
)
def test_labels(name, expected):
    assert d.label(name) == expected


def test_rounding_noise_is_zero():
    # A margin of 1e-17 on a depth of discharge of 0.44 is noise; 1e-4 is not.
    assert d.value_text("dod_margin", 1.1e-17) == "0"
    assert d.value_text("dod_margin", 1e-4) == "0.01"
    # noise relative to the table's largest value in the same unit
    rows = dict(d.rows({"cost_launch_usd": 5.227e7, "nre_usd": 3e-9, "cost_battery_usd": 2009.4}))
    assert rows == {"Launch (USD)": "52.27M", "Non-recurring engineering (USD)": "0", "Battery (USD)": "2.009k"}
    # but a small quantity is not noise on its own
    assert d.value_text("cost_per_flop_usd", 1e-18) == "1.000×10⁻¹⁸"


def test_enum_codes_in_words():
    assert d.constraint("battery_dod") == "battery depth of discharge"
    assert d.choice("throttle") == "sleep in eclipse"
    assert d.source_text("cell preset 'silicon_thin': Starcloud") == "Solar cell preset thin silicon: Starcloud"


# --- human output carries no raw field names -----------------------------------------------

# Raw names (fields, outputs, parameters, choice codes, constraint and waterfall step codes) that
# no human table may show; the test also rejects any snake_case word.
FORBIDDEN = (
    "array_area_m2", "radiator_area_m2", "spare_racks", "battery_energy_j", "period_s", "period_min", "inclination_rad",
    "inclination_deg", "beta_min_rad", "beta_max_deg", "eclipse_fraction_worst", "eclipse_worst_s", "eclipse_days",
    "first_eclipse_day", "sunlit_fraction_mean", "compute_power_w", "array_power_eol_w", "heat_load_w", "chip_temp_max_k",
    "radiator_temp_k", "cold_plate_dt_k", "radiator_emissivity_eol", "peak_flops", "delivered_flops", "failures_and_spares",
    "power_thermal_derating", "mass_total_kg", "mass_racks_kg", "cost_launch_usd", "cost_spacecraft_specific_usd", "nre_usd",
    "pv_cost_usd", "pv_flop", "cost_per_flop_usd", "usd_per_pflops_day", "ground_pv_cost_usd", "ground_energy_share",
    "breakeven_launch_usd_per_kg", "cost_ratio", "power_margin_w", "dod_margin", "thermal_margin_k", "mass_margin_kg",
    "battery_dod", "altitude_m", "ltan_h", "launch_price_usd_per_kg", "array_cost_usd_per_w", "lifetime_yr", "discount_rate",
    "gb200_nvl72_flight", "silicon_thin", "falcon_heavy", "two_axis", "white_paint", "bottom_up",
)
SNAKE = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*_[a-z0-9_]+\b")


def run_cli(*args: str, cwd) -> str:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    r = subprocess.run([sys.executable, "-c", "from orbitflops.cli import main; main()", *args], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def assert_readable(out: str, *allowed: str, width: int | None = 100) -> None:
    for a in allowed:
        out = out.replace(a, "")
    for name in FORBIDDEN:
        assert name not in out, name
    assert not SNAKE.findall(out), SNAKE.findall(out)
    assert "…" not in out  # no column cut short
    if width is not None:
        assert all(len(line) <= width for line in out.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ("evaluate",),
        ("orbit",),
        ("orbit", "--altitude-km", "1500"),
        ("assumptions",),
        ("sweep", "--n", "64", "--out", "s.parquet"),
        ("compare", "--draws", "500", "--sobol-n", "0"),
    ],
    ids=lambda a: " ".join(a),
)
def test_commands_print_words_not_field_names(args, tmp_path):
    out = run_cli(*args, cwd=tmp_path)
    assert_readable(out, str(tmp_path))


def test_evaluate_reads_in_display_units(tmp_path):
    out = run_cli("evaluate", cwd=tmp_path)
    for text in ("Array area (m²)", "Compute power (kW)", "Launch mass (t)", "Smallest beta angle (deg)", "Eclipse fraction, worst orbit (%)",
                 "Launch (USD)", "binding constraint: battery depth of discharge"):
        assert text in out, text


def test_optimize_report_and_cost_breakdown_read_in_words(tmp_path):
    out = run_cli("optimize", "--trials", "8", "--seed", "1", "--out", "o", cwd=tmp_path)
    # "grid+brent", "cobyla" and the like name the certificate's methods, not fields
    assert_readable(out, str(tmp_path))
    for text in ("Best design", "Array area (m²)", "Capital cost", "Launch mass (t)", "Cost per delivered FLOP (USD/FLOP)"):
        assert text in out, text
    assert (tmp_path / "o" / "cost_breakdown.png").read_bytes()[:4] == b"\x89PNG"
    html = (tmp_path / "o" / "cost_breakdown.html").read_text()
    assert "Non-recurring engineering" not in html  # a zero item is left out
    assert "Racks and spares" in html and "cost_racks_usd" not in html


def test_evaluation_views_read_in_words():
    ev = of.evaluate()
    text = repr(ev) + ev._repr_html_() + repr(of.evaluate(tier="mission")) + of.evaluate(tier="mission")._repr_html_()
    text += " ".join(" ".join(row) for rows in ev.tables().values() for row in rows)
    assert_readable(text.replace("<", " <").replace(">", "> "), "text-align", "<div>", width=None)
    tables = ev.tables()
    assert tables["Mass"][0] == ("", "Value")
    assert ("Launch mass (t)", d.value_text("mass_total_kg", ev.mass_total_kg)) in tables["Mass"]
    # the machine views keep their names
    assert "mass_total_kg" in ev.masses and "cost_launch_usd" in ev.costs


def test_baseline_descriptions_name_presets_in_words_and_leave_plain_words_alone():
    from orbitflops.compare.report import _what

    assert _what("falcon_heavy launch, silicon_thin array") == "Falcon Heavy launch, thin silicon array"
    # "gas" and "battery" are also choice names; inside a sentence they stay words
    assert _what("On-site natural-gas generation (combined cycle)") == "On-site natural-gas generation (combined cycle)"
    assert _what("Ground solar with battery storage sized for round-the-clock load") == "Ground solar with battery storage sized for round-the-clock load"
