//! Recorded outputs: one `Frame` per simulated hour, the CSV columns (documented in
//! docs/model.md), a digest for bit-identity checks, and daily aggregates.

use super::clock::{self, Hour};
use super::ids::{Courier, Platform, N_COURIERS as NC, N_PLATFORMS as NP};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    pub t: Hour,
    /// Orders that became sales (shipped) this hour.
    pub orders: f64,
    pub lost_orders: f64,
    /// Sales and orders lost (to rivals or given up) of merchants who used SF at the start (any platform).
    pub orders_sf_merchants: f64,
    pub lost_sf_merchants: f64,
    /// Treated group: Taobao merchants whose primary courier was SF at the start.
    pub orders_sf_reliant: f64,
    pub lost_sf_reliant: f64,
    /// Control group: Taobao merchants without SF, reweighted to the treated group's category mix and size.
    pub orders_control: f64,
    pub lost_control: f64,
    /// Orders waiting for a courier to come back (stock), and those that came back this hour.
    pub orders_waiting: f64,
    pub orders_returned: f64,
    /// Orders that went to a rival merchant this hour.
    pub orders_to_rivals: f64,
    /// Parcels handed to couriers this hour, by platform and courier.
    pub shipped: [[f64; NC]; NP],
    /// Share of parcels shipped in the trailing 24 h.
    pub share: [f64; NC],
    /// SF's share of the Taobao/Tmall parcels shipped in the trailing 24 h.
    pub share_sf_taobao: f64,
    pub transit_mean_h: f64,
    pub transit_p90_h: f64,
    pub transit_mean_c: [f64; NC],
    /// Mean door-to-door time per courier over the trailing 24 h (what merchants perceive).
    pub transit24_c: [f64; NC],
    pub on_time_72h: f64,
    /// Mean hours from order until the buyer knows the parcel has arrived.
    pub notify_mean_h: f64,
    pub notify_mean_c: [f64; NC],
    pub on_time_c: [f64; NC],
    /// Affected groups: SF parcels from Taobao, and Taobao parcels through Hive Box lockers.
    pub transit_sf_taobao: f64,
    pub notify_sf_taobao: f64,
    pub on_time_sf_taobao: f64,
    pub transit_hivebox_taobao: f64,
    pub notify_hivebox_taobao: f64,
    pub on_time_hivebox_taobao: f64,
    /// Parcels of each affected group delivered this hour (the groups' means are over them).
    pub delivered_sf_taobao: f64,
    pub delivered_hivebox_taobao: f64,
    pub untracked: f64,
    pub untracked_by_courier: [f64; NC],
    pub inquiries: f64,
    pub payment_delay_h: f64,
    pub locker_waiting: f64,
    /// Taobao parcels sent to Hive Box lockers this hour.
    pub hivebox_taobao: f64,
    pub spoiled_fresh: f64,
    /// Merchants that changed their primary courier this hour.
    pub switching: f64,
    /// Merchants that have changed their primary courier at least once since the start (% of all
    /// merchants, weighted: stratified agents stand for different numbers of merchants).
    pub merchants_switched: f64,
    /// SF-reliant Taobao merchants (SF-primary at the start) on another primary courier now (%, weighted).
    pub sf_reliant_away: f64,
    /// Merchants' cost of answering buyers' inquiries this hour (yuan).
    pub service_cost_yuan: f64,
    /// Money waiting for release, for this hour's Taobao deliveries (yuan-days).
    pub payment_wait_yuan_days: f64,
    /// Parcels merchants hold until the next pickup.
    pub held: f64,
    /// Parcels sorted with surge capacity this hour.
    pub surge_parcels: f64,
    /// 1 when a courier refuses new parcels this hour (its backlog is over the limit).
    pub refusing: [f64; NC],
    pub delivered: f64,
    pub delivered_by_courier: [f64; NC],
    pub in_system: f64,
    /// Parcels waiting for sorting capacity, by courier.
    pub backlog: [f64; NC],
    /// Couriers' revenue from this hour's parcels (yuan).
    pub revenue: f64,
}

