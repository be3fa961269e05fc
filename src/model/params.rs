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

/// A courier's capacity (with surge) must exceed its average volume by this factor: day-to-day
/// demand noise (3σ ≈ +10 %) and growth over the longest run (120 days at +28 %/year ≈ +9 %).
pub const MIN_EFFECTIVE_HEADROOM: f64 = 1.1;

pub const BANDS: [&str; 4] = ["lt1000", "1000_2000", "2000_3000", "gt3000"];
const BAND_EN: [&str; 4] = [
    "under 1000 km",
    "1000–2000 km",
    "2000–3000 km",
    "over 3000 km",
];
const BAND_ZH: [&str; 4] = [
    "1000公里以内",
    "1000–2000公里",
    "2000–3000公里",
    "3000公里以上",
];
const CAT_EN: [&str; 4] = ["fresh produce", "electronics", "apparel", "general goods"];
const CAT_ZH: [&str; 4] = ["生鲜", "电子产品", "服装", "日用百货"];

fn p(
    name: impl Into<String>,
    unit: &'static str,
    min: f64,
    max: f64,
    en: impl Into<String>,
    zh: impl Into<String>,
) -> ParamSpec {
    ParamSpec {
        name: name.into(),
        unit,
        min,
        max,
        integer: false,
        en: en.into(),
        zh: zh.into(),
    }
}

