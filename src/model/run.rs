//! A run: a scenario (plus the reader's own cuts, restores and parameter changes) simulated
//! beside its baseline — the same seed with no events — so every output has a counterfactual.

use super::clock::{self, Hour};
use super::config::Config;
use super::ids::{Courier, LinkId, Platform};
use super::output::Frame;
use super::scenario::{Action, Event, Scenario};
use super::sim::Sim;
use std::rc::Rc;

/// Everything that fixes a run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    pub scenario: Scenario,
    /// Cuts and restores added by the reader, on top of the scenario's events.
    pub extra: Vec<Event>,
}

impl RunSpec {
    pub fn new(scenario: Scenario) -> RunSpec {
        RunSpec { scenario, extra: Vec::new() }
    }

    pub fn end(&self) -> Hour {
        self.scenario.start + self.scenario.days as Hour * 24
    }

    pub fn set_param(&mut self, name: &str, value: f64) -> Result<(), String> {
        self.scenario.params.set(name, value)
    }

    /// Add a reader's cut (`up = false`) or restore (`up = true`) of a link at a time.
    pub fn add_link_event(&mut self, link: LinkId, at: Hour, up: bool) -> Result<(), String> {
        let (s, e) = (self.scenario.start, self.end());
        if at < s || at >= e {
            return Err(format!(
                "{} at {} is outside the run ({} to {})",
                link,
                clock::format_short(at),
                clock::format_short(s),
                clock::format_short(e)
            ));
        }
        let action = if up { Action::Restore(link) } else { Action::Cut(link) };
        // a cut and its restore in the same hour cancel out: the list does not grow
        let last = self.extra.iter().rposition(|e| matches!(e.action, Action::Cut(l) | Action::Restore(l) if l == link));
        if let Some(i) = last.filter(|&i| self.extra[i].at == at && self.extra[i].action != action) {
            self.extra.remove(i);
            return Ok(());
        }
        self.extra.push(Event { at, action, caption: None, captioned: false, source: None });
        Ok(())
    }

    /// The reader's cuts and restores, in the order they were made: (link, hour, up).
    pub fn link_events(&self) -> Vec<(LinkId, Hour, bool)> {
        self.extra
            .iter()
            .filter_map(|e| match e.action {
                Action::Cut(l) => Some((l, e.at, false)),
                Action::Restore(l) => Some((l, e.at, true)),
                _ => None,
            })
            .collect()
    }

    /// Scenario events and the reader's events, merged in time order (stable: same-hour events
    /// keep their order, scenario first).
    pub fn events(&self) -> Vec<Event> {
        let mut all: Vec<Event> = self.scenario.events.iter().chain(self.extra.iter()).cloned().collect();
        all.sort_by_key(|e| e.at);
        all
    }
}

pub struct Run {
    pub spec: RunSpec,
    pub cfg: Rc<Config>,
    /// The world at the start, warmed up: both runs begin from it.
    start_state: Sim,
    /// The baseline at the hour of the run's first change (a cut, advice: `first_change`), if it
    /// was kept: until then the live world is the baseline, so it is built and replayed from here.
    fork: Option<Rc<Sim>>,
    pub baseline: Rc<Vec<Frame>>,
    /// The baseline's delays by order day (see `Sim::by_order_day`).
    pub baseline_by_order_day: Rc<Vec<[[f64; 4]; 3]>>,
    pub live: Sim,
    pub events: Rc<Vec<Event>>,
}

impl Run {
    /// One number for the whole run and its baseline: equal digests mean bit-identical outputs
    /// (`standoff digest` natively, the same formula in the browser).
    pub fn digest(&self) -> u64 {
        super::output::digest(self.frames()) ^ super::output::digest(&self.baseline).rotate_left(1)
    }

    /// Build a run and compute its whole baseline; the live world stands at the start.
    pub fn new(spec: RunSpec) -> Run {
        Run::build(spec, true)
    }

