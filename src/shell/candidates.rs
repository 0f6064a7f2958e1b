//! Reads the page's clickable elements into plain [`Candidate`] values for the
//! core to score. Reads attributes and `textContent` only (no `innerText`,
//! which forces layout). Visibility (a layout read) is checked afterwards,
//! only for the few candidates that score, best first: see
//! [`crate::core::ranking::Ranking::decide`].

use crate::core::matcher::{Candidate, Sift};
use crate::core::selector;
use crate::prelude::*;
use crate::shell::local::Local;
use ::core::cell::{OnceCell, RefCell};
use alloc::rc::Rc;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

/// Everything that can be the next click on Meta's pages.
const SELECTOR: &str = selector::CANDIDATES;
/// Where a form says what it is about.
const HEADINGS: &str = "h1, h2, h3, [role=heading], legend, label, [role=radiogroup]";
/// Longer texts are content, not controls; the core ignores them anyway.
const MAX_TEXT: usize = 200;

#[wasm_bindgen]
extern "C" {
    /// `{ all, n, list: Element[], data: "tag\x1frole\x1ftype\x1faria-expanded\x1fhref\x1faria-label\x1ftext\x1ftag…" }`
    /// for `parts`, node lists and single elements, each element read once
    /// (`all`: what was read, `n` elements of it): the elements that may be a
    /// step (`sift`'s answers about their text, aria-label and link, see
    /// [`Sift`]) and their seven fields each, each but the last followed by
    /// U+001F. Defined by `extension/read.js`, a content script injected
    /// before the core. `aria-expanded` is read only when `expanded` (a step
    /// asks about it). `sift` is `{ label, labelsKey, link, linksKey }`.
    #[wasm_bindgen(js_name = objectorReadCandidates, catch)]
    fn read_candidates(parts: &Array, max_text: u32, expanded: bool, sift: &Object) -> Result<JsValue, JsValue>;
}

/// The candidates that may be a step, read in full (see [`read`]), and the
/// elements they were read from (by index).
pub struct Found {
    /// Every element read, also those the sift ruled out: the node list of a
    /// whole-page read, an array of what changed.
    read: Option<JsValue>,
    count: usize,
    list: Option<Array>,
    data: String,
}

impl Found {
    fn empty() -> Found {
        Found { read: None, count: 0, list: None, data: String::new() }
    }

    /// The candidates that may be a step, borrowing their fields from the one
    /// string read.
    pub fn candidates(&self) -> Vec<Candidate<'_>> {
        Candidate::parse_all(&self.data)
    }

    pub fn element(&self, index: usize) -> Option<Element> {
        let i = u32::try_from(index).ok()?;
        self.list.as_ref()?.get(i).dyn_into::<Element>().ok()
    }

    /// How many candidates were read.
    pub fn read_count(&self) -> usize {
        self.count
    }

    /// Whether `e` was read this time, by a read of what changed (a
    /// whole-page read answers no: nothing asks it then).
    pub fn contains(&self, e: &Element) -> bool {
        self.read.as_ref().and_then(|r| r.dyn_ref::<Array>()).is_some_and(|l| l.includes(e, 0))
    }
}

/// Reads every candidate of the page (see [`read`]), with its `aria-expanded`
/// state if `expanded` (a step of the page asks about it: on a feed none
/// does, and that is a DOM call fewer for each candidate that may be a step).
/// The page is queried as [`selector::QUERY`]: the elements of `SELECTOR`, in
/// less time.
pub fn collect(doc: &Document, expanded: bool, sift: Rc<Sift>) -> Found {
    match doc.query_selector_all(selector::QUERY) {
        Ok(all) => read(&Array::of1(&all), expanded, sift),
        Err(_) => Found::empty(),
    }
}

/// Reads only what changed: the candidates in and at `roots` (elements the
/// page added), and the candidate around each of `owners` (nodes whose text,
/// link or state changed).
/// A few calls per changed node (never per candidate); the elements are read
/// in one call. Nodes no longer in `doc` are skipped: removed, or moved into a
/// frame or a shadow root since (where a whole-page read would not find them
/// either, and where the guide never acts).
pub fn collect_changed(doc: &Document, roots: &[Node], owners: &[Node], expanded: bool, sift: Rc<Sift>) -> Found {
    let parts = Array::new();
    // Roots are elements (`Changes::note` keeps only those).
    for root in roots.iter().filter(|r| in_page(doc, r)).map(|r| r.unchecked_ref::<Element>()) {
        if root.matches(SELECTOR).unwrap_or(false) {
            parts.push(root);
        }
        if let Ok(inside) = root.query_selector_all(SELECTOR) {
            parts.push(&inside);
        }
    }
    for owner in owners {
        let element = match owner.dyn_ref::<Element>() {
            Some(e) => Some(e.clone()),
            None => owner.parent_element(),
        };
        if let Some(c) = element.filter(|e| in_page(doc, e)).and_then(|e| e.closest(SELECTOR).ok().flatten()) {
            parts.push(&c);
        }
    }
    if parts.length() == 0 {
        return Found::empty();
    }
    read(&parts, expanded, sift)
}

