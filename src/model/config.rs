//! Typed view of a validated parameter set, read once when a run is built.

use super::ids::{Category, Courier, Platform, N_CATEGORIES as NK, N_COURIERS as NC, N_PLATFORMS as NP};
use super::params::{Params, BANDS};

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub merchants: usize,
    pub growth_per_year: f64,
    pub demand_noise: f64,
    /// Parcels per day (not millions) by platform and courier.
    pub volume: [[f64; NC]; NP],
    pub cat_share: [f64; NK],
    pub premium_affinity: [f64; NK],
    pub band_share: [f64; 4],
    pub band_hours: [f64; 4],
    pub transit_spread: f64,
    pub speed: [f64; NC],
    pub headroom: [f64; NC],
    pub price: [f64; NC],
    pub locker_share: f64,
    pub locker_pickup_h: f64,
    pub locker_pickup_unnotified_h: f64,
    pub inquiry_rate_tracked: f64,
    pub inquiry_rate_untracked: f64,
    pub payment_lag_tracked_h: f64,
    pub payment_lag_untracked_h: f64,
    pub fresh_shelf_life_h: f64,
    pub loss_unlisted: [f64; NK],
    pub review_days: f64,
    pub boost_delisted: f64,
    pub boost_untracked: f64,
    pub boost_advice: f64,
    pub boost_displaced: f64,
    pub beta_speed: f64,
    pub beta_tracking: f64,
    pub beta_advice: f64,
    pub adjust: f64,
    pub switch_threshold: f64,
    pub habit: f64,
    pub mediation_after_h: f64,
}

impl Config {
    pub fn from_params(p: &Params) -> Config {
        let per_courier = |prefix: &str| -> [f64; NC] {
            let mut a = [0.0; NC];
            for c in Courier::ALL {
                a[c.idx()] = p.get(&format!("{}.{}", prefix, c.id()));
            }
            a
        };
        let mut volume = [[0.0; NC]; NP];
        for pl in Platform::ALL {
            for c in Courier::ALL {
                volume[pl.idx()][c.idx()] = p.get(&format!("volume.{}.{}", pl.id(), c.id())) * 1e6;
            }
        }
        let fresh = p.get("category.fresh");
        let elec = p.get("category.electronics");
        let app = p.get("category.apparel");
        let mut loss = [0.0; NK];
        for k in Category::ALL {
            loss[k.idx()] = p.get(&format!("loss_unlisted.{}", k.id()));
        }
        let band = |prefix: &str| -> [f64; 4] {
            let mut a = [0.0; 4];
            for (i, b) in BANDS.iter().enumerate() {
                a[i] = p.get(&format!("{}.{}", prefix, b));
            }
            a
        };
        Config {
            merchants: p.get("merchants") as usize,
            growth_per_year: p.get("growth_per_year"),
            demand_noise: p.get("demand_noise"),
            volume,
            cat_share: [fresh, elec, app, (1.0 - fresh - elec - app).max(0.0)],
            premium_affinity: [p.get("premium_affinity.fresh"), p.get("premium_affinity.electronics"), 1.0, 1.0],
            band_share: band("band_share"),
            band_hours: band("band_hours"),
            transit_spread: p.get("transit_spread"),
            speed: per_courier("speed"),
            headroom: per_courier("headroom"),
            price: per_courier("price"),
            locker_share: p.get("locker_share"),
            locker_pickup_h: p.get("locker_pickup_h"),
            locker_pickup_unnotified_h: p.get("locker_pickup_unnotified_h"),
            inquiry_rate_tracked: p.get("inquiry_rate_tracked"),
            inquiry_rate_untracked: p.get("inquiry_rate_untracked"),
            payment_lag_tracked_h: p.get("payment_lag_tracked_h"),
            payment_lag_untracked_h: p.get("payment_lag_untracked_h"),
            fresh_shelf_life_h: p.get("fresh_shelf_life_h"),
            loss_unlisted: loss,
            review_days: p.get("review_days"),
            boost_delisted: p.get("review_boost.delisted"),
            boost_untracked: p.get("review_boost.untracked"),
            boost_advice: p.get("review_boost.advice"),
            boost_displaced: p.get("review_boost.displaced"),
            beta_speed: p.get("beta_speed"),
            beta_tracking: p.get("beta_tracking"),
            beta_advice: p.get("beta_advice"),
            adjust: p.get("adjust"),
            switch_threshold: p.get("switch_threshold"),
            habit: p.get("habit"),
            mediation_after_h: p.get("mediation_after_h"),
        }
    }

    /// Parcels per day handled by each courier, all platforms together.
    pub fn courier_daily(&self) -> [f64; NC] {
        let mut a = [0.0; NC];
        for row in &self.volume {
            for c in 0..NC {
                a[c] += row[c];
            }
        }
        a
    }

    pub fn platform_daily(&self, p: usize) -> f64 {
        self.volume[p].iter().sum()
    }

    pub fn total_daily(&self) -> f64 {
        self.volume.iter().flatten().sum()
    }

    /// Premium couriers (fast, direct-operated) that fresh and electronics merchants favour.
    pub fn is_premium(c: usize) -> bool {
        c == Courier::Sf.idx() || c == Courier::Jdl.idx() || c == Courier::Ems.idx()
    }
}
