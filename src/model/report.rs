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
        CalibrationRow { quantity: "National parcels per day", target: 110.0, tolerance: 5.5, model: total / 1e6, unit: "M/day", source: "SPB 2017; ecns 2018-01-09" },
        CalibrationRow { quantity: "Parcels through Cainiao's network", target: 42.0, tolerance: 4.2, model: per_day(f, |x| x.shipped[0].iter().sum()) / 1e6, unit: "M/day", source: "seed 001 (SCMP)" },
        CalibrationRow { quantity: "SF parcels for Taobao/Tmall merchants", target: 1.0, tolerance: 0.15, model: per_day(f, |x| x.shipped[0][0]) / 1e6, unit: "M/day", source: "seed 001 (SF filing)" },
        CalibrationRow { quantity: "Taobao parcels through Hive Box lockers", target: 2.0, tolerance: 0.3, model: per_day(f, |x| x.hivebox_taobao) / 1e6, unit: "M/day", source: "facts-2017 (Hive Box)" },
    ];
    let daily = cfg.courier_daily();
    let all: f64 = daily.iter().sum();
    for c in Courier::ALL {
        let target = 100.0 * daily[c.idx()] / all;
        let model = 100.0 * per_day(f, |x| x.shipped_courier(c.idx())) / total;
        rows.push(CalibrationRow { quantity: SHARE_NAMES[c.idx()], target, tolerance: 1.5, model, unit: "%", source: "scenario volumes (facts-2017 shares)" });
    }
    let w = |x: &Frame| x.delivered;
    rows.push(CalibrationRow { quantity: "Mean door-to-door time", target: 56.0, tolerance: 3.0, model: super::output::weighted_mean(f, 0..f.len(), |x| x.transit_mean_h, w), unit: "h", source: "SPB timeliness test 2017 (Techweb)" });
    rows.push(CalibrationRow { quantity: "Delivered within 72 h", target: 78.7, tolerance: 3.0, model: 100.0 * super::output::weighted_mean(f, 0..f.len(), |x| x.on_time_72h, w), unit: "%", source: "SPB timeliness test 2017 (Techweb)" });
    rows.push(CalibrationRow { quantity: "SF revenue per parcel", target: 23.1, tolerance: 1.0, model: cfg.price[0], unit: "yuan", source: "China Daily 2018-03-15" });
    rows.push(CalibrationRow { quantity: "Industry revenue per parcel", target: 12.4, tolerance: 1.0, model: f.iter().map(|x| x.revenue).sum::<f64>() / f.iter().map(|x| x.shipped_total()).sum::<f64>(), unit: "yuan", source: "derived: SPB 2017, 495.7 bn yuan / 40.06 bn parcels" });
    rows
}

const SHARE_NAMES: [&str; NC] = [
    "Volume share: SF", "Volume share: ZTO", "Volume share: YTO", "Volume share: STO", "Volume share: Yunda",
    "Volume share: Best", "Volume share: EMS", "Volume share: JD Logistics", "Volume share: Others",
];

pub fn calibration_table(rows: &[CalibrationRow]) -> String {
    let mut s = format!("{:<42} {:>10} {:>10} {:>10} {:<6} {}\n", "quantity", "target", "±", "model", "unit", "ok");
    for r in rows {
        s += &format!(
            "{:<42} {:>10.2} {:>10.2} {:>10.2} {:<6} {}\n",
            r.quantity, r.target, r.tolerance, r.model, r.unit, if r.ok() { "yes" } else { "NO" }
        );
    }
    s
}

/// Key effects of a run against its baseline, as text.
pub fn summary(run: &Run) -> String {
    let f = run.frames();
    let b = &run.baseline[..f.len().min(run.baseline.len())];
    let sum = |fr: &[Frame], g: &dyn Fn(&Frame) -> f64| fr.iter().map(g).sum::<f64>();
    let max = |fr: &[Frame], g: &dyn Fn(&Frame) -> f64| fr.iter().map(g).fold(0.0, f64::max);
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let mut row = |name: &str, unit: &str, r: f64, bl: f64| {
        rows.push((name.to_string(), format!("{:.3} {}", r, unit), format!("{:.3} {}", bl, unit), format!("{:+.3}", r - bl)));
    };
    let last = f.len().saturating_sub(1);
    if f.is_empty() {
        return "no hours simulated\n".into();
    }
    row("SF share, last hour (trailing 24 h)", "%", 100.0 * f[last].share[0], 100.0 * b[last].share[0]);
    row("SF share, lowest", "%", 100.0 * f.iter().map(|x| x.share[0]).fold(1.0, f64::min), 100.0 * b.iter().map(|x| x.share[0]).fold(1.0, f64::min));
    let tb_sf = |fr: &[Frame], day: usize| super::output::daily_sum(fr, day, |x| x.shipped[Platform::Taobao.idx()][0]) / 1e6;
    let days = f.len() / 24;
    let (mut low_day, mut low) = (0, f64::MAX);
    for d in 0..days {
        let r = tb_sf(f, d) / tb_sf(b, d).max(1e-9);
        if r < low {
            low = r;
            low_day = d;
        }
    }
    if days > 0 {
        row("SF Taobao parcels, lowest day", "M", tb_sf(f, low_day), tb_sf(b, low_day));
        row("SF Taobao parcels, last day", "M", tb_sf(f, days - 1), tb_sf(b, days - 1));
    }
    row("Lost orders, total", "M", sum(f, &|x| x.lost_orders) / 1e6, sum(b, &|x| x.lost_orders) / 1e6);
    row("Sales of SF merchants, total", "M", sum(f, &|x| x.orders_sf_merchants) / 1e6, sum(b, &|x| x.orders_sf_merchants) / 1e6);
    row("Untracked parcels, peak", "M", max(f, &|x| x.untracked) / 1e6, max(b, &|x| x.untracked) / 1e6);
    row("Buyer inquiries per hour, peak", "k", max(f, &|x| x.inquiries) / 1e3, max(b, &|x| x.inquiries) / 1e3);
    row("Payment delay (Taobao), peak", "h", max(f, &|x| x.payment_delay_h), max(b, &|x| x.payment_delay_h));
    let rivals = |fr: &[Frame]| {
        let (mut s, mut n) = (0.0, 0.0);
        for x in fr {
            for c in 1..NC {
                let d = x.delivered_c(c);
                s += x.transit_mean_c[c] * d;
                n += d;
            }
        }
        s / n.max(1e-9)
    };
    row("Rivals' mean door-to-door time", "h", rivals(f), rivals(b));
    row("Mean door-to-door time, peak hour", "h", max(f, &|x| x.transit_mean_h), max(b, &|x| x.transit_mean_h));
    row("Spoiled fresh parcels, total", "k", sum(f, &|x| x.spoiled_fresh) / 1e3, sum(b, &|x| x.spoiled_fresh) / 1e3);
    row("Merchant agents that switched", "", sum(f, &|x| x.switching), sum(b, &|x| x.switching));
    let mut s = format!("{:<40} {:>16} {:>16} {:>12}\n", "effect", "run", "baseline", "difference");
    for (a, r, bl, d) in rows {
        s += &format!("{:<40} {:>16} {:>16} {:>12}\n", a, r, bl, d);
    }
    s
}
