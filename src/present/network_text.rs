//! The numbers the network canvas writes, in the reader's language (`view/network.rs` draws
//! them; the words and units are the catalogue's, the formatting `numbers`').

use crate::model::output::Frame;
use crate::present::i18n::Lang;
use crate::present::numbers;

/// Parcels waiting in Hive Box lockers: "3.4 M" in English, "338万" in Chinese.
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
