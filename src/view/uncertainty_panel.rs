//! "How sure is this?": the bands switch, the progress of the ensemble, each effect with its
//! likely range, and the ranking of the assumptions (a press on a bar opens that parameter).

use crate::model::ensemble;
use crate::present::i18n::{fill, named, t, unit, Key, Lang};
use crate::present::numbers::{amount, amount_range, format_axis};
use crate::ui::experiment_form::short_title;
use crate::ui::session::{Action, Ask};
use crate::ui::uncertainty::{Shown, RANK_SEEDS};
use yew::prelude::*;

pub struct Props<'a> {
    pub lang: Lang,
    pub shown: &'a Shown,
    pub on: Callback<Action>,
}

fn effect_name(lang: Lang, id: &str) -> String {
    named(lang, &format!("why.headline.{id}")).to_string()
}

fn status(lang: Lang, progress: Option<(usize, usize)>, id: &str) -> Html {
    match progress {
        Some((done, total)) => html! {
            <p class="unc-progress" id={id.to_string()} aria-hidden="true">
                <progress max={total.to_string()} value={done.to_string()} aria-hidden="true"></progress>
                { " " }{ fill(t(lang, Key::UNC_PROGRESS), &[("done", &(done + 1).min(total).to_string()), ("total", &total.to_string())]) }
            </p>
        },
        None => html! {},
    }
}

