//! The headline numbers beside the network (the number cards): now, and in the baseline at the
//! same hour, by the formulas of `present::cards` (which the ensemble's card bands use too).

use crate::model::output::Frame;
use crate::present::cards::{both, CARDS};
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

/// A world's hourly column, by CSV name, from these frames (the cards' averages need only the
/// last day; the lost orders add up from the start).
fn column<'a>(frames: &'a [Frame]) -> impl Fn(&str) -> Vec<f64> + 'a {
    move |name| {
        let get: fn(&Frame) -> f64 = match name {
            "share.sf" => |f| f.share[0],
            "notify_mean_h.hivebox_taobao" => |f| f.notify_hivebox_taobao,
            "delivered.hivebox_taobao" => |f| f.delivered_hivebox_taobao,
            "transit_mean_h.sf_taobao" => |f| f.transit_sf_taobao,
            "delivered.sf_taobao" => |f| f.delivered_sf_taobao,
            "untracked_in_transit" => |f| f.untracked,
            "lost_orders" => |f| f.lost_orders,
            // a card whose column is not read here shows "NaN", not another card's number
            _ => |_| f64::NAN,
        };
        let from = if name == "lost_orders" { 0 } else { frames.len().saturating_sub(24) };
        frames[from..].iter().map(get).collect()
    }
}

/// The headline numbers now and in the baseline; a card averaging over a group too small to
/// mean anything (`present::cards::both`) holds NaN.
pub fn readouts(p: &Player) -> Readouts {
    let run = p.run();
    let n = run.frames().len().min(run.baseline.len());
    // before the first hour is simulated, both worlds show the baseline's first hour
    let (live, base) = if n == 0 { (&run.baseline[..1], &run.baseline[..1]) } else { (&run.frames()[..n], &run.baseline[..n]) };
    let (a, b) = both(&column(live), &column(base));
    let last = |c: &[Vec<f64>; CARDS], k: usize| c[k].last().copied().unwrap_or(0.0);
    let card = |k: usize| (last(&a, k), last(&b, k));
    Readouts { sf_share: card(0), hivebox_notify_h: card(1), sf_taobao_d2d_h: card(2), untracked: card(3), lost_orders: card(4) }
}
