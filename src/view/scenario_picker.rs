//! The hint and the scenario picker with the chosen scenario's description.

use crate::model::scenario;
use crate::present::i18n::{scenario_description, scenario_title, t, Key, Lang};
use crate::ui::session::Action;
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
    let description = scenario_description(lang, p.current);
    html! {
        <>
            <p class="hint">{ t(lang, Key::HINT) }</p>
            <section class="scenario">
                <label for="scenario">{ t(lang, Key::SCENARIO) }</label>
                <select id="scenario" onchange={p.on.reform(|ev: Event| {
                    Action::ChooseScenario(ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
                })}>
                    { for scenario::builtin_ids().into_iter().map(|id| html! {
                        <option value={id} selected={id == p.current}>{ scenario_title(lang, id) }</option>
                    }) }
                </select>
                <p class="scenario-desc" id="scenario-desc">{ description }</p>
            </section>
        </>
    }
}
