//! Parameter metadata (meaning, unit, range) and the validated parameter set.
//! Values, with their source and confidence, live in the scenario files (`scenarios/*.json`);
//! `baseline-2017` sets every parameter, so its value is the parameter's default.

use super::ids::{Category, Courier, Platform};
use std::sync::OnceLock;

#[derive(Clone, Debug)]
pub struct ParamSpec {
    pub name: String,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub integer: bool,
    pub en: String,
    pub zh: String,
}

pub const BANDS: [&str; 4] = ["lt1000", "1000_2000", "2000_3000", "gt3000"];
const BAND_EN: [&str; 4] = ["under 1000 km", "1000–2000 km", "2000–3000 km", "over 3000 km"];
const BAND_ZH: [&str; 4] = ["1000公里以内", "1000–2000公里", "2000–3000公里", "3000公里以上"];
const CAT_EN: [&str; 4] = ["fresh produce", "electronics", "apparel", "general goods"];
const CAT_ZH: [&str; 4] = ["生鲜", "电子产品", "服装", "日用百货"];

fn p(name: impl Into<String>, unit: &'static str, min: f64, max: f64, en: impl Into<String>, zh: impl Into<String>) -> ParamSpec {
    ParamSpec { name: name.into(), unit, min, max, integer: false, en: en.into(), zh: zh.into() }
}

fn build_specs() -> Vec<ParamSpec> {
    let mut v = Vec::new();
    let mut merchants = p("merchants", "agents", 100.0, 200_000.0,
        "Number of merchant agents; each stands for many real merchants, volumes are scaled to the real totals",
        "商家智能体数量；每个代表许多真实商家，总量按真实规模缩放");
    merchants.integer = true;
    v.push(merchants);
    v.push(p("growth_per_year", "fraction/year", 0.0, 1.0, "Yearly growth of parcel volume", "包裹量年增长率"));
    v.push(p("demand_noise", "σ (log)", 0.0, 0.3, "Day-to-day random variation of each platform's orders", "各平台订单的日间随机波动"));
    for pl in Platform::ALL {
        for c in Courier::ALL {
            v.push(p(format!("volume.{}.{}", pl.id(), c.id()), "M parcels/day", 0.0, 100.0,
                format!("Parcels per day that {} merchants ship with {} (all links up)", pl.name_en(), c.name_en()),
                format!("{}商家每天交给{}的包裹量（所有链接正常）", pl.name_zh(), c.name_zh())));
        }
    }
    for k in [Category::Fresh, Category::Electronics, Category::Apparel] {
        v.push(p(format!("category.{}", k.id()), "share", 0.0, 1.0,
            format!("Share of orders in {} (general goods take the rest)", CAT_EN[k.idx()]),
            format!("{}订单占比（其余为日用百货）", CAT_ZH[k.idx()])));
    }
    for k in [Category::Fresh, Category::Electronics] {
        v.push(p(format!("premium_affinity.{}", k.id()), "×", 1.0, 20.0,
            format!("How much more {} merchants use the premium couriers (SF, JD Logistics, EMS) than average", CAT_EN[k.idx()]),
            format!("{}商家使用高端快递（顺丰、京东物流、EMS）的倾向倍数", CAT_ZH[k.idx()])));
    }
    for (i, b) in BANDS.iter().enumerate() {
        v.push(p(format!("band_share.{}", b), "share", 0.0, 1.0,
            format!("Share of parcels travelling {}", BAND_EN[i]), format!("运距{}的包裹占比", BAND_ZH[i])));
    }
    for (i, b) in BANDS.iter().enumerate() {
        v.push(p(format!("band_hours.{}", b), "h", 1.0, 200.0,
            format!("Transport time {} for a courier of speed 1, excluding waiting for capacity", BAND_EN[i]),
            format!("运距{}的运输时间（速度系数1，不含等待产能）", BAND_ZH[i])));
    }
    v.push(p("transit_spread", "fraction", 0.0, 0.8, "Spread of transport times around their band's value (±)", "运输时间围绕各运距均值的离散程度（±）"));
    for c in Courier::ALL {
        v.push(p(format!("speed.{}", c.id()), "×", 0.3, 3.0,
            format!("{}'s transport time relative to the band time (lower is faster)", c.name_en()),
            format!("{}运输时间相对各运距基准的倍数（越小越快）", c.name_zh())));
    }
    for c in Courier::ALL {
        v.push(p(format!("headroom.{}", c.id()), "×", 0.5, 5.0,
            format!("{}'s hourly sorting capacity as a multiple of its average hourly volume", c.name_en()),
            format!("{}每小时分拣产能与其平均小时量之比", c.name_zh())));
    }
    for c in Courier::ALL {
        v.push(p(format!("price.{}", c.id()), "yuan/parcel", 1.0, 100.0,
            format!("{}'s revenue per parcel", c.name_en()), format!("{}单票收入", c.name_zh())));
    }
    v.push(p("locker_share", "share", 0.0, 1.0,
        "Share of Hive Box owners' parcels (SF, ZTO, STO, Yunda) delivered to Hive Box lockers",
        "丰巢股东（顺丰、中通、申通、韵达）包裹中投递到丰巢柜的比例"));
    v.push(p("locker_pickup_h", "h", 0.5, 240.0, "Mean time until a notified buyer picks a parcel up from a locker", "收到通知的买家从快递柜取件的平均时间"));
    v.push(p("locker_pickup_unnotified_h", "h", 0.5, 480.0,
        "Mean time until a buyer who was not notified (locker data link cut) picks a parcel up",
        "未收到通知（快递柜数据链接中断）的买家取件的平均时间"));
    v.push(p("inquiry_rate_tracked", "per parcel per day", 0.0, 1.0, "Buyer inquiries per tracked parcel in the system per day", "每个可追踪在途包裹每天引发的买家咨询"));
    v.push(p("inquiry_rate_untracked", "per parcel per day", 0.0, 5.0, "Buyer inquiries per untracked parcel in the system per day", "每个不可追踪在途包裹每天引发的买家咨询"));
    v.push(p("payment_lag_tracked_h", "h", 0.0, 480.0, "Hours from delivery to payment release when the delivery is visible (Taobao/Alipay)", "可见签收时从签收到放款的小时数（淘宝/支付宝）"));
    v.push(p("payment_lag_untracked_h", "h", 0.0, 480.0, "Hours from delivery to payment release when the delivery is not visible", "签收不可见时从签收到放款的小时数"));
    v.push(p("fresh_shelf_life_h", "h", 6.0, 480.0, "Fresh produce delivered later than this after the order is spoiled", "生鲜下单后超过此时长送达即视为变质"));
    for k in Category::ALL {
        v.push(p(format!("loss_unlisted.{}", k.id()), "share", 0.0, 1.0,
            format!("Share of {} orders lost when the merchant's courier is not a shipping option", CAT_EN[k.idx()]),
            format!("商家所用快递不可选时{}订单流失的比例", CAT_ZH[k.idx()])));
    }
    v.push(p("review_days", "days", 1.0, 365.0, "Mean days between a merchant's courier reviews when nothing is wrong", "一切正常时商家重新评估快递的平均间隔天数"));
    v.push(p("review_boost.delisted", "×", 1.0, 500.0, "How much faster merchants review when their courier is delisted", "所用快递被下架时商家评估加快的倍数"));
    v.push(p("review_boost.untracked", "×", 1.0, 500.0, "How much faster merchants review when their courier's parcels are untracked", "所用快递包裹无法追踪时商家评估加快的倍数"));
    v.push(p("review_boost.advice", "×", 1.0, 500.0, "How much faster merchants review when the platform advises them to switch", "平台建议更换快递时商家评估加快的倍数"));
    v.push(p("review_boost.displaced", "×", 1.0, 500.0, "How much faster a merchant moved away from its preferred mix reviews again (per unit of the share moved)", "偏离理想组合的商家再次评估加快的倍数（按偏离份额计）"));
    v.push(p("beta_speed", "utility/h", 0.0, 1.0, "Utility lost per hour of extra delivery time (fresh produce ×3)", "每多一小时配送时间损失的效用（生鲜×3）"));
    v.push(p("beta_tracking", "utility", 0.0, 10.0, "Utility lost when a courier's parcels cannot be tracked on the platform", "快递包裹在平台上无法追踪时损失的效用"));
    v.push(p("beta_advice", "utility", 0.0, 10.0, "Utility lost when the platform advises against a courier", "平台建议不用某快递时损失的效用"));
    v.push(p("adjust", "share", 0.0, 1.0, "At a review, the share of the way a merchant moves toward its preferred mix", "评估时商家向理想组合调整的幅度"));
    v.push(p("switch_threshold", "share", 0.0, 1.0, "A merchant changes its mix only if the change moves at least this share of its parcels", "只有调整的包裹份额至少达到此比例，商家才会更换"));
    v.push(p("habit", "share", 0.0, 0.95, "Weight of the current mix in a merchant's preference (switching costs; 0 = none)", "当前组合在商家偏好中的权重（转换成本；0为无）"));
    v.push(p("mediation_after_h", "h", 0.0, 2000.0, "Regulator policy: restore every link this many hours after the first cut (0 = no policy)", "监管政策：首次中断后多少小时恢复所有链接（0为无此政策）"));
    v
}

