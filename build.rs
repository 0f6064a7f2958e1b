//! Compacts the rules files compiled into the wasm: the same JSON without
//! indentation and without the `_`-prefixed notes for maintainers (`_doc`,
//! `_sources`). Every Facebook page downloads these bytes; the repository
//! keeps the readable files. Tests check the compact text reads the same.

use std::{env, fs, path::Path};

fn compact(name: &str) {
    let src = Path::new("rules").join(name);
    println!("cargo:rerun-if-changed={}", src.display());
    let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let mut value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", src.display()));
    if let Some(o) = value.as_object_mut() {
        o.retain(|k, _| !k.starts_with('_'));
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    fs::write(&out, value.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    compact("meta.json");
    compact("labels.json");
}
