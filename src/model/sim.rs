//! The simulation: one world stepped an hour at a time. All mechanisms meet here, in a fixed
//! order each hour: events → merchant reviews → demand → sorting (capacity) → transit →
//! lockers → deliveries → record.

use super::capacity::{cell, cell_locker, Cohort, Queue, CELLS};
use super::choice::{Merchants, Utility};
use super::clock::{self, Hour};
use super::config::Config;
use super::demand::{self, hour_orders};
use super::ids::{Courier, LinkId, N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;
use super::lockers::Lockers;
use super::output::Frame;
use super::rng::Stream;
use super::scenario::{Action, Event};
use super::tracking;
use super::transit::{route, DeliveryRing, Slot};
use std::rc::Rc;

/// Hours simulated before the scenario starts, so that queues, transit and lockers are full.
pub const WARM_UP_H: i64 = 7 * 24;

/// An applied change, for the event log.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub at: Hour,
    pub action: Action,
    /// Index into the run's event list, or `None` for a change made by the mediation policy.
    pub event: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct Sim {
    pub cfg: Rc<Config>,
    pub start: Hour,
    /// The next hour to simulate.
    pub t: Hour,
    pub links: Links,
    pub merchants: Merchants,
    queues: Vec<Queue>,
    ring: DeliveryRing,
    lockers: Lockers,
    routes: Vec<Vec<(usize, f64)>>,
    in_system: [[f64; CELLS]; NC],
    cap_hourly: [f64; NC],
    diurnal: [f64; 24],
    demand_rng: Stream,
    noise: [f64; NP],
    shipped24: [[f64; NC]; 24],
    d2d24: [[(f64, f64); NC]; 24],
    last: Frame,
    pub cum_shipped: f64,
    pub cum_delivered: f64,
    pub cum_lost: f64,
    events: Rc<Vec<Event>>,
    next_event: usize,
    dispute_start: Option<Hour>,
    pub frames: Vec<Frame>,
    pub applied: Vec<Applied>,
    speed_ref: Option<Rc<Vec<Frame>>>,
    conditions_dirty: bool,
    chunks: Vec<Cohort>,
    slot: Slot,
}

impl Sim {
    /// A world at `start`, warmed up with every link connected.
    pub fn new(cfg: Rc<Config>, start: Hour, seed: u64) -> Sim {
        let merchants = Merchants::new(&cfg, seed);
        let daily = cfg.courier_daily();
        let floor = cfg.total_daily() / 24.0 * 0.005;
        let mut cap_hourly = [0.0; NC];
        for c in 0..NC {
            cap_hourly[c] = cfg.headroom[c] * (daily[c] / 24.0).max(floor);
        }
        let mut sim = Sim {
            routes: (0..NC).map(|c| route(&cfg, c)).collect(),
            lockers: Lockers::new(&cfg),
            start,
            t: start - WARM_UP_H,
            links: Links::default(),
            merchants,
            queues: vec![Queue::default(); NC],
            ring: DeliveryRing::default(),
            in_system: [[0.0; CELLS]; NC],
            cap_hourly,
            diurnal: demand::diurnal(),
            demand_rng: Stream::new(seed, 21),
            noise: [1.0; NP],
            shipped24: [[0.0; NC]; 24],
            d2d24: [[(0.0, 0.0); NC]; 24],
            last: Frame::default(),
            cum_shipped: 0.0,
            cum_delivered: 0.0,
            cum_lost: 0.0,
            events: Rc::new(Vec::new()),
            next_event: 0,
            dispute_start: None,
            frames: Vec::new(),
            applied: Vec::new(),
            speed_ref: None,
            conditions_dirty: true,
            chunks: Vec::new(),
            slot: Slot::default(),
            cfg,
        };
        sim.draw_noise();
        while sim.t < start {
            sim.step();
        }
        sim.frames.clear();
        sim
    }

    /// Give this world its events (sorted by time) and, for a live run, the baseline frames that
    /// merchants compare delivery times against.
    pub fn set_events(&mut self, events: Rc<Vec<Event>>, speed_ref: Option<Rc<Vec<Frame>>>) {
        self.next_event = events.iter().position(|e| e.at >= self.t).unwrap_or(events.len());
        self.events = events;
        self.speed_ref = speed_ref;
    }

    pub fn events(&self) -> &Rc<Vec<Event>> {
        &self.events
    }

    fn draw_noise(&mut self) {
        let s = self.cfg.demand_noise;
        for p in 0..NP {
            self.noise[p] = libm::exp(s * self.demand_rng.normal() - 0.5 * s * s);
        }
    }

    fn growth(&self, t: Hour) -> f64 {
        libm::pow(1.0 + self.cfg.growth_per_year, (t - self.start) as f64 / 8760.0)
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Cut(l) => {
                self.links.set(l, false);
                if self.dispute_start.is_none() {
                    self.dispute_start = Some(self.t);
                }
            }
            Action::Restore(l) => self.links.set(l, true),
            Action::Advise(p, c) => self.links.advice[p.idx()][c.idx()] = true,
            Action::EndAdvice(p, c) => self.links.advice[p.idx()][c.idx()] = false,
            Action::RestoreAll => self.links = Links::default(),
            Action::Note => return,
        }
        if self.links.all_clear() {
            self.dispute_start = None;
        }
        self.conditions_dirty = true;
    }

    /// Apply the events due at the current hour (a step does this first; a run calls it early
    /// so that the link state shown for "now" includes them).
    pub fn apply_due_events(&mut self) {
        while self.next_event < self.events.len() && self.events[self.next_event].at <= self.t {
            let e = self.events[self.next_event].clone();
            self.apply(e.action);
            self.applied.push(Applied { at: self.t, action: e.action, event: Some(self.next_event) });
            self.next_event += 1;
        }
        if self.cfg.mediation_after_h > 0.0 {
            if let Some(s) = self.dispute_start {
                if (self.t - s) as f64 >= self.cfg.mediation_after_h {
                    self.apply(Action::RestoreAll);
                    self.applied.push(Applied { at: self.t, action: Action::RestoreAll, event: None });
                }
            }
        }
    }

    /// Delivery time per courier over the last 24 hours.
    fn trailing_transit(&self) -> [f64; NC] {
        let mut out = [0.0; NC];
        for c in 0..NC {
            let (s, n) = self.d2d24.iter().fold((0.0, 0.0), |a, x| (a.0 + x[c].0, a.1 + x[c].1));
            out[c] = if n > 0.0 { s / n } else { self.last.transit24_c[c] };
        }
        out
    }

    /// Simulate one hour.
    pub fn step(&mut self) {
        let t = self.t;
        let recording = t >= self.start;
        let hod = clock::hour_of_day(t);
        if hod == 0 && recording {
            self.draw_noise();
        }
        self.apply_due_events();
        let cfg = Rc::clone(&self.cfg);

        // merchants review their couriers
        let mut switching = 0;
        if recording {
            if self.conditions_dirty {
                self.merchants.update_hazards(&cfg, &self.links);
                self.conditions_dirty = false;
            }
            let mut extra = [0.0; NC];
            if let Some(r) = &self.speed_ref {
                let i = (t - self.start - 1).max(0) as usize;
                if let Some(f) = r.get(i) {
                    let now = self.last.transit24_c;
                    for c in 0..NC {
                        extra[c] = now[c] - f.transit24_c[c];
                    }
                }
            }
            let util = Utility::new(&cfg, &self.links, &extra);
            switching = self.merchants.step(&cfg, &self.links, &util);
        }

        // demand
        let g = self.growth(t);
        let mut factor = [0.0; NP];
        for p in 0..NP {
            factor[p] = self.diurnal[hod] * g * self.noise[p] / 24.0;
        }
        let orders = hour_orders(&cfg, &self.merchants.agg, &self.merchants.type_mix, &self.links, &factor);
        let mut shipped = [[0.0; NC]; NP];
        let mut hivebox_taobao = 0.0;
        for c in 0..NC {
            let mut v = [0.0; CELLS];
            let lshare = if Courier::ALL[c].owns_hivebox() { cfg.locker_share } else { 0.0 };
            for p in 0..NP {
                for k in 0..NK {
                    let x = orders.shipped[p][k][c];
                    if x <= 0.0 {
                        continue;
                    }
                    shipped[p][c] += x;
                    v[cell(p, k == 0, false)] += x * (1.0 - lshare);
                    v[cell(p, k == 0, true)] += x * lshare;
                    if p == 0 {
                        hivebox_taobao += x * lshare;
                    }
                }
            }
            for i in 0..CELLS {
                self.in_system[c][i] += v[i];
            }
            self.queues[c].push(t, v);
        }
        let shipped_total: f64 = shipped.iter().flatten().sum();
        self.cum_shipped += shipped_total;
        self.cum_lost += orders.lost;

        // sorting at capacity, then transit
        let shelf = cfg.fresh_shelf_life_h;
        let mut revenue = 0.0;
        for c in 0..NC {
            revenue += cfg.price[c] * shipped.iter().map(|r| r[c]).sum::<f64>();
            let cap = self.cap_hourly[c] * g;
            let mut chunks = std::mem::take(&mut self.chunks);
            self.queues[c].process(cap, &mut chunks);
            for ch in &chunks {
                let wait = (t - ch.t) as f64;
                for &(off, frac) in &self.routes[c] {
                    let at = t + off as Hour;
                    let d2d = wait + off as f64;
                    for (i, x) in ch.v.iter().enumerate() {
                        let x = x * frac;
                        if x <= 0.0 {
                            continue;
                        }
                        if cell_locker(i) {
                            self.lockers.arrive(at, c, i / 4, i % 4 >= 2, x, d2d);
                        } else {
                            self.ring.deliver(at, c, i, x, d2d, shelf);
                        }
                    }
                }
            }
            self.chunks = chunks;
        }

        // lockers, then this hour's deliveries
        self.lockers.place(t, &self.links, &mut self.ring, shelf);
        let mut slot = std::mem::take(&mut self.slot);
        self.ring.take(t, &mut slot);
        let delivered = slot.total();
        self.cum_delivered += delivered;
        let mut picked = 0.0;
        for c in 0..NC {
            for i in 0..CELLS {
                self.in_system[c][i] -= slot.vol[c][i];
                if cell_locker(i) {
                    picked += slot.vol[c][i];
                }
            }
        }
        self.lockers.picked_up(picked);

        // record
        let h24 = (t.rem_euclid(24)) as usize;
        self.shipped24[h24] = [0.0; NC];
        for c in 0..NC {
            self.shipped24[h24][c] = shipped.iter().map(|r| r[c]).sum();
            let n: f64 = slot.vol[c].iter().sum();
            self.d2d24[h24][c] = (slot.d2d_sum[c], n);
        }
        let mut f = Frame { t, ..Frame::default() };
        f.orders = orders.sales;
        f.lost_orders = orders.lost;
        f.orders_sf_merchants = orders.sales_sf_merchants;
        f.lost_sf_merchants = orders.lost_sf_merchants;
        f.shipped = shipped;
        let mut tot24 = [0.0; NC];
        for row in &self.shipped24 {
            for c in 0..NC {
                tot24[c] += row[c];
            }
        }
        let all24: f64 = tot24.iter().sum();
        for c in 0..NC {
            f.share[c] = if all24 > 0.0 { tot24[c] / all24 } else { 0.0 };
        }
        if delivered > 0.0 {
            f.transit_mean_h = slot.d2d_sum.iter().sum::<f64>() / delivered;
            f.transit_p90_h = slot.quantile(0.9);
            f.on_time_72h = slot.within(72);
        } else {
            f.transit_mean_h = self.last.transit_mean_h;
            f.transit_p90_h = self.last.transit_p90_h;
            f.on_time_72h = self.last.on_time_72h;
        }
        for c in 0..NC {
            let n: f64 = slot.vol[c].iter().sum();
            f.delivered_by_courier[c] = n;
            f.transit_mean_c[c] = if n > 0.0 { slot.d2d_sum[c] / n } else { self.last.transit_mean_c[c] };
            f.backlog[c] = self.queues[c].backlog;
        }
        f.transit24_c = self.trailing_transit();
        let in_system: f64 = self.in_system.iter().flatten().sum();
        f.in_system = in_system;
        f.untracked = tracking::untracked(&self.in_system, &self.links);
        f.inquiries = tracking::inquiries(&cfg, in_system, f.untracked);
        f.payment_delay_h = tracking::payment_delay(&cfg, &slot.vol, &self.links).unwrap_or(self.last.payment_delay_h);
        f.locker_waiting = self.lockers.waiting;
        f.hivebox_taobao = hivebox_taobao;
        f.spoiled_fresh = slot.spoiled;
        f.switching = switching as f64;
        f.delivered = delivered;
        f.revenue = revenue;
        f.untracked_by_courier = [0.0; NC];
        for c in 0..NC {
            for i in 0..CELLS {
                if !self.links.tracked(c, i / 4, cell_locker(i)) {
                    f.untracked_by_courier[c] += self.in_system[c][i];
                }
            }
        }
        self.slot = slot;
        self.last = f.clone();
        if recording {
            self.frames.push(f);
        }
        self.t += 1;
    }

    /// Parcels in queues, on their way and in lockers, counted from the containers themselves.
    pub fn audit_in_system(&self) -> f64 {
        let queued: f64 = self.queues.iter().map(|q| q.contents().iter().sum::<f64>()).sum();
        queued + self.ring.pending() + self.lockers.pending()
    }

    pub fn is_cut(&self, l: LinkId) -> bool {
        !self.links.is_up(l)
    }
}
