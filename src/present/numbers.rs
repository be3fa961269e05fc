//! Numbers as people read them: a true minus sign (U+2212) for negatives, and counts in the
//! language's own units — "3.08 M" and "28 k" in English; in Chinese in units of ten thousand
//! and of a hundred million (their words are the catalogue's `count.units`, and
//! `count.myriads` says whether a language counts so).

use crate::present::i18n::{named, Lang};

/// `x` with `digits` decimals and a true minus; tiny values (that would print as zero) are 0.
pub fn fixed(x: f64, digits: usize) -> String {
    let tiny = 0.5 * 10f64.powi(-(digits as i32));
    let x = if x.abs() < tiny { 0.0 } else { x };
    let s = crate::model::decimal::fixed(x.abs(), digits);
    if x < 0.0 {
        format!("\u{2212}{s}")
    } else {
        s
    }
}

/// `x` with a sign always shown: "+0.12", "−0.40", "+0".
pub fn signed(x: f64, digits: usize) -> String {
    let s = fixed(x, digits);
    if s.starts_with('\u{2212}') {
        s
    } else {
        format!("+{s}")
    }
}

/// A count of things (`n` of them). By default in units of `scale` with `suffix` and `digits`
/// decimals ("3.08 M"); in a language that counts in myriads (Chinese), in units of 10⁴ or 10⁸
/// with three significant digits, or whole below 10,000. `sign`: always show the sign.
pub fn count(lang: Lang, n: f64, scale: f64, suffix: &str, digits: usize, sign: bool) -> String {
    let body = |x: f64, d: usize| if sign { signed(x, d) } else { fixed(x, d) };
    if !myriads(lang) {
        return format!("{}{}", body(n / scale, digits), suffix);
    }
    let mut units = named(lang, "count.units").split(' ');
    let (wan, yi) = (units.next().unwrap_or(""), units.next().unwrap_or(""));
    let a = n.abs();
    let (x, unit) = if a >= 1e8 {
        (n / 1e8, yi)
    } else if a >= 1e4 {
        (n / 1e4, wan)
    } else {
        return body(n, 0);
    };
    format!("{}{}", body(x, digits_for(x)), unit)
}

/// Whether a language counts in myriads (units of 10⁴ and 10⁸: `count.myriads` in its catalogue).
pub fn myriads(lang: Lang) -> bool {
    named(lang, "count.myriads") == "yes"
}

/// An effect's value with its unit (`ensemble::effects()` units): "604 k", "0.99 M/day", "3.1 h";
/// in a language that counts in myriads, counts of thousands and millions in units of 10⁴ like the
/// cards.
pub fn amount(lang: Lang, x: f64, unit: &str) -> String {
    amount_range(lang, x, x, unit).0
}

/// An effect's axis: the factor from its unit to the axis's and the axis's unit — in units of
/// 10⁴ for counts of thousands and millions where the language counts in myriads (as `amount`).
pub fn axis_unit(lang: Lang, unit: &str) -> (f64, String) {
    let wan = named(lang, "count.units").split(' ').next().unwrap_or("");
    match unit {
        "k" if myriads(lang) => (0.1, wan.to_string()),
        "M/day" if myriads(lang) => (100.0, crate::present::i18n::fill(named(lang, "count.per_day"), &[("n", wan)])),
        _ => (1.0, crate::present::i18n::unit(lang, unit).to_string()),
    }
}

/// Decimals for numbers written side by side (a change and its interval): those of the largest.
pub fn digits_alike(xs: &[f64]) -> usize {
    digits_for(xs.iter().fold(0.0, |m: f64, x| m.max(x.abs())))
}

/// Decimals for numbers up to `big` in size: 0 from 100, 1 from 10, else 2.
pub fn digits_for(big: f64) -> usize {
    if big.abs() >= 100.0 {
        0
    } else if big.abs() >= 10.0 {
        1
    } else {
        2
    }
}

