//! The host ↔ embed protocol (version 1): commands an embedding page sends to an embedded
//! simulation with `postMessage`, and the events the simulation sends back. Documented in
//! docs/embed.md. Parsing is strict: anything malformed is refused with a reason.

use crate::model::bounded;
use crate::model::clock::{self, Hour};
use crate::model::ids::LinkId;
use crate::model::run::Run;
use crate::present::i18n::Lang;
use crate::present::palette::Theme;
use crate::ui::json::{self, Object};
use crate::ui::state::AppState;
use crate::ui::views::View;

pub const PROTOCOL: &str = "parcel-standoff";
pub const VERSION: u32 = 1;

/// The fields a command may have.
const FIELDS: [&str; 11] = ["protocol", "version", "command", "id", "state", "link", "at", "t", "view", "lang", "theme"];

/// A field's value in a host's message, as the browser's structured clone gives it to the page
/// (which reads it with no JSON parser of its own: `view::embed_host`), or as `parse` reads it
/// from JSON text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// As absent, for an optional field.
    Null,
    /// Anything else, named: a boolean, an array, an object.
    Other(&'static str),
}

/// A host's message: an object's fields, in order, and the length of its JSON text.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub fields: Vec<(String, Value)>,
    pub len: usize,
}

impl Message {
    fn get(&self, name: &str) -> Option<&Value> {
        self.fields.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A text field; absent or `null` is None, another kind is refused.
    fn text(&self, name: &str) -> Result<Option<String>, String> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Text(t)) => Ok(Some(t.clone())),
            Some(v) => Err(format!("malformed command: \"{name}\" is {}, not a string", v.kind())),
        }
    }
}

impl Value {
    fn kind(&self) -> String {
        match self {
            Value::Text(t) => format!("the string \"{}\"", crate::model::shorten(t, 40)),
            Value::Number(x) => format!("the number {}", crate::model::decimal::Shortest(*x)),
            Value::Null => "null".into(),
            Value::Other(what) => what.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Load a whole state, given as a link fragment (`scenario=june-2017&cut=…`).
    Load(AppState),
    /// Cut (`up = false`) or restore a link, now or at a time.
    Link {
        link: LinkId,
        at: Option<Hour>,
        up: bool,
    },
    Seek(Hour),
    Play,
    Pause,
    View(View),
    Lang(Lang),
    Theme(Theme),
    /// Ask for a state event.
    Get,
}

/// A request id: a number or a string, echoed back in the reply.
#[derive(Clone, Debug, PartialEq)]
pub enum Id {
    Num(f64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub command: Command,
    /// Echoed back in the reply, so a host can match replies to requests.
    pub id: Option<Id>,
}

/// Longest message read (its JSON text, bytes); a longer one of this protocol is refused unread.
pub const MAX_MESSAGE: usize = 20_000;

/// A message's JSON text as its fields (None: not a JSON object, so not ours). The page is given
/// its messages read by the browser; this reads JSON text as a host would post it (the tests, the fuzzing).
pub fn message(json: &str) -> Option<Message> {
    use serde_json::Value as J;
    if json.len() > MAX_MESSAGE && !json.contains(PROTOCOL) {
        return None;
    }
    let J::Object(map) = serde_json::from_str::<J>(json).ok()? else { return None };
    let fields = map
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                J::String(t) => Value::Text(t),
                J::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
                J::Null => Value::Null,
                J::Bool(_) => Value::Other("a boolean"),
                J::Array(_) => Value::Other("an array"),
                J::Object(_) => Value::Other("an object"),
            };
            (k, v)
        })
        .collect();
    Some(Message { fields, len: json.len() })
}

/// `read` of a message's JSON text (`message`): as the tests send it.
pub fn parse(json: &str) -> Result<Option<Request>, String> {
    message(json).map_or(Ok(None), |m| read(&m))
}

/// The `id` of a message's JSON text (`message`).
pub fn request_id(json: &str) -> Option<Id> {
    message(json).and_then(|m| message_id(&m))
}

/// The `id` of a message of this protocol that could not be read (to echo it in the `error`).
pub fn message_id(m: &Message) -> Option<Id> {
    match m.get("id")? {
        Value::Number(x) => Some(Id::Num(*x)),
        Value::Text(t) => Some(Id::Text(t.chars().take(200).collect())),
        Value::Null | Value::Other(_) => None,
    }
}

