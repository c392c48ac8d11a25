"""Orbit against ground: physical and economic invariants of the comparison (Hypothesis), the
exactness of the shortcuts it takes (linearity in launch price, the learning curve's inverse,
sized batches), Monte Carlo quantile order, convergence and determinism, the default Monte
Carlo's reach across the camps of the debate, Sobol indices, and the line-by-line accounting."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import orbitflops as of
from orbitflops import compare as cmp
from orbitflops.compare import learning

S = of.Scenario.default()
# A scenario in which orbit can win: cheap mass-produced hardware and a light, cheap bus.
FAVOURABLE = S.replace(
    rack="gb200_nvl72_flight",
    structure_cost_usd_per_kg=300.0,
    failure_rate_per_yr=0.05,
    failure_ref_temp_k=358.15,
    launch_price_usd_per_kg=200.0,
    array_cost_usd_per_w=2.0,
    bus_cost_usd_per_kg=300.0,
    radiator_cost_usd_per_m2=500.0,
    ops_usd_per_yr=1e5,
    ops_usd_per_rack_yr=5e3,
    electricity_price_usd_per_kwh=0.15,
    ground_capex_usd_per_w=30.0,
)

# The same at today's Falcon Heavy price: it reaches parity a few years on, on the curves.
LATER = FAVOURABLE.replace(launch_price_usd_per_kg=1800.0)
CAMPS = Path(__file__).resolve().parent.parent / "examples" / "camps"

finite = dict(allow_nan=False, allow_infinity=False)


def price(hi: float):
    """0 or a price of a plausible magnitude (the core rejects magnitudes below 1e-30)."""
    return st.one_of(st.just(0.0), st.floats(1e-3, hi, **finite))


@st.composite
def scenario_values(draw):
    """A few economic and physical assumptions drawn from their plausible ranges."""
    return {
        "array_cost_usd_per_w": draw(st.floats(1.0, 200.0, **finite)),
        "bus_cost_usd_per_kg": draw(st.floats(100.0, 10_000.0, **finite)),
        "failure_rate_per_yr": draw(price(0.3)),
        "discount_rate": draw(price(0.2)),
        "lifetime_yr": draw(st.floats(1.0, 15.0, **finite)),
        "radiator_areal_density_kg_m2": draw(st.floats(1.0, 20.0, **finite)),
        "ground_capex_usd_per_w": draw(st.floats(5.0, 50.0, **finite)),
        "pue": draw(st.floats(1.0, 2.0, **finite)),
    }


@given(scenario_values(), price(20_000.0), price(20_000.0), st.integers(1, 20))
def test_higher_launch_price_never_lowers_orbit_cost(vals, p1, p2, racks):
    lo, hi = sorted((p1, p2))
    out = of.evaluate_batch(S, sized=True, racks=float(racks), launch_price_usd_per_kg=np.array([lo, hi]), outputs=["cost_per_flop_usd", "cost_ratio", "ground_cost_per_flop_usd"], **vals)
    assert out["cost_per_flop_usd"][1] >= out["cost_per_flop_usd"][0]
    assert out["cost_ratio"][1] >= out["cost_ratio"][0]
    # The ground does not see the launch price at all.
    assert out["ground_cost_per_flop_usd"][1] == out["ground_cost_per_flop_usd"][0]


@given(scenario_values(), price(2.0), price(2.0))
def test_higher_electricity_price_never_lowers_ground_cost(vals, e1, e2):
    lo, hi = sorted((e1, e2))
    out = of.evaluate_batch(S, sized=True, electricity_price_usd_per_kwh=np.array([lo, hi]), outputs=["ground_cost_per_flop_usd", "cost_per_flop_usd", "cost_ratio"], **vals)
    assert out["ground_cost_per_flop_usd"][1] >= out["ground_cost_per_flop_usd"][0]
    assert out["cost_ratio"][1] <= out["cost_ratio"][0]
    assert out["cost_per_flop_usd"][1] == out["cost_per_flop_usd"][0]


market = st.fixed_dictionaries(
    {
        "p0_usd_per_kg": st.floats(100.0, 20_000.0, **finite),
        "m0_kg": st.floats(1e3, 1e8, **finite),
        "ref_year": st.floats(2000.0, 2040.0, **finite),
        "mass_per_yr_kg": st.floats(1e3, 1e8, **finite),
        "growth_per_yr": st.floats(-0.5, 2.0, **finite),
    }
)


@given(market, st.floats(0.0, 0.6, **finite), st.floats(0.0, 0.6, **finite), st.floats(0.01, 0.999, **finite))
def test_parity_never_earlier_with_slower_learning(m, lr1, lr2, frac):
    """A slower learning rate never brings forward the year a price below today's is reached."""
    slow, fast = sorted((lr1, lr2))
    target = m["p0_usd_per_kg"] * frac
    y_slow = learning.year_of_price(target, slow, m["p0_usd_per_kg"], m["m0_kg"], m["ref_year"], m["mass_per_yr_kg"], m["growth_per_yr"])
    y_fast = learning.year_of_price(target, fast, m["p0_usd_per_kg"], m["m0_kg"], m["ref_year"], m["mass_per_yr_kg"], m["growth_per_yr"])
    assert y_slow >= y_fast or (math.isclose(float(y_slow), float(y_fast), rel_tol=1e-12))


