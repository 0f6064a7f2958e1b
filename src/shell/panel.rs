//! The guide panel and the highlight ring, in a closed shadow root on an
//! `<objector-guide>` host (the stable test hook). Built with DOM calls and
//! text nodes only: no markup string ever reaches the page.

use crate::core::strings::{concat, decimal};
use crate::prelude::*;
use crate::shell::dom::el;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

// panel.css, compacted by build.rs (no comments or indentation in the wasm).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/panel.css"));

/// What the panel shows.
#[derive(PartialEq)]
pub struct View {
    pub site: String,
    pub page: String,
    pub step: String,
    /// `found`, `looking`, `not-found` or `done` (the `data-status` test hook).
    pub status: &'static str,
    /// The message keys of the note, space-separated (the `data-note` test hook).
    pub note_keys: String,
    pub where_text: String,
    pub step_text: String,
    pub note: String,
    pub direct_label: String,
    /// Empty hides the direct link.
    pub direct_href: String,
    pub brand: String,
    pub close_label: String,
    pub not_now_label: String,
    pub region_label: String,
    /// The language of the panel's words (BCP 47): screen readers pronounce
    /// them right, and it may differ from the page's.
    pub lang: String,
}

pub struct Panel {
    host: Element,
    _root: ShadowRoot,
    where_: Element,
    step: Element,
    note: Element,
    direct: Element,
    not_now: HtmlElement,
    close: HtmlElement,
    ring: HtmlElement,
    /// The ring's box as last written (x, y, width, height): a scan that
    /// finds the target where it was writes no style (on a busy page, every
    /// style write is a style recalculation in the next frame).
    ring_box: ::core::cell::Cell<Option<[i32; 4]>>,
    /// The view as last applied: on a feed that changes every few frames the
    /// guide re-shows the same view after every scan, and comparing it here
    /// saves reading back some twenty attributes and texts across the wasm
    /// boundary each time.
    shown: ::core::cell::RefCell<Option<View>>,
}

impl Panel {
    pub fn create(doc: &Document) -> Option<Panel> {
        let host = doc.create_element("objector-guide").ok()?;
        let init = ShadowRootInit::new(ShadowRootMode::Closed);
        let root = host.attach_shadow(&init).ok()?;
        let style = el(doc, "style", "", CSS)?;
        let panel = el(doc, "div", "panel", "")?;
        panel.set_attribute("role", "region").ok()?;
        let brand = el(doc, "p", "brand", "")?;
        let where_ = el(doc, "p", "where", "")?;
        let step = el(doc, "p", "step", "")?;
        // Screen readers announce each new step.
        step.set_attribute("aria-live", "polite").ok()?;
        let note = el(doc, "p", "note", "")?;
        note.set_attribute("aria-live", "polite").ok()?;
        let actions = el(doc, "div", "actions", "")?;
        let direct = el(doc, "a", "direct", "")?;
        direct.set_attribute("target", "_top").ok()?;
        direct.set_attribute("rel", "noopener").ok()?;
        let not_now: HtmlElement = el(doc, "button", "not-now", "")?.dyn_into().ok()?;
        not_now.set_attribute("type", "button").ok()?;
        let close: HtmlElement = el(doc, "button", "close", "×")?.dyn_into().ok()?;
        close.set_attribute("type", "button").ok()?;
        let ring: HtmlElement = el(doc, "div", "ring", "")?.dyn_into().ok()?;
        ring.set_attribute("hidden", "").ok()?;
        actions.append_child(&direct).ok()?;
        actions.append_child(&not_now).ok()?;
        for child in [&brand, &where_, &step, &note, &actions] {
            panel.append_child(child).ok()?;
        }
        panel.append_child(&close).ok()?;
        for child in [&style, &panel] {
            root.append_child(child).ok()?;
        }
        root.append_child(&ring).ok()?;
        brand.set_text_content(Some("Objector"));
        doc.document_element()?.append_child(&host).ok()?;
        Some(Panel {
            host,
            _root: root,
            where_,
            step,
            note,
            direct,
            not_now,
            close,
            ring,
            ring_box: Default::default(),
            shown: Default::default(),
        })
    }

    pub fn close_button(&self) -> &HtmlElement {
        &self.close
    }

    pub fn not_now_button(&self) -> &HtmlElement {
        &self.not_now
    }

    pub fn host(&self) -> &Element {
        &self.host
    }

