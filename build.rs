//! Compiles the rules files into Rust statics (`$OUT_DIR/rules.rs`, included by
//! `src/core/rules.rs`). The wasm then carries no JSON parser, parses nothing
//! when a Facebook page starts, and allocates nothing for the rules: every
//! Facebook and Instagram page downloads and runs that code otherwise.
//!
//! The repository keeps the readable files; `_`-prefixed keys are notes for
//! maintainers (`_doc`, `_sources`) and are dropped. A malformed file fails the
//! build with a message naming the file and the field (serde's own messages,
//! with line and column). Whether the data is *coherent* (known sites, steps,
//! normalised labels…) is checked by `Rules::validate`, run by the test suite.
//!
//! The same code is compiled into `tests/rules_build.rs`, which checks those
//! messages.
//!
//! For the wasm target the labels stay out of `RULES`: each Meta page needs
//! two of the 24 languages, and the extension ships them as files instead
//! (`labels/<lang>.txt`, written by `tools/write_labels.rs` from the native
//! build's `RULES`; see `Rules::with_label_files`).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::{env, fs, path::Path};

/// Separates languages in a step's labels (see `Labels` in src/core/rules.rs).
const LANG_SEP: char = '\u{1e}';
/// Separates a language from its labels, and one label from the next.
const ITEM_SEP: char = '\u{1f}';

