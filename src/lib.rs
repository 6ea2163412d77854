//! crosscheck: a fact-check widget that runs in the reader's browser. This package is its wasm
//! binding (`wasm-pack build` makes `pkg/` from it) and, natively, the `crosscheck` command line
//! (src/main.rs). The core is plain Rust in crates/, tested natively with `cargo test --workspace`:
//!
//! - `crosscheck-text`: text analysis, shared by indexing and lookup (std only);
//! - `crosscheck-format`: the dataset model, the `.ccd` format, the TOML source compiler;
//! - `crosscheck-engine`: the matcher, the views, the embedded default dataset;
//! - `crosscheck-cli`: the command line, evaluation and ClaimReview export.
//!
//! Only `wasm` knows about JavaScript.

#[cfg(target_arch = "wasm32")]
pub mod wasm;
