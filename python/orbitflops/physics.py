"""Vectorised model functions: orbit geometry, eclipses, radiators, arrays, atmosphere, economics.

Every function takes scalars or NumPy arrays, broadcasts them like a NumPy ufunc, and returns a
float for scalar input or an array of the broadcast shape. SI units: metres, seconds, radians,
kelvin, watts. The computation runs in the Rust core (``orbitflops._core``); invalid input raises
:class:`orbitflops.InvalidInputError` (a ``ValueError``) naming the argument, the value and, for
arrays, the first offending index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from . import _core
from ._core import InvalidInputError

if TYPE_CHECKING:
    import numpy.typing as npt

AU_M = 1.495978707e11
"""Astronomical unit, m (IAU 2012)."""
MIN_ALTITUDE_M = 100_000.0
"""Lowest altitude the model accepts, m."""

__all__ = [
    "AU_M",
    "period_s",
    "sso_inclination_rad",
    "beta_angle_rad",
    "beta_star_rad",
    "nodal_rate_rad_s",
    "eclipse_fraction",
    "earth_view_factor",
    "solar_flux_w_m2",
    "radiator_temp_k",
    "radiator_area_m2",
    "array_temp_k",
    "atmosphere_density_kg_m3",
    "required_array_power_w",
    "allowed_dod",
    "lifetime_penalty",
    "capital_recovery_factor",
    "wright_launch_price_usd_per_kg",
    "launched_power_usd_per_kw_yr",
    "ground_power_usd_per_kw_yr",
    "energy_ledger",
    "arrhenius_factor",
    "mean_yearly_retention",
    "ownership_pv_factor",
    "edge_on_panel_velocity_projection",
    "hohmann_dv_m_s",
    "payload_to_orbit_kg",
]

Check: TypeAlias = "Callable[[npt.NDArray[np.float64]], npt.NDArray[np.bool_]]"
FloatOrArray: TypeAlias = "float | npt.NDArray[np.float64]"
"""What every model function returns: a float for scalar input, else an array of the broadcast
shape."""


def _finite(a: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    return np.isfinite(a)


def _ge(lo: float) -> Check:
    return lambda a: np.isfinite(a) & (a >= lo)


def _gt(lo: float) -> Check:
    return lambda a: np.isfinite(a) & (a > lo)


def _in(lo: float, hi: float, lo_open: bool = False) -> Check:
    if lo_open:
        return lambda a: np.isfinite(a) & (a > lo) & (a <= hi)
    return lambda a: np.isfinite(a) & (a >= lo) & (a <= hi)


def _altitude(a: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    return np.isfinite(a) & (a >= MIN_ALTITUDE_M) & (a <= 1e9)


_REASONS = {
    _finite: "must be a finite number",
    _altitude: "must be a finite altitude between 100 km (100000 m) and 1e9 m",
}


def _as_float_array(name: str, value: ArrayLike) -> npt.NDArray[np.float64]:
    arr = np.asarray(value)
    if arr.dtype.kind not in "fiu" or arr.dtype.kind == "b":
        raise TypeError(f"{name} must be a real number or an array of real numbers, got dtype {arr.dtype}")
    return arr.astype(np.float64, copy=False)


def _raise_first_bad(name: str, arr: npt.NDArray[np.float64], ok: npt.NDArray[np.bool_], reason: str) -> None:
    flat_ok = np.broadcast_to(ok, arr.shape).ravel()
    i = int(np.flatnonzero(~flat_ok)[0])
    value = arr.ravel()[i]
    if arr.ndim == 0:
        msg = f"{name} = {value!r}: {reason}"
        index: int | tuple[int, ...] | None = None
    else:
        at = tuple(int(x) for x in np.unravel_index(i, arr.shape))
        index = at[0] if len(at) == 1 else at
        msg = f"{name} = {value!r} at index {index}: {reason}"
    err = InvalidInputError(msg)
    err.field, err.value, err.reason, err.index = name, repr(float(value)), reason, index
    raise err


def _apply(kernel: str, specs: list[tuple[str, ArrayLike, Check, str]]) -> FloatOrArray:
    arrays = [_as_float_array(name, v) for name, v, _, _ in specs]
    try:
        b = np.broadcast_arrays(*arrays)
    except ValueError:
        shapes = ", ".join(f"{name}{a.shape}" for (name, *_), a in zip(specs, arrays))
        raise ValueError(f"arguments of {kernel} do not broadcast together: {shapes}") from None
    for (name, _, check, reason), a in zip(specs, b):
        ok = check(a)
        if not np.all(ok):
            _raise_first_bad(name, a, ok, reason)
    shape = b[0].shape if b else ()
    flat = [np.ascontiguousarray(a, dtype=np.float64).ravel() for a in b]
    out = _core.map_kernel(kernel, flat).reshape(shape)
    if shape == ():
        return float(out)
    return out


ALT = "must be a finite altitude between 100 km (100000 m) and 1e9 m"
FIN = "must be a finite number"


def period_s(altitude_m: ArrayLike) -> FloatOrArray:
    """Orbital period of a circular orbit, s: T = 2 pi sqrt(a^3 / mu), a = R_E + h.

    ``altitude_m``: altitude above the equatorial radius, m. (Kepler's third law; Vallado,
    *Fundamentals of Astrodynamics and Applications*, 4th ed., ch. 1; docs/model.md, "Orbit
    geometry".)
    """
    return _apply("period_s", [("altitude_m", altitude_m, _altitude, ALT)])


def sso_inclination_rad(altitude_m: ArrayLike) -> FloatOrArray:
    """Sun-synchronous inclination of a circular orbit, rad, from J2:
    cos i = -(2/3) Omega_dot a^(7/2) / (J2 R_E^2 sqrt(mu)), Omega_dot = 2 pi / tropical year.

    ``altitude_m`` in m, 100 km to about 5,970 km (above that no sun-synchronous orbit exists and
    a ValueError is raised). (Vallado sec. 11.4, example 11-2: 98.6 deg at 800 km; SMAD sec. 6.2.)
    """
    out = _apply("sso_inclination_rad", [("altitude_m", altitude_m, _altitude, ALT)])
    bad = np.isnan(out)
    if np.any(bad):
        arr = np.broadcast_to(_as_float_array("altitude_m", altitude_m), np.shape(out))
        _raise_first_bad("altitude_m", arr, ~bad, "has no sun-synchronous orbit (J2 too weak above about 5,970 km)")
    return out


def beta_angle_rad(inclination_rad: ArrayLike, raan_rad: ArrayLike, sun_ecliptic_longitude_rad: ArrayLike) -> FloatOrArray:
    """Beta angle (between the orbit plane and the Sun vector), rad:
    sin b = cos G sin O sin i - sin G cos e cos O sin i + sin G sin e cos i, with obliquity
    e = 23.439 deg. Angles in rad. (Vallado sec. 5.3; Gilmore, *Spacecraft Thermal Control
    Handbook* vol. 1 ch. 2.)
    """
    return _apply(
        "beta_angle_rad",
        [
            ("inclination_rad", inclination_rad, _finite, FIN),
            ("raan_rad", raan_rad, _finite, FIN),
            ("sun_ecliptic_longitude_rad", sun_ecliptic_longitude_rad, _finite, FIN),
        ],
    )


def beta_star_rad(altitude_m: ArrayLike) -> FloatOrArray:
    """Beta angle above which a circular orbit has no (cylindrical) eclipse, rad:
    beta* = asin(R_E / (R_E + h)). (Gilmore vol. 1 ch. 2.)"""
    return _apply("beta_star_rad", [("altitude_m", altitude_m, _altitude, ALT)])


def nodal_rate_rad_s(altitude_m: ArrayLike, inclination_rad: ArrayLike) -> FloatOrArray:
    """Secular J2 nodal precession of a circular orbit, rad/s:
    Omega_dot = -(3/2) n J2 (R_E/a)^2 cos i. (Vallado eq. 9-41 with e = 0.)"""
    return _apply("nodal_rate_rad_s", [("altitude_m", altitude_m, _altitude, ALT), ("inclination_rad", inclination_rad, _finite, FIN)])


SHADOWS = ("cylindrical", "umbra", "penumbra")


def eclipse_fraction(altitude_m: ArrayLike, beta_rad: ArrayLike, shadow: str = "cylindrical", sun_distance_m: ArrayLike = AU_M) -> FloatOrArray:
    """Fraction of a circular orbit in the Earth's shadow, in [0, 0.5).

    ``shadow``: ``"cylindrical"`` (Sun at infinity: f = acos(sqrt(h^2 + 2 R_E h) / (a cos b)) / pi
    for |b| < asin(R_E/a), Gilmore vol. 1 ch. 2), ``"umbra"`` (whole solar disc hidden) or
    ``"penumbra"`` (any part hidden), the conical models in closed form (Vallado's SHADOW geometry;
    Montenbruck & Gill sec. 3.4). ``altitude_m`` m, ``beta_rad`` rad, ``sun_distance_m`` m
    (used by the conical models; 1 AU by default).
    """
    if shadow not in SHADOWS:
        raise ValueError(f"shadow = {shadow!r}: must be one of {', '.join(SHADOWS)}")
    return _apply(
        f"eclipse_fraction_{shadow}",
        [
            ("altitude_m", altitude_m, _altitude, ALT),
            ("beta_rad", beta_rad, _finite, FIN),
            ("sun_distance_m", sun_distance_m, _ge(1e10), "must be a finite distance >= 1e10 m"),
        ],
    )


def earth_view_factor(altitude_m: ArrayLike, normal_from_nadir_rad: ArrayLike = np.pi / 2) -> FloatOrArray:
    """View factor from one face of a flat plate to the Earth (dimensionless).

    ``normal_from_nadir_rad``: angle between the face's normal and nadir (0 = facing the Earth,
    pi/2 = edge-on). Howell, *A Catalog of Radiation Heat Transfer Configuration Factors*,
    differential planar element to a sphere (full and partial view).
    """
    return _apply(
        "earth_view_factor",
        [("altitude_m", altitude_m, _altitude, ALT), ("normal_from_nadir_rad", normal_from_nadir_rad, _finite, FIN)],
    )


def solar_flux_w_m2(day_of_year: ArrayLike, solar_constant_w_m2: ArrayLike = 1361.0) -> FloatOrArray:
    """Solar irradiance on a day of the year, W/m^2: S0 (1 + 0.0334 cos(2 pi (d - 3) / 365.25)).
    (Kopp & Lean 2011 for S0 = 1361 W/m^2; docs/model.md, "Solar array".)"""
    return _apply(
        "solar_flux_w_m2",
        [("solar_constant_w_m2", solar_constant_w_m2, _gt(0.0), "must be a finite flux > 0"), ("day_of_year", day_of_year, lambda a: np.isfinite(a) & (np.abs(a) <= 1e9), "must be a finite day number within 1e9 days")],
    )


def _env(
    absorptivity: ArrayLike,
    emissivity: ArrayLike,
    solar_flux_w_m2: ArrayLike,
    sun_view_factor: ArrayLike,
    albedo: ArrayLike,
    earth_view_factor: ArrayLike,
    earth_ir_w_m2: ArrayLike,
    vf_name: str = "earth_view_factor",
) -> FloatOrArray:
    return _apply(
        "environment_heat_w_m2",
        [
            ("solar_absorptivity", absorptivity, _in(0.0, 1.0), "must be in [0, 1]"),
            ("emissivity", emissivity, _in(0.0, 1.0, lo_open=True), "must be in (0, 1]"),
            ("solar_flux_w_m2", solar_flux_w_m2, _ge(0.0), "must be a finite flux >= 0"),
            ("sun_view_factor", sun_view_factor, _in(0.0, 2.0), "must be in [0, 2]"),
            ("albedo", albedo, _in(0.0, 1.0), "must be in [0, 1]"),
            (vf_name, earth_view_factor, _in(0.0, 2.0), "must be in [0, 2]"),
            ("earth_ir_w_m2", earth_ir_w_m2, _ge(0.0), "must be a finite flux >= 0"),
        ],
    )


def radiator_temp_k(
    heat_w: ArrayLike,
    area_m2: ArrayLike,
    emissivity: ArrayLike,
    sides: ArrayLike = 2,
    earth_view_factor: ArrayLike = 0.0,
    *,
    solar_absorptivity: ArrayLike = 0.0,
    sun_view_factor: ArrayLike = 0.0,
    albedo_view_factor: ArrayLike = 0.0,
    solar_flux_w_m2: ArrayLike = 1361.0,
    albedo: ArrayLike = 0.30,
    earth_ir_w_m2: ArrayLike = 237.0,
) -> FloatOrArray:
    """Equilibrium temperature of a flat radiator rejecting ``heat_w`` to a 3 K sink, K.

    ``area_m2`` is the area of ONE face; ``sides`` (1 or 2) faces radiate with ``emissivity``.
    Absorbed environment per m^2: Earth IR ``emissivity * earth_ir_w_m2 * earth_view_factor``
    (on one face), Sun ``solar_absorptivity * solar_flux_w_m2 * sun_view_factor`` and albedo
    ``solar_absorptivity * albedo * solar_flux_w_m2 * albedo_view_factor`` (both zero by default).
    T = ((Q + A q_env) / (n eps sigma A) + 3^4)^(1/4). (Gilmore, *Spacecraft Thermal Control
    Handbook* vol. 1 ch. 2 and 6.)
    """
    sun_and_albedo = _env(solar_absorptivity, emissivity, solar_flux_w_m2, sun_view_factor, albedo, albedo_view_factor, 0.0, "albedo_view_factor")
    earth_ir = _env(0.0, emissivity, 0.0, 0.0, 0.0, earth_view_factor, earth_ir_w_m2)
    env = np.add(sun_and_albedo, earth_ir)
    return _apply(
        "radiator_temp_k",
        [
            ("heat_w", heat_w, _ge(0.0), "must be a finite heat load >= 0 W"),
            ("area_m2", area_m2, _gt(0.0), "must be a finite area > 0 m^2"),
            ("emissivity", emissivity, _in(0.0, 1.0, lo_open=True), "must be in (0, 1]"),
            ("sides", sides, lambda a: (a == 1) | (a == 2), "must be 1 or 2"),
            ("environment", env, _ge(0.0), FIN),
        ],
    )


def radiator_area_m2(heat_w: ArrayLike, temp_k: ArrayLike, emissivity: ArrayLike, sides: ArrayLike = 2, env_w_m2: ArrayLike = 0.0) -> FloatOrArray:
    """One-face radiator area that rejects ``heat_w`` (W) at ``temp_k`` (K) to a 3 K sink, with
    absorbed environment ``env_w_m2`` per m^2 of one face: A = Q / (n eps sigma (T^4 - 3^4) - q_env);
    +inf when the environment alone holds the radiator above ``temp_k``. (Gilmore vol. 1 ch. 6.)"""
    return _apply(
        "radiator_area_m2",
        [
            ("heat_w", heat_w, _ge(0.0), "must be a finite heat load >= 0 W"),
            ("temp_k", temp_k, _gt(0.0), "must be a finite temperature > 0 K"),
            ("emissivity", emissivity, _in(0.0, 1.0, lo_open=True), "must be in (0, 1]"),
            ("sides", sides, lambda a: (a == 1) | (a == 2), "must be 1 or 2"),
            ("env_w_m2", env_w_m2, _ge(0.0), "must be a finite flux >= 0"),
        ],
    )


def array_temp_k(flux_w_m2: ArrayLike, absorptivity: ArrayLike, electrical_efficiency: ArrayLike, front_emissivity: ArrayLike = 0.85, back_emissivity: ArrayLike = 0.85) -> FloatOrArray:
    """Equilibrium temperature of a Sun-facing array, K: T = [S (alpha - eta) / ((eps_f + eps_b) sigma)]^(1/4).
    (Gilmore vol. 1 ch. 2.)"""
    unit = "must be in (0, 1]"
    return _apply(
        "array_temp_k",
        [
            ("flux_w_m2", flux_w_m2, _ge(0.0), "must be a finite flux >= 0"),
            ("absorptivity", absorptivity, _in(0.0, 1.0, lo_open=True), unit),
            ("electrical_efficiency", electrical_efficiency, _in(0.0, 1.0), "must be in [0, 1]"),
            ("front_emissivity", front_emissivity, _in(0.0, 1.0, lo_open=True), unit),
            ("back_emissivity", back_emissivity, _in(0.0, 1.0, lo_open=True), unit),
        ],
    )


def atmosphere_density_kg_m3(altitude_m: ArrayLike) -> FloatOrArray:
    """Atmospheric density, kg/m^3, exponential model of Vallado, *Fundamentals of Astrodynamics
    and Applications*, 4th ed., Table 8-4 (CIRA-72, mean solar activity)."""
    return _apply("atmosphere_density_kg_m3", [("altitude_m", altitude_m, _altitude, ALT)])


def required_array_power_w(eclipse_load_w: ArrayLike, daylight_load_w: ArrayLike, eclipse_fraction: ArrayLike, path_eff_eclipse: ArrayLike = 0.60, path_eff_daylight: ArrayLike = 0.80) -> FloatOrArray:
    """Array power needed in sunlight, W (SMAD 3rd ed. eq. 11-5):
    P_sa = (P_e T_e / X_e + P_d T_d / X_d) / T_d with T_e = f T, T_d = (1 - f) T."""
    eff = "must be in (0, 1]"
    return _apply(
        "required_array_power_w",
        [
            ("eclipse_load_w", eclipse_load_w, _ge(0.0), "must be a finite power >= 0 W"),
            ("daylight_load_w", daylight_load_w, _ge(0.0), "must be a finite power >= 0 W"),
            ("eclipse_fraction", eclipse_fraction, lambda a: np.isfinite(a) & (a >= 0) & (a < 1), "must be in [0, 1)"),
            ("path_eff_eclipse", path_eff_eclipse, _in(0.0, 1.0, lo_open=True), eff),
            ("path_eff_daylight", path_eff_daylight, _in(0.0, 1.0, lo_open=True), eff),
        ],
    )


def allowed_dod(cycles: ArrayLike, dod_ref: ArrayLike = 0.30, cycles_ref: ArrayLike = 30_000.0, exponent: ArrayLike = 0.2884, dod_max: ArrayLike = 0.80) -> FloatOrArray:
    """Allowed battery depth of discharge for a cycle count: min(dod_max, dod_ref (N/N_ref)^-k).
    Defaults fit SMAD's Li-ion curve and Saft VES180 LEO data (~30 % DoD for 30,000 cycles)."""
    return _apply(
        "allowed_dod",
        [
            ("cycles", cycles, _ge(0.0), "must be a finite count >= 0"),
            ("dod_ref", dod_ref, _in(0.0, 1.0, lo_open=True), "must be in (0, 1]"),
            ("cycles_ref", cycles_ref, _gt(0.0), "must be > 0"),
            ("exponent", exponent, _ge(0.0), "must be >= 0"),
            ("dod_max", dod_max, _in(0.0, 1.0, lo_open=True), "must be in (0, 1]"),
        ],
    )


