//! Readable reports: the calibration table (baseline vs published figures) and the summary of a
//! run's effects against its baseline.

use super::ids::{Courier, Platform, N_COURIERS as NC};
use super::output::Frame;
use super::run::Run;

pub struct CalibrationRow {
    pub quantity: &'static str,
    pub target: f64,
    pub tolerance: f64,
    pub model: f64,
    pub unit: &'static str,
    pub source: &'static str,
}

impl CalibrationRow {
    pub fn ok(&self) -> bool {
        (self.model - self.target).abs() <= self.tolerance
    }
}

fn per_day(frames: &[Frame], get: impl Fn(&Frame) -> f64) -> f64 {
    frames.iter().map(get).sum::<f64>() * 24.0 / frames.len().max(1) as f64
}

/// Calibration of a baseline run's frames (whole days) against the brief's targets.
pub fn calibration(run: &Run) -> Vec<CalibrationRow> {
    let f = &run.baseline[..];
    let cfg = &run.cfg;
    let total = per_day(f, |x| x.shipped_total());
    let mut rows = vec![
        CalibrationRow {
            quantity: "National parcels per day",
            target: 110.0,
            tolerance: 5.5,
            model: total / 1e6,
            unit: "M/day",
            source: "SPB 2017; ecns 2018-01-09",
        },
        CalibrationRow {
            quantity: "Parcels through Cainiao's network",
            target: 42.0,
            tolerance: 4.2,
            model: per_day(f, |x| x.shipped[0].iter().sum()) / 1e6,
            unit: "M/day",
            source: "CargoForwarder Global 2017-06-05",
        },
        CalibrationRow {
            quantity: "SF parcels for Taobao/Tmall merchants",
            target: 1.0,
            tolerance: 0.15,
            model: per_day(f, |x| x.shipped[0][0]) / 1e6,
            unit: "M/day",
            source: "SF filing via SCMP 2017-06-02",
        },
        CalibrationRow {
            quantity: "Taobao parcels through Hive Box lockers",
            target: 2.0,
            tolerance: 0.3,
            model: per_day(f, |x| x.hivebox_taobao) / 1e6,
            unit: "M/day",
            source: "ducksell (Hive Box and Cainiao)",
        },
    ];
    let daily = cfg.courier_daily();
    let all: f64 = daily.iter().sum();
    for c in Courier::ALL {
        let target = 100.0 * daily[c.idx()] / all;
        let model = 100.0 * per_day(f, |x| x.shipped_courier(c.idx())) / total;
        rows.push(CalibrationRow {
            quantity: SHARE_NAMES[c.idx()],
            target,
            tolerance: 1.5,
            model,
            unit: "%",
            source: "scenario volumes (2017 courier shares)",
        });
    }
    let w = |x: &Frame| x.delivered;
    rows.push(CalibrationRow {
        quantity: "Mean door-to-door time",
        target: 56.0,
        tolerance: 3.0,
        model: super::output::weighted_mean(f, 0..f.len(), |x| x.transit_mean_h, w),
        unit: "h",
        source: "SPB timeliness test 2017 (Techweb)",
    });
    rows.push(CalibrationRow {
        quantity: "Delivered within 72 h",
        target: 78.7,
        tolerance: 3.0,
        model: 100.0 * super::output::weighted_mean(f, 0..f.len(), |x| x.on_time_72h, w),
        unit: "%",
        source: "SPB timeliness test 2017 (Techweb)",
    });
    rows.push(CalibrationRow {
        quantity: "SF revenue per parcel",
        target: 23.1,
        tolerance: 1.0,
        model: cfg.price[0],
        unit: "yuan",
        source: "China Daily 2018-03-15",
    });
    rows.push(CalibrationRow {
        quantity: "Industry revenue per parcel",
        target: 12.4,
        tolerance: 1.0,
        model: f.iter().map(|x| x.revenue).sum::<f64>() / f.iter().map(|x| x.shipped_total()).sum::<f64>(),
        unit: "yuan",
        source: "derived: SPB 2017, 495.7 bn yuan / 40.06 bn parcels",
    });
    let days = f.len() as f64 / 24.0;
    rows.push(CalibrationRow {
        quantity: "Merchants changing primary courier",
        target: 15.0,
        tolerance: 10.0,
        model: f.last().map_or(0.0, |x| x.merchants_switched) * 365.0 / days.max(1.0),
        unit: "%/year",
        source: "bounded by shipper surveys (PARCEL; Accenture 2016): an assumption",
    });
    rows
}

