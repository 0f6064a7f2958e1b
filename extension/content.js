// Content-script loader: starts Objector's Rust core and hands it the extension API. All logic lives in Rust
// (src/shell/content.rs). If the core cannot start, the page is left as it was (no console output either).
//
// The core comes in two builds of the same crate: WebAssembly (small and fast; its glue and read.js are the
// content scripts before this one), and in the Chromium package the same code compiled to JavaScript with
// wasm2js. Chromium checks a content script's wasm against the page's CSP, and a refused attempt sends the
// site a report naming the extension; so Chromium asks the background (which saw the page's CSP headers, and
// reads the <meta> policies sent along: src/shell/background.rs) before compiling anything, and runs the
// JavaScript build unless the answer is "wasm". Firefox applies the extension's own CSP: always wasm.
(async () => {
  // The wasm is under way while Chromium asks; the answer brings labels files along. prefetch.js fetched the wasm
  // at document_start, and compiled it in Firefox, or in Chromium if the headers allowed it and no <meta> policy
  // was there yet (a WebAssembly.Module, which the glue instantiates as it would bytes); fetching alone compiles
  // nothing, so no policy applies to it. Its fetch is done here only if prefetch.js did not run.
  const api = globalThis.browser ?? chrome;
  const bytes = globalThis.objectorWasm ?? fetch(chrome.runtime.getURL("pkg/objector_content_bg.wasm"));
  bytes.catch(() => {}); // no console output for a failure: the bytes are unused by the JavaScript build
  const firefox = chrome.runtime.getURL("").startsWith("moz-extension:");
  // prefetch.js asked at document_start (the page's headers only, the browser's language): that answer holds
  // unless the page has since declared a policy (objectorPolicy, prefetch.js's test for a <meta> the background
  // must judge). Else ask with the document's own URL (not one the app may have pushed since), its
  // <meta http-equiv> pairs and language.
  const early = !globalThis.objectorPolicy?.() && globalThis.objectorAnswer;
  const answer = firefox ? { core: "wasm" } : await (early || chrome.runtime.sendMessage({ type: "core",
    url: performance.getEntriesByType("navigation")[0]?.name, lang: document.documentElement?.getAttribute("lang"),
    metas: Array.from(document.querySelectorAll("meta[http-equiv]"), (m) => [m.httpEquiv, m.content]) })).catch(() => null);
  // The core: the wasm build once instantiated (objector_core: the wasm glue, the content script before), or the
  // JavaScript build (import() takes chrome.runtime.getURL(...) literally: the Firefox linter accepts that form).
  const core = answer?.core === "wasm" ? await objector_core({ module_or_path: bytes }).then(() => objector_core)
    : await import(chrome.runtime.getURL("pkg/js/objector_content.js"));
  // The storage (the core's settings): prefetch.js's read unless the storage changed since, else read now, as the
  // core starts: it follows changes from this call on, so that no change between read and core is lost.
  core.start_content(api, globalThis.objectorStored ?? api.storage.local.get(null), answer?.labels, answer?.lang);
})().catch(() => {});
