//! Lockers: parcels of Hive Box's owners (SF, ZTO, STO, Yunda) partly go to Hive Box lockers,
//! where they wait until the buyer picks them up. Hive Box learns Taobao buyers' phone numbers
//! through the locker data link; without it those buyers are not notified and pick up much later.
//! Each hour a notified buyer collects with probability 1/`locker_pickup_h`, one who was not
//! notified with 1/`locker_pickup_unnotified_h`. When the link comes back, Hive Box notifies the
//! buyers of parcels already waiting, and they collect as notified buyers do. A parcel still there
//! after `locker_max_hold_h` is taken out and handed to the buyer by the courier in that hour
//! (a mechanism with a parameter, not a truncation).

use super::capacity::{cell, CELLS};
use super::clock::Hour;
use super::config::Config;
use super::ids::{N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;
use super::perishables;
use super::transit::{bin_of_hour, Slot, HIST, ON_TIME_H};

/// A batch of parcels that reached a locker in the same hour, once all are collected: for
/// door-to-door statistics by order day.
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

/// Parcels that reached a locker in the same hour: how many are left, mean hours from order to
/// arrival, and, once their buyers are notified, mean hours from order to the notice; and what
/// was collected so far (parcels, Σ door-to-door hours, Σ hours until the buyer knew, parcels
/// within 72 h), reported as one `Placement` when the batch is empty.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Batch {
    vol: f64,
    e: f64,
    know: f64,
    /// `e` rounded down (capped far above the histogram's last bin, so its bins are unchanged).
    whole: u32,
    notified: bool,
    /// Is the batch reported by order day (ordered at or after `record_from`)? Only then are
    /// its running totals `done` kept.
    rec: bool,
    done: [f64; 4],
}

#[derive(Clone, Debug)]
pub struct Lockers {
    /// Parcels on their way to a locker, by the hour they arrive.
    ring: Vec<Arrivals>,
    /// Parcels in lockers by courier, platform and fresh (`combo`), then by arrival hour (a ring
    /// of `max_hold + 1` hours): `ages[combo * (max_hold + 1) + hour]`.
    /// ring indexed by arrival hour).
    ages: Vec<Batch>,
    /// Are the buyers of every waiting parcel notified (by courier, platform, fresh)?
    all_notified: [[[bool; 2]; NP]; NC],
    /// Couriers that have sent parcels to lockers (the others are skipped).
    used: [bool; NC],
    q_notified: f64,
    q_unnotified: f64,
    max_hold: usize,
    /// Parcels in lockers now, by courier and cell (locker cells only).
    pub waiting_cells: [[f64; CELLS]; NC],
    /// Parcels in lockers now.
    pub waiting: f64,
    /// Batches ordered before this hour are not reported by order day (`None`: all are).
    record_from: Option<Hour>,
}

/// One hour's collections from one locker cell, summed before they go into the hour's deliveries.
#[derive(Default)]
struct Collected {
    vol: f64,
    d2d: f64,
    know: f64,
    on_time: f64,
    spoiled: f64,
}

impl Collected {
    /// `x` parcels collected after `d2d` hours door to door, their buyers told after `know`
    /// hours; also added to their batch's running totals `done` and to the time histogram.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn collect(&mut self, x: f64, d2d: f64, know: f64, done: &mut [f64; 4], hist: &mut f64, fresh: bool, shelf_life_h: f64) {
        self.vol += x;
        self.d2d += x * d2d;
        self.know += x * know;
        *hist += x;
        done[0] += x;
        done[1] += x * d2d;
        done[2] += x * know;
        if d2d <= ON_TIME_H + 1e-9 {
            done[3] += x;
            self.on_time += x;
        }
        if perishables::spoiled(fresh, d2d, shelf_life_h) {
            self.spoiled += x;
        }
    }
}