pub fn specs() -> &'static [ParamSpec] {
    static S: OnceLock<Vec<ParamSpec>> = OnceLock::new();
    S.get_or_init(build_specs)
}

pub fn index_of(name: &str) -> Option<usize> {
    specs().iter().position(|s| s.name == name)
}

/// Check one value against its parameter's range; the message names the parameter and the range.
pub fn check(name: &str, value: f64) -> Result<usize, String> {
    let i = index_of(name).ok_or_else(|| {
        format!("unknown parameter '{}' (`standoff explain` lists them all)", name)
    })?;
    let s = &specs()[i];
    if !value.is_finite() || value < s.min || value > s.max {
        return Err(format!(
            "parameter '{}' = {} is out of range: allowed {} to {} {}",
            name, value, s.min, s.max, s.unit
        ));
    }
    if s.integer && value.fract() != 0.0 {
        return Err(format!("parameter '{}' = {} must be a whole number", name, value));
    }
    Ok(i)
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
            return Err(format!("category.fresh + category.electronics + category.apparel = {:.3}, must be at most 1", cats));
        }
        let bands: f64 = BANDS.iter().map(|b| self.get(&format!("band_share.{}", b))).sum();
        if (bands - 1.0).abs() > 1e-6 {
            return Err(format!("the band_share.* values add up to {:.4}, they must add up to 1", bands));
        }
        let total: f64 = Platform::ALL
            .iter()
            .flat_map(|p| Courier::ALL.iter().map(move |c| format!("volume.{}.{}", p.id(), c.id())))
            .map(|n| self.get(&n))
            .sum();
        if total <= 0.0 {
            return Err("the volume.* parameters add up to 0: there would be no parcels".into());
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
            assert!(!a.en.is_empty() && !a.zh.is_empty(), "{}", a.name);
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
