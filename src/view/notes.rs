//! The notice listing the parts of a link that could not be used, and what the page could not
//! do (a copy, a language's texts).

use crate::present::i18n::{t, Key, Lang};
use crate::ui::session::Action;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props<'a> {
    pub lang: Lang,
    pub notes: &'a [crate::present::note::Note],
    pub on: Callback<Action>,
}

pub fn view(p: &Props<'_>) -> Html {
    if p.notes.is_empty() {
        return Html::default();
    }
    let lang = p.lang;
    let title = crate::present::note::heading(p.notes);
    html! {
        <div class="notice" role="status" id="notes">
            <strong>{ t(lang, title) }</strong>
            <ul>{ for p.notes.iter().map(|n| html! { <li>{ n.text(lang) }</li> }) }</ul>
            <button type="button" onclick={super::send(&p.on, Action::DismissNotes)}>{ t(lang, Key::DISMISS) }</button>
        </div>
    }
}
