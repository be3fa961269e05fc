//! The tools at the top: guided story, presenter mode, copy link, embed, help, language.

use crate::i18n::{t, Lang};
use crate::session::Action;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props {
    pub lang: Lang,
    pub story_on: bool,
    pub presenter: bool,
    /// The address was copied and has not changed since.
    pub copied: bool,
    pub on: Callback<Action>,
}

fn pressed(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

pub fn view(p: &Props) -> Html {
    let lang = p.lang;
    let act = |a: Action| super::send::<MouseEvent>(&p.on, a);
    html! {
        <nav class="tools" aria-label={t(lang, "shortcuts")}>
            <button type="button" id="story-start" aria-pressed={pressed(p.story_on)} onclick={act(Action::ToggleStory)}>{ t(lang, "start_story") }</button>
            <button type="button" id="presenter" aria-pressed={pressed(p.presenter)} onclick={act(Action::TogglePresenter)}>{ t(lang, "presenter") }</button>
            <button type="button" id="copy-link" onclick={act(Action::CopyLink)}>
                { if p.copied { t(lang, "link_copied") } else { t(lang, "copy_link") } }
            </button>
            <button type="button" id="embed-button" onclick={act(Action::ToggleEmbedDialog)}>{ t(lang, "embed") }</button>
            <button type="button" id="help-button" aria-label={t(lang, "help")} onclick={act(Action::ToggleHelp)}>{ "?" }</button>
            <button type="button" class="lang" aria-label={format!("{} — {}", t(lang, "language"), t(lang, "language_label"))}
                onclick={act(Action::NextLang)}>{ t(lang, "language") }</button>
        </nav>
    }
}
