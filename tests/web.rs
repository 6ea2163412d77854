//! The JavaScript API (the `Crosscheck` class), exercised in a real headless browser
//! (`wasm-pack test --headless --chrome`). Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use crosscheck::wasm::Crosscheck;
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The compiled fixture (tests/fixtures/small), as a site would fetch it.
static SMALL: &[u8] = include_bytes!("fixtures/small-v2.ccd");

fn json(v: JsValue) -> Value {
    serde_wasm_bindgen::from_value(v).expect("the API returns plain JSON-like objects")
}

/// An engine over the embedded dataset, as `new Crosscheck()` opens it.
fn embedded() -> Crosscheck {
    Crosscheck::new(None).expect("the embedded dataset opens")
}

/// The source an account of an answer cites: its index into the answer's `sources`.
fn source_of<'a>(answer: &'a Value, account: &Value) -> &'a Value {
    &answer["sources"][account["source"].as_u64().expect("a source index") as usize]
}

/// A quote from the embedded dataset, so the tests follow the dataset as it grows.
fn first_quote() -> (String, String) {
    let ds = crosscheck_engine::seed().expect("the embedded dataset decodes");
    let c = &ds.claims[0];
    (c.id.clone(), c.accounts[0].quote.clone())
}

#[wasm_bindgen_test]
fn the_embedded_dataset_is_the_default() {
    let info = json(embedded().info().unwrap());
    assert_eq!(info["version"], 2);
    assert_eq!(info["name"], "seed");
    assert!(info["claims"].as_u64().unwrap() > 0);
}

#[wasm_bindgen_test]
fn a_verbatim_quote_finds_its_claim_with_accounts_and_sources() {
    let (id, quote) = first_quote();
    let result = json(embedded().lookup(&quote).unwrap());
    let first = &result["matches"][0];
    assert_eq!(first["claim"]["id"], id.as_str());
    let account = &first["accounts"][0];
    assert!(["corroborates", "conflicts", "context"].contains(&account["stance"].as_str().unwrap()));
    assert!(source_of(&result, account)["outlet"].is_string());
    assert!(account["quote"].as_str().unwrap().len() > 10);
}

/// Each source once per answer, for lookup, claim and claims: no two entries of `sources` are the same
/// source, and every account's index is within them.
#[wasm_bindgen_test]
fn each_answer_names_each_source_once() {
    let engine = embedded();
    let (id, quote) = first_quote();
    let answers =
        [json(engine.lookup(&quote).unwrap()), json(engine.claim(&id).unwrap()), json(engine.claims().unwrap())];
    for answer in &answers {
        let sources = answer["sources"].as_array().expect("a sources array");
        let ids: std::collections::HashSet<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), sources.len(), "a source named twice");
        assert!(!sources.is_empty());
    }
    let lookup = &answers[0];
    for account in lookup["matches"].as_array().unwrap().iter().flat_map(|m| m["accounts"].as_array().unwrap()) {
        assert!(source_of(lookup, account)["id"].is_string());
    }
    let claim = &answers[1];
    for account in claim["accounts"].as_array().unwrap() {
        assert!(source_of(claim, account)["id"].is_string());
    }
}

/// The shell's warm-up lookup (run once the engine is ready) leaves the answers as they were.
#[wasm_bindgen_test]
fn warming_up_changes_no_answer() {
    let (id, quote) = first_quote();
    let engine = embedded();
    let before = json(engine.lookup(&quote).unwrap());
    let marks = engine.marks(&quote);
    engine.warm();
    assert_eq!(json(engine.lookup(&quote).unwrap()), before);
    assert_eq!(engine.marks(&quote), marks);
    assert_eq!(engine.marks_utf8(quote.as_bytes()), marks);
    assert_eq!(json(engine.lookup(&quote).unwrap())["matches"][0]["claim"]["id"], id.as_str());
    let own = Crosscheck::new(Some(SMALL.to_vec())).unwrap();
    own.warm();
    assert_eq!(json(own.info().unwrap())["name"], "small");
}

#[wasm_bindgen_test]
fn blank_and_off_topic_text_match_nothing() {
    for text in ["", "   \n\t ", "Heavy rain is expected across the north of England this weekend.", "\u{200b}\u{202e}"]
    {
        let result = json(embedded().lookup(text).unwrap());
        assert_eq!(result["matches"].as_array().unwrap().len(), 0, "{text:?} matched");
        assert_eq!(result["sources"].as_array().unwrap().len(), 0, "{text:?} cites a source");
    }
}

