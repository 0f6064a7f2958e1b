// Content script, injected before the core (manifest `content_scripts`): defines `objectorReadCandidates` in the
// extension's own world (pages cannot see it), which the Rust core calls (src/shell/candidates.rs).
//
// One call per scan reads the candidates the core hands over and returns the few that may be a step, with their
// fields as one string: every field followed by U+001F but the last, seven per element (U+001F is replaced in page
// text first, tag names included: the HTML parser accepts it there). Reading only: no layout, no writes. What may be
// a step is the core's to say (src/core/matcher.rs, `Sift`): this file asks it about strings and keeps its answers.
globalThis.objectorReadCandidates = (() => {
  const ANY = /\u001f/, ALL = /\u001f/g, { getAttribute } = Element.prototype, { item } = NodeList.prototype;
  // role and aria-* are read as their reflecting properties (e.role is getAttribute("role"), null included): in a
  // Firefox content script, where every DOM call goes through an Xray wrapper, a property read costs about a
  // quarter of a getAttribute call (the read of the feed's candidates: 27-29 ms -> 18-21; Chromium: the same).
  // And every DOM property and method is called as the function itself, taken once from this world's own
  // prototypes (`get.call(e)`, not `e.name`): through an Xray, `e.name` first looks the name up on the wrapper,
  // which costs more than the call. Firefox, the bench feed's 3,929 candidates, median of 22 whole-page reads:
  // this read 13 -> 6 ms (getAttribute alone 3-4 -> 1, the node list's items 2-3 -> 0-1); Chromium: no change.
  // A page cannot touch these functions: they are this world's (through an Xray, the native ones).
  const [local, text, label, role, state] = [[Element, "localName"], [Node, "textContent"], [Element, "ariaLabel"],
    [Element, "role"], [Element, "ariaExpanded"]].map(([t, n]) => Object.getOwnPropertyDescriptor(t.prototype, n).get);
  // An element's words, trimmed; a radio button's are in its <label>s.
  const words = (e, tag, l = tag === "input" && e.labels) =>
    (l ? Array.from(l, (x) => text.call(x) || "").join(" ") : text.call(e) || "").trim();
  // The core's answers by string (`labels`: may this text or aria-label be a step's label; `links`: may this link
  // lead to a step), kept while the core's key for them stays the same: an answer depends only on the string and on
  // what the key names (the steps, and the page's language for labels, its origin for links). A page's strings
  // repeat ("Like", "Reply", the same names and paths), and at a rescan all but the new ones are answered from here.
  // At most 4,096 of each, then all are forgotten: a feed scrolled for hours cannot grow them without bound.
  const memo = { labels: new Map(), links: new Map() }, keys = {};
  // The helpers are made once, not at every call: each new function at a call site the engine had optimized for
  // the last one made it throw that code away, in the middle of a whole page's read (Chromium's --trace-deopt:
  // "wrong call target"). `max` is the call's.
  let max = 200;
  const cut = (s) => (s.length > max ? s.slice(0, max) : s), at = (e, name) => clean(getAttribute.call(e, name) || "");
  // Most fields are plain: test before replacing (about 0.7 ms less per scan of 3,800 candidates).
  const clean = (s) => ((s = cut(s)) && ANY.test(s) ? s.replace(ALL, " ") : s);
  // The core is asked about a string as the full read below gives it. A text longer than `max` is asked about
  // every time: kept, its cut would keep the whole text alive.
  const ask = (m, s, f, v = s.length > max ? undefined : m.get(s)) =>
    v ?? (s.length > max ? f(clean(s)) : (m.size < 4096 || m.clear(), m.set(s, (v = f(clean(s)))), v));

  // `parts`, chosen by the core: node lists (the whole page's candidates, or those inside an element the page
  // added) and single elements (nodeType 1: the candidate around a changed node). Each element is read once, in
  // order, and at most 25,000 candidates are read (a 100,000-element page has about 20,000), so that a scan's
  // cost stays bounded: only a feed scrolled for a very long time gets there, and then the panel still offers
  // the direct link. `sift`: the core's two questions, and their keys. `aria-expanded` is read only if
  // `expanded` (a step of the page asks about it; none on a feed).
  return (parts, most, expanded, sift) => {
    max = most;
    for (const k of ["labels", "links"]) if (keys[k] !== sift[k + "Key"]) (keys[k] = sift[k + "Key"]), memo[k].clear();
    const all = parts.length === 1 && parts[0].nodeType !== 1 ? parts[0] // one list (node list or array): no duplicates
      : Array.from(new Set(parts.flatMap((p) => (p.nodeType === 1 ? [p] : Array.from(p))))), list = [], records = [];
    const n = Math.min(all.length, 25000);
    for (let i = 0, nodes = !Array.isArray(all); i < n; i++) {
      // What can make an element a step: its text, aria-label and link (only links have a target worth reading).
      // The rest of most candidates, never. A link is asked about up to its "?": the core needs its path only,
      // and Meta's links carry tracking queries of about 150 characters that make each one a string of its own
      // (the bench feed's 1,626 links have 280 paths). Not a link that starts with its "?" (this page's own path)
      // or with what URL parsers drop (<= " ").
      const e = nodes ? item.call(all, i) : all[i], tag = local.call(e), t = words(e, tag), a = label.call(e);
      const h = tag === "a" && getAttribute.call(e, "href"), q = h && h.charCodeAt(0) > 32 ? h.indexOf("?") : 0;
      if ((t && ask(memo.labels, t, sift.label)) || (a && ask(memo.labels, a, sift.label))
        || (h && ask(memo.links, q > 0 ? h.slice(0, q) : h, sift.link))) list.push(e);
    }
    // The few that may be a step, in full: tag, role, type (inputs and buttons only), aria-expanded, then the whole
    // link, aria-label and text. Each field goes straight into the one array, joined once.
    for (const e of list) {
      const tag = local.call(e);
      records.push(clean(tag), clean(role.call(e) || ""), tag === "input" || tag === "button" ? at(e, "type") : "",
        expanded ? clean(state.call(e) || "") : "", tag === "a" ? at(e, "href") : "", clean(label.call(e) || ""),
        clean(words(e, tag)));
    }
    return { all, n, list, data: records.join("\u001f") };
  };
})();
