//! One error type for every invalid input, carrying the field, the value and why.

use std::fmt;

/// An input the model refuses: which field, which value, why, and for batches which index.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// Field name, with its unit suffix as in the public API (`altitude_m`, `orbit.ltan_h`).
    pub field: String,
    /// The offending value, as text (a number, or a string for names and keys).
    pub value: String,
    /// What a valid value looks like.
    pub reason: String,
    /// Index of the first offending design in a batch.
    pub index: Option<usize>,
    /// Kind of error: a value error or a type error (wrong type in a configuration file).
    pub kind: ErrorKind,
}

/// Whether the input had the wrong value or the wrong type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Value,
    Type,
}

impl InputError {
    pub fn value(field: impl Into<String>, value: impl fmt::Display, reason: impl Into<String>) -> Self {
        InputError {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
            index: None,
            kind: ErrorKind::Value,
        }
    }

    pub fn number(field: impl Into<String>, value: f64, reason: impl Into<String>) -> Self {
        Self::value(field, fmt_num(value), reason)
    }

    pub fn type_error(field: impl Into<String>, value: impl fmt::Display, reason: impl Into<String>) -> Self {
        InputError { kind: ErrorKind::Type, ..Self::value(field, value, reason) }
    }

    pub fn at(mut self, index: usize) -> Self {
        self.index = Some(index);
        self
    }
}

/// Format a number so that NaN and infinities read as such, and very small or very large
/// magnitudes in exponent form (not hundreds of digits).
pub fn fmt_num(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf".into() } else { "-inf".into() }
    } else if v != 0.0 && (v.abs() < 1e-4 || v.abs() >= 1e16) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(i) => write!(f, "{} = {} at index {}: {}", self.field, self.value, i, self.reason),
            None => write!(f, "{} = {}: {}", self.field, self.value, self.reason),
        }
    }
}

impl std::error::Error for InputError {}

/// Check that `v` is finite, returning a named error otherwise.
pub fn finite(field: &str, v: f64) -> Result<f64, InputError> {
    if v.is_finite() { Ok(v) } else { Err(InputError::number(field, v, "must be a finite number")) }
}

/// Check `v` is finite and >= `lo`.
pub fn at_least(field: &str, v: f64, lo: f64) -> Result<f64, InputError> {
    if v.is_finite() && v >= lo { Ok(v) } else { Err(InputError::number(field, v, format!("must be a finite number >= {lo}"))) }
}

/// Check `v` is finite and > `lo`.
pub fn above(field: &str, v: f64, lo: f64) -> Result<f64, InputError> {
    if v.is_finite() && v > lo { Ok(v) } else { Err(InputError::number(field, v, format!("must be a finite number > {lo}"))) }
}

/// Check an altitude, m.
pub fn altitude(field: &str, v: f64) -> Result<f64, InputError> {
    if v.is_finite() && v >= crate::constants::MIN_ALTITUDE_M && v <= 1.0e9 {
        Ok(v)
    } else {
        Err(InputError::number(field, v, "must be a finite altitude between 100 km (100000 m, inside the atmosphere below that) and 1e9 m"))
    }
}