def lifetime_penalty(failure_rate_per_yr: ArrayLike, lifetime_yr: ArrayLike) -> FloatOrArray:
    """Cost penalty of hardware that is never repaired, lambda L / (1 - exp(-lambda L))
    (Turyshev, arXiv:2604.27197: 1.27 at 0.1/yr over 5 yr)."""
    return _apply(
        "lifetime_penalty",
        [("failure_rate_per_yr", failure_rate_per_yr, _ge(0.0), "must be a finite rate >= 0 /yr"), ("lifetime_yr", lifetime_yr, _gt(0.0), "must be a finite time > 0 yr")],
    )


def capital_recovery_factor(discount_rate: ArrayLike, years: ArrayLike) -> FloatOrArray:
    """Capital recovery factor r (1+r)^n / ((1+r)^n - 1), 1/yr (1/n at r = 0)."""
    return _apply(
        "capital_recovery_factor",
        [("discount_rate", discount_rate, _in(0.0, 1.0), "must be in [0, 1]"), ("years", years, _gt(0.0), "must be a finite time > 0 yr")],
    )


def wright_launch_price_usd_per_kg(cumulative_mass_kg: ArrayLike, m0_kg: ArrayLike = 400_000.0, p0_usd_per_kg: ArrayLike = 1800.0, learning_rate: ArrayLike = 0.20) -> FloatOrArray:
    """Launch price under Wright's law, USD/kg: p0 (M/M0)^(log2(1 - LR)). Defaults: Suncatcher
    (arXiv:2511.19468 sec. 2.4): 1,800 USD/kg at 400 t, 20 % per doubling."""
    return _apply(
        "wright_launch_price_usd_per_kg",
        [
            ("cumulative_mass_kg", cumulative_mass_kg, _gt(0.0), "must be a finite mass > 0 kg"),
            ("m0_kg", m0_kg, _gt(0.0), "must be a finite mass > 0 kg"),
            ("p0_usd_per_kg", p0_usd_per_kg, _ge(0.0), "must be a finite price >= 0"),
            ("learning_rate", learning_rate, lambda a: np.isfinite(a) & (a >= 0) & (a < 1), "must be in [0, 1)"),
        ],
    )


