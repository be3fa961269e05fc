//! The hint and the scenario picker with the chosen scenario's description.

use crate::i18n::{scenario_text, t, Key, Lang};
use crate::model::scenario;
use crate::session::Action;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props<'a> {
    pub lang: Lang,
    /// The chosen scenario's id.
    pub current: &'a str,
    pub on: Callback<Action>,
}

pub fn view(p: &Props<'_>) -> Html {
    let lang = p.lang;
    let description = scenario::builtin(p.current).map(|s| scenario_text(lang, &s.description).to_string()).unwrap_or_default();
    html! {
        <>
            <p class="hint">{ t(lang, Key::HINT) }</p>
            <section class="scenario">
                <label for="scenario">{ t(lang, Key::SCENARIO) }</label>
                <select id="scenario" onchange={p.on.reform(|ev: Event| {
                    Action::ChooseScenario(ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
                })}>
                    { for scenario::builtin_ids().into_iter().map(|id| {
                        let s = scenario::builtin(id).expect("built-in");
                        html! { <option value={id} selected={id == p.current}>{ scenario_text(lang, &s.title) }</option> }
                    }) }
                </select>
                <p class="scenario-desc" id="scenario-desc">{ description }</p>
            </section>
        </>
    }
}