    /// Build a run with or without its baseline (without: `baseline` is empty). The live world
    /// never reads the baseline, so its outputs are the same either way.
    pub fn build(spec: RunSpec, with_baseline: bool) -> Run {
        let t = spec.scenario.start;
        let mut b = Builder::new(spec, with_baseline, t);
        b.work(usize::MAX);
        b.finish().expect("a builder given unlimited steps finishes")
    }
    /// A copy of this run as it stands (its live world too), to be simulated further without
    /// moving this one.
    pub fn clone_to_end(&self) -> Run {
        Run {
            spec: self.spec.clone(),
            cfg: Rc::clone(&self.cfg),
            start_state: self.start_state.clone(),
            fork: self.fork.clone(),
            baseline: Rc::clone(&self.baseline),
            baseline_by_order_day: Rc::clone(&self.baseline_by_order_day),
            live: self.live.clone(),
            events: Rc::clone(&self.events),
        }
    }

    /// Build and simulate to the end.
    pub fn complete(spec: RunSpec) -> Run {
        let end = spec.end();
        let mut b = Builder::new(spec, true, end);
        b.work(usize::MAX);
        b.finish().expect("a builder given unlimited steps finishes")
    }

    /// Simulate to the end without computing the baseline.
    pub fn complete_without_baseline(spec: RunSpec) -> Run {
        let mut r = Run::build(spec, false);
        r.advance_to(r.end());
        r
    }

    pub fn start(&self) -> Hour {
        self.spec.scenario.start
    }
    pub fn end(&self) -> Hour {
        self.spec.end()
    }
    /// The next hour the live world will simulate.
    pub fn now(&self) -> Hour {
        self.live.t
    }

    pub fn frames(&self) -> &[Frame] {
        &self.live.frames
    }

    /// Parcels platform `p` shipped over the last 24 simulated hours; before the run has 24
    /// hours, the baseline's first hours make up the day.
    pub fn shipped_last_day(&self, p: Platform) -> f64 {
        let frames = self.frames();
        let have = frames.len().min(24);
        let recent: f64 = frames[frames.len() - have..].iter().map(|x| x.shipped[p.idx()].iter().sum::<f64>()).sum();
        let earlier: f64 = self.baseline.iter().take(24 - have).map(|x| x.shipped[p.idx()].iter().sum::<f64>()).sum();
        recent + earlier
    }

    /// How many hours of its mean hourly volume courier `c`'s queue at `f` holds beyond the
    /// queue at `base` (the baseline's hour): positive when it is more congested than in the
    /// world without cuts.
    pub fn extra_queue_hours(&self, f: &Frame, base: &Frame, c: Courier) -> f64 {
        let mean_hourly = self.cfg.courier_daily()[c.idx()] / 24.0;
        (f.backlog[c.idx()] - base.backlog[c.idx()]) / mean_hourly.max(1.0)
    }

    /// Step the live world until `t` (at most the end). Events due at `t` are applied, so the
    /// link state shown for "now" includes them (the next step would apply them first anyway).
    pub fn advance_to(&mut self, t: Hour) {
        let t = t.min(self.end());
        while self.live.t < t {
            self.live.step();
        }
        self.live.apply_due_events();
    }

    /// Move to any hour: forwards by stepping, backwards by replaying from the start
    /// (the model is deterministic, so the replay is the same world).
    pub fn seek(&mut self, t: Hour) {
        let t = t.clamp(self.start(), self.end());
        if t < self.live.t {
            self.live = rewound(&self.start_state, self.fork.as_deref(), &self.events, t);
        }
        self.advance_to(t);
    }

    /// Cut or restore a link now (at the live world's current hour). It becomes part of the
    /// run's events, so seeking back and forth replays it; it shows in the link state at once.
    /// The hour a cut or restore made "now" is placed at: the live world's hour, or the last hour
    /// of the run once it has ended.
    pub fn event_hour(&self) -> Hour {
        self.live.t.min(self.end() - 1)
    }

