//! Merchants and courier choice.
//!
//! Each merchant agent has a platform, a category, a daily volume (heavy-tailed) and a courier
//! mix (shares that add to 1). Its *base* mix is what it uses when every link is up. It reviews
//! its mix on a random clock whose rate rises under stress (courier delisted, parcels untracked,
//! platform advice). At a review it computes a logit target over the couriers listed on its
//! platform and moves part of the way (`adjust`) toward it, but only if the move is worth the
//! switching cost (`switch_threshold`). `habit` weights the current mix in the target, so a
//! switch partly sticks after the cause is gone.

use super::config::Config;
use super::ids::{N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;
use super::rng::{AgentStream, Stream};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Aggregated daily volume by group (0: merchants that used SF at the start, 1: the rest),
/// platform, category and courier.
pub type Agg = [[[[f64; NC]; NK]; NP]; 2];

#[derive(Clone, Debug)]
pub struct Merchants {
    pub platform: Vec<u8>,
    pub category: Vec<u8>,
    pub sf_group: Vec<bool>,
    /// Parcels per day (at the start of the run).
    pub volume: Vec<f64>,
    pub base: Vec<[f64; NC]>,
    pub mix: Vec<[f64; NC]>,
    /// Exponential(1) draws used to schedule the first reviews.
    clock: Vec<f64>,
    pub hazard: Vec<f64>,
    /// When each agent next reviews (hours since the agents started), and a min-heap of those
    /// times (lazy: stale entries are skipped), so an hour costs only the reviews it contains.
    next: Vec<f64>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
    now: f64,
    rng: Vec<AgentStream>,
    stress: Option<Stress>,
    /// Σ volume × mix, kept up to date at every switch.
    pub agg: Agg,
    /// Mix per platform and category when every link is up (fallback for redirected orders).
    pub type_mix: [[[f64; NC]; NK]; NP],
}

/// Share of SF in a merchant's starting mix above which it counts as an "SF merchant".
pub const SF_MERCHANT_MIN_SHARE: f64 = 0.05;

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
    // as shares of each category row
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
            sf_group: Vec::with_capacity(n),
            volume: Vec::with_capacity(n),
            base: Vec::with_capacity(n),
            mix: Vec::with_capacity(n),
            clock: Vec::with_capacity(n),
            hazard: vec![0.0; n],
            next: Vec::new(),
            heap: BinaryHeap::new(),
            now: 0.0,
            rng: Vec::with_capacity(n),
            stress: None,
            agg: [[[[0.0; NC]; NK]; NP]; 2],
            type_mix,
        };
        for p in 0..NP {
            for k in 0..NK {
                let cnt = counts[p * NK + k];
                if cnt == 0 {
                    continue;
                }
                let first = m.volume.len();
                // heavy-tailed sizes: log-normal, sigma 1.2
                let w: Vec<f64> = (0..cnt).map(|_| libm::exp(1.2 * rng.normal())).collect();
                let sw: f64 = w.iter().sum();
                let type_vol = weights[p * NK + k];
                for wi in w {
                    let mut mix = [0.0; NC];
                    for c in 0..NC {
                        if type_mix[p][k][c] > 0.0 {
                            // idiosyncratic preference: a factor uniform in [0.1, 1.9] (mean 1), cheap to draw
                            mix[c] = type_mix[p][k][c] * (0.1 + 1.8 * rng.uniform());
                        }
                    }
                    normalise(&mut mix);
                    m.platform.push(p as u8);
                    m.category.push(k as u8);
                    m.volume.push(type_vol * wi / sw);
                    m.mix.push(mix);
                }
                // fit the agents' mixes so that the type adds up to its target exactly
                for _ in 0..8 {
                    let mut realised = [0.0; NC];
                    for i in first..m.volume.len() {
                        for c in 0..NC {
                            realised[c] += m.volume[i] * m.mix[i][c];
                        }
                    }
                    for i in first..m.volume.len() {
                        for c in 0..NC {
                            if realised[c] > 0.0 {
                                m.mix[i][c] *= type_vol * type_mix[p][k][c] / realised[c];
                            }
                        }
                        normalise(&mut m.mix[i]);
                    }
                }
            }
        }
        for i in 0..n {
            let mut a = AgentStream::new(seed, i as u64);
            m.clock.push(a.exp1());
            m.rng.push(a);
            m.sf_group.push(m.mix[i][0] >= SF_MERCHANT_MIN_SHARE);
        }
        m.base = m.mix.clone();
        m.rebuild_agg();
        m
    }

    pub fn len(&self) -> usize {
        self.volume.len()
    }

    pub fn is_empty(&self) -> bool {
        self.volume.is_empty()
    }

    pub fn rebuild_agg(&mut self) {
        self.agg = [[[[0.0; NC]; NK]; NP]; 2];
        for i in 0..self.len() {
            self.add_to_agg(i, 1.0);
        }
    }

    fn add_to_agg(&mut self, i: usize, sign: f64) {
        let g = if self.sf_group[i] { 0 } else { 1 };
        let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
        for c in 0..NC {
            self.agg[g][p][k][c] += sign * self.volume[i] * self.mix[i][c];
        }
    }

    /// Recompute every agent's review rate (per hour) from the current stress, keeping the
    /// part of each agent's random clock that has not run out yet.
    pub fn update_hazards(&mut self, cfg: &Config, links: &Links) {
        let stress = Stress::new(cfg, links);
        let first = self.next.is_empty();
        if first {
            self.next = vec![0.0; self.len()];
        }
        for i in 0..self.len() {
            let h = stress.hazard(self.platform[i] as usize, &self.mix[i], &self.base[i]);
            let left = if first { self.clock[i] } else { (self.next[i] - self.now) * self.hazard[i] };
            self.next[i] = self.now + left / h;
            self.hazard[i] = h;
        }
        // positive floats order like their bit patterns: the heap compares integers
        self.heap = self.next.iter().enumerate().map(|(i, t)| Reverse((t.to_bits(), i as u32))).collect();
        self.stress = Some(stress);
    }

    /// Advance the agents by one hour: every agent whose review falls in the hour reviews its
    /// mix. Returns the number of agents that changed their mix.
    pub fn step(&mut self, cfg: &Config, links: &Links, util: &Utility) -> u32 {
        let end = self.now + 1.0;
        let mut switched = 0;
        while let Some(&Reverse((bits, i))) = self.heap.peek() {
            let at = f64::from_bits(bits);
            if at > end {
                break;
            }
            self.heap.pop();
            let i = i as usize;
            if self.next[i].to_bits() != bits {
                continue; // a stale entry
            }
            if self.review(i, cfg, links, util) {
                switched += 1;
                if let Some(s) = &self.stress {
                    self.hazard[i] = s.hazard(self.platform[i] as usize, &self.mix[i], &self.base[i]);
                }
            }
            // the next review: after at least the rest of this hour
            let t = (at + self.rng[i].exp1() / self.hazard[i]).max(end + 1e-9);
            self.next[i] = t;
            self.heap.push(Reverse((t.to_bits(), i as u32)));
        }
        self.now = end;
        switched
    }

    /// One review: returns true if the agent changed its mix.
    pub fn review(&mut self, i: usize, cfg: &Config, links: &Links, util: &Utility) -> bool {
        let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
        let target = match target_mix(&self.base[i], &self.mix[i], links, p, &util.delta[p][k], cfg.habit) {
            Some(t) => t,
            None => return false,
        };
        let mut new = [0.0; NC];
        let mut moved = 0.0;
        for c in 0..NC {
            // a delisted courier gets no target share, but the merchant keeps part of its
            // relationship with it (the demand side redirects orders it cannot ship)
            new[c] = (1.0 - cfg.adjust) * self.mix[i][c] + cfg.adjust * target[c];
        }
        normalise(&mut new);
        for c in 0..NC {
            moved += (new[c] - self.mix[i][c]).abs();
        }
        moved *= 0.5;
        // parcels for a delisted courier cannot ship: such a move is forced, not a choice
        let forced = (0..NC).any(|c| !links.list[p][c] && self.mix[i][c] > 0.0);
        if (moved <= cfg.switch_threshold && !forced) || moved < 1e-9 {
            return false;
        }
        self.add_to_agg(i, -1.0);
        self.mix[i] = new;
        self.add_to_agg(i, 1.0);
        true
    }
}

