//! Objector: helps EU users object to Meta using their Facebook and Instagram
//! data to train its AI.
//!
//! `core` is pure Rust (URL classification, matching, settings); `shell` is the
//! thin web-sys layer that runs in the browser, compiled only for wasm32.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod shell;
