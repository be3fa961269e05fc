//! The headline numbers, each against the world with no cuts.

use crate::i18n::{t, Key, Lang};
use crate::session::Readouts as Values;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props {
    pub lang: Lang,
    pub values: Values,
    /// "How sure is this?" for each card's difference from the baseline, after `hours` hours.
    pub bands: Option<std::rc::Rc<crate::uncertainty::Bands>>,
    pub hours: usize,
}

pub fn view(p: &Props) -> Html {
    let lang = p.lang;
    let v = &p.values;
    let q = |k: usize| p.bands.as_ref().and_then(|b| b.card(k, p.hours));
    html! {
        <div class="readouts">
            { card(lang, t(lang, Key::SF_SHARE), v.sf_share, t(lang, Key::SUFFIX_PERCENT), 2, "readout-sf-share", q(0)) }
            { card(lang, t(lang, Key::READOUT_HIVEBOX_NOTIFY), v.hivebox_notify_h, t(lang, Key::SUFFIX_HOURS), 1, "readout-hivebox-notify", q(1)) }
            { card(lang, t(lang, Key::READOUT_SF_TAOBAO_D2D), v.sf_taobao_d2d_h, t(lang, Key::SUFFIX_HOURS), 1, "readout-sf-taobao", q(2)) }
            { card(lang, t(lang, Key::UNTRACKED), v.untracked, t(lang, Key::SUFFIX_MILLIONS), 2, "readout-untracked", q(3)) }
            { card(lang, t(lang, Key::LOST), v.lost_orders, t(lang, Key::SUFFIX_THOUSANDS), 0, "readout-lost", q(4)) }
        </div>
    }
}

/// A signed difference: "+0.12", "−0.40" (a true minus), tiny values as 0.
pub fn signed(d: f64, digits: usize) -> String {
    let tiny = 0.5 * 10f64.powi(-(digits as i32));
    let d = if d.abs() < tiny { 0.0 } else { d };
    format!("{}{:.*}", if d >= 0.0 { "+" } else { "\u{2212}" }, digits, d.abs())
}

/// A card: the value now, and its difference from the baseline (tiny values shown as 0).
fn card(lang: Lang, label: &str, (v, bv): (f64, f64), unit: &str, digits: usize, id: &str, q: Option<[f64; 3]>) -> Html {
    let tiny = 0.5 * 10f64.powi(-(digits as i32));
    let d = v - bv;
    let d = if d.abs() < tiny { 0.0 } else { d };
    let v = if v.abs() < tiny { 0.0 } else { v };
    html! {
        <div class="readout-card" id={id.to_string()}>
            <div class="label">{ label }</div>
            <div class="value" data-value={format!("{}", v)} data-baseline={format!("{}", bv)}>{ format!("{:.*}{}", digits, v, unit) }</div>
            <div class="delta">{ format!("{}{:.*}{} {}", if d >= 0.0 { "+" } else { "−" }, digits, d.abs(), unit, t(lang, Key::VS_BASELINE)) }</div>
            if let Some(q) = q {
                <div class="likely" data-q10={q[0].to_string()} data-q90={q[2].to_string()}>
                    { format!("{}{}", crate::i18n::fill(t(lang, Key::LIKELY), &[("a", &signed(q[0], digits)), ("b", &signed(q[2], digits))]), unit) }
                </div>
            }
        </div>
    }
}
