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
    /// Buyers who accept another courier from the same merchant, by category.
    pub other_courier: [f64; NK],
    pub buyers_rival: f64,
    pub buyers_defer: f64,
    pub defer_patience_h: f64,
    pub defer_return_h: f64,
    pub review_days: f64,
    pub boost_delisted: f64,
    pub boost_advice: f64,
    pub boost_displaced: f64,
    pub boost_inquiries: f64,
    pub boost_cash: f64,
    pub beta_speed: f64,
    pub beta_service: f64,
    pub beta_cash: f64,
    pub beta_advice: f64,
    pub inquiry_cost_yuan: f64,
    pub order_value_yuan: f64,
    pub perception_lag_h: f64,
    pub perception_noise: f64,
    pub switch_cost: f64,
    pub habit: f64,
    pub habit_days: f64,
    pub taste_days: f64,
    pub onboard_h: f64,
    pub return_cost_share: f64,
    pub outage_expect_days: f64,
    pub talks_factor: f64,
    pub beta_outage: f64,
    pub secondary_prob: f64,
    pub secondary_share: f64,
    pub locker_max_hold_h: f64,
    pub pickups_per_day: usize,
    pub first_pickup_h: usize,
    pub sort_shift_h: usize,
    pub surge_capacity: f64,
    pub surge_after_h: f64,
    pub surge_cost_yuan: f64,
    pub queue_limit_h: f64,
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
        let mut other = [0.0; NK];
        for k in Category::ALL {
            other[k.idx()] = p.get(&format!("buyers.other_courier.{}", k.id()));
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
            other_courier: other,
            buyers_rival: p.get("buyers.rival"),
            buyers_defer: p.get("buyers.defer"),
            defer_patience_h: p.get("defer_patience_h"),
            defer_return_h: p.get("defer_return_h"),
            review_days: p.get("review_days"),
            boost_delisted: p.get("review_boost.delisted"),
            boost_advice: p.get("review_boost.advice"),
            boost_displaced: p.get("review_boost.displaced"),
            boost_inquiries: p.get("review_boost.inquiries"),
            boost_cash: p.get("review_boost.cash"),
            beta_speed: p.get("beta_speed"),
            beta_service: p.get("beta_service"),
            beta_cash: p.get("beta_cash"),
            beta_advice: p.get("beta_advice"),
            inquiry_cost_yuan: p.get("inquiry_cost_yuan"),
            order_value_yuan: p.get("order_value_yuan"),
            perception_lag_h: p.get("perception_lag_h"),
            perception_noise: p.get("perception_noise"),
            switch_cost: p.get("switch_cost"),
            habit: p.get("habit"),
            habit_days: p.get("habit_days"),
            taste_days: p.get("taste_days"),
            onboard_h: p.get("onboard_h"),
            return_cost_share: p.get("return_cost_share"),
            outage_expect_days: p.get("outage_expect_days"),
            talks_factor: p.get("talks_factor"),
            beta_outage: p.get("beta_outage"),
            secondary_prob: p.get("secondary_prob"),
            secondary_share: p.get("secondary_share"),
            locker_max_hold_h: p.get("locker_max_hold_h"),
            pickups_per_day: p.get("pickups_per_day") as usize,
            first_pickup_h: p.get("first_pickup_h") as usize,
            sort_shift_h: p.get("sort_shift_h") as usize,
            surge_capacity: p.get("surge_capacity"),
            surge_after_h: p.get("surge_after_h"),
            surge_cost_yuan: p.get("surge_cost_yuan"),
            queue_limit_h: p.get("queue_limit_h"),
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

    /// Is `h` (hour of day) a pickup hour?
    pub fn is_pickup_hour(&self, h: usize) -> bool {
        let n = self.pickups_per_day.max(1);
        (0..n).any(|j| (self.first_pickup_h + j * 24 / n) % 24 == h)
    }

    /// Is hour of day `h` inside the sorting shift (which starts at the first pickup)?
    pub fn in_shift(&self, h: usize) -> bool {
        (h + 24 - self.first_pickup_h) % 24 < self.sort_shift_h
    }

    /// Longest transport time any route can take (hours): sizes the delivery ring.
    pub fn max_transit_h(&self) -> usize {
        let b = self.band_hours.iter().cloned().fold(0.0, f64::max);
        let s = self.speed.iter().cloned().fold(0.0, f64::max);
        libm::ceil(b * s * (1.0 + 1.2 * self.transit_spread)) as usize + 1
    }

    /// Premium couriers (fast, direct-operated) that fresh and electronics merchants favour.
    pub fn is_premium(c: usize) -> bool {
        c == Courier::Sf.idx() || c == Courier::Jdl.idx() || c == Courier::Ems.idx()
    }
}
