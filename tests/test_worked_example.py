"""The worked example of docs/model.md ("Worked example: the default scenario") cannot go stale,
and its chain holds by hand.

* The block between its BEGIN and END markers is exactly what docs/_build/worked_example.py
  generates from the package now; ``--check`` fails on a stale block and ``--write`` replaces
  it, leaving the rest of the file alone.
* Independent of the code under test, steps of the chain are re-derived here from the equations
  of docs/model.md with the constants it cites (mu and R_E from Vallado Table D-3: EGM-96 and
  WGS-84; sigma and k_B from CODATA 2018) and the inputs the block prints, and must agree with
  the block's figures to the digits printed: each computed value is taken over the corners of
  its printed inputs' rounding intervals (half a unit of their last digit), and that range must
  meet the printed result's own rounding interval.

The document is read from the source checkout (this tests/ folder's repository, or
ORBITFLOPS_REPO); without one the tests skip.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import os
import re
from pathlib import Path
from typing import Callable, NamedTuple

import pytest

ROOT = Path(os.environ.get("ORBITFLOPS_REPO", Path(__file__).resolve().parent.parent))
GENERATOR = ROOT / "docs" / "_build" / "worked_example.py"
MODEL_MD = ROOT / "docs" / "model.md"
pytestmark = pytest.mark.skipif(
    not GENERATOR.exists(),
    reason=f"no docs/_build/worked_example.py under {ROOT}: run from a source checkout or set ORBITFLOPS_REPO to one",
)

# Constants of docs/model.md, "Constants", with the sources it cites.
MU = 3.986004418e14  # m^3/s^2, EGM-96 (Vallado Table D-3)
R_E = 6_378_137.0  # m, WGS-84 equatorial radius (Vallado Table D-3)
SIGMA = 5.670374419e-8  # W/(m^2 K^4), CODATA 2018
K_B = 8.617333262e-5  # eV/K, CODATA 2018
T_SINK = 3.0  # K, deep-space sink
YEAR_S = 365.2422 * 86400.0  # the tropical year
YEAR_H = YEAR_S / 3600.0


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("worked_example", GENERATOR)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def generated(gen) -> str:
    return gen.block()


@pytest.fixture(scope="module")
def doc_block(gen) -> str:
    text = MODEL_MD.read_text(encoding="utf-8")
    start, end = gen.current_block(text)
    return text[start:end]


# ------------------------------------------------------------------------------------------------
# The block is current, and the script's modes


def test_block_in_model_md_is_what_the_library_gives_now(doc_block, generated):
    assert doc_block == generated, (
        "docs/model.md's worked example is out of date: run python docs/_build/worked_example.py --write"
    )


def test_check_fails_on_a_stale_block_and_write_replaces_only_the_block(gen, generated, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gen, "block", lambda: generated)
    before, after = "# Title\n\nText before.\n\n", "\n\nText after, with 7.68 in it.\n"
    f = tmp_path / "model.md"
    f.write_text(before + f"{gen.BEGIN}\nRatio 7.68 at 1,500 USD/kg.\n{gen.END}" + after, encoding="utf-8")
    assert gen.main(["--check", "--file", str(f)]) == 1
    assert "Ratio 7.68" in capsys.readouterr().err  # the difference is shown
    assert gen.main(["--write", "--file", str(f)]) == 0
    assert f.read_text(encoding="utf-8") == before + generated + after
    assert gen.main(["--check", "--file", str(f)]) == 0
    assert not list(tmp_path.glob(".model.md.*"))  # no temporary file left behind


def test_a_file_without_exactly_one_pair_of_markers_is_refused(gen, tmp_path):
    f = tmp_path / "model.md"
    for text in ("no markers\n", f"{gen.BEGIN}\n", f"{gen.END}\n{gen.BEGIN}\n", f"{gen.BEGIN}\n{gen.END}\n{gen.BEGIN}\n{gen.END}\n"):
        f.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match="BEGIN worked example"):
            gen.main(["--check", "--file", str(f)])
        assert f.read_text(encoding="utf-8") == text


def test_number_formatting(gen):
    mod = gen
    assert mod.num(9693.7459) == "9,694"
    assert mod.num(0.21804610) == "0.2180"
    assert mod.num(-612.2953) == "−612.3"
    assert mod.num(2.1743370e-18) == "2.174 × 10<sup>-18</sup>"
    assert mod.num(9.9996e25) == "1.000 × 10<sup>26</sup>"
    assert mod.plain(0.08) == "0.08" and mod.plain(1.8e17) == "1.8 × 10<sup>17</sup>" and mod.plain(3e6) == "3,000,000"


# ------------------------------------------------------------------------------------------------
# Reading the printed figures


class P(NamedTuple):
    """A printed figure in SI units and half a unit of its last printed digit."""

    v: float
    half: float


UNITS = {"": 1.0, "km": 1e3, "m": 1.0, "min": 60.0, "deg": math.pi / 180.0, "K": 1.0, "W/m²": 1.0, "/yr": 1.0,
         "m²": 1.0, "W": 1.0, "kW": 1e3, "MW": 1e6, "kWh": 3.6e6, "MJ": 1e6, "kg": 1.0, "M USD": 1e6,
         "M USD/yr": 1e6, "USD/FLOP": 1.0, "FLOP/s": 1.0, "FLOP": 1.0, "USD": 1.0, "USD/kg": 1.0, "yr": 1.0,
         "1/yr": 1.0, "1/K": 1.0, "h": 1.0, "W/kg": 1.0, "kg/m²": 1.0, "kg/W": 1.0, "J/kg": 1.0, "USD/W": 1.0,
         "USD/m²": 1.0, "USD/kWh": 1.0, "USD/yr": 1.0, "eV": 1.0, "FLOP/s ": 1.0, "kg/m³": 1.0, "s": 1.0}

NUMBER = re.compile(r"^\**(?P<sign>[−-])?(?P<digits>[\d,]+)(?:\.(?P<frac>\d+))?(?: × 10<sup>(?P<exp>[−-]?\d+)</sup>)?\**\s*(?P<unit>[^(]*?)\s*(?:\(|$)")


def printed(text: str) -> P:
    """"9,694 m²" -> P(9694, 0.5); "2.174 × 10<sup>-18</sup> USD/FLOP" -> P(2.174e-18, 5e-22);
    "3.3241 kW" -> P(3324.1, 0.05). The first figure of the cell; its unit converted to SI."""
    m = NUMBER.match(text.strip())
    assert m, f"no figure in {text!r}"
    frac = m.group("frac") or ""
    mant = float(m.group("digits").replace(",", "") + ("." + frac if frac else ""))
    exp = int(m.group("exp").replace("−", "-")) if m.group("exp") else 0
    unit = m.group("unit").strip()
    assert unit in UNITS, f"unknown unit {unit!r} in {text!r}"
    scale = UNITS[unit] * 10.0**exp
    sign = -1.0 if m.group("sign") else 1.0
    return P(sign * mant * scale, 0.5 * 10.0 ** -len(frac) * scale)


def test_printed_reads_every_form():
    assert printed("9,694 m²") == P(9694.0, 0.5)
    assert printed("−612.3 USD/kg") == P(-612.3, 0.05)
    v = printed("2.174 × 10<sup>-18</sup> USD/FLOP")
    assert math.isclose(v.v, 2.174e-18) and math.isclose(v.half, 5e-22)
    assert printed("**3.84**") == P(3.84, 0.005)
    v = printed("2.585 kWh (9.305 MJ)")
    assert math.isclose(v.v, 2.585 * 3.6e6) and math.isclose(v.half, 0.0005 * 3.6e6)
    v = printed("96.687 min")
    assert math.isclose(v.v, 96.687 * 60) and math.isclose(v.half, 0.0005 * 60)


@pytest.fixture(scope="module")
def shown(doc_block) -> dict[str, dict[str, str]]:
    """The block's figures: {table: {symbol or quantity: value cell}}, tables named by their bold
    label ("Orbit", "Mass", ...); the inputs under "Inputs", by parameter name; the intro's racks
    and strategy under "Design"."""
    out: dict[str, dict[str, str]] = {"Inputs": {}, "Design": {}}
    label = None
    for line in doc_block.splitlines():
        lab = re.match(r"^\*\*([^*]+?)\.?\*\*", line)
        if lab:
            label = lab.group(1)
            out.setdefault(label, {})
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("| ") else []
        if len(cells) == 4 and cells[1].startswith("`"):  # section | parameter | value | unit
            out["Inputs"][cells[1].strip("`")] = f"{cells[2]} {cells[3]}".strip()
        elif len(cells) == 5 and label and cells[0] != "symbol" and not cells[0].startswith("---"):
            out[label][cells[0].strip("`") or cells[1]] = cells[3]
    racks = re.search(r"It has \*\*(\d+) racks\*\*, the \*\*(\w+)\*\* strategy", doc_block)
    assert racks, "the intro names the design's racks and strategy"
    out["Design"] = {"racks": racks.group(1), "strategy": racks.group(2)}
    return out


def inp(shown, name: str) -> float:
    """An input as the block prints it (inputs are printed as given, to six significant figures)."""
    text = shown["Inputs"][name]
    m = re.match(r"^([−-]?[\d,.]+)(?: × 10<sup>([−-]?\d+)</sup>)?", text)
    assert m, (name, text)
    v = float(m.group(1).replace(",", "").replace("−", "-"))
    return v * 10.0 ** int(m.group(2).replace("−", "-")) if m.group(2) else v


def agrees(result: P, fn: Callable[..., float], *args: float | P) -> None:
    """fn over the corners of the printed arguments' rounding intervals meets the printed
    result's rounding interval."""
    choices = [(a.v - a.half, a.v + a.half) if isinstance(a, P) else (a,) for a in args]
    values = [fn(*c) for c in itertools.product(*choices)]
    lo, hi = min(values), max(values)
    slack = 1e-12 * max(abs(lo), abs(hi))
    assert lo - slack <= result.v + result.half and hi + slack >= result.v - result.half, (
        f"printed {result.v:.10g} +- {result.half:.3g}; computed by hand {lo:.10g} to {hi:.10g}")