pub fn view(p: &Props) -> Html {
    let lang = p.lang;
    let e = p.shown;
    let effects = ensemble::effects();
    let toggle = p.on.reform(|_: Event| Action::Estimate(Ask::ToggleBands));
    let levels = p.on.reform(|_: Event| Action::Estimate(Ask::ToggleLevels));
    let rows = e.bands.as_ref().map(|(values, rests, factors, _)| {
        effects
            .iter()
            .zip(values)
            .zip(rests.iter().copied().chain(std::iter::repeat(crate::ui::uncertainty::Rests::Nothing)))
            .map(|((ef, (central, q)), rests)| {
                let rests = super::readouts::rests_words(lang, rests, factors).unwrap_or_default();
                html! {
                    <tr data-effect={ef.id}>
                        <th scope="row">{ effect_name(lang, ef.id) }</th>
                        <td>{ amount(lang, *central, ef.unit) }</td>
                        <td>{ { let (a, b) = amount_range(lang, q[0], q[2], ef.unit); fill(t(lang, Key::LIKELY), &[("a", &a), ("b", &b)]) } }</td>
                        <td class="rests">{ rests }</td>
                    </tr>
                }
            })
            .collect::<Html>()
    });
    let choose = p.on.reform(|ev: Event| Action::Estimate(Ask::Effect(ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value())));
    let ranking = e.ranking.as_ref().map(|r| {
        let k = ensemble::effect_index(&r.effect).unwrap_or(0);
        let u = unit(lang, effects[k].unit);
        // only swings beyond the seed noise are ranked; the others are listed as within it
        let top: Vec<_> = r.swings.iter().filter(|s| s.beyond).take(10).collect();
        let within: Vec<String> = r.swings.iter().filter(|s| !s.beyond).map(|s| short_title(lang, &s.name)).collect();
        let lo = top.iter().map(|s| s.effect_at_lo.min(s.effect_at_hi)).fold(f64::MAX, f64::min);
        let hi = top.iter().map(|s| s.effect_at_lo.max(s.effect_at_hi)).fold(f64::MIN, f64::max);
        let span = (hi - lo).max(1e-12);
        let first = top.first().map(|s| {
            let meaning = short_title(lang, &s.name);
            let text = fill(
                t(lang, Key::RANK_TOP),
                &[
                    ("param", &meaning),
                    ("lo", &crate::ui::address::shortest(s.lo)),
                    ("hi", &crate::ui::address::shortest(s.hi)),
                    ("a", &format!("{} {}", format_axis(s.effect_at_lo), u)),
                    ("b", &format!("{} {}", format_axis(s.effect_at_hi), u)),
                ],
            );
            html! { <p class="rank-top">{ text }</p> }
        });
        let bars = top.iter().map(|s| {
            let (a, b) = (s.effect_at_lo, s.effect_at_hi);
            let left = 100.0 * (a.min(b) - lo) / span;
            let width = (100.0 * (a - b).abs() / span).max(0.5);
            let meaning = short_title(lang, &s.name);
            let values = format!("{} → {} {}", format_axis(a), format_axis(b), u);
            let name = s.name.clone();
            html! {
                <li>
                    <button type="button" class="rank-bar" data-param={s.name.clone()}
                        aria-label={format!("{meaning}: {values}")}
                        onclick={p.on.reform(move |_: MouseEvent| Action::OpenParam(name.clone()))}>
                        <span class="rank-name">{ meaning.clone() }</span>
                        <span class="rank-track" aria-hidden="true">
                            <span class={classes!("rank-fill", (b < a).then_some("down"))} style={format!("left:{}%;width:{}%", crate::model::decimal::Fixed(left, 1), crate::model::decimal::Fixed(width, 1))}></span>
                        </span>
                        <span class="rank-values" aria-hidden="true">{ values }</span>
                    </button>
                </li>
            }
        });
        html! {
            <>
                { for first }
                if top.is_empty() {
                    <p class="rank-top">{ t(lang, Key::RANK_NONE) }</p>
                }
                <ol class="ranking" id="ranking">{ for bars }</ol>
                if !within.is_empty() {
                    <details class="rank-within" id="rank-within">
                        <summary>{ fill(t(lang, Key::RANK_WITHIN), &[("count", &within.len().to_string())]) }</summary>
                        <p>{ within.join(" · ") }</p>
                    </details>
                }
                <button type="button" class="png" id="rank-csv" onclick={
                    let r = r.clone();
                    Callback::from(move |_: MouseEvent| super::downloads::download_text(&format!("parcel-standoff-ranking-{}.csv", r.effect), "text/csv", &r.csv()))
                }>{ t(lang, Key::EXP_CSV) }</button>
                <p class="rank-noise">{ fill(t(lang, Key::RANK_NOISE), &[("noise", &format!("{} {}", format_axis(r.noise), u)), ("seeds", &RANK_SEEDS.to_string())]) }</p>
            </>
        }
    });
    html! {
        <section class="uncertainty" id="uncertainty" aria-labelledby="unc-title">
            <div class="unc-head">
                <h2 id="unc-title">{ t(lang, Key::UNC_TITLE) }</h2>
                <label class="unc-toggle">
                    <input type="checkbox" id="bands-on" checked={e.on} onchange={toggle} />
                    { t(lang, Key::UNC_TOGGLE) }
                </label>
            </div>
            <p class="unc-intro">{ t(lang, Key::UNC_INTRO) }</p>
            <label class="unc-toggle unc-levels">
                <input type="checkbox" id="bands-levels" checked={e.levels} disabled={!e.on} onchange={levels} />
                { t(lang, Key::UNC_LEVELS) }
            </label>
            <div role="status" class="unc-status">
                { status(lang, e.progress, "bands-progress") }
                if !e.on {
                    <p>{ t(lang, Key::UNC_OFF) }</p>
                }
                if e.in_page {
                    <p class="unc-in-page" id="unc-in-page">{ t(lang, Key::UNC_IN_PAGE) }</p>
                }
                if let Some(m) = &e.error {
                    if m.is_empty() {
                        <p class="unc-error">{ t(lang, Key::UNC_UNAVAILABLE) }</p>
                    } else {
                        <p class="unc-error">{ fill(t(lang, Key::UNC_REFUSED), &[("reason", m)]) }</p>
                    }
                }
            </div>
            if let Some(rows) = rows {
                <table class="unc-effects" id="unc-effects" data-digest={e.bands.as_ref().map(|b| format!("{:016x}", b.3))}>
                    <thead><tr>
                        <th scope="col">{ t(lang, Key::UNC_EFFECT) }</th>
                        <th scope="col">{ t(lang, Key::UNC_THIS) }</th>
                        <th scope="col">{ t(lang, Key::UNC_RANGE) }</th>
                        <th scope="col">{ t(lang, Key::UNC_RESTS) }</th>
                    </tr></thead>
                    <tbody>{ rows }</tbody>
                </table>
            }
            <h3>{ t(lang, Key::RANK_TITLE) }</h3>
            <div class="rank-controls">
                <label for="rank-effect">{ t(lang, Key::RANK_EFFECT) }</label>
                <select id="rank-effect" onchange={choose}>
                    { for effects.iter().map(|ef| html! {
                        <option value={ef.id} selected={ef.id == e.effect}>{ effect_name(lang, ef.id) }</option>
                    }) }
                </select>
                <button type="button" id="rank-go" onclick={p.on.reform(|_: MouseEvent| Action::Estimate(Ask::Rank))}>{ t(lang, Key::RANK_GO) }</button>
            </div>
            <div role="status">{ status(lang, e.rank_progress, "rank-progress") }</div>
            { for ranking }
            <p class="rank-explain">{ t(lang, Key::RANK_EXPLAIN) }</p>
        </section>
    }
}

/// Open the parameters' group that holds `name`, scroll to its field and focus it.
pub fn open_param(name: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(field) = doc.get_element_by_id(&format!("param-{}", name.replace('.', "-"))) else { return };
    if let Ok(Some(group)) = field.closest("details") {
        let _ = group.set_attribute("open", "");
    }
    field.scroll_into_view();
    if let Some(h) = field.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}
