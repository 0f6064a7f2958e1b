// The content script at document_start (manifest `content_scripts`), before the page is parsed. It starts what
// content.js would otherwise wait for once it runs, at document_idle (the 20,000-element feed: see
// docs/performance.md):
// - Chromium only: content.js's question to the background (src/shell/background.rs): may this document compile
//   wasm, as far as its headers say (the background saw them before the document existed), and the labels files
//   of the browser's language, the page having named none yet. content.js uses the answer unless the page then
//   declares a policy of its own in a <meta>, which needs the question again; the core reads the labels files
//   itself if the page's language needs others (src/shell/content.rs). Firefox applies the extension's own CSP to
//   content scripts: there the wasm is always compiled, and nothing is asked.
// - the fetch of the core's wasm, and its compile if the answer is "wasm" and no <meta> policy is in the document
//   yet (objectorPolicy, which content.js asks again). The check and the compile are one task: a policy the
//   parser adds later applies to later compiles, not to this one, so no page is sent a report (content.js then
//   asks again, and a "js" answer leaves the module unused). Otherwise the bytes stay uncompiled, and content.js
//   decides whether they are compiled at all. In Firefox the request itself holds the main thread 3-14 ms: here
//   that delays the parse instead of the page's first task after DOMContentLoaded, and the compile runs while the
//   page is parsed (docs/performance.md, twentieth session).
// - the storage read (the core's settings), forgotten at any change before the core starts (content.js then reads
//   again). A change whose event comes after content.js handed the core this read reaches the core itself, which
//   listens from that call on (src/shell/content.rs).
// A failure is content.js's to handle, as for its own fetch, question and read. The wasm's steps are awaited in an
// async function, not chained with fetch(...).then(...): in a Firefox content script, such a chain's rejection (a
// missing or damaged wasm) reached the page as an error even though it was caught (tests/e2e/broken-core.test.js).
(globalThis.objectorStored = chrome.storage.local.get(null)).catch(() => {});
chrome.storage.onChanged.addListener(() => (globalThis.objectorStored = null));
const firefox = chrome.runtime.getURL("").startsWith("moz-extension:");
const answer = (globalThis.objectorAnswer = firefox ? null : chrome.runtime.sendMessage({ type: "core", metas: [],
  lang: navigator.language, url: performance.getEntriesByType("navigation")[0]?.name }).catch(() => null));
globalThis.objectorPolicy = () => document.querySelector('meta[http-equiv="content-security-policy" i]');
(globalThis.objectorWasm = (async () => {
  const r = await fetch(chrome.runtime.getURL("pkg/objector_content_bg.wasm"));
  return firefox || ((await answer)?.core === "wasm" && !objectorPolicy()) ? await WebAssembly.compileStreaming(r) : r;
})()).catch(() => {});