# ------------------------------------------------------------------------------------------------
# The chain by hand


def test_the_default_scenarios_inputs_are_the_libraries(shown):
    """The inputs table prints the scenario's values (the design's altitude and strategy aside,
    which the search chose)."""
    import orbitflops as of

    p = of.Scenario.default().params()
    for name in shown["Inputs"]:
        if name != "altitude_m":
            assert math.isclose(inp(shown, name), p[name], rel_tol=5e-6), name


def test_orbit_period_from_keplers_third_law(shown):
    h = inp(shown, "altitude_m")
    orbit = shown["Orbit"]
    agrees(printed(orbit["a"]), lambda: R_E + h)
    agrees(printed(orbit["T"]), lambda: 2 * math.pi * math.sqrt((R_E + h) ** 3 / MU))
    agrees(printed(orbit["beta*"]), lambda: math.asin(R_E / (R_E + h)))
    # T_e = f_worst T, and the allowed depth of discharge from the cycle count (SMAD Li-ion fit).
    agrees(printed(orbit["T_e"]), lambda f, t: f * t, printed(orbit["f_worst"]), printed(orbit["T"]))
    agrees(printed(orbit["DoD"]), lambda n: min(inp(shown, "battery_dod_max"), inp(shown, "battery_dod_ref")
                                                * (n / inp(shown, "battery_cycles_ref")) ** -inp(shown, "battery_dod_exponent")),
           printed(orbit["N_cyc"]))


