//! The parameters panel, generated from the model's parameter metadata: every parameter with
//! its meaning, unit, range, default and source; edits are validated and explained.

use crate::model::params::specs;
use crate::model::scenario::Scenario;
use crate::present::i18n::{t, Key, Lang};
use crate::ui::session::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    /// The scenario as loaded (its values are the defaults, with their sources).
    pub defaults: Rc<Scenario>,
    /// The values in force.
    pub values: Rc<Vec<f64>>,
    #[prop_or_default]
    pub error: Option<String>,
    /// The parameter the error is about (its field shows it).
    #[prop_or_default]
    pub error_field: Option<String>,
    pub on: Callback<Action>,
}

/// Groups of the panel: (catalogue key, name prefixes of their parameters); the first takes
/// whatever no other group does.
pub(crate) const GROUPS: [(&str, &str); 11] = [
    ("param_group.scale", ""),
    ("param_group.volume", "volume."),
    ("param_group.category", "category."),
    ("param_group.buyers", "buyers.|defer_"),
    ("param_group.transport", "band_"),
    ("param_group.operations", "pickups_|first_pickup|sort_shift|surge_|queue_limit"),
    ("param_group.capacity", "speed.|headroom.|transit_spread"),
    ("param_group.prices", "price."),
    ("param_group.lockers", "locker_|inquiry_rate|payment_|fresh_"),
    ("param_group.choice", "review_|beta_|switch_|habit|premium_|perception_|secondary_|inquiry_cost|order_value"),
    ("param_group.policy", "mediation_"),
];

pub(crate) fn group_of(name: &str) -> usize {
    for (i, (_, prefixes)) in GROUPS.iter().enumerate().skip(1) {
        if prefixes.split('|').any(|p| name.starts_with(p)) {
            return i;
        }
    }
    0
}

fn fmt(v: f64) -> String {
    let s = crate::model::decimal::fixed(v, 4);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[function_component(ParamsPanel)]
pub fn params_panel(p: &Props) -> Html {
    let lang = p.lang;
    let groups = GROUPS.iter().enumerate().map(|(gi, (group, _))| {
        let rows = specs().iter().enumerate().filter(|(_, s)| group_of(&s.name) == gi).map(|(i, s)| {
            let id = format!("param-{}", s.name.replace('.', "-"));
            let value = p.values.get(i).copied().unwrap_or(0.0);
            let default = p.defaults.params.values[i];
            let (src, conf) = &p.defaults.sources[i];
            let changed = (value - default).abs() > 1e-12;
            let name = s.name.clone();
            let onchange = p.on.reform(move |e: Event| {
                let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                Action::SetParam(name.clone(), v)
            });
            let step = if s.integer { "1".to_string() } else { "any".to_string() };
            // the slider moves in 200 steps over the whole range (whole steps for counts)
            let slide_step = if s.integer { 1.0 } else { (s.max - s.min) / 200.0 };
            let on_slide = {
                let name = s.name.clone();
                p.on.reform(move |e: Event| Action::SetParam(name.clone(), e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
            };
            let wrong = p.error_field.as_deref() == Some(s.name.as_str());
            let describe = if wrong { format!("{id}-error {id}-help") } else { format!("{id}-help") };
            let meaning = crate::present::i18n::param_meaning(lang, &s.name);
            html! {
                <div class={classes!("param", changed.then_some("changed"), wrong.then_some("invalid"))}>
                    <label for={id.clone()}>{ meaning.clone() }</label>
                    <div class="param-input">
                        <input type="range" class="param-slider" min={fmt(s.min)} max={fmt(s.max)} step={fmt(slide_step)} value={fmt(value)}
                            aria-label={meaning} aria-describedby={describe.clone()} onchange={on_slide} />
                        <input type="number" id={id.clone()} name={s.name.clone()} value={fmt(value)}
                            min={fmt(s.min)} max={fmt(s.max)} step={step}
                            aria-invalid={if wrong { "true" } else { "false" }}
                            aria-describedby={describe} {onchange} />
                        <span class="unit">{ crate::present::i18n::unit(lang, s.unit) }</span>
                    </div>
                    if wrong {
                        <p class="param-error" role="alert" id={format!("{id}-error")}>{ p.error.clone().unwrap_or_default() }</p>
                    }
                    <div class="param-help" id={format!("{}-help", id)}>
                        <code>{ &s.name }</code>
                        { format!(" · {} {}–{} · {} {}", t(lang, Key::RANGE), fmt(s.min), fmt(s.max), t(lang, Key::DEFAULT), fmt(default)) }
                        <br />
                        <span class={classes!("conf", conf.clone())}>{ format!("[{}]", conf) }</span>{ " " }{ crate::present::i18n::source_note(lang, src) }
                    </div>
                </div>
            }
        });
        html! {
            <details class="param-group">
                <summary>{ crate::present::i18n::named(lang, group) }</summary>
                { for rows }
            </details>
        }
    });
    html! {
        <section class="params" aria-label={t(lang, Key::PARAMETERS)}>
            <div class="params-head">
                <h2>{ t(lang, Key::PARAMETERS) }</h2>
                <button type="button" id="reset-params" onclick={super::send(&p.on, Action::ResetParams)}>{ t(lang, Key::RESET_DEFAULTS) }</button>
            </div>
            <p class="param-note">{ t(lang, Key::PARAMS_HELP) }</p>
            if let (Some(e), None) = (&p.error, &p.error_field) {
                <p class="param-error" role="alert" id="param-error">{ e }</p>
            }
            { for groups }
        </section>
    }
}
