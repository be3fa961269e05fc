//! The keyboard help overlay ("?").

use crate::i18n::{t, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    pub on_close: Callback<()>,
}

pub const SHORTCUTS: [(&str, &str); 8] = [
    ("Space", "key_space"),
    ("← / →", "key_arrows"),
    ("R", "key_r"),
    ("F", "key_f"),
    ("P", "key_p"),
    ("S", "key_s"),
    ("?", "key_help"),
    ("Esc", "key_esc"),
];

#[function_component(HelpOverlay)]
pub fn help_overlay(p: &Props) -> Html {
    let lang = p.lang;
    let close = p.on_close.clone();
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
                <h2 id="help-title">{ t(lang, "shortcuts") }</h2>
                <table>
                    <tbody>
                        { for SHORTCUTS.iter().map(|(k, d)| html! {
                            <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ t(lang, d) }</td></tr>
                        }) }
                    </tbody>
                </table>
                <button type="button" ref={node} id="help-close" class="primary" onclick={Callback::from(move |_| close.emit(()))}>{ t(lang, "close") }</button>
            </div>
        </div>
    }
}