def _cell_temp(shown) -> float:
    eta_el = inp(shown, "cell_efficiency") * inp(shown, "cell_packing_factor")
    eps = inp(shown, "array_front_emissivity") + inp(shown, "array_back_emissivity")
    return (inp(shown, "solar_constant_w_m2") * (inp(shown, "array_absorptivity") - eta_el) / (eps * SIGMA)) ** 0.25


def _p_bol(shown) -> float:
    k_t = 1 + inp(shown, "cell_temp_coeff_per_k") * (_cell_temp(shown) - inp(shown, "cell_ref_temp_k"))
    return (inp(shown, "solar_constant_w_m2") * inp(shown, "cell_efficiency") * inp(shown, "cell_packing_factor")
            * inp(shown, "array_inherent_efficiency") * k_t)


def test_array_power_from_area_irradiance_and_efficiencies(shown):
    arr, powr = shown["Solar array"], shown["Power"]
    agrees(printed(arr["T_cell"]), lambda: _cell_temp(shown))  # radiative balance, Stefan-Boltzmann
    agrees(printed(arr["p_BOL"]), lambda: _p_bol(shown))
    p_eol = _p_bol(shown) * (1 - inp(shown, "array_degradation_per_yr")) ** inp(shown, "lifetime_yr")
    agrees(printed(arr["p_EOL"]), lambda: p_eol)
    # P_BOL = A S0 eta_cell F_pack eta_inh k_T; the area sized as P_req / p_EOL.
    agrees(printed(powr["P_BOL"]), lambda a: a * _p_bol(shown), printed(powr["A"]))
    agrees(printed(powr["P_EOL"]), lambda a: a * p_eol, printed(powr["A"]))
    agrees(printed(powr["A"]), lambda req: req / p_eol, printed(powr["P_req"]))