def launched_power_usd_per_kw_yr(mass_kg: ArrayLike, power_w: ArrayLike, launch_price_usd_per_kg: ArrayLike, lifetime_yr: ArrayLike) -> FloatOrArray:
    """Launched-power price, USD per kW-year: (mass / power) x launch price / lifetime
    (Suncatcher arXiv:2511.19468: 575 kg, 28 kW, 5 yr at 3,600 USD/kg is ~14,700)."""
    return _apply(
        "launched_power_usd_per_kw_yr",
        [
            ("mass_kg", mass_kg, _ge(0.0), "must be a finite mass >= 0 kg"),
            ("power_w", power_w, _gt(0.0), "must be a finite power > 0 W"),
            ("launch_price_usd_per_kg", launch_price_usd_per_kg, _ge(0.0), "must be a finite price >= 0"),
            ("lifetime_yr", lifetime_yr, _gt(0.0), "must be a finite time > 0 yr"),
        ],
    )


def ground_power_usd_per_kw_yr(price_usd_per_kwh: ArrayLike, pue: ArrayLike, hours_per_yr: ArrayLike = 8760.0) -> FloatOrArray:
    """Ground electricity spend per kW of IT load per year, USD: price x PUE x hours
    (Suncatcher arXiv:2511.19468 sec. 4.4: 0.06 USD/kWh at PUE 1.09 is ~573 USD per kW-year)."""
    return _apply(
        "ground_power_usd_per_kw_yr",
        [
            ("price_usd_per_kwh", price_usd_per_kwh, _ge(0.0), "must be a finite price >= 0"),
            ("pue", pue, _ge(1.0), "must be >= 1"),
            ("hours_per_yr", hours_per_yr, _ge(0.0), "must be >= 0"),
        ],
    )


