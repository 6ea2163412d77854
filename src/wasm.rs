//! The JavaScript API: the only module (with `dom`) that names wasm-bindgen types. Each export
//! converts its input, makes one core call and converts the output; errors become JS exceptions
//! with the core's message, and nothing here panics on what a page passes in.

use crate::matcher::Engine;
use crate::view::{self, ToJson};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The engine the module-level functions use: the embedded dataset until `loadDataset` replaces it.
    static DEFAULT: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

/// The view as a JS object: its JSON text (view::to_json), parsed by the page's JSON.parse.
fn to_js(view: &dyn ToJson) -> Result<JsValue, JsError> {
    parse_json(&view::to_json(view)).map_err(|_| JsError::new("crosscheck wrote JSON that JSON.parse refuses"))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &str) -> Result<JsValue, JsValue>;
}

fn default_engine() -> Result<Rc<Engine>, JsError> {
    DEFAULT.with(|cell| {
        if let Some(engine) = cell.borrow().as_ref() {
            return Ok(engine.clone());
        }
        // The embedded bytes are read in place: opening copies nothing and analyses no text.
        let engine = Rc::new(Engine::embedded().map_err(|e| JsError::new(&format!("the embedded dataset: {e}")))?);
        *cell.borrow_mut() = Some(engine.clone());
        Ok(engine)
    })
}

fn open(bytes: Vec<u8>) -> Result<Engine, JsError> {
    Engine::open(Cow::Owned(bytes)).map_err(|e| JsError::new(&e.to_string()))
}

fn check(engine: &Engine, text: &str) -> Result<JsValue, JsError> {
    let found = view::matched(engine, &engine.lookup(text));
    to_js(&view::check(engine.catalog(), text, &found))
}

fn full_claim(engine: &Engine, id: &str) -> Result<JsValue, JsError> {
    match engine.find(id).and_then(|i| engine.claim(i)) {
        Some(c) => to_js(&view::full_claim(engine.catalog(), &c)),
        None => Ok(JsValue::NULL),
    }
}

fn claim_list(engine: &Engine) -> Result<JsValue, JsError> {
    let all: Vec<_> = (0..engine.claim_count()).filter_map(|i| engine.claim(i)).collect();
    to_js(&view::claims(&all))
}

/// Opens the embedded dataset now rather than on the first `lookup`, which then pays only for its own
/// work (and, on a cold page, for V8 compiling the lookup code on its first call). Returns the dataset's info.
#[wasm_bindgen(js_name = ready)]
pub fn ready() -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    to_js(&view::info(&engine))
}

/// The claims a selection carries, with their accounts: `{matches: [...]}`, empty when unsure.
#[wasm_bindgen]
pub fn lookup(text: &str) -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    check(&engine, text)
}

/// Where `text` carries claims, for auto-marking a page: `[offset, length, claim, ...]`, three numbers per match,
/// offset and length in UTF-16 code units (JavaScript string indexes) and claim the index in `claims()`. The matches
/// of `lookup`, in the same order, without building their JSON (marking a long page looks up every paragraph, and
/// the popup needs the accounts only for the one the reader opens), and a claim is marked at every sentence that
/// carries it, where `lookup` names it once.
#[wasm_bindgen]
pub fn marks(text: &str) -> Result<Vec<u32>, JsError> {
    let engine = default_engine()?;
    Ok(flat_marks(text, &engine.marks(text)))
}

/// `marks` of a text given as UTF-8 (`new TextEncoder().encode(text)`); the offsets are still in UTF-16 code units of
/// the text. What the shell marks a page with: the bytes cross into wasm in one copy, where a string goes through the
/// glue's loop over its characters (on a long page, 10 to 20 ms of a cold page's marking). Bytes that are not UTF-8
/// (no encoder writes those) have no marks.
#[wasm_bindgen(js_name = marksUtf8)]
pub fn marks_utf8(bytes: &[u8]) -> Result<Vec<u32>, JsError> {
    let engine = default_engine()?;
    Ok(utf8_marks(&engine, bytes))
}

fn utf8_marks(engine: &Engine, bytes: &[u8]) -> Vec<u32> {
    std::str::from_utf8(bytes).map_or_else(|_| Vec::new(), |text| flat_marks(text, &engine.marks(text)))
}

