//! The pure core: no web-sys, no browser. Everything here is tested natively
//! with `cargo test`; the DOM shell only reads the page into plain values,
//! asks the core, and applies the answer.

pub mod classify;
pub mod csp;
pub mod email;
pub mod fill;
pub mod guide;
pub mod i18n;
pub mod label_files;
pub mod map;
pub mod matcher;
pub mod normalize;
pub mod ranking;
pub mod receipts;
pub mod rules;
pub mod selector;
pub mod settings;
pub mod strings;
pub mod url;
pub mod value;
pub mod verdicts;
