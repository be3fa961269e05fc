//! Merchants and courier choice.
//!
//! Each merchant agent has a platform, a category, a daily volume (heavy-tailed), one *primary*
//! courier (its e-waybill account) and perhaps a *secondary* courier that gets a fixed share of
//! its parcels. Its taste for each courier is a fixed random utility: the log of the courier's
//! share among merchants of its type plus a Gumbel draw, so that choosing the best courier
//! reproduces the calibrated shares (a logit model). The primary is the courier it likes best at
//! the start; the secondary, if any, its second choice.
//!
//! Merchants review their primary on a random clock. The review rate rises when one of their
//! couriers is delisted or advised against, when their own buyers' inquiries cost them service
//! time, when their money waits longer for release, and when a courier they were pushed off is
//! offered again. At a review a merchant picks the courier with the highest utility:
//!
//!   U_c = taste_c − perceived penalty_c (× its own misjudgement) + habit (current courier only)
//!         − switch cost (every courier except the current one)
//!
//! The perceived penalty is how much worse the courier's deliveries, inquiries and payments look
//! than normal, as merchants of its platform saw them over the trailing 24 h, `perception_lag_h`
//! hours ago. The switching cost applies alike to leaving and to returning; nothing reads the
//! link state except the listing (a delisted courier cannot be chosen) and platform advice.

use super::config::Config;
use super::ids::{Courier, N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;
use super::rng::{hash_uniform, AgentStream, Stream};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// "No courier" in the secondary and previous-courier slots.
pub const NONE: u8 = NC as u8;
const NC1: usize = NC + 1;
/// Merchant groups, fixed at the start of the run: 0 = SF is the primary courier, 1 = SF is the
/// secondary courier, 2 = no SF.
pub const NG: usize = 3;
pub const G_SF_PRIMARY: usize = 0;
pub const G_SF_SECONDARY: usize = 1;
pub const G_NO_SF: usize = 2;
const N_CLASSES: usize = NP * NC1 * NC1 * NC1;
/// A merchant pushed off a courier stops watching it once it looks normal again (utility).
const SETTLED: f64 = 0.05;

/// Aggregated daily volume by group, platform, category and courier.
pub type Agg = [[[[f64; NC]; NK]; NP]; NG];

/// What merchants perceive about each courier on their platform.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Perceived {
    /// Utility lost against normal times, by platform, category and courier (before each
    /// merchant's own misjudgement).
    pub penalty: [[[f64; NC]; NK]; NP],
    /// Extra review rate (multiples of the calm rate) caused by a courier's inquiries and payment delays.
    pub stress: [[f64; NC]; NP],
}

#[derive(Clone, Debug)]
pub struct Merchants {
    pub platform: Vec<u8>,
    pub category: Vec<u8>,
    /// Parcels per day (at the start of the run).
    pub volume: Vec<f64>,
    pub primary: Vec<u8>,
    /// Secondary courier or `NONE`.
    pub secondary: Vec<u8>,
    /// The merchant noticed its secondary courier is not offered and ships everything with its
    /// primary until it is offered again.
    pub secondary_paused: Vec<bool>,
    /// The courier this merchant left because of a problem (delisted, or looking worse than
    /// normal; `NONE` if none): it reviews sooner while that courier is offered, until it returns
    /// or, seeing the courier back to normal, decides to stay.
    pub displaced_from: Vec<u8>,
    /// Hour (agents' clock) at which the current primary began (habit grows with this tenure).
    since: Vec<f64>,
    /// Group at the start of the run (see `NG`).
    pub group: Vec<u8>,
    pub start_primary: Vec<u8>,
    /// Has the merchant changed its primary courier since the run started?
    pub switched: Vec<bool>,
    pub n_switched: usize,
    /// Review scheduling: merchants in the same hazard class share a cumulative hazard; a
    /// merchant reviews when its class's cumulative hazard passes its threshold.
    thresh: Vec<f64>,
    class: Vec<u32>,
    cum: Vec<f64>,
    heaps: Vec<BinaryHeap<Reverse<(u64, u32)>>>,
    active: Vec<u32>,
    is_active: Vec<bool>,
    rng: Vec<AgentStream>,
    /// Each merchant's fixed taste for each courier (see `taste_draw`).
    taste: Vec<[f64; NC]>,
    seed: u64,
    /// Hours since the agents started.
    pub now: f64,
    /// Σ volume × courier shares, kept up to date at every switch.
    pub agg: Agg,
    /// Courier shares per platform and category when every link is up.
    pub type_mix: [[[f64; NC]; NK]; NP],
    pub secondary_share: f64,
}

