//! What the extension keeps in `storage.local`, and how it is read back.
//!
//! Storage can hold anything: an older or newer version of this extension,
//! another tool, or a user poking at it may have written it. Decoding is
//! therefore tolerant: every key is checked on its own, what is valid is kept,
//! what is broken falls back to its default and is reported, nothing panics.
//!
//! Format (schema 2):
//! ```json
//! { "schema": 2,
//!   "email": "jane@example.org",
//!   "country": "FR",
//!   "name": "Jane Doe",
//!   "explain": false,
//!   "explanation": "",
//!   "progress": { "facebook": 4 },
//!   "sites": { "facebook": { "enabled": true, "again": false }, "instagram": { "enabled": true } },
//!   "receipts": [ { "site": "facebook", "form": "712876720715583", "email": "jane@example.org",
//!                   "at": "2026-11-23T10:15:00.000Z", "lang": "fr-FR" } ],
//!   "pending": null }
//! ```
//! Schema 1 (before receipts) has no `receipts`, `pending`, `again` or
//! explanation keys and is read as is: migration is "missing means default".

use crate::core::email;
use crate::core::map::Map;
use crate::core::receipts::{self, Receipt};
use crate::core::strings::char_count;
use crate::core::value::Value;
use crate::prelude::*;

/// No route is longer than this; a larger stored number is corrupt.
const MAX_STEP: u64 = 20;

/// The storage format this build writes.
pub const SCHEMA: u64 = 2;
/// The explanation text is short; a longer stored one is corrupt.
pub const MAX_EXPLANATION: usize = 2000;
/// A person's full name; a longer stored one is corrupt.
pub const MAX_NAME: usize = 200;
/// The sites the extension helps on, in display order.
pub const SITES: [&str; 2] = ["facebook", "instagram"];

/// The host access (manifest match patterns) each site's switch gives or
/// takes back; together they are the manifest's `host_permissions`.
pub fn access(site: &str) -> &'static [&'static str] {
    match site {
        "facebook" => &["https://*.facebook.com/*"],
        "instagram" => &["https://*.instagram.com/*"],
        _ => &[],
    }
}
/// Countries of residence the objection applies to: the EU and the EEA, as
/// ISO 3166-1 alpha-2 codes (Greece is `GR` here, not the EU's `EL`).
pub const COUNTRIES: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The user's email, validated; `None` when not set (or not valid).
    pub email: Option<String>,
    /// Country of residence (one of [`COUNTRIES`]), for the form's country field.
    pub country: Option<String>,
    /// Full name, for the third-party-information form only.
    pub name: Option<String>,
    pub facebook: bool,
    pub instagram: bool,
    /// Furthest step of the route reached per site (for the popup's status).
    pub progress: Map<u32>,
    /// Whether to fill the explanation text into the form.
    pub explain: bool,
    /// The user's own explanation; empty means the default text of their language.
    pub explanation: String,
    /// Confirmed objections, oldest first.
    pub receipts: Vec<Receipt>,
    /// A Send click waiting for Meta's confirmation.
    pub pending: Option<Receipt>,
    /// Sites where the user asked to be guided again despite a receipt.
    pub again: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            email: None,
            country: None,
            name: None,
            facebook: true,
            instagram: true,
            progress: Map::new(),
            explain: false,
            explanation: String::new(),
            receipts: Vec::new(),
            pending: None,
            again: Vec::new(),
        }
    }
}

/// Something in storage that could not be used, and was replaced by a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub detail: String,
}

/// Where decoding reports what it could not use. The options page keeps the
/// problems ([`Settings::decode`]) to show them; the content script has no
/// one to tell ([`Settings::read`]), and with [`Ignored`] the texts are never
/// made: they are closures the compiler drops, and with them the English
/// messages, out of every Meta page's wasm.
pub trait Problems {
    fn note(&mut self, key: impl FnOnce() -> String, detail: impl FnOnce() -> String);
}

impl Problems for Vec<Problem> {
    fn note(&mut self, key: impl FnOnce() -> String, detail: impl FnOnce() -> String) {
        self.push(Problem { key: key(), detail: detail() });
    }
}

/// Problems nobody reads.
pub struct Ignored;

impl Problems for Ignored {
    fn note(&mut self, _: impl FnOnce() -> String, _: impl FnOnce() -> String) {}
}

