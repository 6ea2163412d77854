//! Promise 3: property tests of the normaliser (`text::analyze`), the ranker (`Engine::lookup`,
//! `Engine::search`) and the dataset decoder (`binary::decode`), with proptest.
//!
//! The runs are reproducible: a fixed seed unless `PROPTEST_RNG_SEED` is set, and a case count per
//! property that keeps this file to about half a minute on two cores. For a deeper run:
//! `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=$RANDOM cargo test --release --test hardening properties::`.
//! A failure prints the shrunk input; keep it in tests/data/regressions.txt (tests/hardening/regressions.rs).

use crosscheck_engine::matcher::MAX_SELECTION_CHARS;
use crosscheck_engine::Engine;
use crosscheck_engine::SEED;
use crosscheck_format::model::{Account, Claim, Dataset, Entity, Source, Stance};
use crosscheck_format::{binary, limits, ErrorKind};
use crosscheck_text::{analyze, Lexicon};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::sync::OnceLock;

/// The configuration of every property: `cases` unless PROPTEST_CASES says otherwise, a fixed seed
/// unless PROPTEST_RNG_SEED says otherwise, and no failure files (regressions are kept by hand).
fn config(cases: u32) -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    Config {
        cases: env("PROPTEST_CASES").map_or(cases, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("PROPTEST_RNG_SEED").unwrap_or(0x5eed_c0de)),
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::embedded().unwrap())
}

/// A second engine over the same dataset: its hash maps have other random seeds.
fn engine2() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::embedded().unwrap())
}

// ---------------------------------------------------------------------------------------------
// Strategies

/// Characters weighted towards what matters to analysis: letters, digits, the punctuation with a
/// meaning (. , ' % $), white space, Arabic, combining and invisible marks, and anything at all.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('a', 'z'),
        3 => prop::char::range('A', 'Z'),
        3 => prop::char::range('0', '9'),
        5 => prop::sample::select(vec![' ', ' ', ' ', '\n', '\t', '.', '.', ',', '\'', '’', '-', '%', '$', '€', '£', '?', '!', '…', '"', '(', '٪', '؟']),
        2 => prop::char::range('\u{0600}', '\u{06ff}'),
        1 => prop::char::range('\u{0660}', '\u{0669}'),
        1 => prop::char::range('\u{0300}', '\u{036f}'),
        1 => prop::sample::select(vec!['\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202e}', '\u{feff}', '\u{00ad}', '\u{0640}', '\u{fffd}']),
        1 => prop::char::range('\u{00c0}', '\u{024f}'),
        1 => prop::char::range('\u{0370}', '\u{03ff}'),
        1 => prop::char::range('\u{1f300}', '\u{1faff}'),
        1 => prop::char::range('\u{fb50}', '\u{fefc}'),
        1 => prop::char::range('\u{ff01}', '\u{ff5e}'),
        1 => prop::char::range('\u{1d400}', '\u{1d7ff}'),
        2 => any::<char>(),
    ]
}

fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Words a reader would select: every word of the dataset's claims, wordings and quotes (numbers,
/// dates, names and Arabic included), plus number words, units and months.
fn vocabulary() -> Vec<String> {
    let ds = engine().to_dataset();
    let mut words: Vec<String> = ds
        .claims
        .iter()
        .flat_map(|c| std::iter::once(&c.text).chain(&c.wordings).chain(c.accounts.iter().map(|a| &a.quote)))
        .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for w in "one two forty eight hundred million billion half an hour hours days per cent percent Nov. November 29th 5m 6.3% $5 20,000 US us HTS Türkiye Erdoğan".split(' ') {
        words.push(w.to_string());
    }
    words.sort();
    words.dedup();
    words
}

