// Background: opens the first-run page once after installation, hands content scripts the messages of the
// page's language (the guide speaks the language of the Meta page, which may differ from the browser's), and
// in Chromium tells each content script whether its page lets it compile WebAssembly (the Rust core decides:
// src/core/csp.rs). Reads only the extension's own files and the CSP headers of Meta's pages; sends nothing.
import init, { csp_allows_wasm } from "./pkg/objector_pages.js";

const api = globalThis.browser ?? globalThis.chrome;

api.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") {
    // The options page in its welcome mode is the first-run page.
    api.tabs.create({ url: api.runtime.getURL("options.html?welcome") });
  }
});

const LOCALE = /^[a-z]{2,3}(_[A-Z0-9]{2,3})?$/;

async function localeMessages(locales) {
  for (const locale of locales.filter((l) => typeof l === "string" && LOCALE.test(l)).slice(0, 4)) {
    try {
      const response = await fetch(api.runtime.getURL(`_locales/${locale}/messages.json`));
      if (response.ok) return { locale, messages: await response.json() };
    } catch {
      // No such locale folder: try the next candidate.
    }
  }
  return null;
}

// ------------------------------------------------------------------ which core a page may run (Chromium)

const withoutFragment = (url) => (typeof url === "string" ? url.split("#")[0] : "");

/** The core (the popup and options build), started once, when a Meta page first arrives. */
let core = null;
const ready = () => (core ??= init({ module_or_path: api.runtime.getURL("pkg/objector_pages_bg.wasm") }));

/**
 * Per tab, the last few documents' URLs and whether their CSP headers allow wasm (a promise). In memory only:
 * a content script asks within seconds of its page's response, and when the answer is missing (worker
 * restarted, a page from a cache the browser did not report) it runs the JavaScript build, which never trips
 * a CSP.
 */
const verdicts = new Map();
const PER_TAB = 4;
const TABS = 64;

function remember(tabId, url, wasm) {
  const list = verdicts.get(tabId) ?? [];
  verdicts.delete(tabId); // re-inserted last: the Map's order is least recently used first
  verdicts.set(tabId, [{ url: withoutFragment(url), wasm }, ...list].slice(0, PER_TAB));
  if (verdicts.size > TABS) verdicts.delete(verdicts.keys().next().value);
}

// Only where the manifest asks for it (the Chromium build): Firefox compiles a content script's wasm under
// the extension's own CSP, whatever the page says, so its loader never asks.
if (api.webRequest?.onHeadersReceived) {
  api.webRequest.onHeadersReceived.addListener(
    (d) => {
      if (d.tabId < 0 || d.frameId !== 0) return;
      const allows = ready().then(() => csp_allows_wasm(d.responseHeaders, []));
      remember(d.tabId, d.url, allows.catch(() => false)); // no core: the JavaScript build
    },
    { urls: ["https://*.facebook.com/*", "https://*.instagram.com/*"], types: ["main_frame"] },
    ["responseHeaders"],
  );
}

/** "wasm" only when the document's headers were seen and they, and its `<meta>` policies, allow it. */
async function coreFor(sender, message) {
  const url = withoutFragment(message.url);
  const seen = (verdicts.get(sender.tab?.id) ?? []).find((v) => v.url === url);
  return (await seen?.wasm) && csp_allows_wasm([], message.metas) ? "wasm" : "js";
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  if (message?.type === "core") {
    coreFor(sender, message).then(sendResponse, () => sendResponse("js"));
    return true;
  }
  if (message?.type !== "locale-messages" || !Array.isArray(message.locales)) return false;
  localeMessages(message.locales).then(sendResponse, () => sendResponse(null));
  return true;
});
