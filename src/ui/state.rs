//! Everything that defines what a person sees, as one value: scenario, seed, changed parameters,
//! their own cuts and restores, the time, the view and the language. Links, set-up files and the
//! host API's `load` carry it; strings are checked and typed here, at the boundary.

use crate::model::bounded;
use crate::model::clock::{self, Hour};
use crate::model::ids::LinkId;
use crate::model::params;
use crate::model::run::RunSpec;
use crate::model::scenario;
use crate::present::i18n::{Key, Lang};
use crate::present::note::Note;
use crate::present::palette::Theme;
use crate::ui::address::{encode, pairs, shortest, PAGE_KEYS};
use crate::ui::experiment::{self, Experiment};
use crate::ui::json::Object;
use crate::ui::views::View;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A reader's own cut (`up = false`) or restore of a link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkEvent {
    pub link: LinkId,
    /// Beijing time.
    pub at: Hour,
    pub up: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub scenario: String,
    pub seed: Option<u64>,
    /// Parameters changed from the scenario's values.
    pub params: BTreeMap<String, f64>,
    /// The reader's own cuts and restores, in the order made.
    pub events: Vec<LinkEvent>,
    /// Hours from the scenario's start.
    pub t: Hour,
    pub view: View,
    pub lang: Lang,
    /// Light, dark, or as the reader's system prefers (`auto`, the default).
    pub theme: Theme,
    /// A sweep or an A/B comparison set up on top of this set-up (`experiment`).
    pub exp: Option<Experiment>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            scenario: "baseline-2017".into(),
            seed: None,
            params: BTreeMap::new(),
            events: Vec::new(),
            t: 0,
            view: View::Explorer,
            lang: Lang::En,
            theme: Theme::Auto,
            exp: None,
        }
    }
}

/// The model's version, written into links: a link made by another version may give other numbers.
pub const MODEL_VERSION: &str = "1";

/// Longest link fragment read (characters); anything beyond is ignored with a note. The longest
/// link the app can write (every parameter changed, 200 events) is ~12,600 characters.
pub const MAX_LINK_LEN: usize = 16_000;
/// Most reader events read from a link.
pub const MAX_LINK_EVENTS: usize = 200;

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// The tag a saved set-up file carries.
pub const FILE_FORMAT: &str = "parcel-standoff/1";

/// Longest set-up file read (bytes); a longer one is refused before it is parsed (a 100 MB key
/// once made a message the page could not show). The longest file the app can write (every
/// parameter changed, 200 events, an experiment) is ~26 KB; the end-to-end tests load a hostile
/// file of ~100 KB and expect it read and refused for what it holds.
pub const MAX_FILE_LEN: usize = 1_000_000;

/// Why a set-up file of `len` bytes is refused before it is read, if it is too long.
pub fn file_too_long(len: usize) -> Option<String> {
    (len > MAX_FILE_LEN).then(|| format!("this is not a Parcel Standoff set-up file: {len} bytes, and one is at most {MAX_FILE_LEN}"))
}

