// Popup loader: starts the Rust core (src/shell/popup.rs).
import init, { start_popup } from "./pkg/objector_pages.js";

init({ module_or_path: new URL("./pkg/objector_pages_bg.wasm", import.meta.url) })
  .then(() => start_popup(globalThis.browser ?? globalThis.chrome))
  .catch(() => {
    // The core could not start: say so in the browser's language (as text, never markup).
    const box = document.getElementById("core-error");
    const api = globalThis.browser ?? globalThis.chrome;
    box.textContent = api?.i18n?.getMessage("core_failed") || box.textContent;
    box.removeAttribute("hidden");
  });
