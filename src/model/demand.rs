//! Demand: orders per hour from the merchants' aggregated volumes, a daily (diurnal) profile,
//! growth and day-to-day noise. Orders meant for a courier that is not a shipping option on the
//! platform are partly lost (premium categories lose more) and the rest move to the merchants'
//! other listed couriers.

use super::choice::Agg;
use super::config::Config;
use super::ids::{N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::links::Links;

/// Orders by hour of day (Beijing), relative to the daily mean: a night trough and evening peak
/// typical of Chinese online shopping. Normalised to mean 1 in `diurnal()`.
const DIURNAL_RAW: [f64; 24] = [
    0.55, 0.35, 0.2, 0.12, 0.1, 0.12, 0.25, 0.5, 0.8, 1.1, 1.35, 1.45, 1.3, 1.25, 1.35, 1.4, 1.35, 1.3, 1.25, 1.4,
    1.6, 1.75, 1.6, 1.1,
];

pub fn diurnal() -> [f64; 24] {
    let m: f64 = DIURNAL_RAW.iter().sum::<f64>() / 24.0;
    let mut d = [0.0; 24];
    for h in 0..24 {
        d[h] = DIURNAL_RAW[h] / m;
    }
    d
}

/// One hour of demand.
#[derive(Clone, Debug, Default)]
pub struct Orders {
    /// Parcels handed to couriers, by platform, category and courier.
    pub shipped: [[[f64; NC]; NK]; NP],
    /// Orders that became sales (shipped), all merchants.
    pub sales: f64,
    /// Sales of merchants who used SF at the start of the run.
    pub sales_sf_merchants: f64,
    /// Orders lost because the wanted courier was not available.
    pub lost: f64,
    pub lost_sf_merchants: f64,
}

/// `factor[p]`: this hour's multiplier on daily volume (diurnal × growth × noise ÷ 24).
pub fn hour_orders(cfg: &Config, agg: &Agg, type_mix: &[[[f64; NC]; NK]; NP], links: &Links, factor: &[f64; NP]) -> Orders {
    let mut o = Orders::default();
    for g in 0..2 {
        for p in 0..NP {
            for k in 0..NK {
                let row = &agg[g][p][k];
                let mut redirect = 0.0;
                let mut lost = 0.0;
                let mut listed_total = 0.0;
                for c in 0..NC {
                    let want = row[c] * factor[p];
                    if want <= 0.0 {
                        continue;
                    }
                    if links.list[p][c] {
                        o.shipped[p][k][c] += want;
                        listed_total += row[c];
                    } else {
                        lost += want * cfg.loss_unlisted[k];
                        redirect += want * (1.0 - cfg.loss_unlisted[k]);
                    }
                }
                if redirect > 0.0 {
                    // to the listed couriers in proportion to their use in this group, else the type's mix
                    let (weights, total) = if listed_total > 0.0 {
                        (*row, listed_total)
                    } else {
                        let w = type_mix[p][k];
                        let t: f64 = (0..NC).filter(|&c| links.list[p][c]).map(|c| w[c]).sum();
                        (w, t)
                    };
                    if total > 0.0 {
                        for c in 0..NC {
                            if links.list[p][c] && weights[c] > 0.0 {
                                o.shipped[p][k][c] += redirect * weights[c] / total;
                            }
                        }
                    } else {
                        lost += redirect;
                        redirect = 0.0;
                    }
                }
                let sales: f64 = row.iter().sum::<f64>() * factor[p] - lost;
                let _ = redirect;
                o.sales += sales;
                o.lost += lost;
                if g == 0 {
                    o.sales_sf_merchants += sales;
                    o.lost_sf_merchants += lost;
                }
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::choice::Merchants;
    use crate::model::ids::{Courier, LinkId, Platform};
    use crate::model::scenario;

    #[test]
    fn diurnal_profile_has_mean_one_and_an_evening_peak() {
        let d = diurnal();
        assert!((d.iter().sum::<f64>() / 24.0 - 1.0).abs() < 1e-12);
        assert!(d[21] > 1.4 && d[4] < 0.2);
    }

    #[test]
    fn delisting_loses_part_of_the_orders_and_redirects_the_rest() {
        let cfg = crate::model::config::Config::from_params(&scenario::builtin("baseline-2017").unwrap().params);
        let m = Merchants::new(&cfg, 3);
        let f = [1.0 / 24.0; NP];
        let all = hour_orders(&cfg, &m.agg, &m.type_mix, &Links::default(), &f);
        assert_eq!(all.lost, 0.0);
        assert!((all.sales - cfg.total_daily() / 24.0).abs() < 1.0);
        let mut links = Links::default();
        links.set(LinkId::List(Platform::Taobao, Courier::Sf), false);
        let cut = hour_orders(&cfg, &m.agg, &m.type_mix, &links, &f);
        let sf_tb: f64 = (0..NK).map(|k| cut.shipped[0][k][0]).sum();
        assert_eq!(sf_tb, 0.0, "no SF parcels from Taobao while SF is delisted");
        let sf_before: f64 = (0..NK).map(|k| all.shipped[0][k][0]).sum();
        assert!(cut.lost > 0.1 * sf_before && cut.lost < 0.5 * sf_before, "{} of {}", cut.lost, sf_before);
        assert!((cut.sales + cut.lost - all.sales).abs() < 1e-6 * all.sales, "demand is conserved");
        // delisted everywhere, SF merchants lose a far larger share of their sales than the rest
        let mut everywhere = Links::default();
        for p in Platform::ALL {
            everywhere.set(LinkId::List(p, Courier::Sf), false);
        }
        let cut = hour_orders(&cfg, &m.agg, &m.type_mix, &everywhere, &f);
        let rate_sf = cut.lost_sf_merchants / (cut.sales_sf_merchants + cut.lost_sf_merchants);
        let rate_rest = (cut.lost - cut.lost_sf_merchants) / (cut.sales - cut.sales_sf_merchants + cut.lost - cut.lost_sf_merchants);
        assert!(rate_sf > 5.0 * rate_rest, "the loss falls on SF merchants: {rate_sf} vs {rate_rest}");
        let zto_gain: f64 = (0..NK).map(|k| cut.shipped[0][k][1] - all.shipped[0][k][1]).sum();
        assert!(zto_gain > 0.0, "rivals absorb the redirected orders");
    }
}
