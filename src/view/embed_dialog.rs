//! The "Embed" dialog: an iframe snippet that shows the current state in an article.

use crate::i18n::{t, Key, Lang};
use crate::session::{Action, Session};
use crate::views::View;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props {
    pub lang: Lang,
    /// The `<iframe>` element to paste.
    pub snippet: String,
    pub on: Callback<Action>,
}

/// The snippet for the session's state, shown as the network and the SF share chart.
pub fn snippet(s: &Session) -> String {
    let mut st = s.snapshot();
    st.view = View::NetworkChart;
    let url = super::page::url_with(&format!("embed=1&{}", st.to_link()));
    let title = format!("{} — {}", t(s.lang(), Key::TITLE), crate::i18n::scenario_title(s.lang(), &s.defaults().id));
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"720\" style=\"border:0;max-width:1000px\" loading=\"lazy\" allowfullscreen></iframe>",
        attr(&url),
        attr(&title)
    )
}

fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

pub fn view(p: &Props) -> Html {
    let lang = p.lang;
    let snippet = p.snippet.clone();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="embed-title" id="embed-dialog">
            <div class="overlay-box">
                <h2 id="embed-title">{ t(lang, Key::EMBED) }</h2>
                <p>{ t(lang, Key::EMBED_HELP) }</p>
                <label for="embed-code">{ t(lang, Key::EMBED_CODE) }</label>
                <textarea id="embed-code" readonly=true rows="6" value={p.snippet.clone()} />
                <div class="story-nav">
                    <button type="button" onclick={Callback::from(move |_| super::page::copy_text(&snippet))}>{ t(lang, Key::COPY) }</button>
                    <button type="button" class="primary" id="embed-close" onclick={super::send(&p.on, Action::ToggleEmbedDialog)}>{ t(lang, Key::CLOSE) }</button>
                </div>
            </div>
        </div>
    }
}
