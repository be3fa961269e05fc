//! The "Embed" dialog: an iframe snippet that shows the current state in an article. It behaves
//! like a dialog should: focus moves in and stays in (Tab cycles), Esc closes, focus returns to
//! what opened it. The reader picks what it shows, its theme, its height and autoplay; the snippet
//! follows.
//!
//! For publishers: the address of a picture the frame shows when the app cannot run (named in
//! the snippet, `picture=`), and the tools of `publish.js` in `#embed-publish` — a live preview
//! at a chosen width, the picture exported from the page's canvas, the citation (text and
//! BibTeX), the run's data as one zip, the authors' guide. That script (with its words) comes
//! with the dialog, and the module that computes citations and zips (the workers') when first
//! asked: the page's first load carries none of them, nor the dialog itself, which lives in the
//! panels' module (`src/bin/panels.rs`, mounted by `view::panels_host` when the dialog opens).

use crate::present::i18n::{t, Key, Lang};
use crate::present::palette::Theme;
use crate::ui::embed_snippet::{embed_url, snippet, VIEWS};
use crate::ui::session::Action;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    pub lang: Lang,
    /// The state as a link (its view is chosen here).
    pub link: String,
    pub title: String,
    pub on: Callback<Action>,
}

#[function_component(EmbedDialog)]
pub fn embed_dialog(p: &Props) -> Html {
    let lang = p.lang;
    let view = use_state(|| 0usize);
    // the height as typed (the snippet uses it within 200–2000 px)
    let height = use_state(|| "720".to_string());
    let autoplay = use_state(|| false);
    // light, dark, or as each reader's system prefers (the default): its place in `Theme::ALL`
    let theme = use_state(|| 2usize);
    // None: not yet; Some(true): copied; Some(false): the browser refused
    let copied = use_state(|| None::<bool>);
    // the picture's address as typed (publish.js fills it in when it exports the picture)
    let picture = use_state(String::new);
    let root = use_node_ref();
    {
        // focus in on open; back to what opened the dialog on close
        let root = root.clone();
        use_effect_with((), move |_| {
            let before = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            if let Some(el) = root.cast::<web_sys::Element>().and_then(|r| r.query_selector("select").ok().flatten()) {
                let _ = el.dyn_into::<web_sys::HtmlElement>().map(|e| e.focus());
            }
            move || {
                if let Some(el) = before.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }
    let page_url = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let from_file = page_url.starts_with("file:");
    let px = height.trim().parse::<u32>().unwrap_or(720).clamp(200, 2000);
    let code = snippet(&embed_url(&page_url, &p.link, VIEWS[*view].0, Theme::ALL[*theme], *autoplay, &picture), &p.title, px);
    let close = super::send(&p.on, Action::ToggleEmbedDialog);
    // Tab and Shift+Tab cycle inside; Esc closes
    let onkeydown = {
        let root = root.clone();
        let on = p.on.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                on.emit(Action::ToggleEmbedDialog);
                return;
            }
            if e.key() != "Tab" {
                return;
            }
            let Some(r) = root.cast::<web_sys::Element>() else { return };
            let Ok(list) = r.query_selector_all("select, input, textarea, button, a[href], iframe") else { return };
            let items: Vec<web_sys::HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
            let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            let at = items.iter().position(|el| active.as_ref().is_some_and(|a| a == el.as_ref() as &web_sys::Element));
            let next = match (at, e.shift_key()) {
                (Some(0), true) | (None, true) => items.len() - 1,
                (Some(i), true) => i - 1,
                (Some(i), false) if i + 1 < items.len() => i + 1,
                _ => 0,
            };
            if let Some(el) = items.get(next) {
                e.prevent_default();
                let _ = el.focus();
            }
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let v: usize = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse().unwrap_or(2);
            theme.set(v.min(2));
        })
    };
    let on_view = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let v: usize = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value().parse().unwrap_or(0);
            view.set(v.min(VIEWS.len() - 1));
        })
    };
    // on every keystroke: the field is controlled, so a render between typing and leaving it
    // must not put the old height back
    let on_height = {
        let height = height.clone();
        Callback::from(move |e: InputEvent| height.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_auto = {
        let autoplay = autoplay.clone();
        Callback::from(move |_: Event| autoplay.set(!*autoplay))
    };
    let on_picture = {
        let picture = picture.clone();
        Callback::from(move |e: InputEvent| picture.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_copy = {
        let code = code.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let failed = copied.clone();
            super::page::copy_text(&code, Callback::from(move |_| failed.set(Some(false))));
            copied.set(Some(true));
        })
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="embed-title" id="embed-dialog" ref={root} {onkeydown}>
            <div class="overlay-box">
                <h2 id="embed-title">{ t(lang, Key::EMBED) }</h2>
                <p>{ t(lang, Key::EMBED_HELP) }</p>
                if from_file {
                    <p class="embed-file" id="embed-file" role="note">{ t(lang, Key::EMBED_FILE) }</p>
                }
                <div class="embed-options">
                    <label for="embed-view">{ t(lang, Key::EMBED_VIEW) }</label>
                    <select id="embed-view" onchange={on_view}>
                        { for VIEWS.iter().enumerate().map(|(i, (_, k))| html! {
                            <option value={i.to_string()} selected={i == *view}>{ t(lang, *k) }</option>
                        }) }
                    </select>
                    <label for="embed-theme">{ t(lang, Key::THEME) }</label>
                    <select id="embed-theme" onchange={on_theme}>
                        { for Theme::ALL.iter().enumerate().map(|(i, th)| html! {
                            <option value={i.to_string()} selected={i == *theme}>{ t(lang, th.key()) }</option>
                        }) }
                    </select>
                    <label for="embed-height">{ t(lang, Key::EMBED_HEIGHT) }</label>
                    <input type="number" id="embed-height" min="200" max="2000" step="10" value={(*height).clone()} oninput={on_height} />
                    <label class="embed-auto"><input type="checkbox" id="embed-autoplay" checked={*autoplay} onchange={on_auto} />{ t(lang, Key::EMBED_AUTOPLAY) }</label>
                    <label for="embed-picture">{ t(lang, Key::EMBED_PICTURE) }</label>
                    <input type="text" id="embed-picture" value={(*picture).clone()} oninput={on_picture} />
                </div>
                <label for="embed-code">{ t(lang, Key::EMBED_CODE) }</label>
                <textarea id="embed-code" readonly=true rows="6" value={code} />
                <div class="story-nav">
                    <button type="button" id="embed-copy" onclick={on_copy}>{ t(lang, Key::COPY) }</button>
                    <span role="status" id="embed-copied">{ match *copied { Some(true) => t(lang, Key::COPIED), Some(false) => t(lang, Key::COPY_FAILED_CODE), None => "" } }</span>
                    <button type="button" class="primary" id="embed-close" onclick={close}>{ t(lang, Key::CLOSE) }</button>
                </div>
                // ---- publish: the publishing tools; publish.js (fetched once, then from the
                // cache) fills the box (from the snippet and the page's language)
                <div id="embed-publish"></div>
                if !from_file {
                    // (the offline file carries it inline)
                    <script src="publish.js"></script>
                }
            </div>
        </div>
    }
}
