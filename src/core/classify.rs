//! URL → (site, page kind). The first gate of everything: a page that is not
//! on an exact allow-listed Meta origin over HTTPS is `None`, and the
//! extension does nothing there.

use crate::core::rules::{MatchKind, Rules};
use crate::core::url::Url;
use crate::prelude::*;

/// A `/help/contact/<digits>` page whose ID is not listed: left alone unless its
/// text identifies it (see `guide::refine_contact_form`).
pub const CONTACT_FORM: &str = "contact_form";

/// Where the user is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `facebook` / `instagram`, or empty when not a Meta origin.
    pub site: String,
    /// One of [`crate::core::rules::PAGE_KINDS`], or `other`.
    pub kind: String,
    /// The form ID, on a form page.
    pub form_id: Option<String>,
}

impl Page {
    fn none() -> Page {
        Page { site: String::new(), kind: "other".into(), form_id: None }
    }

    /// True when the guide has something to do here.
    pub fn is_recognised(&self) -> bool {
        !self.site.is_empty() && self.kind != "other" && self.kind != CONTACT_FORM
    }

    /// True when the page may become one the guide works on as it renders:
    /// a recognised page, or a contact form whose text is not known yet.
    pub fn is_on_path(&self) -> bool {
        !self.site.is_empty() && self.kind != "other"
    }

    /// A form (known by its ID, or a contact form that may turn out to be one).
    pub fn is_form(&self) -> bool {
        !self.site.is_empty()
            && matches!(
                self.kind.as_str(),
                "objection_form" | "third_party_form" | "generic_objection_form" | CONTACT_FORM
            )
    }
}

/// The site and host group of a host, if it is an allow-listed Meta host.
pub fn meta_host<'r>(rules: &'r Rules, host: &str) -> Option<(&'r str, &'r str)> {
    for site in rules.sites {
        for h in site.hosts {
            let matches = match h.host.strip_prefix("{locale}.") {
                Some(domain) => {
                    host.strip_suffix(domain).and_then(|l| l.strip_suffix('.')).is_some_and(is_locale_label)
                }
                None => host == h.host,
            };
            if matches {
                return Some((site.id, h.group));
            }
        }
    }
    None
}

/// `fr-fr`, `de-de`, `nl-be`: two lowercase letters, a dash, two lowercase letters.
fn is_locale_label(label: &str) -> bool {
    let b = label.as_bytes();
    b.len() == 5 && b[2] == b'-' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_lowercase())
}

/// True for an exact Meta origin the extension may act on: HTTPS, default port,
/// allow-listed host.
pub fn is_meta_origin(rules: &Rules, url: &Url) -> bool {
    url.scheme == "https" && url.effective_port() == Some(443) && meta_host(rules, &url.host).is_some()
}

/// Classifies a page URL.
pub fn classify(rules: &Rules, url: &Url) -> Page {
    if !is_meta_origin(rules, url) {
        return Page::none();
    }
    let Some((site, group)) = meta_host(rules, &url.host) else {
        return Page::none();
    };
    let (kind, form_id) = kind_on(rules, site, group, &url.path);
    Page { site: site.to_string(), kind: kind.to_string(), form_id: form_id.map(str::to_string) }
}

/// The kind of page at `path` on a host of `site`'s `group` (see
/// [`meta_host`]), and the form ID in it on a form page: what [`classify`]
/// says, without allocating. Matching asks it of every link on a page where a
/// step is a link to the form (the Privacy Center has thousands of links).
pub fn kind_on<'p>(rules: &Rules, site: &str, group: &str, path: &'p str) -> (&'static str, Option<&'p str>) {
    for rule in rules.pages.iter().filter(|p| p.site == site && p.group == group) {
        if let Some(form_id) = path_matches(rule.path, rule.match_kind, path) {
            return match form_id {
                Some(id) => match rules.form(id) {
                    Some(f) if f.site == site => (f.kind, Some(id)),
                    // Another site's form ID on this host: not a real form.
                    Some(_) => continue,
                    // A contact form we do not know: only its text can tell.
                    None => (CONTACT_FORM, Some(id)),
                },
                None => (rule.kind, None),
            };
        }
    }
    ("other", None)
}

/// Matches `path` against a rule path. `Some(None)` is a match; `Some(Some(id))`
/// a match whose `{form}` segment held `id`. Allocates nothing, and most paths
/// differ at their first segment.
pub fn path_matches<'p>(rule: &str, kind: MatchKind, path: &'p str) -> Option<Option<&'p str>> {
    let mut form = None;
    for (r, p) in segments(rule).zip(segments(path)) {
        if r == "{form}" {
            if !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            form = Some(p);
        } else if !r.eq_ignore_ascii_case(p) {
            return None;
        }
    }
    let (rule_n, path_n) = (segments(rule).count(), segments(path).count());
    if path_n < rule_n || (kind == MatchKind::Exact && path_n != rule_n) {
        return None;
    }
    Some(form)
}

