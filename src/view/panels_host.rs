//! The places of what lives in the panels' module (`src/bin/panels.rs`,
//! `parcel-standoff-panels.js` and its `_bg.wasm`), and the loading of that module: the
//! experiments panel's place, which loads it when it comes near the screen or the session holds
//! an experiment (until then it shows the panel's title and introduction), and the Embed
//! dialog's, which loads it when the dialog is first opened. The page's first load carries
//! neither. The module also reads set-up files for the page (`PanelsHost::read_file`): the
//! page's own module carries no JSON reader. And it draws the "How sure is this?" panel in its
//! place inside the app (`#unc-place`), fetched once the bands stop waiting for the reader (the
//! worker is fetched then) and the place comes near the screen: compiling and mounting the module
//! took a task of 60–135 ms, a hitch in the first seconds of play when it came with the bands.
//! Until then the place shows the panel's title and introduction.
//!
//! The experiments panel's and the dialog's places are containers after the app's own (`#app`).
//! The "How sure is this?" panel is nested in the app's tree: two Yew apps from two modules
//! number their trees alike, and nested they would handle each other's events, so the module
//! numbers its trees from 2 (`mount_sure`).
//! The offline single file carries the module inline (`window.parcelStandoffPanelsWasm`).

use crate::present::i18n::{fill, t, Key, Lang};
use crate::ui::experiment::SEEDS;
use crate::ui::panel_wire::{experiment_said, sure_heard, DialogWire, ExperimentsWire, SureWire};
use crate::ui::session::{Action, Session};
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::Callback;

/// The module's glue defines this global (wasm-bindgen's `--no-modules-global`).
const GLOBAL: &str = "parcelStandoffPanels";
const GLUE: &str = "parcel-standoff-panels.js";
const MODULE: &str = "parcel-standoff-panels_bg.wasm";

enum Load {
    Waiting,
    Loading,
    Ready,
    Failed,
}

/// What the inputs were made from (the panel is told again only when it changes).
/// (The experiment is part of the set-up: its revision tells when it changes.)
type Made = (Lang, bool, bool, u64, usize, Option<(usize, usize)>, Option<String>);

