//! The simulation: one world stepped an hour at a time. All mechanisms meet here, in a fixed
//! order each hour: events → merchant reviews → demand and buyers → pickups → sorting (capacity,
//! surge) → transit → lockers → deliveries → what merchants see → record.
//! A world never reads another world: the live run and its baseline are computed independently.

use super::capacity::{cell, cell_fresh, cell_locker, cell_platform, Cohort, Queue, CELLS};
#[cfg(not(target_arch = "wasm32"))]
use super::choice::Agg;
use super::choice::{Merchants, G_NO_SF, G_SF_PRIMARY, G_SF_SECONDARY, NG};
use super::clock::{self, Hour};
use super::config::Config;
use super::demand::{self, hour_orders, Waiting};
use super::ids::{Courier, LinkId, Platform, N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;
use super::lockers::{Lockers, Placement};
use super::output::Frame;
use super::rng::Stream;
use super::scenario::{Action, Event};
use super::signals::{Raw, Signals};
use super::tracking;
use super::transit::{ring_len, route, DeliveryRing, Slot, ON_TIME_H};
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
    /// Parcels merchants hold until the courier's next pickup.
    outbox: Vec<Queue>,
    /// Parcels waiting for sorting capacity.
    queues: Vec<Queue>,
    ring: DeliveryRing,
    lockers: Lockers,
    routes: Vec<Vec<(usize, f64)>>,
    in_system: [[f64; CELLS]; NC],
    /// Average hourly sorting capacity (before growth).
    cap_hourly: [f64; NC],
    accepting: [bool; NC],
    diurnal: [f64; 24],
    demand_rng: Stream,
    noise: [f64; NP],
    shipped24: [[f64; NC]; 24],
    /// Taobao/Tmall parcels handed to each courier, by hour of the trailing day.
    taobao24: [[f64; NC]; 24],
    d2d24: [[(f64, f64); NC]; 24],
    /// Orders waiting for a courier to come back.
    pub waiting: Waiting,
    pub signals: Signals,
    /// Weights that give the control group the treated group's category mix and size.
    control_w: [f64; NK],
    last: Frame,
    pub cum_shipped: f64,
    pub cum_delivered: f64,
    pub cum_lost: f64,
    pub cum_surge_cost: f64,
    events: Rc<Vec<Event>>,
    next_event: usize,
    dispute_start: Option<Hour>,
    pub frames: Vec<Frame>,
    pub applied: Vec<Applied>,
    chunks: Vec<Cohort>,
    slot: Slot,
    placements: Vec<Placement>,
    route_mean: [f64; NC],
    /// `on_time_sum` of each courier's route for waits of 0, 1, … hours (up to the 72-h promise).
    on_time_by_wait: Vec<Vec<f64>>,
    /// Door-to-door statistics by the day parcels were ordered (day 0 = the run's first day):
    /// for each group (`ORDER_GROUPS`) parcels, Σ door-to-door hours, Σ hours until the buyer
    /// knows, parcels within 72 h. Recorded when a parcel's delivery is scheduled, so a day's
    /// figures are complete once its parcels have left the sorting queues.
    pub by_order_day: Vec<[[f64; 4]; 3]>,
    /// This hour's demand multiplier by platform and which couriers were offered (for the panel).
    pub last_factor: [f64; NP],
    pub last_avail: [[bool; NC]; NP],
    /// This hour's returning buyers by cell and buyers from rival merchants by type (for the
    /// panel, native only).
    #[cfg(not(target_arch = "wasm32"))]
    pub last_returned: Box<Agg>,
    #[cfg(not(target_arch = "wasm32"))]
    pub last_rival_in: [[f64; NK]; NP],
}

impl Sim {
    /// A world at `start`, warmed up with every link connected.
    pub fn new(cfg: Rc<Config>, start: Hour, seed: u64) -> Sim {
        let mut sim = Sim::cold(cfg, start, seed);
        while !sim.warm_step() {}
        sim
    }

