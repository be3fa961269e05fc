//! Lockers: parcels of Hive Box's owners (SF, ZTO, STO, Yunda) partly go to Hive Box lockers,
//! where they wait until the buyer picks them up. Hive Box learns Taobao buyers' phone numbers
//! through the locker data link; without it those buyers are not notified and pick up much later.
//! A parcel not collected after `locker_max_hold_h` is taken out and handed to the buyer by the
//! courier in that hour (a mechanism with a parameter, not a truncation).

use super::capacity::{cell, CELLS};
use super::clock::Hour;
use super::config::Config;
use super::ids::{N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;
use super::transit::DeliveryRing;

/// Pickup-time distribution with mean `mean_h` (before the hold limit): geometric over
/// 1..max_hold hours; parcels still there at `max_hold` are handed over by the courier then.
pub fn pickup_pmf(mean_h: f64, max_hold_h: f64) -> Vec<f64> {
    let q = 1.0 / mean_h.max(1.0);
    let last = (libm::ceil(max_hold_h) as usize).max(1);
    let mut pmf = vec![0.0; last + 1];
    let mut left = 1.0;
    for x in pmf.iter_mut().take(last).skip(1) {
        let p = left * q;
        *x = p;
        left -= p;
    }
    pmf[last] = left;
    pmf
}

/// One batch put into lockers: for door-to-door statistics by order day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Placement {
    pub c: usize,
    pub p: usize,
    pub x: f64,
    /// Mean hour of the order.
    pub ordered: f64,
    /// Mean door-to-door hours, mean hours until the buyer knows, share within 72 h.
    pub d2d: f64,
    pub know: f64,
    pub on_time: f64,
}

#[derive(Clone, Debug, Default)]
struct Arrivals {
    vol: [[[f64; 2]; NP]; NC],
    elapsed: [[[f64; 2]; NP]; NC],
}

#[derive(Clone, Debug)]
pub struct Lockers {
    ring: Vec<Arrivals>,
    notified: Vec<f64>,
    unnotified: Vec<f64>,
    /// Parcels in lockers now, by courier and cell (locker cells only).
    pub waiting_cells: [[f64; CELLS]; NC],
    /// Parcels in lockers now.
    pub waiting: f64,
}

impl Lockers {
    pub fn new(cfg: &Config, ring_len: usize) -> Lockers {
        Lockers {
            ring: vec![Arrivals::default(); ring_len.max(2).next_power_of_two()],
            notified: pickup_pmf(cfg.locker_pickup_h, cfg.locker_max_hold_h),
            unnotified: pickup_pmf(cfg.locker_pickup_unnotified_h, cfg.locker_max_hold_h),
            waiting_cells: [[0.0; CELLS]; NC],
            waiting: 0.0,
        }
    }

    /// A parcel bound for a locker will reach it at `at`, `elapsed` hours after its order.
    #[inline(always)]
    pub fn arrive(&mut self, at: Hour, c: usize, p: usize, fresh: bool, x: f64, elapsed: f64) {
        let i = (at as u64 & (self.ring.len() as u64 - 1)) as usize;
        let a = &mut self.ring[i];
        a.vol[c][p][fresh as usize] += x;
        a.elapsed[c][p][fresh as usize] += x * elapsed;
    }

