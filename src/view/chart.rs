//! One chart panel: a plotters canvas redrawn when the run moves (≤ 10 Hz), with a value
//! read-out under the pointer and a data-table alternative for screen readers.

use super::SessionRef;
use crate::model::clock;
use crate::model::ids::{Courier, N_COURIERS};
use crate::model::output::Frame;
use crate::present::i18n::{t, Key, Lang};
use crate::present::palette::courier_rgb;
use crate::ui::playback::Player;
use crate::ui::session::Action;
use crate::ui::views::ChartKind;
use crate::view::plot::{draw_lines, Band, ChartSpec, Line};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Catalogue keys of a chart's title and y axis.
fn title_key(kind: ChartKind) -> Key {
    kind.title()
}

type Getter = fn(&Frame) -> f64;

/// A line's name: an interface string, or a courier's short name.
#[derive(Clone, Copy)]
enum Label {
    Text(Key),
    Courier(Courier),
}

/// (label, colour, value) for each line of a chart.
fn series(kind: ChartKind) -> Vec<(Label, (u8, u8, u8), Getter)> {
    match kind {
        ChartKind::Share => vec![(Label::Text(Key::SF_SHARE), courier_rgb(0), |f| 100.0 * f.share[0])],
        ChartKind::ShareDiff => {
            const G: [Getter; N_COURIERS] = [
                |f| 100.0 * f.share[0],
                |f| 100.0 * f.share[1],
                |f| 100.0 * f.share[2],
                |f| 100.0 * f.share[3],
                |f| 100.0 * f.share[4],
                |f| 100.0 * f.share[5],
                |f| 100.0 * f.share[6],
                |f| 100.0 * f.share[7],
                |f| 100.0 * f.share[8],
            ];
            (0..N_COURIERS).map(|c| (Label::Courier(Courier::ALL[c]), courier_rgb(c), G[c])).collect()
        }
        ChartKind::Transit => {
            vec![(Label::Text(Key::MEAN), (0, 114, 178), |f| f.transit_mean_h), (Label::Text(Key::P90), (213, 94, 0), |f| f.transit_p90_h)]
        }
        ChartKind::Untracked => vec![(Label::Text(Key::UNTRACKED), (204, 121, 167), |f| f.untracked / 1e6)],
        ChartKind::Inquiries => vec![(Label::Text(Key::INQUIRIES), (0, 158, 115), |f| f.inquiries / 1e3)],
        ChartKind::Lost => vec![
            (Label::Text(Key::LOST), (213, 94, 0), |f| f.lost_orders / 1e3),
            (Label::Text(Key::SPOILED), (0, 114, 178), |f| f.spoiled_fresh / 1e3),
        ],
    }
}

/// The bands of a chart's lines: the run's up to now, the baseline's over the whole run.
fn chart_bands(kind: ChartKind, bands: Option<&crate::ui::uncertainty::Bands>, now: usize) -> Vec<Band> {
    let Some(bands) = bands else { return Vec::new() };
    if kind.is_diff() {
        // SF's line: the ensemble's difference run − baseline hour by hour (the first card's
        // quantiles, which the readout below reads too)
        let points = bands.cards.first().map(|q| q.iter().take(now).enumerate().map(|(h, q)| (h as f64, q[0], q[2])).collect());
        return points.map(|points| vec![Band { color: courier_rgb(0), ghost: false, points }]).unwrap_or_default();
    }
    let colors = series(kind).into_iter().map(|(_, c, _)| c);
    let mut v = Vec::new();
    for (&(name, k), color) in band_series(kind).iter().zip(colors) {
        let Some(b) = bands.series(name) else { continue };
        let pts = |q: &[[f64; 3]], n: usize| q.iter().take(n).enumerate().map(|(h, q)| (h as f64, q[0] * k, q[2] * k)).collect();
        v.push(Band { color, ghost: true, points: pts(&b.baseline, usize::MAX) });
        v.push(Band { color, ghost: false, points: pts(&b.run, now) });
    }
    v
}

