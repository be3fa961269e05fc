//! The keyboard help overlay ("?"), listing `keys::SHORTCUTS`.

use crate::present::i18n::{t, Key, Lang};
use crate::ui::keys::SHORTCUTS;
use crate::ui::session::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    pub on: Callback<Action>,
}

#[function_component(HelpOverlay)]
pub fn help_overlay(p: &Props) -> Html {
    let lang = p.lang;
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" id="help">
            <div class="overlay-box">
                <h2 id="help-title">{ t(lang, Key::SHORTCUTS) }</h2>
                <table>
                    <tbody>
                        { for SHORTCUTS.iter().map(|s| html! {
                            <tr><th scope="row"><kbd>{ s.label }</kbd></th><td>{ t(lang, s.help) }</td></tr>
                        }) }
                    </tbody>
                </table>
                <button type="button" ref={node} id="help-close" class="primary" onclick={super::send(&p.on, Action::ToggleHelp)}>{ t(lang, Key::CLOSE) }</button>
            </div>
        </div>
    }
}
