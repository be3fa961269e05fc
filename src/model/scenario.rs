//! Scenarios as data: `scenarios/*.json` (read into constants at build time, `BuiltinFile`) and files someone writes (read with serde); both validated alike.
//! Unknown fields, unknown ids and out-of-range values are rejected with a message naming them.

use super::clock::{self, Hour};
use super::ids::{Courier, LinkId, Platform};
use super::params::{self, Params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

/// A parameter value in a scenario file: a plain number, or `{"value", "source", "confidence"}`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub enum ParamEntry {
    Plain(f64),
    Sourced(SourcedValue),
}

// Written by hand (not `untagged`): serde's untagged deserializer buffers the input and costs
// kilobytes of wasm; this visitor reads either form directly.
impl<'de> Deserialize<'de> for ParamEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ParamEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or an object with \"value\", \"source\" and \"confidence\"")
            }
            fn visit_f64<E>(self, v: f64) -> Result<ParamEntry, E> {
                Ok(ParamEntry::Plain(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<ParamEntry, E> {
                Ok(ParamEntry::Plain(v as f64))
            }
            fn visit_i64<E>(self, v: i64) -> Result<ParamEntry, E> {
                Ok(ParamEntry::Plain(v as f64))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<ParamEntry, A::Error> {
                SourcedValue::deserialize(serde::de::value::MapAccessDeserializer::new(m)).map(ParamEntry::Sourced)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourcedValue {
    pub value: f64,
    pub source: String,
    /// `sourced`, `derived` or `approx`.
    pub confidence: String,
    /// For an assumption (`approx`): the range of values a modeller would call plausible,
    /// `[lo, hi]` with lo ≤ value ≤ hi inside the parameter's valid range (lo = hi pins it).
    /// Uncertainty ensembles draw the parameter from this range (docs/model.md, "How sure is this?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plausible: Option<[f64; 2]>,
}

impl ParamEntry {
    pub fn value(&self) -> f64 {
        match self {
            ParamEntry::Plain(v) => *v,
            ParamEntry::Sourced(s) => s.value,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub at: String,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courier: Option<String>,
    /// The caption's words, for a scenario file someone writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// A built-in scenario's event whose caption is in the interface catalogue
    /// (`scenario.<id>.event.<n>`), translated there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub captioned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Title and description, for a scenario file someone writes; the built-in scenarios'
    /// words are in the interface catalogue (`scenario.<id>.title`, `.description`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub start: String,
    pub days: u32,
    pub seed: u64,
    #[serde(default)]
    pub params: BTreeMap<String, ParamEntry>,
    #[serde(default)]
    pub events: Vec<EventFile>,
}

/// What an event does to the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    Cut(LinkId),
    Restore(LinkId),
    /// The platform advises its merchants against a courier.
    Advise(Platform, Courier),
    EndAdvice(Platform, Courier),
    /// Every cut link restored and all advice withdrawn (mediation).
    RestoreAll,
    /// A regulator's call for a settlement, or news of talks: merchants expect outages to end
    /// sooner (`talks_factor`) until every link is restored.
    Talks,
    /// A caption only: the story's narration, no effect on the model.
    Note,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at: Hour,
    pub action: Action,
    /// The caption's own words (a scenario file someone wrote).
    pub caption: Option<Text>,
    /// Whether the event has a caption: its own words, or the catalogue's for a built-in scenario.
    pub captioned: bool,
    pub source: Option<String>,
}

/// A scenario resolved against its parent, with every parameter set and validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub id: String,
    /// The file's own title and description (`None` for the built-in ones: see the catalogue).
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub start: Hour,
    pub days: u32,
    pub seed: u64,
    pub params: Params,
    /// Source and confidence of each parameter value (from the file that set it last).
    pub sources: Vec<(String, String)>,
    /// Plausible range of each parameter (`None`: not an uncertain assumption, or not given).
    /// A file that sets a value without a range keeps the parent's range if the value lies in
    /// it, and has none otherwise.
    pub plausible: Vec<Option<(f64, f64)>>,
    pub events: Vec<Event>,
}

/// A built-in scenario file as build.rs read it (`scenarios/<id>.json`): the modules carry its
/// values, not its JSON. Built-in scenarios take their words from the interface catalogue, so
/// a built-in file has no title, description or caption of its own.
pub struct BuiltinFile {
    pub id: &'static str,
    pub extends: Option<&'static str>,
    pub start: &'static str,
    pub days: u32,
    pub seed: u64,
    /// Name, value, and (source, confidence, plausible range) when the file gives them.
    pub params: &'static [(&'static str, f64, Option<BuiltinSource>)],
    pub events: &'static [BuiltinEvent],
}

/// A built-in parameter's source, confidence and plausible range.
pub type BuiltinSource = (&'static str, &'static str, Option<[f64; 2]>);

pub struct BuiltinEvent {
    pub at: &'static str,
    pub action: &'static str,
    pub link: Option<&'static str>,
    pub platform: Option<&'static str>,
    pub courier: Option<&'static str>,
    pub captioned: bool,
    pub source: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

/// The built-in scenarios, parents before the scenarios that extend them, in the order lists show.
pub const BUILTIN: [&BuiltinFile; 5] = [&BASELINE_2017, &JUNE_2017, &HIVEBOX_ONLY, &NO_MEDIATION, &JD_PRUNING_2017];

impl BuiltinFile {
    /// The file as the scenario reader gives it.
    pub fn file(&self) -> ScenarioFile {
        let text = |s: Option<&str>| s.map(String::from);
        ScenarioFile {
            id: self.id.into(),
            extends: text(self.extends),
            title: None,
            description: None,
            start: self.start.into(),
            days: self.days,
            seed: self.seed,
            params: self
                .params
                .iter()
                .map(|(name, value, sourced)| {
                    let entry = match sourced {
                        None => ParamEntry::Plain(*value),
                        Some((source, confidence, plausible)) => ParamEntry::Sourced(SourcedValue {
                            value: *value,
                            source: (*source).into(),
                            confidence: (*confidence).into(),
                            plausible: *plausible,
                        }),
                    };
                    (name.to_string(), entry)
                })
                .collect(),
            events: self
                .events
                .iter()
                .map(|e| EventFile {
                    at: e.at.into(),
                    action: e.action.into(),
                    link: text(e.link),
                    platform: text(e.platform),
                    courier: text(e.courier),
                    caption: None,
                    captioned: e.captioned,
                    source: text(e.source),
                })
                .collect(),
        }
    }
}

pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|b| b.id).collect()
}

/// Load a built-in scenario by id (resolved once, then copied).
pub fn builtin(id: &str) -> Result<Scenario, String> {
    static CACHE: std::sync::OnceLock<Vec<Result<Scenario, String>>> = std::sync::OnceLock::new();
    let i = BUILTIN
        .iter()
        .position(|b| b.id == id)
        .ok_or_else(|| format!("unknown scenario '{}' (scenarios: {})", super::shorten(id, 40), builtin_ids().join(", ")))?;
    // a child is resolved against its parent: resolve the files one by one, parents first
    if CACHE.get().is_none() {
        let mut resolved: Vec<Result<Scenario, String>> = Vec::new();
        for b in BUILTIN {
            resolved.push(resolve_builtin(&b.file(), &resolved));
        }
        let _ = CACHE.set(resolved);
    }
    CACHE.get().expect("set above")[i].clone()
}

/// Resolve a built-in file against the ones already resolved (its parent comes before it).
fn resolve_builtin(file: &ScenarioFile, done: &[Result<Scenario, String>]) -> Result<Scenario, String> {
    let parent = match &file.extends {
        None => None,
        Some(p) => {
            let j = BUILTIN.iter().position(|b| b.id == p).filter(|j| *j < done.len());
            Some(j.map(|j| done[j].clone()).unwrap_or_else(|| Err(format!("unknown parent scenario '{}'", p)))?)
        }
    };
    resolve_with(file, parent)
}

/// Parse and validate a scenario file's text.
pub fn from_json(text: &str) -> Result<Scenario, String> {
    // messages echo names and values from the file: keep them readable whatever the file held
    parse_file(text).map_err(|e| super::shorten_quoted(&e, 40))
}

fn parse_file(text: &str) -> Result<Scenario, String> {
    let file: ScenarioFile = serde_json::from_str(text).map_err(|e| format!("scenario file: {}", e))?;
    let parent = match &file.extends {
        None => None,
        Some(p) if p == &file.id => return Err(format!("scenario '{}' extends itself", file.id)),
        Some(p) => Some(builtin(p)?),
    };
    resolve_with(&file, parent)
}

pub fn parse_event(e: &EventFile) -> Result<Event, String> {
    let at = clock::parse(&e.at)?;
    let link = || -> Result<LinkId, String> {
        let l = e.link.as_deref().ok_or_else(|| format!("event '{}' at {} needs a \"link\"", e.action, e.at))?;
        LinkId::parse(l)
    };
    let pc = || -> Result<(Platform, Courier), String> {
        let p = e.platform.as_deref().ok_or_else(|| format!("event '{}' at {} needs a \"platform\"", e.action, e.at))?;
        let c = e.courier.as_deref().ok_or_else(|| format!("event '{}' at {} needs a \"courier\"", e.action, e.at))?;
        let p = Platform::parse(p).ok_or_else(|| format!("unknown platform '{}' (platforms: taobao, jd, other)", p))?;
        let c = Courier::parse(c).ok_or_else(|| format!("unknown courier '{}' (couriers: {})", c, super::ids::courier_list()))?;
        Ok((p, c))
    };
    let action = match e.action.as_str() {
        "cut" => Action::Cut(link()?),
        "restore" => Action::Restore(link()?),
        "advise" => {
            let (p, c) = pc()?;
            Action::Advise(p, c)
        }
        "end_advice" => {
            let (p, c) = pc()?;
            Action::EndAdvice(p, c)
        }
        "restore_all" => Action::RestoreAll,
        "talks" => Action::Talks,
        "note" => Action::Note,
        other => {
            return Err(format!("unknown event action '{}' (actions: cut, restore, advise, end_advice, restore_all, talks, note)", other))
        }
    };
    Ok(Event { at, action, caption: e.caption.clone(), captioned: e.captioned || e.caption.is_some(), source: e.source.clone() })
}

/// A plausible range, if any.
type Range = Option<(f64, f64)>;

fn resolve_with(file: &ScenarioFile, parent: Option<Scenario>) -> Result<Scenario, String> {
    let n = params::specs().len();
    let (mut values, mut sources): (Vec<Option<f64>>, Vec<(String, String)>) = match &parent {
        None => (vec![None; n], vec![(String::new(), String::new()); n]),
        Some(p) => (p.params.values.iter().map(|v| Some(*v)).collect(), p.sources.clone()),
    };
    let mut plausible: Vec<Range> = parent.map(|p| p.plausible).unwrap_or_else(|| vec![None; n]);
    for (name, entry) in &file.params {
        let i = params::check(name, entry.value()).map_err(|e| format!("scenario '{}': {}", file.id, e))?;
        values[i] = Some(entry.value());
        if let ParamEntry::Sourced(s) = entry {
            if !matches!(s.confidence.as_str(), "sourced" | "derived" | "approx") {
                return Err(format!(
                    "scenario '{}': parameter '{}' has confidence '{}' (allowed: sourced, derived, approx)",
                    file.id, name, s.confidence
                ));
            }
            sources[i] = (s.source.clone(), s.confidence.clone());
            match s.plausible {
                Some([lo, hi]) => {
                    plausible[i] = Some(check_plausible(name, s.value, lo, hi).map_err(|e| format!("scenario '{}': {}", file.id, e))?)
                }
                None => keep_if_inside(&mut plausible[i], s.value),
            }
        } else {
            sources[i] = ("set by this scenario".into(), "approx".into());
            keep_if_inside(&mut plausible[i], entry.value());
        }
    }
    let missing: Vec<&str> = params::specs().iter().zip(&values).filter(|(_, v)| v.is_none()).map(|(s, _)| s.name.as_str()).collect();
    if !missing.is_empty() {
        return Err(format!("scenario '{}' does not set {} (add \"extends\": \"baseline-2017\")", file.id, missing.join(", ")));
    }
    let params = Params { values: values.into_iter().map(|v| v.unwrap_or(0.0)).collect() };
    params.check_sums().map_err(|e| format!("scenario '{}': {}", file.id, e))?;
    let start = clock::parse(&file.start).map_err(|e| format!("scenario '{}' start: {}", file.id, e))?;
    if file.days == 0 || file.days > 120 {
        return Err(format!("scenario '{}': days = {} is out of range: allowed 1 to 120", file.id, file.days));
    }
    let end = start + file.days as i64 * 24;
    let mut events = Vec::new();
    for e in &file.events {
        let ev = parse_event(e).map_err(|m| format!("scenario '{}': {}", file.id, m))?;
        if ev.at < start || ev.at > end {
            return Err(format!(
                "scenario '{}': event at {} is outside the run ({} to {})",
                file.id,
                e.at,
                clock::format_short(start),
                clock::format_short(end)
            ));
        }
        events.push(ev);
    }
    events.sort_by_key(|e| e.at);
    Ok(Scenario {
        id: file.id.clone(),
        title: file.title.clone(),
        description: file.description.clone(),
        start,
        days: file.days,
        seed: file.seed,
        params,
        sources,
        plausible,
        events,
    })
}

fn keep_if_inside(range: &mut Option<(f64, f64)>, value: f64) {
    if let Some((lo, hi)) = *range {
        if value < lo || value > hi {
            *range = None;
        }
    }
}

/// A plausible range `[lo, hi]` for `name` whose value is `value`: inside the valid range, in
/// order, containing the value, whole numbers for whole-number parameters.
pub fn check_plausible(name: &str, value: f64, lo: f64, hi: f64) -> Result<(f64, f64), String> {
    params::check(name, lo).map_err(|e| format!("plausible range of '{}': {}", name, e))?;
    params::check(name, hi).map_err(|e| format!("plausible range of '{}': {}", name, e))?;
    if !(lo <= value && value <= hi) {
        return Err(format!(
            "parameter '{}' = {} lies outside its plausible range [{}, {}]: need lo ≤ value ≤ hi",
            name,
            super::decimal::Shortest(value),
            super::decimal::Shortest(lo),
            super::decimal::Shortest(hi)
        ));
    }
    Ok((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_scenario_loads_and_sources_every_parameter() {
        for id in builtin_ids() {
            let s = builtin(id).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(s.id, id);
            for (spec, (src, conf)) in params::specs().iter().zip(&s.sources) {
                assert!(!src.is_empty(), "{id}: {} has no source", spec.name);
                assert!(["sourced", "derived", "approx"].contains(&conf.as_str()), "{id}: {}", spec.name);
            }
        }
    }

    #[test]
    fn every_builtin_constant_is_what_the_reader_makes_of_its_file() {
        // build.rs reads scenarios/*.json into constants; the reader (serde) is the reference
        let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut ids = builtin_ids();
        ids.sort();
        assert_eq!(files, ids, "every file in scenarios/ is a built-in scenario, and only those");
        for b in BUILTIN {
            let text = std::fs::read_to_string(format!("{}/scenarios/{}.json", env!("CARGO_MANIFEST_DIR"), b.id)).unwrap();
            let read: ScenarioFile = serde_json::from_str(&text).unwrap();
            assert_eq!(b.file(), read, "{}", b.id);
            // bit for bit: the literals build.rs wrote give the very numbers the reader gives
            for ((_, x), (_, y)) in b.file().params.iter().zip(&read.params) {
                assert_eq!(x.value().to_bits(), y.value().to_bits(), "{}", b.id);
            }
            assert_eq!(builtin(b.id).unwrap(), from_json(&text).unwrap(), "{}", b.id);
        }
    }

    #[test]
    fn june_2017_events_carry_captions_and_sources() {
        let s = builtin("june-2017").unwrap();
        assert!(s.events.len() >= 5);
        for e in &s.events {
            assert!(e.captioned, "every event of the story's scenario has a caption");
            assert!(e.source.as_deref().is_some_and(|x| !x.is_empty()));
        }
    }

    fn with(base: &str, from: &str, to: &str) -> String {
        assert!(base.contains(from), "{from}");
        base.replacen(from, to, 1)
    }

    #[test]
    fn bad_files_are_rejected_with_a_message_naming_the_problem() {
        // the file as written (the built-in copy has no whitespace)
        let j = include_str!("../../scenarios/june-2017.json");
        let e = from_json(&with(j, "\"days\": 13", "\"days\": 13, \"colour\": 1")).unwrap_err();
        assert!(e.contains("unknown field `colour`"), "{e}");
        let e = from_json(&with(j, "\"link\": \"track.sf\"", "\"link\": \"track.dhl\"")).unwrap_err();
        assert!(e.contains("unknown courier 'dhl'"), "{e}");
        let e = from_json(&with(j, "\"params\": {}", "\"params\": {\"locker_share\": 2}")).unwrap_err();
        assert!(e.contains("locker_share") && e.contains("0 to 1"), "{e}");
        let e = from_json(&with(j, "\"days\": 13", "\"days\": 0")).unwrap_err();
        assert!(e.contains("days"), "{e}");
        let e = from_json(&with(j, "\"at\": \"2017-06-01T09:00\"", "\"at\": \"2019-06-01T09:00\"")).unwrap_err();
        assert!(e.contains("outside the run"), "{e}");
        assert!(from_json("{").is_err());
        assert!(builtin("nope").unwrap_err().contains("june-2017"));
    }
}
