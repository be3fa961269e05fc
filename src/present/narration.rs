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
    format!("{}%", crate::model::decimal::Fixed(100.0 * x, 2))
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
            ("transit", &crate::model::decimal::fixed(f.transit_mean_h, 1)),
            ("transit_base", &crate::model::decimal::fixed(b.transit_mean_h, 1)),
            ("lost", &crate::model::decimal::fixed(lost_so_far / 1e3, 0)),
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

/// What a state shows, in words, for a screen reader (an embed's text alternative): the time,
/// what has happened so far, and how the run compares with the world where nothing was cut now —
/// from the model's own figures.
pub fn summary(run: &Run, lang: Lang) -> String {
    let events: Vec<String> = narrate(run, lang)
        .into_iter()
        .filter(|l| !l.effect)
        .map(|l| format!("{} ({})", l.text.trim_end_matches(['.', '。']), crate::model::clock::format_short(l.at).replace('T', " ")))
        .collect();
    let events = if events.is_empty() { named(lang, "narration.nothing_yet").to_string() } else { events.join("; ") };
    let frames = run.frames();
    let n = frames.len().min(run.baseline.len());
    let effect = match n {
        0 => String::new(),
        _ => effect_sentence(&frames[n - 1], &run.baseline[n - 1], frames[..n].iter().map(|f| f.lost_orders).sum(), lang),
    };
    let time = crate::model::clock::format_short(run.now()).replace('T', " ");
    fill(named(lang, "narration.summary"), &[("time", &time), ("events", &events), ("effect", &effect)])
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

    #[test]
    fn the_summary_says_when_what_happened_and_what_it_did_with_the_runs_own_numbers() {
        let mut r = Run::new(RunSpec::new(builtin("june-2017").unwrap()));
        r.advance_to(crate::model::clock::parse("2017-06-02T12:00").unwrap());
        let (f, b) = (r.frames().last().unwrap(), &r.baseline[r.frames().len() - 1]);
        for lang in Lang::ALL {
            let s = summary(&r, lang);
            assert!(s.contains("2017-06-02 12:00"), "{s}");
            // SF's share now and without the cuts, as the model has them
            assert!(s.contains(&pct(f.share[0])) && s.contains(&pct(b.share[0])), "{s}");
            assert_ne!(pct(f.share[0]), pct(b.share[0]));
            assert!(
                s.contains(event_text(lang, &Action::Cut(crate::model::ids::LinkId::LockerHivebox)).trim_end_matches(['.', '。']))
                    || s.contains("Hive Box")
                    || s.contains("丰巢"),
                "{s}"
            );
            assert!(s.chars().count() < 1200, "{} characters", s.chars().count());
        }
        // before anything happened it says so
        let quiet = Run::new(RunSpec::new(builtin("baseline-2017").unwrap()));
        assert!(summary(&quiet, Lang::En).contains(named(Lang::En, "narration.nothing_yet")));
    }
}
