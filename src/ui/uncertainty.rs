//! "How sure is this?" for the page: the ensemble and the ranking of the current set-up, computed
//! one run at a time so that a Web Worker (or, when no worker can start, the page itself in
//! slices) can report progress and drop a job when a newer set-up arrives.
//!
//! A job is described by the app's own link (`AppState::to_link`), so the worker reads exactly
//! the set-up the page shows; its plan is `model::ensemble::plan` with the seeds and design seed
//! of `standoff ensemble`, so its numbers are the command line's. Results travel as plain text
//! (`Bands::to_text` / `from_text`): numbers written in their shortest exact form, so what the
//! page draws is bit-identical to what the worker computed.

use crate::model::clock::Hour;
use crate::model::decimal::Shortest;
use crate::model::design::Factor;
use crate::model::ensemble::{self, Outcome, Plan};
use crate::model::run::{Builder, RunSpec};
use crate::ui::address::shortest;
use crate::ui::experiment::{Experiment, Kind as ExpKind, Results, SEEDS as SEEDS_EXP};
use crate::ui::state::AppState;

/// Design points × seeds of the page's ensemble: the CLI's default (`standoff ensemble`).
pub const POINTS: usize = 16;
pub const SEEDS: usize = 4;
pub const DESIGN_SEED: u64 = 1;
/// Seeds per end of each parameter in the ranking (common to both ends, so that a swing is
/// measured as paired differences and compared with the seed noise): `standoff ensemble`'s 4, so
/// both rank alike. Three is the fewest that can tell a swing from the noise
/// (`ensemble::MIN_SEEDS`), but ranks a pure reshuffle 9 % of the time against 3 % with four
/// (docs/model.md). (2 × parameters + 1) × 4 runs, split over the workers.
pub const RANK_SEEDS: usize = 4;

/// The hourly series the ensemble records (names of `model::output::columns()`): those the
/// charts draw bands for (`present::charts`), then those only the number cards read.
pub fn series() -> Vec<String> {
    let mut v = crate::present::charts::band_columns();
    for c in crate::present::cards::COLUMNS {
        if !v.iter().any(|x| x == c) {
            v.push(c.to_string());
        }
    }
    v
}

pub use crate::present::cards::CARDS;

/// What to compute.
#[derive(Clone, Debug, PartialEq)]
pub enum Task {
    /// Bands around every chart line and intervals on every card. Shard `k` of `n` computes the
    /// runs whose index is `k` modulo `n` (the page spreads them over its cores); shard 0 takes
    /// the others' outcomes (`Scheduler::submit` of `m\t<id>\n<outcomes>`) and answers.
    Bands { shard: (usize, usize) },
    /// How much each uncertain parameter moves effect `effect` (an id of `ensemble::effects()`).
    /// Sharded as the bands are (the page spreads its runs over its workers).
    Rank { effect: String, shard: (usize, usize) },
    /// A sweep or A/B comparison (`Experiment::to_text`) on top of the set-up.
    Experiment(String),
}

impl Task {
    /// Shard `k` of `n` of a job the workers share (the bands, a ranking); other jobs as they are.
    pub fn shard(&self, k: usize, n: usize) -> Task {
        match self {
            Task::Bands { .. } => Task::Bands { shard: (k, n) },
            Task::Rank { effect, .. } => Task::Rank { effect: effect.clone(), shard: (k, n) },
            t => t.clone(),
        }
    }

    /// Which of the three jobs it is (a newer request replaces the job of its kind).
    pub fn slot(&self) -> usize {
        match self {
            Task::Bands { .. } => 0,
            Task::Rank { .. } => 1,
            Task::Experiment(_) => 2,
        }
    }
}

/// A request: which set-up (the app's link) and what to compute.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub id: u64,
    pub link: String,
    pub task: Task,
}

impl Request {
    /// One line: `id`, task, link (the link never holds a newline or a tab).
    pub fn to_text(&self) -> String {
        let task = match &self.task {
            Task::Bands { shard: (0, 1) } => "bands".to_string(),
            Task::Bands { shard: (k, n) } => format!("bands:{k}/{n}"),
            Task::Rank { effect, shard: (0, 1) } => format!("rank:{effect}"),
            Task::Rank { effect, shard: (k, n) } => format!("rank:{k}/{n}:{effect}"),
            Task::Experiment(e) => format!("exp:{e}"),
        };
        format!("{}\t{}\t{}", self.id, task, self.link)
    }
    pub fn from_text(text: &str) -> Result<Request, String> {
        let mut it = text.splitn(3, '\t');
        let id = it.next().and_then(|s| s.parse().ok()).ok_or("a request starts with its number")?;
        let task = match it.next() {
            Some("bands") => Task::Bands { shard: (0, 1) },
            Some(t) if t.starts_with("bands:") => {
                let (k, n) = t[6..].split_once('/').ok_or("a shard is k/n")?;
                let (k, n) = (k.parse().map_err(|_| "a shard is k/n")?, n.parse().map_err(|_| "a shard is k/n")?);
                if k >= n || n > 64 {
                    return Err("a shard is k/n with k < n ≤ 64".into());
                }
                Task::Bands { shard: (k, n) }
            }
            Some(t) if t.starts_with("rank:") => match t[5..].split_once(':') {
                None => Task::Rank { effect: t[5..].to_string(), shard: (0, 1) },
                Some((sh, effect)) => {
                    let bad = || "a shard is k/n with k < n ≤ 64".to_string();
                    let (k, n) = sh.split_once('/').ok_or_else(bad)?;
                    let (k, n): (usize, usize) = (k.parse().map_err(|_| bad())?, n.parse().map_err(|_| bad())?);
                    if k >= n || n > 64 {
                        return Err(bad());
                    }
                    Task::Rank { effect: effect.to_string(), shard: (k, n) }
                }
            },
            Some(t) if t.starts_with("exp:") => Task::Experiment(t[4..].to_string()),
            _ => return Err("unknown task".into()),
        };
        let link = it.next().ok_or("a request ends with a link")?.to_string();
        Ok(Request { id, link, task })
    }
}

