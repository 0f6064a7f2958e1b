//! Whether to write the stored email into the form's field. The rule is to
//! never overwrite what is there: Meta pre-fills the logged-in account's
//! address, and the user may have typed one.

use crate::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailFill {
    /// Write this value.
    Fill(String),
    /// The field already holds the stored address.
    AlreadyThere,
    /// The field holds another address: leave it, and say so.
    KeepOther,
    /// Nothing stored: nothing to do.
    NothingStored,
}

pub fn decide(stored: Option<&str>, field_value: &str) -> EmailFill {
    let Some(stored) = stored.filter(|s| !s.is_empty()) else {
        return EmailFill::NothingStored;
    };
    let current = field_value.trim();
    if current.is_empty() {
        EmailFill::Fill(stored.to_string())
    } else if current.eq_ignore_ascii_case(stored) {
        EmailFill::AlreadyThere
    } else {
        EmailFill::KeepOther
    }
}

/// Whether a field's box (viewport coordinates, as `getBoundingClientRect`
/// gives them) can ever be scrolled into view. A box wholly above the page, or
/// wholly on the side the page cannot scroll to (left in a left-to-right page,
/// right in a right-to-left one), is what "visually hidden" tricks produce: the
/// browser calls it visible, no user ever sees it, so nothing is written there.
pub fn reachable(left: f64, right: f64, bottom: f64, scroll: (f64, f64), viewport_width: f64, rtl: bool) -> bool {
    let (scroll_x, scroll_y) = scroll;
    let beside = if rtl { left + scroll_x >= viewport_width } else { right + scroll_x <= 0.0 };
    bottom + scroll_y > 0.0 && !beside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_off_the_page_is_not_reachable() {
        let ltr = |l: f64, r: f64, b: f64, sx: f64, sy: f64| reachable(l, r, b, (sx, sy), 900.0, false);
        assert!(ltr(10.0, 300.0, 40.0, 0.0, 0.0)); // on screen
        assert!(ltr(10.0, 300.0, 2000.0, 0.0, 0.0)); // below: scroll down to it
        assert!(ltr(1200.0, 1400.0, 40.0, 0.0, 0.0)); // right of the viewport: scroll right to it
        assert!(ltr(-500.0, -200.0, 40.0, 600.0, 0.0)); // left of the viewport, scrolled past: scroll back
        assert!(!ltr(-10_000.0, -9_700.0, 40.0, 0.0, 0.0)); // left of the page (left:-10000px)
        assert!(!ltr(10.0, 300.0, -9_000.0, 0.0, 0.0)); // above the page (top:-10000px)
        assert!(!ltr(10.0, 300.0, -9_000.0, 0.0, 500.0)); // above the page, page scrolled
                                                          // Right to left: the page scrolls left, not right.
        let rtl = |l: f64, r: f64, sx: f64| reachable(l, r, 40.0, (sx, 0.0), 900.0, true);
        assert!(rtl(-1_400.0, -1_200.0, 0.0));
        assert!(rtl(600.0, 890.0, 0.0));
        assert!(!rtl(10_900.0, 11_200.0, 0.0)); // right:-10000px in a right-to-left page
    }

    #[test]
    fn fills_only_empty_fields() {
        assert_eq!(decide(Some("a@b.eu"), ""), EmailFill::Fill("a@b.eu".into()));
        assert_eq!(decide(Some("a@b.eu"), "   "), EmailFill::Fill("a@b.eu".into()));
        assert_eq!(decide(Some("a@b.eu"), "A@B.EU"), EmailFill::AlreadyThere);
        assert_eq!(decide(Some("a@b.eu"), "other@x.eu"), EmailFill::KeepOther);
        assert_eq!(decide(None, ""), EmailFill::NothingStored);
        assert_eq!(decide(Some(""), ""), EmailFill::NothingStored);
    }
}
