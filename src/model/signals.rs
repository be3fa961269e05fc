//! What merchants can see, and nothing else. Per platform and courier, merchants watch their
//! deliveries (door-to-door time), the inquiries their buyers raise about parcels still on their
//! way, and how long their money waits after delivery — over the trailing 24 hours, noticed
//! `perception_lag_h` hours late, and compared with what was normal before the run started (their
//! own memory of the world they chose their couriers in). The baseline run is never read.

use super::choice::Perceived;
use super::clock::Hour;
use super::config::Config;
use super::ids::{N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;

/// Longest perception lag (the parameter's range).
pub const LAG_MAX: usize = 72;

/// One hour's raw observations for one platform and courier.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Raw {
    /// Parcels in the system (held, queued, in transit, in lockers).
    pub stock: f64,
    /// Buyer inquiries this hour.
    pub inq: f64,
    /// Deliveries and the sum of their door-to-door hours.
    pub n: f64,
    pub d2d: f64,
    /// Parcels the courier sorted (scanned) this hour and the sum of the hours they had waited for
    /// it since the order (for pickup and sorting), not fresh and fresh.
    pub sorted: f64,
    pub waited: f64,
    pub sorted_fresh: f64,
    pub waited_fresh: f64,
    /// Taobao deliveries and the sum of their payment lags (hours).
    pub n_pay: f64,
    pub lag: f64,
}

/// What merchants read from the trailing 24 hours.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sig {
    /// Mean door-to-door hours.
    pub time_h: f64,
    /// Mean hours parcels waited for the courier to scan them (pickup, sorting), not fresh /
    /// fresh: what load changes, seen as soon as the courier scans the parcel. Merchants judge a courier's speed by this, so a day whose deliveries happen to be
    /// long-distance ones does not look slow, and buyers' locker pickups are not blamed on the courier
    /// (they reach merchants as inquiries and payment delays instead).
    pub wait_h: f64,
    pub wait_fresh_h: f64,
    /// Customer-service cost per parcel: inquiries per parcel-hour × hours on the way × cost.
    pub service_yuan: f64,
    /// Money waiting per parcel: order value × days from delivery to release (Taobao).
    pub cash_yuan_days: f64,
}

pub type Grid<T> = [[T; NC]; NP];

#[derive(Clone, Debug)]
pub struct Signals {
    hours: Vec<Grid<Raw>>,
    /// Running sums of `hours` (the trailing 24 hours).
    sum: Grid<Raw>,
    history: Vec<Grid<Sig>>,
    cur: Grid<Sig>,
    /// The signals at the start of the run: what merchants know as normal.
    pub normal: Option<Grid<Sig>>,
}

impl Default for Signals {
    fn default() -> Self {
        Signals {
            hours: vec![[[Raw::default(); NC]; NP]; 24],
            sum: [[Raw::default(); NC]; NP],
            history: vec![[[Sig::default(); NC]; NP]; LAG_MAX + 1],
            cur: [[Sig::default(); NC]; NP],
            normal: None,
        }
    }
}

impl Signals {
    /// Record hour `t`'s observations and update the trailing-24-hour reading.
    pub fn record(&mut self, t: Hour, raw: &Grid<Raw>, cfg: &Config) {
        let h = t.rem_euclid(24) as usize;
        for p in 0..NP {
            for c in 0..NC {
                let (o, r, s) = (self.hours[h][p][c], raw[p][c], &mut self.sum[p][c]);
                s.stock += r.stock - o.stock;
                s.inq += r.inq - o.inq;
                s.n += r.n - o.n;
                s.d2d += r.d2d - o.d2d;
                s.sorted += r.sorted - o.sorted;
                s.waited += r.waited - o.waited;
                s.sorted_fresh += r.sorted_fresh - o.sorted_fresh;
                s.waited_fresh += r.waited_fresh - o.waited_fresh;
                s.n_pay += r.n_pay - o.n_pay;
                s.lag += r.lag - o.lag;
                let s = *s;
                let g = &mut self.cur[p][c];
                // no new information (nothing delivered, nothing on the way): keep the last reading;
                // "nothing" is below one parcel, so rounding in the running sums cannot matter
                if s.n >= 1.0 {
                    g.time_h = s.d2d / s.n;
                }
                if s.sorted >= 1.0 {
                    g.wait_h = s.waited / s.sorted;
                }
                if s.sorted_fresh >= 1.0 {
                    g.wait_fresh_h = s.waited_fresh / s.sorted_fresh;
                }
                if s.stock >= 1.0 {
                    g.service_yuan = cfg.inquiry_cost_yuan * (s.inq / s.stock).max(0.0) * g.time_h;
                }
                if s.n_pay >= 1.0 {
                    g.cash_yuan_days = cfg.order_value_yuan * s.lag / s.n_pay / 24.0;
                }
            }
        }
        self.hours[h] = *raw;
        self.history[t.rem_euclid(LAG_MAX as i64 + 1) as usize] = self.cur;
    }

    /// The reading merchants act on at hour `t`: the one recorded `lag` hours earlier.
    pub fn seen(&self, t: Hour, cfg: &Config) -> &Grid<Sig> {
        let lag = (libm::round(cfg.perception_lag_h) as i64).clamp(0, LAG_MAX as i64);
        &self.history[(t - 1 - lag).rem_euclid(LAG_MAX as i64 + 1) as usize]
    }

    /// Remember the reading at `t` as normal (called once, when the run starts).
    pub fn set_normal(&mut self, t: Hour, cfg: &Config) {
        self.normal = Some(*self.seen(t, cfg));
    }

    /// Utility penalties and review stress, by platform (and category) and courier.
    pub fn perceive(&self, t: Hour, cfg: &Config, links: &Links) -> Perceived {
        let mut out = Perceived::default();
        let normal = self.normal.unwrap_or([[Sig::default(); NC]; NP]);
        let seen = self.seen(t, cfg);
        for p in 0..NP {
            for c in 0..NC {
                let (s, n) = (&seen[p][c], &normal[p][c]);
                let d_service = s.service_yuan - n.service_yuan;
                let d_cash = (s.cash_yuan_days - n.cash_yuan_days) / 100.0;
                let advice = if links.advice[p][c] { cfg.beta_advice } else { 0.0 };
                let common = cfg.beta_service * d_service + cfg.beta_cash * d_cash + advice;
                for k in 0..NK {
                    let slower = if k == 0 { 3.0 * (s.wait_fresh_h - n.wait_fresh_h) } else { s.wait_h - n.wait_h };
                    out.penalty[p][k][c] = cfg.beta_speed * slower + common;
                }
                out.stress[p][c] = cfg.boost_inquiries * d_service.max(0.0) + cfg.boost_cash * d_cash.max(0.0);
            }
        }
        out
    }
}
