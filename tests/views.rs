//! The views the CLI prints and the JS API returns (both serialise the same types through serde):
//! every answer names each source once, every account's `source` index leads to the source the
//! dataset gives that account, and accounts come in the popup's order. Checked for every view of
//! the seed, the small and the hostile datasets.
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_engine::seed;
use crosscheck_engine::view::{self, AccountView, SourceView};
use crosscheck_engine::Engine;
use crosscheck_format::{source, Claim, Dataset, Stance};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

/// The dataset source ids of a claim's accounts, in the order the views show them.
fn expected_sources<'a>(ds: &'a Dataset, c: &Claim) -> Vec<&'a str> {
    Stance::ALL
        .iter()
        .flat_map(|&st| c.accounts.iter().filter(move |a| a.stance == st))
        .map(|a| ds.sources[a.source as usize].id.as_str())
        .collect()
}

/// Each source once in `sources`, and every one of them cited by some account unless `all`.
fn sources_once(what: &str, sources: &[SourceView], accounts: &[&AccountView], all: bool) {
    let ids: HashSet<&str> = sources.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), sources.len(), "{what}: a source named twice");
    let cited: HashSet<usize> = accounts.iter().map(|a| a.source).collect();
    assert!(cited.iter().all(|&i| i < sources.len()), "{what}: an index past the sources");
    if !all {
        assert_eq!(cited.len(), sources.len(), "{what}: a source no account cites");
    }
}

fn shown_sources<'a>(accounts: &[AccountView], sources: &[SourceView<'a>]) -> Vec<&'a str> {
    accounts.iter().map(|a| sources[a.source].id).collect()
}

fn every_view(name: &str, engine: &Engine, selections: &[String]) {
    let all = engine.to_dataset();
    let ds = engine.catalog();

    let claims = view::claims(ds, &all.claims);
    let accounts: Vec<&AccountView> = claims.claims.iter().flat_map(|c| &c.accounts).collect();
    sources_once(&format!("{name}: claims"), &claims.sources, &accounts, false);
    for (c, shown) in all.claims.iter().zip(&claims.claims) {
        assert_eq!(shown.id, c.id);
        assert_eq!(shown_sources(&shown.accounts, &claims.sources), expected_sources(&all, c), "{name}: claims");

        let one = view::claim(ds, c);
        let accounts: Vec<&AccountView> = one.claim.accounts.iter().collect();
        sources_once(&format!("{name}: claim {}", c.id), &one.sources, &accounts, false);
        assert_eq!(shown_sources(&one.claim.accounts, &one.sources), expected_sources(&all, c), "{name}: claim");
    }

    let dump = view::dump(&all);
    let ids: Vec<&str> = dump.sources.iter().map(|s| s.id).collect();
    assert_eq!(ids, all.sources.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), "{name}: dump lists every source");
    let accounts: Vec<&AccountView> = dump.claims.iter().flat_map(|c| &c.accounts).collect();
    sources_once(&format!("{name}: dump"), &dump.sources, &accounts, true);
    for (c, shown) in all.claims.iter().zip(&dump.claims) {
        assert_eq!(shown_sources(&shown.accounts, &dump.sources), expected_sources(&all, c), "{name}: dump");
    }

    for text in selections {
        let found = view::matched(engine, text, &engine.lookup(text));
        let check = view::check(ds, text, &found);
        let accounts: Vec<&AccountView> = check.matches.iter().flat_map(|m| &m.accounts).collect();
        sources_once(&format!("{name}: lookup {text:?}"), &check.sources, &accounts, false);
        for (view::Found { claim: c, .. }, m) in found.iter().zip(&check.matches) {
            assert_eq!(m.claim.id, c.id);
            assert_eq!(shown_sources(&m.accounts, &check.sources), expected_sources(&all, c), "{name}: {text:?}");
        }
    }
}

/// Every quote and claim of the dataset as a selection, and a few that match nothing.
fn selections(engine: &Engine) -> Vec<String> {
    let ds = engine.to_dataset();
    let mut out: Vec<String> =
        vec![String::new(), "the weather was fine".into(), "\"quoted\" \\ back\tslash\n\u{1}".into()];
    for c in &ds.claims {
        out.push(c.text.clone());
        out.extend(c.accounts.iter().map(|a| a.quote.clone()));
    }
    out
}

#[test]
fn the_seed_dataset() {
    let engine = Engine::embedded().unwrap();
    every_view("seed", &engine, &selections(&engine));
}

#[test]
fn the_small_and_the_hostile_fixtures() {
    for name in ["small", "hostile"] {
        let ds = source::compile_dir(Path::new("tests/fixtures").join(name).as_path()).unwrap();
        let engine = Engine::new(ds);
        let mut texts = selections(&engine);
        if name == "hostile" {
            texts.push(std::fs::read_to_string("tests/fixtures/hostile/corpus/wire.txt").unwrap());
        }
        every_view(name, &engine, &texts);
    }
}

/// The JSON shape the JS API's objects and the CLI share: an account's source is a number, the
/// answer's sources sit beside its matches, a missing link is null, and a claim's answer carries
/// its fields and its sources side by side.
#[test]
fn the_json_shape() {
    let engine = Engine::embedded().unwrap();
    let all = engine.to_dataset();
    let c = &all.claims[0];
    let quote = &c.accounts[0].quote;
    let found = view::matched(&engine, quote, &engine.lookup(quote));
    let json = serde_json::to_value(view::check(engine.catalog(), quote, &found)).unwrap();
    // serde_json's Value keeps its keys sorted: the fields, whatever their order.
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&json), ["matches", "sources"]);
    let account = &json["matches"][0]["accounts"][0];
    let index = account["source"].as_u64().expect("an index") as usize;
    let source = &json["sources"][index];
    assert_eq!(keys(source), ["author", "date", "file", "id", "language", "outlet", "title", "url", "within"]);
    assert!(source["url"].is_string() || source["url"].is_null());
    assert!(source["within"].is_string() || source["within"].is_null());

    let one = serde_json::to_value(view::claim(engine.catalog(), c)).unwrap();
    assert_eq!(keys(&one), ["accounts", "dates", "entities", "event", "id", "sources", "summary", "text", "wordings"]);
    let list = serde_json::to_value(view::claims(engine.catalog(), &all.claims)).unwrap();
    assert_eq!(keys(&list), ["claims", "sources"]);
    assert_eq!(list["claims"].as_array().unwrap().len(), all.claims.len());
}

/// A claim's accounts come corroborating, conflicting, then context, and within a stance in the
/// order the dataset gives them.
#[test]
fn accounts_come_by_stance_then_in_dataset_order() {
    let ds = seed().unwrap();
    for c in &ds.claims {
        let answer = view::claim(&ds, c);
        let shown: Vec<(&str, &str)> = answer.claim.accounts.iter().map(|a| (a.stance, a.quote)).collect();
        let mut expected: Vec<&crosscheck_format::Account> = c.accounts.iter().collect();
        expected.sort_by_key(|a| a.stance.code());
        let expected: Vec<(&str, &str)> = expected.iter().map(|a| (a.stance.as_str(), a.quote.as_str())).collect();
        assert_eq!(shown, expected, "claim {}", c.id);
    }
}
