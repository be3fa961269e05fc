//! The session: everything a person can do is an `Action`, and `Session::reduce` applies it to
//! the state and the player and returns the `Effect`s the page must carry out (announce,
//! download, copy, write the address, answer the host…). Buttons, keyboard shortcuts and host
//! commands all produce the same actions. Pure: no browser, tested natively.

use crate::model::clock::{self, Hour};
use crate::model::ids::LinkId;
use crate::model::output;
use crate::model::params;
use crate::model::run::Run;
use crate::model::scenario::{self, Scenario};
use crate::present::i18n::{fill, link_name, named, t, Key, Lang};
use crate::present::narration::{narrate, Line};
use crate::ui::address::PageOptions;
use crate::ui::embed::{Command, Id, Request};
use crate::ui::playback::Player;
use crate::ui::state::{AppState, LinkEvent};
use crate::ui::story::{self, STEPS};
use crate::ui::views::{ChartKind, View};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Something a person (or the embedding page, or the clock) does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Real time passed: `dt` seconds; `now_ms` is the page's clock (for throttling).
    Tick {
        dt: f64,
        now_ms: f64,
    },
    TogglePlay,
    Play,
    Pause,
    /// Pause and move one hour on.
    Step,
    /// Next story step, or one hour on.
    Next,
    /// Previous story step, or one hour back.
    Previous,
    /// Go to this many hours from the start.
    SeekHour(Hour),
    /// Go to this Beijing time.
    SeekTo(Hour),
    SetSpeed(usize),
    /// Forget the reader's cuts and go back to the start.
    Reset,
    ToggleLink(LinkId),
    /// Cut (`up = false`) or restore a link, at a time (else now); nothing if already so.
    SetLink {
        link: LinkId,
        up: bool,
        at: Option<Hour>,
    },
    /// The link under keyboard focus (highlighted on the canvas).
    Focus(Option<LinkId>),
    SetLang(Lang),
    NextLang,
    SetView(View),
    ChooseScenario(String),
    /// A parameter's new value as typed.
    SetParam(String, String),
    ResetParams,
    /// A whole state (the host's `load`).
    Load(AppState),
    /// A set-up file's text, or why it could not be read.
    LoadFile(Result<String, String>),
    /// The address changed under the app (a link pasted into the open tab, Back, Forward):
    /// show the state it describes.
    Navigate(String),
    DismissNotes,
    /// Bring back the set-up the last reset or story start put aside.
    Undo,
    /// The browser refused to copy the link (`Effect::CopyLink`): "Copied" is withdrawn and the
    /// reader is told where the link is.
    CopyFailed,
    /// Set up (or clear) a sweep or an A/B comparison; checked by the panel before it is sent.
    SetExperiment(Option<crate::ui::experiment::Experiment>),
    ToggleStory,
    StoryGo(usize),
    StoryAnswer(usize),
    StoryReveal,
    StoryExit,
    TogglePresenter,
    ToggleHelp,
    CloseHelp,
    ToggleEmbedDialog,
    Fullscreen,
    ExportCsv,
    /// The CSV of the whole run, however far it has played.
    ExportCsvAll,
    ExportNetworkPng,
    ExportChartPng(ChartKind),
    SaveSetup,
    CopyLink,
    /// A command from the embedding page, and the origin to answer.
    Host {
        request: Request,
        origin: String,
    },
    /// The page became visible (true) or hidden / scrolled away (false).
    Visible(bool),
}

/// What the page must do after an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Say this to screen-reader users (the live region).
    Announce(String),
    Download {
        filename: String,
        mime: &'static str,
        text: String,
    },
    /// Save the canvas matching `selector` as a PNG.
    DownloadCanvas {
        selector: String,
        filename: String,
        /// Lines printed above the picture (title, scenario and time), and the key below it.
        caption: Vec<String>,
        key: String,
    },
    /// Put the page's address with this fragment on the clipboard.
    CopyLink(String),
    /// Replace the address's fragment (no history entry): time moved, or the view or language.
    WriteAddress(String),
    /// A new history entry with this fragment: a meaningful step (a cut, a scenario, a
    /// parameter, a story step), so that Back returns to the state before it.
    PushAddress(String),
    SetDocumentLang(Lang),
    ToggleFullscreen,
    /// Send the host a `state` event (`origin` empty: to the allowed hosts).
    PostState {
        id: Option<Id>,
        origin: String,
    },
    /// Send the host an `error` event for its request `id`: it was refused, nothing changed.
    PostError {
        id: Option<Id>,
        origin: String,
        message: String,
    },
    /// What is shown changed: render again.
    Render,
}

