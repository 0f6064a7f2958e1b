//! Every message the extension shows exists in every locale, with the same
//! placeholders. A missing key would show the raw key to a user; a missing
//! placeholder would drop the site name or step number from a sentence.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn locales() -> BTreeMap<String, BTreeMap<String, Value>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir("extension/_locales").expect("extension/_locales exists") {
        let dir = entry.expect("readable locale dir").path();
        let lang = dir.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(dir.join("messages.json")).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let msgs: BTreeMap<String, Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{lang}/messages.json is not valid JSON: {e}"));
        out.insert(lang, msgs);
    }
    out
}

/// Message keys used in code: `t("key"` in the shell, `data-i18n="key"` and
/// `__MSG_key__` in pages and the manifest, and `format!("page_{…}")`-style
/// families expanded from the rules.
fn used_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut scan = |path: &Path, open: &str, close: &str| {
        let text = fs::read_to_string(path).unwrap();
        for part in text.split(open).skip(1) {
            if let Some(end) = part.find(close) {
                let key = &part[..end];
                if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    keys.insert(key.to_string());
                }
            }
        }
    };
    for f in fs::read_dir("src/shell").unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "rs") {
            scan(&p, "t(\"", "\"");
        }
    }
    for f in ["extension/options.html", "extension/popup.html"] {
        scan(Path::new(f), "data-i18n=\"", "\"");
    }
    for f in ["extension/page.js", "extension/background.js"] {
        scan(Path::new(f), "getMessage(\"", "\"");
    }
    scan(Path::new("extension/manifest.json"), "__MSG_", "__");
    let rules = objector::core::rules::Rules::embedded();
    for kind in objector::core::rules::PAGE_KINDS {
        keys.insert(format!("page_{kind}"));
    }
    for step in rules.steps {
        keys.insert(format!("step_{}", step.id));
    }
    for e in objector::core::email::EmailError::ALL {
        keys.insert(format!("email_error_{}", e.code()));
    }
    keys
}

fn placeholders(msg: &Value) -> BTreeSet<String> {
    let text = msg["message"].as_str().unwrap_or("");
    text.split('$').skip(1).step_by(2).map(|s| s.to_ascii_lowercase()).collect()
}

#[test]
fn english_is_the_default_and_complete() {
    let all = locales();
    let en = all.get("en").expect("an en locale (default_locale)");
    let missing: Vec<_> = used_keys().into_iter().filter(|k| !en.contains_key(k)).collect();
    assert!(missing.is_empty(), "keys used in code but missing from en: {missing:?}");
}

