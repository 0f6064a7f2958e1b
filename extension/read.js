// Content script, injected before the core (manifest `content_scripts`): defines `objectorReadCandidates` in the
// extension's own world (pages cannot see it), which the Rust core calls (src/shell/candidates.rs).
//
// Reads every candidate's tag, attributes and text in ONE call from Rust, as one string: field after field
// separated by U+001F, element after element by U+001E (both removed from page text first). One boundary
// crossing and one string copy per scan, instead of eight web-sys calls per element (measured on a 20,000-element
// feed: about 3,800 candidates). Reading only: no layout, no writes. The logic stays in Rust (src/core).
globalThis.objectorReadCandidates = (() => {
  const FIELD = "\u001f";
  const RECORD = "\u001e";
  const SEPARATORS = /[\u001e\u001f]/g;
  const HAS_SEPARATOR = /[\u001e\u001f]/;

  // Most fields are empty or plain: test before replacing (about 0.7 ms less per scan of 3,800 candidates).
  function clean(s, max) {
    const t = s.length > max ? s.slice(0, max) : s;
    return t && HAS_SEPARATOR.test(t) ? t.replace(SEPARATORS, " ") : t;
  }

  // A page with more candidates than this (a 100,000-element page has about 20,000) is read up to here, so
  // that a scan's cost stays bounded. The pages on the way (settings, Privacy Center, policy, forms) are far
  // smaller; only a feed scrolled for a very long time gets there, and then a menu rendered at the end of the
  // body may be missed (the panel then offers the direct link).
  const MAX_CANDIDATES = 25000;
  const ELEMENT_NODE = 1;

  // `parts`, chosen by the core: node lists (the whole page's candidates, or those inside an element the page
  // added) and single elements (the candidate around a changed node). Each element is read once, in order.
  return function readCandidates(parts, maxText) {
    const list = parts.length === 1 && parts[0].nodeType !== ELEMENT_NODE
      ? Array.prototype.slice.call(parts[0], 0, MAX_CANDIDATES) // one list: nothing to de-duplicate
      : Array.from(new Set(parts.flatMap((p) => (p.nodeType === ELEMENT_NODE ? [p] : Array.from(p))))).slice(0, MAX_CANDIDATES);
    const n = list.length;
    const records = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = list[i];
      // localName is already lower case (HTML); only links have a target and only inputs and buttons a type
      // worth reading: two DOM calls fewer for most of a feed's candidates.
      const tag = e.localName;
      // A radio button's words are in its <label>s.
      const labels = tag === "input" ? e.labels : null;
      const text = labels ? Array.from(labels, (l) => l.textContent || "").join(" ") : e.textContent || "";
      // String concatenation, not an array per element.
      records[i] = tag +
        FIELD + (tag === "a" ? clean(e.getAttribute("href") || "", maxText) : "") +
        FIELD + clean(e.getAttribute("role") || "", maxText) +
        FIELD + (tag === "input" || tag === "button" ? clean(e.getAttribute("type") || "", maxText) : "") +
        FIELD + clean(e.getAttribute("aria-label") || "", maxText) +
        FIELD + clean(e.getAttribute("aria-expanded") || "", maxText) +
        FIELD + clean(text.trim(), maxText);
    }
    return { list, data: records.join(RECORD) };
  };
})();