/// Whether `node` is in `doc` itself: not removed, not moved into a frame
/// (`isConnected` is true there too) or into a shadow root (`contains` does
/// not look inside those).
pub fn in_page(doc: &Document, node: &Node) -> bool {
    doc.contains(Some(node))
}

/// The sift of the read under way, which [`questions`] answer from.
static SIFT: Local<RefCell<Option<Rc<Sift>>>> = Local(RefCell::new(None));
/// `read.js`'s `sift` argument, made once (see [`questions`]).
static ASKS: Local<OnceCell<Object>> = Local(OnceCell::new());

/// `{ label, link }`: the functions `read.js` asks its two questions with,
/// answered by the sift of the read under way (none outside a read: no).
/// Made once for the page's life: a new function at every scan made the
/// engine throw away the code it had optimized for the last one, in the
/// middle of a whole page's read (Chromium's `--trace-deopt`: "wrong call
/// target"). Their keys are set at each read.
fn questions() -> Object {
    let ask = |may: fn(&Sift, &str) -> bool| {
        Closure::<dyn Fn(String) -> bool>::new(move |s: String| {
            SIFT.with(|sift| sift.borrow().as_ref().is_some_and(|sift| may(sift, &s)))
        })
        .into_js_value()
    };
    let o = Object::new();
    let _ = Reflect::set(&o, &"label".into(), &ask(Sift::may_label));
    let _ = Reflect::set(&o, &"link".into(), &ask(Sift::may_link));
    o
}

/// Reads `parts` in one call of `read.js`: of every candidate its text,
/// aria-label and link, which `sift` judges (what can make it a step); then
/// in full only those that may be one, usually a handful of a feed's
/// thousands. `read.js` keeps the answers by string (see [`Sift`]), and asks
/// the core only about strings it has no answer for under the same key: no
/// string of every candidate's fields is built, copied into the wasm and
/// split, as the reader did before, and a rescan asks about few strings or
/// none (a whole-page rescan of the bench feed, Chromium, side by side with
/// that reader: see docs/performance.md).
fn read(parts: &Array, expanded: bool, sift: Rc<Sift>) -> Found {
    let asks = ASKS.with(|a| a.get_or_init(questions).clone());
    for (k, v) in [("labelsKey", &sift.labels_key), ("linksKey", &sift.links_key)] {
        let _ = Reflect::set(&asks, &k.into(), &JsValue::from_str(v));
    }
    SIFT.with(|s| s.replace(Some(sift)));
    let v = read_candidates(parts, MAX_TEXT as u32, expanded, &asks);
    SIFT.with(|s| s.replace(None));
    let Ok(v) = v else { return Found::empty() };
    let field = |k: &str| Reflect::get(&v, &k.into()).ok();
    let list = field("list").and_then(|l| l.dyn_into::<Array>().ok());
    let data = field("data").and_then(|d| d.as_string()).unwrap_or_default();
    let count = field("n").and_then(|n| n.as_f64()).map_or(0, |n| n as usize);
    Found { read: field("all"), count, list, data }
}

/// The texts of the page's visible headings, legends and labels, capped: a
/// form is what the user sees (a hidden section's heading is not yet theirs).
pub fn headings(doc: &Document) -> Vec<String> {
    texts_of(doc, HEADINGS)
}

/// Where a page announces an outcome: headings and status messages.
const STATUS: &str = "h1, h2, h3, [role=heading], [role=alert], [role=status], [aria-live], [role=dialog]";

/// The visible texts of headings and status messages (Meta's confirmation).
pub fn status_texts(doc: &Document) -> Vec<String> {
    texts_of(doc, STATUS)
}

fn texts_of(doc: &Document, selector: &str) -> Vec<String> {
    let Ok(list) = doc.query_selector_all(selector) else { return Vec::new() };
    let opts = visibility_options();
    (0..list.length().min(200))
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .filter(|e| is_visible(e, &opts))
        .filter_map(|e| e.text_content())
        .map(|t| cap(t.trim()))
        .filter(|t| !t.is_empty())
        .collect()
}

fn cap(s: &str) -> String {
    // (`get`, not indexing: see `normalize::contains_str` on panics.)
    let end = s.char_indices().nth(MAX_TEXT).map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or(s).to_string()
}

/// The options for `checkVisibility` that make it also catch
/// `visibility: hidden` and `opacity: 0` (without them it only checks
/// `display` and `content-visibility`).
pub fn visibility_options() -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"visibilityProperty".into(), &JsValue::TRUE);
    let _ = Reflect::set(&o, &"opacityProperty".into(), &JsValue::TRUE);
    o.into()
}

/// Visible and with a size. `checkVisibility` (where the browser has it) also
/// catches `visibility: hidden`, `opacity: 0` and closed `<details>`.
pub fn is_visible(e: &Element, opts: &JsValue) -> bool {
    let r = e.get_bounding_client_rect();
    if r.width() < 1.0 || r.height() < 1.0 {
        return false;
    }
    match Reflect::get(e, &"checkVisibility".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) {
        Some(f) => f.call1(e, opts).map(|v| v.is_truthy()).unwrap_or(true),
        None => true,
    }
}
