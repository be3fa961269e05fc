//! The panels' module: what the page's first load does without, loaded when first needed
//! (`view::panels_host`): the experiments panel (its form, checks, result chart and table), when
//! it comes near the screen or the link carries an experiment, the Embed dialog, when opened, and
//! the "How sure is this?" panel (switches, intervals, the ranking of the assumptions), when the
//! bands are first asked for. The first two are mounted in containers outside the page's own Yew
//! app, the third in its place inside it (this module's trees are numbered apart from the page's).
//! Each reads its inputs as text (`ui::panel_wire`) and says back what the reader did: the
//! experiment set, the dialog closed, a switch or the ranking asked for. It also reads set-up files for the page (whose module
//! carries no JSON reader): `read_setup_file` gives the state a file holds as a link.

#[cfg(all(target_arch = "wasm32", feature = "app"))]
mod panels {
    use parcel_standoff::present::i18n::is_ready;
    use parcel_standoff::ui::panel_wire::{sure_said, DialogWire, ExperimentsInputs, ExperimentsWire, Rebuilt, SureWire};
    use parcel_standoff::ui::session::Action;
    use parcel_standoff::view::embed_dialog::{EmbedDialog, Props as DialogProps};
    use parcel_standoff::view::experiment_panel::{ExperimentPanel, Props};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use yew::{AppHandle, Callback};

    struct Inner {
        app: Option<AppHandle<ExperimentPanel>>,
        on: Callback<parcel_standoff::ui::session::Action>,
        /// The last inputs given (a language still being fetched is shown when it comes).
        last: String,
        /// The set-up last rebuilt from its link.
        kept: Option<Rebuilt>,
    }

    /// The mounted panel; `update` gives it new inputs.
    #[wasm_bindgen]
    pub struct Panel(Rc<RefCell<Inner>>);

    fn props(i: ExperimentsInputs, on: Callback<Action>) -> Props {
        Props {
            lang: i.lang,
            exp: i.exp,
            spec: Rc::new(i.spec),
            defaults: Rc::new(i.defaults),
            results: i.results.map(Rc::new),
            progress: i.progress,
            error: i.error,
            dark: i.dark,
            on,
        }
    }

