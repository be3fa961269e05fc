//! Transit: once sorted, parcels travel for a time set by their distance band (SPB 2017 test
//! bands), the courier's speed factor and a spread; they arrive on a ring of future hours.
//! Delivery statistics (door-to-door time, time until the buyer knows, on-time share, spoilage)
//! are recorded at arrival. The ring is sized from the parameters, so no route is truncated.

use super::capacity::{cell_fresh, CELLS};
use super::clock::Hour;
use super::config::Config;
use super::ids::N_COURIERS as NC;
use super::perishables;

/// Door-to-door histogram: one-hour bins up to `FINE` hours, then `COARSE`-hour bins; the
/// parameter ranges bound door-to-door times well below the last bin (see `max_door_to_door_h`).
pub const FINE: usize = 256;
pub const COARSE: usize = 16;
pub const HIST: usize = FINE + 64 + 1;

/// The on-time promise the SPB measures: delivered within 72 hours (inclusive).
pub const ON_TIME_H: f64 = 72.0;

/// Spread offsets (× `transit_spread`) and their weights: a discrete, right-skewed bell around each
/// band time (late parcels straggle further than early ones arrive early; mean offset 0).
const SPREAD: [(f64, f64); 5] = [(-0.8, 0.15), (-0.4, 0.25), (0.0, 0.3), (0.6, 0.2), (1.2, 0.1)];

