//! The JavaScript API: the only module (with `dom`) that names wasm-bindgen types. Each export
//! converts its input, makes one core call and converts the output; errors become JS exceptions
//! with the core's message, and nothing here panics on what a page passes in.

use crate::dataset::{binary, seed, Dataset};
use crate::matcher::Engine;
use crate::view;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The engine the module-level functions use: the embedded dataset until `loadDataset` replaces it.
    static DEFAULT: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: maps become plain objects and None becomes null, as in the CLI's JSON.
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

fn default_engine() -> Result<Rc<Engine>, JsError> {
    DEFAULT.with(|cell| {
        if let Some(engine) = cell.borrow().as_ref() {
            return Ok(engine.clone());
        }
        let ds = seed().map_err(|e| JsError::new(&format!("the embedded dataset: {e}")))?;
        let engine = Rc::new(Engine::new(ds));
        *cell.borrow_mut() = Some(engine.clone());
        Ok(engine)
    })
}

fn decode(bytes: &[u8]) -> Result<Dataset, JsError> {
    binary::decode(bytes).map_err(|e| JsError::new(&e.to_string()))
}

/// Prepares the embedded dataset so that the first `lookup` is as fast as the others.
/// Returns the dataset's info.
#[wasm_bindgen(js_name = ready)]
pub fn ready() -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    to_js(&view::info(engine.dataset()))
}

/// The claims a selection carries, with their accounts: `{matches: [...]}`, empty when unsure.
#[wasm_bindgen]
pub fn lookup(text: &str) -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    to_js(&view::check(engine.dataset(), text, &engine.lookup(text)))
}

/// One claim with all its accounts, or null when there is no claim with that id.
#[wasm_bindgen]
pub fn claim(id: &str) -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    match engine.dataset().claim(id) {
        Some(c) => to_js(&view::full_claim(engine.dataset(), c)),
        None => Ok(JsValue::NULL),
    }
}

/// Every claim's id, statement and event, in dataset order.
#[wasm_bindgen]
pub fn claims() -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    to_js(&view::claims(engine.dataset()))
}

/// The current dataset's name, format version and counts.
#[wasm_bindgen]
pub fn info() -> Result<JsValue, JsError> {
    let engine = default_engine()?;
    to_js(&view::info(engine.dataset()))
}

/// Replaces the dataset the module-level functions use with another compiled dataset (a `.ccd`
/// file's bytes). On any error the previous dataset stays in use and the error says what is wrong.
#[wasm_bindgen(js_name = loadDataset)]
pub fn load_dataset(bytes: &[u8]) -> Result<JsValue, JsError> {
    let engine = Rc::new(Engine::new(decode(bytes)?));
    let info = to_js(&view::info(engine.dataset()))?;
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
        let ds = match bytes {
            Some(b) => decode(&b)?,
            None => seed().map_err(|e| JsError::new(&e.to_string()))?,
        };
        Ok(Crosscheck { engine: Engine::new(ds) })
    }

    pub fn lookup(&self, text: &str) -> Result<JsValue, JsError> {
        to_js(&view::check(self.engine.dataset(), text, &self.engine.lookup(text)))
    }

    pub fn claim(&self, id: &str) -> Result<JsValue, JsError> {
        match self.engine.dataset().claim(id) {
            Some(c) => to_js(&view::full_claim(self.engine.dataset(), c)),
            None => Ok(JsValue::NULL),
        }
    }

    pub fn info(&self) -> Result<JsValue, JsError> {
        to_js(&view::info(self.engine.dataset()))
    }

    pub fn claims(&self) -> Result<JsValue, JsError> {
        to_js(&view::claims(self.engine.dataset()))
    }

    /// Ranked claim ids without the no-match threshold, for evaluation and benchmarks.
    pub fn search(&self, text: &str, top: usize) -> Result<JsValue, JsError> {
        let ds = self.engine.dataset();
        let ranked: Vec<(&str, f32)> = self.engine.search(text, top).iter().map(|r| (ds.claims[r.claim].id.as_str(), r.score)).collect();
        to_js(&ranked)
    }
}
