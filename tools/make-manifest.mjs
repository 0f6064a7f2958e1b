// Writes one browser's manifest.json from the single source extension/manifest.json.
// Usage: node tools/make-manifest.mjs chrome|firefox OUT_FILE
import { readFileSync, writeFileSync } from "node:fs";

const GECKO_ID = "objector@objector.extension";
const [browser, out] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(new URL("../extension/manifest.json", import.meta.url), "utf8"));

if (browser === "chrome") {
  manifest.background = { service_worker: "background.js", type: "module" };
  manifest.minimum_chrome_version = "120";
  // Chromium checks a content script's wasm against the page's CSP. Read-only `webRequest` (no blocking, on
  // the Meta hosts only) lets the background see each Meta page's CSP headers, so that a page which forbids
  // wasm gets the JavaScript build of the core (pkg/js, wasm2js) instead of a refused compile that would send
  // the site a CSP report. See src/core/csp.rs and the README's Security section.
  manifest.permissions = [...manifest.permissions, "webRequest"];
  manifest.web_accessible_resources[0].resources.push("pkg/js/*");
} else if (browser === "firefox") {
  // No prefetch.js: Firefox starts the content scripts right after DOMContentLoaded and then lays out the page,
  // which the wasm's fetch and compile overlap anyway. Measured on the 20,000-element feed (two alternating runs
  // of 27 and 44 loads): no sooner highlight from DOMContentLoaded (119 vs 120 ms), 9 ms later from the page's
  // own first task after it. content.js fetches the wasm itself when prefetch.js did not.
  manifest.content_scripts = manifest.content_scripts.filter((cs) => !cs.js.includes("prefetch.js"));
  manifest.background = { scripts: ["background.js"], type: "module" };
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      // 140 is the first release that knows data_collection_permissions.
      strict_min_version: "140.0",
      // Objector collects and transmits nothing.
      data_collection_permissions: { required: ["none"] },
    },
    // Firefox for Android learnt data_collection_permissions later than desktop.
    gecko_android: { strict_min_version: "142.0" },
  };
} else {
  console.error(`make-manifest: unknown browser "${browser}" (expected chrome or firefox)`);
  process.exit(2);
}
writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");
