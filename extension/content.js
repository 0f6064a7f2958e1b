// Content-script loader: starts Objector's Rust core and hands it the extension API. All logic lives in Rust
// (src/shell/content.rs). If the core cannot start, the page is left as it was.
//
// The core comes in two builds of the same crate: WebAssembly (small and fast; its glue and read.js are the
// content scripts before this one), and in the Chromium package the same code compiled to JavaScript with
// wasm2js. Chromium checks a content script's wasm against the page's CSP, and a refused attempt sends the
// site a report naming the extension; so Chromium asks the background (which saw the page's CSP headers)
// before compiling anything, and runs the JavaScript build when the page does not clearly allow wasm.
// Firefox applies the extension's own CSP: always wasm.
(async () => {
  const api = globalThis.browser ?? chrome;
  try {
    // The wasm's bytes are fetched while Chromium asks the background (fetching is no compile: no policy
    // applies); they are compiled only if the answer allows it.
    const bytes = fetch(chrome.runtime.getURL("pkg/objector_content_bg.wasm"));
    bytes.catch(() => {}); // unused on a page that gets the JavaScript build
    // (import() takes chrome.runtime.getURL(...) literally: the Firefox linter accepts exactly that form.)
    const wasm = chrome.runtime.getURL("").startsWith("moz-extension:") || (await pageAllowsWasm());
    let core;
    if (wasm) {
      // objector_core: the wasm glue, a content script injected just before this one.
      await objector_core({ module_or_path: bytes });
      core = objector_core;
    } else {
      core = await import(chrome.runtime.getURL("pkg/js/objector_content.js"));
    }
    core.start_content(api);
  } catch {
    // Nothing to do: never break or clutter the page (no console output either).
  }

  async function pageAllowsWasm() {
    // The document's own URL (not the one the app may have pushed since) and its <meta> policies.
    const navigation = performance.getEntriesByType("navigation")[0];
    const metas = Array.from(document.querySelectorAll("meta[http-equiv]"))
      .filter((m) => m.httpEquiv.trim().toLowerCase() === "content-security-policy")
      .map((m) => m.content);
    // No answer (the background failed to start): the JavaScript build, which runs under any policy.
    const question = { type: "core", url: navigation?.name ?? "", metas };
    const answer = await chrome.runtime.sendMessage(question).catch(() => null);
    return answer === "wasm";
  }
})();
