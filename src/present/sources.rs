//! The publications the app cites, listed once: an id, the address, and (in the catalogue,
//! `source.<id>`) the publication, date and title in words. The story cites them by id and
//! shows each as a link.

/// A cited publication.
pub struct Source {
    pub id: &'static str,
    /// Where to read it; `None` for a source with no public address (the words say what it is).
    pub url: Option<&'static str>,
}

pub const SOURCES: &[Source] = &[
    Source { id: "spb-2017", url: None },
    Source {
        id: "cargoforwarder-2017-06-05",
        url: Some("https://www.cargoforwarder.eu/2017/06/05/alibaba-sf-express-clash-over-data-access/"),
    },
    Source { id: "ducksell-hivebox", url: Some("https://ducksell.com/p/43839.html") },
    Source { id: "beijing-review-2017-06", url: Some("http://english.beijingreview.com.cn/Business/201706/t20170612_800098004.html") },
    Source { id: "cgtn-2017-06-02", url: Some("https://news.cgtn.com/news/3d67444e7945444e/index.html") },
    Source { id: "china-daily-2017-06", url: Some("https://yingyuw.cn/en/10670.html") },
    Source {
        id: "scmp-2017-06-02",
        url: Some("http://www.scmp.com/business/article/2096631/cainiao-sf-express-standoff-over-data-gumming-deliveries-chinas-online"),
    },
    Source { id: "ecns-2017-06-05", url: Some("http://ecns.cn/business/2017/06-05/260121.shtml") },
    Source { id: "ivey-w18544", url: Some("https://www.iveycases.com/ProductView.aspx?id=97337") },
];

/// The source with this id.
pub fn find(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_addresses_are_web_addresses() {
        for (i, a) in SOURCES.iter().enumerate() {
            assert!(SOURCES[i + 1..].iter().all(|b| b.id != a.id), "{} listed twice", a.id);
            if let Some(u) = a.url {
                assert!(u.starts_with("https://") || u.starts_with("http://"), "{u}");
            }
        }
    }
}
