//! Downloads: a text file (CSV, set-up) or a canvas as a PNG.

use wasm_bindgen::JsCast;

/// Offer `text` as a file download.
pub fn download_text(filename: &str, mime: &str, text: &str) {
    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    click_link(filename, &url);
}

/// Offer a canvas as a PNG download, with `caption` lines printed above it (the first in bold)
/// and `key` below it, so the picture says what it shows wherever it ends up.
pub fn download_canvas(canvas_selector: &str, filename: &str, caption: &[String], key: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(c) = doc.query_selector(canvas_selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok()) else {
        return;
    };
    let picture = framed(&doc, &c, caption, key).unwrap_or(c);
    if let Ok(data) = picture.to_data_url_with_type("image/png") {
        click_link(filename, &data);
    }
}

fn framed(doc: &web_sys::Document, c: &web_sys::HtmlCanvasElement, caption: &[String], key: &str) -> Option<web_sys::HtmlCanvasElement> {
    // the canvas is drawn at device pixels: scale the type with it
    let k = (c.width() as f64 / (c.client_width() as f64).max(1.0)).clamp(1.0, 3.0);
    let (line, pad) = (20.0 * k, 10.0 * k);
    let top = pad + line * caption.len() as f64 + pad / 2.0;
    let bottom = line + pad;
    let out: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    out.set_width(c.width());
    out.set_height(c.height() + (top + bottom) as u32);
    let ctx: web_sys::CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    // framed in the page's theme, as the picture is drawn
    let dark = doc.document_element().and_then(|e| e.get_attribute("data-theme")).as_deref() == Some("dark");
    let pal = crate::present::palette::of(dark);
    ctx.set_fill_style_str(pal.paper);
    ctx.fill_rect(0.0, 0.0, out.width() as f64, out.height() as f64);
    ctx.set_fill_style_str(pal.ink);
    ctx.set_text_baseline("top");
    let font = super::page::fonts();
    for (i, text) in caption.iter().enumerate() {
        ctx.set_font(&format!("{}{}px {font}", if i == 0 { "bold " } else { "" }, (15.0 * k).round() as u32));
        let _ = ctx.fill_text(text, pad, pad + line * i as f64);
    }
    ctx.draw_image_with_html_canvas_element(c, 0.0, top).ok()?;
    ctx.set_font(&format!("{}px {font}", (13.0 * k).round() as u32));
    ctx.set_fill_style_str(pal.muted);
    let _ = ctx.fill_text(key, pad, top + c.height() as f64 + pad / 2.0);
    Some(out)
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
