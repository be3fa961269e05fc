//! If anything panics in the browser, replace the page with a readable error panel and a
//! "Reload" action instead of leaving a white screen. Built with plain DOM calls (never
//! innerHTML), because Yew may be the thing that broke.

use crate::present::i18n::{t, Key, Lang};

pub fn install_panic_hook(lang: Lang) {
    // Yew installs its own hook when it renders unless a custom one is registered through it
    yew::set_custom_panic_hook(Box::new(move |info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.as_str().into());
        show(lang, &msg);
    }));
}

pub fn show(lang: Lang, detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    let make = |tag: &str, text: &str| {
        let el = doc.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let Ok(panel) = doc.create_element("div") else { return };
    panel.set_class_name("error-panel");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("id", "error-panel");
    if let Some(h) = make("h1", t(lang, Key::ERROR_TITLE)) {
        let _ = panel.append_child(&h);
    }
    if let Some(p) = make("p", t(lang, Key::ERROR_BODY)) {
        let _ = panel.append_child(&p);
    }
    if let Some(a) = make("a", t(lang, Key::RELOAD)) {
        let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_else(|| "./".into());
        let _ = a.set_attribute("href", &href);
        let _ = a.set_attribute("class", "button reload");
        let _ = a.set_attribute("id", "reload");
        let _ = panel.append_child(&a);
    }
    if let Some(pre) = make("pre", detail) {
        let _ = panel.append_child(&pre);
    }
    body.set_text_content(None);
    let _ = body.append_child(&panel);
}