type Observer = (web_sys::IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

/// What the "How sure is this?" panel's inputs were made from: the language, the switches, the
/// progress, the reason, the effect, and the bands and ranking (by address).
type SureMade = (Lang, [bool; 3], [Option<(usize, usize)>; 2], Option<String>, String, usize, usize);

struct Inner {
    root: Element,
    /// The Embed dialog's place.
    dialog_root: Element,
    load: Load,
    /// The mounted experiments panel (the module's `Panel`).
    panel: Option<JsValue>,
    /// The open dialog (the module's `Dialog`), and its inputs while the session has it open.
    dialog: Option<JsValue>,
    dialog_wire: Option<String>,
    /// What the dialog's inputs were made from: language, set-up and hour (its link's parts).
    dialog_made: Option<(Lang, u64, i64)>,
    /// What had the focus when the dialog was asked for: it gets it back when the dialog closes
    /// (the dialog returns it itself, but not when a box saying "loading" had it meanwhile).
    opener: Option<web_sys::HtmlElement>,
    wire: String,
    /// A set-up file to read once the module is here (`PanelsHost::read_file`).
    file: Option<String>,
    made: Option<Made>,
    lang: Lang,
    on: Callback<Action>,
    observer: Option<Observer>,
    listeners: Vec<EventListener>,
    /// The "How sure is this?" panel's place (`#unc-place`, inside the app's tree: gone in the
    /// story and in an embed), the panel mounted there (the module's `Sure`), and its inputs.
    sure_place: Option<Element>,
    sure: Option<JsValue>,
    sure_wire: String,
    sure_made: Option<SureMade>,
    /// Whether the place is near the screen (watched until the module loads), and whether the
    /// bands have been asked for: the module is fetched for the panel when both are.
    sure_near: bool,
    sure_asked: bool,
}

pub struct PanelsHost(Rc<RefCell<Inner>>);

impl PanelsHost {
    /// The place, after `#app`; None where there is no page to put it in.
    pub fn new(on: Callback<Action>) -> Option<PanelsHost> {
        let doc = web_sys::window()?.document()?;
        let app = doc.get_element_by_id("app")?;
        let root = doc.create_element("div").ok()?;
        root.set_id("panels");
        root.set_class_name("panels");
        let dialog_root = doc.create_element("div").ok()?;
        dialog_root.set_id("dialog-place");
        app.after_with_node_2(&root, &dialog_root).ok()?;
        let inner = Rc::new(RefCell::new(Inner {
            root,
            dialog_root,
            load: Load::Waiting,
            panel: None,
            dialog: None,
            dialog_wire: None,
            dialog_made: None,
            opener: None,
            wire: String::new(),
            file: None,
            made: None,
            lang: Lang::default(),
            on,
            observer: None,
            listeners: Vec::new(),
            sure_place: None,
            sure: None,
            sure_wire: String::new(),
            sure_made: None,
            sure_near: false,
            sure_asked: false,
        }));
        let host = PanelsHost(inner);
        host.watch();
        Some(host)
    }

    /// Load the module when the experiments' place comes within a screen's height of being
    /// seen, or the "How sure is this?" place does once the bands are asked for (`sync_sure`
    /// has the observer watch that place too).
    fn watch(&self) {
        let weak = Rc::downgrade(&self.0);
        let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(inner) = weak.upgrade() else { return };
            let mut go = false;
            for e in entries.iter() {
                let Ok(e) = e.dyn_into::<web_sys::IntersectionObserverEntry>() else { continue };
                let near = e.is_intersecting();
                let mut b = inner.borrow_mut();
                if e.target() == b.root {
                    go |= near;
                } else if b.sure_place.as_ref() == Some(&e.target()) {
                    b.sure_near = near;
                    go |= near && b.sure_asked;
                }
            }
            if go {
                load(&inner);
            }
        });
        let opts = web_sys::IntersectionObserverInit::new();
        opts.set_root_margin("0px 0px 100% 0px");
        if let Ok(obs) = web_sys::IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &opts) {
            obs.observe(&self.0.borrow().root);
            self.0.borrow_mut().observer = Some((obs, cb));
        }
    }

    /// Bring the panel up to date with the session (called after each render of the app).
    pub fn sync(&self, s: &Session) {
        self.sync_dialog(s);
        self.sync_sure(s);
        let mut b = self.0.borrow_mut();
        let story = s.story().is_some();
        b.root.toggle_attribute_with_force("hidden", story).ok();
        let _ = b.root.class_list().toggle_with_force("presenter", s.presenter());
        let est = s.estimates();
        let results = est.results.as_ref().map(|r| Rc::as_ptr(r) as usize).unwrap_or(0);
        let made: Made = (s.lang(), s.dark(), story, s.setup_revision(), results, est.exp_progress, est.exp_error.clone());
        if b.made.as_ref() == Some(&made) {
            return;
        }
        b.made = Some(made);
        let lang = s.lang();
        b.wire = ExperimentsWire::new(
            lang,
            s.dark(),
            s.snapshot().setup_link(),
            s.experiment(),
            est.results.as_deref(),
            est.exp_progress,
            est.exp_error.clone(),
        )
        .to_json();
        let _ = b.root.set_attribute("lang", lang.html_lang());
        match (&b.load, &b.panel) {
            (_, Some(panel)) => {
                if let Err(e) = call(panel, "update", &[JsValue::from_str(&b.wire)]) {
                    web_sys::console::error_1(&e);
                }
            }
            (Load::Waiting | Load::Loading, None) if b.lang != lang || b.root.child_element_count() == 0 => {
                b.lang = lang;
                waiting(&b.root, lang, false);
            }
            _ => {}
        }
        let asked = s.experiment().is_some() && matches!(b.load, Load::Waiting);
        drop(b);
        if asked {
            load(&self.0);
        }
    }

    /// Read a set-up file's text in the module (loading it if need be); the session is
    /// answered with `Action::FileRead`.
    pub fn read_file(&self, text: String) {
        self.0.borrow_mut().file = Some(text);
        let (ready, failed) = {
            let b = self.0.borrow();
            (matches!(b.load, Load::Ready), matches!(b.load, Load::Failed))
        };
        if ready {
            read_pending(&self.0);
        } else if failed {
            file_failed(&self.0);
        } else {
            // (read once the module is here: `start`)
            load(&self.0);
        }
    }

    /// Mount, update or take away the "How sure is this?" panel as the session has it. The module
    /// is fetched when the bands stop waiting for the reader (`Session::bands_waiting`), with the
    /// worker's; until it is here the place shows the panel's title and introduction.
    fn sync_sure(&self, s: &Session) {
        let place = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("unc-place"));
        let mut b = self.0.borrow_mut();
        if b.sure_place != place {
            // the place went (the story) or was drawn anew: the panel goes with it
            if let Some(p) = b.sure.take() {
                let _ = call(&p, "unmount", &[]);
            }
            if let (Some((obs, _)), Some(old)) = (&b.observer, &b.sure_place) {
                obs.unobserve(old);
            }
            b.sure_place = place;
            b.sure_made = None;
            b.sure_near = false;
            if let (Some((obs, _)), Some(p), Load::Waiting) = (&b.observer, &b.sure_place, &b.load) {
                obs.observe(p);
            }
        }
        let Some(place) = b.sure_place.clone() else { return };
        let est = s.estimates();
        let at = |r: Option<usize>| r.unwrap_or(0);
        let made: SureMade = (
            s.lang(),
            [est.on, est.levels, est.in_page],
            [est.progress, est.rank_progress],
            est.error.clone(),
            est.effect.clone(),
            at(est.bands.as_ref().map(|r| Rc::as_ptr(r) as usize)),
            at(est.ranking.as_ref().map(|r| Rc::as_ptr(r) as usize)),
        );
        if b.sure_made.as_ref() == Some(&made) {
            return;
        }
        b.sure_made = Some(made);
        b.sure_wire = SureWire::write(s.lang(), &est.shown());
        let _ = place.set_attribute("lang", s.lang().html_lang());
        if let Some(p) = &b.sure {
            if let Err(e) = call(p, "update", &[JsValue::from_str(&b.sure_wire)]) {
                web_sys::console::error_1(&e);
            }
            return;
        }
        match b.load {
            Load::Ready => {
                drop(b);
                mount_sure(&self.0);
            }
            Load::Failed => sure_waiting(&place, s.lang(), Some(true)),
            Load::Waiting | Load::Loading => {
                // (drawn again when anything changed: the language, above all)
                b.sure_asked = !s.bands_waiting();
                if b.sure_asked && b.sure_near && matches!(b.load, Load::Waiting) {
                    drop(b);
                    // (which says "Loading…" in the place)
                    load(&self.0);
                } else {
                    sure_waiting(&place, s.lang(), matches!(b.load, Load::Loading).then_some(false));
                }
            }
        }
    }

    /// Open, update or close the Embed dialog as the session has it.
    fn sync_dialog(&self, s: &Session) {
        let mut b = self.0.borrow_mut();
        if !s.embed_dialog_open() {
            if let Some(d) = b.dialog.take() {
                let _ = call(&d, "close", &[]);
            }
            if b.dialog_wire.take().is_some() {
                b.dialog_root.set_text_content(None);
            }
            b.dialog_made = None;
            if let Some(el) = b.opener.take().filter(|e| e.is_connected()) {
                let _ = el.focus();
            }
            return;
        }
        let made = (s.lang(), s.setup_revision(), s.player().hour());
        if b.dialog_made == Some(made) {
            return;
        }
        b.dialog_made = Some(made);
        let (link, title) = crate::ui::embed_snippet::parts(s);
        let wire = DialogWire { lang: s.lang().code().into(), link, title }.to_json();
        let first = b.dialog_wire.is_none();
        if first {
            b.opener = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).and_then(|e| e.dyn_into().ok());
        }
        b.dialog_wire = Some(wire.clone());
        if let Some(d) = &b.dialog {
            let _ = call(d, "update", &[JsValue::from_str(&wire)]);
            return;
        }
        match b.load {
            Load::Ready => {
                drop(b);
                open_dialog(&self.0);
            }
            Load::Failed => dialog_status(&b, s.lang(), true),
            Load::Waiting | Load::Loading => {
                if first {
                    dialog_status(&b, s.lang(), false);
                }
                drop(b);
                load(&self.0);
            }
        }
    }
}

