//! Objector: helps EU users object to Meta using their Facebook and Instagram
//! data to train its AI.
//!
//! `core` is pure Rust (URL classification, matching, settings); `shell` is the
//! thin web-sys layer that runs in the browser, compiled only for wasm32.
//!
//! The wasm build is `no_std` (with `alloc`): std's panic machinery formats
//! every panic message, and that formatting (with `Debug` for chars and
//! ranges, and the messages themselves) was several KB of every Meta page's
//! download for messages nobody can read. A panic there stops the core where
//! it is, as `panic = "abort"` did; the page is never touched by it. Native
//! builds (tests, fuzzing) keep std, and so does any wasm32 build without the
//! `runtime` feature (clippy's).

// Only in the extension's builds (feature `runtime`, set by build.sh): tests,
// examples and `cargo clippy --all-targets` link std, also for wasm32.
#![cfg_attr(all(target_arch = "wasm32", feature = "runtime"), no_std)]

extern crate alloc;

/// What std's prelude gives and `no_std` does not; every module imports it.
mod prelude {
    pub use alloc::boxed::Box;
    pub use alloc::format;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod shell;

// One thread, no atomics: `shell::local` relies on it.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("the wasm build assumes a single thread (no atomics)");

#[cfg(all(target_arch = "wasm32", feature = "runtime"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(all(target_arch = "wasm32", feature = "runtime"))]
#[panic_handler]
fn panic(_: &::core::panic::PanicInfo) -> ! {
    ::core::arch::wasm32::unreachable()
}
