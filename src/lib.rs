//! crosscheck: a fact-check widget's core. Given the text a reader highlights, it finds the claims
//! that text makes and the accounts that corroborate or conflict with them.
//!
//! Everything here is plain Rust, tested natively with `cargo test`; only `wasm` knows about
//! JavaScript, and only the native build (the `crosscheck` binary, `eval`, `claimreview`, the
//! dataset compiler) knows about files and the command line.

pub mod dataset;
pub mod matcher;
pub mod side;
pub mod text;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use dataset::{Dataset, DecodeError};
pub use matcher::{Engine, Match, Ranked};
#[cfg(not(target_arch = "wasm32"))]
pub mod claimreview;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