#[test]
fn every_locale_has_every_key_and_placeholder() {
    let all = locales();
    let en = &all["en"];
    let mut problems = Vec::new();
    for (lang, msgs) in &all {
        for (key, msg) in en {
            match msgs.get(key) {
                None => problems.push(format!("{lang}: missing {key}")),
                Some(m) => {
                    if m["message"].as_str().is_none_or(|s| s.trim().is_empty()) {
                        problems.push(format!("{lang}: {key} is empty"));
                    }
                    if placeholders(m) != placeholders(msg) {
                        problems.push(format!("{lang}: {key} placeholders differ from en"));
                    }
                    let declared: BTreeSet<String> =
                        m["placeholders"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
                    if declared != placeholders(m) {
                        problems.push(format!("{lang}: {key} uses {:?} but declares {declared:?}", placeholders(m)));
                    }
                }
            }
        }
        for key in msgs.keys() {
            if !en.contains_key(key) {
                problems.push(format!("{lang}: {key} is not in en (stale?)"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_keys_in_code() {
    // Guards the scanner itself: if it found nothing, the tests above would pass vacuously.
    let keys = used_keys();
    for k in ["where", "step_of", "open_form_directly", "saved", "options_title", "extension_name", "core_failed"] {
        assert!(keys.contains(k), "scanner missed {k}");
    }
}

/// The 24 official EU languages, British English, and the EEA's Norwegian
/// and Icelandic, as `_locales` folder names.
const REQUIRED: [&str; 27] = [
    "bg", "cs", "da", "de", "el", "en", "en_GB", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it", "lt", "lv",
    "mt", "nb", "nl", "pl", "pt_PT", "ro", "sk", "sl", "sv",
];

#[test]
fn every_required_language_is_there() {
    let all = locales();
    let missing: Vec<_> = REQUIRED.iter().filter(|l| !all.contains_key(**l)).collect();
    assert!(missing.is_empty(), "missing locales: {missing:?}");
}

#[test]
fn every_english_message_is_used() {
    // A key counts as used when code names it: as `t("key"`, or as a quoted
    // literal anywhere in the shell (keys picked in a `match`), pages or loaders.
    let used = used_keys();
    let mut code = String::new();
    for dir in ["src/shell", "extension"] {
        for f in fs::read_dir(dir).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "rs" || e == "js" || e == "html" || e == "json") {
                code.push_str(&fs::read_to_string(&p).unwrap());
            }
        }
    }
    let all = locales();
    let unused: Vec<_> =
        all["en"].keys().filter(|k| !used.contains(*k) && !code.contains(&format!("\"{k}\""))).collect();
    assert!(unused.is_empty(), "messages no code shows (remove them, or the scanner misses a use): {unused:?}");
}

/// Store listings (Chrome Web Store and addons.mozilla.org) in the same
/// languages, within both stores' limits.
#[test]
fn store_listings_exist_for_every_locale_within_limits() {
    let mut problems = Vec::new();
    for lang in locales().keys() {
        let path = format!("store/listings/{lang}.json");
        let Ok(text) = fs::read_to_string(&path) else {
            problems.push(format!("{path} is missing"));
            continue;
        };
        let v: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{path}: {e}"));
                continue;
            }
        };
        let field = |k: &str| v[k].as_str().unwrap_or("").chars().count();
        // Chrome: summary ≤ 132 characters; AMO: name ≤ 50, summary ≤ 250.
        for (k, min, max) in [("name", 1, 45), ("summary", 10, 132), ("description", 200, 4000)] {
            if !(min..=max).contains(&field(k)) {
                problems.push(format!("{path}: {k} has {} characters, allowed {min}..={max}", field(k)));
            }
        }
        if !v["name"].as_str().unwrap_or("").starts_with("Objector") {
            problems.push(format!("{path}: the name must start with Objector"));
        }
    }
    let listed = fs::read_dir("store/listings").map(|d| d.count()).unwrap_or(0);
    if listed != locales().len() {
        problems.push(format!("{listed} listings for {} locales", locales().len()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A letter from another alphabet inside a word looks right and is wrong
/// (a Cyrillic "а" in "Meta" defeats search and screen readers): Latin-script
/// locales carry no Cyrillic or Greek letters, Bulgarian no Greek, Greek no
/// Cyrillic, in their messages and store listings.
#[test]
fn no_letters_from_a_foreign_alphabet() {
    let cyrillic = |c: char| ('\u{0400}'..='\u{04FF}').contains(&c);
    let greek = |c: char| ('\u{0370}'..='\u{03FF}').contains(&c);
    let mut problems = Vec::new();
    for (lang, msgs) in locales() {
        let allows_cyrillic = lang == "bg";
        let allows_greek = lang == "el";
        let listing = fs::read_to_string(format!("store/listings/{lang}.json")).unwrap_or_default();
        let texts = msgs
            .iter()
            .map(|(k, v)| (k.clone(), v["message"].as_str().unwrap_or("").to_string()))
            .chain(std::iter::once(("store listing".to_string(), listing)));
        for (key, text) in texts {
            if let Some(c) = text.chars().find(|&c| (cyrillic(c) && !allows_cyrillic) || (greek(c) && !allows_greek)) {
                problems.push(format!("{lang} {key}: {c:?} (U+{:04X})", c as u32));
            }
        }
    }
    assert!(problems.is_empty(), "letters from another alphabet: {problems:?}");
}
