//! A merchant-level daily panel (`standoff panel`) and the difference-in-differences a study of
//! the event would estimate from it (`standoff did`).
//!
//! One row per merchant agent and day. Every sale is booked to the merchant that made it: the
//! orders its buyers placed with a courier that was offered, those whose buyers took another of
//! its couriers, waiting buyers who came back (its share of its cell's returns, by volume on that
//! courier) and buyers who arrived from rival merchants (its share of its type's inflow, by volume
//! on offered couriers). `sales` is the agent's expected sales in parcels; `orders` is what one
//! merchant the agent stands for recorded that day: a negative-binomial count (gamma-Poisson,
//! `dispersion` = its shape: variance μ + μ²/shape) around the merchant's size × the typical
//! merchant's orders × the agent's sales relative to its normal day. The noise is keyed by the
//! merchant and the day, so it is the same in every run of the same seed.

use super::choice::{Merchants, NONE};
use super::clock::Hour;
use super::ids::{Category, Courier, Platform, N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::rng::{mix, Stream};
use super::run::{Run, RunSpec};

pub const HEADER: &str =
    "day,merchant,platform,category,group,weight,size,primary,secondary,switched,sales,orders,orders_not_offered,lost_at_once,waiting,returned,from_rivals";

/// How the panel's counts are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Noise {
    /// Orders a day of an average-sized merchant in normal times.
    pub typical_orders: f64,
    /// Shape of the gamma-Poisson (negative binomial) day-to-day spread; larger is closer to Poisson.
    pub dispersion: f64,
}

impl Default for Noise {
    fn default() -> Self {
        Noise { typical_orders: 30.0, dispersion: 10.0 }
    }
}

/// One merchant-day.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub day: usize,
    pub merchant: usize,
    pub platform: u8,
    pub category: u8,
    pub group: u8,
    pub weight: f64,
    pub size: f64,
    pub primary: u8,
    pub secondary: u8,
    pub switched: bool,
    pub sales: f64,
    pub orders: f64,
    pub not_offered: f64,
    pub lost_at_once: f64,
    pub waiting: f64,
    pub returned: f64,
    pub from_rivals: f64,
}

fn courier_id(c: u8) -> &'static str {
    if (c as usize) < NC {
        Courier::ALL[c as usize].id()
    } else {
        ""
    }
}