EFF = "must be an efficiency in (0, 1]"


def energy_ledger(
    load_w: ArrayLike,
    eclipse_load_w: ArrayLike,
    eclipse_fraction: ArrayLike,
    regulation_efficiency: ArrayLike = 0.95,
    distribution_efficiency: ArrayLike = 0.95,
    charge_efficiency: ArrayLike = 0.95,
    discharge_efficiency: ArrayLike = 0.95,
) -> dict[str, FloatOrArray]:
    """Power flows of a spacecraft carrying ``load_w`` in sunlight and ``eclipse_load_w`` in
    eclipse, in an orbit that spends ``eclipse_fraction`` of its period in shadow, all in W.

    Every loss is counted once, where it happens: the array regulator, distribution to the loads,
    charging and discharging the battery. The array delivers ``array_output_w`` = load +
    regulation, distribution and charging losses + ``battery_charge_w`` (the power stored for the
    eclipse, P_e f / ((1 - f) eta_dis eta_dist)); everything but the power stored is dissipated on
    board in sunlight, and everything the battery gives in eclipse (energy conservation; the
    efficiencies' products are SMAD 3rd ed. eq. 11-5's X_d and X_e; docs/model.md, "Energy
    ledger"). Returns a dict of the ledger's entries."""
    fields = (
        "array_output_w",
        "regulation_loss_w",
        "distribution_loss_w",
        "battery_charge_w",
        "battery_charge_loss_w",
        "battery_discharge_loss_w",
        "dissipation_sunlit_w",
        "dissipation_eclipse_w",
    )
    specs = [
        ("load_w", load_w, _ge(0.0), "must be a finite power >= 0 W"),
        ("eclipse_load_w", eclipse_load_w, _ge(0.0), "must be a finite power >= 0 W"),
        ("eclipse_fraction", eclipse_fraction, lambda a: np.isfinite(a) & (a >= 0) & (a < 1), "must be in [0, 1)"),
        ("regulation_efficiency", regulation_efficiency, _in(0.0, 1.0, lo_open=True), EFF),
        ("distribution_efficiency", distribution_efficiency, _in(0.0, 1.0, lo_open=True), EFF),
        ("charge_efficiency", charge_efficiency, _in(0.0, 1.0, lo_open=True), EFF),
        ("discharge_efficiency", discharge_efficiency, _in(0.0, 1.0, lo_open=True), EFF),
    ]
    return {f: _apply(f"ledger.{f}", specs) for f in fields}


