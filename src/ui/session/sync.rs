//! The sync part of the session: what the address bar and the embedding page have been told,
//! and when (so that playing time writes at most once a second, and a new set-up or story step
//! is a history entry while time moving is not).

use super::action::Effect;
use crate::ui::embed::Id;

/// Longest gap between re-renders while time moves (the canvas itself redraws every frame).
pub const RENDER_EVERY_MS: f64 = 100.0;
/// Longest gap between address writes, and between `state` events to the host, while playing.
pub const WRITE_EVERY_MS: f64 = 1000.0;

/// WebAssembly memory grows and never shrinks: after a heavy run, a page whose memory holds more
/// than this many times what it held when it started reloads itself from its address when a
/// link followed within it (Back, Forward, a pasted link, a page setting an embed's address)
/// shows a light state, which then starts as a fresh page would.
pub const MEMORY_RELOAD_RATIO: f64 = 2.0;

/// Whether the page should reload (see `MEMORY_RELOAD_RATIO`): `fresh` and `now` are the
/// memory's bytes at start and now, `heavy` whether the state shown is heavy (or being built).
pub fn reload_for_memory(fresh: f64, now: f64, heavy: bool) -> bool {
    !heavy && fresh > 0.0 && now > MEMORY_RELOAD_RATIO * fresh
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sync {
    /// The page's own options (embed, autoplay, from, to, origins) that every address the
    /// session writes keeps, so a reload is the same page with the same allow-list.
    pub page_pairs: String,
    /// The app is embedded in another page (it answers the host; it writes no history entries).
    pub embed: bool,
    /// The page's clock at the last tick (ms).
    pub clock_ms: f64,
    pub last_render_ms: f64,
    last_state_ms: f64,
    /// The address last written, and when.
    pub written: (String, f64),
    /// What makes an address a new history entry: the set-up and the story step last written.
    pub written_step: String,
    /// Replies to host commands (their `id` and the origin to answer) that wait for the run
    /// being built: a reply reports the state after its command, and that is the built run.
    held: Vec<(Option<Id>, String)>,
}

impl Sync {
    pub fn new(page_pairs: String, embed: bool) -> Sync {
        Sync {
            page_pairs,
            embed,
            clock_ms: 0.0,
            last_render_ms: 0.0,
            last_state_ms: 0.0,
            written: (String::new(), f64::NEG_INFINITY),
            written_step: String::new(),
            held: Vec::new(),
        }
    }

    /// The address the page shows: the state's link, then the page's own options.
    pub fn address(&self, link: String, presenter: bool) -> String {
        let mut a = link;
        for extra in [self.page_pairs.as_str(), if presenter { "presenter=1" } else { "" }] {
            if !extra.is_empty() {
                if !a.is_empty() {
                    a.push('&');
                }
                a.push_str(extra);
            }
        }
        a
    }

    /// Time to re-render while time moves.
    pub fn render_due(&mut self) -> bool {
        let due = self.clock_ms - self.last_render_ms >= RENDER_EVERY_MS;
        if due {
            self.last_render_ms = self.clock_ms;
        }
        due
    }

    /// Answer a host command with the state after it (`id` and `origin`: the command's). While a
    /// run is being built (`building`) that state is not there yet: the reply waits for it.
    pub fn reply(&mut self, id: Option<Id>, origin: String, building: bool, fx: &mut Vec<Effect>) {
        self.held.push((id, origin));
        if !building {
            self.release(fx);
        }
    }

    /// An embedding page hears of every change, and of time moving once a second (`quiet`);
    /// nothing while a run is being built (what it would hear is neither the old state nor the
    /// new). The first state after a build answers the replies that waited for it.
    pub fn post_state(&mut self, quiet: bool, building: bool, fx: &mut Vec<Effect>) {
        if building {
            return;
        }
        if !self.held.is_empty() {
            self.release(fx);
            return;
        }
        // a reply to a host command has just told the state
        let told = fx.iter().any(|e| matches!(e, Effect::PostState { .. }));
        if self.embed && !told && (!quiet || self.clock_ms - self.last_state_ms > WRITE_EVERY_MS) {
            self.last_state_ms = self.clock_ms;
            fx.push(Effect::PostState { id: None, origin: String::new() });
        }
    }

    /// Send the replies held, in the order their commands came.
    fn release(&mut self, fx: &mut Vec<Effect>) {
        self.last_state_ms = self.clock_ms;
        fx.extend(self.held.drain(..).map(|(id, origin)| Effect::PostState { id, origin }));
    }

    /// Whether the address may be written now: at most once a second while `playing`.
    pub fn may_write(&self, playing: bool) -> bool {
        !(playing && self.clock_ms - self.written.1 < WRITE_EVERY_MS)
    }

    /// Write a new `address`. A new `step` (a set-up or story step) is a new history entry,
    /// except in an embed (its entries would be the embedding page's Back button).
    pub fn write(&mut self, address: String, step: String, fx: &mut Vec<Effect>) {
        let push = !self.embed && !self.written.0.is_empty() && step != self.written_step;
        self.written = (address.clone(), self.clock_ms);
        self.written_step = step;
        fx.push(if push { Effect::PushAddress(address) } else { Effect::WriteAddress(address) });
    }

    /// The address already says this (the reader navigated to it, or it was just copied).
    pub fn already_written(&mut self, address: String, step: String) {
        self.written = (address, self.clock_ms);
        self.written_step = step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_reloads_for_memory_only_past_twice_its_start_and_for_a_light_state() {
        let mb = 1024.0 * 1024.0;
        assert!(reload_for_memory(12.0 * mb, 60.0 * mb, false), "heavy then light: 5x");
        assert!(!reload_for_memory(12.0 * mb, 60.0 * mb, true), "not while a heavy state shows or is built");
        assert!(!reload_for_memory(12.0 * mb, 24.0 * mb, false), "2x is within bounds");
        assert!(!reload_for_memory(0.0, 60.0 * mb, false), "no figure at start: never");
    }
}