/// A gamma(shape) draw (Marsaglia–Tsang) from a seeded stream.
fn gamma(rng: &mut Stream, shape: f64) -> f64 {
    if shape < 1.0 {
        let u = rng.uniform().max(1e-300);
        return gamma(rng, shape + 1.0) * libm::pow(u, 1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / libm::sqrt(9.0 * d);
    loop {
        let x = rng.normal();
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = rng.uniform();
        if libm::log(u.max(1e-300)) < 0.5 * x * x + d - d * v + d * libm::log(v) {
            return d * v;
        }
    }
}

/// A Poisson draw (inversion for small means, normal approximation above 500).
fn poisson(rng: &mut Stream, mean: f64) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    if mean > 500.0 {
        return libm::round((mean + libm::sqrt(mean) * rng.normal()).max(0.0));
    }
    let (mut k, mut p) = (0.0, libm::exp(-mean));
    let mut cum = p;
    let u = rng.uniform();
    while u > cum && k < 10_000.0 {
        k += 1.0;
        p *= mean / k;
        cum += p;
    }
    k
}

/// The panel's rows (days from the scenario's start), one run without its baseline.
pub fn rows(spec: RunSpec, noise: Noise) -> Vec<Row> {
    let seed = spec.scenario.seed;
    let mut r = Run::build(spec, false);
    let cfg = r.cfg.clone();
    let n = r.live.merchants.len();
    let mut out = Vec::new();
    let z = vec![0.0; n];
    let (mut sales, mut not_offered, mut lost, mut waiting, mut returned, mut rivals, mut normal) =
        (z.clone(), z.clone(), z.clone(), z.clone(), z.clone(), z.clone(), z);
    let mut hour = 0;
    while r.now() < r.end() {
        let t: Hour = r.now() + 1;
        r.advance_to(t);
        let s = &r.live;
        let m: &Merchants = &s.merchants;
        // every merchant's volume on each courier, for its share of its cell's returns and inflows
        let mut avail_vol = [[0.0; NK]; NP];
        for i in 0..n {
            let (p, k) = (m.platform[i] as usize, m.category[i] as usize);
            for (c, sh) in m.shares(i) {
                if c < NC && sh > 0.0 && s.last_avail[p][c] {
                    avail_vol[p][k] += m.volume[i] * sh;
                }
            }
        }
        for i in 0..n {
            let (p, k, g) = (m.platform[i] as usize, m.category[i] as usize, m.group[i] as usize);
            let want = m.volume[i] * s.last_factor[p];
            normal[i] += want;
            let mut own_avail = 0.0;
            for (c, sh) in m.shares(i) {
                if c >= NC || sh <= 0.0 {
                    continue;
                }
                let x = want * sh;
                if s.last_avail[p][c] {
                    sales[i] += x;
                    own_avail += m.volume[i] * sh;
                    let cell = m.agg[g][p][k][c];
                    if cell > 0.0 {
                        returned[i] += s.last_returned[g][p][k][c] * m.volume[i] * sh / cell;
                    }
                } else {
                    not_offered[i] += x;
                    let kept = x * cfg.other_courier[k];
                    sales[i] += kept;
                    let rest = x - kept;
                    let wait = rest * cfg.buyers_defer;
                    waiting[i] += wait;
                    lost[i] += rest - wait;
                }
            }
            if avail_vol[p][k] > 0.0 && own_avail > 0.0 {
                rivals[i] += s.last_rival_in[p][k] * own_avail / avail_vol[p][k];
            }
        }
        hour += 1;
        if hour % 24 == 0 {
            let day = hour / 24 - 1;
            for i in 0..n {
                let total = sales[i] + returned[i] + rivals[i];
                // one merchant the agent stands for: its normal orders × this day's sales relative to
                // the agent's normal day, with gamma-Poisson spread keyed by merchant and day
                let mean = m.size[i] * noise.typical_orders * if normal[i] > 0.0 { total / normal[i] } else { 0.0 };
                let mut rng = Stream::new(seed ^ 0x9A4E_1000, mix(i as u64, day as u64));
                let lambda = if noise.dispersion > 0.0 { mean * gamma(&mut rng, noise.dispersion) / noise.dispersion } else { mean };
                out.push(Row {
                    day,
                    merchant: i,
                    platform: m.platform[i],
                    category: m.category[i],
                    group: m.group[i],
                    weight: m.weight[i],
                    size: m.size[i],
                    primary: m.primary[i],
                    secondary: m.secondary[i],
                    switched: m.switched[i],
                    sales: total,
                    orders: poisson(&mut rng, lambda),
                    not_offered: not_offered[i],
                    lost_at_once: lost[i],
                    waiting: waiting[i],
                    returned: returned[i],
                    from_rivals: rivals[i],
                });
                for v in [&mut sales, &mut not_offered, &mut lost, &mut waiting, &mut returned, &mut rivals, &mut normal] {
                    v[i] = 0.0;
                }
            }
        }
    }
    out
}

/// The panel as CSV text.
pub fn csv(spec: RunSpec, noise: Noise) -> String {
    let groups = ["sf_primary", "sf_secondary", "no_sf"];
    let mut out = String::from(HEADER);
    out.push('\n');
    for r in rows(spec, noise) {
        out += &format!(
            "{},{},{},{},{},{:.6},{:.4},{},{},{},{:.3},{},{:.3},{:.3},{:.3},{:.3},{:.3}\n",
            r.day,
            r.merchant,
            Platform::ALL[r.platform as usize].id(),
            Category::ALL[r.category as usize].id(),
            groups[r.group as usize],
            r.weight,
            r.size,
            courier_id(r.primary),
            if r.secondary == NONE { "" } else { courier_id(r.secondary) },
            r.switched as u8,
            r.sales,
            r.orders,
            r.not_offered,
            r.lost_at_once,
            r.waiting,
            r.returned,
            r.from_rivals
        );
    }
    out
}

/// A difference-in-differences estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct DiD {
    pub estimate: f64,
    /// Standard error clustered by merchant.
    pub se: f64,
    pub treated: usize,
    pub control: usize,
    pub days_before: usize,
    pub days_during: usize,
}

