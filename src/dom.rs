//! The page, seen from Rust: reading the reader's selection through web-sys. Kept apart from the
//! bindings so that the one place that touches the DOM is easy to find and to test in a browser.

use crate::matcher::MAX_SELECTION_CHARS;

/// The current selection's text, cut to the selection limit; None when nothing is selected or
/// there is no window (a worker).
pub fn selected_text() -> Option<String> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() {
        return None;
    }
    let text: String = selection.to_string().into();
    let text: String = text.chars().take(MAX_SELECTION_CHARS).collect();
    (!text.trim().is_empty()).then_some(text)
}
