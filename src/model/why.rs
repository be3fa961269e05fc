//! "Why did this happen?": each headline effect of a run (run minus its baseline) decomposed by
//! mechanism, by knocking the mechanisms out one at a time. A mechanism's contribution is the
//! part of the effect that disappears without it: effect − effect with that mechanism off.
//! Mechanisms interact, so contributions need not add up to the effect; shares are given of
//! the sum of the positive contributions.

use super::ids::{Courier, LinkId, Platform, N_COURIERS as NC};
use super::output::Frame;
use super::run::{Run, RunSpec};
use super::scenario::Action;

/// A mechanism and how to switch it off.
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
        Knockout {
            id: "inquiries",
            apply: |s| {
                set(s, "beta_service", 0.0);
                set(s, "review_boost.inquiries", 0.0);
            },
        },
        Knockout {
            id: "cash",
            apply: |s| {
                set(s, "beta_cash", 0.0);
                set(s, "review_boost.cash", 0.0);
            },
        },
        Knockout { id: "switch_cost", apply: |s| set(s, "switch_cost", 0.0) },
        Knockout { id: "habit", apply: |s| set(s, "habit", 0.0) },
        Knockout { id: "noise", apply: |s| set(s, "perception_noise", 0.0) },
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
            unit: "agents",
            get: |r| {
                let m = &r.live.merchants;
                (0..m.len()).filter(|&i| m.primary[i] != m.start_primary[i]).count() as f64
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

/// One headline's decomposition.
pub struct Why {
    /// The headline's id (`why.headline.<id>` in the catalogue).
    pub headline: &'static str,
    pub unit: &'static str,
    pub effect: f64,
    /// (knock-out id, contribution, share of positive contributions)
    pub parts: Vec<(&'static str, f64, f64)>,
}

/// Decompose the headline effects of `spec` by knock-outs (one extra run per mechanism).
pub fn decompose(spec: &RunSpec) -> Vec<Why> {
    let full = Run::complete(spec.clone());
    let heads = headlines();
    let effects: Vec<f64> = heads.iter().map(|h| (h.get)(&full)).collect();
    let kos = knockouts();
    let mut without: Vec<Vec<f64>> = Vec::new();
    for k in &kos {
        let mut s = spec.clone();
        (k.apply)(&mut s);
        let r = Run::complete(s);
        without.push(heads.iter().map(|h| (h.get)(&r)).collect());
    }
    heads
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let contrib: Vec<f64> = kos.iter().enumerate().map(|(j, _)| effects[i] - without[j][i]).collect();
            let pos: f64 = contrib.iter().filter(|x| **x > 0.0).sum();
            let parts = kos.iter().zip(&contrib).map(|(k, &c)| (k.id, c, if pos > 0.0 && c > 0.0 { c / pos } else { 0.0 })).collect();
            Why { headline: h.id, unit: h.unit, effect: effects[i], parts }
        })
        .collect()
}
