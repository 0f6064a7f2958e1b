// Background: only opens the options page once, right after installation, so
// the user can store their email. Nothing else runs here; nothing is sent anywhere.
const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") {
    api.runtime.openOptionsPage();
  }
});