/// The story's position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StoryPos {
    pub step: usize,
    pub answer: Option<usize>,
    pub revealed: bool,
}

/// The set-up that defines the run (the time lives in the player).
#[derive(Clone, Debug, PartialEq)]
struct Setup {
    scenario: String,
    seed: Option<u64>,
    params: BTreeMap<String, f64>,
    events: Vec<LinkEvent>,
}

/// The headline numbers beside the network (now, and the baseline at the same hour).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Readouts {
    pub sf_share: (f64, f64),
    /// Taobao parcels through Hive Box lockers delivered in the last 24 h: hours from order until
    /// the buyer knows the parcel is there (the delay the locker cut's buyers feel).
    pub hivebox_notify_h: (f64, f64),
    /// SF parcels from Taobao delivered in the last 24 h: door-to-door hours.
    pub sf_taobao_d2d_h: (f64, f64),
    pub untracked: (f64, f64),
    pub lost_orders: (f64, f64),
}

/// A time for a file name: `2017-05-30T06`.
fn file_time(h: Hour) -> String {
    clock::format_short(h)[..13].to_string()
}

/// Mean of an hourly value over the last 24 frames (a day of deliveries, so one hour's mix of
/// parcels does not swing the number).
fn last_day(frames: &[crate::model::Frame], get: impl Fn(&crate::model::Frame) -> f64) -> f64 {
    let from = frames.len().saturating_sub(24);
    let day = &frames[from..];
    if day.is_empty() {
        0.0
    } else {
        day.iter().map(get).sum::<f64>() / day.len() as f64
    }
}

pub struct Session {
    /// A sweep or A/B comparison on top of the set-up (computed where the bands are).
    exp: Option<crate::ui::experiment::Experiment>,
    setup: Setup,
    lang: Lang,
    view: View,
    player: Player,
    /// The scenario as loaded (its values are the parameters' defaults, with sources).
    defaults: Rc<Scenario>,
    /// The parameter values in force.
    values: Rc<Vec<f64>>,
    /// Parts of a link or set-up that could not be used, in words.
    notes: Vec<String>,
    param_error: Option<String>,
    /// The parameter whose value was refused (its field shows the error).
    param_error_field: Option<String>,
    load_error: Option<String>,
    log: Rc<Vec<Line>>,
    story: Option<StoryPos>,
    focused: Option<LinkId>,
    presenter: bool,
    /// The page's own options (embed, autoplay, from, to, origins) that every address the
    /// session writes keeps, so a reload is the same page with the same allow-list.
    page_pairs: String,
    help: bool,
    embed_dialog: bool,
    /// The address was copied and has not changed since.
    copied: bool,
    embed: bool,
    /// Playback stops here (`to=`).
    stop_at: Option<Hour>,
    /// Changes whenever what is shown changes (charts redraw on it).
    revision: u64,
    /// The page's clock at the last tick (ms).
    clock_ms: f64,
    last_render_ms: f64,
    last_state_ms: f64,
    /// The fragment last written to the address, and when.
    written: (String, f64),
    /// What makes an address a new history entry: the set-up and the story step last written.
    written_step: String,
    /// The set-up (and hour) the last reset or story start replaced, for `Undo`.
    put_aside: Option<(Setup, Hour)>,
}

/// Longest gap between re-renders while time moves (the canvas itself redraws every frame).
pub const RENDER_EVERY_MS: f64 = 100.0;
/// Longest gap between address writes, and between `state` events to the host, while playing.
pub const WRITE_EVERY_MS: f64 = 1000.0;

impl Session {
    /// A session for a state read from the address (`notes`: what was ignored), the page's
    /// options, and whether the person prefers reduced motion.
    pub fn new(state: AppState, notes: Vec<String>, page: &PageOptions, reduced_motion: bool) -> Session {
        Session::create(state, notes, page, reduced_motion, false)
    }

    /// The page's session: a heavy run (many merchants, many hours) is built across frames
    /// (`work`), so that no input freezes the page.
    pub fn for_page(state: AppState, notes: Vec<String>, page: &PageOptions, reduced_motion: bool) -> Session {
        Session::create(state, notes, page, reduced_motion, true)
    }

