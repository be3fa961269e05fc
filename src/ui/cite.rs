//! A citation of a state: its title, the model version, the simulated time, the link, the date
//! it was cited and the run's digest, as text and as a BibTeX entry, in the reader's language.
//! Pure: the Embed dialog shows it, `standoff cite` prints it and `standoff verify` checks the
//! digest by recomputing the run (`cli/cite.rs`, which also reads the link).
//!
//! The digest is `Run::digest` of the run as it stands at the state's time (the frames up to `t`
//! and the whole baseline): what the reader saw.

use crate::model::clock::{self, Hour};
use crate::present::i18n::{fill, named, scenario_title, t, Key, Lang};
use crate::ui::state::MODEL_VERSION;

/// What a citation says.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// The scenario's id (names the BibTeX key).
    pub scenario: String,
    /// The simulated time of the state (Beijing).
    pub at: Hour,
    /// The address that opens the state.
    pub link: String,
    /// The day it was cited, `YYYY-MM-DD`.
    pub date: String,
    /// `Run::digest` of the run as cited.
    pub digest: u64,
}

impl Citation {
    /// The title: the app's and the scenario's, as the embed snippet names its frame.
    pub fn title(&self, lang: Lang) -> String {
        format!("{} — {}", t(lang, Key::TITLE), scenario_title(lang, &self.scenario))
    }

    fn words(&self, lang: Lang, key: &str) -> String {
        fill(
            named(lang, key),
            &[
                ("title", &self.title(lang)),
                ("version", MODEL_VERSION),
                ("time", &clock::format_short(self.at).replace('T', " ")),
                ("link", &self.link),
                ("date", &self.date),
                ("digest", &format!("{:016x}", self.digest)),
            ],
        )
    }

    /// The citation as one paragraph of text.
    pub fn text(&self, lang: Lang) -> String {
        self.words(lang, "cite.text")
    }

    /// The citation as a BibTeX `@misc` entry (biblatex's `url` and `urldate`).
    pub fn bibtex(&self, lang: Lang) -> String {
        let key: String = self.scenario.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let year = self.date.get(..4).unwrap_or("");
        format!(
            "@misc{{parcel-standoff-{}-{:08x},\n  title = {{{{{}}}}},\n  url = {{{}}},\n  urldate = {{{}}},\n  year = {{{}}},\n  note = {{{}}},\n}}\n",
            key,
            self.digest >> 32,
            tex(&self.title(lang)),
            url(&self.link),
            self.date,
            year,
            tex(&self.words(lang, "cite.note")),
        )
    }
}

/// Text for a BibTeX field: TeX's special characters escaped.
fn tex(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// An address for a verbatim `url` field: braces, backslashes and spaces percent-encoded (the
/// field must stay balanced); the rest as it is.
fn url(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '{' => "%7B".to_string(),
            '}' => "%7D".to_string(),
            '\\' => "%5C".to_string(),
            c if c.is_whitespace() => "%20".to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn june(link: &str) -> Citation {
        Citation {
            scenario: "june-2017".into(),
            at: clock::parse("2017-06-02T12:00").unwrap(),
            link: link.into(),
            date: "2026-03-14".into(),
            digest: 0x0123_4567_89ab_cdef,
        }
    }

    #[test]
    fn a_citation_names_the_title_version_time_link_date_and_digest_in_each_language() {
        let c = june("https://example.org/standoff/#scenario=june-2017&t=2017-06-02T12:00&lang=en&v=1");
        for lang in Lang::ALL {
            let text = c.text(lang);
            for part in [c.title(lang).as_str(), MODEL_VERSION, "2017-06-02 12:00", c.link.as_str(), "2026-03-14", "0123456789abcdef"] {
                assert!(text.contains(part), "{lang:?}: {part} missing from {text}");
            }
            let bib = c.bibtex(lang);
            assert!(bib.starts_with("@misc{parcel-standoff-june-2017-01234567,\n"), "{bib}");
            assert!(bib.contains("url = {https://example.org/standoff/#scenario=june-2017&t=2017-06-02T12:00&lang=en&v=1},"), "{bib}");
            assert!(bib.contains("urldate = {2026-03-14},") && bib.contains("year = {2026},"), "{bib}");
            assert!(bib.contains("0123456789abcdef") && bib.contains(&format!("title = {{{{{}}}}}", c.title(lang))), "{bib}");
            // the braces balance: a .bib reader sees one entry
            let depth = bib.chars().try_fold(0i32, |d, ch| {
                let d = d + (ch == '{') as i32 - (ch == '}') as i32;
                (d >= 0).then_some(d)
            });
            assert_eq!(depth, Some(0), "{bib}");
        }
        assert_ne!(c.text(Lang::ALL[0]), c.text(Lang::ALL[1]), "each language has its own words");
    }

    #[test]
    fn bibtex_fields_stay_balanced_whatever_the_link_holds() {
        let c = june("https://ex.org/a b/{x}\\#scenario=june-2017&p.x=50%");
        let bib = c.bibtex(Lang::ALL[0]);
        assert!(bib.contains("url = {https://ex.org/a%20b/%7Bx%7D%5C#scenario=june-2017&p.x=50%},"), "{bib}");
        assert_eq!(tex("50% & {x}_#"), "50\\% \\& \\{x\\}\\_\\#");
    }
}
