// The loader's one decision in JavaScript: may Chromium compile the wasm core on this page (extension/csp.js)?
// A wrong "yes" costs a refused compile and a CSP report to the site; a wrong "no" only the slower build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { allowsWasm, policyHeaders } from "../../extension/csp.js";

// [policies, allows wasm?]
const CASES = [
  [[], true], // no policy at all
  [[""], true],
  [["  "], true],
  [["upgrade-insecure-requests; frame-ancestors 'self'"], true], // restricts neither scripts nor default
  [["img-src 'self'; style-src 'self'"], true],
  // facebook.com's policy today
  [["default-src * data: blob: 'self'; script-src *.facebook.com *.fbcdn.net 'unsafe-inline' 'unsafe-eval' blob: data: 'self'; report-uri /csp/reporting/"], true],
  [["script-src 'self' 'wasm-unsafe-eval'"], true],
  [["script-src 'self' 'WASM-UNSAFE-EVAL'"], true], // keywords are case-insensitive
  [["SCRIPT-SRC 'self' 'unsafe-eval'"], true], // directive names too
  [["default-src 'self' 'unsafe-eval'"], true], // default-src stands in for script-src
  [["default-src 'self'; script-src 'self' 'unsafe-eval'"], true], // script-src decides over default-src
  [["default-src 'self' 'unsafe-eval'; script-src 'self'"], false],
  [["script-src 'self'"], false],
  [["default-src 'self'"], false],
  [["default-src 'none'"], false],
  [["script-src 'self' 'unsafe-inline' https:"], false],
  [["script-src 'self' unsafe-eval"], false], // unquoted: a host name, not the keyword
  [["script-src 'self' 'unsafe-hashes'"], false],
  [["script-src-elem 'self'; default-src 'self' 'unsafe-eval'"], true], // -elem does not govern eval
  [["script-src 'self'; script-src 'unsafe-eval'"], false], // the first occurrence wins
  [["script-src\t'self'\n'unsafe-eval'"], true], // any ASCII whitespace separates
  [["script-src 'self' 'unsafe-eval';;;"], true],
  // several policies: all must allow
  [["script-src 'unsafe-eval'", "default-src 'self'"], false],
  [["script-src 'unsafe-eval', default-src 'self'"], false], // two policies in one header value
  [["script-src 'unsafe-eval', img-src 'self'"], true],
  [["script-src 'unsafe-eval'", "script-src 'wasm-unsafe-eval'"], true],
  // not policies: refuse (the JavaScript build is always safe)
  [null, false],
  ["script-src 'unsafe-eval'", false],
  [[null], false],
  [[42], false],
  [[{}], false],
];

test("allowsWasm: the CSP table", () => {
  for (const [policies, want] of CASES) {
    assert.equal(allowsWasm(policies), want, `allowsWasm(${JSON.stringify(policies)})`);
  }
});

test("policyHeaders: only the CSP headers, enforced and report-only, any case; unreadable values count as forbidding", () => {
  const headers = [
    { name: "Content-Type", value: "text/html" },
    { name: "content-security-policy", value: "script-src 'unsafe-eval'" },
    { name: "Content-Security-Policy-Report-Only", value: "default-src 'self'" },
    { name: "X-Content-Security-Policy", value: "default-src 'self'" },
  ];
  assert.deepEqual(policyHeaders(headers), ["script-src 'unsafe-eval'", "default-src 'self'"]);
  assert.equal(allowsWasm(policyHeaders(headers)), false, "a report-only policy would still report");
  assert.deepEqual(policyHeaders([{ name: "Content-Security-Policy", binaryValue: [1] }]), [null]);
  assert.equal(allowsWasm(policyHeaders([{ name: "Content-Security-Policy", binaryValue: [1] }])), false);
  assert.deepEqual(policyHeaders([]), []);
  assert.equal(allowsWasm(policyHeaders([])), true);
  assert.equal(allowsWasm(policyHeaders(undefined)), false, "no headers seen: not known to allow");
});

test("the background only observes: its webRequest listener asks for headers, never to block", () => {
  const bg = readFileSync("extension/background.js", "utf8");
  assert.match(bg, /onHeadersReceived\.addListener/);
  assert.doesNotMatch(bg, /["']blocking["']|webRequestBlocking|declarativeNetRequest/);
});
