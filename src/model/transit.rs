//! Transit: once sorted, parcels travel for a time set by their distance band (SPB 2017 test
//! bands), the courier's speed factor and a spread; they arrive on a ring of future hours.
//! Delivery statistics (door-to-door time, on-time share, spoilage) are recorded at arrival.

use super::capacity::{cell_fresh, CELLS};
use super::clock::Hour;
use super::config::Config;
use super::ids::N_COURIERS as NC;
use super::perishables;

pub const RING: usize = 256;
/// Door-to-door histogram: one-hour bins, the last one holds everything longer.
pub const HIST: usize = 256;

/// Spread offsets (× `transit_spread`) and their weights: a discrete, right-skewed bell around each
/// band time (late parcels straggle further than early ones arrive early; mean offset 0).
const SPREAD: [(f64, f64); 5] = [(-0.8, 0.15), (-0.4, 0.25), (0.0, 0.3), (0.6, 0.2), (1.2, 0.1)];

/// Travel-time distribution for one courier: (hours, share).
pub fn route(cfg: &Config, c: usize) -> Vec<(usize, f64)> {
    let mut r: Vec<(usize, f64)> = Vec::new();
    for b in 0..4 {
        for (off, w) in SPREAD {
            let h = cfg.band_hours[b] * cfg.speed[c] * (1.0 + off * cfg.transit_spread);
            let h = (libm::round(h) as usize).clamp(1, RING - 1 - LOCKER_MAX);
            let share = cfg.band_share[b] * w;
            match r.iter_mut().find(|x| x.0 == h) {
                Some(x) => x.1 += share,
                None => r.push((h, share)),
            }
        }
    }
    r.sort_by_key(|x| x.0);
    r
}

/// Longest locker dwell the ring must hold (see `lockers`).
pub const LOCKER_MAX: usize = 96;

#[derive(Clone, Debug)]
pub struct Slot {
    pub vol: [[f64; CELLS]; NC],
    pub d2d_sum: [f64; NC],
    pub hist: [f64; HIST],
    pub spoiled: f64,
}

impl Default for Slot {
    fn default() -> Self {
        Slot { vol: [[0.0; CELLS]; NC], d2d_sum: [0.0; NC], hist: [0.0; HIST], spoiled: 0.0 }
    }
}

impl Slot {
    pub fn total(&self) -> f64 {
        self.vol.iter().flatten().sum()
    }
    /// The q-quantile of door-to-door time, interpolated within one-hour bins.
    pub fn quantile(&self, q: f64) -> f64 {
        let total: f64 = self.hist.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        let goal = q * total;
        let mut acc = 0.0;
        for (h, x) in self.hist.iter().enumerate() {
            if acc + x >= goal && *x > 0.0 {
                return h as f64 + (goal - acc) / x;
            }
            acc += x;
        }
        HIST as f64
    }
    /// Share delivered within `hours`.
    pub fn within(&self, hours: usize) -> f64 {
        let total: f64 = self.hist.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        self.hist[..hours.min(HIST)].iter().sum::<f64>() / total
    }
}

/// Parcels on their way, by the hour they will be delivered.
#[derive(Clone, Debug)]
pub struct DeliveryRing {
    slots: Vec<Slot>,
}

impl Default for DeliveryRing {
    fn default() -> Self {
        DeliveryRing { slots: vec![Slot::default(); RING] }
    }
}

impl DeliveryRing {
    /// Record `x` parcels of courier `c`, cell `cell`, delivered at `at` after `d2d` hours door to door.
    #[inline(always)]
    pub fn deliver(&mut self, at: Hour, c: usize, cell: usize, x: f64, d2d: f64, shelf_life_h: f64) {
        let s = &mut self.slots[at.rem_euclid(RING as i64) as usize];
        s.vol[c][cell] += x;
        s.d2d_sum[c] += x * d2d;
        let bin = (d2d.max(0.0) as usize).min(HIST - 1);
        s.hist[bin] += x;
        if perishables::spoiled(cell_fresh(cell), d2d, shelf_life_h) {
            s.spoiled += x;
        }
    }

    /// Take the slot of hour `t` (leaving it empty for hour t + RING).
    pub fn take(&mut self, t: Hour, out: &mut Slot) {
        let s = &mut self.slots[t.rem_euclid(RING as i64) as usize];
        std::mem::swap(s, out);
        *s = Slot::default();
    }

    pub fn pending(&self) -> f64 {
        self.slots.iter().map(|s| s.total()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario;

    #[test]
    fn routes_are_distributions_and_faster_couriers_arrive_sooner() {
        let cfg = Config::from_params(&scenario::builtin("baseline-2017").unwrap().params);
        let mean = |r: &Vec<(usize, f64)>| r.iter().map(|(h, s)| *h as f64 * s).sum::<f64>();
        for c in 0..NC {
            let r = route(&cfg, c);
            let s: f64 = r.iter().map(|x| x.1).sum();
            assert!((s - 1.0).abs() < 1e-12);
        }
        assert!(mean(&route(&cfg, 0)) < mean(&route(&cfg, 1)), "SF is faster than ZTO");
    }

    #[test]
    fn quantiles_and_on_time_share() {
        let mut ring = DeliveryRing::default();
        for h in 0..100 {
            ring.deliver(5, 0, 0, 1.0, h as f64, 72.0);
        }
        let mut s = Slot::default();
        ring.take(5, &mut s);
        assert_eq!(s.total(), 100.0);
        assert!((s.quantile(0.9) - 90.0).abs() < 1.0);
        assert!((s.within(72) - 0.72).abs() < 1e-12);
        assert_eq!(s.spoiled, 0.0, "cell 0 is not fresh");
        assert_eq!(ring.pending(), 0.0);
    }
}