@given(market, st.floats(0.01, 0.6, **finite), st.floats(0.0, 40.0, **finite))
# A growth rate just above the cut-off below which growth is taken as none: 1 + x ln(1 + g) lost
# the digits of the year before the inverse used log1p.
@example({"p0_usd_per_kg": 100.0, "m0_kg": 1000.0, "ref_year": 2000.0, "mass_per_yr_kg": 1000.0, "growth_per_yr": 1.375676524577879e-12}, 0.5, 1.0)
# A market shrinking by half a year, 32 years on: 1e-10 of the launch rate is left.
@example({"p0_usd_per_kg": 100.0, "m0_kg": 1000.0, "ref_year": 2000.0, "mass_per_yr_kg": 1000.0, "growth_per_yr": -0.5}, 0.01171875, 32.0)
def test_year_of_price_inverts_the_curve(m, lr, dt):
    args = (lr, m["p0_usd_per_kg"], m["m0_kg"], m["ref_year"], m["mass_per_yr_kg"], m["growth_per_yr"])
    year = m["ref_year"] + dt
    price = float(learning.launch_price_usd_per_kg(year, *args))
    # Well-conditioned inverse only where the price has moved measurably from p0 and still moves
    # measurably with the year (a shrinking launch rate flattens the curve: then no inverse can
    # return the year to the 1e-6 asked).
    assume(price < m["p0_usd_per_kg"] * (1 - 1e-6) and price > 0)
    later = float(learning.launch_price_usd_per_kg(year + 1e-3, *args))
    assume(price - later > 1e-9 * price)
    back = float(learning.year_of_price(price, *args))
    # Conditioning: a relative error e of the cumulative mass M moves the year by e M / (dM/dt),
    # which is large where the launch rate q0 (1 + g)^dt has dwindled (a shrinking market near its
    # saturation); allow e = 1e-12 there, on top of 1e-6 of the span.
    mass = float(learning.cumulative_launched_mass_kg(year, m["m0_kg"], m["ref_year"], m["mass_per_yr_kg"], m["growth_per_yr"]))
    rate = m["mass_per_yr_kg"] * (1.0 + m["growth_per_yr"]) ** dt
    assert back == pytest.approx(year, abs=1e-6 * max(1.0, dt) + 1e-12 * mass / rate)


@given(market, st.floats(0.01, 0.6, **finite), st.floats(0.0, 30.0, **finite), st.floats(0.0, 30.0, **finite))
def test_launch_price_falls_with_time(m, lr, d1, d2):
    args = (lr, m["p0_usd_per_kg"], m["m0_kg"], m["ref_year"], m["mass_per_yr_kg"], m["growth_per_yr"])
    a, b = sorted((d1, d2))
    pa, pb = learning.launch_price_usd_per_kg(m["ref_year"] + np.array([a, b]), *args)
    assert pb <= pa


def test_wright_law_per_doubling_and_floor():
    # Definition of the learning rate (Wright 1936; Suncatcher sec. 2.4): each doubling of
    # cumulative mass multiplies the price by 1 - LR: 1,800 -> 1,440 -> 1,152 USD/kg at LR 0.2.
    p = learning.wright_price_usd_per_kg(np.array([400e3, 800e3, 1600e3]), 400e3, 1800.0, 0.20)
    assert p == pytest.approx([1800.0, 1440.0, 1152.0], rel=1e-12)
    assert learning.wright_price_usd_per_kg(1e12, 400e3, 1800.0, 0.2, floor_usd_per_kg=50.0) == 50.0
    # A price below the floor is never reached.
    assert learning.year_of_price(40.0, 0.2, 1800.0, 400e3, 2025.0, 4e5, 0.3, 50.0) == math.inf
    # No learning: the price is p0 for ever.
    assert learning.year_of_price(1000.0, 0.0, 1800.0, 400e3, 2025.0, 4e5, 0.3) == math.inf
    assert learning.year_of_price(2000.0, 0.0, 1800.0, 400e3, 2025.0, 4e5, 0.3) == -math.inf


