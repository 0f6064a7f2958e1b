//! The labels as files, one per language, so that a Meta page loads the two
//! languages it needs rather than all 24 inside the wasm (they were a quarter
//! of its data). The wasm build's `RULES` has no labels (build.rs); the content
//! script reads `labels/<lang>.txt` and `labels/en.txt` from the extension and
//! makes its rules with [`Rules::with_label_files`]. The files are written from
//! the native build's `RULES` by `tools/write_labels.rs`, with
//! [`Rules::label_file`]: one format, one reader, one writer, all here.
//!
//! A file is a line per step or signal that has labels in its languages:
//! `id TAB labels`, the labels laid out as in [`Labels`]. Labels never contain
//! control characters (build.rs refuses them), so tabs and newlines are free.

use crate::core::rules::{Labels, Rules, SignalRule, StepRule, ITEM_SEP, LANG_SEP};
use crate::prelude::*;

/// The file with every language, for a page whose language is unknown.
pub const ALL: &str = "all";

/// The language whose labels a page language uses: its primary subtag, lower
/// case, Norwegian as `nb` (the only Norwegian Meta has labels for).
pub fn label_lang(lang: &str) -> String {
    let primary = lang.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
    match primary.as_str() {
        "no" | "nn" => "nb".to_string(),
        _ => primary,
    }
}

impl Rules {
    /// Every step and signal with its labels.
    fn labelled(&self) -> impl Iterator<Item = (&'static str, Labels)> + '_ {
        let signals = self.contact_form_signals.iter().chain(self.confirmation_signals);
        self.steps.iter().map(|s| (s.id, s.labels)).chain(signals.map(|s| (s.id, s.labels)))
    }

    /// The labels file of `langs` ([`ALL`]: every language).
    pub fn label_file(&self, langs: &[&str]) -> String {
        let mut out = String::new();
        for (id, labels) in self.labelled() {
            let entries: Vec<&str> = labels
                .0
                .split(LANG_SEP)
                .filter(|e| {
                    let lang = e.split(ITEM_SEP).next().unwrap_or("");
                    !e.is_empty() && (langs == [ALL] || langs.contains(&lang))
                })
                .collect();
            if !entries.is_empty() {
                out.push_str(id);
                out.push('\t');
                out.push_str(&entries.join(&LANG_SEP.to_string()));
                out.push('\n');
            }
        }
        out
    }

    /// The files a page in `lang` needs, by name (`labels/<name>.txt`): its
    /// language's and English (localised Meta UIs keep English strings), or
    /// every language's when its language is unknown.
    pub fn label_files_for(&self, lang: &str) -> Vec<&'static str> {
        let lang = label_lang(lang);
        match self.label_langs.iter().find(|l| **l == lang) {
            Some(&"en") => vec!["en"],
            // In language order, as in `RULES`.
            Some(own) if *own < "en" => vec![*own, "en"],
            Some(own) => vec!["en", *own],
            None => vec![ALL],
        }
    }

    /// These rules with the labels of `files` (the texts of label files, each
    /// language in one of them only). Lines that are not `id TAB labels` of a
    /// known step or signal are skipped. Made once per page and kept for its
    /// life: the labels are leaked into one `'static` string.
    pub fn with_label_files(&self, files: &[&str]) -> Rules {
        let mut text = String::new();
        let mut spans: Vec<(&str, usize, usize)> = Vec::new();
        for (id, _) in self.labelled() {
            let start = text.len();
            let lines = files.iter().flat_map(|f| f.lines());
            for labels in lines.filter_map(|l| l.split_once('\t')).filter(|(i, _)| *i == id).map(|(_, l)| l) {
                if text.len() > start {
                    text.push(LANG_SEP);
                }
                text.push_str(labels);
            }
            spans.push((id, start, text.len()));
        }
        let text: &'static str = text.leak();
        let labels_of = |id: &str| {
            let span = spans.iter().find(|(i, _, _)| *i == id);
            Labels(span.and_then(|&(_, start, end)| text.get(start..end)).unwrap_or(""))
        };
        let steps: Vec<StepRule> = self.steps.iter().map(|s| StepRule { labels: labels_of(s.id), ..*s }).collect();
        let signals = |list: &[SignalRule]| -> &'static [SignalRule] {
            list.iter().map(|s| SignalRule { labels: labels_of(s.id), ..*s }).collect::<Vec<_>>().leak()
        };
        Rules {
            steps: steps.leak(),
            contact_form_signals: signals(self.contact_form_signals),
            confirmation_signals: signals(self.confirmation_signals),
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static Rules {
        Rules::embedded()
    }

    #[test]
    fn a_page_language_gets_its_file_and_english_or_all() {
        assert_eq!(rules().label_files_for("fr-FR"), ["en", "fr"]);
        assert_eq!(rules().label_files_for("en-GB"), ["en"]);
        assert_eq!(rules().label_files_for("nn_NO"), ["en", "nb"]);
        assert_eq!(rules().label_files_for("de"), ["de", "en"]);
        assert_eq!(rules().label_files_for("xx"), [ALL]);
        assert_eq!(rules().label_files_for(""), [ALL]);
        // What a page says cannot name another file.
        assert_eq!(rules().label_files_for("../../manifest"), [ALL]);
    }

    #[test]
    fn files_read_back_give_the_same_labels() {
        let all = rules().label_file(&[ALL]);
        let back = rules().with_label_files(&[&all]);
        for (a, b) in rules().labelled().zip(back.labelled()) {
            assert_eq!(a, b);
        }
        assert!(rules().labelled().all(|(_, l)| !l.is_empty()), "every step and signal has labels");
        // Everything else is unchanged.
        assert_eq!(back.steps.len(), rules().steps.len());
        assert_eq!(back.validate(), Vec::<String>::new());
    }

    #[test]
    fn two_language_files_give_those_languages_only() {
        let files = [rules().label_file(&["en"]), rules().label_file(&["fr"])];
        let back = rules().with_label_files(&[&files[0], &files[1]]);
        let send = back.step("send").expect("the send step").labels;
        assert_eq!(send.get("fr").expect("French").collect::<Vec<_>>(), ["envoyer", "soumettre"]);
        assert_eq!(send.get("en").expect("English").collect::<Vec<_>>(), ["send", "submit"]);
        assert!(send.get("de").is_none());
        for (id, labels) in back.labelled() {
            let langs: Vec<&str> = labels.langs().map(|(l, _)| l).collect();
            assert!(langs.iter().all(|l| ["en", "fr"].contains(l)), "{id}: {langs:?}");
            assert!(langs.contains(&"en"), "{id} has English labels");
        }
    }

    #[test]
    fn no_files_or_broken_lines_leave_no_labels_and_no_panic() {
        let none = rules().with_label_files(&[]);
        assert!(none.labelled().all(|(_, l)| l.is_empty()));
        let broken = rules().with_label_files(&["send", "no_such_step\tfr\u{1f}x", "\t", "send\t"]);
        assert!(broken.step("send").expect("send").labels.get("fr").is_none());
        assert_eq!(broken.steps.len(), rules().steps.len());
    }
}
