//! What the background asks the core (Chromium only): whether a Meta page's
//! policies let its content script compile WebAssembly (`core::csp`).

use crate::core::csp::{allows_wasm, is_policy_header};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

/// `headers`: a `webRequest` response's `responseHeaders` (`{ name, value }`
/// objects; only the policy headers count); `metas`: the contents of the
/// page's `<meta http-equiv="Content-Security-Policy">` elements. Anything
/// unreadable counts as forbidding.
#[wasm_bindgen]
pub fn csp_allows_wasm(headers: JsValue, metas: JsValue) -> bool {
    if !Array::is_array(&headers) || !Array::is_array(&metas) {
        return false;
    }
    let field = |h: &JsValue, key: &str| Reflect::get(h, &key.into()).ok().and_then(|v| v.as_string());
    let mut values: Vec<Option<String>> = Array::from(&headers)
        .iter()
        .filter(|h| field(h, "name").is_some_and(|n| is_policy_header(&n)))
        .map(|h| field(&h, "value"))
        .collect();
    values.extend(Array::from(&metas).iter().map(|m| m.as_string()));
    allows_wasm(&values.iter().map(|v| v.as_deref()).collect::<Vec<_>>())
}