/// A text, made when asked for.
fn text(t: &'static str) -> impl FnOnce() -> String {
    move || t.into()
}

impl Settings {
    /// Whether the helpers are on for `site`. Unknown sites are off.
    pub fn enabled(&self, site: &str) -> bool {
        match site {
            "facebook" => self.facebook,
            "instagram" => self.instagram,
            _ => false,
        }
    }

    /// The newest receipt for `site`.
    pub fn receipt(&self, site: &str) -> Option<&Receipt> {
        self.receipts.iter().rev().find(|r| r.site == site)
    }

    /// Once a site has a receipt its guide stays quiet, unless the user asked again.
    pub fn quiet(&self, site: &str) -> bool {
        self.receipt(site).is_some() && !self.again.iter().any(|s| s == site)
    }

    /// Turns the pending Send click into a receipt, if it is for `site` and
    /// recent enough. Returns whether a receipt was added.
    pub fn confirm_pending(&mut self, site: &str, now_ms: f64) -> bool {
        let Some(p) = self.pending.take_if(|p| p.site == site) else { return false };
        if p.at_ms().is_none_or(|at| now_ms - at > receipts::PENDING_FOR_MS || at - now_ms > 60_000.0) {
            return false;
        }
        self.receipts.push(p);
        let excess = self.receipts.len().saturating_sub(receipts::MAX_RECEIPTS);
        self.receipts.drain(..excess);
        self.again.retain(|s| s != site);
        true
    }

    pub fn set_enabled(&mut self, site: &str, on: bool) {
        match site {
            "facebook" => self.facebook = on,
            "instagram" => self.instagram = on,
            _ => {}
        }
    }

    /// Reads whatever `storage.local.get(null)` returned, with what could not
    /// be used.
    pub fn decode(stored: &Value) -> (Settings, Vec<Problem>) {
        let mut problems = Vec::new();
        let settings = Settings::decode_into(stored, &mut problems);
        (settings, problems)
    }

    /// [`Settings::decode`] for the content script, which reports nothing.
    pub fn read(stored: &Value) -> Settings {
        Settings::decode_into(stored, &mut Ignored)
    }

