//! The explorer screen.

use super::chart::{Chart, ChartKind};
use super::engine::{Engine, SPEEDS};
use super::i18n::{t, Lang};
use super::network::NetworkView;
use crate::model::clock;
use crate::model::ids::{Courier, LinkId, Platform};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

pub enum Msg {
    Tick,
    TogglePlay,
    Step,
    Reset,
    Speed(usize),
    Seek(i64),
    Toggle(LinkId),
    Focus(Option<LinkId>),
    SwitchLang,
}

pub struct App {
    engine: Rc<RefCell<Engine>>,
    lang: Lang,
    version: u64,
    focused: Option<LinkId>,
    announce: String,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_ctx: &Context<Self>) -> Self {
        if super::url_param("debug").as_deref() == Some("panic") {
            // test hook: proves that a panic shows the error panel, not a white page
            panic!("debug panic requested by the link (debug=panic)");
        }
        let engine = Engine::scenario("baseline-2017").expect("built-in scenario loads");
        let lang = super::initial_lang();
        set_document_lang(lang);
        App { engine: Rc::new(RefCell::new(engine)), lang, version: 0, focused: None, announce: String::new() }
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Tick => {}
            Msg::TogglePlay => self.engine.borrow_mut().toggle_play(),
            Msg::Step => self.engine.borrow_mut().step_hour(),
            Msg::Reset => self.engine.borrow_mut().reset(),
            Msg::Speed(i) => self.engine.borrow_mut().speed = i.min(SPEEDS.len() - 1),
            Msg::Seek(h) => {
                let mut e = self.engine.borrow_mut();
                let t = e.run.start() + h;
                e.playing = false;
                e.seek(t);
            }
            Msg::Toggle(l) => {
                let r = self.engine.borrow_mut().toggle_link(l);
                let e = self.engine.borrow();
                self.announce = match r {
                    Ok(up) => {
                        let name = if self.lang == Lang::Zh { l.describe_zh() } else { l.describe_en() };
                        let state = t(self.lang, if up { "connected" } else { "cut" });
                        format!("{}: {} ({})", name, state, clock::format_short(e.run.now()).replace('T', " "))
                    }
                    Err(m) => m,
                };
            }
            Msg::Focus(l) => self.focused = l,
            Msg::SwitchLang => {
                self.lang = if self.lang == Lang::En { Lang::Zh } else { Lang::En };
                set_document_lang(self.lang);
            }
        }
        self.version += 1;
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang;
        let link = ctx.link();
        let e = self.engine.borrow();
        let run = &e.run;
        let hours = run.end() - run.start();
        let now_h = run.now() - run.start();
        let f = e.current();
        let b = e.current_baseline();
        let readout = |label: &str, v: f64, bv: f64, unit: &str, digits: usize, id: &str| {
            let d = v - bv;
            html! {
                <div class="readout-card" id={id.to_string()}>
                    <div class="label">{ label }</div>
                    <div class="value" data-value={format!("{}", v)} data-baseline={format!("{}", bv)}>{ format!("{:.*}{}", digits, v, unit) }</div>
                    <div class="delta">{ format!("{}{:.*}{} {}", if d >= 0.0 { "+" } else { "−" }, digits, d.abs(), unit, t(lang, "vs_baseline")) }</div>
                </div>
            }
        };
        let lost_total: f64 = run.frames().iter().map(|x| x.lost_orders).sum();
        let lost_base: f64 = run.baseline.iter().take(run.frames().len()).map(|x| x.lost_orders).sum();
        let link_button = |l: LinkId| {
            let up = run.live.links.is_up(l);
            let name = if lang == Lang::Zh { l.describe_zh() } else { l.describe_en() };
            let state = t(lang, if up { "connected" } else { "cut" });
            html! {
                <button type="button" role="switch" aria-checked={if up { "true" } else { "false" }}
                    class={classes!("link-toggle", (!up).then_some("is-cut"))}
                    data-link={l.id()}
                    aria-label={format!("{}: {}", name, state)}
                    onclick={link.callback(move |_| Msg::Toggle(l))}
                    onfocus={link.callback(move |_| Msg::Focus(Some(l)))}
                    onblur={link.callback(|_| Msg::Focus(None))}>
                    <span class="mark" aria-hidden="true">{ if up { "━ ━" } else { "━✕━" } }</span>
                    <span class="name">{ name }</span>
                    <span class="state">{ state }</span>
                </button>
            }
        };
        let main_links = [LinkId::Track(Courier::Sf), LinkId::LockerHivebox, LinkId::List(Platform::Taobao, Courier::Sf), LinkId::DisplayTaobao];
        let more_links: Vec<LinkId> = LinkId::all().into_iter().filter(|l| !main_links.contains(l)).collect();
        let log: Html = if run.live.applied.iter().all(|a| a.action == crate::model::scenario::Action::Note) {
            html! { <li class="muted">{ t(lang, "no_events") }</li> }
        } else {
            run.live
                .applied
                .iter()
                .rev()
                .filter(|a| a.action != crate::model::scenario::Action::Note)
                .map(|a| {
                    let text = if lang == Lang::Zh { a.action.describe_zh() } else { a.action.describe_en() };
                    html! { <li><time>{ clock::format_short(a.at).replace('T', " ") }</time>{ " " }{ text }</li> }
                })
                .collect()
        };
        let playing = e.playing;
        html! {
            <div class="app" lang={lang.html_lang()}>
                <header class="top">
                    <div>
                        <h1>{ t(lang, "title") }</h1>
                        <p class="subtitle">{ t(lang, "subtitle") }</p>
                    </div>
                    <button type="button" class="lang" aria-label={t(lang, "language_label")}
                        onclick={link.callback(|_| Msg::SwitchLang)}>{ t(lang, "language") }</button>
                </header>
                <p class="hint">{ t(lang, "hint") }</p>
                <section class="controls" aria-label={t(lang, "timeline")}>
                    <button type="button" id="play" class="primary" onclick={link.callback(|_| Msg::TogglePlay)}>
                        { if playing { format!("❚❚ {}", t(lang, "pause")) } else { format!("▶ {}", t(lang, "play")) } }
                    </button>
                    <button type="button" id="step" onclick={link.callback(|_| Msg::Step)}>{ t(lang, "step") }</button>
                    <button type="button" id="reset" onclick={link.callback(|_| Msg::Reset)}>{ t(lang, "reset") }</button>
                    <label class="speed">{ t(lang, "speed") }
                        <select id="speed" onchange={link.callback(|ev: Event| {
                            let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                            Msg::Speed(v.parse().unwrap_or(3))
                        })}>
                            { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                                <option value={i.to_string()} selected={i == e.speed}>{ speed_label(*s, lang) }</option>
                            }) }
                        </select>
                    </label>
                    <div class="clock" id="clock" aria-live="off">
                        <span class="label">{ t(lang, "clock") }</span>
                        <time>{ clock::format_short(run.now()).replace('T', " ") }</time>
                    </div>
                    <input type="range" id="scrubber" class="scrubber" min="0" max={hours.to_string()} value={now_h.to_string()}
                        aria-label={t(lang, "timeline")}
                        aria-valuetext={clock::format_short(run.now()).replace('T', " ")}
                        oninput={link.callback(|ev: InputEvent| {
                            let v = ev.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                            Msg::Seek(v.parse().unwrap_or(0))
                        })} />
                </section>
                <div class="layout">
                    <section class="network-panel" aria-label={t(lang, "network")}>
                        <NetworkView engine={self.engine.clone()} lang={lang}
                            on_tick={link.callback(|_| Msg::Tick)}
                            on_toggle={link.callback(Msg::Toggle)}
                            focused={self.focused} />
                        <ul class="legend">
                            <li><span class="sw solid"></span>{ t(lang, "legend_parcels") }</li>
                            <li><span class="sw dashed"></span>{ t(lang, "legend_data") }</li>
                            <li><span class="sw hollow"></span>{ t(lang, "legend_untracked") }</li>
                        </ul>
                        <div class="links" role="group" aria-label={t(lang, "links")}>
                            <h2>{ t(lang, "links") }</h2>
                            { for main_links.iter().map(|l| link_button(*l)) }
                            <details>
                                <summary>{ if lang == Lang::Zh { "更多链接" } else { "More links" } }</summary>
                                { for more_links.iter().map(|l| link_button(*l)) }
                            </details>
                        </div>
                    </section>
                    <section class="side">
                        <div class="readouts">
                            { readout(t(lang, "sf_share"), 100.0 * f.share[0], 100.0 * b.share[0], "%", 2, "readout-sf-share") }
                            { readout(t(lang, "transit"), f.transit_mean_h, b.transit_mean_h, " h", 1, "readout-transit") }
                            { readout(t(lang, "untracked"), f.untracked / 1e6, b.untracked / 1e6, " M", 2, "readout-untracked") }
                            { readout(t(lang, "lost"), lost_total / 1e3, lost_base / 1e3, " k", 0, "readout-lost") }
                        </div>
                        <section class="log" aria-label={t(lang, "events")}>
                            <h2>{ t(lang, "events") }</h2>
                            <ol id="event-log">{ log }</ol>
                        </section>
                    </section>
                </div>
                <section class="charts">
                    { for ChartKind::ALL.iter().map(|k| html! {
                        <Chart engine={self.engine.clone()} kind={*k} lang={lang} version={self.version} />
                    }) }
                </section>
                <div class="sr-only" aria-live="polite" id="announce">{ &self.announce }</div>
            </div>
        }
    }
}

fn speed_label(hours_per_s: f64, lang: Lang) -> String {
    match lang {
        Lang::En if hours_per_s >= 24.0 => format!("{} days/s", hours_per_s / 24.0),
        Lang::En => format!("{} h/s", hours_per_s),
        Lang::Zh if hours_per_s >= 24.0 => format!("{}天/秒", hours_per_s / 24.0),
        Lang::Zh => format!("{}小时/秒", hours_per_s),
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.html_lang());
    }
}
