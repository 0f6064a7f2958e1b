//! Writing the stored email into Meta's form so that React accepts it.
//!
//! React keeps its own copy of a controlled input's value and only takes a new
//! one from an `input` event whose target value differs from what it last saw.
//! From the content script's isolated world, `.value =` reaches the native
//! setter (the page's instrumented property is not visible here), so setting
//! the value and dispatching a bubbling `input` event is exactly what React
//! sees when a person types. Nothing is ever clicked or submitted.

use crate::shell::candidates::is_visible;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Event, EventInit, HtmlInputElement};

const EMAIL_SELECTOR: &str = "input[type=email], input[name=email], input[autocomplete=email]";

/// The form's email field, if exactly one usable one is on the page: visible,
/// enabled, not read-only, of an email-ish type.
pub fn email_field(doc: &Document) -> Option<HtmlInputElement> {
    let list = doc.query_selector_all(EMAIL_SELECTOR).ok()?;
    let opts = JsValue::UNDEFINED;
    let mut found = None;
    for i in 0..list.length() {
        let Some(input) = list.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) else {
            continue;
        };
        let t = input.type_().to_ascii_lowercase();
        if !(t == "email" || t == "text") || input.disabled() || input.read_only() || !is_visible(&input, &opts) {
            continue;
        }
        if found.is_some() {
            // Two candidates: not the form we know. Do not guess.
            return None;
        }
        found = Some(input);
    }
    found
}

/// Writes `value` as typing would, and marks the field.
pub fn fill(input: &HtmlInputElement, value: &str) -> Result<(), String> {
    input.set_value(value);
    for name in ["input", "change"] {
        let init = EventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        let ev =
            Event::new_with_event_init_dict(name, &init).map_err(|_| "could not create an input event".to_string())?;
        input.dispatch_event(&ev).map_err(|_| "the page refused the input event".to_string())?;
    }
    input.set_attribute("data-objector-filled", "email").map_err(|_| "could not mark the field".to_string())
}
