// No remote code and no HTML sinks: not in the hand-written JS, not in the Rust
// that reaches the DOM through web-sys, not in the glue wasm-bindgen generated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const DIST = process.env.OBJECTOR_DIST || "dist";

function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

const JS_SINKS = [
  /\beval\s*\(/, /\bnew\s+Function\b/, /\bFunction\s*\(\s*["'`]/, /\.innerHTML\b/, /\.outerHTML\b/,
  /\binsertAdjacentHTML\b/, /\bdocument\.write(ln)?\s*\(/, /\bsetTimeout\s*\(\s*["'`]/, /\bcreateContextualFragment\b/,
];
const RUST_SINKS = [/set_inner_html/, /set_outer_html/, /insert_adjacent_html/, /\.write_with_str/, /js_sys::eval/, /Function::new_with_args/, /Function::new_no_args/];

test("hand-written extension JS has no eval-like call or HTML sink", () => {
  const js = files("extension", ".js");
  assert.ok(js.length >= 4, "expected the loaders");
  for (const f of js) {
    const text = readFileSync(f, "utf8");
    for (const re of JS_SINKS) assert.doesNotMatch(text, re, `${f} matches ${re}`);
  }
});

test("the generated wasm-bindgen glue has no eval-like call or HTML sink", () => {
  for (const glue of ["chrome/pkg/objector_content.js", "chrome/pkg/objector_pages.js", "firefox/pkg/objector_content.js", "firefox/pkg/objector_pages.js"]) {
    const b = glue;
    const text = readFileSync(`${DIST}/${glue}`, "utf8");
    assert.ok(text.length > 1000, "glue present");
    for (const re of JS_SINKS) assert.doesNotMatch(text, re, `${b} glue matches ${re}`);
  }
});

test("the JavaScript build of the core (wasm2js, Chromium only) has no eval-like call or HTML sink", () => {
  const js = files(`${DIST}/chrome/pkg/js`, ".js");
  assert.ok(js.some((f) => f.endsWith("objector_content_bg.asm.js")), "the wasm2js module is present");
  for (const f of js) {
    const text = readFileSync(f, "utf8");
    for (const re of JS_SINKS) assert.doesNotMatch(text, re, `${f} matches ${re}`);
  }
});

test("the Rust code never calls an HTML sink through web-sys", () => {
  const rs = files("src", ".rs");
  assert.ok(rs.length >= 10);
  for (const f of rs) {
    const text = readFileSync(f, "utf8");
    for (const re of RUST_SINKS) assert.doesNotMatch(text, re, `${f} matches ${re}`);
  }
});

test("no page of the extension loads anything remote", () => {
  for (const f of files("extension", ".html")) {
    const text = readFileSync(f, "utf8");
    assert.doesNotMatch(text, /(src|href)\s*=\s*["']?(https?:)?\/\//i, `${f} references a remote resource`);
  }
});
