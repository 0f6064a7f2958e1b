// Content-script loader: fetches Objector's Rust core (WebAssembly) from the
// extension and hands it the extension API. All logic lives in Rust
// (src/shell/content.rs). If the core cannot start, the page is left as it was.
(async () => {
  try {
    const core = await import(chrome.runtime.getURL("pkg/objector_content.js"));
    await core.default({ module_or_path: chrome.runtime.getURL("pkg/objector_content_bg.wasm") });
    core.start_content(globalThis.browser ?? chrome);
  } catch {
    // Nothing to do: never break or clutter the page (no console output either).
  }
})();
