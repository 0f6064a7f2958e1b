// Options-page loader: starts the Rust core (src/shell/options.rs).
import init, { start_options } from "./pkg/objector.js";

init({ module_or_path: new URL("./pkg/objector_bg.wasm", import.meta.url) })
  .then(() => start_options(globalThis.browser ?? globalThis.chrome))
  .catch(() => document.getElementById("core-error").removeAttribute("hidden"));