    fn create(mut state: AppState, mut notes: Vec<String>, page: &PageOptions, reduced_motion: bool, sliced: bool) -> Session {
        let (spec, more) = state.run_spec();
        notes.extend(more);
        if let (Some(from), false) = (page.from, page.has_time) {
            state.t = (from - spec.scenario.start).clamp(0, spec.end() - spec.scenario.start);
        }
        let mut player = if sliced {
            Player::sliced(spec, state.t)
        } else {
            let mut p = Player::new(spec);
            p.seek_hour(state.t);
            p
        };
        player.set_still(reduced_motion);
        if page.embed && page.autoplay && !reduced_motion {
            player.play();
        }
        let (spec, _) = state.run_spec();
        let defaults = Rc::new(scenario::builtin(&spec.scenario.id).unwrap_or_else(|_| spec.scenario.clone()));
        let values = Rc::new(spec.scenario.params.values.clone());
        let log = Rc::new(narrate(player.run(), state.lang));
        Session {
            setup: Setup { scenario: state.scenario, seed: state.seed, params: state.params, events: state.events },
            exp: state.exp,
            lang: state.lang,
            view: state.view,
            player,
            defaults,
            values,
            notes,
            param_error: None,
            param_error_field: None,
            load_error: None,
            log,
            story: None,
            focused: None,
            presenter: page.presenter,
            page_pairs: page.persistent_pairs(),
            help: false,
            embed_dialog: false,
            copied: false,
            embed: page.embed,
            stop_at: page.to,
            revision: 0,
            clock_ms: 0.0,
            last_render_ms: 0.0,
            last_state_ms: 0.0,
            written: (String::new(), f64::NEG_INFINITY),
            written_step: String::new(),
            put_aside: None,
        }
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
            // ready: an embedding page hears of it at once
            self.settle(false, &mut fx);
        } else if self.clock_ms - self.last_render_ms >= RENDER_EVERY_MS {
            // only the progress line changes: render (a few times a second) without a new
            // revision, so the charts of the run on screen are not drawn again
            self.last_render_ms = self.clock_ms;
            fx.push(Effect::Render);
        }
        fx
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn view(&self) -> View {
        self.view
    }
    pub fn player(&self) -> &Player {
        &self.player
    }
    /// The player, for the frame benchmark and the canvas (drawing only).
    pub fn run(&self) -> &Run {
        self.player.run()
    }
    pub fn scenario_id(&self) -> &str {
        &self.setup.scenario
    }
    pub fn defaults(&self) -> Rc<Scenario> {
        self.defaults.clone()
    }
    pub fn values(&self) -> Rc<Vec<f64>> {
        self.values.clone()
    }
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
    /// The parameter whose value was refused.
    /// The sweep or A/B comparison set up, if any.
    pub fn experiment(&self) -> Option<&crate::ui::experiment::Experiment> {
        self.exp.as_ref()
    }

    pub fn param_error_field(&self) -> Option<&String> {
        self.param_error_field.as_ref()
    }
    pub fn param_error(&self) -> Option<&String> {
        self.param_error.as_ref()
    }
    pub fn load_error(&self) -> Option<&String> {
        self.load_error.as_ref()
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
        self.focused
    }
    pub fn presenter(&self) -> bool {
        self.presenter
    }
    pub fn help_open(&self) -> bool {
        self.help
    }
    pub fn embed_dialog_open(&self) -> bool {
        self.embed_dialog
    }
    pub fn copied(&self) -> bool {
        self.copied
    }
    pub fn is_embed(&self) -> bool {
        self.embed
    }
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The whole state as one value, the time read from the player.
    pub fn snapshot(&self) -> AppState {
        AppState {
            scenario: self.setup.scenario.clone(),
            seed: self.setup.seed,
            params: self.setup.params.clone(),
            events: self.setup.events.clone(),
            t: self.player.hour(),
            view: self.view,
            lang: self.lang,
            exp: self.exp.clone(),
        }
    }

    /// The link the reader cut last (the focus chart follows it).
    pub fn last_cut(&self) -> Option<LinkId> {
        self.setup.events.iter().rev().find(|e| !e.up).map(|e| e.link)
    }

    /// The address the page shows: the state's link, then the page's own options.
    pub fn address(&self) -> String {
        let mut a = self.snapshot().to_link();
        for extra in [self.page_pairs.as_str(), if self.presenter { "presenter=1" } else { "" }] {
            if !extra.is_empty() {
                if !a.is_empty() {
                    a.push('&');
                }
                a.push_str(extra);
            }
        }
        a
    }

