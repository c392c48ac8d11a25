//! orbitflops-core: the physics and economics of an orbital AI data centre, in plain Rust.
//!
//! Modules follow the physics: [`orbit`] (geometry, beta angle, eclipses, Sun), [`solar`]
//! (arrays), [`power`] (balance and storage), [`thermal`] (radiators), [`compute`] (failures,
//! spares, discounting of delivered work), [`mass`] (atmosphere and drag make-up), [`economics`]
//! (capital recovery, launch learning curve). [`scenario`], [`params`] and [`presets`] hold every
//! assumption with its source; [`model`] evaluates one design (the analytic tier) and [`batch`]
//! millions of them in parallel. No Python types appear here.

pub mod batch;
pub mod compute;
pub mod constants;
pub mod economics;
pub mod error;
pub mod launch;
pub mod mass;
pub mod mission;
pub mod model;
pub mod orbit;
pub mod outputs;
pub mod parallel;
pub mod params;
pub mod power;
pub mod presets;
pub mod scenario;
pub mod solar;
pub mod thermal;

pub use error::InputError;
pub use model::{evaluate, evaluate_prepared, size, Prepared};
pub use outputs::{Outputs, OUTPUTS};
pub use params::{Params, PARAMS};
pub use scenario::{Design, Scenario};
