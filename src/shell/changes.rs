//! What the page changed between two scans, gathered from the content
//! script's mutation records: the guide then reads only those parts of the
//! page (`shell::candidates::collect_changed`), or the whole page when they
//! are too many.

use crate::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MutationRecord, Node};

/// Page changes since the last scan, from the mutation records.
#[derive(Default)]
pub struct Changes {
    /// Elements the page added: each is read with everything inside it.
    pub roots: Vec<Node>,
    /// Nodes whose candidate (the closest one around them) may read
    /// differently: a child added or removed, a text, link or state changed.
    pub owners: Vec<Node>,
    /// More changes than are worth following one by one: read the whole page.
    pub all: bool,
}

/// Up to this many changed nodes between two scans are followed one by one
/// on any page (see [`Changes::limit`]).
const MAX_CHANGES: usize = 256;

impl Changes {
    /// Beyond this many changed nodes between two scans, reading the whole
    /// page costs less than following them (a page re-rendering itself): a
    /// quarter of the candidates the last whole read found, and never fewer
    /// than [`MAX_CHANGES`]. Following a node costs a few DOM calls (is it
    /// still in the page, is it a candidate, which candidates are inside)
    /// where a whole read costs one per candidate.
    /// Relative to the page because a long-scrolled feed changes more nodes
    /// between two paced scans than a fixed limit allows: on the 100,000-element
    /// stress page (tests/e2e), 256 made every scan a whole read of 22,400
    /// candidates, and the pacing after each such read let the next batch of
    /// changes overflow again.
    pub fn limit(page_candidates: usize) -> usize {
        MAX_CHANGES.max(page_candidates / 4)
    }

    /// Adds what one mutation callback's `records` changed; past `limit`
    /// changed nodes, the whole page is to be read instead.
    pub fn note(&mut self, records: &js_sys::Array, limit: usize) {
        for r in records.iter() {
            if self.all {
                return;
            }
            let Some(r) = r.dyn_into::<MutationRecord>().ok() else {
                self.all = true;
                return;
            };
            let Some(target) = r.target() else { continue };
            match r.type_().as_str() {
                "childList" => {
                    let added = r.added_nodes();
                    for i in 0..added.length() {
                        if let Some(n) = added.item(i).filter(|n| n.node_type() == Node::ELEMENT_NODE) {
                            self.roots.push(n);
                        }
                    }
                    self.owner(target);
                }
                "characterData" => self.owner(target),
                // Visibility-only attributes (class, style, hidden…) need no
                // reading: every scan checks the visibility of what scored.
                _ => {
                    if matches!(r.attribute_name().as_deref(), Some("href" | "aria-expanded" | "aria-label" | "role")) {
                        self.owner(target);
                    }
                }
            }
            if self.roots.len() + self.owners.len() > limit {
                *self = Changes { all: true, ..Changes::default() };
            }
        }
    }

    /// Notes `node` as an owner, once if the page changes it repeatedly in a
    /// row (a feed adding and removing posts: one record each, one parent).
    fn owner(&mut self, node: Node) {
        if self.owners.last() != Some(&node) {
            self.owners.push(node);
        }
    }
}
