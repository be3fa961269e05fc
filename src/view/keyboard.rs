//! Keyboard shortcuts on the whole page: a key in `keys::SHORTCUTS` becomes its action, unless
//! the person is typing in a field or pressing a focused control.

use crate::ui::keys::action_for;
use crate::ui::session::Action;
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::Callback;

pub fn listen(on: Callback<Action>) -> Option<EventListener> {
    let doc = web_sys::window()?.document()?;
    let opts = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(&doc, "keydown", opts, move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let key = ev.key();
        let tag =
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.tag_name().to_ascii_lowercase()).unwrap_or_default();
        // typing in a field, or pressing a focused control, keeps its usual meaning
        if ["input", "select", "textarea"].contains(&tag.as_str()) {
            return;
        }
        if (tag == "button" || tag == "summary") && (key == " " || key == "Enter") {
            return;
        }
        // the arrow keys move between a question's choices (the story panel handles them)
        let on_choice = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.class_list().contains("choice"));
        if on_choice && key.starts_with("Arrow") {
            return;
        }
        if let Some(action) = action_for(&key) {
            ev.prevent_default();
            on.emit(action);
        }
    }))
}
