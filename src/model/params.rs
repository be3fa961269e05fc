//! Parameter metadata (meaning, unit, range) and the validated parameter set.
//! Values, with their source and confidence, live in the scenario files (`scenarios/*.json`);
//! `baseline-2017` sets every parameter, so its value is the parameter's default.

use super::decimal::Shortest;
use super::ids::{Category, Courier, Platform};
use std::sync::OnceLock;

#[derive(Clone, Debug)]
pub struct ParamSpec {
    pub name: String,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub integer: bool,
}

/// A courier's capacity must exceed its average volume by this factor (the lower end of every
/// `headroom.*`): day-to-day demand noise (3σ ≈ +10 %) and growth over the longest run (120 days
/// at +28 %/year ≈ +9 %).
pub const MIN_EFFECTIVE_HEADROOM: f64 = 1.1;

pub const BANDS: [&str; 4] = ["lt1000", "1000_2000", "2000_3000", "gt3000"];

fn p(name: impl Into<String>, unit: &'static str, min: f64, max: f64) -> ParamSpec {
    ParamSpec { name: name.into(), unit, min, max, integer: false }
}

fn build_specs() -> Vec<ParamSpec> {
    let mut v = Vec::new();
    let mut merchants = p("merchants", "agents", 1000.0, 200_000.0);
    merchants.integer = true;
    v.push(merchants);
    v.push(p("growth_per_year", "fraction/year", 0.0, 1.0));
    v.push(p("demand_noise", "σ (log)", 0.0, 0.3));
    for pl in Platform::ALL {
        for c in Courier::ALL {
            v.push(p(format!("volume.{}.{}", pl.id(), c.id()), "M parcels/day", 0.0, 100.0));
        }
    }
    for k in [Category::Fresh, Category::Electronics, Category::Apparel] {
        v.push(p(format!("category.{}", k.id()), "share", 0.0, 1.0));
    }
    for k in [Category::Fresh, Category::Electronics] {
        v.push(p(format!("premium_affinity.{}", k.id()), "×", 1.0, 20.0));
    }
    for b in BANDS.iter() {
        v.push(p(format!("band_share.{}", b), "share", 0.0, 1.0));
    }
    for b in BANDS.iter() {
        v.push(p(format!("band_hours.{}", b), "h", 1.0, 150.0));
    }
    v.push(p("transit_spread", "fraction", 0.0, 0.8));
    for c in Courier::ALL {
        v.push(p(format!("speed.{}", c.id()), "×", 0.3, 2.0));
    }
    for c in Courier::ALL {
        v.push(p(format!("headroom.{}", c.id()), "×", MIN_EFFECTIVE_HEADROOM, 5.0));
    }
    for c in Courier::ALL {
        v.push(p(format!("price.{}", c.id()), "yuan/parcel", 1.0, 100.0));
    }
    v.push(p("locker_share", "share", 0.0, 1.0));
    v.push(p("locker_pickup_h", "h", 0.5, 240.0));
    v.push(p("locker_pickup_unnotified_h", "h", 0.5, 480.0));
    v.push(p("inquiry_rate_tracked", "per parcel per day", 0.0, 1.0));
    v.push(p("inquiry_rate_untracked", "per parcel per day", 0.0, 5.0));
    v.push(p("payment_lag_tracked_h", "h", 0.0, 480.0));
    v.push(p("payment_lag_untracked_h", "h", 0.0, 480.0));
    v.push(p("fresh_shelf_life_h", "h", 6.0, 480.0));
    for k in Category::ALL {
        v.push(p(format!("buyers.other_courier.{}", k.id()), "share", 0.0, 1.0));
    }
    v.push(p("buyers.rival", "share", 0.0, 1.0));
    v.push(p("buyers.defer", "share", 0.0, 1.0));
    v.push(p("defer_patience_h", "h", 1.0, 720.0));
    v.push(p("defer_return_h", "h", 1.0, 168.0));
    v.push(p("review_days", "days", 1.0, 365.0));
    v.push(p("review_boost.delisted", "×", 1.0, 500.0));
    v.push(p("review_boost.advice", "×", 1.0, 500.0));
    v.push(p("review_boost.displaced", "×", 1.0, 500.0));
    v.push(p("review_boost.inquiries", "× per yuan", 0.0, 500.0));
    v.push(p("review_boost.cash", "× per 100 yuan-days", 0.0, 500.0));
    v.push(p("beta_speed", "utility/h", 0.0, 1.0));
    v.push(p("beta_service", "utility/yuan", 0.0, 5.0));
    v.push(p("beta_cash", "utility per 100 yuan-days", 0.0, 5.0));
    v.push(p("beta_advice", "utility", 0.0, 10.0));
    v.push(p("inquiry_cost_yuan", "yuan/inquiry", 0.0, 50.0));
    v.push(p("order_value_yuan", "yuan", 1.0, 2000.0));
    v.push(p("perception_lag_h", "h", 0.0, 72.0));
    v.push(p("perception_noise", "σ (log)", 0.0, 1.0));
    v.push(p("switch_cost", "utility", 0.0, 10.0));
    v.push(p("habit", "utility", 0.0, 5.0));
    v.push(p("habit_days", "days", 0.5, 365.0));
    v.push(p("taste_days", "days", 30.0, 3650.0));
    v.push(p("onboard_h", "h", 0.0, 336.0));
    v.push(p("return_cost_share", "share", 0.0, 1.0));
    v.push(p("outage_expect_days", "days", 0.1, 60.0));
    v.push(p("talks_factor", "×", 0.05, 1.0));
    v.push(p("beta_outage", "utility per day of sales", 0.0, 10.0));
    v.push(p("secondary_prob", "share", 0.0, 1.0));
    v.push(p("secondary_share", "share", 0.0, 0.5));
    v.push(p("locker_max_hold_h", "h", 24.0, 240.0));
    let mut pk = p("pickups_per_day", "per day", 1.0, 24.0);
    pk.integer = true;
    v.push(pk);
    let mut fp = p("first_pickup_h", "hour of day", 0.0, 23.0);
    fp.integer = true;
    v.push(fp);
    let mut sh = p("sort_shift_h", "h/day", 4.0, 24.0);
    sh.integer = true;
    v.push(sh);
    v.push(p("surge_capacity", "×", 0.0, 1.0));
    v.push(p("surge_after_h", "h", 1.0, 72.0));
    v.push(p("surge_cost_yuan", "yuan/parcel", 0.0, 50.0));
    v.push(p("queue_limit_h", "h", 24.0, 240.0));
    v.push(p("mediation_after_h", "h", 0.0, 2000.0));
    v
}

