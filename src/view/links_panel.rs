//! The data links as switches (`role=switch`): the four that matter in June 2017 first, the
//! rest under "More links". Each names the link and its state.

use crate::model::ids::{Courier, LinkId, Platform};
use crate::model::links::Links;
use crate::present::i18n::{fill, link_name, t, Key, Lang};
use crate::ui::session::Action;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props<'a> {
    pub lang: Lang,
    /// Which links are up now.
    pub links: &'a Links,
    pub on: Callback<Action>,
}

const MAIN: [LinkId; 4] =
    [LinkId::Track(Courier::Sf), LinkId::LockerHivebox, LinkId::List(Platform::Taobao, Courier::Sf), LinkId::DisplayTaobao];

pub fn view(p: &Props<'_>) -> Html {
    let lang = p.lang;
    let button = |l: LinkId| {
        let up = p.links.is_up(l);
        let name = link_name(lang, l);
        let state = t(lang, if up { Key::CONNECTED } else { Key::CUT });
        html! {
            <button type="button" role="switch" aria-checked={if up { "true" } else { "false" }}
                class={classes!("link-toggle", (!up).then_some("is-cut"))}
                data-link={l.id()}
                aria-label={fill(t(lang, Key::LINK_STATE), &[("link", &name), ("state", state)])}
                onclick={super::send(&p.on, Action::ToggleLink(l))}
                onfocus={super::send(&p.on, Action::Focus(Some(l)))}
                onblur={super::send(&p.on, Action::Focus(None))}>
                <span class="mark" aria-hidden="true">{ if up { "━ ━" } else { "━✕━" } }</span>
                <span class="name">{ name }</span>
                <span class="state">{ state }</span>
            </button>
        }
    };
    let more: Vec<LinkId> = LinkId::all().into_iter().filter(|l| !MAIN.contains(l)).collect();
    html! {
        <div class="links" role="group" aria-label={t(lang, Key::LINKS)}>
            <h2>{ t(lang, Key::LINKS) }</h2>
            { for MAIN.iter().map(|l| button(*l)) }
            <details>
                <summary>{ t(lang, Key::MORE_LINKS) }</summary>
                { for more.iter().map(|l| button(*l)) }
            </details>
        </div>
    }
}
