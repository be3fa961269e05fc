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

/// The tag a saved set-up file carries.
pub const FILE_FORMAT: &str = "parcel-standoff/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedFile {
    format: String,
    setup: AppState,
}

impl AppState {
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
