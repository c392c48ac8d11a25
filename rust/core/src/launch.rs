//! Launch: the payload a launcher carries to the scenario's orbit, from the payload it is quoted
//! for to its reference orbit.
//!
//! Launchers publish a payload to a low, low-inclination reference orbit. A sun-synchronous orbit
//! at several hundred km needs more velocity: the Earth's rotation helps a due-east launch by
//! v_eq cos i_ref (v_eq = omega_E R_E = 465.1 m/s) and works against a retrograde one
//! (cos i < 0), and raising the orbit costs a Hohmann transfer. The extra velocity is taken to
//! come from the upper stage alone (the first stage's trajectory unchanged), whose rocket
//! equation then gives the payload: an approximation, conservative by a few percent, that
//! reproduces the Starlink V1.5 batch sizes flown at 97.6 deg against 53.2 deg (46 against 53
//! satellites of 306 kg: 0.868 observed, 0.861 predicted).
//! References: Tsiolkovsky's rocket equation and the Hohmann transfer (Vallado, *Fundamentals of
//! Astrodynamics and Applications*, 4th ed., sec. 6.3; SMAD 3rd ed. ch. 18 on launch-site
//! latitude and azimuth).

use crate::constants::{G0_M_S2, MU_EARTH_M3_S2, R_EARTH_M};

/// Earth's equatorial rotation speed, m/s: 2 pi R_E / sidereal day (86,164.1 s).
pub const EQUATORIAL_SPEED_M_S: f64 = 2.0 * std::f64::consts::PI * R_EARTH_M / 86_164.1;

/// Velocity (m/s) to go from a circular orbit of altitude `from_m` to one of altitude `to_m`
/// (m) by a Hohmann transfer; negative when `to_m` is lower (velocity saved).
pub fn hohmann_dv_m_s(from_m: f64, to_m: f64) -> f64 {
    let (r1, r2) = (R_EARTH_M + from_m.min(to_m), R_EARTH_M + from_m.max(to_m));
    let dv = (MU_EARTH_M3_S2 / r1).sqrt() * ((2.0 * r2 / (r1 + r2)).sqrt() - 1.0) + (MU_EARTH_M3_S2 / r2).sqrt() * (1.0 - (2.0 * r1 / (r1 + r2)).sqrt());
    if to_m >= from_m { dv } else { -dv }
}

/// Extra velocity (m/s) to reach a circular orbit of altitude `altitude_m` and inclination
/// `inclination_rad` instead of the reference orbit: the Earth-rotation assist lost,
/// v_eq (cos i_ref - cos i), plus the Hohmann transfer between the altitudes. Valid for
/// inclinations at least the launch site's latitude (no plane change).
pub fn extra_dv_m_s(ref_altitude_m: f64, ref_inclination_rad: f64, altitude_m: f64, inclination_rad: f64) -> f64 {
    EQUATORIAL_SPEED_M_S * (ref_inclination_rad.cos() - inclination_rad.cos()) + hohmann_dv_m_s(ref_altitude_m, altitude_m)
}

/// Payload (kg) to an orbit needing `extra_dv_m_s` more than the reference orbit, for a launcher
/// that carries `ref_payload_kg` there with an upper stage of dry mass `stage_dry_kg`, propellant
/// `stage_propellant_kg` and vacuum specific impulse `isp_s`. The stage's velocity with the
/// reference payload is dv0 = c ln((m_p + m_d + P0) / (m_d + P0)), c = Isp g0; the payload P
/// that gives dv0 + extra solves (m_p + m_d + P) / (m_d + P) = exp((dv0 + extra) / c):
/// P = (m_p + m_d (1 - e)) / (e - 1). 0 when the stage cannot reach the orbit at all.
pub fn payload_to_orbit_kg(ref_payload_kg: f64, stage_dry_kg: f64, stage_propellant_kg: f64, isp_s: f64, extra_dv_m_s: f64) -> f64 {
    let c = isp_s * G0_M_S2;
    let dv0 = c * ((stage_propellant_kg + stage_dry_kg + ref_payload_kg) / (stage_dry_kg + ref_payload_kg)).ln();
    let x = (dv0 + extra_dv_m_s) / c;
    if x <= 0.0 {
        return PAYLOAD_RATIO_MAX * ref_payload_kg;
    }
    let e = x.exp_m1() + 1.0;
    if e.is_infinite() {
        // Far beyond the stage's reach (e.g. a tiny specific impulse): the payload
        // m_p / (e - 1) - m_d tends to -m_d, none; the formula below would give inf / inf.
        return 0.0;
    }
    ((stage_propellant_kg + stage_dry_kg * (1.0 - e)) / x.exp_m1()).clamp(0.0, PAYLOAD_RATIO_MAX * ref_payload_kg)
}

/// Largest payload to the scenario's orbit relative to the reference payload: far below the
/// reference orbit the upper-stage approximation would promise an unbounded payload.
pub const PAYLOAD_RATIO_MAX: f64 = 10.0;
/// Smallest payload ratio used to price a launch: a launcher that cannot reach the orbit (payload
/// 0) makes every design infeasible through the mass margin, and its launch cost is priced as if
/// it carried a millionth of its reference payload, which keeps every output finite.
pub const PAYLOAD_RATIO_MIN: f64 = 1e-6;