/// A set-up file as written on disk (strings, checked when read). (`Serialize`: a test checks
/// that `to_file`, written by hand, is what serde would write.)
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedFile {
    format: String,
    setup: SetupWire,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetupWire {
    scenario: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    params: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    events: Vec<EventWire>,
    t: i64,
    view: String,
    lang: String,
    /// A sweep or A/B comparison, in its link form (`sweep=review_days:1:30:7&effect=…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    experiment: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventWire {
    /// A link id such as `track.sf`.
    link: String,
    /// Beijing time, `2017-06-01T09:00`.
    at: String,
    /// `true` restores the link, `false` cuts it.
    up: bool,
}

impl AppState {
    /// The set-up this state describes, without what does not change a run (time, view,
    /// language, theme, the experiment): the key of the bands and of history entries.
    pub fn setup_link(&self) -> String {
        let d = AppState::default();
        AppState { t: d.t, view: d.view, lang: d.lang, theme: d.theme, exp: None, ..self.clone() }.to_link()
    }

    /// The state as a link fragment with readable keys, e.g.
    /// `scenario=june-2017&t=2017-06-02T12:00&lang=zh&v=1&cut=track.sf@2017-06-01T09:00`.
    pub fn to_link(&self) -> String {
        // what a reader needs most comes first: a fragment cut short keeps the time, language
        // and version, and loses only the last cuts and restores
        let mut parts = vec![format!("scenario={}", encode(&self.scenario))];
        if let Some(seed) = self.seed {
            parts.push(format!("seed={}", seed));
        }
        let start = scenario::builtin(&self.scenario).map(|s| s.start).unwrap_or(0);
        parts.push(format!("t={}", clock::format_short(start + self.t)));
        if self.view != View::Explorer {
            parts.push(format!("view={}", encode(&self.view.id())));
        }
        if self.theme != Theme::Auto {
            parts.push(format!("theme={}", self.theme.id()));
        }
        parts.push(format!("lang={}", self.lang.code()));
        parts.push(format!("v={}", MODEL_VERSION));
        for (k, v) in &self.params {
            parts.push(format!("p.{}={}", encode(k), shortest(*v)));
        }
        for (k, v) in self.exp.iter().flat_map(|e| e.link_pairs()) {
            parts.push(format!("{}={}", k, encode(&v)));
        }
        for e in &self.events {
            parts.push(format!("{}={}@{}", if e.up { "restore" } else { "cut" }, encode(&e.link.id()), encode(&clock::format_short(e.at))));
        }
        parts.join("&")
    }

    /// Read a link fragment (with or without the leading `#` or `?`). Never fails: what cannot
    /// be used is left out and explained in the returned notes (in English); the rest is kept.
    pub fn from_link(text: &str) -> (AppState, Vec<String>) {
        let (st, notes) = AppState::read_link(text);
        (st, notes.iter().map(Note::english).collect())
    }

    /// `from_link`, its notes kept as notes (put into the reader's language when shown).
    pub fn read_link(text: &str) -> (AppState, Vec<Note>) {
        let mut st = AppState::default();
        let mut notes = Vec::new();
        let mut text = text.trim_start_matches(['#', '?']);
        if text.len() > MAX_LINK_LEN {
            notes.push(Note::new(Key::NOTE_LINK_TOO_LONG, &[("max", &MAX_LINK_LEN.to_string())]));
            let mut cut = MAX_LINK_LEN;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text = &text[..cut];
        }
        let mut time: Option<String> = None;
        let mut exp = experiment::Parts::default();
        // a key that holds one value, given twice: the last one counts, and the link says so
        let mut once = std::collections::BTreeSet::new();
        for (k, v) in pairs(text) {
            let single =
                matches!(k.as_str(), "scenario" | "seed" | "t" | "view" | "theme" | "lang" | "v" | "effect") || k.starts_with("p.");
            if single && !once.insert(k.clone()) {
                notes.push(Note::new(Key::NOTE_TWICE, &[("key", &short(&k))]));
            }
            match exp.take(&k, &v) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => {
                    notes.push(bad("experiment", &short_msg(&e)));
                    continue;
                }
            }
            match k.as_str() {
                "scenario" => {
                    if scenario::builtin(&v).is_ok() {
                        st.scenario = v;
                    } else {
                        notes.push(Note::new(
                            Key::NOTE_UNKNOWN_SCENARIO,
                            &[("id", &short(&v)), ("list", &scenario::builtin_ids().join(", "))],
                        ));
                    }
                }
                "seed" => match v.parse::<u64>() {
                    Ok(x) => st.seed = Some(x),
                    Err(_) => notes.push(Note::new(Key::NOTE_SEED, &[("value", &short(&v))])),
                },
                "cut" | "restore" => {
                    if st.events.len() >= MAX_LINK_EVENTS {
                        notes.push(Note::new(Key::NOTE_TOO_MANY_EVENTS, &[("max", &MAX_LINK_EVENTS.to_string())]));
                        continue;
                    }
                    match v.split_once('@') {
                        Some((l, at)) => match LinkId::parse(l).and_then(|l| clock::parse(at).map(|at| (l, at))) {
                            Ok((link, at)) => st.events.push(LinkEvent { link, at, up: k == "restore" }),
                            Err(e) => notes.push(bad(&format!("{k}={}", short(&v)), &short_msg(&e))),
                        },
                        None => notes.push(Note::new(Key::NOTE_EVENT_SYNTAX, &[("key", &k), ("value", &short(&v))])),
                    }
                }
                "t" => time = Some(v),
                "view" => match View::parse(&v) {
                    Ok(view) => st.view = view,
                    Err(e) => notes.push(bad("view", &e)),
                },
                "lang" => match Lang::parse_or_explain(&v) {
                    Ok(l) => st.lang = l,
                    Err(e) => notes.push(bad("lang", &e)),
                },
                "theme" => match Theme::parse(&v) {
                    Some(t) => st.theme = t,
                    None => notes.push(Note::new(Key::NOTE_THEME, &[("value", &short(&v))])),
                },
                "v" => {
                    if v != MODEL_VERSION {
                        notes.push(Note::new(Key::NOTE_VERSION, &[("old", &short(&v)), ("new", MODEL_VERSION)]));
                    }
                }
                // options of the page, read by `address::PageOptions`
                _ if PAGE_KEYS.contains(&k.as_str()) => {}
                _ if k.starts_with("p.") => {
                    let name = &k[2..];
                    match param_value(name, &v) {
                        Ok(x) => {
                            st.params.insert(name.to_string(), x + 0.0);
                        }
                        Err(n) => notes.push(n),
                    }
                }
                _ => notes.push(Note::new(Key::NOTE_UNKNOWN_KEY, &[("key", &short(&k))])),
            }
        }
        // the run must be buildable: drop what it rejects (events outside the run, bad sums)
        let (spec, run_notes) = st.build_spec();
        if !run_notes.is_empty() {
            notes.extend(run_notes);
            let (start, end) = (spec.scenario.start, spec.end());
            st.events.retain(|e| e.at >= start && e.at < end);
            // shares that do not add up are refused (the note says so), not kept: kept, they
            // would make every later parameter edit be ignored too
            if st.params_sum_error().is_some() {
                st.params.clear();
            }
        }
        // an experiment the set-up cannot run is left out, and why is said
        if let Some(e) = exp.build() {
            match e.setups(&spec) {
                Ok(_) => st.exp = Some(e),
                Err(r) => notes.push(Note::new(Key::NOTE_EXPERIMENT_LEFT_OUT, &[("reason", &r.english())])),
            }
        }
        if let Some(v) = time {
            let start = spec.scenario.start;
            match clock::parse(&v) {
                Ok(t) if t >= start && t <= spec.end() => st.t = t - start,
                Ok(_) => notes.push(Note::new(Key::NOTE_TIME_OUTSIDE, &[("value", &short(&v))])),
                Err(e) => notes.push(bad("t", &short_msg(&e))),
            }
        }
        // each distinct note once, in the order first met
        let mut seen = std::collections::BTreeSet::new();
        notes.retain(|n| seen.insert(n.english()));
        (st, notes)
    }

    /// The set-up as a file a teacher can save and load back.
    /// (Written by hand, in the layout serde gives it: the page's module carries no JSON
    /// library. `SavedFile` is how it is read.)
    pub fn to_file(&self) -> String {
        let mut setup = Object::pretty(1).text("scenario", &self.scenario);
        if let Some(seed) = self.seed {
            setup = setup.int("seed", seed as i128);
        }
        if !self.params.is_empty() {
            let params = self.params.iter().fold(Object::pretty(2), |o, (k, v)| o.number(k, *v));
            setup = setup.raw("params", &params.end());
        }
        if !self.events.is_empty() {
            let items: Vec<String> = self
                .events
                .iter()
                .map(|e| {
                    let o = Object::pretty(3).text("link", &e.link.id()).text("at", &clock::format_short(e.at));
                    format!("\n      {}", o.boolean("up", e.up).end())
                })
                .collect();
            setup = setup.raw("events", &format!("[{}\n    ]", items.join(",")));
        }
        setup = setup.int("t", self.t as i128).text("view", &self.view.id()).text("lang", self.lang.code());
        if let Some(e) = &self.exp {
            setup = setup.text("experiment", &e.to_text());
        }
        Object::pretty(0).text("format", FILE_FORMAT).raw("setup", &setup.end()).end()
    }

    /// Read a saved set-up. Anything wrong is named (in under 400 characters, whatever the file
    /// held), and nothing is taken from a bad file.
    pub fn from_file(text: &str) -> Result<AppState, String> {
        if let Some(e) = file_too_long(text.len()) {
            return Err(e);
        }
        AppState::read_file(text).map_err(|e| bounded(&e))
    }

    /// A set-up file's state as a link (`to_link`, which `read_link` reads back the same), or
    /// why the file is refused. The panels' module reads set-up files and hands the page this
    /// link: the page's own module carries no JSON reader.
    pub fn file_link(text: &str) -> Result<String, String> {
        AppState::from_file(text).map(|st| st.to_link())
    }

    fn read_file(text: &str) -> Result<AppState, String> {
        let f: SavedFile = serde_json::from_str(text).map_err(|e| format!("this is not a Parcel Standoff set-up file: {e}"))?;
        if f.format != FILE_FORMAT {
            return Err(format!("unknown file format '{}' (expected '{}')", short(&f.format), FILE_FORMAT));
        }
        let w = f.setup;
        // the scenario first: every other field is read against it
        scenario::builtin(&w.scenario).map_err(|e| short_msg(&e))?;
        if w.events.len() > MAX_LINK_EVENTS {
            return Err(format!("{} cuts and restores: at most {} fit in a link", w.events.len(), MAX_LINK_EVENTS));
        }
        let mut events = Vec::new();
        for e in &w.events {
            let link = LinkId::parse(&e.link).map_err(|m| format!("event {}: {}", short(&e.link), short_msg(&m)))?;
            let at = clock::parse(&e.at).map_err(|m| format!("event {}: {}", short(&e.link), short_msg(&m)))?;
            events.push(LinkEvent { link, at, up: e.up });
        }
        let view = View::parse(&w.view)?;
        let lang = Lang::parse_or_explain(&w.lang)?;
        // serde_json (without its `float_roundtrip`, ~13 KB of gzipped wasm) can read a number a
        // unit in the last place off: each value is read again from its own text, exactly
        let params = w
            .params
            .into_iter()
            .map(|(k, v)| {
                let x =
                    number_text(text, &k).and_then(|n| param_value(&k, n).ok()).filter(|x| (x - v).abs() <= v.abs() * 1e-9).unwrap_or(v);
                (k, x + 0.0)
            })
            .collect();
        let mut st = AppState { scenario: w.scenario, seed: w.seed, params, events, t: w.t, view, lang, theme: Theme::Auto, exp: None };
        let (spec, notes) = st.run_spec();
        if !notes.is_empty() {
            return Err(notes.join("; "));
        }
        if let Some(text) = &w.experiment {
            let e = Experiment::from_text(text).map_err(|m| format!("experiment: {}", short_msg(&m)))?;
            e.setups(&spec).map_err(|r| format!("experiment: {}", r.english()))?;
            st.exp = Some(e);
        }
        let hours = spec.scenario.days as i64 * 24;
        if st.t < 0 || st.t > hours {
            return Err(format!("t = {} is out of range: allowed 0 to {} hours", st.t, hours));
        }
        Ok(st)
    }

    /// Why the changed parameters, taken together, cannot be used (shares that do not add up).
    pub fn params_sum_error(&self) -> Option<String> {
        let sc = scenario::builtin(&self.scenario).ok()?;
        let mut spec = RunSpec::new(sc);
        for (k, v) in &self.params {
            let _ = spec.set_param(k, *v);
        }
        spec.scenario.params.check_sums().err()
    }

    /// The run this state describes, and what had to be ignored (in words).
    pub fn run_spec(&self) -> (RunSpec, Vec<String>) {
        let (spec, notes) = self.build_spec();
        (spec, notes.iter().map(Note::english).collect())
    }

    /// `run_spec`, its notes kept as notes.
    pub fn build_spec(&self) -> (RunSpec, Vec<Note>) {
        let mut notes = Vec::new();
        let sc = match scenario::builtin(&self.scenario) {
            Ok(s) => s,
            Err(e) => {
                notes.push(bad("scenario", &format!("{e}; showing baseline-2017")));
                scenario::builtin("baseline-2017").unwrap_or_else(|e| panic!("the baseline scenario is built in: {e}"))
            }
        };
        let mut spec = RunSpec::new(sc);
        if let Some(seed) = self.seed {
            spec.scenario.seed = seed;
        }
        for (k, v) in &self.params {
            if let Err(e) = spec.set_param(k, *v) {
                notes.push(bad(&short(k), &short_msg(&e)));
            }
        }
        if let Err(e) = spec.scenario.params.check_sums() {
            notes.push(Note::new(Key::NOTE_PARAM_RULE, &[("rule", &e)]));
            for k in self.params.keys() {
                if let Some(i) = params::index_of(k) {
                    let base = scenario::builtin(&spec.scenario.id).map(|s| s.params.values[i]).unwrap_or(0.0);
                    spec.scenario.params.values[i] = base;
                }
            }
        }
        for ev in &self.events {
            if let Err(e) = spec.add_link_event(ev.link, ev.at, ev.up) {
                notes.push(Note::new(
                    Key::NOTE_EVENT_IGNORED,
                    &[("link", &ev.link.to_string()), ("at", &clock::format_short(ev.at)), ("reason", &e)],
                ));
            }
        }
        (spec, notes)
    }
}

