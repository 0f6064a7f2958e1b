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

#[cfg(feature = "content")]
pub mod candidates;
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
