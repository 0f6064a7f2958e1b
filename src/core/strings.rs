//! Strings built without `format!`: the few texts the content script puts
//! together (panel texts, CSS lengths, selectors, error messages) would
//! otherwise bring Rust's formatting machinery (`core::fmt` and integer
//! printing, about 3 KB) into the wasm that every Facebook page downloads.

use crate::prelude::*;

/// `parts`, one after the other.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// `n` in decimal, as `n.to_string()` writes it.
pub fn decimal(n: i64) -> String {
    let mut digits = Vec::new();
    let mut rest = n.unsigned_abs();
    loop {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        digits.push(b'-');
    }
    digits.iter().rev().map(|&b| char::from(b)).collect()
}

/// The number of characters in `s`, as `s.chars().count()` counts them:
/// every byte that does not continue a character. Not `count()` itself: its
/// word-at-a-time version is a kilobyte of wasm, for strings of a few hundred
/// characters at most (an email address, a name, a control's text).
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_is_to_string() {
        for n in [0, 1, -1, 9, 10, -10, 99, 100, 4096, -2147483648, i64::MAX, i64::MIN] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn char_count_is_chars_count() {
        for s in
            ["", "a", "é", "Ωmega", "日本語", "🇪🇺 EU", "\u{0}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"]
        {
            assert_eq!(char_count(s), s.chars().count(), "{s:?}");
        }
    }

    #[test]
    fn concat_joins_in_order() {
        assert_eq!(concat(&["translate(", "-4", "px, ", "12", "px)"]), "translate(-4px, 12px)");
        assert_eq!(concat(&[]), "");
    }
}
