//! The browser view (Yew). Components show the session and send it `Action`s; glue modules
//! connect the session to the browser (the animation loop, the keyboard, the embedding page,
//! the address bar, downloads). Nothing here decides what an action does: `session` does.

pub mod animation;
pub mod app;
pub mod chart;
pub mod downloads;
pub mod embed_chrome;
pub mod embed_dialog;
pub mod embed_host;
pub mod error_panel;
pub mod estimator;
pub mod event_log;
pub mod experiment_panel;
pub mod exports;
pub mod help_overlay;
pub mod keyboard;
pub mod links_panel;
pub mod network;
pub mod notes;
pub mod page;
pub mod panels_host;
pub mod params_panel;
pub mod playback_controls;
pub mod plot;
pub mod readouts;
pub mod scenario_picker;
pub mod story_panel;
pub mod toolbar;
pub mod uncertainty_panel;

use crate::ui::session::{Action, Session};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// A handler (click, focus…) that sends `action`. One closure type for every button keeps
/// the bundle small.
pub fn send<E>(on: &Callback<Action>, action: Action) -> Callback<E> {
    let on = on.clone();
    Callback::from(move |_: E| on.emit(action.clone()))
}

/// The session, shared by the app, its animation loop and the components that draw the run.
/// Props compare it by identity; `Session::chart_revision` tells the charts when to redraw.
#[derive(Clone)]
pub struct SessionRef(pub Rc<RefCell<Session>>);

impl PartialEq for SessionRef {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// The bands of "how sure is this?", compared by identity (a new answer is a new `Rc`).
#[derive(Clone, Default)]
pub struct BandsRef(pub Option<Rc<crate::ui::uncertainty::Bands>>);

impl PartialEq for BandsRef {
    fn eq(&self, o: &Self) -> bool {
        match (&self.0, &o.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Mount the app on the page.
pub fn start() {
    let lang = page::initial_lang();
    error_panel::install_panic_hook(lang);
    // a language the module does not carry is fetched first (the page is never drawn in the
    // wrong language); if it cannot be, the page opens in English
    wasm_bindgen_futures::spawn_local(async move {
        let failed = page::fetch_texts(lang).await.is_err();
        // the session (the model's run) in tasks of its own, the first drawing in the next
        app::prepare(failed).await;
        next_task().await;
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.get_element_by_id("app") {
                root.set_text_content(None);
                yew::Renderer::<app::App>::with_root(root).render();
            }
        }
    });
}

/// Resolves in a later task of the page's event loop (a timer of 0 ms): what comes after it does
/// not lengthen the task that awaited it.
pub(crate) async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}
