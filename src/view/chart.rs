//! One chart panel: a canvas redrawn when the run moves (≤ 10 Hz), with a value
//! read-out under the pointer and a data-table alternative for screen readers.

use super::SessionRef;
use crate::model::clock;
use crate::model::output::Frame;
use crate::present::charts::{def_in, BandOf, ChartDef, Label};
use crate::present::i18n::{t, Key, Lang};
use crate::present::numbers::{digits_alike, digits_for, format_axis, signed};
use crate::ui::playback::Player;
use crate::ui::session::Action;
use crate::ui::uncertainty::Bands;
use crate::ui::views::ChartKind;
use crate::view::plot::{draw_lines, min_text_px, plot_left, run_lines, Band, ChartSpec, Mark, FONT};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The bands of a chart's lines, up to now. By default the band of the effect: the ensemble's
/// quantiles of run − no cuts, drawn around the run as added to this world's no-cuts line — the
/// interval the cards and the readout give. With `levels`, what the assumptions allow each world
/// to be: the run's band, and the no-cuts line's over the whole run.
fn chart_bands(def: &ChartDef, bands: Option<&Bands>, base: &[Frame], now: usize, levels: bool) -> Vec<Band> {
    let Some(bands) = bands else { return Vec::new() };
    let mut v = Vec::new();
    for s in &def.series {
        let pts = |q: &[[f64; 3]], n: usize, k: f64| q.iter().take(n).enumerate().map(|(h, q)| (h as f64, q[0] * k, q[2] * k)).collect();
        match s.band {
            BandOf::None => {}
            // a card's difference from the baseline, hour by hour (its readout reads it too)
            BandOf::Card(k) => {
                if let Some(q) = bands.cards.get(k) {
                    v.push(Band { color: s.color, ghost: false, points: pts(q, now, 1.0) });
                }
            }
            BandOf::Column => {
                let Some(b) = bands.series(&s.column) else { continue };
                if levels {
                    v.push(Band { color: s.color, ghost: true, points: pts(&b.baseline, usize::MAX, s.scale) });
                    v.push(Band { color: s.color, ghost: false, points: pts(&b.run, now, s.scale) });
                } else {
                    let points = b
                        .diff
                        .iter()
                        .zip(base)
                        .take(now)
                        .enumerate()
                        .map(|(h, (q, f))| (h as f64, s.value(f) + q[0] * s.scale, s.value(f) + q[2] * s.scale))
                        .collect();
                    v.push(Band { color: s.color, ghost: false, points });
                }
            }
        }
    }
    v
}

fn label(l: Label, lang: Lang) -> String {
    l.text(lang).to_string()
}

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub session: SessionRef,
    pub kind: ChartKind,
    pub lang: Lang,
    /// `Session::chart_revision`: the chart redraws when it changes (the run, its hour, the bands, the language).
    pub revision: u64,
    /// "How sure is this?": bands for this set-up, when computed.
    pub bands: super::BandsRef,
    /// Bands of each world's level instead of the effect's.
    pub levels: bool,
    /// Presenter mode: projector type and lines.
    #[prop_or_default]
    pub big: bool,
    /// Mark the current hour's values on the first line, with and without the cuts (the
    /// story's answer at Reveal).
    #[prop_or_default]
    pub mark: bool,
    /// The dark theme's colours.
    #[prop_or_default]
    pub dark: bool,
    pub on: Callback<Action>,
}

