//! The extension API (`browser` in Firefox, `chrome` in Chromium), reached
//! through the object the JS loader hands over. Every call returns a `Result`
//! with a message: storage can be unavailable (private windows, a disabled
//! extension being torn down) and the page must never see a panic.

use crate::core::i18n::Message;
use crate::core::map::Map;
use crate::core::strings::concat;
use crate::core::value::Value;
use crate::prelude::*;
use crate::shell::local::Local;
use ::core::cell::RefCell;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `fetch` (of the content script's world, the service worker
    /// or the event page); only ever called with the extension's own URLs.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn fetch(url: &str) -> Result<Promise, JsValue>;
}

#[derive(Clone)]
pub struct Api(JsValue);

/// The messages [`Api::t`] found, by key and substitutions. The panel asks
/// for about ten at every scan, and they never change while the extension
/// runs. In a Firefox content script each `i18n.getMessage` call took 0.1 to
/// 0.2 ms: the nine of a scan were 1-2 ms of a 16-18 ms whole-page scan of
/// the bench feed.
static MESSAGES: Local<RefCell<Map<String>>> = Local(RefCell::new(Map::new()));

fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "unknown browser error".into())
}

impl Api {
    pub fn new(api: JsValue) -> Api {
        Api(api)
    }

    fn get(&self, path: &[&str]) -> Result<JsValue, String> {
        let mut v = self.0.clone();
        for key in path {
            v = Reflect::get(&v, &(*key).into()).map_err(describe)?;
            if v.is_undefined() || v.is_null() {
                return Err(concat(&["the browser has no ", &path.join("."), " API here"]));
            }
        }
        Ok(v)
    }

    fn call(&self, object: &[&str], method: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let this = self.get(object)?;
        let f: Function = Reflect::get(&this, &method.into())
            .map_err(describe)?
            .dyn_into()
            .map_err(|_| concat(&[&object.join("."), ".", method, " is not a function"]))?;
        let args: js_sys::Array = args.iter().collect();
        f.apply(&this, &args).map_err(describe)
    }

    async fn call_async(&self, object: &[&str], method: &str, args: &[JsValue]) -> Result<JsValue, String> {
        self.start_call(object, method, args)?.await.map_err(describe)
    }

    /// Calls a method that returns a promise; the call happens now, whenever
    /// the result is awaited.
    fn start_call(&self, object: &[&str], method: &str, args: &[JsValue]) -> Result<JsFuture, String> {
        let p: Promise = self
            .call(object, method, args)?
            .dyn_into()
            .map_err(|_| concat(&[&object.join("."), ".", method, " did not return a promise"]))?;
        Ok(JsFuture::from(p))
    }

    /// Everything in `storage.local`. The read starts when this is called,
    /// not when it is awaited, so that a page's start can ask for its
    /// messages meanwhile.
    pub fn storage_get(&self) -> impl ::core::future::Future<Output = Result<Value, String>> {
        let read = self.start_call(&["storage", "local"], "get", &[JsValue::NULL]);
        async move { Ok(from_js(&read?.await.map_err(describe)?, 0)) }
    }

    /// What a `storage.local.get(null)` started by the loader gives (the
    /// content script's loader starts it before the core has loaded).
    pub async fn storage_read(read: Promise) -> Result<Value, String> {
        Ok(from_js(&JsFuture::from(read).await.map_err(describe)?, 0))
    }

    /// Writes the keys of `value` (an object) into `storage.local`.
    pub async fn storage_set(&self, value: &Value) -> Result<(), String> {
        self.call_async(&["storage", "local"], "set", &[to_js(value)]).await.map(|_| ())
    }

    /// Calls `f` whenever `storage.local` changes.
    pub fn on_storage_changed(&self, f: &Function) -> Result<(), String> {
        self.call(&["storage", "onChanged"], "addListener", &[f.clone().into()]).map(|_| ())
    }

