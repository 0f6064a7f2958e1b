// extension/read.js, the content script that reads the candidates for the Rust core in one call per scan: it asks
// the core about each candidate's text, aria-label and link (src/core/matcher.rs, `Sift`), keeps the answers by
// string while the core's keys stay the same, and returns only the candidates that may be a step, one record of
// seven fields each, in which page text can never forge a field or a record.
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

let scope = 0;
/** The core's side (src/shell/candidates.rs): its two questions, answered from `labels` and `links`, with keys of
 * their own (a new scope each time unless `keys` are given); `asked` records every question, in order. */
function sift(labels = [], links = [], keys = null) {
  const asked = [];
  scope++;
  return {
    asked,
    label: (s) => (asked.push(["label", s]), labels.includes(s)),
    link: (s) => (asked.push(["link", s]), links.includes(s)),
    labelsKey: keys?.[0] ?? `labels ${scope}`,
    linksKey: keys?.[1] ?? `links ${scope}`,
  };
}

/** Every candidate may be a step: the core says yes to each text. */
const ALL = { label: () => true, link: () => true, labelsKey: "yes", linksKey: "yes" };

/** The records of `data`: seven fields each; no record separator. */
function rows(data) {
  const fields = data === "" ? [] : data.split(FIELD);
  assert.equal(fields.length % 7, 0, `whole records of 7 fields: ${JSON.stringify(data)}`);
  return Array.from({ length: fields.length / 7 }, (_, i) => fields.slice(i * 7, i * 7 + 7));
}

/** A whole-page read: one node list. */
function records(list, maxText = 200, s = ALL) {
  const out = read([new NodeList(list)], maxText, true, s);
  assert.equal(out.n, Math.min(list.length, 25_000), "every candidate is read");
  return rows(out.data);
}