impl Frame {
    pub fn shipped_courier(&self, c: usize) -> f64 {
        self.shipped.iter().map(|r| r[c]).sum()
    }
    /// Parcels of courier `c` delivered this hour (from the per-courier mean's weight).
    pub fn delivered_c(&self, c: usize) -> f64 {
        self.delivered_by_courier[c]
    }
    pub fn shipped_total(&self) -> f64 {
        self.shipped.iter().flatten().sum()
    }
}

/// A CSV column: its name and how to read it from a frame.
pub struct Column {
    pub name: String,
    pub get: Box<dyn Fn(&Frame) -> f64>,
}

fn col(name: impl Into<String>, get: impl Fn(&Frame) -> f64 + 'static) -> Column {
    Column { name: name.into(), get: Box::new(get) }
}

/// Every numeric column, in CSV order (without `time` and without the `baseline.` copies).
pub fn columns() -> Vec<Column> {
    let mut v = vec![
        col("orders", |f| f.orders),
        col("lost_orders", |f| f.lost_orders),
        col("orders.sf_merchants", |f| f.orders_sf_merchants),
        col("lost_orders.sf_merchants", |f| f.lost_sf_merchants),
        col("orders.sf_reliant", |f| f.orders_sf_reliant),
        col("lost_orders.sf_reliant", |f| f.lost_sf_reliant),
        col("orders.control", |f| f.orders_control),
        col("lost_orders.control", |f| f.lost_control),
        col("orders_waiting", |f| f.orders_waiting),
        col("orders_returned", |f| f.orders_returned),
        col("orders_to_rivals", |f| f.orders_to_rivals),
    ];
    for c in Courier::ALL {
        let i = c.idx();
        v.push(col(format!("shipped.{}", c.id()), move |f| f.shipped_courier(i)));
    }
    for p in Platform::ALL {
        for c in Courier::ALL {
            let (pi, ci) = (p.idx(), c.idx());
            v.push(col(format!("shipped.{}.{}", p.id(), c.id()), move |f| f.shipped[pi][ci]));
        }
    }
    for c in Courier::ALL {
        let i = c.idx();
        v.push(col(format!("share.{}", c.id()), move |f| f.share[i]));
    }
    v.push(col("share_taobao.sf", |f| f.share_sf_taobao));
    v.push(col("transit_mean_h", |f| f.transit_mean_h));
    v.push(col("transit_p90_h", |f| f.transit_p90_h));
    for c in Courier::ALL {
        let i = c.idx();
        v.push(col(format!("transit_mean_h.{}", c.id()), move |f| f.transit_mean_c[i]));
    }
    for c in Courier::ALL {
        let i = c.idx();
        v.push(col(format!("on_time_72h.{}", c.id()), move |f| f.on_time_c[i]));
    }
    for c in Courier::ALL {
        let i = c.idx();
        v.push(col(format!("notify_mean_h.{}", c.id()), move |f| f.notify_mean_c[i]));
    }
    v.extend([
        col("transit_mean_h.sf_taobao", |f| f.transit_sf_taobao),
        col("notify_mean_h.sf_taobao", |f| f.notify_sf_taobao),
        col("on_time_72h.sf_taobao", |f| f.on_time_sf_taobao),
        col("transit_mean_h.hivebox_taobao", |f| f.transit_hivebox_taobao),
        col("notify_mean_h.hivebox_taobao", |f| f.notify_hivebox_taobao),
        col("on_time_72h.hivebox_taobao", |f| f.on_time_hivebox_taobao),
        col("delivered.sf_taobao", |f| f.delivered_sf_taobao),
        col("delivered.hivebox_taobao", |f| f.delivered_hivebox_taobao),
        col("notify_mean_h", |f| f.notify_mean_h),
        col("on_time_72h", |f| f.on_time_72h),
        col("untracked_in_transit", |f| f.untracked),
        col("inquiries", |f| f.inquiries),
        col("payment_delay_h", |f| f.payment_delay_h),
        col("locker_waiting", |f| f.locker_waiting),
        col("lockers_taobao", |f| f.hivebox_taobao),
        col("spoiled_fresh", |f| f.spoiled_fresh),
        col("switching_merchants", |f| f.switching),
        col("merchants_switched", |f| f.merchants_switched),
        col("sf_reliant_away", |f| f.sf_reliant_away),
        col("service_cost_yuan", |f| f.service_cost_yuan),
        col("payment_wait_yuan_days", |f| f.payment_wait_yuan_days),
        col("delivered", |f| f.delivered),
        col("in_system", |f| f.in_system),
        col("held_at_merchants", |f| f.held),
        col("surge_parcels", |f| f.surge_parcels),
        col("revenue_yuan", |f| f.revenue),
    ]);
    for c in Courier::ALL {
        let i = c.idx();
        v.push(col(format!("backlog.{}", c.id()), move |f| f.backlog[i]));
    }
    for c in Courier::ALL {
        let i = c.idx();
        v.push(col(format!("refusing.{}", c.id()), move |f| f.refusing[i]));
    }
    v
}

