// The built manifests ask for nothing beyond what the product needs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const DIST = process.env.OBJECTOR_DIST || "dist";
const META = ["https://*.facebook.com/*", "https://*.instagram.com/*"];
const ALLOWED_KEYS = new Set([
  "manifest_version", "name", "short_name", "version", "description", "default_locale", "icons",
  "permissions", "host_permissions", "action", "options_ui", "content_scripts",
  "web_accessible_resources", "content_security_policy", "background",
  "minimum_chrome_version", "browser_specific_settings",
]);

for (const browser of ["chrome", "firefox"]) {
  const m = JSON.parse(readFileSync(`${DIST}/${browser}/manifest.json`, "utf8"));

  test(`${browser}: permissions are exactly storage + the Meta hosts (+ read-only webRequest in Chromium)`, () => {
    // Chromium: read-only webRequest, for the Meta pages' CSP headers (src/core/csp.rs); never blocking.
    assert.deepEqual(m.permissions, browser === "chrome" ? ["storage", "webRequest"] : ["storage"]);
    assert.deepEqual(m.host_permissions, META);
    assert.equal(m.optional_permissions, undefined);
    assert.equal(m.optional_host_permissions, undefined);
    for (const key of Object.keys(m)) assert.ok(ALLOWED_KEYS.has(key), `unexpected manifest key ${key}`);
  });

  test(`${browser}: content scripts and exposed files are limited to the Meta hosts, top frame only`, () => {
    // At document_start, the wasm's fetch and compile, the storage read and (Chromium) the background's question
    // (prefetch.js); once the page is parsed, the reader, the wasm glue and the loader, which uses them.
    assert.deepEqual(m.content_scripts.map((cs) => [cs.run_at, cs.js]), [
      ["document_start", ["prefetch.js"]],
      ["document_idle", ["read.js", "pkg/objector_content.js", "content.js"]],
    ]);
    for (const cs of m.content_scripts) {
      assert.deepEqual(cs.matches, META);
      assert.notEqual(cs.all_frames, true);
      assert.equal(cs.match_about_blank, undefined);
    }
    for (const war of m.web_accessible_resources) {
      assert.deepEqual(war.matches, META);
      // Only what a content script fetches or imports: the wasm, the labels files (src/core/label_files.rs),
      // and in Chromium the JavaScript build of the same core (wasm2js), for pages that forbid wasm. The glue
      // and the hand-written scripts are content scripts, not exposed.
      const core = browser === "chrome"
        ? /^(pkg\/objector_content_bg\.wasm|pkg\/js\/\*|labels\/\*)$/
        : /^(pkg\/objector_content_bg\.wasm|labels\/\*)$/;
      for (const r of war.resources) assert.match(r, core, "only the content core and its labels are exposed to pages");
    }
  });

  test(`${browser}: extension pages load only their own code`, () => {
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  });
}

test("chrome uses a service worker, firefox background scripts with a gecko id and no data collection", () => {
  const c = JSON.parse(readFileSync(`${DIST}/chrome/manifest.json`, "utf8"));
  const f = JSON.parse(readFileSync(`${DIST}/firefox/manifest.json`, "utf8"));
  assert.deepEqual(c.background, { service_worker: "background.js", type: "module" });
  assert.equal(c.browser_specific_settings, undefined);
  assert.deepEqual(f.background, { scripts: ["background.js"], type: "module" });
  assert.equal(f.browser_specific_settings.gecko.id, "objector@objector.extension");
  assert.deepEqual(f.browser_specific_settings.gecko.data_collection_permissions, { required: ["none"] });
});

test("the background only observes: its webRequest listener asks for headers, never to block", () => {
  const bg = readFileSync("extension/background.js", "utf8");
  assert.match(bg, /onHeadersReceived\.addListener/);
  assert.doesNotMatch(bg, /["']blocking["']|webRequestBlocking|declarativeNetRequest/);
});