/// The text of the number written after `"key":` in a JSON text.
fn number_text<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    // between quotes and outside them, in turn: a key is followed by `: number,` or `: number }`
    let mut parts = text.split('"');
    while let Some(p) = parts.next() {
        if p == key {
            let after = parts.next()?.trim_start().strip_prefix(':')?;
            return after.split([',', '}']).next();
        }
    }
    None
}

/// A part that could not be used, and why (in English: the model's own words).
fn bad(key: &str, why: &str) -> Note {
    Note::new(Key::NOTE_BAD, &[("key", key), ("reason", why)])
}

/// A parameter's value as typed, or why it cannot be used (in the reader's words).
pub fn param_value(name: &str, raw: &str) -> Result<f64, Note> {
    // both are echoed shortened: a link may hold anything
    let (shown, value) = (short(name), short(raw.trim()));
    let v = crate::model::decimal::parse_f64(raw.trim())
        .ok_or_else(|| Note::new(Key::NOTE_PARAM_NAN, &[("name", &shown), ("value", &value)]))?;
    params::problem(name, v).map(|_| v).map_err(|p| match p {
        params::Problem::Unknown => Note::new(Key::NOTE_PARAM_UNKNOWN, &[("name", &shown)]),
        params::Problem::OutOfRange(s) => {
            let (min, max) = (crate::model::decimal::shortest(s.min), crate::model::decimal::shortest(s.max));
            Note::new(Key::NOTE_PARAM_RANGE, &[("name", &shown), ("value", &value), ("min", &min), ("max", &max)]).with_unit("unit", s.unit)
        }
        params::Problem::NotWhole => Note::new(Key::NOTE_PARAM_WHOLE, &[("name", &shown), ("value", &value)]),
    })
}