def arrhenius_factor(activation_energy_ev: ArrayLike, ref_temp_k: ArrayLike, temp_k: ArrayLike) -> FloatOrArray:
    """Acceleration of a failure rate at ``temp_k`` relative to ``ref_temp_k`` (K):
    exp(Ea / k_B (1/T_ref - 1/T)), Ea in eV, k_B = 8.617333262e-5 eV/K (JEDEC JEP122). The
    orbital failure rate is ``failure_rate_per_yr`` times this at the chips' junction temperature."""
    return _apply(
        "arrhenius_factor",
        [
            ("activation_energy_ev", activation_energy_ev, _ge(0.0), "must be a finite energy >= 0 eV"),
            ("ref_temp_k", ref_temp_k, _gt(0.0), "must be a finite temperature > 0 K"),
            ("temp_k", temp_k, _gt(0.0), "must be a finite temperature > 0 K"),
        ],
    )


def mean_yearly_retention(degradation_per_yr: ArrayLike, lifetime_yr: ArrayLike) -> FloatOrArray:
    """Lifetime mean of an array's retention (1 - d)^y sampled at the start of each year y = 0,
    1, ... (a fractional last year weighted by its length): (1 - (1 - d)^N) / (N d) for N whole
    years. The top-down spacecraft's power basis divides the load by this and the sunlit fraction
    (McCalip's calculator, github.com/andrewmccalip/thoughts, static/js/math.js)."""
    return _apply(
        "mean_yearly_retention",
        [
            ("degradation_per_yr", degradation_per_yr, lambda a: np.isfinite(a) & (a >= 0) & (a < 1), "must be in [0, 1)"),
            ("lifetime_yr", lifetime_yr, _in(0.0, 100.0, lo_open=True), "must be a finite time in (0, 100] yr"),
        ],
    )


