//! The headline numbers, each against the world with no cuts.

use crate::i18n::{t, Key, Lang};
use crate::session::Readouts as Values;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props {
    pub lang: Lang,
    pub values: Values,
}

pub fn view(p: &Props) -> Html {
    let lang = p.lang;
    let v = &p.values;
    html! {
        <div class="readouts">
            { card(lang, t(lang, Key::SF_SHARE), v.sf_share, t(lang, Key::SUFFIX_PERCENT), 2, "readout-sf-share") }
            { card(lang, t(lang, Key::READOUT_HIVEBOX_NOTIFY), v.hivebox_notify_h, t(lang, Key::SUFFIX_HOURS), 1, "readout-hivebox-notify") }
            { card(lang, t(lang, Key::READOUT_SF_TAOBAO_D2D), v.sf_taobao_d2d_h, t(lang, Key::SUFFIX_HOURS), 1, "readout-sf-taobao") }
            { card(lang, t(lang, Key::UNTRACKED), v.untracked, t(lang, Key::SUFFIX_MILLIONS), 2, "readout-untracked") }
            { card(lang, t(lang, Key::LOST), v.lost_orders, t(lang, Key::SUFFIX_THOUSANDS), 0, "readout-lost") }
        </div>
    }
}

/// A card: the value now, and its difference from the baseline (tiny values shown as 0).
fn card(lang: Lang, label: &str, (v, bv): (f64, f64), unit: &str, digits: usize, id: &str) -> Html {
    let tiny = 0.5 * 10f64.powi(-(digits as i32));
    let d = v - bv;
    let d = if d.abs() < tiny { 0.0 } else { d };
    let v = if v.abs() < tiny { 0.0 } else { v };
    html! {
        <div class="readout-card" id={id.to_string()}>
            <div class="label">{ label }</div>
            <div class="value" data-value={format!("{}", v)} data-baseline={format!("{}", bv)}>{ format!("{:.*}{}", digits, v, unit) }</div>
            <div class="delta">{ format!("{}{:.*}{} {}", if d >= 0.0 { "+" } else { "−" }, digits, d.abs(), unit, t(lang, Key::VS_BASELINE)) }</div>
        </div>
    }
}
