//! The compact header of an embedded simulation: the title and a link to the full app.

use crate::present::i18n::{t, Key, Lang};
use crate::ui::session::Session;
use crate::ui::views::View;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props {
    pub lang: Lang,
    /// The same state in the full app.
    pub full_url: String,
}

/// The address of the session's state in the full app (explorer view, not embedded).
pub fn full_url(s: &Session) -> String {
    let mut st = s.snapshot();
    st.view = View::Explorer;
    super::page::url_with(&st.to_link()).replace("embed=1&", "").replace("&embed=1", "")
}

pub fn view(p: &Props) -> Html {
    html! {
        <header class="embed-top">
            <strong>{ t(p.lang, Key::TITLE) }</strong>
            <a href={p.full_url.clone()} target="_blank" rel="noopener" id="open-full">{ t(p.lang, Key::OPEN_FULL) }</a>
        </header>
    }
}