def _loads(shown) -> tuple[float, float, float]:
    n = int(shown["Design"]["racks"])
    p_c = n * inp(shown, "rack_power_w")
    p_d = inp(shown, "bus_fixed_w") + (1 + inp(shown, "bus_fraction")) * p_c
    p_e = inp(shown, "bus_fixed_w") if shown["Design"]["strategy"] == "throttle" else p_d
    return p_c, p_d, p_e


def test_loads_and_the_array_requirement(shown):
    powr, orbit = shown["Power"], shown["Orbit"]
    p_c, p_d, p_e = _loads(shown)
    agrees(printed(powr["P_c"]), lambda: p_c)
    agrees(printed(powr["P_d"]), lambda: p_d)
    agrees(printed(powr["P_e"]), lambda: p_e)
    reg, dist = inp(shown, "regulation_efficiency"), inp(shown, "distribution_efficiency")
    ch, dis = inp(shown, "battery_charge_efficiency"), inp(shown, "battery_discharge_efficiency")
    x_d, x_e = reg * dist, reg * ch * dis * dist
    # SMAD eq. 11-5 in the binding condition (g, h).
    agrees(printed(powr["P_req"]), lambda g, h: p_e * g / x_e + p_d * h / x_d, printed(orbit["g"]), printed(orbit["h"]))
    # SMAD eq. 11-13: the battery for the longest eclipse at the allowed depth of discharge.
    agrees(printed(powr["E_batt"]), lambda te, dod: p_e * te / (dod * dis * dist), printed(orbit["T_e"]), printed(orbit["DoD"]))


def test_energy_ledger_balances_and_follows_its_equations(shown):
    led, orbit = shown["Energy ledger"], shown["Orbit"]
    _, p_d, p_e = _loads(shown)
    reg, dist = inp(shown, "regulation_efficiency"), inp(shown, "distribution_efficiency")
    ch, dis = inp(shown, "battery_charge_efficiency"), inp(shown, "battery_discharge_efficiency")
    f = printed(orbit["f_worst"])
    p_out = p_e / (dis * dist)
    agrees(printed(led["P_out"]), lambda: p_out)
    agrees(printed(led["P_st"]), lambda f: p_out * f / (1 - f), f)
    agrees(printed(led["P_arr"]), lambda f: (p_d / dist + p_out * f / (1 - f) / ch) / reg, f)
    agrees(printed(led["Q_sun"]), lambda f: (p_d / dist + p_out * f / (1 - f) / ch) / reg - p_out * f / (1 - f), f)
    agrees(printed(led["Q_ecl"]), lambda: p_out)
    agrees(printed(led["distribution loss"]), lambda: p_d / dist - p_d)
    # array output = load + regulation, distribution and charging losses + power stored
    agrees(printed(led["P_arr"]), lambda *parts: sum(parts), p_d, printed(led["regulation loss"]),
           printed(led["distribution loss"]), printed(led["charging loss"]), printed(led["P_st"]))


def test_radiator_area_from_stefan_boltzmann(shown):
    rad, led = shown["Radiator"], shown["Energy ledger"]
    a = R_E + inp(shown, "altitude_m")
    H = a / R_E
    f1 = (math.asin(1 / H) - math.sqrt(H * H - 1) / H**2) / math.pi  # one edge-on face (Howell)
    n = inp(shown, "radiator_sides")
    f_e = n * f1
    s0 = inp(shown, "solar_constant_w_m2")
    alpha, eps = inp(shown, "radiator_absorptivity_eol"), inp(shown, "radiator_emissivity_eol")
    q_env = alpha * (s0 * inp(shown, "radiator_sun_view_factor") + inp(shown, "albedo") * s0 * f_e) + eps * inp(shown, "earth_ir_w_m2") * f_e
    agrees(printed(rad["F(pi/2)"]), lambda: f1)
    agrees(printed(rad["F_e"]), lambda: f_e)
    agrees(printed(rad["q_env"]), lambda: q_env)
    t_max = inp(shown, "chip_temp_max_k") - inp(shown, "cold_plate_dt_k") - inp(shown, "coolant_loop_dt_k")
    agrees(printed(rad["T_r,max"]), lambda: t_max)

    def area(q, t):
        return q / (n * eps * SIGMA * (t**4 - T_SINK**4) - q_env)

    q = printed(led["Q"])
    agrees(printed(rad["A_req"]), area, q, t_max)
    agrees(printed(rad["A_r"]), area, q, printed(rad["T_rad"]))
    agrees(printed(rad["T_j"]), lambda t: t + inp(shown, "cold_plate_dt_k") + inp(shown, "coolant_loop_dt_k"), printed(rad["T_rad"]))


