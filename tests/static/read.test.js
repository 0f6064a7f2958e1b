// extension/read.js, the content script that reads every candidate in one call for the Rust core: one record
// per element, seven fields (three in a light read), and page text can never forge a field or a record (a full
// read replaces the separators; a light read leaves them, and the core then reads in full: src/core/matcher.rs,
// `sift`).
import { test } from "node:test";
import assert from "node:assert/strict";

/** Stand-ins for the DOM's prototypes, with what read.js touches and nothing else, where the DOM defines it:
 * read.js takes these getters and methods from the prototypes once and calls them on each element, so an
 * element's own properties (none in a real DOM) are never what it reads. role and aria-* reflect their
 * attributes (null when absent), as in the DOM. `calls` counts the reads of role and of a type attribute. */
const calls = { role: 0, type: 0 };
class Node {
  constructor(text) { this.text = text; }
  get textContent() { return this.text; }
}
class Element extends Node {
  constructor(tagName, attrs, text, labels) { super(text); Object.assign(this, { tagName, attrs, ownLabels: labels }); }
  get nodeType() { return 1; }
  get localName() { return this.tagName.toLowerCase(); }
  get labels() { return this.ownLabels; }
  get role() { calls.role++; return this.getAttribute("role"); }
  get ariaLabel() { return this.getAttribute("aria-label"); }
  get ariaExpanded() { return this.getAttribute("aria-expanded"); }
  getAttribute(name) { calls.type += name === "type"; return name in this.attrs ? this.attrs[name] : null; }
}
/** What the core's queries return: iterable, and read by index with item(). */
class NodeList {
  constructor(items) { this.items = items; }
  get length() { return this.items.length; }
  item(i) { return this.items[i] ?? null; }
  [Symbol.iterator]() { return this.items[Symbol.iterator](); }
}
Object.assign(globalThis, { Node, Element, NodeList });
await import("../../extension/read.js");

const read = globalThis.objectorReadCandidates;
const FIELD = "\u001f";
/** The record separator of earlier versions: now page text like any other. */
const OLD_RECORD = "\u001e";

function el(tagName, attrs = {}, text = "", labels = null) {
  return new Element(tagName, attrs, text, labels);
}

/** The records of `data`: `width` fields each (seven in a full read, three in a light one); no record separator. */
function rows(data, width = 7) {
  const fields = data === "" ? [] : data.split(FIELD);
  assert.equal(fields.length % width, 0, `whole records of ${width} fields: ${JSON.stringify(data)}`);
  return Array.from({ length: fields.length / width }, (_, i) => fields.slice(i * width, i * width + width));
}

/** A whole-page read: one node list. */
function records(list, maxText = 200) {
  const out = read([new NodeList(list)], maxText, true);
  assert.deepEqual(out.list, list.slice(0, 25_000), "the elements read are handed back for indexing");
  return rows(out.data);
}

test("one record of seven fields per element: tag, role, type, aria-expanded, href, aria-label, text", () => {
  const rows = records([
    el("A", { href: "/privacy/center/" }, "  Privacy Center \n"),
    el("DIV", { role: "button", "aria-label": "Your profile", "aria-expanded": "false" }, ""),
    // A target only on links, a type only on inputs and buttons: elsewhere they mean nothing and are not read.
    el("SPAN", { role: "link", href: "/privacy/center/", type: "submit" }, "Privacy Center"),
  ]);
  assert.deepEqual(rows, [
    ["a", "", "", "", "/privacy/center/", "", "Privacy Center"],
    ["div", "button", "", "false", "", "Your profile", ""],
    ["span", "link", "", "", "", "", "Privacy Center"],
  ]);
  assert.deepEqual(records([]), []);
});

test("the separator in page text or attributes is replaced: a page cannot forge fields or records", () => {
  const evil = `Send${FIELD}x${OLD_RECORD}a${FIELD}/help/contact/1`;
  const rows = records([el("A", { role: "link", "aria-label": evil, href: evil }, evil)]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].length, 7);
  assert.equal(rows[0][6], `Send x${OLD_RECORD}a /help/contact/1`);
  assert.equal(rows[0][5], `Send x${OLD_RECORD}a /help/contact/1`);
  assert.equal(rows[0][4], `Send x${OLD_RECORD}a /help/contact/1`);
  // The HTML parser takes control characters into a tag name: a custom element cannot forge a record either.
  const forged = records([el(`x${OLD_RECORD}a${FIELD}/privacy/center/`, { role: "button" }, "Menu"), el("A", {}, "Feed")]);
  assert.deepEqual(forged.map((r) => [r.length, r[0], r[6]]),
    [[7, `x${OLD_RECORD}a /privacy/center/`, "Menu"], [7, "a", "Feed"]]);
});

