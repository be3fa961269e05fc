//! Experiments: a form to sweep one or two parameters or to compare two set-ups (A/B), each
//! refusal shown at its field; the result as a chart (the chosen effect across the sweep, or
//! its series over time for A and B) and a table, exported as CSV and PNG. The experiment
//! itself lives in the session (so it travels in links); the runs are computed where the
//! bands are (`uncertainty`), and this panel only reads what came back. It lives in the panels'
//! module (`src/bin/panels.rs`), which `view::panels_host` loads when the panel comes near.

use crate::model::clock;
use crate::model::ensemble;
use crate::model::params;
use crate::model::run::RunSpec;
use crate::model::scenario::Scenario;
use crate::present::i18n::{fill, named, param_meaning, t, unit, Key, Lang};
use crate::present::numbers::format_axis;
use crate::ui::address::shortest;
use crate::ui::experiment::{Experiment, Field, Kind, Refusal, Results, MAX_STEPS, SEEDS};
use crate::ui::experiment_form::{matches, problem_text, short_title, Draft};
use crate::ui::session::Action;
use crate::ui::views::ChartKind;
use crate::view::params_panel::{group_of, GROUPS};
use crate::view::plot::{draw_lines, Band, ChartSpec, Line};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Colour-blind-safe colours (Okabe–Ito, the couriers' of `palette`) for A, B and the lines of a grid.
const COLORS: [usize; 6] = [1, 0, 6, 2, 3, 5];

fn colour(i: usize) -> (u8, u8, u8) {
    crate::present::palette::courier_rgb(COLORS[i % COLORS.len()])
}

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    /// The experiment set up, if any.
    pub exp: Option<Experiment>,
    /// The set-up the experiment changes (for checks, defaults and plausible ranges).
    pub spec: Rc<RunSpec>,
    pub defaults: Rc<Scenario>,
    pub results: Option<Rc<Results>>,
    pub progress: Option<(usize, usize)>,
    pub error: Option<String>,
    /// The dark theme's colours.
    #[prop_or_default]
    pub dark: bool,
    pub on: Callback<Action>,
}

fn effect_name(lang: Lang, id: &str) -> String {
    named(lang, &format!("why.headline.{id}")).to_string()
}

/// The parameter list, grouped as in the parameters panel, each by its short title; only those
/// that hold the words searched for (and the one chosen).
fn param_options(lang: Lang, chosen: &str, none: bool, filter: &str) -> Html {
    let specs = params::specs();
    let groups = GROUPS.iter().enumerate().map(|(gi, (group, _))| {
        let names: Vec<&str> = specs
            .iter()
            .map(|s| s.name.as_str())
            .filter(|n| group_of(n) == gi && (*n == chosen || matches(lang, n, filter)))
            .collect();
        html! {
            if !names.is_empty() {
                <optgroup label={named(lang, group)}>
                    { for names.into_iter().map(|n| html! { <option value={n.to_string()} selected={n == chosen}>{ short_title(lang, n) }</option> }) }
                </optgroup>
            }
        }
    });
    html! {
        <>
            if none {
                <option value="" selected={chosen.is_empty()}>{ t(lang, Key::EXP_NONE) }</option>
            }
            { for groups }
        </>
    }
}

/// A parameter's unit, in the reader's words.
fn unit_of(lang: Lang, name: &str) -> &'static str {
    params::index_of(name).map_or("", |i| unit(lang, params::specs()[i].unit))
}

/// "mean (p10 to p90) unit".
fn with_range(lang: Lang, s: ensemble::Spread, u: &str) -> String {
    format!("{} ({}) {u}", format_axis(s.mean), fill(t(lang, Key::EXP_RANGE), &[("a", &format_axis(s.p10)), ("b", &format_axis(s.p90))]))
}