fn words_text() -> impl Strategy<Value = String> {
    let seps = prop::sample::select(vec![" ", " ", " ", ", ", ". ", "\n", " - ", "'s ", "! "]);
    prop::collection::vec((prop::sample::select(vocabulary()), seps), 0..50)
        .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// A quote of the dataset, cut and padded with noise, so that lookups do find claims.
fn quote_text() -> impl Strategy<Value = String> {
    let quotes: Vec<String> =
        engine().to_dataset().claims.iter().flat_map(|c| c.accounts.iter().map(|a| a.quote.clone())).collect();
    (
        prop::sample::select(quotes),
        any_text(40),
        any_text(40),
        0usize..6,
        prop::collection::vec(prop::sample::select(vocabulary()), 0..8),
    )
        .prop_map(|(q, before, after, skip, extra)| {
            let words: Vec<&str> = q.split(' ').collect();
            let kept = words[skip.min(words.len().saturating_sub(1))..].join(" ");
            format!("{before} {kept} {} {after}", extra.join(" "))
        })
}

fn selection() -> impl Strategy<Value = String> {
    prop_oneof![any_text(400), words_text(), quote_text()]
}

// ---------------------------------------------------------------------------------------------
// The normaliser

const MAX_TERM_CHARS: usize = 40; // text.rs MAX_TOKEN_CHARS: longer tokens are dropped

fn well_formed_terms(terms: &[String], bounded: bool) -> Result<(), TestCaseError> {
    for t in terms {
        prop_assert!(!t.is_empty(), "an empty term in {terms:?}");
        prop_assert!(
            !t.chars().any(char::is_whitespace),
            "a term with white space (the index keeps pairs as \"a b\"): {t:?}"
        );
        if bounded {
            prop_assert!(t.chars().count() <= MAX_TERM_CHARS, "a term of {} characters: {t:?}", t.chars().count());
        }
    }
    Ok(())
}

/// Inserts `extra` characters at the given char positions of `text`.
fn insert_at(text: &str, extra: &[(usize, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut extra = extra.to_vec();
    extra.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
    for (i, c) in extra {
        let at = if chars.is_empty() { 0 } else { i % (chars.len() + 1) };
        chars.insert(at, c);
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(config(1500))]

    /// analyze never panics, is deterministic, and its terms are non-empty, without white space and
    /// at most 40 characters; with the seed's aliases and synonyms too (whose canonical terms may be longer).
    #[test]
    fn analyze_is_total_deterministic_and_bounded(text in prop_oneof![any_text(300), words_text()]) {
        let plain = analyze(&text, &Lexicon::default());
        prop_assert_eq!(&plain, &analyze(&text, &Lexicon::default()));
        well_formed_terms(&plain, true)?;
        let seeded = analyze(&text, engine().lexicon());
        prop_assert_eq!(&seeded, &analyze(&text, engine().lexicon()));
        well_formed_terms(&seeded, false)?;
    }

    /// ASCII text in capitals and in lower case analyses the same: in text that is mostly capitals,
    /// capitals say nothing about acronyms, so upper-casing everything never keeps "US" from being "us".
    #[test]
    fn ascii_case_does_not_matter(text in prop::collection::vec(prop_oneof![3 => prop::char::range('a', 'z'), 1 => prop::sample::select(vec![' ', '.', ',', '\'', '-', '%', '1', '2', '9', '0', '\n'])], 0..200).prop_map(|v| v.into_iter().collect::<String>())) {
        let lex = Lexicon::default();
        prop_assert_eq!(analyze(&text.to_ascii_uppercase(), &lex), analyze(&text, &lex));
        prop_assert_eq!(analyze(&text.to_ascii_uppercase(), engine().lexicon()), analyze(&text, engine().lexicon()));
    }

    /// How words are separated by white space (spaces, tabs, line breaks, no-break and ideographic
    /// spaces, one or many) does not change the terms.
    #[test]
    fn white_space_runs_do_not_matter(
        words in prop::collection::vec(prop::sample::select(vocabulary()), 0..40),
        runs in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![' ', '\t', '\n', '\r', '\u{a0}', '\u{2003}', '\u{3000}', '\u{2028}']), 1..4), 40),
    ) {
        let single = words.join(" ");
        let mixed: String = words.iter().zip(&runs).map(|(w, r)| format!("{w}{}", r.iter().collect::<String>())).collect();
        prop_assert_eq!(analyze(&single, engine().lexicon()), analyze(&mixed, engine().lexicon()));
    }

    /// Combining marks (U+0300..U+0344, none of them letters), zero-width joiners and non-joiners are
    /// dropped wherever they stand: Erdog̃an, Erdoğan and Erdogan are one word.
    #[test]
    fn combining_marks_and_joiners_are_ignored(
        text in prop_oneof![any_text(200), words_text()],
        extra in prop::collection::vec((any::<usize>(), prop_oneof![prop::char::range('\u{0300}', '\u{0344}'), Just('\u{200c}'), Just('\u{200d}')]), 0..20),
    ) {
        let marked = insert_at(&text, &extra);
        prop_assert_eq!(analyze(&marked, engine().lexicon()), analyze(&text, engine().lexicon()));
    }

    /// Arabic folds: tatweel anywhere, alef variants, teh marbuta and alef maksura, Arabic-Indic digits.
    #[test]
    fn arabic_variants_fold(
        words in prop::collection::vec(prop::sample::select(vocabulary().into_iter().filter(|w| w.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c))).collect::<Vec<_>>()), 1..20),
        digits in prop::collection::vec(0u32..10, 0..6),
        tatweel in prop::collection::vec(any::<usize>(), 0..10),
    ) {
        let ascii: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
        let indic: String = digits.iter().map(|d| char::from_u32(0x0660 + d).unwrap()).collect();
        let plain = format!("{} {ascii}", words.join(" "));
        let varied: String = format!("{} {indic}", words.join(" ")).chars().map(|c| match c { 'ا' => 'أ', c => c }).collect();
        let stretched = insert_at(&varied, &tatweel.iter().map(|&i| (i, '\u{0640}')).collect::<Vec<_>>());
        let lex = engine().lexicon();
        prop_assert_eq!(analyze(&plain, lex), analyze(&stretched, lex));
    }
}

