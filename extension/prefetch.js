// Chromium's content script at document_start (manifest `content_scripts`; not in Firefox, see
// tools/make-manifest.mjs), before the page is parsed. It starts what content.js would otherwise wait for once it
// runs, at document_idle, so that both are there by then (the 20,000-element feed: see README, Performance):
// - the fetch of the core's wasm. Fetching is not compiling: no page policy applies to it, and content.js still
//   decides whether the wasm is compiled at all;
// - content.js's question to the background (src/shell/background.rs): may this document compile wasm, as far as
//   its headers say (the background saw them before the document existed), and the labels files of the browser's
//   language, the page having named none yet. content.js uses the answer unless the page then declares a policy
//   of its own in a <meta>, which needs the question again; the core reads the labels files itself if the page's
//   language needs others (src/shell/content.rs).
// A failure is content.js's to handle, as for its own fetch and question.
(globalThis.objectorWasm = fetch(chrome.runtime.getURL("pkg/objector_content_bg.wasm"))).catch(() => {});
globalThis.objectorAnswer = chrome.runtime.sendMessage({ type: "core", metas: [], lang: navigator.language,
  url: performance.getEntriesByType("navigation")[0]?.name }).catch(() => null);