/// Read a message. `Ok(None)`: not for us (another protocol) — ignore silently.
/// A refusal is under 400 characters, whatever the message held.
pub fn read(m: &Message) -> Result<Option<Request>, String> {
    // messages that are not of this protocol belong to someone else
    if m.get("protocol") != Some(&Value::Text(PROTOCOL.into())) {
        return Ok(None);
    }
    command(m).map(Some).map_err(|e| bounded(&e))
}

fn command(m: &Message) -> Result<Request, String> {
    if m.len > MAX_MESSAGE {
        return Err(format!("message longer than {} bytes", MAX_MESSAGE));
    }
    if let Some((k, _)) = m.fields.iter().find(|(k, _)| !FIELDS.contains(&k.as_str())) {
        return Err(format!("malformed command: unknown field `{}`, expected one of {}", crate::model::shorten(k, 40), FIELDS.join(", ")));
    }
    let version = match m.get("version") {
        None => return Err("malformed command: missing field `version`".into()),
        Some(Value::Number(v)) => *v,
        Some(v) => return Err(format!("malformed command: \"version\" is {}, not a number", v.kind())),
    };
    if version != VERSION as f64 {
        return Err(format!(
            "protocol version {} is not supported (this embed speaks version {})",
            crate::model::decimal::Shortest(version),
            VERSION
        ));
    }
    let name = m.text("command")?.ok_or("malformed command: missing field `command`")?;
    let id = match m.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::Other(what)) => return Err(format!("malformed command: \"id\" is {what}, not a number or a string")),
        Some(_) => message_id(m),
    };
    let need = |field: &str| m.text(field)?.ok_or_else(|| format!("'{}' needs \"{}\"", name, field));
    let command = match name.as_str() {
        "load" => {
            let (st, notes) = AppState::from_link(&need("state")?);
            if !notes.is_empty() {
                return Err(format!("load: {}", notes.join("; ")));
            }
            Command::Load(st)
        }
        "cut" | "restore" => {
            let link = LinkId::parse(&need("link")?)?;
            let at = match m.text("at")? {
                Some(at) => Some(clock::parse(&at)?),
                None => None,
            };
            Command::Link { link, at, up: name == "restore" }
        }
        "seek" => Command::Seek(clock::parse(&need("t")?)?),
        "play" => Command::Play,
        "pause" => Command::Pause,
        "view" => Command::View(View::parse(&need("view")?)?),
        "lang" => Command::Lang(Lang::parse_or_explain(&need("lang")?)?),
        "theme" => Command::Theme(Theme::parse_or_explain(&need("theme")?)?),
        "get" => Command::Get,
        other => {
            return Err(format!(
                "unknown command '{}' (commands: load, cut, restore, seek, play, pause, view, lang, theme, get)",
                other.chars().take(40).collect::<String>()
            ))
        }
    };
    Ok(Request { command, id })
}

/// What the embed tells its host after each change.
#[derive(Clone, Debug, PartialEq)]
pub struct StateSummary {
    pub scenario: String,
    /// Current simulated time (Beijing).
    pub t: String,
    pub playing: bool,
    pub view: String,
    pub lang: String,
    /// `light`, `dark` or `auto`.
    pub theme: String,
    /// Links cut at this moment.
    pub cut: Vec<String>,
    /// The state as a link fragment.
    pub link: String,
    pub sf_share: f64,
    pub sf_share_baseline: f64,
    pub untracked: f64,
    pub untracked_baseline: f64,
    pub transit_mean_h: f64,
    pub transit_mean_h_baseline: f64,
}

pub fn summary(run: &Run, st: &AppState, playing: bool) -> StateSummary {
    let i = run.frames().len().saturating_sub(1);
    let f = run.frames().last().unwrap_or(&run.baseline[0]);
    let b = &run.baseline[i.min(run.baseline.len() - 1)];
    StateSummary {
        scenario: st.scenario.clone(),
        t: clock::format_short(run.now()),
        playing,
        view: st.view.id(),
        lang: st.lang.code().into(),
        theme: st.theme.id().into(),
        cut: run.live.links.cut_links().iter().map(|l| l.id()).collect(),
        link: st.to_link(),
        sf_share: f.share[0],
        sf_share_baseline: b.share[0],
        untracked: f.untracked,
        untracked_baseline: b.untracked,
        transit_mean_h: f.transit_mean_h,
        transit_mean_h_baseline: b.transit_mean_h,
    }
}

