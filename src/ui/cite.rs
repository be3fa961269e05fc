//! A citation of a state: its title, the model version, the simulated time, the link, the date
//! it was cited and the run's digest, as text and as a BibTeX entry, in a language (the words
//! are the catalogue's `cite.*`: the command line and the workers' module carry them, the page's
//! module does not). Pure: `standoff cite` prints it, `standoff verify` checks a digest, and the
//! page's Cite asks the workers' module (`src/bin/worker.rs`) for it.
//!
//! The run of a link is computed as the page shows it: to the link's time `t` (the frames up to
//! it and the whole baseline: `Run::digest`, what the reader saw), or the whole run when the link
//! names no time.

use crate::model::clock::{self, Hour};
use crate::model::run::Run;
use crate::model::shorten;
use crate::present::i18n::{fill, named, scenario_title, t, Key, Lang};
use crate::ui::address::pairs;
use crate::ui::state::{AppState, MODEL_VERSION};

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

/// The state part of an address: after `#`, or else after `?`, or the whole text.
fn fragment(link: &str) -> &str {
    match link.split_once('#') {
        Some((_, f)) => f,
        None => link.split_once('?').map_or(link, |(_, q)| q),
    }
}

/// A state read from a link: refused (with why) unless the app would open it exactly as written.
/// Also says whether the link names a time (`t`).
pub fn read(link: &str) -> Result<(AppState, bool), String> {
    let f = fragment(link.trim());
    let keys = pairs(f);
    if !keys.iter().any(|(k, _)| k == "scenario") {
        return Err(format!(
            "'{}' names no state: expected a link such as index.html#scenario=june-2017&t=2017-06-02T12:00",
            shorten(link, 80)
        ));
    }
    let (st, notes) = AppState::from_link(f);
    if !notes.is_empty() {
        return Err(format!("the link does not open as written: {}", notes.join("; ")));
    }
    Ok((st, keys.iter().any(|(k, _)| k == "t")))
}

/// The run a link stands for: to its time, or the whole run if it names none.
pub fn run(st: &AppState, timed: bool) -> Run {
    let (spec, _) = st.build_spec();
    if !timed {
        return Run::complete(spec);
    }
    let mut r = Run::new(spec);
    let at = r.start() + st.t;
    r.seek(at);
    r
}

/// The citation of `link` (an address with a state, or its fragment), cited on `date`: its run
/// recomputed (refused, with why, unless the app would open the link exactly as written).
pub fn citation(link: &str, date: &str) -> Result<Citation, String> {
    let (st, timed) = read(link)?;
    let r = run(&st, timed);
    Ok(Citation { scenario: st.scenario, at: r.now(), link: link.trim().to_string(), date: date.to_string(), digest: r.digest() })
}

/// What the page's Cite shows (the workers' module answers it): the digest, a tab, the text, a
/// tab, the BibTeX entry, in `lang`; or `!` and why the link cannot be cited.
pub fn for_page(link: &str, lang: Lang, date: &str) -> String {
    match citation(link, date) {
        Ok(c) => format!("{:016x}\t{}\t{}", c.digest, c.text(lang), c.bibtex(lang)),
        Err(why) => format!("!{}", crate::model::bounded(&why)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_read_from_an_address_or_a_fragment_and_refused_unless_it_opens_as_written() {
        let (st, timed) = read("https://example.org/standoff/index.html#scenario=june-2017&t=2017-06-02T12:00").unwrap();
        assert_eq!((st.scenario.as_str(), timed, st.t), ("june-2017", true, 24 * 4 + 12));
        let (_, timed) = read("?scenario=baseline-2017&cut=track.sf@2017-05-30T00:00").unwrap();
        assert!(!timed, "no t: the whole run");
        assert!(read("https://example.org/standoff/").unwrap_err().contains("names no state"));
        assert!(read("#scenario=june-2017&zzz=1").unwrap_err().contains("zzz"));
        assert!(read("#scenario=june-2017&v=9").unwrap_err().contains("version"));
    }

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
