//! The notice listing the parts of a link that could not be used.

use crate::i18n::{t, Lang};
use crate::session::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    pub notes: Vec<String>,
    pub on: Callback<Action>,
}

#[function_component(Notes)]
pub fn notes(p: &Props) -> Html {
    if p.notes.is_empty() {
        return Html::default();
    }
    let lang = p.lang;
    html! {
        <div class="notice" role="status" id="notes">
            <strong>{ t(lang, "ignored") }</strong>
            <ul>{ for p.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            <button type="button" onclick={p.on.reform(|_| Action::DismissNotes)}>{ t(lang, "dismiss") }</button>
        </div>
    }
}
