//! Meta's UI knowledge, as data: hosts, URL shapes, form IDs, route steps and
//! their labels. The file `rules/meta.json` is compiled into the binary; this
//! module gives it types and checks it is coherent (see [`Rules::validate`]).

use crate::core::json;
use crate::core::value::Value;
use std::collections::BTreeMap;

/// The rules shipped with this build: structure, and labels per language.
/// Compacted by `build.rs` (no indentation, no `_` notes).
pub const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/meta.json"));
pub const EMBEDDED_LABELS: &str = include_str!(concat!(env!("OUT_DIR"), "/labels.json"));

#[derive(Debug, Clone)]
pub struct Rules {
    pub schema: u32,
    pub sites: Vec<SiteRule>,
    pub forms: Vec<FormRule>,
    pub pages: Vec<PageRule>,
    pub route_length: u32,
    /// For each page kind, the steps it may offer, shortest remaining route first.
    pub page_steps: BTreeMap<String, Vec<String>>,
    pub steps: Vec<StepRule>,
    /// What turns an unknown contact form into a page the guide works on.
    pub contact_form_signals: Vec<SignalRule>,
    /// What says Meta accepted the objection (kind `confirmation`).
    pub confirmation_signals: Vec<SignalRule>,
}

/// Text that identifies a page, e.g. the heading of the AI objection form.
#[derive(Debug, Clone)]
pub struct SignalRule {
    pub id: String,
    /// The page kind a match gives.
    pub kind: String,
    /// Per language; each label is phrases joined by ` + `, all of which must
    /// appear in one text (filled from `rules/labels.json`).
    pub labels: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct SiteRule {
    pub id: String,
    pub name: String,
    pub hosts: Vec<HostRule>,
    /// The form to offer as "open the form directly".
    pub direct_form: String,
    /// Where "Start on Facebook" (first-run page, popup) opens: a page on the
    /// path that skips the menus, from which the guide takes over.
    pub start: String,
}

#[derive(Debug, Clone)]
pub struct HostRule {
    /// An exact host, or `{locale}.domain` for hosts like `fr-fr.facebook.com`.
    pub host: String,
    pub group: String,
}

#[derive(Debug, Clone)]
pub struct FormRule {
    pub id: String,
    pub site: String,
    pub kind: String,
}

#[derive(Debug, Clone)]
pub struct PageRule {
    pub site: String,
    pub group: String,
    /// A path; the segment `{form}` stands for a form ID listed in `forms`.
    pub path: String,
    pub match_kind: MatchKind,
    /// A page kind, or `form` (the form's own kind comes from `forms`).
    pub kind: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The path equals the rule's path (a trailing slash is ignored).
    Exact,
    /// The path is the rule's path or lies below it, on a segment boundary.
    Prefix,
}

#[derive(Debug, Clone)]
pub struct StepRule {
    pub id: String,
    /// Position on the longest route ("Step N of M").
    pub number: u32,
    /// Link-target patterns: a path prefix (`/privacy/center`), a host and path
    /// (`privacycenter.instagram.com/policy`), or `{objection_form}`.
    pub href: Vec<String>,
    /// ARIA roles (or the matching native element) the target must have when
    /// no link target identifies it.
    pub roles: Vec<String>,
    /// Required `aria-expanded` state (a closed accordion), if any.
    pub expanded: Option<bool>,
    /// When set, a link target alone is not enough: the label must match too
    /// (for patterns as broad as "any contact form").
    pub require_label: bool,
    /// Visible text or `aria-label`, already normalised, per language
    /// (filled from `rules/labels.json`).
    pub labels: BTreeMap<String, Vec<String>>,
}

/// The page kinds the core knows. `Other` means: leave the page alone.
pub const PAGE_KINDS: &[&str] = &[
    "feed",
    "settings",
    "privacy_center",
    "privacy_policy",
    "genai",
    "objection_form",
    "third_party_form",
    "generic_objection_form",
    "confirmation",
];

impl Rules {
    /// Parses the rules and the labels files. Errors say what is wrong, for
    /// whoever edits the files.
    pub fn parse(text: &str, labels: &str) -> Result<Rules, String> {
        let mut rules = json::parse(text)
            .and_then(|v| Rules::read(&v))
            .map_err(|e| format!("rules/meta.json is not valid: {e}"))?;
        let labels = json::parse(labels).map_err(|e| format!("rules/labels.json is not valid: {e}"))?;
        let labels = labels.as_object().ok_or("rules/labels.json is not an object")?;
        // Keys starting with `_` are notes for maintainers (`_doc`, `_sources`).
        for (id, per_lang) in labels.iter().filter(|(k, _)| !k.starts_with('_')) {
            let parsed = read_labels(per_lang).map_err(|e| format!("rules/labels.json: {id}: {e}"))?;
            if let Some(step) = rules.steps.iter_mut().find(|s| s.id == *id) {
                step.labels = parsed;
            } else if let Some(signal) =
                rules.contact_form_signals.iter_mut().chain(rules.confirmation_signals.iter_mut()).find(|s| s.id == *id)
            {
                signal.labels = parsed;
            } else {
                return Err(format!("rules/labels.json: unknown step {id}"));
            }
        }
        Ok(rules)
    }