    /// The world before its warm-up (at `start` minus the warm-up): `warm_step` until it returns
    /// true gives `Sim::new`'s world, a step at a time (the page warms heavy worlds across frames).
    pub fn cold(cfg: Rc<Config>, start: Hour, seed: u64) -> Sim {
        let merchants = Merchants::new(&cfg, seed);
        let daily = cfg.courier_daily();
        let floor = cfg.total_daily() / 24.0 * 0.005;
        let mut cap_hourly = [0.0; NC];
        for c in 0..NC {
            cap_hourly[c] = cfg.headroom[c] * (daily[c] / 24.0).max(floor);
        }
        let gv = merchants.group_volume();
        let tb = Platform::Taobao.idx();
        let mut control_w = [0.0; NK];
        for k in 0..NK {
            if gv[G_NO_SF][tb][k] > 0.0 {
                control_w[k] = gv[G_SF_PRIMARY][tb][k] / gv[G_NO_SF][tb][k];
            }
        }
        let len = ring_len(&cfg);
        let mut sim = Sim {
            routes: (0..NC).map(|c| route(&cfg, c)).collect(),
            lockers: Lockers::new(&cfg, len),
            start,
            t: start - WARM_UP_H,
            links: Links::default(),
            merchants,
            outbox: vec![Queue::default(); NC],
            queues: vec![Queue::default(); NC],
            ring: DeliveryRing::new(len),
            in_system: [[0.0; CELLS]; NC],
            cap_hourly,
            accepting: [true; NC],
            diurnal: demand::diurnal(),
            demand_rng: Stream::new(seed, 21),
            noise: [1.0; NP],
            shipped24: [[0.0; NC]; 24],
            taobao24: [[0.0; NC]; 24],
            d2d24: [[(0.0, 0.0); NC]; 24],
            waiting: [[[[0.0; NC]; NK]; NP]; NG],
            signals: Signals::default(),
            control_w,
            last: Frame::default(),
            cum_shipped: 0.0,
            cum_delivered: 0.0,
            cum_lost: 0.0,
            cum_surge_cost: 0.0,
            events: Rc::new(Vec::new()),
            next_event: 0,
            dispute_start: None,
            frames: Vec::new(),
            applied: Vec::new(),
            chunks: Vec::new(),
            slot: Slot::default(),
            placements: Vec::new(),
            route_mean: [0.0; NC],
            on_time_by_wait: Vec::new(),
            by_order_day: Vec::new(),
            last_factor: [0.0; NP],
            last_avail: [[true; NC]; NP],
            #[cfg(not(target_arch = "wasm32"))]
            last_returned: Box::new([[[[0.0; NC]; NK]; NP]; NG]),
            #[cfg(not(target_arch = "wasm32"))]
            last_rival_in: [[0.0; NK]; NP],
            cfg,
        };
        for c in 0..NC {
            sim.route_mean[c] = sim.routes[c].iter().map(|(h, f)| *h as f64 * f).sum();
        }
        sim.lockers.record_from(start);
        sim.on_time_by_wait = sim.routes.iter().map(|r| (0..=ON_TIME_H as usize + 1).map(|w| on_time_sum(r, w as f64)).collect()).collect();
        sim.draw_noise();
        sim
    }

    /// One hour of the warm-up; true (and nothing done) once the world stands at its start.
    pub fn warm_step(&mut self) -> bool {
        if self.t >= self.start {
            return true;
        }
        self.step();
        if self.t >= self.start {
            self.signals.set_normal(self.start, &self.cfg);
            self.frames.clear();
            return true;
        }
        false
    }

    /// Hours of warm-up left.
    pub fn warm_left(&self) -> Hour {
        (self.start - self.t).max(0)
    }

    /// Give this world a longer list of its events: the same ones, plus new ones at the current
    /// hour placed right after those it has applied (`next_event` is unchanged), so nothing is
    /// replayed. The caller checks that this is the list's order.
    pub fn extend_events_now(&mut self, events: Rc<Vec<Event>>) {
        self.events = events;
    }

    /// How many of its events this world has applied.
    pub fn events_applied(&self) -> usize {
        self.next_event
    }

    /// Give this world its events (sorted by time).
    pub fn set_events(&mut self, events: Rc<Vec<Event>>) {
        self.next_event = events.iter().position(|e| e.at >= self.t).unwrap_or(events.len());
        self.events = events;
    }