// No `deny_unknown_fields` here: serde does not support it beside `flatten`;
// `generate` refuses unknown fields itself.
#[derive(Deserialize)]
struct Meta {
    schema: u32,
    sites: Vec<Site>,
    forms: Vec<Form>,
    pages: Vec<Page>,
    route_length: u32,
    page_steps: BTreeMap<String, Vec<String>>,
    steps: Vec<Step>,
    contact_form_signals: Vec<Signal>,
    confirmation_signals: Vec<Signal>,
    // Notes for maintainers.
    #[serde(flatten)]
    notes: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Site {
    id: String,
    name: String,
    hosts: Vec<Host>,
    direct_form: String,
    start: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Host {
    host: String,
    group: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    id: String,
    site: String,
    kind: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Page {
    site: String,
    group: String,
    path: String,
    #[serde(rename = "match")]
    match_kind: MatchKind,
    kind: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum MatchKind {
    Exact,
    Prefix,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    id: String,
    number: u32,
    #[serde(default)]
    href: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    expanded: Option<bool>,
    #[serde(default)]
    require_label: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Signal {
    id: String,
    kind: String,
}

/// Per step or signal ID, per language, the labels.
type LabelFile = BTreeMap<String, serde_json::Value>;
type PerLang = BTreeMap<String, Vec<String>>;

/// The Rust source of `RULES`, from the texts of `rules/meta.json` and
/// `rules/labels.json`.
pub fn generate(meta: &str, labels: &str) -> Result<String, String> {
    generate_with(meta, labels, true)
}

/// [`generate`], with the labels left out of the steps and signals (their
/// languages are still listed) unless `embed_labels`.
pub fn generate_with(meta: &str, labels: &str, embed_labels: bool) -> Result<String, String> {
    let meta: Meta = serde_json::from_str(meta).map_err(|e| format!("rules/meta.json is not valid: {e}"))?;
    if let Some(key) = meta.notes.keys().find(|k| !k.starts_with('_')) {
        return Err(format!("rules/meta.json is not valid: unknown field `{key}`"));
    }
    let labels: LabelFile = serde_json::from_str(labels).map_err(|e| format!("rules/labels.json is not valid: {e}"))?;
    let mut per_id: BTreeMap<&str, PerLang> = BTreeMap::new();
    for (id, v) in labels.iter().filter(|(k, _)| !k.starts_with('_')) {
        let known = meta.steps.iter().map(|s| &s.id).chain(meta.contact_form_signals.iter().map(|s| &s.id));
        if !known.chain(meta.confirmation_signals.iter().map(|s| &s.id)).any(|k| k == id) {
            return Err(format!("rules/labels.json: unknown step {id}"));
        }
        let langs: PerLang = serde_json::from_value(v.clone()).map_err(|e| format!("rules/labels.json: {id}: {e}"))?;
        for (lang, list) in &langs {
            // (Control characters also separate the fields of the labels files.)
            if list.is_empty() || list.iter().chain([lang]).any(|l| l.contains(char::is_control)) {
                return Err(format!("rules/labels.json: {id} ({lang}): an empty list, or a control character"));
            }
        }
        per_id.insert(id, langs);
    }
    let label_source = |id: &str| labels_literal(per_id.get(id).filter(|_| embed_labels));
    let mut langs: Vec<&String> = per_id.values().flat_map(|l| l.keys()).collect();
    langs.sort();
    langs.dedup();

    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "pub static RULES: Rules = Rules {{");
    let _ = writeln!(w, "    schema: {},", meta.schema);
    let _ = writeln!(w, "    sites: &[");
    for s in &meta.sites {
        let hosts: String =
            s.hosts.iter().map(|h| format!("HostRule {{ host: {:?}, group: {:?} }}, ", h.host, h.group)).collect();
        let _ = writeln!(
            w,
            "        SiteRule {{ id: {:?}, name: {:?}, hosts: &[{hosts}], direct_form: {:?}, start: {:?} }},",
            s.id, s.name, s.direct_form, s.start
        );
    }
    let _ = writeln!(w, "    ],\n    forms: &[");
    for f in &meta.forms {
        let _ = writeln!(w, "        FormRule {{ id: {:?}, site: {:?}, kind: {:?} }},", f.id, f.site, f.kind);
    }
    let _ = writeln!(w, "    ],\n    pages: &[");
    for p in &meta.pages {
        let m = match p.match_kind {
            MatchKind::Exact => "Exact",
            MatchKind::Prefix => "Prefix",
        };
        let _ = writeln!(
            w,
            "        PageRule {{ site: {:?}, group: {:?}, path: {:?}, match_kind: MatchKind::{m}, kind: {:?} }},",
            p.site, p.group, p.path, p.kind
        );
    }
    let _ = writeln!(w, "    ],\n    route_length: {},\n    page_steps: &[", meta.route_length);
    for (kind, steps) in &meta.page_steps {
        let _ = writeln!(w, "        ({kind:?}, &{steps:?}),");
    }
    let _ = writeln!(w, "    ],\n    steps: &[");
    for s in &meta.steps {
        let _ = writeln!(
            w,
            "        StepRule {{ id: {:?}, number: {}, href: &{:?}, roles: &{:?}, expanded: {:?}, require_label: {}, labels: {} }},",
            s.id,
            s.number,
            s.href,
            s.roles,
            s.expanded,
            s.require_label,
            label_source(&s.id)
        );
    }
    for (name, signals) in
        [("contact_form_signals", &meta.contact_form_signals), ("confirmation_signals", &meta.confirmation_signals)]
    {
        let _ = writeln!(w, "    ],\n    {name}: &[");
        for s in signals {
            let _ = writeln!(
                w,
                "        SignalRule {{ id: {:?}, kind: {:?}, labels: {} }},",
                s.id,
                s.kind,
                label_source(&s.id)
            );
        }
    }
    let _ = writeln!(w, "    ],\n    label_langs: &{langs:?},\n}};");
    Ok(o)
}

/// One string per step: `lang ITEM label ITEM label… LANG lang ITEM …`, in
/// language order. One string rather than nested slices keeps the wasm free
/// of pointer tables (8 bytes per label, and they compress poorly).
fn labels_literal(per_lang: Option<&PerLang>) -> String {
    let joined: Vec<String> = per_lang
        .into_iter()
        .flatten()
        .map(|(lang, list)| format!("{lang}{ITEM_SEP}{}", list.join(&ITEM_SEP.to_string())))
        .collect();
    format!("Labels({:?})", joined.join(&LANG_SEP.to_string()))
}

#[allow(dead_code)] // compiled into tests/rules_build.rs too, which has its own main
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let read = |name: &str| {
        let path = Path::new("rules").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let embed_labels = env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32");
    let source =
        generate_with(&read("meta.json"), &read("labels.json"), embed_labels).unwrap_or_else(|e| panic!("{e}"));
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir).join("rules.rs");
    fs::write(&out, source).unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    let css = Path::new("src/shell/panel.css");
    println!("cargo:rerun-if-changed={}", css.display());
    let text = fs::read_to_string(css).unwrap_or_else(|e| panic!("{}: {e}", css.display()));
    let out = Path::new(&out_dir).join("panel.css");
    fs::write(&out, compact_css(&text)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// The panel's style sheet as the wasm carries it (every Meta page downloads
/// it): without comments, indentation and line breaks. The repository keeps
/// the readable, commented file. Only what is safe without parsing CSS: a
/// space before `{` or after `{`, `;` and `}` goes, any other stays one space
/// (so the file must not have quoted strings with `/*` or runs of spaces).
pub fn compact_css(css: &str) -> String {
    let mut rest = css;
    let mut bare = String::with_capacity(css.len());
    while let Some(start) = rest.find("/*") {
        bare.push_str(&rest[..start]);
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
    }
    bare.push_str(rest);
    let mut out = String::with_capacity(bare.len());
    for word in bare.split_whitespace() {
        let glue = !(out.is_empty() || out.ends_with(['{', ';', '}']) || word.starts_with(['{', '}']));
        if glue {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
