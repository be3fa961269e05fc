//! "Why did this happen?": each headline effect of a run (run minus its baseline) attributed to
//! groups of mechanisms by Shapley values. A coalition's value is the effect with only its
//! mechanisms on (the others knocked out); a mechanism's part is its marginal contribution
//! averaged over every order in which the mechanisms could be switched on. The parts add up to
//! the effect (minus the effect with every mechanism off, which is 0 when the events are among
//! the mechanisms); negative parts stay negative. Exact over all 2^k coalitions when that is
//! affordable, else over sampled orders; averaged over seeds, with the spread across seeds.

use super::ids::{Courier, LinkId, Platform, N_COURIERS as NC};
use super::output::Frame;
use super::rng::Stream;
use super::run::{Run, RunSpec};
use super::scenario::Action;
use std::collections::BTreeMap;

/// A group of mechanisms and how to switch it off.
pub struct Knockout {
    /// Its name in words is `why.knockout.<id>` in the interface catalogue.
    pub id: &'static str,
    apply: fn(&mut RunSpec),
}

fn drop_events(s: &mut RunSpec, f: fn(&Action) -> bool) {
    s.scenario.events.retain(|e| !f(&e.action));
    s.extra.retain(|e| !f(&e.action));
}

fn set(s: &mut RunSpec, name: &str, v: f64) {
    s.set_param(name, v).expect("knock-out values are inside the documented ranges");
}

pub fn knockouts() -> Vec<Knockout> {
    vec![
        Knockout { id: "delisting", apply: |s| drop_events(s, |a| matches!(a, Action::Cut(LinkId::List(Platform::Taobao, Courier::Sf)))) },
        Knockout { id: "advice", apply: |s| drop_events(s, |a| matches!(a, Action::Advise(..))) },
        Knockout { id: "sf_tracking", apply: |s| drop_events(s, |a| matches!(a, Action::Cut(LinkId::Track(Courier::Sf)))) },
        Knockout { id: "locker_link", apply: |s| drop_events(s, |a| matches!(a, Action::Cut(LinkId::LockerHivebox))) },
        Knockout { id: "talks", apply: |s| drop_events(s, |a| matches!(a, Action::Talks)) },
        Knockout {
            id: "reactions",
            apply: |s| {
                set(s, "beta_service", 0.0);
                set(s, "review_boost.inquiries", 0.0);
                set(s, "beta_cash", 0.0);
                set(s, "review_boost.cash", 0.0);
            },
        },
        Knockout { id: "speed", apply: |s| set(s, "beta_speed", 0.0) },
        Knockout {
            id: "switching",
            apply: |s| {
                set(s, "switch_cost", 0.0);
                set(s, "habit", 0.0);
            },
        },
        Knockout { id: "onboarding", apply: |s| set(s, "onboard_h", 0.0) },
        Knockout {
            id: "capacity",
            apply: |s| {
                for c in Courier::ALL {
                    set(s, &format!("headroom.{}", c.id()), 5.0);
                }
            },
        },
        Knockout { id: "waiting_buyers", apply: |s| set(s, "buyers.defer", 0.0) },
    ]
}

/// A headline effect: a number computed from a finished run and its baseline.
pub struct Headline {
    /// Its name in words is `why.headline.<id>` in the interface catalogue.
    pub id: &'static str,
    pub unit: &'static str,
    get: fn(&Run) -> f64,
}

impl Headline {
    /// The effect in a finished run (with its baseline).
    pub fn of(&self, r: &Run) -> f64 {
        (self.get)(r)
    }
}

fn day_sum(f: &[Frame], day: usize, g: impl Fn(&Frame) -> f64) -> f64 {
    f.iter().skip(day * 24).take(24).map(g).sum()
}

