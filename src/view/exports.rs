//! The export panel: every series as CSV, the network as PNG, save and load a set-up file.

use crate::present::i18n::{t, Key, Lang};
use crate::ui::session::Action;
use yew::prelude::*;

/// What it shows, and where its actions go.
pub struct Props<'a> {
    pub lang: Lang,
    /// Why the last set-up file was not loaded.
    pub load_error: Option<&'a String>,
    pub on: Callback<Action>,
}

pub fn view(p: &Props<'_>) -> Html {
    let lang = p.lang;
    let act = |a: Action| super::send::<MouseEvent>(&p.on, a);
    let on_file = {
        let on = p.on.clone();
        Callback::from(move |ev: Event| {
            let input = ev.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                let on = on.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let text = gloo_file::futures::read_as_text(&gloo_file::File::from(f)).await;
                    on.emit(Action::LoadFile(text.map_err(|e| e.to_string())));
                });
            }
            input.set_value("");
        })
    };
    html! {
        <section class="exports" aria-label={t(lang, Key::EXPORTS)}>
            <h2>{ t(lang, Key::EXPORTS) }</h2>
            <button type="button" id="export-csv" onclick={act(Action::ExportCsv)}>{ t(lang, Key::EXPORT_CSV) }</button>
            <button type="button" id="export-csv-all" onclick={act(Action::ExportCsvAll)}>{ t(lang, Key::EXPORT_CSV_ALL) }</button>
            <button type="button" id="export-network" onclick={act(Action::ExportNetworkPng)}>{ t(lang, Key::EXPORT_NETWORK) }</button>
            <button type="button" id="save-setup" onclick={act(Action::SaveSetup)}>{ t(lang, Key::SAVE_SETUP) }</button>
            <label class="button file" for="load-setup">{ t(lang, Key::LOAD_SETUP) }</label>
            <input type="file" id="load-setup" class="sr-only-file" accept=".json,application/json" onchange={on_file} />
            if let Some(e) = p.load_error {
                <p class="param-error" role="alert" id="load-error">{ format!("{}: {}", t(lang, Key::LOAD_FAILED), e) }</p>
            }
        </section>
    }
}
