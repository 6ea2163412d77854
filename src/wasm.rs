//! The JavaScript API: the one module that names wasm-bindgen types. One class, `Crosscheck`, over
//! the embedded dataset or one given as bytes. Each method converts its input, makes one core call
//! and converts the output (the views, through serde-wasm-bindgen, as the plain objects and arrays
//! the CLI prints as JSON); errors become JS exceptions with the core's message, and nothing here
//! panics on what a page passes in.

use crosscheck_engine::{view, Engine, Match};
use serde::Serialize;
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// A view as a JS value: objects for structs, arrays for sequences, `null` for a missing optional
/// field, numbers for numbers, as `JSON.parse` would give for the CLI's JSON.
fn to_js<T: Serialize + ?Sized>(view: &T) -> Result<JsValue, JsError> {
    view.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("crosscheck could not convert its answer: {e}")))
}

/// Matches as `marks` returns them. The byte offsets are sentence bounds, where the engine slices the text, so
/// always character boundaries; they are converted in one pass over the text, in increasing order.
fn flat_marks(text: &str, matches: &[Match]) -> Vec<u32> {
    let mut bytes: Vec<usize> = matches.iter().flat_map(|m| [m.offset, m.end]).collect();
    bytes.sort_unstable();
    bytes.dedup();
    let (mut at, mut count) = (0, 0);
    let units: Vec<usize> = bytes
        .iter()
        .map(|&b| {
            count += text.get(at..b).map_or(0, |t| t.encode_utf16().count());
            at = b;
            count
        })
        .collect();
    let utf16 = |b: usize| bytes.binary_search(&b).map_or(0, |i| units[i]) as u32;
    matches
        .iter()
        .flat_map(|m| [utf16(m.offset), utf16(m.end).saturating_sub(utf16(m.offset)), m.claim as u32])
        .collect()
}

/// An engine over a compiled dataset: the embedded one by default, or a `.ccd` file's bytes.
#[wasm_bindgen]
pub struct Crosscheck {
    engine: Engine,
}

#[wasm_bindgen]
impl Crosscheck {
    /// `new Crosscheck()` opens the embedded dataset (its bytes are read in place: opening copies
    /// nothing and analyses no text); `new Crosscheck(bytes)` opens a compiled dataset, and throws
    /// an `Error` saying what is wrong with bytes that are not one.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Option<Vec<u8>>) -> Result<Crosscheck, JsError> {
        let engine = match bytes {
            // Taken over, not copied: the engine reads claims and terms in place.
            Some(b) => Engine::open(Cow::Owned(b)).map_err(|e| JsError::new(&e.to_string()))?,
            None => Engine::embedded().map_err(|e| JsError::new(&format!("the embedded dataset: {e}")))?,
        };
        Ok(Crosscheck { engine })
    }

    /// The claims a selection carries, with their accounts: `{matches: [...], sources: [...]}`,
    /// `matches` empty when unsure; each account's `source` is an index into `sources`.
    pub fn lookup(&self, text: &str) -> Result<JsValue, JsError> {
        let found = view::matched(&self.engine, text, &self.engine.lookup(text));
        to_js(&view::check(self.engine.catalog(), text, &found))
    }

    /// Where `text` carries claims, for auto-marking a page: `[offset, length, claim, ...]`, three numbers per
    /// match, offset and length in UTF-16 code units (JavaScript string indexes) and claim the index in
    /// `claims().claims`. The matches of `lookup`, in the same order, without building their views (marking a long
    /// page looks up every paragraph, and the popup needs the accounts only for the one the reader opens), and a
    /// claim is marked at every sentence that carries it, where `lookup` names it once.
    pub fn marks(&self, text: &str) -> Vec<u32> {
        flat_marks(text, &self.engine.marks(text))
    }

    /// `marks` of a text given as UTF-8 (`new TextEncoder().encode(text)`); the offsets are still in UTF-16 code
    /// units of the text. What the shell marks a page with: the bytes cross into wasm in one copy, where a string
    /// goes through the glue's loop over its characters. Bytes that are not UTF-8 (no encoder writes those) have no
    /// marks.
    #[wasm_bindgen(js_name = marksUtf8)]
    pub fn marks_utf8(&self, bytes: &[u8]) -> Vec<u32> {
        std::str::from_utf8(bytes).map_or_else(|_| Vec::new(), |text| self.marks(text))
    }

    /// Looks up the dataset's first claim and drops the answer. On a cold page the browser compiles the lookup
    /// code on its first call; the shell calls this in a task of its own once the engine is ready, so that
    /// neither the reader's first highlight nor the first slice of auto-marking waits for that.
    pub fn warm(&self) {
        if let Some(claim) = self.engine.claim(0) {
            // Both ways the shell looks text up: the popup's views and auto-marking's offsets.
            let _ = self.lookup(&claim.text);
            let _ = self.marks_utf8(claim.text.as_bytes());
        }
    }

    /// One claim with all its accounts and the sources they cite (`{id, ..., accounts, sources}`), or null when
    /// there is no claim with that id.
    pub fn claim(&self, id: &str) -> Result<JsValue, JsError> {
        match self.engine.find(id).and_then(|i| self.engine.claim(i)) {
            Some(c) => to_js(&view::claim(self.engine.catalog(), &c)),
            None => Ok(JsValue::NULL),
        }
    }

    /// Every claim with its accounts, in dataset order, and the sources they cite: `{claims: [...], sources:
    /// [...]}`.
    pub fn claims(&self) -> Result<JsValue, JsError> {
        let all: Vec<_> = (0..self.engine.claim_count()).filter_map(|i| self.engine.claim(i)).collect();
        to_js(&view::claims(self.engine.catalog(), &all))
    }

    /// The dataset's name, format version and counts.
    pub fn info(&self) -> Result<JsValue, JsError> {
        to_js(&view::info(&self.engine))
    }

    /// Ranked claim ids without the no-match threshold, for evaluation and benchmarks: `[[id, score], ...]`.
    pub fn search(&self, text: &str, top: usize) -> Result<JsValue, JsError> {
        let ranked: Vec<(&str, f32)> =
            self.engine.search(text, top).iter().map(|r| (self.engine.claim_id(r.claim), r.score)).collect();
        to_js(&ranked)
    }
}