    /// A translated message from `_locales` (asked of the browser once per
    /// key and substitutions: [`MESSAGES`]), or the key itself if missing
    /// (a native test makes sure no key the code uses is missing).
    pub fn t(&self, key: &str, subs: &[&str]) -> String {
        let id = subs.iter().fold(key.to_string(), |id, sub| concat(&[&id, "\u{1f}", sub]));
        if let Some(found) = MESSAGES.with(|m| m.borrow().get(&id).cloned()) {
            return found;
        }
        let args: js_sys::Array = subs.iter().map(|s| JsValue::from_str(s)).collect();
        let found = self.call(&["i18n"], "getMessage", &[key.into(), args.into()]).ok().and_then(|v| v.as_string());
        match found.filter(|s| !s.is_empty()) {
            Some(message) => {
                MESSAGES.with(|m| m.borrow_mut().insert(id, message.clone()));
                message
            }
            // Not kept: a failed call is no answer, and is asked again.
            None => key.to_string(),
        }
    }

    /// The browser's UI language (`fr`, `en-GB`…).
    pub fn ui_language(&self) -> String {
        self.call(&["i18n"], "getUILanguage", &[]).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    /// The `messages.json` of the first of `locales` the extension ships,
    /// fetched by the background page, with the folder it came from.
    pub async fn locale_messages(&self, locales: &[String]) -> Option<(String, Map<Message>)> {
        let request = Object::new();
        Reflect::set(&request, &"type".into(), &"locale-messages".into()).ok()?;
        let list: js_sys::Array = locales.iter().map(|l| JsValue::from_str(l)).collect();
        Reflect::set(&request, &"locales".into(), &list).ok()?;
        let reply = self.call_async(&["runtime"], "sendMessage", &[request.into()]).await.ok()?;
        let messages = Reflect::get(&reply, &"messages".into()).ok()?;
        let locale = Reflect::get(&reply, &"locale".into()).ok()?.as_string()?;
        if !messages.is_object() {
            return None;
        }
        let mut out = Map::new();
        for entry in Object::entries(&messages.into()).iter() {
            let key = Reflect::get(&entry, &0.into()).ok()?.as_string()?;
            let value = Reflect::get(&entry, &1.into()).ok()?;
            let Some(text) = Reflect::get(&value, &"message".into()).ok().and_then(|t| t.as_string()) else {
                continue;
            };
            let mut placeholders = Map::new();
            if let Ok(ph) = Reflect::get(&value, &"placeholders".into()) {
                if ph.is_object() {
                    for p in Object::entries(&ph.into()).iter() {
                        let name = Reflect::get(&p, &0.into()).ok().and_then(|n| n.as_string());
                        let content = Reflect::get(&p, &1.into())
                            .and_then(|c| Reflect::get(&c, &"content".into()))
                            .ok()
                            .and_then(|c| c.as_string());
                        if let (Some(n), Some(c)) = (name, content) {
                            placeholders.insert(n.to_ascii_lowercase(), c);
                        }
                    }
                }
            }
            out.insert(key, Message { text, placeholders });
        }
        Some((locale, out))
    }

    /// The extension's own id, to tell its messages from others'.
    pub fn id(&self) -> Option<String> {
        self.get(&["runtime", "id"]).ok()?.as_string()
    }

    /// The full URL of one of the extension's files (`path` relative to its root).
    pub fn extension_url(&self, path: &str) -> Option<String> {
        self.call(&["runtime"], "getURL", &[path.into()]).ok()?.as_string()
    }

    /// One of the extension's own files (`path` from its root), read as
    /// `body` (`"text"` or `"json"`), if it is there. The request starts when
    /// this is called, not when it is awaited.
    pub fn read_own_file(
        &self,
        path: &str,
        body: &'static str,
    ) -> impl ::core::future::Future<Output = Option<JsValue>> {
        let response = self.extension_url(path).and_then(|url| fetch(&url).ok()).map(JsFuture::from);
        async move {
            let response = response?.await.ok()?;
            if Reflect::get(&response, &"ok".into()).ok()?.as_bool() != Some(true) {
                return None;
            }
            // No `dyn_into` (an `instanceof` test) on what `fetch` gives: in a
            // Firefox content script those objects belong to the page's
            // compartment, whose `Function` and `Promise` are not this
            // script's, and the test fails for the very objects it should pass.
            let read = Reflect::get(&response, &body.into()).ok().filter(JsValue::is_function)?;
            let parsed = read.unchecked_into::<Function>().call0(&response).ok()?;
            JsFuture::from(Promise::resolve(&parsed)).await.ok()
        }
    }

    /// The texts of the labels files `names` (`labels/<name>.txt`, as
    /// `Rules::label_files_for` names them). The reads start now; a file that
    /// cannot be read is left out (its labels are missing, link targets
    /// still match).
    pub fn read_label_files(&self, names: &[&str]) -> impl ::core::future::Future<Output = Vec<String>> {
        let reads: Vec<_> =
            names.iter().map(|name| self.read_own_file(&concat(&["labels/", name, ".txt"]), "text")).collect();
        async move {
            let mut texts = Vec::new();
            for read in reads {
                texts.extend(read.await.and_then(|t| t.as_string()));
            }
            texts
        }
    }

    /// Opens `url` in a new tab (no permission needed for that).
    pub fn open_tab(&self, url: &str) -> Result<(), String> {
        let props = Object::new();
        Reflect::set(&props, &"url".into(), &url.into()).map_err(describe)?;
        self.call(&["tabs"], "create", &[props.into()]).map(|_| ())
    }

    /// `{ origins: [...] }`, the argument of the `permissions` calls.
    fn origins(origins: &[&str]) -> Result<JsValue, String> {
        let request = Object::new();
        let list: js_sys::Array = origins.iter().map(|o| JsValue::from_str(o)).collect();
        Reflect::set(&request, &"origins".into(), &list).map_err(describe)?;
        Ok(request.into())
    }

    /// Whether the extension may run on `origins` now (the user can take host
    /// access away in the browser's own settings).
    pub async fn has_origins(&self, origins: &[&str]) -> Result<bool, String> {
        let v = self.call_async(&["permissions"], "contains", &[Self::origins(origins)?]).await?;
        Ok(v.as_bool().unwrap_or(false))
    }

    /// Asks the user for access to `origins`. Must be called synchronously
    /// from the user's click (the browser refuses otherwise); the promise
    /// returned says whether access was granted.
    pub fn request_origins(&self, origins: &[&str]) -> Result<Promise, String> {
        self.call(&["permissions"], "request", &[Self::origins(origins)?])?
            .dyn_into()
            .map_err(|_| "permissions.request did not return a promise".into())
    }

    /// Gives access to `origins` back. Browsers refuse it for access the
    /// manifest requires (Chromium); Firefox lets it go.
    pub async fn remove_origins(&self, origins: &[&str]) -> Result<bool, String> {
        let v = self.call_async(&["permissions"], "remove", &[Self::origins(origins)?]).await?;
        Ok(v.as_bool().unwrap_or(false))
    }

    pub fn open_options_page(&self) -> Result<(), String> {
        self.call(&["runtime"], "openOptionsPage", &[]).map(|_| ())
    }
}

/// Nesting deeper than this in storage is not ours: read as null.
const MAX_DEPTH: u32 = 16;

/// Reads a storage value into the core's [`Value`], whatever it holds.
fn from_js(v: &JsValue, depth: u32) -> Value {
    if depth > MAX_DEPTH || v.is_null() || v.is_undefined() {
        Value::Null
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Value::Number(n)
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if js_sys::Array::is_array(v) {
        Value::Array(js_sys::Array::from(v).iter().map(|x| from_js(&x, depth + 1)).collect())
    } else if v.is_object() {
        let mut out = Map::new();
        for entry in Object::entries(v.unchecked_ref()).iter() {
            if let Some(key) = Reflect::get(&entry, &0.into()).ok().and_then(|k| k.as_string()) {
                let value = Reflect::get(&entry, &1.into()).unwrap_or(JsValue::NULL);
                out.insert(key, from_js(&value, depth + 1));
            }
        }
        Value::Object(out)
    } else {
        Value::Null
    }
}

/// `value` as indented JSON text, written by the browser's own `JSON`.
pub fn json_text(value: &Value) -> String {
    js_sys::JSON::stringify_with_replacer_and_space(&to_js(value), &JsValue::NULL, &JsValue::from_f64(2.0))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

fn to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(a) => a.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(o) => {
            let obj = Object::new();
            for (k, v) in o {
                let _ = Reflect::set(&obj, &k.into(), &to_js(v));
            }
            obj.into()
        }
    }
}
