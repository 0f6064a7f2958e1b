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
    scan(Path::new("extension/manifest.json"), "__MSG_", "__");
    let rules = objector::core::rules::Rules::embedded().unwrap();
    for kind in objector::core::rules::PAGE_KINDS {
        keys.insert(format!("page_{kind}"));
    }
    for step in &rules.steps {
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
    for k in ["where", "step_of", "open_form_directly", "saved", "options_title", "extension_name"] {
        assert!(keys.contains(k), "scanner missed {k}");
    }
}