/// The dialog's place while its module comes (or could not): a box saying so, with Close.
fn dialog_status(b: &Inner, lang: Lang, failed: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let make = |tag: &str, class: &str| doc.create_element(tag).ok().inspect(|e| e.set_class_name(class));
    let (Some(overlay), Some(bx), Some(p), Some(close)) =
        (make("div", "overlay"), make("div", "overlay-box"), make("p", ""), make("button", "primary"))
    else {
        return;
    };
    let _ = overlay.set_attribute("role", "dialog");
    let _ = overlay.set_attribute("aria-modal", "true");
    let _ = overlay.set_attribute("aria-label", t(lang, Key::EMBED));
    p.set_id("dialog-status");
    let _ = p.set_attribute("role", "status");
    p.set_text_content(Some(t(lang, if failed { Key::PART_LOAD_FAILED } else { Key::LOADING })));
    close.set_id("dialog-status-close");
    let _ = close.set_attribute("type", "button");
    close.set_text_content(Some(t(lang, Key::CLOSE)));
    let on = b.on.clone();
    // (the place is emptied when the dialog closes, and the listener with it)
    EventListener::new(&close, "click", move |_| on.emit(Action::ToggleEmbedDialog)).forget();
    let _ = bx.append_child(&p);
    let _ = bx.append_child(&close);
    let _ = overlay.append_child(&bx);
    b.dialog_root.set_text_content(None);
    let _ = b.dialog_root.append_child(&overlay);
    if let Some(c) = close.dyn_ref::<web_sys::HtmlElement>() {
        let _ = c.focus();
    }
}

