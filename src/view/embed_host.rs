//! The embedding page, when the app runs in an iframe (`embed=1`): host commands in (checked
//! against the `origins=` allow-list, gathered into `Action::Hosts`), events out (`ready`, `state`,
//! `height` and its `embed-size` twin, `error`), and pausing when the frame is scrolled away or its tab hidden.

use crate::ui::embed::{self, Id};
use crate::ui::session::{Action, Session};
use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// The page-visibility observer and the callback it holds.
type Observer = (web_sys::IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

pub struct EmbedHost {
    /// Host origins allowed to drive the embed (empty: any).
    origins: Vec<String>,
    last_height: Cell<i32>,
    _listeners: Vec<EventListener>,
    _observer: Option<Observer>,
}

impl EmbedHost {
    /// Listen to the host and the page's visibility; say `ready`.
    pub fn attach(origins: Vec<String>, on: Callback<Action>) -> EmbedHost {
        let mut host = EmbedHost { origins, last_height: Cell::new(0), _listeners: Vec::new(), _observer: None };
        let Some(w) = web_sys::window() else { return host };
        let origins = host.origins.clone();
        let on_message = on.clone();
        // commands that came together are handed over together, once the messages already
        // queued are in: a burst (2,000 seeks in one go) is one action, not 2,000 renders
        let queue: Rc<RefCell<Vec<(embed::Request, String)>>> = Rc::default();
        host._listeners.push(EventListener::new(&w, "message", move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else { return };
            let origin = ev.origin();
            // Safe by default: with no allow-list only the page that embeds us (our parent
            // window) may drive the embed — not a sibling frame or a popup; `origins=` names the
            // pages that may.
            if origins.is_empty() && !from_parent(ev) {
                return;
            }
            let Some(message) = message(&ev.data()) else { return };
            match embed::read(&message) {
                Ok(None) => {}
                Ok(Some(request)) => {
                    if !origins.is_empty() && !origins.contains(&origin) {
                        warn(&format!("parcel-standoff: ignored a command from {} (not in origins)", origin));
                        return;
                    }
                    queue.borrow_mut().push((request, origin));
                    if queue.borrow().len() == 1 {
                        let (queue, on) = (queue.clone(), on_message.clone());
                        super::page::after_queued(Box::new(move || {
                            let list = std::mem::take(&mut *queue.borrow_mut());
                            on.emit(Action::Hosts(list));
                        }));
                    }
                }
                Err(e) => {
                    warn(&format!("parcel-standoff: ignored a message: {}", e));
                    if origins.is_empty() || origins.contains(&origin) {
                        let target = if origin.is_empty() || origin == "null" { "*".to_string() } else { origin };
                        send(&embed::event("error", embed::message_id(&message).as_ref(), &embed::Error { message: e }), &target);
                    }
                }
            }
        }));
        if let Some(doc) = w.document() {
            let d2 = doc.clone();
            let on_visible = on.clone();
            host._listeners.push(EventListener::new(&doc, "visibilitychange", move |_| {
                on_visible.emit(Action::Visible(!d2.hidden()));
            }));
            // pause when scrolled out of the host page's view
            let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                if let Some(e) = entries.get(0).dyn_ref::<web_sys::IntersectionObserverEntry>() {
                    on.emit(Action::Visible(e.is_intersecting()));
                }
            });
            if let (Ok(obs), Some(body)) = (web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref()), doc.body()) {
                obs.observe(&body);
                host._observer = Some((obs, cb));
            }
        }
        host.post(&embed::event("ready", None, &embed::Ready { protocol_version: embed::VERSION }), "");
        host
    }

    /// Tell the host the session's state (`origin`: reply to it; empty: to the allowed hosts).
    pub fn post_state(&self, s: &Session, id: Option<&Id>, origin: &str) {
        self.post_summary(Self::summary(s).as_ref(), id, origin);
    }

    /// What a `state` event tells of the session; none while a run is being built (the state is
    /// neither the run shown nor the one being built: the session posts it, and the replies that
    /// wait for it, once the run is built).
    pub fn summary(s: &Session) -> Option<embed::StateSummary> {
        s.building().is_none().then(|| embed::summary(s.run(), &s.snapshot(), s.player().is_playing()))
    }

    /// Post a `state` event with `summary` (made once for all the replies to a burst).
    pub fn post_summary(&self, summary: Option<&embed::StateSummary>, id: Option<&Id>, origin: &str) {
        if let Some(summary) = summary {
            self.post(&embed::event("state", id, summary), origin);
        }
    }

    /// Tell the host its request `id` was refused.
    pub fn post_error(&self, id: Option<&Id>, origin: &str, message: String) {
        self.post(&embed::event("error", id, &embed::Error { message }), origin);
    }

    /// Tell the host the page's height, if it changed.
    pub fn report_height(&self) {
        let h = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()).map(|e| e.scroll_height()).unwrap_or(0);
        if h != self.last_height.get() {
            self.last_height.set(h);
            self.post(&embed::event("height", None, &embed::Height { height: h }), "");
            // the same height in the `embed-size` convention (amp-iframe, static/embed-resize.js)
            self.post(&embed::embed_size(h), "");
        }
    }

    fn post(&self, json: &str, origin: &str) {
        if origin == "null" {
            // a host opened from a file: its origin cannot be named, and only our parent hears us
            send(json, "*");
        } else if !origin.is_empty() {
            send(json, origin);
        } else if self.origins.is_empty() {
            send(json, "*");
        } else {
            for o in &self.origins {
                send(json, o);
            }
        }
    }
}

/// Whether a message came from the window that embeds this page.
fn from_parent(ev: &web_sys::MessageEvent) -> bool {
    let Some(w) = web_sys::window() else { return false };
    match (w.parent(), ev.source()) {
        (Ok(Some(parent)), Some(source)) => parent != w && js_sys::Object::is(&parent, &source),
        _ => false,
    }
}

/// A message's data as the fields of a command (None: not an object, so not ours). The browser
/// has read it already (structured clone): the page's module carries no JSON reader.
fn message(data: &JsValue) -> Option<embed::Message> {
    use embed::Value;
    if !data.is_object() || js_sys::Array::is_array(data) {
        return None;
    }
    // its length as JSON text, which is what a host sent (a longer message is refused unread)
    let len = js_sys::JSON::stringify(data).ok()?.length() as usize;
    // (of a message too long, only whose it is: a refusal names nothing else)
    let whose_only = len > embed::MAX_MESSAGE;
    let fields = js_sys::Object::entries(data.unchecked_ref())
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            let key = pair.get(0);
            if whose_only && key.as_string().as_deref() != Some("protocol") {
                return None;
            }
            let (key, v) = (key.as_string()?, pair.get(1));
            let value = if let Some(t) = v.as_string() {
                Value::Text(t)
            } else if let Some(x) = v.as_f64() {
                Value::Number(x)
            } else if v.is_null() {
                Value::Null
            } else if v.as_bool().is_some() {
                Value::Other("a boolean")
            } else if js_sys::Array::is_array(&v) {
                Value::Other("an array")
            } else if v.is_object() {
                Value::Other("an object")
            } else {
                // undefined, a function, a symbol: what JSON leaves out
                return None;
            };
            Some((key, value))
        })
        .collect();
    Some(embed::Message { fields, len })
}

/// Post a JSON event to the parent window (nothing if the app is not in a frame).
fn send(json: &str, target: &str) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    if let Ok(data) = js_sys::JSON::parse(json) {
        let _ = parent.post_message(&data, target);
    }
}

fn warn(text: &str) {
    web_sys::console::warn_1(&text.into());
}
