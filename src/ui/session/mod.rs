//! The session: the one store of the interface. Everything a person, the embedding page, the
//! workers or the clock can do is an `Action`; `Session::reduce` applies it and returns the
//! `Effect`s the page must carry out (announce, download, write the address, answer the host,
//! ask the workers…). Pure: no browser, tested natively.
//!
//! It is made of parts, each with its own state and, where it can act alone, its own `apply`:
//! - `Setup` (here): the reader's set-up — the only copy of scenario, seed, parameters, cuts and
//!   experiment — with the values in force and the refusal of the last parameter typed;
//! - the `Player` (`ui::playback`): the run and the time;
//! - `Estimates` (`estimates`): bands, ranking and experiment results, and the requests for them;
//! - `Interface` (`interface`): language, view, dialogs, focus, notes;
//! - `Sync` (`sync`): what the address bar and the host have been told;
//! - the story's position.

pub mod action;
pub mod estimates;
pub mod exports;
pub mod interface;
pub mod readouts;
pub mod sync;

pub use action::{Action, Ask, Effect};
pub use readouts::Readouts;
pub use sync::{reload_for_memory, RENDER_EVERY_MS, WRITE_EVERY_MS};

/// The page's bands wait this long after the first frame for a reader who touches nothing
/// (`Session::bands_wait`): past the first seconds, in which a reader who only looks downloads the
/// page alone (the workers' module is a third of the bytes), and soon enough that the bands are
/// there when a reader who only reads reaches the cards. Frames stop in a hidden tab: a tab
/// opened in the background computes nothing until it is looked at.
pub const BANDS_IDLE_MS: f64 = 10_000.0;

use crate::model::clock::{self, Hour};
use crate::model::ids::LinkId;
use crate::model::params;
use crate::model::run::{Builder, Run, RunSpec};
use crate::model::scenario::{self, Scenario};
use crate::present::i18n::{fill, link_name, named, t, Key, Lang};
use crate::present::narration::{narrate, Line};
use crate::present::note::Note;
use crate::present::palette::Theme;
use crate::ui::address::PageOptions;
use crate::ui::embed::{Command, Id, Request as HostRequest};
use crate::ui::experiment::Experiment;
use crate::ui::playback::Player;
use crate::ui::state::{AppState, LinkEvent, MAX_LINK_EVENTS};
use crate::ui::story::{self, STEPS};
use crate::ui::uncertainty::Reply;
use crate::ui::views::View;
use estimates::Estimates;
use interface::Interface;
use std::collections::BTreeMap;
use std::rc::Rc;
use sync::Sync;

/// The story's position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StoryPos {
    pub step: usize,
    pub answer: Option<usize>,
    pub revealed: bool,
}

/// The reader's set-up: what defines the run (the time lives in the player).
#[derive(Clone, Debug, PartialEq)]
struct Setup {
    scenario: String,
    seed: Option<u64>,
    params: BTreeMap<String, f64>,
    events: Vec<LinkEvent>,
    /// A sweep or A/B comparison on top of the set-up (computed where the bands are).
    exp: Option<Experiment>,
}

impl Setup {
    fn of(st: &AppState) -> Setup {
        Setup { scenario: st.scenario.clone(), seed: st.seed, params: st.params.clone(), events: st.events.clone(), exp: st.exp.clone() }
    }

    /// A scenario as written: no parameters changed, no cuts (the seed and experiment stay).
    fn fresh(&self, scenario: &str) -> Setup {
        Setup { scenario: scenario.into(), params: BTreeMap::new(), events: Vec::new(), ..self.clone() }
    }
}

/// A host's commands that wait to be carried out (see `Session::host`): at most a load and a
/// seek after it, or a cut or restore "now".
#[derive(Default)]
struct Waiting {
    /// A whole state, with the first and last hour of the run it asks for.
    load: Option<(AppState, (Hour, Hour))>,
    seek: Option<Hour>,
    /// A link to cut (`false`) or restore now.
    link: Option<(LinkId, bool)>,
}

pub struct Session {
    setup: Setup,
    /// Rises whenever the set-up changes: the estimates are asked again when it has.
    setup_rev: u64,
    estimated_rev: u64,
    /// The page's bands wait for the reader's first action, or for `BANDS_IDLE_MS` of frames
    /// since the first one (`Some(first frame's clock)` once it came): a reader who only looks
    /// downloads no worker. An experiment in the link does not wait (the link asked for it).
    bands_wait: Option<Option<f64>>,
    /// The scenario as loaded (its values are the parameters' defaults, with sources).
    defaults: Rc<Scenario>,
    /// The parameter values in force.
    values: Rc<Vec<f64>>,
    /// The refused value of the last parameter typed: (the parameter, why).
    param_error: Option<(String, Note)>,
    player: Player,
    /// Playback stops here (`to=`).
    stop_at: Option<Hour>,
    estimates: Estimates,
    ui: Interface,
    sync: Sync,
    story: Option<StoryPos>,
    log: Rc<Vec<Line>>,
    /// The set-up (and hour) the last reset or story start replaced, for `Undo`.
    put_aside: Option<(Setup, Hour)>,
    /// Changes whenever what the charts show changes (the run, its hour, the bands, the
    /// language): charts redraw on it, not on every action.
    chart_rev: u64,
    chart_key: (Hour, u64, Lang, usize, bool, bool),
}

impl Session {
    /// A session for a state read from the address (`notes`: what was ignored), the page's
    /// options, and whether the person prefers reduced motion.
    pub fn new(state: AppState, notes: Vec<Note>, page: &PageOptions, reduced_motion: bool) -> Session {
        Session::create(state, notes, page, reduced_motion, false)
    }

    /// The page's session: a heavy run (many merchants, many hours) is built across frames
    /// (`work`), so that no input freezes the page; embeds compute no bands (several may share
    /// an article).
    pub fn for_page(state: AppState, notes: Vec<Note>, page: &PageOptions, reduced_motion: bool) -> Session {
        Session::create(state, notes, page, reduced_motion, true)
    }

    fn create(mut state: AppState, mut notes: Vec<Note>, page: &PageOptions, reduced_motion: bool, sliced: bool) -> Session {
        let spec = page_spec(&mut state, &mut notes, page);
        let player = if sliced {
            Player::sliced(spec, state.t)
        } else {
            let mut p = Player::new(spec);
            p.seek_hour(state.t);
            p
        };
        Session::with_player(state, notes, page, reduced_motion, sliced, player)
    }

    fn with_player(
        state: AppState,
        notes: Vec<Note>,
        page: &PageOptions,
        reduced_motion: bool,
        sliced: bool,
        mut player: Player,
    ) -> Session {
        let spec = player.spec();
        let defaults = Rc::new(scenario::builtin(&spec.scenario.id).unwrap_or_else(|_| spec.scenario.clone()));
        let values = Rc::new(spec.scenario.params.values.clone());
        player.set_still(reduced_motion);
        if page.embed && page.autoplay && !reduced_motion {
            player.play();
        }
        let log = Rc::new(narrate(player.run(), state.lang));
        let ui =
            Interface { lang: state.lang, view: state.view, theme: state.theme, presenter: page.presenter, notes, ..Interface::default() };
        Session {
            setup: Setup::of(&state),
            setup_rev: 1,
            estimated_rev: 0,
            bands_wait: (sliced && !page.embed).then_some(None),
            defaults,
            values,
            param_error: None,
            player,
            stop_at: page.to,
            estimates: Estimates::new(!page.embed),
            ui,
            sync: Sync::new(page.persistent_pairs(), page.embed),
            story: None,
            log,
            put_aside: None,
            chart_rev: 0,
            chart_key: (Hour::MIN, 0, state.lang, 0, false, false),
        }
    }

    /// What the page must do once it is up: ask for the estimates of the set-up it opened with.
    pub fn begin(&mut self) -> Vec<Effect> {
        let mut fx = Vec::new();
        self.ask_estimates(&mut fx);
        fx
    }

    // ---- what the view reads ----

    /// The share done of a run being built across frames, if one is.
    pub fn building(&self) -> Option<f64> {
        self.player.building()
    }

