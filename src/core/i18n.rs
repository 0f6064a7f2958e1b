//! Messages in the page's language.
//!
//! The browser's `i18n.getMessage` speaks the browser's language, but the
//! guide should speak the language of the Meta UI the user is looking at. The
//! content script therefore loads that locale's `messages.json` (through the
//! background page) and formats messages here, with the same placeholder rules
//! as the browser: `$NAME$` refers to a declared placeholder whose content is
//! `$1`…`$9`, and `$$` is a literal dollar.

use crate::core::map::Map;
use crate::core::strings::concat;
use crate::prelude::*;

/// One entry of a `messages.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// Placeholder name (lower case) → content (`$1`, or literal text).
    pub placeholders: Map<String>,
}

/// Formats a message with its substitutions.
pub fn format(msg: &Message, subs: &[&str]) -> String {
    let mut out = String::with_capacity(msg.text.len() + 16);
    let mut rest = msg.text.as_str();
    // (`split_once`, not indexing: see `normalize::contains_str` on panics.)
    while let Some((before, after)) = rest.split_once('$') {
        out.push_str(before);
        if let Some(stripped) = after.strip_prefix('$') {
            out.push('$');
            rest = stripped;
            continue;
        }
        match after.split_once('$') {
            Some((name, tail)) if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                if let Some(content) = msg.placeholders.get(&name.to_ascii_lowercase()) {
                    out.push_str(&substitute(content, subs));
                }
                rest = tail;
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `$1`…`$9` in a placeholder's content become the substitutions.
fn substitute(content: &str, subs: &[&str]) -> String {
    let mut out = String::new();
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                if let Some(s) = (d as usize).checked_sub(1).and_then(|i| subs.get(i)) {
                    out.push_str(s);
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The `_locales` folders to try for a page language, best first:
/// `fr-BE` → `fr_BE`, `fr`; Norwegian variants → `nb`; Portuguese → `pt_PT`
/// before `pt_BR` (EU users). Returns nothing for malformed tags, so a page
/// cannot make the extension read an arbitrary path.
pub fn locale_candidates(lang: &str) -> Vec<String> {
    let lang = lang.trim().replace('-', "_");
    let mut parts = lang.split('_');
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let region = parts.next().unwrap_or("").to_ascii_uppercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let primary = match primary.as_str() {
        "no" | "nn" => "nb".to_string(),
        _ => primary,
    };
    let mut out = Vec::new();
    if region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase()) {
        out.push(concat(&[&primary, "_", &region]));
    }
    match primary.as_str() {
        "pt" => out.extend(["pt_PT".to_string(), "pt_BR".to_string()]),
        "en" => out.push("en".to_string()),
        "es" => out.extend(["es".to_string(), "es_419".to_string()]),
        _ => out.push(primary),
    }
    out.dedup();
    out
}

/// Whether `name` has the shape of a `_locales` folder (`fr`, `pt_BR`,
/// `es_419`): the background reads `_locales/<name>/messages.json` for content
/// scripts, and nothing else.
pub fn is_locale_folder(name: &str) -> bool {
    let (primary, region) = name.split_once('_').unwrap_or((name, ""));
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty() && !name.contains('_')
            || (2..=3).contains(&region.len()) && region.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(text: &str, ph: &[(&str, &str)]) -> Message {
        Message { text: text.into(), placeholders: ph.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() }
    }

    #[test]
    fn formats_named_placeholders() {
        let m = msg("Étape $ONE$ sur $Two$ :", &[("one", "$1"), ("two", "$2")]);
        assert_eq!(format(&m, &["3", "6"]), "Étape 3 sur 6 :");
    }

    #[test]
    fn literal_dollars_and_unknowns() {
        assert_eq!(format(&msg("costs $$5", &[]), &[]), "costs $5");
        assert_eq!(format(&msg("a $ b", &[]), &[]), "a $ b");
        assert_eq!(format(&msg("a $X$ b", &[]), &[]), "a  b");
        assert_eq!(format(&msg("$ONE$", &[("one", "$1")]), &[]), "");
        assert_eq!(format(&msg("$ONE$", &[("one", "<$1>")]), &["x"]), "<x>");
    }

    #[test]
    fn locale_folder_names() {
        for ok in ["fr", "fil", "pt_BR", "es_419", "en_GB"] {
            assert!(is_locale_folder(ok), "{ok}");
        }
        for bad in ["", "f", "fran", "FR", "fr_", "fr_b", "fr_BELG", "fr-BE", "../en", "en/../../x", "fr_BE_x", "é"] {
            assert!(!is_locale_folder(bad), "{bad}");
        }
        // Everything the content script asks for has the shape.
        for lang in ["fr-BE", "no", "pt", "es", "en-GB", "sv"] {
            assert!(locale_candidates(lang).iter().all(|l| is_locale_folder(l)), "{lang}");
        }
    }

    #[test]
    fn locale_candidates_for_page_languages() {
        assert_eq!(locale_candidates("fr"), ["fr"]);
        assert_eq!(locale_candidates("fr-BE"), ["fr_BE", "fr"]);
        assert_eq!(locale_candidates("en-GB"), ["en_GB", "en"]);
        assert_eq!(locale_candidates("no"), ["nb"]);
        assert_eq!(locale_candidates("nb-NO"), ["nb_NO", "nb"]);
        assert_eq!(locale_candidates("pt"), ["pt_PT", "pt_BR"]);
        assert_eq!(locale_candidates("pt-PT"), ["pt_PT", "pt_BR"]);
        assert!(locale_candidates("../../etc").is_empty());
        assert!(locale_candidates("").is_empty());
        assert!(locale_candidates("f").is_empty());
    }
}