pub fn specs() -> &'static [ParamSpec] {
    static S: OnceLock<Vec<ParamSpec>> = OnceLock::new();
    S.get_or_init(build_specs)
}

pub fn index_of(name: &str) -> Option<usize> {
    specs().iter().position(|s| s.name == name)
}

/// Why a value cannot be a parameter's: the rules of `check`, as data (the interface puts them
/// into the reader's words; `check` into English).
#[derive(Clone, Copy, Debug)]
pub enum Problem {
    Unknown,
    OutOfRange(&'static ParamSpec),
    NotWhole,
}

/// The parameter's index, or why `value` cannot be its value.
pub fn problem(name: &str, value: f64) -> Result<usize, Problem> {
    let i = index_of(name).ok_or(Problem::Unknown)?;
    let s = &specs()[i];
    if !value.is_finite() || value < s.min || value > s.max {
        return Err(Problem::OutOfRange(s));
    }
    if s.integer && value.fract() != 0.0 {
        return Err(Problem::NotWhole);
    }
    Ok(i)
}

/// Check one value against its parameter's range; the message names the parameter and the range.
pub fn check(name: &str, value: f64) -> Result<usize, String> {
    problem(name, value).map_err(|p| match p {
        // a name no parameter has may be anything a person typed: echoed shortened
        Problem::Unknown => format!("unknown parameter '{}' (`standoff explain` lists them all)", super::shorten(name, 40)),
        Problem::OutOfRange(s) => format!(
            "parameter '{}' = {} is out of range: allowed {} to {} {}",
            name,
            Shortest(value),
            Shortest(s.min),
            Shortest(s.max),
            s.unit
        ),
        Problem::NotWhole => format!("parameter '{}' = {} must be a whole number", name, Shortest(value)),
    })
}

/// A complete, validated set of parameter values in spec order.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub values: Vec<f64>,
}