    /// Build the pending run a little further (at most `steps` model steps); once it is built
    /// it shows as if the action that asked for it had just finished.
    pub fn work(&mut self, steps: usize) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.player.building().is_none() {
            return fx;
        }
        if self.player.work(steps) {
            // ready: an embedding page hears of it at once, and the charts draw the new run
            self.settle(false, &mut fx);
            self.chart_rev += 1;
        } else if self.sync.render_due() {
            // only the progress line changes: render (a few times a second); the charts of the
            // run on screen are not drawn again
            fx.push(Effect::Render);
        }
        fx
    }

    pub fn lang(&self) -> Lang {
        self.ui.lang
    }
    pub fn view(&self) -> View {
        self.ui.view
    }
    /// The theme asked for (light, dark, or `auto`).
    pub fn theme(&self) -> Theme {
        self.ui.theme
    }
    /// Whether the page draws dark (the theme, or for `auto` the reader's system).
    pub fn dark(&self) -> bool {
        self.ui.dark()
    }
    pub fn player(&self) -> &Player {
        &self.player
    }
    /// The run shown (for the frame benchmark and the canvas: drawing only).
    pub fn run(&self) -> &Run {
        self.player.run()
    }
    pub fn scenario_id(&self) -> &str {
        &self.setup.scenario
    }
    pub fn defaults(&self) -> Rc<Scenario> {
        self.defaults.clone()
    }
    /// Changes whenever the set-up (scenario, seed, parameters, cuts, experiment) changes.
    pub fn setup_revision(&self) -> u64 {
        self.setup_rev
    }
    pub fn values(&self) -> Rc<Vec<f64>> {
        self.values.clone()
    }
    pub fn notes(&self) -> &[Note] {
        &self.ui.notes
    }
    /// The sweep or A/B comparison set up, if any.
    pub fn experiment(&self) -> Option<&Experiment> {
        self.setup.exp.as_ref()
    }
    /// The parameter whose value was refused.
    pub fn param_error_field(&self) -> Option<&String> {
        self.param_error.as_ref().map(|e| &e.0)
    }
    pub fn param_error(&self) -> Option<&Note> {
        self.param_error.as_ref().map(|e| &e.1)
    }
    pub fn load_error(&self) -> Option<&String> {
        self.ui.load_error.as_ref()
    }
    pub fn log(&self) -> Rc<Vec<Line>> {
        self.log.clone()
    }
    /// A reset or the story put a prepared set-up aside: U brings it back.
    pub fn can_undo(&self) -> bool {
        self.put_aside.is_some()
    }
    pub fn story(&self) -> Option<StoryPos> {
        self.story
    }
    pub fn focused(&self) -> Option<LinkId> {
        self.ui.focused
    }
    pub fn presenter(&self) -> bool {
        self.ui.presenter
    }
    pub fn help_open(&self) -> bool {
        self.ui.help
    }
    pub fn embed_dialog_open(&self) -> bool {
        self.ui.embed_dialog
    }
    pub fn copied(&self) -> bool {
        self.ui.copied
    }
    pub fn is_embed(&self) -> bool {
        self.sync.embed
    }
    /// "How sure is this?": bands, ranking, experiment results and their progress.
    pub fn estimates(&self) -> &Estimates {
        &self.estimates
    }
    /// Changes when what the charts show changes (the run, its hour, the bands, the language).
    pub fn chart_revision(&self) -> u64 {
        self.chart_rev
    }

    /// The whole state as one value, the time read from the player.
    pub fn snapshot(&self) -> AppState {
        let s = &self.setup;
        AppState {
            scenario: s.scenario.clone(),
            seed: s.seed,
            params: s.params.clone(),
            events: s.events.clone(),
            t: self.player.hour(),
            view: self.ui.view,
            lang: self.ui.lang,
            theme: self.ui.theme,
            exp: s.exp.clone(),
        }
    }

    /// The link the reader cut last (the focus chart follows it).
    pub fn last_cut(&self) -> Option<LinkId> {
        self.setup.events.iter().rev().find(|e| !e.up).map(|e| e.link)
    }

    /// The address the page shows: the state's link, then the page's own options.
    pub fn address(&self) -> String {
        self.sync.address(self.snapshot().to_link(), self.ui.presenter)
    }

    /// The headline numbers now and in the baseline.
    pub fn readouts(&self) -> Readouts {
        readouts::readouts(&self.player)
    }

    // ---- the reducer ----

    /// Apply an action; return what the page must do.
    pub fn reduce(&mut self, action: Action) -> Vec<Effect> {
        if !self.wakes(&action) {
            return self.act(action);
        }
        // the bands waited: asked for now (after whatever the action itself asks)
        self.bands_wait = None;
        self.estimated_rev = 0;
        let mut fx = self.act(action);
        let before = fx.len();
        self.ask_estimates(&mut fx);
        if fx.len() > before {
            fx.push(Effect::Render);
        }
        fx
    }

    /// Whether the page's bands still wait for the reader's first action or the first seconds
    /// (`bands_wait`): what is fetched for them waits too.
    pub fn bands_waiting(&self) -> bool {
        self.bands_wait.is_some()
    }

    /// Whether `action` ends the wait for the bands (`bands_wait`): any action of the reader's,
    /// or a frame `BANDS_IDLE_MS` after the first.
    fn wakes(&mut self, action: &Action) -> bool {
        let Some(first) = &mut self.bands_wait else { return false };
        match action {
            Action::Tick { now_ms, .. } => *now_ms - *first.get_or_insert(*now_ms) >= BANDS_IDLE_MS,
            // not the reader's doing: texts fetched, the page shown or hidden, a host's command, the
            // system's colour scheme (told once as the page starts, and when it changes)
            Action::TextsArrived | Action::TextsFailed | Action::Visible(_) | Action::Hosts(_) | Action::ReaderPrefersDark(_) => false,
            Action::Estimate(Ask::Reply(_) | Ask::NoWorker) => false,
            _ => true,
        }
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        match action {
            Action::Tick { dt, now_ms } => {
                self.sync.clock_ms = now_ms;
                let was_playing = self.player.is_playing();
                let moved = self.player.tick(dt);
                let stopped = was_playing && !self.player.is_playing();
                if (moved || was_playing) && (self.sync.render_due() || stopped) {
                    self.sync.last_render_ms = now_ms;
                    // the tick that ends playback always tells an embedding page (playing: false)
                    self.settle(!stopped, &mut fx);
                }
                return fx;
            }
            Action::Estimate(ask) => {
                if self.estimate(ask, &mut fx) {
                    self.bump_charts();
                    fx.push(Effect::Render);
                }
                return fx;
            }
            Action::ReaderPrefersDark(dark) => {
                // nothing but the colours change (the link says `auto` either way)
                let was = self.ui.dark();
                self.ui.prefers_dark = dark;
                if self.ui.dark() != was {
                    self.bump_charts();
                    fx.extend([Effect::SetTheme(self.ui.dark()), Effect::Render]);
                }
                return fx;
            }
            Action::TextsArrived => {
                // everything is drawn again in the language now at hand (the charts too)
                self.chart_rev += 1;
                fx.extend([Effect::SetDocumentLang(self.ui.lang), Effect::Render]);
                return fx;
            }
            Action::TextsFailed => {
                let name = self.ui.lang.name();
                self.ui.note(Note::new(Key::NOTE_TEXTS_FAILED, &[("language", name)]));
                fx.push(Effect::Render);
                return fx;
            }
            _ => {}
        }
        if self.ui.apply(&action, &mut fx) {
            // only the interface changed: no run to narrate, no set-up to estimate
            self.settle_interface(&mut fx);
            return fx;
        }
        let quiet = matches!(action, Action::Hosts(_));
        // a new change to the set-up: what was put aside would now overwrite it, so U is gone
        if matches!(
            action,
            Action::ToggleLink(_)
                | Action::SetLink { .. }
                | Action::SetParam(..)
                | Action::ResetParams
                | Action::ChooseScenario(_)
                | Action::Load(_)
                | Action::FileRead(Ok(_))
                | Action::Navigate(_)
                | Action::Hosts(_)
        ) {
            self.put_aside = None;
        }
        self.apply(action, &mut fx);
        self.settle(quiet, &mut fx);
        fx
    }

    fn apply(&mut self, action: Action, fx: &mut Vec<Effect>) {
        if self.ui.apply(&action, fx) {
            return;
        }
        let lang = self.ui.lang;
        match action {
            Action::Tick { .. } | Action::Estimate(_) => {}
            Action::TogglePlay => self.player.toggle_play(),
            Action::Play => self.player.play(),
            Action::Pause => self.player.pause(),
            Action::Step => self.player.step_hour(),
            Action::Next => match self.story {
                Some(s) => self.story_go(s.step + 1, fx),
                None => self.player.step_hour(),
            },
            Action::Previous => match self.story {
                Some(s) => self.story_go(s.step.saturating_sub(1), fx),
                None => self.player.seek_hour((self.player.hour() - 1).max(0)),
            },
            Action::SeekHour(h) => self.player.seek_hour(h),
            Action::SeekTo(t) => self.player.seek(t),
            Action::SetSpeed(i) => self.player.set_speed(i),
            Action::Visible(false) => self.player.pause(),
            Action::Reset => {
                let loses = !self.setup.events.is_empty();
                self.put_aside(loses, fx);
                self.setup.events.clear();
                self.setup_changed();
                self.player.reset();
                self.log = Rc::new(Vec::new());
            }
            Action::Undo => {
                if let Some((setup, hour)) = self.put_aside.take() {
                    self.story = None;
                    self.setup = setup;
                    self.rebuild(hour);
                    fx.push(Effect::Announce(t(lang, Key::UNDONE).into()));
                }
            }
            Action::ToggleLink(l) => self.toggle_link(l, fx),
            Action::SetLink { link, up, at } => {
                if let Some(at) = at {
                    self.player.seek(at);
                }
                if self.player.run().live.links.is_up(link) != up {
                    self.toggle_link(link, fx);
                }
            }
            Action::ChooseScenario(id) if scenario::builtin(&id).is_ok() => {
                self.setup = self.setup.fresh(&id);
                self.param_error = None;
                self.log = Rc::new(Vec::new());
                self.rebuild(0);
            }
            Action::SetParam(name, raw) => self.set_param(name, raw),
            Action::ResetParams => {
                self.setup.params.clear();
                self.param_error = None;
                self.rebuild(self.player.hour());
            }
            Action::Load(st) => self.load(st, fx),
            Action::LoadFile(Ok(text)) => match crate::ui::state::file_too_long(text.len()) {
                Some(e) => self.ui.load_error = Some(e),
                None => fx.push(Effect::ReadFile(text)),
            },
            Action::FileRead(Ok(link)) => {
                let (st, _) = AppState::read_link(&link);
                self.ui.load_error = None;
                self.story = None;
                self.load(st, fx);
            }
            Action::LoadFile(Err(e)) | Action::FileRead(Err(e)) => self.ui.load_error = Some(e),
            Action::SetExperiment(e) => {
                self.setup.exp = e;
                self.setup_changed();
            }
            Action::Navigate(text) => {
                let text = text.trim_start_matches(['#', '?']).to_string();
                if text.is_empty() || text == self.sync.written.0 {
                    return;
                }
                let (st, notes) = AppState::read_link(&text);
                self.load(st, fx);
                self.ui.notes.extend(notes);
                // the address already says this: no new history entry for it
                self.sync.already_written(self.address(), self.history_step());
            }
            Action::ToggleStory => match self.story {
                Some(_) => self.story = None,
                None => {
                    let s = &self.setup;
                    // the scenario counts when the reader chose it (not the one the app opens with)
                    let chosen = s.scenario != "june-2017" && s.scenario != AppState::default().scenario;
                    let loses = !s.events.is_empty() || !s.params.is_empty() || chosen;
                    self.put_aside(loses, fx);
                    self.story_go(0, fx);
                }
            },
            Action::StoryGo(i) => self.story_go(i, fx),
            Action::StoryAnswer(k) => {
                // the prediction is made before the answer is shown
                if let Some(s) = self.story.as_mut().filter(|s| !s.revealed) {
                    s.answer = Some(k);
                }
            }
            Action::StoryReveal => {
                if let Some(s) = &mut self.story {
                    if let Some(q) = &STEPS[s.step].question {
                        s.revealed = true;
                        if let Ok(t) = clock::parse(q.reveal_at) {
                            self.player.seek(t);
                        }
                        // the focus moves to the verdict and the explanation, which a screen
                        // reader reads there: not announced a second time
                        fx.push(Effect::Focus(story::REVEAL_ID));
                    }
                }
            }
            Action::StoryExit => self.story = None,
            Action::ExportCsv => fx.push(exports::csv(&self.player, &self.setup.scenario)),
            Action::ExportCsvAll => fx.push(exports::csv_all(&self.player, &self.setup.scenario, lang)),
            Action::ExportNetworkPng => fx.push(exports::png(&self.player, &self.setup.scenario, lang, None)),
            Action::ExportChartPng(k) => fx.push(exports::png(&self.player, &self.setup.scenario, lang, Some(k))),
            Action::SaveSetup => fx.push(Effect::Download {
                filename: format!("parcel-standoff-{}.json", self.setup.scenario),
                mime: "application/json",
                text: self.snapshot().to_file(),
            }),
            Action::CopyLink => {
                // the address bar shows what was copied (a page just opened has not written it
                // yet: written later, it would count as a change and withdraw "Link copied")
                let address = self.address();
                if address != self.sync.written.0 {
                    self.sync.already_written(address.clone(), self.history_step());
                    fx.push(Effect::WriteAddress(address));
                }
                fx.push(Effect::CopyLink(self.snapshot().to_link()));
                self.ui.copied = true;
                fx.push(Effect::Announce(t(lang, Key::LINK_COPIED).into()));
            }
            Action::Hosts(list) => self.host(list, fx),
            // the interface's own actions were applied above
            _ => {}
        }
    }

    /// Host commands, in the order they came (one, or a burst gathered by the page). Each is
    /// answered in that order, with its id: an `error` if refused (nothing changed), else a
    /// `state` reporting the state after the commands (a run being built answers when built).
    /// A load, a seek or a cut or restore "now" is carried out only when a later command needs
    /// it or at the end: one that the next replaces is not (a seek by a seek, a load by a load,
    /// a cut of a link by a restore of it — in the same hour they cancel), so 2,000 seeks cost
    /// one.
    fn host(&mut self, list: Vec<(HostRequest, String)>, fx: &mut Vec<Effect>) {
        let mut w = Waiting::default();
        // each command's answer, in order: its id, its origin, and why it was refused
        let mut answers: Vec<(Option<Id>, String, Option<String>)> = Vec::with_capacity(list.len());
        for (request, origin) in list {
            let refused = match request.command {
                Command::Seek(t) => {
                    if w.link.is_some() {
                        self.carry_out(&mut w, fx);
                    }
                    let refused = self.refusal(&Command::Seek(t), w.load.as_ref().map(|l| l.1));
                    if refused.is_none() {
                        w.seek = Some(t);
                    }
                    refused
                }
                Command::Load(st) => {
                    let (spec, _) = st.build_spec();
                    w = Waiting { load: Some((st, (spec.scenario.start, spec.end()))), ..Waiting::default() };
                    None
                }
                Command::Get => None,
                Command::Link { link, at: None, up } => {
                    if w.load.is_some() || w.seek.is_some() || w.link.is_some_and(|(l, _)| l != link) {
                        self.carry_out(&mut w, fx);
                    }
                    let refused = self.refusal(&request.command, None);
                    if refused.is_none() {
                        w.link = Some((link, up));
                    }
                    refused
                }
                command => {
                    self.carry_out(&mut w, fx);
                    let refused = self.refusal(&command, None);
                    if refused.is_none() {
                        let inner = match command {
                            Command::Link { link, at, up } => Some(Action::SetLink { link, up, at }),
                            Command::Play => Some(Action::Play),
                            Command::Pause => Some(Action::Pause),
                            Command::View(v) => Some(Action::SetView(v)),
                            Command::Lang(l) => Some(Action::SetLang(l)),
                            Command::Theme(theme) => Some(Action::SetTheme(theme)),
                            // (handled above)
                            Command::Load(_) | Command::Seek(_) | Command::Get => None,
                        };
                        if let Some(a) = inner {
                            self.apply(a, fx);
                        }
                    }
                    refused
                }
            };
            answers.push((request.id, origin, refused));
        }
        self.carry_out(&mut w, fx);
        // the replies tell the state after the commands: a run being built answers when built
        let building = self.player.building().is_some();
        for (id, origin, refused) in answers {
            match refused {
                Some(message) => fx.push(Effect::PostError { id, origin, message }),
                None => self.sync.reply(id, origin, building, fx),
            }
        }
    }

    /// Carry out the host's commands that waited (see `host`).
    fn carry_out(&mut self, w: &mut Waiting, fx: &mut Vec<Effect>) {
        if let Some((st, _)) = w.load.take() {
            self.load(st, fx);
        }
        if let Some(t) = w.seek.take() {
            self.player.seek(t);
        }
        if let Some((link, up)) = w.link.take() {
            self.apply(Action::SetLink { link, up, at: None }, fx);
        }
    }

    /// Why a host command cannot be obeyed now (it then changes nothing): a `seek` outside the
    /// run (not clamped), a cut or restore while a run is being built (the run it would change
    /// is not there yet).
    /// `span`: the first and last hour of the run a load that waits will build (see `host`).
    fn refusal(&self, command: &Command, span: Option<(Hour, Hour)>) -> Option<String> {
        // the run the command is about: the one being built, if one is
        let spec = self.player.spec();
        let (start, end) = span.unwrap_or((spec.scenario.start, spec.end()));
        match command {
            Command::Seek(t) if *t < start || *t > end => Some(format!(
                "seek: {} is outside the run ({} to {}); nothing changed",
                clock::format_short(*t),
                clock::format_short(start),
                clock::format_short(end)
            )),
            Command::Link { up, .. } => self.player.building().map(|p| {
                format!(
                    "{}: the run is still being computed ({} %); nothing changed; send it again after the next state event",
                    if *up { "restore" } else { "cut" },
                    crate::model::decimal::Fixed(100.0 * p, 0)
                )
            }),
            _ => None,
        }
    }

    /// "How sure is this?": the reader's asks and the workers' replies. True if anything shown
    /// changed.
    fn estimate(&mut self, ask: Ask, fx: &mut Vec<Effect>) -> bool {
        let req = match ask {
            Ask::ToggleBands => {
                let req = self.estimates.toggle();
                if req.is_some() {
                    self.say_computing(fx);
                }
                req
            }
            Ask::ToggleLevels => {
                self.estimates.levels = !self.estimates.levels;
                self.bump_charts();
                None
            }
            Ask::Rank => {
                let effect = self.estimates.effect.clone();
                self.estimates.rank(&effect)
            }
            Ask::Effect(id) => {
                self.estimates.effect = id;
                None
            }
            Ask::Reply(text) => {
                let had = self.estimates.bands.is_some();
                let reply = Reply::from_text(&text);
                // while time moves the page renders ~10 times a second anyway: progress waits for
                // that render instead of drawing the whole page once more for each run done
                let quiet = matches!(reply, Ok(Reply::Progress { .. })) && self.player.is_playing();
                let changed = reply.map(|r| self.estimates.reply(r)).unwrap_or(false) && !quiet;
                if !had && self.estimates.bands.is_some() {
                    // and once that they are ready
                    fx.push(Effect::Announce(t(self.ui.lang, Key::UNC_READY).into()));
                }
                return changed;
            }
            Ask::NoWorker => {
                self.estimates.in_page = true;
                None
            }
        };
        fx.extend(req.map(Effect::Compute));
        true
    }

    /// Ask the workers again when the set-up has changed (a counter tells, not a comparison of
    /// links); not while a heavy run is being built (its frames need the cores); the bands not
    /// while they wait for the reader (`bands_wait`).
    fn ask_estimates(&mut self, fx: &mut Vec<Effect>) {
        if self.estimated_rev == self.setup_rev || self.player.building().is_some() {
            return;
        }
        self.estimated_rev = self.setup_rev;
        let link = self.snapshot().setup_link();
        // an experiment runs whether bands are on or not (the reader asked for it); not in embeds
        if !self.sync.embed {
            fx.extend(self.estimates.experiment(&link, self.setup.exp.as_ref()).map(Effect::Compute));
        }
        if self.estimates.on && self.bands_wait.is_none() {
            if let Some(req) = self.estimates.set_up(&link) {
                fx.push(Effect::Compute(req));
                self.say_computing(fx);
            }
        }
    }

    /// Screen readers hear once that the bands are being computed (the progress line is
    /// visual only), after whatever else this action said.
    fn say_computing(&self, fx: &mut Vec<Effect>) {
        let words = t(self.ui.lang, Key::UNC_COMPUTING);
        match fx.iter_mut().rev().find_map(|e| if let Effect::Announce(a) = e { Some(a) } else { None }) {
            Some(a) => {
                a.push(' ');
                a.push_str(words);
            }
            None => fx.push(Effect::Announce(words.into())),
        }
    }

    /// The charts redraw when the run, its hour, the bands or the language changed.
    fn bump_charts(&mut self) {
        let run = self.player.run();
        let bands = self.estimates.bands.as_ref().map_or(0, |b| Rc::as_ptr(b) as usize);
        let key = (run.now(), self.setup_rev, self.ui.lang, bands, self.estimates.levels, self.ui.dark());
        if key != self.chart_key {
            self.chart_key = key;
            self.chart_rev += 1;
        }
    }

    /// After an action of the interface alone: the address (view, language, presenter) and the
    /// host hear of it; nothing to narrate or estimate.
    fn settle_interface(&mut self, fx: &mut Vec<Effect>) {
        if fx.iter().any(|e| matches!(e, Effect::SetDocumentLang(_))) {
            // the log is in words: say it again in the new language
            self.log = Rc::new(narrate(self.player.run(), self.ui.lang));
        }
        // (the charts redraw in a new language or theme)
        self.bump_charts();
        self.sync.post_state(false, self.player.building().is_some(), fx);
        self.write_address(fx);
        fx.push(Effect::Render);
    }

    /// After every other action: the log and what it announces, the stop time, the host, the
    /// address, the estimates, the charts.
    fn settle(&mut self, quiet: bool, fx: &mut Vec<Effect>) {
        let lang = self.ui.lang;
        let lines = narrate(self.player.run(), lang);
        if lines.len() > self.log.len() {
            let fresh: Vec<&str> = lines[self.log.len()..].iter().map(|l| l.text.as_str()).collect();
            let (f, b) = (self.player.current(), self.player.current_baseline());
            let share = fill(
                named(lang, "announce.share"),
                &[
                    ("share", &crate::model::decimal::fixed(100.0 * f.share[0], 1)),
                    ("base", &crate::model::decimal::fixed(100.0 * b.share[0], 1)),
                ],
            );
            fx.push(Effect::Announce(format!("{}{}", fresh.join(" "), share)));
        }
        if lines != *self.log {
            self.log = Rc::new(lines);
        }
        if let Some(stop) = self.stop_at {
            if self.player.is_playing() && self.player.run().now() >= stop {
                self.player.pause();
            }
        }
        self.sync.post_state(quiet, self.player.building().is_some(), fx);
        self.write_address(fx);
        self.ask_estimates(fx);
        self.bump_charts();
        fx.push(Effect::Render);
    }

    /// The address bar follows what is shown (at most once a second while playing); nothing is
    /// built while it may not be written (ten times a second during playback).
    fn write_address(&mut self, fx: &mut Vec<Effect>) {
        if !self.sync.may_write(self.player.is_playing()) {
            return;
        }
        let address = self.address();
        if address != self.sync.written.0 {
            let step = self.history_step();
            self.sync.write(address, step, fx);
            self.ui.copied = false;
        }
    }

    /// Keep the set-up a reset or the story is about to replace, if that loses something the
    /// reader prepared (`loses`: cuts, parameters, another scenario), and offer it back.
    fn put_aside(&mut self, loses: bool, fx: &mut Vec<Effect>) {
        if !loses {
            return;
        }
        self.put_aside = Some((self.setup.clone(), self.player.hour()));
        fx.push(Effect::Announce(t(self.ui.lang, Key::UNDO_OFFER).into()));
    }

    /// What a history entry stands for: the set-up (without time, view or language), the
    /// experiment and the story step.
    fn history_step(&self) -> String {
        let exp = self.setup.exp.as_ref().map(|e| e.to_text()).unwrap_or_default();
        let step = self.story.map(|s| s.step.to_string()).unwrap_or_default();
        format!("{}|{step}|{exp}", self.snapshot().setup_link())
    }

    fn setup_changed(&mut self) {
        self.setup_rev += 1;
    }

    fn toggle_link(&mut self, l: LinkId, fx: &mut Vec<Effect>) {
        let lang = self.ui.lang;
        // a link reads at most MAX_LINK_EVENTS events: the app makes no more than it can read back
        let at = self.player.run().event_hour();
        let cancels = self.setup.events.iter().rev().find(|e| e.link == l).is_some_and(|e| e.at == at);
        if self.setup.events.len() >= MAX_LINK_EVENTS && !cancels {
            let count = MAX_LINK_EVENTS.to_string();
            fx.push(Effect::Announce(fill(t(lang, Key::TOO_MANY_EVENTS), &[("count", &count)])));
            return;
        }
        let text = match self.player.toggle_link(l) {
            Ok(up) => {
                // the reader's cuts as the run now holds them (one rule for a cut and a restore
                // in the same hour: `RunSpec::add_link_event`)
                self.setup.events = self.player.spec().link_events().into_iter().map(|(link, at, up)| LinkEvent { link, at, up }).collect();
                self.setup_changed();
                let state = t(lang, if up { Key::CONNECTED } else { Key::CUT });
                let name = fill(t(lang, Key::LINK_STATE), &[("link", &link_name(lang, l)), ("state", state)]);
                format!("{} ({})", name, clock::format_short(at).replace('T', " "))
            }
            Err(m) => m,
        };
        fx.push(Effect::Announce(text));
    }

    fn set_param(&mut self, name: String, raw: String) {
        let checked = crate::ui::state::param_value(&name, &raw).and_then(|v| {
            let mut trial = self.snapshot();
            trial.params.insert(name.clone(), v);
            let (spec, _) = trial.build_spec();
            let mut p = spec.scenario.params;
            let rule = |e: String| Note::new(Key::NOTE_PARAM_RULE, &[("rule", &e)]);
            p.set(&name, v).map_err(rule)?;
            p.check_sums().map(|_| v).map_err(rule)
        });
        match checked {
            Ok(v) => {
                let default = params::index_of(&name).map(|i| self.defaults.params.values[i]);
                if default == Some(v) {
                    self.setup.params.remove(&name);
                } else {
                    self.setup.params.insert(name, v);
                }
                self.param_error = None;
                self.rebuild(self.player.hour());
            }
            Err(e) => self.param_error = Some((name, e)),
        }
    }

    /// Take a whole state (host `load`, a set-up file, a link).
    fn load(&mut self, st: AppState, fx: &mut Vec<Effect>) {
        self.setup = Setup::of(&st);
        self.ui.view = st.view;
        self.ui.set_lang(st.lang, fx);
        // a state that names no theme (a host's `load` of a fragment, Back to an entry written
        // before the theme was chosen) leaves the colours as they are: an embed made dark stays dark
        if st.theme != Theme::Auto && st.theme != self.ui.theme {
            self.ui.set_theme(st.theme, fx);
        }
        self.rebuild(st.t);
    }

    fn story_go(&mut self, i: usize, fx: &mut Vec<Effect>) {
        let i = i.min(STEPS.len() - 1);
        let s = &self.setup;
        if s.scenario != "june-2017" || !s.events.is_empty() || !s.params.is_empty() {
            self.setup = s.fresh("june-2017");
            self.rebuild(self.player.hour());
        }
        self.story = Some(StoryPos { step: i, answer: None, revealed: false });
        if let Ok(t) = clock::parse(STEPS[i].at) {
            self.player.seek(t);
        }
        // announced once: the step's words, then the focus on its first choice (which reads only
        // the choice), or on its text (which reads the text: the title alone is announced)
        let lang = self.ui.lang;
        match &STEPS[i].question {
            Some(_) => {
                fx.push(Effect::Announce(format!("{}. {} {}", story::title(lang, i), story::text(lang, i), story::prompt(lang, i))));
                fx.push(Effect::Focus(story::FIRST_CHOICE_ID));
            }
            None => {
                fx.push(Effect::Announce(story::title(lang, i).to_string()));
                fx.push(Effect::Focus(story::TEXT_ID));
            }
        }
    }

    /// Rebuild the run from the set-up (after a change of scenario or parameters) at hour `t`.
    fn rebuild(&mut self, t: Hour) {
        self.setup_changed();
        let (spec, notes) = self.snapshot().build_spec();
        self.ui.notes = notes;
        self.defaults = Rc::new(scenario::builtin(&spec.scenario.id).unwrap_or_else(|_| spec.scenario.clone()));
        self.values = Rc::new(spec.scenario.params.values.clone());
        self.player.replace(spec, t);
    }
}

