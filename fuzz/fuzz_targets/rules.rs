//! The rules loader turns any text into rules or an error, never a panic,
//! and validation of whatever loads never panics either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use objector::core::rules::{Rules, EMBEDDED, EMBEDDED_LABELS};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(rules) = Rules::parse(&text, EMBEDDED_LABELS) {
        let _ = rules.validate();
    }
    if let Ok(rules) = Rules::parse(EMBEDDED, &text) {
        let _ = rules.validate();
    }
});
