//! Text normalisation for matching labels across Meta's UI wordings.
//!
//! Meta changes capitalisation, apostrophes and accents between releases and
//! locales ("Paramètres et confidentialité", "Parametres et confidentialite",
//! "L’IA chez Meta"). Labels in the rules are written already normalised; page
//! text goes through [`normalize`] before it is compared.

use crate::prelude::*;

/// Lower-cases, strips diacritics, unifies apostrophes and dashes, and folds
/// every run of whitespace into one space, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_ascii() && !c.is_whitespace() {
            // Most of a page's text: what the general path below does for it,
            // without its tables.
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(if c == '`' { '\'' } else { c.to_ascii_lowercase() });
            continue;
        }
        if matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{00ad}') {
            // Zero-width characters and soft hyphens are invisible: drop them.
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        let mark = out.len();
        if pending_space {
            out.push(' ');
        }
        push_folded(&mut out, lower(c));
        if out.len() == mark + usize::from(pending_space) {
            // A lone combining mark: nothing to show, and no reason to emit the
            // space before it (that would leave a trailing space).
            out.truncate(mark);
            continue;
        }
        pending_space = false;
    }
    out
}

/// The first character of `normalize(text)`, without building it: the
/// matcher rules out most labels with it before normalising a candidate.
/// Found by normalising the first character that has a normal form (a test
/// compares the two on every kind of character `normalize` treats apart).
pub fn first_char(text: &str) -> Option<char> {
    if let Some(&b) = text.as_bytes().first().filter(|b| b.is_ascii_graphic()) {
        // A visible ASCII character first, as most texts start: no decoding.
        return Some(if b == b'`' { '\'' } else { char::from(b.to_ascii_lowercase()) });
    }
    text.char_indices().find_map(|(i, c)| {
        if c.is_ascii() {
            // `normalize`'s ASCII path, for most of a page's text.
            return (!c.is_whitespace()).then(|| if c == '`' { '\'' } else { c.to_ascii_lowercase() });
        }
        normalize(text.get(i..i + c.len_utf8())?).chars().next()
    })
}

/// Whether `normalize(text)` is `normal`, decided on `text`'s ASCII
/// characters (most of a page's) without building the normal form:
/// `normalize`'s ASCII path, compared as it goes. `None` when a character
/// outside ASCII comes before they differ: only `normalize` can tell then.
/// The sift asks it of every text that starts as a label does (on the bench
/// feed, a third of the page's), and most differ within a few characters.
/// (A test and the fuzz target compare it with `normalize`.)
pub fn ascii_normalizes_to(text: &str, normal: &str) -> Option<bool> {
    let (mut want, mut started, mut pending_space) = (normal.bytes(), false, false);
    for b in text.bytes() {
        if !b.is_ascii() {
            // What `normalize` wrote so far stays: its output only grows,
            // but this character may add anything (or nothing).
            return None;
        }
        if (b as char).is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space && want.next() != Some(b' ') {
            return Some(false);
        }
        (started, pending_space) = (true, false);
        if want.next() != Some(if b == b'`' { b'\'' } else { b.to_ascii_lowercase() }) {
            return Some(false);
        }
    }
    Some(want.next().is_none())
}

/// Lower case for the scripts of the EU/EEA languages (Latin, Greek,
/// Cyrillic): the same as `char::to_lowercase` there (a test compares them on
/// every character of those blocks). Other scripts pass through unchanged: no
/// label is written in them, so their case cannot make or break a match. Not
/// `to_lowercase` itself: its table for every script was 11 KB of the wasm
/// that every Facebook page downloads.
fn lower(c: char) -> char {
    let u = c as u32;
    let delta = match u {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde => 32,
        // İ: `to_lowercase` gives "i" and a combining dot, which folding drops.
        0x130 => return 'i',
        0x100..=0x1eff => CASE_RUNS
            .iter()
            .find(|&&(first, last, step, _)| {
                (first as u32..=last as u32).contains(&u) && (u - first as u32).is_multiple_of(step as u32)
            })
            .map_or(0, |r| r.3 as i32),
        _ => 0,
    };
    char::from_u32(u.wrapping_add_signed(delta)).unwrap_or(c)
}