    pub fn toggle_now(&mut self, link: LinkId) -> Result<bool, String> {
        let up = !self.live.links.is_up(link);
        let at = self.event_hour();
        self.spec.add_link_event(link, at, up)?;
        let events = Rc::new(self.spec.events());
        // at the live world's own hour, the world with the new event replayed from the start is
        // this world with the event applied now: no replay (a burst of cuts costs almost nothing)
        let k = self.live.events_applied();
        let same_past = events.len() == self.events.len() + 1 && events[..k] == self.events[..k] && events[k + 1..] == self.events[k..];
        if at == self.live.t && same_past && events[k].at == at {
            self.events = events;
            self.live.extend_events_now(Rc::clone(&self.events));
            self.live.apply_due_events();
            return Ok(up);
        }
        self.events = events;
        let keep = self.live.t;
        self.live = rewound(&self.start_state, self.fork.as_deref(), &self.events, keep);
        self.advance_to(keep);
        Ok(up)
    }
}

/// The hour of the first event that changes the world (not a note): until then a world with
/// these events is the baseline world.
pub fn first_change(events: &[Event]) -> Hour {
    events.iter().find(|e| e.action != Action::Note).map_or(Hour::MAX, |e| e.at)
}

/// A world with `events` at an hour no later than `t`, to step on from: the fork (the baseline
/// at some hour) when these events change nothing before it and `t` is not before it, else the
/// warmed-up start.
fn rewound(start_state: &Sim, fork: Option<&Sim>, events: &Rc<Vec<Event>>, t: Hour) -> Sim {
    match fork {
        Some(f) if f.t <= t && f.t <= first_change(events) => {
            let mut w = f.clone();
            w.adopt_events(Rc::clone(events));
            w
        }
        _ => {
            let mut w = start_state.clone();
            w.set_events(Rc::clone(events));
            w
        }
    }
}

/// A run built a bounded number of model steps at a time, so that the page can build a heavy run
/// (many merchants, many hours) across frames and stay responsive: the warm-up, then the
/// baseline, then the live world up to the hour asked for. The same steps as `Run::build` followed
/// by `seek`, so the same run, bit for bit.
pub struct Builder {
    spec: RunSpec,
    cfg: Rc<Config>,
    with_baseline: bool,
    target: Hour,
    /// `first_change` of the run's events.
    first_change: Hour,
    stage: Stage,
    /// Model steps done and (about) to do, for progress.
    done: u64,
    total: u64,
}

enum Stage {
    /// Nothing made yet (making the merchants is itself work: done by the first `work`).
    Start {
        seed: u64,
    },
    // boxed: a world is large, and the stages move
    Warm(Box<Sim>),
    Base {
        start_state: Box<Sim>,
        base: Box<Sim>,
        /// The baseline kept at `fork_at` (see `Run::fork`).
        fork: Option<Rc<Sim>>,
    },
    Live {
        start_state: Box<Sim>,
        fork: Option<Rc<Sim>>,
        baseline: Rc<Vec<Frame>>,
        by_order_day: Rc<Vec<[[f64; 4]; 3]>>,
        live: Box<Sim>,
        events: Rc<Vec<Event>>,
    },
    Taken,
}

impl Builder {
    /// A new run of `spec` whose live world will stand at hour `target` (clamped to the run).
    pub fn new(spec: RunSpec, with_baseline: bool, target: Hour) -> Builder {
        let cfg = Rc::new(Config::from_params(&spec.scenario.params));
        let target = target.clamp(spec.scenario.start, spec.end());
        let hours = (spec.end() - spec.scenario.start) as u64;
        let total = 1 + super::sim::WARM_UP_H as u64 + if with_baseline { hours } else { 0 } + (target - spec.scenario.start) as u64;
        let stage = Stage::Start { seed: spec.scenario.seed };
        let first_change = first_change(&spec.events());
        Builder { spec, cfg, with_baseline, target, first_change, stage, done: 0, total }
    }