fn rivals_day(f: &[Frame], day: usize) -> f64 {
    let (mut s, mut n) = (0.0, 0.0);
    for x in f.iter().skip(day * 24).take(24) {
        for c in 1..NC {
            s += x.transit_mean_c[c] * x.delivered_c(c);
            n += x.delivered_c(c);
        }
    }
    if n > 0.0 {
        s / n
    } else {
        0.0
    }
}

pub fn headlines() -> Vec<Headline> {
    vec![
        Headline {
            id: "sf_lasting_loss",
            unit: "M/day",
            get: |r| {
                let days = r.frames().len() / 24;
                if days == 0 {
                    return 0.0;
                }
                (day_sum(&r.baseline, days - 1, |x| x.shipped[0][0]) - day_sum(r.frames(), days - 1, |x| x.shipped[0][0])) / 1e6
            },
        },
        Headline {
            id: "merchants_moved",
            unit: "pp",
            get: |r| {
                let n = r.frames().len();
                match (r.frames().last(), r.baseline.get(n.max(1) - 1)) {
                    (Some(a), Some(b)) => a.sf_reliant_away - b.sf_reliant_away,
                    (Some(a), None) => a.sf_reliant_away,
                    _ => 0.0,
                }
            },
        },
        Headline {
            id: "sf_reliant_lost_orders",
            unit: "k",
            get: |r| {
                let n = r.frames().len();
                (r.frames().iter().map(|x| x.lost_sf_reliant).sum::<f64>()
                    - r.baseline.iter().take(n).map(|x| x.lost_sf_reliant).sum::<f64>())
                    / 1e3
            },
        },
        Headline {
            id: "rivals_slowdown",
            unit: "h",
            get: |r| {
                let days = r.frames().len() / 24;
                (0..days).map(|d| rivals_day(r.frames(), d) - rivals_day(&r.baseline, d)).fold(0.0, f64::max)
            },
        },
        Headline {
            id: "extra_spoilage",
            unit: "k",
            get: |r| {
                let n = r.frames().len();
                (r.frames().iter().map(|x| x.spoiled_fresh).sum::<f64>() - r.baseline.iter().take(n).map(|x| x.spoiled_fresh).sum::<f64>())
                    / 1e3
            },
        },
    ]
}

/// A mechanism group's part of one headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// The knock-out's id (`why.knockout.<id>` in the catalogue).
    pub id: &'static str,
    /// Mean Shapley value over the seeds.
    pub amount: f64,
    /// Smallest and largest over the seeds.
    pub lo: f64,
    pub hi: f64,
    /// `amount` / the effect (negative when the mechanism works against the effect).
    pub share: f64,
}

/// One headline's decomposition.
#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    /// The headline's id (`why.headline.<id>` in the catalogue).
    pub headline: &'static str,
    pub unit: &'static str,
    /// Mean effect over the seeds, and its smallest and largest.
    pub effect: f64,
    pub effect_lo: f64,
    pub effect_hi: f64,
    /// The effect with every mechanism group off (what the groups cannot explain; 0 when the
    /// events are among the groups).
    pub rest: f64,
    pub parts: Vec<Part>,
}

/// How the Shapley values are computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// Every coalition (2^k runs a seed).
    Exact,
    /// This many random orders a seed (k + 1 runs each, fewer with repeats), from a fixed seed.
    Sampled(usize),
}

/// Runs a decomposition may take before it samples instead of enumerating.
pub const EXACT_BUDGET: usize = 4096;

/// Exact where affordable (2^k × seeds ≤ `EXACT_BUDGET`), else as many sampled orders as fit.
pub fn method_for(k: usize, seeds: usize) -> Method {
    if (1usize << k) * seeds <= EXACT_BUDGET {
        Method::Exact
    } else {
        Method::Sampled((EXACT_BUDGET / (seeds * (k + 1))).max(8))
    }
}

/// The set-up with the knock-outs of `mask` applied (bit j set: group j switched off).
pub fn spec_for(spec: &RunSpec, groups: &[Knockout], mask: u32) -> RunSpec {
    let mut s = spec.clone();
    for (j, k) in groups.iter().enumerate() {
        if mask & (1 << j) != 0 {
            (k.apply)(&mut s);
        }
    }
    s
}