    /// The headline numbers now and in the baseline.
    pub fn readouts(&self) -> Readouts {
        let p = &self.player;
        let (f, b) = (p.current(), p.current_baseline());
        let run = p.run();
        let lost: f64 = run.frames().iter().map(|x| x.lost_orders).sum();
        let n = run.frames().len().min(run.baseline.len());
        let lost_base: f64 = run.baseline.iter().take(n).map(|x| x.lost_orders).sum();
        // before the first hour is simulated, both worlds show the baseline's first hour
        let (live, base) = if n == 0 { (&run.baseline[..1], &run.baseline[..1]) } else { (&run.frames()[..n], &run.baseline[..n]) };
        Readouts {
            sf_share: (100.0 * f.share[0], 100.0 * b.share[0]),
            hivebox_notify_h: (last_day(live, |x| x.notify_hivebox_taobao), last_day(base, |x| x.notify_hivebox_taobao)),
            sf_taobao_d2d_h: (last_day(live, |x| x.transit_sf_taobao), last_day(base, |x| x.transit_sf_taobao)),
            untracked: (f.untracked / 1e6, b.untracked / 1e6),
            lost_orders: (lost / 1e3, lost_base / 1e3),
        }
    }

    // ---- the reducer ----

    /// Apply an action; return what the page must do.
    pub fn reduce(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        if let Action::Tick { dt, now_ms } = action {
            self.clock_ms = now_ms;
            let was_playing = self.player.is_playing();
            let moved = self.player.tick(dt);
            let stopped = was_playing && !self.player.is_playing();
            if (moved || was_playing) && (now_ms - self.last_render_ms >= RENDER_EVERY_MS || stopped) {
                self.last_render_ms = now_ms;
                // the tick that ends playback always tells an embedding page (playing: false)
                self.settle(!stopped, &mut fx);
            }
            return fx;
        }
        let quiet = matches!(action, Action::Host { .. });
        // a new change to the set-up: what was put aside would now overwrite it, so U is gone
        if matches!(
            action,
            Action::ToggleLink(_)
                | Action::SetLink { .. }
                | Action::SetParam(..)
                | Action::ResetParams
                | Action::ChooseScenario(_)
                | Action::Load(_)
                | Action::LoadFile(_)
                | Action::Navigate(_)
                | Action::Host { .. }
        ) {
            self.put_aside = None;
        }
        self.apply(action, &mut fx);
        self.settle(quiet, &mut fx);
        fx
    }

