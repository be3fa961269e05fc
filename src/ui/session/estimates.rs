//! The estimates part of the session: whether bands are wanted, which requests to the workers
//! are current, and what came back (bands, the ranking of the assumptions, an experiment's
//! results). The session asks it for a request when the set-up changes (a counter tells), and
//! hands it the workers' replies as actions.

use crate::ui::experiment::{Experiment, Results};
use crate::ui::uncertainty::{Answer, Bands, Ranking, Reply, Request, Shown, Task, POINTS, SEEDS};

/// The page's side: whether bands are wanted, which requests are current, and what came back.
/// Pure: the page tells it when the set-up changes and hands it the worker's messages.
pub struct Estimates {
    pub on: bool,
    /// The charts' bands show what the assumptions allow each world's level to be, instead of
    /// the interval of the effect (run − no cuts).
    pub levels: bool,
    /// The set-up (a link without time, view or language) the bands are for.
    setup: String,
    next_id: u64,
    bands_id: u64,
    rank_id: u64,
    /// Runs done and in all, while the bands are computed.
    pub progress: Option<(usize, usize)>,
    pub rank_progress: Option<(usize, usize)>,
    pub bands: Option<std::rc::Rc<Bands>>,
    /// The bands of the set-up before, kept while the new ones are computed: the cards show
    /// their intervals greyed instead of jumping (None once the new ones are here, or when
    /// bands are off).
    pub previous: Option<std::rc::Rc<Bands>>,
    pub ranking: Option<std::rc::Rc<Ranking>>,
    /// The effect the ranking is for (an id of `ensemble::effects()`).
    pub effect: String,
    /// Why the last request was refused.
    pub error: Option<String>,
    /// No worker could start: the page computes in slices.
    pub in_page: bool,
    /// The experiment asked for (its set-up link and `Experiment::to_text`), its progress, its
    /// result once back, and why it was refused.
    exp_for: (String, String),
    exp_id: u64,
    /// The set-up link of `results`.
    results_link: String,
    pub exp_progress: Option<(usize, usize)>,
    pub results: Option<std::rc::Rc<Results>>,
    pub exp_error: Option<String>,
}

impl Default for Estimates {
    fn default() -> Self {
        Estimates {
            on: true,
            levels: false,
            setup: String::new(),
            next_id: 0,
            bands_id: 0,
            rank_id: 0,
            progress: None,
            rank_progress: None,
            bands: None,
            previous: None,
            ranking: None,
            effect: "sf_lasting_loss".into(),
            error: None,
            in_page: false,
            exp_for: (String::new(), String::new()),
            exp_id: 0,
            results_link: String::new(),
            exp_progress: None,
            results: None,
            exp_error: None,
        }
    }
}

impl Estimates {
    /// What the "How sure is this?" panel shows of these estimates.
    pub fn shown(&self) -> Shown {
        Shown {
            on: self.on,
            levels: self.levels,
            in_page: self.in_page,
            progress: self.progress,
            rank_progress: self.rank_progress,
            error: self.error.clone(),
            effect: self.effect.clone(),
            bands: self.bands.as_ref().map(|b| (b.effects.clone(), b.effect_rests.clone(), b.factors.clone(), b.digest)),
            ranking: self.ranking.as_deref().cloned(),
        }
    }

    /// Bands wanted from the start (`on`), or only when switched on.
    pub fn new(on: bool) -> Estimates {
        Estimates { on, ..Estimates::default() }
    }

    fn request(&mut self, task: Task) -> Request {
        self.next_id += 1;
        Request { id: self.next_id, link: self.setup.clone(), task }
    }

    /// The set-up now shown (`setup_link`); a request when the bands must be computed again.
    pub fn set_up(&mut self, link: &str) -> Option<Request> {
        if link == self.setup && (self.bands.is_some() || self.progress.is_some() || !self.on) {
            return None;
        }
        if link != self.setup {
            self.setup = link.to_string();
            if let Some(b) = self.bands.take() {
                self.previous = Some(b);
            }
            self.ranking = None;
            self.rank_progress = None;
            self.rank_id = 0;
            self.error = None;
        }
        if !self.on {
            self.previous = None;
            self.progress = None;
            self.bands_id = 0;
            return None;
        }
        let r = self.request(Task::Bands { shard: (0, 1) });
        self.bands_id = r.id;
        self.progress = Some((0, POINTS * SEEDS + 1));
        Some(r)
    }

