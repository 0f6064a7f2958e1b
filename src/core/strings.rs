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
    fn concat_joins_in_order() {
        assert_eq!(concat(&["translate(", "-4", "px, ", "12", "px)"]), "translate(-4px, 12px)");
        assert_eq!(concat(&[]), "");
    }
}
