//! The headline numbers, each against the world with no cuts.

use crate::present::i18n::{t, Key, Lang};
use crate::present::numbers::{count, fixed, signed};
use crate::ui::session::Readouts as Values;
use crate::ui::uncertainty::Rests;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props {
    pub lang: Lang,
    pub values: Values,
    /// "How sure is this?" for each card's difference from the baseline, after `hours` hours;
    /// `true` when they are the previous set-up's, kept greyed while the new ones are computed.
    pub bands: Option<(std::rc::Rc<crate::ui::uncertainty::Bands>, bool)>,
    pub hours: usize,
}

pub fn view(p: &Props) -> Html {
    let lang = p.lang;
    let v = &p.values;
    let stale = p.bands.as_ref().is_some_and(|b| b.1);
    let q = |k: usize| {
        let b = &p.bands.as_ref()?.0;
        let rests = rests_words(lang, b.card_rests(k, p.hours), &b.factors);
        b.card(k, p.hours).map(|q| Likely { q, stale, rests })
    };
    html! {
        <div class="readouts">
            { card(lang, t(lang, Key::SF_SHARE), v.sf_share, Unit::Percent, "readout-sf-share", q(0)) }
            { card(lang, t(lang, Key::READOUT_HIVEBOX_NOTIFY), v.hivebox_notify_h, Unit::Hours, "readout-hivebox-notify", q(1)) }
            { card(lang, t(lang, Key::READOUT_SF_TAOBAO_D2D), v.sf_taobao_d2d_h, Unit::Hours, "readout-sf-taobao", q(2)) }
            { card(lang, t(lang, Key::UNTRACKED), v.untracked, Unit::Millions, "readout-untracked", q(3)) }
            { card(lang, t(lang, Key::READOUT_LOST), v.lost_orders, Unit::Thousands, "readout-lost", q(4)) }
        </div>
    }
}

/// A card's interval, whether it is the previous set-up's (greyed), and what it rests on.
struct Likely {
    q: [f64; 3],
    stale: bool,
    rests: Option<String>,
}

/// What a number rests on, in the reader's words (None when there is no effect to speak of).
pub fn rests_words(lang: Lang, r: Rests, factors: &[String]) -> Option<String> {
    Some(match r {
        Rests::Nothing => return None,
        Rests::Result => t(lang, Key::RESTS_RESULT).to_string(),
        Rests::Chance => t(lang, Key::RESTS_CHANCE).to_string(),
        Rests::Several => t(lang, Key::RESTS_SEVERAL).to_string(),
        Rests::Assumption(j) => {
            let name = crate::ui::experiment_form::short_title(lang, factors.get(j)?);
            crate::present::i18n::fill(t(lang, Key::RESTS_ASSUMPTION), &[("param", &name)])
        }
    })
}

/// How a card's number reads (its value is in these units).
#[derive(Clone, Copy)]
enum Unit {
    Percent,
    /// A difference of percentages: percentage points.
    Points,
    Hours,
    /// Parcels, in millions ("3.08 M"; in Chinese in units of ten thousand).
    Millions,
    /// Orders, in thousands ("28 k"; in Chinese in units of ten thousand).
    Thousands,
}

fn format(lang: Lang, u: Unit, x: f64, sign: bool) -> String {
    let body = |d: usize| if sign { signed(x, d) } else { fixed(x, d) };
    match u {
        Unit::Percent => format!("{}{}", body(2), t(lang, Key::SUFFIX_PERCENT)),
        Unit::Points => format!("{}{}", body(2), t(lang, Key::SUFFIX_PP)),
        Unit::Hours => format!("{}{}", body(1), t(lang, Key::SUFFIX_HOURS)),
        Unit::Millions => count(lang, x * 1e6, 1e6, t(lang, Key::SUFFIX_MILLIONS), 2, sign),
        Unit::Thousands => count(lang, x * 1e3, 1e3, t(lang, Key::SUFFIX_THOUSANDS), 0, sign),
    }
}

/// A card: the value now, its difference from the baseline, and how sure that difference is; or,
/// when it averages over a group too small to mean anything, says so instead of a number.
fn card(lang: Lang, label: &str, (v, bv): (f64, f64), u: Unit, id: &str, q: Option<Likely>) -> Html {
    // a share's change is in percentage points, not per cent
    let du = if matches!(u, Unit::Percent) { Unit::Points } else { u };
    if v.is_nan() {
        let base = if bv.is_nan() { String::new() } else { format!("{} {}", t(lang, Key::NO_CUTS), format(lang, u, bv, false)) };
        return html! {
            <div class="readout-card too-few" id={id.to_string()}>
                <div class="label">{ label }</div>
                <div class="value" data-value="" data-baseline={crate::model::decimal::shortest(bv)}>{ t(lang, Key::TOO_FEW_PARCELS) }</div>
                <div class="delta">{ base }</div>
            </div>
        };
    }
    html! {
        <div class="readout-card" id={id.to_string()}>
            <div class="label">{ label }</div>
            <div class="value" data-value={crate::model::decimal::shortest(v)} data-baseline={crate::model::decimal::shortest(bv)}>{ format(lang, u, v, false) }</div>
            <div class="delta">{ format!("{} {}", format(lang, du, v - bv, true), t(lang, Key::VS_BASELINE)) }</div>
            if let Some(Likely { q, stale, rests }) = q {
                <div class={classes!("likely", stale.then_some("stale"))} aria-busy={stale.then_some("true")} data-q10={crate::model::decimal::shortest(q[0])} data-q90={crate::model::decimal::shortest(q[2])}>
                    { crate::present::i18n::fill(t(lang, Key::LIKELY), &[("a", &format(lang, du, q[0], true)), ("b", &format(lang, du, q[2], true))]) }
                </div>
                if let Some(r) = rests {
                    <div class={classes!("rests", stale.then_some("stale"))}>{ r }</div>
                }
            }
        </div>
    }
}