/// The set-up of a link as the ensemble sees it: the run, and the parameters the reader set by
/// hand (held at their values, as `standoff ensemble --set` does).
pub fn setup(link: &str) -> Result<(RunSpec, Vec<String>), String> {
    let (state, notes) = AppState::from_link(link);
    if let Some(n) = notes.first() {
        return Err(n.clone());
    }
    let (spec, notes) = state.run_spec();
    if let Some(n) = notes.first() {
        return Err(n.clone());
    }
    Ok((spec, state.params.keys().cloned().collect()))
}

/// The ensemble of `standoff ensemble` for this set-up (16 points × 4 seeds, design seed 1).
pub fn ensemble_spec(spec: RunSpec, pinned: Vec<String>) -> ensemble::EnsembleSpec {
    let seeds = ensemble::seeds(spec.scenario.seed, SEEDS);
    ensemble::EnsembleSpec { spec, points: POINTS, seeds, design_seed: DESIGN_SEED, pinned, series: series() }
}

/// One job in progress.
pub struct Job {
    pub id: u64,
    link: String,
    kind: Kind,
    runs: Vec<RunSpec>,
    /// Indices of the runs this shard computes, and how many of them are done.
    mine: Vec<usize>,
    next: usize,
    /// Every run's outcome, in plan order, as it arrives (here or from the other shards).
    outs: Vec<Option<Outcome>>,
    shard: (usize, usize),
    /// The run in progress when computed a few model steps at a time (`advance`).
    building: Option<Builder>,
}

enum Kind {
    Bands {
        plan: Box<Plan>,
        start: Hour,
    },
    Rank {
        factors: Vec<Factor>,
        effect: usize,
        seeds: usize,
    },
    /// A sweep (its swept values per set-up) or an A/B comparison (no values; series kept),
    /// each set-up run with `experiment::SEEDS` seeds.
    Experiment {
        text: String,
        points: Vec<Vec<f64>>,
        series: Vec<String>,
    },
}

impl Job {
    pub fn new(req: &Request) -> Result<Job, String> {
        let (spec, pinned) = setup(&req.link)?;
        let start = spec.scenario.start;
        let shard = match req.task {
            Task::Bands { shard } | Task::Rank { shard, .. } => shard,
            _ => (0, 1),
        };
        let (kind, runs) = match &req.task {
            Task::Bands { .. } => {
                let plan = ensemble::plan(&ensemble_spec(spec, pinned))?;
                let mut runs = plan.runs.clone();
                runs.push(plan.central.clone());
                (Kind::Bands { plan: Box::new(plan), start }, runs)
            }
            Task::Rank { effect, .. } => {
                let effect = ensemble::effect_index(effect)?;
                let seeds = ensemble::seeds(spec.scenario.seed, RANK_SEEDS);
                let (factors, runs) = ensemble::swing_plan(&spec, &pinned, &seeds)?;
                (Kind::Rank { factors, effect, seeds: seeds.len() }, runs)
            }
            Task::Experiment(text) => {
                let e = Experiment::from_text(text)?;
                let setups = e.setups(&spec).map_err(|r| r.english())?;
                // an A/B draws its effect over time: keep the series of the charts
                let series = match e.kind {
                    ExpKind::Compare { .. } => series(),
                    ExpKind::Sweep(_) => Vec::new(),
                };
                let (points, setups): (Vec<_>, Vec<_>) = setups.into_iter().unzip();
                let runs = crate::ui::experiment::with_seeds(&setups, &ensemble::seeds(spec.scenario.seed, SEEDS_EXP));
                (Kind::Experiment { text: e.to_text(), points, series }, runs)
            }
        };
        let mine = (0..runs.len()).filter(|i| i % shard.1 == shard.0).collect();
        Ok(Job { id: req.id, link: req.link.clone(), kind, outs: vec![None; runs.len()], runs, mine, next: 0, shard, building: None })
    }

    /// Runs this shard computes, and how many are done.
    pub fn total(&self) -> usize {
        self.mine.len()
    }
    pub fn done(&self) -> usize {
        self.next
    }
    /// Every run's outcome is here (computed or received).
    pub fn finished(&self) -> bool {
        self.outs.iter().all(|o| o.is_some())
    }
    fn own_done(&self) -> bool {
        self.next == self.mine.len()
    }

    /// Compute the next of this shard's runs (one run and its baseline). True when this shard's
    /// runs are done.
    pub fn step(&mut self) -> bool {
        self.advance(usize::MAX);
        self.own_done()
    }

    /// Take at most `steps` model steps of this shard's next run (`run::Builder`: the run is the
    /// one `step` computes, bit for bit); true when that run has just been finished. The page
    /// computes so, a slice of each frame, when no worker can start: a heavy run is never one task.
    pub fn advance(&mut self, steps: usize) -> bool {
        let Some(&i) = self.mine.get(self.next) else { return false };
        let b = self.building.get_or_insert_with(|| Builder::new(self.runs[i].clone(), true, self.runs[i].end()));
        if !b.work(steps) {
            return false;
        }
        let run = self.building.take().and_then(Builder::finish).expect("a builder that says it is done finishes");
        let series: &[String] = match &self.kind {
            Kind::Bands { plan, .. } => &plan.series,
            Kind::Rank { .. } => &[],
            Kind::Experiment { series, .. } => series,
        };
        self.outs[i] = Some(ensemble::outcome(&run, series));
        self.next += 1;
        true
    }

    /// This shard's outcomes as text (for shard 0): `r\t<index>\t<effects>` then each series'
    /// run and baseline, numbers in their shortest exact form.
    fn outcomes_text(&self) -> String {
        let mut out = String::new();
        for &i in &self.mine {
            let Some(o) = &self.outs[i] else { continue };
            out += &outcome_line(i, o);
        }
        out
    }