fn short_msg(e: &str) -> String {
    e.chars().take(160).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(link: &str, at: &str, up: bool) -> LinkEvent {
        LinkEvent { link: LinkId::parse(link).unwrap(), at: clock::parse(at).unwrap(), up }
    }

    #[test]
    fn a_key_given_twice_is_said_and_the_last_one_counts() {
        let (st, notes) = AppState::from_link(
            "scenario=june-2017&seed=1&seed=2&p.habit=0.1&p.habit=0.2&cut=track.sf@2017-06-01T09:00&cut=locker.hivebox@2017-06-01T00:00",
        );
        assert_eq!((st.seed, st.params.get("habit").copied(), st.events.len()), (Some(2), Some(0.2), 2));
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("“seed” is given more than once"), "{notes:?}");
    }

    #[test]
    fn an_experiment_travels_in_links_and_files() {
        let mut s = AppState { scenario: "june-2017".into(), ..AppState::default() };
        s.exp = Some(Experiment::from_text("sweep=review_days:1:30:7&sweep=switch_cost:0:1:3&effect=extra_spoilage").unwrap());
        let link = s.to_link();
        assert!(link.contains("&sweep=review_days:1:30:7&sweep=switch_cost:0:1:3&effect=extra_spoilage"), "{link}");
        assert_eq!(AppState::from_link(&link), (s.clone(), vec![]));
        assert_eq!(AppState::from_file(&s.to_file()), Ok(s.clone()));
        assert_eq!(AppState::read_link(&AppState::file_link(&s.to_file()).unwrap()), (s.clone(), vec![]));
        // refused experiments are left out with a reason; the rest of the link is kept
        let (st, notes) = AppState::from_link("scenario=june-2017&seed=5&a=switch_cost:99");
        assert_eq!((st.seed, st.exp), (Some(5), None));
        assert!(notes[0].contains("documented range"), "{notes:?}");
        let (_, notes) = AppState::from_link("scenario=june-2017&sweep=review_days:1:30");
        assert!(notes[0].contains("review_days:1:30:7"), "says what a sweep looks like: {notes:?}");
        let file = s.to_file().replace("sweep=review_days:1:30:7", "sweep=review_days:1:900:7");
        assert!(AppState::from_file(&file).unwrap_err().contains("experiment"));
    }

    #[test]
    fn the_theme_travels_in_links_and_files_and_an_unknown_one_is_told_in_both_languages() {
        let (st, notes) = AppState::from_link("scenario=june-2017&theme=dark&lang=zh");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(st.theme, Theme::Dark);
        assert!(st.to_link().contains("&theme=dark&lang=zh&"), "{}", st.to_link());
        assert_eq!(AppState::from_link(&st.to_link()).0, st);
        // a set-up file holds the set-up, not how a page looks: loaded, it keeps the reader's theme
        assert!(!st.to_file().contains("theme"));
        assert_eq!(AppState::from_file(&st.to_file()), Ok(AppState { theme: Theme::Auto, ..st.clone() }));
        assert_eq!(AppState::from_link("scenario=june-2017").0.theme, Theme::Auto, "absent: as the reader's system prefers");
        assert!(!AppState::from_link("scenario=june-2017&theme=auto").0.to_link().contains("theme"), "auto is not written");
        // an unknown theme is not clamped to one: the page follows the reader, and says so
        let (st, notes) = AppState::read_link("scenario=june-2017&theme=sepia&t=2017-06-02T12:00");
        assert_eq!((st.theme, st.t), (Theme::Auto, 4 * 24 + 12), "the rest of the link is kept");
        assert_eq!(notes.len(), 1);
        let (en, zh) = (notes[0].text(Lang::En), notes[0].text(Lang::Zh));
        assert!(en.contains("Unknown theme “sepia”") && en.contains("light, dark, auto"), "{en}");
        assert!(zh.contains("sepia") && zh != en && zh.chars().count() <= 400, "{zh}");
        let long = "x".repeat(5000);
        assert!(AppState::read_link(&format!("theme={long}")).1[0].text(Lang::En).chars().count() <= 400);
    }

    #[test]
    fn a_file_is_laid_out_as_serde_writes_it() {
        // written by hand (the page carries no JSON library), in serde's layout, which reads it
        let mut s = AppState { scenario: "june-2017".into(), seed: Some(u64::MAX), t: 50, ..AppState::default() };
        let serde_text = |s: &AppState| {
            let setup = SetupWire {
                scenario: s.scenario.clone(),
                seed: s.seed,
                params: s.params.clone(),
                events: s.events.iter().map(|e| EventWire { link: e.link.id(), at: clock::format_short(e.at), up: e.up }).collect(),
                t: s.t,
                view: s.view.id(),
                lang: s.lang.code().into(),
                experiment: s.exp.as_ref().map(|e| e.to_text()),
            };
            serde_json::to_string_pretty(&SavedFile { format: FILE_FORMAT.into(), setup }).unwrap()
        };
        assert_eq!(s.to_file(), serde_text(&s));
        s.params.insert("locker_share".into(), 0.1);
        s.params.insert("habit".into(), 0.30000000000000004);
        s.events.push(ev("track.zto", "2017-06-02T10:00", false));
        s.events.push(ev("track.zto", "2017-06-03T10:00", true));
        s.exp = Some(Experiment::from_text("sweep=review_days:1:30:7&effect=extra_spoilage").unwrap());
        s.view = View::Chart(crate::ui::views::ChartKind::ShareDiff);
        assert_eq!(s.to_file(), serde_text(&s));
        assert_eq!(AppState::from_file(&s.to_file()), Ok(s));
    }

    #[test]
    fn a_state_round_trips_through_a_file_and_builds_its_run() {
        let mut s = AppState { scenario: "june-2017".into(), ..AppState::default() };
        s.params.insert("locker_share".into(), 0.1);
        s.events.push(ev("track.zto", "2017-06-02T10:00", false));
        s.view = View::Chart(crate::ui::views::ChartKind::ShareDiff);
        s.lang = Lang::Zh;
        assert_eq!(AppState::from_file(&s.to_file()).unwrap(), s);
        // as the page reads a file: the panels' module gives the state as a link
        assert_eq!(AppState::read_link(&AppState::file_link(&s.to_file()).unwrap()), (s.clone(), vec![]));
        let (spec, notes) = s.run_spec();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(spec.extra.len(), 1);
        assert_eq!(spec.scenario.params.get("locker_share"), 0.1);
    }

    #[test]
    fn saved_files_load_back_and_bad_ones_are_explained() {
        let mut s = AppState { scenario: "june-2017".into(), ..AppState::default() };
        s.t = 50;
        s.events.push(ev("list.jd.sf", "2017-06-02T10:00", false));
        assert_eq!(AppState::from_file(&s.to_file()).unwrap(), s);
        let text = s.to_file();
        let e = AppState::from_file(&text.replace("list.jd.sf", "list.jd.dhl")).unwrap_err();
        assert!(e.contains("unknown courier 'dhl'"), "{e}");
        let e = AppState::from_file(&text.replace("\"t\": 50", "\"t\": 5000")).unwrap_err();
        assert!(e.contains("t = 5000"), "{e}");
        let e = AppState::from_file(&text.replace("\"view\"", "\"colour\": 1, \"view\"")).unwrap_err();
        assert!(e.contains("unknown field `colour`"), "{e}");
        let e = AppState::from_file(&text.replace("\"lang\": \"en\"", "\"lang\": \"zh-CN\"")).unwrap_err();
        assert!(e.contains("unknown language 'zh-CN'"), "{e}");
        let e = AppState::from_file(&text.replace("june-2017", "<b>")).unwrap_err();
        assert!(e.contains("unknown scenario"), "{e}");
        assert!(AppState::from_file("hello").is_err());
    }

    #[test]
    fn links_round_trip_and_read_like_the_docs() {
        let (st, notes) = AppState::from_link("#scenario=june-2017&cut=track.sf@2017-06-01T09:00&t=2017-06-02T12:00&lang=zh");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(st.scenario, "june-2017");
        assert_eq!(st.events, vec![ev("track.sf", "2017-06-01T09:00", false)]);
        assert_eq!(st.t, 4 * 24 + 12);
        assert_eq!(st.lang, Lang::Zh);
        assert_eq!(AppState::from_link(&st.to_link()), (st.clone(), vec![]));
        assert!(st.to_link().contains("&t=2017-06-02T12:00&lang=zh&v=1&cut="), "{}", st.to_link());
        let (_, notes) = AppState::from_link("scenario=june-2017&v=0");
        assert!(notes[0].contains("model version 0"), "{notes:?}");
    }

    #[test]
    fn bad_link_parts_are_explained_and_the_rest_kept() {
        let (st, notes) = AppState::from_link("scenario=june-2017&cut=track.dhl@2017-06-01T09:00&p.locker_share=9&p.habit=0.2&colour=red&t=2099-01-01T00:00&cut=locker.hivebox@2017-06-01T00:00");
        assert_eq!(st.scenario, "june-2017");
        assert_eq!(st.params.get("habit"), Some(&0.2));
        assert_eq!(st.events.len(), 1);
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("dhl")));
        assert!(notes.iter().any(|n| n.contains("locker_share")));
        assert!(notes.iter().any(|n| n.contains("colour")));
        assert!(notes.iter().any(|n| n.contains("outside")));
    }

    #[test]
    fn bad_parts_are_ignored_and_explained() {
        let mut s = AppState { scenario: "june-2099".into(), ..AppState::default() };
        s.params.insert("locker_share".into(), 7.0);
        s.events.push(ev("track.zto", "2017-07-02T10:00", false));
        let (spec, notes) = s.run_spec();
        assert_eq!(spec.scenario.id, "baseline-2017");
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[1].contains("locker_share"));
        assert!(notes[2].contains("outside the run"));
    }

    #[test]
    fn the_longest_file_the_app_writes_is_read() {
        let mut s = AppState { scenario: "june-2017".into(), ..AppState::default() };
        for p in params::specs() {
            s.params.insert(p.name.to_string(), scenario::builtin("june-2017").unwrap().params.get(&p.name) + 0.1234567890123e-7);
        }
        for i in 0..MAX_LINK_EVENTS {
            s.events.push(LinkEvent { link: LinkId::all()[i % LinkId::all().len()], at: 4100 + i as i64, up: i % 2 == 0 });
        }
        s.exp = Some(Experiment::from_text("sweep=review_days:1:30:7&sweep=switch_cost:0:1:3&effect=extra_spoilage").unwrap());
        let n = s.to_file().len();
        assert!(n * 3 < MAX_FILE_LEN, "{n} bytes");
        let e = AppState::from_file(&s.to_file()).unwrap_err();
        assert!(!e.contains("bytes"), "refused for what it holds, not its length: {e}");
    }

    #[test]
    fn each_distinct_note_is_given_once() {
        let long = format!("scenario=june-2017&{}", "zzz=1&".repeat(100));
        let (_, notes) = AppState::from_link(&long);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
}
