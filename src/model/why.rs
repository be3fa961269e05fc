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
    pub id: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    apply: fn(&mut RunSpec),
}

fn drop_events(s: &mut RunSpec, f: fn(&Action) -> bool) {
    s.scenario.events.retain(|e| !f(&e.action));
    s.extra.retain(|e| !f(&e.action));
}

fn set(s: &mut RunSpec, name: &str, v: f64) {
    s.set_param(name, v)
        .expect("knock-out values are inside the documented ranges");
}

pub fn knockouts() -> Vec<Knockout> {
    vec![
        Knockout {
            id: "delisting",
            en: "SF delisted from Taobao",
            zh: "淘宝下架顺丰",
            apply: |s| {
                drop_events(s, |a| {
                    matches!(a, Action::Cut(LinkId::List(Platform::Taobao, Courier::Sf)))
                })
            },
        },
        Knockout {
            id: "advice",
            en: "Taobao's advice to switch",
            zh: "淘宝建议换快递",
            apply: |s| drop_events(s, |a| matches!(a, Action::Advise(..))),
        },
        Knockout {
            id: "sf_tracking",
            en: "SF tracking cut",
            zh: "顺丰物流信息中断",
            apply: |s| drop_events(s, |a| matches!(a, Action::Cut(LinkId::Track(Courier::Sf)))),
        },
        Knockout {
            id: "locker_link",
            en: "Hive Box locker link cut",
            zh: "丰巢数据中断",
            apply: |s| drop_events(s, |a| matches!(a, Action::Cut(LinkId::LockerHivebox))),
        },
        Knockout {
            id: "inquiries",
            en: "merchants reacting to inquiries",
            zh: "商家对咨询的反应",
            apply: |s| {
                set(s, "beta_service", 0.0);
                set(s, "review_boost.inquiries", 0.0);
            },
        },
        Knockout {
            id: "cash",
            en: "merchants reacting to payment delays",
            zh: "商家对回款延迟的反应",
            apply: |s| {
                set(s, "beta_cash", 0.0);
                set(s, "review_boost.cash", 0.0);
            },
        },
        Knockout {
            id: "switch_cost",
            en: "switching cost",
            zh: "转换成本",
            apply: |s| set(s, "switch_cost", 0.0),
        },
        Knockout {
            id: "habit",
            en: "habit",
            zh: "习惯",
            apply: |s| set(s, "habit", 0.0),
        },
        Knockout {
            id: "noise",
            en: "merchants' misjudgement",
            zh: "商家判断误差",
            apply: |s| set(s, "perception_noise", 0.0),
        },
        Knockout {
            id: "capacity",
            en: "limited capacity (congestion)",
            zh: "产能有限（拥堵）",
            apply: |s| {
                for c in Courier::ALL {
                    set(s, &format!("headroom.{}", c.id()), 5.0);
                }
            },
        },
        Knockout {
            id: "waiting_buyers",
            en: "buyers who wait",
            zh: "等待的买家",
            apply: |s| set(s, "buyers.defer", 0.0),
        },
    ]
}

/// A headline effect: a number computed from a finished run and its baseline.
pub struct Headline {
    pub en: &'static str,
    pub zh: &'static str,
    pub unit: &'static str,
    get: fn(&Run) -> f64,
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
            en: "SF's lasting loss (SF Taobao parcels, last day)",
            zh: "顺丰的持续损失（最后一天的淘宝顺丰包裹）",
            unit: "M/day",
            get: |r| {
                let days = r.frames().len() / 24;
                if days == 0 {
                    return 0.0;
                }
                (day_sum(&r.baseline, days - 1, |x| x.shipped[0][0])
                    - day_sum(r.frames(), days - 1, |x| x.shipped[0][0]))
                    / 1e6
            },
        },
        Headline {
            en: "Merchants on another primary courier at the end",
            zh: "结束时换了主力快递的商家",
            unit: "agents",
            get: |r| {
                let m = &r.live.merchants;
                (0..m.len())
                    .filter(|&i| m.primary[i] != m.start_primary[i])
                    .count() as f64
            },
        },
        Headline {
            en: "Orders SF-reliant Taobao merchants lost",
            zh: "依赖顺丰的淘宝商家失去的订单",
            unit: "k",
            get: |r| {
                let n = r.frames().len();
                (r.frames().iter().map(|x| x.lost_sf_reliant).sum::<f64>()
                    - r.baseline
                        .iter()
                        .take(n)
                        .map(|x| x.lost_sf_reliant)
                        .sum::<f64>())
                    / 1e3
            },
        },
        Headline {
            en: "Rivals' slowdown, worst day",
            zh: "竞争对手变慢（最差一天）",
            unit: "h",
            get: |r| {
                let days = r.frames().len() / 24;
                (0..days)
                    .map(|d| rivals_day(r.frames(), d) - rivals_day(&r.baseline, d))
                    .fold(0.0, f64::max)
            },
        },
        Headline {
            en: "Extra spoiled fresh parcels",
            zh: "额外变质的生鲜包裹",
            unit: "k",
            get: |r| {
                let n = r.frames().len();
                (r.frames().iter().map(|x| x.spoiled_fresh).sum::<f64>()
                    - r.baseline
                        .iter()
                        .take(n)
                        .map(|x| x.spoiled_fresh)
                        .sum::<f64>())
                    / 1e3
            },
        },
    ]
}

/// One headline's decomposition.
pub struct Why {
    pub headline: &'static str,
    pub headline_zh: &'static str,
    pub unit: &'static str,
    pub effect: f64,
    /// (knock-out id, English name, Chinese name, contribution, share of positive contributions)
    pub parts: Vec<(&'static str, &'static str, &'static str, f64, f64)>,
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
            let contrib: Vec<f64> = kos
                .iter()
                .enumerate()
                .map(|(j, _)| effects[i] - without[j][i])
                .collect();
            let pos: f64 = contrib.iter().filter(|x| **x > 0.0).sum();
            let parts = kos
                .iter()
                .zip(&contrib)
                .map(|(k, &c)| {
                    (
                        k.id,
                        k.en,
                        k.zh,
                        c,
                        if pos > 0.0 && c > 0.0 { c / pos } else { 0.0 },
                    )
                })
                .collect();
            Why {
                headline: h.en,
                headline_zh: h.zh,
                unit: h.unit,
                effect: effects[i],
                parts,
            }
        })
        .collect()
}

/// The decomposition as a text table.
pub fn table(whys: &[Why]) -> String {
    let mut s = String::new();
    for w in whys {
        s += &format!("{}: {:.3} {}\n", w.headline, w.effect, w.unit);
        s += &format!(
            "  {:<40} {:>14} {:>8}\n",
            "without this mechanism, the effect loses", "amount", "share"
        );
        let mut parts: Vec<_> = w.parts.iter().collect();
        parts.sort_by(|a, b| b.3.total_cmp(&a.3).then(a.0.cmp(b.0)));
        for (_, en, _, c, sh) in parts {
            if c.abs() < 1e-9 {
                continue;
            }
            s += &format!("  {:<40} {:>14.3} {:>7.0}%\n", en, c, 100.0 * sh);
        }
        s.push('\n');
    }
    s
}
