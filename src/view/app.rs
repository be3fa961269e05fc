//! The explorer screen. It renders from one `AppState` plus the model's run.

use super::chart::{Chart, ChartKind};
use super::engine::{Engine, SPEEDS};
use super::network::NetworkView;
use super::exports;
use super::help_overlay::HelpOverlay;
use super::params_panel::ParamsPanel;
use super::story_panel::StoryPanel;
use crate::model::output;
use crate::story::STEPS;
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use crate::i18n::{t, Lang};
use crate::model::clock;
use crate::model::ids::{Courier, LinkId, Platform};
use crate::model::params;
use crate::model::scenario::{self, Scenario};
use crate::narration::narrate;
use crate::state::{AppState, LinkEvent};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

pub enum Msg {
    Tick,
    TogglePlay,
    Step,
    Reset,
    Speed(usize),
    Seek(i64),
    Toggle(LinkId),
    Focus(Option<LinkId>),
    SwitchLang,
    Scenario(String),
    SetParam(String, String),
    ResetParams,
    DismissNotes,
    Key(String),
    StoryStart,
    StoryGo(usize),
    StoryAnswer(usize),
    StoryReveal,
    StoryExit,
    TogglePresenter,
    ToggleHelp,
    ExportCsv,
    SaveSetup,
    LoadSetup(String),
    LoadFailed(String),
    CopyLink,
    /// A command from the embedding page, and the origin to reply to.
    Host(crate::embed::Request, String),
    /// The embed scrolled out of view or its tab was hidden (false), or back (true).
    Visible(bool),
    ToggleEmbedDialog,
}

pub struct App {
    state: AppState,
    engine: Rc<RefCell<Engine>>,
    defaults: Rc<Scenario>,
    values: Rc<Vec<f64>>,
    lang: Lang,
    version: u64,
    focused: Option<LinkId>,
    announce: String,
    notes: Vec<String>,
    param_error: Option<String>,
    /// The narrated event log, computed once per update (the view and the announcer share it).
    log: Vec<crate::narration::Line>,
    story: Option<usize>,
    answer: Option<usize>,
    revealed: bool,
    presenter: bool,
    help: bool,
    load_error: Option<String>,
    _keys: Option<EventListener>,
    /// The link last written to the address bar, and when (ms).
    written: (String, f64),
    copied: bool,
    /// Embed mode (`embed=1`): compact chrome, host API.
    embed: bool,
    /// Host origins allowed to drive the embed (empty: any).
    origins: Vec<String>,
    stop_at: Option<i64>,
    embed_dialog: bool,
    last_height: i32,
    last_state_ms: f64,
    _listeners: Vec<EventListener>,
    _observer: Option<(web_sys::IntersectionObserver, wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>)>,
}

impl App {
    /// Rebuild the run from the state (after a change of scenario, seed or parameters) and go
    /// back to the state's hour.
    fn rebuild(&mut self) {
        let (spec, notes) = self.state.run_spec();
        self.notes = notes;
        self.defaults = Rc::new(scenario::builtin(&spec.scenario.id).unwrap_or_else(|_| spec.scenario.clone()));
        self.values = Rc::new(spec.scenario.params.values.clone());
        let speed = self.engine.borrow().speed;
        let still = self.engine.borrow().still;
        let mut e = Engine::new(spec);
        e.speed = speed;
        e.still = still;
        let t = e.run.start() + self.state.t;
        e.seek(t);
        *self.engine.borrow_mut() = e;
    }

    fn play_button(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang;
        let playing = self.engine.borrow().playing;
        html! {
            <button type="button" id="play" class="primary" onclick={ctx.link().callback(|_| Msg::TogglePlay)}>
                { if playing { format!("❚❚ {}", t(lang, "pause")) } else { format!("▶ {}", t(lang, "play")) } }
            </button>
        }
    }

    /// The clock and the timeline scrubber (with event `markers` under it).
    fn clock_timeline(&self, ctx: &Context<Self>, markers: Html) -> Html {
        let lang = self.lang;
        let e = self.engine.borrow();
        let run = &e.run;
        let now = clock::format_short(run.now()).replace('T', " ");
        html! {
            <>
                <div class="clock" id="clock">
                    <span class="label">{ t(lang, "clock") }</span>
                    <time>{ now.clone() }</time>
                </div>
                <div class="timeline">
                    <input type="range" id="scrubber" class="scrubber" min="0" max={(run.end() - run.start()).to_string()}
                        value={(run.now() - run.start()).to_string()}
                        aria-label={t(lang, "timeline")} aria-valuetext={now}
                        oninput={ctx.link().callback(|ev: InputEvent| {
                            let v = ev.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                            Msg::Seek(v.parse().unwrap_or(0))
                        })} />
                    <div class="markers" aria-hidden="true">{ markers }</div>
                </div>
            </>
        }
    }

