//! Everything a person, the embedding page, the workers or the clock can do (`Action`), and
//! what the page must do afterwards (`Effect`).

use crate::model::clock::Hour;
use crate::model::ids::LinkId;
use crate::present::i18n::Lang;
use crate::ui::embed::{Id, Request as HostRequest};
use crate::ui::state::AppState;
use crate::ui::uncertainty::Request;
use crate::ui::views::{ChartKind, View};

/// Something a person (or the embedding page, or the clock) does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The texts of a language the page fetches arrived: what is shown is drawn again in it.
    TextsArrived,
    /// They could not be had: the page stays in English and says so.
    TextsFailed,
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
    /// Light, dark, or as the reader's system prefers (the toolbar, a link, the host).
    SetTheme(crate::present::palette::Theme),
    /// The reader's system started or stopped preferring dark (`prefers-color-scheme`).
    ReaderPrefersDark(bool),
    ChooseScenario(String),
    /// A parameter's new value as typed.
    SetParam(String, String),
    ResetParams,
    /// A whole state (the host's `load`).
    Load(AppState),
    /// A set-up file's text, or why it could not be read.
    LoadFile(Result<String, String>),
    /// A set-up file read (`Effect::ReadFile`): the state it holds as a link
    /// (`AppState::file_link`), or why it is refused.
    FileRead(Result<String, String>),
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
    /// Commands from the embedding page, in the order they came (one, or a burst that arrived
    /// together), each with the origin to answer: each is answered, and a load, seek or cut the
    /// next one replaces is skipped (the last state wins; a burst costs about one command).
    Hosts(Vec<(HostRequest, String)>),
    /// The page became visible (true) or hidden / scrolled away (false).
    Visible(bool),
    /// "How sure is this?": the reader's asks and the workers' replies.
    Estimate(Ask),
    /// Show and focus a parameter's field (a bar of the ranking was pressed).
    OpenParam(String),
}

impl Action {
    /// One command from the embedding page, and the origin to answer.
    pub fn host(request: HostRequest, origin: impl Into<String>) -> Action {
        Action::Hosts(vec![(request, origin.into())])
    }
}

/// What "How sure is this?" is told: by the reader (its panel) or by the workers.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// Bands on or off.
    ToggleBands,
    /// The charts' bands: of the effect (the default), or of each world's level.
    ToggleLevels,
    /// Rank the assumptions for the chosen effect.
    Rank,
    /// Choose the effect the ranking is for.
    Effect(String),
    /// A worker's message (`uncertainty::Reply` as text).
    Reply(String),
    /// No worker could start: the page computes in slices.
    NoWorker,
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
    /// Read a set-up file's text (in the panels' module: `AppState::file_link`) and answer with
    /// `Action::FileRead`.
    ReadFile(String),
    /// Put the page's address with this fragment on the clipboard.
    CopyLink(String),
    /// Replace the address's fragment (no history entry): time moved, or the view or language.
    WriteAddress(String),
    /// A new history entry with this fragment: a meaningful step (a cut, a scenario, a
    /// parameter, a story step), so that Back returns to the state before it.
    PushAddress(String),
    SetDocumentLang(Lang),
    /// Draw the page light or dark (`true`): its style and the canvases.
    SetTheme(bool),
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
    /// Ask the workers for a computation (bands, a ranking, an experiment).
    Compute(Request),
    /// Show and focus a parameter's field.
    FocusParam(String),
    /// Move the keyboard focus to the element with this id once the page is drawn (the story:
    /// the first choice after Next, the explanation after Reveal).
    Focus(&'static str),
    /// What is shown changed: render again.
    Render,
}
