//! The guided June 2017 story: steps over the `june-2017` scenario, each a moment of the real
//! timeline with a caption, its source, and sometimes a "predict, then reveal" question. The
//! words are in the catalogue (`story.<n>.title`, `.text`, `.q.prompt`,
//! `.q.choice.<k>`, `.q.explain`, counted from 1).

use crate::present::i18n::{named, Lang};
use crate::ui::views::ChartKind;

pub struct Question {
    /// Index of the choice the model supports (0, 1 or 2).
    pub correct: usize,
    /// Where the simulation jumps to reveal the answer (Beijing time).
    pub reveal_at: &'static str,
}

pub struct Step {
    /// The moment shown (Beijing time).
    pub at: &'static str,
    /// The one chart shown beside the network: the evidence for the step (and its answer).
    pub chart: ChartKind,
    pub question: Option<Question>,
    /// Where the step's facts come from: ids of `crate::present::sources::SOURCES`.
    pub sources: &'static [&'static str],
}

/// Element ids the keyboard focus moves to: a step's text, its first choice, and what Reveal shows.
pub const TEXT_ID: &str = "story-text";
pub const FIRST_CHOICE_ID: &str = "story-choice-0";
pub const REVEAL_ID: &str = "story-answer";

/// Answer choices per question.
pub const CHOICES: usize = 3;

pub const STEPS: &[Step] = &[
    Step {
        at: "2017-05-31T12:00",
        chart: ChartKind::Share,
        question: None,
        sources: &["spb-2017", "cargoforwarder-2017-06-05", "ducksell-hivebox"],
    },
    Step {
        at: "2017-06-01T01:00",
        chart: ChartKind::Untracked,
        question: Some(Question { correct: 1, reveal_at: "2017-06-02T01:00" }),
        sources: &["beijing-review-2017-06", "cgtn-2017-06-02"],
    },
    Step { at: "2017-06-01T10:00", chart: ChartKind::Inquiries, question: None, sources: &["cgtn-2017-06-02", "china-daily-2017-06"] },
    Step {
        at: "2017-06-01T19:00",
        chart: ChartKind::TaobaoShare,
        question: Some(Question { correct: 0, reveal_at: "2017-06-02T19:00" }),
        sources: &["scmp-2017-06-02", "china-daily-2017-06"],
    },
    Step { at: "2017-06-02T20:00", chart: ChartKind::Lost, question: None, sources: &["cgtn-2017-06-02", "china-daily-2017-06"] },
    Step {
        at: "2017-06-03T13:00",
        chart: ChartKind::TaobaoShare,
        question: Some(Question { correct: 1, reveal_at: "2017-06-10T12:00" }),
        sources: &["ecns-2017-06-05", "ivey-w18544"],
    },
    // about the model itself: how sure its numbers are (the "How sure is this?" panel)
    Step { at: "2017-06-10T22:00", chart: ChartKind::Share, question: None, sources: &[] },
    Step { at: "2017-06-10T23:00", chart: ChartKind::Share, question: None, sources: &[] },
];

/// The last steps are about the model and the sandbox, not the events: they cite no publication.
pub const MODEL_STEPS: usize = 2;

/// What the step's chart shows now, in words: its first line in the run and without the cuts
/// (the number a question asks about, on screen at Reveal), and once the bands are computed the
/// change with its interval — the one the chart's readout and band give.
pub fn evidence(lang: Lang, player: &crate::ui::playback::Player, step: usize, bands: Option<&crate::ui::uncertainty::Bands>) -> String {
    use crate::present::charts::def_in;
    use crate::present::i18n::{fill, t, Key};
    use crate::present::numbers::{digits_alike, format_axis, signed};
    let chart = def_in(STEPS[step.min(STEPS.len() - 1)].chart, lang);
    let Some(line) = chart.series.first() else { return String::new() };
    let name = line.label.text(lang);
    let (f, b) = (player.current(), player.current_baseline());
    let time = crate::model::clock::format_short(f.t + 1).replace('T', " ");
    let idx = player.run().frames().len().saturating_sub(1);
    let band = bands.and_then(|bs| bs.line(line, idx, false)).map(|q| {
        let dx = line.value(f) - line.value(b);
        let d = digits_alike(&[dx, q[0], q[2]]);
        fill(t(lang, Key::STORY_EVIDENCE_BAND), &[("change", &signed(dx, d)), ("a", &signed(q[0], d)), ("b", &signed(q[2], d))])
    });
    fill(
        t(lang, Key::STORY_EVIDENCE),
        &[
            ("time", &time),
            ("name", name),
            ("run", &format_axis(line.value(f))),
            ("base", &format_axis(line.value(b))),
            ("unit", t(lang, chart.y)),
            ("band", &band.unwrap_or_default()),
        ],
    )
}