    /// This world, which has no events (a baseline), as the world with `events` stands at the
    /// same hour — which holds when none of those before now changes anything (`first_change`):
    /// the notes before now are logged as applied at their hour, as stepping would have.
    pub fn adopt_events(&mut self, events: Rc<Vec<Event>>) {
        debug_assert!(self.applied.is_empty() && self.events.is_empty(), "a world without events");
        let k = events.iter().position(|e| e.at >= self.t).unwrap_or(events.len());
        for (i, e) in events[..k].iter().enumerate() {
            debug_assert!(e.action == Action::Note || e.at < self.start, "only notes before the fork");
            if e.at >= self.start {
                self.applied.push(Applied { at: e.at, action: e.action, event: Some(i) });
            }
        }
        self.next_event = k;
        self.events = events;
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
            Action::Talks => self.links.talks = true,
            Action::Note => return,
        }
        if self.links.all_clear() {
            self.dispute_start = None;
        }
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
        let g = self.growth(t);

        // merchants review their couriers, on what they have seen
        let mut switching = 0;
        if recording {
            let perceived = self.signals.perceive(t, &cfg, &self.links);
            switching = self.merchants.step(&cfg, &self.links, &perceived);
        }

        // demand and buyers
        let mut factor = [0.0; NP];
        for p in 0..NP {
            factor[p] = self.diurnal[hod] * g * self.noise[p] / 24.0;
        }
        let mut avail = [[false; NC]; NP];
        for p in 0..NP {
            for c in 0..NC {
                avail[p][c] = self.links.list[p][c] && self.accepting[c];
            }
        }
        self.last_factor = factor;
        self.last_avail = avail;
        let orders = hour_orders(&cfg, &self.merchants.agg, &self.merchants.type_mix, &avail, &factor, &mut self.waiting);
        #[cfg(not(target_arch = "wasm32"))]
        {
            *self.last_returned = orders.returned_cell;
            self.last_rival_in = orders.rival_in;
        }
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
            self.outbox[c].push(t, v);
        }
        let shipped_total: f64 = shipped.iter().flatten().sum();
        self.cum_shipped += shipped_total;
        self.cum_lost += orders.lost;

        // pickups, then sorting in shifts at capacity (with surge), then transit
        let pickup = cfg.is_pickup_hour(hod);
        let in_shift = cfg.in_shift(hod);
        let shelf = cfg.fresh_shelf_life_h;
        let mut revenue = 0.0;
        let mut surge_parcels = 0.0;
        let mut waits: Waits = [[[(0.0, 0.0); 2]; NC]; NP];
        for c in 0..NC {
            revenue += cfg.price[c] * shipped.iter().map(|r| r[c]).sum::<f64>();
            if pickup {
                let (q, o) = (&mut self.queues[c], &mut self.outbox[c]);
                q.take_all(o);
            }
            let avg = self.cap_hourly[c] * g;
            let normal = if in_shift { avg * 24.0 / cfg.sort_shift_h as f64 } else { 0.0 };
            let surging = self.queues[c].backlog > cfg.surge_after_h * avg;
            let cap = if surging { normal * (1.0 + cfg.surge_capacity) } else { normal };
            let mut chunks = std::mem::take(&mut self.chunks);
            let before = self.queues[c].backlog;
            self.queues[c].process(cap, &mut chunks);
            let sorted = before - self.queues[c].backlog;
            if sorted > normal {
                surge_parcels += sorted - normal;
            }
            self.deliver_sorted(c, t, &chunks, &mut waits, shelf);
            self.chunks = chunks;
            // a courier whose backlog is over its limit refuses new parcels next hour
            self.accepting[c] = self.queues[c].backlog <= cfg.queue_limit_h * avg;
        }
        self.cum_surge_cost += surge_parcels * cfg.surge_cost_yuan;
        self.rest_of_step(t, recording, &cfg, switching, orders, shipped, hivebox_taobao, revenue, surge_parcels, waits, shelf);
    }

    /// Parcels courier `c` sorted this hour (`chunks`, by order hour): what merchants see of
    /// their wait (`waits`), their statistics by order day, and their trip to the door (the
    /// delivery ring) or to a locker.
    #[inline(never)]
    fn deliver_sorted(&mut self, c: usize, t: Hour, chunks: &[Cohort], waits: &mut Waits, shelf: f64) {
        for ch in chunks {
            let wait = (t - ch.t) as f64;
            if ch.t >= self.start {
                // door deliveries, by order day: mean over the route, share within 72 h
                let on_time = self.on_time_share(c, (t - ch.t) as usize);
                let d2d = wait + self.route_mean[c];
                let day = ((ch.t - self.start) / 24) as usize;
                if self.by_order_day.len() <= day {
                    self.by_order_day.resize(day + 1, [[0.0; 4]; 3]);
                }
                let row = &mut self.by_order_day[day];
                for (i, &x) in ch.v.iter().enumerate() {
                    if x > 0.0 && !cell_locker(i) {
                        for g in order_groups(c, cell_platform(i), false) {
                            let s = &mut row[g];
                            s[0] += x;
                            s[1] += x * d2d;
                            s[2] += x * d2d;
                            s[3] += x * on_time;
                        }
                    }
                }
            }
            // merchants see when the courier scans their parcels: how long they waited for it
            for (i, x) in ch.v.iter().enumerate() {
                let w = &mut waits[cell_platform(i)][c][cell_fresh(i) as usize];
                w.0 += x;
                w.1 += x * wait;
            }
            // the cells this cohort has parcels in (door and locker)
            let (mut door, mut nd, mut lock, mut nl) = ([(0usize, 0.0f64); CELLS], 0, [(0usize, 0.0f64); CELLS], 0);
            for (i, &x) in ch.v.iter().enumerate() {
                if x > 0.0 {
                    if cell_locker(i) {
                        lock[nl] = (i, x);
                        nl += 1;
                    } else {
                        door[nd] = (i, x);
                        nd += 1;
                    }
                }
            }
            if nl > 0 {
                self.lockers.arrive_route(t, c, &self.routes[c], wait, &lock[..nl]);
            }
            if nd > 0 {
                self.ring.deliver_route(t, c, &self.routes[c], (t - ch.t) as usize, &door[..nd], shelf);
            }
        }
    }

    /// Share of courier `c`'s route within 72 h for parcels that waited `wait` hours before
    /// sorting (the sum over the route in its order, as it was computed for each cohort).
    #[inline]
    fn on_time_share(&self, c: usize, wait: usize) -> f64 {
        match self.on_time_by_wait[c].get(wait) {
            Some(&x) => x,
            None => on_time_sum(&self.routes[c], wait as f64),
        }
    }

    /// The rest of an hour: deliveries, what merchants see, the record.
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn rest_of_step(
        &mut self,
        t: Hour,
        recording: bool,
        cfg: &Config,
        switching: u32,
        orders: demand::Orders,
        shipped: [[f64; NC]; NP],
        hivebox_taobao: f64,
        revenue: f64,
        surge_parcels: f64,
        waits: Waits,
        shelf: f64,
    ) {
        // this hour's deliveries: from the ring, then collections from lockers
        self.ring.take(t, &mut self.slot);
        self.lockers.step(t, &self.links, &mut self.slot, shelf, &mut self.placements);
        for pl in &self.placements {
            for g in order_groups(pl.c, pl.p, true) {
                record_order_day(&mut self.by_order_day, self.start, pl.ordered, g, pl.x, pl.d2d, pl.know, pl.on_time);
            }
        }
        let slot = &self.slot;
        debug_assert!(slot.overflow() == 0.0, "the door-to-door histogram holds every delivery");
        let delivered = slot.total();
        self.cum_delivered += delivered;
        for c in 0..NC {
            for i in 0..CELLS {
                self.in_system[c][i] -= slot.vol[c][i];
            }
        }

        // what merchants can see this hour
        let untr = tracking::untracked_by(&self.in_system, &self.lockers.waiting_cells, &self.links);
        let mut raw = [[Raw::default(); NC]; NP];
        let (mut inquiries, mut pay_n, mut pay_lag) = (0.0, 0.0, 0.0);
        for c in 0..NC {
            for i in 0..CELLS {
                let p = cell_platform(i);
                let r = &mut raw[p][c];
                r.stock += self.in_system[c][i];
                let x = slot.vol[c][i];
                r.n += x;
                r.d2d += slot.d2d[c][i];
                if p == Platform::Taobao.idx() && x > 0.0 {
                    let lag = tracking::payment_lag(cfg, c, i, &self.links);
                    r.n_pay += x;
                    r.lag += x * lag;
                    pay_n += x;
                    pay_lag += x * lag;
                }
            }
            for p in 0..NP {
                let r = &mut raw[p][c];
                (r.sorted, r.waited) = waits[p][c][0];
                (r.sorted_fresh, r.waited_fresh) = waits[p][c][1];
                r.inq = tracking::inquiries(cfg, r.stock, untr[p][c]);
                inquiries += r.inq;
            }
        }
        self.signals.record(t, &raw, cfg);

        // record
        let h24 = (t.rem_euclid(24)) as usize;
        self.shipped24[h24] = [0.0; NC];
        self.taobao24[h24] = shipped[Platform::Taobao.idx()];
        for c in 0..NC {
            self.shipped24[h24][c] = shipped.iter().map(|r| r[c]).sum();
            let n: f64 = slot.vol[c].iter().sum();
            self.d2d24[h24][c] = (slot.d2d_courier(c), n);
        }
        let mut f = Frame { t, ..Frame::default() };
        f.orders = orders.sales;
        f.lost_orders = orders.lost;
        let tb = Platform::Taobao.idx();
        for p in 0..NP {
            for k in 0..NK {
                for gr in [G_SF_PRIMARY, G_SF_SECONDARY] {
                    f.orders_sf_merchants += orders.sales_g[gr][p][k];
                    f.lost_sf_merchants += orders.lost_g[gr][p][k];
                }
            }
        }
        for k in 0..NK {
            f.orders_sf_reliant += orders.sales_g[G_SF_PRIMARY][tb][k];
            f.lost_sf_reliant += orders.lost_g[G_SF_PRIMARY][tb][k];
            f.orders_control += self.control_w[k] * orders.sales_g[G_NO_SF][tb][k];
            f.lost_control += self.control_w[k] * orders.lost_g[G_NO_SF][tb][k];
        }
        f.orders_waiting = self.waiting.iter().flatten().flatten().flatten().sum();
        f.orders_returned = orders.returned;
        f.orders_to_rivals = orders.to_rivals;
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
        let taobao24: f64 = self.taobao24.iter().flatten().sum();
        let sf_taobao24: f64 = self.taobao24.iter().map(|r| r[Courier::Sf.idx()]).sum();
        f.share_sf_taobao = if taobao24 > 0.0 { sf_taobao24 / taobao24 } else { 0.0 };
        let know_all: f64 = slot.d2d.iter().flatten().sum::<f64>() + slot.know.iter().flatten().sum::<f64>();
        if delivered > 0.0 {
            f.transit_mean_h = slot.d2d.iter().flatten().sum::<f64>() / delivered;
            f.transit_p90_h = slot.quantile(0.9);
            f.on_time_72h = slot.on_time_share();
            f.notify_mean_h = know_all / delivered;
        } else {
            f.transit_mean_h = self.last.transit_mean_h;
            f.transit_p90_h = self.last.transit_p90_h;
            f.on_time_72h = self.last.on_time_72h;
            f.notify_mean_h = self.last.notify_mean_h;
        }
        // affected groups: SF parcels from Taobao; Taobao parcels through Hive Box lockers
        let group = |pick: &dyn Fn(usize, usize) -> bool| {
            let (mut n, mut d, mut k, mut o) = (0.0, 0.0, 0.0, 0.0);
            for c in 0..NC {
                for i in 0..CELLS {
                    if pick(c, i) {
                        n += slot.vol[c][i];
                        d += slot.d2d[c][i];
                        k += slot.know_sum(c, i);
                        o += slot.ontime[c][i];
                    }
                }
            }
            (n, d, k, o)
        };
        let (n, d, k, o) = group(&|c, i| c == 0 && cell_platform(i) == tb);
        f.delivered_sf_taobao = n;
        if n > 0.0 {
            (f.transit_sf_taobao, f.notify_sf_taobao, f.on_time_sf_taobao) = (d / n, k / n, o / n);
        } else {
            (f.transit_sf_taobao, f.notify_sf_taobao, f.on_time_sf_taobao) =
                (self.last.transit_sf_taobao, self.last.notify_sf_taobao, self.last.on_time_sf_taobao);
        }
        let (n, d, k, o) = group(&|_, i| cell_locker(i) && cell_platform(i) == tb);
        f.delivered_hivebox_taobao = n;
        if n > 0.0 {
            (f.transit_hivebox_taobao, f.notify_hivebox_taobao, f.on_time_hivebox_taobao) = (d / n, k / n, o / n);
        } else {
            (f.transit_hivebox_taobao, f.notify_hivebox_taobao, f.on_time_hivebox_taobao) =
                (self.last.transit_hivebox_taobao, self.last.notify_hivebox_taobao, self.last.on_time_hivebox_taobao);
        }
        for c in 0..NC {
            let n: f64 = slot.vol[c].iter().sum();
            f.delivered_by_courier[c] = n;
            if n > 0.0 {
                f.transit_mean_c[c] = slot.d2d_courier(c) / n;
                f.notify_mean_c[c] = (slot.d2d_courier(c) + slot.know[c].iter().sum::<f64>()) / n;
                f.on_time_c[c] = slot.ontime[c].iter().sum::<f64>() / n;
            } else {
                f.transit_mean_c[c] = self.last.transit_mean_c[c];
                f.notify_mean_c[c] = self.last.notify_mean_c[c];
                f.on_time_c[c] = self.last.on_time_c[c];
            }
            f.backlog[c] = self.queues[c].backlog;
            f.refusing[c] = if self.accepting[c] { 0.0 } else { 1.0 };
            f.held += self.outbox[c].backlog;
        }
        f.transit24_c = self.trailing_transit();
        let in_system: f64 = self.in_system.iter().flatten().sum();
        f.in_system = in_system;
        f.untracked = untr.iter().flatten().sum();
        f.inquiries = inquiries;
        f.service_cost_yuan = inquiries * cfg.inquiry_cost_yuan;
        f.payment_delay_h = if pay_n > 0.0 { pay_lag / pay_n } else { self.last.payment_delay_h };
        f.payment_wait_yuan_days = pay_lag / 24.0 * cfg.order_value_yuan;
        f.locker_waiting = self.lockers.waiting;
        f.hivebox_taobao = hivebox_taobao;
        f.spoiled_fresh = slot.spoiled;
        f.switching = switching as f64;
        let m = &self.merchants;
        f.merchants_switched = if m.is_empty() { 0.0 } else { 100.0 * m.switched_weight / m.len() as f64 };
        f.sf_reliant_away = 100.0 * m.reliant_away_share();
        f.surge_parcels = surge_parcels;
        f.delivered = delivered;
        f.revenue = revenue;
        for p in 0..NP {
            for c in 0..NC {
                f.untracked_by_courier[c] += untr[p][c];
            }
        }
        self.last = f.clone();
        if recording {
            self.frames.push(f);
        }
        self.t += 1;
    }

    /// Parcels held, queued, on their way and in lockers, counted from the containers themselves.
    ///
    pub fn audit_in_system(&self) -> f64 {
        let held: f64 = self.outbox.iter().map(|q| q.contents().iter().sum::<f64>()).sum();
        let queued: f64 = self.queues.iter().map(|q| q.contents().iter().sum::<f64>()).sum();
        held + queued + self.ring.pending() + self.lockers.pending()
    }

    pub fn is_cut(&self, l: LinkId) -> bool {
        !self.links.is_up(l)
    }
}

