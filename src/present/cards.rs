//! The number cards' formulas, from hourly series by CSV column name: the page's readouts apply
//! them to the run's frames (`ui::session::readouts`), the ensemble to its recorded series.

/// The number of cards, in the order of `ui::session::Readouts`.
pub const CARDS: usize = 5;

/// The cards at every hour of one world, from its hourly series by CSV column name: the SF
/// share (%), the Hive Box and SF–Taobao times averaged over the last 24 hours (a day of
/// deliveries, so one hour's mix of parcels does not swing them), untracked parcels (millions)
/// and lost orders so far (thousands).
pub fn cards(get: impl Fn(&str) -> Vec<f64>) -> [Vec<f64>; CARDS] {
    let last_day = |v: Vec<f64>| -> Vec<f64> {
        (0..v.len())
            .map(|h| {
                let day = &v[(h + 1).saturating_sub(24)..=h];
                day.iter().sum::<f64>() / day.len() as f64
            })
            .collect()
    };
    let mut lost = 0.0;
    [
        get("share.sf").iter().map(|x| 100.0 * x).collect(),
        last_day(get("notify_mean_h.hivebox_taobao")),
        last_day(get("transit_mean_h.sf_taobao")),
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
