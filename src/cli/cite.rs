//! `standoff cite` and `standoff verify`: a citation of a link (`ui::cite`, which the page's Cite
//! also gives) as text or as a BibTeX entry, in a language; and a check that a digest is the one
//! the link's run gives, by recomputing it.

use super::{shown, Args, Cmd, Error};
use crate::present::i18n::Lang;
use crate::ui::cite::{citation, read, run};

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
    let c = citation(&link, &day.unwrap_or_else(today))?;
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
    use crate::ui::state::AppState;

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
}
