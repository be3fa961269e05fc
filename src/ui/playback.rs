//! Playback: the only way simulated time moves in the interface. A `Player` owns one model run
//! and plays, pauses, steps, seeks and cuts links "now". It knows nothing about the browser: the
//! page's single animation loop calls `tick` with the real seconds that passed.

use crate::model::clock::Hour;
use crate::model::ids::LinkId;
use crate::model::output::Frame;
use crate::model::run::{Builder, Run, RunSpec};

/// Simulated hours per real second: from one hour to two days.
pub const SPEEDS: [f64; 6] = [1.0, 3.0, 6.0, 12.0, 24.0, 48.0];

/// The speed a new player starts at (an index into `SPEEDS`).
pub const DEFAULT_SPEED: usize = 3;

pub struct Player {
    run: Run,
    playing: bool,
    speed: usize,
    /// Simulated hours owed but not yet stepped (less than one).
    owed: f64,
    /// Visual phase of the moving sprites.
    phase: f64,
    /// Reduced motion: sprites stay still (numbers and charts still move).
    still: bool,
    /// Heavy work is done across frames (`work`) instead of at once (the page; tests build at once).
    sliced: bool,
    /// A run being built across frames; the current run shows meanwhile.
    pending: Option<Builder>,
}

/// A rough cost of simulating `steps` hours of a world with `merchants` agents (in units of a
/// merchant-step, plus a fixed share per step): above `HEAVY` the page builds across frames.
pub fn cost(merchants: f64, steps: i64) -> f64 {
    steps.max(0) as f64 * (merchants + 4_000.0)
}
/// Whether the page builds a run of `spec` to hour `t` (from its start) across frames, a light
/// stand-in showing meanwhile.
pub fn is_heavy(spec: &RunSpec, t: Hour) -> bool {
    cost(spec.scenario.params.get("merchants"), 2 * (spec.end() - spec.scenario.start) + t) > HEAVY
}
/// About 60 ms of work in the browser: a default run (10,000 merchants) is built at once.
pub const HEAVY: f64 = 1.6e7;
/// Playing steps at most this much work per frame (so 2 days/s slows down on a heavy world).
pub const TICK_WORK: f64 = 1.5e6;

impl Player {
    pub fn new(spec: RunSpec) -> Player {
        Player::new_with(Run::new(spec))
    }

    fn new_with(run: Run) -> Player {
        Player { run, playing: false, speed: DEFAULT_SPEED, owed: 0.0, phase: 0.0, still: false, sliced: false, pending: None }
    }

    /// A player for the page: a heavy run is built across frames (`work`) while a light stand-in
    /// (the baseline scenario, one day) shows. `t`: hours from the start.
    pub fn sliced(spec: RunSpec, t: Hour) -> Player {
        let mut stand_in = RunSpec::new(
            crate::model::scenario::builtin("baseline-2017").unwrap_or_else(|e| panic!("the baseline scenario is built in: {e}")),
        );
        stand_in.scenario.days = 1;
        let heavy = is_heavy(&spec, t);
        let mut p = if heavy { Player::new(stand_in) } else { Player::new(spec.clone()) };
        p.sliced = true;
        if heavy {
            p.replace(spec, t);
        } else {
            p.seek_hour(t);
        }
        p
    }

    /// A player for the page (as `sliced`) of a run already built (to the hour it shows).
    pub fn sliced_with(run: Run) -> Player {
        let mut p = Player::new_with(run);
        p.sliced = true;
        p
    }

    /// Whether the run shown (or being built) is one the page builds across frames.
    pub fn is_heavy(&self) -> bool {
        let spec = self.spec();
        self.pending.is_some() || cost(spec.scenario.params.get("merchants"), 2 * (spec.end() - spec.scenario.start) + self.hour()) > HEAVY
    }

    fn merchants(&self) -> f64 {
        self.run.spec.scenario.params.get("merchants")
    }

    /// Build in the background if heavy (and the player is sliced), else at once.
    fn begin(&mut self, mut b: Builder, steps: i64) {
        self.pending = None;
        if self.sliced && cost(b.spec().scenario.params.get("merchants"), steps) > HEAVY {
            self.pending = Some(b);
        } else {
            b.work(usize::MAX);
            if let Some(r) = b.finish() {
                self.run = r;
            }
        }
    }