/// Parcels merchants saw sorted this hour and the hours they had waited, by platform, courier
/// and fresh.
type Waits = [[[(f64, f64); 2]; NC]; NP];

/// Share of a route within 72 h after a wait of `wait` hours.
fn on_time_sum(route: &[(usize, f64)], wait: f64) -> f64 {
    route.iter().filter(|(off, _)| wait + *off as f64 <= ON_TIME_H + 1e-9).map(|x| x.1).sum()
}

/// Groups of parcels whose delays are reported by order day: SF parcels from Taobao, Taobao
/// parcels through Hive Box lockers, and the rivals' parcels (every courier but SF).
pub const ORDER_GROUPS: [&str; 3] = ["sf_taobao", "hivebox_taobao", "rivals"];

fn order_groups(c: usize, p: usize, locker: bool) -> impl Iterator<Item = usize> {
    let tb = p == Platform::Taobao.idx();
    [c == 0 && tb, locker && tb, c != 0].into_iter().enumerate().filter(|x| x.1).map(|x| x.0)
}

#[allow(clippy::too_many_arguments)]
fn record_order_day(v: &mut Vec<[[f64; 4]; 3]>, start: Hour, ordered: f64, g: usize, x: f64, d2d: f64, know: f64, on_time: f64) {
    let day = libm::floor((ordered - start as f64) / 24.0);
    if day < 0.0 {
        return;
    }
    let day = day as usize;
    if v.len() <= day {
        v.resize(day + 1, [[0.0; 4]; 3]);
    }
    let s = &mut v[day][g];
    s[0] += x;
    s[1] += x * d2d;
    s[2] += x * know;
    s[3] += x * on_time;
}