def test_cumulative_mass_closed_form_matches_summation():
    # M(y) = M0 + integral of q0 (1+g)^t dt, checked against a fine Riemann sum.
    m0, q0, g = 400e3, 5e5, 0.3
    t = np.linspace(0.0, 7.0, 700_001)
    integral = np.trapezoid(q0 * (1 + g) ** t, t)
    assert learning.cumulative_launched_mass_kg(2032.0, m0, 2025.0, q0, g) == pytest.approx(m0 + integral, rel=1e-9)
    assert learning.cumulative_launched_mass_kg(2032.0, m0, 2025.0, q0, 0.0) == pytest.approx(m0 + 7 * q0, rel=1e-12)
    with pytest.raises(ValueError, match="year"):
        learning.cumulative_launched_mass_kg(1900.0, m0, 2025.0, q0, g)


@given(scenario_values(), st.lists(price(10_000.0), min_size=1, max_size=8))
def test_ratio_at_price_equals_direct_evaluation(vals, prices):
    """The linearity shortcut reproduces a direct evaluation at each launch price."""
    base = of.evaluate_batch(S, sized=True, outputs=cmp.montecarlo.MC_OUTPUTS, **{k: np.array([v]) for k, v in vals.items()})
    short = cmp.ratio_at_price(base, np.array(prices), S, {k: np.array([v]) for k, v in vals.items()})
    direct = of.evaluate_batch(S, sized=True, launch_price_usd_per_kg=np.array(prices), outputs=["cost_ratio"], **vals)["cost_ratio"]
    np.testing.assert_allclose(short, direct, rtol=1e-10)


def _direct_ratio(cd, year: float) -> float:
    """The comparison design re-sized on its scenario with every price replaced by its value in
    ``year`` (hardware on its learning curve, launch on its curve, ground on its trends)."""
    s = cd.scenario
    p = s.params()
    f = learning.price_factors(year, p)
    kw = {k: p[k] * f[c] for k, c in learning.PRICE_CURVE.items()}
    kw["launch_price_usd_per_kg"] = min(float(cmp.launch_price_of(s, year)), p["launch_price_usd_per_kg"])
    return float(of.evaluate_batch(s, sized=True, racks=float(cd.racks), radiator_temp_k=cd.radiator_temp_k, outputs=["cost_ratio"], **kw)["cost_ratio"][0])


def test_parity_year_brackets_the_crossing():
    """Orbit is dearer just before the parity year and cheaper just after, by direct evaluation."""
    c = cmp.compare(LATER, draws=0)
    py = c.parity_year
    assert math.isfinite(py) and py > LATER.params()["cost_ref_year"]
    for y, cheaper in ((py - 0.05, False), (py + 0.05, True)):
        r = _direct_ratio(c.design_choice, y)
        assert (r < 1.0) == cheaper, (y, r)


def test_parity_year_later_with_slower_learning_end_to_end():
    years = [cmp.compare(LATER.replace(learning_rate=lr), draws=0).parity_year for lr in (0.30, 0.20, 0.12)]
    assert years[0] < years[1] < years[2]


def test_sized_batch_equals_size_then_evaluate():
    rng = np.random.default_rng(3)
    n = 64
    cols = {"failure_rate_per_yr": rng.uniform(0, 0.2, n), "altitude_m": rng.uniform(400e3, 1200e3, n), "lifetime_yr": rng.uniform(1, 10, n), "cell_efficiency": rng.uniform(0.15, 0.35, n)}
    racks = rng.integers(1, 30, n).astype(float)
    out = of.evaluate_batch(S, sized=True, racks=racks, outputs="all", **cols)
    for i in range(0, n, 7):
        s = S.replace(**{k: float(v[i]) for k, v in cols.items()})
        d = of.size(s, int(racks[i]))
        ev = of.evaluate(d, s)
        for name in ("array_area_m2", "radiator_area_m2", "cost_per_flop_usd", "cost_ratio", "battery_energy_j"):
            assert out[name][i] == pytest.approx(getattr(ev, name), rel=1e-12), name