    /// Updates texts and hooks; touches the DOM only where something changed.
    pub fn show(&self, v: View) {
        if self.shown.borrow().as_ref() == Some(&v) {
            return;
        }
        set_attr(&self.host, "data-site", &v.site);
        set_attr(&self.host, "data-page", &v.page);
        set_attr(&self.host, "data-step", &v.step);
        set_attr(&self.host, "data-status", v.status);
        set_attr(&self.host, "lang", &v.lang);
        set_attr(&self.host, "data-note", &v.note_keys);
        set_text(&self.where_, &v.where_text);
        set_text(&self.step, &v.step_text);
        set_text(&self.note, &v.note);
        set_text(&self.direct, &v.direct_label);
        set_text(&self.not_now, &v.not_now_label);
        set_attr(&self.close, "aria-label", &v.close_label);
        set_attr(&self.close, "title", &v.close_label);
        if let Some(panel) = self.where_.parent_element() {
            set_attr(&panel, "aria-label", &v.region_label);
        }
        if v.direct_href.is_empty() {
            set_attr(&self.direct, "hidden", "");
        } else {
            let _ = self.direct.remove_attribute("hidden");
            set_attr(&self.direct, "href", &v.direct_href);
        }
        if let Some(brand) = self.where_.previous_element_sibling() {
            set_text(&brand, &v.brand);
        }
        self.shown.replace(Some(v));
    }

    /// Draws the ring over `target`'s box, or hides it, and keeps the panel
    /// out of the target's way.
    pub fn ring_over(&self, target: Option<&Element>) {
        let Some(t) = target else {
            set_attr(&self.ring, "hidden", "");
            return;
        };
        let r = t.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            set_attr(&self.ring, "hidden", "");
            return;
        }
        self.avoid(&r);
        // Whole pixels: formatting an f64 would pull Rust's float printing
        // (about 17 KB) into the wasm for a sub-pixel nobody sees.
        // (`f64::round` is std's; the wasm build is no_std.)
        let px = |v: f64| (if v < 0.0 { v - 0.5 } else { v + 0.5 }) as i32;
        let pad = 4;
        let (x, y) = (px(r.left()) - pad, px(r.top()) - pad);
        let (w, h) = (px(r.width()) + 2 * pad, px(r.height()) + 2 * pad);
        if self.ring_box.replace(Some([x, y, w, h])) != Some([x, y, w, h]) {
            let s = self.ring.style();
            let css = |v: i32| concat(&[&decimal(v.into()), "px"]);
            let _ = s.set_property("transform", &concat(&["translate(", &css(x), ", ", &css(y), ")"]));
            let _ = s.set_property("width", &css(w));
            let _ = s.set_property("height", &css(h));
        }
        if self.ring.has_attribute("hidden") {
            let _ = self.ring.remove_attribute("hidden");
        }
    }

    /// Moves the panel to the first corner (bottom-right, bottom-left,
    /// top-right, top-left) where it does not cover the target: a guide that
    /// hides the button it points at is worse than none.
    fn avoid(&self, target: &web_sys::DomRect) {
        let Some(w) = web_sys::window() else { return };
        let vw = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let vh = w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let me = self.host.get_bounding_client_rect();
        let (pw, ph, gap) = (me.width(), me.height(), 16.0);
        let margin = 8.0; // keep clear of the ring's glow too
        let corners = [("bottom", "right"), ("bottom", "left"), ("top", "right"), ("top", "left")];
        let free = |(v, h): (&str, &str)| {
            let left = if h == "right" { vw - gap - pw } else { gap };
            let top = if v == "bottom" { vh - gap - ph } else { gap };
            left + pw + margin <= target.left()
                || target.right() + margin <= left
                || top + ph + margin <= target.top()
                || target.bottom() + margin <= top
        };
        let current = (
            if self.host.get_attribute("data-v").as_deref() == Some("top") { "top" } else { "bottom" },
            if self.host.get_attribute("data-h").as_deref() == Some("left") { "left" } else { "right" },
        );
        if free(current) {
            return;
        }
        let (v, h) = corners.into_iter().find(|c| free(*c)).unwrap_or(("bottom", "right"));
        let style = self.host.unchecked_ref::<HtmlElement>().style();
        for side in ["top", "bottom", "left", "right"] {
            let value = if side == v || side == h { "16px" } else { "auto" };
            let _ = style.set_property_with_priority(side, value, "important");
        }
        set_attr(&self.host, "data-v", v);
        set_attr(&self.host, "data-h", h);
    }

    pub fn remove(&self) {
        self.host.remove();
    }
}

fn set_attr(e: &Element, name: &str, value: &str) {
    if e.get_attribute(name).as_deref() != Some(value) {
        let _ = e.set_attribute(name, value);
    }
}

fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}
