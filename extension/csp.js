// Whether a page's Content-Security-Policy lets a Chromium content script compile WebAssembly.
//
// Chromium checks wasm compilation in a content script against the *page's* CSP, and a refused attempt both
// fails and sends the site a violation report naming the extension. So the choice between the wasm core and
// the same Rust core compiled to JavaScript (wasm2js) is made before anything is compiled, from the response
// headers the background saw. This is loader logic that must run before any Rust can: it is the one piece of
// decision-making in JavaScript, kept small and tested on its own (tests/static/csp.test.js).
//
// Rules (CSP Level 3, as Chromium applies them to WebAssembly): each policy is checked on its own and all must
// allow; in a policy the `script-src` directive decides, else `default-src`, else nothing restricts; the first
// occurrence of a directive wins; the keywords that allow compiling are 'unsafe-eval' and 'wasm-unsafe-eval'.
// A report-only policy does not block but still reports, so it counts the same.

const ALLOWING = new Set(["'unsafe-eval'", "'wasm-unsafe-eval'"]);

/** Whether one policy (one header value may hold several, separated by commas) allows compiling wasm. */
function policyAllows(policy) {
  const directives = new Map();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/[\t\n\f\r ]+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources.map((s) => s.toLowerCase()));
  }
  const sources = directives.get("script-src") ?? directives.get("default-src");
  return sources === undefined || sources.some((s) => ALLOWING.has(s));
}

/**
 * Whether every policy in `values` (header values or `<meta http-equiv>` contents, enforced or report-only)
 * allows compiling WebAssembly. Anything that is not a string counts as a policy that forbids it.
 */
export function allowsWasm(values) {
  if (!Array.isArray(values)) return false;
  return values.every((v) => typeof v === "string" && v.split(",").every(policyAllows));
}

/** The response headers that carry a policy (names are case-insensitive). */
export function policyHeaders(headers) {
  if (!Array.isArray(headers)) return [null];
  return headers
    .filter((h) => /^content-security-policy(-report-only)?$/i.test(h?.name ?? ""))
    .map((h) => (typeof h.value === "string" ? h.value : null));
}
