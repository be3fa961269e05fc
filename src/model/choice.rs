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
use super::rng::{hash_uniform, AgentStream};
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

/// Share of the agents each platform gets (fixed, so that a parameter of one platform never
/// changes how many agents another platform has: common random numbers).
pub const PLATFORM_AGENTS: [f64; NP] = [0.45, 0.25, 0.3];
/// Each platform's SF-primary and SF-secondary groups get at least this share of all agents
/// (1,000 of the default 10,000): the groups the app talks about are over-sampled.
pub const FOCUS_SHARE: f64 = 0.1;
/// The SF-primary Taobao merchants (the treated group of the app's headline effects) get this share.
pub const TREATED_SHARE: f64 = 0.2;
/// Fresh-produce sellers get at least this share of each group's agents.
pub const FRESH_SHARE: f64 = 0.25;
/// Spread (σ of the log) of merchant sizes within a stratum: heavy-tailed, log-normal.
const SIZE_SIGMA: f64 = 1.2;

#[derive(Clone, Debug)]
pub struct Merchants {
    pub platform: Vec<u8>,
    pub category: Vec<u8>,
    /// Parcels per day (at the start of the run).
    pub volume: Vec<f64>,
    /// The size of the merchants this agent stands for, relative to the average merchant (1).
    pub size: Vec<f64>,
    /// How many agents of a uniform sample this agent stands for (stratified agents: the
    /// over-sampled groups have weights below 1). Σ weight = number of agents.
    pub weight: Vec<f64>,
    pub primary: Vec<u8>,
    /// Secondary courier or `NONE`.
    pub secondary: Vec<u8>,
    /// The merchant noticed its secondary courier is not offered and ships everything with its
    /// primary until it is offered again.
    pub secondary_paused: Vec<bool>,
    /// The merchant noticed its primary courier is not offered and routes every parcel through its
    /// secondary until the primary is offered again (weathering an outage).
    pub primary_paused: Vec<bool>,
    /// The courier this merchant left because of a problem (`NONE` if none): its account still
    /// exists, so returning costs `return_cost_share` of a switch and needs no onboarding.
    pub displaced_from: Vec<u8>,
    /// Reviews sooner while `displaced_from` is offered, until it returns or decides to stay.
    pub watching: Vec<bool>,
    /// A new courier being set up (account, e-waybills) or `NONE`, and when it is ready.
    pub pending: Vec<u8>,
    onboarding: BinaryHeap<Reverse<(u64, u32)>>,
    /// Hour (agents' clock) at which the current primary began (habit grows with this tenure).
    since: Vec<f64>,
    /// Group at the start of the run (see `NG`).
    pub group: Vec<u8>,
    pub start_primary: Vec<u8>,
    /// Has the merchant changed its primary courier since the run started?
    pub switched: Vec<bool>,
    /// Σ weight of the agents that have changed their primary (merchants, as uniform agents).
    pub switched_weight: f64,
    /// Σ weight of the SF-primary Taobao agents (at the start), and of those on another primary now.
    pub reliant_weight: f64,
    pub reliant_away: f64,
    /// Review scheduling: merchants in the same hazard class share a cumulative hazard; a
    /// merchant reviews when its class's cumulative hazard passes its threshold.
    thresh: Vec<f64>,
    class: Vec<u32>,
    cum: Vec<f64>,
    heaps: Vec<BinaryHeap<Reverse<(u64, u32)>>>,
    active: Vec<u32>,
    is_active: Vec<bool>,
    rng: Vec<AgentStream>,
    /// Each agent's key: its stratum and rank, so its draws do not depend on other strata.
    key: Vec<u64>,
    /// The agent's current utility shocks (Gumbel), renewed when its circumstances change.
    eps: Vec<[f64; NC]>,
    renewals: Vec<u32>,
    renew: BinaryHeap<Reverse<(u64, u32)>>,
    /// Systematic utility of each courier by platform and category: solved so that the
    /// merchants' choices, with switching costs, have the calibrated shares as their equilibrium.
    pub v: [[[f64; NC]; NK]; NP],
    /// Hour (agents' clock) since which a courier has had a problem on a platform (not listed,
    /// advised against, or looking worse than normal to merchants); NaN if none.
    outage_since: [[f64; NC]; NP],
    /// The listing the agents last acted on (operations follow a change at once).
    listed: [[bool; NC]; NP],
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

/// Systematic utilities whose equilibrium reproduces the shares `pi` when a merchant, at each
/// fresh look, picks the best courier by utility + Gumbel shock and pays `inertia` (switching
/// cost + habit) to leave its current one. Detailed balance gives the stationary shares
/// π_i ∝ x_i (x_i (1 − q) + q) with x = e^V (Σ x = 1) and q = e^(−inertia); solved exactly for x.
pub fn equilibrium_utilities(pi: &[f64; NC], inertia: f64) -> [f64; NC] {
    let q = libm::exp(-inertia);
    let mut out = [f64::NEG_INFINITY; NC];
    if pi.iter().all(|&x| x <= 0.0) {
        return out;
    }
    let x_of = |lam: f64, p: f64| -> f64 {
        if 1.0 - q < 1e-12 {
            lam * p
        } else {
            (-q + libm::sqrt(q * q + 4.0 * (1.0 - q) * lam * p)) / (2.0 * (1.0 - q))
        }
    };
    let (mut lo, mut hi) = (0.0, 1.0);
    while pi.iter().map(|&p| x_of(hi, p)).sum::<f64>() < 1.0 {
        hi *= 2.0;
    }
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if pi.iter().map(|&p| x_of(mid, p)).sum::<f64>() < 1.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    for c in 0..NC {
        if pi[c] > 0.0 {
            out[c] = libm::log(x_of(hi, pi[c]));
        }
    }
    out
}

/// How many agents each stratum gets: proportional to its weight, at least one each live one.
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

/// Inverse of the standard normal distribution (Acklam's rational approximation, |error| < 1.2e-9).
fn norm_inv(p: f64) -> f64 {
    const A: [f64; 6] =
        [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
    const B: [f64; 5] = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] =
        [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail(libm::sqrt(-2.0 * libm::log(p)))
    } else if p > 1.0 - 0.02425 {
        -tail(libm::sqrt(-2.0 * libm::log(1.0 - p)))
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

fn encode(p: usize, prim: u8, sec: u8, prev: u8) -> u32 {
    (((p * NC1 + prim as usize) * NC1 + sec as usize) * NC1 + prev as usize) as u32
}

fn decode(cls: u32) -> (usize, usize, usize, usize) {
    let x = cls as usize;
    (x / (NC1 * NC1 * NC1), (x / (NC1 * NC1)) % NC1, (x / NC1) % NC1, x % NC1)
}

/// A Gumbel draw from a uniform in (0, 1).
#[inline]
fn gumbel(u: f64) -> f64 {
    -libm::log(-libm::log(u))
}

/// An agent's key: platform, group, category, primary courier and rank in its stratum.
fn agent_key(p: usize, g: usize, k: usize, c: usize, j: usize) -> u64 {
    (((((p * 4 + g) * 4 + k) * 16 + c) as u64) << 24) | j as u64
}

/// A uniform draw that depends only on the seed, the agent's key and a slot.
#[inline]
fn draw(seed: u64, key: u64, slot: u64) -> f64 {
    hash_uniform(seed, key.wrapping_mul(0x100) ^ slot)
}

/// The draws of an agent's `n`-th renewal (slots above 0x1000).
#[inline]
fn renewal_draw(seed: u64, key: u64, n: u32, slot: u64) -> f64 {
    hash_uniform(seed ^ 0x5EED_0F2E_4E0A_1000, key.wrapping_mul(0x1_0000) ^ ((n as u64) << 5) ^ slot)
}

/// The courier among `cands` (weights `pi`) that a uniform `u` picks (inverse of the cumulative).
fn pick(pi: &[f64; NC], skip: &[usize], u: f64) -> u8 {
    let total: f64 = (0..NC).filter(|c| !skip.contains(c)).map(|c| pi[c]).sum();
    if total <= 0.0 {
        return NONE;
    }
    let mut acc = 0.0;
    let mut last = NONE;
    for c in 0..NC {
        if skip.contains(&c) || pi[c] <= 0.0 {
            continue;
        }
        acc += pi[c] / total;
        last = c as u8;
        if u < acc {
            return c as u8;
        }
    }
    last
}

impl Merchants {
    #[inline(never)]
    pub fn new(cfg: &Config, seed: u64) -> Merchants {
        let sf = Courier::Sf.idx();
        let h = if cfg.secondary_share > 0.0 { cfg.secondary_prob } else { 0.0 };
        let inertia = cfg.switch_cost + cfg.habit;
        let mut type_mix = [[[0.0; NC]; NK]; NP];
        let mut v = [[[f64::NEG_INFINITY; NC]; NK]; NP];
        for p in 0..NP {
            type_mix[p] = fit_type_mix(cfg, p);
            for k in 0..NK {
                v[p][k] = equilibrium_utilities(&type_mix[p][k], inertia);
            }
        }
        let total_volume = cfg.total_daily();
        let n_all = cfg.merchants;
        let mut m = Merchants {
            platform: Vec::with_capacity(n_all),
            category: Vec::with_capacity(n_all),
            volume: Vec::with_capacity(n_all),
            weight: Vec::with_capacity(n_all),
            size: Vec::with_capacity(n_all),
            primary: Vec::with_capacity(n_all),
            secondary: Vec::with_capacity(n_all),
            secondary_paused: Vec::new(),
            primary_paused: Vec::new(),
            displaced_from: Vec::new(),
            watching: Vec::new(),
            pending: Vec::new(),
            onboarding: BinaryHeap::new(),
            since: Vec::new(),
            group: Vec::with_capacity(n_all),
            start_primary: Vec::new(),
            switched: Vec::new(),
            switched_weight: 0.0,
            reliant_weight: 0.0,
            reliant_away: 0.0,
            thresh: Vec::with_capacity(n_all),
            class: Vec::with_capacity(n_all),
            cum: vec![0.0; N_CLASSES],
            heaps: vec![BinaryHeap::new(); N_CLASSES],
            active: Vec::new(),
            is_active: vec![false; N_CLASSES],
            rng: Vec::with_capacity(n_all),
            key: Vec::with_capacity(n_all),
            eps: Vec::with_capacity(n_all),
            renewals: Vec::new(),
            renew: BinaryHeap::new(),
            v,
            outage_since: [[f64::NAN; NC]; NP],
            listed: [[true; NC]; NP],
            seed,
            now: 0.0,
            agg: [[[[0.0; NC]; NK]; NP]; NG],
            type_mix,
            secondary_share: cfg.secondary_share,
        };
        // platform budgets are fixed shares of the agents (the last takes the remainder)
        let mut budgets = [0usize; NP];
        let mut left = n_all;
        for p in 0..NP {
            budgets[p] = if p + 1 == NP { left } else { libm::round(n_all as f64 * PLATFORM_AGENTS[p]) as usize };
            left -= budgets[p];
        }
        let focus = libm::round(n_all as f64 * FOCUS_SHARE) as usize;
        for p in 0..NP {
            let daily = cfg.platform_daily(p);
            if daily <= 0.0 {
                continue;
            }
            // population share (by volume) of each stratum: group, category, primary
            let mut frac = [[[0.0; NC]; NK]; NG];
            for k in 0..NK {
                let pi = &m.type_mix[p][k];
                let psf = pi[sf];
                frac[G_SF_PRIMARY][k][sf] = psf;
                for c in 0..NC {
                    if c == sf || pi[c] <= 0.0 {
                        continue;
                    }
                    let sec_sf = if psf > 0.0 && pi[c] < 1.0 { h * psf / (1.0 - pi[c]) } else { 0.0 };
                    frac[G_SF_SECONDARY][k][c] = pi[c] * sec_sf;
                    frac[G_NO_SF][k][c] = pi[c] * (1.0 - sec_sf);
                }
            }
            let gw: Vec<f64> = (0..NG).map(|g| (0..NK).map(|k| cfg.cat_share[k] * frac[g][k].iter().sum::<f64>()).sum()).collect();
            let mut gn = [0usize; NG];
            // the over-sampled groups leave at least a fifth of the platform's agents to the rest
            let cap = budgets[p] * 2 / 5;
            for g in [G_SF_PRIMARY, G_SF_SECONDARY] {
                if gw[g] > 0.0 {
                    let prop = libm::round(budgets[p] as f64 * gw[g]) as usize;
                    let floor = if p == 0 && g == G_SF_PRIMARY { libm::round(n_all as f64 * TREATED_SHARE) as usize } else { focus };
                    gn[g] = prop.max(floor).min(cap);
                }
            }
            gn[G_NO_SF] = budgets[p].saturating_sub(gn[G_SF_PRIMARY] + gn[G_SF_SECONDARY]);
            for g in 0..NG {
                if gw[g] <= 0.0 || gn[g] == 0 {
                    continue;
                }
                // categories by volume, fresh produce at least FRESH_SHARE of the group
                let cw: Vec<f64> = (0..NK).map(|k| cfg.cat_share[k] * frac[g][k].iter().sum::<f64>()).collect();
                let fresh_n = if cw[0] > 0.0 {
                    (libm::round(gn[g] as f64 * FRESH_SHARE) as usize).max(libm::round(gn[g] as f64 * cw[0] / gw[g]) as usize)
                } else {
                    0
                };
                let mut kn = allocate(gn[g].saturating_sub(fresh_n), &[0.0, cw[1], cw[2], cw[3]]);
                kn[0] = if cw[0] > 0.0 { fresh_n.max(1) } else { 0 };
                for k in 0..NK {
                    if kn[k] == 0 {
                        continue;
                    }
                    let cn = allocate(kn[k], &frac[g][k]);
                    for c in 0..NC {
                        if cn[c] > 0 {
                            m.add_stratum(cfg, (p, g, k, c), cn[c], daily * cfg.cat_share[k] * frac[g][k][c], total_volume, h);
                        }
                    }
                }
            }
        }
        let n = m.len();
        m.fit_volumes(cfg);
        m.secondary_paused = vec![false; n];
        m.primary_paused = vec![false; n];
        m.displaced_from = vec![NONE; n];
        m.watching = vec![false; n];
        m.pending = vec![NONE; n];
        m.since = vec![f64::NEG_INFINITY; n];
        m.switched = vec![false; n];
        m.renewals = vec![0; n];
        for i in 0..n {
            let mut a = AgentStream::new(seed, m.key[i]);
            m.thresh.push(a.exp1() + 1e-12);
            m.rng.push(a);
            let cls = m.class_of(i);
            m.class.push(cls);
            m.heaps[cls as usize].push(Reverse((m.thresh[i].to_bits(), i as u32)));
            m.activate(cls);
            let first = m.renewal_gap(cfg, i);
            m.renew.push(Reverse((first.to_bits(), i as u32)));
        }
        m.start_primary = m.primary.clone();
        m.reliant_weight = (0..n).filter(|&i| m.is_reliant(i)).map(|i| m.weight[i]).sum();
        m.rebuild_agg();
        m
    }

    /// Was agent `i` an SF-primary Taobao merchant at the start (the treated group)?
    #[inline]
    pub fn is_reliant(&self, i: usize) -> bool {
        self.platform[i] == 0 && self.group[i] as usize == G_SF_PRIMARY
    }

    /// Share of the SF-primary Taobao merchants (weighted) on another primary courier now.
    pub fn reliant_away_share(&self) -> f64 {
        if self.reliant_weight > 0.0 {
            self.reliant_away / self.reliant_weight
        } else {
            0.0
        }
    }

    /// Add `n` agents of one stratum (platform, group, category, primary courier) standing for
    /// `volume` parcels a day: sizes at the quantiles of a log-normal, secondary couriers spread
    /// evenly over the sizes, utility shocks drawn given that the primary is the merchant's choice.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn add_stratum(&mut self, cfg: &Config, (p, g, k, c): (usize, usize, usize, usize), n: usize, volume: f64, total: f64, h: f64) {
        let (sf, seed) = (Courier::Sf.idx(), self.seed);
        let pi = self.type_mix[p][k];
        // merchant sizes are log-normal (σ = SIZE_SIGMA, mean 1); each agent carries an equal share of
        // the stratum's parcels and stands for as many merchants as that share needs at its size:
        // sizes at the quantiles of the size-biased distribution (log-normal with mean log σ²), so
        // that a few large merchants do not decide a group's outcome (the seed spread)
        let sizes: Vec<f64> =
            (0..n).map(|j| libm::exp(SIZE_SIGMA * SIZE_SIGMA + SIZE_SIGMA * norm_inv((j as f64 + 0.5) / n as f64))).collect();
        let inv: f64 = sizes.iter().map(|x| 1.0 / x).sum();
        // the share of this stratum's merchants that have a secondary courier (SF-secondary: all)
        let has = match g {
            G_SF_PRIMARY => h,
            G_SF_SECONDARY => 1.0,
            _ => {
                let s = if pi[sf] > 0.0 && pi[c] < 1.0 { h * pi[sf] / (1.0 - pi[c]) } else { 0.0 };
                if s < 1.0 {
                    (h - s).max(0.0) / (1.0 - s)
                } else {
                    0.0
                }
            }
        };
        let offset = draw(seed, agent_key(p, g, k, c, 0xFF_FFFF), 0);
        let stratum_weight = volume / total * cfg.merchants as f64;
        let inertia = cfg.switch_cost + cfg.habit;
        let vv = self.v[p][k];
        let mut wj = [f64::NEG_INFINITY; NC];
        for x in 0..NC {
            if pi[x] > 0.0 {
                wj[x] = if x == c { vv[x] } else { vv[x] - inertia };
            }
        }
        let mx = wj.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let lse = mx + libm::log((0..NC).filter(|&x| pi[x] > 0.0).map(|x| libm::exp(wj[x] - mx)).sum::<f64>());
        for (j, size) in sizes.into_iter().enumerate() {
            let key = agent_key(p, g, k, c, j);
            self.platform.push(p as u8);
            self.category.push(k as u8);
            self.volume.push(volume / n as f64);
            self.weight.push(stratum_weight / size / inv);
            self.size.push(size);
            self.group.push(g as u8);
            self.key.push(key);
            self.primary.push(c as u8);
            let with = libm::floor((j + 1) as f64 * has + offset) - libm::floor(j as f64 * has + offset) >= 1.0;
            let sec = match g {
                G_SF_SECONDARY => sf as u8,
                _ if with => {
                    let skip: &[usize] = if g == G_NO_SF { &[c, sf] } else { &[c] };
                    pick(&pi, skip, draw(seed, key, 10))
                }
                _ => NONE,
            };
            self.secondary.push(sec);
            // shocks given that `c` is chosen by a merchant already using it (inertia for the others):
            // the maximum is Gumbel at the log-sum, the others Gumbel truncated below it
            let top = lse + gumbel(draw(seed, key, 0));
            let mut e = [0.0; NC];
            for x in 0..NC {
                if pi[x] <= 0.0 {
                    continue;
                }
                e[x] = if x == c { top - wj[x] } else { -libm::log(libm::exp(wj[x] - top) - libm::log(draw(seed, key, 1 + x as u64))) };
            }
            self.eps.push(e);
        }
    }

    /// Hours until an agent's next renewal (a fresh look at every courier: new products, a new
    /// warehouse, a price offer), exponential with mean `taste_days`.
    fn renewal_gap(&self, cfg: &Config, i: usize) -> f64 {
        let u = renewal_draw(self.seed, self.key[i], self.renewals[i], 0x1F);
        self.now - libm::log(u) * cfg.taste_days * 24.0
    }

    /// Scale the agents' volumes so that every platform's courier volumes and category volumes
    /// match the calibration (iterative proportional fitting over the agents).
    fn fit_volumes(&mut self, cfg: &Config) {
        let n = self.len();
        for _ in 0..40 {
            let mut worst: f64 = 0.0;
            let mut real = [[0.0; NC]; NP];
            for i in 0..n {
                let (a, b) = (self.primary[i] as usize, self.secondary[i] as usize);
                let p = self.platform[i] as usize;
                if b < NC {
                    real[p][a] += self.volume[i] * (1.0 - self.secondary_share);
                    real[p][b] += self.volume[i] * self.secondary_share;
                } else {
                    real[p][a] += self.volume[i];
                }
            }
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
            let mut cat = [[0.0; NK]; NP];
            for i in 0..n {
                cat[self.platform[i] as usize][self.category[i] as usize] += self.volume[i];
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

    /// Merchant `i`'s current utility for courier `c` before penalties, habit and costs
    /// (−∞ if merchants of its type never use it).
    #[inline]
    pub fn taste(&self, i: usize, c: usize) -> f64 {
        self.v[self.platform[i] as usize][self.category[i] as usize][c] + self.eps[i][c]
    }

    /// The couriers a merchant ships with and their shares of its parcels.
    #[inline]
    pub fn shares(&self, i: usize) -> [(usize, f64); 2] {
        let (a, b) = (self.primary[i] as usize, self.secondary[i] as usize);
        if b < NC && !self.secondary_paused[i] {
            if self.primary_paused[i] {
                [(b, 1.0), (b, 0.0)]
            } else {
                [(a, 1.0 - self.secondary_share), (b, self.secondary_share)]
            }
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

    /// The courier a merchant watches to come back (its paused primary, or the one it left).
    fn watched(&self, i: usize) -> u8 {
        if self.primary_paused[i] {
            self.primary[i]
        } else if self.watching[i] {
            self.displaced_from[i]
        } else {
            NONE
        }
    }

    fn class_of(&self, i: usize) -> u32 {
        let sec = if self.secondary_paused[i] { NONE } else { self.secondary[i] };
        encode(self.platform[i] as usize, self.primary[i], sec, self.watched(i))
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
        if prev < NC && links.list[p][prev] {
            x += cfg.boost_displaced - 1.0;
        }
        x / (cfg.review_days * 24.0)
    }

    /// Expected days until courier `c`'s problem on platform `p` (not offered, advised against,
    /// or looking worse than normal) is over, as merchants judge it: a heavy-tailed (Lomax, shape 2)
    /// length whose expected remainder is its scale (`outage_expect_days`) plus its age, shortened by
    /// `talks_factor` while a regulator or the parties talk of a settlement; 0 without a problem,
    /// and 0 once every link is up again (the end of a dispute is news: lingering signals fade).
    pub fn expected_outage_days(&self, cfg: &Config, links: &Links, p: usize, c: usize) -> f64 {
        let since = self.outage_since[p][c];
        if since.is_nan() || links.all_clear() {
            return 0.0; // no problem, or the dispute is over (public news): what lingers fades
        }
        let age = (self.now - since) / 24.0;
        let talks = if links.talks { cfg.talks_factor } else { 1.0 };
        talks * (cfg.outage_expect_days + age)
    }

    /// Advance the agents by one hour: finished onboardings, renewals, and every merchant whose
    /// review falls in the hour. Returns the number of merchants that changed their primary.
    pub fn step(&mut self, cfg: &Config, links: &Links, perc: &Perceived) -> u32 {
        for p in 0..NP {
            for c in 0..NC {
                let worse = (0..NK).any(|k| perc.penalty[p][k][c] > SETTLED);
                let down = !links.list[p][c] || links.advice[p][c] || worse;
                if down && self.outage_since[p][c].is_nan() {
                    self.outage_since[p][c] = self.now;
                } else if !down {
                    self.outage_since[p][c] = f64::NAN;
                }
            }
        }
        if links.list != self.listed {
            self.listed = links.list;
            for i in 0..self.len() {
                self.operate(i, links);
                self.reschedule(i);
            }
        }
        let mut switched = 0;
        let end = self.now + 1.0;
        while let Some(&Reverse((bits, i))) = self.onboarding.peek() {
            if f64::from_bits(bits) >= end {
                break;
            }
            self.onboarding.pop();
            if self.finish_onboarding(i as usize, cfg, links, perc) {
                switched += 1;
            }
            self.reschedule(i as usize);
        }
        while let Some(&Reverse((bits, i))) = self.renew.peek() {
            if f64::from_bits(bits) >= end {
                break;
            }
            self.renew.pop();
            let i = i as usize;
            self.renewals[i] += 1;
            let n = self.renewals[i];
            let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
            for c in 0..NC {
                if self.type_mix[p][k][c] > 0.0 {
                    self.eps[i][c] = gumbel(renewal_draw(self.seed, self.key[i], n, c as u64));
                }
            }
            // circumstances changed: an old account is no longer a reason to come back
            if !self.watching[i] {
                self.displaced_from[i] = NONE;
            }
            if self.review(i, cfg, links, perc) {
                switched += 1;
            }
            self.reschedule(i);
            let next = self.renewal_gap(cfg, i).max(end);
            self.renew.push(Reverse((next.to_bits(), i as u32)));
        }
        for j in 0..self.active.len() {
            let cls = self.active[j];
            self.cum[cls as usize] += self.rate(cls, cfg, links, perc);
        }
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
        self.now = end;
        switched
    }

    /// After a change outside the review loop: put the merchant in its (possibly new) class.
    fn reschedule(&mut self, i: usize) {
        let nc = self.class_of(i);
        if nc != self.class[i] {
            self.class[i] = nc;
            let th = self.cum[nc as usize] + self.rng[i].exp1() + 1e-12;
            self.thresh[i] = th;
            self.heaps[nc as usize].push(Reverse((th.to_bits(), i as u32)));
            self.activate(nc);
        }
    }

    /// Habit bonus of merchant `i` for its current primary.
    fn habit(&self, i: usize, cfg: &Config) -> f64 {
        if cfg.habit == 0.0 || self.since[i] == f64::NEG_INFINITY {
            return cfg.habit;
        }
        let tenure_days = (self.now - self.since[i]) / 24.0;
        cfg.habit * (1.0 - libm::exp(-tenure_days / cfg.habit_days))
    }

    /// Share of the merchant's buyers lost while its primary is not offered and it keeps it: none
    /// when its parcels go through its secondary, else the buyers who take no other courier.
    fn at_risk(&self, i: usize, cfg: &Config) -> f64 {
        if self.primary_paused[i] {
            0.0
        } else {
            1.0 - cfg.other_courier[self.category[i] as usize]
        }
    }

    /// Days before courier `c` can carry the merchant's parcels: none for a courier it has an
    /// account with (its secondary, or one it left), else the onboarding time.
    fn delay_days(&self, i: usize, c: usize, cfg: &Config) -> f64 {
        if c as u8 == self.secondary[i] || c as u8 == self.displaced_from[i] {
            0.0
        } else {
            cfg.onboard_h / 24.0
        }
    }

    /// One review: returns true if the merchant changed its primary courier.
    pub fn review(&mut self, i: usize, cfg: &Config, links: &Links, perc: &Perceived) -> bool {
        let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
        let a = self.primary[i] as usize;
        self.operate(i, links);
        if self.pending[i] != NONE {
            return false; // a new courier is being set up
        }
        let best = self.choose(i, cfg, links, perc, true);
        if best == NC {
            return false;
        }
        if best == a {
            let prev = self.displaced_from[i] as usize;
            if self.watching[i] && prev < NC && links.list[p][prev] && perc.penalty[p][k][prev].abs() < SETTLED {
                self.watching[i] = false; // it looked again and decided to stay
            }
            return false;
        }
        let delay = self.delay_days(i, best, cfg) * 24.0;
        if delay > 0.0 {
            self.pending[i] = best as u8;
            let ready = self.now + delay;
            self.onboarding.push(Reverse((ready.to_bits(), i as u32)));
            return false;
        }
        self.switch_to(i, best, links, perc);
        true
    }

    /// Operations, the moment the merchant's shipping options change: a secondary that is not
    /// offered gets nothing; a primary that is not offered sends its parcels through the
    /// secondary, if that one is offered.
    fn operate(&mut self, i: usize, links: &Links) {
        let p = self.platform[i] as usize;
        let a = self.primary[i] as usize;
        let b = self.secondary[i];
        let sec_paused = b != NONE && !links.list[p][b as usize];
        let prim_paused = b != NONE && !sec_paused && !links.list[p][a];
        if sec_paused != self.secondary_paused[i] || prim_paused != self.primary_paused[i] {
            self.add_to_agg(i, -1.0);
            self.secondary_paused[i] = sec_paused;
            self.primary_paused[i] = prim_paused;
            self.add_to_agg(i, 1.0);
        }
    }

    /// The courier with the highest utility for merchant `i` (its current primary included, even
    /// when not offered: it may wait). A problem's penalty is a utility at the length of a typical
    /// outage (`outage_expect_days`), weighed by the length the merchant now expects; changing to a
    /// courier that must be set up first leaves the merchant with its current problems meanwhile.
    /// `costs`: whether changing still costs anything (false once the new courier is set up).
    #[inline(never)]
    fn choose(&mut self, i: usize, cfg: &Config, links: &Links, perc: &Perceived, costs: bool) -> usize {
        let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
        let a = self.primary[i] as usize;
        let habit = self.habit(i, cfg);
        let sigma = cfg.perception_noise;
        let reference = cfg.outage_expect_days;
        let target = self.pending[i] as usize;
        // the current primary's problem: what it costs per typical outage, and how long it may last
        // each merchant misjudges a change by its own factor, drawn once a review (a change too
        // small to matter, under 0.001 utility, is not worth drawing for)
        let worse = |c: usize| perc.penalty[p][k][c] >= 1e-3;
        let misjudge = if sigma > 0.0 && (0..NC).any(worse) { libm::exp(sigma * self.rng[i].normal() - 0.5 * sigma * sigma) } else { 1.0 };
        let mut flow_a = perc.penalty[p][k][a].max(0.0);
        if flow_a >= 1e-3 {
            flow_a *= misjudge;
        }
        if !links.list[p][a] {
            flow_a += cfg.beta_outage * reference * self.at_risk(i, cfg);
        }
        let days_a = self.expected_outage_days(cfg, links, p, a);
        let (mut best, mut best_u) = (NC, f64::NEG_INFINITY);
        for c in 0..NC {
            if self.type_mix[p][k][c] <= 0.0 || (c != a && !links.list[p][c]) || (!costs && c != a && c != target) {
                continue;
            }
            let mut u = self.taste(i, c);
            if c == a {
                u += habit - flow_a * days_a / reference;
            } else {
                let flow = perc.penalty[p][k][c].max(0.0);
                if flow >= 1e-3 {
                    let flow = flow * misjudge;
                    u -= flow * self.expected_outage_days(cfg, links, p, c) / reference;
                }
                if costs {
                    u -= if c as u8 == self.displaced_from[i] { cfg.return_cost_share * cfg.switch_cost } else { cfg.switch_cost };
                    u -= flow_a * days_a.min(self.delay_days(i, c, cfg)) / reference;
                }
            }
            if u > best_u {
                best_u = u;
                best = c;
            }
        }
        best
    }

    /// The new courier is set up: the merchant moves to it unless, with the cost now sunk, its
    /// current primary looks better again (the outage ended meanwhile).
    fn finish_onboarding(&mut self, i: usize, cfg: &Config, links: &Links, perc: &Perceived) -> bool {
        let target = self.pending[i] as usize;
        if target >= NC {
            return false;
        }
        let p = self.platform[i] as usize;
        let best = if links.list[p][target] { self.choose(i, cfg, links, perc, false) } else { self.primary[i] as usize };
        self.pending[i] = NONE;
        if best == target {
            self.switch_to(i, target, links, perc);
            true
        } else {
            false
        }
    }

    fn switch_to(&mut self, i: usize, best: usize, links: &Links, perc: &Perceived) {
        let (p, k) = (self.platform[i] as usize, self.category[i] as usize);
        let a = self.primary[i] as usize;
        self.add_to_agg(i, -1.0);
        let old = a as u8;
        self.primary[i] = best as u8;
        self.since[i] = self.now;
        self.primary_paused[i] = false;
        if self.secondary[i] == best as u8 {
            self.secondary[i] = old;
            self.secondary_paused[i] = !links.list[p][a];
        }
        // a merchant that left a courier because of a problem (delisted, or looking worse than
        // normal) keeps its account, watches it and reviews sooner while it is offered
        let problem = !links.list[p][a] || perc.penalty[p][k][a] > SETTLED;
        if self.displaced_from[i] == best as u8 {
            self.displaced_from[i] = NONE; // back home
            self.watching[i] = false;
        } else if problem {
            self.displaced_from[i] = old;
            self.watching[i] = true;
        }
        self.add_to_agg(i, 1.0);
        if self.is_reliant(i) {
            let sf = Courier::Sf.idx();
            let was = (a != sf) as u8 as f64;
            let is = (best != sf) as u8 as f64;
            self.reliant_away += (is - was) * self.weight[i];
        }
        if !self.switched[i] {
            self.switched[i] = true;
            self.switched_weight += self.weight[i];
        }
    }

    /// Daily volume by group, platform and category at the start (for the control group's weights).
    pub fn group_volume(&self) -> [[[f64; NK]; NP]; NG] {
        let mut v = [[[0.0; NK]; NP]; NG];
        for i in 0..self.len() {
            v[self.group[i] as usize][self.platform[i] as usize][self.category[i] as usize] += self.volume[i];
        }
        v
    }

    /// Agents in each group and platform.
    pub fn group_agents(&self) -> [[usize; NP]; NG] {
        let mut n = [[0; NP]; NG];
        for i in 0..self.len() {
            n[self.group[i] as usize][self.platform[i] as usize] += 1;
        }
        n
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
    fn the_groups_the_app_talks_about_have_a_thousand_agents_each_and_weights_keep_the_totals() {
        let c = cfg();
        let m = Merchants::new(&c, 1);
        let n = m.group_agents();
        for p in 0..NP {
            assert!(n[G_SF_PRIMARY][p] >= 1000 && n[G_SF_SECONDARY][p] >= 800, "platform {p}: {n:?}");
        }
        let fresh = (0..m.len()).filter(|&i| m.category[i] == 0).count();
        assert!(fresh >= 1000, "{fresh} fresh-produce agents");
        let w: f64 = m.weight.iter().sum();
        assert!((w - m.len() as f64).abs() < 1e-6 * w, "weights add up to the agents: {w}");
        // over-sampled agents stand for fewer merchants
        let mean_w = |g: u8| {
            let ix: Vec<usize> = (0..m.len()).filter(|&i| m.platform[i] == 0 && m.group[i] == g).collect();
            ix.iter().map(|&i| m.weight[i]).sum::<f64>() / ix.len() as f64
        };
        assert!(mean_w(G_SF_PRIMARY as u8) < 0.5 * mean_w(G_NO_SF as u8));
        let reliant: Vec<usize> = (0..m.len()).filter(|&i| m.platform[i] == 0 && m.group[i] as usize == G_SF_PRIMARY).collect();
        for &i in &reliant {
            let sf: f64 = m.shares(i).iter().filter(|x| x.0 == 0).map(|x| x.1).sum();
            assert!(sf >= 1.0 - c.secondary_share - 1e-12, "an SF-reliant merchant ships most parcels with SF");
        }
        // the secondary couriers are spread evenly: about secondary_prob of the SF-primary agents have one
        let with = reliant.iter().filter(|&&i| m.secondary[i] != NONE).count() as f64 / reliant.len() as f64;
        assert!((with - c.secondary_prob).abs() < 0.02, "{with}");
    }

    #[test]
    fn a_parameter_of_one_platform_leaves_the_agents_of_the_others_unchanged() {
        let c = cfg();
        let mut d = c.clone();
        d.volume[Platform::Jd.idx()][Courier::Sto.idx()] *= 2.0;
        let (a, b) = (Merchants::new(&c, 7), Merchants::new(&d, 7));
        let tb = |m: &Merchants| -> Vec<(u8, u8, u64)> {
            (0..m.len()).filter(|&i| m.platform[i] == 0).map(|i| (m.primary[i], m.secondary[i], m.eps[i][0].to_bits())).collect()
        };
        assert_eq!(tb(&a), tb(&b), "Taobao's agents, their couriers and their draws do not move");
    }

    #[test]
    fn calm_churn_is_small_and_shares_stay_at_their_equilibrium() {
        let c = cfg();
        let mut m = Merchants::new(&c, 1);
        let links = Links::default();
        let start = sf_tb(&m);
        let switched: u32 = (0..24 * 365).map(|_| m.step(&c, &links, &Perceived::default())).sum();
        let per_year = switched as f64 / m.len() as f64;
        assert!((0.05..0.3).contains(&per_year), "calm churn {per_year} a year");
        let end = sf_tb(&m);
        assert!((end / start - 1.0).abs() < 0.1, "SF's Taobao volume stays near its calibrated level: {end} vs {start}");
    }

    #[test]
    fn the_utilities_reproduce_the_shares_at_equilibrium() {
        let pi = [0.1, 0.3, 0.2, 0.15, 0.25, 0.0, 0.0, 0.0, 0.0];
        for inertia in [0.0, 1.0, 3.5] {
            let v = equilibrium_utilities(&pi, inertia);
            let q = libm::exp(-inertia);
            let x: Vec<f64> = v.iter().map(|u| libm::exp(*u)).collect();
            let st: Vec<f64> = x.iter().map(|x| x * (x * (1.0 - q) + q)).collect();
            let tot: f64 = st.iter().sum();
            for c in 0..NC {
                assert!((st[c] / tot - pi[c]).abs() < 1e-9, "{inertia} {c}");
            }
        }
    }

    fn delist_then_restore(c: &Config, hours: usize, after_days: usize) -> (f64, f64, Vec<f64>, Merchants) {
        let mut m = Merchants::new(c, 1);
        let start = sf_tb(&m);
        let mut links = Links::default();
        links.set(LinkId::List(Platform::Taobao, Courier::Sf), false);
        let calm = Perceived::default();
        for _ in 0..hours {
            m.step(c, &links, &calm);
        }
        let moved =
            (0..m.len()).filter(|&i| m.platform[i] == 0 && m.start_primary[i] == 0 && m.primary[i] != 0).map(|i| m.volume[i]).sum::<f64>();
        let links = Links::default();
        let mut after = Vec::new();
        for _ in 0..after_days {
            for _ in 0..24 {
                m.step(c, &links, &calm);
            }
            after.push(sf_tb(&m));
        }
        (start, moved, after, m)
    }

    #[test]
    fn merchants_weather_a_short_outage_and_flee_a_long_one() {
        let c = cfg();
        let (start, short, after, _) = delist_then_restore(&c, 42, 3);
        let (_, long, _, _) = delist_then_restore(&c, 24 * 30, 0);
        assert!(short < 0.1 * start, "after 42 h most SF-primary volume is still with SF: {short} of {start} moved");
        assert!(long > 3.0 * short.max(0.01 * start), "a month-long delisting moves far more: {long} vs {short}");
        assert!(after[2] > 0.9 * start, "three days after a short outage SF has its merchants back: {} vs {start}", after[2]);
        // with no onboarding time and a certain, long outage (no talks), more leave at once
        let mut quick = c.clone();
        quick.onboard_h = 0.0;
        quick.outage_expect_days = 30.0;
        let (_, fast, _, _) = delist_then_restore(&quick, 42, 0);
        assert!(fast > short, "{fast} vs {short}");
    }

    #[test]
    fn after_a_long_outage_shares_relax_back_no_frozen_ending() {
        let c = cfg();
        let (_, _, after, _) = delist_then_restore(&c, 24 * 30, 120);
        // the same agents with nothing cut (common random numbers: the same renewals)
        let mut twin = Merchants::new(&c, 1);
        let mut base = Vec::new();
        for h in 0..24 * (30 + 120) {
            twin.step(&c, &Links::default(), &Perceived::default());
            if h >= 24 * 30 && (h + 1) % 24 == 0 {
                base.push(sf_tb(&twin));
            }
        }
        let start = base[0];
        let gap = |d: usize| base[d] - after[d];
        assert!(gap(6) > 0.02 * start, "a month-long delisting leaves a gap: {}", gap(6));
        assert!(gap(119) < 0.95 * gap(6), "the gap decays over 120 days (at the calm churn): {} → {}", gap(6), gap(119));
    }

    #[test]
    fn merchants_route_around_a_delisted_courier_through_their_secondary_and_resume_when_it_is_back() {
        let c = cfg();
        let mut m = Merchants::new(&c, 1);
        let mut links = Links::default();
        links.set(LinkId::List(Platform::Taobao, Courier::Sf), false);
        for _ in 0..48 {
            m.step(&c, &links, &Perceived::default());
        }
        let with_sec: Vec<usize> = (0..m.len()).filter(|&i| m.platform[i] == 0 && m.primary[i] == 0 && m.secondary[i] != NONE).collect();
        let routed = with_sec.iter().filter(|&&i| m.primary_paused[i]).count();
        assert!(routed as f64 > 0.9 * with_sec.len() as f64, "{routed} of {}", with_sec.len());
        let sf_sec: Vec<usize> = (0..m.len()).filter(|&i| m.platform[i] == 0 && m.secondary[i] == 0).collect();
        assert!(sf_sec.iter().filter(|&&i| m.secondary_paused[i]).count() as f64 > 0.9 * sf_sec.len() as f64);
        let links = Links::default();
        for _ in 0..24 * 7 {
            m.step(&c, &links, &Perceived::default());
        }
        assert!(m.primary_paused.iter().all(|x| !x) && m.secondary_paused.iter().all(|x| !x), "every paused courier is back");
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