def test_sized_batch_refuses_design_areas():
    with pytest.raises(of.InvalidInputError, match="array_area_m2.*sized"):
        of.evaluate_batch(S, sized=True, array_area_m2=np.array([100.0]))


def test_cost_lines_add_up_to_the_core_totals():
    for scen in (S, FAVOURABLE, S.replace(lifetime_yr=12.0, ground_it_refresh_yr=4.0), S.replace(discount_rate=0.0)):
        d = of.size(scen, 6)
        ev = of.evaluate(d, scen)
        lines = cmp.cost_lines(ev, scen)
        body, total = lines.iloc[:-1], lines.iloc[-1]
        assert body["orbit_usd"].sum() == pytest.approx(ev.pv_cost_usd, rel=1e-12)
        assert body["ground_usd"].sum() == pytest.approx(ev.ground_pv_cost_usd, rel=1e-12)
        assert total["orbit_usd_per_flop"] == ev.cost_per_flop_usd
        assert body["ground_usd_per_flop"].sum() == pytest.approx(ev.ground_cost_per_flop_usd, rel=1e-12)


def test_ground_electricity_line_per_kw_year():
    # Suncatcher sec. 4.4: annual power spend = price x PUE x hours; levelised per kW-year the
    # electricity line is exactly that (8,765.8 h in the model's year of 365.2422 days) for the
    # hours the facility is up (its availability).
    for price, pue, up in ((0.06, 1.09, 1.0), (0.25, 1.4, 0.99), (0.08, 1.2, 0.9)):
        s = S.replace(electricity_price_usd_per_kwh=price, pue=pue, ground_availability=up)
        ev = of.evaluate(of.size(s, 4), s)
        lines = cmp.cost_lines(ev, s).set_index("line")
        assert lines.loc["Electricity", "ground_usd_per_kw_yr"] == pytest.approx(price * pue * 365.2422 * 24.0 * up, rel=1e-12)


def test_it_refresh_present_value():
    # Replacing the racks every 4 years over 12 years buys them again at t = 4 and 8, each
    # discounted by (1 + r)^-t (continuous discounting at ln(1 + r)).
    r = 0.08
    s = S.replace(lifetime_yr=12.0, ground_it_refresh_yr=4.0, discount_rate=r)
    ev = of.evaluate(of.size(s, 3), s)
    assert ev.ground_refresh_pv_usd == pytest.approx(ev.ground_racks_usd * ((1 + r) ** -4 + (1 + r) ** -8), rel=1e-12)
    # A refresh interval equal to the lifetime buys nothing more.
    s2 = S.replace(lifetime_yr=5.0, ground_it_refresh_yr=5.0)
    assert of.evaluate(of.size(s2, 3), s2).ground_refresh_pv_usd == 0.0
    # A set bought at 5 years in a 6-year life is credited its unused 4/5 at year 6.
    s3 = S.replace(lifetime_yr=6.0, ground_it_refresh_yr=5.0, discount_rate=r)
    ev3 = of.evaluate(of.size(s3, 3), s3)
    assert ev3.ground_refresh_pv_usd == pytest.approx(ev3.ground_racks_usd * ((1 + r) ** -5 - 0.8 * (1 + r) ** -6), rel=1e-12)


@given(st.floats(0.5, 30.0, **finite), st.floats(0.25, 10.0, **finite))
def test_ground_cost_continuous_in_lifetime_across_refreshes(life, interval):
    """No jump in the ground's present-value cost as the lifetime passes a refresh date."""
    eps = 1e-7
    lives = np.array([life, life + eps])
    out = of.evaluate_batch(S, sized=True, lifetime_yr=lives, ground_it_refresh_yr=interval, outputs=["ground_pv_cost_usd", "ground_racks_usd"])
    jump = abs(out["ground_pv_cost_usd"][1] - out["ground_pv_cost_usd"][0])
    assert jump < 1e-3 * out["ground_racks_usd"][0]