/// Iterative proportional fitting: a category × courier table for one platform whose rows add
/// to the category volumes and whose columns add to the courier volumes, starting from affinities.
fn fit_type_mix(cfg: &Config, p: usize) -> [[f64; NC]; NK] {
    let total = cfg.platform_daily(p);
    let mut m = [[0.0; NC]; NK];
    if total <= 0.0 {
        return m;
    }
    for k in 0..NK {
        for c in 0..NC {
            let aff = if Config::is_premium(c) { cfg.premium_affinity[k] } else { 1.0 };
            m[k][c] = cfg.cat_share[k] * cfg.volume[p][c] * aff;
        }
    }
    for _ in 0..60 {
        for k in 0..NK {
            let s: f64 = m[k].iter().sum();
            if s > 0.0 {
                let f = cfg.cat_share[k] * total / s;
                m[k].iter_mut().for_each(|x| *x *= f);
            }
        }
        for c in 0..NC {
            let s: f64 = (0..NK).map(|k| m[k][c]).sum();
            if s > 0.0 {
                let f = cfg.volume[p][c] / s;
                (0..NK).for_each(|k| m[k][c] *= f);
            }
        }
    }
    for row in m.iter_mut() {
        let s: f64 = row.iter().sum();
        if s > 0.0 {
            row.iter_mut().for_each(|x| *x /= s);
        }
    }
    m
}