pub fn normalise(x: &mut [f64; NC]) {
    let s: f64 = x.iter().sum();
    if s > 0.0 {
        x.iter_mut().for_each(|v| *v /= s);
    }
}

/// Logit target over listed couriers the merchant could use (base share > 0):
/// U_c = (1 − habit)·ln base_c + habit·ln mix_c + Δ_c. `None` if no courier is available.
pub fn target_mix(base: &[f64; NC], mix: &[f64; NC], links: &Links, p: usize, delta: &[f64; NC], habit: f64) -> Option<[f64; NC]> {
    let mut u = [f64::NEG_INFINITY; NC];
    let mut best = f64::NEG_INFINITY;
    for c in 0..NC {
        if base[c] > 0.0 && links.list[p][c] {
            u[c] = (1.0 - habit) * libm::log(base[c]) + habit * libm::log(mix[c].max(1e-4)) + delta[c];
            best = best.max(u[c]);
        }
    }
    if best == f64::NEG_INFINITY {
        return None;
    }
    let mut t = [0.0; NC];
    for c in 0..NC {
        if u[c] > f64::NEG_INFINITY {
            t[c] = libm::exp(u[c] - best);
        }
    }
    normalise(&mut t);
    Some(t)
}

/// Review-rate multipliers by platform and courier.
#[derive(Clone, Debug)]
pub struct Stress {
    base_rate: f64,
    displaced: f64,
    s: [[f64; NC]; NP],
}