/// The "How sure is this?" panel's place before the panel comes: its title and introduction,
/// and (`Some`) that it is loading or (`Some(true)`) could not be.
fn sure_waiting(place: &Element, lang: Lang, status: Option<bool>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let el = |tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let Some(section) = doc.create_element("section").ok() else { return };
    section.set_class_name("uncertainty");
    section.set_id("uncertainty");
    let _ = section.set_attribute("aria-labelledby", "unc-title");
    let status = status.map(|failed| t(lang, if failed { Key::PART_LOAD_FAILED } else { Key::LOADING }));
    let (title, intro, status) = (el("h2", t(lang, Key::UNC_TITLE)), el("p", t(lang, Key::UNC_INTRO)), status.and_then(|w| el("p", w)));
    if let Some(h) = &title {
        h.set_id("unc-title");
    }
    if let Some(p) = &intro {
        p.set_class_name("unc-intro");
    }
    if let Some(p) = &status {
        p.set_class_name("panels-status");
        let _ = p.set_attribute("role", "status");
    }
    for e in [title, intro, status].into_iter().flatten() {
        let _ = section.append_child(&e);
    }
    place.set_text_content(None);
    let _ = place.append_child(&section);
}

/// Mount the "How sure is this?" panel from the module (loaded) in its place, if the page has it.
fn mount_sure(inner: &Rc<RefCell<Inner>>) {
    let Some(w) = web_sys::window() else { return };
    let (place, wire, on) = {
        let b = inner.borrow();
        let (Some(place), None) = (b.sure_place.clone(), &b.sure) else { return };
        (place, b.sure_wire.clone(), b.on.clone())
    };
    let said = Closure::<dyn Fn(String)>::new(move |text: String| {
        if let Some(a) = sure_heard(&text) {
            on.emit(a);
        }
    });
    let Ok(global) = js_sys::Reflect::get(&w, &GLOBAL.into()) else { return };
    match call(&global, "mount_sure", &[place.into(), JsValue::from_str(&wire), said.into_js_value()]) {
        Ok(p) => inner.borrow_mut().sure = Some(p),
        Err(e) => web_sys::console::error_1(&e),
    }
}

