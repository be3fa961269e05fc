//! The page around the app: its address (read once at start, written as the state changes),
//! its language attribute, the clipboard, full screen and the reduced-motion preference.

use crate::present::i18n::Lang;
use crate::ui::address::PageOptions;
use crate::ui::state::AppState;

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The page's query string (with its `?`) and fragment (with its `#`).
fn search_and_hash() -> (String, String) {
    let Some(loc) = location() else { return Default::default() };
    (loc.search().unwrap_or_default(), loc.hash().unwrap_or_default())
}

/// The page's options.
pub fn options() -> PageOptions {
    let (search, hash) = search_and_hash();
    PageOptions::parse(&search, &hash)
}

/// The state the address describes: its fragment, or else its query string. The language is
/// the address's, else the browser's.
pub fn initial_state(page: &PageOptions) -> (AppState, Vec<crate::present::note::Note>) {
    let (search, hash) = search_and_hash();
    let text = crate::ui::address::state_text(&search, &hash);
    let (mut st, notes) =
        if text.trim_start_matches(['#', '?']).is_empty() { (AppState::default(), Vec::new()) } else { AppState::read_link(text) };
    st.lang = page.lang.unwrap_or_else(browser_lang);
    (st, notes)
}

/// The language before anything is parsed (for the panic panel): the address's, else the browser's.
pub fn initial_lang() -> Lang {
    options().lang.unwrap_or_else(browser_lang)
}

fn browser_lang() -> Lang {
    Lang::from_browser(&web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default())
}

/// The page's address with `fragment` as its `#` part.
pub fn url_with(fragment: &str) -> String {
    let href = location().and_then(|l| l.href().ok()).unwrap_or_default();
    format!("{}#{}", href.split('#').next().unwrap_or(""), fragment)
}

/// Replace the address bar's fragment without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url_with(fragment)));
    }
}

/// A new history entry with `fragment` as the address's `#` part (Back returns to the one before).
pub fn push_fragment(fragment: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url_with(fragment)));
    }
}

/// The address's fragment now (with its `#`).
pub fn fragment() -> String {
    location().and_then(|l| l.hash().ok()).unwrap_or_default()
}

/// Call `on` with the fragment whenever the address changes under the app: Back, Forward, a
/// link pasted or followed within the page (its own writes do not call it). Changes that come
/// together (a page can set an embed's address hundreds of times at once) are one call, with
/// the last address, once the events already queued are in.
pub fn on_navigate(on: yew::Callback<String>) -> Vec<gloo_events::EventListener> {
    let Some(w) = web_sys::window() else { return Vec::new() };
    let waiting = std::rc::Rc::new(std::cell::Cell::new(false));
    ["popstate", "hashchange"]
        .into_iter()
        .map(|ev| {
            let (on, waiting) = (on.clone(), waiting.clone());
            gloo_events::EventListener::new(&w, ev, move |_| {
                if !waiting.replace(true) {
                    let (on, waiting) = (on.clone(), waiting.clone());
                    after_queued(Box::new(move || {
                        waiting.set(false);
                        on.emit(fragment());
                    }));
                }
            })
        })
        .collect()
}

/// Run `f` in a task of its own after the events already queued (a timer of 0 ms): what they
/// ask for is gathered, and done once.
pub fn after_queued(f: Box<dyn FnOnce()>) {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
}

/// The bytes of the page's WebAssembly memory (it grows, and never shrinks).
pub fn memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}

/// Load the page again from its address (the state it shows, as written there).
pub fn reload() {
    if let Some(l) = location() {
        let _ = l.reload();
    }
}

/// Put text on the clipboard (where the browser allows it).
/// Copy `text` to the clipboard; `failed` is called if the browser refuses (no permission, an
/// insecure page, a frame without the right).
pub fn copy_text(text: &str, failed: yew::Callback<()>) {
    let Some(w) = web_sys::window() else { return failed.emit(()) };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
            failed.emit(());
        }
    });
}

thread_local! {
    /// The page's language (as last set by `set_document_lang`).
    static PAGE_LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::ALL[0]) };
}

/// The page's `lang` attribute and its fonts (`--fonts`, read by the stylesheet), from the catalogue.
pub fn set_document_lang(lang: Lang) {
    PAGE_LANG.with(|l| l.set(lang));
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.html_lang());
        // the document element of an HTML page is an HTML element
        let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&el).style().set_property("--fonts", lang.fonts());
    }
}

/// Draw the page dark or light: `data-theme` on the document, which the stylesheet's colours follow.
pub fn set_document_theme(dark: bool) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// Whether the reader's system prefers dark now, and a listener that tells `on` when that changes.
pub fn reader_prefers_dark(on: Option<yew::Callback<bool>>) -> (bool, Option<gloo_events::EventListener>) {
    let Some(mq) = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()) else {
        return (false, None);
    };
    let now = mq.matches();
    let listener = on.map(|on| {
        let m = mq.clone();
        gloo_events::EventListener::new(&mq, "change", move |_| on.emit(m.matches()))
    });
    (now, listener)
}

/// The fonts of the page's language.
pub fn fonts() -> &'static str {
    PAGE_LANG.with(|l| l.get()).fonts()
}

pub fn prefers_reduced_motion() -> bool {
    web_sys::window().and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten()).map(|m| m.matches()).unwrap_or(false)
}