    /// Reads the structure file (already parsed), field by field.
    fn read(v: &Value) -> Result<Rules, String> {
        let o = Fields::of(v, "the rules")?;
        Ok(Rules {
            schema: o.u32("schema")?,
            sites: o.list("sites", |v| {
                let o = Fields::of(v, "a site")?;
                Ok(SiteRule {
                    id: o.text("id")?,
                    name: o.text("name")?,
                    hosts: o.list("hosts", |v| {
                        let o = Fields::of(v, "a host")?;
                        Ok(HostRule { host: o.text("host")?, group: o.text("group")? })
                    })?,
                    direct_form: o.text("direct_form")?,
                    start: o.text("start")?,
                })
            })?,
            forms: o.list("forms", |v| {
                let o = Fields::of(v, "a form")?;
                Ok(FormRule { id: o.text("id")?, site: o.text("site")?, kind: o.text("kind")? })
            })?,
            pages: o.list("pages", |v| {
                let o = Fields::of(v, "a page")?;
                Ok(PageRule {
                    site: o.text("site")?,
                    group: o.text("group")?,
                    path: o.text("path")?,
                    match_kind: match o.text("match")?.as_str() {
                        "exact" => MatchKind::Exact,
                        "prefix" => MatchKind::Prefix,
                        other => return Err(format!("page match \"{other}\" is neither exact nor prefix")),
                    },
                    kind: o.text("kind")?,
                })
            })?,
            route_length: o.u32("route_length")?,
            page_steps: match o.0.get("page_steps") {
                Some(v) => read_labels(v).map_err(|e| format!("page_steps: {e}"))?,
                None => return Err("page_steps is missing".into()),
            },
            steps: o.list("steps", |v| {
                let o = Fields::of(v, "a step")?;
                Ok(StepRule {
                    id: o.text("id")?,
                    number: o.u32("number")?,
                    href: o.texts("href")?,
                    roles: o.texts("roles")?,
                    expanded: o.flag("expanded")?,
                    require_label: o.flag("require_label")?.unwrap_or(false),
                    labels: BTreeMap::new(),
                })
            })?,
            contact_form_signals: o.list("contact_form_signals", read_signal)?,
            confirmation_signals: o.list("confirmation_signals", read_signal)?,
        })
    }

    /// The rules compiled into this build. They are validated by the test suite,
    /// so failing here means a broken build, not a user problem.
    pub fn embedded() -> Result<Rules, String> {
        Rules::parse(EMBEDDED, EMBEDDED_LABELS)
    }

    pub fn step(&self, id: &str) -> Option<&StepRule> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn site(&self, id: &str) -> Option<&SiteRule> {
        self.sites.iter().find(|s| s.id == id)
    }