test("aria-expanded is read only when the core asks for it (a step of the page has a state)", () => {
  const button = el("DIV", { role: "button", "aria-expanded": "false" }, "Menu");
  assert.equal(rows(read([[button]], 200, true).data)[0][3], "false");
  assert.equal(rows(read([[button]], 200, false).data)[0][3], "");
});

test("long texts are cut at maxText; a radio button's words come from its labels", () => {
  const rows = records([
    el("BUTTON", {}, "x".repeat(500)),
    el("INPUT", { type: "radio" }, "", [el("LABEL", {}, "Yes,"), el("LABEL", {}, "about AI")]),
  ], 50);
  assert.equal(rows[0][6].length, 50);
  assert.deepEqual(rows[1], ["input", "", "radio", "", "", "", "Yes, about AI"]);
});

test("at most 25,000 candidates are read, so that a scan's cost stays bounded", () => {
  const list = Array.from({ length: 25_010 }, () => el("A", { href: "/x" }, "x"));
  assert.equal(records(list).length, 25_000);
});

test("after a change, the parts the core chose are read in order, each element once", () => {
  // The core (src/shell/candidates.rs) hands over what the page added (the element itself and the list of the
  // candidates inside it) and the candidate around each changed node; one of those is already in a list.
  const inside = el("A", { href: "/privacy/center/" }, "Privacy Center");
  const added = el("DIV", { role: "button" }, "Menu");
  const button = el("BUTTON", {}, "Send");
  const out = read([added, new NodeList([inside]), button, inside], 200, true);
  assert.deepEqual(out.list, [added, inside, button]);
  assert.deepEqual(rows(out.data).map((r) => r[6]), ["Menu", "Privacy Center", "Send"]);
  assert.deepEqual(read([], 200), { list: [], data: "" });
});

test("at most 25,000 elements are read, so that a scan's cost stays bounded", () => {
  // The core's query (src/core/selector.rs) returns candidates only: every element it found is read, in order.
  const many = Array.from({ length: 25_010 }, (_, i) => el("DIV", { role: "button" }, `Post ${i}`));
  const out = read([many], 200, false);
  assert.equal(out.list.length, 25_000);
  assert.deepEqual(out.list, many.slice(0, 25_000));
  assert.deepEqual(rows(out.data).at(-1), ["div", "button", "", "", "", "", "Post 24999"]);
});

test("a light read is link, aria-label and text only, and leaves separators for the core to find", () => {
  // The core's first read of many candidates (src/shell/candidates.rs; it asks for no aria-expanded there): link,
  // aria-label and text are what can make a candidate a step; the few that may be are read again in full.
  const button = el("BUTTON", { type: "submit", role: "button", "aria-label": "Send", "aria-expanded": "true" }, " Send ");
  const link = el("A", { href: "/privacy/center/", role: "link" }, `Privacy${FIELD}Center`);
  const long = el("DIV", { role: "button" }, "y".repeat(500));
  Object.assign(calls, { role: 0, type: 0 });
  const out = read([new NodeList([button, link, long])], 50, false, true);
  assert.deepEqual(out.list, [button, link, long]);
  assert.deepEqual(calls, { role: 0, type: 0 }, "no role or type read");
  const fields = out.data.split(FIELD);
  assert.deepEqual(fields.slice(0, 3), ["", "Send", "Send"], "the last three fields of a full record");
  // The page's separator is still there: ten fields for three elements, so the core reads everything again in full.
  assert.deepEqual(fields.slice(3, 7), ["/privacy/center/", "", "Privacy", "Center"]);
  assert.equal(fields.length, 10);
  assert.equal(fields[9].length, 50, "long texts are still cut");
  // The full read of the same elements replaces it, and reads role and type.
  const full = rows(read([[button, link]], 200, true, false).data);
  assert.deepEqual(full.map((r) => r.length), [7, 7]);
  assert.deepEqual(full[0], ["button", "button", "submit", "true", "", "Send", "Send"]);
  assert.deepEqual(full[1].slice(4), ["/privacy/center/", "", "Privacy Center"]);
  assert.deepEqual(calls, { role: 2, type: 1 }, "role of both, the type of the button only");
});
