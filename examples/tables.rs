//! Writes crates/crosscheck-text/src/tables.rs with the generator in crates/crosscheck-dev
//! (`crosscheck_dev::tables`). Run it after changing the generator, either source crate or the
//! tokenizer; tests/tables.rs fails while the checked-in file differs from what this writes.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_dev::tables::{generate, PATH};

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = generate();
    std::fs::write(root.join(PATH), &text).unwrap_or_else(|e| panic!("cannot write {PATH}: {e}"));
    eprintln!("wrote {PATH} ({} bytes)", text.len());
}