    pub fn form(&self, id: &str) -> Option<&FormRule> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// Checks the data is coherent; returns every problem found.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for f in &self.forms {
            if !seen.insert(&f.id) {
                problems.push(format!("form ID {} is listed twice", f.id));
            }
            if f.id.is_empty() || !f.id.bytes().all(|b| b.is_ascii_digit()) {
                problems.push(format!("form ID {:?} is not all digits", f.id));
            }
            if self.site(&f.site).is_none() {
                problems.push(format!("form {} names unknown site {}", f.id, f.site));
            }
            if f.kind != "objection_form" && f.kind != "third_party_form" {
                problems.push(format!("form {} has unknown kind {}", f.id, f.kind));
            }
        }
        let mut step_ids = std::collections::BTreeSet::new();
        for s in &self.steps {
            if !step_ids.insert(&s.id) {
                problems.push(format!("step {} is defined twice", s.id));
            }
            if s.href.is_empty() && s.labels.is_empty() {
                problems.push(format!("step {} has no signal to find its target", s.id));
            }
            if s.number == 0 || s.number > self.route_length {
                problems.push(format!("step {} has number {} outside 1..={}", s.id, s.number, self.route_length));
            }
            for (lang, labels) in &s.labels {
                for l in labels {
                    if crate::core::normalize::normalize(l) != *l {
                        problems.push(format!("step {} label {l:?} ({lang}) is not normalised", s.id));
                    }
                }
            }
        }
        let labelled = self
            .steps
            .iter()
            .map(|s| (&s.id, &s.labels))
            .chain(self.contact_form_signals.iter().chain(&self.confirmation_signals).map(|s| (&s.id, &s.labels)));
        let langs: std::collections::BTreeSet<&String> = labelled.clone().flat_map(|(_, l)| l.keys()).collect();
        for (id, labels) in labelled.filter(|(_, l)| !l.is_empty()) {
            for lang in &langs {
                if !labels.contains_key(*lang) {
                    problems.push(format!("step {id} has no labels for language {lang}"));
                }
            }
            for (lang, ls) in labels {
                if ls.iter().any(|l| l.trim().is_empty()) {
                    problems.push(format!("{id} has an empty label ({lang})"));
                }
            }
        }
        for s in &self.steps {
            if (!s.roles.is_empty() || s.require_label) && s.labels.is_empty() {
                problems.push(format!("step {} needs labels: its other signals are not specific enough", s.id));
            }
        }
        if self.confirmation_signals.iter().any(|s| s.kind != "confirmation") {
            problems.push("confirmation_signals must all give kind confirmation".into());
        }
        for sig in self.contact_form_signals.iter().chain(&self.confirmation_signals) {
            if !PAGE_KINDS.contains(&sig.kind.as_str()) {
                problems.push(format!("signal {} gives unknown page kind {}", sig.id, sig.kind));
            }
            if sig.labels.is_empty() {
                problems.push(format!("signal {} has no labels", sig.id));
            }
            for (lang, ls) in &sig.labels {
                for l in ls {
                    if crate::core::normalize::normalize(l) != *l {
                        problems.push(format!("signal {} label {l:?} ({lang}) is not normalised", sig.id));
                    }
                }
            }
        }
        for (key, steps) in &self.page_steps {
            let (site, kind) = key.split_once(':').unwrap_or(("", key));
            if !site.is_empty() && self.site(site).is_none() {
                problems.push(format!("page_steps names unknown site {site}"));
            }
            if !PAGE_KINDS.contains(&kind) {
                problems.push(format!("page_steps names unknown page kind {kind}"));
            }
            for id in steps {
                if self.step(id).is_none() {
                    problems.push(format!("page kind {kind} names unknown step {id}"));
                }
            }
        }
        for s in &self.steps {
            if !self.page_steps.values().any(|v| v.contains(&s.id)) {
                problems.push(format!("step {} is offered on no page (unreachable)", s.id));
            }
        }
        for site in &self.sites {
            for h in &site.hosts {
                if !h.host.ends_with(&format!(".{}", site_domain(site))) && h.host != site_domain(site) {
                    problems.push(format!("host {} is outside {}", h.host, site_domain(site)));
                }
            }
            if !self.pages.iter().any(|p| p.site == site.id) {
                problems.push(format!("site {} has no pages", site.id));
            }
            match crate::core::url::Url::parse(&site.start) {
                Some(u) if crate::core::classify::classify(self, &u).is_recognised() => {}
                _ => problems.push(format!("site {}: start is not a page the guide knows", site.id)),
            }
            match crate::core::url::Url::parse(&site.direct_form) {
                Some(u) if crate::core::classify::classify(self, &u).kind == "objection_form" => {}
                _ => problems.push(format!("site {}: direct_form is not a known objection form", site.id)),
            }
        }
        for p in &self.pages {
            let Some(site) = self.site(&p.site) else {
                problems.push(format!("page {} names unknown site {}", p.path, p.site));
                continue;
            };
            if !site.hosts.iter().any(|h| h.group == p.group) {
                problems.push(format!("page {} names host group {} that {} lacks", p.path, p.group, p.site));
            }
            if p.kind != "form" && !PAGE_KINDS.contains(&p.kind.as_str()) {
                problems.push(format!("page {} has unknown kind {}", p.path, p.kind));
            }
            if !p.path.starts_with('/') {
                problems.push(format!("page path {} does not start with /", p.path));
            }
        }
        problems
    }
}

fn read_signal(v: &Value) -> Result<SignalRule, String> {
    let o = Fields::of(v, "a signal")?;
    Ok(SignalRule { id: o.text("id")?, kind: o.text("kind")?, labels: BTreeMap::new() })
}

