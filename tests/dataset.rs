//! The dataset: the embedded default's counts and integrity, the compiler's errors for bad source
//! folders, and the binary format's round trip and its refusal of damaged input.
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_engine::{seed, SEED};
use crosscheck_format::model::Stance;
use crosscheck_format::{binary, source, Dataset, ErrorKind};
use std::path::{Path, PathBuf};

use crosscheck_dev::fixture;

#[test]
fn the_embedded_dataset_is_the_compiled_seed_folder() {
    let compiled = source::compile_dir(Path::new("data/seed")).expect("data/seed compiles");
    let fresh = binary::encode(&compiled);
    // Not assert_eq: a mismatch would print two 200 KB byte arrays.
    assert!(
        fresh == SEED,
        "build.rs embeds exactly what the compiler makes ({} bytes compiled, {} embedded)",
        fresh.len(),
        SEED.len()
    );
}

/// The engine opens the embedded bytes without checking the claims' strings again
/// (`Checks::Structure`); that is sound because they pass every check bytes from elsewhere get,
/// and open to the same store.
#[test]
fn the_embedded_dataset_passes_every_check_and_opens_the_same_either_way() {
    use binary::{Checks, Store};
    use std::borrow::Cow;
    let full = Store::open(Cow::Borrowed(SEED)).expect("the embedded bytes pass every check");
    let lean = Store::open_checking(Cow::Borrowed(SEED), Checks::Structure).expect("and the structural ones");
    assert_eq!(full.stats(), lean.stats());
    assert_eq!(full.claim_count(), lean.claim_count());
    assert!(full.claim_count() > 200);
    for i in 0..full.claim_count() {
        assert_eq!(full.claim(i), lean.claim(i), "claim {i}");
    }
    // The same engine: the same answers, down to the confidence's last bit.
    let (a, b) =
        (crosscheck_engine::Engine::open(Cow::Borrowed(SEED)).unwrap(), crosscheck_engine::Engine::embedded().unwrap());
    for text in ["Russia granted Assad asylum in Moscow", "Iran warned Assad", "Turkey backed the rebels' offensive"] {
        let (x, y) = (a.lookup(text), b.lookup(text));
        assert_eq!(x.len(), y.len());
        for (m, n) in x.iter().zip(&y) {
            assert_eq!(
                (m.claim, m.offset, m.end, m.confidence.to_bits()),
                (n.claim, n.offset, n.end, n.confidence.to_bits())
            );
        }
    }
    // A string damaged where only `Checks::All` would look: structure-only opening accepts it, and
    // reading the claim refuses it (None), without a panic.
    let mut bad = SEED.to_vec();
    let text = full.claim(0).expect("claim 0").text;
    let at = bad.windows(text.len()).position(|w| w == text.as_bytes()).expect("claim 0's text is stored plain");
    bad[at] = 0xFF;
    let body_end = bad.len() - 4;
    let sum = binary::checksum(&bad[10..body_end]);
    bad[body_end..].copy_from_slice(&sum.to_le_bytes());
    assert!(Store::open(Cow::Owned(bad.clone())).is_err(), "every check finds the damaged string");
    let lean = Store::open_checking(Cow::Owned(bad), Checks::Structure).expect("structure intact");
    assert_eq!(lean.claim(0), None);
}

#[test]
fn every_article_contributes_and_disagreements_are_recorded() {
    let ds = seed().unwrap();
    let files: std::collections::BTreeSet<&str> =
        ds.claims.iter().flat_map(|c| c.accounts.iter()).map(|a| ds.sources[a.source as usize].file.as_str()).collect();
    assert_eq!(files.len(), 5, "claims from every seed article: {files:?}");
    assert!(ds.claims.len() >= 150, "{} claims", ds.claims.len());
    let disputed = ds
        .claims
        .iter()
        .filter(|c| {
            c.accounts.iter().any(|a| a.stance == Stance::Corroborates)
                && c.accounts.iter().any(|a| a.stance == Stance::Conflicts)
        })
        .count();
    assert!(disputed >= 25, "{disputed} claims have both corroborating and conflicting accounts");
    let arabic =
        ds.claims.iter().flat_map(|c| &c.accounts).filter(|a| ds.sources[a.source as usize].language == "ar").count();
    assert!(arabic >= 10, "{arabic} Arabic accounts");
    // The disagreements the product exists to show are there, with both sides.
    for id in [
        "assad-moscow-visit-date",
        "putin-in-belarus-when-assad-called",
        "russia-warned-damascus-48h",
        "russian-jets-bombed-hts-convoys",
    ] {
        let c = ds.claim(id).unwrap_or_else(|| panic!("claim {id} is missing"));
        let stances: Vec<Stance> = c.accounts.iter().map(|a| a.stance).collect();
        assert!(stances.contains(&Stance::Corroborates) && stances.contains(&Stance::Conflicts), "{id}: {stances:?}");
    }
}