    fn decode_into(stored: &Value, problems: &mut impl Problems) -> Settings {
        let mut s = Settings::default();
        let Some(obj) = stored.as_object() else {
            if !stored.is_null() {
                problems.note(text("(all)"), text("storage did not hold an object; using defaults"));
            }
            return s;
        };
        match obj.get("schema") {
            None => {}
            // Schema 1 lacks only what schema 2 added: nothing to convert.
            Some(v) if v.as_u64() == Some(SCHEMA) || v.as_u64() == Some(1) => {}
            Some(v) if v.as_u64().is_some_and(|n| n > SCHEMA) => problems.note(
                text("schema"),
                text("written by a newer version of Objector; reading what this version understands"),
            ),
            Some(_) => problems.note(text("schema"), text("unknown storage version; reading what is understandable")),
        }
        match obj.get("email") {
            None | Some(Value::Null) => {}
            Some(Value::String(e)) if e.is_empty() => {}
            Some(Value::String(e)) => match email::validate(e) {
                Ok(valid) => s.email = Some(valid),
                Err(err) => problems.note(text("email"), text(err.message())),
            },
            Some(_) => problems.note(text("email"), text("not text; the email was reset")),
        }
        match obj.get("country") {
            None | Some(Value::Null) => {}
            Some(Value::String(c)) if c.is_empty() => {}
            Some(Value::String(c)) if COUNTRIES.contains(&c.as_str()) => s.country = Some(c.clone()),
            Some(_) => problems.note(text("country"), text("not a country Objector knows; please choose it again")),
        }
        match obj.get("name") {
            None | Some(Value::Null) => {}
            Some(Value::String(n)) if n.trim().is_empty() => {}
            Some(Value::String(n)) if valid_name(n) => s.name = Some(n.trim().to_string()),
            Some(_) => problems.note(text("name"), text("not a name; please type it again")),
        }
        match obj.get("progress") {
            None | Some(Value::Null) => {}
            Some(Value::Object(p)) => {
                for site in SITES {
                    match p.get(site).map(|v| v.as_u64()) {
                        None => {}
                        Some(Some(n)) if (1..=MAX_STEP).contains(&n) => {
                            s.progress.insert(site.to_string(), n as u32);
                        }
                        Some(_) => {
                            problems.note(|| format!("progress.{site}"), text("not a step number; progress forgotten"))
                        }
                    }
                }
            }
            Some(_) => problems.note(text("progress"), text("not an object; progress forgotten")),
        }
        match obj.get("sites") {
            None | Some(Value::Null) => {}
            Some(Value::Object(sites)) => {
                for site in SITES {
                    match sites.get(site) {
                        None => {}
                        Some(Value::Object(o)) => {
                            match o.get("enabled") {
                                None => {}
                                Some(Value::Bool(b)) => s.set_enabled(site, *b),
                                Some(_) => problems
                                    .note(|| format!("sites.{site}.enabled"), text("not true/false; helpers left on")),
                            }
                            match o.get("again") {
                                None | Some(Value::Bool(false)) => {}
                                Some(Value::Bool(true)) => s.again.push(site.to_string()),
                                Some(_) => {
                                    problems.note(|| format!("sites.{site}.again"), text("not true/false; ignored"))
                                }
                            }
                        }
                        Some(_) => problems.note(|| format!("sites.{site}"), text("not an object; helpers left on")),
                    }
                }
            }
            Some(_) => problems.note(text("sites"), text("not an object; helpers left on for every site")),
        }
        match obj.get("explain") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => s.explain = *b,
            Some(_) => problems.note(text("explain"), text("not true/false; the explanation is not filled in")),
        }
        match obj.get("explanation") {
            None | Some(Value::Null) => {}
            Some(Value::String(t)) if char_count(t) <= MAX_EXPLANATION => s.explanation = t.clone(),
            Some(_) => problems.note(text("explanation"), text("not a short text; the default explanation is used")),
        }
        match obj.get("receipts") {
            None | Some(Value::Null) => {}
            Some(list) => s.receipts = receipts::decode_list(list, problems),
        }
        match obj.get("pending") {
            None | Some(Value::Null) => {}
            // A broken pending click is not worth a message: it was never a receipt.
            Some(v) => s.pending = Receipt::decode(v).ok(),
        }
        s
    }

    /// The storage object for these settings (what `storage.local.set` gets).
    pub fn encode(&self) -> Value {
        let mut progress = Map::new();
        for (k, v) in &self.progress {
            progress.insert(k.clone(), Value::from(*v));
        }
        let mut sites = Map::new();
        for site in SITES {
            sites.insert(site.to_string(), self.encode_site(site));
        }
        Value::object([
            ("schema", Value::from(SCHEMA as u32)),
            ("email", Value::from(self.email.as_deref().unwrap_or(""))),
            ("country", Value::from(self.country.as_deref().unwrap_or(""))),
            ("name", Value::from(self.name.as_deref().unwrap_or(""))),
            ("explain", Value::from(self.explain)),
            ("explanation", Value::from(self.explanation.as_str())),
            ("progress", Value::Object(progress)),
            ("sites", Value::Object(sites)),
            ("receipts", receipts::encode_list(&self.receipts)),
            ("pending", self.pending.as_ref().map(Receipt::encode).unwrap_or_default()),
        ])
    }

    fn encode_site(&self, site: &str) -> Value {
        Value::object([
            ("enabled", Value::from(self.enabled(site))),
            ("again", Value::from(self.again.iter().any(|s| s == site))),
        ])
    }
}

