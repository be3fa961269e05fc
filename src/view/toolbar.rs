//! The tools at the top: guided story, presenter mode, copy link, embed, help, language.

use crate::present::i18n::{fill, t, Key, Lang};
use crate::ui::session::Action;
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
    let next = lang.next();
    let act = |a: Action| super::send::<MouseEvent>(&p.on, a);
    html! {
        <nav class="tools" aria-label={t(lang, Key::SHORTCUTS)}>
            <button type="button" id="story-start" aria-pressed={pressed(p.story_on)} onclick={act(Action::ToggleStory)}>{ t(lang, Key::START_STORY) }</button>
            <button type="button" id="presenter" aria-pressed={pressed(p.presenter)} onclick={act(Action::TogglePresenter)}>{ t(lang, Key::PRESENTER) }</button>
            <button type="button" id="copy-link" onclick={act(Action::CopyLink)}>
                { if p.copied { t(lang, Key::LINK_COPIED) } else { t(lang, Key::COPY_LINK) } }
            </button>
            <button type="button" id="embed-button" onclick={act(Action::ToggleEmbedDialog)}>{ t(lang, Key::EMBED) }</button>
            <button type="button" id="help-button" aria-label={t(lang, Key::HELP)} onclick={act(Action::ToggleHelp)}>{ "?" }</button>
            // the next language of the list, by its own name, in its own language and fonts
            <button type="button" class="lang" aria-label={fill(t(lang, Key::LANGUAGE_LABEL), &[("language", next.name())])}
                onclick={act(Action::NextLang)}>
                <span lang={next.html_lang()} style={format!("font-family:{}", next.fonts())}>{ next.name() }</span>
            </button>
        </nav>
    }
}