    /// Take another shard's outcomes.
    fn merge(&mut self, text: &str) -> Result<(), String> {
        for line in text.lines() {
            let (i, o) = parse_outcome(line)?;
            if i >= self.outs.len() {
                return Err("an outcome that belongs to no run".into());
            }
            self.outs[i] = Some(o);
        }
        Ok(())
    }

    /// The result, once finished.
    pub fn result(&self) -> Option<Answer> {
        if !self.finished() {
            return None;
        }
        let all: Vec<Outcome> = self.outs.iter().flatten().cloned().collect();
        if let Kind::Experiment { text, points, .. } = &self.kind {
            return Some(Answer::Experiment(Results::gather(text.clone(), points.clone(), &all, SEEDS_EXP)));
        }
        let (outs, central) = all.split_at(all.len().saturating_sub(1));
        Some(match &self.kind {
            Kind::Bands { plan, start } => Answer::Bands(bands(plan, outs, &central[0], *start)),
            Kind::Rank { factors, effect, seeds } => {
                let (swings, noise) = ensemble::ranking(factors, &all, *seeds, *effect);
                Answer::Rank(Ranking { effect: ensemble::effects()[*effect].id.to_string(), swings, noise })
            }
            Kind::Experiment { .. } => unreachable!("answered above"),
        })
    }
}

/// Where jobs run (the worker, or the page in slices when no worker can start): one job for the
/// bands and one for a ranking; bands first. A newer request replaces the job of its kind, and
/// bands for another set-up drop a ranking of the old one.
///
/// Messages to the page (text): `p\t<id>\t<done>\t<total>` (progress of this shard),
/// `a\t<id>\n<answer>`, `o\t<id>\n<outcomes>` (a shard other than 0 is done: the page hands
/// them to shard 0 as `m\t<id>\n<outcomes>`), `x\t<id>\t<message>` (refused).
#[derive(Default)]
pub struct Scheduler {
    bands: Option<Job>,
    rank: Option<Job>,
    exp: Option<Job>,
}

fn progress(j: &Job) -> String {
    format!("p\t{}\t{}\t{}", j.id, j.done(), j.total())
}

impl Scheduler {
    /// Take a request (`Request::to_text`); the first message to the page.
    pub fn submit(&mut self, text: &str) -> String {
        if let Some(rest) = text.strip_prefix("m\t") {
            let (id, outcomes) = rest.split_once('\n').unwrap_or((rest, ""));
            // the bands' job or a ranking's
            let Some(slot) = [&mut self.bands, &mut self.rank].into_iter().find(|s| s.as_ref().is_some_and(|j| id.parse() == Ok(j.id)))
            else {
                return String::new();
            };
            let j = slot.as_mut().expect("found above");
            if let Err(e) = j.merge(outcomes) {
                let id = j.id;
                *slot = None;
                return format!("x\t{id}\t{e}");
            }
            return if j.own_done() { self.work() } else { String::new() };
        }
        let req = match Request::from_text(text) {
            Ok(r) => r,
            Err(e) => return format!("x\t0\t{e}"),
        };
        let job = Job::new(&req);
        if req.task.slot() == 0 && self.rank.as_ref().is_some_and(|r| r.link != req.link) {
            self.rank = None;
        }
        let slot = [&mut self.bands, &mut self.rank, &mut self.exp].into_iter().nth(req.task.slot()).expect("three slots");
        match job {
            Ok(j) => {
                let m = progress(&j);
                *slot = Some(j);
                m
            }
            Err(e) => {
                *slot = None;
                format!("x\t{}\t{}", req.id, crate::model::shorten(&e, 300))
            }
        }
    }

    /// Compute one run; the message to the page, or "" when there is nothing to do.
    pub fn work(&mut self) -> String {
        self.work_steps(usize::MAX)
    }

    /// Take at most `steps` model steps of the job at hand (the page, without a worker, calls
    /// this for ~12 ms a frame); the message to the page once a run is done, "" while a run is
    /// under way or when there is nothing to do (`idle` tells which).
    pub fn work_steps(&mut self, steps: usize) -> String {
        // bands first (unless they only wait for another shard), then an experiment, then a ranking
        let bands_busy = self.bands.as_ref().is_some_and(|j| !j.own_done() || j.finished());
        let slot = if bands_busy || (self.rank.is_none() && self.exp.is_none()) {
            &mut self.bands
        } else if self.exp.is_some() {
            &mut self.exp
        } else {
            &mut self.rank
        };
        let Some(j) = slot.as_mut() else { return String::new() };
        if !j.own_done() {
            if !j.advance(steps) {
                return String::new();
            }
            if !j.own_done() {
                return progress(j);
            }
        }
        if j.shard.0 != 0 {
            let m = format!("o\t{}\n{}", j.id, j.outcomes_text());
            *slot = None;
            return m;
        }
        if !j.finished() {
            // shard 0 waits for the others' outcomes; tell the page its own runs are done
            return if j.done() == j.total() && j.total() > 0 { String::new() } else { progress(j) };
        }
        let m = match j.result() {
            Some(a) => format!("a\t{}\n{}", j.id, a.to_text()),
            None => format!("x\t{}\tno answer", j.id),
        };
        *slot = None;
        m
    }

    /// Nothing to compute now (a job may still wait for another shard's outcomes).
    pub fn idle(&self) -> bool {
        let waits = |j: &Option<Job>| j.as_ref().is_none_or(|j| j.own_done() && !j.finished());
        waits(&self.bands) && waits(&self.rank) && self.exp.is_none()
    }
}

/// A message from where the jobs run.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Progress { id: u64, done: usize, total: usize },
    Answer { id: u64, answer: Answer },
    Refused { id: u64, message: String },
}

