//! A small JSON reader for the rules files compiled into the wasm.
//!
//! Why not serde_json: its parser, serde's derive code and the float
//! formatting its error messages pull in were over half of the wasm that every
//! Facebook page downloads. The rules need objects, arrays, strings, booleans
//! and whole numbers; this reads all of JSON's syntax into [`Value`] and keeps
//! numbers exact only when they are whole (the rules have no others).

use crate::core::value::Value;
use std::collections::BTreeMap;

/// Deeper nesting than this is not a rules file.
const MAX_DEPTH: u32 = 32;

/// Parses `text`; the error names the byte offset and what was expected.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let v = p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("end of text"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err(&self, expected: &str) -> String {
        format!("at byte {}: expected {expected}", self.i)
    }

    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn word(&mut self, w: &str, v: Value) -> Result<Value, String> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(self.err(w))
        }
    }

    fn value(&mut self, depth: u32) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(self.err("less nesting"));
        }
        self.ws();
        match self.s.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut o = BTreeMap::new();
                if self.eat(b'}') {
                    return Ok(Value::Object(o));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    if !self.eat(b':') {
                        return Err(self.err("':'"));
                    }
                    let v = self.value(depth + 1)?;
                    o.insert(k, v);
                    if self.eat(b'}') {
                        return Ok(Value::Object(o));
                    }
                    if !self.eat(b',') {
                        return Err(self.err("',' or '}'"));
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut a = Vec::new();
                if self.eat(b']') {
                    return Ok(Value::Array(a));
                }
                loop {
                    a.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Ok(Value::Array(a));
                    }
                    if !self.eat(b',') {
                        return Err(self.err("',' or ']'"));
                    }
                }
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.err("a value")),
        }
    }

    /// Whole numbers exactly; anything with a fraction or exponent becomes NaN
    /// (no rules field takes one, and the validator reports it).
    fn number(&mut self) -> Result<Value, String> {
        let start = self.i;
        let neg = self.s.get(self.i) == Some(&b'-');
        if neg {
            self.i += 1;
        }
        let mut n: f64 = 0.0;
        let mut digits = 0;
        while let Some(d) = self.s.get(self.i).filter(|c| c.is_ascii_digit()) {
            n = n * 10.0 + f64::from(d - b'0');
            digits += 1;
            self.i += 1;
        }
        if digits == 0 {
            self.i = start;
            return Err(self.err("a digit"));
        }
        let mut whole = true;
        while self.s.get(self.i).is_some_and(|c| matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'0'..=b'9')) {
            whole = false;
            self.i += 1;
        }
        Ok(Value::Number(match (whole, neg) {
            (false, _) => f64::NAN,
            (true, true) => -n,
            (true, false) => n,
        }))
    }

    fn string(&mut self) -> Result<String, String> {
        if self.s.get(self.i) != Some(&b'"') {
            return Err(self.err("'\"'"));
        }
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.s.get(self.i).is_some_and(|c| *c != b'"' && *c != b'\\' && *c >= 0x20) {
                self.i += 1;
            }
            // The input is a &str and we stopped on ASCII: this slice is valid UTF-8.
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).map_err(|_| self.err("text"))?);
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.s.get(self.i).copied().ok_or_else(|| self.err("an escape"))?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return Err(self.err("a valid escape")),
                    }
                }
                _ => return Err(self.err("'\"' to close the text")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).ok_or_else(|| self.err("4 hex digits"))?;
        let h = std::str::from_utf8(h).ok().and_then(|h| u32::from_str_radix(h, 16).ok());
        let h = h.ok_or_else(|| self.err("4 hex digits"))?;
        self.i += 4;
        Ok(h)
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                return Err(self.err("a low surrogate"));
            }
            self.i += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.err("a low surrogate"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.err("a character"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        let text =
            r#"{ "a": [1, -2, true, false, null, "x\"y\\z\n\u00e9\ud83d\ude00"], "b": {}, "c": [], "d": "Ελληνικά" }"#;
        let mine = parse(text).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(mine, Value::from(&theirs));
    }

    #[test]
    fn the_embedded_rules_read_the_same_as_the_readable_files() {
        let pairs = [
            (crate::core::rules::EMBEDDED, include_str!("../../rules/meta.json")),
            (crate::core::rules::EMBEDDED_LABELS, include_str!("../../rules/labels.json")),
        ];
        for (compact, readable) in pairs {
            let mut theirs: serde_json::Value = serde_json::from_str(readable).unwrap();
            theirs.as_object_mut().unwrap().retain(|k, _| !k.starts_with('_'));
            assert_eq!(parse(compact).unwrap(), Value::from(&theirs));
            assert!(compact.len() < readable.len());
        }
    }

    #[test]
    fn fractions_are_not_numbers_here() {
        assert!(parse("1.5").unwrap().as_u64().is_none());
        assert_eq!(parse("[12]").unwrap(), Value::Array(vec![Value::Number(12.0)]));
    }

    #[test]
    fn malformed_text_is_an_error_with_a_position() {
        for bad in
            ["", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "{\"a\":1}x", "\"\\x\"", "\"\\ud800\"", "-", "\"\u{1}\""]
        {
            let e = parse(bad).unwrap_err();
            assert!(e.starts_with("at byte"), "{bad:?}: {e}");
        }
        let deep = "[".repeat(100);
        assert!(parse(&deep).is_err());
    }
}