#[function_component(ExperimentPanel)]
pub fn experiment_panel(p: &Props) -> Html {
    let lang = p.lang;
    let sc = p.defaults.clone();
    let values = p.spec.scenario.params.values.clone();
    // the form as typed, every keystroke (the page renders often — bands in progress — and a
    // render must not put back what was there before), read at once by "Run"
    let draft = use_mut_ref(|| Draft::new(p.exp.as_ref(), &sc, &values));
    // the experiment the form last showed
    let seen = use_mut_ref(|| p.exp.clone());
    let redraw = use_force_update();
    let refusal = use_state(|| None::<Refusal>);
    let canvas = use_node_ref();
    if *seen.borrow() != p.exp {
        // a link, Back or a loaded file set another experiment: the form shows it
        *seen.borrow_mut() = p.exp.clone();
        *draft.borrow_mut() = Draft::new(p.exp.as_ref(), &sc, &values);
    }
    // a result of the other kind (a sweep under the A/B form) is not shown
    let sweep_form = draft.borrow().sweep;
    let shown = p
        .results
        .clone()
        .filter(|r| p.exp.as_ref().is_some_and(|e| e.to_text() == r.experiment && matches!(e.kind, Kind::Sweep(_)) == sweep_form));
    {
        let (canvas, start) = (canvas.clone(), p.spec.scenario.start);
        use_effect_with((shown.clone(), p.exp.clone(), lang, p.dark), move |(r, x, lang, dark)| {
            if let (Some(c), Some(r), Some(x)) = (canvas.cast::<HtmlCanvasElement>(), r, x) {
                draw(&c, r, x, *lang, start, *dark);
            }
        });
    }
    // one listener for every field (each closure is code in the download)
    let take = {
        let (draft, sc, redraw) = (draft.clone(), sc.clone(), redraw.clone());
        Rc::new(move |el: web_sys::HtmlInputElement| {
            if draft.borrow_mut().take(&el.id(), el.value(), &sc) {
                redraw.force_update();
            }
        })
    };
    let typed = {
        let take = take.clone();
        Callback::from(move |e: InputEvent| take(e.target_unchecked_into()))
    };
    let run = {
        let (draft, refusal, on, spec) = (draft.clone(), refusal.clone(), p.on.clone(), p.spec.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = draft.borrow().read();
            match read.and_then(|x| x.setups(&spec).map(|_| x)) {
                Ok(x) => {
                    refusal.set(None);
                    on.emit(Action::SetExperiment(Some(x)));
                }
                Err(r) => {
                    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&r.field.id())) {
                        if let Some(h) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
                            let _ = h.focus();
                        }
                    }
                    refusal.set(Some(r));
                }
            }
        })
    };
    // with an experiment on screen, another effect is drawn at once (every effect is computed)
    let chosen = {
        let (on, exp) = (p.on.clone(), p.exp.clone());
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let (Some(x), "exp-effect") = (&exp, el.id().as_str()) {
                on.emit(Action::SetExperiment(Some(Experiment { effect: el.value(), ..x.clone() })));
            }
            take(el);
        })
    };
    let d = draft.borrow().clone();
    let bad = |f: Field| refusal.as_ref().filter(|r| r.field == f).map(|r| problem_text(lang, &r.problem));
    let error_of = |f: Field| -> Html {
        match bad(f) {
            Some(m) => html! { <p class="field-error" id={format!("{}-error", f.id())}>{ m }</p> },
            None => html! {},
        }
    };
    let invalid = |f: Field| bad(f).map(|_| "true");
    let described = |f: Field| bad(f).map(|_| format!("{}-error", f.id()));
    let sweep_rows = (0..2).map(|k| {
        let r = &d.rows[k];
        let f = Field::Range(k);
        let label = if k == 0 { t(lang, Key::EXP_PARAM) } else { t(lang, Key::EXP_SECOND) };
        let id = f.id();
        html! {
            <fieldset class="exp-row" id={id.clone()} tabindex="-1" aria-invalid={invalid(f)} aria-describedby={described(f)}>
                <label class="exp-name">{ label }
                    <select id={format!("{id}-name")}>{ param_options(lang, &r.name, k == 1, &d.filter) }</select>
                </label>
                if !r.name.is_empty() {
                    <p class="exp-meaning">{ param_meaning(lang, &r.name) }</p>
                    <label>{ t(lang, Key::EXP_FROM) }<input type="text" inputmode="decimal" id={format!("{id}-from")} value={r.x.clone()} /><span class="unit">{ unit_of(lang, &r.name) }</span></label>
                    <label>{ t(lang, Key::EXP_TO) }<input type="text" inputmode="decimal" id={format!("{id}-to")} value={r.y.clone()} /><span class="unit">{ unit_of(lang, &r.name) }</span></label>
                    <label>{ t(lang, Key::EXP_STEPS) }<input type="number" min="2" max={MAX_STEPS.to_string()} id={format!("{id}-steps")} value={r.steps.clone()} /></label>
                }
                { error_of(f) }
            </fieldset>
        }
    });
    let ab_rows = (0..2).map(|k| {
        let r = &d.ab[k];
        let (fa, fb) = (Field::Side(0, k), Field::Side(1, k));
        let u = unit_of(lang, &r.name);
        let side = |f: Field, name: &'static str, v: &String| {
            html! {
                <label>{ name }<input type="text" inputmode="decimal" id={f.id()} placeholder={t(lang, Key::EXP_AS_SET)} value={v.clone()}
                    aria-invalid={invalid(f)} aria-describedby={described(f)} /><span class="unit">{ u }</span></label>
            }
        };
        html! {
            <fieldset class="exp-row">
                <label class="exp-name">{ t(lang, Key::EXP_PARAM) }
                    <select id={format!("exp-ab-{k}-name")}>{ param_options(lang, &r.name, k == 1, &d.filter) }</select>
                </label>
                if !r.name.is_empty() {
                    <p class="exp-meaning">{ param_meaning(lang, &r.name) }</p>
                    { side(fa, "A", &r.x) }{ side(fb, "B", &r.y) }
                }
                { error_of(fa) }{ error_of(fb) }
            </fieldset>
        }
    });
    let effects = ensemble::effects();
    html! {
        <section class="experiments" id="experiments" aria-labelledby="exp-title">
            <h2 id="exp-title">{ t(lang, Key::EXP_TITLE) }</h2>
            <p class="unc-intro">{ fill(t(lang, Key::EXP_INTRO), &[("seeds", &SEEDS.to_string())]) }</p>
            <form class="exp-form" onsubmit={run} onchange={chosen} oninput={typed} novalidate=true>
                <fieldset class="exp-mode">
                    <legend>{ t(lang, Key::EXP_MODE) }</legend>
                    <label><input type="radio" name="exp-mode" id="exp-mode-sweep" checked={d.sweep} />{ t(lang, Key::EXP_SWEEP) }</label>
                    <label><input type="radio" name="exp-mode" id="exp-mode-ab" checked={!d.sweep} />{ t(lang, Key::EXP_COMPARE) }</label>
                </fieldset>
                <label class="exp-search">{ t(lang, Key::EXP_SEARCH) }<input type="search" id="exp-search" value={d.filter.clone()} /></label>
                if d.sweep { { for sweep_rows } } else { { for ab_rows } }
                <label class="exp-effect">{ t(lang, Key::EXP_EFFECT) }
                    <select id="exp-effect">
                        { for effects.iter().map(|ef| html! { <option value={ef.id} selected={ef.id == d.effect}>{ effect_name(lang, ef.id) }</option> }) }
                    </select>
                </label>
                <div class="exp-buttons">
                    <button type="submit" id="exp-run">{ t(lang, Key::EXP_RUN) }</button>
                    if p.exp.is_some() {
                        <button type="button" id="exp-clear" onclick={super::send(&p.on, Action::SetExperiment(None))}>{ t(lang, Key::EXP_CLEAR) }</button>
                    }
                </div>
            </form>
            <div role="status" class="unc-status">
                if let Some((done, total)) = p.progress {
                    <p class="unc-progress" id="exp-progress" aria-hidden="true">
                        <progress max={total.to_string()} value={done.to_string()} aria-hidden="true"></progress>
                        { " " }{ fill(t(lang, Key::UNC_PROGRESS), &[("done", &(done + 1).min(total).to_string()), ("total", &total.to_string())]) }
                    </p>
                }
                if let Some(m) = &p.error {
                    <p class="unc-error" id="exp-error">{ fill(t(lang, Key::EXP_REFUSED), &[("reason", m)]) }</p>
                }
            </div>
            if let (Some(r), Some(x)) = (shown, p.exp.as_ref()) {
                { result_view(lang, &r, x, canvas) }
            }
        </section>
    }
}

