//! Demand and buyers: orders per hour from the merchants' aggregated volumes, a daily (diurnal)
//! profile, growth and day-to-day noise. When the courier an order would go with is not offered
//! (delisted, or refusing parcels because it is full), the buyer
//! - takes another courier from the same merchant (`buyers.other_courier.<category>`),
//! - or buys from a rival merchant on the same platform (`buyers.rival` of the rest),
//! - or waits and orders later (`buyers.defer` of the rest): waiting orders come back when the
//!   courier is offered again (a rebound), or are given up after `defer_patience_h` on average,
//! - or gives up (the rest): a lost sale.

use super::choice::{Agg, NG};
use super::config::Config;
use super::ids::{N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};

/// Orders by hour of day (Beijing), relative to the daily mean: a night trough and evening peak
/// typical of Chinese online shopping. Normalised to mean 1 in `diurnal()`.
const DIURNAL_RAW: [f64; 24] =
    [0.55, 0.35, 0.2, 0.12, 0.1, 0.12, 0.25, 0.5, 0.8, 1.1, 1.35, 1.45, 1.3, 1.25, 1.35, 1.4, 1.35, 1.3, 1.25, 1.4, 1.6, 1.75, 1.6, 1.1];

pub fn diurnal() -> [f64; 24] {
    let m: f64 = DIURNAL_RAW.iter().sum::<f64>() / 24.0;
    let mut d = [0.0; 24];
    for h in 0..24 {
        d[h] = DIURNAL_RAW[h] / m;
    }
    d
}

/// Orders waiting for a courier to come back, by merchant group, platform, category and courier.
pub type Waiting = [[[[f64; NC]; NK]; NP]; NG];

/// One hour of demand.
#[derive(Clone, Debug, Default)]
pub struct Orders {
    /// Parcels handed to couriers, by platform, category and courier.
    pub shipped: [[[f64; NC]; NK]; NP],
    /// Orders that became sales (shipped), all merchants.
    pub sales: f64,
    /// Orders nobody shipped (buyers who gave up, now or after waiting).
    pub lost: f64,
    /// Sales by merchant group, platform and category.
    pub sales_g: [[[f64; NK]; NP]; NG],
    /// Orders a group's merchants did not get: to rival merchants or given up.
    pub lost_g: [[[f64; NK]; NP]; NG],
    /// Orders that started waiting this hour, and waiting orders that came back.
    pub deferred: f64,
    pub returned: f64,
    /// Orders that went to a rival merchant.
    pub to_rivals: f64,
    /// Waiting orders that came back, by group, platform, category and courier (for the panel).
    #[cfg(not(target_arch = "wasm32"))]
    pub returned_cell: Agg,
    /// Orders that arrived from rival merchants, by platform and category (shared among the
    /// merchants of the type whose couriers are offered, by volume).
    #[cfg(not(target_arch = "wasm32"))]
    pub rival_in: [[f64; NK]; NP],
}

