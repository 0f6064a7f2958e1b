//! The background's work: it hands content scripts the messages of their
//! page's language (the guide speaks the language of the Meta page, which may
//! differ from the browser's), and in Chromium tells each content script
//! whether its page lets it compile WebAssembly (`core::csp`, remembered per
//! tab in `core::verdicts`), sending the page language's labels along.
//!
//! Reads only the extension's own files and the CSP headers of Meta's pages;
//! sends nothing. `extension/background.js` adds the listeners (synchronously,
//! as a woken service worker requires) and calls these once the core started.

use crate::core::csp::{allows_wasm, is_policy_header, is_policy_meta};
use crate::core::i18n::is_locale_folder;
use crate::core::rules::Rules;
use crate::core::strings::concat;
use crate::core::verdicts::Verdicts;
use crate::prelude::*;
use crate::shell::browser::Api;
use crate::shell::local::Local;
use ::core::cell::RefCell;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

static VERDICTS: Local<RefCell<Verdicts>> = Local(RefCell::new(Verdicts::new()));
/// The labels text per set of labels files ([`labels_text`]); at most one
/// entry per language the extension has labels for, and one for all.
static LABELS: Local<RefCell<Vec<(String, String)>>> = Local(RefCell::new(Vec::new()));

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
    let wasm = policies_allow_wasm(&get(&details, "responseHeaders"), ("name", "value"), is_policy_header);
    VERDICTS.with(|v| v.borrow_mut().remember(tab as i64, &url, wasm));
}

/// `runtime.onMessage`, from the extension's own content scripts only; the
/// promise resolves to the reply (undefined for a message that is not ours).
#[wasm_bindgen]
pub async fn on_message(api: JsValue, message: JsValue, sender: JsValue) -> JsValue {
    let api = Api::new(api);
    let id = api.id();
    if id.is_none() || get(&sender, "id").as_string() != id {
        return JsValue::UNDEFINED;
    }
    match get(&message, "type").as_string().as_deref() {
        Some("core") => core_reply(&api, &message, &sender).await.unwrap_or(JsValue::NULL),
        Some("locale-messages") => locale_messages(&api, &get(&message, "locales")).await.unwrap_or(JsValue::NULL),
        _ => JsValue::UNDEFINED,
    }
}

/// The answer to the loader's question, `{ core, labels, lang }`: `core` is
/// `"wasm"` if the page allows the content script to compile wasm
/// ([`page_allows_wasm`]), else `"js"`; `labels`, when the question names a
/// language (`lang`: the page's `<html lang>`, or the browser's when
/// `prefetch.js` asks before the page is parsed), the texts of that
/// language's labels files in one string, read here meanwhile so that the
/// content script starts with them, and `lang`, that language (the content
/// script uses the texts only if they are the files its page needs).
async fn core_reply(api: &Api, message: &JsValue, sender: &JsValue) -> Option<JsValue> {
    let reply = Object::new();
    let core = if page_allows_wasm(message, sender) { "wasm" } else { "js" };
    Reflect::set(&reply, &"core".into(), &core.into()).ok()?;
    let lang = get(message, "lang").as_string().filter(|l| !l.trim().is_empty());
    if let Some(lang) = lang {
        Reflect::set(&reply, &"labels".into(), &labels_text(api, lang.trim()).await.into()).ok()?;
        Reflect::set(&reply, &"lang".into(), &lang.trim().into()).ok()?;
    }
    Some(reply.into())
}

/// The labels files for a page in `lang`, one after the other (they are
/// lists of lines). Read once per file set while the background lives (the
/// files cannot change meanwhile), so that the answer does not wait for them;
/// a set with a file that could not be read is read again next time.
async fn labels_text(api: &Api, lang: &str) -> String {
    let files = Rules::embedded().label_files_for(lang);
    let key = files.join(" ");
    let known = LABELS.with(|l| l.borrow().iter().find(|(k, _)| *k == key).map(|(_, text)| text.clone()));
    if let Some(text) = known {
        return text;
    }
    let texts = api.read_label_files(&files).await;
    let text = texts.join("\n");
    if texts.len() == files.len() {
        LABELS.with(|l| l.borrow_mut().push((key, text.clone())));
    }
    text
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
    policies_allow_wasm(&get(message, "metas"), ("0", "1"), is_policy_meta)
}

/// Whether the policies in `list` allow wasm: the entries whose name (under
/// `keys.0`) `is_policy` accepts, their values under `keys.1`. A list or a
/// value that cannot be read forbids it.
fn policies_allow_wasm(list: &JsValue, keys: (&str, &str), is_policy: fn(&str) -> bool) -> bool {
    if !Array::is_array(list) {
        return false;
    }
    let values: Vec<Option<String>> = Array::from(list)
        .iter()
        .filter(|e| get(e, keys.0).as_string().is_some_and(|n| is_policy(&n)))
        .map(|e| get(&e, keys.1).as_string())
        .collect();
    allows_wasm(&values.iter().map(Option::as_deref).collect::<Vec<_>>())
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
        let Some(messages) = api.read_own_file(&concat(&["_locales/", &locale, "/messages.json"]), "json").await else {
            continue;
        };
        let reply = Object::new();
        Reflect::set(&reply, &"locale".into(), &locale.into()).ok()?;
        Reflect::set(&reply, &"messages".into(), &messages).ok()?;
        return Some(reply.into());
    }
    None
}