/// Text of a sensible length without control characters.
pub fn valid_name(n: &str) -> bool {
    let n = n.trim();
    !n.is_empty() && char_count(n) <= MAX_NAME && !n.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_switch_maps_onto_the_manifests_host_access() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/extension/manifest.json"))
            .expect("extension/manifest.json");
        let manifest: serde_json::Value = serde_json::from_str(&text).expect("manifest JSON");
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(String::from)).collect()
        };
        let hosts = strings(&manifest["host_permissions"]);
        let all: Vec<String> = SITES.iter().flat_map(|s| access(s).iter().map(|p| p.to_string())).collect();
        assert_eq!(all, hosts, "the switches' access is exactly the manifest's host_permissions");
        assert_eq!(strings(&manifest["content_scripts"][0]["matches"]), hosts);
        assert!(access("whatsapp").is_empty());
    }

    fn d(v: serde_json::Value) -> (Settings, Vec<Problem>) {
        Settings::decode(&Value::from(&v))
    }

    #[test]
    fn empty_storage_means_defaults() {
        let (s, p) = d(json!({}));
        assert_eq!(s, Settings::default());
        assert!(p.is_empty());
        let (s, p) = Settings::decode(&Value::Null);
        assert_eq!((s, p.len()), (Settings::default(), 0));
    }

    #[test]
    fn round_trip() {
        let s = Settings {
            email: Some("jane@example.org".into()),
            country: Some("PL".into()),
            name: Some("Zoë Łukasik-Ó Briain".into()),
            facebook: false,
            instagram: true,
            progress: Map::from([("facebook".to_string(), 4)]),
            explain: true,
            explanation: "Ich widerspreche.".into(),
            receipts: vec![receipt("facebook", "2026-11-23T10:15:00.000Z")],
            pending: Some(receipt("instagram", "2026-11-23T11:00:00.000Z")),
            again: vec!["facebook".into()],
        };
        let (back, p) = Settings::decode(&s.encode());
        assert_eq!(back, s);
        assert!(p.is_empty());
    }

    #[test]
    fn broken_keys_fall_back_one_by_one() {
        let stored = json!({
            "schema": 1,
            "email": 42,
            "sites": { "facebook": { "enabled": "no" }, "instagram": { "enabled": false } },
            "unknown": [1, 2, 3]
        });
        let (s, p) = Settings::decode(&Value::from(&stored));
        assert_eq!(s, Settings { instagram: false, ..Settings::default() });
        let keys: Vec<_> = p.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["email", "sites.facebook.enabled"]);
    }

    #[test]
    fn reading_without_problems_gives_the_same_settings() {
        let good = json!({ "site": "facebook", "form": "1", "email": "", "at": "2026-01-02T03:04:05Z", "lang": "de" });
        for stored in [
            json!(null),
            json!([1]),
            json!({ "schema": 9, "email": " jane@example.org ", "country": "FR", "name": "Jane" }),
            json!({ "email": 42, "country": "XX", "name": "\u{7}", "progress": { "facebook": 99, "instagram": 2 } }),
            json!({ "sites": { "facebook": { "enabled": false, "again": true }, "instagram": 3 }, "explain": "yes" }),
            json!({ "receipts": [null, good, 4], "pending": good, "explanation": 7 }),
        ] {
            let stored = Value::from(&stored);
            assert_eq!(Settings::read(&stored), Settings::decode(&stored).0, "{stored:?}");
        }
    }

    #[test]
    fn invalid_or_huge_email_is_dropped_not_crashed_on() {
        let (s, p) = d(json!({ "email": "not-an-email" }));
        assert_eq!((s.email, p.len()), (None, 1));
        let huge = "a".repeat(1 << 20);
        let (s, p) = d(json!({ "email": huge, "sites": huge }));
        assert_eq!((s.email, s.facebook, p.len()), (None, true, 2));
    }

    #[test]
    fn other_schemas_are_read_as_far_as_possible() {
        let (s, p) = d(json!({ "schema": 7, "sites": { "facebook": { "enabled": false } } }));
        assert!(!s.facebook);
        assert!(p[0].detail.contains("newer"));
        let (_, p) = d(json!({ "schema": "one" }));
        assert_eq!(p[0].key, "schema");
        let (_, p) = d(json!(["not", "an", "object"]));
        assert_eq!(p[0].key, "(all)");
    }

    #[test]
    fn country_must_be_an_eea_code() {
        let (s, p) = d(json!({ "country": "DE" }));
        assert_eq!((s.country.as_deref(), p.len()), (Some("DE"), 0));
        for bad in [json!("de"), json!("US"), json!("EL"), json!(49), json!("DEU")] {
            let (s, p) = d(json!({ "country": bad }));
            assert_eq!((s.country, p[0].key.as_str()), (None, "country"), "{bad}");
        }
        assert_eq!(COUNTRIES.len(), 30);
    }

    #[test]
    fn progress_is_a_small_step_number_per_site() {
        let (s, p) = d(json!({ "progress": { "facebook": 3, "instagram": 0, "tiktok": 2 } }));
        assert_eq!(s.progress, Map::from([("facebook".to_string(), 3)]));
        assert_eq!(p[0].key, "progress.instagram");
        let (s, p) = d(json!({ "progress": { "facebook": 1e9 } }));
        assert!(s.progress.is_empty() && p.len() == 1);
        let (_, p) = d(json!({ "progress": "far" }));
        assert_eq!(p[0].key, "progress");
    }

    fn receipt(site: &str, at: &str) -> Receipt {
        Receipt {
            site: site.into(),
            form: "712876720715583".into(),
            email: "a@b.eu".into(),
            at: at.into(),
            lang: "de".into(),
        }
    }

    #[test]
    fn schema_1_storage_migrates_without_a_word() {
        let v1 = json!({ "schema": 1, "email": "jane@example.org", "country": "FR", "progress": { "facebook": 2 },
                         "sites": { "facebook": { "enabled": false }, "instagram": { "enabled": true } } });
        let (s, p) = d(v1);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            (s.email.as_deref(), s.facebook, s.receipts.len(), s.explain),
            (Some("jane@example.org"), false, 0, false)
        );
        let written = s.encode();
        assert_eq!(written.as_object().and_then(|o| o.get("schema")).and_then(Value::as_u64), Some(SCHEMA));
        assert_eq!(Settings::decode(&written).0, s);
    }

    #[test]
    fn a_broken_receipt_is_dropped_and_reported_the_others_kept() {
        let good = receipt("facebook", "2026-11-23T10:15:00.000Z").encode();
        let mut stored = Settings::default().encode();
        if let Value::Object(o) = &mut stored {
            o.insert("receipts".into(), Value::Array(vec![good, Value::from("junk")]));
            o.insert("pending".into(), Value::from(&json!({ "site": 3 })));
        }
        let (s, p) = Settings::decode(&stored);
        assert_eq!((s.receipts.len(), s.pending.is_none()), (1, true));
        assert_eq!(p.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(), ["receipts[1]"]);
    }

    #[test]
    fn name_is_short_text_without_controls() {
        let (s, p) = d(json!({ "name": "  Jane Doe " }));
        assert_eq!((s.name.as_deref(), p.len()), (Some("Jane Doe"), 0));
        for bad in [json!("a\u{0}b"), json!("x".repeat(MAX_NAME + 1)), json!(7)] {
            let (s, p) = d(json!({ "name": bad }));
            assert_eq!((s.name, p[0].key.as_str()), (None, "name"));
        }
    }

    #[test]
    fn explanation_must_be_short_text() {
        let (s, p) = d(json!({ "explain": true, "explanation": "x".repeat(MAX_EXPLANATION + 1) }));
        assert_eq!((s.explain, s.explanation.as_str(), p[0].key.as_str()), (true, "", "explanation"));
        let (s, p) = d(json!({ "explain": "yes" }));
        assert_eq!((s.explain, p[0].key.as_str()), (false, "explain"));
    }

    #[test]
    fn a_confirmed_send_becomes_a_receipt_and_quiets_the_guide() {
        let mut s = Settings { again: vec!["facebook".into()], ..Settings::default() };
        let sent = receipt("facebook", "2026-11-23T10:15:00.000Z");
        let at = sent.at_ms().unwrap_or_default();
        s.pending = Some(sent.clone());
        assert!(!s.confirm_pending("instagram", at + 1000.0), "another site's confirmation");
        assert!(s.pending.is_some());
        assert!(s.confirm_pending("facebook", at + 5000.0));
        assert_eq!((s.receipt("facebook"), s.pending.as_ref()), (Some(&sent), None));
        assert!(s.quiet("facebook") && !s.quiet("instagram"), "asking again is used up by the new receipt");
        s.again.push("facebook".into());
        assert!(!s.quiet("facebook"));
    }

    #[test]
    fn a_stale_send_click_is_not_a_receipt() {
        let mut s = Settings::default();
        let sent = receipt("facebook", "2026-11-23T10:15:00.000Z");
        let at = sent.at_ms().unwrap_or_default();
        s.pending = Some(sent);
        assert!(!s.confirm_pending("facebook", at + receipts::PENDING_FOR_MS + 1.0));
        assert!(s.receipts.is_empty() && s.pending.is_none());
    }

    #[test]
    fn unknown_sites_are_off() {
        let s = Settings::default();
        assert!(s.enabled("facebook") && s.enabled("instagram") && !s.enabled("whatsapp"));
    }
}
