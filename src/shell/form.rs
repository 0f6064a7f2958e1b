//! Writing the stored email into Meta's form so that React accepts it.
//!
//! React keeps its own copy of a controlled input's value and only takes a new
//! one from an `input` event whose target value differs from what it last saw.
//! From the content script's isolated world, `.value =` reaches the native
//! setter (the page's instrumented property is not visible here), so setting
//! the value and dispatching a bubbling `input` event is exactly what React
//! sees when a person types. Nothing is ever clicked or submitted.

use crate::core::fill::reachable;
use crate::core::strings::concat;
use crate::prelude::*;
use crate::shell::candidates::{is_visible, visibility_options};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, EventInit, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

const EMAIL_SELECTOR: &str = "input[type=email], input[name=email], input[autocomplete=email]";

/// The form's email field, if exactly one usable one is on the page: visible,
/// enabled, not read-only, of an email-ish type.
pub fn email_field(doc: &Document) -> Option<HtmlInputElement> {
    let list = doc.query_selector_all(EMAIL_SELECTOR).ok()?;
    let opts = visibility_options();
    let mut found = None;
    for i in 0..list.length() {
        let Some(input) = list.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) else {
            continue;
        };
        let t = input.type_().to_ascii_lowercase();
        if !(t == "email" || t == "text") || input.disabled() || input.read_only() || !usable(&input, &opts) {
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

/// Chooses `code` (ISO 3166-1 alpha-2) in the form's country `<select>`: the
/// one visible, enabled select that offers that code as an option value
/// (Meta's `…_iso2_country_code` fields do), if nothing is chosen yet.
pub fn fill_country(doc: &Document, code: &str) -> bool {
    let Ok(list) = doc.query_selector_all("select") else { return false };
    let opts = visibility_options();
    let mut found: Option<(HtmlSelectElement, String)> = None;
    for i in 0..list.length() {
        let Some(select) = list.item(i).and_then(|n| n.dyn_into::<HtmlSelectElement>().ok()) else { continue };
        if select.disabled() || !usable(&select, &opts) {
            continue;
        }
        let options = select.options();
        let value = (0..options.length())
            .filter_map(|j| options.item(j).and_then(|o| o.get_attribute("value")))
            .find(|v| v.eq_ignore_ascii_case(code));
        if let Some(value) = value {
            if found.is_some() {
                return false; // two country selects: not a form we know
            }
            found = Some((select, value));
        }
    }
    let Some((select, value)) = found else { return false };
    if !select.value().is_empty() {
        return false; // answered already, by Meta or the user
    }
    select.set_value(&value);
    dispatch(&select, &["input", "change"]).is_ok() && select.set_attribute("data-objector-filled", "country").is_ok()
}

/// Writes the user's name into the third-party form: one visible, enabled,
/// empty field marked `autocomplete="name"`, or else a given-name and a
/// family-name field (split at the last space). Returns whether it did.
pub fn fill_name(doc: &Document, full: &str) -> bool {
    let one = |token: &str| -> Option<HtmlInputElement> {
        let list = doc.query_selector_all(&concat(&["input[autocomplete=", token, "]"])).ok()?;
        let usable: Vec<HtmlInputElement> = (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()))
            .filter(|i| !i.disabled() && !i.read_only() && usable(i, &visibility_options()))
            .collect();
        match usable.as_slice() {
            [i] if i.value().trim().is_empty() => Some(i.clone()),
            _ => None,
        }
    };
    let write = |input: &HtmlInputElement, v: &str| {
        input.set_value(v);
        dispatch(input, &["input", "change"]).is_ok() && input.set_attribute("data-objector-filled", "name").is_ok()
    };
    if let Some(input) = one("name") {
        return write(&input, full);
    }
    match (one("given-name"), one("family-name"), full.trim().rsplit_once(' ')) {
        (Some(g), Some(f), Some((given, family))) => write(&g, given.trim()) && write(&f, family.trim()),
        _ => false,
    }
}

/// Types the country's name into the form's country type-ahead (an
/// `input[role=combobox]`, as newer forms use instead of a `<select>`): the
/// one visible, enabled, empty combobox. The page's list then offers the
/// country; the user confirms it, as with anything Objector fills.
pub fn fill_country_typeahead(doc: &Document, name: &str) -> bool {
    let Ok(list) = doc.query_selector_all("input[role=combobox]") else { return false };
    let opts = visibility_options();
    let found: Vec<HtmlInputElement> = (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()))
        .filter(|i| !i.disabled() && !i.read_only() && usable(i, &opts))
        .collect();
    let [input] = found.as_slice() else { return false };
    if !input.value().trim().is_empty() {
        return false;
    }
    input.set_value(name);
    dispatch(input, &["input", "change"]).is_ok() && input.set_attribute("data-objector-filled", "country").is_ok()
}

/// A field the user can see and reach: visible (including `visibility` and
/// `opacity`, see [`visibility_options`]) and not placed off the page.
fn usable(e: &Element, opts: &JsValue) -> bool {
    if !is_visible(e, opts) {
        return false;
    }
    let Some(window) = web_sys::window() else { return false };
    let r = e.get_bounding_client_rect();
    let scroll = (window.scroll_x().unwrap_or(0.0), window.scroll_y().unwrap_or(0.0));
    let width = window.inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(0.0);
    let rtl = e
        .owner_document()
        .and_then(|d| d.document_element())
        .and_then(|root| window.get_computed_style(&root).ok().flatten())
        .and_then(|s| s.get_property_value("direction").ok())
        .is_some_and(|d| d == "rtl");
    reachable(r.left(), r.right(), r.bottom(), scroll, width, rtl)
}

/// Writes `value` as typing would, and marks the field.
pub fn fill(input: &HtmlInputElement, value: &str) -> Result<(), String> {
    input.set_value(value);
    dispatch(input, &["input", "change"])?;
    input.set_attribute("data-objector-filled", "email").map_err(|_| "could not mark the field".to_string())
}

/// Writes the explanation into the form's one free-text field, if it is
/// visible, enabled and still empty. Two text areas: not a form we know.
pub fn fill_explanation(doc: &Document, text: &str) -> bool {
    let Ok(list) = doc.query_selector_all("textarea") else { return false };
    let opts = visibility_options();
    let usable: Vec<HtmlTextAreaElement> = (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<HtmlTextAreaElement>().ok()))
        .filter(|t| !t.disabled() && !t.read_only() && usable(t, &opts))
        .collect();
    let [area] = usable.as_slice() else { return false };
    if !area.value().trim().is_empty() {
        return false; // the user's own words win
    }
    area.set_value(text);
    dispatch(area, &["input", "change"]).is_ok() && area.set_attribute("data-objector-filled", "explanation").is_ok()
}

/// Whether the form shows a field for the code Meta emails (the 2024 form).
/// Only its presence is read; the code itself is never touched.
pub fn asks_for_code(doc: &Document) -> bool {
    const CODE: &str = "input[autocomplete=one-time-code], input[name*=code i]:not([name*=country i])";
    let Ok(list) = doc.query_selector_all(CODE) else { return false };
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .any(|e| is_visible(&e, &visibility_options()))
}

/// Sends the events a person's typing or choosing would.
fn dispatch(target: &web_sys::EventTarget, names: &[&str]) -> Result<(), String> {
    for name in names {
        let init = EventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        let ev =
            Event::new_with_event_init_dict(name, &init).map_err(|_| "could not create an input event".to_string())?;
        target.dispatch_event(&ev).map_err(|_| "the page refused the input event".to_string())?;
    }
    Ok(())
}
