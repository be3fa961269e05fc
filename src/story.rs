//! The guided June 2017 story: steps over the `june-2017` scenario, each a moment of the real
//! timeline with a caption, its source, and sometimes a "predict, then reveal" question.

use crate::scenario_text::T;

pub struct Question {
    pub prompt: T,
    /// Answer choices; `correct` is the index of the one the model supports.
    pub choices: [T; 3],
    pub correct: usize,
    /// Where the simulation jumps to reveal the answer (Beijing time).
    pub reveal_at: &'static str,
    pub explain: T,
}

pub struct Step {
    /// The moment shown (Beijing time).
    pub at: &'static str,
    pub title: T,
    pub text: T,
    pub source: &'static str,
    pub question: Option<Question>,
}

const fn t(en: &'static str, zh: &'static str) -> T {
    T { en, zh }
}

pub const STEPS: &[Step] = &[
    Step {
        at: "2017-05-31T12:00",
        title: t("A normal day: 110 million parcels", "平常的一天：1.1亿件包裹"),
        text: t(
            "Merchants on Taobao, JD and other platforms hand parcels to nine couriers. Tracking data flows from each courier through Cainiao to Taobao, so buyers can follow their parcel. About 1 million Taobao parcels a day go with SF Express, and 2 million end up in Hive Box lockers.",
            "淘宝、京东等平台的商家把包裹交给九家快递。物流信息从快递经菜鸟传到淘宝，买家可以随时查看。每天约100万件淘宝包裹由顺丰承运，约200万件进入丰巢快递柜。"
        ),
        source: "Calibration: SPB 2017; SCMP (seed 001); Hive Box figures (facts-2017)",
        question: None,
    },
    Step {
        at: "2017-06-01T01:00",
        title: t("Midnight, 1 June: the locker link is cut", "6月1日零点：快递柜数据被切断"),
        text: t(
            "Cainiao had asked Hive Box for data on every parcel in its lockers. Hive Box refused, and Cainiao cut the data interface. Hive Box no longer receives Taobao buyers' phone numbers.",
            "菜鸟要求丰巢提供柜内所有包裹的数据，丰巢拒绝后，菜鸟切断了数据接口。丰巢不再收到淘宝买家的手机号。"
        ),
        source: "Beijing Review, 2017-06-12; CGTN, 2017-06-02",
        question: Some(Question {
            prompt: t("What happens to Taobao parcels delivered to Hive Box lockers over the next day?", "接下来一天，送进丰巢柜的淘宝包裹会怎样？"),
            choices: [
                t("They are sent back to the merchant", "被退回商家"),
                t("They wait longer: buyers are not told they have arrived", "等待更久：买家不知道包裹已到"),
                t("Nothing changes", "没有变化"),
            ],
            correct: 1,
            reveal_at: "2017-06-02T01:00",
            explain: t(
                "Parcels still arrive, but buyers are not notified, so pickups take much longer and millions of parcels can no longer be tracked.",
                "包裹照常送达，但买家收不到通知，取件慢了很多，数百万件包裹无法追踪。"
            ),
        }),
    },
    Step {
        at: "2017-06-01T10:00",
        title: t("Morning: SF stops sending tracking data", "上午：顺丰停止回传数据"),
        text: t(
            "SF Express stops returning logistics data to Cainiao. SF parcels bought on Taobao still move, but buyers see no tracking. Worried buyers start asking where their parcels are.",
            "顺丰停止向菜鸟回传物流数据。淘宝上的顺丰包裹照常运输，但买家看不到物流信息，焦急的买家开始询问。"
        ),
        source: "CGTN, 2017-06-02 (seed 002)",
        question: None,
    },
    Step {
        at: "2017-06-01T19:00",
        title: t("Evening: Taobao removes SF", "傍晚：淘宝移除顺丰"),
        text: t(
            "Taobao and Tmall remove SF Express as a shipping option and advise merchants to use other couriers. Merchants who relied on SF must switch — and some of their buyers, who wanted SF, leave.",
            "淘宝、天猫将顺丰从发货选项中移除，并建议商家改用其他快递。依赖顺丰的商家必须更换，一部分想要顺丰的买家随之流失。"
        ),
        source: "SCMP via seed 001; Cainiao statement (seed 000)",
        question: Some(Question {
            prompt: t("What happens to SF's share of Taobao parcels by tomorrow noon?", "到明天中午，顺丰在淘宝包裹中的份额会怎样？"),
            choices: [
                t("It falls to almost nothing", "几乎降为零"),
                t("It falls by about a tenth", "下降约十分之一"),
                t("It stays the same: merchants are loyal", "保持不变：商家很忠诚"),
            ],
            correct: 0,
            reveal_at: "2017-06-02T12:00",
            explain: t(
                "While SF is not a shipping option, no new Taobao orders can go with SF. SF's national share falls less, because most SF parcels come from other platforms.",
                "顺丰不是发货选项时，新的淘宝订单都无法交给顺丰。顺丰的全国份额下降较少，因为其大部分包裹来自其他平台。"
            ),
        }),
    },
    Step {
        at: "2017-06-02T15:00",
        title: t("2 June: the costs spread", "6月2日：代价扩散"),
        text: t(
            "Rivals absorb SF's Taobao parcels and slow down a little. Fresh fruit that would have gone with fast SF goes slower and spoils more. SF's shares fall 3.54% on the stock market. Compare the charts with the faint lines: the world without the dispute.",
            "竞争对手接下顺丰的淘宝包裹，速度略有下降。原本走顺丰的生鲜改走慢的快递，变质更多。顺丰股价下跌3.54%。把图表与浅色线（没有纠纷的世界）比较一下。"
        ),
        source: "CGTN, 2017-06-02 (seed 002); State Post Bureau statement (seed 000)",
        question: None,
    },
    Step {
        at: "2017-06-03T13:00",
        title: t("3 June, noon: everything is restored", "6月3日中午：全部恢复"),
        text: t(
            "After mediation by the State Post Bureau, data sharing resumes and SF is listed again. Tracking comes back at once.",
            "经国家邮政局协调，数据共享恢复，顺丰重新上架，物流信息立即恢复。"
        ),
        source: "ecns, 2017-06-05; Ivey case W18544",
        question: Some(Question {
            prompt: t("A week later, is SF's Taobao volume back to normal?", "一周后，顺丰的淘宝包裹量恢复正常了吗？"),
            choices: [
                t("Yes, fully: the links are back", "完全恢复：链接已经恢复"),
                t("Mostly, but part of it stays with rivals", "大部分恢复，但有一部分留在了竞争对手那里"),
                t("No, it stays near zero", "没有，仍接近零"),
            ],
            correct: 1,
            reveal_at: "2017-06-10T12:00",
            explain: t(
                "Merchants who switched have new habits and contracts; they come back only slowly, and some not at all. Part of the shift outlives the dispute.",
                "已经更换快递的商家有了新习惯和新合同，回来得很慢，有些不再回来。部分转移在纠纷结束后依然存在。"
            ),
        }),
    },
    Step {
        at: "2017-06-10T23:00",
        title: t("Now it is your turn", "现在轮到你了"),
        text: t(
            "Explore freely: cut any data link, change the parameters, and compare with the world where nothing was cut. What if only the locker link had been cut? What if nobody had mediated?",
            "自由探索：切断任意数据链接，修改参数，与没有中断的世界比较。如果只切断快递柜数据会怎样？如果无人协调呢？"
        ),
        source: "",
        question: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{clock, scenario};

    #[test]
    fn every_step_is_inside_the_june_scenario_and_fully_translated() {
        let s = scenario::builtin("june-2017").unwrap();
        let end = s.start + s.days as i64 * 24;
        let mut last = s.start;
        for st in STEPS {
            let at = clock::parse(st.at).unwrap();
            assert!(at >= last && at < end, "{}", st.at);
            last = at;
            for x in [&st.title, &st.text] {
                assert!(!x.en.is_empty() && !x.zh.is_empty());
            }
            if let Some(q) = &st.question {
                let r = clock::parse(q.reveal_at).unwrap();
                assert!(r > at && r < end);
                assert!(q.correct < 3);
                for x in q.choices.iter().chain([&q.prompt, &q.explain]) {
                    assert!(!x.en.is_empty() && !x.zh.is_empty());
                }
            }
        }
    }

    #[test]
    fn the_answers_are_what_the_model_shows() {
        use crate::model::run::{Run, RunSpec};
        let mut r = Run::new(RunSpec::new(scenario::builtin("june-2017").unwrap()));
        r.advance_to(clock::parse("2017-06-10T13:00").unwrap());
        let f = r.frames();
        let at = |s: &str| (clock::parse(s).unwrap() - r.start()) as usize;
        // step 2: locker parcels untracked the next day
        assert!(f[at("2017-06-02T01:00")].untracked > 1e6);
        // step 4: SF's Taobao parcels fall to almost nothing
        let day = |i: usize| f[i - 23..=i].iter().map(|x| x.shipped[0][0]).sum::<f64>();
        let base = |i: usize| r.baseline[i - 23..=i].iter().map(|x| x.shipped[0][0]).sum::<f64>();
        let i = at("2017-06-02T12:00");
        assert!(day(i) < 0.4 * base(i));
        // step 6: mostly back, but not fully
        let j = at("2017-06-10T12:00");
        assert!(day(j) > 0.6 * base(j) && day(j) < 0.95 * base(j), "{} vs {}", day(j), base(j));
    }
}