def test_co2_accounting():
    d = of.size(S, 4)
    ev = of.evaluate(d, S)
    p = S.params()
    # CO2 per kg is quoted per kg of the launcher's reference payload, like the price: a launch
    # emits the same whatever orbit it flies to, and carries less to a higher, polar one.
    billed = ev.mass_total_kg * p["launcher_payload_kg"] / ev.launcher_payload_to_orbit_kg
    assert ev.launch_billed_mass_kg == pytest.approx(billed, rel=1e-12)
    assert ev.co2_launch_kg == pytest.approx(billed * p["launch_co2_kg_per_kg"], rel=1e-12)
    assert ev.co2_kg_per_flop == pytest.approx(ev.co2_launch_kg / ev.delivered_flop, rel=1e-12)
    kwh = ev.compute_power_w / 1000 * p["pue"] * 8766 * p["ground_availability"] * p["lifetime_yr"]
    assert ev.ground_co2_kg == pytest.approx(kwh * p["ground_co2_kg_per_kwh"], rel=1e-3)
    b = cmp.baselines(S, d)
    ground = b[b.option.str.startswith("ground")]
    # Cleaner supply, less CO2 per FLOP, in the order of the presets' intensities.
    assert list(ground.sort_values("co2_kg_per_kwh")["option"]) == list(ground.sort_values("co2_kg_per_flop")["option"])
    assert set(ground["option"]) == {"ground: grid", "ground: gas", "ground: solar_storage"}


def test_monte_carlo_quantiles_ordered_and_deterministic():
    a = cmp.monte_carlo(S, draws=5000, seed=7)
    b = cmp.monte_carlo(S, draws=5000, seed=7)
    c = cmp.monte_carlo(S, draws=5000, seed=8)
    assert a.draws.equals(b.draws)
    assert not a.draws.equals(c.draws)
    for col in ("cost_ratio", "ratio_at_year", "breakeven_launch_usd_per_kg", "parity_year"):
        q = a.quantiles(col)
        assert q[0.1] <= q[0.5] <= q[0.9]


def test_monte_carlo_same_draws_on_any_thread_count():
    try:
        of.set_num_threads(1)
        one = cmp.monte_carlo(S, draws=20_000, seed=3)
        of.set_num_threads(2)
        two = cmp.monte_carlo(S, draws=20_000, seed=3)
    finally:
        of.set_num_threads(0)  # back to automatic, not to a fixed count
    assert one.draws.drop(columns=[]).equals(two.draws)


@given(st.integers(0, 2**32 - 1), st.integers(200, 3000))
@settings(max_examples=15)
def test_monte_carlo_quantiles_ordered_for_any_seed(seed, n):
    mc = cmp.monte_carlo(FAVOURABLE, draws=n, seed=seed)
    q = mc.quantiles("cost_ratio", (0.05, 0.1, 0.5, 0.9, 0.95))
    v = list(q.values())
    assert v == sorted(v)
    p = [mc.probability_cheaper_by(y) for y in (2026.0, 2030.0, 2040.0, 2060.0)]
    assert p == sorted(p) and all(0.0 <= x <= 1.0 for x in p)


@pytest.mark.slow
def test_monte_carlo_converges():
    """The median ratio and a probability estimated from more draws are closer to a large-sample
    reference, at about the 1/sqrt(n) rate."""
    ref = cmp.monte_carlo(LATER, draws=400_000, seed=12345)
    q_ref = ref.quantiles("ratio_at_year")[0.5]
    p_ref = ref.probability_cheaper_by(2031.0)
    assert 0.02 < p_ref < 0.98  # a probability worth estimating
    err = {}
    for n in (1_000, 100_000):
        eq, ep = [], []
        for seed in range(4):
            mc = cmp.monte_carlo(LATER, draws=n, seed=seed)
            eq.append(abs(mc.quantiles("ratio_at_year")[0.5] - q_ref))
            ep.append(abs(mc.probability_cheaper_by(2031.0) - p_ref))
        err[n] = (np.mean(eq), np.mean(ep))
    # sqrt(100) = 10 times smaller in expectation; 3 leaves room for sampling noise.
    assert err[100_000][0] < err[1_000][0] / 3
    assert err[100_000][1] < err[1_000][1] / 3
    # And absolutely small: a binomial standard error at 1e5 draws is below 0.0016.
    assert err[100_000][1] < 0.006


