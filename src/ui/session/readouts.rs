//! The headline numbers beside the network (the number cards): now, and in the baseline at the
//! same hour. One set of formulas (`cards`) serves the page, from the run's frames, and the
//! ensemble's bands, from its recorded series.

use crate::model::output::{columns, Frame};
use crate::ui::playback::Player;

/// The number of cards, in the order of `Readouts`.
pub const CARDS: usize = 5;

/// The headline numbers beside the network (now, and the baseline at the same hour).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Readouts {
    pub sf_share: (f64, f64),
    /// Taobao parcels through Hive Box lockers delivered in the last 24 h: hours from order until
    /// the buyer knows the parcel is there (the delay the locker cut's buyers feel).
    pub hivebox_notify_h: (f64, f64),
    /// SF parcels from Taobao delivered in the last 24 h: door-to-door hours.
    pub sf_taobao_d2d_h: (f64, f64),
    pub untracked: (f64, f64),
    pub lost_orders: (f64, f64),
}

/// The cards at every hour of one world, from its hourly series by CSV column name: the SF
/// share (%), the Hive Box and SF–Taobao times averaged over the last 24 hours (a day of
/// deliveries, so one hour's mix of parcels does not swing them), untracked parcels (millions)
/// and lost orders so far (thousands).
pub fn cards(get: impl Fn(&str) -> Vec<f64>) -> [Vec<f64>; CARDS] {
    let last_day = |v: Vec<f64>| -> Vec<f64> {
        (0..v.len())
            .map(|h| {
                let day = &v[(h + 1).saturating_sub(24)..=h];
                day.iter().sum::<f64>() / day.len() as f64
            })
            .collect()
    };
    let mut lost = 0.0;
    [
        get("share.sf").iter().map(|x| 100.0 * x).collect(),
        last_day(get("notify_mean_h.hivebox_taobao")),
        last_day(get("transit_mean_h.sf_taobao")),
        get("untracked_in_transit").iter().map(|x| x / 1e6).collect(),
        get("lost_orders")
            .iter()
            .map(|x| {
                lost += x;
                lost / 1e3
            })
            .collect(),
    ]
}

/// The cards of the last of these frames.
fn last(frames: &[Frame]) -> [f64; CARDS] {
    let cols = columns();
    let c = cards(|name| {
        let col = cols.iter().find(|c| c.name == name).expect("a CSV column");
        frames.iter().map(|f| (col.get)(f)).collect()
    });
    std::array::from_fn(|k| c[k].last().copied().unwrap_or(0.0))
}

/// The headline numbers now and in the baseline.
pub fn readouts(p: &Player) -> Readouts {
    let run = p.run();
    let n = run.frames().len().min(run.baseline.len());
    // before the first hour is simulated, both worlds show the baseline's first hour
    let (live, base) = if n == 0 { (&run.baseline[..1], &run.baseline[..1]) } else { (&run.frames()[..n], &run.baseline[..n]) };
    let (a, b) = (last(live), last(base));
    Readouts {
        sf_share: (a[0], b[0]),
        hivebox_notify_h: (a[1], b[1]),
        sf_taobao_d2d_h: (a[2], b[2]),
        untracked: (a[3], b[3]),
        lost_orders: (a[4], b[4]),
    }
}
