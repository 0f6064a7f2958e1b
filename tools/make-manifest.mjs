// Writes one browser's manifest.json from the single source extension/manifest.json.
// Usage: node tools/make-manifest.mjs chrome|firefox OUT_FILE
import { readFileSync, writeFileSync } from "node:fs";

const GECKO_ID = "objector@objector.extension";
const [browser, out] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(new URL("../extension/manifest.json", import.meta.url), "utf8"));

if (browser === "chrome") {
  manifest.background = { service_worker: "background.js" };
  manifest.minimum_chrome_version = "120";
} else if (browser === "firefox") {
  manifest.background = { scripts: ["background.js"] };
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