/// The state's spec, its time read from the page's `from` when the link gives none.
fn page_spec(state: &mut AppState, notes: &mut Vec<Note>, page: &PageOptions) -> RunSpec {
    let (spec, more) = state.build_spec();
    notes.extend(more);
    if let (Some(from), false) = (page.from, page.has_time) {
        state.t = (from - spec.scenario.start).clamp(0, spec.end() - spec.scenario.start);
    }
    spec
}

/// `Session::for_page` in steps, so that the page's first task is not the whole run: `work`
/// builds the run a few model steps at a time (the page gives each task some), `finish` makes
/// the session, the same as `for_page` would have. A heavy run is not built here: as with
/// `for_page`, the page builds it across frames while a light stand-in shows.
pub struct PageStart {
    state: AppState,
    notes: Vec<Note>,
    page: PageOptions,
    build: Result<Builder, Player>,
}

impl PageStart {
    pub fn new(mut state: AppState, mut notes: Vec<Note>, page: &PageOptions) -> PageStart {
        let spec = page_spec(&mut state, &mut notes, page);
        let build = if crate::ui::playback::is_heavy(&spec, state.t) {
            Err(Player::sliced(spec, state.t))
        } else {
            let target = spec.scenario.start + state.t;
            Ok(Builder::new(spec, true, target))
        };
        PageStart { state, notes, page: page.clone(), build }
    }

