//! A run: a scenario (plus the reader's own cuts, restores and parameter changes) simulated
//! beside its baseline — the same seed with no events — so every output has a counterfactual.

use super::clock::{self, Hour};
use super::config::Config;
use super::ids::LinkId;
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
        self.extra.push(Event { at, action, caption: None, captioned: false, source: None });
        Ok(())
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
        let cfg = Rc::new(Config::from_params(&spec.scenario.params));
        let start_state = Sim::new(Rc::clone(&cfg), spec.scenario.start, spec.scenario.seed);
        let (baseline, baseline_by_order_day) = if with_baseline {
            let mut base = start_state.clone();
            let end = spec.end();
            while base.t < end {
                base.step();
            }
            (Rc::new(std::mem::take(&mut base.frames)), Rc::new(std::mem::take(&mut base.by_order_day)))
        } else {
            (Rc::new(Vec::new()), Rc::new(Vec::new()))
        };
        let events = Rc::new(spec.events());
        let mut live = start_state.clone();
        live.set_events(Rc::clone(&events));
        Run { spec, cfg, start_state, baseline, baseline_by_order_day, live, events }
    }

    /// Build and simulate to the end.
    pub fn complete(spec: RunSpec) -> Run {
        let mut r = Run::new(spec);
        r.advance_to(r.end());
        r
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
            self.live = self.start_state.clone();
            self.live.set_events(Rc::clone(&self.events));
        }
        self.advance_to(t);
    }

    /// Cut or restore a link now (at the live world's current hour). It becomes part of the
    /// run's events, so seeking back and forth replays it; it shows in the link state at once.
    pub fn toggle_now(&mut self, link: LinkId) -> Result<bool, String> {
        let up = !self.live.links.is_up(link);
        let at = self.live.t.min(self.end() - 1);
        self.spec.add_link_event(link, at, up)?;
        self.events = Rc::new(self.spec.events());
        let keep = self.live.t;
        self.live = self.start_state.clone();
        self.live.set_events(Rc::clone(&self.events));
        self.advance_to(keep);
        Ok(up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Courier;
    use crate::model::scenario::builtin;

    fn small(id: &str) -> RunSpec {
        let mut s = RunSpec::new(builtin(id).unwrap());
        s.set_param("merchants", 1500.0).unwrap();
        s.scenario.days = 6;
        s
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
}