/// Matches as `marks` returns them. The byte offsets are sentence bounds, where the engine slices the text, so
/// always character boundaries; they are converted in one pass over the text, in increasing order.
fn flat_marks(text: &str, matches: &[crate::matcher::Match]) -> Vec<u32> {
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

/// Looks up the dataset's first claim and drops the answer. On a cold page the browser compiles the
/// lookup code on its first call (about 20 ms in Chromium, against 0.3 ms for the lookup itself);
/// the shell calls this in a task of its own once the engine is ready, so that neither the reader's
/// first highlight nor the first slice of auto-marking waits for that.
#[wasm_bindgen]
pub fn warm() {
    if let Ok(engine) = default_engine() {
        warm_up(&engine);
    }
}

fn warm_up(engine: &Engine) {
    if let Some(claim) = engine.claim(0) {
        // Both ways the shell looks text up: the popup's views and auto-marking's offsets.
        let _ = check(engine, &claim.text);
        let _ = utf8_marks(engine, claim.text.as_bytes());
    }
}

/// One claim with all its accounts, or null when there is no claim with that id.
#[wasm_bindgen]
pub fn claim(id: &str) -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    full_claim(&engine, id)
}

/// Every claim's id, statement and event, in dataset order.
#[wasm_bindgen]
pub fn claims() -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    claim_list(&engine)
}

/// The current dataset's name, format version and counts.
#[wasm_bindgen]
pub fn info() -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    to_js(&view::info(&engine))
}

/// Replaces the dataset the module-level functions use with another compiled dataset (a `.ccd`
/// file's bytes). On any error the previous dataset stays in use and the error says what is wrong.
#[wasm_bindgen(js_name = loadDataset)]
pub fn load_dataset(bytes: Vec<u8>) -> Result<JsValue, JsError> {
    let engine = Rc::new(open(bytes)?);
    let info = to_js(&view::info(&engine))?;
    DEFAULT.with(|cell| *cell.borrow_mut() = Some(engine));
    Ok(info)
}

/// Checks the page's current selection: the text the reader has selected, matched. Returns
/// `{matches: []}` when nothing is selected.
#[wasm_bindgen(js_name = checkSelection)]
pub fn check_selection() -> Result<JsValue, JsError> {
    let text = crate::dom::selected_text().unwrap_or_default();
    lookup(&text)
}

/// An engine over a dataset of one's own, independent of the module-level default.
#[wasm_bindgen]
pub struct Crosscheck {
    engine: Engine,
}

#[wasm_bindgen]
impl Crosscheck {
    /// Opens a compiled dataset (a `.ccd` file's bytes); without bytes, the embedded one.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Option<Vec<u8>>) -> Result<Crosscheck, JsError> {
        let engine = match bytes {
            // Taken over, not copied: the engine reads claims and terms in place.
            Some(b) => open(b)?,
            None => Engine::embedded().map_err(|e| JsError::new(&e.to_string()))?,
        };
        Ok(Crosscheck { engine })
    }

    pub fn lookup(&self, text: &str) -> Result<JsValue, JsError> {
        check(&self.engine, text)
    }

    /// As the module's `warm`, with this engine's dataset.
    pub fn warm(&self) {
        warm_up(&self.engine);
    }

    /// As the module's `marks`, with this engine's dataset.
    pub fn marks(&self, text: &str) -> Vec<u32> {
        flat_marks(text, &self.engine.marks(text))
    }

    /// As the module's `marksUtf8`, with this engine's dataset.
    #[wasm_bindgen(js_name = marksUtf8)]
    pub fn marks_utf8(&self, bytes: &[u8]) -> Vec<u32> {
        utf8_marks(&self.engine, bytes)
    }

    pub fn claim(&self, id: &str) -> Result<JsValue, JsError> {
        full_claim(&self.engine, id)
    }

    pub fn info(&self) -> Result<JsValue, JsError> {
        to_js(&view::info(&self.engine))
    }

    pub fn claims(&self) -> Result<JsValue, JsError> {
        claim_list(&self.engine)
    }

    /// Ranked claim ids without the no-match threshold, for evaluation and benchmarks.
    pub fn search(&self, text: &str, top: usize) -> Result<JsValue, JsError> {
        let ranked: Vec<(&str, f32)> =
            self.engine.search(text, top).iter().map(|r| (self.engine.claim_id(r.claim), r.score)).collect();
        // An array of [id, score] pairs, as JSON text parsed by the page: one crossing out of wasm.
        // Built value by value (serde-wasm-bindgen) it took four crossings a pair, a fifth of a
        // search's time in Chromium for five pairs.
        to_js(&ranked)
    }
}