    /// At most `steps` model steps more; true once the run is built.
    pub fn work(&mut self, steps: usize) -> bool {
        match &mut self.build {
            Ok(b) => b.work(steps),
            Err(_) => true,
        }
    }

    pub fn finish(self, reduced_motion: bool) -> Session {
        let player = match self.build {
            Ok(mut b) => {
                b.work(usize::MAX);
                Player::sliced_with(b.finish().expect("a builder given unlimited steps finishes"))
            }
            Err(p) => p,
        };
        Session::with_player(self.state, self.notes, &self.page, reduced_motion, true, player)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Courier;
    use crate::ui::embed::Id;
    use crate::ui::views::ChartKind;

    fn session(link: &str) -> Session {
        let (st, notes) = AppState::read_link(link);
        Session::new(st, notes, &PageOptions::parse("", link), false)
    }

    fn announced(fx: &[Effect]) -> String {
        fx.iter().filter_map(|e| if let Effect::Announce(s) = e { Some(s.as_str()) } else { None }).collect::<Vec<_>>().join(" | ")
    }

    const SF: LinkId = LinkId::Track(Courier::Sf);

    #[test]
    fn texts_that_cannot_be_had_are_said_in_a_note_and_wake_nothing() {
        let (st, notes) = AppState::read_link("scenario=june-2017&lang=zh");
        let mut s = Session::for_page(st, notes, &PageOptions::parse("", "scenario=june-2017&lang=zh"), false);
        assert!(s.notes().is_empty());
        let fx = s.reduce(Action::TextsFailed);
        assert_eq!(fx, vec![Effect::Render]);
        let said: Vec<String> = s.notes().iter().map(|n| n.text(Lang::En)).collect();
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with(&format!("The {} texts could not be loaded, so the page is in English", Lang::Zh.name())), "{said:?}");
        assert!(said[0].chars().count() <= 400);
        s.reduce(Action::TextsFailed);
        assert_eq!(s.notes().len(), 1, "said once");
        assert!(s.bands_wait.is_some(), "not the reader's doing: the bands still wait");
    }

