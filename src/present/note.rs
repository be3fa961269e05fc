//! Something the reader is told — a part of a link that could not be used, a refused value —
//! kept as a catalogue entry and its values, and put into words in the reader's language when
//! shown (so switching language translates the notes already on screen). `english()` is the
//! same note for the command line, the host's error events and the tests.

use crate::present::i18n::{fill, t, unit, Key, Lang};
use std::fmt;

/// A value of a note: words as given, or a unit to translate.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Unit(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub key: Key,
    pub args: Vec<(&'static str, Arg)>,
}

impl Note {
    pub fn new(key: Key, args: &[(&'static str, &str)]) -> Note {
        Note { key, args: args.iter().map(|(k, v)| (*k, Arg::Text(v.to_string()))).collect() }
    }

    /// The same note with a unit to translate.
    pub fn with_unit(mut self, name: &'static str, u: &'static str) -> Note {
        self.args.push((name, Arg::Unit(u)));
        self
    }

    /// The note in the reader's language.
    pub fn text(&self, lang: Lang) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, a)| {
                (
                    *k,
                    match a {
                        Arg::Text(s) => s.clone(),
                        Arg::Unit(u) => unit(lang, u).to_string(),
                    },
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(t(lang, self.key), &refs)
    }

    /// Whether the note is about a part of a link (or of a set-up) that could not be used; the
    /// others tell of something the page could not do (copy, fetch a language's texts).
    pub fn about_link(&self) -> bool {
        !matches!(self.key, Key::COPY_FAILED | Key::NOTE_TEXTS_FAILED)
    }

    pub fn english(&self) -> String {
        self.text(Lang::default())
    }
}

/// The heading over the notes shown: about the link when every note is, else a general one (a
/// failed copy is not a part of a link).
pub fn heading(notes: &[Note]) -> Key {
    if notes.iter().all(Note::about_link) {
        Key::IGNORED
    } else {
        Key::NOTICE
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_put_into_words_in_each_language_with_its_values_and_units() {
        let n =
            Note::new(Key::NOTE_PARAM_RANGE, &[("name", "habit"), ("value", "9"), ("min", "0"), ("max", "5")]).with_unit("unit", "days");
        let en = n.text(Lang::En);
        assert!(en.contains("habit") && en.contains('9') && en.contains("days") && !en.contains('{'), "{en}");
        let zh = n.text(Lang::Zh);
        assert!(zh.contains("habit") && zh.contains('9') && !zh.contains('{') && !zh.contains("days"), "{zh}");
        assert_ne!(en, zh);
        assert_eq!(n.to_string(), en);
    }

    #[test]
    fn the_heading_says_the_link_only_when_every_note_is_about_it() {
        let bad = Note::new(Key::NOTE_UNKNOWN_KEY, &[("key", "zzz")]);
        let copy = Note::new(Key::COPY_FAILED, &[]);
        let texts = Note::new(Key::NOTE_TEXTS_FAILED, &[("language", "中文")]);
        assert_eq!(heading(std::slice::from_ref(&bad)), Key::IGNORED);
        for notes in [vec![copy.clone()], vec![texts], vec![bad, copy]] {
            assert_eq!(heading(&notes), Key::NOTICE, "{notes:?}");
        }
        assert!(!t(Lang::En, Key::NOTICE).contains("link") && !t(Lang::Zh, Key::NOTICE).is_empty());
    }
}
