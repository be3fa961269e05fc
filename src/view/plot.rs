//! Charts on a canvas: the drawing is `draw::chart`'s (the same for the page and `standoff render`).

pub use crate::draw::chart::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// The type of the page's charts.
pub const FONT: &str = "system-ui, sans-serif";

/// Draw a line chart on a canvas. `None` if the canvas could not be drawn.
pub fn draw_lines(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> Option<Drawn> {
    let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    draw_on(&root, spec)
}

/// Size the canvas's pixels to its displayed size × device pixels (type stays sharp on
/// projectors; the page's style sets its shape: wide on a screen, taller on a phone). Returns
/// the displayed width (CSS pixels) and the device pixel ratio.
pub fn fit_canvas(c: &HtmlCanvasElement) -> (f64, f64) {
    let css_w = (c.client_width() as f64).max(280.0);
    let shown_h = c.client_height() as f64;
    let css_h = if shown_h > 0.0 { shown_h } else { css_w * 260.0 / 560.0 };
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if c.width() != w || c.height() != h {
        c.set_width(w);
        c.set_height(h);
    }
    (css_w, dpr)
}