def test_failure_rate_and_the_waterfall(shown, doc_block):
    comp, rad, orbit = shown["Compute"], shown["Radiator"], shown["Orbit"]
    assert "`Y = N E(lambda, L)`" in doc_block, "the equations below are those of a design without spares"
    lam_hw, lam_rad = inp(shown, "failure_rate_per_yr"), inp(shown, "radiation_failure_rate_per_yr")
    ea, t_ref, L = inp(shown, "failure_activation_energy_ev"), inp(shown, "failure_ref_temp_k"), inp(shown, "lifetime_yr")

    def lam(tj):
        return lam_hw * math.exp(ea / K_B * (1 / t_ref - 1 / tj)) + lam_rad  # Arrhenius (JEDEC JEP122)

    tj = printed(rad["T_j"])
    agrees(printed(comp["lambda"]), lam, tj)
    agrees(printed(comp["w_EOL"]), lambda t: math.exp(-lam(t) * L), tj)
    agrees(printed(comp["Y / (N L)"]), lambda t: -math.expm1(-lam(t) * L) / (lam(t) * L), tj)
    n = int(shown["Design"]["racks"])
    peak = n * inp(shown, "rack_peak_flops")
    agrees(printed(comp["peak"]), lambda: peak)
    agrees(printed(comp["after utilisation"]), lambda: peak * inp(shown, "utilisation"))
    s_e = printed(orbit["s_e"]) if shown["Design"]["strategy"] == "throttle" else 1.0
    agrees(printed(comp["delivered"]), lambda y, s: peak * inp(shown, "utilisation") * y * s * (1 - inp(shown, "radiation_derate")),
           printed(comp["Y / (N L)"]), s_e)
    agrees(printed(comp["delivered over the lifetime"]), lambda d: d * L * YEAR_S, printed(comp["delivered"]))


def test_masses_and_costs_add_up(shown):
    mass, cost = shown["Mass"], shown["Cost"]
    n = int(shown["Design"]["racks"])
    agrees(printed(mass["racks"]), lambda: n * inp(shown, "rack_mass_kg"))
    agrees(printed(mass["array"]), lambda a: a * inp(shown, "array_areal_density_kg_m2"), printed(shown["Power"]["A"]))
    agrees(printed(mass["radiators"]), lambda a: a * inp(shown, "radiator_areal_density_kg_m2"), printed(shown["Radiator"]["A_r"]))
    items = ["racks", "array", "radiators", "battery", "coolant loop", "bus", "shielding", "structure", "drag make-up propellant"]
    agrees(printed(mass["m_total"]), lambda *m: sum(m), *(printed(mass[i]) for i in items))
    agrees(printed(mass["m_billed"]), lambda m, p: m * inp(shown, "launcher_payload_kg") / p, printed(mass["m_total"]), printed(mass["P"]))
    agrees(printed(cost["launch"]), lambda m: m * inp(shown, "launch_price_usd_per_kg"), printed(mass["m_billed"]))
    agrees(printed(cost["racks"]), lambda: n * inp(shown, "rack_cost_usd"))
    r, L = inp(shown, "discount_rate"), inp(shown, "lifetime_yr")
    annuity = (1 - (1 + r) ** -L) / math.log(1 + r)  # continuous payments, continuous discounting
    agrees(printed(cost["rho"]), lambda: math.log(1 + r))
    agrees(printed(cost["A_L"]), lambda: annuity)
    agrees(printed(cost["OPS"]), lambda: inp(shown, "ops_usd_per_yr") + n * inp(shown, "ops_usd_per_rack_yr"))
    agrees(printed(cost["PV_cost"]), lambda c, o: c + o * annuity, printed(cost["CAPEX"]), printed(cost["OPS"]))
    agrees(printed(cost["c_FLOP"]), lambda c, f: c / f, printed(cost["PV_cost"]), printed(shown["Compute"]["PV_FLOP"]))


