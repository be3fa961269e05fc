//! Capacity and congestion. Each courier sorts a limited number of parcels per hour; what is
//! over waits in a first-in-first-out queue. Waiting time therefore emerges from load: a courier
//! that absorbs extra volume near its capacity gets slower. Nothing here is a scripted delay.
//! The same queue type holds the parcels merchants keep until the courier's next pickup.

use super::clock::Hour;
use std::collections::VecDeque;

/// Cells of a courier's parcels: platform × fresh × locker (see `cell`).
pub const CELLS: usize = 12;

pub fn cell(p: usize, fresh: bool, locker: bool) -> usize {
    p * 4 + (fresh as usize) * 2 + locker as usize
}
pub fn cell_platform(cell: usize) -> usize {
    cell / 4
}
pub fn cell_fresh(cell: usize) -> bool {
    cell % 4 >= 2
}
pub fn cell_locker(cell: usize) -> bool {
    cell % 2 == 1
}

/// Parcels handed over in one hour.
#[derive(Clone, Debug, PartialEq)]
pub struct Cohort {
    pub t: Hour,
    pub v: [f64; CELLS],
    pub total: f64,
}

#[derive(Clone, Debug, Default)]
pub struct Queue {
    q: VecDeque<Cohort>,
    pub backlog: f64,
}

impl Queue {
    pub fn push(&mut self, t: Hour, v: [f64; CELLS]) {
        let total: f64 = v.iter().sum();
        if total > 0.0 {
            self.backlog += total;
            self.q.push_back(Cohort { t, v, total });
        }
    }

    /// Sort up to `cap` parcels, oldest first, splitting the last cohort in proportion.
    pub fn process(&mut self, cap: f64, out: &mut Vec<Cohort>) {
        out.clear();
        let mut left = cap;
        while left > 0.0 {
            let Some(front) = self.q.front_mut() else {
                break;
            };
            if front.total <= left {
                left -= front.total;
                self.backlog -= front.total;
                out.push(self.q.pop_front().expect("front exists"));
            } else {
                let f = left / front.total;
                let mut part = [0.0; CELLS];
                for i in 0..CELLS {
                    part[i] = front.v[i] * f;
                    front.v[i] -= part[i];
                }
                front.total -= left;
                self.backlog -= left;
                out.push(Cohort { t: front.t, v: part, total: left });
                left = 0.0;
            }
        }
        if self.q.is_empty() {
            self.backlog = 0.0;
        }
    }

    /// Move every cohort of `from` (oldest first) to the back of this queue: a pickup hands the
    /// merchants' held parcels to the courier, each keeping its order hour.
    pub fn take_all(&mut self, from: &mut Queue) {
        while let Some(c) = from.q.pop_front() {
            self.backlog += c.total;
            self.q.push_back(c);
        }
        from.backlog = 0.0;
    }

    /// Parcels waiting, by cell (for audits).
    pub fn contents(&self) -> [f64; CELLS] {
        let mut a = [0.0; CELLS];
        for c in &self.q {
            for i in 0..CELLS {
                a[i] += c.v[i];
            }
        }
        a
    }

    pub fn oldest(&self) -> Option<Hour> {
        self.q.front().map(|c| c.t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(x: f64) -> [f64; CELLS] {
        let mut v = [0.0; CELLS];
        v[0] = x;
        v
    }

    #[test]
    fn cells_round_trip() {
        for p in 0..3 {
            for f in [false, true] {
                for l in [false, true] {
                    let c = cell(p, f, l);
                    assert!(c < CELLS);
                    assert_eq!((cell_platform(c), cell_fresh(c), cell_locker(c)), (p, f, l));
                }
            }
        }
    }

    #[test]
    fn queue_is_fifo_and_splits_at_capacity() {
        let mut q = Queue::default();
        q.push(0, one(100.0));
        q.push(1, one(50.0));
        let mut out = Vec::new();
        q.process(120.0, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].t, out[0].total), (0, 100.0));
        assert_eq!((out[1].t, out[1].total), (1, 20.0));
        assert!((q.backlog - 30.0).abs() < 1e-9);
        q.process(1000.0, &mut out);
        assert_eq!(out[0].total, 30.0);
        assert_eq!(q.backlog, 0.0);
    }

    #[test]
    fn load_above_capacity_makes_waiting_grow() {
        // arrivals of 110/h against capacity 100/h: the oldest parcel waits longer every hour
        let mut q = Queue::default();
        let mut out = Vec::new();
        let mut waits = Vec::new();
        for t in 0..48 {
            q.push(t, one(110.0));
            q.process(100.0, &mut out);
            waits.push(t - out.last().unwrap().t);
        }
        assert!(waits[47] > waits[10] && waits[47] >= 4, "{waits:?}");
        let mut q = Queue::default();
        for t in 0..48 {
            q.push(t, one(90.0));
            q.process(100.0, &mut out);
            assert_eq!(out.last().unwrap().t, t, "under capacity nothing waits");
        }
    }
}