#[function_component(Chart)]
pub fn chart(props: &Props) -> Html {
    let canvas = use_node_ref();
    let hover = use_state(|| None::<usize>);
    {
        let canvas = canvas.clone();
        let session = props.session.clone();
        let (kind, lang, at, levels) = (props.kind, props.lang, *hover, props.levels);
        let look = Look { size: if props.big { projector() } else { 1.0 }, mark: props.mark, dark: props.dark };
        // drawn when it appears and then only while it can be seen (or nearly): a chart
        // scrolled away is drawn when it comes back (`page::when_seen`), not ten times a second
        // meanwhile
        use_effect_with(
            (props.revision, props.lang, props.kind, *hover, props.bands.clone(), levels, look),
            move |(_, _, _, _, bands, _, look)| {
                if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                    let (bands, look) = (bands.clone(), *look);
                    super::page::when_seen(&c, move |c: &HtmlCanvasElement| {
                        render(c, session.0.borrow().player(), kind, lang, at, bands.0.as_deref(), levels, look)
                    });
                }
            },
        );
    }
    let s = props.session.0.borrow();
    let lang = props.lang;
    let frames = s.run().frames();
    let base = &s.run().baseline;
    let onmousemove = {
        let hover = hover.clone();
        let hours = base.len();
        let left = plot_left(if props.big { projector() } else { 1.0 });
        Callback::from(move |ev: MouseEvent| {
            if let Some(target) = ev.target_dyn_into::<web_sys::Element>() {
                let r = target.get_bounding_client_rect();
                // the plot area starts after the y labels (`plot_left`) and ends `PLOT_RIGHT` before the edge
                let right = crate::view::plot::PLOT_RIGHT;
                let x = (ev.client_x() as f64 - r.left() - left) / (r.width() - left - right).max(1.0);
                hover.set(Some(((x.clamp(0.0, 1.0)) * (hours.saturating_sub(1)) as f64).round() as usize));
            }
        })
    };
    let onleave = {
        let hover = hover.clone();
        Callback::from(move |_| hover.set(None))
    };
    let idx = hover.unwrap_or(frames.len().saturating_sub(1));
    let diff = props.kind.is_diff();
    let bands = props.bands.0.as_deref();
    let chart = def_in(props.kind, lang);
    let readout = chart
        .series
        .iter()
        .map(|line| {
            // the ensemble's interval of the change at this hour (one interval per quantity: the
            // band drawn, and the card's when the line is a card's), or of the level when asked
            let q = bands.filter(|_| idx < frames.len()).and_then(|b| b.line(line, idx, props.levels));
            let likely = |q: [f64; 3], f: &dyn Fn(f64) -> String| {
                format!("{}{}", t(lang, Key::COMMA), crate::present::i18n::fill(t(lang, Key::LIKELY), &[("a", &f(q[0])), ("b", &f(q[2]))]))
            };
            let name = label(line.label, lang);
            let (Some(f), Some(b)) = (frames.get(idx), base.get(idx)) else { return format!("{name}: –") };
            // the change and its interval with the same decimals (those of the largest)
            let dx = line.value(f) - line.value(b);
            let d = digits_alike(&[dx, q.map_or(0.0, |q| q[0]), q.map_or(0.0, |q| q[2])]);
            let change = signed(dx, d);
            if diff {
                return format!("{name}: {change}{}", q.map(|q| likely(q, &|x| signed(x, d))).unwrap_or_default());
            }
            let text = crate::present::i18n::fill(
                t(lang, Key::CHART_READOUT),
                &[("name", &name), ("run", &format_axis(line.value(f))), ("base", &format_axis(line.value(b))), ("change", &change)],
            );
            let likely = match q {
                Some(q) if props.levels => likely(q, &format_axis),
                Some(q) => likely(q, &|x| signed(x, d)),
                None => String::new(),
            };
            format!("{text}{likely}")
        })
        .collect::<Vec<_>>()
        .join(" · ");
    // an hour's values are known at its end: the time the clock shows once it is simulated
    let when = base.get(idx).map(|f| clock::format_short(f.t + 1).replace('T', " ")).unwrap_or_default();
    let title = t(lang, chart.title);
    // the data-table alternative: one row per simulated day (at noon)
    let table_rows: Html = base
        .iter()
        .enumerate()
        .filter(|(i, f)| clock::hour_of_day(f.t + 1) == 12 && *i < frames.len())
        .map(|(i, f)| {
            let cells: Html = chart
                .series
                .iter()
                .map(|line| {
                    if diff {
                        return html! { <td>{ signed(line.value(&frames[i]) - line.value(f), 2) }</td> };
                    }
                    html! { <>
                        <td>{ format_axis(line.value(&frames[i])) }</td>
                        <td>{ format_axis(line.value(f)) }</td>
                    </> }
                })
                .collect();
            html! { <tr><th scope="row">{ clock::format_short(f.t + 1).replace('T', " ") }</th>{ cells }</tr> }
        })
        .collect();
    let heads: Html = chart
        .series
        .iter()
        .map(|line| {
            if diff {
                return html! { <th scope="col">{ label(line.label, lang) }</th> };
            }
            html! { <>
                <th scope="col">{ format!("{} ({})", label(line.label, lang), t(lang, Key::RUN)) }</th>
                <th scope="col">{ format!("{} ({})", label(line.label, lang), t(lang, Key::BASELINE)) }</th>
            </> }
        })
        .collect();
    html! {
        <figure class="chart" id={format!("chart-{}", chart.id)}>
            <figcaption>
                <span>{ title }</span>
                <button type="button" class="png" aria-label={format!("{} — {}", title, t(lang, Key::PNG))}
                    onclick={super::send(&props.on, Action::ExportChartPng(props.kind))}>{ t(lang, Key::PNG) }</button>
            </figcaption>
            <canvas ref={canvas} width="560" height="260" role="img"
                aria-label={format!("{}. {} {}", title, when, readout)}
                onmousemove={onmousemove.clone()} onclick={onmousemove} onmouseleave={onleave} />
            <p class="readout" aria-hidden="true">{ format!("{} — {}", when, readout) }</p>
            <details class="table-alt">
                <summary>{ t(lang, Key::DATA_TABLE) }</summary>
                <table><thead><tr><th scope="col">{ t(lang, Key::TIMELINE) }</th>{ heads }</tr></thead><tbody>{ table_rows }</tbody></table>
            </details>
        </figure>
    }
}

