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

/// A country's name in `lang`, as the browser itself names it (`Intl.DisplayNames`).
pub fn region_name(code: &str, lang: &str) -> Option<String> {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    // In a Firefox content script the global's `Intl` is the page's, seen
    // through an Xray wrapper: its functions are callable but not `instanceof`
    // this realm's Function, so they are checked with `typeof` only. Reflect
    // calls turn a throw (an odd `lang`) into an error value.
    let function = |v: JsValue| v.is_function().then(|| v.unchecked_into::<js_sys::Function>());
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor = function(Reflect::get(&intl, &"DisplayNames".into()).ok()?)?;
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"type".into(), &"region".into()).ok()?;
    let langs: js_sys::Array = std::iter::once(JsValue::from_str(lang)).collect();
    let names = Reflect::construct(&ctor, &js_sys::Array::of2(&langs, &opts)).ok()?;
    let of = function(Reflect::get(&names, &"of".into()).ok()?)?;
    of.call1(&names, &code.into()).ok()?.as_string().filter(|n| n != code)
}