def ownership_pv_factor(discount_rate: ArrayLike, life_yr: ArrayLike, horizon_yr: ArrayLike) -> FloatOrArray:
    """Present value, per unit of an asset's price, of owning it over ``horizon_yr`` years when it
    lasts ``life_yr`` years: bought at 0, replaced at each k life < horizon, the last one's
    straight-line residual value credited at the horizon, all discounted continuously at
    ln(1 + ``discount_rate``). 1 - (10/15) 1.08^-5 = 0.546 for a 15-year facility over 5 years
    at 8 %. (docs/model.md, "Ground baseline".)"""
    return _apply(
        "ownership_pv_factor",
        [
            ("discount_rate", discount_rate, _in(0.0, 1.0), "must be in [0, 1]"),
            ("life_yr", life_yr, _in(0.25, 100.0), "must be a finite time in [0.25, 100] yr"),
            ("horizon_yr", horizon_yr, _in(0.0, 100.0, lo_open=True), "must be a finite time in (0, 100] yr"),
        ],
    )


def edge_on_panel_velocity_projection(beta_rad: ArrayLike) -> FloatOrArray:
    """Orbit mean of |cos| of the angle between the velocity and the normal of a panel edge-on to
    both Sun and Earth (a radiator in a dawn-dusk orbit), at beta angle ``beta_rad``: the
    fraction of its area such a panel presents to the flow, sin(b) / AGM(1, sin(b)) =
    (2/pi) sin(b) K(cos^2 b) (Abramowitz & Stegun 17.3, 17.6). 1 at 90 deg, 0 at 0."""
    return _apply("edge_on_panel_velocity_projection", [("beta_rad", beta_rad, _finite, FIN)])