/// Upper-case letters from U+0100 to U+1EFF, as runs: (first, last, step,
/// what to add for the lower-case letter). Step 2: every other code point,
/// from `first`. Generated from `char::to_lowercase`.
#[rustfmt::skip]
const CASE_RUNS: &[(u16, u16, u16, i16)] = &[
    (0x0100, 0x012E, 2, 1),
    (0x0132, 0x0136, 2, 1),
    (0x0139, 0x0147, 2, 1),
    (0x014A, 0x0176, 2, 1),
    (0x0178, 0x0178, 1, -121),
    (0x0179, 0x017D, 2, 1),
    (0x0181, 0x0181, 1, 210),
    (0x0182, 0x0184, 2, 1),
    (0x0186, 0x0186, 1, 206),
    (0x0187, 0x0187, 1, 1),
    (0x0189, 0x018A, 1, 205),
    (0x018B, 0x018B, 1, 1),
    (0x018E, 0x018E, 1, 79),
    (0x018F, 0x018F, 1, 202),
    (0x0190, 0x0190, 1, 203),
    (0x0191, 0x0191, 1, 1),
    (0x0193, 0x0193, 1, 205),
    (0x0194, 0x0194, 1, 207),
    (0x0196, 0x0196, 1, 211),
    (0x0197, 0x0197, 1, 209),
    (0x0198, 0x0198, 1, 1),
    (0x019C, 0x019C, 1, 211),
    (0x019D, 0x019D, 1, 213),
    (0x019F, 0x019F, 1, 214),
    (0x01A0, 0x01A4, 2, 1),
    (0x01A6, 0x01A6, 1, 218),
    (0x01A7, 0x01A7, 1, 1),
    (0x01A9, 0x01A9, 1, 218),
    (0x01AC, 0x01AC, 1, 1),
    (0x01AE, 0x01AE, 1, 218),
    (0x01AF, 0x01AF, 1, 1),
    (0x01B1, 0x01B2, 1, 217),
    (0x01B3, 0x01B5, 2, 1),
    (0x01B7, 0x01B7, 1, 219),
    (0x01B8, 0x01B8, 1, 1),
    (0x01BC, 0x01BC, 1, 1),
    (0x01C4, 0x01C4, 1, 2),
    (0x01C5, 0x01C5, 1, 1),
    (0x01C7, 0x01C7, 1, 2),
    (0x01C8, 0x01C8, 1, 1),
    (0x01CA, 0x01CA, 1, 2),
    (0x01CB, 0x01DB, 2, 1),
    (0x01DE, 0x01EE, 2, 1),
    (0x01F1, 0x01F1, 1, 2),
    (0x01F2, 0x01F4, 2, 1),
    (0x01F6, 0x01F6, 1, -97),
    (0x01F7, 0x01F7, 1, -56),
    (0x01F8, 0x021E, 2, 1),
    (0x0220, 0x0220, 1, -130),
    (0x0222, 0x0232, 2, 1),
    (0x023A, 0x023A, 1, 10795),
    (0x023B, 0x023B, 1, 1),
    (0x023D, 0x023D, 1, -163),
    (0x023E, 0x023E, 1, 10792),
    (0x0241, 0x0241, 1, 1),
    (0x0243, 0x0243, 1, -195),
    (0x0244, 0x0244, 1, 69),
    (0x0245, 0x0245, 1, 71),
    (0x0246, 0x024E, 2, 1),
    (0x0370, 0x0372, 2, 1),
    (0x0376, 0x0376, 1, 1),
    (0x037F, 0x037F, 1, 116),
    (0x0386, 0x0386, 1, 38),
    (0x0388, 0x038A, 1, 37),
    (0x038C, 0x038C, 1, 64),
    (0x038E, 0x038F, 1, 63),
    (0x0391, 0x03A1, 1, 32),
    (0x03A3, 0x03AB, 1, 32),
    (0x03CF, 0x03CF, 1, 8),
    (0x03D8, 0x03EE, 2, 1),
    (0x03F4, 0x03F4, 1, -60),
    (0x03F7, 0x03F7, 1, 1),
    (0x03F9, 0x03F9, 1, -7),
    (0x03FA, 0x03FA, 1, 1),
    (0x03FD, 0x03FF, 1, -130),
    (0x0400, 0x040F, 1, 80),
    (0x0410, 0x042F, 1, 32),
    (0x0460, 0x0480, 2, 1),
    (0x048A, 0x04BE, 2, 1),
    (0x04C0, 0x04C0, 1, 15),
    (0x04C1, 0x04CD, 2, 1),
    (0x04D0, 0x052E, 2, 1),
    (0x1E00, 0x1E94, 2, 1),
    (0x1E9E, 0x1E9E, 1, -7615),
    (0x1EA0, 0x1EFE, 2, 1),
];

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
        if accented.chars().any(|a| a == c) {
            return *base;
        }
    }
    c
}

/// Whether `needle` occurs in `haystack`: `str::contains` without `str`'s
/// substring searcher, whose panic path pulls about 7 KB of formatting code and
/// Unicode tables into the wasm (see [`contains_words`]). For short needles.
pub fn contains_str(haystack: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    n.is_empty() || haystack.as_bytes().windows(n.len()).any(|w| w.first() == n.first() && w == n)
}