    fn apply(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Tick { .. } => {}
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
            Action::Reset => {
                let loses = !self.setup.events.is_empty();
                self.put_aside(loses, fx);
                self.setup.events.clear();
                self.player.reset();
                self.log = Rc::new(Vec::new());
            }
            Action::Undo => {
                if let Some((setup, hour)) = self.put_aside.take() {
                    self.story = None;
                    self.setup = setup;
                    self.rebuild(hour);
                    fx.push(Effect::Announce(t(self.lang, Key::UNDONE).into()));
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
            Action::Focus(l) => self.focused = l,
            Action::SetLang(l) => self.set_lang(l, fx),
            Action::NextLang => self.set_lang(self.lang.next(), fx),
            Action::SetView(v) => self.view = v,
            Action::ChooseScenario(id) => {
                if scenario::builtin(&id).is_ok() {
                    self.setup = Setup { scenario: id, seed: self.setup.seed, params: BTreeMap::new(), events: Vec::new() };
                    self.param_error = None;
                    self.log = Rc::new(Vec::new());
                    self.rebuild(0);
                }
            }
            Action::SetParam(name, raw) => self.set_param(name, raw),
            Action::ResetParams => {
                self.setup.params.clear();
                self.param_error = None;
                self.param_error_field = None;
                self.rebuild(self.player.hour());
            }
            Action::Load(st) => self.load(st, fx),
            Action::LoadFile(Ok(text)) => match AppState::from_file(&text) {
                Ok(st) => {
                    self.load_error = None;
                    self.story = None;
                    self.load(st, fx);
                }
                Err(e) => self.load_error = Some(e),
            },
            Action::LoadFile(Err(e)) => self.load_error = Some(e),
            Action::DismissNotes => self.notes.clear(),
            Action::SetExperiment(e) => self.exp = e,
            Action::CopyFailed => {
                self.copied = false;
                let m = t(self.lang, Key::COPY_FAILED).to_string();
                if !self.notes.contains(&m) {
                    self.notes.push(m.clone());
                }
                fx.push(Effect::Announce(m));
            }
            Action::Navigate(text) => {
                let text = text.trim_start_matches(['#', '?']).to_string();
                if text.is_empty() || text == self.written.0 {
                    return;
                }
                let (st, notes) = AppState::from_link(&text);
                self.load(st, fx);
                self.notes.extend(notes);
                // the address already says this: no new history entry for it
                self.written = (self.address(), self.clock_ms);
                self.written_step = self.history_step();
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
                if let Some(s) = &mut self.story {
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
                        fx.push(Effect::Announce(story::explain(self.lang, s.step).to_string()));
                    }
                }
            }
            Action::StoryExit => self.story = None,
            Action::TogglePresenter => self.presenter = !self.presenter,
            Action::ToggleHelp => self.help = !self.help,
            Action::CloseHelp => {
                // Esc closes whichever dialog is open
                self.help = false;
                self.embed_dialog = false;
            }
            Action::ToggleEmbedDialog => self.embed_dialog = !self.embed_dialog,
            Action::Fullscreen => fx.push(Effect::ToggleFullscreen),
            Action::ExportCsv => {
                // the file's name says which hours it holds
                let run = self.player.run();
                let upto = if run.now() >= run.end() { "whole-run".to_string() } else { format!("to-{}", file_time(run.now())) };
                fx.push(Effect::Download {
                    filename: format!("parcel-standoff-{}-{}.csv", self.setup.scenario, upto),
                    mime: "text/csv",
                    text: output::csv(run.frames(), &run.baseline),
                });
            }
            Action::ExportCsvAll => {
                let run = self.player.run();
                let heavy = crate::ui::playback::cost(run.spec.scenario.params.get("merchants"), run.end() - run.now())
                    > crate::ui::playback::HEAVY;
                if run.now() < run.end() && heavy {
                    fx.push(Effect::Announce(t(self.lang, Key::EXPORT_HEAVY).into()));
                } else {
                    let mut whole = run.clone_to_end();
                    whole.advance_to(whole.end());
                    fx.push(Effect::Download {
                        filename: format!("parcel-standoff-{}-whole-run.csv", self.setup.scenario),
                        mime: "text/csv",
                        text: output::csv(whole.frames(), &whole.baseline),
                    });
                }
            }
            Action::ExportNetworkPng => fx.push(Effect::DownloadCanvas {
                selector: "#network".into(),
                filename: "parcel-standoff-network.png".into(),
                caption: self.export_caption(t(self.lang, Key::NETWORK)),
                key: t(self.lang, Key::EXPORT_LEGEND).into(),
            }),
            Action::ExportChartPng(k) => fx.push(Effect::DownloadCanvas {
                selector: format!("#chart-{} canvas", k.id()),
                filename: format!("parcel-standoff-{}.png", k.id()),
                caption: self.export_caption(t(self.lang, k.title())),
                key: t(self.lang, Key::EXPORT_LEGEND).into(),
            }),
            Action::SaveSetup => fx.push(Effect::Download {
                filename: format!("parcel-standoff-{}.json", self.setup.scenario),
                mime: "application/json",
                text: self.snapshot().to_file(),
            }),
            Action::CopyLink => {
                // the address bar shows what was copied (a page just opened has not written it
                // yet: written later, it would count as a change and withdraw "Link copied")
                let address = self.address();
                if address != self.written.0 {
                    self.written = (address.clone(), self.clock_ms);
                    self.written_step = self.history_step();
                    fx.push(Effect::WriteAddress(address));
                }
                fx.push(Effect::CopyLink(self.snapshot().to_link()));
                self.copied = true;
                fx.push(Effect::Announce(t(self.lang, Key::LINK_COPIED).into()));
            }
            Action::Host { request, origin } => {
                let inner = match request.command {
                    Command::Load(st) => Some(Action::Load(st)),
                    Command::Link { link, at, up } => Some(Action::SetLink { link, up, at }),
                    Command::Seek(t) if t < self.player.run().start() || t > self.player.run().end() => {
                        // outside the run: refused, not clamped
                        let (a, b) = (clock::format_short(self.player.run().start()), clock::format_short(self.player.run().end()));
                        let message = format!("seek: {} is outside the run ({} to {}); nothing changed", clock::format_short(t), a, b);
                        fx.push(Effect::PostError { id: request.id, origin, message });
                        return;
                    }
                    Command::Seek(t) => Some(Action::SeekTo(t)),
                    Command::Play => Some(Action::Play),
                    Command::Pause => Some(Action::Pause),
                    Command::View(v) => Some(Action::SetView(v)),
                    Command::Lang(l) => Some(Action::SetLang(l)),
                    Command::Get => None,
                };
                // a host command is one of the person's actions; it never nests another host command
                if let Some(a) = inner.filter(|a| !matches!(a, Action::Host { .. })) {
                    self.apply(a, fx);
                }
                fx.push(Effect::PostState { id: request.id, origin });
            }
            Action::Visible(v) => {
                if !v {
                    self.player.pause();
                }
            }
        }
    }

