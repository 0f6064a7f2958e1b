//! Normalisation never panics and is idempotent (labels in the rules are
//! stored normalised and compared to normalised page text), and `first_char`
//! (which the matcher asks before normalising) is its first character, and
//! `ascii_normalizes_to` (which the sift asks instead of normalising) answers
//! as normalising and comparing does.
#![no_main]
use libfuzzer_sys::fuzz_target;
use objector::core::normalize::{ascii_normalizes_to, contains_words, first_char, normalize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = normalize(&text);
    assert_eq!(normalize(&once), once, "normalize is not idempotent");
    assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    assert_eq!(first_char(&text), once.chars().next(), "first_char is not normalize's first character");
    let needle: String = once.chars().take(3).collect();
    for normal in [once.as_str(), needle.as_str()] {
        match ascii_normalizes_to(&text, normal) {
            Some(same) => assert_eq!(same, once == normal, "ascii_normalizes_to is not normalize's answer"),
            None => assert!(!text.is_ascii(), "ascii_normalizes_to left an ASCII text undecided"),
        }
    }
    let _ = contains_words(&once, &needle);
});
