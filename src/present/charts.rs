//! The charts, each listed once: its id, title, y axis, and its lines — each line's name,
//! colour, the CSV column it draws (which is also the ensemble series its band comes from) and
//! the scale from the column's unit to the axis's. The chart panel, its readout and data table,
//! the bands, the PNG export, the experiments' charts and the ensemble's list of series all
//! read this table. A new chart is a `ChartKind` and one arm of `def`.

use crate::model::ids::Courier;
use crate::model::output::Frame;
use crate::present::i18n::Key;
use crate::present::palette::courier_rgb;

/// A chart of the explorer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChartKind {
    Share,
    /// SF's share of the Taobao/Tmall parcels (what the delisting acts on).
    TaobaoShare,
    /// Every courier's share minus its share in the baseline (percentage points).
    ShareDiff,
    Transit,
    /// Untracked parcels: a stock (parcels in transit with no tracking).
    Untracked,
    /// Buyers' inquiries: a rate (per hour), on its own axis.
    Inquiries,
    Lost,
}

pub type Rgb = (u8, u8, u8);

/// A line's name: an interface string, or a courier's short name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Label {
    Text(Key),
    Courier(Courier),
}

impl Label {
    /// The line's name as a language shows it.
    pub fn text(self, lang: crate::present::i18n::Lang) -> &'static str {
        match self {
            Label::Courier(c) => crate::present::i18n::courier_short(lang, c),
            Label::Text(k) => crate::present::i18n::t(lang, k),
        }
    }
}

/// Where a line's band of "how sure is this?" comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BandOf {
    None,
    /// The ensemble's band of the line's own column, run and baseline.
    Column,
    /// The ensemble's quantiles of a number card's difference from the baseline (`k`).
    Card(usize),
}

/// One line of a chart.
pub struct Series {
    pub label: Label,
    pub color: Rgb,
    /// Its column in the CSV (`model::output::columns`) and series of the ensemble.
    pub column: String,
    /// Axis units per column unit (e.g. 1e-3 for thousands).
    pub scale: f64,
    pub band: BandOf,
    /// A count of things (parcels, orders): drawn in units of ten thousand (`def_in`) in a
    /// language that counts in myriads, like its cards.
    pub count: bool,
    get: fn(&Frame, usize) -> f64,
    /// The courier, for per-courier columns.
    i: usize,
}

impl Series {
    /// The line's value at an hour, in the axis's units.
    pub fn value(&self, f: &Frame) -> f64 {
        (self.get)(f, self.i) * self.scale
    }
}

/// One chart.
pub struct ChartDef {
    /// In links (`view=chart:<id>`), element ids (`#chart-<id>`) and file names.
    pub id: &'static str,
    pub title: Key,
    pub y: Key,
    /// Lines are differences from the baseline (no ghost lines, a zero line instead).
    pub diff: bool,
    pub series: Vec<Series>,
}

/// Colours for lines that are not couriers: the couriers' (`palette`), so a theme turns them too.
const BLUE: usize = 1;
const VERMILION: usize = 0;
const GREEN: usize = 6;
const PURPLE: usize = 2;

fn line(label: Key, color: Rgb, column: &str, scale: f64, get: fn(&Frame, usize) -> f64) -> Series {
    Series { label: Label::Text(label), color, column: column.into(), scale, band: BandOf::Column, count: false, get, i: 0 }
}

/// A line of a count (parcels, orders), `scale` being the English axis's unit (millions, thousands).
fn count(label: Key, color: Rgb, column: &str, scale: f64, get: fn(&Frame, usize) -> f64) -> Series {
    Series { count: true, ..line(label, color, column, scale, get) }
}

/// A chart as a language shows it: counts in units of ten thousand where the language counts
/// in myriads (its y axis says so), in the English axis's units elsewhere.
pub fn def_in(kind: ChartKind, lang: crate::present::i18n::Lang) -> ChartDef {
    let mut d = def(kind);
    if crate::present::numbers::myriads(lang) {
        for s in d.series.iter_mut().filter(|s| s.count) {
            s.scale = 1e-4;
        }
    }
    d
}