/// What an event carries besides its name and id: its fields, written into its object.
pub trait Payload {
    fn fields(&self, o: Object) -> Object;
}

impl Payload for StateSummary {
    fn fields(&self, o: Object) -> Object {
        o.text("scenario", &self.scenario)
            .text("t", &self.t)
            .boolean("playing", self.playing)
            .text("view", &self.view)
            .text("lang", &self.lang)
            .text("theme", &self.theme)
            .raw("cut", &json::texts(&self.cut))
            .text("link", &self.link)
            .number("sf_share", self.sf_share)
            .number("sf_share_baseline", self.sf_share_baseline)
            .number("untracked", self.untracked)
            .number("untracked_baseline", self.untracked_baseline)
            .number("transit_mean_h", self.transit_mean_h)
            .number("transit_mean_h_baseline", self.transit_mean_h_baseline)
    }
}

pub struct Height {
    pub height: i32,
}

impl Payload for Height {
    fn fields(&self, o: Object) -> Object {
        o.int("height", self.height as i128)
    }
}

pub struct Error {
    pub message: String,
}

impl Payload for Error {
    fn fields(&self, o: Object) -> Object {
        o.text("message", &self.message)
    }
}

pub struct Ready {
    pub protocol_version: u32,
}

impl Payload for Ready {
    fn fields(&self, o: Object) -> Object {
        o.int("protocol_version", self.protocol_version as i128)
    }
}

/// An event message (`ready`, `state`, `error`, `height`) as JSON text.
pub fn event(name: &str, id: Option<&Id>, payload: &impl Payload) -> String {
    let mut o = Object::new().text("protocol", PROTOCOL).int("version", VERSION as i128).text("event", name);
    o = match id {
        None => o,
        Some(Id::Num(x)) => o.number("id", *x),
        Some(Id::Text(t)) => o.text("id", t),
    };
    payload.fields(o).end()
}