/// `factor[p]`: this hour's multiplier on daily volume (diurnal × growth × noise ÷ 24);
/// `avail[p][c]`: is courier c offered (listed and accepting parcels) on platform p.
pub fn hour_orders(
    cfg: &Config,
    agg: &Agg,
    type_mix: &[[[f64; NC]; NK]; NP],
    avail: &[[bool; NC]; NP],
    factor: &[f64; NP],
    waiting: &mut Waiting,
) -> Orders {
    let mut o = Orders::default();
    let ret = 1.0 - libm::exp(-1.0 / cfg.defer_return_h);
    let quit = 1.0 - libm::exp(-1.0 / cfg.defer_patience_h);
    for p in 0..NP {
        for k in 0..NK {
            let mut rival = 0.0;
            for g in 0..NG {
                let row = &agg[g][p][k];
                let (mut redirect, mut listed_total) = (0.0, 0.0);
                let ship = |c: usize, x: f64, o: &mut Orders| {
                    o.shipped[p][k][c] += x;
                    o.sales_g[g][p][k] += x;
                    o.sales += x;
                };
                for c in 0..NC {
                    let want = row[c] * factor[p];
                    if want <= 0.0 {
                        continue;
                    }
                    if avail[p][c] {
                        ship(c, want, &mut o);
                        listed_total += row[c];
                    } else {
                        redirect += want * cfg.other_courier[k];
                        let rest = want * (1.0 - cfg.other_courier[k]);
                        let r = rest * cfg.buyers_rival;
                        let d = rest * cfg.buyers_defer;
                        let gone = (rest - r - d).max(0.0);
                        rival += r;
                        waiting[g][p][k][c] += d;
                        o.deferred += d;
                        o.lost += gone;
                        o.lost_g[g][p][k] += r + gone;
                    }
                }
                if redirect > 0.0 {
                    // the same merchants' other couriers, else the couriers merchants of this type use
                    let (weights, total) = if listed_total > 0.0 {
                        (*row, listed_total)
                    } else {
                        let w = type_mix[p][k];
                        let t: f64 = (0..NC).filter(|&c| avail[p][c]).map(|c| w[c]).sum();
                        (w, t)
                    };
                    if total > 0.0 {
                        for c in 0..NC {
                            if avail[p][c] && weights[c] > 0.0 {
                                ship(c, redirect * weights[c] / total, &mut o);
                            }
                        }
                    } else {
                        // no courier at all: these buyers behave like the rest
                        let r = redirect * cfg.buyers_rival;
                        rival += r;
                        o.lost += redirect - r;
                        o.lost_g[g][p][k] += redirect;
                    }
                }
                // waiting buyers: back when their courier is offered again, else some give up
                for c in 0..NC {
                    let w = waiting[g][p][k][c];
                    if w <= 0.0 {
                        continue;
                    }
                    if avail[p][c] {
                        let x = w * ret;
                        waiting[g][p][k][c] -= x;
                        o.returned += x;
                        #[cfg(not(target_arch = "wasm32"))]
                        {
                            o.returned_cell[g][p][k][c] += x;
                        }
                        ship(c, x, &mut o);
                    } else {
                        let x = w * quit;
                        waiting[g][p][k][c] -= x;
                        o.lost += x;
                        o.lost_g[g][p][k] += x;
                    }
                }
            }
            // buyers who switch merchant: to every merchant of the type that ships with an offered courier
            if rival > 0.0 {
                let mut total = 0.0;
                for g in 0..NG {
                    for c in 0..NC {
                        if avail[p][c] {
                            total += agg[g][p][k][c];
                        }
                    }
                }
                if total > 0.0 {
                    for g in 0..NG {
                        for c in 0..NC {
                            let v = agg[g][p][k][c];
                            if avail[p][c] && v > 0.0 {
                                let x = rival * v / total;
                                o.shipped[p][k][c] += x;
                                o.sales_g[g][p][k] += x;
                                o.sales += x;
                            }
                        }
                    }
                    o.to_rivals += rival;
                    #[cfg(not(target_arch = "wasm32"))]
                    {
                        o.rival_in[p][k] += rival;
                    }
                } else {
                    o.lost += rival;
                }
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::choice::{Merchants, G_SF_PRIMARY};
    use crate::model::scenario;

    #[test]
    fn diurnal_profile_has_mean_one_and_an_evening_peak() {
        let d = diurnal();
        assert!((d.iter().sum::<f64>() / 24.0 - 1.0).abs() < 1e-12);
        assert!(d[21] > 1.4 && d[4] < 0.2);
    }

    fn total_waiting(w: &Waiting) -> f64 {
        w.iter().flatten().flatten().flatten().sum()
    }

    #[test]
    fn buyers_substitute_switch_merchant_wait_or_give_up_and_orders_are_conserved() {
        let cfg = crate::model::config::Config::from_params(&scenario::builtin("baseline-2017").unwrap().params);
        let m = Merchants::new(&cfg, 3);
        let f = [1.0 / 24.0; NP];
        let all_up = [[true; NC]; NP];
        let mut w = [[[[0.0; NC]; NK]; NP]; NG];
        let all = hour_orders(&cfg, &m.agg, &m.type_mix, &all_up, &f, &mut w);
        assert_eq!(all.lost, 0.0);
        assert!((all.sales - cfg.total_daily() / 24.0).abs() < 1e-6 * all.sales);
        let mut avail = all_up;
        avail[0][0] = false; // SF not offered on Taobao
        let cut = hour_orders(&cfg, &m.agg, &m.type_mix, &avail, &f, &mut w);
        let sf_tb: f64 = (0..NK).map(|k| cut.shipped[0][k][0]).sum();
        assert_eq!(sf_tb, 0.0, "no SF parcels from Taobao while SF is not offered");
        let waiting = total_waiting(&w);
        assert!(waiting > 0.0 && cut.to_rivals > 0.0 && cut.lost > 0.0);
        assert!((cut.sales + cut.lost + waiting - all.sales).abs() < 1e-6 * all.sales, "every order is a sale, lost, or waiting");
        // SF-reliant merchants lose a far larger share of their sales than the others
        let g = |o: &Orders, g: usize| (0..NK).map(|k| o.sales_g[g][0][k]).sum::<f64>();
        let lost_g = |o: &Orders, g: usize| (0..NK).map(|k| o.lost_g[g][0][k]).sum::<f64>();
        let rate_sf = lost_g(&cut, G_SF_PRIMARY) / g(&all, G_SF_PRIMARY);
        let rate_rest = lost_g(&cut, 2) / g(&all, 2);
        assert!(rate_sf > 0.05 && rate_rest == 0.0, "{rate_sf} vs {rate_rest}");
        assert!(g(&cut, 2) > g(&all, 2), "rival merchants gain the buyers who switch merchant");
        // SF is back: the waiting buyers return, so sales exceed the normal level for a while
        let back = hour_orders(&cfg, &m.agg, &m.type_mix, &all_up, &f, &mut w);
        assert!(back.returned > 0.0 && back.sales > all.sales);
        // with no deferral there is nothing to come back
        let mut no_defer = cfg.clone();
        no_defer.buyers_defer = 0.0;
        let mut w = [[[[0.0; NC]; NK]; NP]; NG];
        hour_orders(&no_defer, &m.agg, &m.type_mix, &avail, &f, &mut w);
        let back = hour_orders(&no_defer, &m.agg, &m.type_mix, &all_up, &f, &mut w);
        assert_eq!(back.returned, 0.0);
        assert!((back.sales - all.sales).abs() < 1e-9 * all.sales, "no rebound without deferral");
    }
}
