// Content script, injected before the core (manifest `content_scripts`): defines `objectorReadCandidates` in the
// extension's own world (pages cannot see it), which the Rust core calls (src/shell/candidates.rs).
//
// Reads every candidate's tag, attributes and text in ONE call from Rust, as one string: field after field
// separated by U+001F, element after element by U+001E (both replaced in page text first, tag names included:
// the HTML parser accepts them there; a light read leaves them, see below). One boundary crossing and one string
// copy per read, instead of eight web-sys calls per element (measured on a 20,000-element feed: about 3,800
// candidates). Reading only: no layout, no writes. The logic stays in Rust (src/core).
globalThis.objectorReadCandidates = (() => {
  const ANY = /[\u001e\u001f]/, ALL = /[\u001e\u001f]/g;

  // `parts`, chosen by the core: node lists (the whole page's candidates, or those inside an element the page
  // added) and single elements (nodeType 1: the candidate around a changed node). Each element is read once, in
  // order, and at most 25,000 candidates are read (a 100,000-element page has about 20,000), so that a scan's
  // cost stays bounded: only a feed scrolled for a very long time gets there, and then the panel still offers
  // the direct link.
  // `aria-expanded` is read only if `expanded` (a step of the page asks about it; none on a feed).
  // `light`: the core's first read of many candidates, to find the few that may be a step: only the three fields
  // that can make one, link, aria-label and text (no role and no type: a DOM call each; a string a quarter
  // shorter), and separators are not replaced (a test per field); the core reads those few again in full, and
  // reads everything again in full if a field held a separator.
  // role and aria-* are read as their reflecting properties (e.role is getAttribute("role"), null included): in a
  // Firefox content script, where every DOM call goes through an Xray wrapper, a property read costs about a
  // quarter of a getAttribute call (the read of the feed's candidates: 27-29 ms -> 18-21; Chromium: the same).
  return (parts, max, expanded, light) => {
    const cut = (s) => (s.length > max ? s.slice(0, max) : s);
    // Most fields are empty or plain: test before replacing (about 0.7 ms less per scan of 3,800 candidates).
    const clean = light ? cut : (s) => ((s = cut(s)) && ANY.test(s) ? s.replace(ALL, " ") : s);
    const at = (e, name) => clean(e.getAttribute(name) || "");
    const all = parts.length === 1 && parts[0].nodeType !== 1
      ? parts[0] // one list: nothing to de-duplicate
      : Array.from(new Set(parts.flatMap((p) => (p.nodeType === 1 ? [p] : Array.from(p))))), list = [], records = [];
    for (let i = 0; i < all.length && i < 25000; i++) {
      // localName is lower case already (HTML). Only links have a target and only inputs and buttons a type
      // worth reading: two DOM calls fewer for most of a feed's candidates. A radio button's words are in its
      // <label>s. String concatenation, not an array per element.
      const e = all[i], tag = e.localName, labels = tag === "input" ? e.labels : null;
      const text = labels ? Array.from(labels, (l) => l.textContent || "").join(" ") : e.textContent || "";
      list.push(e);
      // A record: tag, role, type, aria-expanded, then href, aria-label and text, the light read's three fields.
      const signs = (tag === "a" ? at(e, "href") : "") + "\u001f" + clean(e.ariaLabel || "") + "\u001f" + clean(text.trim());
      records.push(light ? signs : clean(tag) + "\u001f" + clean(e.role || "") + "\u001f" + (tag === "input" ||
        tag === "button" ? at(e, "type") : "") + "\u001f" + (expanded ? clean(e.ariaExpanded || "") : "") + "\u001f" + signs);
    }
    return { list, data: records.join("\u001e") };
  };
})();
