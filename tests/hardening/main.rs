//! The hardening tests (docs/security.md), one test binary so that the release profile's LTO links once:
//! `cargo test --release --test hardening`, or one promise with a filter, such as `-- injection::`.
//!
//! - `injection`: only http(s) links; hostile text goes through compiler, binary and views unchanged (promise 1)
//! - `bounded_input`: any selection gets an answer in bounded time, timed (promise 2)
//! - `properties`: proptest of the normaliser, the ranker and the decoder (promise 3)
//! - `regressions`: every input that ever failed, from tests/data/regressions.txt (promise 3)
//! - `bad_datasets`: bad source folders and bad binaries give clear errors (promise 4)
//! - `limits`: every string and count is bounded, by the compiler and the decoder; names without bidi
//!   controls; the quote check indexes each source once (issue 25)
//! - `cli_output`: the CLI escapes control and bidi characters in everything it prints (issue 25)
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_dev::fixture;

mod bad_datasets;
mod bounded_input;
mod cli_output;
mod injection;
mod limits;
mod properties;
mod regressions;
