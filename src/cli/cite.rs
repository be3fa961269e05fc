//! `standoff cite` and `standoff verify`: a citation of a link — its title, the model version,
//! the simulated time, the link, the date it was cited and the run's digest — as text or as a
//! BibTeX entry, in a language (the words are the catalogue's `cite.*`, shipped to the command
//! line only); and a check that a digest is the one the link's run gives, by recomputing it.
//!
//! Both compute the run as the page shows it: to the link's time `t` (the frames up to it and
//! the whole baseline: `Run::digest`, what the reader saw), or the whole run when the link names
//! no time.

use super::{shown, Args, Cmd, Error};
use crate::model::clock::{self, Hour};
use crate::model::run::Run;
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
        return Err(format!("'{}' names no state: expected a link such as index.html#scenario=june-2017&t=2017-06-02T12:00", shown(link)));
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

/// Today's date (UTC), `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil((secs / 86_400) as i64)
}

/// The calendar date `days` after 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + (m <= 2) as i64;
    format!("{:04}-{:02}-{:02}", y, m, d)
}

/// `--date` as given: a calendar date `YYYY-MM-DD`.
fn date(v: &str) -> Result<String, Error> {
    let ok = v.len() == 10
        && v.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() })
        && (1..=12).contains(&v[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&v[8..10].parse::<u32>().unwrap_or(0));
    match ok {
        true => Ok(v.to_string()),
        false => Err(format!("--date must be a date such as 2026-03-14, not '{}'", shown(v)).into()),
    }
}

/// `standoff cite LINK [--lang CODE] [--bibtex] [--date YYYY-MM-DD]`.
pub(super) fn cite(args: &[String]) -> Result<(), Error> {
    let mut link = None;
    let mut lang = Lang::default();
    let mut bibtex = false;
    let mut day = None;
    let mut p = Args::new(Cmd::Cite, args);
    while let Some(arg) = p.next()? {
        match arg {
            super::Arg::Word(w) if link.is_none() => link = Some(w),
            super::Arg::Opt(o) if o == "--lang" => lang = Lang::parse_or_explain(&p.value(&o)?)?,
            super::Arg::Opt(o) if o == "--bibtex" => bibtex = true,
            super::Arg::Opt(o) if o == "--date" => day = Some(date(&p.value(&o)?)?),
            other => return Err(p.unknown(other)),
        }
    }
    let link = link.ok_or("cite needs a LINK (an address the app wrote, e.g. from Copy link)")?;
    let (st, timed) = read(&link)?;
    let r = run(&st, timed);
    let c =
        Citation { scenario: st.scenario, at: r.now(), link: link.trim().to_string(), date: day.unwrap_or_else(today), digest: r.digest() };
    if bibtex {
        print!("{}", c.bibtex(lang));
    } else {
        println!("{}", c.text(lang));
    }
    Ok(())
}

/// `standoff verify LINK DIGEST`: exit 0 when the link's run gives the digest, 1 when not.
pub(super) fn verify(args: &[String]) -> Result<(), Error> {
    let mut words = Vec::new();
    let mut p = Args::new(Cmd::Verify, args);
    while let Some(arg) = p.next()? {
        match arg {
            super::Arg::Word(w) if words.len() < 2 => words.push(w),
            other => return Err(p.unknown(other)),
        }
    }
    let [link, digest] = &words[..] else {
        return Err("verify needs a LINK and a DIGEST (16 hexadecimal digits, as a citation gives)".into());
    };
    let want = digest.trim();
    let want = match want.len() == 16 && want.chars().all(|c| c.is_ascii_hexdigit()) {
        true => u64::from_str_radix(want, 16).map_err(|e| e.to_string())?,
        false => return Err(format!("'{}' is not a digest: 16 hexadecimal digits, as a citation gives", shown(want)).into()),
    };
    let (st, timed) = read(link)?;
    let r = run(&st, timed);
    let what = if timed { "the run to the link's time" } else { "the whole run" };
    if r.digest() == want {
        println!("verified: {} gives {:016x}", what, want);
        Ok(())
    } else {
        Err(Error::Mismatch(format!("not verified: {} gives {:016x}, not {:016x}", what, r.digest(), want)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_counted_from_the_epoch_on_the_gregorian_calendar() {
        assert_eq!(civil(0), "1970-01-01");
        assert_eq!(civil(11_016), "2000-02-29");
        assert_eq!(civil(20_526), "2026-03-14");
        assert!(date("2026-03-14").is_ok());
        for bad in ["2026-3-14", "2026-13-01", "yesterday", "2026-03-14T00:00"] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

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

    #[test]
    fn the_run_of_a_link_is_the_run_the_page_shows_at_its_time() {
        use crate::ui::address::PageOptions;
        use crate::ui::session::{Action, Session};
        let link = "scenario=june-2017&t=2017-06-01T12:00&p.habit=0.2";
        let (st, notes) = AppState::read_link(link);
        let mut s = Session::new(st, notes, &PageOptions::parse("", link), false);
        // the reader cuts a link now, plays on a little and steps back
        s.reduce(Action::ToggleLink(crate::model::ids::LinkId::parse("direct.jd.sf").unwrap()));
        s.reduce(Action::SeekHour(24 * 3 + 20));
        s.reduce(Action::Step);
        s.reduce(Action::Previous);
        let shown = s.snapshot().to_link();
        let (st, timed) = read(&format!("https://example.org/#{shown}")).unwrap();
        assert!(timed);
        let r = run(&st, timed);
        assert_eq!(r.now(), s.run().now());
        assert_eq!(r.digest(), s.run().digest(), "{shown}");
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