impl Reply {
    pub fn from_text(text: &str) -> Result<Reply, String> {
        let (head, body) = text.split_once('\n').unwrap_or((text, ""));
        let f: Vec<&str> = head.splitn(4, '\t').collect();
        let num = |s: &str| s.parse::<u64>().map_err(|_| "an unreadable message from the worker".to_string());
        match f.as_slice() {
            ["p", id, d, t] => Ok(Reply::Progress { id: num(id)?, done: num(d)? as usize, total: num(t)? as usize }),
            ["a", id] => Ok(Reply::Answer { id: num(id)?, answer: Answer::from_text(body)? }),
            ["x", id, m] => Ok(Reply::Refused { id: num(id)?, message: m.to_string() }),
            _ => Err("an unknown message from the worker".into()),
        }
    }
}

/// What a job gives back.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Bands(Bands),
    Rank(Ranking),
    Experiment(Results),
}

impl Answer {
    pub fn to_text(&self) -> String {
        match self {
            Answer::Bands(b) => b.to_text(),
            Answer::Rank(r) => r.to_text(),
            Answer::Experiment(r) => results_text(r),
        }
    }
    pub fn from_text(text: &str) -> Result<Answer, String> {
        if text.starts_with("bands") {
            Bands::from_text(text).map(Answer::Bands)
        } else if text.starts_with("exp\t") {
            results_from_text(text).map(Answer::Experiment)
        } else {
            Ranking::from_text(text).map(Answer::Rank)
        }
    }
}

/// Per hour: the 10, 50 and 90 % of the ensemble.
pub type Quantiles = Vec<[f64; 3]>;

#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    pub runs: usize,
    pub start: Hour,
    /// `ensemble::Summary` for `series()`, in that order.
    pub series: Vec<ensemble::Band>,
    /// Per card (in the order of `session::Readouts`): its difference from the baseline.
    pub cards: Vec<Quantiles>,
    /// `ensemble::effects()`: central value and 10/50/90 %.
    pub effects: Vec<(f64, [f64; 3])>,
    /// The uncertain parameters the ensemble varied (names), which `Rests::Assumption` points into.
    pub factors: Vec<String>,
    /// What each card's difference rests on, hour by hour (cards in order), and each effect.
    pub card_rests: Vec<Vec<Rests>>,
    pub effect_rests: Vec<Rests>,
    /// `ensemble::digest` of every run's effects: equal to `standoff ensemble`'s for the same set-up.
    pub digest: u64,
}

impl Bands {
    /// The band of a series of `series()`.
    pub fn series(&self, name: &str) -> Option<&ensemble::Band> {
        self.series.iter().find(|b| b.name == name)
    }
    /// What card `k`'s interval rests on after `n` simulated hours.
    pub fn card_rests(&self, k: usize, n: usize) -> Rests {
        n.checked_sub(1).and_then(|h| self.card_rests.get(k)?.get(h)).copied().unwrap_or(Rests::Nothing)
    }
    /// "likely A to B" for card `k` after `n` simulated hours (`None` before the first hour, and
    /// where the card's group is too small).
    pub fn card(&self, k: usize, n: usize) -> Option<[f64; 3]> {
        n.checked_sub(1).and_then(|h| self.cards.get(k)?.get(h)).copied().filter(|q| q.iter().all(|x| x.is_finite()))
    }

    /// A chart line's interval (10/50/90 %, in the axis's units) at hour index `idx`: of its
    /// change from the baseline, or of its level (`levels`). One interval per quantity: the
    /// chart's readout and the story's evidence read it here, a card's line its card's.
    pub fn line(&self, line: &crate::present::charts::Series, idx: usize, levels: bool) -> Option<[f64; 3]> {
        use crate::present::charts::BandOf;
        match line.band {
            BandOf::Card(k) => self.card(k, idx + 1),
            BandOf::Column => {
                let band = self.series(&line.column)?;
                (if levels { &band.run } else { &band.diff }).get(idx).map(|q| q.map(|x| x * line.scale))
            }
            BandOf::None => None,
        }
    }
}

fn bands(plan: &Plan, outs: &[Outcome], central: &Outcome, start: Hour) -> Bands {
    let sum = ensemble::summarize(plan, outs, central);
    // each member's cards, run minus baseline, hour by hour (NaN where a group is too small)
    let per_member: Vec<[Vec<f64>; CARDS]> = outs
        .iter()
        .map(|o| {
            let (run, base) = card_series(&o.run, &o.baseline);
            std::array::from_fn(|k| run[k].iter().zip(&base[k]).map(|(a, b)| a - b).collect())
        })
        .collect();
    let hours = per_member.iter().map(|m| m[0].len()).min().unwrap_or(0);
    let cards: Vec<Quantiles> =
        (0..CARDS).map(|k| (0..hours).map(|h| card_quantiles(per_member.iter().map(|m| m[k][h]))).collect()).collect();
    let effects: Vec<(f64, [f64; 3])> = sum.intervals.iter().map(|i| (i.central, i.q)).collect();
    let card_rests = (0..CARDS)
        .map(|k| {
            (0..hours)
                .map(|h| {
                    let xs: Vec<f64> = per_member.iter().map(|m| m[k][h]).collect();
                    let q: &[f64; 3] = &cards[k][h];
                    Rests::of(*q, ensemble::basis(plan, &xs))
                })
                .collect()
        })
        .collect();
    let effect_rests = (0..effects.len())
        .map(|k| Rests::of(effects[k].1, ensemble::basis(plan, &outs.iter().map(|o| o.effects[k]).collect::<Vec<_>>())))
        .collect();
    let factors = plan.factors.iter().map(|f| f.name.clone()).collect();
    Bands { runs: outs.len(), start, series: sum.bands, cards, effects, factors, card_rests, effect_rests, digest: ensemble::digest(outs) }
}

