//! What can be shown: the explorer, or (for embeds) the network, one chart, or both. Every view
//! name and chart kind is listed here once; links, embeds, the host API and the page read it.

use crate::model::LinkId;

pub use crate::present::charts::ChartKind;

/// A view a link or an embed can ask for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum View {
    /// The whole app.
    #[default]
    Explorer,
    Network,
    /// The network and the SF share chart.
    NetworkChart,
    Chart(ChartKind),
}

impl View {
    /// Every view, in the order the docs list them.
    pub fn all() -> Vec<View> {
        let mut v = vec![View::Explorer, View::Network, View::NetworkChart];
        v.extend(ChartKind::ALL.into_iter().map(View::Chart));
        v
    }

    pub fn id(self) -> String {
        match self {
            View::Explorer => "explorer".into(),
            View::Network => "network".into(),
            View::NetworkChart => "network+chart".into(),
            View::Chart(k) => format!("chart:{}", k.id()),
        }
    }

    /// The view named `s`, or a message listing the views.
    pub fn parse(s: &str) -> Result<View, String> {
        View::all().into_iter().find(|v| v.id() == s).ok_or_else(|| {
            let names: Vec<String> = View::all().into_iter().map(View::id).collect();
            format!("unknown view '{}' (views: {})", s.chars().take(40).collect::<String>(), names.join(", "))
        })
    }

    pub fn shows_network(self) -> bool {
        matches!(self, View::Explorer | View::Network | View::NetworkChart)
    }

    /// The chart that answers "what did my cut do?", shown beside the network in the explorer:
    /// SF's share for a delisting, untracked parcels for a cut data link, SF's share when the
    /// reader has cut nothing yet (the june scenario's headline).
    pub fn focus_chart(last_cut: Option<LinkId>) -> ChartKind {
        match last_cut {
            Some(LinkId::List(..)) | None => ChartKind::Share,
            Some(_) => ChartKind::Untracked,
        }
    }

    /// The charts this view shows, in order.
    pub fn charts(self) -> Vec<ChartKind> {
        match self {
            View::Explorer => ChartKind::ALL.to_vec(),
            View::Network => vec![],
            View::NetworkChart => vec![ChartKind::Share],
            View::Chart(k) => vec![k],
        }
    }
}

#[cfg(test)]
mod focus_tests {
    use super::*;
    use crate::model::{Courier, Platform};

    #[test]
    fn the_focus_chart_follows_the_last_cut() {
        assert_eq!(View::focus_chart(None), ChartKind::Share);
        assert_eq!(View::focus_chart(Some(LinkId::List(Platform::Taobao, Courier::Sf))), ChartKind::Share);
        assert_eq!(View::focus_chart(Some(LinkId::Track(Courier::Sf))), ChartKind::Untracked);
        assert_eq!(View::focus_chart(Some(LinkId::LockerHivebox)), ChartKind::Untracked);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_round_trips_through_its_name_and_every_chart_can_be_embedded() {
        for v in View::all() {
            assert_eq!(View::parse(&v.id()), Ok(v));
        }
        for k in ChartKind::ALL {
            assert_eq!(View::parse(&format!("chart:{}", k.id())), Ok(View::Chart(k)));
        }
        let e = View::parse("<b>").unwrap_err();
        assert!(e.contains("unknown view") && e.contains("chart:sharediff"), "{e}");
    }
}
