//! The `crosscheck` command line (crates/crosscheck-cli), built by this package so that
//! `cargo run --release -- ...` and `target/release/crosscheck` work from the repository root.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

fn main() -> std::process::ExitCode {
    crosscheck_cli::main()
}