/// Every headline of a finished run.
pub fn values(r: &Run) -> Vec<f64> {
    headlines().iter().map(|h| h.of(r)).collect()
}

/// The orders (permutations of `k` groups) a sampled decomposition walks.
fn orders(k: usize, n: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = Stream::new(seed, 0x5A4B_0000);
    (0..n)
        .map(|_| {
            let mut p: Vec<usize> = (0..k).collect();
            for i in (1..k).rev() {
                let j = (rng.uniform() * (i + 1) as f64) as usize;
                p.swap(i, j.min(i));
            }
            p
        })
        .collect()
}

/// The coalitions (as knock-out masks) a method needs.
pub fn masks(k: usize, method: Method, seed: u64) -> Vec<u32> {
    let all = (1u32 << k) - 1;
    match method {
        Method::Exact => (0..=all).collect(),
        Method::Sampled(n) => {
            let mut need = BTreeMap::new();
            for p in orders(k, n, seed) {
                let mut on = 0u32;
                need.insert(all, ());
                for j in p {
                    on |= 1 << j;
                    need.insert(all & !on, ());
                }
            }
            need.into_keys().collect()
        }
    }
}

/// Shapley values of the `k` groups for each headline, from the value of every needed coalition
/// (`v[mask]`: headline values with the groups of `mask` off). Returns `[group][headline]`.
pub fn shapley(k: usize, method: Method, seed: u64, v: &BTreeMap<u32, Vec<f64>>) -> Vec<Vec<f64>> {
    let all = (1u32 << k) - 1;
    let nh = v.get(&all).map_or(0, |x| x.len());
    let mut out = vec![vec![0.0; nh]; k];
    let val = |on: u32| &v[&(all & !on)];
    match method {
        Method::Exact => {
            // weight of a coalition of size s without j: s! (k − s − 1)! / k!
            let mut fact = vec![1.0f64; k + 1];
            for i in 1..=k {
                fact[i] = fact[i - 1] * i as f64;
            }
            for on in 0..=all {
                let s = on.count_ones() as usize;
                for (j, row) in out.iter_mut().enumerate() {
                    if on & (1 << j) != 0 {
                        continue;
                    }
                    let w = fact[s] * fact[k - s - 1] / fact[k];
                    let (with, without) = (val(on | (1 << j)), val(on));
                    for h in 0..nh {
                        row[h] += w * (with[h] - without[h]);
                    }
                }
            }
        }
        Method::Sampled(n) => {
            let ps = orders(k, n, seed);
            for p in &ps {
                let mut on = 0u32;
                for &j in p {
                    let (before, after) = (val(on), val(on | (1 << j)));
                    for h in 0..nh {
                        out[j][h] += (after[h] - before[h]) / ps.len() as f64;
                    }
                    on |= 1 << j;
                }
            }
        }
    }
    out
}

/// The decomposition of `spec` over `seeds` (the scenario's seed and the next ones), computing
/// the runs with `eval` (which may spread them over threads; it must return values in order).
pub fn decompose_with(spec: &RunSpec, seeds: usize, method: Method, eval: &dyn Fn(Vec<RunSpec>) -> Vec<Vec<f64>>) -> Vec<Why> {
    decompose_groups(spec, &knockouts(), seeds, method, eval)
}

