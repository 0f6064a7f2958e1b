//! Writes the labels files the content script reads (`labels/<lang>.txt`, and
//! `labels/all.txt` for pages in an unknown language) into the folder given,
//! from the rules as the native build compiles them (see
//! `src/core/label_files.rs`). Run by build.sh:
//! `cargo run --example write-labels -- DIR`.

use objector::core::label_files::ALL;
use objector::core::rules::Rules;
use std::{env, fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(dir) = env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write-labels DIR");
        return ExitCode::from(2);
    };
    let rules = Rules::embedded();
    let files = rules.label_langs.iter().map(|l| (*l, rules.label_file(&[l]))).chain([(ALL, rules.label_file(&[ALL]))]);
    for (name, text) in files {
        let path = dir.join(format!("{name}.txt"));
        if let Err(e) = fs::create_dir_all(&dir).and_then(|_| fs::write(&path, text)) {
            eprintln!("write-labels: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