/// A path's non-empty segments.
fn segments(s: &str) -> impl Iterator<Item = &str> {
    s.split('/').filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> Page {
        let rules = Rules::embedded();
        classify(rules, &Url::parse(url).unwrap())
    }

    fn kind(url: &str) -> (String, String) {
        let p = page(url);
        (p.site, p.kind)
    }

    fn k(site: &str, kind: &str) -> (String, String) {
        (site.into(), kind.into())
    }

    #[test]
    fn facebook_pages() {
        assert_eq!(kind("https://www.facebook.com/"), k("facebook", "feed"));
        assert_eq!(kind("https://www.facebook.com/?sk=h_chr"), k("facebook", "feed"));
        assert_eq!(kind("https://web.facebook.com/home.php"), k("facebook", "feed"));
        assert_eq!(kind("https://www.facebook.com/settings/?tab=privacy"), k("facebook", "settings"));
        assert_eq!(kind("https://www.facebook.com/settings"), k("facebook", "settings"));
        assert_eq!(kind("https://www.facebook.com/privacy/center/?entry_point=x"), k("facebook", "privacy_center"));
        assert_eq!(kind("https://www.facebook.com/privacy/policy/"), k("facebook", "privacy_policy"));
        assert_eq!(kind("https://www.facebook.com/privacy/genai"), k("facebook", "genai"));
        assert_eq!(kind("https://m.facebook.com/privacy/guide/genai/"), k("facebook", "genai"));
        assert_eq!(kind("https://accountscenter.facebook.com/personal_info"), k("facebook", "settings"));
    }

    #[test]
    fn forms_by_id() {
        let p = page("https://www.facebook.com/help/contact/6359191084165019");
        assert_eq!((p.kind.as_str(), p.form_id.as_deref()), ("objection_form", Some("6359191084165019")));
        assert_eq!(kind("https://fr-fr.facebook.com/help/contact/712876720715583"), k("facebook", "objection_form"));
        assert_eq!(kind("https://www.facebook.com/help/contact/1266025207620918"), k("facebook", "third_party_form"));
        assert_eq!(kind("https://help.instagram.com/contact/233964459562201"), k("instagram", "objection_form"));
        // An unknown contact form, or an Instagram ID on the Facebook host, is not ours.
        assert_eq!(kind("https://www.facebook.com/help/contact/123"), k("facebook", "contact_form"));
        assert!(!page("https://www.facebook.com/help/contact/123").is_recognised());
        assert!(page("https://www.facebook.com/help/contact/123").is_on_path());
        assert_eq!(kind("https://www.facebook.com/help/contact/233964459562201"), k("facebook", "other"));
    }

    #[test]
    fn instagram_pages() {
        assert_eq!(kind("https://www.instagram.com/"), k("instagram", "feed"));
        assert_eq!(kind("https://www.instagram.com/accounts/edit/"), k("instagram", "settings"));
        assert_eq!(kind("https://privacycenter.instagram.com/"), k("instagram", "privacy_center"));
        assert_eq!(kind("https://privacycenter.instagram.com/privacy/genai/"), k("instagram", "genai"));
        assert_eq!(kind("https://privacycenter.instagram.com/policy/"), k("instagram", "privacy_policy"));
        assert_eq!(kind("https://www.instagram.com/legal/privacy/"), k("instagram", "privacy_policy"));
    }

    #[test]
    fn unknown_meta_pages_are_other() {
        assert_eq!(kind("https://www.facebook.com/marketplace/item/12345/"), k("facebook", "other"));
        assert_eq!(kind("https://www.facebook.com/privacy/centerfold"), k("facebook", "other"));
        assert_eq!(kind("https://www.instagram.com/someone/"), k("instagram", "other"));
        assert_eq!(kind("https://help.instagram.com/"), k("instagram", "other"));
    }

    #[test]
    fn lookalikes_and_unsafe_origins_are_rejected() {
        for url in [
            "https://www.facebook.com.evil.example/help/contact/6359191084165019",
            "https://faceb00k.com/help/contact/6359191084165019",
            "https://www.facebook.co/privacy/center/",
            "https://evilfacebook.com/",
            "https://xfacebook.com/",
            "http://www.facebook.com/help/contact/6359191084165019",
            "https://www.facebook.com:8443/help/contact/6359191084165019",
            "https://157.240.1.35/help/contact/6359191084165019",
            "https://fr-fr-x.facebook.com/",
            "https://FR.facebook.com/",
            "https://www.instagram.com.phish.example/",
            "https://privacycenter-instagram.com/",
            "file:///home/u/facebook.com/index.html",
        ] {
            let rules = Rules::embedded();
            let p = Url::parse(url).map(|u| classify(rules, &u));
            assert!(p.as_ref().is_none_or(|p| !p.is_recognised() && p.site.is_empty()), "{url} was accepted: {p:?}");
        }
    }

    #[test]
    fn explicit_default_port_is_the_same_origin() {
        assert_eq!(kind("https://www.facebook.com:443/privacy/center/"), k("facebook", "privacy_center"));
    }
}
