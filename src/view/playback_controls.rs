//! Play/pause, step, reset, speed, the Beijing clock and the timeline scrubber with the
//! scenario's events marked under it. Embeds show only play, the clock and the timeline.

use crate::model::clock::{self, Hour};
use crate::model::scenario;
use crate::present::i18n::{t, Key, Lang};
use crate::ui::playback::{Player, SPEEDS};
use crate::ui::session::Action;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props<'a> {
    pub lang: Lang,
    pub playing: bool,
    /// Index into `SPEEDS`.
    pub speed: usize,
    /// The run's first hour and its length in hours.
    pub start: Hour,
    pub hours: Hour,
    /// Hours from the start to now.
    pub hour: Hour,
    /// The run's scenario and events (marked on the timeline); `None` in an embed's compact controls.
    pub events: Option<(&'a scenario::Scenario, &'a [scenario::Event])>,
    pub on: Callback<Action>,
}

pub fn view(p: &Props<'_>) -> Html {
    let lang = p.lang;
    let full = p.events.is_some();
    let now = clock::format_short(p.start + p.hour).replace('T', " ");
    let act = |a: Action| super::send::<MouseEvent>(&p.on, a);
    let play = html! {
        <button type="button" id="play" class="primary" onclick={act(Action::TogglePlay)}>
            { if p.playing { format!("❚❚ {}", t(lang, Key::PAUSE)) } else { format!("▶ {}", t(lang, Key::PLAY)) } }
        </button>
    };
    let (sc, evs): (Option<&scenario::Scenario>, &[scenario::Event]) = match p.events {
        Some((sc, evs)) => (Some(sc), evs),
        None => (None, &[]),
    };
    let markers: Html = evs
        .iter()
        .filter(|ev| ev.action != scenario::Action::Note || ev.captioned)
        .map(|ev| {
            let pos = 100.0 * (ev.at - p.start) as f64 / p.hours.max(1) as f64;
            let caption = sc.and_then(|sc| crate::present::i18n::event_caption(lang, sc, ev));
            let title = caption.map(String::from).unwrap_or_else(|| crate::present::i18n::event_text(lang, &ev.action));
            let cut = matches!(ev.action, scenario::Action::Cut(_));
            html! {
                <span class={classes!("marker", cut.then_some("cut"))} style={format!("left: {}%", crate::model::decimal::Fixed(pos, 3))}
                    title={format!("{} — {}", clock::format_short(ev.at).replace('T', " "), title)}></span>
            }
        })
        .collect();
    html! {
        <section class="controls" aria-label={t(lang, Key::TIMELINE)}>
            { play }
            if full {
                <button type="button" id="step" onclick={act(Action::Step)}>{ t(lang, Key::STEP) }</button>
                <button type="button" id="reset" onclick={act(Action::Reset)}>{ t(lang, Key::RESET) }</button>
                <label class="speed">{ t(lang, Key::SPEED) }
                    <select id="speed" onchange={p.on.reform(|ev: Event| {
                        let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                        Action::SetSpeed(v.parse().unwrap_or(crate::ui::playback::DEFAULT_SPEED))
                    })}>
                        { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == p.speed}>{ speed_label(*s, lang) }</option>
                        }) }
                    </select>
                </label>
            }
            <div class="clock" id="clock">
                <span class="label">{ t(lang, Key::CLOCK) }</span>
                <time>{ now.clone() }</time>
            </div>
            <div class="timeline">
                <input type="range" id="scrubber" class="scrubber" min="0" max={p.hours.to_string()}
                    value={p.hour.to_string()}
                    aria-label={t(lang, Key::TIMELINE)} aria-valuetext={now}
                    oninput={p.on.reform(|ev: InputEvent| {
                        let v = ev.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                        Action::SeekHour(v.parse().unwrap_or(0))
                    })} />
                <div class="markers" aria-hidden="true">{ markers }</div>
            </div>
        </section>
    }
}

fn speed_label(hours_per_s: f64, lang: Lang) -> String {
    let (key, n) = if hours_per_s >= 24.0 { ("speed.days", hours_per_s / 24.0) } else { ("speed.hours", hours_per_s) };
    crate::present::i18n::fill(crate::present::i18n::named(lang, key), &[("n", &crate::model::decimal::shortest(n))])
}

/// The controls for a player (`events`: the timeline's marks, `None` in an embed).
pub fn of(lang: Lang, p: &Player, events: Option<(&scenario::Scenario, &[scenario::Event])>, on: &Callback<Action>) -> Html {
    let run = p.run();
    view(&Props {
        lang,
        playing: p.is_playing(),
        speed: p.speed(),
        start: run.start(),
        hours: p.hours(),
        hour: p.hour(),
        events,
        on: on.clone(),
    })
}

/// The progress line of a heavy run being built across frames (the previous state stays on
/// screen meanwhile).
pub fn building(lang: Lang, share: Option<f64>) -> Html {
    let Some(share) = share else { return Html::default() };
    let pct = crate::model::decimal::fixed(100.0 * share, 0);
    html! {
        <div class="building" id="building">
            <progress max="100" value={pct.clone()} aria-hidden="true"></progress>
            { " " }{ crate::present::i18n::fill(t(lang, Key::BUILDING), &[("pct", &pct)]) }
        </div>
    }
}
