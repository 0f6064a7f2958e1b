//! The thin browser shell (wasm32 only): reads the page and the extension API
//! into plain values, asks `core`, applies the answer. Entry points are the
//! `start_*` functions the JS loaders call.

pub mod browser;
pub mod candidates;
pub mod content;
pub mod dom;
pub mod form;
pub mod options;
pub mod panel;
pub mod popup;
pub mod start;
