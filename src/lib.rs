//! crosscheck: a fact-check widget's core. Given the text a reader highlights, it finds the claims
//! that text makes and the accounts that corroborate or conflict with them.
//!
//! Everything here is plain Rust, tested natively with `cargo test`; only `wasm` (and `dom`) know about
//! JavaScript, and only the `crosscheck` binary knows about files and the command line.

pub mod confidence;
pub mod dataset;
pub mod matcher;
pub mod related;
pub mod text;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use dataset::{Dataset, DecodeError};
pub use matcher::{Engine, Match, Ranked};
#[cfg(feature = "cli")]
pub mod claimreview;
#[cfg(feature = "cli")]
pub mod eval;
#[cfg(feature = "cli")]
pub mod realworld;