    /// The live world of `run` again, with `spec`'s events (the reader cut or restored a link, or
    /// went back in time), up to `target`: the warm-up and the baseline are kept. With the same
    /// events and a target ahead of now, it goes on from the live world as it stands.
    pub fn relive(run: &Run, spec: RunSpec, target: Hour) -> Builder {
        let target = target.clamp(run.start(), run.end());
        let events = Rc::new(spec.events());
        let first_change = first_change(&events);
        let same = *events == *run.events && target >= run.now();
        let live = Box::new(if same { run.live.clone() } else { rewound(&run.start_state, run.fork.as_deref(), &events, target) });
        let total = (target - live.t).max(0) as u64;
        let stage = Stage::Live {
            start_state: Box::new(run.start_state.clone()),
            fork: run.fork.clone(),
            baseline: Rc::clone(&run.baseline),
            by_order_day: Rc::clone(&run.baseline_by_order_day),
            live,
            events,
        };
        Builder { spec, cfg: Rc::clone(&run.cfg), with_baseline: true, target, first_change, stage, done: 0, total }
    }

    /// Where the live world will stand.
    pub fn target(&self) -> Hour {
        self.target
    }

    /// The run being built.
    pub fn spec(&self) -> &RunSpec {
        &self.spec
    }

    /// Stand the live world at another hour (clamped to the run): back from the start if it
    /// has already passed it.
    pub fn retarget(&mut self, t: Hour) {
        self.target = t.clamp(self.spec.scenario.start, self.spec.end());
        if let Stage::Live { start_state, fork, live, events, .. } = &mut self.stage {
            if live.t > self.target {
                **live = rewound(start_state, fork.as_deref(), events, self.target);
            }
            self.done = 0;
            self.total = (self.target - live.t).max(0) as u64;
        }
    }