/// Every chart, one arm each.
pub fn def(kind: ChartKind) -> ChartDef {
    let (id, title, y, diff, series) = match kind {
        ChartKind::Share => (
            "share",
            Key::CHART_SHARE,
            Key::CHART_SHARE_Y,
            false,
            vec![line(Key::SF_SHARE, courier_rgb(0), "share.sf", 100.0, |f, _| f.share[0])],
        ),
        ChartKind::TaobaoShare => (
            "taobao",
            Key::CHART_TAOBAO,
            Key::CHART_TAOBAO_Y,
            false,
            vec![line(Key::SF_TAOBAO_SHARE, courier_rgb(0), "share_taobao.sf", 100.0, |f, _| f.share_sf_taobao)],
        ),
        ChartKind::ShareDiff => {
            let each = Courier::ALL.iter().map(|c| Series {
                label: Label::Courier(*c),
                color: courier_rgb(c.idx()),
                column: format!("share.{}", c.id()),
                scale: 100.0,
                // SF's difference: the ensemble's quantiles of the first card, which its readout
                // reads too
                band: if c.idx() == 0 { BandOf::Card(0) } else { BandOf::None },
                count: false,
                get: |f, i| f.share[i],
                i: c.idx(),
            });
            ("sharediff", Key::CHART_SHAREDIFF, Key::CHART_SHAREDIFF_Y, true, each.collect())
        }
        ChartKind::Transit => (
            "transit",
            Key::CHART_TIME,
            Key::CHART_TIME_Y,
            false,
            vec![
                line(Key::MEAN, courier_rgb(BLUE), "transit_mean_h", 1.0, |f, _| f.transit_mean_h),
                line(Key::P90, courier_rgb(VERMILION), "transit_p90_h", 1.0, |f, _| f.transit_p90_h),
            ],
        ),
        ChartKind::Untracked => (
            "untracked",
            Key::CHART_UNTRACKED,
            Key::CHART_UNTRACKED_Y,
            false,
            vec![count(Key::UNTRACKED, courier_rgb(PURPLE), "untracked_in_transit", 1e-6, |f, _| f.untracked)],
        ),
        ChartKind::Inquiries => (
            "inquiries",
            Key::CHART_INQUIRIES,
            Key::CHART_INQUIRIES_Y,
            false,
            vec![count(Key::INQUIRIES, courier_rgb(GREEN), "inquiries", 1e-3, |f, _| f.inquiries)],
        ),
        ChartKind::Lost => (
            "lost",
            Key::CHART_LOST,
            Key::CHART_LOST_Y,
            false,
            vec![
                count(Key::LOST, courier_rgb(VERMILION), "lost_orders", 1e-3, |f, _| f.lost_orders),
                count(Key::SPOILED, courier_rgb(BLUE), "spoiled_fresh", 1e-3, |f, _| f.spoiled_fresh),
            ],
        ),
    };
    ChartDef { id, title, y, diff, series }
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Share,
        ChartKind::TaobaoShare,
        ChartKind::ShareDiff,
        ChartKind::Transit,
        ChartKind::Untracked,
        ChartKind::Inquiries,
        ChartKind::Lost,
    ];

    pub fn id(self) -> &'static str {
        def(self).id
    }
    pub fn is_diff(self) -> bool {
        def(self).diff
    }
    pub fn parse(id: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.id() == id)
    }
    /// The chart's title in the catalogue.
    pub fn title(self) -> Key {
        def(self).title
    }
    /// Catalogue key of its y axis.
    pub fn y_key(self) -> Key {
        def(self).y
    }
}

/// The hourly columns the charts draw bands for, in chart order, each once.
pub fn band_columns() -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for k in ChartKind::ALL {
        for s in def(k).series.into_iter().filter(|s| s.band == BandOf::Column) {
            if !v.contains(&s.column) {
                v.push(s.column);
            }
        }
    }
    v
}

/// The first chart that draws a column, and the line's scale as `lang` shows it (the experiments
/// draw an effect's series on the axis of its chart).
pub fn chart_of(column: &str, lang: crate::present::i18n::Lang) -> Option<(ChartKind, f64)> {
    ChartKind::ALL.into_iter().find_map(|k| def_in(k, lang).series.iter().find(|s| s.column == column).map(|s| (k, s.scale)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::output::columns;
    use crate::present::i18n::Lang;

    #[test]
    fn every_line_draws_a_csv_column_and_its_value_is_that_column_scaled() {
        let cols = columns();
        // distinct values everywhere a line might read
        let f = Frame {
            share: std::array::from_fn(|i| 0.01 * (i + 1) as f64),
            transit_mean_h: 30.0,
            transit_p90_h: 61.0,
            untracked: 2e6,
            inquiries: 4e3,
            lost_orders: 5e3,
            spoiled_fresh: 7e3,
            ..Frame::default()
        };
        for k in ChartKind::ALL {
            let d = def(k);
            assert!(!d.series.is_empty(), "{} has no line", d.id);
            for s in &d.series {
                let c = cols.iter().find(|c| c.name == s.column).unwrap_or_else(|| panic!("{}: no CSV column {}", d.id, s.column));
                assert_eq!(s.value(&f), (c.get)(&f) * s.scale, "{}: {}", d.id, s.column);
            }
        }
    }

    #[test]
    fn ids_are_unique_and_every_courier_has_a_line_of_its_own_in_the_differences() {
        let ids: Vec<&str> = ChartKind::ALL.iter().map(|k| k.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "{ids:?}");
        assert!(ChartKind::ALL.iter().all(|k| ChartKind::parse(k.id()) == Some(*k)));
        let diff = def(ChartKind::ShareDiff);
        assert_eq!(diff.series.len(), Courier::ALL.len());
        assert_eq!(chart_of("lost_orders", Lang::En), Some((ChartKind::Lost, 1e-3)));
        assert_eq!(chart_of("transit_mean_h", Lang::En), Some((ChartKind::Transit, 1.0)));
        // a language that counts in myriads draws counts in units of 10⁴, hours as they are
        for lang in Lang::ALL.into_iter().filter(|l| crate::present::numbers::myriads(*l)) {
            assert_eq!(chart_of("lost_orders", lang), Some((ChartKind::Lost, 1e-4)));
            assert_eq!(chart_of("transit_mean_h", lang), Some((ChartKind::Transit, 1.0)));
        }
        assert_eq!(band_columns()[0], "share.sf");
    }
}