def test_ratio_band_matches_direct_evaluation():
    """Each draw's ratio in a year of purchase, re-evaluated directly at the draw's racks,
    radiator temperature and strategy with the year's prices."""
    unc = {"array_cost_usd_per_w": {"dist": "uniform", "low": 1.0, "high": 10.0}, "satellite_learning_rate": {"dist": "uniform", "low": 0.05, "high": 0.25}, "rack_mass_kg": {"dist": "uniform", "low": 320.0, "high": 790.0}}
    mc = cmp.monte_carlo(LATER, draws=200, seed=1, uncertainty=unc)
    band = mc.ratio_band([2031.0])
    d = mc.draws
    direct = []
    for i in range(len(d)):
        row = d.iloc[i]
        cols = {k: float(row[k]) for k in unc}
        s = mc.design.scenario.replace(strategy=str(row["strategy"]))
        p = {**s.params(), **cols}
        f = learning.price_factors(2031.0, p)
        kw = {k: p[k] * f[c] for k, c in learning.PRICE_CURVE.items()}
        kw["launch_price_usd_per_kg"] = min(float(cmp.launch_price_of(s, 2031.0)), p["launch_price_usd_per_kg"])
        out = of.evaluate_batch(s, sized=True, racks=float(row["racks_flown"]), radiator_temp_k=float(row["radiator_temp_k"]), outputs=["cost_ratio"], **kw, rack_mass_kg=cols["rack_mass_kg"], satellite_learning_rate=cols["satellite_learning_rate"])
        direct.append(out["cost_ratio"][0])
    direct = np.array(direct)
    assert band["ratio_p50"].iloc[0] == pytest.approx(np.quantile(direct, 0.5), rel=1e-9)
    assert band["p_orbit_cheaper"].iloc[0] == pytest.approx(np.mean(direct < 1.0))


def test_sobol_separates_an_inert_from_a_dominant_assumption():
    # At the scenario's launch price the ratio does not depend on the learning rate at all; the
    # array cost moves it. The total index of the inert input must be ~0, the other ~1.
    unc = {"array_cost_usd_per_w": {"dist": "uniform", "low": 5.0, "high": 60.0}, "learning_rate": {"dist": "uniform", "low": 0.1, "high": 0.3}}
    df = cmp.sobol_indices(S, uncertainty=unc, n_base=1024, seed=0).set_index("name")
    assert df.loc["learning_rate", "ST"] == pytest.approx(0.0, abs=1e-9)
    assert df.loc["array_cost_usd_per_w", "ST"] == pytest.approx(1.0, abs=0.1)
    assert df.loc["array_cost_usd_per_w", "S1"] == pytest.approx(1.0, abs=0.1)
    assert (df["ST_conf"] >= 0).all() and (df["S1_conf"] >= 0).all()
    # At a future year the learning rate matters.
    df2 = cmp.sobol_indices(FAVOURABLE, uncertainty=unc, n_base=512, seed=0, year=2035.0).set_index("name")
    assert df2.loc["learning_rate", "ST"] > 1e-3


def test_tornado_sorted_and_bracketing_the_base():
    t = cmp.tornado(S)
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    # Cost per FLOP is monotone in each of these, so the base lies between the two ends.
    for _, r in t.iterrows():
        lo, hi = sorted((r.output_at_low, r.output_at_high))
        assert lo - 1e-30 <= r.base_output <= hi + 1e-30
    # The learning curve does not change cost per FLOP at the scenario's price.
    assert t.set_index("name").loc["learning_rate", "swing"] == 0.0


def test_thresholds_are_crossings():
    th = cmp.thresholds(FAVOURABLE).set_index("name")
    cd = cmp.comparison_design(FAVOURABLE)
    # The launch-price threshold is the core's closed-form break-even price.
    be = of.evaluate(cd.design, cd.scenario).breakeven_launch_usd_per_kg
    assert th.loc["launch_price_usd_per_kg", "threshold"] == pytest.approx(be, rel=1e-8)
    found = th[np.isfinite(th["threshold"].astype(float))]
    assert len(found) >= 7
    p = FAVOURABLE.params()
    for name, row in found.iterrows():
        s = cd.scenario.replace(**{name: float(row.threshold)})
        q = s.params()
        temp = min(cd.radiator_temp_k, q["chip_temp_max_k"] - q["cold_plate_dt_k"] - q["coolant_loop_dt_k"])
        r = of.evaluate(of.size(s, cd.racks, radiator_temp_k=temp), s).cost_ratio
        assert r == pytest.approx(1.0, abs=1e-6), name
    assert p  # the scenario's own values are the table's