def test_ground_and_the_ratio(shown):
    g, cost = shown["Ground"], shown["Cost"]
    n = int(shown["Design"]["racks"])
    r, L = inp(shown, "discount_rate"), inp(shown, "lifetime_yr")
    rho = math.log(1 + r)
    annuity = -math.expm1(-rho * L) / rho
    p_it = n * inp(shown, "rack_power_w")
    c_fac = inp(shown, "ground_capex_usd_per_w") * p_it
    life = inp(shown, "ground_facility_life_yr")
    assert life > L, "the facility outlives the study: one purchase, its residual value credited"
    phi_fac = 1 - math.exp(-rho * L) * (life - L) / life
    # physics.ownership_pv_factor's docstring: 1 - (10/15) 1.08^-5 = 0.546 at the defaults.
    agrees(printed(g["Phi_fac"]), lambda: phi_fac)
    agrees(printed(g["C_fac"]), lambda: c_fac)
    c_gr = n * inp(shown, "rack_cost_usd")
    energy = p_it / 1000 * inp(shown, "pue") * YEAR_H * inp(shown, "ground_availability") * inp(shown, "electricity_price_usd_per_kwh")
    maint = inp(shown, "ground_maintenance_fraction_per_yr") * c_fac
    repairs = inp(shown, "ground_failure_rate_per_yr") * c_gr * inp(shown, "ground_repair_cost_fraction")
    staff = n * inp(shown, "ground_ops_usd_per_rack_yr")
    agrees(printed(g["electricity"]), lambda: energy)
    agrees(printed(g["repairs"]), lambda: repairs)
    opex = energy + maint + repairs + staff
    agrees(printed(g["OPEX_g"]), lambda: opex)
    phi_it = 1.0 if inp(shown, "ground_it_refresh_yr") == L else None
    assert phi_it is not None, "the racks' refresh interval equals the study here: one set, no residual value"
    pv_g = c_gr + c_gr * (phi_it - 1) + c_fac * phi_fac + opex * annuity
    agrees(printed(g["PV_g"]), lambda: pv_g)
    f_g = n * inp(shown, "rack_peak_flops") * inp(shown, "utilisation") * inp(shown, "ground_availability")
    pv_flop_g = f_g * annuity * YEAR_S
    agrees(printed(g["PV_FLOP,g"]), lambda: pv_flop_g)
    agrees(printed(g["c_FLOP,g"]), lambda: pv_g / pv_flop_g)
    agrees(printed(shown["The comparison"]["ratio"]), lambda c: c / (pv_g / pv_flop_g), printed(cost["c_FLOP"]))


def test_the_ratio_is_the_one_orbitflops_compare_reports(shown):
    """The example follows the design the comparison uses: the ratio printed is the comparison's
    (tests/test_compare.py checks the comparison itself)."""
    import orbitflops as of
    from orbitflops.compare.ground import comparison_design

    cd = comparison_design(of.Scenario.default())
    agrees(printed(shown["The comparison"]["ratio"]), lambda: cd.cost_ratio)
    assert int(shown["Design"]["racks"]) == cd.racks and shown["Design"]["strategy"] == cd.strategy
    agrees(printed(shown["Radiator"]["T_rad"]), lambda: cd.radiator_temp_k)


def test_the_default_scenario_described_in_words_is_the_librarys():
    """docs/model.md's paragraph on the default scenario names its presets and numbers as they
    are: each backticked name is the default's choice, and the altitude, LTAN, start, lifetime
    and discount rate are its parameters."""
    import orbitflops as of

    s = of.Scenario.default()
    text = " ".join(MODEL_MD.read_text(encoding="utf-8").split())
    m = re.search(r"The default scenario is (.*?) discount rate\.", text)
    assert m, "docs/model.md describes the default scenario"
    para = m.group(1)
    names = re.findall(r"`(\w+)`", para)
    assert names and set(names) <= set(s.choices().values()), (names, s.choices())
    p = s.params()
    nums = re.search(r"orbit at ([\d,]+) km \(LTAN (\d+) h\).*starting in (\d{4}) for (\d+) years at an (\d+) %", para)
    assert nums, para
    alt, ltan, start, life, rate = (float(g.replace(",", "")) for g in nums.groups())
    assert (alt * 1e3, ltan, start, life, rate / 100) == (p["altitude_m"], p["ltan_h"], p["start_year"], p["lifetime_yr"], p["discount_rate"])