impl Stress {
    pub fn new(cfg: &Config, links: &Links) -> Stress {
        let mut s = [[0.0; NC]; NP];
        for p in 0..NP {
            for c in 0..NC {
                if !links.list[p][c] {
                    s[p][c] += cfg.boost_delisted - 1.0;
                }
                if !links.tracked(c, p, false) {
                    s[p][c] += cfg.boost_untracked - 1.0;
                }
                if links.advice[p][c] {
                    s[p][c] += cfg.boost_advice - 1.0;
                }
            }
        }
        Stress { base_rate: 1.0 / (cfg.review_days * 24.0), displaced: cfg.boost_displaced - 1.0, s }
    }
    /// Reviews per hour for an agent on platform `p` with `mix` (and starting mix `base`).
    /// Stress from a courier counts in proportion to its share of the merchant's parcels; a
    /// merchant that has moved away from a courier it used to rely on looks again sooner, in
    /// proportion to the largest relative shortfall (it hears when things change).
    #[inline(always)]
    pub fn hazard(&self, p: usize, mix: &[f64; NC], base: &[f64; NC]) -> f64 {
        let mut x = 1.0;
        let mut shortfall: f64 = 0.0;
        for c in 0..NC {
            x += mix[c] * self.s[p][c];
            if base[c] >= 0.01 {
                shortfall = shortfall.max((base[c] - mix[c]) / base[c]);
            }
        }
        x += shortfall * self.displaced;
        self.base_rate * x
    }
}

/// Utility changes (vs. a world where nothing was cut) by platform, category and courier.
pub struct Utility {
    pub delta: [[[f64; NC]; NK]; NP],
}