fn key(step: usize, part: &str) -> String {
    format!("story.{}.{}", step + 1, part)
}

/// Step `step`'s title.
pub fn title(lang: Lang, step: usize) -> &'static str {
    named(lang, &key(step, "title"))
}
pub fn text(lang: Lang, step: usize) -> &'static str {
    named(lang, &key(step, "text"))
}
pub fn prompt(lang: Lang, step: usize) -> &'static str {
    named(lang, &key(step, "q.prompt"))
}
pub fn choice(lang: Lang, step: usize, k: usize) -> &'static str {
    named(lang, &key(step, &format!("q.choice.{}", k + 1)))
}
pub fn explain(lang: Lang, step: usize) -> &'static str {
    named(lang, &key(step, "q.explain"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{clock, scenario};
    use crate::present::i18n::lookup;

    #[test]
    fn every_step_is_inside_the_june_scenario_and_fully_translated() {
        let s = scenario::builtin("june-2017").unwrap();
        let end = s.start + s.days as i64 * 24;
        let mut last = s.start;
        for (i, st) in STEPS.iter().enumerate() {
            let at = clock::parse(st.at).unwrap();
            assert!(at >= last && at < end, "{}", st.at);
            last = at;
            for lang in Lang::ALL {
                let mut words = vec![title(lang, i), text(lang, i)];
                if let Some(q) = &st.question {
                    let r = clock::parse(q.reveal_at).unwrap();
                    assert!(r > at && r < end);
                    assert!(q.correct < CHOICES);
                    words.extend((0..CHOICES).map(|k| choice(lang, i, k)));
                    words.extend([prompt(lang, i), explain(lang, i)]);
                }
                for w in words {
                    assert!(!w.is_empty() && w != "?", "step {} in {}", i + 1, lang.code());
                }
                assert_eq!(!STEPS[i].sources.is_empty(), i + MODEL_STEPS < STEPS.len(), "every step about the events cites its sources");
                for id in STEPS[i].sources {
                    assert!(crate::present::sources::find(id).is_some(), "{id}");
                    assert!(lookup(lang, &format!("source.{id}")).is_some(), "{id}: no words in {}", lang.code());
                }
            }
        }
    }

    #[test]
    fn the_answers_are_what_the_model_shows() {
        use crate::model::run::{Run, RunSpec};
        let mut r = Run::new(RunSpec::new(scenario::builtin("june-2017").unwrap()));
        r.advance_to(clock::parse("2017-06-10T13:00").unwrap());
        let f = r.frames();
        let at = |s: &str| (clock::parse(s).unwrap() - r.start()) as usize;
        // step 2: locker parcels untracked the next day
        assert!(f[at("2017-06-02T01:00")].untracked > 1e6);
        // step 4: SF's Taobao parcels fall to almost nothing
        let day = |i: usize| f[i - 23..=i].iter().map(|x| x.shipped[0][0]).sum::<f64>();
        let base = |i: usize| r.baseline[i - 23..=i].iter().map(|x| x.shipped[0][0]).sum::<f64>();
        let i = at("2017-06-02T12:00");
        assert!(day(i) < 0.4 * base(i));
        // step 6: mostly back, but not fully
        let j = at("2017-06-10T12:00");
        assert!(day(j) > 0.6 * base(j) && day(j) < 0.95 * base(j), "{} vs {}", day(j), base(j));
    }
}