    /// Compact chrome for an embedded simulation: the chosen view, play, clock, timeline.
    fn view_embed(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang;
        let link = ctx.link();
        let view = self.state.view.as_str();
        let show_network = view == "network" || view == "network+chart" || view == "explorer";
        let charts: Vec<ChartKind> = match view {
            "network" => vec![],
            "network+chart" => vec![ChartKind::Share],
            "explorer" => ChartKind::ALL.to_vec(),
            v => ChartKind::ALL.iter().copied().filter(|k| v == format!("chart:{}", k.id())).collect(),
        };
        let full = {
            let mut st = self.state.clone();
            st.view = "explorer".into();
            super::page_url_with(&st.to_link())
        };
        let full = full.replace("embed=1&", "").replace("&embed=1", "");
        html! {
            <div class={classes!("app", "embed")} lang={lang.html_lang()}>
                <header class="embed-top">
                    <strong>{ t(lang, "title") }</strong>
                    <a href={full} target="_blank" rel="noopener" id="open-full">{ t(lang, "open_full") }</a>
                </header>
                <section class="controls" aria-label={t(lang, "timeline")}>
                    { self.play_button(ctx) }
                    { self.clock_timeline(ctx, Html::default()) }
                </section>
                if show_network {
                    <NetworkView engine={self.engine.clone()} lang={lang}
                        on_tick={link.callback(|_| Msg::Tick)}
                        on_toggle={link.callback(Msg::Toggle)}
                        focused={self.focused} />
                } else {
                    // the clock still needs the animation loop: a hidden canvas drives it
                    <NetworkView engine={self.engine.clone()} lang={lang} hidden=true
                        on_tick={link.callback(|_| Msg::Tick)}
                        on_toggle={link.callback(Msg::Toggle)} />
                }
                <section class="charts">
                    { for charts.iter().map(|k| html! {
                        <Chart engine={self.engine.clone()} kind={*k} lang={lang} version={self.version} />
                    }) }
                </section>
                <div class="sr-only" aria-live="polite" id="announce">{ &self.announce }</div>
            </div>
        }
    }

