//! The number cards' formulas, from hourly series by CSV column name: the page's readouts apply
//! them to the run's frames (`ui::session::readouts`), the ensemble to its recorded series.
//!
//! Two cards are averages over a group of parcels (SF parcels from Taobao, Taobao parcels
//! through Hive Box lockers). An average over a near-empty group is not a finding — a handful of
//! stragglers after SF's delisting once read "208 h" — so a group's average is given only when
//! the group delivered at least `MIN_PARCELS` parcels in its 24 hours and at least `MIN_SHARE`
//! of what the same group delivers in the world with no cuts over the same hours; otherwise it
//! is NaN, which the page shows as "too few parcels".

/// The number of cards, in the order of `ui::session::Readouts`.
pub const CARDS: usize = 5;

/// The smallest group a card averages over: parcels delivered in its 24 hours…
pub const MIN_PARCELS: f64 = 1000.0;
/// …and as a share of the same group's parcels in the world with no cuts.
pub const MIN_SHARE: f64 = 0.1;

/// The column counting each card's group (parcels delivered per hour), for the cards that
/// average over a group.
pub const GROUP: [Option<&str>; CARDS] = [None, Some("delivered.hivebox_taobao"), Some("delivered.sf_taobao"), None, None];

/// The columns the cards read (the ensemble records them).
pub const COLUMNS: [&str; 7] = [
    "share.sf",
    "notify_mean_h.hivebox_taobao",
    "delivered.hivebox_taobao",
    "transit_mean_h.sf_taobao",
    "delivered.sf_taobao",
    "untracked_in_transit",
    "lost_orders",
];

/// The cards at every hour of one world, from its hourly series by CSV column name: the SF
/// share (%), the Hive Box and SF–Taobao times over the parcels delivered in the last 24 hours
/// (a day of deliveries, so one hour's mix of parcels does not swing them; NaN when none were
/// delivered), untracked parcels (millions) and lost orders so far (thousands). No minimum
/// group is applied here: see `both`.
pub fn cards(get: &impl Fn(&str) -> Vec<f64>) -> [Vec<f64>; CARDS] {
    // the mean over the last day's parcels: each hour's mean weighted by its parcels
    let last_day = |mean: Vec<f64>, n: Vec<f64>| -> Vec<f64> {
        (0..mean.len().min(n.len()))
            .map(|h| {
                let from = (h + 1).saturating_sub(24);
                let parcels: f64 = n[from..=h].iter().sum();
                let sum: f64 = (from..=h).filter(|&i| n[i] > 0.0).map(|i| mean[i] * n[i]).sum();
                if parcels > 0.0 {
                    sum / parcels
                } else {
                    f64::NAN
                }
            })
            .collect()
    };
    let mut lost = 0.0;
    [
        get("share.sf").iter().map(|x| 100.0 * x).collect(),
        last_day(get("notify_mean_h.hivebox_taobao"), get("delivered.hivebox_taobao")),
        last_day(get("transit_mean_h.sf_taobao"), get("delivered.sf_taobao")),
        get("untracked_in_transit").iter().map(|x| x / 1e6).collect(),
        get("lost_orders")
            .iter()
            .map(|x| {
                lost += x;
                lost / 1e3
            })
            .collect(),
    ]
}

/// Parcels delivered in the last 24 hours, at every hour, of card `k`'s group (None for a card
/// that is not an average over a group).
pub fn group_size(get: &impl Fn(&str) -> Vec<f64>, k: usize) -> Option<Vec<f64>> {
    let n = get(GROUP[k]?);
    Some((0..n.len()).map(|h| n[(h + 1).saturating_sub(24)..=h].iter().sum()).collect())
}

/// Whether a group of `run` parcels is large enough to average over, beside `baseline` parcels
/// in the world with no cuts.
pub fn enough(run: f64, baseline: f64) -> bool {
    run >= MIN_PARCELS && run >= MIN_SHARE * baseline
}

/// The cards of a run and of its baseline, with the minimum group applied: where the run's
/// group is too small its average is NaN; where the baseline's is, both are.
pub fn both(run: &impl Fn(&str) -> Vec<f64>, baseline: &impl Fn(&str) -> Vec<f64>) -> ([Vec<f64>; CARDS], [Vec<f64>; CARDS]) {
    let (mut a, mut b) = (cards(run), cards(baseline));
    for k in 0..CARDS {
        let (Some(na), Some(nb)) = (group_size(run, k), group_size(baseline, k)) else { continue };
        for h in 0..a[k].len().min(b[k].len()).min(na.len()).min(nb.len()) {
            if !enough(nb[h], nb[h]) {
                (a[k][h], b[k][h]) = (f64::NAN, f64::NAN);
            } else if !enough(na[h], nb[h]) {
                a[k][h] = f64::NAN;
            }
        }
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A world of 48 hours: `n(h)` SF–Taobao parcels delivered at hour `h`, each taking `d(h)` hours.
    fn world(n: impl Fn(usize) -> f64, d: impl Fn(usize) -> f64) -> impl Fn(&str) -> Vec<f64> {
        let (n, d): (Vec<f64>, Vec<f64>) = (0..48).map(|h| (n(h), d(h))).unzip();
        move |name: &str| match name {
            "delivered.sf_taobao" => n.clone(),
            "transit_mean_h.sf_taobao" => d.clone(),
            _ => vec![1.0; 48],
        }
    }

    #[test]
    fn a_group_average_weights_each_hour_by_its_parcels() {
        // 23 hours of 1,000 parcels at 40 h and one of 10 stragglers at 200 h: about 40 h, not 47
        let w = world(|h| if h == 47 { 10.0 } else { 1000.0 }, |h| if h == 47 { 200.0 } else { 40.0 });
        let c = cards(&w);
        assert!((c[2][47] - (23.0 * 40_000.0 + 2000.0) / 23_010.0).abs() < 1e-9, "{}", c[2][47]);
    }

    #[test]
    fn a_near_empty_group_gives_no_number_but_a_full_one_does() {
        let base = world(|_| 2000.0, |_| 45.0);
        // SF delisted at hour 24: a few stragglers a day later, each very late
        let run = world(|h| if h < 24 { 2000.0 } else { 3.0 }, |h| if h < 24 { 45.0 } else { 208.0 });
        let (a, b) = both(&run, &base);
        assert_eq!(a[2][10], 45.0);
        assert!(a[2][47].is_nan(), "72 parcels in a day where no cuts delivers 48,000: too few");
        assert_eq!(b[2][47], 45.0, "the world with no cuts still has its number");
        // the lost orders and the share are counts and shares, never withheld
        assert!(a[4][47].is_finite() && a[0][47].is_finite());
        // a group with no parcels in either world: neither world's average is given
        let empty = world(|_| 0.0, |_| 45.0);
        let (a, b) = both(&empty, &empty);
        assert!(a[2][47].is_nan() && b[2][47].is_nan());
    }
}