    /// After every action: the log and what it announces, the stop time, the host, the address.
    fn settle(&mut self, quiet: bool, fx: &mut Vec<Effect>) {
        let lines = narrate(self.player.run(), self.lang);
        if lines.len() > self.log.len() {
            let fresh: Vec<&str> = lines[self.log.len()..].iter().map(|l| l.text.as_str()).collect();
            let (f, b) = (self.player.current(), self.player.current_baseline());
            let share = fill(
                named(self.lang, "announce.share"),
                &[("share", &format!("{:.1}", 100.0 * f.share[0])), ("base", &format!("{:.1}", 100.0 * b.share[0]))],
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
        if self.embed && (!quiet || self.clock_ms - self.last_state_ms > WRITE_EVERY_MS) {
            self.last_state_ms = self.clock_ms;
            fx.push(Effect::PostState { id: None, origin: String::new() });
        }
        let link = self.address();
        if link != self.written.0 && !(self.player.is_playing() && self.clock_ms - self.written.1 < WRITE_EVERY_MS) {
            // a new set-up or story step is a history entry (not in an embed: its entries would
            // be the embedding page's Back button); time moving replaces the current one
            let step = self.history_step();
            let push = !self.embed && !self.written.0.is_empty() && step != self.written_step;
            self.written = (link.clone(), self.clock_ms);
            self.written_step = step;
            self.copied = false;
            fx.push(if push { Effect::PushAddress(link) } else { Effect::WriteAddress(link) });
        }
        self.revision += 1;
        fx.push(Effect::Render);
    }

    /// Keep the set-up a reset or the story is about to replace, if that loses something the
    /// reader prepared (`loses`: cuts, parameters, another scenario), and offer it back.
    fn put_aside(&mut self, loses: bool, fx: &mut Vec<Effect>) {
        if !loses {
            return;
        }
        self.put_aside = Some((self.setup.clone(), self.player.hour()));
        fx.push(Effect::Announce(t(self.lang, Key::UNDO_OFFER).into()));
    }

    /// What a picture says about itself: its title, then the scenario, the time and the cuts.
    fn export_caption(&self, title: &str) -> Vec<String> {
        let run = self.player.run();
        let when = clock::format_short(run.now()).replace('T', " ");
        let cut: Vec<String> =
            crate::model::ids::LinkId::all().into_iter().filter(|l| !run.live.links.is_up(*l)).map(|l| link_name(self.lang, l)).collect();
        let mut lines = vec![
            format!("{} — {}", t(self.lang, Key::TITLE), title),
            format!("{} · {} {}", crate::present::i18n::scenario_title(self.lang, &self.setup.scenario), t(self.lang, Key::CLOCK), when),
        ];
        if !cut.is_empty() {
            lines.push(format!("{}: {}", t(self.lang, Key::CUT), cut.join(", ")));
        }
        lines
    }

    /// What a history entry stands for: the set-up (without time, view or language) and the
    /// story step.
    fn history_step(&self) -> String {
        let exp = self.exp.as_ref().map(|e| e.to_text());
        format!("{}|{:?}|{:?}", crate::ui::uncertainty::setup_link(&self.snapshot()), self.story.map(|s| s.step), exp)
    }

    fn toggle_link(&mut self, l: LinkId, fx: &mut Vec<Effect>) {
        // a link reads at most MAX_LINK_EVENTS events: the app makes no more than it can read back
        let now = self.player.run().now().min(self.player.run().end() - 1);
        let cancels = self.setup.events.iter().rev().find(|e| e.link == l).is_some_and(|e| e.at == now);
        if self.setup.events.len() >= crate::ui::state::MAX_LINK_EVENTS && !cancels {
            let count = crate::ui::state::MAX_LINK_EVENTS.to_string();
            fx.push(Effect::Announce(fill(t(self.lang, Key::TOO_MANY_EVENTS), &[("count", &count)])));
            return;
        }
        let text = match self.player.toggle_link(l) {
            Ok(up) => {
                let run = self.player.run();
                let at = run.now().min(run.end() - 1);
                // a cut and its restore in the same hour cancel out: the link does not grow
                match self.setup.events.iter().rposition(|e| e.link == l) {
                    Some(i) if self.setup.events[i].at == at && self.setup.events[i].up != up => {
                        self.setup.events.remove(i);
                    }
                    _ => self.setup.events.push(LinkEvent { link: l, at, up }),
                }
                let state = t(self.lang, if up { Key::CONNECTED } else { Key::CUT });
                let name = fill(t(self.lang, Key::LINK_STATE), &[("link", &link_name(self.lang, l)), ("state", state)]);
                format!("{} ({})", name, clock::format_short(at).replace('T', " "))
            }
            Err(m) => m,
        };
        fx.push(Effect::Announce(text));
    }

    fn set_lang(&mut self, l: Lang, fx: &mut Vec<Effect>) {
        self.lang = l;
        fx.push(Effect::SetDocumentLang(l));
    }

    fn set_param(&mut self, name: String, raw: String) {
        self.param_error_field = None;
        let parsed: Result<f64, String> = raw.trim().parse::<f64>().map_err(|_| format!("'{}' is not a number ({})", raw, name));
        let checked = parsed.and_then(|v| params::check(&name, v).map(|_| v)).and_then(|v| {
            let mut trial = self.snapshot();
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
                    self.setup.params.remove(&name);
                } else {
                    self.setup.params.insert(name, v);
                }
                self.param_error = None;
                self.rebuild(self.player.hour());
            }
            Err(e) => {
                self.param_error = Some(e);
                self.param_error_field = Some(name);
            }
        }
    }

    /// Take a whole state (host `load`, a set-up file).
    fn load(&mut self, st: AppState, fx: &mut Vec<Effect>) {
        self.setup = Setup { scenario: st.scenario, seed: st.seed, params: st.params, events: st.events };
        self.exp = st.exp;
        self.view = st.view;
        self.set_lang(st.lang, fx);
        self.rebuild(st.t);
    }

    fn story_go(&mut self, i: usize, fx: &mut Vec<Effect>) {
        let i = i.min(STEPS.len() - 1);
        let s = &self.setup;
        if s.scenario != "june-2017" || !s.events.is_empty() || !s.params.is_empty() {
            self.setup = Setup { scenario: "june-2017".into(), seed: s.seed, params: BTreeMap::new(), events: Vec::new() };
            self.rebuild(self.player.hour());
        }
        self.story = Some(StoryPos { step: i, answer: None, revealed: false });
        if let Ok(t) = clock::parse(STEPS[i].at) {
            self.player.seek(t);
        }
        fx.push(Effect::Announce(format!("{}. {}", story::title(self.lang, i), story::text(self.lang, i))));
    }

    /// Rebuild the run from the set-up (after a change of scenario or parameters) at hour `t`.
    fn rebuild(&mut self, t: Hour) {
        let (spec, notes) = self.snapshot().run_spec();
        self.notes = notes;
        self.defaults = Rc::new(scenario::builtin(&spec.scenario.id).unwrap_or_else(|_| spec.scenario.clone()));
        self.values = Rc::new(spec.scenario.params.values.clone());
        self.player.replace(spec, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Courier;

    fn session(link: &str) -> Session {
        let (st, notes) = AppState::from_link(link);
        Session::new(st, notes, &PageOptions::parse("", link), false)
    }

    fn announced(fx: &[Effect]) -> String {
        fx.iter().filter_map(|e| if let Effect::Announce(s) = e { Some(s.as_str()) } else { None }).collect::<Vec<_>>().join(" | ")
    }

    const SF: LinkId = LinkId::Track(Courier::Sf);

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
        let fx = by_host.reduce(Action::Host { request: req, origin: "https://news.example".into() });
        by_key.reduce(Action::ToggleLink(SF));
        assert_eq!(by_host.snapshot(), by_key.snapshot());
        assert!(fx.contains(&Effect::PostState { id: Some(Id::Num(7.0)), origin: "https://news.example".into() }));
        // restoring a link that is up changes nothing
        let before = by_host.snapshot();
        let req = crate::ui::embed::parse(r#"{"protocol":"parcel-standoff","version":1,"command":"restore","link":"track.zto"}"#)
            .unwrap()
            .unwrap();
        by_host.reduce(Action::Host { request: req, origin: String::new() });
        assert_eq!(by_host.snapshot(), before);
    }

    #[test]
    fn a_seek_outside_the_run_is_refused_to_the_host_with_its_id_and_changes_nothing() {
        let mut s = session("scenario=june-2017&t=2017-05-30T10:00");
        let before = (s.snapshot(), s.player().hour());
        for t in ["2016-01-01T00:00", "2017-07-01T00:00"] {
            let json = format!(r#"{{"protocol":"parcel-standoff","version":1,"command":"seek","t":"{t}","id":"s1"}}"#);
            let req = crate::ui::embed::parse(&json).unwrap().unwrap();
            let fx = s.reduce(Action::Host { request: req, origin: "https://a.example".into() });
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
        let fx = s.reduce(Action::Host { request: req, origin: String::new() });
        assert!(!fx.iter().any(|e| matches!(e, Effect::PostError { .. })));
        assert!(s.player().at_end());
    }

    #[test]
    fn copying_the_link_of_a_page_just_opened_says_copied_until_the_state_changes() {
        let mut s = session("scenario=june-2017");
        let fx = s.reduce(Action::CopyLink);
        assert!(s.copied(), "a page that had not written its address yet");
        assert!(fx.iter().any(|e| matches!(e, Effect::WriteAddress(_))), "the address bar shows what was copied");
        s.reduce(Action::CopyFailed);
        assert!(!s.copied());
        assert!(s.notes().iter().any(|n| n.contains("address bar")), "{:?}", s.notes());
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
        assert!(announced(&fx).contains("buyers are not told"));
        s.reduce(Action::Previous);
        assert_eq!(s.story().unwrap().step, 0);
        s.reduce(Action::ToggleStory);
        assert!(s.story().is_none());
    }

    #[test]
    fn parameters_are_validated_and_reset_keeps_them_but_forgets_cuts() {
        let mut s = session("scenario=june-2017");
        s.reduce(Action::SetParam("locker_share".into(), "3".into()));
        assert!(s.param_error().unwrap().contains("0 to 1"));
        s.reduce(Action::SetParam("habit".into(), "0.1".into()));
        assert_eq!(s.param_error(), None);
        assert_eq!(s.snapshot().params.get("habit"), Some(&0.1));
        s.reduce(Action::SetParam("band_share.lt1000".into(), "0.9".into()));
        assert!(s.param_error().unwrap().contains("must add up to 1"));
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
        let fx = other.reduce(Action::LoadFile(Ok(file)));
        assert_eq!(other.snapshot(), s.snapshot());
        assert!(fx.contains(&Effect::SetDocumentLang(Lang::En)));
        let before = s.snapshot();
        s.reduce(Action::LoadFile(Ok(
            "{\"format\":\"parcel-standoff/1\",\"setup\":{\"scenario\":\"<b>\",\"t\":0,\"view\":\"explorer\",\"lang\":\"en\"}}".into(),
        )));
        assert!(s.load_error().unwrap().contains("unknown scenario"));
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
        let (st, notes) = AppState::from_link(link);
        let s = Session::new(st, notes, &PageOptions::parse(&format!("?{link}"), ""), false);
        assert_eq!(s.player().hour(), 24 * 4 + 12, "t= wins over from=");
        let link = "scenario=june-2017&from=2017-06-01T00:00";
        let (st, notes) = AppState::from_link(link);
        let s = Session::new(st, notes, &PageOptions::parse(&format!("?{link}"), ""), false);
        assert_eq!(s.player().hour(), 24 * 3, "without t= the run opens at from=");
    }

    #[test]
    fn an_embed_stops_at_its_end_time_and_pauses_when_hidden() {
        let link = "embed=1&autoplay=1&scenario=june-2017&to=2017-05-29T05:00";
        let (st, notes) = AppState::from_link(link);
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
        let (st, notes) = AppState::from_link(link);
        assert!(!Session::new(st, notes, &PageOptions::parse("", link), true).player().is_playing());
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
        let (st, notes) = AppState::from_link(link);
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
}