/// Difference-in-differences of log(1 + orders) of SF-primary Taobao merchants against Taobao
/// merchants with no SF at all, days `from..=to` against the days before, with merchant and day
/// fixed effects, merchants weighted by how many merchants each agent stands for. On a balanced
/// panel this is the weighted difference between the two groups' mean change in each merchant's
/// mean log orders; its standard error is clustered by merchant (CR1: × G/(G − 1)).
pub fn did(rows: &[Row], from: usize, to: usize) -> Result<DiD, String> {
    if from == 0 || to < from {
        return Err(format!("the estimate needs days before the period and a period: from day {} to day {}", from, to));
    }
    let n = rows.iter().map(|r| r.merchant + 1).max().unwrap_or(0);
    let (mut pre, mut post, mut npre, mut npost) = (vec![0.0; n], vec![0.0; n], vec![0usize; n], vec![0usize; n]);
    let mut meta = vec![None; n];
    for r in rows.iter().filter(|r| r.platform == 0 && r.group != 1 && r.day <= to) {
        let y = libm::log(1.0 + r.orders);
        if r.day < from {
            pre[r.merchant] += y;
            npre[r.merchant] += 1;
        } else {
            post[r.merchant] += y;
            npost[r.merchant] += 1;
        }
        meta[r.merchant] = Some((r.group == 0, r.weight));
    }
    let mut groups: [Vec<(f64, f64)>; 2] = [Vec::new(), Vec::new()];
    for i in 0..n {
        if let Some((treated, w)) = meta[i] {
            if npre[i] > 0 && npost[i] > 0 {
                // (weight, the merchant's change in mean log orders)
                groups[treated as usize].push((w, post[i] / npost[i] as f64 - pre[i] / npre[i] as f64));
            }
        }
    }
    let (c, t) = (&groups[0], &groups[1]);
    if t.len() < 2 || c.len() < 2 {
        return Err(format!("too few merchants for an estimate: {} treated, {} control", t.len(), c.len()));
    }
    let mean = |g: &[(f64, f64)]| g.iter().map(|x| x.0 * x.1).sum::<f64>() / g.iter().map(|x| x.0).sum::<f64>();
    let var = |g: &[(f64, f64)], m: f64| {
        let sw: f64 = g.iter().map(|x| x.0).sum();
        g.iter().map(|x| x.0 * x.0 * (x.1 - m) * (x.1 - m)).sum::<f64>() / (sw * sw)
    };
    let (mt, mc) = (mean(t), mean(c));
    let g = (t.len() + c.len()) as f64;
    let se = libm::sqrt((var(t, mt) + var(c, mc)) * g / (g - 1.0));
    let days = |d: &dyn Fn(&Row) -> bool| {
        let mut v: Vec<usize> = rows.iter().filter(|r| d(r)).map(|r| r.day).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    Ok(DiD {
        estimate: mt - mc,
        se,
        treated: t.len(),
        control: c.len(),
        days_before: days(&|r| r.day < from),
        days_during: days(&|r| r.day >= from && r.day <= to),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(merchant: usize, day: usize, group: u8, orders: f64, weight: f64) -> Row {
        Row {
            day,
            merchant,
            platform: 0,
            category: 0,
            group,
            weight,
            size: 1.0,
            primary: 0,
            secondary: NONE,
            switched: false,
            sales: orders,
            orders,
            not_offered: 0.0,
            lost_at_once: 0.0,
            waiting: 0.0,
            returned: 0.0,
            from_rivals: 0.0,
        }
    }

    #[test]
    fn did_recovers_a_known_effect_and_its_standard_error_shrinks_with_merchants() {
        // treated merchants' orders fall by a factor e^-0.2 (on log(1 + orders)) during days 3–4
        let make = |n: usize| {
            let mut v = Vec::new();
            for i in 0..n {
                let g = if i % 2 == 0 { 0 } else { 2 };
                let level = 20.0 + (i % 7) as f64;
                for d in 0..5 {
                    let noise = ((i * 31 + d * 17) % 11) as f64 / 10.0 - 0.5;
                    let base = libm::log(1.0 + level) + 0.05 * d as f64 + 0.1 * noise;
                    let y = if g == 0 && d >= 3 { base - 0.2 } else { base };
                    v.push(row(i, d, g, libm::exp(y) - 1.0, 1.0 + (i % 3) as f64));
                }
            }
            v
        };
        let small = did(&make(40), 3, 4).unwrap();
        let large = did(&make(400), 3, 4).unwrap();
        assert!((large.estimate + 0.2).abs() < 0.03, "{}", large.estimate);
        assert!(large.se < small.se && large.se > 0.0);
        assert_eq!((large.treated, large.control, large.days_before, large.days_during), (200, 200, 3, 2));
        assert!(did(&make(40), 0, 2).is_err());
    }
}