/// The words above a picture of this result (and its caption in the page).
fn caption(lang: Lang, exp: &Experiment) -> String {
    let ef = effect_name(lang, &exp.effect);
    match &exp.kind {
        Kind::Sweep(r) => {
            let u = unit_of(lang, &r[0].name);
            fill(
                t(lang, Key::EXP_SWEEP_CAPTION),
                &[
                    ("effect", &ef),
                    ("param", &short_title(lang, &r[0].name)),
                    ("lo", &format!("{} {u}", shortest(r[0].lo))),
                    ("hi", &format!("{} {u}", shortest(r[0].hi))),
                ],
            )
        }
        Kind::Compare { a, b } => {
            let side = |s: &[(String, f64)]| {
                if s.is_empty() {
                    t(lang, Key::EXP_AS_SET).to_string()
                } else {
                    s.iter().map(|(n, v)| format!("{n} = {}", shortest(*v))).collect::<Vec<_>>().join(", ")
                }
            };
            let chart = t(lang, series_chart(Experiment::series(&exp.effect), lang).0.title());
            fill(t(lang, Key::EXP_AB_CAPTION), &[("series", chart), ("a", &side(a)), ("b", &side(b))])
        }
    }
}

fn file_stem(exp: &Experiment) -> String {
    match &exp.kind {
        Kind::Sweep(r) => format!("parcel-standoff-sweep-{}", r.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join("-")),
        Kind::Compare { .. } => "parcel-standoff-a-b".into(),
    }
}