fn fmt_num(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = super::decimal::fixed(x, 4);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// CSV text: `time`, every column, then every column again prefixed `baseline.` (left empty
/// when the run was computed without its baseline).
pub fn csv(run: &[Frame], baseline: &[Frame]) -> String {
    let cols = columns();
    let mut out = String::from("time");
    for c in &cols {
        out.push(',');
        out.push_str(&c.name);
    }
    for c in &cols {
        out.push_str(",baseline.");
        out.push_str(&c.name);
    }
    out.push('\n');
    for (i, f) in run.iter().enumerate() {
        out.push_str(&clock::format_iso(f.t));
        for c in &cols {
            out.push(',');
            out.push_str(&fmt_num((c.get)(f)));
        }
        for c in &cols {
            out.push(',');
            if let Some(b) = baseline.get(i) {
                out.push_str(&fmt_num((c.get)(b)));
            }
        }
        out.push('\n');
    }
    out
}

/// FNV-1a over the bits of every column of every frame: equal digests mean bit-identical outputs.
pub fn digest(frames: &[Frame]) -> u64 {
    let cols = columns();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in frames {
        let mut eat = |x: u64| {
            for b in x.to_le_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x0000_0100_0000_01B3);
            }
        };
        eat(f.t as u64);
        for c in &cols {
            eat((c.get)(f).to_bits());
        }
    }
    h
}

/// Sum of a per-hour quantity over the frames of one day (index `day` from the first frame).
pub fn daily_sum(frames: &[Frame], day: usize, get: impl Fn(&Frame) -> f64) -> f64 {
    frames.iter().skip(day * 24).take(24).map(get).sum()
}

/// Mean of a per-hour quantity weighted by `w` over the frames in `range`.
pub fn weighted_mean(frames: &[Frame], range: std::ops::Range<usize>, get: impl Fn(&Frame) -> f64, w: impl Fn(&Frame) -> f64) -> f64 {
    let (mut s, mut n) = (0.0, 0.0);
    for f in frames.iter().take(range.end).skip(range.start) {
        s += get(f) * w(f);
        n += w(f);
    }
    if n > 0.0 {
        s / n
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_unique_and_cover_the_documented_set() {
        let names: Vec<String> = columns().into_iter().map(|c| c.name).collect();
        for (i, a) in names.iter().enumerate() {
            assert!(!names[i + 1..].contains(a), "{a} twice");
        }
        for must in [
            "orders",
            "lost_orders",
            "orders.sf_merchants",
            "shipped.sf",
            "shipped.taobao.sf",
            "share.zto",
            "transit_mean_h",
            "transit_p90_h",
            "transit_mean_h.jdl",
            "on_time_72h",
            "untracked_in_transit",
            "inquiries",
            "payment_delay_h",
            "locker_waiting",
            "spoiled_fresh",
            "switching_merchants",
            "orders.sf_reliant",
            "lost_orders.sf_reliant",
            "orders.control",
            "lost_orders.control",
            "merchants_switched",
            "transit_mean_h.sf_taobao",
            "notify_mean_h.hivebox_taobao",
            "on_time_72h.zto",
        ] {
            assert!(names.iter().any(|n| n == must), "{must} missing");
        }
    }

    #[test]
    fn csv_has_a_header_and_a_row_per_frame() {
        let frames = vec![Frame { t: 4, orders: 1.5, ..Frame::default() }; 3];
        let text = csv(&frames, &frames);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        let width = lines[0].split(',').count();
        assert!(lines.iter().all(|l| l.split(',').count() == width));
        assert!(lines[1].starts_with("1970-01-01T04:00+08:00,1.5,"));
        assert_ne!(digest(&frames), digest(&frames[..2]));
    }
}
