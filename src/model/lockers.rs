//! Lockers: parcels of Hive Box's owners (SF, ZTO, STO, Yunda) partly go to Hive Box lockers,
//! where they wait until the buyer picks them up. Hive Box learns Taobao buyers' phone numbers
//! through the locker data link; without it those buyers are not notified and pick up much later.

use super::capacity::cell;
use super::clock::Hour;
use super::config::Config;
use super::ids::{N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;
use super::transit::{DeliveryRing, LOCKER_MAX, RING};

/// Pickup-time distribution with mean `mean_h`: geometric over 1..=LOCKER_MAX hours, the tail
/// folded into the last hour.
pub fn pickup_pmf(mean_h: f64) -> Vec<f64> {
    let q = 1.0 / mean_h.max(1.0);
    let mut pmf = vec![0.0; LOCKER_MAX + 1];
    let mut left = 1.0;
    for j in 1..LOCKER_MAX {
        let p = left * q;
        pmf[j] = p;
        left -= p;
    }
    pmf[LOCKER_MAX] = left;
    pmf
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
    /// Parcels in lockers now.
    pub waiting: f64,
}

impl Lockers {
    pub fn new(cfg: &Config) -> Lockers {
        Lockers {
            ring: vec![Arrivals::default(); RING],
            notified: pickup_pmf(cfg.locker_pickup_h),
            unnotified: pickup_pmf(cfg.locker_pickup_unnotified_h),
            waiting: 0.0,
        }
    }

    /// A parcel bound for a locker will reach it at `at`, `elapsed` hours after its order.
    #[inline(always)]
    pub fn arrive(&mut self, at: Hour, c: usize, p: usize, fresh: bool, x: f64, elapsed: f64) {
        let a = &mut self.ring[at.rem_euclid(RING as i64) as usize];
        a.vol[c][p][fresh as usize] += x;
        a.elapsed[c][p][fresh as usize] += x * elapsed;
    }

    /// Put this hour's arrivals into lockers and schedule their pickups, which depend on whether
    /// the buyer is notified now.
    pub fn place(&mut self, t: Hour, links: &Links, ring: &mut DeliveryRing, shelf_life_h: f64) -> f64 {
        let i = t.rem_euclid(RING as i64) as usize;
        let a = std::mem::take(&mut self.ring[i]);
        let mut placed = 0.0;
        for c in 0..NC {
            for p in 0..NP {
                let pmf = if links.locker_notified(p) { &self.notified } else { &self.unnotified };
                for f in 0..2 {
                    let x = a.vol[c][p][f];
                    if x <= 0.0 {
                        continue;
                    }
                    let e = a.elapsed[c][p][f] / x;
                    let cl = cell(p, f == 1, true);
                    for (j, w) in pmf.iter().enumerate().skip(1) {
                        if *w > 0.0 {
                            ring.deliver(t + j as Hour, c, cl, x * w, e + j as f64, shelf_life_h);
                        }
                    }
                    placed += x;
                }
            }
        }
        self.waiting += placed;
        placed
    }

    pub fn picked_up(&mut self, x: f64) {
        self.waiting = (self.waiting - x).max(0.0);
    }

    pub fn pending(&self) -> f64 {
        self.ring.iter().map(|a| a.vol.iter().flatten().flatten().sum::<f64>()).sum()
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
            let p = pickup_pmf(m);
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            let mean: f64 = p.iter().enumerate().map(|(j, w)| j as f64 * w).sum();
            assert!((mean - m).abs() / m < 0.05, "{m}: {mean}");
        }
    }

    fn mean_wait(links: &Links) -> f64 {
        let cfg = Config::from_params(&crate::model::scenario::builtin("baseline-2017").unwrap().params);
        let mut l = Lockers::new(&cfg);
        let mut ring = DeliveryRing::default();
        l.arrive(10, 0, 0, false, 1000.0, 50.0);
        assert_eq!(l.place(10, links, &mut ring, 72.0), 1000.0);
        let (mut n, mut sum) = (0.0, 0.0);
        let mut s = Slot::default();
        for t in 11..10 + RING as i64 {
            ring.take(t, &mut s);
            n += s.total();
            sum += s.d2d_sum[0];
        }
        assert!((n - 1000.0).abs() < 1e-6, "every parcel is picked up");
        sum / n - 50.0
    }

    #[test]
    fn without_the_locker_link_taobao_buyers_pick_up_later() {
        let up = mean_wait(&Links::default());
        let mut cut = Links::default();
        cut.set(LinkId::LockerHivebox, false);
        let down = mean_wait(&cut);
        assert!(down > 2.0 * up, "{up} h vs {down} h");
    }
}
