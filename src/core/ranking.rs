//! What the guide keeps between two scans of the same page: every element
//! that scores at or above the threshold for one of the page's steps. A feed
//! has thousands of candidates and changes many times a second; with this, a
//! change is answered by reading only the elements the page added or changed
//! (the shell's incremental scan), and the whole page is read again only when
//! what the matching depends on changes (the URL, the page kind, the
//! language). The decision is the same as reading everything again: a native
//! test compares the two.
//!
//! `K` names an element: the shell's DOM element, an index in tests.

use crate::core::guide::Choice;
use crate::core::matcher::{scoring, Candidate, MatchContext};
use crate::core::rules::StepRule;
use crate::prelude::*;
use ::core::cmp::Ordering;

struct Entry<K> {
    /// Index in the page's step list (order of preference).
    step: usize,
    score: u32,
    key: K,
}

pub struct Ranking<K> {
    entries: Vec<Entry<K>>,
}

impl<K> Default for Ranking<K> {
    fn default() -> Self {
        Ranking { entries: Vec::new() }
    }
}

impl<K> Ranking<K> {
    /// Forgets everything (before the whole page is read again).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Keeps only the elements `keep` accepts: the shell drops those the page
    /// removed and those it is about to read again.
    pub fn retain(&mut self, mut keep: impl FnMut(&K) -> bool) {
        self.entries.retain(|e| keep(&e.key));
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Scores `candidates` for each of `steps` and keeps those at or above the
    /// threshold; `key(i)` names candidate `i` (asked only for those kept).
    /// Candidates are given in page order; `Ranking::decide` keeps that order
    /// between equal scores.
    pub fn add(
        &mut self,
        ctx: &MatchContext,
        steps: &[&StepRule],
        candidates: &[Candidate],
        mut key: impl FnMut(usize) -> Option<K>,
    ) {
        for (step, rule) in steps.iter().enumerate() {
            for (index, score) in scoring(ctx, rule, candidates) {
                if let Some(key) = key(index) {
                    self.entries.push(Entry { step, score, key });
                }
            }
        }
    }

    /// The first step (in order of preference) with an element `visible`
    /// accepts, asked best score first and only as far as needed; `order`
    /// puts equal scores in page order. Returns the choice (its `index` is 0:
    /// the element is the key returned with it).
    pub fn decide(
        &self,
        steps: &[&StepRule],
        route_length: u32,
        mut visible: impl FnMut(&K) -> bool,
        mut order: impl FnMut(&K, &K) -> Ordering,
    ) -> Option<(Choice, &K)> {
        for (i, rule) in steps.iter().enumerate() {
            // Best first, equal scores in page order: each entry inserted where
            // a binary search puts it (a handful of entries; the slice sort
            // was 3 KB of wasm for this one use).
            let mut mine: Vec<&Entry<K>> = Vec::new();
            for e in self.entries.iter().filter(|e| e.step == i) {
                let at = mine.partition_point(|m| m.score.cmp(&e.score).then_with(|| order(&e.key, &m.key)).is_ge());
                mine.insert(at, e);
            }
            if let Some(e) = mine.into_iter().find(|e| visible(&e.key)) {
                let choice = Choice { step_id: rule.id, number: rule.number, of: route_length, index: 0 };
                return Some((choice, &e.key));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::classify::classify;
    use crate::core::guide::steps_for;
    use crate::core::rules::Rules;
    use crate::core::url::Url;

    /// A small deterministic generator (no dependency for tests).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// Links and buttons as a feed or the settings page has them: some are
    /// steps (by link, by label, by role), most are noise.
    fn page(rng: &mut Rng, n: usize) -> Vec<Candidate<'static>> {
        const HREFS: &[&str] = &["/privacy/center/", "/settings/", "/groups/1/", "/privacy/policy/", "#", "", "/me/"];
        const TEXTS: &[&str] =
            &["Privacy Center", "Settings & privacy", "Like", "Your profile", "Privacy Policy", "", "Settings"];
        const ROLES: &[&str] = &["", "button", "link", "menuitem"];
        (0..n)
            .map(|_| Candidate {
                tag: if rng.next(2) == 0 { "a" } else { "div" },
                href: HREFS[rng.next(HREFS.len())],
                role: ROLES[rng.next(ROLES.len())],
                aria_label: TEXTS[rng.next(TEXTS.len())],
                text: TEXTS[rng.next(TEXTS.len())],
                ..Default::default()
            })
            .collect()
    }

    fn decide_all(steps: &[&StepRule], r: &Ranking<usize>, hidden: &[usize]) -> Option<(&'static str, usize)> {
        r.decide(steps, 9, |k| !hidden.contains(k), |a, b| a.cmp(b)).map(|(c, k)| (c.step_id, *k))
    }

    #[test]
    fn best_score_first_then_page_order_then_the_next_step() {
        let rules = Rules::embedded();
        let steps: Vec<&StepRule> =
            ["privacy_center_link", "settings_link"].iter().filter_map(|id| rules.step(id)).collect();
        // Keys are page positions, added out of order as incremental scans do.
        let entry = |step, score, key| Entry { step, score, key };
        let r = Ranking {
            entries: vec![entry(0, 70, 1), entry(0, 100, 5), entry(1, 100, 0), entry(0, 100, 3), entry(0, 70, 2)],
        };
        let first = "privacy_center_link";
        assert_eq!(decide_all(&steps, &r, &[]), Some((first, 3)), "the best score, first in page order");
        assert_eq!(decide_all(&steps, &r, &[3]), Some((first, 5)));
        assert_eq!(decide_all(&steps, &r, &[3, 5]), Some((first, 1)), "then lower scores, in page order");
        assert_eq!(decide_all(&steps, &r, &[1, 3, 5]), Some((first, 2)));
        assert_eq!(decide_all(&steps, &r, &[1, 2, 3, 5]), Some(("settings_link", 0)), "then the next step");
        assert_eq!(decide_all(&steps, &r, &[0, 1, 2, 3, 5]), None);
    }

    #[test]
    fn reading_changes_decides_as_reading_everything() {
        let rules = Rules::embedded();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut decided = 0;
        for url in [
            "https://www.facebook.com/",
            "https://www.facebook.com/settings/",
            "https://www.facebook.com/privacy/center/",
        ] {
            let base = Url::parse(url).unwrap();
            let p = classify(rules, &base);
            let steps = steps_for(rules, &p);
            let ctx = MatchContext::new(rules, &base, "en");
            for _ in 0..200 {
                let n = 1 + rng.next(12);
                let cands = page(&mut rng, n);
                let hidden: Vec<usize> = (0..cands.len()).filter(|_| rng.next(4) == 0).collect();
                let mut all = Ranking::default();
                all.add(&ctx, &steps, &cands, Some);
                let expected = decide_all(&steps, &all, &hidden);
                // The same page read in two parts, later part first: keys keep page order.
                let cut = rng.next(cands.len() + 1);
                let mut parts = Ranking::default();
                parts.add(&ctx, &steps, &cands[cut..], |i| Some(cut + i));
                parts.add(&ctx, &steps, &cands[..cut], Some);
                assert_eq!(decide_all(&steps, &parts, &hidden), expected, "{url}, cut at {cut}: {cands:?}");
                // An element read again replaces what was known of it.
                let again = rng.next(cands.len());
                parts.retain(|k| *k != again);
                parts.add(&ctx, &steps, &cands[again..=again], |_| Some(again));
                assert_eq!(decide_all(&steps, &parts, &hidden), expected, "{url}, {again} read again");
                decided += usize::from(expected.is_some());
            }
        }
        assert!(decided > 100, "the generated pages must offer steps: {decided} of 600 did");
    }

    #[test]
    fn removed_and_changed_elements_are_forgotten() {
        let rules = Rules::embedded();
        let base = Url::parse("https://www.facebook.com/settings/").unwrap();
        let steps = steps_for(rules, &classify(rules, &base));
        let ctx = MatchContext::new(rules, &base, "en");
        let center = Candidate { tag: "a", href: "/privacy/center/", text: "Privacy Center", ..Default::default() };
        let policy = Candidate { tag: "a", href: "/privacy/policy/", text: "Privacy Policy", ..Default::default() };
        let mut r = Ranking::default();
        r.add(&ctx, &steps, &[policy.clone(), center], Some);
        assert_eq!(decide_all(&steps, &r, &[]), Some(("privacy_center_link", 1)));
        // The page removed the Privacy Center link.
        r.retain(|k| *k != 1);
        assert_eq!(decide_all(&steps, &r, &[]), Some(("privacy_policy_link", 0)));
        // The policy link now says and leads somewhere else: read again, it no longer counts.
        r.retain(|k| *k != 0);
        let other = Candidate { tag: "a", href: "/groups/1/", text: "Groups", ..Default::default() };
        r.add(&ctx, &steps, &[other], |_| Some(0));
        assert!(r.is_empty());
        assert_eq!(decide_all(&steps, &r, &[]), None);
    }
}
