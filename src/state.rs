//! Everything a person can set lives in one serializable value: scenario, seed, changed
//! parameters, their own cuts and restores, the current time, the view and the language.
//! The app renders from it; a link or an embedding page can carry it.

use crate::model::clock;
use crate::model::ids::LinkId;
use crate::model::params;
use crate::model::run::RunSpec;
use crate::model::scenario;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEvent {
    /// A link id such as `track.sf`.
    pub link: String,
    /// Beijing time, `2017-06-01T09:00`.
    pub at: String,
    /// `true` restores the link, `false` cuts it.
    pub up: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppState {
    pub scenario: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Parameters changed from the scenario's values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, f64>,
    /// The reader's own cuts and restores, in the order made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<LinkEvent>,
    /// Hours from the scenario's start.
    pub t: i64,
    /// `explorer`, `network`, or `chart:<kind>` (for embeds).
    pub view: String,
    /// `en` or `zh`.
    pub lang: String,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            scenario: "baseline-2017".into(),
            seed: None,
            params: BTreeMap::new(),
            events: Vec::new(),
            t: 0,
            view: "explorer".into(),
            lang: "en".into(),
        }
    }
}

/// The model's version, written into links: a link made by another version may give other numbers.
pub const MODEL_VERSION: &str = "1";

/// Longest link fragment read (characters); anything beyond is ignored with a note.
pub const MAX_LINK_LEN: usize = 8000;
/// Most reader events read from a link.
pub const MAX_LINK_EVENTS: usize = 200;

fn decode(s: &str) -> String {
    // percent-decoding, tolerant: a bad escape is kept as it is
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(x) = hex {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]); // '+' stays '+': a fragment is not form data (view=network+chart)
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-_.~@:+".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{:02X}", b));
            }
        }
    }
    out
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// The tag a saved set-up file carries.
pub const FILE_FORMAT: &str = "parcel-standoff/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedFile {
    format: String,
    setup: AppState,
}

impl AppState {
    /// The state as a link fragment with readable keys, e.g.
    /// `scenario=june-2017&cut=track.sf@2017-06-01T09:00&t=2017-06-02T12:00&lang=zh`.
    pub fn to_link(&self) -> String {
        let mut parts = vec![format!("scenario={}", encode(&self.scenario))];
        if let Some(seed) = self.seed {
            parts.push(format!("seed={}", seed));
        }
        for (k, v) in &self.params {
            parts.push(format!("p.{}={}", encode(k), v));
        }
        for e in &self.events {
            parts.push(format!("{}={}@{}", if e.up { "restore" } else { "cut" }, encode(&e.link), encode(&e.at)));
        }
        let start = scenario::builtin(&self.scenario).map(|s| s.start).unwrap_or(0);
        parts.push(format!("t={}", clock::format_short(start + self.t)));
        if self.view != "explorer" {
            parts.push(format!("view={}", encode(&self.view)));
        }
        parts.push(format!("lang={}", encode(&self.lang)));
        parts.push(format!("v={}", MODEL_VERSION));
        parts.join("&")
    }

