// Content script, injected before the core (manifest `content_scripts`): defines `objectorReadCandidates` in the
// extension's own world (pages cannot see it), which the Rust core calls (src/shell/candidates.rs).
//
// Reads every candidate's tag, attributes and text in ONE call from Rust, as one string: every field followed by
// U+001F but the last, the same number of fields for every element (U+001F is replaced in page text first, tag
// names included: the HTML parser accepts it there; a light read leaves it, see below). The fields are pushed into
// one array and joined once: no string per element to build and then flatten (a whole-page rescan of the bench
// feed took 0.5 and 0.7 ms less of 8.6 and 9.6 in Chromium, side by side, than with a record separator). One boundary
// crossing and one string copy per read, instead of eight web-sys calls per element (measured on a 20,000-element
// feed: about 3,800 candidates). Reading only: no layout, no writes. The logic stays in Rust (src/core).
globalThis.objectorReadCandidates = (() => {
  const ANY = /\u001f/, ALL = /\u001f/g, { getAttribute } = Element.prototype, { item } = NodeList.prototype;

  // `parts`, chosen by the core: node lists (the whole page's candidates, or those inside an element the page
  // added) and single elements (nodeType 1: the candidate around a changed node). Each element is read once, in
  // order, and at most 25,000 candidates are read (a 100,000-element page has about 20,000), so that a scan's
  // cost stays bounded: only a feed scrolled for a very long time gets there, and then the panel still offers
  // the direct link.
  // `aria-expanded` is read only if `expanded` (a step of the page asks about it; none on a feed).
  // `light`: the core's first read of many candidates, to find the few that may be a step: only the three fields
  // that can make one, link, aria-label and text (no role and no type: a DOM call each; a string a quarter
  // shorter), and the separator is not replaced (a test per field); the core reads those few again in full, and
  // reads everything again in full if a field held a separator.
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
  return (parts, max, expanded, light) => {
    const cut = (s) => (s.length > max ? s.slice(0, max) : s), at = (e, name) => clean(getAttribute.call(e, name) || "");
    // Most fields are empty or plain: test before replacing (about 0.7 ms less per scan of 3,800 candidates).
    const clean = light ? cut : (s) => ((s = cut(s)) && ANY.test(s) ? s.replace(ALL, " ") : s);
    const all = parts.length === 1 && parts[0].nodeType !== 1 ? parts[0] // one list (node list or array): no duplicates
      : Array.from(new Set(parts.flatMap((p) => (p.nodeType === 1 ? [p] : Array.from(p))))), list = [], records = [];
    for (let i = 0, n = Math.min(all.length, 25000), nodes = !Array.isArray(all); i < n; i++) {
      // localName is lower case already (HTML). Only links have a target and only inputs and buttons a type
      // worth reading: two DOM calls fewer for most of a feed's candidates. A radio button's words are in its
      // <label>s. Each field goes straight into the one array: no string or array per element.
      const e = (list[i] = nodes ? item.call(all, i) : all[i]), tag = local.call(e), labels = tag === "input" && e.labels;
      const words = labels ? Array.from(labels, (l) => text.call(l) || "").join(" ") : text.call(e) || "";
      // The fields: tag, role, type, aria-expanded, then href, aria-label and text, the light read's three.
      // The light read cuts a link at its "?": the core needs only its path, and Meta's links carry tracking queries
      // of about 150 characters (on a feed of such links, a whole-page rescan in Chromium took 16.6 ms instead of
      // 21.9). Not a link that starts with its "?" (this page's own path) or with what URL parsers drop (<= " ").
      const h = tag === "a" ? at(e, "href") : "", q = light && h.charCodeAt(0) > 32 ? h.indexOf("?") : 0;
      if (!light) records.push(clean(tag), clean(role.call(e) || ""),
        tag === "input" || tag === "button" ? at(e, "type") : "", expanded ? clean(state.call(e) || "") : "");
      records.push(q > 0 ? h.slice(0, q) : h, clean(label.call(e) || ""), clean(words.trim()));
    }
    return { list, data: records.join("\u001f") };
  };
})();
