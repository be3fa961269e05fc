//! The app: owns the session, starts the glue (animation loop, keyboard, embedding page),
//! sends every action to `Session::reduce`, carries out the effects it returns, and composes
//! the components from the session's state.

use super::animation::{self, Loop};
use super::chart::Chart;
use super::embed_host::EmbedHost;
use super::estimator::Estimator;
use super::experiment_panel::ExperimentPanel;
use super::help_overlay::HelpOverlay;
use super::network::{self, NetworkView};
use super::params_panel::ParamsPanel;
use super::story_panel::StoryPanel;
use super::uncertainty_panel::{self, Ask};
use super::{downloads, keyboard, page, SessionRef};
use super::{embed_chrome, embed_dialog, event_log, exports, links_panel, notes, playback_controls, readouts, scenario_picker, toolbar};
use crate::present::i18n::{t, Key};
use crate::ui::session::{Action, Effect, Session};
use crate::ui::uncertainty::{self, Estimates, Reply};
use crate::ui::views::{ChartKind, View};
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

pub enum Msg {
    /// A person's (or the host's) action.
    Do(Action),
    /// Effects of the animation loop's ticks.
    Effects(Vec<Effect>),
    /// "How sure is this?": the panel's requests, the worker's replies, no worker.
    Ask(Ask),
    Reply(String),
    InPage,
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
    host: Option<EmbedHost>,
    /// The network canvas (the animation loop draws on it).
    canvas: NodeRef,
    /// Uncertainty bands and ranking: what is wanted and what came back (pure), and where it
    /// is computed (a worker, started when first needed).
    estimates: Estimates,
    estimator: Option<Estimator>,
    /// The callbacks the views send through, made once: a component whose props are unchanged
    /// is not drawn again (a new callback each render made every field lose what was being typed
    /// into it whenever the page rendered, e.g. ten times a second during playback).
    on: Callback<Action>,
    on_ask: Callback<Ask>,
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
        let (state, notes) = page::initial_state(&options);
        page::set_document_lang(state.lang);
        let session = Session::for_page(state, notes, &options, page::prefers_reduced_motion());
        App {
            session: SessionRef(Rc::new(RefCell::new(session))),
            announce: String::new(),
            origins: options.origins,
            _loop: None,
            _keys: None,
            _history: Vec::new(),
            host: None,
            canvas: NodeRef::default(),
            // embeds (several may share an article) compute no bands
            estimates: Estimates::new(!options.embed),
            estimator: None,
            on: ctx.link().callback(Msg::Do),
            on_ask: ctx.link().callback(Msg::Ask),
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if let Some(host) = &self.host {
            host.report_height();
        }
        if !first_render {
            return;
        }
        let on = ctx.link().callback(Msg::Do);
        if self.session.0.borrow().is_embed() {
            let host = EmbedHost::attach(self.origins.clone(), on.clone());
            host.post_state(&self.session.0.borrow(), None, "");
            self.host = Some(host);
        }
        self._history = page::on_navigate(on.reform(Action::Navigate));
        self._keys = keyboard::listen(on);
        self.estimate(ctx);
        let link = ctx.link().clone();
        self._loop = Some(animation::start(self.session.0.clone(), self.canvas.clone(), move |fx| link.send_message(Msg::Effects(fx))));
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let fx = match msg {
            Msg::Do(action) => self.session.0.borrow_mut().reduce(action),
            Msg::Effects(fx) => fx,
            Msg::Reply(text) => return Reply::from_text(&text).map(|r| self.estimates.reply(r)).unwrap_or(false),
            Msg::InPage => {
                self.estimates.in_page = true;
                return true;
            }
            Msg::Ask(ask) => {
                let req = match ask {
                    Ask::Toggle => self.estimates.toggle(),
                    Ask::Rank => {
                        let effect = self.estimates.effect.clone();
                        self.estimates.rank(&effect)
                    }
                    Ask::Effect(id) => {
                        self.estimates.effect = id;
                        None
                    }
                    Ask::OpenParam(name) => {
                        uncertainty_panel::open_param(&name);
                        None
                    }
                };
                self.send(ctx, req);
                return true;
            }
        };
        let render = self.perform(fx);
        self.estimate(ctx);
        render
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
        let bands = super::BandsRef(self.estimates.bands.clone());
        let chart = |k: ChartKind| html! { <Chart session={self.session.clone()} kind={k} lang={lang} revision={s.revision()} bands={bands.clone()} on={on.clone()} /> };
        let charts = html! {
            <section class="charts">
                { for s.view().charts().into_iter().filter(|k| Some(*k) != focus).map(chart) }
            </section>
        };
        let announce = html! { <div class="sr-only" aria-live="polite" id="announce">{ &self.announce }</div> };
        // a heavy run being built across frames: the previous state stays on screen meanwhile
        let building = s.building().map(|p| {
            let pct = format!("{:.0}", 100.0 * p);
            html! {
                <div class="building" id="building">
                    <progress max="100" value={pct.clone()} aria-hidden="true"></progress>
                    { " " }{ crate::present::i18n::fill(t(lang, Key::BUILDING), &[("pct", &pct)]) }
                </div>
            }
        });
        let controls = |events| {
            playback_controls::view(&playback_controls::Props {
                lang,
                playing: p.is_playing(),
                speed: p.speed(),
                start: run.start(),
                hours: p.hours(),
                hour: p.hour(),
                events,
                on: on.clone(),
            })
        };
        if s.is_embed() {
            return html! {
                <main class={classes!("app", "embed")} lang={lang.html_lang()}>
                    { embed_chrome::view(&embed_chrome::Props { lang, full_url: embed_chrome::full_url(&s) }) }
                    { controls(None) }
                    { for building.clone() }
                    if s.view().shows_network() {
                        <NetworkView session={self.session.clone()} canvas={self.canvas.clone()} lang={lang} focused={s.focused()} on={on.clone()} />
                    }
                    { charts }
                    { announce }
                </main>
            };
        }
        html! {
            <div class={classes!("app", s.presenter().then_some("presenter"))} lang={lang.html_lang()}>
                <header class="top">
                    <div>
                        <h1>{ t(lang, Key::TITLE) }</h1>
                        <p class="subtitle">{ t(lang, Key::SUBTITLE) }</p>
                    </div>
                    { toolbar::view(&toolbar::Props { lang, story_on: s.story().is_some(), presenter: s.presenter(), copied: s.copied(), on: on.clone() }) }
                </header>
                <main id="main">
                { notes::view(&notes::Props { lang, notes: s.notes(), on: on.clone() }) }
                if s.can_undo() {
                    <p class="undo-offer" id="undo-offer">
                        { t(lang, Key::UNDO_OFFER) }{ " " }
                        <button type="button" id="undo" onclick={super::send(&on, Action::Undo)}>{ t(lang, Key::UNDO) }</button>
                    </p>
                }
                if s.story().is_none() {
                    { scenario_picker::view(&scenario_picker::Props { lang, current: s.scenario_id(), on: on.clone() }) }
                }
                { controls(Some((&run.spec.scenario, &run.events))) }
                // the story sits beside the network on wide screens (the evidence stays in view),
                // above it on narrow ones
                <div class={classes!("layout", s.story().is_some().then_some("with-story"))}>
                    if let Some(pos) = s.story() {
                        <StoryPanel lang={lang} pos={pos} on={on.clone()} />
                    }
                    <section class="network-panel" aria-label={t(lang, Key::NETWORK)}>
                        { for building }
                        <NetworkView session={self.session.clone()} canvas={self.canvas.clone()} lang={lang} focused={s.focused()} big={s.presenter()} on={on.clone()} />
                        { network::legend(lang) }
                        { links_panel::view(&links_panel::Props { lang, links: &run.live.links, on: on.clone() }) }
                    </section>
                    <section class="side">
                        if let Some(k) = focus {
                            <div class="focus-chart">{ chart(k) }</div>
                        }
                        { readouts::view(&readouts::Props { lang, values: s.readouts(), bands: self.estimates.bands.clone(), hours: run.frames().len() }) }
                        { event_log::view(&event_log::Props { lang, lines: &s.log() }) }
                    </section>
                </div>
                { charts }
                { uncertainty_panel::view(&uncertainty_panel::Props { lang, est: &self.estimates, on: self.on_ask.clone() }) }
                <ExperimentPanel lang={lang} exp={s.experiment().cloned()} spec={Rc::new(run.spec.clone())} defaults={s.defaults()}
                    results={self.estimates.results.clone()} progress={self.estimates.exp_progress} error={self.estimates.exp_error.clone()} on={on.clone()} />
                { exports::view(&exports::Props { lang, load_error: s.load_error(), on: on.clone() }) }
                <ParamsPanel lang={lang} defaults={s.defaults()} values={s.values()} error={s.param_error().cloned()} error_field={s.param_error_field().cloned()} on={on.clone()} />
                </main>
                { announce }
                if s.embed_dialog_open() {
                    {{ let (link, title) = embed_dialog::parts(&s); html! { <embed_dialog::EmbedDialog lang={lang} link={link} title={title} on={on.clone()} /> } }}
                }
                if s.help_open() {
                    <HelpOverlay lang={lang} on={on} />
                }
            </div>
        }
    }
}