/// Read the set-up file waiting for the module (loaded), and answer the session.
fn read_pending(inner: &Rc<RefCell<Inner>>) {
    let text = inner.borrow_mut().file.take();
    let Some(text) = text else { return };
    let on = inner.borrow().on.clone();
    let read = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))
        .and_then(|w| js_sys::Reflect::get(&w, &GLOBAL.into()))
        .and_then(|global| call(&global, "read_setup_file", &[JsValue::from_str(&text)]));
    on.emit(Action::FileRead(match read {
        Ok(link) => link.as_string().ok_or_else(|| "the module gave no link".to_string()),
        Err(e) => Err(reason(e)),
    }));
}

/// The set-up file waiting for a module that could not come: the reader is told.
fn file_failed(inner: &Rc<RefCell<Inner>>) {
    let (file, on, lang) = {
        let mut b = inner.borrow_mut();
        (b.file.take(), b.on.clone(), b.lang)
    };
    if file.is_some() {
        on.emit(Action::FileRead(Err(t(lang, Key::PART_LOAD_FAILED).into())));
    }
}

/// Open the dialog from the module (loaded) with the latest inputs.
fn open_dialog(inner: &Rc<RefCell<Inner>>) {
    let Some(w) = web_sys::window() else { return };
    let (root, wire, on) = {
        let b = inner.borrow();
        let Some(wire) = b.dialog_wire.clone() else { return };
        (b.dialog_root.clone(), wire, b.on.clone())
    };
    let closed = Closure::<dyn Fn()>::new(move || on.emit(Action::ToggleEmbedDialog));
    let Ok(global) = js_sys::Reflect::get(&w, &GLOBAL.into()) else { return };
    match call(&global, "open_embed_dialog", &[root.into(), JsValue::from_str(&wire), closed.into_js_value()]) {
        Ok(d) => inner.borrow_mut().dialog = Some(d),
        Err(e) => web_sys::console::error_1(&e),
    }
}

/// The place before the panel comes: its title, its introduction, and what is happening.
fn waiting(root: &Element, lang: Lang, failed: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let el = |tag: &str, class: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        e.set_text_content(Some(text));
        Some(e)
    };
    let Some(section) = el("section", "experiments", "") else { return };
    let _ = section.set_attribute("aria-labelledby", "exp-title");
    let intro = fill(t(lang, Key::EXP_INTRO), &[("seeds", &SEEDS.to_string())]);
    let status = t(lang, if failed { Key::EXP_LOAD_FAILED } else { Key::EXP_LOADING });
    for e in [el("h2", "", t(lang, Key::EXP_TITLE)), el("p", "unc-intro", &intro), el("p", "panels-status", status)].into_iter().flatten() {
        if e.tag_name() == "H2" {
            e.set_id("exp-title");
        }
        if e.class_name() == "panels-status" {
            let _ = e.set_attribute("role", "status");
            e.set_id("panels-status");
        }
        let _ = section.append_child(&e);
    }
    root.set_text_content(None);
    let _ = root.append_child(&section);
}