/// `{ "key": ["text", …], … }`, as labels per language and page_steps are.
fn read_labels(v: &Value) -> Result<BTreeMap<String, Vec<String>>, String> {
    let o = v.as_object().ok_or("not an object")?;
    // Inserted one by one: collecting into a map sorts, and every sort is
    // more code in the wasm (the input is already in key order).
    let mut out = BTreeMap::new();
    for (k, v) in o {
        out.insert(k.clone(), strings(v).map_err(|e| format!("{k}: {e}"))?);
    }
    Ok(out)
}

fn strings(v: &Value) -> Result<Vec<String>, String> {
    let items = match v {
        Value::Array(items) => items,
        _ => return Err("not a list".into()),
    };
    items.iter().map(|x| x.as_str().map(str::to_string).ok_or_else(|| "a list item is not text".to_string())).collect()
}

/// An object's fields, read with messages that name the missing or wrong one.
struct Fields<'a>(&'a BTreeMap<String, Value>, &'static str);

impl<'a> Fields<'a> {
    fn of(v: &'a Value, what: &'static str) -> Result<Fields<'a>, String> {
        v.as_object().map(|o| Fields(o, what)).ok_or_else(|| format!("{what} is not an object"))
    }

    fn text(&self, k: &str) -> Result<String, String> {
        self.0.get(k).and_then(Value::as_str).map(str::to_string).ok_or_else(|| format!("{}: {k} must be text", self.1))
    }

    /// An optional list of texts (missing means empty).
    fn texts(&self, k: &str) -> Result<Vec<String>, String> {
        self.0.get(k).map_or(Ok(Vec::new()), |v| strings(v).map_err(|e| format!("{}: {k}: {e}", self.1)))
    }

    fn u32(&self, k: &str) -> Result<u32, String> {
        self.0
            .get(k)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| format!("{}: {k} must be a whole number", self.1))
    }

    fn flag(&self, k: &str) -> Result<Option<bool>, String> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_bool().map(Some).ok_or_else(|| format!("{}: {k} must be true or false", self.1)),
        }
    }

    fn list<T>(&self, k: &str, read: impl Fn(&Value) -> Result<T, String>) -> Result<Vec<T>, String> {
        match self.0.get(k) {
            None => Err(format!("{}: {k} is missing", self.1)),
            Some(Value::Array(items)) => items.iter().map(&read).collect(),
            Some(_) => Err(format!("{}: {k} must be a list", self.1)),
        }
    }
}

/// The registrable domain of a site: the shortest host it lists.
pub fn site_domain(site: &SiteRule) -> &str {
    site.hosts.iter().map(|h| h.host.as_str()).filter(|h| !h.contains('{')).min_by_key(|h| h.len()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse_and_validate() {
        let rules = Rules::embedded().expect("embedded rules parse");
        let problems = rules.validate();
        assert!(problems.is_empty(), "rules problems:\n{}", problems.join("\n"));
    }

    #[test]
    fn every_form_in_the_fact_sheet_is_listed() {
        let rules = Rules::embedded().unwrap();
        for (id, site, kind) in [
            ("6359191084165019", "facebook", "objection_form"),
            ("712876720715583", "facebook", "objection_form"),
            ("233964459562201", "instagram", "objection_form"),
            ("767264225370182", "instagram", "objection_form"),
            ("1266025207620918", "facebook", "third_party_form"),
            ("510058597920541", "facebook", "third_party_form"),
        ] {
            let f = rules.form(id).unwrap_or_else(|| panic!("form {id} missing"));
            assert_eq!((f.site.as_str(), f.kind.as_str()), (site, kind), "form {id}");
        }
    }

    #[test]
    fn validation_catches_broken_data() {
        let mut rules = Rules::embedded().unwrap();
        rules.forms.push(rules.forms[0].clone());
        rules.steps[0].labels.remove("fr");
        rules.page_steps.insert("feed".into(), vec!["no_such_step".into()]);
        let problems = rules.validate().join("\n");
        assert!(problems.contains("listed twice"), "{problems}");
        assert!(problems.contains("no labels for language fr"), "{problems}");
        assert!(problems.contains("unknown step no_such_step"), "{problems}");
    }

    #[test]
    fn malformed_rules_text_is_an_error_not_a_panic() {
        assert!(Rules::parse("{", EMBEDDED_LABELS).is_err());
        assert!(Rules::parse("{\"schema\": 1}", EMBEDDED_LABELS).is_err());
        assert!(Rules::parse(EMBEDDED, "[").is_err());
        let err = Rules::parse(EMBEDDED, "{\"no_such_step\": {}}").unwrap_err();
        assert!(err.contains("unknown step no_such_step"), "{err}");
    }
}
