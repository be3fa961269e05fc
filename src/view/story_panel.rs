//! Story mode: the June 2017 events step by step, with "predict, then reveal" questions.

use crate::present::i18n::{t, Key, Lang};
use crate::ui::session::{Action, StoryPos};
use crate::ui::story::{self, STEPS};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    pub pos: StoryPos,
    pub on: Callback<Action>,
}

#[function_component(StoryPanel)]
pub fn story_panel(p: &Props) -> Html {
    let lang = p.lang;
    let n = STEPS.len();
    let i = p.pos.step.min(n - 1);
    let (answer, revealed) = (p.pos.answer, p.pos.revealed);
    let st = &STEPS[i];
    let go = |to: usize| super::send(&p.on, Action::StoryGo(to));
    // at Reveal, bring the verdict into view (inside the panel when it scrolls on its own)
    use_effect_with((i, revealed), |(_, revealed)| {
        if *revealed {
            if let Some(v) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("story-verdict")) {
                v.scroll_into_view_with_bool(false);
            }
        }
    });
    let question = st.question.as_ref().map(|q| {
        let choices = (0..story::CHOICES).map(|k| {
            let chosen = answer == Some(k);
            let wrong = revealed && chosen && k != q.correct;
            let mark = if revealed && k == q.correct {
                " ✓"
            } else if wrong {
                " ✗"
            } else {
                ""
            };
            html! {
                <li>
                    <button type="button" class={classes!("choice", chosen.then_some("chosen"), (revealed && k == q.correct).then_some("right"), wrong.then_some("wrong"))}
                        aria-pressed={if chosen { "true" } else { "false" }}
                        disabled={revealed}
                        onclick={super::send(&p.on, Action::StoryAnswer(k))}>
                        { format!("{}{}", story::choice(lang, i, k), mark) }
                    </button>
                </li>
            }
        });
        html! {
            <div class="question" role="group" aria-labelledby="story-q">
                <p id="story-q" class="prompt"><strong>{ t(lang, Key::PREDICT) }</strong>{ " " }{ story::prompt(lang, i) }</p>
                <ul class="choices">{ for choices }</ul>
                if revealed {
                    if answer == Some(q.correct) {
                        <p class="verdict right" id="story-verdict">{ t(lang, Key::STORY_RIGHT) }</p>
                    } else {
                        <p class="verdict wrong" id="story-verdict">{ t(lang, Key::STORY_WRONG) }</p>
                    }
                    <p class="explain" id="story-explain">{ story::explain(lang, i) }</p>
                } else {
                    <button type="button" id="story-reveal" class="primary" disabled={answer.is_none()}
                        onclick={super::send(&p.on, Action::StoryReveal)}>{ t(lang, Key::REVEAL) }</button>
                }
            </div>
        }
    });
    html! {
        <section class="story" aria-label={t(lang, Key::STORY)} id="story">
            <div class="story-head">
                <span class="story-count">{ format!("{} {} / {}", t(lang, Key::STEP_N), i + 1, n) }</span>
                <button type="button" class="linkish" onclick={super::send(&p.on, Action::StoryExit)}>{ t(lang, Key::EXIT_STORY) }</button>
            </div>
            <h2 id="story-title">{ story::title(lang, i) }</h2>
            <p class="story-text">{ story::text(lang, i) }</p>
            if !story::STEPS[i].sources.is_empty() {
                <p class="source">{ t(lang, Key::SOURCE) }{ ": " }
                    { for story::STEPS[i].sources.iter().enumerate().map(|(k, id)| cite(lang, k, id)) }
                </p>
            }
            { question.unwrap_or_default() }
            <div class="story-nav">
                <button type="button" id="story-back" disabled={i == 0} onclick={go(i.saturating_sub(1))}>{ format!("← {}", t(lang, Key::BACK)) }</button>
                if i + 1 < n {
                    <button type="button" id="story-next" class="primary" onclick={go(i + 1)}>{ format!("{} →", t(lang, Key::NEXT)) }</button>
                } else {
                    <button type="button" id="story-sandbox" class="primary" onclick={super::send(&p.on, Action::StoryExit)}>{ t(lang, Key::SANDBOX) }</button>
                }
            </div>
        </section>
    }
}

/// One citation: the publication in words, as a link when it has an address.
fn cite(lang: Lang, k: usize, id: &str) -> Html {
    let words = crate::present::i18n::named(lang, &format!("source.{id}"));
    let sep = if k > 0 { "; " } else { "" };
    match crate::present::sources::find(id).and_then(|s| s.url) {
        Some(url) => html! { <>{ sep }<a href={url} target="_blank" rel="noopener noreferrer">{ words }</a></> },
        None => html! { <>{ sep }{ words }</> },
    }
}