    /// Done as a share of the work (0 to 1).
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0)
        }
    }

    /// Take at most `steps` model steps. True when the run is ready (`finish`).
    pub fn work(&mut self, steps: usize) -> bool {
        let mut left = steps;
        loop {
            match &mut self.stage {
                Stage::Start { seed } => {
                    if left == 0 {
                        return false;
                    }
                    let cold = Sim::cold(Rc::clone(&self.cfg), self.spec.scenario.start, *seed);
                    self.stage = Stage::Warm(Box::new(cold));
                    left -= 1;
                    self.done += 1;
                }
                Stage::Warm(sim) => {
                    while left > 0 && sim.warm_left() > 0 {
                        sim.warm_step();
                        left -= 1;
                        self.done += 1;
                    }
                    if sim.warm_left() > 0 {
                        return false;
                    }
                    let start_state = match std::mem::replace(&mut self.stage, Stage::Taken) {
                        Stage::Warm(s) => s,
                        _ => unreachable!("in the warm-up stage"),
                    };
                    let base = start_state.clone();
                    self.stage = Stage::Base { start_state, base, fork: None };
                }
                Stage::Base { base, fork, .. } => {
                    let end = self.spec.end();
                    // the live world is the baseline until the first change (or the hour asked for)
                    let fork_at = self.first_change.min(self.target);
                    loop {
                        if base.t == fork_at && base.t > base.start && fork.is_none() {
                            *fork = Some(Rc::new((**base).clone()));
                        }
                        if !(self.with_baseline && left > 0 && base.t < end) {
                            break;
                        }
                        base.step();
                        left -= 1;
                        self.done += 1;
                    }
                    if self.with_baseline && base.t < end {
                        return false;
                    }
                    let (start_state, mut base, fork) = match std::mem::replace(&mut self.stage, Stage::Taken) {
                        Stage::Base { start_state, base, fork } => (start_state, base, fork),
                        _ => unreachable!("in the baseline stage"),
                    };
                    let (baseline, by_order_day) = if self.with_baseline {
                        (Rc::new(std::mem::take(&mut base.frames)), Rc::new(std::mem::take(&mut base.by_order_day)))
                    } else {
                        (Rc::new(Vec::new()), Rc::new(Vec::new()))
                    };
                    let events = Rc::new(self.spec.events());
                    let live = Box::new(rewound(&start_state, fork.as_deref(), &events, self.target));
                    self.done += (live.t - start_state.t) as u64;
                    self.stage = Stage::Live { start_state, fork, baseline, by_order_day, live, events };
                }
                Stage::Live { live, .. } => {
                    while left > 0 && live.t < self.target {
                        live.step();
                        left -= 1;
                        self.done += 1;
                    }
                    if live.t < self.target {
                        return false;
                    }
                    live.apply_due_events();
                    return true;
                }
                Stage::Taken => return true,
            }
        }
    }

    /// The run, once `work` has returned true (else `None`, and the builder is spent).
    pub fn finish(self) -> Option<Run> {
        match self.stage {
            Stage::Live { start_state, fork, baseline, by_order_day, live, events } if live.t >= self.target => Some(Run {
                spec: self.spec,
                cfg: self.cfg,
                start_state: *start_state,
                fork,
                baseline,
                baseline_by_order_day: by_order_day,
                live: *live,
                events,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::builtin;

    fn small(id: &str) -> RunSpec {
        let mut s = RunSpec::new(builtin(id).unwrap());
        s.set_param("merchants", 1500.0).unwrap();
        s.scenario.days = 6;
        s
    }

    #[test]
    fn a_platforms_last_day_is_its_last_24_hours_made_up_from_the_baseline_at_first() {
        let mut r = Run::new(small("june-2017"));
        let day = |fs: &[Frame], p: usize| fs.iter().map(|f| f.shipped[p].iter().sum::<f64>()).sum::<f64>();
        for p in Platform::ALL {
            assert_eq!(r.shipped_last_day(p), day(&r.baseline[..24], p.idx()), "no hour run yet");
        }
        r.advance_to(r.start() + 10);
        let (recent, earlier) = (day(r.frames(), 0), day(&r.baseline[..14], 0));
        assert_eq!(r.shipped_last_day(Platform::Taobao), recent + earlier);
        r.advance_to(r.start() + 50);
        for p in Platform::ALL {
            let want = day(&r.frames()[26..], p.idx());
            assert_eq!(r.shipped_last_day(p), want);
            assert!(want > 0.0);
        }
    }

    #[test]
    fn a_queue_beyond_the_baselines_counts_in_hours_of_the_couriers_mean_volume() {
        let r = Run::new(small("june-2017"));
        let base = r.baseline[0].clone();
        let mut f = base.clone();
        for c in Courier::ALL {
            assert_eq!(r.extra_queue_hours(&f, &base, c), 0.0);
        }
        let mean_hourly = r.cfg.courier_daily()[Courier::Sf.idx()] / 24.0;
        assert!(mean_hourly > 1.0);
        f.backlog[Courier::Sf.idx()] += 3.0 * mean_hourly;
        assert!((r.extra_queue_hours(&f, &base, Courier::Sf) - 3.0).abs() < 1e-9);
        assert!((r.extra_queue_hours(&base, &f, Courier::Sf) + 3.0).abs() < 1e-9, "less congested: negative");
        assert_eq!(r.extra_queue_hours(&f, &base, Courier::Zto), 0.0);
    }

    #[test]
    fn seeking_back_reproduces_the_same_world() {
        let mut r = Run::new(small("june-2017"));
        r.advance_to(r.end());
        let full = r.frames().to_vec();
        r.seek(r.start() + 30);
        assert_eq!(r.frames(), &full[..30]);
        r.seek(r.end());
        assert_eq!(r.frames(), &full[..]);
    }

    #[test]
    fn a_run_forked_from_its_baseline_is_the_run_replayed_from_the_start() {
        // `complete` keeps the baseline at the first cut and starts the live world there; without a
        // baseline there is no fork and the live world is stepped from the start
        let mut s = small("june-2017");
        s.scenario.days = 5;
        let forked = Run::complete(s.clone());
        let fork = forked.fork.as_ref().expect("a fork at the first cut");
        assert!(fork.t > forked.start(), "the fork saves steps");
        assert_eq!(fork.t, first_change(&forked.events));
        let plain = Run::complete_without_baseline(s);
        assert!(plain.fork.is_none());
        assert_eq!(forked.frames(), plain.frames());
        assert_eq!(forked.live.applied, plain.live.applied, "notes before the fork are logged");
        assert!(forked.live.applied.iter().any(|a| a.action == Action::Note && a.at < fork.t));
        // and seeking back before the fork, or after it, is the same world again
        let mut r = forked.clone_to_end();
        r.seek(r.start() + 5);
        r.seek(r.end());
        assert_eq!(r.frames(), plain.frames());
        r.seek(fork.t + 3);
        r.seek(r.end());
        assert_eq!(r.live.applied, plain.live.applied);
    }

    #[test]
    fn a_toggle_now_is_replayed_after_seeking() {
        let mut r = Run::new(small("baseline-2017"));
        r.advance_to(r.start() + 40);
        let up = r.toggle_now(LinkId::Track(Courier::Sf)).unwrap();
        assert!(!up, "the link was cut");
        r.advance_to(r.start() + 80);
        let a = r.frames().to_vec();
        r.seek(r.start() + 10);
        r.seek(r.start() + 80);
        assert_eq!(r.frames(), &a[..]);
        assert!(a[60].untracked > r.baseline[60].untracked);
        assert_eq!(a[20], r.baseline[20], "before the cut the run is the baseline");
    }

    #[test]
    fn reader_events_outside_the_run_are_refused() {
        let mut s = small("june-2017");
        let e = s.add_link_event(LinkId::Track(Courier::Sf), clock::parse("2018-01-01T00:00").unwrap(), false);
        assert!(e.unwrap_err().contains("outside the run"));
    }

    #[test]
    fn a_run_built_a_few_steps_at_a_time_is_the_same_run() {
        for id in ["june-2017", "baseline-2017"] {
            let spec = small(id);
            let target = spec.scenario.start + 50;
            let mut whole = Run::new(spec.clone());
            whole.seek(target);
            let mut b = Builder::new(spec, true, target);
            let mut calls = 0;
            let mut last = 0.0;
            while !b.work(7) {
                calls += 1;
                assert!(b.progress() >= last && b.progress() <= 1.0);
                last = b.progress();
            }
            assert!(calls > 20, "{id}: built in slices ({calls})");
            let r = b.finish().expect("finished");
            assert_eq!(r.now(), target);
            assert_eq!(r.frames(), whole.frames(), "{id}");
            assert_eq!(r.baseline, whole.baseline, "{id}");
            assert_eq!(r.live.links, whole.live.links, "{id}");
            // then to the end: the same digest as built in one go
            let (mut r, mut whole) = (r, whole);
            r.advance_to(r.end());
            whole.advance_to(whole.end());
            assert_eq!(r.digest(), whole.digest(), "{id}");
        }
    }

    #[test]
    fn a_burst_of_cuts_and_restores_now_is_the_same_as_replaying_each() {
        let mut fast = Run::new(small("june-2017"));
        // at an hour with scenario events of its own
        let t = fast.spec.scenario.events.iter().map(|e| e.at).nth(1).unwrap();
        fast.advance_to(t);
        let links = [LinkId::Track(Courier::Sf), LinkId::LockerHivebox, LinkId::Track(Courier::Sf), LinkId::Track(Courier::Zto)];
        for l in links {
            fast.toggle_now(l).unwrap();
        }
        // the same events, replayed from the start
        let mut slow = Run::new(fast.spec.clone());
        slow.advance_to(t);
        assert_eq!(slow.live.links, fast.live.links);
        fast.advance_to(fast.end());
        slow.advance_to(slow.end());
        assert_eq!(fast.frames(), slow.frames());
        assert_eq!(fast.digest(), slow.digest());
    }

    #[test]
    fn reliving_a_run_with_a_new_cut_is_toggling_it_now() {
        let mut r = Run::new(small("baseline-2017"));
        r.advance_to(r.start() + 40);
        let mut toggled = Run::new(small("baseline-2017"));
        toggled.advance_to(toggled.start() + 40);
        toggled.toggle_now(LinkId::Track(Courier::Sf)).unwrap();
        let mut spec = r.spec.clone();
        spec.add_link_event(LinkId::Track(Courier::Sf), r.start() + 40, false).unwrap();
        let t = r.now();
        let mut b = Builder::relive(&r, spec, t);
        while !b.work(3) {}
        let r = b.finish().unwrap();
        assert_eq!(r.frames(), toggled.frames());
        assert!(!r.live.links.is_up(LinkId::Track(Courier::Sf)));
    }
}