/// What the seeds say: which steps of a sweep differ from the first beyond the seed noise, or
/// whether A and B can be told apart (for the effect shown).
fn verdict(lang: Lang, r: &Results, exp: &Experiment, k: usize) -> String {
    match &exp.kind {
        Kind::Sweep(ranges) => {
            let u = unit_of(lang, &ranges[0].name);
            let value = |v: &[f64]| v.iter().map(|x| format!("{} {u}", shortest(*x))).next().unwrap_or_default();
            let first = format!("{} = {}", short_title(lang, &ranges[0].name), value(r.points.first().map_or(&[][..], |p| &p[..])));
            let differ = r.differ_from_first(k);
            if differ.is_empty() {
                fill(t(lang, Key::EXP_DIFFER_NONE), &[("first", &first)])
            } else {
                let list = differ
                    .iter()
                    .map(|&i| r.points[i].iter().map(|x| crate::view::plot::tidy(*x)).collect::<Vec<_>>().join("/"))
                    .collect::<Vec<_>>();
                fill(t(lang, Key::EXP_DIFFER), &[("first", &first), ("list", &list.join(", "))])
            }
        }
        Kind::Compare { .. } => format!("{}: {}", effect_name(lang, &exp.effect), t(lang, ab_verdict(r.diffs[1][k]))),
    }
}

fn ab_verdict(d: ensemble::Spread) -> Key {
    [Key::EXP_V_SMALLER, Key::EXP_V_SAME, Key::EXP_V_LARGER][(d.sign() + 1) as usize]
}

