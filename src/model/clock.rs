//! The simulated clock: whole hours in Beijing time (UTC+8, no daylight saving since 1991).
//! A time is an `Hour`: hours since 1970-01-01T00:00 Beijing time.

pub type Hour = i64;

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    // Howard Hinnant's algorithm (public domain).
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// Parse `YYYY-MM-DDTHH:MM` (Beijing time), optionally followed by `+08:00`.
/// A date alone (`YYYY-MM-DD`) means midnight.
pub fn parse(s: &str) -> Result<Hour, String> {
    let bad = || format!("'{}' is not a time like 2017-06-01T09:00 (Beijing time, whole hours)", super::shorten(s, 40));
    let s2 = s.strip_suffix("+08:00").unwrap_or(s);
    let (date, time) = match s2.split_once('T') {
        Some((d, t)) => (d, t),
        None => (s2, "00:00"),
    };
    let dp: Vec<&str> = date.split('-').collect();
    let tp: Vec<&str> = time.split(':').collect();
    if dp.len() != 3 || dp[0].len() != 4 || dp[1].len() != 2 || dp[2].len() != 2 {
        return Err(bad());
    }
    if tp.len() != 2 || tp[0].len() != 2 || tp[1].len() != 2 {
        return Err(bad());
    }
    let num = |x: &str| -> Result<i64, String> {
        if x.bytes().all(|b| b.is_ascii_digit()) {
            x.parse::<i64>().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let (y, m, d, h, mi) = (num(dp[0])?, num(dp[1])?, num(dp[2])?, num(tp[0])?, num(tp[1])?);
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) || h > 23 {
        return Err(bad());
    }
    if mi != 0 {
        return Err(format!("'{}': the model steps in whole hours, so minutes must be :00", super::shorten(s, 40)));
    }
    Ok(days_from_civil(y, m, d) * 24 + h)
}

/// ISO 8601 with the Beijing offset, e.g. `2017-06-01T09:00+08:00`.
pub fn format_iso(h: Hour) -> String {
    format!("{}+08:00", format_short(h))
}

/// `2017-06-01T09:00` (the form used in links and scenario files).
pub fn format_short(h: Hour) -> String {
    let (y, m, d) = civil_from_days(h.div_euclid(24));
    format!("{:04}-{:02}-{:02}T{:02}:00", y, m, d, h.rem_euclid(24))
}

/// Hour of the day, 0..24.
pub fn hour_of_day(h: Hour) -> usize {
    h.rem_euclid(24) as usize
}

/// Day of the week, 0 = Monday.
pub fn weekday(h: Hour) -> usize {
    // 1970-01-01 was a Thursday.
    ((h.div_euclid(24) + 3).rem_euclid(7)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format_round_trip() {
        let h = parse("2017-06-01T09:00").unwrap();
        assert_eq!(format_iso(h), "2017-06-01T09:00+08:00");
        assert_eq!(parse("2017-06-01T09:00+08:00").unwrap(), h);
        assert_eq!(parse("2017-06-01").unwrap(), h - 9);
        assert_eq!(hour_of_day(h), 9);
        // 1 June 2017 was a Thursday.
        assert_eq!(weekday(h), 3);
        for x in (h - 2000..h + 2000).step_by(7) {
            assert_eq!(parse(&format_short(x)).unwrap(), x);
        }
    }

    #[test]
    fn bad_times_are_explained() {
        assert!(parse("2017-06-31T00:00").is_err());
        assert!(parse("2017-6-1").is_err());
        assert!(parse("2017-06-01T24:00").is_err());
        assert!(parse("2017-06-01T09:30").unwrap_err().contains("whole hours"));
        assert!(parse("soon").is_err());
    }
}