fn build_specs() -> Vec<ParamSpec> {
    let mut v = Vec::new();
    let mut merchants = p("merchants", "agents", 100.0, 200_000.0,
        "Number of merchant agents; each stands for many real merchants, volumes are scaled to the real totals",
        "商家智能体数量；每个代表许多真实商家，总量按真实规模缩放");
    merchants.integer = true;
    v.push(merchants);
    v.push(p(
        "growth_per_year",
        "fraction/year",
        0.0,
        1.0,
        "Yearly growth of parcel volume",
        "包裹量年增长率",
    ));
    v.push(p(
        "demand_noise",
        "σ (log)",
        0.0,
        0.3,
        "Day-to-day random variation of each platform's orders",
        "各平台订单的日间随机波动",
    ));
    for pl in Platform::ALL {
        for c in Courier::ALL {
            v.push(p(
                format!("volume.{}.{}", pl.id(), c.id()),
                "M parcels/day",
                0.0,
                100.0,
                format!(
                    "Parcels per day that {} merchants ship with {} (all links up)",
                    pl.name_en(),
                    c.name_en()
                ),
                format!(
                    "{}商家每天交给{}的包裹量（所有链接正常）",
                    pl.name_zh(),
                    c.name_zh()
                ),
            ));
        }
    }
    for k in [Category::Fresh, Category::Electronics, Category::Apparel] {
        v.push(p(
            format!("category.{}", k.id()),
            "share",
            0.0,
            1.0,
            format!(
                "Share of orders in {} (general goods take the rest)",
                CAT_EN[k.idx()]
            ),
            format!("{}订单占比（其余为日用百货）", CAT_ZH[k.idx()]),
        ));
    }
    for k in [Category::Fresh, Category::Electronics] {
        v.push(p(format!("premium_affinity.{}", k.id()), "×", 1.0, 20.0,
            format!("How much more {} merchants use the premium couriers (SF, JD Logistics, EMS) than average", CAT_EN[k.idx()]),
            format!("{}商家使用高端快递（顺丰、京东物流、EMS）的倾向倍数", CAT_ZH[k.idx()])));
    }
    for (i, b) in BANDS.iter().enumerate() {
        v.push(p(
            format!("band_share.{}", b),
            "share",
            0.0,
            1.0,
            format!("Share of parcels travelling {}", BAND_EN[i]),
            format!("运距{}的包裹占比", BAND_ZH[i]),
        ));
    }
    for (i, b) in BANDS.iter().enumerate() {
        v.push(p(
            format!("band_hours.{}", b),
            "h",
            1.0,
            150.0,
            format!(
                "Transport time {} for a courier of speed 1, excluding waiting for capacity",
                BAND_EN[i]
            ),
            format!("运距{}的运输时间（速度系数1，不含等待产能）", BAND_ZH[i]),
        ));
    }
    v.push(p(
        "transit_spread",
        "fraction",
        0.0,
        0.8,
        "Spread of transport times around their band's value (±)",
        "运输时间围绕各运距均值的离散程度（±）",
    ));
    for c in Courier::ALL {
        v.push(p(
            format!("speed.{}", c.id()),
            "×",
            0.3,
            2.0,
            format!(
                "{}'s transport time relative to the band time (lower is faster)",
                c.name_en()
            ),
            format!("{}运输时间相对各运距基准的倍数（越小越快）", c.name_zh()),
        ));
    }
    for c in Courier::ALL {
        v.push(p(
            format!("headroom.{}", c.id()),
            "×",
            0.5,
            5.0,
            format!(
                "{}'s hourly sorting capacity as a multiple of its average hourly volume",
                c.name_en()
            ),
            format!("{}每小时分拣产能与其平均小时量之比", c.name_zh()),
        ));
    }
    for c in Courier::ALL {
        v.push(p(
            format!("price.{}", c.id()),
            "yuan/parcel",
            1.0,
            100.0,
            format!("{}'s revenue per parcel", c.name_en()),
            format!("{}单票收入", c.name_zh()),
        ));
    }
    v.push(p(
        "locker_share",
        "share",
        0.0,
        1.0,
        "Share of Hive Box owners' parcels (SF, ZTO, STO, Yunda) delivered to Hive Box lockers",
        "丰巢股东（顺丰、中通、申通、韵达）包裹中投递到丰巢柜的比例",
    ));
    v.push(p(
        "locker_pickup_h",
        "h",
        0.5,
        240.0,
        "Mean time until a notified buyer picks a parcel up from a locker",
        "收到通知的买家从快递柜取件的平均时间",
    ));
    v.push(p(
        "locker_pickup_unnotified_h",
        "h",
        0.5,
        480.0,
        "Mean time until a buyer who was not notified (locker data link cut) picks a parcel up",
        "未收到通知（快递柜数据链接中断）的买家取件的平均时间",
    ));
    v.push(p(
        "inquiry_rate_tracked",
        "per parcel per day",
        0.0,
        1.0,
        "Buyer inquiries per tracked parcel in the system per day",
        "每个可追踪在途包裹每天引发的买家咨询",
    ));
    v.push(p(
        "inquiry_rate_untracked",
        "per parcel per day",
        0.0,
        5.0,
        "Buyer inquiries per untracked parcel in the system per day",
        "每个不可追踪在途包裹每天引发的买家咨询",
    ));
    v.push(p(
        "payment_lag_tracked_h",
        "h",
        0.0,
        480.0,
        "Hours from delivery to payment release when the delivery is visible (Taobao/Alipay)",
        "可见签收时从签收到放款的小时数（淘宝/支付宝）",
    ));
    v.push(p(
        "payment_lag_untracked_h",
        "h",
        0.0,
        480.0,
        "Hours from delivery to payment release when the delivery is not visible",
        "签收不可见时从签收到放款的小时数",
    ));
    v.push(p(
        "fresh_shelf_life_h",
        "h",
        6.0,
        480.0,
        "Fresh produce delivered later than this after the order is spoiled",
        "生鲜下单后超过此时长送达即视为变质",
    ));
    for k in Category::ALL {
        v.push(p(format!("buyers.other_courier.{}", k.id()), "share", 0.0, 1.0,
            format!("Share of {} buyers who accept another courier from the same merchant when the merchant's courier is not offered", CAT_EN[k.idx()]),
            format!("商家所用快递不可选时，{}买家接受同一商家改用其他快递的比例", CAT_ZH[k.idx()])));
    }
    v.push(p("buyers.rival", "share", 0.0, 1.0,
        "Of the buyers who will not take another courier, the share who buy from a rival merchant instead",
        "不接受其他快递的买家中，转向其他商家购买的比例"));
    v.push(p("buyers.defer", "share", 0.0, 1.0,
        "Of the buyers who will not take another courier, the share who wait and order later (the rest give up)",
        "不接受其他快递的买家中，等待之后再下单的比例（其余放弃购买）"));
    v.push(p(
        "defer_patience_h",
        "h",
        1.0,
        720.0,
        "Mean hours a waiting buyer keeps waiting for the courier to come back before giving up",
        "等待的买家在放弃前平均愿意等待快递恢复的小时数",
    ));
    v.push(p(
        "defer_return_h",
        "h",
        1.0,
        168.0,
        "Mean hours until a waiting buyer orders once the courier is offered again",
        "快递恢复可选后，等待的买家平均多少小时内下单",
    ));
    v.push(p(
        "review_days",
        "days",
        1.0,
        365.0,
        "Mean days between a merchant's courier reviews when nothing is wrong",
        "一切正常时商家重新评估快递的平均间隔天数",
    ));
    v.push(p(
        "review_boost.delisted",
        "×",
        1.0,
        500.0,
        "How much faster merchants review when their courier is delisted",
        "所用快递被下架时商家评估加快的倍数",
    ));
    v.push(p(
        "review_boost.advice",
        "×",
        1.0,
        500.0,
        "How much faster merchants review when the platform advises them to switch",
        "平台建议更换快递时商家评估加快的倍数",
    ));
    v.push(p("review_boost.displaced", "×", 1.0, 500.0, "How much faster a merchant that left a courier because of a problem (delisting, inquiries, payment delays) reviews while that courier is offered", "因问题（下架、咨询、回款延迟）离开某快递的商家，在该快递可选期间评估加快的倍数"));
    v.push(p("review_boost.inquiries", "× per yuan", 0.0, 500.0, "Extra review rate per yuan of extra customer-service cost per parcel (buyers' inquiries the merchant must answer)", "每件包裹每多1元客服成本（需回答的买家咨询）带来的评估加快倍数"));
    v.push(p(
        "review_boost.cash",
        "× per 100 yuan-days",
        0.0,
        500.0,
        "Extra review rate per 100 yuan-days of extra waiting for payment per parcel",
        "每件包裹每多100元·天的回款等待带来的评估加快倍数",
    ));
    v.push(p(
        "beta_speed",
        "utility/h",
        0.0,
        1.0,
        "Utility lost per hour of extra delivery time the merchant sees (fresh produce ×3)",
        "商家看到的配送时间每多一小时损失的效用（生鲜×3）",
    ));
    v.push(p("beta_service", "utility/yuan", 0.0, 5.0, "Utility lost per yuan of extra customer-service cost per parcel (answering buyers' inquiries)", "每件包裹每多1元客服成本（回答买家咨询）损失的效用"));
    v.push(p(
        "beta_cash",
        "utility per 100 yuan-days",
        0.0,
        5.0,
        "Utility lost per 100 yuan-days of extra waiting for payment per parcel",
        "每件包裹每多100元·天的回款等待损失的效用",
    ));
    v.push(p(
        "beta_advice",
        "utility",
        0.0,
        10.0,
        "Utility lost when the platform advises against a courier",
        "平台建议不用某快递时损失的效用",
    ));
    v.push(p(
        "inquiry_cost_yuan",
        "yuan/inquiry",
        0.0,
        50.0,
        "Merchant's cost of answering one buyer inquiry (staff time)",
        "商家回答一次买家咨询的成本（人工）",
    ));
    v.push(p(
        "order_value_yuan",
        "yuan",
        1.0,
        2000.0,
        "Mean value of an order: the money that waits for payment release",
        "平均订单金额：等待放款的资金",
    ));
    v.push(p("perception_lag_h", "h", 0.0, 72.0, "Hours before merchants notice a change in deliveries, inquiries and payments (they judge the trailing 24 h, this much later)", "商家察觉配送、咨询和回款变化的延迟小时数（以此延迟观察过去24小时）"));
    v.push(p("perception_noise", "σ (log)", 0.0, 1.0, "How much merchants misjudge a change in a courier's service (spread of each merchant's own reading)", "商家对快递服务变化判断的误差（各商家自身判断的离散程度）"));
    v.push(p("switch_cost", "utility", 0.0, 10.0, "One-off cost of changing the primary courier (e-waybill account, printers, pickup schedule): the same for leaving and for returning", "更换主力快递的一次性成本（电子面单账户、打印机、揽收安排）：离开与回归相同"));
    v.push(p("habit", "utility", 0.0, 5.0, "Loyalty a merchant builds up with its current primary courier (fully formed after habit_days)", "商家对当前主力快递逐渐形成的忠诚度（habit_days后完全形成）"));
    v.push(p(
        "habit_days",
        "days",
        0.5,
        365.0,
        "Days for a merchant's habit with a new primary courier to form (63% after this time)",
        "商家对新主力快递形成习惯所需天数（此时达到63%）",
    ));
    v.push(p(
        "secondary_prob",
        "share",
        0.0,
        1.0,
        "Share of merchants that also keep a secondary courier",
        "同时保留一家备用快递的商家比例",
    ));
    v.push(p(
        "secondary_share",
        "share",
        0.0,
        0.5,
        "Share of its parcels a merchant with a secondary courier sends through it",
        "有备用快递的商家交给备用快递的包裹比例",
    ));
    v.push(p("locker_max_hold_h", "h", 24.0, 240.0, "Hours a parcel may wait in a Hive Box locker; then the courier takes it out and hands it to the buyer in that hour", "包裹在丰巢柜中最多停留的小时数；超过后快递员取出并当小时交给买家"));
    let mut pk = p("pickups_per_day", "per day", 1.0, 24.0, "Courier pickups from merchants per day (evenly spaced from first_pickup_h); orders wait at the merchant until the next pickup", "快递每天上门揽收次数（从first_pickup_h起均匀分布）；订单在商家处等到下次揽收");
    pk.integer = true;
    v.push(pk);
    let mut fp = p(
        "first_pickup_h",
        "hour of day",
        0.0,
        23.0,
        "Hour of the day (Beijing) of the first pickup",
        "每天第一次揽收的时刻（北京时间）",
    );
    fp.integer = true;
    v.push(fp);
    let mut sh = p("sort_shift_h", "h/day", 4.0, 24.0, "Hours a day sorting centres run, starting at the first pickup; capacity per day is the same, concentrated in the shift", "分拣中心每天运行的小时数（从第一次揽收开始）；日产能不变，集中在班次内");
    sh.integer = true;
    v.push(sh);
    v.push(p("surge_capacity", "×", 0.0, 1.0, "Extra sorting capacity a courier adds (temporary staff, at a cost) when its backlog exceeds surge_after_h", "积压超过surge_after_h时快递临时增加的分拣产能（临时人手，有成本）"));
    v.push(p(
        "surge_after_h",
        "h",
        1.0,
        72.0,
        "Backlog, in hours of normal capacity, above which a courier surges",
        "积压（以正常产能小时数计）超过此值时快递启动临时扩能",
    ));
    v.push(p(
        "surge_cost_yuan",
        "yuan/parcel",
        0.0,
        50.0,
        "Extra cost per parcel sorted with surge capacity",
        "临时扩能分拣每件包裹的额外成本",
    ));
    v.push(p("queue_limit_h", "h", 12.0, 240.0, "Backlog, in hours of normal capacity, above which a courier refuses new parcels (buyers then react as if it were not offered)", "积压（以正常产能小时数计）超过此值时快递拒收新包裹（买家如同该快递不可选时一样反应）"));
    v.push(p(
        "mediation_after_h",
        "h",
        0.0,
        2000.0,
        "Regulator policy: restore every link this many hours after the first cut (0 = no policy)",
        "监管政策：首次中断后多少小时恢复所有链接（0为无此政策）",
    ));
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
        format!(
            "unknown parameter '{}' (`standoff explain` lists them all)",
            name
        )
    })?;
    let s = &specs()[i];
    if !value.is_finite() || value < s.min || value > s.max {
        return Err(format!(
            "parameter '{}' = {} is out of range: allowed {} to {} {}",
            name, value, s.min, s.max, s.unit
        ));
    }
    if s.integer && value.fract() != 0.0 {
        return Err(format!(
            "parameter '{}' = {} must be a whole number",
            name, value
        ));
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
        let cats: f64 = ["category.fresh", "category.electronics", "category.apparel"]
            .iter()
            .map(|n| self.get(n))
            .sum();
        if cats > 1.0 + 1e-9 {
            return Err(format!("category.fresh + category.electronics + category.apparel = {:.3}, must be at most 1", cats));
        }
        let bands: f64 = BANDS
            .iter()
            .map(|b| self.get(&format!("band_share.{}", b)))
            .sum();
        if (bands - 1.0).abs() > 1e-6 {
            return Err(format!(
                "the band_share.* values add up to {:.4}, they must add up to 1",
                bands
            ));
        }
        let total: f64 = Platform::ALL
            .iter()
            .flat_map(|p| {
                Courier::ALL
                    .iter()
                    .map(move |c| format!("volume.{}.{}", p.id(), c.id()))
            })
            .map(|n| self.get(&n))
            .sum();
        if total <= 0.0 {
            return Err("the volume.* parameters add up to 0: there would be no parcels".into());
        }
        let rd = self.get("buyers.rival") + self.get("buyers.defer");
        if rd > 1.0 + 1e-9 {
            return Err(format!(
                "buyers.rival + buyers.defer = {:.3}, must be at most 1",
                rd
            ));
        }
        // a courier that cannot clear its normal volume even with surge capacity is unstable
        let surge = self.get("surge_capacity");
        for c in Courier::ALL {
            let name = format!("headroom.{}", c.id());
            let h = self.get(&name);
            if h * (1.0 + surge) < MIN_EFFECTIVE_HEADROOM {
                return Err(format!(
                    "{} = {} with surge_capacity = {} cannot clear the courier's normal volume (queues would grow without bound): {} × (1 + surge_capacity) must be at least {}, so {} ≥ {:.3}",
                    name, h, surge, name, MIN_EFFECTIVE_HEADROOM, name, MIN_EFFECTIVE_HEADROOM / (1.0 + surge)
                ));
            }
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
        assert!(check("merchants", 1000.5)
            .unwrap_err()
            .contains("whole number"));
        assert!(check("nonsense", 1.0)
            .unwrap_err()
            .contains("unknown parameter"));
        assert!(check("beta_speed", f64::NAN).is_err());
    }
}
