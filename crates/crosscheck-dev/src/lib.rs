//! Development helpers shared by the root package's examples and tests, as a crate rather than
//! files included by `#[path]`: the generator of crosscheck-text's tables (`tables`, run by
//! `cargo run --example tables` and checked by tests/tables.rs) and fresh copies of the test
//! fixture (`fixture`). Native only, and a dev-dependency only: the library never links it.
#![cfg(not(target_arch = "wasm32"))]

pub mod fixture;
pub mod tables;
