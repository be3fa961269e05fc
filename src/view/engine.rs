//! Playback around the model: the view's only way to move simulated time. Lives outside Yew's
//! state (behind `Rc<RefCell<_>>`) so the animation loop can drive it every frame.

use crate::model::clock::Hour;
use crate::model::ids::LinkId;
use crate::model::output::Frame;
use crate::model::run::{Run, RunSpec};
use crate::model::scenario;

/// Simulated hours per real second: from one hour to two days.
pub const SPEEDS: [f64; 6] = [1.0, 3.0, 6.0, 12.0, 24.0, 48.0];

pub struct Engine {
    pub run: Run,
    pub playing: bool,
    pub speed: usize,
    acc: f64,
    /// Visual phase of the sprites (advances while playing).
    pub phase: f64,
    /// Reduced motion: sprites stay still (the numbers and charts still move).
    pub still: bool,
}

impl Engine {
    pub fn new(spec: RunSpec) -> Engine {
        Engine { run: Run::new(spec), playing: false, speed: 3, acc: 0.0, phase: 0.0, still: false }
    }

    pub fn scenario(id: &str) -> Result<Engine, String> {
        Ok(Engine::new(RunSpec::new(scenario::builtin(id)?)))
    }

    /// Advance by `dt` real seconds. Returns true if simulated time moved.
    pub fn tick(&mut self, dt: f64) -> bool {
        if !self.playing {
            return false;
        }
        let dt = dt.clamp(0.0, 0.25);
        if !self.still {
            self.phase += dt * 0.35;
        }
        self.acc += dt * SPEEDS[self.speed];
        let whole = self.acc.floor();
        self.acc -= whole;
        if whole < 1.0 {
            return false;
        }
        let target = self.run.now() + whole as Hour;
        self.run.advance_to(target);
        if self.run.now() >= self.run.end() {
            self.playing = false;
        }
        true
    }

    pub fn toggle_play(&mut self) {
        if self.run.now() >= self.run.end() {
            self.run.seek(self.run.start());
        }
        self.playing = !self.playing;
    }

    pub fn step_hour(&mut self) {
        self.playing = false;
        let t = self.run.now() + 1;
        self.run.advance_to(t);
    }

    pub fn reset(&mut self) {
        let spec = self.run.spec.clone();
        let scenario_only = RunSpec::new(spec.scenario);
        self.run = Run::new(scenario_only);
        self.playing = false;
        self.acc = 0.0;
    }

    pub fn seek(&mut self, t: Hour) {
        self.run.seek(t);
    }

    pub fn toggle_link(&mut self, l: LinkId) -> Result<bool, String> {
        self.run.toggle_now(l)
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
