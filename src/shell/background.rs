//! The background's work: it hands content scripts the messages of their
//! page's language (the guide speaks the language of the Meta page, which may
//! differ from the browser's), and in Chromium tells each content script
//! whether its page lets it compile WebAssembly (`core::csp`, remembered per
//! tab in `core::verdicts`).
//!
//! Reads only the extension's own files and the CSP headers of Meta's pages;
//! sends nothing. `extension/background.js` adds the listeners (synchronously,
//! as a woken service worker requires) and calls these once the core started.

use crate::core::csp::{allows_wasm, is_policy_header, is_policy_meta};
use crate::core::i18n::is_locale_folder;
use crate::core::verdicts::Verdicts;
use crate::prelude::*;
use crate::shell::browser::Api;
use crate::shell::local::Local;
use ::core::cell::RefCell;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

static VERDICTS: Local<RefCell<Verdicts>> = Local(RefCell::new(Verdicts::new()));

/// Candidate folders read per question: a page language gives at most three.
const MAX_LOCALES: usize = 4;

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `webRequest.onHeadersReceived` (Chromium, Meta's top-level documents):
/// whether the response's policy headers allow wasm. Unreadable headers
/// count as forbidding.
#[wasm_bindgen]
pub fn on_headers_received(_api: JsValue, details: JsValue) {
    let tab = get(&details, "tabId").as_f64().filter(|t| *t >= 0.0); // not a tab's: a prefetch, a worker's
    let top = get(&details, "frameId").as_f64() == Some(0.0);
    let (Some(tab), true, Some(url)) = (tab, top, get(&details, "url").as_string()) else { return };
    let headers = get(&details, "responseHeaders");
    let values: Vec<Option<String>> = if Array::is_array(&headers) {
        Array::from(&headers)
            .iter()
            .filter(|h| get(h, "name").as_string().is_some_and(|n| is_policy_header(&n)))
            .map(|h| get(&h, "value").as_string())
            .collect()
    } else {
        vec![None]
    };
    let wasm = allows_wasm(&values.iter().map(|v| v.as_deref()).collect::<Vec<_>>());
    VERDICTS.with(|v| v.borrow_mut().remember(tab as i64, &url, wasm));
}

/// `runtime.onMessage`, from the extension's own content scripts only; the
/// promise resolves to the reply (undefined for a message that is not ours).
#[wasm_bindgen]
pub async fn on_message(api: JsValue, message: JsValue, sender: JsValue) -> JsValue {
    let api = Api::new(api);
    if api.id().is_none() || get(&sender, "id").as_string() != api.id() {
        return JsValue::UNDEFINED;
    }
    match get(&message, "type").as_string().as_deref() {
        Some("core") => JsValue::from_str(if page_allows_wasm(&message, &sender) { "wasm" } else { "js" }),
        Some("locale-messages") => locale_messages(&api, &get(&message, "locales")).await.unwrap_or(JsValue::NULL),
        _ => JsValue::UNDEFINED,
    }
}

/// The loader's question: may the content script of the document `url` in
/// the sender's tab compile wasm? Only when its headers were seen and they,
/// and its `<meta>` policies (`metas`: `[http-equiv, content]` pairs), allow.
fn page_allows_wasm(message: &JsValue, sender: &JsValue) -> bool {
    let tab = get(&get(sender, "tab"), "id").as_f64();
    let url = get(message, "url").as_string();
    let (Some(tab), Some(url)) = (tab, url) else { return false };
    if VERDICTS.with(|v| v.borrow().get(tab as i64, &url)) != Some(true) {
        return false;
    }
    let metas = get(message, "metas");
    if !Array::is_array(&metas) {
        return false;
    }
    let policies: Vec<Option<String>> = Array::from(&metas)
        .iter()
        .filter(|m| get(m, "0").as_string().is_some_and(|n| is_policy_meta(&n)))
        .map(|m| get(&m, "1").as_string())
        .collect();
    allows_wasm(&policies.iter().map(|p| p.as_deref()).collect::<Vec<_>>())
}

/// `{ locale, messages }`: the `messages.json` of the first of `locales`
/// (folder names) the extension ships.
async fn locale_messages(api: &Api, locales: &JsValue) -> Option<JsValue> {
    if !Array::is_array(locales) {
        return None;
    }
    for locale in Array::from(locales).iter().take(MAX_LOCALES).filter_map(|l| l.as_string()) {
        if !is_locale_folder(&locale) {
            continue;
        }
        // A folder the extension does not ship: the next candidate.
        let Some(messages) = api.read_own_file(&format!("_locales/{locale}/messages.json"), "json").await else {
            continue;
        };
        let reply = Object::new();
        Reflect::set(&reply, &"locale".into(), &locale.into()).ok()?;
        Reflect::set(&reply, &"messages".into(), &messages).ok()?;
        return Some(reply.into());
    }
    None
}
