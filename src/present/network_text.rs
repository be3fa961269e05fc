//! The numbers the network canvas writes, in the reader's language (`view/network.rs` draws
//! them; the words and units are the catalogue's, the formatting `numbers`').

use crate::model::ids::Platform;
use crate::model::output::Frame;
use crate::model::run::Run;
use crate::present::i18n::{fill, named, Lang};
use crate::present::numbers;

/// A platform's parcels over the last 24 simulated hours (`Run::shipped_last_day`): "8.4 M/day";
/// in a language that counts in myriads, in its units of ten thousand, as the cards count.
pub fn platform_per_day(lang: Lang, run: &Run, p: Platform) -> String {
    let n = run.shipped_last_day(p);
    if numbers::myriads(lang) {
        return fill(named(lang, "count.per_day"), &[("n", &numbers::count(lang, n, 1e6, "", 1, false))]);
    }
    fill(named(lang, "network.per_day"), &[("n", &crate::model::decimal::fixed(n / 1e6, 1))])
}

/// Parcels waiting in Hive Box lockers: "3.4 M" in English, in units of 10⁴ and 10⁸ in Chinese.
pub fn locker_waiting(lang: Lang, f: &Frame) -> String {
    numbers::count(lang, f.locker_waiting, 1e6, " M", 1, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting(n: f64) -> Frame {
        Frame { locker_waiting: n, ..Frame::default() }
    }

    #[test]
    fn a_platforms_day_reads_in_millions_in_english_and_in_ten_thousands_in_chinese() {
        let mut spec = crate::model::run::RunSpec::new(crate::model::scenario::builtin("june-2017").unwrap());
        spec.set_param("merchants", 1500.0).unwrap();
        spec.scenario.days = 2;
        let r = Run::new(spec);
        let n = crate::model::decimal::fixed(r.shipped_last_day(Platform::Taobao) / 1e6, 1);
        assert!(n.parse::<f64>().unwrap() > 1.0, "{n}");
        assert_eq!(platform_per_day(Lang::En, &r, Platform::Taobao), format!("{n} M/day"));
        // in Chinese in units of ten thousand, as the cards count: "1234万件/天"
        let zh = platform_per_day(Lang::Zh, &r, Platform::Taobao);
        let wan: f64 = zh.strip_suffix("\u{4e07}\u{4ef6}/\u{5929}").unwrap_or_else(|| panic!("{zh}")).parse().unwrap();
        assert!((wan * 1e4 - r.shipped_last_day(Platform::Taobao)).abs() <= 0.5e4 + 0.01 * wan * 1e4, "{zh}");
    }

    #[test]
    fn the_lockers_count_reads_in_millions_in_english_and_in_myriads_in_chinese() {
        let zh = Lang::Zh;
        for (n, en, zh_text) in [
            (3.379e6, "3.4 M", "338\u{4e07}"),
            (12_345.0, "0.0 M", "1.23\u{4e07}"),
            (0.0, "0.0 M", "0"),
            (1.5e8, "150.0 M", "1.50\u{4ebf}"),
        ] {
            assert_eq!(locker_waiting(Lang::En, &waiting(n)), en);
            // the same text the canvas wrote before, in English
            assert_eq!(locker_waiting(Lang::En, &waiting(n)), format!("{:.1} M", n / 1e6));
            assert_eq!(locker_waiting(zh, &waiting(n)), zh_text);
        }
    }
}
