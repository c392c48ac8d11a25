//! Configuration parsing: any text gives a scenario or an error, never a panic; a scenario that
//! parses is valid, writes back to TOML that parses to the same scenario, and evaluates its own
//! design without a NaN.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orbitflops_core::{evaluate, Scenario};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(s) = Scenario::from_toml_str(&text) else { return };
    s.validate().expect("a parsed scenario is valid");
    let back = Scenario::from_toml_str(&s.to_toml_string()).expect("written TOML parses");
    assert_eq!(back, s, "TOML round trip changes the scenario");
    if let Ok(o) = evaluate(&s, &s.design) {
        common::check_all(o.as_slice(), &text);
    }
});
