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
