// Popup loader: starts the Rust core (src/shell/popup.rs).
import init, { start_popup } from "./pkg/objector.js";

init({ module_or_path: new URL("./pkg/objector_bg.wasm", import.meta.url) })
  .then(() => start_popup(globalThis.browser ?? globalThis.chrome))
  .catch(() => document.getElementById("core-error").removeAttribute("hidden"));