#[test]
fn every_quote_is_verbatim_and_every_reference_resolves() {
    let ds = seed().unwrap();
    for c in &ds.claims {
        assert!(!c.accounts.is_empty(), "{} has no accounts", c.id);
        for a in &c.accounts {
            let src = &ds.sources[a.source as usize];
            let text = source::fold_space(&std::fs::read_to_string(Path::new("data/seed").join(&src.file)).unwrap());
            assert!(text.contains(&a.quote), "{}: quote not in {}: {}", c.id, src.file, a.quote);
            assert!(!a.origin.is_empty() && !a.speaker.is_empty());
        }
        for &e in &c.entities {
            assert!((e as usize) < ds.entities.len());
        }
    }
    for s in &ds.sources {
        assert!(s.url.is_empty() || s.url.starts_with("https://") || s.url.starts_with("http://"), "{}", s.url);
    }
}

// ---------------------------------------------------------------------------------------------
// The compiler refuses bad folders with a message naming the file, the entry and the fix.

/// A copy of the small fixture in a fresh temporary folder, with one file changed.
fn fixture_with(name: &str, file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = fixture::small_copy(&format!("test-{name}"));
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, edit(&text)).unwrap();
    dir
}

#[test]
fn the_compiler_names_the_file_the_entry_and_the_fix() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, &str, &[&str])] = &[
        ("quote", "claims/cost.toml", "twice the first estimate.", "three times the first estimate.", &["claims/cost.toml", "claim terminal-cost", "is not in source `gazette`", "The mayor said the new ferry terminal"]),
        ("source", "claims/cost.toml", "source = \"gazette\"\nspeaker = \"The mayor\"", "source = \"gazete\"\nspeaker = \"The mayor\"", &["claim terminal-cost", "source `gazete`", "not defined"]),
        ("stance", "claims/cost.toml", "stance = \"conflicts\"", "stance = \"disputes\"", &["claim terminal-cost", "stance `disputes` is unknown", "corroborates, conflicts or context"]),
        ("date", "claims/cost.toml", "2024-03-01", "2024-02-30", &["claim terminal-cost", "date `2024-02-30`"]),
        ("url", "sources.toml", "https://example.org/harbour", "javascript:alert(1)", &["sources.toml", "source gazette", "not an http: or https: link"]),
        ("data-url", "sources.toml", "https://example.org/harbour", "data:text/html,<script>alert(1)</script>", &["source gazette", "http: or https:"]),
        ("duplicate", "claims/cost.toml", "", "", &["claim terminal-cost", "also used in"]),
        ("entity", "claims/cost.toml", "entities = [\"terminal\"]", "entities = [\"harbour\"]", &["claim terminal-cost", "entity `harbour` is not defined"]),
        ("version", "dataset.toml", "format = 1", "format = 2", &["dataset.toml", "format 2 is not supported"]),
        ("field", "claims/cost.toml", "event = ", "evnt = ", &["claims/cost.toml", "unknown field `evnt`"]),
        ("file", "sources.toml", "corpus/harbour.txt", "corpus/missing.txt", &["source gazette", "`corpus/missing.txt` cannot be read"]),
        ("id", "claims/cost.toml", "id = \"terminal-cost\"", "id = \"Terminal Cost\"", &["claim Terminal Cost", "lower-case letters"]),
        ("toml", "claims/cost.toml", "[[claim]]", "[[claim]\n", &["claims/cost.toml", "line"]),
    ];
    for (name, file, from, to, expected) in cases {
        let dir = fixture_with(name, file, |text| {
            if *name == "duplicate" {
                format!("{text}\n{}", text.split("[[claim.account]]").next().unwrap())
                    + &text[text.find("[[claim.account]]").unwrap()..]
            } else {
                assert!(text.contains(from), "{name}: fixture lacks {from:?}");
                text.replacen(from, to, 1)
            }
        });
        let err = source::compile_dir(&dir).expect_err(name).to_string();
        for words in *expected {
            assert!(err.contains(words), "{name}: {err:?} lacks {words:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_source_without_a_link_or_a_full_citation_is_warned_about_not_refused() {
    let cited = source::compile_dir(Path::new("tests/fixtures/small")).unwrap();
    assert!(source::citation_warnings(&cited).is_empty());
    // Without its link the source still has outlet, title and date: a full citation, no warning.
    let dir = fixture_with("no-url", "sources.toml", |t| t.replace("url = \"https://example.org/harbour\"\n", ""));
    assert!(source::citation_warnings(&source::compile_dir(&dir).unwrap()).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
    // Without link and date it compiles, and the warning names the source and what is missing.
    let dir = fixture_with("no-citation", "sources.toml", |t| {
        t.replace("url = \"https://example.org/harbour\"\n", "").replace("date = \"2024-03-03\"\n", "")
    });
    let warnings = source::citation_warnings(&source::compile_dir(&dir).unwrap());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("gazette") && warnings[0].contains("missing date"), "{warnings:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A copy of the small fixture with `translations/<file>` holding `text`.
fn fixture_translated(name: &str, file: &str, text: &str) -> PathBuf {
    let dir = fixture::small_copy(&format!("test-{name}"));
    std::fs::create_dir_all(dir.join("translations")).unwrap();
    std::fs::write(dir.join("translations").join(file), text).unwrap();
    dir
}

#[test]
fn translations_become_wordings_and_aliases_of_what_they_name() {
    let plain = source::compile_dir(Path::new("tests/fixtures/small")).unwrap();
    let dir = fixture_translated(
        "translation",
        "fr.toml",
        "[claims.terminal-cost]\ntext = \"Le nouveau terminal a coûté 12 millions d'euros.\"\nwordings = [\"le terminal des ferries a coûté douze millions\"]\n\n[entities.terminal]\naliases = [\"gare maritime\"]\n",
    );
    let ds = source::compile_dir(&dir).unwrap();
    let (before, after) = (plain.claim("terminal-cost").unwrap(), ds.claim("terminal-cost").unwrap());
    assert_eq!(after.text, before.text, "the statement stays in the dataset's own language");
    assert_eq!(&after.wordings[..before.wordings.len()], &before.wordings[..]);
    assert_eq!(
        &after.wordings[before.wordings.len()..],
        ["Le nouveau terminal a coûté 12 millions d'euros.", "le terminal des ferries a coûté douze millions"]
    );
    assert_eq!(after.accounts, before.accounts, "translations are never quotes");
    assert!(ds.entities[0].aliases.iter().any(|a| a == "gare maritime"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_translation_of_an_unknown_claim_or_entity_or_language_is_refused() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, &[&str])] = &[
        ("claim", "ar.toml", "[claims.terminal-costs]\ntext = \"x\"\n", &["translations/ar.toml", "claim terminal-costs", "no claim has this id"]),
        ("entity", "ar.toml", "[entities.harbour]\naliases = [\"x\"]\n", &["translations/ar.toml", "entity harbour", "no entity has this id"]),
        ("empty", "ar.toml", "[claims.terminal-cost]\nwordings = [\"x\"]\n", &["claim terminal-cost", "`text` is empty"]),
        ("field", "ar.toml", "[claims.terminal-cost]\ntext = \"x\"\nwording = [\"x\"]\n", &["translations/ar.toml", "unknown field `wording`"]),
        ("tag", "Arabic.toml", "", &["translations/Arabic.toml", "not a BCP 47 language tag"]),
    ];
    for (name, file, text, expected) in cases {
        let dir = fixture_translated(&format!("translation-{name}"), file, text);
        let err = source::compile_dir(&dir).expect_err(name).to_string();
        for words in *expected {
            assert!(err.contains(words), "{name}: {err:?} lacks {words:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

// ---------------------------------------------------------------------------------------------
// The binary format.

fn without_wordings(mut ds: Dataset) -> Dataset {
    for c in &mut ds.claims {
        c.wordings.clear();
    }
    ds
}

#[test]
fn the_committed_fixture_round_trips() {
    let compiled = source::compile_dir(Path::new("tests/fixtures/small")).unwrap();
    let committed = std::fs::read("tests/fixtures/small-v2.ccd").unwrap();
    assert_eq!(binary::encode(&compiled), committed, "format v2 changed: bump the version or keep it stable");
    // Everything comes back but the wordings' text: a compiled dataset keeps only their terms.
    assert_eq!(binary::decode(&committed).unwrap(), without_wordings(compiled));
    let ds = seed().unwrap();
    assert_eq!(binary::decode(&binary::encode(&ds)).unwrap(), ds);
}

/// Large datasets store their claims' text Huffman-coded: the same dataset comes back, smaller, and
/// matches the same; `encode` chooses by size.
#[test]
fn coded_claim_text_round_trips_and_matches_the_same() {
    let ds = seed().unwrap();
    let (plain, packed) = (binary::encode_with(&ds, false), binary::encode_with(&ds, true));
    assert_eq!(binary::encode(&ds), plain, "the seed is under the size that turns coding on");
    assert!(packed.len() * 10 < plain.len() * 9, "coded {} bytes, plain {}", packed.len(), plain.len());
    assert_eq!(binary::decode(&packed).unwrap(), ds);
    let open = |b: Vec<u8>| crosscheck_engine::Engine::open(std::borrow::Cow::Owned(b)).unwrap();
    let (a, b) = (open(plain), open(packed));
    let quote = &ds.claims[3].accounts[0].quote;
    assert_eq!(a.lookup(quote), b.lookup(quote));
    assert_eq!(b.claim(3).unwrap(), ds.claims[3]);
    let mut big = ds.clone();
    while big
        .claims
        .iter()
        .map(|c| c.text.len() + c.accounts.iter().map(|a| a.quote.len() + a.note.len()).sum::<usize>())
        .sum::<usize>()
        <= binary::PACK_TEXT_OVER
    {
        let mut more = ds.claims.clone();
        for c in &mut more {
            c.id = format!("{}-{}", c.id, big.claims.len());
        }
        big.claims.extend(more);
    }
    assert_eq!(binary::encode(&big), binary::encode_with(&big, true), "a large dataset is coded");
}

#[test]
fn damaged_binaries_fail_with_a_clear_error_never_a_panic() {
    let good = std::fs::read("tests/fixtures/small-v2.ccd").unwrap();
    assert_eq!(binary::decode(b"").map_err(|e| e.kind().clone()), Err(ErrorKind::NotADataset));
    assert_eq!(binary::decode(b"PK\x03\x04 a zip file").map_err(|e| e.kind().clone()), Err(ErrorKind::NotADataset));
    let mut v3 = good.clone();
    v3[4] = 3;
    assert_eq!(
        binary::decode(&v3).map_err(|e| (e.kind().clone(), e.offset())),
        Err((ErrorKind::UnsupportedVersion { found: 3 }, 4))
    );
    assert!(binary::decode(&v3).unwrap_err().to_string().contains("recompile it"));
    // Every truncation is refused.
    for len in 0..good.len() {
        assert!(binary::decode(&good[..len]).is_err(), "a truncation to {len} bytes decoded");
    }
    // Every single flipped bit is refused (the checksum), or at worst decodes to something valid.
    for i in 0..good.len() {
        for bit in 0..8 {
            let mut bad = good.clone();
            bad[i] ^= 1 << bit;
            let _ = binary::decode(&bad);
        }
    }
    // A body that lies about its counts, with a valid checksum, is refused without a huge allocation.
    let body = [0x05, 0xff, 0xff, 0xff, 0xff, 0x0f];
    let forged = binary::frame(&body);
    let kind = binary::decode(&forged).map_err(|e| e.kind().clone());
    assert!(
        matches!(kind, Err(ErrorKind::Truncated | ErrorKind::NotUtf8 | ErrorKind::CountTooLarge { .. })),
        "{kind:?}"
    );
}