    /// Show `wire`'s inputs: at once if its language's texts are here (or were asked for:
    /// `fetched`), else once they are fetched.
    fn show(inner: &Rc<RefCell<Inner>>, root: Option<web_sys::Element>, wire: String, fetched: bool) -> Result<(), String> {
        let inputs = {
            let mut b = inner.borrow_mut();
            let inputs = ExperimentsWire::read_with(&wire, &mut b.kept)?;
            b.last = wire.clone();
            inputs
        };
        if !fetched && !is_ready(inputs.lang) {
            let (inner, lang) = (inner.clone(), inputs.lang);
            wasm_bindgen_futures::spawn_local(async move {
                // a language that cannot be had is shown in English (`page::fetch_texts`)
                let _ = parcel_standoff::view::page::fetch_texts(lang).await;
                if inner.borrow().last == wire {
                    let _ = show(&inner, root, wire, true);
                }
            });
            return Ok(());
        }
        let mut b = inner.borrow_mut();
        let p = props(inputs, b.on.clone());
        match (b.app.as_mut(), root) {
            (Some(app), _) => app.update(p),
            (None, Some(root)) => {
                root.set_text_content(None);
                b.app = Some(yew::Renderer::<ExperimentPanel>::with_root_and_props(root, p).render());
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// Mount the panel in `root` with the inputs `wire` (JSON: `ui::panel_wire`); `said` is
    /// called with the experiment's text whenever the reader sets or clears one ("" for none).
    #[wasm_bindgen]
    pub fn mount_experiments(root: web_sys::Element, wire: String, said: js_sys::Function) -> Result<Panel, String> {
        let on = Callback::from(move |a: Action| {
            if let Action::SetExperiment(x) = a {
                let text = x.map(|x| x.to_text()).unwrap_or_default();
                let _ = said.call1(&JsValue::NULL, &JsValue::from_str(&text));
            }
        });
        let inner = Rc::new(RefCell::new(Inner { app: None, on, last: String::new(), kept: None }));
        show(&inner, Some(root.clone()), wire, false)?;
        Ok(Panel(inner))
    }

    #[wasm_bindgen]
    impl Panel {
        /// New inputs (JSON: `ui::panel_wire`); Err with a short reason if they are not.
        pub fn update(&self, wire: String) -> Result<(), String> {
            show(&self.0, None, wire, false)
        }
    }

    /// A set-up file's state as a link (`AppState::file_link`), or why the file is refused.
    #[wasm_bindgen]
    pub fn read_setup_file(text: String) -> Result<String, String> {
        parcel_standoff::ui::state::AppState::file_link(&text)
    }

    /// The open Embed dialog; `update` gives it new inputs, `close` takes it away (focus goes
    /// back to what opened it). It is drawn once its language's texts are here.
    #[wasm_bindgen]
    pub struct Dialog(Rc<RefCell<Shown>>, Callback<Action>);

    enum Shown {
        /// Not drawn yet (its language's texts are being fetched): where it will be.
        Waiting(web_sys::Element),
        Open(AppHandle<EmbedDialog>),
        Closed,
    }

    fn dialog_props(wire: &str, on: &Callback<Action>) -> Result<DialogProps, String> {
        let (lang, link, title) = DialogWire::read(wire)?;
        Ok(DialogProps { lang, link, title, on: on.clone() })
    }

    /// Draw `props` now if its language's texts are here (or were asked for: `fetched`), else
    /// once they are fetched (if still wanted).
    fn show_dialog(shown: &Rc<RefCell<Shown>>, props: DialogProps, fetched: bool) {
        let lang = props.lang;
        if !fetched && !is_ready(lang) {
            let shown = shown.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // a language that cannot be had is shown in English (`page::fetch_texts`)
                let _ = parcel_standoff::view::page::fetch_texts(lang).await;
                show_dialog(&shown, props, true);
            });
            return;
        }
        let mut s = shown.borrow_mut();
        match std::mem::replace(&mut *s, Shown::Closed) {
            Shown::Waiting(root) => {
                root.set_text_content(None);
                *s = Shown::Open(yew::Renderer::<EmbedDialog>::with_root_and_props(root, props).render());
            }
            Shown::Open(mut app) => {
                app.update(props);
                *s = Shown::Open(app);
            }
            Shown::Closed => {}
        }
    }

    /// Open the Embed dialog in `root` with the inputs `wire` (JSON: `ui::panel_wire::DialogWire`);
    /// `closed` is called when the reader closes it.
    #[wasm_bindgen]
    pub fn open_embed_dialog(root: web_sys::Element, wire: String, closed: js_sys::Function) -> Result<Dialog, String> {
        let on = Callback::from(move |a: Action| {
            if a == Action::ToggleEmbedDialog {
                let _ = closed.call0(&JsValue::NULL);
            }
        });
        let props = dialog_props(&wire, &on)?;
        let shown = Rc::new(RefCell::new(Shown::Waiting(root)));
        show_dialog(&shown, props, false);
        Ok(Dialog(shown, on))
    }

    #[wasm_bindgen]
    impl Dialog {
        pub fn update(&mut self, wire: String) -> Result<(), String> {
            let props = dialog_props(&wire, &self.1)?;
            show_dialog(&self.0, props, false);
            Ok(())
        }

        pub fn close(&mut self) {
            if let Shown::Open(app) = std::mem::replace(&mut *self.0.borrow_mut(), Shown::Closed) {
                app.destroy();
            }
        }
    }

    /// The "How sure is this?" panel, mounted in its place inside the page's own app.
    #[wasm_bindgen]
    pub struct Sure(Rc<RefCell<SureInner>>);

    struct SureInner {
        app: Option<AppHandle<SurePanel>>,
        root: web_sys::Element,
        on: Callback<Action>,
        last: String,
    }

    #[derive(yew::Properties, PartialEq)]
    pub struct SureProps {
        lang: parcel_standoff::present::i18n::Lang,
        shown: Rc<parcel_standoff::ui::uncertainty::Shown>,
        on: Callback<Action>,
    }

    #[yew::function_component(SurePanel)]
    fn sure_panel(p: &SureProps) -> yew::Html {
        use parcel_standoff::view::uncertainty_panel::{view, Props};
        view(&Props { lang: p.lang, shown: &p.shown, on: p.on.clone() })
    }

    #[yew::function_component(Nothing)]
    fn nothing() -> yew::Html {
        yew::Html::default()
    }

    /// Show `wire`'s inputs: at once if their language's texts are here (or were asked for).
    fn show_sure(inner: &Rc<RefCell<SureInner>>, wire: String, fetched: bool) -> Result<(), String> {
        let (lang, shown) = SureWire::read(&wire)?;
        inner.borrow_mut().last = wire.clone();
        if !fetched && !is_ready(lang) {
            let inner = inner.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = parcel_standoff::view::page::fetch_texts(lang).await;
                if inner.borrow().last == wire {
                    let _ = show_sure(&inner, wire, true);
                }
            });
            return Ok(());
        }
        let mut b = inner.borrow_mut();
        let props = SureProps { lang, shown: Rc::new(shown), on: b.on.clone() };
        match b.app.as_mut() {
            Some(app) => app.update(props),
            None => {
                // Nested in the page's app, whose tree is number 1 in its own module: this
                // module's trees must be numbered otherwise, or the page's app would take this
                // panel's events for its own (yew's `subtree_root`). A first tree, drawn nowhere,
                // takes number 1 here.
                thread_local!(static FIRST_TAKEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
                if !FIRST_TAKEN.with(|f| f.replace(true)) {
                    if let Some(spare) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok()) {
                        yew::Renderer::<Nothing>::with_root(spare).render().destroy();
                    }
                }
                b.root.set_text_content(None);
                b.app = Some(yew::Renderer::<SurePanel>::with_root_and_props(b.root.clone(), props).render());
            }
        }
        Ok(())
    }

    /// Mount the "How sure is this?" panel in `root` (inside the page's app) with the inputs
    /// `wire` (`ui::panel_wire::SureWire`); `said` is called with what the reader asked for
    /// (`ui::panel_wire::sure_said`).
    #[wasm_bindgen]
    pub fn mount_sure(root: web_sys::Element, wire: String, said: js_sys::Function) -> Result<Sure, String> {
        let on = Callback::from(move |a: Action| {
            if let Some(text) = sure_said(&a) {
                let _ = said.call1(&JsValue::NULL, &JsValue::from_str(&text));
            }
        });
        let inner = Rc::new(RefCell::new(SureInner { app: None, root, on, last: String::new() }));
        show_sure(&inner, wire, false)?;
        Ok(Sure(inner))
    }

    #[wasm_bindgen]
    impl Sure {
        /// New inputs; Err with a short reason if they are not.
        pub fn update(&self, wire: String) -> Result<(), String> {
            show_sure(&self.0, wire, false)
        }

        /// Taken away (its place left the page: the story, an embed).
        pub fn unmount(&self) {
            if let Some(app) = self.0.borrow_mut().app.take() {
                app.destroy();
            }
        }
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("parcel-standoff-panels is a module of the browser app (make serve).");
}
