//! URL parsing, resolution and classification never panic, and anything they
//! accept as a Meta page really is on an allow-listed HTTPS origin.
#![no_main]
use libfuzzer_sys::fuzz_target;
use objector::core::classify::{classify, is_meta_origin, meta_host};
use objector::core::rules::Rules;
use objector::core::url::{resolve, Url};

fuzz_target!(|data: &[u8]| {
    let rules = Rules::embedded();
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    for candidate in [Url::parse(&text), Url::parse(a), Url::parse("https://www.facebook.com/x").and_then(|base| resolve(&base, b))]
        .into_iter()
        .flatten()
    {
        let page = classify(rules, &candidate);
        if !page.site.is_empty() {
            assert_eq!(candidate.scheme, "https");
            assert_eq!(candidate.effective_port(), Some(443));
            assert!(is_meta_origin(rules, &candidate));
            assert_eq!(meta_host(rules, &candidate.host).map(|(s, _)| s), Some(page.site.as_str()));
        }
    }
});
