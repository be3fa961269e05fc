//! The app: owns the session, starts the glue (animation loop, keyboard, embedding page),
//! sends every action to `Session::reduce`, carries out the effects it returns, and composes
//! the components from the session's state.

use super::animation::{self, Loop};
use super::chart::Chart;
use super::embed_host::EmbedHost;
use super::estimator::Estimator;
use super::help_overlay::HelpOverlay;
use super::network::{self, NetworkView};
use super::panels_host::PanelsHost;
use super::params_panel::ParamsPanel;
use super::story_panel::StoryPanel;
use super::uncertainty_panel;
use super::{downloads, keyboard, page, SessionRef};
use super::{embed_chrome, event_log, exports, links_panel, notes, playback_controls, readouts, scenario_picker, toolbar};
use crate::present::i18n::{t, Key};
use crate::ui::session::{Action, Ask, Effect, PageStart, Session};
use crate::ui::views::{ChartKind, View};
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

thread_local! {
    /// The session `prepare` made before the app is first drawn.
    static PREPARED: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// Make the page's session for the app drawn next, its run built ~40 ms of model steps a task
/// (`PageStart`): `view::start` awaits it, then draws the app in a task of its own. Made at once
/// inside the app's creation, as before, this was one task of ~250 ms on this machine (the run
/// ~130 ms, the first drawing ~120 ms) and over 300 ms with the other core busy.
pub async fn prepare(texts_failed: bool) {
    let options = page::options();
    let (state, notes) = page::initial_state(&options);
    page::set_document_lang(state.lang);
    let mut start = PageStart::new(state, notes, &options);
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    loop {
        let t0 = now();
        let mut done = false;
        while !done && now() - t0 < 40.0 {
            done = start.work(8);
        }
        if done {
            break;
        }
        super::next_task().await;
    }
    let mut s = dressed(start.finish(page::prefers_reduced_motion()));
    if texts_failed {
        // (its effect is drawing it, which comes next)
        let _ = s.reduce(Action::TextsFailed);
    }
    PREPARED.with(|p| *p.borrow_mut() = Some(s));
}

/// The session at once (an app mounted without `prepare`: the component tests).
fn new_session(options: &crate::ui::address::PageOptions) -> Session {
    let (state, notes) = page::initial_state(options);
    page::set_document_lang(state.lang);
    dressed(PageStart::new(state, notes, options).finish(page::prefers_reduced_motion()))
}

/// Drawn in its theme from the first frame (the effects are those of drawing it).
fn dressed(mut session: Session) -> Session {
    let _ = session.reduce(Action::ReaderPrefersDark(page::reader_prefers_dark(None).0));
    page::set_document_theme(session.dark());
    session
}

pub enum Msg {
    /// A person's (or the host's) action.
    Do(Action),
    /// Effects of the animation loop's ticks.
    Effects(Vec<Effect>),
}

pub struct App {
    session: SessionRef,
    /// The latest text for screen readers.
    announce: String,
    origins: Vec<String>,
    _loop: Option<Loop>,
    _keys: Option<EventListener>,
    /// Back, Forward and new fragments.
    _history: Vec<EventListener>,
    /// The reader's system switching between light and dark (`theme=auto` follows it).
    _scheme: Option<EventListener>,
    host: Option<EmbedHost>,
    /// The network canvas (the animation loop draws on it).
    canvas: NodeRef,
    /// Where estimates are computed (workers, started when first needed).
    estimator: Option<Estimator>,
    /// The experiments panel's place after the app, filled by a second module when needed.
    panels: Option<PanelsHost>,
    /// The callbacks the views send through, made once: a component whose props are unchanged
    /// is not drawn again (a new callback each render made every field lose what was being typed
    /// into it whenever the page rendered, e.g. ten times a second during playback).
    on: Callback<Action>,
    /// The WebAssembly memory's bytes once the page's first state was set up (see
    /// `session::reload_for_memory`).
    fresh_memory: f64,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let options = page::options();
        if options.debug_panic {
            // test hook: proves that a panic shows the error panel, not a white page
            panic!("debug panic requested by the link (debug=panic)");
        }
        let session = PREPARED.with(|p| p.borrow_mut().take()).unwrap_or_else(|| new_session(&options));
        App {
            session: SessionRef(Rc::new(RefCell::new(session))),
            announce: String::new(),
            origins: options.origins,
            _loop: None,
            _keys: None,
            _history: Vec::new(),
            _scheme: None,
            host: None,
            canvas: NodeRef::default(),
            estimator: None,
            panels: None,
            on: ctx.link().callback(Msg::Do),
            fresh_memory: page::memory_bytes(),
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if let Some(host) = &self.host {
            host.report_height();
        }
        if let Some(panels) = &self.panels {
            panels.sync(&self.session.0.borrow());
        }
        if !first_render {
            return;
        }
        let on = ctx.link().callback(Msg::Do);
        if self.session.0.borrow().is_embed() {
            let host = EmbedHost::attach(self.origins.clone(), on.clone());
            host.post_state(&self.session.0.borrow(), None, "");
            self.host = Some(host);
        } else {
            self.panels = PanelsHost::new(on.clone());
            if let Some(panels) = &self.panels {
                panels.sync(&self.session.0.borrow());
            }
        }
        self._history = page::on_navigate(on.reform(Action::Navigate));
        self._scheme = page::reader_prefers_dark(Some(on.reform(Action::ReaderPrefersDark))).1;
        self._keys = keyboard::listen(on);
        let fx = self.session.0.borrow_mut().begin();
        self.perform(ctx, fx);
        let link = ctx.link().clone();
        self._loop = Some(animation::start(self.session.0.clone(), self.canvas.clone(), move |fx| link.send_message(Msg::Effects(fx))));
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let fx = match msg {
            Msg::Do(action) => {
                let play = action == Action::TogglePlay;
                let navigate = matches!(action, Action::Navigate(_));
                let fx = self.session.0.borrow_mut().reduce(action);
                // a link followed after a heavy run: start afresh from the address (the memory
                // the heavy run took is kept by the module, never given back)
                if navigate
                    && crate::ui::session::reload_for_memory(
                        self.fresh_memory,
                        page::memory_bytes(),
                        self.session.0.borrow().player().is_heavy(),
                    )
                {
                    page::reload();
                    return false;
                }
                // on a phone, Play brings the network and its chart on screen (with the
                // transport bar fixed at the bottom, cause and effect are seen together)
                if play && self.session.0.borrow().player().is_playing() {
                    page::show_network_on_phone();
                }
                fx
            }
            Msg::Effects(fx) => fx,
        };
        self.perform(ctx, fx)
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        let s = self.session.0.borrow();
        let on = self.on.clone();
        let lang = s.lang();
        let p = s.player();
        let run = p.run();
        // the chart that answers "what did my cut do?" sits beside the network in the explorer;
        // the others follow below
        let focus = (s.view() == View::Explorer && !s.is_embed()).then(|| View::focus_chart(s.last_cut()));
        let est = s.estimates();
        let bands = super::BandsRef(est.bands.clone());
        // `mark`: the current hour's values written on it (the story's answer at Reveal)
        let dark = s.dark();
        let chart_marked = |k: ChartKind, mark: bool| html! { <Chart session={self.session.clone()} kind={k} lang={lang} revision={s.chart_revision()} bands={bands.clone()} levels={est.levels} big={s.presenter()} mark={mark} dark={dark} on={on.clone()} /> };
        let chart = |k: ChartKind| chart_marked(k, false);
        let charts = html! {
            <section class="charts">
                { for s.view().charts().into_iter().filter(|k| Some(*k) != focus).map(chart) }
            </section>
        };
        let announce = html! { <div class="sr-only" aria-live="polite" id="announce">{ &self.announce }</div> };
        let building = playback_controls::building(lang, s.building());
        let controls = |events| playback_controls::of(lang, p, events, &on);
        if s.is_embed() {
            return html! {
                <main class={classes!("app", "embed")} lang={lang.html_lang()} aria-describedby="embed-summary">
                    // its text alternative: what the state shows, in the model's own numbers
                    <p id="embed-summary" class="sr-only">{ crate::present::narration::summary(run, lang) }</p>
                    { embed_chrome::view(&embed_chrome::Props { lang, full_url: embed_chrome::full_url(&s) }) }
                    { controls(None) }
                    { building.clone() }
                    if s.view().shows_network() {
                        <NetworkView session={self.session.clone()} canvas={self.canvas.clone()} lang={lang} focused={s.focused()} dark={dark} on={on.clone()} />
                    }
                    { charts }
                    { announce }
                </main>
            };
        }
        let header = html! {
                <header class="top">
                    <div>
                        <h1>{ t(lang, Key::TITLE) }</h1>
                        <p class="subtitle">{ t(lang, Key::SUBTITLE) }</p>
                    </div>
                    { toolbar::view(&toolbar::Props { lang, story_on: s.story().is_some(), presenter: s.presenter(), copied: s.copied(), on: on.clone() }) }
                </header>
        };
        // what the page tells the reader above everything else: notes, and Undo when it is offered
        let notices = html! { <>
                { notes::view(&notes::Props { lang, notes: s.notes(), on: on.clone() }) }
                if s.can_undo() {
                    <p class="undo-offer" id="undo-offer">
                        { t(lang, Key::UNDO_OFFER) }{ " " }
                        <button type="button" id="undo" onclick={super::send(&on, Action::Undo)}>{ t(lang, Key::UNDO) }</button>
                    </p>
                }
        </> };
        let overlays = html! { <>
                if s.help_open() {
                    <HelpOverlay lang={lang} on={on.clone()} />
                }
        </> };
        // the story: one slide a step, filling the screen — the network, the one chart that
        // answers the step, and the step's words with Back and Next always in view
        if let Some(pos) = s.story() {
            let step = &crate::ui::story::STEPS[pos.step.min(crate::ui::story::STEPS.len() - 1)];
            let evidence = pos.revealed.then(|| crate::ui::story::evidence(lang, p, pos.step, s.estimates().bands.as_deref()));
            let big = s.presenter();
            return html! {
                <div class={classes!("app", "story-mode", big.then_some("presenter"))} lang={lang.html_lang()}>
                    { header }
                    <main id="main">
                        { notices.clone() }
                        { controls(Some((&run.spec.scenario, &run.events))) }
                        <div class="slide">
                            <StoryPanel lang={lang} pos={pos} evidence={evidence} on={on.clone()} />
                            <section class="network-panel" aria-label={t(lang, Key::NETWORK)}>
                                { building }
                                <NetworkView session={self.session.clone()} canvas={self.canvas.clone()} lang={lang} focused={s.focused()} big={big} fit={true} dark={dark} on={on.clone()} />
                                { network::legend(lang) }
                            </section>
                            <div class="slide-chart">
                                { chart_marked(step.chart, pos.revealed) }
                            </div>
                        </div>
                    </main>
                    { announce }
                    { overlays }
                </div>
            };
        }
        html! {
            <div class={classes!("app", s.presenter().then_some("presenter"))} lang={lang.html_lang()}>
                { header }
                <main id="main">
                { notices }
                { scenario_picker::view(&scenario_picker::Props { lang, current: s.scenario_id(), on: on.clone() }) }
                { controls(Some((&run.spec.scenario, &run.events))) }
                <div class="layout">
                    <section class="network-panel" aria-label={t(lang, Key::NETWORK)}>
                        { building }
                        <NetworkView session={self.session.clone()} canvas={self.canvas.clone()} lang={lang} focused={s.focused()} big={s.presenter()} dark={dark} on={on.clone()} />
                        { network::legend(lang) }
                    </section>
                    // (its own area: on a phone the chart comes between the network and the links)
                    <div class="links-area">
                        { links_panel::view(&links_panel::Props { lang, links: &run.live.links, on: on.clone() }) }
                    </div>
                    <section class="side">
                        if let Some(k) = focus {
                            <div class="focus-chart">{ chart(k) }</div>
                        }
                        { readouts::view(&readouts::Props { lang, values: s.readouts(), bands: est.for_cards(), hours: run.frames().len() }) }
                        { event_log::view(&event_log::Props { lang, lines: &s.log() }) }
                    </section>
                </div>
                { charts }
                // "How sure is this?": drawn by the panels' module (`panels_host`), once the bands are asked for
                <div id="unc-place" class="unc-place"></div>
                { exports::view(&exports::Props { lang, load_error: s.load_error(), on: on.clone() }) }
                <ParamsPanel lang={lang} defaults={s.defaults()} values={s.values()} error={s.param_error().map(|n| n.text(lang))} error_field={s.param_error_field().cloned()} on={on.clone()} />
                </main>
                { announce }
                { overlays }
            </div>
        }
    }
}

impl App {
    /// Carry out the session's effects; true if the page must render again.
    fn perform(&mut self, ctx: &Context<Self>, fx: Vec<Effect>) -> bool {
        let mut render = false;
        let mut summary = None;
        for e in fx {
            match e {
                Effect::Announce(text) => {
                    self.announce = text;
                    render = true;
                }
                Effect::Download { filename, mime, text } => downloads::download_text(&filename, mime, &text),
                Effect::ReadFile(text) => match &self.panels {
                    Some(panels) => panels.read_file(text),
                    None => self.on.emit(Action::FileRead(Err(t(self.session.0.borrow().lang(), Key::PART_LOAD_FAILED).into()))),
                },
                Effect::DownloadCanvas { selector, filename, caption, key } => {
                    downloads::download_canvas(&selector, &filename, &caption, &key)
                }
                Effect::CopyLink(fragment) => page::copy_text(&page::url_with(&fragment), self.on.reform(|_| Action::CopyFailed)),
                Effect::WriteAddress(fragment) => page::replace_fragment(&fragment),
                Effect::PushAddress(fragment) => page::push_fragment(&fragment),
                Effect::SetDocumentLang(l) => {
                    page::set_document_lang(l);
                    // another language's texts are fetched when it is first chosen
                    if !crate::present::i18n::is_ready(l) {
                        let link = ctx.link().clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            let said = if page::fetch_texts(l).await.is_ok() { Action::TextsArrived } else { Action::TextsFailed };
                            link.send_message(Msg::Do(said));
                        });
                    }
                }
                Effect::SetTheme(dark) => page::set_document_theme(dark),
                Effect::ToggleFullscreen => page::toggle_fullscreen(),
                Effect::PostState { id, origin } => {
                    if let Some(host) = &self.host {
                        // the replies to a burst tell one state: made once
                        let summary = summary.get_or_insert_with(|| EmbedHost::summary(&self.session.0.borrow()));
                        host.post_summary(summary.as_ref(), id.as_ref(), &origin);
                    }
                }
                Effect::PostError { id, origin, message } => {
                    if let Some(host) = &self.host {
                        host.post_error(id.as_ref(), &origin, message);
                    }
                }
                Effect::Compute(req) => {
                    let link = ctx.link();
                    // the workers start on the first request
                    self.estimator
                        .get_or_insert_with(|| {
                            let on_reply = link.callback(|text| Msg::Do(Action::Estimate(Ask::Reply(text))));
                            Estimator::new(on_reply, link.callback(|_| Msg::Do(Action::Estimate(Ask::NoWorker))))
                        })
                        .send(&req);
                }
                Effect::FocusParam(name) => uncertainty_panel::open_param(&name),
                Effect::Focus(id) => {
                    // after the render this action causes
                    page::focus_soon(id, 30);
                    render = true;
                }
                Effect::Render => render = true,
            }
        }
        render
    }
}