/// The ensemble series (a name of `uncertainty::SERIES`) and the scale of each line of a chart,
/// in the order of `series`.
fn band_series(kind: ChartKind) -> &'static [(&'static str, f64)] {
    match kind {
        ChartKind::Share => &[("share.sf", 100.0)],
        // SF's difference has its own band (`chart_bands`)
        ChartKind::ShareDiff => &[],
        ChartKind::Transit => &[("transit_mean_h", 1.0), ("transit_p90_h", 1.0)],
        ChartKind::Untracked => &[("untracked_in_transit", 1e-6)],
        ChartKind::Inquiries => &[("inquiries", 1e-3)],
        ChartKind::Lost => &[("lost_orders", 1e-3), ("spoiled_fresh", 1e-3)],
    }
}

fn label(l: Label, lang: Lang) -> String {
    match l {
        Label::Courier(c) => crate::present::i18n::courier_short(lang, c).to_string(),
        Label::Text(k) => t(lang, k).to_string(),
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub session: SessionRef,
    pub kind: ChartKind,
    pub lang: Lang,
    /// The session's revision: the chart redraws when it changes.
    pub revision: u64,
    /// "How sure is this?": bands for this set-up, when computed.
    pub bands: super::BandsRef,
    pub on: Callback<Action>,
}

#[function_component(Chart)]
pub fn chart(props: &Props) -> Html {
    let canvas = use_node_ref();
    let hover = use_state(|| None::<usize>);
    {
        let canvas = canvas.clone();
        let session = props.session.clone();
        let (kind, lang, at) = (props.kind, props.lang, *hover);
        use_effect_with((props.revision, props.lang, props.kind, *hover, props.bands.clone()), move |(.., bands)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                render(&c, session.0.borrow().player(), kind, lang, at, bands.0.as_deref());
            }
        });
    }
    let s = props.session.0.borrow();
    let lang = props.lang;
    let frames = s.run().frames();
    let base = &s.run().baseline;
    let onmousemove = {
        let hover = hover.clone();
        let hours = base.len();
        Callback::from(move |ev: MouseEvent| {
            if let Some(target) = ev.target_dyn_into::<web_sys::Element>() {
                let r = target.get_bounding_client_rect();
                // the plot area starts after the y labels (`PLOT_LEFT`) and ends `PLOT_RIGHT` before the edge
                let (left, right) = (crate::view::plot::PLOT_LEFT, crate::view::plot::PLOT_RIGHT);
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
    let readout = series(props.kind)
        .into_iter()
        .enumerate()
        .map(|(i, (key, _, get))| {
            if diff {
                let d = frames
                    .get(idx)
                    .zip(base.get(idx))
                    .map(|(f, b)| crate::present::numbers::signed(get(f) - get(b), 2))
                    .unwrap_or_else(|| "–".into());
                // SF's difference: the ensemble's range at this hour, in words
                let likely = bands
                    .filter(|_| i == 0 && idx < frames.len())
                    .and_then(|b| b.card(0, idx + 1))
                    .map(|q| {
                        let f = |x: f64| crate::present::numbers::signed(x, 2);
                        format!(" ({})", crate::present::i18n::fill(t(lang, Key::LIKELY), &[("a", &f(q[0])), ("b", &f(q[2]))]))
                    })
                    .unwrap_or_default();
                return format!("{}: {}{}", label(key, lang), d, likely);
            }
            let run = frames.get(idx).map(|f| crate::view::plot::format_axis(get(f))).unwrap_or_else(|| "–".into());
            let b = base.get(idx).map(|f| crate::view::plot::format_axis(get(f))).unwrap_or_else(|| "–".into());
            // the ensemble's range at this hour, in words
            let likely = band_series(props.kind)
                .get(i)
                .and_then(|(name, k)| Some((bands?.series(name)?.run.get(idx)?, k)))
                .filter(|_| idx < frames.len())
                .map(|(q, k)| {
                    let f = |x: f64| crate::view::plot::format_axis(x * k);
                    format!(", {}", crate::present::i18n::fill(t(lang, Key::LIKELY), &[("a", &f(q[0])), ("b", &f(q[2]))]))
                })
                .unwrap_or_default();
            format!("{}: {}{} ({} {})", label(key, lang), run, likely, t(lang, Key::BASELINE), b)
        })
        .collect::<Vec<_>>()
        .join(" · ");
    // an hour's values are known at its end: the time the clock shows once it is simulated
    let when = base.get(idx).map(|f| clock::format_short(f.t + 1).replace('T', " ")).unwrap_or_default();
    let title = t(lang, title_key(props.kind));
    // the data-table alternative: one row per simulated day (at noon)
    let table_rows: Html = base
        .iter()
        .enumerate()
        .filter(|(i, f)| clock::hour_of_day(f.t + 1) == 12 && *i < frames.len())
        .map(|(i, f)| {
            let cells: Html = series(props.kind)
                .into_iter()
                .map(|(_, _, get)| {
                    if diff {
                        return html! { <td>{ crate::present::numbers::signed(get(&frames[i]) - get(f), 2) }</td> };
                    }
                    html! { <>
                        <td>{ crate::view::plot::format_axis(get(&frames[i])) }</td>
                        <td>{ crate::view::plot::format_axis(get(f)) }</td>
                    </> }
                })
                .collect();
            html! { <tr><th scope="row">{ clock::format_short(f.t + 1).replace('T', " ") }</th>{ cells }</tr> }
        })
        .collect();
    let heads: Html = series(props.kind)
        .into_iter()
        .map(|(key, _, _)| {
            if diff {
                return html! { <th scope="col">{ label(key, lang) }</th> };
            }
            html! { <>
                <th scope="col">{ format!("{} ({})", label(key, lang), t(lang, Key::RUN)) }</th>
                <th scope="col">{ format!("{} ({})", label(key, lang), t(lang, Key::BASELINE)) }</th>
            </> }
        })
        .collect();
    html! {
        <figure class="chart" id={format!("chart-{}", props.kind.id())}>
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

fn render(
    c: &HtmlCanvasElement,
    e: &Player,
    kind: ChartKind,
    lang: Lang,
    hover: Option<usize>,
    bands: Option<&crate::ui::uncertainty::Bands>,
) {
    let (css_w, dpr) = crate::view::plot::fit_canvas(c);
    let frames = e.run().frames();
    let base = &e.run().baseline;
    let start = e.run().start();
    let mut lines = Vec::new();
    if kind.is_diff() {
        // the baseline is the zero line; each courier's line is its difference from it
        lines.push(Line {
            label: t(lang, Key::BASELINE).into(),
            color: (90, 90, 90),
            ghost: true,
            points: vec![(0.0, 0.0), (base.len() as f64, 0.0)],
        });
        let diff_lines: Vec<Line> = series(kind)
            .into_iter()
            .map(|(key, color, get)| {
                let points = frames.iter().zip(base.iter()).map(|(f, b)| ((f.t - start) as f64, get(f) - get(b))).collect();
                Line { label: label(key, lang), color, ghost: false, points }
            })
            .collect();
        // every courier named at its line's end (placed so that no two labels overlap)
        lines.extend(diff_lines);
    }
    for (key, color, get) in series(kind).into_iter().filter(|_| !kind.is_diff()) {
        lines.push(Line {
            label: t(lang, Key::BASELINE).into(),
            color,
            ghost: true,
            points: base.iter().map(|f| ((f.t - start) as f64, get(f))).collect(),
        });
        lines.push(Line {
            label: label(key, lang),
            color,
            ghost: false,
            points: frames.iter().map(|f| ((f.t - start) as f64, get(f))).collect(),
        });
    }
    let days = (base.len() / 24).max(1);
    // as many day ticks as fit: a "05-29" label needs about 56 px with its spacing
    let fit = ((css_w - crate::view::plot::PLOT_LEFT - crate::view::plot::PLOT_RIGHT) / 56.0).floor().max(2.0) as usize;
    let step = days.div_ceil(fit).max(1);
    let x_ticks = (0..=days)
        .step_by(step)
        .map(|d| {
            let s = clock::format_short(start + d as i64 * 24);
            ((d * 24) as f64, s[5..10].to_string())
        })
        .collect();
    let spec = ChartSpec {
        y_label: t(lang, kind.y_key()),
        x_label: t(lang, Key::CLOCK),
        x_max: base.len() as f64,
        now: frames.len() as f64,
        hover: hover.map(|h| h as f64),
        x_ticks,
        x_from: None,
        lines,
        bands: chart_bands(kind, bands, frames.len()),
        scale: dpr,
    };
    if let Some(d) = draw_lines(c, &spec) {
        // the end labels' boxes (CSS pixels), for tests that no two overlap
        let boxes: Vec<String> = d.labels.iter().map(|p| format!("{:.1},{:.1},{:.1},{:.1}", p.x, p.y, p.w, p.h)).collect();
        let _ = c.set_attribute("data-labels", &boxes.join(";"));
    }
}