/// The two ends of an interval with their unit, with the same decimals (those of the larger
/// end), so that a range never reads "0.13 to 138 k"; counts of thousands and millions as
/// `count` writes them where the language counts in myriads.
pub fn amount_range(lang: Lang, a: f64, b: f64, unit: &str) -> (String, String) {
    let per_day = |n: String| crate::present::i18n::fill(named(lang, "count.per_day"), &[("n", &n)]);
    match unit {
        "k" if myriads(lang) => (count(lang, a * 1e3, 1e3, "", 0, false), count(lang, b * 1e3, 1e3, "", 0, false)),
        "M/day" if myriads(lang) => (per_day(count(lang, a * 1e6, 1e6, "", 0, false)), per_day(count(lang, b * 1e6, 1e6, "", 0, false))),
        _ => {
            let d = digits_for(a.abs().max(b.abs()));
            let u = crate::present::i18n::unit(lang, unit);
            (format!("{} {u}", fixed(a, d)), format!("{} {u}", fixed(b, d)))
        }
    }
}

/// A value on a chart's axis or in its readout: 0–2 decimals by size (123, 12.3, 1.23), a true
/// minus, and no "−0".
pub fn format_axis(y: f64) -> String {
    let a = y.abs();
    let s = crate::model::decimal::fixed(a, digits_for(a));
    // a true minus sign (U+2212): clearer than a hyphen, and never lost at small sizes
    if y < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        format!("\u{2212}{}", s)
    } else {
        s
    }
}

#[cfg(test)]
mod amount_tests {
    use super::*;

    #[test]
    fn an_effect_reads_in_the_units_of_the_cards() {
        for lang in Lang::ALL {
            let k = amount(lang, 604.2, "k");
            let m = amount(lang, 0.99, "M/day");
            if myriads(lang) {
                // 604.2 thousand = 60.4 myriads; 0.99 million = 99.0 myriads
                assert!(k.starts_with("60.4") && !k.contains('k'), "{k}");
                assert!(m.starts_with("99.0"), "{m}");
            } else {
                assert_eq!(k, "604 k");
                assert_eq!(m, "0.99 M/day");
            }
            assert!(amount(lang, 3.25, "h").starts_with("3.25"));
            // an axis in the same units as the values: 604.2 thousand is 60.42 on a 万 axis
            let (f, u) = axis_unit(lang, "k");
            if f == 1.0 {
                assert_eq!(format!("{k}"), format!("604 {u}"));
            } else {
                assert!(k.starts_with(&format!("{:.1}", 604.2 * f)) && k.ends_with(&u), "{k} {f} {u}");
            }
            // both ends of a range with the decimals of the larger
            let (a, b) = amount_range(lang, 0.131, 138.2, "h");
            assert!(a.starts_with("0 ") && b.starts_with("138 "), "{a} {b}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negatives_read_with_a_true_minus() {
        assert_eq!(fixed(-0.4, 2), "\u{2212}0.40");
        assert_eq!(signed(-0.004, 2), "+0.00");
        assert_eq!(signed(1.5, 1), "+1.5");
        assert!(!signed(-3.0, 0).contains('-'));
    }

    #[test]
    fn counts_read_in_each_languages_units() {
        assert_eq!(count(Lang::En, 3.08e6, 1e6, " M", 2, false), "3.08 M");
        // ten thousand (U+4E07) and a hundred million (U+4EBF)
        assert_eq!(count(Lang::Zh, 3.08e6, 1e6, " M", 2, false), "308\u{4e07}");
        assert_eq!(count(Lang::Zh, 28_000.0, 1e3, " k", 0, true), "+2.80\u{4e07}");
        assert_eq!(count(Lang::Zh, -1.1e8, 1e6, " M", 2, true), "\u{2212}1.10\u{4ebf}");
        assert_eq!(count(Lang::Zh, 512.4, 1e3, " k", 0, false), "512");
        assert_eq!(count(Lang::En, -28_400.0, 1e3, " k", 0, true), "\u{2212}28 k");
    }

    #[test]
    fn axis_values_keep_three_significant_figures_and_a_true_minus() {
        assert_eq!(format_axis(123.456), "123");
        assert_eq!(format_axis(12.345), "12.3");
        assert_eq!(format_axis(1.2345), "1.23");
        assert_eq!(format_axis(-4.5), "\u{2212}4.50");
        assert_eq!(format_axis(-0.001), "0.00");
        assert_eq!(format_axis(0.0), "0.00");
    }
}
