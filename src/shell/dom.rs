//! Small DOM helpers shared by the content script and the extension pages.

use crate::prelude::*;
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

/// A country's name in `lang`, as the browser itself names it (`Intl.DisplayNames`).
pub fn region_name(code: &str, lang: &str) -> Option<String> {
    use wasm_bindgen::JsValue;
    // Only the primary language subtag (2–3 letters) is passed: `lang` comes
    // from the page, and a malformed tag would make the constructor throw
    // through the wasm (which cannot catch it).
    let primary = lang.split(['-', '_']).next().filter(|p| (2..=3).contains(&p.len()))?;
    if !primary.bytes().all(|b| b.is_ascii_alphabetic())
        || code.len() != 2
        || !code.bytes().all(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    // The binding's `Intl` is this realm's own. (In a Firefox content script,
    // `js_sys::global()` is the page's window seen through an Xray wrapper,
    // whose `Intl` has no `DisplayNames`.)
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"type".into(), &"region".into()).ok()?;
    let langs: js_sys::Array = ::core::iter::once(JsValue::from_str(primary)).collect();
    let names = js_sys::Intl::DisplayNames::new(&langs, &opts);
    names.of(code).map(String::from).filter(|n| n != code)
}

/// Page order of two elements of the same document, for sorting.
pub fn page_order(a: &Element, b: &Element) -> ::core::cmp::Ordering {
    use ::core::cmp::Ordering;
    let pos = a.compare_document_position(b);
    if pos & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0 {
        Ordering::Less
    } else if pos & web_sys::Node::DOCUMENT_POSITION_PRECEDING != 0 {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}