    /// Put this hour's arrivals into lockers and schedule their pickups, which depend on whether
    /// the buyer is notified now. A notified buyer knows at arrival; one who is not learns at pickup.
    pub fn place(
        &mut self,
        t: Hour,
        links: &Links,
        ring: &mut DeliveryRing,
        shelf_life_h: f64,
        placements: &mut Vec<Placement>,
    ) -> f64 {
        placements.clear();
        let i = (t as u64 & (self.ring.len() as u64 - 1)) as usize;
        let a = std::mem::take(&mut self.ring[i]);
        let mut placed = 0.0;
        for c in 0..NC {
            for p in 0..NP {
                let notified = links.locker_notified(p);
                let pmf = if notified {
                    &self.notified
                } else {
                    &self.unnotified
                };
                for f in 0..2 {
                    let x = a.vol[c][p][f];
                    if x <= 0.0 {
                        continue;
                    }
                    let e = a.elapsed[c][p][f] / x;
                    let whole = e.max(0.0) as usize;
                    let cl = cell(p, f == 1, true);
                    let (mut mean, mut on_time) = (0.0, 0.0);
                    for (j, w) in pmf.iter().enumerate().skip(1) {
                        if *w > 0.0 {
                            let d2d = e + j as f64;
                            mean += w * j as f64;
                            if d2d <= super::transit::ON_TIME_H + 1e-9 {
                                on_time += w;
                            }
                            ring.deliver(
                                t,
                                t + j as Hour,
                                c,
                                cl,
                                x * w,
                                d2d,
                                whole + j,
                                if notified { e } else { d2d },
                                shelf_life_h,
                            );
                        }
                    }
                    placements.push(Placement {
                        c,
                        p,
                        x,
                        ordered: t as f64 - e,
                        d2d: e + mean,
                        know: if notified { e } else { e + mean },
                        on_time,
                    });
                    self.waiting_cells[c][cl] += x;
                    placed += x;
                }
            }
        }
        self.waiting += placed;
        placed
    }

    /// Parcels collected this hour (locker cells of a delivery slot).
    pub fn picked_up(&mut self, c: usize, cl: usize, x: f64) {
        self.waiting_cells[c][cl] -= x;
        self.waiting -= x;
        if self.waiting_cells[c][cl] < 1e-6 * x.max(1.0) {
            self.waiting_cells[c][cl] = self.waiting_cells[c][cl].max(0.0);
        }
        self.waiting = self.waiting.max(0.0);
    }

    pub fn pending(&self) -> f64 {
        self.ring
            .iter()
            .map(|a| a.vol.iter().flatten().flatten().sum::<f64>())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::LinkId;
    use crate::model::transit::Slot;

    #[test]
    fn pickup_distribution_has_the_requested_mean() {
        for m in [4.0, 8.0, 20.0] {
            let p = pickup_pmf(m, 240.0);
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            let mean: f64 = p.iter().enumerate().map(|(j, w)| j as f64 * w).sum();
            assert!((mean - m).abs() / m < 0.05, "{m}: {mean}");
        }
        // the hold limit: what is left is handed over at the limit, nothing is dropped
        let p = pickup_pmf(480.0, 96.0);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12 && p[96] > 0.5);
    }

    fn mean_wait(links: &Links) -> (f64, f64) {
        let cfg = Config::from_params(
            &crate::model::scenario::builtin("baseline-2017")
                .unwrap()
                .params,
        );
        let len = crate::model::transit::ring_len(&cfg);
        let mut l = Lockers::new(&cfg, len);
        let mut ring = DeliveryRing::new(len);
        l.arrive(10, 0, 0, false, 1000.0, 50.0);
        let mut out = Vec::new();
        assert_eq!(l.place(10, links, &mut ring, 72.0, &mut out), 1000.0);
        assert_eq!(out.len(), 1);
        let (mut n, mut sum, mut know) = (0.0, 0.0, 0.0);
        let mut s = Slot::default();
        for t in 11..10 + len as i64 {
            ring.take(t, &mut s);
            n += s.total();
            sum += s.d2d_courier(0);
            know += (0..crate::model::capacity::CELLS)
                .map(|i| s.know_sum(0, i))
                .sum::<f64>();
        }
        assert!((n - 1000.0).abs() < 1e-6, "every parcel is picked up");
        (sum / n - 50.0, know / n - 50.0)
    }

    #[test]
    fn without_the_locker_link_taobao_buyers_pick_up_later_and_learn_later() {
        let (up, know_up) = mean_wait(&Links::default());
        assert!(
            know_up.abs() < 1e-9,
            "a notified buyer knows when the parcel arrives"
        );
        let mut cut = Links::default();
        cut.set(LinkId::LockerHivebox, false);
        let (down, know_down) = mean_wait(&cut);
        assert!(down > 2.0 * up, "{up} h vs {down} h");
        assert!(
            (know_down - down).abs() < 1e-9,
            "an unnotified buyer learns at pickup"
        );
    }
}
