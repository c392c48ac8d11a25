//! Shared helpers of the fuzz targets: a byte reader and the output check.
#![allow(dead_code)]

use orbitflops_core::OUTPUTS;

pub use orbitflops_core::outputs::MAY_BE_INF;

pub fn check_value(name: &str, v: f64, context: &dyn std::fmt::Debug) {
    assert!(!v.is_nan(), "{name} is NaN for a valid input: {context:?}");
    if v.is_infinite() {
        assert!(MAY_BE_INF.contains(&name), "{name} = {v} for a valid input: {context:?}");
    }
}

pub fn check_all(vals: &[f64], context: &dyn std::fmt::Debug) {
    for (info, &v) in OUTPUTS.iter().zip(vals) {
        check_value(info.name, v, context);
    }
}

/// Reads fuzz bytes as small integers and as f64 values biased towards the awkward ones.
pub struct Reader<'a>(pub &'a [u8]);

impl Reader<'_> {
    pub fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    pub fn f64(&mut self, typical: f64) -> Option<f64> {
        let tag = self.byte()?;
        Some(match tag % 16 {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => f64::NEG_INFINITY,
            3 => 0.0,
            4 => -0.0,
            5 => f64::MIN_POSITIVE / 4.0,
            6 => f64::MAX,
            7 => -typical,
            8 => typical * (1.0 + self.byte()? as f64 / 16.0),
            9 => typical / (1.0 + self.byte()? as f64),
            10 => self.byte()? as f64,
            11 => typical * 10f64.powi(self.byte()? as i32 % 40 - 20),
            _ => {
                if self.0.len() < 8 {
                    return None;
                }
                let (b, rest) = self.0.split_at(8);
                self.0 = rest;
                f64::from_le_bytes(b.try_into().unwrap())
            }
        })
    }
}
