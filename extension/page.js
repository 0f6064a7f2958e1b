// Loader of the popup and the options page: starts the Rust core, which wires the page it is in
// (src/shell/popup.rs, src/shell/options.rs).
import init, { start_page } from "./pkg/objector_pages.js";

const api = globalThis.browser ?? globalThis.chrome;
// The core could not start: say so in the browser's language (as text, never markup).
init({ module_or_path: new URL("./pkg/objector_pages_bg.wasm", import.meta.url) }).then(() => start_page(api)).catch(() => {
  const box = document.getElementById("core-error");
  box.textContent = api?.i18n?.getMessage("core_failed") || box.textContent;
  box.removeAttribute("hidden");
});
