//! A merchant-level daily panel (`standoff panel`): one row per merchant agent and day, for
//! researchers who want to work at the merchant level (e.g. a difference-in-differences with
//! merchant fixed effects). Each row: the merchant's platform, category, group at the start,
//! primary and secondary courier at the end of the day, whether it has switched, the orders its
//! buyers placed, the orders placed with a courier that was not offered, and of those the ones
//! the merchant lost at once (to rivals or given up) and the ones whose buyers chose to wait.
//! Waiting buyers who come back, and buyers who arrive from rival merchants, are counted in the
//! hourly CSV (`orders_returned`, `orders_to_rivals`), not per merchant.

use super::choice::NONE;
use super::ids::{Category, Courier, Platform, N_CATEGORIES as NK, N_COURIERS as NC};
use super::run::{Run, RunSpec};

pub const HEADER: &str = "day,merchant,platform,category,group,primary,secondary,switched,orders,orders_not_offered,lost_at_once,waiting";

fn courier_id(c: u8) -> &'static str {
    if (c as usize) < NC {
        Courier::ALL[c as usize].id()
    } else {
        ""
    }
}

/// The panel as CSV text (days from the scenario's start, Beijing time).
pub fn csv(spec: RunSpec) -> String {
    let mut r = Run::build(spec, false);
    let cfg = r.cfg.clone();
    let n = r.live.merchants.len();
    let mut out = String::from(HEADER);
    out.push('\n');
    let (mut orders, mut not_offered) = (vec![0.0; n], vec![0.0; n]);
    let groups = ["sf_primary", "sf_secondary", "no_sf"];
    let mut hour = 0;
    while r.now() < r.end() {
        let t = r.now() + 1;
        r.advance_to(t);
        let s = &r.live;
        let m = &s.merchants;
        for i in 0..n {
            let p = m.platform[i] as usize;
            let want = m.volume[i] * s.last_factor[p];
            orders[i] += want;
            for (c, sh) in m.shares(i) {
                if c < NC && sh > 0.0 && !s.last_avail[p][c] {
                    not_offered[i] += want * sh;
                }
            }
        }
        hour += 1;
        if hour % 24 == 0 {
            let day = hour / 24 - 1;
            for i in 0..n {
                let k = m.category[i] as usize;
                debug_assert!(k < NK);
                let rest = not_offered[i] * (1.0 - cfg.other_courier[k]);
                let wait = rest * cfg.buyers_defer;
                out += &format!(
                    "{},{},{},{},{},{},{},{},{:.3},{:.3},{:.3},{:.3}\n",
                    day,
                    i,
                    Platform::ALL[m.platform[i] as usize].id(),
                    Category::ALL[k].id(),
                    groups[m.group[i] as usize],
                    courier_id(m.primary[i]),
                    if m.secondary[i] == NONE { "" } else { courier_id(m.secondary[i]) },
                    m.switched[i] as u8,
                    orders[i],
                    not_offered[i],
                    rest - wait,
                    wait
                );
                orders[i] = 0.0;
                not_offered[i] = 0.0;
            }
        }
    }
    out
}
