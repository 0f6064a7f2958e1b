//! Module-wide state for the wasm build, which is `no_std` and so has no
//! `thread_local!`. A wasm module without atomics runs on one thread (src/lib.rs
//! refuses to build otherwise), so a static is only ever reached from it.

/// A `static` for values that are not `Sync` (`RefCell`, JS handles). Reached
/// through `with`, like a `thread_local!` key, so that borrows stay short.
pub struct Local<T>(pub T);

// SAFETY: without atomics a wasm module has exactly one thread; nothing here
// is ever shared with another.
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}
