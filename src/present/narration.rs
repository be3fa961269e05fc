//! The event log in plain words: what happened (a scenario's caption, or the reader's cut) and,
//! a day later, what it did compared with the world where nothing was cut.

use crate::model::clock::Hour;
use crate::model::output::Frame;
use crate::model::run::Run;
use crate::model::scenario::Action;
use crate::present::i18n::{event_caption, event_text, fill, named, Lang};

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub at: Hour,
    pub text: String,
    /// A consequence line (rather than an event).
    pub effect: bool,
}

/// Hours after an event at which its effect is summarised.
pub const EFFECT_AFTER_H: i64 = 24;

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn millions(lang: Lang, x: f64) -> String {
    crate::present::numbers::count(lang, x, 1e6, " M", 2, false)
}

/// One sentence comparing the run with its baseline at frame `i`.
pub fn effect_sentence(f: &Frame, b: &Frame, lost_so_far: f64, lang: Lang) -> String {
    let inq = if b.inquiries > 0.0 { 100.0 * (f.inquiries / b.inquiries - 1.0) } else { 0.0 };
    fill(
        named(lang, "narration.effect"),
        &[
            ("share", &pct(f.share[0])),
            ("share_base", &pct(b.share[0])),
            ("untracked", &millions(lang, f.untracked)),
            ("untracked_base", &millions(lang, b.untracked)),
            ("inquiries", &crate::present::numbers::signed(inq, 0)),
            ("transit", &format!("{:.1}", f.transit_mean_h)),
            ("transit_base", &format!("{:.1}", b.transit_mean_h)),
            ("lost", &format!("{:.0}", lost_so_far / 1e3)),
        ],
    )
}

/// The log of a run up to its current hour, oldest first.
pub fn narrate(run: &Run, lang: Lang) -> Vec<Line> {
    let frames = run.frames();
    let start = run.start();
    let mut out = Vec::new();
    for a in &run.live.applied {
        let caption = a.event.and_then(|i| run.events.get(i)).and_then(|e| event_caption(lang, &run.spec.scenario, e));
        let text = match caption {
            Some(c) => c.to_string(),
            None => event_text(lang, &a.action),
        };
        if text.is_empty() {
            continue;
        }
        out.push(Line { at: a.at, text, effect: false });
        if a.action == Action::Note {
            continue;
        }
        let later = a.at + EFFECT_AFTER_H;
        let i = (later - start) as usize;
        if later < run.now() && i < frames.len() && i < run.baseline.len() {
            // one summary per hour, even if several events happened together
            if out.iter().any(|l| l.effect && l.at == later) {
                continue;
            }
            let lost: f64 = frames[..=i].iter().map(|f| f.lost_orders).sum();
            let effect = effect_sentence(&frames[i], &run.baseline[i], lost, lang);
            out.push(Line { at: later, text: fill(named(lang, "narration.day_later"), &[("effect", &effect)]), effect: true });
        }
    }
    out.sort_by_key(|l| l.at);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::run::RunSpec;
    use crate::model::scenario::builtin;

    #[test]
    fn the_june_log_tells_the_story_and_its_effects_in_both_languages() {
        let mut r = Run::new(RunSpec::new(builtin("june-2017").unwrap()));
        r.advance_to(crate::model::clock::parse("2017-06-03T00:00").unwrap());
        let en = narrate(&r, Lang::En);
        assert!(en.iter().any(|l| l.text.contains("Taobao and Tmall remove SF Express")));
        let effect = en.iter().find(|l| l.effect).expect("a day after the first cut");
        assert!(effect.text.contains("parcels untracked"), "{}", effect.text);
        assert!(!en.iter().any(|l| l.text.contains("Data sharing resumes")), "the future is not told");
        let zh = narrate(&r, Lang::Zh);
        assert_eq!(zh.len(), en.len());
        assert!(zh.iter().any(|l| l.text.contains("顺丰份额")));
    }
}