    /// Read a link fragment (with or without the leading `#` or `?`). Never fails: what cannot
    /// be used is left out and explained in the returned notes; the rest is kept.
    pub fn from_link(text: &str) -> (AppState, Vec<String>) {
        let mut st = AppState::default();
        let mut notes = Vec::new();
        let mut text = text.trim_start_matches(['#', '?']);
        if text.len() > MAX_LINK_LEN {
            notes.push(format!("the link is longer than {} characters; the rest was ignored", MAX_LINK_LEN));
            let mut cut = MAX_LINK_LEN;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text = &text[..cut];
        }
        let mut time: Option<String> = None;
        for part in text.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = match part.split_once('=') {
                Some((k, v)) => (decode(k), decode(v)),
                None => (decode(part), String::new()),
            };
            match k.as_str() {
                "scenario" => {
                    if scenario::builtin(&v).is_ok() {
                        st.scenario = v;
                    } else {
                        notes.push(format!("unknown scenario '{}' (scenarios: {})", short(&v), scenario::builtin_ids().join(", ")));
                    }
                }
                "seed" => match v.parse::<u64>() {
                    Ok(x) => st.seed = Some(x),
                    Err(_) => notes.push(format!("seed '{}' is not a whole number ≥ 0", short(&v))),
                },
                "cut" | "restore" => {
                    if st.events.len() >= MAX_LINK_EVENTS {
                        notes.push(format!("more than {} cuts and restores; the rest were ignored", MAX_LINK_EVENTS));
                        continue;
                    }
                    match v.split_once('@') {
                        Some((l, at)) => match LinkId::parse(l).and_then(|_| clock::parse(at)) {
                            Ok(_) => st.events.push(LinkEvent { link: l.to_string(), at: at.to_string(), up: k == "restore" }),
                            Err(e) => notes.push(format!("{} '{}': {}", k, short(&v), short_msg(&e))),
                        },
                        None => notes.push(format!("{} '{}' should look like track.sf@2017-06-01T09:00", k, short(&v))),
                    }
                }
                "t" => time = Some(v),
                "view" => {
                    if is_view(&v) {
                        st.view = v;
                    } else {
                        notes.push(format!("unknown view '{}' (views: explorer, network, chart:share, chart:transit, chart:untracked, chart:lost)", short(&v)));
                    }
                }
                "lang" => match v.as_str() {
                    "en" | "zh" => st.lang = v,
                    _ => notes.push(format!("unknown language '{}' (en or zh)", short(&v))),
                },
                "v" => {
                    if v != MODEL_VERSION {
                        notes.push(format!(
                            "this link was made with model version {}; this is version {}, so the numbers may differ",
                            short(&v),
                            MODEL_VERSION
                        ));
                    }
                }
                // set by the embedding page or for tests; read elsewhere
                "embed" | "autoplay" | "from" | "to" | "debug" | "presenter" | "origins" => {}
                _ if k.starts_with("p.") => {
                    let name = &k[2..];
                    match v.parse::<f64>().map_err(|_| format!("'{}' is not a number", short(&v))).and_then(|x| params::check(name, x).map(|_| x)) {
                        Ok(x) => {
                            st.params.insert(name.to_string(), x);
                        }
                        Err(e) => notes.push(format!("parameter {}: {}", short(name), short_msg(&e))),
                    }
                }
                _ => notes.push(format!("unknown key '{}'", short(&k))),
            }
        }
        // the run must be buildable: drop what it rejects (events outside the run, bad sums)
        let (spec, run_notes) = st.run_spec();
        if !run_notes.is_empty() {
            notes.extend(run_notes);
            let (start, end) = (spec.scenario.start, spec.end());
            st.events.retain(|e| clock::parse(&e.at).map(|t| t >= start && t < end).unwrap_or(false));
            if spec.scenario.params.check_sums().is_err() {
                st.params.clear();
            }
        }
        if let Some(v) = time {
            let start = spec.scenario.start;
            match clock::parse(&v) {
                Ok(t) if t >= start && t <= spec.end() => st.t = t - start,
                Ok(_) => notes.push(format!("time {} is outside the scenario", short(&v))),
                Err(e) => notes.push(format!("time: {}", short_msg(&e))),
            }
        }
        (st, notes)
    }

    /// The set-up as a file a teacher can save and load back.
    pub fn to_file(&self) -> String {
        serde_json::to_string_pretty(&SavedFile { format: FILE_FORMAT.into(), setup: self.clone() }).unwrap_or_default()
    }

    /// Read a saved set-up. Anything wrong is named, and nothing is taken from a bad file.
    pub fn from_file(text: &str) -> Result<AppState, String> {
        let f: SavedFile = serde_json::from_str(text).map_err(|e| format!("this is not a Parcel Standoff set-up file: {e}"))?;
        if f.format != FILE_FORMAT {
            return Err(format!("unknown file format '{}' (expected '{}')", f.format, FILE_FORMAT));
        }
        let (spec, notes) = f.setup.run_spec();
        if !notes.is_empty() {
            return Err(notes.join("; "));
        }
        let hours = spec.scenario.days as i64 * 24;
        if f.setup.t < 0 || f.setup.t > hours {
            return Err(format!("t = {} is out of range: allowed 0 to {} hours", f.setup.t, hours));
        }
        if !["en", "zh"].contains(&f.setup.lang.as_str()) {
            return Err(format!("lang = '{}' is not 'en' or 'zh'", f.setup.lang));
        }
        Ok(f.setup)
    }

    /// The run this state describes, and what had to be ignored (in words).
    pub fn run_spec(&self) -> (RunSpec, Vec<String>) {
        let mut notes = Vec::new();
        let sc = match scenario::builtin(&self.scenario) {
            Ok(s) => s,
            Err(e) => {
                notes.push(format!("{e}; showing baseline-2017"));
                scenario::builtin("baseline-2017").expect("the baseline scenario is built in")
            }
        };
        let mut spec = RunSpec::new(sc);
        if let Some(seed) = self.seed {
            spec.scenario.seed = seed;
        }
        for (k, v) in &self.params {
            if let Err(e) = spec.set_param(k, *v) {
                notes.push(format!("ignored {e}"));
            }
        }
        if let Err(e) = spec.scenario.params.check_sums() {
            notes.push(format!("ignored the parameter changes: {e}"));
            for (k, _) in &self.params {
                if let Some(i) = params::index_of(k) {
                    let base = scenario::builtin(&spec.scenario.id).map(|s| s.params.values[i]).unwrap_or(0.0);
                    spec.scenario.params.values[i] = base;
                }
            }
        }
        for ev in &self.events {
            let r = LinkId::parse(&ev.link)
                .and_then(|l| clock::parse(&ev.at).map(|t| (l, t)))
                .and_then(|(l, t)| spec.add_link_event(l, t, ev.up));
            if let Err(e) = r {
                notes.push(format!("ignored the event {} at {}: {}", ev.link, ev.at, e));
            }
        }
        (spec, notes)
    }
}