/// Fetch and start the module (once), then mount the panel.
fn load(inner: &Rc<RefCell<Inner>>) {
    {
        let mut b = inner.borrow_mut();
        if !matches!(b.load, Load::Waiting) {
            return;
        }
        b.load = Load::Loading;
        if let Some((obs, _)) = &b.observer {
            obs.disconnect();
        }
        if let (Some(place), Some(made)) = (&b.sure_place, &b.sure_made) {
            sure_waiting(place, made.0, Some(false));
        }
    }
    let Some(w) = web_sys::window() else { return };
    if js_sys::Reflect::get(&w, &GLOBAL.into()).is_ok_and(|g| g.is_function()) {
        start(inner.clone());
        return;
    }
    let Some(doc) = w.document() else { return };
    let Ok(s) = doc.create_element("script") else { return };
    let _ = s.set_attribute("src", GLUE);
    let (i1, i2) = (inner.clone(), inner.clone());
    let ok = EventListener::once(&s, "load", move |_| start(i1.clone()));
    let bad = EventListener::once(&s, "error", move |_| failed(&i2, &format!("{GLUE} could not be fetched")));
    inner.borrow_mut().listeners.extend([ok, bad]);
    if let Some(head) = doc.head() {
        let _ = head.append_child(&s);
    }
}

fn start(inner: Rc<RefCell<Inner>>) {
    wasm_bindgen_futures::spawn_local(async move {
        match mount(&inner).await {
            Ok(panel) => {
                {
                    let mut b = inner.borrow_mut();
                    b.load = Load::Ready;
                    b.panel = Some(panel);
                }
                open_dialog(&inner);
                mount_sure(&inner);
                read_pending(&inner);
            }
            Err(e) => failed(&inner, &e),
        }
    });
}

async fn mount(inner: &Rc<RefCell<Inner>>) -> Result<JsValue, String> {
    let w = web_sys::window().ok_or("no window")?;
    let init = js_sys::Reflect::get(&w, &GLOBAL.into()).map_err(|_| "no module")?;
    let inline = js_sys::Reflect::get(&w, &"parcelStandoffPanelsWasm".into()).ok().filter(|v| !v.is_undefined());
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"module_or_path".into(), &inline.unwrap_or_else(|| MODULE.into()));
    let started = init.dyn_into::<js_sys::Function>().map_err(|_| "no module")?.call1(&JsValue::NULL, &opts).map_err(reason)?;
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&started)).await.map_err(reason)?;
    let on = inner.borrow().on.clone();
    let said = Closure::<dyn Fn(String)>::new(move |text: String| {
        if let Ok(x) = experiment_said(&text) {
            on.emit(Action::SetExperiment(x));
        }
    });
    let global = js_sys::Reflect::get(&w, &GLOBAL.into()).map_err(reason)?;
    let (root, wire) = {
        let b = inner.borrow();
        (b.root.clone(), b.wire.clone())
    };
    let panel = call(&global, "mount_experiments", &[root.into(), JsValue::from_str(&wire), said.into_js_value()]).map_err(reason)?;
    // inputs that changed while the module came
    let latest = inner.borrow().wire.clone();
    if latest != wire {
        call(&panel, "update", &[JsValue::from_str(&latest)]).map_err(reason)?;
    }
    Ok(panel)
}

/// The reader is told in their language; the reason (technical, in English) goes to the console.
fn failed(inner: &Rc<RefCell<Inner>>, why: &str) {
    let mut b = inner.borrow_mut();
    b.load = Load::Failed;
    let why = crate::model::shorten(why, 200);
    web_sys::console::error_1(&format!("the experiments panel: {why}").into());
    waiting(&b.root, b.lang, true);
    if let Some(place) = &b.sure_place {
        sure_waiting(place, b.lang, Some(true));
    }
    if b.dialog_wire.is_some() {
        dialog_status(&b, b.lang, true);
    }
    drop(b);
    file_failed(inner);
}

fn reason(e: JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "the module did not start".into())
}

/// `obj.method(...args)`.
fn call(obj: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(obj, &method.into())?.dyn_into()?;
    f.apply(obj, &args.iter().cloned().collect::<js_sys::Array>())
}
