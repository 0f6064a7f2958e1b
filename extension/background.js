// Background: opens the first-run page once after installation, and hands content
// scripts the messages of the page's language (the guide speaks the language of
// the Meta page, which may differ from the browser's). Reads only the
// extension's own files; sends nothing anywhere.
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

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || message?.type !== "locale-messages" || !Array.isArray(message.locales)) {
    return false;
  }
  localeMessages(message.locales).then(sendResponse, () => sendResponse(null));
  return true;
});