/// How a chart is drawn beyond its data: type size, and whether the current hour is marked.
#[derive(Clone, Copy, PartialEq)]
struct Look {
    size: f64,
    mark: bool,
    dark: bool,
}

#[allow(clippy::too_many_arguments)]
fn render(
    c: &HtmlCanvasElement,
    e: &Player,
    kind: ChartKind,
    lang: Lang,
    hover: Option<usize>,
    bands: Option<&Bands>,
    levels: bool,
    look: Look,
) {
    let (css_w, dpr) = crate::view::plot::fit_canvas(c);
    let frames = e.run().frames();
    let base = &e.run().baseline;
    let start = e.run().start();
    let chart = def_in(kind, lang);
    let (lines, x_ticks) = run_lines(&chart, frames, base, start, lang, css_w, look.size);
    let spec = ChartSpec {
        y_label: t(lang, chart.y),
        x_label: t(lang, Key::CLOCK),
        x_max: base.len() as f64,
        now: frames.len() as f64,
        hover: hover.map(|h| h as f64),
        x_ticks,
        x_from: None,
        lines,
        bands: chart_bands(&chart, bands, base, frames.len(), levels),
        scale: dpr,
        size: look.size,
        marks: if look.mark { marks(&chart, frames, base, start, lang) } else { Vec::new() },
        font: FONT,
        dark: look.dark,
    };
    let _ = c.set_attribute("data-min-text-px", &crate::model::decimal::fixed(min_text_px(look.size), 1));
    // the values written on the chart (a test compares them with the story's words)
    let _ = c.set_attribute("data-marks", &spec.marks.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join(" | "));
    if let Some(d) = draw_lines(c, &spec) {
        // the end labels' boxes (CSS pixels), for tests that no two overlap
        let boxes: Vec<String> =
            d.labels.iter().map(|p| [p.x, p.y, p.w, p.h].map(|v| crate::model::decimal::fixed(v, 1)).join(",")).collect();
        let _ = c.set_attribute("data-labels", &boxes.join(";"));
    }
}

/// The current hour's values of the first line, in this world and without the cuts.
fn marks(chart: &ChartDef, frames: &[Frame], base: &[Frame], start: crate::model::clock::Hour, lang: Lang) -> Vec<Mark> {
    let (Some(line), Some(f)) = (chart.series.first(), frames.last()) else { return Vec::new() };
    let Some(b) = base.get(frames.len() - 1) else { return Vec::new() };
    let x = (f.t - start) as f64;
    let name = label(line.label, lang);
    if chart.diff {
        let y = line.value(f) - line.value(b);
        return vec![Mark { x, y, color: line.color, ghost: false, below: y < 0.0, text: format!("{name} {}", signed(y, digits_for(y))) }];
    }
    let (run, no_cuts) = (line.value(f), line.value(b));
    // the lower value's words under its dot, the higher one's above
    vec![
        Mark {
            x,
            y: no_cuts,
            color: line.color,
            ghost: true,
            below: no_cuts < run,
            text: format!("{} {}", t(lang, Key::NO_CUTS), format_axis(no_cuts)),
        },
        Mark { x, y: run, color: line.color, ghost: false, below: run <= no_cuts, text: format!("{name} {}", format_axis(run)) },
    ]
}

/// Presenter mode's type size: the smallest text (12 px) at the projector's floor.
fn projector() -> f64 {
    super::page::presenter_floor() / min_text_px(1.0)
}
