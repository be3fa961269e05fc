//! The browser view (Yew). It reads the model and sends it actions; it never changes the
//! model's state except through `Engine` (step, seek, cut/restore).

pub mod app;
pub mod chart;
pub mod engine;
pub mod error_panel;
pub mod exports;
pub mod help_overlay;
pub mod hooks;
pub mod layout;
pub mod network;
pub mod palette;
pub mod params_panel;
pub mod story_panel;

use crate::i18n::Lang;

/// Query-string or hash parameter `key` of the page's URL.
pub fn url_param(key: &str) -> Option<String> {
    let loc = web_sys::window()?.location();
    let mut all = loc.search().ok().unwrap_or_default();
    all.push('&');
    all.push_str(&loc.hash().ok().unwrap_or_default());
    all.split(['?', '&', '#'])
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
}

/// The page's fragment (after `#`), or else its query string (after `?`).
pub fn location_fragment() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let hash = loc.hash().unwrap_or_default();
    if hash.len() > 1 {
        return hash[1..].to_string();
    }
    loc.search().unwrap_or_default().trim_start_matches('?').to_string()
}

/// The page's address with `fragment` as its `#` part.
pub fn page_url_with(fragment: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or("").to_string();
    format!("{}#{}", base, fragment)
}

/// Replace the address bar's fragment without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_url_with(fragment)));
        }
    }
}

/// Put text on the clipboard (where the browser allows it).
pub fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// The language from the link (`lang=zh`), else the browser's.
pub fn initial_lang() -> Lang {
    if let Some(l) = url_param("lang").and_then(|v| Lang::parse(&v)) {
        return l;
    }
    let nav = web_sys::window().map(|w| w.navigator().language().unwrap_or_default()).unwrap_or_default();
    if nav.starts_with("zh") { Lang::Zh } else { Lang::En }
}

/// Mount the app on the page.
pub fn start() {
    let lang = initial_lang();
    error_panel::install_panic_hook(lang);
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.get_element_by_id("app") {
            root.set_text_content(None);
            yew::Renderer::<app::App>::with_root(root).render();
        }
    }
}