impl Utility {
    /// `extra_hours[c]`: how much slower courier c delivers now than in the baseline run.
    pub fn new(cfg: &Config, links: &Links, extra_hours: &[f64; NC]) -> Utility {
        let mut delta = [[[0.0; NC]; NK]; NP];
        for p in 0..NP {
            for k in 0..NK {
                let speed_weight = if k == 0 { 3.0 } else { 1.0 };
                for c in 0..NC {
                    let mut d = -cfg.beta_speed * speed_weight * extra_hours[c];
                    if !links.tracked(c, p, false) {
                        d -= cfg.beta_tracking;
                    }
                    if links.advice[p][c] {
                        d -= cfg.beta_advice;
                    }
                    delta[p][k][c] = d;
                }
            }
        }
        Utility { delta }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::LinkId;
    use crate::model::scenario;

    fn cfg() -> Config {
        Config::from_params(&scenario::builtin("baseline-2017").unwrap().params)
    }

    #[test]
    fn agents_add_up_to_the_calibrated_volumes() {
        let c = cfg();
        let m = Merchants::new(&c, 1);
        assert_eq!(m.len(), c.merchants);
        for p in 0..NP {
            for cour in 0..NC {
                let v: f64 = (0..2).map(|g| (0..NK).map(|k| m.agg[g][p][k][cour]).sum::<f64>()).sum();
                assert!((v - c.volume[p][cour]).abs() <= 1e-6 * c.volume[p][cour].max(1.0), "p{p} c{cour}: {v}");
            }
        }
        // fresh merchants lean on SF much more than apparel merchants
        assert!(m.type_mix[0][0][0] > 3.0 * m.type_mix[0][2][0]);
    }

    #[test]
    fn no_stress_means_no_switching() {
        let c = cfg();
        let mut m = Merchants::new(&c, 1);
        let links = Links::default();
        m.update_hazards(&c, &links);
        let u = Utility::new(&c, &links, &[0.0; NC]);
        let before = m.mix.clone();
        let switched: u32 = (0..24 * 60).map(|_| m.step(&c, &links, &u)).sum();
        assert_eq!(switched, 0);
        assert_eq!(before, m.mix);
    }

    #[test]
    fn delisting_moves_merchants_away_and_habit_keeps_part_of_it() {
        let c = cfg();
        let mut m = Merchants::new(&c, 1);
        let sf_tb = |m: &Merchants| (0..2).map(|g| (0..NK).map(|k| m.agg[g][0][k][0]).sum::<f64>()).sum::<f64>();
        let start = sf_tb(&m);
        let mut links = Links::default();
        links.set(LinkId::List(crate::model::ids::Platform::Taobao, crate::model::ids::Courier::Sf), false);
        m.update_hazards(&c, &links);
        let u = Utility::new(&c, &links, &[0.0; NC]);
        let most_sf = (0..m.len()).filter(|&i| m.platform[i] == 0).max_by(|&a, &b| m.mix[a][0].total_cmp(&m.mix[b][0])).unwrap();
        assert!(m.mix[most_sf][0] > 0.15, "{}", m.mix[most_sf][0]);
        let hazard_sf_merchant = m.hazard[most_sf];
        let calm = 1.0 / (c.review_days * 24.0);
        assert!(hazard_sf_merchant > 8.0 * calm, "stress speeds up reviews: {}", hazard_sf_merchant / calm);
        let switched: u32 = (0..48).map(|_| m.step(&c, &links, &u)).sum();
        assert!(switched > 0);
        let during = sf_tb(&m);
        assert!(during < 0.9 * start, "{during} vs {start}");
        // restore: calm again, merchants drift back only slowly
        let links = Links::default();
        m.update_hazards(&c, &links);
        let u = Utility::new(&c, &links, &[0.0; NC]);
        for _ in 0..72 {
            m.step(&c, &links, &u);
        }
        let after = sf_tb(&m);
        assert!(after < 0.97 * start && after >= during, "{after} {during} {start}");
    }

    #[test]
    fn target_is_the_base_mix_when_nothing_changed() {
        let base = [0.2, 0.3, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let t = target_mix(&base, &base, &Links::default(), 0, &[0.0; NC], 0.6).unwrap();
        for c in 0..NC {
            assert!((t[c] - base[c]).abs() < 1e-12);
        }
    }

    #[test]
    fn allocation_gives_every_live_type_an_agent() {
        let a = allocate(100, &[1000.0, 1.0, 0.0, 5.0]);
        assert_eq!(a.iter().sum::<usize>(), 100);
        assert!(a[1] >= 1 && a[2] == 0 && a[3] >= 1);
    }
}
