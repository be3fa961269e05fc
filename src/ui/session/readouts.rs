//! The headline numbers beside the network: now, and in the baseline at the same hour.

use crate::ui::playback::Player;

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

/// Mean of an hourly value over the last 24 frames (a day of deliveries, so one hour's mix of
/// parcels does not swing the number).
fn last_day(frames: &[crate::model::Frame], get: impl Fn(&crate::model::Frame) -> f64) -> f64 {
    let from = frames.len().saturating_sub(24);
    let day = &frames[from..];
    if day.is_empty() {
        0.0
    } else {
        day.iter().map(get).sum::<f64>() / day.len() as f64
    }
}

/// The headline numbers now and in the baseline.
pub fn readouts(p: &Player) -> Readouts {
    let (f, b) = (p.current(), p.current_baseline());
    let run = p.run();
    let lost: f64 = run.frames().iter().map(|x| x.lost_orders).sum();
    let n = run.frames().len().min(run.baseline.len());
    let lost_base: f64 = run.baseline.iter().take(n).map(|x| x.lost_orders).sum();
    // before the first hour is simulated, both worlds show the baseline's first hour
    let (live, base) = if n == 0 { (&run.baseline[..1], &run.baseline[..1]) } else { (&run.frames()[..n], &run.baseline[..n]) };
    Readouts {
        sf_share: (100.0 * f.share[0], 100.0 * b.share[0]),
        hivebox_notify_h: (last_day(live, |x| x.notify_hivebox_taobao), last_day(base, |x| x.notify_hivebox_taobao)),
        sf_taobao_d2d_h: (last_day(live, |x| x.transit_sf_taobao), last_day(base, |x| x.transit_sf_taobao)),
        untracked: (f.untracked / 1e6, b.untracked / 1e6),
        lost_orders: (lost / 1e3, lost_base / 1e3),
    }
}
