//! The eclipse season: its margin agrees with the eclipse fraction, and the fraction of the year
//! with eclipses varies continuously with the orbit (no step where a sampled day changes side).

use orbitflops_core::orbit::{self, Shadow};
use orbitflops_core::{Prepared, Scenario};

const AU: f64 = 1.495978707e11;

#[test]
fn margin_is_positive_exactly_where_the_orbit_is_eclipsed() {
    for shadow in [Shadow::Umbra, Shadow::Cylindrical, Shadow::Penumbra] {
        for h in [200e3, 550e3, 1000e3, 2000e3, 20_000e3, 300_000e3] {
            for k in 0..=2000 {
                let b = -std::f64::consts::FRAC_PI_2 + k as f64 * std::f64::consts::PI / 2000.0;
                let f = orbit::eclipse_fraction(h, b, shadow, AU);
                let m = orbit::eclipse_margin_m(h, b, shadow, AU);
                assert_eq!(f > 0.0, m > 0.0, "{shadow:?} h {h} beta {b}: f {f}, margin {m}");
            }
        }
    }
    // Cylindrical shadow: at beta* = asin(R / (R + h)) the margin is zero (Gilmore vol. 1 ch. 2).
    let h = 550e3;
    let bstar = (6_378_137.0_f64 / (6_378_137.0 + h)).asin();
    assert!(orbit::eclipse_margin_m(h, bstar, Shadow::Cylindrical, AU).abs() < 1e-6);
}

#[test]
fn eclipsed_share_of_an_interval() {
    assert_eq!(orbit::eclipsed_share(1.0, 2.0), 1.0);
    assert_eq!(orbit::eclipsed_share(-1.0, 0.0), 0.0);
    assert_eq!(orbit::eclipsed_share(3.0, -1.0), 0.75);
    assert_eq!(orbit::eclipsed_share(-1.0, 3.0), 0.75);
}

fn season(altitude_m: f64, ltan_h: f64) -> f64 {
    let mut s = Scenario::default();
    s.params.altitude_m = altitude_m;
    s.params.ltan_h = ltan_h;
    Prepared::new(&s).unwrap().orbit.eclipse_season_fraction
}

#[test]
fn season_varies_continuously_with_altitude_and_local_time() {
    // Dawn-dusk orbits from 550 to 1,400 km: the summer season shrinks as the orbit rises. With
    // whole sampled days (every 5 days) the fraction would jump by 1/73 = 0.0137 wherever a day
    // changes side; interpolated, 100 m of altitude moves it by far less.
    let mut last = season(550e3, 6.0);
    assert!(last > 0.1 && last < 0.5, "{last}");
    let mut h = 550e3;
    while h < 1_400e3 {
        h += 100.0;
        let s = season(h, 6.0);
        assert!((s - last).abs() < 2e-3, "altitude {h}: {last} -> {s}");
        assert!(s <= last + 1e-12, "the season shrinks as the orbit rises: {h}");
        last = s;
    }
    let mut last = season(800e3, 6.0);
    for k in 1..=200 {
        let s = season(800e3, 6.0 + 0.005 * k as f64);
        assert!((s - last).abs() < 2e-3, "LTAN {}: {last} -> {s}", 6.0 + 0.005 * k as f64);
        last = s;
    }
}