/// What a number's interval rests on, in a few words (the words are the interface's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rests {
    /// No effect yet (nothing cut), or no interval.
    Nothing,
    /// The interval is narrow beside the effect (its width at most half the median): a result
    /// of the cuts, which holds across the assumptions.
    Result,
    /// Wide, and one assumption makes at least 60 % of the variance: mostly that assumption (an
    /// index into `Bands::factors`). With 16 design points and some 90 assumptions, a share of
    /// up to about 0.4 comes by chance alone, so it takes 0.6 to name one.
    Assumption(usize),
    /// Wide, and the random seeds make at least half of the variance.
    Chance,
    /// Wide, and no single assumption nor the seeds make half of it.
    Several,
}

impl Rests {
    /// From an interval (10/50/90 %) and the ensemble's variance shares.
    pub fn of(q: [f64; 3], b: ensemble::Basis) -> Rests {
        if q.iter().any(|x| !x.is_finite()) {
            return Rests::Nothing;
        }
        let (width, size) = (q[2] - q[0], q[1].abs());
        if size <= 1e-12 && width <= 1e-12 {
            return Rests::Nothing;
        }
        if width <= 0.5 * size {
            return Rests::Result;
        }
        match b.top {
            Some((j, share)) if share >= 0.6 => Rests::Assumption(j),
            _ if b.seed_share >= 0.5 => Rests::Chance,
            _ => Rests::Several,
        }
    }
    fn code(self) -> usize {
        match self {
            Rests::Nothing => 0,
            Rests::Result => 1,
            Rests::Chance => 2,
            Rests::Several => 3,
            Rests::Assumption(j) => 10 + j,
        }
    }
    fn from_code(c: usize) -> Rests {
        match c {
            1 => Rests::Result,
            2 => Rests::Chance,
            3 => Rests::Several,
            10.. => Rests::Assumption(c - 10),
            _ => Rests::Nothing,
        }
    }
}

fn rests_text(v: &[Rests]) -> String {
    v.iter().map(|r| r.code().to_string()).collect::<Vec<_>>().join(",")
}
fn rests_from_text(s: &str) -> Result<Vec<Rests>, String> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    s.split(',').map(|x| x.parse().map(Rests::from_code).map_err(|_| "an unreadable tag in the answer".to_string())).collect()
}

/// A card's 10/50/90 % over the members whose groups are large enough; NaN when more than one
/// member in ten is not (an interval over the rest would favour the worlds where more parcels
/// got through).
fn card_quantiles(xs: impl Iterator<Item = f64>) -> [f64; 3] {
    let all: Vec<f64> = xs.collect();
    let ok: Vec<f64> = all.iter().copied().filter(|x| x.is_finite()).collect();
    if 10 * ok.len() < 9 * all.len() {
        return [f64::NAN; 3];
    }
    ensemble::quantiles(&ok)
}

/// The five cards at every hour of a run and its baseline, from their recorded `series()`: the
/// formulas of `present::cards`, minimum group included, applied to the ensemble's records.
pub fn card_series(run: &[Vec<f64>], baseline: &[Vec<f64>]) -> ([Vec<f64>; CARDS], [Vec<f64>; CARDS]) {
    let names = series();
    let get = |s: &[Vec<f64>], name: &str| s[names.iter().position(|x| x == name).expect("a series of series()")].clone();
    crate::present::cards::both(&|n: &str| get(run, n), &|n: &str| get(baseline, n))
}

/// The ranking of the assumptions for one effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    pub effect: String,
    pub swings: Vec<ensemble::Swing>,
    pub noise: f64,
}

// ---- text form: `tag` lines of tab-separated fields, numbers in their shortest exact form ----

/// `r\t<index>\t<effects>` then each series' run and baseline.
fn outcome_line(i: usize, o: &Outcome) -> String {
    let mut out = format!("r\t{}\t{}", i, nums(o.effects.iter().copied()));
    for (r, b) in o.run.iter().zip(&o.baseline) {
        out += &format!("\t{}\t{}", nums(r.iter().copied()), nums(b.iter().copied()));
    }
    out.push('\n');
    out
}

fn parse_outcome(line: &str) -> Result<(usize, Outcome), String> {
    let f: Vec<&str> = line.split('\t').collect();
    let i: usize = match f.as_slice() {
        ["r", i, ..] => i.parse().map_err(|_| "an unreadable outcome".to_string())?,
        _ => return Err("an unknown line among the outcomes".into()),
    };
    if f.len() % 2 != 1 {
        return Err("an outcome cut short".into());
    }
    let mut run = Vec::new();
    let mut baseline = Vec::new();
    for pair in f[3..].chunks(2) {
        run.push(parse_nums(pair[0])?);
        baseline.push(parse_nums(pair[1])?);
    }
    Ok((i, Outcome { effects: parse_nums(f[2])?, run, baseline }))
}

/// `exp\t<experiment>`, then per set-up `v\t<swept values>`, its mean outcome line, and lines
/// `s\t…` and `d\t…` of each effect's spread and paired difference (mean, 10 %, 90 %, seeds).
pub fn results_text(r: &Results) -> String {
    let spreads = |v: &[ensemble::Spread]| nums(v.iter().flat_map(|s| [s.mean, s.p10, s.p90, s.n as f64]));
    let mut out = format!("exp\t{}\n", r.experiment);
    for (i, (p, o)) in r.points.iter().zip(&r.outcomes).enumerate() {
        out += &format!("v\t{}\n", nums(p.iter().copied()));
        out += &outcome_line(i, o);
        out += &format!("s\t{}\nd\t{}\n", spreads(&r.spreads[i]), spreads(&r.diffs[i]));
    }
    out
}

