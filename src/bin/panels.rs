//! The panels' module: what the page's first load does without, loaded when first needed
//! (`view::panels_host`): the experiments panel (its form, checks, result chart and table), when
//! it comes near the screen or the link carries an experiment, and the Embed dialog, when opened.
//! Each is mounted in a container outside the page's own Yew app (the two apps never see each
//! other's events), reads its inputs as JSON (`ui::panel_wire`) and says back what the reader did:
//! the experiment set, the dialog closed. It also reads set-up files for the page (whose module
//! carries no JSON reader): `read_setup_file` gives the state a file holds as a link.

#[cfg(all(target_arch = "wasm32", feature = "app"))]
mod panels {
    use parcel_standoff::present::i18n::is_ready;
    use parcel_standoff::ui::panel_wire::{DialogWire, ExperimentsInputs, ExperimentsWire, Rebuilt};
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
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("parcel-standoff-panels is a module of the browser app (make serve).");
}