/// One hour of collections from the batches of one locker cell with ages `first_age`,
/// `first_age + 1`, … (`seg` holds them oldest first): the same sums as `Collected::collect` for
/// each batch in turn, kept in registers. Only a batch reported by order day keeps its running
/// totals (`done`).
#[inline(never)]
fn age_batches<const FRESH: bool>(
    seg: &mut [Batch],
    first_age: usize,
    q_notified: f64,
    q_unnotified: f64,
    hist: &mut [f64; HIST],
    shelf_life_h: f64,
    sum: &mut Collected,
) {
    let (mut vol, mut d2d_sum, mut know_sum, mut on_time, mut spoiled) = (sum.vol, sum.d2d, sum.know, sum.on_time, sum.spoiled);
    let mut age = first_age - 1;
    let mut agef = age as f64;
    for b in seg.iter_mut().rev() {
        age += 1;
        agef += 1.0;
        let v = b.vol;
        if v <= 0.0 {
            continue;
        }
        let d2d = b.e + agef;
        let (q, know) = if b.notified { (q_notified, b.know) } else { (q_unnotified, d2d) };
        let x = v * q;
        let xd = x * d2d;
        let xk = x * know;
        vol += x;
        d2d_sum += xd;
        know_sum += xk;
        hist[bin_of_hour(b.whole as usize + age)] += x;
        let in_time = d2d <= ON_TIME_H + 1e-9;
        if b.rec {
            b.done[0] += x;
            b.done[1] += xd;
            b.done[2] += xk;
            if in_time {
                b.done[3] += x;
            }
        }
        if in_time {
            on_time += x;
        }
        if FRESH && perishables::spoiled(true, d2d, shelf_life_h) {
            spoiled += x;
        }
        b.vol = v - x;
    }
    (sum.vol, sum.d2d, sum.know, sum.on_time, sum.spoiled) = (vol, d2d_sum, know_sum, on_time, spoiled);
}

impl Lockers {
    pub fn new(cfg: &Config, ring_len: usize) -> Lockers {
        let max_hold = (libm::ceil(cfg.locker_max_hold_h) as usize).max(1);
        Lockers {
            ring: vec![Arrivals::default(); ring_len.max(2).next_power_of_two()],
            ages: vec![Batch::default(); NC * NP * 2 * (max_hold + 1)],
            used: [false; NC],
            all_notified: [[[true; 2]; NP]; NC],
            q_notified: 1.0 / cfg.locker_pickup_h.max(1.0),
            q_unnotified: 1.0 / cfg.locker_pickup_unnotified_h.max(1.0),
            max_hold,
            waiting_cells: [[0.0; CELLS]; NC],
            waiting: 0.0,
            record_from: None,
        }
    }

    /// Report (as `Placement`s) only the batches ordered at or after `start`: the others'
    /// statistics by order day would fall before the run's first day.
    pub fn record_from(&mut self, start: Hour) {
        self.record_from = Some(start);
    }

    /// A parcel bound for a locker will reach it at `at`, `elapsed` hours after its order.
    #[inline(always)]
    pub fn arrive(&mut self, at: Hour, c: usize, p: usize, fresh: bool, x: f64, elapsed: f64) {
        let i = (at as u64 & (self.ring.len() as u64 - 1)) as usize;
        let a = &mut self.ring[i];
        a.vol[c][p][fresh as usize] += x;
        a.elapsed[c][p][fresh as usize] += x * elapsed;
        self.used[c] = true;
    }

    /// Parcels of courier `c` sorted at `now` after waiting `waited` hours since their order,
    /// bound for lockers: `cells` (cell, parcels) spread over the hours of `route`.
    #[inline(never)]
    pub fn arrive_route(&mut self, now: Hour, c: usize, route: &[(usize, f64)], waited: f64, cells: &[(usize, f64)]) {
        for &(off, frac) in route {
            let (at, d2d) = (now + off as Hour, waited + off as f64);
            for &(i, x) in cells {
                self.arrive(at, c, i / 4, i % 4 >= 2, x * frac, d2d);
            }
        }
    }