/// Travel-time distribution for one courier: (hours, share).
pub fn route(cfg: &Config, c: usize) -> Vec<(usize, f64)> {
    let mut r: Vec<(usize, f64)> = Vec::new();
    for b in 0..4 {
        for (off, w) in SPREAD {
            let h = cfg.band_hours[b] * cfg.speed[c] * (1.0 + off * cfg.transit_spread);
            let h = (libm::round(h) as usize).max(1);
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

/// Ring length that holds the longest route (a power of two, so that an hour's slot is found
/// with a mask). Lockers keep their own stock (see `lockers`).
pub fn ring_len(cfg: &Config) -> usize {
    (cfg.max_transit_h() + 2).next_power_of_two()
}

/// Histogram bin of a door-to-door time.
#[inline(always)]
pub fn bin(d2d: f64) -> usize {
    bin_of_hour(d2d.max(0.0) as usize)
}

/// Histogram bin of a door-to-door time given in whole hours (rounded down).
#[inline(always)]
pub fn bin_of_hour(h: usize) -> usize {
    if h < FINE {
        h
    } else {
        (FINE + (h - FINE) / COARSE).min(HIST - 1)
    }
}

fn bin_lo_width(b: usize) -> (f64, f64) {
    if b < FINE {
        (b as f64, 1.0)
    } else {
        ((FINE + (b - FINE) * COARSE) as f64, COARSE as f64)
    }
}

#[derive(Clone, Debug)]
pub struct Slot {
    pub vol: [[f64; CELLS]; NC],
    /// Σ parcels × door-to-door hours.
    pub d2d: [[f64; CELLS]; NC],
    /// Σ parcels × (hours from order until the buyer knows the parcel has arrived − door-to-door
    /// hours): zero for door deliveries, negative for a notified locker parcel (the buyer knows at
    /// the locker notice, before pickup). Read it with `know_sum`.
    pub know: [[f64; CELLS]; NC],
    /// Parcels delivered within 72 h.
    pub ontime: [[f64; CELLS]; NC],
    /// (Boxed, so that the ring hands its histogram over by swapping.)
    pub hist: Box<[f64; HIST]>,
    pub spoiled: f64,
}

impl Default for Slot {
    fn default() -> Self {
        Slot {
            vol: [[0.0; CELLS]; NC],
            d2d: [[0.0; CELLS]; NC],
            know: [[0.0; CELLS]; NC],
            ontime: [[0.0; CELLS]; NC],
            hist: Box::new([0.0; HIST]),
            spoiled: 0.0,
        }
    }
}

impl Slot {
    /// Empty the slot in place.
    pub fn clear(&mut self) {
        for a in [&mut self.vol, &mut self.d2d, &mut self.know, &mut self.ontime] {
            a.iter_mut().for_each(|r| r.fill(0.0));
        }
        self.hist.fill(0.0);
        self.spoiled = 0.0;
    }

    pub fn total(&self) -> f64 {
        self.vol.iter().flatten().sum()
    }
    pub fn d2d_courier(&self, c: usize) -> f64 {
        self.d2d[c].iter().sum()
    }
    /// Σ parcels × hours until the buyer knows, for courier `c` and cell `cell`.
    #[inline]
    pub fn know_sum(&self, c: usize, cell: usize) -> f64 {
        self.d2d[c][cell] + self.know[c][cell]
    }
    /// The q-quantile of door-to-door time, interpolated within bins.
    pub fn quantile(&self, q: f64) -> f64 {
        let total: f64 = self.hist.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        let goal = q * total;
        let mut acc = 0.0;
        for (b, x) in self.hist.iter().enumerate() {
            if acc + x >= goal && *x > 0.0 {
                let (lo, w) = bin_lo_width(b);
                return lo + w * (goal - acc) / x;
            }
            acc += x;
        }
        bin_lo_width(HIST - 1).0
    }
    /// Share delivered within 72 h (inclusive).
    pub fn on_time_share(&self) -> f64 {
        let total = self.total();
        if total <= 0.0 {
            return 0.0;
        }
        self.ontime.iter().flatten().sum::<f64>() / total
    }
    /// Parcels in the last (catch-all) histogram bin: zero for every documented parameter value.
    pub fn overflow(&self) -> f64 {
        self.hist[HIST - 1]
    }
}

/// Door cells of a courier (`cell / 2`: the locker cells are the odd ones, and lockers keep
/// their own stock).
const DOOR: usize = CELLS / 2;

/// Door deliveries due in one hour (the ring's entries: like a `Slot`, without notification
/// times, which only locker collections have): by courier and door cell, parcels, Σ parcels ×
/// door-to-door hours and parcels within 72 h side by side (one delivery touches one place).
#[derive(Clone, Debug)]
struct RingSlot {
    door: [[[f64; 3]; DOOR]; NC],
    hist: Box<[f64; HIST]>,
    spoiled: f64,
}

impl Default for RingSlot {
    fn default() -> Self {
        RingSlot { door: [[[0.0; 3]; DOOR]; NC], hist: Box::new([0.0; HIST]), spoiled: 0.0 }
    }
}

/// Parcels on their way, by the hour they will be delivered.
#[derive(Clone, Debug)]
pub struct DeliveryRing {
    slots: Vec<RingSlot>,
}

impl DeliveryRing {
    /// A ring of `len` hours (rounded up to a power of two).
    pub fn new(len: usize) -> DeliveryRing {
        DeliveryRing { slots: vec![RingSlot::default(); len.max(2).next_power_of_two()] }
    }

    #[inline(always)]
    fn index(&self, t: Hour) -> usize {
        (t as u64 & (self.slots.len() as u64 - 1)) as usize
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Record door deliveries of courier `c` in several cells at once: `frac` × the parcels of
    /// each (cell, parcels) pair, all delivered at `at` after `d2d` hours door to door (`whole`:
    /// the same, rounded down; the buyer knows at delivery).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    pub fn deliver_cells(
        &mut self,
        now: Hour,
        at: Hour,
        c: usize,
        cells: &[(usize, f64)],
        frac: f64,
        d2d: f64,
        whole: usize,
        shelf_life_h: f64,
    ) {
        debug_assert!(at > now && ((at - now) as usize) < self.slots.len(), "the ring holds every route");
        let i = self.index(at);
        let s = &mut self.slots[i];
        let on_time = d2d <= ON_TIME_H + 1e-9;
        let late = perishables::spoiled(true, d2d, shelf_life_h);
        let row = &mut s.door[c];
        let mut total = 0.0;
        for &(cell, x) in cells {
            debug_assert!(cell % 2 == 0, "door cells only");
            let x = x * frac;
            total += x;
            let e = &mut row[cell / 2];
            e[0] += x;
            e[1] += x * d2d;
            if on_time {
                e[2] += x;
            }
            if late && cell_fresh(cell) {
                s.spoiled += x;
            }
        }
        s.hist[bin_of_hour(whole)] += total;
    }

    /// Door deliveries of a cohort of courier `c` sorted at `now` after waiting `wait` hours
    /// since its order: for each hour of the route, `deliver_cells` with the route's share.
    #[inline(never)]
    pub fn deliver_route(&mut self, now: Hour, c: usize, route: &[(usize, f64)], wait: usize, cells: &[(usize, f64)], shelf_life_h: f64) {
        let waited = wait as f64;
        for &(off, frac) in route {
            self.deliver_cells(now, now + off as Hour, c, cells, frac, waited + off as f64, wait + off, shelf_life_h);
        }
    }

    /// Take the deliveries of hour `t` into `out` (leaving the ring's entry empty for hour t + len).
    pub fn take(&mut self, t: Hour, out: &mut Slot) {
        let i = self.index(t);
        let s = &mut self.slots[i];
        for c in 0..NC {
            for j in 0..DOOR {
                let [v, d, o] = s.door[c][j];
                (out.vol[c][2 * j], out.d2d[c][2 * j], out.ontime[c][2 * j]) = (v, d, o);
                (out.vol[c][2 * j + 1], out.d2d[c][2 * j + 1], out.ontime[c][2 * j + 1]) = (0.0, 0.0, 0.0);
            }
        }
        std::mem::swap(&mut out.hist, &mut s.hist);
        s.hist.fill(0.0);
        out.spoiled = s.spoiled;
        out.know.iter_mut().for_each(|r| r.fill(0.0));
        s.door = [[[0.0; 3]; DOOR]; NC];
        s.spoiled = 0.0;
    }

    pub fn pending(&self) -> f64 {
        self.slots.iter().map(|s| s.door.iter().flatten().map(|e| e[0]).sum::<f64>()).sum()
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
            assert!(r.last().unwrap().0 < cfg.max_transit_h(), "the ring holds the route");
        }
        assert!(mean(&route(&cfg, 0)) < mean(&route(&cfg, 1)), "SF is faster than ZTO");
    }

    #[test]
    fn long_routes_are_not_truncated() {
        let mut p = scenario::builtin("baseline-2017").unwrap().params;
        p.set("band_hours.gt3000", 150.0).unwrap();
        p.set("speed.other", 2.0).unwrap();
        p.set("transit_spread", 0.8).unwrap();
        let cfg = Config::from_params(&p);
        let r = route(&cfg, 8);
        assert!(r.last().unwrap().0 > 500, "{:?}", r.last());
        assert!(ring_len(&cfg) > r.last().unwrap().0);
    }

    #[test]
    fn quantiles_and_on_time_share() {
        let mut ring = DeliveryRing::new(300);
        for h in 0..100 {
            ring.deliver_cells(0, 5, 0, &[(0, 1.0)], 1.0, h as f64, h, 72.0);
        }
        ring.deliver_cells(0, 5, 0, &[(0, 1.0)], 1.0, 300.0, 300, 72.0);
        let mut s = Slot::default();
        ring.take(5, &mut s);
        assert_eq!(s.total(), 101.0);
        assert!((s.quantile(0.9) - 91.0).abs() < 1.0);
        assert!((s.on_time_share() - 73.0 / 101.0).abs() < 1e-12, "72 h counts as on time");
        assert!(s.quantile(1.0) >= 300.0 && s.quantile(1.0) <= 316.0, "long times keep their bin");
        assert_eq!(s.spoiled, 0.0, "cell 0 is not fresh");
        assert_eq!(s.overflow(), 0.0);
        assert_eq!(ring.pending(), 0.0);
    }
}