/// The same over a chosen list of mechanism groups (the others stay on).
pub fn decompose_groups(
    spec: &RunSpec,
    groups: &[Knockout],
    seeds: usize,
    method: Method,
    eval: &dyn Fn(Vec<RunSpec>) -> Vec<Vec<f64>>,
) -> Vec<Why> {
    let k = groups.len();
    let heads = headlines();
    // per seed: the effects, the effects with every group off, and the Shapley values
    type PerSeed = (Vec<f64>, Vec<f64>, Vec<Vec<f64>>);
    let mut per_seed: Vec<PerSeed> = Vec::new();
    for s in 0..seeds.max(1) {
        let mut base = spec.clone();
        base.scenario.seed = spec.scenario.seed.wrapping_add(s as u64);
        let ms = masks(k, method, base.scenario.seed);
        let vals = eval(ms.iter().map(|&m| spec_for(&base, groups, m)).collect());
        let v: BTreeMap<u32, Vec<f64>> = ms.into_iter().zip(vals).collect();
        let phi = shapley(k, method, base.scenario.seed, &v);
        per_seed.push((v[&0].clone(), v[&((1u32 << k) - 1)].clone(), phi));
    }
    let n = per_seed.len() as f64;
    heads
        .iter()
        .enumerate()
        .map(|(h, head)| {
            let effects: Vec<f64> = per_seed.iter().map(|x| x.0[h]).collect();
            let effect = effects.iter().sum::<f64>() / n;
            let parts = groups
                .iter()
                .enumerate()
                .map(|(j, g)| {
                    let xs: Vec<f64> = per_seed.iter().map(|x| x.2[j][h]).collect();
                    let amount = xs.iter().sum::<f64>() / n;
                    Part {
                        id: g.id,
                        amount,
                        lo: xs.iter().cloned().fold(f64::INFINITY, f64::min),
                        hi: xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
                        share: if effect.abs() > 1e-12 { amount / effect } else { 0.0 },
                    }
                })
                .collect();
            Why {
                headline: head.id,
                unit: head.unit,
                effect,
                effect_lo: effects.iter().cloned().fold(f64::INFINITY, f64::min),
                effect_hi: effects.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
                rest: per_seed.iter().map(|x| x.1[h]).sum::<f64>() / n,
                parts,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A game with known Shapley values: v(S) = Σ_{j∈S} a_j + b · [0 ∈ S and 1 ∈ S].
    fn game(k: usize) -> BTreeMap<u32, Vec<f64>> {
        let all = (1u32 << k) - 1;
        (0..=all)
            .map(|off| {
                let on = all & !off;
                let mut x: f64 = (0..k).filter(|j| on & (1 << j) != 0).map(|j| (j as f64 + 1.0) * if j == 2 { -1.0 } else { 1.0 }).sum();
                if on & 3 == 3 {
                    x += 10.0;
                }
                (off, vec![x])
            })
            .collect()
    }

    #[test]
    fn exact_shapley_values_split_interactions_and_keep_signs() {
        let k = 5;
        let phi = shapley(k, Method::Exact, 1, &game(k));
        assert!((phi[0][0] - 6.0).abs() < 1e-12 && (phi[1][0] - 7.0).abs() < 1e-12, "the interaction is split evenly");
        assert!((phi[2][0] + 3.0).abs() < 1e-12, "a mechanism working against the effect stays negative");
        let total: f64 = phi.iter().map(|p| p[0]).sum();
        assert!((total - (1.0 + 2.0 - 3.0 + 4.0 + 5.0 + 10.0)).abs() < 1e-9, "the parts add up to the effect");
    }

    #[test]
    fn sampled_orders_add_up_exactly_and_approach_the_exact_values() {
        let k = 6;
        let v = game(k);
        let ms = masks(k, Method::Sampled(400), 3);
        let sub: BTreeMap<u32, Vec<f64>> = ms.iter().map(|m| (*m, v[m].clone())).collect();
        let phi = shapley(k, Method::Sampled(400), 3, &sub);
        let total: f64 = phi.iter().map(|p| p[0]).sum();
        assert!((total - v[&0][0]).abs() < 1e-9, "each order adds up, so their mean does");
        assert!((phi[0][0] - 6.0).abs() < 1.0 && (phi[3][0] - 4.0).abs() < 1e-9);
        assert_eq!(method_for(11, 1), Method::Exact);
        assert!(matches!(method_for(14, 4), Method::Sampled(_)));
    }
}