    #[test]
    fn a_page_started_in_steps_is_the_page_started_at_once() {
        for link in [
            "scenario=june-2017",
            "scenario=june-2017&t=2017-06-03T12:00&lang=zh&seed=9&cut=track.sf@2017-06-01T09:00",
            "scenario=no-mediation&p.review_days=3&view=charts",
            "scenario=june-2017&from=2017-06-02T00:00",
            // heavy: built across frames after the page is up, as before
            "scenario=june-2017&p.merchants=60000&t=2017-06-02T00:00",
        ] {
            let (st, notes) = AppState::read_link(link);
            let page = PageOptions::parse("", link);
            let mut start = PageStart::new(st.clone(), notes.clone(), &page);
            let mut tasks = 1;
            while !start.work(40) {
                tasks += 1;
            }
            let stepped = start.finish(false);
            let at_once = Session::for_page(st, notes, &page, false);
            assert_eq!(stepped.snapshot(), at_once.snapshot(), "{link}");
            assert_eq!(stepped.building().is_some(), at_once.building().is_some(), "{link}");
            let (a, b) = (stepped.run(), at_once.run());
            assert_eq!((a.now(), a.frames().len(), a.digest()), (b.now(), b.frames().len(), b.digest()), "{link}");
            assert_eq!(format!("{:?}", stepped.readouts()), format!("{:?}", at_once.readouts()), "{link}");
            assert_eq!(stepped.log(), at_once.log(), "{link}");
            if stepped.building().is_none() {
                assert!(tasks > 3, "{link}: the run took {tasks} slices of 40 steps");
            }
        }
    }

    #[test]
    fn a_cut_is_recorded_as_a_typed_event_announced_and_written_to_the_address() {
        let mut s = session("scenario=june-2017");
        s.reduce(Action::SeekHour(10));
        let fx = s.reduce(Action::ToggleLink(SF));
        assert!(!s.run().live.links.is_up(SF));
        assert_eq!(s.snapshot().events, vec![LinkEvent { link: SF, at: s.run().start() + 10, up: false }]);
        assert!(announced(&fx).contains("SF Express → Cainiao tracking: cut (2017-05-29 10:00)"), "{fx:?}");
        let written =
            fx.iter().find_map(|e| if let Effect::WriteAddress(l) | Effect::PushAddress(l) = e { Some(l.clone()) } else { None }).unwrap();
        assert!(written.contains("t=2017-05-29T10:00&lang=en&v=1&cut=track.sf@2017-05-29T10:00"), "{written}");
        // the address reopens the same state
        let again = session(&written);
        assert_eq!(again.snapshot(), s.snapshot());
        assert!(s.log().iter().any(|l| l.text.contains("Cut: SF Express")));
    }