    /// The spec of the run being built, else of the run shown: what the next run will be.
    pub fn spec(&self) -> &RunSpec {
        self.pending.as_ref().map_or(&self.run.spec, |b| b.spec())
    }

    /// The share done of a run being built across frames, if one is.
    pub fn building(&self) -> Option<f64> {
        self.pending.as_ref().map(|b| b.progress())
    }

    /// Take at most `steps` model steps of the run being built. True when it has just been
    /// finished and now shows.
    pub fn work(&mut self, steps: usize) -> bool {
        let Some(b) = self.pending.as_mut() else { return false };
        if !b.work(steps) {
            return false;
        }
        if let Some(r) = self.pending.take().and_then(|b| b.finish()) {
            self.run = r;
        }
        true
    }

    /// A new run in place of the current one, at hour `t` from its start; speed and motion
    /// preference are kept, playback pauses.
    pub fn replace(&mut self, spec: RunSpec, t: Hour) {
        self.playing = false;
        self.owed = 0.0;
        let steps = 2 * (spec.end() - spec.scenario.start) + t + crate::model::sim::WARM_UP_H;
        let target = spec.scenario.start + t;
        self.begin(Builder::new(spec, true, target), steps);
    }

    pub fn run(&self) -> &Run {
        &self.run
    }
    pub fn is_playing(&self) -> bool {
        self.playing
    }
    pub fn speed(&self) -> usize {
        self.speed
    }
    pub fn phase(&self) -> f64 {
        self.phase
    }
    /// Hours from the run's start to now (for a run being built: where it will stand).
    pub fn hour(&self) -> Hour {
        match &self.pending {
            Some(b) => b.target() - b.spec().scenario.start,
            None => self.run.now() - self.run.start(),
        }
    }
    /// Hours in the whole run (being built, if one is).
    pub fn hours(&self) -> Hour {
        match &self.pending {
            Some(b) => b.spec().end() - b.spec().scenario.start,
            None => self.run.end() - self.run.start(),
        }
    }
    pub fn at_end(&self) -> bool {
        self.run.now() >= self.run.end()
    }

    pub fn set_speed(&mut self, i: usize) {
        self.speed = i.min(SPEEDS.len() - 1);
    }
    pub fn set_still(&mut self, still: bool) {
        self.still = still;
    }
    /// Set the sprites' phase directly (the frame benchmark draws a sequence of phases).
    pub fn set_phase(&mut self, phase: f64) {
        self.phase = phase;
    }

    /// Advance by `dt` real seconds. Returns true if simulated time moved.
    pub fn tick(&mut self, dt: f64) -> bool {
        if !self.playing || self.pending.is_some() {
            return false;
        }
        let dt = dt.clamp(0.0, 0.25);
        if !self.still {
            self.phase += dt * 0.35;
        }
        self.owed += dt * SPEEDS[self.speed];
        let whole = self.owed.floor();
        self.owed -= whole;
        if whole < 1.0 {
            return false;
        }
        // a heavy world plays slower than asked rather than freeze the page
        let most = if self.sliced { (TICK_WORK / cost(self.merchants(), 1)).max(1.0) } else { f64::MAX };
        let target = self.run.now() + whole.min(most) as Hour;
        self.run.advance_to(target);
        if self.at_end() {
            self.playing = false;
        }
        true
    }

    /// Play (from the start again if the run is over) or pause.
    pub fn toggle_play(&mut self) {
        if self.playing {
            self.pause();
        } else {
            self.play();
        }
    }
    pub fn play(&mut self) {
        if self.at_end() {
            self.run.seek(self.run.start());
        }
        self.playing = true;
    }
    pub fn pause(&mut self) {
        self.playing = false;
    }

    /// Pause and move one hour on.
    pub fn step_hour(&mut self) {
        self.playing = false;
        if self.pending.is_none() {
            let t = self.run.now() + 1;
            self.run.advance_to(t);
        }
    }

