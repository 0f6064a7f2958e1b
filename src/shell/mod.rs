//! The thin browser shell (wasm32 only): reads the page and the extension API
//! into plain values, asks `core`, applies the answer. Entry points are the
//! `start_*` functions the JS loaders call.

//!
//! Two builds: `content` (what every Facebook and Instagram page loads) and
//! `pages` (the popup, the options page and the background). Keeping the
//! extension pages' code out of the content build keeps the download each
//! Meta page pays small.

pub mod browser;
pub mod dom;
pub mod local;

#[cfg(feature = "content")]
pub mod candidates;
#[cfg(feature = "content")]
pub mod changes;
#[cfg(feature = "content")]
pub mod content;
#[cfg(feature = "content")]
pub mod form;
#[cfg(feature = "content")]
pub mod panel;

#[cfg(feature = "pages")]
pub mod background;
#[cfg(feature = "pages")]
pub mod options;
#[cfg(feature = "pages")]
pub mod popup;
#[cfg(feature = "pages")]
pub mod start;

/// The popup's and the options page's one loader (`extension/page.js`) calls
/// this; which page it is comes from the file's name.
#[cfg(feature = "pages")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_page(api: wasm_bindgen::JsValue) {
    let api = browser::Api::new(api);
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    if path.ends_with("/popup.html") {
        popup::start_popup(api);
    } else if path.ends_with("/options.html") {
        options::start_options(api);
    }
}