// ---------------------------------------------------------------------------------------------
// The ranker

fn cut_len(text: &str) -> usize {
    text.char_indices().nth(MAX_SELECTION_CHARS).map_or(text.len(), |(i, _)| i)
}

proptest! {
    #![proptest_config(config(600))]

    /// lookup never panics; each claim comes once, in text order, over a range of whole characters
    /// inside the (cut) selection, with a confidence between the threshold and 1.
    #[test]
    fn lookup_answers_are_well_formed(text in selection()) {
        let e = engine();
        let found = e.lookup(&text);
        let mut claims: Vec<usize> = found.iter().map(|m| m.claim).collect();
        claims.sort_unstable();
        claims.dedup();
        prop_assert_eq!(claims.len(), found.len(), "a claim twice: {:?}", found);
        prop_assert!(found.windows(2).all(|w| w[0].offset <= w[1].offset), "out of order: {:?}", found);
        for m in &found {
            prop_assert!(m.claim < e.claim_count());
            prop_assert!(m.offset < m.end && m.end <= cut_len(&text), "{:?}", m);
            prop_assert!(text.is_char_boundary(m.offset) && text.is_char_boundary(m.end));
            prop_assert!(m.confidence >= e.params.threshold && m.confidence <= 1.0, "confidence {}", m.confidence);
        }
        prop_assert_eq!(&found, &e.lookup(&text), "not deterministic");
    }

    /// search ranks at most `top` distinct claims, best first, with finite scores and confidences in [0, 1].
    #[test]
    fn search_is_well_formed(text in selection(), top in 0usize..40) {
        let ranked = engine().search(&text, top);
        prop_assert!(ranked.len() <= top);
        prop_assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score), "not best first");
        let mut claims: Vec<usize> = ranked.iter().map(|r| r.claim).collect();
        claims.sort_unstable();
        claims.dedup();
        prop_assert_eq!(claims.len(), ranked.len());
        for r in &ranked {
            prop_assert!(r.score.is_finite() && r.score >= 0.0, "score {}", r.score);
            prop_assert!((0.0..=1.0).contains(&r.confidence), "confidence {}", r.confidence);
        }
    }

    /// Two engines over one dataset answer alike (a reader sees the same popup on every page load).
    #[test]
    fn two_engines_over_one_dataset_agree(text in selection()) {
        let a: Vec<(usize, usize)> = engine().lookup(&text).iter().map(|m| (m.claim, m.offset)).collect();
        let b: Vec<(usize, usize)> = engine2().lookup(&text).iter().map(|m| (m.claim, m.offset)).collect();
        prop_assert_eq!(a, b);
    }
}

