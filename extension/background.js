// Background loader: the work is in Rust (src/shell/background.rs). The listeners are added here, in the first
// turn, because a browser that wakes the background for an event delivers it only to listeners added then; each
// waits for the core. Reads only the extension's own files and the CSP headers of Meta's pages; sends nothing.
import init, { on_headers_received, on_message } from "./pkg/objector_pages.js";

const api = globalThis.browser ?? globalThis.chrome;
const core = init({ module_or_path: api.runtime.getURL("pkg/objector_pages_bg.wasm") });
const later = (handler) => (details) => void core.then(() => handler(api, details)).catch(() => {});

// The first-run page (the options page in its welcome mode) opens even if the core cannot start: it then explains.
api.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") api.tabs.create({ url: api.runtime.getURL("options.html?welcome") });
});
// Only where the manifest asks for it (the Chromium build, read-only): Firefox compiles a content script's wasm
// under the extension's own CSP, whatever the page says, so its loader never asks.
api.webRequest?.onHeadersReceived.addListener(later(on_headers_received),
  { urls: ["https://*.facebook.com/*", "https://*.instagram.com/*"], types: ["main_frame"] }, ["responseHeaders"]);
api.runtime.onMessage.addListener((message, sender, reply) => {
  // No core: no reply, and the content script runs the JavaScript build, which works under any policy.
  core.then(() => on_message(api, message, sender)).then(reply, () => reply(null));
  return true; // the reply comes later
});