def test_default_scenario_answer_is_stable():
    """The default scenario's answer: orbit dearer today at any launch price; parity on the
    curves decades away; a small probability by the article's deadline from the debate's
    optimistic tail."""
    c = cmp.compare(draws=20_000, sobol_n=0, tornado_output=None)
    s = c.summary()
    assert s["breakeven_launch_usd_per_kg"] < 0 and 2040 < s["parity_year"] < 2100
    assert 0.0 < s["p_cheaper_by_claim_deadline"] < 0.3
    assert 3.0 < s["cost_ratio"] < 5.0
    assert s["cost_ratio_p05"] < 1.0 < s["cost_ratio_p10"] < s["cost_ratio_p50"] < s["cost_ratio_p90"] < s["cost_ratio_p95"]
    # The default scenario stays the middle of the draws.
    assert s["cost_ratio_p50"] == pytest.approx(s["cost_ratio"], rel=0.1)


@pytest.mark.slow
def test_default_monte_carlo_spans_the_camps():
    """The default Monte Carlo (100,000 draws, seed 0, as `orbitflops compare` runs it) reaches
    both camps of the debate: its P5 of the cost ratio at or below the optimist's ratio, its P95
    at or above the skeptic's (each camp at its own best design)."""
    optimist = cmp.compare(of.Scenario.from_toml(CAMPS / "optimist.toml"), draws=0).cost_ratio
    skeptic = cmp.compare(of.Scenario.from_toml(CAMPS / "skeptic.toml"), draws=0).cost_ratio
    mc = cmp.monte_carlo(S, draws=100_000, seed=0)
    q = mc.quantiles("cost_ratio", (0.05, 0.95))
    assert q[0.05] <= optimist, (q, optimist)
    assert q[0.95] >= skeptic, (q, skeptic)


def test_sized_batch_reports_designs_that_cannot_be_sized():
    chip = np.array([358.15, 200.0, 150.0])
    out = of.evaluate_batch(S, sized=True, chip_temp_max_k=chip, on_invalid="nan", outputs=["cost_ratio"])
    assert list(out["valid"]) == [True, False, False]
    assert [of.reason_name(r) for r in out["reason"]] == ["valid", "sizing", "sizing"]
    assert np.isnan(out["cost_ratio"][1:]).all() and np.isfinite(out["cost_ratio"][0])
    limit = 200.0 - S.cold_plate_dt_k - S.coolant_loop_dt_k  # the radiator limit of the second row
    with pytest.raises(of.InvalidInputError, match=rf"radiator_temp_max_k = {limit:g} at index 1: is too cold"):
        of.evaluate_batch(S, sized=True, chip_temp_max_k=chip, outputs=["cost_ratio"])


def test_unbuildable_draws_count_as_orbit_never_winning():
    # A chip limit so low that no radiator can hold it (radiator limit 175 K) in part of the draws.
    unc = {"chip_temp_max_k": {"dist": "uniform", "low": 200.0, "high": 360.0}, "pue": {"dist": "uniform", "low": 1.1, "high": 1.3}}
    mc = cmp.monte_carlo(S, draws=2000, seed=0, uncertainty=unc)
    bad = ~mc.draws["buildable"].to_numpy()
    assert 0 < bad.sum() < len(bad)
    chip = mc.draws["chip_temp_max_k"].to_numpy()
    assert chip[bad].max() < chip[~bad].min()  # exactly the cold end
    assert np.isinf(mc.draws["cost_ratio"][bad]).all() and np.isinf(mc.draws["parity_year"][bad]).all()
    assert np.isfinite(mc.draws["cost_ratio"][~bad]).all()
    q = mc.quantiles("cost_ratio", (0.5, 0.99))
    assert math.isfinite(q[0.5]) and q[0.99] == math.inf


def test_fixed_design_draws_only_curve_parameters():
    """A fixed design with a price-curve parameter drawn alone: the core's evaluation does not
    read it, so every draw (and the tornado's two ends) evaluates the same design."""
    d = of.size(S, 4)
    unc = {"learning_rate": {"dist": "uniform", "low": 0.1, "high": 0.3}, "satellite_learning_rate": {"dist": "uniform", "low": 0.05, "high": 0.25}}
    c = cmp.compare(S, d, draws=500, sobol_n=0, uncertainty=unc)
    assert c.monte_carlo.draws["cost_ratio"].nunique() == 1
    assert (c.tornado["swing"] == 0.0).all()
    # The parity year moves with them.
    assert c.monte_carlo.draws["ratio_at_year"].nunique() > 1
