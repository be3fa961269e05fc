//! The parameters panel, generated from the model's parameter metadata: every parameter with
//! its meaning, unit, range, default and source; edits are validated and explained.

use crate::i18n::{t, Lang};
use crate::model::params::specs;
use crate::model::scenario::Scenario;
use crate::session::Action;
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
    pub on: Callback<Action>,
}

const GROUPS: [(&str, &str, &str); 9] = [
    ("", "Scale and demand", "规模与需求"),
    ("volume.", "Volumes by platform and courier", "各平台、各快递的包裹量"),
    ("category.", "Product categories", "商品类别"),
    ("band_", "Distances and transport times", "运距与运输时间"),
    ("speed.|headroom.|transit_spread", "Courier speed and capacity", "快递速度与产能"),
    ("price.", "Prices", "价格"),
    ("locker_|inquiry_|payment_|fresh_|loss_", "Lockers, tracking, spoilage, lost sales", "快递柜、追踪、变质与流失"),
    ("review_|beta_|adjust|switch_|habit|premium_", "Merchants' choices", "商家选择"),
    ("mediation_", "Regulator policy", "监管政策"),
];

fn group_of(name: &str) -> usize {
    for (i, (prefixes, _, _)) in GROUPS.iter().enumerate().skip(1) {
        if prefixes.split('|').any(|p| name.starts_with(p)) {
            return i;
        }
    }
    0
}

fn fmt(v: f64) -> String {
    let s = format!("{:.4}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[function_component(ParamsPanel)]
pub fn params_panel(p: &Props) -> Html {
    let lang = p.lang;
    let zh = lang == Lang::Zh;
    let groups = GROUPS.iter().enumerate().map(|(gi, (_, en, zhg))| {
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
            html! {
                <div class={classes!("param", changed.then_some("changed"))}>
                    <label for={id.clone()}>{ if zh { &s.zh } else { &s.en } }</label>
                    <div class="param-input">
                        <input type="number" id={id.clone()} name={s.name.clone()} value={fmt(value)}
                            min={fmt(s.min)} max={fmt(s.max)} step={step}
                            aria-describedby={format!("{}-help", id)} {onchange} />
                        <span class="unit">{ crate::i18n::unit(lang, s.unit) }</span>
                    </div>
                    <div class="param-help" id={format!("{}-help", id)}>
                        <code>{ &s.name }</code>
                        { format!(" · {} {}–{} · {} {}", t(lang, "range"), fmt(s.min), fmt(s.max), t(lang, "default"), fmt(default)) }
                        <br />
                        <span class={classes!("conf", conf.clone())}>{ format!("[{}]", conf) }</span>{ " " }{ src.clone() }
                    </div>
                </div>
            }
        });
        html! {
            <details class="param-group">
                <summary>{ if zh { *zhg } else { *en } }</summary>
                { for rows }
            </details>
        }
    });
    html! {
        <section class="params" aria-label={t(lang, "parameters")}>
            <div class="params-head">
                <h2>{ t(lang, "parameters") }</h2>
                <button type="button" id="reset-params" onclick={super::send(&p.on, Action::ResetParams)}>{ t(lang, "reset_defaults") }</button>
            </div>
            <p class="param-note">{ t(lang, "params_help") }</p>
            if let Some(e) = &p.error {
                <p class="param-error" role="alert" id="param-error">{ e }</p>
            }
            { for groups }
        </section>
    }
}