/// The size message of the `embed-size` convention (`{sentinel: 'amp', type: 'embed-size',
/// height}`) that AMP's amp-iframe and `static/embed-resize.js` size a frame from; sent beside
/// the `height` event.
pub fn embed_size(height: i32) -> String {
    Object::new().text("sentinel", "amp").text("type", "embed-size").int("height", height as i128).end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(s: &str) -> Result<Option<Request>, String> {
        parse(s)
    }

    #[test]
    fn commands_parse() {
        let r = cmd(r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"track.sf","id":7}"#).unwrap().unwrap();
        assert_eq!(r.command, Command::Link { link: LinkId::parse("track.sf").unwrap(), at: None, up: false });
        assert_eq!(r.id, Some(Id::Num(7.0)));
        let r = cmd(r#"{"protocol":"parcel-standoff","version":1,"command":"load","state":"scenario=june-2017&t=2017-06-02T12:00"}"#)
            .unwrap()
            .unwrap();
        assert!(matches!(r.command, Command::Load(ref s) if s.scenario == "june-2017"));
        assert_eq!(
            cmd(r#"{"protocol":"parcel-standoff","version":1,"command":"seek","t":"2017-06-01T09:00"}"#).unwrap().unwrap().command,
            Command::Seek(clock::parse("2017-06-01T09:00").unwrap())
        );
        let r = cmd(r#"{"protocol":"parcel-standoff","version":1,"command":"theme","theme":"dark","id":"t1"}"#).unwrap().unwrap();
        assert_eq!((r.command, r.id), (Command::Theme(Theme::Dark), Some(Id::Text("t1".into()))));
        assert_eq!(cmd(r#"{"hello":"world"}"#).unwrap(), None, "other protocols are not ours");
        assert_eq!(cmd(r#""just a string""#).unwrap(), None);
        assert_eq!(cmd(r#"{"protocol":5}"#).unwrap(), None);
        // an optional field given as null is absent, as in JSON
        let r =
            cmd(r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"track.sf","at":null,"id":null}"#).unwrap().unwrap();
        assert_eq!((r.command, r.id), (Command::Link { link: LinkId::parse("track.sf").unwrap(), at: None, up: false }, None));
    }

    #[test]
    fn malformed_commands_are_refused_with_a_reason() {
        for (m, why) in [
            (r#"{"protocol":"parcel-standoff","version":2,"command":"play"}"#, "version 2"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"fly"}"#, "unknown command"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"cut"}"#, "needs \"link\""),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"track.dhl"}"#, "dhl"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"seek","t":"soon"}"#, "soon"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"play","extra":1}"#, "unknown field"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"view","view":"<b>"}"#, "unknown view"),
            (
                r#"{"protocol":"parcel-standoff","version":1,"command":"theme","theme":"sepia"}"#,
                "unknown theme 'sepia' (themes: light, dark, auto)",
            ),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"theme"}"#, "needs \"theme\""),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"load","state":"scenario=nope"}"#, "Unknown scenario"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":5}"#, "\"link\" is the number 5, not a string"),
            (r#"{"protocol":"parcel-standoff","version":"1","command":"play"}"#, "\"version\" is the string \"1\", not a number"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":["play"]}"#, "\"command\" is an array"),
            (r#"{"protocol":"parcel-standoff","version":1,"command":"play","id":{"n":1}}"#, "\"id\" is an object"),
            (r#"{"protocol":"parcel-standoff","command":"play"}"#, "missing field `version`"),
            (r#"{"protocol":"parcel-standoff","version":1}"#, "missing field `command`"),
        ] {
            let e = cmd(m).unwrap_err();
            assert!(e.contains(why), "{m}: {e}");
        }
    }

    #[test]
    fn events_carry_the_protocol_and_the_request_id() {
        let e = event("height", Some(&Id::Text("a1".into())), &Height { height: 640 });
        let v: serde_json::Value = serde_json::from_str(&e).unwrap();
        assert_eq!(v["protocol"], "parcel-standoff");
        assert_eq!(v["version"], 1);
        assert_eq!(v["event"], "height");
        assert_eq!(v["id"], "a1");
        assert_eq!(v["height"], 640);
    }

    #[test]
    fn a_state_event_reads_back_field_for_field() {
        let s = StateSummary {
            scenario: "june-2017".into(),
            t: "2017-06-01T09:00".into(),
            playing: true,
            view: "explorer".into(),
            lang: "zh".into(),
            theme: "auto".into(),
            cut: vec!["track.sf".into(), "list.taobao.sf".into()],
            link: "scenario=june-2017&cut=track.sf@2017-06-01T09:00".into(),
            sf_share: 0.1 + 0.2,
            sf_share_baseline: 1.0 / 3.0,
            untracked: 12345.678,
            untracked_baseline: 0.0,
            transit_mean_h: f64::NAN,
            transit_mean_h_baseline: 49.5,
        };
        let v: serde_json::Value = serde_json::from_str(&event("state", Some(&Id::Num(3.0)), &s)).unwrap();
        assert_eq!((v["event"].as_str(), v["id"].as_f64(), v["playing"].as_bool()), (Some("state"), Some(3.0), Some(true)));
        assert_eq!(v["cut"], serde_json::json!(["track.sf", "list.taobao.sf"]));
        assert_eq!(v["link"], s.link.as_str());
        for (k, x) in [("sf_share", s.sf_share), ("sf_share_baseline", s.sf_share_baseline), ("untracked", s.untracked)] {
            assert_eq!(v[k].as_f64().map(f64::to_bits), Some(x.to_bits()), "{k}");
        }
        assert!(v["transit_mean_h"].is_null(), "JSON has no NaN");
    }

    #[test]
    fn the_size_message_follows_the_embed_size_convention() {
        let v: serde_json::Value = serde_json::from_str(&embed_size(812)).unwrap();
        assert_eq!(v, serde_json::json!({ "sentinel": "amp", "type": "embed-size", "height": 812 }));
        // not a message of the protocol: a host listening for its events does not mistake it
        assert_eq!(parse(&embed_size(812)), Ok(None));
    }

    #[test]
    fn an_unreadable_message_still_gets_its_id_back_and_big_messages_of_others_are_not_ours() {
        let bad = r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"nowhere","id":"c9"}"#;
        assert!(parse(bad).is_err());
        assert_eq!(request_id(bad), Some(Id::Text("c9".into())));
        assert_eq!(request_id("not json"), None);
        let big_other = format!(r#"{{"type":"analytics","payload":"{}"}}"#, "x".repeat(MAX_MESSAGE));
        assert_eq!(parse(&big_other), Ok(None), "another protocol's large message is not ours to answer");
        let big_ours = format!(r#"{{"protocol":"parcel-standoff","version":1,"command":"get","pad":"{}"}}"#, "x".repeat(MAX_MESSAGE));
        assert!(parse(&big_ours).is_err());
    }
}