pub fn results_from_text(text: &str) -> Result<Results, String> {
    let mut lines = text.lines();
    let experiment = lines.next().and_then(|h| h.strip_prefix("exp\t")).ok_or("not an experiment's answer")?.to_string();
    let mut r = Results { experiment, points: Vec::new(), outcomes: Vec::new(), spreads: Vec::new(), diffs: Vec::new() };
    let spreads = |line: Option<&str>, tag: &str| -> Result<Vec<ensemble::Spread>, String> {
        let v = parse_nums(line.and_then(|l| l.strip_prefix(tag)).ok_or("an experiment's answer cut short")?)?;
        Ok(v.chunks_exact(4).map(|c| ensemble::Spread { mean: c[0], p10: c[1], p90: c[2], n: c[3] as usize }).collect())
    };
    while let Some(v) = lines.next() {
        let v = v.strip_prefix("v\t").ok_or("an unknown line in the answer")?;
        r.points.push(parse_nums(v)?);
        r.outcomes.push(parse_outcome(lines.next().ok_or("an experiment's answer cut short")?)?.1);
        r.spreads.push(spreads(lines.next(), "s\t")?);
        r.diffs.push(spreads(lines.next(), "d\t")?);
    }
    Ok(r)
}

fn nums(v: impl IntoIterator<Item = f64>) -> String {
    v.into_iter().map(shortest).collect::<Vec<_>>().join(",")
}
fn parse_nums(s: &str) -> Result<Vec<f64>, String> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    s.split(',').map(|x| crate::model::decimal::parse_f64(x).ok_or_else(|| "a number in the answer is unreadable".to_string())).collect()
}
fn triples(v: &[f64]) -> Result<Quantiles, String> {
    if v.len() % 3 != 0 {
        return Err("a band in the answer is cut short".into());
    }
    Ok(v.chunks(3).map(|c| [c[0], c[1], c[2]]).collect())
}
fn flat(q: &[[f64; 3]]) -> String {
    nums(q.iter().flatten().copied())
}

impl Bands {
    pub fn to_text(&self) -> String {
        let mut out = format!("bands\t{}\t{}\t{:016x}\n", self.runs, self.start, self.digest);
        for b in &self.series {
            out += &format!("s\t{}\t{}\t{}\t{}\n", b.name, flat(&b.run), flat(&b.baseline), flat(&b.diff));
        }
        for c in &self.cards {
            out += &format!("c\t{}\n", flat(c));
        }
        for (c, q) in &self.effects {
            out += &format!("e\t{}\n", nums([*c, q[0], q[1], q[2]]));
        }
        out += &format!("f\t{}\n", self.factors.join(","));
        for r in &self.card_rests {
            out += &format!("t\t{}\n", rests_text(r));
        }
        out += &format!("u\t{}\n", rests_text(&self.effect_rests));
        out
    }

    pub fn from_text(text: &str) -> Result<Bands, String> {
        let mut lines = text.lines();
        let head: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        if head.len() != 4 || head[0] != "bands" {
            return Err("not an answer with bands".into());
        }
        let bad = |_| "an unreadable header".to_string();
        let mut b = Bands {
            runs: head[1].parse().map_err(bad)?,
            start: head[2].parse().map_err(bad)?,
            series: Vec::new(),
            cards: Vec::new(),
            effects: Vec::new(),
            factors: Vec::new(),
            card_rests: Vec::new(),
            effect_rests: Vec::new(),
            digest: u64::from_str_radix(head[3], 16).map_err(bad)?,
        };
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["s", name, run, base, diff] => b.series.push(ensemble::Band {
                    name: name.to_string(),
                    run: triples(&parse_nums(run)?)?,
                    baseline: triples(&parse_nums(base)?)?,
                    diff: triples(&parse_nums(diff)?)?,
                }),
                ["c", q] => b.cards.push(triples(&parse_nums(q)?)?),
                ["f", names] => b.factors = names.split(',').filter(|n| !n.is_empty()).map(str::to_string).collect(),
                ["t", codes] => b.card_rests.push(rests_from_text(codes)?),
                ["u", codes] => b.effect_rests = rests_from_text(codes)?,
                ["e", v] => match parse_nums(v)?.as_slice() {
                    [c, a, m, z] => b.effects.push((*c, [*a, *m, *z])),
                    _ => return Err("an effect in the answer is cut short".into()),
                },
                _ => return Err("an unknown line in the answer".into()),
            }
        }
        Ok(b)
    }
}

impl Ranking {
    /// As a table: a row per assumption, those beyond the seed noise first, widest swing first
    /// (the seed noise of the set-up in the last row). `swing.p10`/`swing.p90`: the 10 % and 90 %
    /// of the paired differences high − low over the common seeds; `beyond_noise`: `ensemble::ranking`.
    pub fn csv(&self) -> String {
        let mut out = format!("parameter,low,high,{0}_at_low,{0}_at_high,swing,swing.p10,swing.p90,beyond_noise\n", self.effect);
        for s in &self.swings {
            out += &format!(
                "{},{},{},{},{},{},{},{},{}\n",
                s.name,
                Shortest(s.lo),
                Shortest(s.hi),
                Shortest(s.effect_at_lo),
                Shortest(s.effect_at_hi),
                Shortest(s.width()),
                Shortest(s.d_p10),
                Shortest(s.d_p90),
                s.beyond
            );
        }
        out += &format!("seed noise,,,,,{},,,\n", Shortest(self.noise));
        out
    }