    /// Go to an absolute hour (clamped to the run), paused.
    pub fn seek(&mut self, t: Hour) {
        self.playing = false;
        if let Some(b) = self.pending.as_mut() {
            b.retarget(t);
            return;
        }
        let t = t.clamp(self.run.start(), self.run.end());
        let steps = if t < self.run.now() { t - self.run.start() } else { t - self.run.now() };
        if self.sliced && cost(self.merchants(), steps) > HEAVY {
            let b = Builder::relive(&self.run, self.run.spec.clone(), t);
            self.begin(b, steps);
        } else {
            self.run.seek(t);
        }
    }
    /// Go to `h` hours from the start, paused.
    pub fn seek_hour(&mut self, h: Hour) {
        self.seek(self.run.start() + h);
    }

    /// Back to the scenario as written (no reader's cuts) at its start, paused.
    pub fn reset(&mut self) {
        let scenario = self.run.spec.scenario.clone();
        self.replace(RunSpec::new(scenario), 0);
    }

    /// Cut or restore a link now. Returns whether the link is now up, or why it could not be done.
    pub fn toggle_link(&mut self, l: LinkId) -> Result<bool, String> {
        if let Some(p) = self.building() {
            return Err(format!(
                "the run is still being computed ({} %): nothing was changed; try again when it shows",
                crate::model::decimal::Fixed(100.0 * p, 0)
            ));
        }
        let steps = self.run.now() - self.run.start();
        // before the end, a cut now costs nothing (`Run::toggle_now` applies it to the world as it
        // stands); at the end it is placed in the last hour and the run replayed
        if self.run.now() < self.run.end() || !(self.sliced && cost(self.merchants(), steps) > HEAVY) {
            return self.run.toggle_now(l);
        }
        let up = !self.run.live.links.is_up(l);
        let mut spec = self.run.spec.clone();
        spec.add_link_event(l, self.run.event_hour(), up)?;
        let b = Builder::relive(&self.run, spec, self.run.now());
        self.begin(b, steps);
        Ok(up)
    }

    /// The latest simulated hour (or the first baseline hour before anything ran).
    pub fn current(&self) -> &Frame {
        self.run.frames().last().unwrap_or(&self.run.baseline[0])
    }

    /// The baseline at the same hour as `current`.
    pub fn current_baseline(&self) -> &Frame {
        let i = self.run.frames().len().saturating_sub(1);
        &self.run.baseline[i.min(self.run.baseline.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario;

    fn player() -> Player {
        Player::new(RunSpec::new(scenario::builtin("june-2017").unwrap()))
    }

    #[test]
    fn time_moves_only_while_playing_and_at_the_chosen_speed() {
        let mut p = player();
        assert!(!p.tick(1.0), "paused: nothing moves");
        assert_eq!(p.hour(), 0);
        p.set_speed(2); // 6 h/s
        p.play();
        for _ in 0..4 {
            p.tick(0.25);
        }
        assert_eq!(p.hour(), 6);
        p.pause();
        p.tick(0.25);
        assert_eq!(p.hour(), 6);
        // a long stall (a hidden tab) counts as a quarter of a second, not a jump
        p.play();
        p.tick(30.0);
        assert_eq!(p.hour(), 7, "6 h/s × 0.25 s = 1.5 h: one whole hour stepped");
    }

    #[test]
    fn playback_stops_at_the_end_and_play_starts_again_from_the_start() {
        let mut p = player();
        p.seek_hour(p.hours() - 1);
        p.set_speed(SPEEDS.len() - 1);
        p.play();
        p.tick(0.25);
        assert!(p.at_end() && !p.is_playing());
        p.play();
        assert_eq!(p.hour(), 0);
        assert!(p.is_playing());
    }

    #[test]
    fn seeking_is_clamped_and_pauses() {
        let mut p = player();
        p.play();
        p.seek_hour(10_000);
        assert_eq!(p.hour(), p.hours());
        assert!(!p.is_playing());
        p.seek_hour(-5);
        assert_eq!(p.hour(), 0);
        p.step_hour();
        assert_eq!(p.hour(), 1);
    }

    #[test]
    fn a_cut_now_shows_and_reset_forgets_the_readers_cuts() {
        let mut p = player();
        p.seek_hour(5);
        let l = LinkId::Track(crate::model::ids::Courier::Sf);
        assert_eq!(p.toggle_link(l), Ok(false));
        assert!(!p.run().live.links.is_up(l));
        p.set_speed(1);
        p.reset();
        assert_eq!(p.hour(), 0);
        assert!(p.run().live.links.is_up(l));
        assert_eq!(p.speed(), 1, "reset keeps the speed");
    }
}