/// True when `needle` occurs in `haystack` on word boundaries (both normalised).
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    // Most candidates are far shorter than the labels (or empty, as most
    // `aria-label`s are): answer those before building a substring searcher,
    // which costs more than the whole comparison (measured on a feed scan).
    if needle.is_empty() || haystack.len() < needle.len() {
        return false;
    }
    // A byte-wise scan: the texts compared are short, and `str`'s substring
    // searcher carries a panic path whose formatting (with Unicode tables)
    // would be most of what it costs the wasm. A match of a needle (valid
    // UTF-8) always starts and ends on character boundaries.
    let is_word = |c: char| c.is_alphanumeric();
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    // The first byte before the whole comparison: a feed scan asks this about
    // 100,000 times, and a comparison at every position was a quarter of it.
    h.windows(n.len()).enumerate().any(|(i, w)| {
        w.first() == n.first() && w == n && {
            let before = haystack.get(..i).and_then(|b| b.chars().next_back());
            let after = haystack.get(i + n.len()..).and_then(|a| a.chars().next());
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_str_is_str_contains() {
        for (h, n) in
            [("a://b", "://"), ("ab", "://"), ("", ""), ("x", ""), ("a..b", ".."), ("a.b.", ".."), ("é..", "..")]
        {
            assert_eq!(contains_str(h, n), h.contains(n), "{h:?} {n:?}");
        }
    }

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
    fn lower_case_is_the_standard_one_in_eu_scripts() {
        // Latin (with Extended-A/B and Additional), Greek, Cyrillic.
        for u in (0..0x250).chain(0x370..0x530).chain(0x1e00..0x1f00) {
            let Some(c) = char::from_u32(u) else { continue };
            let mut theirs = String::new();
            c.to_lowercase().for_each(|l| push_folded(&mut theirs, l));
            let mut mine = String::new();
            push_folded(&mut mine, lower(c));
            assert_eq!(mine, theirs, "U+{u:04X}");
        }
        assert_eq!(normalize("ÀÉÎÕÜ ŁÓDŹ ĞİŞ ŐŰ ȘȚ ΆΈΉΊΌΎΏ ЁЖЩЯ ҐЄЇ ẞ"), "aeiou lodz gis ou st αεηιουω ёжщя ґєї ss");
        // Other scripts pass through.
        assert_eq!(normalize("Ա Ⴀ Ａ"), "Ա Ⴀ Ａ");
    }

    #[test]
    fn first_char_is_the_first_of_the_normal_form() {
        // Every kind of character `normalize` treats apart, in every order of three.
        let kinds = [
            "", " ", "\n", "\u{0b}", "\u{a0}", "\u{3000}", "\u{200b}", "\u{feff}", "\u{ad}", "\u{301}", "`", "’", "A",
            "é", "É", "ß", "ẞ", "Æ", "Ł", "İ", "Σ", "ς", "Ж", "\0", "☰", "Ａ", "x",
        ];
        let mut checked = 0;
        for a in kinds {
            for b in kinds {
                for c in kinds {
                    let t = [a, b, c].concat();
                    assert_eq!(first_char(&t), normalize(&t).chars().next(), "{t:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, kinds.len().pow(3));
        assert_eq!(first_char("  \u{200b}Settings"), Some('s'));
        assert_eq!(first_char(" \u{301} "), None);
    }

    #[test]
    fn ascii_normalizes_to_answers_as_normalizing_does() {
        // Every kind of ASCII character `normalize` treats apart (Rust's
        // whitespace includes U+000B, which `u8::is_ascii_whitespace` does not)
        // and a few that are not ASCII, in every order of up to three, against
        // every normal form they make.
        let kinds =
            [" ", "\n", "\t", "\r", "\u{0b}", "\u{0c}", "`", "'", "A", "a", "b", "\0", "-", "É", "\u{200b}", "ß"];
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts.iter().flat_map(|t| kinds.map(|k| [t.as_str(), k].concat())).collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        let texts: Vec<(String, String)> = texts.into_iter().map(|t| (normalize(&t), t)).collect();
        let mut normals: Vec<&str> = texts.iter().map(|(n, _)| n.as_str()).collect();
        normals.sort();
        normals.dedup();
        let (mut equal, mut early) = (0, 0);
        for (normal, t) in &texts {
            for n in &normals {
                match ascii_normalizes_to(t, n) {
                    Some(same) => assert_eq!(same, normal == n, "{t:?} as {n:?}"),
                    None => assert!(!t.is_ascii(), "{t:?} is ASCII: always decided"),
                }
                equal += usize::from(normal == n);
                early += usize::from(!t.is_ascii() && ascii_normalizes_to(t, n).is_some());
            }
        }
        assert!(equal == texts.len() && normals.len() > 100 && early > 1000, "{equal} {early} {}", normals.len());
        assert_eq!(ascii_normalizes_to("  Your \n profile ", "your profile"), Some(true));
        assert_eq!(ascii_normalizes_to("Your profile", "your profile picture"), Some(false));
        // Decided before the first letter outside ASCII; after it, left to `normalize`.
        assert_eq!(ascii_normalizes_to("Sofia García", "settings"), Some(false));
        assert_eq!(ascii_normalizes_to("Paramètres", "parametres"), None);
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