    #[test]
    fn the_keyboard_the_buttons_and_the_host_produce_the_same_actions() {
        use crate::ui::keys::action_for;
        let mut by_key = session("scenario=june-2017");
        let mut by_button = session("scenario=june-2017");
        for k in ["ArrowRight", "ArrowRight", "ArrowLeft", "ArrowRight"] {
            by_key.reduce(action_for(k).unwrap());
        }
        for a in [Action::Step, Action::Step, Action::SeekHour(1), Action::Step] {
            by_button.reduce(a);
        }
        assert_eq!(by_key.player().hour(), 2);
        assert_eq!(by_key.snapshot(), by_button.snapshot());
        // the host's cut is the same cut, and the host is answered with its id
        let mut by_host = session("scenario=june-2017");
        let req = crate::ui::embed::parse(
            r#"{"protocol":"parcel-standoff","version":1,"command":"cut","link":"track.sf","at":"2017-05-29T02:00","id":7}"#,
        )
        .unwrap()
        .unwrap();
        let fx = by_host.reduce(Action::host(req, "https://news.example"));
        by_key.reduce(Action::ToggleLink(SF));
        assert_eq!(by_host.snapshot(), by_key.snapshot());
        assert!(fx.contains(&Effect::PostState { id: Some(Id::Num(7.0)), origin: "https://news.example".into() }));
        // restoring a link that is up changes nothing
        let before = by_host.snapshot();
        let req = crate::ui::embed::parse(r#"{"protocol":"parcel-standoff","version":1,"command":"restore","link":"track.zto"}"#)
            .unwrap()
            .unwrap();
        by_host.reduce(Action::host(req, String::new()));
        assert_eq!(by_host.snapshot(), before);
    }

    #[test]
    fn a_seek_outside_the_run_is_refused_to_the_host_with_its_id_and_changes_nothing() {
        let mut s = session("scenario=june-2017&t=2017-05-30T10:00");
        let before = (s.snapshot(), s.player().hour());
        for t in ["2016-01-01T00:00", "2017-07-01T00:00"] {
            let json = format!(r#"{{"protocol":"parcel-standoff","version":1,"command":"seek","t":"{t}","id":"s1"}}"#);
            let req = crate::ui::embed::parse(&json).unwrap().unwrap();
            let fx = s.reduce(Action::host(req, "https://a.example"));
            let err = fx.iter().find_map(|e| match e {
                Effect::PostError { id, origin, message } => Some((id.clone(), origin.clone(), message.clone())),
                _ => None,
            });
            let (id, origin, message) = err.expect("an error event");
            assert_eq!(id, Some(Id::Text("s1".into())));
            assert_eq!(origin, "https://a.example");
            assert!(message.contains("outside the run"), "{message}");
            assert_eq!((s.snapshot(), s.player().hour()), before, "nothing changed");
        }
        // the run's own end is inside it
        let req = crate::ui::embed::parse(r#"{"protocol":"parcel-standoff","version":1,"command":"seek","t":"2017-06-11T00:00"}"#)
            .unwrap()
            .unwrap();
        let fx = s.reduce(Action::host(req, String::new()));
        assert!(!fx.iter().any(|e| matches!(e, Effect::PostError { .. })));
        assert!(s.player().at_end());
    }

    /// The ids of the host's answers in `fx`, in order ("!" before a refused one's).
    fn answers(fx: &[Effect]) -> Vec<String> {
        let name = |id: &Option<Id>| match id {
            Some(Id::Num(n)) => n.to_string(),
            Some(Id::Text(t)) => t.clone(),
            None => "-".into(),
        };
        fx.iter()
            .filter_map(|e| match e {
                Effect::PostState { id, .. } => Some(name(id)),
                Effect::PostError { id, .. } => Some(format!("!{}", name(id))),
                _ => None,
            })
            .collect()
    }

    fn host_msg(command: &str, fields: &str, id: &str) -> (crate::ui::embed::Request, String) {
        let json = format!(r#"{{"protocol":"parcel-standoff","version":1,"command":"{command}"{fields},"id":{id}}}"#);
        (crate::ui::embed::parse(&json).unwrap().unwrap(), "https://host.example".into())
    }

    #[test]
    fn a_burst_of_host_commands_is_answered_in_order_each_once_and_the_last_state_wins() {
        let mut s = session("#embed=1&scenario=june-2017&t=2017-05-30T10:00");
        let start = s.run().start();
        let at = |h: i64| clock::format_short(start + h);
        let mut list: Vec<_> =
            (0..2000).map(|i| host_msg("seek", &format!(r#","t":"{}""#, at(24 + (i * 7) % 240)), &i.to_string())).collect();
        // one refused in the middle (nothing changes for it), a cut "now" at the time the seeks
        // before it named, then one more seek
        list.insert(1000, host_msg("seek", r#","t":"2019-01-01T00:00""#, r#""bad""#));
        list.push(host_msg("cut", r#","link":"direct.jd.sf""#, r#""cut""#));
        list.push(host_msg("seek", &format!(r#","t":"{}""#, at(200)), r#""last""#));
        let mut want: Vec<String> = (0..2000).map(|i: i64| i.to_string()).collect();
        want.insert(1000, "!bad".into());
        want.extend(["cut".into(), "last".into()]);
        let fx = s.reduce(Action::Hosts(list));
        assert_eq!(answers(&fx), want, "every command answered once, in the order sent");
        let jd = LinkId::parse("direct.jd.sf").unwrap();
        assert_eq!(s.snapshot().events, vec![LinkEvent { link: jd, at: start + 24 + (1999 * 7) % 240, up: false }]);
        assert_eq!(s.player().hour(), 200, "the last seek wins");
        // the same commands one at a time end in the same state
        let mut one = session("#embed=1&scenario=june-2017&t=2017-05-30T10:00");
        let i = 1999;
        one.reduce(Action::host(host_msg("seek", &format!(r#","t":"{}""#, at(24 + (i * 7) % 240)), "1").0, String::new()));
        one.reduce(Action::host(host_msg("cut", r#","link":"direct.jd.sf""#, "2").0, String::new()));
        one.reduce(Action::host(host_msg("seek", &format!(r#","t":"{}""#, at(200)), "3").0, String::new()));
        assert_eq!(one.snapshot(), s.snapshot());
    }

    #[test]
    fn a_burst_of_cuts_and_restores_ends_as_the_same_commands_one_at_a_time() {
        let link = "#embed=1&scenario=june-2017&t=2017-05-30T10:00";
        for n in [1000, 999, 3] {
            let cmds: Vec<_> = (0..n)
                .map(|i| {
                    let (command, link) = if i % 2 == 1 { ("restore", "direct.jd.sf") } else { ("cut", "direct.jd.sf") };
                    host_msg(command, &format!(r#","link":"{link}""#), &i.to_string())
                })
                // and a cut of another link among them, and a seek after the first
                .chain([host_msg("cut", r#","link":"locker.hivebox""#, r#""h""#), host_msg("seek", r#","t":"2017-06-01T00:00""#, r#""s""#)])
                .chain([host_msg("restore", r#","link":"direct.jd.sf""#, r#""r""#)])
                .collect();
            let mut burst = session(link);
            let fx = burst.reduce(Action::Hosts(cmds.clone()));
            let mut want: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            want.extend(["h".into(), "s".into(), "r".into()]);
            assert_eq!(answers(&fx), want);
            let mut one = session(link);
            for (request, origin) in cmds {
                one.reduce(Action::host(request, origin));
            }
            assert_eq!(burst.snapshot(), one.snapshot(), "{n} toggles");
            assert_eq!(burst.run().digest(), one.run().digest(), "{n} toggles: the same run");
        }
    }

    #[test]
    fn a_burst_with_a_heavy_load_answers_every_command_once_the_loaded_run_is_built() {
        let link = "#embed=1&scenario=baseline-2017&t=2017-05-30T00:00";
        let (st, notes) = AppState::read_link(link);
        let mut s = Session::for_page(st, notes, &PageOptions::parse("", link), false);
        let heavy = r#","state":"scenario=june-2017&t=2017-06-02T12:00&p.merchants=20000""#;
        let fx = s.reduce(Action::Hosts(vec![
            host_msg("get", "", r#""g0""#),
            host_msg("load", heavy, r#""L""#),
            // checked against the run the load asked for
            host_msg("seek", r#","t":"2017-06-05T00:00""#, r#""S""#),
            host_msg("seek", r#","t":"2017-07-30T00:00""#, r#""far""#),
            host_msg("get", "", r#""G""#),
        ]));
        assert!(s.building().is_some());
        assert_eq!(answers(&fx), vec!["!far"], "a refusal at once; the states wait for the run");
        let mut told = Vec::new();
        while s.building().is_some() {
            told.extend(answers(&s.work(500)));
        }
        assert_eq!(told, vec!["g0", "L", "S", "G"], "none lost, in order, once built");
        assert_eq!(clock::format_short(s.run().now()), "2017-06-05T00:00");
        assert_eq!(s.snapshot().params.get("merchants"), Some(&20000.0));
    }

    #[test]
    fn a_hosts_load_is_answered_once_with_the_loaded_state_and_its_id() {
        let mut s = session("#embed=1&scenario=june-2017&t=2017-05-30T10:00");
        // more than a second after the last state event: a quiet state would be due
        s.reduce(Action::Tick { dt: 0.0, now_ms: 5_000.0 });
        let req = crate::ui::embed::parse(
            r#"{"protocol":"parcel-standoff","version":1,"command":"load","state":"scenario=baseline-2017&t=2017-06-03T00:00","id":"L1"}"#,
        )
        .unwrap()
        .unwrap();
        let fx = s.reduce(Action::host(req, String::new()));
        let told: Vec<&Option<Id>> = fx.iter().filter_map(|e| if let Effect::PostState { id, .. } = e { Some(id) } else { None }).collect();
        assert_eq!(told, vec![&Some(Id::Text("L1".into()))], "one state event, the reply: {fx:?}");
        // the page posts what the session holds once the action is done: the loaded state
        let st = crate::ui::embed::summary(s.run(), &s.snapshot(), s.player().is_playing());
        assert_eq!((st.scenario.as_str(), st.t.as_str()), ("baseline-2017", "2017-06-03T00:00"));
    }

    #[test]
    fn copying_the_link_of_a_page_just_opened_says_copied_until_the_state_changes() {
        let mut s = session("scenario=june-2017");
        let fx = s.reduce(Action::CopyLink);
        assert!(s.copied(), "a page that had not written its address yet");
        assert!(fx.iter().any(|e| matches!(e, Effect::WriteAddress(_))), "the address bar shows what was copied");
        s.reduce(Action::CopyFailed);
        assert!(!s.copied());
        assert!(s.notes().iter().any(|n| n.english().contains("address bar")), "{:?}", s.notes());
        s.reduce(Action::CopyLink);
        assert!(s.copied());
        s.reduce(Action::Step);
        assert!(!s.copied(), "the state moved on: the copied link is no longer this one");
    }

    #[test]
    fn meaningful_steps_are_history_entries_time_is_not_and_back_shows_the_state_before() {
        let written = |fx: &[Effect]| {
            fx.iter().find_map(|e| match e {
                Effect::PushAddress(l) => Some((true, l.clone())),
                Effect::WriteAddress(l) => Some((false, l.clone())),
                _ => None,
            })
        };
        let mut s = session("scenario=june-2017&t=2017-05-29T05:00");
        let first = written(&s.reduce(Action::Step)).expect("the address is written");
        assert!(!first.0, "the first write replaces the address the page opened with");
        let (push, after_step) = written(&s.reduce(Action::Step)).unwrap();
        assert!(!push, "time moving replaces the entry");
        let before = s.snapshot();
        let (push, after_cut) = written(&s.reduce(Action::ToggleLink(SF))).unwrap();
        assert!(push, "a cut is a new history entry");
        let (push, _) = written(&s.reduce(Action::SetParam("review_days".into(), "20".into()))).unwrap();
        assert!(push, "a parameter is a new entry");
        let sweep = crate::ui::experiment::Experiment::from_text("sweep=habit:0:1:3&effect=sf_share_pp").unwrap();
        let (push, with_exp) = written(&s.reduce(Action::SetExperiment(Some(sweep.clone())))).unwrap();
        assert!(push && with_exp.contains("sweep=habit:0:1:3"), "an experiment is a new entry: {with_exp}");
        assert_eq!(s.experiment(), Some(&sweep));
        let (push, _) = written(&s.reduce(Action::SetExperiment(None))).unwrap();
        assert!(push, "clearing it too");
        s.reduce(Action::Navigate(with_exp));
        assert_eq!(s.experiment(), Some(&sweep), "Back brings it back");
        let (push, _) = written(&s.reduce(Action::SetExperiment(None))).unwrap();
        assert!(push);
        // Back: the page's address is the one before the parameter, then before the cut
        let fx = s.reduce(Action::Navigate(format!("#{after_cut}")));
        assert_eq!(written(&fx), None, "going back writes no new entry");
        assert!(s.snapshot().params.is_empty());
        assert_eq!(s.snapshot().events.len(), 1);
        s.reduce(Action::Navigate(format!("#{after_step}")));
        assert_eq!(s.snapshot(), before);
        // a link pasted into the open tab shows its state
        s.reduce(Action::Navigate("#scenario=baseline-2017&t=2017-05-30T00:00".into()));
        assert_eq!(s.scenario_id(), "baseline-2017");
        assert_eq!(s.player().hour(), 24);
        // an embed never adds entries to its page's history
        let mut e = session("scenario=june-2017&embed=1");
        assert!(written(&e.reduce(Action::Step)).is_some());
        let fx = e.reduce(Action::ToggleLink(SF));
        assert_eq!(written(&fx).map(|w| w.0), Some(false));
    }

    #[test]
    fn reset_and_the_story_never_lose_a_prepared_set_up_u_brings_it_back() {
        let link = "scenario=baseline-2017&t=2017-05-30T05:00&p.review_days=20&cut=track.sf@2017-05-29T03:00";
        let mut s = session(link);
        let prepared = s.snapshot();
        let fx = s.reduce(Action::Reset);
        assert!(announced(&fx).contains("press U"), "{}", announced(&fx));
        assert!(s.snapshot().events.is_empty());
        s.reduce(Action::Undo);
        assert_eq!(s.snapshot(), prepared, "U brings the cuts back at the same hour");
        // the story replaces scenario, parameters and cuts: U after S brings them all back
        let fx = s.reduce(Action::ToggleStory);
        assert!(announced(&fx).contains("press U"));
        assert_eq!(s.scenario_id(), "june-2017");
        s.reduce(Action::Undo);
        assert!(s.story().is_none());
        assert_eq!(s.snapshot().events, prepared.events);
        assert_eq!(s.snapshot().params, prepared.params);
        assert_eq!(s.scenario_id(), "baseline-2017");
        // nothing prepared: nothing offered, and U does nothing
        // a new cut after a reset: U no longer overwrites it
        s.reduce(Action::Reset);
        assert!(s.can_undo());
        s.reduce(Action::ToggleLink(SF));
        assert!(!s.can_undo());
        let mut plain = session("scenario=june-2017");
        let fx = plain.reduce(Action::Reset);
        assert!(!announced(&fx).contains("press U"));
        let before = plain.snapshot();
        plain.reduce(Action::Undo);
        assert_eq!(plain.snapshot(), before);
    }

    #[test]
    fn the_story_moves_with_the_arrows_and_s_leaves_it() {
        let mut s = session("scenario=baseline-2017&cut=track.sf@2017-05-29T03:00");
        s.reduce(Action::ToggleStory);
        assert_eq!(s.scenario_id(), "june-2017", "the story runs on the june scenario, without the reader's cuts");
        assert!(s.snapshot().events.is_empty());
        assert_eq!(s.story().unwrap().step, 0);
        s.reduce(Action::Next);
        let pos = s.story().unwrap();
        assert_eq!(pos.step, 1);
        assert_eq!(clock::format_short(s.run().now()), STEPS[1].at);
        s.reduce(Action::StoryAnswer(1));
        let fx = s.reduce(Action::StoryReveal);
        assert!(s.story().unwrap().revealed);
        assert_eq!(clock::format_short(s.run().now()), STEPS[1].question.as_ref().unwrap().reveal_at);
        assert!(!announced(&fx).contains("buyers are not told"), "the explanation is read where the focus goes, not announced too");
        assert!(fx.contains(&Effect::Focus(story::REVEAL_ID)));
        s.reduce(Action::Previous);
        assert_eq!(s.story().unwrap().step, 0);
        s.reduce(Action::ToggleStory);
        assert!(s.story().is_none());
    }

    #[test]
    fn parameters_are_validated_and_reset_keeps_them_but_forgets_cuts() {
        let mut s = session("scenario=june-2017");
        s.reduce(Action::SetParam("locker_share".into(), "3".into()));
        assert!(s.param_error().unwrap().english().contains("0 to 1"));
        s.reduce(Action::SetParam("habit".into(), "0.1".into()));
        assert_eq!(s.param_error(), None);
        assert_eq!(s.snapshot().params.get("habit"), Some(&0.1));
        s.reduce(Action::SetParam("band_share.lt1000".into(), "0.9".into()));
        assert!(s.param_error().unwrap().english().contains("must add up to 1"));
        s.reduce(Action::SeekHour(30));
        s.reduce(Action::ToggleLink(SF));
        s.reduce(Action::Reset);
        assert_eq!(s.player().hour(), 0);
        assert!(s.snapshot().events.is_empty() && s.run().live.links.is_up(SF));
        assert_eq!(s.snapshot().params.get("habit"), Some(&0.1), "reset keeps the parameters");
        s.reduce(Action::ResetParams);
        assert!(s.snapshot().params.is_empty());
    }

    #[test]
    fn set_up_files_load_or_are_explained_and_change_nothing() {
        let mut s = session("scenario=june-2017&t=2017-06-02T12:00");
        let file = s.snapshot().to_file();
        let mut other = session("scenario=baseline-2017&lang=zh");
        // as the page does it: the session asks for the file to be read, and the panels'
        // module answers with the state as a link, or why it is refused
        let load = |s: &mut Session, text: String| {
            let before = s.snapshot();
            let fx = s.reduce(Action::LoadFile(Ok(text.clone())));
            assert!(fx.contains(&Effect::ReadFile(text.clone())));
            assert_eq!(s.snapshot(), before, "nothing changes before the file is read");
            s.reduce(Action::FileRead(AppState::file_link(&text)))
        };
        let fx = load(&mut other, file);
        assert_eq!(other.snapshot(), s.snapshot());
        assert!(fx.contains(&Effect::SetDocumentLang(Lang::En)));
        let before = s.snapshot();
        load(
            &mut s,
            "{\"format\":\"parcel-standoff/1\",\"setup\":{\"scenario\":\"<b>\",\"t\":0,\"view\":\"explorer\",\"lang\":\"en\"}}".into(),
        );
        assert!(s.load_error().unwrap().contains("unknown scenario"));
        assert_eq!(s.snapshot(), before);
        // a file too long to be read is refused at once, and not handed over
        let fx = s.reduce(Action::LoadFile(Ok(" ".repeat(crate::ui::state::MAX_FILE_LEN + 1))));
        assert!(fx.iter().all(|e| !matches!(e, Effect::ReadFile(_))) && s.load_error().unwrap().contains("at most"));
        assert_eq!(s.snapshot(), before);
    }

    #[test]
    fn playing_re_renders_at_most_ten_times_a_second_and_writes_the_address_once_a_second() {
        let mut s = session("scenario=june-2017");
        s.reduce(Action::SetSpeed(5));
        s.reduce(Action::Play);
        let (mut renders, mut writes) = (0, 0);
        for i in 1..=60 {
            let fx = s.reduce(Action::Tick { dt: 1.0 / 60.0, now_ms: 10_000.0 + i as f64 * 1000.0 / 60.0 });
            renders += fx.iter().filter(|e| **e == Effect::Render).count();
            writes += fx.iter().filter(|e| matches!(e, Effect::WriteAddress(_))).count();
        }
        assert!(s.player().hour() >= 47, "two days a second: {}", s.player().hour());
        assert!((9..=11).contains(&renders), "{renders} renders in a second");
        assert!((1..=2).contains(&writes), "{writes} address writes in a second");
        // paused, nothing happens on a tick
        s.reduce(Action::Pause);
        assert!(s.reduce(Action::Tick { dt: 0.1, now_ms: 20_000.0 }).is_empty());
    }

    #[test]
    fn a_link_in_the_query_string_opens_at_its_t_not_at_from() {
        // the page reads the state from the query string when the address has no fragment
        let link = "scenario=june-2017&from=2017-06-01T00:00&t=2017-06-02T12:00";
        let (st, notes) = AppState::read_link(link);
        let s = Session::new(st, notes, &PageOptions::parse(&format!("?{link}"), ""), false);
        assert_eq!(s.player().hour(), 24 * 4 + 12, "t= wins over from=");
        let link = "scenario=june-2017&from=2017-06-01T00:00";
        let (st, notes) = AppState::read_link(link);
        let s = Session::new(st, notes, &PageOptions::parse(&format!("?{link}"), ""), false);
        assert_eq!(s.player().hour(), 24 * 3, "without t= the run opens at from=");
    }

    #[test]
    fn an_embed_stops_at_its_end_time_and_pauses_when_hidden() {
        let link = "embed=1&autoplay=1&scenario=june-2017&to=2017-05-29T05:00";
        let (st, notes) = AppState::read_link(link);
        let mut s = Session::new(st, notes, &PageOptions::parse("", link), false);
        assert!(s.player().is_playing());
        for i in 0..200 {
            s.reduce(Action::Tick { dt: 0.1, now_ms: i as f64 * 100.0 });
        }
        assert!(!s.player().is_playing());
        assert!((5..=6).contains(&s.player().hour()), "{}", s.player().hour());
        s.reduce(Action::Play);
        s.reduce(Action::Visible(false));
        assert!(!s.player().is_playing());
        // with reduced motion an embed does not start by itself
        let (st, notes) = AppState::read_link(link);
        assert!(!Session::new(st, notes, &PageOptions::parse("", link), true).player().is_playing());
    }

    #[test]
    fn the_theme_is_one_value_in_links_and_auto_follows_the_reader_live() {
        let mut s = session("scenario=june-2017&theme=dark");
        assert!(s.dark());
        let r = s.chart_revision();
        let fx = s.reduce(Action::SetTheme(Theme::Auto));
        assert!(fx.contains(&Effect::SetTheme(false)), "auto on a light system draws light: {fx:?}");
        assert!(s.chart_revision() > r, "the charts redraw in the new colours");
        assert!(!s.snapshot().to_link().contains("theme="), "auto is the default: not written");
        // the reader's system turns dark: only the colours change (the link still says auto)
        let r = s.chart_revision();
        assert_eq!(s.reduce(Action::ReaderPrefersDark(true)), vec![Effect::SetTheme(true), Effect::Render]);
        assert!(s.dark() && s.chart_revision() > r);
        assert_eq!(s.reduce(Action::ReaderPrefersDark(true)), vec![], "nothing changed, nothing drawn");
        // a light theme asked for stays light whatever the system prefers
        s.reduce(Action::SetTheme(Theme::Light));
        assert!(!s.dark() && s.snapshot().to_link().contains("theme=light"));
        assert_eq!(s.reduce(Action::ReaderPrefersDark(false)), vec![]);
        // the host's command, answered with the state after it
        let request = crate::ui::embed::Request { command: Command::Theme(Theme::Dark), id: Some(Id::Num(3.0)) };
        let fx = s.reduce(Action::Hosts(vec![(request, "https://news.example".into())]));
        assert!(s.dark() && fx.contains(&Effect::SetTheme(true)), "{fx:?}");
        assert!(fx.iter().any(|e| matches!(e, Effect::PostState { id: Some(_), .. })), "{fx:?}");
        // a load that names no theme keeps it; one that names it sets it
        let (st, _) = AppState::read_link("scenario=june-2017&t=2017-06-01T12:00");
        s.reduce(Action::Load(st));
        assert!(s.dark() && s.snapshot().to_link().contains("theme=dark"), "{}", s.snapshot().to_link());
        let (st, _) = AppState::read_link("scenario=june-2017&theme=light");
        s.reduce(Action::Load(st));
        assert!(!s.dark());
    }

    #[test]
    fn language_and_view_are_one_value_each() {
        let mut s = session("scenario=june-2017&lang=zh");
        assert_eq!(s.lang(), Lang::Zh);
        let fx = s.reduce(Action::NextLang);
        assert_eq!(s.lang(), Lang::En);
        assert!(fx.contains(&Effect::SetDocumentLang(Lang::En)));
        assert!(s.snapshot().to_link().contains("lang=en"));
        s.reduce(Action::SetView(View::Chart(ChartKind::ShareDiff)));
        assert!(s.snapshot().to_link().contains("view=chart:sharediff"));
    }

    #[test]
    fn the_cards_show_the_delay_the_affected_buyers_feel() {
        let mut s = session("scenario=june-2017&t=2017-06-02T12:00");
        let r = s.readouts();
        let (run, base) = r.hivebox_notify_h;
        assert!(run > base + 5.0, "Hive Box buyers learn of their parcels hours later during the locker cut ({run:.1} vs {base:.1})");
        let fresh = session("scenario=june-2017");
        assert!(fresh.readouts().hivebox_notify_h.0 > 10.0, "the first hour already shows a real delay, not 0 h");
        s.reduce(Action::SeekTo(clock::parse("2017-05-31T12:00").unwrap()));
        let r = s.readouts();
        assert_eq!(r.hivebox_notify_h.0, r.hivebox_notify_h.1, "before any cut the two worlds are one");
        assert_eq!(r.sf_taobao_d2d_h.0, r.sf_taobao_d2d_h.1);
    }

    #[test]
    fn an_embed_keeps_its_options_and_allow_list_in_every_address_it_writes() {
        let link = "embed=1&autoplay=1&to=2017-06-02T00:00&origins=https%3A%2F%2Fnews.example&scenario=june-2017";
        let (st, notes) = AppState::read_link(link);
        let mut s = Session::new(st, notes, &PageOptions::parse("", link), true);
        let fx = s.reduce(Action::ToggleLink(SF));
        let written = fx
            .iter()
            .find_map(|e| if let Effect::WriteAddress(l) | Effect::PushAddress(l) = e { Some(l.clone()) } else { None })
            .expect("a cut is written");
        let again = PageOptions::parse("", &written);
        assert!(again.embed && again.autoplay, "{written}");
        assert_eq!(again.origins, vec!["https://news.example".to_string()], "{written}");
        assert_eq!(again.to, PageOptions::parse("", link).to);
        let (reread, notes) = AppState::from_link(&written);
        assert!(notes.is_empty(), "the page's options are not reported as ignored: {notes:?}");
        assert_eq!(reread, s.snapshot(), "and the state reads back the same");
    }

    #[test]
    fn the_tick_that_ends_playback_tells_the_embedding_page() {
        let mut s = session("#scenario=june-2017&t=2017-06-10T22:00&embed=1");
        s.reduce(Action::SetSpeed(crate::ui::playback::SPEEDS.len() - 1));
        s.reduce(Action::Play);
        // a state goes out now; the run ends well within the next second
        let mut now = 5000.0;
        let fx = s.reduce(Action::Tick { dt: 0.0, now_ms: now });
        assert!(fx.iter().any(|e| matches!(e, Effect::PostState { .. })));
        let mut told = false;
        for _ in 0..20 {
            now += 16.0;
            let was = s.player().is_playing();
            let fx = s.reduce(Action::Tick { dt: 0.016, now_ms: now });
            if was && !s.player().is_playing() {
                told = fx.iter().any(|e| matches!(e, Effect::PostState { .. }));
                break;
            }
        }
        assert!(s.player().at_end(), "played to the end");
        assert!(told, "the stopping tick posts the final state");
    }

    fn computed(fx: &[Effect]) -> Vec<crate::ui::uncertainty::Task> {
        fx.iter().filter_map(|e| if let Effect::Compute(r) = e { Some(r.task.clone()) } else { None }).collect()
    }

    #[test]
    fn a_cut_and_its_restore_in_the_same_hour_leave_nothing_in_the_set_up_nor_in_the_run() {
        let mut s = session("scenario=june-2017&p.merchants=1500");
        s.reduce(Action::SeekHour(10));
        s.reduce(Action::ToggleLink(SF));
        assert_eq!(s.snapshot().events.len(), 1);
        assert_eq!(s.run().spec.extra.len(), 1);
        s.reduce(Action::ToggleLink(SF));
        // one list, one rule: the run and the set-up agree
        assert_eq!(s.snapshot().events, vec![]);
        assert_eq!(s.run().spec.extra.len(), 0, "the run still holds {:?}", s.run().spec.extra);
        assert!(s.run().live.links.is_up(SF));
        // a cut an hour later is a new event in both
        s.reduce(Action::Step);
        s.reduce(Action::ToggleLink(SF));
        assert_eq!(s.snapshot().events.len(), 1);
        assert_eq!(s.run().spec.link_events(), vec![(SF, s.run().start() + 11, false)]);
    }

    #[test]
    fn estimates_are_asked_once_per_set_up_and_the_workers_answers_are_actions() {
        let mut s = session("scenario=june-2017&p.merchants=1500");
        let first = computed(&s.begin());
        assert_eq!(first.len(), 1, "bands for the set-up opened: {first:?}");
        // time, focus, help and the view change no set-up: nothing is computed again
        for a in [Action::Step, Action::Focus(Some(SF)), Action::ToggleHelp, Action::SetView(View::Network), Action::SeekHour(40)] {
            let fx = s.reduce(a.clone());
            assert!(computed(&fx).is_empty(), "{a:?} asked for {:?}", computed(&fx));
        }
        // a cut is a new set-up: new bands
        let fx = s.reduce(Action::ToggleLink(SF));
        assert_eq!(computed(&fx).len(), 1);
        // a worker's answer to an old request is dropped; progress for the current one shows
        let fx = s.reduce(Action::Estimate(Ask::Reply("p\t1\t3\t65".into())));
        assert!(fx.is_empty(), "an answer to a request no longer current changes nothing: {fx:?}");
        let fx = s.reduce(Action::Estimate(Ask::Reply("p\t2\t5\t65".into())));
        assert_eq!(fx, vec![Effect::Render]);
        assert_eq!(s.estimates().progress, Some((5, 65)));
        // while time moves, progress is kept and shown by the next frame's render (~10 a
        // second) instead of drawing the whole page once more for every run done
        s.reduce(Action::TogglePlay);
        assert!(s.player().is_playing());
        let fx = s.reduce(Action::Estimate(Ask::Reply("p\t2\t6\t65".into())));
        assert!(!fx.contains(&Effect::Render), "{fx:?}");
        assert_eq!(s.estimates().progress, Some((6, 65)));
        let fx = s.reduce(Action::Tick { dt: 0.2, now_ms: 1_000.0 });
        assert!(fx.contains(&Effect::Render), "the next frame draws it: {fx:?}");
        s.reduce(Action::TogglePlay);
        // the reader switches bands off and on: asked again
        s.reduce(Action::Estimate(Ask::ToggleBands));
        let fx = s.reduce(Action::Estimate(Ask::ToggleBands));
        assert_eq!(computed(&fx).len(), 1);
    }

    #[test]
    fn charts_redraw_when_the_run_or_the_language_changes_not_when_focus_or_dialogs_do() {
        let mut s = session("scenario=june-2017&p.merchants=1500");
        s.reduce(Action::Step);
        let r = s.chart_revision();
        for a in [Action::Focus(Some(SF)), Action::ToggleHelp, Action::ToggleHelp, Action::TogglePresenter, Action::DismissNotes] {
            s.reduce(a);
        }
        assert_eq!(s.chart_revision(), r, "nothing a chart shows changed");
        s.reduce(Action::Step);
        assert!(s.chart_revision() > r, "time moved");
        let r = s.chart_revision();
        s.reduce(Action::NextLang);
        assert!(s.chart_revision() > r, "the language changed");
    }

    #[test]
    fn refused_values_and_unusable_parts_of_a_link_are_told_in_the_readers_language() {
        let mut s = session("scenario=june-2017&lang=zh&zzz=1&p.habit=abc&t=2030-01-01T00:00");
        let zh: Vec<String> = s.notes().iter().map(|n| n.text(Lang::Zh)).collect();
        assert_eq!(zh.len(), 3, "{zh:?}");
        for n in &zh {
            assert!(n.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not in Chinese: {n}");
            assert!(!n.contains("is not") && !n.contains("unknown") && !n.contains("outside"), "English left in: {n}");
        }
        s.reduce(Action::SetParam("habit".into(), "abc".into()));
        let e = s.param_error().unwrap();
        assert!(e.text(Lang::Zh).contains("不是数字"), "{}", e.text(Lang::Zh));
        assert_eq!(e.english(), "habit: “abc” is not a number.");
        s.reduce(Action::SetParam("merchants".into(), "10".into()));
        let e = s.param_error().unwrap();
        assert!(e.text(Lang::Zh).contains("超出其记录范围") && e.text(Lang::Zh).contains("1000"), "{}", e.text(Lang::Zh));
        // the notes already on screen follow a change of language
        s.reduce(Action::SetLang(Lang::En));
        assert!(s.notes().iter().any(|n| n.text(s.lang()).contains("Unknown part “zzz”")), "{:?}", s.notes());
    }

    #[test]
    fn the_pages_bands_wait_for_the_readers_first_action_or_ten_seconds_of_frames() {
        use crate::ui::uncertainty::Task;
        let page = |link: &str| {
            let (st, notes) = AppState::read_link(link);
            Session::for_page(st, notes, &PageOptions::parse("", link), false)
        };
        let bands = vec![Task::Bands { shard: (0, 1) }];
        // opened and left alone: no request (the workers' module is not fetched) until the
        // reader does something
        let mut s = page("#scenario=june-2017&p.merchants=1500");
        assert_eq!(computed(&s.begin()), vec![]);
        assert!(s.estimates().on && s.estimates().progress.is_none() && s.estimates().bands.is_none(), "no interval, no progress yet");
        for i in 0..10 {
            let fx = s.reduce(Action::Tick { dt: 0.9, now_ms: 500.0 + 900.0 * i as f64 });
            assert_eq!(computed(&fx), vec![], "frame {i}");
        }
        assert!(computed(&s.reduce(Action::Visible(true))).is_empty(), "scrolling is not asking");
        assert!(computed(&s.reduce(Action::ReaderPrefersDark(true))).is_empty(), "the system's colour scheme is not asking");
        // the first action asks, with its own effects; then as before: once per set-up
        let fx = s.reduce(Action::Step);
        assert_eq!(computed(&fx), bands);
        assert!(fx.contains(&Effect::Render));
        assert_eq!(s.estimates().progress.map(|p| p.0), Some(0), "the progress line shows");
        assert!(computed(&s.reduce(Action::Step)).is_empty());
        assert_eq!(computed(&s.reduce(Action::ToggleLink(SF))), bands);
        // an action of the interface alone (help) wakes them too
        let mut s = page("#scenario=june-2017&p.merchants=1500");
        s.begin();
        assert_eq!(computed(&s.reduce(Action::ToggleHelp)), bands);
        // left alone, they come ten seconds of frames after the first frame (not in a hidden
        // tab: it has no frames)
        let mut s = page("#scenario=june-2017&p.merchants=1500");
        s.begin();
        assert!(computed(&s.reduce(Action::Tick { dt: 0.0, now_ms: 3_000.0 })).is_empty());
        assert!(computed(&s.reduce(Action::Tick { dt: 0.016, now_ms: 3_000.0 + BANDS_IDLE_MS - 1.0 })).is_empty());
        assert_eq!(computed(&s.reduce(Action::Tick { dt: 0.016, now_ms: 3_000.0 + BANDS_IDLE_MS })), bands);
        assert!(computed(&s.reduce(Action::Tick { dt: 0.016, now_ms: 20_000.0 })).is_empty());
        // an experiment in the link is what the link asked for: at once, the bands later
        let mut s = page("#scenario=june-2017&p.merchants=1500&sweep=review_days:1:30:2");
        // the page tells the system's colour scheme before it begins (view/app.rs)
        assert!(computed(&s.reduce(Action::ReaderPrefersDark(false))).is_empty());
        assert!(matches!(computed(&s.begin())[..], [Task::Experiment(_)]));
        assert_eq!(computed(&s.reduce(Action::Pause)), bands);
        // bands switched off before they came: nothing is asked
        let mut s = page("#scenario=june-2017&p.merchants=1500");
        s.begin();
        assert!(computed(&s.reduce(Action::Estimate(Ask::ToggleBands))).is_empty());
        assert!(computed(&s.reduce(Action::Tick { dt: 0.0, now_ms: 60_000.0 })).is_empty());
        // embeds compute no bands; tests' sessions (built at once) ask at the start
        let mut s = page("#scenario=june-2017&p.merchants=1500&embed=1");
        assert!(computed(&s.reduce(Action::Step)).is_empty());
        assert_eq!(computed(&session("scenario=june-2017&p.merchants=1500").begin()), bands);
    }

    #[test]
    fn screen_readers_hear_once_that_bands_are_computed_not_each_run() {
        let mut s = session("scenario=june-2017&p.merchants=1500");
        s.begin();
        let fx = s.reduce(Action::ToggleLink(SF));
        let said: Vec<&String> = fx.iter().filter_map(|e| if let Effect::Announce(a) = e { Some(a) } else { None }).collect();
        // the page says the last announcement of an action: it ends by saying the bands are computed
        assert_eq!(said.iter().filter(|a| a.contains("Computing")).count(), 1, "{said:?}");
        assert!(said.last().unwrap().ends_with("Computing the bands…"), "{said:?}");
        // progress is for the eyes only
        for done in 1..5 {
            let fx = s.reduce(Action::Estimate(Ask::Reply(format!("p\t2\t{done}\t65"))));
            assert!(!fx.iter().any(|e| matches!(e, Effect::Announce(_))), "{fx:?}");
        }
    }
}
