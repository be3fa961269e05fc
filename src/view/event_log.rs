//! The narrated event log, newest first.

use crate::model::clock;
use crate::present::i18n::{t, Key, Lang};
use crate::present::narration::Line;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props<'a> {
    pub lang: Lang,
    pub lines: &'a [Line],
}

pub fn view(p: &Props<'_>) -> Html {
    let lang = p.lang;
    let items: Html = if p.lines.is_empty() {
        html! { <li class="muted">{ t(lang, Key::NO_EVENTS) }</li> }
    } else {
        p.lines
            .iter()
            .rev()
            .map(|l| {
                html! {
                    <li class={classes!(l.effect.then_some("effect"))}>
                        <time>{ clock::format_short(l.at).replace('T', " ") }</time>{ " " }{ &l.text }
                    </li>
                }
            })
            .collect()
    };
    html! {
        <section class="log" aria-label={t(lang, Key::EVENTS)}>
            <h2>{ t(lang, Key::EVENTS) }</h2>
            <ol id="event-log" tabindex="0" aria-label={t(lang, Key::EVENTS)}>{ items }</ol>
        </section>
    }
}