fn short_msg(e: &str) -> String {
    e.chars().take(160).collect()
}

/// Views a link or an embed can ask for.
pub fn is_view(v: &str) -> bool {
    matches!(v, "explorer" | "network" | "chart:share" | "chart:transit" | "chart:untracked" | "chart:lost" | "network+chart")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_round_trips_through_json_and_builds_its_run() {
        let mut s = AppState::default();
        s.scenario = "june-2017".into();
        s.params.insert("locker_share".into(), 0.1);
        s.events.push(LinkEvent { link: "track.zto".into(), at: "2017-06-02T10:00".into(), up: false });
        let j = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<AppState>(&j).unwrap(), s);
        let (spec, notes) = s.run_spec();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(spec.extra.len(), 1);
        assert_eq!(spec.scenario.params.get("locker_share"), 0.1);
    }

    #[test]
    fn saved_files_load_back_and_bad_ones_are_explained() {
        let mut s = AppState::default();
        s.scenario = "june-2017".into();
        s.t = 50;
        s.events.push(LinkEvent { link: "list.jd.sf".into(), at: "2017-06-02T10:00".into(), up: false });
        assert_eq!(AppState::from_file(&s.to_file()).unwrap(), s);
        let text = s.to_file();
        let e = AppState::from_file(&text.replace("list.jd.sf", "list.jd.dhl")).unwrap_err();
        assert!(e.contains("unknown courier 'dhl'"), "{e}");
        let e = AppState::from_file(&text.replace("\"t\": 50", "\"t\": 5000")).unwrap_err();
        assert!(e.contains("t = 5000"), "{e}");
        let e = AppState::from_file(&text.replace("\"view\"", "\"colour\": 1, \"view\"")).unwrap_err();
        assert!(e.contains("unknown field `colour`"), "{e}");
        assert!(AppState::from_file("hello").is_err());
    }

    #[test]
    fn links_round_trip_and_read_like_the_docs() {
        let (st, notes) = AppState::from_link("#scenario=june-2017&cut=track.sf@2017-06-01T09:00&t=2017-06-02T12:00&lang=zh");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(st.scenario, "june-2017");
        assert_eq!(st.events, vec![LinkEvent { link: "track.sf".into(), at: "2017-06-01T09:00".into(), up: false }]);
        assert_eq!(st.t, 4 * 24 + 12);
        assert_eq!(st.lang, "zh");
        assert_eq!(AppState::from_link(&st.to_link()), (st.clone(), vec![]));
        assert!(st.to_link().ends_with("&v=1"));
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
        let mut s = AppState::default();
        s.scenario = "june-2099".into();
        s.params.insert("locker_share".into(), 7.0);
        s.events.push(LinkEvent { link: "track.dhl".into(), at: "2017-06-02T10:00".into(), up: false });
        let (spec, notes) = s.run_spec();
        assert_eq!(spec.scenario.id, "baseline-2017");
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[1].contains("locker_share"));
        assert!(notes[2].contains("dhl"));
    }
}