test("one record of seven fields per element that may be a step: tag, role, type, aria-expanded, href, aria-label, text", () => {
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

test("only what may be a step is read further and handed back: by its text, its aria-label or its link", () => {
  const byText = el("DIV", { role: "button", type: "button" }, " Settings ");
  const byLabel = el("DIV", { role: "button", "aria-label": "Your profile" }, "J");
  const byLink = el("A", { href: "/privacy/center/?x=1", role: "link" }, "Learn more");
  const like = el("DIV", { role: "button" }, "Like");
  const post = el("A", { href: "/groups/1/posts/2/", role: "link" }, "Jane Doe");
  const labelOnly = el("SPAN", { role: "button", href: "/privacy/center/?x=1" }, "Share"); // no link but on <a>
  const s = sift(["Settings", "Your profile"], ["/privacy/center/"]);
  Object.assign(calls, { role: 0, type: 0 });
  const parts = new NodeList([like, byText, post, byLabel, labelOnly, byLink]);
  const out = read([parts], 200, false, s);
  assert.equal(out.all, parts, "what was read: the list itself");
  assert.equal(out.n, 6);
  assert.deepEqual(out.list, [byText, byLabel, byLink], "the candidates that may be a step, in page order");
  assert.deepEqual(rows(out.data).map((r) => [r[0], r[4], r[5], r[6]]), [
    ["div", "", "", "Settings"], ["div", "", "Your profile", "J"], ["a", "/privacy/center/?x=1", "", "Learn more"]]);
  assert.deepEqual(calls, { role: 3, type: 0 }, "role read of the three only; a type only on inputs and buttons");
  // Each question once per string (the first answer that says yes spares the others), texts trimmed, links up to
  // their "?", and whole in the record.
  assert.deepEqual(s.asked, [["label", "Like"], ["label", "Settings"], ["label", "Jane Doe"],
    ["link", "/groups/1/posts/2/"], ["label", "J"], ["label", "Your profile"], ["label", "Share"], ["label", "Learn more"],
    ["link", "/privacy/center/"]]);
});

test("the answers are kept by string while the core's keys stay the same, and asked again when one changes", () => {
  const page = () => new NodeList([el("DIV", { role: "button" }, "Like"), el("A", { href: "/groups/1/" }, "Like"),
    el("DIV", { role: "button", "aria-label": "Like" }, "Like")]);
  const first = sift([], [], ["en feed", "https://www.facebook.com/"]);
  read([page()], 200, false, first);
  assert.deepEqual(first.asked, [["label", "Like"], ["link", "/groups/1/"]], "each string once in a read");
  const again = sift([], [], ["en feed", "https://www.facebook.com/"]);
  read([page(), el("A", { href: "/groups/2/" }, "Like")], 200, false, again);
  assert.deepEqual(again.asked, [["link", "/groups/2/"]], "only what was not asked before under the same keys");
  // Another page (the links' key): links are asked again, texts are not; another language: texts are.
  const moved = sift([], [], ["en feed", "https://www.facebook.com/home.php"]);
  read([page()], 200, false, moved);
  assert.deepEqual(moved.asked, [["link", "/groups/1/"]]);
  const fr = sift([], [], ["fr feed", "https://www.facebook.com/home.php"]);
  read([page()], 200, false, fr);
  assert.deepEqual(fr.asked, [["label", "Like"]]);
  // A "no" kept is a no, a "yes" a yes: the answers are the core's, not the first one's.
  const yes = sift(["Like"], [], ["en settings", "https://www.facebook.com/settings"]);
  assert.equal(read([page()], 200, false, yes).list.length, 3);
  const kept = sift([], [], ["en settings", "https://www.facebook.com/settings"]);
  assert.equal(read([page()], 200, false, kept).list.length, 3, "the answer kept for the same keys");
  assert.deepEqual(kept.asked, []);
});

test("a link is asked about up to its \"?\", once per path, unless the \"?\" is all its path or a URL parser drops its start", () => {
  const links = ["/groups/1/?__cft__[0]=AZ1&__tn__=R", "/groups/1/?__cft__[0]=AZ2", "/groups/1/", "?tab=2", " /x?y", "\u0001/x?y", "/x#a?b"];
  const s = sift([], ["/groups/1/"]);
  const out = read([links.map((href) => el("A", { href }, ""))], 200, false, s);
  assert.deepEqual(s.asked, [["link", "/groups/1/"], ["link", "?tab=2"], ["link", " /x?y"], ["link", "\u0001/x?y"], ["link", "/x#a"]]);
  assert.equal(out.list.length, 3, "the three links to /groups/1/");
  assert.deepEqual(rows(out.data).map((r) => r[4]), links.slice(0, 3), "in full in the record");
  // At the next scan the links themselves are known: no path is cut, nothing asked.
  const again = sift([], ["/groups/1/"], [s.labelsKey, s.linksKey]);
  read([links.map((href) => el("A", { href }, ""))], 200, false, again);
  assert.deepEqual(again.asked, []);
});

test("at most 4,096 answers of each kind are kept, then all are forgotten", () => {
  const keys = ["cap", "cap"];
  const many = (from, to) => Array.from({ length: to - from }, (_, i) => el("DIV", { role: "button" }, `Post ${from + i}`));
  read([many(0, 4096)], 200, false, sift([], [], keys));
  const next = sift([], [], keys);
  read([many(4095, 4097)], 200, false, next);
  assert.deepEqual(next.asked, [["label", "Post 4096"]], "4,096 kept");
  const after = sift([], [], keys);
  read([many(0, 1)], 200, false, after);
  assert.deepEqual(after.asked, [["label", "Post 0"]], "forgotten when the 4,097th came");
});

test("the core is asked about what the full read gives: separators replaced, long texts cut (and asked each time)", () => {
  const evil = el("A", { role: "link", "aria-label": `Your${FIELD}profile`, href: `/privacy${FIELD}center/` }, `Privacy${FIELD}Center`);
  const long = el("DIV", { role: "button" }, `Settings${" ".repeat(300)}x`);
  const s = sift(["Privacy Center", "Settings"], ["/privacy center/"], ["sep", "sep"]);
  const out = read([[evil, long]], 50, false, s);
  assert.deepEqual(s.asked, [["label", "Privacy Center"], ["label", `Settings${" ".repeat(42)}`]]);
  assert.deepEqual(out.list, [evil], "(this stand-in core does not normalise)");
  const again = sift(["Privacy Center", "Settings"], [], ["sep", "sep"]);
  read([[evil, long]], 50, false, again);
  assert.deepEqual(again.asked, [["label", `Settings${" ".repeat(42)}`]], "a text longer than the cut is not kept");
  const link = sift([], ["/privacy center/"]);
  read([[el("A", { href: `/privacy${FIELD}center/` }, "")]], 50, false, link);
  assert.deepEqual(link.asked, [["link", "/privacy center/"]]);
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
  assert.equal(rows(read([[button]], 200, true, ALL).data)[0][3], "false");
  assert.equal(rows(read([[button]], 200, false, ALL).data)[0][3], "");
});

test("long texts are cut at maxText; a radio button's words come from its labels", () => {
  const rows = records([
    el("BUTTON", {}, "x".repeat(500)),
    el("INPUT", { type: "radio" }, "", [el("LABEL", {}, "Yes,"), el("LABEL", {}, "about AI")]),
  ], 50);
  assert.equal(rows[0][6].length, 50);
  assert.deepEqual(rows[1], ["input", "", "radio", "", "", "", "Yes, about AI"]);
});

test("after a change, the parts the core chose are read in order, each element once", () => {
  // The core (src/shell/candidates.rs) hands over what the page added (the element itself and the list of the
  // candidates inside it) and the candidate around each changed node; one of those is already in a list.
  const inside = el("A", { href: "/privacy/center/" }, "Privacy Center");
  const added = el("DIV", { role: "button" }, "Menu");
  const button = el("BUTTON", {}, "Send");
  const out = read([added, new NodeList([inside]), button, inside], 200, true, ALL);
  assert.deepEqual(out.all, [added, inside, button]);
  assert.deepEqual(out.list, [added, inside, button]);
  assert.deepEqual(rows(out.data).map((r) => r[6]), ["Menu", "Privacy Center", "Send"]);
  assert.deepEqual(read([], 200, false, ALL), { all: [], n: 0, list: [], data: "" });
});

test("at most 25,000 elements are read, so that a scan's cost stays bounded", () => {
  // The core's query (src/core/selector.rs) returns candidates only: every element it found is read, in order.
  const many = Array.from({ length: 25_010 }, (_, i) => el("DIV", { role: "button" }, `Post ${i}`));
  const out = read([many], 200, false, ALL);
  assert.equal(out.n, 25_000);
  assert.deepEqual(out.list, many.slice(0, 25_000));
  assert.deepEqual(rows(out.data).at(-1), ["div", "button", "", "", "", "", "Post 24999"]);
  assert.equal(records(Array.from({ length: 25_010 }, () => el("A", { href: "/x" }, "x"))).length, 25_000);
});