impl App {
    /// Ask for bands when the set-up shown has changed.
    fn estimate(&mut self, ctx: &Context<Self>) {
        // not while a heavy run is being built: its frames need the cores
        if self.session.0.borrow().building().is_some() {
            return;
        }
        let (link, exp) = {
            let s = self.session.0.borrow();
            (uncertainty::setup_link(&s.snapshot()), s.experiment().cloned())
        };
        // an experiment runs whether bands are on or not (the reader asked for it); not in embeds
        if !self.session.0.borrow().is_embed() {
            let req = self.estimates.experiment(&link, exp.as_ref());
            self.send(ctx, req);
        }
        if self.estimates.on {
            let req = self.estimates.set_up(&link);
            self.send(ctx, req);
        }
    }

    fn send(&mut self, ctx: &Context<Self>, req: Option<uncertainty::Request>) {
        let Some(req) = req else { return };
        let est =
            self.estimator.get_or_insert_with(|| Estimator::new(ctx.link().callback(Msg::Reply), ctx.link().callback(|_| Msg::InPage)));
        est.send(&req);
    }

    /// Carry out the session's effects; true if the page must render again.
    fn perform(&mut self, fx: Vec<Effect>) -> bool {
        let mut render = false;
        for e in fx {
            match e {
                Effect::Announce(text) => {
                    self.announce = text;
                    render = true;
                }
                Effect::Download { filename, mime, text } => downloads::download_text(&filename, mime, &text),
                Effect::DownloadCanvas { selector, filename, caption, key } => {
                    downloads::download_canvas(&selector, &filename, &caption, &key)
                }
                Effect::CopyLink(fragment) => page::copy_text(&page::url_with(&fragment), self.on.reform(|_| Action::CopyFailed)),
                Effect::WriteAddress(fragment) => page::replace_fragment(&fragment),
                Effect::PushAddress(fragment) => page::push_fragment(&fragment),
                Effect::SetDocumentLang(l) => page::set_document_lang(l),
                Effect::ToggleFullscreen => page::toggle_fullscreen(),
                Effect::PostState { id, origin } => {
                    if let Some(host) = &self.host {
                        host.post_state(&self.session.0.borrow(), id.as_ref(), &origin);
                    }
                }
                Effect::PostError { id, origin, message } => {
                    if let Some(host) = &self.host {
                        host.post_error(id.as_ref(), &origin, message);
                    }
                }
                Effect::Render => render = true,
            }
        }
        render
    }
}
