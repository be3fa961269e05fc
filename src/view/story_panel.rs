//! Story mode: the June 2017 events step by step, with "predict, then reveal" questions. The
//! panel is one slide's text: it fits beside the network and the step's chart without scrolling.

use crate::present::i18n::{t, Key, Lang};
use crate::ui::session::{Action, StoryPos};
use crate::ui::story::{self, STEPS};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    pub pos: StoryPos,
    /// At Reveal: the number the question asks about, in the run and without the cuts.
    #[prop_or_default]
    pub evidence: Option<String>,
    pub on: Callback<Action>,
}

/// Arrow keys move the focus between a question's choices (Enter or Space chooses).
fn arrows(n: usize) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let step: i64 = match e.key().as_str() {
            "ArrowDown" | "ArrowRight" => 1,
            "ArrowUp" | "ArrowLeft" => -1,
            _ => return,
        };
        let Some(id) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.id()) else { return };
        let Some(k) = id.strip_prefix("story-choice-").and_then(|k| k.parse::<i64>().ok()) else { return };
        e.prevent_default();
        crate::view::page::focus_id(&format!("story-choice-{}", (k + step).rem_euclid(n as i64)));
    })
}

#[function_component(StoryPanel)]
pub fn story_panel(p: &Props) -> Html {
    let lang = p.lang;
    let n = STEPS.len();
    let i = p.pos.step.min(n - 1);
    let (answer, revealed) = (p.pos.answer, p.pos.revealed);
    let st = &STEPS[i];
    let go = |to: usize| super::send(&p.on, Action::StoryGo(to));
    let question = st.question.as_ref().map(|q| {
        let choices = (0..story::CHOICES).map(|k| {
            let chosen = answer == Some(k);
            let right = revealed && k == q.correct;
            let wrong = revealed && chosen && k != q.correct;
            // after Reveal the model's answer is the strongest text in the panel, in words as well
            // as colour; the reader's own pick is named too
            let tag = match (right, chosen && revealed) {
                (true, true) => format!("{} · {}", t(lang, Key::STORY_MODEL_ANSWER), t(lang, Key::STORY_YOUR_PICK)),
                (true, false) => t(lang, Key::STORY_MODEL_ANSWER).to_string(),
                (false, true) => t(lang, Key::STORY_YOUR_PICK).to_string(),
                _ => String::new(),
            };
            let mark = if right {
                "✓"
            } else if wrong {
                "✗"
            } else {
                ""
            };
            html! {
                <li>
                    <button type="button" id={format!("story-choice-{k}")}
                        class={classes!("choice", chosen.then_some("chosen"), right.then_some("right"), wrong.then_some("wrong"), (revealed && !right && !wrong).then_some("other"))}
                        aria-pressed={if chosen { "true" } else { "false" }}
                        aria-disabled={if revealed { "true" } else { "false" }}
                        onclick={if revealed { Callback::noop() } else { super::send(&p.on, Action::StoryAnswer(k)) }}>
                        if !mark.is_empty() { <span class="mark" aria-hidden="true">{ mark }</span> }
                        <span class="words">{ story::choice(lang, i, k) }</span>
                        if !tag.is_empty() { <span class="tag">{ tag }</span> }
                    </button>
                </li>
            }
        });
        html! {
            <div class="question" role="group" aria-labelledby="story-q">
                <p id="story-q" class="prompt"><strong>{ t(lang, Key::PREDICT) }</strong>{ " " }{ story::prompt(lang, i) }</p>
                <ul class="choices" onkeydown={arrows(story::CHOICES)}>{ for choices }</ul>
                if revealed {
                    <div class="answer" id={story::REVEAL_ID} tabindex="-1">
                        if answer == Some(q.correct) {
                            <p class="verdict right" id="story-verdict">{ t(lang, Key::STORY_RIGHT) }</p>
                        } else {
                            <p class="verdict wrong" id="story-verdict">{ t(lang, Key::STORY_WRONG) }</p>
                        }
                        <p class="explain" id="story-explain">{ story::explain(lang, i) }</p>
                        if let Some(e) = &p.evidence {
                            <p class="evidence" id="story-evidence">{ e }</p>
                        }
                    </div>
                } else {
                    <button type="button" id="story-reveal" class="primary" disabled={answer.is_none()}
                        onclick={super::send(&p.on, Action::StoryReveal)}>{ t(lang, Key::REVEAL) }</button>
                }
            </div>
        }
    });
    html! {
        <section class={classes!("story", revealed.then_some("revealed"))} aria-label={t(lang, Key::STORY)} id="story">
            <div class="story-head">
                <span class="story-count">{ format!("{} {} / {}", t(lang, Key::STEP_N), i + 1, n) }</span>
                <button type="button" class="linkish" onclick={super::send(&p.on, Action::StoryExit)}>{ t(lang, Key::EXIT_STORY) }</button>
            </div>
            <div class="story-body">
                <h2 id="story-title">{ story::title(lang, i) }</h2>
                <p class="story-text" id={story::TEXT_ID} tabindex="-1">{ story::text(lang, i) }</p>
                if !story::STEPS[i].sources.is_empty() {
                    <p class="source">{ t(lang, Key::SOURCE) }{ ": " }
                        { for story::STEPS[i].sources.iter().enumerate().map(|(k, id)| cite(lang, k, id)) }
                    </p>
                }
                { question.unwrap_or_default() }
            </div>
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
