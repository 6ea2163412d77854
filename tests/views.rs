//! The JSON the wasm API writes by hand (view::to_json) is the JSON the CLI writes through serde, for
//! every view of the seed, the small and the hostile datasets: the same fields in the same order,
//! the same strings, and numbers that parse to the same values.

use crosscheck::dataset::{seed, source};
use crosscheck::{view, Engine};
use serde::Serialize;
use std::path::Path;

/// The two texts must be the same JSON token for token: the same keys in the same order, strings
/// equal once unescaped, and numbers equal as the page sees them. serde_json writes an f32 in its
/// shortest form ("0.123"), which the page would read as that f32 widened to f64, and the hand
/// writer writes that f64 exactly; both are read here with Rust's correctly rounded parsers.
fn same(what: &str, serialised: &impl Serialize, by_hand: &impl view::ToJson) {
    let expected = serde_json::to_string(serialised).unwrap();
    let written = view::to_json(by_hand);
    let (a, b) = (tokens(&expected), tokens(&written));
    assert_eq!(a.len(), b.len(), "{what}: another shape\n{expected}\n{written}");
    for (x, y) in a.iter().zip(&b) {
        let equal = match (x.as_bytes()[0], y.as_bytes()[0]) {
            (b'"', b'"') => serde_json::from_str::<String>(x).unwrap() == serde_json::from_str::<String>(y).unwrap(),
            (b'-' | b'0'..=b'9', b'-' | b'0'..=b'9') => {
                let page = if x.contains(['.', 'e', 'E']) {
                    f64::from(x.parse::<f32>().unwrap())
                } else {
                    x.parse::<f64>().unwrap()
                };
                page.to_bits() == y.parse::<f64>().unwrap().to_bits()
            }
            _ => x == y,
        };
        assert!(equal, "{what}: {x} written as {y}");
    }
}

/// A JSON text's tokens: punctuation, strings with their quotes, numbers and literals.
fn tokens(json: &str) -> Vec<&str> {
    let bytes = json.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b'"' => {
                i += 1;
                while bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'{' | b'}' | b'[' | b']' | b':' | b',' => i += 1,
            _ => {
                while i < bytes.len() && !b"{}[]:,".contains(&bytes[i]) {
                    i += 1;
                }
            }
        }
        out.push(&json[start..i]);
    }
    out
}

fn every_view(name: &str, engine: &Engine, selections: &[String]) {
    let all = engine.to_dataset();
    let ds = engine.catalog();
    same(&format!("{name}: info"), &view::info(engine), &view::info(engine));
    same(&format!("{name}: claims"), &view::claims(&all.claims), &view::claims(&all.claims));
    for c in &all.claims {
        same(&format!("{name}: claim {}", c.id), &view::full_claim(ds, c), &view::full_claim(ds, c));
    }
    for text in selections {
        let found = view::matched(engine, &engine.lookup(text));
        same(&format!("{name}: lookup {text:?}"), &view::check(ds, text, &found), &view::check(ds, text, &found));
        let ranked: Vec<(&str, f32)> =
            engine.search(text, 10).iter().map(|r| (engine.claim_id(r.claim), r.score)).collect();
        same(&format!("{name}: search {text:?}"), &ranked, &ranked);
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

/// The float writer against serde_json, on the numbers a score can be and on the edges of f32.
#[test]
fn floats_parse_to_the_same_number() {
    let mut values: Vec<f32> = (0..=1000).map(|k| (k as f32 / 1000.0 * 1000.0).round() / 1000.0).collect();
    values.extend([
        0.0,
        -0.0,
        1.0,
        0.1,
        1e-7,
        3.5e12,
        16777217.0,
        f32::MIN_POSITIVE,
        f32::from_bits(1),
        f32::MAX,
        f32::MIN,
        12.345_678,
    ]);
    for v in values {
        let ranked = vec![("x", v)];
        same(&format!("{v:e}"), &ranked, &ranked);
    }
}

/// A claim's accounts come corroborating, conflicting, then context, and within a stance in the
/// order the dataset gives them.
#[test]
fn accounts_come_by_stance_then_in_dataset_order() {
    let ds = seed().unwrap();
    for c in &ds.claims {
        let shown: Vec<(&str, &str)> = view::full_claim(&ds, c).accounts.iter().map(|a| (a.stance, a.quote)).collect();
        let mut expected: Vec<&crosscheck::dataset::Account> = c.accounts.iter().collect();
        expected.sort_by_key(|a| a.stance.code());
        let expected: Vec<(&str, &str)> = expected.iter().map(|a| (a.stance.as_str(), a.quote.as_str())).collect();
        assert_eq!(shown, expected, "claim {}", c.id);
    }
}