    /// One hour at the lockers: parcels collected now go into `slot` (this hour's deliveries),
    /// buyers of waiting parcels are notified if the link now allows it, and this hour's
    /// arrivals are put in. Returns the parcels collected.
    pub fn step(&mut self, t: Hour, links: &Links, slot: &mut Slot, shelf_life_h: f64, collected: &mut Vec<Placement>) -> f64 {
        collected.clear();
        let n = self.max_hold + 1;
        let now = t.rem_euclid(n as i64) as usize;
        let mut picked = 0.0;
        for c in 0..NC {
            if !self.used[c] {
                continue;
            }
            for p in 0..NP {
                let notify = links.locker_notified(p);
                for f in 0..2 {
                    let cl = cell(p, f == 1, true);
                    // this hour's collections of all ages, added to the slot at once
                    let mut sum = Collected::default();
                    let base = ((c * NP + p) * 2 + f) * n;
                    let (q_notified, q_unnotified, max_hold) = (self.q_notified, self.q_unnotified, self.max_hold);
                    let ring = &mut self.ages[base..base + n];
                    let fresh = f == 1;
                    // the link is back: Hive Box tells the buyers of waiting parcels now
                    if notify && !self.all_notified[c][p][f] {
                        for age in 1..=max_hold {
                            let k = if now >= age { now - age } else { now + n - age };
                            let b = &mut ring[k];
                            if b.vol > 0.0 && !b.notified {
                                b.notified = true;
                                b.know = b.e + age as f64;
                            }
                        }
                        self.all_notified[c][p][f] = true;
                    }
                    // ages 1 .. max_hold − 1: each buyer collects with the hour's chance. The ring
                    // holds the batch that arrived at hour h at h mod n: ages 1..=now are
                    // ring[now − 1] down to ring[0], the older ones ring[n − 1] down.
                    let (lo, hi) = ring.split_at_mut(now);
                    let a_len = now.min(max_hold - 1);
                    let seg_a = &mut lo[now - a_len..];
                    // ring[now] is empty (it receives this hour's arrivals), ring[now + 1] holds
                    // the batch at the hold limit (handled below)
                    let seg_b: &mut [Batch] = if hi.len() > 2 { &mut hi[2..] } else { &mut [] };
                    let segments: [(&mut [Batch], usize); 2] = [(seg_a, 1), (seg_b, now + 1)];
                    for (seg, first_age) in segments {
                        if fresh {
                            age_batches::<true>(seg, first_age, q_notified, q_unnotified, &mut slot.hist, shelf_life_h, &mut sum);
                        } else {
                            age_batches::<false>(seg, first_age, q_notified, q_unnotified, &mut slot.hist, shelf_life_h, &mut sum);
                        }
                    }
                    // the hold limit: what is left is taken out and handed over now
                    let k = if now >= max_hold { now - max_hold } else { now + n - max_hold };
                    let b = &mut ring[k];
                    if b.vol > 0.0 {
                        let d2d = b.e + max_hold as f64;
                        let know = if b.notified { b.know } else { d2d };
                        sum.collect(
                            b.vol,
                            d2d,
                            know,
                            &mut b.done,
                            &mut slot.hist[bin_of_hour(b.whole as usize + max_hold)],
                            fresh,
                            shelf_life_h,
                        );
                        let d = b.done;
                        if b.rec {
                            collected.push(Placement {
                                c,
                                p,
                                x: d[0],
                                ordered: (t - max_hold as i64) as f64 - b.e,
                                d2d: d[1] / d[0],
                                know: d[2] / d[0],
                                on_time: d[3] / d[0],
                            });
                        }
                    }
                    *b = Batch::default();
                    if sum.vol > 0.0 {
                        slot.vol[c][cl] += sum.vol;
                        slot.d2d[c][cl] += sum.d2d;
                        slot.know[c][cl] += sum.know - sum.d2d;
                        slot.ontime[c][cl] += sum.on_time;
                        slot.spoiled += sum.spoiled;
                        self.waiting_cells[c][cl] -= sum.vol;
                        picked += sum.vol;
                    }
                    // this hour's arrivals
                    let i = (t as u64 & (self.ring.len() as u64 - 1)) as usize;
                    let a = &mut self.ring[i];
                    let (x, el) = (a.vol[c][p][f], a.elapsed[c][p][f]);
                    a.vol[c][p][f] = 0.0;
                    a.elapsed[c][p][f] = 0.0;
                    self.ages[((c * NP + p) * 2 + f) * n + now] = if x > 0.0 {
                        self.waiting_cells[c][cl] += x;
                        self.waiting += x;
                        let e = el / x;
                        if !notify {
                            self.all_notified[c][p][f] = false;
                        }
                        // reported by order day? (the test `record_order_day` makes on the placement)
                        let rec = match self.record_from {
                            Some(s) => libm::floor((t as f64 - e - s as f64) / 24.0) >= 0.0,
                            None => true,
                        };
                        let whole = (e.max(0.0) as usize).min(1 << 24) as u32;
                        Batch { vol: x, e, know: e, whole, notified: notify, rec, done: [0.0; 4] }
                    } else {
                        Batch::default()
                    };
                    if self.waiting_cells[c][cl] < 0.0 {
                        self.waiting_cells[c][cl] = 0.0; // rounding
                    }
                }
            }
        }
        self.waiting = (self.waiting - picked).max(0.0);
        picked
    }

