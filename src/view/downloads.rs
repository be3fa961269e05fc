//! Downloads: a text file (CSV, set-up) or a canvas as a PNG.

use wasm_bindgen::JsCast;

/// Offer `text` as a file download.
pub fn download_text(filename: &str, mime: &str, text: &str) {
    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    click_link(filename, &url);
}

/// Offer a canvas as a PNG download.
pub fn download_canvas(canvas_selector: &str, filename: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(c) = doc.query_selector(canvas_selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok()) else {
        return;
    };
    if let Ok(data) = c.to_data_url_with_type("image/png") {
        click_link(filename, &data);
    }
}

fn click_link(filename: &str, href: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(a) = doc.create_element("a") else { return };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    a.set_href(href);
    a.set_download(filename);
    let _ = a.set_attribute("hidden", "");
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
}
