// Chromium's content script at document_start (manifest `content_scripts`; not in Firefox, see
// tools/make-manifest.mjs), before the page is parsed: starts fetching the core's wasm, so that its bytes are
// there when content.js runs, at document_idle (the 20,000-element feed: the core was ready 6-9 ms sooner, the
// highlight as much). Fetching is not compiling: no page policy applies to it, and content.js still decides
// whether the wasm is compiled at all. A failure is content.js's to handle, as for its own fetch.
(globalThis.objectorWasm = fetch(chrome.runtime.getURL("pkg/objector_content_bg.wasm"))).catch(() => {});