pub fn toggle_fullscreen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(el) = doc.document_element() {
        let _ = el.request_fullscreen();
    }
}

/// Move the keyboard focus to the element with this id (if it is on the page). True if moved.
pub fn focus_id(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(h) = doc.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    let _ = h.focus();
    // (an element not drawn yet, or hidden, does not take the focus)
    doc.active_element().is_some_and(|a| a.id() == id)
}

/// Move the focus to `id` at the next frames, once the element is drawn (up to `tries` frames).
pub fn focus_soon(id: &'static str, tries: u32) {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let f = wasm_bindgen::closure::Closure::once_into_js(move || {
        if !focus_id(id) && tries > 1 {
            focus_soon(id, tries - 1);
        }
    });
    let _ = w.request_animation_frame(f.unchecked_ref());
}

/// On a narrow screen, scroll the network's panel to the top of the view.
pub fn show_network_on_phone() {
    let Some(w) = web_sys::window() else { return };
    let narrow = w.match_media("(max-width: 640px)").ok().flatten().is_some_and(|m| m.matches());
    if let (true, Some(panel)) = (narrow, w.document().and_then(|d| d.query_selector(".network-panel").ok().flatten())) {
        panel.scroll_into_view();
    }
}

/// Presenter mode's smallest type, in CSS pixels: 18 on a 1920-px-wide projector, in proportion
/// on a smaller screen (a low-resolution projector's pixels are larger), never under 11. The
/// page's style computes the same (`--floor`).
pub fn presenter_floor() -> f64 {
    let w = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1920.0);
    (w * 18.0 / 1920.0).clamp(11.0, 18.0)
}

/// Fetch and install a language's texts if the page's module does not carry them: from the
/// page itself (`<script type="text/plain" id="lang-<code>">`, the single file) or from the file
/// beside it. Err with a short reason if they cannot be had (the page then shows English).
pub async fn fetch_texts(lang: Lang) -> Result<(), String> {
    use crate::present::i18n::{install, is_ready, texts_file};
    use wasm_bindgen::JsCast;
    let Some(file) = texts_file(lang).filter(|_| !is_ready(lang)) else { return Ok(()) };
    let w = web_sys::window().ok_or("no window")?;
    let inline = w.document().and_then(|d| d.get_element_by_id(&format!("lang-{}", lang.code()))).and_then(|e| e.text_content());
    let texts = match inline {
        Some(t) => t,
        None => {
            let fail = |_| format!("{file} could not be fetched");
            let resp: web_sys::Response =
                wasm_bindgen_futures::JsFuture::from(w.fetch_with_str(&file)).await.map_err(fail)?.unchecked_into();
            if !resp.ok() {
                return Err(format!("{file}: HTTP {}", resp.status()));
            }
            let text = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(fail)?).await.map_err(fail)?;
            text.as_string().unwrap_or_default()
        }
    };
    install(lang, texts)
}

/// A canvas's drawing, done now if the canvas is on screen or within 200 px of it (or not yet
/// known), else when it comes there. One observer watches every canvas drawn this way.
pub fn when_seen(c: &web_sys::HtmlCanvasElement, draw: impl Fn(&web_sys::HtmlCanvasElement) + 'static) {
    use wasm_bindgen::JsCast;
    type Draw = Box<dyn Fn(&web_sys::HtmlCanvasElement)>;
    /// A canvas watched: whether it is near the screen, and its latest drawing not done.
    type Watched = (web_sys::HtmlCanvasElement, bool, Option<Draw>);
    thread_local! {
        static WATCHED: std::cell::RefCell<Vec<Watched>> = const { std::cell::RefCell::new(Vec::new()) };
        static OBSERVER: Option<web_sys::IntersectionObserver> = {
            let cb = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
                for e in entries.iter().filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok()) {
                    let target = e.target();
                    let due = WATCHED.with(|w| {
                        let mut w = w.borrow_mut();
                        let (c, near, pending) = w.iter_mut().find(|(c, ..)| AsRef::<web_sys::Element>::as_ref(c) == &target)?;
                        *near = e.is_intersecting();
                        if !*near {
                            return None;
                        }
                        pending.take().map(|d| (c.clone(), d))
                    });
                    if let Some((c, draw)) = due {
                        draw(&c);
                    }
                }
            });
            let opts = web_sys::IntersectionObserverInit::new();
            opts.set_root_margin("200px");
            let obs = web_sys::IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &opts).ok();
            cb.forget();
            obs
        };
    }
    let mut draw = Some(draw);
    WATCHED.with(|w| {
        let mut w = w.borrow_mut();
        // canvases no longer in the page are forgotten
        w.retain(|(c, ..)| {
            let here = c.is_connected();
            if !here {
                OBSERVER.with(|o| o.as_ref().map(|o| o.unobserve(c)));
            }
            here
        });
        match w.iter_mut().find(|(x, ..)| x == c) {
            // away from the screen: the latest drawing waits (an older one is dropped)
            Some((_, false, pending)) => *pending = draw.take().map(|d| Box::new(d) as Draw),
            Some((.., pending)) => *pending = None,
            None => {
                OBSERVER.with(|o| o.as_ref().map(|o| o.observe(c)));
                w.push((c.clone(), true, None));
            }
        }
    });
    if let Some(d) = draw {
        d(c);
    }
}