    pub fn to_text(&self) -> String {
        let mut out = format!("rank\t{}\t{}\n", self.effect, shortest(self.noise));
        for s in &self.swings {
            let b = if s.beyond { 1.0 } else { 0.0 };
            out += &format!("w\t{}\t{}\n", s.name, nums([s.lo, s.hi, s.effect_at_lo, s.effect_at_hi, s.d_p10, s.d_p90, b]));
        }
        out
    }
    pub fn from_text(text: &str) -> Result<Ranking, String> {
        let mut lines = text.lines();
        let head: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let (effect, noise) = match head.as_slice() {
            ["rank", e, n] => (e.to_string(), crate::model::decimal::parse_f64(n).ok_or_else(|| "an unreadable header".to_string())?),
            _ => return Err("not an answer with a ranking".into()),
        };
        let mut swings = Vec::new();
        for line in lines {
            match line.split('\t').collect::<Vec<_>>().as_slice() {
                ["w", name, v] => match parse_nums(v)?.as_slice() {
                    [lo, hi, a, b, p10, p90, beyond] => swings.push(ensemble::Swing {
                        name: name.to_string(),
                        lo: *lo,
                        hi: *hi,
                        effect_at_lo: *a,
                        effect_at_hi: *b,
                        d_p10: *p10,
                        d_p90: *p90,
                        beyond: *beyond == 1.0,
                    }),
                    _ => return Err("a bar of the ranking is cut short".into()),
                },
                _ => return Err("an unknown line in the answer".into()),
            }
        }
        Ok(Ranking { effect, swings, noise })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_link() -> String {
        // a short june-2017 with few merchants keeps the test quick
        let mut s = AppState { scenario: "june-2017".into(), ..AppState::default() };
        s.params.insert("merchants".into(), 1500.0);
        s.to_link()
    }

    #[test]
    fn a_number_is_a_result_when_its_interval_is_narrow_beside_it_else_it_names_what_makes_it_wide() {
        let b = |seed_share, top| ensemble::Basis { seed_share, top };
        assert_eq!(Rests::of([0.0; 3], b(0.0, None)), Rests::Nothing, "no effect yet");
        assert_eq!(Rests::of([f64::NAN; 3], b(0.0, None)), Rests::Nothing, "no interval");
        assert_eq!(Rests::of([9.0, 10.0, 13.0], b(0.9, Some((3, 0.1)))), Rests::Result);
        assert_eq!(Rests::of([2.0, 10.0, 20.0], b(0.1, Some((3, 0.7)))), Rests::Assumption(3));
        assert_eq!(Rests::of([2.0, 10.0, 20.0], b(0.1, Some((3, 0.45)))), Rests::Several, "0.45 can be chance");
        assert_eq!(Rests::of([-5.0, 0.5, 6.0], b(0.7, Some((3, 0.2)))), Rests::Chance);
        for r in [Rests::Nothing, Rests::Result, Rests::Chance, Rests::Several, Rests::Assumption(41)] {
            assert_eq!(rests_from_text(&rests_text(&[r, r])), Ok(vec![r, r]));
        }
    }

    #[test]
    fn a_request_reads_back() {
        let r = Request { id: 7, link: small_link(), task: Task::Rank { effect: "sf_lasting_loss".into(), shard: (0, 1) } };
        assert_eq!(Request::from_text(&r.to_text()), Ok(r.clone()));
        let r = Request { task: Task::Rank { effect: "sf_lasting_loss".into(), shard: (1, 2) }, ..r };
        assert_eq!(Request::from_text(&r.to_text()), Ok(r));
        assert!(Request::from_text("1\trank:2/2:sf_lasting_loss\t#").is_err());
        assert!(Request::from_text("x\tbands\t#").is_err());
        assert!(Request::from_text("1\tfly\t#").is_err());
    }

    #[test]
    fn an_experiment_is_computed_as_the_command_line_computes_it_and_travels_as_exact_text() {
        // a sweep of two points on a small set-up: the scheduler's answer, read back from its
        // text, holds the same effects as evaluating the CLI's set-ups directly
        let text = "sweep=review_days:1:30:2&effect=sf_reliant_lost_orders";
        let req = Request { id: 3, link: small_link(), task: Task::Experiment(text.into()) };
        assert_eq!(Request::from_text(&req.to_text()), Ok(req.clone()));
        let mut sch = Scheduler::default();
        assert!(sch.submit(&req.to_text()).starts_with(&format!("p\t3\t0\t{}", 2 * SEEDS_EXP)));
        let mut last = String::new();
        while !sch.idle() {
            last = sch.work();
        }
        let Ok(Reply::Answer { id: 3, answer: Answer::Experiment(r) }) = Reply::from_text(&last) else { panic!("an answer: {last}") };
        let (spec, _) = setup(&small_link()).unwrap();
        let axes = [crate::model::design::axis("review_days", 1.0, 30.0, 2).unwrap()];
        let setups: Vec<RunSpec> = crate::model::design::sweep_specs(&spec, &axes).unwrap().into_iter().map(|(_, s)| s).collect();
        let runs = crate::ui::experiment::with_seeds(&setups, &ensemble::seeds(spec.scenario.seed, SEEDS_EXP));
        let direct: Vec<_> = runs.iter().map(|s| ensemble::evaluate(s, &[])).collect();
        assert_eq!(r, Results::gather(text.into(), vec![vec![1.0], vec![30.0]], &direct, SEEDS_EXP), "bit for bit");
        // set-up 1's spread is over its own seeds; its difference from set-up 0 is paired seed by seed
        let col = |i: usize| direct[i * SEEDS_EXP..(i + 1) * SEEDS_EXP].iter().map(|o| o.effects[2]).collect::<Vec<_>>();
        assert_eq!(r.spreads[1][2], ensemble::Spread::of(&col(1)));
        assert_eq!(r.diffs[1][2], ensemble::paired(&col(0), &col(1)));
        assert_eq!(r.diffs[0][2].mean, 0.0);
        assert_eq!(r.points, vec![vec![1.0], vec![30.0]]);
        assert_eq!(r.experiment, text);
        // a refused experiment says why
        let bad = Request { id: 4, link: small_link(), task: Task::Experiment("sweep=review_days:0:30:2".into()) };
        assert!(sch.submit(&bad.to_text()).starts_with("x\t4\t"));
    }

    #[test]
    fn a_job_computed_a_few_model_steps_at_a_time_gives_the_same_answer_bit_for_bit() {
        // the page without a worker calls `work_steps` for ~12 ms a frame: a run is many calls,
        // the page hears of each finished run and then of the answer, which is the worker's
        let req = Request { id: 5, link: small_link(), task: Task::Experiment("a=review_days:1&b=review_days:30".into()) };
        let mut whole = Scheduler::default();
        whole.submit(&req.to_text());
        let mut at_once = Vec::new();
        while !whole.idle() {
            at_once.push(whole.work());
        }
        let mut sliced = Scheduler::default();
        sliced.submit(&req.to_text());
        let (mut calls, mut said) = (0, Vec::new());
        while !sliced.idle() {
            calls += 1;
            let m = sliced.work_steps(5);
            if !m.is_empty() {
                said.push(m);
            }
        }
        assert_eq!(said, at_once, "the same progress, then the same answer");
        assert_eq!(said.len(), 2 * SEEDS_EXP);
        assert!(said.last().unwrap().starts_with("a\t5\n"));
        assert!(calls > 50 * said.len(), "a run is many slices: {calls} calls");
        // a newer request in the middle of a run replaces the job at once
        let mut s = Scheduler::default();
        s.submit(&req.to_text());
        for _ in 0..3 {
            assert_eq!(s.work_steps(5), "", "under way");
        }
        let newer = Request { id: 6, ..req.clone() };
        assert!(s.submit(&newer.to_text()).starts_with("p\t6\t0\t"));
        let mut last = String::new();
        while !s.idle() {
            last = s.work_steps(1000);
        }
        assert_eq!(last.replacen("a\t6\n", "a\t5\n", 1), *at_once.last().unwrap());
    }

    #[test]
    fn a_bad_link_is_refused_with_its_reason() {
        let r = Request { id: 1, link: "#scenario=nope".into(), task: Task::Bands { shard: (0, 1) } };
        let e = Job::new(&r).err().expect("refused");
        assert!(e.contains("nope"), "{e}");
    }
}

/// What the "How sure is this?" panel shows (it is drawn in the panels' module,
/// `view::uncertainty_panel`): the switches, the progress, each effect's interval and what it
/// rests on, and the ranking. It crosses from the page's module as text (`to_text`), with the
/// numbers in their shortest exact form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    pub on: bool,
    pub levels: bool,
    /// No worker could start: the page computes in slices.
    pub in_page: bool,
    pub progress: Option<(usize, usize)>,
    pub rank_progress: Option<(usize, usize)>,
    /// Why the last request was refused ("" when no worker could give an answer).
    pub error: Option<String>,
    /// The effect the ranking is for.
    pub effect: String,
    /// With bands: each effect's central value and 10/50/90 % (`Bands::effects`), what each
    /// rests on, the assumptions varied (`Bands::factors`) and the digest of the runs.
    pub bands: Option<ShownBands>,
    pub ranking: Option<Ranking>,
}