impl Params {
    pub fn get(&self, name: &str) -> f64 {
        match index_of(name) {
            Some(i) => self.values[i],
            None => panic!("model bug: parameter '{}' is not declared", name),
        }
    }
    /// Set one value (range-checked). Rules across parameters are checked by `check_sums`
    /// once all changes are made, so shares can be changed one at a time.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), String> {
        let i = check(name, value)?;
        self.values[i] = value;
        Ok(())
    }
    /// Cross-parameter rules (shares that must add up).
    pub fn check_sums(&self) -> Result<(), String> {
        let cats: f64 = ["category.fresh", "category.electronics", "category.apparel"].iter().map(|n| self.get(n)).sum();
        if cats > 1.0 + 1e-9 {
            return Err(format!(
                "category.fresh + category.electronics + category.apparel = {}, must be at most 1",
                super::decimal::Fixed(cats, 3)
            ));
        }
        let bands: f64 = BANDS.iter().map(|b| self.get(&format!("band_share.{}", b))).sum();
        if (bands - 1.0).abs() > 1e-6 {
            return Err(format!("the band_share.* values add up to {}, they must add up to 1", super::decimal::Fixed(bands, 4)));
        }
        let total: f64 = Platform::ALL
            .iter()
            .flat_map(|p| Courier::ALL.iter().map(move |c| format!("volume.{}.{}", p.id(), c.id())))
            .map(|n| self.get(&n))
            .sum();
        if total <= 0.0 {
            return Err("the volume.* parameters add up to 0: there would be no parcels".into());
        }
        // pairs that must be ordered: an untracked parcel cannot be better for the buyer than a tracked one
        for (a, b, what) in [
            ("locker_pickup_h", "locker_pickup_unnotified_h", "notified buyers pick up no later than unnotified ones"),
            ("inquiry_rate_tracked", "inquiry_rate_untracked", "untracked parcels raise at least as many inquiries as tracked ones"),
            ("payment_lag_tracked_h", "payment_lag_untracked_h", "money for a delivery nobody can see is released no sooner"),
        ] {
            let (x, y) = (self.get(a), self.get(b));
            if x > y {
                return Err(format!("{} = {} is above {} = {}: {} ({} ≤ {})", a, Shortest(x), b, Shortest(y), what, a, b));
            }
        }
        let rd = self.get("buyers.rival") + self.get("buyers.defer");
        if rd > 1.0 + 1e-9 {
            return Err(format!("buyers.rival + buyers.defer = {}, must be at most 1", super::decimal::Fixed(rd, 3)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_ranges_sane() {
        let s = specs();
        for (i, a) in s.iter().enumerate() {
            assert!(a.min < a.max, "{}", a.name);
            for b in &s[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn out_of_range_values_name_the_parameter_and_range() {
        let e = check("locker_share", 1.5).unwrap_err();
        assert!(e.contains("locker_share") && e.contains("0 to 1"), "{e}");
        assert!(check("merchants", 1000.5).unwrap_err().contains("whole number"));
        assert!(check("nonsense", 1.0).unwrap_err().contains("unknown parameter"));
        assert!(check("beta_speed", f64::NAN).is_err());
    }
}