/// How many agents each (platform, category) type gets: proportional to volume, at least one.
fn allocate(n: usize, weights: &[f64]) -> Vec<usize> {
    let total: f64 = weights.iter().sum();
    let live: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
    let mut counts = vec![0usize; weights.len()];
    if live.is_empty() {
        return counts;
    }
    let spare = n.saturating_sub(live.len());
    let mut rem: Vec<(f64, usize)> = Vec::new();
    let mut used = 0;
    for &i in &live {
        let exact = spare as f64 * weights[i] / total;
        counts[i] = 1 + exact as usize;
        used += counts[i];
        rem.push((exact - (exact as usize) as f64, i));
    }
    rem.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(core::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
    for (_, i) in rem.into_iter().take(n.saturating_sub(used)) {
        counts[i] += 1;
    }
    counts
}

fn encode(p: usize, prim: u8, sec: u8, prev: u8) -> u32 {
    (((p * NC1 + prim as usize) * NC1 + sec as usize) * NC1 + prev as usize) as u32
}

fn decode(cls: u32) -> (usize, usize, usize, usize) {
    let x = cls as usize;
    (x / (NC1 * NC1 * NC1), (x / (NC1 * NC1)) % NC1, (x / NC1) % NC1, x % NC1)
}

impl Merchants {
    pub fn new(cfg: &Config, seed: u64) -> Merchants {
        let mut rng = Stream::new(seed, 11);
        let mut type_mix = [[[0.0; NC]; NK]; NP];
        let mut weights = Vec::new();
        for p in 0..NP {
            type_mix[p] = fit_type_mix(cfg, p);
            for k in 0..NK {
                weights.push(cfg.platform_daily(p) * cfg.cat_share[k]);
            }
        }
        let counts = allocate(cfg.merchants, &weights);
        let n: usize = counts.iter().sum();
        let mut m = Merchants {
            platform: Vec::with_capacity(n),
            category: Vec::with_capacity(n),
            volume: Vec::with_capacity(n),
            primary: Vec::with_capacity(n),
            secondary: Vec::with_capacity(n),
            secondary_paused: vec![false; n],
            displaced_from: vec![NONE; n],
            since: vec![f64::NEG_INFINITY; n],
            group: Vec::with_capacity(n),
            start_primary: Vec::new(),
            switched: vec![false; n],
            n_switched: 0,
            thresh: Vec::with_capacity(n),
            class: Vec::with_capacity(n),
            cum: vec![0.0; N_CLASSES],
            heaps: vec![BinaryHeap::new(); N_CLASSES],
            active: Vec::new(),
            is_active: vec![false; N_CLASSES],
            rng: Vec::with_capacity(n),
            taste: Vec::with_capacity(n),
            seed,
            now: 0.0,
            agg: [[[[0.0; NC]; NK]; NP]; NG],
            type_mix,
            secondary_share: cfg.secondary_share,
        };
        for p in 0..NP {
            for k in 0..NK {
                let cnt = counts[p * NK + k];
                if cnt == 0 {
                    continue;
                }
                // heavy-tailed sizes: log-normal, sigma 1.2
                let w: Vec<f64> = (0..cnt).map(|_| libm::exp(1.2 * rng.normal())).collect();
                let sw: f64 = w.iter().sum();
                let type_vol = weights[p * NK + k];
                // ln(type share), once per type (the same number for every merchant of the type)
                let ln_mix = type_mix[p][k].map(|x| if x > 0.0 { libm::log(x) } else { f64::NEG_INFINITY });
                for wi in w {
                    let i = m.volume.len();
                    m.platform.push(p as u8);
                    m.category.push(k as u8);
                    m.volume.push(type_vol * wi / sw);
                    // best and second-best courier by taste
                    let mut taste = [f64::NEG_INFINITY; NC];
                    for (c, x) in taste.iter_mut().enumerate() {
                        if type_mix[p][k][c] > 0.0 {
                            *x = m.taste_draw(i, ln_mix[c], c);
                        }
                    }
                    m.taste.push(taste);
                    let (mut b1, mut u1, mut b2, mut u2) = (NONE, f64::NEG_INFINITY, NONE, f64::NEG_INFINITY);
                    for c in 0..NC {
                        if type_mix[p][k][c] <= 0.0 {
                            continue;
                        }
                        let u = taste[c];
                        if u > u1 {
                            (b2, u2) = (b1, u1);
                            (b1, u1) = (c as u8, u);
                        } else if u > u2 {
                            (b2, u2) = (c as u8, u);
                        }
                    }
                    let _ = u2;
                    let has_sec = rng.uniform() < cfg.secondary_prob && cfg.secondary_share > 0.0;
                    m.primary.push(b1);
                    m.secondary.push(if has_sec { b2 } else { NONE });
                }
            }
        }
        m.fit_volumes(cfg);
        for i in 0..n {
            let sf = Courier::Sf.idx() as u8;
            let g = if m.primary[i] == sf {
                G_SF_PRIMARY
            } else if m.secondary[i] == sf {
                G_SF_SECONDARY
            } else {
                G_NO_SF
            };
            m.group.push(g as u8);
            let mut a = AgentStream::new(seed, i as u64);
            m.thresh.push(a.exp1() + 1e-12);
            m.rng.push(a);
            let cls = m.class_of(i);
            m.class.push(cls);
            m.heaps[cls as usize].push(Reverse((m.thresh[i].to_bits(), i as u32)));
            m.activate(cls);
        }
        m.start_primary = m.primary.clone();
        m.rebuild_agg();
        m
    }

    /// Scale the agents' volumes so that every platform's courier volumes and category volumes
    /// match the calibration (iterative proportional fitting over the agents).
    fn fit_volumes(&mut self, cfg: &Config) {
        let n = self.len();
        for _ in 0..40 {
            let mut worst: f64 = 0.0;
            let mut real = [[0.0; NC]; NP];
            for i in 0..n {
                for (c, s) in self.shares(i) {
                    real[self.platform[i] as usize][c] += self.volume[i] * s;
                }
            }
            // each factor once per (platform, courier) and (platform, category), not per merchant:
            // the same numbers (the same operations on the same values)
            let mut f = [[1.0; NC]; NP];
            let mut scaled = [[false; NC]; NP];
            for p in 0..NP {
                for c in 0..NC {
                    if real[p][c] > 0.0 && cfg.volume[p][c] > 0.0 {
                        f[p][c] = cfg.volume[p][c] / real[p][c];
                        scaled[p][c] = true;
                    }
                }
            }
            for i in 0..n {
                let (p, c) = (self.platform[i] as usize, self.primary[i] as usize);
                if c < NC && scaled[p][c] {
                    worst = worst.max((f[p][c] - 1.0).abs());
                    self.volume[i] *= f[p][c];
                }
            }
            // merchants of one type are contiguous (made type by type): each type's sum runs in a
            // register, in the same order as adding into the table one by one
            let mut cat = [[0.0; NK]; NP];
            let mut i = 0;
            while i < n {
                let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
                let mut sum = cat[p][k];
                while i < n && self.platform[i] as usize == p && self.category[i] as usize == k {
                    sum += self.volume[i];
                    i += 1;
                }
                cat[p][k] = sum;
            }
            let mut g = [[1.0; NK]; NP];
            for p in 0..NP {
                let daily = cfg.platform_daily(p);
                for k in 0..NK {
                    if cat[p][k] > 0.0 {
                        g[p][k] = daily * cfg.cat_share[k] / cat[p][k];
                    }
                }
            }
            for i in 0..n {
                let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
                if cat[p][k] > 0.0 {
                    self.volume[i] *= g[p][k];
                }
            }
            if worst < 1e-4 {
                break;
            }
        }
    }

    /// A merchant's fixed taste for a courier: ln(type share) + Gumbel noise (logit choice).
    /// `ln_share`: ln(type share) of courier `c` for the merchant's type.
    fn taste_draw(&self, i: usize, ln_share: f64, c: usize) -> f64 {
        // Gumbel draw −ln(E), E ~ Exp(1) > 0; the outer log in single precision (plenty for a
        // taste; libm keeps it bit-identical everywhere)
        let e = -libm::log(hash_uniform(self.seed, (i as u64) * 16 + c as u64));
        ln_share - libm::logf(e as f32) as f64
    }

    /// Merchant `i`'s taste for courier `c` (−∞ if merchants of its type never use it).
    #[inline]
    pub fn taste(&self, i: usize, c: usize) -> f64 {
        self.taste[i][c]
    }

    /// The couriers a merchant ships with and their shares of its parcels.
    #[inline]
    pub fn shares(&self, i: usize) -> [(usize, f64); 2] {
        let (a, b) = (self.primary[i] as usize, self.secondary[i] as usize);
        if b < NC && !self.secondary_paused[i] {
            [(a, 1.0 - self.secondary_share), (b, self.secondary_share)]
        } else {
            [(a, 1.0), (a, 0.0)]
        }
    }

    pub fn len(&self) -> usize {
        self.volume.len()
    }

    pub fn is_empty(&self) -> bool {
        self.volume.is_empty()
    }

    pub fn rebuild_agg(&mut self) {
        self.agg = [[[[0.0; NC]; NK]; NP]; NG];
        for i in 0..self.len() {
            self.add_to_agg(i, 1.0);
        }
    }

    fn add_to_agg(&mut self, i: usize, sign: f64) {
        let (g, p, k) = (self.group[i] as usize, self.platform[i] as usize, self.category[i] as usize);
        for (c, s) in self.shares(i) {
            if c < NC {
                self.agg[g][p][k][c] += sign * self.volume[i] * s;
            }
        }
    }

    fn class_of(&self, i: usize) -> u32 {
        let sec = if self.secondary_paused[i] { NONE } else { self.secondary[i] };
        encode(self.platform[i] as usize, self.primary[i], sec, self.displaced_from[i])
    }

    fn activate(&mut self, cls: u32) {
        if !self.is_active[cls as usize] {
            self.is_active[cls as usize] = true;
            let at = self.active.partition_point(|&x| x < cls);
            self.active.insert(at, cls);
        }
    }

    /// Reviews per hour for merchants of class `cls`.
    fn rate(&self, cls: u32, cfg: &Config, links: &Links, perc: &Perceived) -> f64 {
        let (p, prim, sec, prev) = decode(cls);
        let stress = |c: usize| -> f64 {
            let mut x = perc.stress[p][c];
            if !links.list[p][c] {
                x += cfg.boost_delisted - 1.0;
            }
            if links.advice[p][c] {
                x += cfg.boost_advice - 1.0;
            }
            x
        };
        let s = if sec < NC { self.secondary_share } else { 0.0 };
        let mut x = 1.0;
        if prim < NC {
            x += (1.0 - s) * stress(prim);
        }
        if sec < NC {
            x += s * stress(sec);
        }
        if prev < NC && prev != prim && links.list[p][prev] {
            x += cfg.boost_displaced - 1.0;
        }
        x / (cfg.review_days * 24.0)
    }

    /// Advance the agents by one hour: every merchant whose review falls in the hour reviews its
    /// primary courier. Returns the number of merchants that changed it.
    pub fn step(&mut self, cfg: &Config, links: &Links, perc: &Perceived) -> u32 {
        for j in 0..self.active.len() {
            let cls = self.active[j];
            self.cum[cls as usize] += self.rate(cls, cfg, links, perc);
        }
        let mut switched = 0;
        let mut j = 0;
        while j < self.active.len() {
            let cls = self.active[j] as usize;
            while let Some(&Reverse((bits, i))) = self.heaps[cls].peek() {
                if f64::from_bits(bits) > self.cum[cls] {
                    break;
                }
                self.heaps[cls].pop();
                let i = i as usize;
                if self.class[i] as usize != cls || self.thresh[i].to_bits() != bits {
                    continue; // a stale entry
                }
                if self.review(i, cfg, links, perc) {
                    switched += 1;
                }
                let nc = self.class_of(i);
                self.class[i] = nc;
                let th = self.cum[nc as usize] + self.rng[i].exp1() + 1e-12;
                self.thresh[i] = th;
                self.heaps[nc as usize].push(Reverse((th.to_bits(), i as u32)));
                if !self.is_active[nc as usize] {
                    self.activate(nc);
                    if (nc as usize) < cls {
                        j += 1; // keep pointing at the same class after the insertion
                    }
                }
            }
            j += 1;
        }
        self.now += 1.0;
        switched
    }

    /// Habit bonus of merchant `i` for its current primary.
    fn habit(&self, i: usize, cfg: &Config) -> f64 {
        if cfg.habit == 0.0 || self.since[i] == f64::NEG_INFINITY {
            return cfg.habit;
        }
        let tenure_days = (self.now - self.since[i]) / 24.0;
        cfg.habit * (1.0 - libm::exp(-tenure_days / cfg.habit_days))
    }

    /// One review: returns true if the merchant changed its primary courier.
    pub fn review(&mut self, i: usize, cfg: &Config, links: &Links, perc: &Perceived) -> bool {
        let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
        let a = self.primary[i] as usize;
        // a secondary courier that is not offered: ship everything with the primary until it
        // is back (and watch it, like a courier left for a problem)
        let b = self.secondary[i];
        if b != NONE && self.secondary_paused[i] == links.list[p][b as usize] {
            self.add_to_agg(i, -1.0);
            self.secondary_paused[i] = !self.secondary_paused[i];
            self.add_to_agg(i, 1.0);
            if self.secondary_paused[i] && self.displaced_from[i] == NONE {
                self.displaced_from[i] = b;
            }
        }
        let habit = self.habit(i, cfg);
        let sigma = cfg.perception_noise;
        let (mut best, mut best_u) = (NC, f64::NEG_INFINITY);
        for c in 0..NC {
            if self.type_mix[p][k][c] <= 0.0 || !links.list[p][c] {
                continue;
            }
            let mut pen = perc.penalty[p][k][c];
            // each merchant misjudges a change by its own factor; a change too small to matter
            // (under 0.001 utility) is not worth drawing for
            if pen.abs() >= 1e-3 && sigma > 0.0 {
                pen *= libm::exp(sigma * self.rng[i].normal() - 0.5 * sigma * sigma);
            }
            let mut u = self.taste[i][c] - pen;
            if c == a {
                u += habit;
            } else {
                u -= cfg.switch_cost;
            }
            if u > best_u {
                best_u = u;
                best = c;
            }
        }
        if best == NC {
            return false; // nothing available
        }
        if best == a {
            let prev = self.displaced_from[i] as usize;
            if prev < NC && links.list[p][prev] && perc.penalty[p][k][prev].abs() < SETTLED {
                self.displaced_from[i] = NONE; // it looked again and decided to stay
            }
            return false;
        }
        self.add_to_agg(i, -1.0);
        let old = a as u8;
        self.primary[i] = best as u8;
        self.since[i] = self.now;
        if self.secondary[i] == best as u8 {
            self.secondary[i] = old;
            self.secondary_paused[i] = !links.list[p][a];
        }
        // a merchant that left a courier because of a problem (delisted, or looking worse than
        // normal) keeps an eye on it and reviews sooner while it is offered (see `rate`)
        let problem = !links.list[p][a] || perc.penalty[p][k][a] > SETTLED;
        if problem && self.displaced_from[i] == NONE {
            self.displaced_from[i] = old;
        }
        if self.displaced_from[i] == best as u8 {
            self.displaced_from[i] = NONE; // back home
        }
        self.add_to_agg(i, 1.0);
        if !self.switched[i] {
            self.switched[i] = true;
            self.n_switched += 1;
        }
        true
    }

    /// Daily volume by group, platform and category at the start (for the control group's weights).
    pub fn group_volume(&self) -> [[[f64; NK]; NP]; NG] {
        let mut v = [[[0.0; NK]; NP]; NG];
        for i in 0..self.len() {
            v[self.group[i] as usize][self.platform[i] as usize][self.category[i] as usize] += self.volume[i];
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::{LinkId, Platform};
    use crate::model::scenario;

    fn cfg() -> Config {
        Config::from_params(&scenario::builtin("baseline-2017").unwrap().params)
    }

    fn sf_tb(m: &Merchants) -> f64 {
        (0..NG).map(|g| (0..NK).map(|k| m.agg[g][0][k][0]).sum::<f64>()).sum()
    }

    #[test]
    fn agents_add_up_to_the_calibrated_volumes() {
        let c = cfg();
        let m = Merchants::new(&c, 1);
        assert_eq!(m.len(), c.merchants);
        for p in 0..NP {
            for cour in 0..NC {
                let v: f64 = (0..NG).map(|g| (0..NK).map(|k| m.agg[g][p][k][cour]).sum::<f64>()).sum();
                assert!((v - c.volume[p][cour]).abs() <= 0.02 * c.volume[p][cour].max(1e5), "p{p} c{cour}: {v} vs {}", c.volume[p][cour]);
            }
        }
        // fresh merchants lean on SF much more than apparel merchants
        assert!(m.type_mix[0][0][0] > 3.0 * m.type_mix[0][2][0]);
    }

    #[test]
    fn merchants_have_one_primary_and_a_real_group_relies_on_sf() {
        let c = cfg();
        let m = Merchants::new(&c, 1);
        let reliant: Vec<usize> = (0..m.len()).filter(|&i| m.platform[i] == 0 && m.group[i] as usize == G_SF_PRIMARY).collect();
        assert!(reliant.len() >= 40, "{} SF-primary Taobao merchants", reliant.len());
        for &i in &reliant {
            let sf: f64 = m.shares(i).iter().filter(|x| x.0 == 0).map(|x| x.1).sum();
            assert!(sf >= 1.0 - c.secondary_share - 1e-12, "an SF-reliant merchant ships most parcels with SF");
        }
        // premium sellers are SF-primary more often than apparel sellers
        let rate = |k: u8| {
            let all = (0..m.len()).filter(|&i| m.platform[i] == 0 && m.category[i] == k).count() as f64;
            reliant.iter().filter(|&&i| m.category[i] == k).count() as f64 / all
        };
        assert!(rate(0) > 2.0 * rate(2), "fresh {} vs apparel {}", rate(0), rate(2));
    }

    #[test]
    fn no_change_means_no_switching() {
        let c = cfg();
        let mut m = Merchants::new(&c, 1);
        let links = Links::default();
        let before = m.primary.clone();
        let switched: u32 = (0..24 * 60).map(|_| m.step(&c, &links, &Perceived::default())).sum();
        assert_eq!(switched, 0);
        assert_eq!(before, m.primary);
    }

    fn delist_then_restore(c: &Config, hours: usize) -> (f64, f64, f64, Merchants) {
        let mut m = Merchants::new(c, 1);
        let start = sf_tb(&m);
        let mut links = Links::default();
        links.set(LinkId::List(Platform::Taobao, Courier::Sf), false);
        let calm = Perceived::default();
        for _ in 0..hours {
            m.step(c, &links, &calm);
        }
        let during = sf_tb(&m);
        let links = Links::default();
        for _ in 0..24 * 30 {
            m.step(c, &links, &calm);
        }
        (start, during, sf_tb(&m), m)
    }

    #[test]
    fn delisting_pushes_merchants_off_and_they_return_when_it_is_worth_it() {
        let c = cfg();
        let (start, during, after, m) = delist_then_restore(&c, 48);
        assert!(during < 0.5 * start, "{during} vs {start}");
        assert!(after > during && after < 0.99 * start, "switching cost and habit keep part of it: {after} vs {start}");
        let moved = m.switched.iter().filter(|x| **x).count();
        assert_eq!(moved, m.n_switched, "switches are counted as merchants");
        // no habit and no switching cost: everyone comes back
        let mut free = c.clone();
        free.habit = 0.0;
        free.switch_cost = 0.0;
        let (start, during, after, _) = delist_then_restore(&free, 48);
        assert!(during < 0.5 * start);
        assert!((after - start).abs() < 1e-6 * start, "SF recovers fully: {after} vs {start}");
    }

    #[test]
    fn merchants_stop_using_a_delisted_secondary_and_resume_when_it_is_back() {
        let c = cfg();
        let (start, during, after, m) = delist_then_restore(&c, 24 * 14);
        assert!(during < 1e-9 * start, "after two weeks nobody sends parcels to a delisted courier: {during}");
        assert!(m.secondary_paused.iter().all(|x| !x), "every paused secondary is back");
        assert!(after > 0.5 * start);
    }

    #[test]
    fn allocation_gives_every_live_type_an_agent() {
        let a = allocate(100, &[1000.0, 1.0, 0.0, 5.0]);
        assert_eq!(a.iter().sum::<usize>(), 100);
        assert!(a[1] >= 1 && a[2] == 0 && a[3] >= 1);
    }

    #[test]
    fn classes_round_trip() {
        for (p, a, b, c) in [(0, 0, 9, 9), (2, 8, 3, 0), (1, 4, 4, 9)] {
            assert_eq!(decode(encode(p, a as u8, b as u8, c as u8)), (p, a, b, c));
        }
    }
}