const SHARE_NAMES: [&str; NC] = [
    "Volume share: SF",
    "Volume share: ZTO",
    "Volume share: YTO",
    "Volume share: STO",
    "Volume share: Yunda",
    "Volume share: Best",
    "Volume share: EMS",
    "Volume share: JD Logistics",
    "Volume share: Others",
];

pub fn calibration_table(rows: &[CalibrationRow]) -> String {
    let mut s = format!("{:<42} {:>10} {:>10} {:>10} {:<6} {}\n", "quantity", "target", "±", "model", "unit", "ok");
    for r in rows {
        s += &format!(
            "{:<42} {:>10.2} {:>10.2} {:>10.2} {:<6} {}\n",
            r.quantity,
            r.target,
            r.tolerance,
            r.model,
            r.unit,
            if r.ok() { "yes" } else { "NO" }
        );
    }
    s
}

/// Key effects of a run against its baseline, as text. Without a baseline, only the run's column.
pub fn summary(run: &Run) -> String {
    let f = run.frames();
    if f.is_empty() {
        return "no hours simulated\n".into();
    }
    let has_b = run.baseline.len() >= f.len();
    let b: &[Frame] = if has_b { &run.baseline[..f.len()] } else { &[] };
    let sum = |fr: &[Frame], g: &dyn Fn(&Frame) -> f64| fr.iter().map(g).sum::<f64>();
    let max = |fr: &[Frame], g: &dyn Fn(&Frame) -> f64| fr.iter().map(g).fold(0.0, f64::max);
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let mut row = |name: &str, unit: &str, r: f64, bl: Option<f64>| {
        let (bs, d) = match bl {
            Some(bl) => (format!("{:.3} {}", bl, unit), format!("{:+.3}", r - bl)),
            None => ("—".into(), "—".into()),
        };
        rows.push((name.to_string(), format!("{:.3} {}", r, unit), bs, d));
    };
    let opt = |v: f64| if has_b { Some(v) } else { None };
    let last = f.len() - 1;
    let tb = Platform::Taobao.idx();
    row("SF share, last hour (trailing 24 h)", "%", 100.0 * f[last].share[0], b.get(last).map(|x| 100.0 * x.share[0]));
    if has_b {
        // the largest fall, run and baseline at the same hour
        let i = (0..f.len()).min_by(|&i, &j| (f[i].share[0] - b[i].share[0]).total_cmp(&(f[j].share[0] - b[j].share[0]))).unwrap_or(0);
        row(
            &format!("SF share, largest fall ({})", super::clock::format_short(f[i].t)),
            "%",
            100.0 * f[i].share[0],
            Some(100.0 * b[i].share[0]),
        );
    }
    let tb_sf = |fr: &[Frame], day: usize| super::output::daily_sum(fr, day, |x| x.shipped[tb][0]) / 1e6;
    let days = f.len() / 24;
    if days > 0 {
        let low_day = if has_b {
            (0..days).min_by(|&i, &j| (tb_sf(f, i) / tb_sf(b, i).max(1e-9)).total_cmp(&(tb_sf(f, j) / tb_sf(b, j).max(1e-9)))).unwrap_or(0)
        } else {
            (0..days).min_by(|&i, &j| tb_sf(f, i).total_cmp(&tb_sf(f, j))).unwrap_or(0)
        };
        row("SF Taobao parcels, lowest day", "M", tb_sf(f, low_day), opt(if has_b { tb_sf(b, low_day) } else { 0.0 }));
        row("SF Taobao parcels, last day", "M", tb_sf(f, days - 1), opt(if has_b { tb_sf(b, days - 1) } else { 0.0 }));
    }
    row("Lost orders (nobody shipped them), total", "M", sum(f, &|x| x.lost_orders) / 1e6, opt(sum(b, &|x| x.lost_orders) / 1e6));
    row("Orders waiting for their courier, peak", "M", max(f, &|x| x.orders_waiting) / 1e6, opt(max(b, &|x| x.orders_waiting) / 1e6));
    row(
        "Sales of merchants who used SF, total",
        "M",
        sum(f, &|x| x.orders_sf_merchants) / 1e6,
        opt(sum(b, &|x| x.orders_sf_merchants) / 1e6),
    );
    row(
        "Sales of SF-reliant Taobao merchants, total",
        "M",
        sum(f, &|x| x.orders_sf_reliant) / 1e6,
        opt(sum(b, &|x| x.orders_sf_reliant) / 1e6),
    );
    row("Orders SF-reliant merchants lost, total", "M", sum(f, &|x| x.lost_sf_reliant) / 1e6, opt(sum(b, &|x| x.lost_sf_reliant) / 1e6));
    row("Sales of the control group, total", "M", sum(f, &|x| x.orders_control) / 1e6, opt(sum(b, &|x| x.orders_control) / 1e6));
    row("Untracked parcels, peak", "M", max(f, &|x| x.untracked) / 1e6, opt(max(b, &|x| x.untracked) / 1e6));
    row("Buyer inquiries per hour, peak", "k", max(f, &|x| x.inquiries) / 1e3, opt(max(b, &|x| x.inquiries) / 1e3));
    row("Merchants' inquiry cost, total", "M yuan", sum(f, &|x| x.service_cost_yuan) / 1e6, opt(sum(b, &|x| x.service_cost_yuan) / 1e6));
    row("Payment delay (Taobao), peak", "h", max(f, &|x| x.payment_delay_h), opt(max(b, &|x| x.payment_delay_h)));
    row(
        "Money waiting for release, total",
        "bn yuan-days",
        sum(f, &|x| x.payment_wait_yuan_days) / 1e9,
        opt(sum(b, &|x| x.payment_wait_yuan_days) / 1e9),
    );
    // delays where they happen, by the day parcels were ordered (complete for days whose parcels
    // have all left the sorting queues: all but the last four days)
    let (ro, bo) = (&run.live.by_order_day, &run.baseline_by_order_day);
    let complete = days.saturating_sub(4).min(ro.len());
    let mut by_order = |name: &str, g: usize, k: usize, scale: f64, unit: &str, lowest: bool| {
        let val = |v: &[[[f64; 4]; 3]], d: usize| {
            let s = &v[d][g];
            if s[0] > 0.0 {
                scale * s[k] / s[0]
            } else {
                0.0
            }
        };
        let mut best: Option<(usize, f64)> = None;
        for d in 0..complete {
            // a day on which the group shipped almost nothing (e.g. SF on Taobao while delisted)
            // says nothing about its delays
            if has_b && d < bo.len() && ro[d][g][0] < 0.1 * bo[d][g][0] {
                continue;
            }
            let diff = if has_b && d < bo.len() { val(ro, d) - val(bo, d) } else { val(ro, d) };
            let diff = if lowest { -diff } else { diff };
            if best.is_none_or(|(_, bd)| diff > bd) {
                best = Some((d, diff));
            }
        }
        if let Some((d, _)) = best {
            let b = if has_b && d < bo.len() { Some(val(bo, d)) } else { None };
            row(&format!("{} (worst order day, {})", name, d + 1), unit, val(ro, d), b);
        }
    };
    by_order("SF Taobao parcels: door to door", 0, 1, 1.0, "h", false);
    by_order("SF Taobao parcels: within 72 h", 0, 3, 100.0, "%", true);
    by_order("Hive Box Taobao parcels: door to door", 1, 1, 1.0, "h", false);
    by_order("Hive Box Taobao parcels: until the buyer knows", 1, 2, 1.0, "h", false);
    by_order("Hive Box Taobao parcels: within 72 h", 1, 3, 100.0, "%", true);
    by_order("Rivals' parcels: door to door", 2, 1, 1.0, "h", false);
    row("Mean door-to-door time, peak hour", "h", max(f, &|x| x.transit_mean_h), opt(max(b, &|x| x.transit_mean_h)));
    row("Spoiled fresh parcels, total", "k", sum(f, &|x| x.spoiled_fresh) / 1e3, opt(sum(b, &|x| x.spoiled_fresh) / 1e3));
    row("Merchants that changed primary courier (share)", "%", f[last].merchants_switched, b.get(last).map(|x| x.merchants_switched));
    row("SF-reliant Taobao merchants on another courier at the end", "%", f[last].sf_reliant_away, b.get(last).map(|x| x.sf_reliant_away));
    let mut s = format!("{:<52} {:>16} {:>16} {:>12}\n", "effect", "run", "baseline", "difference");
    for (a, r, bl, d) in rows {
        s += &format!("{:<52} {:>16} {:>16} {:>12}\n", a, r, bl, d);
    }
    s
}