    /// Parcels on their way to lockers and in lockers (for audits).
    pub fn pending(&self) -> f64 {
        let coming: f64 = self.ring.iter().map(|a| a.vol.iter().flatten().flatten().sum::<f64>()).sum();
        let waiting: f64 = self.ages.iter().map(|b| b.vol).sum();
        coming + waiting
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::LinkId;

    /// 1000 parcels reach a locker at hour 10, 50 h after their order; the link state may change
    /// at `restore_at`. Returns (mean hours in the locker, mean hours until the buyer knows − 50).
    fn wait(links: &Links, restore_at: Option<Hour>) -> (f64, f64) {
        let cfg = Config::from_params(&crate::model::scenario::builtin("baseline-2017").unwrap().params);
        let mut l = Lockers::new(&cfg, 256);
        l.arrive(10, 0, 0, false, 1000.0, 50.0);
        let (mut n, mut sum, mut know) = (0.0, 0.0, 0.0);
        let mut out = Vec::new();
        let mut links = links.clone();
        for t in 10..10 + 200 {
            if Some(t) == restore_at {
                links = Links::default();
            }
            let mut s = Slot::default();
            l.step(t, &links, &mut s, 72.0, &mut out);
            n += s.total();
            sum += s.d2d_courier(0);
            know += (0..CELLS).map(|i| s.know_sum(0, i)).sum::<f64>();
        }
        assert!((n - 1000.0).abs() < 1e-6, "every parcel is collected: {n}");
        assert!(l.pending().abs() < 1e-6 && l.waiting.abs() < 1e-6);
        (sum / n - 50.0, know / n - 50.0)
    }

    #[test]
    fn without_the_locker_link_taobao_buyers_pick_up_later_and_learn_later() {
        let (up, know_up) = wait(&Links::default(), None);
        assert!((up - 8.0).abs() < 0.5, "notified buyers collect after about 8 h: {up}");
        assert!(know_up.abs() < 1e-9, "a notified buyer knows when the parcel arrives");
        let mut cut = Links::default();
        cut.set(LinkId::LockerHivebox, false);
        let (down, know_down) = wait(&cut, None);
        assert!(down > 2.0 * up, "{up} h vs {down} h");
        assert!((know_down - down).abs() < 1e-9, "an unnotified buyer learns at pickup");
        assert!(down < 96.0 + 1e-9, "nothing stays beyond the hold limit");
        // the link comes back 5 h after arrival: buyers are told then and collect as notified buyers
        let (back, know_back) = wait(&cut, Some(15));
        assert!(back < down && back > up, "{up} < {back} < {down}");
        assert!(know_back <= 5.0 + 1e-9, "buyers still waiting learn at the restore: {know_back}");
    }
}