#[wasm_bindgen_test]
fn claim_by_id_and_unknown_id() {
    let (id, _) = first_quote();
    let engine = embedded();
    let c = json(engine.claim(&id).unwrap());
    assert_eq!(c["id"], id.as_str());
    assert!(!c["accounts"].as_array().unwrap().is_empty());
    assert!(engine.claim("no-such-claim").unwrap().is_null());
}

#[wasm_bindgen_test]
fn the_class_opens_a_dataset_of_ones_own() {
    let engine = Crosscheck::new(Some(SMALL.to_vec())).unwrap();
    let info = json(engine.info().unwrap());
    assert_eq!(info["name"], "small");
    let result = json(engine.lookup("The ferry port's price was twelve million euros").unwrap());
    let m = &result["matches"][0];
    assert_eq!(m["claim"]["id"], "terminal-cost");
    assert_eq!(m["summary"]["corroborates"], 1);
    assert_eq!(m["summary"]["conflicts"], 1);
    assert_eq!(source_of(&result, &m["accounts"][0])["url"], "https://example.org/harbour");
}

#[wasm_bindgen_test]
fn a_bad_dataset_is_refused_with_a_clear_message() {
    let mut truncated = SMALL.to_vec();
    truncated.truncate(SMALL.len() - 10);
    let mut corrupted = SMALL.to_vec();
    corrupted[20] ^= 0xff;
    let mut future = SMALL.to_vec();
    future[4] = 9;
    for (bad, words) in [
        (&b"not a dataset"[..], "not a crosscheck dataset"),
        (&truncated, "truncated"),
        (&corrupted, "corrupted"),
        (&future, "version 9"),
    ] {
        let err = Crosscheck::new(Some(bad.to_vec())).err().expect("a bad dataset must be refused");
        let message = js_message(&JsValue::from(err));
        assert!(message.contains(words), "{message}");
    }
}

/// A JsError arrives as a JS Error object; its message is a plain property.
fn js_message(v: &JsValue) -> String {
    let message = js_sys::Reflect::get(v, &JsValue::from_str("message")).unwrap_or(JsValue::UNDEFINED);
    message.as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn offsets_are_javascript_string_indexes() {
    let (id, quote) = first_quote();
    // Arabic and an emoji before the quote: byte offsets and UTF-16 indexes differ.
    let before = "مرحبا 👋 hello.\n";
    let engine = embedded();
    let result = json(engine.lookup(&format!("{before}{quote}")).unwrap());
    let m = result["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["claim"]["id"] == id.as_str())
        .expect("the quote's claim");
    assert_eq!(m["offset"].as_u64().unwrap() as usize, before.encode_utf16().count());
    assert!(m["length"].as_u64().unwrap() as usize >= quote.encode_utf16().count() - 2);
    let list = json(engine.claims().unwrap());
    assert!(list["claims"].as_array().unwrap().iter().any(|c| c["id"] == id.as_str()));
}

/// The widget marks with marksUtf8: the same marks as `marks` gives for the string, offsets in UTF-16 units; bytes
/// that are not UTF-8 have none, and nothing breaks.
#[wasm_bindgen_test]
fn marks_of_utf8_bytes_are_the_marks_of_the_string() {
    let (_, quote) = first_quote();
    // A line break always ends a sentence: the quote is one of its own, after four UTF-16 units of astral characters.
    let text = format!("\u{1F600}\u{1D518} Caf\u{e9}.\n{quote}");
    let engine = embedded();
    let marks = engine.marks(&text);
    assert!(!marks.is_empty() && marks[0] > 0, "the quote marked, after the two astral characters: {marks:?}");
    assert_eq!(engine.marks_utf8(text.as_bytes()), marks);
    let own = Crosscheck::new(Some(SMALL.to_vec())).unwrap();
    assert_eq!(own.marks_utf8(text.as_bytes()), own.marks(&text));
    let mut broken = text.clone().into_bytes();
    broken.insert(3, 0xff);
    assert_eq!(engine.marks_utf8(&broken), Vec::<u32>::new());
    assert_eq!(engine.marks_utf8(&[]), Vec::<u32>::new());
}