/// Each effect's central value and 10/50/90 %, what each rests on, the assumptions varied, and
/// the digest of the runs.
pub type ShownBands = (Vec<(f64, [f64; 3])>, Vec<Rests>, Vec<String>, u64);

impl Shown {
    pub fn to_text(&self) -> String {
        let pair = |p: Option<(usize, usize)>| p.map_or("-".to_string(), |(a, b)| format!("{a}/{b}"));
        let flag = |b: bool| if b { "1" } else { "0" };
        let mut out = format!(
            "shown\t{}{}{}\t{}\t{}\t{}\n",
            flag(self.on),
            flag(self.levels),
            flag(self.in_page),
            pair(self.progress),
            pair(self.rank_progress),
            self.effect
        );
        if let Some(e) = &self.error {
            // (a reason is one line)
            out += &format!("x\t{}\n", e.replace(['\n', '\t'], " "));
        }
        if let Some((effects, rests, factors, digest)) = &self.bands {
            out += &format!("d\t{digest:016x}\tf\t{}\tu\t{}\n", factors.join(","), rests_text(rests));
            for (c, q) in effects {
                out += &format!("e\t{}\n", nums([*c, q[0], q[1], q[2]]));
            }
        }
        if let Some(r) = &self.ranking {
            out += &r.to_text();
        }
        out
    }

    pub fn from_text(text: &str) -> Result<Shown, String> {
        let bad = || "the panel's inputs are unreadable".to_string();
        let pair = |s: &str| -> Result<Option<(usize, usize)>, String> {
            if s == "-" {
                return Ok(None);
            }
            let (a, b) = s.split_once('/').ok_or_else(bad)?;
            Ok(Some((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?)))
        };
        let mut lines = text.lines().peekable();
        let head: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let ["shown", flags, progress, rank_progress, effect] = head.as_slice() else { return Err(bad()) };
        let flag = |i: usize| flags.as_bytes().get(i) == Some(&b'1');
        let mut s = Shown {
            on: flag(0),
            levels: flag(1),
            in_page: flag(2),
            progress: pair(progress)?,
            rank_progress: pair(rank_progress)?,
            effect: effect.to_string(),
            ..Shown::default()
        };
        while let Some(line) = lines.next_if(|l| !l.starts_with("rank\t")) {
            match line.split('\t').collect::<Vec<_>>().as_slice() {
                ["x", why] => s.error = Some(why.to_string()),
                ["d", digest, "f", factors, "u", rests] => {
                    let factors = if factors.is_empty() { Vec::new() } else { factors.split(',').map(str::to_string).collect() };
                    let digest = u64::from_str_radix(digest, 16).map_err(|_| bad())?;
                    s.bands = Some((Vec::new(), rests_from_text(rests)?, factors, digest));
                }
                ["e", v] => match (parse_nums(v)?.as_slice(), s.bands.as_mut()) {
                    ([c, a, m, z], Some(b)) => b.0.push((*c, [*a, *m, *z])),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            }
        }
        let rest: Vec<&str> = lines.collect();
        if !rest.is_empty() {
            s.ranking = Some(Ranking::from_text(&rest.join("\n"))?);
        }
        Ok(s)
    }
}
