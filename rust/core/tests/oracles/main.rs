//! The model against independent oracles, in one test binary (one link per build, which matters
//! to mutation testing: scripts/mutants builds the tests once per mutant).
//!
//! - `modules`: each physics and economics function against published values, hand-derived
//!   values, physical identities and numerical oracles;
//! - `reference_outputs`: every output of whole evaluations against the NumPy reference
//!   implementation (tests/data/reference_outputs.toml);
//! - `batch_and_sizing`: batch evaluation against one-at-a-time evaluation, and sizing against
//!   its definition;
//! - `definitions`: whole evaluations at points where docs/model.md gives the answer by hand (a tie
//!   of infinite margins, the conditions kept for sizing, an array without Sun, the power derate,
//!   failures without spares).

mod batch_and_sizing;
mod definitions;
mod modules;
mod reference_outputs;
