//! The English and Arabic stop words.

use crate::hash::Fx;
use crate::tables;
use crate::tokenise::{raw_tokens, Raw};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The stop-word lists' words folded the same way as text, so that أن and ان are both stop words:
/// those of the lines that are ASCII (`ascii`), or of the others. Folding never turns a letter
/// outside ASCII into one inside it, nor the reverse, so the two sets hold ASCII and non-ASCII
/// words apart (tests/tables.rs checks), and a word needs looking up in one of them only.
fn stop_words(lines: &str, ascii: bool) -> HashSet<String, Fx> {
    let mut stop: HashSet<String, Fx> = HashSet::default();
    for w in lines.split('\n').filter(|w| w.is_ascii() == ascii) {
        for r in raw_tokens(w, false) {
            if let Raw::Word { text, .. } = r {
                stop.insert(text);
            }
        }
    }
    stop
}

/// The ASCII lines of a stop-word list, folded, with the hyphened Arabic article, and sorted: what crates/crosscheck-dev/src/tables.rs writes as
/// `tables::ASCII_STOP_WORDS`, so that analysis looks English stop words up in a sorted table
/// built into the code instead of folding the list into a set on the first lookup (in a cold
/// browser that set was a few milliseconds of the first lookup).
#[doc(hidden)]
pub fn ascii_stop_words(lines: &str) -> Vec<String> {
    let mut stop = stop_words(lines, true);
    // The Arabic article written with a hyphen (al-Assad) is not a word of its own either.
    stop.extend(["al", "el", "ul"].map(String::from));
    let mut words: Vec<String> = stop.into_iter().collect();
    words.sort_unstable();
    words
}

/// The Arabic stop words, folded on first use: some 700 words whose folding a page in English,
/// and the first lookup on it, need not wait for.
fn non_ascii_stop_words() -> &'static HashSet<String, Fx> {
    static STOP: OnceLock<HashSet<String, Fx>> = OnceLock::new();
    STOP.get_or_init(|| stop_words(tables::STOP_WORDS, false))
}

pub(crate) fn is_stop_word(word: &str) -> bool {
    if word.is_ascii() {
        is_ascii_stop_word(word.as_bytes())
    } else {
        non_ascii_stop_words().contains(word)
    }
}

/// A binary search among the stop words of the word's length (see `tables::ASCII_STOP_WORDS`).
fn is_ascii_stop_word(word: &[u8]) -> bool {
    let n = word.len();
    let Some(run) = tables::ASCII_STOP_WORDS.get(n).filter(|_| n > 0).map(|run| run.as_bytes()) else { return false };
    let (mut lo, mut hi) = (0, run.len() / n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match run[mid * n..(mid + 1) * n].cmp(word) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Both sets of stop words, for tests/tables.rs: whether each holds only the words it should.
#[doc(hidden)]
pub fn stop_word_sets() -> (Vec<String>, Vec<String>) {
    let ascii = tables::ASCII_STOP_WORDS
        .iter()
        .enumerate()
        .skip(1)
        .flat_map(|(n, run)| run.as_bytes().chunks(n).map(|w| String::from_utf8_lossy(w).into_owned()));
    (ascii.collect(), non_ascii_stop_words().iter().cloned().collect())
}