/// The answer: its chart (drawn by the panel's effect), table and exports.
fn result_view(lang: Lang, r: &Rc<Results>, exp: &Experiment, canvas: NodeRef) -> Html {
    let effects = ensemble::effects();
    let k = ensemble::effect_index(&exp.effect).unwrap_or(0);
    let u = unit(lang, effects[k].unit);
    let cap = caption(lang, exp);
    let said = verdict(lang, r, exp, k);
    let table = match &exp.kind {
        Kind::Sweep(ranges) => html! {
            <details class="table-alt">
                <summary>{ t(lang, Key::DATA_TABLE) }</summary>
                <table id="exp-table">
                    <thead><tr>
                        { for ranges.iter().map(|x| html! { <th scope="col">{ format!("{} ({})", short_title(lang, &x.name), unit_of(lang, &x.name)) }</th> }) }
                        <th scope="col">{ format!("{} ({})", effect_name(lang, &exp.effect), u) }</th>
                        <th scope="col">{ t(lang, Key::EXP_SPREAD) }</th>
                    </tr></thead>
                    <tbody>
                        { for r.points.iter().enumerate().map(|(i, v)| {
                            let sp = r.spreads[i][k];
                            html! {
                                <tr>
                                    { for v.iter().map(|x| html! { <td>{ shortest(*x) }</td> }) }
                                    <td>{ format_axis(sp.mean) }</td>
                                    <td>{ fill(t(lang, Key::EXP_RANGE), &[("a", &format_axis(sp.p10)), ("b", &format_axis(sp.p90))]) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </details>
        },
        Kind::Compare { .. } => html! {
            <table class="unc-effects" id="exp-table">
                <thead><tr>
                    <th scope="col">{ t(lang, Key::UNC_EFFECT) }</th><th scope="col">{ "A" }</th><th scope="col">{ "B" }</th>
                    <th scope="col">{ t(lang, Key::EXP_DIFF) }</th><th scope="col">{ t(lang, Key::EXP_VERDICT) }</th>
                </tr></thead>
                <tbody>
                    { for effects.iter().enumerate().filter(|_| r.spreads.len() == 2).map(|(i, ef)| {
                        let d = r.diffs[1][i];
                        let u = unit(lang, ef.unit);
                        html! {
                            <tr data-effect={ef.id} data-verdict={d.sign().to_string()}>
                                <th scope="row">{ effect_name(lang, ef.id) }</th>
                                <td>{ with_range(lang, r.spreads[0][i], u) }</td>
                                <td>{ with_range(lang, r.spreads[1][i], u) }</td>
                                <td>{ with_range(lang, d, u) }</td>
                                <td>{ t(lang, ab_verdict(d)) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        },
    };
    let csv = {
        let (r, stem) = (r.clone(), file_stem(exp));
        Callback::from(move |_: MouseEvent| super::downloads::download_text(&format!("{stem}.csv"), "text/csv", &r.csv()))
    };
    let png = {
        let (stem, cap) = (file_stem(exp), cap.clone());
        let runs = fill(t(lang, Key::EXP_RUNS), &[("runs", &r.spreads.iter().map(|s| s[0].n).sum::<usize>().to_string())]);
        let said = said.clone();
        Callback::from(move |_: MouseEvent| {
            super::downloads::download_canvas(
                "#exp-chart",
                &format!("{stem}.png"),
                &[cap.clone(), said.clone(), runs.clone()],
                t(lang, Key::TITLE),
            )
        })
    };
    html! {
        <figure class="chart exp-result" id="exp-result" data-experiment={r.experiment.clone()}>
            <figcaption>
                <span>{ cap.clone() }</span>
                <span class="exp-exports">
                    <button type="button" class="png" id="exp-csv" onclick={csv}>{ t(lang, Key::EXP_CSV) }</button>
                    <button type="button" class="png" id="exp-png" onclick={png}>{ t(lang, Key::PNG) }</button>
                </span>
            </figcaption>
            <p class="exp-verdict" id="exp-verdict">{ said }</p>
            <canvas ref={canvas} id="exp-chart" width="560" height="260" role="img" aria-label={cap} />
            { table }
        </figure>
    }
}

/// The points of one line of a grid (x, mean, 10 %, 90 %), and the second parameter's value it
/// is drawn for.
type Group = (Option<f64>, Vec<(f64, f64, f64, f64)>);

fn draw(c: &HtmlCanvasElement, r: &Results, exp: &Experiment, lang: Lang, start: clock::Hour, dark: bool) {
    let (css_w, dpr) = crate::view::plot::fit_canvas(c);
    let k = ensemble::effect_index(&exp.effect).unwrap_or(0);
    let effects = ensemble::effects();
    let fit = ((css_w - crate::view::plot::plot_left(1.0) - crate::view::plot::PLOT_RIGHT) / 56.0).floor().max(2.0) as usize;
    let mut bands = Vec::new();
    let x_from = match &exp.kind {
        Kind::Sweep(ranges) => Some(ranges[0].lo),
        Kind::Compare { .. } => None,
    };
    let (lines, x_max, x_ticks, y_label, x_label) = match &exp.kind {
        Kind::Sweep(ranges) => {
            let (lo, hi) = (ranges[0].lo, ranges[0].hi);
            // a line per value of the second parameter (one line without one): the mean over the
            // seeds, shaded from their 10 % to their 90 %
            let mut by_second: Vec<Group> = Vec::new();
            // the effect in the axis's units (in units of 10⁴ where the language counts in myriads)
            let (ys, y_unit) = crate::present::numbers::axis_unit(lang, effects[k].unit);
            for (i, v) in r.points.iter().enumerate() {
                let key = v.get(1).copied();
                let sp = r.spreads[i][k];
                let pt = (v[0], sp.mean * ys, sp.p10 * ys, sp.p90 * ys);
                match by_second.iter_mut().find(|(s, _)| *s == key) {
                    Some((_, pts)) => pts.push(pt),
                    None => by_second.push((key, vec![pt])),
                }
            }
            bands = by_second
                .iter()
                .enumerate()
                .map(|(i, (_, pts))| Band { color: colour(i), ghost: false, points: pts.iter().map(|p| (p.0, p.2, p.3)).collect() })
                .collect();
            let lines = by_second
                .into_iter()
                .enumerate()
                .map(|(i, (s, points))| Line {
                    label: s
                        .map(|s| fill(t(lang, Key::EXP_LINE), &[("param", &ranges[1].name), ("value", &crate::view::plot::tidy(s))]))
                        .unwrap_or_default(),
                    color: colour(i),
                    ghost: false,
                    points: points.into_iter().map(|p| (p.0, p.1)).collect(),
                })
                .collect();
            let values: Vec<f64> = r.points.iter().map(|v| v[0]).fold(Vec::new(), |mut acc, x| {
                if !acc.contains(&x) {
                    acc.push(x);
                }
                acc
            });
            let step = values.len().div_ceil(fit).max(1);
            // a sweep's axis is labelled in round numbers (`round_ticks`): only the count is used
            let ticks = values.iter().step_by(step).map(|x| (*x, String::new())).collect();
            // short axis titles (the caption above names both in words): they fit a phone
            let x_label =
                format!("{} ({})", ranges[0].name, unit(lang, params::specs()[params::index_of(&ranges[0].name).unwrap_or(0)].unit));
            (lines, hi - lo, ticks, y_unit, x_label)
        }
        Kind::Compare { .. } => {
            let series = Experiment::series(&exp.effect);
            let (chart, scale) = series_chart(series, lang);
            let s = crate::ui::uncertainty::series().iter().position(|x| x == series).unwrap_or(0);
            let mut lines = Vec::new();
            for (i, (o, name)) in r.outcomes.iter().zip(["A", "B"]).enumerate() {
                let pts = |v: &[f64]| v.iter().enumerate().map(|(h, y)| (h as f64, y * scale)).collect::<Vec<_>>();
                if let (Some(run), Some(base)) = (o.run.get(s), o.baseline.get(s)) {
                    lines.push(Line { label: String::new(), color: colour(i), ghost: true, points: pts(base) });
                    lines.push(Line { label: name.into(), color: colour(i), ghost: false, points: pts(run) });
                }
            }
            let hours = r.outcomes.first().and_then(|o| o.run.get(s)).map_or(24, |v| v.len());
            let days = (hours / 24).max(1);
            let step = days.div_ceil(fit).max(1);
            let ticks = (0..=days).step_by(step).map(|d| ((d * 24) as f64, day_label(start, d))).collect();
            (lines, hours as f64, ticks, t(lang, chart.y_key()).to_string(), t(lang, Key::CLOCK).to_string())
        }
    };
    let spec = ChartSpec {
        y_label: &y_label,
        x_label: &x_label,
        x_max: x_max.max(1e-9),
        now: f64::NAN,
        hover: None,
        x_ticks,
        x_from,
        lines,
        bands,
        scale: dpr,
        size: 1.0,
        marks: Vec::new(),
        font: crate::view::plot::FONT,
        dark,
    };
    draw_lines(c, &spec);
}

fn day_label(start: clock::Hour, d: usize) -> String {
    clock::format_short(start + d as i64 * 24)[5..10].to_string()
}

/// The chart of the page that draws this series, and its scale (its title and y axis name the
/// A/B chart).
fn series_chart(series: &str, lang: Lang) -> (ChartKind, f64) {
    crate::present::charts::chart_of(series, lang).unwrap_or((ChartKind::Share, 100.0))
}