// ---------------------------------------------------------------------------------------------
// The decoder

/// Header, length and checksum around a body, as the encoder writes them.
fn seal(body: &[u8]) -> Vec<u8> {
    binary::frame(body)
}

/// What a dataset that decodes must also survive: an engine, a lookup of each of its own texts, and a
/// round trip through the encoder.
fn usable(ds: Dataset) -> Result<(), TestCaseError> {
    let back = binary::decode(&binary::encode(&ds));
    // Only the wordings' terms are stored, not their text.
    let mut expected = ds.clone();
    expected.claims.iter_mut().for_each(|c| c.wordings.clear());
    prop_assert_eq!(back, Ok(expected));
    let texts: Vec<String> = ds
        .claims
        .iter()
        .flat_map(|c| std::iter::once(c.text.clone()).chain(c.accounts.iter().map(|a| a.quote.clone())))
        .take(20)
        .collect();
    let e = Engine::new(ds);
    for t in texts.iter().chain([&"the".to_string()]) {
        for m in e.lookup(t) {
            prop_assert!(m.claim < e.claim_count());
        }
    }
    let _ = serde_json::to_string(&crosscheck_engine::view::dump(&e.to_dataset())).unwrap();
    Ok(())
}

fn small_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => any_text(12), 1 => prop::sample::select(vocabulary()), 1 => Just(String::new())]
}

prop_compose! {
    fn raw_source()(f in prop::collection::vec(small_text(), 8), within in prop::option::of(any::<u32>())) -> (Vec<String>, Option<u32>) { (f, within) }
}

prop_compose! {
    fn raw_account()(source in any::<u32>(), f in prop::collection::vec(small_text(), 5), via in prop::collection::vec(small_text(), 0..3), stance in 0u8..3) -> (u32, Vec<String>, Vec<String>, u8) { (source, f, via, stance) }
}

prop_compose! {
    fn raw_claim()(
        f in prop::collection::vec(small_text(), 3),
        dates in prop::collection::vec(small_text(), 0..3),
        entities in prop::collection::vec(any::<u32>(), 0..3),
        wordings in prop::collection::vec(small_text(), 0..3),
        accounts in prop::collection::vec(raw_account(), 0..4),
    ) -> (Vec<String>, Vec<String>, Vec<u32>, Vec<String>, Vec<(u32, Vec<String>, Vec<String>, u8)>) { (f, dates, entities, wordings, accounts) }
}