def hohmann_dv_m_s(from_altitude_m: ArrayLike, to_altitude_m: ArrayLike) -> FloatOrArray:
    """Velocity, m/s, of a Hohmann transfer between circular orbits (negative when descending)
    (Vallado, 4th ed., sec. 6.3)."""
    return _apply("hohmann_dv_m_s", [("from_altitude_m", from_altitude_m, _altitude, ALT), ("to_altitude_m", to_altitude_m, _altitude, ALT)])


def payload_to_orbit_kg(
    ref_payload_kg: ArrayLike,
    stage_dry_kg: ArrayLike,
    stage_propellant_kg: ArrayLike,
    stage_isp_s: ArrayLike,
    altitude_m: ArrayLike,
    inclination_rad: ArrayLike,
    ref_altitude_m: ArrayLike = 200_000.0,
    ref_inclination_rad: ArrayLike = np.radians(28.5),
) -> FloatOrArray:
    """Payload, kg, a launcher carries to a circular orbit of ``altitude_m`` and
    ``inclination_rad``, from its payload ``ref_payload_kg`` to the reference orbit: the extra
    velocity (the Earth-rotation assist lost, 465.1 m/s x (cos i_ref - cos i), plus the Hohmann
    raise) is taken from the upper stage (dry ``stage_dry_kg``, propellant
    ``stage_propellant_kg``, vacuum ``stage_isp_s``), whose rocket equation gives the payload.
    Falcon 9 (17,500 kg to 200 km, 28.5 deg; stage 4.0 t + 107.5 t, 348 s) carries about
    13,000 kg to a 550 km sun-synchronous orbit (docs/model.md, "Launch")."""
    mass = "must be a finite mass > 0 kg"
    extra = _apply(
        "launch_extra_dv_m_s",
        [
            ("ref_altitude_m", ref_altitude_m, _altitude, ALT),
            ("ref_inclination_rad", ref_inclination_rad, _in(0.0, np.pi), "must be an inclination in [0, pi] rad"),
            ("altitude_m", altitude_m, _altitude, ALT),
            ("inclination_rad", inclination_rad, _in(0.0, np.pi), "must be an inclination in [0, pi] rad"),
        ],
    )
    return _apply(
        "payload_to_orbit_kg",
        [
            ("ref_payload_kg", ref_payload_kg, _gt(0.0), mass),
            ("stage_dry_kg", stage_dry_kg, _gt(0.0), mass),
            ("stage_propellant_kg", stage_propellant_kg, _gt(0.0), mass),
            ("stage_isp_s", stage_isp_s, _gt(0.0), "must be a finite specific impulse > 0 s"),
            ("extra_dv_m_s", extra, _finite, FIN),
        ],
    )