    /// Bands on or off; a request when they are switched on and missing.
    pub fn toggle(&mut self) -> Option<Request> {
        self.on = !self.on;
        let link = self.setup.clone();
        self.setup.clear();
        self.set_up(&link)
    }

    /// The bands the cards read: the current ones, else the previous set-up's while the new
    /// ones are computed (`true`: they are the previous set-up's, shown greyed).
    pub fn for_cards(&self) -> Option<(std::rc::Rc<Bands>, bool)> {
        match (&self.bands, &self.previous) {
            (Some(b), _) => Some((b.clone(), false)),
            (None, Some(p)) if self.progress.is_some() => Some((p.clone(), true)),
            _ => None,
        }
    }

    /// Rank the assumptions for `effect`.
    pub fn rank(&mut self, effect: &str) -> Option<Request> {
        self.effect = effect.to_string();
        self.ranking = None;
        let r = self.request(Task::Rank { effect: effect.to_string(), shard: (0, 1) });
        self.rank_id = r.id;
        self.rank_progress = Some((0, 1));
        Some(r)
    }

    /// The experiment now set up on the set-up `link` (`setup_link`); a request when it must be
    /// computed. Experiments run whether bands are on or off (a reader asked for them).
    pub fn experiment(&mut self, link: &str, exp: Option<&Experiment>) -> Option<Request> {
        let text = exp.map(|e| e.to_text()).unwrap_or_default();
        if (link, text.as_str()) == (self.exp_for.0.as_str(), self.exp_for.1.as_str()) {
            return None;
        }
        self.exp_for = (link.to_string(), text.clone());
        self.exp_error = None;
        // the same sweep with only another effect to draw: the runs already hold every effect
        let same_runs = |r: &Results| Experiment::from_text(&r.experiment).ok().map(|e| e.kind) == exp.map(|e| e.kind.clone());
        if let (Some(r), Some(e)) = (&self.results, exp) {
            if self.exp_id == 0 && same_runs(r) && self.results_link == link {
                self.results = Some(std::rc::Rc::new(Results { experiment: e.to_text(), ..(**r).clone() }));
                return None;
            }
        }
        self.results = None;
        if exp.is_none() {
            self.exp_progress = None;
            self.exp_id = 0;
            return None;
        }
        let mut r = self.request(Task::Experiment(text));
        r.link = link.to_string();
        self.exp_id = r.id;
        self.results_link = link.to_string();
        self.exp_progress = Some((0, 1));
        Some(r)
    }

    /// A message from the worker; true if anything shown changed. Answers to requests that
    /// are no longer current are dropped.
    pub fn reply(&mut self, r: Reply) -> bool {
        match r {
            Reply::Progress { id, done, total } if id == self.bands_id && id != 0 => self.progress = Some((done, total)),
            Reply::Progress { id, done, total } if id == self.rank_id && id != 0 => self.rank_progress = Some((done, total)),
            Reply::Progress { id, done, total } if id == self.exp_id && id != 0 => self.exp_progress = Some((done, total)),
            Reply::Answer { id, answer: Answer::Experiment(r) } if id == self.exp_id && id != 0 => {
                self.results = Some(std::rc::Rc::new(r));
                self.exp_progress = None;
                self.exp_id = 0;
            }
            Reply::Refused { id, message } if id == self.exp_id && id != 0 => {
                self.exp_progress = None;
                self.exp_id = 0;
                self.exp_error = Some(message);
            }
            Reply::Answer { id, answer: Answer::Bands(b) } if id == self.bands_id && id != 0 => {
                self.bands = Some(std::rc::Rc::new(b));
                self.previous = None;
                self.progress = None;
            }
            Reply::Answer { id, answer: Answer::Rank(r) } if id == self.rank_id && id != 0 => {
                self.ranking = Some(std::rc::Rc::new(r));
                self.rank_progress = None;
            }
            Reply::Refused { id, message } if id == 0 || id == self.bands_id || id == self.rank_id => {
                if id == self.bands_id {
                    self.progress = None;
                    self.previous = None;
                }
                if id == self.rank_id {
                    self.rank_progress = None;
                }
                self.error = Some(message);
            }
            _ => return false,
        }
        true
    }
}
