//! Story mode: the June 2017 events step by step, with "predict, then reveal" questions.

use crate::i18n::{t, Lang};
use crate::story::STEPS;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    pub step: usize,
    /// The choice made for this step's question, if any.
    pub answer: Option<usize>,
    pub revealed: bool,
    pub on_go: Callback<usize>,
    pub on_answer: Callback<usize>,
    pub on_reveal: Callback<()>,
    pub on_exit: Callback<()>,
}

#[function_component(StoryPanel)]
pub fn story_panel(p: &Props) -> Html {
    let lang = p.lang;
    let n = STEPS.len();
    let i = p.step.min(n - 1);
    let st = &STEPS[i];
    let go = |to: usize| {
        let cb = p.on_go.clone();
        Callback::from(move |_| cb.emit(to))
    };
    let question = st.question.as_ref().map(|q| {
        let choices = q.choices.iter().enumerate().map(|(k, c)| {
            let on_answer = p.on_answer.clone();
            let chosen = p.answer == Some(k);
            let mark = if p.revealed && k == q.correct { " ✓" } else { "" };
            html! {
                <li>
                    <button type="button" class={classes!("choice", chosen.then_some("chosen"), (p.revealed && k == q.correct).then_some("right"))}
                        aria-pressed={if chosen { "true" } else { "false" }}
                        disabled={p.revealed}
                        onclick={Callback::from(move |_| on_answer.emit(k))}>
                        { format!("{}{}", c.get(lang), mark) }
                    </button>
                </li>
            }
        });
        let on_reveal = p.on_reveal.clone();
        html! {
            <div class="question" role="group" aria-labelledby="story-q">
                <p id="story-q" class="prompt"><strong>{ t(lang, "predict") }</strong>{ " " }{ q.prompt.get(lang) }</p>
                <ul class="choices">{ for choices }</ul>
                if p.revealed {
                    <p class="explain" id="story-explain">{ q.explain.get(lang) }</p>
                } else {
                    <button type="button" id="story-reveal" class="primary" disabled={p.answer.is_none()}
                        onclick={Callback::from(move |_| on_reveal.emit(()))}>{ t(lang, "reveal") }</button>
                }
            </div>
        }
    });
    let on_exit = p.on_exit.clone();
    html! {
        <section class="story" aria-label={t(lang, "story")} id="story">
            <div class="story-head">
                <span class="story-count">{ format!("{} {} / {}", t(lang, "step_n"), i + 1, n) }</span>
                <button type="button" class="linkish" onclick={Callback::from(move |_| on_exit.emit(()))}>{ t(lang, "exit_story") }</button>
            </div>
            <h2 id="story-title">{ st.title.get(lang) }</h2>
            <p class="story-text">{ st.text.get(lang) }</p>
            if !st.source.is_empty() {
                <p class="source">{ t(lang, "source") }{ ": " }{ st.source }</p>
            }
            { question.unwrap_or_default() }
            <div class="story-nav">
                <button type="button" id="story-back" disabled={i == 0} onclick={go(i.saturating_sub(1))}>{ format!("← {}", t(lang, "back")) }</button>
                if i + 1 < n {
                    <button type="button" id="story-next" class="primary" onclick={go(i + 1)}>{ format!("{} →", t(lang, "next")) }</button>
                } else {
                    <button type="button" id="story-sandbox" class="primary" onclick={Callback::from({ let e = p.on_exit.clone(); move |_| e.emit(()) })}>{ t(lang, "sandbox") }</button>
                }
            </div>
        </section>
    }
}
