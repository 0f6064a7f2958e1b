//! Text normalisation for matching labels across Meta's UI wordings.
//!
//! Meta changes capitalisation, apostrophes and accents between releases and
//! locales ("Paramètres et confidentialité", "Parametres et confidentialite",
//! "L’IA chez Meta"). Labels in the rules are written already normalised; page
//! text goes through [`normalize`] before it is compared.

/// Lower-cases, strips diacritics, unifies apostrophes and dashes, and folds
/// every run of whitespace into one space, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut folded = String::new();
    let mut pending_space = false;
    for c in text.chars() {
        if matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{00ad}') {
            // Zero-width characters and soft hyphens are invisible: drop them.
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        folded.clear();
        for lower in c.to_lowercase() {
            push_folded(&mut folded, lower);
        }
        if folded.is_empty() {
            // A lone combining mark: nothing to show, and no reason to emit the
            // space before it (that would leave a trailing space).
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push_str(&folded);
    }
    out
}

fn push_folded(out: &mut String, c: char) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' | '`' | '\u{00b4}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00df}' => out.push_str("ss"),
        // Greek final sigma is the same letter as sigma.
        '\u{03c2}' => out.push('\u{03c3}'),
        '\u{00e6}' => out.push_str("ae"),
        '\u{0153}' => out.push_str("oe"),
        '\u{00f8}' => out.push('o'),
        '\u{0142}' => out.push('l'),
        '\u{0111}' | '\u{00f0}' => out.push('d'),
        '\u{0127}' => out.push('h'),
        '\u{00fe}' => out.push_str("th"),
        // Combining marks left over from decomposed input.
        '\u{0300}'..='\u{036f}' => {}
        _ => out.push(strip_accent(c)),
    }
}

/// Maps a precomposed Latin or Greek letter to its base letter. Covers the
/// letters of all EU/EEA languages; anything else passes through unchanged.
fn strip_accent(c: char) -> char {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("çćĉċč", 'c'),
        ("ďḍ", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥ", 'h'),
        ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľŀ", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöōŏő", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşšș", 's'),
        ("ţťțŧ", 't'),
        ("ùúûüũūŭůűų", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
        ("ά", 'α'),
        ("έ", 'ε'),
        ("ή", 'η'),
        ("ίϊΐ", 'ι'),
        ("ό", 'ο'),
        ("ύϋΰ", 'υ'),
        ("ώ", 'ω'),
    ];
    if c.is_ascii() {
        return c;
    }
    for (accented, base) in TABLE {
        if accented.contains(c) {
            return *base;
        }
    }
    c
}

/// True when `needle` occurs in `haystack` on word boundaries (both normalised).
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    // Most candidates are far shorter than the labels (or empty, as most
    // `aria-label`s are): answer those before building a substring searcher,
    // which costs more than the whole comparison (measured on a feed scan).
    if needle.is_empty() || haystack.len() < needle.len() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric();
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_space() {
        assert_eq!(normalize("  Paramètres   et\nconfidentialité "), "parametres et confidentialite");
        assert_eq!(normalize("Einstellungen und Privatsphäre"), "einstellungen und privatsphare");
        assert_eq!(normalize("Ustawienia i prywatność"), "ustawienia i prywatnosc");
        assert_eq!(normalize("Straße"), "strasse");
        assert_eq!(normalize("ΡΥΘΜΊΣΕΙΣ"), "ρυθμισεισ");
        assert_eq!(normalize("Ρυθμίσεις"), "ρυθμισεισ");
    }

    #[test]
    fn unifies_apostrophes() {
        assert_eq!(normalize("L’IA chez Meta"), "l'ia chez meta");
        assert_eq!(normalize("Votre droit d‘opposition"), "votre droit d'opposition");
    }

    #[test]
    fn ignores_zero_width() {
        assert_eq!(normalize("Se\u{200b}nd\u{00ad}"), "send");
    }

    #[test]
    fn stray_combining_marks_leave_no_space() {
        // Found by `cargo fuzz` (fuzz/artifacts): NUL, vertical tab, U+0302.
        assert_eq!(normalize("\0\u{0b}\u{0302}"), "\0");
        assert_eq!(normalize("Send \u{0301}"), "send");
        assert_eq!(normalize("\u{0301} Send"), "send");
    }

    #[test]
    fn word_containment() {
        assert!(contains_words("learn more and object here", "object"));
        assert!(!contains_words("objection", "object"));
        assert!(!contains_words("subject", "object"));
        assert!(contains_words("object", "object"));
        assert!(!contains_words("anything", ""));
        assert!(!contains_words("", "object"));
        assert!(!contains_words("obj", "object"));
    }
}