    /// The "Embed" dialog: an iframe snippet for the current state.
    fn view_embed_dialog(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang;
        let mut st = self.state.clone();
        st.view = "network+chart".into();
        let url = super::page_url_with(&format!("embed=1&{}", st.to_link()));
        let title = format!("{} — {}", t(lang, "title"), if lang == Lang::Zh { &self.defaults.title.zh } else { &self.defaults.title.en });
        let snippet = format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"720\" style=\"border:0;max-width:1000px\" loading=\"lazy\" allowfullscreen></iframe>",
            url.replace('&', "&amp;").replace('"', "&quot;"),
            title.replace('&', "&amp;").replace('"', "&quot;")
        );
        let link = ctx.link();
        html! {
            <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="embed-title" id="embed-dialog">
                <div class="overlay-box">
                    <h2 id="embed-title">{ t(lang, "embed") }</h2>
                    <p>{ t(lang, "embed_help") }</p>
                    <label for="embed-code">{ t(lang, "embed_code") }</label>
                    <textarea id="embed-code" readonly=true rows="6" value={snippet.clone()} />
                    <div class="story-nav">
                        <button type="button" onclick={Callback::from(move |_| super::copy_text(&snippet))}>{ t(lang, "copy") }</button>
                        <button type="button" class="primary" id="embed-close" onclick={link.callback(|_| Msg::ToggleEmbedDialog)}>{ t(lang, "close") }</button>
                    </div>
                </div>
            </div>
        }
    }

    /// Tell the host the current state (`origin`: reply to it; empty: to the allowed hosts).
    fn post_state(&mut self, id: Option<&crate::embed::Id>, origin: &str) {
        self.last_state_ms = js_sys::Date::now();
        let e = self.engine.borrow();
        let sum = crate::embed::summary(&e.run, &self.state, e.playing);
        self.post(&crate::embed::event("state", id, &sum), origin);
    }

    fn post(&self, json: &str, origin: &str) {
        let Some(w) = web_sys::window() else { return };
        let Ok(Some(parent)) = w.parent() else { return };
        if parent == w {
            return;
        }
        let Ok(data) = js_sys::JSON::parse(json) else { return };
        if !origin.is_empty() {
            let _ = parent.post_message(&data, origin);
        } else if self.origins.is_empty() {
            let _ = parent.post_message(&data, "*");
        } else {
            for o in &self.origins {
                let _ = parent.post_message(&data, o);
            }
        }
    }

    fn report_height(&mut self) {
        let h = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .map(|e| e.scroll_height())
            .unwrap_or(0);
        if h != self.last_height {
            self.last_height = h;
            self.post(&crate::embed::event("height", None, &crate::embed::Height { height: h }), "");
        }
    }

    fn attach_embed(&mut self, ctx: &Context<Self>) {
        let Some(w) = web_sys::window() else { return };
        let link = ctx.link().clone();
        let origins = self.origins.clone();
        self._listeners.push(EventListener::new(&w, "message", move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else { return };
            let origin = ev.origin();
            let text = js_sys::JSON::stringify(&ev.data()).ok().and_then(|s| s.as_string()).unwrap_or_default();
            match crate::embed::parse(&text) {
                Ok(None) => {}
                Ok(Some(req)) => {
                    if !origins.is_empty() && !origins.contains(&origin) {
                        web_sys::console::warn_1(&format!("parcel-standoff: ignored a command from {} (not in origins)", origin).into());
                        return;
                    }
                    link.send_message(Msg::Host(req, origin));
                }
                Err(e) => {
                    web_sys::console::warn_1(&format!("parcel-standoff: ignored a message: {}", e).into());
                    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
                        if let Ok(data) = js_sys::JSON::parse(&crate::embed::event("error", None, &crate::embed::Error { message: e.clone() })) {
                            let target = if origins.is_empty() || origins.contains(&origin) { origin.clone() } else { return };
                            let _ = parent.post_message(&data, if target.is_empty() { "*" } else { &target });
                        }
                    }
                }
            }
        }));
        if let Some(doc) = w.document() {
            let link = ctx.link().clone();
            let d2 = doc.clone();
            self._listeners.push(EventListener::new(&doc, "visibilitychange", move |_| {
                link.send_message(Msg::Visible(!d2.hidden()));
            }));
            // pause when scrolled out of the host page's view
            let link = ctx.link().clone();
            let cb = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                if let Some(e) = entries.get(0).dyn_ref::<web_sys::IntersectionObserverEntry>() {
                    link.send_message(Msg::Visible(e.is_intersecting()));
                }
            });
            if let (Ok(obs), Some(body)) = (web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref()), doc.body()) {
                obs.observe(&body);
                self._observer = Some((obs, cb));
            }
        }
        self.post(&crate::embed::event("ready", None, &crate::embed::Ready { protocol_version: crate::embed::VERSION }), "");
        self.post_state(None, "");
    }

    /// Keep the address bar's fragment equal to the state (at most once a second while playing).
    fn write_link(&mut self) {
        let link = self.state.to_link();
        if link == self.written.0 {
            return;
        }
        let now = js_sys::Date::now();
        if self.engine.borrow().playing && now - self.written.1 < 1000.0 {
            return;
        }
        super::replace_fragment(&link);
        self.written = (link, now);
        self.copied = false;
    }

    fn seek_to(&mut self, at: &str) {
        if let Ok(t) = clock::parse(at) {
            let mut e = self.engine.borrow_mut();
            e.playing = false;
            e.seek(t);
        }
        self.sync_time();
    }

    fn sync_time(&mut self) {
        let e = self.engine.borrow();
        self.state.t = e.run.now() - e.run.start();
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_ctx: &Context<Self>) -> Self {
        if super::url_param("debug").as_deref() == Some("panic") {
            // test hook: proves that a panic shows the error panel, not a white page
            panic!("debug panic requested by the link (debug=panic)");
        }
        let lang = super::initial_lang();
        // the whole state can come in the link's fragment
        let fragment = super::location_fragment();
        let (mut state, mut notes) = if fragment.is_empty() { (AppState::default(), Vec::new()) } else { AppState::from_link(&fragment) };
        state.lang = lang.code().into();
        let (spec, more) = state.run_spec();
        notes.extend(more);
        let defaults = Rc::new(scenario::builtin(&spec.scenario.id).expect("built-in scenario loads"));
        let values = Rc::new(spec.scenario.params.values.clone());
        set_document_lang(lang);
        let mut engine = Engine::new(spec);
        engine.still = prefers_reduced_motion();
        let embed = super::url_param("embed").as_deref() == Some("1");
        let origins: Vec<String> = super::url_param("origins")
            .map(|o| o.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
            .unwrap_or_default();
        let start = engine.run.start();
        if let Some(from) = super::url_param("from").and_then(|f| clock::parse(&f).ok()) {
            if fragment_has_no_time(&fragment) {
                state.t = (from - start).clamp(0, engine.run.end() - start);
            }
        }
        let stop_at = super::url_param("to").and_then(|f| clock::parse(&f).ok());
        let t0 = start + state.t;
        engine.seek(t0);
        engine.playing = embed && super::url_param("autoplay").as_deref() == Some("1") && !engine.still;
        let log = narrate(&engine.run, lang);
        App {
            engine: Rc::new(RefCell::new(engine)),
            state,
            defaults,
            values,
            lang,
            version: 0,
            focused: None,
            announce: String::new(),
            notes,
            param_error: None,
            log,
            story: None,
            answer: None,
            revealed: false,
            presenter: super::url_param("presenter").as_deref() == Some("1"),
            help: false,
            load_error: None,
            _keys: None,
            written: (String::new(), 0.0),
            copied: false,
            embed,
            origins,
            stop_at,
            embed_dialog: false,
            last_height: 0,
            last_state_ms: 0.0,
            _listeners: Vec::new(),
            _observer: None,
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if self.embed {
            self.report_height();
        }
        if !first_render {
            return;
        }
        if self.embed {
            self.attach_embed(ctx);
        }
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let link = ctx.link().clone();
        let opts = EventListenerOptions::enable_prevent_default();
        self._keys = Some(EventListener::new_with_options(&doc, "keydown", opts, move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            let key = ev.key();
            let tag = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|e| e.tag_name().to_ascii_lowercase())
                .unwrap_or_default();
            // typing in a field, or pressing a focused control, keeps its usual meaning
            if ["input", "select", "textarea"].contains(&tag.as_str()) {
                return;
            }
            if tag == "button" && (key == " " || key == "Enter") {
                return;
            }
            if tag == "summary" && (key == " " || key == "Enter") {
                return;
            }
            let handled = matches!(key.as_str(), " " | "ArrowLeft" | "ArrowRight" | "r" | "R" | "f" | "F" | "p" | "P" | "s" | "S" | "?" | "Escape");
            if handled {
                ev.prevent_default();
                link.send_message(Msg::Key(key));
            }
        }));
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: Msg) -> bool {
        let quiet = matches!(msg, Msg::Tick | Msg::Host(..));
        match msg {
            Msg::Tick => self.sync_time(),
            Msg::TogglePlay => self.engine.borrow_mut().toggle_play(),
            Msg::Step => {
                self.engine.borrow_mut().step_hour();
                self.sync_time();
            }
            Msg::Reset => {
                self.state.events.clear();
                self.state.t = 0;
                self.engine.borrow_mut().reset();
                self.log.clear();
            }
            Msg::Speed(i) => self.engine.borrow_mut().speed = i.min(SPEEDS.len() - 1),
            Msg::Seek(h) => {
                {
                    let mut e = self.engine.borrow_mut();
                    let t = e.run.start() + h;
                    e.playing = false;
                    e.seek(t);
                }
                self.sync_time();
            }
            Msg::Toggle(l) => {
                let r = self.engine.borrow_mut().toggle_link(l);
                let e = self.engine.borrow();
                self.announce = match r {
                    Ok(up) => {
                        let at = e.run.now().min(e.run.end() - 1);
                        self.state.events.push(LinkEvent { link: l.id(), at: clock::format_short(at), up });
                        let name = if self.lang == Lang::Zh { l.describe_zh() } else { l.describe_en() };
                        let state = t(self.lang, if up { "connected" } else { "cut" });
                        format!("{}: {} ({})", name, state, clock::format_short(at).replace('T', " "))
                    }
                    Err(m) => m,
                };
            }
            Msg::Focus(l) => self.focused = l,
            Msg::SwitchLang => {
                self.lang = if self.lang == Lang::En { Lang::Zh } else { Lang::En };
                self.state.lang = self.lang.code().into();
                set_document_lang(self.lang);
            }
            Msg::Scenario(id) => {
                if scenario::builtin(&id).is_ok() {
                    self.state.scenario = id;
                    self.state.events.clear();
                    self.state.params.clear();
                    self.state.t = 0;
                    self.param_error = None;
                    self.log.clear();
                    self.rebuild();
                }
            }
            Msg::SetParam(name, raw) => {
                self.sync_time();
                let parsed: Result<f64, String> =
                    raw.trim().parse::<f64>().map_err(|_| format!("'{}' is not a number ({})", raw, name));
                let checked = parsed.and_then(|v| params::check(&name, v).map(|_| v)).and_then(|v| {
                    let mut trial = self.state.clone();
                    trial.params.insert(name.clone(), v);
                    let (spec, _) = trial.run_spec();
                    let mut p = spec.scenario.params;
                    p.set(&name, v)?;
                    p.check_sums().map(|_| v)
                });
                match checked {
                    Ok(v) => {
                        let default = params::index_of(&name).map(|i| self.defaults.params.values[i]);
                        if default == Some(v) {
                            self.state.params.remove(&name);
                        } else {
                            self.state.params.insert(name, v);
                        }
                        self.param_error = None;
                        self.rebuild();
                    }
                    Err(e) => self.param_error = Some(e),
                }
            }
            Msg::ResetParams => {
                self.sync_time();
                self.state.params.clear();
                self.param_error = None;
                self.rebuild();
            }
            Msg::DismissNotes => self.notes.clear(),
            Msg::Key(k) => {
                let msg = match k.as_str() {
                    " " => Some(Msg::TogglePlay),
                    "ArrowRight" => Some(match self.story {
                        Some(i) => Msg::StoryGo((i + 1).min(STEPS.len() - 1)),
                        None => Msg::Step,
                    }),
                    "ArrowLeft" => Some(match self.story {
                        Some(i) => Msg::StoryGo(i.saturating_sub(1)),
                        None => Msg::Seek((self.state.t - 1).max(0)),
                    }),
                    "r" | "R" => Some(Msg::Reset),
                    "p" | "P" => Some(Msg::TogglePresenter),
                    "s" | "S" => Some(if self.story.is_some() { Msg::StoryExit } else { Msg::StoryStart }),
                    "?" => Some(Msg::ToggleHelp),
                    "Escape" => {
                        self.help = false;
                        None
                    }
                    "f" | "F" => {
                        toggle_fullscreen();
                        None
                    }
                    _ => None,
                };
                if let Some(m) = msg {
                    return Component::update(self, _ctx, m);
                }
            }
            Msg::StoryStart => return Component::update(self, _ctx, Msg::StoryGo(0)),
            Msg::StoryGo(i) => {
                let i = i.min(STEPS.len() - 1);
                if self.state.scenario != "june-2017" || !self.state.events.is_empty() || !self.state.params.is_empty() {
                    self.state.scenario = "june-2017".into();
                    self.state.events.clear();
                    self.state.params.clear();
                    self.rebuild();
                }
                self.story = Some(i);
                self.answer = None;
                self.revealed = false;
                self.seek_to(STEPS[i].at);
                self.announce = format!("{}. {}", STEPS[i].title.get(self.lang), STEPS[i].text.get(self.lang));
            }
            Msg::StoryAnswer(k) => self.answer = Some(k),
            Msg::StoryReveal => {
                if let Some(q) = self.story.and_then(|i| STEPS[i].question.as_ref()) {
                    self.revealed = true;
                    self.seek_to(q.reveal_at);
                    self.announce = q.explain.get(self.lang).to_string();
                }
            }
            Msg::StoryExit => self.story = None,
            Msg::TogglePresenter => self.presenter = !self.presenter,
            Msg::ToggleHelp => self.help = !self.help,
            Msg::ExportCsv => {
                let e = self.engine.borrow();
                let text = output::csv(e.run.frames(), &e.run.baseline);
                exports::download_text(&format!("parcel-standoff-{}.csv", self.state.scenario), "text/csv", &text);
            }
            Msg::SaveSetup => {
                self.sync_time();
                exports::download_text(&format!("parcel-standoff-{}.json", self.state.scenario), "application/json", &self.state.to_file());
            }
            Msg::LoadSetup(text) => match AppState::from_file(&text) {
                Ok(st) => {
                    self.state = st;
                    self.lang = Lang::parse(&self.state.lang).unwrap_or(self.lang);
                    set_document_lang(self.lang);
                    self.load_error = None;
                    self.story = None;
                    self.rebuild();
                }
                Err(e) => self.load_error = Some(e),
            },
            Msg::LoadFailed(e) => self.load_error = Some(e),
            Msg::Host(req, origin) => {
                use crate::embed::Command;
                let id = req.id.clone();
                match req.command {
                    Command::Load(st) => {
                        self.state = st;
                        self.lang = Lang::parse(&self.state.lang).unwrap_or(self.lang);
                        set_document_lang(self.lang);
                        self.rebuild();
                    }
                    Command::Link { link: l, at, up } => {
                        if let Some(at) = at {
                            self.seek_to(&at);
                        }
                        if self.engine.borrow().run.live.links.is_up(l) != up {
                            let _ = Component::update(self, _ctx, Msg::Toggle(l));
                        }
                    }
                    Command::Seek(t) => self.seek_to(&t),
                    Command::Play => self.engine.borrow_mut().playing = true,
                    Command::Pause => self.engine.borrow_mut().playing = false,
                    Command::View(v) => self.state.view = v,
                    Command::Lang(l) => {
                        self.lang = Lang::parse(&l).unwrap_or(self.lang);
                        self.state.lang = self.lang.code().into();
                        set_document_lang(self.lang);
                    }
                    Command::Get => {}
                }
                self.sync_time();
                self.post_state(id.as_ref(), &origin);
            }
            Msg::Visible(v) => {
                if !v {
                    self.engine.borrow_mut().playing = false;
                }
            }
            Msg::ToggleEmbedDialog => self.embed_dialog = !self.embed_dialog,
            Msg::CopyLink => {
                self.sync_time();
                let url = super::page_url_with(&self.state.to_link());
                super::copy_text(&url);
                self.copied = true;
                self.announce = t(self.lang, "link_copied").into();
            }
        }
        // announce what just happened, in words, with SF's share against the baseline
        {
            let e = self.engine.borrow();
            let lines = narrate(&e.run, self.lang);
            if lines.len() > self.log.len() {
                let fresh: Vec<&str> = lines[self.log.len()..].iter().map(|l| l.text.as_str()).collect();
                let (f, b) = (e.current(), e.current_baseline());
                let share = match self.lang {
                    Lang::En => format!(" SF's share is now {:.1}%, without the cuts {:.1}%.", 100.0 * f.share[0], 100.0 * b.share[0]),
                    Lang::Zh => format!("顺丰份额现为{:.1}%，无中断时为{:.1}%。", 100.0 * f.share[0], 100.0 * b.share[0]),
                };
                self.announce = format!("{}{}", fresh.join(" "), share);
            }
            self.log = lines;
        }
        if let Some(stop) = self.stop_at {
            let mut e = self.engine.borrow_mut();
            if e.playing && e.run.now() >= stop {
                e.playing = false;
            }
        }
        if self.embed {
            let now = js_sys::Date::now();
            if !quiet || now - self.last_state_ms > 1000.0 {
                self.post_state(None, "");
            }
        }
        self.write_link();
        self.version += 1;
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        if self.embed {
            return self.view_embed(ctx);
        }
        let lang = self.lang;
        let zh = lang == Lang::Zh;
        let link = ctx.link();
        let e = self.engine.borrow();
        let run = &e.run;
        let hours = run.end() - run.start();
        let f = e.current();
        let b = e.current_baseline();
        let readout = |label: &str, v: f64, bv: f64, unit: &str, digits: usize, id: &str| {
            let d = v - bv;
            let d = if d.abs() < 0.5 * 10f64.powi(-(digits as i32)) { 0.0 } else { d };
            let v = if v.abs() < 0.5 * 10f64.powi(-(digits as i32)) { 0.0 } else { v };
            html! {
                <div class="readout-card" id={id.to_string()}>
                    <div class="label">{ label }</div>
                    <div class="value" data-value={format!("{}", v)} data-baseline={format!("{}", bv)}>{ format!("{:.*}{}", digits, v, unit) }</div>
                    <div class="delta">{ format!("{}{:.*}{} {}", if d >= 0.0 { "+" } else { "−" }, digits, d.abs(), unit, t(lang, "vs_baseline")) }</div>
                </div>
            }
        };
        let lost_total: f64 = run.frames().iter().map(|x| x.lost_orders).sum();
        let lost_base: f64 = run.baseline.iter().take(run.frames().len()).map(|x| x.lost_orders).sum();
        let link_button = |l: LinkId| {
            let up = run.live.links.is_up(l);
            let name = if zh { l.describe_zh() } else { l.describe_en() };
            let state = t(lang, if up { "connected" } else { "cut" });
            html! {
                <button type="button" role="switch" aria-checked={if up { "true" } else { "false" }}
                    class={classes!("link-toggle", (!up).then_some("is-cut"))}
                    data-link={l.id()}
                    aria-label={format!("{}: {}", name, state)}
                    onclick={link.callback(move |_| Msg::Toggle(l))}
                    onfocus={link.callback(move |_| Msg::Focus(Some(l)))}
                    onblur={link.callback(|_| Msg::Focus(None))}>
                    <span class="mark" aria-hidden="true">{ if up { "━ ━" } else { "━✕━" } }</span>
                    <span class="name">{ name }</span>
                    <span class="state">{ state }</span>
                </button>
            }
        };
        let main_links = [LinkId::Track(Courier::Sf), LinkId::LockerHivebox, LinkId::List(Platform::Taobao, Courier::Sf), LinkId::DisplayTaobao];
        let more_links: Vec<LinkId> = LinkId::all().into_iter().filter(|l| !main_links.contains(l)).collect();
        let lines = &self.log;
        let log: Html = if lines.is_empty() {
            html! { <li class="muted">{ t(lang, "no_events") }</li> }
        } else {
            lines
                .iter()
                .rev()
                .map(|l| html! {
                    <li class={classes!(l.effect.then_some("effect"))}>
                        <time>{ clock::format_short(l.at).replace('T', " ") }</time>{ " " }{ &l.text }
                    </li>
                })
                .collect()
        };
        let markers: Html = run
            .events
            .iter()
            .filter(|ev| ev.action != scenario::Action::Note || ev.caption.is_some())
            .map(|ev| {
                let pos = 100.0 * (ev.at - run.start()) as f64 / hours.max(1) as f64;
                let title = ev
                    .caption
                    .as_ref()
                    .map(|c| if zh { c.zh.clone() } else { c.en.clone() })
                    .unwrap_or_else(|| if zh { ev.action.describe_zh() } else { ev.action.describe_en() });
                let cut = matches!(ev.action, scenario::Action::Cut(_));
                html! {
                    <span class={classes!("marker", cut.then_some("cut"))} style={format!("left: {:.3}%", pos)}
                        title={format!("{} — {}", clock::format_short(ev.at).replace('T', " "), title)}></span>
                }
            })
            .collect();
        let scenario_desc = if zh { &self.defaults.description.zh } else { &self.defaults.description.en };
        html! {
            <div class={classes!("app", self.presenter.then_some("presenter"))} lang={lang.html_lang()}>
                <header class="top">
                    <div>
                        <h1>{ t(lang, "title") }</h1>
                        <p class="subtitle">{ t(lang, "subtitle") }</p>
                    </div>
                    <nav class="tools" aria-label={t(lang, "shortcuts")}>
                        <button type="button" id="story-start" aria-pressed={if self.story.is_some() { "true" } else { "false" }}
                            onclick={link.callback(|_| Msg::Key("s".into()))}>{ t(lang, "start_story") }</button>
                        <button type="button" id="presenter" aria-pressed={if self.presenter { "true" } else { "false" }}
                            onclick={link.callback(|_| Msg::TogglePresenter)}>{ t(lang, "presenter") }</button>
                        <button type="button" id="copy-link" onclick={link.callback(|_| Msg::CopyLink)}>
                            { if self.copied { t(lang, "link_copied") } else { t(lang, "copy_link") } }
                        </button>
                        <button type="button" id="embed-button" onclick={link.callback(|_| Msg::ToggleEmbedDialog)}>{ t(lang, "embed") }</button>
                        <button type="button" id="help-button" aria-label={t(lang, "help")}
                            onclick={link.callback(|_| Msg::ToggleHelp)}>{ "?" }</button>
                        <button type="button" class="lang" aria-label={format!("{} — {}", t(lang, "language"), t(lang, "language_label"))}
                            onclick={link.callback(|_| Msg::SwitchLang)}>{ t(lang, "language") }</button>
                    </nav>
                </header>
                if !self.notes.is_empty() {
                    <div class="notice" role="status" id="notes">
                        <strong>{ t(lang, "ignored") }</strong>
                        <ul>{ for self.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                        <button type="button" onclick={link.callback(|_| Msg::DismissNotes)}>{ t(lang, "dismiss") }</button>
                    </div>
                }
                if let Some(step) = self.story {
                    <StoryPanel lang={lang} step={step} answer={self.answer} revealed={self.revealed}
                        on_go={link.callback(Msg::StoryGo)}
                        on_answer={link.callback(Msg::StoryAnswer)}
                        on_reveal={link.callback(|_| Msg::StoryReveal)}
                        on_exit={link.callback(|_| Msg::StoryExit)} />
                } else {
                    <p class="hint">{ t(lang, "hint") }</p>
                    <section class="scenario">
                        <label for="scenario">{ t(lang, "scenario") }</label>
                        <select id="scenario" onchange={link.callback(|ev: Event| {
                            Msg::Scenario(ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
                        })}>
                            { for scenario::builtin_ids().into_iter().map(|id| {
                                let s = scenario::builtin(id).expect("built-in");
                                html! { <option value={id} selected={id == self.state.scenario}>{ if zh { s.title.zh } else { s.title.en } }</option> }
                            }) }
                        </select>
                        <p class="scenario-desc" id="scenario-desc">{ scenario_desc }</p>
                    </section>
                }
                <section class="controls" aria-label={t(lang, "timeline")}>
                    { self.play_button(ctx) }
                    <button type="button" id="step" onclick={link.callback(|_| Msg::Step)}>{ t(lang, "step") }</button>
                    <button type="button" id="reset" onclick={link.callback(|_| Msg::Reset)}>{ t(lang, "reset") }</button>
                    <label class="speed">{ t(lang, "speed") }
                        <select id="speed" onchange={link.callback(|ev: Event| {
                            let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                            Msg::Speed(v.parse().unwrap_or(3))
                        })}>
                            { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                                <option value={i.to_string()} selected={i == e.speed}>{ speed_label(*s, lang) }</option>
                            }) }
                        </select>
                    </label>
                    { self.clock_timeline(ctx, markers) }
                </section>
                <div class="layout">
                    <section class="network-panel" aria-label={t(lang, "network")}>
                        <NetworkView engine={self.engine.clone()} lang={lang}
                            on_tick={link.callback(|_| Msg::Tick)}
                            on_toggle={link.callback(Msg::Toggle)}
                            focused={self.focused} big={self.presenter} />
                        <ul class="legend">
                            <li><span class="sw solid"></span>{ t(lang, "legend_parcels") }</li>
                            <li><span class="sw dashed"></span>{ t(lang, "legend_data") }</li>
                            <li><span class="sw hollow"></span>{ t(lang, "legend_untracked") }</li>
                        </ul>
                        <div class="links" role="group" aria-label={t(lang, "links")}>
                            <h2>{ t(lang, "links") }</h2>
                            { for main_links.iter().map(|l| link_button(*l)) }
                            <details>
                                <summary>{ t(lang, "more_links") }</summary>
                                { for more_links.iter().map(|l| link_button(*l)) }
                            </details>
                        </div>
                    </section>
                    <section class="side">
                        <div class="readouts">
                            { readout(t(lang, "sf_share"), 100.0 * f.share[0], 100.0 * b.share[0], "%", 2, "readout-sf-share") }
                            { readout(t(lang, "transit"), f.transit_mean_h, b.transit_mean_h, " h", 1, "readout-transit") }
                            { readout(t(lang, "untracked"), f.untracked / 1e6, b.untracked / 1e6, " M", 2, "readout-untracked") }
                            { readout(t(lang, "lost"), lost_total / 1e3, lost_base / 1e3, " k", 0, "readout-lost") }
                        </div>
                        <section class="log" aria-label={t(lang, "events")}>
                            <h2>{ t(lang, "events") }</h2>
                            <ol id="event-log">{ log }</ol>
                        </section>
                    </section>
                </div>
                <section class="charts">
                    { for ChartKind::ALL.iter().map(|k| html! {
                        <Chart engine={self.engine.clone()} kind={*k} lang={lang} version={self.version} />
                    }) }
                </section>
                <section class="exports" aria-label={t(lang, "exports")}>
                    <h2>{ t(lang, "exports") }</h2>
                    <button type="button" id="export-csv" onclick={link.callback(|_| Msg::ExportCsv)}>{ t(lang, "export_csv") }</button>
                    <button type="button" id="export-network" onclick={Callback::from(|_| exports::download_canvas("#network", "parcel-standoff-network.png"))}>{ t(lang, "export_network") }</button>
                    <button type="button" id="save-setup" onclick={link.callback(|_| Msg::SaveSetup)}>{ t(lang, "save_setup") }</button>
                    <label class="button file" for="load-setup">{ t(lang, "load_setup") }</label>
                    <input type="file" id="load-setup" class="sr-only-file" accept=".json,application/json"
                        onchange={{
                            let link = link.clone();
                            Callback::from(move |ev: Event| {
                                let input = ev.target_unchecked_into::<web_sys::HtmlInputElement>();
                                if let Some(f) = input.files().and_then(|l| l.get(0)) {
                                    let link = link.clone();
                                    wasm_bindgen_futures::spawn_local(async move {
                                        let text = gloo_file::futures::read_as_text(&gloo_file::File::from(f)).await;
                                        link.send_message(match text {
                                            Ok(t) => Msg::LoadSetup(t),
                                            Err(e) => Msg::LoadFailed(e.to_string()),
                                        });
                                    });
                                }
                                input.set_value("");
                            })
                        }} />
                    if let Some(e) = &self.load_error {
                        <p class="param-error" role="alert" id="load-error">{ format!("{}: {}", t(lang, "load_failed"), e) }</p>
                    }
                </section>
                <ParamsPanel lang={lang} defaults={self.defaults.clone()} values={self.values.clone()}
                    on_set={link.callback(|(n, v)| Msg::SetParam(n, v))}
                    on_reset={link.callback(|_| Msg::ResetParams)}
                    error={self.param_error.clone()} />
                <div class="sr-only" aria-live="polite" id="announce">{ &self.announce }</div>
                if self.embed_dialog {
                    { self.view_embed_dialog(ctx) }
                }
                if self.help {
                    <HelpOverlay lang={lang} on_close={link.callback(|_| Msg::ToggleHelp)} />
                }
            </div>
        }
    }
}

fn speed_label(hours_per_s: f64, lang: Lang) -> String {
    match lang {
        Lang::En if hours_per_s >= 24.0 => format!("{} days/s", hours_per_s / 24.0),
        Lang::En => format!("{} h/s", hours_per_s),
        Lang::Zh if hours_per_s >= 24.0 => format!("{}天/秒", hours_per_s / 24.0),
        Lang::Zh => format!("{}小时/秒", hours_per_s),
    }
}

fn fragment_has_no_time(fragment: &str) -> bool {
    !fragment.split('&').any(|p| p.starts_with("t="))
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

fn toggle_fullscreen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(el) = doc.document_element() {
        let _ = el.request_fullscreen();
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.html_lang());
    }
}