prop_compose! {
    /// Any dataset whose cross-references resolve and whose links are web links (the decoder refuses
    /// the others).
    fn dataset()(
        head in prop::collection::vec(small_text(), 3),
        sources in prop::collection::vec(raw_source(), 0..4),
        entities in prop::collection::vec((small_text(), small_text(), small_text(), prop::collection::vec(small_text(), 0..3)), 0..4),
        synonyms in prop::collection::vec(prop::collection::vec(small_text(), 0..4), 0..3),
        claims in prop::collection::vec(raw_claim(), 0..5),
    ) -> Dataset {
        let (ns, ne) = (sources.len() as u32, entities.len() as u32);
        Dataset {
            name: head[0].clone(),
            title: head[1].clone(),
            description: head[2].clone(),
            sources: sources.into_iter().map(|(f, within)| Source {
                id: f[0].clone(), file: f[1].clone(), outlet: f[2].clone(), title: f[3].clone(), author: f[4].clone(),
                date: fit(&f[5], 10), language: f[6].clone(), url: if f[7].is_empty() { String::new() } else { format!("https://example.org/{}", f[7].chars().filter(char::is_ascii_alphanumeric).collect::<String>()) }, within: within.map(|w| w % ns),
            }).collect(),
            entities: entities.into_iter().map(|(id, name, kind, aliases)| Entity { id, name, kind: fit(&kind, 20), aliases }).collect(),
            synonyms,
            claims: claims.into_iter().map(|(f, dates, ents, wordings, accounts)| Claim {
                id: f[0].clone(), text: f[1].clone(), event: f[2].clone(), dates: dates.iter().map(|d| fit(d, 10)).collect(),
                entities: if ne == 0 { vec![] } else { ents.into_iter().map(|e| e % ne).collect() },
                wordings,
                accounts: if ns == 0 { vec![] } else {
                    accounts.into_iter().map(|(s, f, via, stance)| Account {
                        source: s % ns, speaker: f[0].clone(), role: f[1].clone(), via, origin: f[2].clone(),
                        stance: Stance::from_code(stance).unwrap(), quote: f[3].clone(), note: f[4].clone(),
                    }).collect()
                },
            }).collect(),
        }
    }
}

/// Whether a name of the dataset holds a character the decoder refuses in names (`limits::hidden_char`).
fn hides_a_name(ds: &Dataset) -> bool {
    let mut names: Vec<&String> = vec![&ds.name, &ds.title];
    for s in &ds.sources {
        names.extend([&s.outlet, &s.title, &s.author, &s.language, &s.file]);
    }
    for e in &ds.entities {
        names.push(&e.name);
        names.extend(&e.aliases);
    }
    for a in ds.claims.iter().flat_map(|c| &c.accounts) {
        names.extend([&a.speaker, &a.role, &a.origin]);
        names.extend(&a.via);
    }
    names.iter().any(|n| limits::hidden_in(n).is_some())
}

/// `s` cut to at most `max` bytes, on a character boundary (dates are at most 10 bytes).
fn fit(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

/// Edits to a valid binary: flip, set, insert or delete bytes anywhere, or truncate.
#[derive(Clone, Debug)]
enum Edit {
    Flip(usize, u8),
    Set(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), 0u8..8).prop_map(|(i, b)| Edit::Flip(i, 1 << b)),
        3 => (any::<usize>(), prop_oneof![Just(0u8), Just(1), Just(0x7f), Just(0x80), Just(0xff), any::<u8>()]).prop_map(|(i, b)| Edit::Set(i, b)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        2 => any::<usize>().prop_map(Edit::Delete),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// Applies edits to the body of a binary; with `reseal` the header's length and the checksum are made
/// to fit again, so that the decoder gets past them to the body.
fn mutate(valid: &[u8], edits: &[Edit], reseal: bool) -> Vec<u8> {
    let mut body = valid[10..valid.len() - 4].to_vec();
    for e in edits {
        let n = body.len().max(1);
        match *e {
            Edit::Flip(i, b) if !body.is_empty() => body[i % n] ^= b,
            Edit::Set(i, b) if !body.is_empty() => body[i % n] = b,
            Edit::Insert(i, b) => body.insert(i % (body.len() + 1), b),
            Edit::Delete(i) if !body.is_empty() => {
                body.remove(i % n);
            }
            Edit::Truncate(i) => body.truncate(i % (body.len() + 1)),
            _ => {}
        }
    }
    if reseal {
        seal(&body)
    } else {
        let mut out = valid[..10].to_vec();
        out.extend_from_slice(&body);
        out.extend_from_slice(&valid[valid.len() - 4..]);
        out
    }
}

fn small_binary() -> &'static [u8] {
    static SMALL: OnceLock<Vec<u8>> = OnceLock::new();
    SMALL.get_or_init(|| std::fs::read("tests/fixtures/small-v2.ccd").unwrap())
}

fn hostile_binary() -> &'static [u8] {
    static HOSTILE: OnceLock<Vec<u8>> = OnceLock::new();
    HOSTILE.get_or_init(|| {
        binary::encode(&crosscheck_format::source::compile_dir(std::path::Path::new("tests/fixtures/hostile")).unwrap())
    })
}

