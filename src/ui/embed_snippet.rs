//! The snippet the "Embed" dialog offers: an iframe that shows the current state in an
//! article, as the view the author picks, at a height, playing when seen or not, naming the
//! author's picture for when the app cannot run. Pure, tested
//! natively; `view/embed_dialog.rs` draws the dialog.

use crate::present::i18n::{t, Key};
use crate::present::palette::Theme;
use crate::ui::session::Session;
use crate::ui::views::{ChartKind, View};

/// The state link and the iframe's title for the session.
pub fn parts(s: &Session) -> (String, String) {
    let mut st = s.snapshot();
    st.view = View::Explorer;
    st.theme = Theme::Auto;
    let title = format!("{} — {}", t(s.lang(), Key::TITLE), crate::present::i18n::scenario_title(s.lang(), &s.defaults().id));
    (st.to_link(), title)
}

pub const VIEWS: [(View, Key); 3] = [
    (View::NetworkChart, Key::EMBED_VIEW_NETWORK_CHART),
    (View::Network, Key::EMBED_VIEW_NETWORK),
    (View::Chart(ChartKind::Share), Key::EMBED_VIEW_CHART),
];

/// The address the snippet's frame opens: `link` shown as `view` in `theme`, playing when seen
/// if `autoplay`, naming the author's `picture` (its address, shown when the app cannot run) if any.
pub fn embed_url(page_url: &str, link: &str, view: View, theme: Theme, autoplay: bool, picture: &str) -> String {
    let link = link.split('&').filter(|p| !p.starts_with("view=") && !p.starts_with("theme=")).collect::<Vec<_>>().join("&");
    let auto = if autoplay { "autoplay=1&" } else { "" };
    let picture = match picture.trim() {
        "" => String::new(),
        p => format!("picture={}&", crate::ui::address::encode(p)),
    };
    format!("{}#embed=1&{}{}view={}&theme={}&{}", page_url.split('#').next().unwrap_or(""), auto, picture, view.id(), theme.id(), link)
}

/// The snippet: an iframe of `url` (`embed_url`), `height` px tall.
pub fn snippet(url: &str, title: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0;max-width:1000px\" loading=\"lazy\" allowfullscreen></iframe>",
        attr(url),
        attr(title),
        height
    )
}

fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::address::PageOptions;
    use crate::ui::state::AppState;

    #[test]
    fn the_snippet_opens_the_state_shown_as_the_chosen_view_and_is_safe_in_html() {
        let link = "scenario=june-2017&t=2017-06-01T12:00&lang=en&v=1&view=network&cut=track.sf@2017-06-01T09:00";
        let code = snippet(
            &embed_url("https://example.org/standoff/#old", link, View::Chart(ChartKind::Share), Theme::Dark, true, ""),
            "Parcel \"Standoff\"",
            600,
        );
        assert!(
            code.starts_with(
                "<iframe src=\"https://example.org/standoff/#embed=1&amp;autoplay=1&amp;view=chart:share&amp;theme=dark&amp;scenario=june-2017"
            ),
            "{code}"
        );
        // the page's own fragment and the link's view are replaced, not repeated
        assert!(!code.contains("#old") && !code.contains("view=network"), "{code}");
        assert!(code.contains("cut=track.sf@2017-06-01T09:00"));
        assert!(code.contains("title=\"Parcel &quot;Standoff&quot;\"") && code.contains("height=\"600\""), "{code}");
        assert!(code.contains("view=chart:share&amp;theme=dark&amp;"), "the author's theme travels: {code}");
        let still = snippet(
            &embed_url("https://example.org/", &format!("{link}&theme=light"), View::Network, Theme::Auto, false, " pictures/june 2.png "),
            "t",
            720,
        );
        assert!(!still.contains("autoplay") && still.contains("view=network"), "{still}");
        assert!(still.contains("theme=auto") && !still.contains("theme=light"), "one theme, the one chosen: {still}");
        // the author's picture is named, encoded, and read back by the page's options
        assert!(still.contains("picture=pictures%2Fjune%202.png&amp;"), "{still}");
        // the embed opens the same state (the view aside)
        let src = still.split('"').nth(1).unwrap().replace("&amp;", "&");
        let (st, notes) = AppState::from_link(src.split_once('#').unwrap().1);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(st.view, View::Network);
        assert_eq!(st.theme, Theme::Auto);
        assert_eq!(st.events.len(), 1);
        assert!(src.contains("picture=pictures%2Fjune%202.png&"), "the state's reader leaves picture= alone");
    }

    #[test]
    fn the_dialog_offers_the_state_as_the_explorer_with_a_title_naming_the_scenario() {
        let (st, notes) = AppState::read_link("scenario=june-2017&view=network&lang=zh");
        let s = Session::new(st, notes, &PageOptions::parse("", ""), false);
        let (link, title) = parts(&s);
        assert!(!link.contains("view="), "the explorer is the default view: {link}");
        assert!(title.contains(" — ") && !title.is_ascii(), "{title}");
        assert_eq!(VIEWS.len(), 3);
    }
}
