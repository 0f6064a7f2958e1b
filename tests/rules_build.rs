//! build.rs turns rules/*.json into Rust. A mistake in those files must fail
//! the build with a message that names the file and what is wrong, never
//! produce rules that silently lack something.

#[path = "../build.rs"]
mod build_script;

use build_script::{compact_css, generate, generate_with};
use std::fs;

fn shipped() -> (String, String) {
    let read = |f: &str| fs::read_to_string(format!("rules/{f}")).expect("the rules files");
    (read("meta.json"), read("labels.json"))
}

fn error(meta: &str, labels: &str) -> String {
    match generate(meta, labels) {
        Ok(_) => panic!("accepted broken rules"),
        Err(e) => e,
    }
}

#[test]
fn the_shipped_files_generate() {
    let (meta, labels) = shipped();
    let source = generate(&meta, &labels).expect("the shipped rules");
    assert!(source.starts_with("pub static RULES: Rules = Rules {"), "{source}");
    // Notes for maintainers stay out of the build.
    assert!(!source.contains("_doc") && !source.contains("_sources"));
}

#[test]
fn the_wasm_build_gets_the_languages_but_not_the_labels() {
    let (meta, labels) = shipped();
    let with = generate(&meta, &labels).expect("the shipped rules");
    let without = generate_with(&meta, &labels, false).expect("the shipped rules");
    assert!(with.contains("envoyer") && !without.contains("envoyer"), "labels only where embedded");
    assert!(!without.contains('\u{1f}') && without.contains("Labels(\"\")"));
    let langs = "label_langs: &[\"bg\", \"cs\", \"da\", \"de\", \"el\", \"en\", ";
    assert!(with.contains(langs) && without.contains(langs), "{without}");
}

#[test]
fn malformed_files_fail_with_a_message_naming_the_problem() {
    let (meta, labels) = shipped();
    for (m, l, expected) in [
        ("{", labels.as_str(), "rules/meta.json is not valid: EOF"),
        ("{\"schema\": 1}", labels.as_str(), "rules/meta.json is not valid: missing field"),
        (meta.as_str(), "[", "rules/labels.json is not valid"),
        (meta.as_str(), "{\"no_such_step\": {}}", "rules/labels.json: unknown step no_such_step"),
        (meta.as_str(), "{\"send\": {\"fr\": \"envoyer\"}}", "rules/labels.json: send: invalid type"),
        (meta.as_str(), "{\"send\": {\"fr\": []}}", "rules/labels.json: send (fr): an empty list"),
        (meta.as_str(), "{\"send\": {\"fr\": [\"a\\u001fb\"]}}", "a control character"),
        (meta.as_str(), "{\"send\": {\"fr\": [\"a\\tb\"]}}", "a control character"),
    ] {
        let e = error(m, l);
        assert!(e.contains(expected), "expected {expected:?}, got {e:?}");
    }
    let typo = meta.replacen("\"route_length\"", "\"route_lenght\"", 1);
    assert!(error(&typo, &labels).contains("missing field `route_length`"));
    let extra = meta.replacen("\"schema\"", "\"extra\": 1, \"schema\"", 1);
    assert!(error(&extra, &labels).contains("unknown field `extra`"));
    let unknown_step_field = meta.replacen("\"number\": 1,", "\"numbr\": 1, \"number\": 1,", 1);
    assert!(error(&unknown_step_field, &labels).contains("unknown field `numbr`"));
    let bad_match = meta.replacen("\"match\": \"exact\"", "\"match\": \"glob\"", 1);
    assert!(error(&bad_match, &labels).contains("unknown variant `glob`"));
}

#[test]
fn the_panel_style_sheet_is_compacted_without_changing_a_rule() {
    let css = "/* why */\n.ring {\n  position: fixed;\n  /* how */ border: 3px solid #e08a00;\n}\n\n.a .b, .c { top: 0 }\n@media (x) {\n  .d { e: f }\n}\n";
    assert_eq!(
        compact_css(css),
        ".ring{position: fixed;border: 3px solid #e08a00;}.a .b, .c{top: 0}@media (x){.d{e: f}}"
    );
    // An unclosed comment ends the sheet, as in a browser.
    assert_eq!(compact_css(".a { b: c } /* open"), ".a{b: c}");
    let shipped = fs::read_to_string("src/shell/panel.css").expect("the panel style sheet");
    let compact = compact_css(&shipped);
    assert!(!compact.contains("/*") && !compact.contains('\n') && compact.len() < shipped.len() * 3 / 4, "{compact}");
    // Only comments and white space went: outside its comments, the shipped
    // sheet has the same characters, white space aside, in the same order.
    let uncommented: String = shipped
        .split("/*")
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.split_once("*/").map_or("", |p| p.1) })
        .collect();
    let dense = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(dense(&compact), dense(&uncommented));
    for rule in ["position: fixed;", ".ring[hidden]{display: none;}", "@keyframes objector-pulse{50%{opacity: 1;}}"] {
        assert!(compact.contains(rule), "{rule} missing from {compact}");
    }
}