/// The hostile fixture with its claims' text Huffman-coded, as large datasets are stored.
fn coded_binary() -> &'static [u8] {
    static CODED: OnceLock<Vec<u8>> = OnceLock::new();
    CODED.get_or_init(|| {
        binary::encode_with(
            &crosscheck_format::source::compile_dir(std::path::Path::new("tests/fixtures/hostile")).unwrap(),
            true,
        )
    })
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn decode_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = binary::decode(&bytes);
        let with_magic = [&b"CCDS"[..], &binary::VERSION.to_le_bytes(), &bytes].concat();
        let _ = binary::decode(&with_magic);
    }

    /// Past the header and the checksum: arbitrary bodies, biased to small numbers so that counts and
    /// lengths often fit. Whatever decodes is usable.
    #[test]
    fn decode_never_panics_on_sealed_bodies(body in prop::collection::vec(prop_oneof![3 => 0u8..4, 1 => any::<u8>()], 0..400)) {
        if let Ok(ds) = binary::decode(&seal(&body)) {
            usable(ds)?;
        }
    }

    /// Edited valid binaries (the fixtures), with and without a fitting checksum: never a panic, and
    /// whatever decodes is usable.
    #[test]
    fn edited_binaries_never_panic(edits in prop::collection::vec(edit(), 1..6), reseal in any::<bool>(), which in 0..3u8) {
        let valid = match which { 0 => small_binary(), 1 => hostile_binary(), _ => coded_binary() };
        if let Ok(ds) = binary::decode(&mutate(valid, &edits, reseal)) {
            usable(ds)?;
        }
    }
}

proptest! {
    #![proptest_config(config(400))]

    /// Every dataset in memory whose references resolve survives encode then decode unchanged.
    #[test]
    fn decode_inverts_encode(ds in dataset()) {
        let bytes = binary::encode(&ds);
        let back = binary::decode(&bytes);
        // The wordings' text is not stored (only their terms, in the index).
        let mut expected = ds.clone();
        expected.claims.iter_mut().for_each(|c| c.wordings.clear());
        if hides_a_name(&ds) {
            // A name with a bidi control or an invisible character is refused (issue 25).
            prop_assert!(matches!(back, Err(ref e) if matches!(e.kind(), ErrorKind::HiddenCharacter { .. }) && e.to_string().contains("direction-changing")), "{:?}", back);
        } else {
            prop_assert_eq!(back, Ok(expected));
            usable(ds)?;
        }
    }

    /// The embedded dataset, edited: the decoder only (an engine over the seed takes longer).
    #[test]
    fn edited_seed_never_panics(edits in prop::collection::vec(edit(), 1..4), reseal in any::<bool>()) {
        if let Ok(ds) = binary::decode(&mutate(SEED, &edits, reseal)) {
            let back = binary::decode(&binary::encode(&ds));
            prop_assert_eq!(back, Ok(ds));
        }
    }
}

/// The strategies are worth their cases: quote-based selections often find claims, and edited binaries
/// often decode (so the engine and round trip behind them run), whatever the dataset becomes.
#[test]
fn strategies_reach_matches_and_successful_decodes() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut matched = 0;
    for _ in 0..200 {
        let text = quote_text().new_tree(&mut runner).unwrap().current();
        matched += usize::from(!engine().lookup(&text).is_empty());
    }
    let mut decoded = 0;
    for _ in 0..1000 {
        let edits = prop::collection::vec(edit(), 1..6).new_tree(&mut runner).unwrap().current();
        decoded += usize::from(binary::decode(&mutate(hostile_binary(), &edits, true)).is_ok());
    }
    assert!(matched >= 60, "only {matched} of 200 quote-based selections found a claim");
    assert!(decoded >= 50, "only {decoded} of 1000 edited binaries decoded");
}
