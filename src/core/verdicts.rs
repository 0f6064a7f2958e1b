//! What the background remembers between a Meta page's response and its
//! content script's question (Chromium only): per tab, the last few
//! documents' URLs and whether their CSP headers allow wasm (`core::csp`).
//!
//! In memory only, and small on purpose: a content script asks within seconds
//! of its page's response, and when the answer is missing (the worker
//! restarted, a page from a cache the browser did not report) the loader runs
//! the JavaScript build of the core, which never trips a CSP.

use crate::prelude::*;

/// Documents remembered per tab: a few, for redirects and quick reloads.
const PER_TAB: usize = 4;
/// Tabs remembered: the least recently seen is forgotten first.
const TABS: usize = 64;

#[derive(Default)]
pub struct Verdicts {
    /// Least recently seen tab first; in each tab, newest document first.
    tabs: Vec<(i64, Vec<(String, bool)>)>,
}

/// The fragment is the page's own business and never reaches the server:
/// the same document whatever it says.
fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

impl Verdicts {
    pub const fn new() -> Verdicts {
        Verdicts { tabs: Vec::new() }
    }

    /// The headers of `url`'s response in `tab` allow wasm (`wasm`) or not.
    pub fn remember(&mut self, tab: i64, url: &str, wasm: bool) {
        let mut documents = match self.tabs.iter().position(|(t, _)| *t == tab) {
            Some(i) => self.tabs.remove(i).1,
            None => Vec::new(),
        };
        documents.insert(0, (without_fragment(url).to_string(), wasm));
        documents.truncate(PER_TAB);
        self.tabs.push((tab, documents));
        if self.tabs.len() > TABS {
            self.tabs.remove(0);
        }
    }

    /// What the headers of `url` in `tab` said, if they were seen.
    pub fn get(&self, tab: i64, url: &str) -> Option<bool> {
        let url = without_fragment(url);
        let (_, documents) = self.tabs.iter().find(|(t, _)| *t == tab)?;
        documents.iter().find(|(u, _)| u == url).map(|(_, wasm)| *wasm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_found_by_tab_and_url_without_its_fragment() {
        let mut v = Verdicts::new();
        v.remember(1, "https://www.facebook.com/privacy/center/#x", true);
        v.remember(2, "https://www.facebook.com/privacy/center/", false);
        assert_eq!(v.get(1, "https://www.facebook.com/privacy/center/"), Some(true));
        assert_eq!(v.get(1, "https://www.facebook.com/privacy/center/#other"), Some(true));
        assert_eq!(v.get(2, "https://www.facebook.com/privacy/center/"), Some(false));
        assert_eq!(v.get(3, "https://www.facebook.com/privacy/center/"), None);
        assert_eq!(v.get(1, "https://www.facebook.com/settings/"), None);
    }

    #[test]
    fn the_newest_response_for_a_url_wins() {
        let mut v = Verdicts::new();
        v.remember(1, "https://www.facebook.com/", true);
        v.remember(1, "https://www.facebook.com/", false);
        assert_eq!(v.get(1, "https://www.facebook.com/"), Some(false));
    }

    #[test]
    fn a_tab_keeps_its_last_few_documents() {
        let mut v = Verdicts::new();
        for i in 0..PER_TAB + 1 {
            v.remember(7, &format!("https://www.facebook.com/{i}"), true);
        }
        assert_eq!(v.get(7, "https://www.facebook.com/0"), None, "the oldest is forgotten");
        for i in 1..PER_TAB + 1 {
            assert_eq!(v.get(7, &format!("https://www.facebook.com/{i}")), Some(true));
        }
    }

    #[test]
    fn the_least_recently_seen_tab_is_forgotten_first() {
        let mut v = Verdicts::new();
        for tab in 0..TABS as i64 {
            v.remember(tab, "https://www.instagram.com/", true);
        }
        v.remember(0, "https://www.instagram.com/accounts/", true); // tab 0 seen again
        v.remember(TABS as i64, "https://www.instagram.com/", true); // one tab too many
        assert_eq!(v.get(1, "https://www.instagram.com/"), None, "tab 1 was the least recently seen");
        assert_eq!(v.get(0, "https://www.instagram.com/"), Some(true));
        assert_eq!(v.get(TABS as i64, "https://www.instagram.com/"), Some(true));
        assert_eq!(v.tabs.len(), TABS);
    }
}
