//! The checked-in tables of the text analysis (crates/crosscheck-text/src/tables.rs) are what examples/tables.rs
//! generates from the stop-words and unicode-normalization crates, so a crate update or an edit
//! of the generator cannot be forgotten.
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_dev::tables as generator;

use crosscheck_text::{analyze, Lexicon};
use generator::{fold_of, Fold};

#[test]
fn checked_in_tables_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(generator::PATH);
    let checked_in = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    // Compared line by line, so that a failure names the first stale line rather than printing
    // two 20 KB strings.
    let fresh = generator::generate();
    let stale = checked_in.lines().zip(fresh.lines()).position(|(a, b)| a != b);
    let stale =
        stale.or_else(|| (checked_in.lines().count() != fresh.lines().count()).then_some(fresh.lines().count()));
    if let Some(line) = stale {
        panic!(
            "{} is stale from line {}: run `cargo run --example tables` to regenerate it, and commit the result",
            generator::PATH,
            line + 1
        );
    }
    assert_eq!(checked_in, fresh, "{} is stale: run `cargo run --example tables` to regenerate it", generator::PATH);
}

/// The library reads the table as the generator meant it: every character that decomposes (or is
/// dropped) is analysed exactly as its decomposition is. (crates/crosscheck-text/src/lib.rs checks the lower cases
/// against the standard library's.)
#[test]
fn the_library_decomposes_as_the_generator_says() {
    let lexicon = Lexicon::default();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let folded: String = match fold_of(c) {
            Some(Fold::Decompose(d)) => d.iter().collect(),
            Some(Fold::Drop) => String::new(),
            _ => continue,
        };
        assert_eq!(
            analyze(&format!("q{c}z"), &lexicon),
            analyze(&format!("q{folded}z"), &lexicon),
            "U+{:04X} should fold to {folded:?}",
            c as u32
        );
    }
}

/// Analysis looks an ASCII word up among the stop words of the ASCII lines only, and any other word
/// among those of the other lines (folded on first use): sound only while folding keeps every
/// word of each set on its side of ASCII.
#[test]
fn stop_words_fold_to_their_own_side_of_ascii() {
    let (ascii, other) = crosscheck_text::stop_word_sets();
    assert!(ascii.len() > 150 && other.len() > 500, "the lists: {} and {} words", ascii.len(), other.len());
    for w in &ascii {
        assert!(w.is_ascii(), "{w:?} comes from an ASCII line but is not ASCII");
    }
    for w in &other {
        assert!(!w.is_ascii(), "{w:?} comes from a line outside ASCII but folds to ASCII");
    }
    // And both are in use: an Arabic and an English stop word are dropped, a content word is not.
    assert_eq!(analyze("the عن Assad", &Lexicon::default()), vec!["assad".to_string()]);
}
