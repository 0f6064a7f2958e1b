//! Small DOM helpers shared by the content script and the extension pages.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Creates an element with a class and optional text — text only, never markup.
pub fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Some(e)
}

pub fn by_id<T: JsCast>(doc: &Document, id: &str) -> Option<T> {
    doc.get_element_by_id(id)?.dyn_into::<T>().ok()
}

/// Fills every `[data-i18n]` element's text from `_locales`.
pub fn translate(doc: &Document, t: impl Fn(&str) -> String) {
    let Ok(nodes) = doc.query_selector_all("[data-i18n]") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(e) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if let Some(key) = e.get_attribute("data-i18n") {
            e.set_text_content(Some(&t(&key)));
        }
    }
}
