//! Receipts: proof, kept in this browser only, that Meta confirmed an
//! objection. One per confirmation: site, form ID, the email the form showed,
//! when (ISO 8601, UTC) and the page's language.
//!
//! A receipt starts as *pending* when the user clicks the highlighted Send
//! (the extension never clicks it) and becomes a receipt only when the page
//! then shows Meta's confirmation. A pending receipt older than
//! [`PENDING_FOR_MS`] is dropped: a confirmation that late is not this one's.

use crate::core::email;
use crate::core::settings::{Problems, SITES};
use crate::core::value::Value;
use crate::prelude::*;

/// At most this many receipts are kept (newest last); older ones are dropped.
pub const MAX_RECEIPTS: usize = 50;
/// A Send click waits this long for Meta's confirmation.
pub const PENDING_FOR_MS: f64 = 30.0 * 60.0 * 1000.0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub site: String,
    /// The form's ID (the digits of `/help/contact/<id>`).
    pub form: String,
    /// The address the form showed when Send was clicked; empty if none.
    pub email: String,
    /// ISO 8601 date and time, UTC, as `Date.toISOString()` writes it.
    pub at: String,
    /// The page's language (`<html lang>`).
    pub lang: String,
}

impl Receipt {
    /// Reads one stored receipt; the error says which field is wrong (a fixed
    /// text: nothing is formatted where the content script reads receipts).
    pub fn decode(v: &Value) -> Result<Receipt, &'static str> {
        let o = v.as_object().ok_or("not an object")?;
        let text = |k: &str, err: &'static str| o.get(k).and_then(Value::as_str).map(str::to_string).ok_or(err);
        let r = Receipt {
            site: text("site", "site is not text")?,
            form: text("form", "form is not text")?,
            email: text("email", "email is not text")?,
            at: text("at", "at is not text")?,
            lang: text("lang", "lang is not text")?,
        };
        if !SITES.contains(&r.site.as_str()) {
            return Err("site is unknown");
        }
        if r.form.is_empty() || r.form.len() > 24 || !r.form.bytes().all(|b| b.is_ascii_digit()) {
            return Err("form is not a form number");
        }
        if !r.email.is_empty() && email::validate(&r.email).is_err() {
            return Err("email is not an email address");
        }
        if !is_iso_time(&r.at) {
            return Err("at is not a date and time");
        }
        if r.lang.len() > 35 || !r.lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err("lang is not a language tag");
        }
        Ok(r)
    }

    pub fn encode(&self) -> Value {
        Value::object([
            ("site", Value::from(self.site.as_str())),
            ("form", Value::from(self.form.as_str())),
            ("email", Value::from(self.email.as_str())),
            ("at", Value::from(self.at.as_str())),
            ("lang", Value::from(self.lang.as_str())),
        ])
    }

    /// Milliseconds since 1970 for [`Receipt::at`], for the pending timeout.
    pub fn at_ms(&self) -> Option<f64> {
        let b = self.at.as_bytes();
        let num = |r: ::core::ops::Range<usize>| self.at.get(r)?.parse::<i64>().ok();
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if b.get(4) != Some(&b'-') {
            return None;
        }
        // Days from civil (Howard Hinnant's algorithm), valid for all these years.
        let y2 = if mo <= 2 { y - 1 } else { y };
        let era = y2.div_euclid(400);
        let yoe = y2 - era * 400;
        let doy = (153 * (mo + if mo > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        Some(((days * 86_400 + h * 3600 + mi * 60 + s) * 1000) as f64)
    }
}

/// `YYYY-MM-DDTHH:MM:SS` followed by optional fractions and `Z`.
fn is_iso_time(s: &str) -> bool {
    let b = s.as_bytes();
    if !(20..=30).contains(&b.len()) {
        return false;
    }
    let shape = b"dddd-dd-ddTdd:dd:dd";
    shape.iter().zip(b).all(|(want, got)| if *want == b'd' { got.is_ascii_digit() } else { want == got })
        && b[b.len() - 1] == b'Z'
        && b[19..b.len() - 1].iter().all(|c| c.is_ascii_digit() || *c == b'.')
}

/// Decodes the stored list: valid receipts are kept (newest [`MAX_RECEIPTS`]),
/// each broken one is reported by its position.
pub fn decode_list(v: &Value, problems: &mut impl Problems) -> Vec<Receipt> {
    let Value::Array(items) = v else {
        problems.note(|| "receipts".into(), || "not a list; receipts could not be read".into());
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match Receipt::decode(item) {
            Ok(r) => out.push(r),
            Err(e) => problems.note(|| format!("receipts[{i}]"), || format!("{e}; this receipt was dropped")),
        }
    }
    let excess = out.len().saturating_sub(MAX_RECEIPTS);
    out.drain(..excess);
    out
}

pub fn encode_list(receipts: &[Receipt]) -> Value {
    Value::Array(receipts.iter().map(Receipt::encode).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::settings::Problem;
    use serde_json::json;

    fn r() -> Receipt {
        Receipt {
            site: "facebook".into(),
            form: "712876720715583".into(),
            email: "jane@example.org".into(),
            at: "2026-11-23T10:15:00.000Z".into(),
            lang: "fr-FR".into(),
        }
    }

    #[test]
    fn round_trip() {
        assert_eq!(Receipt::decode(&r().encode()), Ok(r()));
        let mut p: Vec<Problem> = Vec::new();
        let list = decode_list(&encode_list(&[r(), r()]), &mut p);
        assert_eq!((list.len(), p.len()), (2, 0));
    }

    #[test]
    fn each_field_is_checked() {
        let base = json!({"site": "facebook", "form": "1", "email": "", "at": "2026-01-02T03:04:05Z", "lang": "de"});
        assert!(Receipt::decode(&Value::from(&base)).is_ok());
        for (k, bad) in [
            ("site", json!("whatsapp")),
            ("form", json!("12a")),
            ("form", json!("")),
            ("email", json!("not mail")),
            ("at", json!("yesterday")),
            ("at", json!("2026-01-02 03:04:05Z")),
            ("lang", json!("<script>")),
            ("lang", json!(4)),
        ] {
            let mut v = base.clone();
            v[k] = bad.clone();
            let err = Receipt::decode(&Value::from(&v)).unwrap_err();
            assert!(err.contains(k), "{k}={bad}: {err}");
        }
    }

    #[test]
    fn broken_entries_are_dropped_one_by_one_and_the_list_is_capped() {
        let good = r().encode();
        let decode = |v: &Value| {
            let mut p: Vec<Problem> = Vec::new();
            (decode_list(v, &mut p), p)
        };
        let (list, p) = decode(&Value::Array(vec![good.clone(), Value::Null, good.clone()]));
        assert_eq!(list.len(), 2);
        assert_eq!(
            (p[0].key.as_str(), p[0].detail.as_str()),
            ("receipts[1]", "not an object; this receipt was dropped")
        );
        let (list, p) = decode(&Value::Array(vec![good; MAX_RECEIPTS + 7]));
        assert_eq!((list.len(), p.len()), (MAX_RECEIPTS, 0));
        let (list, p) = decode(&Value::from("receipts"));
        assert_eq!((list.len(), p.len()), (0, 1));
    }

    #[test]
    fn time_is_read_back_as_unix_milliseconds() {
        let mut x = r();
        x.at = "1970-01-01T00:00:00Z".into();
        assert_eq!(x.at_ms(), Some(0.0));
        x.at = "2026-11-23T10:15:00.000Z".into();
        assert_eq!(x.at_ms(), Some(1_795_428_900_000.0));
        x.at = "2000-02-29T23:59:59Z".into();
        assert_eq!(x.at_ms(), Some(951_868_799_000.0));
    }
}
